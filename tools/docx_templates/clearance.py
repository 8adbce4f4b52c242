"""Generate the bundled DOCX templates (docxtpl) with python-docx, reproducibly.

    python -m tools.docx_templates clearance            # write them into templates/
    python -m tools.docx_templates --check clearance    # exit 1 if a committed one differs

The templates are plain Word documents with Jinja tags in single runs:

- ``{{ name }}`` places a value (the renderer renders with autoescape on, so ``&`` and
  ``<`` in the data are safe);
- ``{%p ... %}`` alone in a paragraph loops or branches over whole paragraphs (and any
  table between them); ``{%tr ... %}`` alone in a row's first cell loops over table rows;
- ``{{ logo }}`` sits in its own paragraph inside ``{%p if logo %}``: the context holds the
  logo's path (or ""), and the DOCX renderer replaces a non-empty one with a docxtpl
  ``InlineImage`` before rendering.

Variables are the top-level fields of the builder's context dataclass
(``paperwork.builders.clearance_letter.LetterContext``, ``clearance_log.LogContext``).
Output is byte-for-byte reproducible: fixed document properties and zip timestamps. The
Word helpers (styles, tables, footer, writing) are those of ``kit``.
"""

from __future__ import annotations

from collections.abc import Callable

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from . import kit

NAVY, GREY, RED = kit.NAVY, kit.GREY, kit.RED
_styles, _page, _para, _run, _tag = kit.styles, kit.page, kit.para, kit.run, kit.tag
_first_para, _border, _rule_below = kit.first_para, kit.border, kit.rule_below
_table, _repeat_header, _shade, _cell = kit.table, kit.repeat_header, kit.shade, kit.cell
_loop_rows, _logo, _footer, _cant_split = kit.loop_rows, kit.logo, kit.footer, kit.cant_split


# --- The clearance request letter -----------------------------------------------------------


def clearance_letter() -> Document:
    doc = Document()
    _styles(doc, 10)
    _page(doc, landscape=False, margins=(20, 20, 22, 20))
    kit.letter_pages(doc.sections[0], "{{ subject }} · Our ref {{ our_ref }}")

    spacer = _first_para(doc)
    spacer.paragraph_format.space_after = Pt(10)
    top = _table(doc, 1, (105, 65), lines=False)
    left, right = top.cell(0, 0), top.cell(0, 1)
    _run(_first_para(left), "{%p for line in addressee %}")
    _para(left, "{{ line }}", after=0)
    _tag(left, "{%p endfor %}")
    _tag(left, "{%p if holder_email %}")
    _para(left, "By email: {{ holder_email }}", size=8.5, colour=GREY, after=0)
    _tag(left, "{%p endif %}")
    meta = _first_para(right)
    _run(meta, "Our ref  ", colour=GREY)
    _run(meta, "{{ our_ref }}")
    meta.paragraph_format.space_after = Pt(0)
    date = _para(right, after=0)
    _run(date, "Date  ", colour=GREY)
    _run(date, "{{ date }}")

    _para(doc, after=6)
    _para(doc, "{{ salutation }}", after=6)
    _para(doc, "{{ subject }}", style="Heading 1")
    _para(doc, "{{ intro }}", after=6)

    _para(doc, "The material ({{ item_count }})", style="Heading 2")
    _tag(doc, "{%p for item in material %}")
    _para(doc, "{{ item.number }}. {{ item.id }} · {{ item.type }}", style="Heading 3")
    details = _table(doc, 3, (50, 120))
    _loop_rows(details, 0, "for d in item.details", ("{{ d.label }}", "{{ d.value }}"))
    _tag(doc, "{%p endfor %}")

    _para(doc, "Rights sought", style="Heading 2")
    rights = _table(doc, 3, (50, 120))
    _loop_rows(rights, 0, "for d in rights_sought", ("{{ d.label }}", "{{ d.value }}"))

    for title, var in (
        ("Credit", "credit"),
        ("Warranties", "warranties"),
        ("Payment", "payment_terms"),
    ):
        _para(doc, title, style="Heading 2")
        _para(doc, f"{{{{ {var} }}}}", after=4)

    reply = _para(doc, after=8)
    reply.paragraph_format.space_before = Pt(6)
    _run(reply, "Please let us have your reply, with your licence terms or quotation, by ")
    _run(reply, "{{ reply_by }}", bold=True)
    _run(
        reply,
        ", quoting our reference {{ our_ref }}. This letter is a request, subject to contract: "
        "when the terms and fee are agreed we will send a licence for signature. Meanwhile, "
        "please confirm the terms and your fee in writing, or complete and return the "
        "confirmation below.",
    )
    _border(reply._p.get_or_add_pPr(), {"left": ("single", 18, "1F3A5F")}, "w:pBdr")
    reply.paragraph_format.left_indent = Mm(3)

    sign = _para(doc, "Yours sincerely,", after=0)
    sign.paragraph_format.keep_with_next = True
    gap = _para(doc, after=0)
    gap.paragraph_format.keep_with_next = True
    gap.add_run().add_break(WD_BREAK.LINE)
    gap.add_run().add_break(WD_BREAK.LINE)
    _tag(doc, "{%p if signatory_name %}")
    name = _para(doc, "{{ signatory_name }}", bold=True, after=0)
    name.paragraph_format.keep_with_next = True
    _tag(doc, "{%p endif %}")
    _tag(doc, "{%p if signatory_role %}")
    _para(doc, "{{ signatory_role }}", after=0).paragraph_format.keep_with_next = True
    _tag(doc, "{%p endif %}")
    _para(doc, "For and on behalf of {{ sender }}", after=0)
    _tag(doc, "{%p if signatory_contact %}")
    _para(doc, "{{ signatory_contact }}", size=8.5, colour=GREY, after=0)
    _tag(doc, "{%p endif %}")

    _para(doc, after=10)
    accept = _table(doc, 6, (40, 130), lines=False)
    tbl_pr = accept._tbl.tblPr
    for old in tbl_pr.findall(qn("w:tblBorders")):
        tbl_pr.remove(old)
    box = ("single", 4, "888888")
    _border(tbl_pr, {"top": box, "left": box, "bottom": box, "right": box}, "w:tblBorders")
    intro_cell = accept.cell(0, 0).merge(accept.cell(0, 1))
    p = _first_para(intro_cell)
    _run(p, "Confirmation of terms, subject to contract", bold=True)
    _run(p, ": for {{ holder }}, I confirm that we control the rights in the material listed in ")
    _run(p, "this letter (our ref {{ our_ref }}) and will license it on the terms set out above, ")
    _run(p, "for the fee below, subject to a licence signed by both parties.")
    p.paragraph_format.space_after = Pt(6)
    for i, label in enumerate(("Fee", "Signature", "Name", "Position", "Date"), start=1):
        _cell(accept.cell(i, 0), label)
        _first_para(accept.cell(i, 0)).paragraph_format.space_before = Pt(10)
        tc_pr = accept.cell(i, 1)._tc.get_or_add_tcPr()
        _border(tc_pr, {"bottom": ("single", 4, "555555")}, "w:tcBorders")
    for row in accept.rows:  # the box stays whole and on the page of the office line
        row._tr.get_or_add_trPr().append(_cant_split())
        for cell in row.cells:
            for para in cell.paragraphs:
                para.paragraph_format.keep_with_next = True

    _para(doc, after=6).paragraph_format.keep_with_next = True
    _para(doc, "{{ office_line }}", size=8, colour=GREY, after=0)
    return doc


# --- The clearance log ------------------------------------------------------------------------


def clearance_log() -> Document:
    doc = Document()
    _styles(doc, 8)
    _page(doc, landscape=True, margins=(18, 15, 18, 15))
    title = kit.report_start(
        doc, "{{ document_title }} · as at {{ date }}", "Clearance log: {{ production_title }}"
    )
    title.paragraph_format.space_before = Pt(0)
    _para(
        doc,
        "{% if production_type %}{{ production_type }} · {% endif %}"
        "{% if commissioner %}{{ commissioner }} · {% endif %}"
        "{% if release %}Intended release: {{ release }} · {% endif %}"
        "{{ item_count }} · As at {{ date }}",
        colour=GREY,
        after=6,
    )

    _tag(doc, "{%p if warnings %}")
    _para(doc, "Needs attention", style="Heading 2").runs[0].font.color.rgb = RED
    _tag(doc, "{%p for w in warnings %}")
    _para(doc, "{{ w }}", style="List Bullet", colour=RED, after=1)
    _tag(doc, "{%p endfor %}")
    _tag(doc, "{%p endif %}")

    _para(doc, "Budget", style="Heading 2")
    budget = _table(doc, 3, (70, 30))
    _loop_rows(budget, 0, "for d in budget", ("{{ d.label }}", "{{ d.value }}"), right=(1,))

    money_cols = (1, 2, 3, 4)
    for heading, var, first in (
        ("Totals by status", "by_status", "Status"),
        ("Totals by type", "by_type", "Type"),
    ):
        _para(doc, heading, style="Heading 2")
        t = _table(doc, 5, (45, 15, 30, 35, 30))
        for i, label in enumerate((first, "Items", "Agreed", "Open", "Total")):
            _cell(t.cell(0, i), label, bold=True,
                  align=WD_ALIGN_PARAGRAPH.RIGHT if i in money_cols else None)  # fmt: skip
            _shade(t.cell(0, i), "E8EDF3")
        _repeat_header(t)
        _loop_rows(
            t,
            1,
            f"for t in {var}",
            ("{{ t.label }}", "{{ t.count }}", "{{ t.agreed }}", "{{ t.quoted }}", "{{ t.total }}"),
            right=money_cols,
        )
        for i, name in enumerate(("label", "count", "agreed", "quoted", "total")):
            _cell(t.cell(4, i), f"{{{{ grand_total.{name} }}}}", bold=True,
                  align=WD_ALIGN_PARAGRAPH.RIGHT if i in money_cols else None)  # fmt: skip

    _para(doc, "Items", style="Heading 2")
    # 267 mm: A4 landscape less margins
    widths = (11, 16, 44, 29, 23, 15, 16, 16, 16, 17, 17, 17, 30)
    items = _table(doc, 4, widths)
    headers = (
        "ID",
        "Type",
        "Description",
        "Media · territory · term",
        "Rights holder",
        "Status",
        "Quoted",
        "Offered",
        "Agreed",
        "Requested",
        "Reply by",
        "Licence expiry",
        "Attention",
    )
    right = (6, 7, 8)
    for i, label in enumerate(headers):
        _cell(items.cell(0, i), label, bold=True,
              align=WD_ALIGN_PARAGRAPH.RIGHT if i in right else None)  # fmt: skip
        _shade(items.cell(0, i), "E8EDF3")
    _repeat_header(items)
    _cell(items.cell(1, 0), "{%tr for row in rows %}")
    cells = (
        "{{ row.id }}",
        "{{ row.type }}",
        "{{ row.description }}",
        "{{ row.media }}",
        "{{ row.holder }}",
        "{{ row.status }}",
        "{{ row.fee_quoted }}",
        "{{ row.fee_offered }}",
        "{{ row.fee_agreed }}",
        "{{ row.requested }}",
        "{{ row.reply_by }}",
        "{{ row.licence_expiry }}",
        "{{ row.flag }}",
    )
    for i, text in enumerate(cells):
        _cell(items.cell(2, i), text, align=WD_ALIGN_PARAGRAPH.RIGHT if i in right else None)
    desc = items.cell(2, 2)
    _tag(desc, "{%p if row.identifiers %}")
    _para(desc, "{{ row.identifiers }}", size=7, colour=GREY, after=0)
    _tag(desc, "{%p endif %}")
    _tag(desc, "{%p if row.restrictions %}")
    _para(desc, "Restrictions: {{ row.restrictions }}", size=7, colour=GREY, after=0)
    _tag(desc, "{%p endif %}")
    rights = items.cell(2, 3)
    _para(rights, "{{ row.territory }}", after=0)
    _para(rights, "{{ row.term }}", after=0)
    _cell(items.cell(3, 0), "{%tr endfor %}")
    for row in items.rows:
        row._tr.get_or_add_trPr().append(_cant_split())
    return doc


TEMPLATES: dict[str, Callable[[], Document]] = {
    "clearance_letter.docx": clearance_letter,
    "clearance_log.docx": clearance_log,
}
