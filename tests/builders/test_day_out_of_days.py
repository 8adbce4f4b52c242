"""Day out of days: the grid of SW/W/H/WF per cast member and day, in every format."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest

from paperwork.builders import day_out_of_days
from paperwork.builders.base import BuildJob, BuildOptions
from paperwork.errors import Diagnostics
from paperwork.model.production import Production
from paperwork.model.source import Pos

from .test_call_sheet import BREAKDOWN, _day, _production, _screenplay, _strip

TODAY = date(2027, 2, 28)


def _build(production: Production) -> day_out_of_days.DoodContext:
    d = Diagnostics()
    options = BuildOptions(breakdown=BREAKDOWN, screenplay=_screenplay())
    (doc,) = day_out_of_days.build(BuildJob(production, TODAY, d, options))
    assert doc.kind == "day-out-of-days" and doc.formats == ("docx", "pdf", "xlsx", "csv")
    assert isinstance(doc.context, day_out_of_days.DoodContext)
    return doc.context


def test_rows_and_totals_of_a_hand_made_schedule() -> None:
    """Each working cast member's codes, days worked and held, start and finish."""
    (block,) = _build(_production()).blocks
    assert [d.number for d in block.days] == ["1", "2"]
    assert [(r.id, r.cells, r.work, r.hold, r.total, r.start, r.finish) for r in block.rows] == [
        ("1", ("SW", "WF"), "2", "0", "2", "01/03/2027", "02/03/2027"),
        ("2", ("SW", "WF"), "2", "0", "2", "01/03/2027", "02/03/2027"),
        ("3", ("SW", "WF"), "2", "0", "2", "01/03/2027", "02/03/2027"),
        ("4", ("", "SWF"), "1", "0", "1", "02/03/2027", "02/03/2027"),
    ]
    assert [d.working for d in block.days] == ["3", "4"]
    assert len(block.slots) == day_out_of_days.BLOCK_DAYS and block.slots[2].number == ""


def test_holds_between_work_days_and_blocks_of_fourteen() -> None:
    """Ana and Cat work days 1, 4 and 16: H between, and a second block from day 15."""
    days = tuple(
        _day(n, date(2027, 3, n), 10 * n, (_strip("1" if n in (1, 4, 16) else "3", 10 * n + 1),))
        for n in range(1, 17)
    )
    context = _build(_production(shoot_days=days, calls=(), crew=()))
    first, second = context.blocks
    assert (first.title, second.title) == ("Days 1 to 14", "Days 15 to 16")
    ana = {r.id: r for r in first.rows}["1"]
    assert ana.cells[:5] == ("SW", "H", "H", "W", "H") and (ana.work, ana.hold) == ("3", "13")
    cat = {r.id: r for r in second.rows}["3"]
    assert cat.cells == ("H", "WF") and len(cat.slots) == 14
    ben = {r.id: r for r in second.rows}["2"]
    assert ben.cells == ("WF", "") and ben.slots[2:] == ("",) * 12


@pytest.mark.slow  # renders documents: over a second
def test_sheet_and_both_renderings(demo: Path) -> None:
    """The demo's grid as CSV rows, and the same codes in the PDF and the DOCX."""
    from pypdf import PdfReader

    from paperwork.planning.breakdown import build_breakdown
    from paperwork.readers.production import read_production
    from paperwork.render.docx import docx_text, render_docx
    from paperwork.render.html_pdf import render_pdfs
    from paperwork.render.templates import TemplateSet
    from paperwork.resources import templates_dir
    from paperwork.scripts import paginate_script, read_script

    d = Diagnostics()
    production = read_production(demo, d)
    assert production is not None and production.script is not None
    screenplay = read_script(production.script, d)
    breakdown = build_breakdown(screenplay, paginate_script(screenplay, production.script_paper))
    options = BuildOptions(breakdown=breakdown, screenplay=screenplay)
    (doc,) = day_out_of_days.build(BuildJob(production, TODAY, d, options))
    assert d.items == []
    sheet = doc.sheets[0]
    assert sheet.header[:4] == ("ID", "Artist", "Character", "Day 1 (Mon 01/03)")
    lily = next(r for r in sheet.rows if r[0] == "3")
    assert lily[3:9] == ("SW", "W", "W", "W", "H", "WF")
    counts = sheet.header.index("Work")
    assert sheet.header[counts : counts + 4] == ("Work", "Hold", "Travel", "Total")
    assert lily[counts : counts + 4] == (5, 1, 0, 6)
    ana = next(r for r in sheet.rows if r[0] == "1")  # travels with the unit: out and back
    travel = [i for i, h in enumerate(sheet.header) if h.startswith("Travel (")]
    assert [sheet.header[i] for i in travel] == ["Travel (Sun 07/03)", "Travel (Sun 14/03)"]
    assert [ana[i] for i in travel] == ["T", "T"] and ana[counts + 2] == 2
    templates = TemplateSet([templates_dir()])
    pdf = render_pdfs([doc], templates, [templates_dir(), demo]).pdfs[0]
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    assert float(page.mediabox.width) > float(page.mediabox.height)  # landscape
    text = " ".join(page.extract_text().split())
    word = " ".join(docx_text(render_docx(doc, templates)).split())
    for t in (text, word):
        assert "Day out of days: The Salt Road" in t
        assert "Poppy Tresize" in t and "Lily" in t and "SWF" in t
        assert "Not called on any shoot day: 11 Dennis Varley (Jack)" in t


def test_travel_days_are_t_for_cast_marked_as_travelling() -> None:
    """travel: out Sun 28 Feb, back Wed 3 Mar; Ana is marked: T on both, Ben is not.

    Neither date is a shoot day, so each gets its own T column, in date order; Ana's total
    counts her 2 travel days.
    """
    import dataclasses

    from paperwork.model.kit import Travel
    from paperwork.model.records import Company

    from .test_call_sheet import CAST

    cast = (dataclasses.replace(CAST[0], travels=True), *CAST[1:])
    travel = Travel(
        pos=Pos("production.yaml", 40),
        holder=Company("Test Pictures Ltd"),
        home="GB",
        home_name="United Kingdom",
        home_territory="",
        intended_use="Professional equipment",
        departure=date(2027, 2, 28),
        return_date=date(2027, 3, 3),
    )
    context = _build(_production(cast=cast, travel=travel))
    (block,) = context.blocks
    assert [(d.number, d.weekday, d.date, d.working) for d in block.days] == [
        ("T", "Sun", "28/2", "1"),
        ("1", "Mon", "1/3", "3"),
        ("2", "Tue", "2/3", "4"),
        ("T", "Wed", "3/3", "1"),
    ]
    rows = {r.id: r for r in block.rows}
    assert (rows["1"].cells, rows["1"].travel, rows["1"].total) == (
        ("T", "SW", "WF", "T"),
        "2",
        "4",
    )
    assert rows["2"].cells == ("", "SW", "WF", "") and rows["2"].total == "2"
    assert context.legend[-1].label == "T"
    (doc,) = day_out_of_days.build(
        BuildJob(
            _production(cast=cast, travel=travel),
            TODAY,
            Diagnostics(),
            BuildOptions(breakdown=BREAKDOWN, screenplay=_screenplay()),
        )
    )
    sheet = doc.sheets[0]
    assert sheet.header[3] == "Travel (Sun 28/02)" and sheet.header[6] == "Travel (Wed 03/03)"
    ana = next(r for r in sheet.rows if r[0] == "1")
    assert ana[3:7] == ("T", "SW", "WF", "T") and ana[7:11] == (2, 0, 2, 4)


def test_no_travel_column_without_travel_dates() -> None:
    """Cast marked as travelling but no travel: dates: the grid is the shoot days only."""
    import dataclasses

    from .test_call_sheet import CAST

    cast = (dataclasses.replace(CAST[0], travels=True), *CAST[1:])
    (block,) = _build(_production(cast=cast)).blocks
    assert [d.number for d in block.days] == ["1", "2"]
    assert all("T" not in r.cells for r in block.rows)


def test_the_cast_table_travel_column(tmp_path: Path) -> None:
    """travel: yes marks a cast member as travelling; a bad value is located at its cell."""
    from paperwork.readers.cast import read_cast
    from paperwork.readers.context import ReaderContext
    from paperwork.readers.tables import read_table

    path = tmp_path / "cast.csv"
    path.write_text(
        "id,artist,character,travel\n1,Nadia Rennick,ANA,yes\n2,Sam Doe,BEN,\n3,Jo Roe,CAT,maybe\n",
        encoding="utf-8",
    )
    d = Diagnostics()
    table = read_table(path, "cast", path.name, d)
    assert table is not None
    cast = read_cast(table, d, ReaderContext(Path(".")))
    assert [m.travels for m in cast] == [True, False, False]
    assert [(x.code, str(x.pos)) for x in d] == [("bad-yes-no", "cast.csv:4:travel")]
