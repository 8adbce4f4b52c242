"""Tables from CSV or XLSX, each row and cell keeping where it came from.

The same columns either way; header names are case-, space- and hyphen-insensitive
(``Rights Holder``, ``rights-holder`` and ``rights_holder`` are one column). A problem is a
located :class:`~paperwork.errors.Diagnostic`, never an exception: a broken file reports
``table-unreadable`` and yields no table.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

from paperwork.errors import Diagnostics
from paperwork.model.source import Pos
from paperwork.readers.controls import clean_cell

Value = str | int | float | date | datetime | time | bool | None


def cell_value(value: object) -> Value:
    """A value read elsewhere (a parsed cell, a YAML scalar) handed to a cell parser: kept
    when a cell could hold it, else as its text (which the parser then reports)."""
    return value if isinstance(value, str | int | float | date | time | bool) else str(value)


def normalise_header(name: object) -> str:
    """``"  Rights Holder "`` -> ``"rights_holder"``; ``"Fee (£)"`` -> ``"fee"``."""
    text = str(name if name is not None else "").strip().lower()
    text = re.sub(r"\(.*?\)", " ", text)
    return re.sub(r"[^0-9a-z]+", "_", text).strip("_")


@dataclass(frozen=True, slots=True)
class Row:
    """One data row: values by normalised header, and where each cell is."""

    number: int  # 1-based line (CSV) or row (XLSX)
    values: Mapping[str, Value]
    cells: Mapping[str, Pos]
    pos: Pos

    def get(self, column: str) -> Value:
        return self.values.get(column)

    def where(self, column: str) -> Pos:
        return self.cells.get(column, self.pos)


@dataclass(frozen=True, slots=True)
class Table:
    name: str
    source: str  # display name of the file, e.g. "clearances.csv" or "log.xlsx"
    header: tuple[str, ...]  # normalised names, in file order
    header_pos: Mapping[str, Pos]
    rows: tuple[Row, ...]
    pos: Pos

    def __iter__(self) -> Iterator[Row]:
        return iter(self.rows)


def _column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def _blank(value: Value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


@dataclass(frozen=True, slots=True)
class _TableFile:
    """The table asked for: its file, its name (in messages), the file's display name, the
    workbook sheet named, and whether a header with no rows is a table of none."""

    path: Path
    name: str
    source: str
    sheet: str | None
    rows_optional: bool


def _build(
    file: _TableFile,
    records: list[tuple[int, list[Value]]],
    pos_of: Callable[[int, int | None, str | None], Pos],
    diagnostics: Diagnostics,
    sheet: str = "",
) -> Table | None:
    """Turn raw (row number, cells) records into a Table: the first non-blank row is the header.
    A header with no rows is an error, unless the file's ``rows_optional`` (a table that may
    say "none"). ``sheet``: the workbook sheet the records are from."""
    name, table_pos = file.name, Pos(file.source, sheet=sheet)
    records = [(n, cells) for n, cells in records if not all(_blank(c) for c in cells)]
    if not records:
        diagnostics.error(
            "table-empty",
            f"the {name} table is empty: expected a header row and data rows",
            table_pos,
        )
        return None
    header_line, raw_header = records[0]
    header: list[str] = []
    header_pos: dict[str, Pos] = {}
    keep: list[int] = []
    for i, raw in enumerate(raw_header):
        if _blank(raw):
            continue
        norm = normalise_header(raw)
        where = pos_of(header_line, i, norm or None)
        if not norm:
            diagnostics.error(
                "bad-header", f"column heading {str(raw)!r} has no letters or digits", where
            )
            continue
        if norm in header_pos:
            diagnostics.error(
                "duplicate-column",
                f"column {norm!r} appears twice (first at {header_pos[norm]})",
                where,
            )
            continue
        header.append(norm)
        header_pos[norm] = where
        keep.append(i)
    rows: list[Row] = []
    last = len(raw_header) - 1
    for number, cells in records[1:]:
        extra = [c for c in cells[last + 1 :] if not _blank(c)]
        if extra:
            diagnostics.warning(
                "extra-cells",
                f"this row has {len(extra)} more cell(s) than the table has headings "
                f"(first extra: {str(extra[0])!r}); a comma inside a value needs quotes",
                pos_of(number, None, None),
            )
        values: dict[str, Value] = {}
        cell_pos: dict[str, Pos] = {}
        for col, i in zip(header, keep, strict=True):
            v = cells[i] if i < len(cells) else None
            cell_pos[col] = pos_of(number, i, col)
            if isinstance(v, str):
                v = clean_cell(v, cell_pos[col], diagnostics).strip()
            values[col] = v
        rows.append(Row(number, values, cell_pos, pos_of(number, None, None)))
    if not rows and not file.rows_optional:
        diagnostics.error("table-empty", f"the {name} table has a header but no rows", table_pos)
        return None
    source = f"{file.source}:{sheet}" if sheet else file.source
    return Table(name, source, tuple(header), header_pos, tuple(rows), table_pos)


@dataclass(frozen=True, slots=True)
class CsvEncoding:
    """How a CSV file's bytes are text: its codec and byte-order mark, as the reader decides.

    UTF-16 with its mark (Excel's "Unicode text"), UTF-8 with or without a mark, else
    Windows-1252 (``not_utf8_line``: the line of the first byte that is not UTF-8).
    """

    codec: str  # "utf-8", "utf-16-le", "utf-16-be" or "cp1252"
    bom: bytes = b""
    not_utf8_line: int = 0

    def decode(self, data: bytes) -> str:
        errors = "replace" if self.codec == "cp1252" else "strict"
        return data[len(self.bom) :].decode(self.codec, errors=errors)


def csv_encoding(data: bytes) -> CsvEncoding:
    """The encoding the reader reads ``data`` in (see :class:`CsvEncoding`)."""
    for bom, codec in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            return CsvEncoding(codec, bom)
    bom = b"\xef\xbb\xbf" if data.startswith(b"\xef\xbb\xbf") else b""
    try:
        data[len(bom) :].decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: len(bom) + exc.start].count(b"\n") + 1
        return CsvEncoding("cp1252", b"", line)
    return CsvEncoding("utf-8", bom)


def csv_dialect(text: str) -> type[csv.Dialect] | csv.Dialect:
    """The file's delimiter and quoting, sniffed from its start (Excel's comma otherwise)."""
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
        # The sniffer can turn off doubled quotes, splitting '"Song ""Title"""' cells.
        dialect.doublequote = True
    except csv.Error:
        return csv.excel
    return dialect


def _read_csv(file: _TableFile, diagnostics: Diagnostics) -> Table | None:
    """Read a CSV table (UTF-8 with or without BOM; cp1252 accepted with a warning)."""
    path, name, source = file.path, file.name, file.source
    table_pos = Pos(source)
    try:
        data = path.read_bytes()
    except OSError as exc:
        diagnostics.error(
            "table-unreadable", f"cannot read the {name} table: {exc.strerror}", table_pos
        )
        return None
    encoding = csv_encoding(data)
    if encoding.not_utf8_line:
        diagnostics.warning(
            "not-utf8",
            "the file is not UTF-8; read it as Windows-1252 (save as CSV UTF-8 to be sure)",
            Pos(source, encoding.not_utf8_line),
        )
    text = encoding.decode(data)
    if "\x00" in text:
        diagnostics.error(
            "table-unreadable", "this is not a CSV file (it contains NUL bytes)", table_pos
        )
        return None
    dialect = csv_dialect(text)
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    records: list[tuple[int, list[Value]]] = []
    start = 1  # the line a record starts on (csv's line_num is the line where it ends)
    try:
        for cells in reader:
            records.append((start, list(cells)))
            if reader.line_num > start and any(str(c).strip() for c in cells):
                # A quoted cell holding line breaks; an unclosed quote reads this way too,
                # swallowing the lines after it: say so where the row starts.
                diagnostics.info(
                    "row-over-lines",
                    f"this row runs over lines {start} to {reader.line_num}: a quoted cell "
                    "holds line breaks (if none was meant, a quote in it is not closed)",
                    Pos(source, start),
                )
            start = reader.line_num + 1
    except csv.Error as exc:
        diagnostics.error(
            "table-unreadable", f"the CSV is malformed: {exc}", Pos(source, reader.line_num)
        )
        return None

    def pos_of(line: int, index: int | None, column: str | None) -> Pos:
        return Pos(source, line, field=column or "")

    return _build(file, records, pos_of, diagnostics)


def _read_xlsx(file: _TableFile, diagnostics: Diagnostics) -> Table | None:
    """Read one sheet of a workbook: the named one, the one named like the table, or the only one."""
    import openpyxl  # heavy: only when an XLSX is read

    path, name, source, sheet = file.path, file.name, file.source, file.sheet
    table_pos = Pos(source)
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl on a user's file can raise anything
        reason = (
            exc.strerror
            if isinstance(exc, OSError) and exc.strerror
            else "not a readable XLSX workbook"
        )
        diagnostics.error("table-unreadable", f"cannot read the {name} table: {reason}", table_pos)
        return None
    try:
        names = book.sheetnames
        chosen = _choose_sheet(names, name, sheet)
        if chosen is None:
            wanted = sheet or name
            diagnostics.error(
                "sheet-missing",
                f"no sheet named {wanted!r} in the workbook (it has: {', '.join(names)})",
                table_pos,
            )
            return None
        ws = book[chosen]
        # The <dimension> a workbook records may be stale (other tools often leave A1:C9);
        # read-only mode trusts it, so forget it and read every row actually there.
        if hasattr(ws, "reset_dimensions"):
            ws.reset_dimensions()
        try:
            rows = ws.iter_rows(values_only=True)
            records = [(i, list(row)) for i, row in enumerate(rows, start=1)]
        except Exception:  # noqa: BLE001 - a damaged sheet's XML, styles or numbers
            diagnostics.error(
                "table-unreadable",
                f"cannot read the {name} table: the sheet {chosen!r} is damaged",
                Pos(source, sheet=chosen),
            )
            return None
    finally:
        book.close()

    def pos_of(line: int, index: int | None, column: str | None) -> Pos:
        cell = f"{_column_letter(index)}{line}" if index is not None else f"A{line}"
        return Pos(source, line, sheet=chosen, cell=cell)

    return _build(file, records, pos_of, diagnostics, sheet=chosen)


def _choose_sheet(names: list[str], table: str, sheet: str | None) -> str | None:
    key = normalise_header(sheet or table)
    for n in names:
        if normalise_header(n) == key:
            return n
    if sheet is None and len(names) == 1:
        return names[0]
    return None


def read_table(
    path: Path,
    name: str,
    source: str,
    diagnostics: Diagnostics,
    sheet: str | None = None,
    *,
    rows_optional: bool = False,
) -> Table | None:
    """Read a table from a CSV or XLSX file by its extension (``rows_optional``: a header
    with no rows is a table of none, not an error)."""
    suffix = path.suffix.lower()
    if not path.exists():
        diagnostics.error("table-missing", f"the {name} table file does not exist", Pos(source))
        return None
    if not path.is_file():  # a folder, or a pipe or device that would block the read for ever
        diagnostics.error(
            "table-unreadable",
            f"the {name} table is not a file (a folder, a pipe or a device)",
            Pos(source),
        )
        return None
    file = _TableFile(path, name, source, sheet, rows_optional)
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(file, diagnostics)
    if suffix in (".csv", ".tsv", ".txt"):
        return _read_csv(file, diagnostics)
    diagnostics.error(
        "table-format",
        f"the {name} table must be .csv or .xlsx (got {path.suffix or 'no extension'!r})",
        Pos(source),
    )
    return None
