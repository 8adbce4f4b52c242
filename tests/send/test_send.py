"""paperwork send: one message per recipient, dry run first, never twice, against a real
SMTP server on localhost."""

from __future__ import annotations

import csv
import hashlib
import ssl
from datetime import UTC, date, datetime
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

import pytest

from paperwork.builders.base import BuildOptions
from paperwork.errors import Diagnostics
from paperwork.pipeline import BuildRequest, build_documents, prepare_script, with_breakdown
from paperwork.readers.production import read_production
from paperwork.resources import templates_dir
from paperwork.send.compose import BodyTemplates
from paperwork.send.log import LOG_NAME, SendLog, read_log
from paperwork.send.plan import plan_messages
from paperwork.send.run import UNCONFIRMED, Batch, deliver, prepare
from paperwork.send.transport import SmtpTransport

from .conftest import (
    DATE,
    DAY3,
    Handler,
    free_port,
    run,
    self_signed,
    serve_to,
    server_tls,
)

WHEN = datetime(2026, 12, 2, 9, 30, tzinfo=UTC)
CALLED_DAY3 = 23  # the demo's day 3: 6 cast and 17 crew, each with their own address


def send(show: Path, *args: str) -> tuple[int, str]:
    return run(
        "send", str(show), "--kind", "call-sheets", "--day", "3", "-o", str(show / "out"),
        *DATE, *args,
    )  # fmt: skip


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def parse(path: Path) -> EmailMessage:
    msg = message_from_bytes(path.read_bytes(), policy=policy.default)
    assert isinstance(msg, EmailMessage)
    return msg


def log_rows(show: Path) -> list[dict[str, str]]:
    with (show / "out" / LOG_NAME).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def attachment_shas(msg: EmailMessage) -> dict[str, str]:
    return {str(part.get_filename()): sha(part.get_content()) for part in msg.iter_attachments()}


# --- dry run --------------------------------------------------------------------------------


@pytest.mark.slow  # renders documents: over a second
def test_dry_run_writes_one_draft_per_person_that_parses_back(show: Path) -> None:
    """A dry run writes one .eml per person called, each to one address, with their own call."""
    code, out = send(show)
    assert code == 0, out
    drafts = sorted((show / "out" / "drafts" / "call-sheets").glob("*.eml"))
    assert len(drafts) == CALLED_DAY3
    built = sha((show / "out" / f"{DAY3}.pdf").read_bytes())
    addresses = []
    for path in drafts:
        msg = parse(path)
        assert len(msg["To"].addresses) == 1 and msg["Cc"] is None and msg["Bcc"] is None
        assert attachment_shas(msg) == {f"{DAY3}.pdf": built}
        addresses.append(msg["To"].addresses[0].addr_spec)
    assert len(set(addresses)) == CALLED_DAY3
    nadia = parse(next(p for p in drafts if "nadia-rennick" in p.name))
    body = nadia.get_body(("plain",)).get_content().splitlines()
    assert body[:2] == ["Your call: 06:45", "Pick-up: 06:15 Home (Clifton)"]
    olu = parse(next(p for p in drafts if "olu-adebayo" in p.name))
    assert olu.get_body(("plain",)).get_content().splitlines()[0] == "Your call: 05:30"
    assert "(your call 05:30)" in olu["Subject"]
    assert not (show / "out" / LOG_NAME).exists()  # a dry run sends and logs nothing


def test_drafts_are_the_same_bytes_twice(show: Path, tmp_path: Path) -> None:
    """The same inputs and time make the same messages: Message-ID and MIME boundary come
    from the content, not from the clock or a random number; --eml writes them where asked."""
    first, second = _batch(show), _batch(show)
    assert [o.data for o in first.outgoing] == [o.data for o in second.outgoing]
    assert len({o.message_id for o in first.outgoing}) == CALLED_DAY3
    drafts = tmp_path / "drafts"
    assert send(show, "--eml", str(drafts))[0] == 0
    assert len(list(drafts.glob("*.eml"))) == CALLED_DAY3
    assert not (show / "out" / "drafts").exists()


@pytest.mark.slow  # renders documents: over a second
def test_dry_run_builds_what_is_not_built_yet(tmp_path: Path) -> None:
    """Sending from an empty output folder builds the documents it attaches."""
    from .conftest import DEMO

    out = tmp_path / "out"
    code, text = run("send", str(DEMO), "--kind", "clearance-letters", "-o", str(out), *DATE)
    assert code == 0, text
    letters = sorted(out.glob("clearance-request_*.pdf"))
    drafts = sorted((out / "drafts" / "clearance-letters").glob("*.eml"))
    # nine holders; Marisol Ortega has only a postal address: her letter is posted, not
    # emailed, so it is not built here
    assert len(letters) == len(drafts) == 8
    assert not (out / "clearance-request_marisol-ortega_2026-12-02.pdf").exists()
    assert "clearances.csv:21:holder_email: warning" in text and "[post-instead]" in text
    gullwing = parse(next(p for p in drafts if "dev-okafor" in p.name))
    assert attachment_shas(gullwing) == {
        "clearance-request_gullwing-records-ltd_2026-12-02.pdf": sha(
            (out / "clearance-request_gullwing-records-ltd_2026-12-02.pdf").read_bytes()
        )
    }
    body = gullwing.get_body(("plain",)).get_content()
    assert "  - MU02: " in body and "  - MU04: " in body


# --- sending ---------------------------------------------------------------------------------


def test_send_delivers_each_their_own_and_a_rerun_sends_nothing(show: Path, smtp_server) -> None:
    """Every person called gets one message with the built PDF intact; a re-run sends 0."""
    serve_to(show, smtp_server.port)
    code, out = send(show, "--send")
    assert code == 0, out
    got = smtp_server.received
    assert len(got) == CALLED_DAY3
    built = sha((show / "out" / f"{DAY3}.pdf").read_bytes())
    for r in got:
        assert len(r.recipients) == 1  # never one To: list exposing everyone
        assert r.recipients == [r.message["To"].addresses[0].addr_spec]
        assert attachment_shas(r.message) == {f"{DAY3}.pdf": built}
        assert r.sender == "tom@harbourlight.example.co.uk"
        assert r.message["Reply-To"] == "office@harbourlight.example.co.uk"
    rows = log_rows(show)
    assert [r["result"] for r in rows] == ["attempted", "sent"] * CALLED_DAY3
    assert {r["sha256"] for r in rows} == {built}
    sent_ids = {r["message_id"] for r in rows if r["result"] == "sent"}
    assert sent_ids == {str(r.message["Message-ID"]) for r in got}

    code, out = send(show, "--send")
    assert code == 0, out
    assert len(smtp_server.received) == CALLED_DAY3
    assert f"0 message(s) to send, {CALLED_DAY3} held back ({CALLED_DAY3} already sent" in out


def test_a_refused_recipient_is_reported_and_the_rest_go(show: Path, smtp_server) -> None:
    """A 550 for one address: the others are sent, the run exits 1, a re-run retries only it."""
    serve_to(show, smtp_server.port)
    smtp_server.handler.refuse = {"hannah.price@example.com"}
    code, out = send(show, "--send")
    assert code == 1
    assert "failed: hannah.price@example.com" in out and "550" in out
    assert "Sent 22, failed 1, unconfirmed 0" in out
    assert len(smtp_server.received) == CALLED_DAY3 - 1
    last = {r["to"]: r for r in log_rows(show)}
    assert last["hannah.price@example.com"]["result"] == "failed"

    smtp_server.handler.refuse = set()
    code, out = send(show, "--send")
    assert code == 0, out
    assert "Sent 1, failed 0" in out
    to = [r.recipients[0] for r in smtp_server.received]
    assert len(to) == len(set(to)) == CALLED_DAY3


def test_a_dropped_connection_loses_nothing_and_duplicates_nothing(show: Path, smtp_server) -> None:
    """The connection drops while one message is handed over: it is reported unconfirmed,
    the rest go on a new connection, and a re-run does not send it blindly."""
    serve_to(show, smtp_server.port)
    smtp_server.handler.drop = {"olu.adebayo@example.com"}
    code, out = send(show, "--send")
    assert code == 1
    assert "unconfirmed: olu.adebayo@example.com" in out
    assert "Sent 22, failed 0, unconfirmed 1" in out
    assert len(smtp_server.received) == CALLED_DAY3 - 1

    code, out = send(show, "--send")  # the unconfirmed one is held for the user to decide
    assert code == 0
    assert "unconfirmed   Olu Adebayo <olu.adebayo@example.com>" in out
    assert len(smtp_server.received) == CALLED_DAY3 - 1

    code, out = send(show, "--send", "--resend", "Olu Adebayo")
    assert code == 0, out
    to = [r.recipients[0] for r in smtp_server.received]
    assert len(to) == len(set(to)) == CALLED_DAY3


def test_confirm_records_an_unconfirmed_message_without_sending(show: Path, smtp_server) -> None:
    """--confirm NAME marks an unconfirmed message as received; it is then never sent."""
    serve_to(show, smtp_server.port)
    smtp_server.handler.drop = {"olu.adebayo@example.com"}
    assert send(show, "--send")[0] == 1
    code, out = send(show, "--send", "--confirm", "olu.adebayo@example.com")
    assert code == 0, out
    assert (
        f"0 message(s) to send, {CALLED_DAY3} held back ({CALLED_DAY3} already sent, 0 unconfirmed)"
        in out
    )
    assert log_rows(show)[-1]["result"] == "sent"
    assert len(smtp_server.received) == CALLED_DAY3 - 1


def test_a_missing_address_is_located_and_nothing_is_sent(show: Path, smtp_server) -> None:
    """A crew member called that day with no email: an error at the cell, nothing sent."""
    serve_to(show, smtp_server.port)
    crew = show / "crew.csv"
    crew.write_text(
        crew.read_text(encoding="utf-8").replace("hannah.price@example.com", ""),
        encoding="utf-8",
    )
    code, out = send(show, "--send")
    assert code == 1
    assert "crew.csv:3:email: error: Hannah Price has no email address" in out
    assert "[no-email]" in out
    assert smtp_server.received == [] and not (show / "out" / LOG_NAME).exists()


def test_attachments_over_the_limit_are_reported_before_sending(show: Path, smtp_server) -> None:
    """Attachments past --max-size: an error for each message, nothing sent."""
    serve_to(show, smtp_server.port)
    code, out = send(show, "--send", "--max-size", "0.01")
    assert code == 1
    assert out.count("[attachment-too-large]") == CALLED_DAY3
    assert "cast.csv:2:email: error" in out  # Nadia Rennick's row
    assert smtp_server.received == []


def test_send_without_a_server_is_a_usage_error(show: Path) -> None:
    """--send with no email: host stops with exit 2 and sends nothing."""
    code, out = send(show, "--send")
    assert code == 2 and "email: host" in out
    assert not (show / "out" / LOG_NAME).exists()


def test_the_password_is_read_from_the_named_environment_variable(show: Path) -> None:
    """password_env names a variable; unset, the run stops before connecting."""
    manifest = show / "production.yaml"
    manifest.write_text(
        manifest.read_text(encoding="utf-8")
        + "\nemail:\n  host: 127.0.0.1\n  port: 1\n  user: tom\n  password_env: PW_FOR_TEST\n",
        encoding="utf-8",
    )
    code, out = send(show, "--send")
    assert code == 2 and "PW_FOR_TEST" in out


# --- the pieces, through the API ---------------------------------------------------------------


def _planned(show: Path):  # type: ignore[no-untyped-def]
    d = Diagnostics()
    production = read_production(show, d)
    assert production is not None
    request = BuildRequest(
        today=date(2026, 12, 2),
        kinds=("call-sheets",),
        formats=("pdf",),
        options=BuildOptions(day=3, issued=show / "out"),
    )
    request = with_breakdown(request, prepare_script(production, d))
    docs = build_documents(production, request, d)
    messages = plan_messages(production, "call-sheets", docs, d)
    assert not d.has_errors, list(d)
    return production, messages


def _batch(show: Path, resend: tuple[str, ...] = ()) -> Batch:
    production, messages = _planned(show)
    d = Diagnostics()
    batch = prepare(
        production,
        "call-sheets",
        messages,
        folder=show / "out",
        formats=("pdf",),
        history=read_log(show / "out" / LOG_NAME, d),
        resend=resend,
        when=WHEN,
        templates=BodyTemplates([templates_dir()]),
        max_bytes=10 << 20,
        diagnostics=d,
    )
    assert not d.has_errors
    return batch


def test_starttls_against_a_self_signed_certificate(show: Path, tmp_path: Path) -> None:
    """STARTTLS with a certificate made here, and a login the server only allows over TLS."""
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult

    cert, key = self_signed(tmp_path)
    logins: list[tuple[bytes, bytes]] = []

    def authenticator(server, session, envelope, mechanism, auth_data):  # type: ignore[no-untyped-def]
        logins.append((auth_data.login, auth_data.password))
        return AuthResult(success=auth_data.password == b"s3cret")

    handler = Handler()
    port = free_port()
    controller = Controller(
        handler,
        hostname="127.0.0.1",
        port=port,
        tls_context=server_tls(cert, key),
        require_starttls=True,
        authenticator=authenticator,
        auth_require_tls=True,
    )
    controller.start()
    try:
        batch = _batch(show)
        client = ssl.create_default_context(cafile=str(cert))
        transport = SmtpTransport(
            "127.0.0.1", port, "starttls", "tom", "s3cret", timeout=10, ssl_context=client
        )
        report = deliver(
            batch.outgoing[:3],
            transport,
            SendLog(show / "out" / LOG_NAME),
            clock=lambda: WHEN,
            envelope_from="tom@harbourlight.example.co.uk",
            sleep=lambda s: None,
        )
        assert report.ok and len(report.sent) == 3
        assert logins == [(b"tom", b"s3cret")]  # one login: the connection is kept
        assert len(handler.received) == 3

        untrusting = SmtpTransport(  # the system's CAs do not know this certificate
            "127.0.0.1", port, "starttls", "tom", "s3cret", timeout=10
        )
        report = deliver(
            batch.outgoing[3:4],
            untrusting,
            SendLog(show / "out" / LOG_NAME),
            clock=lambda: WHEN,
            envelope_from="tom@harbourlight.example.co.uk",
            sleep=lambda s: None,
        )
        assert not report.sent and "certificate" in report.stopped.lower()
        assert len(handler.received) == 3
    finally:
        controller.stop()


def test_a_rate_limit_is_retried_with_backoff(show: Path, smtp_server) -> None:
    """451 twice, then accepted: waits 2 s then 4 s (the sleep is passed in), sent once."""
    smtp_server.handler.defer_first = 2
    waits: list[float] = []
    batch = _batch(show)
    report = deliver(
        batch.outgoing[:2],
        SmtpTransport("127.0.0.1", smtp_server.port, "none", timeout=10),
        SendLog(show / "out" / LOG_NAME),
        clock=lambda: WHEN,
        envelope_from="tom@harbourlight.example.co.uk",
        sleep=waits.append,
    )
    assert waits == [2.0, 4.0]
    assert report.ok and len(smtp_server.received) == 2


class _Crashes:
    """A transport that accepts one message, then the user presses Ctrl-C."""

    def __init__(self) -> None:
        self.sent: list[bytes] = []

    def send(self, sender, recipients, data) -> None:  # type: ignore[no-untyped-def]
        if self.sent:
            raise KeyboardInterrupt
        self.sent.append(data)

    def close(self) -> None:
        pass


def test_a_crash_mid_send_leaves_the_message_unconfirmed_not_resent(show: Path) -> None:
    """Ctrl-C while a message is handed over: the log says attempted, and the next run
    holds it as unconfirmed instead of sending it again."""
    batch = _batch(show)
    with pytest.raises(KeyboardInterrupt):
        deliver(
            batch.outgoing,
            _Crashes(),
            SendLog(show / "out" / LOG_NAME),
            clock=lambda: WHEN,
            envelope_from="tom@harbourlight.example.co.uk",
            sleep=lambda s: None,
        )
    rows = log_rows(show)
    assert [r["result"] for r in rows] == ["attempted", "sent", "attempted"]
    again = _batch(show)
    held = dict((m.address, why) for m, why in again.held)
    assert held == {
        batch.outgoing[0].plan.address: "already sent",
        batch.outgoing[1].plan.address: UNCONFIRMED,
    }
    assert len(again.outgoing) == CALLED_DAY3 - 2
    resent = _batch(show, resend=(batch.outgoing[1].plan.address,))
    assert len(resent.outgoing) == CALLED_DAY3 - 1


@pytest.mark.slow  # renders documents: over a second
def test_a_changed_body_is_sent_again(show: Path, smtp_server) -> None:
    """The production's own body template wins over the bundled one; once the words
    change, a message already sent counts as changed and goes again."""
    serve_to(show, smtp_server.port)
    assert send(show, "--send")[0] == 0
    (show / "templates").mkdir()
    (show / "templates" / "email_call_sheet.txt").write_text(
        "Subject: {{ production_title }} & co: day {{ day_of }}\n\n"
        "Your call: {{ call }} & pick-up: {{ pick_up or 'none' }}\n",
        encoding="utf-8",
    )
    manifest = show / "production.yaml"
    manifest.write_text(
        manifest.read_text(encoding="utf-8") + "templates: templates\n", encoding="utf-8"
    )
    code, out = send(show, "--send")
    assert code == 0, out
    assert f"Sent {CALLED_DAY3}," in out
    latest = smtp_server.received[-1].message
    assert latest["Subject"].startswith("The Salt Road & co: day Day 3 of 10")  # not &amp;
    assert latest.get_body(("plain",)).get_content().startswith("Your call: ")


# --- the other kinds -------------------------------------------------------------------------


def test_crew_contracts_go_one_each_and_the_cost_summary_to_no_one(show: Path) -> None:
    """Each freelancer's contract to their own address; the summary is never planned."""
    d = Diagnostics()
    production = read_production(show, d)
    assert production is not None
    request = BuildRequest(today=date(2026, 12, 2), kinds=("crew-contracts",))
    docs = build_documents(production, request, d)
    messages = plan_messages(production, "crew-contracts", docs, d)
    stems = [s for m in messages for s in m.stems]
    assert any(doc.stem.startswith("crew-summary") for doc in docs)
    assert not any(s.startswith("crew-summary") for s in stems)
    assert len(messages) == len(stems) == 20
    hannah = next(m for m in messages if m.name == "Hannah Price")
    assert hannah.address == "hannah.price@example.com"
    assert hannah.stems == ("contract_hannah-price_2026-12-02",)


def test_an_invalid_address_is_located_and_nothing_is_sent(show: Path, smtp_server) -> None:
    """A cast address that is not an address: an error at its cell, nothing sent."""
    serve_to(show, smtp_server.port)
    cast = show / "cast.csv"
    cast.write_text(
        cast.read_text(encoding="utf-8").replace(
            "bookings@westway.example.co.uk", "Westway bookings"
        ),
        encoding="utf-8",
    )
    code, out = send(show, "--send")
    assert code == 1
    assert "cast.csv:2:email: error" in out and "[bad-email]" in out
    assert smtp_server.received == [] and not (show / "out" / LOG_NAME).exists()


def test_a_holder_without_email_but_with_an_address_is_posted(show: Path) -> None:
    """Clearance letters: no holder_email but a postal address is a warning to post it;
    a holder with several rows is one message carrying every item."""
    d = Diagnostics()
    production = read_production(show, d)
    assert production is not None
    request = BuildRequest(today=date(2026, 12, 2), kinds=("clearance-letters",))
    docs = build_documents(production, request, d)
    messages = plan_messages(production, "clearance-letters", docs, d)
    posted = [x for x in d if x.code == "post-instead"]
    assert [str(x.pos) for x in posted] == ["clearances.csv:21:holder_email"]
    assert len(messages) == len(docs) - 1
    tidewater = next(m for m in messages if m.address.startswith("licensing@tidewater"))
    assert tidewater.body["item_count"] == "2 items"


def test_help_has_examples() -> None:
    """send --help explains itself with examples."""
    code, out = run("send", "--help")
    assert code == 0 and "paperwork send my-show" in out.split("Example", 1)[1]


def test_docx_on_request(show: Path) -> None:
    """--attach pdf --attach docx: both files, each with its own MIME type, built if missing."""
    pdf = show / "out" / f"{DAY3}.pdf"
    pdf.write_bytes(pdf.read_bytes() + b"% the issued file\n")  # as issued: never rebuilt
    code, out = send(show, "--attach", "pdf", "--attach", "docx")
    assert code == 0, out
    assert (show / "out" / f"{DAY3}.docx").is_file()
    assert pdf.read_bytes().endswith(b"% the issued file\n")
    draft = next((show / "out" / "drafts" / "call-sheets").glob("*.eml"))
    parts = {p.get_filename(): p.get_content_type() for p in parse(draft).iter_attachments()}
    assert parts == {
        f"{DAY3}.pdf": "application/pdf",
        f"{DAY3}.docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    }


def test_bcc_self_copies_the_office_without_a_bcc_header(show: Path, smtp_server) -> None:
    """bcc_self: the from address is a second envelope recipient; no header shows it."""
    serve_to(show, smtp_server.port)
    manifest = show / "production.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8") + "  bcc_self: yes\n")
    assert send(show, "--send")[0] == 0
    assert len(smtp_server.received) == CALLED_DAY3
    for r in smtp_server.received:
        assert r.recipients[1:] == ["tom@harbourlight.example.co.uk"]
        assert r.message["Bcc"] is None and r.message["Cc"] is None


@pytest.mark.slow  # renders documents: over a second
def test_a_reissued_call_sheet_goes_to_everyone_again(show: Path, smtp_server) -> None:
    """After Rev 1 went, --version 2 sends Rev 2's file: a changed message for everyone."""
    serve_to(show, smtp_server.port)
    assert send(show, "--send")[0] == 0
    code, out = send(show, "--send", "--version", "2")
    assert code == 0, out
    assert "[reissue-without-changes]" in out  # the builder's own warning still shows
    assert len(smtp_server.received) == 2 * CALLED_DAY3
    latest = smtp_server.received[-1].message
    assert list(attachment_shas(latest)) == ["call-sheet_day03_2027-03-03_v2.pdf"]
    assert "(Rev 2)" in latest.get_body(("plain",)).get_content()
