"""The script page's actions: lock the production's script, issue a revision from an
uploaded draft. The same library calls as ``paperwork script lock`` and ``script revise``.

Revisions go into ``OUT/revisions/rev-NNNN/``: the uploaded draft (under a name made here,
never the upload's), the revision packet, the full script and the next lock file. The next
revision is made against the latest one there, else against the production's script.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from paperwork.errors import Diagnostics
from paperwork.model.revision import INDUSTRY_COLOURS
from paperwork.output import OutputFolder

REV_DIR = re.compile(r"rev-(\d{4,})")
DRAFT = "draft"  # the stem of each uploaded draft, whatever the upload was called


@dataclass(frozen=True, slots=True)
class Revision:
    folder: str  # rev-0001
    files: tuple[str, ...]


def colours(production_colours: tuple[str, ...]) -> tuple[str, ...]:
    return production_colours or INDUSTRY_COLOURS


def revisions(out_root: Path) -> list[Revision]:
    base = out_root / "revisions"
    if not base.is_dir():
        return []
    found = sorted(
        (int(m[1]), p) for p in base.iterdir() if (m := REV_DIR.fullmatch(p.name)) and p.is_dir()
    )
    return [
        Revision(p.name, tuple(sorted(f.name for f in p.iterdir() if f.is_file())))
        for _, p in found
    ]


def latest_draft(out_root: Path, script: Path) -> Path:
    """What the next revision is made against: the latest revised draft, else the script."""
    for rev in reversed(revisions(out_root)):
        drafts = [f for f in rev.files if f.startswith(f"{DRAFT}.") and not f.endswith(".json")]
        if drafts:
            return out_root / "revisions" / rev.folder / drafts[0]
    return script


def lock(script: Path, paper: str, today: date, order: tuple[str, ...], d: Diagnostics) -> Path:
    """Lock the script beside itself (``NAME.lock.json``); an existing lock stops it."""
    from paperwork.revise import lock_path_for, lock_script
    from paperwork.writers.lock import lock_to_json

    target = lock_path_for(script)
    out = OutputFolder(target.parent)
    out.claim([target.name])
    locked = lock_script(script, paper=paper, on=today, colours=order, diagnostics=d)
    out.write(target.name, lock_to_json(locked))
    return target


def revise(
    out_root: Path,
    script: Path,
    data: bytes,
    suffix: str,
    colour: str | None,
    on: date,
    paper: str,
    order: tuple[str, ...],
) -> tuple[Revision, Diagnostics]:
    """Issue the uploaded draft as a revision of the latest one; errors raise InputError."""
    from paperwork.render.fonts import DEFAULT_FONT_DIRS, default_script_font
    from paperwork.revise import RevisionOptions, revise_scripts

    old = latest_draft(out_root, script)
    base = out_root / "revisions"
    base.mkdir(parents=True, exist_ok=True)
    n = max((int(m[1]) for p in base.iterdir() if (m := REV_DIR.fullmatch(p.name))), default=0)
    folder = base / f"rev-{n + 1:04d}"
    folder.mkdir()
    try:
        new = folder / f"{DRAFT}{suffix}"
        new.write_bytes(data)
        options = RevisionOptions(default_paper=paper, colours=order)
        result = revise_scripts(
            old, new, colour, on, options=options, font=default_script_font(DEFAULT_FONT_DIRS)
        )
    except BaseException:
        for f in folder.iterdir():
            f.unlink()
        folder.rmdir()
        raise
    out = OutputFolder(folder)
    out.claim([f.name for f in result.files])
    for made in result.files:
        out.write(made.name, made.data)
    d = Diagnostics()
    d.extend(list(result.diagnostics))
    return Revision(folder.name, tuple(sorted(p.name for p in folder.iterdir()))), d
