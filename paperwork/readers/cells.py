"""Cell helpers the call sheet's tables share: lists, time spans, yes/no, cell positions."""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping
from datetime import time
from typing import Generic, NamedTuple, TypeVar

from paperwork.errors import Diagnostics
from paperwork.model.call_sheets import TimeSpan
from paperwork.model.names import label_key
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


class LocatedRow(NamedTuple):
    """One row of a table as a reader uses it: the row, its values parsed by the schema,
    its cells (column, position) and ``at(column)``, that column's cell."""

    row: Row
    values: Parsed
    cells: Cells
    at: At


def located_rows(
    schema: Schema, table: Table, d: Diagnostics, currency: str = "GBP"
) -> list[LocatedRow]:
    """The table's rows parsed by ``schema`` (problems reported), each with its cells and
    ``at``."""
    mapping = schema.resolve(table, Diagnostics())  # reported by parse_rows
    rows = []
    for row, v in parse_rows(schema, table, d, currency):
        cells, at = located(row, mapping, schema)
        rows.append(LocatedRow(row, v, cells, at))
    return rows


K = TypeVar("K", bound=Hashable)


class FirstSeen(Generic[K]):
    """The keys a table has given so far (ids, names), each with where it first was.

    ``repeated(key, pos, what)`` reports a key given again, as ``code`` at ``pos``
    (``"cast id 3 is used twice (first at cast.csv:4:id)"``), and says so; a new key is
    remembered at ``pos``.
    """

    def __init__(self, code: str, diagnostics: Diagnostics) -> None:
        self.code = code
        self.d = diagnostics
        self.first: dict[K, Pos] = {}

    def repeated(self, key: K, pos: Pos, what: str, then: str = "") -> bool:
        first = self.first.get(key)
        if first is None:
            self.first[key] = pos
            return False
        self.d.error(self.code, f"{what} (first at {first}){then}", pos)
        return True


def unique_ids(
    rows: Iterable[LocatedRow], d: Diagnostics, code: str, what: str
) -> Iterator[tuple[str, LocatedRow]]:
    """Each row that has an id (its ``id`` column) with that id, but a row repeating an
    earlier row's id, which is reported (``code`` at its cell) and left out. Ids compare as
    labels do: ``3a`` is ``3A``."""
    ids = FirstSeen[str](code, d)
    for r in rows:
        ident = r.values.as_text("id")
        if ident and not ids.repeated(
            label_key(ident), r.at("id"), f"{what} {ident} is used twice"
        ):
            yield ident, r


class Claims:
    """Names that one row each may claim (a character, a set), with the row that did."""

    def __init__(self) -> None:
        self.by_name: dict[str, tuple[str, Pos]] = {}

    def claim(self, name: str, owner: str, pos: Pos) -> tuple[str, Pos] | None:
        """The earlier claim (its owner and cell) when there is one; else ``name`` is now
        ``owner``'s, claimed at ``pos``."""
        earlier = self.by_name.get(name)
        if earlier is None:
            self.by_name[name] = (owner, pos)
        return earlier


def located(row: Row, mapping: Mapping[str, str], schema: Schema) -> tuple[Cells, At]:
    """The row's cells (each of the schema's columns the table has, with its position) and
    ``at(column)``: that column's cell in this row, or the row when there is no such column."""
    cells = row_cells(row, mapping, tuple(c.name for c in schema.columns))

    def at(column: str) -> Pos:
        return cell_at(cells, column, row)

    return cells, at


def schema_headers(schema: Schema, table: Table) -> dict[str, str]:
    """Schema column -> the file's heading for it (as ``Schema.resolve`` maps, silently)."""
    out: dict[str, str] = {}
    for col in schema.columns:
        for header in table.header:
            if header == col.name or header in col.aliases:
                out.setdefault(col.name, header)
    return out


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
