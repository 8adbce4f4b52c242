"""The delivery schedule: every deliverable owed to the commissioner, with its due date.

Due dates come from the row's own date or its rule counted from the manifest's TX or delivery
date (working days skip weekends and the ``delivery:`` section's bank holidays). Rows are
grouped by category, the groups in the conventional order of a UK delivery schedule (picture,
audio, access, paperwork, legal, publicity, sustainability, QC; any other category after them
by name, "Other" last), and sorted by due date within a group. A row is overdue when its due date is before ``today`` and it is not delivered,
accepted or waived; due soon when that date falls within ``DUE_SOON_DAYS``.

Cross-checks with the production's own tables: open items in the clearance log put the
clearance/E&O deliverable at risk; a music cue sheet deliverable gets the log's music items
as the skeleton of its cue sheet, in an appendix: one cue per use of a piece of music (its
composition and its recording on one line, paired by title and timecode in), leaving out
refused and replaced items, which are not in the programme.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from paperwork.builders.base import BuildJob, BuiltDocument, DocumentKind, Sheet
from paperwork.builders.format import day_date, long_date, short_date
from paperwork.builders.letterhead import (
    Detail,
    Group,
    ProductionContext,
    natural_key,
    production_heading,
)
from paperwork.errors import Diagnostics
from paperwork.model.clearances import Clearance, ClearanceStatus, ClearanceType
from paperwork.model.delivery import Deliverable, DeliverableStatus, DeliverySettings, DueRule

NAME = "delivery-schedule"

DUE_SOON_DAYS = 14

_CLEARANCE_ITEM = re.compile(r"clearance|\bE\s*&\s*O\b|errors and omissions", re.IGNORECASE)
_CUE_SHEET_ITEM = re.compile(r"cue\s*sheet", re.IGNORECASE)
_MUSIC = (ClearanceType.MUSIC_SYNC, ClearanceType.MUSIC_MASTER)
_STATUS_LABELS = {s: s.value.capitalize() for s in DeliverableStatus}
_NOT_USED = (ClearanceStatus.REFUSED, ClearanceStatus.REPLACED)

# The conventional order of a delivery schedule's groups, with the names they go by.
CATEGORY_ORDER = (
    "picture",
    "audio",
    "access",
    "music",
    "paperwork",
    "legal",
    "publicity",
    "sustainability",
    "qc",
)
_CATEGORY_ALIASES = {
    "video": "picture",
    "vision": "picture",
    "sound": "audio",
    "access services": "access",
    "documentation": "paperwork",
    "documents": "paperwork",
    "contracts": "legal",
    "business affairs": "legal",
    "marketing": "publicity",
    "press": "publicity",
    "quality control": "qc",
}


def category_key(name: str) -> tuple[int, str]:
    """Sort key for a group: conventional ones in order, then others by name, Other last."""
    key = " ".join(name.casefold().split())
    key = _CATEGORY_ALIASES.get(key, key)
    if key in CATEGORY_ORDER:
        return CATEGORY_ORDER.index(key), ""
    if key in ("other", ""):
        return len(CATEGORY_ORDER) + 1, ""
    return len(CATEGORY_ORDER), key


@dataclass(frozen=True, slots=True)
class ScheduleRow:
    """One deliverable, display-ready; ``css`` is ``overdue``, ``due-soon``, ``done`` or ``""``."""

    id: str
    item: str
    spec: str
    recipient: str
    rule: str
    due: str
    responsible: str
    status: str
    delivered: str
    notes: str
    flag: str
    css: str


@dataclass(frozen=True, slots=True)
class CueLine:
    """A skeleton line of the music cue sheet: one use of a piece of music, from the
    clearance log's sync (composition) and master (recording) rows for it."""

    number: str
    id: str  # "MU01 + MU02"
    title: str  # the title alone: "Salt Water Hymn"
    composition: str  # writers and publisher: "M. Corran / J. Tally · Tidewater Music ..."
    recording: str  # performer and label, or "" (specially recorded, or not yet known)
    timecode_in: str
    timecode_out: str
    duration: str
    scenes: str
    status: str  # "Sync: agreed · Master: licensed"


@dataclass(frozen=True, slots=True)
class ScheduleContext(ProductionContext):
    """Everything the delivery schedule shows, as display-ready text."""

    date: str
    tx_date: str
    delivery_date: str
    working_days_note: str
    groups: tuple[Group[ScheduleRow], ...]
    item_count: str
    totals: tuple[Detail, ...]  # each status and how many
    overdue_count: str
    due_soon_count: str
    warnings: tuple[str, ...]
    cue_lines: tuple[CueLine, ...]
    cue_sheet_item: str


def add_working_days(start: date, n: int, holidays: frozenset[date]) -> date:
    """``n`` working days after ``start`` (before it if negative), skipping weekends and
    ``holidays``; ``n == 0`` is ``start`` itself."""
    step = 1 if n >= 0 else -1
    left = abs(n)
    day = start
    while left:
        day += timedelta(days=step)
        if day.weekday() < 5 and day not in holidays:
            left -= 1
    return day


def due_date(d: Deliverable, settings: DeliverySettings | None) -> date | None:
    """The deliverable's due date: its own, or its rule counted from TX or delivery."""
    if d.rule is None:
        return d.due
    if settings is None:
        return None
    anchor = settings.tx if d.rule.anchor == "tx" else settings.delivery
    if anchor is None:
        return None
    if d.rule.working:
        holidays = frozenset(day for day, _ in settings.bank_holidays)
        return add_working_days(anchor, d.rule.offset, holidays)
    return anchor + timedelta(days=d.rule.offset)


def rule_text(rule: DueRule | None) -> str:
    """``TX-14``, ``Delivery + 10 working days``: the rule as the schedule shows it."""
    if rule is None:
        return ""
    name = "TX" if rule.anchor == "tx" else "Delivery"
    if rule.offset == 0:
        return name
    sign = "+" if rule.offset > 0 else "-"
    n = abs(rule.offset)
    unit = ("working day" if rule.working else "day") + ("s" if n != 1 else "")
    return f"{name} {sign} {n} {unit}"


def _post_tx(rule: DueRule | None) -> bool:
    """An item owed after transmission (PasC at TX+14): its rule counts forward from TX."""
    return rule is not None and rule.anchor == "tx" and rule.offset > 0


def build(job: BuildJob) -> tuple[BuiltDocument, ...]:
    """The delivery schedule: one document for the whole production."""
    production = job.production
    settings = production.delivery
    tx = settings.tx if settings else None
    warnings: list[str] = []
    dated = [(d, due_date(d, settings)) for d in production.deliverables]
    dated.sort(key=lambda p: (p[1] is None, p[1] or date.max, natural_key(p[0].id)))

    open_clearances = sorted(
        (c for c in production.clearances if c.status.is_open), key=lambda c: natural_key(c.id)
    )
    music = sorted(
        (c for c in production.clearances if c.type in _MUSIC and c.status not in _NOT_USED),
        key=lambda c: natural_key(c.id),
    )
    _check_holiday_years(dated, settings, job.diagnostics, warnings)

    groups: dict[str, list[ScheduleRow]] = {}
    totals = dict.fromkeys(DeliverableStatus, 0)
    overdue = soon = 0
    sheet_rows: list[tuple[str | int | float, ...]] = []
    cue_item = ""
    for d, due in dated:
        totals[d.status] += 1
        flags, css = _attention(d, due, job.today, tx, open_clearances, job.diagnostics, warnings)
        overdue += css == "overdue"
        soon += css == "due-soon"
        if _CUE_SHEET_ITEM.search(d.item) and not cue_item:
            cue_item = f"{d.id} {d.item}"
        row = ScheduleRow(
            id=d.id,
            item=d.item,
            spec=d.spec,
            recipient=d.recipient,
            rule=rule_text(d.rule),
            due=day_date(due) if due else "No date",
            responsible=d.responsible,
            status=_STATUS_LABELS[d.status],
            delivered=short_date(d.delivered),
            notes=d.notes,
            flag="; ".join(flags),
            css=css,
        )
        groups.setdefault(d.category or "Other", []).append(row)
        sheet_rows.append(
            (
                d.id,
                d.category,
                d.item,
                d.spec,
                d.recipient,
                d.rule.text if d.rule else "",
                short_date(due),
                d.responsible,
                d.status.value,
                short_date(d.delivered),
                d.notes,
                row.flag,
            )
        )

    cue_lines = _cue_lines(music) if cue_item else ()
    n = len(dated)
    context = ScheduleContext(
        **production_heading(
            production,
            f"Delivery schedule: {production.title}",
            (production.title,),
            commissioner=settings.commissioner if settings else "",
        ),
        date=long_date(job.today),
        tx_date=day_date(tx) if tx else "Not set",
        delivery_date=day_date(settings.delivery) if settings and settings.delivery else "Not set",
        working_days_note=_working_days_note(settings),
        groups=tuple(
            Group(_group_name(name), tuple(rows))
            for name, rows in sorted(groups.items(), key=lambda g: category_key(g[0]))
        ),
        item_count=f"{n} deliverable{'s' if n != 1 else ''}",
        totals=tuple(
            Detail(_STATUS_LABELS[s], str(totals[s])) for s in DeliverableStatus if totals[s]
        ),
        overdue_count=str(overdue),
        due_soon_count=str(soon),
        warnings=tuple(warnings),
        cue_lines=cue_lines,
        cue_sheet_item=cue_item,
    )
    sheets = _sheets(tuple(sheet_rows), cue_lines)
    title = f"Delivery schedule: {production.title}"
    return (KIND.dated_document(job, context, title=title, sheets=sheets),)


def _attention(
    d: Deliverable,
    due: date | None,
    today: date,
    tx: date | None,
    open_clearances: Sequence[Clearance],
    diagnostics: Diagnostics,
    warnings: list[str],
) -> tuple[list[str], str]:
    """What a row flags for attention, and its CSS class: "done", "overdue", "due-soon" or ""."""
    flags: list[str] = []
    css = "done" if d.status.is_done else ""
    if due is not None and not d.status.is_done:
        days = (due - today).days
        if days < 0:
            flags.append(f"Overdue by {-days} day{'s' if days != -1 else ''}")
            css = "overdue"
            warnings.append(f"{d.id} ({d.item}) was due on {short_date(due)}: overdue.")
        elif days <= DUE_SOON_DAYS:
            flags.append("Due today" if days == 0 else f"Due in {days} day{'s' * (days != 1)}")
            css = "due-soon"
    if d.status is DeliverableStatus.REJECTED:
        flags.append("Rejected: redeliver")
    if d.delivered is not None and d.delivered > today:
        diagnostics.warning(
            "delivered-in-future",
            f"{d.id}: the delivered date {short_date(d.delivered)} is after today "
            f"({short_date(today)})",
            d.at("delivered"),
        )
        flags.append("Delivered date is in the future")
    if tx is not None and due is not None and due > tx and not _post_tx(d.rule):
        diagnostics.warning(
            "due-after-tx",
            f"{d.id}: due on {short_date(due)}, after TX on {short_date(tx)}; a pre-TX "
            "item must arrive before transmission",
            d.at("due"),
        )
        warnings.append(f"{d.id} ({d.item}) is due after TX ({short_date(due)}).")
        flags.append("Due after TX")
    if _CLEARANCE_ITEM.search(d.item) and open_clearances and not d.status.is_done:
        ids = ", ".join(c.id for c in open_clearances)
        diagnostics.warning(
            "clearances-open-at-delivery",
            f"{d.id}: {len(open_clearances)} clearance log item(s) are not yet licensed "
            f"or agreed: {ids}",
            d.pos,
        )
        warnings.append(
            f"{d.id} ({d.item}) is at risk: {len(open_clearances)} clearance log item"
            f"{'s are' if len(open_clearances) != 1 else ' is'} still open ({ids})."
        )
        flags.append(f"At risk: {len(open_clearances)} clearances open")
    return flags, css


def _sheets(
    sheet_rows: tuple[tuple[str | int | float, ...], ...], cue_lines: Sequence[CueLine]
) -> tuple[Sheet, ...]:
    """The workbook: every deliverable, then the music cue sheet's skeleton when there is one."""
    sheets = [
        Sheet(
            "Deliverables",
            (
                "ID",
                "Category",
                "Item",
                "Format/spec",
                "Recipient",
                "Rule",
                "Due",
                "Responsible",
                "Status",
                "Delivered",
                "Notes",
                "Attention",
            ),
            sheet_rows,
        )
    ]
    if cue_lines:
        sheets.append(
            Sheet(
                "Cue sheet skeleton",
                (
                    "No.",
                    "Log ID",
                    "Title",
                    "Composition",
                    "Recording",
                    "TC in",
                    "TC out",
                    "Duration",
                    "Scenes",
                    "Clearance",
                ),  # fmt: skip
                tuple(
                    (
                        c.number,
                        c.id,
                        c.title,
                        c.composition,
                        c.recording,
                        c.timecode_in,
                        c.timecode_out,
                        c.duration,
                        c.scenes,
                        c.status,
                    )  # fmt: skip
                    for c in cue_lines
                ),
            )
        )
    return tuple(sheets)


def _group_name(name: str) -> str:
    return "QC" if name.strip().casefold() in ("qc", "quality control") else name.capitalize()


def _norm_title(text: str) -> str:
    return re.sub(r"[^\w]+", " ", text.casefold()).strip()


def cue_title(description: str) -> str:
    """The music's title as the log writes it: the first quoted part of the description
    (``"Salt Water Hymn" (M. Corran), composition`` -> ``Salt Water Hymn``), else the text
    before the first `` - ``, ``(`` or ``,``."""
    quoted = re.search(r"[\"“‘](.+?)[\"”’]", description)
    if quoted:
        return quoted.group(1).strip()
    return re.split(r"\s[-–—]\s|\(|,", description, maxsplit=1)[0].strip()


def _writers(description: str) -> str:
    """``"Nine Knots" (R. Osei / M. Corran), composition`` -> ``R. Osei / M. Corran``."""
    m = re.search(r"\(([^)]+)\)", description)
    return m.group(1).strip() if m else ""


def _performer(description: str) -> str:
    """``"Nine Knots" performed by The Lantern Men (2001)`` -> ``The Lantern Men``."""
    m = re.search(r"\bperformed by\s+(.+?)\s*(?:\(|,|$)", description, re.IGNORECASE)
    return m.group(1).strip() if m else ""


def _cue_lines(music: Sequence[Clearance]) -> tuple[CueLine, ...]:
    """One line per use: a sync row and a master row with the same title and timecode in
    are the composition and the recording of one cue. Lines are in log order."""
    cues: list[tuple[tuple[str, str], list[Clearance]]] = []
    # (key, type) -> the lines with that key and no row of that type yet, oldest first: a row
    # joins the oldest line of its cue that lacks its type, found without scanning every line.
    lacking: dict[tuple[tuple[str, str], ClearanceType], deque[list[Clearance]]] = {}
    for c in music:
        key = (_norm_title(cue_title(c.description)), c.timecode_in.strip())
        waiting = lacking.get((key, c.type))
        if waiting:
            waiting.popleft().append(c)
            continue
        rows = [c]
        cues.append((key, rows))
        for kind in ClearanceType:
            if kind is not c.type:
                lacking.setdefault((key, kind), deque()).append(rows)
    out = []
    for i, (_, rows) in enumerate(cues, start=1):
        sync = next((c for c in rows if c.type is ClearanceType.MUSIC_SYNC), None)
        master = next((c for c in rows if c.type is ClearanceType.MUSIC_MASTER), None)
        first = rows[0]
        composition = recording = ""
        if sync is not None:
            composition = " · ".join(
                p for p in (_writers(sync.description), sync.holder.company) if p
            )
        if master is not None:
            recording = " · ".join(
                p for p in (_performer(master.description), master.holder.company) if p
            )
        status = " · ".join(
            f"{label}: {c.status.value}"
            for label, c in (("Sync", sync), ("Master", master))
            if c is not None
        )
        out.append(
            CueLine(
                number=str(i),
                id=" + ".join(c.id for c in rows),
                title=cue_title(first.description),
                composition=composition,
                recording=recording,
                timecode_in=first.timecode_in,
                timecode_out=next((c.timecode_out for c in rows if c.timecode_out), ""),
                duration=next((c.duration for c in rows if c.duration), ""),
                scenes=next((c.scenes for c in rows if c.scenes), ""),
                status=status,
            )
        )
    return tuple(out)


def _working_days_note(settings: DeliverySettings | None) -> str:
    if settings is None:
        return "Working days skip weekends."
    if settings.bank_holiday_region:
        return f"Working days skip weekends and {settings.bank_holiday_region} bank holidays."
    if settings.bank_holidays:
        return "Working days skip weekends and the bank holidays listed in the manifest."
    return "Working days skip weekends only (no bank holidays given)."


def _check_holiday_years(
    dated: list[tuple[Deliverable, date | None]],
    settings: DeliverySettings | None,
    diagnostics: Diagnostics,
    warnings: list[str],
) -> None:
    """Working-day rules that count through a year with no bank-holiday data are flagged."""
    if settings is None or not settings.bank_holiday_region:
        return
    for d, due in dated:
        if d.rule is None or not d.rule.working or due is None:
            continue
        anchor = settings.tx if d.rule.anchor == "tx" else settings.delivery
        years = {y for y in (due.year, anchor.year if anchor else due.year)}
        missing = sorted(years - set(settings.bank_holiday_years))
        if missing:
            diagnostics.warning(
                "no-bank-holiday-data",
                f"{d.id}: paperwork has no bank holidays for {', '.join(map(str, missing))}; "
                "the working days counted there skip weekends only",
                d.at("due"),
            )
            warnings.append(f"{d.id}: no bank holiday data for {missing[0]}; check its due date.")


KIND = DocumentKind(
    name=NAME,
    contexts={"delivery_schedule": ScheduleContext},
    inputs=("deliverables",),
    formats=("docx", "pdf", "xlsx", "csv"),
    build=build,
)
