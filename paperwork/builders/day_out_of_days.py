"""Day out of days: the cast against the shoot days, each cell SW, W, H, WF or SWF.

Computed from the same plan as the call sheets (:func:`paperwork.builders.call_sheet.plan`):
a cast member works on a day when a character they play is on set in one of its scenes
(voice-only speakers do not count), the schedule adds them to a scene, or the calls table
calls them that day. SW is the first day worked, WF the last, SWF a single day, W a day
worked between them and H a day between them not worked (a hold). Totals per person: days
worked, days held, the two together, and the start and finish dates; per day: cast working.

DOCX and PDF on A4 landscape, and the grid as XLSX and CSV.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from paperwork.builders.base import BuildOptions, BuiltDocument, Sheet, slug
from paperwork.builders.call_sheet import Plan, plan
from paperwork.builders.format import day_date, short_date
from paperwork.builders.letterhead import (
    ContextMapping,
    Detail,
    Letterhead,
    letterhead,
    logo_path,
)
from paperwork.errors import Diagnostics
from paperwork.model.production import Production

NAME = "day-out-of-days"
TEMPLATE = "day_out_of_days"
INPUTS = ("schedule", "cast", "script")

LEGEND = (
    Detail("SW", "start work: first day worked"),
    Detail("W", "work"),
    Detail("H", "hold: between work days, not working"),
    Detail("WF", "work finish: last day worked"),
    Detail("SWF", "start and finish on the same day"),
)
_DAYS = "Mon Tue Wed Thu Fri Sat Sun".split()
BLOCK_DAYS = 14  # day columns in one grid: longer schedules continue in a second grid


@dataclass(frozen=True, slots=True)
class DoodDay:
    number: str
    weekday: str  # "Mon"
    date: str  # "1/3"
    working: str  # cast working that day


@dataclass(frozen=True, slots=True)
class DoodRow:
    id: str
    artist: str
    character: str
    cells: tuple[str, ...]
    slots: tuple[str, ...]  # the cells padded with "" to BLOCK_DAYS (the DOCX grid)
    work: str
    hold: str
    total: str
    start: str
    finish: str


@dataclass(frozen=True, slots=True)
class DoodBlock:
    """Up to BLOCK_DAYS shoot days as one grid, with every working cast member's row."""

    title: str  # "Days 1 to 10"
    days: tuple[DoodDay, ...]
    slots: tuple[DoodDay, ...]  # the days padded with blank ones to BLOCK_DAYS (DOCX grid)
    rows: tuple[DoodRow, ...]


@dataclass(frozen=True, slots=True)
class DoodContext(ContextMapping):
    document_title: str
    letterhead: Letterhead
    logo: str
    footer_note: str
    production_title: str
    as_at: str
    span: str  # "Mon 1 Mar 2027 to Fri 12 Mar 2027 · 10 shoot days"
    blocks: tuple[DoodBlock, ...]
    legend: tuple[Detail, ...]
    not_working: tuple[str, ...]  # cast with no work day


def rows_of(the_plan: Plan) -> tuple[DoodRow, ...]:
    """One row per cast member who works at least one day, in cast-id order."""
    by_id = {m.id: m for m in the_plan.cast}
    out = []
    for cid, cells in the_plan.statuses:
        worked = [i for i, c in enumerate(cells) if c in ("SW", "W", "WF", "SWF")]
        if not worked:
            continue
        member = by_id[cid]
        work = len(worked)
        hold = sum(1 for c in cells if c == "H")
        out.append(
            DoodRow(
                id=cid,
                artist=member.artist or "TBC",
                character=" / ".join(c.title() for c in member.characters),
                cells=cells,
                slots=cells,
                work=str(work),
                hold=str(hold),
                total=str(work + hold),
                start=short_date(the_plan.days[worked[0]].day.date),
                finish=short_date(the_plan.days[worked[-1]].day.date),
            )
        )
    return tuple(out)


def blocks_of(the_plan: Plan) -> tuple[DoodBlock, ...]:
    """The grid cut into blocks of BLOCK_DAYS days, each padded for a fixed DOCX grid."""
    rows = rows_of(the_plan)
    days = tuple(
        DoodDay(
            number=str(d.day.number),
            weekday=_DAYS[d.day.date.weekday()],
            date=f"{d.day.date.day}/{d.day.date.month}",
            working=str(len(d.cast)),
        )
        for d in the_plan.days
    )
    blank = DoodDay("", "", "", "")
    out = []
    for start in range(0, len(days), BLOCK_DAYS):
        part = days[start : start + BLOCK_DAYS]
        pad = BLOCK_DAYS - len(part)
        out.append(
            DoodBlock(
                title=f"Days {part[0].number} to {part[-1].number}",
                days=part,
                slots=part + (blank,) * pad,
                rows=tuple(
                    replace(
                        r,
                        cells=r.cells[start : start + BLOCK_DAYS],
                        slots=r.cells[start : start + BLOCK_DAYS] + ("",) * pad,
                    )
                    for r in rows
                ),
            )
        )
    return tuple(out)


def _sheet_row(r: DoodRow) -> tuple[str | int | float, ...]:
    counts: tuple[str | int | float, ...] = (int(r.work), int(r.hold), int(r.total))
    return (r.id, r.artist, r.character, *r.cells, *counts, r.start, r.finish)


def dood_sheet(the_plan: Plan) -> Sheet:
    """The grid for XLSX/CSV: one column per shoot day, headed ``Day 3 (Wed 03/03)``."""
    header = (
        "ID",
        "Artist",
        "Character",
        *(
            f"Day {d.day.number} ({_DAYS[d.day.date.weekday()]} {d.day.date:%d/%m})"
            for d in the_plan.days
        ),
        "Work",
        "Hold",
        "Total",
        "Start",
        "Finish",
    )
    rows = tuple(_sheet_row(r) for r in rows_of(the_plan))
    return Sheet("Day out of days", header, rows)


def build(
    production: Production,
    *,
    today: date,
    diagnostics: Diagnostics,
    options: BuildOptions,
) -> tuple[BuiltDocument, ...]:
    """The production's day out of days, one document."""
    breakdown = options.breakdown
    screenplay = options.screenplay
    if breakdown is None:
        diagnostics.error(
            "no-script-breakdown",
            "the day out of days is built from the script: name it under 'script:'",
            production.manifest,
        )
        return ()
    the_plan = plan(production, breakdown, screenplay)
    if not the_plan.days:
        return ()
    blocks = blocks_of(the_plan)
    working = {r.id for r in rows_of(the_plan)}
    first, last = the_plan.days[0].day.date, the_plan.days[-1].day.date
    head = letterhead(production)
    context = DoodContext(
        document_title=f"{production.title}: day out of days",
        letterhead=head,
        logo=logo_path(production),
        footer_note=" · ".join(
            p for p in (f"{production.title}: day out of days", head.company) if p
        ),
        production_title=production.title,
        as_at=day_date(today),
        span=f"{day_date(first)} to {day_date(last)} · {len(the_plan.days)} shoot days",
        blocks=blocks,
        legend=LEGEND,
        not_working=tuple(
            f"{m.id} {m.artist or 'TBC'} ({' / '.join(c.title() for c in m.characters)})"
            for m in the_plan.cast
            if m.id not in working
        ),
    )
    return (
        BuiltDocument(
            kind=NAME,
            template=TEMPLATE,
            stem=f"{slug(production.title)}_day-out-of-days_{today.isoformat()}",
            title=f"{production.title}: day out of days",
            context=context,
            sheets=(dood_sheet(the_plan),),
            formats=("docx", "pdf", "xlsx", "csv"),
        ),
    )
