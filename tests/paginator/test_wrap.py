"""Word wrap in characters, styled runs and sentence ends."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from paperwork.model.screenplay import TextRun
from paperwork.paginator.wrap import Lines, sentence_ends, slice_runs, wrap


def lines(text: str, width: int, first: int | None = None) -> list[str]:
    return [text[a:b] for a, b in wrap(text, width, first)]


def test_breaks_at_spaces_and_drops_them() -> None:
    """Spaces at a break hang past the margin; double spaces inside a line stay."""
    text = "There are some fish that cannot be caught.  It's not that they're faster"
    assert lines(text, 38) == [
        "There are some fish that cannot be",
        "caught.  It's not that they're faster",
    ]


def test_a_word_of_exactly_the_width_fits() -> None:
    """A line may be exactly as wide as the element."""
    assert lines("aaaa bbbb", 9) == ["aaaa bbbb"]
    assert lines("aaaa bbbbb", 9) == ["aaaa", "bbbbb"]


def test_breaks_after_joining_hyphens() -> None:
    """``hundred-dollar`` may break after its hyphen; ``--`` between words does not join."""
    text = "He'd taken more hundred-dollar lures"
    assert lines(text, 24) == ["He'd taken more hundred-", "dollar lures"]
    assert lines("strong enough -- and I cast", 16) == ["strong enough --", "and I cast"]


def test_a_line_ending_in_a_hyphen_may_hang_one_character() -> None:
    """As in Final Draft, the hyphen that ends a line may sit past the margin."""
    assert lines("his father--and more", 11) == ["his father--", "and more"]
    assert lines("a daughter-in-law", 11) == ["a daughter-", "in-law"]


def test_long_words_are_cut() -> None:
    """A word longer than the line is cut at the width."""
    assert lines("abcdefghijklmnopqrstuvwxyz end", 10) == ["abcdefghij", "klmnopqrst", "uvwxyz end"]


def test_hard_breaks_leading_spaces_and_empty_text() -> None:
    """Hard line breaks always break, empty lines print empty, leading spaces count."""
    assert lines("one\n\nthree", 10) == ["one", "", "three"]
    assert lines("    Four spaces", 10) == ["    Four", "spaces"]
    assert lines("", 10) == [""]


def test_first_line_may_be_wider() -> None:
    """A hanging parenthetical's first line gains a character."""
    assert lines("(aaaa bbbb)", 9, 11) == ["(aaaa bbbb)"]
    assert lines("(aaaa bbbb)", 9) == ["(aaaa", "bbbb)"]


def test_slice_runs_keeps_styles() -> None:
    """Slicing across runs keeps each piece's style."""
    runs = (TextRun("Loud", bold=True), TextRun(" and "), TextRun("soft", italic=True))
    assert slice_runs(runs, 2, 10) == (
        TextRun("ud", bold=True),
        TextRun(" and "),
        TextRun("s", italic=True),
    )
    assert slice_runs(runs, 0, 4) == (runs[0],)


def test_sentence_ends() -> None:
    """Sentence ends follow . ? ! and closing quotes, with text after them."""
    text = 'He said "Go."  Then left!  OK... fine. end'
    ends = sentence_ends(text)
    assert [text[:e] for e in ends] == [
        'He said "Go."',
        'He said "Go."  Then left!',
        'He said "Go."  Then left!  OK...',
        'He said "Go."  Then left!  OK... fine.',
    ]
    assert sentence_ends("No end here") == []
    assert sentence_ends("Ends here.") == []


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(alphabet=st.sampled_from("ab cd.-!?\n\t\"')"), max_size=300),
    width=st.integers(min_value=1, max_value=30),
    first=st.integers(min_value=1, max_value=31),
)
def test_lines_wraps_lazily_to_the_same_lines(text: str, width: int, first: int) -> None:
    """``Lines`` is ``wrap`` line for line, however little or much of it is asked for."""
    whole = wrap(text, width, first)
    lazy = Lines(text, width, first)
    assert lazy.at_most(2) == min(2, len(whole))
    assert [lazy[i] for i in range(min(3, len(whole)))] == whole[:3]
    assert list(lazy) == whole and len(lazy) == len(whole)


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(alphabet=st.sampled_from("ab cd.-!?\n\t\"')"), max_size=300),
    width=st.integers(min_value=1, max_value=30),
    first=st.integers(min_value=1, max_value=31),
)
def test_text_before_a_sentence_end_wraps_as_the_whole_does(
    text: str, width: int, first: int
) -> None:
    """What splits rely on: the head before a sentence end takes exactly the lines of the
    whole paragraph that start before that end."""
    for at in sentence_ends(text):
        head = wrap(text[:at], width, first)
        assert len(head) == Lines(text, width, first).lines_before(at)
        assert head[:-1] == wrap(text, width, first)[: len(head) - 1]


def test_sentence_ends_stop_where_asked() -> None:
    """Ends past ``stop`` are not looked for (a split needs only the first page's)."""
    text = "One. Two.\n\nThree. Four."
    assert sentence_ends(text) == [4, 9, 17]
    assert sentence_ends(text, 9) == [4, 9]
    assert sentence_ends(text, 3) == []
