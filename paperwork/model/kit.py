"""The kit table's lines and the manifest's ``travel:`` section: the carnet's inputs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from paperwork.model.records import Company, Money, Person
from paperwork.model.source import Pos


@dataclass(frozen=True, slots=True)
class KitItem:
    """One line of the kit list: ``quantity`` identical pieces of one item, packed in ``case``.

    Weights are in grams and values in minor units, so that every total is exact. ``origin``
    is an ISO 3166 alpha-2 code. ``serials`` is empty when ``no_serial`` (printed "NSN").
    A ``consumable`` line stays off the carnet's general list; ``licence`` names what an item
    needs besides the carnet ("firearms", "drones", "cites", "dual-use"), or is empty.
    """

    case: str
    description: str
    make: str
    model: str
    serials: tuple[str, ...]
    no_serial: bool
    quantity: int
    unit_weight_g: int
    unit_value: Money
    origin: str
    pos: Pos
    owner: str = ""
    notes: str = ""
    consumable: bool = False
    licence: str = ""

    @property
    def weight_g(self) -> int:
        """The line's weight: every piece."""
        return self.unit_weight_g * self.quantity

    @property
    def value(self) -> Money:
        """The line's value: every piece (a general list's value column is the line total)."""
        return Money(self.unit_value.minor * self.quantity, self.unit_value.currency)


@dataclass(frozen=True, slots=True)
class TravelStop:
    """A country on the itinerary, in travel order: visited, or only crossed in transit."""

    country: str  # ISO 3166 alpha-2
    name: str  # display name, "France"
    territory: str  # customs territory: "EU" for a member state, else the country code
    transit: bool
    pos: Pos
    arrive: date | None = None
    leave: date | None = None


@dataclass(frozen=True, slots=True)
class Travel:
    """The manifest's ``travel:`` section: the carnet application's cover (boxes A, B, C)."""

    pos: Pos
    holder: Company  # box A; the production company unless the manifest names another
    home: str  # ISO alpha-2 of the country the carnet is issued in, "GB"
    home_name: str
    home_territory: str
    intended_use: str  # box C: "Professional equipment"
    representatives: tuple[Person, ...] = ()  # box B
    itinerary: tuple[TravelStop, ...] = ()
    departure: date | None = None
    return_date: date | None = None
    eori: str = ""
    carnet_number: str = ""
    issuer: str = ""  # the issuing chamber
    declared_value: Money | None = None  # the application's total, checked against the list
    documents: tuple[str, ...] = ()  # travel_documents: columns a trip abroad must fill
