"""A user's template cannot run away: sandbox caps, a time limit, a memory limit, exit 4."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from paperwork.cli import main
from paperwork.errors import TemplateError
from paperwork.render.limits import run_limited
from paperwork.render.templates import TemplateSet
from paperwork.resources import templates_dir


def user_set(tmp_path: Path, body: str) -> TemplateSet:
    mine = tmp_path / "mine"
    mine.mkdir(exist_ok=True)
    (mine / "t.html").write_text(body, encoding="utf-8")
    return TemplateSet([mine, templates_dir()])


@pytest.mark.parametrize(
    ("body", "says"),
    [
        ("{{ range(10**9)|list|length }}", "too large"),
        ("{{ 'a' * 10**9 }}", "repetition"),
        ("{{ [1] * 10**8 }}", "repetition"),
        ("{{ 'ab' + 'c' * 999999 }}", "longer than"),
        ("{{ 7 ** 100000 }}", "power"),
        ("{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}", "recursion"),
        ("{{ 1 / 0 }}", "ZeroDivisionError"),
    ],
)
def test_runaway_expressions_are_template_errors(tmp_path: Path, body: str, says: str) -> None:
    """Each is stopped by the sandbox's caps and reported, naming the template."""
    with pytest.raises(TemplateError) as caught:
        user_set(tmp_path, body).render_html("t.html", {})
    assert "t.html" in str(caught.value) and says in str(caught.value)


def test_a_loop_too_long_is_stopped_by_the_time_limit() -> None:
    """Ten billion iterations of a loop hit the time limit, not the user's patience."""

    def forever() -> bytes:
        while True:
            pass

    with pytest.raises(TemplateError, match=r"t\.html: stopped after 1 s"):
        run_limited(forever, "t.html", seconds=1)


def test_a_value_doubled_in_a_loop_is_stopped_by_the_memory_limit(tmp_path: Path) -> None:
    """No single operation is over the cap, but a namespace doubled 40 times would be 1 TB."""
    body = (
        "{% set ns = namespace(x='aaaaaaaa') %}"
        "{% for i in range(40) %}{% set ns.x = ns.x ~ ns.x %}{% endfor %}{{ ns.x|length }}"
    )
    templates = user_set(tmp_path, body)
    with pytest.raises(TemplateError, match=r"t\.html: .*(MiB|memory)"):
        run_limited(
            lambda: templates._render_html("t.html", {}).encode(), "t.html", memory=64 << 20
        )


def test_a_limited_render_gives_the_same_text_as_in_process(tmp_path: Path) -> None:
    """The child process returns the page itself, and a template's own errors keep theirs."""
    templates = user_set(tmp_path, "<p>{{ name }} &amp; {{ n * 2 }}</p>")
    assert templates.limited
    assert (
        templates.render_html("t.html", {"name": "<Jo>", "n": 21}) == "<p>&lt;Jo&gt; &amp; 42</p>"
    )
    with pytest.raises(TemplateError, match="no such field"):
        templates.render_html("t.html", {"n": 1})
    assert not TemplateSet([templates_dir()]).limited


def test_build_with_a_runaway_template_exits_4_without_a_traceback(tmp_path: Path) -> None:
    """End to end: the user's own letter template asks for a billion-item range."""
    show = tmp_path / "show"
    assert CliRunner().invoke(main, ["init", str(show)]).exit_code == 0
    (show / "my-templates").mkdir()
    (show / "my-templates" / "clearance_log.html").write_text(
        "{% for i in range(10**9) %}x{% endfor %}", encoding="utf-8"
    )
    manifest = show / "production.yaml"
    manifest.write_text(
        manifest.read_text().replace("# templates: my-templates/", "templates: my-templates/")
    )
    args = ["build", str(show), "-o", str(tmp_path / "out"), "--only", "clearance-log"]
    result = CliRunner().invoke(main, [*args, "--format", "pdf", "--date", "2026-11-29"])
    assert result.exit_code == 4, result.output
    assert "clearance_log.html" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "out" / "clearance-log_2026-11-29.pdf").exists()
