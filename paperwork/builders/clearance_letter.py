"""Clearance request letters: one letter per rights holder, listing every item they control.

Rows are grouped by holder (normalised company name + email), so a holder with four items
gets one letter with four items. Music sync (publisher) and master (label) rows name their
own holders and so go out as separate letters. Only rows whose status asks for a letter are
included (``ClearanceStatus.wants_letter``) unless ``BuildOptions.all_rows`` is set.

The clearance labels live here too; ``clearance_log`` imports them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta

from paperwork.builders.base import (
    BuildJob,
    BuiltDocument,
    DocumentKind,
    slug,
    unique_stem,
)
from paperwork.builders.clearances import TYPE_LABELS, identifiers_line
from paperwork.builders.format import long_date, money
from paperwork.builders.letterhead import (
    Detail,
    ProductionContext,
    letterhead,
    natural_key,
    production_heading,
)
from paperwork.errors import Diagnostics
from paperwork.model.clearances import Clearance, ClearanceStatus, ClearanceType, IntendedUse
from paperwork.model.production import Production
from paperwork.model.records import Person

NAME = "clearance-letters"

DEFAULT_REPLY_DAYS = 14

_MUSIC = (ClearanceType.MUSIC_SYNC, ClearanceType.MUSIC_MASTER)
_TIMED = (*_MUSIC, ClearanceType.ARCHIVE_FOOTAGE)


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip().casefold()


def company_key(name: str) -> str:
    """``"Tidewater Music Limited."`` and ``"tidewater  music ltd"`` are the same holder."""
    key = re.sub(r"[.,]", "", _norm(name))
    return re.sub(r"\blimited$", "ltd", re.sub(r"\s+", " ", key)).strip()


def _use(item: Clearance, terms: IntendedUse) -> IntendedUse:
    """The row's intended use, each empty part filled from the manifest's clearance terms."""
    u = item.use
    return IntendedUse(
        media=u.media or terms.media,
        territory=u.territory or terms.territory,
        term=u.term or terms.term,
        uses=u.uses or terms.uses,
        promo=u.promo or terms.promo,
    )


def music_title(description: str) -> str:
    """The song title a sync row and its master row share.

    The first quoted part of the description (``"Salt Water" (Marsh/Kell)`` -> ``salt
    water``), else the text before the first `` - ``, `` – ``, ``(`` or ``,``; compared
    ignoring case, spacing and punctuation.
    """
    quoted = re.search(r"[\"“‘'](.+?)[\"”’']", description)
    title = quoted.group(1) if quoted else re.split(r"\s[-–—]\s|\(|,", description, maxsplit=1)[0]
    return re.sub(r"[^\w]+", " ", _norm(title)).strip()


# --- The letter's context -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LetterItem:
    """One item of a request letter, display-ready.

    ``details`` holds only the non-empty lines worth printing under the item (terms shared
    by every item of the letter are printed once, under "Rights sought", instead).
    """

    number: str
    id: str
    type: str
    description: str  # the emailed letter's item list (send.plan)
    fee_label: str
    fee: str
    details: tuple[Detail, ...]


@dataclass(frozen=True, slots=True)
class LetterContext(ProductionContext):
    """Everything a clearance request letter shows, as display-ready text."""

    our_ref: str  # "{PRODUCTION}/CLR/{first item id}": the same batch, the same ref
    date: str
    release: str
    subject: str
    intro: str
    holder: str
    holder_contact: str
    holder_email: str
    addressee: tuple[str, ...]
    salutation: str
    material: tuple[LetterItem, ...]
    item_count: str
    rights_sought: tuple[Detail, ...]
    reply_by: str
    credit: str
    warranties: str
    payment_terms: str
    signatory_name: str
    signatory_role: str
    signatory_contact: str
    sender: str
    office_line: str


# --- Grouping -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Holder:
    key: tuple[str, str]
    company: str
    contact: str
    address: tuple[str, ...]
    email: str
    salutation: str  # the first explicit salutation cell among the rows, or ""
    rows: tuple[Clearance, ...]  # every row of the log for this holder, in log order


def group_by_holder(clearances: tuple[Clearance, ...]) -> tuple[_Holder, ...]:
    """Every holder of the log, sorted by key.

    The key is the normalised company name and email. A row without an email joins the
    company's emailed group when the company has exactly one email in the log.
    """
    emails: dict[str, set[str]] = {}
    for c in clearances:
        if c.holder.email.strip():
            emails.setdefault(company_key(c.holder.company), set()).add(_norm(c.holder.email))
    groups: dict[tuple[str, str], list[Clearance]] = {}
    for c in clearances:
        ckey = company_key(c.holder.company)
        email = _norm(c.holder.email)
        known = emails.get(ckey, set())
        if not email and len(known) == 1:
            email = next(iter(known))
        groups.setdefault((ckey, email), []).append(c)
    out = []
    for key in sorted(groups):
        rows = groups[key]
        out.append(
            _Holder(
                key=key,
                company=rows[0].holder.company.strip(),
                contact=next((r.holder.contact.strip() for r in rows if r.holder.contact), ""),
                address=next((r.holder.address for r in rows if r.holder.address), ()),
                email=next((r.holder.email.strip() for r in rows if r.holder.email), ""),
                salutation=next((r.salutation.strip() for r in rows if r.salutation.strip()), ""),
                rows=tuple(rows),
            )
        )
    return tuple(out)


def _signatory(production: Production) -> Person | None:
    person = production.person("production co-ordinator")
    if person is None and production.office:
        person = production.office[0]
    return person


def _an(word: str) -> str:
    return "an" if word[:1].lower() in "aeio" else "a"


def _midsentence(text: str) -> str:
    """``Single drama`` -> ``single drama``; ``TV drama`` keeps its capitals."""
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def _intro(production: Production) -> str:
    text = f"We are producing {production.title}"
    if production.production_type:
        kind = _midsentence(production.production_type)
        text += f", {_an(kind)} {kind}"
    if production.commissioner:
        text += f" for {production.commissioner}"
    text += "."
    if production.release:
        text += f" Intended release: {production.release}."
    return (
        text + " We would like to license the material listed below, which we understand "
        "you control, on the terms set out in this letter."
    )


_TITLES = frozenset(
    "mr mrs ms miss mx dr prof professor revd rev reverend fr capt captain sir dame lord lady".split()
)
_DEPARTMENT = re.compile(
    r"\b(office|department|dept|team|desk|unit|licensing|licences?|licenses?|permissions?|"
    r"rights|clearances?|press|sales|legal|business|affairs|marketing|communications|comms|"
    r"enquiries|admin|administration|accounts|archive|library|studio|services|secretary|"
    r"manager|director|officer|coordinator|co-ordinator|agent|editor|the)\b",
    re.IGNORECASE,
)


def salutation(contact: str, explicit: str = "") -> str:
    """The letter's "Dear ..." line.

    An explicit ``salutation`` cell wins (a comma is added if missing). A contact that is a
    person's name is addressed by it: ``Jane Smith`` -> ``Dear Jane Smith,``, a title with
    initials or a forename ``Ms J. Smith`` -> ``Dear Ms Smith,``. No contact, or a
    department or role (``Press Office``, ``Licensing``, ``Permissions Department``), gets
    the UK business form ``Dear Sir or Madam,``.
    """
    explicit = " ".join(explicit.split())
    if explicit:
        if not explicit.casefold().startswith("dear "):
            explicit = f"Dear {explicit}"
        return explicit if explicit.endswith((",", ":")) else explicit + ","
    words = contact.split()
    if not words:
        return "Dear Sir or Madam,"
    title = words[0].rstrip(".").casefold()
    if title in _TITLES and len(words) >= 2:
        return f"Dear {words[0]} {words[-1]},"
    if len(words) < 2 or _DEPARTMENT.search(contact) or not all(w[:1].isupper() for w in words):
        return "Dear Sir or Madam,"
    return f"Dear {' '.join(words)},"


def _common(values: list[str]) -> str:
    """The value every item shares, or ``""`` when they differ."""
    distinct = set(values)
    return values[0] if len(distinct) == 1 else ""


def _fee(item: Clearance) -> tuple[str, str]:
    """The fee line: agreed, else our offer, else the holder's quote, else "Please quote"."""
    if item.fee_agreed is not None:
        return "Fee agreed", money(item.fee_agreed)
    if item.fee_offered is not None:
        return "Fee offered", money(item.fee_offered)
    if item.fee_quoted is not None:
        return "Fee quoted", money(item.fee_quoted)
    return "Fee", "Please quote"


def _ref_part(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").upper() or "X"


# --- Validation -----------------------------------------------------------------------------


def _missing(item: Clearance, use: IntendedUse) -> list[str]:
    """What a complete request needs (PAPERWORK.md §4.4) and this row lacks."""
    missing = []
    if not item.description.strip():
        missing.append("description")
    timed = item.timecode_in or item.timecode_out or item.duration
    if not (item.identifiers or item.isrc or item.iswc or timed):
        missing.append("identifiers")
    if item.type in _TIMED and not (item.duration or (item.timecode_in and item.timecode_out)):
        missing.append("duration or timecode in/out")
    for name in ("media", "territory", "term"):
        if not getattr(use, name).strip():
            missing.append(name)
    return missing


def _check_pairs(
    selected: list[Clearance], log: tuple[Clearance, ...], diagnostics: Diagnostics
) -> None:
    """A commercial recording needs both sync (publisher) and master (label) cleared.

    A master row without a sync row for the same title is a warning (every recording embodies
    a composition). A sync row without a master is only an info: a specially recorded
    version has no label to ask.
    """
    live = [c for c in log if c.status is not ClearanceStatus.REPLACED]
    titles = {t: {music_title(c.description) for c in live if c.type is t} for t in _MUSIC}
    for item in selected:
        if item.type not in _MUSIC:
            continue
        other = (
            ClearanceType.MUSIC_MASTER
            if item.type is ClearanceType.MUSIC_SYNC
            else ClearanceType.MUSIC_SYNC
        )
        if music_title(item.description) in titles[other]:
            continue
        if item.type is ClearanceType.MUSIC_MASTER:
            diagnostics.warning(
                "music-master-sync-pair",
                f"{item.id}: master recording {item.description!r} has no music sync row for "
                "the same title; the composition needs clearing from its publisher too",
                item.pos,
            )
        else:
            diagnostics.info(
                "music-master-sync-pair",
                f"{item.id}: music sync {item.description!r} has no music master row for the "
                "same title; if a commercial recording is used, clear the master too",
                item.pos,
            )


def _validate(
    holder: _Holder,
    items: list[Clearance],
    production: Production,
    today: date,
    diagnostics: Diagnostics,
) -> None:
    first = items[0]
    if not holder.email and not holder.address:
        diagnostics.warning(
            "holder-unreachable",
            f"{holder.company} has neither an email nor a postal address; the letter cannot "
            "be sent",
            first.pos,
        )
    for item in items:
        missing = _missing(item, _use(item, production.clearance_terms))
        if missing:
            diagnostics.warning(
                "incomplete-request",
                f"{item.id}: the request is missing {', '.join(missing)} (incomplete requests "
                "are the usual cause of delays)",
                item.pos,
            )
        if item.reply_by is not None and item.reply_by < today:
            diagnostics.warning(
                "reply-by-passed",
                f"{item.id}: reply-by date {long_date(item.reply_by)} has passed; the letter "
                "uses a later date",
                item.pos,
            )


# --- Build ----------------------------------------------------------------------------------


def reply_by_date(items: list[Clearance], today: date) -> date:
    """The letter's reply-by date.

    The earliest reply-by among the letter's items that is not already past; when no item
    has one (or every one has passed, which is reported as ``reply-by-passed``), today plus
    ``DEFAULT_REPLY_DAYS`` (14) days.
    """
    dates = [c.reply_by for c in items if c.reply_by is not None and c.reply_by >= today]
    return min(dates) if dates else today + timedelta(days=DEFAULT_REPLY_DAYS)


def _letter_items(
    items: list[Clearance], production: Production, holder: _Holder
) -> tuple[tuple[LetterItem, ...], tuple[Detail, ...], str]:
    uses = [_use(c, production.clearance_terms) for c in items]
    shared = {
        name: _common([getattr(u, name) for u in uses])
        for name in ("media", "territory", "term", "promo")
    }
    credits = [c.credit.strip() for c in items]
    shared_credit = _common(credits)

    out = []
    for n, (item, use) in enumerate(zip(items, uses, strict=True), start=1):
        fee_label, fee = _fee(item)
        ident = identifiers_line(item)
        details = [Detail("Material", item.description)]
        if ident:
            details.append(Detail("Identifiers", ident))
        if item.scenes:
            details.append(Detail("Scene(s)", item.scenes))
        for label, name in (("Media", "media"), ("Territory", "territory"), ("Term", "term")):
            if not shared[name] and getattr(use, name):
                details.append(Detail(label, getattr(use, name)))
        if use.uses:
            details.append(Detail("Number of uses", use.uses))
        if not shared["promo"] and use.promo:
            details.append(Detail("Promo / trailer use", use.promo))
        if not shared_credit and item.credit:
            details.append(Detail("Credit", item.credit))
        if item.restrictions:
            details.append(Detail("Restrictions noted", item.restrictions))
        if fee_label == "Fee offered" and item.fee_quoted is not None:
            details.append(Detail("Your quote", money(item.fee_quoted)))
        details.append(Detail(fee_label, fee))
        out.append(
            LetterItem(
                number=str(n),
                id=item.id,
                type=TYPE_LABELS[item.type],
                description=item.description,
                fee_label=fee_label,
                fee=fee,
                details=tuple(details),
            )
        )

    varies = "As set out against each item above"
    rights = [Detail("Licence", "Non-exclusive")]
    for label, name in (
        ("Media", "media"),
        ("Territory", "territory"),
        ("Term", "term"),
        ("Promo / trailer use", "promo"),
    ):
        values = [getattr(u, name) for u in uses]
        if shared[name]:
            rights.append(Detail(label, shared[name]))
        elif any(values):
            rights.append(Detail(label, varies))

    if shared_credit:
        credit = (
            f"We propose to credit the material in the end credits as: “{shared_credit}”. "
            "Please let us know if you need different wording."
        )
    elif any(credits):
        credit = (
            "We propose to credit each item in the end credits as shown against it above. "
            "Please let us know if you need different wording."
        )
    else:
        credit = (
            f"Please tell us the on-screen credit {holder.company} requires, if any, and we "
            "will include it in the end credits."
        )
    return tuple(out), tuple(rights), credit


def _warranties(company: str, items: list[Clearance]) -> str:
    text = (
        "Please confirm that you own or control the rights in each item and are entitled to "
        "grant this licence, that our use as described will not infringe the rights of any "
        f"third party, and that you will indemnify {company or 'us'} and its licensees "
        "against any claim arising from a breach of these warranties. Your remedies for any "
        "breach by us will be limited to damages: you will not seek an injunction or to "
        "restrain the production, distribution or exploitation of the programme."
    )
    if any(c.type in (ClearanceType.ARCHIVE_FOOTAGE, ClearanceType.STILL) for c in items):
        text += (
            " Please tell us of any underlying rights in the material that you do not "
            "control (for example music, contributors or third-party footage)."
        )
    return text


def build(job: BuildJob) -> tuple[BuiltDocument, ...]:
    """One request letter per rights holder with at least one row that wants a letter."""
    production = job.production
    holders = group_by_holder(production.clearances)
    head = letterhead(production)
    prod_ref = _ref_part(slug(production.title))
    selected_all: list[Clearance] = []
    letters: list[tuple[_Holder, list[Clearance]]] = []
    for holder in holders:
        items = sorted(
            (c for c in holder.rows if job.options.all_rows or c.status.wants_letter),
            key=lambda c: natural_key(c.id),
        )
        if items:
            letters.append((holder, items))
            selected_all.extend(items)
    if not letters:
        if production.clearances:
            job.diagnostics.info(
                "no-letters",
                "no clearance row has status 'to request'; no letters written (use --all to "
                "write one for every row)",
                production.manifest,
            )
        return ()
    _check_pairs(selected_all, production.clearances, job.diagnostics)
    signatory = _signatory(production)
    if signatory is None:
        job.diagnostics.warning(
            "no-signatory",
            "no production co-ordinator in people: and no office contact; the letters are unsigned",
            production.manifest,
        )

    office_line = "Production office: " + " · ".join(
        p for p in (head.address_line, head.phone, head.email) if p
    )

    stems: set[str] = set()
    out = []
    for holder, items in letters:
        _validate(holder, items, production, job.today, job.diagnostics)
        name = holder.company or holder.contact or holder.email or "Rights holder"
        stem = unique_stem(f"clearance-request_{slug(name)}", job.today.isoformat(), stems)

        letter_items, rights, credit = _letter_items(items, production, holder)
        names = [holder.contact, holder.company]
        if _norm(holder.contact) == _norm(holder.company):
            names = [holder.company]  # a private individual: one name line
        addressee = tuple(p for p in (*names, *holder.address) if p.strip())
        count = f"{len(items)} item{'s' if len(items) != 1 else ''}"
        context = LetterContext(
            **production_heading(
                production,
                f"Clearance request: {name}",
                ("Subject to contract",),
                after_company=(head.registration_line,),
            ),
            our_ref=f"{prod_ref}/CLR/{_ref_part(items[0].id)}",
            date=long_date(job.today),
            release=production.release,
            subject=f"{production.title}: request to license {count}",
            intro=_intro(production),
            holder=name,
            holder_contact=holder.contact,
            holder_email=holder.email,
            addressee=addressee,
            salutation=salutation(holder.contact, holder.salutation),
            material=letter_items,
            item_count=count,
            rights_sought=rights,
            reply_by=long_date(reply_by_date(items, job.today)),
            credit=credit,
            warranties=_warranties(head.company, items),
            payment_terms=(
                "We will pay the agreed fee within 30 days of receiving your invoice and the "
                "licence signed by both parties."
            ),
            signatory_name=signatory.name if signatory else "",
            signatory_role=_capital(signatory.role) if signatory else "",
            signatory_contact=(
                " · ".join(p for p in (signatory.phone, signatory.email) if p) if signatory else ""
            ),
            sender=head.company,
            office_line=office_line,
        )
        out.append(
            KIND.document(
                context,
                stem=stem,
                title=f"Clearance request: {name}",
            )
        )
    return tuple(out)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


KIND = DocumentKind(
    name=NAME,
    contexts={"clearance_letter": LetterContext},
    inputs=("clearances",),
    build=build,
)
