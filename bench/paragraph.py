"""Pathological paragraphs: how long the paginator takes over one very long paragraph.

    .venv/bin/python bench/paragraph.py            # 2,000-line action, 1M-character speech

Prints the wall time of read + paginate (in-process, best of 3) for each size, so that a
return of the quadratic split (every split re-wrapping the whole rest of the paragraph)
shows as time growing with the square of the size. Target: the 2,000-line paragraph under
1 s, and time per page flat as the paragraph grows.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from paperwork.errors import Diagnostics  # noqa: E402
from paperwork.scripts import paginate_script, read_script  # noqa: E402


def action(lines: int) -> str:
    body = "\n".join(
        f"Line {i} of one very long action paragraph, on and on." for i in range(lines)
    )
    return f"INT. ROOM - DAY\n\n{body}\n"


def speech(sentences: int) -> str:
    return "INT. ROOM - DAY\n\nBOB\n" + "Word and more words. " * sentences + "\n"


def measure(source: str) -> tuple[float, int]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "long.fountain"
        path.write_text(source, encoding="utf-8")
        best = float("inf")
        pages = 0
        for _ in range(3):
            start = time.perf_counter()
            script = read_script(path, Diagnostics(), "long.fountain")
            pages = len(paginate_script(script, "a4").pages)
            best = min(best, time.perf_counter() - start)
    return best, pages


def main() -> None:
    print(f"{'paragraph':<34}{'chars':>10}{'pages':>7}{'seconds':>9}{'ms/page':>9}")
    cases = [(f"action, {n:,} lines", action(n)) for n in (500, 1000, 2000, 8000)]
    cases += [(f"speech, {n:,} sentences", speech(n)) for n in (5000, 10000, 50000)]
    for name, source in cases:
        seconds, pages = measure(source)
        print(
            f"{name:<34}{len(source):>10,}{pages:>7}{seconds:>9.2f}{1000 * seconds / pages:>9.1f}"
        )


if __name__ == "__main__":
    main()
