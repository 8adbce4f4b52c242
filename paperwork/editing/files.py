"""Finding a production's own files through production.yaml, and telling their versions apart."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

from paperwork.editing.records import (
    Located,
)
from paperwork.errors import Diagnostics, InputError, UsageError
from paperwork.model.source import Pos
from paperwork.readers.manifest import Manifest, _str
from paperwork.readers.production import (
    MANIFEST,
)
from paperwork.readers.yaml_source import YamlMap, load_yaml


def read_manifest(root: Path) -> tuple[Manifest, YamlMap]:
    """production.yaml, read with the manifest reader; an unreadable one is an InputError."""
    diagnostics = Diagnostics()
    path = root / MANIFEST
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read {MANIFEST} in {root}: {exc}") from None
    data = load_yaml(text, MANIFEST, diagnostics)
    if not isinstance(data, YamlMap):
        if not diagnostics.has_errors:
            diagnostics.error("manifest-type", f"{MANIFEST} must be a mapping", Pos(MANIFEST))
        raise InputError(diagnostics.items)
    return Manifest(data, MANIFEST, diagnostics, root.resolve()), data


def locate_table(
    root: Path, table: str, manifest: tuple[Manifest, YamlMap] | None = None
) -> Located:
    """The file of the table named ``table`` under ``tables:``: only from production.yaml,
    through the manifest reader, which refuses a path outside the folder."""
    m, data = manifest or read_manifest(root)
    tables = m.mapping(data, "tables")
    if table not in tables:
        known = ", ".join(sorted(str(k) for k in tables)) or "none"
        raise UsageError(f"no table {table!r} under 'tables:' in {MANIFEST} (it has: {known})")
    spec = _str(tables[table])
    file_part, _, sheet = spec.partition("#")
    if not file_part:
        raise UsageError(f"tables: {table} names no file in {MANIFEST}")
    path = m.inside(m.root, file_part, tables, table, f"the {table} table")
    if path is None:
        raise InputError(m.d.items)
    return Located(table, path, file_part, sheet or None)


def locate_script(root: Path, manifest: tuple[Manifest, YamlMap] | None = None) -> Located:
    """The script named under ``script:`` (``script: x.fountain`` or ``script: {file: ...}``)."""
    m, data = manifest or read_manifest(root)
    holder: Any = data
    key = "script"
    if isinstance(data.get("script"), dict):
        holder, key = data["script"], "file"
    value = m.text(holder, key)
    if not value:
        raise UsageError(f"{MANIFEST} names no script (add 'script: draft.fountain')")
    path = m.inside(m.root, value, holder, key, "the script")
    if path is None:
        raise InputError(m.d.items)
    return Located("script", path, value, None)


def _inputs(root: Path) -> list[Path]:
    """production.yaml and every file it names that paperwork reads (tables, script)."""
    out = [root.resolve() / MANIFEST]
    try:
        manifest = read_manifest(root)
    except (InputError, UsageError):
        return out
    for name in manifest[0].mapping(manifest[1], "tables"):
        with contextlib.suppress(InputError, UsageError):
            out.append(locate_table(root, str(name), manifest).path)
    with contextlib.suppress(InputError, UsageError):
        out.append(locate_script(root, manifest).path)
    return out


def relative(root: Path, path: Path) -> str:
    try:
        return path.relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.name


def fingerprint(root: Path) -> dict[str, tuple[int, int]]:
    """``(mtime_ns, size)`` of each input file (relative name -> stamp); a file missing is
    left out. Compare two to see what changed on disk, Excel's saves included."""
    out: dict[str, tuple[int, int]] = {}
    for path in _inputs(root):
        try:
            st = path.stat()
        except OSError:
            continue
        out[relative(root, path)] = (st.st_mtime_ns, st.st_size)
    return out


def stamp(path: Path) -> tuple[int, int, int] | None:
    """What tells a file's versions apart without reading it: a rename (every atomic save,
    ours and Excel's) gives a new inode even within one tick of the file-system clock."""
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size, st.st_ino)


def read_bytes(located: Located) -> bytes:
    try:
        return located.path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"the {located.name} file {located.source} does not exist") from None
    except OSError as exc:
        raise InputError(f"cannot read {located.source}: {exc.strerror}") from None
