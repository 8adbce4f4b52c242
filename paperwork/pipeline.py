"""A build run: production -> builders -> renderers -> output folder.

Called by the CLI (the only place that reads the clock, prints and exits); everything here
takes ``today`` and paths as arguments.
"""

from __future__ import annotations

import os
import re
import sys
import time
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
    BuildOptions,
    check_sheets,
)
from paperwork.builders.base import (
    SCRIPT as SCRIPT,  # re-exported: the CLI lists it among the kinds
)
from paperwork.errors import Diagnostics, OutputError, UsageError
from paperwork.model.document import FORMATS, BuiltDocument, slug
from paperwork.model.pages import PaginatedScript
from paperwork.model.production import Production
from paperwork.model.screenplay import Screenplay
from paperwork.model.source import Pos
from paperwork.output import OutputFolder
from paperwork.readers.snapshots import read_issued_call_sheets
from paperwork.resources import templates_dir

if TYPE_CHECKING:
    from paperwork.render.fonts import ScriptFont
    from paperwork.render.html_pdf import TemplateWarning
    from paperwork.render.templates import TemplateSet

# What a plain build writes: everything but calendars, which are asked for (--ics).
DEFAULT_FORMATS = ("docx", "pdf", "xlsx", "csv", "json", "vcf")
TEXT_FORMATS = ("json", "ics", "vcf")  # written by the kind's text_output(doc, fmt)


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
        raise UsageError(
            f"unknown document kind {', '.join(map(repr, unknown))}; known: {', '.join(kinds())}"
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
            made = planning.plan_shoot(scheduled, options.breakdown, options.screenplay)
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
        built = found.build(own, today=request.today, diagnostics=diagnostics, options=options)
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


def _batches(docs: Sequence[BuiltDocument]) -> dict[str, list[BuiltDocument]]:
    out: dict[str, list[BuiltDocument]] = {}
    for d in docs:
        out.setdefault(d.kind, []).append(d)
    return out


def output_names(
    docs: Sequence[BuiltDocument],
    formats: Sequence[str],
    today: date,
    script: PreparedScript | None = None,
    bundle_sides: bool = True,
) -> list[str]:
    """Every file name the run will write, so the folder can be checked first.

    With sides built beside call sheets (and ``bundle_sides``), the call sheets' merged PDF is
    written even for one day: it carries each day's sides after its sheet."""
    names = [f"{d.stem}.{fmt}" for d in docs for fmt in d.formats if fmt in formats]
    if script is not None:
        names += [f"{script.stem}.{fmt}" for fmt in ("pdf", "docx") if fmt in formats]
    if "pdf" in formats:
        batches = _batches(docs)
        for kind, batch in batches.items():
            if len(batch) > 1 or (kind == CALL_SHEETS and bundle_sides and SIDES in batches):
                names.append(merged_name(kind, today))
    return names


CALL_SHEETS, SIDES = "call-sheets", "sides"
_DAY = re.compile(r"_day(\d+)_")  # both kinds' stems: call-sheet_day03_..., sides_day03_...


def _with_script_pages(
    d: BuiltDocument, fmt: str, cover: bytes, font_dirs: Sequence[Path] | None
) -> bytes:
    """Sides: the cover its template made, then the day's marked script pages (drawn by the
    script renderers from the paginated lines); any other document as it is."""
    from paperwork.model.sides import SidesPages

    sides = getattr(d.context, "sides", None)
    if d.kind != SIDES or not isinstance(sides, SidesPages):
        return cover
    if fmt == "docx":
        from paperwork.render.screenplay_docx import render_sides_docx

        return render_sides_docx(sides, cover=cover)
    from paperwork.render.fonts import DEFAULT_FONT_DIRS, default_script_font
    from paperwork.render.pdf_tools import join_pdfs
    from paperwork.render.screenplay_pdf import render_sides_pdf

    font = default_script_font(tuple(font_dirs) if font_dirs is not None else DEFAULT_FONT_DIRS)
    covers = _page_count(cover)
    per_sheet = 2 if sides.sheet == "half" else 1
    marks = [(d.title, 0)] + [
        (f"Page {p.page.number}: sc. {', '.join(p.scenes)}", covers + i // per_sheet)
        for i, p in enumerate(sides.pages)
    ]
    return join_pdfs([cover, render_sides_pdf(sides, font=font)], d.title, marks)


def _page_count(data: bytes) -> int:
    import io

    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(data)).pages)


def merged_name(kind: str, today: date) -> str:
    """One PDF of every document of a kind: ``call-sheets_all_2026-12-02.pdf``."""
    return f"{kind}_all_{today.isoformat()}.pdf"


def template_folders(production: Production, extra: Sequence[Path] = ()) -> list[Path]:
    """Where templates are looked up, first match wins: ``extra``, the production's, bundled."""
    folders = [production.templates] if production.templates else []
    return [*extra, *folders, templates_dir()]


Progress = Callable[[str, int], None]
"""``progress(kind, files)``: ``files`` more files of ``kind`` are done; 0 when the kind starts."""


def _no_progress(kind: str, files: int) -> None:
    return None


def _template_pos(w: TemplateWarning, root: Path) -> Pos:
    """The template's place, named from the production folder when it is inside it."""
    path = w.path.resolve()
    name = path.relative_to(root.resolve()) if path.is_relative_to(root.resolve()) else path
    return Pos(str(name), w.line, w.column)


def _warning_text(w: TemplateWarning) -> str:
    whose = "a bundled template (a paperwork bug: please report it)" if w.bundled else "template"
    return f"WeasyPrint, laying out {whose}: {w.message}"


def progress_total(
    docs: Sequence[BuiltDocument],
    formats: Sequence[str],
    today: date,
    script: PreparedScript | None = None,
) -> int:
    """How many files the run writes (the progress bar's length): every one is a step."""
    return len(output_names(docs, formats, today, script))


# --- rendering: one job per file, content-addressed, laid out across processes -------------

_HEAVY = {"pdf": 4, "docx": 1}  # relative render cost per byte of a document's context


@dataclass(frozen=True, slots=True)
class _PdfTask:
    """A document laid out by WeasyPrint (sides: and their script pages drawn after it)."""

    doc: BuiltDocument
    folders: tuple[Path, ...]
    allowed: tuple[Path, ...]
    font_dirs: tuple[Path, ...] | None


@dataclass(frozen=True, slots=True)
class _DocxTask:
    doc: BuiltDocument
    folders: tuple[Path, ...]
    logo: Path | None


@dataclass(frozen=True, slots=True)
class _DataTask:
    """A document's sheet (``xlsx``, ``csv``) or its kind's text format (``json``...)."""

    doc: BuiltDocument
    fmt: str


@dataclass(frozen=True, slots=True)
class _ScriptTask:
    """The formatted script: PDF with ``font``, DOCX without."""

    paginated: PaginatedScript
    author: str
    font: ScriptFont | None = None


@dataclass(frozen=True, slots=True)
class _MergeTask:
    """Documents' PDFs joined, each bookmarked by its title; ``paths`` are set when the
    parts are written."""

    title: str
    titles: tuple[str, ...]
    paths: tuple[str, ...] = ()


_Task = _PdfTask | _DocxTask | _DataTask | _ScriptTask | _MergeTask


@dataclass(frozen=True, slots=True)
class _Job:
    """One file to write: what makes it, and its estimated cost (for longest-first)."""

    order: int  # its place in the run: diagnostics are reported in this order
    kind: str
    name: str
    task: _Task
    cost: int = 0
    parts: tuple[str, ...] = ()  # a merged PDF: the files it joins, once all are written


@dataclass(frozen=True, slots=True)
class _Made:
    data: bytes
    refused: tuple[str, ...] = ()
    warnings: tuple[TemplateWarning, ...] = ()


_PROCESS_TEMPLATES: dict[tuple[Path, ...], TemplateSet] = {}


def _templates(folders: tuple[Path, ...]) -> TemplateSet:
    """This process's TemplateSet for ``folders`` (its Jinja cache kept between files)."""
    from paperwork.render.templates import TemplateSet

    if folders not in _PROCESS_TEMPLATES:
        _PROCESS_TEMPLATES.clear()
        _PROCESS_TEMPLATES[folders] = TemplateSet(folders)
    return _PROCESS_TEMPLATES[folders]


def _make_file(task: _Task) -> _Made:
    """Render one file: runs in the build's process (``-j1``) or a worker's."""
    if isinstance(task, _PdfTask):
        from paperwork.render.html_pdf import render_pdf

        made = render_pdf(task.doc, task.folders, task.allowed)
        pdf = _with_script_pages(task.doc, "pdf", made.pdf, task.font_dirs)
        return _Made(pdf, made.refused, made.warnings)
    if isinstance(task, _DocxTask):
        from paperwork.render.docx import render_docx

        cover = render_docx(task.doc, _templates(task.folders), task.logo)
        return _Made(_with_script_pages(task.doc, "docx", cover, None))
    if isinstance(task, _DataTask):
        return _Made(_data_file(task.doc, task.fmt))
    if isinstance(task, _ScriptTask):
        if task.font is not None:
            from paperwork.render.screenplay_pdf import render_script_pdf

            return _Made(render_script_pdf(task.paginated, author=task.author, font=task.font))
        from paperwork.render.screenplay_docx import render_script_docx

        return _Made(render_script_docx(task.paginated, author=task.author))
    from paperwork.render.pdf_tools import join_documents

    parts = [Path(p).read_bytes() for p in task.paths]
    return _Made(join_documents(parts, task.title, task.titles))


def _data_file(doc: BuiltDocument, fmt: str) -> bytes:
    """A sheet as XLSX or CSV, or the kind's text format."""
    if fmt in ("xlsx", "csv"):
        from paperwork.render.sheets import render_csv, render_xlsx

        return render_xlsx(doc.sheets, doc.title) if fmt == "xlsx" else render_csv(doc.sheets[0])
    text_output = kind_of(doc.kind).text_output
    data = text_output(doc, fmt) if text_output is not None else None
    assert data is not None, f"{doc.stem}: no {fmt}"
    return data


def _script_font(font_dirs: Sequence[Path] | None) -> ScriptFont:
    from paperwork.render.fonts import DEFAULT_FONT_DIRS, default_script_font

    return default_script_font(tuple(font_dirs) if font_dirs is not None else DEFAULT_FONT_DIRS)


def _jobs(
    production: Production,
    docs: Sequence[BuiltDocument],
    request: BuildRequest,
    script: PreparedScript | None,
    font_dirs: Sequence[Path] | None,
) -> list[tuple[_Job, str]]:
    """Every file of the run as a job, in the run's order, each with its content key."""
    from paperwork.render.keys import (
        TemplateFingerprints,
        combine,
        document_digest,
        engine_version,
        file_digest,
    )
    from paperwork.render.templates import context_vars

    folders = tuple(
        Path(f).resolve() for f in template_folders(production, request.template_folders())
    )
    allowed = tuple(Path(a).resolve() for a in (production.root, *folders))
    prints = TemplateFingerprints(folders)
    engine = engine_version()
    logo = production.company.logo
    formats = request.formats
    jobs: list[tuple[_Job, str]] = []

    def add(kind: str, name: str, task: _Task, key: str, cost: int = 0) -> None:
        jobs.append((_Job(len(jobs), kind, name, task, cost), key))

    fonts = tuple(font_dirs) if font_dirs is not None else None
    faces_made: list[list[str]] = []

    def sides_faces(kind: str) -> list[str]:
        """Sides draw their script pages with the script font: its files are in the key."""
        if kind != SIDES:
            return []
        if not faces_made:
            font = _script_font(font_dirs)
            faces_made.append(
                [file_digest(font.face(b, i)) for b in (False, True) for i in (False, True)]
            )
        return faces_made[0]

    if script is not None:
        from paperwork.scripts import author_of

        author = author_of(script.screenplay)
        text, size = document_digest(script.paginated)
        if "pdf" in formats:
            font = _script_font(font_dirs)
            faces = [file_digest(font.face(b, i)) for b in (False, True) for i in (False, True)]
            key = combine("script-pdf", engine, text, author, font.family, faces)
            add(
                SCRIPT,
                f"{script.stem}.pdf",
                _ScriptTask(script.paginated, author, font),
                key,
                size,
            )
        if "docx" in formats:
            key = combine("script-docx", engine, text, author)
            script_docx = _ScriptTask(script.paginated, author)
            add(SCRIPT, f"{script.stem}.docx", script_docx, key, size)

    batches = _batches(docs)
    bundled = request.sides_after_call_sheets and CALL_SHEETS in batches and SIDES in batches
    parts_of: dict[str, list[tuple[BuiltDocument, str]]] = {}

    def merge(kind: str, pdf_parts: Sequence[tuple[BuiltDocument, str]]) -> None:
        title = f"{production.title}: {kind}"
        titles = tuple(d.title for d, _ in pdf_parts)
        key = combine("merge", engine, title, [(d.title, k) for d, k in pdf_parts])
        names = tuple(f"{d.stem}.pdf" for d, _ in pdf_parts)
        task = _MergeTask(title, titles)
        name = merged_name(kind, request.today)
        jobs.append((_Job(len(jobs), kind, name, task, parts=names), key))

    for kind, batch in batches.items():
        text_output = kind_of(kind).text_output if kind in REGISTRY else None
        pdf_parts: list[tuple[BuiltDocument, str]] = []
        for d in batch:
            text, size = document_digest(d)
            values = context_vars(d.context)
            shows_logo = bool(values.get("logo"))
            logos = (
                (file_digest(logo), file_digest(Path(str(values["logo"])))) if shows_logo else ()
            )
            for fmt in FORMATS:
                if fmt not in formats or fmt not in d.formats:
                    continue
                name = f"{d.stem}.{fmt}"
                if fmt == "pdf":
                    deps = prints.closure(f"{d.template}.html")
                    key = combine("pdf", engine, text, deps, logos, sides_faces(kind))
                    pdf_task = _PdfTask(d, folders, allowed, fonts)
                    add(kind, name, pdf_task, key, size * _HEAVY["pdf"])
                    pdf_parts.append((d, key))
                elif fmt == "docx":
                    deps = prints.closure(f"{d.template}.docx")
                    key = combine("docx", engine, text, deps, logos)
                    docx_task = _DocxTask(d, folders, logo if shows_logo else None)
                    add(kind, name, docx_task, key, size * _HEAVY["docx"])
                elif fmt in ("xlsx", "csv"):
                    if d.sheets:
                        add(kind, name, _DataTask(d, fmt), combine(fmt, engine, text))
                elif fmt in TEXT_FORMATS and text_output is not None:
                    if text_output(d, fmt) is not None:
                        add(kind, name, _DataTask(d, fmt), combine(fmt, engine, text))
        parts_of[kind] = pdf_parts
        if len(pdf_parts) > 1 and not (kind == CALL_SHEETS and bundled):
            merge(kind, pdf_parts)
    if bundled and parts_of.get(CALL_SHEETS):
        # the call sheets' merged PDF, each day's sides after its sheet (matched by day),
        # joined last: its parts are of two kinds
        sides = {
            int(m[1]): part for part in parts_of.get(SIDES, []) if (m := _DAY.search(part[0].stem))
        }
        merged: list[tuple[BuiltDocument, str]] = []
        for part in parts_of[CALL_SHEETS]:
            m = _DAY.search(part[0].stem)
            merged += [part, *([sides[int(m[1])]] if m and int(m[1]) in sides else [])]
        merge(CALL_SHEETS, merged)
    return jobs


def output_keys(
    production: Production,
    docs: Sequence[BuiltDocument],
    request: BuildRequest,
    script: PreparedScript | None = None,
    font_dirs: Sequence[Path] | None = None,
) -> dict[str, str]:
    """Each file the run writes, by name, with its content key: the same key, the same
    bytes (see :mod:`paperwork.render.keys`). Give it to :meth:`OutputFolder.claim`, and
    the files already in the folder with their key are neither rendered nor replaced."""
    return {job.name: key for job, key in _jobs(production, docs, request, script, font_dirs)}


def render_documents(
    production: Production,
    docs: Sequence[BuiltDocument],
    request: BuildRequest,
    out: OutputFolder,
    progress: Progress = _no_progress,
    script: PreparedScript | None = None,
    font_dirs: Sequence[Path] | None = None,
    diagnostics: Diagnostics | None = None,
) -> list[str]:
    """Render every document in the requested formats into ``out``; returns what was refused.

    Files ``out`` holds up to date (:attr:`OutputFolder.current`, from a claim with
    :func:`output_keys`) are not rendered again; a merged PDF is joined again only when one
    of its parts changed, from the parts as they are. Each file is one job; with
    ``request.workers`` above 1 the jobs are shared among that many processes, the costliest
    first, and the bytes are the same as with one.

    WeasyPrint's warnings about a template go to ``diagnostics`` (``template-warning``).
    ``progress(kind, 0)`` is called as each kind starts (again whenever the file being
    written is of another kind than the last) and ``progress(kind, 1)`` for each file
    written.
    """
    all_jobs = [job for job, _ in _jobs(production, docs, request, script, font_dirs)]
    jobs = [job for job in all_jobs if job.name not in out.current]
    made: dict[int, _Made] = {}
    announced = ""

    def write(job: _Job, result: _Made) -> None:
        nonlocal announced
        if job.kind != announced:
            announced = job.kind
            progress(job.kind, 0)
        out.write(job.name, result.data)
        made[job.order] = _Made(b"", result.refused, result.warnings)  # the bytes are written
        progress(job.kind, 1)

    def merge_task(job: _Job) -> _Task:
        assert isinstance(job.task, _MergeTask)
        return replace(job.task, paths=tuple(str(out.source(p)) for p in job.parts))

    singles = [job for job in jobs if not job.parts]
    merges = [job for job in jobs if job.parts]
    workers = min(request.workers, len(singles))
    if workers <= 1:
        # in the run's order, each merged PDF once its kind's files are written
        for job in sorted(singles + merges, key=lambda j: j.order):
            task = merge_task(job) if job.parts else job.task
            write(job, _make_file(task))
    else:
        _render_in_pool(singles, merges, workers, write, merge_task, out.held_fds())

    refused = [url for order in sorted(made) for url in made[order].refused]
    # each warning once, in the order of the templates' text: which document raised it first
    # depends on which process parsed a stylesheet first (each caches what it parsed)
    warnings = {w for result in made.values() for w in result.warnings}
    if diagnostics is not None:
        for w in sorted(warnings, key=lambda w: (str(w.path), w.line, w.column, w.message)):
            diagnostics.warning(
                "template-warning", _warning_text(w), _template_pos(w, production.root)
            )
    return list(dict.fromkeys(refused))


def _worker_start(parent: int, fds: tuple[int, ...]) -> None:
    """A worker's first act: let go of the output folder's lock (only the build holds it:
    a worker left behind must not keep the next run out) and end with the build, even if
    the build is killed outright."""
    for fd in fds:
        try:
            os.close(fd)
        except OSError:
            pass
    if sys.platform.startswith("linux"):
        import ctypes
        import signal

        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # the build died before we got here
        os._exit(1)
    import threading

    def watch() -> None:  # where there is no PDEATHSIG
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    if not sys.platform.startswith("linux"):
        threading.Thread(target=watch, daemon=True).start()


def _render_in_pool(
    singles: Sequence[_Job],
    merges: Sequence[_Job],
    workers: int,
    write: Callable[[_Job, _Made], None],
    merge_task: Callable[[_Job], _Task],
    fds: tuple[int, ...] = (),
) -> None:
    """The jobs across ``workers`` processes, longest first; each merged PDF as soon as its
    parts are written. Files are written by this process as they come back, so no more
    than a few rendered files are held in memory at once."""
    import multiprocessing
    from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait

    import weasyprint  # noqa: F401 - imported once, before the workers fork

    waiting = {job.name: job for job in merges}
    rendered = {job.name for job in singles}
    needs = {job.name: set(job.parts) & rendered for job in merges}  # parts not yet written
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    pool = ProcessPoolExecutor(
        workers, mp_context=context, initializer=_worker_start, initargs=(os.getpid(), fds)
    )
    running: dict[Future[_Made], _Job] = {}
    try:
        for job in sorted(singles, key=lambda j: (-j.cost, j.order)):
            running[pool.submit(_make_file, job.task)] = job
        # merges whose parts are all up to date already
        for name in [n for n, parts in needs.items() if not parts]:
            needs.pop(name)
            job = waiting.pop(name)
            running[pool.submit(_make_file, merge_task(job))] = job
        while running:
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in sorted(done, key=lambda f: running[f].order):
                job = running.pop(future)
                write(job, future.result())
                for name, parts in list(needs.items()):
                    parts.discard(job.name)
                    if not parts:
                        needs.pop(name)
                        merge = waiting.pop(name)
                        running[pool.submit(_make_file, merge_task(merge))] = merge
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    assert not waiting, f"merged PDFs never joined: {sorted(waiting)}"


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
