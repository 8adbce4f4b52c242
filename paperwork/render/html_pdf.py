"""PDF of the paperwork: Jinja HTML, laid out by WeasyPrint, fetching only what it may.

WeasyPrint may read files inside the production folder and the template folders, and
``data:`` URIs; anything else (the network, ``file:///etc/...``) is refused and reported.
A batch is laid out document by document but written once: the pages of every document
go into one PDF, which is then cut into one file per document with pypdf.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlparse

from paperwork.builders.base import BuiltDocument
from paperwork.errors import RenderError
from paperwork.render.templates import TemplateSet


def fetch_guard(allowed: Sequence[Path]):  # type: ignore[no-untyped-def]
    """WeasyPrint's URL fetcher, limited to files under ``allowed`` folders and ``data:``.

    Every refused URL is kept in ``.refused`` so that the run can report it.
    """
    from weasyprint.urls import URLFetcher

    roots = tuple(Path(a).resolve() for a in allowed)

    class FetchGuard(URLFetcher):  # type: ignore[misc]
        def __init__(self) -> None:
            super().__init__(allowed_protocols={"file", "data"}, allow_redirects=False)
            self.refused: list[str] = []

        def fetch(self, url: str, headers: object = None) -> object:
            parsed = urlparse(url)
            if parsed.scheme == "data":
                return super().fetch(url, headers)
            if parsed.scheme == "file" and not parsed.netloc:
                path = Path(unquote(parsed.path)).resolve()
                if any(path.is_relative_to(root) for root in roots) and path.is_file():
                    return super().fetch(path.as_uri(), headers)
            self.refused.append(url)
            raise ValueError(
                f"paperwork fetches only files in the production and template folders, not {url}"
            )

    return FetchGuard()


@dataclass(frozen=True, slots=True)
class RenderedBatch:
    """Per-document PDFs (in the order given), the page count of each, and the batch as
    one or more PDFs in order (one per worker), each with a bookmark per document."""

    pdfs: tuple[bytes, ...]
    pages: tuple[int, ...]
    refused: tuple[str, ...]
    chunks: tuple[bytes, ...] = ()


def _render_chunk(
    job: tuple[Sequence[BuiltDocument], tuple[Path, ...], tuple[Path, ...]],
) -> RenderedBatch:
    """Lay out a run of documents with WeasyPrint, write them as one PDF, then split it."""
    import weasyprint
    from weasyprint.text.fonts import FontConfiguration

    from paperwork.render.pdf_tools import split_pdf

    documents, folders, allowed = job
    templates = TemplateSet(folders)
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    guard = fetch_guard(allowed)
    fonts = FontConfiguration()
    css_cache: dict[str, object] = {}
    laid_out = []
    for doc in documents:
        html_text = templates.render_html(f"{doc.template}.html", doc.context)
        base = templates.find(f"{doc.template}.html").parent
        try:
            html = weasyprint.HTML(string=html_text, base_url=str(base) + "/", url_fetcher=guard)
            laid_out.append(html.render(font_config=fonts, cache=css_cache))
        except Exception as exc:  # WeasyPrint raises many kinds; none is the user's data
            raise RenderError(f"could not lay out {doc.stem}: {exc}") from exc
    if not laid_out:
        return RenderedBatch((), (), tuple(guard.refused))
    counts = tuple(len(d.pages) for d in laid_out)
    all_pages = [p for d in laid_out for p in d.pages]
    merged = laid_out[0].copy(all_pages).write_pdf()
    return RenderedBatch(
        split_pdf(merged, counts), counts, tuple(dict.fromkeys(guard.refused)), (merged,)
    )


# Below this many documents a second process costs more than it saves.
_MIN_PER_WORKER = 6


def render_pdfs(
    documents: Sequence[BuiltDocument],
    templates: TemplateSet,
    allowed: Sequence[Path],
    workers: int = 1,
) -> RenderedBatch:
    """PDF of every document, in order; a large batch is shared among ``workers`` processes.

    Each process lays out a contiguous run of documents, so the result is the same bytes
    whatever the number of workers.
    """
    job_allowed = tuple(Path(a).resolve() for a in allowed)
    workers = max(1, min(workers, len(documents) // _MIN_PER_WORKER))
    if workers == 1:
        return _render_chunk((documents, templates.folders, job_allowed))
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    import weasyprint  # noqa: F401 - imported once before the workers fork

    size, extra = divmod(len(documents), workers)
    chunks, start = [], 0
    for i in range(workers):
        end = start + size + (1 if i < extra else 0)
        chunks.append((documents[start:end], templates.folders, job_allowed))
        start = end
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        parts = list(pool.map(_render_chunk, chunks))
    return RenderedBatch(
        tuple(pdf for part in parts for pdf in part.pdfs),
        tuple(n for part in parts for n in part.pages),
        tuple(dict.fromkeys(url for part in parts for url in part.refused)),
        tuple(chunk for part in parts for chunk in part.chunks),
    )
