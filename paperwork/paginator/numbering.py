"""Numbers of pages and scenes: ``12A`` and ``12AA`` pages, ``15-16``, scenes ``10A`` and ``A11``.

One copy of the lettering that Final Draft uses: a scene inserted after numbering is lettered
after the scene before it (``10A``, or ``A11`` with prefix letters), a page that overflows its
locked place takes the next letter (``12A``, then ``12AA`` between ``12A`` and ``12B``).
"""

from __future__ import annotations

import re

from paperwork.model.revision import SceneLetters
from paperwork.model.screenplay import SceneHeading, Screenplay

__all__ = [
    "first_number",
    "forced_numbers",
    "last_number",
    "letter_suffix",
    "number_scenes",
    "overflow_numbers",
    "scene_numbers_between",
]


def number_scenes(script: Screenplay) -> dict[int, str]:
    """Scene number per heading element index: the script's own, else 1..N.

    In a partly numbered script an unnumbered scene after ``10`` becomes ``10A``, ``10B``...
    (a scene inserted after numbering), or counts on from 1 before the first number.
    """
    headings = [(i, e) for i, e in enumerate(script.elements) if isinstance(e, SceneHeading)]
    if not any(h.number for _, h in headings):
        return {i: str(n) for n, (i, _) in enumerate(headings, start=1)}
    numbers: dict[int, str] = {}
    last: str | None = None
    suffix = 0
    count = 0
    for i, h in headings:
        if h.number:
            numbers[i] = last = h.number
            suffix = 0
        elif last is None:
            count += 1
            numbers[i] = str(count)
        else:
            suffix += 1
            numbers[i] = last + letter_suffix(suffix)
    return numbers


def letter_suffix(n: int) -> str:
    """1 -> A, 26 -> Z, 27 -> AA."""
    out = ""
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(ord("A") + r) + out
    return out


_NUMBER = re.compile(r"^([A-Z]*)(\d+)([A-Za-z]*)$")


def last_number(number: str) -> str:
    """The last page of a combined number: ``15-16`` -> ``16``."""
    return number.rsplit("-", 1)[-1]


def first_number(number: str) -> str:
    """The first page of a combined number: ``15-16`` -> ``15``."""
    return number.split("-", 1)[0]


def _split(number: str) -> tuple[str, int, str] | None:
    m = _NUMBER.match(number)
    if m is None:
        return None
    return m.group(1), int(m.group(2)), m.group(3)


def _key(number: str) -> tuple[int, str, str]:
    """Order of page numbers: ``12`` < ``12A`` < ``12AA`` < ``12B`` < ``13``."""
    parts = _split(last_number(number))
    if parts is None:
        return (1 << 30, number, "")
    prefix, n, suffix = parts
    return (n, suffix, prefix)


def _bump(letters: str) -> str | None:
    if not letters:
        return "A"
    if letters[-1] == "Z":
        return None
    return letters[:-1] + chr(ord(letters[-1]) + 1)


def overflow_numbers(
    after: str, before: str | None, count: int, taken: set[str]
) -> list[str] | None:
    """Numbers for ``count`` new pages after page ``after`` and before page ``before``.

    ``12`` -> ``12A, 12B``; ``12A`` (before ``13``) -> ``12B``; ``12A`` before ``12B`` ->
    ``12AA, 12AB``. ``None`` when none fit (``12`` right before ``12A``).
    """
    parts = _split(last_number(after))
    if parts is None:
        return None
    prefix, n, letters = parts
    limit = _key(before) if before is not None else None

    def ordered(cand: str) -> bool:
        return limit is None or (n, cand, prefix) < limit

    def first_free(cand: str | None) -> str | None:
        while cand is not None and ordered(cand):
            if f"{prefix}{n}{cand}" not in taken:
                return cand
            cand = _bump(cand)
        return None

    out: list[str] = []
    for _ in range(count):
        cand = first_free(_bump(letters)) or first_free(letters + "A")
        if cand is None:
            return None
        out.append(f"{prefix}{n}{cand}")
        letters = cand
    return out


def forced_numbers(after: str, count: int, taken: set[str]) -> list[str]:
    """Unique numbers after ``after`` when no ordered ones exist (never reused)."""
    out = _lettered(last_number(after), count, taken)
    taken.update(out)
    return out


def _lettered(base: str, count: int, taken: set[str]) -> list[str]:
    """``count`` numbers ``base`` + A, B, ... Z, AA, ... that are not in ``taken``."""
    out: list[str] = []
    k = 1
    while len(out) < count:
        cand = f"{base}{letter_suffix(k)}"
        k += 1
        if cand not in taken:
            out.append(cand)
    return out


def scene_numbers_between(
    prev: str | None, nxt: str | None, count: int, taken: set[str], scheme: SceneLetters
) -> list[str]:
    """Numbers for ``count`` scenes inserted between locked scenes ``prev`` and ``nxt``.

    Suffix (Final Draft's ``1A``): after ``10`` come ``10A, 10B``; after ``10A`` comes ``10B``;
    between ``10A`` and ``10B``, ``10AA``; between ``10`` and ``10A``, ``10aA`` (second-level
    inserts as SCREENPLAY.md section 7 records them). Prefix (``A1``): before ``11`` come
    ``A11, B11``. Before the first scene both give ``A1``. Numbers in ``taken`` (in use or
    retired) are never given.
    """
    out: list[str] = []
    if prev is None or (scheme == "prefix" and nxt is not None):
        if nxt is None:
            base, start = "1", ""
        else:
            parts = _split(first_number(nxt))
            base = str(parts[1]) + parts[2] if parts else nxt
            start = ""
            if prev is not None:
                pp = _split(prev)
                if pp is not None and pp[0] and str(pp[1]) + pp[2] == base:
                    start = pp[0]  # after A48 comes B48
        letters = start
        while len(out) < count:
            bumped = _bump(letters)
            letters = bumped if bumped is not None else letters + "A"
            cand = f"{letters}{base}"
            if cand not in taken:
                out.append(cand)
        return out
    got = overflow_numbers(prev, nxt, count, taken)
    if got is not None:
        return got
    return _lettered(f"{prev}a", count, taken)
