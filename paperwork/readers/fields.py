"""Typed columns: the schema of a table, and the parsers that turn cells into values.

A parser never raises for a user's cell: it adds a located diagnostic saying what was
expected and what was found (``fee must be an amount like 1250 or £1,250.00 (got 'TBC')``)
and returns ``None``, so that every problem of a run is reported at once.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from typing import TypeVar

from paperwork.errors import Diagnostics
from paperwork.model.records import Money
from paperwork.model.source import Pos
from paperwork.readers.tables import Row, Table, Value

_SYMBOL_CURRENCY = {"£": "GBP", "€": "EUR", "$": "USD"}
_SYMBOL_FOR = {"GBP": "£", "EUR": "€", "USD": "$"}
_MONEY = re.compile(
    r"^(?P<sign>-)?\s*(?P<sym>[£€$])?\s*(?P<num>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<dec>\d{1,2}))?$"
)
_EMAIL = re.compile(r"^[^@\s<>(),;:\"]+@[^@\s<>(),;:\"]+\.[a-z]{2,}$", re.IGNORECASE)
_MONTHS = {
    m: i
    for i, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for m in names
}


# Plausible ranges: what a production's paperwork can hold. Anything outside is a typo (or
# hostile), and reported as ``out-of-range`` rather than carried into sums and layouts.
MAX_POUNDS = 100_000_000  # amounts under £100m
MIN_YEAR, MAX_YEAR = 1900, 2100
MAX_NUMBER = 1_000_000_000  # whole numbers and decimals: counts, days, weights, rates


def _show(value: Value) -> str:
    return repr(str(value)) if not isinstance(value, str) else repr(value)


def _refuse(diagnostics: Diagnostics, code: str, expected: str, value: Value, pos: Pos) -> None:
    """Report a cell that cannot be used: what it should hold, then what it holds."""
    diagnostics.error(code, f"{expected} (got {_show(value)})", pos)


def parse_money(
    value: Value, label: str, pos: Pos, diagnostics: Diagnostics, currency: str = "GBP"
) -> Money | None:
    """``1250``, ``1,250.00``, ``£1,250.00`` -> Money in pence. Negative amounts are refused."""
    if isinstance(value, bool):
        value = str(value)
    if isinstance(value, int):
        text = str(value)
    elif isinstance(value, float):
        text = f"{value:.2f}" if round(value, 2) == value else repr(value)
    else:
        text = str(value).strip().replace(" ", "")
    m = _MONEY.match(text)
    if not m or m.group("sign"):
        _refuse(
            diagnostics,
            "bad-money",
            f"{label} must be an amount like 1250 or £1,250.00",
            value,
            pos,
        )
        return None
    sym = m.group("sym")
    if sym and _SYMBOL_CURRENCY[sym] != currency:
        _refuse(
            diagnostics,
            "wrong-currency",
            f"{label} is in {_SYMBOL_CURRENCY[sym]} but the production's currency is {currency}",
            value,
            pos,
        )
        return None
    digits = m.group("num").replace(",", "")
    if len(digits) > len(str(MAX_POUNDS)) or int(digits) >= MAX_POUNDS:
        _refuse(
            diagnostics,
            "out-of-range",
            f"{label} must be under {_SYMBOL_FOR[currency]}{MAX_POUNDS:,}",
            value,
            pos,
        )
        return None
    pounds = int(digits)
    pence = int((m.group("dec") or "0").ljust(2, "0"))
    return Money(pounds * 100 + pence, currency)


def parse_date(value: Value, label: str, pos: Pos, diagnostics: Diagnostics) -> date | None:
    """ISO ``2026-12-03``, UK ``03/12/2026`` or ``3/12/26``, ``3 Dec 2026``, or an XLSX date;
    years 1900-2100 (``out-of-range`` otherwise)."""
    found = _date(value, label, pos, diagnostics)
    if found is not None and not MIN_YEAR <= found.year <= MAX_YEAR:
        _refuse(
            diagnostics,
            "out-of-range",
            f"{label} must be a date between {MIN_YEAR} and {MAX_YEAR}",
            value,
            pos,
        )
        return None
    return found


def _date(value: Value, label: str, pos: Pos, diagnostics: Diagnostics) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    try:
        if m := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text):
            return date(int(m[1]), int(m[2]), int(m[3]))
        if m := re.fullmatch(r"(\d{1,2})[/.](\d{1,2})[/.](\d{2}|\d{4})", text):
            year = int(m[3]) + (2000 if len(m[3]) == 2 else 0)
            return date(year, int(m[2]), int(m[1]))
        if m := re.fullmatch(
            r"(?:[A-Za-z]{3,9},?\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})",
            text,
        ):
            month = _MONTHS.get(m[2].lower())
            if month:
                return date(int(m[3]), month, int(m[1]))
    except ValueError:
        _refuse(diagnostics, "bad-date", f"{label} is not a real date", value, pos)
        return None
    _refuse(
        diagnostics, "bad-date", f"{label} must be a date like 2026-12-03 or 03/12/2026", value, pos
    )
    return None


def parse_time(value: Value, label: str, pos: Pos, diagnostics: Diagnostics) -> time | None:
    """24-hour ``07:30`` or ``0730``, or an XLSX time."""
    if isinstance(value, datetime):
        return value.time()
    if isinstance(value, time):
        return value
    text = str(value).strip()
    m = re.fullmatch(r"(\d{1,2})[:.]?(\d{2})", text)
    if m and int(m[1]) < 24 and int(m[2]) < 60:
        return time(int(m[1]), int(m[2]))
    _refuse(diagnostics, "bad-time", f"{label} must be a 24-hour time like 07:30", value, pos)
    return None


def parse_email(value: Value, label: str, pos: Pos, diagnostics: Diagnostics) -> str | None:
    text = str(value).strip()
    if _EMAIL.match(text):
        return text
    _refuse(
        diagnostics,
        "bad-email",
        f"{label} must be an email address like jo@example.com",
        value,
        pos,
    )
    return None


def parse_int(value: Value, label: str, pos: Pos, diagnostics: Diagnostics) -> int | None:
    if isinstance(value, bool):
        value = str(value)
    number: int | None = None
    if isinstance(value, int):
        number = value
    elif isinstance(value, float) and value.is_integer():
        number = int(value)
    else:
        text = str(value).strip()
        if re.fullmatch(r"-?\d{1,30}", text):
            number = int(text)
    if number is None:
        _refuse(diagnostics, "bad-number", f"{label} must be a whole number", value, pos)
        return None
    if abs(number) >= MAX_NUMBER:
        _refuse(diagnostics, "out-of-range", f"{label} must be under {MAX_NUMBER:,}", value, pos)
        return None
    return number


def parse_decimal(value: Value, label: str, pos: Pos, diagnostics: Diagnostics) -> Decimal | None:
    if isinstance(value, bool):
        value = str(value)
    try:
        if isinstance(value, int | float):
            number = Decimal(str(value))
        else:
            number = Decimal(str(value).strip().replace(",", ""))
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite():
        _refuse(diagnostics, "bad-number", f"{label} must be a number like 2.5", value, pos)
        return None
    if abs(number) >= MAX_NUMBER:
        _refuse(diagnostics, "out-of-range", f"{label} must be under {MAX_NUMBER:,}", value, pos)
        return None
    return number


def choice_key(text: str) -> str:
    """``"Music-Sync"``, ``"music_sync"``, ``"MUSIC SYNC"`` -> ``"musicsync"``."""
    return re.sub(r"[^0-9a-z]+", "", text.lower())


def parse_choice(
    value: Value,
    label: str,
    pos: Pos,
    diagnostics: Diagnostics,
    choices: Mapping[str, object],
    keyed: Mapping[str, object] | None = None,
) -> object | None:
    """Match a cell against known choices, ignoring case, spaces and punctuation.

    ``keyed`` is ``choices`` by :func:`choice_key`, when the caller made it once for a column.
    """
    if keyed is None:
        keyed = {choice_key(k): v for k, v in choices.items()}
    found = keyed.get(choice_key(str(value)))
    if found is not None:
        return found
    known = ", ".join(sorted({str(getattr(v, "value", v)) for v in choices.values()}))
    _refuse(diagnostics, "unknown-choice", f"{label} must be one of: {known}", value, pos)
    return None


def lines(value: Value) -> tuple[str, ...]:
    """An address cell: lines separated by newlines, `` / `` or ``;``."""
    text = str(value or "")
    parts = re.split(r"\s*(?:\n|\s/\s|;)\s*", text)
    return tuple(p.strip() for p in parts if p.strip())


# --- Table schemas --------------------------------------------------------------------------

Kind = str  # "text" | "money" | "date" | "time" | "email" | "int" | "decimal" | "choice" | "lines"


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    kind: Kind = "text"
    required: bool = False
    aliases: tuple[str, ...] = ()
    choices: Mapping[str, object] | None = None
    label: str = ""

    @property
    def display(self) -> str:
        return self.label or self.name.replace("_", " ")


@dataclass(frozen=True, slots=True)
class Schema:
    """The columns a table may have. Columns whose heading starts with ``x_`` (``X Notes``)
    are the user's own and are carried silently."""

    table: str
    columns: tuple[Column, ...]

    def resolve(self, table: Table, diagnostics: Diagnostics) -> dict[str, str]:
        """Map the file's headers to schema columns; report unknown and missing columns."""
        names = {c.name: c for c in self.columns}
        alias = {a: c.name for c in self.columns for a in c.aliases}
        mapping: dict[str, str] = {}
        for header in table.header:
            if header.startswith("x_"):
                continue
            target = header if header in names else alias.get(header)
            if target is None:
                close = difflib.get_close_matches(header, [*names, *alias], n=1, cutoff=0.75)
                hint = f" (did you mean {close[0]!r}?)" if close else ""
                diagnostics.error(
                    "unknown-column",
                    f"unknown column {header!r} in the {self.table} table{hint}; "
                    f"known columns: {', '.join(names)} (start a heading with 'x_' to keep your own)",
                    table.header_pos[header],
                )
                continue
            mapping[target] = header
        for c in self.columns:
            if c.required and c.name not in mapping:
                diagnostics.error(
                    "missing-column", f"the {self.table} table needs a {c.name!r} column", table.pos
                )
        return mapping


T = TypeVar("T")


class Parsed:
    """One row's values by schema column, each as its column's kind parsed it: ``None`` for
    a blank cell or one that failed (reported); ``blank(column)`` tells the two apart. The
    ``as_*`` reads give each kind its type; asking a column for a kind it is not is a bug in
    the reader, and asserts."""

    __slots__ = ("_blank", "_values")

    def __init__(self, values: Mapping[str, object], blank: frozenset[str] = frozenset()) -> None:
        self._values = dict(values)
        self._blank = blank

    def __getitem__(self, column: str) -> object:
        return self._values[column]

    def __contains__(self, column: object) -> bool:
        return column in self._values

    def __repr__(self) -> str:
        return f"Parsed({self._values!r})"

    def blank(self, column: str) -> bool:
        """The column's cell is empty or the table has none (not a value that failed)."""
        return column in self._blank

    def _of(self, column: str, kind: type[T]) -> T | None:
        value = self._values[column]
        assert value is None or isinstance(value, kind), (column, value)
        return value

    def as_text(self, column: str) -> str:
        """A text column's value, ``""`` when blank."""
        return self._of(column, str) or ""

    def as_money(self, column: str) -> Money | None:
        return self._of(column, Money)

    def as_date(self, column: str) -> date | None:
        return self._of(column, date)

    def as_time(self, column: str) -> time | None:
        return self._of(column, time)

    def as_int(self, column: str) -> int | None:
        return self._of(column, int)

    def as_decimal(self, column: str) -> Decimal | None:
        return self._of(column, Decimal)

    def as_lines(self, column: str) -> tuple[str, ...]:
        """An address column's lines, ``()`` when blank."""
        found = self._of(column, tuple)
        return tuple(str(line) for line in found) if found else ()

    def as_choice(self, column: str, kind: type[T]) -> T | None:
        """A choice column's value, one of ``kind`` (an enum, or ``str`` for plain choices)."""
        return self._of(column, kind)


def parse_rows(
    schema: Schema, table: Table, diagnostics: Diagnostics, currency: str = "GBP"
) -> list[tuple[Row, Parsed]]:
    """Parse every row of a table by its schema. A value that fails is ``None`` (reported)."""
    mapping = schema.resolve(table, diagnostics)
    out: list[tuple[Row, Parsed]] = []
    parsers: dict[str, Callable[[Value, str, Pos], object]] = {
        "money": lambda v, lab, p: parse_money(v, lab, p, diagnostics, currency),
        "date": lambda v, lab, p: parse_date(v, lab, p, diagnostics),
        "time": lambda v, lab, p: parse_time(v, lab, p, diagnostics),
        "email": lambda v, lab, p: parse_email(v, lab, p, diagnostics),
        "int": lambda v, lab, p: parse_int(v, lab, p, diagnostics),
        "decimal": lambda v, lab, p: parse_decimal(v, lab, p, diagnostics),
        "lines": lambda v, lab, p: lines(v),
        "text": lambda v, lab, p: (
            str(v).strip() if not isinstance(v, float) or not v.is_integer() else str(int(v))
        ),
    }
    keyed = {  # each choice column's choices by key, made once for the table
        col.name: {choice_key(k): v for k, v in col.choices.items()}
        for col in schema.columns
        if col.kind == "choice" and col.choices is not None
    }
    for row in table.rows:
        parsed: dict[str, object] = {}
        blanks: set[str] = set()
        for col in schema.columns:
            header = mapping.get(col.name)
            raw = row.get(header) if header else None
            where = row.where(header) if header else row.pos
            blank = raw is None or (isinstance(raw, str) and not raw.strip())
            if blank:
                if col.required and header:
                    diagnostics.error(
                        "missing-value", f"{col.display} is required but the cell is empty", where
                    )
                parsed[col.name] = None
                blanks.add(col.name)
                continue
            if col.kind == "choice":
                assert col.choices is not None
                parsed[col.name] = parse_choice(
                    raw, col.display, where, diagnostics, col.choices, keyed[col.name]
                )
            else:
                parsed[col.name] = parsers[col.kind](raw, col.display, where)
        out.append((row, Parsed(parsed, frozenset(blanks))))
    return out
