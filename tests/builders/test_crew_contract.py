"""Crew contracts: days counted, sums to the penny, checks located, both formats rendered."""

from __future__ import annotations

import dataclasses
import importlib.util
import io
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from paperwork.builders.base import BuildOptions, BuiltDocument
from paperwork.builders.crew_contract import (
    ContractContext,
    check_calls,
    cost,
    working_days,
)
from paperwork.builders.crew_contract import build as build_contracts
from paperwork.errors import Diagnostics
from paperwork.model.production import (
    ContractTerms,
    CrewMember,
    Deal,
    HolidayTreatment,
    KitBasis,
    Money,
    Production,
    RateBasis,
    RateRule,
    TaxStatus,
    WorkingDay,
    WorkPattern,
)
from paperwork.model.source import Pos
from paperwork.readers.crew import default_terms, match_agreement
from paperwork.readers.production import read_production

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
    return cost(CrewMember("Jo Bloggs", "Gaffer", Pos("crew.csv", 2), deal=deal), terms)


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
    """10 days × £350 = £3,500; 28 days × 12/366 = 0.92 days × £350 = £322.00."""
    c = _cost()
    assert c.fees == 350000 and c.day_pay == 35000 and c.hourly_base == 3500
    assert c.leave_days == Decimal("0.92")  # leave year 1 Mar 2027 - 29 Feb 2028: 366 days
    assert c.holiday_pay == 32200
    assert c.overtime_hourly == 5250  # 1.5 × £35.00, no agreement caps
    assert c.total == 382200


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
    """£18.50 × 9.5 h = £175.75 a day; × 10 days = £1,757.50; 0.92 days' leave = £161.69."""
    c = _cost(
        rate=Money(1850),
        basis=RateBasis.HOURLY,
        standard_day=WorkingDay(Decimal("9.5"), Decimal("0.5")),
    )
    assert (c.day_pay, c.fees, c.hourly_base, c.overtime_hourly) == (17575, 175750, 1850, 2775)
    assert c.holiday_pay == 16169  # 0.92 × £175.75 = £161.69


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


def test_regular_accrual_uses_the_terms_leave_year() -> None:
    """7 Dec 2026 - 19 Mar 2027 (103 days), leave year from 1 Apr 2026: 28 × 103/365 = 7.90."""
    terms = dataclasses.replace(TERMS, leave_year_start=date(2026, 4, 1))
    c = _cost(
        terms,
        start=date(2026, 12, 7),
        end=date(2027, 3, 19),
        rate=Money(175000),
        basis=RateBasis.WEEKLY,
    )
    assert (c.days.count, c.fees, c.leave_days, c.holiday_pay) == (
        72,
        2520000,
        Decimal("7.90"),
        276500,
    )


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
    docs = build_contracts(p, today=today, diagnostics=d, options=options or BuildOptions())
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
    assert docs[-1].formats == ("xlsx", "csv") and [s.name for s in docs[-1].sheets] == [
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


def test_summary_grand_total_is_the_sum_of_the_rows(tmp_path: Path) -> None:
    """Every money column's total row equals the sum of the people above it, exactly."""
    docs, _ = _build(_production(tmp_path))
    sheet = docs[-1].sheets[0]
    *people, total = sheet.rows
    assert total[0] == "Total (3 crew)"
    for col in range(9, 15):
        assert total[col] == sum(Decimal(str(row[col])) for row in people)
    # £10,185.00 + £2,185.37 + (10 × £330 + 0.92 days × £330 = £3,603.60)
    assert total[13] == Decimal("15973.97")
    kit = people[1]
    assert kit[15] == (
        "Fees: 10 days × £150.00 = £1,500.00; 6th days: 2 days × £225.00 (1.5 × £150.00) = "
        "£450.00; Holiday pay (rolled-up): 12.07% × £1,950.00 = £235.37"
    )


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


# --- Rendering ------------------------------------------------------------------------------


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
    ]
    csv = (
        (tmp_path / "out" / "crew-summary_the-test-road_2027-02-01.csv")
        .read_bytes()
        .decode("utf-8-sig")
    )
    assert csv.splitlines()[-1].startswith("Total (3 crew),")
    assert ",2185.37," in csv and ",15973.97," in csv
    from openpyxl import load_workbook

    book = load_workbook(
        io.BytesIO((tmp_path / "out" / "crew-summary_the-test-road_2027-02-01.xlsx").read_bytes())
    )
    assert book.sheetnames == ["Crew costs", "Working", "Method"]
    assert book["Crew costs"]["N5"].value == pytest.approx(15973.97)


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


def test_committed_docx_template_is_what_the_tool_makes() -> None:
    """tools/make_contract_templates.py reproduces templates/crew_contract.docx byte for byte."""
    spec = importlib.util.spec_from_file_location(
        "make_contract_templates", REPO / "tools" / "make_contract_templates.py"
    )
    assert spec is not None and spec.loader is not None
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    assert tool.render() == (REPO / "templates" / "crew_contract.docx").read_bytes()


def test_demo_batch_builds_clean(demo: Path) -> None:
    """The Salt Road's 20 freelancers: 20 contracts and a summary, no diagnostics."""
    d = Diagnostics()
    p = read_production(demo, d)
    assert p is not None
    docs = build_contracts(p, today=date(2026, 11, 29), diagnostics=d, options=BuildOptions())
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
