"""Day out of days: the cast against the shoot days, each cell SW, W, H, WF, SWF or T.

Computed from the same plan as the call sheets (:class:`paperwork.planning.ShootPlan`):
a cast member works on a day when a character they play is on set in one of its scenes
(voice-only speakers do not count), the schedule adds them to a scene, or the calls table
calls them that day. SW is the first day worked, WF the last, SWF a single day, W a day
worked between them and H a day between them not worked (a hold). Totals per person: days
worked, days held, the two together, and the start and finish dates; per day: cast working.

Travel days (T): when the manifest's ``travel:`` gives a departure and a return date, a cast
member marked ``travel: yes`` in the cast table travels out on the one and back on the other.
Each of those dates that is not a shoot day gets its own column (headed T, in date order);
on a shoot day it replaces a hold or a blank, never a work day. Travel days count in the
total (work + hold + travel), and the XLSX/CSV grid has a Travel column.

DOCX and PDF on A4 landscape, and the grid as XLSX and CSV.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from paperwork.builders.base import (
    SHOOT_PLAN,
    BuildJob,
    BuiltDocument,
    DocumentKind,
    Sheet,
)
from paperwork.builders.format import day_date, short_date
from paperwork.builders.letterhead import Detail
from paperwork.builders.reports import ReportContext, report_heading
from paperwork.model.production import Production
from paperwork.planning import ShootPlan

NAME = "day-out-of-days"

LEGEND = (
    Detail("SW", "start work: first day worked"),
    Detail("W", "work"),
    Detail("H", "hold: between work days, not working"),
    Detail("WF", "work finish: last day worked"),
    Detail("SWF", "start and finish on the same day"),
)
_DAYS = "Mon Tue Wed Thu Fri Sat Sun".split()
BLOCK_DAYS = 14  # day columns in one grid: longer schedules continue in a second grid
NEEDS_SCRIPT = "the day out of days is built from the script: name it under 'script:'"


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
    travel: str = "0"  # travel days (T), counted in the total


@dataclass(frozen=True, slots=True)
class DoodBlock:
    """Up to BLOCK_DAYS shoot days as one grid, with every working cast member's row."""

    title: str  # "Days 1 to 10"
    days: tuple[DoodDay, ...]
    slots: tuple[DoodDay, ...]  # the days padded with blank ones to BLOCK_DAYS (DOCX grid)
    rows: tuple[DoodRow, ...]


@dataclass(frozen=True, slots=True)
class DoodContext(ReportContext):
    span: str  # "Mon 1 Mar 2027 to Fri 12 Mar 2027 · 10 shoot days"
    blocks: tuple[DoodBlock, ...]
    legend: tuple[Detail, ...]
    not_working: tuple[str, ...]  # cast with no work day


WORK = ("SW", "W", "WF", "SWF")
TRAVEL = Detail("T", "travel day, out or back (counted in the total)")


@dataclass(frozen=True, slots=True)
class Column:
    """A column of the grid: a shoot day (``shoot`` indexes the plan's days), or a travel
    day that is not a shoot day (``shoot`` None); ``travel`` when it is a travel date."""

    date: date
    shoot: int | None
    travel: bool


def columns_of(the_plan: ShootPlan, travel_dates: Sequence[date] = ()) -> tuple[Column, ...]:
    """The shoot days and, in date order among them, each travel date that is not one."""
    shoot_dates = {d.day.date for d in the_plan.days}
    wanted = set(travel_dates)
    cols = [Column(d.day.date, i, d.day.date in wanted) for i, d in enumerate(the_plan.days)]
    cols += [Column(t, None, True) for t in sorted(wanted - shoot_dates)]
    return tuple(sorted(cols, key=lambda c: (c.date, c.shoot is None, c.shoot or 0)))


def travellers(the_plan: ShootPlan, window: tuple[date, date] | None) -> frozenset[str]:
    """Cast marked as travelling (the cast table's ``travel`` column) who work a shoot day:
    they travel out on the ``travel:`` departure and back on its return date."""
    if window is None:
        return frozenset()
    flagged = {m.id for m in the_plan.cast if m.travels}
    return frozenset(
        cid for cid, cells in the_plan.statuses if cid in flagged and any(c in WORK for c in cells)
    )


def rows_of(
    the_plan: ShootPlan,
    columns: Sequence[Column] | None = None,
    travelling: frozenset[str] = frozenset(),
) -> tuple[DoodRow, ...]:
    """One row per cast member who works at least one day, in cast-id order.

    With travel columns, a travelling cast member's cell on a travel date is T (unless they
    work that day); the total counts work, hold and travel days.
    """
    cols = columns if columns is not None else columns_of(the_plan)
    by_id = {m.id: m for m in the_plan.cast}
    out = []
    for cid, shoot_cells in the_plan.statuses:
        worked = [i for i, c in enumerate(shoot_cells) if c in WORK]
        if not worked:
            continue
        cells = tuple(_cell(col, shoot_cells, cid in travelling) for col in cols)
        member = by_id[cid]
        work = len(worked)
        hold = sum(1 for c in cells if c == "H")
        travel = sum(1 for c in cells if c == "T")
        out.append(
            DoodRow(
                id=cid,
                artist=member.artist or "TBC",
                character=" / ".join(c.title() for c in member.characters),
                cells=cells,
                slots=cells,
                work=str(work),
                hold=str(hold),
                total=str(work + hold + travel),
                start=short_date(the_plan.days[worked[0]].day.date),
                finish=short_date(the_plan.days[worked[-1]].day.date),
                travel=str(travel),
            )
        )
    return tuple(out)


def _cell(col: Column, shoot_cells: Sequence[str], travels: bool) -> str:
    code = shoot_cells[col.shoot] if col.shoot is not None else ""
    if col.travel and travels and code not in WORK:
        return "T"
    return code


def blocks_of(
    the_plan: ShootPlan,
    columns: Sequence[Column] | None = None,
    travelling: frozenset[str] = frozenset(),
) -> tuple[DoodBlock, ...]:
    """The grid cut into blocks of BLOCK_DAYS columns, each padded for a fixed DOCX grid."""
    cols = tuple(columns if columns is not None else columns_of(the_plan))
    rows = rows_of(the_plan, cols, travelling)
    days = tuple(_day(k, c, the_plan, rows) for k, c in enumerate(cols))
    blank = DoodDay("", "", "", "")
    out = []
    for start in range(0, len(days), BLOCK_DAYS):
        part = days[start : start + BLOCK_DAYS]
        numbers = [d.number for d in part if d.number != "T"] or ["T"]
        pad = BLOCK_DAYS - len(part)
        out.append(
            DoodBlock(
                title=f"Days {numbers[0]} to {numbers[-1]}",
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


def _day(k: int, col: Column, the_plan: ShootPlan, rows: Sequence[DoodRow]) -> DoodDay:
    """The ``k``-th column's head: shoot day number (or T), weekday, date, cast on it."""
    when = f"{col.date.day}/{col.date.month}"
    if col.shoot is None:
        travelling = sum(1 for r in rows if r.cells[k] == "T")
        return DoodDay("T", _DAYS[col.date.weekday()], when, str(travelling))
    d = the_plan.days[col.shoot]
    return DoodDay(str(d.day.number), _DAYS[col.date.weekday()], when, str(len(d.cast)))


def _sheet_row(r: DoodRow) -> tuple[str | int | float, ...]:
    counts: tuple[str | int | float, ...] = (int(r.work), int(r.hold), int(r.travel), int(r.total))
    return (r.id, r.artist, r.character, *r.cells, *counts, r.start, r.finish)


def dood_sheet(
    the_plan: ShootPlan,
    columns: Sequence[Column] | None = None,
    travelling: frozenset[str] = frozenset(),
) -> Sheet:
    """The grid for XLSX/CSV: a column per shoot day, headed ``Day 3 (Wed 03/03)``, and per
    travel day that is not one, ``Travel (Sun 07/03)``."""
    cols = tuple(columns if columns is not None else columns_of(the_plan))
    header = (
        "ID",
        "Artist",
        "Character",
        *(
            f"Day {the_plan.days[c.shoot].day.number} ({_DAYS[c.date.weekday()]} {c.date:%d/%m})"
            if c.shoot is not None
            else f"Travel ({_DAYS[c.date.weekday()]} {c.date:%d/%m})"
            for c in cols
        ),
        "Work",
        "Hold",
        "Travel",
        "Total",
        "Start",
        "Finish",
    )
    rows = tuple(_sheet_row(r) for r in rows_of(the_plan, cols, travelling))
    return Sheet("Day out of days", header, rows)


def build(job: BuildJob) -> tuple[BuiltDocument, ...]:
    """The production's day out of days, one document."""
    production = job.production
    if job.script_breakdown(NEEDS_SCRIPT) is None:
        return ()  # who works when comes from the script's scenes
    the_plan = job.plan()
    if not the_plan.days:
        return ()
    window = _travel_window(production)
    travelling = travellers(the_plan, window)
    columns = columns_of(the_plan, window if travelling and window else ())
    blocks = blocks_of(the_plan, columns, travelling)
    working = {r.id for r in rows_of(the_plan, columns, travelling)}
    first, last = the_plan.days[0].day.date, the_plan.days[-1].day.date
    title = f"{production.title}: day out of days"
    context = DoodContext(
        **report_heading(production, title, job.today),
        span=f"{day_date(first)} to {day_date(last)} · {len(the_plan.days)} shoot days",
        blocks=blocks,
        legend=(*LEGEND, TRAVEL) if travelling else LEGEND,
        not_working=tuple(
            f"{m.id} {m.artist or 'TBC'} ({' / '.join(c.title() for c in m.characters)})"
            for m in the_plan.cast
            if m.id not in working
        ),
    )
    sheet = dood_sheet(the_plan, columns, travelling)
    return (KIND.dated_document(job, context, title=title, sheets=(sheet,)),)


def _travel_window(production: Production) -> tuple[date, date] | None:
    """The carnet's ``travel:`` departure and return dates, when both are given."""
    travel = production.travel
    if travel is None or travel.departure is None or travel.return_date is None:
        return None
    return travel.departure, travel.return_date


KIND = DocumentKind(
    name=NAME,
    contexts={"day_out_of_days": DoodContext},
    inputs=("schedule", "cast", "script"),
    uses=(SHOOT_PLAN,),
    formats=("docx", "pdf", "xlsx", "csv"),
    build=build,
)
