"""Issued call sheets: which versions of a day are in the issue folder, and the next one."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Issue:
    """One issued version of a day's call sheet and its files (names in the folder)."""

    version: int
    files: tuple[str, ...]
    changes: tuple[str, ...] = ()  # what its snapshot says changed since the one before

    @property
    def pdf(self) -> str | None:
        return next((f for f in self.files if f.endswith(".pdf")), None)


def issues(folder: Path, day: int) -> list[Issue]:
    """The versions of day ``day``'s call sheet issued into ``folder``, oldest first."""
    if not folder.is_dir():
        return []
    pattern = re.compile(rf"call-sheet_day{day:02d}_(?:\d{{4}}-\d\d-\d\d_)?v(\d+)\.(\w+)")
    found: dict[int, list[str]] = {}
    for path in folder.iterdir():
        if (m := pattern.fullmatch(path.name)) and path.is_file():
            found.setdefault(int(m[1]), []).append(path.name)
    return [Issue(v, tuple(sorted(found[v])), _changes(folder, found[v])) for v in sorted(found)]


def _changes(folder: Path, names: list[str]) -> tuple[str, ...]:
    snapshot = next((n for n in names if n.endswith(".json")), None)
    if snapshot is None:
        return ()
    try:
        data = json.loads((folder / snapshot).read_text("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return ()
    changes = data.get("changes") if isinstance(data, dict) else None
    return tuple(str(c) for c in changes) if isinstance(changes, list) else ()


def next_version(found: list[Issue]) -> int:
    """The version the next issue takes: one more than the highest issued, else 1."""
    return max((i.version for i in found), default=0) + 1
