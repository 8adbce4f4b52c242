"""The kit table and the travel section: every chamber-rejecting problem, located, in one run."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from paperwork.errors import Diagnostics
from paperwork.model.production import Production
from paperwork.model.records import Money
from paperwork.readers.kit import reference, split_serials, vague_reason
from paperwork.readers.production import read_production

MANIFEST = """\
title: Kit Test
company:
  name: Test Pictures Ltd
  address: [1 High Street, Bristol BS1 1AA]
  company_number: "01234567"
{travel}
tables:
  kit: {kit}
"""

TRAVEL = """\
travel:
  representatives:
    - Jo Bloggs (Production Co-ordinator)
  itinerary:
    - France
"""

HEADER = "case,description,make,model,serial,quantity,unit_weight,unit_value,origin,owner,notes\n"
GOOD = "Case 1,Cinema camera body,ARRI,ALEXA Mini,K1-0001,1,2.6,48000,DE,,\n"


def _read(
    tmp_path: Path, rows: str, travel: str = TRAVEL, header: str = HEADER
) -> tuple[Production | None, Diagnostics]:
    (tmp_path / "production.yaml").write_text(
        MANIFEST.format(travel=travel, kit="kit.csv"), encoding="utf-8"
    )
    (tmp_path / "kit.csv").write_text(header + rows, encoding="utf-8")
    d = Diagnostics()
    return read_production(tmp_path, d), d


def _found(d: Diagnostics) -> list[tuple[str, str]]:
    return [(x.code, str(x.pos)) for x in d]


def test_demo_kit_reads_clean(tmp_path: Path, demo: Path) -> None:
    """The demo's kit list and travel section raise nothing: 51 lines in 10 cases."""
    shutil.copy(demo / "kit.csv", tmp_path / "kit.csv")
    (tmp_path / "production.yaml").write_text(
        MANIFEST.format(travel=TRAVEL, kit="kit.csv"), encoding="utf-8"
    )
    d = Diagnostics()
    p = read_production(tmp_path, d)
    assert p is not None and not d.items
    assert len(p.kit) == 51
    assert len({i.case for i in p.kit}) == 10
    assert not any(i.consumable or i.licence for i in p.kit)


def test_demo_production_has_no_carnet_problems(demo: Path) -> None:
    """The demo folder's kit table and travel section are clean (other tables aside)."""
    d = Diagnostics()
    p = read_production(demo, d)
    assert p is not None and p.travel is not None
    mine = [x for x in d if x.pos is not None and x.pos.file == "kit.csv"]
    assert mine == []
    assert not [x for x in d if x.code.startswith("carnet") or x.code == "no-representatives"]
    assert [s.country for s in p.travel.itinerary] == ["FR", "ES", "FR"]


def test_a_good_line_is_typed_exactly(tmp_path: Path) -> None:
    """Weights in grams, values in pence, origin as ISO alpha-2, serials split."""
    rows = (
        GOOD + "Case 1,Radio microphone transmitter,Lectrosonics,SMWB,"
        '"S/N A1, A2; A3",3,130 g,"£1,650.50",United States,Jess,crew hire\n'
    )
    p, d = _read(tmp_path, rows)
    assert p is not None and not d.items
    camera, radios = p.kit
    assert camera.unit_weight_g == 2600 and camera.unit_value == Money(4800000)
    assert camera.origin == "DE" and camera.serials == ("K1-0001",)
    assert radios.serials == ("A1", "A2", "A3") and radios.unit_weight_g == 130
    assert radios.weight_g == 390 and radios.value == Money(495150)
    assert radios.origin == "US" and radios.owner == "Jess"
    assert str(radios.pos) == "kit.csv:3"


def test_every_problem_is_located_in_one_run(tmp_path: Path) -> None:
    """Serial, vague, make/model, numbers, origin, duplicate: each code at its cell."""
    rows = (
        GOOD  # 2
        + "Case 1,Electronic viewfinder,ARRI,MVF-2,,1,0.8,5200,DE,,\n"  # 3 missing serial
        + "Case 1,Misc accessories,ARRI,Bits,no serial,1,1,100,DE,,\n"  # 4 vague
        + "Case 1,Camera body,,,S-77,1,2,9000,JP,,\n"  # 5 no make/model
        + "Case 2,Light stand,Avenger,A630B,no serial,0,0,0,IT,,\n"  # 6 three not-positive
        + "Case 2,Lens,Zeiss,CP.3 50mm,Z-1,1,1.1,4000,Narnia,,\n"  # 7 unknown country
        + "Case 2,Lens,Zeiss,CP.3 85mm,k1 0001,1,1.1,4000,EU,,\n"  # 8 duplicate + EU
        + "Case 2,Motor,ARRI,cforce mini,M-1; M-2,3,0.33,2950,DE,,\n"  # 9 serial count
    )
    p, d = _read(tmp_path, rows)
    assert _found(d) == [
        ("missing-serial", "kit.csv:3:serial"),
        ("vague-description", "kit.csv:4:description"),
        ("no-make-model", "kit.csv:5:make"),
        ("not-positive", "kit.csv:6:quantity"),
        ("not-positive", "kit.csv:6:unit_weight"),
        ("not-positive", "kit.csv:6:unit_value"),
        ("unknown-country", "kit.csv:7:origin"),
        ("unknown-country", "kit.csv:8:origin"),
        ("duplicate-serial", "kit.csv:8:serial"),
        ("serial-count", "kit.csv:9:serial"),
    ]
    dup = [x for x in d if x.code == "duplicate-serial"][0]
    assert "kit.csv:2:serial" in dup.message
    eu = [x for x in d if x.pos is not None and str(x.pos) == "kit.csv:8:origin"][0]
    assert "country of manufacture" in eu.message
    assert p is not None and [i.pos.line for i in p.kit] == [2, 3, 4, 5, 9]


def test_unparseable_numbers_use_the_shared_codes(tmp_path: Path) -> None:
    """A negative amount, a word for a weight and a fraction of a piece are located."""
    rows = "Case 1,Tripod legs,Sachtler,Flowtech 75,T-1,1.5,heavy,-5,DE,,\n"
    _, d = _read(tmp_path, rows)
    assert _found(d) == [
        ("bad-number", "kit.csv:2:quantity"),
        ("bad-money", "kit.csv:2:unit_value"),
        ("bad-number", "kit.csv:2:unit_weight"),
    ]


def test_required_cells_and_serial_column(tmp_path: Path) -> None:
    """Empty required cells are missing-value; a table without a serial column is refused."""
    header = "case,description,quantity,unit_weight,unit_value,origin\n"
    _, d = _read(tmp_path, "Case 1,Tripod legs,1,,100,\n", header=header)
    assert ("missing-column", "kit.csv") in _found(d)
    assert ("missing-value", "kit.csv:2:unit_weight") in _found(d)
    assert ("missing-value", "kit.csv:2:origin") in _found(d)


@pytest.mark.parametrize(
    ("description", "make", "quantity", "vague"),
    [
        ("Misc", "", 1, True),
        ("Assorted lenses", "Zeiss", 1, True),
        ("Camera accessories", "ARRI", 1, True),
        ("Box of connectors", "Neutrik", 1, True),
        ("Cables", "", 1, True),
        ("XLR cables", "Van Damme", 1, True),
        ("Set of cables", "Van Damme", 1, True),
        ("Lights", "", 1, True),
        ("Set of 12 XLR cables 5 m", "Van Damme", 1, False),
        ("12 x XLR cable 5 m", "Van Damme", 1, False),
        ("XLR cables 5 m", "Van Damme", 12, False),
        ("XLR cable 5 m", "Van Damme", 1, False),
        ("Light stand steel 3.6 m", "", 4, False),
        ("Lights", "ARRI", 1, False),
    ],
)
def test_vague_descriptions(description: str, make: str, quantity: int, vague: bool) -> None:
    """Banned words, bare generic words and uncounted cables are vague; specific text is not."""
    assert bool(vague_reason(reference(), description, make, "", quantity)) is vague


@pytest.mark.parametrize(
    ("description", "consumable"),
    [
        ("Gaffer tape 50 mm", True),
        ("AA batteries", True),
        ("Lighting gels", True),
        ("Spare bulbs for 650 W fresnel", True),
        ("Fake blood", True),
        ("Rechargeable V-mount battery 150 Wh", False),
        ("Battery charger", False),
        ("Tape measure 5 m", False),
        ("Gel frame for 650 W fresnel", False),
    ],
)
def test_consumables_are_flagged_and_left_off(
    tmp_path: Path, description: str, consumable: bool
) -> None:
    """Tape, disposable batteries, gels and bulbs warn and are marked; equipment does not."""
    rows = f"Case 1,{description},Acme,X1,no serial,2,0.5,20,GB,,\n"
    p, d = _read(tmp_path, rows)
    assert p is not None
    (item,) = p.kit
    assert item.consumable is consumable
    assert _found(d) == ([("not-carnet-eligible", "kit.csv:2:description")] if consumable else [])


def test_consumables_skip_the_serial_check(tmp_path: Path) -> None:
    """A consumable without a serial is only the consumable warning (it is not listed)."""
    p, d = _read(tmp_path, "Case 1,Gaffer tape,Advance,AT202,,6,0.3,9,GB,,\n")
    assert _found(d) == [("not-carnet-eligible", "kit.csv:2:description")]
    assert p is not None and p.kit[0].consumable


@pytest.mark.parametrize(
    ("description", "kind"),
    [
        ("Replica pistol (prop)", "firearms"),
        ("Blank-firing revolver", "firearms"),
        ("Camera drone", "drones"),
        ("Acoustic guitar with rosewood fingerboard", "cites"),
        ("Thermal imaging camera", "dual-use"),
        ("Shotgun microphone", ""),
        ("Hot glue gun", ""),
    ],
)
def test_licence_needing_items(tmp_path: Path, description: str, kind: str) -> None:
    """Firearms and replicas, drones, CITES materials and dual-use kit warn; a shotgun mic does not."""
    p, d = _read(tmp_path, f"Case 1,{description},Acme,X1,SN-9,1,1.2,300,GB,,\n")
    assert p is not None and p.kit[0].licence == kind
    codes = _found(d)
    assert codes == ([("licence-needed", "kit.csv:2:description")] if kind else [])


def test_toolkit_worth_more_than_150_needs_a_piece_count(tmp_path: Path) -> None:
    """A £200 toolkit without a count warns; '42 pieces' satisfies it; a cheap one is fine."""
    rows = (
        "Case 1,Toolkit,Stanley,FatMax,no serial,1,6,200,GB,,\n"
        "Case 1,Toolkit 42 pieces,Stanley,FatMax XL,no serial,1,6,200,GB,,\n"
        "Case 1,Tool roll,Stanley,Mini,no serial,1,1,60,GB,,\n"
    )
    _, d = _read(tmp_path, rows)
    assert _found(d) == [("toolkit-pieces", "kit.csv:2:description")]


def test_xlsx_positions_name_sheet_and_cell(tmp_path: Path) -> None:
    """In a workbook a problem is located as kit.xlsx:Kit!E3."""
    from openpyxl import Workbook

    book = Workbook()
    ws = book.active
    ws.title = "Kit"
    ws.append(HEADER.strip().split(","))
    ws.append(GOOD.strip().split(","))
    ws.append(["Case 1", "Electronic viewfinder", "ARRI", "MVF-2", None, 1, 0.8, 5200, "Germany"])
    ws.append(["Case 1", "Lens", "Zeiss", "CP.3", "Z-9", 1, 1.1, 4000, "Atlantis"])
    book.save(tmp_path / "kit.xlsx")
    (tmp_path / "production.yaml").write_text(
        MANIFEST.format(travel=TRAVEL, kit="kit.xlsx"), encoding="utf-8"
    )
    d = Diagnostics()
    p = read_production(tmp_path, d)
    assert _found(d) == [
        ("missing-serial", "kit.xlsx:Kit!E3"),
        ("unknown-country", "kit.xlsx:Kit!I4"),
    ]
    assert p is not None and p.kit[1].origin == "DE"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Japan", "JP"),
        ("jp", "JP"),
        ("JPN", "JP"),
        ("UK", "GB"),
        ("Great Britain", "GB"),
        ("U.S.A.", "US"),
        ("Czech Republic", "CZ"),
        ("Türkiye", "TR"),
        ("Turkey", "TR"),
        ("South Korea", "KR"),
        ("Taiwan", "TW"),
        ("Norway", "NO"),
        ("no", "NO"),
        ("Côte d'Ivoire", "CI"),
    ],
)
def test_country_names_and_codes(text: str, code: str) -> None:
    """ISO alpha-2, alpha-3, English names and common aliases resolve to alpha-2."""
    assert reference().country(text) == code


def test_reference_data_is_complete_enough() -> None:
    """Every ISO country, the EU 27, and every EU/EEA/UK/US country accepts carnets."""
    ref = reference()
    assert len(ref.countries) == 249
    assert len(ref.eu) == 27 and "GB" not in ref.eu
    assert ref.territory("FR") == "EU" and ref.territory("MC") == "EU"
    assert ref.territory("CH") == "CH" and ref.territory("GB") == "GB"
    assert ref.eu | {"GB", "US", "IS", "LI", "NO", "CH"} <= ref.carnet_countries
    assert ref.carnet_countries <= set(ref.countries)


@given(st.text(max_size=40))
@settings(deadline=None, max_examples=150)
def test_serial_cell_never_raises(text: str) -> None:
    """Any serial cell splits into non-empty serials or an explicit 'no serial'."""
    serials, none = split_serials(text, reference())
    assert all(s for s in serials) and not (none and serials)


# --- travel: --------------------------------------------------------------------------------


def test_travel_section_reads_holder_people_use_and_route(tmp_path: Path) -> None:
    """Holder defaults to the company; strings and maps; transit marks; EU territory."""
    travel = """\
travel:
  eori: GB123456789000
  representatives:
    - Jo Bloggs (Production Co-ordinator)
    - name: Sam Smith
      role: Camera operator
  intended_use: samples
  departure: 2027-03-01
  return: 03/04/2027
  itinerary:
    - Belgium (transit)
    - country: France
      arrive: 2027-03-01
      leave: 2027-03-10
    - Switzerland
"""
    p, d = _read(tmp_path, GOOD, travel)
    assert p is not None and p.travel is not None and not d.items
    t = p.travel
    assert t.holder.name == "Test Pictures Ltd" and t.holder.company_number == "01234567"
    assert [(r.name, r.role) for r in t.representatives] == [
        ("Jo Bloggs", "Production Co-ordinator"),
        ("Sam Smith", "Camera operator"),
    ]
    assert t.intended_use == "Commercial samples" and t.home == "GB"
    assert [(s.country, s.territory, s.transit) for s in t.itinerary] == [
        ("BE", "EU", True),
        ("FR", "EU", False),
        ("CH", "CH", False),
    ]
    assert t.itinerary[1].arrive is not None and t.itinerary[1].arrive.day == 1
    assert str(t.itinerary[1].pos) == "production.yaml:17"
    assert t.return_date is not None and t.return_date.month == 4


def test_travel_problems_are_located(tmp_path: Path) -> None:
    """Bad use, unknown and suspended countries, date order and the 12-month limit."""
    travel = """\
travel:
  intended_use: holiday
  departure: 2027-03-01
  return: 2028-06-01
  itinerary:
    - Narnia
    - Russia
    - Argentina
    - country: Spain
      arrive: 2027-03-10
      leave: 2027-03-05
"""
    _, d = _read(tmp_path, GOOD, travel)
    assert _found(d) == [
        ("no-representatives", "production.yaml:6"),
        ("bad-intended-use", "production.yaml:7"),
        ("carnet-validity", "production.yaml:9"),
        ("unknown-country", "production.yaml:11"),
        ("carnet-not-accepted", "production.yaml:12"),
        ("carnet-not-accepted", "production.yaml:13"),
        ("bad-date-order", "production.yaml:14"),
    ]
    severities = {x.pos.line: x.severity for x in d if x.code == "carnet-not-accepted"}  # type: ignore[union-attr]
    assert severities == {12: "error", 13: "warning"}


def test_travel_without_itinerary_or_holder(tmp_path: Path) -> None:
    """An itinerary is required; a holder name is required when the company has none."""
    (tmp_path / "production.yaml").write_text(
        "title: T\ncompany:\n  address: x\ntravel:\n  return: 2027-01-02\n  departure: 2027-01-05\n",
        encoding="utf-8",
    )
    d = Diagnostics()
    read_production(tmp_path, d)
    assert ("bad-date-order", "production.yaml:5") in _found(d)
    travel_missing = [x for x in d if x.code == "manifest-missing" and "travel" in x.message]
    assert len(travel_missing) == 2


_CELL = st.one_of(
    st.none(),
    st.text(max_size=12),
    st.sampled_from(["0", "-1", "2.5", "no serial", "NSN", "UK", "EU", "£1,250.00", "350 g"]),
    st.integers(min_value=-5, max_value=10**6),
    st.floats(allow_nan=True, allow_infinity=True),
)


@given(st.lists(st.lists(_CELL, min_size=11, max_size=11), min_size=1, max_size=6))
@settings(deadline=None, max_examples=120)
def test_kit_reader_never_raises(rows: list[list[object]]) -> None:
    """Any cells: the reader returns lines and located diagnostics, never an exception."""
    from paperwork.model.source import Pos
    from paperwork.readers.context import ReaderContext
    from paperwork.readers.kit import read_kit
    from paperwork.readers.tables import Row, Table

    header = tuple(HEADER.strip().split(","))
    table_rows = tuple(
        Row(
            n,
            dict(zip(header, cells, strict=True)),  # type: ignore[arg-type]
            {h: Pos("kit.csv", n, field=h) for h in header},
            Pos("kit.csv", n),
        )
        for n, cells in enumerate(rows, start=2)
    )
    table = Table(
        "kit", "kit.csv", header, {h: Pos("kit.csv", 1) for h in header}, table_rows, Pos("kit.csv")
    )
    d = Diagnostics()
    kit = read_kit(table, d, ReaderContext(Path(".")))
    assert all(x.pos is not None and x.pos.file == "kit.csv" for x in d)
    for line in kit:
        assert line.quantity > 0 and line.unit_weight_g > 0 and line.unit_value.minor > 0
        assert len(line.origin) == 2 and (
            line.serials or line.no_serial or line.consumable or d.has_errors
        )
