"""Fountain writer: a :class:`~paperwork.model.screenplay.Screenplay` as canonical Fountain 1.1.

Elements are separated by one blank line. Emphasis is written with ``*``, ``**``, ``***`` and
``_``; literal ``*``, ``_`` and ``\\`` are escaped with a backslash (which also keeps a literal
``/*`` from opening a boneyard). An element is written in its plain form when that reads back
as the same element, and forced (``!`` action, ``@`` cue, ``.`` heading, ``>`` transition)
otherwise; to decide, the writer reads the plain form back with the Fountain reader, so the
two can never disagree. Elements that were forced in the source stay forced.

What Fountain cannot say, and how it is written:

- Shot and General paragraphs (from FDX) are written as action; right-aligned action as
  left-aligned action.
- A dialogue line that looks like a parenthetical or starts with ``~`` reads back as one;
  ``[[`` in text opens a note. Fountain has no escape for these.
- Empty lines inside an element are written as a line of two spaces; whitespace at the ends
  of lines is dropped, and so are leading blank lines of the very first action.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from paperwork.errors import Diagnostics
from paperwork.model import screenplay as sp
from paperwork.readers.fountain import read_fountain

__all__ = ["write_fountain", "markup"]

_ESCAPES = str.maketrans({"\\": "\\\\", "*": "\\*", "_": "\\_"})


# --- Emphasis --------------------------------------------------------------------------------


def _split_lines(text: sp.StyledText) -> list[list[sp.TextRun]]:
    lines: list[list[sp.TextRun]] = [[]]
    for run in text:
        for i, piece in enumerate(run.text.split("\n")):
            if i:
                lines.append([])
            if piece:
                lines[-1].append(replace(run, text=piece))
    return lines


def _markup_line(line: list[sp.TextRun]) -> str:
    """One line of runs with emphasis markers.

    A marker must touch text: an opener is followed, and a closer preceded, by a non-space.
    So each stretch of bold, italic or underline loses the whitespace at its two ends (which
    the reader never styles anyway), then markers go where a flag changes.
    """
    chars: list[str] = []
    flags: list[list[bool]] = []
    for run in line:
        for c in run.text:
            chars.append(c)
            flags.append([run.bold, run.italic, run.underline])
    for f in range(3):
        for i, j in _stretches(flags, f):
            a, b = i, j - 1
            while a <= b and chars[a].isspace():
                flags[a][f] = False
                a += 1
            while b >= a and chars[b].isspace():
                flags[b][f] = False
                b -= 1
    # A star next to a slash would write "/*", which opens a boneyard: a bold or italic
    # stretch gives up slashes at its end and takes in slashes just before its start.
    for f in range(2):
        for i, j in _stretches(flags, f):
            b = j - 1
            while b >= i and (chars[b] == "/" or chars[b].isspace()):
                flags[b][f] = False
                b -= 1
            a = i
            while b >= i and a > 0 and chars[a - 1] == "/":
                a -= 1
                flags[a][f] = True
    out: list[str] = []
    current = (False, False, False)
    for c, flag in zip(chars, flags, strict=True):
        want = (flag[0], flag[1], flag[2])
        if want != current:
            out.append(_markers(current, want))
            current = want
        out.append(c.translate(_ESCAPES))
    out.append(_markers(current, (False, False, False)))
    return "".join(out)


def _stretches(flags: list[list[bool]], f: int) -> Iterator[tuple[int, int]]:
    """Each stretch ``[i, j)`` of characters whose flag ``f`` is set, found one at a time, so
    that the caller may change flags before ``j`` between stretches."""
    n = len(flags)
    i = 0
    while i < n:
        if not flags[i][f]:
            i += 1
            continue
        j = i
        while j < n and flags[j][f]:
            j += 1
        yield i, j
        i = j


def _markers(current: tuple[bool, bool, bool], want: tuple[bool, bool, bool]) -> str:
    """Closers for flags that end, then openers for flags that begin."""
    bold, italic, under = current
    new_bold, new_italic, new_under = want
    close_stars = "**" * (bold and not new_bold) + "*" * (italic and not new_italic)
    open_stars = "**" * (new_bold and not bold) + "*" * (new_italic and not italic)
    close_under = "_" if under and not new_under else ""
    open_under = "_" if new_under and not under else ""
    return close_stars + close_under + open_under + open_stars


def markup(text: sp.StyledText) -> list[str]:
    """Styled text as Fountain lines with emphasis markers and escapes."""
    return [_markup_line(line) for line in _split_lines(text)]


def _body_lines(text: sp.StyledText) -> list[str]:
    """Lines of an element's body: trailing whitespace dropped, empty lines as two spaces."""
    return [line.rstrip() or "  " for line in markup(text)]


def _one_line(text: sp.StyledText) -> str:
    return " ".join(line.strip() for line in markup(text) if line.strip())


# --- Elements --------------------------------------------------------------------------------


def _title_page(page: sp.TitlePage) -> str:
    lines: list[str] = []
    for f in page.fields:
        values = [v.strip() for v in (_markup_line(list(line)) for line in f.lines) if v.strip()]
        if len(values) == 1:
            lines.append(f"{f.key}: {values[0]}")
        else:
            lines.append(f"{f.key}:")
            lines.extend(f"    {v}" for v in values)
    return "\n".join(lines)


def _action_lines(action: sp.Action | sp.Shot | sp.General) -> list[str]:
    text = markup(action.text)
    lead = 0
    while lead < len(text) - 1 and not text[lead].strip():
        lead += 1
    body = [line.rstrip() or "  " for line in text[lead:]]
    return [""] * lead + body


def _speech_lines(speech: sp.Speech) -> tuple[list[str], list[str]]:
    """(plain, forced) forms of a speech; the same body, the cue with and without ``@``."""
    body: list[str] = []
    for part in speech.parts:
        match part:
            case sp.Parenthetical():
                text = _one_line(part.text) if "\n" not in sp.plain(part.text) else None
                lines = [text] if text is not None else _body_lines(part.text)
                lines = [line.strip() for line in lines]
                if not (lines[0].startswith("(") and lines[-1].endswith(")")):
                    lines[0] = "(" + lines[0]
                    lines[-1] = lines[-1] + ")"
                body.extend(lines)
            case sp.Dialogue():
                body.extend(line.strip() or "  " for line in _body_lines(part.text))
            case sp.Lyrics():
                body.extend("~" + line.strip() for line in markup(part.text))
    cue = " ".join([speech.character.translate(_ESCAPES), *(f"({e})" for e in speech.extensions)])
    return [cue, *body], ["@" + cue, *body]


class _Writer:
    def __init__(self, script: sp.Screenplay) -> None:
        self.script = script
        self.paragraphs: list[str] = []

    def context(self) -> tuple[str, int]:
        """Text that puts the reader where the next paragraph will be, and how many of the
        elements it reads are context."""
        if self.paragraphs:
            return "Title: x\n\n!x\n\n", 1
        if self.script.title_page is not None and self.script.title_page.fields:
            return "Title: x\n\n", 0
        return "", 0

    def reads_as(self, text: str, expected: tuple[sp.Element, ...]) -> bool:
        prefix, skip = self.context()
        got = read_fountain(prefix + text + "\n", "", Diagnostics()).elements[skip:]
        return [_signature(e) for e in got] == [_signature(e) for e in expected]

    def choose(self, plain_form: str, forced_form: str, expected: sp.Element, forced: bool) -> str:
        if forced or not self.reads_as(plain_form, (expected,)):
            return forced_form
        return plain_form

    def add(self, text: str) -> None:
        self.paragraphs.append(text)

    def element(self, e: sp.Element) -> None:
        match e:
            case sp.SceneHeading():
                text = _one_line(e.text)
                number = f" #{e.number}#" if e.number else ""
                self.add(self.choose(text + number, "." + text + number, e, e.forced))
            case sp.Action(alignment="center"):
                self.add("\n".join(f"> {line.strip()} <" for line in markup(e.text)))
            case sp.Action() | sp.Shot() | sp.General():
                lines = _action_lines(e)
                as_action = sp.Action(e.text, e.pos, forced=isinstance(e, sp.Action) and e.forced)
                forced_lines = lines.copy()
                first = next(i for i, line in enumerate(lines) if line or i == len(lines) - 1)
                forced_lines[first] = "!" + lines[first]
                self.add(
                    self.choose(
                        "\n".join(lines), "\n".join(forced_lines), as_action, as_action.forced
                    )
                )
            case sp.Speech():
                self.speech(e)
            case sp.DualDialogue():
                left = self.speech_form(e.left, dual=False)
                right = self.speech_form(e.right, dual=True)
                self.add(left + "\n\n" + right)
            case sp.Transition():
                text = _one_line(e.text)
                self.add(self.choose(text, "> " + text, e, e.forced))
            case sp.Lyrics():
                self.add("\n".join("~" + line.strip() for line in markup(e.text)))
            case sp.PageBreak():
                self.add("===")
            case sp.Section():
                self.add("#" * max(1, e.level) + " " + " ".join(e.text.split()))
            case sp.Synopsis():
                self.add("\n".join("= " + line.strip() for line in e.text.split("\n")))
            case sp.Note():
                lines = [line.strip() or "  " for line in e.text.split("\n")]
                self.add("[[" + "\n".join(lines) + "]]")

    def speech_form(self, speech: sp.Speech, dual: bool) -> str:
        plain_form, forced_form = _speech_lines(speech)
        if speech.forced or not self.reads_as("\n".join(plain_form), (speech,)):
            lines = forced_form
        else:
            lines = plain_form
        if dual:
            lines = [lines[0] + " ^", *lines[1:]]
        return "\n".join(lines)

    def speech(self, speech: sp.Speech) -> None:
        if not speech.character:
            # Dialogue with no cue (an FDX oddity): Fountain can only print it as action.
            lines = [line for part in speech.parts for line in _body_lines(part.text)]
            self.add("\n".join(lines))
            return
        self.add(self.speech_form(speech, dual=False))

    def write(self) -> str:
        page = self.script.title_page
        head = _title_page(page) if page is not None and page.fields else ""
        for e in self.script.elements:
            self.element(e)
        body = "\n\n".join(self.paragraphs)
        if head:
            return head + "\n\n" + body + "\n" if body else head + "\n"
        return body + "\n" if body else ""


def _lines_of(text: sp.StyledText, strip: bool = False) -> tuple[str, ...]:
    lines = sp.plain(text).split("\n")
    return tuple(line.strip() if strip else line.rstrip() for line in lines)


def _part_lines(part: sp.SpeechPart) -> tuple[str, ...]:
    lines = _lines_of(part.text, strip=True)
    if isinstance(part, sp.Parenthetical):
        # The writer adds brackets a parenthetical lacks (FDX ones may).
        joined = "\n".join(lines).removeprefix("(").removesuffix(")")
        lines = tuple(joined.split("\n"))
    return lines


def _signature(e: sp.Element) -> object:
    """What must survive the plain form for it to count as read correctly: the kind of
    element, its printed text line by line and its layout facts, not its styling (which the
    plain and forced forms write alike) nor whether it was forced."""
    match e:
        case sp.Speech():
            return (
                "Speech",
                e.character,
                e.extensions,
                tuple((type(p).__name__, _part_lines(p)) for p in e.parts),
            )
        case sp.DualDialogue():
            return ("DualDialogue", _signature(e.left), _signature(e.right))
        case sp.SceneHeading():
            return ("SceneHeading", _lines_of(e.text, strip=True), e.number)
        case sp.Action():
            return ("Action", _lines_of(e.text), e.alignment)
        case sp.Transition():
            return ("Transition", _lines_of(e.text, strip=True))
        case _:
            return (type(e).__name__,)


def write_fountain(script: sp.Screenplay) -> str:
    """The script as Fountain text (LF line endings, ending in a newline)."""
    return _Writer(script).write()
