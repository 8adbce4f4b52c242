"""Every template's names, checked statically against the context type its kind declares."""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import jinja2
import pytest

from paperwork.builders import REGISTRY, kind
from paperwork.builders.letterhead import Contact, Detail, Group
from paperwork.model.document import ContextMapping
from paperwork.render.templates import LimitedSandbox, TemplateSet
from paperwork.resources import templates_dir
from tests.builders.template_types import UNKNOWN, Checker, check, docx_parts, types_within

TEMPLATES = sorted((name, stem) for name in REGISTRY for stem in kind(name).contexts)


def bundled() -> jinja2.Environment:
    return TemplateSet([templates_dir()]).env


@pytest.mark.parametrize(("name", "stem"), TEMPLATES)
def test_every_template_uses_only_what_its_context_type_has(name: str, stem: str) -> None:
    """HTML and DOCX, every branch: each name and attribute chain exists in the type."""
    context = kind(name).contexts[stem]
    assert check(bundled(), templates_dir(), stem, context) == []


@pytest.mark.parametrize(("name", "stem"), TEMPLATES)
def test_the_check_sees_a_type_for_every_attribute(name: str, stem: str) -> None:
    """No attribute in a bundled template is read from an unknown type (the check is whole)."""
    context = kind(name).contexts[stem]
    checker = Checker(bundled(), context)
    checker.check_template(f"{stem}.html")
    for part, xml in docx_parts(templates_dir() / f"{stem}.docx"):
        checker.check_source(xml, f"{stem}.docx:{part}")
    assert len(checker.seen) > 10 and UNKNOWN not in checker.seen


@pytest.mark.parametrize(("name", "stem"), TEMPLATES)
def test_every_type_a_context_reaches_is_frozen(name: str, stem: str) -> None:
    """A context and every dataclass within it is frozen: display-ready, never changed."""
    found = list(types_within(kind(name).contexts[stem]))
    assert found[0] is kind(name).contexts[stem]
    assert [t for t in found if not t.__dataclass_params__.frozen] == []  # type: ignore[attr-defined]


# --- the check can fail -------------------------------------------------------------------


def test_a_misspelt_attribute_in_a_bundled_template_is_named_with_its_line() -> None:
    """clearance_log.html with three slips: a top-level name, a nested field, a macro argument."""
    source = (templates_dir() / "clearance_log.html").read_text(encoding="utf-8")
    bad = (
        source.replace("{{ footer_note }}", "{{ footer_nte }}")
        .replace("{{ letterhead.company }}", "{{ letterhead.compny }}")
        .replace("{{ t.label }}", "{{ t.lable }}")
    )
    lines = bad.splitlines()
    at = {
        text: next(i for i, line in enumerate(lines, 1) if text in line)
        for text in ("footer_nte", "letterhead.compny", "t.lable")
    }
    checker = Checker(bundled(), kind("clearance-log").contexts["clearance_log"])
    checker.check_source(bad, "clearance_log.html")
    assert [str(p) for p in checker.problems] == [
        f"clearance_log.html:{at['footer_nte']}: 'footer_nte' is not in LogContext",
        f"clearance_log.html:{at['letterhead.compny']}: letterhead (Letterhead) has no "
        "attribute 'compny'",
        f"clearance_log.html:{at['t.lable']}: t (TotalRow) has no attribute 'lable'",
    ]


def test_a_misspelt_field_in_a_docx_body_header_and_footer_is_found(tmp_path: Path) -> None:
    """The DOCX's Jinja is checked as docxtpl renders it; the line is the paragraph's."""
    from docx import Document

    document = Document()
    document.add_paragraph("Dear {{ addressee_name }},")
    document.add_paragraph("{% for line in letterhead.address %}{{ line.upper() }}{% endfor %}")
    document.add_paragraph("{{ letterhead.phone_number }}")
    document.sections[0].header.paragraphs[0].text = "{{ letterhead.company }}"
    document.sections[0].footer.paragraphs[0].text = "{{ letterhead.vat }}"
    document.save(tmp_path / "letter.docx")
    context = kind("clearance-letters").contexts["clearance_letter"]
    problems = check(bundled(), tmp_path, "letter", context)
    assert [(p.template, p.line, p.message) for p in problems] == [
        ("letter.docx:word/document.xml", 1, "'addressee_name' is not in LetterContext"),
        (
            "letter.docx:word/document.xml",
            3,
            "letterhead (Letterhead) has no attribute 'phone_number'",
        ),
        ("letter.docx:word/footer1.xml", 1, "letterhead (Letterhead) has no attribute 'vat'"),
    ]


def test_a_field_of_the_wrong_nested_type_fails_where_the_template_reads_it() -> None:
    """LogContext with its totals typed as Details: the macro's ``t.count`` is missing."""
    real = kind("clearance-log").contexts["clearance_log"]
    types = typing.get_type_hints(real)
    fields = [
        (f.name, tuple[Detail, ...] if f.name == "by_type" else types[f.name])
        for f in dataclasses.fields(real)
    ]
    wrong = dataclasses.make_dataclass(
        "WrongLog", fields, bases=(ContextMapping,), frozen=True, slots=True
    )
    problems = check(bundled(), templates_dir(), "clearance_log", wrong)
    assert {p.message for p in problems} == {
        f"t (Detail) has no attribute '{name}'" for name in ("count", "agreed", "quoted", "total")
    }
    assert {p.template for p in problems} == {
        "clearance_log.html",
        "clearance_log.docx:word/document.xml",
    }


def test_a_generic_groups_rows_are_checked_as_its_argument_type() -> None:
    """The crew list's departments typed as ``Group[Contact]``: each row's missing fields."""
    real = kind("crew-list").contexts["crew_list"]
    types = typing.get_type_hints(real)
    fields = [
        (f.name, tuple[Group[Contact], ...] if f.name == "departments" else types[f.name])
        for f in dataclasses.fields(real)
    ]
    wrong = dataclasses.make_dataclass(
        "WrongCrewList", fields, bases=(ContextMapping,), frozen=True, slots=True
    )
    problems = check(bundled(), templates_dir(), "crew_list", wrong)
    assert {p.message for p in problems} == {
        f"r (Contact) has no attribute '{name}'"
        for name in ("email", "end", "mobile", "start", "withheld")
    }


# --- what the check follows ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Person:
    name: str
    phones: tuple[str, ...]

    @property
    def initials(self) -> str:
        return self.name[:1]


@dataclass(frozen=True, slots=True)
class Team:
    title: str
    lead: Person | None
    people: Sequence[Person]
    by_role: Mapping[str, Person]
    pairs: tuple[tuple[str, Person], ...]


@dataclass(frozen=True, slots=True)
class Sample(ContextMapping):
    heading: str
    teams: tuple[Team, ...]
    chief: Person


def problems_in(templates: dict[str, str], main: str = "main.html") -> list[str]:
    env = LimitedSandbox(loader=jinja2.DictLoader(templates), undefined=jinja2.StrictUndefined)
    checker = Checker(env, Sample)
    checker.check_template(main)
    return [str(p) for p in checker.problems]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("{{ heading }} {{ chief.name }} {{ chief.initials }}", []),
        ("{{ headline }}", ["main.html:1: 'headline' is not in Sample"]),
        ("{% for t in teams %}{{ t.lead.name }}{% endfor %}", []),  # through X | None
        ("{% for t in teams %}\n{{ t.lead.nmae }}{% endfor %}", [
            "main.html:2: t.lead (Person) has no attribute 'nmae'"
        ]),
        ("{% for t in teams %}{% for p in t.people %}{{ p.phones|join(', ') }}"
         "{{ loop.index }}{{ loop.last }}{% endfor %}{% endfor %}", []),
        ("{% for t in teams %}{{ loop.idx }}{% endfor %}", [
            "main.html:1: loop (Loop) has no attribute 'idx'"
        ]),
        ("{% for t in teams %}{% for role, p in t.pairs %}{{ role.upper() }}{{ p.name }}"
         "{% endfor %}{% endfor %}", []),
        ("{% for t in teams %}{% for role, p in t.pairs %}{{ p.title }}{% endfor %}{% endfor %}",
         ["main.html:1: p (Person) has no attribute 'title'"]),
        ("{% for t in teams %}{% for role, p in t.by_role.items() %}{{ p.name }}{{ p.age }}"
         "{% endfor %}{% endfor %}", ["main.html:1: p (Person) has no attribute 'age'"]),
        ("{% set first = teams|first %}{{ first.title }}{{ first.name }}", [
            "main.html:1: first (Team) has no attribute 'name'"
        ]),
        ("{% with p = chief %}{{ p.phones[0] }}{{ p.phone }}{% endwith %}", [
            "main.html:1: p (Person) has no attribute 'phone'"
        ]),
        ("{{ teams|map(attribute='title')|join }}{{ teams|selectattr('leader')|list }}", [
            "main.html:1: teams|selectattr (Team) has no attribute 'leader'"
        ]),
        ("{% for row in teams|batch(2) %}{% for t in row %}{{ t.title }}{{ t.x }}{% endfor %}"
         "{% endfor %}", ["main.html:1: t (Team) has no attribute 'x'"]),
        ("{{ chief.name.nope }}", ["main.html:1: chief.name (str) has no attribute 'nope'"]),
        ("{% for c in chief %}{% endfor %}", ["main.html:1: chief is not iterable"]),
        ("{% macro card(p) %}{{ p.name }}{{ p.title }}{% endmacro %}{{ card(chief) }}", [
            "main.html:1: p (Person) has no attribute 'title'"
        ]),
        ("{% if heading is defined %}{{ heading }}{% endif %}"
         "{% if extra is defined %}{% endif %}", []),
    ],
)  # fmt: skip
def test_the_check_follows_loops_unpacking_filters_macros_and_optionals(
    source: str, expected: list[str]
) -> None:
    """Each construct resolves through the types; a wrong name fails at its line."""
    assert problems_in({"main.html": source}) == expected


def test_included_extended_and_imported_templates_are_checked_too() -> None:
    """An include sees the loop's names; a macro imported without context sees none."""
    templates = {
        "_base.html": "{{ heading }}{% block body %}{% endblock %}{{ footer }}",
        "_row.html": "{{ t.title }}{{ t.budget }}",
        "_macros.html": "{% macro card(p) %}{{ p.name }}{{ p.age }}{{ heading }}{% endmacro %}",
        "main.html": '{% extends "_base.html" %}{% block body %}'
        '{% import "_macros.html" as m %}'
        '{% for t in teams %}{% include "_row.html" %}{% endfor %}'
        "{{ m.card(chief) }}{{ m.badge(chief) }}{% endblock %}",
    }
    assert sorted(problems_in(templates)) == [
        "_base.html:1: 'footer' is not in Sample",
        "_macros.html:1: 'heading' is not in Sample",  # imported without context
        "_macros.html:1: p (Person) has no attribute 'age'",
        "_row.html:1: t (Team) has no attribute 'budget'",
        "main.html:1: m (Module) has no attribute 'badge'",
    ]


def test_a_template_that_includes_itself_is_checked_once() -> None:
    """A recursive include (a tree drawn by including itself) ends; its slips are found."""
    templates = {
        "main.html": '{% for t in teams %}{{ t.titel }}{% include "main.html" %}{% endfor %}'
    }
    assert problems_in(templates) == ["main.html:1: t (Team) has no attribute 'titel'"]
