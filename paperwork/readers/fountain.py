"""Fountain 1.1 reader: plain text in, :class:`~paperwork.model.screenplay.Screenplay` out.

The text is read line by line, in linear time, and never raises on what a user wrote:

1. Lines are split at CRLF, CR or LF. Boneyard (``/* ... */``) is cut out of each line,
   keeping every line, so positions still point into the original file. A line that held
   nothing but boneyard is ignored altogether (it neither breaks nor separates paragraphs).
   An unclosed ``/*`` hides the rest of the file, as the spec says, with an
   ``unclosed-boneyard`` warning.
2. Lines are grouped into paragraphs at blank lines (whitespace only). A line of exactly two
   spaces inside a paragraph does not end it: it is an empty line of that paragraph (the
   spec's trick for keeping dialogue going).
3. Notes (``[[ ... ]]``, possibly over several lines of one paragraph) are cut out of the
   printed text; a paragraph that is only notes becomes :class:`Note` elements. A note that
   begins with a breakdown category and a colon (``[[prop: coffin]]``, ``[[Vehicle: Land
   Rover]]``) also tags that element (``Screenplay.tags``); other notes stay notes.
4. The first paragraph may be a title page (``Key: value`` lines, values continued on
   indented lines); then every paragraph is classified by the Fountain rules.

Leading tabs and spaces are kept in Action only. Emphasis (``*``, ``**``, ``***``, ``_``) and
backslash escapes become :class:`TextRun` flags and never cross a line break. Blank lines
beyond the first between two paragraphs are kept, as leading ``"\\n"`` of an Action that
follows ("Fountain takes every carriage return as intent"); before other elements they have
no meaning and are dropped. Each element's :class:`Pos` is the line and column of its first
non-blank character (its marker, for forced elements) in the original file.

Deliberate leniency: a scene heading need not be followed by a blank line (the rest of its
paragraph is read as if a new paragraph began), and the title page may be preceded by
paragraphs that are only notes.
"""

from __future__ import annotations

import re
from pathlib import Path

from paperwork.errors import Diagnostics
from paperwork.model import screenplay as sp
from paperwork.model.breakdown import category_of
from paperwork.model.source import Pos
from paperwork.readers.controls import clean_lines

__all__ = [
    "TITLE_KEYS",
    "read_fountain",
    "read_fountain_file",
    "split_cue",
    "styled",
    "is_heading",
]

_BOM = "\ufeff"
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# INT, EXT, EST, INT./EXT, INT/EXT, I/E (and I./E.), any case, then a dot or a space; also
# EXT/INT, which real scripts use (Big Fish) though the spec does not list it.
_HEADING = re.compile(r"(?:int\.?/ext|ext\.?/int|i\.?/e|int|ext|est)[. ]", re.IGNORECASE)
_EMPHASIS_TOKEN = re.compile(r"\\[*_\\]|\*+|_")
_TRAILING_EXTENSION = re.compile(r"\(([^()]*)\)\s*$")
# A note that tags a breakdown element: "[[prop: coffin]]" (category, colon, name).
_TAG = re.compile(r"^\s*([^:\n]{1,40}?)\s*:\s*(\S.*)$", re.DOTALL)

# Keys that make a first paragraph of ``Key: value`` lines a title page. Any other key is kept
# too, once one of these shows the paragraph really is a title page.
TITLE_KEYS = frozenset(
    {
        "title",
        "credit",
        "author",
        "authors",
        "source",
        "draft date",
        "date",
        "contact",
        "copyright",
        "notes",
        "revision",
    }
)


# --- Lines -----------------------------------------------------------------------------------


class _Line:
    """One line of the file: its 1-based number, its text with boneyard and notes cut out,
    and the cuts (``(start, length)`` before the cut) that map a column back to the file."""

    __slots__ = ("number", "text", "bone_cuts", "note_cuts", "touched")

    def __init__(self, number: int, text: str) -> None:
        self.number = number
        self.text = text
        self.bone_cuts: list[tuple[int, int]] = []
        self.note_cuts: list[tuple[int, int]] = []
        self.touched = False

    def column(self, index: int) -> int:
        """The 1-based column in the original line of ``index`` in the cleaned text."""
        for start, length in self.note_cuts:
            if start <= index:
                index += length
        for start, length in self.bone_cuts:
            if start <= index:
                index += length
        return index + 1


def _cut_boneyard(raw: list[str], source: str, diagnostics: Diagnostics) -> list[_Line]:
    """Remove ``/* ... */`` from the lines, keeping every line."""
    lines: list[_Line] = []
    inside = False
    opened: Pos | None = None
    for number, text in enumerate(raw, start=1):
        line = _Line(number, text)
        lines.append(line)
        if not inside and "/*" not in text:
            continue
        pieces: list[str] = []
        k = 0
        size = len(text)
        while True:
            if not inside:
                start = text.find("/*", k)
                if start < 0:
                    pieces.append(text[k:])
                    break
                pieces.append(text[k:start])
                opened = Pos(source, number, start + 1)
                inside = True
                k, search = start, start + 2
            else:
                search = k
            end = text.find("*/", search)
            if end < 0:
                line.bone_cuts.append((k, size - k))
                break
            line.bone_cuts.append((k, end + 2 - k))
            k = end + 2
            inside = False
        line.text = "".join(pieces)
        line.touched = True
    if inside and opened is not None:
        diagnostics.warning(
            "unclosed-boneyard",
            "boneyard '/*' is never closed with '*/': the rest of the file is hidden",
            opened,
        )
    return lines


def _is_skipped(line: _Line) -> bool:
    """A line that held only boneyard or notes: it is not there at all."""
    return line.touched and not line.text.strip()


# --- Paragraphs ------------------------------------------------------------------------------


class _Paragraph:
    """Consecutive non-blank lines, and how many blank lines came before them."""

    __slots__ = ("lines", "gap")

    def __init__(self, lines: list[_Line], gap: int) -> None:
        self.lines = lines
        self.gap = gap


def _paragraphs(lines: list[_Line]) -> list[_Paragraph]:
    out: list[_Paragraph] = []
    current: list[_Line] = []
    gap = 0
    for line in lines:
        if _is_skipped(line):
            continue
        text = line.text
        if text.strip() or (text == "  " and current):
            current.append(line)
            continue
        if current:
            trailing = _trim_two_space_lines(current)
            out.append(_Paragraph(current, gap))
            current = []
            gap = trailing
        gap += 1
    if current:
        _trim_two_space_lines(current)
        out.append(_Paragraph(current, gap))
    return out


def _trim_two_space_lines(lines: list[_Line]) -> int:
    """Two-space lines at the end of a paragraph continue nothing: drop them."""
    n = 0
    while lines and not lines[-1].text.strip():
        lines.pop()
        n += 1
    return n


class _NoteSpan:
    __slots__ = ("text", "pos")

    def __init__(self, text: str, pos: Pos) -> None:
        self.text = text
        self.pos = pos


def _cut_notes(para: _Paragraph, source: str, diagnostics: Diagnostics) -> list[_NoteSpan]:
    """Cut ``[[notes]]`` out of a paragraph's lines; return them. Lines left empty go."""
    lines = para.lines
    if not any("[[" in line.text for line in lines):
        return []
    joined = "\n".join(line.text for line in lines)
    starts: list[int] = []
    offset = 0
    for line in lines:
        starts.append(offset)
        offset += len(line.text) + 1
    spans: list[tuple[int, int]] = []
    k = 0
    while True:
        s = joined.find("[[", k)
        if s < 0:
            break
        e = joined.find("]]", s + 2)
        if e < 0:
            li = _line_at(starts, s)
            diagnostics.warning(
                "unclosed-note",
                "note '[[' is never closed with ']]' in its paragraph: printed as text",
                Pos(source, lines[li].number, lines[li].column(s - starts[li])),
            )
            break
        spans.append((s, e + 2))
        k = e + 2
    if not spans:
        return []
    notes: list[_NoteSpan] = []
    cuts: list[list[tuple[int, int]]] = [[] for _ in lines]
    for s, e in spans:
        li = _line_at(starts, s)
        body = joined[s + 2 : e - 2]
        text = "\n".join(part.strip() for part in body.split("\n")).strip()
        notes.append(
            _NoteSpan(text, Pos(source, lines[li].number, lines[li].column(s - starts[li])))
        )
        # Distribute the span over the lines it covers.
        while True:
            line_start = starts[li]
            line_end = line_start + len(lines[li].text)
            a = max(s, line_start) - line_start
            b = min(e, line_end) - line_start
            if b > a:
                cuts[li].append((a, b - a))
            if e <= line_end or li + 1 >= len(lines):
                break
            li += 1
    kept: list[_Line] = []
    for line, line_cuts in zip(lines, cuts, strict=True):
        if not line_cuts:
            kept.append(line)
            continue
        text = line.text
        pieces: list[str] = []
        k = 0
        note_cuts: list[tuple[int, int]] = []
        for a, n in line_cuts:
            piece = text[k:a]
            # "an [[inline]] note" reads "an note", not "an  note".
            if piece.endswith(" ") and text[a + n : a + n + 1] in (" ", ""):
                piece = piece[:-1]
                a -= 1
                n += 1
            pieces.append(piece)
            note_cuts.append((a, n))
            k = a + n
        pieces.append(text[k:])
        line.text = "".join(pieces)
        line.note_cuts = note_cuts
        line.touched = True
        if line.text.strip():
            kept.append(line)
    para.lines = kept
    return notes


def _line_at(starts: list[int], offset: int) -> int:
    """The index of the line holding ``offset`` (binary search over line starts)."""
    lo, hi = 0, len(starts) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if starts[mid] <= offset:
            lo = mid
        else:
            hi = mid - 1
    return lo


# --- Emphasis --------------------------------------------------------------------------------


def _emphasis(line: str) -> list[sp.TextRun]:
    """One line's text with ``*italic*``, ``**bold**``, ``***both***``, ``_underline_``.

    Delimiters pair within the line only. A run of stars can open when the next character is
    not a space and close when the previous one is not; unpaired delimiters print as typed.
    ``\\*``, ``\\_`` and ``\\\\`` are literal characters. Linear in the line's length.
    """
    if not line:
        return []
    if "*" not in line and "_" not in line and "\\" not in line:
        return [sp.TextRun(line)]
    # Tokens in parallel lists: kind (0 text, 1 stars, 2 underscore), text, how many of a
    # delimiter's characters pairing used, and whether it may open or close.
    kinds: list[int] = []
    texts: list[str] = []
    used: list[int] = []
    can_open: list[bool] = []
    can_close: list[bool] = []

    def add(kind: int, text: str, opens: bool = False, closes: bool = False) -> None:
        kinds.append(kind)
        texts.append(text)
        used.append(0)
        can_open.append(opens)
        can_close.append(closes)

    k = 0
    n = len(line)
    for m in _EMPHASIS_TOKEN.finditer(line):
        a, b = m.start(), m.end()
        if a > k:
            add(0, line[k:a])
        token = m.group()
        if token[0] == "\\":
            add(0, token[1])
        else:
            opens = b < n and not line[b].isspace()
            closes = a > 0 and not line[a - 1].isspace()
            add(1 if token[0] == "*" else 2, token, opens, closes)
        k = b
    if k < n:
        add(0, line[k:])

    size = len(kinds) + 1
    italic = [0] * size
    bold = [0] * size
    under = [0] * size
    star1: list[int] = []
    star2: list[int] = []
    unders: list[int] = []

    def pair(stack: list[int], close: int, count: int, marks: list[int]) -> None:
        opener = stack.pop()
        used[opener] += count
        used[close] += count
        marks[opener + 1] += 1
        marks[close] -= 1

    for i, kind in enumerate(kinds):
        if kind == 0:
            continue
        if kind == 2:
            if can_close[i] and unders and unders[-1] < i - 1:
                pair(unders, i, 1, under)
            elif can_open[i]:
                unders.append(i)
            continue
        count = len(texts[i])
        if count > 3:
            continue
        left = count
        if can_close[i]:
            if count == 3:
                if star2 and star1:
                    pair(star2, i, 2, bold)
                    pair(star1, i, 1, italic)
                    left = 0
                elif star2:
                    pair(star2, i, 2, bold)
                    left = 1
                elif star1:
                    pair(star1, i, 1, italic)
                    left = 2
            elif count == 2 and star2:
                pair(star2, i, 2, bold)
                left = 0
            elif count == 1 and star1:
                pair(star1, i, 1, italic)
                left = 0
        if left and can_open[i]:
            if left == 3:
                star2.append(i)
                star1.append(i)
            elif left == 2:
                star2.append(i)
            else:
                star1.append(i)

    out: list[sp.TextRun] = []
    buffer: list[str] = []
    style = (False, False, False)
    it = bo = un = 0
    for i, kind in enumerate(kinds):
        it += italic[i]
        bo += bold[i]
        un += under[i]
        text = texts[i] if kind == 0 else texts[i][0] * (len(texts[i]) - used[i])
        if not text:
            continue
        here = (bo > 0, it > 0, un > 0)
        if here != style and buffer:
            out.append(sp.TextRun("".join(buffer), *style))
            buffer = []
        style = here
        buffer.append(text)
    if buffer:
        out.append(sp.TextRun("".join(buffer), *style))
    return out


def styled(lines: list[str]) -> sp.StyledText:
    """Lines of Fountain text as styled runs, joined by plain ``"\\n"`` runs."""
    joined = "\n".join(lines)
    if "*" not in joined and "_" not in joined and "\\" not in joined:
        return (sp.TextRun(joined),) if joined else ()
    out: list[sp.TextRun] = []
    buffer: list[str] = []
    style = (False, False, False)
    for index, line in enumerate(lines):
        pieces = _emphasis(line)
        if index:
            pieces.insert(0, sp.TextRun("\n"))
        for run in pieces:
            here = (run.bold, run.italic, run.underline)
            if here != style and buffer:
                out.append(sp.TextRun("".join(buffer), *style))
                buffer = []
            style = here
            buffer.append(run.text)
    if buffer:
        out.append(sp.TextRun("".join(buffer), *style))
    return tuple(out)


# --- Classification helpers ------------------------------------------------------------------


def is_heading(text: str) -> bool:
    """Does a line start like a scene heading (``INT.``, ``ext ``, ``I/E.``...)?"""
    return _HEADING.match(text) is not None


def split_cue(cue: str) -> tuple[str, tuple[str, ...]]:
    """``EDWARD (V.O.)(CONT'D)`` -> ``("EDWARD", ("V.O.", "CONT'D"))``.

    Only parenthesised groups at the end are extensions; spaces in the name collapse.
    """
    text = cue.strip()
    extensions: list[str] = []
    while text.endswith(")"):
        m = _TRAILING_EXTENSION.search(text)
        if m is None or not text[: m.start()].strip():
            break
        extensions.append(m.group(1).strip())
        text = text[: m.start()].rstrip()
    return " ".join(text.split()), tuple(reversed(extensions))


def _scene_number(text: str) -> tuple[str, str | None]:
    """``INT. HOUSE - DAY #12A#`` -> ``("INT. HOUSE - DAY", "12A")``."""
    t = text.rstrip()
    if len(t) >= 3 and t.endswith("#"):
        i = t.rfind("#", 0, len(t) - 1)
        if i >= 0:
            number = t[i + 1 : -1]
            if number and all(c.isalnum() or c in ".-" for c in number):
                return t[:i].rstrip(), number
    return t, None


def _cue_name(s: str) -> tuple[str, tuple[str, ...], bool] | None:
    """A character cue line (stripped) as (name, extensions, dual), or None if not a cue."""
    dual = s.endswith("^")
    if dual:
        s = s[:-1].rstrip()
    forced = s.startswith("@")
    if forced:
        s = s[1:].strip()
    if "*" in s or "_" in s or "\\" in s:
        s = sp.plain(tuple(_emphasis(s)))
    name, extensions = split_cue(s)
    if not name:
        return None
    if not forced and not name.isupper():
        return None
    return name, extensions, dual


def _is_transition(raw: str, s: str) -> bool:
    return raw.endswith("TO:") and s.isupper()


def _is_page_break(s: str) -> bool:
    return len(s) >= 3 and not s.strip("=")


def _is_centered(s: str) -> bool:
    return len(s) >= 2 and s.startswith(">") and s.endswith("<")


def _title_key(text: str) -> tuple[str, str] | None:
    """``Draft date: 1/27/2012`` -> ``("Draft date", "1/27/2012")``; None if not a key line."""
    if not text or text[0].isspace():
        return None
    a = text.find(":")
    b = text.find("\uff1a")  # a full-width colon, as in Japanese and Chinese title pages
    i = min(x for x in (a, b) if x >= 0) if a >= 0 or b >= 0 else -1
    if i <= 0:
        return None
    key = text[:i].strip()
    value = text[i + 1 :].strip()
    if not key or len(key) > 40 or value.startswith("//"):
        return None
    return key, value


# --- The parser ------------------------------------------------------------------------------


class _Parser:
    def __init__(self, text: str, source: str, diagnostics: Diagnostics) -> None:
        if text.startswith(_BOM):
            text = text[1:]
        self.source = source
        self.diagnostics = diagnostics
        self.raw = _LINE_BREAK.split(text)
        self.elements: list[sp.Element] = []
        self.tags: list[sp.ScriptTag] = []
        self.body_started = False

    def pos(self, line: _Line) -> Pos:
        text = line.text
        first = len(text) - len(text.lstrip())
        if first == len(text):
            first = 0
        return Pos(self.source, line.number, line.column(first))

    def parse(self) -> sp.Screenplay:
        lines = _cut_boneyard(self.raw, self.source, self.diagnostics)
        paragraphs = _paragraphs(lines)
        title_page: sp.TitlePage | None = None
        looking_for_title = True
        for para in paragraphs:
            notes = _cut_notes(para, self.source, self.diagnostics)
            self.tag(notes)
            if not para.lines:
                self.elements.extend(sp.Note(n.text, n.pos) for n in notes)
                continue
            if looking_for_title:
                looking_for_title = False
                title_page = self.title_page(para)
                if title_page is not None:
                    continue
            self.paragraph(para)
            self.body_started = True
        return sp.Screenplay(
            source=self.source,
            title_page=title_page,
            elements=tuple(self.elements),
            tags=tuple(self.tags),
        )

    def tag(self, notes: list[_NoteSpan]) -> None:
        """Keep the notes that tag a breakdown element (``[[prop: coffin]]``). Each sits in
        the element the paragraph makes next (a note alone in its paragraph is that element)."""
        index = len(self.elements)
        for note in notes:
            found = _TAG.match(note.text)
            key = category_of(found[1]) if found else None
            if found and key is not None:
                name = " ".join(found[2].split())
                self.tags.append(sp.ScriptTag(key, name, index, note.pos))

    # -- title page --

    def title_page(self, para: _Paragraph) -> sp.TitlePage | None:
        if _title_key(para.lines[0].text) is None:
            return None
        fields: list[tuple[str, list[str], Pos]] = []
        for line in para.lines:
            text = line.text
            key = None
            if not (text.startswith("\t") or text.startswith("   ")):
                key = _title_key(text)
            if key is None:
                value = text.strip()
                if value and fields:
                    fields[-1][1].append(value)
                continue
            fields.append((key[0], [key[1]] if key[1] else [], self.pos(line)))
        if not any(" ".join(k.lower().split()) in TITLE_KEYS for k, _, _ in fields):
            return None
        return sp.TitlePage(
            tuple(
                sp.TitleField(key, tuple(tuple(_emphasis(v)) for v in values), pos)
                for key, values, pos in fields
            ),
            fields[0][2],
        )

    # -- body --

    def emit(self, element: sp.Element) -> None:
        self.elements.append(element)

    def paragraph(self, para: _Paragraph) -> None:
        lines = para.lines
        i = 0
        blank_before = True
        while i < len(lines):
            i, blank_before = self.element(lines, i, blank_before, para.gap if i == 0 else 1)

    def element(self, lines: list[_Line], i: int, blank_before: bool, gap: int) -> tuple[int, bool]:
        """Read one element starting at ``lines[i]``; return where the next one starts and
        whether it counts as following a blank line."""
        line = lines[i]
        raw = line.text
        s = raw.strip()
        last = i == len(lines) - 1
        pos = self.pos(line)

        if _is_page_break(s):
            self.emit(sp.PageBreak(pos))
            return i + 1, True
        if s.startswith("!"):
            first = raw.lstrip()[1:].rstrip()
            return self.action(lines, i, first, pos, gap, forced=True), False
        if s.startswith("#"):
            level = len(s) - len(s.lstrip("#"))
            self.emit(sp.Section(level, s[level:].strip(), pos))
            return i + 1, True
        if s.startswith("="):
            texts = [s[1:].strip()]
            j = i + 1
            while j < len(lines):
                t = lines[j].text.strip()
                if not t.startswith("=") or _is_page_break(t):
                    break
                texts.append(t[1:].strip())
                j += 1
            self.emit(sp.Synopsis("\n".join(texts), pos))
            return j, True
        if s.startswith("~"):
            rest = [x.text.strip() for x in lines[i:]]
            if all(t.startswith("~") for t in rest):
                self.emit(sp.Lyrics(styled([t[1:].strip() for t in rest]), pos))
                return len(lines), True
            return self.action(lines, i, raw.rstrip(), pos, gap), False
        if s.startswith(".") and len(s) > 1 and s[1].isalnum():
            text, number = _scene_number(s[1:].strip())
            self.emit(sp.SceneHeading(styled([text]), pos, number=number, forced=True))
            return i + 1, True
        if s.startswith(">"):
            if _is_centered(s):
                texts = []
                j = i
                while j < len(lines) and _is_centered(t := lines[j].text.strip()):
                    texts.append(t[1:-1].strip())
                    j += 1
                self.emit(sp.Action(styled(texts), pos, alignment="center"))
                return j, False
            self.emit(sp.Transition(styled([s[1:].strip()]), pos, forced=True))
            return i + 1, True
        if blank_before and is_heading(s):
            text, number = _scene_number(s)
            self.emit(sp.SceneHeading(styled([text]), pos, number=number))
            return i + 1, True
        if not last and (s.startswith("@") or blank_before):
            cue = _cue_name(s)
            if cue is not None:
                self.speech(lines, i, cue, pos, forced=s.startswith("@"))
                return len(lines), True
        if blank_before and last and _is_transition(raw, s):
            self.emit(sp.Transition(styled([s]), pos))
            return i + 1, True
        return self.action(lines, i, raw.rstrip(), pos, gap), False

    def action(
        self, lines: list[_Line], i: int, first: str, pos: Pos, gap: int, forced: bool = False
    ) -> int:
        texts = [first] + [line.text.rstrip() for line in lines[i + 1 :]]
        if gap > 1 and self.body_started:
            texts = [""] * (gap - 1) + texts
        self.emit(sp.Action(styled(texts), pos, forced=forced))
        return len(lines)

    def speech(
        self,
        lines: list[_Line],
        i: int,
        cue: tuple[str, tuple[str, ...], bool],
        pos: Pos,
        forced: bool,
    ) -> None:
        name, extensions, dual = cue
        body = lines[i + 1 :]
        stripped = [line.text.strip() for line in body]
        # close[j]: the first line at or after j that ends with ")" (parentheticals may wrap
        # over up to three lines).
        close = [len(body)] * (len(body) + 1)
        for j in range(len(body) - 1, -1, -1):
            close[j] = j if stripped[j].endswith(")") else close[j + 1]
        parts: list[sp.SpeechPart] = []
        buffer: list[str] = []
        buffer_kind = ""
        buffer_pos = pos

        def flush() -> None:
            nonlocal buffer, buffer_kind
            if buffer:
                text = styled(buffer)
                if buffer_kind == "lyrics":
                    parts.append(sp.Lyrics(text, buffer_pos))
                else:
                    parts.append(sp.Dialogue(text, buffer_pos))
            buffer = []
            buffer_kind = ""

        j = 0
        while j < len(body):
            s = stripped[j]
            here = self.pos(body[j])
            if s.startswith("(") and close[j] - j <= 2:
                flush()
                k = close[j]
                parts.append(sp.Parenthetical(styled(stripped[j : k + 1]), here))
                j = k + 1
                continue
            kind = "lyrics" if s.startswith("~") else "dialogue"
            if kind != buffer_kind:
                flush()
                buffer_kind = kind
                buffer_pos = here
            buffer.append(s[1:].strip() if kind == "lyrics" else s)
            j += 1
        flush()
        speech = sp.Speech(name, extensions, tuple(parts), pos, forced=forced)
        if dual:
            previous = self.elements[-1] if self.elements else None
            if isinstance(previous, sp.Speech):
                self.elements[-1] = sp.DualDialogue(previous, speech, previous.pos)
                return
            self.diagnostics.warning(
                "dual-dialogue-alone",
                "'^' marks the second speech of dual dialogue, but no speech comes just before",
                pos,
            )
        self.emit(speech)


# --- Entry points ----------------------------------------------------------------------------


def read_fountain(text: str, source: str, diagnostics: Diagnostics) -> sp.Screenplay:
    """Read Fountain text. ``source`` names the file in every position. Never raises on
    content: problems are warnings in ``diagnostics``."""
    text = clean_lines(text, source, diagnostics)
    return _Parser(text, source, diagnostics).parse()


def read_fountain_file(
    path: Path, diagnostics: Diagnostics, source: str | None = None
) -> sp.Screenplay:
    """Read a ``.fountain`` file: UTF-8 (a BOM is dropped), UTF-16 with its BOM, or cp1252
    with a ``not-utf8`` warning. A file that cannot be read is an error (``file-unreadable``) and an empty script."""
    name = source if source is not None else str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as err:
        diagnostics.error(
            "file-unreadable", f"cannot read the file: {err.strerror or err}", Pos(name)
        )
        return sp.Screenplay(source=name, title_page=None, elements=())
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):  # "Unicode" text from Windows editors
        try:
            return read_fountain(data.decode("utf-16"), name, diagnostics)
        except UnicodeDecodeError:
            pass  # not really UTF-16: read below as bytes
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        good = data[: err.start].decode("utf-8", errors="replace")
        before = _LINE_BREAK.split(good)
        diagnostics.warning(
            "not-utf8",
            f"the file is not UTF-8 (byte 0x{data[err.start]:02X}): read as Windows-1252",
            Pos(name, len(before), len(before[-1]) + 1),
        )
        text = data.decode("cp1252", errors="replace")
    return read_fountain(text, name, diagnostics)
