"""Crew contracts and deal memos: one per freelancer, and a cost summary for the accountant.

``build()`` returns one contract per crew member with a deal (stem
``contract_{slug(name)}_{today}``, DOCX and PDF; the pipeline merges the batch's PDFs into
one with a bookmark per person) and, when no people were picked with ``BuildOptions.people``,
one summary (stem ``crew-summary_{today}``) as PDF and DOCX (``templates/crew_summary``,
context :class:`paperwork.costing.summary.SummaryContext`), XLSX (dates as dates, money as
numbers in a £ format, every total a live ``=SUM(...)``) and its first sheet as CSV. The
summary is part of this builder, not a builder of its own, so that its figures always come
from the same costing as the contracts; a run for named people writes their contracts only,
so it cannot overwrite the whole crew's summary with a partial one.

The sums, and how they are worked, are :mod:`paperwork.costing.sums`'s; the checks
:mod:`paperwork.costing.checks`'s; the summary :mod:`paperwork.costing.summary`'s.

Fields a company's own Word template may use (``paperwork contracts --template FILE``)
-------------------------------------------------------------------------------------
Every value is display-ready text unless it is marked as a list. Top-level names:

Document: ``document_title``, ``reference``, ``date``, ``footer_note``, ``logo`` (an image
when the company has a logo, else empty).
Engaging company: ``letterhead`` (with ``.company``, ``.address`` (list), ``.address_line``,
``.phone``, ``.email``, ``.website``, ``.company_number``, ``.vat_number``,
``.contact_line``, ``.registration_line``), ``company_name``.
Production: ``production_title``, ``production_type``, ``commissioner``, ``agreement``,
``agreement_note``.
Crew member: ``crew_name``, ``crew_address`` (list), ``crew_address_line``, ``crew_email``,
``crew_phone``, ``role``, ``department``, ``engaged_party`` (the person, or the loan-out
company "for the services of" the person), ``tax_status``, ``loan_out_company``,
``loan_out_company_number``, ``loan_out_vat_number``, ``status_check``.
Dates and hours: ``start_date``, ``end_date`` (``Monday 7 September 2026``),
``start_date_short``, ``end_date_short`` (``07/09/2026``), ``working_week``,
``working_days``, ``bank_holidays_note``, ``place_of_work``, ``standard_day``,
``hours_line``.
Money: ``currency``, ``rate``, ``rate_basis``, ``rate_line``, ``day_rate``, ``hourly_rate``,
``hourly_rate_line``, ``overtime_line``, ``sixth_day_line``, ``seventh_day_line``,
``night_work_line``, ``holiday_method``, ``holiday_line``, ``holiday_pay``, ``kit_line``,
``kit_items``, ``kit_total``, ``expenses_line``, ``per_diems_total``, ``mileage_line``,
``fees_total``, ``estimated_total``, ``vat_line``, ``payment_line``, ``cancellation_line``,
``credit``, ``special_terms``.
Lists: ``key_terms`` (the deal memo box: each ``.label``, ``.value``), ``pay_lines`` (the
fees, holiday pay, kit and per diem lines, without the total: each ``.label``,
``.working``, ``.amount``), ``clauses`` (each ``.number``, ``.title``, ``.paragraphs``: a
list of text).
Signatures: ``signatory_name``, ``signatory_role``, ``company_signs_for``,
``crew_signs_for``.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from paperwork.builders.base import (
    SHOOT_PLAN,
    BuildJob,
    BuiltDocument,
    DocumentKind,
    slug,
    unique_stem,
)
from paperwork.builders.format import long_date, money, short_date, weekday
from paperwork.builders.letterhead import Detail, ProductionContext, letterhead, production_heading
from paperwork.costing.checks import check_calls, check_costing, check_travel
from paperwork.costing.summary import SummaryContext, summary_context, summary_sheets
from paperwork.costing.sums import (
    BASIS_WORD,
    Costing,
    PayLine,
    cost,
    days_text,
    figure,
    money_text,
    percent,
    week_pattern,
)
from paperwork.errors import Diagnostics
from paperwork.model import crew
from paperwork.model.names import person_key
from paperwork.model.production import Production
from paperwork.model.records import Money, Person

NAME = "crew-contracts"


# --- The contract's context -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Clause:
    """A numbered clause: its title and its paragraphs."""

    number: str
    title: str
    paragraphs: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ContractContext(ProductionContext):
    """Everything a crew contract shows, display-ready (field list in the module docstring)."""

    reference: str
    date: str
    company_name: str
    agreement: str
    agreement_note: str
    crew_name: str
    crew_address: tuple[str, ...]
    crew_address_line: str
    crew_email: str
    crew_phone: str
    role: str
    department: str
    engaged_party: str
    tax_status: str
    loan_out_company: str
    loan_out_company_number: str
    loan_out_vat_number: str
    status_check: str
    start_date: str
    end_date: str
    start_date_short: str
    end_date_short: str
    working_week: str
    working_days: str
    bank_holidays_note: str
    place_of_work: str
    standard_day: str
    hours_line: str
    currency: str
    rate: str
    rate_basis: str
    rate_line: str
    day_rate: str
    hourly_rate: str
    hourly_rate_line: str
    overtime_line: str
    sixth_day_line: str
    seventh_day_line: str
    night_work_line: str
    holiday_method: str
    holiday_line: str
    holiday_pay: str
    kit_line: str
    kit_items: str
    kit_total: str
    expenses_line: str
    per_diems_total: str
    mileage_line: str
    fees_total: str
    estimated_total: str
    vat_line: str
    payment_line: str
    cancellation_line: str
    credit: str
    special_terms: str
    key_terms: tuple[Detail, ...]
    pay_lines: tuple[PayLine, ...]
    clauses: tuple[Clause, ...]
    signatory_name: str
    signatory_role: str
    company_signs_for: str
    crew_signs_for: str


_TAX_LABEL = {
    crew.TaxStatus.PAYE: "PAYE (employed for tax purposes)",
    crew.TaxStatus.SELF_EMPLOYED: "Self-employed (Schedule D)",
    crew.TaxStatus.LOAN_OUT: "Loan-out company",
}


def _long(d: date) -> str:
    return f"{weekday(d)} {long_date(d)}"


def _initials(title: str) -> str:
    words = [w for w in slug(title).split("-") if w]
    return "".join(w[0] for w in words).upper() or "PROD"


def _hours_line(deal: crew.Deal) -> str:
    day = deal.standard_day
    hours = figure(day.hours)
    if day.break_hours:
        return (
            f"{hours} hours' work plus an unpaid {figure(day.break_hours)}-hour meal break "
            f"({day.text})"
        )
    return f"{hours} hours' continuous work with no set meal break ({day.text})"


def _party(member: crew.CrewMember, deal: crew.Deal) -> str:
    if deal.tax_status is crew.TaxStatus.LOAN_OUT:
        return (
            f"{deal.company} (company no. {deal.company_number}), for the services of {member.name}"
        )
    return member.name


def _sixth_lines(c: Costing) -> tuple[str, str]:
    deal, cur = c.deal, c.deal.rate.currency

    def line(which: str, rule: crew.RateRule, pay: int) -> str:
        if rule.none:
            return (
                f"A {which} day worked in a week is paid at the ordinary day's pay "
                f"({money_text(c.day_pay, cur)})."
            )
        how = (
            f" ({figure(rule.multiplier)} × {money_text(c.day_pay, cur)})"
            if rule.multiplier is not None
            else ""
        )
        return (
            f"A {which} day worked in a week (Monday to Sunday) is paid at "
            f"{money_text(pay, cur)}{how}."
        )

    if deal.basis is crew.RateBasis.FEE:
        extra = (
            "The fee covers every day of the engagement; any further day is agreed in writing "
            f"in advance and paid at {money_text(c.sixth_day_pay, cur)}."
        )
        return extra, ""
    sixth = line("6th", deal.sixth_day, c.sixth_day_pay)
    seventh = line("7th", deal.seventh_day, c.seventh_day_pay)
    if deal.basis is crew.RateBasis.WEEKLY:
        if deal.days_per_week >= 6:
            sixth = "The 6th day of your week is covered by your weekly rate."
        if deal.days_per_week >= 7:
            seventh = "The 7th day of your week is covered by your weekly rate."
    return sixth, seventh


def _holiday_text(c: Costing, terms: crew.ContractTerms) -> tuple[str, str]:
    """(method, paragraph) for the holiday clause."""
    deal, cur = c.deal, c.deal.rate.currency
    pay = money_text(c.holiday_pay, cur)
    pct = percent(terms.holiday_rate)
    match deal.holiday:
        case crew.HolidayTreatment.ROLLED_UP:
            return (
                f"Rolled-up at {pct}",
                f"Holiday pay is rolled up: {pct} of your pay is paid with each payment and shown "
                f"as a separate line on your payslip (an estimated {pay} over the engagement). "
                "Leave you take is unpaid, because it has already been paid for. Rolled-up "
                f"holiday pay applies because you are {_pattern(deal.work_pattern)} worker and "
                f"your leave year starts on or after {long_date(terms.rolled_up_from)}.",
            )
        case crew.HolidayTreatment.ACCRUED if deal.work_pattern is not crew.WorkPattern.REGULAR:
            return (
                f"Accrued at {pct}",
                f"As {_pattern(deal.work_pattern)} worker you accrue paid holiday at {pct} of the "
                f"hours you work: about {figure(c.leave_days)} days over the engagement. Holiday "
                "is taken at times agreed with the production; holiday not taken by the end "
                f"date is paid in lieu with your final pay (an estimated {pay}).",
            )
        case crew.HolidayTreatment.ACCRUED:
            return (
                "Accrued (5.6 weeks a year, pro rata)",
                f"You are entitled to {figure(terms.leave_weeks)} weeks' paid holiday a year (at "
                f"most {terms.leave_cap_days} days), pro rata to the engagement: about "
                f"{figure(c.leave_days)} days. Holiday is taken at times agreed with the "
                "production; holiday not taken by the end date is paid in lieu with your "
                f"final pay (an estimated {pay}).",
            )
        case crew.HolidayTreatment.NONE:
            kind = (
                "self-employed" if deal.tax_status is crew.TaxStatus.SELF_EMPLOYED else "loan-out"
            )
            return (
                "None (no statutory holiday pay)",
                f"As a {kind} engagement this carries no statutory holiday pay, and the fees "
                "include none.",
            )
    raise AssertionError(deal.holiday)  # pragma: no cover


def _pattern(pattern: crew.WorkPattern) -> str:
    """``an irregular-hours``, ``a part-year``, ``a regular``."""
    word = pattern.value.replace(" ", "-")
    return f"{'an' if word[0] in 'aeiou' else 'a'} {word}"


def _tax_paragraphs(member: crew.CrewMember, deal: crew.Deal, vat_rate: Decimal) -> tuple[str, ...]:
    match deal.tax_status:
        case crew.TaxStatus.PAYE:
            return (
                "You are engaged on a PAYE basis: the Company deducts income tax and National "
                "Insurance from your pay through its payroll and pays employer's National "
                "Insurance. You are entitled to paid holiday and, if you are eligible, to be "
                "enrolled in the Company's workplace pension scheme.",
                "Before your first day please give the production office your P45 or a starter "
                "checklist, your National Insurance number, your bank details and evidence of "
                "your right to work in the UK.",
            )
        case crew.TaxStatus.SELF_EMPLOYED:
            basis = f" ({deal.status_check})" if deal.status_check else ""
            vat = (
                f" You are registered for VAT ({deal.vat_number}): add VAT at {percent(vat_rate)} "
                "to your invoices."
                if deal.vat_number
                else ""
            )
            return (
                "You are engaged on a self-employed basis (Schedule D), on the footing that your "
                "role is one HMRC normally treats as self-employed in film and television "
                f"(Employment Status Manual ESM4118) and that you meet its conditions{basis}.",
                "You invoice the Company and are paid gross: you are responsible for your own "
                "income tax and National Insurance, and the Company gives no holiday pay, sick "
                "pay or pension enrolment. If HMRC decides that you are employed for tax, the "
                f"Company will deduct tax and National Insurance as the law requires.{vat}",
            )
        case crew.TaxStatus.LOAN_OUT:
            ir35 = deal.status_check or "to be recorded before work starts"
            vat = (
                f" {deal.company} is registered for VAT ({deal.vat_number}) and adds VAT at "
                f"{percent(vat_rate)} to its invoices."
                if deal.vat_number
                else " It is not registered for VAT, so its invoices carry no VAT."
            )
            return (
                f"{member.name}'s services are provided through {deal.company} (company no. "
                f"{deal.company_number}), which is the party to this contract, invoices the "
                "Company and is paid against its invoices." + vat,
                f"{deal.company} is responsible for its own taxes and for the tax and National "
                f"Insurance of {member.name}. Off-payroll working rules (IR35): {ir35}. If the "
                "engagement falls inside those rules, the Company will deduct tax and National "
                "Insurance from the fees as the law requires.",
            )
    raise AssertionError(deal.tax_status)  # pragma: no cover


def _signatory(production: Production, terms: crew.ContractTerms) -> Person | None:
    people = production.people
    if terms.signatory:
        for p in people:
            if person_key(p.name) == person_key(terms.signatory) or (
                p.role.casefold() == terms.signatory.casefold()
            ):
                return p
        return Person(terms.signatory)
    for role in ("producer", "line producer", "production manager"):
        found = production.person(role)
        if found is not None:
            return found
    return production.office[0] if production.office else None


def _base_how(c: Costing) -> str:
    """How the overtime base hourly rate comes from the rate: ``the daily rate ÷ 10 hours``."""
    deal = c.deal
    hours = figure(deal.standard_day.hours)
    match deal.basis:
        case crew.RateBasis.DAILY:
            return f"the daily rate ÷ {hours} hours"
        case crew.RateBasis.HOURLY:
            return "your hourly rate"
        case crew.RateBasis.WEEKLY:
            return f"the weekly rate ÷ ({figure(deal.days_per_week)} days × {hours} hours)"
        case crew.RateBasis.FEE:
            return f"the fee ÷ {days_text(c.days.count)} ÷ {hours} hours"
    raise AssertionError(deal.basis)  # pragma: no cover


def _overtime_line(c: Costing) -> str:
    a, cur = c.deal.agreement, c.deal.rate.currency
    if c.overtime_hourly is None:
        return "No overtime is paid: your rate covers every hour worked on a working day."
    unit = f", in units of {a.overtime_unit_minutes} minutes" if a.overtime_unit_minutes else ""
    return (
        f"Overtime is paid at {money_text(c.overtime_hourly, cur)} an hour "
        f"({c.overtime_note}){unit}. "
        "Overtime is worked only when the producer or production manager asks for it."
    )


def _night_line(deal: crew.Deal, terms: crew.ContractTerms) -> str:
    a = deal.agreement
    if terms.night_work:
        return terms.night_work
    if a.night_from:
        return f"Work after {a.night_from} is night work, paid as the {a.name} provides."
    return "Night work is by agreement with the production in advance."


def _kit_line(c: Costing, terms: crew.ContractTerms) -> str:
    deal, cur = c.deal, c.deal.rate.currency
    if c.kit is None or deal.kit_rate is None:
        return ""
    per_kit = {
        crew.KitBasis.DAY: "a day",
        crew.KitBasis.WEEK: "a week",
        crew.KitBasis.ENGAGEMENT: "for the engagement",
    }[deal.kit_basis]
    kit_line = (
        f"Kit rental of {money_text(deal.kit_rate.minor, cur)} {per_kit} for the kit listed "
        f"below (an estimated {money_text(c.kit_total, cur)}), paid against an invoice or "
        "with your fees."
    )
    if terms.kit_insurance:
        kit_line += f" {terms.kit_insurance}"
    return kit_line


def _expenses(c: Costing, terms: crew.ContractTerms) -> tuple[str, tuple[str, ...]]:
    """(the mileage line, every expenses paragraph: per diems, mileage, other expenses)."""
    deal, cur = c.deal, c.deal.rate.currency
    mileage = deal.mileage or terms.mileage
    mileage_line = (
        f"Mileage on the production's business (not your journey to and from the place of "
        f"work) is paid at {_pence_word(mileage)} a mile against a mileage log."
    )
    expenses: list[str] = []
    if c.per_diems is not None and deal.per_diem is not None:
        pd_days = deal.per_diem_days if deal.per_diem_days is not None else c.days.count
        expenses.append(
            f"A per diem of {money_text(deal.per_diem.minor, cur)} a day for "
            f"{days_text(pd_days)} ({money_text(c.per_diem_total, cur)})."
        )
    expenses.append(mileage_line)
    expenses.append(
        "Other expenses are paid only when the production office agrees them in advance, "
        "against receipts."
    )
    return mileage_line, tuple(expenses)


def _payment(c: Costing, terms: crew.ContractTerms) -> tuple[str, str]:
    """(how the crew member is paid, the VAT line or "")."""
    invoice = c.deal.tax_status is not crew.TaxStatus.PAYE
    if terms.payment:
        payment = terms.payment
    elif invoice:
        payment = (
            "Invoice the Company weekly, or at the end of the engagement, with your timesheet; "
            "invoices are paid within 30 days of receipt."
        )
    else:
        payment = (
            "You are paid weekly in arrears through the Company's payroll, against your timesheet."
        )
    if invoice:
        payment += (
            " The Late Payment of Commercial Debts (Interest) Act 1998 applies to late payment."
        )
    vat_line = (
        f"VAT at {percent(terms.vat_rate)} on fees and kit: "
        f"{money_text(c.vat, c.deal.rate.currency)} (added to invoices)"
        if c.vat
        else ""
    )
    return payment, vat_line


def _bank_note(c: Costing, terms: crew.ContractTerms) -> str:
    bank = c.days.bank_holidays
    if not bank:
        return ""
    listed = "; ".join(f"{_long(d)} ({name})" for d, name in bank)
    if not terms.bank_holidays_worked:
        return (
            f"Bank holidays in your working pattern are not working days and are not paid: "
            f"{listed}."
        )
    return f"Bank holidays in your working pattern are working days: {listed}."


def _agreement_note(deal: crew.Deal, terms: crew.ContractTerms) -> str:
    a = deal.agreement
    if a.key == "none":
        return ""
    if a.known:
        note = f"This engagement is on the terms of the {a.name}"
        note += f" ({a.scope})." if a.scope else "."
    else:
        note = f"This engagement is on the terms of the {a.name}."
    if terms.budget_band:
        note += f" Budget band: {terms.budget_band}."
    return note


def _key_terms(c: Costing, w: ContractContext) -> tuple[Detail, ...]:
    """The deal memo box, from the contract's own wording."""
    member, deal, cur = c.member, c.deal, c.deal.rate.currency
    key_terms = [
        Detail("Role", member.role + (f" ({member.department})" if member.department else "")),
        Detail("Engaged", _party(member, deal)),
        Detail("Dates", f"{_long(deal.start)} to {_long(deal.end)}"),
        Detail("Working week", w.working_week),
        Detail("Working days", w.working_days),
        Detail("Place of work", w.place_of_work),
        Detail("Standard day", _hours_line(deal)),
        Detail("Rate", w.rate_line),
        Detail("Overtime base rate", f"{w.hourly_rate} an hour"),
        Detail(
            "Overtime",
            f"{money_text(c.overtime_hourly, cur)} an hour"
            if c.overtime_hourly is not None
            else "None",
        ),
        Detail("Holiday", w.holiday_method),
        Detail("Tax status", _TAX_LABEL[deal.tax_status]),
    ]
    if c.kit is not None:
        key_terms.append(Detail("Kit rental", f"{money_text(c.kit_total, cur)} estimated"))
    if deal.agreement.key != "none":
        key_terms.append(Detail("Agreement", deal.agreement.name))
    return tuple(key_terms)


# Clauses whose words do not depend on the deal.
_RIGHTS = (
    "You assign to the Company, with full title guarantee, all copyright and other "
    "rights in everything you create or contribute in the course of this engagement, "
    "throughout the world and for the full period of those rights (Copyright, "
    "Designs and Patents Act 1988), and you waive your moral rights in it as far as "
    "the law allows. You consent to the use of your name, likeness and biography "
    "in connection with the production and its promotion."
)
_CONFIDENTIALITY = (
    "You will keep the script, schedules, call sheets, locations, cast and every "
    "other detail of the production confidential, and will not post about the "
    "production on social media, until the Company makes the information public."
)
_CONDUCT = (
    "You will follow the production's health and safety rules and risk assessments "
    "and its policy on bullying and harassment, and report any concern to the "
    "producer or production manager."
)


def _clauses(c: Costing, terms: crew.ContractTerms, w: ContractContext) -> tuple[Clause, ...]:
    """The numbered clauses, in order, from the contract's own wording; kit rental and
    special terms only when there are any."""
    member, deal, company = c.member, c.deal, w.company_name
    sixth_block = tuple(p for p in (w.sixth_day_line, w.seventh_day_line, w.night_work_line) if p)
    clauses_spec: list[tuple[str, tuple[str, ...]]] = [
        (
            "The engagement",
            (
                f"{company or 'The Company'} (the Company) engages {_party(member, deal)} "
                f"as {member.role}"
                + (f" in the {member.department} department" if member.department else "")
                + f" on {w.production_title}, from {_long(deal.start)} to {_long(deal.end)}.",
                f"Place of work: {w.place_of_work}.",
                *([w.agreement_note] if w.agreement_note else []),
            ),
        ),
        (
            "Rate, hours and working days",
            (
                f"Your rate is {w.rate_line}. It covers a standard working day of "
                f"{_hours_line(deal)}, {w.working_week}.",
                f"Your overtime base hourly rate is {w.hourly_rate_line.split(' (')[0]} "
                f"({_base_how(c)}).",
                f"The engagement has {w.working_days} of work. {w.bank_holidays_note}".strip(),
                *_wtr(deal),
            ),
        ),
        ("Overtime, 6th and 7th days and night work", (w.overtime_line, *sixth_block)),
        ("Holiday", (w.holiday_line,)),
    ]
    if c.kit is not None:
        kit_paras = [w.kit_line]
        if deal.kit_items:
            kit_paras.append(f"Kit: {deal.kit_items}.")
        clauses_spec.append(("Kit rental", tuple(kit_paras)))
    clauses_spec += [
        ("Expenses", _expenses(c, terms)[1]),
        ("Tax status", _tax_paragraphs(member, deal, terms.vat_rate)),
        ("Payment", (w.payment_line, *([w.vat_line + "."] if w.vat_line else []))),
        ("Credit", (w.credit,)),
        ("Rights", (_RIGHTS,)),
        ("Confidentiality", (_CONFIDENTIALITY,)),
        (
            "Data protection",
            (
                f"{company or 'The Company'} holds your personal data (contact, bank and tax "
                "details, and the contents of this contract) to engage and pay you, for "
                "production paperwork such as call sheets, and to meet its legal obligations, "
                "under the UK GDPR and the Data Protection Act 2018. It keeps the data no longer "
                "than it needs to for those purposes and the law requires, shares it only with "
                "its payroll, accountants, insurers and the commissioner as needed, and will "
                "show you what it holds on request.",
            ),
        ),
        ("Health, safety and conduct", (_CONDUCT,)),
        ("Cancellation", (w.cancellation_line,)),
    ]
    if deal.notes:
        clauses_spec.append(("Special terms", (deal.notes,)))
    clauses_spec.append(
        (
            "The agreement",
            (
                "This contract (with the agreement named above, where there is one) is the whole "
                "agreement between the parties about the engagement; changes must be in writing "
                f"and signed by both. It is governed by the law of {terms.governing_law}.",
            ),
        )
    )
    return tuple(
        Clause(str(i), title, paras) for i, (title, paras) in enumerate(clauses_spec, start=1)
    )


def contract_context(
    c: Costing,
    production: Production,
    terms: crew.ContractTerms,
    today: date,
    signatory: Person | None,
) -> ContractContext:
    """The display-ready context of one contract: its fields, then its terms box and clauses
    worded from them."""
    member, deal = c.member, c.deal
    cur = deal.rate.currency
    top = production_heading(
        production,
        f"Crew contract: {member.name}, {member.role}",
        ("Private and confidential", production.title),
        after_company=(letterhead(production).registration_line,),
    )
    head = top["letterhead"]
    a = deal.agreement
    basis_word, per = BASIS_WORD[deal.basis]
    rate = money_text(deal.rate.minor, cur)
    hourly_rate = money_text(c.hourly_base, cur)
    sixth_line, seventh_line = _sixth_lines(c)
    holiday_method, holiday_line = _holiday_text(c, terms)
    mileage_line, expenses = _expenses(c, terms)
    payment, vat_line = _payment(c, terms)
    loan_out = deal.tax_status is crew.TaxStatus.LOAN_OUT
    context = ContractContext(
        **top,
        reference=f"{_initials(production.title)}/CREW/{slug(member.name).upper()}",
        date=long_date(today),
        company_name=head.company,
        agreement=a.name if a.key != "none" else "",
        agreement_note=_agreement_note(deal, terms),
        crew_name=member.name,
        crew_address=member.address,
        crew_address_line=", ".join(member.address),
        crew_email=member.email,
        crew_phone=member.phone,
        role=member.role,
        department=member.department,
        engaged_party=_party(member, deal),
        tax_status=_TAX_LABEL[deal.tax_status],
        loan_out_company=deal.company if loan_out else "",
        loan_out_company_number=deal.company_number if loan_out else "",
        loan_out_vat_number=deal.vat_number if loan_out else "",
        status_check=deal.status_check,
        start_date=_long(deal.start),
        end_date=_long(deal.end),
        start_date_short=short_date(deal.start),
        end_date_short=short_date(deal.end),
        working_week=week_pattern(deal.days_per_week),
        working_days=days_text(c.days.count),
        bank_holidays_note=_bank_note(c, terms),
        place_of_work=deal.place_of_work or "as the production office directs",
        standard_day=deal.standard_day.text,
        hours_line=_hours_line(deal),
        currency=cur,
        rate=rate,
        rate_basis=basis_word,
        rate_line=f"{rate} {per}",
        day_rate=money_text(c.day_pay, cur),
        hourly_rate=hourly_rate,
        hourly_rate_line=f"{hourly_rate} an hour ({_base_how(c)}): the base for overtime",
        overtime_line=_overtime_line(c),
        sixth_day_line=sixth_line,
        seventh_day_line=seventh_line,
        night_work_line=_night_line(deal, terms),
        holiday_method=holiday_method,
        holiday_line=holiday_line,
        holiday_pay=money_text(c.holiday_pay, cur),
        kit_line=_kit_line(c, terms),
        kit_items=deal.kit_items,
        kit_total=money_text(c.kit_total, cur),
        expenses_line=" ".join(expenses),
        per_diems_total=money_text(c.per_diem_total, cur),
        mileage_line=mileage_line,
        fees_total=money_text(c.fees, cur),
        estimated_total=money_text(c.total, cur),
        vat_line=vat_line,
        payment_line=payment,
        cancellation_line=terms.cancellation
        or (
            "Either party may end this engagement before the end date by written notice. Days "
            "worked, and kit supplied, up to the date it ends are paid."
        ),
        credit=(
            f"Subject to the commissioner's credit policy, you will be credited as: "
            f"“{deal.credit}”."
            if deal.credit
            else "Any on-screen credit is at the Company's discretion."
        ),
        special_terms=deal.notes,
        key_terms=(),
        pay_lines=tuple(PayLine(ln.label, ln.working, money_text(ln.pence, cur)) for ln in c.lines),
        clauses=(),
        signatory_name=signatory.name if signatory else "",
        signatory_role=signatory.role if signatory else "",
        company_signs_for=f"For and on behalf of {head.company}" if head.company else "",
        crew_signs_for=f"For and on behalf of {deal.company}" if loan_out else "",
    )
    return replace(context, key_terms=_key_terms(c, context), clauses=_clauses(c, terms, context))


def _pence_word(m: Money) -> str:
    """``45p`` under a pound, else ``£1.20``."""
    if m.currency == "GBP" and m.minor < 100:
        return f"{m.minor}p"
    return money(m)


def _wtr(deal: crew.Deal) -> tuple[str, ...]:
    """The Working Time Regulations' 48-hour limit, when a PAYE week's hours exceed it."""
    weekly = deal.standard_day.hours * deal.days_per_week
    if deal.tax_status is not crew.TaxStatus.PAYE or weekly <= 48:
        return ()
    return (
        f"Your contracted hours ({figure(weekly)} a week) are more than the 48-hour average of "
        "the Working Time Regulations 1998. Working more is your choice: an opt-out is "
        "separate from this contract, voluntary and in writing, and you may withdraw it by "
        "giving notice.",
    )


def _select(
    members: Sequence[crew.CrewMember], people: Sequence[str], diagnostics: Diagnostics
) -> list[crew.CrewMember]:
    """The crew named in ``people`` (by name, any case and spacing, or by file-name slug)."""
    if not people:
        return list(members)
    by_key = {person_key(m.name): m for m in members}
    by_slug = {slug(m.name): m for m in members}
    chosen: dict[str, crew.CrewMember] = {}
    for wanted in people:
        member = by_key.get(person_key(wanted)) or by_slug.get(slug(wanted))
        if member is None:
            close = difflib.get_close_matches(wanted, [m.name for m in members], n=3, cutoff=0.6)
            hint = f" (did you mean {', '.join(map(repr, close))}?)" if close else ""
            diagnostics.error("unknown-person", f"no one called {wanted!r} in the crew table{hint}")
            continue
        chosen[person_key(member.name)] = member
    return [m for m in members if person_key(m.name) in chosen]


# --- Build ----------------------------------------------------------------------------------


def _check_schedule(
    job: BuildJob, selected: Sequence[crew.CrewMember], terms: crew.ContractTerms
) -> None:
    """Every day the schedule calls a crew member must fall inside their contract."""
    wanted = {m.name for m in selected}
    called: dict[str, list[date]] = {}
    for day in job.plan().days:
        for member, _ in day.crew:
            if member.name in wanted:
                called.setdefault(member.name, []).append(day.day.date)
    check_calls(selected, called, terms, job.diagnostics, job.production.manifest)


def build(job: BuildJob) -> tuple[BuiltDocument, ...]:
    """One contract per selected crew member with a deal, and (for the whole crew) the summary."""
    production, today, diagnostics = job.production, job.today, job.diagnostics
    terms = production.terms
    if terms is None:
        diagnostics.error(
            "terms-missing",
            "crew contracts need the production's standard terms: add a terms: section to "
            "production.yaml (agreement, standard_day, overtime, holiday, cancellation, payment)",
            production.manifest,
        )
        return ()
    selected = _select(production.crew, job.options.people, diagnostics)
    if production.shoot_days:
        _check_schedule(job, selected, terms)
    check_travel(selected, production.travel, terms, diagnostics)
    costings: list[Costing] = []
    for member in selected:
        if member.deal is None:
            diagnostics.info(
                "no-deal",
                f"{member.name} has no start, end, rate or tax status: no contract written",
                member.pos,
            )
            continue
        c = cost(member, terms)
        if check_costing(c, today, diagnostics):
            costings.append(c)
    if not costings:
        return ()

    signatory = _signatory(production, terms)
    if signatory is None:
        diagnostics.warning(
            "no-signatory",
            "no signatory for the contracts: name one under terms: signatory, or add a Producer "
            "to people:",
            terms.pos,
        )
    docs: list[BuiltDocument] = []
    stems: set[str] = set()
    for c in costings:
        stem = unique_stem(f"contract_{slug(c.member.name)}", today.isoformat(), stems)
        context = contract_context(c, production, terms, today, signatory)
        docs.append(
            KIND.document(
                context,
                stem=stem,
                title=f"{c.member.name}: {c.member.role}",
                formats=("docx", "pdf"),
            )
        )
    if not job.options.people:
        docs.append(
            KIND.dated_document(
                job,
                summary_context(costings, production, today),
                name="crew-summary",
                title=f"Crew cost summary: {production.title}",
                sheets=summary_sheets(costings, production.currency),
            )
        )
    return tuple(docs)


KIND = DocumentKind(
    name=NAME,
    contexts={"crew_contract": ContractContext, "crew_summary": SummaryContext},
    inputs=("crew",),
    uses=(SHOOT_PLAN,),  # the days the schedule calls each crew member
    formats=("pdf", "docx", "xlsx", "csv"),  # the summary's; a contract is docx and pdf
    build=build,
)
