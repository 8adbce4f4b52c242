"""A script breakdown: one row per scene, with its page, length in eighths and speakers."""

from __future__ import annotations

from dataclasses import dataclass

from paperwork.model.source import Pos


@dataclass(frozen=True, slots=True)
class SceneBreakdown:
    """One scene as a first AD lists it.

    ``int_ext`` is ``"INT"``, ``"EXT"``, ``"INT/EXT"`` or ``""`` when the heading says
    neither; ``page`` is the printed number of the page the scene starts on (``"12A"``);
    ``eighths`` is its length in eighths of a page (at least 1); ``characters`` are the speaking
    characters, extensions stripped, in order of first appearance; ``pos`` is its heading's
    file and line (``script.fountain:16``).
    """

    number: str
    heading: str
    int_ext: str
    set: str
    time_of_day: str
    page: str
    eighths: int
    characters: tuple[str, ...]
    pos: Pos


@dataclass(frozen=True, slots=True)
class Breakdown:
    """The scenes of a script, and how many body pages it has."""

    title: str
    pages: int
    scenes: tuple[SceneBreakdown, ...]

    @property
    def eighths(self) -> int:
        """The sum of the scenes' lengths (more than the page count: each rounds up)."""
        return sum(s.eighths for s in self.scenes)
