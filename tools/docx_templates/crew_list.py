"""Generate the crew list's DOCX template (docxtpl) with python-docx, reproducibly.

    python -m tools.docx_templates crew_list            # write it into templates/
    python -m tools.docx_templates --check crew_list    # exit 1 if the committed one differs

Variables are the top-level fields of ``paperwork.builders.crew_list.CrewListContext``. A4
portrait: the data-protection box, key contacts, the crew (a shaded row per department, then
its people), then the cast and the locations each from a new page. The Word helpers
(styles, tables, footer, writing) are those of ``kit``.
"""

from __future__ import annotations

from collections.abc import Callable

from docx import Document
from docx.shared import Pt
from docx.table import Table

from . import kit

NAVY, GREY, RED = kit.NAVY, kit.GREY, kit.RED
WIDTH = 180  # mm: A4 portrait less 15 mm margins


def _keep_rows(t: Table) -> None:
    for row in t.rows:
        row._tr.get_or_add_trPr().append(kit.cant_split())


def _loop_table(
    doc: object,
    widths: tuple[float, ...],
    labels: tuple[str, ...],
    loop: str,
    cells: tuple[str, ...],
) -> Table:
    t = kit.table(doc, 4, widths)  # type: ignore[arg-type]
    kit.header_row(t, labels)
    kit.loop_rows(t, 1, loop, cells)
    _keep_rows(t)
    return t


def crew_list() -> Document:
    doc = Document()
    kit.styles(doc, 8)
    kit.page(doc, landscape=False, margins=(18, 15, 18, 15))
    title = kit.report_start(
        doc, "{{ document_title }} · {{ version }}", "Crew list: {{ production_title }}"
    )
    title.paragraph_format.space_before = Pt(0)
    kit.para(
        doc,
        "{% if production_line %}{{ production_line }} · {% endif %}{{ version }} · "
        "{{ crew_count }}",
        colour=GREY,
        after=4,
    )

    box = kit.table(doc, 1, (WIDTH,), lines=False)
    cell = box.cell(0, 0)
    kit.shade(cell, "FDF1F0")
    p = kit.cell(cell, "{{ version }} · {{ issued }}", bold=True, colour=RED)
    kit.run(p, "{% if supersedes %} · {{ supersedes }}{% endif %}", bold=True, colour=RED)
    kit.para(cell, "{{ data_protection }}", after=0)
    kit.para(doc, after=2)

    kit.para(doc, "Key contacts", style="Heading 2")
    keys = _loop_table(
        doc,
        (30, 68, 28, 54),
        ("Contact", "Name and address", "Phone", "Email"),
        "for k in key_contacts",
        ("{{ k.label }}", "{{ k.name }}{% if k.detail %}, {{ k.detail }}{% endif %}",
         "{{ k.phone }}", "{{ k.email }}"),
    )  # fmt: skip
    bases = keys.add_row()
    bases._tr.get_or_add_trPr().append(kit.cant_split())
    kit.cell(bases.cells[0], "{%tr if unit_bases %}")
    row = keys.add_row()
    kit.cell(row.cells[0], "Unit bases", bold=True)
    place = row.cells[1].merge(row.cells[3])
    kit.run(kit.first_para(place), "{%p for b in unit_bases %}")
    kit.para(place, "{{ b }}", after=0)
    kit.tag(place, "{%p endfor %}")
    end = keys.add_row()
    kit.cell(end.cells[0], "{%tr endif %}")

    kit.para(doc, "Crew", style="Heading 2")
    widths = (37, 31, 24, 52, 18, 18)
    t = kit.table(doc, 7, widths)
    kit.header_row(t, ("Role", "Name", "Mobile", "Email", "Start", "End"))
    kit.cell(t.cell(1, 0), "{%tr for dep in departments %}")
    head = kit.cell(t.cell(2, 0), "{{ dep.name }}", bold=True, colour=NAVY)
    head.paragraph_format.keep_with_next = True  # Word keeps the heading with its first person
    for i in range(len(widths)):
        kit.shade(t.cell(2, i), "E8EDF3")
    t.cell(2, 0).merge(t.cell(2, len(widths) - 1))
    t.rows[2]._tr.get_or_add_trPr().append(kit.cant_split())
    kit.cell(t.cell(3, 0), "{%tr for r in dep.rows %}")
    cells = ("{{ r.role }}", "{{ r.name }}", "{{ r.mobile }}", "{{ r.email }}",
             "{{ r.start }}", "{{ r.end }}")  # fmt: skip
    for i, text in enumerate(cells):
        kit.cell(t.cell(4, i), text, bold=i == 1)
    kit.cell(t.cell(5, 0), "{%tr endfor %}")
    kit.cell(t.cell(6, 0), "{%tr endfor %}")
    _keep_rows(t)
    kit.para(doc, "{{ withheld_note }}", size=7, colour=GREY, after=0)

    kit.tag(doc, "{%p if cast %}")
    h = kit.para(doc, "Cast and agents", style="Heading 2")
    h.paragraph_format.page_break_before = True
    kit.para(
        doc,
        "{{ cast_count }}. Contact artists through their agents, or through the production "
        "office where shown; never directly unless the artist has agreed.",
        size=7.5,
        colour=GREY,
    )
    _loop_table(
        doc,
        (9, 28, 32, 34, 29, 48),
        ("ID", "Character", "Artist", "Agent", "Phone", "Email"),
        "for r in cast",
        ("{{ r.id }}", "{{ r.character }}", "{{ r.artist }}", "{{ r.agent }}", "{{ r.phone }}",
         "{{ r.email }}"),
    )  # fmt: skip
    kit.tag(doc, "{%p endif %}")

    kit.tag(doc, "{%p if locations %}")
    h = kit.para(doc, "Locations and unit bases", style="Heading 2")
    h.paragraph_format.page_break_before = True
    _loop_table(
        doc,
        (10, 36, 46, 46, 42),
        ("ID", "Location", "Address", "Unit base", "On-site contact"),
        "for l in locations",
        ("{{ l.id }}", "{{ l.name }}", "{{ l.address }}", "{{ l.unit_base }}", "{{ l.contact }}"),
    )
    kit.tag(doc, "{%p endif %}")
    return doc


TEMPLATES: dict[str, Callable[[], Document]] = {"crew_list.docx": crew_list}
