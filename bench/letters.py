"""Batch clearance letters: 500 generated clearance rows (about 200 rights holders).

Runs the real CLI in a fresh process (start-up included), once for PDF and once for DOCX,
and prints wall time, documents per second, seconds per letter and the peak memory of the
child process. With --soffice N it also converts N of the DOCX letters with LibreOffice's
batch converter, the way a co-ordinator would without paperwork, for the comparison.

    python bench/letters.py [--rows 500] [--holders 200] [--soffice 20]
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
DEMO = REPO / "fixtures" / "demo"

TYPES = [
    "music sync",
    "music master",
    "archive footage",
    "still",
    "artwork",
    "logo/brand",
    "location image",
    "text",
    "other",
]


def make_production(folder: Path, rows: int, holders: int, seed: int = 7) -> None:
    """A copy of the demo manifest with a generated clearance log, every row 'to request'."""
    rnd = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    manifest = yaml.safe_load((DEMO / "production.yaml").read_text(encoding="utf-8"))
    manifest["tables"] = {"clearances": "clearances.csv"}
    manifest.pop("script", None)
    (folder / "production.yaml").write_text(yaml.safe_dump(manifest), encoding="utf-8")
    with (DEMO / "clearances.csv").open(encoding="utf-8-sig") as fh:
        header = next(csv.reader(fh))
    with (folder / "clearances.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, header)
        w.writeheader()
        for i in range(rows):
            h = rnd.randrange(holders)
            row = dict.fromkeys(header, "")
            row.update(
                id=f"C{i + 1:04d}",
                type=rnd.choice(TYPES),
                description=f"Item {i + 1}: archive material & stills <set {i % 17}>",
                identifiers=f"CAT-{rnd.randrange(10**6):06d}",
                duration=f"0'{rnd.randrange(5, 59):02d}\"",
                scenes=f"Sc. {rnd.randrange(1, 60)}",
                holder_company=f"Rights Holder {h:03d} Ltd",
                holder_contact=f"Contact {h:03d}",
                holder_address=f"{h} Example Street / Bristol BS{h % 9 + 1} 1AA",
                holder_email=f"rights{h:03d}@holder.example.com",
                fee_quoted=str(rnd.randrange(50, 2500)),
                status="to request",
                reply_by="2026-12-18",
            )
            w.writerow(row)


def run(args: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of one CLI run in a child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t0 = time.perf_counter()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run(
        [sys.executable, "-m", "paperwork.cli", *args],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wall = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return wall, max(peak, before) / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=500)
    ap.add_argument("--holders", type=int, default=200)
    ap.add_argument(
        "--soffice", type=int, default=0, help="convert N DOCX letters with LibreOffice"
    )
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        prod = Path(tmp) / "show"
        make_production(prod, a.rows, a.holders)
        common = ["build", str(prod), "--only", "clearance-letters", "--date", "2026-11-29"]
        pdf_wall, pdf_mem = run([*common, "--format", "pdf", "-o", f"{tmp}/pdf"])
        docx_wall, docx_mem = run([*common, "--format", "docx", "-o", f"{tmp}/docx"])
        letters = len(list(Path(tmp, "pdf").glob("clearance-request_*.pdf")))
        print(f"clearance rows: {a.rows}, letters: {letters}")
        print(
            f"PDF : {pdf_wall:6.2f} s  {letters / pdf_wall:6.1f} letters/s  "
            f"{pdf_wall / letters * 1000:6.1f} ms/letter  peak {pdf_mem:.0f} MiB (incl. merged PDF)"
        )
        print(
            f"DOCX: {docx_wall:6.2f} s  {letters / docx_wall:6.1f} letters/s  "
            f"{docx_wall / letters * 1000:6.1f} ms/letter  peak {docx_mem:.0f} MiB"
        )
        soffice = shutil.which("soffice")
        if a.soffice and soffice:
            docs = sorted(Path(tmp, "docx").glob("clearance-request_*.docx"))[: a.soffice]
            t0 = time.perf_counter()
            subprocess.run(
                [
                    soffice,
                    "--headless",
                    "--convert-to",
                    "pdf",
                    "--outdir",
                    f"{tmp}/lo",
                    *map(str, docs),
                ],
                check=True,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            lo = (time.perf_counter() - t0) / len(docs)
            ours = pdf_wall / letters
            print(
                f"LibreOffice --convert-to pdf: {lo * 1000:.0f} ms/letter "
                f"(paperwork is {lo / ours:.1f}x faster per letter)"
            )
        elif a.soffice:
            print("LibreOffice (soffice) not installed: comparison skipped")


if __name__ == "__main__":
    main()
