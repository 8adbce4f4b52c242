"""Batch clearance letters: paperwork's PDF against LibreOffice converting our DOCX, per letter.

Generates 500 clearance rows (about 200 rights holders, 186 letters), then in one run times
whole processes: ``paperwork build --only clearance-letters`` as PDF and as DOCX, and
LibreOffice's ``soffice --headless --convert-to pdf`` on those DOCX letters (the way an
office makes PDFs without paperwork), with a private LibreOffice profile made beforehand.
Prints wall and CPU seconds (the children's rusage: the machine is shared) per letter.
Target: paperwork's PDF at least 2x faster per letter than LibreOffice's.

    python bench/letters.py [--rows 500] [--holders 200] [--soffice N] [--rounds 3] [-j N]
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
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


@dataclass(frozen=True)
class Run:
    wall: float  # seconds
    cpu: float  # user + system seconds of the child and everything it waited for
    peak: float  # MiB, the largest child so far (ru_maxrss of waited children)


def run(command: list[str]) -> Run:
    """One whole process, timed: wall clock, and CPU from the children's rusage (the machine
    is shared, so CPU is the fairer figure); LibreOffice's soffice.bin is its wrapper's child
    and is counted too."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run(
        command, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Run(wall, cpu, after.ru_maxrss / 1024)


def paperwork(*args: str) -> list[str]:
    return [sys.executable, "-m", "paperwork.cli", *args]


def soffice_command(soffice: str, profile: Path, out: Path, docs: list[Path]) -> list[str]:
    """LibreOffice's batch converter with a private profile: another LibreOffice running on
    the machine (or a user's) is neither used nor disturbed."""
    return [
        soffice,
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--convert-to",
        "pdf",
        "--outdir",
        str(out),
        *map(str, docs),
    ]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=500)
    ap.add_argument("--holders", type=int, default=200)
    ap.add_argument("-j", "--jobs", type=int, default=0, help="paperwork -j (default: its own)")
    ap.add_argument(
        "--soffice",
        type=int,
        default=-1,
        help="convert N DOCX letters with LibreOffice (default: all of them; 0: skip)",
    )
    ap.add_argument("--rounds", type=int, default=1, help="repeat each measure, keep the median")
    a = ap.parse_args()
    jobs = ["-j", str(a.jobs)] if a.jobs else []
    soffice = shutil.which("soffice")
    with tempfile.TemporaryDirectory(prefix="bench-letters-") as tmp:
        prod = Path(tmp) / "show"
        make_production(prod, a.rows, a.holders)
        common = ["build", str(prod), "--only", "clearance-letters", "--date", "2026-11-29"]
        pdf_cmd = paperwork(*common, "--format", "pdf", "-o", f"{tmp}/pdf", "--force", *jobs)
        docx_cmd = paperwork(*common, "--format", "docx", "-o", f"{tmp}/docx", "--force")
        run(docx_cmd)  # the DOCX letters LibreOffice converts (and byte-code compiled)
        docs = sorted(Path(tmp, "docx").glob("clearance-request_*.docx"))
        letters = len(docs)
        lo_docs = docs if a.soffice < 0 else docs[: a.soffice]
        profile = Path(tmp) / "lo-profile"
        if soffice and lo_docs:  # first start makes the profile: not what a user waits for
            run(soffice_command(soffice, profile, Path(tmp) / "lo-warm", lo_docs[:1]))
        load = os.getloadavg()[0]
        pdf_runs, docx_runs, lo_runs = [], [], []
        for _ in range(a.rounds):  # interleaved, so each sees the same machine load
            pdf_runs.append(run(pdf_cmd))
            docx_runs.append(run(docx_cmd))
            if soffice and lo_docs:
                shutil.rmtree(Path(tmp) / "lo", ignore_errors=True)
                lo_runs.append(run(soffice_command(soffice, profile, Path(tmp) / "lo", lo_docs)))
        converted = len(list(Path(tmp, "lo").glob("*.pdf"))) if lo_runs else 0

    def median(runs: list[Run]) -> Run:
        return Run(
            *(statistics.median(getattr(r, f) for r in runs) for f in ("wall", "cpu", "peak"))
        )

    print(f"clearance rows: {a.rows}, letters: {letters}; load average {load:.2f} at the start")
    print(f"{'what':34} {'wall s':>7} {'CPU s':>7} {'ms/letter wall':>15} {'ms/letter CPU':>14}")

    def line(name: str, r: Run, n: int) -> None:
        print(
            f"{name:34} {r.wall:7.2f} {r.cpu:7.2f} {r.wall / n * 1000:15.1f} {r.cpu / n * 1000:14.1f}"
        )

    pdf, docx = median(pdf_runs), median(docx_runs)
    line("paperwork PDF letters", pdf, letters)
    line("paperwork DOCX letters", docx, letters)
    if lo_runs:
        lo = median(lo_runs)
        line(f"LibreOffice DOCX -> PDF ({converted})", lo, converted)
        per_ours_cpu, per_lo_cpu = pdf.cpu / letters, lo.cpu / converted
        per_ours_wall, per_lo_wall = pdf.wall / letters, lo.wall / converted
        print(
            f"paperwork's PDF is {per_lo_cpu / per_ours_cpu:.2f}x faster per letter in CPU, "
            f"{per_lo_wall / per_ours_wall:.2f}x in wall time (target 2x)"
        )
    elif a.soffice:
        print("LibreOffice (soffice) not installed: comparison skipped")


if __name__ == "__main__":
    main()
