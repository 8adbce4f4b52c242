"""The one Jinja setup: sandboxed, strict, autoescaping; WeasyPrint fetches only what it may."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import pytest

from paperwork.builders.base import BuiltDocument
from paperwork.errors import TemplateError
from paperwork.render.templates import TemplateSet


@dataclass(frozen=True)
class Ctx:
    name: str
    items: tuple[str, ...]


def _set(tmp_path: Path, name: str, body: str) -> TemplateSet:
    (tmp_path / name).write_text(body, encoding="utf-8")
    return TemplateSet([tmp_path])


def test_autoescape_keeps_ampersands_and_angles_as_text(tmp_path: Path) -> None:
    """Data holding & and < is escaped, not interpreted."""
    ts = _set(tmp_path, "t.html", "<p>{{ name }}</p>{% for i in items %}<i>{{ i }}</i>{% endfor %}")
    out = ts.render_html("t.html", Ctx("Smith & Jones <Ltd>", ("a<b",)))
    assert out == "<p>Smith &amp; Jones &lt;Ltd&gt;</p><i>a&lt;b</i>"


def test_undefined_variable_is_a_template_error_naming_both(tmp_path: Path) -> None:
    """A name the context lacks stops the run with exit 4, naming template and variable."""
    ts = _set(tmp_path, "t.html", "{{ nmae }}")
    with pytest.raises(TemplateError) as err:
        ts.render_html("t.html", Ctx("x", ()))
    assert err.value.exit_code == 4
    assert "t.html" in err.value.message and "nmae" in err.value.message


def test_sandbox_refuses_python_internals(tmp_path: Path) -> None:
    """A user's template cannot climb into Python objects."""
    ts = _set(tmp_path, "t.html", "{{ name.__class__.__mro__[1].__subclasses__() }}")
    with pytest.raises(TemplateError):
        ts.render_html("t.html", Ctx("x", ()))


def test_syntax_error_names_the_line(tmp_path: Path) -> None:
    """A broken tag is a template error with its line."""
    ts = _set(tmp_path, "t.html", "ok\n{% for x in items %}\n")
    with pytest.raises(TemplateError, match="t.html line"):
        ts.render_html("t.html", Ctx("x", ()))


def test_user_folder_overrides_bundled_template(tmp_path: Path) -> None:
    """A template of the same name in the user's folder wins."""
    user, bundled = tmp_path / "user", tmp_path / "bundled"
    user.mkdir()
    bundled.mkdir()
    (user / "t.html").write_text("mine {{ name }}", encoding="utf-8")
    (bundled / "t.html").write_text("bundled", encoding="utf-8")
    (bundled / "u.html").write_text("only bundled", encoding="utf-8")
    ts = TemplateSet([user, bundled])
    assert ts.render_html("t.html", {"name": "x"}) == "mine x"
    assert ts.render_html("u.html", {}) == "only bundled"


def test_weasyprint_fetches_nothing_outside_allowed_folders(tmp_path: Path) -> None:
    """file:///etc/passwd and http URLs are refused; the allowed folder's image is used."""
    from pypdf import PdfReader

    from paperwork.render.html_pdf import render_pdfs

    secret = tmp_path / "outside" / "secret.css"
    secret.parent.mkdir()
    secret.write_text("body { color: red }", encoding="utf-8")
    tdir = tmp_path / "templates"
    tdir.mkdir()
    (tdir / "ok.css").write_text("h1 { font-size: 20pt }", encoding="utf-8")
    (tdir / "t.html").write_text(
        '<html><head><link rel="stylesheet" href="ok.css">'
        f'<link rel="stylesheet" href="file://{secret}">'
        '<link rel="stylesheet" href="http://example.com/x.css"></head>'
        '<body><h1>{{ name }}</h1><img src="file:///etc/passwd"></body></html>',
        encoding="utf-8",
    )
    doc = BuiltDocument("k", "t", "t", "T", {"name": "Hello"})
    batch = render_pdfs([doc], TemplateSet([tdir]), [tdir])
    assert sorted(batch.refused) == sorted(
        [f"file://{secret}", "http://example.com/x.css", "file:///etc/passwd"]
    )
    text = PdfReader(io.BytesIO(batch.pdfs[0])).pages[0].extract_text()
    assert "Hello" in text


def test_batch_is_split_per_document_with_same_bytes_each_run(tmp_path: Path) -> None:
    """Three documents laid out together come back as three PDFs, deterministically."""
    from pypdf import PdfReader

    from paperwork.render.html_pdf import render_pdfs

    (tmp_path / "t.html").write_text(
        "<html><body>{% for i in items %}<p style='page-break-after: always'>{{ name }} {{ i }}</p>"
        "{% endfor %}</body></html>",
        encoding="utf-8",
    )
    docs = [
        BuiltDocument("k", "t", f"d{n}", f"D{n}", {"name": f"doc{n}", "items": tuple(range(n))})
        for n in (1, 2, 3)
    ]
    ts = TemplateSet([tmp_path])
    first = render_pdfs(docs, ts, [tmp_path])
    again = render_pdfs(docs, ts, [tmp_path])
    assert first.pages == (1, 2, 3) and first.pdfs == again.pdfs
    texts = [PdfReader(io.BytesIO(p)).pages[-1].extract_text() for p in first.pdfs]
    assert texts == ["doc1 0", "doc2 1", "doc3 2"]


def test_a_word_template_is_compiled_once_for_many_documents(tmp_path: Path, monkeypatch) -> None:
    """docxtpl hands each part of a Word template over as text for every document: the second
    document of a template compiles nothing, and each document reads as it does when it is
    the first one rendered (a compiled template keeps nothing from the last render)."""
    from docx import Document

    from paperwork.render.docx import docx_text, render_docx
    from paperwork.render.templates import LimitedSandbox

    word = Document()
    word.sections[0].header.paragraphs[0].text = "For {{ name }}"
    word.add_paragraph("Dear {{ name }},")
    word.add_paragraph("{% for i in items %}{{ i }}; {% endfor %}")
    word.save(tmp_path / "t.docx")
    compiled: list[str] = []
    compile_ = LimitedSandbox.compile

    def counting(self, source, *args, **kwargs):  # type: ignore[no-untyped-def]
        compiled.append(str(source)[:40])
        return compile_(self, source, *args, **kwargs)

    monkeypatch.setattr(LimitedSandbox, "compile", counting)
    docs = [
        BuiltDocument("k", "t", f"d{n}", f"D{n}", {"name": name, "items": items})
        for n, (name, items) in enumerate(
            (("Ada Lovelace", ("one",)), ("Grace Hopper & Co <Ltd>", ("two", "three")))
        )
    ]
    templates = TemplateSet([tmp_path])
    templates.limited = False  # in this process: a user's folder would render in a forked child
    first = render_docx(docs[0], templates)
    after_first = len(compiled)
    second = render_docx(docs[1], templates)
    assert after_first >= 2 and len(compiled) == after_first  # body and header, once
    assert second == render_docx(docs[1], TemplateSet([tmp_path]))
    text = docx_text(second)
    assert "Dear Grace Hopper & Co <Ltd>," in text and "two; three;" in text
    assert "Ada" not in text and "one;" not in text
    assert "Dear Ada Lovelace," in docx_text(first)
