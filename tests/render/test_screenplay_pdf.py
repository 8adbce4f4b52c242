"""The script PDF: every line where the paginator put it, labels, outline, fonts, same bytes."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import ContentStream

from paperwork.model.pages import LETTER, Page, PageLayout, PageLine, PaginatedScript
from paperwork.model.screenplay import TextRun
from paperwork.render.fonts import COURIER, ScriptFont, find_courier_prime
from paperwork.render.screenplay_pdf import BASELINE_PT, page_colour_rgb, render_script_pdf

from .samples import line as page_line
from .samples import sample_script


@dataclass(frozen=True)
class _Shown:
    x: float  # inches from the left edge
    row: float  # 12 pt rows from the top margin; the header line is row -3
    text: str
    font: str  # BaseFont


def _cmap(font: object) -> dict[bytes, str] | None:
    """Code -> text from a font's ToUnicode bfchar entries (what our renderer writes)."""
    if "/ToUnicode" not in font:  # type: ignore[operator]
        return None
    data = font["/ToUnicode"].get_object().get_data().decode("ascii")  # type: ignore[index]
    out: dict[bytes, str] = {}
    for code, uni in re.findall(r"<([0-9A-F]+)> <([0-9A-F]+)>", data):
        if code == "0000" and uni == "FFFF":
            continue  # the codespace range
        out[bytes.fromhex(code)] = bytes.fromhex(uni).decode("utf-16-be")
    return out


def _shown(pdf: bytes) -> list[list[_Shown]]:
    """Per page, each text piece placed by a ``Tm``: runs drawn after it join the piece."""
    reader = PdfReader(io.BytesIO(pdf))
    pages: list[list[_Shown]] = []
    for page in reader.pages:
        height = float(page.mediabox.height)
        fonts = page["/Resources"]["/Font"]
        stream = ContentStream(page.get_contents(), reader)
        out: list[_Shown] = []
        font_name, cmap = "", None
        x = y = 0.0
        for operands, op in stream.operations:
            if op == b"Tf":
                font = fonts[operands[0]].get_object()
                font_name, cmap = str(font["/BaseFont"]), _cmap(font)
            elif op == b"Tm":
                x, y = float(operands[4]), float(operands[5])
                out.append(_Shown(x / 72, (height - y - 72 - BASELINE_PT) / 12, "", font_name))
            elif op == b"Tj":
                raw = operands[0].original_bytes
                if cmap is not None:
                    text = "".join(
                        cmap.get(raw[i : i + 2], "\ufffd") for i in range(0, len(raw), 2)
                    )
                else:
                    text = raw.decode("cp1252")
                last = out[-1]
                out[-1] = _Shown(last.x, last.row, last.text + text, last.font)
        pages.append(out)
    return pages


def _expected(
    page: Page | None, lines: tuple[PageLine, ...], layout: PageLayout = LETTER
) -> set[tuple[float, float, str]]:
    """What a page should show: lines, scene numbers in the margins, marks, N. top right."""
    want = {(round(ln.x, 3), float(ln.row), ln.text) for ln in lines}
    where = layout.scene_numbers
    for ln in lines:
        if ln.scene_number and where != "none":
            number, row = ln.scene_number, float(ln.row)
            if where in ("left", "both"):
                want.add((layout.scene_number_left_at, row, number))
            if where in ("right", "both"):
                want.add((round(layout.scene_number_right_at - len(number) * 0.1, 3), row, number))
        if ln.mark:
            want.add((layout.revision_mark_at, float(ln.row), ln.mark))
    if page is not None:
        right = layout.width - layout.right_margin
        if page.show_number:
            want.add((round(right - (len(page.number) + 1) * 0.1, 3), -3.0, f"{page.number}."))
        if page.header:
            want.add((layout.left_margin, -3.0, page.header))
    return want


def _got(shown: list[_Shown]) -> set[tuple[float, float, str]]:
    return {(round(s.x, 3), round(s.row, 6), s.text) for s in shown}


@pytest.fixture(scope="module")
def courier_pdf() -> bytes:
    return render_script_pdf(sample_script(), author="John August")


def test_every_line_lands_on_its_row_and_column(courier_pdf: bytes) -> None:
    """Each page shows exactly the paginator's lines, scene numbers, marks and number."""
    script = sample_script()
    shown = _shown(courier_pdf)
    assert len(shown) == 4
    assert _got(shown[0]) == _expected(None, script.title_page or ())
    for page, placed in zip(script.pages, shown[1:], strict=True):
        assert _got(placed) == _expected(page, page.lines)


def test_first_body_line_sits_a_baseline_below_the_top_margin(courier_pdf: bytes) -> None:
    """Row 0's baseline is 1" + 9 pt from the top, the header's 0.5" + 9 pt (Final Draft)."""
    page = PdfReader(io.BytesIO(courier_pdf)).pages[2]
    ops = ContentStream(page.get_contents(), None).operations
    ys = sorted({float(o[5]) for o, op in ops if op == b"Tm"}, reverse=True)
    assert ys[0] == 792 - 36 - 9 and ys[1] == 792 - 72 - 9


def test_extracted_text_follows_the_paginator_page_by_page(courier_pdf: bytes) -> None:
    """pypdf's own extraction finds every line of each page, in order."""
    reader = PdfReader(io.BytesIO(courier_pdf))
    for page, pdf_page in zip(sample_script().pages, reader.pages[1:], strict=True):
        text = " ".join(pdf_page.extract_text().split())
        at = 0
        for line in sorted(page.lines, key=lambda ln: (ln.row, ln.x)):
            found = text.find(" ".join(line.text.split()), at)
            assert found >= 0, line.text
            at = found


def test_page_labels_match_the_printed_numbers(courier_pdf: bytes) -> None:
    """Labels: Title, 1, 2, 2A."""
    assert PdfReader(io.BytesIO(courier_pdf)).page_labels == ["Title", "1", "2", "2A"]


def test_labels_without_a_title_page_and_with_a_gap() -> None:
    """Numbered runs restart where the numbers jump: 1, 2, 5, 5A, 6."""
    pages = tuple(Page(n, (page_line(0, 1.5, n),)) for n in ("1", "2", "5", "5A", "6"))
    pdf = render_script_pdf(PaginatedScript("T", LETTER, None, pages))
    assert PdfReader(io.BytesIO(pdf)).page_labels == ["1", "2", "5", "5A", "6"]


def test_one_outline_entry_per_scene_at_its_heading(courier_pdf: bytes) -> None:
    """Bookmarks read "N HEADING" (wrapped headings joined) and open the heading's page."""
    reader = PdfReader(io.BytesIO(courier_pdf))
    outline = reader.outline
    assert [item.title for item in outline] == [
        "1 EXT. RIVER - DAY",
        "2 INT. BLOOM HOUSE - WILL'S BEDROOM - NIGHT - A VERY LONG HEADING THAT WRAPS",
        "3 INT. KITCHEN - NIGHT",
    ]
    assert [reader.get_destination_page_number(item) for item in outline] == [1, 2, 3]
    assert float(outline[0].top) == 792 - 72 - 2 * 12


def test_outline_falls_back_to_heading_lines_without_scene_spans() -> None:
    """A script without SceneSpans still gets one entry per heading, numbered when printed."""
    script = sample_script()
    bare = PaginatedScript(script.title, script.layout, None, script.pages)
    titles = [i.title for i in PdfReader(io.BytesIO(render_script_pdf(bare))).outline]
    assert titles[0] == "1 EXT. RIVER - DAY" and len(titles) == 3 and titles[1].endswith("WRAPS")


def test_document_info(courier_pdf: bytes) -> None:
    """Title, author and creator are set; the dates are the fixed invariant ones."""
    meta = PdfReader(io.BytesIO(courier_pdf)).metadata
    assert meta is not None
    assert (meta.title, meta.author, meta.creator) == ("Big Fish", "John August", "paperwork")
    assert meta["/CreationDate"].startswith("D:20000101")


def test_same_bytes_every_time(courier_pdf: bytes) -> None:
    """Two renders of the same script are byte-identical."""
    assert render_script_pdf(sample_script(), author="John August") == courier_pdf


def test_underline_is_drawn_under_its_run_only(courier_pdf: bytes) -> None:
    """'sure' (chars 11-15 of the line at 1.5") gets a stroke 1.5 pt under the baseline."""
    page = PdfReader(io.BytesIO(courier_pdf)).pages[2]
    ops = ContentStream(page.get_contents(), None).operations
    moves = [(float(o[0]), float(o[1])) for o, op in ops if op == b"m"]
    lines = [(float(o[0]), float(o[1])) for o, op in ops if op == b"l"]
    y = 792 - 72 - 8 * 12 - BASELINE_PT - 1.5
    assert moves == [(108 + 11 * 7.2, y)] and lines == [(108 + 15 * 7.2, y)]


def test_bold_runs_use_the_bold_face(courier_pdf: bytes) -> None:
    """'very' is drawn in Courier-Bold, the rest of its line in Courier."""
    page = PdfReader(io.BytesIO(courier_pdf)).pages[2]
    fonts = page["/Resources"]["/Font"]
    used = []
    for operands, op in ContentStream(page.get_contents(), None).operations:
        if op == b"Tf":
            name = str(fonts[operands[0]].get_object()["/BaseFont"])
            if not used or used[-1] != name:  # the canvas preamble sets Courier once too
                used.append(name)
    assert used == ["/Courier", "/Courier-Bold", "/Courier"]


def test_coloured_pages_are_tinted_and_white_ones_are_not(courier_pdf: bytes) -> None:
    """The Blue page gets FD's #C6EDFE behind its text; tint_pages=False leaves it white."""
    reader = PdfReader(io.BytesIO(courier_pdf))
    blue = ContentStream(reader.pages[3].get_contents(), None).operations
    fills = [tuple(round(float(v), 3) for v in o) for o, op in blue if op == b"rg"]
    assert fills[0] == tuple(round(c, 3) for c in (0xC6 / 255, 0xED / 255, 0xFE / 255))
    assert any(op == b"re" for _o, op in blue)
    white = ContentStream(reader.pages[2].get_contents(), None).operations
    assert not any(op == b"re" for _o, op in white)
    plain = PdfReader(io.BytesIO(render_script_pdf(sample_script(), tint_pages=False)))
    assert not any(
        op == b"re" for _o, op in ContentStream(plain.pages[3].get_contents(), None).operations
    )


@pytest.mark.parametrize(
    ("colour", "rgb"),
    [
        ("Pink", (0xFD, 0xCC, 0xD4)),
        ("goldenrod", (0xFA, 0xCD, 0x39)),
        ("2nd Blue", (0xC6, 0xED, 0xFE)),
        ("Cherry Rev. (06/12/24)", (0xFB, 0xA4, 0xB4)),
        ("#FDFDF1F1C7C7", (0xFD, 0xF1, 0xC7)),
        ("#f8ae8e", (0xF8, 0xAE, 0x8E)),
    ],
)
def test_page_colour_names_and_fd_hex_values(colour: str, rgb: tuple[int, int, int]) -> None:
    """Names, revision-set names and Final Draft's 48-bit hex all give the FD tint."""
    assert page_colour_rgb(colour) == tuple(c / 255 for c in rgb)


@pytest.mark.parametrize("colour", ["", "White", "2nd White", "#FFFFFFFFFFFF", "Mauve", "#12"])
def test_white_and_unknown_colours_give_no_tint(colour: str) -> None:
    """White paper, unknown names and malformed hex draw nothing behind the text."""
    assert page_colour_rgb(colour) is None


def test_scene_numbers_follow_the_layout_setting() -> None:
    """scene_numbers="left" prints only the left number; "none" prints neither."""
    from dataclasses import replace

    script = sample_script(title_page=False)
    for where, xs in (("left", {0.75}), ("none", set())):
        layout = replace(LETTER, scene_numbers=where)
        pdf = render_script_pdf(PaginatedScript("T", layout, None, script.pages[:1]))
        placed = _shown(pdf)[0]
        assert {round(s.x, 3) for s in placed if s.text == "1" and s.row == 2} == xs


def test_standard_courier_prints_unencodable_characters_as_question_marks() -> None:
    """WinAnsi has no Cyrillic: 'Жук' prints '???' rather than failing."""
    pages = (Page("1", (page_line(0, 1.5, "Жук café"),), show_number=False),)
    pdf = render_script_pdf(PaginatedScript("T", LETTER, None, pages), font=COURIER)
    assert _shown(pdf)[0][0].text == "??? café"


COURIER_PRIME = find_courier_prime()
needs_courier_prime = pytest.mark.skipif(
    COURIER_PRIME is None, reason="Courier Prime is not installed"
)


@needs_courier_prime
def test_courier_prime_draws_the_same_lines_as_courier(courier_pdf: bytes) -> None:
    """With Courier Prime embedded, every page places the same text at the same spots."""
    assert COURIER_PRIME is not None
    prime = render_script_pdf(sample_script(), author="John August", font=COURIER_PRIME)
    assert [_got(p) for p in _shown(prime)] == [_got(p) for p in _shown(courier_pdf)]
    assert prime == render_script_pdf(sample_script(), author="John August", font=COURIER_PRIME)


@needs_courier_prime
def test_courier_prime_is_embedded_with_extractable_text() -> None:
    """Its faces are embedded (CFF programs or TrueType) and pypdf reads the text back."""
    assert COURIER_PRIME is not None
    pdf = render_script_pdf(sample_script(), font=COURIER_PRIME)
    reader = PdfReader(io.BytesIO(pdf))
    fonts = reader.pages[2]["/Resources"]["/Font"]
    for ref in fonts.values():
        font = ref.get_object()
        if font["/Subtype"] == "/Type0":
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
            assert descriptor["/FontFile3"].get_object()["/Subtype"] == "/CIDFontType0C"
        else:
            assert "/FontFile2" in font["/FontDescriptor"].get_object()
    assert "Señora Núñez — “quoted”… café." in reader.pages[3].extract_text()


@needs_courier_prime
def test_a_character_missing_from_the_font_does_not_fail() -> None:
    """Courier Prime has no CJK: the line still renders, the rest of it intact."""
    assert COURIER_PRIME is not None
    pages = (Page("1", (page_line(0, 1.5, "日本 ok"),), show_number=False),)
    pdf = render_script_pdf(PaginatedScript("T", LETTER, None, pages), font=COURIER_PRIME)
    assert _shown(pdf)[0][0].text.endswith(" ok")


@needs_courier_prime
def test_a_missing_bold_face_falls_back_to_the_regular_file() -> None:
    """A family with only a regular file draws bold runs with that file."""
    assert COURIER_PRIME is not None
    font = ScriptFont("Courier Prime", regular=COURIER_PRIME.regular)
    assert font.face(True, True) == font.face(True, False) == COURIER_PRIME.regular
    pages = (Page("1", (PageLine(0, 1.5, (TextRun("a"), TextRun("b", bold=True)), "action"),)),)
    pdf = render_script_pdf(PaginatedScript("T", LETTER, None, pages), font=font)
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    assert len(page["/Resources"]["/Font"]) == 1
    assert _shown(pdf)[0][0].text == "ab"


# --- End to end: Fountain -> paginator -> PDF -------------------------------------------------

OWN_SCRIPT = """\
Title: _**THE SALT ROAD**_
Credit: Written by
Author: A. Writer
Draft date: 12 June 2024
Contact:
    Salt Road Films
    London

INT. HARBOUR OFFICE - DAWN #1#

Rain on the glass. MAGGIE (50s) counts **tide tables** with a _pencil_.

MAGGIE
(to herself)
Six hours. Always six hours.

TOM
And the boat?

MAGGIE ^
Still there.

CUT TO:

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


def _check_every_page(paginated: PaginatedScript, pdf: bytes) -> None:
    shown = _shown(pdf)
    offset = 1 if paginated.title_page is not None else 0
    assert len(shown) == len(paginated.pages) + offset
    if paginated.title_page is not None:
        assert _got(shown[0]) == _expected(None, paginated.title_page, paginated.layout)
    for page, placed in zip(paginated.pages, shown[offset:], strict=True):
        assert _got(placed) == _expected(page, page.lines, paginated.layout), page.number


def test_own_script_end_to_end() -> None:
    """A small Fountain script: every page, label, bookmark and the title match."""
    paginated = _paginated(OWN_SCRIPT, "salt_road.fountain")
    pdf = render_script_pdf(paginated, author="A. Writer")
    _check_every_page(paginated, pdf)
    reader = PdfReader(io.BytesIO(pdf))
    assert reader.page_labels == ["Title"] + [p.number for p in paginated.pages]
    assert [o.title for o in reader.outline] == [
        "1 INT. HARBOUR OFFICE - DAWN",
        "2 EXT. SEA WALL - DAY",
    ]
    assert reader.metadata is not None and reader.metadata.title == "THE SALT ROAD"
    page_text = reader.pages[1].extract_text()
    assert "Six hours. Always six" in page_text and "TOM MAGGIE" in page_text  # dual


@pytest.mark.parametrize("name", ["brick_and_steel.fountain", "big_fish.fountain"])
def test_corpus_script_end_to_end(corpus: Path, name: str) -> None:
    """A corpus script: every page's placed text equals the paginator's, one bookmark a scene."""
    text = (corpus / "fountain" / name).read_text(encoding="utf-8")
    paginated = _paginated(text, name)
    pdf = render_script_pdf(paginated, font=COURIER_PRIME)
    _check_every_page(paginated, pdf)
    reader = PdfReader(io.BytesIO(pdf))
    assert reader.page_labels[1:] == [p.number for p in paginated.pages]
    assert len(reader.outline) == len(paginated.scenes)
    assert pdf == render_script_pdf(paginated, font=COURIER_PRIME)


# --- Font discovery and reading -------------------------------------------------------------


def test_discovery_prefers_truetype_and_reads_no_environment(tmp_path: Path) -> None:
    """Given folders only: the first folder with a regular face wins, .ttf before .otf."""
    from paperwork.render.fonts import default_script_font

    empty = tmp_path / "empty"
    empty.mkdir()
    deb = tmp_path / "debian" / "opentype" / "courier-prime"
    deb.mkdir(parents=True)
    for name in ("Courier Prime.otf", "Courier Prime Bold.otf", "Courier Prime Italic.otf"):
        (deb / name).touch()
    (deb / "CourierPrime-Regular.ttf").touch()
    (deb / "Courier Prime Sans.otf").touch()  # another family: never picked
    found = find_courier_prime([empty, tmp_path / "missing", tmp_path / "debian"])
    assert found is not None and found.family == "Courier Prime"
    assert found.regular == deb / "CourierPrime-Regular.ttf"
    assert found.bold == deb / "Courier Prime Bold.otf"
    assert found.italic == deb / "Courier Prime Italic.otf"
    assert found.bold_italic is None and found.face(True, True) == found.bold
    assert find_courier_prime([empty]) is None
    assert default_script_font([empty]) == COURIER and COURIER.builtin


def test_a_file_that_is_not_a_font_is_a_render_error(tmp_path: Path) -> None:
    """read_face names the file instead of failing with a struct error."""
    from paperwork.errors import RenderError
    from paperwork.render.fonts import read_face

    bogus = tmp_path / "Courier Prime.otf"
    bogus.write_bytes(b"OTTO" + b"\0" * 8)
    with pytest.raises(RenderError, match="Courier Prime.otf"):
        read_face(bogus)
    with pytest.raises(RenderError, match="cannot read font"):
        read_face(tmp_path / "absent.ttf")


@needs_courier_prime
def test_the_sfnt_reader_agrees_with_fonttools() -> None:
    """Our cmap and advances for Courier Prime equal fontTools' reading of the same file."""
    ttlib = pytest.importorskip("fontTools.ttLib")
    from paperwork.render.fonts import read_face

    assert COURIER_PRIME is not None and COURIER_PRIME.regular is not None
    ours = read_face(COURIER_PRIME.regular)
    theirs = ttlib.TTFont(str(COURIER_PRIME.regular))
    order = theirs.getGlyphOrder()
    assert {cp: order[gid] for cp, gid in ours.cmap.items()} == theirs.getBestCmap()
    assert [theirs["hmtx"][name][0] for name in order] == list(ours.advances)
    assert ours.units_per_em == theirs["head"].unitsPerEm
    assert ours.advance_1000(ours.cmap[ord("M")]) == 600  # 10 characters an inch at 12 pt
