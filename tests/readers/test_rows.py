"""Typed rows: each column kind read as its type, the reader context typed, one row prelude."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time
from decimal import Decimal
from pathlib import Path

import pytest

from paperwork.errors import Diagnostics
from paperwork.model.clearances import ClearanceStatus, IntendedUse
from paperwork.model.records import Money
from paperwork.model.source import Pos
from paperwork.readers.cast import read_cast
from paperwork.readers.cells import Claims, FirstSeen, located_rows, unique_ids
from paperwork.readers.clearances import read_clearances
from paperwork.readers.context import ReaderContext, Sections
from paperwork.readers.crew import read_crew
from paperwork.readers.fields import Column, Parsed, Schema, parse_rows
from paperwork.readers.locations import read_locations
from paperwork.readers.tables import Table, read_table
from paperwork.readers.terms import default_terms

SCHEMA = Schema(
    "things",
    (
        Column("id", required=True),
        Column("fee", "money"),
        Column("due", "date"),
        Column("call", "time"),
        Column("count", "int"),
        Column("weight", "decimal"),
        Column("address", "lines"),
        Column("status", "choice", choices={s.value: s for s in ClearanceStatus}),
    ),
)


def _table(tmp_path: Path, name: str, text: str) -> Table:
    path = tmp_path / f"{name}.csv"
    path.write_text(text, encoding="utf-8")
    d = Diagnostics()
    table = read_table(path, name, path.name, d)
    assert table is not None and not d.items, [str(x) for x in d]
    return table


def _codes(d: Diagnostics) -> list[tuple[str, str]]:
    return [(x.code, str(x.pos)) for x in d]


def test_each_column_kind_reads_as_its_type(tmp_path: Path) -> None:
    """A parsed row gives money as Money, dates as date, times as time, and so on."""
    table = _table(
        tmp_path,
        "things",
        "id,fee,due,call,count,weight,address,status\n"
        'A1,"£1,250.50",03/12/2026,0730,4,2.5,1 Quay Street / Bristol,agreed\n',
    )
    d = Diagnostics()
    ((_, v),) = parse_rows(SCHEMA, table, d)
    assert not d.items
    assert isinstance(v, Parsed)
    assert v.as_text("id") == "A1"
    assert v.as_money("fee") == Money(125050)
    assert v.as_date("due") == date(2026, 12, 3)
    assert v.as_time("call") == time(7, 30)
    assert v.as_int("count") == 4
    assert v.as_decimal("weight") == Decimal("2.5")
    assert v.as_lines("address") == ("1 Quay Street", "Bristol")
    assert v.as_choice("status", ClearanceStatus) is ClearanceStatus.AGREED


def test_blank_or_failed_cells_read_as_none_or_empty(tmp_path: Path) -> None:
    """An empty cell is None ("" for text, () for lines); a failed one is None and located."""
    table = _table(
        tmp_path, "things", "id,fee,due,call,count,weight,address,status\nA1,TBC,,,,,,\n"
    )
    d = Diagnostics()
    ((_, v),) = parse_rows(SCHEMA, table, d)
    assert _codes(d) == [("bad-money", "things.csv:2:fee")]
    assert v.as_money("fee") is None and v.as_date("due") is None and v.as_time("call") is None
    assert v.as_int("count") is None and v.as_choice("status", ClearanceStatus) is None
    assert v.as_lines("address") == () and v.as_text("weight") == ""
    assert not v.blank("fee") and v.blank("due") and not v.blank("id")


def test_a_column_the_table_lacks_reads_as_blank(tmp_path: Path) -> None:
    """``blank`` is true for an empty cell and for a column the table does not have."""
    table = _table(tmp_path, "things", "id,fee\nA1,\n")
    ((_, v),) = parse_rows(SCHEMA, table, Diagnostics())
    assert v.blank("fee") and v.blank("due") and not v.blank("id")


def test_asking_a_column_for_another_kind_is_a_bug_that_asserts(tmp_path: Path) -> None:
    """A reader that reads a money column as a date is wrong, and fails loudly."""
    table = _table(tmp_path, "things", "id,fee\nA1,100\n")
    ((_, v),) = parse_rows(SCHEMA, table, Diagnostics())
    with pytest.raises(AssertionError):
        v.as_date("fee")
    with pytest.raises(AssertionError):
        v.as_choice("fee", ClearanceStatus)


CREW = (
    "name,role,start,end,rate,rate_basis,tax_status,days_per_week\n"
    "Jo Bloggs,Runner,2027-03-01,2027-03-12,150,daily,PAYE,\n"
)


def test_table_readers_take_the_manifests_sections_from_the_typed_context(
    tmp_path: Path,
) -> None:
    """The crew table's empty days-per-week cell takes the context's terms; the clearance
    log's empty media takes the context's intended use."""
    terms = replace(default_terms(), days_per_week=Decimal("5.5"))
    context = ReaderContext(
        tmp_path, "GBP", Sections(terms=terms, clearance_terms=IntendedUse(media="All media"))
    )
    d = Diagnostics()
    (hand,) = read_crew(_table(tmp_path, "crew", CREW), d, context)
    assert hand.deal is not None and hand.deal.days_per_week == Decimal("5.5")
    clearances = _table(
        tmp_path,
        "clearances",
        "id,type,description,holder_company,status\nM1,music sync,Song,Label Ltd,agreed\n",
    )
    (item,) = read_clearances(clearances, d, context)
    assert item.use.media == "All media"
    assert not d.errors, [str(x) for x in d]


def test_a_repeated_id_is_reported_at_its_cell_naming_the_first(tmp_path: Path) -> None:
    """Cast and locations share the id prelude: a repeat (any case) is an error at its id
    cell naming the first, and the row is left out."""
    d = Diagnostics()
    cast = _table(tmp_path, "cast", "id,artist,character\n1a,Ann,ANA\n1A,Bob,BOB\n2,Cy,CY\n")
    assert [c.id for c in read_cast(cast, d, ReaderContext(tmp_path))] == ["1a", "2"]
    locations = _table(
        tmp_path,
        "locations",
        "id,name,sets,postcode,what3words\n"
        "L1,Flat,FLAT,BS1 4QA,///a.b.c\nL1,Quay,QUAY,BS1 4QA,///a.b.c\n",
    )
    assert [x.id for x in read_locations(locations, d, ReaderContext(tmp_path))] == ["L1"]
    repeats = [(x.code, str(x.pos), x.message) for x in d if x.code.startswith("duplicate")]
    assert repeats == [
        ("duplicate-cast-id", "cast.csv:3:id", "cast id 1A is used twice (first at cast.csv:2:id)"),
        (
            "duplicate-location",
            "locations.csv:3:id",
            "location id L1 is used twice (first at locations.csv:2:id)",
        ),
    ]


def test_the_prelude_helpers_remember_the_first_and_report_the_rest() -> None:
    """FirstSeen reports a repeat with its own code; Claims gives the earlier claim."""
    d = Diagnostics()
    seen = FirstSeen[str]("duplicate-thing", d)
    first, again = Pos("t.csv", 2, field="id"), Pos("t.csv", 5, field="id")
    assert not seen.repeated("x", first, "thing x is used twice")
    assert seen.repeated("x", again, "thing x is used twice", "; keep one")
    assert _codes(d) == [("duplicate-thing", "t.csv:5:id")]
    assert d.items[0].message == "thing x is used twice (first at t.csv:2:id); keep one"
    claims = Claims()
    assert claims.claim("FLAT", "L1", first) is None
    assert claims.claim("FLAT", "L2", again) == ("L1", first)


def test_unique_ids_skips_blank_ids_and_repeats(tmp_path: Path) -> None:
    """Rows without an id are passed over silently (the required column reports them)."""
    table = _table(tmp_path, "things", "id,fee\nA,1\n,2\na,3\nB,4\n")
    d = Diagnostics()
    rows = located_rows(SCHEMA, table, d)
    assert [(i, r.row.pos.line) for i, r in unique_ids(rows, d, "dup", "id")] == [
        ("A", 2),
        ("B", 5),
    ]
    assert [c for c, _ in _codes(d)] == ["missing-value", "dup"]


def test_every_table_the_demo_names_reaches_the_production() -> None:
    """Each table is handed to the Production by name: none is read and then dropped."""
    from paperwork.readers.production import TABLES, read_production

    demo = Path(__file__).resolve().parents[2] / "fixtures" / "demo"
    d = Diagnostics()
    production = read_production(demo, d)
    assert production is not None and not d.errors
    named = {name for name, _ in production.tables}
    assert named == set(TABLES)  # the demo shows every table paperwork reads
    empty = [name for name, (field, _) in TABLES.items() if not getattr(production, field)]
    assert empty == []
