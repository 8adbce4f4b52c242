"""The Final Draft writer: document structure, settings, and round trips through read_fdx."""

from __future__ import annotations

import xml.etree.ElementTree as ET
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
    ElementFormat,
    General,
    Lyrics,
    Note,
    PageBreak,
    Parenthetical,
    RevisionSet,
    SceneFacts,
    SceneHeading,
    Screenplay,
    ScriptSettings,
    Section,
    Shot,
    Speech,
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
from paperwork.readers.fdx import read_fdx
from paperwork.readers.fountain import read_fountain_file
from paperwork.writers.fdx import DEFAULT_FORMATS, write_fdx

P = Pos("t.fdx", 1)
GENUINE = (
    "big_fish__finaldraft.fdx",
    "clean_code_e17__unclebob.fdx",
    "tangle__fd13_sample.fdx",
    "tangle__fd12_sample.fdx",
    "fd13_reference_all_element_types.fdx",
    "national_stupidity__thirdparty_export.fdx",
    "edge-cases/scripttool-pairs/sample-04.fdx",
)


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


def _roman(text: StyledText) -> StyledText:
    return tuple(replace(r, italic=False) for r in text)


def as_fdx_keeps_it(obj: object) -> object:
    """The model as FDX can hold it: no ``forced`` flags, lyrics as lyrics but their own
    italics gone (they print in italics anyway), sections deeper than 5 at 5.
    (Boneyard and inline notes never reach the model.)"""
    match obj:
        case tuple():
            return tuple(as_fdx_keeps_it(x) for x in obj)
        case Speech():
            parts = tuple(
                Lyrics(_roman(p.text), p.pos) if isinstance(p, Lyrics) else p for p in obj.parts
            )
            return replace(obj, parts=parts, forced=False)
        case DualDialogue():
            return replace(obj, left=as_fdx_keeps_it(obj.left), right=as_fdx_keeps_it(obj.right))
        case Lyrics():
            return Lyrics(_roman(obj.text), obj.pos)
        case Section() if obj.level > 5:
            return replace(obj, level=5)
        case SceneHeading() | Action() | Transition():
            return replace(obj, forced=False)
    return obj


def read_back(script: Screenplay) -> Screenplay:
    diagnostics = Diagnostics()
    result = read_fdx(write_fdx(script), "t.fdx", diagnostics)
    assert not diagnostics.items, [str(d) for d in diagnostics]
    return result


def model(*elements: Element, title: TitlePage | None = None, **kw: object) -> Screenplay:
    return Screenplay("t.fountain", title, elements, **kw)  # type: ignore[arg-type]


def content(data: bytes) -> list[ET.Element]:
    return list(ET.fromstring(data).find("Content"))


def texts(para: ET.Element) -> list[tuple[str, str]]:
    return [(t.get("Style", "?"), t.text or "") for t in para.findall("Text")]


# --- The document ----------------------------------------------------------------------------


def test_declaration_root_and_determinism() -> None:
    """The XML declaration and root Final Draft expects; the same bytes every time."""
    script = model(SceneHeading(runs("INT. HOUSE"), P, number="1"))
    data = write_fdx(script)
    assert data.startswith(
        b'<?xml version="1.0" encoding="UTF-8" standalone="no" ?>\n'
        b'<FinalDraft DocumentType="Script" Template="No" Version="5">\n  <Content>\n'
    )
    assert data == write_fdx(script)
    assert b" id=" not in data


def test_paragraph_types_and_text_runs() -> None:
    """Each element becomes the paragraph Final Draft uses for it, with styled runs."""
    data = write_fdx(
        model(
            SceneHeading(runs("INT. HOUSE - DAY"), P, number="12A"),
            Action(
                (TextRun("Plain "), TextRun("bold", bold=True), TextRun(" & <tag>", italic=True)),
                P,
            ),
            Action(runs("THE END"), P, alignment="center"),
            Speech(
                "EDWARD",
                ("V.O.",),
                (
                    Parenthetical(runs("(beat)"), P),
                    Dialogue(runs("Line one.\nLine two."), P),
                    Lyrics(runs("La la."), P),
                ),
                P,
            ),
            Transition(runs("CUT TO:"), P),
            Shot(runs("CLOSE ON THE RING"), P),
            General(runs("ACT ONE"), P, element_type="New Act", alignment="center"),
            Lyrics(runs("Sung alone."), P),
            Section(2, "Sequence", P),
            Synopsis("What happens.", P),
            Note("Fix this.", P),
        )
    )
    paras = content(data)
    assert [(p.get("Type"), p.get("Number"), p.get("Alignment")) for p in paras] == [
        ("Scene Heading", "12A", None),
        ("Action", None, None),
        ("Action", None, "Center"),
        ("Character", None, None),
        ("Parenthetical", None, None),
        ("Dialogue", None, None),
        ("Dialogue Lyrics", None, None),
        ("Transition", None, None),
        ("Shot", None, None),
        ("New Act", None, "Center"),
        ("Lyrics", None, None),
        ("Outline 2", None, None),
        ("Summary", None, None),
        ("Note", None, None),
    ]
    assert texts(paras[1]) == [("", "Plain "), ("Bold", "bold"), ("Italic", " & <tag>")]
    assert b"&amp; &lt;tag&gt;" in data
    assert texts(paras[3]) == [("", "EDWARD (V.O.)")]
    assert texts(paras[5]) == [("", "Line one.\nLine two.")]
    assert texts(paras[6]) == [("Italic", "La la.")]
    assert texts(paras[10]) == [("Italic", "Sung alone.")]
    assert texts(paras[11]) == [("Bold+HiddenText", "Sequence")]
    assert texts(paras[12]) == [("HiddenText", "What happens.")]
    assert texts(paras[13]) == [("Italic+HiddenText", "Fix this.")]
    assert paras[9].get("StartsNewPage") == "No"  # New Act would start a page by default


def test_dual_dialogue_is_wrapped() -> None:
    """Dual dialogue: a General paragraph holding ``<DualDialogue>`` with both speeches."""
    dual = DualDialogue(
        Speech("BRICK", (), (Dialogue(runs("Yes."), P),), P),
        Speech("STEEL", (), (Parenthetical(runs("(no)"), P), Dialogue(runs("No."), P)), P),
        P,
    )
    (wrapper,) = content(write_fdx(model(dual)))
    assert wrapper.get("Type") == "General"
    inner = wrapper.find("DualDialogue")
    assert [(p.get("Type"), texts(p)[0][1]) for p in inner] == [
        ("Character", "BRICK"),
        ("Dialogue", "Yes."),
        ("Character", "STEEL"),
        ("Parenthetical", "(no)"),
        ("Dialogue", "No."),
    ]


def test_page_breaks_start_the_next_paragraph() -> None:
    """A page break is ``StartsNewPage`` on what follows; two in a row hold an empty page."""
    paras = content(
        write_fdx(
            model(
                Action(runs("A."), P),
                PageBreak(P),
                Action(runs("B."), P),
                PageBreak(P),
                PageBreak(P),
                Action(runs("C."), P),
                PageBreak(P),
            )
        )
    )
    assert [(texts(p)[0][1] if texts(p) else "", p.get("StartsNewPage")) for p in paras] == [
        ("A.", None),
        ("B.", "Yes"),
        ("", "Yes"),
        ("C.", "Yes"),
    ]


def test_revision_ids_on_runs_and_revision_sets() -> None:
    """Revised runs carry ``RevisionID``; the script's revision sets are written out."""
    sets = (
        RevisionSet(1, "Blue Rev. (06/12/24)", page_colour="#C6C6EDEDFEFE"),
        RevisionSet(2, "Pink Rev. (07/12/24)", page_colour="#FDFDCCCCD4D4"),
    )
    script = model(
        Action((TextRun("Old. "), TextRun("New.", revision=2)), P),
        settings=ScriptSettings(revisions=sets, active_revision=2, revision_location=7.75),
    )
    data = write_fdx(script)
    root = ET.fromstring(data)
    runs_ = root.find("Content/Paragraph").findall("Text")
    assert [r.get("RevisionID") for r in runs_] == [None, "2"]
    revisions = root.find("Revisions")
    assert revisions.get("ActiveSet") == "2" and revisions.get("Location") == "7.75"
    assert [(r.get("ID"), r.get("Name"), r.get("PageColor")) for r in revisions] == [
        ("1", "Blue Rev. (06/12/24)", "#C6C6EDEDFEFE"),
        ("2", "Pink Rev. (07/12/24)", "#FDFDCCCCD4D4"),
    ]
    again = read_back(script)
    assert again.elements[0].text[1] == TextRun("New.", revision=2)
    assert again.settings.revisions == sets and again.settings.active_revision == 2


def test_no_revisions_element_without_revision_sets() -> None:
    """A script with no revision sets gets no ``<Revisions>``."""
    assert ET.fromstring(write_fdx(model(Action(runs("A."), P)))).find("Revisions") is None


def test_default_settings_are_final_draft_13s() -> None:
    """Element settings, page layout, mores and scene numbers default to FD13's template."""
    root = ET.fromstring(write_fdx(model(Action(runs("A."), P))))
    specs = {
        es.get("Type"): es.find("ParagraphSpec").attrib for es in root.findall("ElementSettings")
    }
    assert {"Scene Heading", "Action", "Character", "Parenthetical", "Dialogue"} <= set(specs)
    assert (specs["Character"]["LeftIndent"], specs["Character"]["RightIndent"]) == (
        "3.50",
        "7.25",
    )
    assert specs["Parenthetical"]["FirstIndent"] == "-0.10"
    assert specs["Scene Heading"]["SpaceBefore"] == "24"
    assert specs["Transition"]["Alignment"] == "Right"
    assert "Lyrics" not in specs and "Dialogue Lyrics" not in specs  # only defined when used
    layout = root.find("PageLayout")
    assert (layout.get("TopMargin"), layout.get("BottomMargin")) == ("72", "72")
    assert layout.find("PageSize").attrib == {"Height": "11.00", "Width": "8.50"}
    breaks = root.find("MoresAndContinueds/DialogueBreaks")
    assert (breaks.get("DialogueBottom"), breaks.get("DialogueTop")) == ("(MORE)", "(CONT'D)")
    numbers = root.find("SceneNumberOptions")
    assert (numbers.get("LeftLocation"), numbers.get("RightLocation")) == ("0.75", "7.38")
    settings_ = read_back(model(Action(runs("A."), P))).settings
    assert settings_.element("Dialogue") == DEFAULT_FORMATS["Dialogue"]


def test_script_settings_are_written() -> None:
    """A script's own layout (an A4 file with wide margins) goes out as it came in."""
    own = ScriptSettings(
        page_width=8.27,
        page_height=11.69,
        top_margin=90,
        bottom_margin=62,
        elements=(("Action", ElementFormat(1.25, 7.25, space_before=12, paginate_as="Action")),),
        dialogue_more="(more)",
        dialogue_continued="(cont'd)",
        scene_continueds=True,
        number_scheme="A1",
    )
    again = read_back(model(Action(runs("A."), P), settings=own)).settings
    for f in fields(own):
        want = getattr(own, f.name)
        if f.name == "elements":
            assert again.element("Action") == own.element("Action")
        elif want is not None and want != ():
            assert getattr(again, f.name) == want, f.name


def test_scene_properties_are_kept() -> None:
    """Final Draft's stored page, length, title, colour and summary survive a rewrite."""
    facts = (SceneFacts(0, page="3", length="1 3/8", title="Meet", colour="#FFFF00000000"),)
    script = model(
        SceneHeading(runs("INT. A"), P, number="4"), Action(runs("x"), P), scene_facts=facts
    )
    assert strip_positions(read_back(script).scene_facts) == strip_positions(facts)


def test_xml_cannot_hold_control_characters() -> None:
    """Characters XML forbids are dropped rather than making a file no one can open."""
    data = write_fdx(model(Action(runs("bell\x07 and nul\x00 and\r\nbreak"), P)))
    assert plain(read_back(model(Action(runs("bell\x07"), P))).elements[0].text) == "bell"
    assert texts(content(data)[0]) == [("", "bell and nul and\nbreak")]


# --- Title page ------------------------------------------------------------------------------


def test_title_page_layout() -> None:
    """Title, credit and author centred; draft date right; contact bottom left."""
    page = TitlePage(
        (
            TitleField("Title", ((TextRun("BIG FISH", bold=True),),), P),
            TitleField("Credit", (runs("written by"),), P),
            TitleField("Author", (runs("John August"),), P),
            TitleField("Draft date", (runs("1/1/2003"),), P),
            TitleField("Contact", (runs("Columbia"), runs("Culver City")), P),
        ),
        P,
    )
    root = ET.fromstring(write_fdx(model(Action(runs("A."), P), title=page)))
    paras = list(root.find("TitlePage/Content"))
    filled = [(i, p.get("Alignment"), texts(p)) for i, p in enumerate(paras) if texts(p)]
    assert [(a, t) for _, a, t in filled] == [
        ("Center", [("Bold", "BIG FISH")]),
        ("Center", [("", "written by")]),
        ("Center", [("", "John August")]),
        ("Right", [("", "1/1/2003")]),
        ("Left", [("", "Columbia")]),
        ("Left", [("", "Culver City")]),
    ]
    assert filled[0][0] == 17 and filled[-1][0] == 51  # the title a third down; contact low
    again = read_back(model(Action(runs("A."), P), title=page)).title_page
    assert [(f.key, [plain(x) for x in f.lines]) for f in again.fields] == [
        ("Title", ["BIG FISH"]),
        ("Credit", ["written by"]),
        ("Author", ["John August"]),
        ("Draft date", ["1/1/2003"]),
        ("Contact", ["Columbia", "Culver City"]),
    ]


@pytest.mark.parametrize("notes", [False, True])
def test_a_source_that_says_no_based_on_reads_back_as_the_source(notes: bool) -> None:
    """Source: under the Author comes back as Source (not Notes), whatever it says; Notes
    written after it, or straight under the Author, stay Notes."""
    fields = [
        TitleField("Title", (runs("THE SALT ROAD"),), P),
        TitleField("Credit", (runs("Written by"),), P),
        TitleField("Author", (runs("Rhiannon Vell"),), P),
        TitleField("Source", (runs("An original single drama"),), P),
        TitleField("Notes", (runs("Every person is fictional."),), P),
    ]
    if notes:
        del fields[3]  # no Source: Notes straight under the Author
    page = TitlePage(tuple(fields), P)
    again = read_back(model(Action(runs("A."), P), title=page)).title_page
    assert again is not None
    assert [(f.key, [plain(x) for x in f.lines]) for f in again.fields] == [
        (f.key, [plain(x) for x in f.lines]) for f in fields
    ]


def test_lyrics_come_back_as_lyrics_in_a_speech_and_alone() -> None:
    """Sung lines in a speech are Dialogue Lyrics, alone Lyrics; both read back as Lyrics,
    in their place (lyrics alone after a speech are not pulled into it)."""
    speech = Speech(
        "JO", (), (Lyrics(runs("I sang it once"), P), Dialogue(runs("Then stopped."), P)), P
    )
    script = model(speech, Lyrics(runs("Alone again now"), P), Action(runs("A."), P))
    data = write_fdx(script)
    assert [p.get("Type") for p in content(data)] == [
        "Character", "Dialogue Lyrics", "Dialogue", "Lyrics", "Action",
    ]  # fmt: skip
    specs = {es.get("Type"): es for es in ET.fromstring(data).findall("ElementSettings")}
    assert specs["Dialogue Lyrics"].find("Behavior").get("PaginateAs") == "Dialogue"
    assert specs["Lyrics"].find("FontSpec").get("Style") == "Italic"
    assert strip_positions(read_back(script).elements) == strip_positions(script.elements)


# --- Round trips -----------------------------------------------------------------------------


def _title_lines(page: TitlePage | None) -> list[str]:
    if page is None:
        return []
    return sorted(plain(line) for f in page.fields for line in f.lines if plain(line).strip())


@pytest.mark.slow  # renders documents: over a second
def test_fountain_corpus_round_trips_through_fdx(corpus: Path) -> None:
    """Every corpus Fountain file, written as FDX and read back, keeps its elements (as FDX
    can hold them) and every line of its title page (the keys are FDX's reader's guess)."""
    files = sorted((corpus / "fountain").rglob("*.fountain"))
    assert len(files) >= 60
    for path in files:
        original = read_fountain_file(path, Diagnostics(), source="s")
        again = read_back(original)
        assert strip_positions(again.elements) == strip_positions(
            as_fdx_keeps_it(original.elements)
        ), path
        assert _title_lines(again.title_page) == _title_lines(original.title_page), path
        assert again.title == original.title, path


@pytest.mark.parametrize("name", GENUINE)
def test_final_draft_files_round_trip(corpus: Path, name: str) -> None:
    """A Final Draft file read, written and read again keeps its elements, its scenes'
    stored facts, and every setting it stated."""
    original = read_fdx((corpus / "fdx" / name).read_bytes(), "s", Diagnostics())
    again = read_back(original)
    assert strip_positions(again.elements) == strip_positions(original.elements)
    assert strip_positions(again.scene_facts) == strip_positions(original.scene_facts)
    for f in fields(ScriptSettings):
        want = getattr(original.settings, f.name)
        if f.name == "elements":
            assert set(want) <= set(again.settings.elements)
        elif want is not None:
            assert getattr(again.settings, f.name) == want, f.name
    assert _title_lines(again.title_page) == _title_lines(original.title_page)


def _flat_paragraphs(data: bytes) -> list[tuple[str, str]]:
    """(type, line) for every non-empty line of every paragraph, dual dialogue flattened."""
    out: list[tuple[str, str]] = []

    def walk(paragraphs: list[ET.Element]) -> None:
        for p in paragraphs:
            dual = p.find("DualDialogue")
            if dual is not None:
                walk(list(dual))
                continue
            text = "".join(t.text or "" for t in p.findall("Text"))
            out.extend(
                (p.get("Type", ""), line.strip()) for line in text.split("\n") if line.strip()
            )

    walk(list(ET.fromstring(data).find("Content")))
    return out


def test_matches_screenplains_expected_fdx(corpus: Path) -> None:
    """For screenplain's nine test scripts, the same paragraph types and text lines as the
    FDX screenplain expects (it splits dialogue lines into paragraphs; we keep line breaks)."""
    expected = sorted((corpus / "fdx" / "edge-cases" / "screenplain-tests").glob("*.fdx"))
    assert len(expected) == 9
    for fdx in expected:
        source = corpus / "fountain" / "edge-cases" / "screenplain-tests" / f"{fdx.stem}.fountain"
        ours = write_fdx(read_fountain_file(source, Diagnostics()))
        assert _flat_paragraphs(ours) == _flat_paragraphs(fdx.read_bytes()), fdx.stem


# --- Generated models ------------------------------------------------------------------------

TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\r")
    | st.sampled_from("\n\t&<>\"'"),
    min_size=1,
    max_size=20,
)
STYLED = st.lists(
    st.builds(
        TextRun, TEXT, st.booleans(), st.booleans(), st.booleans(), st.sampled_from([0, 0, 1, 3])
    ),
    min_size=1,
    max_size=3,
).map(
    lambda rs: tuple(
        r
        for i, r in enumerate(rs)
        if i == 0
        or (r.bold, r.italic, r.underline, r.revision)
        != (rs[i - 1].bold, rs[i - 1].italic, rs[i - 1].underline, rs[i - 1].revision)
    )
)
NAME = st.text(alphabet="ABCDEFGHIJ KLMNOP.'-", min_size=1, max_size=10).filter(
    lambda s: s.strip() == s and "  " not in s
)
PARTS = st.lists(
    st.one_of(
        STYLED.map(lambda t: Dialogue(t, P)),
        STYLED.map(lambda t: Parenthetical(t, P)),
    ),
    min_size=1,
    max_size=3,
).map(tuple)
SPEECH = st.builds(
    lambda n, e, parts: Speech(n, e, parts, P),
    NAME,
    st.lists(st.sampled_from(["V.O.", "O.S.", "CONT'D"]), max_size=2).map(tuple),
    PARTS,
)
ELEMENT = st.one_of(
    st.builds(lambda t, n: SceneHeading(t, P, number=n), STYLED, st.none() | st.just("7A")),
    st.builds(lambda t, a: Action(t, P, alignment=a), STYLED, st.sampled_from(["left", "center"])),
    SPEECH,
    st.builds(lambda a, b: DualDialogue(a, b, P), SPEECH, SPEECH),
    STYLED.map(lambda t: Transition(t, P)),
    STYLED.map(lambda t: Shot(t, P)),
    st.builds(lambda n, t: Section(n, t, P), st.integers(1, 5), NAME),
    NAME.map(lambda t: Synopsis(t, P)),
    NAME.map(lambda t: Note(t, P)),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(ELEMENT, st.just(PageBreak(P))), max_size=8))
def test_generated_models_round_trip(elements: list[Element]) -> None:
    """Generated models survive write_fdx then read_fdx (single page breaks before content)."""
    # FDX holds a page break only on a following paragraph: keep breaks single and followed.
    cleaned: list[Element] = []
    for e in elements:
        if isinstance(e, PageBreak) and (not cleaned or isinstance(cleaned[-1], PageBreak)):
            continue
        cleaned.append(e)
    while cleaned and isinstance(cleaned[-1], PageBreak):
        cleaned.pop()
    # read_fdx does not yet look for StartsNewPage on a dual-dialogue wrapper.
    cleaned = [
        e
        for i, e in enumerate(cleaned)
        if not (isinstance(e, PageBreak) and isinstance(cleaned[i + 1], DualDialogue))
    ]
    script = model(*cleaned)
    assert strip_positions(read_back(script).elements) == strip_positions(tuple(cleaned))
