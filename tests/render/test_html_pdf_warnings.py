"""WeasyPrint's warnings are heard: located in the user's template, and none from ours."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from paperwork.builders.base import BuiltDocument
from paperwork.cli import main
from paperwork.render.html_pdf import TemplateWarning, render_pdfs
from paperwork.render.templates import TemplateSet
from paperwork.resources import templates_dir

BAD_STYLE = """<html><head>
<link rel="stylesheet" href="extra.css">
<style>
  h1 { font-size: 14pt; }
  p { color: notacolour; }
</style>
</head><body><h1>{{ name }}</h1><p>Text</p></body></html>
"""


def test_a_user_templates_warnings_are_located(tmp_path: Path) -> None:
    """An invalid rule is reported at its line and column, in the template or its stylesheet."""
    (tmp_path / "t.html").write_text(BAD_STYLE, encoding="utf-8")
    (tmp_path / "extra.css").write_text("h1 { margin: 0 }\nh1 { width: wide }\n", "utf-8")
    doc = BuiltDocument("k", "t", "t", "T", {"name": "Hello"})
    batch = render_pdfs([doc, doc], TemplateSet([tmp_path]), [tmp_path])
    assert batch.warnings == (
        TemplateWarning(
            tmp_path / "extra.css", 2, 6, "Ignored `width: wide`, invalid value.", False
        ),
        TemplateWarning(
            tmp_path / "t.html", 5, 7, "Ignored `color: notacolour`, invalid value.", False
        ),
    )
    assert batch.refused == () and len(batch.pdfs) == 2


def test_a_clean_template_has_no_warnings(tmp_path: Path) -> None:
    """Valid CSS gives an empty list, so the check above can tell the two apart."""
    (tmp_path / "t.html").write_text(
        BAD_STYLE.replace("notacolour", "#333").replace(
            '<link rel="stylesheet" href="extra.css">', ""
        ),
        encoding="utf-8",
    )
    doc = BuiltDocument("k", "t", "t", "T", {"name": "Hello"})
    assert render_pdfs([doc], TemplateSet([tmp_path]), [tmp_path]).warnings == ()


def test_a_refused_resource_is_not_also_a_template_warning(tmp_path: Path) -> None:
    """A blocked URL is reported once, as refused; WeasyPrint's error about it is not repeated."""
    (tmp_path / "t.html").write_text(
        '<html><head><link rel="stylesheet" href="http://example.com/x.css"></head>'
        '<body><img src="file:///etc/passwd">{{ name }}</body></html>',
        encoding="utf-8",
    )
    doc = BuiltDocument("k", "t", "t", "T", {"name": "Hello"})
    batch = render_pdfs([doc], TemplateSet([tmp_path]), [tmp_path])
    assert sorted(batch.refused) == ["file:///etc/passwd", "http://example.com/x.css"]
    assert batch.warnings == ()


def test_a_bundled_template_warning_is_marked_bundled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A warning from a template in the bundled folder says so (a bug of ours, not the user's)."""
    html = "<html><head><style>p { color: nope }</style></head><body>{{ name }}</body></html>"
    (tmp_path / "t.html").write_text(html, encoding="utf-8")
    doc = BuiltDocument("k", "t", "t", "T", {"name": "Hello"})
    column = html.index("color: nope") + 1
    user = render_pdfs([doc], TemplateSet([tmp_path]), [tmp_path]).warnings
    assert [(w.path.name, w.line, w.column, w.bundled) for w in user] == [
        ("t.html", 1, column, False)
    ]
    monkeypatch.setattr("paperwork.render.html_pdf.templates_dir", lambda: tmp_path)
    ours = render_pdfs([doc], TemplateSet([tmp_path]), [tmp_path]).warnings
    assert [(w.path.name, w.line, w.column, w.bundled) for w in ours] == [
        ("t.html", 1, column, True)
    ]


RULE = "h1 { colour: red; color: reddish; }"


@pytest.mark.slow  # renders documents: over a second
def test_a_user_template_warning_is_a_located_diagnostic_of_the_build(tmp_path: Path) -> None:
    """``paperwork build`` prints the user's template warning with its place and exits 0."""
    production = tmp_path / "show"
    shutil.copytree(Path(__file__).resolve().parents[2] / "fixtures" / "demo", production)
    mine = production / "templates"
    mine.mkdir()
    source = (templates_dir() / "clearance_log.html").read_text(encoding="utf-8")
    head = source.index("</head>")
    line = source.count("\n", 0, head) + 2
    (mine / "clearance_log.html").write_text(
        source[:head] + f"<style>\n{RULE}\n</style>\n" + source[head:],
        encoding="utf-8",
    )
    shutil.copy(templates_dir() / "_base.css", mine / "_base.css")
    manifest = production / "production.yaml"
    manifest.write_text(manifest.read_text("utf-8") + "\ntemplates: templates\n", "utf-8")
    result = CliRunner().invoke(
        main,
        [
            "build",
            str(production),
            "-o",
            str(tmp_path / "out"),
            "--only",
            "clearance-log",
            "--format",
            "pdf",
            "--date",
            "2026-12-02",
        ],
    )
    assert result.exit_code == 0, result.output
    warnings = [ln for ln in result.output.splitlines() if ln.endswith("[template-warning]")]
    assert len(warnings) == 2, result.output
    first, second = RULE.index("colour") + 1, RULE.index("color:") + 1
    assert warnings[0].startswith(f"templates/clearance_log.html:{line}:{first}: warning: ")
    assert warnings[1].startswith(f"templates/clearance_log.html:{line}:{second}: warning: ")
    assert "`color: reddish`" in warnings[1]


@pytest.mark.slow
@pytest.mark.parametrize("production", ["demo_pdfs", "long_values_pdfs"])
def test_no_bundled_template_raises_a_weasyprint_warning(production, request) -> None:
    """Building every kind raises no template warning, and uses every bundled HTML template."""
    built = request.getfixturevalue(production)
    assert built.exit_code == 0, built.output
    assert "[template-warning]" not in built.output, built.output
    # every document template (the partials they include start with "_")
    bundled = {p.name for p in templates_dir().glob("*.html") if not p.name.startswith("_")}
    assert built.templates == bundled
