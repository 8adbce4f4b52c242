"""What every builder returns, and the registry's contract.

A document kind is one module in ``paperwork/builders/`` that exports one
:class:`DocumentKind` value named ``KIND``:

- ``name``: the registry name used by ``--only`` (``"clearance-letters"``);
- ``contexts``: each template stem in ``templates/`` it renders, the main one first
  (``clearance_letter`` -> ``clearance_letter.html`` and ``clearance_letter.docx``), mapped to
  the :class:`~paperwork.model.document.ContextMapping` dataclass that template takes (a
  registry test checks every name the template uses against that type);
- ``inputs``: the production tables it needs (``("clearances",)``, or ``"script"``); it is
  skipped when one is absent;
- ``uses``: what it makes use of when present, which the pipeline prepares for it once per
  build: ``SCRIPT`` (the script's breakdown and screenplay), ``SCRIPT_PAGES`` (the formatted
  script's pages as the paginator laid them out), ``SHOOT_PLAN`` (the shoot plan),
  ``ISSUED_CALL_SHEETS`` (earlier issues' snapshots), ``ISSUED_FILES`` (the file names the
  output folder's manifest lists), all in :class:`BuildOptions`;
- ``build(job) -> tuple[BuiltDocument, ...]``, ``job`` a :class:`BuildJob` (the production,
  the build's date, the diagnostics collector and the :class:`BuildOptions`);
- ``formats``: every format its documents are written in (``("docx", "pdf")`` unless it
  says more); a document may be written in fewer;
- ``text_output(doc, fmt)``: the bytes of a text format it makes (``json``, ``ics``), if any.

mypy checks each ``KIND`` against these types. Builders do the sums, sorting, numbering and
formatting; templates only place, loop, branch. Builders import no other builder: what two
kinds share lives in its own package (``paperwork.planning``, ``paperwork.format``).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Protocol

from paperwork import planning
from paperwork.errors import Diagnostics
from paperwork.model.breakdown import Breakdown
from paperwork.model.document import (
    FORMULA_START,
    BuiltDocument,
    Cell,
    ContextMapping,
    CsvEscape,
    Sheet,
    SumOf,
    formula_like,
    slug,
    unique_stem,
)
from paperwork.model.pages import PaginatedScript
from paperwork.model.production import Production
from paperwork.model.screenplay import Screenplay
from paperwork.model.snapshot import IssuedCallSheet
from paperwork.model.source import Pos
from paperwork.planning import ShootPlan
from paperwork.planning.shoot import PlannedDay


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


# What a document kind may use besides its tables (``DocumentKind.uses``), prepared by the
# pipeline:
SCRIPT = "script"  # the script's breakdown and screenplay (BuildOptions.breakdown, .screenplay)
SHOOT_PLAN = "shoot-plan"  # the shoot plan, made once per build (BuildOptions.shoot_plan)
SCRIPT_PAGES = "script-pages"  # the paginated script (BuildOptions.paginated)
ISSUED_CALL_SHEETS = "issued-call-sheets"  # earlier issues' snapshots (.issued_call_sheets)
ISSUED_FILES = "issued-files"  # what the output folder's manifest lists (.issued_files)


@dataclass(frozen=True, slots=True)
class BuildOptions:
    """Switches that change what a builder selects (``--all``, ``--only NAME``), and what
    the pipeline has prepared for builders that need it.

    ``breakdown`` is the script's :class:`~paperwork.model.breakdown.Breakdown` when the
    manifest names a script (builders may not read or paginate scripts themselves), and
    ``screenplay`` the :class:`~paperwork.model.screenplay.Screenplay` it was made from
    (call sheets take each scene's synopsis and its voice-only speakers from it).
    ``shoot_plan`` is the :class:`~paperwork.planning.ShootPlan`, made once by the pipeline
    when a kind that reads it is built.

    Call sheets: ``day`` builds only that shoot day's sheet; ``version`` is its revision
    (``None``: 1); ``issued`` is the folder holding earlier issues' snapshots
    (``call-sheet_day03_v1.json``): the pipeline reads them into ``issued_call_sheets``,
    from which a re-issue lists what changed (builders read no files).
    """

    all_rows: bool = False
    people: tuple[str, ...] = ()
    extra: tuple[tuple[str, str], ...] = field(default=())
    breakdown: Breakdown | None = None
    screenplay: Screenplay | None = None
    day: int | None = None
    version: int | None = None
    issued: Path | None = None
    issued_call_sheets: tuple[IssuedCallSheet, ...] = ()
    shoot_plan: ShootPlan | None = None
    issued_files: tuple[str, ...] = ()  # the names in ``issued``'s manifest.json, sorted
    paginated: PaginatedScript | None = None  # the formatted script's pages (SCRIPT_PAGES)
    sides_layout: str | None = None  # --sides-layout full|half (None: the manifest's, else full)


@dataclass(frozen=True, slots=True)
class BuildJob:
    """What a kind's ``build`` is given: the production (less the rows the readers found
    broken in the kind's main table), the build's date, the collector its problems go to,
    and the options with what the pipeline prepared for it."""

    production: Production
    today: date
    diagnostics: Diagnostics
    options: BuildOptions = field(default_factory=BuildOptions)

    def script_breakdown(self, message: str) -> Breakdown | None:
        """The script's breakdown, or None after a ``no-script-breakdown`` error at the
        manifest (``message`` says what the kind is made from, and where to name the script)."""
        if self.options.breakdown is None:
            self.diagnostics.error("no-script-breakdown", message, self.production.manifest)
        return self.options.breakdown

    def plan(self) -> ShootPlan:
        """The pipeline's shoot plan, or one made now for a builder called on its own."""
        options = self.options
        return options.shoot_plan or planning.plan_shoot(
            self.production, options.breakdown, options.screenplay
        )

    def plan_if_scheduled(self) -> ShootPlan | None:
        """The shoot plan when the production has a schedule, else None."""
        return self.plan() if self.production.shoot_days else None

    def chosen_days(self, the_plan: ShootPlan) -> tuple[PlannedDay, ...] | None:
        """The plan's days, or only ``options.day``'s; None, after a ``no-such-day`` error at
        the schedule table, when the schedule has no such day (and, with nothing more said,
        when the day's rows could not be read: their own errors say why)."""
        wanted = self.options.day
        if wanted is None:
            return the_plan.days
        days = tuple(pd for pd in the_plan.days if pd.day.number == wanted)
        if not days and wanted in the_plan.unreadable_days:
            return None  # its row's errors say why there is no sheet
        if not days:
            known = ", ".join(str(pd.day.number) for pd in the_plan.days) or "none"
            table = self.production.table("schedule")
            self.diagnostics.error(
                "no-such-day",
                f"the schedule has no day {wanted} (its days: {known})",
                Pos(table.name if table is not None else "schedule"),
            )
            return None
        return days


Build = Callable[[BuildJob], tuple[BuiltDocument, ...]]
"""A kind's ``build``: a job in, its documents out, problems to ``job.diagnostics``."""


class TextOutput(Protocol):
    """A kind's text format as bytes (``doc.stem + "." + fmt``); None: it makes none."""

    def __call__(self, doc: BuiltDocument, fmt: str, /) -> bytes | None: ...


@dataclass(frozen=True, slots=True)
class DocumentKind:
    """One document kind: what it is called, renders, needs and uses, and how it is built."""

    name: str
    contexts: Mapping[str, type[ContextMapping]]  # template stem -> its context, main first
    inputs: tuple[str, ...]
    build: Build
    uses: tuple[str, ...] = ()
    formats: tuple[str, ...] = ("docx", "pdf")  # every format its documents are written in
    text_output: TextOutput | None = None
    about: str = ""  # its first sentence is the kind's description; by default the docstring of
    # the module that defines ``build`` (which is being imported when its KIND is made)

    def __post_init__(self) -> None:
        if not self.about:
            module = sys.modules[self.build.__module__]
            object.__setattr__(self, "about", module.__doc__ or "")

    @property
    def templates(self) -> tuple[str, ...]:
        """The template stems, the main one first."""
        return tuple(self.contexts)

    @property
    def template(self) -> str:
        """The main template's stem."""
        return next(iter(self.contexts))

    def dated_stem(self, job: BuildJob, name: str = "", *, of: str = "") -> str:
        """The file stem of a document of the whole production as at the job's date:
        ``day-out-of-days_the-salt-road_2026-12-02`` (``name`` in place of the kind's, ``of``
        in place of the production's slug: ``breakdown-sheets_all_2026-12-02``)."""
        subject = of or slug(job.production.title)
        return f"{name or self.name}_{subject}_{job.today.isoformat()}"

    def document(
        self,
        context: ContextMapping,
        *,
        stem: str,
        title: str,
        sheets: tuple[Sheet, ...] = (),
        formats: tuple[str, ...] | None = None,
    ) -> BuiltDocument:
        """A document of this kind, rendered with the template that takes ``context``'s type
        (so a builder cannot pair a context with another template's name), written in
        ``formats`` (default: all the kind's; never one the kind does not declare)."""
        templates = [t for t, taken in self.contexts.items() if type(context) is taken]
        if len(templates) != 1:
            raise TypeError(f"{self.name}: no one template takes a {type(context).__name__}")
        if formats is None:
            formats = self.formats
        elif not set(formats) <= set(self.formats):
            raise TypeError(f"{self.name}: its formats are {self.formats}, not {formats}")
        return BuiltDocument(
            self.name, templates[0], stem, title, context, sheets=sheets, formats=formats
        )

    def dated_document(
        self,
        job: BuildJob,
        context: ContextMapping,
        *,
        title: str,
        sheets: tuple[Sheet, ...] = (),
        name: str = "",
        of: str = "",
        formats: tuple[str, ...] | None = None,
    ) -> BuiltDocument:
        """A document of the whole production as at the job's date, its stem
        :meth:`dated_stem` (``name``, ``of``), in ``formats`` (default: all the kind's)."""
        stem = self.dated_stem(job, name, of=of)
        return self.document(context, stem=stem, title=title, sheets=sheets, formats=formats)


__all__ = [
    "FORMULA_START",
    "ISSUED_CALL_SHEETS",
    "ISSUED_FILES",
    "SCRIPT",
    "SCRIPT_PAGES",
    "SHOOT_PLAN",
    "Build",
    "BuildJob",
    "BuildOptions",
    "BuiltDocument",
    "Cell",
    "ContextMapping",
    "CsvEscape",
    "DocumentKind",
    "Sheet",
    "SumOf",
    "TextOutput",
    "check_sheets",
    "formula_like",
    "slug",
    "unique_stem",
]
