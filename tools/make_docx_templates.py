"""Generate the bundled DOCX templates (docxtpl) with python-docx, reproducibly.

    python tools/make_docx_templates.py            # write templates/clearance_*.docx
    python tools/make_docx_templates.py --check    # exit 1 if the committed files differ

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
Output is byte-for-byte reproducible: fixed document properties and zip timestamps.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"

FONT = "Arial"  # on every Word install; LibreOffice maps it to Liberation Sans
NAVY = RGBColor(0x1F, 0x3A, 0x5F)
GREY = RGBColor(0x55, 0x55, 0x55)
RED = RGBColor(0xB3, 0x26, 0x1E)
FIXED_TIME = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)

Container = object  # a Document, header, footer or cell: anything with add_paragraph


# --- Low-level helpers ----------------------------------------------------------------------


def _styles(doc: Document, size: float) -> None:
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(size)
    rpr = normal.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.append(fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    normal.paragraph_format.space_after = Pt(3)
    normal.paragraph_format.line_spacing = 1.1
    for name, pt, colour, before in (
        ("Heading 1", size + 1.5, RGBColor(0x1A, 0x1A, 0x1A), 8),
        ("Heading 2", size, NAVY, 10),
        ("Heading 3", size, RGBColor(0x1A, 0x1A, 0x1A), 6),
    ):
        style = doc.styles[name]
        style.font.name = FONT
        style.font.size = Pt(pt)
        style.font.bold = True
        style.font.italic = False
        style.font.color.rgb = colour
        style.paragraph_format.space_before = Pt(before)
        style.paragraph_format.space_after = Pt(3)
        style.paragraph_format.keep_with_next = True
        style.element.get_or_add_rPr()
        for el in style.element.rPr.findall(qn("w:rFonts")):
            for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
                el.set(qn(attr), FONT)
            for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
                el.attrib.pop(qn(attr), None)
    doc.styles["Heading 2"].font.all_caps = True


def _page(doc: Document, *, landscape: bool, margins: tuple[float, float, float, float]) -> None:
    section = doc.sections[0]
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
    else:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(210), Mm(297)
    top, right, bottom, left = margins
    section.top_margin, section.right_margin = Mm(top), Mm(right)
    section.bottom_margin, section.left_margin = Mm(bottom), Mm(left)
    section.header_distance, section.footer_distance = Mm(8), Mm(8)


def _para(
    where: Container,
    text: str = "",
    *,
    style: str | None = None,
    bold: bool = False,
    size: float | None = None,
    colour: RGBColor | None = None,
    align: WD_ALIGN_PARAGRAPH | None = None,
    after: float | None = None,
) -> Paragraph:
    p: Paragraph = where.add_paragraph(style=style)  # type: ignore[attr-defined]
    if text:
        _run(p, text, bold=bold, size=size, colour=colour)
    if align is not None:
        p.alignment = align
    if after is not None:
        p.paragraph_format.space_after = Pt(after)
    return p


def _run(
    p: Paragraph,
    text: str,
    *,
    bold: bool = False,
    size: float | None = None,
    colour: RGBColor | None = None,
) -> None:
    """One run per tag: docxtpl only sees a tag that is not split across runs."""
    r = p.add_run(text)
    r.bold = bold or None
    if size is not None:
        r.font.size = Pt(size)
    if colour is not None:
        r.font.color.rgb = colour


def _tag(where: Container, tag: str) -> None:
    """A paragraph holding only a ``{%p %}`` tag; docxtpl removes it."""
    where.add_paragraph(tag)  # type: ignore[attr-defined]


def _first_para(where: Container) -> Paragraph:
    """Headers, footers and cells start with an empty paragraph: use it, don't add another."""
    paragraphs = where.paragraphs  # type: ignore[attr-defined]
    return paragraphs[0] if paragraphs else where.add_paragraph()  # type: ignore[attr-defined,no-any-return]


def _field(p: Paragraph, instr: str, size: float) -> None:
    """A PAGE / NUMPAGES field (Word and LibreOffice update it on every page)."""
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


def _border(el_pr: object, edges: dict[str, tuple[str, int, str]], tag: str) -> None:
    """Set borders (``{"bottom": ("single", 4, "999999")}``) on a tblPr/tcPr/pPr element."""
    borders = OxmlElement(tag)
    for edge, (kind, size, colour) in edges.items():
        b = OxmlElement(f"w:{edge}")
        b.set(qn("w:val"), kind)
        b.set(qn("w:sz"), str(size))
        b.set(qn("w:space"), "0")
        b.set(qn("w:color"), colour)
        borders.append(b)
    el_pr.append(borders)  # type: ignore[attr-defined]


def _rule_below(p: Paragraph, colour: str = "1F3A5F", size: int = 10) -> None:
    _border(p._p.get_or_add_pPr(), {"bottom": ("single", size, colour)}, "w:pBdr")


def _rule_above(p: Paragraph, colour: str = "999999", size: int = 4) -> None:
    _border(p._p.get_or_add_pPr(), {"top": ("single", size, colour)}, "w:pBdr")


def _table(
    where: Container, rows: int, widths_mm: tuple[float, ...], *, lines: bool = True
) -> Table:
    """A table of fixed column widths with light horizontal rules (or no borders)."""
    t: Table = where.add_table(rows=rows, cols=len(widths_mm))  # type: ignore[attr-defined]
    t.alignment = WD_TABLE_ALIGNMENT.LEFT
    t.autofit = False
    tbl_pr = t._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl_pr.append(layout)
    none = ("nil", 0, "auto")
    rule = ("single", 2, "CCCCCC") if lines else none
    _border(
        tbl_pr,
        {
            "top": none,
            "left": none,
            "bottom": rule,
            "right": none,
            "insideH": rule,
            "insideV": none,
        },
        "w:tblBorders",
    )
    cell_mar = OxmlElement("w:tblCellMar")
    for edge, w in (("left", 60), ("right", 60), ("top", 20), ("bottom", 20)):
        m = OxmlElement(f"w:{edge}")
        m.set(qn("w:w"), str(w))
        m.set(qn("w:type"), "dxa")
        cell_mar.append(m)
    tbl_pr.append(cell_mar)
    tbl_w = OxmlElement("w:tblW")
    tbl_w.set(qn("w:w"), str(int(sum(widths_mm) / 25.4 * 1440)))
    tbl_w.set(qn("w:type"), "dxa")
    for old in tbl_pr.findall(qn("w:tblW")):
        tbl_pr.remove(old)
    tbl_pr.append(tbl_w)
    # Word reads the cells' widths, LibreOffice the grid's: set both.
    for column, w in zip(t.columns, widths_mm, strict=True):
        column.width = Mm(w)
    for row in t.rows:
        for cell, w in zip(row.cells, widths_mm, strict=True):
            cell.width = Mm(w)
    return t


def _repeat_header(t: Table, row: int = 0) -> None:
    tr_pr = t.rows[row]._tr.get_or_add_trPr()
    h = OxmlElement("w:tblHeader")
    h.set(qn("w:val"), "true")
    tr_pr.append(h)


def _shade(cell: _Cell, fill: str) -> None:
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shd)


def _cell(
    cell: _Cell,
    text: str,
    *,
    bold: bool = False,
    size: float | None = None,
    colour: RGBColor | None = None,
    align: WD_ALIGN_PARAGRAPH | None = None,
) -> Paragraph:
    p = _first_para(cell)
    _run(p, text, bold=bold, size=size, colour=colour)
    p.paragraph_format.space_after = Pt(0)
    if align is not None:
        p.alignment = align
    return p


def _loop_rows(
    t: Table, start: int, loop: str, cells: tuple[str, ...], *, right: tuple[int, ...] = ()
) -> None:
    """Rows ``start..start+2``: ``{%tr for %}``, the repeated cells, ``{%tr endfor %}``."""
    _cell(t.cell(start, 0), f"{{%tr {loop} %}}")
    for i, text in enumerate(cells):
        align = WD_ALIGN_PARAGRAPH.RIGHT if i in right else None
        _cell(t.cell(start + 1, i), text, align=align)
    _cell(t.cell(start + 2, 0), "{%tr endfor %}")


def _logo(where: Container) -> None:
    """The logo, if any, opening a header: the renderer swaps the path for an InlineImage."""
    _run(_first_para(where), "{%p if logo %}")
    _para(where, "{{ logo }}", align=WD_ALIGN_PARAGRAPH.RIGHT, after=2)
    _tag(where, "{%p endif %}")


def _footer(where: Container, size: float = 7) -> None:
    p = _first_para(where)
    _run(p, "{{ footer_note }}", size=size, colour=GREY)
    _rule_above(p)
    p.paragraph_format.space_after = Pt(0)
    q = _para(where, align=WD_ALIGN_PARAGRAPH.RIGHT, after=0)
    _run(q, "Page ", size=size, colour=GREY)
    _field(q, "PAGE", size)
    _run(q, " of ", size=size, colour=GREY)
    _field(q, "NUMPAGES", size)


# --- The clearance request letter -----------------------------------------------------------


def clearance_letter() -> Document:
    doc = Document()
    _styles(doc, 10)
    _page(doc, landscape=False, margins=(20, 20, 22, 20))
    section = doc.sections[0]
    section.different_first_page_header_footer = True

    # First page: the letterhead. Later pages: a running head with the reference.
    head = section.first_page_header
    _logo(head)
    _para(head, "{{ letterhead.company }}", bold=True, size=15, colour=NAVY,
          align=WD_ALIGN_PARAGRAPH.RIGHT, after=0)  # fmt: skip
    _para(head, "{{ letterhead.address_line }}", size=8, colour=GREY,
          align=WD_ALIGN_PARAGRAPH.RIGHT, after=0)  # fmt: skip
    line = _para(head, "{{ letterhead.contact_line }}", size=8, colour=GREY,
                 align=WD_ALIGN_PARAGRAPH.RIGHT, after=0)  # fmt: skip
    _rule_below(line)
    running = _first_para(section.header)
    _run(running, "{{ subject }} · Our ref {{ our_ref }}", size=7.5, colour=GREY)
    running.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _footer(section.first_page_footer)
    _footer(section.footer)

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
        ", quoting our reference {{ our_ref }}. To accept the terms above, please sign and "
        "return the acceptance below.",
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
    accept = _table(doc, 5, (40, 130), lines=False)
    tbl_pr = accept._tbl.tblPr
    for old in tbl_pr.findall(qn("w:tblBorders")):
        tbl_pr.remove(old)
    box = ("single", 4, "888888")
    _border(tbl_pr, {"top": box, "left": box, "bottom": box, "right": box}, "w:tblBorders")
    intro_cell = accept.cell(0, 0).merge(accept.cell(0, 1))
    p = _first_para(intro_cell)
    _run(p, "Agreed and accepted", bold=True)
    _run(p, " for and on behalf of {{ holder }}, on the terms of this letter (our ref ")
    _run(p, "{{ our_ref }}")
    _run(p, "):")
    p.paragraph_format.space_after = Pt(6)
    for i, label in enumerate(("Signature", "Name", "Position", "Date"), start=1):
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


def _cant_split() -> object:
    el = OxmlElement("w:cantSplit")
    el.set(qn("w:val"), "true")
    return el


# --- The clearance log ------------------------------------------------------------------------


def clearance_log() -> Document:
    doc = Document()
    _styles(doc, 8)
    _page(doc, landscape=True, margins=(18, 15, 18, 15))
    section = doc.sections[0]
    head = section.header
    _logo(head)
    top = _para(head, after=0)
    _run(top, "{{ letterhead.company }}", bold=True, size=8, colour=NAVY)
    _run(top, " · {{ letterhead.contact_line }}", size=7.5, colour=GREY)
    running = _para(head, "{{ document_title }} · as at {{ date }}", size=7.5, colour=GREY,
                    align=WD_ALIGN_PARAGRAPH.RIGHT, after=0)  # fmt: skip
    _rule_below(running)
    _footer(section.footer)

    title = _first_para(doc)
    title.style = doc.styles["Heading 1"]
    _run(title, "Clearance log: {{ production_title }}")
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
        for i, label in enumerate((first, "Items", "Agreed", "Quoted, not agreed", "Total")):
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
    widths = (11, 21, 59, 30, 17, 18, 18, 20, 20, 20, 33)  # 267 mm: A4 landscape less margins
    items = _table(doc, 4, widths)
    headers = (
        "ID",
        "Type",
        "Description",
        "Rights holder",
        "Status",
        "Quoted",
        "Agreed",
        "Requested",
        "Reply by",
        "Licence expiry",
        "Attention",
    )
    right = (5, 6)
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
        "{{ row.holder }}",
        "{{ row.status }}",
        "{{ row.fee_quoted }}",
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
    _cell(items.cell(3, 0), "{%tr endfor %}")
    for row in items.rows:
        row._tr.get_or_add_trPr().append(_cant_split())
    return doc


# --- Writing, reproducibly ------------------------------------------------------------------

BUILDERS: dict[str, Callable[[], Document]] = {
    "clearance_letter.docx": clearance_letter,
    "clearance_log.docx": clearance_log,
}


def render(build: Callable[[], Document]) -> bytes:
    """The document as bytes that do not depend on when or where it was made."""
    doc = build()
    props = doc.core_properties
    props.author = props.last_modified_by = "paperwork"
    props.created = props.modified = FIXED_TIME.replace(tzinfo=None)
    props.revision = 1
    props.title = props.subject = props.comments = props.keywords = ""
    raw = io.BytesIO()
    doc.save(raw)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(raw) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if a template is stale")
    parser.add_argument("--out", type=Path, default=TEMPLATES, help="folder to write into")
    args = parser.parse_args(argv)
    stale = []
    for name, build in BUILDERS.items():
        data = render(build)
        path = args.out / name
        if args.check:
            if not path.is_file() or path.read_bytes() != data:
                stale.append(name)
        else:
            path.write_bytes(data)
            print(f"wrote {path}")
    if stale:
        print(f"stale: {', '.join(stale)} (run tools/make_docx_templates.py)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
