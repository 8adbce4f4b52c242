"""When two spellings name the same thing: one key for people, one for ids and scene numbers.

Every table, check and builder that asks "is this the same person?" compares
:func:`person_key`; every one that asks "is this the same scene, cast id, location id, set or
character?" compares :func:`label_key`. Neither drops accents or letters: ``José`` and
``Jose`` stay two people, ``Mary-Jane`` and ``Mary Jane`` two spellings.
"""

from __future__ import annotations

import unicodedata

# What a word processor or a phone types for an apostrophe or a hyphen inside a name
# (O’Neill, Smith‐Jones with a Unicode or non-breaking hyphen), mapped to the plain one.
_TYPOGRAPHIC = str.maketrans(
    {
        "\u2018": "'",  # left single quotation mark
        "\u2019": "'",  # right single quotation mark: Word's apostrophe
        "\u02bc": "'",  # modifier letter apostrophe
        "\u2032": "'",  # prime
        "\u2010": "-",  # hyphen
        "\u2011": "-",  # non-breaking hyphen
        "\u2012": "-",  # figure dash
        "\u2013": "-",  # en dash
    }
)


def person_key(name: str) -> str:
    """A person's name compared loosely: case, spacing, Unicode forms, curly apostrophes and
    typographic hyphens ignored: ``" jo  O’Neill‐Smith"`` -> ``"jo o'neill-smith"``; and a
    payroll's "surname, first names" turned round: ``"O'Neill-Smith, Jo"`` -> the same key."""
    folded = unicodedata.normalize("NFKC", name.translate(_TYPOGRAPHIC))
    key = " ".join(folded.split()).casefold()
    surname, comma, first = key.partition(",")
    if comma and surname.strip() and first.strip() and "," not in first:
        return f"{first.strip()} {surname.strip()}"
    return key


def label_key(text: str) -> str:
    """A scene number, an id, a set or a character name compared loosely: ``" 12a "`` ->
    ``"12A"`` (Unicode forms and spacing ignored, upper case, as a script prints them)."""
    folded = unicodedata.normalize("NFKC", text)
    return " ".join(folded.split()).upper()
