"""Small hand-made screenplays for paginator tests."""

from __future__ import annotations

from itertools import count

from paperwork.model.screenplay import (
    Action,
    Dialogue,
    Element,
    Parenthetical,
    SceneHeading,
    Screenplay,
    ScriptSettings,
    Speech,
    Transition,
    runs,
)
from paperwork.model.source import Pos

_lines = count(1)


def pos() -> Pos:
    return Pos("t.fountain", next(_lines))


def script(*elements: Element, settings: ScriptSettings | None = None) -> Screenplay:
    return Screenplay("t.fountain", None, tuple(elements), settings or ScriptSettings())


def act(text: str) -> Action:
    return Action(runs(text), pos())


def head(text: str, number: str | None = None) -> SceneHeading:
    return SceneHeading(runs(text), pos(), number=number)


def cut(text: str = "CUT TO:") -> Transition:
    return Transition(runs(text), pos())


def say(name: str, *parts: str, ext: tuple[str, ...] = ()) -> Speech:
    """A speech; a part written ``(like this)`` is a parenthetical."""
    made = tuple(
        Parenthetical(runs(p), pos()) if p.startswith("(") else Dialogue(runs(p), pos())
        for p in parts
    )
    return Speech(name, ext, made, pos())


def sentences(n: int, word: str = "Word") -> str:
    """``n`` sentences of 24 characters, two spaces apart."""
    return "  ".join(f"{word} {word} {word} {word} {i:03d}." for i in range(n))
