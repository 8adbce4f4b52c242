"""The production: its manifest and the records of its tables, typed and frozen.

Every record carries the :class:`Pos` of its row so that builders can point at it.
Money is held in pence (an ``int``) so that sums are exact; dates are ``datetime.date``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from paperwork.model.breakdown import ElementRow
from paperwork.model.call_sheets import (
    Call,
    CallSheetSettings,
    CastMember,
    Location,
    ShootDay,
    SupportingArtists,
)
from paperwork.model.clearances import Clearance, Distribution, IntendedUse
from paperwork.model.crew import ContractTerms, CrewListSettings, CrewMember
from paperwork.model.delivery import Deliverable, DeliverySettings
from paperwork.model.kit import KitItem, Travel
from paperwork.model.records import Company, Money, Person
from paperwork.model.risks import Risk
from paperwork.model.source import Pos

if TYPE_CHECKING:
    from paperwork.model.travel import Stay, TravelLeg


SMTP_SECURITY = ("starttls", "ssl", "none")


@dataclass(frozen=True, slots=True)
class EmailSettings:
    """The manifest's ``email:`` section: how ``paperwork send`` reaches the mail server.

    The password is never here: ``password_env`` names the environment variable holding it.
    ``port`` None means the usual port for ``security`` (587 starttls, 465 ssl, 25 none).
    """

    pos: Pos
    host: str = ""
    port: int | None = None
    security: str = "starttls"  # one of SMTP_SECURITY
    user: str = ""
    password_env: str = ""
    sender: str = ""  # the manifest's ``from:``
    reply_to: str = ""
    bcc_self: bool = False


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
    script_paper: str = "letter"  # scripts: US Letter unless the manifest says a4
    budget: tuple[tuple[str, Money], ...] = ()  # budget lines: ("clearances", Money)
    clearances: tuple[Clearance, ...] = ()
    clearance_terms: IntendedUse = IntendedUse()
    distribution: Distribution | None = None  # the manifest's distribution: section
    tables: tuple[tuple[str, Path], ...] = ()  # table name -> file as named in the manifest
    crew: tuple[CrewMember, ...] = ()
    terms: ContractTerms | None = None  # the manifest's terms: section
    kit: tuple[KitItem, ...] = ()  # the kit table: the carnet's general list
    travel: Travel | None = None  # the manifest's travel: section
    shoot_days: tuple[ShootDay, ...] = ()  # the schedule table, in day order
    cast: tuple[CastMember, ...] = ()
    locations: tuple[Location, ...] = ()
    calls: tuple[Call, ...] = ()
    supporting_artists: tuple[SupportingArtists, ...] = ()
    call_sheets: CallSheetSettings | None = None  # the manifest's call_sheets: section
    revision_colours: tuple[str, ...] = ()  # the manifest's revision colour order, White first
    deliverables: tuple[Deliverable, ...] = ()  # the deliverables table
    delivery: DeliverySettings | None = None  # the manifest's delivery: section
    risks: tuple[Risk, ...] = ()  # the risks table: the risk assessments
    elements: tuple[ElementRow, ...] = ()  # the elements table: the breakdown sheets' boxes
    email: EmailSettings | None = None  # the manifest's email: section (paperwork send)
    travel_legs: tuple[TravelLeg, ...] = ()  # the travel table: the movement orders
    accommodation: tuple[Stay, ...] = ()  # the accommodation table
    crew_list: CrewListSettings | None = None  # the manifest's crew_list: section

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
