"""Raw YAML narrowed to the shapes a reader expects, for paperwork's bundled reference data
(``paperwork/data/*.yaml``).

A user's ``production.yaml`` is narrowed by :class:`~paperwork.readers.manifest.Manifest`,
which reports each problem at its line. The bundled data ships with paperwork and is tested:
a wrong shape there is a bug in paperwork, so these raise ``TypeError`` naming the place.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal


def table(value: object, where: str) -> Mapping[str, object]:
    """A mapping (``{}`` for an empty YAML value), its keys as text."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise TypeError(f"{where} must be a mapping, not {type(value).__name__}")
    return {str(k): v for k, v in value.items()}


def items(value: object, where: str) -> list[object]:
    """A list (``[]`` for an empty YAML value)."""
    if value is None:
        return []
    if not isinstance(value, list):
        raise TypeError(f"{where} must be a list, not {type(value).__name__}")
    return value


def texts(value: object, where: str) -> tuple[str, ...]:
    """A list of text (``()`` for an empty YAML value)."""
    return tuple(str(v) for v in items(value, where))


def whole(value: object, where: str) -> int:
    """A whole number (written as a number, or as digits where the data keeps all text)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value)
    raise TypeError(f"{where} must be a whole number, not {value!r}")


def number(value: object, where: str) -> Decimal:
    """A number as an exact Decimal (``0.1`` stays one tenth)."""
    if isinstance(value, int | float | str) and not isinstance(value, bool):
        return Decimal(str(value))
    raise TypeError(f"{where} must be a number, not {value!r}")


def day(value: object, where: str) -> date:
    """A YAML date (``2026-04-06``)."""
    if isinstance(value, date):
        return value
    raise TypeError(f"{where} must be a date, not {value!r}")


def text(value: object, default: str = "") -> str:
    """Text, or ``default`` for an empty YAML value."""
    return default if value is None else str(value)
