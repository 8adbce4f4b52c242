"""The pipeline's one direction: cli -> readers | paginator | builders | render -> model."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "paperwork"

# What each layer may not import.
FORBIDDEN = {
    "model": (
        "paperwork.readers",
        "paperwork.paginator",
        "paperwork.builders",
        "paperwork.render",
        "paperwork.writers",
        "paperwork.cli",
        "paperwork.pipeline",
        "paperwork.scripts",
    ),
    "readers": ("paperwork.builders", "paperwork.render", "paperwork.paginator", "paperwork.cli"),
    "paginator": ("paperwork.builders", "paperwork.render", "paperwork.readers", "paperwork.cli"),
    "builders": ("paperwork.render", "paperwork.cli", "paperwork.pipeline"),
    # costing/ serves the builders: of builders/ it may use only the shared formatting
    "costing": (
        "paperwork.render",
        "paperwork.cli",
        "paperwork.pipeline",
        "paperwork.readers",
        "paperwork.paginator",
        "paperwork.builders.crew_contract",
        "paperwork.builders.call_sheet",
    ),
    # the shoot plan is made from the model for the builders, never from or by them
    "planning": (
        "paperwork.builders",
        "paperwork.render",
        "paperwork.readers",
        "paperwork.paginator",
        "paperwork.cli",
        "paperwork.pipeline",
    ),
    # the carnet's figures are made from the model for its builder and the CLI's --check
    "carnet": (
        "paperwork.builders",
        "paperwork.render",
        "paperwork.readers",
        "paperwork.paginator",
        "paperwork.cli",
        "paperwork.pipeline",
    ),
    # render/ places what builders made (model/document.py), never calling a builder
    "render": ("paperwork.readers", "paperwork.builders", "paperwork.cli", "paperwork.pipeline"),
    "writers": ("paperwork.render", "paperwork.builders", "paperwork.cli"),
    # the CLI and the web page go through paperwork.service, never round it
    "cli": ("paperwork.pipeline", "paperwork.readers", "paperwork.builders"),
    "web": ("paperwork.pipeline", "paperwork.builders", "paperwork.cli"),
    # send/ reads the builders' documents and the sandbox, never the CLI or a renderer
    "send": ("paperwork.cli", "paperwork.render.html_pdf", "paperwork.render.docx"),
}
HEAVY = ("weasyprint", "docxtpl", "docx", "reportlab", "openpyxl", "pypdf")


def _imports(path: Path) -> list[tuple[str, bool]]:
    """Every imported module name, and whether the import is at module top level."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    top = set(map(id, tree.body))
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(a.name, id(node) in top) for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.append((node.module, id(node) in top))
    return out


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layers_import_only_downstream(layer: str) -> None:
    """No layer imports one that comes after it in the pipeline."""
    bad = [
        f"{path.relative_to(PACKAGE)} imports {name}"
        for path in (PACKAGE / layer).rglob("*.py")
        for name, _ in _imports(path)
        if name.startswith(FORBIDDEN[layer])
    ]
    assert bad == []


def test_no_builder_imports_another() -> None:
    """A document kind's module imports no other kind's module, at top level or inside a
    function: what two kinds share lives in planning/, format.py or a shared helper."""
    from paperwork.builders import REGISTRY

    kinds = set(REGISTRY.values())
    bad = [
        f"{path.relative_to(PACKAGE)} imports {name}"
        for path in (PACKAGE / "builders").glob("*.py")
        for name, _ in _imports(path)
        if name in kinds and name != f"paperwork.builders.{path.stem}"
    ]
    assert bad == []


def test_heavy_libraries_are_imported_where_used_not_at_start_up() -> None:
    """Outside render/, heavy libraries are imported inside functions, never at module top."""
    bad = [
        f"{path.relative_to(PACKAGE)} imports {name} at top level"
        for path in PACKAGE.rglob("*.py")
        if "render" not in path.parts
        for name, top in _imports(path)
        if top and name.split(".")[0] in HEAVY
    ]
    assert bad == []


def test_nothing_below_the_cli_reads_the_clock() -> None:
    """Only the cli/ package may call date.today() or datetime.now()."""
    bad = []
    for path in PACKAGE.rglob("*.py"):
        if path.relative_to(PACKAGE).parts[0] == "cli":
            continue
        text = path.read_text(encoding="utf-8")
        for needle in (
            "date.today(",
            "datetime.now(",
            "datetime.today(",
            "time.time(",
            "os.environ",
        ):
            if needle in text:
                bad.append(f"{path.relative_to(PACKAGE)}: {needle}")
    assert bad == []


def test_costing_uses_only_the_builders_shared_helpers() -> None:
    """costing/ may import builders.base, .format, .letterhead and .reports, never a
    document's builder."""
    shared = {
        "paperwork.builders.base",
        "paperwork.builders.format",
        "paperwork.builders.letterhead",
        "paperwork.builders.reports",
    }
    used = {
        name
        for path in (PACKAGE / "costing").rglob("*.py")
        for name, _ in _imports(path)
        if name.startswith("paperwork.builders")
    }
    assert used and used <= shared


# Modules reshaped along their seams (issue 11): each stays a room a reader can hold in mind.
RESHAPED = (
    "builders/crew_contract.py",
    "costing/checks.py",
    "costing/summary.py",
    "costing/sums.py",
    "model/names.py",
    "readers/call_sheets.py",
    "readers/calls.py",
    "readers/cast.py",
    "readers/cells.py",
    "readers/crew.py",
    "readers/locations.py",
    "readers/schedule.py",
    "readers/supporting_artists.py",
    "readers/terms.py",
)


@pytest.mark.parametrize("module", RESHAPED)
def test_reshaped_modules_stay_small(module: str) -> None:
    """At most 900 lines a module and 120 a function."""
    source = (PACKAGE / module).read_text(encoding="utf-8")
    long = [
        f"{node.name}: {node.end_lineno - node.lineno + 1} lines"
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.end_lineno is not None
        and node.end_lineno - node.lineno + 1 > 120
    ]
    lines = len(source.splitlines())
    assert lines <= 900, f"{module}: {lines} lines"
    assert long == []


@pytest.mark.parametrize("room", ["cli", "editing"])
def test_the_cli_and_editing_rooms_stay_small(room: str) -> None:
    """No module of cli/ or editing/ over 900 lines, no function in them over 120."""
    found = sorted((PACKAGE / room).glob("*.py"))
    assert found, f"paperwork/{room}/ is a package"
    big = []
    for path in found:
        text = path.read_text(encoding="utf-8")
        if text.count("\n") > 900:
            big.append(f"{path.name}: {text.count(chr(10))} lines")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > 120:
                    big.append(f"{path.name}: {node.name}() is {length} lines")
    assert big == []
