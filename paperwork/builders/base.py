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
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from paperwork.model.breakdown import Breakdown
from paperwork.model.screenplay import Screenplay


@dataclass(frozen=True, slots=True)
class Sheet:
    """A display-ready table for XLSX/CSV output: a header row and rows of cells."""

    name: str
    header: tuple[str, ...]
    rows: tuple[tuple[str | int | float, ...], ...]


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
