"""The Fountain reader: case files with model dumps, spec rules, the corpus, and invariants."""

from __future__ import annotations

import os
import re
import time
from collections import Counter
from dataclasses import fields, is_dataclass
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from paperwork.errors import Diagnostics
from paperwork.model.screenplay import (
    Action,
    Dialogue,
    DualDialogue,
    Element,
    Lyrics,
    Note,
    PageBreak,
    Parenthetical,
    SceneHeading,
    Screenplay,
    Section,
    Speech,
    StyledText,
    Synopsis,
    TextRun,
    Transition,
    plain,
)
from paperwork.model.source import Pos
from paperwork.readers.fountain import read_fountain, read_fountain_file, split_cue, styled

_LINES = re.compile(r"\r\n|\r|\n")
CASES = Path(__file__).parent / "fountain_cases"
REGENERATE = os.environ.get("PAPERWORK_REGENERATE_GOLDEN") == "1"


def read(text: str) -> tuple[Screenplay, Diagnostics]:
    diagnostics = Diagnostics()
    return read_fountain(text, "t.fountain", diagnostics), diagnostics


def elements(text: str) -> tuple[Element, ...]:
    script, diagnostics = read(text)
    assert not diagnostics.items, [str(d) for d in diagnostics]
    return script.elements


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


# --- A readable dump of the model, for the case files ----------------------------------------


def markup(text: StyledText) -> str:
    out = []
    for run in text:
        t = run.text
        for flag, tag in ((run.underline, "u"), (run.italic, "i"), (run.bold, "b")):
            if flag:
                t = f"<{tag}>{t}</{tag}>"
        out.append(t)
    return repr("".join(out))


def at(pos: Pos) -> str:
    return f"{pos.line}:{pos.column}"


def dump_speech(speech: Speech, indent: str) -> list[str]:
    forced = " forced" if speech.forced else ""
    lines = [f"{indent}{at(speech.pos)} Speech {speech.character!r} {speech.extensions!r}{forced}"]
    for part in speech.parts:
        lines.append(f"{indent}  {at(part.pos)} {type(part).__name__} {markup(part.text)}")
    return lines


def dump(script: Screenplay, diagnostics: Diagnostics) -> str:
    lines: list[str] = []
    if script.title_page is not None:
        lines.append(f"{at(script.title_page.pos)} TitlePage")
        for f in script.title_page.fields:
            lines.append(f"  {at(f.pos)} {f.key!r}: {[markup(x) for x in f.lines]}")
    for e in script.elements:
        match e:
            case SceneHeading():
                extra = (f" #{e.number}" if e.number else "") + (" forced" if e.forced else "")
                lines.append(f"{at(e.pos)} SceneHeading {markup(e.text)}{extra}")
            case Action():
                extra = (f" {e.alignment}" if e.alignment != "left" else "") + (
                    " forced" if e.forced else ""
                )
                lines.append(f"{at(e.pos)} Action {markup(e.text)}{extra}")
            case Transition():
                extra = " forced" if e.forced else ""
                lines.append(f"{at(e.pos)} Transition {markup(e.text)}{extra}")
            case Lyrics():
                lines.append(f"{at(e.pos)} Lyrics {markup(e.text)}")
            case Speech():
                lines.extend(dump_speech(e, ""))
            case DualDialogue():
                lines.append(f"{at(e.pos)} DualDialogue")
                lines.extend(dump_speech(e.left, "  "))
                lines.extend(dump_speech(e.right, "  "))
            case PageBreak():
                lines.append(f"{at(e.pos)} PageBreak")
            case Section():
                lines.append(f"{at(e.pos)} Section {e.level} {e.text!r}")
            case Synopsis():
                lines.append(f"{at(e.pos)} Synopsis {e.text!r}")
            case Note():
                lines.append(f"{at(e.pos)} Note {e.text!r}")
            case _:
                raise AssertionError(f"the Fountain reader made a {type(e).__name__}")
    for d in diagnostics:
        where = at(d.pos) if d.pos else "-"
        lines.append(f"{d.severity} {d.code} {where}")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("case", sorted(CASES.glob("*.fountain")), ids=lambda p: p.stem)
def test_case_file(case: Path) -> None:
    """Each case file reads to the model dump stored beside it."""
    diagnostics = Diagnostics()
    script = read_fountain_file(case, diagnostics, source=case.name)
    got = dump(script, diagnostics)
    golden = case.with_suffix(".txt")
    if REGENERATE:
        golden.write_text(got, encoding="utf-8")
    assert golden.exists(), f"no golden {golden.name}: run with PAPERWORK_REGENERATE_GOLDEN=1"
    assert got == golden.read_text(encoding="utf-8")


# --- Spec rules, one at a time ---------------------------------------------------------------


def test_title_page_keys_values_and_continuations() -> None:
    """Title page: case-insensitive keys, indented continuation values, unknown keys kept."""
    script, diagnostics = read(
        "\n  \nTITLE:\n\t_**Big**_\n   Fish\nauthor: John August\nslug: big-fish\n\nFADE IN:\n"
    )
    assert not diagnostics.items
    page = script.title_page
    assert page is not None and page.pos == Pos("t.fountain", 3, 1)
    assert [f.key for f in page.fields] == ["TITLE", "author", "slug"]
    assert page.text("title") == "Big\nFish"
    assert page.get("Title").lines[0] == (TextRun("Big", bold=True, underline=True),)
    assert page.text("slug") == "big-fish"
    assert script.title == "Big Fish"
    assert [plain(e.text) for e in script.elements] == ["FADE IN:"]


def test_first_paragraph_without_a_known_key_is_not_a_title_page() -> None:
    """A lone ``Something: else`` line is action, and so is ``FADE IN:``."""
    for text in ("Scott walks in: he is tall.\n", "FADE IN:\n\nINT. HOUSE\n"):
        script, _ = read(text)
        assert script.title_page is None
        assert isinstance(script.elements[0], Action)


def test_scene_headings_need_a_blank_line_before() -> None:
    """``INT.`` after action on the next line is action; ``...`` does not force a heading."""
    kinds = [type(e) for e in elements("Walk.\nINT. HOUSE\n\n...and then\n\n.FORCED\n")]
    assert kinds == [Action, Action, SceneHeading]


def test_scene_number_is_split_from_the_heading() -> None:
    """``#12A#`` at the end of a heading is its number; the text loses it."""
    (heading,) = elements("INT. HOUSE - DAY #12A#\n")
    assert isinstance(heading, SceneHeading)
    assert (plain(heading.text), heading.number) == ("INT. HOUSE - DAY", "12A")


def test_character_cues() -> None:
    """Cues are upper-case with a letter, not followed by a blank line; ``@`` forces."""
    script = elements(
        "BOB (V.O.) (cont'd)\nHi.\n\n@McDuck\nQuack.\n\nR2D2\nBeep.\n\n23\nNo.\n\nLONELY\n\nX\n"
    )
    cues = [(e.character, e.extensions, e.forced) for e in script if isinstance(e, Speech)]
    assert cues == [("BOB", ("V.O.", "cont'd"), False), ("McDuck", (), True), ("R2D2", (), False)]
    assert [plain(e.text) for e in script if isinstance(e, Action)] == ["23\nNo.", "LONELY", "X"]


def test_non_latin_lines_are_not_cues() -> None:
    """A Japanese line has no upper case, so it is not a cue; a Cyrillic capital one is."""
    script = elements("ジョン\nこの場所は何ですか？\n\nМАША\nСит хабео.\n")
    assert isinstance(script[0], Action)
    assert isinstance(script[1], Speech) and script[1].character == "МАША"


def test_two_spaces_keep_dialogue_going() -> None:
    """A line of exactly two spaces continues the dialogue; other blank lines end it."""
    (speech, action) = elements("DEALER\nA seven.\n  \nHit or stand?\n\n   \nAfter.\n")
    assert isinstance(speech, Speech) and isinstance(action, Action)
    assert plain(speech.parts[0].text) == "A seven.\n\nHit or stand?"


def test_dual_dialogue_pairs_with_the_speech_before() -> None:
    """``^`` on the second cue makes a DualDialogue of the two speeches."""
    (dual,) = elements("BRICK\nScrew retirement.\n\nSTEEL ^\nScrew retirement.\n")
    assert isinstance(dual, DualDialogue)
    assert (dual.left.character, dual.right.character) == ("BRICK", "STEEL")
    assert dual.pos == dual.left.pos == Pos("t.fountain", 1, 1)


def test_lonely_dual_marker_warns() -> None:
    """``^`` with no speech just before is an ordinary speech and a warning."""
    script, diagnostics = read("Action.\n\nSTEEL ^\nHi.\n")
    assert isinstance(script.elements[1], Speech)
    assert [(d.code, d.pos) for d in diagnostics] == [
        ("dual-dialogue-alone", Pos("t.fountain", 3, 1))
    ]


def test_lyrics_in_a_speech_and_alone() -> None:
    """``~`` lines are Lyrics parts inside a speech and Lyrics elements on their own."""
    speech, lyrics = elements("SINGER\n~Oh la\n~la la\n\n~Willy Wonka!\n")
    assert isinstance(speech, Speech) and isinstance(speech.parts[0], Lyrics)
    assert plain(speech.parts[0].text) == "Oh la\nla la"
    assert isinstance(lyrics, Lyrics) and plain(lyrics.text) == "Willy Wonka!"


def test_transitions() -> None:
    """Upper case ending in ``TO:`` alone is a transition; trailing spaces or text after
    it are not; ``>`` forces one."""
    script = elements("CUT TO:\n\nCUT TO:  \n\nFADE OUT.\n\n> Burn to white.\n")
    assert [type(e) for e in script] == [Transition, Action, Action, Transition]
    assert plain(script[3].text) == "Burn to white."


def test_centered_text() -> None:
    """``> x <`` is centred action; consecutive lines make one element."""
    (centered,) = elements("> THE END <\n>  **REALLY**\t<\n")
    assert isinstance(centered, Action) and centered.alignment == "center"
    assert centered.text == (TextRun("THE END\n"), TextRun("REALLY", bold=True))


def test_page_breaks() -> None:
    """Three or more ``=`` alone make a page break; ``==`` is a synopsis."""
    script = elements("A.\n\n===\n\nB.\n\n========\n\n== two\n")
    assert [type(e) for e in script] == [Action, PageBreak, Action, PageBreak, Synopsis]


def test_sections_and_synopses() -> None:
    """``#`` levels count hashes; ``=`` lines are synopses."""
    script = elements("### Deep\n\n= Short summary.\n")
    assert isinstance(script[0], Section) and (script[0].level, script[0].text) == (3, "Deep")
    assert isinstance(script[1], Synopsis) and script[1].text == "Short summary."


def test_action_keeps_indentation_and_line_breaks() -> None:
    """Leading tabs and spaces stay in action; every line break stays."""
    (action,) = elements("\tTabbed\n    four spaces\nplain   \n")
    assert plain(action.text) == "\tTabbed\n    four spaces\nplain"


def test_forced_action() -> None:
    """``!`` makes the paragraph action whatever it looks like."""
    (action,) = elements("!INT. NOT A HEADING\nBOB\n")
    assert isinstance(action, Action) and action.forced
    assert plain(action.text) == "INT. NOT A HEADING\nBOB"


def test_extra_blank_lines_before_action_are_kept() -> None:
    """Blank lines beyond the first before an action become leading empty lines."""
    script = elements("A.\n\n\n\nB.\n\n\nINT. HOUSE\n")
    assert [plain(e.text) for e in script] == ["A.", "\n\nB.", "INT. HOUSE"]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "*i* **b** ***bi*** _u_",
            [
                ("i", 0, 1, 0),
                (" ", 0, 0, 0),
                ("b", 1, 0, 0),
                (" ", 0, 0, 0),
                ("bi", 1, 1, 0),
                (" ", 0, 0, 0),
                ("u", 0, 0, 1),
            ],
        ),
        ("_**x**_", [("x", 1, 0, 1)]),
        ("**a *b* c**", [("a ", 1, 0, 0), ("b", 1, 1, 0), (" c", 1, 0, 0)]),
        ("\\*not\\* \\_u\\_ \\\\", [("*not* _u_ \\", 0, 0, 0)]),
        ("5 * 3 * 2", [("5 * 3 * 2", 0, 0, 0)]),
        ("*open only", [("*open only", 0, 0, 0)]),
        ("a**b*c***d", [("a", 0, 0, 0), ("b", 1, 0, 0), ("c", 1, 1, 0), ("d", 0, 0, 0)]),
        ("****", [("****", 0, 0, 0)]),
    ],
)
def test_emphasis(line: str, expected: list[tuple[str, int, int, int]]) -> None:
    """Emphasis markers become run flags; escapes and unpaired markers print as typed."""
    got = [(r.text, int(r.bold), int(r.italic), int(r.underline)) for r in styled([line])]
    assert got == expected


def test_emphasis_does_not_cross_line_breaks() -> None:
    """An opener on one line is not closed on the next."""
    assert styled(["*one", "two*"]) == (TextRun("*one\ntwo*"),)


def test_inline_notes_are_removed_and_note_paragraphs_kept() -> None:
    """Inline notes vanish from the text; a paragraph of only notes is Note elements."""
    script = elements("An [[inline]] note.\n\n[[Over\ntwo lines]]\n")
    assert plain(script[0].text) == "An note."
    assert isinstance(script[1], Note) and script[1].text == "Over\ntwo lines"
    assert script[1].pos == Pos("t.fountain", 3, 1)


def test_boneyard_across_elements_keeps_line_numbers() -> None:
    """Boneyard hides whole elements; later positions are those of the original file."""
    script = elements("/* INT. GONE\n\nBOB\nHi. */\n\nINT. HERE\n")
    assert len(script) == 1
    assert script[0].pos == Pos("t.fountain", 6, 1)


def test_boneyard_in_a_line_keeps_columns() -> None:
    """A heading after an inline boneyard points at its own column."""
    (heading,) = elements("/* x */INT. HOUSE\n")
    assert isinstance(heading, SceneHeading)
    assert heading.pos == Pos("t.fountain", 1, 8)


def test_unclosed_boneyard_hides_the_rest_and_warns() -> None:
    """``/*`` without ``*/`` hides everything after it, with a located warning."""
    script, diagnostics = read("Shown.\n\nAlso /* hidden\n\nINT. HIDDEN\n")
    assert [plain(e.text) for e in script.elements] == ["Shown.", "Also"]
    assert [(d.code, d.pos) for d in diagnostics] == [
        ("unclosed-boneyard", Pos("t.fountain", 3, 6))
    ]


def test_unclosed_note_warns() -> None:
    """``[[`` never closed in its paragraph stays as text, with a warning."""
    script, diagnostics = read("Look [[here\n\nthere]]\n")
    assert plain(script.elements[0].text) == "Look [[here"
    assert [(d.code, d.pos) for d in diagnostics] == [("unclosed-note", Pos("t.fountain", 1, 6))]


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_line_endings(newline: str) -> None:
    """LF, CRLF and CR give the same elements at the same lines."""
    text = newline.join(["INT. HOUSE", "", "BOB", "Hi.", "", "Bye."]) + newline
    script, _ = read(text)
    assert [e.pos.line for e in script.elements] == [1, 3, 6]
    assert plain(script.elements[1].parts[0].text) == "Hi."


def test_mixed_line_endings_and_bom() -> None:
    """A BOM is dropped and mixed endings count one line each."""
    script, _ = read("\ufeffINT. A\r\n\nBOB\rHi.\r\n\r\nEnd.")
    assert [type(e) for e in script.elements] == [SceneHeading, Speech, Action]
    assert [e.pos.line for e in script.elements] == [1, 3, 6]


def test_positions_of_forced_and_indented_elements() -> None:
    """A position is the first non-blank character, the marker for forced elements."""
    script = elements("\n   !Forced.\n\n\t\tBOB\n\t(beat)\n  Hi.\n")
    speech = script[1]
    assert script[0].pos == Pos("t.fountain", 2, 4)
    assert speech.pos == Pos("t.fountain", 4, 3)
    assert [p.pos.column for p in speech.parts] == [2, 3]


def test_split_cue() -> None:
    """Only trailing bracketed groups are extensions."""
    assert split_cue("EDWARD (V.O.)(CONT’D)") == ("EDWARD", ("V.O.", "CONT’D"))
    assert split_cue("BOB (X) JONES") == ("BOB (X) JONES", ())
    assert split_cue("  TROY  /  ABED ") == ("TROY / ABED", ())


# --- Files -----------------------------------------------------------------------------------


def test_missing_file_is_an_error_not_an_exception(tmp_path: Path) -> None:
    """An unreadable file gives ``file-unreadable`` and an empty script."""
    diagnostics = Diagnostics()
    script = read_fountain_file(tmp_path / "nope.fountain", diagnostics, source="nope.fountain")
    assert script.elements == () and script.title_page is None
    assert [(d.severity, d.code, d.pos) for d in diagnostics] == [
        ("error", "file-unreadable", Pos("nope.fountain"))
    ]


def test_cp1252_file_is_read_with_a_warning(tmp_path: Path) -> None:
    """Bytes that are not UTF-8 are read as Windows-1252 and the first bad byte is located."""
    path = tmp_path / "old.fountain"
    path.write_bytes(b"INT. CAF\xc9\r\n\r\nHe says \x93hi\x94.\r\n")
    diagnostics = Diagnostics()
    script = read_fountain_file(path, diagnostics, source="old.fountain")
    assert plain(script.elements[0].text) == "INT. CAFÉ"
    assert plain(script.elements[1].text) == "He says \u201chi\u201d."
    assert [(d.code, d.pos) for d in diagnostics] == [("not-utf8", Pos("old.fountain", 1, 9))]


def test_utf8_bom_file(tmp_path: Path) -> None:
    """A UTF-8 BOM at the start of a file is not text."""
    path = tmp_path / "bom.fountain"
    path.write_bytes(b"\xef\xbb\xbfTitle: Bom\n\nINT. A\n")
    diagnostics = Diagnostics()
    script = read_fountain_file(path, diagnostics)
    assert script.title == "Bom" and not diagnostics.items
    assert script.title_page.pos.column == 1


# --- The corpus ------------------------------------------------------------------------------

# Element counts measured with the reader and cross-checked against the files: headings,
# transitions, page breaks, sections and synopses by grep; speeches by counting upper-case
# lines with a blank line before and text after (Big Fish: 192 INT/EXT lines, 194 minus two
# ``INTERCUT`` lines; its Final Draft file has 202 scenes because ten of them are shots such
# as ``A RIVER.``, which Fountain reads as action).
CORPUS_COUNTS = {
    "big_fish.fountain": {
        "Action": 864, "PageBreak": 1, "SceneHeading": 192, "Speech": 768, "Transition": 34,
    },
    "brick_and_steel.fountain": {
        "Action": 23, "DualDialogue": 1, "SceneHeading": 8, "Speech": 18, "Transition": 7,
    },
    "the_last_birthday_card.fountain": {
        "Action": 129, "SceneHeading": 48, "Section": 28, "Speech": 134, "Synopsis": 7,
        "Transition": 22,
    },
    "charade_1963.fountain": {
        "Action": 986, "Lyrics": 5, "SceneHeading": 209, "Speech": 1217, "Transition": 1,
    },
    "bright__max_landis.fountain": {
        "Action": 590, "SceneHeading": 101, "Speech": 747, "Transition": 1,
    },
    "community_3x03_remedial_chaos_theory.fountain": {
        "Action": 260, "SceneHeading": 36, "Speech": 313,
    },
}  # fmt: skip

# Warnings that the corpus earns honestly: notes that run across a blank line.
CORPUS_WARNINGS = {
    "edge-cases/afterwriting-tests/client.fountain": ["unclosed-note"],
    "edge-cases/afterwriting-tests/test.fountain": ["unclosed-note"],
    "edge-cases/screenplain-tests/notes.fountain": ["unclosed-note"],
}


def corpus_files(corpus: Path) -> list[Path]:
    return sorted((corpus / "fountain").rglob("*.fountain"))


def test_every_corpus_file_reads(corpus: Path) -> None:
    """Every corpus Fountain file reads without an exception or an unexpected warning."""
    files = corpus_files(corpus)
    assert len(files) >= 60
    for path in files:
        diagnostics = Diagnostics()
        script = read_fountain_file(path, diagnostics, source=path.name)
        name = path.relative_to(corpus / "fountain").as_posix()
        assert diagnostics.codes() == CORPUS_WARNINGS.get(name, []), name
        assert script.elements, name
        n_lines = len(path.read_bytes().splitlines()) + 1
        for e in script.elements:
            assert 1 <= e.pos.line <= n_lines and e.pos.file == path.name


@pytest.mark.parametrize("name", sorted(CORPUS_COUNTS))
def test_corpus_element_counts(corpus: Path, name: str) -> None:
    """The main scripts give the element counts verified by reading them."""
    script = read_fountain_file(corpus / "fountain" / name, Diagnostics())
    assert dict(Counter(type(e).__name__ for e in script.elements)) == CORPUS_COUNTS[name]


def test_big_fish_title_page_and_landmarks(corpus: Path) -> None:
    """Big Fish: title page with a multi-line Notes value, the epigraph page, and the end."""
    script = read_fountain_file(corpus / "fountain" / "big_fish.fountain", Diagnostics(), "bf")
    page = script.title_page
    assert page is not None
    assert [f.key for f in page.fields] == [
        "Title", "Credit", "Author", "Source", "Notes", "Copyright",
    ]  # fmt: skip
    assert page.text("notes").splitlines() == [
        "FINAL PRODUCTION DRAFT",
        "includes post-production dialogue",
        "and omitted scenes",
    ]
    first, page_break, fade_in = script.elements[:3]
    assert isinstance(first, Action) and plain(first.text).startswith("This is a Southern story")
    assert isinstance(page_break, PageBreak) and page_break.pos == Pos("bf", 13, 1)
    assert fade_in.text == (TextRun("FADE IN:", bold=True),)
    last = script.elements[-1]
    assert isinstance(last, Action) and last.alignment == "center"
    assert last.text == (TextRun("THE END", bold=True, underline=True),)


def test_brick_and_steel_line_endings_give_one_model(corpus: Path) -> None:
    """Brick & Steel with LF, CRLF, CR and mixed endings reads to one model.

    The corpus "crlf" copy arrived with LF endings, so CRLF and CR are made from the LF copy;
    the main corpus copy really has mixed CRLF and LF.
    """
    folder = corpus / "fountain" / "edge-cases" / "betterfountain-line-endings"
    lf_text = (folder / "brick_and_steel_lf.fountain").read_text(encoding="utf-8")
    lf = read_fountain(lf_text, "s", Diagnostics())
    crlf = read_fountain(lf_text.replace("\n", "\r\n"), "s", Diagnostics())
    cr = read_fountain(lf_text.replace("\n", "\r"), "s", Diagnostics())
    both = read_fountain_file(folder / "brick_and_steel_crlf.fountain", Diagnostics(), "s")
    mixed_path = corpus / "fountain" / "brick_and_steel.fountain"
    assert b"\r\n" in mixed_path.read_bytes()
    mixed = read_fountain_file(mixed_path, Diagnostics(), "s")
    assert lf == crlf == cr == both  # the same lines and columns too
    assert strip_positions(mixed) == strip_positions(lf)


def test_japanese_script_has_no_cues(corpus: Path) -> None:
    """jp.fountain: a full-width colon title page, and no upper case so no speeches."""
    path = corpus / "fountain" / "edge-cases" / "afterwriting-tests" / "jp.fountain"
    script = read_fountain_file(path, Diagnostics())
    assert script.title == "映画"
    assert not any(isinstance(e, Speech) for e in script.elements)


def test_big_fish_parses_fast(corpus: Path) -> None:
    """Big Fish (4,600 lines) parses in well under a second even on a busy machine."""
    text = (corpus / "fountain" / "big_fish.fountain").read_text(encoding="utf-8")
    best = min(_timed(text) for _ in range(3))
    assert best < 0.25, f"{best * 1000:.0f} ms"


def _timed(text: str) -> float:
    """CPU seconds of this process for one read: a quadratic path over 40,000 lines costs
    minutes, a linear one well under a second, whatever else the machine is doing."""
    start = time.process_time()
    read_fountain(text, "t", Diagnostics())
    return time.process_time() - start


# --- Jouvence's table-driven cases -----------------------------------------------------------

_JOUVENCE_KINDS = {
    "@": "cue",
    "=": "dialogue",
    "_": "paren",
    ".": "heading",
    ">": "transition",
    "~": "lyrics",
    "#": "section",
    "+": "synopsis",
}


def _markdown(text: str) -> str:
    """Jouvence keeps emphasis markers in its expected text; compare printed text."""
    return plain(styled(text.split("\n")))


def jouvence_expected(out: list[str], has_title: bool) -> list[tuple[str, str]]:
    """Map Jouvence's ``out:`` list to (kind, text) pairs in our terms.

    Jouvence runs consecutive action paragraphs, and the blank lines around them, into one
    action string; we keep one Action per paragraph, with blank lines beyond the first as
    leading newlines. So an action string is split at blank lines, after dropping the newline
    that only separates it from the element before, and trailing newlines (blank lines before
    a non-action element, which print nothing).
    """
    expected: list[tuple[str, str]] = []
    for index, item in enumerate(out):
        if item == "<pagebreak>":
            expected.append(("pagebreak", ""))
            continue
        kind, text = item[0], item[1:]
        if kind != "!":
            value = text if kind in "#+" else _markdown(text)
            expected.append((_JOUVENCE_KINDS[kind], value))
            continue
        if text.startswith("><"):
            expected.append(("center", _markdown(text[2:].strip("\n"))))
            continue
        if (index > 0 or has_title) and text.startswith("\n"):
            text = text[1:]
        text = text.rstrip("\n")
        for para in text.split("\n\n") if text else []:
            lines = _markdown(para).split("\n")
            expected.append(("action", "\n".join(line.rstrip() for line in lines)))
    return expected


def jouvence_actual(script: Screenplay) -> list[tuple[str, str]]:
    got: list[tuple[str, str]] = []

    def speech(s: Speech) -> None:
        got.append(("cue", s.cue))
        for p in s.parts:
            kind = {Dialogue: "dialogue", Parenthetical: "paren", Lyrics: "lyrics"}[type(p)]
            got.append((kind, plain(p.text)))

    for e in script.elements:
        match e:
            case Action(alignment="center"):
                got.append(("center", plain(e.text)))
            case Action():
                got.append(("action", plain(e.text)))
            case Speech():
                speech(e)
            case DualDialogue():
                speech(e.left)
                speech(e.right)
            case SceneHeading():
                got.append(("heading", plain(e.text)))
            case Transition():
                got.append(("transition", plain(e.text)))
            case Lyrics():
                got.append(("lyrics", plain(e.text)))
            case PageBreak():
                got.append(("pagebreak", ""))
            case Section():
                got.append(("section", e.text))
            case Synopsis():
                got.append(("synopsis", e.text))
            case _:
                got.append((type(e).__name__, ""))
    return got


def jouvence_cases() -> list:
    folder = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "fountain"
    folder = folder / "edge-cases" / "jouvence-tests-yaml"
    if not folder.is_dir():
        return [pytest.param(None, id="no-corpus")]
    cases = []
    for path in sorted(folder.glob("*.yaml")):
        docs = [d for d in yaml.safe_load_all(path.read_text(encoding="utf-8")) if d]
        for n, doc in enumerate(docs):
            cases.append(pytest.param(doc, id=f"{path.stem}-{n}"))
    return cases


@pytest.mark.parametrize("case", jouvence_cases())
def test_jouvence_case(case: dict | None, corpus: Path) -> None:
    """Jouvence's expected element list, mapped to our element kinds."""
    assert case is not None
    script, diagnostics = read(case["in"])
    assert not diagnostics.items
    assert jouvence_actual(script) == jouvence_expected(case.get("out") or [], "title" in case)
    if "title" in case:
        want = {k.lower(): _markdown(str(v)) for k, v in (case["title"] or {}).items()}
        page = script.title_page
        got = {f.key.lower(): page.text(f.key) for f in page.fields} if page else {}
        assert got == want


# --- Invariants ------------------------------------------------------------------------------

# Pieces of Fountain syntax, joined at random: more likely than plain text to hit the rules.
FOUNTAINISH = st.lists(
    st.sampled_from(
        list("\r\n\t *_[]/~^@><#=!.():\\a")
        + ["[[", "]]", "/*", "*/", "INT. ", "EXT ", "BOB", "bob", "TO:", "  \n", "\u00e9", "ジ"]
    ),
    max_size=120,
).map("".join)


def _check_positions(script: Screenplay, text: str) -> None:
    real = _LINES.split(text.removeprefix("\ufeff"))

    def check(pos: Pos) -> None:
        assert pos.file == "t.fountain"
        assert 1 <= pos.line <= len(real)
        assert 1 <= pos.column <= len(real[pos.line - 1]) + 1

    def walk(obj: object) -> None:
        if isinstance(obj, Pos):
            check(obj)
        elif is_dataclass(obj) and not isinstance(obj, type):
            for f in fields(obj):
                walk(getattr(obj, f.name))
        elif isinstance(obj, tuple):
            for x in obj:
                walk(x)

    walk(script.elements)
    walk(script.title_page)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=300), FOUNTAINISH))
def test_any_text_reads_without_raising(text: str) -> None:
    """Any text reads without raising, and every position lies inside the file."""
    script, diagnostics = read(text)
    _check_positions(script, text)
    for d in diagnostics:
        assert d.severity == "warning" and d.pos is not None


@pytest.mark.parametrize(
    "text",
    [
        "*a" * 40_000,
        "_" * 80_000,
        "[[" * 40_000,
        "/*\n" * 40_000,
        "[[\n" * 40_000,
        "(\n" * 40_000,
        "BOB\n" + "(x\n" * 40_000,
        "a" + " " * 80_000 + ":",
        "INT. X" + " " * 80_000 + "#",
        "Title: x\n" + "   y\n" * 40_000,
        "~a\n" * 40_000 + "b",
        "> a <\n" * 40_000,
    ],
    ids=lambda t: repr(t[:8]),
)
def test_pathological_inputs_stay_linear(text: str) -> None:
    """Inputs built to trip backtracking or rescans still read in a fraction of a second."""
    assert _timed(text) < 2.0


def test_utf16_file_with_bom_reads_like_utf8(tmp_path: Path) -> None:
    """A script saved as 'Unicode' (UTF-16 with BOM) by a Windows editor reads cleanly."""
    text = "INT. KITCHEN - NIGHT\n\nJo stirs a pot.\n"
    (tmp_path / "a.fountain").write_bytes(text.encode("utf-16"))
    d = Diagnostics()
    script = read_fountain_file(tmp_path / "a.fountain", d, "a.fountain")
    assert not d.items
    assert plain(script.elements[0].text) == "INT. KITCHEN - NIGHT"
