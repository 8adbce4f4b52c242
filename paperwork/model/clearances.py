"""The clearance log's records and the manifest's ``distribution:`` section."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum

from paperwork.model.records import Located, Money
from paperwork.model.source import Pos


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
class Clearance(Located):
    """One row of the clearance log.

    Fees: ``fee_quoted`` is the holder's figure, ``fee_offered`` ours, ``fee_agreed`` the
    one both sides settled on. ``salutation`` (a holder's cell) overrides the letter's
    "Dear ..." line.
    """

    id: str
    type: ClearanceType
    description: str
    holder: RightsHolder
    use: IntendedUse
    status: ClearanceStatus
    identifiers: str = ""  # catalogue number, archive ref
    isrc: str = ""
    iswc: str = ""
    timecode_in: str = ""
    timecode_out: str = ""
    duration: str = ""
    scenes: str = ""  # scene(s) or programme position
    fee_quoted: Money | None = None  # the holder's figure
    fee_agreed: Money | None = None
    requested: date | None = None
    reply_by: date | None = None
    licence_expiry: date | None = None
    restrictions: str = ""
    credit: str = ""
    notes: str = ""
    fee_offered: Money | None = None  # our figure
    salutation: str = ""  # "Dear Ms Hartley,": wins over the one made from holder_contact


@dataclass(frozen=True, slots=True)
class Distribution:
    """The manifest's ``distribution:`` section: what every licence must cover.

    ``media`` are the media the programme will be exploited in (``TV``, ``SVOD``, ``AVOD``,
    ``festivals``...); ``territory`` the places (``Worldwide``, or a list); ``term`` how long
    from first TX (``10 years``, ``perpetuity``), counted from ``delivery: tx``.
    """

    pos: Pos
    media: tuple[str, ...] = ()
    territory: tuple[str, ...] = ()
    term: str = ""
