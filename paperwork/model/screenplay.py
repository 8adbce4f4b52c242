"""The screenplay: a closed set of frozen elements, each knowing where it came from.

Readers (Fountain, FDX) produce a :class:`Screenplay`; the paginator consumes it with
``match`` over :data:`Element`. Text is a tuple of styled :class:`TextRun` values, so emphasis
and revision marks survive every stage. Line breaks inside an element are ``"\\n"`` inside a
run's text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from paperwork.model.source import Pos

Alignment = Literal["left", "center", "right"]


@dataclass(frozen=True, slots=True)
class TextRun:
    """A run of text with one style. ``revision`` is the revision set id (0 = unrevised)."""

    text: str
    bold: bool = False
    italic: bool = False
    underline: bool = False
    revision: int = 0


StyledText = tuple[TextRun, ...]


def plain(text: StyledText) -> str:
    """The text of a run sequence without its styling."""
    return "".join(r.text for r in text)


def runs(text: str) -> StyledText:
    """Unstyled text as a run sequence (empty text is no runs)."""
    return (TextRun(text),) if text else ()


@dataclass(frozen=True, slots=True)
class TitleField:
    """One title-page entry: ``Title``, ``Credit``, ``Author``, ``Draft date``, ``Contact``...

    ``key`` keeps the user's spelling; ``lines`` holds one styled line per value line.
    """

    key: str
    lines: tuple[StyledText, ...]
    pos: Pos


@dataclass(frozen=True, slots=True)
class TitlePage:
    fields: tuple[TitleField, ...]
    pos: Pos

    def get(self, key: str) -> TitleField | None:
        """The first field whose key matches, ignoring case and spaces (``draft date``)."""
        want = key.replace(" ", "").lower()
        for f in self.fields:
            if f.key.replace(" ", "").lower() == want:
                return f
        return None

    def text(self, key: str) -> str:
        """A field's plain text, lines joined by newlines; empty when absent."""
        f = self.get(key)
        return "\n".join(plain(line) for line in f.lines) if f else ""


# --- Printing elements -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Paragraph:
    """What every printing paragraph has: its styled text and where it came from.

    A base, never an element itself: in a ``match`` over an :data:`Element`, ``case
    Paragraph()`` is every element with one text (SceneHeading, Action, Transition, Shot,
    General, Lyrics).
    """

    text: StyledText
    pos: Pos


@dataclass(frozen=True, slots=True)
class SceneHeading(Paragraph):
    """``INT. KITCHEN - NIGHT``. ``number`` is the scene number when the script fixes it."""

    number: str | None = None
    forced: bool = False


@dataclass(frozen=True, slots=True)
class Action(Paragraph):
    """Action (description). ``centered`` for Fountain ``> THE END <`` and FDX centred paragraphs."""

    alignment: Alignment = "left"
    forced: bool = False


@dataclass(frozen=True, slots=True)
class Parenthetical(Paragraph):
    """``(beat)`` inside a speech. The text includes its parentheses."""


@dataclass(frozen=True, slots=True)
class Dialogue(Paragraph):
    """The spoken lines of a speech (one paragraph of them)."""


@dataclass(frozen=True, slots=True)
class Lyrics(Paragraph):
    """Sung lines (Fountain ``~``), inside a speech or standing alone."""


SpeechPart = Parenthetical | Dialogue | Lyrics


@dataclass(frozen=True, slots=True)
class Speech:
    """A character cue and what follows it: parentheticals, dialogue, lyrics.

    ``character`` is the name without extensions (``EDWARD``); ``extensions`` holds each
    parenthesised extension as written (``("V.O.",)``, ``("CONT'D",)``).
    """

    character: str
    extensions: tuple[str, ...]
    parts: tuple[SpeechPart, ...]
    pos: Pos
    forced: bool = False

    @property
    def cue(self) -> str:
        """The cue as printed: ``EDWARD (V.O.)``."""
        return " ".join([self.character, *(f"({e})" for e in self.extensions)])


@dataclass(frozen=True, slots=True)
class DualDialogue:
    """Two speeches printed side by side (Fountain ``^``, FDX ``<DualDialogue>``)."""

    left: Speech
    right: Speech
    pos: Pos


@dataclass(frozen=True, slots=True)
class Transition(Paragraph):
    """``CUT TO:``, right-aligned."""

    forced: bool = False


@dataclass(frozen=True, slots=True)
class Shot(Paragraph):
    """A shot (FDX ``Shot``): caps, paginated like a scene heading."""


@dataclass(frozen=True, slots=True)
class General(Paragraph):
    """Any other printing paragraph: FDX General, Cast List, New Act, End of Act, user types.

    ``element_type`` is the FDX type name (``"General"``, ``"New Act"``, ``"Singing"``);
    ``paginate_as`` is the element whose rules apply (``"Action"``, ``"Scene Heading"``, ...).
    """

    element_type: str = "General"
    paginate_as: str = "Action"
    alignment: Alignment = "left"


@dataclass(frozen=True, slots=True)
class PageBreak:
    """A forced page break (Fountain ``===``, FDX ``StartsNewPage``)."""

    pos: Pos


# --- Non-printing elements -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Section:
    """An outline heading (``#``, ``##``...). Takes no space on the page."""

    level: int
    text: str
    pos: Pos


@dataclass(frozen=True, slots=True)
class Remark:
    """What a note to the reader has: its plain text and where it came from.

    A base for :class:`Synopsis` and :class:`Note`, never an element itself.
    """

    text: str
    pos: Pos


@dataclass(frozen=True, slots=True)
class Synopsis(Remark):
    """``= A synopsis``. Takes no space on the page."""


@dataclass(frozen=True, slots=True)
class Note(Remark):
    """``[[a note]]`` standing as its own paragraph. Takes no space on the page."""


Element = (
    SceneHeading
    | Action
    | Speech
    | DualDialogue
    | Transition
    | Shot
    | General
    | Lyrics
    | PageBreak
    | Section
    | Synopsis
    | Note
)

# --- Settings that a script may carry (FDX) ----------------------------------------------------


@dataclass(frozen=True, slots=True)
class ElementFormat:
    """How one element type is laid out, as FDX ``ElementSettings`` state it.

    Indents are inches from the left edge of the page; ``space_before`` is in points.
    """

    left_indent: float
    right_indent: float
    first_indent: float = 0.0
    space_before: float = 0.0
    alignment: Alignment = "left"
    all_caps: bool = False
    bold: bool = False
    italic: bool = False
    underline: bool = False
    paginate_as: str = ""
    size: float = 12.0  # font size in points (FDX FontSpec Size)
    spacing: float = 1.0  # line spacing: 2 is double-spaced (FDX ParagraphSpec Spacing)


@dataclass(frozen=True, slots=True)
class RevisionSet:
    """A revision set as FDX ``<Revision>`` holds it: id, name, mark, page colour."""

    id: int
    name: str
    mark: str = "*"
    colour: str = ""
    page_colour: str = ""
    full_revision: bool = False


@dataclass(frozen=True, slots=True)
class ScriptSettings:
    """Layout facts a script file states about itself; ``None`` means "use the default".

    Readers fill what the file says; the paginator merges it over a ``PageLayout``.
    """

    page_width: float | None = None  # inches
    page_height: float | None = None
    top_margin: float | None = None  # points
    bottom_margin: float | None = None
    header_margin: float | None = None
    footer_margin: float | None = None
    break_at_sentences: bool | None = None
    elements: tuple[tuple[str, ElementFormat], ...] = ()  # (FDX type name, format)
    dialogue_more: str | None = None  # "(MORE)"
    dialogue_continued: str | None = None  # "(CONT'D)"
    more_at_bottom: bool | None = None
    continued_at_top: bool | None = None
    automatic_character_continueds: bool | None = None
    scene_continued_bottom: str | None = None  # "(CONTINUED)"
    scene_continued_top: str | None = None  # "CONTINUED:"
    scene_continueds: bool | None = None
    scene_numbers_left: bool | None = None
    scene_numbers_right: bool | None = None
    scene_number_left_at: float | None = None  # inches
    scene_number_right_at: float | None = None
    number_scheme: str | None = None  # "1A" or "A1"
    revision_location: float | None = None  # inches
    revisions: tuple[RevisionSet, ...] = ()
    active_revision: int | None = None

    def element(self, type_name: str) -> ElementFormat | None:
        for name, fmt in self.elements:
            if name == type_name:
                return fmt
        return None


@dataclass(frozen=True, slots=True)
class SceneFacts:
    """What a Final Draft file stored about a scene (``SceneProperties``), for comparison."""

    heading_index: int  # index of the SceneHeading in Screenplay.elements
    page: str = ""
    length: str = ""  # "1 3/8"
    title: str = ""
    colour: str = ""
    summary: str = ""


@dataclass(frozen=True, slots=True)
class Screenplay:
    """A whole script as read: title page, elements in order, and the file's own settings."""

    source: str
    title_page: TitlePage | None
    elements: tuple[Element, ...]
    settings: ScriptSettings = field(default_factory=ScriptSettings)
    scene_facts: tuple[SceneFacts, ...] = ()
    tags: tuple[ScriptTag, ...] = ()  # breakdown elements tagged in the script

    @property
    def title(self) -> str:
        """The title as one line, from the title page (empty when none)."""
        if self.title_page is None:
            return ""
        return " ".join(self.title_page.text("title").split())


@dataclass(frozen=True, slots=True)
class ScriptTag:
    """A breakdown element tagged in the script: a Fountain note ``[[prop: coffin]]`` or a run
    of Final Draft's tagger (``<Text TagNumber>``).

    ``category`` is a breakdown category key (:data:`paperwork.model.breakdown.CATEGORY_KEYS`);
    ``index`` is the index in ``Screenplay.elements`` of the element the tag sits in (or the
    next one), so the scene it belongs to is the last heading at or before it.
    """

    category: str
    name: str
    index: int
    pos: Pos
