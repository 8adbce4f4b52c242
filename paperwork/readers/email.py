"""The manifest's ``email:`` section: the mail server ``paperwork send`` uses.

```yaml
email:
  host: smtp.example.co.uk
  port: 587                 # default: 587 starttls, 465 ssl, 25 none
  security: starttls        # starttls (default), ssl or none
  user: office@harbourlight.example.co.uk
  password_env: PAPERWORK_SMTP_PASSWORD   # the environment variable holding the password
  from: Harbour Light Pictures <office@harbourlight.example.co.uk>
  reply_to: tom@harbourlight.example.co.uk
  bcc_self: yes             # a copy of every message to the from address
```

The password itself never sits in the YAML: a ``password:`` key is an error.
"""

from __future__ import annotations

import re

from paperwork.model.production import SMTP_SECURITY, EmailSettings
from paperwork.model.source import Pos
from paperwork.readers.fields import _EMAIL
from paperwork.readers.manifest import Manifest

KEYS = ("host", "port", "security", "user", "password_env", "from", "reply_to", "bcc_self")
_ENV_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_YES = {"yes": True, "true": True, "on": True, "no": False, "false": False, "off": False}


def address_part(text: str) -> str:
    """``"Harbour Light <office@x.co.uk>"`` -> ``"office@x.co.uk"``; a bare address as it is."""
    m = re.fullmatch(r"\s*(.*?)\s*<([^<>]*)>\s*", text)
    return (m[2] if m else text).strip()


def read_email_settings(value: object, pos: Pos, m: Manifest) -> EmailSettings:
    """``email: {host, port, security, user, password_env, from, reply_to, bcc_self}``."""
    section = m.mapping(m.data, "email")
    for key in section:
        if key in ("password", "pass", "smtp_password"):
            m.d.error(
                "password-in-manifest",
                "email: the password must not sit in production.yaml; put it in an environment "
                "variable and name that variable with password_env",
                m.pos(section, key),
            )
        elif key not in KEYS:
            m.unknown_key(section, key, KEYS, "email:")
    port: int | None = None
    raw_port = section.get("port")
    if raw_port is not None and str(raw_port).strip():
        text = str(raw_port).strip()
        if text.isdigit() and 0 < int(text) < 65536:
            port = int(text)
        else:
            m.d.error(
                "bad-port",
                f"email: port must be a number from 1 to 65535 (got {text!r})",
                m.pos(section, "port"),
            )
    security = (m.text(section, "security") or "starttls").lower()
    if security not in SMTP_SECURITY:
        m.d.error(
            "bad-security",
            f"email: security must be one of {', '.join(SMTP_SECURITY)} (got {security!r})",
            m.pos(section, "security"),
        )
        security = "starttls"
    password_env = m.text(section, "password_env")
    if password_env and not _ENV_NAME.fullmatch(password_env):
        m.d.error(
            "bad-password-env",
            "email: password_env is the name of an environment variable, such as "
            f"PAPERWORK_SMTP_PASSWORD (got {password_env!r})",
            m.pos(section, "password_env"),
        )
        password_env = ""
    addresses = {}
    for key in ("from", "reply_to"):
        text = m.text(section, key)
        if text and not _EMAIL.match(address_part(text)):
            m.d.error(
                "bad-email",
                f"email: {key} must be an email address like office@example.co.uk (got {text!r})",
                m.pos(section, key),
            )
            text = ""
        addresses[key] = text
    bcc_raw = section.get("bcc_self")
    bcc_self = False
    if bcc_raw is not None:
        said = _YES.get(str(bcc_raw).strip().lower())
        if said is None:
            m.d.error(
                "manifest-type",
                f"email: bcc_self must be yes or no (got {bcc_raw!r})",
                m.pos(section, "bcc_self"),
            )
        bcc_self = bool(said)
    return EmailSettings(
        pos=pos,
        host=m.text(section, "host"),
        port=port,
        security=security,
        user=m.text(section, "user"),
        password_env=password_env,
        sender=addresses["from"],
        reply_to=addresses["reply_to"],
        bcc_self=bcc_self,
    )
