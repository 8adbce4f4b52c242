"""The manifest's ``call_sheets:`` section: contacts' roles, safety lines, emergency
numbers, the day count, the crew list's department order."""

from __future__ import annotations

from paperwork.model.call_sheets import (
    CALL_SHEET_CONFIDENTIALITY,
    CALL_SHEET_CONTACTS,
    CALL_SHEET_DEPARTMENTS,
    CallSheetSettings,
)
from paperwork.model.records import Person
from paperwork.model.source import Pos
from paperwork.readers.manifest import Manifest, _str
from paperwork.readers.yaml_source import YamlMap

DEFAULT_CONTACTS = CALL_SHEET_CONTACTS
DEFAULT_CONFIDENTIALITY = CALL_SHEET_CONFIDENTIALITY
_SETTINGS_KEYS = {
    "shoot_days",
    "contacts",
    "issued_by",
    "safety",
    "emergency",
    "reminders",
    "confidentiality",
    "turnaround_hours",
    "departments",
    "sides_layout",
}
SIDES_LAYOUTS = ("full", "half")


def _lines(m: Manifest, mapping: YamlMap, name: str) -> tuple[str, ...]:
    out = []
    for value, pos in m.items(mapping, name):
        if isinstance(value, dict | list):
            m.d.error("manifest-type", f"call_sheets: each of {name} is one line of text", pos)
            continue
        if _str(value):
            out.append(_str(value))
    return tuple(out)


def read_call_sheet_settings(value: object, pos: Pos, m: Manifest) -> CallSheetSettings | None:
    """``call_sheets:``: contacts' roles, safety lines, emergency numbers, the day count, the
    crew list's department order."""
    hint = "shoot_days, contacts, safety, emergency, ..."
    value = m.section(value, pos, "call_sheets", sorted(_SETTINGS_KEYS), hint)
    if value is None:
        return None
    emergency = []
    for item, where in m.items(value, "emergency"):
        if not isinstance(item, dict) or not _str(item.get("phone")):
            m.d.error(
                "manifest-type",
                "call_sheets: each emergency entry needs a name and a phone",
                where,
            )
            continue
        emergency.append(Person(_str(item.get("name")), "", "", _str(item.get("phone"))))
    contacts = _lines(m, value, "contacts") if "contacts" in value else DEFAULT_CONTACTS
    departments: tuple[str, ...] = CALL_SHEET_DEPARTMENTS
    if "departments" in value:
        departments = _lines(m, value, "departments")
        if not departments:
            m.d.warning(
                "empty-departments",
                "call_sheets: departments is empty; the usual order is used",
                m.pos(value, "departments"),
            )
            departments = CALL_SHEET_DEPARTMENTS
    sides_layout = m.text(value, "sides_layout").strip().lower()
    if sides_layout and sides_layout not in SIDES_LAYOUTS:
        m.d.error(
            "manifest-type",
            f"call_sheets: sides_layout is full or half (got {sides_layout!r})",
            m.pos(value, "sides_layout"),
        )
        sides_layout = ""
    return CallSheetSettings(
        pos=pos,
        sides_layout=sides_layout,
        shoot_days=m.whole(value, "shoot_days", 1, 1000, where="call_sheets: "),
        contacts=contacts,
        issued_by=m.text(value, "issued_by"),
        safety=_lines(m, value, "safety"),
        emergency=tuple(emergency),
        reminders=_lines(m, value, "reminders"),
        confidentiality=m.text(value, "confidentiality") or DEFAULT_CONFIDENTIALITY,
        turnaround_hours=m.whole(value, "turnaround_hours", 1, 24, where="call_sheets: ") or 11,
        departments=departments,
    )
