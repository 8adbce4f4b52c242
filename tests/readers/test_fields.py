"""Cell parsers accept the forms co-ordinators type and explain the rest."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from paperwork.errors import Diagnostics
from paperwork.model.records import Money
from paperwork.model.source import Pos
from paperwork.readers.fields import parse_date, parse_email, parse_money, parse_time

POS = Pos("crew.csv", 7, field="rate")


@pytest.mark.parametrize(
    ("raw", "pence"),
    [
        ("1250", 125000),
        ("£1,250.00", 125000),
        ("1,250", 125000),
        (" £ 99.5", 9950),
        (1250, 125000),
        (12.5, 1250),
        ("0", 0),
    ],
)
def test_money_forms(raw: object, pence: int) -> None:
    """Amounts with or without £, commas and pence parse to exact pence."""
    d = Diagnostics()
    assert parse_money(raw, "fee", POS, d) == Money(pence)
    assert not d.items


@pytest.mark.parametrize("raw", ["TBC", "-50", "£1,25.00", "12.345", "1.250,00", "€100"])
def test_bad_money_says_what_was_expected_and_found(raw: str) -> None:
    """Bad amounts are located errors quoting the cell."""
    d = Diagnostics()
    assert parse_money(raw, "fee", POS, d) is None
    assert d.items[0].pos == POS and repr(raw) in d.items[0].message
    assert d.items[0].code in {"bad-money", "wrong-currency"}


def test_tbc_message_is_the_documented_one() -> None:
    """The message a co-ordinator sees for 'TBC' in a fee column."""
    d = Diagnostics()
    parse_money("TBC", "fee", POS, d)
    assert str(d.items[0]) == (
        "crew.csv:7:rate: error: fee must be an amount like 1250 or £1,250.00 (got 'TBC') [bad-money]"
    )


@given(st.integers(min_value=0, max_value=10**9))
def test_money_round_trips_its_own_display(pence: int) -> None:
    """Any amount written as £x,xxx.yy parses back to the same pence."""
    from paperwork.format import money

    d = Diagnostics()
    assert parse_money(money(Money(pence)), "fee", POS, d) == Money(pence)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2026-12-03", date(2026, 12, 3)),
        ("03/12/2026", date(2026, 12, 3)),
        ("3/12/26", date(2026, 12, 3)),
        ("3 Dec 2026", date(2026, 12, 3)),
        ("Thursday 3rd December 2026", date(2026, 12, 3)),
        (date(2026, 12, 3), date(2026, 12, 3)),
    ],
)
def test_dates_are_read_the_uk_way(raw: object, expected: date) -> None:
    """ISO, dd/mm/yyyy (never mm/dd) and written dates are accepted."""
    d = Diagnostics()
    assert parse_date(raw, "date", POS, d) == expected and not d.items


@pytest.mark.parametrize("raw", ["31/02/2026", "next Tuesday", "2026-13-01", "12/31/2026"])
def test_bad_dates_are_errors(raw: str) -> None:
    """Impossible or unreadable dates are bad-date errors."""
    d = Diagnostics()
    assert parse_date(raw, "date", POS, d) is None and d.codes() == ["bad-date"]


def test_time_and_email() -> None:
    """24-hour times and email addresses; '7am' and 'jo at x' are errors."""
    d = Diagnostics()
    assert str(parse_time("0730", "call", POS, d)) == "07:30:00"
    assert parse_time("7am", "call", POS, d) is None
    assert parse_email("jo@example.com", "email", POS, d) == "jo@example.com"
    assert parse_email("jo at example", "email", POS, d) is None
    assert d.codes() == ["bad-time", "bad-email"]


@pytest.mark.parametrize("raw", ["9" * 30, "100000000", 1e300, 10**30, "£100,000,000.00"])
def test_amounts_must_be_under_a_hundred_million(raw: object) -> None:
    """30-digit amounts and an XLSX float 1e300 are out-of-range, not a Money."""
    d = Diagnostics()
    assert parse_money(raw, "fee", POS, d) is None
    assert [(x.code, x.pos) for x in d] == [("out-of-range", POS)]


def test_the_largest_plausible_amount_is_accepted() -> None:
    d = Diagnostics()
    assert parse_money("99,999,999.99", "fee", POS, d) == Money(9_999_999_999)
    assert not d.items


@pytest.mark.parametrize("raw", [float("nan"), float("inf"), "NaN", "1e308"])
def test_non_finite_or_scientific_amounts_are_bad_money(raw: object) -> None:
    d = Diagnostics()
    assert parse_money(raw, "fee", POS, d) is None
    assert d.codes() == ["bad-money"]


@pytest.mark.parametrize("raw", ["0001-01-01", "9999-12-31", "1899-12-31", date(2101, 1, 1)])
def test_years_outside_1900_to_2100_are_out_of_range(raw: object) -> None:
    d = Diagnostics()
    assert parse_date(raw, "start", POS, d) is None
    assert [(x.code, x.pos) for x in d] == [("out-of-range", POS)]


@pytest.mark.parametrize("raw", ["NaN", "Infinity", "-inf", "1e999999", "12" * 10])
def test_decimals_must_be_finite_and_plausible(raw: str) -> None:
    from paperwork.readers.fields import parse_decimal

    d = Diagnostics()
    assert parse_decimal(raw, "weight", POS, d) is None
    assert d.codes() in (["bad-number"], ["out-of-range"])


@pytest.mark.parametrize("raw", ["9" * 30, 1e300, "1" * 5000])
def test_whole_numbers_must_be_plausible(raw: object) -> None:
    from paperwork.readers.fields import parse_int

    d = Diagnostics()
    assert parse_int(raw, "quantity", POS, d) is None
    assert d.codes() in (["bad-number"], ["out-of-range"])
