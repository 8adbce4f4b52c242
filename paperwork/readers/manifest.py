"""Typed, located reads of ``production.yaml`` values for the manifest's section readers."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from functools import partial
from pathlib import Path
from typing import TypeVar

from paperwork.errors import Diagnostics
from paperwork.model.records import Money, Person
from paperwork.model.source import Pos
from paperwork.readers.fields import lines, parse_date, parse_money
from paperwork.readers.tables import Value, cell_value
from paperwork.readers.yaml_source import YamlList, YamlMap, key_pos

T = TypeVar("T")
# a cell parser: (value, label, position, diagnostics) -> the value, or None (reported)
_Parser = Callable[[Value, str, Pos, Diagnostics], T | None]


def _str(value: object) -> str:
    return "" if value is None else str(value).strip()


class Manifest:
    """Typed reads of the manifest's values, each problem located at its key."""

    def __init__(
        self,
        data: YamlMap,
        source: str,
        diagnostics: Diagnostics,
        root: Path,
        currency: str = "GBP",
    ) -> None:
        self.data = data
        self.source = source
        self.d = diagnostics
        self.root = root
        self.currency = currency

    def pos(self, mapping: object, key: str) -> Pos:
        return key_pos(mapping, key, self.source)

    def section(
        self, value: object, pos: Pos, name: str, known: Sequence[str], hint: str
    ) -> YamlMap | None:
        """A manifest section's value: a mapping, each key not in ``known`` warned of (and
        ignored); None, reported at ``pos``, when it is not a mapping (``hint``: its keys)."""
        if not isinstance(value, YamlMap):
            self.d.error("manifest-type", f"{name} must be a mapping ({hint})", pos)
            return None
        self.unknown_keys(value, known, name)
        return value

    def unknown_keys(self, section: Mapping[str, object], known: Sequence[str], where: str) -> None:
        """Warn (``unknown-key``, at the key) of each key of ``section`` not in ``known``."""
        for key in section:
            if key not in known:
                self.unknown_key(section, key, known, where)

    def unknown_key(
        self, section: Mapping[str, object], key: str, known: Sequence[str], where: str
    ) -> None:
        """Warn that ``key`` of the section ``where`` is not one of ``known`` and is ignored."""
        self.d.warning(
            "unknown-key",
            f"unknown key {key!r} in {where} (known: {', '.join(known)}); ignored",
            self.pos(section, key),
        )

    def text(self, mapping: object, key: str, *, required: bool = False, where: str = "") -> str:
        value = mapping.get(key) if isinstance(mapping, dict) else None
        if isinstance(value, dict | list):
            self.d.error(
                "manifest-type",
                f"{where}{key} must be text, not a {type(value).__name__}",
                self.pos(mapping, key),
            )
            return ""
        text = _str(value)
        if required and not text:
            self.d.error("manifest-missing", f"{where}{key} is required", self.pos(mapping, key))
        return text

    def mapping(self, mapping: object, key: str) -> YamlMap:
        value = mapping.get(key) if isinstance(mapping, dict) else None
        if value is None:
            return YamlMap(mapping.line if isinstance(mapping, YamlMap) else 0)
        if not isinstance(value, YamlMap):
            self.d.error(
                "manifest-type",
                f"{key} must be a mapping of 'name: value' lines",
                self.pos(mapping, key),
            )
            return YamlMap()
        return value

    def address(self, mapping: object, key: str) -> tuple[str, ...]:
        value = mapping.get(key) if isinstance(mapping, dict) else None
        if isinstance(value, list):
            return tuple(_str(v) for v in value if _str(v))
        return lines(value)

    def people(self, key: str) -> tuple[Person, ...]:
        value = self.data.get(key)
        if value is None:
            return ()
        if not isinstance(value, YamlList):
            self.d.error(
                "manifest-type",
                f"{key} must be a list of people (name, role, email, phone)",
                self.pos(self.data, key),
            )
            return ()
        out = []
        for item, line in zip(value, value.item_lines, strict=True):
            if not isinstance(item, dict):
                self.d.error(
                    "manifest-type",
                    f"each entry of {key} must have name, role, email, phone",
                    Pos(self.source, line),
                )
                continue
            name = self.text(item, "name", required=True, where=f"{key}: ")
            email = self.text(item, "email")
            if email and "@" not in email:
                self.d.error(
                    "bad-email",
                    f"{key}: email must be an email address (got {email!r})",
                    self.pos(item, "email"),
                )
            out.append(Person(name, self.text(item, "role"), email, self.text(item, "phone")))
        return tuple(out)

    def inside(self, root: Path, value: str, mapping: object, key: str, what: str) -> Path | None:
        """A path named in the manifest, resolved against the folder; it must stay inside."""
        try:
            path = (root / value).resolve()
            path.exists()  # raises for a name the file system cannot hold
        except (OSError, RuntimeError, ValueError):  # too long, a symlink loop, a NUL
            self.d.error(
                "bad-path", f"{what} {value!r} is not a usable file name", self.pos(mapping, key)
            )
            return None
        if not path.is_relative_to(root.resolve()):
            self.d.error(
                "path-outside-production",
                f"{what} must be inside the production folder (got {value!r})",
                self.pos(mapping, key),
            )
            return None
        return path

    def money(
        self, mapping: object, key: str, *, required: bool = False, where: str = ""
    ) -> Money | None:
        """An amount like ``18500`` or ``£18,500.00`` in the production's currency, or None."""
        return self._parsed(
            mapping, key, required, where, partial(parse_money, currency=self.currency)
        )

    def date(
        self, mapping: object, key: str, *, required: bool = False, where: str = ""
    ) -> date | None:
        """A date like ``2026-12-03`` or ``03/12/2026``, or None."""
        return self._parsed(mapping, key, required, where, parse_date)

    def whole(
        self, mapping: object, key: str, low: int, high: int, *, where: str = ""
    ) -> int | None:
        """A whole number from ``low`` to ``high`` as YAML writes one (``12``, not ``"12"``),
        or None."""

        def parse(value: Value, label: str, pos: Pos, d: Diagnostics) -> int | None:
            if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
                d.error(
                    "manifest-type",
                    f"{label} must be a whole number from {low} to {high} (got {_str(value)!r})",
                    pos,
                )
                return None
            return value

        return self._parsed(mapping, key, False, where, parse)

    def _parsed(
        self, mapping: object, key: str, required: bool, where: str, parse: _Parser[T]
    ) -> T | None:
        """The key's value read by ``parse`` (as a cell's, named ``<where><key>``), or None
        when it is missing or blank (an error when ``required``) or does not parse."""
        value = mapping.get(key) if isinstance(mapping, dict) else None
        if value is None or _str(value) == "":
            if required:
                self.d.error(
                    "manifest-missing", f"{where}{key} is required", self.pos(mapping, key)
                )
            return None
        return parse(cell_value(value), f"{where}{key}", self.pos(mapping, key), self.d)

    def items(self, mapping: object, key: str) -> list[tuple[object, Pos]]:
        """A list's entries with the position of each; a non-list is reported."""
        value = mapping.get(key) if isinstance(mapping, dict) else None
        if value is None:
            return []
        if not isinstance(value, YamlList):
            self.d.error("manifest-type", f"{key} must be a list", self.pos(mapping, key))
            return []
        return [
            (v, Pos(self.source, line)) for v, line in zip(value, value.item_lines, strict=True)
        ]
