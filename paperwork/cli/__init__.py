"""The command line: the only place that prints, reads the clock, and exits.

Start-up imports nothing heavy: readers, builders and renderers are imported inside the
commands that need them, so ``paperwork --help`` and ``paperwork check`` stay fast.

- :mod:`.common`: printing diagnostics, ``--date``, the options several commands share;
- :mod:`.build`: init, check, build, contracts, carnet, callsheet, kinds;
- :mod:`.send`, :mod:`.serve`: sending what was built, the web page;
- :mod:`.script`: the ``script`` group (format, breakdown, lock, revise).
"""

from __future__ import annotations

import click

from paperwork import __version__
from paperwork.cli.build import build, callsheet, carnet, check, contracts, init, list_kinds
from paperwork.cli.common import print_diagnostics
from paperwork.cli.script import script
from paperwork.cli.send import send
from paperwork.cli.serve import serve
from paperwork.errors import PaperworkError

EXAMPLES = """\b
Examples:
  paperwork init my-show                      start a production folder with a worked example
  paperwork check my-show                     report every problem in every input file
  paperwork build my-show -o out/             every document whose inputs exist, DOCX and PDF
  paperwork build my-show --only clearance-letters --format pdf
"""


class _Group(click.Group):
    """Turns a PaperworkError into its message and exit code; anything else is a bug."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except PaperworkError as exc:
            if exc.diagnostics:
                print_diagnostics(exc.diagnostics)
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


for _command in (init, check, build, contracts, carnet, callsheet, send, serve, list_kinds, script):
    main.add_command(_command)

__all__ = ["main"]
