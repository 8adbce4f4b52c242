"""What a PDF's pages say, read through pdfium (pypdfium2, which pdfplumber itself depends
on): about thirty times faster than pdfplumber's parser. For tests that ask what a page
says; tests that ask where a glyph is, or in which colour, read it with pdfplumber.

pdfium gives the text in the order it is drawn, a line for each run of glyphs on one
baseline within a table cell; a line broken at a hyphen is joined without it. So ask whether
a page holds a phrase or how often, not how its lines fall across the page.
"""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium


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
