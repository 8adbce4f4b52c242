"""The crew table, for crew contracts, deal memos and the call sheet's crew list.

One row per freelancer (columns in :data:`CREW`); the manifest's ``terms:`` section
(:mod:`paperwork.readers.terms`) holds the production's standard terms, which fill any cell
a row leaves empty, and the reference data its agreements' figures, so the builder only ever
sees typed, complete values.

Every check that needs only the table, the terms and the reference data is made here, so
``paperwork check`` reports it; checks that need today's date or the sums are the builder's.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from decimal import Decimal

from paperwork.errors import Diagnostics
from paperwork.model.crew import (
    CREW_LIST_DATA_PROTECTION,
    Agreement,
    ContactSharing,
    ContractTerms,
    CrewListSettings,
    CrewMember,
    Deal,
    HolidayTreatment,
    KitBasis,
    RateRule,
    TaxStatus,
    WorkingDay,
    WorkPattern,
)
from paperwork.model.names import person_key
from paperwork.model.records import Money
from paperwork.model.source import Pos
from paperwork.readers.cells import At, FirstSeen, located_rows
from paperwork.readers.context import ReaderContext
from paperwork.readers.fields import (
    Column,
    Parsed,
    Schema,
    parse_choice,
)
from paperwork.readers.manifest import Manifest
from paperwork.readers.tables import Row, Table, cell_value
from paperwork.readers.terms import (
    BASIS_WORDS,
    KIT_WORDS,
    PATTERN_WORDS,
    TAX_WORDS,
    check_day_type,
    choose,
    default_terms,
    load_reference,
    match_agreement,
    read_days_per_week,
    read_holiday,
    read_rate_rule,
    read_standard_day,
)

# A ``share_contact`` cell (crew and cast tables, and ``crew_list: share_contact``): may the
# person's own mobile and email go on the crew list? Compared ignoring case and punctuation.
SHARE_WORDS: dict[str, object] = {
    "yes": ContactSharing.YES,
    "y": ContactSharing.YES,
    "share": ContactSharing.YES,
    "office-only": ContactSharing.OFFICE_ONLY,
    "office": ContactSharing.OFFICE_ONLY,
    "via office": ContactSharing.OFFICE_ONLY,
    "via production office": ContactSharing.OFFICE_ONLY,
    "no": ContactSharing.NO,
    "n": ContactSharing.NO,
    "do not share": ContactSharing.NO,
    "private": ContactSharing.NO,
}
SHARE_COLUMN = Column(
    "share_contact",
    "choice",
    aliases=("share_contacts", "share", "contact_sharing", "share_details", "gdpr"),
    choices=SHARE_WORDS,
)

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
        Column("days_per_week", aliases=("days_a_week", "dpw", "working_week")),
        Column("rate", "money", aliases=("pay_rate", "amount")),
        Column("rate_basis", aliases=("basis", "rate_type", "per")),
        Column("standard_day", aliases=("day_length", "working_day", "hours")),
        Column("overtime", aliases=("ot", "overtime_rate", "overtime_rule")),
        Column("sixth_day", aliases=("6th_day", "sixth_day_rate", "6th_day_rate"), label="6th day"),
        Column(
            "seventh_day", aliases=("7th_day", "seventh_day_rate", "7th_day_rate"), label="7th day"
        ),
        Column("holiday", aliases=("holiday_pay", "holiday_treatment")),
        Column(
            "work_pattern",
            aliases=("hours_pattern", "worker_type", "pattern"),
        ),
        Column(
            "kit_rate",
            "money",
            aliases=("kit", "kit_rental", "box_rental", "box"),
        ),
        Column("kit_per", aliases=("kit_basis",)),
        Column("kit_items", aliases=("kit_list", "kit_description", "box_items")),
        Column("mileage", "money", aliases=("mileage_rate",)),
        Column("per_diem", "money", aliases=("per_diems", "pd")),
        Column("per_diem_days", "int", aliases=("pd_days",)),
        Column("tax_status", aliases=("tax", "status", "engagement_type")),
        Column("company", aliases=("company_name", "loan_out_company", "loan_out")),
        Column("company_number", aliases=("company_no", "crn")),
        Column("vat_number", aliases=("vat", "vat_no"), label="VAT number"),
        Column(
            "status_check",
            aliases=("ir35", "cest", "esm4118", "status_reference"),
        ),
        Column("agreement"),
        Column("place_of_work", aliases=("base", "unit_base")),
        Column("credit", aliases=("credit_wording",)),
        Column("notes", aliases=("special_terms",)),
        SHARE_COLUMN,
    ),
)

# The columns a row with engagement terms must fill. A row with all of them empty has no
# deal (a staff member listed for the call sheet, say) and gets no contract.
DEAL_COLUMNS = ("start", "end", "rate", "rate_basis", "tax_status")

_COMPANY_NUMBER = re.compile(r"^(?:\d{8}|[A-Z]{2}\d{6})$")
_VAT_NUMBER = re.compile(r"^(?:GB)?(?:\d{9}|\d{12}|GD\d{3}|HA\d{3})$")


def read_crew(
    table: Table, diagnostics: Diagnostics, context: ReaderContext
) -> tuple[CrewMember, ...]:
    """Crew rows with their deals; every empty deal cell takes the production's terms."""
    currency = context.currency
    terms = context.sections.terms or default_terms(currency)
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
    names = FirstSeen[str]("duplicate-person", d)
    for row, v, cells, at in located_rows(CREW, table, d, currency):
        name = v.as_text("name")
        if not name:
            continue  # reported as missing-value
        twice = f"{name} is in the crew table twice"
        if names.repeated(person_key(name), at("name"), twice, "; one contract each"):
            continue
        deal = _deal(v, row, mapping, at, terms, currency, d) if _has_deal(row, mapping) else None
        out.append(
            CrewMember(
                name=name,
                role=str(v["role"] or ""),
                pos=row.pos,
                department=str(v["department"] or ""),
                email=str(v["email"] or ""),
                phone=str(v["phone"] or ""),
                address=v.as_lines("address"),
                deal=deal,
                cells=cells,
                share_contact=v.as_choice("share_contact", ContactSharing),
            )
        )
    return tuple(out)


_CREW_LIST_KEYS = {"share_contact", "issued_by", "data_protection"}


def read_crew_list_settings(value: object, pos: Pos, m: Manifest) -> CrewListSettings | None:
    """``crew_list:``: the production's default for ``share_contact`` (yes, office-only or
    no), who issues the list, and its data-protection line."""
    hint = "share_contact, issued_by, data_protection"
    value = m.section(value, pos, "crew_list", sorted(_CREW_LIST_KEYS), hint)
    if value is None:
        return None
    share: ContactSharing | None = None
    raw = value.get("share_contact")
    if isinstance(raw, bool):  # YAML reads a bare yes/no as a boolean
        share = ContactSharing.YES if raw else ContactSharing.NO
    elif raw is not None and str(raw).strip():
        found = parse_choice(
            cell_value(raw),
            "crew_list: share_contact",
            m.pos(value, "share_contact"),
            m.d,
            SHARE_WORDS,
        )
        share = found if isinstance(found, ContactSharing) else None
    return CrewListSettings(
        pos=pos,
        share_contact=share,
        issued_by=m.text(value, "issued_by", where="crew_list: "),
        data_protection=m.text(value, "data_protection", where="crew_list: ")
        or CREW_LIST_DATA_PROTECTION,
    )


def _blank(raw: object) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


def _has_deal(row: Row, mapping: Mapping[str, str]) -> bool:
    """Any deal cell filled in (even one that failed to parse) means the row has a deal."""
    return any(c in mapping and not _blank(row.get(mapping[c])) for c in DEAL_COLUMNS)


def _label(column: str) -> str:
    return next(c.display for c in CREW.columns if c.name == column)


def _deal(
    v: Parsed,
    row: Row,
    mapping: Mapping[str, str],
    at: At,
    terms: ContractTerms,
    currency: str,
    d: Diagnostics,
) -> Deal | None:
    """The row's deal, or None when a cell it needs is missing or wrong (all reported)."""
    ok = _dates_and_rate(v, row, mapping, at, d)
    start, end, rate = v.as_date("start"), v.as_date("end"), v.as_money("rate")
    basis = None
    if v["rate_basis"]:
        basis = choose(
            v["rate_basis"],
            BASIS_WORDS,
            "unknown-rate-basis",
            "rate basis",
            "daily, weekly, hourly, fee",
            at("rate_basis"),
            d,
        )
    tax = None
    if v["tax_status"]:
        tax = choose(
            v["tax_status"],
            TAX_WORDS,
            "unknown-tax-status",
            "tax status",
            "PAYE, self-employed, loan-out",
            at("tax_status"),
            d,
        )
    days_per_week, fine = _days_per_week(v, terms, at, d)
    ok = fine and ok
    agreement = _agreement(v, terms, at, d)
    standard_day, fine = _standard_day(v, terms, agreement, at, d)
    ok = fine and ok
    rules, fine = _rate_rules(v, terms, currency, at, d)
    ok = fine and ok
    pattern = WorkPattern.REGULAR
    if v["work_pattern"]:
        pattern = (
            choose(
                v["work_pattern"],
                PATTERN_WORDS,
                "unknown-work-pattern",
                "work pattern",
                "regular, irregular hours, part-year",
                at("work_pattern"),
                d,
            )
            or pattern
        )
    holiday, fine = _holiday(v, terms, tax, at, d)
    ok = fine and ok
    company, company_number, vat_number = _company(v, at, d)
    if tax is not None:
        fine = _tax_checks(v, tax, holiday, pattern, company, company_number, terms, at, d)
        ok = fine and ok
    kit_rate, kit_basis, fine = _kit(v, row, at, d)
    ok = fine and ok
    if start is not None and end is not None:
        _bank_holiday_data(start, end, terms, at, d)

    if not ok or basis is None or tax is None or holiday is None:
        return None
    if start is None or end is None or rate is None:  # not ok: reported above
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
        mileage=v.as_money("mileage"),
        per_diem=v.as_money("per_diem"),
        per_diem_days=v.as_int("per_diem_days"),
        credit=str(v["credit"] or ""),
        notes=str(v["notes"] or ""),
    )


def _dates_and_rate(
    v: Parsed, row: Row, mapping: Mapping[str, str], at: At, d: Diagnostics
) -> bool:
    """Every deal cell filled, the end not before the start, a rate above nothing."""
    ok = True
    for column in DEAL_COLUMNS:
        if v[column] is None:
            ok = False  # an unparseable cell is already reported; an empty one is reported here
            if column in mapping and _blank(row.get(mapping[column])):
                d.error(
                    "missing-value",
                    f"{_label(column)} is required for a contract but the cell is empty",
                    at(column),
                )
    start, end, rate = v.as_date("start"), v.as_date("end"), v.as_money("rate")
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
    return ok and start is not None and end is not None and rate is not None


def _days_per_week(v: Parsed, terms: ContractTerms, at: At, d: Diagnostics) -> tuple[Decimal, bool]:
    if not v["days_per_week"]:
        return terms.days_per_week, True
    found = read_days_per_week(v.as_text("days_per_week"), "days per week", at("days_per_week"), d)
    if found is None:
        return terms.days_per_week, False
    return found, True


def _agreement(v: Parsed, terms: ContractTerms, at: At, d: Diagnostics) -> Agreement:
    if not v["agreement"]:
        return terms.agreement
    found = match_agreement(str(v["agreement"]))
    if found is not None:
        return found
    d.warning(
        "unknown-agreement",
        f"agreement {v['agreement']!r} is not one paperwork knows; its name is printed "
        "as given and no figures are taken from it",
        at("agreement"),
    )
    return Agreement(key=str(v["agreement"]), name=str(v["agreement"]), known=False)


def _standard_day(
    v: Parsed, terms: ContractTerms, agreement: Agreement, at: At, d: Diagnostics
) -> tuple[WorkingDay, bool]:
    ok = True
    standard_day = terms.standard_day
    if v["standard_day"]:
        day = read_standard_day(v.as_text("standard_day"), "standard day", at("standard_day"), d)
        if day is None:
            ok = False
        else:
            standard_day = day
    check_day_type(standard_day, agreement, "standard day", at("standard_day"), d)
    return standard_day, ok


def _rate_rules(
    v: Parsed, terms: ContractTerms, currency: str, at: At, d: Diagnostics
) -> tuple[dict[str, RateRule], bool]:
    """Overtime, 6th and 7th day: the row's, else the terms'."""
    ok = True
    rules: dict[str, RateRule] = {}
    for column, default in (
        ("overtime", terms.overtime),
        ("sixth_day", terms.sixth_day),
        ("seventh_day", terms.seventh_day),
    ):
        rules[column] = default
        if v[column]:
            found_rule = read_rate_rule(v.as_text(column), currency, _label(column), at(column), d)
            if found_rule is None:
                ok = False
            else:
                rules[column] = found_rule
    return rules, ok


def _holiday(
    v: Parsed,
    terms: ContractTerms,
    tax: TaxStatus | None,
    at: At,
    d: Diagnostics,
) -> tuple[HolidayTreatment | None, bool]:
    """The row's holiday treatment; an empty cell takes none (self-employed, loan-out) or
    the terms'."""
    ok = True
    holiday: HolidayTreatment | None = None
    if v["holiday"]:
        holiday = read_holiday(v.as_text("holiday"), "holiday", at("holiday"), d)
        ok = holiday is not None
    if holiday is None and not v["holiday"]:
        # An empty cell: no statutory holiday for the self-employed or a loan-out company;
        # the production's standard treatment for everyone else.
        self_employed = tax in (TaxStatus.SELF_EMPLOYED, TaxStatus.LOAN_OUT)
        holiday = HolidayTreatment.NONE if self_employed else terms.holiday
    return holiday, ok


def _company(v: Parsed, at: At, d: Diagnostics) -> tuple[str, str, str]:
    """(loan-out company, its Companies House number, VAT number), the numbers checked."""
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
    return company, company_number, vat_number


def _tax_checks(
    v: Parsed,
    tax: TaxStatus,
    holiday: HolidayTreatment | None,
    pattern: WorkPattern,
    company: str,
    company_number: str,
    terms: ContractTerms,
    at: At,
    d: Diagnostics,
) -> bool:
    """What the tax status requires: holiday pay for PAYE; a company and a recorded status
    check for self-employed and loan-out."""
    ok = True
    start = v.as_date("start")
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
                ok = _rolled_up_lawful(pattern, start, terms, at, d)
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
    return ok


def _kit(v: Parsed, row: Row, at: At, d: Diagnostics) -> tuple[Money | None, KitBasis, bool]:
    """(kit rate, per day/week/engagement, fine): a kit rate needs its basis and its items."""
    kit_rate = v.as_money("kit_rate")
    if kit_rate is not None and kit_rate.minor <= 0:
        kit_rate = None
    kit_basis = KitBasis.DAY
    ok = True
    if kit_rate is None:
        return None, kit_basis, ok
    if not v["kit_per"]:
        d.error(
            "missing-value",
            "kit per is required with a kit rate: day, week or engagement",
            at("kit_per") if at("kit_per") != row.pos else at("kit_rate"),
        )
        ok = False
    else:
        found_kit = choose(
            v["kit_per"],
            KIT_WORDS,
            "unknown-kit-basis",
            "kit per",
            "day, week, engagement",
            at("kit_per"),
            d,
        )
        ok = found_kit is not None
        kit_basis = found_kit or kit_basis
    if not v["kit_items"]:
        d.warning(
            "kit-not-itemised",
            "kit rental has no itemised list in kit_items (the list goes into the contract "
            "and can feed the carnet)",
            at("kit_items") if at("kit_items") != row.pos else at("kit_rate"),
        )
    return kit_rate, kit_basis, ok


def _bank_holiday_data(
    start: date, end: date, terms: ContractTerms, at: At, d: Diagnostics
) -> None:
    """A warning when the engagement runs into years the bank holiday data does not cover."""
    years = set(range(start.year, end.year + 1))
    missing = sorted(years - set(terms.bank_holiday_years))
    if missing and not terms.bank_holidays_worked:
        d.warning(
            "no-bank-holiday-data",
            f"paperwork has no bank holidays for {', '.join(map(str, missing))}; none are "
            "taken off the working days in those years",
            at("end") if end.year in missing else at("start"),
        )


def _rolled_up_lawful(
    pattern: WorkPattern, start: date, terms: ContractTerms, at: At, d: Diagnostics
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
