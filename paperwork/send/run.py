"""A send run: the planned messages against the log, composed, then delivered one by one."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from email.message import EmailMessage
from pathlib import Path

from paperwork.errors import Diagnostics
from paperwork.model.production import Production
from paperwork.send.compose import (
    BodyTemplates,
    compose,
    digest,
    message_id,
    sender_address,
    values,
)
from paperwork.send.log import History, SendLog, row
from paperwork.send.plan import KINDS, Attachment, PlannedMessage, attach, check_sizes
from paperwork.send.transport import Aborted, Deferred, Refused, Transport, Unconfirmed

# Why a message goes (or not) this run.
NEW, CHANGED, RETRY, RESEND = "new", "changed", "failed before", "resend"
SENT, UNCONFIRMED = "already sent", "unconfirmed"


@dataclass(frozen=True, slots=True)
class Outgoing:
    """A message ready to go: its plan, its files, the message and why it goes."""

    plan: PlannedMessage
    attachments: tuple[Attachment, ...]
    email: EmailMessage
    digest: str
    status: str
    data: bytes = field(repr=False)  # the message as sent and as saved to .eml

    @property
    def size(self) -> int:
        return len(self.data)

    @property
    def subject(self) -> str:
        return str(self.email["Subject"])

    @property
    def message_id(self) -> str:
        return str(self.email["Message-ID"])


@dataclass(frozen=True, slots=True)
class Batch:
    """Every message of the run: those that go, and those held back with the reason."""

    outgoing: tuple[Outgoing, ...]
    held: tuple[tuple[PlannedMessage, str], ...]


def prepare(
    production: Production,
    kind: str,
    messages: Sequence[PlannedMessage],
    *,
    folder: Path,
    formats: Sequence[str],
    history: dict[str, History],
    resend: Sequence[str],
    when: datetime,
    templates: BodyTemplates,
    max_bytes: int,
    diagnostics: Diagnostics,
) -> Batch:
    """Compose each message and decide, from the log, whether it goes.

    A message goes when it is new, has changed since it was sent, failed before, or is named
    by ``resend``; one already sent unchanged, or unconfirmed, is held back. Oversized
    attachments are errors (``attachment-too-large``) at the recipient's row.
    """
    files = {m.key: attach(m, folder, formats) for m in messages}
    check_sizes(messages, files, max_bytes, diagnostics)
    sender = sender_address(production)
    settings = production.email
    reply_to = settings.reply_to if settings else ""
    outgoing: list[Outgoing] = []
    held: list[tuple[PlannedMessage, str]] = []
    for m in messages:
        subject, body = templates.render(KINDS[kind], values(production, m, reply_to))
        content = digest(files[m.key], subject, body)
        past = history.get(m.key)
        forced = any(m.matches(name) for name in resend)
        if forced:
            status = RESEND
        elif past is None:
            status = NEW
        elif past.last.result in ("attempted", "unconfirmed"):
            status = UNCONFIRMED
        elif past.last.result == "failed":
            status = RETRY
        elif content in past.sent_digests:
            status = SENT
        else:
            status = CHANGED
        if status in (SENT, UNCONFIRMED):
            held.append((m, status))
            continue
        sent_before = past.sent_count if past else 0
        msgid = message_id(m.key, content, sent_before, sender.domain)
        email = compose(
            m,
            files[m.key],
            sender=sender,
            subject=subject,
            body=body,
            when=when,
            msgid=msgid,
            reply_to=reply_to,
        )
        outgoing.append(Outgoing(m, files[m.key], email, content, status, email.as_bytes()))
    return Batch(tuple(outgoing), tuple(held))


@dataclass
class Report:
    """What a delivery did, message by message."""

    sent: list[Outgoing] = field(default_factory=list)
    failed: list[tuple[Outgoing, str]] = field(default_factory=list)
    unconfirmed: list[tuple[Outgoing, str]] = field(default_factory=list)
    not_attempted: list[Outgoing] = field(default_factory=list)
    stopped: str = ""  # why the run stopped early, or ""

    @property
    def ok(self) -> bool:
        return not (self.failed or self.unconfirmed or self.not_attempted)


def _record(log: SendLog, when: datetime, out: Outgoing, result: str, detail: str) -> None:
    m = out.plan
    files = [(a.name, a.sha256) for a in out.attachments]
    log.append(
        row(when, m.kind, m.key, m.address, out.subject, files, out.digest, out.message_id,
            result, detail)
    )  # fmt: skip


def deliver(
    outgoing: Sequence[Outgoing],
    transport: Transport,
    log: SendLog,
    *,
    clock: Callable[[], datetime],
    envelope_from: str,
    bcc: Sequence[str] = (),
    sleep: Callable[[float], None],
    retries: int = 3,
    backoff: float = 2.0,
    progress: Callable[[Outgoing, str], None] = lambda o, r: None,
) -> Report:
    """Send each message on its own, recording it as attempted before and its result after.

    A transient failure is tried again ``retries`` times, waiting ``backoff`` seconds, then
    twice as long each time; a refusal is recorded and the run carries on; a lost handover is
    recorded as unconfirmed and never retried. If the server cannot be reached at all, or
    refuses the login, the rest are left unattempted.
    """
    report = Report()
    pending = list(outgoing)
    try:
        _deliver(
            pending,
            transport,
            log,
            report,
            clock,
            envelope_from,
            bcc,
            sleep,
            retries,
            backoff,
            progress,
        )
    finally:
        transport.close()
    return report


def _deliver(
    pending: list[Outgoing],
    transport: Transport,
    log: SendLog,
    report: Report,
    clock: Callable[[], datetime],
    envelope_from: str,
    bcc: Sequence[str],
    sleep: Callable[[float], None],
    retries: int,
    backoff: float,
    progress: Callable[[Outgoing, str], None],
) -> None:
    while pending:
        out = pending.pop(0)
        m = out.plan

        def record(result: str, detail: str = "", out: Outgoing = out) -> None:
            _record(log, clock(), out, result, detail)

        record("attempted")
        wait = backoff
        for attempt in range(retries + 1):
            try:
                transport.send(envelope_from, [m.address, *m.cc, *bcc], out.data)
            except Deferred as exc:
                if attempt < retries:
                    sleep(wait)
                    wait *= 2
                    continue
                record("failed", exc.detail)
                report.failed.append((out, exc.detail))
                progress(out, "failed")
                if exc.connection:
                    report.stopped = exc.detail
                    report.not_attempted.extend(pending)
                    pending = []
            except Refused as exc:
                record("failed", exc.detail)
                report.failed.append((out, exc.detail))
                progress(out, "failed")
            except Unconfirmed as exc:
                record("unconfirmed", exc.detail)
                report.unconfirmed.append((out, exc.detail))
                progress(out, "unconfirmed")
            except Aborted as exc:
                record("failed", exc.detail)
                report.failed.append((out, exc.detail))
                report.stopped = exc.detail
                report.not_attempted.extend(pending)
                pending = []
                progress(out, "failed")
            else:
                record("sent")
                report.sent.append(out)
                progress(out, "sent")
            break
