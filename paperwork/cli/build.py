"""The production commands: init, check, build, contracts, carnet, callsheet, kinds."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import click

from paperwork import __version__
from paperwork.cli.common import (
    A_PATH,
    DATE_OPTION,
    EXISTING_FILE,
    FOLDER_ARGUMENT,
    FORCE_OPTION,
    FORMAT_OPTION,
    OUTPUT_FOLDER_OPTION,
    SEPARATE_SIDES_OPTION,
    SIDES_LAYOUT_OPTION,
    day_option,
    font_dirs,
    options,
    parse_today,
    print_diagnostics,
    print_skipped,
    status,
    version_option,
    warn,
)
from paperwork.errors import Diagnostics, UsageError

if TYPE_CHECKING:
    from paperwork.output import OutputFolder
    from paperwork.service import BuildRequest, Plan, Progress

# What the commands that write documents take, after their own options.
WRITE_OPTIONS = options(FORMAT_OPTION, FORCE_OPTION, DATE_OPTION)


@click.command()
@FOLDER_ARGUMENT
def init(folder: Path) -> None:
    """Start a new production folder, filled with a worked example.

    \b
    Example:
      paperwork init my-show && paperwork build my-show -o my-show/out
    """
    from paperwork.service import new_production

    if folder.exists() and any(folder.iterdir()):
        raise UsageError(f"{folder} already exists and is not empty; choose a new folder name")
    new_production(folder)
    click.echo(f"Created {folder}/ with production.yaml and example tables.")
    click.echo(f"Next: edit {folder}/production.yaml, then run: paperwork check {folder}")


@click.command()
@click.argument("path", type=A_PATH)
@DATE_OPTION
def check(path: Path, today: str | None) -> None:
    """Report every problem in every input file, with where it is. Exit 1 on any error.

    PATH is a production folder or a script (.fountain, .fdx).

    \b
    Examples:
      paperwork check my-show
      paperwork check draft.fountain
    """
    diagnostics = Diagnostics()
    skipped: list[object] = []
    if path.is_file():
        from paperwork.scripts import paginate_script, read_script

        screenplay = read_script(path, diagnostics)
        if not diagnostics.has_errors and screenplay.elements:
            paginate_script(screenplay)  # pagination problems are reported too
    else:
        from paperwork import service

        # The builders' own checks too (budget, daylight, turnaround...), nothing rendered;
        # they run even when a table has errors, so that one run reports every problem.
        checked = service.check(path, parse_today(today), diagnostics, status=status)
        skipped = list(checked.skipped)
    print_diagnostics(diagnostics)
    print_skipped(skipped, "Not checked")
    if diagnostics.has_errors:
        sys.exit(1)
    click.echo(
        "No errors found." if not diagnostics.warnings else "No errors (see warnings above)."
    )


@click.command()
@FOLDER_ARGUMENT
@OUTPUT_FOLDER_OPTION
@click.option(
    "--only",
    "kinds",
    multiple=True,
    metavar="KIND",
    help="Only this document kind (repeatable), e.g. script, call-sheets, clearance-letters; "
    "see 'paperwork kinds' for them all.",
)
@FORMAT_OPTION
@click.option(
    "--all",
    "all_rows",
    is_flag=True,
    help="Every row, not only those whose status asks for a document.",
)
@FORCE_OPTION
@DATE_OPTION
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(1, 64),
    default=None,
    help="Processes rendering the documents (default: one per CPU core).",
)
@SIDES_LAYOUT_OPTION
@SEPARATE_SIDES_OPTION
def build(
    folder: Path,
    output: Path | None,
    kinds: tuple[str, ...],
    formats: tuple[str, ...],
    all_rows: bool,
    force: bool,
    today: str | None,
    jobs: int | None,
    sides_layout: str | None,
    separate_sides: bool,
) -> None:
    """Write every document whose inputs exist, as DOCX and PDF.

    \b
    Examples:
      paperwork build my-show -o out/
      paperwork build my-show --only clearance-letters --format pdf
      paperwork build fixtures/demo -o out/ --date 2026-11-29
    """
    from paperwork.service import DEFAULT_FORMATS, BuildOptions, BuildRequest

    request = BuildRequest(
        today=parse_today(today),
        kinds=tuple(dict.fromkeys(kinds)),
        formats=tuple(formats) or DEFAULT_FORMATS,
        options=BuildOptions(all_rows=all_rows, sides_layout=sides_layout),
        workers=jobs or os.cpu_count() or 1,
        sides_after_call_sheets=not separate_sides,
    )
    run_build(folder, output, request, force)


def run_build(folder: Path, output: Path | None, request: BuildRequest, force: bool) -> None:
    """Plan, check the output folder, render, write the manifest; exit 1 on errors."""
    from paperwork import service
    from paperwork.output import OutputFolder

    out_root = output or folder / "out"
    diagnostics = Diagnostics()
    # Earlier issues (a call sheet's previous version) are looked for where this run writes.
    run = service.plan_build(folder, request, diagnostics, issued=out_root, status=status)
    print_diagnostics(diagnostics)
    if diagnostics.has_errors or run.production is None:
        sys.exit(1)
    print_skipped(run.skipped, "Skipped")
    if not run.docs and run.script is None:
        click.echo("Nothing to build: no document's inputs are in this production.", err=True)
        return
    rendering = Diagnostics()
    with OutputFolder(out_root, force=force, staged=True) as out:
        print_leftovers(out)
        with _progress_bar(run) as progress:
            written = service.write(
                run,
                out,
                producer=f"paperwork {__version__}",
                progress=progress,
                font_dirs=font_dirs(()),
                diagnostics=rendering,
            )
        print_diagnostics(rendering)
        for url in written.refused:
            warn(f"warning: a template asked for {url}; not fetched [blocked-resource]")
    if not written.names:
        click.echo(f"Nothing changed: {written.current} documents up to date in {out.root}/.")
        return
    fresh = f"; {written.current} up to date" if written.current else ""
    click.echo(f"Wrote {len(out.written)} files to {out.root}/{fresh} (listed in manifest.json).")


def print_leftovers(out: OutputFolder) -> None:
    """What the runs before left: a set finished, unfinished files removed."""
    if out.recovered:
        warn(
            f"warning: an earlier run into {out.root} was stopped while moving its "
            f"{len(out.recovered)} files in; they are now all in place and in the "
            "manifest [interrupted-run]"
        )
    elif out.cleaned:
        warn(
            f"warning: removed {len(out.cleaned)} unfinished file(s) left in {out.root} by "
            "an interrupted run; the documents it had issued are untouched [interrupted-run]"
        )


@contextmanager
def _progress_bar(run: Plan) -> Iterator[Progress]:
    """On a terminal, a bar over every file the run writes, named by the kind at work."""
    from paperwork import service

    if not sys.stderr.isatty():
        yield lambda kind, files: None
        return
    label = service.label
    shown = {label(d.kind) for d in run.docs} | {"Rendering", *(("script",) if run.script else ())}
    width = max(map(len, shown))
    with click.progressbar(
        length=len(service.files(run)),
        label=f"{'Rendering':{width}}",
        file=sys.stderr,
        show_pos=True,
    ) as bar:

        def progress(kind: str, files: int) -> None:
            bar.label = f"{label(kind):{width}}"
            if files:
                bar.update(files)
            else:
                bar.render_progress()  # the kind starting: its name at once

        yield progress


@click.command()
@FOLDER_ARGUMENT
@OUTPUT_FOLDER_OPTION
@click.option(
    "--only",
    "people",
    multiple=True,
    metavar="NAME",
    help="Only this person (repeatable); the summary is left out.",
)
@click.option(
    "--template",
    "template",
    type=EXISTING_FILE,
    help="Your company's own Word template (.docx) for the contract.",
)
@WRITE_OPTIONS
def contracts(
    folder: Path,
    output: Path | None,
    people: tuple[str, ...],
    template: Path | None,
    formats: tuple[str, ...],
    force: bool,
    today: str | None,
) -> None:
    """Crew contracts / deal memos for freelancers, with the accountant's summary.

    With --template, contracts are written from your own Word file as DOCX only (a Word
    template cannot make the PDF); its fields are listed in the README.

    \b
    Examples:
      paperwork contracts my-show -o out/
      paperwork contracts my-show --only "Jo Bloggs" -o out/
      paperwork contracts my-show --template company-memo.docx
    """
    from paperwork.service import DEFAULT_FORMATS, BuildOptions, BuildRequest, OwnTemplate

    if template is not None and template.suffix.lower() != ".docx":
        raise UsageError(f"--template must be a Word .docx file (got {template.name!r})")
    request = BuildRequest(
        today=parse_today(today),
        kinds=("crew-contracts",),
        formats=tuple(formats) or DEFAULT_FORMATS,
        options=BuildOptions(people=people),
        workers=os.cpu_count() or 1,
        # the contracts from the user's Word file, not the cost summary
        own_templates=(OwnTemplate("crew_contract", template),) if template else (),
    )
    run_build(folder, output, request, force)


@click.command()
@FOLDER_ARGUMENT
@OUTPUT_FOLDER_OPTION
@click.option(
    "--check", "check_only", is_flag=True, help="Validate the kit list only; write nothing."
)
@WRITE_OPTIONS
def carnet(
    folder: Path,
    output: Path | None,
    check_only: bool,
    formats: tuple[str, ...],
    force: bool,
    today: str | None,
) -> None:
    """ATA carnet general list, cover summary, packing lists and the chamber's upload CSV.

    \b
    Examples:
      paperwork carnet my-show --check
      paperwork carnet my-show -o out/
    """
    from paperwork.service import DEFAULT_FORMATS, BuildRequest

    request = BuildRequest(
        today=parse_today(today),
        kinds=("carnet",),
        formats=tuple(formats) or DEFAULT_FORMATS,
        workers=os.cpu_count() or 1,
    )
    if not check_only:
        run_build(folder, output, request, force)
        return
    from paperwork.service import check_carnet

    diagnostics = Diagnostics()
    production, summary = check_carnet(folder, request.today, diagnostics)
    print_diagnostics(diagnostics)
    if summary is not None:
        for line in summary.lines():
            click.echo(line)
    sys.exit(1 if diagnostics.has_errors or production is None else 0)


@click.command()
@FOLDER_ARGUMENT
@day_option(required=True, help="The shoot day's number.")
@version_option("Re-issue as this version: 'Rev 2, supersedes Rev 1', changes listed.")
@click.option("--ics", is_flag=True, help="Also write a calendar (.ics) of everyone's calls.")
@click.option(
    "--sides",
    is_flag=True,
    help="Also write the day's sides (its script pages), carried after the call sheet in a "
    "merged PDF.",
)
@SIDES_LAYOUT_OPTION
@SEPARATE_SIDES_OPTION
@OUTPUT_FOLDER_OPTION
@FORCE_OPTION
@DATE_OPTION
def callsheet(
    folder: Path,
    day: int,
    version: int | None,
    ics: bool,
    sides: bool,
    sides_layout: str | None,
    separate_sides: bool,
    output: Path | None,
    force: bool,
    today: str | None,
) -> None:
    """One day's call sheet (DOCX and PDF), built from the schedule and the script.

    Each issue keeps a snapshot (call-sheet_dayNN_DATE_vN.json) in the output folder, so that a
    re-issue with --version lists what changed since the version before.

    \b
    Examples:
      paperwork callsheet my-show --day 3 -o out/
      paperwork callsheet my-show --day 3 --version 2 -o out/
      paperwork callsheet my-show --day 3 --ics -o out/
      paperwork callsheet my-show --day 3 --sides --sides-layout half -o out/
    """
    from paperwork.service import BuildOptions, BuildRequest

    if not sides and (sides_layout is not None or separate_sides):
        given = "--sides-layout" if sides_layout is not None else "--separate-sides"
        raise UsageError(f"{given} is about the day's sides: add --sides to write them")
    request = BuildRequest(
        today=parse_today(today),
        kinds=("call-sheets", *(("sides",) if sides else ())),
        formats=("docx", "pdf", "json", *(("ics",) if ics else ())),
        options=BuildOptions(day=day, version=version, sides_layout=sides_layout),
        workers=os.cpu_count() or 1,
        sides_after_call_sheets=not separate_sides,
    )
    run_build(folder, output, request, force)


@click.command("kinds")
def list_kinds() -> None:
    """List the document kinds that 'build --only' accepts, the formats each makes and
    the tables it needs.

    \b
    Example:
      paperwork kinds
    """
    from paperwork.service import DEFAULT_FORMATS, describe_kinds

    for k in describe_kinds():
        usual = [f for f in k.makes if f in DEFAULT_FORMATS]
        asked = [f for f in k.makes if f not in DEFAULT_FORMATS]  # a calendar: --format ics
        on_request = f"; {', '.join(asked)} on request" if asked else ""
        makes = f"  [makes: {', '.join(usual)}{on_request}]"
        needs = "" if k.needs is None else f"  [needs: {', '.join(k.needs)}]"
        click.echo(f"{k.name:22} {k.summary}{makes}{needs}")
