"""The shoot plan: the schedule read against the script's breakdown and the tables.

:func:`plan` turns the schedule, the breakdown, the screenplay (for synopses and voice-only
speakers) and the cast, crew, calls and locations tables into a :class:`ShootPlan`: days with
their scenes, who works when (as wall-clock datetimes in the day's zone), and each cast
member's SW/W/H/WF status. The call sheets, the day out of days, the breakdown report and the
crew contracts all read the one plan the pipeline makes.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from paperwork.errors import Diagnostic
from paperwork.format import natural_key
from paperwork.model.breakdown import Breakdown, SceneBreakdown
from paperwork.model.call_sheets import (
    Call,
    CastMember,
    Location,
    ScheduledScene,
    ShootDay,
    SupportingArtists,
)
from paperwork.model.crew import CrewMember
from paperwork.model.names import label_key as scene_key
from paperwork.model.names import person_key as name_key
from paperwork.model.production import Production
from paperwork.model.screenplay import (
    Action,
    DualDialogue,
    SceneHeading,
    Screenplay,
    Speech,
    Synopsis,
    plain,
)
from paperwork.model.source import Pos

__all__ = [  # scene_key and name_key are model.names' keys under the names planning uses
    "ROLL_HOURS",
    "PersonDay",
    "PlannedDay",
    "PlannedScene",
    "ShootPlan",
    "anchor",
    "at_time",
    "day_night",
    "day_out_of_days",
    "groups_by_day",
    "light_of",
    "name_key",
    "plan",
    "scene_key",
    "zone_of",
]

ROLL_HOURS = 6  # a time this long before the day's first call belongs to the next morning
_VOICE = {"V.O.", "VO", "V/O", "VOICE", "VOICE OVER", "VOICE-OVER"}
_DAYLIKE = {"DAY", "MORNING", "AFTERNOON", "NOON", "MIDDAY"}
_NIGHTLIKE = {"NIGHT", "MIDNIGHT"}
_DUSKLIKE = {"DUSK", "SUNSET", "TWILIGHT"}
_DAWNLIKE = {"DAWN", "SUNRISE", "FIRST LIGHT"}
_FOLLOWS = {"CONTINUOUS", "LATER", "MOMENTS LATER", "SAME", "SAME TIME", "CONT"}
_SHORT_TOD = {"DAY": "D", "NIGHT": "N"}


def _line_key(pos: Pos) -> tuple[str, int]:
    """A heading's place by file and line (``script.fountain:16:1`` and a breakdown's
    ``script.fountain:16`` are the same heading)."""
    return pos.file, pos.line


def _words(time_of_day: str) -> str:
    """``"NIGHT (1968)"`` -> ``"NIGHT"``; ``"DAY - LATER"`` -> ``"DAY - LATER"``."""
    return re.sub(r"\s*\(.*?\)\s*", " ", time_of_day.upper()).strip()


def light_of(time_of_day: str) -> str:
    """``day``, ``night``, ``dusk``, ``dawn``, ``follows`` (CONTINUOUS...) or ``""``."""
    words = _words(time_of_day)
    if words in _FOLLOWS or words.startswith("MOMENTS"):
        return "follows"
    for kind, names in (
        ("dusk", _DUSKLIKE),
        ("dawn", _DAWNLIKE),
        ("night", _NIGHTLIKE),
        ("day", _DAYLIKE),
    ):
        if words in names or any(w in names for w in words.split()):
            return kind
    return ""


def day_night(time_of_day: str) -> str:
    """The D/N column: ``D``, ``N``, ``Dusk``, ``Dawn``, ``Morning``; a period stays: ``D (1963)``."""
    words = _words(time_of_day)
    short = _SHORT_TOD.get(words, words.title())
    period = re.findall(r"\(.*?\)", time_of_day)
    return " ".join([short, *period]).strip()


@dataclass(frozen=True, slots=True)
class PlannedScene:
    """A scheduled scene with what the script and the tables say about it."""

    scheduled: ScheduledScene
    scene: SceneBreakdown | None  # None: the script has no such scene
    location: Location | None
    cast: tuple[CastMember, ...]  # on set, in cast-id order
    voices: tuple[CastMember, ...]  # heard only (V.O.), with a cast member
    uncast: tuple[str, ...]  # characters on set with no cast member
    synopsis: str
    light: str  # day, night, dusk, dawn or ""

    @property
    def eighths(self) -> int:
        """The length shot this day: the schedule's part, else the whole scene."""
        if self.scheduled.eighths is not None:
            return self.scheduled.eighths
        return self.scene.eighths if self.scene else 0


@dataclass(frozen=True, slots=True)
class PersonDay:
    """One person's times on one day, as wall-clock datetimes in the day's zone."""

    key: str  # cast id or crew name key
    name: str
    call: datetime | None
    release: datetime | None
    row: Call | None  # the calls row that set them (day-specific over standing), or None
    pick_up: datetime | None = None
    hmu: datetime | None = None
    costume: datetime | None = None
    on_set: datetime | None = None


@dataclass(frozen=True, slots=True)
class PlannedDay:
    day: ShootDay
    scenes: tuple[PlannedScene, ...]
    zone: ZoneInfo
    location: Location | None  # the day's main location (the first scene's)
    locations: tuple[Location, ...]  # every location of the day, in order of first use
    cast: tuple[PersonDay, ...]  # working cast, in cast-id order
    crew: tuple[tuple[CrewMember, PersonDay], ...]  # working crew, in table order
    unsure: tuple[str, ...]  # cast ids in scenes with no call and no screenplay to tell

    @property
    def eighths(self) -> int:
        return sum(s.eighths for s in self.scenes)

    def when(self, t: time | None) -> datetime | None:
        return at_time(self.day, self.zone, t)


@dataclass(frozen=True, slots=True)
class ShootPlan:
    """The shoot as planned: the days with their scenes and people, each cast member's
    SW/W/H/WF status per day, and the script's scenes on no day."""

    days: tuple[PlannedDay, ...]
    cast: tuple[CastMember, ...]
    statuses: tuple[tuple[str, tuple[str, ...]], ...]  # cast id -> status per day ("" none)
    unscheduled: tuple[SceneBreakdown, ...]
    total_days: int
    screenplay: bool  # whether voices could be told from on-set speakers
    # What the plan's checks found (paperwork.planning.checks), reported by the call sheets
    findings: tuple[Diagnostic, ...] = ()
    # Days the schedule has but whose rows could not be read (their errors are reported at
    # those rows): not planned, yet no reference to one is "no such day"
    unreadable_days: frozenset[int] = frozenset()
    # Lookups made once, so that a question about one day or person does not scan them all:
    # day number -> its first position, the numbers in order, cast id -> its first status
    # row, and cast id -> the days they work.
    _positions: dict[int, int] = field(init=False, repr=False, compare=False)
    _numbers: list[int] = field(init=False, repr=False, compare=False)
    _rows: dict[str, tuple[str, ...]] = field(init=False, repr=False, compare=False)
    _working: dict[str, list[tuple[PlannedDay, PersonDay]]] = field(
        init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        positions: dict[int, int] = {}
        working: dict[str, list[tuple[PlannedDay, PersonDay]]] = {}
        for i, d in enumerate(self.days):
            positions.setdefault(d.day.number, i)
            for p in d.cast:
                working.setdefault(p.key, []).append((d, p))
        rows: dict[str, tuple[str, ...]] = {}
        for cid, row in self.statuses:
            rows.setdefault(cid, row)
        object.__setattr__(self, "_positions", positions)
        object.__setattr__(self, "_numbers", sorted(positions))
        object.__setattr__(self, "_rows", rows)
        object.__setattr__(self, "_working", working)

    def status(self, cast_id: str, day_number: int) -> str:
        index = self._positions.get(day_number)
        row = self._rows.get(cast_id)
        return row[index] if row is not None and index is not None else ""

    def day(self, number: int) -> PlannedDay | None:
        index = self._positions.get(number)
        return self.days[index] if index is not None else None

    def next_day(self, number: int) -> PlannedDay | None:
        """The day with the lowest number above ``number`` (the first such in order)."""
        k = bisect_right(self._numbers, number)
        return self.day(self._numbers[k]) if k < len(self._numbers) else None

    def working(self, cast_id: str) -> tuple[tuple[PlannedDay, PersonDay], ...]:
        """The days a cast member works, in plan order, with their times."""
        return tuple(self._working.get(cast_id, ()))


def zone_of(locations: Mapping[str, Location], day: ShootDay) -> ZoneInfo:
    """The day's time zone: its location's, else its first scene location's, else London."""
    loc = _location(locations, day.location) if day.location else None
    if loc is None:
        for s in day.scenes:
            loc = _location(locations, s.location) if s.location else None
            if loc is not None:
                break
    return ZoneInfo(loc.timezone if loc else "Europe/London")


def anchor(day: ShootDay) -> time | None:
    """The day's first call: the unit call, else the earliest strip time."""
    if day.unit_call is not None:
        return day.unit_call
    times = [s.time.start for s in day.strips if s.time is not None]
    return min(times) if times else None


def at_time(day: ShootDay, zone: ZoneInfo, t: time | None) -> datetime | None:
    """``t`` on the day, or on the next morning when it falls well before the day's first call."""
    if t is None:
        return None
    when = datetime.combine(day.date, t, tzinfo=zone)
    first = anchor(day)
    if first is not None:
        start = datetime.combine(day.date, first, tzinfo=zone)
        if when < start - timedelta(hours=ROLL_HOURS):
            when += timedelta(days=1)
    return when


def _location_index(production: Production) -> dict[str, Location]:
    """Locations by upper-case id; the first row wins (a repeated id is the reader's error)."""
    out: dict[str, Location] = {}
    for loc in production.locations:
        out.setdefault(loc.id.upper(), loc)
    return out


def _location(locations: Mapping[str, Location], lid: str) -> Location | None:
    return locations.get(lid.strip().upper())


def cast_by_character(cast: Sequence[CastMember]) -> dict[str, CastMember]:
    """Who plays each character: the first cast row that names them."""
    out: dict[str, CastMember] = {}
    for member in cast:
        for character in member.characters:
            out.setdefault(character, member)
    return out


def _set_index(production: Production) -> dict[str, Location]:
    out: dict[str, Location] = {}
    for loc in production.locations:
        for s in loc.sets:
            out.setdefault(s, loc)
    return out


def _scene_texts(
    screenplay: Screenplay | None,
) -> dict[tuple[str, int], tuple[str, set[str], set[str]]]:
    """Each heading's file and line -> (synopsis or first action line, on-set speakers,
    speakers only heard)."""
    out: dict[tuple[str, int], tuple[str, set[str], set[str]]] = {}
    if screenplay is None:
        return out
    current: tuple[str, int] | None = None
    synopsis = ""
    on_set: set[str] = set()
    voices: set[str] = set()

    def close() -> None:
        if current is not None:
            out[current] = (synopsis, on_set, voices - on_set)

    for element in screenplay.elements:
        match element:
            case SceneHeading(pos=pos):
                close()
                current, synopsis, on_set, voices = _line_key(pos), "", set(), set()
            case Synopsis(text=text) if current is not None and not synopsis:
                synopsis = " ".join(text.split())
            case Action(text=text) if current is not None and not synopsis:
                synopsis = _first_sentence(plain(text))
            case Speech() if current is not None:
                _speaker(element, on_set, voices)
            case DualDialogue(left=left, right=right) if current is not None:
                _speaker(left, on_set, voices)
                _speaker(right, on_set, voices)
            case _:
                pass
    close()
    return out


def _speaker(speech: Speech, on_set: set[str], voices: set[str]) -> None:
    exts = {e.upper().strip() for e in speech.extensions}
    name = " ".join(speech.character.split()).upper()
    (voices if exts & _VOICE else on_set).add(name)


def _first_sentence(text: str, limit: int = 110, least: int = 40) -> str:
    """The opening of an action paragraph: whole sentences up to ``least`` characters (so
    ``Morning.`` brings the next one), cut at a word near ``limit``."""
    text = " ".join(text.split())
    sentences = re.findall(r".+?[.!?](?=\s|$)|.+$", text)
    out = ""
    for sentence in sentences:
        out = f"{out} {sentence.strip()}".strip()
        if len(out) >= least:
            break
    if len(out) > limit:
        out = out[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return out


@dataclass(frozen=True, slots=True)
class _Calls:
    """The calls table indexed once per plan: a person's rows by key and day.

    Cast rows are keyed by the id as written (``c.who.strip().upper()``), crew rows by
    :func:`name_key`; every row is under both keys, as a scan of the table would find it.
    Where a person has two rows for the same day (or two standing rows) the later one wins.
    """

    standing: dict[tuple[bool, str], Call]
    specific: dict[tuple[bool, str, int], Call]
    named: set[tuple[str, int]]  # (crew name key, day) called by name, not 'off'
    cast_called: dict[int, set[str]]  # day -> cast keys with a call that day, not 'off'

    @classmethod
    def of(cls, calls: Iterable[Call]) -> _Calls:
        standing: dict[tuple[bool, str], Call] = {}
        specific: dict[tuple[bool, str, int], Call] = {}
        named: set[tuple[str, int]] = set()
        cast_called: dict[int, set[str]] = {}
        for c in calls:
            upper, loose = c.who.strip().upper(), name_key(c.who)
            if c.day is None:
                standing[True, upper] = c
                standing[False, loose] = c
                continue
            specific[True, upper, c.day] = c
            specific[False, loose, c.day] = c
            if not c.off:
                named.add((loose, c.day))
                cast_called.setdefault(c.day, set()).add(upper)
        return cls(standing, specific, named, cast_called)


def _merged_call(calls: _Calls, who_key: str, day: int, is_cast: bool) -> Call | None:
    """A person's call on a day: the day's row over their standing row, field by field."""
    standing = calls.standing.get((is_cast, who_key))
    specific = calls.specific.get((is_cast, who_key, day))
    if specific is None:
        return standing
    if standing is None:
        return specific
    if specific.call is None and specific.offset_minutes is None and not specific.off:
        call, offset = standing.call, standing.offset_minutes
    else:
        call, offset = specific.call, specific.offset_minutes
    return replace(
        specific,
        call=call,
        offset_minutes=offset,
        pick_up=_first(specific.pick_up, standing.pick_up),
        hmu=_first(specific.hmu, standing.hmu),
        costume=_first(specific.costume, standing.costume),
        on_set=_first(specific.on_set, standing.on_set),
        release=_first(specific.release, standing.release),
        pick_up_from=specific.pick_up_from or standing.pick_up_from,
        notes=specific.notes or standing.notes,
    )


def _first(own: time | None, standing: time | None) -> time | None:
    """The day's own time, else the standing row's (a midnight 00:00 is a time, not blank)."""
    return own if own is not None else standing


def _person_day(key: str, name: str, row: Call | None, day: ShootDay, zone: ZoneInfo) -> PersonDay:
    unit = at_time(day, zone, day.unit_call)
    call: datetime | None = None
    if row is not None and row.call is not None:
        call = at_time(day, zone, row.call)
    elif row is not None and row.offset_minutes is not None and unit is not None:
        call = unit + timedelta(minutes=row.offset_minutes)
    elif row is not None:
        stages = [t for t in (row.hmu, row.costume, row.on_set) if t is not None]
        call = at_time(day, zone, min(stages)) if stages else unit
    else:
        call = unit
    release = at_time(day, zone, row.release) if row is not None and row.release else None
    release = release or at_time(day, zone, day.wrap)
    return PersonDay(
        key=key,
        name=name,
        call=call,
        release=release,
        row=row,
        pick_up=at_time(day, zone, row.pick_up) if row else None,
        hmu=at_time(day, zone, row.hmu) if row else None,
        costume=at_time(day, zone, row.costume) if row else None,
        on_set=at_time(day, zone, row.on_set) if row else None,
    )


def _crew_by_day(production: Production, calls: _Calls) -> list[list[tuple[CrewMember, str]]]:
    """For each shoot day (by position), the crew who may work it, in the crew table's order:
    those whose contract covers its date (all of them without a deal), and those the calls
    table calls by name that day. Found by date, not by testing every person on every day."""
    days = production.shoot_days
    by_date = sorted((day.date, i) for i, day in enumerate(days))
    dates = [when for when, _ in by_date]
    crew = production.crew
    keys = [name_key(hand.name) for hand in crew]
    hands: list[set[int]] = [set() for _ in days]
    by_key: dict[str, list[int]] = {}
    for index, hand in enumerate(crew):
        by_key.setdefault(keys[index], []).append(index)
        deal = hand.deal
        if deal is None:
            covered = by_date
        else:
            covered = by_date[bisect_left(dates, deal.start) : bisect_right(dates, deal.end)]
        for _, i in covered:
            hands[i].add(index)
    positions: dict[int, list[int]] = {}
    for i, day in enumerate(days):
        positions.setdefault(day.number, []).append(i)
    for key, number in calls.named:
        for i in positions.get(number, ()):
            hands[i].update(by_key.get(key, ()))
    return [[(crew[index], keys[index]) for index in sorted(h)] for h in hands]


def plan(
    production: Production, breakdown: Breakdown | None, screenplay: Screenplay | None = None
) -> ShootPlan:
    """The schedule read against the script and the tables; the checks are
    :func:`paperwork.planning.checks.check`'s. The pipeline makes it once per build
    (:func:`paperwork.planning.plan_shoot`) and hands it to every builder."""
    ix = _Index.of(production, breakdown, screenplay)
    days: list[PlannedDay] = []
    scheduled: set[str] = set()
    for position, day in enumerate(production.shoot_days):
        scheduled.update(item.number for item in day.scenes)
        days.append(_plan_day(ix, position, day, screenplay is not None))

    statuses = []
    working_ids = [{p.key for p in d.cast} for d in days]
    for member in sorted(production.cast, key=lambda m: natural_key(m.id)):
        worked = [member.id in ids for ids in working_ids]
        statuses.append((member.id, day_out_of_days(worked)))
    unscheduled = tuple(
        s for s in (breakdown.scenes if breakdown else ()) if scene_key(s.number) not in scheduled
    )
    settings = production.call_sheets
    total = settings.shoot_days if settings and settings.shoot_days else len(days)
    return ShootPlan(
        days=tuple(days),
        cast=tuple(sorted(production.cast, key=lambda m: natural_key(m.id))),
        statuses=tuple(statuses),
        unscheduled=unscheduled,
        total_days=total,
        screenplay=screenplay is not None,
    )


@dataclass(frozen=True, slots=True)
class _Index:
    """The tables and the script indexed once per plan, for the days and scenes to look up."""

    scenes: dict[str, SceneBreakdown]
    texts: dict[tuple[str, int], tuple[str, set[str], set[str]]]
    by_character: dict[str, CastMember]
    by_id: dict[str, CastMember]
    sets: dict[str, Location]
    loc_ids: dict[str, Location]
    calls: _Calls
    crew_by_day: list[list[tuple[CrewMember, str]]]
    order: dict[str, int]  # cast id -> its place in natural order
    lights: dict[str, str]  # scene key -> day/night, CONTINUOUS resolved

    @classmethod
    def of(
        cls, production: Production, breakdown: Breakdown | None, screenplay: Screenplay | None
    ) -> _Index:
        by_character = cast_by_character(production.cast)
        calls = _Calls.of(production.calls)
        # script order, to resolve CONTINUOUS / LATER to the light of the scene before
        lights: dict[str, str] = {}
        previous = ""
        for s in breakdown.scenes if breakdown else ():
            kind = light_of(s.time_of_day)
            lights[scene_key(s.number)] = previous if kind == "follows" else kind
            previous = lights[scene_key(s.number)] or previous
        return cls(
            scenes={scene_key(s.number): s for s in breakdown.scenes} if breakdown else {},
            texts=_scene_texts(screenplay),
            by_character=by_character,
            by_id={m.id.strip().upper(): m for m in production.cast},
            sets=_set_index(production),
            loc_ids=_location_index(production),
            calls=calls,
            crew_by_day=_crew_by_day(production, calls),
            order={
                m.id: i
                for i, m in enumerate(sorted(production.cast, key=lambda m: natural_key(m.id)))
            },
            lights=lights,
        )


def _plan_scene(ix: _Index, item: ScheduledScene, day: ShootDay) -> PlannedScene:
    """One scheduled scene: where it is, who is in it (seen, heard, or not yet cast)."""
    scene = ix.scenes.get(item.number)
    loc = None
    if item.location:
        loc = _location(ix.loc_ids, item.location)
    elif scene is not None and scene.set.upper() in ix.sets:
        loc = ix.sets[scene.set.upper()]
    elif day.location:
        loc = _location(ix.loc_ids, day.location)
    on_set: list[str] = []
    voice: list[str] = []
    synopsis = ""
    if scene is not None:
        text = ix.texts.get(_line_key(scene.pos))
        if text is not None:
            synopsis, speakers, voiced = text
            on_set = [c for c in scene.characters if c.upper() in speakers]
            voice = [c for c in scene.characters if c.upper() in voiced]
        else:
            on_set = list(scene.characters)
    cast_members: dict[str, CastMember] = {}
    uncast: list[str] = []
    for character in on_set:
        found = ix.by_character.get(character.upper())
        if found is None:
            uncast.append(character)
        else:
            cast_members[found.id] = found
    for cid in item.cast:
        added = ix.by_id.get(cid.strip().upper())
        if added is not None:
            cast_members[added.id] = added
    voices = [
        ix.by_character[c.upper()]
        for c in voice
        if c.upper() in ix.by_character and ix.by_character[c.upper()].id not in cast_members
    ]
    return PlannedScene(
        scheduled=item,
        scene=scene,
        location=loc,
        cast=tuple(sorted(cast_members.values(), key=lambda m: ix.order[m.id])),
        voices=tuple(dict.fromkeys(voices)),
        uncast=tuple(uncast),
        synopsis=synopsis,
        light=ix.lights.get(item.number, ""),
    )


def _plan_day(ix: _Index, position: int, day: ShootDay, has_script: bool) -> PlannedDay:
    """One shoot day: its scenes, its locations, and the cast and crew who work it."""
    zone = zone_of(ix.loc_ids, day)
    planned = [_plan_scene(ix, item, day) for item in day.scenes]
    if day.location:
        main = _location(ix.loc_ids, day.location)
    else:
        main = next((ps.location for ps in planned if ps.location is not None), None)
    locations: list[Location] = []
    for ps in planned:
        if ps.location is not None and ps.location not in locations:
            locations.append(ps.location)
    if main is not None and main not in locations:
        locations.insert(0, main)

    # who works: cast on set, cast added on the schedule, cast with a call that day
    working: dict[str, CastMember] = {}
    for ps in planned:
        for on in ps.cast:
            working[on.id] = on
    unsure: list[str] = []
    called = ix.calls.cast_called.get(day.number, set()) & ix.by_id.keys()
    for cid in called:
        working.setdefault(ix.by_id[cid].id, ix.by_id[cid])
    cast_days: list[PersonDay] = []
    for member in sorted(working.values(), key=lambda m: ix.order[m.id]):
        row = _merged_call(ix.calls, member.id.strip().upper(), day.number, True)
        if row is not None and row.off:
            continue
        if row is None and not has_script and not _added(member, planned):
            unsure.append(member.id)  # maybe only heard: no call, no screenplay to tell
            continue
        cast_days.append(_person_day(member.id, member.artist, row, day, zone))

    crew_days: list[tuple[CrewMember, PersonDay]] = []
    for hand, hand_key in ix.crew_by_day[position]:  # in contract, or called by name that day
        row = _merged_call(ix.calls, hand_key, day.number, False)
        if row is not None and row.off:
            continue
        crew_days.append((hand, _person_day(hand_key, hand.name, row, day, zone)))

    return PlannedDay(
        day=day,
        scenes=tuple(planned),
        zone=zone,
        location=main,
        locations=tuple(locations),
        cast=tuple(cast_days),
        crew=tuple(crew_days),
        unsure=tuple(unsure),
    )


def _added(member: CastMember, scenes: Iterable[PlannedScene]) -> bool:
    """Whether the schedule itself names this cast member on one of the day's scenes."""
    return any(
        member.id.strip().upper() in {c.strip().upper() for c in s.scheduled.cast} for s in scenes
    )


def day_out_of_days(worked: Sequence[bool]) -> tuple[str, ...]:
    """SW on the first day worked, WF on the last, SWF if only one, W between, H on days off
    between the first and the last, and nothing outside them."""
    idx = [i for i, w in enumerate(worked) if w]
    if not idx:
        return tuple("" for _ in worked)
    first, last = idx[0], idx[-1]
    out = []
    for i, w in enumerate(worked):
        if i < first or i > last:
            out.append("")
        elif first == last:
            out.append("SWF")
        elif i == first:
            out.append("SW")
        elif i == last:
            out.append("WF")
        else:
            out.append("W" if w else "H")
    return tuple(out)


# --- Sun -------------------------------------------------------------------------------------------


def groups_by_day(production: Production) -> dict[int, list[SupportingArtists]]:
    """The supporting artists table by day, each day's groups in table order."""
    out: dict[int, list[SupportingArtists]] = {}
    for group in production.supporting_artists:
        out.setdefault(group.day, []).append(group)
    return out
