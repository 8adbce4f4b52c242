"""Display formatting: money, dates and times the UK way (en-GB), and the natural sort key.

Shared by the builders and the shoot plan's checks (whose messages name times), so it sits
outside ``builders/``."""

from __future__ import annotations

import re
from datetime import date, time

from paperwork.model.records import Money

_SYMBOLS = {"GBP": "£", "EUR": "€", "USD": "$"}
# Our own names, not strftime's: %B and %a follow the machine's locale.
_MONTHS = (
    "January February March April May June July August September October November December"
).split()
_DAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()


def money(amount: Money | None, *, blank: str = "") -> str:
    """``Money(125000)`` -> ``"£1,250.00"``; a negative amount -> ``"-£12.50"``."""
    if amount is None:
        return blank
    sign = "-" if amount.minor < 0 else ""
    pounds, pence = divmod(abs(amount.minor), 100)
    symbol = _SYMBOLS.get(amount.currency)
    body = f"{pounds:,}.{pence:02d}"
    return f"{sign}{symbol}{body}" if symbol else f"{sign}{body} {amount.currency}"


def long_date(d: date | None) -> str:
    """``29 November 2026`` (letters)."""
    return f"{d.day} {_MONTHS[d.month - 1]} {d.year}" if d else ""


def short_date(d: date | None) -> str:
    """``29/11/2026`` (tables)."""
    return f"{d:%d/%m/%Y}" if d else ""


def day_date(d: date | None) -> str:
    """``Sun 29 Nov 2026`` (call sheets and schedules)."""
    return f"{_DAYS[d.weekday()][:3]} {d.day} {_MONTHS[d.month - 1][:3]} {d.year}" if d else ""


def weekday(d: date) -> str:
    """``Sunday``."""
    return _DAYS[d.weekday()]


def clock(t: time | None) -> str:
    """24-hour ``07:30``."""
    return f"{t.hour:02d}:{t.minute:02d}" if t else ""


def natural_key(text: str) -> tuple[tuple[int, int, str], ...]:
    """Sort ``MU2`` before ``MU10``; ties fall back to the exact text."""
    parts = tuple(
        (0, int(p), "") if p.isdigit() else (1, 0, p.casefold())
        for p in re.split(r"(\d+)", text)
        if p
    )
    return (*parts, (2, 0, text))
