"""The production: its manifest and the records of its tables, typed and frozen.

Every record carries the :class:`Pos` of its row so that builders can point at it.
Money is held in pence (an ``int``) so that sums are exact; dates are ``datetime.date``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from paperwork.model.breakdown import ElementRow
from paperwork.model.source import Pos

if TYPE_CHECKING:
    from paperwork.model.travel import Stay, TravelLeg


class Located:
    """A row that remembers each of its cells: ``at("rate")`` is ``crew.csv:7:rate``.

    Mixed into frozen, slotted records that have ``pos`` (the row) and ``cells``
    (``(column, Pos)`` pairs, one per cell read).
    """

    __slots__ = ()
    pos: Pos
    cells: tuple[tuple[str, Pos], ...]

    def at(self, column: str) -> Pos:
        """Where ``column`` was given in this row, or the row itself."""
        for name, pos in self.cells:
            if name == column:
                return pos
        return self.pos


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
    pos: Pos
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
    cells: tuple[tuple[str, Pos], ...] = ()


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


# --- Crew and their deals -------------------------------------------------------------------


class RateBasis(Enum):
    """What a crew member's rate is for."""

    DAILY = "daily"
    WEEKLY = "weekly"
    HOURLY = "hourly"
    FEE = "fee"  # one fee for the whole engagement


class TaxStatus(Enum):
    """How a crew member is engaged for tax (HMRC ESM4118 and the off-payroll rules)."""

    PAYE = "PAYE"  # employed for tax (Schedule E): through payroll
    SELF_EMPLOYED = "self-employed"  # Schedule D: invoices, paid gross
    LOAN_OUT = "loan-out"  # through the crew member's own limited company


class HolidayTreatment(Enum):
    """How paid holiday is given (Working Time Regulations 1998)."""

    ACCRUED = "accrued"  # accrues; taken during the engagement or paid in lieu at the end
    ROLLED_UP = "rolled-up"  # paid with each payment as its own line (12.07 %)
    NONE = "none"  # no statutory holiday pay: self-employed or a loan-out company


class WorkPattern(Enum):
    """The worker's pattern for holiday law: rolled-up pay is lawful only for the last two."""

    REGULAR = "regular"
    IRREGULAR = "irregular hours"
    PART_YEAR = "part-year"


class KitBasis(Enum):
    """What a kit or box rental rate is for."""

    DAY = "day"
    WEEK = "week"
    ENGAGEMENT = "engagement"


@dataclass(frozen=True, slots=True)
class WorkingDay:
    """A standard day: paid hours plus an unpaid break (``10+1`` SWD, ``9`` CWD)."""

    hours: Decimal
    break_hours: Decimal = Decimal(0)

    @property
    def text(self) -> str:
        """``10+1``, ``9``, ``9.5+0.5``."""
        hours = f"{self.hours.normalize():f}"
        return f"{hours}+{self.break_hours.normalize():f}" if self.break_hours else hours


@dataclass(frozen=True, slots=True)
class RateRule:
    """Overtime or a 6th/7th day: a multiple of the base rate (``1.5T``), an amount, or none.

    With neither a multiplier nor an amount the rule is "none": no overtime is paid, or a
    6th/7th day is paid at the ordinary rate.
    """

    multiplier: Decimal | None = None
    amount: Money | None = None

    @property
    def none(self) -> bool:
        return self.multiplier is None and self.amount is None


@dataclass(frozen=True, slots=True)
class Agreement:
    """A collective agreement (or none), with the figures the reference gives for it."""

    key: str  # "pact-bectu-tv-drama-2023", "none", or the user's own words for an unknown one
    name: str
    known: bool = True
    scope: str = ""
    day_types: tuple[tuple[str, WorkingDay], ...] = ()  # ("SWD", 10+1), ...
    overtime_min: Money | None = None  # per hour
    overtime_max: Money | None = None
    overtime_unit_minutes: int = 0
    night_from: str = ""  # "23:00"
    source: str = ""


@dataclass(frozen=True, slots=True)
class Deal:
    """The terms of one crew member's engagement, every default already filled from the terms."""

    start: date
    end: date
    rate: Money
    basis: RateBasis
    days_per_week: Decimal  # 1 to 7, or 5.5 (an 11-day fortnight)
    standard_day: WorkingDay
    overtime: RateRule
    sixth_day: RateRule
    seventh_day: RateRule
    holiday: HolidayTreatment
    work_pattern: WorkPattern
    tax_status: TaxStatus
    agreement: Agreement
    place_of_work: str = ""
    company: str = ""  # loan-out company
    company_number: str = ""
    vat_number: str = ""
    status_check: str = ""  # ESM4118 role, CEST result or IR35 determination on file
    kit_rate: Money | None = None
    kit_basis: KitBasis = KitBasis.DAY
    kit_items: str = ""
    mileage: Money | None = None  # per mile
    per_diem: Money | None = None  # per day
    per_diem_days: int | None = None  # None: every working day
    credit: str = ""
    notes: str = ""  # printed in the contract as special terms


class ContactSharing(Enum):
    """Whether a person's own mobile and email may be printed on the crew list (UK GDPR).

    ``yes``: on the list and in its vCard file; ``office-only``: the list says "via production
    office" and the vCard carries the office's number instead; ``no``: "via production office"
    and no vCard at all.
    """

    YES = "yes"
    OFFICE_ONLY = "office-only"
    NO = "no"


CREW_LIST_DATA_PROTECTION = (
    "Contains personal data, shared under UK GDPR for the work of this production only. Do "
    "not forward, copy or post it; destroy every copy when the production wraps."
)


@dataclass(frozen=True, slots=True)
class CrewListSettings:
    """The manifest's ``crew_list:`` section: who the list is issued by, and the production's
    default for sharing personal contact details (a crew or cast row's ``share_contact``
    overrides it); None: the production has not said, and nothing personal is printed."""

    pos: Pos
    share_contact: ContactSharing | None = None
    issued_by: str = ""  # a name or role under people:
    data_protection: str = CREW_LIST_DATA_PROTECTION


@dataclass(frozen=True, slots=True)
class CrewMember(Located):
    """One row of the crew table. ``deal`` is None for a row with no engagement terms.

    ``share_contact`` is the row's own say on printing their mobile and email (None: the
    production's default, ``crew_list: share_contact``)."""

    name: str
    role: str
    pos: Pos
    department: str = ""
    email: str = ""
    phone: str = ""
    address: tuple[str, ...] = ()
    deal: Deal | None = None
    cells: tuple[tuple[str, Pos], ...] = ()  # column -> cell, for located messages
    share_contact: ContactSharing | None = None


@dataclass(frozen=True, slots=True)
class PayrollYear:
    """An employer's on-costs for one UK tax year (6 April to 5 April), per weekly pay period.

    Employer's Class 1 secondary National Insurance at ``ni_rate`` on a week's earnings above
    ``ni_threshold``; an auto-enrolment pension at ``pension_rate`` of the week's qualifying
    earnings between ``pension_lower`` and ``pension_upper``, in a week whose earnings pass the
    auto-enrolment trigger. Amounts are weekly, in pence.
    """

    start: date  # 6 April
    end: date  # 5 April
    label: str  # "2025/26"
    ni_rate: Decimal
    ni_threshold: int  # a week, pence
    pension_rate: Decimal
    pension_lower: int  # a week, pence
    pension_upper: int  # a week, pence
    pension_trigger: int  # a week, pence: above it an eligible jobholder is auto-enrolled
    source: str = ""


@dataclass(frozen=True, slots=True)
class ContractTerms:
    """The production's standard terms (manifest ``terms:``) with reference data resolved."""

    pos: Pos
    agreement: Agreement
    standard_day: WorkingDay
    days_per_week: Decimal
    overtime: RateRule
    sixth_day: RateRule
    seventh_day: RateRule
    holiday: HolidayTreatment
    holiday_rate: Decimal  # 0.1207
    leave_weeks: Decimal  # 5.6 weeks a year
    leave_cap_days: int  # 28 days
    rolled_up_from: date  # leave years starting on or after this date
    mileage: Money  # per mile
    vat_rate: Decimal  # 0.20
    bank_holiday_region: str  # "england-and-wales"
    bank_holidays: tuple[tuple[date, str], ...]  # (date, name), in date order
    bank_holiday_years: tuple[int, ...]  # years the data covers
    bank_holidays_worked: bool = False
    leave_year_start: date | None = None  # None: each engagement's start date
    minimum_wage: tuple[tuple[date, Money], ...] = ()  # hourly, from each date
    payroll: tuple[PayrollYear, ...] = ()  # employer's NI and pension, per tax year
    place_of_work: str = ""
    budget_band: str = ""
    night_work: str = ""
    kit_insurance: str = ""
    cancellation: str = ""
    payment: str = ""
    signatory: str = ""  # a name or role in people:
    governing_law: str = "England and Wales"

    def leave_year_for(self, start: date) -> date:
        """The start of the leave year an engagement starting on ``start`` falls in.

        With no ``leave_year_start`` in the terms a worker's leave year begins on the day the
        engagement begins (WTR 1998 reg. 13(3)(b)); otherwise on the latest anniversary of
        ``leave_year_start`` on or before ``start``.
        """
        anniversary = self.leave_year_start
        if anniversary is None:
            return start
        day = min(anniversary.day, 28) if anniversary.month == 2 else anniversary.day
        this_year = date(start.year, anniversary.month, day)
        return this_year if this_year <= start else date(start.year - 1, anniversary.month, day)


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


# --- Call sheets: the schedule, the cast, the locations and the calls -----------------------
#
# Times are wall-clock times at the day's location (``datetime.time``); a time earlier than
# the day's unit call by more than a few hours belongs to the next morning (a wrap at 01:00).


@dataclass(frozen=True, slots=True)
class TimeSpan:
    """``13:00`` or ``13:00-14:00``: a start and, when given, an end."""

    start: time
    end: time | None = None


@dataclass(frozen=True, slots=True)
class ScheduledScene(Located):
    """A scene in a day's shooting order: its number as in the script, and the row's notes.

    ``cast`` adds cast ids the script cannot tell (a silent appearance); ``location`` is a
    location id when the scene is shot somewhere other than its set's usual place.
    """

    number: str
    pos: Pos  # the scene cell: ``schedule.csv:12:scene``
    time: TimeSpan | None = None  # estimated time on the day
    location: str = ""
    cast: tuple[str, ...] = ()
    notes: str = ""
    cells: tuple[tuple[str, Pos], ...] = ()  # column -> cell of the scene's row
    eighths: int | None = None  # the part shot this day, when a scene is split over days


@dataclass(frozen=True, slots=True)
class Banner:
    """A banner between scenes in the shooting order: lunch, a company move, wrap."""

    text: str
    pos: Pos
    time: TimeSpan | None = None


@dataclass(frozen=True, slots=True)
class DepartmentNote:
    """A department's note for one day (``department`` empty: a general note)."""

    department: str
    text: str
    pos: Pos


@dataclass(frozen=True, slots=True)
class ShootDay(Located):
    """One shoot day of the schedule, with its scenes and banners in shooting order."""

    number: int
    date: date
    pos: Pos  # the day's first row
    strips: tuple[ScheduledScene | Banner, ...] = ()
    unit: str = ""
    location: str = ""  # the day's default location id
    unit_call: time | None = None
    shooting_call: time | None = None
    breakfast: TimeSpan | None = None
    lunch: TimeSpan | None = None
    dinner: TimeSpan | None = None
    wrap: time | None = None  # estimated wrap
    weather: str = ""
    notes: tuple[DepartmentNote, ...] = ()
    cells: tuple[tuple[str, Pos], ...] = ()  # column -> the cell that gave the day's value

    @property
    def scenes(self) -> tuple[ScheduledScene, ...]:
        return tuple(s for s in self.strips if isinstance(s, ScheduledScene))


@dataclass(frozen=True, slots=True)
class CastMember(Located):
    """One row of the cast table: a cast id, the artist and the character(s) as in the script.

    ``characters`` are upper-case, as cues are printed (``("ELSIE", "GRAN")``). ``minor`` is
    set by the table or by a date of birth; age on a given day comes from ``date_of_birth``.
    """

    id: str
    artist: str
    characters: tuple[str, ...]
    pos: Pos
    agent: str = ""
    phone: str = ""
    email: str = ""
    date_of_birth: date | None = None
    minor: bool = False
    licence: str = ""  # the child performance licence reference
    chaperone: str = ""
    notes: str = ""
    cells: tuple[tuple[str, Pos], ...] = ()
    travels: bool = False  # travels out and back on the travel: section's dates
    # the artist's say on printing their own phone and email (None: the production's
    # default); an agent's contacts are business contacts and always printed
    share_contact: ContactSharing | None = None

    def age_on(self, day: date) -> int | None:
        """Whole years on ``day``, or None without a date of birth."""
        born = self.date_of_birth
        if born is None:
            return None
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


@dataclass(frozen=True, slots=True)
class Hospital:
    """The nearest A&E for a location: a Type 1, 24-hour department, not a minor injuries unit."""

    name: str
    address: tuple[str, ...] = ()
    phone: str = ""


@dataclass(frozen=True, slots=True)
class Location(Located):
    """One row of the locations table: a real place and the script's sets shot there."""

    id: str
    name: str
    sets: tuple[str, ...]  # set names as in the script's headings, upper-case
    pos: Pos
    address: tuple[str, ...] = ()
    postcode: str = ""
    country: str = "GB"  # ISO 3166 alpha-2
    latitude: float | None = None
    longitude: float | None = None
    what3words: str = ""  # "///filled.count.soap"
    grid_ref: str = ""  # OS grid reference for remote sites
    timezone: str = "Europe/London"
    parking: str = ""
    unit_base: str = ""
    hospital: Hospital | None = None
    access: str = ""
    contact: str = ""  # the contact on site
    cells: tuple[tuple[str, Pos], ...] = ()


@dataclass(frozen=True, slots=True)
class Call(Located):
    """One row of the calls table: a person's call on a day, or on every day they work.

    ``who`` is a cast id or a crew member's name. ``call`` is their own call, or
    ``offset_minutes`` a call relative to the unit call (``-30``); ``off`` means not called.
    """

    who: str
    pos: Pos
    day: int | None = None  # None: every day this person works
    off: bool = False
    call: time | None = None
    offset_minutes: int | None = None
    pick_up: time | None = None
    pick_up_from: str = ""
    hmu: time | None = None
    costume: time | None = None
    on_set: time | None = None
    release: time | None = None  # when they finish (None: the unit's wrap)
    notes: str = ""
    cells: tuple[tuple[str, Pos], ...] = ()


@dataclass(frozen=True, slots=True)
class SupportingArtists(Located):
    """A group of supporting artists called on a day (``12 x office workers``)."""

    day: int
    count: int
    description: str
    pos: Pos
    scenes: tuple[str, ...] = ()
    call: time | None = None
    costume: time | None = None  # costume and HMU
    on_set: time | None = None
    agency: str = ""
    notes: str = ""
    cells: tuple[tuple[str, Pos], ...] = ()


CALL_SHEET_CONTACTS = (
    "Producer",
    "Director",
    "Production Manager",
    "1st Assistant Director",
    "2nd Assistant Director",
    "Production Co-ordinator",
    "Location Manager",
    "Unit Medic",
)
# The usual order of departments on a UK call sheet's crew list; ``call_sheets: departments``
# replaces it. Names are compared ignoring case, "&" for "and", hyphens and spacing; a
# department not in the list follows those that are, in the crew table's order.
CALL_SHEET_DEPARTMENTS = (
    "Production",
    "Production Office",
    "Accounts",
    "Assistant Directors",
    "ADs",
    "Script",
    "Camera",
    "DIT",
    "Sound",
    "Lighting",
    "Electrical",
    "Grip",
    "Grips",
    "Art",
    "Art Department",
    "Props",
    "Set Decoration",
    "Construction",
    "Costume",
    "Wardrobe",
    "Make-up",
    "Hair and Make-up",
    "Hair",
    "Locations",
    "Transport",
    "Unit",
    "Catering",
    "Health and Safety",
    "Medical",
    "Marine",
    "SFX",
    "Stunts",
    "VFX",
    "Publicity",
    "Stills",
    "Post Production",
)
CALL_SHEET_CONFIDENTIALITY = (
    "Confidential: this call sheet holds personal contact details and locations. Do not "
    "share it, post it or leave it on set; destroy it when the day is over."
)


@dataclass(frozen=True, slots=True)
class CallSheetSettings:
    """The manifest's ``call_sheets:`` section: what every call sheet of the production says."""

    pos: Pos
    shoot_days: int | None = None  # the production calendar's total, checked against the schedule
    contacts: tuple[str, ...] = CALL_SHEET_CONTACTS  # roles, from people: and the crew
    issued_by: str = ""  # a name or role under people:
    safety: tuple[str, ...] = ()
    emergency: tuple[Person, ...] = ()  # name: the service; phone: the number
    reminders: tuple[str, ...] = ()
    confidentiality: str = CALL_SHEET_CONFIDENTIALITY
    turnaround_hours: int = 11
    departments: tuple[str, ...] = CALL_SHEET_DEPARTMENTS  # the crew list's order
    sides_layout: str = ""  # "full" or "half" (pocket sides); "" : full


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
    pos: Pos
    category: str = ""
    spec: str = ""
    recipient: str = ""
    due: date | None = None  # a fixed due date, or None when ``rule`` gives it
    rule: DueRule | None = None
    responsible: str = ""
    status: DeliverableStatus = DeliverableStatus.NOT_STARTED
    delivered: date | None = None
    notes: str = ""
    cells: tuple[tuple[str, Pos], ...] = ()


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


@dataclass(frozen=True, slots=True)
class Risk(Located):
    """One row of the risks table: a hazard, its controls and its 5x5 scores.

    ``likelihood`` and ``severity`` (1-5) are before the further controls, ``residual_*``
    after them; ``None`` where the cell is blank or unreadable (reported). ``category`` is a
    key of ``paperwork/data/hazards.yaml`` (``"water"``) or ``""``; ``scenes`` are scene
    numbers as in the script. The header cells (assessor, dates) may be given on any row of
    a location: the risk assessment takes the first filled one.

    A row may put a control on one person in structured columns, which the call sheet checks
    (``child-limit-exceeded``): ``person`` (a cast id, artist or character), ``not_after``
    (no work after this time of day) and ``no_water_work`` (not in any scene that a
    ``water`` row covers). A limit written only in ``controls`` or ``further_controls`` is
    free text and is not checked.
    """

    id: str
    hazard: str
    pos: Pos
    category: str = ""
    location: str = ""
    activity: str = ""
    scenes: tuple[str, ...] = ()
    who: str = ""  # who might be harmed, and how
    controls: str = ""  # existing controls
    likelihood: int | None = None
    severity: int | None = None
    further_controls: str = ""
    residual_likelihood: int | None = None
    residual_severity: int | None = None
    owner: str = ""
    due: date | None = None
    status: str = ""  # "open", "in progress" or "done"
    assessor: str = ""
    competent_person: str = ""
    assessed: date | None = None
    review: date | None = None
    person: str = ""  # the one person a structured limit below applies to
    not_after: time | None = None  # no work after this time of day
    no_water_work: bool = False  # not in any scene a ``water`` row covers
    cells: tuple[tuple[str, Pos], ...] = ()


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
