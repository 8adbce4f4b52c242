"""The command line: the only place that prints, reads the clock, and exits.

Start-up imports nothing heavy: readers, builders and renderers are imported inside the
commands that need them, so ``paperwork --help`` and ``paperwork check`` stay fast.
"""

from __future__ import annotations

import gc
import os
import shutil
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path

import click

from paperwork import __version__
from paperwork.errors import Diagnostic, Diagnostics, PaperworkError, UsageError

EXAMPLES = """\b
Examples:
  paperwork init my-show                      start a production folder with a worked example
  paperwork check my-show                     report every problem in every input file
  paperwork build my-show -o out/             every document whose inputs exist, DOCX and PDF
  paperwork build my-show --only clearance-letters --format pdf
"""


def _print_diagnostics(items: list[Diagnostic] | Diagnostics, *, quiet: bool = False) -> None:
    items = list(items)
    for d in items:
        if quiet and d.severity == "info":
            continue
        colour = {"error": "red", "warning": "yellow"}.get(d.severity)
        click.echo(click.style(str(d), fg=colour) if colour else str(d), err=True)
    errors = sum(1 for d in items if d.severity == "error")
    warnings = sum(1 for d in items if d.severity == "warning")
    if errors or warnings:
        click.echo(
            f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}",
            err=True,
        )


def _parse_today(value: str | None) -> date:
    if value is None:
        return date.today()
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"--date must be a date like 2026-12-03 (got {value!r})") from None
    if not 1900 <= day.year <= 2100:
        raise UsageError(f"--date must be a year from 1900 to 2100 (got {value!r})")
    return day


_OUTPUT_FOLDER_OPTION = click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    default=None,
    help="Output folder (default: FOLDER/out).",
)
_FORCE_OPTION = click.option(
    "--force", is_flag=True, help="Replace documents already in the output folder."
)
_DATE_OPTION = click.option(
    "--date", "today", metavar="YYYY-MM-DD", help="Date the documents (default: today)."
)
_FORMAT_OPTION = click.option(
    "--format",
    "formats",
    multiple=True,
    type=click.Choice(["docx", "pdf", "xlsx", "csv", "json", "ics"]),
    help="Only these formats (repeatable). Default: every format the document has, "
    "but calendars (ics).",
)


class _Group(click.Group):
    """Turns a PaperworkError into its message and exit code; anything else is a bug."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except PaperworkError as exc:
            if exc.diagnostics:
                _print_diagnostics(exc.diagnostics)
            if exc.message and not exc.diagnostics:
                click.echo(click.style(f"error: {exc.message}", fg="red"), err=True)
            ctx.exit(exc.exit_code)


@click.group(cls=_Group, epilog=EXAMPLES)
@click.version_option(__version__, prog_name="paperwork")
def main() -> None:
    """paperwork: the paperwork of a production co-ordinator, from the facts you already keep.

    Reads a production folder (production.yaml and its CSV/XLSX tables) and writes the
    documents as DOCX (editable in Word) and PDF.
    """


@main.command()
@click.argument("folder", type=click.Path(path_type=Path))
def init(folder: Path) -> None:
    """Start a new production folder, filled with a worked example.

    \b
    Example:
      paperwork init my-show && paperwork build my-show -o my-show/out
    """
    from paperwork.resources import templates_dir

    if folder.exists() and any(folder.iterdir()):
        raise UsageError(f"{folder} already exists and is not empty; choose a new folder name")
    source = templates_dir() / "new-production"
    shutil.copytree(source, folder, dirs_exist_ok=True)
    click.echo(f"Created {folder}/ with production.yaml and example tables.")
    click.echo(f"Next: edit {folder}/production.yaml, then run: paperwork check {folder}")


@main.command()
@click.argument("path", type=click.Path(path_type=Path))
@_DATE_OPTION
def check(path: Path, today: str | None) -> None:
    """Report every problem in every input file, with where it is. Exit 1 on any error.

    PATH is a production folder or a script (.fountain, .fdx).

    \b
    Examples:
      paperwork check my-show
      paperwork check draft.fountain
    """
    diagnostics = Diagnostics()
    if path.is_file():
        from paperwork.scripts import paginate_script, read_script

        screenplay = read_script(path, diagnostics)
        if not diagnostics.has_errors and screenplay.elements:
            paginate_script(screenplay)  # pagination problems are reported too
    else:
        from paperwork.pipeline import (
            BuildRequest,
            build_documents,
            prepare_script,
            wants_script,
            with_breakdown,
        )
        from paperwork.readers.production import read_production

        production = read_production(path, diagnostics)
        if production is not None and not diagnostics.has_errors:
            # The builders' own checks too (budget, daylight, turnaround...), nothing rendered.
            request = BuildRequest(today=_parse_today(today))
            if wants_script(production, request):
                request = with_breakdown(request, prepare_script(production, diagnostics))
            if not diagnostics.has_errors:
                build_documents(production, request, diagnostics)
    _print_diagnostics(diagnostics)
    if diagnostics.has_errors:
        sys.exit(1)
    click.echo(
        "No errors found." if not diagnostics.warnings else "No errors (see warnings above)."
    )


@main.command()
@click.argument("folder", type=click.Path(path_type=Path))
@_OUTPUT_FOLDER_OPTION
@click.option(
    "--only",
    "kinds",
    multiple=True,
    metavar="KIND",
    help="Only this document kind (repeatable), e.g. script, call-sheets, clearance-letters; "
    "see 'paperwork kinds' for them all.",
)
@_FORMAT_OPTION
@click.option(
    "--all",
    "all_rows",
    is_flag=True,
    help="Every row, not only those whose status asks for a document.",
)
@_FORCE_OPTION
@_DATE_OPTION
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(1, 64),
    default=None,
    help="Processes for PDF layout (default: one per CPU core).",
)
def build(
    folder: Path,
    output: Path | None,
    kinds: tuple[str, ...],
    formats: tuple[str, ...],
    all_rows: bool,
    force: bool,
    today: str | None,
    jobs: int | None,
) -> None:
    """Write every document whose inputs exist, as DOCX and PDF.

    \b
    Examples:
      paperwork build my-show -o out/
      paperwork build my-show --only clearance-letters --format pdf
      paperwork build fixtures/demo -o out/ --date 2026-11-29
    """
    from paperwork.builders.base import BuildOptions
    from paperwork.pipeline import DEFAULT_FORMATS, BuildRequest

    request = BuildRequest(
        today=_parse_today(today),
        kinds=tuple(dict.fromkeys(kinds)),
        formats=tuple(formats) or DEFAULT_FORMATS,
        options=BuildOptions(all_rows=all_rows),
        workers=jobs or os.cpu_count() or 1,
    )
    _run_build(folder, output, request, force)


def _run_build(
    folder: Path, output: Path | None, request: object, force: bool, *, adjust: object = None
) -> None:
    """Read, build, check the output folder, render, write the manifest; exit 1 on errors."""
    from paperwork.output import OutputFolder
    from paperwork.pipeline import (
        SCRIPT,
        BuildRequest,
        build_documents,
        output_names,
        prepare_script,
        progress_total,
        render_documents,
        wants_script,
        with_breakdown,
    )
    from paperwork.readers.production import read_production

    assert isinstance(request, BuildRequest)
    out_root = output or folder / "out"
    # Earlier issues (a call sheet's previous version) are looked for where this run writes.
    request = replace(request, options=replace(request.options, issued=out_root))
    diagnostics = Diagnostics()
    production = read_production(folder, diagnostics)
    docs = []
    script = None
    if production is not None and not diagnostics.has_errors:
        if wants_script(production, request):
            script = prepare_script(production, diagnostics)
            request = with_breakdown(request, script)
        docs = build_documents(production, request, diagnostics)
        if callable(adjust):
            docs = adjust(docs)
    _print_diagnostics(diagnostics)
    if diagnostics.has_errors or production is None:
        sys.exit(1)
    if request.kinds and SCRIPT not in request.kinds:
        script = None  # read for the builders' breakdown, not to be written
    if not docs and script is None:
        click.echo("Nothing to build: no document's inputs are in this production.", err=True)
        return
    out = OutputFolder(out_root, force=force, staged=True)
    out.claim(output_names(docs, request.formats, request.today, script))
    total = progress_total(docs, request.formats)
    fonts = _font_dirs(())
    if sys.stderr.isatty() and total > 1:
        with click.progressbar(length=total, label="Rendering", file=sys.stderr) as bar:
            refused = render_documents(
                production, docs, request, out, bar.update, script=script, font_dirs=fonts
            )
    else:
        refused = render_documents(production, docs, request, out, script=script, font_dirs=fonts)
    for url in refused:
        click.echo(
            click.style(
                f"warning: a template asked for {url}; not fetched [blocked-resource]", fg="yellow"
            ),
            err=True,
        )
    out.commit()
    out.write_manifest(f"paperwork {__version__}")
    click.echo(f"Wrote {len(out.written)} files to {out.root}/ (listed in manifest.json).")


@main.command()
@click.argument("folder", type=click.Path(path_type=Path))
@_OUTPUT_FOLDER_OPTION
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
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Your company's own Word template (.docx) for the contract.",
)
@_FORMAT_OPTION
@_FORCE_OPTION
@_DATE_OPTION
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
    import dataclasses

    from paperwork.builders.base import BuildOptions
    from paperwork.pipeline import DEFAULT_FORMATS, BuildRequest

    if template is not None and template.suffix.lower() != ".docx":
        raise UsageError(f"--template must be a Word .docx file (got {template.name!r})")
    request = BuildRequest(
        today=_parse_today(today),
        kinds=("crew-contracts",),
        formats=tuple(formats) or DEFAULT_FORMATS,
        options=BuildOptions(people=people),
        workers=os.cpu_count() or 1,
        templates=(template.resolve().parent,) if template else (),
    )

    def own_template(docs):  # type: ignore[no-untyped-def]
        if template is None:
            return docs
        return [
            dataclasses.replace(d, template=template.stem, formats=("docx",))
            if d.template == "crew_contract"  # the contracts, not the cost summary
            else d
            for d in docs
        ]

    _run_build(folder, output, request, force, adjust=own_template)


@main.command()
@click.argument("folder", type=click.Path(path_type=Path))
@_OUTPUT_FOLDER_OPTION
@click.option(
    "--check", "check_only", is_flag=True, help="Validate the kit list only; write nothing."
)
@_FORMAT_OPTION
@_FORCE_OPTION
@_DATE_OPTION
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
    from paperwork.pipeline import DEFAULT_FORMATS, BuildRequest

    request = BuildRequest(
        today=_parse_today(today),
        kinds=("carnet",),
        formats=tuple(formats) or DEFAULT_FORMATS,
        workers=os.cpu_count() or 1,
    )
    if not check_only:
        _run_build(folder, output, request, force)
        return
    from paperwork.builders.carnet import check_carnet
    from paperwork.readers.production import read_production

    diagnostics = Diagnostics()
    production = read_production(folder, diagnostics)
    summary = check_carnet(production, request.today, diagnostics) if production else None
    _print_diagnostics(diagnostics)
    if summary is not None:
        for line in summary.lines():
            click.echo(line)
    sys.exit(1 if diagnostics.has_errors or production is None else 0)


@main.command()
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--day", type=click.IntRange(1, 999), required=True, help="The shoot day's number.")
@click.option(
    "--version",
    "version",
    type=click.IntRange(1, 99),
    default=None,
    help="Re-issue as this version: 'Rev 2, supersedes Rev 1', changes listed.",
)
@click.option("--ics", is_flag=True, help="Also write a calendar (.ics) of everyone's calls.")
@_OUTPUT_FOLDER_OPTION
@_FORCE_OPTION
@_DATE_OPTION
def callsheet(
    folder: Path,
    day: int,
    version: int | None,
    ics: bool,
    output: Path | None,
    force: bool,
    today: str | None,
) -> None:
    """One day's call sheet (DOCX and PDF), built from the schedule and the script.

    Each issue keeps a snapshot (call-sheet_dayNN_vN.json) in the output folder, so that a
    re-issue with --version lists what changed since the version before.

    \b
    Examples:
      paperwork callsheet my-show --day 3 -o out/
      paperwork callsheet my-show --day 3 --version 2 -o out/
      paperwork callsheet my-show --day 3 --ics -o out/
    """
    from paperwork.builders.base import BuildOptions
    from paperwork.pipeline import BuildRequest

    request = BuildRequest(
        today=_parse_today(today),
        kinds=("call-sheets",),
        formats=("docx", "pdf", "json", *(("ics",) if ics else ())),
        options=BuildOptions(day=day, version=version),
        workers=os.cpu_count() or 1,
    )
    _run_build(folder, output, request, force)


@main.command("kinds")
def list_kinds() -> None:
    """List the document kinds that 'build --only' accepts.

    \b
    Example:
      paperwork kinds
    """
    from paperwork.builders import builder
    from paperwork.pipeline import SCRIPT, kinds

    for name in kinds():
        if name == SCRIPT:
            click.echo(f"{name:22} the formatted script named under 'script:' (PDF, DOCX)")
            continue
        module = builder(name)
        paragraph = " ".join((module.__doc__ or "").strip().split("\n\n")[0].split())
        doc = paragraph.split(". ")[0].split(" (")[0].rstrip(".:")
        needs = ", ".join(module.INPUTS)
        click.echo(f"{name:22} {doc}  [needs: {needs}]")


def _font_dirs(extra: tuple[Path, ...]) -> tuple[Path, ...]:
    """The system font folders, the user's own, and any given with --font-dir."""
    from paperwork.render.fonts import DEFAULT_FONT_DIRS

    home = Path.home()
    user = (home / ".local/share/fonts", home / ".fonts", home / "Library/Fonts")
    return (*extra, *user, *DEFAULT_FONT_DIRS)


def _read_script_or_exit(source: Path):  # type: ignore[no-untyped-def]
    from paperwork.scripts import read_script

    diagnostics = Diagnostics()
    screenplay = read_script(source, diagnostics)
    _print_diagnostics(diagnostics)
    if diagnostics.has_errors:
        sys.exit(1)
    return screenplay


def _collect_less() -> None:
    """A script run builds many small frozen objects and few cycles: the default collector
    thresholds spend ~20 ms of a 120-page script in needless collections. Only for script
    commands: a batch of Word documents (docxtpl, lxml) makes cycles that must be collected."""
    gc.set_threshold(20_000, 20, 20)


@main.group()
def script() -> None:
    """Format scripts (Fountain, Final Draft) and break them down into scenes.

    \b
    Examples:
      paperwork script format draft.fountain -o draft.pdf
      paperwork script format draft.fdx -o draft.pdf --paper a4
      paperwork script format draft.fountain -o draft.fdx
      paperwork script breakdown draft.fountain --json
    """


@script.command("format")
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    required=True,
    help="The file to write: .pdf, .docx, .fdx or .fountain.",
)
@click.option(
    "--paper",
    type=click.Choice(["letter", "a4"]),
    default="letter",
    show_default=True,
    help="Page size of the PDF and DOCX.",
)
@click.option(
    "--scene-numbers",
    type=click.Choice(["left", "right", "both", "none"]),
    default=None,
    help="Where to print scene numbers (default: both when the script has numbers).",
)
@click.option(
    "--no-auto-contd",
    is_flag=True,
    help="No automatic (CONT'D) when a character speaks again after action.",
)
@click.option(
    "--font-dir",
    multiple=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Also look here for Courier Prime (repeatable).",
)
@click.option("--force", is_flag=True, help="Replace the output if it exists.")
def script_format(
    source: Path,
    output: Path,
    paper: str,
    scene_numbers: str | None,
    no_auto_contd: bool,
    font_dir: tuple[Path, ...],
    force: bool,
) -> None:
    """Format a script in industry layout, page for page as Final Draft would.

    \b
    Examples:
      paperwork script format draft.fountain -o draft.pdf
      paperwork script format draft.fdx -o draft.docx --paper a4
      paperwork script format draft.fdx -o draft.fountain
    """
    _collect_less()
    from paperwork.output import OutputFolder
    from paperwork.scripts import WRITE_SUFFIXES, format_script

    if output.suffix.lower() not in WRITE_SUFFIXES:
        raise UsageError(f"-o must end in {', '.join(WRITE_SUFFIXES)} (got {output.name!r})")
    out = OutputFolder(output.parent if str(output.parent) else Path("."), force=force)
    out.claim([output.name])
    screenplay = _read_script_or_exit(source)
    data = format_script(
        screenplay,
        output.suffix,
        paper=paper,
        scene_numbers=scene_numbers,
        automatic_continueds=False if no_auto_contd else None,
        font_dirs=_font_dirs(font_dir),
    )
    out.write(output.name, data)
    click.echo(f"Wrote {output}")


@script.command("breakdown")
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "fmt", flag_value="json", default=True, help="JSON (the default).")
@click.option("--csv", "fmt", flag_value="csv", help="CSV with the same columns.")
@click.option(
    "-o", "--output", type=click.Path(path_type=Path), help="Write here, not to the screen."
)
@click.option(
    "--paper",
    type=click.Choice(["letter", "a4"]),
    default="letter",
    show_default=True,
    help="Page size the pages and eighths are counted on.",
)
@click.option("--force", is_flag=True, help="Replace the output if it exists.")
def script_breakdown(source: Path, fmt: str, output: Path | None, paper: str, force: bool) -> None:
    """List the scenes with their page, length in eighths and speaking characters.

    \b
    Examples:
      paperwork script breakdown draft.fountain --json
      paperwork script breakdown draft.fdx --csv -o scenes.csv
    """
    _collect_less()
    import json

    from paperwork.builders.script_breakdown import breakdown_csv, breakdown_json, build_breakdown
    from paperwork.scripts import paginate_script

    screenplay = _read_script_or_exit(source)
    breakdown = build_breakdown(screenplay, paginate_script(screenplay, paper))
    if fmt == "csv":
        text = breakdown_csv(breakdown)
    else:
        text = json.dumps(breakdown_json(breakdown), indent=2, ensure_ascii=False) + "\n"
    if output is None:
        click.echo(text, nl=False)
        return
    from paperwork.output import OutputFolder

    out = OutputFolder(output.parent if str(output.parent) else Path("."), force=force)
    out.claim([output.name])
    out.write(output.name, text.encode("utf-8"))
    click.echo(f"Wrote {output}", err=True)


def _script_production(script: Path, production: Path | None):  # type: ignore[no-untyped-def]
    """The production folder of a script (--production, else the one whose manifest names
    it), or None; its problems are printed and stop the command."""
    from paperwork.scripts import script_production

    diagnostics = Diagnostics()
    found = script_production(script, production, diagnostics)
    diagnostics.stop_if_errors()
    _print_diagnostics(diagnostics)
    return found


def _revision_colours(found: object) -> tuple[str, ...]:
    """The colour order of the script's production, else the industry order."""
    from paperwork.model.revision import INDUSTRY_COLOURS

    return getattr(found, "colours", ()) or INDUSTRY_COLOURS


def _paper_from(found: object) -> str:
    from paperwork.scripts import DEFAULT_PAPER

    return str(getattr(found, "paper", DEFAULT_PAPER))


@script.command("lock")
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--paper",
    type=click.Choice(["letter", "a4"]),
    default=None,
    help="Page size the draft is locked on (default: its production's script paper, else letter).",
)
@click.option(
    "--scene-letters",
    type=click.Choice(["suffix", "prefix"]),
    default="suffix",
    show_default=True,
    help="Inserted scenes as 10A (suffix) or A11 (prefix).",
)
@click.option(
    "--production",
    type=click.Path(file_okay=False, path_type=Path),
    help="The production folder (its script paper and revision_colours). Default: the one "
    "whose production.yaml names this script, in its folder or up to two above.",
)
@click.option(
    "--date", "today", metavar="YYYY-MM-DD", help="Date of the locked draft (default: today)."
)
@click.option("--force", is_flag=True, help="Replace an existing lock file.")
def script_lock(
    source: Path,
    paper: str | None,
    scene_letters: str,
    production: Path | None,
    today: str | None,
    force: bool,
) -> None:
    """Lock a draft: freeze its page breaks and scene numbers (writes DRAFT.lock.json beside it).

    The draft is locked on its production's script paper (production.yaml's script: paper:)
    when a production names it, so its revisions slot into the pages printed by build.

    \b
    Examples:
      paperwork script lock shooting-white.fountain
      paperwork script lock draft.fountain --paper a4
    """
    from paperwork.output import OutputFolder
    from paperwork.revise import lock_path_for, lock_script
    from paperwork.writers.lock import lock_to_json

    target = lock_path_for(source)
    out = OutputFolder(target.parent, force=force)
    out.claim([target.name])
    found = _script_production(source, production)
    paper_given = paper is not None
    paper = paper or _paper_from(found)
    diagnostics = Diagnostics()
    lock = lock_script(
        source,
        paper=paper,
        on=_parse_today(today),
        colours=_revision_colours(found),
        scene_letters=scene_letters,  # type: ignore[arg-type]
        diagnostics=diagnostics,
    )
    _print_diagnostics(diagnostics)
    out.write(target.name, lock_to_json(lock))
    size = "A4" if lock.paper == "a4" else "US Letter"
    whence = f", the script paper of {found.folder / 'production.yaml'}" if found else ""
    whence = "" if paper_given else whence
    click.echo(f"Locked {len(lock.pages)} pages on {size}{whence}: wrote {target}")


@script.command("revise")
@click.argument(
    "drafts", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.option(
    "--colour",
    "colour",
    metavar="COLOUR",
    help="The revision's colour: blue, pink, yellow, ... (FDX: default its active set).",
)
@click.option("--date", "today", metavar="YYYY-MM-DD", help="The revision's date (default: today).")
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="Output folder for the full script, the revised pages, DOCX, FDX and new lock.",
)
@click.option(
    "--lock",
    "lock_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="The old draft's lock file (default: beside OLD, else in the output folder).",
)
@click.option(
    "--white-paper", is_flag=True, help="No page tint: the colour is named in the header only."
)
@click.option(
    "--marks",
    type=click.Choice(["single", "per-colour"]),
    default="single",
    show_default=True,
    help="'*' for every revision, or one mark per colour (*, **, ...).",
)
@click.option(
    "--omitted",
    type=click.Choice(["combine", "placeholder"]),
    default="combine",
    show_default=True,
    help="A page that shrinks away: '15-16', or an OMITTED page.",
)
@click.option(
    "--scene-letters",
    type=click.Choice(["suffix", "prefix"]),
    default=None,
    help="Inserted scenes as 10A or A11 (default: as locked).",
)
@click.option(
    "--paper",
    type=click.Choice(["letter", "a4"]),
    default=None,
    help="Page size (default: the paper the draft was locked on; another one is an error).",
)
@click.option(
    "--production",
    type=click.Path(file_okay=False, path_type=Path),
    help="The production folder (its script paper and revision_colours). Default: the one "
    "whose production.yaml names the old draft, in its folder or up to two above.",
)
@click.option(
    "--font-dir",
    multiple=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Also look here for Courier Prime (repeatable).",
)
@click.option("--force", is_flag=True, help="Replace files already in the output folder.")
def script_revise(
    drafts: tuple[Path, ...],
    colour: str | None,
    today: str | None,
    output: Path,
    lock_path: Path | None,
    white_paper: bool,
    marks: str,
    omitted: str,
    scene_letters: str | None,
    paper: str | None,
    production: Path | None,
    font_dir: tuple[Path, ...],
    force: bool,
) -> None:
    """Issue a revision: OLD NEW (against OLD's lock), or one FDX with its own revision marks.

    Writes <title>_<colour>_full.pdf (every page in its latest colour), <title>_<colour>_pages.pdf
    (only the pages changed in this revision, with a summary page), .docx, .fdx and NEW.lock.json.
    The pages are laid out on the paper OLD was locked on (its lock file records it), so they
    slot into the script already issued.

    \b
    Examples:
      paperwork script revise white.fountain blue.fountain --colour blue --date 2026-12-03 -o out/
      paperwork script revise blue.fountain pink.fountain --colour pink -o out/
      paperwork script revise revised.fdx -o out/
    """
    from paperwork.output import OutputFolder
    from paperwork.render.fonts import default_script_font
    from paperwork.revise import RevisionOptions, lock_path_for, revise_scripts

    if len(drafts) > 2:
        raise UsageError("give the old draft and the new one (or one FDX carrying its own marks)")
    old, new = (drafts[0], drafts[1]) if len(drafts) == 2 else (None, drafts[0])
    if old is None and new.suffix.lower() != ".fdx":
        raise UsageError("with one draft, it must be an FDX carrying its own revision marks")
    if old is not None and lock_path is None:
        beside, in_output = lock_path_for(old), output / lock_path_for(old).name
        lock_path = beside if beside.exists() else in_output if in_output.exists() else None
    found = _script_production(old or new, production)
    options = RevisionOptions(
        paper=paper,
        default_paper=_paper_from(found),
        white_paper=white_paper,
        marks=marks,  # type: ignore[arg-type]
        omitted_pages=omitted,  # type: ignore[arg-type]
        combine_omitted_scenes=omitted == "combine",
        scene_letters=scene_letters,  # type: ignore[arg-type]
        colours=_revision_colours(found),
    )
    result = revise_scripts(
        old,
        new,
        colour,
        _parse_today(today),
        lock_path=lock_path,
        options=options,
        font=default_script_font(_font_dirs(font_dir)),
    )
    _print_diagnostics(list(result.diagnostics))
    out = OutputFolder(output, force=force)
    out.claim([f.name for f in result.files])
    for f in result.files:
        out.write(f.name, f.data)
    issued = ", ".join(result.issued) if result.issued else "none (no changes)"
    click.echo(f"Pages issued: {issued}")
    click.echo(f"Wrote {len(result.files)} files to {out.root}/")


if __name__ == "__main__":
    main()
