"""Messages per second from `paperwork send` to an SMTP server on localhost.

Builds the demo's day-3 call sheet once, plans its messages (one per person called, each
with the 41 KB PDF), then delivers them ROUNDS times to an aiosmtpd server in this process,
with a fresh send log each round (so each round really sends all of them), over one kept
connection. Prints composing and delivering rates separately: delivery includes writing
and fsync-ing two log rows per message (attempted, then sent), which is the price of never
sending twice.

    python bench/send.py [--rounds 10] [--starttls]
"""

from __future__ import annotations

import argparse
import shutil
import socket
import ssl
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--starttls", action="store_true", help="STARTTLS, self-signed cert")
    args = parser.parse_args()

    from aiosmtpd.controller import Controller
    from click.testing import CliRunner

    from paperwork.builders.base import BuildOptions
    from paperwork.cli import main as cli
    from paperwork.errors import Diagnostics
    from paperwork.pipeline import BuildRequest, build_documents, prepare_script, with_breakdown
    from paperwork.readers.production import read_production
    from paperwork.resources import templates_dir
    from paperwork.send.compose import BodyTemplates
    from paperwork.send.log import SendLog
    from paperwork.send.plan import plan_messages
    from paperwork.send.run import deliver, prepare
    from paperwork.send.transport import SmtpTransport

    work = Path(tempfile.mkdtemp(prefix="send-bench-"))
    try:
        demo = REPO / "fixtures" / "demo"
        out = work / "out"
        result = CliRunner().invoke(
            cli,
            ["send", str(demo), "--kind", "call-sheets", "--day", "3", "-o", str(out)]
            + ["--date", "2026-12-02"],
        )
        assert result.exit_code == 0, result.output
        d = Diagnostics()
        production = read_production(demo, d)
        assert production is not None
        request = BuildRequest(
            today=date(2026, 12, 2), kinds=("call-sheets",), options=BuildOptions(day=3)
        )
        request = with_breakdown(request, prepare_script(production, d))
        messages = plan_messages(
            production, "call-sheets", build_documents(production, request, d), d
        )

        started = time.perf_counter()
        batch = None
        for _ in range(args.rounds):
            batch = prepare(
                production, "call-sheets", messages, folder=out, formats=("pdf",), history={},
                resend=(), when=datetime(2026, 12, 2, 9, 0, tzinfo=UTC),
                templates=BodyTemplates([templates_dir()]), max_bytes=10 << 20, diagnostics=d,
            )  # fmt: skip
        compose_s = time.perf_counter() - started
        assert batch is not None

        class Count:
            n = 0

            async def handle_DATA(self, server, session, envelope):  # noqa: N802
                self.n += 1
                return "250 OK"

        handler = Count()
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        kwargs: dict[str, object] = {}
        client_ctx = None
        if args.starttls:
            from send.conftest import self_signed, server_tls

            cert, key = self_signed(work)
            kwargs = {"tls_context": server_tls(cert, key), "require_starttls": True}
            client_ctx = ssl.create_default_context(cafile=str(cert))
        controller = Controller(handler, hostname="127.0.0.1", port=port, **kwargs)
        controller.start()
        try:
            total = 0
            started = time.perf_counter()
            for r in range(args.rounds):
                transport = SmtpTransport(
                    "127.0.0.1", port, "starttls" if args.starttls else "none",
                    ssl_context=client_ctx,
                )  # fmt: skip
                report = deliver(
                    batch.outgoing, transport, SendLog(work / f"sent-{r}.csv"),
                    clock=lambda: datetime(2026, 12, 2, 9, 0, tzinfo=UTC),
                    envelope_from="tom@harbourlight.example.co.uk", sleep=time.sleep,
                )  # fmt: skip
                assert report.ok
                total += len(report.sent)
            send_s = time.perf_counter() - started
        finally:
            controller.stop()
        assert handler.n == total
        size = sum(o.size for o in batch.outgoing) / len(batch.outgoing)
        print(f"messages: {total} ({len(batch.outgoing)} per round x {args.rounds}), "
              f"{size / 1024:.0f} KB each, {'STARTTLS' if args.starttls else 'plain'}")  # fmt: skip
        print(f"compose:  {total / compose_s:8.1f} messages/s")
        print(f"deliver:  {total / send_s:8.1f} messages/s to the local server (log fsync'd)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
