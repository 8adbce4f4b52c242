"""Who gets which built files: one planned message per recipient, checked before sending.

Each kind says where its recipients are and what their message says:

- clearance letters: the holder's ``holder_email``; one message per address, with every
  letter addressed there;
- crew contracts: the crew member's ``email``; the cost summary goes to no one;
- call sheets: everyone called that day (cast from the cast table's ``email``, crew from the
  crew table's), each once and each in a message of their own, never one To: list; the body
  starts with their own call and pick-up.

Recipients and attachments come from the builders' documents (their stems and contexts),
never from file-name patterns; where each came from is looked up in the production so that a
missing or invalid address is reported at its table row.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from paperwork.errors import Diagnostics
from paperwork.model.document import BuiltDocument, slug
from paperwork.model.names import person_key
from paperwork.model.production import Production
from paperwork.model.source import Pos

# What ``--kind`` accepts: the kind's registry name -> its body template's stem.
KINDS = {
    "clearance-letters": "clearance_letter",
    "crew-contracts": "crew_contract",
    "call-sheets": "call_sheet",
}
MAX_BYTES = 10 * 1024 * 1024  # the usual limit of a mail server and of a recipient's inbox
_EMAIL = re.compile(r"[^@\s<>(),;:\"\\\[\]]+@[^@\s<>(),;:\"\\\[\]]+\.[A-Za-z]{2,}")


def is_email(text: str) -> bool:
    """A plain address (``jo@example.com``): no display name, no spaces, no line breaks."""
    return _EMAIL.fullmatch(text) is not None


@dataclass(frozen=True, slots=True)
class Attachment:
    """A built file, by name in the output folder."""

    name: str
    data: bytes = field(repr=False)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    @property
    def size(self) -> int:
        return len(self.data)


@dataclass(frozen=True, slots=True)
class PlannedMessage:
    """One message to one recipient: its key in the send log, what it carries, what it says.

    ``key`` is stable across runs (kind, day and address), so the log can tell a message
    already sent from one that is new; ``body`` holds the display-ready values the body
    template places.
    """

    key: str
    kind: str
    name: str  # the recipient's name, as on the document
    address: str
    pos: Pos | None  # the table row the address came from
    stems: tuple[str, ...]  # the documents attached, by stem
    body: Mapping[str, object]
    cc: tuple[str, ...] = ()

    def matches(self, name: str) -> bool:
        """Whether ``--resend NAME`` names this message: its recipient, address or a stem."""
        want = name.strip().lower()
        return (
            person_key(name) == person_key(self.name)
            or want in (self.address.lower(), self.key.lower())
            or any(want == s.lower() for s in self.stems)
        )


def _ctx(doc: BuiltDocument, name: str, default: object = "") -> object:
    context = doc.context
    return context[name] if name in context else default


def _items(doc: BuiltDocument, name: str) -> tuple[Any, ...]:
    """A context's sequence field (display-ready dataclasses), or ()."""
    value = doc.context.get(name, ())
    return tuple(value) if isinstance(value, tuple | list) else ()


def _check_address(
    name: str, address: str, where: str, pos: Pos | None, diagnostics: Diagnostics
) -> bool:
    if not address.strip():
        diagnostics.error(
            "no-email",
            f"{name} has no email address in {where}: add one, or nothing can be sent to them",
            pos,
        )
        return False
    if not is_email(address.strip()):
        diagnostics.error(
            "bad-email",
            f"{name}'s email {address!r} is not an address like jo@example.com",
            pos,
        )
        return False
    return True


def _documents(message: PlannedMessage) -> tuple[Mapping[str, Any], ...]:
    """The body's ``documents``: what each attached document says of itself."""
    docs = message.body.get("documents", ())
    return tuple(docs) if isinstance(docs, tuple | list) else ()


def _message(
    doc: BuiltDocument,
    name: str,
    address: str,
    pos: Pos | None,
    body: dict[str, Any],
    *,
    day: int | None = None,
) -> PlannedMessage:
    """One recipient's message carrying ``doc``, keyed by its kind, ``day`` (a call sheet's)
    and the address, so that :func:`_merge` puts one address's documents of a kind together."""
    on_day = f"day{day:02d}:" if day is not None else ""
    key = f"{doc.kind}:{on_day}{address.lower()}"
    return PlannedMessage(key, doc.kind, name, address, pos, (doc.stem,), body)


def _first_name(name: str) -> str:
    return name.split()[0] if name.split() else name


def _merge(messages: Iterable[PlannedMessage]) -> list[PlannedMessage]:
    """One message per key: documents for the same address travel together."""
    out: dict[str, PlannedMessage] = {}
    for m in messages:
        if m.key in out:
            old = out[m.key]
            docs = [*_documents(old), *_documents(m)]
            body = {**old.body, "documents": tuple(docs)}
            out[m.key] = replace(old, stems=(*old.stems, *m.stems), body=body)
        else:
            out[m.key] = m
    return list(out.values())


def _clearances(
    production: Production, docs: Sequence[BuiltDocument], d: Diagnostics
) -> list[PlannedMessage]:
    by_id = {c.id: c for c in production.clearances}
    out = []
    for doc in docs:
        if "holder_email" not in doc.context:
            continue
        material = _items(doc, "material")
        ids = [str(getattr(item, "id", "")) for item in material]
        rows = [by_id[i] for i in ids if i in by_id]
        address = str(_ctx(doc, "holder_email")).strip()
        name = str(_ctx(doc, "holder")) or address
        # the row that gave the address, else the letter's first row
        row = next((r for r in rows if r.holder.email.strip()), rows[0] if rows else None)
        pos = row.at("holder_email") if row is not None else None
        if not address and any(r.holder.address for r in rows):
            # A holder reached by post (the builder reports one with neither).
            d.warning(
                "post-instead",
                f"{name} has no email, only a postal address: {doc.stem}.pdf is not emailed; "
                "post it",
                pos,
            )
            continue
        if not _check_address(name, address, "the clearances table (holder_email)", pos, d):
            continue
        out.append(
            _message(
                doc,
                str(_ctx(doc, "holder_contact")) or name,
                address,
                pos,
                {
                    "holder": name,
                    "contact": str(_ctx(doc, "holder_contact")),
                    "salutation": str(_ctx(doc, "salutation")),
                    "documents": (
                        {
                            "title": doc.title,
                            "subject": str(_ctx(doc, "subject")),
                            "reference": str(_ctx(doc, "our_ref")),
                            "items": tuple(
                                {"id": item.id, "description": item.description}
                                for item in material
                            ),
                            "reply_by": str(_ctx(doc, "reply_by")),
                        },
                    ),
                    "reply_by": str(_ctx(doc, "reply_by")),
                    "signatory_name": str(_ctx(doc, "signatory_name")),
                    "signatory_role": str(_ctx(doc, "signatory_role")),
                    "signatory_contact": str(_ctx(doc, "signatory_contact")),
                },
            )
        )
    merged = []
    for m in _merge(out):
        count = sum(len(doc["items"]) for doc in _documents(m))
        body = {**m.body, "item_count": f"{count} item{'s' * (count != 1)}"}
        merged.append(replace(m, body=body))
    return merged


def _contracts(
    production: Production, docs: Sequence[BuiltDocument], d: Diagnostics
) -> list[PlannedMessage]:
    out = []
    for doc in docs:
        if "crew_email" not in doc.context:
            continue  # the accountant's cost summary: never to crew
        name = str(_ctx(doc, "crew_name"))
        role = str(_ctx(doc, "role"))
        member = next(
            (m for m in production.crew if m.name.strip() == name.strip() and m.role == role),
            next((m for m in production.crew if m.name.strip() == name.strip()), None),
        )
        pos = member.at("email") if member is not None else None
        address = str(_ctx(doc, "crew_email")).strip()
        if not _check_address(name, address, "the crew table (email)", pos, d):
            continue
        out.append(
            _message(
                doc,
                name,
                address,
                pos,
                {
                    "first_name": _first_name(name),
                    "documents": (
                        {
                            "title": doc.title,
                            "role": role,
                            "reference": str(_ctx(doc, "reference")),
                            "start_date": str(_ctx(doc, "start_date")),
                            "end_date": str(_ctx(doc, "end_date")),
                        },
                    ),
                    "signatory_name": str(_ctx(doc, "signatory_name")),
                    "signatory_role": str(_ctx(doc, "signatory_role")),
                },
            )
        )
    return _merge(out)


def _crew_pick_up(production: Production, name: str, day: int) -> str:
    """A crew member's own pick-up that day (a day's row over a standing one), or ""."""
    rows = [c for c in production.calls if person_key(c.who) == person_key(name)]
    for row in sorted(rows, key=lambda c: c.day is None):
        if row.day not in (day, None) or row.pick_up is None:
            continue
        return f"{row.pick_up:%H:%M}" + (f" {row.pick_up_from}" if row.pick_up_from else "")
    return ""


def _call_sheets(
    production: Production, docs: Sequence[BuiltDocument], d: Diagnostics
) -> list[PlannedMessage]:
    out: list[PlannedMessage] = []
    cast_by_id = {m.id: m for m in production.cast}
    for doc in docs:
        snapshot = json.loads(str(_ctx(doc, "snapshot_json")) or "{}")
        day = int(snapshot.get("day", 0))
        location = next(iter(_items(doc, "locations")), None)
        times = {t.label: t.value for t in _items(doc, "times")}
        common = {
            "day_of": str(_ctx(doc, "day_of")),
            "date": str(_ctx(doc, "date")),
            "version": str(_ctx(doc, "version")),
            "unit_call": times.get("Unit call", ""),
            "wrap": times.get("Est. wrap", ""),
            "location": getattr(location, "name", ""),
            "location_address": getattr(location, "address", ""),
            "unit_base": getattr(location, "unit_base", ""),
            "documents": ({"title": doc.title},),
        }
        people: list[tuple[str, str, str, str, str, Pos | None]] = []
        for row in _items(doc, "cast"):
            member = cast_by_id.get(row.id)
            people.append(
                (
                    row.artist,
                    f"{row.character} ({row.id})",
                    row.call,
                    row.pick_up,
                    member.email.strip() if member else "",
                    member.at("email") if member else None,
                )
            )
        for dep in _items(doc, "crew"):
            for row in dep.rows:
                hand = next(
                    (m for m in production.crew if person_key(m.name) == person_key(row.name)),
                    None,
                )
                people.append(
                    (
                        row.name,
                        row.role,
                        row.call,
                        _crew_pick_up(production, row.name, day),
                        hand.email.strip() if hand else "",
                        hand.at("email") if hand else None,
                    )
                )
        seen: set[str] = set()
        for name, part, call, pick_up, address, pos in people:
            if not _check_address(name, address, "the cast or crew table (email)", pos, d):
                continue
            message = _message(
                doc,
                name,
                address,
                pos,
                {
                    **common,
                    "first_name": _first_name(name),
                    "part": part,
                    "call": call,
                    "pick_up": pick_up,
                },
                day=day,
            )
            if message.key in seen:
                continue  # one message each, even for someone listed twice
            seen.add(message.key)
            out.append(message)
    return out


def plan_messages(
    production: Production,
    kind: str,
    docs: Sequence[BuiltDocument],
    diagnostics: Diagnostics,
) -> list[PlannedMessage]:
    """The messages of one kind's documents, in a stable order; problems go to ``diagnostics``."""
    planner = {
        "clearance-letters": _clearances,
        "crew-contracts": _contracts,
        "call-sheets": _call_sheets,
    }[kind]
    mine = [doc for doc in docs if doc.kind == kind]
    return planner(production, mine, diagnostics)


def attach(message: PlannedMessage, folder: Path, formats: Sequence[str]) -> tuple[Attachment, ...]:
    """The message's built files from ``folder``, each format asked for, in stem order."""
    out = []
    for stem in message.stems:
        for fmt in formats:
            path = folder / f"{stem}.{fmt}"
            out.append(Attachment(path.name, path.read_bytes()))
    return tuple(out)


def missing_files(
    messages: Sequence[PlannedMessage], folder: Path, formats: Sequence[str]
) -> list[str]:
    """The stems whose files in one of ``formats`` are not in ``folder`` yet."""
    stems = dict.fromkeys(s for m in messages for s in m.stems)
    return [s for s in stems if any(not (folder / f"{s}.{fmt}").is_file() for fmt in formats)]


def check_sizes(
    messages: Sequence[PlannedMessage],
    attachments: Mapping[str, tuple[Attachment, ...]],
    limit: int,
    diagnostics: Diagnostics,
) -> None:
    """An error, at the recipient's row, for each message whose attachments pass ``limit``."""
    for m in messages:
        total = sum(a.size for a in attachments[m.key])
        if total > limit:
            diagnostics.error(
                "attachment-too-large",
                f"the message to {m.name} <{m.address}> would carry {total / 1e6:.1f} MB of "
                f"attachments (limit {limit / 1e6:.1f} MB): send a link instead, or raise "
                "the limit with --max-size",
                m.pos,
            )


def eml_name(index: int, message: PlannedMessage) -> str:
    """The draft's file name: ``003_jo-bloggs.eml``, in sending order."""
    return f"{index:03d}_{slug(message.name or message.address)}.eml"
