"""The manifest's ``terms:`` section (the production's standard terms), the reference data
behind it, and the value parsers the crew table shares with it.

Reference data (holiday rate, the rolled-up holiday pay rule and its date, bank holidays,
the figures of collective agreements, payroll rates) comes from
``paperwork/data/employment.yaml`` and ``payroll.yaml`` and is resolved here, so the builder
only ever sees typed, complete values. Every check that needs only the terms and the
reference data is made here, so ``paperwork check`` reports it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import cache
from importlib import resources
from typing import TypeVar

import yaml

from paperwork.errors import Diagnostics
from paperwork.model.crew import (
    Agreement,
    ContractTerms,
    HolidayTreatment,
    KitBasis,
    PayrollYear,
    RateBasis,
    RateRule,
    TaxStatus,
    WorkingDay,
    WorkPattern,
)
from paperwork.model.records import Money
from paperwork.model.source import Pos
from paperwork.readers import raw
from paperwork.readers.fields import (
    MAX_NUMBER,
    _refuse,
    choice_key,
    parse_money,
)
from paperwork.readers.manifest import Manifest, _str
from paperwork.readers.yaml_source import YamlMap

# --- Reference data -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Reference:
    """``employment.yaml``, typed. A broken file is a bug in paperwork, so it raises."""

    leave_weeks: Decimal
    leave_cap_days: int
    holiday_rate: Decimal
    rolled_up_from: date
    rolled_up_patterns: tuple[WorkPattern, ...]
    vat_rate: Decimal
    mileage: Decimal  # pounds per mile
    minimum_wage: tuple[tuple[date, Decimal], ...]
    payroll: tuple[PayrollYear, ...]  # payroll.yaml: employer's NI and pension per tax year
    agreements: tuple[tuple[Agreement, tuple[str, ...], Decimal | None, Decimal | None], ...]
    # (agreement, aliases, overtime multiplier, 6th-day multiplier)
    bank_holidays: Mapping[str, tuple[str, tuple[int, ...], tuple[tuple[date, str], ...]]]


def _pence(pounds: str | Decimal, currency: str = "GBP") -> Money:
    return Money(int((Decimal(str(pounds)) * 100).to_integral_value()), currency)


@cache
def load_reference() -> Reference:
    """The bundled reference data (read once)."""
    text = resources.files("paperwork").joinpath("data", "employment.yaml").read_text("utf-8")
    data = raw.table(yaml.safe_load(text), "employment")
    hol = raw.table(data["holiday"], "holiday")
    rolled_up = raw.table(hol["rolled_up"], "holiday: rolled_up")
    agreements = []
    for key, value in raw.table(data["agreements"], "agreements").items():
        a = raw.table(value, f"agreements: {key}")
        day_types: list[tuple[str, WorkingDay]] = []
        for name, spec in raw.table(a.get("day_types"), f"{key}: day_types").items():
            day = parse_working_day(str(spec))
            assert day is not None, f"employment.yaml: bad day type {spec!r}"
            day_types.append((name, day))
        if a.get("extra_contracted_hour"):
            day_types += [
                (
                    f"{name} with the additional contracted hour",
                    WorkingDay(d.hours + 1, d.break_hours),
                )
                for name, d in list(day_types)
            ]
        ot = raw.table(a.get("overtime"), f"{key}: overtime")
        agreements.append(
            (
                Agreement(
                    key=key,
                    name=str(a["name"]),
                    scope=raw.text(a.get("scope")),
                    day_types=tuple(day_types),
                    overtime_min=_pence(raw.number(ot["min_hourly"], key))
                    if "min_hourly" in ot
                    else None,
                    overtime_max=_pence(raw.number(ot["max_hourly"], key))
                    if "max_hourly" in ot
                    else None,
                    overtime_unit_minutes=raw.whole(ot.get("unit_minutes", 0), key),
                    night_from=raw.text(a.get("night_from")),
                    source=raw.text(a.get("source")),
                ),
                raw.texts(a.get("aliases"), f"{key}: aliases"),
                raw.number(ot["multiplier"], key) if "multiplier" in ot else None,
                raw.number(a["sixth_day"], key) if "sixth_day" in a else None,
            )
        )
    patterns = {p.value: p for p in WorkPattern}
    wages = [raw.table(m, "minimum_wage") for m in raw.items(data["minimum_wage"], "minimum_wage")]
    return Reference(
        leave_weeks=raw.number(hol["weeks"], "holiday: weeks"),
        leave_cap_days=raw.whole(hol["cap_days"], "holiday: cap_days"),
        holiday_rate=raw.number(hol["rate"], "holiday: rate"),
        rolled_up_from=raw.day(rolled_up["lawful_from"], "rolled_up: lawful_from"),
        rolled_up_patterns=tuple(
            patterns[p] for p in raw.texts(rolled_up["patterns"], "rolled_up: patterns")
        ),
        vat_rate=raw.number(raw.table(data["vat"], "vat")["rate"], "vat: rate"),
        mileage=raw.number(raw.table(data["mileage"], "mileage")["per_mile"], "mileage"),
        minimum_wage=tuple(
            (raw.day(m["from"], "minimum_wage"), raw.number(m["hourly"], "minimum_wage"))
            for m in wages
        ),
        payroll=_payroll(),
        agreements=tuple(agreements),
        bank_holidays={
            key: _bank_holidays(raw.table(region, f"bank_holidays: {key}"))
            for key, region in raw.table(data["bank_holidays"], "bank_holidays").items()
        },
    )


def _bank_holidays(
    region: Mapping[str, object],
) -> tuple[str, tuple[int, ...], tuple[tuple[date, str], ...]]:
    """A region's name, the years its list covers, and its (date, name) holidays in order."""
    dates = [raw.table(d, "bank holiday") for d in raw.items(region["dates"], "dates")]
    return (
        str(region["name"]),
        tuple(raw.whole(y, "bank holiday year") for y in raw.items(region["years"], "years")),
        tuple(sorted((raw.day(d["date"], "bank holiday"), str(d["name"])) for d in dates)),
    )


def _payroll() -> tuple[PayrollYear, ...]:
    """``payroll.yaml``: employer's NI and pension for each tax year, in date order."""
    text = resources.files("paperwork").joinpath("data", "payroll.yaml").read_text("utf-8")
    years = []
    for item in raw.items(raw.table(yaml.safe_load(text), "payroll")["tax_years"], "tax_years"):
        y = raw.table(item, "tax_years")
        label = str(y["label"])
        ni = raw.table(y["employer_ni"], f"{label}: employer_ni")
        pension = raw.table(y["pension"], f"{label}: pension")
        years.append(
            PayrollYear(
                start=raw.day(y["from"], label),
                end=raw.day(y["to"], label),
                label=label,
                ni_rate=raw.number(ni["rate"], label),
                ni_threshold=_pence(raw.number(ni["threshold_week"], label)).minor,
                pension_rate=raw.number(pension["employer_rate"], label),
                pension_lower=_pence(raw.number(pension["lower_week"], label)).minor,
                pension_upper=_pence(raw.number(pension["upper_week"], label)).minor,
                pension_trigger=_pence(raw.number(pension["trigger_week"], label)).minor,
                source=raw.text(y.get("source")),
            )
        )
    years.sort(key=lambda p: p.start)
    assert all(a.end < b.start for a, b in zip(years, years[1:], strict=False)), "payroll.yaml"
    return tuple(years)


# --- Cell and value parsers -----------------------------------------------------------------

T = TypeVar("T")

_DAY = re.compile(
    r"^(?P<h>\d{1,2}(?:\.\d+)?)\s*(?:h|hrs?|hours?)?"
    r"(?:\s*\+\s*(?P<b>\d(?:\.\d+)?)\s*(?:h|hrs?|hours?)?)?$",
    re.IGNORECASE,
)
_MULTIPLIER = re.compile(r"^(?P<m>\d+(?:\.\d+)?)\s*(?:t|x|×|times)?$", re.IGNORECASE)
_PER = re.compile(r"\s*(?:/|per|an?)\s*(?:h|hr|hour|d|day)\.?$", re.IGNORECASE)
_NONE_WORDS = {"none", "no", "na", "nil", "included", "buyout", "allin", "notpaid", "0"}
_DAYS_PER_WEEK = {Decimal(n) for n in range(1, 8)} | {Decimal("5.5")}


def parse_working_day(text: str) -> WorkingDay | None:
    """``10+1`` -> 10 paid hours and a 1-hour unpaid break; ``9`` -> 9 hours, no break."""
    m = _DAY.match(text.strip())
    if not m:
        return None
    hours = Decimal(m["h"])
    brk = Decimal(m["b"] or 0)
    if not Decimal(1) <= hours <= Decimal(16) or brk > Decimal(2):
        return None
    return WorkingDay(hours, brk)


def parse_rate_rule(text: str, currency: str) -> RateRule | None:
    """``1.5T``, ``1.5x``, ``2`` (multiples); ``£45``, ``£45/h``, ``£450 a day`` (amounts);
    ``none``/``included``/``buyout`` (no premium)."""
    raw = text.strip()
    if choice_key(raw) in _NONE_WORDS:
        return RateRule()
    m = _MULTIPLIER.match(raw)
    if m:
        mult = Decimal(m["m"])
        return RateRule(multiplier=mult) if Decimal(1) <= mult <= Decimal(4) else None
    amount = _PER.sub("", raw)
    if amount != raw or amount[:1] in "£€$":
        found = parse_money(amount, "", Pos(""), Diagnostics(), currency)
        if found is not None and found.minor > 0:
            return RateRule(amount=found)
    return None


def _decimal(value: object) -> Decimal | None:
    """A finite, plausible number, or None (``NaN``, ``Infinity`` and ``1e999`` are not)."""
    try:
        number = Decimal(str(value).strip().replace(",", "."))
    except InvalidOperation:
        return None
    return number if number.is_finite() and abs(number) < MAX_NUMBER else None


def _percent(value: object) -> Decimal | None:
    """``12.07%`` or ``0.1207`` -> ``Decimal('0.1207')``."""
    text = str(value).strip()
    if text.endswith("%"):
        number = _decimal(text[:-1].strip())
        return number / 100 if number is not None else None
    return _decimal(text)


def parse_days_per_week(value: object) -> Decimal | None:
    text = re.sub(
        r"\s*(?:days?)?\s*(?:a|per|/)?\s*(?:week|wk)?$", "", str(value).strip(), flags=re.I
    )
    number = _decimal(text)
    return number.normalize() if number is not None and number in _DAYS_PER_WEEK else None


BASIS_WORDS = {
    "daily": RateBasis.DAILY,
    "day": RateBasis.DAILY,
    "perday": RateBasis.DAILY,
    "aday": RateBasis.DAILY,
    "dayrate": RateBasis.DAILY,
    "weekly": RateBasis.WEEKLY,
    "week": RateBasis.WEEKLY,
    "perweek": RateBasis.WEEKLY,
    "aweek": RateBasis.WEEKLY,
    "weeklyrate": RateBasis.WEEKLY,
    "hourly": RateBasis.HOURLY,
    "hour": RateBasis.HOURLY,
    "perhour": RateBasis.HOURLY,
    "anhour": RateBasis.HOURLY,
    "fee": RateBasis.FEE,
    "flat": RateBasis.FEE,
    "flatfee": RateBasis.FEE,
    "fixedfee": RateBasis.FEE,
    "engagementfee": RateBasis.FEE,
}
TAX_WORDS = {
    "paye": TaxStatus.PAYE,
    "schedulee": TaxStatus.PAYE,
    "employed": TaxStatus.PAYE,
    "payroll": TaxStatus.PAYE,
    "selfemployed": TaxStatus.SELF_EMPLOYED,
    "scheduled": TaxStatus.SELF_EMPLOYED,
    "schedd": TaxStatus.SELF_EMPLOYED,
    "soletrader": TaxStatus.SELF_EMPLOYED,
    "loanout": TaxStatus.LOAN_OUT,
    "ltd": TaxStatus.LOAN_OUT,
    "limitedcompany": TaxStatus.LOAN_OUT,
    "ltdcompany": TaxStatus.LOAN_OUT,
    "psc": TaxStatus.LOAN_OUT,
}
HOLIDAY_WORDS = {
    "accrued": HolidayTreatment.ACCRUED,
    "accrue": HolidayTreatment.ACCRUED,
    "accrueandtake": HolidayTreatment.ACCRUED,
    "accruedandtaken": HolidayTreatment.ACCRUED,
    "paidinlieu": HolidayTreatment.ACCRUED,
    "rolledup": HolidayTreatment.ROLLED_UP,
    "rolledup1207": HolidayTreatment.ROLLED_UP,
    "1207": HolidayTreatment.ROLLED_UP,
    "none": HolidayTreatment.NONE,
    "na": HolidayTreatment.NONE,
    "notapplicable": HolidayTreatment.NONE,
}
HOLIDAY_IN_RATE = {"included", "inclusive", "includedinrate", "rateincludesholidaypay", "inrate"}
PATTERN_WORDS = {
    "regular": WorkPattern.REGULAR,
    "fixed": WorkPattern.REGULAR,
    "irregular": WorkPattern.IRREGULAR,
    "irregularhours": WorkPattern.IRREGULAR,
    "partyear": WorkPattern.PART_YEAR,
}
KIT_WORDS = {
    "day": KitBasis.DAY,
    "daily": KitBasis.DAY,
    "perday": KitBasis.DAY,
    "week": KitBasis.WEEK,
    "weekly": KitBasis.WEEK,
    "perweek": KitBasis.WEEK,
    "engagement": KitBasis.ENGAGEMENT,
    "flat": KitBasis.ENGAGEMENT,
    "fee": KitBasis.ENGAGEMENT,
    "job": KitBasis.ENGAGEMENT,
}


def choose(
    value: object,
    table: Mapping[str, T],
    code: str,
    label: str,
    known: str,
    pos: Pos,
    d: Diagnostics,
) -> T | None:
    found = table.get(choice_key(str(value)))
    if found is None:
        d.error(code, f"{label} must be one of: {known} (got {str(value)!r})", pos)
    return found


def match_agreement(text: str, reference: Reference | None = None) -> Agreement | None:
    """The known agreement named by ``text`` (its key, name or an alias), or None."""
    ref = reference or load_reference()
    want = choice_key(text)
    for agreement, aliases, _, _ in ref.agreements:
        if want in {
            choice_key(agreement.key),
            choice_key(agreement.name),
            *map(choice_key, aliases),
        }:
            return agreement
    return None


def _agreement_defaults(agreement: Agreement) -> tuple[Decimal | None, Decimal | None]:
    for a, _, overtime, sixth in load_reference().agreements:
        if a.key == agreement.key:
            return overtime, sixth
    return None, None


def day_in_agreement(day: WorkingDay, agreement: Agreement) -> bool:
    """Whether a standard day is one of the agreement's day types (always, if it lists none)."""
    if not agreement.day_types:
        return True
    return any(d == day for _, d in agreement.day_types)


def day_types(agreement: Agreement) -> str:
    return ", ".join(
        f"{name} {d.text}" for name, d in agreement.day_types if "additional" not in name
    )


def check_day_type(
    day: WorkingDay, agreement: Agreement, label: str, pos: Pos, d: Diagnostics
) -> None:
    """Warn (``day-not-in-agreement``) about a standard day the agreement has no day type for."""
    if not day_in_agreement(day, agreement):
        d.warning(
            "day-not-in-agreement",
            f"{label} {day.text} is not a day type of the {agreement.name} "
            f"({day_types(agreement)})",
            pos,
        )


# The terms' values a crew row may give again for itself, read from ``text`` and reported
# under the terms' or the row's ``label`` at ``pos``: None (reported) when not understood.


def _understood(
    found: T | None, text: str, code: str, expected: str, pos: Pos, d: Diagnostics
) -> T | None:
    """What ``text`` parsed to, or None with ``code`` reported (``expected``, got ``text``)."""
    if found is None:
        _refuse(d, code, expected, text, pos)
    return found


def read_days_per_week(text: str, label: str, pos: Pos, d: Diagnostics) -> Decimal | None:
    """Days per week (``bad-days-per-week``)."""
    expected = f"{label} must be 1 to 7, or 5.5 for an 11-day fortnight"
    return _understood(parse_days_per_week(text), text, "bad-days-per-week", expected, pos, d)


def read_rate_rule(
    text: str, currency: str, label: str, pos: Pos, d: Diagnostics
) -> RateRule | None:
    """An overtime, 6th or 7th day rule (``bad-rate-rule``)."""
    expected = f"{label} must be a multiple like 1.5T, an amount like £45, or none"
    return _understood(parse_rate_rule(text, currency), text, "bad-rate-rule", expected, pos, d)


def read_standard_day(text: str, label: str, pos: Pos, d: Diagnostics) -> WorkingDay | None:
    """A standard day (``bad-standard-day``)."""
    expected = f"{label} must be hours plus an unpaid break like 10+1, or hours like 9"
    return _understood(parse_working_day(text), text, "bad-standard-day", expected, pos, d)


def read_holiday(text: str, label: str, pos: Pos, d: Diagnostics) -> HolidayTreatment | None:
    """A holiday treatment (``unknown-holiday-treatment``; ``holiday-in-rate`` for holiday
    pay rolled into the rate, which is not allowed)."""
    if choice_key(text) in HOLIDAY_IN_RATE:
        holiday_in_rate(pos, d, label)
        return None
    known = "accrued, rolled-up, none"
    return choose(text, HOLIDAY_WORDS, "unknown-holiday-treatment", label, known, pos, d)


# --- The terms: section -----------------------------------------------------------------------

TERMS_KEYS = (
    "agreement",
    "budget_band",
    "place_of_work",
    "standard_day",
    "days_per_week",
    "overtime",
    "sixth_day",
    "seventh_day",
    "night_work",
    "kit_insurance",
    "holiday",
    "holiday_rate",
    "leave_year_start",
    "bank_holidays",
    "bank_holidays_worked",
    "mileage",
    "cancellation",
    "payment",
    "signatory",
    "governing_law",
)

_YES = {"yes", "true", "worked", "y"}
_NO = {"no", "false", "notworked", "n", "excluded", "off"}


def default_terms(currency: str = "GBP", pos: Pos | None = None) -> ContractTerms:
    """The terms when the manifest has no ``terms:`` section: the reference's defaults."""
    ref = load_reference()
    none = match_agreement("none", ref)
    assert none is not None
    name, years, dates = ref.bank_holidays["england-and-wales"]
    return ContractTerms(
        pos=pos or Pos("production.yaml"),
        agreement=none,
        standard_day=WorkingDay(Decimal(10), Decimal(1)),
        days_per_week=Decimal(5),
        overtime=RateRule(),
        sixth_day=RateRule(),
        seventh_day=RateRule(),
        holiday=HolidayTreatment.ACCRUED,
        holiday_rate=ref.holiday_rate,
        leave_weeks=ref.leave_weeks,
        leave_cap_days=ref.leave_cap_days,
        rolled_up_from=ref.rolled_up_from,
        mileage=_pence(ref.mileage, currency),
        vat_rate=ref.vat_rate,
        bank_holiday_region="england-and-wales",
        bank_holidays=dates,
        bank_holiday_years=years,
        minimum_wage=tuple((d, _pence(v, currency)) for d, v in ref.minimum_wage),
        payroll=ref.payroll if currency == "GBP" else (),
    )


def read_terms(value: object, pos: Pos, m: Manifest) -> ContractTerms:
    """The manifest's ``terms:``: the production's standard terms for every crew contract.

    Each key is optional; an empty key takes the named agreement's figure, then the
    reference's default. Overtime and the 6th day must be stated when the agreement does
    not set them.
    """
    d = m.d
    ref = load_reference()
    terms = m.mapping(m.data, "terms")
    base = default_terms(m.currency, pos)
    m.unknown_keys(terms, TERMS_KEYS, "terms:")
    agreement = _terms_agreement(terms, m, base.agreement, ref)
    standard_day = _terms_standard_day(terms, m, base.standard_day, agreement)
    days_per_week = base.days_per_week
    if text := m.text(terms, "days_per_week"):
        found = read_days_per_week(text, "terms: days_per_week", m.pos(terms, "days_per_week"), d)
        days_per_week = found if found is not None else days_per_week
    overtime, sixth, seventh = _terms_rules(terms, m, pos, agreement)
    holiday, holiday_rate = _terms_holiday(terms, m, base, ref)
    region, years, dates, worked = _terms_bank_holidays(terms, m, base.bank_holiday_region, ref)
    mileage = m.money(terms, "mileage", where="terms: ") or base.mileage
    leave_year_start = m.date(terms, "leave_year_start", where="terms: ")

    if not m.text(terms, "cancellation"):
        d.warning(
            "no-cancellation-terms",
            "terms: cancellation is empty; contracts will say only that early termination is by "
            "written notice with days worked paid (state the production's cancellation terms)",
            m.pos(terms, "cancellation") if "cancellation" in terms else pos,
        )

    return replace(
        base,
        agreement=agreement,
        standard_day=standard_day,
        days_per_week=days_per_week,
        overtime=overtime,
        sixth_day=sixth,
        seventh_day=seventh,
        holiday=holiday,
        holiday_rate=holiday_rate,
        mileage=mileage,
        bank_holiday_region=region,
        bank_holidays=dates,
        bank_holiday_years=years,
        bank_holidays_worked=worked,
        leave_year_start=leave_year_start,
        place_of_work=m.text(terms, "place_of_work"),
        budget_band=m.text(terms, "budget_band"),
        night_work=m.text(terms, "night_work"),
        kit_insurance=m.text(terms, "kit_insurance"),
        cancellation=m.text(terms, "cancellation"),
        payment=m.text(terms, "payment"),
        signatory=m.text(terms, "signatory"),
        governing_law=m.text(terms, "governing_law") or base.governing_law,
    )


def _terms_agreement(terms: YamlMap, m: Manifest, default: Agreement, ref: Reference) -> Agreement:
    """The agreement named, one paperwork knows or (warned) one it prints by name only."""
    text = m.text(terms, "agreement")
    if not text:
        return default
    found = match_agreement(text, ref)
    if found is not None:
        return found
    known = "; ".join(a.name for a, *_ in ref.agreements)
    m.d.warning(
        "unknown-agreement",
        f"terms: agreement {text!r} is not one paperwork knows ({known}); its name is "
        "printed as given and no figures are taken from it",
        m.pos(terms, "agreement"),
    )
    return Agreement(key=text, name=text, known=False)


def _terms_standard_day(
    terms: YamlMap, m: Manifest, default: WorkingDay, agreement: Agreement
) -> WorkingDay:
    """The standard day given, else the agreement's first day type, else the default."""
    standard_day = agreement.day_types[0][1] if agreement.day_types else default
    text = m.text(terms, "standard_day")
    if not text:
        return standard_day
    at = m.pos(terms, "standard_day")
    day = read_standard_day(text, "terms: standard_day", at, m.d)
    if day is None:
        return standard_day
    check_day_type(day, agreement, "terms: standard_day", at, m.d)
    return day


def _terms_rules(
    terms: YamlMap, m: Manifest, pos: Pos, agreement: Agreement
) -> tuple[RateRule, RateRule, RateRule]:
    """Overtime, 6th day and 7th day: as given, else the agreement's, else required."""
    d = m.d
    ot_default, sixth_default = _agreement_defaults(agreement)

    def rule(key: str, default: RateRule | None, what: str) -> RateRule:
        text = m.text(terms, key)
        if text:
            found = read_rate_rule(text, m.currency, f"terms: {key}", m.pos(terms, key), d)
            return found or default or RateRule()
        if default is None:
            d.error(
                "manifest-missing",
                f"terms: {key} is required ({what}: a multiple like 1.5T, an amount, or none) "
                f"because the agreement ({agreement.name}) does not set it",
                m.pos(terms, key) if key in terms else pos,
            )
            return RateRule()
        return default

    overtime = rule(
        "overtime",
        RateRule(multiplier=ot_default) if ot_default is not None else None,
        "the overtime rate",
    )
    sixth = rule(
        "sixth_day",
        RateRule(multiplier=sixth_default) if sixth_default is not None else None,
        "the rate for a 6th day worked in a week",
    )
    seventh = rule("seventh_day", sixth, "the rate for a 7th day")
    return overtime, sixth, seventh


def _terms_holiday(
    terms: YamlMap, m: Manifest, base: ContractTerms, ref: Reference
) -> tuple[HolidayTreatment, Decimal]:
    """The holiday treatment and the holiday rate (never below the statutory rate)."""
    d = m.d
    holiday = base.holiday
    if text := m.text(terms, "holiday"):
        holiday = read_holiday(text, "terms: holiday", m.pos(terms, "holiday"), d) or holiday

    holiday_rate = base.holiday_rate
    if text := m.text(terms, "holiday_rate"):
        rate = _percent(text)
        if rate is None or not Decimal(0) < rate < Decimal(1):
            d.error(
                "bad-holiday-rate",
                f"terms: holiday_rate must be a percentage like 12.07% (got {text!r})",
                m.pos(terms, "holiday_rate"),
            )
        elif rate < ref.holiday_rate:
            d.error(
                "holiday-rate-below-statutory",
                f"terms: holiday_rate {text} is below the statutory "
                f"{_show_percent(ref.holiday_rate)} (5.6 weeks' leave)",
                m.pos(terms, "holiday_rate"),
            )
        else:
            holiday_rate = rate
    return holiday, holiday_rate


def _terms_bank_holidays(
    terms: YamlMap, m: Manifest, region: str, ref: Reference
) -> tuple[str, tuple[int, ...], tuple[tuple[date, str], ...], bool]:
    """(the nation whose bank holidays apply, the years known, the dates, whether worked)."""
    d = m.d
    if text := m.text(terms, "bank_holidays"):
        key = re.sub(r"[^a-z]+", "-", text.lower().replace("&", "and")).strip("-")
        if key not in ref.bank_holidays:
            d.error(
                "unknown-bank-holidays",
                f"terms: bank_holidays must be one of: {', '.join(ref.bank_holidays)} "
                f"(got {text!r})",
                m.pos(terms, "bank_holidays"),
            )
        else:
            region = key
    _, years, dates = ref.bank_holidays[region]

    worked = False
    raw_worked = terms.get("bank_holidays_worked")
    if raw_worked is not None and _str(raw_worked):
        flag = choice_key(_str(raw_worked))
        if flag in _YES:
            worked = True
        elif flag not in _NO:
            d.error(
                "bad-flag",
                f"terms: bank_holidays_worked must be yes or no (got {_str(raw_worked)!r})",
                m.pos(terms, "bank_holidays_worked"),
            )
    return region, years, dates, worked


def _show_percent(rate: Decimal) -> str:
    return f"{(rate * 100).normalize():f}%"


def holiday_in_rate(pos: Pos, d: Diagnostics, label: str) -> None:
    d.error(
        "holiday-in-rate",
        f"{label}: 'rate includes holiday pay' is not allowed; holiday pay must be its own "
        "line: use accrued, or rolled-up where the law allows it",
        pos,
    )
