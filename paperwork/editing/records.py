"""What editing takes and answers: a cell to change, a change made, a table's grid."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from paperwork.errors import Diagnostic

HISTORY = Path(".paperwork") / "history"  # inside the production folder
KEEP = 50  # changes kept for undo
MAX_UPLOAD = 20 * 1024 * 1024  # bytes
MAX_UNZIPPED = 100 * 1024 * 1024  # an XLSX's members, uncompressed, all together
MAX_RATIO = 100  # an XLSX member's uncompressed size over its compressed size
MAX_MEMBERS = 10_000
CSV_SUFFIXES = (".csv", ".tsv", ".txt")
XLSX_SUFFIXES = (".xlsx", ".xlsm")


@dataclass(frozen=True, slots=True)
class CellEdit:
    """One cell to change: the table's name under ``tables:``, the row as the file numbers it
    (CSV line, XLSX sheet row; the header is row 1), the column's heading, the new text."""

    table: str
    row: int
    column: str
    value: str  # "" clears the cell


@dataclass(frozen=True, slots=True)
class EditResult:
    """A change written (or undone): the file, the change's id, the cell's text before it."""

    path: Path
    undo_id: str
    before: str
    after: str = ""  # the cell's text now
    table: str = ""


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One kept change, as :func:`history` lists it (newest first)."""

    id: str
    kind: str  # "edit" (one cell), "table" or "script" (an upload replaced the file)
    table: str  # the table's name; "script" for the script
    file: str  # the file changed, relative to the production folder
    row: int = 0  # 0 when the whole file was replaced
    column: str = ""
    before: str = ""
    after: str = ""
    label: str = ""  # the time it was made, when the caller gave one


@dataclass(frozen=True, slots=True)
class ReplaceResult:
    """An upload checked, and replaced only if it had no errors."""

    replaced: bool
    path: Path  # the production's own file (replaced or not)
    diagnostics: tuple[Diagnostic, ...]
    undo_id: str = ""  # when replaced

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]


@dataclass(frozen=True, slots=True)
class GridRow:
    number: int  # the row as the file numbers it (what CellEdit.row takes)
    cells: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Grid:
    """A table as the user's file holds it, for the page's grid."""

    table: str
    path: Path
    source: str  # the file as production.yaml names it: diagnostics' ``pos.file``
    header: tuple[str, ...]  # the headings as written
    keys: tuple[str, ...]  # the same, normalised: diagnostics' ``pos.field`` for a CSV
    letters: tuple[str, ...]  # the XLSX column letters (A, B, ...): diagnostics' ``pos.cell``
    header_row: int
    rows: tuple[GridRow, ...]
    sheet: str | None = None  # XLSX only


@dataclass(frozen=True, slots=True)
class Located:
    name: str
    path: Path
    source: str  # as production.yaml writes it
    sheet: str | None
