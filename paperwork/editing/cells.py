"""The CSV and XLSX cell writers, and each table's grid as its file holds it.

A CSV keeps its encoding, delimiter, quoting and line endings: only the edited cell's bytes
change. An XLSX is opened whole with openpyxl and saved, the new value stored as text,
never as a formula."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from paperwork.editing.files import (
    locate_table,
    read_bytes,
)
from paperwork.editing.records import (
    XLSX_SUFFIXES,
    CellEdit,
    Grid,
    GridRow,
    Located,
)
from paperwork.errors import InputError, UsageError
from paperwork.readers.tables import (
    _choose_sheet,
    _column_letter,
    csv_dialect,
    csv_encoding,
    normalise_header,
)


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


def _csv_header(records: list[_Record], located: Located) -> _Record:
    for record in records:
        if not _blank_record(record.cells):
            return record
    raise UsageError(f"the {located.name} table ({located.source}) is empty: it has no header")


def _column_index(header: list[object], column: str, located: Located) -> int:
    key = normalise_header(column)
    for i, raw in enumerate(header):
        if key and normalise_header(raw) == key:
            return i
    names = ", ".join(repr(cell_text(h)) for h in header if cell_text(h).strip())
    raise UsageError(f"the {located.name} table has no column {column!r} (it has: {names})")


def edit_csv(data: bytes, located: Located, edit: CellEdit) -> tuple[bytes, str]:
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


def _csv_grid(data: bytes, located: Located) -> Grid:
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


def _sheet_name(names: list[str], located: Located) -> str:
    chosen = _choose_sheet(names, located.name, located.sheet)
    if chosen is None:
        raise UsageError(
            f"no sheet named {located.sheet or located.name!r} in {located.source} "
            f"(it has: {', '.join(names)})"
        )
    return chosen


def _xlsx_header(
    rows: list[tuple[int, list[object]]], located: Located
) -> tuple[int, list[object]]:
    for number, values in rows:
        if any(cell_text(v).strip() for v in values):
            return number, values
    raise UsageError(f"the {located.name} table ({located.source}) is empty: it has no header")


def edit_xlsx(data: bytes, located: Located, edit: CellEdit) -> tuple[bytes, str]:
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


def _xlsx_grid(path: Path, located: Located) -> Grid:
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
    located = locate_table(root, table)
    if located.path.suffix.lower() in XLSX_SUFFIXES:
        if not located.path.is_file():
            raise InputError(f"the {table} table file {located.source} does not exist")
        return _xlsx_grid(located.path, located)
    return _csv_grid(read_bytes(located), located)
