"""Every PDF the demo builds, and a production with long values, stays on the paper.

Office printers cannot print to the edge of the sheet: no glyph may sit within 7 mm of a
side or 5 mm of the top or bottom. Glyph boxes come from the PDFs with pdfium (through
pypdfium2, which pdfplumber itself depends on): a dozen times faster than pdfplumber's
parser, and measured as pdfplumber measures them, never less strictly (a test below holds
the two together on a real page).
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest

from paperwork.pipeline import kinds

pytestmark = pytest.mark.slow  # builds whole productions or drives a browser

MM = 72 / 25.4
SIDE_MM = 7.0
TOP_BOTTOM_MM = 5.0
EDGES = ("left", "right", "top", "bottom")
KINDS = kinds()  # every document kind, the formatted script included

Box = tuple[float, float, float, float]  # left, bottom, right, top: points from the bottom left


def glyph_boxes(page: pdfium.PdfPage) -> Iterator[tuple[int, str, Box]]:
    """Every printed glyph of a page (spaces left out): its index in the page's text, that
    text, and its box as pdfplumber draws it: across, from its origin to its advance (pdfium's
    loose box); up, from its descent to one font size above that (the size pdfium gives is
    before the text matrix scales it)."""
    text = page.get_textpage()
    count = text.count_chars()
    full = text.get_text_range(0, count)
    if len(full) != count:  # pdfium wrote a character as two: ask one at a time
        full = "".join(text.get_text_range(i, 1)[:1] or " " for i in range(count))
    matrix = pdfium_c.FS_MATRIX()
    for index, char in enumerate(full):
        if char.isspace():
            continue
        left, bottom, right, _ = text.get_charbox(index, loose=True)
        size = pdfium_c.FPDFText_GetFontSize(text.raw, index)
        if pdfium_c.FPDFText_GetMatrix(text.raw, index, matrix):
            size *= math.hypot(matrix.c, matrix.d)
        yield index, full, (left, bottom, right, bottom + size)


def _word(full: str, index: int) -> tuple[int, str]:
    """The word (run of non-space characters) the character at ``index`` is part of."""
    start = index
    while start > 0 and not full[start - 1].isspace():
        start -= 1
    end = index
    while end < len(full) and not full[end].isspace():
        end += 1
    return start, full[start:end]


def too_near_the_edge(path: Path) -> list[str]:
    """``file page N: 'word' 1.8 mm from the right edge`` for every word with a glyph too near
    an edge (the nearest glyph of the word gives the figure)."""
    found = []
    document = pdfium.PdfDocument(str(path))
    try:
        for number in range(1, len(document) + 1):
            page = document[number - 1]
            width, height = page.get_size()
            nearest: dict[tuple[int, str], tuple[float, str]] = {}
            for index, full, (left, bottom, right, top) in glyph_boxes(page):
                gaps = {
                    "left": (left / MM, SIDE_MM),
                    "right": ((width - right) / MM, SIDE_MM),
                    "top": ((height - top) / MM, TOP_BOTTOM_MM),
                    "bottom": (bottom / MM, TOP_BOTTOM_MM),
                }
                for edge, (gap, least) in gaps.items():
                    if gap < least:
                        start, word = _word(full, index)
                        key = (start, edge)
                        if key not in nearest or gap < nearest[key][0]:
                            nearest[key] = (gap, word)
            for (_, edge), (gap, word) in sorted(nearest.items()):
                found.append(
                    f"{path.name} page {number}: {word!r} {gap:.1f} mm from the {edge} edge"
                )
    finally:
        document.close()
    return found


def test_glyph_boxes_are_never_less_strict_than_pdfplumbers(demo_pdfs):
    """On real pages (the demo's first call sheet, with its sides, and its first letter), each
    page's nearest glyph to each edge is where pdfplumber puts it, or nearer: the faster
    measure never lets through what pdfplumber's would have caught."""
    built = demo_pdfs
    assert built.exit_code == 0, built.output
    paths = [built.pdfs["call-sheets"][0], built.pdfs["clearance-letters"][0]]
    compared = 0
    for path in paths:
        document = pdfium.PdfDocument(str(path))
        with pdfplumber.open(path) as pdf:
            for number, page in enumerate(pdf.pages):
                chars = [c for c in page.chars if c["text"].strip()]
                width, height = float(page.width), float(page.height)
                theirs = (
                    min(c["x0"] for c in chars),
                    min(width - c["x1"] for c in chars),
                    min(c["top"] for c in chars),
                    min(height - c["bottom"] for c in chars),
                )
                boxes = [box for *_, box in glyph_boxes(document[number])]
                ours = (
                    min(b[0] for b in boxes),
                    min(width - b[2] for b in boxes),
                    min(height - b[3] for b in boxes),
                    min(b[1] for b in boxes),
                )
                for edge, mine, plumbers in zip(EDGES, ours, theirs, strict=True):
                    assert mine <= plumbers + 0.01, (path.name, number + 1, edge, mine, plumbers)
                    assert mine >= plumbers - 6, (path.name, number + 1, edge, mine, plumbers)
                compared += 1
        document.close()
    assert compared >= 3


def test_the_check_sees_a_glyph_off_the_paper(tmp_path):
    """The check itself reports text placed 2 mm from the right edge (a check that can fail)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    path = tmp_path / "edge.pdf"
    canvas = Canvas(str(path), pagesize=A4)
    canvas.setFont("Helvetica", 10)
    canvas.drawString(30 * MM, 100 * MM, "Inside")
    canvas.drawRightString(A4[0] - 2 * MM, 100 * MM, "09:00-10:00")
    canvas.save()
    assert too_near_the_edge(path) == ["edge.pdf page 1: '09:00-10:00' 2.0 mm from the right edge"]


@pytest.mark.parametrize("production", ["demo_pdfs", "long_values_pdfs"])
def test_the_production_builds(production, request):
    """The build exits 0 and writes PDFs of every kind whose inputs exist."""
    built = request.getfixturevalue(production)
    assert built.exit_code == 0, built.output
    assert set(built.pdfs) == set(KINDS)
    written = {p for files in built.pdfs.values() for p in files}
    assert written == set(built.all_pdfs()), "a PDF not claimed by any kind"
    assert all(p.is_file() for p in written)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("production", ["demo_pdfs", "long_values_pdfs"])
def test_no_glyph_near_the_edge(production, kind, request):
    """No glyph within 7 mm of a side edge or 5 mm of the top or bottom, in any page."""
    built = request.getfixturevalue(production)
    if built.exit_code != 0:
        pytest.fail(f"the {built.name} build failed:\n{built.output}")
    files = built.pdfs.get(kind, ())
    assert files, f"the {built.name} build wrote no {kind} PDF"
    problems = [p for path in files for p in too_near_the_edge(path)]
    assert not problems, "\n".join(problems)
