"""Locking a shooting script and issuing its coloured revisions, from plain files.

Called by the CLI (``paperwork script lock``, ``paperwork script revise``). Everything is an
argument: the revision's date comes in; nothing here reads the clock or writes a file. The
CLI writes :attr:`RevisionResult.files` through :class:`~paperwork.output.OutputFolder`.

* :func:`lock_script` lays a draft out and freezes its pages and scene numbers
  (``<draft>.lock.json`` beside it, by :func:`lock_path_for`).
* :func:`revise_scripts` compares the new draft with the locked one, lays it out on the
  locked pages, and gives the full script (every page on its latest colour), the revised
  pages packet (a title page with the history, a one-page summary, then only the pages this
  revision reprints), DOCX, FDX with Final Draft revision sets, and the next lock file.

Every problem is found before anything is made: different titles (``title-mismatch``), a lock
file made from another draft (``lock-mismatch``), a colour not in the order
(``unknown-colour``), a colour or date not after the last revision (``revision-order``),
a ``--paper`` other than the one the draft was locked on (``paper-mismatch``): the pages
must slot into the script they revise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from paperwork.errors import Diagnostic, Diagnostics
from paperwork.model.document import slug
from paperwork.model.pages import Page, PaginatedScript
from paperwork.model.revision import (
    INDUSTRY_COLOURS,
    LockFile,
    Marks,
    OmittedPages,
    RevisionColour,
    RevisionEntry,
    RevisionSummary,
    SceneLetters,
    colour_order,
    find_colour,
)
from paperwork.model.screenplay import (
    RevisionSet,
    Screenplay,
    TitleField,
    TitlePage,
    runs,
)
from paperwork.model.source import Pos
from paperwork.revision_summary import History, summarise, summary_pages

if TYPE_CHECKING:
    from paperwork.paginator.lock import LockedScript
    from paperwork.render.fonts import ScriptFont

__all__ = [
    "OutputFile",
    "RevisionOptions",
    "RevisionResult",
    "lock_path_for",
    "lock_script",
    "read_lock",
    "revise_scripts",
]


@dataclass(frozen=True, slots=True)
class RevisionOptions:
    """How a revision is laid out and issued (the CLI's options; the manifest's colours)."""

    paper: str | None = None  # --paper: must be the paper the draft was locked on
    default_paper: str = "letter"  # the production's, for a draft with no lock file yet
    white_paper: bool = False  # PDFs untinted: the colour is named in the header only
    marks: Marks = "single"  # "*" for every revision, or one mark per colour
    omitted_pages: OmittedPages = "combine"  # a page that shrinks away: 15-16, or OMITTED
    combine_omitted_scenes: bool = True  # 12-14 OMITTED
    scene_letters: SceneLetters | None = None  # None: as locked (10A)
    colours: tuple[str, ...] = INDUSTRY_COLOURS  # the production's order, White first
    date_format: str = "%d/%m/%y"  # 03/12/26
    automatic_continueds: bool | None = None


@dataclass(frozen=True, slots=True)
class _Run:
    """What one revision run is issued with, the same at every step: the colour order, the
    options, the collector, the PDFs' font and the new draft's path (it names the files)."""

    order: tuple[RevisionColour, ...]
    options: RevisionOptions
    diagnostics: Diagnostics
    font: ScriptFont | None
    new_path: Path


@dataclass(frozen=True, slots=True)
class OutputFile:
    name: str
    data: bytes
    role: str = ""  # "full", "pages", "docx", "fdx" or "lock"


@dataclass(frozen=True, slots=True)
class RevisionResult:
    """Everything a revision issues, as bytes, and what it found."""

    files: tuple[OutputFile, ...]  # full PDF, pages PDF, DOCX, FDX, the next lock file
    lock: LockFile
    summary: RevisionSummary
    full: PaginatedScript  # every page, dressed in its colour
    packet: PaginatedScript  # title page, summary page, the pages issued
    issued: tuple[str, ...]  # numbers of the pages issued
    diagnostics: tuple[Diagnostic, ...] = ()  # warnings and notes (errors raise)

    def file(self, role: str) -> OutputFile:
        """The output of that role: ``full``, ``pages``, ``docx``, ``fdx`` or ``lock``."""
        for f in self.files:
            if f.role == role:
                return f
        raise KeyError(role)


def lock_path_for(draft: Path) -> Path:
    """Where a draft's lock file lives: ``shooting-white.fountain`` -> ``shooting-white.lock.json``."""
    return draft.with_name(f"{draft.stem}.lock.json")


def _read(path: Path, diagnostics: Diagnostics) -> Screenplay:
    from paperwork.scripts import read_script

    return read_script(path, diagnostics)


def read_lock(path: Path, diagnostics: Diagnostics) -> LockFile | None:
    """A lock file, or ``None`` with a ``lock-format`` (or ``lock-missing``) error."""
    from paperwork.readers.lock import lock_from_json

    try:
        data = path.read_bytes()
    except OSError as exc:
        diagnostics.error(
            "lock-missing", f"cannot read the lock file: {exc.strerror}", Pos(path.name)
        )
        return None
    return lock_from_json(data, path.name, diagnostics)


def _own_marks(
    script: Screenplay, order: tuple[RevisionColour, ...], diagnostics: Diagnostics
) -> tuple[Screenplay, tuple[RevisionEntry, ...], int]:
    """An FDX's own revision marks in the production's order: its runs' ids mapped by set name
    (``Blue Rev. (mm/dd/yy)`` is Blue); the history those sets make; the active one."""
    from paperwork.paginator.revisions import map_revisions, slots

    mapping: dict[int, int] = {}
    entries: dict[int, RevisionEntry] = {}
    for rs in script.settings.revisions:
        colour = find_colour(order, rs.name)
        if colour is None:
            diagnostics.warning(
                "unknown-revision-set",
                f"revision set {rs.name!r} is not a colour of the order; its marks are dropped",
                Pos(script.source),
            )
            continue
        mapping[rs.id] = colour.id
        entries[colour.id] = RevisionEntry(colour.id, colour.name, _set_date(rs.name))
    elements = tuple(map_revisions(e, mapping) for e in script.elements)
    used = {run.revision for e in elements for t in slots(e) for run in t}
    used.discard(0)
    active = script.settings.active_revision
    active_id = mapping.get(active, 0) if active is not None else 0
    if active_id not in used and used:
        active_id = max(used)
    history = (RevisionEntry(0, order[0].name, ""),) + tuple(
        entries[i] for i in sorted(entries) if i in used or i == active_id
    )
    return replace(script, elements=elements), history, active_id


def _set_date(name: str) -> str:
    """``Blue Rev. (03/12/26)`` -> ``2026-12-03`` when the name holds a real date."""
    m = re.search(r"(\d{1,2})/(\d{1,2})/(\d{2,4})", name)
    if not m:
        return ""
    a, b, y = (int(g) for g in m.groups())
    year = y + 2000 if y < 100 else y
    for day, month in ((a, b), (b, a)):
        try:
            return date(year, month, day).isoformat()
        except ValueError:
            continue
    return ""


# --- Lock ---------------------------------------------------------------------------------------


def lock_script(
    path: Path,
    *,
    paper: str = "letter",
    on: date | None = None,
    colours: tuple[str, ...] = INDUSTRY_COLOURS,
    scene_letters: SceneLetters = "suffix",
    diagnostics: Diagnostics | None = None,
) -> LockFile:
    """Lock a draft: freeze its page breaks and scene numbers.

    ``on`` is the date the draft is issued (its White date in the history). An FDX's own
    revision marks are kept, with its revision sets in the history. Warnings go to
    ``diagnostics``; errors raise :class:`~paperwork.errors.InputError`. The CLI writes
    :func:`~paperwork.writers.lock.lock_to_json` of the result to :func:`lock_path_for`.
    """
    from paperwork.paginator import layout_for
    from paperwork.paginator.lock import LockOptions, lock_draft
    from paperwork.paginator.revisions import apply_marks, marked_from_runs

    diagnostics = diagnostics if diagnostics is not None else Diagnostics()
    script = _read(path, diagnostics)
    order = colour_order(colours)
    diagnostics.stop_if_errors()
    history: tuple[RevisionEntry, ...] = (
        RevisionEntry(0, order[0].name, on.isoformat() if on else ""),
    )
    if any(rs for rs in script.settings.revisions) and _has_marks(script):
        script, own, _active = _own_marks(script, order, diagnostics)
        history = (history[0], *own[1:])
        marked = tuple(marked_from_runs(e) for e in script.elements)
    else:
        marked = apply_marks(script, ())
    layout = layout_for(script, paper)
    locked = lock_draft(
        script,
        marked,
        layout,
        paper=paper,
        history=history,
        options=LockOptions(scene_letters=scene_letters),
    )
    if not locked.lock.pages:
        diagnostics.error(
            "script-empty",
            "there is nothing to lock: the draft has no scenes, action or dialogue",
            Pos(script.source),
        )
        diagnostics.stop_if_errors()
    return locked.lock


def _has_marks(script: Screenplay) -> bool:
    from paperwork.paginator.revisions import slots

    return any(r.revision for e in script.elements for t in slots(e) for r in t)


# --- Revise -------------------------------------------------------------------------------------


def _paper_name(paper: str) -> str:
    return "A4" if paper == "a4" else "US Letter"


def _title_pos(script: Screenplay) -> Pos:
    if script.title_page is not None:
        f = script.title_page.get("title")
        if f is not None:
            return f.pos
    return Pos(script.source)


def _same_title(a: str, b: str) -> bool:
    return " ".join(a.lower().split()) == " ".join(b.lower().split())


def _printed_date(iso: str, fmt: str) -> str:
    if not iso:
        return ""
    return date.fromisoformat(iso).strftime(fmt)


def revise_scripts(
    old_path: Path | None,
    new_path: Path,
    colour: str | None,
    on: date | None,
    *,
    lock_path: Path | None = None,
    options: RevisionOptions = RevisionOptions(),
    font: ScriptFont | None = None,
) -> RevisionResult:
    """Issue ``new_path`` as revision ``colour`` of the locked ``old_path``, dated ``on``.

    The lock is read from ``lock_path`` (default: :func:`lock_path_for` of the old draft); a
    draft never locked is locked here, as White. Without ``old_path``, ``new_path`` must be
    an FDX: its own revision marks are honoured (``colour`` defaults to its active set).
    ``font`` is a :class:`~paperwork.render.fonts.ScriptFont` for the PDFs (None: Courier).
    Raises :class:`~paperwork.errors.InputError` with every problem found; nothing is made.
    """
    diagnostics = Diagnostics()
    order = colour_order(options.colours, marks=options.marks)
    new = _read(new_path, diagnostics)
    old = _read(old_path, diagnostics) if old_path is not None else None
    lock: LockFile | None = None
    lock_file: Path | None = None
    if old_path is not None:
        lock_file = lock_path if lock_path is not None else lock_path_for(old_path)
        if lock_path is not None or lock_file.exists():
            lock = read_lock(lock_file, diagnostics)
    unreadable = diagnostics.has_errors
    target = None
    if colour is not None:
        target = find_colour(order, colour)
        if target is None:
            names = ", ".join(c.name for c in order[1 : len(options.colours)])
            diagnostics.error(
                "unknown-colour",
                f"{colour!r} is not a revision colour (the order is {names}, then 2nd ...)",
                Pos("--colour"),
            )
    run = _Run(order, options, diagnostics, font, new_path)
    if old is None:
        return _revise_own_marks(new, target, on, run)
    assert old_path is not None and lock_file is not None
    if unreadable:
        diagnostics.stop_if_errors()
    from paperwork.paginator.lock import content_digest, lock_fits
    from paperwork.paginator.revisions import signature

    old_signatures = [signature(e) for e in old.elements]

    if not _same_title(old.title, new.title):
        diagnostics.error(
            "title-mismatch",
            f"the drafts have different titles ({old.title!r} in {old_path.name}, "
            f"{new.title!r} here)",
            _title_pos(new),
        )
    if lock is not None:
        if lock.digest != content_digest(old, old_signatures):
            diagnostics.error(
                "lock-mismatch",
                f"this lock file was made from {lock.source}, not from this draft of "
                f"{old_path.name} (its text differs)",
                Pos(lock_file.name),
            )
        else:
            lock_fits(lock, old, lock_file.name, diagnostics)
        last = lock.last
        if target is not None and target.id <= last.id:
            diagnostics.error(
                "revision-order",
                f"{target.name} does not come after {last.colour}, the last revision issued",
                Pos("--colour"),
            )
        if on is not None and last.date and on.isoformat() < last.date:
            diagnostics.error(
                "revision-order",
                f"{on.isoformat()} is before {last.date}, the date of the {last.colour} revision",
                Pos("--date"),
            )
    if lock is not None and options.paper is not None and options.paper != lock.paper:
        diagnostics.error(
            "paper-mismatch",
            f"{old_path.name} was locked on {_paper_name(lock.paper)} paper: its revised pages "
            f"must be too, not {_paper_name(options.paper)} (leave out --paper)",
            Pos(lock_file.name, field="paper"),
        )
    if target is None and colour is None:
        diagnostics.error("unknown-colour", "a revision needs a colour (--colour)", Pos("--colour"))
    if target is not None and target.id == 0:
        diagnostics.error(
            "revision-order", f"{target.name} is the locked draft's own colour", Pos("--colour")
        )
    diagnostics.stop_if_errors()
    assert target is not None
    return _revise_locked(old, new, lock, target, on, old_signatures, run)


def _revise_locked(
    old: Screenplay,
    new: Screenplay,
    lock: LockFile | None,
    target: RevisionColour,
    on: date | None,
    old_signatures: list[str],
    run: _Run,
) -> RevisionResult:
    from paperwork.paginator import layout_for
    from paperwork.paginator.lock import LockOptions, lock_draft
    from paperwork.paginator.revise import revise_draft
    from paperwork.paginator.revisions import apply_marks, diff_scripts

    letters = run.options.scene_letters or (lock.scene_letters if lock is not None else "suffix")
    lock_options = LockOptions(
        omitted_pages=run.options.omitted_pages,
        combine_omitted_scenes=run.options.combine_omitted_scenes,
        scene_letters=letters,
        automatic_continueds=run.options.automatic_continueds,
    )
    paper = lock.paper if lock is not None else (run.options.paper or run.options.default_paper)
    old_layout = layout_for(old, paper)
    layout = layout_for(new, paper)
    if lock is None:
        run.diagnostics.info(
            "implicit-lock",
            f"{old.source} had no lock file: it is locked now, as {run.order[0].name}",
            Pos(old.source),
        )
        white = (RevisionEntry(0, run.order[0].name, ""),)
        lock = lock_draft(
            old, apply_marks(old, ()), old_layout, paper=paper, history=white, options=lock_options
        ).lock
    old_marked = apply_marks(old, lock.marks)
    diff = diff_scripts(old_marked, new, target.id, old_signatures=old_signatures)
    history = (*lock.revisions, RevisionEntry(target.id, target.name, on.isoformat() if on else ""))
    locked = revise_draft(
        old,
        old_marked,
        lock,
        new,
        diff,
        target.id,
        old_layout=old_layout,
        layout=layout,
        history=history,
        options=lock_options,
        diagnostics=run.diagnostics,
    )
    return _issue(
        run,
        new=new,
        locked=locked,
        target=target,
        history=history,
        letters=letters,
    )


def _revise_own_marks(
    new: Screenplay,
    target: RevisionColour | None,
    on: date | None,
    run: _Run,
) -> RevisionResult:
    """An FDX issued from its own marks (no earlier draft): pages as they fall, each on the
    colour of its latest mark; the pages marked in the active set are the packet."""
    from paperwork.paginator import layout_for
    from paperwork.paginator.lock import LockOptions, lock_draft
    from paperwork.paginator.revisions import marked_from_runs

    if run.new_path.suffix.lower() != ".fdx":
        run.diagnostics.error(
            "no-earlier-draft",
            "without an earlier draft, the new draft must be an FDX carrying its own revisions",
            Pos(new.source),
        )
    run.diagnostics.stop_if_errors()
    script, history, active = _own_marks(new, run.order, run.diagnostics)
    if target is None:
        target = run.order[active] if active else None
    if target is None or target.id == 0:
        run.diagnostics.error(
            "revision-order",
            "the FDX carries no revision marks, and no colour was given",
            Pos(new.source),
        )
    elif target.id not in {h.id for h in history}:
        run.diagnostics.error(
            "revision-order",
            f"the FDX has no {target.name} revision set with marks in it",
            Pos(new.source),
        )
    run.diagnostics.stop_if_errors()
    assert target is not None
    if on is not None:
        history = tuple(
            RevisionEntry(h.id, h.colour, on.isoformat()) if h.id == target.id else h
            for h in history
        )
    paper = run.options.paper or run.options.default_paper
    layout = layout_for(script, paper)
    letters = run.options.scene_letters or (
        "prefix" if script.settings.number_scheme == "A1" else "suffix"
    )
    locked = lock_draft(
        script,
        tuple(marked_from_runs(e) for e in script.elements),
        layout,
        paper=paper,
        history=history,
        options=LockOptions(scene_letters=letters),
    )
    revisions = tuple(
        max((ln.revision for ln in page.lines), default=0) for page in locked.paginated.pages
    )
    lock = replace(
        locked.lock,
        pages=tuple(
            replace(p, revision=r) for p, r in zip(locked.lock.pages, revisions, strict=True)
        ),
    )
    return _issue(
        run,
        new=script,
        locked=replace(
            locked,
            page_revisions=revisions,
            issued=tuple(r == target.id for r in revisions),
            lock=lock,
        ),
        target=target,
        history=history,
        letters=letters,
    )


def _issue(
    run: _Run,
    *,
    new: Screenplay,
    locked: LockedScript,
    target: RevisionColour,
    history: tuple[RevisionEntry, ...],
    letters: SceneLetters,
) -> RevisionResult:
    """Dress the pages, build the packet and summary, render every file."""
    from paperwork.paginator.dressing import dress
    from paperwork.paginator.title_page import layout_title_page
    from paperwork.writers.lock import lock_to_json

    lock, before, locked_script = locked.lock, locked.before, locked.script
    changes = (locked.changed_scenes, locked.added_scenes, locked.omitted_scenes)
    title = new.title or lock.title
    dates = {h.id: _printed_date(h.date, run.options.date_format) for h in history}
    headers = {
        h.id: f"{title}  {run.order[h.id].name} Rev. {dates[h.id]}".rstrip()
        for h in history
        if h.id > 0
    }
    full = dress(locked.paginated, locked.page_revisions, run.order, headers)
    issued_idx = [i for i, flag in enumerate(locked.issued) if flag]
    issued_numbers = tuple(full.pages[i].number for i in issued_idx)
    printed = History(history, run.order, dates)
    summary = summarise(
        title, target, printed, before, full, issued_numbers, changes, locked_script
    )
    layout = full.layout
    title_page = layout_title_page(_revision_title_page(new, title, printed), layout)
    full = replace(full, title_page=title_page)
    summary_sheets = tuple(
        Page(
            number="Summary" if k == 0 else f"Summary {k + 1}",
            lines=lines,
            show_number=False,
            header=headers.get(target.id, ""),
            colour=target.name,
        )
        for k, lines in enumerate(summary_pages(summary, layout))
    )
    packet = replace(
        full,
        pages=(*summary_sheets, *(full.pages[i] for i in issued_idx)),
        scenes=(),
    )

    from paperwork.render.screenplay_docx import render_script_docx
    from paperwork.render.screenplay_pdf import render_script_pdf
    from paperwork.scripts import author_of
    from paperwork.writers.fdx import write_fdx

    author = author_of(new)
    tint = not run.options.white_paper
    colour_name = target.name
    full_pdf, pages_pdf = (
        render_script_pdf(
            pages, author=author, font=run.font, tint_pages=tint, title_colour=colour_name
        )
        for pages in (full, packet)
    )
    docx = render_script_docx(full, author=author)
    fdx_script = replace(
        locked_script,
        settings=replace(
            locked_script.settings,
            revisions=_revision_sets(printed),
            active_revision=target.id,
            number_scheme="A1" if letters == "prefix" else "1A",
        ),
    )
    fdx = write_fdx(fdx_script, cue_revisions=dict(locked.cue_revisions))
    # The one file-name scheme of every document: <kind>_<subject>_<date>, hyphen slugs.
    subject = slug(title or run.new_path.stem)
    when = next((h.date for h in history if h.id == target.id and h.date), "")
    dated = f"_{when}" if when else ""
    colour = slug(colour_name)
    files = (
        OutputFile(f"script-{colour}-full_{subject}{dated}.pdf", full_pdf, "full"),
        OutputFile(f"script-{colour}-pages_{subject}{dated}.pdf", pages_pdf, "pages"),
        OutputFile(f"script-{colour}_{subject}{dated}.docx", docx, "docx"),
        OutputFile(f"script-{colour}_{subject}{dated}.fdx", fdx, "fdx"),
        OutputFile(lock_path_for(run.new_path).name, lock_to_json(lock), "lock"),
    )
    return RevisionResult(
        files=files,
        lock=lock,
        summary=summary,
        full=full,
        packet=packet,
        issued=issued_numbers,
        diagnostics=tuple(run.diagnostics),
    )


def _revision_sets(history: History) -> tuple[RevisionSet, ...]:
    """Final Draft's revision sets: every colour after White, the issued ones with dates."""
    order, dates = history.order, history.dates
    sets = []
    for colour in order[1:20]:
        name = f"{colour.name} Rev. {dates[colour.id]}" if dates.get(colour.id) else colour.name
        sets.append(RevisionSet(colour.id, name, colour.mark, page_colour=colour.page_colour))
    issued_late = [h for h in history.entries if h.id >= 20]
    for h in issued_late:
        colour = order[h.id]
        sets.append(
            RevisionSet(
                colour.id,
                f"{colour.name} Rev. {dates[h.id]}",
                colour.mark,
                page_colour=colour.page_colour,
            )
        )
    return tuple(sets)


def _revision_title_page(script: Screenplay, title: str, history: History) -> TitlePage:
    """The script's title page with the revision history at the foot (colour and date)."""
    pos = Pos(script.source)
    lines = []
    for h in history.entries:
        name = history.name(h)
        label = name if h.id == 0 else f"{name} Rev."
        lines.append(runs(f"{label} {history.dates.get(h.id, '')}".rstrip()))
    fields = script.title_page.fields if script.title_page is not None else ()
    keep = tuple(
        f for f in fields if f.key.replace(" ", "").lower() not in ("revision", "revisions")
    )
    if script.title_page is None or script.title_page.get("title") is None:
        keep = (TitleField("Title", (runs(title),), pos), *keep)
    return TitlePage((*keep, TitleField("Revision", tuple(lines), pos)), pos)


# --- The issued script --------------------------------------------------------------------------


def issued_pages(
    script: Screenplay,
    lock: LockFile,
    *,
    colours: tuple[str, ...] = INDUSTRY_COLOURS,
    date_format: str = "%d/%m/%y",
) -> PaginatedScript | None:
    """The draft ``lock`` was made from, laid out as it was issued: its locked page numbers
    (A-pages too), scene numbers, each page on the colour and header of the revision it was
    last issued in, with that revision's marks. ``None`` when ``lock`` is not this draft's
    (its text differs): the caller lays the draft out afresh.

    It is the draft revised against its own lock with nothing changed, so no page is re-issued
    and every page keeps what the lock says of it.
    """
    from paperwork.paginator import layout_for
    from paperwork.paginator.dressing import dress
    from paperwork.paginator.lock import LockOptions, content_digest
    from paperwork.paginator.revise import revise_draft
    from paperwork.paginator.revisions import apply_marks, diff_scripts, signature

    signatures = [signature(e) for e in script.elements]
    if lock.digest != content_digest(script, signatures):
        return None
    check = Diagnostics()
    from paperwork.paginator.lock import lock_fits

    if not lock_fits(lock, script, lock.source, check):
        return None
    order = colour_order(colours)
    layout = layout_for(script, lock.paper)
    marked = apply_marks(script, lock.marks)
    revision = lock.last.id + 1
    diff = diff_scripts(marked, script, revision, old_signatures=signatures)
    locked = revise_draft(
        script,
        marked,
        lock,
        script,
        diff,
        revision,
        old_layout=layout,
        layout=layout,
        history=lock.revisions,
        options=LockOptions(scene_letters=lock.scene_letters),
        diagnostics=check,
    )
    title = script.title or lock.title
    headers = {
        h.id: f"{title}  {order[h.id].name} Rev. {_printed_date(h.date, date_format)}".rstrip()
        for h in lock.revisions
        if 0 < h.id < len(order)
    }
    dressed = dress(locked.paginated, locked.page_revisions, order, headers)
    if script.title_page is None:
        return dressed
    from paperwork.paginator.title_page import layout_title_page

    return replace(dressed, title_page=layout_title_page(script.title_page, layout))
