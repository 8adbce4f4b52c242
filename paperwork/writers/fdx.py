"""Final Draft (``.fdx``) writer: a :class:`~paperwork.model.screenplay.Screenplay` as the XML
Final Draft 12 writes (``Version="5"``), built with ElementTree so escaping is always right.

The output is deterministic: no ids, no dates, attributes in alphabetical order as Final
Draft writes them. What goes where:

- Scene Heading (``Number`` when the script fixes it; ``SceneProperties`` with the Page,
  Length, Title, colour and summary Final Draft stored, when the script came from an FDX),
  Action (``Alignment="Center"`` for centred text), Character / Parenthetical / Dialogue for
  a speech (the cue is the name and its bracketed extensions), Transition, Shot, and General
  paragraphs under their own type name.
- Dual dialogue: a General paragraph wrapping ``<DualDialogue>`` with both speeches.
- Lyrics: Final Draft has no lyrics element, so they are two custom elements (as Final
  Draft's own ``Singing`` in the Big Fish file) defined in ``ElementSettings``, italic at the
  dialogue indents: lyrics on their own are ``Lyrics`` (paginated as Action, a blank line
  before), lyrics inside a speech ``Dialogue Lyrics`` (paginated as Dialogue, so they break
  and carry ``(MORE)``/``(CONT'D)`` like dialogue). Two names, so that lyrics standing alone
  after a speech are not read back into it; the reader turns both back into lyrics.
- A page break: ``StartsNewPage="Yes"`` on the next paragraph. A second break in a row (an
  empty page) is an empty Action paragraph that starts a page; a break at the very end is
  dropped, since nothing follows it.
- Sections: ``Outline 1`` to ``Outline 5``; synopses: ``Summary``; notes: ``Note``, all in
  hidden text as Final Draft 13 writes them.
- Text runs: ``<Text Style="Bold+Italic+Underline">``, with ``RevisionID`` when revised. Every
  run states its style (``Style=""`` for plain) so nothing turns to capitals behind the
  writer's back. Line breaks inside an element stay line breaks inside the text.
- The title page: Title, Credit, Author(s), Source and any other field centred in the upper
  half, then Draft date on the right and Contact and Copyright on the left at the bottom.
- ``ElementSettings`` for the standard types (Final Draft 13 defaults unless the script
  carries its own), ``PageLayout``, ``HeaderAndFooter`` (page number top right),
  ``MoresAndContinueds``, ``SceneNumberOptions`` and, when the script has revision sets,
  ``Revisions``.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from dataclasses import dataclass

from paperwork.model import screenplay as sp
from paperwork.model.final_draft import DEFAULT_FORMATS

__all__ = ["write_fdx", "DEFAULT_FORMATS"]

DECLARATION = b'<?xml version="1.0" encoding="UTF-8" standalone="no" ?>\n'
# Characters XML 1.0 cannot hold at all; they are dropped.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_ALIGN = {"left": "Left", "center": "Center", "right": "Right"}
_HIDDEN_TYPES = ("Summary", "Note", "Outline 1", "Outline 2", "Outline 3", "Outline 4", "Outline 5")


@dataclass(frozen=True, slots=True)
class _Font:
    """What ``ElementSettings`` says beyond an :class:`ElementFormat`."""

    font: str = "Courier Final Draft"
    size: float = 12
    hidden: bool = False
    colour: str = ""
    return_key: str = "Action"
    shortcut: str = ""


_OUTLINE_GREY = "#87878F8FE0E0"
_FONTS: dict[str, _Font] = {
    "General": _Font(return_key="General", shortcut="0"),
    "Scene Heading": _Font(shortcut="1"),
    "Action": _Font(shortcut="2"),
    "Character": _Font(return_key="Dialogue", shortcut="3"),
    "Parenthetical": _Font(return_key="Dialogue", shortcut="4"),
    "Dialogue": _Font(shortcut="5"),
    "Transition": _Font(return_key="Scene Heading", shortcut="6"),
    "Shot": _Font(shortcut="7"),
    "Cast List": _Font(shortcut="8"),
    "New Act": _Font(return_key="Scene Heading", shortcut="9"),
    "Sequence": _Font(return_key="Scene Heading"),
    "End of Act": _Font(return_key="New Act"),
    "Summary": _Font("Arial", 12, True, _OUTLINE_GREY, "Summary"),
    "Outline 1": _Font("Arial", 16, True, _OUTLINE_GREY, "Summary"),
    "Outline 2": _Font("Arial", 14, True, _OUTLINE_GREY, "Summary"),
    "Outline 3": _Font("Arial", 12, True, _OUTLINE_GREY, "Summary"),
    "Outline 4": _Font("Arial", 12, True, _OUTLINE_GREY, "Summary"),
    "Outline 5": _Font("Arial", 12, True, _OUTLINE_GREY, "Summary"),
    "Note": _Font("Arial", 12, True, _OUTLINE_GREY, "Summary"),
    "Lyrics": _Font(),
    "Dialogue Lyrics": _Font(return_key="Dialogue"),
}
_LYRICS_TYPES = ("Lyrics", "Dialogue Lyrics")  # custom elements, defined only when used
# Types Final Draft starts on a new page unless a paragraph says otherwise.
_NEW_PAGE_TYPES = {"New Act"}
_STANDARD_TYPES = tuple(t for t in DEFAULT_FORMATS if not t.startswith(("Outline 4", "Outline 5")))


# --- Small helpers ---------------------------------------------------------------------------


def _clean(text: str) -> str:
    """Text XML can carry: line breaks as LF, characters XML forbids dropped."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _NOT_XML.sub("", text)


def _node(
    tag: str, attrs: dict[str, str] | None = None, parent: ET.Element | None = None
) -> ET.Element:
    """An element with its attributes in alphabetical order, as Final Draft writes them."""
    ordered = {k: _clean(v) for k, v in sorted((attrs or {}).items())}
    if parent is None:
        return ET.Element(tag, ordered)
    return ET.SubElement(parent, tag, ordered)


def _inches(value: float) -> str:
    return f"{value:.2f}"


def _points(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def _yes(value: bool) -> str:
    return "Yes" if value else "No"


def _style(bold: bool, italic: bool, underline: bool, *extra: str) -> str:
    names = [n for n, on in (("Bold", bold), ("Italic", italic), ("Underline", underline)) if on]
    return "+".join([*names, *extra])


def _add_text(para: ET.Element, text: sp.StyledText, italic: bool = False, *extra: str) -> None:
    """A paragraph's ``<Text>`` runs; ``italic`` adds italics to every run (lyrics)."""
    for run in text:
        if not run.text:
            continue
        attrs = {"Style": _style(run.bold, run.italic or italic, run.underline, *extra)}
        if run.revision > 0:
            attrs["RevisionID"] = str(run.revision)
        node = _node("Text", attrs, para)
        node.text = _clean(run.text)


def _add_plain(para: ET.Element, text: str, type_name: str) -> None:
    """Text of a non-printing paragraph, styled as Final Draft styles its element."""
    if not text:
        return
    fmt = DEFAULT_FORMATS[type_name]
    node = _node("Text", {"Style": _style(fmt.bold, fmt.italic, fmt.underline, "HiddenText")}, para)
    node.text = _clean(text)


def _paragraph(type_name: str, attrs: dict[str, str] | None = None) -> ET.Element:
    return _node("Paragraph", {"Type": type_name, **(attrs or {})})


# --- The script body -------------------------------------------------------------------------


class _Body:
    def __init__(
        self, script: sp.Screenplay, cue_revisions: Mapping[int, tuple[int, ...]] | None = None
    ) -> None:
        self.script = script
        self.cue_revisions = cue_revisions or {}
        self.facts: dict[int, sp.SceneFacts] = {f.heading_index: f for f in script.scene_facts}
        self.used_types: set[str] = set()
        self.general_formats: dict[str, sp.ElementFormat] = {}

    def speech(self, speech: sp.Speech, cue_revision: int = 0) -> list[ET.Element]:
        out: list[ET.Element] = []
        if speech.character or not speech.parts:
            cue = _paragraph("Character")
            _add_text(cue, (sp.TextRun(speech.cue, revision=cue_revision),))
            out.append(cue)
        for part in speech.parts:
            match part:
                case sp.Parenthetical():
                    para = _paragraph("Parenthetical")
                    _add_text(para, part.text)
                case sp.Dialogue():
                    para = _paragraph("Dialogue")
                    _add_text(para, part.text)
                case sp.Lyrics():
                    self.used_types.add("Dialogue Lyrics")
                    para = _paragraph("Dialogue Lyrics")
                    _add_text(para, part.text, italic=True)
            out.append(para)
        return out

    def element(self, index: int, e: sp.Element) -> list[ET.Element]:
        match e:
            case sp.SceneHeading():
                para = _paragraph("Scene Heading", {"Number": e.number} if e.number else None)
                facts = self.facts.get(index)
                if facts is not None:
                    _scene_properties(para, facts)
                _add_text(para, e.text)
                return [para]
            case sp.Action():
                align = {"Alignment": _ALIGN[e.alignment]} if e.alignment != "left" else None
                para = _paragraph("Action", align)
                _add_text(para, e.text)
                return [para]
            case sp.Speech():
                return self.speech(e, next(iter(self.cue_revisions.get(index, ())), 0))
            case sp.DualDialogue():
                left, right = (*self.cue_revisions.get(index, ()), 0, 0)[:2]
                wrapper = _paragraph("General")
                dual = _node("DualDialogue", None, wrapper)
                dual.extend(self.speech(e.left, left) + self.speech(e.right, right))
                return [wrapper]
            case sp.Transition():
                para = _paragraph("Transition")
                _add_text(para, e.text)
                return [para]
            case sp.Shot():
                para = _paragraph("Shot")
                _add_text(para, e.text)
                return [para]
            case sp.General():
                self.used_types.add(e.element_type)
                self.general_formats.setdefault(
                    e.element_type,
                    sp.ElementFormat(1.50, 7.50, alignment=e.alignment, paginate_as=e.paginate_as),
                )
                para = _paragraph(e.element_type, {"Alignment": _ALIGN[e.alignment]})
                _add_text(para, e.text)
                return [para]
            case sp.Lyrics():
                self.used_types.add("Lyrics")
                para = _paragraph("Lyrics")
                _add_text(para, e.text, italic=True)
                return [para]
            case sp.Section():
                type_name = f"Outline {min(max(e.level, 1), 5)}"
                self.used_types.add(type_name)
                para = _paragraph(type_name)
                _add_plain(para, e.text, type_name)
                return [para]
            case sp.Synopsis():
                para = _paragraph("Summary")
                _add_plain(para, e.text, "Summary")
                return [para]
            case sp.Note():
                para = _paragraph("Note")
                _add_plain(para, e.text, "Note")
                return [para]
            case sp.PageBreak():
                return []

    def content(self, parent: ET.Element) -> None:
        content = _node("Content", None, parent)
        page_break = False
        for index, e in enumerate(self.script.elements):
            if isinstance(e, sp.PageBreak):
                if page_break:
                    # Two breaks in a row: an empty page, held by an empty paragraph.
                    content.append(_paragraph("Action", {"StartsNewPage": "Yes"}))
                page_break = True
                continue
            paragraphs = self.element(index, e)
            if not paragraphs:
                continue
            first = paragraphs[0]
            if page_break:
                first.set("StartsNewPage", "Yes")
            elif first.get("Type") in _NEW_PAGE_TYPES:
                first.set("StartsNewPage", "No")
            page_break = False
            content.extend(paragraphs)
        for para in content:
            _sort_attributes(para)


def _sort_attributes(node: ET.Element) -> None:
    items = sorted(node.attrib.items())
    node.attrib.clear()
    node.attrib.update(items)


def _scene_properties(para: ET.Element, facts: sp.SceneFacts) -> None:
    attrs = {"Length": facts.length, "Page": facts.page, "Title": facts.title}
    if facts.colour:
        attrs["Color"] = facts.colour
    props = _node("SceneProperties", {k: v for k, v in attrs.items() if v or k == "Title"}, para)
    if facts.summary:
        summary = _node("Summary", None, props)
        for line in facts.summary.split("\n"):
            p = _node("Paragraph", None, summary)
            _node("Text", None, p).text = _clean(line)


# --- Title page ------------------------------------------------------------------------------

_TITLE_PARAGRAPH = {
    "FirstIndent": "0.00",
    "Leading": "Regular",
    "LeftIndent": "1.00",
    "RightIndent": "7.50",
    "SpaceBefore": "0",
    "Spacing": "1",
    "StartsNewPage": "No",
}
_LINES_ON_TITLE_PAGE = 52  # the last line the bottom block reaches (of 54 on Letter)
_TOP_BLANKS = 17  # blank lines above the title, as in Final Draft 13's template
_OTHER_GAP = 4  # blank lines above a centred field that is not Title, Credit, Author, Source


def _key(field: sp.TitleField) -> str:
    return " ".join(field.key.lower().split())


def _title_page(parent: ET.Element, page: sp.TitlePage) -> None:
    """Title page paragraphs: a centred block in the upper half, the rest at the bottom."""
    order = {"title": 0, "credit": 1, "author": 2, "authors": 2, "source": 3}
    centred = sorted(
        (f for f in page.fields if _key(f) not in ("draft date", "date", "contact", "copyright")),
        key=lambda f: order.get(_key(f), 4),
    )
    right = [f for f in page.fields if _key(f) in ("draft date", "date")]
    left = [f for f in page.fields if _key(f) in ("contact", "copyright")]

    lines: list[tuple[str, sp.StyledText]] = [("Center", ())] * _TOP_BLANKS
    gaps = {"title": 3, "credit": 1}
    previous = ""
    for f in centred:
        if not f.lines:
            continue
        if previous:
            # Other fields (Notes...) stand further off, so that the reader does not take the
            # block under the Author for its Source.
            gap = gaps.get(previous, 2) if _key(f) in order else _OTHER_GAP
            lines.extend([("Center", ())] * gap)
        lines.extend(("Center", line) for line in f.lines)
        previous = _key(f)
    bottom: list[tuple[str, sp.StyledText]] = []
    for align, group in (("Right", right), ("Left", left)):
        for f in group:
            if not f.lines:
                continue
            if bottom:
                bottom.append((align, ()))
            bottom.extend((align, line) for line in f.lines)
    if bottom:
        padding = max(2, _LINES_ON_TITLE_PAGE - len(lines) - len(bottom))
        lines.extend([("Left", ())] * padding)
        lines.extend(bottom)

    title = _node("TitlePage", None, parent)
    content = _node("Content", None, title)
    for align, text in lines:
        para = _node("Paragraph", {"Alignment": align, **_TITLE_PARAGRAPH}, content)
        _add_text(para, text)


# --- Settings --------------------------------------------------------------------------------


def _element_settings(root: ET.Element, settings: sp.ScriptSettings, body: _Body) -> None:
    own = dict(settings.elements)
    names = list(_STANDARD_TYPES)
    for name in sorted(body.used_types | set(own)):
        if name not in names:
            names.append(name)
    for name in names:
        if name in _LYRICS_TYPES and name not in body.used_types and name not in own:
            continue
        font = _FONTS.get(name, _Font())
        size: float = font.size
        fmt = own.get(name)
        if fmt is not None:
            size = fmt.size
        else:
            fmt = DEFAULT_FORMATS.get(name) or body.general_formats.get(name)
            fmt = fmt or DEFAULT_FORMATS["General"]
        es = _node("ElementSettings", {"Type": name}, root)
        extra = ("AllCaps",) if fmt.all_caps else ()
        if font.hidden or name in _HIDDEN_TYPES:
            extra = (*extra, "HiddenText")
        font_attrs = {
            "AdornmentStyle": "0",
            "Font": font.font,
            "RevisionID": "0",
            "Size": _points(size),
            "Style": _style(fmt.bold, fmt.italic, fmt.underline, *extra),
        }
        if font.colour:
            font_attrs["Color"] = font.colour
        _node("FontSpec", font_attrs, es)
        _node(
            "ParagraphSpec",
            {
                "Alignment": _ALIGN[fmt.alignment],
                "FirstIndent": _inches(fmt.first_indent),
                "Leading": "Regular",
                "LeftIndent": _inches(fmt.left_indent),
                "RightIndent": _inches(fmt.right_indent),
                "SpaceBefore": _points(fmt.space_before),
                # Line spacing, once the model carries it (2 is double-spaced).
                "Spacing": _points(getattr(fmt, "spacing", 1.0)),
                "StartsNewPage": _yes(name in _NEW_PAGE_TYPES),
            },
            es,
        )
        behaviour = {"PaginateAs": fmt.paginate_as or "Action", "ReturnKey": font.return_key}
        if font.shortcut:
            behaviour["Shortcut"] = font.shortcut
        _node("Behavior", behaviour, es)


def _layout(root: ET.Element, s: sp.ScriptSettings) -> None:
    layout = _node(
        "PageLayout",
        {
            "BottomMargin": _points(72 if s.bottom_margin is None else s.bottom_margin),
            "BreakDialogueAndActionAtSentences": _yes(s.break_at_sentences is not False),
            "DocumentLeading": "Normal",
            "FooterMargin": _points(36 if s.footer_margin is None else s.footer_margin),
            "HeaderMargin": _points(36 if s.header_margin is None else s.header_margin),
            "TopMargin": _points(72 if s.top_margin is None else s.top_margin),
            "UsesSmartQuotes": "Yes",
        },
        root,
    )
    _node(
        "PageSize",
        {
            "Height": _inches(11.0 if s.page_height is None else s.page_height),
            "Width": _inches(8.5 if s.page_width is None else s.page_width),
        },
        layout,
    )
    _node(
        "AutoCastList",
        {"AddParentheses": "Yes", "AutomaticallyGenerate": "Yes", "CastListElement": "Cast List"},
        layout,
    )


def _header_and_footer(root: ET.Element) -> None:
    hf = _node(
        "HeaderAndFooter",
        {
            "FooterFirstPage": "Yes",
            "FooterVisible": "No",
            "HeaderFirstPage": "No",
            "HeaderVisible": "Yes",
            "StartingPage": "1",
        },
        root,
    )
    spec = {
        "Alignment": "Right",
        "FirstIndent": "0.00",
        "Leading": "Regular",
        "LeftIndent": "1.25",
        "RightIndent": "-1.25",
        "SpaceBefore": "0",
        "Spacing": "1",
        "StartsNewPage": "No",
    }
    header = _node("Paragraph", spec, _node("Header", None, hf))
    _node("DynamicLabel", {"Type": "Page #"}, header)
    _node("Text", {"Style": ""}, header).text = "."
    _node("Paragraph", spec, _node("Footer", None, hf))


def _mores(root: ET.Element, s: sp.ScriptSettings) -> None:
    mores = _node("MoresAndContinueds", None, root)
    _node(
        "FontSpec",
        {"AdornmentStyle": "0", "Font": "Courier Final Draft", "RevisionID": "0", "Size": "12"},
        mores,
    ).set("Style", "")
    _node(
        "DialogueBreaks",
        {
            "AutomaticCharacterContinueds": _yes(s.automatic_character_continueds is not False),
            "BottomOfPage": _yes(s.more_at_bottom is not False),
            "DialogueBottom": "(MORE)" if s.dialogue_more is None else s.dialogue_more,
            "DialogueTop": "(CONT'D)" if s.dialogue_continued is None else s.dialogue_continued,
            "TopOfNext": _yes(s.continued_at_top is not False),
        },
        mores,
    )
    continueds = _yes(bool(s.scene_continueds))
    _node(
        "SceneBreaks",
        {
            "ContinuedNumber": "No",
            "SceneBottom": s.scene_continued_bottom or "(CONTINUED)",
            "SceneBottomOfPage": continueds,
            "SceneTop": s.scene_continued_top or "CONTINUED:",
            "SceneTopOfNext": continueds,
        },
        mores,
    )


def _scene_numbers(root: ET.Element, s: sp.ScriptSettings) -> None:
    options = _node(
        "SceneNumberOptions",
        {
            "AutoHideNumbersOnRight": "No",
            "LeftLocation": _inches(
                0.75 if s.scene_number_left_at is None else s.scene_number_left_at
            ),
            "NumberScheme": s.number_scheme or "1A",
            "RightLocation": _inches(
                7.38 if s.scene_number_right_at is None else s.scene_number_right_at
            ),
            "ShowNumbersOnLeft": _yes(s.scene_numbers_left is not False),
            "ShowNumbersOnRight": _yes(s.scene_numbers_right is not False),
        },
        root,
    )
    _node(
        "FontSpec",
        {"AdornmentStyle": "0", "Font": "Courier Final Draft", "RevisionID": "0", "Size": "12"},
        options,
    ).set("Style", "")


def _revisions(root: ET.Element, s: sp.ScriptSettings) -> None:
    active = s.active_revision if s.active_revision is not None else s.revisions[0].id
    revisions = _node(
        "Revisions",
        {
            "ActiveSet": str(active),
            "Location": _inches(7.75 if s.revision_location is None else s.revision_location),
            "RevisionMode": "No",
            "RevisionsShown": "Active",
            "ShowPageColor": "No",
        },
        root,
    )
    for rev in s.revisions:
        attrs = {
            "FullRevision": _yes(rev.full_revision),
            "ID": str(rev.id),
            "Mark": rev.mark,
            "Name": rev.name,
            "Style": "",
        }
        if rev.colour:
            attrs["Color"] = rev.colour
        if rev.page_colour:
            attrs["PageColor"] = rev.page_colour
        _node("Revision", attrs, revisions)


# --- Entry point -----------------------------------------------------------------------------


def write_fdx(
    script: sp.Screenplay, *, cue_revisions: Mapping[int, tuple[int, ...]] | None = None
) -> bytes:
    """The script as Final Draft XML (UTF-8 bytes, LF line endings, deterministic).

    ``cue_revisions`` gives the revision of a revised character cue, by element index (one
    per cue: two for a dual dialogue), since the model's cues are plain names.
    """
    root = _node("FinalDraft", {"DocumentType": "Script", "Template": "No", "Version": "5"})
    body = _Body(script, cue_revisions)
    body.content(root)
    if script.title_page is not None and script.title_page.fields:
        _title_page(root, script.title_page)
    settings = script.settings
    _element_settings(root, settings, body)
    _layout(root, settings)
    _header_and_footer(root)
    _mores(root, settings)
    _scene_numbers(root, settings)
    if settings.revisions:
        _revisions(root, settings)
    ET.indent(root, space="  ")
    return DECLARATION + ET.tostring(root, encoding="unicode").encode("utf-8") + b"\n"
