"""Departments in the usual UK order: the one place the call sheet's crew panel and the crew
list take it from.

The order itself is :data:`paperwork.model.production.CALL_SHEET_DEPARTMENTS` (the manifest's
``call_sheets: departments`` replaces it for both); names are compared loosely, so ``Hair &
Make-up`` and ``hair and make up`` are one department.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence


def department_key(name: str) -> str:
    """A department's name compared loosely: ``Hair & Make-up`` -> ``hair and make up``."""
    folded = unicodedata.normalize("NFKC", name).casefold().replace("&", " and ")
    return " ".join(re.sub(r"[^\w]+", " ", folded).split())


def order_departments(names: Iterable[str], order: Sequence[str]) -> tuple[str, ...]:
    """``names`` in ``order``; those it does not list follow, in the order given."""
    rank: dict[str, int] = {}
    for i, name in enumerate(order):
        rank.setdefault(department_key(name), i)
    given = list(dict.fromkeys(names))
    return tuple(sorted(given, key=lambda n: rank.get(department_key(n), len(order))))
