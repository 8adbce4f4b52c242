"""The snapshots of call sheets already issued, read from the output folder.

``call-sheet_day03_2027-03-03_v1.json`` (or ``call-sheet_day03_v1.json``, as issued before
0.x) is day 3's call sheet at version 1. A file that cannot be read is reported
(``bad-snapshot``, a warning) and passed over; a JSON file of another format is ignored.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path

from paperwork.errors import Diagnostics
from paperwork.model.snapshot import SNAPSHOT_FORMAT, IssuedCallSheet
from paperwork.model.source import Pos


def read_issued_call_sheets(
    folder: Path | None, days: Iterable[int], diagnostics: Diagnostics
) -> tuple[IssuedCallSheet, ...]:
    """Every issued snapshot in ``folder`` of the shoot days ``days``, by day then file name."""
    if folder is None or not folder.is_dir():
        return ()
    out: list[IssuedCallSheet] = []
    for number in sorted(set(days)):
        for path in sorted(folder.glob(f"call-sheet_day{number:02d}_*.json")):
            m = re.fullmatch(
                rf"call-sheet_day{number:02d}_(?:\d{{4}}-\d\d-\d\d_)?v(\d+)\.json", path.name
            )
            if not m:
                continue
            try:
                data = json.loads(path.read_text("utf-8"))
            except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
                diagnostics.warning(
                    "bad-snapshot", f"cannot read {path.name}: {exc}", Pos(path.name)
                )
                continue
            if isinstance(data, dict) and data.get("format") == SNAPSHOT_FORMAT:
                facts = data.get("facts")
                out.append(
                    IssuedCallSheet(number, int(m[1]), facts if isinstance(facts, dict) else {})
                )
    return tuple(out)
