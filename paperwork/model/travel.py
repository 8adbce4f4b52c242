"""The travel and accommodation tables: who goes where, how, and where they sleep.

A travel row is one person on one leg of a journey (a co-ordinator's travel tracker has a
row per booking); the movement order groups the people on the same leg (same day, places,
mode, carrier, number and departure) back together. Times are local at each end, as a
ticket prints them; countries are ISO 3166-1 alpha-2 codes (``""`` when the row does not
say and the place does not name one).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from datetime import date, time

from paperwork.model.records import Located

# The ways a leg is made, with the word a movement order prints for each.
MODES = {
    "car": "Car",
    "van": "Van",
    "minibus": "Minibus",
    "coach": "Coach",
    "taxi": "Taxi",
    "ferry": "Ferry",
    "flight": "Flight",
    "train": "Train",
    "foot": "On foot",
}
SCHEDULED_MODES = frozenset({"ferry", "flight", "train", "coach"})  # a carrier's service


@dataclass(frozen=True, slots=True, kw_only=True)
class TravelLeg(Located):
    """One person on one leg of a journey: a row of the travel table (one per person when a
    row's ``who`` names several, separated by ``;``; ``""`` while the reader has the row)."""

    who: str = ""
    date: date
    origin: str  # the ``from`` cell
    destination: str  # the ``to`` cell
    mode: str = "car"  # a key of MODES
    carrier: str = ""  # "Brittany Ferries", "Volotea"
    number: str = ""  # flight, sailing or train: "V7 2218", "Bretagne"
    departs: time | None = None  # local time at the origin
    arrives: time | None = None  # local time at the destination
    arrive_date: dt.date | None = None  # only when the row gives it; else worked out
    check_in: time | None = None  # check in by (ferry, flight)
    meeting_point: str = ""
    vehicle: str = ""
    driver: str = ""
    booking_reference: str = ""
    carnet: bool = False  # the leg carries kit on the carnet
    from_country: str = ""
    to_country: str = ""
    passport: str = ""  # as the production records it: checked, an expiry, a number
    visa: str = ""
    notes: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Stay(Located):
    """A row of the accommodation table: one person's booking at a hotel (``who``: as for
    :class:`TravelLeg`)."""

    who: str = ""
    hotel: str
    check_in: date
    check_out: date  # the morning they leave: nights are check_in .. check_out - 1
    address: tuple[str, ...] = ()
    phone: str = ""
    reference: str = ""
    notes: str = ""

    def covers(self, night: date) -> bool:
        """Whether this booking gives a bed on the night that starts on ``night``."""
        return self.check_in <= night < self.check_out
