"""``paperwork script``: format, break down, lock and revise a script."""

from __future__ import annotations

import gc
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from paperwork.cli.common import (
    A_FOLDER,
    A_PATH,
    EXISTING_FILE,
    FONT_DIR_OPTION,
    SCRIPT_FORCE_OPTION,
    SOURCE_ARGUMENT,
    choice_option,
    font_dirs,
    paper_option,
    parse_today,
    print_diagnostics,
    production_option,
    scene_letters_option,
)
from paperwork.errors import Diagnostics, UsageError

if TYPE_CHECKING:
    from paperwork.model.screenplay import Screenplay
    from paperwork.scripts import ScriptProduction


def _read_script_or_exit(source: Path) -> Screenplay:
    from paperwork.scripts import read_script

    diagnostics = Diagnostics()
    screenplay = read_script(source, diagnostics)
    print_diagnostics(diagnostics)
    if diagnostics.has_errors:
        sys.exit(1)
    return screenplay


def _collect_less() -> None:
    """A script run builds many small frozen objects and few cycles: the default collector
    thresholds spend ~20 ms of a 120-page script in needless collections. Only for script
    commands: a batch of Word documents (docxtpl, lxml) makes cycles that must be collected."""
    gc.set_threshold(20_000, 20, 20)


@click.group()
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
@SOURCE_ARGUMENT
@click.option(
    "-o",
    "--output",
    type=A_PATH,
    required=True,
    help="The file to write: .pdf, .docx, .fdx or .fountain.",
)
@paper_option("letter", "Page size of the PDF and DOCX.")
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
@FONT_DIR_OPTION
@SCRIPT_FORCE_OPTION
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
        font_dirs=font_dirs(font_dir),
    )
    out.write(output.name, data)
    click.echo(f"Wrote {output}")


@script.command("breakdown")
@SOURCE_ARGUMENT
@click.option("--json", "fmt", flag_value="json", default=True, help="JSON (the default).")
@click.option("--csv", "fmt", flag_value="csv", help="CSV with the same columns.")
@click.option("-o", "--output", type=A_PATH, help="Write here, not to the screen.")
@paper_option("letter", "Page size the pages and eighths are counted on.")
@SCRIPT_FORCE_OPTION
def script_breakdown(source: Path, fmt: str, output: Path | None, paper: str, force: bool) -> None:
    """List the scenes with their page, length in eighths and speaking characters.

    \b
    Examples:
      paperwork script breakdown draft.fountain --json
      paperwork script breakdown draft.fdx --csv -o scenes.csv
    """
    _collect_less()
    import json

    from paperwork.planning.breakdown import breakdown_csv, breakdown_json, build_breakdown
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


def _script_production(script: Path, production: Path | None) -> ScriptProduction | None:
    """The production folder of a script (--production, else the one whose manifest names
    it), or None; its problems are printed and stop the command."""
    from paperwork.scripts import script_production

    diagnostics = Diagnostics()
    found = script_production(script, production, diagnostics)
    diagnostics.stop_if_errors()
    print_diagnostics(diagnostics)
    return found


def _revision_colours(found: ScriptProduction | None) -> tuple[str, ...]:
    """The colour order of the script's production, else the industry order."""
    from paperwork.model.revision import INDUSTRY_COLOURS

    return (found.colours if found else ()) or INDUSTRY_COLOURS


def _paper_from(found: ScriptProduction | None) -> str:
    from paperwork.scripts import DEFAULT_PAPER

    return found.paper if found else DEFAULT_PAPER


@script.command("lock")
@SOURCE_ARGUMENT
@paper_option(
    None, "Page size the draft is locked on (default: its production's script paper, else letter)."
)
@scene_letters_option("suffix", "Inserted scenes as 10A (suffix) or A11 (prefix).")
@production_option("this script")
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
        on=parse_today(today),
        colours=_revision_colours(found),
        scene_letters=scene_letters,  # type: ignore[arg-type]
        diagnostics=diagnostics,
    )
    print_diagnostics(diagnostics)
    out.write(target.name, lock_to_json(lock))
    size = "A4" if lock.paper == "a4" else "US Letter"
    whence = f", the script paper of {found.folder / 'production.yaml'}" if found else ""
    whence = "" if paper_given else whence
    click.echo(f"Locked {len(lock.pages)} pages on {size}{whence}: wrote {target}")


@script.command("revise")
@click.argument("drafts", nargs=-1, required=True, type=EXISTING_FILE)
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
    type=A_FOLDER,
    required=True,
    help="Output folder for the full script, the revised pages, DOCX, FDX and new lock.",
)
@click.option(
    "--lock",
    "lock_path",
    type=EXISTING_FILE,
    help="The old draft's lock file (default: beside OLD, else in the output folder).",
)
@click.option(
    "--white-paper", is_flag=True, help="No page tint: the colour is named in the header only."
)
@choice_option(
    "--marks",
    ("single", "per-colour"),
    "single",
    "'*' for every revision, or one mark per colour (*, **, ...).",
)
@choice_option(
    "--omitted",
    ("combine", "placeholder"),
    "combine",
    "A page that shrinks away: '15-16', or an OMITTED page.",
)
@scene_letters_option(None, "Inserted scenes as 10A or A11 (default: as locked).")
@paper_option(
    None, "Page size (default: the paper the draft was locked on; another one is an error)."
)
@production_option("the old draft")
@FONT_DIR_OPTION
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

    Writes script-<colour>-full_<title>_<date>.pdf (every page in its latest colour),
    script-<colour>-pages_<title>_<date>.pdf (only the pages changed in this revision, with a
    summary page), script-<colour>_<title>_<date>.docx and .fdx, and NEW.lock.json.
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
        parse_today(today),
        lock_path=lock_path,
        options=options,
        font=default_script_font(font_dirs(font_dir)),
    )
    print_diagnostics(list(result.diagnostics))
    out = OutputFolder(output, force=force)
    out.claim([f.name for f in result.files])
    for f in result.files:
        out.write(f.name, f.data)
    issued = ", ".join(result.issued) if result.issued else "none (no changes)"
    click.echo(f"Pages issued: {issued}")
    click.echo(f"Wrote {len(result.files)} files to {out.root}/")
