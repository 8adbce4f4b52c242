"""What every document's context shares: the letterhead, labelled lines, contacts, headed
groups of rows, natural sorting.

The base of every context, :class:`~paperwork.model.document.ContextMapping`, lives in the
model, next to :class:`~paperwork.model.document.BuiltDocument` that carries it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypedDict, TypeVar

from paperwork.format import natural_key as natural_key  # the builders import it from here
from paperwork.model.document import ContextMapping
from paperwork.model.production import Production


@dataclass(frozen=True, slots=True)
class Detail:
    """A labelled line: ``Territory: World``."""

    label: str
    value: str


Row = TypeVar("Row")


@dataclass(frozen=True, slots=True)
class Group(Generic[Row]):
    """A heading and the rows under it: a department and its crew, a category and its
    deliverables, a breakdown box and its elements (``Group[CrewRow]``)."""

    name: str
    rows: tuple[Row, ...]


@dataclass(frozen=True, slots=True)
class Letterhead:
    """The production company, display-ready for a letterhead or a report header."""

    company: str
    address: tuple[str, ...]
    address_line: str  # the address on one line, for a DOCX header
    phone: str
    email: str
    website: str
    company_number: str
    vat_number: str
    contact_line: str  # "0117 496 0000 · office@… · www…"
    registration_line: str  # "Registered in England and Wales no. 09876543 · VAT no. …"
    # (each "no. <number>" joined by no-break spaces, U+00A0, so that no footer or letterhead
    # splits a company or VAT number across lines, in the PDF or the DOCX)


@dataclass(frozen=True, slots=True)
class Contact:
    """Someone to ring, by role: ``1st Assistant Director · Hannah Price · 07700 900123``."""

    role: str
    name: str
    phone: str


def letterhead(production: Production) -> Letterhead:
    c = production.company
    address = tuple(line for line in c.address if line.strip())
    return Letterhead(
        company=c.name,
        address=address,
        address_line=", ".join(address),
        phone=c.phone,
        email=c.email,
        website=c.website,
        company_number=c.company_number,
        vat_number=c.vat_number,
        contact_line=" · ".join(p for p in (c.phone, c.email, c.website) if p),
        registration_line=_registration(c.company_number, c.vat_number),
    )


@dataclass(frozen=True, slots=True)
class HeadedContext(ContextMapping):
    """The base of a letter's or report's context: what its top and foot show on every page."""

    document_title: str
    letterhead: Letterhead
    logo: str  # an absolute path, or ""; the DOCX renderer swaps in an InlineImage
    footer_note: str  # the running footer: "The Salt Road: day out of days · Tidewater Films"


class Heading(TypedDict):
    """:class:`HeadedContext`'s fields, made by :func:`heading`, passed on as ``**heading``."""

    document_title: str
    letterhead: Letterhead
    logo: str
    footer_note: str


def heading(
    production: Production,
    title: str,
    footer: Sequence[str],
    *,
    after_company: Sequence[str] = (),
) -> Heading:
    """A document's title, letterhead, logo and running footer: the ``footer`` parts, the
    company, then ``after_company``, the empty ones left out, joined by `` · ``."""
    head = letterhead(production)
    return Heading(
        document_title=title,
        letterhead=head,
        logo=logo_path(production),
        footer_note=" · ".join(p for p in (*footer, head.company, *after_company) if p),
    )


@dataclass(frozen=True, slots=True)
class ProductionContext(HeadedContext):
    """A heading that also says which production, of what type, for whom (letters, reports)."""

    production_title: str
    production_type: str  # "Feature film", or ""
    commissioner: str


class ProductionHeading(Heading):
    """:class:`ProductionContext`'s fields, made by :func:`production_heading`."""

    production_title: str
    production_type: str
    commissioner: str


def production_heading(
    production: Production,
    title: str,
    footer: Sequence[str],
    *,
    after_company: Sequence[str] = (),
    commissioner: str = "",
) -> ProductionHeading:
    """:func:`heading`, and the production's title, type and commissioner (``commissioner``,
    when given, instead of the manifest's)."""
    return ProductionHeading(
        **heading(production, title, footer, after_company=after_company),
        production_title=production.title,
        production_type=production.production_type,
        commissioner=commissioner or production.commissioner,
    )


def logo_path(production: Production) -> str:
    """The logo as an absolute path string, or ``""``; renderers turn it into an image."""
    logo = production.company.logo
    if logo is None:
        return ""
    return str(logo if logo.is_absolute() else production.root / logo)


NBSP = "\u00a0"


def unbroken(text: str) -> str:
    """``GB 123 4567 89`` with no-break spaces: a number that never splits across lines."""
    return NBSP.join(text.split())


def _registration(number: str, vat: str) -> str:
    """Companies House prefixes tell the place of registration (SC Scotland, NI N. Ireland).

    ``no.`` and the number, and the parts of a spaced number, are joined by no-break spaces.
    """
    parts = []
    number = number.strip()
    if number:
        prefix = number[:2].upper()
        if prefix in ("SC", "SO", "SL", "SP"):
            place = "Registered in Scotland"
        elif prefix in ("NI", "NC", "R0"):
            place = "Registered in Northern Ireland"
        elif number.isdigit() or prefix in ("OC", "LP"):
            place = "Registered in England and Wales"
        else:
            place = "Registered"
        parts.append(f"{place} no.{NBSP}{unbroken(number)}")
    if vat.strip():
        parts.append(f"VAT{NBSP}no.{NBSP}{unbroken(vat)}")
    return " · ".join(parts)
