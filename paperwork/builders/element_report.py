"""The element report: each breakdown element with its scenes and shoot days, by department.

What each department takes from the breakdown: props lists the props, transport the picture
vehicles, the SFX supervisor the effects, each with the scenes that need it and the days
those scenes shoot. Elements are :func:`paperwork.planning.elements.scene_elements`'s (the
``elements`` table, the script's tags, the cast and the supporting artists); the same element
in several scenes (``element_key``) is one line. Each line keeps where it was named.

DOCX and PDF on A4 landscape, and the lines as XLSX (one row per element).
"""

from __future__ import annotations

from dataclasses import dataclass

from paperwork.builders.base import (
    SHOOT_PLAN,
    BuildJob,
    BuiltDocument,
    DocumentKind,
    Sheet,
)
from paperwork.builders.reports import ReportContext, report_heading
from paperwork.builders.scenes import script_scenes
from paperwork.format import natural_key
from paperwork.model.breakdown import CATEGORIES, category, element_key
from paperwork.model.source import Pos

NAME = "element-report"


@dataclass(frozen=True, slots=True)
class ElementLine:
    category: str  # "Props"
    name: str
    scenes: str  # "7, 17, 26"
    days: str  # "Day 3, Day 6" or "Not scheduled"
    notes: str
    sources: str  # "elements.csv:4; script.fountain:31:9"


@dataclass(frozen=True, slots=True)
class DepartmentGroup:
    department: str
    count: str  # "12 elements"
    lines: tuple[ElementLine, ...]


@dataclass(frozen=True, slots=True)
class ElementReportContext(ReportContext):
    summary: str  # "64 elements in 33 scenes"
    departments: tuple[DepartmentGroup, ...]


@dataclass(slots=True)
class _Line:
    key: str
    name: str
    scenes: list[str]
    days: list[int]
    notes: list[str]
    sources: list[Pos]


def where_named(sources: list[Pos]) -> str:
    """Positions file by file: ``elements.csv:4; script.fountain:139, 187, 224:5``."""
    by_file: dict[str, list[str]] = {}
    for p in sources:
        by_file.setdefault(p.file, []).append(str(p).removeprefix(f"{p.file}:"))
    return "; ".join(f"{f}:{', '.join(at)}" for f, at in by_file.items())


def build(job: BuildJob) -> tuple[BuiltDocument, ...]:
    """One report of every element, department by department."""
    scenes = script_scenes(
        job, "the element report is made from the script: name it under 'script:'"
    )
    if scenes is None:
        return ()
    found: dict[tuple[str, str], _Line] = {}
    for scene in scenes.elements.scenes:
        days = [t.day for t in scenes.shoots_of(scene.scene)]
        for e in scene.elements:
            key = (e.category, element_key(e.name))
            line = found.setdefault(key, _Line(e.category, e.name, [], [], [], []))
            if scene.scene not in line.scenes:
                line.scenes.append(scene.scene)
            line.days.extend(d for d in days if d not in line.days)
            if e.notes and e.notes not in line.notes:
                line.notes.append(e.notes)
            line.sources.extend(p for p in e.sources if p not in line.sources)
    groups: list[DepartmentGroup] = []
    rows: list[tuple[str, ...]] = []
    row_pos: list[Pos | None] = []
    for c in CATEGORIES:
        lines = [line for (k, _), line in found.items() if k == c.key]
        if not lines:
            continue
        if c.key == "cast":  # "1. ANA", "2. ELSIE": by cast id, as the cast list runs
            lines.sort(key=lambda line: natural_key(line.name))
        made = []
        for line in lines:
            shown = ElementLine(
                category=category(line.key).label,
                name=line.name,
                scenes=", ".join(line.scenes),
                days=", ".join(f"Day {d}" for d in sorted(line.days)) or "Not scheduled",
                notes="; ".join(line.notes),
                sources=where_named(line.sources),
            )
            made.append(shown)
            rows.append(
                (
                    c.department,
                    shown.category,
                    shown.name,
                    shown.scenes,
                    shown.days,
                    shown.notes,
                    shown.sources,
                )  # fmt: skip
            )
            row_pos.append(line.sources[0] if line.sources else None)
        groups.append(
            DepartmentGroup(
                c.department, f"{len(made)} element{'s' if len(made) != 1 else ''}", tuple(made)
            )
        )
    title = f"{job.production.title}: element report"
    total = sum(len(g.lines) for g in groups)
    context = ElementReportContext(
        **report_heading(job.production, title, job.today),
        summary=f"{total} elements in {len(scenes.breakdown.scenes)} scenes",
        departments=tuple(groups),
    )
    sheet = Sheet(
        "Elements",
        ("Department", "Category", "Element", "Scenes", "Shoot days", "Notes", "Source"),
        tuple(rows),
        row_pos=tuple(row_pos),
    )
    return (KIND.dated_document(job, context, title=title, sheets=(sheet,), of="all"),)


KIND = DocumentKind(
    name=NAME,
    contexts={"element_report": ElementReportContext},
    inputs=("script",),
    uses=(SHOOT_PLAN,),  # the shoot days, when there is a schedule
    formats=("docx", "pdf", "xlsx"),
    build=build,
)
