"""The breakdown report: scenes with pages, cast and shoot days; totals; every format."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

from paperwork.builders import scene_breakdown_report
from paperwork.builders.base import BuildJob, BuildOptions
from paperwork.errors import Diagnostics

from .test_call_sheet import BREAKDOWN, _production, _screenplay

TODAY = date(2027, 2, 28)


def test_rows_days_and_totals() -> None:
    """Scenes carry their cast ids and days; day and location totals; unscheduled listed."""
    d = Diagnostics()
    options = BuildOptions(breakdown=BREAKDOWN, screenplay=_screenplay())
    (doc,) = scene_breakdown_report.build(BuildJob(_production(), TODAY, d, options))
    c = doc.context
    assert isinstance(c, scene_breakdown_report.BreakdownContext)
    rows = {r.number: r for r in c.scenes}
    assert (rows["1"].pages, rows["1"].cast, rows["1"].days) == ("1 4/8", "1, 3", "Day 1, Day 2")
    assert (rows["3"].cast, rows["3"].day_night, rows["3"].location) == ("2, 4", "N", "Quay")
    assert rows["5"].days == "" and c.unscheduled == ("5 INT. FLAT - NIGHT (4/8)",)
    assert [(t.label, t.scenes, t.pages) for t in c.by_day] == [
        ("Day 1", "4", "2 2/8"),
        ("Day 2", "4", "1 6/8"),
    ]
    assert [(t.label, t.pages) for t in c.by_location] == [
        ("Harbour flat", "2"),
        ("Quay", "1 7/8"),
        ("No location", "1/8"),
    ]
    sheet = doc.sheets[0]
    assert sheet.rows[0][:8] == ("1", "INT. FLAT - DAY", "INT", "FLAT", "DAY", "1", 12, "1 4/8")
    assert d.items == []


def test_without_a_schedule_it_is_the_script_alone() -> None:
    """No schedule: no days, no totals, nothing reported as unscheduled."""
    options = BuildOptions(breakdown=BREAKDOWN)
    (doc,) = scene_breakdown_report.build(
        BuildJob(_production(shoot_days=()), TODAY, Diagnostics(), options)
    )
    c = doc.context
    assert isinstance(c, scene_breakdown_report.BreakdownContext)
    assert c.by_day == () and c.unscheduled == () and {r.days for r in c.scenes} == {""}


def test_without_the_script_it_is_an_error() -> None:
    """The breakdown needs the script's breakdown in the options."""
    d = Diagnostics()
    docs = scene_breakdown_report.build(BuildJob(_production(), TODAY, d))
    assert docs == () and d.codes() == ["no-script-breakdown"]


def test_both_renderings_carry_the_scenes(tmp_path: Path) -> None:
    """PDF (landscape) and DOCX both list the scenes, lengths and the unscheduled one."""
    from pypdf import PdfReader

    from paperwork.render.docx import docx_text, render_docx
    from paperwork.render.html_pdf import render_pdfs
    from paperwork.render.templates import TemplateSet
    from paperwork.resources import templates_dir

    options = BuildOptions(breakdown=BREAKDOWN, screenplay=_screenplay())
    (doc,) = scene_breakdown_report.build(BuildJob(_production(), TODAY, Diagnostics(), options))
    templates = TemplateSet([templates_dir()])
    pdf = render_pdfs([doc], templates, [templates_dir(), tmp_path]).pdfs[0]
    reader = PdfReader(io.BytesIO(pdf))
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    word = " ".join(docx_text(render_docx(doc, templates)).split())
    for t in (text, word):
        assert "Script breakdown: Test Show" in t
        assert "5 INT. FLAT - NIGHT (4/8)" in t
        assert "1 4/8" in t and "Harbour flat" in t and "Day 2" in t
