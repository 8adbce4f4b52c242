"""The script DOCX read back with python-docx: same pages, rows, columns, styles and font."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from paperwork.model.pages import LETTER, Page, PageLine, PaginatedScript
from paperwork.render.screenplay_docx import STYLE_NAMES, render_script_docx

from .samples import line as page_line
from .samples import sample_script

TW = 1440  # twips an inch


@dataclass(frozen=True)
class _Got:
    row: int
    x: float
    text: str
    style: str


def _val(node: object, attr: str) -> int | None:
    if node is None:
        return None
    value = node.get(qn(f"w:{attr}"))  # type: ignore[attr-defined]
    return None if value is None else int(value)


class _Reader:
    """Rebuilds (row, x, text, style) per page from the XML the way Word would place it."""

    def __init__(self, data: bytes) -> None:
        self.doc = Document(io.BytesIO(data))
        section = self.doc.sections[-1]
        self.left = section.left_margin / 914400
        self.right_edge = (section.page_width - section.right_margin) / 914400
        self.styles = {s.style_id: s for s in self.doc.styles if s.type == 1}
        # rows the renderer moved the body up by (lines the paginator put in the margin)
        self.shift = round((LETTER.top_margin - section.top_margin / 914400) * 6)

    def _style_px(self, style_id: str, what: str) -> int:
        style = self.styles[style_id]
        pPr = style.element.find(qn("w:pPr"))
        node = None if pPr is None else pPr.find(qn("w:spacing" if what == "before" else "w:ind"))
        return _val(node, what) or 0

    def paragraph(self, p: object, last_row: int, origin: float) -> tuple[_Got, bool]:
        pPr = p.find(qn("w:pPr"))  # type: ignore[attr-defined]
        style_id = pPr.find(qn("w:pStyle")).get(qn("w:val"))
        spacing = pPr.find(qn("w:spacing"))
        before = _val(spacing, "before")
        if before is None:
            before = self._style_px(style_id, "before")
        assert before % 240 == 0
        row = last_row + 1 + before // 240
        runs = list(p.iterchildren(qn("w:r")))  # type: ignore[attr-defined]
        if runs and len(runs[0]) and runs[0][-1].tag == qn("w:tab"):
            runs = runs[1:]  # a left scene number: "12<tab>HEADING"
        # Margin items (right scene number, revision mark) are runs that start with a tab.
        runs = [r for r in runs if not (len(r) and r[0].tag == qn("w:tab"))]
        text = "".join(t.text or "" for r in runs for t in r.iter(qn("w:t")))
        ind = pPr.find(qn("w:ind"))
        jc = pPr.find(qn("w:jc"))
        style_jc = self.styles[style_id].paragraph_format.alignment
        if ind is None and style_jc == 2 and jc is None:  # right-aligned on the style indent
            right = self._style_px(style_id, "right")
            x = self.right_edge - right / TW - len(text) * 0.1
        else:
            left = _val(ind, "left")
            if left is None:
                left = self._style_px(style_id, "left")
                left += self._style_px(style_id, "firstLine")
                left -= self._style_px(style_id, "hanging")
            x = origin + left / TW
        broken = any(
            br.get(qn("w:type")) == "page"
            for br in p.iter(qn("w:br"))  # type: ignore[attr-defined]
        )
        return _Got(row, round(x, 3), text, self.styles[style_id].name), broken

    def pages(self) -> list[list[_Got]]:
        pages: list[list[_Got]] = [[]]
        last_row = -1 - self.shift
        new_page_next = False
        for child in self.doc.element.body:
            if child.tag == qn("w:sectPr"):
                continue
            starts = new_page_next
            new_page_next = False
            if child.tag == qn("w:p"):
                pPr = child.find(qn("w:pPr"))
                if pPr.find(qn("w:pageBreakBefore")) is not None:
                    starts = True
                if starts and pages[-1]:
                    pages.append([])
                    last_row = -1 - self.shift
                spacing = pPr.find(qn("w:spacing"))
                if spacing is not None and spacing.get(qn("w:line")) == "20":
                    # a 1 pt carrier paragraph for a break or a section
                    new_page_next = pPr.find(qn("w:sectPr")) is not None
                    continue
                got, broken = self.paragraph(child, last_row, self.left)
                pages[-1].append(got)
                last_row = got.row
                new_page_next = broken or pPr.find(qn("w:sectPr")) is not None
            else:  # a dual-dialogue table
                if starts and pages[-1]:
                    pages.append([])
                    last_row = -1 - self.shift
                indent = _val(child.find(qn("w:tblPr")).find(qn("w:tblInd")), "w") or 0
                origin = self.left + indent / TW
                widths = [_val(c, "w") for c in child.find(qn("w:tblGrid"))]
                end = last_row
                for cell, width in zip(child.iter(qn("w:tc")), widths, strict=True):
                    row = last_row
                    for p in cell.iter(qn("w:p")):
                        got, _ = self.paragraph(p, row, origin)
                        pages[-1].append(got)
                        row = got.row
                    end = max(end, row)
                    origin += (width or 0) / TW
                last_row = end
        return pages


def _expected(lines: tuple[PageLine, ...]) -> set[tuple[int, float, str, str]]:
    return {(ln.row, round(ln.x, 3), ln.text, STYLE_NAMES[ln.kind]) for ln in lines}


def _as_set(got: list[_Got]) -> set[tuple[int, float, str, str]]:
    return {(g.row, g.x, g.text, g.style) for g in got}


@pytest.fixture(scope="module")
def docx_bytes() -> bytes:
    return render_script_docx(sample_script(), author="John August")


def test_pages_rows_and_columns_match_the_paginator(docx_bytes: bytes) -> None:
    """Split at the explicit breaks, each page has the paginator's lines on the same rows."""
    script = sample_script()
    pages = _Reader(docx_bytes).pages()
    assert len(pages) == 1 + len(script.pages)
    assert _as_set(pages[0]) == _expected(script.title_page or ())
    for page, got in zip(script.pages, pages[1:], strict=True):
        assert _as_set(got) == _expected(page.lines)


def test_paragraph_texts_in_reading_order(docx_bytes: bytes) -> None:
    """python-docx's own paragraphs (outside tables) read as the lines, in order."""
    doc = Document(io.BytesIO(docx_bytes))
    texts = [p.text for p in doc.paragraphs if p.text]
    assert texts[:3] == ["BIG FISH", "Contact: me", "FADE IN:"]
    assert texts[3] == "1\tEXT. RIVER - DAY\t1"  # numbers in both margins
    assert texts[-1] == "CUT TO:"


def test_styles_are_named_after_the_elements(docx_bytes: bytes) -> None:
    """Every element has its paragraph style, with indents from the page layout."""
    doc = Document(io.BytesIO(docx_bytes))
    names = {s.name for s in doc.styles}
    assert set(STYLE_NAMES.values()) <= names
    dialogue = doc.styles["Dialogue"].paragraph_format
    assert dialogue.left_indent.inches == pytest.approx(1.0)  # 2.5" from the edge
    assert doc.styles["Character"].paragraph_format.left_indent.inches == pytest.approx(2.0)
    assert doc.styles["Transition"].paragraph_format.alignment == 2
    assert doc.styles["Parenthetical"].paragraph_format.first_line_indent.inches == (
        pytest.approx(-0.1)
    )
    assert doc.styles["Scene Heading"].paragraph_format.space_before.pt == 24


def test_courier_12_exact_lines_and_no_keeps(docx_bytes: bytes) -> None:
    """Normal is Courier Prime 12 pt, exact 12 pt lines, widow control and keeps off."""
    doc = Document(io.BytesIO(docx_bytes))
    normal = doc.styles["Normal"]
    assert normal.font.name == "Courier Prime" and normal.font.size.pt == 12
    fmt = normal.paragraph_format
    assert fmt.line_spacing.pt == 12 and fmt.line_spacing_rule == 4  # EXACTLY
    assert (fmt.widow_control, fmt.keep_with_next, fmt.keep_together) == (False, False, False)
    for name in STYLE_NAMES.values():
        pf = doc.styles[name].paragraph_format
        assert (pf.widow_control, pf.keep_with_next, pf.keep_together) == (False, False, False)


def test_font_table_declares_a_fixed_pitch_fallback(docx_bytes: bytes) -> None:
    """Word learns Courier Prime is a fixed-pitch modern face with Courier New instead."""
    xml = zipfile.ZipFile(io.BytesIO(docx_bytes)).read("word/fontTable.xml").decode()
    assert '<w:font w:name="Courier Prime"><w:altName w:val="Courier New"/>' in xml
    assert '<w:pitch w:val="fixed"/>' in xml


def test_page_size_and_margins_come_from_the_layout(docx_bytes: bytes) -> None:
    """Letter, 1.5" left, 1" right, 1" top and bottom, header at 0.5", in every section."""
    for section in Document(io.BytesIO(docx_bytes)).sections:
        assert (section.page_width.inches, section.page_height.inches) == (8.5, 11.0)
        assert (section.left_margin.inches, section.right_margin.inches) == (1.5, 1.0)
        assert (section.top_margin.inches, section.bottom_margin.inches) == (1.0, 1.0)
        assert section.header_distance.inches == 0.5


def test_page_numbers_are_a_page_field_and_a_page_literal(docx_bytes: bytes) -> None:
    """Title page: no header. Pages 1-2: PAGE field from 1, first page blank. 2A: literal."""
    doc = Document(io.BytesIO(docx_bytes))
    title, body, a_page = doc.sections
    assert title.header.is_linked_to_previous  # the first section: no header at all
    assert body.different_first_page_header_footer
    assert body.first_page_header.paragraphs[0].text == ""
    header_xml = body.header._element.xml
    assert 'w:instr=" PAGE "' in header_xml and "<w:t>.</w:t>" in header_xml
    assert body._sectPr.find(qn("w:pgNumType")).get(qn("w:start")) == "1"
    assert a_page.header.paragraphs[0].text == "Blue Rev. 06/12/24\t2A."
    assert not a_page.different_first_page_header_footer


def test_numbers_that_jump_start_new_sections() -> None:
    """Pages 1, 2, 5, 6: two PAGE-field sections starting at 1 and at 5."""
    pages = tuple(Page(n, (page_line(0, 1.5, f"p{n}"),)) for n in ("1", "2", "5", "6"))
    doc = Document(io.BytesIO(render_script_docx(PaginatedScript("T", LETTER, None, pages))))
    starts = [s._sectPr.find(qn("w:pgNumType")).get(qn("w:start")) for s in doc.sections]
    assert starts == ["1", "5"]
    assert [p.text for p in doc.paragraphs] == ["p1", "p2", "p5", "p6"]


def test_dual_dialogue_is_a_borderless_two_column_table(docx_bytes: bytes) -> None:
    """BRICK and STEEL sit in two cells of one unsplittable, borderless row."""
    doc = Document(io.BytesIO(docx_bytes))
    (table,) = doc.tables
    cells = table.rows[0].cells
    assert [[p.text for p in c.paragraphs] for c in cells] == [
        ["BRICK", "Screw retirement."],
        ["STEEL", "Screw retirement."],
    ]
    tbl = table._tbl
    assert tbl.find(qn("w:tr")).find(qn("w:trPr")).find(qn("w:cantSplit")) is not None
    borders = tbl.find(qn("w:tblPr")).find(qn("w:tblBorders"))
    assert {b.get(qn("w:val")) for b in borders} == {"nil"}


def test_runs_keep_bold_and_underline(docx_bytes: bytes) -> None:
    """'very' is bold and 'sure' underlined, nothing else."""
    doc = Document(io.BytesIO(docx_bytes))
    (para,) = [p for p in doc.paragraphs if p.text == "He is very sure."]
    styled = [(r.text, bool(r.bold), bool(r.underline)) for r in para.runs]
    assert styled == [
        ("He is ", False, False),
        ("very", True, False),
        (" ", False, False),
        ("sure", False, True),
        (".", False, False),
    ]


def test_same_bytes_every_time_and_fixed_dates(docx_bytes: bytes) -> None:
    """Equal input gives equal bytes; core dates and zip dates are fixed."""
    assert render_script_docx(sample_script(), author="John August") == docx_bytes
    doc = Document(io.BytesIO(docx_bytes))
    props = doc.core_properties
    assert props.created == props.modified == datetime(2000, 1, 1, tzinfo=UTC)
    assert (props.title, props.author) == ("Big Fish", "John August")
    infos = zipfile.ZipFile(io.BytesIO(docx_bytes)).infolist()
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
    assert not any("thumbnail" in i.filename for i in infos)
    later = render_script_docx(sample_script(), created=datetime(2024, 6, 12, tzinfo=UTC))
    assert Document(io.BytesIO(later)).core_properties.created == datetime(2024, 6, 12, tzinfo=UTC)


def test_a_page_that_opens_with_dual_dialogue_still_breaks() -> None:
    """A table first on a page: the previous page's last paragraph carries the break."""
    pages = (
        Page("1", (page_line(0, 1.5, "Before."),), show_number=False),
        Page(
            "2",
            (
                page_line(0, 2.5, "BRICK", "character"),
                page_line(0, 5.0, "STEEL", "character"),
                page_line(1, 1.5, "Yes.", "dialogue"),
                page_line(1, 4.5, "No.", "dialogue"),
                page_line(3, 1.5, "After."),
            ),
        ),
    )
    script = PaginatedScript("T", LETTER, None, pages)
    got = _Reader(render_script_docx(script)).pages()
    assert [_as_set(p) for p in got] == [_expected(p.lines) for p in pages]


# --- End to end: Fountain -> paginator -> DOCX ------------------------------------------------

OWN_SCRIPT = """\
Title: THE SALT ROAD
Author: A. Writer

INT. HARBOUR OFFICE - DAWN #1#

Rain on the glass. MAGGIE (50s) counts **tide tables** with a _pencil_.

MAGGIE
(to herself)
Six hours. Always six hours.

TOM
And the boat?

MAGGIE ^
Still there.

===

EXT. SEA WALL - DAY #2#

> THE END <
"""


def _paginated(text: str, source: str) -> PaginatedScript:
    """Read, paginate and add the title page, as ``paperwork script format`` does."""
    from dataclasses import replace

    from paperwork.errors import Diagnostics
    from paperwork.paginator.title_page import layout_title_page
    from paperwork.readers.fountain import read_fountain

    paginator = pytest.importorskip("paperwork.paginator")
    script = read_fountain(text, source, Diagnostics())
    paginated = paginator.paginate(script, paginator.layout_for(script, "letter"))
    if script.title_page is not None:
        title = layout_title_page(script.title_page, paginated.layout)
        paginated = replace(paginated, title_page=title)
    return paginated


def _check_every_page(paginated: PaginatedScript) -> None:
    pages = _Reader(render_script_docx(paginated)).pages()
    offset = 1 if paginated.title_page is not None else 0
    assert len(pages) == len(paginated.pages) + offset
    if paginated.title_page is not None:
        assert _as_set(pages[0]) == _expected(paginated.title_page)
    for page, got in zip(paginated.pages, pages[offset:], strict=True):
        assert _as_set(got) == _expected(page.lines), page.number


def test_own_script_end_to_end() -> None:
    """A small Fountain script with a forced break and dual dialogue keeps every page."""
    paginated = _paginated(OWN_SCRIPT, "salt_road.fountain")
    assert len(paginated.pages) == 2
    _check_every_page(paginated)


def test_corpus_script_end_to_end(corpus: Path) -> None:
    """Brick & Steel: every page, row and column of the paginator survives into Word."""
    name = "brick_and_steel.fountain"
    _check_every_page(_paginated((corpus / "fountain" / name).read_text(encoding="utf-8"), name))


def test_lines_the_paginator_puts_in_the_margins_keep_their_place() -> None:
    """A cue on row -1 and a (MORE) on row 54: the body grows by a row each way, no reflow."""
    pages = (
        Page(
            "1",
            (page_line(0, 1.5, "Top."), page_line(54, 3.5, "(MORE)", "more")),
            show_number=False,
        ),
        Page(
            "2",
            (
                page_line(-1, 3.5, "EDWARD (CONT'D)", "character"),
                page_line(0, 2.5, "On.", "dialogue"),
            ),
        ),
    )
    data = render_script_docx(PaginatedScript("T", LETTER, None, pages))
    section = Document(io.BytesIO(data)).sections[0]
    assert section.top_margin.inches == pytest.approx(1 - 1 / 6)
    assert section.bottom_margin.inches == pytest.approx(1 - 1 / 6)
    got = _Reader(data).pages()
    assert [_as_set(p) for p in got] == [_expected(p.lines) for p in pages]


def test_characters_outside_courier_get_room_to_the_paper_edge() -> None:
    """A line with ⌘ keeps its column but may run into the margin instead of wrapping."""
    pages = (
        Page(
            "1", (page_line(0, 1.5, "Press ⌘B, ⌘I."), page_line(2, 5.9, "CUT → TO:", "transition"))
        ),
    )
    data = render_script_docx(PaginatedScript("T", LETTER, None, pages))
    got = _Reader(data).pages()
    assert _as_set(got[0]) == _expected(pages[0].lines)
    inds = [p._p.pPr.find(qn("w:ind")) for p in Document(io.BytesIO(data)).paragraphs]
    assert [i.get(qn("w:right")) for i in inds] == ["-1440", "-1440"]


def test_a_line_filling_its_box_may_run_on_rather_than_wrap() -> None:
    """61 characters of action (the paginator allows it) get room to the paper's edge."""
    text = "retired police detective, is sitting quietly, contemplating -"
    pages = (Page("1", (page_line(0, 1.5, text), page_line(1, 1.5, "Short."))),)
    doc = Document(io.BytesIO(render_script_docx(PaginatedScript("T", LETTER, None, pages))))
    long, short = doc.paragraphs
    assert long._p.pPr.find(qn("w:ind")).get(qn("w:right")) == "-1440"
    assert short._p.pPr.find(qn("w:ind")) is None  # the Action style's own indents
