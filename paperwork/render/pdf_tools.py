"""pypdf work on finished PDFs: split a batch, merge with bookmarks, set metadata.

pypdf writes no creation date and no random document ID unless asked, so the same input
gives the same bytes.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from pypdf import PdfReader, PdfWriter


def _finish(writer: PdfWriter, title: str = "") -> bytes:
    if title:
        writer.add_metadata({"/Title": title, "/Producer": "paperwork"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def split_pdf(data: bytes, counts: Sequence[int]) -> tuple[bytes, ...]:
    """Cut a PDF into consecutive parts of ``counts`` pages each."""
    reader = PdfReader(io.BytesIO(data))
    parts: list[bytes] = []
    start = 0
    for n in counts:
        writer = PdfWriter()
        for i in range(start, start + n):
            writer.add_page(reader.pages[i])
        parts.append(_finish(writer))
        start += n
    return tuple(parts)


def merge_pdfs(parts: Sequence[tuple[str, bytes]], title: str) -> bytes:
    """One PDF of every part in order, with a bookmark per part at its first page."""
    writer = PdfWriter()
    for name, data in parts:
        first = len(writer.pages)
        writer.append(PdfReader(io.BytesIO(data)), import_outline=False)
        writer.add_outline_item(title=name, page_number=first)
    writer.page_mode = "/UseOutlines"
    return _finish(writer, title)
