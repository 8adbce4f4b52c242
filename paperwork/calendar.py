"""iCalendar (RFC 5545) text for call times: one VEVENT per person per day.

Pure text, no dependency: lines end in CRLF and are folded at 75 octets (never inside a
UTF-8 character), TEXT values escape backslashes, semicolons, commas and newlines, and
every zone the events use gets a VTIMEZONE block built from the system's time zone data
(each offset change in the events' years, listed explicitly), so Outlook, Apple Calendar
and Google Calendar all show Europe/London and Europe/Paris times right across the
BST/GMT change. Nothing here reads the clock: ``stamp`` (DTSTAMP) comes in as an argument.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache
from zoneinfo import ZoneInfo

PRODID = "-//paperwork//call sheets//EN"


@dataclass(frozen=True, slots=True)
class CalendarEvent:
    """One person's call on one day. ``start`` and ``end`` are aware (a ZoneInfo zone)."""

    uid: str
    start: datetime
    end: datetime
    summary: str
    location: str = ""
    description: str = ""
    sequence: int = 0  # the call sheet's version less one: calendars update on a re-issue


def escape_text(text: str) -> str:
    r"""A TEXT value: ``\`` ``;`` ``,`` escaped, newlines as ``\n`` (RFC 5545 3.3.11)."""
    out = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return out.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def fold(line: str) -> str:
    """A content line folded at 75 octets, continuation lines starting with one space."""
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line
    parts: list[str] = []
    start, limit = 0, 75
    while start < len(data):
        end = min(start + limit, len(data))
        while end < len(data) and (data[end] & 0xC0) == 0x80:  # inside a character
            end -= 1
        parts.append(data[start:end].decode("utf-8"))
        start, limit = end, 74  # a continuation's leading space is one of its 75 octets
    return "\r\n ".join(parts)


def _local(value: datetime) -> str:
    return value.strftime("%Y%m%dT%H%M%S")


def _utc(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _offset(delta: timedelta | None) -> str:
    minutes = int((delta or timedelta()).total_seconds() // 60)
    sign = "-" if minutes < 0 else "+"
    hours, mins = divmod(abs(minutes), 60)
    return f"{sign}{hours:02d}{mins:02d}"


def _transitions(zone: ZoneInfo, years: Iterable[int]) -> list[tuple[datetime, datetime]]:
    """(UTC instant, local time just after) of each offset change in ``years``."""
    return [change for year in sorted(set(years)) for change in _year_transitions(zone.key, year)]


@cache
def _year_transitions(key: str, year: int) -> tuple[tuple[datetime, datetime], ...]:
    """One year's offset changes in zone ``key``, found by hours (a long-running server,
    ``paperwork serve``, re-checks call sheets often: each zone-year is searched once)."""
    zone = ZoneInfo(key)
    out = []
    t = datetime(year, 1, 1, tzinfo=UTC)
    end = datetime(year + 1, 1, 1, tzinfo=UTC)
    before = t.astimezone(zone).utcoffset()
    while t < end:
        nxt = t + timedelta(hours=1)
        after = nxt.astimezone(zone).utcoffset()
        if after != before:
            lo, hi = t, nxt  # narrow to the minute
            while hi - lo > timedelta(minutes=1):
                mid = lo + (hi - lo) / 2
                if mid.astimezone(zone).utcoffset() == before:
                    lo = mid
                else:
                    hi = mid
            out.append((hi, hi.astimezone(zone)))
            before = after
        t = nxt
    return tuple(out)


def vtimezone(key: str, years: Iterable[int]) -> list[str]:
    """A VTIMEZONE for ``key`` covering ``years``: one STANDARD or DAYLIGHT per change.

    The changes of the year before are included, so that the observance in force on the
    first of January of the first year is defined.
    """
    zone = ZoneInfo(key)
    years = sorted(set(years))
    years = list(range(years[0] - 1, years[-1] + 1))  # the change in force on 1 January too
    lines = ["BEGIN:VTIMEZONE", f"TZID:{key}"]
    changes = _transitions(zone, years)
    if not changes:  # a zone without changes in these years: its one offset
        jan = datetime(years[0], 1, 1, tzinfo=UTC).astimezone(zone)
        lines += [
            "BEGIN:STANDARD",
            f"DTSTART:{years[0]}0101T000000",
            f"TZOFFSETFROM:{_offset(jan.utcoffset())}",
            f"TZOFFSETTO:{_offset(jan.utcoffset())}",
            f"TZNAME:{jan.tzname()}",
            "END:STANDARD",
        ]
    for instant, after in changes:
        before = (instant - timedelta(minutes=1)).astimezone(zone)
        kind = "DAYLIGHT" if after.dst() else "STANDARD"
        # DTSTART is the local time of the change in the offset it had before (RFC 5545 3.6.5)
        lines += [
            f"BEGIN:{kind}",
            f"DTSTART:{_local(instant.replace(tzinfo=None) + (before.utcoffset() or timedelta()))}",
            f"TZOFFSETFROM:{_offset(before.utcoffset())}",
            f"TZOFFSETTO:{_offset(after.utcoffset())}",
            f"TZNAME:{after.tzname()}",
            f"END:{kind}",
        ]
    lines.append("END:VTIMEZONE")
    return lines


def _zone_key(value: datetime) -> str:
    tz = value.tzinfo
    if not isinstance(tz, ZoneInfo):
        raise ValueError(f"an event time needs a ZoneInfo zone, not {tz!r}")
    return tz.key


def write_ics(
    events: Sequence[CalendarEvent],
    *,
    stamp: datetime,
    name: str = "",
    prodid: str = PRODID,
) -> str:
    """The calendar as text with CRLF line ends; the same events give the same text.

    ``stamp`` is every event's DTSTAMP (a fixed instant from the input, e.g. the issue date
    at 00:00 UTC). Events are written in the order given.
    """
    zones: dict[str, set[int]] = {}
    for e in events:
        for value in (e.start, e.end):
            zones.setdefault(_zone_key(value), set()).add(value.year)
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{prodid}", "CALSCALE:GREGORIAN"]
    lines.append("METHOD:PUBLISH")
    if name:
        lines.append(f"X-WR-CALNAME:{escape_text(name)}")
    for key in sorted(zones):
        lines += vtimezone(key, zones[key])
    for e in events:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{e.uid}",
            f"DTSTAMP:{_utc(stamp)}",
            f"SEQUENCE:{e.sequence}",
            f"DTSTART;TZID={_zone_key(e.start)}:{_local(e.start)}",
            f"DTEND;TZID={_zone_key(e.end)}:{_local(e.end)}",
            f"SUMMARY:{escape_text(e.summary)}",
        ]
        if e.location:
            lines.append(f"LOCATION:{escape_text(e.location)}")
        if e.description:
            lines.append(f"DESCRIPTION:{escape_text(e.description)}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
