"""The one service API that the CLI, the web page and ``send`` call.

Open a production, check it, plan a build (read, check, build, nothing rendered), and
write what was planned into an output folder with a progress callback. None of the
callers repeats that sequence: the CLI adds argument parsing, printing and exit codes,
the web page HTTP and its job runner, ``send`` its messages.

Nothing here prints, reads the clock or exits: ``today``, paths and callbacks come in as
arguments, and every problem in the user's files goes to a :class:`Diagnostics`.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from paperwork.builders.base import BuildOptions
from paperwork.errors import Diagnostics
from paperwork.model.document import FORMATS
from paperwork.model.production import Production
from paperwork.output import OutputFolder
from paperwork.pipeline import (
    DEFAULT_FORMATS,
    SCRIPT,
    SCRIPT_FORMATS,
    BuildRequest,
    Inputs,
    OwnTemplate,
    Plan,
    Progress,
    kinds,
    label,
    output_keys,
    output_names,
    plan,
    render_documents,
    template_folders,
)

if TYPE_CHECKING:
    from paperwork.carnet.check import CarnetCheck

__all__ = [
    "DEFAULT_FORMATS",
    "FORMATS",
    "SCRIPT_FORMATS",
    "BuildOptions",
    "BuildRequest",
    "Inputs",
    "KindInfo",
    "OwnTemplate",
    "Plan",
    "Progress",
    "Status",
    "Written",
    "check",
    "check_carnet",
    "describe_kinds",
    "files",
    "kinds",
    "new_production",
    "label",
    "open_production",
    "plan_build",
    "read_date",
    "template_folders",
    "write",
    "write_missing",
]

Status = Callable[[str], None]
"""``status(message)``: a stage starting, ``Reading my-show...``."""


def _quiet(kind: str, files: int) -> None:
    return None


def new_production(folder: Path) -> None:
    """Fill ``folder`` (new, or empty) with the worked example: production.yaml and its
    tables, ready to check and build."""
    import shutil

    from paperwork.resources import templates_dir

    shutil.copytree(templates_dir() / "new-production", folder, dirs_exist_ok=True)


def read_date(text: str, label: str, diagnostics: Diagnostics) -> date | None:
    """A date the user typed (``--date``, a form's field), read as the tables read dates:
    ``2026-12-03``, ``03/12/2026``, ``3 Dec 2026``, years 1900-2100; None after an error
    at ``label`` that says what was expected and what was found."""
    from paperwork.model.source import Pos
    from paperwork.readers.fields import parse_date

    return parse_date(text, label, Pos(label), diagnostics)


def open_production(folder: Path, diagnostics: Diagnostics) -> Production | None:
    """Read production.yaml and its tables (None: the folder could not be read at all)."""
    from paperwork.readers.production import read_production

    return read_production(folder, diagnostics)


def check(
    folder: Path,
    today: date,
    diagnostics: Diagnostics,
    *,
    status: Status | None = None,
    inputs: Inputs | None = None,
) -> Plan:
    """Every problem of the production and the builders' own checks (budget, daylight,
    turnaround...), nothing rendered: ``paperwork check`` and the web page's summary.

    The builders run even when a table has errors, so one call reports every problem.
    ``inputs`` (default: read afresh) supplies the production and its script.
    """
    return plan(folder, BuildRequest(today=today), diagnostics, status=status, inputs=inputs)


def plan_build(
    folder: Path,
    request: BuildRequest,
    diagnostics: Diagnostics,
    *,
    issued: Path | None = None,
    status: Status | None = None,
) -> Plan:
    """The documents a build of ``request`` will write, built and checked, nothing rendered.

    ``issued`` is where earlier issues are looked for (a call sheet's previous version),
    usually where this run writes. The caller stops if ``diagnostics`` has errors.
    """
    if issued is not None:
        request = replace(request, options=replace(request.options, issued=issued))
    return plan(folder, request, diagnostics, status=status)


def files(run: Plan) -> list[str]:
    """Every file name the planned run writes (the progress total), merged PDFs included."""
    return output_names(
        run.docs,
        run.request.formats,
        run.request.today,
        run.script,
        run.request.sides_after_call_sheets,
    )


@dataclass(frozen=True, slots=True)
class Written:
    """What :func:`write` put in the folder, the resources the templates were refused, and
    how many files the folder already held up to date (not written again)."""

    names: tuple[str, ...]
    refused: tuple[str, ...]
    current: int = 0


def write(
    run: Plan,
    out: OutputFolder,
    *,
    producer: str,
    progress: Progress = _quiet,
    font_dirs: Sequence[Path] | None = None,
    diagnostics: Diagnostics | None = None,
) -> Written:
    """Claim every file of the planned run in ``out``, render them and commit the folder
    (its manifest names ``producer``). ``progress(kind, files)`` hears each kind start
    (``files`` 0) and each file written, ``len(files(run))`` in all. A name already in the
    folder stops it (:class:`~paperwork.errors.OutputError`) before anything is rendered;
    WeasyPrint's warnings about a template go to ``diagnostics``.
    """
    if run.production is None:
        raise ValueError("a plan whose production could not be read writes nothing")
    keys = output_keys(run.production, run.docs, run.request, run.script, font_dirs)
    names = out.claim([n for n in files(run) if n in keys], keys)
    if not names:  # every file up to date: nothing is written, not even the manifest
        return Written((), (), len(out.current))
    refused = render_documents(
        run.production,
        run.docs,
        run.request,
        out,
        progress,
        script=run.script,
        font_dirs=font_dirs,
        diagnostics=diagnostics,
    )
    out.commit(producer)
    return Written(tuple(names), tuple(refused), len(out.current))


def write_missing(run: Plan, out: OutputFolder, stems: Collection[str], producer: str) -> int:
    """Render, one document at a time (no merged PDF), those of ``stems`` that have a file
    not yet in ``out``; a file already there, perhaps issued, is never rendered again.
    Updates the folder's manifest; returns how many documents were rendered."""
    if run.production is None:
        raise ValueError("a plan whose production could not be read writes nothing")
    rendered = 0
    for doc in run.docs:
        absent = tuple(
            f
            for f in run.request.formats
            if f in doc.formats and not out.path(f"{doc.stem}.{f}").exists()
        )
        if doc.stem in stems and absent:
            out.claim([f"{doc.stem}.{f}" for f in absent])
            render_documents(run.production, [doc], replace(run.request, formats=absent), out)
            rendered += 1
    out.write_manifest(producer)
    return rendered


def check_carnet(
    folder: Path, today: date, diagnostics: Diagnostics
) -> tuple[Production | None, CarnetCheck | None]:
    """The kit list checked for the carnet, nothing written: the production and the
    carnet's summary (None when the production could not be read)."""
    from paperwork.carnet.check import check_carnet as check_kit

    production = open_production(folder, diagnostics)
    if production is None:
        return None, None
    return production, check_kit(production, today, diagnostics)


@dataclass(frozen=True, slots=True)
class KindInfo:
    """A document kind as ``paperwork kinds`` lists it."""

    name: str
    summary: str  # the first sentence of its description
    needs: tuple[str, ...] | None  # its inputs; None for the script, rendered apart
    makes: tuple[str, ...]  # the formats its files are written in, in FORMATS order


def describe_kinds() -> list[KindInfo]:
    """Every kind ``--only`` accepts, with what it is, what it needs and the formats it makes."""
    from paperwork.builders import kind

    def makes(formats: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(f for f in FORMATS if f in formats)

    out = []
    for name in kinds():
        if name == SCRIPT:
            summary = "The formatted script named under 'script:'"
            out.append(KindInfo(name, summary, None, makes(SCRIPT_FORMATS)))
            continue
        found = kind(name)
        paragraph = " ".join(found.about.strip().split("\n\n")[0].split())
        summary = paragraph.split(". ")[0].split(" (")[0].rstrip(".:")
        out.append(KindInfo(name, summary, tuple(found.inputs), makes(found.formats)))
    return out
