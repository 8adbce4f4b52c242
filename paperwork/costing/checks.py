"""Checks of a crew member's contract against the schedule, the travel days and the law.

Each reports a located ``Diagnostic`` (at the crew table's cell that would change) and carries
on; :func:`check_costing` says whether a contract can be written at all.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date

from paperwork.builders.format import money, short_date, weekday
from paperwork.costing.sums import Costing, days_text, deal_days, figure, money_text
from paperwork.errors import Diagnostics
from paperwork.model.crew import ContractTerms, CrewMember, Deal, RateBasis, TaxStatus
from paperwork.model.kit import Travel
from paperwork.model.names import person_key
from paperwork.model.source import Pos


def check_calls(
    crew: Sequence[CrewMember],
    calls: Mapping[str, Iterable[date]],
    terms: ContractTerms,
    diagnostics: Diagnostics,
    source: Pos | None = None,
) -> None:
    """Check that every day a person is called falls inside their contract.

    ``calls`` maps a crew member's name to the dates they are called (from the schedule or
    the call sheets). A date outside the contract's start and end is an error
    (``called-outside-contract``, at the start or end cell); a date inside it that is not one
    of the contract's working days (a rest day or a bank holiday) is a warning
    (``called-on-rest-day``): it is paid as an extra day. A name not in the crew table is a
    warning (``called-not-in-crew``) at ``source``.
    """
    by_key = {person_key(m.name): m for m in crew}
    for name in sorted(calls):
        member = by_key.get(person_key(name))
        dates = sorted(set(calls[name]))
        if member is None:
            diagnostics.warning(
                "called-not-in-crew", f"{name} is called but is not in the crew table", source
            )
            continue
        deal = member.deal
        if deal is None:
            continue
        before = [d for d in dates if d < deal.start]
        after = [d for d in dates if d > deal.end]
        for outside, column, side in ((before, "start", "before"), (after, "end", "after")):
            if outside:
                diagnostics.error(
                    "called-outside-contract",
                    f"{member.name} is called on {', '.join(map(short_date, outside))}, {side} "
                    f"the contract's {column} date {short_date(getattr(deal, column))}",
                    member.at(column),
                )
        inside = [d for d in dates if deal.start <= d <= deal.end]
        if inside:
            rest = _not_working(deal, terms, inside)
            if rest:
                diagnostics.warning(
                    "called-on-rest-day",
                    f"{member.name} is called on {', '.join(map(day_date_short, rest))}, which "
                    f"{'is not a working day' if len(rest) == 1 else 'are not working days'} "
                    "of the contract: each is paid as an extra day",
                    member.at("days_per_week"),
                )


def check_travel(
    crew: Sequence[CrewMember],
    travel: Travel | None,
    terms: ContractTerms,
    diagnostics: Diagnostics,
) -> None:
    """Check a travelling crew member's contract and per diems against the travel days.

    The travel days are the ``travel:`` section's departure (out) and return (back) dates.
    A crew member travels when named in its ``representatives`` or when their row gives
    per diem days (``per_diem_days``). For each: a travel day before the contract's start or
    after its end is a warning at that cell (``travel-outside-contract``: travel is working
    time to be paid); a travel day without a per diem is a warning
    (``travel-day-without-per-diem``) at the per diem cell when there is none, at the per
    diem days cell when they are fewer than the days away (departure to return, inclusive),
    or, with per diems on working days only, when a travel day is not a working day.
    """
    if travel is None or travel.departure is None or travel.return_date is None:
        return
    out, back = travel.departure, travel.return_date
    trip = (out, back) if out != back else (out,)
    named = {person_key(p.name) for p in travel.representatives}
    away = (back - out).days + 1
    for member in crew:
        deal = member.deal
        if deal is None or not (person_key(member.name) in named or deal.per_diem_days is not None):
            continue
        for column, side, outside in (
            ("start", "before", [d for d in trip if d < deal.start]),
            ("end", "after", [d for d in trip if d > deal.end]),
        ):
            if outside:
                diagnostics.warning(
                    "travel-outside-contract",
                    f"{member.name} travels on {', '.join(map(day_date_short, outside))}, "
                    f"{side} the contract's {column} date {short_date(getattr(deal, column))}: "
                    "a travel day is a working day to contract and pay",
                    member.at(column),
                )
        if deal.per_diem is None or deal.per_diem.minor == 0:
            diagnostics.warning(
                "travel-day-without-per-diem",
                f"{member.name} travels ({short_date(out)} to {short_date(back)}) but has no "
                "per diem",
                member.at("per_diem"),
            )
        elif deal.per_diem_days is not None:
            if deal.per_diem_days < away:
                diagnostics.warning(
                    "travel-day-without-per-diem",
                    f"{member.name} has per diems for {days_text(deal.per_diem_days)} but is away "
                    f"{days_text(away)} ({day_date_short(out)} to {day_date_short(back)}, travel "
                    "days included)",
                    member.at("per_diem_days"),
                )
        else:
            missed = _not_working(deal, terms, trip)
            if missed:
                diagnostics.warning(
                    "travel-day-without-per-diem",
                    f"{member.name}'s per diems are for working days, and the travel day "
                    f"{', '.join(map(day_date_short, missed))} is not one: give per_diem_days",
                    member.at("per_diem"),
                )


def _not_working(deal: Deal, terms: ContractTerms, days: Iterable[date]) -> list[date]:
    """Those of ``days`` that are not working days of the deal."""
    worked = set(deal_days(deal, terms).days)
    return [d for d in days if d not in worked]


def day_date_short(d: date) -> str:
    return f"{weekday(d)[:3]} {short_date(d)}"


def check_costing(c: Costing, today: date, diagnostics: Diagnostics) -> bool:
    """Checks that need the sums or today's date. False when no contract can be written."""
    member, deal = c.member, c.deal
    if c.days.count == 0:
        if deal.basis is RateBasis.FEE:
            diagnostics.warning(
                "no-working-days",
                f"{member.name}: no working days between {short_date(deal.start)} and "
                f"{short_date(deal.end)} in a {figure(deal.days_per_week)}-day week",
                member.at("start"),
            )
        else:
            diagnostics.error(
                "no-working-days",
                f"{member.name}: no working days between {short_date(deal.start)} and "
                f"{short_date(deal.end)} in a {figure(deal.days_per_week)}-day week, so nothing "
                "to pay",
                member.at("start"),
            )
            return False
    first = c.days.days[0] if c.days.days else deal.start
    if today >= first:
        diagnostics.warning(
            "contract-after-start",
            f"{member.name}: the contract is dated {short_date(today)}, on or after the first "
            f"working day {short_date(first)}; it should go out before day one",
            member.at("start"),
        )
    if c.on_costs.unknown:
        diagnostics.warning(
            "no-payroll-rates",
            f"{member.name}: paperwork has no employer's NI or pension rates for the tax year "
            f"of the week of {', '.join(map(short_date, c.on_costs.unknown))}; the summary "
            "leaves those weeks' on-costs out (add the year to paperwork/data/payroll.yaml)",
            member.at("start"),
        )
    if (
        deal.tax_status is TaxStatus.PAYE
        and c.minimum_wage is not None
        and c.hourly_base < c.minimum_wage.minor
    ):
        diagnostics.warning(
            "below-minimum-wage",
            f"{member.name}: {money_text(c.hourly_base, deal.rate.currency)} an hour is below the "
            f"National Living Wage of {money(c.minimum_wage)} (workers aged 21 and over)",
            member.at("rate"),
        )
    return True
