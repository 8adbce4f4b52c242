"""The general list's layout (shared by the HTML and DOCX templates and the DOCX generator)
and the measuring of text in the templates' font, so both formats wrap and break alike."""

from __future__ import annotations

from decimal import Decimal

# tools/docx_templates/carnet.py reads these for the DOCX; the HTML gets them in its context.

PAGE_MARGINS_MM = (12, 12, 16, 12)  # top, right, bottom, left (A4 portrait)
COLUMNS_MM = (10, 84, 13, 20, 28, 12, 19)  # the seven columns, 186 mm in all
CELL_PADDING_MM = Decimal("1.5")  # left and right of every cell
FONT = "DejaVu Sans"  # the HTML's font; the DOCX uses Arial, which is narrower
FONT_PT = 8
LINE_MM = Decimal("4.2")  # one line of a row, in both formats
LINES_PER_SHEET = 42  # leaves room for the heading, the totals and the words on A4
MAX_ROW_LINES = 8  # a longer description is cut (reported) so a row always fits a sheet

# DejaVu Sans advance widths (units of 1/2048 em) for ASCII 32..126, regular and bold.
_REGULAR = (
    "651 821 942 1716 1303 1946 1597 563 799 799 1024 1716 651 739 651 690 1303 1303 1303 "
    "1303 1303 1303 1303 1303 1303 1303 690 690 1716 1716 1716 1087 2048 1401 1405 1430 1577 "
    "1294 1178 1587 1540 604 604 1343 1141 1767 1532 1612 1235 1612 1423 1300 1251 1499 1401 "
    "2025 1403 1251 1403 799 690 799 1716 1024 1024 1255 1300 1126 1300 1260 721 1300 1298 "
    "569 569 1186 569 1995 1298 1253 1300 1300 842 1067 803 1298 1212 1675 1212 1212 1075 "
    "1303 690 1303 1716"
)
_BOLD = (
    "713 934 1067 1716 1425 2052 1786 627 936 936 1071 1716 778 850 778 748 1425 1425 1425 "
    "1425 1425 1425 1425 1425 1425 1425 819 819 1716 1716 1716 1188 2048 1585 1561 1503 1700 "
    "1399 1399 1681 1714 762 762 1587 1305 2038 1714 1741 1501 1741 1577 1475 1397 1663 1585 "
    "2259 1579 1483 1485 936 748 936 1716 1024 1024 1382 1466 1214 1466 1389 891 1466 1458 "
    "702 702 1362 702 2134 1458 1407 1466 1466 1010 1219 979 1458 1335 1892 1321 1335 1192 "
    "1458 748 1458 1716"
)
_WIDTHS = {
    False: dict(zip(map(chr, range(32, 127)), map(int, _REGULAR.split()), strict=True)),
    True: dict(zip(map(chr, range(32, 127)), map(int, _BOLD.split()), strict=True)),
}
_WIDE = 2048  # any other character is taken as 1 em: too wide is safe, too narrow is not
_MM_PER_PT = Decimal("0.3527778")
# The description column's text width, in font units, with 5% kept back for other fonts.
DESCRIPTION_UNITS = int(
    (COLUMNS_MM[1] - 2 * CELL_PADDING_MM) / (FONT_PT * _MM_PER_PT) * 2048 * Decimal("0.95")
)


def fits(text: str, column: int, *, bold: bool = True) -> bool:
    """Whether ``text`` fits on one line of general-list column ``column`` (0-based)."""
    width = (COLUMNS_MM[column] - 2 * CELL_PADDING_MM) / (FONT_PT * _MM_PER_PT) * 2048
    return text_units(text, bold=bold) <= width


def text_units(text: str, *, bold: bool = False) -> int:
    """The width of ``text`` in DejaVu Sans, in 1/2048 em."""
    table = _WIDTHS[bold]
    return sum(table.get(ch, _WIDE) for ch in text)


def wrap(text: str, units: int = DESCRIPTION_UNITS, *, bold: bool = False) -> tuple[str, ...]:
    """Greedy word wrap to ``units`` wide; a word longer than a line is cut where it must."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if text_units(candidate, bold=bold) <= units:
            current = candidate
            continue
        if current:
            lines.append(current)
        current = ""
        while (cut := _fitting_prefix(word, units, bold=bold)) < len(word):
            lines.append(word[:cut])
            word = word[cut:]
        current = word
    if current:
        lines.append(current)
    return tuple(lines) or ("",)


def _fitting_prefix(word: str, units: int, *, bold: bool) -> int:
    """How many leading characters of ``word`` fit in ``units`` (at least one), in one pass:
    trying ever shorter prefixes made a 2,000-character word take a minute."""
    table = _WIDTHS[bold]
    total = 0
    for i, ch in enumerate(word):
        total += table.get(ch, _WIDE)
        if total > units:
            return max(i, 1)
    return len(word)
