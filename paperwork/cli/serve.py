"""``paperwork serve``: the productions in a page in the browser, served from this computer."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from paperwork.cli.common import A_PATH
from paperwork.errors import UsageError


@click.command("serve")
@click.argument("folders", nargs=-1, type=A_PATH)
@click.option(
    "--port", type=click.IntRange(0, 65535), default=0, help="Port (default: a free one)."
)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--token",
    default=None,
    help="The access token (default: a new random one each start). Needed with --host.",
)
@click.option("--no-browser", is_flag=True, help="Do not open the page in a browser.")
@click.option("-o", "--output", type=A_PATH, default=None,
              help="Where builds go (default: each production's out/ folder).")  # fmt: skip
def serve(
    folders: tuple[Path, ...],
    port: int,
    host: str,
    token: str | None,
    no_browser: bool,
    output: Path | None,
) -> None:
    """Open the productions in a page in your browser, served from this computer.

    FOLDER is a production folder, or a folder holding production folders (default: the
    current folder). The page needs the address printed at start (it carries a token).

    \b
    Examples:
      paperwork serve my-show
      paperwork serve ~/Productions --port 8765 --no-browser
    """
    import ipaddress
    import secrets
    import socket
    import webbrowser

    try:
        loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    if not loopback and token is None:
        raise UsageError(
            f"--host {host} would let other computers reach your productions; "
            "give --token too (a long random one), or leave --host out"
        )
    roots = [f for f in folders] or [Path.cwd()]
    gone = [str(f) for f in roots if not f.is_dir()]
    if gone:
        raise UsageError(f"no such folder: {', '.join(gone)}")
    if token is not None and len(token) < 16:
        raise UsageError("--token must be at least 16 characters")
    token = token or secrets.token_urlsafe(24)
    import uvicorn

    from paperwork.web import create_app

    app = create_app(roots, token, today=date.today, out=output)
    sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
        sock.listen(128)  # connections wait from now on, before the server has started
    except OSError as exc:
        raise UsageError(f"cannot listen on {host}:{port}: {exc.strerror}") from None
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{shown}:{sock.getsockname()[1]}/?token={token}"
    click.echo(f"Serving on {url}")
    click.echo("Press Ctrl-C to stop.")
    if not no_browser:
        webbrowser.open(url)
    config = uvicorn.Config(app, log_level="warning", lifespan="on")
    server = uvicorn.Server(config)
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:
        pass  # uvicorn stopped cleanly, then re-raised the Ctrl-C it had caught
    finally:
        sock.close()
    click.echo("Stopped.")
