"""The crew table and the manifest's ``terms:`` section, for crew contracts and deal memos.

The crew table has one row per freelancer (columns in :data:`CREW`); the manifest's
``terms:`` section holds the production's standard terms, which fill any cell a row leaves
empty. Reference data (holiday rate, the rolled-up holiday pay rule and its date, bank
holidays, the figures of collective agreements) comes from ``paperwork/data/employment.yaml``
and is resolved here, so the builder only ever sees typed, complete values.

Every check that needs only the table, the terms and the reference data is made here, so
``paperwork check`` reports it; checks that need today's date or the sums are the builder's.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import cache
from importlib import resources
from typing import Any

import yaml

from paperwork.errors import Diagnostics
from paperwork.model.names import person_key
from paperwork.model.production import (
    Agreement,
    ContractTerms,
    CrewMember,
    Deal,
    HolidayTreatment,
    KitBasis,
    Money,
    PayrollYear,
    RateBasis,
    RateRule,
    TaxStatus,
    WorkingDay,
    WorkPattern,
)
from paperwork.model.source import Pos
from paperwork.readers.fields import (
    MAX_NUMBER,
    Column,
    Schema,
    choice_key,
    parse_money,
    parse_rows,
)
from paperwork.readers.manifest import Manifest, _str
from paperwork.readers.tables import Row, Table

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
    data = yaml.safe_load(text)
    hol = data["holiday"]
    agreements = []
    for key, a in data["agreements"].items():
        day_types: list[tuple[str, WorkingDay]] = []
        for name, spec in (a.get("day_types") or {}).items():
            day = _working_day(str(spec))
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
        ot = a.get("overtime") or {}
        agreements.append(
            (
                Agreement(
                    key=key,
                    name=a["name"],
                    scope=a.get("scope", ""),
                    day_types=tuple(day_types),
                    overtime_min=_pence(ot["min_hourly"]) if "min_hourly" in ot else None,
                    overtime_max=_pence(ot["max_hourly"]) if "max_hourly" in ot else None,
                    overtime_unit_minutes=int(ot.get("unit_minutes", 0)),
                    night_from=a.get("night_from", ""),
                    source=a.get("source", ""),
                ),
                tuple(a.get("aliases", ())),
                Decimal(ot["multiplier"]) if "multiplier" in ot else None,
                Decimal(a["sixth_day"]) if "sixth_day" in a else None,
            )
        )
    patterns = {p.value: p for p in WorkPattern}
    return Reference(
        leave_weeks=Decimal(hol["weeks"]),
        leave_cap_days=int(hol["cap_days"]),
        holiday_rate=Decimal(hol["rate"]),
        rolled_up_from=hol["rolled_up"]["lawful_from"],
        rolled_up_patterns=tuple(patterns[p] for p in hol["rolled_up"]["patterns"]),
        vat_rate=Decimal(data["vat"]["rate"]),
        mileage=Decimal(data["mileage"]["per_mile"]),
        minimum_wage=tuple((m["from"], Decimal(m["hourly"])) for m in data["minimum_wage"]),
        payroll=_payroll(),
        agreements=tuple(agreements),
        bank_holidays={
            key: (
                region["name"],
                tuple(region["years"]),
                tuple(sorted((d["date"], d["name"]) for d in region["dates"])),
            )
            for key, region in data["bank_holidays"].items()
        },
    )


def _payroll() -> tuple[PayrollYear, ...]:
    """``payroll.yaml``: employer's NI and pension for each tax year, in date order."""
    text = resources.files("paperwork").joinpath("data", "payroll.yaml").read_text("utf-8")
    years = []
    for y in yaml.safe_load(text)["tax_years"]:
        ni, pension = y["employer_ni"], y["pension"]
        years.append(
            PayrollYear(
                start=y["from"],
                end=y["to"],
                label=str(y["label"]),
                ni_rate=Decimal(ni["rate"]),
                ni_threshold=_pence(ni["threshold_week"]).minor,
                pension_rate=Decimal(pension["employer_rate"]),
                pension_lower=_pence(pension["lower_week"]).minor,
                pension_upper=_pence(pension["upper_week"]).minor,
                pension_trigger=_pence(pension["trigger_week"]).minor,
                source=str(y.get("source", "")),
            )
        )
    years.sort(key=lambda p: p.start)
    assert all(a.end < b.start for a, b in zip(years, years[1:], strict=False)), "payroll.yaml"
    return tuple(years)


# --- Cell and value parsers -----------------------------------------------------------------

_DAY = re.compile(
    r"^(?P<h>\d{1,2}(?:\.\d+)?)\s*(?:h|hrs?|hours?)?"
    r"(?:\s*\+\s*(?P<b>\d(?:\.\d+)?)\s*(?:h|hrs?|hours?)?)?$",
    re.IGNORECASE,
)
_MULTIPLIER = re.compile(r"^(?P<m>\d+(?:\.\d+)?)\s*(?:t|x|×|times)?$", re.IGNORECASE)
_PER = re.compile(r"\s*(?:/|per|an?)\s*(?:h|hr|hour|d|day)\.?$", re.IGNORECASE)
_NONE_WORDS = {"none", "no", "na", "nil", "included", "buyout", "allin", "notpaid", "0"}
_DAYS_PER_WEEK = {Decimal(n) for n in range(1, 8)} | {Decimal("5.5")}


def _working_day(text: str) -> WorkingDay | None:
    """``10+1`` -> 10 paid hours and a 1-hour unpaid break; ``9`` -> 9 hours, no break."""
    m = _DAY.match(text.strip())
    if not m:
        return None
    hours = Decimal(m["h"])
    brk = Decimal(m["b"] or 0)
    if not Decimal(1) <= hours <= Decimal(16) or brk > Decimal(2):
        return None
    return WorkingDay(hours, brk)


def _rate_rule(text: str, currency: str) -> RateRule | None:
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


def _days_per_week(value: object) -> Decimal | None:
    text = re.sub(
        r"\s*(?:days?)?\s*(?:a|per|/)?\s*(?:week|wk)?$", "", str(value).strip(), flags=re.I
    )
    number = _decimal(text)
    return number.normalize() if number is not None and number in _DAYS_PER_WEEK else None


_BASIS = {
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
_TAX = {
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
_HOLIDAY = {
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
_HOLIDAY_IN_RATE = {"included", "inclusive", "includedinrate", "rateincludesholidaypay", "inrate"}
_PATTERN = {
    "regular": WorkPattern.REGULAR,
    "fixed": WorkPattern.REGULAR,
    "irregular": WorkPattern.IRREGULAR,
    "irregularhours": WorkPattern.IRREGULAR,
    "partyear": WorkPattern.PART_YEAR,
}
_KIT = {
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


def _choose(
    value: object,
    table: Mapping[str, Any],
    code: str,
    label: str,
    known: str,
    pos: Pos,
    d: Diagnostics,
) -> Any:
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


def _day_types(agreement: Agreement) -> str:
    return ", ".join(
        f"{name} {d.text}" for name, d in agreement.day_types if "additional" not in name
    )


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


def read_terms(value: Any, pos: Pos, m: Manifest) -> ContractTerms:
    """The manifest's ``terms:``: the production's standard terms for every crew contract.

    Each key is optional; an empty key takes the named agreement's figure, then the
    reference's default. Overtime and the 6th day must be stated when the agreement does
    not set them.
    """
    d = m.d
    ref = load_reference()
    terms = m.mapping(m.data, "terms")
    base = default_terms(m.currency, pos)
    for key in terms:
        if key not in TERMS_KEYS:
            d.warning(
                "unknown-key",
                f"unknown key {key!r} under terms: (known: {', '.join(TERMS_KEYS)}); ignored",
                m.pos(terms, key),
            )

    agreement = base.agreement
    if text := m.text(terms, "agreement"):
        found = match_agreement(text, ref)
        if found is None:
            known = "; ".join(a.name for a, *_ in ref.agreements)
            d.warning(
                "unknown-agreement",
                f"terms: agreement {text!r} is not one paperwork knows ({known}); its name is "
                "printed as given and no figures are taken from it",
                m.pos(terms, "agreement"),
            )
            agreement = Agreement(key=text, name=text, known=False)
        else:
            agreement = found
    ot_default, sixth_default = _agreement_defaults(agreement)

    standard_day = base.standard_day
    if agreement.day_types:
        standard_day = agreement.day_types[0][1]
    if text := m.text(terms, "standard_day"):
        day = _working_day(text)
        if day is None:
            d.error(
                "bad-standard-day",
                f"terms: standard_day must be hours plus an unpaid break like 10+1, or hours "
                f"like 9 (got {text!r})",
                m.pos(terms, "standard_day"),
            )
        else:
            standard_day = day
            if not day_in_agreement(day, agreement):
                d.warning(
                    "day-not-in-agreement",
                    f"terms: standard_day {day.text} is not a day type of the {agreement.name} "
                    f"({_day_types(agreement)})",
                    m.pos(terms, "standard_day"),
                )

    days_per_week = base.days_per_week
    if text := m.text(terms, "days_per_week"):
        dpw = _days_per_week(text)
        if dpw is None:
            d.error(
                "bad-days-per-week",
                f"terms: days_per_week must be 1 to 7, or 5.5 for an 11-day fortnight (got {text!r})",
                m.pos(terms, "days_per_week"),
            )
        else:
            days_per_week = dpw

    def rule(key: str, default: RateRule | None, what: str) -> RateRule:
        text = m.text(terms, key)
        if text:
            found = _rate_rule(text, m.currency)
            if found is None:
                d.error(
                    "bad-rate-rule",
                    f"terms: {key} must be a multiple like 1.5T, an amount like £45, or none "
                    f"(got {text!r})",
                    m.pos(terms, key),
                )
                return default or RateRule()
            return found
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

    holiday = base.holiday
    if text := m.text(terms, "holiday"):
        if choice_key(text) in _HOLIDAY_IN_RATE:
            _holiday_in_rate(m.pos(terms, "holiday"), d, "terms: holiday")
        else:
            holiday = (
                _choose(
                    text,
                    _HOLIDAY,
                    "unknown-holiday-treatment",
                    "terms: holiday",
                    "accrued, rolled-up, none",
                    m.pos(terms, "holiday"),
                    d,
                )
                or holiday
            )

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

    region = base.bank_holiday_region
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

    mileage = m.money(terms, "mileage", where="terms: ") or base.mileage
    leave_year_start = m.date(terms, "leave_year_start", where="terms: ")

    if not m.text(terms, "cancellation"):
        d.warning(
            "no-cancellation-terms",
            "terms: cancellation is empty; contracts will say only that early termination is by "
            "written notice with days worked paid (state the production's cancellation terms)",
            m.pos(terms, "cancellation") if "cancellation" in terms else pos,
        )

    return ContractTerms(
        pos=pos,
        agreement=agreement,
        standard_day=standard_day,
        days_per_week=days_per_week,
        overtime=overtime,
        sixth_day=sixth,
        seventh_day=seventh,
        holiday=holiday,
        holiday_rate=holiday_rate,
        leave_weeks=base.leave_weeks,
        leave_cap_days=base.leave_cap_days,
        rolled_up_from=base.rolled_up_from,
        mileage=mileage,
        vat_rate=base.vat_rate,
        bank_holiday_region=region,
        bank_holidays=dates,
        bank_holiday_years=years,
        bank_holidays_worked=worked,
        leave_year_start=leave_year_start,
        minimum_wage=base.minimum_wage,
        payroll=base.payroll,
        place_of_work=m.text(terms, "place_of_work"),
        budget_band=m.text(terms, "budget_band"),
        night_work=m.text(terms, "night_work"),
        kit_insurance=m.text(terms, "kit_insurance"),
        cancellation=m.text(terms, "cancellation"),
        payment=m.text(terms, "payment"),
        signatory=m.text(terms, "signatory"),
        governing_law=m.text(terms, "governing_law") or base.governing_law,
    )


def _show_percent(rate: Decimal) -> str:
    return f"{(rate * 100).normalize():f}%"


def _holiday_in_rate(pos: Pos, d: Diagnostics, label: str) -> None:
    d.error(
        "holiday-in-rate",
        f"{label}: 'rate includes holiday pay' is not allowed; holiday pay must be its own "
        "line: use accrued, or rolled-up where the law allows it",
        pos,
    )


# --- The crew table -------------------------------------------------------------------------

CREW = Schema(
    "crew",
    (
        Column("name", required=True, aliases=("full_name", "crew_name", "legal_name")),
        Column("role", required=True, aliases=("job_title", "position", "grade")),
        Column("department", aliases=("dept",)),
        Column("email", "email", aliases=("email_address",)),
        Column("phone", aliases=("mobile", "telephone", "phone_number")),
        Column("address", "lines", aliases=("postal_address", "home_address")),
        Column("start", "date", aliases=("start_date", "from")),
        Column("end", "date", aliases=("end_date", "finish", "finish_date", "to")),
        Column(
            "days_per_week", aliases=("days_a_week", "dpw", "working_week"), label="days per week"
        ),
        Column("rate", "money", aliases=("pay_rate", "amount")),
        Column("rate_basis", aliases=("basis", "rate_type", "per"), label="rate basis"),
        Column(
            "standard_day", aliases=("day_length", "working_day", "hours"), label="standard day"
        ),
        Column("overtime", aliases=("ot", "overtime_rate", "overtime_rule")),
        Column("sixth_day", aliases=("6th_day", "sixth_day_rate", "6th_day_rate"), label="6th day"),
        Column(
            "seventh_day", aliases=("7th_day", "seventh_day_rate", "7th_day_rate"), label="7th day"
        ),
        Column("holiday", aliases=("holiday_pay", "holiday_treatment")),
        Column(
            "work_pattern",
            aliases=("hours_pattern", "worker_type", "pattern"),
            label="work pattern",
        ),
        Column(
            "kit_rate",
            "money",
            aliases=("kit", "kit_rental", "box_rental", "box"),
            label="kit rate",
        ),
        Column("kit_per", aliases=("kit_basis",), label="kit per"),
        Column(
            "kit_items", aliases=("kit_list", "kit_description", "box_items"), label="kit items"
        ),
        Column("mileage", "money", aliases=("mileage_rate",)),
        Column("per_diem", "money", aliases=("per_diems", "pd"), label="per diem"),
        Column("per_diem_days", "int", aliases=("pd_days",), label="per diem days"),
        Column("tax_status", aliases=("tax", "status", "engagement_type"), label="tax status"),
        Column("company", aliases=("company_name", "loan_out_company", "loan_out")),
        Column("company_number", aliases=("company_no", "crn"), label="company number"),
        Column("vat_number", aliases=("vat", "vat_no"), label="VAT number"),
        Column(
            "status_check",
            aliases=("ir35", "cest", "esm4118", "status_reference"),
            label="status check",
        ),
        Column("agreement"),
        Column("place_of_work", aliases=("base", "unit_base"), label="place of work"),
        Column("credit", aliases=("credit_wording",)),
        Column("notes", aliases=("special_terms",)),
    ),
)

# The columns a row with engagement terms must fill. A row with all of them empty has no
# deal (a staff member listed for the call sheet, say) and gets no contract.
DEAL_COLUMNS = ("start", "end", "rate", "rate_basis", "tax_status")

_COMPANY_NUMBER = re.compile(r"^(?:\d{8}|[A-Z]{2}\d{6})$")
_VAT_NUMBER = re.compile(r"^(?:GB)?(?:\d{9}|\d{12}|GD\d{3}|HA\d{3})$")


def read_crew(table: Table, diagnostics: Diagnostics, context: Any) -> tuple[CrewMember, ...]:
    """Crew rows with their deals; every empty deal cell takes the production's terms."""
    currency: str = context.currency
    terms: ContractTerms = context.sections.get("terms") or default_terms(currency)
    d = diagnostics
    mapping = CREW.resolve(table, Diagnostics())  # which columns exist (reported by parse_rows)
    for column in DEAL_COLUMNS:
        if column not in mapping:
            label = next(c.display for c in CREW.columns if c.name == column)
            d.error(
                "missing-column",
                f"the crew table needs a {label!r} column for contracts",
                table.pos,
            )
    out: list[CrewMember] = []
    seen: dict[str, Pos] = {}
    for row, v in parse_rows(CREW, table, d, currency):
        cells = tuple(
            (c.name, row.where(mapping[c.name])) for c in CREW.columns if c.name in mapping
        )

        def at(column: str, _cells: tuple[tuple[str, Pos], ...] = cells, _row: Row = row) -> Pos:
            return next((p for n, p in _cells if n == column), _row.pos)

        name = str(v["name"] or "")
        if not name:
            continue  # reported as missing-value
        key = person_key(name)
        if key in seen:
            d.error(
                "duplicate-person",
                f"{name} is in the crew table twice (first at {seen[key]}); one contract each",
                at("name"),
            )
            continue
        seen[key] = at("name")
        deal = _deal(v, row, mapping, at, terms, currency, d) if _has_deal(row, mapping) else None
        out.append(
            CrewMember(
                name=name,
                role=str(v["role"] or ""),
                pos=row.pos,
                department=str(v["department"] or ""),
                email=str(v["email"] or ""),
                phone=str(v["phone"] or ""),
                address=v["address"] or (),  # type: ignore[arg-type]
                deal=deal,
                cells=cells,
            )
        )
    return tuple(out)


def _blank(raw: object) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


def _has_deal(row: Row, mapping: Mapping[str, str]) -> bool:
    """Any deal cell filled in (even one that failed to parse) means the row has a deal."""
    return any(c in mapping and not _blank(row.get(mapping[c])) for c in DEAL_COLUMNS)


def _deal(
    v: Mapping[str, Any],
    row: Row,
    mapping: Mapping[str, str],
    at: Any,
    terms: ContractTerms,
    currency: str,
    d: Diagnostics,
) -> Deal | None:
    """The row's deal, or None when a cell it needs is missing or wrong (all reported)."""
    ok = True
    for column in DEAL_COLUMNS:
        if v[column] is None:
            ok = False  # an unparseable cell is already reported; an empty one is reported here
            if column in mapping and _blank(row.get(mapping[column])):
                label = next(c.display for c in CREW.columns if c.name == column)
                d.error(
                    "missing-value",
                    f"{label} is required for a contract but the cell is empty",
                    at(column),
                )
    start, end, rate = v["start"], v["end"], v["rate"]
    if start is not None and end is not None and end < start:
        d.error(
            "end-before-start",
            f"the end date {end:%d/%m/%Y} is before the start date {start:%d/%m/%Y}",
            at("end"),
        )
        ok = False
    if rate is not None and rate.minor <= 0:
        d.error("rate-not-positive", "rate must be more than nothing (got 0)", at("rate"))
        ok = False
    if start is None or end is None or rate is None:
        ok = False

    basis = None
    if v["rate_basis"]:
        basis = _choose(
            v["rate_basis"],
            _BASIS,
            "unknown-rate-basis",
            "rate basis",
            "daily, weekly, hourly, fee",
            at("rate_basis"),
            d,
        )
    tax = None
    if v["tax_status"]:
        tax = _choose(
            v["tax_status"],
            _TAX,
            "unknown-tax-status",
            "tax status",
            "PAYE, self-employed, loan-out",
            at("tax_status"),
            d,
        )

    days_per_week = terms.days_per_week
    if v["days_per_week"]:
        found = _days_per_week(v["days_per_week"])
        if found is None:
            d.error(
                "bad-days-per-week",
                f"days per week must be 1 to 7, or 5.5 for an 11-day fortnight "
                f"(got {v['days_per_week']!r})",
                at("days_per_week"),
            )
            ok = False
        else:
            days_per_week = found

    agreement = terms.agreement
    if v["agreement"]:
        found_agreement = match_agreement(str(v["agreement"]))
        if found_agreement is None:
            d.warning(
                "unknown-agreement",
                f"agreement {v['agreement']!r} is not one paperwork knows; its name is printed "
                "as given and no figures are taken from it",
                at("agreement"),
            )
            agreement = Agreement(key=str(v["agreement"]), name=str(v["agreement"]), known=False)
        else:
            agreement = found_agreement

    standard_day = terms.standard_day
    if v["standard_day"]:
        day = _working_day(str(v["standard_day"]))
        if day is None:
            d.error(
                "bad-standard-day",
                f"standard day must be hours plus an unpaid break like 10+1, or hours like 9 "
                f"(got {v['standard_day']!r})",
                at("standard_day"),
            )
            ok = False
        else:
            standard_day = day
    if agreement.day_types and not day_in_agreement(standard_day, agreement):
        d.warning(
            "day-not-in-agreement",
            f"standard day {standard_day.text} is not a day type of the {agreement.name} "
            f"({_day_types(agreement)})",
            at("standard_day"),
        )

    rules: dict[str, RateRule] = {}
    for column, default in (
        ("overtime", terms.overtime),
        ("sixth_day", terms.sixth_day),
        ("seventh_day", terms.seventh_day),
    ):
        rules[column] = default
        if v[column]:
            found_rule = _rate_rule(str(v[column]), currency)
            if found_rule is None:
                label = next(c.display for c in CREW.columns if c.name == column)
                d.error(
                    "bad-rate-rule",
                    f"{label} must be a multiple like 1.5T, an amount like £45, or none "
                    f"(got {v[column]!r})",
                    at(column),
                )
                ok = False
            else:
                rules[column] = found_rule

    pattern = WorkPattern.REGULAR
    if v["work_pattern"]:
        pattern = (
            _choose(
                v["work_pattern"],
                _PATTERN,
                "unknown-work-pattern",
                "work pattern",
                "regular, irregular hours, part-year",
                at("work_pattern"),
                d,
            )
            or pattern
        )

    holiday: HolidayTreatment | None = None
    if v["holiday"]:
        if choice_key(str(v["holiday"])) in _HOLIDAY_IN_RATE:
            _holiday_in_rate(at("holiday"), d, "holiday")
            ok = False
        else:
            holiday = _choose(
                v["holiday"],
                _HOLIDAY,
                "unknown-holiday-treatment",
                "holiday",
                "accrued, rolled-up, none",
                at("holiday"),
                d,
            )
            ok = ok and holiday is not None
    if holiday is None and not v["holiday"]:
        # An empty cell: no statutory holiday for the self-employed or a loan-out company;
        # the production's standard treatment for everyone else.
        self_employed = tax in (TaxStatus.SELF_EMPLOYED, TaxStatus.LOAN_OUT)
        holiday = HolidayTreatment.NONE if self_employed else terms.holiday

    company = str(v["company"] or "")
    company_number = str(v["company_number"] or "").replace(" ", "").upper()
    if company_number.isdigit() and len(company_number) < 8:
        company_number = company_number.zfill(8)  # a spreadsheet dropped the leading zeros
    vat_number = str(v["vat_number"] or "")
    vat_key = re.sub(r"[\s.-]", "", vat_number).upper()
    if vat_number and not _VAT_NUMBER.match(vat_key):
        d.warning(
            "bad-vat-number",
            f"VAT number {vat_number!r} does not look like a UK VAT number (GB and 9 digits)",
            at("vat_number"),
        )
    if company_number and not _COMPANY_NUMBER.match(company_number):
        d.warning(
            "bad-company-number",
            f"company number {company_number!r} does not look like a Companies House number "
            "(8 digits, or 2 letters and 6 digits)",
            at("company_number"),
        )

    match tax:
        case TaxStatus.PAYE:
            if holiday is HolidayTreatment.NONE:
                d.error(
                    "no-holiday-pay",
                    "a PAYE worker is entitled to paid holiday (Working Time Regulations 1998): "
                    "holiday must be accrued or, where lawful, rolled-up",
                    at("holiday"),
                )
                ok = False
            elif holiday is HolidayTreatment.ROLLED_UP and start is not None:
                ok = _rolled_up_lawful(pattern, start, terms, at, d) and ok
        case TaxStatus.SELF_EMPLOYED | TaxStatus.LOAN_OUT:
            if holiday is not None and holiday is not HolidayTreatment.NONE:
                d.warning(
                    "holiday-not-applicable",
                    f"a {tax.value} engagement carries no statutory holiday pay; holiday "
                    f"{holiday.value} adds it to the cost anyway (use 'none' unless agreed)",
                    at("holiday"),
                )
            if tax is TaxStatus.LOAN_OUT:
                if not company:
                    d.error(
                        "loan-out-no-company",
                        "a loan-out needs the company's name (the company is the party to the "
                        "contract and invoices)",
                        at("company"),
                    )
                    ok = False
                if not company_number:
                    d.error(
                        "loan-out-no-company-number",
                        "a loan-out needs the company's Companies House number",
                        at("company_number"),
                    )
                    ok = False
            if not v["status_check"]:
                what = (
                    "the role's ESM4118 listing or a CEST result"
                    if tax is TaxStatus.SELF_EMPLOYED
                    else "the IR35 determination (or why the off-payroll rules do not apply)"
                )
                d.warning(
                    "status-not-recorded",
                    f"record {what} in status_check before the contract goes out",
                    at("status_check"),
                )

    kit_rate = v["kit_rate"] if v["kit_rate"] is not None and v["kit_rate"].minor > 0 else None
    kit_basis = KitBasis.DAY
    if kit_rate is not None:
        if not v["kit_per"]:
            d.error(
                "missing-value",
                "kit per is required with a kit rate: day, week or engagement",
                at("kit_per") if at("kit_per") != row.pos else at("kit_rate"),
            )
            ok = False
        else:
            found_kit = _choose(
                v["kit_per"],
                _KIT,
                "unknown-kit-basis",
                "kit per",
                "day, week, engagement",
                at("kit_per"),
                d,
            )
            ok = ok and found_kit is not None
            kit_basis = found_kit or kit_basis
        if not v["kit_items"]:
            d.warning(
                "kit-not-itemised",
                "kit rental has no itemised list in kit_items (the list goes into the contract "
                "and can feed the carnet)",
                at("kit_items") if at("kit_items") != row.pos else at("kit_rate"),
            )

    if start is not None and end is not None:
        years = set(range(start.year, end.year + 1))
        missing = sorted(years - set(terms.bank_holiday_years))
        if missing and not terms.bank_holidays_worked:
            d.warning(
                "no-bank-holiday-data",
                f"paperwork has no bank holidays for {', '.join(map(str, missing))}; none are "
                "taken off the working days in those years",
                at("end") if end.year in missing else at("start"),
            )

    if not ok or basis is None or tax is None or holiday is None:
        return None
    return Deal(
        start=start,
        end=end,
        rate=rate,
        basis=basis,
        days_per_week=days_per_week,
        standard_day=standard_day,
        overtime=rules["overtime"],
        sixth_day=rules["sixth_day"],
        seventh_day=rules["seventh_day"],
        holiday=holiday,
        work_pattern=pattern,
        tax_status=tax,
        agreement=agreement,
        place_of_work=str(v["place_of_work"] or terms.place_of_work),
        company=company,
        company_number=company_number,
        vat_number=vat_number,
        status_check=str(v["status_check"] or ""),
        kit_rate=kit_rate,
        kit_basis=kit_basis,
        kit_items=str(v["kit_items"] or ""),
        mileage=v["mileage"],
        per_diem=v["per_diem"],
        per_diem_days=v["per_diem_days"],
        credit=str(v["credit"] or ""),
        notes=str(v["notes"] or ""),
    )


def _rolled_up_lawful(
    pattern: WorkPattern, start: date, terms: ContractTerms, at: Any, d: Diagnostics
) -> bool:
    """Rolled-up holiday pay: irregular-hours or part-year workers, leave years from the date."""
    ref = load_reference()
    ok = True
    if pattern not in ref.rolled_up_patterns:
        d.error(
            "rolled-up-not-allowed",
            f"rolled-up holiday pay is lawful only for irregular-hours or part-year workers; "
            f"this worker's pattern is {pattern.value} (set work_pattern, or use accrued)",
            at("holiday"),
        )
        ok = False
    year_start = terms.leave_year_for(start)
    if year_start < terms.rolled_up_from:
        d.error(
            "rolled-up-not-allowed",
            f"rolled-up holiday pay is lawful only for leave years starting on or after "
            f"{terms.rolled_up_from:%d/%m/%Y}; this engagement's leave year starts "
            f"{year_start:%d/%m/%Y}",
            at("holiday"),
        )
        ok = False
    return ok
