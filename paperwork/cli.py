"""The command line: the only place that prints, reads the clock, and exits.

Start-up imports nothing heavy: readers, builders and renderers are imported inside the
commands that need them, so ``paperwork --help`` and ``paperwork check`` stay fast.
"""

from __future__ import annotations

import gc
import os
import shutil
import sys
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

from paperwork import __version__
from paperwork.errors import Diagnostic, Diagnostics, PaperworkError, UsageError

if TYPE_CHECKING:
    from paperwork.output import OutputFolder
    from paperwork.pipeline import Plan

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
    skipped: list[object] = []
    if path.is_file():
        from paperwork.scripts import paginate_script, read_script

        screenplay = read_script(path, diagnostics)
        if not diagnostics.has_errors and screenplay.elements:
            paginate_script(screenplay)  # pagination problems are reported too
    else:
        from paperwork.pipeline import BuildRequest, plan

        # The builders' own checks too (budget, daylight, turnaround...), nothing rendered;
        # they run even when a table has errors, so that one run reports every problem.
        checked = plan(path, BuildRequest(today=_parse_today(today)), diagnostics, status=_status)
        skipped = list(checked.skipped)
    _print_diagnostics(diagnostics)
    _print_skipped(skipped, "Not checked")
    if diagnostics.has_errors:
        sys.exit(1)
    click.echo(
        "No errors found." if not diagnostics.warnings else "No errors (see warnings above)."
    )


def _status(message: str) -> None:
    """A stage starting (``Reading my-show...``), shown at once, on a terminal only."""
    if sys.stderr.isatty():
        click.echo(message, err=True)


def _print_skipped(items: Sequence[object], heading: str) -> None:
    """Every kind a run left out, with why: ``call sheets: no schedule table``."""
    if items:
        click.echo(f"{heading}:", err=True)
        for item in items:
            click.echo(f"  {item}", err=True)


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
    help="Processes rendering the documents (default: one per CPU core).",
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
    from paperwork.pipeline import BuildRequest, output_keys, output_names, plan

    assert isinstance(request, BuildRequest)
    out_root = output or folder / "out"
    # Earlier issues (a call sheet's previous version) are looked for where this run writes.
    request = replace(request, options=replace(request.options, issued=out_root))
    diagnostics = Diagnostics()
    run = plan(
        folder,
        request,
        diagnostics,
        adjust=adjust if callable(adjust) else None,
        status=_status,
    )
    _print_diagnostics(diagnostics)
    if diagnostics.has_errors or run.production is None:
        sys.exit(1)
    _print_skipped(run.skipped, "Skipped")
    request, docs, script = run.request, run.docs, run.script
    if not docs and script is None:
        click.echo("Nothing to build: no document's inputs are in this production.", err=True)
        return
    with OutputFolder(out_root, force=force, staged=True) as out:
        _print_leftovers(out)
        keys = output_keys(run.production, docs, request, script, _font_dirs(()))
        names = [n for n in output_names(docs, request.formats, request.today, script) if n in keys]
        names = out.claim(names, keys)
        if not names:
            click.echo(f"Nothing changed: {len(out.current)} documents up to date in {out.root}/.")
            return
        _render_into(out, run, names)
    fresh = f"; {len(out.current)} up to date" if out.current else ""
    click.echo(f"Wrote {len(out.written)} files to {out.root}/{fresh} (listed in manifest.json).")


def _print_leftovers(out: OutputFolder) -> None:
    """What the runs before left: a set finished, unfinished files removed."""
    if out.recovered:
        click.echo(
            click.style(
                f"warning: an earlier run into {out.root} was stopped while moving its "
                f"{len(out.recovered)} files in; they are now all in place and in the "
                "manifest [interrupted-run]",
                fg="yellow",
            ),
            err=True,
        )
    elif out.cleaned:
        click.echo(
            click.style(
                f"warning: removed {len(out.cleaned)} unfinished file(s) left in {out.root} by "
                "an interrupted run; the documents it had issued are untouched [interrupted-run]",
                fg="yellow",
            ),
            err=True,
        )


def _render_into(out: OutputFolder, run: Plan, names: list[str]) -> None:
    """Render the planned run into the claimed, staged output folder and move it in."""
    from paperwork.pipeline import label, render_documents

    assert run.production is not None
    request, docs, script = run.request, run.docs, run.script
    fonts = _font_dirs(())
    rendering = Diagnostics()
    if sys.stderr.isatty():
        shown = {label(d.kind) for d in docs} | {"Rendering", *(("script",) if script else ())}
        width = max(map(len, shown))
        with click.progressbar(
            length=len(names),
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

            refused = render_documents(
                run.production,
                docs,
                request,
                out,
                progress,
                script=script,
                font_dirs=fonts,
                diagnostics=rendering,
            )
    else:
        refused = render_documents(
            run.production,
            docs,
            request,
            out,
            script=script,
            font_dirs=fonts,
            diagnostics=rendering,
        )
    _print_diagnostics(rendering)
    for url in refused:
        click.echo(
            click.style(
                f"warning: a template asked for {url}; not fetched [blocked-resource]", fg="yellow"
            ),
            err=True,
        )
    out.commit(f"paperwork {__version__}")


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

    Each issue keeps a snapshot (call-sheet_dayNN_DATE_vN.json) in the output folder, so that a
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


@main.command("send")
@click.argument("folder", type=click.Path(path_type=Path))
@click.option(
    "--kind",
    type=click.Choice(["clearance-letters", "crew-contracts", "call-sheets"]),
    required=True,
    help="What to send: each holder their letters, each freelancer their contract, or "
    "everyone called on --day the call sheet.",
)
@click.option("--day", type=click.IntRange(1, 999), default=None, help="Call sheets: the day.")
@click.option(
    "--version",
    "version",
    type=click.IntRange(1, 99),
    default=None,
    help="Call sheets: the issue to send, as made by 'callsheet --version' (default: 1).",
)
@_OUTPUT_FOLDER_OPTION
@click.option(
    "--dry-run/--send",
    "dry_run",
    default=True,
    help="List the messages and write them as .eml drafts (the default), or send them.",
)
@click.option(
    "--eml",
    "eml_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Write the messages as .eml files here (default for a dry run: OUT/drafts/KIND).",
)
@click.option(
    "--resend",
    multiple=True,
    metavar="NAME",
    help="Send this one again even if the log says it went (a name, an address or a file "
    "stem; repeatable).",
)
@click.option(
    "--confirm",
    multiple=True,
    metavar="NAME",
    help="Record an unconfirmed message as received (you checked with them); sends nothing.",
)
@click.option(
    "--attach",
    "attach_formats",
    multiple=True,
    type=click.Choice(["pdf", "docx"]),
    help="Attach these formats (repeatable; default: pdf).",
)
@click.option(
    "--max-size",
    type=click.FloatRange(0.01, 100),
    default=10.0,
    show_default=True,
    help="Largest attachments of one message, in MB.",
)
@_DATE_OPTION
def send(
    folder: Path,
    kind: str,
    day: int | None,
    version: int | None,
    output: Path | None,
    dry_run: bool,
    eml_dir: Path | None,
    resend: tuple[str, ...],
    confirm: tuple[str, ...],
    attach_formats: tuple[str, ...],
    max_size: float,
    today: str | None,
) -> None:
    """Email what was built: each recipient their own message, never twice.

    A dry run (the default) lists every message and writes it as an .eml draft you can open
    in your mail client; --send sends them through the server under email: in
    production.yaml. Documents not yet in the output folder are built first. The send log
    (OUT/sent.csv) makes a re-run send only what is new or has changed.

    \b
    Examples:
      paperwork send my-show --kind clearance-letters
      paperwork send my-show --kind call-sheets --day 3 --send
      paperwork send my-show --kind crew-contracts --resend "Jo Bloggs" --send
    """
    from datetime import datetime

    from paperwork.builders.base import BuildOptions
    from paperwork.output import OutputFolder, write_atomic
    from paperwork.pipeline import (
        BuildRequest,
        build_documents,
        prepare_script,
        render_documents,
        template_folders,
        wants_script,
        with_breakdown,
    )
    from paperwork.readers.production import read_production
    from paperwork.send.compose import BodyTemplates
    from paperwork.send.log import LOG_NAME, SendLog, confirmed, read_log
    from paperwork.send.plan import eml_name, missing_files, plan_messages
    from paperwork.send.run import deliver, prepare
    from paperwork.send.transport import SmtpTransport

    if kind == "call-sheets" and day is None:
        raise UsageError("--kind call-sheets needs --day N: the shoot day whose sheet to send")
    if (day is not None or version is not None) and kind != "call-sheets":
        raise UsageError("--day and --version are for --kind call-sheets")
    formats = tuple(dict.fromkeys(attach_formats)) or ("pdf",)
    now = datetime.now().astimezone().replace(microsecond=0)
    request = BuildRequest(
        today=_parse_today(today),
        kinds=(kind,),
        formats=(*formats, "json") if kind == "call-sheets" else formats,
        options=BuildOptions(day=day, version=version),
        workers=os.cpu_count() or 1,
    )
    out_root = output or folder / "out"
    request = replace(request, options=replace(request.options, issued=out_root))
    diagnostics = Diagnostics()
    production = read_production(folder, diagnostics)
    docs = []
    if production is not None and not diagnostics.has_errors:
        if wants_script(production, request):
            request = with_breakdown(request, prepare_script(production, diagnostics))
        if not diagnostics.has_errors:
            docs = build_documents(production, request, diagnostics)
    messages = []
    if production is not None and not diagnostics.has_errors:
        messages = plan_messages(production, kind, docs, diagnostics)
    history = read_log(out_root / LOG_NAME, diagnostics)
    _print_diagnostics(diagnostics, quiet=True)
    if diagnostics.has_errors or production is None:
        sys.exit(1)
    if not messages:
        click.echo(f"Nothing to send: no {kind} with a recipient.", err=True)
        return

    # Build what is to be sent and not built yet (one document at a time: no merged PDF).
    missing = set(missing_files(messages, out_root, formats))
    if missing:
        out = OutputFolder(out_root)
        for doc in docs:
            absent = tuple(
                f
                for f in request.formats
                if f in doc.formats and not out.path(f"{doc.stem}.{f}").exists()
            )
            if doc.stem in missing and absent:  # never re-render a file already issued
                out.claim([f"{doc.stem}.{f}" for f in absent])
                render_documents(production, [doc], replace(request, formats=absent), out)
        out.write_manifest(f"paperwork {__version__}")
        click.echo(f"Built {len(missing)} document(s) into {out_root}/ to send them.")

    log = SendLog(out_root / LOG_NAME)
    for name in confirm:
        found = [m for m in messages if m.matches(name) and m.key in history]
        if not found:
            raise UsageError(f"--confirm {name!r}: no message of the log has that name")
        for m in found:
            log.append(confirmed(history[m.key].last, now))
        history = read_log(out_root / LOG_NAME, diagnostics)

    settings = production.email
    diagnostics = Diagnostics()
    batch = prepare(
        production,
        kind,
        messages,
        folder=out_root,
        formats=formats,
        history=history,
        resend=resend,
        when=now,
        templates=BodyTemplates(template_folders(production)),
        max_bytes=int(max_size * 1024 * 1024),
        diagnostics=diagnostics,
    )
    unknown = [n for n in resend if not any(m.matches(n) for m in messages)]
    if unknown:
        raise UsageError(f"--resend {unknown[0]!r}: no message of this run has that name")
    _print_diagnostics(diagnostics)
    if diagnostics.has_errors:
        sys.exit(1)

    for m, why in batch.held:
        if why == "unconfirmed":  # already-sent ones are only counted, below
            click.echo(f"  {why:13} {m.name} <{m.address}>")
            click.echo(
                f"                may not have arrived: check with them, then --confirm "
                f"{m.address!r} or --resend {m.address!r}",
            )
    for o in batch.outgoing:
        cc = f"  cc {', '.join(o.plan.cc)}" if o.plan.cc else ""
        files = ", ".join(a.name for a in o.attachments)
        click.echo(f"  {o.status:13} {o.plan.name} <{o.plan.address}>{cc}")
        click.echo(f"                {o.subject}")
        click.echo(f"                {files} ({o.size / 1024:,.0f} KB)")
    unconfirmed = sum(1 for _, why in batch.held if why == "unconfirmed")
    click.echo(
        f"{len(batch.outgoing)} message(s) to send, {len(batch.held)} held back "
        f"({len(batch.held) - unconfirmed} already sent, {unconfirmed} unconfirmed)."
    )

    drafts = eml_dir or (out_root / "drafts" / kind if dry_run else None)
    if drafts is not None and batch.outgoing:
        for index, o in enumerate(batch.outgoing, start=1):
            write_atomic(drafts / eml_name(index, o.plan), o.data)
        click.echo(f"Wrote {len(batch.outgoing)} .eml file(s) to {drafts}/")
    if dry_run:
        if batch.outgoing:
            click.echo("Dry run: nothing sent. Look at the drafts, then run again with --send.")
        return
    if not batch.outgoing:
        return
    if settings is None or not settings.host:
        raise UsageError("to --send, give the mail server under email: host in production.yaml")
    password = ""
    if settings.password_env:
        if settings.password_env not in os.environ:
            raise UsageError(
                f"the mail password is read from the environment variable "
                f"{settings.password_env}, which is not set"
            )
        password = os.environ[settings.password_env]
    transport = SmtpTransport(
        settings.host, settings.port, settings.security, settings.user, password
    )
    import time

    sender = batch.outgoing[0].email["From"].addresses[0].addr_spec
    report = deliver(
        batch.outgoing,
        transport,
        log,
        clock=lambda: datetime.now().astimezone().replace(microsecond=0),
        envelope_from=sender,
        bcc=(sender,) if settings.bcc_self else (),
        sleep=time.sleep,
        progress=lambda o, result: click.echo(f"  {result:11} {o.plan.address}", err=True),
    )
    for o, detail in report.failed:
        click.echo(click.style(f"failed: {o.plan.address}: {detail}", fg="red"), err=True)
    for o, detail in report.unconfirmed:
        click.echo(
            click.style(
                f"unconfirmed: {o.plan.address}: {detail}; not sent again unless --resend",
                fg="yellow",
            ),
            err=True,
        )
    if report.stopped:
        click.echo(click.style(f"stopped: {report.stopped}", fg="red"), err=True)
    click.echo(
        f"Sent {len(report.sent)}, failed {len(report.failed)}, unconfirmed "
        f"{len(report.unconfirmed)}, not attempted {len(report.not_attempted)} "
        f"(log: {log.path})."
    )
    if not report.ok:
        sys.exit(1)


@main.command("serve")
@click.argument("folders", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--port", type=click.IntRange(0, 65535), default=0, help="Port (default: a free one)."
)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--token",
    default=None,
    help="The access token (default: a new random one each start). Needed with --host.",
)
@click.option("--no-browser", is_flag=True, help="Do not open the page in a browser.")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="Where builds go (default: each production's out/ folder).")  # fmt: skip
def serve(
    folders: tuple[Path, ...],
    port: int,
    host: str,
    token: str | None,
    no_browser: bool,
    output: Path | None,
) -> None:
    """Open the productions in a page in your browser, served from this computer.

    FOLDER is a production folder, or a folder holding production folders (default: the
    current folder). The page needs the address printed at start (it carries a token).

    \b
    Examples:
      paperwork serve my-show
      paperwork serve ~/Productions --port 8765 --no-browser
    """
    import ipaddress
    import secrets
    import socket
    import webbrowser

    try:
        loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    if not loopback and token is None:
        raise UsageError(
            f"--host {host} would let other computers reach your productions; "
            "give --token too (a long random one), or leave --host out"
        )
    roots = [f for f in folders] or [Path.cwd()]
    gone = [str(f) for f in roots if not f.is_dir()]
    if gone:
        raise UsageError(f"no such folder: {', '.join(gone)}")
    if token is not None and len(token) < 16:
        raise UsageError("--token must be at least 16 characters")
    token = token or secrets.token_urlsafe(24)
    import uvicorn

    from paperwork.web import create_app

    app = create_app(roots, token, today=date.today, out=output)
    sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
        sock.listen(128)  # connections wait from now on, before the server has started
    except OSError as exc:
        raise UsageError(f"cannot listen on {host}:{port}: {exc.strerror}") from None
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{shown}:{sock.getsockname()[1]}/?token={token}"
    click.echo(f"Serving on {url}")
    click.echo("Press Ctrl-C to stop.")
    if not no_browser:
        webbrowser.open(url)
    config = uvicorn.Config(app, log_level="warning", lifespan="on")
    server = uvicorn.Server(config)
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:
        pass  # uvicorn stopped cleanly, then re-raised the Ctrl-C it had caught
    finally:
        sock.close()
    click.echo("Stopped.")


@main.command("kinds")
def list_kinds() -> None:
    """List the document kinds that 'build --only' accepts.

    \b
    Example:
      paperwork kinds
    """
    from paperwork.builders import kind
    from paperwork.pipeline import SCRIPT, kinds

    for name in kinds():
        if name == SCRIPT:
            click.echo(f"{name:22} the formatted script named under 'script:' (PDF, DOCX)")
            continue
        found = kind(name)
        paragraph = " ".join(found.about.strip().split("\n\n")[0].split())
        doc = paragraph.split(". ")[0].split(" (")[0].rstrip(".:")
        needs = ", ".join(found.inputs)
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
