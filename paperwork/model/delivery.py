"""The deliverables table's records and the manifest's ``delivery:`` section."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum

from paperwork.model.records import Located
from paperwork.model.source import Pos


class DeliverableStatus(Enum):
    NOT_STARTED = "not started"
    IN_PROGRESS = "in progress"
    DELIVERED = "delivered"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    WAIVED = "waived"

    @property
    def is_done(self) -> bool:
        """Nothing more is owed: handed over and taken, or let off."""
        return self in (
            DeliverableStatus.DELIVERED,
            DeliverableStatus.ACCEPTED,
            DeliverableStatus.WAIVED,
        )


@dataclass(frozen=True, slots=True)
class DueRule:
    """A due date relative to the TX or delivery date: ``TX-14``, ``delivery+10 working days``."""

    anchor: str  # "tx" or "delivery"
    offset: int  # days (or working days) after the anchor; negative: before it
    working: bool  # count working days (no weekends or bank holidays) rather than days
    text: str  # as written


@dataclass(frozen=True, slots=True)
class Deliverable(Located):
    """One row of the deliverables table: an item owed to the commissioner or distributor."""

    id: str
    item: str
    category: str = ""
    spec: str = ""
    recipient: str = ""
    due: date | None = None  # a fixed due date, or None when ``rule`` gives it
    rule: DueRule | None = None
    responsible: str = ""
    status: DeliverableStatus = DeliverableStatus.NOT_STARTED
    delivered: date | None = None
    notes: str = ""


@dataclass(frozen=True, slots=True)
class DeliverySettings:
    """The manifest's ``delivery:`` section: the dates due-date rules count from."""

    pos: Pos
    tx: date | None = None
    delivery: date | None = None
    commissioner: str = ""
    bank_holidays: tuple[tuple[date, str], ...] = ()  # skipped when counting working days
    bank_holiday_years: tuple[int, ...] = ()  # the years those dates cover
    bank_holiday_region: str = ""  # "England and Wales", or "" for the manifest's own list
