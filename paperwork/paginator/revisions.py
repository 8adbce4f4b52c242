"""What changed between two drafts: elements aligned, then words compared inside each element.

The result is the new draft with a revision id on every changed character, the way Final
Draft keeps ``RevisionID`` on its text runs: the paginator marks a line with ``*`` when any
run on it is revised, so a change lands on exactly the printed lines it touches.

* **Elements** are aligned on their words (white space and line wrapping do not count), with
  :class:`difflib.SequenceMatcher`; inside a block of differing elements, elements of the same
  kind are paired by word similarity, so an edited paragraph is *changed*, not deleted and
  inserted. An element deleted here and inserted, word for word, elsewhere is *moved*: it
  keeps its marks and gets one mark on its first word, not a mark on every line.
* **Words** inside a paired element are compared the same way. Words kept keep the revision
  they had (an earlier colour's marks survive); new or replaced words take this revision; a
  deletion marks the word that now stands where the deleted text was.
* A speech's cue and a dual dialogue's two cues have no styled runs in the model: their
  revision is carried in the cue's slot (see :class:`Marked`) and drawn after pagination.

Whole deleted elements are reported as steps; where their mark goes depends on the locked
pages (the deleted text must be marked on the page it left), so
:mod:`~paperwork.paginator.revise` places it with :func:`mark_word`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from typing import Literal

from paperwork.model import screenplay as sp
from paperwork.model.revision import SlotMarks

__all__ = [
    "Marked",
    "ScriptDiff",
    "Step",
    "apply_marks",
    "diff_scripts",
    "element_key",
    "latest",
    "map_position",
    "map_revisions",
    "mark_word",
    "marked_from_runs",
    "marks_of",
    "materialize",
    "signature",
    "slots",
]

StepKind = Literal["same", "changed", "inserted", "deleted", "moved-in", "moved-out"]
Segment = tuple[int, int, int]  # [start, end) of a slot's text and its revision

_WORD = re.compile(r"\w+(?:['\u2019]\w+)*|[^\w\s]")  # words, and each punctuation mark
_PAIR_THRESHOLD = 0.3  # word similarity above which two elements are "the same, edited"
_PAIR_CELLS = 4000  # largest replace block paired by similarity (n * m); beyond, in order


# --- Slots: an element's texts, cues included ---------------------------------------------------


def slots(e: sp.Element) -> tuple[sp.StyledText, ...]:
    """The element's printed texts in order; a cue is an unstyled run of its printed cue."""
    match e:
        case sp.Paragraph():
            return (e.text,)
        case sp.Speech():
            return ((sp.TextRun(e.cue),), *(p.text for p in e.parts))
        case sp.DualDialogue(left=left, right=right):
            return (*slots(left), *slots(right))
        case _:
            return ()


def cue_slots(e: sp.Element) -> tuple[int, ...]:
    """Which of :func:`slots` are cues."""
    match e:
        case sp.Speech():
            return (0,)
        case sp.DualDialogue(left=left):
            return (0, 1 + len(left.parts))
        case _:
            return ()


def _slot_kinds(e: sp.Element) -> tuple[str, ...]:
    match e:
        case sp.Speech():
            return ("cue", *(type(p).__name__ for p in e.parts))
        case sp.DualDialogue(left=left, right=right):
            return (*_slot_kinds(left), *_slot_kinds(right))
        case _:
            return ("text",) if slots(e) else ()


def _with_slots(e: sp.Element, texts: Sequence[sp.StyledText]) -> sp.Element:
    """``e`` with its non-cue texts replaced (cues are not styled text in the model)."""
    match e:
        case sp.Paragraph():
            return e if texts[0] is e.text else replace(e, text=texts[0])
        case sp.Speech():
            parts = tuple(
                p if t is p.text else replace(p, text=t)
                for p, t in zip(e.parts, texts[1:], strict=True)
            )
            return replace(e, parts=parts)
        case sp.DualDialogue(left=left, right=right):
            n = 1 + len(left.parts)
            new_left = _with_slots(left, texts[:n])
            new_right = _with_slots(right, texts[n:])
            assert isinstance(new_left, sp.Speech) and isinstance(new_right, sp.Speech)
            return replace(e, left=new_left, right=new_right)
        case _:
            return e


@dataclass(frozen=True, slots=True)
class Marked:
    """An element and its texts carrying revision ids (cue revisions included)."""

    element: sp.Element
    texts: tuple[sp.StyledText, ...]

    @property
    def cue_revisions(self) -> tuple[int, ...]:
        return tuple(latest(self.texts[i]) for i in cue_slots(self.element))

    @property
    def revision(self) -> int:
        """The latest revision anywhere in the element."""
        return max((latest(t) for t in self.texts), default=0)


def latest(text: sp.StyledText) -> int:
    """The latest revision among runs (0: unrevised)."""
    best = 0
    for run in text:
        if run.revision > best:
            best = run.revision
    return best


def materialize(m: Marked) -> sp.Element:
    """The element with its revised runs (its cues' revisions are in ``m.cue_revisions``)."""
    return _with_slots(m.element, m.texts)


def marked_from_runs(e: sp.Element) -> Marked:
    """An element as its file marks it (FDX ``RevisionID`` runs); cues unrevised."""
    return Marked(e, slots(e))


def map_revisions(e: sp.Element, mapping: Mapping[int, int]) -> sp.Element:
    """``e`` with each run's revision id mapped (ids not in ``mapping`` become 0)."""
    texts = slots(e)
    if not any(run.revision for t in texts for run in t):
        return e
    mapped = [
        _merge(tuple(replace(run, revision=mapping.get(run.revision, 0)) for run in t))
        for t in texts
    ]
    return _with_slots(e, mapped)


def _cleared(text: sp.StyledText) -> sp.StyledText:
    if not any(run.revision for run in text):
        return text
    return _merge(tuple(replace(run, revision=0) for run in text))


def _plain_marked(e: sp.Element) -> Marked:
    """An element with every revision id cleared."""
    return Marked(e, tuple(_cleared(t) for t in slots(e)))


# --- Marks in and out of the lock file ----------------------------------------------------------


def _segments(text: sp.StyledText) -> list[Segment]:
    out: list[Segment] = []
    at = 0
    for run in text:
        end = at + len(run.text)
        if run.revision and end > at:
            if out and out[-1][1] == at and out[-1][2] == run.revision:
                out[-1] = (out[-1][0], end, run.revision)
            else:
                out.append((at, end, run.revision))
        at = end
    return out


def marks_of(marked: Sequence[Marked]) -> tuple[SlotMarks, ...]:
    """Every revised range of every element, for the lock file."""
    out: list[SlotMarks] = []
    for index, m in enumerate(marked):
        for slot, text in enumerate(m.texts):
            ranges = _segments(text)
            if ranges:
                out.append(SlotMarks(index, slot, tuple(ranges)))
    return tuple(out)


def apply_marks(script: sp.Screenplay, marks: Sequence[SlotMarks]) -> tuple[Marked, ...]:
    """The draft's elements carrying the lock file's marks (the file's own ids cleared)."""
    by_element: dict[int, dict[int, tuple[Segment, ...]]] = {}
    for sm in marks:
        by_element.setdefault(sm.element, {})[sm.slot] = sm.ranges
    out: list[Marked] = []
    for index, e in enumerate(script.elements):
        m = _plain_marked(e)
        own = by_element.get(index)
        if own:
            texts = list(m.texts)
            for slot, ranges in own.items():
                if 0 <= slot < len(texts):
                    texts[slot] = _set_revisions(texts[slot], list(ranges))
            m = Marked(e, tuple(texts))
        out.append(m)
    return tuple(out)


def _set_revisions(text: sp.StyledText, ranges: list[Segment]) -> sp.StyledText:
    """``text`` with revision ``rev`` on each ``(start, end, rev)``, 0 elsewhere."""
    n = sum(len(run.text) for run in text)
    cuts = {0, n}
    for a, b, _ in ranges:
        cuts.update((max(0, min(a, n)), max(0, min(b, n))))
    points = sorted(cuts)
    out: list[sp.TextRun] = []
    at = 0
    for run in text:
        end = at + len(run.text)
        for a, b in zip(points, points[1:], strict=False):
            lo, hi = max(a, at), min(b, end)
            if lo >= hi:
                continue
            rev = 0
            for ra, rb, rr in ranges:
                if ra <= lo and hi <= rb:
                    rev = rr
            out.append(
                sp.TextRun(run.text[lo - at : hi - at], run.bold, run.italic, run.underline, rev)
            )
        at = end
    return _merge(tuple(out))


def _merge(text: tuple[sp.TextRun, ...]) -> sp.StyledText:
    out: list[sp.TextRun] = []
    for run in text:
        if not run.text:
            continue
        if out:
            last = out[-1]
            if (last.bold, last.italic, last.underline, last.revision) == (
                run.bold,
                run.italic,
                run.underline,
                run.revision,
            ):
                out[-1] = sp.TextRun(
                    last.text + run.text, run.bold, run.italic, run.underline, run.revision
                )
                continue
        out.append(run)
    return tuple(out)


# --- Words ---------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Tokens:
    """An element's words in order, with a separator before each slot (its kind)."""

    words: list[str]
    spans: list[tuple[int, int, int]]  # (slot, start, end); slot -1... for separators
    revisions: list[int]


def _tokens(texts: Sequence[sp.StyledText], kinds: Sequence[str]) -> _Tokens:
    words: list[str] = []
    spans: list[tuple[int, int, int]] = []
    revisions: list[int] = []
    for slot, (text, kind) in enumerate(zip(texts, kinds, strict=True)):
        words.append("\x00" + kind)
        spans.append((slot, -1, -1))
        revisions.append(0)
        s = sp.plain(text)
        segs = _segments(text)
        k = 0
        for m in _WORD.finditer(s):
            a, b = m.span()
            rev = 0
            while k < len(segs) and segs[k][1] <= a:
                k += 1
            j = k
            while j < len(segs) and segs[j][0] < b:
                rev = max(rev, segs[j][2])
                j += 1
            words.append(m.group())
            spans.append((slot, a, b))
            revisions.append(rev)
    return _Tokens(words, spans, revisions)


def _rebuild(texts: Sequence[sp.StyledText], tokens: _Tokens) -> tuple[sp.StyledText, ...]:
    """Each slot's runs carrying its words' revisions; the space between two words takes the
    lower of theirs, so a space never marks a line by itself."""
    ranges: dict[int, list[Segment]] = {}
    prev: dict[int, tuple[int, int]] = {}  # slot -> (end, revision) of its previous word
    for (slot, a, b), rev in zip(tokens.spans, tokens.revisions, strict=True):
        if a < 0:
            continue
        last = prev.get(slot)
        segs = ranges.setdefault(slot, [])
        if last is not None:
            gap_rev = min(last[1], rev)
            if gap_rev and last[0] < a:
                segs.append((last[0], a, gap_rev))
        if rev:
            segs.append((a, b, rev))
        prev[slot] = (b, rev)
    out: list[sp.StyledText] = []
    for slot, text in enumerate(texts):
        found = ranges.get(slot)
        if found:
            out.append(_set_revisions(text, _joined(found)))
        else:
            out.append(_cleared(text))
    return tuple(out)


def _joined(segs: list[Segment]) -> list[Segment]:
    out: list[Segment] = []
    for seg in segs:
        if out and out[-1][1] == seg[0] and out[-1][2] == seg[2]:
            out[-1] = (out[-1][0], seg[1], seg[2])
        else:
            out.append(seg)
    return out


def _settle_separators(tokens: _Tokens, revision: int) -> None:
    """A mark on a slot separator (a new or removed part) moves to the nearest word."""
    n = len(tokens.words)
    for i in range(n):
        if tokens.spans[i][1] >= 0 or tokens.revisions[i] != revision:
            continue
        tokens.revisions[i] = 0
        j = i + 1
        while j < n and tokens.spans[j][1] < 0:
            j += 1
        if j < n and tokens.spans[j][0] == tokens.spans[i][0]:
            tokens.revisions[j] = revision
            continue
        j = i - 1
        while j >= 0 and tokens.spans[j][1] < 0:
            j -= 1
        if j >= 0:
            tokens.revisions[j] = revision


def _diff_words(old: Marked, new: sp.Element, revision: int) -> tuple[Marked, bool]:
    """``new`` with old words' revisions kept and changed words at ``revision``."""
    new_texts = slots(new)
    kinds = _slot_kinds(new)
    old_tokens = _tokens(old.texts, _slot_kinds(old.element))
    new_tokens = _tokens(new_texts, kinds)
    if old_tokens.words == new_tokens.words:
        new_tokens.revisions = list(old_tokens.revisions)
        return Marked(new, _rebuild(new_texts, new_tokens)), False
    matcher = SequenceMatcher(None, old_tokens.words, new_tokens.words, autojunk=False)
    revs = new_tokens.revisions
    n = len(revs)
    deletions: list[int] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            revs[j1:j2] = old_tokens.revisions[i1:i2]
        elif tag in ("replace", "insert"):
            revs[j1:j2] = [revision] * (j2 - j1)
        elif n:  # delete: the word now standing where the deleted words were
            deletions.append(j1 if j1 < n else n - 1)
    for j in deletions:
        revs[j] = revision
    _settle_separators(new_tokens, revision)
    return Marked(new, _rebuild(new_texts, new_tokens)), True


def map_position(old: Marked, new: sp.Element, slot: int, offset: int) -> tuple[int, int] | None:
    """Where ``(slot, offset)`` of the old element is in the new one: the same word, or where
    the words that replaced it start. ``offset`` 0 is the start of the slot. ``None`` when the
    old position is not at a word, or its words are gone with nothing after them."""
    old_tokens = _tokens(old.texts, _slot_kinds(old.element))
    t = None
    for i, (s, a, _) in enumerate(old_tokens.spans):
        if s == slot and (a == offset or (offset == 0 and a < 0)):
            t = i
            break
    if t is None:
        return None
    new_tokens = _tokens(slots(new), _slot_kinds(new))
    if old_tokens.words == new_tokens.words:
        mapped = t
    else:
        matcher = SequenceMatcher(None, old_tokens.words, new_tokens.words, autojunk=False)
        mapped = None
        for tag, i1, i2, j1, _j2 in matcher.get_opcodes():
            if i1 <= t < i2:
                mapped = j1 + (t - i1) if tag == "equal" else j1
                break
    if mapped is None or mapped >= len(new_tokens.spans):
        return None
    s, a, _ = new_tokens.spans[mapped]
    return (s, 0) if a < 0 else (s, a)


def _carry(old: Marked, new: sp.Element, revision: int) -> Marked:
    """An element whose words did not change: its old marks, as cheaply as possible."""
    if old.revision == 0:
        return _plain_marked(new)
    new_texts = slots(new)
    if [sp.plain(t) for t in new_texts] == [sp.plain(t) for t in old.texts]:
        return Marked(
            new,
            tuple(
                _set_revisions(t, _segments(o)) for t, o in zip(new_texts, old.texts, strict=True)
            ),
        )
    result, changed = _diff_words(old, new, revision)
    if changed:  # cannot happen: the signatures matched, so the words do
        raise AssertionError("equal signatures with different words")
    return result


def mark_word(m: Marked, where: Literal["first", "last"], revision: int) -> Marked:
    """Mark the first or last word of an element (where a deleted neighbour stood)."""
    order = range(len(m.texts)) if where == "first" else range(len(m.texts) - 1, -1, -1)
    for slot in order:
        s = sp.plain(m.texts[slot])
        words = list(_WORD.finditer(s))
        if not words:
            continue
        word = words[0] if where == "first" else words[-1]
        ranges = [r for r in _segments(m.texts[slot])]
        ranges = [(a, b, r) for a, b, r in ranges if b <= word.start() or a >= word.end()]
        ranges.append((word.start(), word.end(), revision))
        ranges.sort()
        texts = list(m.texts)
        texts[slot] = _set_revisions(m.texts[slot], ranges)
        return Marked(m.element, tuple(texts))
    return m


def mark_all(m: Marked, revision: int) -> Marked:
    """Every word of an element at ``revision`` (an inserted element)."""
    texts = tuple(
        _set_revisions(t, _word_ranges(sp.plain(t), revision)) if sp.plain(t).strip() else t
        for t in m.texts
    )
    return Marked(m.element, texts)


def _word_ranges(s: str, revision: int) -> list[Segment]:
    words = list(_WORD.finditer(s))
    if not words:
        return []
    return [(words[0].start(), words[-1].end(), revision)]


# --- Elements ------------------------------------------------------------------------------------


def _kind(e: sp.Element) -> str:
    if isinstance(e, sp.General):
        return f"General:{e.element_type}"
    return type(e).__name__


def signature(e: sp.Element) -> str:
    """What must match for two elements to be the same: kind and words, spacing ignored."""
    match e:
        case sp.Section(text=text) | sp.Synopsis(text=text) | sp.Note(text=text):
            return f"{_kind(e)}\x1f{' '.join(text.split())}"
        case sp.PageBreak():
            return "PageBreak"
        case _:
            texts = (
                f"{kind}:{' '.join(sp.plain(t).split())}"
                for kind, t in zip(_slot_kinds(e), slots(e), strict=True)
            )
            return _kind(e) + "\x1f" + "\x1e".join(texts)


def element_key(e: sp.Element) -> object:
    """Everything about an element that reaches the page, positions left out."""
    match e:
        case sp.SceneHeading():
            return ("H", e.text, e.number)
        case sp.Action():
            return ("A", e.text, e.alignment)
        case sp.Speech():
            return ("S", e.character, e.extensions, tuple((type(p), p.text) for p in e.parts))
        case sp.DualDialogue():
            return ("D", element_key(e.left), element_key(e.right))
        case sp.Transition() | sp.Shot() | sp.Lyrics():
            return (type(e).__name__, e.text)
        case sp.General():
            return ("G", e.text, e.element_type, e.paginate_as, e.alignment)
        case sp.PageBreak():
            return ("B",)
        case _:
            return (type(e).__name__,)  # sections, synopses, notes take no room


def _printing(e: sp.Element) -> bool:
    return bool(slots(e))


@dataclass(frozen=True, slots=True)
class Step:
    """One step of the alignment, in order: an old element, a new one, or both."""

    old: int | None
    new: int | None
    kind: StepKind


@dataclass(frozen=True, slots=True)
class ScriptDiff:
    """The new draft's elements with revisions, and how they align with the old draft's."""

    marked: tuple[Marked, ...]  # one per element of the new draft
    steps: tuple[Step, ...]
    signatures: tuple[str, ...] = ()  # the new draft's elements' (for its lock digest)

    @property
    def any_change(self) -> bool:
        """Did any element change, come, go or move?"""
        return any(s.kind != "same" for s in self.steps)


def _words(e: sp.Element) -> list[str]:
    return " ".join(sp.plain(t) for t in slots(e)).split()


def _similarity(a: list[str], b: list[str]) -> float:
    if not a and not b:
        return 1.0
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < _PAIR_THRESHOLD or matcher.quick_ratio() < _PAIR_THRESHOLD:
        return 0.0
    return matcher.ratio()


def _pair_block(
    old: Sequence[sp.Element], new: Sequence[sp.Element], i1: int, j1: int
) -> list[Step]:
    """Pair the elements of a replace block: same kind, similar words, in order."""
    n, m = len(old), len(new)
    if n == 1 and m == 1 and _kind(old[0]) == _kind(new[0]):
        return [Step(i1, j1, "changed")]
    if n * m > _PAIR_CELLS:
        return _in_order(old, new, i1, j1)
    old_words = [_words(e) for e in old]
    new_words = [_words(e) for e in new]
    score = [[0.0] * (m + 1) for _ in range(n + 1)]
    take = [[False] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            best = max(score[i + 1][j], score[i][j + 1])
            pair = False
            if _kind(old[i]) == _kind(new[j]) and _printing(old[i]):
                sim = _similarity(old_words[i], new_words[j])
                if isinstance(old[i], sp.SceneHeading):
                    sim = max(sim, 0.5)
                if sim >= _PAIR_THRESHOLD and score[i + 1][j + 1] + sim > best:
                    best, pair = score[i + 1][j + 1] + sim, True
            score[i][j] = best
            take[i][j] = pair
    steps: list[Step] = []
    i = j = 0
    pending_old: list[int] = []
    while i < n or j < m:
        if i < n and j < m and take[i][j]:
            steps.extend(Step(i1 + k, None, "deleted") for k in pending_old)
            pending_old = []
            steps.append(Step(i1 + i, j1 + j, "changed"))
            i += 1
            j += 1
        elif j < m and (i >= n or score[i][j + 1] >= score[i + 1][j]):
            steps.append(Step(None, j1 + j, "inserted"))
            j += 1
        else:
            pending_old.append(i)
            i += 1
    steps.extend(Step(i1 + k, None, "deleted") for k in pending_old)
    return steps


def _in_order(old: Sequence[sp.Element], new: Sequence[sp.Element], i1: int, j1: int) -> list[Step]:
    """A large rewrite: pair same-kind elements position by position, the rest in and out."""
    steps: list[Step] = []
    for k in range(max(len(old), len(new))):
        a = old[k] if k < len(old) else None
        b = new[k] if k < len(new) else None
        if a is not None and b is not None and _kind(a) == _kind(b):
            steps.append(Step(i1 + k, j1 + k, "changed"))
            continue
        if b is not None:
            steps.append(Step(None, j1 + k, "inserted"))
        if a is not None:
            steps.append(Step(i1 + k, None, "deleted"))
    return steps


def _align(
    old: Sequence[sp.Element], new: Sequence[sp.Element], old_sigs: list[str], new_sigs: list[str]
) -> list[Step]:
    matcher = SequenceMatcher(None, old_sigs, new_sigs, autojunk=False)
    steps: list[Step] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        match tag:
            case "equal":
                steps.extend(Step(i1 + k, j1 + k, "same") for k in range(i2 - i1))
            case "insert":
                steps.extend(Step(None, j, "inserted") for j in range(j1, j2))
            case "delete":
                steps.extend(Step(i, None, "deleted") for i in range(i1, i2))
            case _:
                steps.extend(_pair_block(old[i1:i2], new[j1:j2], i1, j1))
    return _find_moves(steps, old_sigs, new_sigs, old)


def _find_moves(
    steps: list[Step], old_sigs: list[str], new_sigs: list[str], old: Sequence[sp.Element]
) -> list[Step]:
    """An inserted element that is word for word a deleted one has moved."""
    deleted: dict[str, list[int]] = {}
    for s in steps:
        if s.kind == "deleted" and s.old is not None and _printing(old[s.old]):
            deleted.setdefault(old_sigs[s.old], []).append(s.old)
    if not deleted:
        return steps
    source: dict[int, int] = {}  # new index -> old index it moved from
    for s in steps:
        if s.kind == "inserted" and s.new is not None:
            olds = deleted.get(new_sigs[s.new])
            if olds:
                source[s.new] = olds.pop(0)
    if not source:
        return steps
    moved_out = set(source.values())
    out: list[Step] = []
    for s in steps:
        if s.kind == "inserted" and s.new in source:
            out.append(Step(source[s.new], s.new, "moved-in"))
        elif s.kind == "deleted" and s.old in moved_out:
            out.append(Step(s.old, None, "moved-out"))
        else:
            out.append(s)
    return out


def diff_scripts(
    old: Sequence[Marked],
    new: sp.Screenplay,
    revision: int,
    *,
    old_signatures: Sequence[str] | None = None,
) -> ScriptDiff:
    """Compare the new draft with the old one (its elements carrying their marks).

    Returns every new element with revision ids: unchanged words keep the old marks, new or
    changed words take ``revision``. A moved element keeps its marks plus one on its first
    word; an inserted one is marked throughout. Deleted elements are only steps here.
    """
    old_elements = [m.element for m in old]
    old_sigs = (
        list(old_signatures) if old_signatures is not None else [signature(e) for e in old_elements]
    )
    new_sigs = [signature(e) for e in new.elements]
    steps = _align(old_elements, new.elements, old_sigs, new_sigs)
    marked: list[Marked | None] = [None] * len(new.elements)
    for s in steps:
        if s.new is None:
            continue
        e = new.elements[s.new]
        match s.kind:
            case "same":
                assert s.old is not None
                marked[s.new] = _carry(old[s.old], e, revision)
            case "changed":
                assert s.old is not None
                marked[s.new], _ = _diff_words(old[s.old], e, revision)
            case "moved-in":
                assert s.old is not None
                result, _ = _diff_words(old[s.old], e, revision)
                marked[s.new] = mark_word(result, "first", revision)
            case _:
                marked[s.new] = mark_all(_plain_marked(e), revision)
    final = tuple(
        m if m is not None else _plain_marked(e) for m, e in zip(marked, new.elements, strict=True)
    )
    return ScriptDiff(final, tuple(steps), tuple(new_sigs))
