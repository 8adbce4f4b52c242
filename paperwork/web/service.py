"""What the pages show, computed through the pipeline's own API; nothing here speaks HTTP.

A :class:`Workspace` holds the productions the server was started with. Checking a
production is ``pipeline.plan`` (read, check, build, nothing rendered), cached against a
fingerprint of the folder's files, so that a change made on disk (Excel saving a table)
is picked up at the next request, and an unchanged folder is not read twice.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from paperwork.errors import Diagnostic, Diagnostics, PaperworkError
from paperwork.model.source import Pos

MANIFEST_NAME = "production.yaml"
_SKIP_DIRS = {"out", ".git", "__pycache__"}


class Gone(Exception):
    """The production folder vanished or cannot be read: a message page, not a traceback."""

    def __init__(self, folder: Path, why: str) -> None:
        super().__init__(f"{folder}: {why}")
        self.folder = folder
        self.why = why


@dataclass(frozen=True, slots=True)
class Cell:
    """Where a diagnostic lands in a table's grid: the table, its row number, its column."""

    table: str
    row: int
    column: str  # the normalised header; "" for the whole row


@dataclass(frozen=True, slots=True)
class Problem:
    """A diagnostic as the page and the API show it."""

    severity: str
    code: str
    message: str
    file: str
    line: int
    column: str
    cell: str | None  # "Crew!C12" for XLSX, else None
    at: Cell | None  # its grid cell, when it is in a table

    @property
    def where(self) -> str:
        if self.cell:
            return f"{self.file}:{self.cell}"
        parts = (
            [self.file]
            + ([str(self.line)] if self.line else [])
            + ([self.column] if self.column else [])
        )
        return ":".join(p for p in parts if p)

    def as_json(self) -> dict[str, object]:
        return {
            "severity": self.severity,
            "code": self.code,
            "message": self.message,
            "file": self.file,
            "line": self.line or None,
            "column": self.column or None,
            "cell": self.cell,
        }


@dataclass(slots=True)
class Checked:
    """One check of a production: its facts and every problem, with what can be built."""

    id: str
    folder: Path
    title: str
    company: str
    first_day: date | None
    last_day: date | None
    next_day: tuple[int, date] | None
    days: tuple[tuple[int, date], ...]
    buildable: tuple[str, ...]
    skipped: tuple[tuple[str, str], ...]  # (kind, why)
    problems: tuple[Problem, ...]
    tables: tuple[tuple[str, Path], ...]
    script: Path | None
    breakdown: object | None = None  # the script's breakdown, when it read
    script_paper: str = "letter"
    revision_colours: tuple[str, ...] = ()
    readable: bool = True

    @property
    def errors(self) -> int:
        return sum(1 for p in self.problems if p.severity == "error")

    @property
    def warnings(self) -> int:
        return sum(1 for p in self.problems if p.severity == "warning")


def production_id(folder: Path) -> str:
    """A short stable id for a folder: its name (made URL-safe) and a hash of its path."""
    name = re.sub(r"[^a-z0-9]+", "-", folder.name.lower()).strip("-") or "production"
    digest = hashlib.sha256(str(folder).encode("utf-8")).hexdigest()[:6]
    return f"{name[:40]}-{digest}"


def find_productions(folders: Iterable[Path]) -> list[Path]:
    """Each folder that is a production, or the productions one level inside it."""
    found: list[Path] = []
    for folder in folders:
        folder = folder.resolve()
        if (folder / MANIFEST_NAME).is_file():
            found.append(folder)
        elif folder.is_dir():
            found += sorted(p.parent for p in folder.glob(f"*/{MANIFEST_NAME}"))
    return list(dict.fromkeys(found))


def fingerprint(folder: Path) -> tuple[tuple[str, int, int], ...]:
    """Every input file's name, size and modification time (the output folder left out)."""
    out: list[tuple[str, int, int]] = []
    stack = [folder]
    while stack:
        here = stack.pop()
        try:
            entries = list(here.iterdir())
        except OSError as exc:
            raise Gone(folder, exc.strerror or "cannot be read") from None
        for p in entries:
            if p.name.startswith(".") or p.name in _SKIP_DIRS:
                continue
            try:
                st = p.stat()
            except OSError:
                continue
            if p.is_dir():
                stack.append(p)
            else:
                out.append((str(p.relative_to(folder)), st.st_size, st.st_mtime_ns))
    return tuple(sorted(out))


def stamp_digest(folder: Path) -> str:
    """A short digest of :func:`fingerprint`: it changes when any input file does."""
    text = repr(fingerprint(folder)).encode("utf-8")
    return hashlib.sha256(text).hexdigest()[:16]


def _cell_name(pos: Pos) -> str | None:
    if pos.sheet and pos.cell:
        return f"{pos.sheet}!{pos.cell}"
    return None


def problem_of(d: Diagnostic, tables: dict[str, str]) -> Problem:
    """A diagnostic placed at its grid cell; ``tables`` maps each table's file to its name."""
    pos = d.pos
    if pos is None:
        return Problem(d.severity, d.code, d.message, "", 0, "", None, None)
    column = pos.field or (str(pos.column) if pos.column else "")
    at = None
    table = tables.get(pos.file)
    if table is not None and pos.line:
        if pos.sheet and pos.cell:
            letters = re.match(r"[A-Z]+", pos.cell)
            at = Cell(table, pos.line, f"@{letters[0]}" if letters else "")
        else:
            at = Cell(table, pos.line, pos.field)
    return Problem(d.severity, d.code, d.message, pos.file, pos.line, column, _cell_name(pos), at)


def _plan_takes_inputs() -> bool:
    import inspect

    from paperwork.pipeline import plan

    return "inputs" in inspect.signature(plan).parameters


def reading_cache(folder: Path) -> object | None:
    """What keeps the tables and script read between checks, re-reading only the files that
    changed (``paperwork.editing.ProductionCache``), where this installation has it."""
    try:
        from paperwork.editing import ProductionCache
    except ImportError:
        return None
    return ProductionCache(folder) if _plan_takes_inputs() else None


def check_folder(folder: Path, today: date, inputs: object | None = None) -> Checked:
    """``pipeline.plan`` on the folder: everything but rendering, as the CLI's ``check``;
    ``inputs`` (see :func:`reading_cache`) re-reads only what changed."""
    from paperwork.pipeline import BuildRequest, plan

    if not (folder / MANIFEST_NAME).is_file():
        raise Gone(folder, "the folder or its production.yaml is no longer there")
    diagnostics = Diagnostics()
    extra: dict[str, Any] = {"inputs": inputs} if inputs is not None else {}
    try:
        run = plan(folder, BuildRequest(today=today), diagnostics, **extra)
    except PaperworkError as exc:
        diagnostics.extend(exc.diagnostics)
        diagnostics.error("unreadable", exc.message or "the production could not be read")
        run = None
    except OSError as exc:
        raise Gone(folder, exc.strerror or "cannot be read") from None
    production = run.production if run is not None else None
    tables: dict[str, str] = {}
    if production is not None:
        for name, path in production.tables:
            try:
                tables[str(path.relative_to(production.root))] = name
            except ValueError:
                tables[path.name] = name
    problems = tuple(  # errors first, then warnings, each in the order they were found
        sorted(
            (problem_of(d, tables) for d in diagnostics if d.severity != "info"),
            key=lambda p: p.severity != "error",
        )
    )
    if production is None or run is None:
        return Checked(
            production_id(folder), folder, folder.name, "", None, None, None, (), (), (),
            problems, (), None, readable=False,
        )  # fmt: skip
    days = tuple((d.number, d.date) for d in production.shoot_days)
    upcoming = [d for d in days if d[1] >= today]
    kinds = sorted({d.kind for d in run.docs})
    return Checked(
        id=production_id(folder),
        folder=folder,
        title=production.title,
        company=production.company.name,
        first_day=min((d[1] for d in days), default=None),
        last_day=max((d[1] for d in days), default=None),
        next_day=upcoming[0] if upcoming else None,
        days=days,
        buildable=tuple(kinds),
        skipped=tuple((s.kind, s.reason) for s in run.skipped),
        problems=problems,
        tables=production.tables,
        script=production.script,
        breakdown=run.request.options.breakdown,
        script_paper=production.script_paper,
        revision_colours=production.revision_colours,
    )


@dataclass
class Entry:
    folder: Path
    checked: Checked | None = None
    stamp: tuple[tuple[str, int, int], ...] = ()
    lock: threading.Lock = field(default_factory=threading.Lock)
    inputs: object | None = None  # the reading cache, made at the first check


class Workspace:
    """The productions one server shows, each checked when its files change."""

    def __init__(self, folders: Iterable[Path], today: Callable[[], date]) -> None:
        self.roots = [Path(f).resolve() for f in folders]
        self.today = today
        self._entries: dict[str, Entry] = {}
        self.refresh()

    def refresh(self) -> None:
        """Look again for productions (one made with "New production" appears)."""
        for folder in find_productions(self.roots):
            self._entries.setdefault(production_id(folder), Entry(folder))

    @property
    def ids(self) -> list[str]:
        return list(self._entries)

    def folder(self, pid: str) -> Path:
        entry = self._entries.get(pid)
        if entry is None:
            raise KeyError(pid)
        return entry.folder

    def cached(self, pid: str) -> Checked | None:
        return self._entries[pid].checked

    def check(self, pid: str) -> Checked:
        """The production checked; again only when one of its files changed."""
        entry = self._entries[pid]
        if not entry.folder.is_dir():
            raise Gone(entry.folder, "the folder is no longer there")
        with entry.lock:
            stamp = fingerprint(entry.folder)
            if entry.checked is None or stamp != entry.stamp:
                if entry.inputs is None:
                    entry.inputs = reading_cache(entry.folder)
                entry.checked = check_folder(entry.folder, self.today(), entry.inputs)
                entry.stamp = stamp
            return entry.checked

    def new_production(self, name: str) -> Path:
        """``init`` from the page: a new folder with the worked example, beside the others."""
        from paperwork.resources import templates_dir

        if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9 _-]{0,59}", name):
            raise ValueError("use letters, digits, spaces, hyphens or underscores (up to 60)")
        parent = next((r for r in self.roots if not (r / MANIFEST_NAME).is_file()), None)
        if parent is None:
            parent = self.roots[0].parent if self.roots else Path.cwd()
        target = parent / name
        if target.exists():
            raise ValueError(f"{target} already exists; choose another name")
        shutil.copytree(templates_dir() / "new-production", target)
        if parent not in self.roots:
            self.roots.append(parent)
        self._entries.setdefault(production_id(target.resolve()), Entry(target.resolve()))
        return target


def inside(root: Path, relative: str) -> Path | None:
    """``relative`` under ``root``, or None if it would leave it (``..``, a link, absolute)."""
    if not relative or "\x00" in relative or relative.startswith(("/", "\\")):
        return None
    parts = Path(relative).parts
    if any(p in ("..", ".") or p.startswith(".") for p in parts):
        return None
    base = root.resolve()
    path = (base / relative).resolve()
    if not path.is_relative_to(base) or not path.is_file():
        return None
    return path
