"""Breakdown sheets: one colour-coded sheet per scene, with every element box by box.

The sheet a first AD and a co-ordinator work from (Movie Magic's and StudioBinder's layout):
the scene number, INT/EXT, set, day or night, pages in eighths, script page, synopsis, shoot
day and location, then a box for each category: cast, background, stunts, props, costume,
make-up/hair, vehicles, animals, SFX, VFX, special equipment and notes. The elements are
:func:`paperwork.planning.elements.scene_elements`'s (the ``elements`` table, the script's
tags, the cast and supporting artists). The heading band takes the conventional strip colour:
white INT DAY, yellow EXT DAY, blue INT NIGHT, green EXT NIGHT; dawn and dusk take the night
colour, INT/EXT the exterior's, and CONTINUOUS or LATER the scene before's.

One file with every sheet (``breakdown-sheets_all_<date>``), PDF and DOCX on A4.
"""

from __future__ import annotations

from dataclasses import dataclass

from paperwork.builders.base import SHOOT_PLAN, BuildJob, BuiltDocument, DocumentKind
from paperwork.builders.format import day_date
from paperwork.builders.letterhead import Group
from paperwork.builders.reports import ReportContext, report_heading
from paperwork.builders.scenes import script_scenes
from paperwork.model.breakdown import CATEGORIES, SceneBreakdown
from paperwork.planning.breakdown import format_eighths
from paperwork.planning.elements import synopses
from paperwork.planning.shoot import light_of

NAME = "breakdown-sheets"

# (exterior, night) -> (colour name, fill): the strip-board colours of the heading band.
STRIP_COLOURS: dict[tuple[bool, bool], tuple[str, str]] = {
    (False, False): ("White", "FFFFFF"),
    (True, False): ("Yellow", "FFF2A8"),
    (False, True): ("Blue", "BCD4F0"),
    (True, True): ("Green", "C5E6BF"),
}
LEGEND_NOTE = (
    "Heading colours: white INT DAY, yellow EXT DAY, blue INT NIGHT, green EXT NIGHT. "
    "Dawn and dusk take the night colour, INT/EXT the exterior's, CONTINUOUS and LATER "
    "the scene before's."
)


@dataclass(frozen=True, slots=True)
class Legend:
    label: str  # "INT DAY"
    colour_name: str  # "White"
    colour: str  # "FFFFFF"


@dataclass(frozen=True, slots=True)
class Entry:
    name: str
    notes: str


@dataclass(frozen=True, slots=True)
class BreakdownSheet:
    sheet_no: str  # "Sheet 4 of 33"
    number: str
    heading: str
    int_ext: str  # "INT", "EXT", "INT/EXT"
    set: str
    day_night: str  # "DAY", "NIGHT", "DUSK", "NIGHT (1968)"
    strip: str  # "INT NIGHT"
    colour_name: str  # "Blue"
    colour: str  # "BCD4F0"
    page: str
    pages: str  # "1 3/8"
    synopsis: str
    shoot_days: str  # "Day 3, Wed 3 Mar 2027" or "Not scheduled"
    location: str
    boxes: tuple[Group[Entry], ...]  # every category, in order, empty or not
    rows: tuple[
        tuple[Group[Entry], Group[Entry]], ...
    ]  # the boxes two by two, as the sheet prints them


@dataclass(frozen=True, slots=True)
class BreakdownSheetsContext(ReportContext):
    legend: tuple[Legend, ...]
    legend_note: str
    sheets: tuple[BreakdownSheet, ...]


def strip_of(scene: SceneBreakdown, previous: bool) -> tuple[bool, bool]:
    """(exterior, night) of a scene: ``previous`` is the scene before's night, for
    CONTINUOUS, LATER and the like (and for a heading with no time of day)."""
    exterior = scene.int_ext in ("EXT", "INT/EXT")
    light = light_of(scene.time_of_day)
    if light in ("follows", ""):
        return exterior, previous
    return exterior, light in ("night", "dusk", "dawn")


def build(job: BuildJob) -> tuple[BuiltDocument, ...]:
    """Every scene's breakdown sheet, in script order, in one document."""
    scenes = script_scenes(
        job, "breakdown sheets are made from the script: name it under 'script:'"
    )
    if scenes is None:
        return ()
    texts = synopses(scenes.screenplay)
    sheets: list[BreakdownSheet] = []
    night = False
    total = len(scenes.breakdown.scenes)
    for i, s in enumerate(scenes.breakdown.scenes, start=1):
        exterior, night = strip_of(s, night)
        name, fill = STRIP_COLOURS[(exterior, night)]
        found = scenes.elements.of(s.number)
        boxes = tuple(
            Group(
                c.label,
                tuple(Entry(e.name, e.notes) for e in (found.of(c.key) if found else ())),
            )
            for c in CATEGORIES
        )
        times = scenes.shoots_of(s.number)
        days = ", ".join(
            dict.fromkeys(
                f"Day {t.day}, {day_date(t.date)}{' (part)' if t.part else ''}" for t in times
            )
        )
        sheets.append(
            BreakdownSheet(
                sheet_no=f"Sheet {i} of {total}",
                number=s.number,
                heading=s.heading,
                int_ext=s.int_ext or "INT",
                set=s.set,
                day_night=s.time_of_day.upper() or ("NIGHT" if night else "DAY"),
                strip=f"{'EXT' if exterior else 'INT'} {'NIGHT' if night else 'DAY'}",
                colour_name=name,
                colour=fill,
                page=s.page,
                pages=format_eighths(s.eighths),
                synopsis=texts.get((s.pos.file, s.pos.line), ""),
                shoot_days=days or "Not scheduled",
                location=", ".join(dict.fromkeys(t.location for t in times if t.location)),
                boxes=boxes,
                rows=tuple(zip(boxes[0::2], boxes[1::2], strict=True)),
            )
        )
    title = f"{job.production.title}: breakdown sheets"
    context = BreakdownSheetsContext(
        **report_heading(job.production, title, job.today),
        legend=tuple(
            Legend(
                f"{'EXT' if ext else 'INT'} {'NIGHT' if nt else 'DAY'}", *STRIP_COLOURS[(ext, nt)]
            )
            for nt in (False, True)
            for ext in (False, True)
        ),
        legend_note=LEGEND_NOTE,
        sheets=tuple(sheets),
    )
    return (KIND.dated_document(job, context, title=title, of="all"),)


KIND = DocumentKind(
    name=NAME,
    contexts={"breakdown_sheets": BreakdownSheetsContext},
    inputs=("script",),
    uses=(SHOOT_PLAN,),  # shoot days and locations, when there is a schedule
    build=build,
)
