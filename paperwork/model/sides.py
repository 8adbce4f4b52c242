"""Sides: the formatted script's pages that hold a shoot day's scenes, marked up.

Data only: the sides builder makes it from the paginated script (which it is handed, never
paginates) and the script renderers draw it. Each :class:`SidesPage` is a page of the formatted
script exactly as the paginator laid it out, with which of its lines belong to other days'
scenes (the renderers strike those through, as a 2nd AD marks sides by hand).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from paperwork.model.pages import Page, PageLayout

SidesLayout = Literal["full", "half"]
SIDES_LAYOUTS: tuple[SidesLayout, ...] = ("full", "half")


@dataclass(frozen=True, slots=True)
class SidesPage:
    """One page of the formatted script in a day's sides.

    ``index`` is its place in :attr:`PaginatedScript.pages`; ``struck`` holds the indexes
    (into ``page.lines``) of the lines that are not the day's; ``scenes`` the day's scenes
    it holds, in shooting order.
    """

    page: Page
    index: int
    struck: frozenset[int]
    scenes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SidesPages:
    """A day's marked pages, in shooting order, and how they are printed.

    ``layout`` is the script's page layout (the pages are drawn on it); ``sheet`` is
    ``"full"`` (one script page per sheet) or ``"half"`` (two half-size pages side by side on
    A4 landscape). ``footer`` is one line printed under each page (day and date), outside
    the script's own lines.
    """

    title: str
    layout: PageLayout
    pages: tuple[SidesPage, ...]
    sheet: SidesLayout = "full"
    footer: str = ""
