"""The Word helpers shared by the modules that generate the bundled DOCX templates.

    from . import kit      # in a module of tools/docx_templates/

The generator modules build docxtpl templates with python-docx: runs, paragraphs,
``{%p %}`` tag paragraphs, fixed-width tables, PAGE / NUMPAGES footers, and a ``render``
that saves the document with fixed properties and zip dates, so the committed templates
can be checked byte for byte (``python -m tools.docx_templates --check``). Every helper
here appends XML in a fixed order: changing one changes the bytes of every template that
uses it, and the check (CI runs it, and tests/test_templates_generated.py) will say so.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Callable

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.styles.style import ParagraphStyle
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

FONT = "Arial"  # on every Word install; LibreOffice maps it to Liberation Sans
NAVY = RGBColor(0x1F, 0x3A, 0x5F)
GREY = RGBColor(0x55, 0x55, 0x55)
RED = RGBColor(0xB3, 0x26, 0x1E)
INK = RGBColor(0x1A, 0x1A, 0x1A)
FIXED_TIME = dt.datetime(2026, 1, 1)  # the templates' created / modified date

Container = object  # a Document, header, footer or cell: anything with add_paragraph


# --- Styles and the page ----------------------------------------------------------------------


def fonts(rpr: object, font: str = FONT) -> None:
    """Point a run-properties element at ``font`` for every script, dropping theme fonts."""
    el = rpr.find(qn("w:rFonts"))  # type: ignore[attr-defined]
    if el is None:
        el = OxmlElement("w:rFonts")
        rpr.append(el)  # type: ignore[attr-defined]
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        el.set(qn(attr), font)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        el.attrib.pop(qn(attr), None)


def normal_style(doc: Document, size: float) -> ParagraphStyle:
    """Set the Normal style's font (``FONT``, ``size`` pt) and return the style."""
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(size)
    fonts(normal.element.get_or_add_rPr())
    return normal  # type: ignore[no-any-return]


def styles(
    doc: Document,
    size: float,
    *,
    after: float = 3,
    headings: tuple[tuple[float, float], ...] | None = None,
) -> None:
    """Normal and Headings 1-3 in ``FONT``; Heading 2 is navy capitals.

    ``after`` is Normal's space after, in points; ``headings`` gives each heading's
    ``(size, space before)`` in points, by default ``size + 1.5`` / 8, ``size`` / 10 and
    ``size`` / 6.
    """
    normal = normal_style(doc, size)
    normal.paragraph_format.space_after = Pt(after)
    normal.paragraph_format.line_spacing = 1.1
    if headings is None:
        headings = ((size + 1.5, 8), (size, 10), (size, 6))
    for name, (pt, before), colour in zip(
        ("Heading 1", "Heading 2", "Heading 3"), headings, (INK, NAVY, INK), strict=True
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
        fonts(style.element.get_or_add_rPr())
    doc.styles["Heading 2"].font.all_caps = True


def page(
    doc: Document,
    *,
    landscape: bool,
    margins: tuple[float, float, float, float],
    distance: float = 8,
) -> None:
    """A4 in either orientation; ``margins`` (top, right, bottom, left) and the header and
    footer ``distance`` from the edge in mm."""
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
    section.header_distance, section.footer_distance = Mm(distance), Mm(distance)


# --- Runs and paragraphs ----------------------------------------------------------------------


def run(
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


def para(
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
    """A new paragraph holding ``text`` (if any) in one run; ``after`` is space after in pt."""
    p: Paragraph = where.add_paragraph(style=style)  # type: ignore[attr-defined]
    if text:
        run(p, text, bold=bold, size=size, colour=colour)
    if align is not None:
        p.alignment = align
    if after is not None:
        p.paragraph_format.space_after = Pt(after)
    return p


def tag(where: Container, tag: str) -> Paragraph:
    """A paragraph holding only a ``{%p %}`` tag; docxtpl removes it."""
    return where.add_paragraph(tag)  # type: ignore[attr-defined,no-any-return]


def first_para(where: Container) -> Paragraph:
    """Headers, footers and cells start with an empty paragraph: use it, don't add another."""
    paragraphs = where.paragraphs  # type: ignore[attr-defined]
    return paragraphs[0] if paragraphs else where.add_paragraph()  # type: ignore[attr-defined,no-any-return]


def field(p: Paragraph, instr: str, size: float) -> None:
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


def border(el_pr: object, edges: dict[str, tuple[str, int, str]], tag: str) -> None:
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


def rule_below(p: Paragraph, colour: str = "1F3A5F", size: int = 10) -> None:
    """A line under the paragraph (navy by default: the letterhead's rule)."""
    border(p._p.get_or_add_pPr(), {"bottom": ("single", size, colour)}, "w:pBdr")


def rule_above(p: Paragraph, colour: str = "999999", size: int = 4) -> None:
    """A thin line over the paragraph (grey by default: the footer's rule)."""
    border(p._p.get_or_add_pPr(), {"top": ("single", size, colour)}, "w:pBdr")


# --- Tables -----------------------------------------------------------------------------------


def fixed_table(
    where: Container,
    rows: int,
    widths_mm: tuple[float, ...],
    *,
    style: object | None = None,
    columns: bool = True,
) -> Table:
    """A left-aligned table of fixed layout whose cells are ``widths_mm`` wide.

    Word reads the cells' widths, LibreOffice the grid's: ``columns`` sets the grid too.
    ``style`` is a table style (``doc.styles["Table Grid"]``), if any.
    """
    t: Table = where.add_table(rows=rows, cols=len(widths_mm))  # type: ignore[attr-defined]
    if style is not None:
        t.style = style
    t.alignment = WD_TABLE_ALIGNMENT.LEFT
    t.autofit = False
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    t._tbl.tblPr.append(layout)
    if columns:
        for column, w in zip(t.columns, widths_mm, strict=True):
            column.width = Mm(w)
    for row in t.rows:
        for cell, w in zip(row.cells, widths_mm, strict=True):
            cell.width = Mm(w)
    return t


def table(
    where: Container,
    rows: int,
    widths_mm: tuple[float, ...],
    *,
    lines: bool = True,
    grid: bool = True,
) -> Table:
    """A table of fixed column widths with light horizontal rules (or no borders).

    ``grid`` also sets the grid columns, the table's width and narrow cell margins; the
    crew contract's template was made without them (``grid=False``) and keeps its bytes.
    """
    t = fixed_table(where, rows, widths_mm, columns=grid)
    tbl_pr = t._tbl.tblPr
    none = ("nil", 0, "auto")
    rule = ("single", 2, "CCCCCC") if lines else none
    border(
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
    if not grid:
        return t
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
    return t


def repeat_header(t: Table, row: int = 0) -> None:
    """Repeat row ``row`` at the top of every page the table runs onto."""
    tr_pr = t.rows[row]._tr.get_or_add_trPr()
    h = OxmlElement("w:tblHeader")
    h.set(qn("w:val"), "true")
    tr_pr.append(h)


def header_row(t: Table, labels: tuple[str, ...], fill: str = "E8EDF3") -> None:
    """Row 0 as the table's column heads: bold, shaded ``fill``, repeated on every page."""
    for i, label in enumerate(labels):
        cell(t.cell(0, i), label, bold=True)
        shade(t.cell(0, i), fill)
    repeat_header(t)


def cant_split() -> object:
    """A ``<w:cantSplit>`` for a row's trPr: the row is never broken across pages."""
    el = OxmlElement("w:cantSplit")
    el.set(qn("w:val"), "true")
    return el


def shade(cell: _Cell, fill: str) -> None:
    """Fill a cell with a solid colour (hex, ``"E8EDF3"``)."""
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shd)


def cell(
    cell: _Cell,
    text: str,
    *,
    bold: bool = False,
    size: float | None = None,
    colour: RGBColor | None = None,
    align: WD_ALIGN_PARAGRAPH | None = None,
) -> Paragraph:
    """Put ``text`` in a cell's first paragraph, with no space after it."""
    p = first_para(cell)
    run(p, text, bold=bold, size=size, colour=colour)
    p.paragraph_format.space_after = Pt(0)
    if align is not None:
        p.alignment = align
    return p


def loop_rows(
    t: Table, start: int, loop: str, cells: tuple[str, ...], *, right: tuple[int, ...] = ()
) -> None:
    """Rows ``start..start+2``: ``{%tr for %}``, the repeated cells, ``{%tr endfor %}``."""
    cell(t.cell(start, 0), f"{{%tr {loop} %}}")
    for i, text in enumerate(cells):
        align = WD_ALIGN_PARAGRAPH.RIGHT if i in right else None
        cell(t.cell(start + 1, i), text, align=align)
    cell(t.cell(start + 2, 0), "{%tr endfor %}")


# --- Headers and footers ----------------------------------------------------------------------


def logo(where: Container) -> None:
    """The logo, if any, opening a header: the renderer swaps the path for an InlineImage."""
    run(first_para(where), "{%p if logo %}")
    para(where, "{{ logo }}", align=WD_ALIGN_PARAGRAPH.RIGHT, after=2)
    tag(where, "{%p endif %}")


def footer(where: Container, text: str = "{{ footer_note }}", size: float = 7) -> None:
    """``text`` over a grey rule, then "Page n of m" on the right, both in grey ``size`` pt."""
    p = first_para(where)
    run(p, text, size=size, colour=GREY)
    rule_above(p)
    p.paragraph_format.space_after = Pt(0)
    q = para(where, align=WD_ALIGN_PARAGRAPH.RIGHT, after=0)
    run(q, "Page ", size=size, colour=GREY)
    field(q, "PAGE", size)
    run(q, " of ", size=size, colour=GREY)
    field(q, "NUMPAGES", size)


def report_start(doc: Document, running: str, title: str, *, contact: bool = True) -> Paragraph:
    """A report's running head on every page (the logo; the company, with its contact line
    when ``contact``; ``running`` on the right over a rule), its running footer, and its
    first paragraph made the Heading 1 ``title``, which is returned."""
    section = doc.sections[0]
    head = section.header
    logo(head)
    top = para(head, after=0)
    run(top, "{{ letterhead.company }}", bold=True, size=8, colour=NAVY)
    if contact:
        run(top, " · {{ letterhead.contact_line }}", size=7.5, colour=GREY)
    line = para(head, running, size=7.5, colour=GREY, align=WD_ALIGN_PARAGRAPH.RIGHT, after=0)
    rule_below(line)
    footer(section.footer)
    heading = first_para(doc)
    heading.style = doc.styles["Heading 1"]
    run(heading, title)
    return heading


def letter_pages(section: object, running: str) -> None:
    """A letter's headers and footers: on the first page the letterhead (logo, company,
    address and contact over a navy rule), on later pages ``running`` on the right; the
    footer on both."""
    section.different_first_page_header_footer = True  # type: ignore[attr-defined]
    head = section.first_page_header  # type: ignore[attr-defined]
    logo(head)
    right = WD_ALIGN_PARAGRAPH.RIGHT
    para(head, "{{ letterhead.company }}", bold=True, size=15, colour=NAVY, align=right, after=0)
    para(head, "{{ letterhead.address_line }}", size=8, colour=GREY, align=right, after=0)
    line = para(head, "{{ letterhead.contact_line }}", size=8, colour=GREY, align=right, after=0)
    rule_below(line)
    p = first_para(section.header)  # type: ignore[attr-defined]
    run(p, running, size=7.5, colour=GREY)
    p.alignment = right
    footer(section.first_page_footer)  # type: ignore[attr-defined]
    footer(section.footer)  # type: ignore[attr-defined]


# --- Writing, reproducibly --------------------------------------------------------------------


def render(build: Callable[[], Document]) -> bytes:
    """The document as bytes that do not depend on when or where it was made."""
    doc = build()
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
