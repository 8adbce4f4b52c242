"""A build run: production -> builders -> renderers -> output folder.

Called by the CLI (the only place that reads the clock, prints and exits); everything here
takes ``today`` and paths as arguments.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from paperwork import planning
from paperwork.builders import REGISTRY
from paperwork.builders import kind as kind_of
from paperwork.builders.base import (
    ISSUED_CALL_SHEETS,
    ISSUED_FILES,
    SCRIPT_PAGES,
    SHOOT_PLAN,
    BuildJob,
    BuildOptions,
    check_sheets,
)
from paperwork.builders.base import (
    SCRIPT as SCRIPT,  # re-exported: the CLI lists it among the kinds
)
from paperwork.errors import Diagnostics, OutputError, UsageError
from paperwork.model.document import BuiltDocument, slug
from paperwork.model.pages import PaginatedScript
from paperwork.model.production import Production
from paperwork.model.screenplay import Screenplay
from paperwork.model.source import Pos
from paperwork.output import OutputFolder
from paperwork.readers.snapshots import read_issued_call_sheets
from paperwork.rendering import (
    SCRIPT_FORMATS as SCRIPT_FORMATS,
)
from paperwork.rendering import (
    TEXT_FORMATS as TEXT_FORMATS,
)
from paperwork.rendering import (
    Progress as Progress,
)
from paperwork.rendering import (
    merged_name as merged_name,
)
from paperwork.rendering import (
    output_keys as output_keys,
)
from paperwork.rendering import (
    output_names as output_names,
)
from paperwork.rendering import (
    progress_total as progress_total,
)
from paperwork.rendering import (
    render_documents as render_documents,
)
from paperwork.rendering import (
    template_folders as template_folders,
)

if TYPE_CHECKING:
    pass

# What a plain build writes: everything but calendars, which are asked for (--ics).
DEFAULT_FORMATS = ("docx", "pdf", "xlsx", "csv", "json", "vcf")


@dataclass(frozen=True, slots=True)
class OwnTemplate:
    """The user's own Word file in place of a bundled template (``contracts --template``):
    every document made from ``replaces`` is written from ``path`` instead, as DOCX only
    (a Word template cannot make the PDF)."""

    replaces: str  # the bundled template's name: "crew_contract" (not the cost summary)
    path: Path  # a .docx file

    def apply(self, docs: Sequence[BuiltDocument]) -> list[BuiltDocument]:
        return [
            replace(d, template=self.path.stem, formats=("docx",))
            if d.template == self.replaces
            else d
            for d in docs
        ]


@dataclass(frozen=True, slots=True)
class BuildRequest:
    """What to build: the date, the kinds and formats, the builders' options."""

    today: date
    kinds: tuple[str, ...] = ()  # empty: every kind whose inputs exist
    formats: tuple[str, ...] = (
        DEFAULT_FORMATS  # what the user allows; each document says what it makes
    )
    options: BuildOptions = field(default_factory=BuildOptions)
    workers: int = 1  # processes rendering the files (the CLI passes os.cpu_count())
    templates: tuple[Path, ...] = ()  # folders searched before the production's and the bundled
    sides_after_call_sheets: bool = True  # the call sheets' merged PDF carries each day's sides
    own_templates: tuple[OwnTemplate, ...] = ()  # the user's own Word files (their folders
    # are searched first)

    def template_folders(self) -> tuple[Path, ...]:
        """The folders searched before the production's and the bundled: the own templates'
        and ``templates``."""
        own = (t.path.resolve().parent for t in self.own_templates)
        return tuple(dict.fromkeys((*own, *self.templates)))


# SCRIPT ("script"), from builders.base: the formatted script is also a kind of its own, rendered
# by the script renderers


@dataclass(frozen=True, slots=True)
class PreparedScript:
    """The production's script, read and paginated once for every document that needs it."""

    screenplay: Screenplay
    paginated: PaginatedScript
    stem: str


def kinds() -> tuple[str, ...]:
    """Every document kind ``--only`` accepts."""
    return (*REGISTRY, SCRIPT)


def _has_input(production: Production, name: str) -> bool:
    """A builder's input: a table named under ``tables:``, or ``script``."""
    if name == SCRIPT:
        return production.script is not None
    return production.table(name) is not None


def wants_script(production: Production, request: BuildRequest) -> bool:
    """Whether this run needs the script read: it is asked for, or a kind needs it
    (``inputs``) or makes use of it when there is one (``uses``)."""
    if production.script is None:
        return False
    wanted = request.kinds or kinds()
    return SCRIPT in wanted or any(
        {SCRIPT, SCRIPT_PAGES} & {*kind_of(k).inputs, *kind_of(k).uses}
        for k in wanted
        if k in REGISTRY
    )


def prepare_script(
    production: Production, diagnostics: Diagnostics, today: date | None = None
) -> PreparedScript | None:
    """Read and paginate the manifest's script; its problems go to ``diagnostics``.

    ``None`` only when the script itself has errors: problems elsewhere in the production
    (a crew table, the schedule) do not stop it, so that every builder can still be checked
    against it. Its file is dated by the draft (the title page's draft date), else ``today``.
    """
    from paperwork.scripts import paginate_script, read_script

    assert production.script is not None
    try:
        source = str(production.script.relative_to(production.root))
    except ValueError:
        source = production.script.name
    own = Diagnostics()
    screenplay = read_script(production.script, own, source)
    diagnostics.extend(own)
    if own.has_errors:
        return None
    paginated = issued_script(production, screenplay, diagnostics)
    if paginated is None:
        paginated = paginate_script(screenplay, production.script_paper)
    title = screenplay.title or production.title
    drafted = draft_date(screenplay) or today
    dated = f"_{drafted.isoformat()}" if drafted else ""
    return PreparedScript(screenplay, paginated, f"script_{slug(title)}{dated}")


def issued_script(
    production: Production, screenplay: Screenplay, diagnostics: Diagnostics
) -> PaginatedScript | None:
    """The script as issued, when a lock file sits beside it (``script.lock.json``, written by
    ``paperwork script lock`` and ``script revise``): its locked pages, A-pages, scene numbers
    and revision colours and marks. ``None``: no lock file, or one that cannot be used (a
    ``script-lock-ignored`` warning says why), and the script is laid out afresh."""
    from paperwork.model.revision import INDUSTRY_COLOURS
    from paperwork.revise import issued_pages, lock_path_for, read_lock

    assert production.script is not None
    path = lock_path_for(production.script)
    if not path.is_file():
        return None
    try:
        name = str(path.relative_to(production.root))
    except ValueError:
        name = path.name
    found = Diagnostics()
    lock = read_lock(path, found)
    issued = None
    if lock is not None and not found.has_errors:
        colours = production.revision_colours or INDUSTRY_COLOURS
        issued = issued_pages(screenplay, lock, colours=colours)
    if issued is None:
        why = (
            "it is damaged: " + "; ".join(d.message for d in found.errors)
            if found.has_errors
            else "it was made from another draft (the text differs): lock this draft, or issue "
            "it as a revision with 'paperwork script revise'"
        )
        diagnostics.warning(
            "script-lock-ignored",
            f"the lock file is not used, so page numbers are laid out afresh: {why}",
            Pos(name),
        )
    return issued


_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
    )
}
_ISO = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")
_DMY = re.compile(r"\b(\d{1,2})[/.](\d{1,2})[/.](\d{4}|\d{2})\b")
_D_MONTH_Y = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]{3,9})\.?,?\s+(\d{4})\b", re.I)
_MONTH_D_Y = re.compile(r"\b([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b", re.I)


def draft_date(screenplay: Screenplay) -> date | None:
    """The date in the title page's ``Draft date`` (``Shooting script, 1 February 2027``,
    ``01/02/2027``, ``2027-02-01``, ``February 1, 2027``; day first, the UK way, unless only
    month first makes a date, as in ``1/27/2012``), if any."""
    if screenplay.title_page is None:
        return None
    text = " ".join(screenplay.title_page.text("draft date").split())
    found: list[tuple[int, int, int]] = []
    if m := _ISO.search(text):
        found.append((int(m[1]), int(m[2]), int(m[3])))
    if m := _DMY.search(text):
        year = int(m[3]) + (2000 if len(m[3]) == 2 else 0)
        found += [(year, int(m[2]), int(m[1])), (year, int(m[1]), int(m[2]))]  # 1/27/2012 too
    if (m := _D_MONTH_Y.search(text)) and m[2][:3].lower() in _MONTHS:
        found.append((int(m[3]), _MONTHS[m[2][:3].lower()], int(m[1])))
    if (m := _MONTH_D_Y.search(text)) and m[1][:3].lower() in _MONTHS:
        found.append((int(m[3]), _MONTHS[m[1][:3].lower()], int(m[2])))
    for year, month, day in found:
        try:
            return date(year, month, day)
        except ValueError:
            continue
    return None


def with_breakdown(request: BuildRequest, script: PreparedScript | None) -> BuildRequest:
    """The request with the script's breakdown in its options, for the builders that need it."""
    if script is None:
        return request
    from paperwork.planning.breakdown import build_breakdown

    breakdown = build_breakdown(script.screenplay, script.paginated)
    options = replace(
        request.options,
        breakdown=breakdown,
        screenplay=script.screenplay,
        paginated=script.paginated,  # SCRIPT_PAGES: the sides' pages
    )
    return replace(request, options=options)


@dataclass(frozen=True, slots=True)
class Skipped:
    """A document kind a run did not build, and why: ``call sheets: no schedule table``."""

    kind: str
    reason: str

    def __str__(self) -> str:
        return f"{label(self.kind)}: {self.reason}"


def label(kind: str) -> str:
    """A kind as a co-ordinator says it: ``call-sheets`` -> ``call sheets``."""
    return kind.replace("-", " ")


def _rows(production: Production, table: str) -> int | None:
    """How many records a named table gave (None for a table paperwork does not read)."""
    from paperwork.readers.production import TABLES

    entry = TABLES.get(table)
    if entry is None:
        return None
    records = getattr(production, entry[0], None)
    return len(records) if isinstance(records, tuple) else None


def _errors_in(production: Production, table: str, diagnostics: Diagnostics) -> set[str]:
    """The codes of the errors so far located in the named table's file."""
    path = production.table(table)
    if path is None:
        return set()
    return {
        d.code
        for d in diagnostics
        if d.severity == "error"
        and d.pos is not None
        and (production.root / d.pos.file).resolve() == path
    }


def _why_not(
    production: Production,
    inputs: Sequence[str],
    request: BuildRequest,
    diagnostics: Diagnostics,
) -> str | None:
    """Why a builder cannot run on this production (None: it can)."""
    for t in inputs:
        if t == SCRIPT:
            if production.script is None:
                return "no script (name it under 'script:')"
            if request.options.breakdown is None:
                return "the script has errors (see above)"
        elif production.table(t) is None:
            return f"no {t} table (name it under 'tables:')"
        elif not _rows(production, t) and (codes := _errors_in(production, t, diagnostics)):
            if codes == {"table-empty"}:
                return f"the {t} table has no rows"
            return f"the {t} table could not be read (see the errors above)"
    return None


def _without_broken_rows(
    production: Production, table: str, broken: set[tuple[str, str, int]]
) -> Production:
    """The production less the rows of ``table`` that have read errors (``broken``: file,
    sheet and line of each), so that a builder neither writes nor re-reports them."""
    from paperwork.readers.production import TABLES

    entry = TABLES.get(table)
    records = getattr(production, entry[0], None) if entry else None
    if not broken or not isinstance(records, tuple) or entry is None:
        return production

    def is_broken(record: object) -> bool:
        pos = getattr(record, "pos", None)
        return isinstance(pos, Pos) and (pos.file, pos.sheet, pos.line) in broken

    kept = tuple(r for r in records if not is_broken(r))
    if len(kept) == len(records):
        return production
    return replace(production, **{entry[0]: kept})  # type: ignore[arg-type]


def _why_nothing(production: Production, inputs: Sequence[str]) -> str:
    """Why a builder that ran made no document."""
    empty = [t for t in inputs if t != SCRIPT and _rows(production, t) == 0]
    if empty:
        return f"the {empty[0]} table has no rows"
    return "none of its rows asks for one now"


def build_documents(
    production: Production,
    request: BuildRequest,
    diagnostics: Diagnostics,
    skipped: list[Skipped] | None = None,
) -> list[BuiltDocument]:
    """Run the requested builders (or every builder whose inputs exist).

    Each builder runs on what did read, even when other tables have errors, so that one
    ``check`` reports every problem; only a builder whose own input is absent or failed
    entirely is skipped. Every kind that makes nothing is added to ``skipped`` with why.
    """
    unknown = [k for k in request.kinds if k not in kinds()]
    if unknown:
        from difflib import get_close_matches

        near = [m for k in unknown for m in get_close_matches(k, kinds(), n=1, cutoff=0.75)]
        hint = f" (did you mean {', '.join(map(repr, near))}?)" if near else ""
        raise UsageError(
            f"unknown document kind {', '.join(map(repr, unknown))}{hint}; "
            f"known: {', '.join(kinds())}"
        )
    skipped = skipped if skipped is not None else []
    broken = {  # rows the readers found errors in (not the builders' findings below)
        (d.pos.file, d.pos.sheet, d.pos.line)
        for d in diagnostics
        if d.severity == "error" and d.pos is not None and d.pos.line
    }
    docs: list[BuiltDocument] = []
    options = request.options  # gains the shoot plan and the issued call sheets when needed
    issued_read = files_read = False
    for name in request.kinds or tuple(REGISTRY):
        if name == SCRIPT:
            if production.script is None:
                diagnostics.error(
                    "input-missing", "no script: name it under 'script:'", production.manifest
                )
            continue
        found = kind_of(name)
        absent = [t for t in found.inputs if not _has_input(production, t)]
        if absent and request.kinds:
            diagnostics.error(
                "input-missing",
                f"{name} needs the {', '.join(absent)} table (add it under 'tables:')",
                production.manifest,
            )
            continue
        reason = _why_not(production, found.inputs, request, diagnostics)
        if reason is not None:
            skipped.append(Skipped(name, reason))
            continue
        primary = found.inputs[0] if found.inputs else SCRIPT
        own = production if primary == SCRIPT else _without_broken_rows(production, primary, broken)
        if SHOOT_PLAN in found.uses and options.shoot_plan is None:
            # once per build, from the schedule as the call sheets see it (less broken rows)
            scheduled = _without_broken_rows(production, "schedule", broken)
            read = {day.number for day in scheduled.shoot_days}
            made = planning.plan_shoot(
                scheduled,
                options.breakdown,
                options.screenplay,
                unreadable=[d for d in production.shoot_days if d.number not in read],
            )
            options = replace(options, shoot_plan=made)
        if ISSUED_CALL_SHEETS in found.uses and options.issued is not None and not issued_read:
            issued_read = True
            wanted = (
                [options.day]
                if options.day is not None
                else [d.number for d in production.shoot_days]
            )
            options = replace(
                options,
                issued_call_sheets=read_issued_call_sheets(options.issued, wanted, diagnostics),
            )
        if ISSUED_FILES in found.uses and options.issued is not None and not files_read:
            files_read = True
            options = replace(options, issued_files=issued_files(options.issued))
        built = found.build(BuildJob(own, request.today, diagnostics, options))
        if not built:
            skipped.append(Skipped(name, _why_nothing(production, found.inputs)))
        docs.extend(built)
    if not request.kinds and production.script is None:
        skipped.append(Skipped(SCRIPT, "no script (name it under 'script:')"))
    check_sheets(docs, diagnostics)  # text a refusing CSV cannot carry, at its source row
    return docs


def issued_files(folder: Path) -> tuple[str, ...]:
    """The file names the output folder's ``manifest.json`` lists (its earlier issues), sorted;
    none when there is no manifest, or one that is not ours (the run's claim on the folder
    reports that before anything is written)."""
    try:
        return tuple(sorted(OutputFolder(folder).read_manifest()))
    except OutputError:
        return ()


class Inputs(Protocol):
    """Where :func:`plan` gets the production and its script: read afresh by default; a
    caller that keeps what it read (``paperwork.editing.ProductionCache``) re-reads only
    the files that changed."""

    def read_production(self, folder: Path, diagnostics: Diagnostics) -> Production | None: ...

    def prepare_script(
        self, production: Production, diagnostics: Diagnostics, today: date | None = None
    ) -> PreparedScript | None: ...


@dataclass(slots=True)
class Plan:
    """A run read, checked and built, nothing rendered: what it will write and what not."""

    production: Production | None  # None: the folder could not be read at all
    request: BuildRequest  # with the script's breakdown when there is one
    docs: list[BuiltDocument] = field(default_factory=list)
    script: PreparedScript | None = None  # the formatted script, when this run writes it
    skipped: list[Skipped] = field(default_factory=list)


def plan(
    folder: Path,
    request: BuildRequest,
    diagnostics: Diagnostics,
    *,
    status: Callable[[str], None] | None = None,
    inputs: Inputs | None = None,
) -> Plan:
    """Read the production and the script, and run every builder that can run.

    Nothing stops at the first table with errors: builders run on what did read, so that
    ``diagnostics`` ends up holding every problem of the production in one pass. The caller
    stops before rendering if there are errors. ``status`` hears each stage as it starts;
    ``inputs`` (default: read everything afresh) supplies the production and its script.
    """
    from paperwork.readers.production import read_production

    say = status or (lambda message: None)
    say(f"Reading {folder}...")
    if inputs is None:
        production = read_production(folder, diagnostics)
    else:
        production = inputs.read_production(folder, diagnostics)
    if production is None:
        return Plan(None, request)
    script = None
    if wants_script(production, request):
        say("Reading the script...")
        prepare = prepare_script if inputs is None else inputs.prepare_script
        script = prepare(production, diagnostics, request.today)
        request = with_breakdown(request, script)
    say("Checking...")
    skipped: list[Skipped] = []
    docs = build_documents(production, request, diagnostics, skipped)
    for own in request.own_templates:
        docs = own.apply(docs)
    if request.kinds and SCRIPT not in request.kinds:
        script = None  # read for the builders' breakdown, not to be written
    return Plan(production, request, docs, script, skipped)
