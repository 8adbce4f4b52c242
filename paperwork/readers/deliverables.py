"""The deliverables table and the manifest's ``delivery:`` section.

A row's ``due`` cell holds a date (``2027-06-04``) or a rule counted from the manifest's TX
or delivery date: ``TX-14`` (14 days before TX), ``TX+14``, ``delivery+10 working days``,
``TX-2 weeks``. Working days skip weekends and the bank holidays of the ``delivery:``
section (England and Wales from paperwork's reference data unless it says otherwise).
"""

from __future__ import annotations

import re
from datetime import date

from paperwork.errors import Diagnostics
from paperwork.model.delivery import Deliverable, DeliverableStatus, DeliverySettings, DueRule
from paperwork.model.source import Pos
from paperwork.readers.cells import FirstSeen
from paperwork.readers.context import ReaderContext
from paperwork.readers.fields import Column, Schema, parse_date, parse_rows
from paperwork.readers.manifest import Manifest, _str
from paperwork.readers.tables import Table, cell_value
from paperwork.readers.terms import load_reference

_STATUS_CHOICES: dict[str, object] = {s.value: s for s in DeliverableStatus}
_STATUS_CHOICES.update(
    {
        "to do": DeliverableStatus.NOT_STARTED,
        "todo": DeliverableStatus.NOT_STARTED,
        "open": DeliverableStatus.NOT_STARTED,
        "wip": DeliverableStatus.IN_PROGRESS,
        "sent": DeliverableStatus.DELIVERED,
        "qc passed": DeliverableStatus.ACCEPTED,
        "qc failed": DeliverableStatus.REJECTED,
        "not required": DeliverableStatus.WAIVED,
    }
)

DELIVERABLES = Schema(
    "deliverables",
    (
        Column("id", required=True, aliases=("ref", "item_id")),
        Column("item", required=True, aliases=("deliverable", "description")),
        Column("category", aliases=("type", "group")),
        Column("spec", aliases=("format", "format_spec", "specification")),
        Column("recipient", aliases=("to", "deliver_to")),
        Column("due", required=True, aliases=("due_date", "due_rule", "deadline")),
        Column("responsible", aliases=("owner", "responsible_person", "who")),
        Column("status", "choice", choices=_STATUS_CHOICES),
        Column("delivered", "date", aliases=("delivered_date", "delivered_on")),
        Column("notes"),
    ),
)

_ANCHORS = {
    "tx": "tx",
    "transmission": "tx",
    "delivery": "delivery",
    "firstdelivery": "delivery",
    "del": "delivery",
}
_RULE = re.compile(
    r"^(?P<anchor>[a-z][a-z ]*?)\s*(?:(?P<sign>[+-])\s*(?P<n>\d{1,3})\s*"
    r"(?P<unit>working\s+days?|business\s+days?|wd|days?|d|weeks?|wks?|w)?)?$",
    re.IGNORECASE,
)
_ANCHOR_NAMES = {"tx": "TX", "delivery": "delivery"}


def parse_rule(text: str) -> DueRule | None:
    """``"delivery+10 working days"`` -> ``DueRule("delivery", 10, True, ...)``; else None."""
    m = _RULE.match(text.strip())
    if not m:
        return None
    anchor = _ANCHORS.get(re.sub(r"[^a-z]", "", m["anchor"].lower()))
    if anchor is None:
        return None
    n = int(m["n"] or 0)
    unit = (m["unit"] or "d").lower()
    working = unit.startswith(("working", "business", "wd"))
    if unit.startswith("w") and not working:
        n *= 7
    return DueRule(anchor, -n if m["sign"] == "-" else n, working, text.strip())


def read_delivery(value: object, pos: Pos, m: Manifest) -> DeliverySettings:
    """``delivery: {tx: 2027-07-02, delivery: 2027-06-04, commissioner: ..., bank_holidays:
    england-and-wales}``; ``bank_holidays`` may instead list dates, or be ``none``."""
    section = m.mapping(m.data, "delivery")
    ref = load_reference()
    raw = section.get("bank_holidays") if isinstance(section, dict) else None
    holidays: tuple[tuple[date, str], ...] = ()
    years: tuple[int, ...] = ()
    region = ""
    if raw is None or (isinstance(raw, str) and raw.strip().lower() != "none"):
        key = (_str(raw) or "england-and-wales").strip().lower()
        if key in ref.bank_holidays:
            region, years, holidays = ref.bank_holidays[key]
        else:
            m.d.error(
                "unknown-bank-holidays",
                f"delivery: bank_holidays must be one of: {', '.join(ref.bank_holidays)}, none, "
                f"or a list of dates (got {key!r})",
                m.pos(section, "bank_holidays"),
            )
    elif isinstance(raw, list):
        found = []
        for item, where in m.items(section, "bank_holidays"):
            d = parse_date(cell_value(item), "delivery: bank_holidays", where, m.d)
            if d is not None:
                found.append((d, "Bank holiday"))
        holidays = tuple(sorted(found))
        years = tuple(sorted({d.year for d, _ in holidays}))
    return DeliverySettings(
        pos=pos,
        tx=m.date(section, "tx", where="delivery: "),
        delivery=m.date(section, "delivery", where="delivery: "),
        commissioner=m.text(section, "commissioner"),
        bank_holidays=holidays,
        bank_holiday_years=years,
        bank_holiday_region=region,
    )


def read_deliverables(
    table: Table, diagnostics: Diagnostics, context: ReaderContext
) -> tuple[Deliverable, ...]:
    """Deliverable rows; each due cell is a date or a rule whose anchor date must exist."""
    settings = context.sections.delivery
    out: list[Deliverable] = []
    ids = FirstSeen[str]("duplicate-id", diagnostics)
    by_column = DELIVERABLES.resolve(table, Diagnostics())  # problems: reported by parse_rows
    for row, v in parse_rows(DELIVERABLES, table, diagnostics):
        ident = v.as_text("id")
        where = row.where("id") if "id" in row.cells else row.pos
        if ident and ids.repeated(ident, where, f"deliverable id {ident!r} is used twice"):
            continue
        if not ident or not v["item"] or v["due"] is None:
            continue  # already reported
        due_pos = row.where(by_column["due"]) if "due" in by_column else row.pos
        due_text = str(v["due"])
        rule = parse_rule(due_text)
        due = None
        if rule is None:
            quiet = Diagnostics()
            due = parse_date(row.get(by_column["due"]), "due", due_pos, quiet)
            if due is None:
                diagnostics.error(
                    "bad-due-rule",
                    f"due must be a date like 2027-06-04 or a rule like TX-14, TX+14 or "
                    f"delivery+10 working days (got {due_text!r})",
                    due_pos,
                )
                continue
        else:
            anchor = None
            if settings is not None:
                anchor = settings.tx if rule.anchor == "tx" else settings.delivery
            if anchor is None:
                name = _ANCHOR_NAMES[rule.anchor]
                diagnostics.error(
                    f"no-{rule.anchor}-date",
                    f"due rule {due_text!r} counts from the {name} date, but the manifest's "
                    f"delivery: section has no {rule.anchor}: date",
                    due_pos,
                )
                continue
        status = v.as_choice("status", DeliverableStatus) or DeliverableStatus.NOT_STARTED
        done = (DeliverableStatus.DELIVERED, DeliverableStatus.ACCEPTED)
        if status in done and not v["delivered"]:
            diagnostics.warning(
                "delivered-no-date",
                f"{ident}: the status is {status.value!r} but the delivered date is empty",
                row.where(by_column["status"]) if "status" in by_column else row.pos,
            )
        out.append(
            Deliverable(
                id=str(ident),
                item=str(v["item"]),
                pos=row.pos,
                category=str(v["category"] or ""),
                spec=str(v["spec"] or ""),
                recipient=str(v["recipient"] or ""),
                due=due,
                rule=rule,
                responsible=str(v["responsible"] or ""),
                status=status,
                delivered=v.as_date("delivered"),
                notes=str(v["notes"] or ""),
                cells=tuple(
                    (col, row.cells[header])
                    for col, header in sorted(by_column.items())
                    if header in row.cells
                ),
            )
        )
    return tuple(out)
