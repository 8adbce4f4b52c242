"""The script font: Courier Prime when the caller finds it, the PDF standard Courier otherwise.

Discovery never looks at the environment: :func:`find_courier_prime` takes the folders to
search as an argument (``cli.py`` passes them), and the renderers take the chosen
:class:`ScriptFont` as an argument. ``None`` in a renderer means the standard Courier.

Debian's ``fonts-courier-prime`` ships CFF-flavoured OpenType (``OTTO``) files, which
ReportLab's ``TTFont`` refuses ("postscript outlines are not supported"). Converting the
outlines to TrueType with fontTools costs about 0.12 s a face plus 0.15 s of imports, every
run, so instead :func:`read_face` reads the few sfnt tables a PDF needs (cmap, advances,
metrics, the raw ``CFF`` table) with ``struct``, and the PDF renderer embeds the CFF program
as it is (a Type0 font over a ``CIDFontType0C`` program, where CID = glyph id). TrueType
files (Google's ``CourierPrime-Regular.ttf``) go through ReportLab's own ``TTFont``.
This module imports nothing of ReportLab, so the DOCX renderer and the CLI can use it cheaply.
"""

from __future__ import annotations

import os
import struct
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from paperwork.errors import RenderError

# System folders only: the CLI adds the user's own (~/.local/share/fonts, ~/Library/Fonts).
DEFAULT_FONT_DIRS: tuple[Path, ...] = (
    Path("/usr/share/fonts"),
    Path("/usr/local/share/fonts"),
    Path("/Library/Fonts"),
    Path("/System/Library/Fonts"),
    Path("C:/Windows/Fonts"),
)

# File names of each face as the common distributions spell them (Debian/Quote-Unquote
# "Courier Prime Bold.otf", Google Fonts "CourierPrime-Bold.ttf"), compared case-insensitively
# with spaces, hyphens and underscores removed.
_FACE_STEMS: dict[str, tuple[str, ...]] = {
    "regular": ("courierprime", "courierprimeregular"),
    "bold": ("courierprimebold",),
    "italic": ("courierprimeitalic",),
    "bold_italic": ("courierprimebolditalic",),
}
_FONT_SUFFIXES = (".ttf", ".otf")


@dataclass(frozen=True, slots=True)
class ScriptFont:
    """A monospaced family for scripts: four face files, or ``None`` faces for standard Courier.

    ``family`` is the name Word and the PDF know it by. A missing bold or italic face falls
    back to the regular face (the text keeps its underline but loses that emphasis).
    """

    family: str
    regular: Path | None = None
    bold: Path | None = None
    italic: Path | None = None
    bold_italic: Path | None = None

    @property
    def builtin(self) -> bool:
        """True for the PDF standard 14 Courier, which needs no file and embeds nothing."""
        return self.regular is None

    def face(self, bold: bool, italic: bool) -> Path | None:
        """The file for one style, falling back towards the regular face."""
        if bold and italic:
            return self.bold_italic or self.bold or self.italic or self.regular
        if bold:
            return self.bold or self.regular
        if italic:
            return self.italic or self.regular
        return self.regular


COURIER = ScriptFont("Courier")


def _stem_key(path: Path) -> str:
    return "".join(ch for ch in path.stem.lower() if ch.isalnum())


def find_courier_prime(search_dirs: Iterable[Path | str] = DEFAULT_FONT_DIRS) -> ScriptFont | None:
    """Courier Prime from the first folder (searched recursively) that holds its regular face.

    Within a folder TrueType files win over OpenType ones (ReportLab subsets them), then
    the shortest path; the answer is the same whatever order the file system lists files in.
    Returns ``None`` when no folder has Courier Prime.
    """
    for top in search_dirs:
        top = Path(top)
        if not top.is_dir():
            continue
        found: dict[str, list[Path]] = {}
        for dirpath, _dirnames, filenames in os.walk(top):
            for name in filenames:
                path = Path(dirpath) / name
                if path.suffix.lower() not in _FONT_SUFFIXES:
                    continue
                key = _stem_key(path)
                for face, stems in _FACE_STEMS.items():
                    if key in stems:
                        found.setdefault(face, []).append(path)
        if "regular" in found:
            return ScriptFont(
                "Courier Prime",
                regular=_best(found["regular"]),
                bold=_best(found.get("bold")),
                italic=_best(found.get("italic")),
                bold_italic=_best(found.get("bold_italic")),
            )
    return None


def _best(paths: list[Path] | None) -> Path | None:
    if not paths:
        return None
    return min(paths, key=lambda p: (p.suffix.lower() != ".ttf", len(str(p)), str(p)))


def default_script_font(search_dirs: Iterable[Path | str] = DEFAULT_FONT_DIRS) -> ScriptFont:
    """Courier Prime when one of ``search_dirs`` has it, else the standard Courier."""
    return find_courier_prime(search_dirs) or COURIER


# --- Reading an sfnt file (TrueType or CFF-flavoured OpenType) ---------------------------------


@dataclass(frozen=True, slots=True)
class FontFace:
    """What a PDF needs from one font file. Metrics are in font units (``units_per_em``)."""

    path: Path
    postscript_name: str
    family: str
    units_per_em: int
    ascent: int
    descent: int
    cap_height: int
    bbox: tuple[int, int, int, int]
    italic_angle: float
    fixed_pitch: bool
    weight: int
    cmap: dict[int, int] = field(repr=False)  # code point -> glyph id
    advances: tuple[int, ...] = field(repr=False)  # per glyph id
    cff: bytes | None = field(default=None, repr=False)  # the raw CFF table; None for TrueType

    @property
    def is_cff(self) -> bool:
        return self.cff is not None

    def advance_1000(self, gid: int) -> int:
        """A glyph's advance in PDF glyph space (1000 units to the em), rounded."""
        adv = self.advances[gid] if gid < len(self.advances) else self.advances[-1]
        return round(adv * 1000 / self.units_per_em)


@lru_cache(maxsize=32)
def read_face(path: Path) -> FontFace:
    """Parse one font file's tables; raises :class:`RenderError` for a file that is not one."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise RenderError(f"cannot read font {path}: {exc.strerror}") from exc
    try:
        return _parse_sfnt(path, data)
    except (struct.error, KeyError, IndexError, ValueError) as exc:
        raise RenderError(f"{path} is not a usable TrueType/OpenType font ({exc})") from exc


def _parse_sfnt(path: Path, data: bytes) -> FontFace:
    version = data[:4]
    if version not in (b"OTTO", b"\x00\x01\x00\x00", b"true"):
        raise ValueError("not an sfnt font file (collections are not supported)")
    (num_tables,) = struct.unpack_from(">H", data, 4)
    tables: dict[str, bytes] = {}
    for i in range(num_tables):
        tag, _checksum, offset, length = struct.unpack_from(">4sLLL", data, 12 + 16 * i)
        tables[tag.decode("latin-1")] = data[offset : offset + length]

    head = tables["head"]
    (units_per_em,) = struct.unpack_from(">H", head, 18)
    bbox = struct.unpack_from(">4h", head, 36)
    hhea = tables["hhea"]
    ascent, descent = struct.unpack_from(">hh", hhea, 4)
    (n_hmetrics,) = struct.unpack_from(">H", hhea, 34)
    (num_glyphs,) = struct.unpack_from(">H", tables["maxp"], 4)
    hmtx = tables["hmtx"]
    advances = [struct.unpack_from(">H", hmtx, 4 * i)[0] for i in range(n_hmetrics)]
    advances.extend([advances[-1]] * max(0, num_glyphs - n_hmetrics))

    cap_height = round(ascent * 0.7)
    weight = 400
    os2 = tables.get("OS/2")
    if os2 is not None:
        (os2_version,) = struct.unpack_from(">H", os2, 0)
        (weight,) = struct.unpack_from(">H", os2, 4)
        typo_ascent, typo_descent = struct.unpack_from(">hh", os2, 68)
        ascent, descent = typo_ascent or ascent, typo_descent or descent
        if os2_version >= 2 and len(os2) >= 90:
            cap_height = struct.unpack_from(">h", os2, 88)[0] or cap_height
    italic_angle = 0.0
    fixed_pitch = False
    post = tables.get("post")
    if post is not None:
        (angle,) = struct.unpack_from(">l", post, 4)
        italic_angle = angle / 65536
        fixed_pitch = struct.unpack_from(">L", post, 12)[0] != 0

    names = _names(tables.get("name", b""))
    return FontFace(
        path=path,
        postscript_name=ps_name(names.get(6) or path.stem),
        family=names.get(16) or names.get(1) or "",
        units_per_em=units_per_em,
        ascent=ascent,
        descent=descent,
        cap_height=cap_height,
        bbox=(bbox[0], bbox[1], bbox[2], bbox[3]),
        italic_angle=italic_angle,
        fixed_pitch=fixed_pitch,
        weight=weight,
        cmap=_cmap(tables["cmap"]),
        advances=tuple(advances),
        cff=tables.get("CFF ") if version == b"OTTO" else None,
    )


def ps_name(name: str) -> str:
    """A PostScript name safe to write as a PDF name."""
    return "".join(ch for ch in name if ch.isascii() and ch.isalnum() or ch in "-_") or "Font"


def _names(table: bytes) -> dict[int, str]:
    """Name ids to strings, preferring Windows Unicode records over Mac Roman ones."""
    out: dict[int, str] = {}
    if len(table) < 6:
        return out
    _fmt, count, string_offset = struct.unpack_from(">HHH", table, 0)
    mac: dict[int, str] = {}
    for i in range(count):
        platform, encoding, _lang, name_id, length, offset = struct.unpack_from(
            ">6H", table, 6 + 12 * i
        )
        raw = table[string_offset + offset : string_offset + offset + length]
        if platform == 3 and encoding in (0, 1) and name_id not in out:
            out[name_id] = raw.decode("utf-16-be", errors="replace")
        elif platform == 1 and encoding == 0 and name_id not in mac:
            mac[name_id] = raw.decode("mac-roman", errors="replace")
    for name_id, text in mac.items():
        out.setdefault(name_id, text)
    return out


def _cmap(table: bytes) -> dict[int, int]:
    """The best Unicode subtable: (3,10) or (0,4+) format 12, else (3,1) or (0,x) format 4."""
    (count,) = struct.unpack_from(">H", table, 2)
    candidates: list[tuple[int, int]] = []
    for i in range(count):
        platform, encoding, offset = struct.unpack_from(">HHL", table, 4 + 8 * i)
        (fmt,) = struct.unpack_from(">H", table, offset)
        unicode_ish = platform == 0 or (platform == 3 and encoding in (1, 10))
        if unicode_ish and fmt in (4, 12):
            candidates.append((0 if fmt == 12 else 1, offset))
    if not candidates:
        raise ValueError("no Unicode cmap")
    _rank, offset = min(candidates)
    (fmt,) = struct.unpack_from(">H", table, offset)
    mapping: dict[int, int] = {}
    if fmt == 12:
        (n_groups,) = struct.unpack_from(">L", table, offset + 12)
        for g in range(n_groups):
            start, end, gid = struct.unpack_from(">LLL", table, offset + 16 + 12 * g)
            for cp in range(start, end + 1):
                mapping[cp] = gid + cp - start
        return mapping
    (seg_x2,) = struct.unpack_from(">H", table, offset + 6)
    segs = seg_x2 // 2
    ends = struct.unpack_from(f">{segs}H", table, offset + 14)
    starts = struct.unpack_from(f">{segs}H", table, offset + 16 + seg_x2)
    deltas = struct.unpack_from(f">{segs}h", table, offset + 16 + 2 * seg_x2)
    range_base = offset + 16 + 3 * seg_x2
    range_offsets = struct.unpack_from(f">{segs}H", table, range_base)
    for s in range(segs):
        start, end, delta, ro = starts[s], ends[s], deltas[s], range_offsets[s]
        if start == 0xFFFF:
            continue
        for cp in range(start, end + 1):
            if ro == 0:
                gid = (cp + delta) & 0xFFFF
            else:
                at = range_base + 2 * s + ro + 2 * (cp - start)
                (gid,) = struct.unpack_from(">H", table, at)
                if gid:
                    gid = (gid + delta) & 0xFFFF
            if gid:
                mapping[cp] = gid
    return mapping
