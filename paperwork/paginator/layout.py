"""The page a script is laid out on: bundled paper merged with what the script says of itself.

A Final Draft file states its margins, element indents, spacing, MORE/CONT'D wording and scene
number positions; those override the bundled ``LETTER``/``A4`` values. Fountain states none,
so it gets Final Draft's default template. The paper (Letter or A4) is always the caller's.
"""

from __future__ import annotations

import functools
import math
from dataclasses import replace
from typing import TypeVar

from paperwork.errors import UsageError
from paperwork.model.pages import LAYOUTS, ElementStyle, PageLayout, SceneNumbers
from paperwork.model.screenplay import ElementFormat, Screenplay

__all__ = ["KIND_OF_TYPE", "chars", "first_chars", "layout_for", "style_for_type"]

# FDX element types and the layout style (PageLayout.styles key) each one sets.
KIND_OF_TYPE = {
    "Scene Heading": "scene_heading",
    "Action": "action",
    "General": "general",
    "Shot": "shot",
    "Character": "character",
    "Parenthetical": "parenthetical",
    "Dialogue": "dialogue",
    "Transition": "transition",
}

_EPS = 1e-6

# Final Draft measures a line in its Courier's advance, 7 pt at 12 pt (measured in its PDFs:
# 6.99-7.00 pt between letters in Courier and Courier Final Draft alike), not in 7.2 pt
# tenths of an inch: a 6" action line holds 61 characters, a 3.5" dialogue line 36.
FD_CHAR_PT = 7.0


@functools.lru_cache(maxsize=256)
def _fit(width: float) -> int:
    """Characters that fit strictly inside ``width`` inches (a line may not touch the edge)."""
    return max(1, math.ceil(width * 72 / FD_CHAR_PT - _EPS) - 1)


def chars(style: ElementStyle) -> int:
    """Whole characters that fit between an element's indents."""
    return _fit(style.right - style.left)


def first_chars(style: ElementStyle) -> int:
    """Characters on a paragraph's first line, which starts at the first-line indent."""
    return _fit(style.right - style.left - style.first_indent)


def _style(fmt: ElementFormat) -> ElementStyle:
    return ElementStyle(
        left=fmt.left_indent,
        right=fmt.right_indent,
        first_indent=fmt.first_indent,
        space_before=max(0, round(fmt.space_before / 12)),
        alignment=fmt.alignment,
        caps=fmt.all_caps,
    )


T = TypeVar("T")


def style_for_type(layout: PageLayout, type_name: str, fallback: str) -> ElementStyle:
    """The style of an FDX element type (``"New Act"``), else the ``fallback`` kind's."""
    for name, style in layout.styles:
        if name == type_name:
            return style
    return layout.style(fallback)


def layout_for(script: Screenplay, paper: str = "letter") -> PageLayout:
    """The page layout for ``script`` on ``paper`` (``"letter"`` or ``"a4"``).

    The script's own settings (FDX ``PageLayout``, ``ElementSettings``,
    ``MoresAndContinueds``, ``SceneNumberOptions``, ``Revisions``) override the defaults.
    """
    base = LAYOUTS.get(paper.lower())
    if base is None:
        raise UsageError(f"paper must be 'letter' or 'a4', not {paper!r}")
    s = script.settings
    styles = dict(base.styles)
    for type_name, fmt in s.elements:
        styles[KIND_OF_TYPE.get(type_name, type_name)] = _style(fmt)
    action = styles["action"]
    styles["centered"] = replace(action, alignment="center")
    if s.element("Dialogue") is not None:
        styles["lyrics"] = styles["dialogue"]  # lyrics sit where the file puts dialogue
    left, right = s.scene_numbers_left, s.scene_numbers_right
    numbers: SceneNumbers = base.scene_numbers
    if left is not None or right is not None:
        numbers = "both" if left and right else "left" if left else "right" if right else "none"
    return replace(
        base,
        styles=tuple(styles.items()),
        top_margin=_inches(s.top_margin, base.top_margin),
        bottom_margin=_inches(s.bottom_margin, base.bottom_margin),
        header_margin=_inches(s.header_margin, base.header_margin),
        scene_number_left_at=_given(s.scene_number_left_at, base.scene_number_left_at),
        scene_number_right_at=_given(s.scene_number_right_at, base.scene_number_right_at),
        revision_mark_at=_given(s.revision_location, base.revision_mark_at),
        break_at_sentences=_given(s.break_at_sentences, base.break_at_sentences),
        more=s.dialogue_more or base.more,
        continued=s.dialogue_continued or base.continued,
        automatic_character_continueds=_given(
            s.automatic_character_continueds, base.automatic_character_continueds
        ),
        scene_numbers=numbers,
    )


def _given(value: T | None, default: T) -> T:
    """The script's own setting, or the layout's where the script says nothing."""
    return default if value is None else value


def _inches(points: float | None, default: float) -> float:
    """A margin the script gives in points, as the layout's inches."""
    return default if points is None else points / 72
