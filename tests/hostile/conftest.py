"""A fresh copy of the demo production for every hostile case."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .helpers import DEMO


@pytest.fixture()
def show(tmp_path: Path) -> Path:
    """A fresh copy of the demo production."""
    folder = tmp_path / "show"
    shutil.copytree(DEMO, folder)
    return folder
