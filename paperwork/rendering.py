"""Rendering a build's files: one job per file, content-addressed, across processes.

The pipeline (:mod:`paperwork.pipeline`) plans a run; this module names the files it will
write (:func:`output_names`), gives each its content key (:func:`output_keys`: the same key,
the same bytes) and renders them into the output folder (:func:`render_documents`), the
costliest first across ``request.workers`` processes, each merged PDF once its parts are
written. Sides carry their script pages; call sheets built with sides carry each day's sides
after the sheet in their merged PDF.
"""

from __future__ import annotations

import os
import re
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from paperwork.builders import REGISTRY
from paperwork.builders import kind as kind_of
from paperwork.builders.base import SCRIPT
from paperwork.errors import Diagnostics
from paperwork.model.document import FORMATS, BuiltDocument
from paperwork.model.pages import PaginatedScript
from paperwork.model.production import Production
from paperwork.model.source import Pos
from paperwork.output import OutputFolder
from paperwork.resources import templates_dir

if TYPE_CHECKING:
    from paperwork.pipeline import BuildRequest, PreparedScript
    from paperwork.render.fonts import ScriptFont
    from paperwork.render.html_pdf import TemplateWarning
    from paperwork.render.templates import TemplateSet

TEXT_FORMATS = ("json", "ics", "vcf")  # written by the kind's text_output(doc, fmt)
SCRIPT_FORMATS = ("pdf", "docx")  # what the formatted script is written in


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
        names += [f"{script.stem}.{fmt}" for fmt in SCRIPT_FORMATS if fmt in formats]
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
        for name, task, key, size in _script_jobs(script, formats, font_dirs, engine):
            add(SCRIPT, name, task, key, size)

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
        # joined last: its parts are of two kinds
        merge(CALL_SHEETS, _sides_after_sheets(parts_of[CALL_SHEETS], parts_of.get(SIDES, [])))
    return jobs


def _script_jobs(
    script: PreparedScript,
    formats: Sequence[str],
    font_dirs: Sequence[Path] | None,
    engine: str,
) -> list[tuple[str, _Task, str, int]]:
    """The formatted script's files: (name, task, key, cost)."""
    from paperwork.render.keys import combine, document_digest, file_digest
    from paperwork.scripts import author_of

    author = author_of(script.screenplay)
    text, size = document_digest(script.paginated)
    out: list[tuple[str, _Task, str, int]] = []
    if "pdf" in formats:
        font = _script_font(font_dirs)
        faces = [file_digest(font.face(b, i)) for b in (False, True) for i in (False, True)]
        key = combine("script-pdf", engine, text, author, font.family, faces)
        out.append((f"{script.stem}.pdf", _ScriptTask(script.paginated, author, font), key, size))
    if "docx" in formats:
        key = combine("script-docx", engine, text, author)
        out.append((f"{script.stem}.docx", _ScriptTask(script.paginated, author), key, size))
    return out


def _sides_after_sheets(
    sheets: Sequence[tuple[BuiltDocument, str]], sides: Sequence[tuple[BuiltDocument, str]]
) -> list[tuple[BuiltDocument, str]]:
    """The call sheets in order, each day's sides after its sheet (matched by day)."""
    by_day = {int(m[1]): part for part in sides if (m := _DAY.search(part[0].stem))}
    merged: list[tuple[BuiltDocument, str]] = []
    for part in sheets:
        m = _DAY.search(part[0].stem)
        merged += [part, *([by_day[int(m[1])]] if m and int(m[1]) in by_day else [])]
    return merged


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
