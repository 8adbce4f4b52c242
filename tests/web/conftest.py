"""The web page's fixtures: a copy of the demo, a server app behind a token, a signed-in
client, and ``paperwork.editing``."""

from __future__ import annotations

import importlib
import shutil
import types
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

DEMO = Path(__file__).resolve().parents[2] / "fixtures" / "demo"
TOKEN = "test-token-0123456789abcdef"
TODAY = date(2026, 12, 2)


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    folder = tmp_path / "demo"
    shutil.copytree(DEMO, folder)
    return folder


@pytest.fixture
def app(demo: Path):  # type: ignore[no-untyped-def]
    from paperwork.web import create_app

    return create_app([demo], TOKEN, today=lambda: TODAY)


@pytest.fixture
def client(app) -> Iterator[object]:  # type: ignore[no-untyped-def]
    """Signed in by the cookie, as a browser would be after opening the printed address."""
    from starlette.testclient import TestClient

    with TestClient(app, base_url="http://127.0.0.1:8765") as c:
        c.cookies.set("paperwork_token", TOKEN)
        yield c


@pytest.fixture
def csrf() -> dict[str, str]:
    from paperwork.web.auth import csrf_value

    return {"X-Paperwork-CSRF": csrf_value(TOKEN)}


@pytest.fixture
def editing() -> types.ModuleType:
    """``paperwork.editing``, which the edit and upload routes go through."""
    return importlib.import_module("paperwork.editing")
