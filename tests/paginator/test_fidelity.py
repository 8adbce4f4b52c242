"""Fidelity floors against Final Draft's own pages (the figures bench/fidelity.py prints)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench" / "fidelity.py"


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("fidelity_bench", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


# name, table, outline elements shown, floors: same page, within one, same eighths
FLOORS = [
    ("big_fish__finaldraft.fdx", "big_fish__finaldraft_fdx_scene_properties.csv", False,
     201 / 202, 1.0, 1.0),
    ("clean_code_e17__unclebob.fdx", "clean_code_e17__scene_properties.csv", False,
     1.0, 1.0, 1.0),
    ("tangle__fd13_sample.fdx", "tangle__fd13_scene_properties.csv", True,
     35 / 36, 1.0, 24 / 36),
]  # fmt: skip


@pytest.mark.parametrize(("name", "table", "outline", "same", "near", "eighths"), FLOORS)
def test_scenes_start_on_final_drafts_page(
    corpus: Path,
    bench: ModuleType,
    name: str,
    table: str,
    outline: bool,
    same: float,
    near: float,
    eighths: float,
) -> None:
    """Scene start pages and lengths match what Final Draft stored, at least this often."""
    f = bench.fdx_fidelity(corpus, name, table, outline)
    assert f.same_page >= same - 1e-9
    assert f.within_one >= near - 1e-9
    assert f.same_eighths >= eighths - 1e-9
    assert f.last_page == f.fd_last_page


def test_tangle_printed_without_outline_elements(corpus: Path, bench: ModuleType) -> None:
    """Printed (outline hidden), Tangle's lengths still mostly match Final Draft's."""
    f = bench.fdx_fidelity(
        corpus, "tangle__fd13_sample.fdx", "tangle__fd13_scene_properties.csv", False
    )
    assert f.same_eighths >= 29 / 36 - 1e-9


def test_fountain_conversions_page_counts(corpus: Path, bench: ModuleType) -> None:
    """Community within one page of Final Draft; Bright within one once its epigraph is on the
    title page as in Final Draft's PDF (two pages over as converted)."""
    assert (
        abs(bench.fountain_pages(corpus, "community_3x03_remedial_chaos_theory.fountain") - 37) <= 1
    )
    assert abs(bench.fountain_pages(corpus, "bright__max_landis.fountain") - 96) <= 2
    bright = bench.without_opening(
        bench.read_fountain_path(corpus / "fountain" / "bright__max_landis.fountain")
    )
    from paperwork.paginator import layout_for, paginate

    assert abs(len(paginate(bright, layout_for(bright)).pages) - 96) <= 1


def test_big_fish_fountain_against_the_2003_pdf(corpus: Path, bench: ModuleType) -> None:
    """With the draft's own template and FD 2003's rules, every matched scene is on its page."""
    _, own = bench.big_fish_2003(corpus)
    label, pages, table_n, matched, same, near = own
    assert pages == 122
    assert matched >= 190
    assert same == matched and near == matched


@pytest.mark.parametrize(
    ("name", "outline", "same"),
    [
        ("tangle__fd12_sample.fdx", True, 35 / 36),
        ("national_stupidity__thirdparty_export.fdx", False, 1.0),
    ],
)
def test_scenes_start_on_the_pages_stored_in_the_file(
    corpus: Path, bench: ModuleType, name: str, outline: bool, same: float
) -> None:
    """Files without a reference table: against their own SceneProperties pages."""
    f = bench.fdx_fidelity(corpus, name, "", outline)
    assert f.same_page >= same - 1e-9
    assert f.within_one == 1.0
