"""The Fountain writer: forcing, escaping, layout, and round trips through the reader."""

from __future__ import annotations

from dataclasses import fields, is_dataclass, replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from paperwork.errors import Diagnostics
from paperwork.model.screenplay import (
    Action,
    Dialogue,
    DualDialogue,
    Element,
    General,
    Lyrics,
    Note,
    PageBreak,
    Parenthetical,
    SceneHeading,
    Screenplay,
    Section,
    Shot,
    Speech,
    SpeechPart,
    StyledText,
    Synopsis,
    TextRun,
    TitleField,
    TitlePage,
    Transition,
    plain,
    runs,
)
from paperwork.model.source import Pos
from paperwork.readers.fountain import read_fountain, read_fountain_file
from paperwork.writers.fountain import write_fountain

P = Pos("t.fountain", 1, 1)


def strip_positions(obj: object) -> object:
    """A dataclass tree as nested tuples with every ``Pos`` left out, for comparing models."""
    if isinstance(obj, Pos):
        return None
    if is_dataclass(obj) and not isinstance(obj, type):
        return (type(obj).__name__,) + tuple(
            (f.name, strip_positions(getattr(obj, f.name)))
            for f in fields(obj)
            if not isinstance(getattr(obj, f.name), Pos)
        )
    if isinstance(obj, tuple | list):
        return tuple(strip_positions(x) for x in obj)
    return obj


def unforced(obj: object) -> object:
    """The same model with every ``forced`` flag cleared."""
    if isinstance(obj, tuple):
        return tuple(unforced(x) for x in obj)
    if is_dataclass(obj) and not isinstance(obj, type):
        changes: dict[str, object] = {}
        for f in fields(obj):
            value = getattr(obj, f.name)
            if f.name == "forced":
                changes[f.name] = False
            elif isinstance(value, tuple) or (is_dataclass(value) and not isinstance(value, Pos)):
                changes[f.name] = unforced(value)
        return replace(obj, **changes)  # type: ignore[type-var]
    return obj


def script(*elements: Element, title: TitlePage | None = None) -> Screenplay:
    return Screenplay(source="t.fountain", title_page=title, elements=elements)


def reread(text: str) -> Screenplay:
    diagnostics = Diagnostics()
    result = read_fountain(text, "t.fountain", diagnostics)
    assert not diagnostics.items, [str(d) for d in diagnostics]
    return result


def speech(name: str, *parts: SpeechPart, ext: tuple[str, ...] = ()) -> Speech:
    return Speech(name, ext, parts, P)


# --- Layout and forcing ----------------------------------------------------------------------


def test_a_small_script_is_written_canonically() -> None:
    """Title page, heading with number, action, speech, dual dialogue, transition, outline."""
    title = TitlePage(
        (
            TitleField("Title", ((TextRun("BRICK & STEEL", bold=True, underline=True),),), P),
            TitleField("Author", (runs("Stu"),), P),
            TitleField("Contact", (runs("Next Level"), runs("Solvang, CA")), P),
        ),
        P,
    )
    text = write_fountain(
        script(
            Section(1, "Act One", P),
            Synopsis("Set up.", P),
            SceneHeading(runs("EXT. PATIO - DAY"), P, number="1"),
            Action(runs("A gorgeous day.\n  Indented."), P),
            speech("STEEL", Parenthetical(runs("(beer raised)"), P), Dialogue(runs("Cheers."), P)),
            DualDialogue(
                speech("BRICK", Dialogue(runs("Screw it."), P)),
                speech("STEEL", Dialogue(runs("Screw it."), P), ext=("O.S.",)),
                P,
            ),
            Transition(runs("SMASH CUT TO:"), P),
            Note("A note\n\nwith a gap", P),
            PageBreak(P),
            Action(runs("THE END"), P, alignment="center"),
            title=title,
        )
    )
    assert text == (
        "Title: _**BRICK & STEEL**_\n"
        "Author: Stu\n"
        "Contact:\n    Next Level\n    Solvang, CA\n\n"
        "# Act One\n\n"
        "= Set up.\n\n"
        "EXT. PATIO - DAY #1#\n\n"
        "A gorgeous day.\n  Indented.\n\n"
        "STEEL\n(beer raised)\nCheers.\n\n"
        "BRICK\nScrew it.\n\nSTEEL (O.S.) ^\nScrew it.\n\n"
        "SMASH CUT TO:\n\n"
        "[[A note\n  \nwith a gap]]\n\n"
        "===\n\n"
        "> THE END <\n"
    )


@pytest.mark.parametrize(
    ("element", "written"),
    [
        (Action(runs("INT. NOT A HEADING"), P), "!INT. NOT A HEADING"),
        (Action(runs("BOB\nlooks like a cue"), P), "!BOB\nlooks like a cue"),
        (Action(runs("CUT TO:"), P), "!CUT TO:"),
        (Action(runs("# not a section"), P), "!# not a section"),
        (Action(runs("   BOB\nindented"), P), "!   BOB\nindented"),
        (Action(runs("Ordinary action."), P), "Ordinary action."),
        (SceneHeading(runs("SNIPER SCOPE POV"), P), ".SNIPER SCOPE POV"),
        (SceneHeading(runs("INT. HOUSE"), P), "INT. HOUSE"),
        (Transition(runs("Burn to white."), P), "> Burn to white."),
        (Transition(runs("FADE OUT."), P), "> FADE OUT."),
        (speech("McCLANE", Dialogue(runs("Yippee."), P)), "@McCLANE\nYippee."),
        (speech("INT. BOB", Dialogue(runs("Hi."), P)), "@INT. BOB\nHi."),
        (speech("BOB", Dialogue(runs("Hi."), P)), "BOB\nHi."),
        (Lyrics(runs("La la\nla"), P), "~La la\n~la"),
        (Shot(runs("CLOSE ON THE RING"), P), "CLOSE ON THE RING"),
        (General(runs("ACT ONE"), P, element_type="New Act"), "ACT ONE"),
    ],
)
def test_forced_only_where_the_plain_form_is_misread(element: Element, written: str) -> None:
    """Each element is written plainly unless the reader would take it for something else."""
    assert write_fountain(script(Action(runs("Before."), P), element)) == f"Before.\n\n{written}\n"


def test_first_paragraph_that_looks_like_a_title_page_is_forced() -> None:
    """With no title page, an opening ``Title: x`` action must be forced."""
    text = write_fountain(script(Action(runs("Title: not really"), P)))
    assert text == "!Title: not really\n"
    assert reread(text).title_page is None


def test_forced_source_elements_stay_forced() -> None:
    """An element forced in the source is written forced even when it need not be."""
    text = write_fountain(
        script(
            Action(runs("Plain enough."), P, forced=True),
            SceneHeading(runs("INT. HOUSE"), P, forced=True),
        )
    )
    assert text == "!Plain enough.\n\n.INT. HOUSE\n"


def test_emphasis_and_escapes() -> None:
    """Runs become markers; literal markers, backslashes and ``/*`` are escaped."""
    text = (
        TextRun("plain *star* _under_ \\ /* not boneyard */ "),
        TextRun("bold ", bold=True),
        TextRun("both", bold=True, italic=True),
        TextRun(" u", underline=True),
    )
    written = write_fountain(script(Action(text, P)))
    assert written == (
        "plain \\*star\\* \\_under\\_ \\\\ /\\* not boneyard \\*/ **bold *both*** _u_\n"
    )
    (action,) = reread(written).elements
    assert action.text == (
        TextRun("plain *star* _under_ \\ /* not boneyard */ "),
        TextRun("bold ", bold=True),
        TextRun("both", bold=True, italic=True),
        TextRun(" "),
        TextRun("u", underline=True),
    )


def test_empty_lines_inside_elements_are_two_spaces() -> None:
    """A blank line inside dialogue is written as two spaces so the speech goes on."""
    text = write_fountain(script(speech("DEALER", Dialogue(runs("A seven.\n\nHit?"), P))))
    assert text == "DEALER\nA seven.\n  \nHit?\n"
    assert plain(reread(text).elements[0].parts[0].text) == "A seven.\n\nHit?"


def test_extra_blank_lines_before_action_survive() -> None:
    """Leading empty lines of an action are written as extra blank lines."""
    model = script(Action(runs("A."), P), Action(runs("\n\nB."), P))
    text = write_fountain(model)
    assert text == "A.\n\n\n\nB.\n"
    assert strip_positions(reread(text).elements) == strip_positions(model.elements)


def test_parenthetical_without_brackets_gets_them() -> None:
    """FDX parentheticals may lack brackets; Fountain needs them to know the part."""
    text = write_fountain(script(speech("BOB", Parenthetical(runs("beat"), P))))
    assert text == "BOB\n(beat)\n"


def test_empty_script() -> None:
    """No title page and no elements is an empty file."""
    assert write_fountain(script()) == ""


# --- Round trips -----------------------------------------------------------------------------


def _transition_like(e: object) -> bool:
    return isinstance(e, Action) and plain(e.text).isupper() and plain(e.text).endswith("TO:")


@pytest.mark.slow  # renders documents: over a second
def test_corpus_round_trips(corpus: Path) -> None:
    """Every corpus file: read, write, read again gives the same model, positions aside.

    The one allowed difference: an upper-case ``... TO:`` line kept as action in the source
    only by trailing spaces is written as forced action (``!CUT TO:``).
    """
    files = sorted((corpus / "fountain").rglob("*.fountain"))
    assert len(files) >= 60
    for path in files:
        original = read_fountain_file(path, Diagnostics(), source="s")
        text = write_fountain(original)
        again = read_fountain(text, "s", Diagnostics())
        if strip_positions(again) == strip_positions(original):
            continue
        assert strip_positions(unforced(again)) == strip_positions(unforced(original)), path
        changed = [
            a
            for a, b in zip(original.elements, again.elements, strict=True)
            if strip_positions(a) != strip_positions(b)
        ]
        assert changed and all(_transition_like(e) for e in changed), path


def test_writing_is_idempotent(corpus: Path) -> None:
    """Writing what was read back from our own output gives the same text."""
    for name in ("big_fish.fountain", "the_last_birthday_card.fountain"):
        original = read_fountain_file(corpus / "fountain" / name, Diagnostics())
        once = write_fountain(original)
        assert write_fountain(read_fountain(once, "s", Diagnostics())) == once


# --- Generated models ------------------------------------------------------------------------

ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
# Words may hold markers and slashes, but not end in a slash: a styled "a/" is written with
# its slash outside the stars, since "/*" would open a boneyard.
WORD = st.builds(
    lambda a, b: a + b,
    st.sampled_from(ALNUM),
    st.text(alphabet=ALNUM + ".,'!?*_\\/:-", max_size=6),
).filter(lambda w: not w.endswith("/"))
UPPER = st.builds(
    lambda a, b: a + b,
    st.sampled_from(ALNUM[:26]),
    st.text(alphabet=ALNUM[:26] + "0123456789.'-", max_size=6),
)
FLAGS = st.tuples(st.booleans(), st.booleans(), st.booleans())


@st.composite
def styled_line(draw: st.DrawFn, words: st.SearchStrategy[str] = WORD) -> list[TextRun]:
    """A line of words, each with its own style; a space between two words carries the
    styles both words share (the only styling Fountain can give a space)."""
    items = draw(st.lists(st.tuples(words, FLAGS), min_size=1, max_size=5))
    out: list[TextRun] = []
    for i, (word, flags) in enumerate(items):
        if i:
            shared = tuple(a and b for a, b in zip(items[i - 1][1], flags, strict=True))
            out.append(TextRun(" ", *shared))
        out.append(TextRun(word, *flags))
    return out


def merge(lines: list[list[TextRun]]) -> StyledText:
    merged: list[TextRun] = []
    for i, line in enumerate(lines):
        for run in ([TextRun("\n")] if i else []) + line:
            key = (run.bold, run.italic, run.underline)
            if merged and (merged[-1].bold, merged[-1].italic, merged[-1].underline) == key:
                merged[-1] = replace(merged[-1], text=merged[-1].text + run.text)
            else:
                merged.append(run)
    return tuple(merged)


def text_of(min_lines: int = 1, max_lines: int = 3, words=WORD) -> st.SearchStrategy[StyledText]:
    return st.lists(styled_line(words), min_size=min_lines, max_size=max_lines).map(merge)


def plain_words(max_size: int = 4) -> st.SearchStrategy[str]:
    word = st.builds(
        lambda a, b: a + b, st.sampled_from(ALNUM), st.text(alphabet=ALNUM + ".,'!?:-", max_size=6)
    )
    return st.lists(word, min_size=1, max_size=max_size).map(" ".join)


parts = st.one_of(
    text_of(1, 2).map(lambda t: Dialogue(t, P)),
    plain_words().map(lambda t: Parenthetical(runs(f"({t})"), P)),
    text_of(1, 2).map(lambda t: Lyrics(t, P)),
)


def _dedupe(items: list[SpeechPart]) -> tuple[SpeechPart, ...]:
    """Fountain cannot hold two dialogue (or lyrics) parts in a row: the lines join."""
    out: list[SpeechPart] = []
    for part in items:
        if out and type(out[-1]) is type(part) and not isinstance(part, Parenthetical):
            continue
        out.append(part)
    return tuple(out)


speeches = st.builds(
    lambda name, ext, ps: Speech(name, ext, _dedupe(ps), P),
    st.one_of(UPPER, st.sampled_from(["McCLANE", "Bob", "Mrs Jones", "de Niro"])),
    st.lists(st.sampled_from(["V.O.", "O.S.", "CONT'D", "on the radio"]), max_size=2).map(tuple),
    st.lists(parts, min_size=1, max_size=3).filter(lambda ps: isinstance(ps[0], Dialogue)),
)

elements_strategy = st.one_of(
    st.builds(
        # Fountain forces a heading with "." and a letter or digit, so the first word is plain.
        lambda first, rest, n: SceneHeading(merge([[TextRun(first + " "), *rest]]), P, number=n),
        st.text(alphabet=ALNUM, min_size=1, max_size=6),
        styled_line(),
        st.none() | st.sampled_from(["1", "12A", "A1", "I-1-A", "110.", "7b"]),
    ),
    text_of(1, 3).map(lambda t: Action(t, P)),
    text_of(1, 2).map(lambda t: Action(t, P, alignment="center")),
    speeches,
    st.builds(lambda a, b: DualDialogue(a, b, P), speeches, speeches),
    text_of(1, 1).map(lambda t: Transition(t, P)),
    text_of(1, 2).map(lambda t: Lyrics(t, P)),
    st.just(PageBreak(P)),
    st.builds(lambda n, t: Section(n, t, P), st.integers(1, 4), plain_words()),
    plain_words().map(lambda t: Synopsis(t, P)),
    plain_words().map(lambda t: Note(t, P)),
)

title_pages = st.builds(
    lambda extra, title: TitlePage((TitleField("Title", (title,), P), *extra), P),
    st.lists(
        st.builds(
            lambda k, v: TitleField(k, tuple(merge([line]) for line in v), P),
            st.sampled_from(["Author", "Draft date", "Contact", "slug", "Notes"]),
            st.lists(styled_line(), min_size=1, max_size=2),
        ),
        max_size=3,
    ),
    styled_line().map(lambda line: merge([line])),
)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(elements_strategy, max_size=8), st.none() | title_pages)
def test_generated_models_round_trip(elements: list[Element], title: TitlePage | None) -> None:
    """Generated models survive write then read, forced flags aside (the writer forces
    what Fountain would misread, and the reader then reports it as forced)."""
    model = script(*elements, title=title)
    again = reread(write_fountain(model))
    assert strip_positions(unforced(again)) == strip_positions(unforced(model))
