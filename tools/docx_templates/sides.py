"""Generate the sides cover DOCX template (``sides.docx``), reproducibly.

    python -m tools.docx_templates sides            # write it into templates/
    python -m tools.docx_templates --check sides    # exit 1 if the committed one differs

The cover only: the pipeline appends the day's script pages after it (see
``paperwork.render.screenplay_docx.render_sides_docx``), so the cover has no header or
footer of its own and uses no list numbering. Variables are the fields of
``paperwork.builders.sides.SidesContext``.
"""

from __future__ import annotations

from collections.abc import Callable

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from . import kit

GREY, RED = kit.GREY, kit.RED


def sides() -> Document:
    doc = Document()
    kit.styles(doc, 10)
    kit.page(doc, landscape=False, margins=(20, 20, 24, 20))
    first = kit.first_para(doc)
    kit.run(first, "{{ company }}", bold=True, size=9, colour=kit.NAVY)
    kit.para(doc, "{{ production_title }}", bold=True, size=24, after=2)
    kit.para(doc, "Sides", bold=True, size=36, after=4)
    kit.para(doc, "{{ day_of }} · {{ date }}", bold=True, size=16, after=2)
    kit.para(
        doc,
        "{{ unit }}{% if unit_call %} · Unit call {{ unit_call }}{% endif %}"
        "{% if shooting_call %} · Shooting call {{ shooting_call }}{% endif %}",
        size=12,
        after=12,
    )
    widths = (12, 66, 22, 20, 28, 22)  # 170 mm
    t = kit.table(doc, 4, widths)
    labels = ("Sc.", "Set", "D/N", "Pages", "Cast", "Script page")
    right = (3, 5)
    for i, label in enumerate(labels):
        kit.cell(t.cell(0, i), label, bold=True,
                 align=WD_ALIGN_PARAGRAPH.RIGHT if i in right else None)  # fmt: skip
        kit.shade(t.cell(0, i), "E8EDF3")
    kit.repeat_header(t)
    kit.loop_rows(
        t,
        1,
        "for s in scenes",
        ("{{ s.number }}", "{{ s.set }}", "{{ s.day_night }}", "{{ s.pages }}", "{{ s.cast }}",
         "{{ s.script_pages }}"),
        right=right,
    )  # fmt: skip
    note = kit.para(t.cell(2, 1), "{% if s.notes %}{{ s.notes }}{% endif %}", size=8, colour=GREY)
    note.paragraph_format.space_after = Pt(0)
    for row in t.rows:
        row._tr.get_or_add_trPr().append(kit.cant_split())
    note = kit.para(doc, "{{ scene_count }} · {{ total_pages }} · {{ page_list }}", colour=GREY)
    note.paragraph_format.space_before = Pt(6)
    kit.para(
        doc,
        "{{ layout_note }}. Lines struck through are other days' scenes.",
        colour=GREY,
    )
    kit.tag(doc, "{%p for m in missing %}")
    kit.para(doc, "{{ m }}", bold=True, colour=RED)
    kit.tag(doc, "{%p endfor %}")
    kit.para(doc, "{{ footer_note }}", size=7, colour=GREY)
    return doc


TEMPLATES: dict[str, Callable[[], Document]] = {
    "sides.docx": sides,
}
