"""The output folder: atomic writes, no silent overwrites, and a manifest of what was written.

Every file is written to a temporary name in the same folder and renamed into place, so an
interrupted run leaves either the old file or the new one, never half of one. Before anything
is rendered, :meth:`OutputFolder.claim` checks every name the run will write; if any exists
and ``force`` is off, nothing at all is written. A staged folder keeps what a run renders in
memory until :meth:`OutputFolder.commit`, so a run that fails half way (a broken template,
a renderer error) writes nothing at all.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from paperwork.errors import UsageError

MANIFEST = "manifest.json"


def safe_name(name: str) -> str:
    """Refuse a file name that could leave its folder (separators, ``..``, hidden names)."""
    if (
        not name
        or name in {".", ".."}
        or name.startswith(".")
        or any(sep in name for sep in ("/", "\\", "\x00", ":"))
    ):
        raise ValueError(f"unsafe output file name {name!r}")
    return name


def _create_temp(folder: Path, name: str) -> tuple[int, Path]:
    """A new, empty, uniquely named file beside ``name``, created with mode 0666 so that
    the kernel applies the process umask (and any default ACL) as it would to any file the
    user saves: 0644 under the usual umask 022, 0600 under 077. ``tempfile.mkstemp`` would
    make it 0600 whatever the umask, and colleagues on a shared drive could not open it."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        tmp = folder / f".{name}.{secrets.token_hex(6)}.part"
        try:
            return os.open(tmp, flags, 0o666), tmp
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name for {name} in {folder}")


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename.

    The file (and any folder made for it) gets the permissions the user's umask gives a new
    file, as any other program would make it; the temporary file never holds a wider mode.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = _create_temp(path.parent, path.name)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


@dataclass
class OutputFolder:
    """A folder that receives a run's documents."""

    root: Path
    force: bool = False
    staged: bool = False  # keep files in memory until commit()
    written: dict[str, str] = field(default_factory=dict)  # name -> sha256
    pending: dict[str, bytes] = field(default_factory=dict)

    def path(self, name: str) -> Path:
        path = (self.root / safe_name(name)).resolve()
        if path.parent != self.root.resolve():
            raise ValueError(f"output {name!r} would leave {self.root}")
        return path

    def claim(self, names: Iterable[str]) -> None:
        """Stop before writing anything if an issued document would be overwritten."""
        names = list(names)
        dupes = sorted({n for n in names if names.count(n) > 1})
        if dupes:
            raise UsageError(
                f"two documents of this run would have the same file name: {', '.join(dupes)}"
            )
        if self.root.exists() and not self.root.is_dir():
            raise UsageError(f"{self.root} exists and is not a folder")
        if self.force:
            return
        existing = [n for n in names if self.path(n).exists()]
        if existing:
            shown = ", ".join(existing[:5]) + (
                f" and {len(existing) - 5} more" if len(existing) > 5 else ""
            )
            raise UsageError(
                f"{len(existing)} file(s) already issued in {self.root}: {shown}. "
                "Nothing was written. Use --force to replace them, or another output folder."
            )

    def write(self, name: str, data: bytes) -> Path:
        path = self.path(name)
        if self.staged:
            self.pending[name] = data
            return path
        write_atomic(path, data)
        self.written[name] = hashlib.sha256(data).hexdigest()
        return path

    def commit(self) -> None:
        """Write every staged file (each atomically), in name order."""
        pending, self.pending = self.pending, {}
        for name in sorted(pending):
            write_atomic(self.path(name), pending[name])
            self.written[name] = hashlib.sha256(pending[name]).hexdigest()

    def write_manifest(self, produced_by: str) -> Path:
        """Add this run's files to ``manifest.json`` (earlier runs' entries are kept)."""
        path = self.path(MANIFEST)
        files: dict[str, dict[str, object]] = {}
        if path.exists():
            try:
                old = json.loads(path.read_text(encoding="utf-8"))
                files = {
                    f["name"]: f
                    for f in old.get("files", [])
                    if isinstance(f, dict) and "name" in f
                }
            except (OSError, ValueError):
                files = {}
        for name, digest in self.written.items():
            files[name] = {"name": name, "sha256": digest, "bytes": self.path(name).stat().st_size}
        body = {"produced_by": produced_by, "files": [files[k] for k in sorted(files)]}
        write_atomic(path, (json.dumps(body, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))
        return path
