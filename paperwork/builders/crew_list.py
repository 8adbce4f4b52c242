"""Crew list: everyone on the production by department, the cast with their agents, the key
contacts, and a vCard file of the crew for a phone's address book.

Departments come in the usual UK order (:mod:`paperwork.model.departments`, the same order
as the call sheet's crew panel; ``call_sheets: departments`` replaces it for both); within a
department, people keep the crew table's order. The key people under ``people:`` who are not
in the crew table head the Production department (a medic goes under Medical).

UK GDPR: a person's own mobile and email are printed only where the crew table's
``share_contact`` cell (or, when it is empty, ``crew_list: share_contact`` in the manifest)
says ``yes``. ``office-only`` and ``no`` print "via production office" instead; in the vCard
file ``office-only`` gives a card with the office's number and ``no`` gives no card. A
production that says nothing shares nothing, with a warning (``contact-sharing-unset``). An
artist's agent's contacts are business contacts and always printed; an artist with no agent
(``Direct``) is treated as a crew member is, and a child's own contacts never printed.

Versions: each issue is ``crew-list_<title>_<date>_v<N>``. The pipeline hands over the names
the output folder's manifest lists (``BuildOptions.issued_files``); the latest earlier issue
on another date makes this one the next version, which says "Supersedes v1 of 3 March 2027";
a rebuild on the day of the latest issue remakes that version (``--force`` to replace it).

PDF and DOCX (A4 portrait: crew, then cast on a page of its own, then locations), XLSX (one
sheet each, text cells), and ``vcf`` (vCard 3.0, from :func:`text_output`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from paperwork.builders.base import (
    ISSUED_FILES,
    BuildJob,
    BuiltDocument,
    Cell,
    DocumentKind,
    Sheet,
    slug,
)
from paperwork.builders.format import day_date, long_date, short_date
from paperwork.builders.letterhead import Group, Letterhead, letterhead, logo_path
from paperwork.model.call_sheets import (
    CALL_SHEET_CONTACTS,
    CALL_SHEET_DEPARTMENTS,
    CastMember,
    Location,
)
from paperwork.model.crew import ContactSharing, CrewListSettings, CrewMember
from paperwork.model.departments import order_departments
from paperwork.model.document import ContextMapping
from paperwork.model.names import person_key
from paperwork.model.production import Production
from paperwork.model.records import Person
from paperwork.model.source import Pos
from paperwork.vcard import VCard, split_name, write_vcards

NAME = "crew-list"
VIA_OFFICE = "via production office"
# An agent cell that means the artist represents themselves: the contacts are their own.
_NO_AGENT = {"", "direct", "self", "none", "no agent", "n/a", "-", "—"}


@dataclass(frozen=True, slots=True)
class CrewRow:
    role: str
    name: str
    mobile: str  # the number, "via production office", or ""
    email: str
    start: str  # "22/02/2027", or ""
    end: str
    withheld: bool  # the person did not agree to share their own contacts


@dataclass(frozen=True, slots=True)
class CastRow:
    id: str
    character: str
    artist: str
    agent: str  # the agency, or "Direct"
    phone: str
    email: str
    withheld: bool


@dataclass(frozen=True, slots=True)
class KeyContact:
    label: str  # "Production office", "Unit base"
    name: str
    detail: str  # an address, or what it serves
    phone: str
    email: str


@dataclass(frozen=True, slots=True)
class LocationRow:
    id: str
    name: str
    address: str
    unit_base: str
    contact: str


@dataclass(frozen=True, slots=True)
class CrewListContext(ContextMapping):
    """The crew list, display-ready; the vCard text beside it."""

    document_title: str
    letterhead: Letterhead
    logo: str
    footer_note: str
    production_title: str
    production_line: str
    version: str  # "Version 2"
    issued: str  # "Issued Wed 2 Dec 2026 by Tom Reddaway, Production Co-ordinator"
    supersedes: str  # "Supersedes v1 of 3 March 2027", or ""
    data_protection: str
    withheld_note: str  # what "via production office" means, with the office's number
    key_contacts: tuple[KeyContact, ...]
    unit_bases: tuple[str, ...]  # "Quayside Studios, 12 Wapping Lane, BS1 6XX (L02, L03)"
    departments: tuple[Group[CrewRow], ...]
    crew_count: str  # "24 people in 12 departments"
    cast: tuple[CastRow, ...]
    cast_count: str
    locations: tuple[LocationRow, ...]
    vcard: str = field(default="", repr=False)  # the ``vcf`` text


@dataclass(frozen=True, slots=True)
class _Entry:
    """One person on the list, before formatting: a crew row or a key person."""

    name: str
    role: str
    department: str
    phone: str
    email: str
    start: date | None
    end: date | None
    sharing: ContactSharing


def _sharing(
    own: ContactSharing | None, settings: CrewListSettings, unset: list[Pos], pos: Pos
) -> ContactSharing:
    if own is not None:
        return own
    if settings.share_contact is not None:
        return settings.share_contact
    unset.append(pos)
    return ContactSharing.OFFICE_ONLY


def _department_of(person: Person) -> str:
    role = person.role.casefold()
    if any(w in role for w in ("medic", "nurse", "paramedic")):
        return "Medical"
    if "safety" in role:
        return "Health and Safety"
    return "Production"


def _entries(production: Production, settings: CrewListSettings, unset: list[Pos]) -> list[_Entry]:
    crew_keys = {person_key(m.name) for m in production.crew}
    out = [
        _Entry(p.name, p.role, _department_of(p), p.phone, p.email, None, None, ContactSharing.YES)
        for p in production.people
        if person_key(p.name) not in crew_keys
    ]
    for m in production.crew:
        out.append(_crew_entry(m, settings, unset))
    return out


def _crew_entry(m: CrewMember, settings: CrewListSettings, unset: list[Pos]) -> _Entry:
    return _Entry(
        name=m.name,
        role=m.role,
        department=m.department or "Other",
        phone=m.phone,
        email=m.email,
        start=m.deal.start if m.deal else None,
        end=m.deal.end if m.deal else None,
        sharing=_sharing(m.share_contact, settings, unset, m.at("share_contact")),
    )


def _departments(
    entries: Sequence[_Entry], order: Sequence[str]
) -> tuple[tuple[Group[CrewRow], ...], tuple[tuple[Cell, ...], ...]]:
    """The departments in order, and the same people as the Crew sheet's rows (with real
    dates, so that a spreadsheet sorts them)."""
    groups: dict[str, list[_Entry]] = {}
    for e in entries:
        groups.setdefault(e.department, []).append(e)
    departments = []
    sheet: list[tuple[Cell, ...]] = []
    for name in order_departments(groups, order):
        rows = []
        for e in groups[name]:
            shared = e.sharing is ContactSharing.YES
            mobile, email = (e.phone, e.email) if shared else (VIA_OFFICE, "")
            rows.append(
                CrewRow(
                    e.role,
                    e.name,
                    mobile,
                    email,
                    short_date(e.start),
                    short_date(e.end),
                    withheld=not shared,
                )
            )
            sheet.append((name, e.role, e.name, mobile, email, e.start or "", e.end or ""))
        departments.append(Group(name, tuple(rows)))
    return tuple(departments), tuple(sheet)


def _child(m: CastMember, today: date) -> bool:
    """Under 18 today, or marked a minor: their own contacts are never printed."""
    age = m.age_on(today)
    return m.minor or (age is not None and age < 18)


def _cast_rows(
    production: Production, settings: CrewListSettings, unset: list[Pos], today: date
) -> tuple[CastRow, ...]:
    rows = []
    for m in production.cast:
        agent = m.agent.strip()
        direct = agent.casefold() in _NO_AGENT
        withheld = False
        if direct:
            sharing = _sharing(m.share_contact, settings, unset, m.at("share_contact"))
            withheld = _child(m, today) or sharing is not ContactSharing.YES
        rows.append(
            CastRow(
                id=m.id,
                character=" / ".join(c.title() for c in m.characters),
                artist=m.artist or "TBC",
                agent="Direct" if direct and agent else agent,
                phone=VIA_OFFICE if withheld else m.phone,
                email="" if withheld else m.email,
                withheld=withheld,
            )
        )
    return tuple(rows)


def _address(loc: Location) -> str:
    lines = list(loc.address)
    if loc.postcode and not any(loc.postcode in line for line in lines):
        lines.append(loc.postcode)
    return ", ".join(lines)


def _office(production: Production) -> tuple[str, str]:
    c = production.company
    phone = c.phone or next((p.phone for p in production.office if p.phone), "")
    email = c.email or next((p.email for p in production.office if p.email), "")
    return phone, email


def _key_contacts(production: Production, entries: Sequence[_Entry]) -> tuple[KeyContact, ...]:
    """The office, and the call sheet's contact roles as the list prints them."""
    c = production.company
    phone, email = _office(production)
    out = [KeyContact("Production office", c.name, ", ".join(c.address), phone, email)]
    for p in production.office:
        if (p.phone or phone) == phone and (p.email or email) == email:
            continue  # the office itself, already listed
        out.append(KeyContact(p.role or "Production office", p.name, "", p.phone, p.email))
    roles = production.call_sheets.contacts if production.call_sheets else CALL_SHEET_CONTACTS
    for role in roles:
        e = next((e for e in entries if e.role.casefold() == role.casefold()), None)
        if e is None:
            continue
        shared = e.sharing is ContactSharing.YES
        out.append(
            KeyContact(
                e.role, e.name, "", e.phone if shared else VIA_OFFICE, e.email if shared else ""
            )
        )
    return tuple(out)


_BASE_AT = re.compile(r"^unit base (?:at|on|in)\s+", re.IGNORECASE)


def _unit_bases(production: Production) -> tuple[str, ...]:
    """Each unit base once, with the locations it serves: ``Quayside Studios, 12 Wapping
    Lane, BS1 6XX (L02, L03)``."""
    bases: dict[str, list[str]] = {}
    for loc in production.locations:
        if loc.unit_base:
            bases.setdefault(loc.unit_base, []).append(loc.id)
    out = []
    for base, ids in bases.items():
        place = _BASE_AT.sub("", base)
        out.append(f"{place[:1].upper()}{place[1:]} ({', '.join(ids)})")
    return tuple(out)


def _locations(production: Production) -> tuple[LocationRow, ...]:
    return tuple(
        LocationRow(loc.id, loc.name, _address(loc), loc.unit_base, loc.contact)
        for loc in production.locations
    )


_ISSUE = re.compile(r"crew-list_(?P<slug>[a-z0-9-]+)_(?P<date>\d{4}-\d\d-\d\d)_v(?P<v>\d+)\.\w+")


def earlier_issues(names: Sequence[str], title_slug: str) -> dict[int, date]:
    """The versions of this production's crew list among ``names`` (an output folder's
    manifest), each with the date it was issued."""
    out: dict[int, date] = {}
    for name in names:
        m = _ISSUE.fullmatch(name)
        if m is None or m["slug"] != title_slug:
            continue
        try:
            out[int(m["v"])] = date.fromisoformat(m["date"])
        except ValueError:
            continue
    return out


def version_of(issues: dict[int, date], today: date) -> tuple[int, tuple[int, date] | None]:
    """This issue's version, and the (version, date) it supersedes: the next after the latest
    issue, or the latest itself when it was issued ``today`` (a rebuild the same day)."""
    if not issues:
        return 1, None
    latest = max(issues)
    version = latest if issues[latest] == today else latest + 1
    earlier = [v for v in issues if v < version]
    if not earlier:
        return version, None
    before = max(earlier)
    return version, (before, issues[before])


def _issued(production: Production, settings: CrewListSettings, today: date) -> str:
    who = settings.issued_by or (production.call_sheets.issued_by if production.call_sheets else "")
    person = production.person(who) if who else None
    if person is None and who:
        person = next((p for p in production.people if p.name.casefold() == who.casefold()), None)
    text = f"Issued {day_date(today)}"
    if person is not None:
        text += f" by {person.name}, {person.role}" if person.role else f" by {person.name}"
    return text


def _cards(
    production: Production, entries: Sequence[_Entry], office: tuple[str, str], issue: str
) -> tuple[VCard, ...]:
    """The office's card (carrying the issue and the data-protection request), then one per
    person who shares their own contacts (``yes``) or the office's (``office-only``)."""
    title, company = production.title, production.company.name
    tail = f"@{slug(company or 'paperwork')}"
    head = f"{slug(title)}-"
    phone, email = office
    cards = []
    if phone or email:
        cards.append(
            VCard(
                uid=f"{head}production-office{tail}",
                full_name=f"{title} production office",
                family="",
                given="",
                organisation=company,
                unit=f"{title} production office",
                company_card=True,
                work_phone=phone,
                email=email,
                note=f"{title}: production office. {issue}: personal data; delete these "
                "contacts when the production wraps.",
                categories=(title,),
            )
        )
    taken: dict[str, int] = {}  # a UID twice would make a phone keep one of the two people
    for e in entries:
        if e.sharing is ContactSharing.NO:
            continue
        base = f"{head}{slug(e.name)}"
        taken[base] = taken.get(base, 0) + 1
        uid = base if taken[base] == 1 else f"{base}-{taken[base]}"
        family, given = split_name(e.name)
        dates = f", {short_date(e.start)} to {short_date(e.end)}" if e.start and e.end else ""
        own = e.sharing is ContactSharing.YES
        note = f"{title}: {e.department}{dates}"
        if not own:
            note += ". Reach them through the production office."
        cards.append(
            VCard(
                uid=f"{uid}{tail}",
                full_name=e.name,
                family=family,
                given=given,
                organisation=company,
                unit=e.department,
                title=e.role,
                mobile=e.phone if own else "",
                work_phone="" if own else phone,
                email=e.email if own else email,
                note=note,
                categories=(title,),
            )
        )
    return tuple(cards)


def _sheets(context: CrewListContext, crew: tuple[tuple[Cell, ...], ...]) -> tuple[Sheet, ...]:
    about: list[tuple[Cell, ...]] = [
        ("Production", context.production_title),
        ("Version", context.version),
        ("Issued", context.issued),
    ]
    if context.supersedes:
        about.append(("Supersedes", context.supersedes))
    about += [("Data protection", context.data_protection), ("Note", context.withheld_note)]
    cast = tuple((r.id, r.character, r.artist, r.agent, r.phone, r.email) for r in context.cast)
    keys = tuple((k.label, k.name, k.detail, k.phone, k.email) for k in context.key_contacts)
    keys += tuple(("Unit base", b, "", "", "") for b in context.unit_bases)
    places = tuple((r.id, r.name, r.address, r.unit_base, r.contact) for r in context.locations)
    sheets = [
        Sheet("About this list", ("Item", "Value"), tuple(about)),
        Sheet("Crew", ("Department", "Role", "Name", "Mobile", "Email", "Start", "End"), crew),
    ]
    if cast:
        sheets.append(Sheet("Cast", ("ID", "Character", "Artist", "Agent", "Phone", "Email"), cast))
    sheets.append(Sheet("Key contacts", ("Contact", "Name", "Detail", "Phone", "Email"), keys))
    if places:
        sheets.append(
            Sheet(
                "Locations", ("ID", "Location", "Address", "Unit base", "On-site contact"), places
            )
        )
    return tuple(sheets)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def build(job: BuildJob) -> tuple[BuiltDocument, ...]:
    """The production's crew list, one document (PDF, DOCX, XLSX and vCard)."""
    production, today = job.production, job.today
    settings = production.crew_list or CrewListSettings(pos=production.manifest)
    unset: list[Pos] = []
    entries = _entries(production, settings, unset)
    if not entries:
        return ()
    order = production.call_sheets.departments if production.call_sheets else CALL_SHEET_DEPARTMENTS
    departments, crew_rows = _departments(entries, order)
    cast = _cast_rows(production, settings, unset, today)
    if unset:
        job.diagnostics.warning(
            "contact-sharing-unset",
            f"{len(unset)} on the crew list (the first here) have no "
            "share_contact and the production sets no default (crew_list: share_contact: "
            "yes, office-only or no): their own numbers and emails are left off",
            unset[0],
        )
    title_slug = slug(production.title)
    version, before = version_of(earlier_issues(job.options.issued_files, title_slug), today)
    head = letterhead(production)
    office_phone, office_email = _office(production)
    supersedes = f"Supersedes v{before[0]} of {long_date(before[1])}" if before else ""
    protection = settings.data_protection
    if before:
        protection += f" This list replaces v{before[0]}: destroy every copy of it."
    via = f"“{VIA_OFFICE.capitalize()}”: this person has not agreed to share their own number"
    via += f"; call the production office on {office_phone}" if office_phone else ""
    via += f" or email {office_email}" if office_email else ""
    line = " · ".join(p for p in (production.production_type, production.commissioner) if p)
    people = sum(len(d.rows) for d in departments)
    context = CrewListContext(
        document_title=f"{production.title}: crew list",
        letterhead=head,
        logo=logo_path(production),
        footer_note=" · ".join(
            p
            for p in (
                f"{production.title}: crew list v{version}, {day_date(today)}",
                "Personal data: do not forward; destroy at wrap",
                head.company,
            )
            if p
        ),
        production_title=production.title,
        production_line=line,
        version=f"Version {version}",
        issued=_issued(production, settings, today),
        supersedes=supersedes,
        data_protection=protection,
        withheld_note=via + ".",
        key_contacts=_key_contacts(production, entries),
        unit_bases=_unit_bases(production),
        departments=departments,
        crew_count=f"{people} {'person' if people == 1 else 'people'} in "
        f"{_plural(len(departments), 'department')}",
        cast=cast,
        cast_count=_plural(len(cast), "artist"),
        locations=_locations(production),
    )
    issue = f"Crew list v{version}, {day_date(today)}"
    cards = _cards(production, entries, (office_phone, office_email), issue)
    context = replace(context, vcard=write_vcards(cards))
    return (
        KIND.document(
            context,
            stem=f"crew-list_{title_slug}_{today.isoformat()}_v{version}",
            title=f"{production.title}: crew list v{version}",
            sheets=_sheets(context, crew_rows),
        ),
    )


def text_output(doc: BuiltDocument, fmt: str) -> bytes | None:
    """The crew list's vCard file (``vcf``) as UTF-8 bytes; None for any other format."""
    if fmt != "vcf" or fmt not in doc.formats:
        return None
    text = doc.context.get("vcard")
    return text.encode("utf-8") if isinstance(text, str) else None


KIND = DocumentKind(
    name=NAME,
    contexts={"crew_list": CrewListContext},
    inputs=("crew",),
    uses=(ISSUED_FILES,),
    formats=("docx", "pdf", "xlsx", "vcf"),
    build=build,
    text_output=text_output,
)
