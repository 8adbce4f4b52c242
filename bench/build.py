"""Whole-demo builds: -j1 against -j2, an unchanged rebuild, and a one-cell-edit rebuild.

Every figure is a whole ``paperwork build`` process (start-up, reading, planning, rendering,
writing), timed by wall clock and by CPU (user + system of the process and the workers it
waited for, from ``wait4`` rusage: the machine may be shared, so CPU is the figure that does
not depend on the load). The load average is printed before and after.

1. Full build of ``fixtures/demo`` (a copy) into an empty folder, ``-j1`` and ``-j2``,
   ``--runs`` times each, interleaved; the speed-up is the ratio of median walls. The two
   folders are then compared file by file (sha256): they must be identical.
2. The same build into the ``-j2`` folder again: nothing changed, nothing written.
3. One cell edited (Hannah Price's rate in crew.csv, 2400 -> 2450, then back): a rebuild
   with ``--force``; the files it wrote are named (compared by sha256 with the folder
   before).
4. With ``--verify``: a clean ``-j1`` build of the edited production, which the
   incrementally rebuilt folder must match byte for byte.

    python bench/build.py                # one round
    python bench/build.py --runs 3       # medians of three
    python bench/build.py --verify       # also check the incremental result against a clean build
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEMO = REPO / "fixtures" / "demo"
PAPERWORK = Path(sys.executable).parent / "paperwork"
DATE = ("--date", "2026-12-02")
EDIT = ("Hannah Price,", ",6,2400,weekly,", ",6,2450,weekly,")


def timed(*args: str) -> tuple[float, float, str]:
    """Run ``paperwork ARGS``: wall seconds, CPU seconds (itself and its workers), stdout."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    start = time.perf_counter()
    proc = subprocess.Popen(
        [str(PAPERWORK), *args], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env
    )
    assert proc.stdout is not None
    out = proc.stdout.read().decode()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"paperwork {' '.join(args)} failed: {out}")
    return wall, usage.ru_utime + usage.ru_stime, out.strip()


def hashes(folder: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.iterdir())
        if p.is_file() and p.name != "manifest.json"
    }


def edit(show: Path, forward: bool) -> None:
    crew = show / "crew.csv"
    who, old, new = EDIT
    lines = crew.read_text(encoding="utf-8").splitlines(True)
    done = 0
    for i, line in enumerate(lines):
        if line.startswith(who):
            a, b = (old, new) if forward else (new, old)
            assert a in line, line
            lines[i] = line.replace(a, b, 1)
            done += 1
    assert done == 1
    crew.write_text("".join(lines), encoding="utf-8")


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def line(label: str, walls: list[float], cpus: list[float]) -> str:
    return (
        f"{label:<34} wall {statistics.median(walls):6.2f} s (best {min(walls):6.2f})"
        f"   CPU {statistics.median(cpus):6.2f} s"
    )


def model(show: Path, out: Path, workers: int) -> None:
    """The -jN wall time on a quiet machine, from CPU times that the load does not change:
    one in-process -j1 build with each file's CPU time measured, then the pool's own
    dispatch (costliest first, each merged PDF queued once its parts are written) replayed
    on ``workers`` idle cores."""
    import heapq
    from dataclasses import replace
    from datetime import date

    from paperwork import pipeline, rendering
    from paperwork.errors import Diagnostics
    from paperwork.output import OutputFolder

    d = Diagnostics()
    run = pipeline.plan(show, pipeline.BuildRequest(today=date(2026, 12, 2)), d)
    assert run.production is not None
    keys = pipeline.output_keys(run.production, run.docs, run.request, run.script)
    import weasyprint  # noqa: F401 - the build imports it before the workers fork

    serial = time.process_time()  # since the process started: start-up, reading, planning
    spent: dict[str, float] = {}
    make = rendering._make_file

    def timed_make(task: rendering._Task) -> rendering._Made:
        t = time.process_time()
        made = make(task)
        spent[current] = time.process_time() - t
        return made

    jobs = [
        job for job, _ in rendering._jobs(run.production, run.docs, run.request, run.script, None)
    ]
    with OutputFolder(out, staged=True) as folder:
        folder.claim(keys, keys)
        for job in sorted(jobs, key=lambda j: j.order):
            current = job.name
            task = job.task
            if isinstance(task, rendering._MergeTask):
                task = replace(task, paths=tuple(str(folder.source(p)) for p in job.parts))
            folder.write(job.name, timed_make(task).data)
        folder.commit("bench")
    total = sum(spent.values())
    # replay: a FIFO of singles costliest first; a merge joins the queue when its parts are done
    queue = [j for j in sorted(jobs, key=lambda j: (-j.cost, j.order)) if not j.parts]
    waiting = {j.name: set(j.parts) for j in jobs if j.parts}
    merges = {j.name: j for j in jobs if j.parts}
    idle = workers  # cores free now
    running: list[tuple[float, str]] = []  # (ends at, file)
    clock = 0.0
    while queue or running:
        while queue and idle:
            job = queue.pop(0)
            idle -= 1
            heapq.heappush(running, (clock + spent[job.name], job.name))
        clock, name = heapq.heappop(running)
        idle += 1
        for merged, parts in list(waiting.items()):
            parts.discard(name)
            if not parts:
                del waiting[merged]
                queue.append(merges[merged])
    span = clock
    print(
        f"{'model (CPU per file, idle cores)':<34} serial {serial:5.2f} s + files {total:6.2f} s"
        f" -> -j{workers} {serial + span:6.2f} s: {(serial + total) / (serial + span):.2f}x"
    )
    heavy = sorted(spent.items(), key=lambda kv: -kv[1])[:3]
    print("    costliest files: " + ", ".join(f"{n} {t:.2f} s" for n, t in heavy))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--verify", action="store_true")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    parser.add_argument(
        "--model", action="store_true", help="only the load-independent -j2 model (in-process)"
    )
    args = parser.parse_args()

    work = args.keep or Path(tempfile.mkdtemp(prefix="paperwork-bench-build-"))
    work.mkdir(parents=True, exist_ok=True)
    show = work / "show"
    shutil.rmtree(show, ignore_errors=True)
    shutil.copytree(DEMO, show, ignore=shutil.ignore_patterns("out"))
    print(f"cores: {os.cpu_count()}   load average at start: {load()}")
    if args.model:
        shutil.rmtree(work / "model", ignore_errors=True)
        model(show, work / "model", 2)
        print(f"load average at end: {load()}")
        return

    full: dict[str, tuple[list[float], list[float]]] = {"1": ([], []), "2": ([], [])}
    for r in range(args.runs):
        for jobs in ("1", "2") if r % 2 == 0 else ("2", "1"):
            out = work / f"j{jobs}"
            shutil.rmtree(out, ignore_errors=True)
            wall, cpu, _ = timed("build", str(show), "-o", str(out), *DATE, "-j", jobs)
            full[jobs][0].append(wall)
            full[jobs][1].append(cpu)
    files = hashes(work / "j1")
    print(line(f"full build -j1 ({len(files)} files)", *full["1"]))
    print(line("full build -j2", *full["2"]))
    speedup = statistics.median(full["1"][0]) / statistics.median(full["2"][0])
    cpu_ratio = statistics.median(full["2"][1]) / statistics.median(full["1"][1])
    print(f"{'-j2 speed-up (wall)':<34} {speedup:.2f}x   (-j2 CPU / -j1 CPU: {cpu_ratio:.2f})")
    same = files == hashes(work / "j2")
    print(f"{'-j1 and -j2 byte-identical':<34} {'yes' if same else 'NO'}")

    target = work / "j2"
    walls, cpus = [], []
    for _ in range(args.runs):
        wall, cpu, out = timed("build", str(show), "-o", str(target), *DATE)
        assert out.startswith("Nothing changed"), out
        walls.append(wall)
        cpus.append(cpu)
    print(line("unchanged rebuild", walls, cpus) + f"   '{out}'")

    walls, cpus = [], []
    written: set[str] = set()
    for r in range(args.runs):
        before = hashes(target)
        edit(show, forward=r % 2 == 0)
        wall, cpu, out = timed("build", str(show), "-o", str(target), *DATE, "--force")
        walls.append(wall)
        cpus.append(cpu)
        after = hashes(target)
        written = {n for n in after if before.get(n) != after[n]}
    print(line("one-cell edit, rebuild (-j default)", walls, cpus) + f"   '{out}'")
    for name in sorted(written):
        print(f"    rewrote {name}")

    if args.verify:
        if args.runs % 2 == 0:
            edit(show, forward=True)  # verify against the edited production, whatever the runs
            timed("build", str(show), "-o", str(target), *DATE, "--force")
        clean = work / "clean"
        shutil.rmtree(clean, ignore_errors=True)
        timed("build", str(show), "-o", str(clean), *DATE, "-j1")
        same = hashes(clean) == hashes(target)
        print(f"{'incremental == clean build':<34} {'yes' if same else 'NO'}")
    print(f"load average at end: {load()}")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
