"""A whole table or the script replaced by an upload, checked with the real readers first."""

from __future__ import annotations

import contextlib
import io
import shutil
import tempfile
import zipfile
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from paperwork.editing.files import (
    locate_script,
    locate_table,
)
from paperwork.editing.history import (
    keep,
    locked,
    write_back,
)
from paperwork.editing.records import (
    MAX_MEMBERS,
    MAX_RATIO,
    MAX_UNZIPPED,
    MAX_UPLOAD,
    XLSX_SUFFIXES,
    Located,
    ReplaceResult,
)
from paperwork.errors import Diagnostics, InputError, UsageError
from paperwork.model.source import Pos
from paperwork.readers.production import (
    MANIFEST,
    TABLES,
    ReadContext,
    load_table,
    read_production,
)


def _suffix(filename: str) -> str:
    """An upload's extension, lower case; the only thing its name is used for."""
    base = filename.replace("\\", "/").rsplit("/", 1)[-1]
    stem, dot, ext = base.rpartition(".")
    return f".{ext.lower()}" if dot and stem and ext.isalnum() else ""


def _looks_like_text(data: bytes) -> bool:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    head = data[:8192]
    if b"\x00" in head or head.startswith((b"PK\x03\x04", b"%PDF", b"\xd0\xcf\x11\xe0")):
        return False
    controls = sum(1 for b in head if b < 32 and b not in b"\t\n\r\x0b\x0c")
    return controls * 100 <= len(head)


def _zip_problem(data: bytes) -> tuple[str, str] | None:
    """(code, message) when an XLSX upload is not a zip, or a zip that unpacks too far."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            members = z.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return "upload-wrong-type", "this is not an XLSX workbook (save it from Excel as .xlsx)"
    if len(members) > MAX_MEMBERS:
        return "upload-zip-bomb", f"the workbook holds {len(members)} parts: refused"
    total = 0
    for m in members:
        total += m.file_size
        if m.file_size > MAX_RATIO * max(m.compress_size, 1) and m.file_size > 1024 * 1024:
            return (
                "upload-zip-bomb",
                "the workbook unpacks to more than 100 times its size: refused as a zip bomb",
            )
    if total > MAX_UNZIPPED:
        return (
            "upload-zip-bomb",
            f"the workbook unpacks to {total // (1024 * 1024)} MB (limit "
            f"{MAX_UNZIPPED // (1024 * 1024)} MB): refused as a zip bomb",
        )
    return None


def _upload_checks(
    data: bytes, filename: str, located: Located, kind: str, diagnostics: Diagnostics
) -> None:
    where = Pos(located.source)
    what = "the script" if kind == "script" else f"the {located.name} table"
    if len(data) > MAX_UPLOAD:
        diagnostics.error(
            "upload-too-large",
            f"the upload is {len(data) / (1024 * 1024):.1f} MB; the limit is "
            f"{MAX_UPLOAD // (1024 * 1024)} MB",
            where,
        )
        return
    own = located.path.suffix.lower()
    got = _suffix(filename)
    if got != own:
        diagnostics.error(
            "upload-wrong-type",
            f"{what} is {located.source}, a {own} file; the upload is "
            f"{got or 'without an extension'}: save it as {own} (or change {MANIFEST})",
            where,
        )
        return
    if own in XLSX_SUFFIXES:
        problem = _zip_problem(data)
        if problem is not None:
            diagnostics.error(problem[0], problem[1], where)
    elif not _looks_like_text(data):
        diagnostics.error(
            "upload-wrong-type",
            f"this is not a text file: {what} must be saved as {own}",
            where,
        )


@contextlib.contextmanager
def _staged(located: Located, data: bytes) -> Iterator[Path]:
    """The upload in a private temporary folder, under the production file's own name."""
    folder = Path(tempfile.mkdtemp(prefix="paperwork-upload-"))
    try:
        path = folder / located.path.name
        path.write_bytes(data)
        yield path
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _replace(
    root: Path,
    located: Located,
    data: bytes,
    diagnostics: Diagnostics,
    now: datetime | None,
) -> ReplaceResult:
    if diagnostics.has_errors:
        return ReplaceResult(False, located.path, tuple(diagnostics))
    kind = "script" if located.name == "script" else "table"
    with locked(root) as folder:
        try:
            previous = located.path.read_bytes()
        except FileNotFoundError:
            previous = b""
        except OSError as exc:
            raise InputError(f"cannot read {located.source}: {exc.strerror}") from None
        record = {"kind": kind, "row": 0, "column": "", "before": "", "after": ""}
        undo_id = keep(root, folder, located, previous, data, record, now)
        write_back(located.path, data, located.source)
    return ReplaceResult(True, located.path, tuple(diagnostics), undo_id)


def replace_table(
    root: Path, table: str, filename: str, data: bytes, *, now: datetime | None = None
) -> ReplaceResult:
    """Check an uploaded table with the real readers; replace the table's own file with it
    only when it has no errors. ``filename`` gives only the extension, which must be the
    table's own; the file keeps the name ``production.yaml`` gives it."""
    located = locate_table(root, table)
    diagnostics = Diagnostics()
    _upload_checks(data, filename, located, "table", diagnostics)
    if not diagnostics.has_errors:
        if table not in TABLES:
            raise UsageError(f"paperwork does not read a table named {table!r}")
        with _staged(located, data) as staged:

            def load(
                name: str,
                path: Path,
                source: str,
                sheet: str | None,
                d: Diagnostics,
                context: ReadContext,
            ) -> tuple[Any, ...] | None:
                if name != table:
                    return None  # only the upload is checked here
                return load_table(name, staged, source, sheet, d, context)

            everything = Diagnostics()
            read_production(root, everything, load=load)
            diagnostics.extend([d for d in everything if d.pos and d.pos.file == located.source])
    return _replace(root, located, data, diagnostics, now)


def replace_script(
    root: Path, filename: str, data: bytes, *, now: datetime | None = None
) -> ReplaceResult:
    """Check an uploaded script draft with the real script reader (and paginate it); replace
    the script ``production.yaml`` names only when it has no errors."""
    from paperwork.scripts import paginate_script, read_script

    located = locate_script(root)
    diagnostics = Diagnostics()
    _upload_checks(data, filename, located, "script", diagnostics)
    if not diagnostics.has_errors:
        with _staged(located, data) as staged:
            screenplay = read_script(staged, diagnostics, located.source)
            if not diagnostics.has_errors and screenplay.elements:
                paginate_script(screenplay)
    return _replace(root, located, data, diagnostics, now)
