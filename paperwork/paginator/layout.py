"""The page a script is laid out on: bundled paper merged with what the script says of itself.

A Final Draft file states its margins, element indents, spacing, MORE/CONT'D wording and scene
number positions; those override the bundled ``LETTER``/``A4`` values. Fountain states none,
so it gets Final Draft's default template. The paper (Letter or A4) is always the caller's.
"""

from __future__ import annotations

import functools
import math
from dataclasses import replace

from paperwork.errors import UsageError
from paperwork.model.pages import LAYOUTS, ElementStyle, PageLayout
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
    changes: dict[str, object] = {"styles": tuple(styles.items())}
    if s.top_margin is not None:
        changes["top_margin"] = s.top_margin / 72
    if s.bottom_margin is not None:
        changes["bottom_margin"] = s.bottom_margin / 72
    if s.header_margin is not None:
        changes["header_margin"] = s.header_margin / 72
    if s.scene_number_left_at is not None:
        changes["scene_number_left_at"] = s.scene_number_left_at
    if s.scene_number_right_at is not None:
        changes["scene_number_right_at"] = s.scene_number_right_at
    if s.revision_location is not None:
        changes["revision_mark_at"] = s.revision_location
    if s.break_at_sentences is not None:
        changes["break_at_sentences"] = s.break_at_sentences
    if s.dialogue_more:
        changes["more"] = s.dialogue_more
    if s.dialogue_continued:
        changes["continued"] = s.dialogue_continued
    if s.automatic_character_continueds is not None:
        changes["automatic_character_continueds"] = s.automatic_character_continueds
    left, right = s.scene_numbers_left, s.scene_numbers_right
    if left is not None or right is not None:
        changes["scene_numbers"] = (
            "both" if left and right else "left" if left else "right" if right else "none"
        )
    return replace(base, **changes)  # type: ignore[arg-type]
