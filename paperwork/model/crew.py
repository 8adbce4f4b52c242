"""The crew table's records: people, their deals, the manifest's ``terms:`` and
``crew_list:`` sections."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import Enum

from paperwork.model.records import Located, Money
from paperwork.model.source import Pos


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
    department: str = ""
    email: str = ""
    phone: str = ""
    address: tuple[str, ...] = ()
    deal: Deal | None = None
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
