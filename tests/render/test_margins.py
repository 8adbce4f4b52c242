"""Every PDF the demo builds, and a production with long values, stays on the paper.

Office printers cannot print to the edge of the sheet: no glyph may sit within 7 mm of a
side or 5 mm of the top or bottom. Glyph positions come from the PDFs with pdfplumber.
"""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest

from paperwork.pipeline import kinds

pytestmark = pytest.mark.slow  # builds whole productions or drives a browser

MM = 72 / 25.4
SIDE_MM = 7.0
TOP_BOTTOM_MM = 5.0
KINDS = kinds()  # every document kind, the formatted script included


def too_near_the_edge(path: Path) -> list[str]:
    """``file page N: 'text' 1.8 mm from the right edge`` for every glyph too near an edge."""
    found = []
    with pdfplumber.open(path) as pdf:
        for number, page in enumerate(pdf.pages, 1):
            width, height = float(page.width), float(page.height)
            for word in page.extract_words():
                gaps = {
                    "left": (word["x0"] / MM, SIDE_MM),
                    "right": ((width - word["x1"]) / MM, SIDE_MM),
                    "top": (word["top"] / MM, TOP_BOTTOM_MM),
                    "bottom": ((height - word["bottom"]) / MM, TOP_BOTTOM_MM),
                }
                for edge, (gap, least) in gaps.items():
                    if gap < least:
                        found.append(
                            f"{path.name} page {number}: {word['text']!r} "
                            f"{gap:.1f} mm from the {edge} edge"
                        )
    return found


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
