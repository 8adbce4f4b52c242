"""``paperwork serve``: the printed address, the refusal of an exposed host, Ctrl-C."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from paperwork.cli import main

REPO = Path(__file__).resolve().parents[2]


def test_a_non_loopback_host_needs_an_explicit_token(demo: Path) -> None:
    """--host 0.0.0.0 alone is refused (exit 2) before anything listens."""
    r = CliRunner().invoke(main, ["serve", str(demo), "--host", "0.0.0.0", "--no-browser"])
    assert r.exit_code == 2
    assert "--token" in r.output


def test_a_short_token_and_a_missing_folder_are_refused(demo: Path, tmp_path: Path) -> None:
    r = CliRunner().invoke(main, ["serve", str(demo), "--token", "short", "--no-browser"])
    assert r.exit_code == 2 and "16 characters" in r.output
    r = CliRunner().invoke(main, ["serve", str(tmp_path / "nope"), "--no-browser"])
    assert r.exit_code == 2 and "no such folder" in r.output


@pytest.mark.slow  # renders documents: over a second
def test_serve_prints_its_address_answers_and_stops_on_ctrl_c(demo: Path) -> None:
    """The printed URL signs in; without the token 401; SIGINT ends it with exit 0."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "paperwork.cli", "serve", str(demo), "--no-browser"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=REPO,
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        m = re.fullmatch(r"Serving on (http://127\.0\.0\.1:(\d+)/)\?token=([\w-]{20,})\n", line)
        assert m, line
        base, token = m[1], m[3]
        try:
            urllib.request.urlopen(base + "api/productions", timeout=30)
            raise AssertionError("answered without the token")
        except urllib.error.HTTPError as exc:
            assert exc.code == 401
        request = urllib.request.Request(
            base + "api/productions", headers={"Authorization": f"Bearer {token}"}
        )
        with urllib.request.urlopen(request, timeout=60) as r:
            assert b"The Salt Road" in r.read()
    finally:
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert "Stopped." in out
