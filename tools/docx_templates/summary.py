"""Generate the crew cost summary's DOCX template (docxtpl) with python-docx, reproducibly.

    python -m tools.docx_templates summary            # write them into templates/
    python -m tools.docx_templates --check summary    # exit 1 if a committed one differs

Variables are the top-level fields of
``paperwork.costing.summary.SummaryContext``. The Word helpers (styles, tables,
footer, writing) are those of ``kit``.
"""

from __future__ import annotations

from collections.abc import Callable

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from . import kit

NAVY, GREY = kit.NAVY, kit.GREY
RIGHT = WD_ALIGN_PARAGRAPH.RIGHT

# 266 mm: A4 landscape less 15 mm margins each side.
WIDTHS = (24, 20, 16, 20, 20, 10, 20, 19, 17, 15, 15, 17, 15, 21, 17)
HEADERS = ("Name", "Role", "Tax", "NI/pension", "Dates", "Days", "Rate", "Fees",
           "Holiday pay", "Kit", "Per diems", "Employer's NI", "Pension", "Total cost",
           "VAT")  # fmt: skip
FIELDS = ("name", "role", "tax_status", "ni_pension", "dates", "days", "rate", "fees",
          "holiday", "kit", "per_diems", "ni", "pension", "total", "vat")  # fmt: skip
NUMERIC = tuple(range(5, 15))


def crew_summary() -> Document:
    doc = Document()
    kit.styles(doc, 7.5)
    kit.page(doc, landscape=True, margins=(18, 15, 18, 15))
    title = kit.report_start(
        doc,
        "{{ document_title }} · as at {{ as_at }}",
        "Crew cost summary: {{ production_title }}",
        contact=False,
    )
    title.paragraph_format.space_before = Pt(0)
    kit.para(doc, "As at {{ as_at }} · Amounts in {{ currency }}", colour=GREY, after=6)

    costs = kit.table(doc, 5, WIDTHS)
    for i, label in enumerate(HEADERS):
        kit.cell(costs.cell(0, i), label, bold=True, align=RIGHT if i in NUMERIC else None)
        kit.shade(costs.cell(0, i), "E8EDF3")
    kit.repeat_header(costs)
    kit.loop_rows(costs, 1, "for r in rows", tuple(f"{{{{ r.{f} }}}}" for f in FIELDS),
                  right=NUMERIC)  # fmt: skip
    for i, f in enumerate(FIELDS):
        if f in ("role", "tax_status", "ni_pension", "dates", "rate"):
            continue
        kit.cell(costs.cell(4, i), f"{{{{ totals.{f} }}}}", bold=True,
                 align=RIGHT if i in NUMERIC else None)  # fmt: skip
    for row in costs.rows:
        row._tr.get_or_add_trPr().append(kit.cant_split())

    kit.para(doc, "Working", style="Heading 2")
    working = kit.table(doc, 6, (40, 45, 161, 20))
    for i, label in enumerate(("Name", "Item", "Working", "Amount")):
        kit.cell(working.cell(0, i), label, bold=True, align=RIGHT if i == 3 else None)
        kit.shade(working.cell(0, i), "E8EDF3")
    kit.repeat_header(working)
    kit.cell(working.cell(1, 0), "{%tr for w in working %}")
    kit.cell(working.cell(2, 0), "{%tr for line in w.lines %}")
    kit.cell(working.cell(3, 0), "{% if loop.first %}{{ w.name }}{% endif %}", bold=True)
    kit.cell(working.cell(3, 1), "{{ line.label }}")
    kit.cell(working.cell(3, 2), "{{ line.working }}")
    kit.cell(working.cell(3, 3), "{{ line.amount }}", align=RIGHT)
    kit.cell(working.cell(4, 0), "{%tr endfor %}")
    kit.cell(working.cell(5, 0), "{%tr endfor %}")
    # The person's total follows their lines: a row inside the outer loop, after the inner.
    total = working.add_row()
    kit.cell(total.cells[1], "Total cost", bold=True)
    kit.cell(total.cells[3], "{{ w.total }}", bold=True, align=RIGHT)
    tr = total._tr
    tr.getparent().remove(tr)
    working.rows[4]._tr.addnext(tr)

    kit.para(doc, "How the sums are worked", style="Heading 2")
    kit.tag(doc, "{%p for line in method %}")
    kit.para(doc, "{{ line }}", style="List Number", after=2)
    kit.tag(doc, "{%p endfor %}")
    return doc


TEMPLATES: dict[str, Callable[[], Document]] = {"crew_summary.docx": crew_summary}
