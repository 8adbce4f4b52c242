"""The clearance log report: every item, totals by status and type, against the budget line.

Money is summed exactly in pence. "Agreed" is the agreed fee of every item that is not
refused or replaced; "quoted, not agreed" (the exposure) is the quoted fee of every open item
(to request, requested, quoted) without an agreed fee. Both are compared with the manifest's
``budget: clearances:`` line. Fees in a currency other than the production's are shown but
left out of the totals (``mixed-currency``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from paperwork.builders.base import BuildOptions, BuiltDocument, Sheet, slug
from paperwork.builders.clearance_letter import STATUS_LABELS, TYPE_LABELS, identifiers_line
from paperwork.builders.format import long_date, money, short_date
from paperwork.builders.letterhead import (
    ContextMapping,
    Detail,
    Letterhead,
    letterhead,
    logo_path,
    natural_key,
)
from paperwork.errors import Diagnostics
from paperwork.model.production import (
    Clearance,
    ClearanceStatus,
    ClearanceType,
    Money,
    Production,
)

NAME = "clearance-log"
TEMPLATE = "clearance_log"
INPUTS = ("clearances",)

EXPIRY_WARNING_DAYS = 90

_SPENT_NOTHING = (ClearanceStatus.REFUSED, ClearanceStatus.REPLACED)
_REPLACEMENT = re.compile(r"\breplac", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class LogRow:
    """One item of the log, display-ready. ``flag`` says what needs attention, if anything;
    ``css`` is ``expired``, ``expiring``, ``refused`` or ``""`` for the HTML row class."""

    id: str
    type: str
    description: str
    identifiers: str
    scenes: str
    holder: str
    status: str
    fee_quoted: str
    fee_agreed: str
    requested: str
    reply_by: str
    licence_expiry: str
    restrictions: str
    notes: str
    flag: str
    css: str


@dataclass(frozen=True, slots=True)
class TotalRow:
    """A line of a totals table: how many items and their fees."""

    label: str
    count: str
    agreed: str
    quoted: str  # quoted but not (yet) agreed: the exposure
    total: str


@dataclass(frozen=True, slots=True)
class LogContext(ContextMapping):
    """Everything the clearance log report shows, as display-ready text."""

    document_title: str
    letterhead: Letterhead
    logo: str
    footer_note: str
    production_title: str
    production_type: str
    commissioner: str
    release: str
    date: str
    rows: tuple[LogRow, ...]
    item_count: str
    by_status: tuple[TotalRow, ...]
    by_type: tuple[TotalRow, ...]
    grand_total: TotalRow
    budget: tuple[Detail, ...]
    over_budget: bool
    warnings: tuple[str, ...]


@dataclass(slots=True)
class _Sum:
    count: int = 0
    agreed: int = 0
    quoted: int = 0


def _amounts(c: Clearance, currency: str) -> tuple[int, int]:
    """(agreed, quoted-not-agreed) in pence for the totals."""
    agreed = quoted = 0
    if c.status in _SPENT_NOTHING:
        return 0, 0
    if c.fee_agreed is not None:
        if c.fee_agreed.currency == currency:
            agreed = c.fee_agreed.minor
    elif c.status.is_open and c.fee_quoted is not None and c.fee_quoted.currency == currency:
        quoted = c.fee_quoted.minor
    return agreed, quoted


def _total_row(label: str, s: _Sum, currency: str) -> TotalRow:
    return TotalRow(
        label=label,
        count=str(s.count),
        agreed=money(Money(s.agreed, currency)),
        quoted=money(Money(s.quoted, currency)),
        total=money(Money(s.agreed + s.quoted, currency)),
    )


def _pounds(m: Money | None, currency: str) -> str | float:
    """A fee for the spreadsheet: a number in the production's currency, else its text."""
    if m is None:
        return ""
    return m.minor / 100 if m.currency == currency else money(m)


def build(
    production: Production,
    *,
    today: date,
    diagnostics: Diagnostics,
    options: BuildOptions,
) -> tuple[BuiltDocument, ...]:
    """The clearance log: one document, every item sorted by id."""
    currency = production.currency
    items = sorted(production.clearances, key=lambda c: natural_key(c.id))
    warnings: list[str] = []

    by_status = {s: _Sum() for s in ClearanceStatus}
    by_type: dict[ClearanceType, _Sum] = {}
    everything = _Sum()
    rows: list[LogRow] = []
    sheet_rows: list[tuple[str | int | float, ...]] = []
    for c in items:
        for fee in (c.fee_quoted, c.fee_agreed):
            if fee is not None and fee.currency != currency:
                diagnostics.warning(
                    "mixed-currency",
                    f"{c.id}: fee {money(fee)} is not in the production's currency "
                    f"({currency}); it is left out of the totals",
                    c.pos,
                )
                warnings.append(
                    f"{c.id}: fee {money(fee)} is not in {currency} and is left out of the totals."
                )
                break
        agreed, quoted = _amounts(c, currency)
        for s in (by_status[c.status], by_type.setdefault(c.type, _Sum()), everything):
            s.count += 1
            s.agreed += agreed
            s.quoted += quoted

        flags, css = _flags(c, today, diagnostics, warnings)
        holder = c.holder.company
        rows.append(
            LogRow(
                id=c.id,
                type=TYPE_LABELS[c.type],
                description=c.description,
                identifiers=identifiers_line(c),
                scenes=c.scenes,
                holder=holder,
                status=STATUS_LABELS[c.status],
                fee_quoted=money(c.fee_quoted),
                fee_agreed=money(c.fee_agreed),
                requested=short_date(c.requested),
                reply_by=short_date(c.reply_by),
                licence_expiry=short_date(c.licence_expiry),
                restrictions=c.restrictions,
                notes=c.notes,
                flag="; ".join(flags),
                css=css,
            )
        )
        sheet_rows.append(
            (
                c.id,
                TYPE_LABELS[c.type],
                c.description,
                identifiers_line(c),
                c.scenes,
                holder,
                c.holder.contact,
                c.holder.email,
                c.use.media,
                c.use.territory,
                c.use.term,
                c.use.uses,
                c.use.promo,
                STATUS_LABELS[c.status],
                _pounds(c.fee_quoted, currency),
                _pounds(c.fee_agreed, currency),
                short_date(c.requested),
                short_date(c.reply_by),
                short_date(c.licence_expiry),
                c.restrictions,
                c.credit,
                c.notes,
                "; ".join(flags),
            )
        )

    status_rows = tuple(_total_row(STATUS_LABELS[s], by_status[s], currency) for s in by_status)
    type_rows = tuple(
        _total_row(TYPE_LABELS[t], by_type[t], currency) for t in ClearanceType if t in by_type
    )
    grand = _total_row("All items", everything, currency)
    budget_details, over, budget_rows, budget_warnings = _budget(
        production, everything, diagnostics
    )
    warnings = budget_warnings + warnings  # the budget is what a producer reads first

    head = letterhead(production)
    footer_note = " · ".join(
        p
        for p in (
            "Confidential: commercial terms",
            production.title,
            head.company,
        )
        if p
    )
    context = LogContext(
        document_title=f"Clearance log: {production.title}",
        letterhead=head,
        logo=logo_path(production),
        footer_note=footer_note,
        production_title=production.title,
        production_type=production.production_type,
        commissioner=production.commissioner,
        release=production.release,
        date=long_date(today),
        rows=tuple(rows),
        item_count=f"{len(rows)} item{'s' if len(rows) != 1 else ''}",
        by_status=status_rows,
        by_type=type_rows,
        grand_total=grand,
        budget=budget_details,
        over_budget=over,
        warnings=tuple(warnings),
    )
    cur = f" ({currency})"
    sheets = (
        Sheet(
            "Clearances",
            (
                "ID",
                "Type",
                "Description",
                "Identifiers",
                "Scene(s)",
                "Rights holder",
                "Contact",
                "Email",
                "Media",
                "Territory",
                "Term",
                "Uses",
                "Promo",
                "Status",
                f"Fee quoted{cur}",
                f"Fee agreed{cur}",
                "Requested",
                "Reply by",
                "Licence expiry",
                "Restrictions",
                "Credit",
                "Notes",
                "Attention",
            ),
            tuple(sheet_rows),
        ),
        Sheet(
            "Totals",
            ("Group", "Name", "Items", f"Agreed{cur}", f"Quoted, not agreed{cur}", f"Total{cur}"),
            (
                *(_sheet_total("By status", by_status[s], STATUS_LABELS[s]) for s in by_status),
                *(
                    _sheet_total("By type", by_type[t], TYPE_LABELS[t])
                    for t in ClearanceType
                    if t in by_type
                ),
                _sheet_total("All", everything, "All items"),
                *budget_rows,
            ),
        ),
    )
    return (
        BuiltDocument(
            kind=NAME,
            template=TEMPLATE,
            stem=f"clearance-log_{slug(production.title)}_{today.isoformat()}",
            title=f"Clearance log: {production.title}",
            context=context,
            sheets=sheets,
            formats=("docx", "pdf", "xlsx"),
        ),
    )


def _sheet_total(group: str, s: _Sum, label: str) -> tuple[str | int | float, ...]:
    return (group, label, s.count, s.agreed / 100, s.quoted / 100, (s.agreed + s.quoted) / 100)


def _flags(
    c: Clearance, today: date, diagnostics: Diagnostics, warnings: list[str]
) -> tuple[list[str], str]:
    """What needs attention on this row, reported once as a diagnostic and a document line."""
    flags: list[str] = []
    css = ""
    what = f"{c.id} ({c.description}, {c.holder.company})"
    if c.licence_expiry is not None and c.status not in _SPENT_NOTHING:
        days = (c.licence_expiry - today).days
        when = short_date(c.licence_expiry)
        if days < 0:
            diagnostics.warning("licence-expired", f"{c.id}: the licence expired on {when}", c.pos)
            warnings.append(f"Licence expired on {when}: {what}.")
            flags.append(f"Licence expired {when}")
            css = "expired"
        elif days <= EXPIRY_WARNING_DAYS:
            in_days = "today" if days == 0 else f"in {days} day{'s' if days != 1 else ''}"
            diagnostics.warning(
                "licence-expiring",
                f"{c.id}: the licence expires on {when} ({in_days})",
                c.pos,
            )
            warnings.append(f"Licence expires on {when} ({in_days}): {what}.")
            flags.append(f"Licence expires {in_days}")
            css = "expiring"
    if c.status is ClearanceStatus.REFUSED and not _REPLACEMENT.search(c.notes):
        diagnostics.warning(
            "refused-no-replacement",
            f"{c.id}: refused, and the notes name no replacement",
            c.pos,
        )
        warnings.append(f"Refused with no replacement noted: {what}.")
        flags.append("Refused: no replacement noted")
        css = css or "refused"
    if c.status is ClearanceStatus.REQUESTED and c.reply_by is not None and c.reply_by < today:
        flags.append(f"Reply overdue since {short_date(c.reply_by)}: chase")
    return flags, css


def _budget(
    production: Production, s: _Sum, diagnostics: Diagnostics
) -> tuple[tuple[Detail, ...], bool, tuple[tuple[str | int | float, ...], ...], list[str]]:
    """The budget lines (display and spreadsheet), whether agreed fees exceed it, warnings."""
    currency = production.currency
    agreed = Money(s.agreed, currency)
    quoted = Money(s.quoted, currency)
    line = production.budget_line("clearances")
    if line is None:
        diagnostics.info(
            "no-clearances-budget",
            "no 'clearances' line under budget: in the manifest; the log shows totals only",
            production.manifest,
        )
        lines: list[tuple[str, Money | None]] = [
            ("Clearances budget", None),
            ("Agreed", agreed),
            ("Quoted, not yet agreed", quoted),
            ("Agreed and quoted", agreed + quoted),
        ]
        warnings = [
            "No clearances budget line in the manifest: totals are not compared with a budget."
        ]
        over = False
    else:
        left = Money(line.minor - s.agreed, currency)
        left_after = Money(left.minor - s.quoted, currency)
        over = left.minor < 0
        warnings = []
        if over:
            diagnostics.warning(
                "clearances-over-budget",
                f"agreed clearance fees {money(agreed)} exceed the clearances budget "
                f"{money(line)} by {money(_abs(left))}",
                production.manifest,
            )
            warnings.append(
                f"Over budget: agreed fees of {money(agreed)} exceed the clearances budget of "
                f"{money(line)} by {money(_abs(left))}."
            )
        elif left_after.minor < 0:
            diagnostics.warning(
                "clearances-exposure-over-budget",
                f"agreed fees plus open quotes ({money(agreed + quoted)}) would exceed the "
                f"clearances budget {money(line)} by {money(_abs(left_after))}",
                production.manifest,
            )
            warnings.append(
                f"At risk: agreed fees plus open quotes ({money(agreed + quoted)}) would "
                f"exceed the clearances budget of {money(line)} by {money(_abs(left_after))}."
            )
        lines = [
            ("Clearances budget", line),
            ("Agreed", agreed),
            ("Over budget by" if over else "Remaining", _abs(left)),
            ("Quoted, not yet agreed", quoted),
            (
                "Over budget by, if all quotes are agreed"
                if left_after.minor < 0
                else "Remaining, if all quotes are agreed",
                _abs(left_after),
            ),
        ]
    details = tuple(Detail(label, money(m, blank="Not set")) for label, m in lines)
    sheet = tuple(
        ("Budget", label, "", "", "", m.minor / 100 if m is not None else "Not set")
        for label, m in lines
    )
    return details, over, sheet, warnings


def _abs(m: Money) -> Money:
    return Money(abs(m.minor), m.currency)
