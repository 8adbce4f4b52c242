"""A re-issued call sheet against the snapshots of its earlier issues: which revision it
supersedes and what changed, one line each, with the problems of its version number.

The facts compared are ``section -> item -> field -> value`` (the call sheet makes them from
its context); the snapshots are read by the pipeline, so nothing here reads a file.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from paperwork.errors import Diagnostics
from paperwork.model.call_sheets import ShootDay
from paperwork.model.snapshot import IssuedCallSheet
from paperwork.model.source import Pos


def call_sheet_stem(day: ShootDay, version: int) -> str:
    """The file stem of a day's call sheet at a revision, its snapshot's too (``.json``):
    ``call-sheet_day03_2027-03-03_v2``."""
    return f"call-sheet_day{day.number:02d}_{day.date.isoformat()}_v{version}"


@dataclass(frozen=True, slots=True)
class Reissue:
    """What a call sheet says about the issue it replaces (nothing for a first issue)."""

    supersedes: str  # "Supersedes Rev 1", or ""
    changes: tuple[str, ...]
    previous_version: int | None  # the snapshot's "supersedes"


def reissue(
    issued: Sequence[IssuedCallSheet],
    day: ShootDay,
    version: int,
    facts: Mapping[str, object],
    d: Diagnostics,
) -> Reissue:
    """Compare ``facts`` with the latest earlier issue of ``day``; report a version that does
    not go up (``version-not-increasing``), a re-issue that changes nothing
    (``reissue-without-changes``) and a missing earlier snapshot (``no-previous-issue``)."""
    pos = day.at("day")
    previous, previous_version, same = _previous_issue(issued, day, version, d, pos)
    if same is not None and same != facts:
        d.error(
            "version-not-increasing",
            f"Rev {version} of day {day.number}'s call sheet was already issued and this one "
            f"differs from it: issue it as Rev {version + 1}",
            pos,
        )
    if previous is not None and previous_version is not None:
        changes = changes_between(previous, facts)
        if not changes:
            changes = (f"Nothing has changed since Rev {previous_version}.",)
            d.warning(
                "reissue-without-changes",
                f"Rev {version} of day {day.number}'s call sheet says nothing that Rev "
                f"{previous_version} did not: there is no need to re-issue it",
                pos,
            )
        return Reissue(f"Supersedes Rev {previous_version}", changes, previous_version)
    if version > 1:
        d.warning(
            "no-previous-issue",
            f"no snapshot of an earlier issue of day {day.number}'s call sheet "
            f"({call_sheet_stem(day, version - 1)}.json) in the output folder: "
            "the changes cannot be listed",
            pos,
        )
        return Reissue(
            f"Supersedes Rev {version - 1}",
            (f"Rev {version - 1} was not found, so the changes are not listed.",),
            None,
        )
    return Reissue("", (), None)


def changes_between(old: Mapping[str, object], new: Mapping[str, object]) -> tuple[str, ...]:
    """What changed from one issue's facts to the next, one line each, in section order."""
    out = []
    for section in new:
        before = old.get(section) if isinstance(old.get(section), dict) else {}
        after = new[section]
        assert isinstance(before, dict) and isinstance(after, dict)
        for item in before:
            if item not in after:
                out.append(f"{item}: removed")
        for item, fields in after.items():
            if item not in before:
                out.append(f"{item}: added")
                continue
            was = before[item] if isinstance(before[item], dict) else {}
            for name, value in fields.items():
                if was.get(name, "") != value:
                    out.append(f"{item}: {name} {was.get(name) or '—'} → {value or '—'}")
    return tuple(out)


def _previous_issue(
    issued: Sequence[IssuedCallSheet], day: ShootDay, version: int, d: Diagnostics, pos: Pos
) -> tuple[Mapping[str, object] | None, int | None, Mapping[str, object] | None]:
    """The latest earlier version's facts, its number, and any same-version facts."""
    found: dict[int, Mapping[str, object]] = {}
    for sheet in issued:
        if sheet.day == day.number:
            found[sheet.version] = sheet.facts
    higher = sorted(v for v in found if v > version)
    if higher:
        d.error(
            "version-not-increasing",
            f"day {day.number}'s call sheet was already issued as Rev {higher[-1]}; a re-issue "
            f"must be Rev {higher[-1] + 1} or more (got Rev {version})",
            pos,
        )
    earlier = sorted(v for v in found if v < version)
    if not earlier:
        return None, None, found.get(version)
    return found[earlier[-1]], earlier[-1], found.get(version)
