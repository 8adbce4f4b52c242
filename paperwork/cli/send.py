"""``paperwork send``: each recipient their own message, never twice."""

from __future__ import annotations

import os
import sys
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click

from paperwork import __version__
from paperwork.cli.common import (
    A_FOLDER,
    DATE_OPTION,
    FOLDER_ARGUMENT,
    OUTPUT_FOLDER_OPTION,
    day_option,
    parse_today,
    print_diagnostics,
    version_option,
)
from paperwork.errors import Diagnostics, UsageError

if TYPE_CHECKING:
    from paperwork.model.production import EmailSettings
    from paperwork.send.log import SendLog
    from paperwork.send.plan import PlannedMessage
    from paperwork.send.run import Batch
    from paperwork.service import Plan


def _now() -> datetime:
    return datetime.now().astimezone().replace(microsecond=0)


@click.command("send")
@FOLDER_ARGUMENT
@click.option(
    "--kind",
    type=click.Choice(["clearance-letters", "crew-contracts", "call-sheets"]),
    required=True,
    help="What to send: each holder their letters, each freelancer their contract, or "
    "everyone called on --day the call sheet.",
)
@day_option(required=False, help="Call sheets: the day.")
@version_option("Call sheets: the issue to send, as made by 'callsheet --version' (default: 1).")
@OUTPUT_FOLDER_OPTION
@click.option(
    "--dry-run/--send",
    "dry_run",
    default=True,
    help="List the messages and write them as .eml drafts (the default), or send them.",
)
@click.option(
    "--eml",
    "eml_dir",
    type=A_FOLDER,
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
@DATE_OPTION
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
    from paperwork import service
    from paperwork.output import write_atomic
    from paperwork.send.compose import BodyTemplates
    from paperwork.send.log import LOG_NAME, SendLog, confirmed, read_log
    from paperwork.send.plan import eml_name, plan_messages
    from paperwork.send.run import prepare
    from paperwork.service import BuildOptions

    if kind == "call-sheets" and day is None:
        raise UsageError("--kind call-sheets needs --day N: the shoot day whose sheet to send")
    if (day is not None or version is not None) and kind != "call-sheets":
        raise UsageError("--day and --version are for --kind call-sheets")
    formats = tuple(dict.fromkeys(attach_formats)) or ("pdf",)
    now = _now()
    request = service.BuildRequest(
        today=parse_today(today),
        kinds=(kind,),
        formats=(*formats, "json") if kind == "call-sheets" else formats,
        options=BuildOptions(day=day, version=version),
        workers=os.cpu_count() or 1,
    )
    out_root = output or folder / "out"
    diagnostics = Diagnostics()
    run = service.plan_build(folder, request, diagnostics, issued=out_root)
    production = run.production
    messages: list[PlannedMessage] = []
    if production is not None and not diagnostics.has_errors:
        messages = plan_messages(production, kind, run.docs, diagnostics)
    history = read_log(out_root / LOG_NAME, diagnostics)
    print_diagnostics(diagnostics, quiet=True)
    if diagnostics.has_errors or production is None:
        sys.exit(1)
    if not messages:
        click.echo(f"Nothing to send: no {kind} with a recipient.", err=True)
        return
    _build_missing(run, messages, out_root, formats)

    log = SendLog(out_root / LOG_NAME)
    for name in confirm:
        found = [m for m in messages if m.matches(name) and m.key in history]
        if not found:
            raise UsageError(f"--confirm {name!r}: no message of the log has that name")
        for m in found:
            log.append(confirmed(history[m.key].last, now))
        history = read_log(out_root / LOG_NAME, diagnostics)

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
        templates=BodyTemplates(service.template_folders(production)),
        max_bytes=int(max_size * 1024 * 1024),
        diagnostics=diagnostics,
    )
    unknown = [n for n in resend if not any(m.matches(n) for m in messages)]
    if unknown:
        raise UsageError(f"--resend {unknown[0]!r}: no message of this run has that name")
    print_diagnostics(diagnostics)
    if diagnostics.has_errors:
        sys.exit(1)
    _print_batch(batch)

    drafts = eml_dir or (out_root / "drafts" / kind if dry_run else None)
    if drafts is not None and batch.outgoing:
        for index, o in enumerate(batch.outgoing, start=1):
            write_atomic(drafts / eml_name(index, o.plan), o.data)
        click.echo(f"Wrote {len(batch.outgoing)} .eml file(s) to {drafts}/")
    if dry_run:
        if batch.outgoing:
            click.echo("Dry run: nothing sent. Look at the drafts, then run again with --send.")
        return
    if batch.outgoing:
        _deliver(batch, production.email, log)


def _build_missing(
    run: Plan, messages: list[PlannedMessage], out_root: Path, formats: tuple[str, ...]
) -> None:
    """Build what is to be sent and not built yet (one document at a time: no merged PDF)."""
    from paperwork import service
    from paperwork.output import OutputFolder
    from paperwork.send.plan import missing_files

    missing = set(missing_files(messages, out_root, formats))
    if missing:
        out = OutputFolder(out_root)
        service.write_missing(run, out, missing, f"paperwork {__version__}")
        click.echo(f"Built {len(missing)} document(s) into {out_root}/ to send them.")


def _print_batch(batch: Batch) -> None:
    """Each message held back or going, and how many of each."""
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


def _deliver(batch: Batch, settings: EmailSettings | None, log: SendLog) -> None:
    """Send the batch through the production's mail server; exit 1 unless all went."""
    import time

    from paperwork.send.run import deliver
    from paperwork.send.transport import SmtpTransport

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
    sender = batch.outgoing[0].email["From"].addresses[0].addr_spec
    report = deliver(
        batch.outgoing,
        transport,
        log,
        clock=_now,
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
