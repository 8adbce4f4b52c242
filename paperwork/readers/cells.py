"""Cell helpers the call sheet's tables share: lists, time spans, yes/no, cell positions."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import time

from paperwork.errors import Diagnostics
from paperwork.model.production import TimeSpan
from paperwork.model.source import Pos
from paperwork.readers.fields import Parsed, Schema, parse_rows, parse_time
from paperwork.readers.manifest import _str
from paperwork.readers.tables import Row, Table, Value

Cells = tuple[tuple[str, Pos], ...]  # (column, where its cell is) for one row
At = Callable[[str], Pos]  # where a column's cell is in the row being read
_SPAN = re.compile(r"^\s*(\d{1,2}[:.]?\d{2})\s*(?:[-\u2013\u2014]|to)\s*(\d{1,2}[:.]?\d{2})\s*$")
_YES = {"yes", "y", "true", "1", "x", "minor"}
_NO = {"no", "n", "false", "0", ""}


def split_list(value: object) -> tuple[str, ...]:
    """``"1; 3, 4"`` -> ``("1", "3", "4")`` (``;`` or ``,``)."""
    text = _str(value)
    return tuple(p.strip() for p in re.split(r"[;,]", text) if p.strip())


def parse_span(value: Value, label: str, pos: Pos, d: Diagnostics) -> TimeSpan | None:
    """``13:00`` or ``13:00-14:00`` (also ``1300 to 1400``)."""
    if isinstance(value, time):
        return TimeSpan(value)
    text = str(value).strip()
    m = _SPAN.match(text)
    if m:
        start = parse_time(m[1], label, pos, d)
        end = parse_time(m[2], label, pos, d)
        return TimeSpan(start, end) if start is not None and end is not None else None
    start = parse_time(value, label, pos, d)
    return TimeSpan(start) if start is not None else None


def located_rows(
    schema: Schema, table: Table, d: Diagnostics
) -> tuple[dict[str, str], list[tuple[Row, Parsed, Cells, At]]]:
    """The table's column mapping, and its rows parsed by ``schema`` (problems reported),
    each with its cells and ``at``."""
    mapping = schema.resolve(table, Diagnostics())  # reported by parse_rows
    rows = []
    for row, v in parse_rows(schema, table, d):
        cells, at = located(row, mapping, schema)
        rows.append((row, v, cells, at))
    return mapping, rows


def located(row: Row, mapping: Mapping[str, str], schema: Schema) -> tuple[Cells, At]:
    """The row's cells (each of the schema's columns the table has, with its position) and
    ``at(column)``: that column's cell in this row, or the row when there is no such column."""
    cells = row_cells(row, mapping, tuple(c.name for c in schema.columns))

    def at(column: str) -> Pos:
        return cell_at(cells, column, row)

    return cells, at


def row_cells(
    row: Row, mapping: Mapping[str, str], names: tuple[str, ...]
) -> tuple[tuple[str, Pos], ...]:
    return tuple((n, row.where(mapping[n])) for n in names if n in mapping)


def cell_at(cells: Cells, column: str, row: Row) -> Pos:
    return next((p for n, p in cells if n == column), row.pos)


def parse_yes(value: object, label: str, pos: Pos, d: Diagnostics) -> bool:
    text = re.sub(r"[^a-z0-9]", "", _str(value).lower())
    if text in _YES:
        return True
    if text not in _NO:
        d.error("bad-yes-no", f"{label} must be yes or no (got {_str(value)!r})", pos)
    return False


def blank_cell(row: Row, mapping: dict[str, str], column: str) -> bool:
    raw = row.get(mapping[column]) if column in mapping else None
    return raw is None or (isinstance(raw, str) and not raw.strip())
