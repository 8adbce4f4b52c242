"""Fuzz every table reader (CSV and XLSX) and production.yaml: a located diagnostic or
success, never an exception; and nothing a reader lets through can crash a writer."""

from __future__ import annotations

import csv
import dataclasses
import io
import shutil
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from paperwork.errors import Diagnostics
from paperwork.readers.controls import CONTROL
from paperwork.readers.production import TABLES, read_production

from .helpers import DEMO

FUZZ = settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
MINIMAL = (
    "title: Fuzz\ncompany:\n  name: Fuzz Pictures Ltd\ncurrency: GBP\ntables:\n  {name}: {file}\n"
)

ODD = [
    "",
    " ",
    "\x0b",
    "a\x00b",
    "line\x0bbreak\x01",
    "\x1f\x7f\x85\u2028\ufffe",
    "1e308",
    "1e300",
    "9" * 30,
    "-" + "9" * 30,
    "NaN",
    "inf",
    "-0",
    "0000-00-00",
    "2027-02-30",
    "9999-12-31",
    "0001-01-01",
    "31/02/2026",
    "2027-03-01T25:00",
    "25:99",
    "£1,250.00",
    "€99",
    "=SUM(A1:A9)",
    "TBC",
    "1" * 5000,
]
text_cells = st.one_of(
    st.sampled_from(ODD),
    st.text(max_size=20),
    st.integers(-(10**40), 10**40).map(str),
    st.floats().map(repr),
)
xlsx_cells = st.one_of(
    text_cells.map(lambda t: CONTROL.sub("", t)),  # what a workbook can hold
    st.integers(-(10**15), 10**15),
    st.floats(allow_nan=False, allow_infinity=False),
    st.datetimes(min_value=datetime(1900, 3, 1), max_value=datetime(9999, 12, 31)),
    st.dates(min_value=date(1900, 3, 1)),
)


def demo_rows(name: str) -> list[list[str]]:
    with (DEMO / f"{name}.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.reader(f))[:5]


def mutate(rows: list[list[object]], edits: list[tuple[int, int, object]]) -> list[list[object]]:
    out = [list(r) for r in rows]
    for row, col, value in edits:
        target = out[1 + row % (len(out) - 1)]
        target[col % len(target)] = value
    return out


def assert_safe(folder: Path) -> None:
    """Read the production; every diagnostic is located and no text can crash a writer."""
    diagnostics = Diagnostics()
    production = read_production(folder, diagnostics)
    for d in diagnostics:
        assert d.pos is not None and d.pos.file, d
    if production is not None:
        for text in strings(production):
            assert not CONTROL.search(text), text


def strings(value: object) -> list[str]:
    """Every string anywhere in a model value."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, Path):
        return []
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [s for f in dataclasses.fields(value) for s in strings(getattr(value, f.name))]
    if isinstance(value, tuple | list | frozenset | set):
        return [s for v in value for s in strings(v)]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in (*strings(k), *strings(v))]
    return []


def one_table(tmp_path: Path, name: str, file: str) -> Path:
    folder = tmp_path / f"fuzz-{name}"
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir()
    (folder / "production.yaml").write_text(MINIMAL.format(name=name, file=file), "utf-8")
    return folder


@FUZZ
@given(
    name=st.sampled_from(sorted(TABLES)),
    edits=st.lists(st.tuples(st.integers(0, 9), st.integers(0, 40), text_cells), max_size=8),
)
def test_every_csv_table_reader_survives_hostile_cells(
    tmp_path: Path, name: str, edits: list[tuple[int, int, object]]
) -> None:
    """Demo rows with hostile cells, in each table: located diagnostics or success."""
    folder = one_table(tmp_path, name, f"{name}.csv")
    buf = io.StringIO()
    csv.writer(buf).writerows(mutate(demo_rows(name), edits))  # type: ignore[arg-type]
    (folder / f"{name}.csv").write_text(buf.getvalue(), encoding="utf-8")
    assert_safe(folder)


@FUZZ
@given(
    name=st.sampled_from(sorted(TABLES)),
    edits=st.lists(st.tuples(st.integers(0, 9), st.integers(0, 40), xlsx_cells), max_size=8),
)
def test_every_xlsx_table_reader_survives_hostile_cells(
    tmp_path: Path, name: str, edits: list[tuple[int, int, object]]
) -> None:
    """The same as a workbook, with Excel's own numbers, huge floats and dates of any year."""
    folder = one_table(tmp_path, name, f"{name}.xlsx")
    book = openpyxl.Workbook()
    for row in mutate(demo_rows(name), edits):  # type: ignore[arg-type]
        book.active.append(row)
    book.save(folder / f"{name}.xlsx")
    assert_safe(folder)


yaml_values = st.one_of(
    text_cells.map(lambda t: t.replace("\n", " ")),
    st.sampled_from(
        [
            "*a",
            "&a x",
            "!!binary aGVsbG8=",
            "!!set {a, b}",
            "!!omap [a: 1]",
            "!custom x",
            "[",
            "{a: [",
            ".nan",
            ".inf",
            "-.inf",
            "1.0e+300",
            "0x1F",
            "0o17",
            "1_000",
            "12:30:00",
            "~",
            "<<: {a: 1}",
            '"\\x01\\v\\0"',
            "'\x00'",
            "2027-02-30 25:61:00",
            "[" * 80 + "]" * 80,
        ]
    ),
)


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@pytest.mark.slow  # renders documents: over a second
@given(edits=st.lists(st.tuples(st.integers(0, 400), yaml_values), min_size=1, max_size=4))
def test_production_yaml_survives_hostile_values(
    tmp_path: Path, edits: list[tuple[int, str]]
) -> None:
    """The demo's production.yaml with hostile values on some 'key: value' lines."""
    folder = tmp_path / "fuzz-yaml"
    if not folder.exists():
        shutil.copytree(DEMO, folder)
    lines = (DEMO / "production.yaml").read_text(encoding="utf-8").split("\n")
    keyed = [
        i for i, line in enumerate(lines) if ": " in line and not line.lstrip().startswith("#")
    ]
    for pick, value in edits:
        i = keyed[pick % len(keyed)]
        key = lines[i].split(": ", 1)[0]
        lines[i] = f"{key}: {value}"
    (folder / "production.yaml").write_text("\n".join(lines), encoding="utf-8")
    assert_safe(folder)
