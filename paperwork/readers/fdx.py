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

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from paperwork.errors import Diagnostics
from paperwork.model import screenplay as sp
from paperwork.model.source import Pos
from paperwork.readers.fdx_settings import ALIGN, SettingsReader, Style, format_style, parse_style
from paperwork.readers.fdx_tags import read_tags
from paperwork.readers.fdx_xml import XmlNode, parse_xml

__all__ = ["read_fdx", "read_fdx_file", "split_cue"]


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
    parts: list[sp.SpeechPart] = field(default_factory=list)

    def build(self) -> sp.Speech:
        return sp.Speech(self.character, self.extensions, tuple(self.parts), self.pos)


class _Reader:
    def __init__(self, source: str, diagnostics: Diagnostics) -> None:
        self.source = source
        self.diagnostics = diagnostics
        self.settings = SettingsReader(source, diagnostics)
        self.formats = self.settings.formats  # updated in place as the settings are read
        self.new_page_types = self.settings.new_page_types
        self.elements: list[sp.Element] = []
        self.facts: list[sp.SceneFacts] = []
        self.speech: _SpeechBuilder | None = None
        self.pending_notes: list[sp.Note] = []
        self.warned_types: set[str] = set()
        self.default_styles: dict[str, Style] = {}
        # (TagNumber, the run's <Text> node, index of the element it sits in)
        self.tagged: list[tuple[str, XmlNode, int]] = []

    def pos(self, node: XmlNode) -> Pos:
        return Pos(self.source, node.line)

    # -- text runs --

    def runs(self, para: XmlNode, type_name: str) -> sp.StyledText:
        """The paragraph's direct ``<Text>`` children as styled runs, hidden text dropped."""
        default = self.default_styles.get(type_name)
        if default is None:
            default = self.default_styles[type_name] = format_style(self.formats.get(type_name))
        out: list[sp.TextRun] = []
        for t in para.children:
            if t.tag != "Text":
                continue
            attrs = t.attrs
            tag_number = attrs.get("TagNumber", "")
            if tag_number and tag_number != "0":
                self.tagged.append((tag_number, t, len(self.elements)))
            style = parse_style(attrs["Style"]) if "Style" in attrs else default
            if style.hidden:
                continue
            text = t.text
            if not text:
                continue
            if style.caps:
                text = text.upper()
            rid = attrs.get("RevisionID", "0")
            revision = int(rid) if rid != "0" and rid.isdigit() else 0
            run = sp.TextRun(text, style.bold, style.italic, style.underline, revision)
            if out and _same_style(out[-1], run):
                last = out.pop()
                run = sp.TextRun(
                    last.text + run.text, run.bold, run.italic, run.underline, revision
                )
            out.append(run)
        return tuple(out)

    def sung(self, text: sp.StyledText, type_name: str) -> sp.StyledText:
        """Lyrics' runs without the italics their element prints them in (Fountain's ``~``
        lines are italic by being lyrics, not by a style of their own)."""
        fmt = self.formats.get(type_name)
        if fmt is None or not fmt.italic:
            return text
        return tuple(replace(r, italic=False) for r in text)

    def raw_text(self, para: XmlNode) -> str:
        """All direct text of a paragraph, hidden or not (for notes, outlines, synopses)."""
        return "".join(t.text for t in para.findall("Text"))

    # -- content --

    def emit(self, element: sp.Element) -> None:
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

    def script_notes(self, para: XmlNode) -> None:
        for note in para.findall("ScriptNote"):
            text = "\n".join(
                "".join(t.text for t in p.findall("Text")) for p in note.findall("Paragraph")
            )
            self.pending_notes.append(sp.Note(text, self.pos(note)))

    def paragraph(self, para: XmlNode) -> None:
        type_name = para.get("Type")
        dual = para.find("DualDialogue")
        if dual is not None:
            self.dual_dialogue(para, dual)
            return
        starts_new_page = para.get("StartsNewPage")
        if starts_new_page == "Yes" or (not starts_new_page and type_name in self.new_page_types):
            self.emit(sp.PageBreak(self.pos(para)))
        self.script_notes(para)
        pos = self.pos(para)
        if type_name in _OUTLINE:
            self.emit(sp.Section(_OUTLINE[type_name], self.raw_text(para).strip(), pos))
            return
        if type_name in _SYNOPSIS:
            self.emit(sp.Synopsis(self.raw_text(para).strip(), pos))
            return
        if type_name in _NOTES:
            self.emit(sp.Note(self.raw_text(para).strip(), pos))
            return
        if not type_name:
            self.warn_type(para, "", "a paragraph without a Type is read as Action")
            type_name = "Action"
        text = self.runs(para, type_name)
        if type_name in _LYRICS:
            text = self.sung(text, type_name)
        paragraph_align = ALIGN.get(para.get("Alignment"))
        match type_name:
            case "Scene Heading":
                number = para.get("Number").strip() or None
                self.emit(sp.SceneHeading(text, pos, number=number))
                self.scene_properties(para, len(self.elements) - 1)
            case "Action":
                align = paragraph_align or self.formats["Action"].alignment
                self.emit(sp.Action(text, pos, alignment=align))
            case "Character":
                self.flush_speech()
                name, extensions = split_cue(sp.plain(text))
                self.speech = _SpeechBuilder(name, extensions, pos)
            case "Lyrics":
                self.emit(sp.Lyrics(text, pos))
            case "Parenthetical" | "Dialogue" | "Dialogue Lyrics":
                part = _speech_part(type_name, text, pos)
                if self.speech is None:
                    # A dialogue paragraph with no cue above it still prints at its indent.
                    self.flush_notes()
                    self.speech = _SpeechBuilder("", (), pos)
                self.speech.parts.append(part)
            case "Transition":
                self.emit(sp.Transition(text, pos))
            case "Shot":
                self.emit(sp.Shot(text, pos))
            case _:
                fmt = self.formats.get(type_name)
                if fmt is None:
                    self.warn_type(
                        para, type_name, f"unknown paragraph type {type_name!r}, read as Action"
                    )
                    self.emit(sp.Action(text, pos, alignment=paragraph_align or "left"))
                    return
                paginate_as = fmt.paginate_as if fmt.paginate_as in _PAGINATE_KINDS else "Action"
                self.emit(
                    sp.General(
                        text,
                        pos,
                        element_type=type_name,
                        paginate_as=paginate_as,
                        alignment=paragraph_align or fmt.alignment,
                    )
                )

    def warn_type(self, para: XmlNode, type_name: str, message: str) -> None:
        if type_name in self.warned_types:
            return
        self.warned_types.add(type_name)
        code = "fdx-unknown-paragraph-type" if type_name else "fdx-missing-paragraph-type"
        self.diagnostics.warning(code, message, self.pos(para))

    def scene_properties(self, para: XmlNode, heading_index: int) -> None:
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
            sp.SceneFacts(
                heading_index=heading_index,
                page=props.get("Page"),
                length=props.get("Length"),
                title=props.get("Title"),
                colour=props.get("Color") or para.get("Color"),
                summary=summary_text,
            )
        )

    def dual_dialogue(self, para: XmlNode, dual: XmlNode) -> None:
        self.flush_speech()
        speeches: list[_SpeechBuilder] = []
        for child in dual.findall("Paragraph"):
            type_name = child.get("Type")
            text = self.runs(child, type_name)
            pos = self.pos(child)
            if type_name == "Character":
                name, extensions = split_cue(sp.plain(text))
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
            self.emit(sp.DualDialogue(left.build(), right.build(), self.pos(para)))
            return
        self.diagnostics.warning(
            "fdx-dual-dialogue-shape",
            f"dual dialogue holds {len(speeches)} speeches, not 2; printed one after another",
            self.pos(para),
        )
        for speech in speeches:
            self.emit(speech.build())

    def title_page(self, root: XmlNode) -> sp.TitlePage | None:
        tp = root.find("TitlePage")
        if tp is None:
            return None
        content = tp.find("Content")
        if content is None:
            return None
        return _title_page(self, content, self.pos(tp))

    def read(self, root: XmlNode) -> sp.Screenplay:
        settings = self.settings.read(root)
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
        # the tags before the title page, whose runs would add to ``self.tagged``
        tags = read_tags(root.find("TagData"), self.tagged, self.source, self.diagnostics)
        return sp.Screenplay(
            source=self.source,
            title_page=self.title_page(root),
            elements=tuple(self.elements),
            settings=settings,
            scene_facts=tuple(self.facts),
            tags=tags,
        )


def _same_style(a: sp.TextRun, b: sp.TextRun) -> bool:
    return (a.bold, a.italic, a.underline, a.revision) == (
        b.bold,
        b.italic,
        b.underline,
        b.revision,
    )


def _speech_part(type_name: str, text: sp.StyledText, pos: Pos) -> sp.SpeechPart:
    if type_name == "Parenthetical":
        return sp.Parenthetical(text, pos)
    return sp.Lyrics(text, pos) if type_name == "Dialogue Lyrics" else sp.Dialogue(text, pos)


# --- Title page ------------------------------------------------------------------------------

_CREDIT = re.compile(
    r"^\s*((written|screenplay|teleplay|story|adapted)(\s+\w+)?\s+by|by)\s*:?\s*$", re.IGNORECASE
)
_SOURCE = re.compile(r"^\s*(based\s+on|adapted\s+from|from\s+the)\b", re.IGNORECASE)
_COPYRIGHT = re.compile(r"copyright|\u00a9|\(c\)", re.IGNORECASE)


@dataclass(slots=True)
class _Block:
    alignment: str
    lines: list[sp.StyledText]
    pos: Pos
    blanks: int = 0  # blank paragraphs above it


_SOURCE_GAP = 3  # a centred block this close under the Author is the Source


def _title_page(reader: _Reader, content: XmlNode, pos: Pos) -> sp.TitlePage | None:
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
        if not any(sp.plain(line).strip() for line in lines):
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
    fields: list[sp.TitleField] = []
    have: set[str] = set()
    after_credit = False
    previous_key = ""
    for block in blocks:
        said = " ".join(sp.plain(line) for line in block.lines)
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
            fields[index] = sp.TitleField(key, old.lines + value, old.pos)
        else:
            fields.append(sp.TitleField(key, value, block.pos))
            have.add(key)
        previous_key = key
    return sp.TitlePage(tuple(fields), pos)


def _split_lines(text: sp.StyledText) -> list[sp.StyledText]:
    """Split styled text at newlines into one styled line each."""
    lines: list[list[sp.TextRun]] = [[]]
    for run in text:
        pieces = run.text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        for i, piece in enumerate(pieces):
            if i:
                lines.append([])
            if piece:
                lines[-1].append(
                    sp.TextRun(piece, run.bold, run.italic, run.underline, run.revision)
                )
    return [tuple(line) for line in lines]


def _strip_line(line: sp.StyledText) -> sp.StyledText:
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


def read_fdx(data: bytes, source: str, diagnostics: Diagnostics) -> sp.Screenplay:
    """Read a Final Draft file's bytes. Problems go to ``diagnostics``; never raises on content.

    A file that is not well-formed, or that declares a DTD or entities, gives an error and an
    empty script.
    """
    root = parse_xml(data, source, diagnostics)
    if root is None:
        return sp.Screenplay(source=source, title_page=None, elements=())
    if root.tag != "FinalDraft":
        diagnostics.error(
            "fdx-not-final-draft",
            f"the root element is <{root.tag}>, not <FinalDraft>: not a Final Draft file",
            Pos(source, root.line),
        )
        return sp.Screenplay(source=source, title_page=None, elements=())
    return _Reader(source, diagnostics).read(root)


def read_fdx_file(path: Path, diagnostics: Diagnostics, source: str | None = None) -> sp.Screenplay:
    """Read a ``.fdx`` file; ``source`` names it in positions (default: the path as given)."""
    name = source if source is not None else str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as err:
        diagnostics.error("file-unreadable", f"cannot read the file: {err.strerror}", Pos(name))
        return sp.Screenplay(source=name, title_page=None, elements=())
    return read_fdx(data, name, diagnostics)
