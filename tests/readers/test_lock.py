"""The lock file read back as hostile input: every bad value a located lock-format error."""

from __future__ import annotations

import json

import pytest

from paperwork.errors import Diagnostics
from paperwork.model.revision import RevisionEntry
from paperwork.paginator import layout_for
from paperwork.paginator.lock import LockedScript, lock_draft
from paperwork.paginator.revisions import apply_marks
from paperwork.readers.fountain import read_fountain
from paperwork.readers.lock import lock_from_json
from paperwork.writers.lock import lock_to_json


def draft(scenes: int) -> str:
    """A script of ``scenes`` scenes, each with action and a speech long enough to split."""
    out = ["Title: Locked\n\n"]
    for n in range(1, scenes + 1):
        words = " ".join(f"s{n}w{k}." for k in range(120))
        out.append(f"INT. ROOM {n} - DAY\n\n{words}\n\nANNA\n{words}\n\n")
    return "".join(out)


def lock(text: str) -> LockedScript:
    diagnostics = Diagnostics()
    script = read_fountain(text, "draft.fountain", diagnostics)
    assert not diagnostics.has_errors
    history = (RevisionEntry(0, "White", "2026-11-01"),)
    locked = lock_draft(
        script, apply_marks(script, ()), layout_for(script), paper="letter", history=history
    )
    return locked


def test_the_lock_file_reads_back_the_same() -> None:
    """JSON out and in gives the same lock."""
    locked = lock(draft(3))
    diagnostics = Diagnostics()
    again = lock_from_json(lock_to_json(locked.lock), "draft.lock.json", diagnostics)
    assert again == locked.lock and not diagnostics.items


@pytest.mark.parametrize(
    ("data", "line"),
    [
        (b"{not json", 1),
        (b'{"format": "something-else"}', 0),
        (b'{"format": "paperwork-lock", "version": 1}', 0),
    ],
)
def test_a_broken_lock_file_is_a_located_error(data: bytes, line: int) -> None:
    """Bad JSON, another format, missing fields: lock-format at the lock file."""
    diagnostics = Diagnostics()
    assert lock_from_json(data, "x.lock.json", diagnostics) is None
    assert diagnostics.codes() == ["lock-format"]
    assert diagnostics.items[0].pos is not None
    assert diagnostics.items[0].pos.file == "x.lock.json" and diagnostics.items[0].pos.line == line


def _hostile(edit: str) -> bytes:
    """The lock file of a 3-scene draft with one value replaced: ``edit`` is ``key=json``
    for a top-level key, or ``pages[2][1]=json`` style for a nested one."""
    locked = lock(draft(3))
    text = lock_to_json(locked.lock).decode("utf-8")
    body = json.loads(text)
    target, _, value = edit.partition("=")
    keys = [int(k) if k.isdigit() else k for k in target.replace("]", "").split("[")]
    holder = body
    for k in keys[:-1]:
        holder = holder[k]
    holder[keys[-1]] = "\x00MARK"
    out = json.dumps(body, indent=1).replace('"\\u0000MARK"', value)
    return out.encode("utf-8")


def _line_of(data: bytes, key: str) -> int:
    lines = data.decode("utf-8").splitlines()
    return next(i for i, ln in enumerate(lines, 1) if ln.lstrip().startswith(f'"{key}"'))


@pytest.mark.parametrize(
    ("edit", "key"),
    [
        ("pages[1][1]=1e999", "pages"),  # a float too big for any page
        ("pages[1][1]=1.5", "pages"),
        ('pages[1][1]="3"', "pages"),
        ("pages[1][3]=-1", "pages"),
        ("pages[1][1]=999999999999999999999999", "pages"),
        ("pages[0]=[1, 2]", "pages"),
        ('pages[1][0]="1"', "pages"),  # a page number twice
        ("pages=[]", "pages"),
        ("sequence[2][0]=9", "sequence"),  # the draft's elements out of order
        ("sequence[2]=7", "sequence"),
        ("sequence[2][2]=4", "sequence"),  # a revision the history does not have
        ("revisions=5", "revisions"),
        ('revisions[0]={"id": 0}', "revisions"),
        ('revisions[0]={"id": 0, "colour": "White", "date": "tomorrow"}', "revisions"),
        ('revisions[0]={"id": 3, "colour": "White"}', "revisions"),
        ("marks=[[0, 0, [[5, 2, 0]]]]", "marks"),
        ('scene_letters="both"', "scene_letters"),
        ('paper="a5"', "paper"),
        ("digest=12", "digest"),
        ("retired=[1]", "retired"),
    ],
)
def test_a_hostile_lock_value_is_an_error_at_its_key(edit: str, key: str) -> None:
    """1e999, fractions, strings for numbers, bad sequences, wrong types: lock-format at the
    line of the key they sit under, never an exception."""
    data = _hostile(edit)
    diagnostics = Diagnostics()
    assert lock_from_json(data, "x.lock.json", diagnostics) is None
    assert diagnostics.codes() == ["lock-format"]
    pos = diagnostics.items[0].pos
    assert pos is not None and (pos.file, pos.line) == ("x.lock.json", _line_of(data, key))


@pytest.mark.parametrize(
    "data",
    [
        b'{"format": "paperwork-lock", "version": 1, "pages": ' + b"[" * 100_000 + b"]" * 100_000,
        b"[" * 5_000 + b"]" * 5_000,
        b'{"format": "paperwork-lock", "version": 1, "revisions": NaN}',
        b'{"format": "paperwork-lock", "version": 1, "x": ' + b"9" * 5000 + b"}",
        b"\xff\xfe not utf-8",
        b'{"format": "paperwork-lock", "version": 1e999}',
    ],
)
def test_hostile_json_is_an_error_not_a_crash(data: bytes) -> None:
    """Deep nesting, NaN, a 5000-digit number, bytes that are not UTF-8: lock-format."""
    diagnostics = Diagnostics()
    assert lock_from_json(data, "x.lock.json", diagnostics) is None
    assert diagnostics.codes() == ["lock-format"]


def test_a_lock_file_without_paper_was_locked_on_letter() -> None:
    """Lock files from before paper was recorded: US Letter, and a lock-paper note says so."""
    locked = lock(draft(2))
    body = json.loads(lock_to_json(locked.lock))
    del body["paper"]
    diagnostics = Diagnostics()
    again = lock_from_json(json.dumps(body).encode(), "old.lock.json", diagnostics)
    assert again is not None and again.paper == "letter"
    assert [(d.severity, d.code) for d in diagnostics] == [("info", "lock-paper")]
