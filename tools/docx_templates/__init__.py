"""Generate the bundled DOCX templates (docxtpl) with python-docx, reproducibly, and check them.

    python -m tools.docx_templates                   # write every templates/*.docx
    python -m tools.docx_templates carnet risk       # only those generators' (or templates')
    python -m tools.docx_templates --check           # write nothing; exit 1 naming each stale one
    python -m tools.docx_templates --list            # which module makes which template

Run it from the repository root. One module here per group of kinds (``call_sheet``,
``carnet``, ``clearance`` ...), each with ``TEMPLATES``: the file name in ``templates/``
and the function that builds that Word document; ``kit`` holds their shared helpers and
``kit.render``, which saves with fixed properties and zip dates, so the same generator
makes the same bytes anywhere. ``--check`` compares each committed file with what its
generator makes now, and, when checking them all, also fails on a ``templates/*.docx``
that no generator makes: every bundled template is provably its generator's output. CI
runs it (``.ci/run``). A KIND on the command line is a generator module's name (all its
templates) or a template's name (``carnet_cover`` or ``carnet_cover.docx``).

A new generator is one module with a ``TEMPLATES`` mapping plus one line in ``GENERATORS``.
"""

from __future__ import annotations

import argparse
import importlib
import io
import sys
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from docx.document import Document

from tools.docx_templates.kit import render

GENERATORS: tuple[str, ...] = (
    "call_sheet",
    "carnet",
    "clearance",
    "contract",
    "crew_list",
    "elements",
    "delivery",
    "risk",
    "sides",
    "summary",
    "travel",
)
TEMPLATES_DIR = Path(__file__).resolve().parents[2] / "templates"
COMMAND = "python -m tools.docx_templates"


@dataclass(frozen=True, slots=True)
class Template:
    """One bundled template: its file name, the module that makes it and the function."""

    name: str
    generator: str
    build: Callable[[], Document]

    @property
    def stem(self) -> str:
        return self.name.removesuffix(".docx")


def templates() -> tuple[Template, ...]:
    """Every generated template, in ``GENERATORS`` order; a name made twice is a bug."""
    out: list[Template] = []
    for generator in GENERATORS:
        module = importlib.import_module(f"{__name__}.{generator}")
        for name, build in module.TEMPLATES.items():
            out.append(Template(name, generator, build))
    names = [t.name for t in out]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise ValueError(f"made by more than one generator: {', '.join(twice)}")
    return tuple(out)


def select(every: Sequence[Template], kinds: Sequence[str]) -> tuple[Template, ...]:
    """The templates ``kinds`` name (a generator or a template), all of them if none;
    ``ValueError`` names the kinds that match nothing."""
    if not kinds:
        return tuple(every)
    wanted = {k.removesuffix(".docx") for k in kinds}
    unknown = sorted(k for k in wanted if not any(k in (t.generator, t.stem) for t in every))
    if unknown:
        raise ValueError(f"no generator or template named {', '.join(unknown)}")
    return tuple(t for t in every if t.generator in wanted or t.stem in wanted)


@cache
def made(t: Template) -> bytes:
    """What ``t``'s generator makes now (made once per process)."""
    return render(t.build)


def _parts(data: bytes) -> dict[str, bytes] | None:
    """A DOCX's zip members by name, or None if it is not a zip."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return {info.filename: z.read(info) for info in z.infolist()}
    except zipfile.BadZipFile:
        return None


def difference(committed: bytes, fresh: bytes) -> str:
    """Why ``committed`` is not ``fresh``, naming the parts that differ ("" if the same)."""
    if committed == fresh:
        return ""
    old, new = _parts(committed), _parts(fresh)
    if old is None or new is None:
        return "is not a DOCX (zip) file"
    parts = sorted(n for n in old.keys() | new.keys() if old.get(n) != new.get(n))
    if not parts:  # the same parts, stored differently (zip dates, compression, order)
        return "differs in its zip packaging (dates, compression or order)"
    return f"differs in {', '.join(parts)}"


def check(folder: Path, chosen: Sequence[Template], *, orphans: bool) -> list[str]:
    """One line per template in ``folder`` that is missing or not what its generator
    makes now; with ``orphans``, also one per ``*.docx`` there that no generator makes."""
    problems = []
    for t in chosen:
        path = folder / t.name
        fix = f"run {COMMAND} {t.stem}"
        if folder.resolve() != TEMPLATES_DIR.resolve():
            fix += f" --dir {_show(folder)}"
        if not path.is_file():
            problems.append(f"{_show(path)}: missing ({fix})")
            continue
        why = difference(path.read_bytes(), made(t))
        if why:
            source = f"tools/docx_templates/{t.generator}.py"
            problems.append(f"{_show(path)}: {why} from what {source} makes ({fix})")
    if orphans:
        known = {t.name for t in chosen}
        for path in sorted(folder.glob("*.docx")):
            if path.name not in known:
                problems.append(
                    f"{_show(path)}: no generator makes it (add one to tools/docx_templates/)"
                )
    return problems


def write(folder: Path, chosen: Sequence[Template]) -> list[Path]:
    """Write each template into ``folder``; the paths whose bytes changed."""
    folder.mkdir(parents=True, exist_ok=True)
    changed = []
    for t in chosen:
        path = folder / t.name
        data = made(t)
        if not path.is_file() or path.read_bytes() != data:
            path.write_bytes(data)
            changed.append(path)
    return changed


def _show(path: Path) -> str:
    """``path`` relative to the working folder when it is inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def main(argv: Sequence[str] | None = None) -> int:
    """The command line: 0 done (or all current), 1 a template is stale, 2 a usage error."""
    parser = argparse.ArgumentParser(prog=COMMAND, description=(__doc__ or "").splitlines()[0])
    parser.add_argument(
        "kinds",
        nargs="*",
        metavar="KIND",
        help="a generator (call_sheet, carnet, ...) or a template (carnet_cover); default all",
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 naming each template that differs from its generator",
    )
    parser.add_argument(
        "--dir",
        type=Path,
        default=TEMPLATES_DIR,
        help="the templates folder to write or check (default: the repository's templates/)",
    )
    parser.add_argument("--list", action="store_true", help="list the templates and stop")
    args = parser.parse_args(argv)
    every = templates()
    try:
        chosen = select(every, args.kinds)
    except ValueError as e:
        parser.error(f"{e} (see --list)")
    if args.list:
        for t in chosen:
            print(f"{t.name}  tools/docx_templates/{t.generator}.py")
        return 0
    if args.check:
        problems = check(args.dir, chosen, orphans=not args.kinds)
        for line in problems:
            print(line, file=sys.stderr)
        if problems:
            print(
                f"{len(problems)} DOCX template(s) stale, missing or without a generator",
                file=sys.stderr,
            )
            return 1
        print(f"{len(chosen)} DOCX templates match their generators")
        return 0
    changed = write(args.dir, chosen)
    for path in changed:
        print(f"wrote {_show(path)}")
    print(f"{len(chosen)} DOCX templates, {len(changed)} rewritten")
    return 0
