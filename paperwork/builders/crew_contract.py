"""Crew contracts and deal memos: one per freelancer, and a cost summary for the accountant.

``build()`` returns one contract per crew member with a deal (stem
``contract_{slug(name)}_{today}``, DOCX and PDF; the pipeline merges the batch's PDFs into
one with a bookmark per person) and, when no people were picked with ``BuildOptions.people``,
one summary (stem ``crew-summary_{today}``) as PDF and DOCX (``templates/crew_summary``,
context :class:`SummaryContext`), XLSX (dates as dates, money as numbers in a £ format,
every total a live ``=SUM(...)``) and its first sheet as CSV. The
summary is part of this builder, not a builder of its own, so that its figures always come
from the same costing as the contracts; a run for named people writes their contracts only,
so it cannot overwrite the whole crew's summary with a partial one.

How the sums are worked (all of it is printed in the summary's "Method" sheet)
---------------------------------------------------------------------------------
- Money is whole pence (``int``). A product or quotient with a fraction of a penny is
  rounded once, half up, to the penny (``decimal.ROUND_HALF_UP``): 12.07 % of £1,234.56 is
  £149.011... -> £149.01; of £2,500.50 it is £301.810... -> £301.81.
- Working days: every date from start to end inclusive that falls in the week pattern, less
  bank holidays of the terms' nation (England & Wales by default) unless the terms say
  ``bank_holidays_worked: yes``. Patterns run from Monday: 5 days = Mon-Fri, 6 = Mon-Sat,
  7 = every day, 1-4 = the first N days from Monday; 5.5 (an 11-day fortnight) alternates
  Mon-Fri and Mon-Sat, starting with Mon-Fri in the week (Monday to Sunday) of the start date.
  A bank holiday that falls in the pattern is not worked and, for daily, hourly and weekly
  rates, not paid: the contract names each one.
- Daily rate: working days x rate. For daily and hourly rates, a working day that is the
  6th (or 7th) working day of its week (Monday to Sunday) is paid at the 6th-day (7th-day)
  rate: a multiple of the day rate, rounded to the penny per day, or a fixed amount.
- Hourly rate: a day's pay is rate x the standard day's paid hours (rounded to the penny),
  then as for a daily rate.
- Weekly rate: rate x working days / days per week (pro rata for part weeks and bank
  holidays); the weekly rate covers the week pattern, so no 6th-day premium is estimated.
- Fee: the fee, whatever the days.
- Overtime base hourly rate (printed in every contract): the day's pay / the standard day's
  paid hours (weekly: rate / (days per week x hours)); the overtime rate is that x the
  overtime multiple, kept within the agreement's minimum and maximum where it sets them.
  Overtime, night work and extra days are not estimated: they depend on the schedule.
- Holiday pay is its own line, with one day-count rule for every rate basis: leave accrues
  on the days worked (the engagement's working days), and holiday pay is fees x the same
  share, rounded once. Regular workers (accrued, paid in lieu at the end): 5.6 weeks a year,
  at most 28 days, over the 52 weeks of the pattern, ``min(5.6 x days a week, 28) / (52 x
  days a week)`` (28/260 for a 5-day week). Irregular-hours and part-year workers, and
  rolled-up holiday pay: the holiday rate (12.07 % = 5.6 / 46.4). Leave days = working days
  x the share, to 2 decimal places. Self-employed and loan-out engagements have no
  statutory holiday pay.
- Kit: per day x working days; per week x working days / days per week; or per engagement.
- Per diems: per diem x per diem days (or every working day when none are given).
- Estimated total cost (the contract's figure) = fees + holiday pay + kit + per diems. VAT
  (on fees and kit, for a self-employed or loan-out supplier with a VAT number) is shown
  apart: a VAT-registered production recovers it.
- Employer's NI and pension (the summary only; PAYE crew only, "not applicable" for
  self-employed and loan-out): pay (fees + holiday pay) is spread over the weekly pay
  periods (Monday to Sunday) pro rata to the days worked in each. Each week: Class 1
  secondary NI at the tax year's rate above its weekly threshold, and the employer's
  auto-enrolment pension on qualifying earnings between the weekly lower and upper limits
  when the week's pay passes the trigger; summed exactly, rounded once. Rates per tax year
  are reference data (``paperwork/data/payroll.yaml``); a week's tax year is its first
  working day's. Not applied: the Employment Allowance, the apprenticeship levy, age
  reliefs, pension postponement or opt-out. Total cost = estimated total cost + employer's
  NI + pension.

Fields a company's own Word template may use (``paperwork contracts --template FILE``)
-------------------------------------------------------------------------------------
Every value is display-ready text unless it is marked as a list. Top-level names:

Document: ``document_title``, ``reference``, ``date``, ``footer_note``, ``logo`` (an image
when the company has a logo, else empty).
Engaging company: ``letterhead`` (with ``.company``, ``.address`` (list), ``.address_line``,
``.phone``, ``.email``, ``.website``, ``.company_number``, ``.vat_number``,
``.contact_line``, ``.registration_line``), ``company_name``.
Production: ``production_title``, ``production_type``, ``commissioner``, ``agreement``,
``agreement_note``.
Crew member: ``crew_name``, ``crew_address`` (list), ``crew_address_line``, ``crew_email``,
``crew_phone``, ``role``, ``department``, ``engaged_party`` (the person, or the loan-out
company "for the services of" the person), ``tax_status``, ``loan_out_company``,
``loan_out_company_number``, ``loan_out_vat_number``, ``status_check``.
Dates and hours: ``start_date``, ``end_date`` (``Monday 7 September 2026``),
``start_date_short``, ``end_date_short`` (``07/09/2026``), ``working_week``,
``working_days``, ``bank_holidays_note``, ``place_of_work``, ``standard_day``,
``hours_line``.
Money: ``currency``, ``rate``, ``rate_basis``, ``rate_line``, ``day_rate``, ``hourly_rate``,
``hourly_rate_line``, ``overtime_line``, ``sixth_day_line``, ``seventh_day_line``,
``night_work_line``, ``holiday_method``, ``holiday_line``, ``holiday_pay``, ``kit_line``,
``kit_items``, ``kit_total``, ``expenses_line``, ``per_diems_total``, ``mileage_line``,
``fees_total``, ``estimated_total``, ``vat_line``, ``payment_line``, ``cancellation_line``,
``credit``, ``special_terms``.
Lists: ``key_terms`` (the deal memo box: each ``.label``, ``.value``), ``pay_lines`` (the
fees, holiday pay, kit and per diem lines, without the total: each ``.label``,
``.working``, ``.amount``), ``clauses`` (each ``.number``, ``.title``, ``.paragraphs``: a
list of text).
Signatures: ``signatory_name``, ``signatory_role``, ``company_signs_for``,
``crew_signs_for``.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from paperwork.builders.base import (
    SHOOT_PLAN,
    BuildOptions,
    BuiltDocument,
    Cell,
    DocumentKind,
    Sheet,
    SumOf,
    slug,
)
from paperwork.builders.format import long_date, money, short_date, weekday
from paperwork.builders.letterhead import ContextMapping, Letterhead, letterhead, logo_path
from paperwork.errors import Diagnostics
from paperwork.model.production import (
    ContractTerms,
    CrewMember,
    Deal,
    HolidayTreatment,
    KitBasis,
    Money,
    Person,
    Production,
    RateBasis,
    RateRule,
    TaxStatus,
    Travel,
    WorkPattern,
)
from paperwork.model.source import Pos

NAME = "crew-contracts"
TEMPLATE = "crew_contract"

_CENT = Decimal("0.01")
_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_HALF = Decimal("5.5")


# --- Arithmetic -----------------------------------------------------------------------------


def to_pence(value: Decimal) -> int:
    """A sum in pence with a fraction, rounded half up to the penny (never banker's)."""
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _num(value: Decimal) -> str:
    """``Decimal('5.50')`` -> ``5.5``; ``Decimal('10')`` -> ``10``."""
    text = f"{value.normalize():f}"
    return text


def _pct(rate: Decimal) -> str:
    return f"{_num(rate * 100)}%"


def _days(n: int | Decimal) -> str:
    return f"{_num(Decimal(n))} day{'' if n == 1 else 's'}"


# --- Working days ---------------------------------------------------------------------------


def days_in_week(days_per_week: Decimal, week_index: int) -> int:
    """How many days from Monday are worked in the engagement's ``week_index``-th week (0-based).

    5.5 is an 11-day fortnight: Mon-Fri in even weeks (the start date's week is 0), Mon-Sat
    in odd ones.
    """
    if days_per_week == _HALF:
        return 5 if week_index % 2 == 0 else 6
    return int(days_per_week)


@dataclass(frozen=True, slots=True)
class WorkDays:
    """The working days of an engagement, and which are 6th and 7th days of their week."""

    days: tuple[date, ...]
    sixth: tuple[date, ...]  # the 6th working day of its week (Monday to Sunday)
    seventh: tuple[date, ...]
    bank_holidays: tuple[tuple[date, str], ...]  # in the pattern, so not worked (or worked)

    @property
    def count(self) -> int:
        return len(self.days)


def working_days(
    start: date,
    end: date,
    days_per_week: Decimal,
    bank_holidays: Iterable[tuple[date, str]] = (),
    *,
    bank_holidays_worked: bool = False,
) -> WorkDays:
    """The days of the pattern from ``start`` to ``end`` inclusive, bank holidays taken out."""
    holidays = dict(bank_holidays)
    first_monday = start - timedelta(days=start.weekday())
    days: list[date] = []
    sixth: list[date] = []
    seventh: list[date] = []
    in_pattern_holidays: list[tuple[date, str]] = []
    per_week: dict[int, int] = {}
    day = start
    while day <= end:
        week = (day - first_monday).days // 7
        if day.weekday() < days_in_week(days_per_week, week):
            if day in holidays:
                in_pattern_holidays.append((day, holidays[day]))
            if day not in holidays or bank_holidays_worked:
                days.append(day)
                per_week[week] = per_week.get(week, 0) + 1
                if per_week[week] == 6:
                    sixth.append(day)
                elif per_week[week] == 7:
                    seventh.append(day)
        day += timedelta(days=1)
    return WorkDays(tuple(days), tuple(sixth), tuple(seventh), tuple(in_pattern_holidays))


def week_pattern(days_per_week: Decimal) -> str:
    """``5 days a week, Monday to Friday``; ``an 11-day fortnight (5.5 days a week) ...``."""
    if days_per_week == _HALF:
        return (
            "an 11-day fortnight (5.5 days a week): Monday to Friday in the first week, "
            "Monday to Saturday in the second, and so on"
        )
    n = int(days_per_week)
    if n == 7:
        return "7 days a week"
    if n == 1:
        return "1 day a week, Monday"
    return f"{n} days a week, Monday to {_DAY_NAMES[n - 1]}"


# --- Costing --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Line:
    """One line of the sums, with its working: ``20 days × £350.00``, 700000 pence."""

    label: str
    working: str
    pence: int


@dataclass(frozen=True, slots=True)
class OnCosts:
    """Employer's NI and pension of one engagement, or why there are none.

    ``status`` is what the summary prints in its "NI/pension" column; ``unknown`` lists the
    weekly pay periods (their Mondays) whose tax year is not in the reference data.
    """

    applies: bool
    status: str
    ni: Line | None = None
    pension: Line | None = None
    unknown: tuple[date, ...] = ()

    @property
    def total(self) -> int:
        return (self.ni.pence if self.ni else 0) + (self.pension.pence if self.pension else 0)


_NOT_APPLICABLE = {
    TaxStatus.SELF_EMPLOYED: "not applicable (self-employed)",
    TaxStatus.LOAN_OUT: "not applicable (loan-out company)",
}


def pay_weeks(wd: WorkDays, start: date) -> tuple[tuple[date, int], ...]:
    """The weekly pay periods (Monday to Sunday) with working days: (Monday, days worked).

    An engagement with no working days (a fee) is one pay period, the start date's week.
    """
    weeks: dict[date, int] = {}
    for day in wd.days:
        monday = day - timedelta(days=day.weekday())
        weeks[monday] = weeks.get(monday, 0) + 1
    if not weeks:
        return ((start - timedelta(days=start.weekday()), 0),)
    return tuple(sorted(weeks.items()))


def on_costs(deal: Deal, wd: WorkDays, pay: int, terms: ContractTerms) -> OnCosts:
    """Employer's Class 1 NI and auto-enrolment pension on ``pay`` (fees + holiday pay).

    PAYE only. The pay is spread over the weekly pay periods pro rata to the days worked in
    each (all of it in one period when there are none); in each week, NI is the tax year's
    rate on the pay above its weekly secondary threshold, and the pension the employer's
    rate on the pay between the weekly lower and upper limits of qualifying earnings when
    the week's pay passes the auto-enrolment trigger. Each is summed exactly and rounded
    once, half up, to the penny. A week's tax year is the one its first working day is in.
    """
    if deal.tax_status is not TaxStatus.PAYE:
        return OnCosts(False, _NOT_APPLICABLE[deal.tax_status])
    cur = deal.rate.currency
    weeks = pay_weeks(wd, deal.start)
    n = sum(days for _, days in weeks)
    ni = pension = over_ni = qualifying = Decimal(0)
    enrolled = 0
    used: list[str] = []
    unknown: list[date] = []
    rates: dict[str, tuple[Decimal, int, Decimal, int, int]] = {}
    for monday, days in weeks:
        first = next((d for d in wd.days if d >= monday), deal.start)
        year = next((y for y in terms.payroll if y.start <= first <= y.end), None)
        if year is None:
            unknown.append(monday)
            continue
        share = Decimal(pay) * days / n if n else Decimal(pay)
        above = max(Decimal(0), share - year.ni_threshold)
        over_ni += above
        ni += above * year.ni_rate
        if share > year.pension_trigger:
            band = max(Decimal(0), min(share, Decimal(year.pension_upper)) - year.pension_lower)
            qualifying += band
            pension += band * year.pension_rate
            enrolled += 1
        if year.label not in used:
            used.append(year.label)
            rates[year.label] = (
                year.ni_rate,
                year.ni_threshold,
                year.pension_rate,
                year.pension_lower,
                year.pension_upper,
            )
    if unknown and len(unknown) == len(weeks):
        return OnCosts(True, "applies (PAYE): rates not known", unknown=tuple(unknown))
    period = f"{len(weeks)} weekly pay period{'' if len(weeks) == 1 else 's'}"
    ni_how = "; ".join(
        f"{lab}: {_pct(r[0])} of pay above {_m(r[1], cur)} a week" for lab, r in rates.items()
    )
    pension_how = "; ".join(
        f"{lab}: {_pct(r[2])} of pay from {_m(r[3], cur)} to {_m(r[4], cur)} a week"
        for lab, r in rates.items()
    )
    return OnCosts(
        True,
        "applies (PAYE)",
        Line(
            "Employer's NI",
            f"{ni_how}; {_m(pay, cur)} over {period}, {_m(to_pence(over_ni), cur)} above",
            to_pence(ni),
        ),
        Line(
            "Employer's pension",
            f"{pension_how}; {enrolled} of {len(weeks)} weeks above the trigger, "
            f"{_m(to_pence(qualifying), cur)} qualifying",
            to_pence(pension),
        ),
        tuple(unknown),
    )


@dataclass(frozen=True, slots=True)
class Costing:
    """Every figure of one engagement, in pence, with the working that produced it."""

    member: CrewMember
    deal: Deal
    days: WorkDays
    day_pay: int  # a day's pay: the daily rate, or its equivalent
    hourly_base: int  # the overtime base hourly rate
    overtime_hourly: int | None  # None: no overtime is paid
    overtime_note: str
    sixth_day_pay: int
    seventh_day_pay: int
    fee_lines: tuple[Line, ...]
    fees: int
    holiday: Line | None
    leave_days: Decimal  # days of leave the engagement earns (0 if none)
    kit: Line | None
    per_diems: Line | None
    vat: int
    minimum_wage: Money | None  # the National Living Wage at the start date, if known
    on_costs: OnCosts = OnCosts(False, "")

    @property
    def holiday_pay(self) -> int:
        return self.holiday.pence if self.holiday else 0

    @property
    def kit_total(self) -> int:
        return self.kit.pence if self.kit else 0

    @property
    def per_diem_total(self) -> int:
        return self.per_diems.pence if self.per_diems else 0

    @property
    def total(self) -> int:
        """The estimated cost to the production, before VAT and employer's on-costs."""
        return self.fees + self.holiday_pay + self.kit_total + self.per_diem_total

    @property
    def employer_total(self) -> int:
        """The cost to the production: the estimated total plus employer's NI and pension."""
        return self.total + self.on_costs.total

    @property
    def lines(self) -> tuple[Line, ...]:
        return tuple(
            line for line in (*self.fee_lines, self.holiday, self.kit, self.per_diems) if line
        )


def _m(pence: int | Decimal, currency: str) -> str:
    return money(Money(int(pence), currency))


def _rule_pay(rule: RateRule, day_exact: Decimal) -> int:
    """A 6th/7th day's pay in pence: a multiple of the day's pay, an amount, or the day's pay."""
    if rule.amount is not None:
        return rule.amount.minor
    if rule.multiplier is not None:
        return to_pence(day_exact * rule.multiplier)
    return to_pence(day_exact)


def cost(member: CrewMember, terms: ContractTerms) -> Costing:
    """Work out every sum of one crew member's deal (see the module docstring for the rules)."""
    deal = member.deal
    assert deal is not None, "cost() needs a crew member with a deal"
    cur = deal.rate.currency
    wd = working_days(
        deal.start,
        deal.end,
        deal.days_per_week,
        terms.bank_holidays,
        bank_holidays_worked=terms.bank_holidays_worked,
    )
    n = wd.count
    rate = Decimal(deal.rate.minor)
    hours = deal.standard_day.hours
    dpw = deal.days_per_week
    r = _m(deal.rate.minor, cur)

    # A day's pay, exactly, and the overtime base hourly rate.
    match deal.basis:
        case RateBasis.DAILY:
            day_exact = rate
            base_exact = rate / hours
        case RateBasis.HOURLY:
            day_exact = Decimal(to_pence(rate * hours))
            base_exact = rate
        case RateBasis.WEEKLY:
            day_exact = rate / dpw
            base_exact = rate / (dpw * hours)
        case RateBasis.FEE:
            day_exact = rate / n if n else rate
            base_exact = day_exact / hours
    day_pay = to_pence(day_exact)
    hourly_base = to_pence(base_exact)

    sixth_pay = _rule_pay(deal.sixth_day, day_exact)
    seventh_pay = _rule_pay(deal.seventh_day, day_exact)

    # Fees.
    lines: list[Line] = []
    match deal.basis:
        case RateBasis.DAILY | RateBasis.HOURLY:
            premium = deal.basis in (RateBasis.DAILY, RateBasis.HOURLY)
            n6 = len(wd.sixth) if premium and not deal.sixth_day.none else 0
            n7 = len(wd.seventh) if premium and not deal.seventh_day.none else 0
            ordinary = n - n6 - n7
            each = (
                r
                if deal.basis is RateBasis.DAILY
                else f"{_m(day_pay, cur)} ({_num(hours)} h × {r})"
            )
            lines.append(Line("Fees", f"{_days(ordinary)} × {each}", ordinary * day_pay))
            for label, count, pay, rule in (
                ("6th days", n6, sixth_pay, deal.sixth_day),
                ("7th days", n7, seventh_pay, deal.seventh_day),
            ):
                if count:
                    how = (
                        f"{_num(rule.multiplier)} × {_m(day_pay, cur)}"
                        if rule.multiplier is not None
                        else "agreed rate"
                    )
                    lines.append(
                        Line(
                            label,
                            f"{_days(count)} × {_m(pay, cur)} ({how})",
                            count * pay,
                        )
                    )
        case RateBasis.WEEKLY:
            lines.append(
                Line(
                    "Fees",
                    f"{r} a week × {_days(n)} ÷ {_num(dpw)} days a week",
                    to_pence(rate * n / dpw),
                )
            )
        case RateBasis.FEE:
            lines.append(Line("Fee", f"engagement fee for {_days(n)}", deal.rate.minor))
    fees = sum(line.pence for line in lines)

    holiday, leave_days = _holiday(deal, terms, wd, fees, cur)

    kit = None
    if deal.kit_rate is not None:
        k = deal.kit_rate.minor
        km = _m(k, cur)
        match deal.kit_basis:
            case KitBasis.DAY:
                kit = Line("Kit rental", f"{_days(n)} × {km} a day", n * k)
            case KitBasis.WEEK:
                kit = Line(
                    "Kit rental",
                    f"{km} a week × {_days(n)} ÷ {_num(dpw)} days a week",
                    to_pence(Decimal(k) * n / dpw),
                )
            case KitBasis.ENGAGEMENT:
                kit = Line("Kit rental", f"{km} for the engagement", k)

    per_diems = None
    if deal.per_diem is not None and deal.per_diem.minor > 0:
        pd_days = deal.per_diem_days if deal.per_diem_days is not None else n
        per_diems = Line(
            "Per diems",
            f"{_days(pd_days)} × {_m(deal.per_diem.minor, cur)}",
            pd_days * deal.per_diem.minor,
        )

    vat = 0
    if deal.vat_number and deal.tax_status is not TaxStatus.PAYE:
        vat = to_pence(Decimal(fees + (kit.pence if kit else 0)) * terms.vat_rate)

    overtime_hourly, overtime_note = _overtime(deal, hourly_base, cur)

    wage = None
    for since, hourly in terms.minimum_wage:
        if since <= deal.start:
            wage = hourly
    return Costing(
        member=member,
        deal=deal,
        days=wd,
        day_pay=day_pay,
        hourly_base=hourly_base,
        overtime_hourly=overtime_hourly,
        overtime_note=overtime_note,
        sixth_day_pay=sixth_pay,
        seventh_day_pay=seventh_pay,
        fee_lines=tuple(lines),
        fees=fees,
        holiday=holiday,
        leave_days=leave_days,
        kit=kit,
        per_diems=per_diems,
        vat=vat,
        minimum_wage=wage,
        on_costs=on_costs(deal, wd, fees + (holiday.pence if holiday else 0), terms),
    )


def _overtime(deal: Deal, hourly_base: int, cur: str) -> tuple[int | None, str]:
    """The overtime rate per hour and how it was found, within the agreement's caps."""
    rule = deal.overtime
    if rule.amount is not None:
        return rule.amount.minor, "the agreed overtime rate"
    if rule.multiplier is None:
        return None, ""
    raw = to_pence(Decimal(hourly_base) * rule.multiplier)
    note = f"{_num(rule.multiplier)} × {_m(hourly_base, cur)}"
    a = deal.agreement
    if a.overtime_min is not None and raw < a.overtime_min.minor:
        return a.overtime_min.minor, f"{note} = {_m(raw, cur)}, raised to the agreement's minimum"
    if a.overtime_max is not None and raw > a.overtime_max.minor:
        return a.overtime_max.minor, f"{note} = {_m(raw, cur)}, capped at the agreement's maximum"
    return raw, note


def accrual(deal: Deal, terms: ContractTerms) -> tuple[Decimal, str]:
    """The share of pay that is holiday pay, per day worked, and how it is found.

    One day-count rule for every crew member with statutory holiday, whatever the rate basis:
    leave accrues on the engagement's working days (the days its pay counts). Regular
    workers: 5.6 weeks a year (at most 28 days) over the 52 weeks of their pattern, so
    ``min(5.6 x days a week, 28) / (52 x days a week)`` of a day per day worked (5.6/52 for
    5 days a week). Irregular-hours and part-year workers, and rolled-up holiday pay: the
    statutory 12.07 % (5.6 / (52 - 5.6)), or the terms' higher holiday rate.
    """
    if deal.holiday is HolidayTreatment.ROLLED_UP or deal.work_pattern is not WorkPattern.REGULAR:
        return terms.holiday_rate, _pct(terms.holiday_rate)
    dpw = deal.days_per_week
    per_year = min(terms.leave_weeks * dpw, Decimal(terms.leave_cap_days))
    pattern = 52 * dpw
    return per_year / pattern, f"{_num(per_year)} days a year ÷ {_num(pattern)} (52 × {_num(dpw)})"


def _holiday(
    deal: Deal, terms: ContractTerms, wd: WorkDays, fees: int, cur: str
) -> tuple[Line | None, Decimal]:
    """Holiday pay = fees x the accrual share (rounded once); leave = working days x share."""
    if deal.holiday is HolidayTreatment.NONE:
        return None, Decimal(0)
    share, how = accrual(deal, terms)
    leave = (Decimal(wd.count) * share).quantize(_CENT, rounding=ROUND_HALF_UP)
    label = (
        "Holiday pay (rolled-up)"
        if deal.holiday is HolidayTreatment.ROLLED_UP
        else "Holiday pay (accrued, paid in lieu)"
    )
    working = f"{how} × {_m(fees, cur)}"
    if deal.work_pattern is WorkPattern.REGULAR and deal.holiday is HolidayTreatment.ACCRUED:
        working += f" ({_days(wd.count)} worked: {_num(leave)} days' leave)"
    return Line(label, working, to_pence(Decimal(fees) * share)), leave


# --- The contract's context -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Term:
    """A labelled line of the deal memo box: ``Start: Monday 7 September 2026``."""

    label: str
    value: str


@dataclass(frozen=True, slots=True)
class PayLine:
    """A line of the money table: label, working and amount, display-ready."""

    label: str
    working: str
    amount: str


@dataclass(frozen=True, slots=True)
class Clause:
    """A numbered clause: its title and its paragraphs."""

    number: str
    title: str
    paragraphs: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ContractContext(ContextMapping):
    """Everything a crew contract shows, display-ready (field list in the module docstring)."""

    document_title: str
    reference: str
    date: str
    footer_note: str
    logo: str
    letterhead: Letterhead
    company_name: str
    production_title: str
    production_type: str
    commissioner: str
    agreement: str
    agreement_note: str
    crew_name: str
    crew_address: tuple[str, ...]
    crew_address_line: str
    crew_email: str
    crew_phone: str
    role: str
    department: str
    engaged_party: str
    tax_status: str
    loan_out_company: str
    loan_out_company_number: str
    loan_out_vat_number: str
    status_check: str
    start_date: str
    end_date: str
    start_date_short: str
    end_date_short: str
    working_week: str
    working_days: str
    bank_holidays_note: str
    place_of_work: str
    standard_day: str
    hours_line: str
    currency: str
    rate: str
    rate_basis: str
    rate_line: str
    day_rate: str
    hourly_rate: str
    hourly_rate_line: str
    overtime_line: str
    sixth_day_line: str
    seventh_day_line: str
    night_work_line: str
    holiday_method: str
    holiday_line: str
    holiday_pay: str
    kit_line: str
    kit_items: str
    kit_total: str
    expenses_line: str
    per_diems_total: str
    mileage_line: str
    fees_total: str
    estimated_total: str
    vat_line: str
    payment_line: str
    cancellation_line: str
    credit: str
    special_terms: str
    key_terms: tuple[Term, ...]
    pay_lines: tuple[PayLine, ...]
    clauses: tuple[Clause, ...]
    signatory_name: str
    signatory_role: str
    company_signs_for: str
    crew_signs_for: str


_BASIS_WORD = {
    RateBasis.DAILY: ("daily", "a day"),
    RateBasis.WEEKLY: ("weekly", "a week"),
    RateBasis.HOURLY: ("hourly", "an hour"),
    RateBasis.FEE: ("fee", "for the engagement"),
}
_TAX_LABEL = {
    TaxStatus.PAYE: "PAYE (employed for tax purposes)",
    TaxStatus.SELF_EMPLOYED: "Self-employed (Schedule D)",
    TaxStatus.LOAN_OUT: "Loan-out company",
}


def _long(d: date) -> str:
    return f"{weekday(d)} {long_date(d)}"


def _initials(title: str) -> str:
    words = [w for w in slug(title).split("-") if w]
    return "".join(w[0] for w in words).upper() or "PROD"


def _hours_line(deal: Deal) -> str:
    day = deal.standard_day
    hours = _num(day.hours)
    if day.break_hours:
        return (
            f"{hours} hours' work plus an unpaid {_num(day.break_hours)}-hour meal break "
            f"({day.text})"
        )
    return f"{hours} hours' continuous work with no set meal break ({day.text})"


def _party(member: CrewMember, deal: Deal) -> str:
    if deal.tax_status is TaxStatus.LOAN_OUT:
        return (
            f"{deal.company} (company no. {deal.company_number}), for the services of {member.name}"
        )
    return member.name


def _sixth_lines(c: Costing) -> tuple[str, str]:
    deal, cur = c.deal, c.deal.rate.currency

    def line(which: str, rule: RateRule, pay: int) -> str:
        if rule.none:
            return f"A {which} day worked in a week is paid at the ordinary day's pay ({_m(c.day_pay, cur)})."
        how = (
            f" ({_num(rule.multiplier)} × {_m(c.day_pay, cur)})"
            if rule.multiplier is not None
            else ""
        )
        return f"A {which} day worked in a week (Monday to Sunday) is paid at {_m(pay, cur)}{how}."

    if deal.basis is RateBasis.FEE:
        extra = (
            "The fee covers every day of the engagement; any further day is agreed in writing "
            f"in advance and paid at {_m(c.sixth_day_pay, cur)}."
        )
        return extra, ""
    sixth = line("6th", deal.sixth_day, c.sixth_day_pay)
    seventh = line("7th", deal.seventh_day, c.seventh_day_pay)
    if deal.basis is RateBasis.WEEKLY:
        if deal.days_per_week >= 6:
            sixth = "The 6th day of your week is covered by your weekly rate."
        if deal.days_per_week >= 7:
            seventh = "The 7th day of your week is covered by your weekly rate."
    return sixth, seventh


def _holiday_text(c: Costing, terms: ContractTerms) -> tuple[str, str]:
    """(method, paragraph) for the holiday clause."""
    deal, cur = c.deal, c.deal.rate.currency
    pay = _m(c.holiday_pay, cur)
    pct = _pct(terms.holiday_rate)
    match deal.holiday:
        case HolidayTreatment.ROLLED_UP:
            return (
                f"Rolled-up at {pct}",
                f"Holiday pay is rolled up: {pct} of your pay is paid with each payment and shown "
                f"as a separate line on your payslip (an estimated {pay} over the engagement). "
                "Leave you take is unpaid, because it has already been paid for. Rolled-up "
                f"holiday pay applies because you are {_pattern(deal.work_pattern)} worker and "
                f"your leave year starts on or after {long_date(terms.rolled_up_from)}.",
            )
        case HolidayTreatment.ACCRUED if deal.work_pattern is not WorkPattern.REGULAR:
            return (
                f"Accrued at {pct}",
                f"As {_pattern(deal.work_pattern)} worker you accrue paid holiday at {pct} of the "
                f"hours you work: about {_num(c.leave_days)} days over the engagement. Holiday "
                "is taken at times agreed with the production; holiday not taken by the end "
                f"date is paid in lieu with your final pay (an estimated {pay}).",
            )
        case HolidayTreatment.ACCRUED:
            return (
                "Accrued (5.6 weeks a year, pro rata)",
                f"You are entitled to {_num(terms.leave_weeks)} weeks' paid holiday a year (at "
                f"most {terms.leave_cap_days} days), pro rata to the engagement: about "
                f"{_num(c.leave_days)} days. Holiday is taken at times agreed with the "
                "production; holiday not taken by the end date is paid in lieu with your "
                f"final pay (an estimated {pay}).",
            )
        case HolidayTreatment.NONE:
            kind = "self-employed" if deal.tax_status is TaxStatus.SELF_EMPLOYED else "loan-out"
            return (
                "None (no statutory holiday pay)",
                f"As a {kind} engagement this carries no statutory holiday pay, and the fees "
                "include none.",
            )
    raise AssertionError(deal.holiday)  # pragma: no cover


def _pattern(pattern: WorkPattern) -> str:
    """``an irregular-hours``, ``a part-year``, ``a regular``."""
    word = pattern.value.replace(" ", "-")
    return f"{'an' if word[0] in 'aeiou' else 'a'} {word}"


def _tax_paragraphs(member: CrewMember, deal: Deal, vat_rate: Decimal) -> tuple[str, ...]:
    match deal.tax_status:
        case TaxStatus.PAYE:
            return (
                "You are engaged on a PAYE basis: the Company deducts income tax and National "
                "Insurance from your pay through its payroll and pays employer's National "
                "Insurance. You are entitled to paid holiday and, if you are eligible, to be "
                "enrolled in the Company's workplace pension scheme.",
                "Before your first day please give the production office your P45 or a starter "
                "checklist, your National Insurance number, your bank details and evidence of "
                "your right to work in the UK.",
            )
        case TaxStatus.SELF_EMPLOYED:
            basis = f" ({deal.status_check})" if deal.status_check else ""
            vat = (
                f" You are registered for VAT ({deal.vat_number}): add VAT at {_pct(vat_rate)} "
                "to your invoices."
                if deal.vat_number
                else ""
            )
            return (
                "You are engaged on a self-employed basis (Schedule D), on the footing that your "
                "role is one HMRC normally treats as self-employed in film and television "
                f"(Employment Status Manual ESM4118) and that you meet its conditions{basis}.",
                "You invoice the Company and are paid gross: you are responsible for your own "
                "income tax and National Insurance, and the Company gives no holiday pay, sick "
                "pay or pension enrolment. If HMRC decides that you are employed for tax, the "
                f"Company will deduct tax and National Insurance as the law requires.{vat}",
            )
        case TaxStatus.LOAN_OUT:
            ir35 = deal.status_check or "to be recorded before work starts"
            vat = (
                f" {deal.company} is registered for VAT ({deal.vat_number}) and adds VAT at "
                f"{_pct(vat_rate)} to its invoices."
                if deal.vat_number
                else " It is not registered for VAT, so its invoices carry no VAT."
            )
            return (
                f"{member.name}'s services are provided through {deal.company} (company no. "
                f"{deal.company_number}), which is the party to this contract, invoices the "
                "Company and is paid against its invoices." + vat,
                f"{deal.company} is responsible for its own taxes and for the tax and National "
                f"Insurance of {member.name}. Off-payroll working rules (IR35): {ir35}. If the "
                "engagement falls inside those rules, the Company will deduct tax and National "
                "Insurance from the fees as the law requires.",
            )
    raise AssertionError(deal.tax_status)  # pragma: no cover


def _signatory(production: Production, terms: ContractTerms) -> Person | None:
    people = production.people
    if terms.signatory:
        want = terms.signatory.casefold()
        for p in people:
            if want in (p.name.casefold(), p.role.casefold()):
                return p
        return Person(terms.signatory)
    for role in ("producer", "line producer", "production manager"):
        found = production.person(role)
        if found is not None:
            return found
    return production.office[0] if production.office else None


def contract_context(
    c: Costing,
    production: Production,
    terms: ContractTerms,
    today: date,
    signatory: Person | None,
) -> ContractContext:
    """The display-ready context of one contract."""
    member, deal = c.member, c.deal
    cur = deal.rate.currency
    head = letterhead(production)
    basis_word, per = _BASIS_WORD[deal.basis]
    rate = _m(deal.rate.minor, cur)
    rate_line = f"{rate} {per}"
    hours = _num(deal.standard_day.hours)
    hourly_rate = _m(c.hourly_base, cur)
    match deal.basis:
        case RateBasis.DAILY:
            base_how = f"the daily rate ÷ {hours} hours"
        case RateBasis.HOURLY:
            base_how = "your hourly rate"
        case RateBasis.WEEKLY:
            base_how = f"the weekly rate ÷ ({_num(deal.days_per_week)} days × {hours} hours)"
        case RateBasis.FEE:
            base_how = f"the fee ÷ {_days(c.days.count)} ÷ {hours} hours"
    hourly_rate_line = f"{hourly_rate} an hour ({base_how}): the base for overtime"

    a = deal.agreement
    if c.overtime_hourly is None:
        overtime_line = "No overtime is paid: your rate covers every hour worked on a working day."
    else:
        unit = f", in units of {a.overtime_unit_minutes} minutes" if a.overtime_unit_minutes else ""
        overtime_line = (
            f"Overtime is paid at {_m(c.overtime_hourly, cur)} an hour ({c.overtime_note}){unit}. "
            "Overtime is worked only when the producer or production manager asks for it."
        )
    sixth_line, seventh_line = _sixth_lines(c)
    if terms.night_work:
        night = terms.night_work
    elif a.night_from:
        night = f"Work after {a.night_from} is night work, paid as the {a.name} provides."
    else:
        night = "Night work is by agreement with the production in advance."

    holiday_method, holiday_line = _holiday_text(c, terms)

    kit_line = ""
    if c.kit is not None and deal.kit_rate is not None:
        per_kit = {
            KitBasis.DAY: "a day",
            KitBasis.WEEK: "a week",
            KitBasis.ENGAGEMENT: "for the engagement",
        }[deal.kit_basis]
        kit_line = (
            f"Kit rental of {_m(deal.kit_rate.minor, cur)} {per_kit} for the kit listed below "
            f"(an estimated {_m(c.kit_total, cur)}), paid against an invoice or with your fees."
        )
        if terms.kit_insurance:
            kit_line += f" {terms.kit_insurance}"

    mileage = deal.mileage or terms.mileage
    mileage_line = (
        f"Mileage on the production's business (not your journey to and from the place of "
        f"work) is paid at {_pence_word(mileage)} a mile against a mileage log."
    )
    expenses: list[str] = []
    if c.per_diems is not None and deal.per_diem is not None:
        pd_days = deal.per_diem_days if deal.per_diem_days is not None else c.days.count
        expenses.append(
            f"A per diem of {_m(deal.per_diem.minor, cur)} a day for {_days(pd_days)} "
            f"({_m(c.per_diem_total, cur)})."
        )
    expenses.append(mileage_line)
    expenses.append(
        "Other expenses are paid only when the production office agrees them in advance, "
        "against receipts."
    )

    invoice = deal.tax_status is not TaxStatus.PAYE
    if terms.payment:
        payment = terms.payment
    elif invoice:
        payment = (
            "Invoice the Company weekly, or at the end of the engagement, with your timesheet; "
            "invoices are paid within 30 days of receipt."
        )
    else:
        payment = (
            "You are paid weekly in arrears through the Company's payroll, against your timesheet."
        )
    if invoice:
        payment += (
            " The Late Payment of Commercial Debts (Interest) Act 1998 applies to late payment."
        )
    vat_line = (
        f"VAT at {_pct(terms.vat_rate)} on fees and kit: {_m(c.vat, cur)} (added to invoices)"
        if c.vat
        else ""
    )

    cancellation = terms.cancellation or (
        "Either party may end this engagement before the end date by written notice. Days "
        "worked, and kit supplied, up to the date it ends are paid."
    )
    credit = (
        f"Subject to the commissioner's credit policy, you will be credited as: “{deal.credit}”."
        if deal.credit
        else "Any on-screen credit is at the Company's discretion."
    )

    bank = c.days.bank_holidays
    if bank and not terms.bank_holidays_worked:
        listed = "; ".join(f"{_long(d)} ({name})" for d, name in bank)
        bank_note = (
            f"Bank holidays in your working pattern are not working days and are not paid: "
            f"{listed}."
        )
    elif bank:
        listed = "; ".join(f"{_long(d)} ({name})" for d, name in bank)
        bank_note = f"Bank holidays in your working pattern are working days: {listed}."
    else:
        bank_note = ""

    if a.key == "none":
        agreement_note = ""
    elif a.known:
        agreement_note = f"This engagement is on the terms of the {a.name}"
        agreement_note += f" ({a.scope})." if a.scope else "."
    else:
        agreement_note = f"This engagement is on the terms of the {a.name}."
    if terms.budget_band and a.key != "none":
        agreement_note += f" Budget band: {terms.budget_band}."

    working_week = week_pattern(deal.days_per_week)
    working_days_text = _days(c.days.count)
    place = deal.place_of_work or "as the production office directs"
    total = _m(c.total, cur)

    pay_lines = tuple(PayLine(ln.label, ln.working, _m(ln.pence, cur)) for ln in c.lines)

    key_terms = [
        Term("Role", member.role + (f" ({member.department})" if member.department else "")),
        Term("Engaged", _party(member, deal)),
        Term("Dates", f"{_long(deal.start)} to {_long(deal.end)}"),
        Term("Working week", working_week),
        Term("Working days", working_days_text),
        Term("Place of work", place),
        Term("Standard day", _hours_line(deal)),
        Term("Rate", rate_line),
        Term("Overtime base rate", f"{hourly_rate} an hour"),
        Term(
            "Overtime",
            f"{_m(c.overtime_hourly, cur)} an hour" if c.overtime_hourly is not None else "None",
        ),
        Term("Holiday", holiday_method),
        Term("Tax status", _TAX_LABEL[deal.tax_status]),
    ]
    if c.kit is not None:
        key_terms.append(Term("Kit rental", f"{_m(c.kit_total, cur)} estimated"))
    if a.key != "none":
        key_terms.append(Term("Agreement", a.name))

    sixth_block = tuple(p for p in (sixth_line, seventh_line, night) if p)
    clauses_spec: list[tuple[str, tuple[str, ...]]] = [
        (
            "The engagement",
            (
                f"{head.company or 'The Company'} (the Company) engages {_party(member, deal)} "
                f"as {member.role}"
                + (f" in the {member.department} department" if member.department else "")
                + f" on {production.title}, from {_long(deal.start)} to {_long(deal.end)}.",
                f"Place of work: {place}.",
                *([agreement_note] if agreement_note else []),
            ),
        ),
        (
            "Rate, hours and working days",
            (
                f"Your rate is {rate_line}. It covers a standard working day of "
                f"{_hours_line(deal)}, {working_week}.",
                f"Your overtime base hourly rate is {hourly_rate_line.split(' (')[0]} "
                f"({base_how}).",
                f"The engagement has {working_days_text} of work. {bank_note}".strip(),
                *_wtr(deal),
            ),
        ),
        ("Overtime, 6th and 7th days and night work", (overtime_line, *sixth_block)),
        ("Holiday", (holiday_line,)),
    ]
    if c.kit is not None:
        kit_paras = [kit_line]
        if deal.kit_items:
            kit_paras.append(f"Kit: {deal.kit_items}.")
        clauses_spec.append(("Kit rental", tuple(kit_paras)))
    clauses_spec += [
        ("Expenses", tuple(expenses)),
        ("Tax status", _tax_paragraphs(member, deal, terms.vat_rate)),
        ("Payment", (payment, *([vat_line + "."] if vat_line else []))),
        ("Credit", (credit,)),
        (
            "Rights",
            (
                "You assign to the Company, with full title guarantee, all copyright and other "
                "rights in everything you create or contribute in the course of this engagement, "
                "throughout the world and for the full period of those rights (Copyright, "
                "Designs and Patents Act 1988), and you waive your moral rights in it as far as "
                "the law allows. You consent to the use of your name, likeness and biography "
                "in connection with the production and its promotion.",
            ),
        ),
        (
            "Confidentiality",
            (
                "You will keep the script, schedules, call sheets, locations, cast and every "
                "other detail of the production confidential, and will not post about the "
                "production on social media, until the Company makes the information public.",
            ),
        ),
        (
            "Data protection",
            (
                f"{head.company or 'The Company'} holds your personal data (contact, bank and tax "
                "details, and the contents of this contract) to engage and pay you, for "
                "production paperwork such as call sheets, and to meet its legal obligations, "
                "under the UK GDPR and the Data Protection Act 2018. It keeps the data no longer "
                "than it needs to for those purposes and the law requires, shares it only with "
                "its payroll, accountants, insurers and the commissioner as needed, and will "
                "show you what it holds on request.",
            ),
        ),
        (
            "Health, safety and conduct",
            (
                "You will follow the production's health and safety rules and risk assessments "
                "and its policy on bullying and harassment, and report any concern to the "
                "producer or production manager.",
            ),
        ),
        ("Cancellation", (cancellation,)),
    ]
    if deal.notes:
        clauses_spec.append(("Special terms", (deal.notes,)))
    clauses_spec.append(
        (
            "The agreement",
            (
                "This contract (with the agreement named above, where there is one) is the whole "
                "agreement between the parties about the engagement; changes must be in writing "
                f"and signed by both. It is governed by the law of {terms.governing_law}.",
            ),
        )
    )
    clauses = tuple(
        Clause(str(i), title, paras) for i, (title, paras) in enumerate(clauses_spec, start=1)
    )

    reg = head.registration_line
    footer = " · ".join(
        p for p in ("Private and confidential", production.title, head.company, reg) if p
    )
    crew_signs_for = (
        f"For and on behalf of {deal.company}" if deal.tax_status is TaxStatus.LOAN_OUT else ""
    )
    return ContractContext(
        document_title=f"Crew contract: {member.name}, {member.role}",
        reference=f"{_initials(production.title)}/CREW/{slug(member.name).upper()}",
        date=long_date(today),
        footer_note=footer,
        logo=logo_path(production),
        letterhead=head,
        company_name=head.company,
        production_title=production.title,
        production_type=production.production_type,
        commissioner=production.commissioner,
        agreement=a.name if a.key != "none" else "",
        agreement_note=agreement_note,
        crew_name=member.name,
        crew_address=member.address,
        crew_address_line=", ".join(member.address),
        crew_email=member.email,
        crew_phone=member.phone,
        role=member.role,
        department=member.department,
        engaged_party=_party(member, deal),
        tax_status=_TAX_LABEL[deal.tax_status],
        loan_out_company=deal.company if deal.tax_status is TaxStatus.LOAN_OUT else "",
        loan_out_company_number=(
            deal.company_number if deal.tax_status is TaxStatus.LOAN_OUT else ""
        ),
        loan_out_vat_number=deal.vat_number if deal.tax_status is TaxStatus.LOAN_OUT else "",
        status_check=deal.status_check,
        start_date=_long(deal.start),
        end_date=_long(deal.end),
        start_date_short=short_date(deal.start),
        end_date_short=short_date(deal.end),
        working_week=working_week,
        working_days=working_days_text,
        bank_holidays_note=bank_note,
        place_of_work=place,
        standard_day=deal.standard_day.text,
        hours_line=_hours_line(deal),
        currency=cur,
        rate=rate,
        rate_basis=basis_word,
        rate_line=rate_line,
        day_rate=_m(c.day_pay, cur),
        hourly_rate=hourly_rate,
        hourly_rate_line=hourly_rate_line,
        overtime_line=overtime_line,
        sixth_day_line=sixth_line,
        seventh_day_line=seventh_line,
        night_work_line=night,
        holiday_method=holiday_method,
        holiday_line=holiday_line,
        holiday_pay=_m(c.holiday_pay, cur),
        kit_line=kit_line,
        kit_items=deal.kit_items,
        kit_total=_m(c.kit_total, cur),
        expenses_line=" ".join(expenses),
        per_diems_total=_m(c.per_diem_total, cur),
        mileage_line=mileage_line,
        fees_total=_m(c.fees, cur),
        estimated_total=total,
        vat_line=vat_line,
        payment_line=payment,
        cancellation_line=cancellation,
        credit=credit,
        special_terms=deal.notes,
        key_terms=tuple(key_terms),
        pay_lines=pay_lines,
        clauses=clauses,
        signatory_name=signatory.name if signatory else "",
        signatory_role=signatory.role if signatory else "",
        company_signs_for=f"For and on behalf of {head.company}" if head.company else "",
        crew_signs_for=crew_signs_for,
    )


def _pence_word(m: Money) -> str:
    """``45p`` under a pound, else ``£1.20``."""
    if m.currency == "GBP" and m.minor < 100:
        return f"{m.minor}p"
    return money(m)


def _wtr(deal: Deal) -> tuple[str, ...]:
    """The Working Time Regulations' 48-hour limit, when a PAYE week's hours exceed it."""
    weekly = deal.standard_day.hours * deal.days_per_week
    if deal.tax_status is not TaxStatus.PAYE or weekly <= 48:
        return ()
    return (
        f"Your contracted hours ({_num(weekly)} a week) are more than the 48-hour average of "
        "the Working Time Regulations 1998. Working more is your choice: an opt-out is "
        "separate from this contract, voluntary and in writing, and you may withdraw it by "
        "giving notice.",
    )


# --- Checks ---------------------------------------------------------------------------------


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


def check_calls(
    crew: Sequence[CrewMember],
    calls: Mapping[str, Iterable[date]],
    terms: ContractTerms,
    diagnostics: Diagnostics,
    source: Pos | None = None,
) -> None:
    """Check that every day a person is called falls inside their contract.

    ``calls`` maps a crew member's name to the dates they are called (from the schedule or
    the call sheets). A date outside the contract's start and end is an error
    (``called-outside-contract``, at the start or end cell); a date inside it that is not one
    of the contract's working days (a rest day or a bank holiday) is a warning
    (``called-on-rest-day``): it is paid as an extra day. A name not in the crew table is a
    warning (``called-not-in-crew``) at ``source``.
    """
    by_key = {_key(m.name): m for m in crew}
    for name in sorted(calls):
        member = by_key.get(_key(name))
        dates = sorted(set(calls[name]))
        if member is None:
            diagnostics.warning(
                "called-not-in-crew", f"{name} is called but is not in the crew table", source
            )
            continue
        deal = member.deal
        if deal is None:
            continue
        before = [d for d in dates if d < deal.start]
        after = [d for d in dates if d > deal.end]
        for outside, column, side in ((before, "start", "before"), (after, "end", "after")):
            if outside:
                diagnostics.error(
                    "called-outside-contract",
                    f"{member.name} is called on {', '.join(map(short_date, outside))}, {side} "
                    f"the contract's {column} date {short_date(getattr(deal, column))}",
                    member.at(column),
                )
        inside = [d for d in dates if deal.start <= d <= deal.end]
        if inside:
            worked = set(
                working_days(
                    deal.start,
                    deal.end,
                    deal.days_per_week,
                    terms.bank_holidays,
                    bank_holidays_worked=terms.bank_holidays_worked,
                ).days
            )
            rest = [d for d in inside if d not in worked]
            if rest:
                diagnostics.warning(
                    "called-on-rest-day",
                    f"{member.name} is called on {', '.join(map(day_date_short, rest))}, which "
                    f"{'is not a working day' if len(rest) == 1 else 'are not working days'} "
                    "of the contract: each is paid as an extra day",
                    member.at("days_per_week"),
                )


def check_travel(
    crew: Sequence[CrewMember],
    travel: Travel | None,
    terms: ContractTerms,
    diagnostics: Diagnostics,
) -> None:
    """Check a travelling crew member's contract and per diems against the travel days.

    The travel days are the ``travel:`` section's departure (out) and return (back) dates.
    A crew member travels when named in its ``representatives`` or when their row gives
    per diem days (``per_diem_days``). For each: a travel day before the contract's start or
    after its end is a warning at that cell (``travel-outside-contract``: travel is working
    time to be paid); a travel day without a per diem is a warning
    (``travel-day-without-per-diem``) at the per diem cell when there is none, at the per
    diem days cell when they are fewer than the days away (departure to return, inclusive),
    or, with per diems on working days only, when a travel day is not a working day.
    """
    if travel is None or travel.departure is None or travel.return_date is None:
        return
    out, back = travel.departure, travel.return_date
    trip = (out, back) if out != back else (out,)
    named = {_key(p.name) for p in travel.representatives}
    away = (back - out).days + 1
    for member in crew:
        deal = member.deal
        if deal is None or not (_key(member.name) in named or deal.per_diem_days is not None):
            continue
        for column, side, outside in (
            ("start", "before", [d for d in trip if d < deal.start]),
            ("end", "after", [d for d in trip if d > deal.end]),
        ):
            if outside:
                diagnostics.warning(
                    "travel-outside-contract",
                    f"{member.name} travels on {', '.join(map(day_date_short, outside))}, "
                    f"{side} the contract's {column} date {short_date(getattr(deal, column))}: "
                    "a travel day is a working day to contract and pay",
                    member.at(column),
                )
        if deal.per_diem is None or deal.per_diem.minor == 0:
            diagnostics.warning(
                "travel-day-without-per-diem",
                f"{member.name} travels ({short_date(out)} to {short_date(back)}) but has no "
                "per diem",
                member.at("per_diem"),
            )
        elif deal.per_diem_days is not None:
            if deal.per_diem_days < away:
                diagnostics.warning(
                    "travel-day-without-per-diem",
                    f"{member.name} has per diems for {_days(deal.per_diem_days)} but is away "
                    f"{_days(away)} ({day_date_short(out)} to {day_date_short(back)}, travel "
                    "days included)",
                    member.at("per_diem_days"),
                )
        else:
            worked = set(
                working_days(
                    deal.start,
                    deal.end,
                    deal.days_per_week,
                    terms.bank_holidays,
                    bank_holidays_worked=terms.bank_holidays_worked,
                ).days
            )
            missed = [d for d in trip if d not in worked]
            if missed:
                diagnostics.warning(
                    "travel-day-without-per-diem",
                    f"{member.name}'s per diems are for working days, and the travel day "
                    f"{', '.join(map(day_date_short, missed))} is not one: give per_diem_days",
                    member.at("per_diem"),
                )


def day_date_short(d: date) -> str:
    return f"{weekday(d)[:3]} {short_date(d)}"


def _select(
    crew: Sequence[CrewMember], people: Sequence[str], diagnostics: Diagnostics
) -> list[CrewMember]:
    """The crew named in ``people`` (by name, any case and spacing, or by file-name slug)."""
    if not people:
        return list(crew)
    by_key = {_key(m.name): m for m in crew}
    by_slug = {slug(m.name): m for m in crew}
    chosen: dict[str, CrewMember] = {}
    for wanted in people:
        member = by_key.get(_key(wanted)) or by_slug.get(slug(wanted))
        if member is None:
            close = difflib.get_close_matches(wanted, [m.name for m in crew], n=3, cutoff=0.6)
            hint = f" (did you mean {', '.join(map(repr, close))}?)" if close else ""
            diagnostics.error("unknown-person", f"no one called {wanted!r} in the crew table{hint}")
            continue
        chosen[_key(member.name)] = member
    return [m for m in crew if _key(m.name) in chosen]


def _check(c: Costing, today: date, diagnostics: Diagnostics) -> bool:
    """Checks that need the sums or today's date. False when no contract can be written."""
    member, deal = c.member, c.deal
    if c.days.count == 0:
        if deal.basis is RateBasis.FEE:
            diagnostics.warning(
                "no-working-days",
                f"{member.name}: no working days between {short_date(deal.start)} and "
                f"{short_date(deal.end)} in a {_num(deal.days_per_week)}-day week",
                member.at("start"),
            )
        else:
            diagnostics.error(
                "no-working-days",
                f"{member.name}: no working days between {short_date(deal.start)} and "
                f"{short_date(deal.end)} in a {_num(deal.days_per_week)}-day week, so nothing "
                "to pay",
                member.at("start"),
            )
            return False
    first = c.days.days[0] if c.days.days else deal.start
    if today >= first:
        diagnostics.warning(
            "contract-after-start",
            f"{member.name}: the contract is dated {short_date(today)}, on or after the first "
            f"working day {short_date(first)}; it should go out before day one",
            member.at("start"),
        )
    if c.on_costs.unknown:
        diagnostics.warning(
            "no-payroll-rates",
            f"{member.name}: paperwork has no employer's NI or pension rates for the tax year "
            f"of the week of {', '.join(map(short_date, c.on_costs.unknown))}; the summary "
            "leaves those weeks' on-costs out (add the year to paperwork/data/payroll.yaml)",
            member.at("start"),
        )
    if (
        deal.tax_status is TaxStatus.PAYE
        and c.minimum_wage is not None
        and c.hourly_base < c.minimum_wage.minor
    ):
        diagnostics.warning(
            "below-minimum-wage",
            f"{member.name}: {_m(c.hourly_base, deal.rate.currency)} an hour is below the "
            f"National Living Wage of {money(c.minimum_wage)} (workers aged 21 and over)",
            member.at("rate"),
        )
    return True


# --- The summary ------------------------------------------------------------------------------

SUMMARY_TEMPLATE = "crew_summary"

METHOD = (
    "Money is exact in pence; any fraction of a penny is rounded once, half up, to the penny.",
    "Working days: every day from start to end inclusive in the week pattern (5 = Mon-Fri, "
    "6 = Mon-Sat, 5.5 = Mon-Fri and Mon-Sat alternately from the start week), less bank "
    "holidays unless the terms say they are worked.",
    "Daily: days x rate; a 6th or 7th working day in a week (Mon-Sun) at the 6th/7th-day rate. "
    "Hourly: a day's pay = rate x standard hours, then as daily. Weekly: rate x days / days "
    "per week. Fee: the fee.",
    "Holiday pay, one rule for every rate basis: leave accrues on the days worked. Regular "
    "workers (accrued, paid in lieu at the end): 5.6 weeks a year, at most 28 days, over the "
    "52 weeks of the pattern: fees x min(5.6 x days a week, 28) / (52 x days a week), 28/260 "
    "for a 5-day week. Irregular-hours and part-year workers, and rolled-up holiday pay: fees "
    "x the holiday rate (12.07% = 5.6 / 46.4). Leave days = days worked x the same share. "
    "Self-employed and loan-out: none.",
    "Kit: per day x days, per week x days / days per week, or per engagement. Per diems: "
    "per diem x per diem days (or working days).",
    "Employer's NI and pension, PAYE crew only (self-employed and loan-out: not applicable). "
    "Pay = fees + holiday pay, spread over the weekly pay periods (Mon-Sun) pro rata to the "
    "days worked in each. Each week: employer's Class 1 NI at the tax year's rate on pay above "
    "the weekly secondary threshold (2024/25: 13.8% above £175; 2025/26 and 2026/27: 15% "
    "above £96); pension at 3% of qualifying earnings between £120 and £967 a week, in a week "
    "whose pay passes the £192 auto-enrolment trigger (assumes an eligible jobholder, aged "
    "22 to State Pension age, enrolled from day one: postponement or opt-out removes it). "
    "A week's tax year is that of its first working day. Summed exactly, rounded once.",
    "Not applied: the Employment Allowance (the employer's own claim), the apprenticeship "
    "levy, NI relief for under-21s and apprentices. Kit rental and per diems are taken as "
    "not earnings for NI.",
    "Total cost = fees + holiday pay + kit + per diems + employer's NI + employer's pension. "
    "VAT is shown apart (recoverable). Overtime and extra days are not included.",
    "In the workbook every total is a formula (=SUM of the cells it adds), so the sheet "
    "can be extended; the builder's own sums give the same figures.",
)

_PER = {
    RateBasis.DAILY: "a day",
    RateBasis.WEEKLY: "a week",
    RateBasis.HOURLY: "an hour",
    RateBasis.FEE: "fee",
}
_TAX_SHORT = {
    TaxStatus.PAYE: "PAYE",
    TaxStatus.SELF_EMPLOYED: "Self-employed",
    TaxStatus.LOAN_OUT: "Loan-out",
}

# The "Crew costs" sheet's columns; the money ones from FEES to TOTAL are summed per row.
SUMMARY_COLUMNS = (
    "Name",
    "Role",
    "Department",
    "Tax status",
    "NI/pension",
    "Start",
    "End",
    "Days",
    "Rate",
    "Rate basis",
    "Fees",
    "Holiday pay",
    "Kit",
    "Per diems",
    "Employer's NI",
    "Employer's pension",
    "Total cost",
    "VAT on invoice",
    "Working",
)
_DAYS_COL = SUMMARY_COLUMNS.index("Days")
_FEES_COL = SUMMARY_COLUMNS.index("Fees")
_TOTAL_COL = SUMMARY_COLUMNS.index("Total cost")
_VAT_COL = SUMMARY_COLUMNS.index("VAT on invoice")


def _money_cells(c: Costing, currency: str) -> tuple[Money, ...]:
    oc = c.on_costs
    return tuple(
        Money(p, currency)
        for p in (
            c.fees,
            c.holiday_pay,
            c.kit_total,
            c.per_diem_total,
            oc.ni.pence if oc.ni else 0,
            oc.pension.pence if oc.pension else 0,
        )
    )


def _all_lines(c: Costing) -> tuple[Line, ...]:
    oc = c.on_costs
    return tuple(line for line in (*c.lines, oc.ni, oc.pension) if line)


def summary_sheets(costings: Sequence[Costing], currency: str) -> tuple[Sheet, ...]:
    """The accountant's sheets: one row per person with live totals, the working, the rules.

    Dates are dates, money is money (in the currency's format), text is text; each row's
    total cost and the totals row are ``=SUM(...)`` formulas over the cells they add.
    """
    rows: list[tuple[Cell, ...]] = []
    working: list[tuple[Cell, ...]] = []
    for i, c in enumerate(costings):
        m, d = c.member, c.deal
        rows.append(
            (
                m.name,
                m.role,
                m.department,
                _TAX_SHORT[d.tax_status],
                c.on_costs.status,
                d.start,
                d.end,
                c.days.count,
                Money(d.rate.minor, currency),
                _BASIS_WORD[d.basis][0],
                *_money_cells(c, currency),
                SumOf(_FEES_COL, i, i, Money(c.employer_total, currency), _TOTAL_COL - 1),
                Money(c.vat, currency),
                "; ".join(
                    f"{ln.label}: {ln.working} = {_m(ln.pence, currency)}" for ln in _all_lines(c)
                ),
            )
        )
        first = len(working)
        for ln in _all_lines(c):
            working.append((m.name, ln.label, ln.working, Money(ln.pence, currency)))
        working.append(
            (
                m.name,
                "Total cost",
                "",
                SumOf(3, first, len(working) - 1, Money(c.employer_total, currency)),
            )
        )
    last = len(rows) - 1

    def column_total(col: int, pence: int) -> SumOf:
        return SumOf(col, 0, last, Money(pence, currency))

    sums = [
        sum(cells[k].minor for cells in (_money_cells(c, currency) for c in costings))
        for k in range(_TOTAL_COL - _FEES_COL)
    ]
    rows.append(
        (
            f"Total ({len(costings)} crew)",
            "",
            "",
            "",
            "",
            "",
            "",
            SumOf(_DAYS_COL, 0, last, sum(c.days.count for c in costings)),
            "",
            "",
            *(column_total(_FEES_COL + k, p) for k, p in enumerate(sums)),
            column_total(_TOTAL_COL, sum(c.employer_total for c in costings)),
            column_total(_VAT_COL, sum(c.vat for c in costings)),
            "",
        )
    )
    cur = f" ({currency})"
    header = tuple(
        f"{h}{cur}" if h == "Rate" or _FEES_COL <= i <= _VAT_COL else h
        for i, h in enumerate(SUMMARY_COLUMNS)
    )
    return (
        Sheet("Crew costs", header, tuple(rows)),
        Sheet("Working", ("Name", "Item", "Working", f"Amount{cur}"), tuple(working)),
        Sheet("Method", ("How the sums are worked",), tuple((line,) for line in METHOD)),
    )


@dataclass(frozen=True, slots=True)
class SummaryRow:
    """One person (or the totals) in the PDF/DOCX summary, display-ready."""

    name: str
    role: str
    tax_status: str
    ni_pension: str
    dates: str
    days: str
    rate: str
    fees: str
    holiday: str
    kit: str
    per_diems: str
    ni: str
    pension: str
    total: str
    vat: str


@dataclass(frozen=True, slots=True)
class SummaryWorking:
    """One person's working: each line, and the total."""

    name: str
    lines: tuple[PayLine, ...]
    total: str


@dataclass(frozen=True, slots=True)
class SummaryContext(ContextMapping):
    """The crew cost summary as a document (PDF and DOCX), every figure display-ready."""

    document_title: str
    letterhead: Letterhead
    logo: str
    footer_note: str
    production_title: str
    as_at: str
    currency: str
    rows: tuple[SummaryRow, ...]
    totals: SummaryRow
    working: tuple[SummaryWorking, ...]
    method: tuple[str, ...]


def summary_context(
    costings: Sequence[Costing], production: Production, today: date
) -> SummaryContext:
    """The same figures as :func:`summary_sheets`, as text for the PDF and DOCX."""
    cur = production.currency

    def amount(pence: int) -> str:
        return _m(pence, cur) if pence else "-"

    rows = []
    for c in costings:
        m, d = c.member, c.deal
        money_cells = _money_cells(c, cur)
        rows.append(
            SummaryRow(
                name=m.name,
                role=m.role,
                tax_status=_TAX_SHORT[d.tax_status],
                ni_pension=c.on_costs.status,
                dates=f"{short_date(d.start)} to {short_date(d.end)}",
                days=str(c.days.count),
                rate=f"{_m(d.rate.minor, cur)} {_PER[d.basis]}",
                fees=amount(money_cells[0].minor),
                holiday=amount(money_cells[1].minor),
                kit=amount(money_cells[2].minor),
                per_diems=amount(money_cells[3].minor),
                ni=amount(money_cells[4].minor),
                pension=amount(money_cells[5].minor),
                total=_m(c.employer_total, cur),
                vat=amount(c.vat),
            )
        )
    sums = [
        sum(cells[k].minor for cells in (_money_cells(c, cur) for c in costings)) for k in range(6)
    ]
    totals = SummaryRow(
        name=f"Total ({len(costings)} crew)",
        role="",
        tax_status="",
        ni_pension="",
        dates="",
        days=str(sum(c.days.count for c in costings)),
        rate="",
        fees=amount(sums[0]),
        holiday=amount(sums[1]),
        kit=amount(sums[2]),
        per_diems=amount(sums[3]),
        ni=amount(sums[4]),
        pension=amount(sums[5]),
        total=_m(sum(c.employer_total for c in costings), cur),
        vat=amount(sum(c.vat for c in costings)),
    )
    head = letterhead(production)
    title = f"Crew cost summary: {production.title}"
    return SummaryContext(
        document_title=title,
        letterhead=head,
        logo=logo_path(production),
        footer_note=" · ".join(p for p in (title, head.company, "Private and confidential") if p),
        production_title=production.title,
        as_at=long_date(today),
        currency=cur,
        rows=tuple(rows),
        totals=totals,
        working=tuple(
            SummaryWorking(
                c.member.name,
                tuple(PayLine(ln.label, ln.working, _m(ln.pence, cur)) for ln in _all_lines(c)),
                _m(c.employer_total, cur),
            )
            for c in costings
        ),
        method=METHOD,
    )


# --- Build ----------------------------------------------------------------------------------


def _check_schedule(
    production: Production,
    selected: Sequence[CrewMember],
    terms: ContractTerms,
    options: BuildOptions,
    diagnostics: Diagnostics,
) -> None:
    """Every day the schedule calls a crew member must fall inside their contract."""
    from paperwork import planning

    breakdown = options.breakdown
    screenplay = options.screenplay
    wanted = {m.name for m in selected}
    called: dict[str, list[date]] = {}
    shoot = options.shoot_plan or planning.plan_shoot(production, breakdown, screenplay)
    for day in shoot.days:
        for member, _ in day.crew:
            if member.name in wanted:
                called.setdefault(member.name, []).append(day.day.date)
    check_calls(selected, called, terms, diagnostics, production.manifest)


def build(
    production: Production,
    *,
    today: date,
    diagnostics: Diagnostics,
    options: BuildOptions,
) -> tuple[BuiltDocument, ...]:
    """One contract per selected crew member with a deal, and (for the whole crew) the summary."""
    terms = production.terms
    if terms is None:
        diagnostics.error(
            "terms-missing",
            "crew contracts need the production's standard terms: add a terms: section to "
            "production.yaml (agreement, standard_day, overtime, holiday, cancellation, payment)",
            production.manifest,
        )
        return ()
    selected = _select(production.crew, options.people, diagnostics)
    if production.shoot_days:
        _check_schedule(production, selected, terms, options, diagnostics)
    check_travel(selected, production.travel, terms, diagnostics)
    costings: list[Costing] = []
    for member in selected:
        if member.deal is None:
            diagnostics.info(
                "no-deal",
                f"{member.name} has no start, end, rate or tax status: no contract written",
                member.pos,
            )
            continue
        c = cost(member, terms)
        if _check(c, today, diagnostics):
            costings.append(c)
    if not costings:
        return ()

    signatory = _signatory(production, terms)
    if signatory is None:
        diagnostics.warning(
            "no-signatory",
            "no signatory for the contracts: name one under terms: signatory, or add a Producer "
            "to people:",
            terms.pos,
        )
    docs: list[BuiltDocument] = []
    stems: set[str] = set()
    for c in costings:
        base = f"contract_{slug(c.member.name)}"
        stem, n = f"{base}_{today.isoformat()}", 1
        while stem in stems:
            n += 1
            stem = f"{base}-{n}_{today.isoformat()}"
        stems.add(stem)
        context = contract_context(c, production, terms, today, signatory)
        docs.append(
            BuiltDocument(
                kind=NAME,
                template=TEMPLATE,
                stem=stem,
                title=f"{c.member.name}: {c.member.role}",
                context=context,
            )
        )
    if not options.people:
        docs.append(
            BuiltDocument(
                kind=NAME,
                template=SUMMARY_TEMPLATE,
                stem=f"crew-summary_{slug(production.title)}_{today.isoformat()}",
                title=f"Crew cost summary: {production.title}",
                context=summary_context(costings, production, today),
                sheets=summary_sheets(costings, production.currency),
                formats=("pdf", "docx", "xlsx", "csv"),
            )
        )
    return tuple(docs)


KIND = DocumentKind(
    name=NAME,
    templates=(TEMPLATE, SUMMARY_TEMPLATE),
    inputs=("crew",),
    uses=(SHOOT_PLAN,),  # the days the schedule calls each crew member
    build=build,
    about=__doc__ or "",
)
