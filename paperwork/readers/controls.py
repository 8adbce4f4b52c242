"""Control characters in user text: cleaned once, where a reader takes the text in.

No worksheet, Word document or PDF can hold C0 control characters other than tab, line feed
and carriage return (openpyxl and lxml raise on them), so a reader must not let them
through. A vertical tab is Word's and Excel's manual line break and becomes a line break;
every other one is removed with a ``control-character`` warning where it was.
"""

from __future__ import annotations

import re

from paperwork.errors import Diagnostics
from paperwork.model.source import Pos

CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_REMOVED = re.compile("[\x00-\x08\x0c\x0e-\x1f\ufffe\uffff]")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def _names(found: list[str]) -> str:
    return ", ".join(sorted({f"U+{ord(c):04X}" for c in found}))


def clean_cell(text: str, where: Pos, diagnostics: Diagnostics) -> str:
    """One cell's text: ``\\v`` as a line break, other control characters removed (warned)."""
    if not CONTROL.search(text):
        return text
    found = _REMOVED.findall(text)
    if found:
        diagnostics.warning(
            "control-character",
            f"removed control character(s) {_names(found)} that no document can hold",
            where,
        )
    return _REMOVED.sub("", text.replace("\x0b", "\n"))


def clean_lines(text: str, source: str, diagnostics: Diagnostics) -> str:
    """A whole text file (a script), each cleaned line warned at ``line:column``.

    Here a vertical tab becomes a space, not a line break: every position in a script must
    stay the line the user's editor shows, and a new line would shift all below it.
    """
    if not CONTROL.search(text):
        return text
    for number, line in enumerate(_LINE_BREAK.split(text), start=1):
        found = list(CONTROL.finditer(line))
        if found:
            diagnostics.warning(
                "control-character",
                f"removed control character(s) {_names([m.group() for m in found])} "
                "that no document can hold (a vertical tab is now a space)",
                Pos(source, number, found[0].start() + 1),
            )
    return _REMOVED.sub("", text.replace("\x0b", " "))
