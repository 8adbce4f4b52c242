"""Sun times: paperwork's figures against published ones, in UK local time, to the minute."""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from paperwork.builders import call_sheet
from paperwork.builders.base import BuildJob, BuildOptions
from paperwork.errors import Diagnostics
from paperwork.model.breakdown import Breakdown, SceneBreakdown
from paperwork.model.call_sheets import Location, ScheduledScene, ShootDay
from paperwork.model.production import Production
from paperwork.model.records import Company
from paperwork.model.screenplay import Screenplay
from paperwork.model.source import Pos
from paperwork.planning.daylight import sun_times, to_minute
from paperwork.planning.shoot import zone_of

# Where the published figures are for: each place's centre (the figures' own sources name the
# town, not a point; a few hundred metres moves a time by well under a minute).
PLACES = {
    "Bristol": (51.4545, -2.5879),
    "Penzance": (50.1188, -5.5376),
    "London": (51.5074, -0.1278),
}

# Published sun times, local clock time (GMT in winter, BST in summer), as printed (HH:MM).
PUBLISHED: list[tuple[str, date, str, str]] = [
    # Bristol Post, "What time is sunset on the longest day" (Wed 21 June 2017): "The sun rose
    # at 4:53am in Bristol this morning and will set at 9:31pm tonight". Midsummer, BST.
    # bristolpost.co.uk/news/uk-world-news/what-time-sunset-longest-day-126142
    ("Bristol", date(2017, 6, 21), "sunrise", "04:53"),
    ("Bristol", date(2017, 6, 21), "sunset", "21:31"),
    # The same article: "twilight began at 4:05am ... and will linger until 10:18pm".
    ("Bristol", date(2017, 6, 21), "dawn", "04:05"),
    ("Bristol", date(2017, 6, 21), "dusk", "22:18"),
    # john-humphries.blogspot.com/2014/12/sunsets-staggered.html (Wed 17 Dec 2014):
    # "Sunset times today are as follows: Penzance 16.20". Midwinter, GMT.
    ("Penzance", date(2014, 12, 17), "sunset", "16:20"),
    # whattime.city/london/sun (London 51.51 N, 0.13 W), Saturday 28 March 2026 ("Today")
    # and Sunday 29 March 2026 ("Tomorrow"), the day the clocks go forward: "05:46 18:26",
    # "06:44 19:28", "+58m".
    ("London", date(2026, 3, 28), "sunrise", "05:46"),
    ("London", date(2026, 3, 28), "sunset", "18:26"),
    ("London", date(2026, 3, 29), "sunrise", "06:44"),
    ("London", date(2026, 3, 29), "sunset", "19:28"),
]
ONE_MINUTE = 1


def _location(place: str) -> Location:
    lat, lon = PLACES[place]
    return Location(
        "L1", place, ("QUAY",), pos=Pos("locations.csv", 2), latitude=lat, longitude=lon
    )


def _day(when: date) -> ShootDay:
    scene = ScheduledScene("1", pos=Pos("schedule.csv", 2, field="scene"))
    return ShootDay(
        1,
        when,
        (scene,),
        pos=Pos("schedule.csv", 2),
        location="L1",
        unit_call=time(7),
        wrap=time(19),
    )


def _minutes(clock: str) -> int:
    hours, minutes = clock.split(":")
    return int(hours) * 60 + int(minutes)


def _shown(place: str, when: date, which: str) -> str:
    """The time as the call sheet shows it: the plan's zone for the day, astral's time in
    it, rounded to the minute."""
    location = _location(place)
    zone = zone_of({"L1": location}, _day(when))
    sun = sun_times(location, when, zone)
    assert sun is not None
    moment = getattr(sun, which)
    assert isinstance(moment, datetime) and moment.tzinfo == ZoneInfo("Europe/London")
    return to_minute(moment)


@pytest.mark.parametrize(("place", "when", "which", "published"), PUBLISHED)
def test_sun_times_agree_with_published_figures(
    place: str, when: date, which: str, published: str
) -> None:
    """Each published sunrise, sunset and civil twilight, within a minute, in UK clock time."""
    shown = _shown(place, when, which)
    assert abs(_minutes(shown) - _minutes(published)) <= ONE_MINUTE, (shown, published)


def test_the_clocks_going_forward_moves_sunrise_an_hour_later() -> None:
    """Across the BST change (29 March 2026) sunrise jumps by about 58 minutes, as published;
    in UTC it would move two minutes earlier."""
    before = _minutes(_shown("London", date(2026, 3, 28), "sunrise"))
    after = _minutes(_shown("London", date(2026, 3, 29), "sunrise"))
    assert 56 <= after - before <= 60


def test_the_figures_tell_places_apart() -> None:
    """Penzance's midwinter sunset is well after London's (15:53) and Bristol's: the place
    matters, by more than the tolerance above."""
    when = date(2014, 12, 17)
    penzance = _minutes(_shown("Penzance", when, "sunset"))
    assert penzance - _minutes(_shown("London", when, "sunset")) > 20
    assert penzance - _minutes(_shown("Bristol", when, "sunset")) > 10


def test_times_are_rounded_to_the_nearest_minute_as_almanacs_print_them() -> None:
    """04:53:29 shows as 04:53 and 04:53:30 as 04:54 (not cut to the minute); the zone kept."""
    zone = ZoneInfo("Europe/London")
    assert to_minute(datetime(2017, 6, 21, 4, 53, 29, tzinfo=zone)) == "04:53"
    assert to_minute(datetime(2017, 6, 21, 4, 53, 30, tzinfo=zone)) == "04:54"
    assert to_minute(datetime(2014, 12, 17, 23, 59, 45, tzinfo=zone)) == "00:00"


def test_a_polar_day_or_an_unplaced_location_has_no_sun_times() -> None:
    """No coordinates, or a day the sun does not set (Svalbard at midsummer): nothing."""
    unplaced = Location("L1", "Somewhere", (), pos=Pos("locations.csv", 2))
    assert sun_times(unplaced, date(2027, 6, 21), ZoneInfo("Europe/London")) is None
    polar = Location(
        "L2", "Longyearbyen", (), pos=Pos("locations.csv", 3), latitude=78.22, longitude=15.65
    )
    assert sun_times(polar, date(2027, 6, 21), ZoneInfo("Arctic/Longyearbyen")) is None


@pytest.mark.parametrize(
    ("place", "when", "sunrise", "sunset"),
    [
        ("Bristol", date(2017, 6, 21), "04:53", "21:31"),  # Bristol Post, above
        ("London", date(2026, 3, 29), "06:44", "19:28"),  # whattime.city, above
    ],
)
def test_the_call_sheet_prints_the_published_times(
    place: str, when: date, sunrise: str, sunset: str
) -> None:
    """The built sheet's Sunrise and Sunset rows, for an exterior at the place, match the
    published figures within a minute."""
    location = _location(place)
    scene = SceneBreakdown("1", "EXT. QUAY - DAY", "EXT", "QUAY", "DAY", "1", 8, (), Pos("s", 1))
    production = Production(
        root=Path("."),
        manifest=Pos("production.yaml"),
        title="Test Show",
        company=Company("Test Pictures Ltd"),
        shoot_days=(_day(when),),
        locations=(location,),
    )
    options = BuildOptions(
        breakdown=Breakdown("Test Show", 1, (scene,)),
        screenplay=Screenplay("script.fountain", None, ()),
    )
    d = Diagnostics()
    (doc,) = call_sheet.build(BuildJob(production, when, d, options))
    sun = doc.context["sun"]
    assert isinstance(sun, tuple)
    rows = {row.label: row.value for row in sun}
    assert abs(_minutes(rows["Sunrise"]) - _minutes(sunrise)) <= ONE_MINUTE
    assert abs(_minutes(rows["Sunset"]) - _minutes(sunset)) <= ONE_MINUTE
    assert d.errors == []
