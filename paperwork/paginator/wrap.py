"""Word wrap in whole characters, with styled runs kept, and sentence boundaries.

Courier is monospaced, so a line's width is its number of characters. A line may break
after a run of spaces (the spaces hang past the margin and are not printed), or after a
hyphen that joins two words (``hundred-`` / ``dollar``). A word longer than the whole width
is cut at the width. Hard line breaks (``\\n``) always end a line; an empty hard line is an
empty printed line. Leading spaces of a paragraph or of a hard line are kept and count.

Everything here works on offsets into the plain text of a paragraph, so the same wrap serves
styled runs (:func:`slice_runs`) and sentence-aware splitting (:func:`sentence_ends`).
"""

from __future__ import annotations

import re
from dataclasses import replace

from paperwork.model.screenplay import StyledText, TextRun

__all__ = ["Span", "sentence_ends", "slice_runs", "wrap", "wrap_count"]

Span = tuple[int, int]  # [start, end) of one printed line in the paragraph's plain text

# One breakable piece: a word (up to and including a joining hyphen) and the spaces after it.
_LEAD = re.compile(r"[ \t]*")
_PIECE = re.compile(r"([^ \t]+?-+(?=[^\W\d_])|[^ \t]+|)([ \t]*)")

# A sentence ends at . ? or ! (an ellipsis counts), then any closing quotes or brackets,
# then white space before the next sentence starts.
_SENTENCE_END = re.compile(r"[.?!]+[\"'\u2019\u201d)\]]*(?=\s+\S)")


def _wrap_line(text: str, start: int, end: int, width: int, first_width: int) -> list[Span]:
    """Wrap one hard line ``text[start:end]``; the first printed line may be wider."""
    if start == end:
        return [(start, start)]
    spans: list[Span] = []
    limit = first_width
    line_start = line_end = start  # line_end: end of the visible text on the current line
    # Leading spaces stay with the first word of the hard line.
    pos = start
    word_from = _LEAD.match(text, start, end).end()  # type: ignore[union-attr]
    while pos < end:
        m = _PIECE.match(text, word_from, end)
        assert m is not None
        word_end, after = m.end(1), m.end(2)
        # A hyphen that ends the line may hang one character past the margin.
        hang = 1 if text[word_end - 1 : word_end] == "-" else 0
        if word_end - line_start - hang <= limit:
            line_end, pos = word_end, after
            word_from = pos
            continue
        if line_end > line_start:
            # Break before this word; the spaces before it hang past the margin.
            spans.append((line_start, line_end))
            limit = width
            line_start = line_end = pos
            word_from = pos
            continue
        # A word longer than the whole line: cut it at the width.
        cut = line_start + limit
        spans.append((line_start, cut))
        limit = width
        line_start = line_end = pos = word_from = cut
    if line_end > line_start or not spans:
        spans.append((line_start, line_end))
    return spans


def wrap(text: str, width: int, first_width: int | None = None) -> list[Span]:
    """The printed lines of ``text`` at ``width`` characters, as spans of the text.

    ``first_width`` is the first line's width (a hanging parenthetical gains a character).
    """
    width = max(1, width)
    first = width if first_width is None else max(1, first_width)
    spans: list[Span] = []
    start = 0
    n = len(text)
    while True:
        nl = text.find("\n", start)
        stop = n if nl < 0 else nl
        spans.extend(_wrap_line(text, start, stop, width, first if not spans else width))
        if nl < 0:
            break
        start = nl + 1
    return spans


def wrap_count(text: str, width: int, first_width: int | None = None) -> int:
    """How many printed lines ``text`` takes."""
    return len(wrap(text, width, first_width))


def slice_runs(runs: StyledText, start: int, end: int) -> StyledText:
    """The styled runs covering ``[start, end)`` of their joined text."""
    out: list[TextRun] = []
    offset = 0
    for run in runs:
        run_end = offset + len(run.text)
        if run_end > start and offset < end:
            a = max(start, offset) - offset
            b = min(end, run_end) - offset
            out.append(run if (a, b) == (0, len(run.text)) else replace(run, text=run.text[a:b]))
        offset = run_end
        if offset >= end:
            break
    return tuple(out)


def sentence_ends(text: str) -> list[int]:
    """Offsets just after each sentence end that has more text after it.

    A paragraph may be split there: the text before it stays, the text after it (white space
    skipped) moves on. Hard line breaks count as boundaries too.
    """
    ends = {m.end() for m in _SENTENCE_END.finditer(text)}
    for m in re.finditer(r"\n+", text):
        if text[: m.start()].strip() and text[m.end() :].strip():
            ends.add(m.start())
    return sorted(ends)
