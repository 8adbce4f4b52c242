"""The clearance log report: every item, totals by status and type, against the budget line.

Three fees are kept apart: "quoted" is the holder's figure, "offered" ours, "agreed" the one
both sides settled on. Money is summed exactly in pence. "Agreed" is the agreed fee of every
item that is not refused or replaced. "Open" (the money at risk) is, for every open item (to
request, requested, quoted) without an agreed fee, the holder's quote when there is one (what
we pay if we accept it), else our offer (the least we expect to pay). Both are compared with
the manifest's ``budget: clearances:`` line. Fees in a currency other than the production's
are shown but left out of the totals (``mixed-currency``).

Licence coverage: an agreed or licensed item whose media, territory or term does not cover
the manifest's ``distribution:`` (media, territory, and a term counted from ``delivery: tx``)
is reported at its cell (``licence-does-not-cover``) and flagged in the log. A licence's term
ends on its ``licence_expiry`` date when there is one; otherwise a term such as ``2 years``
is counted from first TX, and ``perpetuity`` never ends.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from paperwork.builders.base import BuildJob, BuiltDocument, DocumentKind, Sheet
from paperwork.builders.clearances import STATUS_LABELS, TYPE_LABELS, identifiers_line
from paperwork.builders.format import long_date, money, short_date
from paperwork.builders.letterhead import (
    Detail,
    ProductionContext,
    natural_key,
    production_heading,
)
from paperwork.errors import Diagnostics
from paperwork.model.clearances import Clearance, ClearanceStatus, ClearanceType, Distribution
from paperwork.model.production import Production
from paperwork.model.records import Money

NAME = "clearance-log"

EXPIRY_WARNING_DAYS = 90

_SPENT_NOTHING = (ClearanceStatus.REFUSED, ClearanceStatus.REPLACED)
_REPLACEMENT = re.compile(r"\breplac", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class LogRow:
    """One item of the log, display-ready. ``flag`` says what needs attention, if anything;
    ``css`` is ``expired`` (also: a licence that does not cover the distribution),
    ``expiring``, ``refused`` or ``""`` for the HTML row class."""

    id: str
    type: str
    description: str
    identifiers: str
    scenes: str
    holder: str
    media: str
    territory: str
    term: str
    status: str
    fee_quoted: str  # the holder's figure
    fee_offered: str  # ours
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
    quoted: str  # open, not (yet) agreed: the quote, else our offer (the exposure)
    total: str


@dataclass(frozen=True, slots=True)
class LogContext(ProductionContext):
    """Everything the clearance log report shows, as display-ready text."""

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


def at_risk(c: Clearance) -> Money | None:
    """The fee an open, unagreed item puts at risk: the holder's quote, else our offer."""
    if c.status in _SPENT_NOTHING or not c.status.is_open or c.fee_agreed is not None:
        return None
    return c.fee_quoted if c.fee_quoted is not None else c.fee_offered


def _amounts(c: Clearance, currency: str) -> tuple[int, int]:
    """(agreed, open) in pence for the totals."""
    agreed = quoted = 0
    if c.status in _SPENT_NOTHING:
        return 0, 0
    if c.fee_agreed is not None:
        if c.fee_agreed.currency == currency:
            agreed = c.fee_agreed.minor
    else:
        risk = at_risk(c)
        if risk is not None and risk.currency == currency:
            quoted = risk.minor
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


def build(job: BuildJob) -> tuple[BuiltDocument, ...]:
    """The clearance log: one document, every item sorted by id."""
    production = job.production
    currency = production.currency
    items = sorted(production.clearances, key=lambda c: natural_key(c.id))
    warnings: list[str] = []
    tx = production.delivery.tx if production.delivery else None

    by_status = {s: _Sum() for s in ClearanceStatus}
    by_type: dict[ClearanceType, _Sum] = {}
    everything = _Sum()
    rows: list[LogRow] = []
    sheet_rows: list[tuple[str | int | float, ...]] = []
    for c in items:
        _check_currency(c, currency, job.diagnostics, warnings)
        agreed, quoted = _amounts(c, currency)
        for s in (by_status[c.status], by_type.setdefault(c.type, _Sum()), everything):
            s.count += 1
            s.agreed += agreed
            s.quoted += quoted

        flags, css = _flags(c, job.today, job.diagnostics, warnings)
        gaps = _coverage(c, production.distribution, tx, job.diagnostics)
        if gaps:
            what = f"{c.id} ({c.description}, {c.holder.company})"
            warnings.append(f"Licence does not cover the distribution ({'; '.join(gaps)}): {what}.")
            flags.append("Licence does not cover: " + "; ".join(gaps))
            css = css or "expired"
        rows.append(_log_row(c, flags, css))
        sheet_rows.append(_sheet_row(c, flags, currency))

    status_rows = tuple(_total_row(STATUS_LABELS[s], by_status[s], currency) for s in by_status)
    type_rows = tuple(
        _total_row(TYPE_LABELS[t], by_type[t], currency) for t in ClearanceType if t in by_type
    )
    grand = _total_row("All items", everything, currency)
    budget_details, over, budget_rows, budget_warnings = _budget(
        production, everything, job.diagnostics
    )
    warnings = budget_warnings + warnings  # the budget is what a producer reads first

    context = LogContext(
        **production_heading(
            production,
            f"Clearance log: {production.title}",
            ("Confidential: commercial terms", production.title),
        ),
        release=production.release,
        date=long_date(job.today),
        rows=tuple(rows),
        item_count=f"{len(rows)} item{'s' if len(rows) != 1 else ''}",
        by_status=status_rows,
        by_type=type_rows,
        grand_total=grand,
        budget=budget_details,
        over_budget=over,
        warnings=tuple(warnings),
    )
    sheets = _sheets(tuple(sheet_rows), by_status, by_type, everything, budget_rows, currency)
    title = f"Clearance log: {production.title}"
    return (KIND.dated_document(job, context, title=title, sheets=sheets),)


def _check_currency(
    c: Clearance, currency: str, diagnostics: Diagnostics, warnings: list[str]
) -> None:
    """Report the first fee not in the production's currency: the totals leave it out."""
    for fee in (c.fee_quoted, c.fee_offered, c.fee_agreed):
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
            return


def _log_row(c: Clearance, flags: Sequence[str], css: str) -> LogRow:
    """One item's row of the report, display-ready."""
    holder = c.holder.company
    return LogRow(
        id=c.id,
        type=TYPE_LABELS[c.type],
        description=c.description,
        identifiers=identifiers_line(c),
        scenes=c.scenes,
        holder=holder,
        media=c.use.media,
        territory=c.use.territory,
        term=c.use.term,
        status=STATUS_LABELS[c.status],
        fee_quoted=money(c.fee_quoted),
        fee_offered=money(c.fee_offered),
        fee_agreed=money(c.fee_agreed),
        requested=short_date(c.requested),
        reply_by=short_date(c.reply_by),
        licence_expiry=short_date(c.licence_expiry),
        restrictions=c.restrictions,
        notes=c.notes,
        flag="; ".join(flags),
        css=css,
    )


def _sheet_row(c: Clearance, flags: Sequence[str], currency: str) -> tuple[str | int | float, ...]:
    """One item's row of the workbook: every column, fees as numbers in the currency."""
    holder = c.holder.company
    return (
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
        _pounds(c.fee_offered, currency),
        _pounds(c.fee_agreed, currency),
        short_date(c.requested),
        short_date(c.reply_by),
        short_date(c.licence_expiry),
        c.restrictions,
        c.credit,
        c.notes,
        "; ".join(flags),
    )


def _sheets(
    sheet_rows: tuple[tuple[str | int | float, ...], ...],
    by_status: dict[ClearanceStatus, _Sum],
    by_type: dict[ClearanceType, _Sum],
    everything: _Sum,
    budget_rows: Sequence[tuple[str | int | float, ...]],
    currency: str,
) -> tuple[Sheet, ...]:
    """The workbook: every item with every column, then the totals and the budget."""
    cur = f" ({currency})"
    return (
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
                f"Fee offered{cur}",
                f"Fee agreed{cur}",
                "Requested",
                "Reply by",
                "Licence expiry",
                "Restrictions",
                "Credit",
                "Notes",
                "Attention",
            ),
            sheet_rows,
        ),
        Sheet(
            "Totals",
            (
                "Group",
                "Name",
                "Items",
                f"Agreed{cur}",
                f"Open: quoted, else offered{cur}",
                f"Total{cur}",
            ),
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


# --- Licence coverage -------------------------------------------------------------------------

_COVERING = (ClearanceStatus.AGREED, ClearanceStatus.LICENSED)
_ALL_MEDIA = re.compile(r"\ball (?:media|rights)\b|\bany media\b", re.IGNORECASE)
_PROMO_ONLY = re.compile(r"\b(?:teaser|trailer|promo\w*|publicity)\s+(?:use\s+)?only\b", re.I)
_ONLINE = ("online", "internet", "digital", "vod", "streaming", "on-demand", "on demand")
# a medium the programme needs -> words in a licence's media that cover it
_MEDIA_WORDS: dict[str, tuple[str, ...]] = {
    "tv": ("tv", "television", "broadcast"),
    "television": ("tv", "television", "broadcast"),
    "svod": ("svod", *_ONLINE),
    "avod": ("avod", *_ONLINE),
    "tvod": ("tvod", *_ONLINE),
    "bvod": ("bvod", *_ONLINE),
    "fast": ("fast", *_ONLINE),
    "vod": ("vod", *_ONLINE),
    "online": _ONLINE,
    "festivals": ("festival", "festivals"),
    "festival": ("festival", "festivals"),
    "theatrical": ("theatrical", "cinema"),
    "cinema": ("theatrical", "cinema"),
}
_WORLD = re.compile(r"\b(?:world\s*wide|the world|world|universe)\b", re.IGNORECASE)
_PLACE_ALIASES = {
    "united kingdom": "uk",
    "great britain": "uk",
    "gb": "uk",
    "u.k.": "uk",
    "republic of ireland": "ireland",
    "roi": "ireland",
    "eire": "ireland",
    "usa": "us",
    "united states": "us",
}
_TERM = re.compile(r"(\d+)\s*(year|yr|month|week|day)s?", re.IGNORECASE)
_FOREVER = re.compile(r"perpetu|in perpetuity|unlimited|forever", re.IGNORECASE)


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z][a-z-]*", text.casefold()))


def _medium_covered(medium: str, licensed: str) -> bool:
    if _PROMO_ONLY.search(licensed):
        return False
    if _ALL_MEDIA.search(licensed):
        return True
    key = medium.strip().casefold()
    wanted = _MEDIA_WORDS.get(key, (key,))
    text = licensed.casefold()
    words = _words(licensed)
    return any((w in words) if " " not in w else (w in text) for w in wanted)


def _places(text: str) -> set[str]:
    parts = re.split(r",|/|&|;|\band\b|\bplus\b", text.casefold())
    out = set()
    for p in parts:
        p = re.sub(r"^\s*the\s+", "", p).strip(" .")
        if p:
            out.add(_PLACE_ALIASES.get(p, p))
    return out


def _territory_gap(needed: tuple[str, ...], licensed: str) -> str:
    """What the licensed territory leaves out, or ``""``."""
    if not needed or _WORLD.search(licensed):
        return ""
    if any(_WORLD.search(n) for n in needed):
        return f"territory {licensed or 'not given'}, not worldwide"
    have = _places(licensed)
    missing = [n for n in needed if not (_places(n) <= have)]
    if missing:
        return f"territory lacks {', '.join(missing)}"
    return ""


def _add_months(start: date, months: int) -> date:
    y, m = divmod(start.month - 1 + months, 12)
    year, month = start.year + y, m + 1
    for day in (start.day, 30, 29, 28):
        try:
            return date(year, month, day)
        except ValueError:
            continue
    return date(year, month, 28)


def term_end(term: str, start: date) -> date | None:
    """The last day a term counted from ``start`` covers: ``date.max`` for perpetuity,
    ``None`` when the text gives no length (``2 years`` -> two years after ``start``)."""
    if _FOREVER.search(term):
        return date.max
    m = _TERM.search(term)
    if not m:
        return None
    n, unit = int(m.group(1)), m.group(2).lower()
    if unit in ("year", "yr"):
        return _add_months(start, 12 * n)
    if unit == "month":
        return _add_months(start, n)
    return start + timedelta(days=n * (7 if unit == "week" else 1))


def _coverage(
    c: Clearance, dist: Distribution | None, tx: date | None, diagnostics: Diagnostics
) -> list[str]:
    """What an agreed or licensed item's licence leaves out of the distribution, each
    reported at its cell as ``licence-does-not-cover``."""
    if dist is None or c.status not in _COVERING:
        return []
    gaps: list[tuple[str, str, str]] = []  # (column, for the log, for the diagnostic)
    missing = [m for m in dist.media if not _medium_covered(m, c.use.media)]
    if missing:
        lacks = ", ".join(missing)
        gaps.append(("media", f"media lacks {lacks}", f"media “{c.use.media}” leaves out {lacks}"))
    territory = _territory_gap(dist.territory, c.use.territory)
    if territory:
        gaps.append(("territory", territory, f"{territory} (needed: {', '.join(dist.territory)})"))
    if tx is not None and dist.term:
        needed = term_end(dist.term, tx)
        ends: date | None = c.licence_expiry
        column = "licence_expiry"
        if ends is None:
            ends, column = term_end(c.use.term, tx), "term"
        if needed is not None and ends is not None and ends < needed:
            until = "perpetuity" if needed == date.max else short_date(needed)
            gaps.append(
                (
                    column,
                    f"term ends {short_date(ends)}, before {until}",
                    f"term ends {short_date(ends)}, but the programme is exploited until "
                    f"{until} ({dist.term} from TX on {short_date(tx)})",
                )
            )
    for column, _, message in gaps:
        diagnostics.warning(
            "licence-does-not-cover",
            f"{c.id}: the licence does not cover the distribution: {message}",
            c.at(column),
        )
    return [short for _, short, _ in gaps]


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
            ("Open: quoted, else offered", quoted),
            ("Agreed and open", agreed + quoted),
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
                f"agreed fees plus open fees ({money(agreed + quoted)}) would exceed the "
                f"clearances budget {money(line)} by {money(_abs(left_after))}",
                production.manifest,
            )
            warnings.append(
                f"At risk: agreed fees plus open fees ({money(agreed + quoted)}) would "
                f"exceed the clearances budget of {money(line)} by {money(_abs(left_after))}."
            )
        lines = [
            ("Clearances budget", line),
            ("Agreed", agreed),
            ("Over budget by" if over else "Remaining", _abs(left)),
            ("Open: quoted, else offered", quoted),
            (
                "Over budget by, if all open fees are agreed"
                if left_after.minor < 0
                else "Remaining, if all open fees are agreed",
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


KIND = DocumentKind(
    name=NAME,
    contexts={"clearance_log": LogContext},
    inputs=("clearances",),
    formats=("docx", "pdf", "xlsx"),
    build=build,
)
