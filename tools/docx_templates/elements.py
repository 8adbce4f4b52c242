"""Generate the breakdown sheets' and the element report's DOCX templates (docxtpl).

    python -m tools.docx_templates elements            # write them into templates/
    python -m tools.docx_templates --check elements    # exit 1 if a committed one differs

Variables are the top-level fields of ``paperwork.builders.breakdown_sheets.
BreakdownSheetsContext`` and ``paperwork.builders.element_report.ElementReportContext``. Each
sheet's heading band takes its strip colour through docxtpl's ``{% cellbg %}``.
"""

from __future__ import annotations

from collections.abc import Callable

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt

from . import kit

NAVY, GREY = kit.NAVY, kit.GREY
RIGHT = WD_ALIGN_PARAGRAPH.RIGHT
BOX = {
    "top": ("single", 6, "444444"),
    "left": ("single", 6, "444444"),
    "bottom": ("single", 6, "444444"),
    "right": ("single", 6, "444444"),
    "insideH": ("single", 4, "888888"),
    "insideV": ("single", 4, "888888"),
}
WIDTH = 182  # A4 portrait less 14 mm margins each side


def _boxed(t: object) -> None:
    kit.border(t._tbl.tblPr, BOX, "w:tblBorders")  # type: ignore[attr-defined]


def breakdown_sheets() -> Document:
    doc = Document()
    kit.styles(doc, 8.5, after=0)
    kit.page(doc, landscape=False, margins=(14, 14, 16, 14))
    section = doc.sections[0]
    kit.footer(section.footer)

    kit.run(kit.first_para(doc), "{%p for s in sheets %}")
    kit.tag(doc, "{%p if not loop.first %}")
    brk = kit.para(doc, "", after=0)
    brk.paragraph_format.page_break_before = True
    kit.tag(doc, "{%p endif %}")

    band = kit.fixed_table(doc, 1, (120, 62))
    _boxed(band)
    left, right = band.cell(0, 0), band.cell(0, 1)
    kit.cell(left, "{% cellbg s.colour %}BREAKDOWN SHEET", bold=True, size=13)
    kit.para(left, "{{ production_title }} · {{ letterhead.company }}", size=9, after=1)
    kit.cell(right, "{% cellbg s.colour %}{{ s.strip }} ({{ s.colour_name }})", bold=True,
             size=9, align=RIGHT)  # fmt: skip
    kit.para(right, "{{ s.sheet_no }}", size=8, align=RIGHT, after=0)
    kit.para(right, "As at {{ as_at }}", size=8, align=RIGHT, after=1)
    kit.para(doc, "", after=2)

    facts = kit.fixed_table(doc, 4, (20, 18, 68, 30, 22, 24))
    _boxed(facts)
    for i, label in enumerate(("Scene", "Int/Ext", "Set", "Day/Night", "Pages", "Script page")):
        kit.cell(facts.cell(0, i), label.upper(), size=6.5, colour=GREY)
    for i, name in enumerate(("number", "int_ext", "set", "day_night", "pages", "page")):
        kit.cell(facts.cell(1, i), f"{{{{ s.{name} }}}}", bold=True, size=9.5)
    day = facts.cell(2, 0).merge(facts.cell(2, 2))
    where = facts.cell(2, 3).merge(facts.cell(2, 5))
    kit.cell(day, "SHOOT DAY", size=6.5, colour=GREY)
    kit.cell(where, "LOCATION", size=6.5, colour=GREY)
    kit.cell(facts.cell(3, 0).merge(facts.cell(3, 2)), "{{ s.shoot_days }}", size=8.5)
    kit.cell(facts.cell(3, 3).merge(facts.cell(3, 5)), "{{ s.location }}", size=8.5)
    kit.para(doc, "", after=2)

    synopsis = kit.fixed_table(doc, 1, (WIDTH,))
    _boxed(synopsis)
    kit.cell(synopsis.cell(0, 0), "SYNOPSIS", size=6.5, colour=GREY)
    kit.para(synopsis.cell(0, 0), "{{ s.synopsis }}", size=9, after=1)
    kit.para(doc, "", after=2)

    boxes = kit.fixed_table(doc, 3, (WIDTH / 2, WIDTH / 2))
    _boxed(boxes)
    kit.cell(boxes.cell(0, 0), "{%tr for left, right in s.rows %}")
    for i, side in enumerate(("left", "right")):
        c = boxes.cell(1, i)
        kit.cell(c, f"{{{{ {side}.name }}}}", bold=True, size=7.5, colour=NAVY)
        kit.tag(c, f"{{%p for e in {side}.rows %}}")
        entry = kit.para(c, "• {{ e.name }}", size=8.5, after=0)
        kit.run(entry, "{% if e.notes %} ({{ e.notes }}){% endif %}", size=7, colour=GREY)
        kit.tag(c, "{%p endfor %}")
    boxes.rows[1].height = Mm(26)
    boxes.rows[1]._tr.get_or_add_trPr().append(kit.cant_split())
    kit.cell(boxes.cell(2, 0), "{%tr endfor %}")

    legend = kit.para(doc, "", size=7, colour=GREY, after=0)
    kit.run(legend, "{% for l in legend %}{{ l.label }}: {{ l.colour_name }}"
            "{% if not loop.last %} · {% endif %}{% endfor %}", size=7, colour=GREY)  # fmt: skip
    kit.para(doc, "{{ legend_note }}", size=7, colour=GREY, after=0)
    kit.tag(doc, "{%p endfor %}")
    return doc


TEMPLATES: dict[str, Callable[[], Document]] = {
    "breakdown_sheets.docx": breakdown_sheets,
}


# 267 mm: A4 landscape less 15 mm margins each side.
REPORT_WIDTHS = (62, 27, 30, 34, 66, 48)


def element_report() -> Document:
    doc = Document()
    kit.styles(doc, 8)
    kit.page(doc, landscape=True, margins=(18, 15, 18, 15))
    title = kit.report_start(
        doc,
        "{{ document_title }} · as at {{ as_at }}",
        "Element report: {{ production_title }}",
        contact=False,
    )
    title.paragraph_format.space_before = Pt(0)
    kit.para(doc, "{{ summary }} · As at {{ as_at }}", colour=GREY, after=4)

    kit.tag(doc, "{%p for g in departments %}")
    h = kit.para(doc, "{{ g.department }}", style="Heading 2")
    kit.run(h, " · {{ g.count }}", size=8, colour=GREY)
    t = kit.table(doc, 4, REPORT_WIDTHS)
    for i, label in enumerate(("Element", "Category", "Scenes", "Shoot days", "Notes",
                               "Where named")):  # fmt: skip
        kit.cell(t.cell(0, i), label, bold=True)
        kit.shade(t.cell(0, i), "E8EDF3")
    kit.repeat_header(t)
    kit.loop_rows(t, 1, "for e in g.lines",
                  ("{{ e.name }}", "{{ e.category }}", "{{ e.scenes }}", "{{ e.days }}",
                   "{{ e.notes }}", "{{ e.sources }}"))  # fmt: skip
    for row in t.rows:
        row._tr.get_or_add_trPr().append(kit.cant_split())
    kit.tag(doc, "{%p endfor %}")
    return doc


TEMPLATES["element_report.docx"] = element_report
