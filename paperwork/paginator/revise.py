"""Revising a locked draft: the new draft laid out on the locked pages of the old one.

The locked pages are cut into *groups* (:class:`_Group`), each starting on an element or at
a cut the new draft still has; each group is laid out on its own with
:func:`~paperwork.paginator.lock.lay_out`. A group whose content did not change gives the very
pages it gave when locked; an edited group keeps its locked numbers and takes A-numbers
(``12A``) for pages it gains, or combines (``15-16``) or omits the pages it loses. Scenes keep
their numbers; an inserted one is lettered (``10A``, ``A11``), a deleted one stays as
``OMITTED``. See :mod:`paperwork.paginator.lock` for how a draft is laid out in items.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from paperwork.errors import Diagnostics
from paperwork.model.pages import PageLayout
from paperwork.model.revision import (
    LockedPage,
    LockFile,
    OmittedPages,
    RevisionEntry,
    SceneLetters,
)
from paperwork.model.screenplay import SceneHeading, Screenplay, ScriptSettings, plain
from paperwork.model.source import Pos
from paperwork.paginator.lock import (
    Cut,
    Item,
    Laid,
    LockedScript,
    LockOptions,
    Sheet,
    cue_table,
    cuttable,
    lay,
    lay_out,
    lock_file,
    omitted_item,
    paginated_of,
    placeholder,
    revised_script,
    segment_of,
)
from paperwork.paginator.numbering import (
    first_number,
    forced_numbers,
    last_number,
    overflow_numbers,
    scene_numbers_between,
)
from paperwork.paginator.revisions import Marked, ScriptDiff, map_position, mark_word

__all__ = ["revise_draft"]

_DEFAULTS = LockOptions()  # a frozen value, shared as the default


@dataclass(slots=True)
class _Group:
    """Locked pages laid out together: a page that starts on an element or at a cut the new
    draft still has, and the pages that continue it. Placeholders are kept as they are."""

    old_start: Cut
    pages: list[int] = field(default_factory=list)  # indices into lock.pages
    placeholder: bool = False
    new_start: Cut = (0, 0, 0)


def _groups(
    lock: LockFile,
    old_items: list[Item],
    old_laid: Laid,
    items: list[Item],
) -> list[_Group]:
    """Cut the locked pages into groups and find where each starts in the new draft."""
    positions = list(itertools.accumulate((it.old_pos for it in items), max))
    carried: dict[int, int] = {}  # old sequence index -> new item index carrying it
    for k, it in enumerate(items):
        if it.old_pos >= 0 and not it.inserted and it.moved_from is None:
            carried[it.old_pos] = k
    groups: list[_Group] = []
    for i, page in enumerate(lock.pages):
        if page.omitted:
            groups.append(_Group((page.start, 0, 0), [i], True))
            continue
        start: Cut | None = (page.start, 0, 0)
        new_start: Cut | None = None
        if not groups:
            start, new_start = (0, 0, 0), (0, 0, 0)
        elif page.continued:
            start = (page.start, page.slot, page.offset)
            new_start = _map_cut(start, old_items, old_laid, carried, items)
            if new_start is None:
                start = None
        else:
            new_start = (bisect.bisect_left(positions, page.start), 0, 0)
        real = [g for g in groups if not g.placeholder]
        if start is None or new_start is None or (real and new_start < real[-1].new_start):
            if real:
                real[-1].pages.append(i)
                continue
            start, new_start = (0, 0, 0), (0, 0, 0)
        groups.append(_Group(start, [i], False, new_start))
    return groups


def _map_cut(
    cut: Cut,
    old_items: list[Item],
    old_laid: Laid,
    carried: dict[int, int],
    items: list[Item],
) -> Cut | None:
    """Where a page that started inside an old element starts in the new one, if it can."""
    k, slot, offset = cut
    if not cuttable(
        old_laid.elements[k] if 0 <= k < len(old_laid.elements) else None, slot, offset
    ):
        return None
    new_k = carried.get(k)
    if new_k is None:
        return None
    new = items[new_k].marked.element
    got = map_position(old_items[k].marked, new, slot, offset)
    if got is None or not cuttable(new, *got):
        return None
    return (new_k, got[0], got[1])


def _new_sequence(
    old_items: list[Item],
    lock: LockFile,
    diff: ScriptDiff,
    old: Sequence[Marked],
    revision: int,
    source_name: str,
) -> tuple[list[Item], list[tuple[int, int]]]:
    """The new draft's items in order, each with the old position that decides its group;
    and the deletions, as (index in the new items where the text stood, old position)."""
    where = {it.source: k for k, it in enumerate(old_items) if it.source is not None}
    out: list[Item] = []
    deletions: list[tuple[int, int]] = []
    pending: list[Item] = []
    next_old = 0

    def settle(pos: int) -> None:
        for it in pending:
            it.old_pos = pos
        pending.clear()

    def flush(upto: int) -> None:
        nonlocal next_old
        while next_old < upto:
            it = old_items[next_old]
            if it.source is None:
                settle(next_old)
                out.append(replace(it, old_pos=next_old))
            next_old += 1

    for step in diff.steps:
        if step.old is not None and step.kind != "moved-in":
            p = where[step.old]
            flush(p)
            settle(p)
            next_old = p + 1
        match step.kind:
            case "same" | "changed":
                assert step.new is not None and step.old is not None
                p = where[step.old]
                number = old_items[p].number
                out.append(Item(diff.marked[step.new], step.new, number, old_pos=p))
            case "moved-in" | "inserted":
                assert step.new is not None
                item = Item(diff.marked[step.new], step.new, inserted=step.kind == "inserted")
                if step.kind == "moved-in" and step.old is not None:
                    item.moved_from = where[step.old]
                out.append(item)
                pending.append(item)
            case "deleted":
                assert step.old is not None
                p = where[step.old]
                if isinstance(old[step.old].element, SceneHeading):
                    number = old_items[p].number
                    omitted = omitted_item(number, revision, source_name)
                    omitted.old_pos = p
                    out.append(omitted)
                deletions.append((len(out), p))
            case "moved-out":
                assert step.old is not None
                deletions.append((len(out), where[step.old]))
    flush(len(old_items))
    settle(len(old_items))
    return out, deletions


def _number_scenes(
    items: list[Item], old_items: list[Item], lock: LockFile, scheme: SceneLetters
) -> None:
    """Locked numbers for carried scenes, the moved scene's own, letters for new ones."""
    for it in items:
        if it.moved_from is not None and it.is_heading:
            it.number = old_items[it.moved_from].number
    taken = {it.number for it in items if it.number} | set(lock.retired)
    headings = [it for it in items if it.is_heading]
    k = 0
    while k < len(headings):
        if headings[k].number:
            k += 1
            continue
        run = k
        while run < len(headings) and not headings[run].number:
            run += 1
        prev = headings[k - 1].number if k > 0 else None
        nxt = headings[run].number if run < len(headings) else None
        numbers = scene_numbers_between(prev, nxt, run - k, taken, scheme)
        for it, number in zip(headings[k:run], numbers, strict=True):
            it.number = number
            taken.add(number)
        k = run


def _mark_deletions(
    items: list[Item],
    deletions: list[tuple[int, int]],
    group_of: Callable[[int], int],
    revision: int,
) -> None:
    """Mark where deleted text stood, on the page (group) it was on: the neighbour before
    when it already carries this revision (text put in its place, an OMITTED scene), else the
    first word after, else the last word before."""
    for at, old_pos in deletions:
        group = group_of(old_pos)
        before = _neighbour(items, range(at - 1, -1, -1), group)
        after = _neighbour(items, range(at, len(items)), group)
        if before is not None and _last_word_revision(items[before].marked) == revision:
            continue
        if after is not None:
            items[after].marked = mark_word(items[after].marked, "first", revision)
        elif before is not None:
            items[before].marked = mark_word(items[before].marked, "last", revision)


def _last_word_revision(m: Marked) -> int:
    for text in reversed(m.texts):
        for run in reversed(text):
            if run.text.strip():
                return run.revision
    return 0


def _neighbour(items: list[Item], order: range, group: int) -> int | None:
    for k in order:
        if items[k].group != group:
            return None
        if items[k].printing:
            return k
    return None


def revise_draft(
    old_script: Screenplay,
    old_marked: Sequence[Marked],
    lock: LockFile,
    new_script: Screenplay,
    diff: ScriptDiff,
    revision: int,
    *,
    old_layout: PageLayout,
    layout: PageLayout,
    history: tuple[RevisionEntry, ...],
    options: LockOptions = _DEFAULTS,
    diagnostics: Diagnostics | None = None,
) -> LockedScript:
    """Lay the new draft out on the locked pages of the old one.

    ``old_marked`` is the old draft with the lock's marks; ``diff`` compares it with the new
    draft at ``revision``. Pages whose text, marks or number changed are ``issued`` and take
    ``revision``; the others keep the revision they were last issued in.
    """
    diagnostics = diagnostics if diagnostics is not None else Diagnostics()
    old_items = [
        Item(old_marked[s.element], s.element, s.number, old_pos=k)
        if s.element is not None
        else replace(omitted_item(s.number, s.revision, old_script.source), old_pos=k)
        for k, s in enumerate(lock.sequence)
    ]
    items, deletions = _new_sequence(old_items, lock, diff, old_marked, revision, new_script.source)
    _number_scenes(items, old_items, lock, options.scene_letters)
    old_laid = lay(old_items, old_layout, options, old_script.source)
    groups = _groups(lock, old_items, old_laid, items)
    real = [g for g in groups if not g.placeholder]
    old_starts = [g.old_start for g in real]
    new_starts = [g.new_start for g in real]

    def group_of(pos: int) -> int:
        return max(0, bisect.bisect_right(old_starts, (pos, 0, 0)) - 1)

    for k, it in enumerate(items):
        it.group = max(0, bisect.bisect_right(new_starts, (k, 0, 0)) - 1)
    for k, it in enumerate(old_items):
        it.group = group_of(k)
    changes = _scene_changes(items, old_items, deletions, revision)
    _mark_deletions(items, deletions, group_of, revision)
    new_laid = lay(items, layout, options, new_script.source)
    drafts = _Drafts(
        lock,
        groups,
        {id(g): r for r, g in enumerate(real)},
        old_starts,
        new_starts,
        old_laid,
        new_laid,
        {group_of(p) for _, p in deletions},
        old_layout,
        layout,
        old_script.settings,
        new_script.settings,
        options,
    )
    out = _issue(drafts, revision, diagnostics)
    new_lock = lock_file(
        new_script,
        new_laid,
        out.sheets,
        out.numbers,
        out.revisions,
        lock.paper,
        history,
        options,
        lock.retired,
        diff.signatures,
    )
    changed, added, omitted_now = changes
    return LockedScript(
        script=revised_script(new_script, new_laid),
        cue_revisions=cue_table(new_laid),
        paginated=paginated_of(new_script.title, layout, new_laid, out.sheets, out.numbers),
        page_revisions=tuple(out.revisions),
        issued=tuple(out.issued),
        lock=new_lock,
        before=paginated_of(
            old_script.title, old_layout, old_laid, out.before_sheets, out.before_numbers
        ),
        changed_scenes=changed,
        added_scenes=added,
        omitted_scenes=omitted_now,
        headings_before=tuple(
            (it.number, plain(it.marked.texts[0])) for it in old_items if it.is_heading
        ),
    )


def _issue(d: _Drafts, revision: int, diagnostics: Diagnostics) -> _Issue:
    """Every page of the revision, group by group; ``lock-drift`` when locked pages no longer
    lay out as they were locked (another paginator, another font)."""
    lock, groups = d.lock, d.groups
    out = _Issue()
    taken = {p.number for p in lock.pages}
    drift = 0
    g = 0
    while g < len(groups):
        group = groups[g]
        if group.placeholder:
            page = lock.pages[group.pages[0]]
            sheet = placeholder(page.number, d.layout)
            out.add(sheet, page.number, page.revision, issued=False)
            out.before_sheets.append(sheet)
            out.before_numbers.append(page.number)
            g += 1
            continue
        unit = _lay_unit(g, d, taken)
        if len(unit.old_sheets) != len(unit.locked):
            drift += 1
        _issue_unit(unit, out, taken, revision, d.options.omitted_pages, d.layout)
        g = unit.last + 1
    if drift:
        diagnostics.warning(
            "lock-drift",
            f"{drift} group(s) of locked pages no longer lay out as they were locked; "
            "their pages are reissued",
            Pos(lock.source),
        )
    return out


@dataclass(slots=True)
class _Drafts:
    """The old and the new draft laid out, and the groups of locked pages they share."""

    lock: LockFile
    groups: list[_Group]
    real_index: dict[int, int]  # id of a group that is not a placeholder -> its index in starts
    old_starts: list[Cut]
    new_starts: list[Cut]
    old_laid: Laid
    new_laid: Laid
    deleted_in: set[int]  # real groups that text was deleted from
    old_layout: PageLayout
    layout: PageLayout
    old_settings: ScriptSettings
    new_settings: ScriptSettings
    options: LockOptions


@dataclass(slots=True)
class _Unit:
    """Groups laid out together: one, and the next ones while its overflow cannot be numbered
    before the next locked page."""

    last: int  # index of its last group
    locked: list[LockedPage]
    new_sheets: list[Sheet]
    old_sheets: list[Sheet]  # the locked pages as they were laid out
    numbers: tuple[list[str], list[str]]  # numbers of the new sheets; locked numbers left over


@dataclass(slots=True)
class _Issue:
    """The pages of the revision in order, and the locked pages they stand for."""

    sheets: list[Sheet] = field(default_factory=list)
    numbers: list[str] = field(default_factory=list)
    revisions: list[int] = field(default_factory=list)
    issued: list[bool] = field(default_factory=list)
    before_sheets: list[Sheet] = field(default_factory=list)
    before_numbers: list[str] = field(default_factory=list)

    def add(self, sheet: Sheet, number: str, revision: int, *, issued: bool) -> None:
        self.sheets.append(sheet)
        self.numbers.append(number)
        self.revisions.append(revision)
        self.issued.append(issued)


def _lay_unit(g: int, d: _Drafts, taken: set[str]) -> _Unit:
    """Lay out group ``g`` of the new draft (joined by the next groups while what overflows
    it cannot be numbered), and the locked pages it replaces."""
    groups, lock, options = d.groups, d.lock, d.options
    unit = [g]
    while True:
        first_r = d.real_index[id(groups[unit[0]])]
        last_r = d.real_index[id(groups[unit[-1]])]
        more = last_r + 1 < len(d.old_starts)
        old_end = d.old_starts[last_r + 1] if more else None
        new_end = d.new_starts[last_r + 1] if more else None
        locked = [lock.pages[i] for u in unit for i in groups[u].pages]
        old_seg = segment_of(d.old_laid, d.old_starts[first_r], old_end)
        new_seg = segment_of(d.new_laid, d.new_starts[first_r], new_end)
        clean = not (set(range(first_r, last_r + 1)) & d.deleted_in) and (
            old_seg.keys == new_seg.keys
        )
        new_sheets = lay_out(
            d.new_laid,
            d.new_starts[first_r],
            new_end,
            d.layout,
            options.scene_numbers,
            d.new_settings,
        )
        if clean and len(new_sheets) == len(locked):
            moved = dict(zip(new_seg.items, old_seg.items, strict=True))
            old_sheets = [replace(sh, items=tuple(moved[k] for k in sh.items)) for sh in new_sheets]
        else:
            old_sheets = lay_out(
                d.old_laid,
                d.old_starts[first_r],
                old_end,
                d.old_layout,
                options.scene_numbers,
                d.old_settings,
            )
        nxt = unit[-1] + 1
        next_number = lock.pages[groups[nxt].pages[0]].number if nxt < len(groups) else None
        numbers = _number_pages(
            [p.number for p in locked],
            len(new_sheets),
            next_number,
            taken,
            options.omitted_pages,
        )
        if numbers is None and nxt < len(groups) and not groups[nxt].placeholder:
            unit.append(nxt)
            continue
        if numbers is None:
            over = len(new_sheets) - len(locked)
            numbers = (
                [p.number for p in locked] + forced_numbers(locked[-1].number, over, taken),
                [],
            )
        return _Unit(unit[-1], locked, new_sheets, old_sheets, numbers)


def _issue_unit(
    unit: _Unit,
    out: _Issue,
    taken: set[str],
    revision: int,
    omitted_pages: OmittedPages,
    layout: PageLayout,
) -> None:
    """Number a unit's pages: a page the same as locked, under the same number, keeps its
    revision and is not issued; pages left over are combined or issued as OMITTED."""
    locked, old_sheets = unit.locked, unit.old_sheets
    numbered, omitted = unit.numbers
    taken.update(numbered)
    for i, (sheet, number) in enumerate(zip(unit.new_sheets, numbered, strict=True)):
        same = (
            i < len(old_sheets)
            and i < len(locked)
            and number == locked[i].number
            and sheet.key() == old_sheets[i].key()
        )
        out.add(sheet, number, locked[i].revision if same else revision, issued=not same)
    if omitted:
        label = (
            omitted[0]
            if len(omitted) == 1
            else f"{first_number(omitted[0])}-{last_number(omitted[-1])}"
        )
        if omitted_pages == "combine" and not unit.new_sheets and out.sheets:
            # Nothing left of these pages: the page before takes their numbers.
            out.numbers[-1] = f"{first_number(out.numbers[-1])}-{last_number(label)}"
            out.revisions[-1] = revision
            out.issued[-1] = True
        else:
            out.add(placeholder(label, layout), label, revision, issued=True)
    out.before_sheets.extend(old_sheets)
    out.before_numbers.extend(
        [p.number for p in locked][: len(old_sheets)]
        + [f"{locked[-1].number}+"] * (len(old_sheets) - len(locked))
    )


def _number_pages(
    locked: list[str], count: int, before: str | None, taken: set[str], mode: OmittedPages
) -> tuple[list[str], list[str]] | None:
    """Numbers for ``count`` pages laid out where ``locked`` were; and the locked numbers
    left over (to combine or to issue as OMITTED). ``None`` when overflow cannot be numbered
    before the next locked page."""
    k = len(locked)
    if count >= k:
        extra = overflow_numbers(locked[-1], before, count - k, taken) if count > k else []
        if extra is None:
            return None
        return locked + extra, []
    if count == 0:
        return [], locked
    if mode == "combine":
        combined = f"{first_number(locked[count - 1])}-{last_number(locked[-1])}"
        return locked[: count - 1] + [combined], []
    return locked[:count], locked[count:]


def _scene_changes(
    items: list[Item], old_items: list[Item], deletions: list[tuple[int, int]], revision: int
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """Scenes changed (text of this revision in them, or text deleted from them), added and
    omitted; taken before deletions are marked, so a mark left at the top of the next scene
    does not count that scene as changed."""
    changed: list[str] = []
    added: list[str] = []
    omitted: list[str] = []
    current: Item | None = None
    for it in items:
        if it.source is None:
            if it.omitted_revision == revision:
                omitted.append(it.number)
            current = None
            continue
        if it.is_heading:
            current = it
            if it.inserted:
                added.append(it.number)
        if current is None or current.inserted:
            continue
        if it.marked.revision == revision and current.number not in changed:
            changed.append(current.number)
    heads = [k for k, it in enumerate(old_items) if it.is_heading]
    for _, old_pos in deletions:
        h = bisect.bisect_right(heads, old_pos) - 1
        if h < 0:
            continue
        number = old_items[heads[h]].number
        if number and number not in changed and number not in omitted:
            if any(it.number == number and it.is_heading for it in items):
                changed.append(number)
    order = {it.number: k for k, it in enumerate(items) if it.number}
    changed.sort(key=lambda n: order.get(n, 0))
    return tuple(changed), tuple(added), tuple(omitted)
