"""vCard text (version 3.0, RFC 2426, escaped and folded as RFC 6350 says) for a crew list.

Version 3.0 because it is the version every phone imports (iOS Contacts, Android's Contacts,
Outlook and Gmail); 4.0 files are refused by some of them. Pure text, no dependency: lines
end in CRLF and are folded at 75 octets (never inside a UTF-8 character), TEXT values escape
backslashes, semicolons, commas and newlines, and the components of N and ORG are escaped
one by one so that a name holding a comma or a semicolon stays one component. Nothing here
reads the clock; the same cards give the same bytes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from paperwork.calendar import escape_text, fold

VERSION = "3.0"


@dataclass(frozen=True, slots=True)
class VCard:
    """One person's card. ``family`` and ``given`` make N; ``organisation`` and ``unit``
    make ORG (the production company and the department)."""

    uid: str
    full_name: str
    family: str
    given: str
    organisation: str = ""
    unit: str = ""
    title: str = ""
    mobile: str = ""  # TEL;TYPE=CELL
    work_phone: str = ""  # TEL;TYPE=WORK (the production office, for one who shares only that)
    email: str = ""
    note: str = ""
    categories: tuple[str, ...] = ()
    company_card: bool = False  # an office, not a person: phones file it under ORG


def split_name(name: str) -> tuple[str, str]:
    """(family, given) of a name as a crew table writes it: ``Ciarán O'Neill`` ->
    ``("O'Neill", "Ciarán")``; ``O'Neill, Ciarán`` (family first, comma) the same; a single
    word is the given name."""
    name = " ".join(name.split())
    if "," in name:
        family, _, given = name.partition(",")
        return family.strip(), given.strip()
    given, _, family = name.rpartition(" ")
    if not given:
        return "", family
    return family, given


_SPACES = re.compile(r"[\s().-]+")


def phone_uri(number: str) -> str:
    """A phone number for a phone's address book: a UK national number in international form
    (``07700 900101`` -> ``+44 7700 900101``), so that it still dials from France or Spain;
    a number that already has a ``+`` or ``00`` stays as written."""
    text = " ".join(number.split())
    digits = _SPACES.sub("", text)
    if digits.startswith("0") and not digits.startswith("00") and digits[1:].isdigit():
        return "+44 " + text[1:].lstrip() if text.startswith("0") else text
    return text


def _component(*parts: str) -> str:
    return ";".join(escape_text(p) for p in parts)


def _optional(c: VCard) -> tuple[tuple[str, str], ...]:
    """The card's optional properties in the order they are written, each value escaped
    (``""``: the card has none, and the property is left out)."""
    return (
        ("TITLE", escape_text(c.title)),
        ("TEL;TYPE=CELL", escape_text(phone_uri(c.mobile))),
        ("TEL;TYPE=WORK", escape_text(phone_uri(c.work_phone))),
        ("EMAIL;TYPE=INTERNET", escape_text(c.email)),
        ("CATEGORIES", ",".join(escape_text(x) for x in c.categories)),
        ("NOTE", escape_text(c.note)),
    )


def write_vcards(cards: Sequence[VCard]) -> str:
    """The cards as one ``.vcf`` text, in the order given, CRLF line ends."""
    lines: list[str] = []
    for c in cards:
        lines += [
            "BEGIN:VCARD",
            f"VERSION:{VERSION}",
            f"UID:{escape_text(c.uid)}",
            f"FN:{escape_text(c.full_name)}",
            f"N:{_component(c.family, c.given, '', '', '')}",
        ]
        if c.organisation or c.unit:
            lines.append(
                f"ORG:{_component(c.organisation, c.unit) if c.unit else _component(c.organisation)}"
            )
        if c.company_card:
            lines.append("X-ABSHOWAS:COMPANY")
        lines += [f"{name}:{value}" for name, value in _optional(c) if value]
        lines.append("END:VCARD")
    return "".join(fold(line) + "\r\n" for line in lines)
