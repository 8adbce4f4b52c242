"""Generate the bundled crew contract DOCX template (docxtpl) with python-docx, reproducibly.

    python tools/make_contract_templates.py            # write templates/crew_contract.docx
    python tools/make_contract_templates.py --check    # exit 1 if the committed file differs

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

import argparse
import datetime as dt
import io
import sys
import zipfile
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
NAME = "crew_contract.docx"

FONT = "Arial"  # on every Word install; LibreOffice maps it to Liberation Sans
NAVY = RGBColor(0x1F, 0x3A, 0x5F)
GREY = RGBColor(0x55, 0x55, 0x55)
FIXED_TIME = dt.datetime(2026, 1, 1)


def _fonts(rpr: object) -> None:
    fonts = rpr.find(qn("w:rFonts"))  # type: ignore[attr-defined]
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.append(fonts)  # type: ignore[attr-defined]
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        fonts.attrib.pop(qn(attr), None)


def _styles(doc: Document) -> None:
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(10)
    _fonts(normal.element.get_or_add_rPr())
    normal.paragraph_format.space_after = Pt(4)
    normal.paragraph_format.line_spacing = 1.1
    for name, size, colour, before in (
        ("Heading 1", 13, RGBColor(0x1A, 0x1A, 0x1A), 6),
        ("Heading 2", 10, NAVY, 10),
        ("Heading 3", 10, RGBColor(0x1A, 0x1A, 0x1A), 8),
    ):
        style = doc.styles[name]
        style.font.name = FONT
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.italic = False
        style.font.color.rgb = colour
        style.paragraph_format.space_before = Pt(before)
        style.paragraph_format.space_after = Pt(3)
        style.paragraph_format.keep_with_next = True
        _fonts(style.element.get_or_add_rPr())
    doc.styles["Heading 2"].font.all_caps = True


def _run(p: Paragraph, text: str, *, bold: bool = False, size: float | None = None,
         colour: RGBColor | None = None) -> None:  # fmt: skip
    r = p.add_run(text)
    r.bold = bold or None
    if size is not None:
        r.font.size = Pt(size)
    if colour is not None:
        r.font.color.rgb = colour


def _para(where: object, text: str = "", *, style: str | None = None, bold: bool = False,
          size: float | None = None, colour: RGBColor | None = None,
          align: WD_ALIGN_PARAGRAPH | None = None, after: float | None = None) -> Paragraph:  # fmt: skip
    p: Paragraph = where.add_paragraph(style=style)  # type: ignore[attr-defined]
    if text:
        _run(p, text, bold=bold, size=size, colour=colour)
    if align is not None:
        p.alignment = align
    if after is not None:
        p.paragraph_format.space_after = Pt(after)
    return p


def _tag(where: object, tag: str) -> None:
    """A paragraph holding only a ``{%p %}`` tag; docxtpl removes it."""
    where.add_paragraph(tag)  # type: ignore[attr-defined]


def _first(where: object) -> Paragraph:
    paragraphs = where.paragraphs  # type: ignore[attr-defined]
    return paragraphs[0] if paragraphs else where.add_paragraph()  # type: ignore[attr-defined,no-any-return]


def _border(el: object, edges: dict[str, tuple[str, int, str]], tag: str) -> None:
    borders = OxmlElement(tag)
    for edge, (kind, size, colour) in edges.items():
        b = OxmlElement(f"w:{edge}")
        b.set(qn("w:val"), kind)
        b.set(qn("w:sz"), str(size))
        b.set(qn("w:space"), "0")
        b.set(qn("w:color"), colour)
        borders.append(b)
    el.append(borders)  # type: ignore[attr-defined]


def _field(p: Paragraph, instr: str, size: float) -> None:
    """A PAGE / NUMPAGES field."""
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), instr)
    r = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    sz = OxmlElement("w:sz")
    sz.set(qn("w:val"), str(int(size * 2)))
    rpr.append(sz)
    r.append(rpr)
    t = OxmlElement("w:t")
    t.text = "1"
    r.append(t)
    fld.append(r)
    p._p.append(fld)


def _table(where: object, rows: int, widths: tuple[float, ...], *, lines: bool = True) -> Table:
    t: Table = where.add_table(rows=rows, cols=len(widths))  # type: ignore[attr-defined]
    t.alignment = WD_TABLE_ALIGNMENT.LEFT
    t.autofit = False
    pr = t._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    pr.append(layout)
    none = ("nil", 0, "auto")
    rule = ("single", 2, "CCCCCC") if lines else none
    _border(pr, {"top": none, "left": none, "bottom": rule, "right": none, "insideH": rule,
                 "insideV": none}, "w:tblBorders")  # fmt: skip
    for row in t.rows:
        for cell, w in zip(row.cells, widths, strict=True):
            cell.width = Mm(w)
    return t


def _cell(cell: _Cell, text: str, *, bold: bool = False, size: float | None = None,
          colour: RGBColor | None = None, align: WD_ALIGN_PARAGRAPH | None = None) -> Paragraph:  # fmt: skip
    p = _first(cell)
    _run(p, text, bold=bold, size=size, colour=colour)
    p.paragraph_format.space_after = Pt(0)
    if align is not None:
        p.alignment = align
    return p


def _shade(cell: _Cell, fill: str) -> None:
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shd)


def _footer(where: object) -> None:
    p = _first(where)
    _run(p, "{{ footer_note }}", size=7, colour=GREY)
    _border(p._p.get_or_add_pPr(), {"top": ("single", 4, "999999")}, "w:pBdr")
    p.paragraph_format.space_after = Pt(0)
    q = _para(where, align=WD_ALIGN_PARAGRAPH.RIGHT, after=0)
    _run(q, "Page ", size=7, colour=GREY)
    _field(q, "PAGE", 7)
    _run(q, " of ", size=7, colour=GREY)
    _field(q, "NUMPAGES", 7)


def crew_contract() -> Document:
    doc = Document()
    _styles(doc)
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin = section.right_margin = Mm(20)
    section.header_distance = section.footer_distance = Mm(8)
    section.different_first_page_header_footer = True

    head = section.first_page_header
    _run(_first(head), "{%p if logo %}")
    _para(head, "{{ logo }}", align=WD_ALIGN_PARAGRAPH.RIGHT, after=2)
    _tag(head, "{%p endif %}")
    _para(head, "{{ letterhead.company }}", bold=True, size=15, colour=NAVY,
          align=WD_ALIGN_PARAGRAPH.RIGHT, after=0)  # fmt: skip
    _para(head, "{{ letterhead.address_line }}", size=8, colour=GREY,
          align=WD_ALIGN_PARAGRAPH.RIGHT, after=0)  # fmt: skip
    line = _para(head, "{{ letterhead.contact_line }}", size=8, colour=GREY,
                 align=WD_ALIGN_PARAGRAPH.RIGHT, after=0)  # fmt: skip
    _border(line._p.get_or_add_pPr(), {"bottom": ("single", 10, "1F3A5F")}, "w:pBdr")
    running = _first(section.header)
    _run(running, "{{ document_title }} · {{ reference }}", size=7.5, colour=GREY)
    running.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _footer(section.first_page_footer)
    _footer(section.footer)

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
        cant = OxmlElement("w:cantSplit")
        cant.set(qn("w:val"), "true")
        row._tr.get_or_add_trPr().append(cant)
    return doc


def render() -> bytes:
    """The template as bytes that do not depend on when or where it was made."""
    doc = crew_contract()
    props = doc.core_properties
    props.author = props.last_modified_by = "paperwork"
    props.created = props.modified = FIXED_TIME
    props.revision = 1
    props.title = props.subject = props.comments = props.keywords = ""
    raw = io.BytesIO()
    doc.save(raw)
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the template is stale")
    parser.add_argument("--out", type=Path, default=TEMPLATES, help="folder to write into")
    args = parser.parse_args(argv)
    data = render()
    path = args.out / NAME
    if args.check:
        if not path.is_file() or path.read_bytes() != data:
            print(f"stale: {NAME} (run tools/make_contract_templates.py)", file=sys.stderr)
            return 1
        return 0
    path.write_bytes(data)
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
