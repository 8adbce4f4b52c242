"""A real SMTP server on localhost (aiosmtpd, in the test process) and a demo production
whose day-3 call sheet is built once and copied into each test's output folder."""

from __future__ import annotations

import shutil
import socket
import ssl
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

import pytest
from click.testing import CliRunner

from paperwork.cli import main

DEMO = Path(__file__).resolve().parents[2] / "fixtures" / "demo"
DATE = ["--date", "2026-12-02"]
DAY3 = "call-sheet_day03_2027-03-03_v1"


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), env=env)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.output


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Received:
    """One message the server accepted: its envelope and the parsed message."""

    sender: str
    recipients: list[str]
    message: EmailMessage


@dataclass
class Handler:
    """Accepts everything, but refuses RCPT for ``refuse`` and drops the connection during
    DATA of a message to ``drop`` (the message is then lost: the client cannot know)."""

    received: list[Received] = field(default_factory=list)
    refuse: set[str] = field(default_factory=set)
    drop: set[str] = field(default_factory=set)
    defer_first: int = 0  # answer this many DATA commands with 451 (a rate limit)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        if address in self.refuse:
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        if self.defer_first > 0:
            self.defer_first -= 1
            return "451 4.7.1 Too many messages, slow down"
        if self.drop & set(envelope.rcpt_tos):
            self.drop -= set(envelope.rcpt_tos)
            server.transport.abort()
            return "250 OK"
        parsed = message_from_bytes(envelope.original_content, policy=policy.default)
        assert isinstance(parsed, EmailMessage)
        self.received.append(Received(envelope.mail_from, list(envelope.rcpt_tos), parsed))
        return "250 OK"


@dataclass
class Server:
    handler: Handler
    port: int

    @property
    def received(self) -> list[Received]:
        return self.handler.received


@pytest.fixture()
def smtp_server() -> Iterator[Server]:
    from aiosmtpd.controller import Controller

    handler = Handler()
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield Server(handler, port)
    finally:
        controller.stop()


@pytest.fixture(scope="session")
def built_day3(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An output folder holding the demo's day-3 call sheet (PDF and snapshot), built by a
    dry run of send itself."""
    out = tmp_path_factory.mktemp("built") / "out"
    code, text = run(
        "send", str(DEMO), "--kind", "call-sheets", "--day", "3", "-o", str(out), *DATE
    )
    assert code == 0, text
    assert (out / f"{DAY3}.pdf").is_file()
    shutil.rmtree(out / "drafts")
    return out


EMAIL_SECTION = """
email:
  host: 127.0.0.1
  port: {port}
  security: none
  from: Tom Reddaway <tom@harbourlight.example.co.uk>
  reply_to: office@harbourlight.example.co.uk
"""


@pytest.fixture()
def show(tmp_path: Path, built_day3: Path) -> Path:
    """A copy of the demo, its output folder already holding the day-3 call sheet."""
    folder = tmp_path / "show"
    shutil.copytree(DEMO, folder)
    shutil.copytree(built_day3, folder / "out")
    return folder


def serve_to(folder: Path, port: int) -> None:
    """Point the production's email: section at the local test server."""
    manifest = folder / "production.yaml"
    manifest.write_text(
        manifest.read_text(encoding="utf-8") + EMAIL_SECTION.format(port=port), encoding="utf-8"
    )


def self_signed(folder: Path) -> tuple[Path, Path]:
    """A certificate and key for 127.0.0.1, made here with ``cryptography``."""
    import datetime
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    start = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(1)
        .not_valid_before(start)
        .not_valid_after(start + datetime.timedelta(days=3650))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


def server_tls(cert: Path, key: Path) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    return context
