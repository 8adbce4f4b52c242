"""Pages as the paginator decides them: every line placed, in integers, from a PageLayout.

Renderers (ReportLab PDF, DOCX) place these lines and never re-flow them.
Geometry: Courier 12 pt at 10 characters per inch and 6 lines per inch, so a line is 12 pt
and a character 0.1". Rows count from the top of the body (row 0 sits on the top margin).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Literal

from paperwork.model.screenplay import Alignment, StyledText
from paperwork.model.source import Pos

ElementKind = Literal[
    "scene_heading",
    "action",
    "character",
    "parenthetical",
    "dialogue",
    "lyrics",
    "transition",
    "shot",
    "general",
    "more",  # (MORE) at the foot of a page
    "title",  # title page lines
]

LINE_PT = 12.0  # 6 lines per inch
CHAR_IN = 0.1  # 10 characters per inch


SceneNumbers = Literal["left", "right", "both", "none"]  # where scene numbers print


@dataclass(frozen=True, slots=True)
class ElementStyle:
    """One element's box: indents in inches from the page's left edge, space before in lines."""

    left: float
    right: float
    first_indent: float = 0.0
    space_before: int = 1
    alignment: Alignment = "left"
    caps: bool = False

    @property
    def width_chars(self) -> int:
        """Characters that fit between the indents at 10 cpi."""
        return max(1, round((self.right - self.left) / CHAR_IN))


@dataclass(frozen=True, slots=True)
class PageLayout:
    """Paper, margins and element boxes. ``LETTER`` and ``A4`` are the two bundled values."""

    name: str
    width: float  # inches
    height: float
    top_margin: float  # inches
    bottom_margin: float
    header_margin: float
    left_margin: float
    right_margin: float
    styles: tuple[tuple[str, ElementStyle], ...]
    scene_number_left_at: float = 0.75
    scene_number_right_at: float = 7.38
    revision_mark_at: float = 7.75
    break_at_sentences: bool = True
    more: str = "(MORE)"
    continued: str = "(CONT'D)"
    automatic_character_continueds: bool = True
    scene_numbers: SceneNumbers = "both"

    @property
    def lines_per_page(self) -> int:
        """Body lines between the margins at 6 lpi (54 on Letter with 1" margins)."""
        return int(round((self.height - self.top_margin - self.bottom_margin) * 6))

    def style(self, kind: str) -> ElementStyle:
        for name, st in self.styles:
            if name == kind:
                return st
        raise KeyError(kind)


_STYLES = (
    ("scene_heading", ElementStyle(1.5, 7.5, space_before=2, caps=True)),
    ("action", ElementStyle(1.5, 7.5)),
    ("general", ElementStyle(1.5, 7.5)),
    ("shot", ElementStyle(1.5, 7.5, caps=True)),
    ("character", ElementStyle(3.5, 7.25, caps=True)),
    ("parenthetical", ElementStyle(3.0, 5.5, first_indent=-0.1, space_before=0)),
    ("dialogue", ElementStyle(2.5, 6.0, space_before=0)),
    ("lyrics", ElementStyle(2.5, 6.0, space_before=0)),
    ("transition", ElementStyle(5.5, 7.1, alignment="right", caps=True)),
    ("centered", ElementStyle(1.5, 7.5, alignment="center")),
)

LETTER = PageLayout(
    name="letter",
    width=8.5,
    height=11.0,
    top_margin=1.0,
    bottom_margin=1.0,
    header_margin=0.5,
    left_margin=1.5,
    right_margin=1.0,
    styles=_STYLES,
)

# A4 keeps the font, the margins but the right and the element boxes; the taller page gains
# lines.
A4 = replace(LETTER, name="a4", width=8.27, height=11.69, right_margin=0.77)

LAYOUTS = {"letter": LETTER, "a4": A4}


@dataclass(frozen=True, slots=True)
class PageLine:
    """One printed line: where it goes, what it says, and where it came from.

    ``x`` is inches from the page's left edge (the paginator has already applied alignment);
    ``row`` counts 12 pt lines from the top of the body. Dual dialogue puts two lines on a row.
    """

    row: int
    x: float
    runs: StyledText
    kind: ElementKind
    pos: Pos | None = None
    scene_number: str | None = None  # printed in the margins of a scene heading line
    mark: str = ""  # revision mark in the right margin ("*")
    revision: int = 0  # revision set of the change that marked this line

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass(frozen=True, slots=True)
class Page:
    """A page of the body. ``number`` is the printed number (``"12A"``), shown unless hidden.

    ``show_number`` is False on the first body page; ``label`` is the PDF page label.
    ``header`` is extra header text at the left (revision name and date).
    """

    number: str
    lines: tuple[PageLine, ...]
    show_number: bool = True
    header: str = ""
    colour: str = ""  # page colour name of its latest revision ("" = white)
    scene_numbers: tuple[str, ...] = ()  # scenes that start on this page

    @property
    def label(self) -> str:
        return self.number


@dataclass(frozen=True, slots=True)
class SceneSpan:
    """Where a scene sits in the paginated script, for eighths and the breakdown.

    Rows are body rows; ``end`` is exclusive. Eighths are counted from these.
    """

    heading_index: int  # index in Screenplay.elements
    number: str
    start_page: int  # index into PaginatedScript.pages
    start_row: int
    end_page: int
    end_row: int  # exclusive; the row after the scene's last line on end_page


@dataclass(frozen=True, slots=True)
class PaginatedScript:
    """The paginator's answer: a laid-out title page (if any) and the body pages."""

    title: str
    layout: PageLayout
    title_page: tuple[PageLine, ...] | None
    pages: tuple[Page, ...]
    scenes: tuple[SceneSpan, ...] = field(default=())
