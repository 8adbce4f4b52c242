"""Properties of every pagination, on random scripts and small pages (Hypothesis)."""

from __future__ import annotations

from dataclasses import replace
from itertools import count

from hypothesis import given, settings
from hypothesis import strategies as st

from paperwork.model.pages import LETTER, PaginatedScript
from paperwork.model.screenplay import (
    Action,
    Dialogue,
    DualDialogue,
    Element,
    General,
    Note,
    PageBreak,
    Parenthetical,
    SceneHeading,
    Screenplay,
    ScriptSettings,
    Section,
    Shot,
    Speech,
    Synopsis,
    Transition,
    plain,
    runs,
)
from paperwork.model.source import Pos
from paperwork.paginator import paginate

LINES = 20  # a short page, so that every example breaks pages often
LAYOUT = replace(LETTER, bottom_margin=LETTER.height - LETTER.top_margin - LINES / 6)

words = st.sampled_from(
    ["word", "a", "alpha", "beta", "gamma", "delta-epsilon", "zeta", "eta", "theta", "I"]
)
sentence = st.builds(
    lambda ws, end: " ".join(ws) + end,
    st.lists(words, min_size=1, max_size=8),
    st.sampled_from([".", "?", "!", "...", ""]),
)
paragraph = st.builds("  ".join, st.lists(sentence, min_size=1, max_size=5))


@st.composite
def screenplays(draw: st.DrawFn) -> Screenplay:
    """Scripts of every element kind; no forced break right after what must not end a page."""
    lines = count(1)

    def pos() -> Pos:
        return Pos("p.fountain", next(lines))

    def speech(most: int = 3) -> Speech:
        parts = []
        for _ in range(draw(st.integers(1, most))):
            if draw(st.booleans()) and parts:
                parts.append(Parenthetical(runs("(" + draw(sentence) + ")"), pos()))
            text = draw(paragraph) if most > 1 else draw(sentence)
            parts.append(Dialogue(runs(text), pos()))
        name = draw(st.sampled_from(["ANNA", "BOB", "CAROL"]))
        return Speech(name, draw(st.sampled_from([(), ("V.O.",)])), tuple(parts), pos())

    elements: list[Element] = [SceneHeading(runs("INT. ROOM - DAY"), pos())]
    for _ in range(draw(st.integers(1, 15))):
        kind = draw(
            st.sampled_from(
                ["action", "action", "speech", "speech", "heading", "transition", "shot"]
                + ["dual", "general", "break", "outline", "long"]
            )
        )
        previous = next(
            e for e in reversed(elements) if not isinstance(e, (Section, Note, Synopsis))
        )
        match kind:
            case "action":
                elements.append(Action(runs(draw(paragraph)), pos()))
            case "long":
                elements.append(Action(runs("x" * draw(st.integers(60, 130))), pos()))
            case "speech":
                elements.append(speech())
            case "heading":
                elements.append(SceneHeading(runs("EXT. YARD - NIGHT"), pos()))
            case "transition":
                if not isinstance(previous, (PageBreak, Transition)):
                    elements.append(Transition(runs("CUT TO:"), pos()))
            case "shot":
                elements.append(Shot(runs("CLOSE ON THE DOOR"), pos()))
            case "dual":  # short, as in real scripts: a pair never splits
                elements.append(DualDialogue(speech(1), speech(1), pos()))
            case "general":
                elements.append(General(runs(draw(paragraph)), pos()))
            case "break":
                if not isinstance(previous, (SceneHeading, Shot, PageBreak)):
                    elements.append(PageBreak(pos()))
            case _:
                elements.append(draw(st.sampled_from([Section(1, "Act", pos()), Note("n", pos())])))
                elements.append(Synopsis("s", pos()))
    elements.append(Action(runs("The end."), pos()))
    return Screenplay("p.fountain", None, tuple(elements), ScriptSettings())


def run(script: Screenplay) -> PaginatedScript:
    return paginate(script, LAYOUT)


def owners(script: Screenplay) -> dict[int, tuple[int, int]]:
    """Source line -> (element index, part): part -1 is a cue, 0.. a speech part or text."""
    out: dict[int, tuple[int, int]] = {}
    for i, e in enumerate(script.elements):
        match e:
            case Speech():
                out[e.pos.line] = (i, -1)
                for k, part in enumerate(e.parts):
                    out[part.pos.line] = (i, k)
            case DualDialogue(left=left, right=right):
                for offset, sp in ((0, left), (100, right)):
                    out[sp.pos.line] = (i, -1)
                    for k, part in enumerate(sp.parts):
                        out[part.pos.line] = (i, offset + k)
            case _:
                out[e.pos.line] = (i, 0)
    return out


def texts(script: Screenplay) -> dict[tuple[int, int], str]:
    """The non-space characters each element (or speech part) must print, once."""
    out: dict[tuple[int, int], str] = {}
    for i, e in enumerate(script.elements):
        match e:
            case Speech():
                for k, part in enumerate(e.parts):
                    out[(i, k)] = "".join(plain(part.text).split())
            case DualDialogue(left=left, right=right):
                for offset, sp in ((0, left), (100, right)):
                    for k, part in enumerate(sp.parts):
                        out[(i, offset + k)] = "".join(plain(part.text).split())
            case SceneHeading() | Action() | Transition() | Shot() | General():
                out[(i, 0)] = "".join(plain(e.text).split())
            case _:
                pass
    return out


@settings(max_examples=40, deadline=None)
@given(screenplays())
def test_every_element_prints_once_in_order(script: Screenplay) -> None:
    """Each printing element's text lands once, in script order, split pieces contiguous."""
    p = run(script)
    owner = owners(script)
    seen: dict[tuple[int, int], str] = {}
    order: list[int] = []
    for page in p.pages:
        for line in sorted(page.lines, key=lambda ln: (ln.row, ln.x)):
            assert line.pos is not None
            index, part = owner[line.pos.line]
            order.append(index)
            if line.kind in ("more", "character"):
                continue
            seen[(index, part)] = seen.get((index, part), "") + "".join(line.text.split())
    assert order == sorted(order)
    assert seen == {k: v for k, v in texts(script).items() if v or k in seen}


@settings(max_examples=40, deadline=None)
@given(screenplays())
def test_page_ends_and_starts(script: Screenplay) -> None:
    """No page ends on a heading, shot or cue; none starts with a transition; none is empty."""
    p = run(script)
    for number, page in enumerate(p.pages):
        assert page.lines, f"page {number + 1} is empty"
        body = sorted(
            (ln for ln in page.lines if ln.kind != "more" and ln.row >= 0),
            key=lambda ln: (ln.row, ln.x),
        )
        if number + 1 < len(p.pages):
            assert body[-1].kind not in ("scene_heading", "shot", "character"), number
        assert body[0].kind != "transition", number


@settings(max_examples=40, deadline=None)
@given(screenplays())
def test_no_page_has_more_rows_than_the_layout(script: Screenplay) -> None:
    """Body lines sit in rows 0..L-1; only (MORE) and a CONT'D cue use the margins' one row."""
    p = run(script)
    assert LAYOUT.lines_per_page == LINES
    for page in p.pages:
        for line in page.lines:
            if line.kind == "more":
                assert 0 < line.row <= LINES
            elif line.row < 0:
                assert line.row == -1 and line.kind == "character"
                assert line.text.endswith("(CONT'D)")
            else:
                assert line.row < LINES
