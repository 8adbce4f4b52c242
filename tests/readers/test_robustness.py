"""No user file, however broken, ends in a traceback: readers report and carry on."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from paperwork.errors import Diagnostics
from paperwork.readers.production import read_production
from paperwork.readers.tables import read_table

DEMO = Path(__file__).resolve().parent.parent.parent / "fixtures" / "demo"
TABLES = (
    "clearances",
    "crew",
    "kit",
    "schedule",
    "cast",
    "locations",
    "calls",
    "supporting_artists",
    "elements",
)

cells = st.one_of(
    st.text(max_size=12),
    st.sampled_from(
        ["", "TBC", "-5", "0", "£1,250.00", "31/02/2026", "25:99", "n/a", "yes", "6", "10+1"]
    ),
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.binary(max_size=400))
def test_any_bytes_as_a_csv_never_raise(tmp_path: Path, data: bytes) -> None:
    """Arbitrary bytes in a .csv give a table or located diagnostics, never an exception."""
    path = tmp_path / "t.csv"
    path.write_bytes(data)
    diagnostics = Diagnostics()
    table = read_table(path, "clearances", "t.csv", diagnostics)
    assert table is not None or diagnostics.has_errors  # no table: said why
    for d in diagnostics:  # every problem names its place in the file
        assert d.pos is not None and d.pos.file == "t.csv", d


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    table=st.sampled_from(TABLES),
    row=st.integers(0, 3),
    values=st.lists(cells, min_size=40, max_size=40),
)
@pytest.mark.slow  # renders documents: over a second
def test_garbage_in_any_demo_table_is_reported_not_raised(
    tmp_path: Path, table: str, row: int, values: list[str]
) -> None:
    """Replacing a demo row's cells with garbage gives diagnostics, never an exception."""
    folder = tmp_path / "show"
    if not folder.exists():
        shutil.copytree(DEMO, folder)
    path = folder / f"{table}.csv"
    original = path.read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(original)))
    target = min(row + 1, len(rows) - 1)
    rows[target] = values[: len(rows[0])]
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    diagnostics = Diagnostics()
    try:
        production = read_production(folder, diagnostics)
    finally:
        path.write_text(original, encoding="utf-8")
    assert production is not None  # one bad row never costs the whole production
    for d in diagnostics:  # every problem in the edited table is located at its row...
        if d.pos is not None and d.pos.file == f"{table}.csv":
            whole_file = d.code in {"table-unreadable", "table-empty"}  # ...or is the file's
            assert whole_file or d.pos.line >= 1, d
