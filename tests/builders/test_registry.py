"""Every registered document kind builds from the demo and its templates fit its context."""

from __future__ import annotations

import dataclasses
import typing
from datetime import date
from pathlib import Path

import pytest

from paperwork.builders import REGISTRY, kind
from paperwork.builders.base import BuildJob, BuiltDocument
from paperwork.errors import Diagnostics
from paperwork.pipeline import BuildRequest, build_documents, prepare_script, with_breakdown
from paperwork.readers.production import read_production
from paperwork.render.templates import TemplateSet
from paperwork.resources import templates_dir

TODAY = date(2026, 11, 29)


@pytest.fixture(scope="module")
def demo_docs(demo: Path) -> dict[str, list[BuiltDocument]]:
    """The demo production built once, by kind."""
    d = Diagnostics()
    production = read_production(demo, d)
    assert production is not None and not d.has_errors, [str(x) for x in d]
    request = BuildRequest(today=TODAY)
    if production.script is not None:
        request = with_breakdown(request, prepare_script(production, d))
    docs = build_documents(production, request, d)
    assert not d.has_errors, [str(x) for x in d.errors]
    out: dict[str, list[BuiltDocument]] = {}
    for doc in docs:
        out.setdefault(doc.kind, []).append(doc)
    return out


@pytest.mark.parametrize("name", sorted(REGISTRY))
def test_builder_module_follows_the_contract(name: str) -> None:
    """Its KIND is named as registered, needs an input, builds from one BuildJob, and each
    template has both files."""
    found = kind(name)
    assert found.name == name and found.inputs and found.about
    hints = typing.get_type_hints(found.build)
    assert hints == {"job": BuildJob, "return": tuple[BuiltDocument, ...]}
    # each template its own context type, so KIND.document can tell which one a context is for
    assert len(set(found.contexts.values())) == len(found.contexts)
    for stem in found.contexts:  # every template it declares, not only the main one
        assert (templates_dir() / f"{stem}.html").is_file()
        assert (templates_dir() / f"{stem}.docx").is_file()


@pytest.mark.parametrize("kind", sorted(REGISTRY))
def test_templates_use_only_what_the_context_has(
    kind: str, demo_docs: dict[str, list[BuiltDocument]], demo: Path
) -> None:
    """Each demo document renders its HTML and DOCX templates under StrictUndefined."""
    from paperwork.render.docx import render_docx

    docs = demo_docs.get(kind)
    if not docs:
        pytest.skip(f"the demo production has no input for {kind}")
    templates = TemplateSet([templates_dir()])
    seen = set()
    for doc in docs:
        if doc.template in seen:
            continue
        seen.add(doc.template)
        if "pdf" in doc.formats:
            assert templates.render_html(f"{doc.template}.html", doc.context)
        if "docx" in doc.formats:
            assert render_docx(doc, templates)[:2] == b"PK"


@pytest.mark.parametrize("name", sorted(REGISTRY))
def test_each_document_carries_the_context_its_kind_declares(
    name: str, demo_docs: dict[str, list[BuiltDocument]]
) -> None:
    """A document's context is the exact dataclass its kind maps its template to."""
    found = kind(name)
    docs = demo_docs[name]
    assert {d.template for d in docs} <= set(found.contexts)
    for doc in docs:
        expected = found.contexts[doc.template]
        assert type(doc.context) is expected, (doc.stem, type(doc.context), expected)
        assert dataclasses.is_dataclass(expected) and expected.__dataclass_params__.frozen  # type: ignore[attr-defined]


def test_a_kind_refuses_a_context_none_of_its_templates_takes(
    demo_docs: dict[str, list[BuiltDocument]],
) -> None:
    """KIND.document names the template from the context's type, and no other type passes."""
    carnet, letter = kind("carnet"), demo_docs["clearance-letters"][0]
    doc = kind("clearance-letters").document(letter.context, stem="s", title="t")
    assert (doc.kind, doc.template) == ("clearance-letters", "clearance_letter")
    with pytest.raises(TypeError, match="carnet: no one template takes a LetterContext"):
        carnet.document(letter.context, stem="s", title="t")


def test_a_document_is_written_in_its_kinds_formats_and_no_other(
    demo_docs: dict[str, list[BuiltDocument]],
) -> None:
    """KIND.formats is every format a kind's documents take (what ``paperwork kinds`` says
    it makes); a document may take fewer, and no other."""
    letters, letter = kind("clearance-letters"), demo_docs["clearance-letters"][0]
    assert letters.document(letter.context, stem="s", title="t").formats == ("docx", "pdf")
    fewer = letters.document(letter.context, stem="s", title="t", formats=("pdf",))
    assert fewer.formats == ("pdf",)
    with pytest.raises(TypeError, match="clearance-letters: its formats are"):
        letters.document(letter.context, stem="s", title="t", formats=("docx", "xlsx"))
    for name, docs in demo_docs.items():
        made = {fmt for d in docs for fmt in d.formats}
        assert made == set(kind(name).formats), name


def test_demo_builds_every_kind(demo_docs: dict[str, list[BuiltDocument]]) -> None:
    """The demo production has inputs for every registered kind: it is the full showcase."""
    assert set(demo_docs) == set(REGISTRY)
