"""Breakdown sheets and the element report from the demo: colours, boxes, days, every format;
and the call sheet's department notes that pull each day's elements."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from paperwork import planning
from paperwork.builders import breakdown_sheets, call_sheet, element_report
from paperwork.builders.base import BuildJob, BuildOptions
from paperwork.errors import Diagnostics
from paperwork.model.production import Production
from paperwork.pipeline import prepare_script
from paperwork.planning.breakdown import build_breakdown
from paperwork.readers.production import read_production

TODAY = date(2026, 12, 2)


@pytest.fixture(scope="module")
def demo_build(demo: Path) -> tuple[Production, BuildOptions]:
    d = Diagnostics()
    production = read_production(demo, d)
    assert production is not None
    script = prepare_script(production, d)
    assert script is not None and not d.has_errors
    breakdown = build_breakdown(script.screenplay, script.paginated)
    plan = planning.plan_shoot(production, breakdown, script.screenplay)
    return production, BuildOptions(
        breakdown=breakdown, screenplay=script.screenplay, shoot_plan=plan
    )


def _sheets(demo_build: tuple[Production, BuildOptions]) -> breakdown_sheets.BreakdownSheetsContext:
    production, options = demo_build
    d = Diagnostics()
    (doc,) = breakdown_sheets.build(BuildJob(production, TODAY, d, options))
    assert doc.stem == "breakdown-sheets_all_2026-12-02" and doc.formats == ("docx", "pdf")
    assert list(d) == []
    assert isinstance(doc.context, breakdown_sheets.BreakdownSheetsContext)
    return doc.context


def test_one_sheet_per_scene_in_its_strip_colour(
    demo_build: tuple[Production, BuildOptions],
) -> None:
    """White INT DAY, yellow EXT DAY, blue INT NIGHT, green EXT NIGHT; dusk is night, an
    EXT./INT. heading is exterior; the legend says so."""
    c = _sheets(demo_build)
    assert len(c.sheets) == 33 and c.sheets[3].sheet_no == "Sheet 4 of 33"
    by = {s.number: s for s in c.sheets}
    assert (by["6"].strip, by["6"].colour_name) == ("INT DAY", "White")
    assert (by["3"].strip, by["3"].colour_name) == ("EXT DAY", "Yellow")
    assert (by["1"].strip, by["1"].colour_name) == ("INT NIGHT", "Blue")
    assert (by["17"].strip, by["17"].colour_name) == ("EXT NIGHT", "Green")
    assert by["28"].strip == "EXT NIGHT" and by["28"].day_night == "DUSK"
    assert by["24"].strip == "EXT NIGHT"
    assert [(g.label, g.colour_name) for g in c.legend] == [
        ("INT DAY", "White"),
        ("EXT DAY", "Yellow"),
        ("INT NIGHT", "Blue"),
        ("EXT NIGHT", "Green"),
    ]


def test_a_sheet_carries_its_facts_and_every_box(
    demo_build: tuple[Production, BuildOptions],
) -> None:
    """Scene 26: pages in eighths, shoot day and location from the schedule, the schedule's
    silent cast, the supporting artists, and the coffin once (table and script tag)."""
    s = {s.number: s for s in _sheets(demo_build).sheets}["26"]
    assert (s.set, s.pages, s.shoot_days, s.location) == (
        "ST BRENDAN'S CHAPEL, PILL",
        "6/8",
        "Day 3, Wed 3 Mar 2027",
        "St Brendan's Chapel",
    )
    assert s.synopsis.startswith("A plain stone chapel")
    boxes = {b.name: [e.name for e in b.rows] for b in s.boxes}
    assert list(boxes) == [
        "Cast", "Background", "Stunts", "Props", "Costume", "Make-up/hair", "Vehicles",
        "Animals", "SFX", "VFX", "Special equipment", "Notes",
    ]  # fmt: skip
    assert boxes["Cast"][:3] == ["1. ANA", "2. ELSIE", "3. LILY"]
    assert boxes["Background"] == ["30 x Mourners (smart dark clothes, own coats)"]
    assert boxes["Props"] == ["Coffin with the pilot's flag", "White flowers", "Slim book of poems"]
    assert boxes["Costume"] == ["Black for the family"]
    assert len(s.rows) == 6 and s.rows[0][1].name == "Background"


@pytest.mark.slow
def test_both_renderings_carry_the_sheets_and_the_report(demo_pdfs: Any) -> None:
    """The sheets' PDF is A4, one page per scene, each with its band and boxes, and the DOCX
    has them; the element report's PDF (A4 landscape) and DOCX list the departments (as the
    session's build of the demo wrote them)."""
    from pypdf import PdfReader

    from paperwork.render.docx import docx_text

    assert demo_pdfs.exit_code == 0, demo_pdfs.output
    out: Path = demo_pdfs.out
    reader = PdfReader(out / "breakdown-sheets_all_2026-12-02.pdf")
    assert len(reader.pages) == 33
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)
    page26 = " ".join(reader.pages[25].extract_text().split())
    assert "BREAKDOWN SHEET" in page26 and "INT DAY (White)" in page26
    assert "Sheet 26 of 33" in page26 and "Coffin with the pilot's flag" in page26
    docx = (out / "breakdown-sheets_all_2026-12-02.docx").read_bytes()
    word = " ".join(docx_text(docx).split())
    assert word.count("BREAKDOWN SHEET") == 33
    assert "EXT NIGHT (Green)" in word and "Quayline harbour ferry" in word

    reader = PdfReader(out / "element-report_all_2026-12-02.pdf")
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (842, 595)
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    docx = (out / "element-report_all_2026-12-02.docx").read_bytes()
    word = " ".join(docx_text(docx).split())
    for t in (text, word):
        assert "Element report: The Salt Road" in t
        assert "transport" in t.casefold() and "Ana's car" in t and "10, 20" in t
        assert "754:123" in t  # where the coffin was tagged (the column wraps the file name)


def test_element_report_groups_by_department(
    demo_build: tuple[Production, BuildOptions],
) -> None:
    """Each element once with all its scenes and days, under its department, with where it
    was named; the XLSX has one row per element."""
    production, options = demo_build
    d = Diagnostics()
    (doc,) = element_report.build(BuildJob(production, TODAY, d, options))
    assert list(d) == [] and doc.formats == ("docx", "pdf", "xlsx")
    c = doc.context
    assert isinstance(c, element_report.ElementReportContext)
    departments = [g.department for g in c.departments]
    assert departments[:4] == ["Cast", "Supporting artists", "Props", "Costume"]
    lines = {(line.category, line.name): line for g in c.departments for line in g.lines}
    ferry = lines[("Vehicles", "Quayline harbour ferry")]
    assert (ferry.scenes, ferry.days) == ("3, 7, 17", "Day 3, Day 5, Day 6")
    car = lines[("Vehicles", "Ana's car")]
    assert (car.scenes, car.days) == ("10, 20", "Day 6")
    assert car.sources == "elements.csv:31; script.fountain:593:97"
    coffin = lines[("Props", "Coffin with the pilot's flag")]
    assert coffin.sources == "elements.csv:57; script.fountain:754:123"
    sheet = doc.sheets[0]
    assert sheet.header[:5] == ("Department", "Category", "Element", "Scenes", "Shoot days")
    assert len(sheet.rows) == len(lines)
    assert ("Transport", "Vehicles", "Ana's car", "10, 20", "Day 6") in [r[:5] for r in sheet.rows]


def test_call_sheet_department_notes_pull_the_days_elements(
    demo_build: tuple[Production, BuildOptions],
) -> None:
    """Day 3: props, costume, vehicles and the rest under their departments after the
    schedule's notes; the coffin, white flowers, safety boat and drone, which the notes
    already give, are not repeated."""
    production, options = demo_build
    docs = call_sheet.build(
        BuildJob(
            production,
            TODAY,
            Diagnostics(),
            BuildOptions(
                breakdown=options.breakdown,
                screenplay=options.screenplay,
                shoot_plan=options.shoot_plan,
                day=3,
            ),
        )
    )
    notes = [(n.label, n.value) for n in docs[0].context["notes"]]  # type: ignore[attr-defined]
    assert [label for label, _ in notes[:3]] == ["Marine", "Art", "Camera"]
    added = dict(notes[3:])
    assert added["Props"] == "Slim book of poems (sc. 26); Photograph of the two girls (sc. 27)"
    assert added["Transport"] == "Quayline harbour ferry (sc. 7)"
    assert "Special equipment" not in added  # the safety boat and the drone are in the notes
    text = " ".join(v for _, v in notes[3:]).casefold()
    assert "coffin" not in text and "white flowers" not in text


def test_where_named_groups_positions_by_file() -> None:
    """A speaker's many headings read as one file with its lines, not a file per line."""
    from paperwork.model.source import Pos

    got = element_report.where_named(
        [Pos("script.fountain", 139), Pos("elements.csv", 4), Pos("script.fountain", 187, 5)]
    )
    assert got == "script.fountain:139, 187:5; elements.csv:4"
