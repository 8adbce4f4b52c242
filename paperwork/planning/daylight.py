"""Sun and daylight at a location on a day: civil dawn, sunrise, sunset and civil dusk (astral).

The call sheet prints them; the plan's checks hold exteriors against them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from paperwork.model.call_sheets import Location


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


def to_minute(moment: datetime) -> str:
    """``HH:MM`` to the nearest minute, as almanacs print sun times (04:53:38 -> 04:54), in
    the moment's own zone (the day's, from :func:`sun_times`)."""
    return f"{moment + timedelta(seconds=30):%H:%M}"


# --- Checks -----------------------------------------------------------------------------------------
