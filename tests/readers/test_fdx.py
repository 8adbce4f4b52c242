"""The Final Draft reader: corpus files, settings, and hand-made edge cases."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from paperwork.errors import Diagnostics
from paperwork.model.final_draft import DEFAULT_FORMATS
from paperwork.model.screenplay import (
    Action,
    Dialogue,
    DualDialogue,
    General,
    Note,
    PageBreak,
    Parenthetical,
    SceneHeading,
    Section,
    Shot,
    Speech,
    Synopsis,
    TextRun,
    Transition,
    plain,
)
from paperwork.model.source import Pos
from paperwork.readers.fdx import read_fdx, read_fdx_file, split_cue

GENUINE = (
    "big_fish__finaldraft.fdx",
    "clean_code_e17__unclebob.fdx",
    "tangle__fd13_sample.fdx",
    "tangle__fd12_sample.fdx",
    "fd13_reference_all_element_types.fdx",
    "national_stupidity__thirdparty_export.fdx",
)


def fdx(body: str, extra: str = "") -> bytes:
    """A minimal Final Draft document around some Content paragraphs."""
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="no" ?>\n'
        '<FinalDraft DocumentType="Script" Template="No" Version="1">\n'
        f"<Content>\n{body}\n</Content>\n{extra}</FinalDraft>\n"
    ).encode()


def read(data: bytes) -> tuple:
    diagnostics = Diagnostics()
    script = read_fdx(data, "t.fdx", diagnostics)
    return script, diagnostics


def scenes(script) -> list[SceneHeading]:
    return [e for e in script.elements if isinstance(e, SceneHeading)]


# --- The corpus ------------------------------------------------------------------------------


def test_every_corpus_file_reads_without_errors(corpus: Path) -> None:
    """Every .fdx in the corpus reads with no error diagnostics and some elements."""
    files = sorted((corpus / "fdx").rglob("*.fdx"))
    assert len(files) >= 29
    for path in files:
        diagnostics = Diagnostics()
        script = read_fdx_file(path, diagnostics)
        assert not diagnostics.errors, (path, diagnostics.items)
        assert script.elements, path


@pytest.mark.parametrize("name", GENUINE)
def test_genuine_files_read_without_warnings(corpus: Path, name: str) -> None:
    """Final Draft's own files raise no diagnostic at all."""
    diagnostics = Diagnostics()
    read_fdx_file(corpus / "fdx" / name, diagnostics)
    assert diagnostics.items == []


@pytest.mark.parametrize(
    ("name", "count"),
    [
        ("big_fish__finaldraft.fdx", 202),
        ("clean_code_e17__unclebob.fdx", 171),
        ("tangle__fd13_sample.fdx", 36),
        ("national_stupidity__thirdparty_export.fdx", 26),
    ],
)
def test_scene_counts(corpus: Path, name: str, count: int) -> None:
    """Scene headings and SceneProperties are counted exactly."""
    script = read_fdx_file(corpus / "fdx" / name, Diagnostics())
    assert len(scenes(script)) == count
    assert len(script.scene_facts) == count
    for fact in script.scene_facts:
        assert isinstance(script.elements[fact.heading_index], SceneHeading)


def test_big_fish_content(corpus: Path) -> None:
    """Big Fish: caps from the element, the lower-case (cont'd) run, positions, numbers."""
    script = read_fdx_file(corpus / "fdx" / "big_fish__finaldraft.fdx", Diagnostics(), "bf.fdx")
    first = scenes(script)[0]
    assert plain(first.text) == "A RIVER."
    assert first.number == "1"
    assert first.pos == Pos("bf.fdx", 8)
    second = scenes(script)[1]
    assert plain(second.text) == "INT.  WILL\u2019S BEDROOM - NIGHT (1973)"
    speeches = [e for e in script.elements if isinstance(e, Speech)]
    assert (speeches[0].character, speeches[0].extensions) == ("EDWARD", ("V.O.",))
    assert (speeches[1].character, speeches[1].extensions) == ("EDWARD", ("V.O.", "cont\u2019d"))
    assert speeches[0].pos == Pos("bf.fdx", 18)
    assert isinstance(speeches[0].parts[0], Dialogue)
    assert plain(speeches[0].parts[0].text).startswith("There are some fish")
    opening = script.elements[0]
    assert isinstance(opening, General)
    assert opening.text == (TextRun("FADE IN", bold=True),)
    assert script.scene_facts[-1].page == "120"
    assert script.scene_facts[0].length == "5/8"
    assert sum(isinstance(e, Transition) for e in script.elements) == 36


def test_big_fish_settings(corpus: Path) -> None:
    """Big Fish's own ElementSettings, MoresAndContinueds and scene-number options are read."""
    s = read_fdx_file(corpus / "fdx" / "big_fish__finaldraft.fdx", Diagnostics()).settings
    character = s.element("Character")
    assert character is not None
    assert (character.left_indent, character.right_indent, character.all_caps) == (3.38, 6.25, True)
    paren = s.element("Parenthetical")
    assert paren is not None and paren.first_indent == -0.10
    heading = s.element("Scene Heading")
    assert heading is not None and heading.space_before == 12
    transition = s.element("Transition")
    assert transition is not None and transition.alignment == "right"
    singing = s.element("Singing")
    assert singing is not None and singing.italic and singing.paginate_as == "Singing"
    assert (s.top_margin, s.bottom_margin, s.header_margin) == (72, 72, 36)
    assert s.break_at_sentences is True
    assert (s.dialogue_more, s.dialogue_continued) == ("(MORE)", "(cont'd)")
    assert s.automatic_character_continueds is False
    assert s.scene_continueds is False
    assert (s.scene_number_left_at, s.scene_number_right_at) == (0.75, 7.25)
    assert s.revision_location == 8.00
    assert [r.name for r in s.revisions] == ["Red", "Blue", "Green", "Yellow"]


def test_big_fish_title_page(corpus: Path) -> None:
    """The title page's blocks become Title, Credit, Author, Source... with nothing lost."""
    script = read_fdx_file(corpus / "fdx" / "big_fish__finaldraft.fdx", Diagnostics())
    tp = script.title_page
    assert tp is not None
    assert script.title == "Big Fish"
    assert tp.text("credit") == "written by"
    assert tp.text("author") == "John August"
    assert tp.text("source") == "based on the novel by Daniel Wallace"
    assert tp.text("draft date").splitlines()[0] == "FINAL PRODUCTION DRAFT"
    assert tp.text("copyright") == "Copyright \u00a9 2003 Columbia Pictures"
    assert "truer for their inclusion." in tp.text("notes")


def test_fd13_defaults_and_every_type(corpus: Path) -> None:
    """FD13's template: 24 pt headings, New Act starts a page, outline types do not print."""
    diagnostics = Diagnostics()
    script = read_fdx_file(corpus / "fdx" / "fd13_reference_all_element_types.fdx", diagnostics)
    s = script.settings
    heading = s.element("Scene Heading")
    assert heading is not None and heading.space_before == 24
    character = s.element("Character")
    assert character is not None and (character.left_indent, character.right_indent) == (3.5, 7.25)
    assert s.dialogue_continued == "(CONT'D)" and s.automatic_character_continueds is True
    assert s.number_scheme == "1A"
    assert len(s.revisions) == 19 and s.revisions[0].page_colour == "#C6C6EDEDFEFE"
    kinds = [type(e).__name__ for e in script.elements]
    assert kinds.count("Section") == 3 and kinds.count("Synopsis") == 1
    generals = {e.element_type: e for e in script.elements if isinstance(e, General)}
    assert set(generals) == {"General", "Cast List", "New Act", "Sequence", "End of Act"}
    assert generals["New Act"].paginate_as == "Scene Heading"
    assert generals["New Act"].alignment == "center"
    assert generals["End of Act"].paginate_as == "Character"
    assert generals["Cast List"].paginate_as == "Action"
    new_act = script.elements.index(generals["New Act"])
    assert isinstance(script.elements[new_act - 1], PageBreak)
    sections = [e for e in script.elements if isinstance(e, Section)]
    assert [(x.level, x.text) for x in sections] == [
        (1, "(looking about the room)"),
        (2, "Don\u2019t be an idiot."),
        (3, "You know we\u2019ve"),
    ]
    notes = [e for e in script.elements if isinstance(e, Note)]
    assert [n.text for n in notes] == ["been invited to A"]
    assert any(isinstance(e, Shot) for e in script.elements)


def test_tangle_dual_dialogue_and_outline(corpus: Path) -> None:
    """Tangle: six dual dialogues, outline sections, synopses, SceneProperties facts."""
    script = read_fdx_file(corpus / "fdx" / "tangle__fd13_sample.fdx", Diagnostics(), "t.fdx")
    duals = [e for e in script.elements if isinstance(e, DualDialogue)]
    assert len(duals) == 6
    assert (duals[0].left.character, duals[0].right.character) == ("MOSSY", "TANGLE")
    assert plain(duals[0].right.parts[0].text) == "You."
    assert duals[0].pos == Pos("t.fdx", 547)
    heads = scenes(script)
    # Only the heading's own <Text>, not the nested arc-beat paragraphs, and its caps.
    assert plain(heads[0].text) == "INT. HOME LIBRARY - DAY"
    assert heads[1].text == (TextRun("KITCHEN - NIGHT (FLASHBACK)", bold=True, italic=True),)
    assert heads[0].number is None
    fact = script.scene_facts[0]
    assert (fact.page, fact.length, fact.title) == ("1", "5/8", "Meet Tangle")
    assert fact.colour == "#D7D78383FFFF"
    assert isinstance(script.elements[0], Section) and script.elements[0].text == "Act One"
    assert any(isinstance(e, Synopsis) for e in script.elements)


def test_fd12_summaries_in_scene_properties(corpus: Path) -> None:
    """FD12 keeps scene summaries inside SceneProperties: they land in SceneFacts.summary."""
    script = read_fdx_file(corpus / "fdx" / "tangle__fd12_sample.fdx", Diagnostics())
    summaries = [f.summary for f in script.scene_facts if f.summary]
    assert len(summaries) == 12


def test_scripttool_sample_04_margins(corpus: Path) -> None:
    """An FD10-era template: 90/62 pt margins and 1.25"/7.25" action indents."""
    path = corpus / "fdx" / "edge-cases" / "scripttool-pairs" / "sample-04.fdx"
    s = read_fdx_file(path, Diagnostics()).settings
    assert (s.top_margin, s.bottom_margin) == (90, 62)
    action = s.element("Action")
    assert action is not None and (action.left_indent, action.right_indent) == (1.25, 7.25)


def test_script_notes_and_synopsis_edge_cases(corpus: Path) -> None:
    """Afterwriting's ScriptNote becomes a Note; a SceneProperties summary a SceneFacts summary."""
    base = corpus / "fdx" / "edge-cases" / "afterwriting-tests"
    script = read_fdx_file(base / "note.fdx", Diagnostics())
    assert [type(e) for e in script.elements] == [Note, Action]
    assert script.elements[0].text == "Note in action. Note. Note. Note."
    assert plain(script.elements[1].text) == "Action. Action."
    script = read_fdx_file(base / "synopsis.fdx", Diagnostics())
    assert script.scene_facts[0].summary == "Here is the synopsis."
    assert plain(scenes(script)[0].text) == "INT. SCENE HEADING - DAY"


def test_typeless_dual_dialogue_wrapper(corpus: Path) -> None:
    """screenplain writes the DualDialogue wrapper paragraph without a Type."""
    path = corpus / "fdx" / "edge-cases" / "screenplain-tests" / "dual-dialogue.fdx"
    diagnostics = Diagnostics()
    script = read_fdx_file(path, diagnostics)
    assert diagnostics.items == []
    (dual,) = script.elements
    assert isinstance(dual, DualDialogue)
    assert (dual.left.character, dual.right.character) == ("GIRL", "GUY")


# --- Hand-made fixtures ----------------------------------------------------------------------


def test_malformed_xml_is_a_located_error() -> None:
    """A broken tag gives fdx-malformed at the parser's line and column, and no traceback."""
    data = fdx('<Paragraph Type="Action">\n  <Text>Hello</Txet>\n</Paragraph>')
    script, diagnostics = read(data)
    (d,) = diagnostics.items
    assert (d.severity, d.code) == ("error", "fdx-malformed")
    assert d.pos is not None and (d.pos.file, d.pos.line) == ("t.fdx", 5)
    assert d.pos.column > 1
    assert script.elements == ()


def test_empty_file_is_malformed() -> None:
    """Empty bytes are an error, not a crash."""
    _, diagnostics = read(b"")
    assert diagnostics.codes() == ["fdx-malformed"]


def test_billion_laughs_is_rejected() -> None:
    """A DTD with nested entities is refused before any expansion happens."""
    data = (
        b'<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
        b' <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">\n'
        b' <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">\n'
        b']>\n<FinalDraft><Content><Paragraph Type="Action"><Text>&lol2;</Text>'
        b"</Paragraph></Content></FinalDraft>"
    )
    script, diagnostics = read(data)
    (d,) = diagnostics.items
    assert (d.severity, d.code) == ("error", "fdx-unsafe-xml")
    assert d.pos is not None and d.pos.line == 2
    assert script.elements == ()


def test_external_entity_is_rejected() -> None:
    """An external entity (XXE) is refused too."""
    data = (
        b'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
        b"<FinalDraft><Content/></FinalDraft>"
    )
    _, diagnostics = read(data)
    assert diagnostics.codes() == ["fdx-unsafe-xml"]


def test_not_a_final_draft_document() -> None:
    """Well-formed XML with another root is an error at the root's line."""
    _, diagnostics = read(b'<?xml version="1.0"?>\n<html/>')
    (d,) = diagnostics.items
    assert d.code == "fdx-not-final-draft" and d.pos == Pos("t.fdx", 2)


def test_unreadable_file(tmp_path: Path) -> None:
    """A missing file is file-unreadable, named as the caller asked."""
    diagnostics = Diagnostics()
    script = read_fdx_file(tmp_path / "nope.fdx", diagnostics, source="nope.fdx")
    (d,) = diagnostics.items
    assert (d.code, d.pos) == ("file-unreadable", Pos("nope.fdx"))
    assert script.elements == ()


def test_unknown_paragraph_type_is_action_with_a_warning() -> None:
    """A type the file does not define is read as Action, with one located warning per type."""
    data = fdx(
        '<Paragraph Type="Whisper">\n<Text>psst</Text>\n</Paragraph>\n'
        '<Paragraph Type="Whisper">\n<Text>again</Text>\n</Paragraph>'
    )
    script, diagnostics = read(data)
    (d,) = diagnostics.items
    assert (d.severity, d.code, d.pos) == ("warning", "fdx-unknown-paragraph-type", Pos("t.fdx", 4))
    assert [type(e) for e in script.elements] == [Action, Action]
    assert plain(script.elements[0].text) == "psst"


def test_settings_that_leave_values_out_take_final_drafts_defaults() -> None:
    """Settings that state only an outline type's space before keep FD13's indents, bold and
    PaginateAs: the reader starts from the writer's one table of defaults."""
    settings_xml = '<ElementSettings Type="Outline 1">\n<ParagraphSpec SpaceBefore="20"/>\n</ElementSettings>\n'
    script, diagnostics = read(
        fdx('<Paragraph Type="Action"><Text>x</Text></Paragraph>', settings_xml)
    )
    assert diagnostics.items == []
    assert script.settings.element("Outline 1") == replace(
        DEFAULT_FORMATS["Outline 1"], space_before=20
    )


def test_user_defined_type_paginates_as_its_behaviour() -> None:
    """A type with ElementSettings is General, paginated as its Behavior says."""
    settings_xml = (
        '<ElementSettings Type="Singing">\n'
        '<FontSpec Style="Italic"/>\n'
        '<ParagraphSpec Alignment="Left" LeftIndent="2.38" RightIndent="6.25" SpaceBefore="0"/>\n'
        '<Behavior PaginateAs="Dialogue"/>\n</ElementSettings>\n'
        '<ElementSettings Type="Chant">\n<Behavior PaginateAs="Chant"/>\n</ElementSettings>\n'
    )
    data = fdx(
        '<Paragraph Type="Singing"><Text>la la</Text></Paragraph>\n'
        '<Paragraph Type="Chant"><Text>om</Text></Paragraph>',
        settings_xml,
    )
    script, diagnostics = read(data)
    assert diagnostics.items == []
    singing, chant = script.elements
    assert isinstance(singing, General) and singing.element_type == "Singing"
    assert singing.paginate_as == "Dialogue"
    assert singing.text == (TextRun("la la", italic=True),)
    assert isinstance(chant, General) and chant.paginate_as == "Action"


def test_styles_hidden_text_caps_and_revisions() -> None:
    """Run styles apply, AllCaps upper-cases, HiddenText vanishes, RevisionID is kept."""
    data = fdx(
        '<Paragraph Type="Action">\n'
        '<Text Style="Bold+Underline">Loud</Text>'
        '<Text Style="HiddenText"> secret</Text>'
        '<Text Style="AllCaps+Italic"> quiet</Text>'
        '<Text RevisionID="3"> changed</Text>\n</Paragraph>'
    )
    script, _ = read(data)
    (action,) = script.elements
    assert action.text == (
        TextRun("Loud", bold=True, underline=True),
        TextRun(" QUIET", italic=True),
        TextRun(" changed", revision=3),
    )


def test_runs_inherit_the_element_style_unless_they_state_one() -> None:
    """A run without Style takes the element's AllCaps; an explicit Style="" does not."""
    data = fdx(
        '<Paragraph Type="Character"><Text>edward</Text><Text Style=""> (cont\'d)</Text>'
        "</Paragraph>\n"
        '<Paragraph Type="Dialogue"><Text>Hi.</Text></Paragraph>'
    )
    script, _ = read(data)
    (speech,) = script.elements
    assert (speech.character, speech.extensions) == ("EDWARD", ("cont'd",))


def test_only_direct_text_children_count() -> None:
    """Nested SceneProperties paragraphs never leak into the heading's text."""
    data = fdx(
        '<Paragraph Type="Scene Heading" Number="7A">\n'
        '<SceneProperties Length="1 2/8" Page="3" Title="T">\n'
        "<Summary><Paragraph><Text>The summary.</Text></Paragraph></Summary>\n"
        "</SceneProperties>\n<Text>int. house - day</Text>\n</Paragraph>"
    )
    script, _ = read(data)
    (heading,) = script.elements
    assert plain(heading.text) == "INT. HOUSE - DAY" and heading.number == "7A"
    (fact,) = script.scene_facts
    assert (fact.heading_index, fact.page, fact.length, fact.summary) == (
        0,
        "3",
        "1 2/8",
        "The summary.",
    )


def test_speech_grouping_page_breaks_and_centred_action() -> None:
    """Cue, parenthetical and dialogue group; StartsNewPage breaks; centred action stays so."""
    data = fdx(
        '<Paragraph Type="Character"><Text>MOM (V.O.)</Text></Paragraph>\n'
        '<Paragraph Type="Parenthetical"><Text>(softly)</Text></Paragraph>\n'
        '<Paragraph Type="Dialogue"><Text>Sleep.</Text></Paragraph>\n'
        '<Paragraph Type="Action" StartsNewPage="Yes" Alignment="Center">'
        "<Text>THE END</Text></Paragraph>"
    )
    script, _ = read(data)
    speech, page_break, action = script.elements
    assert isinstance(speech, Speech) and speech.cue == "MOM (V.O.)"
    assert [type(p) for p in speech.parts] == [Parenthetical, Dialogue]
    assert isinstance(page_break, PageBreak) and page_break.pos == Pos("t.fdx", 7)
    assert isinstance(action, Action) and action.alignment == "center"


def test_dual_dialogue_with_three_speakers_falls_back() -> None:
    """A DualDialogue that does not hold exactly two speeches prints them in turn, warned."""
    data = fdx(
        "<Paragraph><DualDialogue>\n"
        '<Paragraph Type="Character"><Text>A</Text></Paragraph>'
        '<Paragraph Type="Dialogue"><Text>1</Text></Paragraph>\n'
        '<Paragraph Type="Character"><Text>B</Text></Paragraph>'
        '<Paragraph Type="Dialogue"><Text>2</Text></Paragraph>\n'
        '<Paragraph Type="Character"><Text>C</Text></Paragraph>'
        '<Paragraph Type="Dialogue"><Text>3</Text></Paragraph>\n'
        "</DualDialogue></Paragraph>"
    )
    script, diagnostics = read(data)
    assert diagnostics.codes() == ["fdx-dual-dialogue-shape"]
    assert [e.character for e in script.elements] == ["A", "B", "C"]


@pytest.mark.parametrize(
    ("cue", "expected"),
    [
        ("EDWARD", ("EDWARD", ())),
        ("EDWARD (V.O.)", ("EDWARD", ("V.O.",))),
        ("EDWARD (V.O.)(cont'd)", ("EDWARD", ("V.O.", "cont'd"))),
        ("  MRS.  SMITH  (O.S.) ", ("MRS. SMITH", ("O.S.",))),
        ("BOB (JR.) JONES", ("BOB (JR.) JONES", ())),
        ("(V.O.)", ("(V.O.)", ())),
    ],
)
def test_split_cue(cue: str, expected: tuple[str, tuple[str, ...]]) -> None:
    """Only trailing parenthesised groups are extensions."""
    assert split_cue(cue) == expected


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=300))
def test_never_raises_on_bytes(data: bytes) -> None:
    """Arbitrary bytes never raise; they give a script and maybe diagnostics."""
    script, _ = read(data)
    assert script.source == "t.fdx"


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet='<>/="&; TPCaxyParagraphTextContentFinalDraft\n', max_size=200))
def test_never_raises_on_xmlish_text(text: str) -> None:
    """Tag soup inside a FinalDraft wrapper never raises."""
    read(fdx(text))
