"""A hand-made paginated script shared by the script renderers' tests."""

from __future__ import annotations

from paperwork.model.pages import LETTER, Page, PageLine, PaginatedScript, SceneSpan
from paperwork.model.screenplay import TextRun, runs


def line(row: int, x: float, text: str, kind: str = "action", **kw: object) -> PageLine:
    return PageLine(row, x, runs(text), kind, **kw)  # type: ignore[arg-type]


def sample_script(title_page: bool = True) -> PaginatedScript:
    """Three body pages: scene numbers, a two-line heading, dual dialogue, an A-page."""
    p1 = Page(
        "1",
        (
            line(0, 1.5, "FADE IN:", "transition"),
            line(2, 1.5, "EXT. RIVER - DAY", "scene_heading", scene_number="1"),
            line(4, 1.5, "A fat catfish swims along."),
            line(6, 3.5, "EDWARD (V.O.)", "character"),
            line(7, 2.5, "There are some fish that cannot be", "dialogue"),
            line(8, 2.5, "caught.", "dialogue", mark="*"),
        ),
        show_number=False,
        scene_numbers=("1",),
    )
    p2 = Page(
        "2",
        (
            line(
                0,
                1.5,
                "INT. BLOOM HOUSE - WILL'S BEDROOM - NIGHT - A VERY LONG",
                "scene_heading",
                scene_number="2",
            ),  # noqa: E501
            line(1, 1.5, "HEADING THAT WRAPS", "scene_heading"),
            line(3, 1.5, "Dual dialogue follows."),
            line(5, 2.5, "BRICK", "character"),
            line(5, 5.0, "STEEL", "character"),
            line(6, 1.5, "Screw retirement.", "dialogue"),
            line(6, 4.5, "Screw retirement.", "dialogue"),
            PageLine(
                8,
                1.5,
                (
                    TextRun("He is "),
                    TextRun("very", bold=True),
                    TextRun(" "),
                    TextRun("sure", underline=True),
                    TextRun("."),
                ),  # noqa: E501
                "action",
            ),
        ),
        scene_numbers=("2",),
    )
    p3 = Page(
        "2A",
        (
            line(0, 1.5, "INT. KITCHEN - NIGHT", "scene_heading", scene_number="3", mark="*"),
            line(2, 1.5, "Señora Núñez — “quoted”… café."),
            line(4, 6.2, "CUT TO:", "transition"),
        ),
        header="Blue Rev. 06/12/24",
        colour="Blue",
        scene_numbers=("3",),
    )
    title = (
        (
            line(18, 3.6, "BIG FISH", "title"),
            line(53, 1.5, "Contact: me", "title"),
        )
        if title_page
        else None
    )
    return PaginatedScript(
        "Big Fish",
        LETTER,
        title,
        (p1, p2, p3),
        (
            SceneSpan(1, "1", 0, 2, 1, 0),
            SceneSpan(5, "2", 1, 0, 2, 0),
            SceneSpan(9, "3", 2, 0, 2, 5),
        ),
    )
