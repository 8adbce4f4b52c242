"""The risks table: scores, ids, dates and categories checked, each problem at its cell."""

from __future__ import annotations

from datetime import time
from pathlib import Path

from paperwork.errors import Diagnostics
from paperwork.model.production import Production
from paperwork.readers.production import read_production
from paperwork.readers.risks import reference, split_scenes

MANIFEST = """\
title: Risk Test
company:
  name: Test Pictures Ltd
  address: [1 High Street, Bristol BS1 1AA]
tables:
  risks: risks.csv
"""
HEADER = (
    "id,hazard,category,location,scenes,likelihood,severity,further_controls,"
    "residual_likelihood,residual_severity,owner,due,status,assessed,review\n"
)
GOOD = "R1,Slipway edge,water,,3-5,3,4,Safety boat,1,4,PM,2027-03-01,open,2027-02-15,2027-03-01\n"


def _read(tmp_path: Path, rows: str) -> tuple[Production | None, Diagnostics]:
    (tmp_path / "production.yaml").write_text(MANIFEST, encoding="utf-8")
    (tmp_path / "risks.csv").write_text(HEADER + rows, encoding="utf-8")
    d = Diagnostics()
    return read_production(tmp_path, d), d


def _codes(d: Diagnostics) -> list[tuple[str, str]]:
    return [(x.code, str(x.pos)) for x in d]


def test_a_good_row_reads_into_the_model(tmp_path: Path) -> None:
    """Scores are ints, scene ranges expand, dates parse, and nothing is reported."""
    p, d = _read(tmp_path, GOOD)
    assert p is not None and not list(d)
    (r,) = p.risks
    assert (r.id, r.category, r.scenes) == ("R1", "water", ("3", "4", "5"))
    assert (r.likelihood, r.severity, r.residual_likelihood, r.residual_severity) == (3, 4, 1, 4)
    assert r.status == "open" and r.due is not None and r.due.isoformat() == "2027-03-01"


def test_scores_outside_one_to_five_are_located(tmp_path: Path) -> None:
    """A 6, a 0 and a word are each bad-risk-score at their own cell."""
    p, d = _read(tmp_path, "R1,Edge,water,,1,6,0,,high,,,,,,\n")
    assert _codes(d) == [
        ("bad-risk-score", "risks.csv:2:likelihood"),
        ("bad-risk-score", "risks.csv:2:severity"),
        ("bad-risk-score", "risks.csv:2:residual_likelihood"),
    ]
    assert p is None or p.risks[0].likelihood is None


def test_duplicate_ids_and_review_before_assessment(tmp_path: Path) -> None:
    """The second R1 is a duplicate-hazard-id; a review before the assessment is an error."""
    rows = GOOD + "r1,Mud,water,,,2,2,,,,,,,2027-02-15,2027-02-01\n"
    _, d = _read(tmp_path, rows)
    assert _codes(d) == [
        ("duplicate-hazard-id", "risks.csv:3:id"),
        ("review-before-assessment", "risks.csv:3:review"),
    ]


def test_unknown_category_is_a_warning(tmp_path: Path) -> None:
    """A category the reference data does not know is reported, and the row is kept."""
    p, d = _read(tmp_path, "R1,Edge,lava,,,2,2,,,,,,,,\n")
    assert [(x.severity, x.code, str(x.pos)) for x in d] == [
        ("warning", "unknown-hazard-category", "risks.csv:2:category")
    ]
    assert p is not None and p.risks[0].category == "lava"


def test_split_scenes_and_bands() -> None:
    """Lists, ranges and lettered scenes split; bands come from the data."""
    assert split_scenes("3, 7; 12a 17-18") == ("3", "7", "12A", "17", "18")
    ref = reference()
    assert [ref.band(n) for n in (1, 6, 8, 12, 15, 25)] == [
        "low", "low", "medium", "medium", "high", "high"
    ]  # fmt: skip
    assert {"water", "vehicles", "night-exterior", "children"} <= set(ref.categories)


LIMITS = "id,hazard,category,person,not_after,no_water_work\n"


def test_a_childs_limits_read_from_structured_columns(tmp_path: Path) -> None:
    """person + not_after + no_water_work become the row's limits; bad cells are located."""
    (tmp_path / "production.yaml").write_text(MANIFEST, encoding="utf-8")
    rows = (
        "R1,Child on set,children,3,22:00,yes\n"
        "R2,Child on set,children,,21:30,\n"
        "R3,Child on set,children,Lily,10pm,maybe\n"
    )
    (tmp_path / "risks.csv").write_text(LIMITS + rows, encoding="utf-8")
    d = Diagnostics()
    p = read_production(tmp_path, d)
    assert sorted(_codes(d)) == [
        ("bad-time", "risks.csv:4:not_after"),
        ("bad-yes-no", "risks.csv:4:no_water_work"),
        ("limit-without-person", "risks.csv:3:not_after"),
    ]
    assert p is None or [(r.person, r.not_after, r.no_water_work) for r in p.risks][0] == (
        "3",
        time(22),
        True,
    )


def test_the_demo_puts_lilys_22_00_limit_in_its_columns(demo: Path) -> None:
    """RA01's free-text 'no night work after 22:00' is also in person and not_after."""
    d = Diagnostics()
    p = read_production(demo, d)
    assert p is not None and not list(d)
    ra01 = next(r for r in p.risks if r.id == "RA01")
    assert (ra01.person, ra01.not_after, ra01.no_water_work) == ("3", time(22), False)


def test_a_scene_range_of_five_thousand_digits_stays_text() -> None:
    """int() of a 5,000-digit scene number raised; such a 'range' is kept as written."""
    huge = "1" * 5000
    assert split_scenes(f"{huge}-{huge}") == (f"{huge}-{huge}",)
