"""Bench: revise a feature against its locked White draft, as a whole process.

    .venv/bin/python bench/revise.py                        # Big Fish from ../shared/corpus
    .venv/bin/python bench/revise.py my.fountain --edits 40 --runs 7

The script is locked once (``lock_script``); then a Blue draft is made with ``--edits``
scattered edits (a word changed, a sentence added, a paragraph cut, a new paragraph, a new
scene, a scene cut; a fixed seed, so every run makes the same draft). Each round times a
fresh Python process doing what ``paperwork script revise OLD NEW --colour blue`` does:
read both drafts and the lock, compare, lay out on the locked pages, render the full PDF,
the pages PDF, DOCX and FDX, and write them with the lock file through ``OutputFolder``.
Prints the median and best wall time, and what was issued. Nothing here is a test.
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus" / "fountain" / "big_fish.fountain"

RUNNER = """
import sys
from datetime import date
from pathlib import Path
from paperwork.output import OutputFolder
from paperwork.revise import revise_scripts
old, new, out = (Path(a) for a in sys.argv[1:4])
result = revise_scripts(old, new, "blue", date(2026, 12, 3))
folder = OutputFolder(out, force=True)
folder.claim([f.name for f in result.files])
for f in result.files:
    folder.write(f.name, f.data)
print(len(result.full.pages), len(result.issued), " ".join(result.issued))
"""


def edited(text: str, edits: int, seed: int = 7) -> str:
    """The script with ``edits`` scattered edits to its body paragraphs."""
    rng = random.Random(seed)
    blocks = text.replace("\r\n", "\n").split("\n\n")
    body = [i for i, b in enumerate(blocks) if b.strip() and ":" not in b.split("\n")[0][:20]]
    body = body[len(body) // 50 :]  # leave the title page alone
    chosen = sorted(rng.sample(body, min(edits, len(body))))
    out = list(blocks)
    for n, i in enumerate(chosen):
        block = out[i]
        lines = block.split("\n")
        heading = lines[0].upper().startswith(("INT", "EXT", "I/E"))
        match n % 6:
            case 0 if not heading:  # a word changed
                words = lines[-1].split(" ")
                words[len(words) // 2] = "CHANGED"
                lines[-1] = " ".join(words)
                out[i] = "\n".join(lines)
            case 1:  # a sentence added
                out[i] = block + " And then something else happens, quite unexpectedly."
            case 2 if not heading:  # a paragraph cut
                out[i] = ""
            case 3:  # a new paragraph after it
                out[i] = block + "\n\nA new paragraph of action, written in for this revision."
            case 4:  # a new scene after it
                out[i] = block + "\n\nINT. A NEW PLACE - NIGHT\n\nSomeone waits here."
            case _:  # a word changed in the first line
                out[i] = block.replace(" ", " NEW ", 1)
    return "\n\n".join(b for b in out if b)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("script", nargs="?", type=Path, default=CORPUS)
    parser.add_argument("--edits", type=int, default=40)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if not args.script.exists():
        sys.exit(f"{args.script} not found (the corpus is read from ../shared/corpus)")

    from paperwork.revise import lock_path_for, lock_script
    from paperwork.writers.lock import lock_to_json

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        white = folder / "shooting-white.fountain"
        blue = folder / "shooting-blue.fountain"
        text = args.script.read_text(encoding="utf-8-sig")
        white.write_text(text, encoding="utf-8")
        blue.write_text(edited(text, args.edits), encoding="utf-8")
        lock = lock_script(white)
        lock_path_for(white).write_bytes(lock_to_json(lock))
        command = [sys.executable, "-c", RUNNER, str(white), str(blue), str(folder / "out")]
        subprocess.run(command, check=True, capture_output=True)  # warm-up
        times = []
        output = ""
        for _ in range(args.runs):
            start = time.perf_counter()
            done = subprocess.run(command, check=True, capture_output=True, text=True)
            times.append(time.perf_counter() - start)
            output = done.stdout.strip()
        pages, issued, *numbers = output.split()
        print(f"script: {args.script.name}, {len(lock.pages)} locked pages, {args.edits} edits")
        print(
            f"revise (whole process): median {statistics.median(times):.3f} s, best {min(times):.3f} s"
        )
        print(f"full script: {pages} pages; issued: {issued} pages: {' '.join(numbers)}")


if __name__ == "__main__":
    main()
