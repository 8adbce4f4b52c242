"""What every command shares: printing diagnostics, reading --date, the repeated options."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TypeVar

import click

from paperwork.errors import Diagnostic, Diagnostics, UsageError
from paperwork.model.document import FORMATS

F = TypeVar("F", bound=Callable[..., object])


def print_diagnostics(items: list[Diagnostic] | Diagnostics, *, quiet: bool = False) -> None:
    """Each diagnostic on its own line (errors red, warnings yellow), then the count."""
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


def warn(message: str) -> None:
    """A warning of the CLI's own, in yellow on stderr."""
    click.echo(click.style(message, fg="yellow"), err=True)


def parse_today(value: str | None) -> date:
    """``--date`` as a date, written as a table's dates may be (``2026-12-03``,
    ``03/12/2026``, ``3 Dec 2026``); today (the clock, read here only) when it is not given."""
    if value is None:
        return date.today()
    from paperwork.service import read_date

    found = Diagnostics()
    day = read_date(value, "--date", found)
    if day is None:
        reason = found.items[0].message if found.items else "--date must be a date"
        raise UsageError(reason)
    return day


def status(message: str) -> None:
    """A stage starting (``Reading my-show...``), shown at once, on a terminal only."""
    if sys.stderr.isatty():
        click.echo(message, err=True)


def print_skipped(items: Sequence[object], heading: str) -> None:
    """Every kind a run left out, with why: ``call sheets: no schedule table``."""
    if items:
        click.echo(f"{heading}:", err=True)
        for item in items:
            click.echo(f"  {item}", err=True)


def font_dirs(extra: tuple[Path, ...]) -> tuple[Path, ...]:
    """The system font folders, the user's own, and any given with --font-dir."""
    from paperwork.render.fonts import DEFAULT_FONT_DIRS

    home = Path.home()
    user = (home / ".local/share/fonts", home / ".fonts", home / "Library/Fonts")
    return (*extra, *user, *DEFAULT_FONT_DIRS)


def options(*decorators: Callable[[F], F]) -> Callable[[F], F]:
    """Several click decorators as one, applied in the order they are written."""

    def apply(f: F) -> F:
        for decorator in reversed(decorators):
            f = decorator(f)
        return f

    return apply


# The kinds of path the commands take.
A_PATH = click.Path(path_type=Path)
A_FOLDER = click.Path(file_okay=False, path_type=Path)
EXISTING_FILE = click.Path(exists=True, dir_okay=False, path_type=Path)

FOLDER_ARGUMENT = click.argument("folder", type=A_PATH)
OUTPUT_FOLDER_OPTION = click.option(
    "-o",
    "--output",
    type=A_PATH,
    default=None,
    help="Output folder (default: FOLDER/out).",
)
FORCE_OPTION = click.option(
    "--force", is_flag=True, help="Replace documents already in the output folder."
)
DATE_OPTION = click.option(
    "--date",
    "today",
    metavar="DATE",
    help="Date the documents: 2026-12-03 or 03/12/2026 (default: today).",
)
FORMAT_OPTION = click.option(
    "--format",
    "formats",
    multiple=True,
    type=click.Choice(FORMATS),
    help="Only these formats (repeatable). Default: every format the document has, "
    "but calendars (ics).",
)
SIDES_LAYOUT_OPTION = click.option(
    "--sides-layout",
    type=click.Choice(["full", "half"]),
    default=None,
    help="Sides: full-size pages, or half-size two to an A4 landscape sheet (pocket sides). "
    "Default: production.yaml's call_sheets: sides_layout, else full.",
)
SEPARATE_SIDES_OPTION = click.option(
    "--separate-sides",
    is_flag=True,
    help="Sides built with call sheets stay out of the call sheets' merged PDF.",
)
# The script commands' own.
SOURCE_ARGUMENT = click.argument("source", type=EXISTING_FILE)
SCRIPT_FORCE_OPTION = click.option("--force", is_flag=True, help="Replace the output if it exists.")
FONT_DIR_OPTION = click.option(
    "--font-dir",
    multiple=True,
    type=A_FOLDER,
    help="Also look here for Courier Prime (repeatable).",
)


def choice_option(
    name: str, choices: Sequence[str], default: str | None, help: str
) -> Callable[[F], F]:
    """``--NAME one|other``, its default shown when it has one."""
    return click.option(
        name,
        type=click.Choice(list(choices)),
        default=default,
        show_default=default is not None,
        help=help,
    )


def paper_option(default: str | None, help: str) -> Callable[[F], F]:
    """``--paper letter|a4``."""
    return choice_option("--paper", ("letter", "a4"), default, help)


def scene_letters_option(default: str | None, help: str) -> Callable[[F], F]:
    """``--scene-letters suffix|prefix``."""
    return choice_option("--scene-letters", ("suffix", "prefix"), default, help)


def day_option(*, required: bool, help: str) -> Callable[[F], F]:
    """``--day N``: a shoot day's number."""
    return click.option("--day", type=click.IntRange(1, 999), required=required, help=help)


def version_option(help: str) -> Callable[[F], F]:
    """``--version N``: a call sheet's issue."""
    return click.option("--version", "version", type=click.IntRange(1, 99), default=None, help=help)


def production_option(whose: str) -> Callable[[F], F]:
    """``--production``: the folder whose script paper and revision colours apply."""
    return click.option(
        "--production",
        type=A_FOLDER,
        help="The production folder (its script paper and revision_colours). Default: the one "
        f"whose production.yaml names {whose}, in its folder or up to two above.",
    )
