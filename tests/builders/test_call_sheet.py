"""Call sheets: the plan, every check at its cell, sun times, versions, calendar, renderings."""

from __future__ import annotations

import io
import json
from dataclasses import replace
from datetime import date, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from paperwork.builders import call_sheet
from paperwork.builders.base import BuildJob, BuildOptions, BuiltDocument
from paperwork.errors import Diagnostics
from paperwork.model.breakdown import Breakdown, SceneBreakdown
from paperwork.model.call_sheets import (
    Banner,
    Call,
    CallSheetSettings,
    CastMember,
    Hospital,
    Location,
    ScheduledScene,
    ShootDay,
    SupportingArtists,
    TimeSpan,
)
from paperwork.model.crew import CrewMember, Deal
from paperwork.model.production import Production
from paperwork.model.records import Company, Person
from paperwork.model.risks import Risk
from paperwork.model.screenplay import (
    Action,
    Dialogue,
    SceneHeading,
    Screenplay,
    Speech,
    runs,
)
from paperwork.model.source import Pos
from paperwork.planning import checks
from paperwork.planning.breakdown import parse_heading
from paperwork.planning.daylight import sun_times, to_minute
from paperwork.planning.shoot import day_out_of_days, light_of, plan
from paperwork.readers.production import read_production
from paperwork.readers.snapshots import read_issued_call_sheets

TODAY = date(2027, 2, 28)
BRISTOL = (51.4545, -2.5879)
LONDON = ZoneInfo("Europe/London")


def sched(line: int, column: str = "") -> Pos:
    return Pos("schedule.csv", line, field=column)


def calls(line: int, column: str = "") -> Pos:
    return Pos("calls.csv", line, field=column)


def _scene(
    number: str, heading: str, characters: tuple[str, ...], eighths: int, line: int
) -> SceneBreakdown:
    int_ext, set_name, tod = parse_heading(heading)
    return SceneBreakdown(
        number,
        heading,
        int_ext,
        set_name,
        tod,
        "1",
        eighths,
        characters,
        Pos("script.fountain", line),
    )


SCENES = (
    _scene("1", "INT. FLAT - DAY", ("ANA", "CAT"), 12, 10),
    _scene("2", "EXT. QUAY - DAY", ("ANA", "BEN"), 5, 20),
    _scene("3", "EXT. QUAY - NIGHT", ("BEN", "DAN", "ZED"), 3, 30),
    _scene("4", "EXT. QUAY - DUSK", ("ANA",), 2, 40),
    _scene("5", "INT. FLAT - NIGHT", ("ANA",), 4, 50),
    _scene("6", "INT. ATTIC - DAY", ("ANA",), 1, 60),
)
BREAKDOWN = Breakdown("Test Show", 3, SCENES)


def _speech(name: str, line: int, *ext: str) -> Speech:
    pos = Pos("script.fountain", line, 1)
    return Speech(name, ext, (Dialogue(runs("Hello."), pos),), pos)


def _screenplay() -> Screenplay:
    elements: list[object] = []
    for s in SCENES:
        line = s.pos.line
        elements.append(SceneHeading(runs(s.heading), Pos("script.fountain", line, 1), s.number))
        elements.append(
            Action(runs(f"Scene {s.number} begins. More."), Pos("script.fountain", line + 2, 1))
        )
        for k, name in enumerate(s.characters):
            ext = ("V.O.",) if name == "DAN" else ()
            elements.append(_speech(name, line + 4 + k, *ext))
    return Screenplay("script.fountain", None, tuple(elements))  # type: ignore[arg-type]


def _day(number: int, when: date, line: int, strips: tuple[object, ...], **kw: object) -> ShootDay:
    cells = (("day", sched(line, "day")), ("date", sched(line, "date")))
    for name in ("unit_call", "wrap", "lunch", "location"):
        if name in kw:
            cells += ((name, sched(line, name)),)
    return ShootDay(number, when, strips, pos=sched(line), cells=cells, **kw)  # type: ignore[arg-type]


def _strip(
    number: str, line: int, start: time | None = None, end: time | None = None, **kw: object
) -> ScheduledScene:
    cells = tuple(
        (c, sched(line, c)) for c in ("scene", "time", "cast", "pages", "location", "notes")
    )
    span = TimeSpan(start, end) if start else None
    return ScheduledScene(number, span, pos=sched(line, "scene"), cells=cells, **kw)  # type: ignore[arg-type]


def _call(who: str, line: int, day: int | None = None, **kw: object) -> Call:
    cells = tuple((c, calls(line, c)) for c in ("day", "who", "call", "release", "hmu", "on_set"))
    return Call(who, day, pos=calls(line), cells=cells, **kw)  # type: ignore[arg-type]


def _cast(cid: str, artist: str, character: str, line: int, **kw: object) -> CastMember:
    cells = tuple((c, Pos("cast.csv", line, field=c)) for c in ("id", "licence", "chaperone"))
    return CastMember(cid, artist, (character,), pos=Pos("cast.csv", line), cells=cells, **kw)  # type: ignore[arg-type]


def _location(lid: str, name: str, sets: tuple[str, ...]) -> Location:
    return Location(
        lid,
        name,
        sets,
        pos=Pos("locations.csv", 2),
        address=("1 Quay Street", "Bristol"),
        postcode="BS1 1AA",
        latitude=BRISTOL[0],
        longitude=BRISTOL[1],
        what3words="///a.b.c",
        hospital=Hospital(
            "Bristol Harbour Infirmary (A&E)", ("Upper Maudlin Street",), "0117 496 0998"
        ),
    )


CAST = (
    _cast("1", "Ana Artist", "ANA", 2),
    _cast("2", "Ben Artist", "BEN", 3),
    _cast("3", "Cat Child", "CAT", 4, date_of_birth=date(2015, 6, 14)),
    _cast("4", "Dan Voice", "DAN", 5),
)
DAYS = (
    _day(
        1,
        date(2027, 3, 1),
        2,
        (
            _strip("1", 3, time(9), time(12)),
            _strip("2", 4, time(18), time(19)),
            Banner("Lunch", sched(5, "banner"), TimeSpan(time(15), time(16))),
            _strip("99", 6),
            _strip("6", 7),
        ),
        unit_call=time(8),
        wrap=time(22),
        lunch=TimeSpan(time(15), time(16)),
    ),
    _day(
        2,
        date(2027, 3, 2),
        8,
        (
            _strip("3", 9, time(12), time(13)),
            _strip("4", 10, time(10), time(11)),
            _strip("1", 11, time(14), time(15), eighths=4, notes="part"),
            _strip("2", 12, time(15), time(16), cast=("7",)),
        ),
        unit_call=time(7),
        wrap=time(17),
    ),
)
CALLS = (
    _call("3", 2, 1, call=time(6, 30), release=time(23, 30)),
    _call("3", 3, 2, call=time(8)),
    _call("4", 4, 2, call=time(9)),
    _call("Nobody", 5, 1, call=time(9)),
    _call("1", 6, 9, call=time(9)),
)
CREW = (
    CrewMember("Jo Grip", "Grip", pos=Pos("crew.csv", 2), department="Grip", phone="07700 900001"),
)
SETTINGS = CallSheetSettings(
    pos=Pos("production.yaml", 30), shoot_days=2, contacts=("Producer", "Gaffer")
)


def _production(**kw: object) -> Production:
    values: dict[str, object] = {
        "root": Path("."),
        "manifest": Pos("production.yaml"),
        "title": "Test Show",
        "company": Company("Test Pictures Ltd", phone="0117 496 0000"),
        "people": (Person("Pat Producer", "Producer", "pat@example.com", "07700 900002"),),
        "tables": (("schedule", Path("schedule.csv")),),
        "shoot_days": DAYS,
        "cast": CAST,
        "locations": (
            _location("L1", "Harbour flat", ("FLAT",)),
            _location("L2", "Quay", ("QUAY",)),
        ),
        "calls": CALLS,
        "crew": CREW,
        "call_sheets": SETTINGS,
    }
    values.update(kw)
    return Production(**values)  # type: ignore[arg-type]


def _build(
    production: Production | None = None, d: Diagnostics | None = None, **kw: object
) -> tuple[tuple[BuiltDocument, ...], Diagnostics]:
    d = d if d is not None else Diagnostics()
    options = BuildOptions(breakdown=BREAKDOWN, screenplay=_screenplay(), **kw)  # type: ignore[arg-type]
    return call_sheet.build(BuildJob(production or _production(), TODAY, d, options)), d


def _found(d: Diagnostics) -> list[tuple[str, str, str]]:
    return sorted((x.severity, x.code, str(x.pos)) for x in d)


# --- The day out of days --------------------------------------------------------------------------


def test_status_codes_from_days_worked() -> None:
    """SW first, WF last, H between when not working, nothing outside, SWF alone."""
    assert day_out_of_days([False, True, False, True, False, False, True, False]) == (
        "", "SW", "H", "W", "H", "H", "WF", "",
    )  # fmt: skip
    assert day_out_of_days([False, True, False]) == ("", "SWF", "")
    assert day_out_of_days([False, False]) == ("", "")


def test_plan_statuses_count_on_set_cast_but_not_voices() -> None:
    """Dan is only heard (V.O.) in scene 3 but is called on day 2: he works that day."""
    the_plan = plan(_production(), BREAKDOWN, _screenplay())
    assert dict(the_plan.statuses) == {
        "1": ("SW", "WF"),
        "2": ("SW", "WF"),
        "3": ("SW", "WF"),
        "4": ("", "SWF"),
    }
    scene3 = the_plan.days[1].scenes[0]
    assert [m.id for m in scene3.cast] == ["2"] and [m.id for m in scene3.voices] == ["4"]
    assert scene3.uncast == ("ZED",)
    assert scene3.synopsis == "Scene 3 begins. More."


def test_a_voice_without_a_call_does_not_work() -> None:
    """Without Dan's call he is not on day 2's sheet, and no day holds him."""
    the_plan = plan(_production(calls=CALLS[:2]), BREAKDOWN, _screenplay())
    assert dict(the_plan.statuses)["4"] == ("", "")
    assert "4" not in [p.key for p in the_plan.days[1].cast]


def test_eighths_total_per_day_count_parts() -> None:
    """Day 1: 12 + 5 + 1 eighths (scene 99 is not in the script); day 2: 3 + 2 + 4 + 5."""
    the_plan = plan(_production(), BREAKDOWN, _screenplay())
    assert [pd.eighths for pd in the_plan.days] == [18, 14]
    docs, _ = _build()
    assert [doc.context["total_pages"] for doc in docs] == ["2 2/8 pages", "1 6/8 pages"]
    rows = [r for r in docs[1].context["scenes"] if r.kind == "scene"]  # type: ignore[attr-defined]
    assert [r.pages for r in rows] == ["3/8", "2/8", "4/8 of 1 4/8", "5/8"]


# --- Checks -------------------------------------------------------------------------------------------


def test_every_check_is_reported_at_its_cell() -> None:
    """One run reports every problem of the hand-made schedule, each with its code and cell."""
    _, d = _build()
    assert _found(d) == sorted(
        [
            ("info", "scene-not-scheduled", "script.fountain:50"),
            ("error", "scene-not-in-script", "schedule.csv:6:scene"),
            ("error", "set-no-location", "schedule.csv:7:scene"),
            ("error", "character-not-cast", "schedule.csv:9:scene"),
            ("error", "unknown-cast-id", "schedule.csv:12:cast"),
            ("warning", "parts-do-not-add-up", "schedule.csv:11:pages"),
            ("warning", "parts-do-not-add-up", "schedule.csv:12:pages"),
            ("warning", "cast-not-in-scenes", "calls.csv:4:who"),
            ("warning", "cast-no-call", "schedule.csv:2:day"),
            ("warning", "cast-no-call", "schedule.csv:2:day"),
            ("warning", "cast-no-call", "schedule.csv:8:day"),
            ("warning", "cast-no-call", "schedule.csv:8:day"),
            ("error", "unknown-person", "calls.csv:5:who"),
            ("error", "no-such-day", "calls.csv:6:day"),
            ("warning", "ext-day-outside-daylight", "schedule.csv:4:time"),
            ("warning", "ext-night-in-daylight", "schedule.csv:9:time"),
            ("warning", "ext-twilight-missed", "schedule.csv:10:time"),
            ("warning", "short-turnaround", "schedule.csv:8:unit_call"),
            ("warning", "short-turnaround", "calls.csv:3:call"),
            ("error", "minor-no-licence", "cast.csv:4:licence"),
            ("error", "minor-no-chaperone", "cast.csv:4:chaperone"),
            ("error", "minor-too-early", "calls.csv:2:call"),
            ("error", "minor-too-late", "calls.csv:2:release"),
            ("error", "minor-too-long", "calls.csv:2:release"),
            ("error", "minor-short-rest", "calls.csv:3:call"),
            ("warning", "lunch-late", "schedule.csv:2:lunch"),
            ("warning", "contact-missing", "production.yaml:30"),  # once, not per builder
        ]
    )


def test_turnaround_names_everyone_with_the_same_gap_once() -> None:
    """Ana, Ben and Jo all wrap at 22:00 and are called at 07:00: one warning, three names."""
    _, d = _build()
    (unit,) = [x for x in d if x.code == "short-turnaround" and "schedule" in str(x.pos)]
    assert "9 h between day 1's release (22:00) and day 2's call (07:00)" in unit.message
    assert "Ana Artist, Ben Artist, Jo Grip" in unit.message


def test_without_the_screenplay_an_uncast_speaker_is_only_a_warning() -> None:
    """No screenplay: ZED could be a voice, so it is a warning; Dan has no way to be heard."""
    d = Diagnostics()
    options = BuildOptions(breakdown=BREAKDOWN)
    call_sheet.build(BuildJob(_production(), TODAY, d, options))
    (zed,) = [x for x in d if x.code == "character-not-cast"]
    assert zed.severity == "warning" and "ZED" in zed.message


def test_a_child_called_seven_days_running_is_an_error_on_the_seventh() -> None:
    """Six consecutive days are allowed; the seventh is located at its call."""
    days = tuple(
        _day(
            n,
            date(2027, 3, n),
            10 * n,
            (_strip("1", 10 * n + 1, time(9), time(12)),),
            unit_call=time(8),
            wrap=time(15),
        )  # fmt: skip
        for n in range(1, 8)
    )
    child = replace(CAST[2], licence="L/1", chaperone="Parent")
    rows = tuple(_call("3", n + 1, n, call=time(8), release=time(15)) for n in range(1, 8))
    d = Diagnostics()
    production = _production(shoot_days=days, cast=(CAST[0], child), calls=rows, crew=())
    the_plan = plan(production, BREAKDOWN, _screenplay())
    checks._check_minors(production, the_plan, d)
    assert _found(d) == [("error", "minor-too-many-days", "calls.csv:8:call")]


# --- The issue's day 6: a sheet that contradicts itself ---------------------------------------------

# A child (11) in a night scene 18:45-20:00, called at 20:00 and on set at 21:10.
NIGHT = _day(
    6,
    date(2027, 3, 6),
    2,
    (_strip("5", 3, time(18, 45), time(20), cast=("3",)), _strip("6", 4, time(21), time(22))),
    unit_call=time(12, 30),
    wrap=time(23, 30),
)
NIGHT_CALLS = (
    _call("1", 2, 6, call=time(12), on_set=time(13, 25), release=time(23)),
    _call("3", 3, 6, call=time(20), on_set=time(21, 10), release=time(23)),
)


def _night(calls: tuple[Call, ...] = NIGHT_CALLS, **kw: object) -> Diagnostics:
    production = _production(shoot_days=(NIGHT,), calls=calls, **kw)
    _, d = _build(production)
    return d


def _timing(d: Diagnostics) -> list[tuple[str, str, str]]:
    codes = {"called-after-scene-start", "not-on-set-for-scene", "child-limit-exceeded"}
    return [f for f in _found(d) if f[1] in codes]


def test_the_issue_day_six_contradiction_is_caught_at_the_childs_call() -> None:
    """Called at 20:00 and on set at 21:10 for a scene from 18:45: two warnings at her call."""
    d = _night()
    assert _timing(d) == [
        ("warning", "called-after-scene-start", "calls.csv:3:call"),
        ("warning", "not-on-set-for-scene", "calls.csv:3:call"),
    ]
    late = next(x for x in d if x.code == "not-on-set-for-scene")
    assert "21:10" in late.message and "5 (18:45)" in late.message


def test_on_set_in_time_for_every_scene_is_quiet() -> None:
    """Called at 17:15, on set at 18:30 for 18:45: nothing to say."""
    fixed = (NIGHT_CALLS[0], replace(NIGHT_CALLS[1], call=time(17, 15), on_set=time(18, 30)))
    assert _timing(_night(fixed)) == []
    # called in time but made up too slowly: only the on-set time is wrong
    slow = (NIGHT_CALLS[0], replace(NIGHT_CALLS[1], call=time(17, 15), on_set=time(19)))
    assert _timing(_night(slow)) == [("warning", "not-on-set-for-scene", "calls.csv:3:call")]


def test_supporting_artists_are_on_set_for_their_scene_too() -> None:
    """Twenty drinkers for scene 5 (18:45) called at 19:00 and on set at 19:30."""
    where = Pos("supporting_artists.csv", 2)
    cells = tuple((c, replace(where, field=c)) for c in ("day", "call", "on_set"))
    group = SupportingArtists(
        6, 20, "Drinkers", ("5",), time(19), None, time(19, 30), pos=where, cells=cells
    )
    fixed = (NIGHT_CALLS[0], replace(NIGHT_CALLS[1], call=time(17, 15), on_set=time(18, 30)))
    assert _timing(_night(fixed, supporting_artists=(group,))) == [
        ("warning", "called-after-scene-start", "supporting_artists.csv:2:call"),
        ("warning", "not-on-set-for-scene", "supporting_artists.csv:2:call"),
    ]
    early = replace(group, call=time(17), on_set=time(18, 30))
    assert _timing(_night(fixed, supporting_artists=(early,))) == []


def _risk(line: int, **kw: object) -> Risk:
    cells = tuple((c, Pos("risks.csv", line, field=c)) for c in ("id", "person", "not_after"))
    return Risk(f"RA{line}", "Child on set", pos=Pos("risks.csv", line), cells=cells, **kw)  # type: ignore[arg-type]


def test_a_childs_limit_in_the_risk_assessment_is_checked_at_her_call() -> None:
    """No work after 22:00 (by character name) and no water work (scene 5 is a water risk)."""
    fixed = (NIGHT_CALLS[0], replace(NIGHT_CALLS[1], call=time(17, 15), on_set=time(18, 30)))
    late = _risk(2, person="CAT", not_after=time(22))
    assert _timing(_night(fixed, risks=(late,))) == [
        ("warning", "child-limit-exceeded", "calls.csv:3:call")
    ]
    early = replace(NIGHT_CALLS[1], call=time(17, 15), on_set=time(18, 30), release=time(21, 30))
    assert _timing(_night((NIGHT_CALLS[0], early), risks=(late,))) == []
    water = _risk(3, category="water", scenes=("5",))
    dry = _risk(4, person="Cat Child", no_water_work=True)
    d = _night((NIGHT_CALLS[0], early), risks=(water, dry))
    assert _timing(d) == [("warning", "child-limit-exceeded", "calls.csv:3:call")]
    assert "RA4 allows no water work" in next(x.message for x in d if x.code.startswith("child"))
    d = _night((NIGHT_CALLS[0], early), risks=(_risk(5, person="Nobody", not_after=time(22)),))
    assert ("error", "unknown-person", "risks.csv:5:person") in _found(d)


def test_a_limit_only_in_free_text_is_not_guessed() -> None:
    """The same 22:00 limit written only in the controls' text is not read (README says so)."""
    fixed = (NIGHT_CALLS[0], replace(NIGHT_CALLS[1], call=time(17, 15), on_set=time(18, 30)))
    text = _risk(2, controls="No night work after 22:00 for Cat", further_controls="No water")
    assert _timing(_night(fixed, risks=(text,))) == []


def test_light_words() -> None:
    """Times of day sort into the light they need; CONTINUOUS follows the scene before."""
    assert [light_of(t) for t in ("DAY", "NIGHT (1968)", "DUSK", "DAWN", "LATER", "CONTINUOUS")] == [
        "day", "night", "dusk", "dawn", "follows", "follows",
    ]  # fmt: skip


# --- Sun ---------------------------------------------------------------------------------------------


def test_the_sheet_shows_sun_times_and_civil_twilight_for_dusk_exteriors() -> None:
    """Day 2 has night and dusk exteriors: its sheet adds civil dusk; day 1 does not."""
    docs, _ = _build()
    labels = [[s.label for s in doc.context["sun"]] for doc in docs]  # type: ignore[attr-defined]
    assert labels == [["Sunrise", "Sunset"], ["Sunrise", "Sunset", "Civil dusk"]]
    sun = sun_times(_location("B", "Bristol", ()), date(2027, 3, 1), LONDON)
    assert sun is not None and sun.sunrise is not None  # published figures: tests/planning
    assert docs[0].context["sun"][0].value == to_minute(sun.sunrise)  # type: ignore[index]


# --- Header, versions, calendar ----------------------------------------------------------------


def test_header_facts() -> None:
    """Day X of Y from the declared calendar, weekday date, number, version, issuer."""
    docs, _ = _build()
    c = docs[1].context
    assert (c["day_of"], c["date"], c["call_sheet_no"], c["version"], c["supersedes"]) == (
        "Day 2 of 2", "Tue 2 Mar 2027", "2", "Rev 1", "",
    )  # fmt: skip
    assert [d.stem for d in docs] == [
        "call-sheet_day01_2027-03-01_v1",
        "call-sheet_day02_2027-03-02_v1",
    ]
    assert docs[0].formats == ("docx", "pdf", "json", "ics")
    cast = {r.id: r for r in c["cast"]}  # type: ignore[attr-defined]
    assert cast["3"].status == "WF" and "Child (11)" in cast["3"].notes


def test_one_day_only() -> None:
    """options.day builds that day's sheet; an unknown day is an error."""
    docs, _ = _build(day=2)
    assert [d.stem for d in docs] == ["call-sheet_day02_2027-03-02_v1"]
    docs, d = _build(day=5)
    assert docs == () and ("error", "no-such-day", "schedule.csv") in _found(d)


def _issue(
    tmp_path: Path, production: Production, version: int | None
) -> tuple[BuiltDocument, Diagnostics]:
    d = Diagnostics()
    issued = read_issued_call_sheets(tmp_path, [1], d)  # as the pipeline reads them
    docs, d = _build(production, d, day=1, version=version, issued_call_sheets=issued)
    (doc,) = docs
    return doc, d


def _write(tmp_path: Path, doc: BuiltDocument) -> None:
    (tmp_path / f"{doc.stem}.json").write_text(str(doc.context["snapshot_json"]), encoding="utf-8")


def test_a_reissue_lists_its_changes_against_the_previous_snapshot(tmp_path: Path) -> None:
    """Rev 2 supersedes Rev 1 and says what moved: the unit call and a cast call."""
    first, _ = _issue(tmp_path, _production(), None)
    _write(tmp_path, first)
    snapshot = json.loads(str(first.context["snapshot_json"]))
    assert (snapshot["day"], snapshot["version"], snapshot["format"]) == (
        1,
        1,
        "paperwork call sheet 1",
    )
    day1 = replace(DAYS[0], unit_call=time(7, 30))
    later = _production(
        shoot_days=(day1, DAYS[1]), calls=(replace(CALLS[0], call=time(7)), *CALLS[1:])
    )
    second, d = _issue(tmp_path, later, 2)
    assert second.stem == "call-sheet_day01_2027-03-01_v2"
    assert second.context["supersedes"] == "Supersedes Rev 1"
    changes = second.context["changes"]
    assert "Day: Unit call 08:00 → 07:30" in changes  # type: ignore[operator]
    assert "Cast 3 Cat Child: call 06:30 → 07:00" in changes  # type: ignore[operator]
    assert not [x for x in d if x.code in ("version-not-increasing", "no-previous-issue")]


def test_a_version_that_does_not_increase_is_an_error(tmp_path: Path) -> None:
    """Rev 1 again with different content, or Rev 1 after Rev 2: both refused at the day."""
    first, _ = _issue(tmp_path, _production(), None)
    _write(tmp_path, first)
    again, d = _issue(tmp_path, _production(), 1)
    assert not [x for x in d if x.code == "version-not-increasing"]  # same content: fine
    changed = _production(shoot_days=(replace(DAYS[0], wrap=time(21)), DAYS[1]))
    _, d = _issue(tmp_path, changed, 1)
    assert ("error", "version-not-increasing", "schedule.csv:2:day") in _found(d)
    second, _ = _issue(tmp_path, changed, 2)
    _write(tmp_path, second)
    _, d = _issue(tmp_path, changed, 1)
    assert ("error", "version-not-increasing", "schedule.csv:2:day") in _found(d)


def test_a_reissue_without_the_earlier_snapshot_warns(tmp_path: Path) -> None:
    """Rev 2 with no Rev 1 snapshot in the folder still supersedes it, and says so."""
    doc, d = _issue(tmp_path, _production(), 2)
    assert ("warning", "no-previous-issue", "schedule.csv:2:day") in _found(d)
    assert doc.context["supersedes"] == "Supersedes Rev 1"


def test_a_reissue_with_nothing_changed_warns(tmp_path: Path) -> None:
    """Rev 2 of the very same sheet: reissue-without-changes at the day; a real change is quiet."""
    first, _ = _issue(tmp_path, _production(), None)
    _write(tmp_path, first)
    second, d = _issue(tmp_path, _production(), 2)
    assert ("warning", "reissue-without-changes", "schedule.csv:2:day") in _found(d)
    assert second.context["changes"] == ("Nothing has changed since Rev 1.",)
    moved = _production(shoot_days=(replace(DAYS[0], wrap=time(21)), DAYS[1]))
    _, d = _issue(tmp_path, moved, 2)
    assert not [x for x in d if x.code == "reissue-without-changes"]


def test_page_counts_agree_with_their_noun() -> None:
    """1 page, 7/8 page, 1 1/8 pages, 2 pages; a one-page day and its advance say so."""
    assert [call_sheet.pages_text(n) for n in (8, 7, 9, 16, 0)] == [
        "1 page", "7/8 page", "1 1/8 pages", "2 pages", "0 pages",
    ]  # fmt: skip
    one = _day(1, date(2027, 3, 1), 2, (_strip("6", 3), _strip("2", 4)), unit_call=time(8))
    two = _day(2, date(2027, 3, 2), 5, (_strip("6", 6),), unit_call=time(8))
    docs, _ = _build(_production(shoot_days=(replace(one, strips=(_strip("1", 3),)), two)))
    assert docs[0].context["total_pages"] == "1 4/8 pages"
    assert docs[0].context["advance"][0].pages == "1/8 page"  # type: ignore[index]
    docs, _ = _build(_production(shoot_days=(one, two)))
    assert docs[0].context["total_pages"] == "6/8 page"
    three = replace(one, strips=(_strip("2", 3), _strip("3", 4)))
    four = replace(two, strips=(_strip("2", 6), _strip("3", 7)))
    docs, _ = _build(_production(shoot_days=(three, four)))
    assert [doc.context["total_pages"] for doc in docs] == ["1 page", "1 page"]
    assert docs[0].context["advance"][0].pages == "1 page"  # type: ignore[index]


CREW_MIX = tuple(
    CrewMember(f"P{i}", role, pos=Pos("crew.csv", i + 2), department=dept)
    for i, (role, dept) in enumerate(
        (
            ("Unit Driver", "Transport"),
            ("Gaffer", "Lighting"),
            ("Boom Operator", "Sound"),
            ("Stills", "Publicity"),
            ("Editor", "Post Production"),
            ("Chef", "Catering"),
            ("Focus Puller", "Camera"),
            ("Make-up Artist", "Hair & Make-up"),
            ("Animal Handler", "Animals"),
            ("Designer", "Art"),
            ("2nd AD", "Assistant Directors"),
            ("Key Grip", "Grip"),
            ("Drone Pilot", "Aerial"),
            ("Script Supervisor", "Production"),
            ("Costume Designer", "Costume"),
            ("Location Manager", "Locations"),
        )
    )
)


def test_departments_come_in_the_usual_uk_order_or_the_productions_own() -> None:
    """Production, ADs, Camera, Sound, Lighting, Grip...; unknown ones last, as the crew lists
    them; call_sheets: departments puts its own first."""
    docs, _ = _build(_production(crew=CREW_MIX), day=1)
    names = [dep.name for dep in docs[0].context["crew"]]  # type: ignore[attr-defined]
    assert names == [
        "Production", "Assistant Directors", "Camera", "Sound", "Lighting", "Grip", "Art",
        "Costume", "Hair & Make-up", "Locations", "Transport", "Catering", "Publicity",
        "Post Production", "Animals", "Aerial",
    ]  # fmt: skip
    columns = docs[0].context["crew_columns"]
    assert [dep.name for col in columns for dep in col] == names  # type: ignore[attr-defined]
    own = replace(SETTINGS, departments=("transport", "AERIAL", "Camera"))
    docs, _ = _build(_production(crew=CREW_MIX, call_sheets=own), day=1)
    names = [dep.name for dep in docs[0].context["crew"]]  # type: ignore[attr-defined]
    assert names[:3] == ["Transport", "Aerial", "Camera"]
    assert names[3:] == [m.department for m in CREW_MIX if m.department not in names[:3]]


def test_the_calendar_has_one_event_per_person_with_fixed_stamp_and_uids() -> None:
    """Day 1: Ana, Ben, Cat and Jo; Cat's event runs 06:30-23:30 London time."""
    docs, _ = _build()
    ics = call_sheet.text_output(docs[0], "ics")
    assert ics is not None
    text = ics.decode("utf-8").replace("\r\n ", "")
    lines = text.split("\r\n")
    uids = [line for line in lines if line.startswith("UID:")]
    assert uids == [
        "UID:test-show-day01-cast-1@test-pictures-ltd",
        "UID:test-show-day01-cast-2@test-pictures-ltd",
        "UID:test-show-day01-cast-3@test-pictures-ltd",
        "UID:test-show-day01-crew-jo-grip@test-pictures-ltd",
    ]
    assert lines.count("DTSTAMP:20270228T000000Z") == 4
    assert "DTSTART;TZID=Europe/London:20270301T063000" in lines
    assert "DTEND;TZID=Europe/London:20270301T233000" in lines
    assert "TZID:Europe/London" in lines
    assert lines.count("LOCATION:Harbour flat\\, 1 Quay Street\\, Bristol\\, BS1 1AA") == 4
    again, _ = _build()
    assert call_sheet.text_output(again[0], "ics") == ics


# --- The demo: the real chain, and both renderings ---------------------------------------------


@pytest.fixture(scope="module")
def demo_run(demo: Path) -> tuple[Production, Breakdown, Screenplay]:
    from paperwork.planning.breakdown import build_breakdown
    from paperwork.readers.production import read_production
    from paperwork.scripts import paginate_script, read_script

    d = Diagnostics()
    production = read_production(demo, d)
    assert production is not None and production.script is not None
    screenplay = read_script(production.script, d)
    breakdown = build_breakdown(screenplay, paginate_script(screenplay, production.script_paper))
    assert d.items == []
    return production, breakdown, screenplay


def test_demo_builds_without_a_single_diagnostic(
    demo_run: tuple[Production, Breakdown, Screenplay],
) -> None:
    """The demo's ten days agree with its script, cast, crew, calls and the child rules."""
    production, breakdown, screenplay = demo_run
    d = Diagnostics()
    options = BuildOptions(breakdown=breakdown, screenplay=screenplay)
    docs = call_sheet.build(BuildJob(production, TODAY, d, options))
    assert d.items == [] and len(docs) == 10
    the_plan = plan(production, breakdown, screenplay)
    assert sum(pd.eighths for pd in the_plan.days) == breakdown.eighths  # parts add up
    assert the_plan.unscheduled == ()


@pytest.mark.slow  # renders documents: over a second
def test_demo_day_one_renders_to_one_or_two_a4_pages_with_its_facts(
    demo_run: tuple[Production, Breakdown, Screenplay], demo: Path
) -> None:
    """PDF and DOCX of day 1 carry the header, the scenes, the cast and the A&E."""
    from pypdf import PdfReader

    from paperwork.render.docx import docx_text, render_docx
    from paperwork.render.html_pdf import render_pdfs
    from paperwork.render.templates import TemplateSet
    from paperwork.resources import templates_dir

    production, breakdown, screenplay = demo_run
    options = BuildOptions(breakdown=breakdown, screenplay=screenplay, day=1)
    (doc,) = call_sheet.build(BuildJob(production, TODAY, Diagnostics(), options))
    templates = TemplateSet([templates_dir()])
    batch = render_pdfs([doc], templates, [templates_dir(), demo])
    reader = PdfReader(io.BytesIO(batch.pdfs[0]))
    assert 1 <= len(reader.pages) <= 2 and batch.refused == ()
    box = reader.pages[0].mediabox
    assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (210, 297)
    pdf = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    word = " ".join(docx_text(render_docx(doc, templates)).split())
    sunrise = doc.context["sun"][0].value  # type: ignore[index]
    for text in (pdf, word):
        for fact in (
            "Day 1 of 10",
            "Mon 1 Mar 2027",
            "CALL SHEET",
            "Nadia Rennick",
            "Poppy Tresize",
            "ANA'S FLAT",
            "2 5/8 pages",
            "Bristol Harbour Infirmary",
            f"Sunrise {sunrise}",
            "Playback",
        ):
            assert fact in text, (fact, text[:300])


def test_text_outputs_for_the_pipeline() -> None:
    """json and ics come out as UTF-8 bytes; other formats are the renderers' business."""
    docs, _ = _build(day=1)
    (doc,) = docs
    ics = call_sheet.text_output(doc, "ics")
    assert ics is not None and ics.startswith(b"BEGIN:VCALENDAR\r\n")
    snapshot = call_sheet.text_output(doc, "json")
    assert snapshot is not None and json.loads(snapshot)["facts"]["Cast"]
    assert call_sheet.text_output(doc, "pdf") is None


# --- The demo's ten sheets as their readers see them ---------------------------------------------

NAVY = (0.12, 0.23, 0.37)  # the department headings' colour in call_sheet.html


@pytest.fixture(scope="module")
def demo_sheet_docs(demo: Path) -> tuple[BuiltDocument, ...]:
    """The demo's call sheets as the pipeline plans them on the session build's day."""
    from paperwork.pipeline import BuildRequest, plan

    built_on = date(2026, 12, 2)  # the session's build's --date (tests/conftest.py)
    made = plan(demo, BuildRequest(today=built_on, kinds=("call-sheets",)), Diagnostics())
    docs = tuple(d for d in made.docs if d.kind == call_sheet.KIND.name)
    assert len(docs) == 10
    return docs


@pytest.fixture(scope="module")
def demo_sheets(
    demo_sheet_docs: tuple[BuiltDocument, ...], demo_pdfs: Any
) -> tuple[tuple[BuiltDocument, ...], list[bytes]]:
    """Those sheets, and their PDFs as the session's build of the demo (the same day, the
    same plan) wrote them."""
    assert demo_pdfs.exit_code == 0, demo_pdfs.output
    docs = demo_sheet_docs
    return docs, [(demo_pdfs.out / f"{d.stem}.pdf").read_bytes() for d in docs]


@pytest.mark.slow
def test_no_department_heading_is_left_at_the_foot_of_a_page(
    demo_sheets: tuple[tuple[BuiltDocument, ...], list[bytes]],
) -> None:
    """On every demo sheet each department's heading has its first person right under it."""
    from tests.pdf_text import page_words

    docs, pdfs = demo_sheets
    for doc, pdf in zip(docs, pdfs, strict=True):
        names = [dep.name for dep in doc.context["crew"]]  # type: ignore[attr-defined]
        found: list[str] = []
        for number, words in enumerate(page_words(pdf), 1):
            foot = min(w.top for w in words if w.text == "Confidential:")
            for name in names:
                parts = name.split()
                for i in range(len(words) - len(parts) + 1):
                    run = words[i : i + len(parts)]
                    if [w.text for w in run] != parts or any(
                        abs(w.bottom - run[0].bottom) > 1 for w in run
                    ):
                        continue
                    heading = run[0]
                    if not all(
                        abs(a - b) < 0.01 for a, b in zip(heading.colour, NAVY, strict=True)
                    ):
                        continue
                    found.append(name)
                    below = [
                        w
                        for w in words
                        if abs(w.x0 - heading.x0) < 3
                        and 0 < w.top - heading.bottom < 12
                        and w.bottom < foot
                    ]
                    assert below, f"{doc.stem} page {number}: {name!r} alone at the foot"
        assert sorted(found) == sorted(names), doc.stem


@pytest.mark.slow
def test_the_confidentiality_line_is_printed_once_on_every_page(
    demo_sheets: tuple[tuple[BuiltDocument, ...], list[bytes]],
) -> None:
    """Once per page in the PDF; in the DOCX only in the footer, which every page repeats."""
    import docx

    from paperwork.render.docx import render_docx
    from paperwork.render.templates import TemplateSet
    from paperwork.resources import templates_dir
    from tests.pdf_text import page_texts

    docs, pdfs = demo_sheets
    for pdf in pdfs:
        pages = page_texts(pdf)
        assert len(pages) >= 2
        assert [page.count("Confidential:") for page in pages] == [1] * len(pages)
    word = docx.Document(io.BytesIO(render_docx(docs[0], TemplateSet([templates_dir()]))))
    body = "\n".join(p.text for p in word.paragraphs)
    body += "\n".join(c.text for t in word.tables for row in t.rows for c in row.cells)
    footer = "\n".join(p.text for p in word.sections[0].footer.paragraphs)
    assert "Confidential:" not in body and footer.count("Confidential:") == 1


def test_department_headings_keep_with_their_people_in_word(
    demo_sheet_docs: tuple[BuiltDocument, ...],
) -> None:
    """Each department's heading paragraph is "keep with next"; its rows never split."""
    import docx

    from paperwork.render.docx import render_docx
    from paperwork.render.templates import TemplateSet
    from paperwork.resources import templates_dir

    docs = demo_sheet_docs
    word = docx.Document(io.BytesIO(render_docx(docs[0], TemplateSet([templates_dir()]))))
    names = [dep.name for dep in docs[0].context["crew"]]  # type: ignore[attr-defined]
    heads = [p for p in word.paragraphs if p.style is not None and p.style.name == "Heading 3"]
    assert [p.text for p in heads] == names
    assert all(p.paragraph_format.keep_with_next for p in heads)


@pytest.mark.slow  # reads the session's build of the demo
def test_one_page_is_one_page_on_paper(
    demo_sheets: tuple[tuple[BuiltDocument, ...], list[bytes]],
) -> None:
    """Day 4 shoots one page and day 3's advance schedule says so: never "1 pages"."""
    from pypdf import PdfReader

    from paperwork.render.docx import docx_text, render_docx
    from paperwork.render.templates import TemplateSet
    from paperwork.resources import templates_dir

    docs, pdfs = demo_sheets
    for index in (2, 3):  # days 3 and 4
        pdf = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdfs[index])).pages)
        word = docx_text(render_docx(docs[index], TemplateSet([templates_dir()])))
        for text in (" ".join(pdf.split()).casefold(), " ".join(word.split()).casefold()):
            assert "· 1 page" in text and "1 pages" not in text


# --- The plan's indexes keep the rules of a scan -----------------------------------------------


def _deal(start: date, end: date) -> Deal:
    demo_crew = read_production(Path(__file__).parents[2] / "fixtures" / "demo", Diagnostics())
    assert demo_crew is not None and demo_crew.crew[0].deal is not None
    return replace(demo_crew.crew[0].deal, start=start, end=end)


def test_calls_find_people_however_the_name_is_written_and_the_later_row_wins() -> None:
    """' jo   GRIP ' is Jo Grip; of two day-1 rows the later one counts; ' 3 ' is cast 3."""
    people = (
        _call(" jo   GRIP ", 2, None, offset_minutes=-30),
        _call("JO GRIP", 3, 1, call=time(6)),
        _call("jo grip", 4, 1, call=time(6, 15)),
        _call(" 3 ", 5, 1, call=time(6, 45)),
        _call("3", 6, 2, call=time(8)),
    )
    the_plan = plan(_production(calls=people), BREAKDOWN, _screenplay())
    crew = [[(m.name, f"{p.call:%H:%M}", p.row.pos.line if p.row else 0) for m, p in pd.crew] for pd in the_plan.days]  # fmt: skip
    assert crew == [[("Jo Grip", "06:15", 4)], [("Jo Grip", "06:30", 2)]]
    cast3 = [next(f"{p.call:%H:%M}" for p in pd.cast if p.key == "3") for pd in the_plan.days]
    assert cast3 == ["06:45", "08:00"]


def test_crew_work_inside_their_contract_or_when_called_by_name_that_day() -> None:
    """Day 1 only in Al's contract; Bo's ends before day 2 but a day-2 call brings him; Cy is
    'off' on day 1 and called on no day outside his contract; Di has no deal: every day."""
    day1 = DAYS[0].date
    crew = (
        CrewMember("Al", "Grip", pos=Pos("crew.csv", 2), deal=_deal(day1, day1)),
        CrewMember("Bo", "Grip", pos=Pos("crew.csv", 3), deal=_deal(day1 - timedelta(9), day1)),
        CrewMember("Cy", "Grip", pos=Pos("crew.csv", 4), deal=_deal(day1, day1)),
        CrewMember("Di", "Grip", pos=Pos("crew.csv", 5)),
    )
    rows = (
        _call("bo", 2, 2, call=time(7)),
        _call("Cy", 3, 1, off=True),
        _call("Cy", 4, 2, off=True),
    )
    the_plan = plan(_production(crew=crew, calls=rows), BREAKDOWN, _screenplay())
    assert [[m.name for m, _ in pd.crew] for pd in the_plan.days] == [
        ["Al", "Bo", "Di"],
        ["Bo", "Di"],
    ]


def test_statuses_days_and_the_next_day_are_looked_up_by_number() -> None:
    """Status by cast id and day number; days numbered out of order (7, then 3) still
    advance to the next number; an unknown day or person has no status."""
    one, two = DAYS
    days = (replace(one, number=7), replace(two, number=3))
    rows = (*CALLS[:3], _call("4", 4, 3, call=time(9)))
    the_plan = plan(_production(shoot_days=days, calls=rows), BREAKDOWN, _screenplay())
    assert the_plan.status("4", 3) == "SWF" and the_plan.status("4", 7) == ""
    assert the_plan.status("4", 9) == "" and the_plan.status("99", 3) == ""
    seven, three = the_plan.days
    assert the_plan.day(7) is seven and the_plan.day(3) is three and the_plan.day(5) is None
    assert the_plan.next_day(3) is seven and the_plan.next_day(1) is three
    assert the_plan.next_day(7) is None
    assert [pd.day.number for pd, _ in the_plan.working("4")] == [3]
