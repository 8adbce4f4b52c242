"""The server's routes through Starlette's test client: auth, CSRF, files, API, builds."""

from __future__ import annotations

import io
import shutil
import time
import zipfile
from pathlib import Path

import pytest

from tests.web.conftest import TODAY, TOKEN


def _pid(client) -> str:  # type: ignore[no-untyped-def]
    return client.get("/api/productions").json()[0]["id"]


def _wait(client, bid: str, timeout: float = 120) -> dict:  # type: ignore[no-untyped-def]
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        s = client.get(f"/api/builds/{bid}").json()
        if s["state"] in ("done", "failed"):
            return s
        time.sleep(0.2)
    raise AssertionError(f"build {bid} did not finish: {s}")


# -- signing in --


def test_every_route_needs_the_token(app) -> None:  # type: ignore[no-untyped-def]
    """No cookie, no Bearer: 401 on pages, API, files and static alike."""
    from starlette.testclient import TestClient

    with TestClient(app, base_url="http://127.0.0.1:8765") as c:
        for path in ("/", "/api/productions", "/static/htmx.min.js", "/builds/b1", "/nope"):
            assert c.get(path).status_code == 401, path
        assert c.get("/", headers={"Cookie": "paperwork_token=wrong"}).status_code == 401
        assert c.get("/", headers={"Authorization": "Bearer wrong"}).status_code == 401
        assert c.get("/?token=wrong", follow_redirects=False).status_code == 401
        assert (
            c.get("/api/productions", headers={"Authorization": f"Bearer {TOKEN}"}).status_code
            == 200
        )


def test_token_sets_a_strict_cookie_and_leaves_the_address(app) -> None:  # type: ignore[no-untyped-def]
    """?token= answers a redirect to the same address without it, and an HttpOnly cookie."""
    from starlette.testclient import TestClient

    with TestClient(app, base_url="http://127.0.0.1:8765") as c:
        r = c.get(f"/api/productions?x=1&token={TOKEN}", follow_redirects=False)
        assert r.status_code == 303
        assert r.headers["location"] == "/api/productions?x=1"
        cookie = r.headers["set-cookie"]
        assert f"paperwork_token={TOKEN}" in cookie
        assert "HttpOnly" in cookie and "samesite=strict" in cookie.lower()
        assert c.get("/api/productions").status_code == 200  # the cookie is enough now


def test_changing_requests_need_the_csrf_header_and_same_origin(client, csrf) -> None:  # type: ignore[no-untyped-def]
    """Cookie alone cannot POST; a wrong origin or a cross-site fetch is refused too."""
    pid = _pid(client)
    url = f"/api/productions/{pid}/builds"
    body = {"kinds": ["nonsense"]}  # 400 once through: nothing is started
    assert client.post(url, json=body).status_code == 403
    assert client.post(url, json=body, headers={"X-Paperwork-CSRF": "guess"}).status_code == 403
    evil = {**csrf, "Origin": "http://evil.example"}
    assert client.post(url, json=body, headers=evil).status_code == 403
    cross = {**csrf, "Sec-Fetch-Site": "cross-site"}
    assert client.post(url, json=body, headers=cross).status_code == 403
    same = {**csrf, "Origin": "http://127.0.0.1:8765", "Sec-Fetch-Site": "same-origin"}
    assert client.post(url, json=body, headers=same).status_code == 400
    bearer = {"Authorization": f"Bearer {TOKEN}"}  # automation: no ambient credential
    client.cookies.clear()
    assert client.post(url, json=body, headers=bearer).status_code == 400


# -- pages and the API --


def test_home_lists_the_demo_with_its_facts(client) -> None:  # type: ignore[no-untyped-def]
    """Title, company, shoot dates, next day, what can be built, and counts."""
    pid = _pid(client)
    home = client.get("/")
    assert home.status_code == 200
    assert f'href="/productions/{pid}"' in home.text
    summary = client.get(f"/productions/{pid}/summary").text
    assert "The Salt Road" in client.get("/").text  # cached now: the title on the card
    assert f'id="title-{pid}" hx-swap-oob="true">The Salt Road</a>' in summary
    assert "Harbour Light Pictures Ltd" in summary
    assert "Mon 1 Mar 2027 to Fri 12 Mar 2027" in summary
    assert "Next shoot day: day 1, Mon 1 Mar 2027" in summary
    assert "clearance letters" in summary
    assert "0 errors" in summary and "11 warnings" in summary


def test_api_productions_and_check(client) -> None:  # type: ignore[no-untyped-def]
    """The fixed shapes: id/title/folder/errors/warnings, then each diagnostic's place."""
    [p] = client.get("/api/productions").json()
    assert set(p) >= {"id", "title", "folder", "errors", "warnings"}
    assert (p["title"], p["errors"], p["warnings"]) == ("The Salt Road", 0, 11)
    check = client.get(f"/api/productions/{p['id']}/check").json()
    assert check["errors"] == 0 and check["warnings"] == 11
    d = next(d for d in check["diagnostics"] if d["code"] == "licence-expired")
    assert (d["file"], d["line"], d["cell"]) == ("clearances.csv", 27, None)
    assert set(d) == {"severity", "code", "message", "file", "line", "column", "cell"}


def test_a_problem_is_marked_at_its_cell_and_linked(client, demo: Path) -> None:  # type: ignore[no-untyped-def]
    """crew.csv:2:start is bad: that td is marked, and the problem list links to it."""
    text = (demo / "crew.csv").read_text("utf-8").splitlines(keepends=True)
    text[1] = text[1].replace(",2027-02-22,", ",soon,", 1)
    (demo / "crew.csv").write_text("".join(text), "utf-8")
    pid = _pid(client)
    check = client.get(f"/api/productions/{pid}/check").json()
    bad = next(d for d in check["diagnostics"] if d["code"] == "bad-date")
    assert (bad["file"], bad["line"], bad["column"]) == ("crew.csv", 2, "start")
    page = client.get(f"/productions/{pid}").text
    header = (demo / "crew.csv").read_text("utf-8").splitlines()[0].split(",")
    cell = f"cell-crew-2-{header.index('start')}"
    assert f'<td id="{cell}" data-col="start" class="error"' in page
    assert f'<a href="#{cell}">crew.csv:2:start</a>' in page


def test_a_change_on_disk_is_picked_up(client, demo: Path) -> None:  # type: ignore[no-untyped-def]
    """Excel saving a table while the page is open: the next check sees it."""
    pid = _pid(client)
    assert client.get(f"/api/productions/{pid}/check").json()["errors"] == 0
    crew = demo / "crew.csv"
    crew.write_text(crew.read_text("utf-8").replace(",2027-02-22,", ",soon,", 1), "utf-8")
    assert client.get(f"/api/productions/{pid}/check").json()["errors"] == 1


def test_table_values_are_escaped(client, demo: Path) -> None:  # type: ignore[no-untyped-def]
    """A crew name <script>alert(1)</script> shows as text, on the page and in the problems."""
    crew = demo / "crew.csv"
    crew.write_text(
        crew.read_text("utf-8").replace("Ciarán O'Neill,", "<script>alert(1)</script>,", 1),
        "utf-8",
    )
    page = client.get(f"/productions/{_pid(client)}").text
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


# -- files --


@pytest.mark.parametrize(
    "path",
    [
        "../../../etc/passwd",
        "%2e%2e/%2e%2e/etc/passwd",
        "..%2f..%2fetc%2fpasswd",
        "%2E%2E%2Fcrew.csv",
        "/etc/passwd",
        "",
        ".",
        "out",
    ],
)
def test_production_files_stay_inside(client, path: str) -> None:  # type: ignore[no-untyped-def]
    """No .., no encoded .., no absolute path, no directory listing: 404 each."""
    r = client.get(f"/productions/{_pid(client)}/files/{path}")
    assert r.status_code == 404
    assert "root:" not in r.text


def test_no_symlink_escape(client, demo: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A link inside the folder to a file outside it is not served."""
    secret = tmp_path / "secret.txt"
    secret.write_text("top secret", "utf-8")
    (demo / "link.txt").symlink_to(secret)
    pid = _pid(client)
    assert client.get(f"/productions/{pid}/files/link.txt").status_code == 404
    assert client.get(f"/productions/{pid}/files/script.fountain").status_code == 200


def test_a_vanished_folder_gives_a_message(client, demo: Path) -> None:  # type: ignore[no-untyped-def]
    """Removed while the server runs: a clear page and a 410 in the API, no traceback."""
    pid = _pid(client)
    shutil.rmtree(demo)
    page = client.get(f"/productions/{pid}")
    assert page.status_code == 410
    assert "This production cannot be opened" in page.text and "Traceback" not in page.text
    api = client.get(f"/api/productions/{pid}/check")
    assert api.status_code == 410 and api.json()["error"] == "gone"
    assert client.get("/").status_code == 200
    assert "cannot be opened" in client.get(f"/productions/{pid}/summary").text


def test_an_unknown_production_or_build_is_404(client) -> None:  # type: ignore[no-untyped-def]
    assert client.get("/productions/nope").status_code == 404
    assert client.get("/api/productions/nope/check").status_code == 404
    assert client.get("/api/builds/b999").status_code == 404
    assert client.get("/api/builds/b999/zip").status_code == 404


# -- builds --


@pytest.mark.slow  # renders documents: over a second
def test_build_runs_in_a_worker_then_zips(client, csrf, demo: Path) -> None:  # type: ignore[no-untyped-def]
    """202 with an id; a second request while it runs is 409; done lists the files in a
    new numbered folder, and the zip holds them by bare name."""
    pid = _pid(client)
    url = f"/api/productions/{pid}/builds"
    body = {"kinds": ["clearance-letters"], "formats": ["pdf"]}
    r = client.post(url, json=body, headers=csrf)
    assert r.status_code == 202
    bid = r.json()["id"]
    assert client.get(f"/builds/{bid}").status_code == 200  # the page, while it runs
    assert client.post(url, json=body, headers=csrf).status_code == 409
    s = _wait(client, bid)
    assert s["state"] == "done", s
    assert "Download everything (zip)" in client.get(f"/builds/{bid}/progress").text
    assert s["done"] == s["total"] == len(s["files"]) > 1
    assert s["folder"] == "build-0001"
    names = sorted(f["name"] for f in s["files"])
    assert all((demo / "out" / "build-0001" / n).is_file() for n in names)
    z = client.get(f"/api/builds/{bid}/zip")
    assert z.status_code == 200 and z.headers["content-type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(z.content)) as zf:
        assert sorted(zf.namelist()) == names
        assert all("/" not in n and ".." not in n for n in zf.namelist())
    pdf = next(n for n in names if n.endswith(".pdf"))
    inline = client.get(f"/builds/{bid}/files/{pdf}?inline=1")
    assert inline.headers["content-disposition"].startswith("inline")
    assert inline.content.startswith(b"%PDF")
    assert client.get(f"/builds/{bid}/files/..%2f..%2fcrew.csv").status_code == 404
    # A second build goes into a new folder: the first is never overwritten.
    again = _wait(client, client.post(url, json=body, headers=csrf).json()["id"])
    assert again["folder"] == "build-0002"
    assert (demo / "out" / "build-0001" / pdf).is_file()


def test_a_build_of_a_broken_production_fails_with_its_problems(client, csrf, demo: Path) -> None:  # type: ignore[no-untyped-def]
    crew = demo / "crew.csv"
    crew.write_text(crew.read_text("utf-8").replace(",2027-02-22,", ",soon,", 1), "utf-8")
    pid = _pid(client)
    r = client.post(
        f"/api/productions/{pid}/builds", json={"kinds": ["crew-contracts"]}, headers=csrf
    )
    s = _wait(client, r.json()["id"])
    assert s["state"] == "failed"
    assert ("bad-date", "crew.csv", 2) in {
        (d["code"], d["file"], d["line"]) for d in s["diagnostics"]
    }
    assert not (demo / "out").exists() or not list((demo / "out").glob("build-*"))


def test_build_rejects_unknown_kinds(client, csrf) -> None:  # type: ignore[no-untyped-def]
    r = client.post(f"/api/productions/{_pid(client)}/builds", json={"kinds": ["x"]}, headers=csrf)
    assert r.status_code == 400


# -- editing and uploads --


def test_edit_a_cell_rechecks(client, csrf, editing, demo: Path) -> None:  # type: ignore[no-untyped-def]
    """An edit goes through paperwork.editing and answers the fresh check."""
    pid = _pid(client)
    edit = {"table": "crew", "row": 2, "column": "start", "value": "soon"}
    r = client.post(f"/api/productions/{pid}/cells", json=edit, headers=csrf)
    assert r.status_code == 200, r.text
    assert r.json()["errors"] == 1
    assert "soon" in (demo / "crew.csv").read_text("utf-8")
    r = client.post(f"/api/productions/{pid}/undo", json={}, headers=csrf)
    assert r.json()["undone"] is True and r.json()["errors"] == 0


def test_edit_refuses_a_malformed_request(client, csrf, editing) -> None:  # type: ignore[no-untyped-def]
    pid = _pid(client)
    for body in ({}, {"table": "crew", "row": "2", "column": "start", "value": "x"}, [1]):
        assert (
            client.post(f"/api/productions/{pid}/cells", json=body, headers=csrf).status_code == 400
        )


@pytest.mark.parametrize(
    ("name", "data", "why"),
    [
        ("crew.exe", b"MZ", "Upload a table"),
        ("crew.xlsx", b"name,role\n", "not an XLSX"),
        ("crew.csv", b"\x00\x01\x02", "not a text file"),
        ("draft.fountain", b"INT. ROOM - DAY\n", "does not fit"),
    ],
)
def test_uploads_are_checked_before_anything_reads_them(
    client, csrf, editing, name, data, why
) -> None:  # type: ignore[no-untyped-def]
    r = client.post(
        f"/productions/{_pid(client)}/upload",
        data={"table": "crew"},
        files={"file": (name, data)},
        headers=csrf,
    )
    assert r.status_code == 400 and why in r.text


def test_an_xlsx_zip_bomb_is_refused(client, csrf, editing) -> None:  # type: ignore[no-untyped-def]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/worksheets/sheet1.xml", b"0" * (50 << 20))
    r = client.post(
        f"/productions/{_pid(client)}/upload",
        data={"table": "crew"},
        files={"file": ("crew.xlsx", buffer.getvalue())},
        headers=csrf,
    )
    assert r.status_code == 400 and "zip bomb" in r.text


def test_an_upload_over_20_mb_is_refused(client, csrf, editing) -> None:  # type: ignore[no-untyped-def]
    r = client.post(
        f"/productions/{_pid(client)}/upload",
        data={"table": "crew"},
        files={"file": ("crew.csv", b"a," * (11 << 20))},
        headers=csrf,
    )
    assert r.status_code == 413


# -- new production --


def test_new_production_runs_init_beside_the_others(tmp_path: Path, csrf) -> None:  # type: ignore[no-untyped-def]
    from starlette.testclient import TestClient

    from paperwork.web import create_app

    shows = tmp_path / "shows"
    shows.mkdir()
    app = create_app([shows], TOKEN, today=lambda: TODAY)
    with TestClient(app, base_url="http://127.0.0.1:8765") as c:
        c.cookies.set("paperwork_token", TOKEN)
        assert c.get("/api/productions").json() == []
        r = c.post("/productions/new", data={"name": "My Show"}, headers=csrf)
        assert r.status_code == 204 and r.headers["HX-Redirect"].startswith("/productions/my-show-")
        assert (shows / "My Show" / "production.yaml").is_file()
        assert [p["title"] for p in c.get("/api/productions").json()] != []
        bad = c.post("/productions/new", data={"name": "../escape"}, headers=csrf)
        assert bad.status_code == 400 and not (tmp_path / "escape").exists()


# -- call sheets --


@pytest.mark.slow  # renders documents: over a second
def test_call_sheet_preview_then_issue_then_reissue(client, csrf, demo: Path) -> None:  # type: ignore[no-untyped-def]
    """Preview builds the next version's PDF aside; issuing writes Rev 1 with its snapshot
    into out/call-sheets; the page then offers Rev 2, and issuing again makes it."""
    pid = _pid(client)
    page = client.get(f"/productions/{pid}/callsheet?day=3").text
    assert "Not issued yet." in page and 'id="next-version">Rev 1<' in page
    r = client.post(f"/productions/{pid}/callsheet/3/preview", headers=csrf)
    s = _wait(client, r.headers["HX-Redirect"].rsplit("/", 1)[1])
    assert s["state"] == "done", s
    assert [f["name"] for f in s["files"]] == ["call-sheet_day03_2027-03-03_v1.pdf"]
    assert not (demo / "out" / "call-sheets").exists()  # a preview issues nothing

    r = client.post(f"/productions/{pid}/callsheet/3/issue", headers=csrf)
    s = _wait(client, r.headers["HX-Redirect"].rsplit("/", 1)[1])
    assert s["state"] == "done", s
    issued = sorted(p.name for p in (demo / "out" / "call-sheets").glob("call-sheet_*"))
    assert issued == [f"call-sheet_day03_2027-03-03_v1.{x}" for x in ("docx", "json", "pdf")]
    page = client.get(f"/productions/{pid}/callsheet?day=3").text
    assert "Rev 1: " in page and 'id="next-version">Rev 2<' in page
    pdf = client.get(f"/productions/{pid}/issued/call-sheet_day03_2027-03-03_v1.pdf?inline=1")
    assert pdf.content.startswith(b"%PDF")

    schedule = demo / "schedule.csv"  # the unit call moves: Rev 2 says so
    text = schedule.read_text("utf-8")
    schedule.write_text(text.replace("Main unit,L05,06:00,", "Main unit,L05,06:15,", 1), "utf-8")
    r = client.post(f"/productions/{pid}/callsheet/3/issue", headers=csrf)
    s = _wait(client, r.headers["HX-Redirect"].rsplit("/", 1)[1])
    assert s["state"] == "done", s
    assert (demo / "out" / "call-sheets" / "call-sheet_day03_2027-03-03_v2.pdf").is_file()
    page = client.get(f"/productions/{pid}/callsheet?day=3").text
    changes = page.split('<ul class="changes">', 1)[1].split("</ul>", 1)[0]
    assert "06:15" in changes  # Rev 2's changes since Rev 1, from its snapshot
    assert client.post(f"/productions/{pid}/callsheet/99/issue", headers=csrf).status_code == 400


# -- the script --


def test_script_page_breakdown_lock_and_revise(client, csrf, demo: Path) -> None:  # type: ignore[no-untyped-def]
    """The breakdown lists scenes; Lock writes script.lock.json; a revised draft uploaded
    with a colour issues the packet and full script, downloadable; a second lock is refused."""
    pid = _pid(client)
    page = client.get(f"/productions/{pid}/script").text
    assert "INT. PILOT&#39;S COTTAGE, PILL - NIGHT" in page and "Lock the script" in page
    assert '<a href="#line-16" class="to-line">script.fountain:16</a>' in page
    assert "scenes · " in page
    r = client.post(f"/productions/{pid}/script/lock", headers=csrf)
    assert r.status_code == 200 and "Locked: script.lock.json" in r.text
    assert (demo / "script.lock.json").is_file()
    assert "Lock the script" not in client.get(f"/productions/{pid}/script").text
    assert client.post(f"/productions/{pid}/script/lock", headers=csrf).status_code == 400

    draft = (demo / "script.fountain").read_text("utf-8")
    draft = draft.replace("Charts in frames.", "Charts in frames. A ship in a bottle.", 1)
    r = client.post(
        f"/productions/{pid}/script/revise",
        data={"colour": "Blue", "date": "2026-12-03"},
        files={"file": ("../../evil name.fountain", draft.encode("utf-8"))},
        headers=csrf,
    )
    assert r.status_code == 200, r.text
    folder = demo / "out" / "revisions" / "rev-0001"
    names = sorted(p.name for p in folder.iterdir())
    assert "draft.fountain" in names and not (demo.parent / "evil name.fountain").exists()
    packet = next(n for n in names if "-pages_" in n and n.endswith(".pdf"))
    full = next(n for n in names if "-full_" in n and n.endswith(".pdf"))
    assert "blue" in packet.lower()
    assert f"/productions/{pid}/revisions/rev-0001/{full}" in r.text
    got = client.get(f"/productions/{pid}/revisions/rev-0001/{packet}")
    assert got.status_code == 200 and got.content.startswith(b"%PDF")
    assert client.get(f"/productions/{pid}/revisions/..%2f..%2fcrew.csv").status_code == 404
    assert "rev-0001" in client.get(f"/productions/{pid}/script").text


def test_a_revision_with_problems_issues_nothing(client, csrf, demo: Path) -> None:  # type: ignore[no-untyped-def]
    pid = _pid(client)
    r = client.post(
        f"/productions/{pid}/script/revise",
        data={"colour": "Mauve-ish"},
        files={"file": ("x.fountain", (demo / "script.fountain").read_bytes())},
        headers=csrf,
    )
    assert r.status_code == 400 and 'data-code="unknown-colour"' in r.text
    assert not list((demo / "out" / "revisions").glob("rev-*"))


def test_a_yaml_problem_is_marked_at_its_line(client, demo: Path) -> None:  # type: ignore[no-untyped-def]
    """production.yaml is shown line by line; a bad value's line is marked and linked."""
    manifest = demo / "production.yaml"
    text = manifest.read_text("utf-8")
    manifest.write_text(text.replace("clearances: 18500", "clearances: lots", 1), "utf-8")
    line = text[: text.index("clearances: 18500")].count("\n") + 1
    pid = _pid(client)
    check = client.get(f"/api/productions/{pid}/check").json()
    bad = next(d for d in check["diagnostics"] if d["file"] == "production.yaml" and d["line"])
    assert bad["line"] == line and bad["severity"] == "error"
    page = client.get(f"/productions/{pid}").text
    assert f'<li id="yaml-line-{line}" class="error"' in page
    assert f'<a href="#yaml-line-{line}">production.yaml:{line}' in page


def test_the_script_is_shown_line_by_line_with_its_problems(client, demo: Path) -> None:  # type: ignore[no-untyped-def]
    script = demo / "script.fountain"
    script.write_text(script.read_text("utf-8") + "\n[[a note never closed\n", "utf-8")
    pid = _pid(client)
    problems = [
        d for d in client.get(f"/api/productions/{pid}/check").json()["diagnostics"]
        if d["file"] == "script.fountain" and d["line"]
    ]  # fmt: skip
    assert [d["code"] for d in problems] == ["unclosed-note"]
    line = problems[0]["line"]
    page = client.get(f"/productions/{pid}/script").text
    assert f'<li id="line-{line}" class="{problems[0]["severity"]}"' in page
    assert f'<a href="#line-{line}">script.fountain:{line}' in page


def test_an_xlsx_problem_is_at_its_cell(client, demo: Path) -> None:  # type: ignore[no-untyped-def]
    """A crew table kept in Excel: the API names the cell Crew!G2, the grid marks it."""
    import csv

    import openpyxl

    rows = list(csv.reader((demo / "crew.csv").read_text("utf-8").splitlines()))
    start = rows[0].index("start")
    rows[1][start] = "soon"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Crew"
    for row in rows:
        sheet.append(row)
    book.save(demo / "crew.xlsx")
    manifest = demo / "production.yaml"
    manifest.write_text(
        manifest.read_text("utf-8").replace("crew: crew.csv", "crew: crew.xlsx"), "utf-8"
    )
    pid = _pid(client)
    check = client.get(f"/api/productions/{pid}/check").json()
    bad = next(d for d in check["diagnostics"] if d["code"] == "bad-date")
    letter = chr(ord("A") + start)
    assert (bad["file"], bad["cell"]) == ("crew.xlsx", f"Crew!{letter}2")
    page = client.get(f"/productions/{pid}").text
    assert f'<td id="cell-crew-2-{start}" data-col="start" class="error"' in page
    assert f'<a href="#cell-crew-2-{start}">crew.xlsx:Crew!{letter}2</a>' in page


def test_an_upload_goes_through_editing_and_shows_its_problems(
    client, csrf, editing, demo: Path
) -> None:  # type: ignore[no-untyped-def]
    """A readable table replaces the old one; an unreadable one replaces nothing and its
    problems are shown (escaped). The upload's name is not used."""
    pid = _pid(client)
    crew = (demo / "crew.csv").read_bytes()
    url = f"/productions/{pid}/upload"
    r = client.post(
        url, data={"table": "crew"}, files={"file": ("x/../../a.csv", crew)}, headers=csrf
    )
    assert r.status_code == 200 and "Replaced." in r.text
    bad = b"name\n\xff\xfe<b>"
    r = client.post(url, data={"table": "crew"}, files={"file": ("crew.csv", bad)}, headers=csrf)
    assert "Nothing was replaced" in r.text
    assert (demo / "crew.csv").read_bytes() == crew
    r = client.post(url, data={"table": "nope"}, files={"file": ("crew.csv", crew)}, headers=csrf)
    assert r.status_code == 400 and "no table named" in r.text


def test_marks_give_the_problems_and_the_marked_cells(client, demo: Path) -> None:  # type: ignore[no-untyped-def]
    """What the page applies after an edit: counts, the problem list, each marked cell."""
    crew = demo / "crew.csv"
    crew.write_text(crew.read_text("utf-8").replace(",2027-02-22,", ",soon,", 1), "utf-8")
    header = crew.read_text("utf-8").splitlines()[0].split(",")
    data = client.get(f"/productions/{_pid(client)}/marks").json()
    assert data["errors"] == 1
    cell = f"cell-crew-2-{header.index('start')}"
    assert data["cells"][cell][0] == "error" and "[bad-date]" in data["cells"][cell][1]
    assert f'<a href="#{cell}">crew.csv:2:start</a>' in data["problems"]
    first = data["problems"].split('<li class="', 2)[1]
    assert first.startswith('error" data-code="bad-date"')  # errors before warnings
    assert "1 error" in data["summary"]


def test_the_stamp_changes_with_a_file(client, demo: Path) -> None:  # type: ignore[no-untyped-def]
    pid = _pid(client)
    first = client.get(f"/productions/{pid}/stamp").json()["stamp"]
    assert f'data-stamp="{first}"' in client.get(f"/productions/{pid}").text
    assert client.get(f"/productions/{pid}/stamp").json()["stamp"] == first
    (demo / "kit.csv").write_text((demo / "kit.csv").read_text("utf-8") + "\n", "utf-8")
    assert client.get(f"/productions/{pid}/stamp").json()["stamp"] != first


def test_a_new_script_draft_is_uploaded_through_editing(client, csrf, editing, demo: Path) -> None:  # type: ignore[no-untyped-def]
    pid = _pid(client)
    assert 'name="table" value="script"' in client.get(f"/productions/{pid}/script").text
    draft = (demo / "script.fountain").read_bytes().replace(b"Charts in frames.", b"Maps.", 1)
    url = f"/productions/{pid}/upload"
    r = client.post(
        url, data={"table": "script"}, files={"file": ("new.fountain", draft)}, headers=csrf
    )
    assert r.status_code == 200 and "Replaced." in r.text
    assert b"Maps." in (demo / "script.fountain").read_bytes()
    r = client.post(url, data={"table": "script"}, files={"file": ("x.csv", draft)}, headers=csrf)
    assert r.status_code == 400 and "does not fit" in r.text


def test_pages_carry_a_strict_content_security_policy(client) -> None:  # type: ignore[no-untyped-def]
    """Only this server's own scripts run; nothing frames the page; no sniffing."""
    r = client.get("/")
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert r.headers["x-content-type-options"] == "nosniff"
    assert "<script>" not in r.text and " on" not in r.text.split("<body", 1)[1].split(">")[0]


def test_the_sign_in_redirect_stays_on_this_server(app) -> None:  # type: ignore[no-untyped-def]
    from starlette.testclient import TestClient

    with TestClient(app, base_url="http://127.0.0.1:8765") as c:
        r = c.get(f"http://127.0.0.1:8765//evil.example/x?token={TOKEN}", follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"] == "/evil.example/x"


# -- the script routes' shared prelude --


def test_a_production_without_a_script_refuses_lock_and_revise(client, csrf, demo: Path) -> None:  # type: ignore[no-untyped-def]
    """With no script named in production.yaml, lock and revise answer 400 and say so, and
    nothing is written; the script page still opens."""
    manifest = demo / "production.yaml"
    text = manifest.read_text("utf-8")
    start = text.index("\nscript:")
    manifest.write_text(text[:start] + text[text.index("\n\n", start) :], "utf-8")
    pid = _pid(client)
    assert client.get(f"/api/productions/{pid}/check").json()["errors"] == 0
    for action in ("lock", "revise"):
        r = client.post(f"/productions/{pid}/script/{action}", headers=csrf)
        assert r.status_code == 400 and "names no script" in r.text, action
    assert client.get(f"/productions/{pid}/script").status_code == 200
    assert not list(demo.rglob("*.lock.json")) and not (demo / "out" / "revisions").exists()


def test_an_unknown_production_is_404_on_every_production_route(client, csrf) -> None:  # type: ignore[no-untyped-def]
    """Each route of one production answers 'no such production' for an id it does not know."""
    for method, path in (
        ("get", "/productions/nope-000000"),
        ("get", "/productions/nope-000000/script"),
        ("post", "/productions/nope-000000/script/lock"),
        ("post", "/productions/nope-000000/script/revise"),
        ("post", "/api/productions/nope-000000/undo"),
        ("get", "/api/productions/nope-000000/check"),
    ):
        r = getattr(client, method)(path, headers=csrf)
        assert r.status_code == 404, path
        assert "no such production" in r.text, path


def test_every_table_is_editable_with_its_upload_and_undo(client, demo: Path) -> None:  # type: ignore[no-untyped-def]
    """Editing is part of paperwork: no read-only notice, every cell editable, each table
    with its upload form, and the undo button."""
    pid = _pid(client)
    text = client.get(f"/productions/{pid}").text
    assert "Read-only" not in text
    assert text.count("<td id=") == text.count('contenteditable="plaintext-only"') > 0
    assert (
        text.count('<input type="hidden" name="table"') == text.count('<details class="table"') - 1
    )
    assert 'id="undo"' in text


def test_a_cell_edit_from_json_is_the_editing_modules_own() -> None:
    """The grid hands paperwork.editing its own CellEdit, not a look-alike."""
    from paperwork import editing
    from paperwork.web import grid

    edit = grid.cell_edit({"table": "crew", "row": 3, "column": "Rate", "value": "250"})
    assert edit == editing.CellEdit("crew", 3, "Rate", "250")
