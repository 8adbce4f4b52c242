"""Day out of days: the grid of SW/W/H/WF per cast member and day, in every format."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

from paperwork.builders import day_out_of_days
from paperwork.builders.base import BuildOptions
from paperwork.errors import Diagnostics
from paperwork.model.production import Production

from .test_call_sheet import BREAKDOWN, _day, _production, _screenplay, _strip

TODAY = date(2027, 2, 28)


def _build(production: Production) -> day_out_of_days.DoodContext:
    d = Diagnostics()
    options = BuildOptions(breakdown=BREAKDOWN, screenplay=_screenplay())
    (doc,) = day_out_of_days.build(production, today=TODAY, diagnostics=d, options=options)
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


def test_sheet_and_both_renderings(demo: Path) -> None:
    """The demo's grid as CSV rows, and the same codes in the PDF and the DOCX."""
    from pypdf import PdfReader

    from paperwork.builders.script_breakdown import build_breakdown
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
    (doc,) = day_out_of_days.build(production, today=TODAY, diagnostics=d, options=options)
    assert d.items == []
    sheet = doc.sheets[0]
    assert sheet.header[:4] == ("ID", "Artist", "Character", "Day 1 (Mon 01/03)")
    lily = next(r for r in sheet.rows if r[0] == "3")
    assert lily[3:9] == ("SW", "W", "W", "W", "H", "WF") and lily[13:16] == (5, 1, 6)
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
