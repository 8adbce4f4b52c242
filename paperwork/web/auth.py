"""Who may use the server: the token, its cookie, and cross-site protection.

- ``?token=T`` on any GET sets an HttpOnly, SameSite=Strict cookie and redirects to the
  same URL without the token (so it leaves the address bar and the history).
- Every other request needs that cookie or ``Authorization: Bearer T``; without, 401.
- A changing request (POST, PUT, PATCH, DELETE) made with the cookie also needs the
  ``X-Paperwork-CSRF`` header (the page embeds its value and htmx sends it with every
  request, forms and uploads included), and must not come from another site (``Origin``, ``Sec-Fetch-Site``). A request
  with a Bearer token is not a browser's ambient credential and needs neither.
"""

from __future__ import annotations

import hashlib
import hmac
from urllib.parse import parse_qsl, urlencode

from starlette.datastructures import URL, MutableHeaders
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

COOKIE = "paperwork_token"
CSRF_HEADER = "x-paperwork-csrf"
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


def csrf_value(token: str) -> str:
    """The CSRF value the pages embed: derived from the token, useless without the page."""
    return hmac.new(token.encode("utf-8"), b"paperwork-csrf", hashlib.sha256).hexdigest()


def _same(a: str | None, b: str) -> bool:
    return a is not None and hmac.compare_digest(a.encode("utf-8"), b.encode("utf-8"))


class TokenAuth:
    """ASGI middleware: token, cookie, Bearer, CSRF and same-origin checks."""

    def __init__(self, app: ASGIApp, token: str) -> None:
        self.app = app
        self.token = token
        self.csrf = csrf_value(token)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        method = scope["method"]
        query = parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
        given = next((v for k, v in query if k == "token"), None)
        if given is not None and method in SAFE_METHODS:
            if not _same(given, self.token):
                await _deny(scope, receive, send, "401 wrong token")
                return
            rest = urlencode([(k, v) for k, v in query if k != "token"])
            url = URL(scope=scope).replace(query=rest)
            path = "/" + url.path.lstrip("/")  # never //host: a redirect stays on this server
            target = path + (f"?{rest}" if rest else "")
            response: Response = RedirectResponse(target, status_code=303)
            response.set_cookie(
                COOKIE, self.token, httponly=True, samesite="strict", path="/", secure=False
            )
            await response(scope, receive, send)
            return
        bearer = headers.get("authorization", "")
        by_bearer = bearer.lower().startswith("bearer ") and _same(bearer[7:].strip(), self.token)
        cookie = _cookie(headers.get("cookie", ""))
        if not by_bearer and not _same(cookie, self.token):
            await _deny(scope, receive, send, "401 not signed in")
            return
        if method not in SAFE_METHODS and not by_bearer:
            site = headers.get("sec-fetch-site")
            if site is not None and site not in ("same-origin", "none"):
                await _deny(scope, receive, send, "403 cross-site request refused", 403)
                return
            origin = headers.get("origin")
            if origin is not None and origin != _own_origin(scope, headers):
                await _deny(scope, receive, send, "403 request from another origin refused", 403)
                return
            if not _same(headers.get(CSRF_HEADER), self.csrf):
                await _deny(scope, receive, send, "403 missing or wrong CSRF header", 403)
                return
        await self.app(scope, receive, send)


CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)


class SecurityHeaders:
    """ASGI middleware: every response says nosniff, no referrer, no framing; a page also
    carries a Content-Security-Policy that allows only this server's own scripts (htmx and
    the grid), so even a value that slipped past escaping could not run."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers["X-Content-Type-Options"] = "nosniff"
                headers["Referrer-Policy"] = "no-referrer"
                headers["X-Frame-Options"] = "DENY"
                headers["Cache-Control"] = "no-store"
                if headers.get("content-type", "").startswith("text/html"):
                    headers["Content-Security-Policy"] = CSP
            await send(message)

        await self.app(scope, receive, with_headers)


def _own_origin(scope: Scope, headers: dict[str, str]) -> str:
    scheme = scope.get("scheme", "http")
    return f"{scheme}://{headers.get('host', '')}"


def _cookie(header: str) -> str | None:
    for part in header.split(";"):
        name, _, value = part.strip().partition("=")
        if name == COOKIE:
            return value
    return None


async def _deny(scope: Scope, receive: Receive, send: Send, text: str, status: int = 401) -> None:
    body = (
        f"{text.split(' ', 1)[1]}.\nOpen the address that 'paperwork serve' printed "
        "(it carries the token) to sign in.\n"
    )
    await PlainTextResponse(body, status_code=status)(scope, receive, send)
