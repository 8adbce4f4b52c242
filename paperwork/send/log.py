"""``sent.csv``: what was sent, to whom, when, and whether the server took it.

One row per event, appended and flushed to disk before the next step: ``attempted`` before a
message goes to the server, then ``sent`` (the server accepted it), ``failed`` (the server
refused it, or it could not be reached: nothing went) or ``unconfirmed`` (the connection was
lost while the message was being handed over: it may have gone). A message whose last row
is ``attempted`` (a crash, a Ctrl-C) is unconfirmed too. Unconfirmed messages are reported,
never sent again unless the user says so (``--resend NAME``, or ``--confirm NAME`` to record
that it arrived).

A message's ``digest`` covers its files, subject and body: a re-run sends a message again
only when that has changed since it was sent.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from paperwork.errors import Diagnostics
from paperwork.model.source import Pos

LOG_NAME = "sent.csv"
COLUMNS = (
    "when",
    "kind",
    "key",
    "to",
    "subject",
    "attachments",
    "sha256",
    "digest",
    "message_id",
    "result",
    "detail",
)
RESULTS = ("attempted", "sent", "failed", "unconfirmed")


@dataclass(frozen=True, slots=True)
class LogRow:
    when: str
    kind: str
    key: str
    to: str
    subject: str
    attachments: str
    sha256: str
    digest: str
    message_id: str
    result: str
    detail: str = ""


@dataclass(frozen=True, slots=True)
class History:
    """What the log says of one message key."""

    last: LogRow
    sent_digests: tuple[str, ...]  # every digest the server accepted for this key
    sent_count: int


def read_log(path: Path, diagnostics: Diagnostics) -> dict[str, History]:
    """Every key's history; a row that cannot be read is an error at its line (the log
    decides what is sent, so a damaged one stops the run rather than risk a duplicate)."""
    if not path.is_file():
        return {}
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        diagnostics.error("send-log-unreadable", f"cannot read the send log: {exc}", Pos(path.name))
        return {}
    rows: dict[str, list[LogRow]] = {}
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if header is None:
        return {}
    if tuple(header) != COLUMNS:
        diagnostics.error(
            "send-log-damaged",
            f"the send log's header should be {','.join(COLUMNS)}",
            Pos(path.name, 1),
        )
        return {}
    for line, cells in enumerate(reader, start=2):
        if not cells:
            continue
        if len(cells) != len(COLUMNS) or cells[COLUMNS.index("result")] not in RESULTS:
            diagnostics.error(
                "send-log-damaged",
                f"row {line} of the send log is not one of paperwork's rows; fix or remove it",
                Pos(path.name, line),
            )
            continue
        row = LogRow(*cells)
        rows.setdefault(row.key, []).append(row)
    return {
        key: History(
            last=events[-1],
            sent_digests=tuple(r.digest for r in events if r.result == "sent"),
            sent_count=sum(1 for r in events if r.result == "sent"),
        )
        for key, events in rows.items()
    }


class SendLog:
    """The log, appended one durable row at a time."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def append(self, row: LogRow) -> None:
        new = not self.path.is_file() or self.path.stat().st_size == 0
        self.path.parent.mkdir(parents=True, exist_ok=True)
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        if new:
            writer.writerow(COLUMNS)
        writer.writerow(
            [
                row.when,
                row.kind,
                row.key,
                row.to,
                row.subject,
                row.attachments,
                row.sha256,
                row.digest,
                row.message_id,
                row.result,
                row.detail,
            ]
        )
        with self.path.open("a", encoding="utf-8", newline="") as fh:
            fh.write(buffer.getvalue())
            fh.flush()
            os.fsync(fh.fileno())


def row(
    when: datetime,
    kind: str,
    key: str,
    to: str,
    subject: str,
    attachments: Sequence[tuple[str, str]],
    digest: str,
    message_id: str,
    result: str,
    detail: str = "",
) -> LogRow:
    """A log row; ``attachments`` are (file name, sha256) pairs."""
    return LogRow(
        when=when.isoformat(timespec="seconds"),
        kind=kind,
        key=key,
        to=to,
        subject=subject,
        attachments="; ".join(n for n, _ in attachments),
        sha256="; ".join(s for _, s in attachments),
        digest=digest,
        message_id=message_id,
        result=result,
        detail=" ".join(detail.split()),
    )


def confirmed(last: LogRow, when: datetime) -> LogRow:
    """``last`` recorded again as sent: the user checked with the recipient that it came."""
    return replace(
        last, when=when.isoformat(timespec="seconds"), result="sent", detail="confirmed by hand"
    )
