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

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from paperwork.errors import Diagnostics
from paperwork.model.breakdown import Breakdown
from paperwork.model.document import (
    FORMULA_START,
    BuiltDocument,
    Cell,
    CsvEscape,
    Sheet,
    SumOf,
    formula_like,
    slug,
)
from paperwork.model.screenplay import Screenplay


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


__all__ = [
    "FORMULA_START",
    "BuildOptions",
    "BuiltDocument",
    "Cell",
    "CsvEscape",
    "Sheet",
    "SumOf",
    "check_sheets",
    "formula_like",
    "slug",
]
