"""Page and scene numbers: 12A and 12AA pages, 10A and A11 scenes, retired numbers."""

from __future__ import annotations

import pytest

from paperwork.paginator.numbering import (
    forced_numbers,
    letter_suffix,
    overflow_numbers,
    scene_numbers_between,
)


@pytest.mark.parametrize(
    ("after", "before", "count", "want"),
    [
        ("12", "13", 2, ["12A", "12B"]),
        ("12A", "13", 1, ["12B"]),
        ("12A", "12B", 2, ["12AA", "12AB"]),
        ("15-16", "17", 1, ["16A"]),
        ("12", None, 1, ["12A"]),
        ("12", "12A", 1, None),
    ],
)
def test_overflow_page_numbers(
    after: str, before: str | None, count: int, want: list[str] | None
) -> None:
    """Overflow takes A-numbers after the page, FD's 12AA between A-pages, none if no room."""
    assert overflow_numbers(after, before, count, set()) == want


@pytest.mark.parametrize(
    ("prev", "nxt", "count", "scheme", "want"),
    [
        ("10", "11", 2, "suffix", ["10A", "10B"]),
        ("10A", "11", 1, "suffix", ["10B"]),
        ("10A", "10B", 1, "suffix", ["10AA"]),
        ("10", "10A", 1, "suffix", ["10aA"]),
        ("10", "11", 2, "prefix", ["A11", "B11"]),
        ("A11", "11", 1, "prefix", ["B11"]),
        (None, "1", 1, "suffix", ["A1"]),
        ("30", None, 1, "prefix", ["30A"]),
    ],
)
def test_inserted_scene_numbers(
    prev: str | None, nxt: str | None, count: int, scheme: str, want: list[str]
) -> None:
    """An inserted scene is 10A (or A11); between 10A and 10B it is 10AA; before 1, A1."""
    assert scene_numbers_between(prev, nxt, count, set(), scheme) == want  # type: ignore[arg-type]


def test_retired_numbers_are_never_given_again() -> None:
    """A number in use or retired (an OMITTED scene's) is skipped."""
    assert scene_numbers_between("10", "11", 1, {"10A"}, "suffix") == ["10B"]


@pytest.mark.parametrize(("n", "want"), [(1, "A"), (26, "Z"), (27, "AA"), (52, "AZ"), (703, "AAA")])
def test_letters_count_on_past_z(n: int, want: str) -> None:
    """1 -> A, 26 -> Z, 27 -> AA: the one lettering both scene numbering and pages use."""
    assert letter_suffix(n) == want


def test_forced_numbers_skip_and_take_the_numbers_in_use() -> None:
    """Overflow that cannot be ordered still gets numbers never used: 12B, 12C after 12A."""
    taken = {"12A"}
    assert forced_numbers("11-12", 2, taken) == ["12B", "12C"]
    assert taken == {"12A", "12B", "12C"}
