"""Call sheets: one per shoot day, from the schedule, the script's breakdown and the tables.

The shooting order, calls and meals come from the schedule table; each scene's INT/EXT, set,
D/N, length in eighths and speaking characters from the script's breakdown (handed over in
``BuildOptions.breakdown`` by the pipeline, with the screenplay for synopses and voice-only
speakers); places from the locations table; people from the cast, crew and calls tables.
Sunrise, sunset and civil twilight are computed for the day's location with astral.

The shoot plan (:mod:`paperwork.planning`, made once by the pipeline and handed over in
``BuildOptions.shoot_plan``) says which days, scenes and people; its checks, every check a
careful co-ordinator makes across the tables and the script, are reported with the call
sheets (see :mod:`paperwork.planning.checks` for their codes). The call sheet's own:

- ``contact-missing`` (warning): a key contact's role with nobody in it;
- ``version-not-increasing`` (error), ``no-previous-issue`` (warning): a re-issue's number;
- ``reissue-without-changes`` (warning): a re-issue that says nothing its predecessor did not.

Versions: the sheet for day 3 at version 2 is ``call-sheet_day03_v2``; with it goes a JSON
snapshot of what it said (format ``json``), and when ``BuildOptions.issued_call_sheets`` holds
the snapshot of an earlier issue (read from the output folder by the pipeline, see
:mod:`paperwork.readers.snapshots`) the sheet lists what changed. The ICS calendar of
everyone's calls (format ``ics``) is in the context as ``calendar``, written only when asked
for.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta

from paperwork.builders.base import (
    ISSUED_CALL_SHEETS,
    SHOOT_PLAN,
    BuildJob,
    BuiltDocument,
    DocumentKind,
    slug,
)
from paperwork.builders.letterhead import (
    Contact,
    Detail,
    Group,
    HeadedContext,
    heading,
)
from paperwork.builders.reissue import call_sheet_stem, reissue
from paperwork.calendar import Calendar, CalendarEvent
from paperwork.errors import Diagnostics
from paperwork.format import clock, day_date
from paperwork.model.call_sheets import (
    Banner,
    CallSheetSettings,
    CastMember,
    Location,
    SupportingArtists,
    TimeSpan,
)
from paperwork.model.crew import CrewMember
from paperwork.model.departments import order_departments
from paperwork.model.production import Production
from paperwork.model.records import Person
from paperwork.model.snapshot import SNAPSHOT_FORMAT
from paperwork.planning import ShootPlan
from paperwork.planning.breakdown import format_eighths
from paperwork.planning.daylight import sun_times, to_minute
from paperwork.planning.elements import ElementBreakdown, day_elements, scene_elements
from paperwork.planning.shoot import PersonDay, PlannedDay, PlannedScene, day_night, groups_by_day
from paperwork.reference import child_rules

NAME = "call-sheets"


def _span_text(span: TimeSpan | None) -> str:
    if span is None:
        return ""
    return f"{clock(span.start)}–{clock(span.end)}" if span.end else clock(span.start)


@dataclass(frozen=True, slots=True)
class LocationBlock:
    """One location of the day, display-ready."""

    id: str
    name: str
    sets: str  # the day's sets shot here, ", "-joined
    address: str  # one line, postcode included
    map_refs: tuple[Detail, ...]  # what3words, grid ref, lat/long
    map_link: str
    parking: str
    unit_base: str
    hospital: str
    hospital_address: str
    hospital_phone: str
    access: str
    contact: str


@dataclass(frozen=True, slots=True)
class SceneRow:
    """A row of the scenes table: a scene, or a banner (``kind`` says which)."""

    kind: str  # "scene" or "banner"
    number: str
    int_ext: str
    set: str
    day_night: str
    synopsis: str
    pages: str
    cast: str
    time: str
    location: str
    notes: str


@dataclass(frozen=True, slots=True)
class CastRow:
    id: str
    artist: str
    character: str
    status: str
    pick_up: str
    call: str
    hmu: str
    costume: str
    on_set: str
    notes: str


@dataclass(frozen=True, slots=True)
class SupportingRow:
    count: str
    description: str
    scenes: str
    call: str
    costume: str
    on_set: str
    agency: str
    notes: str


@dataclass(frozen=True, slots=True)
class CrewRow:
    role: str
    name: str
    phone: str
    call: str
    precall: bool  # called before (or after) the unit call
    notes: str


@dataclass(frozen=True, slots=True)
class AdvanceScene:
    number: str
    int_ext: str
    set: str
    day_night: str
    pages: str
    cast: str


@dataclass(frozen=True, slots=True)
class AdvanceDay:
    title: str  # "Day 4 · Thu 4 Mar 2027"
    unit_call: str
    locations: str
    scenes: tuple[AdvanceScene, ...]
    pages: str  # "3 3/8 pages", "1 page"


@dataclass(frozen=True, slots=True)
class CallSheetContext(HeadedContext):
    """Everything a call sheet shows, display-ready; plus its snapshot and calendar texts."""

    production_title: str
    production_line: str
    unit: str
    call_sheet_no: str
    day_of: str  # "Day 3 of 10"
    date: str  # "Wed 3 Mar 2027"
    week: str  # "Week 1"
    version: str  # "Rev 1"
    supersedes: str  # "Supersedes Rev 1", or ""
    changes: tuple[str, ...]
    issued: str
    times: tuple[Detail, ...]
    sun: tuple[Detail, ...]
    sun_place: str
    weather: str
    contacts: tuple[Contact, ...]
    locations: tuple[LocationBlock, ...]
    scenes: tuple[SceneRow, ...]
    total_pages: str
    scene_count: str
    cast: tuple[CastRow, ...]
    supporting: tuple[SupportingRow, ...]
    supporting_total: str
    crew: tuple[Group[CrewRow], ...]
    crew_columns: tuple[tuple[Group[CrewRow], ...], ...]  # the departments in 3 balanced columns
    notes: tuple[Detail, ...]
    advance: tuple[AdvanceDay, ...]  # the next shoot day, or empty on the last day
    safety: tuple[str, ...]
    emergency: tuple[Detail, ...]
    reminders: tuple[str, ...]
    confidentiality: str
    snapshot_json: str = field(default="", repr=False)
    calendar: Calendar | None = field(default=None, repr=False)  # the ``ics`` text, on demand


def _cast_ids(members: Iterable[CastMember]) -> str:
    return ", ".join(m.id for m in members)


def _scene_cast(ps: PlannedScene) -> str:
    text = _cast_ids(ps.cast)
    if ps.voices:
        text = f"{text} (V.O. {_cast_ids(ps.voices)})".strip()
    if ps.uncast:
        text = f"{text} + {', '.join(ps.uncast)} (not cast)".strip(" +")
    return text


def _scene_rows(pd: PlannedDay) -> tuple[SceneRow, ...]:
    rows = []
    by_item = {id(ps.scheduled): ps for ps in pd.scenes}
    for strip in pd.day.strips:
        if isinstance(strip, Banner):
            rows.append(
                SceneRow(
                    "banner", "", "", strip.text, "", "", "", "", _span_text(strip.time), "", ""
                )
            )
            continue
        ps = by_item[id(strip)]
        s = ps.scene
        rows.append(
            SceneRow(
                kind="scene",
                number=strip.number,
                int_ext=s.int_ext if s else "",
                set=s.set if s else "(not in the script)",
                day_night=day_night(s.time_of_day) if s else "",
                synopsis=ps.synopsis,
                pages=_pages(ps),
                cast=_scene_cast(ps),
                time=_span_text(strip.time),
                location=ps.location.name if ps.location else "",
                notes=strip.notes,
            )
        )
    return tuple(rows)


def pages_text(eighths: int) -> str:
    """A length with its noun: ``1 page``, ``7/8 page``, ``1 1/8 pages``, ``2 pages``."""
    return f"{format_eighths(eighths)} {'page' if 0 < eighths <= 8 else 'pages'}"


def _pages(ps: PlannedScene) -> str:
    """``6/8``; a part of a split scene says so: ``2/8 of 1``."""
    if ps.scene is None:
        return format_eighths(ps.eighths) if ps.scheduled.eighths else ""
    if ps.scheduled.eighths is not None and ps.scheduled.eighths != ps.scene.eighths:
        return f"{format_eighths(ps.eighths)} of {format_eighths(ps.scene.eighths)}"
    return format_eighths(ps.scene.eighths)


def _address(loc: Location) -> str:
    lines = list(loc.address)
    if loc.postcode and not any(loc.postcode in line for line in lines):
        lines.append(loc.postcode)
    return ", ".join(lines)


def _location_block(loc: Location, sets: Sequence[str]) -> LocationBlock:
    refs = []
    if loc.what3words:
        refs.append(Detail("what3words", loc.what3words))
    if loc.grid_ref:
        refs.append(Detail("OS grid ref", loc.grid_ref))
    link = ""
    if loc.latitude is not None and loc.longitude is not None:
        refs.append(Detail("Lat/long", f"{loc.latitude:.5f}, {loc.longitude:.5f}"))
        link = (
            f"https://www.openstreetmap.org/?mlat={loc.latitude:.5f}&mlon={loc.longitude:.5f}"
            f"#map=17/{loc.latitude:.5f}/{loc.longitude:.5f}"
        )
    h = loc.hospital
    return LocationBlock(
        id=loc.id,
        name=loc.name,
        sets=", ".join(sets),
        address=_address(loc),
        map_refs=tuple(refs),
        map_link=link,
        parking=loc.parking,
        unit_base=loc.unit_base,
        hospital=h.name if h else "",
        hospital_address=", ".join(h.address) if h else "",
        hospital_phone=h.phone if h else "",
        access=loc.access,
        contact=loc.contact,
    )


@dataclass(frozen=True, slots=True)
class _Lookups:
    """What every day's call sheet looks up, indexed once for the whole build."""

    members: dict[str, CastMember]  # cast id -> member
    groups: dict[int, list[SupportingArtists]]  # day number -> its supporting artists
    crew_roles: dict[str, CrewMember]  # casefolded role -> the first crew member in it

    @classmethod
    def of(cls, production: Production) -> _Lookups:
        roles: dict[str, CrewMember] = {}
        for member in production.crew:
            roles.setdefault(member.role.casefold(), member)
        return cls({m.id: m for m in production.cast}, groups_by_day(production), roles)


def _contacts(
    production: Production, settings: CallSheetSettings, look: _Lookups, d: Diagnostics
) -> tuple[Contact, ...]:
    out = []
    for role in settings.contacts:
        want = role.casefold()
        person: Person | CrewMember | None = next(
            (p for p in production.people if p.role.casefold() == want), None
        )
        if person is None:
            person = look.crew_roles.get(want)
        if person is None:
            d.warning(
                "contact-missing",
                f"call_sheets: contacts names {role!r} but nobody has that role under people: "
                "or in the crew table",
                settings.pos,
            )
            continue
        out.append(Contact(role, person.name, person.phone))
    office = production.company.phone or next((p.phone for p in production.office if p.phone), "")
    if office:
        out.append(Contact("Production office", production.company.name, office))
    return tuple(out)


def _crew(pd: PlannedDay, order: Sequence[str]) -> tuple[Group[CrewRow], ...]:
    groups: dict[str, list[CrewRow]] = {}
    unit = pd.when(pd.day.unit_call)
    for member, p in pd.crew:
        call = f"{p.call:%H:%M}" if p.call else "TBC"
        notes = p.row.notes if p.row else ""
        groups.setdefault(member.department or "Other", []).append(
            CrewRow(member.role, member.name, member.phone, call, p.call != unit, notes)
        )
    return tuple(Group(name, tuple(groups[name])) for name in order_departments(groups, order))


def balance(
    departments: Sequence[Group[CrewRow]], columns: int = 3
) -> tuple[tuple[Group[CrewRow], ...], ...]:
    """Departments in order, cut into ``columns`` runs of about the same number of lines."""
    total = sum(len(dep.rows) + 1 for dep in departments)
    out: list[list[Group[CrewRow]]] = [[]]
    filled = 0
    for dep in departments:
        lines = len(dep.rows) + 1
        target = total * len(out) / columns
        if out[-1] and filled + lines / 2 > target and len(out) < columns:
            out.append([])
        out[-1].append(dep)
        filled += lines
    return tuple(tuple(col) for col in out)


def _cast_rows(pd: PlannedDay, the_plan: ShootPlan, look: _Lookups) -> tuple[CastRow, ...]:
    rows = []
    by_id = look.members
    for p in pd.cast:
        member = by_id[p.key]
        notes = []
        age = member.age_on(pd.day.date)
        if (age is not None and age < child_rules().school_leaving_age) or member.minor:
            parts = (
                f"Child ({age})" if age is not None else "Child",
                f"licence {member.licence}" if member.licence else "",
                f"chaperone {member.chaperone}" if member.chaperone else "",
                f"released by {p.release:%H:%M}" if p.release else "",
            )
            notes.append(", ".join(part for part in parts if part))
        if p.row and p.row.notes:
            notes.append(p.row.notes)
        pick_up = ""
        if p.pick_up:
            pick_up = f"{p.pick_up:%H:%M}"
            if p.row and p.row.pick_up_from:
                pick_up += f" {p.row.pick_up_from}"
        rows.append(
            CastRow(
                id=member.id,
                artist=member.artist or "TBC",
                character=" / ".join(c.title() for c in member.characters),
                status=the_plan.status(member.id, pd.day.number),
                pick_up=pick_up,
                call=f"{p.call:%H:%M}" if p.call else "TBC",
                hmu=f"{p.hmu:%H:%M}" if p.hmu else "",
                costume=f"{p.costume:%H:%M}" if p.costume else "",
                on_set=f"{p.on_set:%H:%M}" if p.on_set else "",
                notes="; ".join(notes),
            )
        )
    return tuple(rows)


def _supporting(groups: Sequence[SupportingArtists]) -> tuple[SupportingRow, ...]:
    return tuple(
        SupportingRow(
            count=str(g.count),
            description=g.description,
            scenes=", ".join(g.scenes),
            call=clock(g.call),
            costume=clock(g.costume),
            on_set=clock(g.on_set),
            agency=g.agency,
            notes=g.notes,
        )
        for g in groups
    )


def _advance(the_plan: ShootPlan, pd: PlannedDay) -> tuple[AdvanceDay, ...]:
    nxt = the_plan.next_day(pd.day.number)
    if nxt is None:
        return ()
    scenes = tuple(
        AdvanceScene(
            number=ps.scheduled.number,
            int_ext=ps.scene.int_ext if ps.scene else "",
            set=ps.scene.set if ps.scene else "",
            day_night=day_night(ps.scene.time_of_day) if ps.scene else "",
            pages=_pages(ps),
            cast=_scene_cast(ps),
        )
        for ps in nxt.scenes
    )
    return (
        AdvanceDay(
            title=f"Day {nxt.day.number} · {day_date(nxt.day.date)}",
            unit_call=clock(nxt.day.unit_call) or "TBC",
            locations=", ".join(loc.name for loc in nxt.locations),
            scenes=scenes,
            pages=pages_text(nxt.eighths),
        ),
    )


def _times(pd: PlannedDay) -> tuple[Detail, ...]:
    day = pd.day
    rows = [
        Detail("Unit call", clock(day.unit_call) or "TBC"),
        Detail("Shooting call", clock(day.shooting_call) or "TBC"),
    ]
    for label, span in (("Breakfast", day.breakfast), ("Lunch", day.lunch), ("Dinner", day.dinner)):
        if span is not None:
            rows.append(Detail(label, _span_text(span)))
    rows.append(Detail("Est. wrap", clock(day.wrap) or "TBC"))
    return tuple(rows)


def _sun(pd: PlannedDay) -> tuple[tuple[Detail, ...], str]:
    sun = sun_times(pd.location, pd.day.date, pd.zone)
    if sun is None or sun.sunrise is None or sun.sunset is None:
        return (), ""
    rows = []
    twilight = {ps.light for ps in pd.scenes if ps.scene is not None and ps.scene.int_ext != "INT"}
    if "dawn" in twilight and sun.dawn is not None:
        rows.append(Detail("Civil dawn", to_minute(sun.dawn)))
    rows.append(Detail("Sunrise", to_minute(sun.sunrise)))
    rows.append(Detail("Sunset", to_minute(sun.sunset)))
    if twilight & {"dusk", "night"} and sun.dusk is not None:
        rows.append(Detail("Civil dusk", to_minute(sun.dusk)))
    assert pd.location is not None
    zone = pd.zone.key if pd.zone.key != "Europe/London" else ""
    place = f"at {pd.location.name}" + (f" ({zone} time)" if zone else "")
    return tuple(rows), place


def _safety(settings: CallSheetSettings, pd: PlannedDay, look: _Lookups) -> tuple[str, ...]:
    lines = list(settings.safety)
    by_id = look.members
    for p in pd.cast:
        member = by_id[p.key]
        age = member.age_on(pd.day.date)
        if (age is not None and age < child_rules().school_leaving_age) or member.minor:
            lines.append(
                f"Child on set: {member.id} {member.artist}"
                + (f" ({age})" if age is not None else "")
                + (f", licence {member.licence}" if member.licence else "")
                + (f", chaperone {member.chaperone}" if member.chaperone else "")
                + (f"; released by {p.release:%H:%M}" if p.release else "")
                + "."
            )
    return tuple(lines)


def snapshot_facts(context: CallSheetContext) -> dict[str, dict[str, dict[str, str]]]:
    """What a re-issue is compared on: section -> item -> field -> value."""
    facts: dict[str, dict[str, dict[str, str]]] = {}
    facts["Times"] = {"Day": {"date": context.date, **{t.label: t.value for t in context.times}}}
    facts["Locations"] = {
        f"Location {b.name}": {"address": b.address, "sets": b.sets, "A&E": b.hospital}
        for b in context.locations
    }
    scenes: dict[str, dict[str, str]] = {}
    for r in context.scenes:
        if r.kind == "scene":
            label = f"Scene {r.number}"
            while label in scenes:
                label += " (again)"
            scenes[label] = {"time": r.time, "pages": r.pages, "cast": r.cast, "notes": r.notes}
    facts["Scenes"] = scenes
    facts["Cast"] = {
        f"Cast {r.id} {r.artist}": {
            "pick-up": r.pick_up,
            "call": r.call,
            "HMU": r.hmu,
            "costume": r.costume,
            "on set": r.on_set,
        }
        for r in context.cast
    }
    facts["Crew"] = {
        f"{c.name} ({c.role})": {"call": c.call} for dept in context.crew for c in dept.rows
    }
    facts["Supporting artists"] = {
        f"SAs: {s.description}": {"count": s.count, "call": s.call, "on set": s.on_set}
        for s in context.supporting
    }
    facts["Notes"] = {f"Note ({n.label})": {"text": n.value} for n in context.notes}
    return facts


def _calendar(
    production: Production,
    pd: PlannedDay,
    look: _Lookups,
    version: int,
    today: date,
) -> Calendar:
    title = production.title
    uid_head = f"{slug(title)}-day{pd.day.number:02d}-"
    uid_tail = f"@{slug(production.company.name or 'paperwork')}"
    loc = pd.location
    where = ""
    if loc is not None:
        address = _address(loc)
        where = address if address.startswith(loc.name) else f"{loc.name}, {address}"
    times = " · ".join(f"{t.label} {t.value}" for t in _times(pd))
    events = []
    by_id = look.members
    people: list[tuple[str, str, PersonDay]] = [
        (
            f"cast-{p.key}",
            f"{by_id[p.key].artist} ({', '.join(c.title() for c in by_id[p.key].characters)})",
            p,
        )
        for p in pd.cast
    ]
    people += [(f"crew-{m.name}", f"{m.name} ({m.role})", p) for m, p in pd.crew]
    for uid_key, label, p in people:
        if p.call is None:
            continue
        end = p.release if p.release and p.release > p.call else p.call + timedelta(hours=1)
        lines = []
        for name, value in (
            ("Pick-up", p.pick_up),
            ("HMU", p.hmu),
            ("Costume", p.costume),
            ("On set", p.on_set),
        ):
            if value is not None:
                extra = (
                    f" from {p.row.pick_up_from}"
                    if name == "Pick-up" and p.row and p.row.pick_up_from
                    else ""
                )
                lines.append(f"{name} {value:%H:%M}{extra}")
        lines.append(times)
        lines.append(f"Call sheet {pd.day.number}, Rev {version}, {day_date(pd.day.date)}")
        events.append(
            CalendarEvent(
                uid=f"{uid_head}{slug(uid_key)}{uid_tail}",
                start=p.call,
                end=end,
                summary=f"{title}: day {pd.day.number} call {p.call:%H:%M}, {label}",
                location=where,
                description="\n".join(lines),
                sequence=version - 1,
            )
        )
    stamp = datetime.combine(today, time(0, 0), tzinfo=UTC)
    return Calendar(tuple(events), stamp, f"{title}: day {pd.day.number} calls")


def _context(
    production: Production,
    pd: PlannedDay,
    the_plan: ShootPlan,
    settings: CallSheetSettings,
    look: _Lookups,
    version: int,
    today: date,
    d: Diagnostics,
) -> CallSheetContext:
    day = pd.day
    sets: dict[str, list[str]] = {}
    for ps in pd.scenes:
        if ps.location is not None and ps.scene is not None:
            names = sets.setdefault(ps.location.id, [])
            if ps.scene.set not in names:
                names.append(ps.scene.set)
    locations = tuple(_location_block(loc, sets.get(loc.id, [])) for loc in pd.locations)
    sun, sun_place = _sun(pd)
    first = the_plan.days[0].day.date if the_plan.days else day.date
    week = (day.date - first).days // 7 + 1
    issuer = settings.issued_by
    person = production.person(issuer) if issuer else None
    if person is None and issuer:
        person = next(
            (p for p in production.people if p.name.casefold() == issuer.casefold()), None
        )
    issued = f"Issued {day_date(today)}"
    if person is not None:
        issued += f" by {person.name}, {person.role}" if person.role else f" by {person.name}"
    line = " · ".join(p for p in (production.production_type, production.commissioner) if p)
    groups = look.groups.get(day.number, [])
    notes = tuple(Detail(n.department or "General", n.text) for n in day.notes)
    crew = _crew(pd, settings.departments)
    emergency = tuple(Detail(p.name, p.phone) for p in settings.emergency)
    return CallSheetContext(
        **heading(
            production,
            f"{production.title}: call sheet {day.number}",
            (f"{production.title}: call sheet {day.number}, Rev {version}",),
        ),
        production_title=production.title,
        production_line=line,
        unit=day.unit or "Main unit",
        call_sheet_no=str(day.number),
        day_of=f"Day {day.number} of {the_plan.total_days}",
        date=day_date(day.date),
        week=f"Week {week}",
        version=f"Rev {version}",
        supersedes=f"Supersedes Rev {version - 1}" if version > 1 else "",
        changes=(),
        issued=issued,
        times=_times(pd),
        sun=sun,
        sun_place=sun_place,
        weather=day.weather,
        contacts=_contacts(production, settings, look, d),
        locations=locations,
        scenes=_scene_rows(pd),
        total_pages=pages_text(pd.eighths),
        scene_count=f"{len(pd.scenes)} scene{'s' if len(pd.scenes) != 1 else ''}",
        cast=_cast_rows(pd, the_plan, look),
        supporting=_supporting(groups),
        supporting_total=str(sum(g.count for g in groups)) if groups else "",
        crew=crew,
        crew_columns=balance(crew),
        notes=notes,
        advance=_advance(the_plan, pd),
        safety=_safety(settings, pd, look),
        emergency=emergency,
        reminders=settings.reminders,
        confidentiality=settings.confidentiality,
    )


def _element_notes(pd: PlannedDay, elements: ElementBreakdown) -> tuple[Detail, ...]:
    """The day's breakdown elements under their departments (props, vehicles, SFX...), less
    those the day's notes or its scenes' notes already name."""
    given = [n.text for n in pd.day.notes] + [ps.scheduled.notes for ps in pd.scenes]
    scenes = dict.fromkeys(ps.scheduled.number for ps in pd.scenes)
    return tuple(Detail(dept, text) for dept, text in day_elements(elements, scenes, given))


# The text outputs a call sheet document carries beside DOCX and PDF: format -> context field.
TEXT_FORMATS = {"json": "snapshot_json", "ics": "calendar"}


def text_output(doc: BuiltDocument, fmt: str) -> bytes | None:
    """A call sheet's ``json`` snapshot or ``ics`` calendar as UTF-8 bytes, for the pipeline to
    write as ``{doc.stem}.{fmt}``; None for any other format or document."""
    name = TEXT_FORMATS.get(fmt)
    if name is None or fmt not in doc.formats or name not in doc.context:
        return None
    value = doc.context[name]
    if isinstance(value, Calendar):
        return value.text().encode("utf-8")  # written now: a check never asks for it
    return str(value).encode("utf-8")


def build(job: BuildJob) -> tuple[BuiltDocument, ...]:
    """One call sheet per shoot day (or only ``options.day``) as DOCX and PDF, each with its
    snapshot (``json``, context field ``snapshot_json``) and calendar (``ics``, context field
    ``calendar``, its text made by :func:`text_output`)."""
    production, today, d, options = job.production, job.today, job.diagnostics, job.options
    breakdown = job.script_breakdown(
        "call sheets are built from the script: name it under 'script:' in production.yaml"
    )
    if breakdown is None:
        return ()
    screenplay = options.screenplay
    settings = production.call_sheets or CallSheetSettings(pos=production.manifest)
    the_plan = job.plan()
    d.extend(list(the_plan.findings))  # the plan's checks, reported with the call sheets
    days = job.chosen_days(the_plan)
    if days is None:
        return ()
    version = options.version or 1
    if version < 1:
        d.error(
            "bad-version",
            f"a call sheet's version is 1 or more (got {version})",
            production.manifest,
        )
        return ()
    out = []
    look = _Lookups.of(production)
    elements = scene_elements(production, breakdown, screenplay, the_plan)
    for pd in days:
        day = pd.day
        context = _context(production, pd, the_plan, settings, look, version, today, d)
        context = replace(context, notes=context.notes + _element_notes(pd, elements))
        facts = snapshot_facts(context)
        issue = reissue(options.issued_call_sheets, day, version, facts, d)
        snapshot = {
            "format": SNAPSHOT_FORMAT,
            "production": production.title,
            "day": day.number,
            "date": day.date.isoformat(),
            "version": version,
            "issued": today.isoformat(),
            "supersedes": issue.previous_version,
            "changes": list(issue.changes),
            "facts": facts,
        }
        context = replace(
            context,
            supersedes=issue.supersedes,
            changes=issue.changes,
            snapshot_json=json.dumps(snapshot, ensure_ascii=False, indent=2) + "\n",
            calendar=_calendar(production, pd, look, version, today),
        )
        out.append(
            KIND.document(
                context,
                stem=call_sheet_stem(day, version),
                title=f"Call sheet {day.number}: {day_date(day.date)}",
            )
        )
    return tuple(out)


KIND = DocumentKind(
    name=NAME,
    contexts={"call_sheet": CallSheetContext},
    inputs=("schedule", "cast", "locations", "script"),
    uses=(SHOOT_PLAN, ISSUED_CALL_SHEETS),
    formats=("docx", "pdf", "json", "ics"),
    build=build,
    text_output=text_output,
)
