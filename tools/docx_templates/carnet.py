"""Generate the ATA carnet DOCX templates (docxtpl) with python-docx, reproducibly.

    python -m tools.docx_templates carnet            # write them into templates/
    python -m tools.docx_templates --check carnet    # exit 1 if a committed one differs

Tags sit in single runs: ``{{ name }}`` places a value; ``{%p ... %}`` alone in a paragraph
loops or branches over paragraphs (and the tables between them); ``{%tr ... %}`` alone in a
row's first cell loops or branches over rows. Variables are the fields of the contexts in
``paperwork.builders.carnet`` (``GeneralListContext``, ``PackingContext``, ``CoverContext``).

The general list must break where the builder cut it: page size, margins, column widths
and the line height come from the builder's constants, every paragraph has exact line
spacing, and each sheet after the first starts with a page-break-before heading.
Runs, fields, shading and writing come from ``kit``; the exactly spaced
paragraphs, cells and tables are the carnet's own.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from docx import Document
from docx.enum.table import WD_ROW_HEIGHT_RULE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.table import Table, _Cell, _Row
from docx.text.paragraph import Paragraph

from paperwork.carnet.layout import (
    CELL_PADDING_MM,
    COLUMNS_MM,
    FONT_PT,
    LINE_MM,
    PAGE_MARGINS_MM,
)

from . import kit

# Arial is narrower than the DejaVu Sans the builder measures with, so no extra wraps.
GREY, NAVY = kit.GREY, kit.NAVY
LINE_PT = float(LINE_MM / Decimal("0.3527778"))  # 4.2 mm = 11.9 pt
_run, _first_para, _shade, _field = kit.run, kit.first_para, kit.shade, kit.field

Container = object  # a Document, footer or cell: anything with add_paragraph


# --- Helpers: every paragraph has exact line spacing --------------------------------------------


def _document(margins: tuple[float, float, float, float], size: float) -> Document:
    doc = Document()
    normal = kit.normal_style(doc, size)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.space_after = Pt(0)
    kit.page(doc, landscape=False, margins=margins, distance=6)
    return doc


def _exact(p: Paragraph, pt: float) -> Paragraph:
    f = p.paragraph_format
    f.space_before = Pt(0)
    f.space_after = Pt(0)
    f.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    f.line_spacing = Pt(pt)
    return p


def _para(
    where: Container,
    text: str = "",
    *,
    bold: bool = False,
    size: float | None = None,
    colour: RGBColor | None = None,
    line: float = LINE_PT,
    align: WD_ALIGN_PARAGRAPH | None = None,
    after: float = 0,
) -> Paragraph:
    p: Paragraph = where.add_paragraph()  # type: ignore[attr-defined]
    _exact(p, line)
    if text:
        _run(p, text, bold=bold, size=size, colour=colour)
    if align is not None:
        p.alignment = align
    p.paragraph_format.space_after = Pt(after)
    return p


def _tag(where: Container, tag: str) -> None:
    """A paragraph holding only a ``{%p %}`` tag; docxtpl removes it."""
    _exact(kit.tag(where, tag), LINE_PT)


def _table(doc: Document, rows: int, widths_mm: tuple[float, ...], *, grid: bool = True) -> Table:
    """Fixed column widths, the builder's cell padding, exact spacing in every cell."""
    style = doc.styles["Table Grid"] if grid else None
    t = kit.fixed_table(doc, rows, widths_mm, style=style)
    margins = OxmlElement("w:tblCellMar")
    pad = str(int(float(CELL_PADDING_MM) / 25.4 * 1440))
    for edge, width in (("top", "0"), ("left", pad), ("bottom", "0"), ("right", pad)):
        m = OxmlElement(f"w:{edge}")
        m.set(qn("w:w"), width)
        m.set(qn("w:type"), "dxa")
        margins.append(m)
    t._tbl.tblPr.append(margins)
    for row in t.rows:
        for cell in row.cells:
            _exact(_first_para(cell), LINE_PT)
    return t


def _height(row: _Row, mm: float, *, exact: bool = False) -> None:
    row.height = Mm(mm)
    row.height_rule = WD_ROW_HEIGHT_RULE.EXACTLY if exact else WD_ROW_HEIGHT_RULE.AT_LEAST
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))


def _cell(
    cell: _Cell,
    text: str,
    *,
    bold: bool = False,
    size: float | None = None,
    align: WD_ALIGN_PARAGRAPH | None = None,
    line: float = LINE_PT,
) -> Paragraph:
    p = _exact(_first_para(cell), line)
    if text:
        _run(p, text, bold=bold, size=size)
    if align is not None:
        p.alignment = align
    return p


def _bottom(cell: _Cell) -> None:
    v = OxmlElement("w:vAlign")
    v.set(qn("w:val"), "bottom")
    cell._tc.get_or_add_tcPr().append(v)


def _footer(doc: Document) -> None:
    """Footer note and "Page n of m" on one exactly spaced line."""
    p = _exact(_first_para(doc.sections[0].footer), 9)
    _run(p, "{{ footer_note }}    Page ", size=7, colour=GREY)
    _field(p, "PAGE", 7)
    _run(p, " of ", size=7, colour=GREY)
    _field(p, "NUMPAGES", 7)


def _row_tag(t: Table, row: int, tag: str) -> None:
    _cell(t.cell(row, 0), tag)


def _new_page(p: Paragraph) -> None:
    p.paragraph_format.page_break_before = True


# --- The general list -------------------------------------------------------------------------

RIGHT = WD_ALIGN_PARAGRAPH.RIGHT
CENTRE = WD_ALIGN_PARAGRAPH.CENTER


def _sheet_heading(doc: Document, *, continued: bool) -> None:
    p = _para(doc, line=17)
    if continued:
        _new_page(p)
    _run(p, "General list", bold=True, size=11)
    _run(p, " / Liste générale", size=11, colour=GREY)
    if continued:
        _run(p, " (continued)", bold=True, size=11)
    _run(p, "        {{ sheet.label }}", bold=True, size=9)


def _carry_row(t: Table, row: int, label: str, totals: str) -> None:
    """A totals row: column 1 (item numbers) stays empty; the label goes in column 2."""
    cells = t.rows[row].cells
    _cell(cells[1], label, bold=True)
    _cell(cells[2], f"{{{{ {totals}.pieces }}}}", bold=True, align=RIGHT)
    _cell(cells[3], f"{{{{ {totals}.weight }}}}", bold=True, align=RIGHT)
    _cell(cells[4], f"{{{{ {totals}.value }}}}", bold=True, align=RIGHT)
    for c in cells:
        _shade(c, "EEF1F5")
    _height(t.rows[row], float(LINE_MM))


def general_list() -> Document:
    doc = _document(PAGE_MARGINS_MM, FONT_PT)
    _footer(doc)
    _tag(doc, "{%p for sheet in sheets %}")
    _tag(doc, "{%p if sheet.first %}")
    _sheet_heading(doc, continued=False)
    _tag(doc, "{%p else %}")
    _sheet_heading(doc, continued=True)
    _tag(doc, "{%p endif %}")
    p = _para(doc)
    _run(p, "Holder (A)   ", colour=GREY)
    _run(p, "{{ holder }}{% if holder_address %}, {{ holder_address }}{% endif %}")
    p = _para(doc)
    _run(p, "Carnet no.   ", colour=GREY)
    _run(p, "{{ carnet_number }}")
    _run(p, "{% if issuer %}    Issued by {{ issuer }}{% endif %}")
    p = _para(doc, after=6)
    _run(p, "Production   ", colour=GREY)
    _run(p, "{{ production_title }} · {{ prepared }}")

    # rows: 0 titles, 1 column numbers, 2-4 brought forward, 5-11 the rows, 12-16 the foot
    t = _table(doc, 17, COLUMNS_MM)
    titles = (
        "Item no.",
        "Trade description of goods and marks and numbers, if any",
        "Number of pieces",
        "Weight or volume (kg)",
        "{{ value_heading }}",
        "Country of origin",
        "For customs use",
    )
    for i, text in enumerate(titles):
        c = t.cell(0, i)
        _cell(c, text, size=7, line=9)
        _bottom(c)
        _shade(c, "EEF1F5")
        _cell(t.cell(1, i), str(i + 1), bold=True, size=7, align=CENTRE, line=9)
    _height(t.rows[0], 13, exact=True)
    _height(t.rows[1], 3.5, exact=True)
    _row_tag(t, 2, "{%tr if sheet.brought_forward %}")
    _carry_row(t, 3, "Brought forward from sheet {{ sheet.number - 1 }}", "sheet.brought_forward")
    _row_tag(t, 4, "{%tr endif %}")
    _row_tag(t, 5, "{%tr for row in sheet.rows %}")
    _row_tag(t, 6, "{%tr if row.heading %}")
    heading = t.rows[7].cells
    _cell(heading[1], "{{ row.description }}", bold=True)
    for c in heading:
        _shade(c, "F6F6F6")
    _height(t.rows[7], float(LINE_MM))
    _row_tag(t, 8, "{%tr else %}")
    item = t.rows[9].cells
    _cell(item[0], "{{ row.number }}", align=RIGHT)
    _cell(item[1], "{{ row.description }}")
    _cell(item[2], "{{ row.pieces }}", align=RIGHT)
    _cell(item[3], "{{ row.weight }}", align=RIGHT)
    _cell(item[4], "{{ row.value }}", align=RIGHT)
    _cell(item[5], "{{ row.origin }}", align=CENTRE)
    _cell(item[6], "")
    _height(t.rows[9], float(LINE_MM))
    _row_tag(t, 10, "{%tr endif %}")
    _row_tag(t, 11, "{%tr endfor %}")
    _row_tag(t, 12, "{%tr if sheet.carried_forward %}")
    _carry_row(t, 13, "Carried forward to sheet {{ sheet.number + 1 }}", "sheet.carried_forward")
    _row_tag(t, 14, "{%tr else %}")
    _carry_row(t, 15, "Total ({{ grand_total.items }})", "grand_total")
    _row_tag(t, 16, "{%tr endif %}")

    _tag(doc, "{%p if sheet.last %}")
    p = _para(doc)
    p.paragraph_format.space_before = Pt(8)
    _run(p, "Total number of pieces   ", colour=GREY)
    _run(p, "{{ grand_total.pieces }}: {{ pieces_words }}")
    p = _para(doc)
    _run(p, "Total value   ", colour=GREY)
    _run(p, "{{ value_total }}: {{ value_words }}")
    p = _para(doc)
    _run(p, "Total weight   ", colour=GREY)
    _run(p, "{{ weight_total }}")
    _tag(doc, "{%p endif %}")
    p = _para(doc, "{{ legend }}", size=6.5, colour=GREY, line=9)
    p.paragraph_format.space_before = Pt(5)
    _tag(doc, "{%p endfor %}")
    return doc


# --- Packing lists: one page per case -----------------------------------------------------------

PACK_COLUMNS = (12, 84, 14, 20, 26, 12, 18)


def packing_list() -> Document:
    doc = _document((15, 12, 16, 12), 9)
    _footer(doc)
    _tag(doc, "{%p for case in cases %}")
    _tag(doc, "{%p if loop.first %}")
    p = _para(doc, line=20)
    _run(p, "{{ case.name }}", bold=True, size=14)
    _tag(doc, "{%p else %}")
    p = _para(doc, line=20)
    _new_page(p)
    _run(p, "{{ case.name }}", bold=True, size=14)
    _tag(doc, "{%p endif %}")
    p = _para(doc, line=13)
    _run(p, "Packing list · {{ case.label }} · {{ production_title }}", colour=GREY)
    p = _para(doc, line=13)
    _run(
        p,
        "Carnet holder: {{ holder }}{% if carnet_number %} · Carnet no. {{ carnet_number }}{% endif %}",
    )
    _tag(doc, "{%p if case.items_line %}")
    _para(doc, "{{ case.items_line }}", line=13)
    _tag(doc, "{%p endif %}")
    _para(doc, line=8)

    # Row 0 names the case and repeats, with the column heads, on every page the table runs
    # onto: each page of a packing list says which case it lists.
    t = _table(doc, 6, PACK_COLUMNS)
    running = t.cell(0, 0).merge(t.cell(0, len(PACK_COLUMNS) - 1))
    _cell(running, "{{ case.running }}", bold=True, size=8, align=RIGHT, line=11)
    kit.border(
        running._tc.get_or_add_tcPr(),
        {e: ("nil", 0, "auto") for e in ("top", "left", "right")},
        "w:tcBorders",
    )
    for i, text in enumerate(
        ("List item", "Contents", "Pieces", "Weight (kg)", "Value", "Origin", "Packed / checked")
    ):
        c = t.cell(1, i)
        _cell(c, text, bold=True, size=8, line=11)
        _shade(c, "EEF1F5")
    kit.repeat_header(t, 0)
    kit.repeat_header(t, 1)
    _row_tag(t, 2, "{%tr for row in case.rows %}")
    cells = t.rows[3].cells
    _cell(cells[0], "{{ row.number }}", align=RIGHT, line=13)
    p = _cell(cells[1], "{{ row.description }}", line=13)
    _run(p, "{% if row.note %} ({{ row.note }}){% endif %}", colour=GREY)
    _cell(cells[2], "{{ row.pieces }}", align=RIGHT, line=13)
    _cell(cells[3], "{{ row.weight }}", align=RIGHT, line=13)
    _cell(cells[4], "{{ row.value }}", align=RIGHT, line=13)
    _cell(cells[5], "{{ row.origin }}", align=CENTRE, line=13)
    _row_tag(t, 4, "{%tr endfor %}")
    foot = t.rows[5].cells
    _cell(foot[1], "Case total", bold=True, line=13)
    _cell(foot[2], "{{ case.pieces }}", bold=True, align=RIGHT, line=13)
    _cell(foot[3], "{{ case.weight }}", bold=True, align=RIGHT, line=13)
    _cell(foot[4], "{{ case.value }}", bold=True, align=RIGHT, line=13)
    for c in foot:
        _shade(c, "EEF1F5")
    _tag(doc, "{%p if case.other_value %}")
    p = _para(doc, line=13)
    p.paragraph_format.space_before = Pt(4)
    _run(p, "Packed here but not on the carnet (consumables): {{ case.other_value }}", colour=GREY)
    _tag(doc, "{%p endif %}")
    p = _para(doc, line=13)
    p.paragraph_format.space_before = Pt(10)
    _run(p, "Packed by ____________________   Checked by ____________________   Date __________")
    _tag(doc, "{%p endfor %}")
    return doc


# --- The application summary ----------------------------------------------------------------------


def _heading(doc: Document, text: str) -> None:
    p = _para(doc, line=14)
    p.paragraph_format.space_before = Pt(9)
    p.paragraph_format.space_after = Pt(3)
    p.paragraph_format.keep_with_next = True
    _run(p, text, bold=True, size=9.5, colour=NAVY)


def _detail_table(doc: Document, loop: str, widths: tuple[float, ...] = (45, 141)) -> None:
    t = _table(doc, 3, widths, grid=False)
    _row_tag(t, 0, f"{{%tr for d in {loop} %}}")
    cells = t.rows[1].cells
    p = _cell(cells[0], "{{ d.label }}", line=13)
    p.runs[0].font.color.rgb = GREY
    _cell(cells[1], "{{ d.value }}", line=13)
    _row_tag(t, 2, "{%tr endfor %}")


def cover() -> Document:
    doc = _document((15, 12, 16, 12), 9)
    _footer(doc)
    p = _para(doc, line=20)
    _run(p, "ATA carnet application summary", bold=True, size=14)
    p = _para(doc, line=13, after=4)
    _run(p, "{{ production_title }} · {{ prepared }}", colour=GREY)

    _heading(doc, "A. Holder")
    _para(doc, "{{ holder }}", bold=True, line=13)
    _tag(doc, "{%p for line in holder_address %}")
    _para(doc, "{{ line }}", line=13)
    _tag(doc, "{%p endfor %}")
    _tag(doc, "{%p for line in holder_ids %}")
    _para(doc, "{{ line }}", line=13, colour=GREY)
    _tag(doc, "{%p endfor %}")

    _heading(doc, "B. Representatives")
    _tag(doc, "{%p if representatives %}")
    _detail_table(doc, "representatives", (70, 116))
    _tag(doc, "{%p else %}")
    _para(
        doc, "None named: each person who presents the carnet needs a letter of authority.", line=13
    )
    _tag(doc, "{%p endif %}")

    _heading(doc, "C. Intended use of the goods")
    _para(doc, "{{ intended_use }}", line=13)

    _heading(doc, "Itinerary (from {{ home }})")
    t = _table(doc, 4, (10, 50, 14, 22, 40, 50))
    for i, text in enumerate(("", "Country", "Code", "Visit or transit", "Dates", "Voucher set")):
        c = t.cell(0, i)
        _cell(c, text, bold=True, line=13)
        _shade(c, "EEF1F5")
    _row_tag(t, 1, "{%tr for s in itinerary %}")
    for i, text in enumerate(
        (
            "{{ s.number }}",
            "{{ s.country }}",
            "{{ s.code }}",
            "{{ s.how }}",
            "{{ s.dates }}",
            "{{ s.voucher }}",
        )  # fmt: skip
    ):
        _cell(t.cell(2, i), text, line=13)
    _row_tag(t, 3, "{%tr endfor %}")
    _para(doc, line=6)
    _detail_table(doc, "dates")

    _heading(doc, "Voucher (certificate) sets: {{ voucher_total }}")
    t = _table(doc, 4, (45, 70, 71))
    for i, text in enumerate(("Set", "Territory", "For")):
        c = t.cell(0, i)
        _cell(c, text, bold=True, line=13)
        _shade(c, "EEF1F5")
    _row_tag(t, 1, "{%tr for v in voucher_rows %}")
    for i, text in enumerate(("{{ v.colour }}", "{{ v.territory }}", "{{ v.reason }}")):
        _cell(t.cell(2, i), text, line=13)
    _row_tag(t, 3, "{%tr endfor %}")
    _para(doc, line=6)
    _detail_table(doc, "voucher_counts")
    p = _para(doc, "{{ voucher_note }}", size=8, colour=GREY, line=11)
    p.paragraph_format.space_before = Pt(3)

    _heading(doc, "The general list")
    _detail_table(doc, "list_totals")

    _tag(doc, "{%p if excluded %}")
    _heading(doc, "Packed but not on the carnet")
    _detail_table(doc, "excluded", (80, 106))
    _tag(doc, "{%p endif %}")
    _tag(doc, "{%p if licences %}")
    _heading(doc, "Licences needed besides the carnet")
    _detail_table(doc, "licences", (80, 106))
    _tag(doc, "{%p endif %}")

    _heading(doc, "Before you travel")
    _tag(doc, "{%p for r in reminders %}")
    _para(doc, "• {{ r }}", line=13, after=2)
    _tag(doc, "{%p endfor %}")
    return doc


TEMPLATES: dict[str, Callable[[], Document]] = {
    "carnet_general_list.docx": general_list,
    "carnet_packing_list.docx": packing_list,
    "carnet_cover.docx": cover,
}
