"""The travel and accommodation tables (the movement orders and travel itineraries).

``travel``: ``who``, ``date``, ``from``, ``to``, ``mode`` (car, van, minibus, coach, taxi,
ferry, flight, train, on foot), ``carrier``, ``number`` (flight, sailing or train),
``departs``, ``arrives`` (local times at each end, as the ticket prints them),
``arrive_date`` (only when it is not worked out right: arrival earlier than departure is
the next day), ``check_in`` (a time later than ``departs``, at most 6 hours ahead of it, is
the evening before: 22:30 for a 00:30 flight), ``meeting_point``, ``vehicle``, ``driver``,
``booking_reference``, ``carnet`` (yes: the leg carries kit on the carnet),
``from_country``/``to_country`` (else the last part of the place, ``Saint-Malo, France``),
``passport``, ``visa``, ``notes``. One row per person per leg; ``who`` may name several
people separated by ``;`` when they share a booking.

``accommodation``: ``who``, ``hotel``, ``address`` (lines split by ``/``), ``phone``,
``check_in``, ``check_out`` (dates: the nights are check-in to the night before check-out),
``reference``, ``notes``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta
from typing import TypeVar

from paperwork.errors import Diagnostics
from paperwork.model.source import Pos
from paperwork.model.travel import MODES, Stay, TravelLeg
from paperwork.readers.cells import LocatedRow, located_rows, parse_yes
from paperwork.readers.context import ReaderContext
from paperwork.readers.fields import Column, Schema
from paperwork.readers.kit import reference
from paperwork.readers.manifest import _str
from paperwork.readers.tables import Table

# A check-in later in the day than the departure is the evening before, when it is at most
# this far ahead (a 00:30 flight, check in by 22:30).
MOST_AHEAD = timedelta(hours=6)
EVENING_BEFORE = timedelta(days=1)

_MODE_CHOICES: dict[str, object] = {key: key for key in MODES}
_MODE_CHOICES.update(
    {
        "drive": "car",
        "road": "car",
        "unit car": "car",
        "pool car": "car",
        "unit van": "van",
        "camera van": "van",
        "sprinter": "van",
        "unit minibus": "minibus",
        "bus": "coach",
        "cab": "taxi",
        "boat": "ferry",
        "sailing": "ferry",
        "ship": "ferry",
        "fly": "flight",
        "plane": "flight",
        "air": "flight",
        "rail": "train",
        "eurostar": "train",
        "walk": "foot",
        "on foot": "foot",
    }
)

TRAVEL = Schema(
    "travel",
    (
        Column("who", required=True, aliases=("name", "traveller", "person", "passenger")),
        Column("date", "date", required=True, aliases=("travel_date", "day")),
        Column("from", required=True, aliases=("origin", "depart_from", "leaving")),
        Column("to", required=True, aliases=("destination", "arriving")),
        Column("mode", "choice", choices=_MODE_CHOICES, aliases=("by", "transport", "type")),
        Column("carrier", aliases=("operator", "airline", "ferry_company", "company")),
        Column("number", aliases=("flight", "flight_number", "sailing", "service", "train")),
        Column("departs", "time", aliases=("depart", "departure", "dep")),
        Column("arrives", "time", aliases=("arrive", "arrival", "arr")),
        Column("arrive_date", "date", aliases=("arrival_date",)),
        Column("check_in", "time", aliases=("checkin", "check_in_by"), label="check-in"),
        Column("meeting_point", aliases=("meet", "meet_at", "rv")),
        Column("vehicle", aliases=("vehicle_reg", "reg")),
        Column("driver", aliases=("drivers",)),
        Column(
            "booking_reference",
            aliases=("booking", "booking_ref", "reference", "ref", "pnr"),
        ),
        Column("carnet", aliases=("carnet_kit", "kit")),
        Column("from_country", aliases=("origin_country",)),
        Column("to_country", aliases=("destination_country", "country")),
        Column("passport", aliases=("passport_checked", "passport_expiry")),
        Column("visa", aliases=("visa_eta", "eta")),
        Column("notes", aliases=("note",)),
    ),
)

ACCOMMODATION = Schema(
    "accommodation",
    (
        Column("who", required=True, aliases=("name", "guest", "person")),
        Column("hotel", required=True, aliases=("accommodation", "where", "property")),
        Column("address", "lines", aliases=("hotel_address",)),
        Column("phone", aliases=("hotel_phone", "telephone", "tel")),
        Column("check_in", "date", required=True, aliases=("checkin", "arrive", "from")),
        Column("check_out", "date", required=True, aliases=("checkout", "leave", "to")),
        Column("reference", aliases=("booking_reference", "booking", "ref", "confirmation")),
        Column("notes", aliases=("note",)),
    ),
)


def _country(text: str, place: str, at: Pos, d: Diagnostics, column: str) -> str:
    """The alpha-2 code the cell names, else the one the place's last part names, else ""."""
    ref = reference()
    if text:
        code = ref.country(text)
        if code is None:
            d.error(
                "unknown-country",
                f"{column} must be a country (a name or a code like GB, FR, ES; got {text!r})",
                at,
            )
            return ""
        return code
    parts = [p.strip() for p in place.replace("/", ",").split(",") if p.strip()]
    if len(parts) > 1:
        return ref.country(parts[-1]) or ""
    return ""


def read_travel_legs(
    table: Table, diagnostics: Diagnostics, context: ReaderContext
) -> tuple[TravelLeg, ...]:
    """Every travel row, one :class:`TravelLeg` per person it names."""
    return _each_person(TRAVEL, table, diagnostics, _leg)


def read_accommodation(
    table: Table, diagnostics: Diagnostics, context: ReaderContext
) -> tuple[Stay, ...]:
    """Every accommodation row, one :class:`Stay` per person it names."""
    return _each_person(ACCOMMODATION, table, diagnostics, _stay)


R = TypeVar("R", TravelLeg, Stay)


def _each_person(
    schema: Schema,
    table: Table,
    d: Diagnostics,
    read: Callable[[LocatedRow, Diagnostics], R | None],
) -> tuple[R, ...]:
    """Each row that names someone read by ``read`` (None: a row left out, reported), once
    for each person its ``who`` names: people sharing a booking share its row."""
    out: list[R] = []
    for r in located_rows(schema, table, d):
        people = _people(r.values["who"])
        record = read(r, d) if people else None  # no one: reported by parse_rows
        if record is not None:
            out.extend(replace(record, who=person) for person in people)
    return tuple(out)


def _people(value: object) -> tuple[str, ...]:
    """``"Sol Adeyemi; Jo Bloggs"`` -> both; a name with a comma stays one name."""
    return tuple(p.strip() for p in _str(value).split(";") if p.strip())


def _leg(r: LocatedRow, d: Diagnostics) -> TravelLeg | None:
    """A travel row's leg, for no one yet; None when a required cell is empty."""
    row, v, cells, at = r
    day, origin, destination = v.as_date("date"), v.as_text("from"), v.as_text("to")
    if day is None or not origin or not destination:
        return None  # each reported by parse_rows
    departs, arrives = v.as_time("departs"), v.as_time("arrives")
    arrive_date = v.as_date("arrive_date")
    if arrive_date is not None and arrive_date < day:
        d.error(
            "bad-date-order",
            f"arrive date {arrive_date:%d %b %Y} is before the travel date {day:%d %b %Y}",
            at("arrive_date"),
        )
        arrive_date = None
    check_in = v.as_time("check_in")
    if check_in is not None and departs is not None and check_in > departs:
        # 22:30 for a 00:30 flight is the evening before; 09:30 for 09:00 is a mistake
        ahead = datetime.combine(day, departs) + EVENING_BEFORE - datetime.combine(day, check_in)
        if ahead > MOST_AHEAD:
            d.error(
                "call-order",
                f"check-in {check_in:%H:%M} is after the departure {departs:%H:%M} (a "
                "check-in the evening before a departure after midnight is at most "
                f"{MOST_AHEAD.seconds // 3600} hours ahead of it)",
                at("check_in"),
            )
    carnet = parse_yes(v["carnet"], "carnet", at("carnet"), d) if v["carnet"] else False
    return TravelLeg(
        date=day,
        origin=origin,
        destination=destination,
        pos=row.pos,
        mode=v.as_choice("mode", str) or "car",
        carrier=_str(v["carrier"]),
        number=_str(v["number"]),
        departs=departs,
        arrives=arrives,
        arrive_date=arrive_date,
        check_in=check_in,
        meeting_point=_str(v["meeting_point"]),
        vehicle=_str(v["vehicle"]),
        driver=_str(v["driver"]),
        booking_reference=_str(v["booking_reference"]),
        carnet=carnet,
        from_country=_country(
            _str(v["from_country"]), origin, at("from_country"), d, "from country"
        ),
        to_country=_country(_str(v["to_country"]), destination, at("to_country"), d, "to country"),
        passport=_str(v["passport"]),
        visa=_str(v["visa"]),
        notes=_str(v["notes"]),
        cells=cells,
    )


def _stay(r: LocatedRow, d: Diagnostics) -> Stay | None:
    """An accommodation row's booking, for no one yet; None when it cannot be one."""
    row, v, cells, at = r
    hotel, check_in, check_out = v.as_text("hotel"), v.as_date("check_in"), v.as_date("check_out")
    if not hotel or check_in is None or check_out is None:
        return None  # each reported by parse_rows
    if check_out <= check_in:
        d.error(
            "bad-date-order",
            f"check-out {check_out:%d %b %Y} must be after check-in {check_in:%d %b %Y} "
            "(a booking is at least one night)",
            at("check_out"),
        )
        return None
    return Stay(
        hotel=hotel,
        check_in=check_in,
        check_out=check_out,
        pos=row.pos,
        address=v.as_lines("address"),
        phone=_str(v["phone"]),
        reference=_str(v["reference"]),
        notes=_str(v["notes"]),
        cells=cells,
    )
