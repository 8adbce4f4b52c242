from collections.abc import Mapping

class URLFetcherResponse: ...

class URLFetcher:
    def __init__(
        self,
        timeout: float = ...,
        ssl_context: object = ...,
        http_headers: Mapping[str, str] | None = ...,
        allowed_protocols: set[str] | None = ...,
        allow_redirects: bool = ...,
        fail_on_errors: bool = ...,
        **kwargs: object,
    ) -> None: ...
    def fetch(self, url: str, headers: Mapping[str, str] | None = ...) -> URLFetcherResponse: ...
    def __call__(self, url: str) -> URLFetcherResponse: ...
