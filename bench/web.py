"""Figures for ``paperwork serve`` on the demo: the home page's first response, a check,
the production page, and one cell edit through to the re-checked marks the page applies. Prints figures; not a test.

    PYTHONPATH=. .venv/bin/python bench/web.py [--runs 5]

Runs the real app in-process through Starlette's test client on a copy of the demo.
The cell edit needs ``paperwork.editing``; without it that line says so.
"""

from __future__ import annotations

import argparse
import importlib.util
import shutil
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TOKEN = "bench-token-0123456789abcdef"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    from starlette.testclient import TestClient

    from paperwork.web import create_app
    from paperwork.web.auth import csrf_value

    with tempfile.TemporaryDirectory(prefix="paperwork-bench-web-") as tmp:
        demo = Path(tmp) / "demo"
        shutil.copytree(REPO / "fixtures" / "demo", demo)
        rows: list[tuple[str, list[float], str]] = []

        t0 = time.perf_counter()
        app = create_app([demo], TOKEN, today=lambda: date(2026, 12, 2))
        with TestClient(app, base_url="http://127.0.0.1:8765") as client:
            client.cookies.set("paperwork_token", TOKEN)
            first = client.get("/")
            assert first.status_code == 200
            rows.append(
                ("home page, first response (app made)", [time.perf_counter() - t0], "300 ms")
            )
            home = []
            for _ in range(args.runs):
                t = time.perf_counter()
                client.get("/")
                home.append(time.perf_counter() - t)
            rows.append(("home page, later responses", home, "300 ms"))

            pid = client.get("/api/productions").json()[0]["id"]
            checks = []
            for _ in range(args.runs):
                (demo / "crew.csv").touch()  # a changed file: a real re-check each time
                t = time.perf_counter()
                client.get(f"/api/productions/{pid}/check")
                checks.append(time.perf_counter() - t)
            rows.append(("check (a file changed)", checks, "1 s"))
            cached = []
            for _ in range(args.runs):
                t = time.perf_counter()
                client.get(f"/api/productions/{pid}/check")
                cached.append(time.perf_counter() - t)
            rows.append(("check (nothing changed)", cached, "1 s"))
            pages = []
            for _ in range(args.runs):
                t = time.perf_counter()
                client.get(f"/productions/{pid}")
                pages.append(time.perf_counter() - t)
            rows.append(("production page, every table", pages, "-"))

            if importlib.util.find_spec("paperwork.editing") is None:
                rows.append(("one-cell edit to re-checked page", [], "needs paperwork.editing"))
            else:
                edits = []
                headers = {"X-Paperwork-CSRF": csrf_value(TOKEN)}
                for i in range(args.runs):
                    value = "2027-02-22" if i % 2 else "2027-02-21"
                    edit = {"table": "crew", "row": 2, "column": "start", "value": value}
                    t = time.perf_counter()
                    r = client.post(f"/api/productions/{pid}/cells", json=edit, headers=headers)
                    marks = client.get(f"/productions/{pid}/marks")  # what the page fetches
                    edits.append(time.perf_counter() - t)
                    assert marks.status_code == 200
                    assert r.status_code == 200, r.text
                rows.append(("one-cell edit to re-checked page", edits, "0.5 s"))

    print(f"{'what':42} {'median':>9} {'best':>9}  target")
    for what, times, target in rows:
        if not times:
            print(f"{what:42} {'-':>9} {'-':>9}  {target}")
            continue
        med, best = statistics.median(times) * 1000, min(times) * 1000
        print(f"{what:42} {med:7.0f}ms {best:7.0f}ms  {target}")


if __name__ == "__main__":
    main()
