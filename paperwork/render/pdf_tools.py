"""pypdf work on finished PDFs: split a batch, join batches keeping bookmarks, set metadata.

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


def join_pdfs(
    parts: Sequence[bytes], title: str, bookmarks: Sequence[tuple[str, int]] = ()
) -> bytes:
    """Whole PDFs one after another, with a bookmark per ``(title, first page index)``."""
    writer = PdfWriter()
    for data in parts:
        writer.append(PdfReader(io.BytesIO(data)), import_outline=False)
    for name, page in bookmarks:
        writer.add_outline_item(title=name, page_number=page)
    writer.page_mode = "/UseOutlines"
    return _finish(writer, title)


def join_documents(parts: Sequence[bytes], title: str, titles: Sequence[str]) -> bytes:
    """Documents' PDFs one after another, each bookmarked by its title at its first page."""
    starts, page = [], 0
    for data in parts:
        starts.append(page)
        page += len(PdfReader(io.BytesIO(data)).pages)
    return join_pdfs(parts, title, list(zip(titles, starts, strict=True)))
