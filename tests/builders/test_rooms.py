"""The package's rooms stay small: modules and functions a reader can hold in mind."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "paperwork"
MAX_MODULE_LINES = 900
MAX_FUNCTION_LINES = 120


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def test_the_rooms_exist() -> None:
    """The check looks at real files in every room (a moved package would pass vacuously)."""
    names = {p.relative_to(PACKAGE).as_posix() for p in _modules()}
    assert {
        "builders/call_sheet.py",
        "carnet/cases.py",
        "model/production.py",
        "readers/fdx.py",
        "revise.py",
        "cli/__init__.py",
    } <= names
    assert len(names) > 140


def test_no_module_in_the_package_is_over_900_lines() -> None:
    """Split along a seam (a module of its own beside the one that grew) before 900 lines."""
    long = {
        p.relative_to(PACKAGE).as_posix(): n
        for p in _modules()
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    }
    assert long == {}


def test_no_function_in_the_package_is_over_120_lines() -> None:
    """A function reads as the steps it takes; each step is its own function."""
    long = {}
    for path in _modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                assert node.end_lineno is not None
                lines = node.end_lineno - node.lineno + 1
                if lines > MAX_FUNCTION_LINES:
                    long[f"{path.relative_to(PACKAGE).as_posix()}:{node.name}"] = lines
    assert long == {}
