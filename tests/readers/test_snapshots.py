"""Issued call sheets' snapshots, read back from the output folder for a re-issue."""

from __future__ import annotations

import json
from pathlib import Path

from paperwork.errors import Diagnostics
from paperwork.model.snapshot import SNAPSHOT_FORMAT, IssuedCallSheet
from paperwork.readers.snapshots import read_issued_call_sheets


def _snapshot(folder: Path, name: str, facts: object, fmt: str = SNAPSHOT_FORMAT) -> None:
    data = {"format": fmt, "facts": facts}
    (folder / name).write_text(json.dumps(data), encoding="utf-8")


def test_the_asked_days_snapshots_under_either_name(tmp_path: Path) -> None:
    """Day 3's v1 (old name) and v2 (dated name) are read; day 4's is not asked for; another
    format and an unrelated file are passed over."""
    _snapshot(tmp_path, "call-sheet_day03_v1.json", {"Times": {}})
    _snapshot(tmp_path, "call-sheet_day03_2027-03-03_v2.json", {"Cast": {}})
    _snapshot(tmp_path, "call-sheet_day04_2027-03-04_v1.json", {})
    _snapshot(tmp_path, "call-sheet_day03_2027-03-03_v3.json", {}, fmt="something else")
    _snapshot(tmp_path, "call-sheet_day03_notes.json", {})
    d = Diagnostics()
    found = read_issued_call_sheets(tmp_path, [3], d)
    assert found == (
        IssuedCallSheet(3, 2, {"Cast": {}}),
        IssuedCallSheet(3, 1, {"Times": {}}),
    )
    assert list(d) == []


def test_an_unreadable_snapshot_is_a_warning_at_its_file(tmp_path: Path) -> None:
    """``bad-snapshot`` names the file; the day's other snapshots are still read."""
    (tmp_path / "call-sheet_day01_2027-03-01_v1.json").write_text("{not json", encoding="utf-8")
    _snapshot(tmp_path, "call-sheet_day01_2027-03-01_v2.json", [])
    d = Diagnostics()
    assert read_issued_call_sheets(tmp_path, [1], d) == (IssuedCallSheet(1, 2, {}),)
    assert [(x.severity, x.code, str(x.pos)) for x in d] == [
        ("warning", "bad-snapshot", "call-sheet_day01_2027-03-01_v1.json")
    ]


def test_no_folder_no_snapshots() -> None:
    """Nothing issued yet: an absent folder gives none, and no diagnostics."""
    d = Diagnostics()
    assert read_issued_call_sheets(Path("/nonexistent/out"), [1, 2], d) == ()
    assert list(d) == []
