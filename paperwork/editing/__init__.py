"""Editing a production's own files in place: one cell, a whole table, the script, with undo.

What the web page calls (it speaks HTTP; this does not). Every change is written back to the
user's own file, the one ``production.yaml`` names, through a temporary file and a rename,
and the previous version is kept first in ``.paperwork/history/`` inside the production
folder (the last :data:`KEEP` changes), so :func:`undo` can put it back.

- A CSV keeps its encoding (UTF-8 with or without its mark, UTF-16, Windows-1252), its
  delimiter, quoting and line endings: only the edited cell's bytes change.
- An XLSX is opened whole with openpyxl and saved, so its other sheets, styles, comments and
  column widths stay; the new value is stored as text, never as a formula.
- An upload (:func:`replace_table`, :func:`replace_script`) is read with the real readers
  before anything is replaced; its file name gives only its extension, never a path.
- :func:`undo` refuses when the file changed on disk since the change it would undo (saved
  in Excel meanwhile): it never overwrites the user's newer work.

Re-checking after an edit: :func:`fingerprint` tells which input files changed on disk, and
:class:`ProductionCache` keeps the tables and script already read and re-reads only those.

Nothing here reads the clock: a change's label takes ``now`` as an argument when wanted.

The rooms: :mod:`.records` (what the API takes and answers), :mod:`.files` (finding the
production's files), :mod:`.cells` (the CSV and XLSX cell writers, the grids),
:mod:`.history` (kept changes, undo), :mod:`.uploads` (replacing a table or the script);
here, :func:`edit_cell` and :class:`ProductionCache`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from paperwork.editing.cells import cell_text, edit_csv, edit_xlsx, table_grid
from paperwork.editing.files import fingerprint, locate_table, read_bytes, stamp
from paperwork.editing.history import forget, history, keep, locked, undo, write_back
from paperwork.editing.records import (
    CSV_SUFFIXES,
    HISTORY,
    KEEP,
    MAX_UPLOAD,
    XLSX_SUFFIXES,
    CellEdit,
    EditResult,
    Grid,
    GridRow,
    HistoryEntry,
    ReplaceResult,
)
from paperwork.editing.uploads import replace_script, replace_table
from paperwork.errors import Diagnostic, Diagnostics, UsageError
from paperwork.model.production import Production
from paperwork.readers.production import MANIFEST, ReadContext, load_table, read_production

__all__ = [
    "CSV_SUFFIXES",
    "HISTORY",
    "KEEP",
    "MAX_UPLOAD",
    "XLSX_SUFFIXES",
    "CellEdit",
    "EditResult",
    "Grid",
    "GridRow",
    "HistoryEntry",
    "ProductionCache",
    "ReplaceResult",
    "cell_text",
    "edit_cell",
    "fingerprint",
    "forget",
    "history",
    "replace_script",
    "replace_table",
    "table_grid",
    "undo",
]


def edit_cell(root: Path, edit: CellEdit, *, now: datetime | None = None) -> EditResult:
    """Change one cell of a table in its own file, keeping the previous version for undo.

    A table, row or column that does not exist is a :class:`UsageError` saying which exist;
    nothing is written then. ``now`` only labels the history entry.
    """
    if edit.row < 1:
        raise UsageError(f"row {edit.row}: rows are numbered from 1 (the header)")
    located = locate_table(root, edit.table)
    with locked(root) as folder:
        previous = read_bytes(located)
        if located.path.suffix.lower() in XLSX_SUFFIXES:
            written, before = edit_xlsx(previous, located, edit)
        elif located.path.suffix.lower() in CSV_SUFFIXES:
            written, before = edit_csv(previous, located, edit)
        else:
            raise UsageError(f"the {edit.table} table must be .csv or .xlsx to be edited here")
        record = {
            "kind": "edit",
            "row": edit.row,
            "column": edit.column,
            "before": before,
            "after": edit.value,
        }
        undo_id = keep(root, folder, located, previous, written, record, now)
        write_back(located.path, written, located.source)
    return EditResult(located.path, undo_id, before, edit.value, edit.table)


# ----------------------------------------------------------------------- re-check, cached


@dataclass(slots=True)
class ProductionCache:
    """Keeps what was read of one production, and re-reads only the files that changed.

    Pass it as ``inputs`` to :func:`paperwork.pipeline.plan` (or call :meth:`check`): each
    table's records (and the diagnostics its reading gave) are kept by the table's file and
    production.yaml's stamp; the script read and paginated is kept by its file's stamp.
    Excel saving a file is seen like any other change.
    """

    root: Path
    _tables: dict[tuple[object, ...], tuple[tuple[Any, ...] | None, list[Diagnostic]]] = field(
        default_factory=dict
    )
    _script: dict[tuple[object, ...], tuple[object, list[Diagnostic]]] = field(default_factory=dict)
    reads: int = 0  # table files actually read (for tests and the bench)

    def _manifest_stamp(self) -> object:
        return stamp(self.root / MANIFEST)

    def load(
        self,
        name: str,
        path: Path,
        source: str,
        sheet: str | None,
        diagnostics: Diagnostics,
        context: ReadContext,
    ) -> tuple[Any, ...] | None:
        key = (name, str(path), source, sheet, stamp(path), self._manifest_stamp())
        kept = self._tables.get(key)
        if kept is None:
            own = Diagnostics()
            self.reads += 1
            kept = (load_table(name, path, source, sheet, own, context), list(own))
            for old in [k for k in self._tables if k[:4] == key[:4]]:
                del self._tables[old]
            self._tables[key] = kept
        diagnostics.extend(list(kept[1]))
        return kept[0]

    def read_production(self, folder: Path, diagnostics: Diagnostics) -> Production | None:
        return read_production(folder, diagnostics, load=self.load)

    def prepare_script(
        self, production: Production, diagnostics: Diagnostics, today: date | None = None
    ) -> Any:
        from paperwork.pipeline import prepare_script
        from paperwork.revise import lock_path_for

        assert production.script is not None
        key = (
            str(production.script),
            stamp(production.script),
            stamp(lock_path_for(production.script)),  # a lock sets the issued pages
            production.script_paper,
            production.title,
            today,
        )
        kept = self._script.get(key)
        if kept is None:
            own = Diagnostics()
            kept = (prepare_script(production, own, today), list(own))
            self._script = {key: kept}
        diagnostics.extend(list(kept[1]))
        return kept[0]

    def check(self, today: date) -> tuple[Any, Diagnostics]:
        """The production checked as ``paperwork check`` does: (the plan, its diagnostics)."""
        from paperwork import service

        diagnostics = Diagnostics()
        checked = service.check(self.root, today, diagnostics, inputs=self)
        return checked, diagnostics
