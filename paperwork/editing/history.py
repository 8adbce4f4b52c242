"""The changes kept for undo in ``.paperwork/history/``, and undo itself.

Each change keeps the file as it was before (the last :data:`KEEP`); :func:`undo` refuses
when the file changed on disk since the change it would undo."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from paperwork.editing.files import (
    relative,
)
from paperwork.editing.records import (
    HISTORY,
    KEEP,
    EditResult,
    HistoryEntry,
    Located,
)
from paperwork.errors import InputError, OutputError, UsageError
from paperwork.output import write_atomic


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@contextlib.contextmanager
def locked(root: Path) -> Iterator[Path]:
    """The history folder, held exclusively (one change at a time, across processes)."""
    import fcntl

    folder = root / HISTORY
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd = os.open(folder / ".lock", os.O_RDWR | os.O_CREAT, 0o666)
    except OSError as exc:
        raise OutputError(f"cannot keep the history in {folder}: {exc.strerror}") from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield folder
    finally:
        os.close(fd)


def _entries(folder: Path) -> list[tuple[int, Path]]:
    """(counter, record) of each kept change, oldest first."""
    out = []
    for path in folder.glob("*.json"):
        head = path.name.split("-", 1)[0]
        if head.isdigit():
            out.append((int(head), path))
    return sorted(out)


def _next_id(folder: Path) -> int:
    counter = folder / "counter"
    try:
        last = int(counter.read_text(encoding="ascii").strip() or 0)
    except (OSError, ValueError):
        last = 0
    entries = _entries(folder)
    n = max(last, entries[-1][0] if entries else 0) + 1
    write_atomic(counter, f"{n}\n".encode("ascii"))
    return n


def keep(
    root: Path,
    folder: Path,
    located: Located,
    previous: bytes,
    written: bytes,
    record: dict[str, object],
    now: datetime | None,
) -> str:
    """Keep ``previous`` (the file before this change) and its record; trim to KEEP."""
    n = _next_id(folder)
    safe = re.sub(r"[^A-Za-z0-9_]+", "_", located.name)[:40] or "table"
    undo_id = f"{n:06d}-{safe}"
    write_atomic(folder / f"{undo_id}.bak", previous)
    record = {
        "id": undo_id,
        "table": located.name,
        "file": relative(root, located.path),
        **record,
        "label": now.isoformat(timespec="seconds") if now is not None else "",
        "sha256_before": _sha(previous),
        "sha256_after": _sha(written),
    }
    write_atomic(
        folder / f"{undo_id}.json",
        json.dumps(record, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8"),
    )
    entries = _entries(folder)
    for _, old in entries[: max(0, len(entries) - KEEP)]:
        old.with_suffix(".bak").unlink(missing_ok=True)
        old.unlink(missing_ok=True)
    return undo_id


def write_back(path: Path, data: bytes, source: str) -> None:
    try:
        write_atomic(path, data)
    except OSError as exc:
        raise OutputError(f"could not save {source}: {exc.strerror or exc}") from None


def _load_record(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def history(root: Path) -> list[HistoryEntry]:
    """The changes kept for undo, newest first."""
    folder = root / HISTORY
    if not folder.is_dir():
        return []
    out = []
    for _, path in reversed(_entries(folder)):
        r = _load_record(path)
        if not r:
            continue
        out.append(
            HistoryEntry(
                id=str(r.get("id", path.stem)),
                kind=str(r.get("kind", "edit")),
                table=str(r.get("table", "")),
                file=str(r.get("file", "")),
                row=int(r.get("row", 0) or 0),
                column=str(r.get("column", "")),
                before=str(r.get("before", "")),
                after=str(r.get("after", "")),
                label=str(r.get("label", "")),
            )
        )
    return out


def undo(root: Path) -> EditResult | None:
    """Put back the file as it was before the latest kept change, and forget that change.

    ``None`` when there is nothing to undo. A :class:`UsageError` (nothing changed) when the
    file changed on disk since that change: undoing would throw away the newer version.
    """
    folder = root / HISTORY
    if not folder.is_dir():
        return None
    with locked(root) as folder:
        entries = _entries(folder)
        if not entries:
            return None
        _, latest = entries[-1]
        r = _load_record(latest)
        backup = latest.with_suffix(".bak")
        relative = str(r.get("file", ""))
        path = (root.resolve() / relative).resolve()
        if not r or not backup.is_file() or not path.is_relative_to(root.resolve()):
            raise UsageError(f"the kept change {latest.stem} is damaged; it cannot be undone")
        try:
            current = path.read_bytes()
        except FileNotFoundError:
            current = b""
        except OSError as exc:
            raise InputError(f"cannot read {relative}: {exc.strerror}") from None
        if _sha(current) != r.get("sha256_after"):
            raise UsageError(
                f"{relative} has changed since this change was made (saved in another program?); "
                "undo would overwrite that newer version, so nothing was undone"
            )
        write_back(path, backup.read_bytes(), relative)
        backup.unlink(missing_ok=True)
        latest.unlink(missing_ok=True)
    return EditResult(
        path,
        str(r.get("id", latest.stem)),
        before=str(r.get("after", "")),
        after=str(r.get("before", "")),
        table=str(r.get("table", "")),
    )


def forget(root: Path, undo_id: str) -> bool:
    """Drop one kept change (one that can no longer be undone); False if there is none."""
    folder = root / HISTORY
    if not folder.is_dir() or not re.fullmatch(r"\d{6}-[A-Za-z0-9_]+", undo_id):
        return False
    with locked(root) as folder:
        record = folder / f"{undo_id}.json"
        if not record.is_file():
            return False
        record.with_suffix(".bak").unlink(missing_ok=True)
        record.unlink()
    return True
