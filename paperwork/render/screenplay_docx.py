"""A paginated script as DOCX: the paginator's pages, one Word paragraph per printed line.

Word never decides a page break here. Each body page starts with an explicit break
(``pageBreakBefore`` on its first paragraph, or a section break where the page number
sequence changes), blank rows become exact ``space before`` (12 pt a row), every line is
exactly 12 pt high, and widow control and keep-with-next are off everywhere, so Word keeps
each page's content as the paginator laid it out. Paragraph styles carry the element names
and their indents ("Scene Heading", "Action", "Character", "Parenthetical", "Dialogue",
"Transition", "Shot", "Lyrics", "General", "More", "Title Page"), so a writer can keep
working in Word; a line placed elsewhere than its style's indent gets a direct indent.

Page numbers are a header ``PAGE`` field followed by ".", right-aligned, with the first
body page's header left blank (a different first page). Runs of consecutive numbers share
one section whose numbering starts at the first; a page numbered ``12A`` gets a section of
its own with the literal number in its header. The title page is a section with no header.

Dual dialogue becomes a borderless two-column table whose row cannot split. Left scene
numbers print in the left margin (a hanging indent and a tab: ``12<tab>INT. ...``); the
right-hand scene numbers and the revision asterisks of the PDF are not carried into DOCX.

Bytes are deterministic: the core properties' dates are ``created`` and every zip entry is
dated 1980-01-01.
"""

from __future__ import annotations

import copy
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.oxml.section import CT_SectPr
from docx.section import Section
from docx.shared import Inches, Pt
from docx.text.paragraph import Paragraph
from lxml import etree

from paperwork.model.pages import LINE_PT, ElementStyle, PageLayout, PageLine, PaginatedScript
from paperwork.model.screenplay import StyledText
from paperwork.model.sides import SidesPages
from paperwork.render.docx import normalise_zip

EPOCH = datetime(2000, 1, 1, tzinfo=UTC)
FONT_SIZE_PT = 12
# Every line is already broken by the paginator, so each paragraph's box is one character
# wider than its element: a full 60-character line in Courier New (1229/2048 em, a hair over
# 0.1") would otherwise wrap its last word in Word. Right-aligned styles get none.
SLACK_IN = 0.1

STYLE_NAMES: dict[str, str] = {
    "scene_heading": "Scene Heading",
    "action": "Action",
    "character": "Character",
    "parenthetical": "Parenthetical",
    "dialogue": "Dialogue",
    "transition": "Transition",
    "shot": "Shot",
    "lyrics": "Lyrics",
    "general": "General",
    "more": "More",
    "title": "Title Page",
}
_STYLE_SOURCE = {"more": "character"}  # (MORE) sits where the cue does
_SPEECH_KINDS = frozenset({"character", "parenthetical", "dialogue", "lyrics", "more"})
STRUCK_COLOUR = "8C8C8C"  # sides: the grey of lines that are not the day's
_TWIPS_PER_INCH = 1440
_TWIPS_PER_PT = 20
_EPS = 1e-6


def _tw(inches: float) -> int:
    return round(inches * _TWIPS_PER_INCH)


@dataclass(slots=True)
class _Para:
    """A paragraph to write: its element, and what a page break before it needs."""

    element: etree._Element
    is_table: bool = False


@dataclass(slots=True)
class _SectionPlan:
    pages: list[int] = field(default_factory=list)
    first_number: int | None = None  # a PAGE field section starting here
    literal: str = ""  # a one-page section printing this number
    first_page_blank: bool = False
    header: str = ""
    is_title: bool = False


def render_script_docx(
    script: PaginatedScript,
    *,
    author: str = "",
    font_family: str = "Courier Prime",
    created: datetime = EPOCH,
    struck: Sequence[frozenset[int]] = (),
) -> bytes:
    """The script as DOCX bytes.

    ``font_family`` is the name Word looks for; the font table tells Word it is a fixed-pitch
    "modern" face with Courier New as its alternative, so a machine without Courier Prime
    substitutes a monospaced font and the pages still hold. ``created`` fills the created and
    modified dates (a fixed epoch by default). ``struck`` (sides) holds, page by page, the
    indexes of the lines to print struck through in grey.
    """
    layout = script.layout
    document = Document()
    _drop_thumbnail(document)
    _set_core_properties(document, script.title, author, created)
    styles = _define_styles(document, layout, font_family)
    _declare_font(document, font_family)

    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    sentinel = body.sectPr
    base = Section(sentinel, document.part)
    base.page_width = Inches(layout.width)
    base.page_height = Inches(layout.height)
    above, below = _rows_outside(script)
    base.top_margin = Inches(layout.top_margin - above * LINE_PT / 72)
    base.bottom_margin = Inches(layout.bottom_margin - below * LINE_PT / 72)
    base.left_margin = Inches(layout.left_margin)
    base.right_margin = Inches(layout.right_margin)
    base.header_distance = Inches(layout.header_margin)
    base.footer_distance = Inches(layout.header_margin)

    writer = _Writer(layout, styles, row_offset=above)
    plans = _plan_sections(script)
    section_ends: list[etree._Element] = []
    for plan in plans:
        first_in_section = True
        for index in plan.pages:
            lines = script.title_page or () if plan.is_title else script.pages[index].lines
            marked = struck[index] if not plan.is_title and 0 <= index < len(struck) else ()
            writer.struck = {id(ln) for i, ln in enumerate(lines) if i in marked}
            elements = writer.page(lines)
            if not first_in_section:
                writer.break_before(elements)
            first_in_section = False
            for part in elements:
                sentinel.addprevious(part.element)
            writer.previous = elements
        section_ends.append(writer.section_end(sentinel))

    # Every section but the last ends in a paragraph holding its own sectPr; the body's
    # sentinel sectPr is the last section's.
    for i, plan in enumerate(plans):
        if i == len(plans) - 1:
            sect_pr = sentinel
        else:
            sect_pr = _clone_section(sentinel)
            pPr = section_ends[i].find(qn("w:pPr"))
            if pPr is None:
                pPr = etree.SubElement(section_ends[i], qn("w:pPr"))
                section_ends[i].insert(0, pPr)
            pPr.append(sect_pr)
        _fill_section(Section(sect_pr, document.part), sect_pr, plan, layout, i == 0)

    buffer = io.BytesIO()
    document.save(buffer)
    return normalise_zip(buffer.getvalue())


# --- Sections and headers -----------------------------------------------------------------------


def _plan_sections(script: PaginatedScript) -> list[_SectionPlan]:
    plans: list[_SectionPlan] = []
    if script.title_page is not None:
        plans.append(_SectionPlan(pages=[-1], is_title=True))
    current: _SectionPlan | None = None
    last_number = 0
    for index, page in enumerate(script.pages):
        digits = page.number.isdigit()
        if (
            current is not None
            and current.first_number is not None
            and digits
            and page.show_number
            and int(page.number) == last_number + 1
            and page.header == current.header
        ):
            current.pages.append(index)
            last_number += 1
            continue
        current = _SectionPlan(
            pages=[index],
            first_number=int(page.number) if digits else None,
            literal="" if digits else page.number,
            first_page_blank=not page.show_number,
            header=page.header,
        )
        last_number = int(page.number) if digits else 0
        plans.append(current)
        if not digits:
            current = None  # "12A" stands alone
    if not plans:
        plans.append(_SectionPlan(pages=[], first_number=1))
    return plans


def _clone_section(sentinel: CT_SectPr) -> CT_SectPr:
    clone = sentinel.clone()
    for ref in clone.xpath("w:headerReference|w:footerReference"):
        clone.remove(ref)
    return clone


_SECT_SUCCESSORS_OF_PGNUMTYPE = (
    "w:cols",
    "w:formProt",
    "w:vAlign",
    "w:noEndnote",
    "w:titlePg",
    "w:textDirection",
    "w:bidi",
    "w:rtlGutter",
    "w:docGrid",
    "w:printerSettings",
    "w:sectPrChange",
)


def _fill_section(
    section: Section, sect_pr: etree._Element, plan: _SectionPlan, layout: PageLayout, first: bool
) -> None:
    if plan.is_title:
        if not first:
            section.header.is_linked_to_previous = False
        return
    if plan.first_number is not None:
        pg = etree.Element(qn("w:pgNumType"))
        pg.set(qn("w:start"), str(plan.first_number))
        for tag in _SECT_SUCCESSORS_OF_PGNUMTYPE:
            successor = sect_pr.find(qn(tag))
            if successor is not None:
                successor.addprevious(pg)
                break
        else:
            sect_pr.append(pg)
    body_width = _tw(layout.width - layout.left_margin - layout.right_margin)
    section.header.is_linked_to_previous = False
    _header_paragraph(section.header.paragraphs[0], plan.header, plan, body_width)
    section.different_first_page_header_footer = plan.first_page_blank
    if plan.first_page_blank:
        section.first_page_header.is_linked_to_previous = False
        first_header = section.first_page_header.paragraphs[0]
        if plan.header:
            first_header.add_run(plan.header)


def _header_paragraph(paragraph: Paragraph, text: str, plan: _SectionPlan, width: int) -> None:
    """``header text<tab>N.`` with a right tab on the right margin; N is PAGE or literal."""
    p = paragraph._p
    pPr = p.get_or_add_pPr()
    tabs = etree.SubElement(pPr, qn("w:tabs"))
    tab = etree.SubElement(tabs, qn("w:tab"))
    tab.set(qn("w:val"), "right")
    tab.set(qn("w:pos"), str(width))
    if text:
        paragraph.add_run(text)
    paragraph.add_run().add_tab()
    if plan.literal:
        paragraph.add_run(f"{plan.literal}.")
        return
    field = etree.SubElement(p, qn("w:fldSimple"))
    field.set(qn("w:instr"), " PAGE ")
    r = etree.SubElement(field, qn("w:r"))
    t = etree.SubElement(r, qn("w:t"))
    t.text = str(plan.first_number or 1)
    paragraph.add_run(".")


# --- Pages, paragraphs and tables ---------------------------------------------------------------


def _rows_outside(script: PaginatedScript) -> tuple[int, int]:
    """Rows the paginator used above row 0 and below the last body row, on any page.

    Word cannot put a line in a margin, so the DOCX body grows by that many 12 pt rows (the
    margins shrink) and every row moves down by ``above``: lines keep their place on paper.
    """
    rows = [ln.row for page in script.pages for ln in page.lines]
    rows += [ln.row for ln in script.title_page or ()]
    if not rows:
        return 0, 0
    last = script.layout.lines_per_page - 1
    return max(0, -min(rows)), max(0, max(rows) - last)


class _Writer:
    def __init__(
        self,
        layout: PageLayout,
        styles: dict[str, tuple[str, ElementStyle]],
        row_offset: int = 0,
    ) -> None:
        self.layout = layout
        self.styles = styles
        self.row_offset = row_offset
        self.previous: list[_Para] = []
        self.struck: set[int] = set()  # ids of this page's lines to strike through (sides)

    def page(self, lines: Iterable[PageLine]) -> list[_Para]:
        """One page's paragraphs and tables, blank rows as space before."""
        ordered = sorted(lines, key=lambda ln: (ln.row, ln.x))
        by_row: dict[int, list[PageLine]] = {}
        for line in ordered:
            by_row.setdefault(line.row, []).append(line)
        rows = sorted(by_row)
        out: list[_Para] = []
        last_row = -1 - self.row_offset
        i = 0
        while i < len(rows):
            row = rows[i]
            if len(by_row[row]) > 1:
                j = i + 1
                while (
                    j < len(rows)
                    and rows[j] == rows[j - 1] + 1
                    and all(ln.kind in _SPEECH_KINDS for ln in by_row[rows[j]])
                ):
                    j += 1
                block = [ln for r in rows[i:j] for ln in by_row[r]]
                out.append(_Para(self.table(block, row - last_row - 1), is_table=True))
                last_row = rows[j - 1]
                i = j
                continue
            for line in by_row[row]:
                out.append(_Para(self.paragraph(line, row - last_row - 1)))
            last_row = row
            i += 1
        if not out:
            out.append(_Para(_paragraph_element(self.styles["action"][0], (), 0)))
        return out

    def _style(self, kind: str) -> tuple[str, ElementStyle]:
        return self.styles.get(kind) or self.styles["general"]

    def paragraph(
        self, line: PageLine, gap_rows: int, origin: float | None = None
    ) -> etree._Element:
        """One line; ``origin`` is the left edge of its table cell (None: the page margin)."""
        style_id, style = self._style(line.kind)
        layout = self.layout
        text_width = len(line.text) * 0.1
        ind: tuple[int, int, int] | None = None  # left, first line (negative: hanging), right
        jc: str | None = None
        if origin is not None:
            ind = (_tw(line.x - origin), 0, -_tw(SLACK_IN))
            jc = "left" if style.alignment != "left" else None
        elif style.alignment == "right" and abs(line.x + text_width - style.right) < 0.05:
            pass  # Word right-aligns it on the style's right indent: the same place
        elif style.alignment == "left" and abs(line.x - (style.left + style.first_indent)) < _EPS:
            pass
        else:
            ind = (_tw(line.x - layout.left_margin), 0, -_tw(SLACK_IN))
            jc = "left" if style.alignment != "left" else None
        prefix = ""
        if (
            origin is None
            and line.scene_number
            and line.kind == "scene_heading"
            and layout.scene_numbers in ("left", "both")
        ):
            hang = line.x - layout.scene_number_left_at
            ind = (_tw(line.x - layout.left_margin), -_tw(hang), -_tw(SLACK_IN))
            prefix = f"{line.scene_number}\t"
        if ind is None:
            box_right = style.right + (SLACK_IN if style.alignment != "right" else 0.0)
        else:
            box_right = layout.width - layout.right_margin + SLACK_IN
        near_edge = line.x + text_width > box_right - 0.05
        if origin is None and (near_edge or not _fits_courier(line.text)):
            # A line the paginator let run to the edge of its box (61 characters of action
            # in a 60-character box happens), or one Word draws partly in a fallback font of
            # another width: let it run on to the paper's edge rather than wrap.
            left, first = (
                (ind[0], ind[1]) if ind is not None else (_tw(line.x - layout.left_margin), 0)
            )
            ind = (left, first, -_tw(layout.right_margin))
            jc = "left" if style.alignment != "left" else None
        # In the right margin: the scene number (right-aligned on its stop) and the revision
        # mark, each after a tab. The paragraph then runs to the paper's edge so that the
        # stops beyond the text box are reachable; its text is one line already.
        tabs: list[tuple[str, float, str]] = []
        end = line.x + text_width
        if (
            origin is None
            and line.scene_number
            and line.kind == "scene_heading"
            and layout.scene_numbers in ("right", "both")
            and end + 0.1 < layout.scene_number_right_at - len(line.scene_number) * 0.1
        ):
            tabs.append(("right", layout.scene_number_right_at, line.scene_number))
        if origin is None and line.mark and end + 0.05 < layout.revision_mark_at:
            tabs.append(("left", layout.revision_mark_at, line.mark))
        if tabs:
            left, first = (
                (ind[0], ind[1])
                if ind is not None
                else (_tw(style.left - layout.left_margin), _tw(style.first_indent))
            )
            ind = (left, first, -_tw(layout.right_margin))
            tabs = [(kind, at - layout.left_margin, text) for kind, at, text in tabs]
        before = gap_rows * _TWIPS_PER_PT * int(LINE_PT)
        style_before = style.space_before * _TWIPS_PER_PT * int(LINE_PT)
        return _paragraph_element(
            style_id,
            line.runs,
            before if before != style_before or origin is not None else None,
            ind=ind,
            jc=jc,
            prefix=prefix,
            tabs=tuple(tabs),
            struck=id(line) in self.struck,
        )

    def table(self, lines: list[PageLine], gap_rows: int) -> etree._Element:
        """Dual dialogue: two borderless columns, one unsplittable row."""
        layout = self.layout
        first_row = min(ln.row for ln in lines)
        rows: dict[int, list[PageLine]] = {}
        for ln in lines:
            rows.setdefault(ln.row, []).append(ln)
        split = min(max(ln.x for ln in row) for row in rows.values() if len(row) > 1)
        left = [ln for ln in lines if ln.x < split - _EPS]
        right = [ln for ln in lines if ln.x >= split - _EPS]
        start = min(ln.x for ln in left) if left else split
        end = layout.width - layout.right_margin
        widths = (_tw(split - start), _tw(end - split))

        tbl = etree.Element(qn("w:tbl"))
        tblPr = etree.SubElement(tbl, qn("w:tblPr"))
        _sub(tblPr, "w:tblW", w=str(sum(widths)), type="dxa")
        _sub(tblPr, "w:tblInd", w=str(_tw(start - layout.left_margin)), type="dxa")
        borders = etree.SubElement(tblPr, qn("w:tblBorders"))
        for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
            _sub(borders, f"w:{edge}", val="nil")
        _sub(tblPr, "w:tblLayout", type="fixed")
        margins = etree.SubElement(tblPr, qn("w:tblCellMar"))
        for edge in ("top", "left", "bottom", "right"):
            _sub(margins, f"w:{edge}", w="0", type="dxa")
        _sub(tblPr, "w:tblLook", val="0000")
        grid = etree.SubElement(tbl, qn("w:tblGrid"))
        for w in widths:
            _sub(grid, "w:gridCol", w=str(w))
        tr = etree.SubElement(tbl, qn("w:tr"))
        trPr = etree.SubElement(tr, qn("w:trPr"))
        etree.SubElement(trPr, qn("w:cantSplit"))
        for column, width, origin in ((left, widths[0], start), (right, widths[1], split)):
            tc = etree.SubElement(tr, qn("w:tc"))
            tcPr = etree.SubElement(tc, qn("w:tcPr"))
            _sub(tcPr, "w:tcW", w=str(width), type="dxa")
            last = first_row - 1 - gap_rows
            for ln in sorted(column, key=lambda ln: ln.row):
                tc.append(self.paragraph(ln, ln.row - last - 1, origin=origin))
                last = ln.row
            if not column:
                tc.append(_paragraph_element(self.styles["dialogue"][0], (), 0))
        return tbl

    def break_before(self, elements: list[_Para]) -> None:
        """Start ``elements`` on a new page of the same section."""
        first = elements[0]
        if not first.is_table:
            pPr = _get_pPr(first.element)
            node = etree.Element(qn("w:pageBreakBefore"))
            style = pPr.find(qn("w:pStyle"))
            if style is not None:
                style.addnext(node)
            else:
                pPr.insert(0, node)
            return
        if self.previous and not self.previous[-1].is_table:
            r = etree.SubElement(self.previous[-1].element, qn("w:r"))
            _sub(r, "w:br", type="page")
            return
        # A table ends the previous page and another starts this one: a 1 pt carrier.
        carrier = _paragraph_element(self.styles["action"][0], (), 0, exact_twips=20)
        pPr = _get_pPr(carrier)
        pPr.find(qn("w:pStyle")).addnext(etree.Element(qn("w:pageBreakBefore")))
        elements.insert(0, _Para(carrier))

    def section_end(self, sentinel: etree._Element) -> etree._Element:
        """The paragraph that will carry this section's sectPr (a 1 pt one after a table)."""
        if self.previous and not self.previous[-1].is_table:
            return self.previous[-1].element
        carrier = _paragraph_element(self.styles["action"][0], (), 0, exact_twips=20)
        sentinel.addprevious(carrier)
        return carrier


# Latin-1, Latin Extended-A, general punctuation (dashes, curly quotes, ellipsis), euro,
# trade mark: what Courier Prime, Courier New and Final Draft's Courier all draw.
_COURIER_RANGES = (
    (0x20, 0x7E),
    (0xA0, 0x17F),
    (0x2010, 0x2027),
    (0x20AC, 0x20AC),
    (0x2122, 0x2122),
)


def _fits_courier(text: str) -> bool:
    return all(any(lo <= ord(ch) <= hi for lo, hi in _COURIER_RANGES) for ch in text)


def _sub(parent: etree._Element, tag: str, **attrs: str) -> etree._Element:
    node = etree.SubElement(parent, qn(tag))
    for key, value in attrs.items():
        node.set(qn(f"w:{key}"), value)
    return node


def _get_pPr(p: etree._Element) -> etree._Element:
    pPr = p.find(qn("w:pPr"))
    if pPr is None:
        pPr = etree.Element(qn("w:pPr"))
        p.insert(0, pPr)
    return pPr


def _paragraph_element(
    style_id: str,
    runs: StyledText,
    before_twips: int | None,
    *,
    ind: tuple[int, int, int] | None = None,
    jc: str | None = None,
    prefix: str = "",
    exact_twips: int | None = None,
    tabs: tuple[tuple[str, float, str], ...] = (),
    struck: bool = False,
) -> etree._Element:
    """A paragraph of styled runs; ``tabs`` adds ``(alignment, inches from the left margin,
    text)`` after the runs, each on a tab stop of its own; ``struck`` prints every run grey
    and struck through (a sides line that is not the day's)."""
    p = etree.Element(qn("w:p"))
    pPr = etree.SubElement(p, qn("w:pPr"))
    _sub(pPr, "w:pStyle", val=style_id)
    if tabs:
        stops = etree.SubElement(pPr, qn("w:tabs"))
        for kind, at, _text in tabs:
            _sub(stops, "w:tab", val=kind, pos=str(_tw(at)))
    if before_twips is not None or exact_twips is not None:
        spacing = etree.SubElement(pPr, qn("w:spacing"))
        if before_twips is not None:
            spacing.set(qn("w:before"), str(before_twips))
        if exact_twips is not None:
            spacing.set(qn("w:line"), str(exact_twips))
            spacing.set(qn("w:lineRule"), "exact")
    if ind is not None:
        left, first, right = ind
        node = _sub(pPr, "w:ind", left=str(left), right=str(right))
        if first < 0:
            node.set(qn("w:hanging"), str(-first))
        else:
            node.set(qn("w:firstLine"), str(first))
    if jc is not None:
        _sub(pPr, "w:jc", val=jc)
    if prefix:
        head, _, tail = prefix.partition("\t")
        r = etree.SubElement(p, qn("w:r"))
        t = etree.SubElement(r, qn("w:t"))
        t.text = head
        etree.SubElement(r, qn("w:tab"))
    for run in runs:
        if not run.text:
            continue
        r = etree.SubElement(p, qn("w:r"))
        if run.bold or run.italic or run.underline or struck:
            rPr = etree.SubElement(r, qn("w:rPr"))
            if run.bold:
                etree.SubElement(rPr, qn("w:b"))
            if run.italic:
                etree.SubElement(rPr, qn("w:i"))
            if struck:
                etree.SubElement(rPr, qn("w:strike"))
                _sub(rPr, "w:color", val=STRUCK_COLOUR)
            if run.underline:
                _sub(rPr, "w:u", val="single")
        t = etree.SubElement(r, qn("w:t"))
        t.text = run.text
        if run.text != run.text.strip():
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    for _kind, _at, text in tabs:
        r = etree.SubElement(p, qn("w:r"))
        etree.SubElement(r, qn("w:tab"))
        t = etree.SubElement(r, qn("w:t"))
        t.text = text
    return p


# --- Styles, fonts, properties, zip -------------------------------------------------------------


def _define_styles(
    document: DocxDocument, layout: PageLayout, font_family: str
) -> dict[str, tuple[str, ElementStyle]]:
    """Normal (the font, exact 12 pt lines, no keeps) and one style per element kind."""
    styles = document.styles
    normal = styles["Normal"]
    normal.font.name = font_family
    normal.font.size = Pt(FONT_SIZE_PT)
    rpr = normal.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), font_family)
    fmt = normal.paragraph_format
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    fmt.line_spacing = Pt(LINE_PT)  # exact
    fmt.widow_control = False
    fmt.keep_with_next = False
    fmt.keep_together = False
    for name in ("Header", "Footer"):
        if name in [s.name for s in styles]:
            styles[name].paragraph_format.line_spacing = Pt(LINE_PT)

    right_edge = layout.width - layout.right_margin
    out: dict[str, tuple[str, ElementStyle]] = {}
    for kind, name in STYLE_NAMES.items():
        source = _STYLE_SOURCE.get(kind, kind)
        try:
            element = layout.style(source)
        except KeyError:
            element = ElementStyle(layout.left_margin, right_edge, space_before=0)
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        style.quick_style = True
        pf = style.paragraph_format
        pf.left_indent = Inches(element.left - layout.left_margin)
        slack = SLACK_IN if element.alignment != "right" else 0.0
        pf.right_indent = Inches(right_edge - element.right - slack)
        pf.first_line_indent = Inches(element.first_indent)
        pf.space_before = Pt(element.space_before * LINE_PT)
        pf.widow_control = False
        pf.keep_with_next = False
        pf.keep_together = False
        if element.alignment == "right":
            pf.alignment = 2  # WD_ALIGN_PARAGRAPH.RIGHT
        elif element.alignment == "center":
            pf.alignment = 1
        if element.caps:
            style.font.all_caps = True
        out[kind] = (style.style_id, element)
    return out


def _declare_font(document: DocxDocument, family: str) -> None:
    """Tell Word the family is fixed pitch, with Courier New as the stand-in."""
    package = document.part.package
    for part in package.iter_parts():
        if str(part.partname) != "/word/fontTable.xml":
            continue
        root = etree.fromstring(part.blob)
        font = etree.SubElement(root, qn("w:font"))
        font.set(qn("w:name"), family)
        if family != "Courier New":
            _sub(font, "w:altName", val="Courier New")
        _sub(font, "w:family", val="modern")
        _sub(font, "w:pitch", val="fixed")
        part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
        return


def _drop_thumbnail(document: DocxDocument) -> None:
    """python-docx's template carries its own thumbnail picture; a script should not."""
    package = document.part.package
    for rid, rel in list(package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del package.rels[rid]


def _set_core_properties(document: DocxDocument, title: str, author: str, when: datetime) -> None:
    props = document.core_properties
    props.title = title
    props.author = author
    props.last_modified_by = author
    props.comments = ""
    props.subject = ""
    props.keywords = ""
    props.category = ""
    props.revision = 1
    props.created = when
    props.modified = when


# --- Sides --------------------------------------------------------------------------------------

COVER_STYLE = "SidesCover"  # the cover's Normal, renamed so it does not meet the script's


def render_sides_docx(
    sides: SidesPages, *, cover: bytes | None = None, font_family: str = "Courier Prime"
) -> bytes:
    """A day's sides as DOCX: the cover (a DOCX made from the ``sides`` template), then each
    page of the formatted script at full size (Word cannot scale a page, so ``half`` sides
    are full-size here), lines that are not the day's struck through in grey."""
    pages = tuple(p.page for p in sides.pages)
    script = PaginatedScript(sides.title, sides.layout, None, pages)
    body = render_script_docx(
        script, font_family=font_family, struck=tuple(p.struck for p in sides.pages)
    )
    if cover is None:
        return body
    return _prepend(cover, body)


def _prepend(cover_data: bytes, body_data: bytes) -> bytes:
    """``cover_data``'s body as a first section of ``body_data``, with the styles it uses."""
    cover = Document(io.BytesIO(cover_data))
    document = Document(io.BytesIO(body_data))
    styles = document.styles.element
    have = {s.get(qn("w:styleId")) for s in styles.findall(qn("w:style"))}
    renamed = {"Normal": COVER_STYLE}
    for style in cover.styles.element.findall(qn("w:style")):
        sid = style.get(qn("w:styleId"))
        if sid != "Normal" and sid in have:
            continue
        clone = copy.deepcopy(style)
        if sid == "Normal":
            clone.set(qn("w:styleId"), COVER_STYLE)
            clone.attrib.pop(qn("w:default"), None)
            name = clone.find(qn("w:name"))
            if name is not None:
                name.set(qn("w:val"), "Sides Cover")
        based = clone.find(qn("w:basedOn"))
        if based is not None and based.get(qn("w:val")) == "Normal":
            based.set(qn("w:val"), COVER_STYLE)
        styles.append(clone)
    body = document.element.body
    first = body[0]
    cover_body = cover.element.body
    for element in list(cover_body):
        if element.tag == qn("w:sectPr"):
            continue
        clone = copy.deepcopy(element)
        for p in [clone] if clone.tag == qn("w:p") else clone.iter(qn("w:p")):
            pPr = _get_pPr(p)
            style = pPr.find(qn("w:pStyle"))
            if style is None:
                _sub(pPr, "w:pStyle", val=COVER_STYLE)
                pPr.insert(0, pPr[-1])
            elif style.get(qn("w:val")) in renamed:
                style.set(qn("w:val"), renamed[style.get(qn("w:val"))])
        first.addprevious(clone)
    sect = copy.deepcopy(cover_body.sectPr)
    for ref in sect.xpath("w:headerReference|w:footerReference|w:titlePg"):
        sect.remove(ref)
    breaker = etree.Element(qn("w:p"))
    pPr = etree.SubElement(breaker, qn("w:pPr"))
    _sub(pPr, "w:pStyle", val=COVER_STYLE)
    pPr.append(sect)
    first.addprevious(breaker)
    buffer = io.BytesIO()
    document.save(buffer)
    return normalise_zip(buffer.getvalue())
