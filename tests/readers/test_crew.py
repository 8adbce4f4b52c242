"""The crew table and the terms: section: typed deals, defaults, every check located."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from paperwork.errors import Diagnostics
from paperwork.model.crew import (
    HolidayTreatment,
    KitBasis,
    RateBasis,
    RateRule,
    TaxStatus,
    WorkingDay,
    WorkPattern,
)
from paperwork.model.production import Production
from paperwork.model.records import Money
from paperwork.readers.production import read_production
from paperwork.readers.terms import load_reference, match_agreement

MANIFEST = """\
title: Test Show
company:
  name: Test Pictures Ltd
terms:
  agreement: Pact/Bectu TV Drama Agreement 2023
  holiday: accrued
  cancellation: One week's notice either way.
tables:
  crew: crew.csv
"""

HEADER = (
    "name,role,department,start,end,days_per_week,rate,rate_basis,standard_day,holiday,"
    "work_pattern,kit_rate,kit_per,kit_items,tax_status,company,company_number,vat_number,"
    "status_check\n"
)
GOOD = "Jo Bloggs,Gaffer,Lighting,2027-03-01,2027-03-13,6,330,daily,,,,60,day,Lamps,PAYE,,,,\n"


def _read(tmp_path: Path, rows: str, manifest: str = MANIFEST) -> tuple[Production, Diagnostics]:
    (tmp_path / "production.yaml").write_text(manifest, encoding="utf-8")
    (tmp_path / "crew.csv").write_text(HEADER + rows, encoding="utf-8")
    d = Diagnostics()
    p = read_production(tmp_path, d)
    assert p is not None
    return p, d


def _where(d: Diagnostics) -> list[tuple[str, str]]:
    return sorted((item.code, str(item.pos)) for item in d)


def test_good_row_reads_with_terms_and_agreement_defaults(tmp_path: Path) -> None:
    """Empty cells take the terms, and the terms take the agreement's figures."""
    p, d = _read(tmp_path, GOOD)
    assert not d.items
    (jo,) = p.crew
    deal = jo.deal
    assert deal is not None
    assert (jo.name, jo.role, jo.department) == ("Jo Bloggs", "Gaffer", "Lighting")
    assert (deal.start, deal.end) == (date(2027, 3, 1), date(2027, 3, 13))
    assert deal.rate == Money(33000) and deal.basis is RateBasis.DAILY
    assert deal.days_per_week == Decimal(6)
    assert deal.standard_day == WorkingDay(Decimal(10), Decimal(1))  # the agreement's SWD
    assert deal.overtime == RateRule(multiplier=Decimal("1.5"))  # Pact/Bectu 1.5T
    assert deal.sixth_day == RateRule(multiplier=Decimal("1.5"))
    assert deal.holiday is HolidayTreatment.ACCRUED and deal.work_pattern is WorkPattern.REGULAR
    assert deal.tax_status is TaxStatus.PAYE
    assert deal.kit_rate == Money(6000) and deal.kit_basis is KitBasis.DAY
    assert deal.agreement.key == "pact-bectu-tv-drama-2023"
    assert deal.agreement.overtime_min == Money(3500)
    assert deal.agreement.overtime_max == Money(7000)
    assert str(jo.at("rate")) == "crew.csv:2:rate"
    terms = p.terms
    assert terms is not None and terms.holiday_rate == Decimal("0.1207")
    assert terms.rolled_up_from == date(2024, 4, 1)
    assert (date(2026, 12, 28), "Boxing Day (substitute day)") in terms.bank_holidays


def test_every_problem_is_reported_in_one_run_with_its_cell(tmp_path: Path) -> None:
    """Each bad row gets its own stable code at the cell that is wrong, all in one run."""
    rows = (
        "A One,Spark,,2027-03-10,2027-03-01,5,200,daily,,,,,,,PAYE,,,,\n"  # 2: end < start
        "B Two,Spark,,2027-03-01,2027-03-12,5,0,daily,,,,,,,PAYE,,,,\n"  # 3: rate 0
        "C Three,Spark,,2027-03-01,2027-03-12,5,200,monthly,,,,,,,PAYE,,,,\n"  # 4
        "D Four,Spark,,2027-03-01,2027-03-12,5,200,daily,,,,,,,freelance,,,,\n"  # 5
        "E Five,DoP,,2027-03-01,2027-03-12,5,700,daily,,,,,,,loan-out,,,,SDS on file\n"  # 6
        "F Six,Runner,,2027-03-01,2027-03-12,5,150,daily,,rolled-up,regular,,,,PAYE,,,,\n"  # 7
        "a  one,Spark,,2027-03-01,2027-03-12,5,200,daily,,,,,,,PAYE,,,,\n"  # 8: duplicate
        "G Seven,Spark,,2027-03-01,2027-03-12,4.5,200,daily,12+3,,,,,,PAYE,,,,\n"  # 9
        "H Eight,Spark,,2027-03-01,2027-03-12,5,200,daily,,none,,,,,PAYE,,,,\n"  # 10
        "I Nine,Spark,,2027-03-01,2027-03-12,5,200,daily,,included,,,,,PAYE,,,,\n"  # 11
        "J Ten,Spark,,,2027-03-12,5,200,daily,,,,25,,,PAYE,,,,\n"  # 12
    )
    _, d = _read(tmp_path, rows)
    assert _where(d) == sorted(
        [
            ("end-before-start", "crew.csv:2:end"),
            ("rate-not-positive", "crew.csv:3:rate"),
            ("unknown-rate-basis", "crew.csv:4:rate_basis"),
            ("unknown-tax-status", "crew.csv:5:tax_status"),
            ("loan-out-no-company", "crew.csv:6:company"),
            ("loan-out-no-company-number", "crew.csv:6:company_number"),
            ("rolled-up-not-allowed", "crew.csv:7:holiday"),
            ("duplicate-person", "crew.csv:8:name"),
            ("bad-days-per-week", "crew.csv:9:days_per_week"),
            ("bad-standard-day", "crew.csv:9:standard_day"),
            ("no-holiday-pay", "crew.csv:10:holiday"),
            ("holiday-in-rate", "crew.csv:11:holiday"),
            ("missing-value", "crew.csv:12:start"),
            ("missing-value", "crew.csv:12:kit_per"),
            ("kit-not-itemised", "crew.csv:12:kit_items"),
        ]
    )
    assert all(item.severity == "error" for item in d if item.code != "kit-not-itemised")


def test_duplicate_names_up_to_case_and_spacing_keep_the_first(tmp_path: Path) -> None:
    """The second "jo  BLOGGS" is reported against the first's cell and left out."""
    p, d = _read(tmp_path, GOOD + GOOD.replace("Jo Bloggs", "jo  BLOGGS"))
    assert [m.name for m in p.crew] == ["Jo Bloggs"]
    (dup,) = d.items
    assert dup.code == "duplicate-person" and "crew.csv:2:name" in dup.message


def test_rolled_up_is_lawful_for_irregular_hours_from_april_2024(tmp_path: Path) -> None:
    """Irregular hours, leave year from the 2027 start date: no problem at all."""
    row = "K Ash,Runner,,2027-03-01,2027-03-13,6,150,daily,,rolled-up,irregular hours,,,,PAYE,,,,\n"
    p, d = _read(tmp_path, row)
    assert not d.items
    deal = p.crew[0].deal
    assert deal is not None and deal.holiday is HolidayTreatment.ROLLED_UP
    assert deal.work_pattern is WorkPattern.IRREGULAR


@pytest.mark.parametrize(
    ("leave_year", "start", "lawful"),
    [
        (None, "2024-03-31", False),  # the leave year starts with the engagement, a day early
        (None, "2024-04-01", True),
        ("2024-01-01", "2024-06-03", False),  # leave year began 1 Jan 2024
        ("2024-04-01", "2025-02-03", True),  # leave year began 1 Apr 2024
        ("2023-09-01", "2024-08-05", False),  # leave year began 1 Sep 2023
    ],
)
def test_rolled_up_date_rule_uses_the_leave_year(
    tmp_path: Path, leave_year: str | None, start: str, lawful: bool
) -> None:
    """The 1 April 2024 rule applies to the start of the leave year, not of the work."""
    manifest = MANIFEST
    if leave_year:
        manifest = manifest.replace("  holiday: accrued\n", f"  leave_year_start: {leave_year}\n")
    end = (date.fromisoformat(start) + timedelta(days=11)).isoformat()
    row = f"K Ash,Runner,,{start},{end},5,150,daily,,rolled-up,part-year,,,,PAYE,,,,\n"
    _, d = _read(tmp_path, row, manifest)
    codes = [(i.code, str(i.pos)) for i in d if i.code == "rolled-up-not-allowed"]
    assert codes == ([] if lawful else [("rolled-up-not-allowed", "crew.csv:2:holiday")])


def test_self_employed_and_loan_out_defaults_and_warnings(tmp_path: Path) -> None:
    """No statutory holiday by default; holiday given anyway, bad VAT, no status: warnings."""
    rows = (
        "P One,Designer,,2027-03-01,2027-03-12,5,2000,weekly,,,,,,,self-employed,,,,\n"
        "P Two,Editor,,2027-03-01,2027-03-12,5,1900,weekly,,accrued,,,,,loan-out,"
        "Two Ltd,1234567,GB12,IR35: outside\n"
    )
    p, d = _read(tmp_path, rows)
    assert not d.has_errors
    assert _where(d) == [
        ("bad-vat-number", "crew.csv:3:vat_number"),
        ("holiday-not-applicable", "crew.csv:3:holiday"),
        ("status-not-recorded", "crew.csv:2:status_check"),
    ]
    one, two = p.crew
    assert one.deal is not None and one.deal.holiday is HolidayTreatment.NONE
    assert two.deal is not None and two.deal.company_number == "01234567"  # zero restored


def test_row_without_any_deal_cell_has_no_deal(tmp_path: Path) -> None:
    """A name and role alone (staff on the call sheet) is read, with no deal and no error."""
    p, d = _read(tmp_path, "Priya Nandra,Production Manager,Production,,,,,,,,,,,,,,,,\n")
    assert not d.items
    assert p.crew[0].deal is None and p.crew[0].role == "Production Manager"


def test_xlsx_cells_are_named_by_sheet_and_cell(tmp_path: Path) -> None:
    """A workbook's problems point at Crew!G3 and the like."""
    from openpyxl import Workbook

    book = Workbook()
    ws = book.active
    ws.title = "Crew"
    ws.append(["Name", "Role", "Start", "End", "Rate", "Rate basis", "Tax status"])
    ws.append(["Jo Bloggs", "Gaffer", date(2027, 3, 1), date(2027, 3, 12), 330, "daily", "PAYE"])
    ws.append(["Al Bee", "Spark", date(2027, 3, 9), date(2027, 3, 1), 0, "daily", "employee?"])
    book.save(tmp_path / "crew.xlsx")
    (tmp_path / "production.yaml").write_text(
        MANIFEST.replace("crew: crew.csv", "crew: crew.xlsx"), encoding="utf-8"
    )
    d = Diagnostics()
    p = read_production(tmp_path, d)
    assert p is not None and p.crew[0].deal is not None
    assert _where(d) == [
        ("end-before-start", "crew.xlsx:Crew!D3"),
        ("rate-not-positive", "crew.xlsx:Crew!E3"),
        ("unknown-tax-status", "crew.xlsx:Crew!G3"),
    ]


def test_missing_deal_columns_are_reported_once_each(tmp_path: Path) -> None:
    """A table without a rate basis or tax status column says so once, at the table."""
    (tmp_path / "production.yaml").write_text(MANIFEST, encoding="utf-8")
    (tmp_path / "crew.csv").write_text(
        "name,role,start,end,rate\nJo,Gaffer,2027-03-01,2027-03-05,300\n", encoding="utf-8"
    )
    d = Diagnostics()
    read_production(tmp_path, d)
    assert _where(d) == [("missing-column", "crew.csv"), ("missing-column", "crew.csv")]


def test_terms_section_problems_are_located_at_their_keys(tmp_path: Path) -> None:
    """Bad day, rule, rate, nation and an unknown key: each at its line of production.yaml."""
    manifest = """\
title: T
company: {name: T Ltd}
terms:
  agreement: Our own house terms
  standard_day: ten hours
  overtime: lots
  holiday_rate: 10%
  bank_holidays: atlantis
  colour: blue
tables:
  crew: crew.csv
"""
    p, d = _read(tmp_path, GOOD, manifest)
    assert _where(d) == sorted(
        [
            ("unknown-agreement", "production.yaml:4"),
            ("bad-standard-day", "production.yaml:5"),
            ("bad-rate-rule", "production.yaml:6"),
            ("holiday-rate-below-statutory", "production.yaml:7"),
            ("unknown-bank-holidays", "production.yaml:8"),
            ("unknown-key", "production.yaml:9"),
            ("manifest-missing", "production.yaml:3"),  # sixth_day: no agreement sets it
            ("no-cancellation-terms", "production.yaml:3"),
        ]
    )
    assert p.terms is not None and p.terms.agreement.name == "Our own house terms"


def test_terms_parse_multiples_amounts_and_none(tmp_path: Path) -> None:
    """1.5T, £450 a day and none are the three kinds of rule; yes/no flags are YAML booleans."""
    manifest = """\
title: T
company: {name: T Ltd}
terms:
  agreement: none
  standard_day: 9.5+0.5
  days_per_week: 5.5
  overtime: none
  sixth_day: £450 a day
  seventh_day: 2x
  holiday: rolled-up
  holiday_rate: 12.5%
  bank_holidays_worked: yes
  mileage: £0.50
  cancellation: Notice.
tables:
  crew: crew.csv
"""
    p, d = _read(tmp_path, "", manifest)
    t = p.terms
    assert t is not None
    assert t.standard_day == WorkingDay(Decimal("9.5"), Decimal("0.5"))
    assert t.days_per_week == Decimal("5.5")
    assert t.overtime.none and t.sixth_day == RateRule(amount=Money(45000))
    assert t.seventh_day == RateRule(multiplier=Decimal(2))
    assert t.holiday is HolidayTreatment.ROLLED_UP and t.holiday_rate == Decimal("0.125")
    assert t.bank_holidays_worked and t.mileage == Money(50)
    assert "table-empty" in d.codes()


def test_agreements_match_their_names_and_aliases() -> None:
    """The reference's agreements are found by key, name or alias, ignoring punctuation."""
    assert match_agreement("PACT / BECTU TV Drama 2023").key == "pact-bectu-tv-drama-2023"  # type: ignore[union-attr]
    assert match_agreement("MMPA").key == "pact-bectu-major-motion-picture"  # type: ignore[union-attr]
    assert match_agreement("company terms").key == "none"  # type: ignore[union-attr]
    assert match_agreement("Equity film agreement") is None


def _easter(year: int) -> date:
    """Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _monday(d: date, *, last: bool) -> date:
    if last:
        return d - timedelta(days=d.weekday())
    return d + timedelta(days=(7 - d.weekday()) % 7)


def test_england_and_wales_bank_holidays_follow_the_standing_rules() -> None:
    """The data equals the rules: Easter, first/last Mondays, weekend substitutes."""
    ref = load_reference()
    _, years, dates = ref.bank_holidays["england-and-wales"]
    expected: list[date] = []
    for y in years:
        easter = _easter(y)
        fixed = [date(y, 1, 1), date(y, 12, 25), date(y, 12, 26)]
        days = [
            easter - timedelta(days=2),
            easter + timedelta(days=1),
            _monday(date(y, 5, 1), last=False),
            _monday(date(y, 5, 31), last=True),
            _monday(date(y, 8, 31), last=True),
        ]
        taken = [d for d in fixed if d.weekday() < 5]
        for d in fixed:  # a weekend holiday moves to the next weekday not already a holiday
            if d.weekday() >= 5:
                while d.weekday() >= 5 or d in taken:
                    d += timedelta(days=1)
                taken.append(d)
        expected += [*days, *taken]
    assert [d for d, _ in dates] == sorted(expected)
    assert years == (2026, 2027, 2028) and len(dates) == 24


def test_holiday_rate_is_5_6_weeks_over_46_4_working_weeks() -> None:
    """12.07 % is 5.6 / (52 - 5.6) to four places."""
    ref = load_reference()
    assert ref.holiday_rate == (Decimal("5.6") / Decimal("46.4")).quantize(Decimal("0.0001"))
    assert ref.rolled_up_from == date(2024, 4, 1)
    assert set(ref.rolled_up_patterns) == {WorkPattern.IRREGULAR, WorkPattern.PART_YEAR}


def test_demo_crew_checks_clean(demo: Path) -> None:
    """The Salt Road's crew and terms read with no errors and no crew warnings."""
    d = Diagnostics()
    p = read_production(demo, d)
    assert p is not None and not d.has_errors
    crew_items = [i for i in d if i.pos is not None and i.pos.file.startswith("crew")]
    assert crew_items == []
    assert 15 <= len(p.crew) <= 25 and all(m.deal is not None for m in p.crew)
    statuses = {m.deal.tax_status for m in p.crew if m.deal}
    bases = {m.deal.basis for m in p.crew if m.deal}
    assert statuses == set(TaxStatus) and bases == set(RateBasis)
    assert any(m.deal and m.deal.holiday is HolidayTreatment.ROLLED_UP for m in p.crew)
