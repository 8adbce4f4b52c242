"""Content addresses of rendered files: the same key means the same bytes.

A file's key is a SHA-256 over everything its bytes depend on: a canonical serialisation of
the document (template name, stem, title, context, sheets, formats), the bytes of every
template file it uses (the HTML with its partials and stylesheets and what they ``url()``,
or the DOCX template), the logo it shows, and the engine (paperwork's version, the renderer
libraries' versions and the renderers' own source). The output folder's manifest records
each file's key, so that a rebuild renders only the files whose key changed.

Serialisation is generic: dataclasses (frozen or not, slots or not), mappings (in sorted
key order), tuples and lists, sets (sorted), strings, numbers, ``Decimal``, dates, enums and
paths each write a tagged, length-prefixed form, so no two different values can serialise
alike. Anything else is a :class:`TypeError`: a value we cannot address must not be guessed
at (a ``repr`` may hold a memory address and change every run).
"""

from __future__ import annotations

import dataclasses
import enum
import hashlib
import os
import re
import sys
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from functools import lru_cache
from pathlib import Path, PurePath
from typing import Any, Protocol

from paperwork import __version__
from paperwork.model.document import BuiltDocument

# Libraries whose versions change the bytes we write.
_ENGINES = (
    "weasyprint",
    "pydyf",
    "tinycss2",
    "fonttools",
    "reportlab",
    "docxtpl",
    "python-docx",
    "openpyxl",
    "pypdf",
    "jinja2",
)


class _Hasher(Protocol):
    def update(self, data: bytes, /) -> None: ...


class Canonical:
    """Feeds a value's canonical form to a hash, counting the bytes (a cost estimate)."""

    def __init__(self, sink: _Hasher) -> None:
        self.sink = sink
        self.size = 0

    def _put(self, tag: bytes, body: bytes) -> None:
        self.sink.update(tag + len(body).to_bytes(8, "big") + body)
        self.size += len(body) + 9

    def feed(self, value: object) -> None:  # noqa: C901 - one branch per kind of value
        # bool before int, datetime before date: each is a subclass of the next
        if value is None:
            self._put(b"N", b"")
        elif isinstance(value, bool):
            self._put(b"B", b"1" if value else b"0")
        elif isinstance(value, enum.Enum):
            self._put(b"E", _qualname(value).encode())
            self.feed(value.value)
        elif isinstance(value, str):
            self._put(b"S", value.encode("utf-8", "surrogatepass"))
        elif isinstance(value, int):
            self._put(b"I", str(value).encode())
        elif isinstance(value, float):
            self._put(b"F", value.hex().encode())
        elif isinstance(value, Decimal):
            self._put(b"D", str(value).encode())
        elif isinstance(value, datetime):
            self._put(b"T", value.isoformat().encode())
        elif isinstance(value, date):
            self._put(b"d", value.isoformat().encode())
        elif isinstance(value, time):
            self._put(b"t", value.isoformat().encode())
        elif isinstance(value, timedelta):
            self._put(b"z", f"{value.days},{value.seconds},{value.microseconds}".encode())
        elif isinstance(value, bytes | bytearray):
            self._put(b"Y", bytes(value))
        elif isinstance(value, PurePath):
            self._put(b"P", value.as_posix().encode("utf-8", "surrogatepass"))
        elif dataclasses.is_dataclass(value) and not isinstance(value, type):
            fields = dataclasses.fields(value)
            self._put(b"C", f"{_qualname(value)}:{len(fields)}".encode())
            for f in fields:
                self._put(b"k", f.name.encode())
                self.feed(getattr(value, f.name))
        elif isinstance(value, Mapping):
            items = sorted(((_sort_key(k), k, v) for k, v in value.items()), key=lambda t: t[0])
            self._put(b"M", str(len(items)).encode())
            for _, k, v in items:
                self.feed(k)
                self.feed(v)
        elif isinstance(value, tuple | list):
            self._put(b"L" if isinstance(value, list) else b"U", str(len(value)).encode())
            for item in value:
                self.feed(item)
        elif isinstance(value, set | frozenset):
            members = sorted(value, key=_sort_key)
            self._put(b"Z", str(len(members)).encode())
            for item in members:
                self.feed(item)
        else:
            raise TypeError(f"cannot address a {type(value).__qualname__} in a document's context")


def _qualname(value: object) -> str:
    kind = type(value)
    return f"{kind.__module__}.{kind.__qualname__}"


def _sort_key(value: object) -> bytes:
    """A total order for mapping keys and set members of any addressable kind."""
    h = hashlib.sha256()
    c = Canonical(h)
    c.feed(value)
    return h.digest()


def digest(*values: object) -> tuple[str, int]:
    """The SHA-256 (hex) of ``values``' canonical form, and its size in bytes."""
    h = hashlib.sha256()
    c = Canonical(h)
    for v in values:
        c.feed(v)
    return h.hexdigest(), c.size


# The digests of the documents last asked about, by identity (each entry keeps its document,
# so an id is never reused while it is here): a run asks once for its keys, once to render.
_RECENT: dict[int, tuple[object, tuple[str, int]]] = {}
_RECENT_MAX = 4096


def document_digest(doc: BuiltDocument | object) -> tuple[str, int]:
    """What a document says, whatever renders it: every field of the BuiltDocument (or of
    a paginated script). Documents are frozen, so the digest of one object never changes."""
    hit = _RECENT.get(id(doc))
    if hit is not None and hit[0] is doc:
        return hit[1]
    found = digest(doc)
    if len(_RECENT) >= _RECENT_MAX:
        _RECENT.clear()
    _RECENT[id(doc)] = (doc, found)
    return found


@lru_cache(maxsize=1)
def engine_version() -> str:
    """paperwork's version, the renderer libraries' versions and the renderers' source."""
    installed = _installed()
    parts = [f"paperwork {__version__}"]
    for name in _ENGINES:
        parts.append(f"{name} {installed.get(_normal(name)) or _version(name)}")
    # The renderers' own code: a change to how a format is written is a change to its bytes.
    here = Path(__file__).resolve().parent
    h = hashlib.sha256()
    for source in sorted(here.glob("*.py")):
        h.update(source.name.encode() + b"\0" + source.read_bytes() + b"\0")
    parts.append(f"render {h.hexdigest()[:16]}")
    return "; ".join(parts)


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "_", name).lower()


def _installed() -> dict[str, str]:
    """Installed distributions' versions from their ``NAME-VERSION.dist-info`` folder names:
    one listing per import path, where asking importlib.metadata for each name scans them
    all again (a tenth of a second that an up-to-date rebuild need not spend)."""
    found: dict[str, str] = {}
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for folder in names:
            if folder.endswith(".dist-info") and folder.count("-") == 1:
                name, version = folder[: -len(".dist-info")].split("-")
                found.setdefault(_normal(name), version)
    return found


def _version(name: str) -> str:
    from importlib import metadata

    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "-"


# What a template pulls in: Jinja's include/extends/import/from, HTML's href/src, CSS url()
# and @import. Only plain relative names are followed (a data: URI or an absolute URL is
# already in the template's own bytes, or is refused at render time).
_JINJA_REF = re.compile(r"""\{%-?\s*(?:include|extends|import|from)\s+["']([^"']+)["']""")
_HTML_REF = re.compile(r"""\b(?:href|src)\s*=\s*["']([^"'#?]+)""", re.IGNORECASE)
_CSS_URL = re.compile(r"""url\(\s*["']?([^"')#?]+)["']?\s*\)|@import\s+["']([^"']+)["']""")


def _local(ref: str) -> str | None:
    ref = ref.strip()
    if not ref or ":" in ref or ref.startswith(("/", "\\")) or "{" in ref:
        return None
    return ref


class TemplateFingerprints:
    """The bytes of each template file and of everything it refers to, per folder set.

    Files are looked up as the renderers do: the first template folder that has the name.
    Each name is read once per instance.
    """

    def __init__(self, folders: Sequence[Path]) -> None:
        self.folders = tuple(Path(f).resolve() for f in folders)
        self._files: dict[str, str] = {}

    def find(self, name: str) -> Path | None:
        for folder in self.folders:
            path = folder / name
            if path.is_file():
                return path
        return None

    def _file(self, name: str) -> str:
        if name not in self._files:
            path = self.find(name)
            self._files[name] = (
                hashlib.sha256(path.read_bytes()).hexdigest() if path is not None else "missing"
            )
        return self._files[name]

    def closure(self, name: str) -> tuple[tuple[str, str], ...]:
        """``(name, sha256)`` of ``name`` and every file it refers to, transitively, sorted."""
        seen: dict[str, str] = {}
        todo = [name]
        while todo:
            current = todo.pop()
            if current in seen:
                continue
            seen[current] = self._file(current)
            path = self.find(current)
            if path is None or path.suffix.lower() not in {".html", ".htm", ".css", ".jinja"}:
                continue
            text = path.read_text(encoding="utf-8", errors="replace")
            base = PurePath(current).parent
            # Jinja names start at the template folder; HTML and CSS ones at the file's own
            refs: Iterable[tuple[str, bool]] = [
                *((r, True) for r in _JINJA_REF.findall(text)),
                *((r, False) for r in _HTML_REF.findall(text)),
                *((a or b, False) for a, b in _CSS_URL.findall(text)),
            ]
            for ref, jinja in refs:
                local = _local(ref)
                if local is not None:
                    target = PurePath(local) if jinja else base / local
                    todo.append(target.as_posix())
        return tuple(sorted(seen.items()))


def file_digest(path: Path | None) -> str:
    """The SHA-256 of a file's bytes ("" for none, "missing" for one that is not there)."""
    if path is None:
        return ""
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return "missing"


def combine(*parts: Any) -> str:
    """One key from parts that are already addressable (strings, tuples of strings...)."""
    return digest(*parts)[0]
