"""What every builder returns, and the registry's contract.

A document kind is one module in ``paperwork/builders/`` with:

- ``NAME``: the registry name used by ``--only`` (``"clearance-letters"``);
- ``TEMPLATE``: the template stem in ``templates/`` (``clearance_letter`` ->
  ``clearance_letter.html`` and ``clearance_letter.docx``);
- ``INPUTS``: the production tables it needs (``("clearances",)``, or ``"script"``); it is
  skipped when one is absent;
- optionally ``USES``: inputs it makes use of when present (``("script",)``): the pipeline
  then reads the script for it and passes its breakdown in ``BuildOptions``;
- ``build(production, *, today, diagnostics, options) -> tuple[BuiltDocument, ...]``.

Builders do the sums, sorting, numbering and formatting; templates only place, loop, branch.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Literal

from paperwork.errors import Diagnostics
from paperwork.model.breakdown import Breakdown
from paperwork.model.production import Money
from paperwork.model.screenplay import Screenplay
from paperwork.model.source import Pos


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


def check_sheets(docs: Sequence[BuiltDocument], diagnostics: Diagnostics) -> None:
    """Report the text a refusing CSV could not carry (``formula-like-text``), at its row.

    Only a document's first sheet is written as CSV, and only when it makes a CSV.
    """
    for doc in docs:
        if not doc.sheets or "csv" not in doc.formats:
            continue
        sheet = doc.sheets[0]
        if sheet.csv_escape != "refuse":
            continue
        for r, c, text in sheet.formula_text():
            pos = sheet.row_pos[r] if r < len(sheet.row_pos) else None
            column = sheet.header[c] if c < len(sheet.header) else f"column {c + 1}"
            diagnostics.error(
                "formula-like-text",
                f"{doc.title}: {column} {text!r} begins with {text[:1]!r}, which a spreadsheet "
                "runs as a formula, and this CSV is taken as it is (no quote can be added): "
                "reword it",
                pos,
            )


@dataclass(frozen=True, slots=True)
class BuiltDocument:
    """One document ready to render: its template, its file stem and its context.

    ``stem`` is already a safe file name without extension; ``title`` names the document in
    the merged PDF's bookmarks and its metadata. ``sheets`` are written as XLSX (and the
    first as CSV) when the builder asks for them.
    """

    kind: str
    template: str
    stem: str
    title: str
    context: Mapping[str, object]
    sheets: tuple[Sheet, ...] = ()
    formats: tuple[str, ...] = ("docx", "pdf")


@dataclass(frozen=True, slots=True)
class BuildOptions:
    """Switches that change what a builder selects (``--all``, ``--only NAME``), and what
    the pipeline has prepared for builders that need it.

    ``breakdown`` is the script's :class:`~paperwork.model.breakdown.Breakdown` when the
    manifest names a script (builders may not read or paginate scripts themselves), and
    ``screenplay`` the :class:`~paperwork.model.screenplay.Screenplay` it was made from
    (call sheets take each scene's synopsis and its voice-only speakers from it).

    Call sheets: ``day`` builds only that shoot day's sheet; ``version`` is its revision
    (``None``: 1); ``issued`` is the folder holding earlier issues' snapshots
    (``call-sheet_day03_v1.json``), read to list what a re-issue changed.
    """

    all_rows: bool = False
    people: tuple[str, ...] = ()
    extra: tuple[tuple[str, str], ...] = field(default=())
    breakdown: Breakdown | None = None
    screenplay: Screenplay | None = None
    day: int | None = None
    version: int | None = None
    issued: Path | None = None


_UNSAFE = re.compile(r"[^a-z0-9]+")


def slug(text: str, max_len: int = 60) -> str:
    """A readable, safe file-name part: ``"Sony/ATV Music (UK)"`` -> ``"sony-atv-music-uk"``.

    Only ASCII letters, digits and single hyphens survive, so no name from data can hold a
    path separator, ``..`` or a drive letter. Never empty.
    """
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    out = _UNSAFE.sub("-", folded.lower()).strip("-")[:max_len].strip("-")
    return out or "unnamed"
