"""End to end in a real headless Chromium (Debian's, driven by Playwright): the server
runs with uvicorn on 127.0.0.1 at a free port, on a copy of the demo."""

from __future__ import annotations

import io
import os
import shutil
import socket
import threading
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.web.conftest import TODAY, TOKEN

pytestmark = pytest.mark.slow  # builds whole productions or drives a browser

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"

if not CHROMIUM.exists():
    if os.environ.get("CI"):
        raise RuntimeError("CI must have Debian's chromium (.ci/setup installs it)")
    pytest.skip("Debian's chromium is not installed here", allow_module_level=True)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture
def server(demo: Path) -> Iterator[str]:
    """The real server, as ``paperwork serve`` runs it, in a thread; its signed-in URL."""
    import uvicorn

    from paperwork.web import create_app

    app = create_app([demo], TOKEN, today=lambda: TODAY)
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=srv.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=60)
    sock.close()


@pytest.fixture
def page(browser, server: str) -> Iterator[object]:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1280, "height": 860}, accept_downloads=True)
    p = context.new_page()
    p.set_default_timeout(30_000)
    p.goto(f"{server}/?token={TOKEN}")  # signs in: the cookie, then the address without it
    yield p
    context.close()


def _shoot(page, name: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A screenshot; kept for the README when PAPERWORK_SCREENSHOTS is set."""
    path = tmp_path / name
    page.screenshot(path=str(path))
    if os.environ.get("PAPERWORK_SCREENSHOTS"):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, SCREENSHOTS / name)


def test_home_page_shows_the_demo(page, server: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Signed in by the printed address; the demo's card fills in with its facts."""
    from playwright.sync_api import expect

    assert page.url == f"{server}/"
    card = page.locator(".card").first
    expect(card).to_contain_text("Harbour Light Pictures Ltd")
    expect(card).to_contain_text("0 errors")
    expect(card).to_contain_text("Next shoot day: day 1")
    expect(card.locator("h2")).to_have_text("The Salt Road")  # the title, once checked
    _shoot(page, "home.png", tmp_path)


def test_break_a_cell_then_fix_it(page, server: str, editing, demo: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Type a bad start date in the crew grid: the cell turns red and the problem is
    listed with a link to it; type the date back: both are gone."""
    from playwright.sync_api import expect

    page.locator(".card h2 a").first.click()
    header = (demo / "crew.csv").read_text("utf-8").splitlines()[0].split(",")
    page.locator("#table-crew summary").click()  # the crew table is folded at first
    cell = page.locator(f"#cell-crew-2-{header.index('start')}")
    expect(cell).to_have_text("2027-02-22")
    cell.click()
    page.keyboard.press("Control+A")
    page.keyboard.type("soon")
    page.keyboard.press("Enter")
    expect(cell).to_have_class("error")
    problem = page.locator("#problems li[data-code=bad-date]")
    expect(problem).to_contain_text("crew.csv:2:start")
    expect(problem.locator("a")).to_have_attribute("href", f"#{cell.get_attribute('id')}")
    assert ",soon," in (demo / "crew.csv").read_text("utf-8")
    cell.scroll_into_view_if_needed()
    _shoot(page, "cell-error.png", tmp_path)
    page.locator("#problems h2").scroll_into_view_if_needed()
    _shoot(page, "problems.png", tmp_path)
    cell.click()
    page.keyboard.press("Control+A")
    page.keyboard.type("2027-02-22")
    page.keyboard.press("Tab")
    expect(cell).not_to_have_class("error")
    expect(page.locator("#problems li[data-code=bad-date]")).to_have_count(0)
    assert ",2027-02-22," in (demo / "crew.csv").read_text("utf-8")


def test_build_clearance_letters(page, server: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Tick a kind and PDF, build, watch the progress reach done, download the zip and
    open a PDF's preview."""
    from playwright.sync_api import expect

    page.locator(".card h2 a").first.click()
    page.locator("input[name=kind][value=clearance-letters]").check()
    page.locator("input[name=format][value=pdf]").check()
    page.locator("#start-build").click()
    page.wait_for_url("**/builds/*")
    expect(page.locator("#build-state")).to_have_text("done", timeout=180_000)
    count = page.locator("#build-count").inner_text()
    done, total = count.split(" of ")
    assert done == total and int(total) > 1
    with page.expect_download() as info:
        page.locator("#zip-all").click()
    data = Path(info.value.path()).read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        names = zf.namelist()
    assert len(names) == int(total) and all(n.endswith(".pdf") for n in names)
    _shoot(page, "build.png", tmp_path)
    preview = page.locator("a.preview").first
    assert preview.get_attribute("target") == "_blank"
    response = page.request.get(server + str(preview.get_attribute("href")))
    assert response.ok
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["content-disposition"].startswith("inline")
    assert response.body().startswith(b"%PDF")


def test_a_table_saved_elsewhere_shows_while_the_page_is_open(page, demo: Path) -> None:  # type: ignore[no-untyped-def]
    """Excel saves crew.csv with a bad date: the open page shows the new value and marks
    it, without a reload."""
    from playwright.sync_api import expect

    page.locator(".card h2 a").first.click()
    page.locator("#table-crew summary").click()
    header = (demo / "crew.csv").read_text("utf-8").splitlines()[0].split(",")
    cell = page.locator(f"#cell-crew-2-{header.index('start')}")
    expect(cell).to_have_text("2027-02-22")
    crew = demo / "crew.csv"
    crew.write_text(crew.read_text("utf-8").replace(",2027-02-22,", ",soon,", 1), "utf-8")
    expect(cell).to_have_text("soon", timeout=15_000)
    expect(cell).to_have_class("error")
    expect(page.locator("#problems li[data-code=bad-date]")).to_have_count(1)


def test_keyboard_moves_and_a_pasted_column_fills_down(page, editing, demo: Path) -> None:  # type: ignore[no-untyped-def]
    """Arrows and Tab move between cells like a spreadsheet; a column copied from Excel
    (newline-separated) pasted into a cell fills it and the cells below, each saved."""
    import csv

    from playwright.sync_api import expect

    page.locator(".card h2 a").first.click()
    page.locator("#table-crew summary").click()
    header = (demo / "crew.csv").read_text("utf-8").splitlines()[0].split(",")
    notes = header.index("notes")
    first = page.locator(f"#cell-crew-2-{notes}")
    first.click()
    page.keyboard.press("ArrowDown")
    expect(page.locator(f"#cell-crew-3-{notes}")).to_be_focused()
    page.keyboard.press("Shift+Tab")
    expect(page.locator(f"#cell-crew-3-{notes - 1}")).to_be_focused()
    page.keyboard.press("ArrowUp")
    expect(page.locator(f"#cell-crew-2-{notes - 1}")).to_be_focused()

    first.click()
    first.evaluate(
        """(td) => {
            const data = new DataTransfer();
            data.setData("text/plain", "Pasted one\\r\\nPasted two\\r\\nPasted three\\r\\n");
            td.dispatchEvent(new ClipboardEvent("paste", {clipboardData: data, bubbles: true}));
        }"""
    )
    expect(page.locator("#grid-status")).to_have_text("Pasted 3 cell(s).")
    rows = list(csv.reader((demo / "crew.csv").read_text("utf-8").splitlines()))
    assert [r[notes] for r in rows[1:4]] == ["Pasted one", "Pasted two", "Pasted three"]
    expect(page.locator(f"#cell-crew-4-{notes}")).to_have_text("Pasted three")
