"""The shoot plan's checks: every check a careful co-ordinator makes across the schedule,
the script and the tables, each located at the cell to fix.

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
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from paperwork.errors import Diagnostics
from paperwork.format import clock
from paperwork.model.breakdown import Breakdown
from paperwork.model.call_sheets import Call, CastMember, ShootDay
from paperwork.model.production import Production
from paperwork.model.source import Pos
from paperwork.planning.breakdown import format_eighths
from paperwork.planning.daylight import sun_times
from paperwork.planning.shoot import (
    PersonDay,
    PlannedDay,
    PlannedScene,
    ShootPlan,
    cast_by_character,
    groups_by_day,
    name_key,
    scene_key,
)
from paperwork.reference import child_rules

LUNCH_WITHIN = timedelta(hours=6)  # WTR 1998 reg. 12: a break once the day passes 6 hours
_EXPLAINED = re.compile(r"fitting|rehears|read[- ]?through|travel|costume|camera test", re.I)


def _hours(delta: timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    h, m = divmod(minutes, 60)
    return f"{h} h {m:02d}" if m else f"{h} h"


def _names(names: Sequence[str], limit: int = 6) -> str:
    shown = ", ".join(names[:limit])
    return shown + (f" and {len(names) - limit} more" if len(names) > limit else "")


# --- The plan: the schedule read against the script -----------------------------------------------


def check(
    production: Production,
    the_plan: ShootPlan,
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
    production: Production, the_plan: ShootPlan, breakdown: Breakdown | None, d: Diagnostics
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
                s.pos,
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
            _check_scene_references(ps, day, breakdown, ids, by_id, the_plan.screenplay, d)
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
                    f"scene {number} is {format_eighths(scene.eighths)} "
                    f"page{'' if scene.eighths == 8 else 's'} but its "
                    f"{len(parts)} scheduled parts add up to {format_eighths(total)} (give each "
                    "part its pages)",
                    parts[-1].scheduled.at("pages"),
                )
    days = {pd.day.number for pd in the_plan.days} | the_plan.unreadable_days
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


def _check_scene_references(
    ps: PlannedScene,
    day: ShootDay,
    breakdown: Breakdown | None,
    ids: Collection[str],
    by_id: Collection[str],
    screenplay: bool,
    d: Diagnostics,
) -> None:
    """A scheduled scene names a scene of the script, a known location and known cast ids,
    and every character who speaks in it is cast."""
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
        if screenplay:
            d.error("character-not-cast", message, item.pos)
        else:
            d.warning(
                "character-not-cast",
                message + "; if they are only heard (V.O.), ignore this",
                item.pos,
            )


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


def _check_light(production: Production, the_plan: ShootPlan, d: Diagnostics) -> None:
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


def _check_scene_times(the_plan: ShootPlan, d: Diagnostics) -> None:
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
        for i, member in enumerate(cast):
            by_id.setdefault(member.id.strip().upper(), (i, member))
            by_artist.setdefault(name_key(member.artist), (i, member))
        return cls(by_id, by_artist, cast_by_character(cast))

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


def _check_risk_limits(production: Production, the_plan: ShootPlan, d: Diagnostics) -> None:
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


def _check_supporting_times(production: Production, the_plan: ShootPlan, d: Diagnostics) -> None:
    """Supporting artists too are called, and on set, by the start of their first scene."""
    groups = groups_by_day(production)
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


def _check_turnaround(production: Production, the_plan: ShootPlan, d: Diagnostics) -> None:
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


def _check_minors(production: Production, the_plan: ShootPlan, d: Diagnostics) -> None:
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
