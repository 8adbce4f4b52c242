"""The deliverables table and the delivery section: due rules, anchors and row checks, located."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from paperwork.errors import Diagnostics
from paperwork.model.delivery import DeliverableStatus, DueRule
from paperwork.model.production import Production
from paperwork.readers.deliverables import parse_rule
from paperwork.readers.production import read_production

MANIFEST = """\
title: Delivery Test
company:
  name: Test Pictures Ltd
  address: [1 High Street, Bristol BS1 1AA]
{delivery}
tables:
  deliverables: deliverables.csv
"""

DELIVERY = """\
delivery:
  tx: 2027-07-02
  delivery: 2027-06-04
"""

HEADER = "id,item,category,spec,recipient,due,responsible,status,delivered,notes\n"


def _read(
    tmp_path: Path, rows: str, delivery: str = DELIVERY
) -> tuple[Production | None, Diagnostics]:
    (tmp_path / "production.yaml").write_text(MANIFEST.format(delivery=delivery), "utf-8")
    (tmp_path / "deliverables.csv").write_text(HEADER + rows, encoding="utf-8")
    d = Diagnostics()
    return read_production(tmp_path, d), d


def _found(d: Diagnostics) -> list[tuple[str, str]]:
    return [(x.code, str(x.pos)) for x in d]


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("TX-14", DueRule("tx", -14, False, "TX-14")),
        ("TX+14", DueRule("tx", 14, False, "TX+14")),
        ("tx - 2 weeks", DueRule("tx", -14, False, "tx - 2 weeks")),
        ("delivery+10 working days", DueRule("delivery", 10, True, "delivery+10 working days")),
        ("First delivery + 3 wd", DueRule("delivery", 3, True, "First delivery + 3 wd")),
        ("Delivery", DueRule("delivery", 0, False, "Delivery")),
    ],
)
def test_parse_rule_reads_the_trade_forms(text: str, rule: DueRule) -> None:
    """TX and delivery anchors, with days, weeks or working days either side."""
    assert parse_rule(text) == rule


@pytest.mark.parametrize("text", ["next Friday", "TX*2", "picture lock+10", "TX-14 fortnights"])
def test_parse_rule_refuses_what_it_cannot_count(text: str) -> None:
    """Anything but TX/delivery plus or minus a count is not a rule."""
    assert parse_rule(text) is None


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=40))
def test_parse_rule_never_raises(text: str) -> None:
    """Any text gives a rule or None."""
    result = parse_rule(text)
    assert result is None or result.anchor in ("tx", "delivery")


def test_demo_deliverables_read_clean(demo: Path) -> None:
    """The demo's deliverables and delivery section read with no diagnostics at all."""
    d = Diagnostics()
    production = read_production(demo, d)
    assert production is not None
    assert [x for x in d if x.pos.file == "deliverables.csv"] == []
    assert 12 <= len(production.deliverables) <= 25
    settings_ = production.delivery
    assert settings_ is not None
    assert (settings_.tx, settings_.delivery) == (date(2027, 7, 2), date(2027, 6, 4))
    assert date(2027, 5, 31) in {day for day, _ in settings_.bank_holidays}
    assert settings_.bank_holiday_region == "England and Wales"


def test_rows_read_with_dates_rules_and_statuses(tmp_path: Path) -> None:
    """A fixed date, a rule and a status alias are read; cells keep their positions."""
    production, d = _read(
        tmp_path,
        "D1,Programme master,picture,AS-11,Tech,03/06/2027,Nia,WIP,,\n"
        "D2,PasC,paperwork,Form,Rights,TX+14,Tom,sent,2027-07-10,\n",
    )
    assert production is not None and not d.has_errors, _found(d)
    one, two = production.deliverables
    assert one.due == date(2027, 6, 3) and one.rule is None
    assert one.status is DeliverableStatus.IN_PROGRESS
    assert two.rule == DueRule("tx", 14, False, "TX+14") and two.due is None
    assert two.status is DeliverableStatus.DELIVERED and two.delivered == date(2027, 7, 10)
    assert str(two.at("delivered")) == "deliverables.csv:3:delivered"


def test_bad_rule_duplicate_and_missing_delivered_date_are_located(tmp_path: Path) -> None:
    """Every row problem of the table is reported in one run, at its cell."""
    _, d = _read(
        tmp_path,
        "D1,Master,picture,,,when it's ready,,,,\n"
        "D2,Stills,publicity,,,TX-28,,delivered,,\n"
        "D2,Stills again,publicity,,,TX-28,,,,\n",
    )
    assert _found(d) == [
        ("bad-due-rule", "deliverables.csv:2:due"),
        ("delivered-no-date", "deliverables.csv:3:status"),
        ("duplicate-id", "deliverables.csv:4:id"),
    ]


def test_rule_without_its_anchor_date_is_an_error(tmp_path: Path) -> None:
    """A TX rule with no tx: date (and any rule with no delivery: section) is an error."""
    _, d = _read(
        tmp_path,
        "D1,SDH,access,,,TX-14,,,,\nD2,Master,picture,,,delivery,,,,\n",
        delivery="delivery:\n  delivery: 2027-06-04\n",
    )
    assert _found(d) == [("no-tx-date", "deliverables.csv:2:due")]
    _, d = _read(tmp_path, "D1,SDH,access,,,TX-14,,,,\nD2,Master,picture,,,delivery,,,,\n", "")
    assert _found(d) == [
        ("no-tx-date", "deliverables.csv:2:due"),
        ("no-delivery-date", "deliverables.csv:3:due"),
    ]


def test_bank_holidays_can_be_listed_or_switched_off(tmp_path: Path) -> None:
    """``bank_holidays`` takes a region, ``none`` or a list of dates; a bad region is located."""
    production, d = _read(
        tmp_path, "D1,Master,picture,,,delivery,,,,\n", DELIVERY + "  bank_holidays: none\n"
    )
    assert production is not None and production.delivery is not None and not list(d)
    assert production.delivery.bank_holidays == ()
    production, d = _read(
        tmp_path,
        "D1,Master,picture,,,delivery,,,,\n",
        DELIVERY + "  bank_holidays: [2027-06-07]\n",
    )
    assert production is not None and production.delivery is not None
    assert production.delivery.bank_holidays == ((date(2027, 6, 7), "Bank holiday"),)
    _, d = _read(
        tmp_path, "D1,Master,picture,,,delivery,,,,\n", DELIVERY + "  bank_holidays: narnia\n"
    )
    assert _found(d) == [("unknown-bank-holidays", "production.yaml:8")]
