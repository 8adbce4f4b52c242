"""Risk assessments: one per location, 5x5 bands, row checks, and hazards the script suggests."""

from __future__ import annotations

import dataclasses
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from paperwork.builders.base import BuildJob, BuildOptions
from paperwork.builders.risk_assessment import _NameFinder, build, scene_hazards
from paperwork.errors import Diagnostics
from paperwork.model.call_sheets import CastMember
from paperwork.model.production import Production
from paperwork.model.source import Pos
from paperwork.pipeline import BuildRequest, prepare_script, with_breakdown
from paperwork.readers.fountain import read_fountain
from paperwork.readers.production import read_production
from paperwork.readers.risks import reference

TODAY = date(2026, 11, 29)
MANIFEST = """\
title: Risk Test
company:
  name: Test Pictures Ltd
  address: [1 High Street, Bristol BS1 1AA]
tables:
  risks: risks.csv
  locations: locations.csv
"""
LOCATIONS = (
    "id,name,sets,hospital,hospital_address,hospital_phone\n"
    "L1,The Slip,THE SLIP,Bristol Royal Infirmary (A&E),Upper Maudlin Street / Bristol,0117 000\n"
)
HEADER = (
    "id,hazard,category,location,scenes,likelihood,severity,further_controls,"
    "residual_likelihood,residual_severity,owner,due,assessor,assessed,review\n"
)
SCRIPT = """\
EXT. THE SLIP - NIGHT

Ana rows the boat out into the river.

INT. KITCHEN - DAY

LILY eats toast.

LILY
More jam.
"""


def _production(tmp_path: Path, rows: str) -> Production:
    (tmp_path / "production.yaml").write_text(MANIFEST, encoding="utf-8")
    (tmp_path / "locations.csv").write_text(LOCATIONS, encoding="utf-8")
    (tmp_path / "risks.csv").write_text(HEADER + rows, encoding="utf-8")
    d = Diagnostics()
    p = read_production(tmp_path, d)
    assert p is not None and not d.has_errors, [str(x) for x in d]
    return p


def _build(p: Production, script: str | None = None) -> tuple[list, Diagnostics]:  # type: ignore[type-arg]
    d = Diagnostics()
    sp = read_fountain(script, "script.fountain", Diagnostics()) if script else None
    docs = build(BuildJob(p, TODAY, d, BuildOptions(screenplay=sp)))
    return list(docs), d


def test_one_document_per_location_and_one_for_the_production(tmp_path: Path) -> None:
    """Rows group by location (matched by id or name); blank locations are production-wide."""
    rows = (
        "R2,Slip edge,water,The Slip,1,4,5,Safety boat,2,5,PM,2027-03-01,Jo Bloggs,2027-02-15,\n"
        "R1,Night work,night-exterior,,1,3,3,,,,,,,,\n"
    )
    docs, d = _build(_production(tmp_path, rows))
    assert not list(d)
    assert [doc.stem for doc in docs] == [
        "risk-assessment_whole-production_2026-11-29",
        "risk-assessment_the-slip_2026-11-29",
    ]
    slip = docs[1].context
    (row,) = slip["rows"]
    assert (row.rating, row.band, row.residual_rating, row.residual_band) == (
        "20", "high", "10", "medium"
    )  # fmt: skip
    assert (
        slip["hospital"]
        == "Bristol Royal Infirmary (A&E) · Upper Maudlin Street, Bristol · 0117 000"
    )
    assert ("Assessor", "Jo Bloggs") in [(h.label, h.value) for h in slip["header"]]
    assert slip["summary"] == "1 hazard, 1 medium (after further controls)"


def test_residual_not_lower_is_a_warning_at_the_residual_cell(tmp_path: Path) -> None:
    """Further controls that leave the rating where it was are questioned."""
    rows = "R1,Slip edge,water,L1,1,2,3,Rope rail,3,2,,,,,\n"
    _, d = _build(_production(tmp_path, rows))
    assert [(x.severity, x.code, str(x.pos)) for x in d] == [
        ("warning", "residual-not-lower", "risks.csv:2:residual_likelihood")
    ]


def test_a_high_residual_risk_needs_an_owner_and_a_due_date(tmp_path: Path) -> None:
    """High after the further controls (or high with none) without owner or due is an error."""
    rows = (
        "R1,Low-loader,vehicles,L1,1,3,5,Escort,3,5,,2027-03-01,,,\n"  # no owner
        "R2,Low-loader,vehicles,L1,1,4,5,,,,PM,,,,\n"  # no residual: the initial counts; no due
        "R3,Low-loader,vehicles,L1,1,4,5,Closure,1,5,,,,,\n"  # low after controls: fine
    )
    _, d = _build(_production(tmp_path, rows))
    errors = [(x.code, str(x.pos)) for x in d.errors]
    assert errors == [
        ("high-risk-no-owner", "risks.csv:2:owner"),
        ("high-risk-no-owner", "risks.csv:3:due"),
    ]


def test_script_hazards_without_a_row_are_listed_and_located(tmp_path: Path) -> None:
    """The boat on the river at night and the minor in the kitchen have no row: both reported."""
    p = _production(tmp_path, "R1,Night work,night-exterior,,1,2,3,,,,,,,,\n")
    p = dataclasses.replace(
        p, cast=(CastMember("3", "Poppy", ("LILY",), pos=Pos("cast.csv", 4), minor=True),)
    )
    docs, d = _build(p, SCRIPT)
    found = [(x.severity, x.code, str(x.pos)) for x in d]
    assert found == [
        ("warning", "unassessed-script-hazard", "script.fountain:1:1"),
        ("warning", "unassessed-script-hazard", "script.fountain:5:1"),
    ]
    assert "water" in d.items[0].message and "LILY" in d.items[1].message
    # the slip has no rows of its own: its hazards go to the production-wide document
    (doc,) = docs
    listed = [(u.scene, u.hazard) for u in doc.context["unassessed"]]
    assert listed == [("1", "Working on or near water"), ("2", "Children (minor cast)")]
    assert doc.context["script_scanned"] is True


def test_a_row_covers_a_scene_by_category_or_by_its_words(tmp_path: Path) -> None:
    """A water row for scene 1, or an uncategorised 'boat' row, silences the suggestion."""
    for row in (
        "R1,Rowing out,water,L1,1,2,3,,,,,,,,\n",
        "R1,Rowing a boat at night,,L1,1,2,3,,,,,,,,\n",
    ):
        (doc,), d = _build(_production(tmp_path, row), SCRIPT.replace("NIGHT", "DAY"))
        assert not list(d), row
        assert doc.context["unassessed"] == ()


def test_without_a_script_nothing_is_scanned(tmp_path: Path) -> None:
    """No screenplay from the pipeline: no suggestions, and the document says nothing of it."""
    (doc,), d = _build(_production(tmp_path, "R1,Edge,water,L1,1,2,3,,,,,,,,\n"))
    assert not list(d) and doc.context["script_scanned"] is False


def test_scene_hazards_match_whole_words_only() -> None:
    """'boatyard' is a boat word, 'cartoon' is not a car, and interiors skip exterior words."""
    text = "EXT. YARD - DAY\n\nA boatyard. A cartoon.\n\nINT. FLAT - DAY\n\nRain on the window.\n"
    sp = read_fountain(text, "s.fountain", Diagnostics())
    found = [(h.scene, h.category, h.found) for h in scene_hazards(sp, reference())]
    assert found == [("1", "water", "'boatyard'")]


def test_the_demo_builds_clean(demo: Path) -> None:
    """The demo: every script hazard assessed, no diagnostics, one document per location used."""
    d = Diagnostics()
    p = read_production(demo, d)
    assert p is not None
    request = with_breakdown(BuildRequest(today=TODAY), prepare_script(p, d))
    before = len(d.items)
    docs = build(BuildJob(p, TODAY, d, request.options))
    assert [str(x) for x in d.items[before:]] == []
    assert 8 <= len(p.risks) <= 20
    assert docs[0].title == "Risk assessment: Whole production"
    assert len(docs) == 1 + len({r.location for r in p.risks if r.location})
    cadiz = next(doc for doc in docs if "muelle" in doc.stem)
    assert "Hospital de la Bahía" in str(cadiz.context["hospital"])


# --- The matrix, its colours, the coastguard and the sign-off, rendered ----------------------

HIGH, MEDIUM, LOW = "F4B6AE", "FCE4A8", "C8E6C0"  # hazards.yaml's band colours


def _render(docs: list) -> tuple[list[bytes], list[bytes]]:  # type: ignore[type-arg]
    from paperwork.render.docx import render_docx
    from paperwork.render.html_pdf import render_pdfs
    from paperwork.render.templates import TemplateSet
    from paperwork.resources import templates_dir

    templates = TemplateSet([templates_dir()])
    batch = render_pdfs(docs, templates, [templates_dir()])
    return list(batch.pdfs), [render_docx(doc, templates) for doc in docs]


def test_the_matrix_places_each_hazard_before_and_after_further_controls(tmp_path: Path) -> None:
    """Likelihood down, severity across; each cell its product, band colour and hazard ids."""
    rows = (
        "R1,Slip edge,water,L1,1,4,5,Safety boat,2,5,PM,2027-03-01,,,\n"
        "R2,Car on quay,vehicles,L1,1,2,5,,,,,,,,\n"
    )
    (doc,), _ = _build(_production(tmp_path, rows))
    before, after = doc.context["matrices"]
    assert [r.likelihood for r in before.rows][0] == "1 Very unlikely"
    assert [c.rating for c in before.rows[3].cells] == ["4", "8", "12", "16", "20"]
    assert [c.fill for c in before.rows[3].cells] == [LOW, MEDIUM, MEDIUM, HIGH, HIGH]
    placed = {
        (m.title, i + 1, j + 1): c.ids
        for m in (before, after)
        for i, row in enumerate(m.rows)
        for j, c in enumerate(row.cells)
        if c.ids
    }
    assert placed == {
        ("Before further controls", 4, 5): "R1",
        ("Before further controls", 2, 5): "R2",
        ("After further controls (residual)", 2, 5): "R1, R2",
    }
    (row1, row2) = doc.context["rows"]
    assert (row1.fill, row1.residual_fill, row2.residual_fill) == (HIGH, MEDIUM, "FFFFFF")


def _fills(cell: object) -> str:
    from docx.oxml.ns import qn

    shd = cell._tc.tcPr.find(qn("w:shd"))  # type: ignore[attr-defined]
    return "" if shd is None else str(shd.get(qn("w:fill"))).upper()


def test_pdf_and_docx_carry_the_same_rating_colours(tmp_path: Path) -> None:
    """The matrix cells and the rating cells are filled with the band colours in both formats."""
    import io

    import pdfplumber
    from docx import Document

    rows = "R1,Slip edge,water,L1,1,4,5,Safety boat,2,5,PM,2027-03-01,,,\n"
    (doc,), _ = _build(_production(tmp_path, rows))
    (pdf,), (docx,) = _render([doc])

    def rgb(hex_: str) -> tuple[float, ...]:
        return tuple(round(int(hex_[i : i + 2], 16) / 255, 2) for i in (0, 2, 4))

    with pdfplumber.open(io.BytesIO(pdf)) as p:
        colours: dict[str, set[tuple[float, ...]]] = {}
        for page in p.pages:
            for word in page.extract_words(x_tolerance=1):
                x, y = (word["x0"] + word["x1"]) / 2, (word["top"] + word["bottom"]) / 2
                for rect in page.rects:
                    inside = rect["x0"] < x < rect["x1"] and rect["top"] < y < rect["bottom"]
                    fill = rect.get("non_stroking_color")
                    if inside and fill and len(fill) == 3:
                        colours.setdefault(word["text"], set()).add(
                            tuple(round(c, 2) for c in fill)
                        )
    assert rgb(HIGH) in colours["20"] and rgb(MEDIUM) in colours["10"]
    assert rgb(HIGH) in colours["R1"] and rgb(MEDIUM) in colours["R1"]  # in both matrices
    assert rgb(LOW) in colours["4"]
    document = Document(io.BytesIO(docx))
    matrix = next(
        t for t in document.tables if "Before further controls" in t.rows[0].cells[0].text
    )
    cells = {c.text.strip(): _fills(c) for row in matrix.rows[2:] for c in row.cells[1:6]}
    assert (cells["1"], cells["10"], cells["20 R1"]) == (LOW, MEDIUM, HIGH)
    hazards = next(t for t in document.tables if t.rows[0].cells[0].text == "ID")
    rating, residual = hazards.rows[1].cells[6], hazards.rows[1].cells[10]
    assert (rating.text, _fills(rating)) == ("20 high", HIGH)
    assert (residual.text, _fills(residual)) == ("10 medium", MEDIUM)


def test_a_location_afloat_lists_the_coastguard(tmp_path: Path) -> None:
    """A boat at the location (its rows or its sets) puts the coastguard first; a quay does not."""
    (doc,), _ = _build(_production(tmp_path, "R1,Quay edge,water,L1,1,2,3,,,,,,,,\n"))
    assert [e.label for e in doc.context["emergency"]] == ["Nearest A&E"]
    for row in (
        "R1,Filming aboard the ferry,,L1,1,2,3,,,,,,,,\n",
        "R1,Edge of the boat,,L1,1,2,3,,,,,,,,\n",
    ):
        (doc,), _ = _build(_production(tmp_path, row))
        first = doc.context["emergency"][0]
        assert (first.label, first.value) == (
            "HM Coastguard",
            "999 or 112 and ask for the Coastguard; afloat, VHF channel 16",
        )
    # a vessel named in the location's sets, abroad: the sea rescue service through 112
    p = _production(tmp_path, "R1,Deck work,,L1,1,2,3,,,,,,,,\n")
    (loc,) = p.locations
    p = dataclasses.replace(
        p, locations=(dataclasses.replace(loc, sets=("TRAWLER MORWENNA, DECK",), country="ES"),)
    )
    (doc,), _ = _build(p)
    first = doc.context["emergency"][0]
    assert first.label == "Coastguard (sea rescue)" and first.value.startswith("112 ")


def test_demo_coastguard_only_where_the_unit_is_afloat(demo: Path) -> None:
    """The trawler, the harbour ferry and the Pill ferry list HM Coastguard; the quayside pub not."""
    p = read_production(demo, Diagnostics())
    assert p is not None
    docs = build(BuildJob(p, TODAY, Diagnostics()))
    afloat = sorted(
        doc.stem.removesuffix(f"_{TODAY.isoformat()}")
        for doc in docs
        if "HM Coastguard" in [e.label for e in doc.context["emergency"]]
    )
    assert afloat == [
        "risk-assessment_newlyn-harbour-north-pier-mfv-morwenna",
        "risk-assessment_pill-hard-and-quay",
        "risk-assessment_quayline-ferry-landing-mardyke",
    ]


def _signoff_pages(pdf: bytes, last: str) -> tuple[list[int], list[int]]:
    import re

    from tests.pdf_text import page_texts

    texts = page_texts(pdf)
    sign = [i for i, t in enumerate(texts) if "SIGN-OFF" in t]
    hazard = [i for i, t in enumerate(texts) if re.search(rf"^{last} ", t, re.M)]
    return sign, hazard


@pytest.mark.slow
def test_the_sign_off_stays_with_the_last_hazard(
    tmp_path: Path, demo: Path, demo_pdfs: Any
) -> None:
    """On every demo assessment (as the session's build of the demo wrote them) and on long
    ones, the sign-off shares a page with the last row."""
    rows = "".join(
        f"R{i:02d},Quay edge {i} with a long description of the hazard and where it is,water,"
        "L1,1,4,5,Safety boat with two crew on the water; throw lines every ten metres,2,5,PM,"
        "2027-03-01,,,\n"
        for i in range(1, 8)
    )
    long_docs = []
    for n in (5, 7):  # 7 rows left the sign-off alone on page 3
        (doc,), _ = _build(_production(tmp_path, "".join(rows.splitlines(True)[:n])))
        long_docs.append(doc)
    long_pdfs, _ = _render(long_docs)
    assert demo_pdfs.exit_code == 0, demo_pdfs.output
    p = read_production(demo, Diagnostics())
    assert p is not None
    built_on = date(2026, 12, 2)  # the session's build's --date (tests/conftest.py)
    demo_docs = list(build(BuildJob(p, built_on, Diagnostics())))
    demo_pdf_bytes = [(demo_pdfs.out / f"{doc.stem}.pdf").read_bytes() for doc in demo_docs]
    assert len(demo_docs) >= 10
    docs, pdfs = long_docs + demo_docs, list(long_pdfs) + demo_pdf_bytes
    for doc, pdf in zip(docs, pdfs, strict=True):
        last = doc.context["rows"][-1].id
        sign, hazard = _signoff_pages(pdf, last)
        assert len(sign) == 1 and sign == hazard, (doc.stem, sign, hazard)


def test_docx_keeps_the_last_hazard_with_the_sign_off(tmp_path: Path) -> None:
    """Word's "keep with next" on the last hazard's row, the scale note and the sign-off only."""
    import io

    from docx import Document

    rows = "".join(f"R{i},Quay edge {i},water,L1,1,2,3,,,,,,,,\n" for i in range(1, 4))
    (doc,), _ = _build(_production(tmp_path, rows))
    _, (docx,) = _render([doc])
    document = Document(io.BytesIO(docx))
    hazards = next(t for t in document.tables if t.rows[0].cells[0].text == "ID")
    kept = [
        (row.cells[0].text, all(p.paragraph_format.keep_with_next for p in row.cells[1].paragraphs))
        for row in hazards.rows[1:]
    ]
    assert kept == [("R1", False), ("R2", False), ("R3", True)]
    note = next(p for p in document.paragraphs if p.text.startswith("Risk = likelihood"))
    assert note.paragraph_format.keep_with_next


def _minor_reference(minors: tuple[str, ...], upper: str, speakers: set[str]) -> str:
    """The rule the scan keeps: the first minor who speaks or stands as whole words."""
    return next(
        (
            c
            for c in minors
            if c in speakers or re.search(rf"(?<![\w]){re.escape(c)}(?![\w])", upper)
        ),
        "",
    )


@settings(max_examples=300, deadline=None)
@given(
    minors=st.lists(
        st.text(alphabet="AB .'-Ø", min_size=1, max_size=6).filter(str.strip), max_size=5
    ),
    text=st.text(alphabet="AB .'-Ø\n", max_size=40),
    speakers=st.sets(st.sampled_from(["A", "B", "A B", "Ø"]), max_size=2),
)
def test_minor_names_are_found_as_one_name_at_a_time_would_find_them(
    minors: list[str], text: str, speakers: set[str]
) -> None:
    """Whole words only, in the cast's order, names inside names and odd edges included."""
    finder = _NameFinder(minors)
    assert finder.first(text, speakers) == _minor_reference(tuple(minors), text, speakers)


def test_the_first_minor_in_cast_order_is_named_and_prefixes_are_whole_names() -> None:
    """'LILY II' is not 'LILY'; 'O'NEILL' and 'DR. NO' (ending in a dot) are found too."""
    finder = _NameFinder(["LILY", "LILY II", "O'NEILL", "DR. NO."])
    assert finder.first("LILY II WAVES.", set()) == "LILY"  # LILY stands as a word too
    assert _NameFinder(["LILY II", "LILY"]).first("LILY II WAVES.", set()) == "LILY II"
    assert finder.first("LILYANNE WAVES.", set()) == ""
    assert finder.first("ASK O'NEILL.", set()) == "O'NEILL"
    assert finder.first("IT IS DR. NO. HERE", set()) == "DR. NO."
    assert finder.first("A ROOM.", {"O'NEILL"}) == "O'NEILL"


def test_rows_find_their_location_by_id_or_name_the_first_row_winning(tmp_path: Path) -> None:
    """'l1' and ' the  slip ' both find L1; a name that is also a later id finds the first."""
    (tmp_path / "production.yaml").write_text(MANIFEST, encoding="utf-8")
    (tmp_path / "locations.csv").write_text(
        LOCATIONS + "L2,L1 Annexe,ANNEXE,,,\nL3,L2,OTHER,,,\n", encoding="utf-8"
    )
    rows = (
        "R1,Edge,water,l1,1,2,3,,,,,,,,\n"
        "R2,Edge,water, the  slip ,1,2,3,,,,,,,,\n"
        "R3,Edge,water,L2,1,2,3,,,,,,,,\n"
        "R4,Edge,water,Nowhere,1,2,3,,,,,,,,\n"
    )
    (tmp_path / "risks.csv").write_text(HEADER + rows, encoding="utf-8")
    d = Diagnostics()
    p = read_production(tmp_path, d)
    assert p is not None
    docs, _ = _build(p)
    grouped = {doc.context["location"]: [r.id for r in doc.context["rows"]] for doc in docs}
    assert grouped == {"The Slip": ["R1", "R2"], "L1 Annexe": ["R3"], "Nowhere": ["R4"]}
