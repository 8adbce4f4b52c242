"""A bundled linked stylesheet is parsed once per process and reused, with the same result."""

from __future__ import annotations

import io
from pathlib import Path

import pdfplumber
import pytest
import weasyprint

import paperwork.render.html_pdf as html_pdf
from paperwork.builders.base import BuiltDocument
from paperwork.render.html_pdf import render_pdfs
from paperwork.render.templates import TemplateSet

BASE = "@page { size: A5; margin: 30mm; }\np { color: #ff0000; margin: 0 }\n"
TEMPLATE = """<html><head>
<link rel="stylesheet" href="base.css">
<style>
  @page { margin: 10mm; }
  body { margin: 0; }
  p { color: #0000ff; }
</style>
</head><body><h1>{{ name }}</h1><p>Text</p></body></html>
"""


@pytest.fixture
def bundled(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder taken for the bundled templates, holding base.css and a template linking it."""
    (tmp_path / "base.css").write_text(BASE, encoding="utf-8")
    (tmp_path / "t.html").write_text(TEMPLATE, encoding="utf-8")
    monkeypatch.setattr(html_pdf, "templates_dir", lambda: tmp_path)
    monkeypatch.setattr(html_pdf, "_parsed_sheets", {})
    return tmp_path


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The URLs of the stylesheets WeasyPrint parses from a file, one entry a parse."""
    seen: list[str] = []
    original = weasyprint.CSS.__init__

    def counting(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        if kwargs.get("url"):
            seen.append(str(kwargs["url"]))
        original(self, *args, **kwargs)

    monkeypatch.setattr(weasyprint.CSS, "__init__", counting)
    return seen


def docs(n: int) -> list[BuiltDocument]:
    return [BuiltDocument("k", "t", f"t{i}", "T", {"name": f"Doc {i}"}) for i in range(n)]


def page_and_colours(pdf: bytes) -> tuple[tuple[float, float], set[object], float]:
    """Page size in mm, the text colours, and the left margin of the first word in mm."""
    with pdfplumber.open(io.BytesIO(pdf)) as opened:
        page = opened.pages[0]
        colours = {c["non_stroking_color"] for c in page.chars}
        first = page.extract_words()[0]
        mm = 72 / 25.4
        return (round(page.width / mm), round(page.height / mm)), colours, first["x0"] / mm


def test_a_bundled_sheet_is_parsed_once_for_a_batch(bundled: Path, parses: list[str]) -> None:
    """Three documents linking the bundled base.css parse it once, not three times."""
    batch = render_pdfs(docs(3), TemplateSet([bundled]), [bundled])
    assert len(batch.pdfs) == 3
    assert [u for u in parses if u.endswith("base.css")] == [(bundled / "base.css").as_uri()]
    render_pdfs(docs(2), TemplateSet([bundled]), [bundled])  # a later batch: still cached
    assert len([u for u in parses if u.endswith("base.css")]) == 1


def test_sharing_leaves_the_cascade_as_it_was(bundled: Path, monkeypatch) -> None:
    """Same bytes with and without sharing; the template's rules still beat the base's."""
    shared = render_pdfs(docs(2), TemplateSet([bundled]), [bundled])
    monkeypatch.setattr(html_pdf, "SHARE_BUNDLED_STYLESHEETS", False)
    fresh = render_pdfs(docs(2), TemplateSet([bundled]), [bundled])
    assert shared.pdfs == fresh.pdfs and shared.chunks == fresh.chunks
    size, colours, left = page_and_colours(shared.pdfs[1])
    assert size == (148, 210)  # A5 from base.css's @page
    assert left == pytest.approx(10, abs=0.5)  # the template's @page margin wins
    assert (0, 0, 1) in colours and (1, 0, 0) not in colours  # the template's p colour wins


def test_an_edited_sheet_is_parsed_again(bundled: Path, parses: list[str]) -> None:
    """The cache is keyed on the file's bytes: an edit between batches shows at once."""
    render_pdfs(docs(1), TemplateSet([bundled]), [bundled])
    (bundled / "base.css").write_text(BASE.replace("A5", "A4"), encoding="utf-8")
    batch = render_pdfs(docs(1), TemplateSet([bundled]), [bundled])
    assert page_and_colours(batch.pdfs[0])[0] == (210, 297)
    assert len([u for u in parses if u.endswith("base.css")]) == 2


def test_a_sheet_with_font_faces_is_not_shared(bundled: Path, parses: list[str]) -> None:
    """A sheet whose rules reach past itself (@font-face) is parsed for every document."""
    (bundled / "base.css").write_text(
        BASE + '@font-face { font-family: X; src: local("DejaVu Sans"); }\n', "utf-8"
    )
    render_pdfs(docs(2), TemplateSet([bundled]), [bundled])
    assert len([u for u in parses if u.endswith("base.css")]) == 2


def test_a_users_own_sheet_is_not_shared(tmp_path: Path, parses: list[str]) -> None:
    """A stylesheet in a user's folder is parsed per document (its warnings stay located)."""
    (tmp_path / "base.css").write_text(BASE, encoding="utf-8")
    (tmp_path / "t.html").write_text(TEMPLATE, encoding="utf-8")
    render_pdfs(docs(2), TemplateSet([tmp_path]), [tmp_path])
    assert len([u for u in parses if u.endswith("base.css")]) == 2
