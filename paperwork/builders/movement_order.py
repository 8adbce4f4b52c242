"""Movement orders: one per travel day, and a personal itinerary for each traveller.

Made from the ``travel`` and ``accommodation`` tables, the manifest's ``travel:`` section
(the carnet's holder, representatives and home country) and the crew, cast and people
(who each traveller is). :mod:`paperwork.planning.travel` groups the rows into journeys and
checks the trip (no bed for a night away, travel outside a contract, carnet kit with no
representative aboard, missing passport or visa).

A movement order lists, for its day: each journey in departure order (times local at each
end, with UK time beside any that differ; the check-in time, meeting point, vehicle and
driver (with the driver's mobile where they share it, as on the crew list), the carrier,
number and booking reference, and who travels); the carnet (holder, number, who carries it
on which legs, and where it must be stamped: each crossing between customs territories); the hotel for the night and who sleeps where (or aboard); the
emergency numbers of every country on the day's route and the British missions; and the
production's contacts. A4 portrait, PDF and DOCX.

An itinerary is one person's whole trip: every journey with their own booking reference,
every night's bed, the contacts and the emergency numbers of each country they visit.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from typing import TypedDict

from paperwork.builders.base import BuildJob, BuiltDocument, DocumentKind, slug, unique_stem
from paperwork.builders.letterhead import unbroken
from paperwork.builders.reports import ReportContext, report_heading
from paperwork.format import clock, day_date, long_date, weekday
from paperwork.model.crew import ContactSharing
from paperwork.model.names import person_key
from paperwork.model.production import Production
from paperwork.model.records import Person
from paperwork.model.travel import MODES, Stay
from paperwork.planning.travel import (
    Journey,
    TravelPlan,
    Trip,
    country_facts,
    fcdo_line,
    plan_travel,
    utc_offset,
)

NAME = "movement-order"
CONTACT_ROLES = ("Production Co-ordinator", "Production Manager", "Producer", "Unit Medic")


# --- The contexts ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TravellerLine:
    name: str
    role: str
    booking: str  # their own booking reference when the journey's are not all one
    note: str


@dataclass(frozen=True, slots=True)
class JourneyBlock:
    when: str  # "Sun 7 Mar" (itineraries) or "" (a movement order's own day)
    departs: str  # "20:15" or "08:15 local (07:15 UK)"
    arrives: str  # likewise, with the day when it is not the day it leaves
    route: str  # "Portsmouth International Port → Saint-Malo ferry terminal"
    mode: str  # "Ferry"
    service: str  # "Brittany Ferries · Bretagne"
    booking: str  # the booking reference, when every traveller shares one
    check_in: str  # check in by: "19:00"
    meeting_point: str
    vehicle: str  # "Unit minibus WX23 ABC · driver Rosa Delgado"
    carnet: str  # "Carnet kit aboard: Sol Adeyemi carries the carnet"
    carnet_missing: bool  # carnet kit aboard with no representative to present it
    travellers: tuple[TravellerLine, ...]
    count: str  # "12 travelling"
    notes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class HotelBlock:
    hotel: str
    address: str
    phone: str
    guests: str  # "Hannah Price, Olu Adebayo, ..."
    dates: str  # "check in Mon 8 Mar · check out Tue 9 Mar"
    reference: str
    notes: str


@dataclass(frozen=True, slots=True)
class CountryLine:
    country: str
    emergency: str
    mission: str  # "British Embassy Paris"
    mission_phone: str  # "+33 1 44 51 31 00", never split across lines


@dataclass(frozen=True, slots=True)
class CarnetBlock:
    holder: str
    number: str  # "Carnet no. GB/LON/123" or ""
    carried_by: str  # "Sol Adeyemi (1st Assistant Camera)"
    legs: tuple[str, ...]  # the day's journeys that carry it
    stamps: tuple[str, ...]  # where to present it to customs, in order


@dataclass(frozen=True, slots=True)
class TravelContext(ReportContext):
    """What a movement order and an itinerary both show besides their heading: the note on
    local times and the help for the places on the way (templates/_travel_help.html)."""

    time_note: str  # "Times are local at each place. France is 1 hour ahead of the UK."
    countries: tuple[CountryLine, ...]
    fcdo: str
    contacts: tuple[Person, ...]  # the role, name and phone of each


class TravelHelp(TypedDict):
    """:class:`TravelContext`'s own fields, made by :func:`_help`, passed on as ``**``."""

    time_note: str
    countries: tuple[CountryLine, ...]
    fcdo: str
    contacts: tuple[Person, ...]  # the role, name and phone of each


@dataclass(frozen=True, slots=True)
class MovementOrderContext(TravelContext):
    date: str  # "Sunday 7 March 2027"
    day_label: str  # "Travel day 1 of 4"
    shoot_note: str  # "Also shoot day 7: see the call sheet" or ""
    summary: str  # "14 people · 3 journeys · United Kingdom, France"
    journeys: tuple[JourneyBlock, ...]
    carnet: CarnetBlock | None
    hotels: tuple[HotelBlock, ...]
    aboard: tuple[str, ...]  # "Overnight aboard Brittany Ferries Bretagne: 14 (cabins)"
    no_bed: tuple[str, ...]  # travellers away tonight with no bed booked


@dataclass(frozen=True, slots=True)
class NightLine:
    night: str  # "Mon 8 Mar"
    bed: str  # "Hôtel Les Remparts" or "Aboard Brittany Ferries Bretagne"
    address: str
    phone: str
    reference: str
    missing: bool = False  # away with no bed booked


@dataclass(frozen=True, slots=True)
class ItineraryContext(TravelContext):
    traveller: str
    role: str
    span: str  # "Sun 7 Mar to Sun 14 Mar 2027 · 5 journeys · 7 nights away"
    journeys: tuple[JourneyBlock, ...]
    nights: tuple[NightLine, ...]


# --- Building ------------------------------------------------------------------------------


def _local(t: time | None, day: date, country: str, home: str) -> str:
    """``08:15`` or ``08:15 local (07:15 UK)`` when the country's clock differs from home's."""
    if t is None:
        return "TBC"
    here = datetime.combine(day, t)
    off, home_off = utc_offset(country, here), utc_offset(home, here)
    if off is None or home_off is None or off == home_off:
        return clock(t)
    uk = (here - off + home_off).time()
    label = "UK" if home == "GB" else country_facts(home).name
    return f"{clock(t)} local ({clock(uk)} {label})"


def _short(d: date) -> str:
    return f"{weekday(d)[:3]} {d.day} {d:%b}"


def _check_in(j: Journey) -> str:
    """``19:00``; ``22:30, Tue 9 Mar`` when it is the evening before a departure after
    midnight (the reader allows that only a few hours ahead)."""
    at = j.rows[0].check_in
    if at is None:
        return ""
    if j.departs is not None and at > j.departs:
        return f"{clock(at)}, {_short(j.date - timedelta(days=1))}"
    return clock(at)


def _phones(production: Production) -> dict[str, str]:
    """Whose mobile a movement order may print beside their name as a driver: the people
    under ``people:`` and the crew whose ``share_contact`` (or the production's default)
    is ``yes``, as on the crew list."""
    out = {person_key(p.name): p.phone for p in production.people if p.phone}
    default = production.crew_list.share_contact if production.crew_list else None
    for m in production.crew:
        if m.phone and (m.share_contact or default) is ContactSharing.YES:
            out[person_key(m.name)] = m.phone
    return out


def _journey(
    j: Journey,
    home: str,
    reps: set[str],
    *,
    dated: bool,
    who: str = "",
    phones: Mapping[str, str] | None = None,
) -> JourneyBlock:
    bookings = j.values("booking_reference")
    shared = bookings[0] if len(bookings) == 1 and all(r.booking_reference for r in j.rows) else ""
    # A note every row shares is the journey's; the others stay with their traveller.
    notes = tuple(dict.fromkeys(r.notes for r in j.rows if r.notes))
    common = tuple(n for n in notes if all(r.notes == n for r in j.rows))
    travellers = tuple(
        TravellerLine(
            name=t.name,
            role=t.role,
            booking="" if shared else row.booking_reference,
            note="" if row.notes in common else row.notes,
        )
        for row, t in zip(j.rows, j.travellers, strict=True)
    )
    if who:
        mine = [r for r in j.rows if person_key(r.who) == who]
        shared = shared or (mine[0].booking_reference if mine else "")
    arrives = _local(j.arrives, j.arrive_date, j.to_country, home)
    if j.arrives is not None and j.arrive_date != j.date:
        arrives = f"{arrives}, {_short(j.arrive_date)}"
    vehicle = j.first("vehicle")
    drivers = j.values("driver")
    named = [
        f"{x} {unbroken(phone)}" if (phone := (phones or {}).get(person_key(x))) else x
        for x in drivers
    ]
    vehicle_line = " · ".join(
        p for p in (vehicle, f"driver {' and '.join(named)}" if drivers else "") if p
    )
    carnet = ""
    if j.carnet:
        carriers = [t.name for t in j.travellers if t.key in reps]
        carriers += [x for x in drivers if person_key(x) in reps and x not in carriers]
        carnet = (
            f"Carnet kit aboard: {' or '.join(carriers)} carries the carnet"
            if carriers
            else "Carnet kit aboard: NO CARNET REPRESENTATIVE ON THIS LEG"
        )
    scheduled = " · ".join(p for p in (j.carrier, j.number) if p)
    return JourneyBlock(
        when=_short(j.date) if dated else "",
        departs=_local(j.departs, j.date, j.from_country, home),
        arrives=arrives if j.arrives is not None else "",
        route=f"{j.origin} → {j.destination}",
        mode=MODES.get(j.mode, j.mode.title()),
        service=scheduled,
        booking=shared,
        check_in=_check_in(j),
        meeting_point=j.first("meeting_point"),
        vehicle=vehicle_line,
        carnet=carnet,
        carnet_missing=bool(carnet) and "NO CARNET" in carnet,
        travellers=travellers,
        count=f"{len(j.rows)} travelling" if len(j.rows) != 1 else "1 travelling",
        notes=common,
    )


def _time_note(journeys: Sequence[Journey], home: str) -> str:
    """Which countries on the route keep a different clock from home, on that day."""
    diffs: dict[str, int] = {}
    for j in journeys:
        for code, when in ((j.from_country, j.date), (j.to_country, j.arrive_date)):
            noon = datetime.combine(when, time(12))
            off, home_off = utc_offset(code, noon), utc_offset(home, noon)
            if code != home and off is not None and home_off is not None and off != home_off:
                diffs.setdefault(code, int((off - home_off).total_seconds() // 3600))
    if not diffs:
        return "All times are UK time." if home == "GB" else "All times are local."
    home_name = "the UK" if home == "GB" else country_facts(home).name
    parts = []
    for code, hours in diffs.items():
        ahead = "ahead of" if hours > 0 else "behind"
        n = abs(hours)
        parts.append(
            f"{country_facts(code).name} is {n} hour{'s' if n != 1 else ''} {ahead} {home_name}"
        )
    return "Times are local at each place, as on the tickets. " + "; ".join(parts) + "."


def _countries(journeys: Sequence[Journey], home: str) -> tuple[CountryLine, ...]:
    codes = dict.fromkeys(c for j in journeys for c in (j.from_country, j.to_country) if c)
    if not codes:
        codes = {home: None}
    out = []
    for f in (country_facts(c) for c in codes):
        name, _, phone = f.mission.partition(", ")
        emergency = f.emergency or "Not on paperwork's list: check the FCDO's travel advice"
        out.append(CountryLine(f.name, emergency, name, unbroken(phone)))
    return tuple(out)


def _help(production: Production, journeys: Sequence[Journey], home: str) -> TravelHelp:
    """The local-time note and the help block for ``journeys``' countries."""
    return TravelHelp(
        time_note=_time_note(journeys, home),
        countries=_countries(journeys, home),
        fcdo=f"FCDO 24-hour consular help from abroad: {unbroken(fcdo_line())}",
        contacts=_contacts(production),
    )


def _contacts(production: Production) -> tuple[Person, ...]:
    """The production office's contacts (role "Production office" where none is given), then
    the key people in CONTACT_ROLES, as the manifest names them."""
    office = [replace(o, role=o.role or "Production office") for o in production.office]
    key = [p for role in CONTACT_ROLES if (p := production.person(role)) is not None]
    return (*office, *key)


def _carnet(plan: TravelPlan, day: Sequence[Journey], production: Production) -> CarnetBlock | None:
    travel = production.travel
    carrying = [j for j in day if j.carnet]
    if travel is None or not carrying:
        return None
    from paperwork.readers.kit import reference

    ref = reference()
    reps = {person_key(p.name): p for p in travel.representatives}
    carriers: list[str] = []
    for j in carrying:
        for key in [t.key for t in j.travellers] + [person_key(x) for x in j.values("driver")]:
            p = reps.get(key)
            if p is not None:
                line = f"{p.name} ({p.role})" if p.role else p.name
                if line not in carriers:
                    carriers.append(line)
    stamps = []
    for j in carrying:
        a, b = ref.territory(j.from_country or plan.home), ref.territory(j.to_country or plan.home)
        if a != b:
            leaving = country_facts(j.from_country or plan.home).name
            entering = country_facts(j.to_country or plan.home).name
            stamps.append(
                f"{j.origin}: present the carnet and the kit to {leaving} customs before "
                f"departure (export/exit voucher stamped)"
            )
            stamps.append(
                f"{j.destination}: present them to {entering} customs on arrival, before the "
                "kit leaves the port (import/entry voucher stamped)"
            )
    return CarnetBlock(
        holder=travel.holder.name,
        number=f"Carnet no. {travel.carnet_number}" if travel.carnet_number else "",
        carried_by="; ".join(carriers) or "NOBODY NAMED: see the carnet's representatives",
        legs=tuple(f"{clock(j.departs) or 'TBC'} {j.origin} → {j.destination}" for j in carrying),
        stamps=tuple(stamps),
    )


def _hotels(plan: TravelPlan, day: date, travelling: set[str]) -> tuple[HotelBlock, ...]:
    """Where the day's travellers sleep that night, a block per hotel."""
    by_hotel: dict[str, list[tuple[Trip, Stay]]] = {}
    for trip, stay in plan.stays_on(day):
        if trip.traveller.key in travelling:
            by_hotel.setdefault(person_key(stay.hotel), []).append((trip, stay))
    out = []
    for guests in by_hotel.values():
        stay = guests[0][1]
        refs = tuple(dict.fromkeys(s.reference for _, s in guests if s.reference))
        out.append(
            HotelBlock(
                hotel=stay.hotel,
                address=", ".join(stay.address),
                phone=stay.phone,
                guests=", ".join(t.traveller.name for t, _ in guests),
                dates=f"check in {_short(stay.check_in)} · check out {_short(stay.check_out)}",
                reference=", ".join(refs),
                notes=stay.notes,
            )
        )
    return tuple(out)


def _movement_order(
    production: Production,
    plan: TravelPlan,
    day: date,
    number: int,
    today: date,
) -> BuiltDocument:
    journeys = plan.on(day)
    home = plan.home
    reps = (
        {person_key(p.name) for p in production.travel.representatives}
        if production.travel
        else set()
    )
    travelling = {t.key for j in journeys for t in j.travellers}
    phones = _phones(production)
    aboard: dict[str, list[str]] = {}
    no_bed: list[str] = []
    for trip in plan.trips:
        if trip.traveller.key not in travelling:
            continue
        for night, bed in trip.nights:
            if night != day:
                continue
            if bed.startswith("aboard: "):
                aboard.setdefault(bed.removeprefix("aboard: "), []).append(trip.traveller.name)
            elif not bed:
                no_bed.append(trip.traveller.name)
    shoot = next((s for s in production.shoot_days if s.date == day), None)
    people = len(travelling)
    places = tuple(
        dict.fromkeys(
            country_facts(c).name for j in journeys for c in (j.from_country, j.to_country) if c
        )
    )
    title = f"Movement order: {day_date(day)}"
    return KIND.document(
        MovementOrderContext(
            **report_heading(
                production, title, today, footer=f"{production.title}: movement order"
            ),
            **_help(production, journeys, home),
            date=f"{weekday(day)} {long_date(day)}",
            day_label=f"Travel day {number} of {len(plan.days)}",
            shoot_note=f"Also shoot day {shoot.number}: see its call sheet" if shoot else "",
            summary=" · ".join(
                p
                for p in (
                    f"{people} {'person' if people == 1 else 'people'} travelling",
                    f"{len(journeys)} journey{'s' if len(journeys) != 1 else ''}",
                    ", ".join(places),
                )
                if p
            ),
            journeys=tuple(_journey(j, home, reps, dated=False, phones=phones) for j in journeys),
            carnet=_carnet(plan, journeys, production),
            hotels=_hotels(plan, day, travelling),
            aboard=tuple(
                f"Overnight aboard {where}: {', '.join(names)}" for where, names in aboard.items()
            ),
            no_bed=tuple(no_bed),
        ),
        stem=f"movement-order_{day.isoformat()}_{today.isoformat()}",
        title=title,
    )


def _itinerary(
    production: Production,
    plan: TravelPlan,
    trip: Trip,
    stem: str,
    today: date,
) -> BuiltDocument:
    home = plan.home
    who = trip.traveller.key
    reps = (
        {person_key(p.name) for p in production.travel.representatives}
        if production.travel
        else set()
    )
    phones = _phones(production)
    journeys = tuple(
        _journey(j, home, reps, dated=True, who=who, phones=phones) for j in trip.journeys
    )
    nights = []
    for night, bed in trip.nights:
        stay = next((s for s in trip.stays if s.covers(night)), None)
        if bed.startswith("aboard: "):
            nights.append(
                NightLine(_short(night), f"Aboard {bed.removeprefix('aboard: ')}", "", "", "")
            )
        elif stay is not None:
            nights.append(
                NightLine(
                    _short(night), stay.hotel, ", ".join(stay.address), stay.phone, stay.reference
                )
            )
        else:
            nights.append(
                NightLine(_short(night), "Not booked: call the production office", "", "", "", True)
            )
    first, last = trip.journeys[0].date, max(j.arrive_date for j in trip.journeys)
    if trip.nights:  # a trip left abroad ends the morning after its last night
        last = max(last, trip.nights[-1][0] + timedelta(days=1))
    away = len(trip.nights)
    name = trip.traveller.name
    title = f"Travel itinerary: {name}"
    return KIND.document(
        ItineraryContext(
            **report_heading(
                production, title, today, footer=f"{production.title}: itinerary for {name}"
            ),
            **_help(production, trip.journeys, home),
            traveller=name,
            role=trip.traveller.role,
            span=" · ".join(
                (
                    day_date(first) if first == last else f"{day_date(first)} to {day_date(last)}",
                    f"{len(journeys)} journey{'s' if len(journeys) != 1 else ''}",
                    f"{away} night{'s' if away != 1 else ''} away",
                )
            ),
            journeys=journeys,
            nights=tuple(nights),
        ),
        stem=stem,
        title=title,
    )


def build(job: BuildJob) -> tuple[BuiltDocument, ...]:
    """A movement order per travel day and an itinerary per traveller."""
    production, today = job.production, job.today
    plan = plan_travel(production, job.diagnostics)
    if not plan.journeys:
        return ()
    out = [
        _movement_order(production, plan, day, n, today) for n, day in enumerate(plan.days, start=1)
    ]
    stems: set[str] = set()  # two travellers whose names make the same file name: -2, -3...
    for trip in plan.trips:
        stem = unique_stem(f"itinerary_{slug(trip.traveller.name)}", today.isoformat(), stems)
        out.append(_itinerary(production, plan, trip, stem, today))
    return tuple(out)


KIND = DocumentKind(
    name=NAME,
    contexts={"movement_order": MovementOrderContext, "travel_itinerary": ItineraryContext},
    inputs=("travel",),
    build=build,
)
