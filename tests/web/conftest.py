"""The web page's fixtures: a copy of the demo, a server app behind a token, a signed-in
client, and a stand-in for ``paperwork.editing`` while that module is on another branch."""

from __future__ import annotations

import csv
import importlib.util
import io
import shutil
import sys
import types
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from paperwork.errors import Diagnostic
from paperwork.model.source import Pos

DEMO = Path(__file__).resolve().parents[2] / "fixtures" / "demo"
TOKEN = "test-token-0123456789abcdef"
TODAY = date(2026, 12, 2)
HAS_EDITING = importlib.util.find_spec("paperwork.editing") is not None


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


# -- a stand-in for paperwork.editing (CSV only), used only while the real one is absent --


def _stub_editing() -> types.ModuleType:
    module = types.ModuleType("paperwork.editing")
    history: list[tuple[Path, bytes]] = []

    @dataclass(frozen=True)
    class CellEdit:
        table: str
        row: int
        column: str
        value: str

    @dataclass(frozen=True)
    class EditResult:
        path: Path
        undo_id: str
        before: str

    @dataclass(frozen=True)
    class GridRow:
        number: int
        cells: tuple[str, ...]

    @dataclass(frozen=True)
    class Grid:
        table: str
        header: tuple[str, ...]
        keys: tuple[str, ...]
        rows: tuple[GridRow, ...]
        sheet: str | None = None

    def _read(path: Path) -> list[list[str]]:
        return list(csv.reader(io.StringIO(path.read_text("utf-8-sig"), newline="")))

    def table_grid(root: Path, table: str) -> Grid:
        records = _read(root / f"{table}.csv")
        rows = tuple(GridRow(n, tuple(r)) for n, r in enumerate(records[1:], start=2))
        return Grid(table, tuple(records[0]), tuple(records[0]), rows)

    def edit_cell(root: Path, edit: CellEdit) -> EditResult:
        path = root / f"{edit.table}.csv"
        data = path.read_bytes()
        records = _read(path)
        col = records[0].index(edit.column)
        before = records[edit.row - 1][col]
        records[edit.row - 1][col] = edit.value
        out = io.StringIO(newline="")
        csv.writer(out, lineterminator="\n").writerows(records)
        path.write_text(out.getvalue(), "utf-8")
        history.append((path, data))
        return EditResult(path, str(len(history)), before)

    def undo(root: Path) -> EditResult | None:
        if not history:
            return None
        path, data = history.pop()
        path.write_bytes(data)
        return EditResult(path, str(len(history) + 1), "")

    @dataclass(frozen=True)
    class ReplaceResult:
        diagnostics: tuple[Diagnostic, ...]
        replaced: bool

    def replace_table(root: Path, table: str, filename: str, data: bytes) -> ReplaceResult:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            problem = Diagnostic("error", "table-unreadable", "not UTF-8", Pos(filename))
            return ReplaceResult((problem,), False)
        (root / f"{table}.csv").write_text(text, "utf-8")
        return ReplaceResult((), True)

    def replace_script(root: Path, filename: str, data: bytes) -> ReplaceResult:
        if not data.strip():
            problem = Diagnostic("error", "script-empty", "the script is empty", Pos(filename))
            return ReplaceResult((problem,), False)
        (root / "script.fountain").write_bytes(data)
        return ReplaceResult((), True)

    module.__dict__.update(
        CellEdit=CellEdit, EditResult=EditResult, Grid=Grid, ReplaceResult=ReplaceResult,
        table_grid=table_grid, edit_cell=edit_cell, undo=undo, replace_table=replace_table,
        replace_script=replace_script,
    )  # fmt: skip
    return module


@pytest.fixture
def editing(monkeypatch: pytest.MonkeyPatch) -> types.ModuleType:
    """The real ``paperwork.editing`` when installed, else the CSV stand-in above."""
    if HAS_EDITING:
        return importlib.import_module("paperwork.editing")
    module = _stub_editing()
    monkeypatch.setitem(sys.modules, "paperwork.editing", module)
    return module
