"""Breakdown elements: the ``elements`` table and the script's tags, merged scene by scene.

Each scene's boxes are filled from (in this order) its speakers as the cast table casts them
(``1. ANA``), the ``elements`` table's rows for it, the script's tags that sit in it (a
Fountain ``[[prop: coffin]]``, a Final Draft tagger run) and the supporting artists booked
for it (``30 x mourners``). The same element named twice in one category (``The coffin`` and
``coffin``: :func:`~paperwork.model.breakdown.element_key`) is one element that keeps every
place that named it. What cannot be placed is a finding: a row whose scene the script does
not have (``element-unknown-scene``), a tag above the first scene (``tag-outside-scene``).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from paperwork.errors import Diagnostic, Diagnostics
from paperwork.format import natural_key
from paperwork.model.breakdown import (
    CATEGORIES,
    Breakdown,
    BreakdownElement,
    SceneBreakdown,
    SceneElements,
    category,
    element_key,
)
from paperwork.model.call_sheets import CastMember
from paperwork.model.names import label_key
from paperwork.model.production import Production
from paperwork.model.screenplay import SceneHeading, Screenplay
from paperwork.model.source import Pos
from paperwork.planning.shoot import ShootPlan, _scene_texts, cast_by_character

__all__ = [
    "ElementBreakdown",
    "SceneShoot",
    "day_elements",
    "scene_elements",
    "scene_shoots",
    "synopses",
]

# Boxes a call sheet already prints elsewhere (cast list, supporting artists) or that are not
# a department's (notes): not repeated under the department notes.
_NOT_DEPARTMENT_NOTES = frozenset({"cast", "background", "notes"})


@dataclass(frozen=True, slots=True)
class ElementBreakdown:
    """Every scene's elements (script order) and what could not be placed."""

    scenes: tuple[SceneElements, ...]
    findings: tuple[Diagnostic, ...] = ()
    _by_scene: dict[str, SceneElements] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by: dict[str, SceneElements] = {}
        for s in self.scenes:
            by.setdefault(label_key(s.scene), s)
        object.__setattr__(self, "_by_scene", by)

    def of(self, scene: str) -> SceneElements | None:
        """The elements of the scene numbered ``scene`` (``"12a"`` finds ``12A``)."""
        return self._by_scene.get(label_key(scene))

    def report(self, diagnostics: Diagnostics) -> None:
        """Add the findings that ``diagnostics`` does not already hold (two kinds built
        together report each once)."""
        held = set(diagnostics)
        for f in self.findings:
            if f not in held:
                diagnostics.extend([f])
                held.add(f)


class _Scene:
    """One scene's elements while they are merged."""

    def __init__(self) -> None:
        self.found: dict[tuple[str, str], tuple[str, list[str], list[Pos]]] = {}

    def add(self, key: str, name: str, notes: str, pos: Pos, merge_key: str = "") -> None:
        k = (key, merge_key or element_key(name))
        if k not in self.found:
            self.found[k] = (name, [], [])
        _, all_notes, sources = self.found[k]
        if notes and notes not in all_notes:
            all_notes.append(notes)
        if pos not in sources:
            sources.append(pos)

    def elements(self) -> tuple[BreakdownElement, ...]:
        rank = {c.key: i for i, c in enumerate(CATEGORIES)}
        ordered = sorted(self.found.items(), key=lambda item: rank[item[0][0]])  # stable
        return tuple(
            BreakdownElement(key, name, "; ".join(notes), tuple(sources))
            for (key, _), (name, notes, sources) in ordered
        )


def _heading_scenes(
    breakdown: Breakdown, screenplay: Screenplay | None
) -> tuple[list[int], list[SceneBreakdown]]:
    """Each scene heading's index in ``screenplay.elements``, and its breakdown row."""
    by_line = {(s.pos.file, s.pos.line): s for s in breakdown.scenes}
    indices: list[int] = []
    rows: list[SceneBreakdown] = []
    if screenplay is None:
        return indices, rows
    for i, e in enumerate(screenplay.elements):
        if isinstance(e, SceneHeading):
            row = by_line.get((e.pos.file, e.pos.line))
            if row is not None:
                indices.append(i)
                rows.append(row)
    return indices, rows


def scene_elements(
    production: Production,
    breakdown: Breakdown,
    screenplay: Screenplay | None,
    the_plan: ShootPlan | None = None,
) -> ElementBreakdown:
    """Every scene of ``breakdown`` with its elements from every source; ``the_plan`` adds the
    cast the schedule puts in a scene without lines (the family in the front pew)."""
    found = Diagnostics()
    scenes = {label_key(s.number): _Scene() for s in breakdown.scenes}
    by_character = cast_by_character(production.cast)
    on_set: dict[str, list[str]] = {}  # scene key -> characters the schedule adds
    for pd in the_plan.days if the_plan is not None else ():
        for ps in pd.scenes:
            for member in (*ps.cast, *ps.voices):
                if member.characters:
                    on_set.setdefault(label_key(ps.scheduled.number), []).append(
                        member.characters[0]
                    )
    for s in breakdown.scenes:
        speakers = dict.fromkeys([*s.characters, *on_set.get(label_key(s.number), [])])
        cast = []
        for character in speakers:
            player = by_character.get(label_key(character))
            cast_id = player.id if player else ""
            cast.append((natural_key(cast_id), character, cast_id))
        for _, character, cast_id in sorted(cast, key=lambda c: (not c[2], c[0])):
            name = f"{cast_id}. {character}" if cast_id else character
            scenes[label_key(s.number)].add("cast", name, "", s.pos, label_key(character))
    for row in production.elements:
        scene = scenes.get(row.scene)
        if scene is None:
            found.warning(
                "element-unknown-scene",
                f"{row.name!r} is given for scene {row.scene}, which the script does not have",
                row.at("scene"),
            )
            continue
        merge_key = ""
        if row.category == "cast":  # "Ana", "ANA" or the cast id "1" name a speaker
            merge_key = _cast_key(row.name, production, by_character)
        scene.add(row.category, row.name, row.notes, row.pos, merge_key)
    indices, rows = _heading_scenes(breakdown, screenplay)
    for tag in screenplay.tags if screenplay is not None else ():
        at = bisect_right(indices, tag.index) - 1
        if at < 0:
            found.warning(
                "tag-outside-scene",
                f"the {category(tag.category).label.lower()} tag {tag.name!r} is above the "
                "first scene heading: it belongs to no scene",
                tag.pos,
            )
            continue
        scenes[label_key(rows[at].number)].add(tag.category, tag.name, "", tag.pos)
    for group in production.supporting_artists:
        for number in group.scenes:
            scene = scenes.get(label_key(number))
            if scene is not None:
                name = f"{group.count} x {group.description}"
                scene.add("background", name, group.notes, group.pos)
    return ElementBreakdown(
        tuple(
            SceneElements(s.number, scenes[label_key(s.number)].elements())
            for s in breakdown.scenes
        ),
        tuple(found),
    )


def _cast_key(name: str, production: Production, by_character: Mapping[str, CastMember]) -> str:
    key = label_key(name)
    if key in by_character:
        return key
    for member in production.cast:
        if label_key(member.id) == key or label_key(member.artist) == key:
            return label_key(member.characters[0]) if member.characters else key
    return ""


def day_elements(
    elements: ElementBreakdown, scenes: Iterable[str], given: Sequence[str] = ()
) -> tuple[tuple[str, str], ...]:
    """A shoot day's elements for the call sheet's department notes: ``(department, text)``
    per department in box order (``("Props", "Coffin (26, 27); Lantern (7)")``).

    Cast, background and notes are left out (the call sheet has them); so is an element the
    day's own notes ``given`` already name.
    """
    said = " ".join(given).casefold()
    lines: dict[str, dict[str, tuple[str, list[str]]]] = {c.key: {} for c in CATEGORIES}
    for number in scenes:
        scene = elements.of(number)
        if scene is None:
            continue
        for e in scene.elements:
            if e.category in _NOT_DEPARTMENT_NOTES:
                continue
            key = element_key(e.name)
            if key in said:
                continue
            _, where = lines[e.category].setdefault(key, (e.name, []))
            if scene.scene not in where:
                where.append(scene.scene)
    return tuple(
        (
            category(key).department,
            "; ".join(f"{name} (sc. {', '.join(where)})" for name, where in items.values()),
        )
        for key, items in lines.items()
        if items
    )


@dataclass(frozen=True, slots=True)
class SceneShoot:
    """One time the schedule shoots a scene: the day's number, date and location."""

    day: int
    date: date
    location: str
    part: bool  # the schedule gives a part of the scene this day (its pages)


def scene_shoots(the_plan: ShootPlan | None) -> dict[str, tuple[SceneShoot, ...]]:
    """Scene key -> every time the schedule shoots it, in day order."""
    out: dict[str, list[SceneShoot]] = {}
    for pd in the_plan.days if the_plan is not None else ():
        for ps in pd.scenes:
            out.setdefault(label_key(ps.scheduled.number), []).append(
                SceneShoot(
                    pd.day.number,
                    pd.day.date,
                    ps.location.name if ps.location else "",
                    ps.scheduled.eighths is not None,
                )
            )
    return {k: tuple(v) for k, v in out.items()}


def synopses(screenplay: Screenplay | None) -> dict[tuple[str, int], str]:
    """Each heading's file and line -> its synopsis (the ``=`` line under it, else the
    opening of its first action), as the call sheets print it."""
    return {k: v[0] for k, v in _scene_texts(screenplay).items()}
