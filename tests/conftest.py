"""Shared test fixtures: the read-only corpus beside the repository, and the demo production."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus"
DEMO = REPO / "fixtures" / "demo"


def pytest_sessionstart(session: pytest.Session) -> None:
    """On CI, what the accuracy tests need must be there: a missing corpus or script font
    would otherwise turn the paginator's floors against Final Draft into silent skips."""
    if not os.environ.get("CI"):
        return
    from paperwork.render.fonts import find_courier_prime

    missing = []
    if not CORPUS.is_dir():
        missing.append(f"the screenplay corpus ({CORPUS})")
    if find_courier_prime() is None:
        missing.append("the Courier Prime font (Debian: fonts-courier-prime)")
    if missing:
        raise pytest.UsageError("CI is missing " + " and ".join(missing))


@pytest.fixture(scope="session")
def corpus() -> Path:
    """``../shared/corpus``; tests that need it are skipped where it is absent."""
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not beside the repository")
    return CORPUS


@pytest.fixture(scope="session")
def demo() -> Path:
    return DEMO
