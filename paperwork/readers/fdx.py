"""Final Draft (``.fdx``) reader: XML in, :class:`~paperwork.model.screenplay.Screenplay` out.

The XML is parsed with defusedxml (no DTD, no entity expansion, no external references) into
a light tree that remembers the line of every start tag, so each element of the model points
back at its ``<Paragraph>``. Problems in the user's file become located diagnostics, never
tracebacks: ``fdx-malformed``, ``fdx-unsafe-xml``, ``fdx-not-final-draft``,
``fdx-unknown-paragraph-type`` and friends.

Only the *direct* ``<Text>`` children of a paragraph are its text: a Scene Heading's
``<SceneProperties>`` may nest whole paragraphs (arc beats, summaries, titles), and a
``<ScriptNote>`` holds its own.

A ``<Text>`` run that states a ``Style`` uses exactly that style; one that does not inherits
the style of its element type (``ElementSettings/FontSpec``, or Final Draft's defaults for a
file that has none). That is how Final Draft itself writes runs: the ``(cont'd`` run of a cue in
Big Fish says ``Style=""`` and prints in lower case under an all-caps Character element.

A script tagged with Final Draft's tagger keeps ``<TagData>``: ``<TagCategories>`` (Props,
Vehicles, Makeup/Hair...), ``<TagDefinitions>`` (an element's ``Label`` in a ``CatId``) and
``<Tags>`` (``<Tag Number>`` holding ``<DefId>``s); a tagged run says ``<Text TagNumber="n">``.
Each tagged run becomes a :class:`ScriptTag` in the breakdown category of its definition
(``Screenplay.tags``); a number that names no tag is an ``fdx-unknown-tag`` warning.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from xml.parsers.expat import ErrorString, ExpatError, XMLParserType

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

from paperwork.errors import Diagnostics
from paperwork.model.breakdown import category_of
from paperwork.model.final_draft import DEFAULT_FORMATS
from paperwork.model.screenplay import (
    Action,
    Alignment,
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
    ScriptTag,
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
)
from paperwork.model.source import Pos

__all__ = ["read_fdx", "read_fdx_file", "split_cue"]


# --- A light XML tree with line numbers ------------------------------------------------------


class _Node:
    """One XML element: tag, attributes, the line of its start tag, children, and text."""

    __slots__ = ("tag", "attrs", "line", "children", "parts")

    def __init__(self, tag: str, attrs: dict[str, str], line: int) -> None:
        self.tag = tag
        self.attrs = attrs
        self.line = line
        self.children: list[_Node] = []
        self.parts: list[str] = []

    def get(self, name: str, default: str = "") -> str:
        return self.attrs.get(name, default)

    def find(self, tag: str) -> _Node | None:
        for child in self.children:
            if child.tag == tag:
                return child
        return None

    def findall(self, tag: str) -> Iterator[_Node]:
        return (child for child in self.children if child.tag == tag)

    @property
    def text(self) -> str:
        return "".join(self.parts)


# Top-level elements worth keeping; the rest (SmartType, Macros, Cast, DisplayBoards, spell
# check lists...) is skipped while parsing, which halves the time on a feature script.
_KEEP = frozenset(
    {
        "Content",
        "TitlePage",
        "PageLayout",
        "ElementSettings",
        "MoresAndContinueds",
        "SceneNumberOptions",
        "Revisions",
        "TagData",
    }
)


class _Builder:
    """Expat handlers that build :class:`_Node` trees with the line of every start tag."""

    def __init__(self, expat: XMLParserType) -> None:
        self.expat = expat
        self.stack: list[_Node] = []
        self.root: _Node | None = None
        self.skip = 0  # depth inside a skipped subtree
        self.text: list[str] | None = None  # the parts of the <Text> being read

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        if self.skip:
            self.skip += 1
            return
        if len(self.stack) == 1 and tag not in _KEEP:
            self.skip = 1
            return
        node = _Node(tag, attrs, self.expat.CurrentLineNumber)
        if self.stack:
            self.stack[-1].children.append(node)
        elif self.root is None:
            self.root = node
        self.stack.append(node)
        if tag == "Text" or tag == "DefId":  # DefId: a tag's definition, <Tag><DefId>...
            self.text = node.parts

    def end(self, tag: str) -> None:
        if self.skip:
            self.skip -= 1
        else:
            self.stack.pop()
            self.text = None

    def data(self, text: str) -> None:
        if self.text is not None:
            self.text.append(text)


def _parse_xml(data: bytes, source: str, diagnostics: Diagnostics) -> _Node | None:
    parser = DefusedXMLParser(forbid_dtd=True)
    expat = parser.parser
    builder = _Builder(expat)
    # defusedxml's guards (DTD, entity and external-reference handlers) stay in place; only
    # the element and text handlers are ours, to record line numbers and skip what we ignore.
    expat.ordered_attributes = 0  # attributes as a dict
    expat.StartElementHandler = builder.start
    expat.EndElementHandler = builder.end
    expat.CharacterDataHandler = builder.data
    try:
        expat.Parse(data, True)
        return builder.root
    except ExpatError as err:
        msg = ErrorString(err.code) if err.code is not None else str(err)
        diagnostics.error(
            "fdx-malformed", f"not well-formed XML: {msg}", Pos(source, err.lineno, err.offset + 1)
        )
    except DefusedXmlException as err:
        expat = parser.parser
        diagnostics.error(
            "fdx-unsafe-xml",
            f"the file declares a DTD or entities, which a Final Draft file never does ({err})",
            Pos(source, expat.CurrentLineNumber, expat.CurrentColumnNumber + 1),
        )
    except (ValueError, LookupError) as err:  # e.g. an encoding expat does not know
        diagnostics.error("fdx-malformed", f"cannot read the XML: {err}", Pos(source))
    return None


# --- Element types ---------------------------------------------------------------------------

# Types that print, paginated by a rule set of their own.
_PAGINATE_KINDS = (
    "General",
    "Scene Heading",
    "Action",
    "Character",
    "Parenthetical",
    "Dialogue",
    "Transition",
)
_OUTLINE = {"Outline 1": 1, "Outline 2": 2, "Outline 3": 3, "Outline 4": 4, "Outline 5": 5}
_SYNOPSIS = {"Summary", "Outline Body"}
_NOTES = {"Note", "Beat", "PageGoal"}
_SPEECH_PARTS = {"Parenthetical", "Dialogue", "Dialogue Lyrics"}
_LYRICS = {"Lyrics", "Dialogue Lyrics"}  # sung lines alone, and inside a speech

_ALIGN: dict[str, Alignment] = {
    "Left": "left",
    "Center": "center",
    "Centre": "center",
    "Right": "right",
    "Full": "left",
}


@dataclass(frozen=True, slots=True)
class _Style:
    bold: bool = False
    italic: bool = False
    underline: bool = False
    caps: bool = False
    hidden: bool = False


@functools.lru_cache(maxsize=64)
def _parse_style(value: str) -> _Style:
    parts = {p.strip() for p in value.split("+")}
    return _Style(
        bold="Bold" in parts,
        italic="Italic" in parts,
        underline="Underline" in parts,
        caps="AllCaps" in parts,
        hidden="HiddenText" in parts,
    )


def _format_style(fmt: ElementFormat | None) -> _Style:
    if fmt is None:
        return _Style()
    return _Style(fmt.bold, fmt.italic, fmt.underline, fmt.all_caps)


def _yes(value: str) -> bool | None:
    if value == "Yes":
        return True
    if value == "No":
        return False
    return None


def _float(value: str | None) -> float | None:
    """A finite, plausible measure (points or inches); ``nan``, ``inf``, ``1e300`` are None."""
    if value is None:
        return None
    try:
        number = float(value)
    except ValueError:
        return None
    return number if math.isfinite(number) and abs(number) <= 10_000 else None


# --- Cues ------------------------------------------------------------------------------------

_TRAILING_EXT = re.compile(r"\s*\(([^()]*)\)\s*$")


def split_cue(cue: str) -> tuple[str, tuple[str, ...]]:
    """``EDWARD (V.O.)(cont'd)`` -> ``("EDWARD", ("V.O.", "cont'd"))``.

    Only parenthesised groups at the end of the cue are extensions; a name with brackets in
    the middle keeps them.
    """
    text = cue.strip()
    extensions: list[str] = []
    while True:
        m = _TRAILING_EXT.search(text)
        if m is None or not text[: m.start()].strip():
            break
        extensions.append(m.group(1).strip())
        text = text[: m.start()]
    return " ".join(text.split()), tuple(reversed(extensions))


# --- The reader ------------------------------------------------------------------------------


@dataclass(slots=True)
class _SpeechBuilder:
    character: str
    extensions: tuple[str, ...]
    pos: Pos
    parts: list[SpeechPart] = field(default_factory=list)

    def build(self) -> Speech:
        return Speech(self.character, self.extensions, tuple(self.parts), self.pos)


class _Reader:
    def __init__(self, source: str, diagnostics: Diagnostics) -> None:
        self.source = source
        self.diagnostics = diagnostics
        self.formats: dict[str, ElementFormat] = dict(DEFAULT_FORMATS)
        self.new_page_types: set[str] = {"New Act"}
        self.elements: list[Element] = []
        self.facts: list[SceneFacts] = []
        self.speech: _SpeechBuilder | None = None
        self.pending_notes: list[Note] = []
        self.warned_types: set[str] = set()
        self.default_styles: dict[str, _Style] = {}
        # (TagNumber, the run's <Text> node, index of the element it sits in)
        self.tagged: list[tuple[str, _Node, int]] = []

    def pos(self, node: _Node) -> Pos:
        return Pos(self.source, node.line)

    # -- text runs --

    def runs(self, para: _Node, type_name: str) -> StyledText:
        """The paragraph's direct ``<Text>`` children as styled runs, hidden text dropped."""
        default = self.default_styles.get(type_name)
        if default is None:
            default = self.default_styles[type_name] = _format_style(self.formats.get(type_name))
        out: list[TextRun] = []
        for t in para.children:
            if t.tag != "Text":
                continue
            attrs = t.attrs
            tag_number = attrs.get("TagNumber", "")
            if tag_number and tag_number != "0":
                self.tagged.append((tag_number, t, len(self.elements)))
            style = _parse_style(attrs["Style"]) if "Style" in attrs else default
            if style.hidden:
                continue
            text = t.text
            if not text:
                continue
            if style.caps:
                text = text.upper()
            rid = attrs.get("RevisionID", "0")
            revision = int(rid) if rid != "0" and rid.isdigit() else 0
            run = TextRun(text, style.bold, style.italic, style.underline, revision)
            if out and _same_style(out[-1], run):
                last = out.pop()
                run = TextRun(last.text + run.text, run.bold, run.italic, run.underline, revision)
            out.append(run)
        return tuple(out)

    def sung(self, text: StyledText, type_name: str) -> StyledText:
        """Lyrics' runs without the italics their element prints them in (Fountain's ``~``
        lines are italic by being lyrics, not by a style of their own)."""
        fmt = self.formats.get(type_name)
        if fmt is None or not fmt.italic:
            return text
        return tuple(replace(r, italic=False) for r in text)

    def raw_text(self, para: _Node) -> str:
        """All direct text of a paragraph, hidden or not (for notes, outlines, synopses)."""
        return "".join(t.text for t in para.findall("Text"))

    # -- settings --

    def read_element_settings(self, root: _Node) -> tuple[tuple[str, ElementFormat], ...]:
        found: list[tuple[str, ElementFormat]] = []
        for es in root.findall("ElementSettings"):
            name = es.get("Type")
            if not name:
                continue
            base = self.formats.get(name, ElementFormat(1.50, 7.50, paginate_as="Action"))
            font = es.find("FontSpec")
            spec = es.find("ParagraphSpec")
            behaviour = es.find("Behavior")
            style = _parse_style(font.get("Style")) if font is not None else None
            fmt = ElementFormat(
                left_indent=self.attr_measure(spec, "LeftIndent", base.left_indent),
                right_indent=self.attr_measure(spec, "RightIndent", base.right_indent),
                first_indent=self.attr_measure(spec, "FirstIndent", base.first_indent),
                space_before=self.attr_measure(spec, "SpaceBefore", base.space_before),
                alignment=_ALIGN.get(spec.get("Alignment"), base.alignment)
                if spec is not None
                else base.alignment,
                all_caps=style.caps if style is not None else base.all_caps,
                bold=style.bold if style is not None else base.bold,
                italic=style.italic if style is not None else base.italic,
                underline=style.underline if style is not None else base.underline,
                paginate_as=(behaviour.get("PaginateAs") if behaviour is not None else "")
                or base.paginate_as,
                size=self.attr_measure(font, "Size", base.size),
                spacing=self.attr_measure(spec, "Spacing", base.spacing),
            )
            self.formats[name] = fmt
            if spec is not None and spec.get("StartsNewPage") in ("Yes", "No"):
                if spec.get("StartsNewPage") == "Yes":
                    self.new_page_types.add(name)
                else:
                    self.new_page_types.discard(name)
            found.append((name, fmt))
        return tuple(found)

    def read_settings(self, root: _Node) -> ScriptSettings:
        """What the file states about its layout; ``None`` (the default) where it is silent."""
        settings = ScriptSettings(elements=self.read_element_settings(root))
        layout = root.find("PageLayout")
        if layout is not None:
            size = layout.find("PageSize")
            settings = replace(
                settings,
                top_margin=self.measure(layout, "TopMargin"),
                bottom_margin=self.measure(layout, "BottomMargin"),
                header_margin=self.measure(layout, "HeaderMargin"),
                footer_margin=self.measure(layout, "FooterMargin"),
                break_at_sentences=_yes(layout.get("BreakDialogueAndActionAtSentences")),
                page_width=self.measure(size, "Width") if size is not None else None,
                page_height=self.measure(size, "Height") if size is not None else None,
            )
        mores = root.find("MoresAndContinueds")
        dialogue = mores.find("DialogueBreaks") if mores is not None else None
        if dialogue is not None:
            settings = replace(
                settings,
                dialogue_more=dialogue.attrs.get("DialogueBottom"),
                dialogue_continued=dialogue.attrs.get("DialogueTop"),
                more_at_bottom=_yes(dialogue.get("BottomOfPage")),
                continued_at_top=_yes(dialogue.get("TopOfNext")),
                automatic_character_continueds=_yes(dialogue.get("AutomaticCharacterContinueds")),
            )
        scenes = mores.find("SceneBreaks") if mores is not None else None
        if scenes is not None:
            bottom = _yes(scenes.get("SceneBottomOfPage"))
            top = _yes(scenes.get("SceneTopOfNext"))
            settings = replace(
                settings,
                scene_continued_bottom=scenes.attrs.get("SceneBottom"),
                scene_continued_top=scenes.attrs.get("SceneTop"),
                scene_continueds=None if bottom is None and top is None else bool(bottom or top),
            )
        numbers = root.find("SceneNumberOptions")
        if numbers is not None:
            settings = replace(
                settings,
                scene_numbers_left=_yes(numbers.get("ShowNumbersOnLeft")),
                scene_numbers_right=_yes(numbers.get("ShowNumbersOnRight")),
                scene_number_left_at=self.measure(numbers, "LeftLocation"),
                scene_number_right_at=self.measure(numbers, "RightLocation"),
                number_scheme=numbers.attrs.get("NumberScheme"),
            )
        revisions = root.find("Revisions")
        if revisions is not None:
            active = revisions.get("ActiveSet")
            sets: list[RevisionSet] = []
            for rev in revisions.findall("Revision"):
                rid = rev.get("ID")
                if not rid.isdigit():
                    continue
                sets.append(
                    RevisionSet(
                        id=int(rid),
                        name=rev.get("Name"),
                        mark=rev.get("Mark", "*"),
                        colour=rev.get("Color"),
                        page_colour=rev.get("PageColor"),
                        full_revision=rev.get("FullRevision") == "Yes",
                    )
                )
            settings = replace(
                settings,
                revision_location=self.measure(revisions, "Location"),
                active_revision=int(active) if active.isdigit() else None,
                revisions=tuple(sets),
            )
        return settings

    # -- content --

    def emit(self, element: Element) -> None:
        self.flush_speech()
        self.elements.append(element)
        self.flush_notes()

    def flush_notes(self) -> None:
        if self.pending_notes and self.speech is None:
            self.elements.extend(self.pending_notes)
            self.pending_notes.clear()

    def flush_speech(self) -> None:
        if self.speech is not None:
            self.elements.append(self.speech.build())
            self.speech = None
        self.flush_notes()

    def script_notes(self, para: _Node) -> None:
        for note in para.findall("ScriptNote"):
            text = "\n".join(
                "".join(t.text for t in p.findall("Text")) for p in note.findall("Paragraph")
            )
            self.pending_notes.append(Note(text, self.pos(note)))

    def paragraph(self, para: _Node) -> None:
        type_name = para.get("Type")
        dual = para.find("DualDialogue")
        if dual is not None:
            self.dual_dialogue(para, dual)
            return
        starts_new_page = para.get("StartsNewPage")
        if starts_new_page == "Yes" or (not starts_new_page and type_name in self.new_page_types):
            self.emit(PageBreak(self.pos(para)))
        self.script_notes(para)
        pos = self.pos(para)
        if type_name in _OUTLINE:
            self.emit(Section(_OUTLINE[type_name], self.raw_text(para).strip(), pos))
            return
        if type_name in _SYNOPSIS:
            self.emit(Synopsis(self.raw_text(para).strip(), pos))
            return
        if type_name in _NOTES:
            self.emit(Note(self.raw_text(para).strip(), pos))
            return
        if not type_name:
            self.warn_type(para, "", "a paragraph without a Type is read as Action")
            type_name = "Action"
        text = self.runs(para, type_name)
        if type_name in _LYRICS:
            text = self.sung(text, type_name)
        paragraph_align = _ALIGN.get(para.get("Alignment"))
        match type_name:
            case "Scene Heading":
                number = para.get("Number").strip() or None
                self.emit(SceneHeading(text, pos, number=number))
                self.scene_properties(para, len(self.elements) - 1)
            case "Action":
                align = paragraph_align or self.formats["Action"].alignment
                self.emit(Action(text, pos, alignment=align))
            case "Character":
                self.flush_speech()
                name, extensions = split_cue(plain(text))
                self.speech = _SpeechBuilder(name, extensions, pos)
            case "Lyrics":
                self.emit(Lyrics(text, pos))
            case "Parenthetical" | "Dialogue" | "Dialogue Lyrics":
                part = _speech_part(type_name, text, pos)
                if self.speech is None:
                    # A dialogue paragraph with no cue above it still prints at its indent.
                    self.flush_notes()
                    self.speech = _SpeechBuilder("", (), pos)
                self.speech.parts.append(part)
            case "Transition":
                self.emit(Transition(text, pos))
            case "Shot":
                self.emit(Shot(text, pos))
            case _:
                fmt = self.formats.get(type_name)
                if fmt is None:
                    self.warn_type(
                        para, type_name, f"unknown paragraph type {type_name!r}, read as Action"
                    )
                    self.emit(Action(text, pos, alignment=paragraph_align or "left"))
                    return
                paginate_as = fmt.paginate_as if fmt.paginate_as in _PAGINATE_KINDS else "Action"
                self.emit(
                    General(
                        text,
                        pos,
                        element_type=type_name,
                        paginate_as=paginate_as,
                        alignment=paragraph_align or fmt.alignment,
                    )
                )

    def measure(self, node: _Node, name: str) -> float | None:
        """A measure attribute; one that is there but not a plausible number is warned
        about at its element (``nan``, ``inf``, ``1e300``) and left to the default."""
        value = node.get(name)
        number = _float(value)
        if number is None and value:
            self.diagnostics.warning(
                "fdx-bad-measure",
                f"{name}={value!r} is not a plausible measure (a number up to 10,000); "
                "the default is used",
                self.pos(node),
            )
        return number

    def attr_measure(self, node: _Node | None, name: str, default: float) -> float:
        if node is None:
            return default
        value = self.measure(node, name)
        return default if value is None else value

    def warn_type(self, para: _Node, type_name: str, message: str) -> None:
        if type_name in self.warned_types:
            return
        self.warned_types.add(type_name)
        code = "fdx-unknown-paragraph-type" if type_name else "fdx-missing-paragraph-type"
        self.diagnostics.warning(code, message, self.pos(para))

    def scene_properties(self, para: _Node, heading_index: int) -> None:
        props = para.find("SceneProperties")
        if props is None:
            return
        summary = props.find("Summary")
        summary_text = ""
        if summary is not None:
            summary_text = "\n".join(
                "".join(t.text for t in p.findall("Text")) for p in summary.findall("Paragraph")
            ).strip()
        self.facts.append(
            SceneFacts(
                heading_index=heading_index,
                page=props.get("Page"),
                length=props.get("Length"),
                title=props.get("Title"),
                colour=props.get("Color") or para.get("Color"),
                summary=summary_text,
            )
        )

    def dual_dialogue(self, para: _Node, dual: _Node) -> None:
        self.flush_speech()
        speeches: list[_SpeechBuilder] = []
        for child in dual.findall("Paragraph"):
            type_name = child.get("Type")
            text = self.runs(child, type_name)
            pos = self.pos(child)
            if type_name == "Character":
                name, extensions = split_cue(plain(text))
                speeches.append(_SpeechBuilder(name, extensions, pos))
            elif type_name in _SPEECH_PARTS:
                if not speeches:
                    speeches.append(_SpeechBuilder("", (), pos))
                if type_name in _LYRICS:
                    text = self.sung(text, type_name)
                part = _speech_part(type_name, text, pos)
                speeches[-1].parts.append(part)
            else:
                self.diagnostics.warning(
                    "fdx-dual-dialogue-content",
                    f"a {type_name or 'typeless'} paragraph inside dual dialogue is ignored",
                    pos,
                )
        if len(speeches) == 2:
            left, right = speeches
            self.emit(DualDialogue(left.build(), right.build(), self.pos(para)))
            return
        self.diagnostics.warning(
            "fdx-dual-dialogue-shape",
            f"dual dialogue holds {len(speeches)} speeches, not 2; printed one after another",
            self.pos(para),
        )
        for sp in speeches:
            self.emit(sp.build())

    def title_page(self, root: _Node) -> TitlePage | None:
        tp = root.find("TitlePage")
        if tp is None:
            return None
        content = tp.find("Content")
        if content is None:
            return None
        return _title_page(self, content, self.pos(tp))

    def read(self, root: _Node) -> Screenplay:
        settings = self.read_settings(root)
        content = root.find("Content")
        if content is None:
            self.diagnostics.warning(
                "fdx-no-content", "the file has no <Content>: an empty script", self.pos(root)
            )
        else:
            for para in content.findall("Paragraph"):
                self.paragraph(para)
            self.flush_speech()
            if self.pending_notes:
                self.elements.extend(self.pending_notes)
                self.pending_notes.clear()
        tags = self.tags(root.find("TagData"))  # before the title page's runs are read
        return Screenplay(
            source=self.source,
            title_page=self.title_page(root),
            elements=tuple(self.elements),
            settings=settings,
            scene_facts=tuple(self.facts),
            tags=tags,
        )

    def tags(self, data: _Node | None) -> tuple[ScriptTag, ...]:
        """The tagger's elements: each tagged run's ``TagNumber`` names a ``<Tag>``, whose
        ``<DefId>`` names a ``<TagDefinition>`` (the element's ``Label``), whose ``CatId``
        names a ``<TagCategory>``. Final Draft's categories that are no breakdown box
        (Music, Sound, Set Dressing...) go to notes with their category; its structural ones
        (Script Day, Unit, Sequence, Location) are no elements."""
        if data is None or not self.tagged:
            return ()
        categories = {
            c.get("Id"): c.get("Name")
            for group in data.findall("TagCategories")
            for c in group.findall("TagCategory")
        }
        definitions = {
            d.get("Id"): d
            for group in data.findall("TagDefinitions")
            for d in group.findall("TagDefinition")
        }
        numbered: dict[str, list[str]] = {}
        for group in data.findall("Tags"):
            for tag in group.findall("Tag"):
                ids = [d.text.strip() for d in tag.findall("DefId")]
                numbered.setdefault(tag.get("Number"), []).extend(i for i in ids if i)
        out: list[ScriptTag] = []
        for number, node, index in self.tagged:
            if not numbered.get(number):
                self.diagnostics.warning(
                    "fdx-unknown-tag",
                    f"TagNumber={number!r} names no <Tag> in <TagData>: not a breakdown element",
                    self.pos(node),
                )
                continue
            for def_id in numbered[number]:
                definition = definitions.get(def_id)
                if definition is None:
                    self.diagnostics.warning(
                        "fdx-unknown-tag",
                        f"tag {number} names the definition {def_id!r}, which <TagDefinitions> "
                        "does not hold: not a breakdown element",
                        self.pos(node),
                    )
                    continue
                name = " ".join((definition.get("Label") or node.text).split())
                category_name = categories.get(definition.get("CatId"), "")
                key = category_of(category_name)
                if key is None:
                    if _alias(category_name) in _STRUCTURAL_TAGS or not category_name:
                        continue
                    key, name = "notes", f"{category_name}: {name}"
                if name:
                    out.append(ScriptTag(key, name, index, self.pos(node)))
        return tuple(out)


# Final Draft tag categories that say where or when a scene is, not what it needs.
_STRUCTURAL_TAGS = frozenset({"scriptday", "unit", "sequence", "location"})


def _alias(name: str) -> str:
    return "".join(ch for ch in name.lower() if ch.isalnum())


def _same_style(a: TextRun, b: TextRun) -> bool:
    return (a.bold, a.italic, a.underline, a.revision) == (
        b.bold,
        b.italic,
        b.underline,
        b.revision,
    )


def _speech_part(type_name: str, text: StyledText, pos: Pos) -> SpeechPart:
    if type_name == "Parenthetical":
        return Parenthetical(text, pos)
    return Lyrics(text, pos) if type_name == "Dialogue Lyrics" else Dialogue(text, pos)


# --- Title page ------------------------------------------------------------------------------

_CREDIT = re.compile(
    r"^\s*((written|screenplay|teleplay|story|adapted)(\s+\w+)?\s+by|by)\s*:?\s*$", re.IGNORECASE
)
_SOURCE = re.compile(r"^\s*(based\s+on|adapted\s+from|from\s+the)\b", re.IGNORECASE)
_COPYRIGHT = re.compile(r"copyright|\u00a9|\(c\)", re.IGNORECASE)


@dataclass(slots=True)
class _Block:
    alignment: str
    lines: list[StyledText]
    pos: Pos
    blanks: int = 0  # blank paragraphs above it


_SOURCE_GAP = 3  # a centred block this close under the Author is the Source


def _title_page(reader: _Reader, content: _Node, pos: Pos) -> TitlePage | None:
    """Group the title page's paragraphs into blocks and name each block sensibly.

    Blocks are runs of non-empty paragraphs with the same alignment and no blank paragraph
    between them. The first centred block is the Title; a centred ``Written by`` is the Credit
    and the centred block after it the Author; ``Based on ...``, or a centred block close
    under the Author (as paperwork writes a Fountain ``Source:``), is the Source; left or
    full-justified blocks are the Contact (a copyright line is Copyright); right-aligned blocks
    are the Draft date; any other centred block (an epigraph) is kept as Notes.
    """
    blocks: list[_Block] = []
    blanks = 0
    for para in content.findall("Paragraph"):
        text = reader.runs(para, para.get("Type") or "Title Paragraph")
        lines = _split_lines(text)
        if not any(plain(line).strip() for line in lines):
            blanks += 1
            continue
        alignment = para.get("Alignment", "Left")
        if not blanks and blocks and blocks[-1].alignment == alignment:
            blocks[-1].lines.extend(lines)
        else:
            blocks.append(_Block(alignment, list(lines), reader.pos(para), blanks))
        blanks = 0
    if not blocks:
        return None
    fields: list[TitleField] = []
    have: set[str] = set()
    after_credit = False
    previous_key = ""
    for block in blocks:
        said = " ".join(plain(line) for line in block.lines)
        if block.alignment == "Center":
            if "Title" not in have:
                key = "Title"
            elif _CREDIT.match(said) and "Credit" not in have:
                key = "Credit"
                after_credit = True
            elif after_credit and "Author" not in have:
                key = "Author"
            elif "Source" not in have and (
                _SOURCE.match(said) or (previous_key == "Author" and block.blanks <= _SOURCE_GAP)
            ):
                key = "Source"
            else:
                key = "Notes"
        elif block.alignment == "Right":
            key = "Draft date"
        elif _COPYRIGHT.search(said):
            key = "Copyright"
        else:
            key = "Contact"
        value = tuple(_strip_line(line) for line in block.lines)
        if key in have and fields:
            # Another block under a key already used: append to that field, keep the text.
            index = max(i for i, f in enumerate(fields) if f.key == key)
            old = fields[index]
            fields[index] = TitleField(key, old.lines + value, old.pos)
        else:
            fields.append(TitleField(key, value, block.pos))
            have.add(key)
        previous_key = key
    return TitlePage(tuple(fields), pos)


def _split_lines(text: StyledText) -> list[StyledText]:
    """Split styled text at newlines into one styled line each."""
    lines: list[list[TextRun]] = [[]]
    for run in text:
        pieces = run.text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        for i, piece in enumerate(pieces):
            if i:
                lines.append([])
            if piece:
                lines[-1].append(TextRun(piece, run.bold, run.italic, run.underline, run.revision))
    return [tuple(line) for line in lines]


def _strip_line(line: StyledText) -> StyledText:
    """Trim the whitespace (tabs used for positioning) around a title-page line."""
    runs = list(line)
    while runs and not runs[0].text.strip():
        runs.pop(0)
    while runs and not runs[-1].text.strip():
        runs.pop()
    if not runs:
        return ()
    runs[0] = replace(runs[0], text=runs[0].text.lstrip())
    runs[-1] = replace(runs[-1], text=runs[-1].text.rstrip())
    return tuple(runs)


# --- Entry points ----------------------------------------------------------------------------


def read_fdx(data: bytes, source: str, diagnostics: Diagnostics) -> Screenplay:
    """Read a Final Draft file's bytes. Problems go to ``diagnostics``; never raises on content.

    A file that is not well-formed, or that declares a DTD or entities, gives an error and an
    empty script.
    """
    root = _parse_xml(data, source, diagnostics)
    if root is None:
        return Screenplay(source=source, title_page=None, elements=())
    if root.tag != "FinalDraft":
        diagnostics.error(
            "fdx-not-final-draft",
            f"the root element is <{root.tag}>, not <FinalDraft>: not a Final Draft file",
            Pos(source, root.line),
        )
        return Screenplay(source=source, title_page=None, elements=())
    return _Reader(source, diagnostics).read(root)


def read_fdx_file(path: Path, diagnostics: Diagnostics, source: str | None = None) -> Screenplay:
    """Read a ``.fdx`` file; ``source`` names it in positions (default: the path as given)."""
    name = source if source is not None else str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as err:
        diagnostics.error("file-unreadable", f"cannot read the file: {err.strerror}", Pos(name))
        return Screenplay(source=name, title_page=None, elements=())
    return read_fdx(data, name, diagnostics)
