"""What a builder makes: a document ready to render, and the typed cells of its sheets.

Data only, shared by the builders that make it and the renderers, ``send`` and the pipeline
that take it; it imports nothing of the pipeline.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, fields
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Literal, cast

from paperwork.model.records import Money
from paperwork.model.source import Pos

if TYPE_CHECKING:  # each subclass of ContextMapping is a dataclass
    from _typeshed import DataclassInstance


@dataclass(frozen=True, slots=True)
class SumOf:
    """A total that a builder worked out and the workbook keeps live: ``=SUM(J2:J7)``.

    ``column`` (to ``to_column``) are 0-based columns of the sheet and ``first``/``last``
    0-based indexes into :attr:`Sheet.rows` (inclusive). ``value`` is the same total, worked by the builder:
    the CSV prints it and the workbook caches nothing, so a spreadsheet recomputes it. Only
    builders make one, from numbers they summed; text from data is never a formula.
    """

    column: int
    first: int
    last: int
    value: int | Money
    to_column: int | None = None  # a range across columns too: ``=SUM(J2:O2)``


# A sheet cell. ``str`` is text, always written as text whatever its first character;
# ``int`` and ``float`` are numbers (a float is shown with two decimals, as before);
# ``Decimal`` is an exact number with two decimals; ``date`` a real date (DD/MM/YYYY);
# ``Money`` a number in the currency's format (``£#,##0.00``); ``SumOf`` a live total.
Cell = str | int | float | Decimal | date | Money | SumOf

# How a CSV treats text that a spreadsheet would run as a formula (= + - @ tab CR first):
# "prefix" writes it with a leading ``'`` (OWASP's advice); "refuse" is for a consumer that
# takes the file as it is (a customs upload): the build reports each such cell as an error.
CsvEscape = Literal["prefix", "refuse"]

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def formula_like(text: str) -> bool:
    """Whether a spreadsheet would read ``text`` as a formula (OWASP CSV injection)."""
    return text.startswith(FORMULA_START)


@dataclass(frozen=True, slots=True)
class Sheet:
    """A display-ready table for XLSX/CSV output: a header row and rows of cells.

    ``row_pos`` is, when given, where each row came from (one per row, or None), so a
    refused cell is reported at its source row.
    """

    name: str
    header: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    csv_escape: CsvEscape = "prefix"
    row_pos: tuple[Pos | None, ...] = ()

    def formula_text(self) -> tuple[tuple[int, int, str], ...]:
        """Every text cell that would start a formula: (row index, column index, text)."""
        return tuple(
            (r, c, cell)
            for r, row in enumerate(self.rows)
            for c, cell in enumerate(row)
            if isinstance(cell, str) and formula_like(cell)
        )


# Every format a document can be written in (what ``--format`` and the web page offer).
FORMATS = ("docx", "pdf", "xlsx", "csv", "json", "ics", "vcf")


class ContextMapping(Mapping[str, object]):
    """A document's context: a frozen dataclass that is also a read-only mapping of its
    top-level fields.

    Renderers pass ``**context`` to the template, so the template's top-level names are the
    dataclass's field names; nested values stay dataclasses and tuples. Each kind declares
    the subclass each of its templates takes (``DocumentKind.contexts``), and a registry test
    checks every name a template uses against the subclass's field types.
    """

    __slots__ = ()
    _RESERVED = frozenset({"items", "keys", "values", "get"})

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        clash = cls._RESERVED & set(cls.__dict__.get("__annotations__", {}))
        if clash:  # a field would shadow the mapping's own methods
            raise TypeError(f"{cls.__name__}: field names {sorted(clash)} are reserved")

    def __getitem__(self, key: str) -> object:
        if key in self._names():
            return getattr(self, key)
        raise KeyError(key)

    def __iter__(self) -> Iterator[str]:
        return iter(self._names())

    def __len__(self) -> int:
        return len(self._names())

    def _names(self) -> tuple[str, ...]:
        return tuple(f.name for f in fields(cast("DataclassInstance", self)))


@dataclass(frozen=True, slots=True)
class BuiltDocument:
    """One document ready to render: its template, its file stem and its context.

    ``stem`` is already a safe file name without extension; ``title`` names the document in
    the merged PDF's bookmarks and its metadata. ``context`` is the
    :class:`ContextMapping` its kind declares for ``template``. ``sheets`` are written as XLSX (and the
    first as CSV) when the builder asks for them.
    """

    kind: str
    template: str
    stem: str
    title: str
    context: ContextMapping
    sheets: tuple[Sheet, ...] = ()
    formats: tuple[str, ...] = ("docx", "pdf")


def unique_stem(base: str, tail: str, taken: set[str]) -> str:
    """``base_tail``, else ``base-2_tail``, ``base-3_tail``...: the first not in ``taken``,
    which it joins, so two documents for same-named subjects never share a file name."""
    stem, n = f"{base}_{tail}", 1
    while stem in taken:
        n += 1
        stem = f"{base}-{n}_{tail}"
    taken.add(stem)
    return stem


_UNSAFE = re.compile(r"[^a-z0-9]+")


def slug(text: str, max_len: int = 60) -> str:
    """A readable, safe file-name part: ``"Sony/ATV Music (UK)"`` -> ``"sony-atv-music-uk"``.

    Only ASCII letters, digits and single hyphens survive, so no name from data can hold a
    path separator, ``..`` or a drive letter. Never empty.
    """
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    out = _UNSAFE.sub("-", folded.lower()).strip("-")[:max_len].strip("-")
    return out or "unnamed"
