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
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import json
import os
import re
import shutil
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from paperwork.errors import Diagnostic, Diagnostics, InputError, OutputError, UsageError
from paperwork.model.production import Production
from paperwork.model.source import Pos
from paperwork.output import write_atomic
from paperwork.readers.manifest import Manifest, _str
from paperwork.readers.production import (
    MANIFEST,
    TABLES,
    ReadContext,
    load_table,
    read_production,
)
from paperwork.readers.tables import (
    _choose_sheet,
    _column_letter,
    csv_dialect,
    csv_encoding,
    normalise_header,
)
from paperwork.readers.yaml_source import YamlMap, load_yaml

HISTORY = Path(".paperwork") / "history"  # inside the production folder
KEEP = 50  # changes kept for undo
MAX_UPLOAD = 20 * 1024 * 1024  # bytes
MAX_UNZIPPED = 100 * 1024 * 1024  # an XLSX's members, uncompressed, all together
MAX_RATIO = 100  # an XLSX member's uncompressed size over its compressed size
MAX_MEMBERS = 10_000
CSV_SUFFIXES = (".csv", ".tsv", ".txt")
XLSX_SUFFIXES = (".xlsx", ".xlsm")


# ---------------------------------------------------------------------------------- the API


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


# ------------------------------------------------------------------------ finding the files


@dataclass(frozen=True, slots=True)
class _Located:
    name: str
    path: Path
    source: str  # as production.yaml writes it
    sheet: str | None


def _manifest(root: Path) -> tuple[Manifest, YamlMap]:
    """production.yaml, read with the manifest reader; an unreadable one is an InputError."""
    diagnostics = Diagnostics()
    path = root / MANIFEST
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read {MANIFEST} in {root}: {exc}") from None
    data = load_yaml(text, MANIFEST, diagnostics)
    if not isinstance(data, YamlMap):
        if not diagnostics.has_errors:
            diagnostics.error("manifest-type", f"{MANIFEST} must be a mapping", Pos(MANIFEST))
        raise InputError(diagnostics.items)
    return Manifest(data, MANIFEST, diagnostics, root.resolve()), data


def _table(root: Path, table: str, manifest: tuple[Manifest, YamlMap] | None = None) -> _Located:
    """The file of the table named ``table`` under ``tables:``: only from production.yaml,
    through the manifest reader, which refuses a path outside the folder."""
    m, data = manifest or _manifest(root)
    tables = m.mapping(data, "tables")
    if table not in tables:
        known = ", ".join(sorted(str(k) for k in tables)) or "none"
        raise UsageError(f"no table {table!r} under 'tables:' in {MANIFEST} (it has: {known})")
    spec = _str(tables[table])
    file_part, _, sheet = spec.partition("#")
    if not file_part:
        raise UsageError(f"tables: {table} names no file in {MANIFEST}")
    path = m.inside(m.root, file_part, tables, table, f"the {table} table")
    if path is None:
        raise InputError(m.d.items)
    return _Located(table, path, file_part, sheet or None)


def _script(root: Path, manifest: tuple[Manifest, YamlMap] | None = None) -> _Located:
    """The script named under ``script:`` (``script: x.fountain`` or ``script: {file: ...}``)."""
    m, data = manifest or _manifest(root)
    holder: Any = data
    key = "script"
    if isinstance(data.get("script"), dict):
        holder, key = data["script"], "file"
    value = m.text(holder, key)
    if not value:
        raise UsageError(f"{MANIFEST} names no script (add 'script: draft.fountain')")
    path = m.inside(m.root, value, holder, key, "the script")
    if path is None:
        raise InputError(m.d.items)
    return _Located("script", path, value, None)


def _inputs(root: Path) -> list[Path]:
    """production.yaml and every file it names that paperwork reads (tables, script)."""
    out = [root.resolve() / MANIFEST]
    try:
        manifest = _manifest(root)
    except (InputError, UsageError):
        return out
    for name in manifest[0].mapping(manifest[1], "tables"):
        with contextlib.suppress(InputError, UsageError):
            out.append(_table(root, str(name), manifest).path)
    with contextlib.suppress(InputError, UsageError):
        out.append(_script(root, manifest).path)
    return out


def _relative(root: Path, path: Path) -> str:
    try:
        return path.relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.name


def fingerprint(root: Path) -> dict[str, tuple[int, int]]:
    """``(mtime_ns, size)`` of each input file (relative name -> stamp); a file missing is
    left out. Compare two to see what changed on disk, Excel's saves included."""
    out: dict[str, tuple[int, int]] = {}
    for path in _inputs(root):
        try:
            st = path.stat()
        except OSError:
            continue
        out[_relative(root, path)] = (st.st_mtime_ns, st.st_size)
    return out


def _stamp(path: Path) -> tuple[int, int, int] | None:
    """What tells a file's versions apart without reading it: a rename (every atomic save,
    ours and Excel's) gives a new inode even within one tick of the file-system clock."""
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size, st.st_ino)


# ------------------------------------------------------------------------------- cell text


def cell_text(value: object) -> str:
    """A cell's value as the grid shows it: numbers without a stray ``.0``, dates ISO."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        if value.time() == time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="minutes" if not value.second else "seconds")
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value)


_PLAIN_NUMBER = re.compile(r"-?(0|[1-9]\d{0,14})(\.\d+)?")


# ----------------------------------------------------------------------------------- CSV


@dataclass(frozen=True, slots=True)
class _Record:
    number: int  # csv's line_num: the line the record ends on (the reader's row number)
    start: int  # character offsets in the text, line ending included
    end: int
    cells: list[str]


def _records(text: str, dialect: Any) -> Iterator[_Record]:
    """Each CSV record with where its text is, numbered as the reader numbers rows."""
    lines = io.StringIO(text, newline="").readlines()
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))
    reader = csv.reader(iter(lines), dialect)
    before = 0
    for cells in reader:
        yield _Record(reader.line_num, offsets[before], offsets[reader.line_num], cells)
        before = reader.line_num


def _blank_record(cells: list[str]) -> bool:
    return all(not c.strip() for c in cells)


def _fields(body: str, dialect: Any) -> list[tuple[int, int]] | None:
    """The (start, end) of each field in one record's text (no line ending); None if it is
    not plain enough to splice (an escape character): then the record is rewritten whole."""
    if dialect.escapechar:
        return None
    delim, quote = dialect.delimiter, dialect.quotechar or '"'
    spans: list[tuple[int, int]] = []
    i, n = 0, len(body)
    while True:
        start = i
        if dialect.skipinitialspace:
            while i < n and body[i] == " ":
                i += 1
        if i < n and body[i] == quote:
            i += 1
            while i < n:
                if body[i] == quote:
                    if i + 1 < n and body[i + 1] == quote:
                        i += 2
                        continue
                    break
                i += 1
            i += 1  # the closing quote
        while i < n and body[i] != delim:
            i += 1
        spans.append((start, i))
        if i >= n:
            return spans
        i += 1


def _quoted(value: str, dialect: Any, was_quoted: bool) -> str:
    quote = dialect.quotechar or '"'
    needs = (
        was_quoted
        or any(c in value for c in (dialect.delimiter, quote, "\r", "\n"))
        or value != value.strip()
        or dialect.quoting == csv.QUOTE_ALL
    )
    return f"{quote}{value.replace(quote, quote * 2)}{quote}" if needs else value


def _byte_len(text: str, codec: str) -> int:
    return len(text) if codec == "cp1252" else len(text.encode(codec))


def _csv_header(records: list[_Record], located: _Located) -> _Record:
    for record in records:
        if not _blank_record(record.cells):
            return record
    raise UsageError(f"the {located.name} table ({located.source}) is empty: it has no header")


def _column_index(header: list[object], column: str, located: _Located) -> int:
    key = normalise_header(column)
    for i, raw in enumerate(header):
        if key and normalise_header(raw) == key:
            return i
    names = ", ".join(repr(cell_text(h)) for h in header if cell_text(h).strip())
    raise UsageError(f"the {located.name} table has no column {column!r} (it has: {names})")


def _edit_csv(data: bytes, located: _Located, edit: CellEdit) -> tuple[bytes, str]:
    encoding = csv_encoding(data)
    text = encoding.decode(data)
    dialect = csv_dialect(text)
    records = list(_records(text, dialect))
    header = _csv_header(records, located)
    index = _column_index(list(header.cells), edit.column, located)
    target = next((r for r in records if r.number == edit.row), None)
    if target is None or edit.row < header.number:
        last = records[-1].number if records else 0
        where = "above the header" if target is not None else f"not in the file (last: {last})"
        raise UsageError(f"row {edit.row} of the {located.name} table is {where}")
    before = target.cells[index] if index < len(target.cells) else ""
    record = text[target.start : target.end]
    body = record.rstrip("\r\n")  # the line ending is kept as it is
    cells = list(target.cells) + [""] * (index + 1 - len(target.cells))
    cells[index] = edit.value
    new_body = _splice(body, cells, index, len(target.cells), edit.value, dialect)
    # Only the changed characters are re-encoded: every other byte of the file is kept,
    # even one that Windows-1252 cannot decode.
    common = 0
    while common < min(len(body), len(new_body)) and body[common] == new_body[common]:
        common += 1
    tail = 0
    while (
        tail < min(len(body), len(new_body)) - common
        and body[len(body) - 1 - tail] == new_body[len(new_body) - 1 - tail]
    ):
        tail += 1
    try:
        middle = new_body[common : len(new_body) - tail].encode(encoding.codec)
    except UnicodeEncodeError:
        raise UsageError(
            f"{located.source} is saved as Windows-1252, which cannot hold this text; "
            "save the file from Excel as 'CSV UTF-8' first"
        ) from None
    prefix = len(encoding.bom) + _byte_len(text[: target.start], encoding.codec)
    start = prefix + _byte_len(body[:common], encoding.codec)
    end = prefix + _byte_len(body[: len(body) - tail], encoding.codec)
    return data[:start] + middle + data[end:], before


def _splice(body: str, cells: list[str], index: int, had: int, value: str, dialect: Any) -> str:
    """The record's text with cell ``index`` set to ``value``, the other cells' text (and
    quoting) as they were; the whole record rewritten by the csv module if that fails."""
    spans = _fields(body, dialect) if body else []
    new_body: str | None = None
    if spans is not None and len(spans) == had:
        if index < len(spans):
            s, e = spans[index]
            raw = body[s:e].lstrip(" ") if dialect.skipinitialspace else body[s:e]
            was_quoted = raw.startswith(dialect.quotechar or '"')
            new_body = body[:s] + _quoted(value, dialect, was_quoted) + body[e:]
        else:  # a short row: the missing cells are added, empty
            added = [_quoted(c, dialect, False) for c in cells[len(spans) :]]
            new_body = dialect.delimiter.join([body, *added] if spans else added)
        if next(csv.reader([new_body], dialect), []) != cells:
            new_body = None  # the reader would not read it back so: write the record whole
    if new_body is None:
        out = io.StringIO()
        csv.writer(out, dialect, lineterminator="").writerow(cells)
        new_body = out.getvalue()
    return new_body


def _csv_grid(data: bytes, located: _Located) -> Grid:
    text = csv_encoding(data).decode(data)
    dialect = csv_dialect(text)
    records = list(_records(text, dialect))
    header = _csv_header(records, located)
    width = len(header.cells)
    rows = tuple(
        GridRow(r.number, tuple((r.cells + [""] * width)[:width]))
        for r in records
        if r.number > header.number and not _blank_record(r.cells)
    )
    return Grid(
        table=located.name,
        path=located.path,
        source=located.source,
        header=tuple(header.cells),
        keys=tuple(normalise_header(h) for h in header.cells),
        letters=tuple(_column_letter(i) for i in range(width)),
        header_row=header.number,
        rows=rows,
    )


# ---------------------------------------------------------------------------------- XLSX


def _xlsx_sheet_rows(ws: Any) -> list[tuple[int, list[object]]]:
    if hasattr(ws, "reset_dimensions"):
        ws.reset_dimensions()
    return [
        (i, list(values))
        for i, values in enumerate(ws.iter_rows(min_row=1, values_only=True), start=1)
    ]


def _sheet_name(names: list[str], located: _Located) -> str:
    chosen = _choose_sheet(names, located.name, located.sheet)
    if chosen is None:
        raise UsageError(
            f"no sheet named {located.sheet or located.name!r} in {located.source} "
            f"(it has: {', '.join(names)})"
        )
    return chosen


def _xlsx_header(
    rows: list[tuple[int, list[object]]], located: _Located
) -> tuple[int, list[object]]:
    for number, values in rows:
        if any(cell_text(v).strip() for v in values):
            return number, values
    raise UsageError(f"the {located.name} table ({located.source}) is empty: it has no header")


def _edit_xlsx(data: bytes, located: _Located, edit: CellEdit) -> tuple[bytes, str]:
    """The workbook (as read, the version kept for undo) with one cell changed."""
    import openpyxl

    keep_vba = located.path.suffix.lower() == ".xlsm"
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), keep_vba=keep_vba, rich_text=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl on a user's file can raise anything
        raise InputError(f"cannot open {located.source} to edit it: {exc}") from None
    ws = book[_sheet_name(book.sheetnames, located)]
    rows = _xlsx_sheet_rows(ws)
    header_row, header = _xlsx_header(rows, located)
    index = _column_index(header, edit.column, located)
    if edit.row < header_row or edit.row > max(ws.max_row, header_row):
        where = "above the header" if edit.row < header_row else f"past the last ({ws.max_row})"
        raise UsageError(f"row {edit.row} of the {located.name} table is {where}")
    cell = ws.cell(row=edit.row, column=index + 1)
    before = cell_text(cell.value)
    old = cell.value
    value: object = edit.value if edit.value != "" else None
    if (
        isinstance(old, int | float)
        and not isinstance(old, bool)
        and _PLAIN_NUMBER.fullmatch(edit.value)
    ):
        value = float(edit.value) if "." in edit.value else int(edit.value)  # a number stays one
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"  # text, even when it begins with '=': never a formula
    out = io.BytesIO()
    book.save(out)
    return out.getvalue(), before


def _xlsx_grid(path: Path, located: _Located) -> Grid:
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001
        raise InputError(f"cannot read {located.source}: {exc}") from None
    try:
        sheet = _sheet_name(book.sheetnames, located)
        rows = _xlsx_sheet_rows(book[sheet])
    finally:
        book.close()
    header_row, header = _xlsx_header(rows, located)
    while header and not cell_text(header[-1]).strip():
        header.pop()
    width = len(header)
    grid_rows = tuple(
        GridRow(n, tuple(cell_text(v) for v in (values + [None] * width)[:width]))
        for n, values in rows
        if n > header_row and any(cell_text(v).strip() for v in values)
    )
    return Grid(
        table=located.name,
        path=located.path,
        source=located.source,
        header=tuple(cell_text(h) for h in header),
        keys=tuple(normalise_header(h) for h in header),
        letters=tuple(_column_letter(i) for i in range(width)),
        header_row=header_row,
        rows=grid_rows,
        sheet=sheet,
    )


def table_grid(root: Path, table: str) -> Grid:
    """The table as its file holds it (headings, each non-blank row with its number)."""
    located = _table(root, table)
    if located.path.suffix.lower() in XLSX_SUFFIXES:
        if not located.path.is_file():
            raise InputError(f"the {table} table file {located.source} does not exist")
        return _xlsx_grid(located.path, located)
    return _csv_grid(_read(located), located)


def _read(located: _Located) -> bytes:
    try:
        return located.path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"the {located.name} file {located.source} does not exist") from None
    except OSError as exc:
        raise InputError(f"cannot read {located.source}: {exc.strerror}") from None


# ------------------------------------------------------------------------------- history


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@contextlib.contextmanager
def _locked(root: Path) -> Iterator[Path]:
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


def _keep(
    root: Path,
    folder: Path,
    located: _Located,
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
        "file": _relative(root, located.path),
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


def _write(path: Path, data: bytes, source: str) -> None:
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


# ------------------------------------------------------------------------------- changes


def edit_cell(root: Path, edit: CellEdit, *, now: datetime | None = None) -> EditResult:
    """Change one cell of a table in its own file, keeping the previous version for undo.

    A table, row or column that does not exist is a :class:`UsageError` saying which exist;
    nothing is written then. ``now`` only labels the history entry.
    """
    if edit.row < 1:
        raise UsageError(f"row {edit.row}: rows are numbered from 1 (the header)")
    located = _table(root, edit.table)
    with _locked(root) as folder:
        previous = _read(located)
        if located.path.suffix.lower() in XLSX_SUFFIXES:
            written, before = _edit_xlsx(previous, located, edit)
        elif located.path.suffix.lower() in CSV_SUFFIXES:
            written, before = _edit_csv(previous, located, edit)
        else:
            raise UsageError(f"the {edit.table} table must be .csv or .xlsx to be edited here")
        record = {
            "kind": "edit",
            "row": edit.row,
            "column": edit.column,
            "before": before,
            "after": edit.value,
        }
        undo_id = _keep(root, folder, located, previous, written, record, now)
        _write(located.path, written, located.source)
    return EditResult(located.path, undo_id, before, edit.value, edit.table)


def undo(root: Path) -> EditResult | None:
    """Put back the file as it was before the latest kept change, and forget that change.

    ``None`` when there is nothing to undo. A :class:`UsageError` (nothing changed) when the
    file changed on disk since that change: undoing would throw away the newer version.
    """
    folder = root / HISTORY
    if not folder.is_dir():
        return None
    with _locked(root) as folder:
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
        _write(path, backup.read_bytes(), relative)
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
    with _locked(root) as folder:
        record = folder / f"{undo_id}.json"
        if not record.is_file():
            return False
        record.with_suffix(".bak").unlink(missing_ok=True)
        record.unlink()
    return True


# ------------------------------------------------------------------------------- uploads


def _suffix(filename: str) -> str:
    """An upload's extension, lower case; the only thing its name is used for."""
    base = filename.replace("\\", "/").rsplit("/", 1)[-1]
    stem, dot, ext = base.rpartition(".")
    return f".{ext.lower()}" if dot and stem and ext.isalnum() else ""


def _looks_like_text(data: bytes) -> bool:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    head = data[:8192]
    if b"\x00" in head or head.startswith((b"PK\x03\x04", b"%PDF", b"\xd0\xcf\x11\xe0")):
        return False
    controls = sum(1 for b in head if b < 32 and b not in b"\t\n\r\x0b\x0c")
    return controls * 100 <= len(head)


def _zip_problem(data: bytes) -> tuple[str, str] | None:
    """(code, message) when an XLSX upload is not a zip, or a zip that unpacks too far."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            members = z.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return "upload-wrong-type", "this is not an XLSX workbook (save it from Excel as .xlsx)"
    if len(members) > MAX_MEMBERS:
        return "upload-zip-bomb", f"the workbook holds {len(members)} parts: refused"
    total = 0
    for m in members:
        total += m.file_size
        if m.file_size > MAX_RATIO * max(m.compress_size, 1) and m.file_size > 1024 * 1024:
            return (
                "upload-zip-bomb",
                "the workbook unpacks to more than 100 times its size: refused as a zip bomb",
            )
    if total > MAX_UNZIPPED:
        return (
            "upload-zip-bomb",
            f"the workbook unpacks to {total // (1024 * 1024)} MB (limit "
            f"{MAX_UNZIPPED // (1024 * 1024)} MB): refused as a zip bomb",
        )
    return None


def _upload_checks(
    data: bytes, filename: str, located: _Located, kind: str, diagnostics: Diagnostics
) -> None:
    where = Pos(located.source)
    what = "the script" if kind == "script" else f"the {located.name} table"
    if len(data) > MAX_UPLOAD:
        diagnostics.error(
            "upload-too-large",
            f"the upload is {len(data) / (1024 * 1024):.1f} MB; the limit is "
            f"{MAX_UPLOAD // (1024 * 1024)} MB",
            where,
        )
        return
    own = located.path.suffix.lower()
    got = _suffix(filename)
    if got != own:
        diagnostics.error(
            "upload-wrong-type",
            f"{what} is {located.source}, a {own} file; the upload is "
            f"{got or 'without an extension'}: save it as {own} (or change {MANIFEST})",
            where,
        )
        return
    if own in XLSX_SUFFIXES:
        problem = _zip_problem(data)
        if problem is not None:
            diagnostics.error(problem[0], problem[1], where)
    elif not _looks_like_text(data):
        diagnostics.error(
            "upload-wrong-type",
            f"this is not a text file: {what} must be saved as {own}",
            where,
        )


@contextlib.contextmanager
def _staged(located: _Located, data: bytes) -> Iterator[Path]:
    """The upload in a private temporary folder, under the production file's own name."""
    folder = Path(tempfile.mkdtemp(prefix="paperwork-upload-"))
    try:
        path = folder / located.path.name
        path.write_bytes(data)
        yield path
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _replace(
    root: Path,
    located: _Located,
    data: bytes,
    diagnostics: Diagnostics,
    now: datetime | None,
) -> ReplaceResult:
    if diagnostics.has_errors:
        return ReplaceResult(False, located.path, tuple(diagnostics))
    kind = "script" if located.name == "script" else "table"
    with _locked(root) as folder:
        try:
            previous = located.path.read_bytes()
        except FileNotFoundError:
            previous = b""
        except OSError as exc:
            raise InputError(f"cannot read {located.source}: {exc.strerror}") from None
        record = {"kind": kind, "row": 0, "column": "", "before": "", "after": ""}
        undo_id = _keep(root, folder, located, previous, data, record, now)
        _write(located.path, data, located.source)
    return ReplaceResult(True, located.path, tuple(diagnostics), undo_id)


def replace_table(
    root: Path, table: str, filename: str, data: bytes, *, now: datetime | None = None
) -> ReplaceResult:
    """Check an uploaded table with the real readers; replace the table's own file with it
    only when it has no errors. ``filename`` gives only the extension, which must be the
    table's own; the file keeps the name ``production.yaml`` gives it."""
    located = _table(root, table)
    diagnostics = Diagnostics()
    _upload_checks(data, filename, located, "table", diagnostics)
    if not diagnostics.has_errors:
        if table not in TABLES:
            raise UsageError(f"paperwork does not read a table named {table!r}")
        with _staged(located, data) as staged:

            def load(
                name: str,
                path: Path,
                source: str,
                sheet: str | None,
                d: Diagnostics,
                context: ReadContext,
            ) -> tuple[Any, ...] | None:
                if name != table:
                    return None  # only the upload is checked here
                return load_table(name, staged, source, sheet, d, context)

            everything = Diagnostics()
            read_production(root, everything, load=load)
            diagnostics.extend([d for d in everything if d.pos and d.pos.file == located.source])
    return _replace(root, located, data, diagnostics, now)


def replace_script(
    root: Path, filename: str, data: bytes, *, now: datetime | None = None
) -> ReplaceResult:
    """Check an uploaded script draft with the real script reader (and paginate it); replace
    the script ``production.yaml`` names only when it has no errors."""
    from paperwork.scripts import paginate_script, read_script

    located = _script(root)
    diagnostics = Diagnostics()
    _upload_checks(data, filename, located, "script", diagnostics)
    if not diagnostics.has_errors:
        with _staged(located, data) as staged:
            screenplay = read_script(staged, diagnostics, located.source)
            if not diagnostics.has_errors and screenplay.elements:
                paginate_script(screenplay)
    return _replace(root, located, data, diagnostics, now)


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
        return _stamp(self.root / MANIFEST)

    def load(
        self,
        name: str,
        path: Path,
        source: str,
        sheet: str | None,
        diagnostics: Diagnostics,
        context: ReadContext,
    ) -> tuple[Any, ...] | None:
        key = (name, str(path), source, sheet, _stamp(path), self._manifest_stamp())
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
            _stamp(production.script),
            _stamp(lock_path_for(production.script)),  # a lock sets the issued pages
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
        from paperwork.pipeline import BuildRequest, plan

        diagnostics = Diagnostics()
        checked = plan(self.root, BuildRequest(today=today), diagnostics, inputs=self)
        return checked, diagnostics
