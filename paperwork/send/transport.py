"""Handing messages to an SMTP server with ``smtplib``, and telling its answers apart.

Every answer becomes one of four outcomes, because each asks for a different next step:

- accepted (``send`` returns): record it as sent;
- :class:`Deferred`: nothing was handed over and trying again may work (the connection could
  not be made or was lost before the message went, a 4xx answer such as a rate limit);
- :class:`Refused`: the server said no for good (a 5xx answer: an unknown recipient, a
  message too large);
- :class:`Unconfirmed`: the connection was lost while the message was being handed over, so
  it may have arrived: it is never retried blindly.

:class:`Aborted` (the server refused our login) stops the whole run.
"""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

DEFAULT_PORTS = {"starttls": 587, "ssl": 465, "none": 25}


class SendProblem(Exception):
    def __init__(self, detail: str, *, connection: bool = False) -> None:
        super().__init__(detail)
        self.detail = detail
        self.connection = connection  # the server could not be reached at all


class Deferred(SendProblem):
    """Not handed over; worth another try."""


class Refused(SendProblem):
    """Refused for good by the server."""


class Unconfirmed(SendProblem):
    """Lost while being handed over: it may have arrived."""


class Aborted(SendProblem):
    """Nothing more can be sent this run (the login was refused)."""


class Transport(Protocol):
    def send(self, sender: str, recipients: Sequence[str], data: bytes) -> None: ...

    def close(self) -> None: ...


def _answer(code: int, text: bytes | str, what: str) -> SendProblem:
    shown = text.decode("utf-8", "replace") if isinstance(text, bytes) else text
    detail = f"{what}: {code} {' '.join(shown.split())}"
    return Deferred(detail) if 400 <= code < 500 else Refused(detail)


@dataclass
class SmtpTransport:
    """One connection, opened when first needed and again after it is lost."""

    host: str
    port: int | None = None
    security: str = "starttls"
    user: str = ""
    password: str = ""
    timeout: float = 30.0
    ssl_context: ssl.SSLContext | None = None
    _smtp: smtplib.SMTP | None = None

    def _context(self) -> ssl.SSLContext:
        return self.ssl_context or ssl.create_default_context()

    def _connect(self) -> smtplib.SMTP:
        port = self.port or DEFAULT_PORTS[self.security]
        try:
            if self.security == "ssl":
                smtp: smtplib.SMTP = smtplib.SMTP_SSL(
                    self.host, port, timeout=self.timeout, context=self._context()
                )
            else:
                smtp = smtplib.SMTP(self.host, port, timeout=self.timeout)
            smtp.ehlo()
            if self.security == "starttls":
                smtp.starttls(context=self._context())
                smtp.ehlo()
        except smtplib.SMTPNotSupportedError as exc:
            raise Aborted(f"{self.host} does not offer STARTTLS ({exc})") from None
        except ssl.SSLError as exc:
            raise Aborted(f"a secure connection to {self.host} failed: {exc}") from None
        except (OSError, smtplib.SMTPException) as exc:
            raise Deferred(
                f"cannot connect to {self.host}:{port}: {exc}", connection=True
            ) from None
        if self.user:
            try:
                smtp.login(self.user, self.password)
            except smtplib.SMTPAuthenticationError as exc:
                self._quit(smtp)
                raise Aborted(
                    f"{self.host} refused the login for {self.user}: {exc.smtp_code}"
                ) from None
            except (OSError, smtplib.SMTPException) as exc:
                self._quit(smtp)
                raise Deferred(f"login to {self.host} failed: {exc}", connection=True) from None
        return smtp

    @staticmethod
    def _quit(smtp: smtplib.SMTP) -> None:
        try:
            smtp.quit()
        except (OSError, smtplib.SMTPException):
            smtp.close()

    def _drop(self) -> None:
        if self._smtp is not None:
            self._smtp.close()
            self._smtp = None

    def send(self, sender: str, recipients: Sequence[str], data: bytes) -> None:
        if self._smtp is None:
            self._smtp = self._connect()
        smtp = self._smtp
        try:
            code, text = smtp.mail(sender)
            if code != 250:
                smtp.rset()
                raise _answer(code, text, "the server refused the sender")
            for rcpt in recipients:
                code, text = smtp.rcpt(rcpt)
                if code not in (250, 251):
                    smtp.rset()
                    raise _answer(code, text, f"the server refused {rcpt}")
        except (OSError, smtplib.SMTPServerDisconnected) as exc:
            self._drop()
            raise Deferred(f"connection lost before sending: {exc}") from None
        try:
            code, text = smtp.data(data)
        except smtplib.SMTPDataError as exc:  # refused DATA: a clear answer, nothing went
            self._reset_quietly()
            raise _answer(exc.smtp_code, exc.smtp_error, "the server refused the message") from None
        except (OSError, smtplib.SMTPException) as exc:
            self._drop()
            raise Unconfirmed(f"connection lost while handing the message over: {exc}") from None
        if code != 250:
            self._reset_quietly()
            raise _answer(code, text, "the server refused the message")

    def _reset_quietly(self) -> None:
        try:
            if self._smtp is not None:
                self._smtp.rset()
        except (OSError, smtplib.SMTPException):
            self._drop()

    def close(self) -> None:
        if self._smtp is not None:
            self._quit(self._smtp)
            self._smtp = None
