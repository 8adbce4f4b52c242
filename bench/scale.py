"""`check` and `build` on productions N times the demo: time per row should stay flat.

Generates, in a temporary folder, productions made from ``fixtures/demo`` scaled N times
(a long-running series: N blocks of the demo's ten shoot days on later dates, N episodes of
its script with their own scene numbers and guest characters, N copies of every table with
unique ids, names and serials), checks that ``paperwork check`` finds no errors in them, then
times each command as a whole process and prints CPU seconds (user + system, from the
child's own rusage: the machine may be busy), wall seconds, seconds per 1,000 table rows and
peak resident memory.

    python bench/scale.py                          # N = 1, 5, 10, 20, 50: check only
    python bench/scale.py --sizes 1,5 --build      # also a build of a few cheap kinds
    python bench/scale.py --crew 8000 --build      # the demo with 8,000 crew rows
    python bench/scale.py --rows 100000 --table clearances
    python bench/scale.py --keep /tmp/scale-prod   # keep the generated folders there
"""

from __future__ import annotations

import argparse
import csv
import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
DEMO = REPO / "fixtures" / "demo"
BLOCK_DAYS = 14  # each block of ten shoot days starts two weeks after the one before
SCENE_STEP = 100  # block k's scene n is numbered n + 100k
CAST_STEP = 100  # and its cast id i is i + 100k
# Kinds whose build costs little besides planning: spreadsheets and text, no PDF layout.
BUILD_KINDS = ("day-out-of-days", "breakdown", "clearance-log", "delivery-schedule")
BUILD_FORMATS = ("xlsx", "csv", "json")


def roman(n: int) -> str:
    """``2`` -> ``II``: the suffix that makes block k's names unique (block 0 has none)."""
    out = ""
    for value, digits in (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        while n >= value:
            out += digits
            n -= value
    return out


def tag(k: int) -> str:
    return f" {roman(k + 1)}" if k else ""


def read_rows(name: str) -> tuple[list[str], list[dict[str, str]]]:
    with (DEMO / name).open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        return list(reader.fieldnames or ()), list(reader)


def write_rows(path: Path, header: list[str], rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, header)
        writer.writeheader()
        writer.writerows(rows)


def shift_scenes(text: str, k: int) -> str:
    """``5-10, 14`` -> ``105-110, 114`` for block 1."""
    if not k:
        return text
    return re.sub(r"\d+", lambda m: str(int(m.group()) + SCENE_STEP * k), text)


def shift_cast(text: str, k: int) -> str:
    """``1, 3`` -> ``101, 103``: cast ids of block k."""
    if not k or not text.strip():
        return text
    return ", ".join(str(int(c) + CAST_STEP * k) for c in re.split(r"\s*,\s*", text.strip()))


def reserial(text: str, k: int) -> str:
    """``CD1T-40312, CD1T-40313`` -> ``CD1T-40312/2, CD1T-40313/2``: copy k's own serials."""
    return ", ".join(f"{s.strip()}/{k + 1}" for s in text.split(","))


def parse_day_date(text: str) -> date:
    """``Mon 1 Mar 2027`` as the demo writes it."""
    from datetime import datetime

    return datetime.strptime(text, "%a %d %b %Y").date()


def script_characters() -> set[str]:
    _, cast = read_rows("cast.csv")
    return {name.strip() for row in cast for name in re.split(r"[;/]", row["character"])}


def scale_script(n: int) -> str:
    """The title page once, then the body n times: episode k's scenes renumbered and its
    characters' cues (and the cast that plays them) given the suffix of block k."""
    text = (DEMO / "script.fountain").read_text(encoding="utf-8")
    split = text.index("\n\n") + 2  # the title page ends at the first blank line
    title, body = text[:split], text[split:]
    characters = script_characters()
    cue = re.compile(r"^(?P<name>[^\S\n]*[^\n(^]*?)(?P<rest>[^\S\n]*(\(.*\))?[^\S\n]*\^?)$")
    episodes = []
    for k in range(n):
        lines = body.split("\n")
        for i, line in enumerate(lines):
            heading = re.search(r"#(\d+)#\s*$", line)
            if heading:
                number = int(heading.group(1)) + SCENE_STEP * k
                lines[i] = line[: heading.start()] + f"#{number}#"
                continue
            m = cue.match(line)
            if k and m and m.group("name").strip() in characters:
                lines[i] = m.group("name").rstrip() + tag(k).upper() + m.group("rest")
        episodes.append("\n".join(lines).rstrip("\n") + "\n")
    return title + "\n".join(episodes)


def scale_production(folder: Path, n: int) -> int:
    """Write the demo scaled n times into ``folder``; return its number of table rows."""
    folder.mkdir(parents=True, exist_ok=True)
    manifest = yaml.safe_load((DEMO / "production.yaml").read_text(encoding="utf-8"))
    manifest["call_sheets"]["shoot_days"] = 10 * n
    manifest["budget"] = {k: v * n for k, v in manifest["budget"].items()}
    (folder / "production.yaml").write_text(
        yaml.safe_dump(manifest, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    (folder / "script.fountain").write_text(scale_script(n), encoding="utf-8")
    crew_names = [r["name"] for r in read_rows("crew.csv")[1]]
    total = 0

    def blocks(name: str, each: Callable[[dict[str, str], int], dict[str, str] | None]) -> None:
        nonlocal total
        header, rows = read_rows(name)
        out = [new for k in range(n) for row in rows if (new := each(dict(row), k)) is not None]
        write_rows(folder / name, header, out)
        total += len(out)

    def shifted(text: str, k: int) -> str:
        return (date.fromisoformat(text) + timedelta(BLOCK_DAYS * k)).isoformat() if text else ""

    def crew(row: dict[str, str], k: int) -> dict[str, str]:
        row["name"] += tag(k)
        row["email"] = row["email"].replace("@", f"{k or ''}@")
        row["start"], row["end"] = shifted(row["start"], k), shifted(row["end"], k)
        return row

    def schedule(row: dict[str, str], k: int) -> dict[str, str]:
        row["day"] = str(int(row["day"]) + 10 * k)
        if row["date"]:
            when = parse_day_date(row["date"]) + timedelta(BLOCK_DAYS * k)
            row["date"] = f"{when:%a} {when.day} {when:%b %Y}"
        if row["location"]:
            row["location"] += tag(k).replace(" ", "-")
        row["scene"] = shift_scenes(row["scene"], k)
        row["cast"] = shift_cast(row["cast"], k)
        return row

    def cast(row: dict[str, str], k: int) -> dict[str, str]:
        row["id"] = str(int(row["id"]) + CAST_STEP * k)
        row["artist"] += tag(k)
        row["character"] = "; ".join(
            c.strip() + tag(k).upper() for c in re.split(r"[;/]", row["character"])
        )
        return row

    def location(row: dict[str, str], k: int) -> dict[str, str]:
        row["id"] += tag(k).replace(" ", "-")
        row["name"] += tag(k)
        if k:
            row["sets"] = ""  # each block's days name their location; sets stay with block 0
        return row

    def call(row: dict[str, str], k: int) -> dict[str, str]:
        if row["day"]:
            row["day"] = str(int(row["day"]) + 10 * k)
        who = row["who"]
        row["who"] = str(int(who) + CAST_STEP * k) if who.isdigit() else who + tag(k)
        assert row["who"].isdigit() or who in crew_names, who
        return row

    def extras(row: dict[str, str], k: int) -> dict[str, str]:
        row["day"] = str(int(row["day"]) + 10 * k)
        row["scenes"] = shift_scenes(row["scenes"], k)
        return row

    def ident(column: str) -> Callable[[dict[str, str], int], dict[str, str]]:
        def each(row: dict[str, str], k: int) -> dict[str, str]:
            row[column] += f"-{k + 1}" if k else ""
            return row

        return each

    def risk(row: dict[str, str], k: int) -> dict[str, str]:
        row = ident("id")(row, k)
        row["scenes"] = shift_scenes(row["scenes"], k)
        if row["location"]:
            row["location"] += tag(k).replace(" ", "-")
        if row["person"]:
            row["person"] = str(int(row["person"]) + CAST_STEP * k)
        return row

    def kit(row: dict[str, str], k: int) -> dict[str, str]:
        if k and row["serial"] and row["serial"] != "no serial":
            row["serial"] = reserial(row["serial"], k)
        return row

    blocks("crew.csv", crew)
    blocks("schedule.csv", schedule)
    blocks("cast.csv", cast)
    blocks("locations.csv", location)
    blocks("calls.csv", call)
    blocks("supporting_artists.csv", extras)
    blocks("clearances.csv", ident("id"))
    blocks("deliverables.csv", ident("id"))
    blocks("risks.csv", risk)
    blocks("kit.csv", kit)
    return total


def grow_table(folder: Path, table: str, rows: int) -> int:
    """The demo with one table grown to ``rows`` rows (copies with unique ids and names);
    for the crew, each copy's every-day call is copied with it. Returns all table rows."""
    scale_production(folder, 1)
    header, base = read_rows(f"{table}.csv")
    copies = -(-rows // len(base))
    out: list[dict[str, str]] = []
    for k in range(copies):
        for row in base:
            row = dict(row)
            if table == "crew":
                row["name"] += tag(k)
                row["email"] = row["email"].replace("@", f"{k or ''}@")
            elif table == "kit":
                if k and row["serial"] and row["serial"] != "no serial":
                    row["serial"] = reserial(row["serial"], k)
            else:
                row["id"] += f"-{k + 1}" if k else ""
            out.append(row)
    out = out[:rows]
    write_rows(folder / f"{table}.csv", header, out)
    if table == "crew":
        names = {r["name"] for r in out}
        calls_header, calls = read_rows("calls.csv")
        every_day = [r for r in calls if not r["day"] and not r["who"].isdigit()]
        grown = [
            {**r, "who": r["who"] + tag(k)}
            for k in range(copies)
            for r in every_day
            if r["who"] + tag(k) in names and k
        ]
        write_rows(folder / "calls.csv", calls_header, calls + grown)
    return sum(_count(p) for p in sorted(folder.glob("*.csv")))


def _count(path: Path) -> int:
    with path.open(encoding="utf-8", newline="") as fh:
        return sum(1 for _ in csv.reader(fh)) - 1


def run(args: list[str], *, must_pass: bool = True) -> tuple[float, float, float, str]:
    """CPU seconds, wall seconds, peak RSS (MiB) and stderr of one CLI run, in its own process."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = str(REPO)
    with tempfile.TemporaryFile("w+") as err:
        t0 = time.perf_counter()
        child = subprocess.Popen(
            [sys.executable, "-m", "paperwork.cli", *args],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=err,
        )
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - t0
        child.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        stderr = err.read()
    if must_pass and child.returncode:
        tail = "\n".join(line for line in stderr.splitlines() if ": error:" in line)
        raise SystemExit(f"paperwork {args[0]} failed ({child.returncode}):\n{tail[-3000:]}")
    return usage.ru_utime + usage.ru_stime, wall, usage.ru_maxrss / 1024, stderr


def measure(label: str, folder: Path, rows: int, build: bool, kinds: tuple[str, ...]) -> None:
    cpu, wall, peak, stderr = run(["check", str(folder), "--date", "2026-12-02"])
    warnings = sum(1 for line in stderr.splitlines() if ": warning:" in line)
    line = (
        f"| {label} | {rows:,} | {cpu:.2f} | {wall:.2f} | {cpu / rows * 1000:.3f} | {peak:.0f} "
        f"| {warnings:,} |"
    )
    if build:
        out = folder.parent / f"{folder.name}-out"
        only = [a for k in kinds for a in ("--only", k)]
        formats = [a for f in BUILD_FORMATS for a in ("--format", f)]
        b_cpu, b_wall, b_peak, _ = run(
            ["build", str(folder), "-o", str(out), "--date", "2026-12-02", "--force"]
            + only
            + formats
        )
        line += f" {b_cpu:.2f} | {b_wall:.2f} | {b_peak:.0f} |"
    print(line, flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1,5,10,20,50", help="N: comma-separated multiples")
    ap.add_argument("--build", action="store_true", help="also time a build of cheap kinds")
    ap.add_argument(
        "--kinds",
        default=",".join(BUILD_KINDS),
        help="kinds for --build (xlsx, csv and json only)",
    )
    ap.add_argument("--crew", type=int, help="the demo with this many crew rows instead")
    ap.add_argument("--rows", type=int, help="the demo with one table grown to this many rows")
    ap.add_argument(
        "--table",
        default="clearances",
        choices=("clearances", "crew", "kit", "risks", "deliverables"),
        help="the table --rows grows",
    )
    ap.add_argument("--keep", type=Path, help="write the productions here and keep them")
    a = ap.parse_args()
    kinds = tuple(k for k in a.kinds.split(",") if k)
    head = (
        "| N | rows | check CPU s | check wall s | CPU s / 1,000 rows | check peak MiB | warnings |"
    )
    rule = "|---|---:|---:|---:|---:|---:|---:|"
    if a.build:
        head += " build CPU s | build wall s | build peak MiB |"
        rule += "---:|---:|---:|"
    with tempfile.TemporaryDirectory(prefix="scale-") as tmp:
        root = a.keep or Path(tmp)
        print(head)
        print(rule, flush=True)
        if a.crew or a.rows:
            table, rows = ("crew", a.crew) if a.crew else (a.table, a.rows)
            folder = root / f"{table}-{rows}"
            total = grow_table(folder, table, rows)
            measure(f"{table} {rows:,}", folder, total, a.build, kinds)
            return
        for n in (int(s) for s in a.sizes.split(",") if s):
            folder = root / f"n{n}"
            total = scale_production(folder, n)
            measure(str(n), folder, total, a.build, kinds)


if __name__ == "__main__":
    main()
