"""Tables as grids, each problem at its cell, and edits through ``paperwork.editing``.

The grid's rows and header come from ``paperwork.editing.table_grid`` (the file as the
user keeps it); edits, undo and uploads go through the same module, which writes back
atomically and keeps what Excel keeps.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from paperwork import editing
from paperwork.editing.files import stamp
from paperwork.errors import PaperworkError
from paperwork.model.breakdown import Breakdown
from paperwork.web.service import Checked, Problem


class _Marked:
    """What a cell, a row or a source line shows of its problems: the worst one's class and
    every message in its tooltip."""

    __slots__ = ()
    problems: tuple[Problem, ...]

    @property
    def severity(self) -> str:
        if any(p.severity == "error" for p in self.problems):
            return "error"
        return "warning" if self.problems else ""

    @property
    def tip(self) -> str:
        return "\n".join(f"{p.message} [{p.code}]" for p in self.problems)


@dataclass(frozen=True, slots=True)
class GridCell(_Marked):
    id: str  # the element id the problem list links to
    value: str
    column: str  # the header as the file has it (what an edit names)
    problems: tuple[Problem, ...]


@dataclass(frozen=True, slots=True)
class GridRow(_Marked):
    number: int  # the file's row (line) number
    cells: tuple[GridCell, ...]
    problems: tuple[Problem, ...]  # about the row as a whole


@dataclass(frozen=True, slots=True)
class TableGrid:
    name: str
    file: str
    sheet: str | None
    header: tuple[str, ...]
    rows: tuple[GridRow, ...]
    problems: tuple[Problem, ...]  # about the table as a whole (its file, its header)
    error: str = ""  # why it cannot be shown

    def cell_id(self, problem: Problem) -> str:
        """The id of the element a problem in the list links to."""
        at = problem.at
        if at is None:
            return f"table-{self.name}"
        for row in self.rows:
            if row.number == at.row:
                for cell in row.cells:
                    if problem in cell.problems:
                        return cell.id
                return f"row-{self.name}-{row.number}"
        return f"table-{self.name}"


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


Raw = tuple[tuple[str, ...], list[tuple[int, tuple[str, ...]]], str | None, list[str]]
_CACHE: dict[tuple[object, ...], Raw] = {}  # by the table's file and production.yaml's stamps
_CACHE_SIZE = 64


def _raw(root: Path, name: str, path: Path) -> Raw:
    """One table's grid, read again only when its file or production.yaml changed (after an
    edit only the edited table is read, and Excel saving a file is seen like any change)."""
    key = (str(root), name, str(path), stamp(path), stamp(root / "production.yaml"))
    kept = _CACHE.get(key)
    if kept is None:
        kept = _read_raw(root, name, path)
        for old in [k for k in _CACHE if k[:3] == key[:3]]:
            del _CACHE[old]
        if len(_CACHE) >= _CACHE_SIZE:
            del _CACHE[next(iter(_CACHE))]
        _CACHE[key] = kept
    return kept


def _read_raw(root: Path, name: str, path: Path) -> Raw:
    """The header and rows (with their numbers) of one table, its sheet, and each column's
    key as diagnostics name it (the normalised header for a CSV, ``@C`` for an XLSX)."""
    g = editing.table_grid(root, name)
    rows = [(r.number, tuple(map(_text, r.cells))) for r in g.rows]
    keys = [f"@{letter}" for letter in g.letters] if g.sheet else list(g.keys)
    return tuple(map(_text, g.header)), rows, g.sheet, keys


def grids_for(c: Checked) -> list[TableGrid]:
    """Every table of the production, with each of its problems at its cell."""
    out = []
    for name, path in c.tables:
        try:
            file = str(path.relative_to(c.folder))
        except ValueError:
            file = path.name
        mine = [p for p in c.problems if p.at is not None and p.at.table == name]
        loose = tuple(p for p in c.problems if p.file == file and p.at is None)
        try:
            header, rows, sheet, keys = _raw(c.folder, name, path)
        except (ValueError, OSError, KeyError, PaperworkError) as exc:
            out.append(TableGrid(name, file, None, (), (), loose, str(exc)))
            continue
        grid_rows = []
        for number, values in rows:
            here = [p for p in mine if p.at is not None and p.at.row == number]
            cells = []
            for i, key in enumerate(keys):
                value = values[i] if i < len(values) else ""
                at = tuple(p for p in here if p.at is not None and p.at.column == key)
                cells.append(GridCell(f"cell-{name}-{number}-{i}", value, header[i], at))
            placed = {p for cell in cells for p in cell.problems}
            grid_rows.append(
                GridRow(number, tuple(cells), tuple(p for p in here if p not in placed))
            )
        shown = {
            p for r in grid_rows for p in (*r.problems, *(q for c_ in r.cells for q in c_.problems))
        }
        rest = tuple(p for p in mine if p not in shown)
        out.append(TableGrid(name, file, sheet, tuple(header), tuple(grid_rows), loose + rest))
    return out


def cell_edit(body: Any) -> editing.CellEdit:
    """A ``CellEdit`` from the request's JSON (ValueError when it is not one)."""
    if not isinstance(body, dict):
        raise ValueError("an object expected")
    table, row, column, value = body["table"], body["row"], body["column"], body["value"]
    if not (isinstance(table, str) and isinstance(column, str) and isinstance(value, str)):
        raise ValueError("strings expected")
    if not isinstance(row, int) or isinstance(row, bool) or row < 1:
        raise ValueError("a row number expected")
    if len(value) > 10_000:
        raise ValueError("value too long")
    return editing.CellEdit(table, row, column, value)


def replace(root: Path, c: Checked, target: str, suffix: str, data: bytes) -> editing.ReplaceResult:
    """An uploaded table or script draft, checked first by ``paperwork.editing``; the
    upload's own file name is never used, only its type."""
    if target == "script":
        return editing.replace_script(root, f"upload{suffix}", data)
    if target not in dict(c.tables):
        raise ValueError(f"no table named {target!r} in this production")
    return editing.replace_table(root, target, f"upload{suffix}", data)


def breakdown_rows(breakdown: Breakdown | None) -> list[dict[str, str]]:
    """The script's scenes as the script page lists them."""
    from paperwork.planning.breakdown import format_eighths

    scenes = breakdown.scenes if breakdown is not None else ()
    return [
        {
            "number": s.number,
            "heading": s.heading,
            "page": s.page,
            "eighths": format_eighths(s.eighths),
            "cast": ", ".join(s.characters),
            "pos": str(s.pos) if s.pos is not None else "",
            "line": str(s.pos.line) if s.pos is not None and s.pos.line else "",
        }
        for s in scenes
    ]


@dataclass(frozen=True, slots=True)
class SourceLine(_Marked):
    number: int
    text: str
    problems: tuple[Problem, ...]


MAX_SOURCE = 2 << 20  # a larger file is not shown line by line


def source_lines(folder: Path, file: str, problems: tuple[Problem, ...]) -> list[SourceLine]:
    """A text file of the production (production.yaml, the script) line by line, with each
    problem at its line; empty when it cannot be read."""
    path = folder / file
    try:
        if path.stat().st_size > MAX_SOURCE:
            return []
        text = path.read_text("utf-8", errors="replace")
    except OSError:
        return []
    at: dict[int, list[Problem]] = {}
    for p in problems:
        if p.file == file and p.line:
            at.setdefault(p.line, []).append(p)
    return [
        SourceLine(n, line, tuple(at.get(n, ())))
        for n, line in enumerate(text.splitlines(), start=1)
    ]
