"""One-cell edit to re-checked production: the web page's edit loop, on a copy of the demo.

Prints, in one warm process (the server's case: imports done, the page already open):
- a full check (``plan`` reading every file afresh), the median of --runs;
- a one-cell edit written back (``edit_cell``: the CSV rewritten atomically, history kept);
- the re-check after it through ``ProductionCache`` (only the edited table re-read), with
  where the time goes (reading vs the builders' checks);
- the same re-check after an XLSX cell edit, with the crew table as a workbook.

    python bench/edit.py [--runs 5]

Target (issue 12): one-cell edit to re-checked production under 0.5 s on the demo.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from paperwork.editing import CellEdit, ProductionCache, edit_cell  # noqa: E402
from paperwork.errors import Diagnostics  # noqa: E402
from paperwork.pipeline import BuildRequest, build_documents, plan, with_breakdown  # noqa: E402

DEMO = REPO / "fixtures" / "demo"
TODAY = date(2026, 12, 2)


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:7.0f} ms"


def _stages(cache: ProductionCache, root: Path) -> tuple[float, float]:
    """(reading through the cache, the builders' checks) of one re-check."""
    d = Diagnostics()
    t0 = time.perf_counter()
    production = cache.read_production(root, d)
    assert production is not None
    script = cache.prepare_script(production, d, TODAY)
    t1 = time.perf_counter()
    build_documents(production, with_breakdown(BuildRequest(today=TODAY), script), d, [])
    return t1 - t0, time.perf_counter() - t1


def _xlsx_crew(root: Path) -> None:
    import csv

    import openpyxl

    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.title = "Crew"
    with (root / "crew.csv").open(encoding="utf-8-sig", newline="") as fh:
        for row in csv.reader(fh):
            ws.append(row)
    book.save(root / "crew.xlsx")
    manifest = root / "production.yaml"
    manifest.write_text(
        manifest.read_text(encoding="utf-8").replace("crew: crew.csv", "crew: crew.xlsx"),
        encoding="utf-8",
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="paperwork-bench-edit-") as tmp:
        root = Path(tmp) / "demo"
        shutil.copytree(DEMO, root)
        plan(root, BuildRequest(today=TODAY), Diagnostics())  # imports and first-use caches
        full = []
        for _ in range(args.runs):
            t = time.perf_counter()
            plan(root, BuildRequest(today=TODAY), Diagnostics())
            full.append(time.perf_counter() - t)
        print(f"full check (every file read)          {_ms(statistics.median(full))}")

        for label, table, column, values in (
            ("CSV ", "cast", "notes", [f"note {i}" for i in range(args.runs)]),
            ("XLSX", "crew", "notes", [f"note {i}" for i in range(args.runs)]),
        ):
            if label == "XLSX":
                _xlsx_crew(root)
            cache = ProductionCache(root)
            cache.check(TODAY)
            edits, checks, reads, builds = [], [], [], []
            for value in values:
                t = time.perf_counter()
                edit_cell(root, CellEdit(table, 3, column, value))
                edits.append(time.perf_counter() - t)
                t = time.perf_counter()
                cache.check(TODAY)
                checks.append(time.perf_counter() - t)
                edit_cell(root, CellEdit(table, 3, column, value + "!"))
                r, b = _stages(cache, root)
                reads.append(r)
                builds.append(b)
            edit, check = statistics.median(edits), statistics.median(checks)
            print(f"{label} one-cell edit written              {_ms(edit)}")
            print(f"{label} re-check after it (cached)         {_ms(check)}")
            print(f"     of which reading (one table re-read) {_ms(statistics.median(reads))}")
            print(f"     of which the builders' checks        {_ms(statistics.median(builds))}")
            print(f"{label} edit to re-checked                 {_ms(edit + check)}")


if __name__ == "__main__":
    main()
