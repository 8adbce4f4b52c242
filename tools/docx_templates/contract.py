"""Generate the bundled crew contract DOCX template (docxtpl) with python-docx, reproducibly.

    python -m tools.docx_templates contract            # write them into templates/
    python -m tools.docx_templates --check contract    # exit 1 if a committed one differs

The template is a plain Word document with Jinja tags, each in a single run (docxtpl does
not see a tag split across runs):

- ``{{ name }}`` places a value; the renderer autoescapes, so ``&`` and ``'`` in names
  (``O'Neill & Sons Ltd``) are text;
- ``{%p ... %}`` alone in a paragraph loops or branches over whole paragraphs;
  ``{%tr ... %}`` alone in a row's first cell loops over table rows;
- ``{{ logo }}`` sits alone in a paragraph inside ``{%p if logo %}``: the DOCX renderer
  swaps the logo's path for an image.

It uses only the fields listed in ``paperwork.builders.crew_contract``'s docstring (the
same list a company's own template may use); a test checks that.
"""

from __future__ import annotations

from collections.abc import Callable

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.shared import Pt
from docx.table import Table

from . import kit

GREY = kit.GREY
_para, _run, _tag, _first, _border = kit.para, kit.run, kit.tag, kit.first_para, kit.border
_cell, _shade = kit.cell, kit.shade


def _table(where: object, rows: int, widths: tuple[float, ...], *, lines: bool = True) -> Table:
    """The contract's tables set only the cells' widths (see ``kit.table``)."""
    return kit.table(where, rows, widths, lines=lines, grid=False)


def crew_contract() -> Document:
    doc = Document()
    kit.styles(doc, 10, after=4, headings=((13, 6), (10, 10), (10, 8)))
    kit.page(doc, landscape=False, margins=(20, 20, 20, 20))
    kit.letter_pages(doc.sections[0], "{{ document_title }} · {{ reference }}")

    meta = _first(doc)
    _run(meta, "Our ref  ", colour=GREY)
    _run(meta, "{{ reference }}")
    meta.paragraph_format.space_after = Pt(0)
    date = _para(doc, after=6)
    _run(date, "Date  ", colour=GREY)
    _run(date, "{{ date }}")

    _para(doc, "Crew contract and deal memo: {{ crew_name }}", style="Heading 1")
    sub = _para(doc, colour=GREY, after=8)
    _run(
        sub,
        "{{ production_title }}{% if production_type %} · {{ production_type }}{% endif %}"
        "{% if commissioner %} · {{ commissioner }}{% endif %} · {{ role }}",
        colour=GREY,
    )

    parties = _table(doc, 1, (85, 85), lines=False)
    left, right = parties.cell(0, 0), parties.cell(0, 1)
    _cell(left, "THE COMPANY", size=8, colour=GREY)
    _para(left, "{{ company_name }}", bold=True, after=0)
    _para(left, "{{ letterhead.address_line }}", after=0)
    _tag(left, "{%p if letterhead.registration_line %}")
    _para(left, "{{ letterhead.registration_line }}", size=8, colour=GREY, after=0)
    _tag(left, "{%p endif %}")
    _cell(right, "ENGAGED", size=8, colour=GREY)
    _para(right, "{{ engaged_party }}", bold=True, after=0)
    _para(right, "{{ crew_address_line }}", after=0)
    _para(right, "{{ crew_email }}{% if crew_email and crew_phone %} · {% endif %}{{ crew_phone }}",
          size=8, colour=GREY, after=0)  # fmt: skip

    _para(doc, "Deal memo", style="Heading 2")
    memo = _table(doc, 3, (50, 120))
    _cell(memo.cell(0, 0), "{%tr for t in key_terms %}")
    _cell(memo.cell(1, 0), "{{ t.label }}", colour=GREY)
    _cell(memo.cell(1, 1), "{{ t.value }}")
    _cell(memo.cell(2, 0), "{%tr endfor %}")

    _para(doc, "Money", style="Heading 2")
    money = _table(doc, 5, (45, 95, 30))
    right_align = WD_ALIGN_PARAGRAPH.RIGHT
    for i, label in enumerate(("Item", "Working", "Amount")):
        _cell(money.cell(0, i), label, bold=True, align=right_align if i == 2 else None)
        _shade(money.cell(0, i), "E8EDF3")
    _cell(money.cell(1, 0), "{%tr for line in pay_lines %}")
    _cell(money.cell(2, 0), "{{ line.label }}")
    _cell(money.cell(2, 1), "{{ line.working }}", colour=GREY)
    _cell(money.cell(2, 2), "{{ line.amount }}", align=right_align)
    _cell(money.cell(3, 0), "{%tr endfor %}")
    _cell(money.cell(4, 0), "Estimated total cost", bold=True)
    _cell(money.cell(4, 1), "before VAT", colour=GREY)
    _cell(money.cell(4, 2), "{{ estimated_total }}", bold=True, align=right_align)
    _tag(doc, "{%p if vat_line %}")
    _para(doc, "{{ vat_line }}.", size=8.5, colour=GREY, after=2)
    _tag(doc, "{%p endif %}")
    _para(
        doc,
        "Figures are in {{ currency }}, worked to the penny (half a penny rounds up). Overtime "
        "and any extra days are paid on top, as set out below.",
        size=8.5,
        colour=GREY,
    )

    _tag(doc, "{%p for clause in clauses %}")
    _para(doc, "{{ clause.number }}. {{ clause.title }}", style="Heading 3")
    _tag(doc, "{%p for para in clause.paragraphs %}")
    _para(doc, "{{ para }}")
    _tag(doc, "{%p endfor %}")
    _tag(doc, "{%p endfor %}")

    _para(doc, after=12)
    signs = _table(doc, 1, (85, 85), lines=False)
    company, crew = signs.cell(0, 0), signs.cell(0, 1)
    for cell in (company, crew):
        gap = _first(cell)
        gap.add_run().add_break(WD_BREAK.LINE)
        gap.add_run().add_break(WD_BREAK.LINE)
        _border(gap._p.get_or_add_pPr(), {"bottom": ("single", 4, "555555")}, "w:pBdr")
    who = _para(company, after=0)
    _run(who, "{% if signatory_name %}{{ signatory_name }}{% else %}Name:{% endif %}", bold=True)
    _run(who, "{% if signatory_role %}, {{ signatory_role }}{% endif %}")
    _para(company, "{{ company_signs_for }}", after=8)
    _para(company, "Date:", after=0)
    _para(crew, "{{ crew_name }}", bold=True, after=0)
    _tag(crew, "{%p if crew_signs_for %}")
    _para(crew, "{{ crew_signs_for }}", after=0)
    _tag(crew, "{%p endif %}")
    _para(crew, after=8)
    _para(crew, "Date:", after=0)
    for row in signs.rows:
        row._tr.get_or_add_trPr().append(kit.cant_split())
    return doc


TEMPLATES: dict[str, Callable[[], Document]] = {"crew_contract.docx": crew_contract}
