"""Shared test fixtures: the read-only corpus beside the repository, and the demo production."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus"
DEMO = REPO / "fixtures" / "demo"


@pytest.fixture(scope="session")
def corpus() -> Path:
    """``../shared/corpus``; tests that need it are skipped where it is absent."""
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not beside the repository")
    return CORPUS


@pytest.fixture(scope="session")
def demo() -> Path:
    return DEMO
