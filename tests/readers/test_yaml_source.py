"""production.yaml's loader: plain values only, dates as text, every refusal located."""

from __future__ import annotations

import pytest

from paperwork.errors import Diagnostics
from paperwork.model.source import Pos
from paperwork.readers.yaml_source import MAX_DEPTH, load_yaml


def load(text: str) -> tuple[object, list[tuple[str, str]]]:
    d = Diagnostics()
    data = load_yaml(text, "production.yaml", d)
    return data, [(x.code, str(x.pos)) for x in d]


def test_dates_and_timestamps_stay_text() -> None:
    """The readers parse dates themselves, with the line; PyYAML never builds one."""
    data, found = load(
        "tx: 2027-07-02\nbad: 2027-02-30\nzero: 0000-00-00\nwhen: 2027-01-01T25:00\n"
    )
    assert data == {
        "tx": "2027-07-02",
        "bad": "2027-02-30",
        "zero": "0000-00-00",
        "when": "2027-01-01T25:00",
    }
    assert found == []


def test_numbers_and_booleans_are_still_numbers_and_booleans() -> None:
    data, found = load("a: 18500\nb: 0.45\nc: yes\nd: ~\ne: 'text'\n")
    assert data == {"a": 18500, "b": 0.45, "c": True, "d": None, "e": "text"}
    assert found == []


def test_an_integer_too_long_for_python_stays_text() -> None:
    data, found = load("budget: " + "1" * 5000 + "\n")
    assert data == {"budget": "1" * 5000} and found == []


def test_aliases_are_refused_where_first_used() -> None:
    data, found = load("a: &x [1, 2]\nb: [*x, *x]\n")
    assert data is None
    assert found == [("yaml-alias", "production.yaml:2:5")]


def test_merge_keys_are_refused() -> None:
    data, found = load("a:\n  <<: {b: 1}\n")
    assert data is None and found == [("yaml-alias", "production.yaml:2:3")]


def test_nesting_deeper_than_the_limit_is_refused() -> None:
    ok, found = load("x: " + "[" * (MAX_DEPTH - 2) + "]" * (MAX_DEPTH - 2) + "\n")
    assert ok is not None and found == []
    data, found = load("x: " + "[" * 1000 + "]" * 1000 + "\n")
    assert data is None and [c for c, _ in found] == ["yaml-too-deep"]


def test_a_duplicate_key_is_an_error_naming_both_lines_and_the_first_value_kept() -> None:
    d = Diagnostics()
    data = load_yaml("title: One\npaper: a4\ntitle: Two\n", "production.yaml", d)
    assert data == {"title": "One", "paper": "a4"}
    assert [(x.code, x.pos) for x in d] == [("duplicate-key", Pos("production.yaml", 3))]
    assert "lines 1 and 3" in d.items[0].message


def test_duplicate_keys_are_found_in_nested_mappings_too() -> None:
    _, found = load("company:\n  name: A\n  name: B\n")
    assert found == [("duplicate-key", "production.yaml:3")]


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("title: !!binary aGVsbG8=\n", "production.yaml:1:8"),
        ("title: !!set {a, b}\n", "production.yaml:1:8"),
        ("title: !!omap [a: 1]\n", "production.yaml:1:8"),
        ("tx: !!timestamp 2027-07-02\n", "production.yaml:1:5"),
        ("title: !custom x\n", "production.yaml:1:8"),
        ("title: !!python/object/apply:os.system [ls]\n", "production.yaml:1:8"),
    ],
)
def test_non_plain_types_are_refused(text: str, where: str) -> None:
    data, found = load(text)
    assert data is None and found == [("yaml-type", where)]


def test_control_characters_are_removed_and_a_vertical_tab_is_a_line_break() -> None:
    """Raw C0/C1 characters (which PyYAML refuses) and escaped ones are cleaned, warned."""
    data, found = load('title: The\x00 Salt\x0bRoad\nnote: "a\\x01b\\vc"\nok: fine\n')
    assert data == {"title": "The Salt\nRoad", "note": "ab\nc", "ok": "fine"}
    assert found == [
        ("control-character", "production.yaml:1:11"),
        ("control-character", "production.yaml:2:7"),
    ]


def test_a_syntax_error_is_still_located() -> None:
    data, found = load("title: [unclosed\npaper: a4\n")
    assert data is None and [c for c, _ in found] == ["yaml-syntax"]
