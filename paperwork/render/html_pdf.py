"""PDF of the paperwork: Jinja HTML, laid out by WeasyPrint, fetching only what it may.

WeasyPrint may read files inside the production folder and the template folders, and
``data:`` URIs; anything else (the network, ``file:///etc/...``) is refused and reported.
Each document is laid out and written on its own, so that its bytes depend only on it, its
templates and the engine: a rebuild can render one document again, or reuse its file, and
any process may render it (stylesheets and fonts are cached per process).

WeasyPrint's warnings (a CSS rule it drops as invalid, a glyph no font has) are collected,
located in the template or stylesheet they came from, and returned with the batch: a bundled
template must raise none (the tests see to it); a user's own template's are reported.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlparse

from paperwork.errors import RenderError
from paperwork.model.document import BuiltDocument
from paperwork.render.templates import TemplateSet, context_vars
from paperwork.resources import templates_dir

if TYPE_CHECKING:  # WeasyPrint is imported when a PDF is made, not with this module
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.urls import URLFetcher, URLFetcherResponse


def fetch_guard(
    allowed: Sequence[Path], templates: Sequence[Path] = ()
) -> tuple[URLFetcher, list[str]]:
    """WeasyPrint's URL fetcher, limited to files under ``allowed`` folders and ``data:``.

    ``templates`` are the template folders, first match wins: a file a user's template asks
    for by a relative name (``_base.css``) that their folder does not have is taken from the
    next folder that has it, so an overriding template keeps the bundled stylesheet.
    Every refused URL is added to the list returned with it, so that the run can report it.
    """
    from weasyprint.urls import URLFetcher

    roots = tuple(Path(a).resolve() for a in allowed)
    folders = tuple(Path(t).resolve() for t in templates)

    def fallback(path: Path) -> Path:
        if path.exists():
            return path
        for folder in folders:
            if path.is_relative_to(folder):
                name = path.relative_to(folder)
                for other in folders:
                    candidate = (other / name).resolve()
                    if candidate.is_relative_to(other) and candidate.is_file():
                        return candidate
        return path

    refused: list[str] = []

    class FetchGuard(URLFetcher):
        def __init__(self) -> None:
            super().__init__(allowed_protocols={"file", "data"}, allow_redirects=False)

        def fetch(self, url: str, headers: Mapping[str, str] | None = None) -> URLFetcherResponse:
            parsed = urlparse(url)
            if parsed.scheme == "data":
                return super().fetch(url, headers)
            if parsed.scheme == "file" and not parsed.netloc:
                path = fallback(Path(unquote(parsed.path)).resolve())
                if any(path.is_relative_to(root) for root in roots) and path.is_file():
                    return super().fetch(path.as_uri(), headers)
            refused.append(url)
            raise ValueError(
                f"paperwork fetches only files in the production and template folders, not {url}"
            )

    return FetchGuard(), refused


@dataclass(frozen=True, slots=True)
class TemplateWarning:
    """A warning WeasyPrint raised while laying out a template: ``path`` is the template or
    the stylesheet it came from, ``line`` and ``column`` 1-based (0 where WeasyPrint gives
    none), ``bundled`` whether that file is one of paperwork's own."""

    path: Path
    line: int
    column: int
    message: str
    bundled: bool


@dataclass(frozen=True, slots=True)
class RenderedBatch:
    """Per-document PDFs (in the order given), the page count of each, the PDFs that joined
    in order make the batch (``chunks``: the documents' own); and WeasyPrint's warnings,
    each once, in the order raised."""

    pdfs: tuple[bytes, ...]
    pages: tuple[int, ...]
    refused: tuple[str, ...]
    chunks: tuple[bytes, ...] = ()
    warnings: tuple[TemplateWarning, ...] = ()


class _Records(logging.Handler):
    """Keeps WeasyPrint's log records: its warnings, and the progress lines that say which
    stylesheet it is parsing."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def take(self) -> list[logging.LogRecord]:
        taken, self.records = self.records, []
        return taken


@contextmanager
def _weasyprint_records() -> Iterator[_Records]:
    """WeasyPrint's warnings and progress lines go to the handler yielded, not to stderr."""
    logger = logging.getLogger("weasyprint")
    progress = logging.getLogger("weasyprint.progress")
    fonttools = logging.getLogger("fontTools")
    saved = (logger.level, logger.propagate, progress.level, fonttools.level)
    handler = _Records()
    logger.addHandler(handler)
    logger.setLevel(logging.WARNING)
    logger.propagate = False
    progress.setLevel(logging.INFO)
    fonttools.setLevel(logging.ERROR)  # font subsetting notes, nothing a template can fix
    try:
        yield handler
    finally:
        logger.removeHandler(handler)
        logger.setLevel(saved[0])
        logger.propagate = saved[1]
        progress.setLevel(saved[2])
        fonttools.setLevel(saved[3])


_PARSING_CSS = re.compile(r"Step 2 - Fetching and parsing CSS - (.*)")
_AT = re.compile(r" at (\d+):(\d+)")
_STYLE = re.compile(r"<style\b[^>]*>", re.IGNORECASE)


def _located(
    records: Sequence[logging.LogRecord], template: Path, refused: Sequence[str]
) -> list[TemplateWarning]:
    """The warnings among ``records`` (one document's), each placed in the template's own
    ``<style>`` element or the linked stylesheet WeasyPrint was parsing when it raised it.

    Inline stylesheets are matched to the template's ``<style>`` elements in order (a
    template writes them, it does not generate them). Errors about refused URLs are left
    out: those are reported as blocked resources.
    """
    try:
        source = template.read_text(encoding="utf-8")
    except OSError:
        source = ""
    styles = []
    for m in _STYLE.finditer(source):
        line_start = source.rfind("\n", 0, m.end()) + 1
        styles.append((source.count("\n", 0, m.end()) + 1, m.end() - line_start + 1))
    bundled_root = templates_dir().resolve()
    sheet: tuple[Path, int, int] | None = None
    inline = 0
    found = []
    for record in records:
        text = record.getMessage()
        if record.levelno < logging.WARNING:
            parsing = _PARSING_CSS.match(text)
            sheet = None
            if parsing and parsing.group(1) == "CSS string":
                if inline < len(styles):
                    sheet = (template, *styles[inline])
                inline += 1
            elif parsing:
                url = urlparse(parsing.group(1))
                if url.scheme == "file":
                    sheet = (Path(unquote(url.path)), 1, 1)
            continue
        if any(url in text for url in refused):
            continue
        path, line, column = template, 0, 0
        at = _AT.search(text)
        if sheet is not None and at is not None:
            path = sheet[0]
            line = sheet[1] + int(at.group(1)) - 1
            column = int(at.group(2)) + (sheet[2] - 1 if at.group(1) == "1" else 0)
            text = text[: at.start()] + text[at.end() :]
        text = re.sub(r"`([^`]*?)\s+`", r"`\1`", text)  # the space WeasyPrint keeps before ";"
        bundled = path.resolve().is_relative_to(bundled_root)
        found.append(TemplateWarning(path, line, column, text, bundled))
    return found


# A bundled stylesheet (``_base.css``) is parsed once per process, not once per document:
# parsing it costs about 14 ms, a tenth of a two-page letter's layout. Off: parse every time.
SHARE_BUNDLED_STYLESHEETS = True
# Rules whose effect reaches past the stylesheet object (fonts, counters, layers, imports):
# a sheet that has any is parsed afresh for every document.
_NOT_SHAREABLE = ("@font-face", "@counter-style", "@layer", "@import", "@color-profile")
_parsed_sheets: dict[tuple[str, str], tuple[bytes, object]] = {}


def _bundled_sheet(href: str, media_type: str, url_fetcher: object) -> object | None:
    """The parsed stylesheet at ``href`` if it is a bundled file that can be shared: parsed
    on first use, then reused while the file's bytes are unchanged. ``None``: parse as usual."""
    import weasyprint

    url = urlparse(href)
    if url.scheme != "file":
        return None
    path = Path(unquote(url.path)).resolve()
    if not path.is_relative_to(templates_dir().resolve()) or not path.is_file():
        return None
    data = path.read_bytes()
    key = (path.as_uri(), media_type)
    found = _parsed_sheets.get(key)
    if found is not None and found[0] == data:
        return found[1]
    if any(word.encode() in data.lower() for word in _NOT_SHAREABLE):
        return None
    # By URL, through the document's fetcher, as WeasyPrint would: its progress line names
    # the file, so that a warning from the first parse is located in it.
    sheet = weasyprint.CSS(url=path.as_uri(), url_fetcher=url_fetcher, media_type=media_type)
    _parsed_sheets[key] = (data, sheet)
    return sheet


def _share_stylesheets() -> None:
    """Make WeasyPrint take bundled ``<link>``ed stylesheets from the cache (once a process).

    WeasyPrint 70 has no hook for this, so its ``find_stylesheets`` is replaced, for good
    (no swapping back and forth that two threads could interleave), by one that finds the
    same sheets in the same order, a bundled linked one reused. Its page rules stay on the
    sheet object (WeasyPrint reads ``@page`` rules per sheet, in sheet order), so the cascade
    is unchanged. Another WeasyPrint version is left alone; with the switch off, every sheet
    is parsed as before.
    """
    import weasyprint
    import weasyprint.css as wcss

    original = wcss.find_stylesheets
    if getattr(original, "paperwork_shared", False):
        return
    if not weasyprint.__version__.startswith("70."):
        return

    # WeasyPrint calls it with nine positional arguments; those it does not read here (font
    # config, counter styles, colour profiles, page rules, layers) pass through as ``rest``.
    def find_stylesheets(  # type: ignore[no-untyped-def]
        wrapper_element, device_media_type, url_fetcher, base_url, *rest
    ):
        from weasyprint.html import element_has_link_type, parse_url

        for wrapper in wrapper_element.query_all("style", "link"):
            element = wrapper.etree_element
            shared = None
            if (
                SHARE_BUNDLED_STYLESHEETS
                and element.tag == "link"
                and element.get("href")
                and element_has_link_type(element, "stylesheet")
                and not element_has_link_type(element, "alternate")
                and element.get("type", "text/css").split(";", 1)[0].strip() == "text/css"
                and (element.get("media", "").strip() or "all") == "all"
            ):
                href = parse_url(element.get("href"), base_url)
                if href is not None:
                    shared = _bundled_sheet(href, device_media_type, url_fetcher)
            if shared is not None:
                yield shared
                continue
            # Any other sheet: WeasyPrint's own code, on a tree of this one element.
            yield from original(_Only(wrapper), device_media_type, url_fetcher, base_url, *rest)

    find_stylesheets.paperwork_shared = True  # type: ignore[attr-defined]
    wcss.find_stylesheets = find_stylesheets


class _Only:
    """A stand-in for WeasyPrint's element wrapper whose ``query_all`` finds one element."""

    def __init__(self, wrapper: object) -> None:
        self.wrapper = wrapper

    def query_all(self, *names: str) -> Iterator[object]:
        yield self.wrapper


@dataclass(frozen=True, slots=True)
class RenderedPdf:
    """One document's PDF, its page count, the URLs refused and WeasyPrint's warnings."""

    pdf: bytes
    pages: int
    refused: tuple[str, ...] = ()
    warnings: tuple[TemplateWarning, ...] = ()


# Per process: one font configuration and one stylesheet cache for every document laid out
# with the same template folders (parsing _base.css once, not once a document).
_CACHES: dict[tuple[Path, ...], tuple[TemplateSet, FontConfiguration, dict[str, object]]] = {}


def _caches(folders: tuple[Path, ...]) -> tuple[TemplateSet, FontConfiguration, dict[str, object]]:
    if folders not in _CACHES:
        from weasyprint.text.fonts import FontConfiguration

        _CACHES.clear()  # one set of folders at a time is all a run uses
        _CACHES[folders] = (TemplateSet(folders), FontConfiguration(), {})
    return _CACHES[folders]


def render_pdf(doc: BuiltDocument, folders: Sequence[Path], allowed: Sequence[Path]) -> RenderedPdf:
    """Lay out and write one document on its own: its bytes depend on nothing but the
    document, its templates and the engine (not on what else the run renders, nor on
    which process renders it), so a file can be rendered again alone, or reused."""
    import weasyprint

    from paperwork.render.pdf_tools import split_pdf

    job_folders = tuple(Path(f).resolve() for f in folders)
    templates, fonts, css_cache = _caches(job_folders)
    guard, refused = fetch_guard(tuple(Path(a).resolve() for a in allowed), job_folders)
    warnings: list[TemplateWarning] = []
    _share_stylesheets()
    with _weasyprint_records() as log:
        html_text = templates.render_html(f"{doc.template}.html", _html_context(doc))
        template = templates.find(f"{doc.template}.html")
        try:
            html = weasyprint.HTML(
                string=html_text, base_url=str(template.parent) + "/", url_fetcher=guard
            )
            laid_out = html.render(font_config=fonts, cache=css_cache)
            data = laid_out.write_pdf()
        except Exception as exc:  # WeasyPrint raises many kinds; none is the user's data
            raise RenderError(f"could not lay out {doc.stem}: {exc}") from exc
        finally:
            warnings += _located(log.take(), template, refused)
    pages = len(laid_out.pages)
    # through pypdf, as every PDF we write: no WeasyPrint metadata, the same structure
    (pdf,) = split_pdf(data, (pages,))
    return RenderedPdf(pdf, pages, tuple(dict.fromkeys(refused)), tuple(dict.fromkeys(warnings)))


def _render_chunk(
    job: tuple[Sequence[BuiltDocument], tuple[Path, ...], tuple[Path, ...]],
) -> RenderedBatch:
    """Lay out a run of documents with WeasyPrint, one PDF each."""
    documents, folders, allowed = job
    done = [render_pdf(doc, folders, allowed) for doc in documents]
    pdfs = tuple(d.pdf for d in done)
    return RenderedBatch(
        pdfs,
        tuple(d.pages for d in done),
        tuple(dict.fromkeys(url for d in done for url in d.refused)),
        pdfs,
        tuple(dict.fromkeys(w for d in done for w in d.warnings)),
    )


def _html_context(doc: BuiltDocument) -> dict[str, object]:
    """The document's context for HTML: its ``logo`` path as a ``file:`` URL, so a folder
    named ``Pilot #2`` or ``50% off`` keeps its logo (a bare path's ``#`` starts a fragment)."""
    values = context_vars(doc.context)
    logo = values.get("logo")
    if isinstance(logo, str) and logo:
        values["logo"] = Path(logo).resolve().as_uri()
    return values


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
        tuple(dict.fromkeys(w for part in parts for w in part.warnings)),
    )
