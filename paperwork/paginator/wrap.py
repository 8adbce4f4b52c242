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

from paperwork.model.screenplay import StyledText, TextRun

__all__ = ["Span", "sentence_ends", "slice_runs", "wrap", "wrap_count"]

Span = tuple[int, int]  # [start, end) of one printed line in the paragraph's plain text

# A sentence ends at . ? or ! (an ellipsis counts), then any closing quotes or brackets,
# then white space before the next sentence starts.
_SENTENCE_END = re.compile(r"[.?!]+[\"'\u2019\u201d)\]]*(?=\s+\S)")


def _visible_end(text: str, pos: int, end: int) -> int:
    """The end of ``text[pos:end]`` without its trailing spaces."""
    while end > pos and text[end - 1] in " \t":
        end -= 1
    return end


def _fits(text: str, pos: int, end: int, limit: int) -> bool:
    """Does ``text[pos:end]`` fit? A hyphen ending it may hang one character past the edge."""
    n = end - pos
    return n <= limit or (n == limit + 1 and text[end - 1] == "-")


def _last_space(text: str, start: int, end: int, tabs: bool) -> int:
    """The index of the last space (or tab) in ``text[start:end]``, or -1."""
    space = text.rfind(" ", start, end)
    return max(space, text.rfind("\t", start, end)) if tabs else space


def _wrap_line(
    text: str, start: int, end: int, width: int, first_width: int, tabs: bool
) -> list[Span]:
    """Wrap one hard line ``text[start:end]``; the first printed line may be wider."""
    spans: list[Span] = []
    pos = start
    limit = first_width
    lead = _lead(text, start, end)  # leading spaces belong to the first word
    while True:
        stop = _visible_end(text, pos, end)
        if stop == pos or _fits(text, pos, stop, limit):
            break
        best = resume = -1
        # The last space that leaves visible text before it, where that text fits...
        space = _last_space(text, pos, pos + limit + 2, tabs)
        while space > pos:
            cut = _visible_end(text, pos, space)
            if cut > max(pos, lead) and _fits(text, pos, cut, limit):
                best, resume = cut, space
                break
            space = _last_space(text, pos, cut, tabs)
        # ...or after a hyphen joining two words, if that makes the longer line.
        hyphen = text.rfind("-", pos, pos + limit + 1)
        while hyphen > max(pos, lead) and hyphen + 1 > best:
            if text[hyphen + 1 : hyphen + 2].isalpha() and text[hyphen - 1] not in " \t":
                best = resume = hyphen + 1
                break
            hyphen = text.rfind("-", pos, hyphen)
        if best < 0:  # one word longer than the line: cut it
            best = resume = pos + limit
        spans.append((pos, best))
        while resume < end and text[resume] in " \t":
            resume += 1
        pos = resume
        limit = width
        lead = pos
    if pos < end or not spans:
        stop = _visible_end(text, pos, end)
        spans.append((pos, stop if stop > pos else end))
    return spans


def _lead(text: str, start: int, end: int) -> int:
    """The end of the leading spaces of ``text[start:end]``."""
    pos = start
    while pos < end and text[pos] in " \t":
        pos += 1
    return pos


def wrap(text: str, width: int, first_width: int | None = None) -> list[Span]:
    """The printed lines of ``text`` at ``width`` characters, as spans of the text.

    ``first_width`` is the first line's width (a hanging parenthetical gains a character).
    """
    width = max(1, width)
    first = width if first_width is None else max(1, first_width)
    n = len(text)
    if n <= first and "\n" not in text and text[-1:] not in (" ", "\t"):
        return [(0, n)]  # the usual short paragraph: one line as it stands
    tabs = "\t" in text
    spans: list[Span] = []
    start = 0
    while True:
        nl = text.find("\n", start)
        stop = n if nl < 0 else nl
        spans.extend(_wrap_line(text, start, stop, width, first if not spans else width, tabs))
        if nl < 0:
            break
        start = nl + 1
    return spans


def wrap_count(text: str, width: int, first_width: int | None = None) -> int:
    """How many printed lines ``text`` takes."""
    return len(wrap(text, width, first_width))


def slice_runs(runs: StyledText, start: int, end: int) -> StyledText:
    """The styled runs covering ``[start, end)`` of their joined text."""
    if len(runs) == 1:
        run = runs[0]
        if start == 0 and end >= len(run.text):
            return runs
        return (TextRun(run.text[start:end], run.bold, run.italic, run.underline, run.revision),)
    out: list[TextRun] = []
    offset = 0
    for run in runs:
        run_end = offset + len(run.text)
        if run_end > start and offset < end:
            a = max(start, offset) - offset
            b = min(end, run_end) - offset
            if a == 0 and b == len(run.text):
                out.append(run)
            else:
                out.append(
                    TextRun(run.text[a:b], run.bold, run.italic, run.underline, run.revision)
                )
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
