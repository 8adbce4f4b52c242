"""The crew cost summary for the accountant: one row per person, the working, the rules.

Written by the crew-contracts kind (a run for the whole crew), from the same costings as the
contracts: as a workbook (:func:`summary_sheets`, every total a live ``=SUM(...)``) and as a
document (:func:`summary_context`, for ``templates/crew_summary``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from paperwork.builders.base import Cell, Sheet, SumOf
from paperwork.builders.format import long_date, short_date
from paperwork.builders.letterhead import heading
from paperwork.builders.reports import ReportContext
from paperwork.costing.sums import BASIS_WORD, Costing, Line, PayLine, money_text
from paperwork.model.crew import RateBasis, TaxStatus
from paperwork.model.production import Production
from paperwork.model.records import Money

METHOD = (
    "Money is exact in pence; any fraction of a penny is rounded once, half up, to the penny.",
    "Working days: every day from start to end inclusive in the week pattern (5 = Mon-Fri, "
    "6 = Mon-Sat, 5.5 = Mon-Fri and Mon-Sat alternately from the start week), less bank "
    "holidays unless the terms say they are worked.",
    "Daily: days x rate; a 6th or 7th working day in a week (Mon-Sun) at the 6th/7th-day rate. "
    "Hourly: a day's pay = rate x standard hours, then as daily. Weekly: rate x days / days "
    "per week. Fee: the fee.",
    "Holiday pay, one rule for every rate basis: leave accrues on the days worked. Regular "
    "workers (accrued, paid in lieu at the end): 5.6 weeks a year, at most 28 days, over the "
    "52 weeks of the pattern: fees x min(5.6 x days a week, 28) / (52 x days a week), 28/260 "
    "for a 5-day week. Irregular-hours and part-year workers, and rolled-up holiday pay: fees "
    "x the holiday rate (12.07% = 5.6 / 46.4). Leave days = days worked x the same share. "
    "Self-employed and loan-out: none.",
    "Kit: per day x days, per week x days / days per week, or per engagement. Per diems: "
    "per diem x per diem days (or working days).",
    "Employer's NI and pension, PAYE crew only (self-employed and loan-out: not applicable). "
    "Pay = fees + holiday pay, spread over the weekly pay periods (Mon-Sun) pro rata to the "
    "days worked in each. Each week: employer's Class 1 NI at the tax year's rate on pay above "
    "the weekly secondary threshold (2024/25: 13.8% above £175; 2025/26 and 2026/27: 15% "
    "above £96); pension at 3% of qualifying earnings between £120 and £967 a week, in a week "
    "whose pay passes the £192 auto-enrolment trigger (assumes an eligible jobholder, aged "
    "22 to State Pension age, enrolled from day one: postponement or opt-out removes it). "
    "A week's tax year is that of its first working day. Summed exactly, rounded once.",
    "Not applied: the Employment Allowance (the employer's own claim), the apprenticeship "
    "levy, NI relief for under-21s and apprentices. Kit rental and per diems are taken as "
    "not earnings for NI.",
    "Total cost = fees + holiday pay + kit + per diems + employer's NI + employer's pension. "
    "VAT is shown apart (recoverable). Overtime and extra days are not included.",
    "In the workbook every total is a formula (=SUM of the cells it adds), so the sheet "
    "can be extended; the builder's own sums give the same figures.",
)

_PER = {
    RateBasis.DAILY: "a day",
    RateBasis.WEEKLY: "a week",
    RateBasis.HOURLY: "an hour",
    RateBasis.FEE: "fee",
}
_TAX_SHORT = {
    TaxStatus.PAYE: "PAYE",
    TaxStatus.SELF_EMPLOYED: "Self-employed",
    TaxStatus.LOAN_OUT: "Loan-out",
}

# The "Crew costs" sheet's columns; the money ones from FEES to TOTAL are summed per row.
SUMMARY_COLUMNS = (
    "Name",
    "Role",
    "Department",
    "Tax status",
    "NI/pension",
    "Start",
    "End",
    "Days",
    "Rate",
    "Rate basis",
    "Fees",
    "Holiday pay",
    "Kit",
    "Per diems",
    "Employer's NI",
    "Employer's pension",
    "Total cost",
    "VAT on invoice",
    "Working",
)
_DAYS_COL = SUMMARY_COLUMNS.index("Days")
_FEES_COL = SUMMARY_COLUMNS.index("Fees")
_TOTAL_COL = SUMMARY_COLUMNS.index("Total cost")
_VAT_COL = SUMMARY_COLUMNS.index("VAT on invoice")


def _money_cells(c: Costing, currency: str) -> tuple[Money, ...]:
    oc = c.on_costs
    return tuple(
        Money(p, currency)
        for p in (
            c.fees,
            c.holiday_pay,
            c.kit_total,
            c.per_diem_total,
            oc.ni.pence if oc.ni else 0,
            oc.pension.pence if oc.pension else 0,
        )
    )


def _all_lines(c: Costing) -> tuple[Line, ...]:
    oc = c.on_costs
    return tuple(line for line in (*c.lines, oc.ni, oc.pension) if line)


def summary_sheets(costings: Sequence[Costing], currency: str) -> tuple[Sheet, ...]:
    """The accountant's sheets: one row per person with live totals, the working, the rules.

    Dates are dates, money is money (in the currency's format), text is text; each row's
    total cost and the totals row are ``=SUM(...)`` formulas over the cells they add.
    """
    rows: list[tuple[Cell, ...]] = []
    working: list[tuple[Cell, ...]] = []
    for i, c in enumerate(costings):
        m, d = c.member, c.deal
        rows.append(
            (
                m.name,
                m.role,
                m.department,
                _TAX_SHORT[d.tax_status],
                c.on_costs.status,
                d.start,
                d.end,
                c.days.count,
                Money(d.rate.minor, currency),
                BASIS_WORD[d.basis][0],
                *_money_cells(c, currency),
                SumOf(_FEES_COL, i, i, Money(c.employer_total, currency), _TOTAL_COL - 1),
                Money(c.vat, currency),
                "; ".join(
                    f"{ln.label}: {ln.working} = {money_text(ln.pence, currency)}"
                    for ln in _all_lines(c)
                ),
            )
        )
        first = len(working)
        for ln in _all_lines(c):
            working.append((m.name, ln.label, ln.working, Money(ln.pence, currency)))
        working.append(
            (
                m.name,
                "Total cost",
                "",
                SumOf(3, first, len(working) - 1, Money(c.employer_total, currency)),
            )
        )
    last = len(rows) - 1

    def column_total(col: int, pence: int) -> SumOf:
        return SumOf(col, 0, last, Money(pence, currency))

    sums = [
        sum(cells[k].minor for cells in (_money_cells(c, currency) for c in costings))
        for k in range(_TOTAL_COL - _FEES_COL)
    ]
    rows.append(
        (
            f"Total ({len(costings)} crew)",
            "",
            "",
            "",
            "",
            "",
            "",
            SumOf(_DAYS_COL, 0, last, sum(c.days.count for c in costings)),
            "",
            "",
            *(column_total(_FEES_COL + k, p) for k, p in enumerate(sums)),
            column_total(_TOTAL_COL, sum(c.employer_total for c in costings)),
            column_total(_VAT_COL, sum(c.vat for c in costings)),
            "",
        )
    )
    cur = f" ({currency})"
    header = tuple(
        f"{h}{cur}" if h == "Rate" or _FEES_COL <= i <= _VAT_COL else h
        for i, h in enumerate(SUMMARY_COLUMNS)
    )
    return (
        Sheet("Crew costs", header, tuple(rows)),
        Sheet("Working", ("Name", "Item", "Working", f"Amount{cur}"), tuple(working)),
        Sheet("Method", ("How the sums are worked",), tuple((line,) for line in METHOD)),
    )


@dataclass(frozen=True, slots=True)
class SummaryRow:
    """One person (or the totals) in the PDF/DOCX summary, display-ready."""

    name: str
    role: str
    tax_status: str
    ni_pension: str
    dates: str
    days: str
    rate: str
    fees: str
    holiday: str
    kit: str
    per_diems: str
    ni: str
    pension: str
    total: str
    vat: str


@dataclass(frozen=True, slots=True)
class SummaryWorking:
    """One person's working: each line, and the total."""

    name: str
    lines: tuple[PayLine, ...]
    total: str


@dataclass(frozen=True, slots=True)
class SummaryContext(ReportContext):
    """The crew cost summary as a document (PDF and DOCX), every figure display-ready; it is
    as at the build's long date ("2 December 2026")."""

    currency: str
    rows: tuple[SummaryRow, ...]
    totals: SummaryRow
    working: tuple[SummaryWorking, ...]
    method: tuple[str, ...]


def summary_context(
    costings: Sequence[Costing], production: Production, today: date
) -> SummaryContext:
    """The same figures as :func:`summary_sheets`, as text for the PDF and DOCX."""
    cur = production.currency

    def amount(pence: int) -> str:
        return money_text(pence, cur) if pence else "-"

    rows = []
    for c in costings:
        m, d = c.member, c.deal
        money_cells = _money_cells(c, cur)
        rows.append(
            SummaryRow(
                name=m.name,
                role=m.role,
                tax_status=_TAX_SHORT[d.tax_status],
                ni_pension=c.on_costs.status,
                dates=f"{short_date(d.start)} to {short_date(d.end)}",
                days=str(c.days.count),
                rate=f"{money_text(d.rate.minor, cur)} {_PER[d.basis]}",
                fees=amount(money_cells[0].minor),
                holiday=amount(money_cells[1].minor),
                kit=amount(money_cells[2].minor),
                per_diems=amount(money_cells[3].minor),
                ni=amount(money_cells[4].minor),
                pension=amount(money_cells[5].minor),
                total=money_text(c.employer_total, cur),
                vat=amount(c.vat),
            )
        )
    sums = [
        sum(cells[k].minor for cells in (_money_cells(c, cur) for c in costings)) for k in range(6)
    ]
    totals = SummaryRow(
        name=f"Total ({len(costings)} crew)",
        role="",
        tax_status="",
        ni_pension="",
        dates="",
        days=str(sum(c.days.count for c in costings)),
        rate="",
        fees=amount(sums[0]),
        holiday=amount(sums[1]),
        kit=amount(sums[2]),
        per_diems=amount(sums[3]),
        ni=amount(sums[4]),
        pension=amount(sums[5]),
        total=money_text(sum(c.employer_total for c in costings), cur),
        vat=amount(sum(c.vat for c in costings)),
    )
    title = f"Crew cost summary: {production.title}"
    return SummaryContext(
        **heading(production, title, (title,), after_company=("Private and confidential",)),
        production_title=production.title,
        as_at=long_date(today),
        currency=cur,
        rows=tuple(rows),
        totals=totals,
        working=tuple(
            SummaryWorking(
                c.member.name,
                tuple(
                    PayLine(ln.label, ln.working, money_text(ln.pence, cur)) for ln in _all_lines(c)
                ),
                money_text(c.employer_total, cur),
            )
            for c in costings
        ),
        method=METHOD,
    )
