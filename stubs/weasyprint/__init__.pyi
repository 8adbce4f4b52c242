# The part of WeasyPrint 70's API that paperwork uses (paperwork/render/html_pdf.py).
# WeasyPrint ships no type information; these stubs let mypy --strict check the calls.
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

__version__: str

class Page: ...

class Document:
    pages: list[Page]
    def copy(self, pages: list[Page] | str = ...) -> Document: ...
    def write_pdf(
        self, target: None = ..., zoom: float = ..., finisher: object = ..., **options: object
    ) -> bytes: ...

class HTML:
    def __init__(
        self,
        guess: object = ...,
        filename: str | None = ...,
        url: str | None = ...,
        file_obj: object = ...,
        string: str | None = ...,
        encoding: str | None = ...,
        base_url: str | None = ...,
        url_fetcher: URLFetcher | None = ...,
        media_type: str = ...,
    ) -> None: ...
    def render(
        self,
        font_config: FontConfiguration | None = ...,
        counter_style: object = ...,
        color_profiles: object = ...,
        **options: object,  # cache: a dict shared between documents
    ) -> Document: ...

class CSS:
    def __init__(
        self,
        guess: object = ...,
        filename: str | None = ...,
        url: str | None = ...,
        file_obj: object = ...,
        string: str | None = ...,
        encoding: str | None = ...,
        base_url: str | None = ...,
        url_fetcher: object = ...,
        media_type: str = ...,
        **options: object,
    ) -> None: ...
