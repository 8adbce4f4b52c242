"""The schedule table: one row per strip, in shooting order, each with its ``day``.

A row with a ``scene`` is a scene; a row with a ``banner`` is a banner (lunch, a company
move); a row with a ``department`` and ``notes`` is that department's note for the day (no
department: a general note). The day's own values (``date``, ``unit``, ``location``,
``unit_call``, ``shooting_call``, ``breakfast``, ``lunch``, ``dinner``, ``wrap``,
``weather``) may sit on any of its rows, once each: usually the first. Meals and a scene's
``time`` are ``13:00`` or ``13:00-14:00``.

The call sheet's other tables have a reader each (``cast``, ``locations``, ``calls``,
``supporting_artists``) and the manifest's ``call_sheets:`` section its own
(``call_sheets``). Checks that need only one table are made by its reader (so ``paperwork
check`` reports them); checks across tables and against the script are the call sheet
builder's (``call_sheet.check``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, time

from paperwork.errors import Diagnostics
from paperwork.model.call_sheets import Banner, DepartmentNote, ScheduledScene, ShootDay, TimeSpan
from paperwork.model.names import label_key
from paperwork.model.source import Pos
from paperwork.readers.cells import (
    At,
    located_rows,
    parse_span,
    split_list,
)
from paperwork.readers.context import ReaderContext
from paperwork.readers.fields import Column, Parsed, Schema, parse_date, parse_time
from paperwork.readers.manifest import _str
from paperwork.readers.tables import Row, Table, Value, cell_value

_WEEKDAYS = {
    name: i
    for i, names in enumerate(
        (
            ("mon", "monday"),
            ("tue", "tues", "tuesday"),
            ("wed", "weds", "wednesday"),
            ("thu", "thur", "thurs", "thursday"),
            ("fri", "friday"),
            ("sat", "saturday"),
            ("sun", "sunday"),
        )
    )
    for name in names
}
_DAY_NAMES = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()


def parse_eighths(value: Value, pos: Pos, d: Diagnostics) -> int | None:
    """A length in pages as a first AD writes it: ``3/8``, ``1``, ``1 3/8`` -> eighths."""
    text = str(value).strip()
    m = re.fullmatch(
        r"(?:(\d{1,4})(?:\s+|$))?(?:(\d)\s*/\s*8)?", text
    )  # a page count, not 5,000 digits
    if text and m and (m[1] or m[2]) and (m[2] is None or 0 < int(m[2]) < 8):
        eighths = int(m[1] or 0) * 8 + int(m[2] or 0)
        if eighths > 0:
            return eighths
    d.error(
        "bad-pages",
        f"pages must be a length in eighths like 3/8, 1 or 1 3/8 (got {text!r})",
        pos,
    )
    return None


SCHEDULE = Schema(
    "schedule",
    (
        Column("day", "int", required=True, aliases=("shoot_day", "day_no", "day_number")),
        Column("date", aliases=("shoot_date",)),
        Column("unit"),
        Column("location", aliases=("location_id", "loc")),
        Column("unit_call", aliases=("crew_call", "general_call")),
        Column("shooting_call", aliases=("first_shot", "turnover")),
        Column("breakfast"),
        Column("lunch"),
        Column("dinner", aliases=("second_meal",)),
        Column("wrap", aliases=("est_wrap", "estimated_wrap"), label="estimated wrap"),
        Column("scene", aliases=("sc", "scene_no", "scene_number")),
        Column("time", aliases=("est_time", "estimated_time"), label="estimated time"),
        Column("cast", aliases=("cast_ids", "extra_cast")),
        Column("pages", aliases=("eighths", "length", "part_pages")),
        Column("banner"),
        Column("department", aliases=("dept",)),
        Column("notes", aliases=("note",)),
        Column("weather", aliases=("forecast",)),
    ),
)
_DAY_FIELDS = (
    "date",
    "unit",
    "location",
    "unit_call",
    "shooting_call",
    "breakfast",
    "lunch",
    "dinner",
    "wrap",
    "weather",
)
_DAY_TIMES = ("unit_call", "shooting_call", "wrap")
_DAY_SPANS = ("breakfast", "lunch", "dinner")


@dataclass(slots=True)
class _Day:
    """A shoot day being gathered from its rows."""

    number: int
    pos: Pos
    day_pos: Pos
    values: dict[str, object] = field(default_factory=dict)
    raw: dict[str, str] = field(default_factory=dict)
    cells: dict[str, Pos] = field(default_factory=dict)
    strips: list[ScheduledScene | Banner] = field(default_factory=list)
    notes: list[DepartmentNote] = field(default_factory=list)
    refused: set[str] = field(default_factory=set)  # values given but not understood

    def clock(self, name: str) -> time | None:
        """A time of the day's (``unit_call``, ``wrap``...), as :func:`parse_time` made it."""
        value = self.values.get(name)
        return value if isinstance(value, time) else None

    def span(self, name: str) -> TimeSpan | None:
        """A meal's span (``lunch``...), as :func:`parse_span` made it."""
        value = self.values.get(name)
        return value if isinstance(value, TimeSpan) else None


def _weekday_named(text: str) -> int | None:
    m = re.match(r"^\s*([A-Za-z]{3,9})\.?,?\s", text)
    return _WEEKDAYS.get(m[1].lower()) if m else None


def read_schedule(
    table: Table, diagnostics: Diagnostics, context: ReaderContext
) -> tuple[ShootDay, ...]:
    """Shoot days in day order, each with its strips in the order of the table's rows."""
    d = diagnostics
    mapping = SCHEDULE.resolve(table, Diagnostics())  # a day's own cells are read raw
    days: dict[int, _Day] = {}
    for row, v, cells, at in located_rows(SCHEDULE, table, d):
        number = v.as_int("day")
        if number is None:
            continue  # reported as missing-value or bad-number
        if number < 1:
            d.error("bad-day", f"day must be 1 or more (got {number})", at("day"))
            continue
        day = days.get(number)
        if day is None:
            day = days[number] = _Day(number, row.pos, at("day"))
        _day_values(day, row, v, mapping, at, d)
        _strip(day, v, cells, at, d)
    out = []
    for number in sorted(days):
        shoot_day = _shoot_day(days[number], d)
        if shoot_day is not None:
            out.append(shoot_day)
    _check_days(tuple(out), d, context)
    return tuple(out)


def _day_values(
    day: _Day, row: Row, v: Parsed, mapping: dict[str, str], at: At, d: Diagnostics
) -> None:
    """The day's own values on this row (date, calls, meals...): each once per day."""
    for name in _DAY_FIELDS:
        if name == "location" and _str(v["scene"]):
            continue  # on a scene's row, the location is that scene's
        raw = row.get(mapping[name]) if name in mapping else None
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            continue
        value: object
        if name == "date":
            value = _schedule_date(raw, at(name), d)
        elif name in _DAY_TIMES:
            value = parse_time(raw, SCHEDULE_LABELS[name], at(name), d)
        elif name in _DAY_SPANS:
            value = parse_span(raw, name, at(name), d)
        else:
            value = _str(raw)
        if value is None:
            day.refused.add(name)  # the parser has said why
            continue
        if name in day.values and day.values[name] != value:
            d.error(
                "day-conflict",
                f"day {day.number} has two values for {SCHEDULE_LABELS.get(name, name)}: "
                f"{day.raw[name]!r} at {day.cells[name]} and {_str(raw)!r} here",
                at(name),
            )
            continue
        day.values[name] = value
        day.raw[name] = _str(raw)
        day.cells[name] = at(name)


def _strip(
    day: _Day,
    v: Parsed,
    cells: tuple[tuple[str, Pos], ...],
    at: At,
    d: Diagnostics,
) -> None:
    """The row's scene, banner or department note, added to its day."""
    scene, banner = _str(v["scene"]), _str(v["banner"])
    department, notes = _str(v["department"]), _str(v["notes"])
    span = parse_span(cell_value(v["time"]), "estimated time", at("time"), d) if v["time"] else None
    if scene and banner:
        d.error(
            "strip-kind",
            "a row is a scene or a banner, not both (put the banner on its own row)",
            at("banner"),
        )
    if scene:
        day.strips.append(
            ScheduledScene(
                number=label_key(scene),
                pos=at("scene"),
                time=span,
                location=_str(v["location"]),
                cast=split_list(v["cast"]),
                notes=notes,
                eighths=parse_eighths(cell_value(v["pages"]), at("pages"), d)
                if v["pages"]
                else None,
                cells=tuple(
                    (n, p)
                    for n, p in cells
                    if n in ("scene", "time", "location", "cast", "pages", "notes")
                ),
            )
        )
        if department:
            d.warning(
                "department-on-scene",
                "a department note goes on its own row (day, department, notes); "
                "this department is ignored",
                at("department"),
            )
    elif banner:
        day.strips.append(Banner(banner, at("banner"), span))
    elif department or notes:
        if not notes:
            d.warning(
                "empty-note", f"the {department} note for day {day.number} is empty", at("notes")
            )
        else:
            day.notes.append(DepartmentNote(department, notes, at("notes")))
    if not scene and v["cast"]:
        d.warning("cast-without-scene", "cast ids belong on a scene's row", at("cast"))
    if not scene and v["time"] and not banner:
        d.warning(
            "time-without-scene", "an estimated time belongs on a scene or a banner", at("time")
        )


def _shoot_day(g: _Day, d: Diagnostics) -> ShootDay | None:
    """The day gathered from its rows, checked; None without a date."""
    number = g.number
    when = g.values.get("date")
    if not isinstance(when, date):
        if "date" not in g.raw:
            d.error("day-no-date", f"day {number} has no date on any of its rows", g.day_pos)
        return None
    vals = g.values
    if not any(isinstance(s, ScheduledScene) for s in g.strips):
        d.warning("day-no-scenes", f"day {number} has no scenes scheduled", g.day_pos)
    unit_call, shooting_call = g.clock("unit_call"), g.clock("shooting_call")
    if unit_call is not None and shooting_call is not None:
        if shooting_call < unit_call:
            d.error(
                "shooting-before-unit-call",
                f"the shooting call {shooting_call:%H:%M} is before the unit call "
                f"{unit_call:%H:%M}",
                g.cells["shooting_call"],
            )
    if unit_call is None and "unit_call" not in g.refused:
        d.warning("no-unit-call", f"day {number} has no unit call (call sheet says TBC)", g.day_pos)
    return ShootDay(
        number=number,
        date=when,
        pos=g.pos,
        strips=tuple(g.strips),
        unit=str(vals.get("unit", "")),
        location=str(vals.get("location", "")),
        unit_call=unit_call,
        shooting_call=shooting_call,
        breakfast=g.span("breakfast"),
        lunch=g.span("lunch"),
        dinner=g.span("dinner"),
        wrap=g.clock("wrap"),
        weather=str(vals.get("weather", "")),
        notes=tuple(g.notes),
        cells=(("day", g.day_pos), *sorted(g.cells.items())),
    )


SCHEDULE_LABELS = {c.name: c.display for c in SCHEDULE.columns}


def _schedule_date(raw: Value, pos: Pos, d: Diagnostics) -> date | None:
    when = parse_date(raw, "date", pos, d)
    if when is not None and isinstance(raw, str):
        named = _weekday_named(raw)
        if named is not None and named != when.weekday():
            d.error(
                "wrong-weekday",
                f"{when:%d/%m/%Y} is a {_DAY_NAMES[when.weekday()]}, not a "
                f"{_DAY_NAMES[named]} (got {raw!r})",
                pos,
            )
    return when


def _check_days(days: tuple[ShootDay, ...], d: Diagnostics, context: ReaderContext) -> None:
    """Day numbers run 1..N, dates rise with them, and no unit shoots twice on one date."""
    numbers = [day.number for day in days]
    expected = list(range(1, len(numbers) + 1))
    if numbers and numbers != expected:
        missing = sorted(set(range(1, max(numbers) + 1)) - set(numbers))
        if missing:
            d.warning(
                "day-number-gap",
                f"the schedule has no day {', '.join(map(str, missing))}: days should run "
                f"1 to {len(numbers)} (Day X of Y counts them)",
                days[0].at("day"),
            )
    seen: dict[tuple[date, str], ShootDay] = {}
    for prev, day in zip(days, days[1:], strict=False):
        if day.date < prev.date or (
            day.date == prev.date and day.unit.lower() == prev.unit.lower()
        ):
            d.error(
                "day-out-of-order",
                f"day {day.number} is dated {day.date:%d/%m/%Y}, not after day {prev.number} "
                f"({prev.date:%d/%m/%Y})",
                day.at("date"),
            )
    for day in days:
        k = (day.date, day.unit.lower())
        if k in seen and seen[k] is not day:
            d.error(
                "duplicate-date",
                f"days {seen[k].number} and {day.number} are both on {day.date:%d/%m/%Y}"
                + (f" for {day.unit}" if day.unit else ""),
                day.at("date"),
            )
        seen[k] = day
    scenes: dict[str, Pos] = {}
    for day in days:
        for s in day.scenes:
            part = re.search(r"\b(part|pt)\b", s.notes, re.IGNORECASE)
            if s.number in scenes and not part:
                d.warning(
                    "scene-scheduled-twice",
                    f"scene {s.number} is already scheduled at {scenes[s.number]} (write "
                    "'part' in the notes of a scene shot over two days)",
                    s.pos,
                )
            scenes.setdefault(s.number, s.pos)
    settings = context.sections.call_sheets
    if settings is not None and settings.shoot_days and days:
        if settings.shoot_days != len(days):
            d.warning(
                "shoot-days-mismatch",
                f"call_sheets: shoot_days is {settings.shoot_days} but the schedule has "
                f"{len(days)} days (Day X of Y uses {settings.shoot_days})",
                settings.pos,
            )
