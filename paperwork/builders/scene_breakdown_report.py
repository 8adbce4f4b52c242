"""The script's breakdown as a report: every scene with its pages, cast and shoot day.

The scenes come from :func:`paperwork.planning.breakdown.build_breakdown` (handed over
in ``BuildOptions.breakdown``); when the production has a schedule they are matched to their
shoot days and locations, totals are given per day and per location, and the scenes no day
shoots are listed. Cast ids come from the cast table when there is one.

DOCX and PDF on A4 landscape, and the scenes as XLSX and CSV (eighths as a whole number
beside the written length, so a spreadsheet can add them up).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from paperwork.builders.base import (
    SHOOT_PLAN,
    BuildJob,
    BuiltDocument,
    DocumentKind,
    Sheet,
)
from paperwork.builders.format import day_date
from paperwork.builders.letterhead import Detail, natural_key
from paperwork.builders.reports import ReportContext, report_heading
from paperwork.model.breakdown import Breakdown, SceneBreakdown
from paperwork.model.call_sheets import CastMember
from paperwork.model.production import Production
from paperwork.planning import ShootPlan
from paperwork.planning.breakdown import format_eighths
from paperwork.planning.elements import scene_shoots
from paperwork.planning.shoot import cast_by_character, day_night, scene_key

NAME = "breakdown"
TEMPLATE = "breakdown"


@dataclass(frozen=True, slots=True)
class BreakdownRow:
    number: str
    int_ext: str
    set: str
    day_night: str
    page: str
    pages: str  # "1 3/8"
    characters: str
    cast: str  # cast ids, "1, 3"
    days: str  # "Day 3", "Day 7, 7 (part)", or "" when not scheduled
    location: str


@dataclass(frozen=True, slots=True)
class GroupTotal:
    label: str
    detail: str
    scenes: str
    pages: str


@dataclass(frozen=True, slots=True)
class BreakdownContext(ReportContext):
    summary: tuple[Detail, ...]
    scenes: tuple[BreakdownRow, ...]
    by_day: tuple[GroupTotal, ...]
    by_location: tuple[GroupTotal, ...]
    unscheduled: tuple[str, ...]


def _cast_ids(by_character: Mapping[str, CastMember], scene: SceneBreakdown) -> str:
    ids = []
    for character in scene.characters:
        member = by_character.get(character.upper())
        if member is not None and member.id not in ids:
            ids.append(member.id)
    return ", ".join(sorted(ids, key=natural_key))


def rows_of(
    production: Production, breakdown: Breakdown, the_plan: ShootPlan | None
) -> tuple[BreakdownRow, ...]:
    shoots = scene_shoots(the_plan)
    by_character = cast_by_character(production.cast)
    rows = []
    for s in breakdown.scenes:
        where = shoots.get(scene_key(s.number), ())
        days = list(dict.fromkeys(t.day for t in where))
        rows.append(
            BreakdownRow(
                number=s.number,
                int_ext=s.int_ext,
                set=s.set,
                day_night=day_night(s.time_of_day),
                page=s.page,
                pages=format_eighths(s.eighths),
                characters=", ".join(c.title() for c in s.characters),
                cast=_cast_ids(by_character, s),
                days=", ".join(f"Day {n}" for n in days),
                location=", ".join(dict.fromkeys(t.location for t in where if t.location)),
            )
        )
    return tuple(rows)


def breakdown_sheet(
    production: Production, breakdown: Breakdown, the_plan: ShootPlan | None
) -> Sheet:
    rows = rows_of(production, breakdown, the_plan)
    header = (
        "Scene",
        "Heading",
        "INT/EXT",
        "Set",
        "Time of day",
        "Page",
        "Eighths",
        "Length",
        "Characters",
        "Cast",
        "Shoot days",
        "Location",
    )
    return Sheet(
        "Breakdown",
        header,
        tuple(
            (
                s.number,
                s.heading,
                s.int_ext,
                s.set,
                s.time_of_day,
                s.page,
                s.eighths,
                r.pages,
                "; ".join(s.characters),
                r.cast,
                r.days,
                r.location,
            )
            for s, r in zip(breakdown.scenes, rows, strict=True)
        ),
    )


def build(job: BuildJob) -> tuple[BuiltDocument, ...]:
    """The script's breakdown report, one document."""
    production = job.production
    breakdown = job.script_breakdown(
        "the breakdown is made from the script: name it under 'script:'"
    )
    if breakdown is None:
        return ()
    the_plan = job.plan_if_scheduled()
    rows = rows_of(production, breakdown, the_plan)
    by_day: list[GroupTotal] = []
    by_location: dict[str, list[int]] = {}
    if the_plan is not None:
        for pd in the_plan.days:
            by_day.append(
                GroupTotal(
                    f"Day {pd.day.number}",
                    day_date(pd.day.date),
                    str(len(pd.scenes)),
                    format_eighths(pd.eighths),
                )
            )
            for ps in pd.scenes:
                name = ps.location.name if ps.location else "No location"
                by_location.setdefault(name, []).append(ps.eighths)
    unscheduled = the_plan.unscheduled if the_plan is not None else ()
    summary = [
        Detail("Scenes", str(len(breakdown.scenes))),
        Detail("Script pages", str(breakdown.pages)),
        Detail("Scene lengths added up", f"{format_eighths(breakdown.eighths)} pages"),
    ]
    if the_plan is not None:
        summary.append(Detail("Shoot days", str(len(the_plan.days))))
        summary.append(Detail("Scenes not scheduled", str(len(unscheduled))))
    title = f"{production.title}: script breakdown"
    context = BreakdownContext(
        **report_heading(production, title, job.today),
        summary=tuple(summary),
        scenes=rows,
        by_day=tuple(by_day),
        by_location=tuple(
            GroupTotal(name, "", str(len(lengths)), format_eighths(sum(lengths)))
            for name, lengths in by_location.items()
        ),
        unscheduled=tuple(
            f"{s.number} {s.heading} ({format_eighths(s.eighths)})" for s in unscheduled
        ),
    )
    sheet = breakdown_sheet(production, breakdown, the_plan)
    return (KIND.dated_document(job, context, title=title, sheets=(sheet,)),)


KIND = DocumentKind(
    name=NAME,
    contexts={TEMPLATE: BreakdownContext},
    inputs=("script",),
    uses=(SHOOT_PLAN,),  # the schedule's days, when there is one
    formats=("docx", "pdf", "xlsx", "csv"),
    build=build,
)
