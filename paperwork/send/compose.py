"""A planned message as an ``EmailMessage``: its body from a text template, its headers, its
files attached, and its Message-ID and MIME boundary derived from its content.

Body templates are ``email_<template>.txt`` (``email_call_sheet.txt``), looked up in the
production's ``templates:`` folder first and then in the bundled one, rendered in the same
sandbox as every other template with ``StrictUndefined``. They are plain text, so nothing is
HTML-escaped (``&`` stays ``&``). The first line is ``Subject: ...``; the body follows a
blank line.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from datetime import datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime
from pathlib import Path

import jinja2

from paperwork.errors import TemplateError
from paperwork.model.production import Production
from paperwork.render.templates import ContainedLoader, LimitedSandbox, is_limited, template_errors
from paperwork.send.plan import Attachment, PlannedMessage

MIME_TYPES = {
    "pdf": ("application", "pdf"),
    "docx": ("application", "vnd.openxmlformats-officedocument.wordprocessingml.document"),
}


class BodyTemplates:
    """The ``email_*.txt`` templates of a set of folders, first match wins."""

    def __init__(self, folders: Sequence[Path]) -> None:
        self.folders = tuple(Path(f).resolve() for f in folders)
        self.env = LimitedSandbox(
            loader=ContainedLoader(self.folders),
            undefined=jinja2.StrictUndefined,
            autoescape=False,  # plain text: an escaped "&amp;" would reach the reader as it is
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )

    def _render(self, name: str, values: Mapping[str, object]) -> str:
        with template_errors(name):
            return self.env.get_template(name).render(**values)

    def render(self, template: str, values: Mapping[str, object]) -> tuple[str, str]:
        """The subject line and the body that ``email_<template>.txt`` writes."""
        name = f"email_{template}.txt"
        if is_limited(self.folders):  # a production's own body templates: time and memory
            from paperwork.render.limits import run_limited

            work = lambda: self._render(name, values).encode("utf-8")  # noqa: E731
            text = run_limited(work, name).decode("utf-8")
        else:
            text = self._render(name, values)
        head, _, body = text.lstrip("\n").partition("\n")
        if not head.lower().startswith("subject:"):
            raise TemplateError(
                f"template {name}: the first line must be 'Subject: ...' (got {head[:40]!r})"
            )
        subject = " ".join(head[len("subject:") :].split())
        if not subject:
            raise TemplateError(f"template {name}: the subject line is empty")
        return subject, body.strip("\n") + "\n"


def sender_address(production: Production) -> Address:
    """``email: from``, else the company's email, with the company's name shown."""
    from paperwork.readers.email import address_part

    settings = production.email
    text = settings.sender if settings and settings.sender else production.company.email
    shown = production.company.name
    if "<" in text:
        shown = text.split("<", 1)[0].strip().strip('"') or shown
    return Address(display_name=shown, addr_spec=address_part(text))


def digest(attachments: Sequence[Attachment], subject: str, body: str) -> str:
    """What makes a message the same message: its files, its subject and its words."""
    h = hashlib.sha256()
    for a in attachments:
        h.update(f"{a.name}\0{a.sha256}\0".encode())
    h.update(f"{subject}\0{body}".encode())
    return h.hexdigest()


def message_id(key: str, content: str, sent_before: int, domain: str) -> str:
    """A Message-ID from the message's key, its content and how often it went before: the
    same draft keeps its id, and a deliberate re-send gets a new one."""
    h = hashlib.sha256(f"{key}\0{content}\0{sent_before}".encode()).hexdigest()
    return f"<{h[:32]}@{domain or 'paperwork.invalid'}>"


def compose(
    message: PlannedMessage,
    attachments: Sequence[Attachment],
    *,
    sender: Address,
    subject: str,
    body: str,
    when: datetime,
    msgid: str,
    reply_to: str = "",
) -> EmailMessage:
    """The message, ready to send or to save as ``.eml``; the same arguments, the same bytes."""
    msg = EmailMessage(policy=SMTP)
    msg["From"] = sender
    msg["To"] = Address(display_name=message.name, addr_spec=message.address)
    if message.cc:
        msg["Cc"] = ", ".join(message.cc)
    if reply_to:
        msg["Reply-To"] = reply_to
    msg["Subject"] = subject
    msg["Date"] = format_datetime(when)
    msg["Message-ID"] = msgid
    msg.set_content(body)
    for a in attachments:
        maintype, subtype = MIME_TYPES.get(
            a.name.rsplit(".", 1)[-1], ("application", "octet-stream")
        )
        msg.add_attachment(a.data, maintype=maintype, subtype=subtype, filename=a.name)
    if attachments:
        # The default boundary is random: derive it from the Message-ID instead.
        token = hashlib.sha256(msgid.encode()).hexdigest()[:24]
        msg.set_boundary(f"===============paperwork{token}==")
    return msg


def values(
    production: Production, message: PlannedMessage, settings_reply_to: str = ""
) -> dict[str, object]:
    """What a body template may use: the message's own values and the production's."""
    return {
        **message.body,
        "name": message.name,
        "address": message.address,
        "production_title": production.title,
        "company": production.company.name,
        "office_phone": production.company.phone,
        "office_email": production.company.email,
        "reply_to": settings_reply_to,
    }
