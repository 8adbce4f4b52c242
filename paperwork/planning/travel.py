"""The trip as planned: journeys, each traveller's route and nights, and their checks.

The travel table has a row per person per leg; :func:`plan_travel` groups the rows of one
leg (same day, places, mode, carrier, number and departure time) into a :class:`Journey`,
works out when each arrives (a ticket's times are local at each end: an arrival earlier in
UTC than the departure is the next day) and where each traveller sleeps.

Countries: a row's ``from_country``/``to_country``, else the last part of the place
(``Saint-Malo, France``), else the country the traveller was last in (the trip starts in
the carnet's home country, the UK unless ``travel: home_country`` says otherwise). Time
zones and emergency numbers come from ``paperwork/data/travel.yaml``.

Checks (located at the row that causes them):

- ``no-bed``: a traveller away for a night with no accommodation row for it. A night is
  away when, at its end, the traveller is not back where their first leg started and no
  leg carries them through it (an overnight ferry, a night flight); a trip whose last leg
  ends outside the home country, in another country than its first left (one way out), is
  away the night it arrives.
- ``travel-leg-outside-contract``: a crew member travelling on a day their contract (start to
  end in the crew table) does not cover.
- ``carnet-no-carrier``: a leg that carries kit on the carnet (``carnet: yes``) with no
  carnet representative (``travel: representatives``) travelling on it or driving it.
- ``missing-passport`` / ``missing-visa``: a traveller leaving the home country whose rows
  leave that column empty, when ``travel: travel_documents`` asks for it.
- ``country-not-in-travel-facts`` (warning): a leg to or from a country that
  ``paperwork/data/travel.yaml`` does not list (its emergency numbers are not guessed).
- ``unknown-traveller``: a name in neither the crew, the cast nor ``people:`` (an error, as
  an unknown name on a call sheet is: a misspelt name gets a movement order line with no
  role and escapes the contract check; add a driver or a fixer to ``people:``).
- ``double-booked`` (warning): two hotels for one person on the same night.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from paperwork.errors import Diagnostics
from paperwork.format import day_date
from paperwork.model.names import person_key
from paperwork.model.production import Production
from paperwork.model.source import Pos
from paperwork.model.travel import Stay, TravelLeg
from paperwork.reference import load

HOME = "GB"


@dataclass(frozen=True, slots=True)
class CountryFacts:
    """What a traveller needs to know in one country (``paperwork/data/travel.yaml``)."""

    code: str
    name: str
    zone: str  # IANA zone, "" when the country has several or is not listed
    emergency: str
    mission: str


@cache
def _facts_data() -> tuple[str, dict[str, dict[str, str]]]:
    data = load("travel", strings=True)
    return str(data["fcdo"]), {str(k): dict(v) for k, v in data["countries"].items()}


def fcdo_line() -> str:
    """The FCDO's 24-hour consular line from abroad."""
    return _facts_data()[0]


def country_facts(code: str) -> CountryFacts:
    """The facts of one country (its name from the carnet's country list)."""
    entry = _facts_data()[1].get(code, {})
    names = load("carnet", strings=True)["countries"].get(code)
    name = str(names[0]) if names else code
    if code == "GB":
        name = "United Kingdom"
    return CountryFacts(
        code=code,
        name=name,
        zone=entry.get("zone", ""),
        emergency=entry.get("emergency", ""),  # "": not in the data (never a guess)
        mission=entry.get("mission", ""),
    )


@cache
def _zone(name: str) -> ZoneInfo | None:
    try:
        return ZoneInfo(name) if name else None
    except (ZoneInfoNotFoundError, ValueError):
        return None


def utc_offset(code: str, when: datetime) -> timedelta | None:
    """The country's offset from UTC at the naive local time ``when``; None: not known."""
    zone = _zone(country_facts(code).zone)
    if zone is None:
        return None
    return when.replace(tzinfo=zone).utcoffset()


@dataclass(frozen=True, slots=True)
class Traveller:
    """A name from the travel or accommodation table, matched to who they are."""

    key: str  # person_key of the name
    name: str
    role: str  # "1st Assistant Camera", "ANA (cast)", "" when unknown
    start: date | None = None  # the crew contract's first and last days
    end: date | None = None
    known: bool = True


@dataclass(frozen=True, slots=True)
class Journey:
    """One leg with everyone on it: the rows of the travel table that share it."""

    date: date
    origin: str
    destination: str
    mode: str
    carrier: str
    number: str
    departs: time | None
    arrives: time | None
    arrive_date: dt.date  # the day it arrives (local at the destination)
    from_country: str
    to_country: str
    rows: tuple[TravelLeg, ...]  # one per traveller, in table order
    travellers: tuple[Traveller, ...]  # the same order

    @property
    def pos(self) -> Pos:
        return self.rows[0].pos

    @property
    def carnet(self) -> bool:
        return any(r.carnet for r in self.rows)

    @property
    def overnight(self) -> bool:
        return self.arrive_date > self.date

    def first(self, column: str) -> str:
        """The first non-empty value of a text column among the rows (vehicle, driver...)."""
        for row in self.rows:
            value = getattr(row, column)
            if value:
                return str(value)
        return ""

    def values(self, column: str) -> tuple[str, ...]:
        """Each distinct non-empty value of a text column, in row order."""
        seen: list[str] = []
        for row in self.rows:
            value = str(getattr(row, column) or "")
            if value and value not in seen:
                seen.append(value)
        return tuple(seen)


@dataclass(frozen=True, slots=True)
class Trip:
    """One traveller's journeys in order, and their beds."""

    traveller: Traveller
    journeys: tuple[Journey, ...]
    stays: tuple[Stay, ...]
    nights: tuple[tuple[date, str], ...]  # each night away -> where they sleep ("" none)


@dataclass(frozen=True, slots=True)
class TravelPlan:
    journeys: tuple[Journey, ...]  # by date, then departure time
    trips: tuple[Trip, ...]  # by first travel date, then name
    days: tuple[date, ...]  # every date a journey leaves on
    home: str

    def on(self, day: date) -> tuple[Journey, ...]:
        return tuple(j for j in self.journeys if j.date == day)

    def stays_on(self, night: date) -> tuple[tuple[Trip, Stay], ...]:
        """Each traveller's booking for the night that starts on ``night``."""
        out: list[tuple[Trip, Stay]] = []
        for trip in self.trips:
            for stay in trip.stays:
                if stay.covers(night):
                    out.append((trip, stay))
                    break
        return tuple(out)


def _people(production: Production) -> dict[str, Traveller]:
    out: dict[str, Traveller] = {}
    for p in production.people:
        out.setdefault(person_key(p.name), Traveller(person_key(p.name), p.name, p.role))
    for c in production.crew:
        deal = c.deal
        out[person_key(c.name)] = Traveller(
            person_key(c.name),
            c.name,
            c.role,
            deal.start if deal else None,
            deal.end if deal else None,
        )
    for m in production.cast:
        if m.artist:
            role = " / ".join(ch.title() for ch in m.characters)
            out.setdefault(
                person_key(m.artist), Traveller(person_key(m.artist), m.artist, f"Cast: {role}")
            )
    return out


def _sort_time(t: time | None) -> time:
    return t if t is not None else time(0, 0)


def _arrival(leg: TravelLeg, from_country: str, to_country: str) -> date:
    """The local date a leg arrives: given, else worked out from the two local times."""
    if leg.arrive_date is not None:
        return leg.arrive_date
    if leg.departs is None or leg.arrives is None:
        return leg.date
    leave = datetime.combine(leg.date, leg.departs)
    arrive = datetime.combine(leg.date, leg.arrives)
    off_from = utc_offset(from_country, leave)
    off_to = utc_offset(to_country, arrive)
    if off_from is not None and off_to is not None:
        if arrive - off_to < leave - off_from:
            return leg.date + timedelta(days=1)
        return leg.date
    return leg.date + timedelta(days=1) if leg.arrives < leg.departs else leg.date


def _group_key(leg: TravelLeg) -> tuple[object, ...]:
    return (
        leg.date,
        person_key(leg.origin),
        person_key(leg.destination),
        leg.mode,
        person_key(leg.carrier),
        person_key(leg.number),
        leg.departs,
    )


def plan_travel(production: Production, diagnostics: Diagnostics) -> TravelPlan:
    """Group the travel table into journeys and trips, and report what does not add up."""
    home = production.travel.home if production.travel else HOME
    people = _people(production)
    legs = production.travel_legs

    def traveller(name: str, pos: Pos, reported: set[str]) -> Traveller:
        key = person_key(name)
        found = people.get(key)
        if found is None:
            found = Traveller(key, name, "", known=False)
            people[key] = found
            if key not in reported:
                reported.add(key)
                diagnostics.error(
                    "unknown-traveller",
                    f"{name!r} is in neither the crew, the cast nor production.yaml's people: "
                    "check the spelling, or add them to people: with their role",
                    pos,
                )
        return found

    reported: set[str] = set()
    # Countries: a person's legs in order, each from where the last one arrived.
    where: dict[str, str] = {}
    countries: dict[int, tuple[str, str]] = {}
    order = sorted(range(len(legs)), key=lambda i: (legs[i].date, _sort_time(legs[i].departs)))
    for i in order:
        leg = legs[i]
        key = person_key(leg.who)
        start = leg.from_country or where.get(key, home)
        end = leg.to_country or start
        countries[i] = (start, end)
        where[key] = end

    groups: dict[tuple[object, ...], list[int]] = {}
    for i in order:
        groups.setdefault(_group_key(legs[i]), []).append(i)
    journeys: list[Journey] = []
    for members in groups.values():
        members.sort()  # table order within a journey
        first = legs[members[0]]
        start, end = countries[members[0]]
        journeys.append(
            Journey(
                date=first.date,
                origin=first.origin,
                destination=first.destination,
                mode=first.mode,
                carrier=first.carrier,
                number=first.number,
                departs=first.departs,
                arrives=first.arrives,
                arrive_date=_arrival(first, start, end),
                from_country=start,
                to_country=end,
                rows=tuple(legs[i] for i in members),
                travellers=tuple(
                    traveller(legs[i].who, legs[i].at("who"), reported) for i in members
                ),
            )
        )
    journeys.sort(key=lambda j: (j.date, _sort_time(j.departs), j.pos.line or 0))

    stays_by: dict[str, list[Stay]] = {}
    for stay in production.accommodation:
        traveller(stay.who, stay.at("who"), reported)
        stays_by.setdefault(person_key(stay.who), []).append(stay)

    trips = _trips(journeys, stays_by, people, home)
    _check(production, journeys, trips, home, diagnostics)
    return TravelPlan(
        journeys=tuple(journeys),
        trips=trips,
        days=tuple(sorted({j.date for j in journeys})),
        home=home,
    )


def _trips(
    journeys: Sequence[Journey],
    stays_by: dict[str, list[Stay]],
    people: dict[str, Traveller],
    home: str,
) -> tuple[Trip, ...]:
    by_person: dict[str, list[Journey]] = {}
    for j in journeys:
        for t in j.travellers:
            by_person.setdefault(t.key, []).append(j)
    trips: list[Trip] = []
    for key, mine in by_person.items():
        stays = tuple(sorted(stays_by.get(key, ()), key=lambda s: (s.check_in, s.pos.line or 0)))
        trips.append(Trip(people[key], tuple(mine), stays, _nights(mine, stays, home)))
    trips.sort(key=lambda t: (t.journeys[0].date, t.traveller.name.casefold()))
    return tuple(trips)


def _nights(
    mine: Sequence[Journey], stays: Sequence[Stay], home: str
) -> tuple[tuple[date, str], ...]:
    """Each night away from the trip's starting place, with its bed ("" none booked).

    Nights run from the first journey's day to the night before the last one arrives; a
    night a journey carries the traveller through is slept aboard. A trip the table leaves
    abroad (its last leg ends outside the home country, in another country than its first
    left, as a one-way flight out does) is away at least the night it arrives, and every
    night its bookings cover after that. A trip that ends in the home country is taken to
    end at home (the table may hold only someone's flight back).
    """
    if not mine:
        return ()
    start = person_key(mine[0].origin)
    last = max(j.arrive_date for j in mine)
    final = [j for j in mine if j.arrive_date == last][-1]
    if person_key(final.destination) != start and final.to_country not in (
        "",
        home,
        mine[0].from_country,
    ):
        last += timedelta(days=1)
        while any(s.covers(last) for s in stays):
            last += timedelta(days=1)
    out: list[tuple[date, str]] = []
    night = mine[0].date
    while night < last:
        aboard = next((j for j in mine if j.date <= night < j.arrive_date), None)
        if aboard is not None:
            out.append((night, f"aboard: {service(aboard)}"))
        else:
            arrived = [j for j in mine if j.arrive_date <= night]
            place = person_key(arrived[-1].destination) if arrived else start
            if place != start:
                bed = next((s for s in stays if s.covers(night)), None)
                out.append((night, bed.hotel if bed else ""))
        night += timedelta(days=1)
    return tuple(out)


def service(j: Journey) -> str:
    """``Brittany Ferries Bretagne``, ``Volotea V7 2218``, or the mode's word."""
    from paperwork.model.travel import MODES

    named = " ".join(p for p in (j.carrier, j.number) if p)
    return named or MODES.get(j.mode, j.mode.title())


def _check(
    production: Production,
    journeys: Sequence[Journey],
    trips: Sequence[Trip],
    home: str,
    d: Diagnostics,
) -> None:
    travel = production.travel
    reps = {person_key(p.name) for p in travel.representatives} if travel else set()
    for j in journeys:
        if j.carnet:
            aboard = {t.key for t in j.travellers} | {person_key(x) for x in j.values("driver")}
            if not aboard & reps:
                row = next(r for r in j.rows if r.carnet)
                names = ", ".join(p.name for p in travel.representatives) if travel else ""
                d.error(
                    "carnet-no-carrier",
                    f"{day_date(j.date)}, {j.origin} to {j.destination}: the kit travels on the "
                    "carnet, but no carnet representative is on this leg"
                    + (
                        f" (travel: representatives names {names})"
                        if names
                        else " (travel: representatives names nobody)"
                    )
                    + "; the carnet must travel with the kit and be presented by someone "
                    "box B names",
                    row.at("carnet"),
                )
    _unlisted_countries(journeys, d)
    for trip in trips:
        _outside_contract(trip, d)
    for trip in trips:
        for first, last in _runs([night for night, bed in trip.nights if not bed]):
            j = _journey_before(trip.journeys, first)
            row = next(r for r in j.rows if person_key(r.who) == trip.traveller.key)
            nights = (
                f"the night of {day_date(first)}"
                if first == last
                else f"the nights of {day_date(first)} to {day_date(last)}"
            )
            d.error(
                "no-bed",
                f"{trip.traveller.name} is away on {nights} (after {j.destination}) with no "
                "accommodation booked",
                row.at("to"),
            )
        _double_booked(trip, d)
    if travel is not None:
        for column in travel.documents:
            _documents(trips, column, home, d)


def _unlisted_countries(journeys: Sequence[Journey], d: Diagnostics) -> None:
    """A warning at the first leg into or out of each country paperwork has no facts for
    (emergency numbers, British mission, time zone): 112 is not everyone's number."""
    seen: set[str] = set()
    for j in journeys:
        for code, column in ((j.from_country, "from"), (j.to_country, "to")):
            if not code or code in seen or code in _facts_data()[1]:
                continue
            seen.add(code)
            d.warning(
                "country-not-in-travel-facts",
                f"paperwork has no emergency numbers, British mission or time zone for "
                f"{country_facts(code).name}: the movement orders say to check the FCDO's "
                "travel advice, and its times are not compared with UK time",
                j.rows[0].at(column),
            )


def _outside_contract(trip: Trip, d: Diagnostics) -> None:
    """One warning per traveller, at their first journey outside their contract."""
    who = trip.traveller
    if who.start is None or who.end is None:
        return
    start, end = who.start, who.end
    outside = [j for j in trip.journeys if not start <= j.date <= end]
    if not outside:
        return
    days = ", ".join(dict.fromkeys(day_date(j.date) for j in outside))
    row = next(r for r in outside[0].rows if person_key(r.who) == who.key)
    d.warning(
        "travel-leg-outside-contract",
        f"{who.name} travels on {days}, outside their contract ({day_date(start)} to "
        f"{day_date(end)}): extend the engagement or agree the travel days",
        row.at("date"),
    )


def _runs(nights: Sequence[date]) -> list[tuple[date, date]]:
    """Consecutive nights as (first, last) runs."""
    runs: list[tuple[date, date]] = []
    for night in nights:
        if runs and night == runs[-1][1] + timedelta(days=1):
            runs[-1] = (runs[-1][0], night)
        else:
            runs.append((night, night))
    return runs


def _journey_before(mine: Sequence[Journey], night: date) -> Journey:
    arrived = [j for j in mine if j.arrive_date <= night]
    return arrived[-1] if arrived else mine[0]


def _double_booked(trip: Trip, d: Diagnostics) -> None:
    seen: dict[date, Stay] = {}
    for stay in trip.stays:
        night = stay.check_in
        while night < stay.check_out:
            other = seen.get(night)
            if other is not None and person_key(other.hotel) != person_key(stay.hotel):
                d.warning(
                    "double-booked",
                    f"{trip.traveller.name} has two beds on the night of {day_date(night)}: "
                    f"{other.hotel} ({other.pos}) and {stay.hotel}",
                    stay.at("check_in"),
                )
                break
            seen.setdefault(night, stay)
            night += timedelta(days=1)


def _documents(trips: Iterable[Trip], column: str, home: str, d: Diagnostics) -> None:
    for trip in trips:
        key = trip.traveller.key
        rows = [r for j in trip.journeys for r in j.rows if person_key(r.who) == key]
        abroad = [
            (j, r)
            for j in trip.journeys
            for r in j.rows
            if person_key(r.who) == key and j.to_country and j.to_country != home
        ]
        if not abroad or any(getattr(r, column) for r in rows):
            continue
        j, row = abroad[0]
        d.error(
            f"missing-{column}",
            f"{trip.traveller.name} travels to {country_facts(j.to_country).name} on "
            f"{day_date(j.date)}, but no travel row of theirs fills {column} "
            "(production.yaml's travel: travel_documents asks for it)",
            row.at(column),
        )
