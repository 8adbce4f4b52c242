"""ICS text: CRLF lines folded at 75 octets, escaped TEXT, VTIMEZONE blocks, fixed stamps."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from paperwork.calendar import CalendarEvent, escape_text, fold, vtimezone, write_ics

LONDON = ZoneInfo("Europe/London")
PARIS = ZoneInfo("Europe/Paris")
STAMP = datetime(2027, 2, 28, tzinfo=UTC)


def _event(**kw: object) -> CalendarEvent:
    values: dict[str, object] = {
        "uid": "the-salt-road-day01-ana@paperwork",
        "start": datetime(2027, 3, 1, 7, 30, tzinfo=LONDON),
        "end": datetime(2027, 3, 1, 19, 0, tzinfo=LONDON),
        "summary": "Call 07:30",
    }
    values.update(kw)
    return CalendarEvent(**values)  # type: ignore[arg-type]


def _unfold(text: str) -> list[str]:
    return text.replace("\r\n ", "").split("\r\n")


def test_escapes_backslash_semicolon_comma_and_newline() -> None:
    """TEXT values escape \\ ; , and newlines (RFC 5545 3.3.11)."""
    assert escape_text("a\\b; c, d\ne") == "a\\\\b\\; c\\, d\\ne"


def test_every_line_ends_in_crlf_and_fits_75_octets() -> None:
    """No bare LF, no line longer than 75 octets, even with accents and long text."""
    text = write_ics(
        [_event(description="Élodie's pick-up from the Hôtel des Marins, 5 Quai Saint-Louis " * 5)],
        stamp=STAMP,
    )
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    assert all(len(line.encode("utf-8")) <= 75 for line in text.split("\r\n"))
    desc = next(line for line in _unfold(text) if line.startswith("DESCRIPTION:"))
    assert desc == "DESCRIPTION:" + escape_text(
        "Élodie's pick-up from the Hôtel des Marins, 5 Quai Saint-Louis " * 5
    )


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=0, max_size=300))
def test_folding_never_splits_a_character_and_unfolds_to_the_line(line: str) -> None:
    """Folded pieces are whole UTF-8 and joining them gives the line back."""
    line = line.replace("\r", "").replace("\n", "")
    folded = fold(line)
    pieces = folded.split("\r\n")
    assert all(len(p.encode("utf-8")) <= 75 for p in pieces)
    assert all(p.startswith(" ") for p in pieces[1:])
    assert folded.replace("\r\n ", "") == line


def test_events_carry_zone_ids_fixed_stamp_and_sequence() -> None:
    """DTSTART/DTEND name their zone; DTSTAMP is the given instant; SEQUENCE the revision."""
    text = write_ics([_event(sequence=1, location="Pill Hard, BS20 0AA")], stamp=STAMP)
    lines = _unfold(text)
    assert "DTSTART;TZID=Europe/London:20270301T073000" in lines
    assert "DTEND;TZID=Europe/London:20270301T190000" in lines
    assert "DTSTAMP:20270228T000000Z" in lines
    assert "SEQUENCE:1" in lines
    assert "LOCATION:Pill Hard\\, BS20 0AA" in lines
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-2] == "END:VCALENDAR"


def test_vtimezone_lists_the_changes_around_the_events() -> None:
    """London in 2027: GMT from Oct 2026, BST from 28 Mar 2027 01:00, GMT from 31 Oct 02:00."""
    block = vtimezone("Europe/London", [2027])
    text = "\n".join(block)
    assert block[0] == "BEGIN:VTIMEZONE" and block[1] == "TZID:Europe/London"
    assert "DTSTART:20261025T020000\nTZOFFSETFROM:+0100\nTZOFFSETTO:+0000\nTZNAME:GMT" in text
    assert "DTSTART:20270328T010000\nTZOFFSETFROM:+0000\nTZOFFSETTO:+0100\nTZNAME:BST" in text
    assert "DTSTART:20271031T020000\nTZOFFSETFROM:+0100\nTZOFFSETTO:+0000" in text


def test_one_vtimezone_per_zone_used() -> None:
    """A calendar with London and Paris events has both zones, once each, in order."""
    events = [
        _event(),
        _event(
            uid="x@p",
            start=datetime(2027, 3, 8, 9, 15, tzinfo=PARIS),
            end=datetime(2027, 3, 8, 20, 45, tzinfo=PARIS),
        ),
    ]
    lines = _unfold(write_ics(events, stamp=STAMP))
    tzids = [line for line in lines if line.startswith("TZID:")]
    assert tzids == ["TZID:Europe/London", "TZID:Europe/Paris"]
    assert "DTSTART;TZID=Europe/Paris:20270308T091500" in lines


def test_same_events_give_the_same_bytes() -> None:
    """Nothing in the text depends on when it was written."""
    assert write_ics([_event()], stamp=STAMP) == write_ics([_event()], stamp=STAMP)


def test_folding_at_the_75_octet_edge_counts_octets_not_characters() -> None:
    """18 four-octet characters (72 octets) stay whole; 19 (76) fold; 75 ASCII stay, 76 fold."""
    assert fold("𝄞" * 18) == "𝄞" * 18
    assert fold("𝄞" * 19) == "𝄞" * 18 + "\r\n 𝄞"
    assert fold("é" * 38) == "é" * 37 + "\r\n é"  # 76 octets in 38 characters
    assert fold("a" * 75) == "a" * 75
    assert fold("a" * 76) == "a" * 75 + "\r\n a"
