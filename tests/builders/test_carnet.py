"""The ATA carnet: exact totals, continuation sheets, words, vouchers, CSV and both renderers."""

from __future__ import annotations

import csv
import dataclasses
import io
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from paperwork.builders import REGISTRY
from paperwork.builders.base import BuildJob, BuiltDocument
from paperwork.builders.carnet import (
    CoverContext,
    GeneralListContext,
    PackingContext,
    build,
    upload_sheet,
)
from paperwork.carnet.cases import cases_of, paginate, total, trade_description
from paperwork.carnet.check import check_carnet
from paperwork.carnet.layout import LINES_PER_SHEET, wrap
from paperwork.carnet.vouchers import count_vouchers
from paperwork.carnet.words import amount_in_words, number_in_words
from paperwork.errors import Diagnostics
from paperwork.model.kit import KitItem, Travel, TravelStop
from paperwork.model.production import Production
from paperwork.model.records import Company, Money, Person
from paperwork.model.source import Pos
from paperwork.readers.kit import reference
from paperwork.readers.production import read_production

TODAY = date(2026, 11, 29)


def item(
    line: int,
    description: str = "Cinema camera body",
    *,
    case: str = "Case 1",
    make: str = "ARRI",
    model: str = "ALEXA Mini",
    serials: tuple[str, ...] | None = None,
    quantity: int = 1,
    grams: int = 1000,
    pence: int = 10000,
    origin: str = "DE",
    consumable: bool = False,
    licence: str = "",
) -> KitItem:
    return KitItem(
        case=case,
        description=description,
        make=make,
        model=model,
        serials=(f"SN-{line}",) if serials is None else serials,
        no_serial=serials == (),
        quantity=quantity,
        unit_weight_g=grams,
        unit_value=Money(pence),
        origin=origin,
        pos=Pos("kit.csv", line),
        consumable=consumable,
        licence=licence,
    )


def trip(*stops: str, home: str = "GB") -> Travel:
    """A travel section: ``"FR"`` visits France, ``"FR*"`` crosses it in transit."""
    ref = reference()
    itinerary = tuple(
        TravelStop(
            country=s.rstrip("*"),
            name=ref.countries[s.rstrip("*")],
            territory=ref.territory(s.rstrip("*")),
            transit=s.endswith("*"),
            pos=Pos("production.yaml", 10 + i),
        )
        for i, s in enumerate(stops)
    )
    return Travel(
        pos=Pos("production.yaml", 5),
        holder=Company("Test Pictures Ltd", ("1 High Street", "Bristol BS1 1AA")),
        home=home,
        home_name=ref.countries[home],
        home_territory=ref.territory(home),
        intended_use="Professional equipment",
        representatives=(Person("Jo Bloggs", "Production Co-ordinator"),),
        itinerary=itinerary,
        departure=date(2027, 3, 1),
        return_date=date(2027, 3, 20),
    )


def production(kit: tuple[KitItem, ...], travel: Travel | None = None) -> Production:
    return Production(
        root=Path("."),
        manifest=Pos("production.yaml"),
        title="Test Show",
        company=Company("Test Pictures Ltd", ("1 High Street", "Bristol BS1 1AA")),
        tables=(("kit", Path("kit.csv")),),
        kit=kit,
        travel=travel,
    )


# --- Words ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("n", "words"),
    [
        (0, "zero"),
        (7, "seven"),
        (13, "thirteen"),
        (20, "twenty"),
        (21, "twenty-one"),
        (99, "ninety-nine"),
        (100, "one hundred"),
        (101, "one hundred and one"),
        (115, "one hundred and fifteen"),
        (999, "nine hundred and ninety-nine"),
        (1000, "one thousand"),
        (1001, "one thousand and one"),
        (1100, "one thousand one hundred"),
        (1234, "one thousand two hundred and thirty-four"),
        (20050, "twenty thousand and fifty"),
        (100000, "one hundred thousand"),
        (2000050, "two million and fifty"),
        (1234567, "one million two hundred and thirty-four thousand five hundred and sixty-seven"),
        (-5, "minus five"),
    ],
)
def test_number_in_words(n: int, words: str) -> None:
    """British English with 'and' before the last tens and units, hyphens from 21 to 99."""
    assert number_in_words(n) == words


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        (
            Money(4567850),
            "forty-five thousand six hundred and seventy-eight pounds and fifty pence",
        ),
        (Money(22622200), "two hundred and twenty-six thousand two hundred and twenty-two pounds"),
        (Money(100), "one pound"),
        (Money(101), "one pound and one penny"),
        (Money(1), "one penny"),
        (Money(99), "ninety-nine pence"),
        (Money(0), "zero pounds"),
        (Money(250075, "EUR"), "two thousand five hundred euros and seventy-five cents"),
    ],
)
def test_amount_in_words(amount: Money, words: str) -> None:
    """Pounds and pence, singular where one, pence omitted when whole."""
    assert amount_in_words(amount) == words


_SMALL = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen".split()
)}  # fmt: skip
_SMALL.update({w: 10 * i for i, w in enumerate("_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()) if w != "_"})  # fmt: skip
_SCALE = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}


def _back(text: str) -> int:
    total_, group = 0, 0
    for token in text.replace("-", " ").split():
        if token == "and":
            continue
        if token in _SMALL:
            group += _SMALL[token]
        elif token == "hundred":
            group *= 100
        else:
            total_ += group * _SCALE[token]
            group = 0
    return total_ + group


@given(st.integers(min_value=0, max_value=10**15 - 1))
@settings(deadline=None, max_examples=300)
def test_number_words_read_back_to_the_number(n: int) -> None:
    """Every number's words parse back to it; no doubled spaces or 'and and'."""
    text = number_in_words(n)
    assert _back(text) == n
    assert "  " not in text and not re.search(r"\band and\b", text)
    assert not text.startswith("and")


# --- Descriptions, cases, totals -----------------------------------------------------------------


def test_trade_description_adds_make_model_and_serials_once() -> None:
    """Make and model follow the description unless it already names them; S/N or NSN ends it."""
    assert trade_description(item(1)) == "Cinema camera body, ARRI ALEXA Mini, S/N SN-1"
    said = item(2, "ARRI ALEXA Mini camera body")
    assert trade_description(said) == "ARRI ALEXA Mini camera body, S/N SN-2"
    radios = item(3, "Radio transmitter", make="Lectrosonics", model="SMWB", serials=("A", "B"))
    assert trade_description(radios) == "Radio transmitter, Lectrosonics SMWB, S/N A, B"
    assert trade_description(item(4, "Flight case", make="Peli", model="1610", serials=())) == (
        "Flight case, Peli 1610, NSN"
    )


def test_totals_are_exact_in_grams_and_pence() -> None:
    """Line totals multiply unit weight and value by pieces; sums are exact, consumables out."""
    kit = (
        item(2, quantity=3, grams=333, pence=1),
        item(3, case="Case 2", quantity=7, grams=1250, pence=33333),
        item(4, "Gaffer tape", quantity=10, grams=300, pence=899, consumable=True),
        item(5, quantity=1, grams=2600, pence=4800000),
    )
    cases = cases_of(kit)
    assert [c.name for c in cases] == ["Case 1", "Case 2"]
    assert [line.number for c in cases for line in c.lines] == [1, 2, 3]
    assert [i.pos.line for i in cases[0].contents] == [2, 4, 5]
    sums = total(cases)
    assert (sums.items, sums.pieces, sums.grams, sums.minor) == (
        3,
        11,
        999 + 8750 + 2600,
        3 + 233331 + 4800000,
    )
    check = check_carnet(production(kit), TODAY, Diagnostics())
    assert check.value == Money(5033334)
    assert check.weight_decimals == 3  # 333 g is given to the gram
    assert "Totals: 11 pieces, 12.349 kg, £50,333.34" in check.lines()


# --- Continuation sheets ----------------------------------------------------------------------


def _long_kit(n: int, cases: int) -> tuple[KitItem, ...]:
    return tuple(
        item(
            i + 2,
            f"Item {i} " + "long description words " * (i % 4),
            case=f"Case {i % cases + 1}",
            quantity=1 + i % 3,
            grams=100 + 37 * i,
            pence=1000 + 1999 * i,
        )
        for i in range(n)
    )


def test_sheets_carry_totals_forward_to_the_grand_total() -> None:
    """Each sheet's sums add up to the grand total; running totals chain sheet to sheet."""
    kit = _long_kit(120, 7)
    check = check_carnet(production(kit), TODAY, Diagnostics())
    sheets = check.sheets
    assert len(sheets) > 2
    grand = check.totals
    summed = sheets[0].sums
    for s in sheets[1:]:
        summed = summed + s.sums
    assert summed == grand == sheets[-1].running
    for before, after in zip(sheets, sheets[1:], strict=False):
        assert after.running == before.running + after.sums
    assert all(s.lines_used <= LINES_PER_SHEET for s in sheets)
    numbers = [r.line.number for s in sheets for r in s.rows if r.line is not None]
    assert numbers == list(range(1, 121))

    ctx = build(BuildJob(production(kit), TODAY, Diagnostics()))[0].context
    assert isinstance(ctx, GeneralListContext)
    for prev, nxt in zip(ctx.sheets, ctx.sheets[1:], strict=False):
        assert prev.carried_forward == nxt.brought_forward
    assert ctx.sheets[0].brought_forward is None and ctx.sheets[-1].carried_forward is None
    assert ctx.grand_total.value == f"{grand.minor // 100:,}.{grand.minor % 100:02d}"


def test_case_headings_never_end_a_sheet_and_repeat_when_continued() -> None:
    """A heading moves with its first line; a case split over sheets is headed '(continued)'."""
    kit = _long_kit(120, 3)
    for sheet in paginate(cases_of(kit)):
        assert sheet.rows[-1].line is not None
        first = sheet.rows[0]
        assert first.line is None
    sheets = paginate(cases_of(kit))
    assert any("(continued)" in s.rows[0].text[0] for s in sheets[1:])


@given(
    st.lists(
        st.lists(st.integers(min_value=0, max_value=60), min_size=0, max_size=15),
        min_size=1,
        max_size=8,
    ),
    st.integers(min_value=6, max_value=50),
)
@settings(deadline=None, max_examples=60)
def test_pagination_invariants(cases: list[list[int]], per_sheet: int) -> None:
    """Any kit: sheets within their lines, every line once in order, sums that add up."""
    kit = tuple(
        item(100 * c + i, "word " * n + "end", case=f"Case {c}", grams=10 + n, pence=1 + n)
        for c, lengths in enumerate(cases)
        for i, n in enumerate(lengths)
    )
    planned = cases_of(kit)
    sheets = paginate(planned, per_sheet)
    placed = [r.line.number for s in sheets for r in s.rows if r.line is not None]
    assert placed == list(range(1, len(placed) + 1)) and len(placed) == len(kit)
    for s in sheets:
        assert s.lines_used <= per_sheet or len(s.rows) <= 2
    assert sheets[-1].running == total(planned)


def test_wrap_measures_wide_letters() -> None:
    """Capitals and digits take more room than lower case; no line is wider than allowed."""
    lower = wrap("a" * 10 + " " + "b" * 200)
    caps = wrap("W" * 10 + " " + "M" * 200)
    assert len(caps) > len(lower)
    assert wrap("") == ("",)
    assert all(line for line in wrap("x " * 300))


def test_too_long_description_is_reported() -> None:
    """A description over eight lines of the list is a located error."""
    kit = (item(7, "very " * 200),)
    d = Diagnostics()
    check_carnet(production(kit), TODAY, d)
    assert [(x.code, str(x.pos)) for x in d] == [
        ("description-too-long", "kit.csv:7"),
        ("travel-missing", "production.yaml"),
    ]


# --- Vouchers -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("stops", "counts"),
    [
        (("FR", "ES"), (1, 1, 0)),  # the EU is one territory
        (("FR*", "CH", "FR*"), (1, 1, 2)),  # through France to Switzerland and back
        (("CH",), (1, 1, 0)),
        (("BE*", "FR"), (1, 1, 0)),  # entering the EU to visit France needs no transit set
        (("FR", "GB", "ES"), (2, 2, 0)),  # home in between: a second trip
        (("NO", "SE", "NO"), (1, 3, 0)),  # re-entering Norway needs another white set
        (("FR*", "CH", "IT", "FR*"), (1, 2, 1)),  # Italy and France are one EU leg
        (("US",), (1, 1, 0)),
        ((), (0, 0, 0)),
    ],
)
def test_voucher_sets_from_the_itinerary(
    stops: tuple[str, ...], counts: tuple[int, int, int]
) -> None:
    """Yellow per departure, white per entry to a visited territory, blue per transit."""
    v = count_vouchers(trip(*stops))
    assert (v.yellow, v.white, v.blue) == counts
    assert v.total == sum(counts)
    assert [line.colour for line in v.lines].count("white") == counts[1]


def test_voucher_per_stop_labels_and_territory_names() -> None:
    """Each stop says which set it uses; the EU leg names its countries."""
    v = count_vouchers(trip("FR", "ES", "FR*"))
    assert v.per_stop == (
        "White set 1",
        "Same customs territory: no set",
        "Same customs territory: no set",
    )
    assert [(line.colour, line.territory) for line in v.lines] == [
        ("yellow", "United Kingdom"),
        ("white", "European Union (France, Spain)"),
    ]


# --- Checks -------------------------------------------------------------------------------------


def test_check_reports_missing_travel_past_departure_and_declared_total() -> None:
    """travel-missing warns; a past departure warns; a declared value must equal the list."""
    kit = (item(2, pence=150000), item(3, pence=2550))
    d = Diagnostics()
    check_carnet(production(kit), TODAY, d)
    assert [(x.code, x.severity) for x in d] == [("travel-missing", "warning")]

    late = dataclasses.replace(
        trip("FR"), departure=date(2026, 11, 1), declared_value=Money(150000)
    )
    d = Diagnostics()
    check = check_carnet(production(kit, late), TODAY, d)
    assert [(x.code, x.severity, str(x.pos)) for x in d] == [
        ("departure-passed", "warning", "production.yaml:5"),
        ("total-mismatch", "error", "production.yaml:5"),
    ]
    assert "£1,525.50" in [x for x in d][1].message
    assert check.vouchers is not None and check.vouchers.white == 1


def test_check_without_carnet_lines_or_kit_table() -> None:
    """Only consumables is kit-empty; no kit table is input-missing; nothing is built."""
    d = Diagnostics()
    only_tape = production((item(2, "Gaffer tape", consumable=True),), trip("FR"))
    assert build(BuildJob(only_tape, TODAY, d)) == ()
    assert d.codes() == ["kit-empty"]
    d = Diagnostics()
    check_carnet(dataclasses.replace(only_tape, tables=()), TODAY, d)
    assert d.codes() == ["input-missing"]


def test_check_lines_show_totals_words_and_vouchers() -> None:
    """The --check summary re-computes totals, per-sheet figures and the voucher count."""
    kit = (item(2, quantity=2, grams=1100, pence=45000), item(3, "AA batteries", consumable=True))
    lines = check_carnet(production(kit, trip("FR", "ES")), TODAY, Diagnostics()).lines()
    assert lines[0] == "General list: 1 item in 1 case, on 1 sheet"
    assert lines[1] == "Totals: 2 pieces, 2.20 kg, £900.00"
    assert lines[3] == "  value in words: nine hundred pounds"
    assert "Left off the list (consumables): 1 line, £100.00" in lines
    assert lines[-1] == "Voucher sets: 1 yellow, 1 white, 0 blue (2 in all)"


# --- The upload CSV ---------------------------------------------------------------------------


def test_upload_csv_layout() -> None:
    """Description, Pieces, Unit, Weight, Value, Origin, Heading; headings TRUE, unit KG."""
    from paperwork.render.sheets import render_csv

    kit = (
        item(2, quantity=2, grams=1150, pence=115000, origin="GB", serials=("A1", "A2")),
        item(3, "Gaffer tape", consumable=True),
        item(
            4,
            "Flight case",
            case="Case 2",
            make="Peli",
            model="1610",
            serials=(),
            pence=29000,
            origin="US",
        ),
    )
    check = check_carnet(production(kit), TODAY, Diagnostics())
    sheet = upload_sheet(check)
    assert sheet.header == ("Description", "Pieces", "Unit", "Weight", "Value", "Origin", "Heading")
    assert sheet.rows == (
        ("Case 1", "", "", "", "", "", "TRUE"),
        ("Cinema camera body, ARRI ALEXA Mini, S/N A1, A2", 2, "KG", "2.30", "2300.00", "GB", ""),
        ("Case 2", "", "", "", "", "", "TRUE"),
        ("Flight case, Peli 1610, NSN", 1, "KG", "1.00", "290.00", "US", ""),
        ("TOTAL: 2 items, 3 pieces, 3.30 kg, GBP 2,590.00", "", "", "", "", "", "TRUE"),
    )
    rows = list(csv.reader(io.StringIO(render_csv(sheet).decode("utf-8-sig"))))
    assert rows[0] == list(sheet.header) and len(rows) == 6 and all(len(r) == 7 for r in rows)
    assert rows[2][0] == "Cinema camera body, ARRI ALEXA Mini, S/N A1, A2"


# --- The demo, rendered -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo_docs(demo: Path) -> tuple[Production, tuple[BuiltDocument, ...], Diagnostics]:
    d = Diagnostics()
    p = read_production(demo, d)
    assert p is not None
    built = Diagnostics()
    docs = build(BuildJob(p, TODAY, built))
    return p, docs, built


def _pdf_text(data: bytes) -> list[str]:
    from pypdf import PdfReader

    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def demo_files(
    demo_docs: tuple[Production, tuple[BuiltDocument, ...], Diagnostics],
) -> dict[str, tuple[bytes, bytes]]:
    """Each demo document's PDF and DOCX bytes, by template."""
    from paperwork.render.docx import render_docx
    from paperwork.render.html_pdf import render_pdfs
    from paperwork.render.templates import TemplateSet
    from paperwork.resources import templates_dir

    p, docs, _ = demo_docs
    templates = TemplateSet([templates_dir()])
    batch = render_pdfs(docs, templates, [p.root, templates_dir()])
    assert not batch.refused
    return {
        doc.template: (pdf, render_docx(doc, templates))
        for doc, pdf in zip(docs, batch.pdfs, strict=True)
    }


@pytest.fixture(scope="module")
def demo_rendered(
    demo_files: dict[str, tuple[bytes, bytes]],
) -> dict[str, tuple[list[str], str, bytes]]:
    """Each demo document's PDF page texts, DOCX text and DOCX bytes, by template."""
    from paperwork.render.docx import docx_text

    return {
        template: (_pdf_text(pdf), docx_text(docx), docx)
        for template, (pdf, docx) in demo_files.items()
    }


def test_demo_builds_three_documents_without_problems(
    demo_docs: tuple[Production, tuple[BuiltDocument, ...], Diagnostics],
) -> None:
    """General list (with CSV), packing lists and the cover; nothing reported."""
    _, docs, built = demo_docs
    assert not built.items
    assert [d.template for d in docs] == [
        "carnet_general_list",
        "carnet_packing_list",
        "carnet_cover",
    ]
    assert docs[0].stem == "carnet-general-list_the-salt-road_2026-11-29"
    assert docs[0].formats == ("docx", "pdf", "csv") and docs[0].sheets[0].name == "General list"
    assert {d.kind for d in docs} == {"carnet"} and REGISTRY[
        "carnet"
    ] == "paperwork.builders.carnet"


@pytest.mark.slow  # renders documents: over a second
def test_general_list_pdf_and_docx_hold_every_item_and_the_totals(
    demo_docs: tuple[Production, tuple[BuiltDocument, ...], Diagnostics],
    demo_rendered: dict[str, tuple[list[str], str, bytes]],
) -> None:
    """Every description, serial and grand total, in both formats; one PDF page per sheet."""
    p, docs, _ = demo_docs
    ctx = docs[0].context
    assert isinstance(ctx, GeneralListContext)
    pages, docx, _ = demo_rendered["carnet_general_list"]
    assert len(pages) == ctx.sheet_count == 3
    for n, page in enumerate(pages, start=1):
        assert f"Sheet {n} of 3" in page
    pdf_all, docx_all = _squash(" ".join(pages)), _squash(docx)
    for kit_item in p.kit:
        for text in (trade_description(kit_item), *kit_item.serials):
            assert _squash(text) in pdf_all, text
            assert _squash(text) in docx_all, text
    for fact in ("226,222.00", "292.94", "102", ctx.pieces_words, ctx.value_words):
        assert _squash(fact) in _squash(pages[-1]) and _squash(fact) in docx_all
    assert "Onehundredandtwo" in pdf_all
    for sheet in ctx.sheets[:-1]:
        assert sheet.carried_forward is not None
        assert _squash(f"Carried forward to sheet {sheet.number + 1}") in pdf_all
        assert _squash(sheet.carried_forward.value) in _squash(pages[sheet.number - 1])


def test_general_list_docx_breaks_where_the_pdf_does(
    demo_docs: tuple[Production, tuple[BuiltDocument, ...], Diagnostics],
    demo_rendered: dict[str, tuple[list[str], str, bytes]],
) -> None:
    """One page-break-before heading per continuation sheet, and the same rows per sheet."""
    from docx import Document

    _, docs, _ = demo_docs
    ctx = docs[0].context
    assert isinstance(ctx, GeneralListContext)
    _, _, data = demo_rendered["carnet_general_list"]
    document = Document(io.BytesIO(data))
    breaks = [p.text for p in document.paragraphs if p.paragraph_format.page_break_before]
    assert breaks == [
        f"General list / Liste générale (continued)        Sheet {n} of 3" for n in (2, 3)
    ]
    tables = document.tables
    assert len(tables) == 3
    for table, sheet in zip(tables, ctx.sheets, strict=True):
        numbers = [r.cells[0].text for r in table.rows[2:] if r.cells[0].text.isdigit()]
        expected = [row.number for row in sheet.rows if not row.heading]
        assert numbers[: len(expected)] == expected


def _soffice() -> str | None:
    for candidate in (shutil.which("soffice"), "/usr/lib/libreoffice/program/soffice"):
        if candidate and Path(candidate).is_file():
            return candidate
    return None


@pytest.mark.slow  # renders documents: over a second
@pytest.mark.skipif(_soffice() is None, reason="LibreOffice is not installed")
def test_docx_general_list_lays_out_one_sheet_per_page(
    tmp_path: Path, demo_rendered: dict[str, tuple[list[str], str, bytes]]
) -> None:
    """LibreOffice lays the DOCX out as the builder planned: three pages, one sheet each."""
    _, _, data = demo_rendered["carnet_general_list"]
    (tmp_path / "list.docx").write_bytes(data)
    subprocess.run(
        [
            str(_soffice()),
            "--headless",
            f"-env:UserInstallation=file://{tmp_path / 'profile'}",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(tmp_path / "list.docx"),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pages = _pdf_text((tmp_path / "list.pdf").read_bytes())
    assert len(pages) == 3
    for n, page in enumerate(pages, start=1):
        assert f"Sheet {n} of 3" in page


def test_packing_lists_and_cover_in_both_formats(
    demo_docs: tuple[Production, tuple[BuiltDocument, ...], Diagnostics],
    demo_rendered: dict[str, tuple[list[str], str, bytes]],
) -> None:
    """A page per case with its totals; the cover's holder, people, route and voucher count."""
    _, docs, _ = demo_docs
    packing = docs[1].context
    assert isinstance(packing, PackingContext)
    pages, docx, _ = demo_rendered["carnet_packing_list"]
    assert len(pages) == len(packing.cases) == 10
    first = packing.cases[0]
    assert (first.name, first.items_line, first.weight, first.value) == (
        "Case 1 – Camera",
        "General list items 1 to 6",
        "12.24 kg",
        "£56,890.00",
    )
    for case, page in zip(packing.cases, pages, strict=True):
        assert case.name in page and _squash(case.value) in _squash(page)
        assert case.name in docx

    cover = docs[2].context
    assert isinstance(cover, CoverContext)
    assert cover.voucher_summary == "2 sets: 1 yellow, 1 white, 0 blue"
    pdf_text, docx_text_, _ = demo_rendered["carnet_cover"]
    pdf_all = " ".join(pdf_text)
    for fact in (
        "Harbour Light Pictures Ltd",
        "EORI GB123456789000",
        "Tom Reddaway",
        "Sol Adeyemi",
        "Professional equipment",
        "European Union (France, Spain)",
        "Same customs territory: no set",
        "£226,222.00",
    ):
        assert _squash(fact) in _squash(pdf_all), fact
        assert _squash(fact) in _squash(docx_text_), fact
    assert "2 sets: 1 yellow, 1 white, 0 blue" in pdf_all
    assert "Voucher (certificate) sets: 2" in docx_text_


def test_consumables_and_licences_appear_on_the_cover_not_the_list() -> None:
    """A consumable is listed as packed-not-carnet; a licence item is named with its licence."""
    kit = (
        item(2),
        item(3, "Gaffer tape", consumable=True, pence=899, quantity=4),
        item(4, "Camera drone", make="DJI", model="Inspire 3", licence="drones"),
    )
    docs = build(BuildJob(production(kit, trip("FR")), TODAY, Diagnostics()))
    cover = docs[2].context
    assert isinstance(cover, CoverContext)
    assert [d.label for d in cover.excluded] == ["Gaffer tape"]
    assert cover.excluded[0].value.startswith("£35.96")
    assert [d.label for d in cover.licences] == ["Camera drone, DJI Inspire 3, S/N SN-4"]
    packing = docs[1].context
    assert isinstance(packing, PackingContext)
    rows = packing.cases[0].rows
    assert [(r.number, r.note) for r in rows] == [
        ("1", ""),
        ("", "Not on the carnet (consumable)"),
        ("2", ""),
    ]
    assert packing.cases[0].other_value == "£35.96"


def _template_variables(stem: str) -> tuple[set[str], set[str]]:
    from docxtpl import DocxTemplate
    from jinja2 import Environment, meta

    from paperwork.resources import templates_dir

    html = (templates_dir() / f"{stem}.html").read_text(encoding="utf-8")
    names = meta.find_undeclared_variables(Environment().parse(html))
    docx = DocxTemplate(str(templates_dir() / f"{stem}.docx"))
    return set(names), set(docx.get_undeclared_template_variables())


@pytest.mark.parametrize(
    ("stem", "context"),
    [
        ("carnet_general_list", GeneralListContext),
        ("carnet_packing_list", PackingContext),
        ("carnet_cover", CoverContext),
    ],
)
def test_templates_use_only_context_fields(stem: str, context: type) -> None:
    """Every name in both templates of each carnet document is a field of its context."""
    fields = {f.name for f in dataclasses.fields(context)}
    html, docx = _template_variables(stem)
    assert html <= fields, html - fields
    assert docx <= fields, docx - fields


def test_pipeline_names_the_upload_csv_once() -> None:
    """With --format csv the run writes the general list's CSV once, beside DOCX and PDF."""
    from paperwork.pipeline import output_names

    docs = build(BuildJob(production((item(2),), trip("FR")), TODAY, Diagnostics()))
    names = output_names(docs, ("docx", "pdf", "csv"), TODAY)
    assert len(names) == len(set(names))
    assert "carnet-general-list_test-show_2026-11-29.csv" in names
    assert [n for n in names if n.endswith(".csv")] == [
        "carnet-general-list_test-show_2026-11-29.csv"
    ]


def _crowded_kit() -> tuple[KitItem, ...]:
    """Wide capitals and digits in long descriptions, in full sheets: the worst case for fit."""
    words = ["MAXIMUM", "WIDTH", "WWW", "MMM", "0000", "QUADRUPLE", "OVERSIZED", "HEAD"]
    return tuple(
        item(
            i + 2,
            " ".join(words[(i + k) % len(words)] for k in range(3 + i % 9)),
            case=f"CASE {i // 9 + 1} – WIDE MMMM WWWW HEADING {'W' * (i % 5)}",
            make="MMMMWWWW",
            model=f"WM-{i:04d}",
            serials=tuple(f"WWMM-{i:03d}-{k}" for k in range(1 + i % 3)),
            quantity=1 + i % 3,
            grams=999_999,
            pence=99_999_999,
        )
        for i in range(80)
    )


@pytest.mark.slow  # renders documents: over a second
def test_crowded_sheets_fit_their_pages_in_the_pdf() -> None:
    """Sheets filled with the widest text still print one sheet per PDF page."""
    from paperwork.render.html_pdf import render_pdfs
    from paperwork.render.templates import TemplateSet
    from paperwork.resources import templates_dir

    docs = build(BuildJob(production(_crowded_kit()), TODAY, Diagnostics()))
    ctx = docs[0].context
    assert isinstance(ctx, GeneralListContext)
    check = check_carnet(production(_crowded_kit()), TODAY, Diagnostics())
    assert all(s.lines_used >= LINES_PER_SHEET - 8 for s in check.sheets[:-1])
    batch = render_pdfs(docs[:1], TemplateSet([templates_dir()]), [templates_dir()])
    assert batch.pages[0] == ctx.sheet_count
    pages = _pdf_text(batch.pdfs[0])
    for n, page in enumerate(pages, start=1):
        assert f"Sheet {n} of {ctx.sheet_count}" in page


def test_totals_too_wide_for_their_column_are_reported() -> None:
    """Up to 9,999.999 kg and 999,999,999.99 fit; a crowded list's 159 tonnes warns."""
    from paperwork.carnet.layout import fits

    assert fits("9,999.999", 3) and fits("9,999,999.99", 4) and fits("9999", 2)
    assert not fits("9,999,999,999.99", 4) and not fits("99,999.999", 3)
    d = Diagnostics()
    check_carnet(production(_crowded_kit()), TODAY, d)
    too_wide = [x for x in d if x.code == "figure-too-wide"]
    assert [str(x.pos) for x in too_wide] == ["kit.csv"] and "column 4" in too_wide[0].message


def test_demo_upload_csv_gives_the_weight_unit_on_every_item_row(
    demo_docs: tuple[Production, tuple[BuiltDocument, ...], Diagnostics],
) -> None:
    """Every item row of the demo's CSV says KG in Unit; headings and the total leave it blank."""
    from paperwork.render.sheets import render_csv

    _, docs, _ = demo_docs
    rows = list(csv.reader(io.StringIO(render_csv(docs[0].sheets[0]).decode("utf-8-sig"))))
    header, body = rows[0], rows[1:]
    unit, heading = header.index("Unit"), header.index("Heading")
    items = [r for r in body if r[heading] != "TRUE"]
    assert len(items) == 51
    assert {r[unit] for r in items} == {"KG"}
    assert {r[unit] for r in body if r[heading] == "TRUE"} == {""}


def test_grand_total_row_leaves_the_item_number_column_empty(
    demo_docs: tuple[Production, tuple[BuiltDocument, ...], Diagnostics],
    demo_files: dict[str, tuple[bytes, bytes]],
) -> None:
    """The last sheet's Total row: nothing in column 1, the item count beside "Total"."""
    import pdfplumber
    from docx import Document

    pdf, docx = demo_files["carnet_general_list"]
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        page = doc.pages[-1]
        words = page.extract_words()
        total = next(w for w in words if w["text"] == "Total" and w["x0"] > 40)
        row = [w for w in words if abs(w["top"] - total["top"]) < 2]
        # column 1 is the first 10 mm of the table, which starts at the 12 mm margin
        column_1 = (12 / 25.4 * 72, 22 / 25.4 * 72)
        assert [w["text"] for w in row if w["x0"] < column_1[1]] == []
        assert " ".join(w["text"] for w in row).startswith("Total (51 items) 102 ")
    table = Document(io.BytesIO(docx)).tables[-1]
    last = table.rows[-1].cells
    assert (last[0].text, last[1].text, last[2].text) == ("", "Total (51 items)", "102")


@pytest.mark.slow  # renders documents: over a second
def test_each_packing_list_page_names_its_case_in_the_running_head() -> None:
    """A case that runs over several pages names itself at the head of each; so does the next."""
    import pdfplumber
    from docx import Document
    from docx.oxml.ns import qn

    from paperwork.render.docx import render_docx
    from paperwork.render.html_pdf import render_pdfs
    from paperwork.render.templates import TemplateSet
    from paperwork.resources import templates_dir

    kit = tuple(item(i + 2, f"Lens {i}", case="Case 1 – Camera") for i in range(60))
    kit += tuple(item(i + 100, f"Microphone {i}", case="Case 2 – Sound") for i in range(45))
    docs = build(BuildJob(production(kit), TODAY, Diagnostics()))
    templates = TemplateSet([templates_dir()])
    batch = render_pdfs(docs[1:2], templates, [templates_dir()])
    heads: list[tuple[str, str]] = []
    with pdfplumber.open(io.BytesIO(batch.pdfs[0])) as pdf:
        for page in pdf.pages:
            head = page.crop((0, 0, page.width, 20 / 25.4 * 72)).extract_text()
            body = page.crop((0, 20 / 25.4 * 72, page.width, page.height)).extract_text()
            case = "Case 1 – Camera" if "Lens" in body else "Case 2 – Sound"
            if "Lens" not in body and "Microphone" not in body:  # a case's last rows only
                case = heads[-1][1]
            heads.append((head, case))
    assert [case for _, case in heads].count("Case 1 – Camera") >= 3
    assert [case for _, case in heads].count("Case 2 – Sound") >= 2
    for head, case in heads:
        n = 1 if case.startswith("Case 1") else 2
        assert head == f"Packing list {n} of 2: {case}"
    # the DOCX: the case heads its table, repeated with the column heads on every page
    tables = Document(io.BytesIO(render_docx(docs[1], templates))).tables
    assert [t.rows[0].cells[0].text for t in tables] == [
        "Packing list 1 of 2: Case 1 – Camera",
        "Packing list 2 of 2: Case 2 – Sound",
    ]
    for table in tables:
        repeated = [r._tr.trPr is not None and r._tr.trPr.find(qn("w:tblHeader")) is not None
                    for r in table.rows[:3]]  # fmt: skip
        assert repeated == [True, True, False]


def test_the_customs_column_is_hatched_with_strokes_not_shadings(
    demo_files: dict[str, tuple[bytes, bytes]],
) -> None:
    """The 'for customs use' cells keep their light diagonal hatching (#f3f3f3 strokes, one
    tiled pattern per cell), with no gradient shading per cell: those objects made writing
    and splitting the PDF cost more than its text."""
    from pypdf import PdfReader
    from pypdf.generic import StreamObject

    reader = PdfReader(io.BytesIO(demo_files["carnet_general_list"][0]))
    objects = [reader.get_object(i) for i in range(1, int(reader.trailer["/Size"]))]
    shadings = [o for o in objects if hasattr(o, "get") and o.get("/ShadingType") is not None]
    patterns = [o for o in objects if hasattr(o, "get") and o.get("/PatternType") is not None]
    hatched = [
        o
        for o in objects
        if isinstance(o, StreamObject) and b"0.952941 0.952941 0.952941 RG" in o.get_data()
    ]
    assert shadings == []
    assert patterns and len(hatched) == len(patterns)
