"""What every document's context shares: the letterhead, labelled lines, natural sorting,
and the context-as-mapping base class that templates (Jinja and docxtpl) read.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import Field, dataclass, fields
from typing import Any, ClassVar

from paperwork.format import natural_key as natural_key  # the builders import it from here
from paperwork.model.production import Production


class ContextMapping(Mapping[str, object]):
    """A frozen dataclass that is also a read-only mapping of its top-level fields.

    Renderers pass ``**context`` to the template, so the template's top-level names are the
    dataclass's field names; nested values stay dataclasses and tuples.
    """

    __slots__ = ()
    _RESERVED = frozenset({"items", "keys", "values", "get"})
    __dataclass_fields__: ClassVar[dict[str, Field[Any]]]  # each subclass is a dataclass

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        clash = cls._RESERVED & set(cls.__dict__.get("__annotations__", {}))
        if clash:  # a field would shadow the mapping's own methods
            raise TypeError(f"{cls.__name__}: field names {sorted(clash)} are reserved")

    def __getitem__(self, key: str) -> object:
        if key in self._names():
            return getattr(self, key)
        raise KeyError(key)

    def __iter__(self) -> Iterator[str]:
        return iter(self._names())

    def __len__(self) -> int:
        return len(self._names())

    def _names(self) -> tuple[str, ...]:
        return tuple(f.name for f in fields(self))


@dataclass(frozen=True, slots=True)
class Detail:
    """A labelled line: ``Territory: World``."""

    label: str
    value: str


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
