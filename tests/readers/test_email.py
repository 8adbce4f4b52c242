"""The manifest's email: section: the mail server, never its password."""

from __future__ import annotations

from pathlib import Path

from paperwork.errors import Diagnostics
from paperwork.model.production import EmailSettings
from paperwork.readers.production import read_production

MANIFEST = """\
title: Test Show
company:
  name: Test Pictures Ltd
  email: office@test.example.co.uk
email:
"""


def _read(tmp_path: Path, section: str) -> tuple[EmailSettings | None, Diagnostics]:
    (tmp_path / "production.yaml").write_text(MANIFEST + section, encoding="utf-8")
    d = Diagnostics()
    production = read_production(tmp_path, d)
    assert production is not None
    return production.email, d


def test_every_key_is_read(tmp_path: Path) -> None:
    """host, port, security, user, password_env, from, reply_to and bcc_self, no warnings."""
    settings, d = _read(
        tmp_path,
        "  host: smtp.test.example.co.uk\n  port: 465\n  security: SSL\n"
        "  user: office@test.example.co.uk\n  password_env: TEST_SMTP_PASSWORD\n"
        "  from: Test Pictures <office@test.example.co.uk>\n"
        "  reply_to: jo@test.example.co.uk\n  bcc_self: yes\n",
    )
    assert not d.items, list(d)
    assert settings is not None and settings.pos.line == 5
    assert (settings.host, settings.port, settings.security) == (
        "smtp.test.example.co.uk",
        465,
        "ssl",
    )
    assert settings.password_env == "TEST_SMTP_PASSWORD" and settings.bcc_self is True
    assert settings.sender == "Test Pictures <office@test.example.co.uk>"


def test_defaults(tmp_path: Path) -> None:
    """Only a host: STARTTLS, the usual port, no login, no copy to self."""
    settings, d = _read(tmp_path, "  host: smtp.test.example.co.uk\n")
    assert not d.items and settings is not None
    assert (settings.security, settings.port, settings.user, settings.bcc_self) == (
        "starttls",
        None,
        "",
        False,
    )


def test_a_password_in_the_yaml_and_bad_values_are_located(tmp_path: Path) -> None:
    """A password key, a bad port, security, variable name, from address and flag: each an
    error at its line; an unknown key a warning."""
    _, d = _read(
        tmp_path,
        "  host: smtp.test.example.co.uk\n"  # line 6
        "  password: hunter2\n"
        "  port: 99999\n"
        "  security: tls\n"
        "  password_env: my password\n"
        "  from: the office\n"
        "  bcc_self: perhaps\n"
        "  hots: typo\n",
    )
    found = sorted((x.severity, x.code, x.pos.line) for x in d.items if x.pos is not None)
    assert found == [
        ("error", "bad-email", 11),
        ("error", "bad-password-env", 10),
        ("error", "bad-port", 8),
        ("error", "bad-security", 9),
        ("error", "manifest-type", 12),
        ("error", "password-in-manifest", 7),
        ("warning", "unknown-key", 13),
    ]
