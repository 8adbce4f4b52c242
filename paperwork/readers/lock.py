"""The lock file (``<draft>.lock.json``) read back from JSON, as hostile input.

A lock file sits beside the script where anyone can edit it, so nothing in it is trusted:
its nesting is measured before it is parsed, every value is checked for its type and range,
and a bad one is a ``lock-format`` error located at its key, never an exception.
:mod:`paperwork.writers.lock` writes what this reads.
"""

from __future__ import annotations

import json
import re
from datetime import date

from paperwork.errors import Diagnostics
from paperwork.model.pages import LAYOUTS, LETTER
from paperwork.model.revision import (
    LOCK_FORMAT,
    LOCK_VERSION,
    LockedPage,
    LockFile,
    RevisionEntry,
    SequenceItem,
    SlotMarks,
)
from paperwork.model.source import Pos

__all__ = ["DEFAULT_PAPER", "PAPERS", "lock_from_json"]

_MAX_INDEX = 10_000_000  # far more elements, pages or characters than any script has
_MAX_DEPTH = 6  # the lock file nests four deep: anything deeper is not one
PAPERS = tuple(LAYOUTS)  # ("letter", "a4")
DEFAULT_PAPER = LETTER.name  # what a lock file that names no paper was locked on


class _Damaged(Exception):
    """A value of the lock file that is missing or not what it must be."""

    def __init__(self, key: str, path: str, message: str) -> None:
        super().__init__(message)
        self.key = key  # the top-level key it sits under: where to point
        self.path = path  # revisions[2].date
        self.message = message


def _shown(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, float) else repr(value)
    return text if len(text) <= 30 else text[:27] + "..."


class _Fields:
    """Typed, bounded reads from a lock file's JSON: anything else is :class:`_Damaged`."""

    def __init__(self, body: dict[str, object]) -> None:
        self.body = body

    def get(self, key: str, default: object = None, *, required: bool = True) -> object:
        if key not in self.body:
            if required:
                raise _Damaged(key, key, "is missing")
            return default
        return self.body[key]

    @staticmethod
    def whole(value: object, key: str, path: str, lo: int = 0, hi: int = _MAX_INDEX) -> int:
        if type(value) is not int:
            raise _Damaged(key, path, f"must be a whole number (got {_shown(value)})")
        if not lo <= value <= hi:
            raise _Damaged(key, path, f"must be between {lo} and {hi} (got {value})")
        return value

    @staticmethod
    def text(value: object, key: str, path: str, limit: int = 1000) -> str:
        if not isinstance(value, str):
            raise _Damaged(key, path, f"must be text (got {_shown(value)})")
        if len(value) > limit:
            raise _Damaged(key, path, f"is longer than {limit} characters")
        return value

    @staticmethod
    def flag(value: object, key: str, path: str) -> bool:
        if type(value) is bool or (type(value) is int and value in (0, 1)):
            return bool(value)
        raise _Damaged(key, path, f"must be 0 or 1 (got {_shown(value)})")

    @staticmethod
    def items(value: object, key: str, path: str, size: int | None = None) -> list[object]:
        if not isinstance(value, list):
            raise _Damaged(key, path, f"must be a list (got {_shown(value)})")
        if size is not None and len(value) != size:
            raise _Damaged(key, path, f"must be a list of {size} values (got {len(value)})")
        return value


def _depth(text: str) -> int:
    """How deep the JSON's brackets nest, outside strings (checked before parsing it)."""
    deepest = level = 0
    in_string = escaped = False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            level += 1
            deepest = max(deepest, level)
        elif ch in "]}":
            level -= 1
    return deepest


def _key_line(text: str, key: str) -> int:
    """The 1-based line of a top-level key in the lock file (0 when it is not there)."""
    m = re.search(rf'^\s*"{re.escape(key)}"\s*:', text, re.MULTILINE)
    return text.count("\n", 0, m.start()) + 1 if m else 0


def lock_from_json(data: bytes, source: str, diagnostics: Diagnostics) -> LockFile | None:
    """Read a lock file; a broken one is a ``lock-format`` error at the lock file.

    Every value is checked for its type and range (a number must be a whole number, not
    ``1e999``; a page must point inside the draft), so a damaged or hand-edited lock file is
    an error located at its key (``script.lock.json:12:pages[3][1]``), never a crash. A lock
    file from before paper was recorded was made on US Letter: ``lock-paper`` says so.
    """
    where = Pos(source)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        diagnostics.error("lock-format", f"not a lock file: not UTF-8 text ({exc.reason})", where)
        return None
    if _depth(text) > _MAX_DEPTH:
        diagnostics.error(
            "lock-format", f"not a lock file: its values nest more than {_MAX_DEPTH} deep", where
        )
        return None
    try:
        body = json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        diagnostics.error("lock-format", f"not a lock file: {exc}", Pos(source, exc.lineno))
        return None
    except (ValueError, RecursionError) as exc:
        diagnostics.error("lock-format", f"not a lock file: {exc}", where)
        return None
    if not isinstance(body, dict) or body.get("format") != LOCK_FORMAT:
        diagnostics.error("lock-format", "not a paperwork lock file", where)
        return None
    if body.get("version") != LOCK_VERSION:
        diagnostics.error(
            "lock-format",
            f"lock file version {_shown(body.get('version'))} is not {LOCK_VERSION}",
            Pos(source, _key_line(text, "version")),
        )
        return None
    try:
        lock = _lock_body(_Fields(body))
    except _Damaged as exc:
        line = _key_line(text, exc.key)
        diagnostics.error(
            "lock-format",
            f"the lock file is damaged: {exc.path} {exc.message}",
            Pos(source, line),
        )
        return None
    if "paper" not in body:
        diagnostics.info(
            "lock-paper",
            "the lock file names no paper: it was locked on US Letter, "
            "the default before lock files recorded their paper",
            where,
        )
    return lock


def _no_constant(name: str) -> object:
    raise ValueError(f"{name} is not a number a lock file holds")


def _lock_body(f: _Fields) -> LockFile:
    """The lock file's values, each checked; the first bad one raises :class:`_Damaged`."""
    revisions = _revisions(f)
    ids = {r.id for r in revisions}
    sequence = _sequence(f, ids)
    pages = _pages(f, ids, len(sequence))
    elements = sum(1 for s in sequence if s.element is not None)
    marks = _marks(f, ids, elements)
    letters = f.get("scene_letters", "suffix", required=False)
    if letters not in ("suffix", "prefix"):
        raise _Damaged(
            "scene_letters", "scene_letters", f"must be suffix or prefix (got {_shown(letters)})"
        )
    paper = f.get("paper", DEFAULT_PAPER, required=False)
    if paper not in PAPERS:
        raise _Damaged("paper", "paper", f"must be letter or a4 (got {_shown(paper)})")
    retired = f.items(f.get("retired", [], required=False), "retired", "retired")
    digest = f.text(f.get("digest"), "digest", "digest", 100)
    if not digest.startswith("sha256:"):
        raise _Damaged("digest", "digest", "must be a sha256: digest")
    return LockFile(
        source=f.text(f.get("source"), "source", "source"),
        title=f.text(f.get("title", "", required=False), "title", "title"),
        digest=digest,
        paper=str(paper),
        revisions=revisions,
        sequence=sequence,
        pages=pages,
        marks=marks,
        scene_letters="prefix" if letters == "prefix" else "suffix",
        retired=tuple(f.text(n, "retired", f"retired[{i}]", 20) for i, n in enumerate(retired)),
    )


def _revisions(f: _Fields) -> tuple[RevisionEntry, ...]:
    """``revisions``: the history, White (id 0) first, ids rising, ISO dates."""
    revisions: list[RevisionEntry] = []
    for i, r in enumerate(f.items(f.get("revisions"), "revisions", "revisions")):
        at = f"revisions[{i}]"
        if not isinstance(r, dict):
            raise _Damaged("revisions", at, f"must be an object (got {_shown(r)})")
        for name in ("id", "colour"):
            if name not in r:
                raise _Damaged("revisions", f"{at}.{name}", "is missing")
        rid = f.whole(r["id"], "revisions", f"{at}.id", 0, 999)
        when = f.text(r.get("date", ""), "revisions", f"{at}.date", 10)
        if when:
            try:
                date.fromisoformat(when)
            except ValueError:
                raise _Damaged(
                    "revisions", f"{at}.date", f"must be a date like 2026-12-03 (got {when!r})"
                ) from None
        if revisions and rid <= revisions[-1].id:
            raise _Damaged("revisions", f"{at}.id", "must come after the revision before it")
        if not revisions and rid != 0:
            raise _Damaged("revisions", f"{at}.id", "must be 0: the history starts with White")
        revisions.append(
            RevisionEntry(rid, f.text(r["colour"], "revisions", f"{at}.colour", 40), when)
        )
    if not revisions:
        raise _Damaged("revisions", "revisions", "is empty: a lock file starts with White")
    return tuple(revisions)


def _revision(f: _Fields, ids: set[int], value: object, key: str, path: str) -> int:
    """A revision id that the history holds."""
    rid = f.whole(value, key, path, 0, 999)
    if rid not in ids:
        raise _Damaged(key, path, f"is revision {rid}, not one of the history")
    return rid


def _sequence(f: _Fields, ids: set[int]) -> tuple[SequenceItem, ...]:
    """``sequence``: the draft's elements in order, OMITTED scenes (numbered) among them."""
    sequence: list[SequenceItem] = []
    expected = 0
    for i, s in enumerate(f.items(f.get("sequence"), "sequence", "sequence")):
        at = f"sequence[{i}]"
        e, label, r = f.items(s, "sequence", at, 3)
        element = None
        if e is not None:
            element = f.whole(e, "sequence", f"{at}[0]")
            if element != expected:
                raise _Damaged(
                    "sequence", f"{at}[0]", f"must be element {expected}: the draft in order"
                )
            expected += 1
        scene = f.text(label, "sequence", f"{at}[1]", 20)
        if element is None and not scene:
            raise _Damaged("sequence", f"{at}[1]", "must number the OMITTED scene")
        sequence.append(SequenceItem(element, scene, _revision(f, ids, r, "sequence", f"{at}[2]")))
    return tuple(sequence)


def _pages(f: _Fields, ids: set[int], n_items: int) -> tuple[LockedPage, ...]:
    """``pages``: unique numbers, in order, each starting inside the sequence."""
    pages: list[LockedPage] = []
    numbers: set[str] = set()
    for i, p in enumerate(f.items(f.get("pages"), "pages", "pages")):
        at = f"pages[{i}]"
        number, start, continued, rev, omitted, slot, offset = f.items(p, "pages", at, 7)
        page = LockedPage(
            f.text(number, "pages", f"{at}[0]", 20),
            f.whole(start, "pages", f"{at}[1]", 0, n_items),
            f.flag(continued, "pages", f"{at}[2]"),
            _revision(f, ids, rev, "pages", f"{at}[3]"),
            f.flag(omitted, "pages", f"{at}[4]"),
            f.whole(slot, "pages", f"{at}[5]"),
            f.whole(offset, "pages", f"{at}[6]"),
        )
        if not page.number or page.number in numbers:
            raise _Damaged(
                "pages", f"{at}[0]", f"must be a page number not used before (got {page.number!r})"
            )
        numbers.add(page.number)
        if pages and page.start < pages[-1].start:
            raise _Damaged("pages", f"{at}[1]", "must not start before the page before it")
        if page.continued and page.start >= n_items:
            raise _Damaged("pages", f"{at}[1]", "continues an element the draft does not have")
        pages.append(page)
    if not pages:
        raise _Damaged("pages", "pages", "is empty: a locked draft has at least one page")
    return tuple(pages)


def _marks(f: _Fields, ids: set[int], elements: int) -> tuple[SlotMarks, ...]:
    """``marks``: revision ranges in the text of the draft's ``elements`` elements."""
    marks: list[SlotMarks] = []
    for i, m in enumerate(f.items(f.get("marks", [], required=False), "marks", "marks")):
        at = f"marks[{i}]"
        e, slot, ranges = f.items(m, "marks", at, 3)
        spans: list[tuple[int, int, int]] = []
        for j, rng in enumerate(f.items(ranges, "marks", f"{at}[2]")):
            a, b, r = f.items(rng, "marks", f"{at}[2][{j}]", 3)
            lo = f.whole(a, "marks", f"{at}[2][{j}][0]")
            hi = f.whole(b, "marks", f"{at}[2][{j}][1]", lo)
            spans.append((lo, hi, _revision(f, ids, r, "marks", f"{at}[2][{j}][2]")))
        marks.append(
            SlotMarks(
                f.whole(e, "marks", f"{at}[0]", 0, max(0, elements - 1)),
                f.whole(slot, "marks", f"{at}[1]"),
                tuple(spans),
            )
        )
    return tuple(marks)
