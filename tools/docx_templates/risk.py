"""Generate the bundled risk assessment DOCX template (docxtpl) with python-docx, reproducibly.

    python -m tools.docx_templates risk            # write them into templates/
    python -m tools.docx_templates --check risk    # exit 1 if a committed one differs

It places the fields of ``paperwork.builders.risk_assessment.RiskContext``; every tag is in
one run, ``{%tr %}`` loops over table rows and ``{%p %}`` over paragraphs (see
kit.py). A4 landscape, like the HTML.
"""

from __future__ import annotations

from collections.abc import Callable

from docx import Document
from docx.shared import Pt

from . import kit

HEAD_FILL = "E8EDF3"


MATRIX_WIDTHS = (28, 20, 20, 20, 20, 20, 11, 28, 20, 20, 20, 20, 20)  # 267 mm: two and a gap
WHITE = "FFFFFF"


def _matrices(doc: Document) -> None:
    """The two 5x5 matrices side by side, in one table: the context holds every cell, so the
    template only places them; each cell is shaded with its band's colour (``cellbg``)."""
    kit.para(doc, "Risk matrix", style="Heading 2")
    t = kit.table(doc, 7, MATRIX_WIDTHS, lines=False)
    for m, first in enumerate((0, 7)):
        title = t.cell(0, first).merge(t.cell(0, first + 5))
        kit.cell(title, f"{{{{ matrices[{m}].title }}}}", bold=True)
        kit.cell(t.cell(1, first), "Likelihood ↓ Severity →", size=6.5, colour=kit.GREY)
        kit.shade(t.cell(1, first), HEAD_FILL)
        for s in range(5):
            head = t.cell(1, first + 1 + s)
            kit.cell(head, f"{{{{ severity_heads[{s}] }}}}", size=6.5, colour=kit.GREY)
            kit.shade(head, HEAD_FILL)
        for i in range(5):
            row = f"matrices[{m}].rows[{i}]"
            label = t.cell(2 + i, first)
            kit.cell(label, f"{{{{ {row}.likelihood }}}}", size=6.5, colour=kit.GREY)
            kit.shade(label, HEAD_FILL)
            for s in range(5):
                c = f"{row}.cells[{s}]"
                p = kit.cell(t.cell(2 + i, first + 1 + s), f"{{% cellbg {c}.fill %}}", size=6.5)
                kit.run(p, f"{{{{ {c}.rating }}}}", size=6.5, colour=kit.GREY)
                kit.run(p, f" {{{{ {c}.ids }}}}", bold=True, size=7)
    for row in t.rows[2:]:
        row.height = kit.Mm(8)
        row._tr.get_or_add_trPr().append(kit.cant_split())
    kit.para(doc, size=4, after=0)


HAZARD_CELLS = (
    "{{ r.id }}",
    "{{ r.hazard }}",
    "{{ r.who }}",
    "{{ r.controls }}",
    "{{ r.likelihood }}",
    "{{ r.severity }}",
    "{{ r.rating }} {{ r.band }}",
    "{{ r.further_controls }}",
    "{{ r.residual_likelihood }}",
    "{{ r.residual_severity }}",
    "{{ r.residual_rating }} {{ r.residual_band }}",
    "{{ r.owner }}",
    "{{ r.due }}",
    "{{ r.status }}",
)
RATING_FILLS = {6: "r.fill", 10: "r.residual_fill"}  # the band's colour behind each rating


def _hazard_cells(t: object, row: int, *, keep: bool) -> None:
    """One hazard's row; ``keep``: every paragraph kept with the next (the last row)."""
    for i, text in enumerate(HAZARD_CELLS):
        shade = f"{{% cellbg {RATING_FILLS[i]} %}}" if i in RATING_FILLS else ""
        kit.cell(t.cell(row, i), shade + text, bold=i in RATING_FILLS)  # type: ignore[attr-defined]
    hazard = t.cell(row, 1)  # type: ignore[attr-defined]
    kit.tag(hazard, "{%p if r.category %}")
    kit.para(hazard, "{{ r.category }}", size=7, colour=kit.GREY, after=0)
    kit.tag(hazard, "{%p endif %}")
    kit.tag(hazard, "{%p if r.scenes %}")
    kit.para(hazard, "Scenes {{ r.scenes }}", size=7, colour=kit.GREY, after=0)
    kit.tag(hazard, "{%p endif %}")
    if keep:
        for c in t.rows[row].cells:  # type: ignore[attr-defined]
            for para in c.paragraphs:
                para.paragraph_format.keep_with_next = True


def risk_assessment() -> Document:
    doc = Document()
    kit.styles(doc, 8)
    kit.page(doc, landscape=True, margins=(18, 15, 18, 15))
    title = kit.report_start(doc, "{{ document_title }}", "Risk assessment: {{ location }}")
    title.paragraph_format.space_before = Pt(0)
    kit.para(doc, "{{ production_title }} · {{ summary }} · Assessed {{ date }}",
             colour=kit.GREY, after=6)  # fmt: skip

    details = kit.table(doc, 3, (50, 80))
    kit.loop_rows(details, 0, "for d in header", ("{{ d.label }}", "{{ d.value }}"))

    kit.para(doc, "Emergency arrangements", style="Heading 2")
    emergency = kit.table(doc, 3, (50, 150))
    kit.loop_rows(emergency, 0, "for d in emergency", ("{{ d.label }}", "{{ d.value }}"))

    _matrices(doc)

    kit.tag(doc, "{%p if unassessed %}")
    kit.para(doc, "Script hazards not yet assessed", style="Heading 2").runs[
        0
    ].font.color.rgb = kit.RED
    todo = kit.table(doc, 4, (14, 70, 45, 30, 108))
    kit.header_row(todo, ("Scene", "Heading", "Hazard", "Found", "Guidance"))
    kit.loop_rows(
        todo,
        1,
        "for u in unassessed",
        ("{{ u.scene }}", "{{ u.heading }}", "{{ u.hazard }}", "{{ u.found }}", "{{ u.guidance }}"),
    )
    kit.tag(doc, "{%p endif %}")

    kit.para(doc, "Hazards", style="Heading 2")
    widths = (10, 35, 30, 35, 6, 6, 18, 38, 6, 6, 18, 22, 17, 20)  # 267 mm, as in the HTML
    rows = kit.table(doc, 8, widths)
    kit.header_row(rows, ("ID", "Hazard", "Who might be harmed and how", "Existing controls", "L", "S",
                  "Risk", "Further controls", "L", "S", "Residual", "Owner", "Due", "Status"))  # fmt: skip
    # The last hazard's row is kept with what follows it (the scale note, the sign-off): the
    # same cells twice, the second with "keep with next" on every paragraph.
    kit.cell(rows.cell(1, 0), "{%tr for r in rows %}")
    kit.cell(rows.cell(2, 0), "{%tr if not loop.last %}")
    _hazard_cells(rows, 3, keep=False)
    kit.cell(rows.cell(4, 0), "{%tr else %}")
    _hazard_cells(rows, 5, keep=True)
    kit.cell(rows.cell(6, 0), "{%tr endif %}")
    kit.cell(rows.cell(7, 0), "{%tr endfor %}")
    for row in rows.rows:
        row._tr.get_or_add_trPr().append(kit.cant_split())
    scale = kit.para(doc, size=7, colour=kit.GREY, after=2)
    scale.paragraph_format.keep_with_next = True
    kit.run(scale, "Risk = likelihood (L) x severity (S). ", size=7, colour=kit.GREY)
    kit.run(scale, "{% for b in bands %}{{ b.name }} {{ b.ratings }}"
            "{% if not loop.last %}, {% endif %}{% endfor %}. ", size=7, colour=kit.GREY)  # fmt: skip
    kit.run(scale, "Likelihood: {{ likelihood_scale }}. Severity: {{ severity_scale }}.",
            size=7, colour=kit.GREY)  # fmt: skip
    kit.tag(doc, "{%p if script_scanned and not unassessed %}")
    every = kit.para(doc, "Every hazard the script suggests for these scenes has a row above.",
                     size=7, colour=kit.GREY)  # fmt: skip
    every.paragraph_format.keep_with_next = True
    kit.tag(doc, "{%p endif %}")

    kit.para(doc, "Sign-off", style="Heading 2")
    sign = kit.table(doc, 4, (60, 80, 80, 40))
    kit.header_row(sign, ("Role", "Name", "Signature", "Date"))
    kit.loop_rows(sign, 1, "for s in signatories", ("{{ s }}", "", "", ""))
    sign.rows[2].height = kit.Mm(12)
    for row in sign.rows:  # the heading and the signatories on one page
        row._tr.get_or_add_trPr().append(kit.cant_split())
        for c in row.cells:
            for para in c.paragraphs:
                para.paragraph_format.keep_with_next = True
    return doc


TEMPLATES: dict[str, Callable[[], Document]] = {"risk_assessment.docx": risk_assessment}
