"""Sides: for each shoot day, the pages of the formatted script that hold the day's scenes.

Made from the paginated script the pipeline hands over (``BuildOptions.paginated``: the same
lines, breaks, page numbers, A-pages, scene numbers and revision marks as the formatted
script; builders never paginate), and the shoot plan's days. Each day gives one document,
``sides_day03_2027-03-03``: a cover (production, "Sides", Day N of M, date, unit call and the
call sheet's scene list: scene, set, D/N, pages, cast numbers), then the pages.

Order: the pages follow the shooting order. A page holding two of the day's scenes appears
once, where the first of them (in shooting order) falls; a scene shot in parts, or on two
days, brings its pages each time its day shoots it, once per day. On each page the day's
scenes print as in the script; every other line (another day's scene, or the top of the
script before the first scene) is greyed and struck through block by block, as a 2nd AD
marks sides by hand.

Layouts: ``full`` (one script page per sheet) or ``half`` (two half-size pages side by side
on A4 landscape: the pocket sides), from ``--sides-layout``, else the manifest's
``call_sheets: sides_layout:``, else full. The PDF is drawn by the script renderer with a
hook that strikes lines; the DOCX carries the same pages at full size (Word cannot scale a
page), struck-through lines in grey.

Diagnostics: ``sides-no-script`` (error: the sides are the script's pages),
``sides-scene-not-in-script`` (warning at the schedule's scene cell: no pages for it),
``sides-day-without-scenes`` (warning at the day's row: no sides that day), ``no-such-day``
(error: ``--day`` names no shoot day).
"""

from __future__ import annotations

from dataclasses import dataclass

from paperwork.builders.base import (
    SCRIPT,
    SCRIPT_PAGES,
    SHOOT_PLAN,
    BuildJob,
    BuildOptions,
    BuiltDocument,
    DocumentKind,
)
from paperwork.errors import Diagnostics
from paperwork.format import clock, day_date
from paperwork.model.call_sheets import CallSheetSettings
from paperwork.model.document import ContextMapping
from paperwork.model.pages import Page, PaginatedScript, SceneSpan
from paperwork.model.sides import SIDES_LAYOUTS, SidesLayout, SidesPage, SidesPages
from paperwork.planning.breakdown import format_eighths
from paperwork.planning.shoot import PlannedDay, PlannedScene, day_night

NAME = "sides"
TEMPLATE = "sides"  # the cover; the pages are drawn by the script renderers


@dataclass(frozen=True, slots=True)
class SceneLine:
    """A row of the cover's scene list, as on the call sheet."""

    number: str
    set: str  # "INT. HARBOUR FLAT"
    day_night: str
    pages: str  # "1 3/8"
    cast: str  # "1, 3, 4"
    script_pages: str  # where it is in the sides: "21-22"
    notes: str  # the schedule row's notes ("Part: lobby and room seven")


@dataclass(frozen=True, slots=True)
class SidesContext(ContextMapping):
    """The cover's fields (display-ready) and the marked pages the renderers draw."""

    document_title: str
    footer_note: str
    company: str
    production_title: str
    day_of: str  # "Day 3 of 10"
    date: str  # "Wed 3 Mar 2027"
    unit: str
    unit_call: str  # "06:00", or ""
    shooting_call: str
    scenes: tuple[SceneLine, ...]
    scene_count: str  # "4 scenes"
    total_pages: str  # "4 3/8 pages"
    page_list: str  # "Script pages 1, 21, 22 (in shooting order)"
    layout_note: str  # "Full-size pages" / "Half-size pages, two to a sheet"
    missing: tuple[str, ...]  # "Sc. 99 is not in the script: no pages"
    pocket: bool  # the cover a half-size page on the left of an A4 landscape sheet, as the
    # half-size script pages are
    sides: SidesPages


def _layout(options: BuildOptions, settings: CallSheetSettings | None) -> SidesLayout:
    chosen = options.sides_layout or (settings.sides_layout if settings else "") or "full"
    for known in SIDES_LAYOUTS:
        if chosen == known:
            return known
    return "full"


def _pages_text(eighths: int) -> str:
    return f"{format_eighths(eighths)} {'page' if 0 < eighths <= 8 else 'pages'}"


def _in_span(span: SceneSpan, page: int, row: int) -> bool:
    return (span.start_page, span.start_row) <= (page, row) < (span.end_page, span.end_row)


def _page_range(numbers: list[str]) -> str:
    if not numbers:
        return ""
    return numbers[0] if len(numbers) == 1 else f"{numbers[0]}-{numbers[-1]}"


def _scene_line(ps: PlannedScene, where: str) -> SceneLine:
    s = ps.scene
    cast = ", ".join(m.id for m in ps.cast)
    if ps.voices:
        cast = f"{cast} (V.O. {', '.join(m.id for m in ps.voices)})".strip()
    pages = ""
    if s is not None:
        pages = format_eighths(ps.eighths)
        if ps.scheduled.eighths is not None and ps.scheduled.eighths != s.eighths:
            pages = f"{pages} of {format_eighths(s.eighths)}"
    heading = " ".join(
        p for p in ((s.int_ext + ".") if s and s.int_ext else "", s.set if s else "")
    )
    return SceneLine(
        number=ps.scheduled.number,
        set=heading.strip() or "(not in the script)",
        day_night=day_night(s.time_of_day) if s else "",
        pages=pages,
        cast=cast,
        script_pages=where,
        notes=ps.scheduled.notes,
    )


def day_pages(
    pd: PlannedDay, script: PaginatedScript, diagnostics: Diagnostics
) -> tuple[tuple[SidesPage, ...], dict[str, str]]:
    """The day's marked pages in shooting order, and where each scene's pages are printed.

    A scheduled scene the script does not have is reported (``sides-scene-not-in-script``) at
    its schedule cell.
    """
    spans: dict[str, list[SceneSpan]] = {}
    for span in script.scenes:
        spans.setdefault(span.number.upper(), []).append(span)
    order: list[int] = []
    holds: dict[int, list[str]] = {}
    wanted: list[SceneSpan] = []
    where: dict[str, str] = {}
    for ps in pd.scenes:
        number = ps.scheduled.number
        found = spans.get(number.upper(), [])
        if not found:
            diagnostics.warning(
                "sides-scene-not-in-script",
                f"day {pd.day.number}'s scene {number} is not in the script: the sides have no "
                "page for it (is the number as in the script?)",
                ps.scheduled.pos,
            )
            continue
        printed: list[str] = []
        for span in found:
            if span not in wanted:
                wanted.append(span)
            last = min(span.end_page, len(script.pages) - 1)
            if span.end_row == 0 and span.end_page > span.start_page:
                last = span.end_page - 1
            for index in range(span.start_page, last + 1):
                printed.append(script.pages[index].number)
                if index not in holds:
                    order.append(index)
                    holds[index] = []
                if number not in holds[index]:
                    holds[index].append(number)
        where.setdefault(number, _page_range(printed))
    out = []
    for index in order:
        page: Page = script.pages[index]
        struck = frozenset(
            i
            for i, line in enumerate(page.lines)
            if not any(_in_span(span, index, line.row) for span in wanted)
        )
        out.append(SidesPage(page, index, struck, tuple(holds[index])))
    return tuple(out), where


def build(job: BuildJob) -> tuple[BuiltDocument, ...]:
    """One sides document per shoot day (or only ``options.day``), DOCX and PDF."""
    production, d, options = job.production, job.diagnostics, job.options
    script, breakdown = options.paginated, options.breakdown
    if script is None or breakdown is None:
        d.error(
            "sides-no-script",
            "sides are the script's pages: name the script under 'script:' in production.yaml",
            production.manifest,
        )
        return ()
    settings = production.call_sheets
    the_plan = job.plan()
    days = job.chosen_days(the_plan)
    if days is None:
        return ()
    sheet = _layout(options, settings)
    out = []
    for pd in days:
        day = pd.day
        if not pd.scenes:
            d.warning(
                "sides-day-without-scenes",
                f"day {day.number} ({day_date(day.date)}) has no scenes in the schedule: "
                "no sides for it",
                day.pos,
            )
            continue
        pages, where = day_pages(pd, script, d)
        if not pages:
            continue  # every scene was reported as not in the script
        day_of = f"Day {day.number} of {the_plan.total_days}"
        footer = f"{production.title} · Sides · {day_of} · {day_date(day.date)}"
        missing = tuple(
            f"Sc. {ps.scheduled.number} is not in the script: no pages"
            for ps in pd.scenes
            if ps.scheduled.number not in where
        )
        numbers = [p.page.number for p in pages]
        context = SidesContext(
            document_title=f"{production.title}: sides, day {day.number}",
            footer_note=footer,
            company=production.company.name,
            production_title=production.title,
            day_of=day_of,
            date=day_date(day.date),
            unit=day.unit or "Main unit",
            unit_call=clock(day.unit_call) if day.unit_call else "",
            shooting_call=clock(day.shooting_call) if day.shooting_call else "",
            scenes=tuple(_scene_line(ps, where.get(ps.scheduled.number, "")) for ps in pd.scenes),
            scene_count=f"{len(pd.scenes)} scene{'s' if len(pd.scenes) != 1 else ''}",
            total_pages=_pages_text(pd.eighths),
            page_list=(
                f"Script page{'s' if len(numbers) != 1 else ''} {', '.join(numbers)}"
                + (" (in shooting order)" if len(numbers) > 1 else "")
            ),
            layout_note=(
                "Half-size pages, two to a sheet: cut along the dashed line"
                if sheet == "half"
                else "Full-size pages"
            ),
            missing=missing,
            pocket=sheet == "half",
            sides=SidesPages(
                title=f"{production.title}: sides, day {day.number}",
                layout=script.layout,
                pages=pages,
                sheet=sheet,
                footer=footer,
            ),
        )
        out.append(
            KIND.document(
                context,
                stem=f"sides_day{day.number:02d}_{day.date.isoformat()}",
                title=f"Sides {day.number}: {day_date(day.date)}",
            )
        )
    return tuple(out)


KIND = DocumentKind(
    name=NAME,
    contexts={TEMPLATE: SidesContext},
    inputs=("schedule", SCRIPT),
    uses=(SCRIPT_PAGES, SHOOT_PLAN),
    build=build,
)
