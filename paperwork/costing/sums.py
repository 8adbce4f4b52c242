"""Crew costing: every sum of a crew member's deal, to the penny, with its working.

The crew contracts and the crew cost summary take their figures from :func:`cost`, so a
contract and the accountant's sheet never disagree; the contract checks (calls and travel
against the contract) count days with :func:`deal_days`.

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
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from paperwork.builders.format import money
from paperwork.model import crew
from paperwork.model.records import Money

_CENT = Decimal("0.01")
_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_HALF = Decimal("5.5")


# --- Arithmetic -----------------------------------------------------------------------------


def to_pence(value: Decimal) -> int:
    """A sum in pence with a fraction, rounded half up to the penny (never banker's)."""
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def figure(value: Decimal) -> str:
    """``Decimal('5.50')`` -> ``5.5``; ``Decimal('10')`` -> ``10``."""
    text = f"{value.normalize():f}"
    return text


def percent(rate: Decimal) -> str:
    return f"{figure(rate * 100)}%"


def days_text(n: int | Decimal) -> str:
    return f"{figure(Decimal(n))} day{'' if n == 1 else 's'}"


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


def deal_days(deal: crew.Deal, terms: crew.ContractTerms) -> WorkDays:
    """The working days of a deal, less the terms' bank holidays unless they are worked.

    Crew engaged for the same dates on the same terms share one answer: a production's
    contracts mostly run from prep to wrap, so 8,000 contracts count a few patterns' days,
    not 8,000 (each a walk over every day of the engagement).
    """
    return _pattern_days(
        deal.start,
        deal.end,
        deal.days_per_week,
        tuple(terms.bank_holidays),
        terms.bank_holidays_worked,
    )


@lru_cache(maxsize=1024)
def _pattern_days(
    start: date,
    end: date,
    days_per_week: Decimal,
    bank_holidays: tuple[tuple[date, str], ...],
    bank_holidays_worked: bool,
) -> WorkDays:
    return working_days(
        start, end, days_per_week, bank_holidays, bank_holidays_worked=bank_holidays_worked
    )


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
    crew.TaxStatus.SELF_EMPLOYED: "not applicable (self-employed)",
    crew.TaxStatus.LOAN_OUT: "not applicable (loan-out company)",
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


def on_costs(deal: crew.Deal, wd: WorkDays, pay: int, terms: crew.ContractTerms) -> OnCosts:
    """Employer's Class 1 NI and auto-enrolment pension on ``pay`` (fees + holiday pay).

    PAYE only. The pay is spread over the weekly pay periods pro rata to the days worked in
    each (all of it in one period when there are none); in each week, NI is the tax year's
    rate on the pay above its weekly secondary threshold, and the pension the employer's
    rate on the pay between the weekly lower and upper limits of qualifying earnings when
    the week's pay passes the auto-enrolment trigger. Each is summed exactly and rounded
    once, half up, to the penny. A week's tax year is the one its first working day is in.
    """
    if deal.tax_status is not crew.TaxStatus.PAYE:
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
        f"{lab}: {percent(r[0])} of pay above {money_text(r[1], cur)} a week"
        for lab, r in rates.items()
    )
    pension_how = "; ".join(
        f"{lab}: {percent(r[2])} of pay from {money_text(r[3], cur)} to "
        f"{money_text(r[4], cur)} a week"
        for lab, r in rates.items()
    )
    return OnCosts(
        True,
        "applies (PAYE)",
        Line(
            "Employer's NI",
            f"{ni_how}; {money_text(pay, cur)} over {period}, "
            f"{money_text(to_pence(over_ni), cur)} above",
            to_pence(ni),
        ),
        Line(
            "Employer's pension",
            f"{pension_how}; {enrolled} of {len(weeks)} weeks above the trigger, "
            f"{money_text(to_pence(qualifying), cur)} qualifying",
            to_pence(pension),
        ),
        tuple(unknown),
    )


@dataclass(frozen=True, slots=True)
class Costing:
    """Every figure of one engagement, in pence, with the working that produced it."""

    member: crew.CrewMember
    deal: crew.Deal
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


def money_text(pence: int | Decimal, currency: str) -> str:
    return money(Money(int(pence), currency))


def _rule_pay(rule: crew.RateRule, day_exact: Decimal) -> int:
    """A 6th/7th day's pay in pence: a multiple of the day's pay, an amount, or the day's pay."""
    if rule.amount is not None:
        return rule.amount.minor
    if rule.multiplier is not None:
        return to_pence(day_exact * rule.multiplier)
    return to_pence(day_exact)


def _day_and_base(deal: crew.Deal, n: int) -> tuple[Decimal, Decimal]:
    """A day's pay, exactly, and the overtime base hourly rate, exactly (``n`` working days)."""
    rate = Decimal(deal.rate.minor)
    hours = deal.standard_day.hours
    dpw = deal.days_per_week
    match deal.basis:
        case crew.RateBasis.DAILY:
            return rate, rate / hours
        case crew.RateBasis.HOURLY:
            return Decimal(to_pence(rate * hours)), rate
        case crew.RateBasis.WEEKLY:
            return rate / dpw, rate / (dpw * hours)
        case crew.RateBasis.FEE:
            day_exact = rate / n if n else rate
            return day_exact, day_exact / hours
    raise AssertionError(deal.basis)  # pragma: no cover


def _fee_lines(
    deal: crew.Deal, wd: WorkDays, day_pay: int, sixth_pay: int, seventh_pay: int
) -> tuple[Line, ...]:
    """The fees: ordinary days, 6th and 7th days (daily and hourly), a week's pro rata, a fee."""
    cur = deal.rate.currency
    n = wd.count
    dpw = deal.days_per_week
    r = money_text(deal.rate.minor, cur)
    lines: list[Line] = []
    match deal.basis:
        case crew.RateBasis.DAILY | crew.RateBasis.HOURLY:
            premium = deal.basis in (crew.RateBasis.DAILY, crew.RateBasis.HOURLY)
            n6 = len(wd.sixth) if premium and not deal.sixth_day.none else 0
            n7 = len(wd.seventh) if premium and not deal.seventh_day.none else 0
            ordinary = n - n6 - n7
            each = (
                r
                if deal.basis is crew.RateBasis.DAILY
                else f"{money_text(day_pay, cur)} ({figure(deal.standard_day.hours)} h × {r})"
            )
            lines.append(Line("Fees", f"{days_text(ordinary)} × {each}", ordinary * day_pay))
            for label, count, pay, rule in (
                ("6th days", n6, sixth_pay, deal.sixth_day),
                ("7th days", n7, seventh_pay, deal.seventh_day),
            ):
                if count:
                    how = (
                        f"{figure(rule.multiplier)} × {money_text(day_pay, cur)}"
                        if rule.multiplier is not None
                        else "agreed rate"
                    )
                    lines.append(
                        Line(
                            label,
                            f"{days_text(count)} × {money_text(pay, cur)} ({how})",
                            count * pay,
                        )
                    )
        case crew.RateBasis.WEEKLY:
            lines.append(
                Line(
                    "Fees",
                    f"{r} a week × {days_text(n)} ÷ {figure(dpw)} days a week",
                    to_pence(Decimal(deal.rate.minor) * n / dpw),
                )
            )
        case crew.RateBasis.FEE:
            lines.append(Line("Fee", f"engagement fee for {days_text(n)}", deal.rate.minor))
    return tuple(lines)


def _kit(deal: crew.Deal, n: int) -> Line | None:
    """Kit rental over ``n`` working days: per day, per week pro rata, or per engagement."""
    if deal.kit_rate is None:
        return None
    k = deal.kit_rate.minor
    km = money_text(k, deal.rate.currency)
    dpw = deal.days_per_week
    match deal.kit_basis:
        case crew.KitBasis.DAY:
            return Line("Kit rental", f"{days_text(n)} × {km} a day", n * k)
        case crew.KitBasis.WEEK:
            return Line(
                "Kit rental",
                f"{km} a week × {days_text(n)} ÷ {figure(dpw)} days a week",
                to_pence(Decimal(k) * n / dpw),
            )
        case crew.KitBasis.ENGAGEMENT:
            return Line("Kit rental", f"{km} for the engagement", k)
    return None  # pragma: no cover


def _per_diems(deal: crew.Deal, n: int) -> Line | None:
    """Per diems for the per diem days, or for every one of the ``n`` working days."""
    if deal.per_diem is None or deal.per_diem.minor <= 0:
        return None
    pd_days = deal.per_diem_days if deal.per_diem_days is not None else n
    return Line(
        "Per diems",
        f"{days_text(pd_days)} × {money_text(deal.per_diem.minor, deal.rate.currency)}",
        pd_days * deal.per_diem.minor,
    )


def cost(member: crew.CrewMember, terms: crew.ContractTerms) -> Costing:
    """Work out every sum of one crew member's deal (see the module docstring for the rules)."""
    deal = member.deal
    assert deal is not None, "cost() needs a crew member with a deal"
    cur = deal.rate.currency
    wd = deal_days(deal, terms)
    day_exact, base_exact = _day_and_base(deal, wd.count)
    day_pay = to_pence(day_exact)
    hourly_base = to_pence(base_exact)
    sixth_pay = _rule_pay(deal.sixth_day, day_exact)
    seventh_pay = _rule_pay(deal.seventh_day, day_exact)
    lines = _fee_lines(deal, wd, day_pay, sixth_pay, seventh_pay)
    fees = sum(line.pence for line in lines)
    holiday, leave_days = _holiday(deal, terms, wd, fees, cur)
    kit = _kit(deal, wd.count)

    vat = 0
    if deal.vat_number and deal.tax_status is not crew.TaxStatus.PAYE:
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
        fee_lines=lines,
        fees=fees,
        holiday=holiday,
        leave_days=leave_days,
        kit=kit,
        per_diems=_per_diems(deal, wd.count),
        vat=vat,
        minimum_wage=wage,
        on_costs=on_costs(deal, wd, fees + (holiday.pence if holiday else 0), terms),
    )


def _overtime(deal: crew.Deal, hourly_base: int, cur: str) -> tuple[int | None, str]:
    """The overtime rate per hour and how it was found, within the agreement's caps."""
    rule = deal.overtime
    if rule.amount is not None:
        return rule.amount.minor, "the agreed overtime rate"
    if rule.multiplier is None:
        return None, ""
    raw = to_pence(Decimal(hourly_base) * rule.multiplier)
    note = f"{figure(rule.multiplier)} × {money_text(hourly_base, cur)}"
    a = deal.agreement
    if a.overtime_min is not None and raw < a.overtime_min.minor:
        return (
            a.overtime_min.minor,
            f"{note} = {money_text(raw, cur)}, raised to the agreement's minimum",
        )
    if a.overtime_max is not None and raw > a.overtime_max.minor:
        return (
            a.overtime_max.minor,
            f"{note} = {money_text(raw, cur)}, capped at the agreement's maximum",
        )
    return raw, note


def accrual(deal: crew.Deal, terms: crew.ContractTerms) -> tuple[Decimal, str]:
    """The share of pay that is holiday pay, per day worked, and how it is found.

    One day-count rule for every crew member with statutory holiday, whatever the rate basis:
    leave accrues on the engagement's working days (the days its pay counts). Regular
    workers: 5.6 weeks a year (at most 28 days) over the 52 weeks of their pattern, so
    ``min(5.6 x days a week, 28) / (52 x days a week)`` of a day per day worked (5.6/52 for
    5 days a week). Irregular-hours and part-year workers, and rolled-up holiday pay: the
    statutory 12.07 % (5.6 / (52 - 5.6)), or the terms' higher holiday rate.
    """
    if (
        deal.holiday is crew.HolidayTreatment.ROLLED_UP
        or deal.work_pattern is not crew.WorkPattern.REGULAR
    ):
        return terms.holiday_rate, percent(terms.holiday_rate)
    dpw = deal.days_per_week
    per_year = min(terms.leave_weeks * dpw, Decimal(terms.leave_cap_days))
    pattern = 52 * dpw
    return (
        per_year / pattern,
        f"{figure(per_year)} days a year ÷ {figure(pattern)} (52 × {figure(dpw)})",
    )


def _holiday(
    deal: crew.Deal, terms: crew.ContractTerms, wd: WorkDays, fees: int, cur: str
) -> tuple[Line | None, Decimal]:
    """Holiday pay = fees x the accrual share (rounded once); leave = working days x share."""
    if deal.holiday is crew.HolidayTreatment.NONE:
        return None, Decimal(0)
    share, how = accrual(deal, terms)
    leave = (Decimal(wd.count) * share).quantize(_CENT, rounding=ROUND_HALF_UP)
    label = (
        "Holiday pay (rolled-up)"
        if deal.holiday is crew.HolidayTreatment.ROLLED_UP
        else "Holiday pay (accrued, paid in lieu)"
    )
    working = f"{how} × {money_text(fees, cur)}"
    if (
        deal.work_pattern is crew.WorkPattern.REGULAR
        and deal.holiday is crew.HolidayTreatment.ACCRUED
    ):
        working += f" ({days_text(wd.count)} worked: {figure(leave)} days' leave)"
    return Line(label, working, to_pence(Decimal(fees) * share)), leave


@dataclass(frozen=True, slots=True)
class PayLine:
    """A line of the money table: label, working and amount, display-ready."""

    label: str
    working: str
    amount: str


BASIS_WORD = {
    crew.RateBasis.DAILY: ("daily", "a day"),
    crew.RateBasis.WEEKLY: ("weekly", "a week"),
    crew.RateBasis.HOURLY: ("hourly", "an hour"),
    crew.RateBasis.FEE: ("fee", "for the engagement"),
}
