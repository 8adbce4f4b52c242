"""A build run: production -> builders -> renderers -> output folder.

Called by the CLI (the only place that reads the clock, prints and exits); everything here
takes ``today`` and paths as arguments.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from paperwork.builders import REGISTRY, builder
from paperwork.builders.base import BuildOptions, BuiltDocument, check_sheets, slug
from paperwork.errors import Diagnostics, UsageError
from paperwork.model.pages import PaginatedScript
from paperwork.model.production import Production
from paperwork.model.screenplay import Screenplay
from paperwork.model.source import Pos
from paperwork.output import OutputFolder
from paperwork.resources import templates_dir

if TYPE_CHECKING:
    from paperwork.render.html_pdf import TemplateWarning

FORMATS = ("docx", "pdf", "xlsx", "csv", "json", "ics")
# What a plain build writes: everything but calendars, which are asked for (--ics).
DEFAULT_FORMATS = ("docx", "pdf", "xlsx", "csv", "json")
TEXT_FORMATS = ("json", "ics")  # written by the builder module's text_output(doc, fmt)


@dataclass(frozen=True, slots=True)
class BuildRequest:
    today: date
    kinds: tuple[str, ...] = ()  # empty: every kind whose inputs exist
    formats: tuple[str, ...] = (
        DEFAULT_FORMATS  # what the user allows; each document says what it makes
    )
    options: BuildOptions = field(default_factory=BuildOptions)
    workers: int = 1  # processes for PDF layout of large batches
    templates: tuple[Path, ...] = ()  # folders searched before the production's and the bundled


SCRIPT = "script"  # the formatted script: a kind of its own, rendered by the script renderers


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
    """Whether this run needs the script read: it is asked for, or a builder needs it
    (``INPUTS``) or makes use of it when there is one (``USES``)."""
    if production.script is None:
        return False
    wanted = request.kinds or kinds()
    return SCRIPT in wanted or any(
        SCRIPT in (*getattr(builder(k), "INPUTS", ()), *getattr(builder(k), "USES", ()))
        for k in wanted
        if k in REGISTRY
    )


def prepare_script(production: Production, diagnostics: Diagnostics) -> PreparedScript | None:
    """Read and paginate the manifest's script; its problems go to ``diagnostics``."""
    from paperwork.scripts import paginate_script, read_script

    assert production.script is not None
    try:
        source = str(production.script.relative_to(production.root))
    except ValueError:
        source = production.script.name
    screenplay = read_script(production.script, diagnostics, source)
    if diagnostics.has_errors:
        return None
    paginated = paginate_script(screenplay, production.script_paper)
    title = screenplay.title or production.title
    return PreparedScript(screenplay, paginated, f"{slug(title)}_script")


def with_breakdown(request: BuildRequest, script: PreparedScript | None) -> BuildRequest:
    """The request with the script's breakdown in its options, for the builders that need it."""
    if script is None:
        return request
    from paperwork.builders.script_breakdown import build_breakdown

    breakdown = build_breakdown(script.screenplay, script.paginated)
    options = replace(request.options, breakdown=breakdown, screenplay=script.screenplay)
    return replace(request, options=options)


def build_documents(
    production: Production, request: BuildRequest, diagnostics: Diagnostics
) -> list[BuiltDocument]:
    """Run the requested builders (or every builder whose inputs exist)."""
    unknown = [k for k in request.kinds if k not in kinds()]
    if unknown:
        raise UsageError(
            f"unknown document kind {', '.join(map(repr, unknown))}; known: {', '.join(kinds())}"
        )
    docs: list[BuiltDocument] = []
    for name in request.kinds or tuple(REGISTRY):
        if name == SCRIPT:
            if production.script is None:
                diagnostics.error(
                    "input-missing", "no script: name it under 'script:'", production.manifest
                )
            continue
        module = builder(name)
        missing = [t for t in module.INPUTS if not _has_input(production, t)]
        if missing:
            if request.kinds:
                diagnostics.error(
                    "input-missing",
                    f"{name} needs the {', '.join(missing)} table (add it under 'tables:')",
                    production.manifest,
                )
            continue
        docs.extend(
            module.build(
                production, today=request.today, diagnostics=diagnostics, options=request.options
            )
        )
    check_sheets(docs, diagnostics)  # text a refusing CSV cannot carry, at its source row
    return docs


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
) -> list[str]:
    """Every file name the run will write, so the folder can be checked first."""
    names = [f"{d.stem}.{fmt}" for d in docs for fmt in d.formats if fmt in formats]
    if script is not None:
        names += [f"{script.stem}.{fmt}" for fmt in ("pdf", "docx") if fmt in formats]
    if "pdf" in formats:
        for kind, batch in _batches(docs).items():
            if len(batch) > 1:
                names.append(merged_name(kind, today))
    return names


def merged_name(kind: str, today: date) -> str:
    return f"{kind}_{today.isoformat()}_all.pdf"


def template_folders(production: Production, extra: Sequence[Path] = ()) -> list[Path]:
    """Where templates are looked up, first match wins: ``extra``, the production's, bundled."""
    folders = [production.templates] if production.templates else []
    return [*extra, *folders, templates_dir()]


def render_script(
    script: PreparedScript,
    formats: Sequence[str],
    out: OutputFolder,
    font_dirs: Sequence[Path] | None = None,
) -> None:
    """The formatted script as PDF (ReportLab) and DOCX (python-docx)."""
    from paperwork.scripts import author_of

    author = author_of(script.screenplay)
    if "pdf" in formats:
        from paperwork.render.fonts import DEFAULT_FONT_DIRS, default_script_font
        from paperwork.render.screenplay_pdf import render_script_pdf

        font = default_script_font(tuple(font_dirs) if font_dirs is not None else DEFAULT_FONT_DIRS)
        out.write(
            f"{script.stem}.pdf", render_script_pdf(script.paginated, author=author, font=font)
        )
    if "docx" in formats:
        from paperwork.render.screenplay_docx import render_script_docx

        out.write(f"{script.stem}.docx", render_script_docx(script.paginated, author=author))


def _template_pos(w: TemplateWarning, root: Path) -> Pos:
    """The template's place, named from the production folder when it is inside it."""
    path = w.path.resolve()
    name = path.relative_to(root.resolve()) if path.is_relative_to(root.resolve()) else path
    return Pos(str(name), w.line, w.column)


def _warning_text(w: TemplateWarning) -> str:
    whose = "a bundled template (a paperwork bug: please report it)" if w.bundled else "template"
    return f"WeasyPrint, laying out {whose}: {w.message}"


def progress_total(docs: Sequence[BuiltDocument], formats: Sequence[str]) -> int:
    """How many DOCX and PDF files the run renders (the progress bar's length)."""
    return sum(1 for d in docs for f in ("docx", "pdf") if f in d.formats and f in formats)


def render_documents(
    production: Production,
    docs: Sequence[BuiltDocument],
    request: BuildRequest,
    out: OutputFolder,
    progress: Callable[[int], None] = lambda n: None,
    script: PreparedScript | None = None,
    font_dirs: Sequence[Path] | None = None,
    diagnostics: Diagnostics | None = None,
) -> list[str]:
    """Render every document in the requested formats into ``out``; returns what was refused.

    WeasyPrint's warnings about a template go to ``diagnostics`` (``template-warning``).
    """
    from paperwork.render.templates import TemplateSet

    if script is not None:
        render_script(script, request.formats, out, font_dirs)

    templates = TemplateSet(template_folders(production, request.templates))
    allowed = [production.root, *templates.folders]
    refused: list[str] = []
    logo = production.company.logo
    for kind, batch in _batches(docs).items():
        if "docx" in request.formats:
            from paperwork.render.docx import render_docx

            for d in batch:
                if "docx" in d.formats:
                    out.write(f"{d.stem}.docx", render_docx(d, templates, logo))
                    progress(1)
        if any(f in request.formats for f in ("xlsx", "csv")):
            from paperwork.render.sheets import render_csv, render_xlsx

            for d in batch:
                if d.sheets and "xlsx" in request.formats and "xlsx" in d.formats:
                    out.write(f"{d.stem}.xlsx", render_xlsx(d.sheets, d.title))
                if d.sheets and "csv" in request.formats and "csv" in d.formats:
                    out.write(f"{d.stem}.csv", render_csv(d.sheets[0]))
        for fmt in TEXT_FORMATS:
            if fmt in request.formats and hasattr(builder(kind), "text_output"):
                for d in batch:
                    data = builder(kind).text_output(d, fmt)
                    if data is not None:
                        out.write(f"{d.stem}.{fmt}", data)
        if "pdf" in request.formats:
            from paperwork.render.html_pdf import render_pdfs
            from paperwork.render.pdf_tools import join_pdfs

            pdf_docs = [d for d in batch if "pdf" in d.formats]
            rendered = render_pdfs(pdf_docs, templates, allowed, request.workers)
            refused.extend(rendered.refused)
            if diagnostics is not None:
                for w in rendered.warnings:
                    diagnostics.warning(
                        "template-warning", _warning_text(w), _template_pos(w, production.root)
                    )
            for d, data in zip(pdf_docs, rendered.pdfs, strict=True):
                out.write(f"{d.stem}.pdf", data)
                progress(1)
            if len(pdf_docs) > 1:
                starts = [sum(rendered.pages[:i]) for i in range(len(pdf_docs))]
                marks = [(d.title, start) for d, start in zip(pdf_docs, starts, strict=True)]
                merged = join_pdfs(rendered.chunks, f"{production.title}: {kind}", marks)
                out.write(merged_name(kind, request.today), merged)
    return refused
