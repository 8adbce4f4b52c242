"""Generate the delivery schedule's DOCX template (docxtpl) with python-docx, reproducibly.

    python -m tools.docx_templates delivery            # write them into templates/
    python -m tools.docx_templates --check delivery    # exit 1 if a committed one differs

Variables are the top-level fields of
``paperwork.builders.delivery_schedule.ScheduleContext``. The Word helpers (styles, tables,
footer, writing) are those of ``kit``.
"""

from __future__ import annotations

from collections.abc import Callable

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from . import kit

NAVY, GREY, RED = kit.NAVY, kit.GREY, kit.RED
RIGHT = WD_ALIGN_PARAGRAPH.RIGHT


def delivery_schedule() -> Document:
    doc = Document()
    kit.styles(doc, 8)
    kit.page(doc, landscape=True, margins=(18, 15, 18, 15))
    title = kit.report_start(
        doc, "{{ document_title }} · as at {{ date }}", "Delivery schedule: {{ production_title }}"
    )
    title.paragraph_format.space_before = Pt(0)
    kit.para(
        doc,
        "{% if production_type %}{{ production_type }} · {% endif %}"
        "{% if commissioner %}For {{ commissioner }} · {% endif %}"
        "{{ item_count }} · As at {{ date }}",
        colour=GREY,
        after=0,
    )
    kit.para(
        doc,
        "Delivery: {{ delivery_date }} · TX: {{ tx_date }} · {{ working_days_note }}",
        colour=GREY,
        after=6,
    )

    kit.tag(doc, "{%p if warnings %}")
    kit.para(doc, "Needs attention", style="Heading 2").runs[0].font.color.rgb = RED
    kit.tag(doc, "{%p for w in warnings %}")
    kit.para(doc, "{{ w }}", style="List Bullet", colour=RED, after=1)
    kit.tag(doc, "{%p endfor %}")
    kit.tag(doc, "{%p endif %}")

    kit.para(doc, "Totals by status", style="Heading 2")
    totals = kit.table(doc, 5, (50, 20))
    kit.loop_rows(totals, 0, "for t in totals", ("{{ t.label }}", "{{ t.value }}"), right=(1,))
    kit.cell(totals.cell(3, 0), "Overdue")
    kit.cell(totals.cell(3, 1), "{{ overdue_count }}", align=RIGHT)
    kit.cell(totals.cell(4, 0), "Due within 14 days")
    kit.cell(totals.cell(4, 1), "{{ due_soon_count }}", align=RIGHT)

    widths = (12, 44, 42, 36, 26, 22, 28, 17, 17, 23)  # 267 mm: A4 landscape less margins
    headers = ("ID", "Item", "Format/spec", "Recipient", "Rule", "Due", "Responsible",
               "Status", "Delivered", "Attention")  # fmt: skip
    kit.tag(doc, "{%p for g in groups %}")
    kit.para(doc, "{{ g.name }}", style="Heading 2")
    items = kit.table(doc, 4, widths)
    kit.header_row(items, headers)
    kit.cell(items.cell(1, 0), "{%tr for row in g.rows %}")
    cells = ("{{ row.id }}", "{{ row.item }}", "{{ row.spec }}", "{{ row.recipient }}",
             "{{ row.rule }}", "{{ row.due }}", "{{ row.responsible }}", "{{ row.status }}",
             "{{ row.delivered }}", "{{ row.flag }}")  # fmt: skip
    for i, text in enumerate(cells):
        kit.cell(items.cell(2, i), text, bold=i == 9)
    item = items.cell(2, 1)
    kit.tag(item, "{%p if row.notes %}")
    kit.para(item, "{{ row.notes }}", size=7, colour=GREY, after=0)
    kit.tag(item, "{%p endif %}")
    kit.cell(items.cell(3, 0), "{%tr endfor %}")
    for row in items.rows:
        row._tr.get_or_add_trPr().append(kit.cant_split())
    kit.tag(doc, "{%p endfor %}")

    kit.tag(doc, "{%p if cue_lines %}")
    kit.para(doc, "Appendix: music cue sheet skeleton ({{ cue_sheet_item }})", style="Heading 2")
    kit.para(
        doc,
        "From the clearance log's music items: check timings against the final mix before "
        "delivery.",
        colour=GREY,
        after=4,
    )
    cue = kit.table(doc, 4, (10, 24, 40, 48, 40, 21, 21, 15, 25, 23))  # 267 mm
    kit.header_row(cue, ("No.", "Log IDs", "Title", "Composition (writers · publisher)",
                      "Recording (performer · label)", "TC in", "TC out", "Duration", "Scenes",
                      "Clearance"))  # fmt: skip
    kit.loop_rows(
        cue,
        1,
        "for c in cue_lines",
        (
            "{{ c.number }}",
            "{{ c.id }}",
            "{{ c.title }}",
            "{{ c.composition }}",
            "{{ c.recording }}",
            "{{ c.timecode_in }}",
            "{{ c.timecode_out }}",
            "{{ c.duration }}",
            "{{ c.scenes }}",
            "{{ c.status }}",
        ),  # fmt: skip
    )
    kit.tag(doc, "{%p endif %}")
    return doc


TEMPLATES: dict[str, Callable[[], Document]] = {"delivery_schedule.docx": delivery_schedule}
