"""Bundled letters and call sheets spend no layout on measuring cells they give widths to."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

import pytest
import weasyprint.layout.table as wtable

from paperwork.errors import Diagnostics
from paperwork.pipeline import BuildRequest, plan, template_folders
from paperwork.render.html_pdf import render_pdfs
from paperwork.render.templates import TemplateSet


@pytest.fixture(scope="module")
def demo_letters(demo: Path):  # type: ignore[no-untyped-def]
    """Of the demo's clearance letters, crew contracts, carnet cover and call sheets, the one
    of each template with the most in it (the longest context: every optional table the
    template has is there), rather than all 42: the check is of the templates."""
    kinds = ("clearance-letters", "crew-contracts", "carnet", "call-sheets")
    made = plan(demo, BuildRequest(today=date(2026, 12, 2), kinds=kinds), Diagnostics())
    assert made.production is not None
    templates = TemplateSet(template_folders(made.production))
    wanted = {"clearance_letter", "crew_contract", "carnet_cover", "call_sheet"}
    docs = []
    for template in sorted(wanted):
        of_it = [d for d in made.docs if d.template == template and "pdf" in d.formats]
        docs += sorted(of_it, key=lambda d: len(repr(d.context)), reverse=True)[:1]
    assert {d.template for d in docs} == wanted
    return made.production, templates, docs


@pytest.mark.slow  # renders documents: over a second
def test_full_width_letter_tables_are_not_measured(demo_letters, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The letter head, item details, acceptance, parties and signature tables, and the call
    sheet's head, top, crew and bottom tables, have their widths set (100%, each column's
    share), so they are laid out fixed: WeasyPrint's automatic layout, which measures every
    cell's content first (a fifth of a seven-item letter's time), runs only where columns
    size to their content: the shrink-to-fit reference block (``table.meta``), the call
    sheet's key/value blocks (``table.kv``) and the data grids (``table.grid``)."""
    production, templates, docs = demo_letters
    measured: Counter[str] = Counter()
    original = wtable.auto_table_layout

    def counting(context, box, containing_block):  # type: ignore[no-untyped-def]
        table = box.get_wrapped_table()
        measured[table.element.get("class", "") if table.element is not None else ""] += 1
        return original(context, box, containing_block)

    monkeypatch.setattr(wtable, "auto_table_layout", counting)
    batch = render_pdfs(docs, templates, [production.root, *templates.folders])
    assert len(batch.pdfs) == len(docs)
    assert measured, "no table was laid out automatically: the check sees nothing"
    assert set(measured) <= {"meta", "grid", "grid money", "kv", "kv times"}, measured
    letters = sum(d.template in ("clearance_letter", "crew_contract") for d in docs)
    assert measured["meta"] >= letters  # each letter's reference block, at least once
