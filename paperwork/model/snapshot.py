"""What an issued call sheet said: the JSON snapshot written beside it, read back typed.

A re-issue of a day's call sheet is compared with the snapshot of its latest earlier issue
to list what changed (``paperwork.builders.call_sheet``); the pipeline reads the snapshots
from the output folder (``paperwork.readers.snapshots``), so the builder reads no files.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

SNAPSHOT_FORMAT = "paperwork call sheet 1"  # the snapshot's "format", checked when read back


@dataclass(frozen=True, slots=True)
class IssuedCallSheet:
    """One issued call sheet's snapshot: ``call-sheet_day03_2027-03-03_v1.json``."""

    day: int
    version: int
    facts: Mapping[str, object]  # section -> item -> field -> value; empty when it had none
