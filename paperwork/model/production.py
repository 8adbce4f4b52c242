"""The production: its manifest and the records of its tables, typed and frozen.

Every record carries the :class:`Pos` of its row so that builders can point at it.
Money is held in pence (an ``int``) so that sums are exact; dates are ``datetime.date``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum
from pathlib import Path

from paperwork.model.source import Pos


@dataclass(frozen=True, slots=True)
class Money:
    """An amount in minor units (pence) of a currency."""

    minor: int
    currency: str = "GBP"

    def __add__(self, other: Money) -> Money:
        if other.currency != self.currency:
            raise ValueError(f"cannot add {other.currency} to {self.currency}")
        return Money(self.minor + other.minor, self.currency)


@dataclass(frozen=True, slots=True)
class Person:
    """A named contact: a key person, an office contact, a rights holder's contact."""

    name: str
    role: str = ""
    email: str = ""
    phone: str = ""


@dataclass(frozen=True, slots=True)
class Company:
    """A company with its postal address (one line per tuple item)."""

    name: str
    address: tuple[str, ...] = ()
    email: str = ""
    phone: str = ""
    website: str = ""
    company_number: str = ""
    vat_number: str = ""
    logo: Path | None = None


class ClearanceType(Enum):
    MUSIC_SYNC = "music sync"
    MUSIC_MASTER = "music master"
    ARCHIVE_FOOTAGE = "archive footage"
    STILL = "still"
    ARTWORK = "artwork"
    LOGO = "logo/brand"
    LOCATION_IMAGE = "location image"
    TEXT = "text"
    OTHER = "other"


class ClearanceStatus(Enum):
    TO_REQUEST = "to request"
    REQUESTED = "requested"
    QUOTED = "quoted"
    AGREED = "agreed"
    LICENSED = "licensed"
    REFUSED = "refused"
    REPLACED = "replaced"

    @property
    def wants_letter(self) -> bool:
        """A letter goes out for items not yet asked for, and for chasers on open requests."""
        return self in (ClearanceStatus.TO_REQUEST,)

    @property
    def is_open(self) -> bool:
        return self in (
            ClearanceStatus.TO_REQUEST,
            ClearanceStatus.REQUESTED,
            ClearanceStatus.QUOTED,
        )


@dataclass(frozen=True, slots=True)
class RightsHolder:
    company: str
    contact: str = ""
    address: tuple[str, ...] = ()
    email: str = ""


@dataclass(frozen=True, slots=True)
class IntendedUse:
    media: str = ""
    territory: str = ""
    term: str = ""
    uses: str = ""
    promo: str = ""  # trailer/promo use requested, e.g. "in-context promo"


@dataclass(frozen=True, slots=True)
class Clearance:
    """One row of the clearance log."""

    id: str
    type: ClearanceType
    description: str
    holder: RightsHolder
    use: IntendedUse
    status: ClearanceStatus
    pos: Pos
    identifiers: str = ""  # catalogue number, archive ref
    isrc: str = ""
    iswc: str = ""
    timecode_in: str = ""
    timecode_out: str = ""
    duration: str = ""
    scenes: str = ""  # scene(s) or programme position
    fee_quoted: Money | None = None
    fee_agreed: Money | None = None
    requested: date | None = None
    reply_by: date | None = None
    licence_expiry: date | None = None
    restrictions: str = ""
    credit: str = ""
    notes: str = ""


@dataclass(frozen=True, slots=True)
class Production:
    """The manifest (``production.yaml``) and every table it names, read and checked."""

    root: Path
    manifest: Pos
    title: str
    company: Company
    office: tuple[Person, ...] = ()
    people: tuple[Person, ...] = ()  # key people with their roles
    currency: str = "GBP"
    locale: str = "en-GB"
    paper: str = "a4"
    production_type: str = ""  # "TV drama", "feature", ...
    commissioner: str = ""  # broadcaster / platform
    release: str = ""  # intended TX / release, display text
    templates: Path | None = None  # the user's own template folder
    script: Path | None = None
    budget: tuple[tuple[str, Money], ...] = ()  # budget lines: ("clearances", Money)
    clearances: tuple[Clearance, ...] = ()
    clearance_terms: IntendedUse = IntendedUse()
    tables: tuple[tuple[str, Path], ...] = ()  # table name -> file as named in the manifest

    def person(self, role: str) -> Person | None:
        """The first key person with this role, ignoring case (``production co-ordinator``)."""
        want = role.lower()
        for p in self.people:
            if p.role.lower() == want:
                return p
        return None

    def budget_line(self, name: str) -> Money | None:
        for key, amount in self.budget:
            if key == name:
                return amount
        return None

    def table(self, name: str) -> Path | None:
        for key, path in self.tables:
            if key == name:
                return path
        return None
