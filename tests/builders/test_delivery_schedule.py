"""The delivery schedule: due dates from rules, flags, totals and the clearance cross-checks."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from paperwork.builders.base import BuildJob, BuiltDocument
from paperwork.builders.delivery_schedule import ScheduleContext, add_working_days, build
from paperwork.errors import Diagnostics
from paperwork.model.production import Production
from paperwork.readers.production import read_production

TODAY = date(2026, 11, 29)
HOLIDAYS = frozenset({date(2027, 5, 31)})

MANIFEST = """\
title: Delivery Test
company:
  name: Test Pictures Ltd
  address: [1 High Street, Bristol BS1 1AA]
delivery:
  tx: 2027-07-02
  delivery: 2027-06-04
tables:
  deliverables: deliverables.csv
  clearances: clearances.csv
"""
HEADER = "id,item,category,spec,recipient,due,responsible,status,delivered,notes\n"
CLEARANCES = (
    "id,type,description,holder_company,status,timecode_in,duration\n"
    "MU2,music sync,Song two,Pub A,licensed,10:01:00:00,0'30\"\n"
    "MU10,music master,Song ten,Label B,quoted,10:05:00:00,1'00\"\n"
    "AR1,archive footage,Docks 1952,Archive C,requested,,\n"
)


def _build(
    tmp_path: Path, rows: str, today: date = TODAY, clearances: str = CLEARANCES
) -> tuple[ScheduleContext, BuiltDocument, Diagnostics]:
    (tmp_path / "production.yaml").write_text(MANIFEST, encoding="utf-8")
    (tmp_path / "deliverables.csv").write_text(HEADER + rows, encoding="utf-8")
    (tmp_path / "clearances.csv").write_text(clearances, encoding="utf-8")
    d = Diagnostics()
    production = read_production(tmp_path, d)
    assert production is not None and not d.has_errors, [str(x) for x in d]
    read = Diagnostics()
    (doc,) = build(BuildJob(production, today, read))
    assert isinstance(doc.context, ScheduleContext)
    return doc.context, doc, read


def _found(d: Diagnostics) -> list[tuple[str, str]]:
    return [(x.code, str(x.pos)) for x in d]


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        (date(2027, 6, 4), 1, date(2027, 6, 7)),  # Friday + 1: Monday
        (date(2027, 6, 4), -5, date(2027, 5, 27)),  # back over the Spring bank holiday
        (date(2027, 5, 28), 1, date(2027, 6, 1)),  # Friday + 1 over the bank holiday Monday
        (date(2027, 6, 5), 0, date(2027, 6, 5)),  # zero keeps the anchor, even a Saturday
        (date(2027, 6, 4), 10, date(2027, 6, 18)),
    ],
)
def test_working_days_skip_weekends_and_bank_holidays(start: date, n: int, expected: date) -> None:
    """Working days count Monday to Friday, bank holidays out, either way from the anchor."""
    assert add_working_days(start, n, HOLIDAYS) == expected


@pytest.fixture(scope="module")
def demo_production(demo: Path) -> Production:
    d = Diagnostics()
    production = read_production(demo, d)
    assert production is not None and not d.has_errors
    return production


def test_demo_schedule_groups_sorts_and_cross_checks(demo_production: Production) -> None:
    """The demo: categories in the conventional order, rows by due date, DL10 at risk."""
    d = Diagnostics()
    (doc,) = build(BuildJob(demo_production, TODAY, d))
    ctx = doc.context
    assert isinstance(ctx, ScheduleContext)
    assert [g.name for g in ctx.groups] == [
        "Picture",
        "Audio",
        "Access",
        "Paperwork",
        "Legal",
        "Publicity",
        "Sustainability",
    ]
    paperwork = next(g for g in ctx.groups if g.name == "Paperwork")
    assert [(r.id, r.rule, r.due) for r in paperwork.rows[:2]] == [
        ("DL14", "Delivery - 5 working days", "Thu 27 May 2027"),
        ("DL08", "Delivery", "Fri 4 Jun 2027"),
    ]
    assert [(x.code, str(x.pos)) for x in d] == [
        ("clearances-open-at-delivery", "deliverables.csv:11")
    ]
    assert next(iter(d)).message.endswith("ST03, TX01, TX02")
    assert [(t.label, t.value) for t in ctx.totals] == [
        ("Not started", "16"),
        ("In progress", "2"),
        ("Waived", "1"),
    ]
    assert (ctx.overdue_count, ctx.due_soon_count) == ("0", "0")
    assert ctx.cue_sheet_item == "DL08 Music cue sheet"
    assert [c.id for c in ctx.cue_lines] == [
        "MU01 + MU02",
        "MU03 + MU04",
        "MU05 + MU06",
        "MU07 + MU08",
        "MU11",
    ]
    assert ctx.tx_date == "Fri 2 Jul 2027" and ctx.delivery_date == "Fri 4 Jun 2027"
    assert doc.formats == ("docx", "pdf", "xlsx", "csv")
    assert [s.name for s in doc.sheets] == ["Deliverables", "Cue sheet skeleton"]
    assert doc.sheets[0].rows[1][:7] == (
        "DL14",
        "paperwork",
        "Credits list",
        "End-board credits as approved, DOCX",
        "Westcountry Television Presentation",
        "delivery-5 working days",
        "27/05/2027",
    )


def test_overdue_due_soon_and_done_rows_are_flagged(tmp_path: Path) -> None:
    """Before today and not done: overdue; within 14 days: due soon; waived: neither."""
    ctx, _, d = _build(
        tmp_path,
        "A1,Stills,publicity,,,2027-05-20,,,,\n"
        "A2,Billings,publicity,,,2027-06-03,,in progress,,\n"
        "A3,Trailer,publicity,,,2027-05-01,,waived,,\n"
        "A4,Credits,paperwork,,,2027-06-30,,,,\n",
        today=date(2027, 5, 25),
    )
    rows = {r.id: r for g in ctx.groups for r in g.rows}
    assert (rows["A1"].css, rows["A1"].flag) == ("overdue", "Overdue by 5 days")
    assert (rows["A2"].css, rows["A2"].flag) == ("due-soon", "Due in 9 days")
    assert (rows["A3"].css, rows["A3"].flag) == ("done", "")
    assert (rows["A4"].css, rows["A4"].flag) == ("", "")
    assert (ctx.overdue_count, ctx.due_soon_count) == ("1", "1")
    assert _found(d) == []


def test_dates_after_tx_and_in_the_future_are_warned_at_their_cells(tmp_path: Path) -> None:
    """A pre-TX item due after TX warns; TX+14 does not; a delivered date after today warns."""
    ctx, _, d = _build(
        tmp_path,
        "B1,Master,picture,,,delivery+25 working days,,,,\n"
        "B2,PasC,paperwork,,,TX+14,,,,\n"
        "B3,Stills,publicity,,,TX-28,,delivered,2027-06-01,\n",
        today=date(2027, 5, 25),
    )
    assert _found(d) == [
        ("delivered-in-future", "deliverables.csv:4:delivered"),
        ("due-after-tx", "deliverables.csv:2:due"),
    ]
    rows = {r.id: r for g in ctx.groups for r in g.rows}
    assert rows["B1"].due == "Fri 9 Jul 2027" and rows["B1"].flag == "Due after TX"
    assert rows["B2"].due == "Fri 16 Jul 2027" and rows["B2"].flag == ""


def test_open_clearances_put_the_e_and_o_deliverable_at_risk(tmp_path: Path) -> None:
    """Open log items are listed against the clearance/E&O row; the cue sheet gets music only."""
    ctx, doc, d = _build(
        tmp_path,
        "C1,E&O certificate,legal,,,delivery,,,,\nC2,Music cue sheet,paperwork,,,delivery,,,,\n",
    )
    assert _found(d) == [("clearances-open-at-delivery", "deliverables.csv:2")]
    assert "AR1, MU10" in next(iter(d)).message
    assert [(c.number, c.id, c.composition, c.recording) for c in ctx.cue_lines] == [
        ("1", "MU2", "Pub A", ""),
        ("2", "MU10", "", "Label B"),
    ]
    assert doc.sheets[1].rows[1][:3] == ("2", "MU10", "Song ten")


def test_no_cue_sheet_deliverable_no_appendix_and_cleared_log_no_risk(tmp_path: Path) -> None:
    """Without a cue sheet row there is no appendix; a cleared log raises nothing."""
    cleared = "id,type,description,holder_company,status\nMU1,music sync,Song,Pub,licensed\n"
    ctx, doc, d = _build(tmp_path, "C1,Clearance log,legal,,,delivery,,,,\n", clearances=cleared)
    assert ctx.cue_lines == () and ctx.cue_sheet_item == ""
    assert [s.name for s in doc.sheets] == ["Deliverables"]
    assert _found(d) == []


def test_templates_render_the_demo(demo_production: Production) -> None:
    """HTML and DOCX templates render the demo schedule with its appendix and warnings."""
    from paperwork.render.docx import render_docx
    from paperwork.render.templates import TemplateSet
    from paperwork.resources import templates_dir

    (doc,) = build(BuildJob(demo_production, TODAY, Diagnostics()))
    templates = TemplateSet([templates_dir()])
    html = templates.render_html("delivery_schedule.html", doc.context)
    assert "Appendix: music cue sheet skeleton (DL08 Music cue sheet)" in html
    assert "Delivery - 5 working days" in html and "Thu 27 May 2027" in html
    assert render_docx(doc, templates)[:2] == b"PK"


CUE_LOG = (
    "id,type,description,holder_company,status,timecode_in,timecode_out,duration,scenes\n"
    'MU1,music sync,"""Salt Water Hymn"" (M. Corran / J. Tally), composition",Tide Music,'
    "agreed,10:03:12:04,10:04:02:18,0'50,Sc. 4\n"
    'MU2,music master,"""Salt Water Hymn"" performed by The Lantern Men (1998)",Gull Records,'
    "licensed,10:03:12:04,10:04:02:18,0'50,Sc. 4\n"
    'MU3,music sync,"""Cold Front"" (P. Askew), composition",Tide Music,refused,10:28:30:00,,,\n'
    'MU4,music master,"""Cold Front"" performed by Pearl Askew",Gull Records,replaced,'
    "10:28:30:00,,,\n"
    'MU5,music sync,"""Salt Water Hymn"" (M. Corran / J. Tally), reprise",Tide Music,'
    "to request,10:20:00:00,,0'20,Sc. 9\n"
)


def test_cue_sheet_pairs_composition_and_recording_and_drops_unused(tmp_path: Path) -> None:
    """Sync + master of one use are one cue; refused and replaced items are left out."""
    ctx, doc, _ = _build(
        tmp_path, "C2,Music cue sheet,paperwork,,,delivery,,,,\n", clearances=CUE_LOG
    )
    cues = [(c.number, c.id, c.title, c.composition, c.recording, c.status) for c in ctx.cue_lines]
    assert cues == [
        (
            "1",
            "MU1 + MU2",
            "Salt Water Hymn",
            "M. Corran / J. Tally · Tide Music",
            "The Lantern Men · Gull Records",
            "Sync: agreed · Master: licensed",
        ),
        (
            "2",
            "MU5",
            "Salt Water Hymn",
            "M. Corran / J. Tally · Tide Music",
            "",
            "Sync: to request",
        ),
    ]
    assert (ctx.cue_lines[0].timecode_in, ctx.cue_lines[0].timecode_out) == (
        "10:03:12:04",
        "10:04:02:18",
    )
    assert [r[1] for r in doc.sheets[1].rows] == ["MU1 + MU2", "MU5"]


def test_groups_follow_convention_then_name_then_other(tmp_path: Path) -> None:
    """Picture first, whatever the due dates; unknown categories by name; Other last."""
    rows = (
        "A,Stills,publicity,,,TX-60,,,,\n"
        "B,Master,Picture,,,delivery,,,,\n"
        "C,Odd,zebra,,,TX-90,,,,\n"
        "D,Misc,,,,TX-90,,,,\n"
        "E,Mix,sound,,,delivery,,,,\n"
        "F,Report,QC,,,delivery,,,,\n"
        "G,Other thing,apple,,,delivery,,,,\n"
    )
    ctx, _, _ = _build(tmp_path, rows)
    assert [g.name for g in ctx.groups] == [
        "Picture",
        "Sound",
        "Publicity",
        "QC",
        "Apple",
        "Zebra",
        "Other",
    ]


@pytest.mark.slow  # renders documents: over a second
def test_cue_sheet_title_columns_fit_their_widths(demo_production: Production) -> None:
    """In the PDF, no cue title or composition wraps a word across the column's edge."""
    import io

    import pdfplumber

    from paperwork.render.html_pdf import render_pdfs
    from paperwork.render.templates import TemplateSet
    from paperwork.resources import templates_dir

    (doc,) = build(BuildJob(demo_production, TODAY, Diagnostics()))
    assert isinstance(doc.context, ScheduleContext)
    templates = TemplateSet([templates_dir()])
    pdf = render_pdfs([doc], templates, [templates_dir()]).pdfs[0]
    with pdfplumber.open(io.BytesIO(pdf)) as book:
        last = book.pages[-1]
        lines = [" ".join(line["text"].split()) for line in last.extract_text_lines()]
    for cue in doc.context.cue_lines:
        assert any(cue.title in line for line in lines), (cue.title, lines)


def test_repeated_uses_of_one_cue_pair_up_oldest_first_in_log_order() -> None:
    """Two syncs then three masters of one title and timecode: the first master joins the
    first sync, the second the second, the third stands alone; another title is its own."""
    from paperwork.builders.delivery_schedule import _cue_lines
    from paperwork.model.clearances import (
        Clearance,
        ClearanceStatus,
        ClearanceType,
        IntendedUse,
        RightsHolder,
    )
    from paperwork.model.source import Pos

    sync, master = ClearanceType.MUSIC_SYNC, ClearanceType.MUSIC_MASTER

    def row(ident: str, kind: ClearanceType, title: str, line: int) -> Clearance:
        return Clearance(
            ident,
            kind,
            f'"{title}" (A. Writer)',
            RightsHolder("Holder Ltd"),
            IntendedUse(),
            ClearanceStatus.AGREED,
            pos=Pos("clearances.csv", line),
            timecode_in="10:00:00:00",
        )

    log = [
        row("S1", sync, "Song A", 2),
        row("S2", sync, "Song A", 3),
        row("M1", master, "Song A", 4),
        row("X1", sync, "Song B", 5),
        row("M2", master, "song  a", 6),
        row("M3", master, "Song A", 7),
    ]
    assert [(c.number, c.id) for c in _cue_lines(log)] == [
        ("1", "S1 + M1"),
        ("2", "S2 + M2"),
        ("3", "X1"),
        ("4", "M3"),
    ]
