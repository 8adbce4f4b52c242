"""What a PDF's pages say, read through pdfium (pypdfium2, which pdfplumber itself depends
on): about thirty times faster than pdfplumber's parser. For tests that ask what a page
says; tests that ask where a glyph is, or in which colour, read it with pdfplumber.

pdfium gives the text in the order it is drawn, a line for each run of glyphs on one
baseline within a table cell; a line broken at a hyphen is joined without it. So ask whether
a page holds a phrase or how often, not how its lines fall across the page.
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c


def page_texts(pdf: bytes | Path) -> list[str]:
    """Each page's text, in page order, lines separated by ``\\n``."""
    document = pdfium.PdfDocument(pdf)
    try:
        texts = []
        for page in document:
            text = page.get_textpage()
            texts.append(text.get_text_bounded().replace("\r\n", "\n"))
            text.close()
            page.close()
        return texts
    finally:
        document.close()


@dataclass(frozen=True, slots=True)
class Word:
    """A run of printed characters between spaces, measured as pdfplumber measures a word:
    ``x0`` and ``x1`` from the left edge, ``top`` and ``bottom`` from the top edge of the page
    (points), and the fill colour of its first glyph (RGB, 0 to 1)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    colour: tuple[float, float, float]


def page_words(pdf: bytes | Path) -> list[list[Word]]:
    """Each page's words in the order they are drawn."""
    document = pdfium.PdfDocument(pdf)
    pages = []
    try:
        for page in document:
            height = page.get_height()
            text = page.get_textpage()
            count = text.count_chars()
            chars = [text.get_text_range(i, 1)[:1] or " " for i in range(count)]
            words: list[Word] = []
            start = None
            for index, char in enumerate([*chars, " "]):
                if not char.isspace() and start is None:
                    start = index
                elif char.isspace() and start is not None:
                    words.append(_word(text, chars, start, index, height))
                    start = None
            pages.append(words)
            text.close()
            page.close()
    finally:
        document.close()
    return pages


def _word(text: pdfium.PdfTextPage, chars: list[str], start: int, end: int, height: float) -> Word:
    boxes = [text.get_charbox(i, loose=True) for i in range(start, end)]
    r, g, b, a = (ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint())
    pdfium_c.FPDFText_GetFillColor(text.raw, start, r, g, b, a)
    return Word(
        "".join(chars[start:end]),
        min(box[0] for box in boxes),
        max(box[2] for box in boxes),
        height - max(box[3] for box in boxes),
        height - min(box[1] for box in boxes),
        (r.value / 255, g.value / 255, b.value / 255),
    )
