"""Call sheets: one per shoot day, from the schedule, the script's breakdown and the tables.

The shooting order, calls and meals come from the schedule table; each scene's INT/EXT, set,
D/N, length in eighths and speaking characters from the script's breakdown (handed over in
``BuildOptions.breakdown`` by the pipeline, with the screenplay for synopses and voice-only
speakers); places from the locations table; people from the cast, crew and calls tables.
Sunrise, sunset and civil twilight are computed for the day's location with astral.

:func:`plan` turns all of that into a :class:`Plan` (days with their scenes, who works
when, and each cast member's SW/W/H/WF status); the day-out-of-days and the breakdown report
build on the same plan. :func:`check` makes every check a careful co-ordinator makes across
the tables and the script, each located at the cell to fix:

- ``scene-not-in-script`` (error): a scheduled scene the script does not have;
- ``scene-not-scheduled`` (info): a scene of the script on no day;
- ``character-not-cast`` (error; a warning without the screenplay, which tells voices apart):
  a character in a scheduled scene with no cast member;
- ``unknown-cast-id``, ``unknown-person``, ``unknown-location``, ``set-no-location``,
  ``no-such-day`` (errors): references that lead nowhere;
- ``cast-not-in-scenes`` (warning): a cast member called on a day none of their scenes is shot
  (unless the call's notes say fitting, rehearsal, read-through or travel);
- ``cast-no-call`` (warning): a cast member working with no call in the calls table;
- ``parts-do-not-add-up`` (warning): a scene split over days whose parts' pages do not add up
  to the scene's length;
- ``ext-day-outside-daylight``, ``ext-night-in-daylight``, ``ext-twilight-missed``
  (warnings): an exterior's estimated time against the sun at its location;
- ``short-turnaround`` (warning): under 11 h (``call_sheets: turnaround_hours``) between a
  person's release and their next call (WTR 1998 reg. 10);
- ``minor-too-early``, ``minor-too-late``, ``minor-too-long``, ``minor-short-rest``,
  ``minor-too-many-days``, ``minor-no-licence``, ``minor-no-chaperone`` (errors): a child's
  calls against ``paperwork/data/child_hours.yaml``;
- ``called-after-scene-start``, ``not-on-set-for-scene`` (warnings, at the calls row's
  call cell, or a supporting artists row's): someone called, or on set, after the estimated
  start of a scene they are in;
- ``child-limit-exceeded`` (warning, at the calls row's call cell): a person's day against a
  risk row that names them with structured limits (``person`` + ``not_after`` /
  ``no_water_work``); ``unknown-person`` (error) when the row names nobody in the cast;
- ``lunch-late`` (warning): lunch more than 6 h after the unit call (WTR 1998 reg. 12);
- ``contact-missing`` (warning): a key contact's role with nobody in it;
- ``version-not-increasing`` (error), ``no-previous-issue`` (warning): a re-issue's number;
- ``reissue-without-changes`` (warning): a re-issue that says nothing its predecessor did not.

Versions: the sheet for day 3 at version 2 is ``call-sheet_day03_v2``; with it goes a JSON
snapshot of what it said (format ``json``), and when ``BuildOptions.issued`` holds the
snapshot of an earlier version the sheet lists what changed. The ICS calendar of everyone's
calls (format ``ics``) is in the context as ``calendar``, written only when asked for.
"""

from __future__ import annotations

import json
import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from importlib.resources import files
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml

from paperwork.builders.base import BuildOptions, BuiltDocument, slug
from paperwork.builders.format import clock, day_date
from paperwork.builders.letterhead import (
    ContextMapping,
    Detail,
    Letterhead,
    letterhead,
    logo_path,
    natural_key,
)
from paperwork.builders.script_breakdown import format_eighths
from paperwork.calendar import Calendar, CalendarEvent
from paperwork.errors import Diagnostics
from paperwork.model.breakdown import Breakdown, SceneBreakdown
from paperwork.model.names import label_key as scene_key
from paperwork.model.names import person_key as name_key
from paperwork.model.production import (
    Banner,
    Call,
    CallSheetSettings,
    CastMember,
    CrewMember,
    Location,
    Person,
    Production,
    ScheduledScene,
    ShootDay,
    SupportingArtists,
    TimeSpan,
)
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

NAME = "call-sheets"
TEMPLATE = "call_sheet"
INPUTS = ("schedule", "cast", "locations", "script")

SNAPSHOT_FORMAT = "paperwork call sheet 1"
ROLL_HOURS = 6  # a time this long before the day's first call belongs to the next morning
LUNCH_WITHIN = timedelta(hours=6)  # WTR 1998 reg. 12: a break once the day passes 6 hours
_EXPLAINED = re.compile(r"fitting|rehears|read[- ]?through|travel|costume|camera test", re.I)
_VOICE = {"V.O.", "VO", "V/O", "VOICE", "VOICE OVER", "VOICE-OVER"}
_DAYLIKE = {"DAY", "MORNING", "AFTERNOON", "NOON", "MIDDAY"}
_NIGHTLIKE = {"NIGHT", "MIDNIGHT"}
_DUSKLIKE = {"DUSK", "SUNSET", "TWILIGHT"}
_DAWNLIKE = {"DAWN", "SUNRISE", "FIRST LIGHT"}
_FOLLOWS = {"CONTINUOUS", "LATER", "MOMENTS LATER", "SAME", "SAME TIME", "CONT"}
_SHORT_TOD = {"DAY": "D", "NIGHT": "N"}


# --- Reference data: child performance hours ----------------------------------------------------


@dataclass(frozen=True, slots=True)
class AgeBand:
    from_age: int
    to_age: int
    earliest: time
    latest: time
    max_at_place: timedelta


@dataclass(frozen=True, slots=True)
class ChildRules:
    """``child_hours.yaml``, typed. A broken file is a bug in paperwork, so it raises."""

    name: str
    school_leaving_age: int
    bands: tuple[AgeBand, ...]
    rest: timedelta
    night_after: time
    rest_after_night: timedelta
    max_consecutive_days: int

    def band(self, age: int) -> AgeBand:
        for b in self.bands:
            if b.from_age <= age <= b.to_age:
                return b
        return self.bands[-1]


def _hm(text: str) -> time:
    hours, minutes = text.split(":")
    return time(int(hours), int(minutes))


@cache
def child_rules() -> ChildRules:
    """The bundled England child performance hours (read once)."""
    data = yaml.safe_load(
        files("paperwork").joinpath("data", "child_hours.yaml").read_text("utf-8")
    )
    return ChildRules(
        name=data["name"],
        school_leaving_age=int(data["school_leaving_age"]),
        bands=tuple(
            AgeBand(
                int(b["from_age"]),
                int(b["to_age"]),
                _hm(b["earliest"]),
                _hm(b["latest"]),
                timedelta(hours=float(b["max_hours_at_place"])),
            )
            for b in data["bands"]
        ),
        rest=timedelta(hours=float(data["rest_hours"])),
        night_after=_hm(data["night_after"]),
        rest_after_night=timedelta(hours=float(data["rest_after_night_hours"])),
        max_consecutive_days=int(data["max_consecutive_days"]),
    )


# --- Small helpers ----------------------------------------------------------------------------


def script_pos(text: str) -> Pos:
    """``"script.fountain:16:1"`` (a breakdown's ``pos``) as a Pos."""
    parts = text.rsplit(":", 2)
    if len(parts) == 3 and parts[1].isdigit() and parts[2].isdigit():
        return Pos(parts[0], int(parts[1]), int(parts[2]))
    if len(parts) >= 2 and parts[-1].isdigit():
        return Pos(":".join(parts[:-1]), int(parts[-1]))
    return Pos(text)


def _line_key(pos: Pos) -> str:
    """``script.fountain:16`` for a heading at ``script.fountain:16:1``: a breakdown's ``pos``
    and a heading's position compared by file and line."""
    return f"{pos.file}:{pos.line}"


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


def _span_text(span: TimeSpan | None) -> str:
    if span is None:
        return ""
    return f"{clock(span.start)}–{clock(span.end)}" if span.end else clock(span.start)


def _hours(delta: timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    h, m = divmod(minutes, 60)
    return f"{h} h {m:02d}" if m else f"{h} h"


def _names(names: Sequence[str], limit: int = 6) -> str:
    shown = ", ".join(names[:limit])
    return shown + (f" and {len(names) - limit} more" if len(names) > limit else "")


# --- The plan: the schedule read against the script -----------------------------------------------


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
class Plan:
    days: tuple[PlannedDay, ...]
    cast: tuple[CastMember, ...]
    statuses: tuple[tuple[str, tuple[str, ...]], ...]  # cast id -> status per day ("" none)
    unscheduled: tuple[SceneBreakdown, ...]
    total_days: int
    screenplay: bool  # whether voices could be told from on-set speakers
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


def _set_index(production: Production) -> dict[str, Location]:
    out: dict[str, Location] = {}
    for loc in production.locations:
        for s in loc.sets:
            out.setdefault(s, loc)
    return out


def _scene_texts(screenplay: Screenplay | None) -> dict[str, tuple[str, set[str], set[str]]]:
    """``file:line`` of each heading -> (synopsis or first action line, on-set speakers,
    speakers only heard)."""
    out: dict[str, tuple[str, set[str], set[str]]] = {}
    if screenplay is None:
        return out
    current: str | None = None
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
    values = {}
    for name in ("call", "offset_minutes", "pick_up", "hmu", "costume", "on_set", "release"):
        values[name] = getattr(specific, name)
    if specific.call is None and specific.offset_minutes is None and not specific.off:
        values["call"], values["offset_minutes"] = standing.call, standing.offset_minutes
    for name in ("pick_up", "hmu", "costume", "on_set", "release"):
        if values[name] is None:
            values[name] = getattr(standing, name)
    return Call(
        who=specific.who,
        pos=specific.pos,
        day=specific.day,
        off=specific.off,
        pick_up_from=specific.pick_up_from or standing.pick_up_from,
        notes=specific.notes or standing.notes,
        cells=specific.cells,
        **values,  # type: ignore[arg-type]
    )


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


# The last plan made, with the very objects it was made from: the call sheets, the day out of
# days, the breakdown report and the crew contracts of one run all ask for the same plan.
_last_plan: list[tuple[Production, Breakdown | None, Screenplay | None, Plan]] = []


def plan(
    production: Production,
    breakdown: Breakdown | None,
    screenplay: Screenplay | None = None,
) -> Plan:
    """The schedule read against the script and the tables; checks are :func:`check`'s.

    Made once for the same production, breakdown and screenplay objects (the model is
    frozen, so the plan cannot go stale); asked again, the same plan is returned.
    """
    if _last_plan:
        p, b, s, made = _last_plan[0]
        if p is production and b is breakdown and s is screenplay:
            return made
    made = _plan(production, breakdown, screenplay)
    _last_plan[:] = [(production, breakdown, screenplay, made)]
    return made


def _plan(
    production: Production, breakdown: Breakdown | None, screenplay: Screenplay | None
) -> Plan:
    scenes = {scene_key(s.number): s for s in breakdown.scenes} if breakdown else {}
    texts = _scene_texts(screenplay)
    by_character: dict[str, CastMember] = {}
    for member in production.cast:
        for name in member.characters:
            by_character.setdefault(name, member)
    by_id = {m.id.strip().upper(): m for m in production.cast}
    sets = _set_index(production)
    loc_ids = _location_index(production)
    calls = _Calls.of(production.calls)
    crew_by_day = _crew_by_day(production, calls)
    order = {
        m.id: i for i, m in enumerate(sorted(production.cast, key=lambda m: natural_key(m.id)))
    }
    # script order, to resolve CONTINUOUS / LATER to the light of the scene before
    lights: dict[str, str] = {}
    previous = ""
    for s in breakdown.scenes if breakdown else ():
        kind = light_of(s.time_of_day)
        lights[scene_key(s.number)] = previous if kind == "follows" else kind
        previous = lights[scene_key(s.number)] or previous

    days: list[PlannedDay] = []
    scheduled: set[str] = set()
    for position, day in enumerate(production.shoot_days):
        zone = zone_of(loc_ids, day)
        planned: list[PlannedScene] = []
        for item in day.scenes:
            scheduled.add(item.number)
            scene = scenes.get(item.number)
            loc = None
            if item.location:
                loc = _location(loc_ids, item.location)
            elif scene is not None and scene.set.upper() in sets:
                loc = sets[scene.set.upper()]
            elif day.location:
                loc = _location(loc_ids, day.location)
            on_set: list[str] = []
            voice: list[str] = []
            synopsis = ""
            if scene is not None:
                text = texts.get(_line_key(script_pos(scene.pos)))
                if text is not None:
                    synopsis, speakers, voiced = text
                    on_set = [c for c in scene.characters if c.upper() in speakers]
                    voice = [c for c in scene.characters if c.upper() in voiced]
                else:
                    on_set = list(scene.characters)
            cast_members: dict[str, CastMember] = {}
            uncast: list[str] = []
            for character in on_set:
                found = by_character.get(character.upper())
                if found is None:
                    uncast.append(character)
                else:
                    cast_members[found.id] = found
            for cid in item.cast:
                added = by_id.get(cid.strip().upper())
                if added is not None:
                    cast_members[added.id] = added
            voices = [
                by_character[c.upper()]
                for c in voice
                if c.upper() in by_character and by_character[c.upper()].id not in cast_members
            ]
            planned.append(
                PlannedScene(
                    scheduled=item,
                    scene=scene,
                    location=loc,
                    cast=tuple(sorted(cast_members.values(), key=lambda m: order[m.id])),
                    voices=tuple(dict.fromkeys(voices)),
                    uncast=tuple(uncast),
                    synopsis=synopsis,
                    light=lights.get(item.number, ""),
                )
            )
        if day.location:
            main = _location(loc_ids, day.location)
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
        called = calls.cast_called.get(day.number, set()) & by_id.keys()
        for cid in called:
            working.setdefault(by_id[cid].id, by_id[cid])
        cast_days: list[PersonDay] = []
        for member in sorted(working.values(), key=lambda m: order[m.id]):
            row = _merged_call(calls, member.id.strip().upper(), day.number, True)
            if row is not None and row.off:
                continue
            if row is None and screenplay is None and not _added(member, planned):
                unsure.append(member.id)  # maybe only heard: no call, no screenplay to tell
                continue
            cast_days.append(_person_day(member.id, member.artist, row, day, zone))

        crew_days: list[tuple[CrewMember, PersonDay]] = []
        for hand, hand_key in crew_by_day[position]:  # in contract, or called by name that day
            row = _merged_call(calls, hand_key, day.number, False)
            if row is not None and row.off:
                continue
            crew_days.append((hand, _person_day(hand_key, hand.name, row, day, zone)))

        days.append(
            PlannedDay(
                day=day,
                scenes=tuple(planned),
                zone=zone,
                location=main,
                locations=tuple(locations),
                cast=tuple(cast_days),
                crew=tuple(crew_days),
                unsure=tuple(unsure),
            )
        )

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
    return Plan(
        days=tuple(days),
        cast=tuple(sorted(production.cast, key=lambda m: natural_key(m.id))),
        statuses=tuple(statuses),
        unscheduled=unscheduled,
        total_days=total,
        screenplay=screenplay is not None,
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


@dataclass(frozen=True, slots=True)
class SunTimes:
    dawn: datetime | None  # civil
    sunrise: datetime | None
    sunset: datetime | None
    dusk: datetime | None  # civil


def sun_times(location: Location | None, when: date, zone: ZoneInfo) -> SunTimes | None:
    """Civil dawn, sunrise, sunset and civil dusk at the location, in the day's zone."""
    if location is None or location.latitude is None or location.longitude is None:
        return None
    from astral import Observer
    from astral.sun import sun

    observer = Observer(latitude=location.latitude, longitude=location.longitude)
    try:
        s = sun(observer, date=when, tzinfo=zone)
    except ValueError:  # the sun does not rise or set that day (polar)
        return None
    return SunTimes(s["dawn"], s["sunrise"], s["sunset"], s["dusk"])


# --- Checks -----------------------------------------------------------------------------------------


def check(
    production: Production,
    the_plan: Plan,
    breakdown: Breakdown | None,
    diagnostics: Diagnostics,
) -> None:
    """Every check across the schedule, the script and the tables; each problem located."""
    d = diagnostics
    _check_references(production, the_plan, breakdown, d)
    _check_light(production, the_plan, d)
    _check_turnaround(production, the_plan, d)
    _check_minors(production, the_plan, d)
    _check_scene_times(the_plan, d)
    _check_supporting_times(production, the_plan, d)
    _check_risk_limits(production, the_plan, d)
    for pd in the_plan.days:
        day = pd.day
        if day.lunch is not None and day.unit_call is not None:
            lunch, unit = pd.when(day.lunch.start), pd.when(day.unit_call)
            if lunch is not None and unit is not None and lunch - unit > LUNCH_WITHIN:
                d.warning(
                    "lunch-late",
                    f"day {day.number}: lunch at {clock(day.lunch.start)} is "
                    f"{_hours(lunch - unit)} after the unit call {clock(day.unit_call)} "
                    "(a break is due within 6 hours: WTR 1998 reg. 12)",
                    day.at("lunch"),
                )


def _check_references(
    production: Production, the_plan: Plan, breakdown: Breakdown | None, d: Diagnostics
) -> None:
    members: dict[str, CastMember] = {}
    for m in production.cast:
        members.setdefault(m.id.strip().upper(), m)
    by_id = members.keys()
    crew = {name_key(m.name) for m in production.crew}
    ids = {loc.id.upper() for loc in production.locations}
    calls_on: dict[int, list[Call]] = {}
    for c in production.calls:
        if c.day is not None and not c.off:
            calls_on.setdefault(c.day, []).append(c)
    if breakdown is not None:
        for s in the_plan.unscheduled:
            d.info(
                "scene-not-scheduled",
                f"scene {s.number} ({s.heading}) is on no day of the schedule",
                script_pos(s.pos),
            )
    for pd in the_plan.days:
        day = pd.day
        if day.location and day.location.upper() not in ids:
            d.error(
                "unknown-location",
                f"day {day.number}: no location {day.location!r} in the locations table",
                day.at("location"),
            )
        for ps in pd.scenes:
            item = ps.scheduled
            if breakdown is not None and ps.scene is None:
                d.error(
                    "scene-not-in-script",
                    f"scene {item.number} is scheduled on day {day.number} but the script has "
                    "no such scene",
                    item.pos,
                )
            if item.location and item.location.upper() not in ids:
                d.error(
                    "unknown-location",
                    f"scene {item.number}: no location {item.location!r} in the locations table",
                    item.at("location"),
                )
            elif ps.location is None and ps.scene is not None:
                d.error(
                    "set-no-location",
                    f"scene {item.number}: no location has the set {ps.scene.set!r} (add it "
                    "to a location's sets, or give the scene a location)",
                    item.pos,
                )
            for cid in item.cast:
                if cid.strip().upper() not in by_id:
                    d.error(
                        "unknown-cast-id",
                        f"scene {item.number}: no cast id {cid!r} in the cast table",
                        item.at("cast"),
                    )
            for character in ps.uncast:
                message = (
                    f"{character} speaks in scene {item.number} (day {day.number}) but no cast "
                    "member plays them (add them to the cast table's character column)"
                )
                if the_plan.screenplay:
                    d.error("character-not-cast", message, item.pos)
                else:
                    d.warning(
                        "character-not-cast",
                        message + "; if they are only heard (V.O.), ignore this",
                        item.pos,
                    )
        in_scenes = {m.id for s in pd.scenes for m in s.cast}
        for c in calls_on.get(day.number, ()):
            who = c.who.strip().upper()
            if who in by_id:
                member = members[who]
                if member.id not in in_scenes and not _EXPLAINED.search(c.notes):
                    d.warning(
                        "cast-not-in-scenes",
                        f"cast {member.id} ({member.artist}) is called on day {day.number} but "
                        "none of their scenes is shot that day (say why in the call's notes: "
                        "fitting, rehearsal, travel)",
                        c.at("who"),
                    )
        for p in pd.cast:
            if p.row is None:
                d.warning(
                    "cast-no-call",
                    f"cast {p.key} ({p.name}) works on day {day.number} but has no call in the "
                    "calls table (the call sheet shows the unit call)",
                    day.at("day"),
                )
        for cid in pd.unsure:
            d.warning(
                "cast-no-call",
                f"cast {cid} speaks on day {day.number} but has no call in the calls table; "
                "without the screenplay paperwork cannot tell whether they are only heard (V.O.)",
                day.at("day"),
            )
    shot: dict[str, list[PlannedScene]] = {}
    for pd in the_plan.days:
        for ps in pd.scenes:
            shot.setdefault(ps.scheduled.number, []).append(ps)
    for number, parts in shot.items():
        scene = parts[0].scene
        if len(parts) > 1 and scene is not None:
            total = sum(ps.eighths for ps in parts)
            if total != scene.eighths:
                d.warning(
                    "parts-do-not-add-up",
                    f"scene {number} is {format_eighths(scene.eighths)} pages but its "
                    f"{len(parts)} scheduled parts add up to {format_eighths(total)} (give each "
                    "part its pages)",
                    parts[-1].scheduled.at("pages"),
                )
    days = {pd.day.number for pd in the_plan.days}
    for c in production.calls:
        who = c.who.strip().upper()
        if who not in by_id and name_key(c.who) not in crew:
            d.error(
                "unknown-person",
                f"{c.who!r} is neither a cast id nor a name in the crew table",
                c.at("who"),
            )
        if c.day is not None and c.day not in days:
            d.error("no-such-day", f"the schedule has no day {c.day}", c.at("day"))
    for group in production.supporting_artists:
        if group.day not in days:
            d.error("no-such-day", f"the schedule has no day {group.day}", group.pos)


def _span(pd: PlannedDay, index: int) -> tuple[datetime, datetime] | None:
    """A scene's estimated start and end: its time, to its end or the next strip's start."""
    item = pd.scenes[index].scheduled
    if item.time is None:
        return None
    start = pd.when(item.time.start)
    assert start is not None
    end = pd.when(item.time.end) if item.time.end else None
    if end is None:
        strips = pd.day.strips
        k = strips.index(item)
        later = [s.time.start for s in strips[k + 1 :] if s.time is not None]
        end = pd.when(later[0]) if later else start
    assert end is not None
    return start, max(start, end)


def _check_light(production: Production, the_plan: Plan, d: Diagnostics) -> None:
    for pd in the_plan.days:
        for index, ps in enumerate(pd.scenes):
            if ps.scene is None or ps.scene.int_ext not in ("EXT", "INT/EXT"):
                continue
            span = _span(pd, index)
            sun = sun_times(ps.location, pd.day.date, pd.zone)
            if span is None or sun is None or sun.sunrise is None or sun.sunset is None:
                continue
            start, end = span
            item = ps.scheduled
            where = f"at {ps.location.name}" if ps.location else ""
            sun_text = f"sunrise {sun.sunrise:%H:%M}, sunset {sun.sunset:%H:%M} {where}".strip()
            if ps.light == "day" and (start < sun.sunrise or end > sun.sunset):
                d.warning(
                    "ext-day-outside-daylight",
                    f"scene {item.number} is {ps.scene.int_ext} {ps.scene.time_of_day} but is "
                    f"scheduled {start:%H:%M}–{end:%H:%M} on day {pd.day.number} ({sun_text})",
                    item.at("time"),
                )
            elif ps.light == "night" and ps.scene.int_ext == "EXT":
                if start < sun.sunset and end > sun.sunrise:
                    d.warning(
                        "ext-night-in-daylight",
                        f"scene {item.number} is EXT NIGHT but is scheduled "
                        f"{start:%H:%M}–{end:%H:%M} on day {pd.day.number}, in daylight "
                        f"({sun_text})",
                        item.at("time"),
                    )
            elif ps.light in ("dusk", "dawn") and ps.scene.int_ext == "EXT":
                if ps.light == "dusk":
                    low = sun.sunset - timedelta(hours=1)
                    high = (sun.dusk or sun.sunset) + timedelta(minutes=15)
                else:
                    low = (sun.dawn or sun.sunrise) - timedelta(minutes=15)
                    high = sun.sunrise + timedelta(hours=1)
                if end < low or start > high:
                    d.warning(
                        "ext-twilight-missed",
                        f"scene {item.number} is EXT {ps.scene.time_of_day} but is scheduled "
                        f"{start:%H:%M}–{end:%H:%M} on day {pd.day.number}, away from the "
                        f"{ps.light} light ({low:%H:%M}–{high:%H:%M} {where})".rstrip(),
                        item.at("time"),
                    )


def _call_pos(p: PersonDay, day: ShootDay, column: str = "call") -> Pos:
    if p.row is not None and (p.row.day is not None or column != "call"):
        return p.row.at(column)
    if p.row is not None and p.row.day is None and column == "call":
        return p.row.at("call")
    return day.at("unit_call" if column == "call" else "wrap")


def _scenes_of(pd: PlannedDay, key: str) -> list[tuple[PlannedScene, datetime, datetime]]:
    """The timed scenes of the day a cast member is on set in, each with its start and end."""
    out = []
    for index, ps in enumerate(pd.scenes):
        span = _span(pd, index)
        if span is not None and any(m.id == key for m in ps.cast):
            out.append((ps, *span))
    return out


def _check_scene_times(the_plan: Plan, d: Diagnostics) -> None:
    """Everyone in a scene is called, and on set, by the time it starts."""
    for pd in the_plan.days:
        for p in pd.cast:
            scenes = _scenes_of(pd, p.key)
            if not scenes or p.row is None:
                continue  # no call row: cast-no-call says so
            who = f"cast {p.key} ({p.name})"
            first, start, _end = min(scenes, key=lambda s: s[1])
            if p.call is not None and p.call > start:
                d.warning(
                    "called-after-scene-start",
                    f"{who} is called at {p.call:%H:%M} on day {pd.day.number} but their first "
                    f"scene, {first.scheduled.number}, starts at {start:%H:%M}",
                    _call_pos(p, pd.day),
                )
            if p.on_set is not None:
                late = [(ps, s) for ps, s, _e in scenes if p.on_set > s]
                if late:
                    numbers = ", ".join(f"{ps.scheduled.number} ({s:%H:%M})" for ps, s in late)
                    d.warning(
                        "not-on-set-for-scene",
                        f"{who} is on set at {p.on_set:%H:%M} on day {pd.day.number}, after "
                        f"the start of scene{'s' if len(late) > 1 else ''} {numbers}",
                        _call_pos(p, pd.day),
                    )


@dataclass(frozen=True, slots=True)
class _CastNames:
    """The cast indexed by id, artist and character: the first row in the table wins."""

    by_id: dict[str, tuple[int, CastMember]]  # (row index, member): the index picks the first
    by_artist: dict[str, tuple[int, CastMember]]
    by_character: dict[str, CastMember]

    @classmethod
    def of(cls, cast: Sequence[CastMember]) -> _CastNames:
        by_id: dict[str, tuple[int, CastMember]] = {}
        by_artist: dict[str, tuple[int, CastMember]] = {}
        by_character: dict[str, CastMember] = {}
        for i, member in enumerate(cast):
            by_id.setdefault(member.id.strip().upper(), (i, member))
            by_artist.setdefault(name_key(member.artist), (i, member))
            for character in member.characters:
                by_character.setdefault(character, member)
        return cls(by_id, by_artist, by_character)

    def named(self, name: str) -> CastMember | None:
        """A cast member by id, artist or character, as a risk row's ``person`` names them:
        the first row whose id or artist matches, else the first who plays the character."""
        found = [
            hit
            for hit in (self.by_id.get(name.strip().upper()), self.by_artist.get(name_key(name)))
            if hit is not None
        ]
        if found:
            return min(found, key=lambda hit: hit[0])[1]
        return self.by_character.get(name.strip().upper())


def _check_risk_limits(production: Production, the_plan: Plan, d: Diagnostics) -> None:
    """A person's working day against the structured limits of the risk rows that name them."""
    water = {scene_key(s) for r in production.risks if r.category == "water" for s in r.scenes}
    names = _CastNames.of(production.cast)
    for risk in production.risks:
        if not risk.person or (risk.not_after is None and not risk.no_water_work):
            continue
        member = names.named(risk.person)
        if member is None:
            d.error(
                "unknown-person",
                f"risk {risk.id} limits {risk.person!r}, who is no cast id, artist or character "
                "in the cast table",
                risk.at("person"),
            )
            continue
        for pd, p in the_plan.working(member.id):
            who = f"cast {member.id} ({member.artist})"
            limit = pd.when(risk.not_after)
            if limit is not None:
                ends = [(end, ps) for ps, _start, end in _scenes_of(pd, member.id)]
                last = max(ends, key=lambda e: e[0]) if ends else None
                if p.release is not None and p.release > limit:
                    what = f"is released at {p.release:%H:%M}"
                elif last is not None and last[0] > limit:
                    what = f"is in scene {last[1].scheduled.number} until {last[0]:%H:%M}"
                else:
                    what = ""
                if what:
                    d.warning(
                        "child-limit-exceeded",
                        f"{who} {what} on day {pd.day.number}; risk {risk.id} allows no work "
                        f"after {limit:%H:%M}",
                        _call_pos(p, pd.day),
                    )
            if risk.no_water_work:
                wet = [
                    ps.scheduled.number
                    for ps in pd.scenes
                    if scene_key(ps.scheduled.number) in water
                    and any(m.id == member.id for m in ps.cast)
                ]
                if wet:
                    d.warning(
                        "child-limit-exceeded",
                        f"{who} is in scene{'s' if len(wet) > 1 else ''} {', '.join(wet)} on day "
                        f"{pd.day.number}, on or near water (a water risk covers "
                        f"{'them' if len(wet) > 1 else 'it'}); risk {risk.id} allows no water work",
                        _call_pos(p, pd.day),
                    )


def _check_supporting_times(production: Production, the_plan: Plan, d: Diagnostics) -> None:
    """Supporting artists too are called, and on set, by the start of their first scene."""
    groups = _groups_by_day(production)
    for pd in the_plan.days:
        for group in groups.get(pd.day.number, ()):
            wanted = {scene_key(s) for s in group.scenes}
            starts = [
                (span[0], ps.scheduled.number)
                for index, ps in enumerate(pd.scenes)
                if scene_key(ps.scheduled.number) in wanted
                and (span := _span(pd, index)) is not None
            ]
            if not starts:
                continue
            start, number = min(starts)
            who = f"{group.count} x {group.description}"
            call, on_set = pd.when(group.call), pd.when(group.on_set)
            if call is not None and call > start:
                d.warning(
                    "called-after-scene-start",
                    f"{who} are called at {call:%H:%M} on day {pd.day.number} but their first "
                    f"scene, {number}, starts at {start:%H:%M}",
                    group.at("call"),
                )
            if on_set is not None and on_set > start:
                d.warning(
                    "not-on-set-for-scene",
                    f"{who} are on set at {on_set:%H:%M} on day {pd.day.number}, after the "
                    f"start of scene {number} ({start:%H:%M})",
                    group.at("call"),
                )


def _groups_by_day(production: Production) -> dict[int, list[SupportingArtists]]:
    """The supporting artists table by day, each day's groups in table order."""
    out: dict[int, list[SupportingArtists]] = {}
    for group in production.supporting_artists:
        out.setdefault(group.day, []).append(group)
    return out


def _check_turnaround(production: Production, the_plan: Plan, d: Diagnostics) -> None:
    settings = production.call_sheets
    need = timedelta(hours=settings.turnaround_hours if settings else 11)
    days_of: dict[str, list[tuple[PlannedDay, PersonDay]]] = {}
    for pd in the_plan.days:
        for p in pd.cast:
            days_of.setdefault(f"cast:{p.key}", []).append((pd, p))
        for _member, p in pd.crew:
            days_of.setdefault(f"crew:{p.key}", []).append((pd, p))
    groups: dict[tuple[int, int, datetime, datetime], list[tuple[str, Pos]]] = {}
    for worked in days_of.values():
        for (pd1, p1), (pd2, p2) in zip(worked, worked[1:], strict=False):
            if p1.release is None or p2.call is None:
                continue
            if p2.call - p1.release < need:
                k = (pd1.day.number, pd2.day.number, p1.release, p2.call)
                groups.setdefault(k, []).append((p2.name, _call_pos(p2, pd2.day)))
    for (n1, n2, released, called), people in sorted(groups.items(), key=lambda kv: kv[0][:2]):
        names = [name for name, _ in people]
        d.warning(
            "short-turnaround",
            f"only {_hours(called - released)} between day {n1}'s release ({released:%H:%M}) "
            f"and day {n2}'s call ({called:%H:%M}) for {_names(names)}: under the "
            f"{_hours(need)} turnaround (WTR 1998 reg. 10)",
            people[0][1],
        )


def _check_minors(production: Production, the_plan: Plan, d: Diagnostics) -> None:
    rules = child_rules()
    for member in the_plan.cast:
        worked = the_plan.working(member.id)
        if not worked:
            continue
        ages = [member.age_on(pd.day.date) for pd, _ in worked]
        minor_days = [
            (pd, p, age)
            for (pd, p), age in zip(worked, ages, strict=True)
            if (age is not None and age < rules.school_leaving_age)
            or (age is None and member.minor)
        ]
        if not minor_days:
            continue
        if not member.licence:
            d.error(
                "minor-no-licence",
                f"cast {member.id} ({member.artist}) is a child and is called: record the "
                "child performance licence reference",
                member.at("licence"),
            )
        if not member.chaperone:
            d.error(
                "minor-no-chaperone",
                f"cast {member.id} ({member.artist}) is a child and is called: name their "
                "chaperone (a parent or a registered chaperone)",
                member.at("chaperone"),
            )
        previous: tuple[PlannedDay, PersonDay] | None = None
        run = 0
        last_date: date | None = None
        for pd, p, age in minor_days:
            if age is None:
                previous = (pd, p)
                continue
            band = rules.band(age)
            who = f"cast {member.id} ({member.artist}, {age})"
            day = pd.day
            if p.call is not None:
                earliest = datetime.combine(day.date, band.earliest, tzinfo=pd.zone)
                if p.call < earliest:
                    d.error(
                        "minor-too-early",
                        f"{who} is called at {p.call:%H:%M} on day {day.number}; a child of "
                        f"{age} may not be at the place of performance before "
                        f"{clock(band.earliest)} ({rules.name})",
                        _call_pos(p, day),
                    )
            if p.release is not None:
                latest = datetime.combine(day.date, band.latest, tzinfo=pd.zone)
                if p.release > latest:
                    d.error(
                        "minor-too-late",
                        f"{who} is released at {p.release:%H:%M} on day {day.number}; a child "
                        f"of {age} must leave by {clock(band.latest)} ({rules.name})",
                        _call_pos(p, day, "release"),
                    )
            if p.call is not None and p.release is not None:
                there = p.release - p.call
                if there > band.max_at_place:
                    d.error(
                        "minor-too-long",
                        f"{who} is at the place of performance for {_hours(there)} on day "
                        f"{day.number} ({p.call:%H:%M}–{p.release:%H:%M}); a child of {age} may "
                        f"be there at most {_hours(band.max_at_place)}, schooling included",
                        _call_pos(p, day, "release"),
                    )
            if previous is not None:
                ppd, pp = previous
                if pp.release is not None and p.call is not None:
                    late = (
                        pp.release.timetz() > rules.night_after.replace(tzinfo=pp.release.tzinfo)
                        or pp.release.date() > ppd.day.date
                    )
                    need = rules.rest_after_night if late else rules.rest
                    if p.call - pp.release < need:
                        d.error(
                            "minor-short-rest",
                            f"{who} has {_hours(p.call - pp.release)} between day "
                            f"{ppd.day.number}'s release ({pp.release:%H:%M}) and day "
                            f"{day.number}'s call ({p.call:%H:%M}); a child needs "
                            f"{_hours(need)}",
                            _call_pos(p, day),
                        )
            run = (
                run + 1
                if last_date is not None and day.date - last_date == timedelta(days=1)
                else 1
            )
            last_date = day.date
            if run > rules.max_consecutive_days:
                d.error(
                    "minor-too-many-days",
                    f"{who} is called on {run} days in a row up to day {day.number}; a child "
                    f"may perform on at most {rules.max_consecutive_days} consecutive days",
                    _call_pos(p, day),
                )
            previous = (pd, p)


# --- The call sheet's context ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Contact:
    role: str
    name: str
    phone: str


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
class Department:
    name: str
    crew: tuple[CrewRow, ...]


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
class CallSheetContext(ContextMapping):
    """Everything a call sheet shows, display-ready; plus its snapshot and calendar texts."""

    document_title: str
    letterhead: Letterhead
    logo: str
    footer_note: str
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
    crew: tuple[Department, ...]
    crew_columns: tuple[tuple[Department, ...], ...]  # the departments in 3 balanced columns
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
        return cls({m.id: m for m in production.cast}, _groups_by_day(production), roles)


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


def department_key(name: str) -> str:
    """A department's name compared loosely: ``Hair & Make-up`` -> ``hair and make up``."""
    folded = unicodedata.normalize("NFKC", name).casefold().replace("&", " and ")
    return " ".join(re.sub(r"[^\w]+", " ", folded).split())


def order_departments(names: Iterable[str], order: Sequence[str]) -> tuple[str, ...]:
    """``names`` in ``order``; those it does not list follow, in the order given."""
    rank: dict[str, int] = {}
    for i, name in enumerate(order):
        rank.setdefault(department_key(name), i)
    given = list(dict.fromkeys(names))
    return tuple(sorted(given, key=lambda n: rank.get(department_key(n), len(order))))


def _crew(pd: PlannedDay, order: Sequence[str]) -> tuple[Department, ...]:
    groups: dict[str, list[CrewRow]] = {}
    unit = pd.when(pd.day.unit_call)
    for member, p in pd.crew:
        call = f"{p.call:%H:%M}" if p.call else "TBC"
        notes = p.row.notes if p.row else ""
        groups.setdefault(member.department or "Other", []).append(
            CrewRow(member.role, member.name, member.phone, call, p.call != unit, notes)
        )
    return tuple(Department(name, tuple(groups[name])) for name in order_departments(groups, order))


def balance(
    departments: Sequence[Department], columns: int = 3
) -> tuple[tuple[Department, ...], ...]:
    """Departments in order, cut into ``columns`` runs of about the same number of lines."""
    total = sum(len(dep.crew) + 1 for dep in departments)
    out: list[list[Department]] = [[]]
    filled = 0
    for dep in departments:
        lines = len(dep.crew) + 1
        target = total * len(out) / columns
        if out[-1] and filled + lines / 2 > target and len(out) < columns:
            out.append([])
        out[-1].append(dep)
        filled += lines
    return tuple(tuple(col) for col in out)


def _cast_rows(pd: PlannedDay, the_plan: Plan, look: _Lookups) -> tuple[CastRow, ...]:
    rows = []
    by_id = look.members
    for p in pd.cast:
        member = by_id[p.key]
        notes = []
        age = member.age_on(pd.day.date)
        if (age is not None and age < child_rules().school_leaving_age) or member.minor:
            child = f"Child ({age})" if age is not None else "Child"
            parts = [child]
            if member.licence:
                parts.append(f"licence {member.licence}")
            if member.chaperone:
                parts.append(f"chaperone {member.chaperone}")
            if p.release:
                parts.append(f"released by {p.release:%H:%M}")
            notes.append(", ".join(parts))
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


def _advance(the_plan: Plan, pd: PlannedDay) -> tuple[AdvanceDay, ...]:
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
        rows.append(Detail("Civil dawn", f"{sun.dawn:%H:%M}"))
    rows.append(Detail("Sunrise", f"{sun.sunrise:%H:%M}"))
    rows.append(Detail("Sunset", f"{sun.sunset:%H:%M}"))
    if twilight & {"dusk", "night"} and sun.dusk is not None:
        rows.append(Detail("Civil dusk", f"{sun.dusk:%H:%M}"))
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
        f"{c.name} ({c.role})": {"call": c.call} for dept in context.crew for c in dept.crew
    }
    facts["Supporting artists"] = {
        f"SAs: {s.description}": {"count": s.count, "call": s.call, "on set": s.on_set}
        for s in context.supporting
    }
    facts["Notes"] = {f"Note ({n.label})": {"text": n.value} for n in context.notes}
    return facts


def changes_between(old: Mapping[str, object], new: Mapping[str, object]) -> tuple[str, ...]:
    """What changed from one issue's facts to the next, one line each, in section order."""
    out = []
    for section in new:
        before = old.get(section) if isinstance(old.get(section), dict) else {}
        after = new[section]
        assert isinstance(before, dict) and isinstance(after, dict)
        for item in before:
            if item not in after:
                out.append(f"{item}: removed")
        for item, fields in after.items():
            if item not in before:
                out.append(f"{item}: added")
                continue
            was = before[item] if isinstance(before[item], dict) else {}
            for name, value in fields.items():
                if was.get(name, "") != value:
                    out.append(f"{item}: {name} {was.get(name) or '—'} → {value or '—'}")
    return tuple(out)


def _previous_issue(
    folder: Path | None, day: ShootDay, version: int, d: Diagnostics, pos: Pos
) -> tuple[dict[str, object] | None, int | None, dict[str, object] | None]:
    """The latest earlier version's snapshot, its number, and any same-version snapshot."""
    if folder is None or not folder.is_dir():
        return None, None, None
    found: dict[int, dict[str, object]] = {}
    # call-sheet_day03_2027-03-03_v1.json, or call-sheet_day03_v1.json as issued before 0.x
    for path in sorted(folder.glob(f"call-sheet_day{day.number:02d}_*.json")):
        m = re.fullmatch(
            rf"call-sheet_day{day.number:02d}_(?:\d{{4}}-\d\d-\d\d_)?v(\d+)\.json", path.name
        )
        if not m:
            continue
        try:
            data = json.loads(path.read_text("utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            d.warning("bad-snapshot", f"cannot read {path.name}: {exc}", Pos(path.name))
            continue
        if isinstance(data, dict) and data.get("format") == SNAPSHOT_FORMAT:
            found[int(m[1])] = data
    higher = sorted(v for v in found if v > version)
    if higher:
        d.error(
            "version-not-increasing",
            f"day {day.number}'s call sheet was already issued as Rev {higher[-1]}; a re-issue "
            f"must be Rev {higher[-1] + 1} or more (got Rev {version})",
            pos,
        )
    earlier = sorted(v for v in found if v < version)
    if not earlier:
        return None, None, found.get(version)
    return found[earlier[-1]], earlier[-1], found.get(version)


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
    the_plan: Plan,
    settings: CallSheetSettings,
    look: _Lookups,
    version: int,
    today: date,
    d: Diagnostics,
) -> CallSheetContext:
    day = pd.day
    head = letterhead(production)
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
    footer = " · ".join(
        p
        for p in (f"{production.title}: call sheet {day.number}, Rev {version}", head.company)
        if p
    )
    notes = tuple(Detail(n.department or "General", n.text) for n in day.notes)
    crew = _crew(pd, settings.departments)
    emergency = tuple(Detail(p.name, p.phone) for p in settings.emergency)
    return CallSheetContext(
        document_title=f"{production.title}: call sheet {day.number}",
        letterhead=head,
        logo=logo_path(production),
        footer_note=footer,
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


def build(
    production: Production,
    *,
    today: date,
    diagnostics: Diagnostics,
    options: BuildOptions,
) -> tuple[BuiltDocument, ...]:
    """One call sheet per shoot day (or only ``options.day``) as DOCX and PDF, each with its
    snapshot (``json``, context field ``snapshot_json``) and calendar (``ics``, context field
    ``calendar``, its text made by :func:`text_output`)."""
    d = diagnostics
    breakdown = options.breakdown
    screenplay = options.screenplay
    if breakdown is None:
        d.error(
            "no-script-breakdown",
            "call sheets are built from the script: name it under 'script:' in production.yaml",
            production.manifest,
        )
        return ()
    settings = production.call_sheets or CallSheetSettings(pos=production.manifest)
    the_plan = plan(production, breakdown, screenplay)
    check(production, the_plan, breakdown, d)
    days = the_plan.days
    if options.day is not None:
        days = tuple(pd for pd in days if pd.day.number == options.day)
        if not days:
            known = ", ".join(str(pd.day.number) for pd in the_plan.days) or "none"
            table = production.table("schedule")
            d.error(
                "no-such-day",
                f"the schedule has no day {options.day} (its days: {known})",
                Pos(table.name if table is not None else "schedule"),
            )
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
    for pd in days:
        day = pd.day
        context = _context(production, pd, the_plan, settings, look, version, today, d)
        facts = snapshot_facts(context)
        previous, previous_version, same = _previous_issue(
            options.issued, day, version, d, day.at("day")
        )
        if same is not None and same.get("facts") != facts:
            d.error(
                "version-not-increasing",
                f"Rev {version} of day {day.number}'s call sheet was already issued and this one "
                f"differs from it: issue it as Rev {version + 1}",
                day.at("day"),
            )
        changes: tuple[str, ...] = ()
        supersedes = ""
        if previous is not None and previous_version is not None:
            old = previous.get("facts")
            changes = changes_between(old if isinstance(old, dict) else {}, facts)
            supersedes = f"Supersedes Rev {previous_version}"
            if not changes:
                changes = (f"Nothing has changed since Rev {previous_version}.",)
                d.warning(
                    "reissue-without-changes",
                    f"Rev {version} of day {day.number}'s call sheet says nothing that Rev "
                    f"{previous_version} did not: there is no need to re-issue it",
                    day.at("day"),
                )
        elif version > 1:
            supersedes = f"Supersedes Rev {version - 1}"
            changes = (f"Rev {version - 1} was not found, so the changes are not listed.",)
            d.warning(
                "no-previous-issue",
                f"no snapshot of an earlier issue of day {day.number}'s call sheet "
                f"(call-sheet_day{day.number:02d}_{day.date.isoformat()}_v{version - 1}.json) in the "
                "output folder: "
                "the changes cannot be listed",
                day.at("day"),
            )
        snapshot = {
            "format": SNAPSHOT_FORMAT,
            "production": production.title,
            "day": day.number,
            "date": day.date.isoformat(),
            "version": version,
            "issued": today.isoformat(),
            "supersedes": previous_version,
            "changes": list(changes),
            "facts": facts,
        }
        context = replace(
            context,
            supersedes=supersedes,
            changes=changes,
            snapshot_json=json.dumps(snapshot, ensure_ascii=False, indent=2) + "\n",
            calendar=_calendar(production, pd, look, version, today),
        )
        out.append(
            BuiltDocument(
                kind=NAME,
                template=TEMPLATE,
                stem=f"call-sheet_day{day.number:02d}_{day.date.isoformat()}_v{version}",
                title=f"Call sheet {day.number}: {day_date(day.date)}",
                context=context,
                formats=("docx", "pdf", "json", "ics"),
            )
        )
    return tuple(out)
