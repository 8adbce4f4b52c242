"""Whole-process timing of Fountain -> PDF: paperwork against afterwriting and screenplain.

Every command runs as its own process, the way a user runs it; each round runs every
command once (in a rotating order, so none always goes first), and the table shows the
median and best wall time and the peak resident memory of each. Peers that are not
installed are skipped. See bench/README.md for installing them outside the project.

    .venv/bin/python bench/script.py                      # Big Fish from ../shared/corpus
    .venv/bin/python bench/script.py SCRIPT.fountain --runs 9
    .venv/bin/python bench/script.py --afterwriting /tmp/peers/aw/node_modules/.bin/afterwriting \\
        --screenplain /tmp/peers/sp/bin/screenplain
    .venv/bin/python bench/script.py --stages             # also time our stages in-process
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SCRIPT = REPO.parent / "shared" / "corpus" / "fountain" / "big_fish.fountain"
TARGET_RATIO = 3.0  # peers' time / ours
TARGET_PEAK_MIB = 60.0

# Used when the CLI has no ``script format`` command: the same pipeline in one process.
RUNNER = """\
import sys
from dataclasses import replace
from pathlib import Path
from paperwork.errors import Diagnostics
from paperwork.paginator import layout_for, paginate
from paperwork.paginator.title_page import layout_title_page
from paperwork.readers.fountain import read_fountain
from paperwork.render.fonts import default_script_font
from paperwork.render.screenplay_pdf import render_script_pdf
source, out = Path(sys.argv[1]), Path(sys.argv[2])
script = read_fountain(source.read_text(encoding="utf-8-sig"), source.name, Diagnostics())
paged = paginate(script, layout_for(script, "letter"))
if script.title_page is not None:
    paged = replace(paged, title_page=layout_title_page(script.title_page, paged.layout))
out.write_bytes(render_script_pdf(paged, font=default_script_font()))
"""

PARSE_ONLY = """\
import sys
from pathlib import Path
from paperwork.errors import Diagnostics
from paperwork.paginator import layout_for, paginate
from paperwork.readers.fountain import read_fountain
source = Path(sys.argv[1])
script = read_fountain(source.read_text(encoding="utf-8-sig"), source.name, Diagnostics())
paginate(script, layout_for(script, "letter"))
"""


@dataclass
class Command:
    name: str
    argv: list[str]
    output: Path | None = None
    ours: bool = False
    seconds: list[float] = field(default_factory=list)
    peak_kib: list[int] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)


# As a user's machine does: byte-code is cached after the first run. (Some sandboxes set
# PYTHONDONTWRITEBYTECODE, which makes every run recompile paperwork's modules, ~25 ms.)
CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def run_once(cmd: Command, cwd: Path) -> None:
    """Run one process; record its wall time and peak RSS (``wait4`` rusage of that child)."""
    if cmd.output is not None and cmd.output.exists():
        cmd.output.unlink()
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd.argv,
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        env=CHILD_ENV,
    )
    _pid, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    stderr = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    if proc.stderr:
        proc.stderr.close()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0 or (cmd.output is not None and not cmd.output.exists()):
        cmd.failures.append(f"exit {proc.returncode}: {stderr.strip()[-300:]}")
        return
    cmd.seconds.append(elapsed)
    cmd.peak_kib.append(usage.ru_maxrss)  # KiB on Linux


def cli_has_script_format(paperwork: Path) -> bool:
    if not paperwork.exists():
        return False
    probe = subprocess.run(
        [str(paperwork), "script", "format", "--help"], capture_output=True, text=True
    )
    return probe.returncode == 0


def build_commands(args: argparse.Namespace, work: Path) -> list[Command]:
    source = args.script.resolve()
    python = sys.executable
    paperwork = Path(python).with_name("paperwork")
    ours_pdf = work / "ours.pdf"
    commands: list[Command] = []
    if not args.runner and cli_has_script_format(paperwork):
        argv = [str(paperwork), "script", "format", str(source), "-o", str(ours_pdf), "--force"]
        commands.append(Command("paperwork script format", argv, ours_pdf, ours=True))
    else:
        argv = [python, "-c", RUNNER, str(source), str(ours_pdf)]
        commands.append(Command("paperwork (runner)", argv, ours_pdf, ours=True))
    commands.append(Command("  parse+paginate only", [python, "-c", PARSE_ONLY, str(source)]))

    afterwriting = args.afterwriting or shutil.which("afterwriting")
    if afterwriting:
        out = work / "afterwriting.pdf"
        argv = [afterwriting, "--source", str(source), "--pdf", str(out), "--overwrite"]
        commands.append(Command("afterwriting", argv, out))
    else:
        print("afterwriting: not installed, skipped (see bench/README.md)")
    screenplain = args.screenplain or shutil.which("screenplain")
    if screenplain:
        out = work / "screenplain.pdf"
        argv = [screenplain, "--format", "pdf", str(source), str(out)]
        commands.append(Command("screenplain", argv, out))
    else:
        print("screenplain: not installed, skipped (see bench/README.md)")
    return commands


def pages_of(pdf: Path | None) -> str:
    if pdf is None or not pdf.exists():
        return ""
    try:
        from pypdf import PdfReader

        return str(len(PdfReader(pdf).pages))
    except Exception:  # a peer's odd PDF must not stop the bench
        return "?"


def stages(source: Path, rounds: int) -> None:
    """Median in-process time of each stage (imports are paid once, so not shown)."""
    from dataclasses import replace

    from paperwork.errors import Diagnostics
    from paperwork.paginator import layout_for, paginate
    from paperwork.paginator.title_page import layout_title_page
    from paperwork.readers.fountain import read_fountain
    from paperwork.render.fonts import default_script_font
    from paperwork.render.screenplay_docx import render_script_docx
    from paperwork.render.screenplay_pdf import render_script_pdf

    text = source.read_text(encoding="utf-8-sig")
    font = default_script_font()
    times: dict[str, list[float]] = {}

    def clock(name: str, fn):  # type: ignore[no-untyped-def]
        start = time.perf_counter()
        value = fn()
        times.setdefault(name, []).append(time.perf_counter() - start)
        return value

    for _ in range(rounds):
        script = clock("read", lambda: read_fountain(text, source.name, Diagnostics()))
        layout = layout_for(script, "letter")
        paged = clock("paginate", lambda: paginate(script, layout))  # noqa: B023
        if script.title_page is not None:
            title = layout_title_page(script.title_page, layout)  # noqa: B023
            paged = replace(paged, title_page=title)
        clock("render pdf", lambda: render_script_pdf(paged, font=font))  # noqa: B023
        clock("render docx", lambda: render_script_docx(paged))  # noqa: B023
    print(
        f"\nIn-process stages ({rounds} rounds, median), {len(paged.pages)} body pages, font "
        f"{font.family}:"
    )
    for name, values in times.items():
        print(f"  {name:<12} {statistics.median(values) * 1000:7.1f} ms")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("script", nargs="?", type=Path, default=DEFAULT_SCRIPT)
    parser.add_argument("--runs", type=int, default=5, help="rounds (default 5)")
    parser.add_argument("--afterwriting", help="the afterwriting command (default: on PATH)")
    parser.add_argument("--screenplain", help="the screenplain command (default: on PATH)")
    parser.add_argument(
        "--runner", action="store_true", help="bench the python -c runner, not the CLI"
    )
    parser.add_argument("--stages", action="store_true", help="also time our stages in-process")
    args = parser.parse_args()
    if not args.script.exists():
        print(f"no such script: {args.script}", file=sys.stderr)
        return 2

    with tempfile.TemporaryDirectory(prefix="paperwork-bench-") as tmp:
        work = Path(tmp)
        commands = build_commands(args, work)
        for cmd in commands:  # warm the disk cache and byte-compile once, untimed
            run_once(cmd, work)
            cmd.seconds.clear()
            cmd.peak_kib.clear()
        for round_no in range(args.runs):
            shift = round_no % len(commands)
            for cmd in commands[shift:] + commands[:shift]:
                run_once(cmd, work)

        print(f"\n{args.script.name}: {args.runs} paired rounds, whole process, wall clock\n")
        ours = commands[0]
        ours_median = statistics.median(ours.seconds) if ours.seconds else float("nan")
        print(
            f"{'command':<26}{'median s':>9}{'best s':>8}{'peak MiB':>10}{'pages':>7}{'x ours':>8}"
        )
        for cmd in commands:
            if not cmd.seconds:
                print(f"{cmd.name:<26}  failed: {cmd.failures[-1] if cmd.failures else '?'}")
                continue
            median = statistics.median(cmd.seconds)
            peak = max(cmd.peak_kib) / 1024
            ratio = "" if cmd.ours else f"{median / ours_median:7.1f}x"
            print(
                f"{cmd.name:<26}{median:9.3f}{min(cmd.seconds):8.3f}{peak:10.1f}"
                f"{pages_of(cmd.output):>7}{ratio:>8}"
            )
        if ours.seconds:
            peak = max(ours.peak_kib) / 1024
            peers = [c for c in commands[2:] if c.seconds]
            verdicts = [
                f"peak {peak:.1f} MiB {'<=' if peak <= TARGET_PEAK_MIB else '>'} "
                f"{TARGET_PEAK_MIB:.0f} MiB"
            ]
            for peer in peers:
                ratio = statistics.median(peer.seconds) / ours_median
                ok = "meets" if ratio >= TARGET_RATIO else "misses"
                verdicts.append(
                    f"{ratio:.1f}x faster than {peer.name} ({ok} the {TARGET_RATIO:.0f}x target)"
                )
            print("\n" + "; ".join(verdicts))
        if args.stages:
            stages(args.script, max(3, args.runs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
