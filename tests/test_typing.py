"""The typing bar: mypy --strict over the package, few ignores, no Any in readers and model."""

from __future__ import annotations

import ast
import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "paperwork"
MAX_IGNORES = 9  # issue 11: fewer than 10 'type: ignore' in paperwork/


def test_ci_mypy_is_strict_over_the_package() -> None:
    """pyproject's [tool.mypy] turns strict on for paperwork/, so CI's plain `mypy` is it."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mypy"]
    assert config["strict"] is True
    assert config["files"] == ["paperwork"]
    assert not any(override.get("ignore_errors") for override in config.get("overrides", [])), (
        "no module may opt out"
    )


def test_fewer_than_ten_type_ignores() -> None:
    """Problems are typed away, not silenced: at most nine ignores in the package."""
    found = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in sorted(PACKAGE.rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if re.search(r"#\s*type:\s*ignore", line)
    ]
    assert len(found) <= MAX_IGNORES, found


def _any_names(path: Path) -> list[str]:
    """Where a module imports typing.Any (the only way to spell it in this code base)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        f"{path.relative_to(ROOT)}:{node.lineno}"
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom)
        and node.module == "typing"
        and any(alias.name == "Any" for alias in node.names)
    ]


def test_readers_and_model_have_no_any() -> None:
    """Rows, contexts and YAML values are typed (raw YAML as object, narrowed)."""
    found = [
        where
        for folder in ("readers", "model")
        for path in sorted((PACKAGE / folder).rglob("*.py"))
        for where in _any_names(path)
    ]
    assert found == []
