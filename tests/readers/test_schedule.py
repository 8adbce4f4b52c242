"""The call sheet's tables and the call_sheets: section: every check's code, at its cell."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from paperwork.errors import Diagnostics
from paperwork.model.call_sheets import Banner, CallSheetSettings, ScheduledScene, TimeSpan
from paperwork.model.source import Pos
from paperwork.readers.calls import parse_call, read_calls
from paperwork.readers.cast import read_cast
from paperwork.readers.context import ReaderContext, Sections
from paperwork.readers.locations import read_locations
from paperwork.readers.production import read_production
from paperwork.readers.schedule import parse_eighths, read_schedule
from paperwork.readers.supporting_artists import read_supporting_artists
from paperwork.readers.tables import read_table

SCHEDULE_HEAD = (
    "day,date,unit_call,shooting_call,lunch,wrap,scene,time,cast,pages,banner,department,notes\n"
)


def _table(tmp_path: Path, name: str, text: str, suffix: str = "csv") -> Any:
    path = tmp_path / f"{name}.{suffix}"
    path.write_text(text, encoding="utf-8")
    d = Diagnostics()
    table = read_table(path, name, path.name, d)
    assert table is not None and not d.items, [str(x) for x in d]
    return table


def _context(settings: CallSheetSettings | None = None) -> ReaderContext:
    return ReaderContext(Path("."), "GBP", Sections(call_sheets=settings))


def _found(d: Diagnostics) -> list[tuple[str, str]]:
    return [(x.code, str(x.pos)) for x in d]


def _schedule(tmp_path: Path, rows: str, settings: CallSheetSettings | None = None) -> Any:
    d = Diagnostics()
    days = read_schedule(_table(tmp_path, "schedule", SCHEDULE_HEAD + rows), d, _context(settings))
    return days, d


def test_demo_tables_read_clean(demo: Path) -> None:
    """The demo's schedule, cast, locations, calls and SAs raise nothing at all."""
    d = Diagnostics()
    production = read_production(demo, d)
    assert production is not None and d.items == []
    assert [day.number for day in production.shoot_days] == list(range(1, 11))
    assert len(production.cast) == 11 and len(production.locations) == 16
    assert production.call_sheets is not None and production.call_sheets.shoot_days == 10
    scenes = [s.number for day in production.shoot_days for s in day.scenes]
    assert sorted(set(scenes), key=int) == [str(n) for n in range(1, 34)]


def test_day_values_may_sit_on_any_row_and_strips_keep_their_order(tmp_path: Path) -> None:
    """A day's date and calls come from its rows; scenes and banners stay in file order."""
    days, d = _schedule(
        tmp_path,
        "1,Mon 1 Mar 2027,08:00,08:45,,,,,,,,,\n"
        "1,,,,,,5,09:00-10:30,3,,,,Windows blacked out\n"
        "1,,,,13:00-14:00,,,13:00-14:00,,,Lunch,,\n"
        "1,,,,,19:00,14,14:00,,3/8,,,\n"
        "1,,,,,,,,,,,Camera,Blackout frames by 08:00\n",
    )
    assert d.items == []
    (day,) = days
    assert day.date == date(2027, 3, 1) and day.unit_call == time(8)
    assert day.lunch == TimeSpan(time(13), time(14)) and day.wrap == time(19)
    assert [type(s) for s in day.strips] == [ScheduledScene, Banner, ScheduledScene]
    first, banner, last = day.strips
    assert first.number == "5" and first.cast == ("3",) and first.notes == "Windows blacked out"
    assert (
        str(first.pos) == "schedule.csv:3:scene" and str(first.at("cast")) == "schedule.csv:3:cast"
    )
    assert banner.text == "Lunch" and banner.time == TimeSpan(time(13), time(14))
    assert last.eighths == 3 and last.time == TimeSpan(time(14))
    assert [(n.department, n.text) for n in day.notes] == [("Camera", "Blackout frames by 08:00")]
    assert str(day.at("wrap")) == "schedule.csv:5:wrap"


def test_schedule_checks_are_located(tmp_path: Path) -> None:
    """Weekday, conflicts, order, gaps, calls, strip kind and pages: each at its cell."""
    _, d = _schedule(
        tmp_path,
        "1,Tue 1 Mar 2027,09:00,08:30,,,,,,,,,\n"  # 1 Mar 2027 is a Monday; shooting call early
        "1,,10:00,,,,1,,,,,,\n"  # a second unit call for day 1
        "2,2027-03-03,08:00,,,,2,,,9/8,Lunch,,\n"  # pages out of range; scene and banner
        "4,2027-03-02,08:00,,,,3,7am,,,,,\n"  # day 3 missing; dated before day 2; bad time
        "5,,08:00,,,,4,,,,,,\n",  # no date anywhere
    )
    assert sorted(_found(d)) == sorted(
        [
            ("wrong-weekday", "schedule.csv:2:date"),
            ("day-conflict", "schedule.csv:3:unit_call"),
            ("shooting-before-unit-call", "schedule.csv:2:shooting_call"),
            ("bad-pages", "schedule.csv:4:pages"),
            ("strip-kind", "schedule.csv:4:banner"),
            ("bad-time", "schedule.csv:5:time"),
            ("day-no-date", "schedule.csv:6:day"),
            ("day-number-gap", "schedule.csv:2:day"),
            ("day-out-of-order", "schedule.csv:5:date"),
        ]
    )


def test_a_scene_on_two_days_wants_part_in_its_notes(tmp_path: Path) -> None:
    """Twice without 'part' is a warning at the second row; with 'part' it is fine."""
    _, d = _schedule(
        tmp_path,
        "1,2027-03-01,08:00,,,,7,,,,,,\n2,2027-03-02,08:00,,,,7,,,,,,\n"
        "2,,,,,,8,,,,,,Part 1\n3,2027-03-03,08:00,,,,8,,,,,,pt 2\n",
    )
    assert _found(d) == [("scene-scheduled-twice", "schedule.csv:3:scene")]


def test_declared_shoot_days_are_checked_against_the_schedule(tmp_path: Path) -> None:
    """call_sheets: shoot_days that differs from the schedule is reported at the section."""
    settings = CallSheetSettings(pos=Pos("production.yaml", 40), shoot_days=24)
    _, d = _schedule(tmp_path, "1,2027-03-01,08:00,,,,1,,,,,,\n", settings)
    assert _found(d) == [("shoot-days-mismatch", "production.yaml:40")]


def test_pages_are_eighths_as_written() -> None:
    """3/8, 1, 1 3/8 read as eighths; 0 and 9/8 are errors."""
    d = Diagnostics()
    got = [parse_eighths(v, Pos("s.csv", 2, field="pages"), d) for v in ("3/8", "1", "1 3/8", "0")]
    assert got == [3, 8, 11, None] and d.codes() == ["bad-pages"]


def test_cast_checks(tmp_path: Path) -> None:
    """Duplicate ids and characters, a minor without a birth date, no artist, a bad yes/no."""
    table = _table(
        tmp_path,
        "cast",
        "id,artist,character,date_of_birth,minor,licence,chaperone\n"
        "1,Nadia Rennick,ANA,,,,\n"
        "1,Someone Else,BOB,,,,\n"
        "2,,Elsie; Gran,,,,\n"
        "3,Poppy Tresize,LILY,,yes,NSC/1,Karen\n"
        "4,Sam Doe,ana,,perhaps,,\n",
    )
    d = Diagnostics()
    cast = read_cast(table, d, _context())
    assert _found(d) == [
        ("duplicate-cast-id", "cast.csv:3:id"),
        ("cast-tbc", "cast.csv:4:artist"),
        ("minor-no-dob", "cast.csv:5:date_of_birth"),
        ("duplicate-character", "cast.csv:6:character"),
        ("bad-yes-no", "cast.csv:6:minor"),
    ]
    assert [m.characters for m in cast] == [("ANA",), ("ELSIE", "GRAN"), ("LILY",), ("ANA",)]
    assert cast[2].minor and cast[2].licence == "NSC/1"


LOC_HEAD = (
    "id,name,sets,address,postcode,country,latitude,longitude,what3words,grid_ref,timezone,"
    "hospital,hospital_address,hospital_phone\n"
)


def test_location_checks(tmp_path: Path) -> None:
    """Map references, coordinates, zone, A&E and postcode problems, each at its cell."""
    table = _table(
        tmp_path,
        "locations",
        LOC_HEAD
        + "L1,Cottage,PILOT'S COTTAGE; LOFT,3 Row / Pill,BS20 0AL,GB,51.48,-2.69,///a.b.c,,,"
        "Southmead (A&E),Bristol BS10,0117 496 0999\n"
        "L1,Again,,,,,,,,,,,,\n"
        "L2,Hotel,Loft,Quai / Saint-Malo,35400,FR,95,-2.0,two.words,SX 12,Mars/Olympus,"
        "Penzance Minor Injuries Unit,,\n"
        "L3,Field,FIELD,,,GB,50.1,,,,,,,\n",
    )
    d = Diagnostics()
    locations = read_locations(table, d, _context())
    assert _found(d) == [
        ("duplicate-location", "locations.csv:3:id"),
        ("set-in-two-locations", "locations.csv:4:sets"),
        ("unknown-timezone", "locations.csv:4:timezone"),
        ("bad-coordinate", "locations.csv:4:latitude"),
        ("bad-what3words", "locations.csv:4:what3words"),
        ("bad-grid-ref", "locations.csv:4:grid_ref"),
        ("hospital-not-ae", "locations.csv:4:hospital"),
        ("hospital-no-phone", "locations.csv:4:hospital_phone"),
        ("hospital-no-address", "locations.csv:4:hospital_address"),
        ("half-coordinates", "locations.csv:5:longitude"),
        ("location-no-postcode", "locations.csv:5:postcode"),
        ("location-no-map-ref", "locations.csv:5:what3words"),
        ("no-hospital", "locations.csv:5:hospital"),
    ]
    cottage = locations[0]
    assert cottage.sets == ("PILOT'S COTTAGE", "LOFT") and cottage.timezone == "Europe/London"
    assert cottage.hospital is not None and cottage.hospital.phone == "0117 496 0999"
    assert locations[1].country == "FR" and locations[1].timezone == "Europe/London"


def test_a_country_sets_the_default_time_zone(tmp_path: Path) -> None:
    """FR -> Europe/Paris, ES -> Europe/Madrid, with no timezone column filled."""
    table = _table(
        tmp_path,
        "locations",
        LOC_HEAD
        + "F,Hotel,,Quai,35400,FR,48.6,-2.0,,,,Hôpital (urgences),Saint-Malo,+33 2 61 91 00 15\n"
        "S,Café,,Paseo,11010,ES,36.5,-6.3,,,,Hospital (urgencias),Cádiz,+34 956 00 00 12\n",
    )
    d = Diagnostics()
    zones = [loc.timezone for loc in read_locations(table, d, _context())]
    assert zones == ["Europe/Paris", "Europe/Madrid"] and d.items == []


def test_call_cells_are_own_calls_offsets_or_off() -> None:
    """07:30, -0:30, -45, +1:00 and 'off' each read as what they say; 13:00 offsets do not."""
    d = Diagnostics()
    pos = Pos("calls.csv", 2, field="call")
    got = [parse_call(v, pos, d) for v in ("07:30", "-0:30", "-45", "+1:00", "off", "-13:00")]
    assert got == [
        (time(7, 30), None, False),
        (None, -30, False),
        (None, -45, False),
        (None, 60, False),
        (None, None, True),
        (None, None, False),
    ]
    assert _found(d) == [("bad-offset", "calls.csv:2:call")]


def test_calls_checks(tmp_path: Path) -> None:
    """Times out of order, a second row for the same person and day, a bad day."""
    table = _table(
        tmp_path,
        "calls",
        "day,who,call,pick_up,hmu,costume,on_set,release\n"
        ",Jo Bloggs,-0:45,,,,,\n"
        "1,3,08:15,08:30,08:25,08:40,08:35,14:00\n"
        "1,3,08:00,,,,,\n"
        "0,1,08:00,,,,,\n"
        "2,1,09:00,08:30,09:10,09:30,10:00,\n",
    )
    d = Diagnostics()
    calls = read_calls(table, d, _context())
    assert _found(d) == [
        ("call-order", "calls.csv:3:call"),
        ("duplicate-call", "calls.csv:4:who"),
        ("bad-day", "calls.csv:5:day"),
    ]
    assert [(c.who, c.day, c.offset_minutes) for c in calls] == [
        ("Jo Bloggs", None, -45),
        ("3", 1, None),
        ("1", 2, None),
    ]


def test_supporting_artists_need_a_count_of_one_or_more(tmp_path: Path) -> None:
    """A count of 0 is an error at its cell; good rows keep their scenes."""
    table = _table(
        tmp_path,
        "supporting_artists",
        "day,count,description,scenes,call,on_set\n"
        '3,30,Mourners,"26, 27",06:45,07:40\n'
        "3,0,Nobody,,,\n"
        "4,2,Deckhands,9,08:00,07:30\n",
    )
    d = Diagnostics()
    groups = read_supporting_artists(table, d, _context())
    assert _found(d) == [
        ("bad-count", "supporting_artists.csv:3:count"),
        ("call-order", "supporting_artists.csv:4:on_set"),
    ]
    assert groups[0].scenes == ("26", "27") and groups[0].count == 30


def test_xlsx_positions_name_sheet_and_cell(tmp_path: Path) -> None:
    """In a workbook a schedule problem is located as schedule.xlsx:Schedule!B2."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Schedule"
    sheet.append(["day", "date", "unit_call", "scene"])
    sheet.append([1, "Tue 1 Mar 2027", "08:00", "5"])
    book.save(tmp_path / "schedule.xlsx")
    d = Diagnostics()
    table = read_table(tmp_path / "schedule.xlsx", "schedule", "schedule.xlsx", d)
    assert table is not None
    read_schedule(table, d, _context())
    assert _found(d) == [("wrong-weekday", "schedule.xlsx:Schedule!B2")]


MANIFEST = """\
title: T
company: {{name: T Ltd}}
call_sheets:
{section}
"""


def test_call_sheets_section(tmp_path: Path) -> None:
    """Emergency numbers need a phone; unknown keys are reported; contacts default."""
    (tmp_path / "production.yaml").write_text(
        MANIFEST.format(
            section="  emergency:\n    - {name: Emergency services, phone: 999}\n"
            "    - {name: No number}\n  colour: blue\n  turnaround_hours: 30\n"
        ),
        encoding="utf-8",
    )
    d = Diagnostics()
    production = read_production(tmp_path, d)
    assert production is not None and production.call_sheets is not None
    settings = production.call_sheets
    assert _found(d) == [
        ("unknown-key", "production.yaml:7"),
        ("manifest-type", "production.yaml:6"),
        ("manifest-type", "production.yaml:8"),
    ]
    assert [(p.name, p.phone) for p in settings.emergency] == [("Emergency services", "999")]
    assert settings.contacts[0] == "Producer" and settings.turnaround_hours == 11


def test_the_department_order_is_the_uk_default_or_the_sections_own(tmp_path: Path) -> None:
    """departments: replaces the default order; an empty list keeps it, with a warning."""
    from paperwork.model.call_sheets import CALL_SHEET_DEPARTMENTS

    path = tmp_path / "production.yaml"
    path.write_text(MANIFEST.format(section="  departments: [Camera, Transport]"), "utf-8")
    d = Diagnostics()
    production = read_production(tmp_path, d)
    assert production is not None and production.call_sheets is not None and not list(d)
    assert production.call_sheets.departments == ("Camera", "Transport")
    path.write_text(MANIFEST.format(section="  departments: []"), "utf-8")
    production = read_production(tmp_path, d)
    assert production is not None and production.call_sheets is not None
    assert production.call_sheets.departments == CALL_SHEET_DEPARTMENTS
    assert _found(d) == [("empty-departments", "production.yaml:4")]


def test_the_init_example_tables_read_clean_once_uncommented(tmp_path: Path) -> None:
    """paperwork init's commented call sheet tables and section are valid as they stand."""
    import shutil

    from paperwork.resources import templates_dir

    shutil.copytree(templates_dir() / "new-production", tmp_path, dirs_exist_ok=True)
    manifest = (tmp_path / "production.yaml").read_text(encoding="utf-8")
    for name in ("schedule", "cast", "locations", "calls", "supporting_artists"):
        assert f"  # {name}: {name}.csv" in manifest
        manifest = manifest.replace(f"  # {name}: {name}.csv", f"  {name}: {name}.csv")
    head, section = manifest.split("\n# call_sheets:", 1)
    section = "\n".join(
        line[2:] if line.startswith("# ") else line for line in section.splitlines()
    )
    (tmp_path / "production.yaml").write_text(head + "\ncall_sheets:" + section, encoding="utf-8")
    d = Diagnostics()
    production = read_production(tmp_path, d)
    assert production is not None and d.items == []
    assert len(production.shoot_days[0].scenes) == 3 and production.cast[1].minor
    assert production.call_sheets is not None and production.call_sheets.shoot_days == 1


_CELL = st.one_of(
    st.none(),
    st.text(max_size=12),
    st.sampled_from(
        ["0", "-1", "1 3/8", "9/8", "07:30", "25:00", "-0:30", "off", "Tue 1 Mar 2027"]
    ),
    st.integers(min_value=-5, max_value=10**6),
    st.floats(allow_nan=True, allow_infinity=True),
    st.times(),
)


def _random_table(name: str, header: tuple[str, ...], rows: list[list[object]]) -> Any:
    from paperwork.readers.tables import Row, Table

    source = f"{name}.csv"
    table_rows = tuple(
        Row(
            n,
            dict(zip(header, cells, strict=False)),  # type: ignore[arg-type]
            {h: Pos(source, n, field=h) for h in header},
            Pos(source, n),
        )
        for n, cells in enumerate(rows, start=2)
    )
    return Table(name, source, header, {h: Pos(source, 1) for h in header}, table_rows, Pos(source))


@given(st.lists(st.lists(_CELL, min_size=18, max_size=18), min_size=1, max_size=6))
@settings(deadline=None, max_examples=60)
def test_readers_never_raise(rows: list[list[object]]) -> None:
    """Any cells in any of the five tables: records and located diagnostics, no exception."""
    readers = (
        ("schedule", tuple(SCHEDULE_HEAD.strip().split(",")) + ("location", "weather", "dinner",
         "breakfast", "unit"), read_schedule),
        ("cast", ("id", "artist", "character", "date_of_birth", "minor", "licence"), read_cast),
        ("locations", tuple(LOC_HEAD.strip().split(",")), read_locations),
        ("calls", ("day", "who", "call", "pick_up", "hmu", "costume", "on_set", "release"), read_calls),
        ("supporting_artists", ("day", "count", "description", "call", "on_set"), read_supporting_artists),
    )  # fmt: skip
    for name, header, reader in readers:
        d = Diagnostics()
        reader(_random_table(name, header, rows), d, _context())  # type: ignore[operator]
        assert all(x.pos is not None and x.pos.file == f"{name}.csv" for x in d)


def test_a_pages_cell_of_five_thousand_digits_is_a_located_error() -> None:
    """Found by the XLSX fuzz: int() of a 5,000-digit number raised instead of reporting."""
    from paperwork.readers.schedule import parse_eighths

    d = Diagnostics()
    where = Pos("schedule.xlsx", sheet="Schedule", cell="N3")
    assert parse_eighths("1" * 5000, where, d) is None
    assert [(x.code, str(x.pos)) for x in d] == [("bad-pages", "schedule.xlsx:Schedule!N3")]
    assert parse_eighths("12 3/8", Pos("schedule.xlsx", 3), Diagnostics()) == 99
