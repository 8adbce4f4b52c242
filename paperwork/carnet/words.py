"""Numbers and amounts in words, as the general list's last sheet and the cover give them."""

from __future__ import annotations

from paperwork.model.records import Money

_ONES = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"
).split()
_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_SCALES = ("", "thousand", "million", "billion", "trillion")
_CURRENCY_WORDS = {
    "GBP": ("pound", "pounds", "penny", "pence"),
    "EUR": ("euro", "euros", "cent", "cents"),
    "USD": ("dollar", "dollars", "cent", "cents"),
}


def _below_hundred(n: int) -> str:
    if n < 20:
        return _ONES[n]
    tens, ones = divmod(n, 10)
    return _TENS[tens] + (f"-{_ONES[ones]}" if ones else "")


def _below_thousand(n: int) -> str:
    hundreds, rest = divmod(n, 100)
    if not hundreds:
        return _below_hundred(rest)
    text = f"{_ONES[hundreds]} hundred"
    return f"{text} and {_below_hundred(rest)}" if rest else text


def number_in_words(n: int) -> str:
    """British English: ``101`` -> ``one hundred and one``; ``2050`` -> ``two thousand and fifty``.

    Whole numbers below 10**15; negative numbers start with "minus".
    """
    if n < 0:
        return f"minus {number_in_words(-n)}"
    if n == 0:
        return "zero"
    groups: list[int] = []
    while n:
        n, group = divmod(n, 1000)
        groups.append(group)
    if len(groups) > len(_SCALES):
        raise ValueError("number_in_words handles numbers below 10**15")
    parts = [
        _below_thousand(group) + (f" {_SCALES[i]}" if _SCALES[i] else "")
        for i, group in reversed(list(enumerate(groups)))
        if group
    ]
    if len(parts) > 1 and 0 < groups[0] < 100:
        parts[-1] = f"and {parts[-1]}"
    return " ".join(parts)


def amount_in_words(amount: Money) -> str:
    """``Money(4567850)`` -> ``forty-five thousand six hundred and seventy-eight pounds and
    fifty pence``; whole amounts end at the pounds, ``Money(1)`` is ``one penny``."""
    one, many, sub_one, sub_many = _CURRENCY_WORDS.get(
        amount.currency, (amount.currency, amount.currency, "hundredth", "hundredths")
    )
    sign = "minus " if amount.minor < 0 else ""
    major, minor = divmod(abs(amount.minor), 100)
    major_text = f"{number_in_words(major)} {one if major == 1 else many}"
    minor_text = f"{number_in_words(minor)} {sub_one if minor == 1 else sub_many}"
    if major and minor:
        return f"{sign}{major_text} and {minor_text}"
    if minor:
        return f"{sign}{minor_text}"
    return f"{sign}{major_text}"


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]
