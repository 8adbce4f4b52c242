"""The call sheet's tables: schedule, cast, locations, calls, supporting artists; and the
manifest's ``call_sheets:`` section.

**schedule** has one row per strip, in shooting order, each with its ``day``. A row with a
``scene`` is a scene; a row with a ``banner`` is a banner (lunch, a company move); a row with a
``department`` and ``notes`` is that department's note for the day (no department: a general
note). The day's own values (``date``, ``unit``, ``location``, ``unit_call``,
``shooting_call``, ``breakfast``, ``lunch``, ``dinner``, ``wrap``, ``weather``) may sit on
any of its rows, once each: usually the first. Meals and a scene's ``time`` are ``13:00`` or
``13:00-14:00``.

**cast**: ``id``, ``artist``, ``character`` (as in the script; several separated by ``;``),
``agent``, ``phone``, ``email``, ``date_of_birth``, ``minor``, ``licence``, ``chaperone``,
``travel`` (yes: travels out and back on the ``travel:`` dates, T in the day out of days),
``notes``. **locations**: ``id``, ``name``, ``sets`` (the script's set names, ``;``-separated),
``address``, ``postcode``, ``country``, ``latitude``, ``longitude``, ``what3words``,
``grid_ref``, ``timezone``, ``parking``, ``unit_base``, ``hospital``, ``hospital_address``,
``hospital_phone``, ``access``, ``contact``. **calls**: ``day`` (empty: every day the person
works), ``who`` (a cast id or a crew name), ``call`` (``07:30``; ``-0:30`` or ``-30`` from
the unit call; ``off``), ``pick_up``, ``pick_up_from``, ``hmu``, ``costume``, ``on_set``,
``release``, ``notes``. **supporting_artists**: ``day``, ``count``, ``description``,
``scenes``, ``call``, ``costume``, ``on_set``, ``agency``, ``notes``.

Checks that need only one table are made here (so ``paperwork check`` reports them); checks
across tables and against the script are the call sheet builder's (``call_sheet.check``).
"""

from __future__ import annotations

import re
import zoneinfo
from datetime import date, time
from decimal import Decimal, InvalidOperation
from typing import Any

from paperwork.errors import Diagnostics
from paperwork.model.names import label_key, person_key
from paperwork.model.production import (
    CALL_SHEET_CONFIDENTIALITY,
    CALL_SHEET_CONTACTS,
    CALL_SHEET_DEPARTMENTS,
    Banner,
    Call,
    CallSheetSettings,
    CastMember,
    DepartmentNote,
    Hospital,
    Location,
    Person,
    ScheduledScene,
    ShootDay,
    SupportingArtists,
    TimeSpan,
)
from paperwork.model.source import Pos
from paperwork.readers.fields import Column, Schema, parse_date, parse_rows, parse_time
from paperwork.readers.manifest import Manifest, _str
from paperwork.readers.tables import Row, Table, Value
from paperwork.readers.yaml_source import YamlMap

DEFAULT_CONTACTS = CALL_SHEET_CONTACTS
DEFAULT_CONFIDENTIALITY = CALL_SHEET_CONFIDENTIALITY
ZONES_BY_COUNTRY = {
    "GB": "Europe/London",
    "IE": "Europe/Dublin",
    "FR": "Europe/Paris",
    "ES": "Europe/Madrid",
    "PT": "Europe/Lisbon",
    "BE": "Europe/Brussels",
    "NL": "Europe/Amsterdam",
    "DE": "Europe/Berlin",
    "IT": "Europe/Rome",
}
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
_SPAN = re.compile(r"^\s*(\d{1,2}[:.]?\d{2})\s*(?:[-\u2013\u2014]|to)\s*(\d{1,2}[:.]?\d{2})\s*$")
_OFFSET = re.compile(r"^([+-])\s*(?:(\d{1,2})[:.](\d{2})|(\d{1,3}))\s*(?:m|mins?|minutes)?$")
_OFF = {"off", "notcalled", "nc", "no", "none", "dayoff", "x"}
_YES = {"yes", "y", "true", "1", "x", "minor"}
_NO = {"no", "n", "false", "0", ""}
_W3W = re.compile(r"^(?:///)?[a-z]+\.[a-z]+\.[a-z]+$")
_GRID = re.compile(r"^[A-Z]{2}\s?\d{2,5}\s?\d{2,5}$")
_NOT_AE = re.compile(
    r"minor injur|\bmiu\b|urgent treatment|\butc\b|walk[- ]in|urgent care", re.IGNORECASE
)


def split_list(value: object) -> tuple[str, ...]:
    """``"1; 3, 4"`` -> ``("1", "3", "4")`` (``;`` or ``,``)."""
    text = _str(value)
    return tuple(p.strip() for p in re.split(r"[;,]", text) if p.strip())


def parse_span(value: Value, label: str, pos: Pos, d: Diagnostics) -> TimeSpan | None:
    """``13:00`` or ``13:00-14:00`` (also ``1300 to 1400``)."""
    if isinstance(value, time):
        return TimeSpan(value)
    text = str(value).strip()
    m = _SPAN.match(text)
    if m:
        start = parse_time(m[1], label, pos, d)
        end = parse_time(m[2], label, pos, d)
        return TimeSpan(start, end) if start is not None and end is not None else None
    start = parse_time(value, label, pos, d)
    return TimeSpan(start) if start is not None else None


def parse_eighths(value: Value, pos: Pos, d: Diagnostics) -> int | None:
    """A length in pages as a first AD writes it: ``3/8``, ``1``, ``1 3/8`` -> eighths."""
    text = str(value).strip()
    m = re.fullmatch(r"(?:(\d+)(?:\s+|$))?(?:(\d)\s*/\s*8)?", text)
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


def _value(parsed: object) -> Value:
    """A parsed cell handed on as a cell value (text columns hold ``str``)."""
    return parsed if isinstance(parsed, str | int | float | date | time | bool) else str(parsed)


def _cells(
    row: Row, mapping: dict[str, str], names: tuple[str, ...]
) -> tuple[tuple[str, Pos], ...]:
    return tuple((n, row.where(mapping[n])) for n in names if n in mapping)


def _at(cells: tuple[tuple[str, Pos], ...], column: str, row: Row) -> Pos:
    return next((p for n, p in cells if n == column), row.pos)


def _yes(value: object, label: str, pos: Pos, d: Diagnostics) -> bool:
    text = re.sub(r"[^a-z0-9]", "", _str(value).lower())
    if text in _YES:
        return True
    if text not in _NO:
        d.error("bad-yes-no", f"{label} must be yes or no (got {_str(value)!r})", pos)
    return False


# --- Schedule ---------------------------------------------------------------------------------

SCHEDULE = Schema(
    "schedule",
    (
        Column("day", "int", required=True, aliases=("shoot_day", "day_no", "day_number")),
        Column("date", aliases=("shoot_date",)),
        Column("unit"),
        Column("location", aliases=("location_id", "loc")),
        Column("unit_call", aliases=("crew_call", "general_call"), label="unit call"),
        Column("shooting_call", aliases=("first_shot", "turnover"), label="shooting call"),
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


class _Day:
    """A shoot day being gathered from its rows."""

    def __init__(self, number: int, pos: Pos, day_pos: Pos) -> None:
        self.number = number
        self.pos = pos
        self.day_pos = day_pos
        self.values: dict[str, object] = {}
        self.raw: dict[str, str] = {}
        self.cells: dict[str, Pos] = {}
        self.strips: list[ScheduledScene | Banner] = []
        self.notes: list[DepartmentNote] = []


def _weekday_named(text: str) -> int | None:
    m = re.match(r"^\s*([A-Za-z]{3,9})\.?,?\s", text)
    return _WEEKDAYS.get(m[1].lower()) if m else None


def read_schedule(table: Table, diagnostics: Diagnostics, context: Any) -> tuple[ShootDay, ...]:
    """Shoot days in day order, each with its strips in the order of the table's rows."""
    d = diagnostics
    mapping = SCHEDULE.resolve(table, Diagnostics())  # reported by parse_rows
    days: dict[int, _Day] = {}
    for row, v in parse_rows(SCHEDULE, table, d):
        number = v["day"]
        if not isinstance(number, int):
            continue  # reported as missing-value or bad-number
        if number < 1:
            d.error("bad-day", f"day must be 1 or more (got {number})", row.where(mapping["day"]))
            continue
        cells = _cells(row, mapping, tuple(c.name for c in SCHEDULE.columns))

        def at(column: str, _cells: tuple[tuple[str, Pos], ...] = cells, _row: Row = row) -> Pos:
            return _at(_cells, column, _row)

        day = days.get(number)
        if day is None:
            day = days[number] = _Day(number, row.pos, at("day"))
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
                continue
            if name in day.values and day.values[name] != value:
                d.error(
                    "day-conflict",
                    f"day {number} has two values for {SCHEDULE_LABELS.get(name, name)}: "
                    f"{day.raw[name]!r} at {day.cells[name]} and {_str(raw)!r} here",
                    at(name),
                )
                continue
            day.values[name] = value
            day.raw[name] = _str(raw)
            day.cells[name] = at(name)

        scene, banner = _str(v["scene"]), _str(v["banner"])
        department, notes = _str(v["department"]), _str(v["notes"])
        span = parse_span(_value(v["time"]), "estimated time", at("time"), d) if v["time"] else None
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
                    location=_str(v["location"]) if "location" in mapping else "",
                    cast=split_list(v["cast"]),
                    notes=notes,
                    eighths=parse_eighths(_value(v["pages"]), at("pages"), d)
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
                    "empty-note", f"the {department} note for day {number} is empty", at("notes")
                )
            else:
                day.notes.append(DepartmentNote(department, notes, at("notes")))
        if not scene and v["cast"]:
            d.warning("cast-without-scene", "cast ids belong on a scene's row", at("cast"))
        if not scene and v["time"] and not banner:
            d.warning(
                "time-without-scene", "an estimated time belongs on a scene or a banner", at("time")
            )

    out = []
    for number in sorted(days):
        g = days[number]
        when = g.values.get("date")
        if not isinstance(when, date):
            if "date" not in g.raw:
                d.error("day-no-date", f"day {number} has no date on any of its rows", g.day_pos)
            continue
        vals = g.values
        if not any(isinstance(s, ScheduledScene) for s in g.strips):
            d.warning("day-no-scenes", f"day {number} has no scenes scheduled", g.day_pos)
        unit_call, shooting_call = vals.get("unit_call"), vals.get("shooting_call")
        if isinstance(unit_call, time) and isinstance(shooting_call, time):
            if shooting_call < unit_call:
                d.error(
                    "shooting-before-unit-call",
                    f"the shooting call {shooting_call:%H:%M} is before the unit call "
                    f"{unit_call:%H:%M}",
                    g.cells["shooting_call"],
                )
        if unit_call is None:
            d.warning(
                "no-unit-call", f"day {number} has no unit call (call sheet says TBC)", g.day_pos
            )
        out.append(
            ShootDay(
                number=number,
                date=when,
                pos=g.pos,
                strips=tuple(g.strips),
                unit=str(vals.get("unit", "")),
                location=str(vals.get("location", "")),
                unit_call=unit_call,  # type: ignore[arg-type]
                shooting_call=shooting_call,  # type: ignore[arg-type]
                breakfast=vals.get("breakfast"),  # type: ignore[arg-type]
                lunch=vals.get("lunch"),  # type: ignore[arg-type]
                dinner=vals.get("dinner"),  # type: ignore[arg-type]
                wrap=vals.get("wrap"),  # type: ignore[arg-type]
                weather=str(vals.get("weather", "")),
                notes=tuple(g.notes),
                cells=(("day", g.day_pos), *sorted(g.cells.items())),
            )
        )
    _check_days(tuple(out), d, context)
    return tuple(out)


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


def _check_days(days: tuple[ShootDay, ...], d: Diagnostics, context: Any) -> None:
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
    settings = context.sections.get("call_sheets") if context is not None else None
    if isinstance(settings, CallSheetSettings) and settings.shoot_days and days:
        if settings.shoot_days != len(days):
            d.warning(
                "shoot-days-mismatch",
                f"call_sheets: shoot_days is {settings.shoot_days} but the schedule has "
                f"{len(days)} days (Day X of Y uses {settings.shoot_days})",
                settings.pos,
            )


# --- Cast -------------------------------------------------------------------------------------

CAST = Schema(
    "cast",
    (
        Column("id", required=True, aliases=("cast_id", "cast_no", "no", "number")),
        Column("artist", aliases=("actor", "name", "performer")),
        Column("character", required=True, aliases=("characters", "role", "part")),
        Column("agent", aliases=("agency", "agent_name")),
        Column("phone", aliases=("mobile", "contact", "agent_phone", "telephone")),
        Column("email", "email", aliases=("email_address", "agent_email")),
        Column(
            "date_of_birth", "date", aliases=("dob", "born", "birth_date"), label="date of birth"
        ),
        Column("minor", aliases=("child", "under_16")),
        Column("licence", aliases=("licence_ref", "license", "licence_no", "child_licence")),
        Column("chaperone", aliases=("chaperones",)),
        Column("notes", aliases=("note",)),
        Column("travel", aliases=("travels", "travelling")),  # yes: out and back with travel:
    ),
)


def read_cast(table: Table, diagnostics: Diagnostics, context: Any) -> tuple[CastMember, ...]:
    """Cast rows: ids and characters unique; a minor has a date of birth."""
    d = diagnostics
    mapping = CAST.resolve(table, Diagnostics())
    out: list[CastMember] = []
    ids: dict[str, Pos] = {}
    characters: dict[str, tuple[str, Pos]] = {}
    for row, v in parse_rows(CAST, table, d):
        cells = _cells(row, mapping, tuple(c.name for c in CAST.columns))
        cid = _str(v["id"])
        if not cid:
            continue
        if label_key(cid) in ids:
            d.error(
                "duplicate-cast-id",
                f"cast id {cid} is used twice (first at {ids[label_key(cid)]})",
                _at(cells, "id", row),
            )
            continue
        ids[label_key(cid)] = _at(cells, "id", row)
        names = tuple(label_key(n) for n in re.split(r"[;/]", _str(v["character"])) if n.strip())
        for name in names:
            if name in characters:
                other, where = characters[name]
                d.error(
                    "duplicate-character",
                    f"{name} is already played by cast {other} (at {where})",
                    _at(cells, "character", row),
                )
            else:
                characters[name] = (cid, _at(cells, "character", row))
        artist = _str(v["artist"])
        if not artist:
            d.warning(
                "cast-tbc",
                f"cast {cid} ({', '.join(names)}) has no artist yet: call sheets print TBC",
                _at(cells, "artist", row),
            )
        born = v["date_of_birth"]
        minor = _yes(v["minor"], "minor", _at(cells, "minor", row), d) if v["minor"] else False
        if minor and born is None and _blank_cell(row, mapping, "date_of_birth"):
            d.error(
                "minor-no-dob",
                f"cast {cid} is a minor: the date of birth is needed for the hours their age allows",
                _at(cells, "date_of_birth", row),
            )
        out.append(
            CastMember(
                id=cid,
                artist=artist,
                characters=names,
                pos=row.pos,
                agent=_str(v["agent"]),
                phone=_str(v["phone"]),
                email=_str(v["email"] or ""),
                date_of_birth=born,  # type: ignore[arg-type]
                minor=minor,
                licence=_str(v["licence"]),
                chaperone=_str(v["chaperone"]),
                notes=_str(v["notes"]),
                cells=cells,
                travels=(
                    _yes(v["travel"], "travel", _at(cells, "travel", row), d)
                    if v["travel"]
                    else False
                ),
            )
        )
    return tuple(out)


def _blank_cell(row: Row, mapping: dict[str, str], column: str) -> bool:
    raw = row.get(mapping[column]) if column in mapping else None
    return raw is None or (isinstance(raw, str) and not raw.strip())


# --- Locations ----------------------------------------------------------------------------------

LOCATIONS = Schema(
    "locations",
    (
        Column("id", required=True, aliases=("location_id", "loc")),
        Column("name", required=True, aliases=("location", "location_name")),
        Column("sets", aliases=("set", "script_sets", "set_names")),
        Column("address", "lines", aliases=("location_address",)),
        Column("postcode", aliases=("post_code", "postal_code", "zip")),
        Column("country"),
        Column("latitude", aliases=("lat",)),
        Column("longitude", aliases=("long", "lon", "lng")),
        Column("what3words", aliases=("w3w", "what_3_words")),
        Column("grid_ref", aliases=("os_grid_ref", "grid_reference", "os_grid"), label="grid ref"),
        Column("timezone", aliases=("time_zone", "tz")),
        Column("parking", aliases=("crew_parking",)),
        Column("unit_base", aliases=("base",), label="unit base"),
        Column("hospital", aliases=("nearest_a_e", "a_e", "nearest_hospital")),
        Column("hospital_address", "lines", aliases=("a_e_address",), label="hospital address"),
        Column("hospital_phone", aliases=("a_e_phone",), label="hospital phone"),
        Column("access", aliases=("access_notes", "notes")),
        Column("contact", aliases=("site_contact", "on_site_contact")),
    ),
)


def _coordinate(value: Value, label: str, limit: int, pos: Pos, d: Diagnostics) -> float | None:
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite() or abs(number) > limit:
        d.error(
            "bad-coordinate",
            f"{label} must be decimal degrees between -{limit} and {limit} (got {str(value)!r})",
            pos,
        )
        return None
    return float(number)


def read_locations(table: Table, diagnostics: Diagnostics, context: Any) -> tuple[Location, ...]:
    """Locations with their sets, map references and nearest A&E, each checked."""
    d = diagnostics
    mapping = LOCATIONS.resolve(table, Diagnostics())
    out: list[Location] = []
    ids: dict[str, Pos] = {}
    sets: dict[str, tuple[str, Pos]] = {}
    for row, v in parse_rows(LOCATIONS, table, d):
        cells = _cells(row, mapping, tuple(c.name for c in LOCATIONS.columns))

        def at(column: str, _cells: tuple[tuple[str, Pos], ...] = cells, _row: Row = row) -> Pos:
            return _at(_cells, column, _row)

        lid, name = _str(v["id"]), _str(v["name"])
        if not lid or not name:
            continue
        if label_key(lid) in ids:
            d.error(
                "duplicate-location",
                f"location id {lid} is used twice (first at {ids[label_key(lid)]})",
                at("id"),
            )
            continue
        ids[label_key(lid)] = at("id")
        set_names = tuple(label_key(s) for s in _str(v["sets"]).split(";") if s.strip())
        for s in set_names:
            if s in sets:
                d.warning(
                    "set-in-two-locations",
                    f"the set {s} is already at location {sets[s][0]} ({sets[s][1]}); scenes "
                    "use that one unless the schedule names a location",
                    at("sets"),
                )
            else:
                sets[s] = (lid, at("sets"))
        country = (_str(v["country"]) or "GB").upper()
        if country == "UK":
            country = "GB"
        if not re.fullmatch(r"[A-Z]{2}", country):
            d.error(
                "bad-country",
                f"country must be a two-letter code like GB, FR or ES (got {_str(v['country'])!r})",
                at("country"),
            )
            country = "GB"
        zone = _str(v["timezone"]) or ZONES_BY_COUNTRY.get(country, "")
        if not zone:
            d.error(
                "no-timezone",
                f"give the time zone of a location in {country} (e.g. Europe/Paris)",
                at("timezone"),
            )
            zone = "Europe/London"
        else:
            try:
                zoneinfo.ZoneInfo(zone)
            except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                d.error(
                    "unknown-timezone",
                    f"time zone {zone!r} is not an IANA zone like Europe/London",
                    at("timezone"),
                )
                zone = "Europe/London"
        lat = lon = None
        if v["latitude"] is not None:
            lat = _coordinate(_value(v["latitude"]), "latitude", 90, at("latitude"), d)
        if v["longitude"] is not None:
            lon = _coordinate(_value(v["longitude"]), "longitude", 180, at("longitude"), d)
        if (v["latitude"] is None) != (v["longitude"] is None):
            d.error(
                "half-coordinates",
                "give both latitude and longitude, or neither",
                at("longitude" if v["longitude"] is None else "latitude"),
            )
            lat = lon = None
        w3w = _str(v["what3words"]).lower()
        if w3w and not _W3W.match(w3w):
            d.error(
                "bad-what3words",
                f"what3words must be three words with dots like ///filled.count.soap (got {w3w!r})",
                at("what3words"),
            )
        elif w3w and not w3w.startswith("///"):
            w3w = "///" + w3w
        grid = _str(v["grid_ref"]).upper()
        if grid and not _GRID.match(grid):
            d.error(
                "bad-grid-ref",
                f"grid ref must be an OS grid reference like ST 512 775 (got {grid!r})",
                at("grid_ref"),
            )
        postcode = _str(v["postcode"]).upper() if country == "GB" else _str(v["postcode"])
        if not postcode:
            d.warning(
                "location-no-postcode",
                f"location {lid} has no postcode (the emergency services and drivers need one)",
                at("postcode"),
            )
        if not (w3w or grid or lat is not None):
            d.warning(
                "location-no-map-ref",
                f"location {lid} has no what3words, grid reference or latitude/longitude",
                at("what3words"),
            )
        hospital = None
        hname = _str(v["hospital"])
        if hname:
            hospital = Hospital(hname, v["hospital_address"] or (), _str(v["hospital_phone"]))  # type: ignore[arg-type]
            if _NOT_AE.search(hname):
                d.warning(
                    "hospital-not-ae",
                    f"{hname} looks like a minor injuries unit or urgent treatment centre: list "
                    "the nearest 24-hour A&E",
                    at("hospital"),
                )
            if not hospital.phone:
                d.warning(
                    "hospital-no-phone",
                    f"the A&E for location {lid} has no phone number",
                    at("hospital_phone"),
                )
            if not hospital.address:
                d.warning(
                    "hospital-no-address",
                    f"the A&E for location {lid} has no address",
                    at("hospital_address"),
                )
        else:
            d.warning("no-hospital", f"location {lid} has no nearest A&E", at("hospital"))
        out.append(
            Location(
                id=lid,
                name=name,
                sets=set_names,
                pos=row.pos,
                address=v["address"] or (),  # type: ignore[arg-type]
                postcode=postcode,
                country=country,
                latitude=lat,
                longitude=lon,
                what3words=w3w if _W3W.match(w3w) else "",
                grid_ref=grid if _GRID.match(grid) else "",
                timezone=zone,
                parking=_str(v["parking"]),
                unit_base=_str(v["unit_base"]),
                hospital=hospital,
                access=_str(v["access"]),
                contact=_str(v["contact"]),
                cells=cells,
            )
        )
    return tuple(out)


# --- Calls --------------------------------------------------------------------------------------

CALLS = Schema(
    "calls",
    (
        Column("day", "int", aliases=("shoot_day",)),
        Column("who", required=True, aliases=("cast_id", "name", "person", "id")),
        Column("call", aliases=("call_time", "arrive", "own_call", "offset")),
        Column("pick_up", "time", aliases=("pickup", "pick_up_time"), label="pick-up"),
        Column(
            "pick_up_from", aliases=("pickup_from", "from", "pick_up_address"), label="pick-up from"
        ),
        Column("hmu", "time", aliases=("make_up", "hair_and_make_up", "mu"), label="HMU"),
        Column("costume", "time", aliases=("wardrobe",)),
        Column("on_set", "time", aliases=("on_set_time", "ready", "set"), label="on set"),
        Column("release", "time", aliases=("wrap", "released", "finish"), label="release"),
        Column("notes", aliases=("note",)),
    ),
)


def parse_call(value: Value, pos: Pos, d: Diagnostics) -> tuple[time | None, int | None, bool]:
    """A call cell: ``07:30`` (own call), ``-0:30`` / ``-30`` / ``+1:00`` (from unit call), ``off``."""
    if isinstance(value, time):
        return value, None, False
    text = str(value).strip()
    if re.sub(r"[^a-z]", "", text.lower()) in _OFF:
        return None, None, True
    m = _OFFSET.match(text)
    if m:
        minutes = int(m[2]) * 60 + int(m[3]) if m[2] is not None else int(m[4])
        if minutes > 12 * 60:
            d.error("bad-offset", f"a call offset must be within 12 hours (got {text!r})", pos)
            return None, None, False
        return None, -minutes if m[1] == "-" else minutes, False
    t = parse_time(value, "call", pos, d)
    return t, None, False


def read_calls(table: Table, diagnostics: Diagnostics, context: Any) -> tuple[Call, ...]:
    """Calls per person and day; times in order: pick-up, call, HMU and costume, on set."""
    d = diagnostics
    mapping = CALLS.resolve(table, Diagnostics())
    out: list[Call] = []
    seen: dict[tuple[int | None, str], Pos] = {}
    for row, v in parse_rows(CALLS, table, d):
        cells = _cells(row, mapping, tuple(c.name for c in CALLS.columns))

        def at(column: str, _cells: tuple[tuple[str, Pos], ...] = cells, _row: Row = row) -> Pos:
            return _at(_cells, column, _row)

        who = _str(v["who"])
        if not who:
            continue
        day = v["day"]
        if day is not None and not (isinstance(day, int) and day >= 1):
            if isinstance(day, int):
                d.error("bad-day", f"day must be 1 or more (got {day})", at("day"))
            continue
        if day is None and not _blank_cell(row, mapping, "day"):
            continue  # an unreadable day, already reported
        k = (day, person_key(who))
        if k in seen:
            d.error(
                "duplicate-call",
                f"{who} already has a call for "
                f"{'every day' if day is None else f'day {day}'} (at {seen[k]})",
                at("who"),
            )
            continue
        seen[k] = at("who")
        own, offset, off = (None, None, False)
        if v["call"]:
            own, offset, off = parse_call(_value(v["call"]), at("call"), d)
        call = Call(
            who=who,
            pos=row.pos,
            day=day,  # type: ignore[arg-type]
            off=off,
            call=own,
            offset_minutes=offset,
            pick_up=v["pick_up"],  # type: ignore[arg-type]
            pick_up_from=_str(v["pick_up_from"]),
            hmu=v["hmu"],  # type: ignore[arg-type]
            costume=v["costume"],  # type: ignore[arg-type]
            on_set=v["on_set"],  # type: ignore[arg-type]
            release=v["release"],  # type: ignore[arg-type]
            notes=_str(v["notes"]),
            cells=cells,
        )
        _check_call_order(call, d)
        out.append(call)
    return tuple(out)


def _check_call_order(c: Call, d: Diagnostics) -> None:
    """Pick-up before the call; the call no later than HMU and costume; both before on set."""
    stages: list[list[tuple[str, str, time]]] = [
        [(n, lab, t) for n, lab in ((name, label),) if (t := getattr(c, n)) is not None]
        for name, label in (("pick_up", "pick-up"), ("call", "call"))
    ]
    stages.append(
        [
            (n, lab, t)
            for n, lab in (("hmu", "HMU"), ("costume", "costume"))
            if (t := getattr(c, n)) is not None
        ]
    )
    stages.append([("on_set", "on set", c.on_set)] if c.on_set is not None else [])
    for i, earlier in enumerate(stages):
        for later in stages[i + 1 :]:
            for ename, elabel, et in earlier:
                for lname, llabel, lt in later:
                    if lt < et or (ename == "pick_up" and lt == et):
                        d.error(
                            "call-order",
                            f"{c.who}: {llabel} {lt:%H:%M} is before {elabel} {et:%H:%M} "
                            "(pick-up, then call, then HMU and costume, then on set)",
                            c.at(lname),
                        )
                        return


# --- Supporting artists -----------------------------------------------------------------------

SUPPORTING = Schema(
    "supporting_artists",
    (
        Column("day", "int", required=True, aliases=("shoot_day",)),
        Column("count", "int", required=True, aliases=("number", "qty", "quantity", "no")),
        Column("description", required=True, aliases=("type", "sa", "sas")),
        Column("scenes", aliases=("scene", "sc")),
        Column("call", "time", aliases=("call_time", "arrive")),
        Column("costume", "time", aliases=("costume_hmu", "hmu", "wardrobe"), label="costume/HMU"),
        Column("on_set", "time", aliases=("on_set_time", "ready"), label="on set"),
        Column("agency"),
        Column("notes", aliases=("note", "holding")),
    ),
)


def read_supporting_artists(
    table: Table, diagnostics: Diagnostics, context: Any
) -> tuple[SupportingArtists, ...]:
    d = diagnostics
    mapping = SUPPORTING.resolve(table, Diagnostics())
    out = []
    for row, v in parse_rows(SUPPORTING, table, d):
        cells = _cells(row, mapping, tuple(c.name for c in SUPPORTING.columns))
        day, count, what = v["day"], v["count"], _str(v["description"])
        if not isinstance(day, int) or not isinstance(count, int) or not what:
            continue
        if count < 1:
            d.error("bad-count", f"count must be 1 or more (got {count})", _at(cells, "count", row))
            continue
        call, on_set = v["call"], v["on_set"]
        if isinstance(call, time) and isinstance(on_set, time) and on_set < call:
            d.error(
                "call-order",
                f"on set {on_set:%H:%M} is before the call {call:%H:%M}",
                _at(cells, "on_set", row),
            )
        out.append(
            SupportingArtists(
                day=day,
                count=count,
                description=what,
                pos=row.pos,
                scenes=tuple(label_key(s) for s in split_list(v["scenes"])),
                call=call,  # type: ignore[arg-type]
                costume=v["costume"],  # type: ignore[arg-type]
                on_set=on_set,  # type: ignore[arg-type]
                agency=_str(v["agency"]),
                notes=_str(v["notes"]),
                cells=cells,
            )
        )
    return tuple(out)


# --- The manifest's call_sheets: section --------------------------------------------------------

_SETTINGS_KEYS = {
    "shoot_days",
    "contacts",
    "issued_by",
    "safety",
    "emergency",
    "reminders",
    "confidentiality",
    "turnaround_hours",
    "departments",
}


def _lines(m: Manifest, mapping: YamlMap, name: str) -> tuple[str, ...]:
    out = []
    for value, pos in m.items(mapping, name):
        if isinstance(value, dict | list):
            m.d.error("manifest-type", f"call_sheets: each of {name} is one line of text", pos)
            continue
        if _str(value):
            out.append(_str(value))
    return tuple(out)


def _whole(m: Manifest, mapping: YamlMap, name: str, low: int, high: int) -> int | None:
    value = mapping.get(name)
    if value is None or _str(value) == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        m.d.error(
            "manifest-type",
            f"call_sheets: {name} must be a whole number from {low} to {high} (got {_str(value)!r})",
            m.pos(mapping, name),
        )
        return None
    return value


def read_call_sheet_settings(value: Any, pos: Pos, m: Manifest) -> CallSheetSettings | None:
    """``call_sheets:``: contacts' roles, safety lines, emergency numbers, the day count, the
    crew list's department order."""
    if not isinstance(value, YamlMap):
        m.d.error(
            "manifest-type",
            "call_sheets must be a mapping (shoot_days, contacts, safety, emergency, ...)",
            pos,
        )
        return None
    for k in value:
        if k not in _SETTINGS_KEYS:
            m.d.warning(
                "unknown-key",
                f"unknown key {k!r} in call_sheets (known: {', '.join(sorted(_SETTINGS_KEYS))}); "
                "ignored",
                m.pos(value, k),
            )
    emergency = []
    for item, where in m.items(value, "emergency"):
        if not isinstance(item, dict) or not _str(item.get("phone")):
            m.d.error(
                "manifest-type",
                "call_sheets: each emergency entry needs a name and a phone",
                where,
            )
            continue
        emergency.append(Person(_str(item.get("name")), "", "", _str(item.get("phone"))))
    contacts = _lines(m, value, "contacts") if "contacts" in value else DEFAULT_CONTACTS
    departments: tuple[str, ...] = CALL_SHEET_DEPARTMENTS
    if "departments" in value:
        departments = _lines(m, value, "departments")
        if not departments:
            m.d.warning(
                "empty-departments",
                "call_sheets: departments is empty; the usual order is used",
                m.pos(value, "departments"),
            )
            departments = CALL_SHEET_DEPARTMENTS
    return CallSheetSettings(
        pos=pos,
        shoot_days=_whole(m, value, "shoot_days", 1, 1000),
        contacts=contacts,
        issued_by=m.text(value, "issued_by"),
        safety=_lines(m, value, "safety"),
        emergency=tuple(emergency),
        reminders=_lines(m, value, "reminders"),
        confidentiality=m.text(value, "confidentiality") or DEFAULT_CONFIDENTIALITY,
        turnaround_hours=_whole(m, value, "turnaround_hours", 1, 24) or 11,
        departments=departments,
    )
