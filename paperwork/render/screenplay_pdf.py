"""A paginated script as PDF, drawn with ReportLab's canvas exactly where the paginator put it.

Every :class:`~paperwork.model.pages.PageLine` lands at ``x`` inches from the left edge with
its baseline :data:`BASELINE_PT` below the top of its 12 pt row; nothing is re-flowed. Around
the lines: the page number ``N.`` at the top right, the revision header at the top left,
scene numbers in both margins, revision marks in the right margin, a light tint for coloured
revision pages, PDF page labels matching the printed numbers, one outline entry per scene,
and document info. The bytes are the same on every run (ReportLab's ``invariant`` mode fixes
the dates and the file id).
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from weakref import WeakKeyDictionary

from reportlab import rl_config
from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from paperwork.errors import RenderError
from paperwork.model.pages import LINE_PT, Page, PageLayout, PageLine, PaginatedScript
from paperwork.model.sides import SidesPages
from paperwork.render.fonts import FontFace, ScriptFont, ps_name, read_face

FONT_SIZE = 12.0
# The baseline sits 9 pt below the top of its 12 pt row. Measured in Final Draft's Big Fish
# PDF: the header line ("BIG FISH - FINAL   2.") has its baseline at 45 pt, i.e. the 0.5"
# header margin plus 9 pt, and body baselines fall on 72 + 9 + 12k.
BASELINE_PT = 9.0
UNDERLINE_BELOW_PT = 1.5
UNDERLINE_WIDTH_PT = 0.6
TITLE_PAGE_LABEL = "Title"
STRUCK_GREY = 0.55  # the grey of sides lines that are not the day's, and of their strike
STRIKE_WIDTH_PT = 1.2
CREATOR = "paperwork"

# Final Draft's default revision page colours (SOURCES.md §5: FD13/FD12 ``PageColor``, which
# FD writes as 16 bits a channel: #C6C6EDEDFEFE is #C6EDFE).
PAGE_COLOURS: dict[str, tuple[int, int, int]] = {
    "blue": (0xC6, 0xED, 0xFE),
    "pink": (0xFD, 0xCC, 0xD4),
    "yellow": (0xFD, 0xFF, 0xAB),
    "green": (0xD1, 0xFE, 0xD0),
    "goldenrod": (0xFA, 0xCD, 0x39),
    "buff": (0xFC, 0xED, 0x9D),
    "salmon": (0xF8, 0xAE, 0x8E),
    "cherry": (0xFB, 0xA4, 0xB4),
    "tan": (0xFD, 0xF1, 0xC7),
}
_WHITE = "white"
_GENERATION_PREFIXES = ("2nd ", "3rd ", "4th ", "double ", "triple ", "second ", "third ")


def page_colour_rgb(colour: str) -> tuple[float, float, float] | None:
    """The tint for a page colour: a name (``Blue``, ``2nd Pink``), ``#RRGGBB`` or FD's
    ``#RRRRGGGGBBBB``. ``None`` means white paper: ``""``, ``White`` and any name not in
    :data:`PAGE_COLOURS` (callers that want to warn about unknown names check here first).
    """
    name = colour.strip().lower()
    if not name:
        return None
    if name.startswith("#"):
        digits = name[1:]
        try:
            if len(digits) == 6:
                rgb = tuple(int(digits[i : i + 2], 16) for i in (0, 2, 4))
            elif len(digits) == 12:
                rgb = tuple(int(digits[i : i + 2], 16) for i in (0, 4, 8))
            else:
                return None
        except ValueError:
            return None
    else:
        for prefix in _GENERATION_PREFIXES:
            if name.startswith(prefix):
                name = name[len(prefix) :]
        name = name.split(" rev")[0].strip()
        if name == _WHITE or name not in PAGE_COLOURS:
            return None
        rgb = PAGE_COLOURS[name]
    if rgb == (0xFF, 0xFF, 0xFF):
        return None
    return (rgb[0] / 255, rgb[1] / 255, rgb[2] / 255)


# --- Fonts --------------------------------------------------------------------------------------

_STANDARD_COURIER = {
    (False, False): "Courier",
    (True, False): "Courier-Bold",
    (False, True): "Courier-Oblique",
    (True, True): "Courier-BoldOblique",
}


class _FaceName:
    """What ReportLab's font registry reads from ``font.face``."""

    def __init__(self, name: str) -> None:
        self.name = name.encode("ascii")


class _DocState:
    __slots__ = ("internal_name", "used")

    def __init__(self) -> None:
        self.internal_name = ""
        self.used: set[str] = set()  # characters drawn in this document


class CFFFont:
    """A CFF-flavoured OpenType face embedded whole as a Type0 font (``Identity-H``).

    It speaks ReportLab's "dynamic font" protocol (``splitString``, ``getSubsetInternalName``,
    ``addObjects``) that ``TTFont`` uses, but writes one composite font: text becomes 2-byte
    glyph ids, the CFF table goes in as a ``CIDFontType0C`` program (name-keyed CFF, so
    CID = glyph id), and a ToUnicode map of the glyphs actually drawn keeps text extractable.
    Characters the face lacks draw as its ``.notdef`` glyph.
    """

    _dynamicFont = 1
    _multiByte = 1
    shapable = False

    def __init__(self, name: str, face: FontFace) -> None:
        if face.cff is None:
            raise ValueError(f"{face.path} has TrueType outlines; use ReportLab's TTFont")
        self.fontName = name
        self.face = _FaceName(name)
        self._font = face
        self.substitutionFonts: list[object] = []
        self._widths = {cp: face.advance_1000(gid) for cp, gid in face.cmap.items()}
        self._missing = face.advance_1000(0)
        self._pitch = face.advance_1000(face.cmap.get(0x20, 0))
        self._on_pitch = frozenset(chr(cp) for cp, w in self._widths.items() if w == self._pitch)
        # code point -> its glyph id as two latin-1 characters, for str.translate
        self._table = {cp: chr(gid >> 8) + chr(gid & 0xFF) for cp, gid in face.cmap.items()}
        if 0xA0 not in self._table and 0x20 in self._table:
            self._table[0xA0] = self._table[0x20]
        self._states: WeakKeyDictionary[object, _DocState] = WeakKeyDictionary()

    def _state(self, doc: object) -> _DocState:
        state = self._states.get(doc)
        if state is None:
            state = self._states[doc] = _DocState()
        return state

    def stringWidth(self, text: str, size: float, encoding: str = "utf8") -> float:  # noqa: N802
        if isinstance(text, bytes):
            text = text.decode(encoding)
        if self._on_pitch.issuperset(text):  # the usual case for a monospaced face
            return len(text) * self._pitch * size / 1000
        widths, missing = self._widths, self._missing
        return sum(widths.get(ord(ch), missing) for ch in text) * size / 1000

    def encode(self, text: str, doc: object) -> bytes:
        """``text`` as big-endian 2-byte glyph ids, noting its characters for ToUnicode."""
        self._state(doc).used.update(text)
        coded = text.translate(self._table)
        if len(coded) == 2 * len(text):
            return coded.encode("latin-1")
        # Some character is not in the face: encode one by one, .notdef for the missing.
        table = self._table
        return "".join(table.get(ord(ch), "\x00\x00") for ch in text).encode("latin-1")

    def splitString(  # noqa: N802
        self, text: str | bytes, doc: object, encoding: str = "utf-8"
    ) -> list[tuple[int, bytes]]:
        if isinstance(text, bytes):
            text = text.decode(encoding)
        return [(0, self.encode(text, doc))]

    def getSubsetInternalName(self, subset: int, doc: pdfdoc.PDFDocument) -> str:  # noqa: N802
        state = self._state(doc)
        if not state.internal_name:
            state.internal_name = f"F{len(doc.fontMapping) + 1}"
            doc.fontMapping[self.fontName] = "/" + state.internal_name
            doc.delayedFonts.append(self)
        return "/" + state.internal_name

    def addObjects(self, doc: pdfdoc.PDFDocument) -> None:  # noqa: N802
        state = self._states.pop(doc)
        face = self._font
        # Named after the file: Debian's Courier Prime OTFs all claim the PostScript name
        # "Courier Prime-Regular" (and weight 300), so the name table cannot tell them apart.
        base = ps_name(face.path.stem)
        key = f"{state.internal_name}:{base}"
        scale = 1000 / face.units_per_em

        program = pdfdoc.PDFStream(content=_deflated(face.cff))
        program.dictionary["Filter"] = "/FlateDecode"
        program.dictionary["Subtype"] = "/CIDFontType0C"
        flags = 32 | (1 if face.fixed_pitch else 0) | (64 if face.italic_angle else 0)
        descriptor = pdfdoc.PDFDictionary(
            {
                "Type": "/FontDescriptor",
                "FontName": pdfdoc.PDFName(base),
                "Flags": flags,
                "FontBBox": pdfdoc.PDFArray([round(v * scale) for v in face.bbox]),
                "ItalicAngle": round(face.italic_angle, 2),
                "Ascent": round(face.ascent * scale),
                "Descent": round(face.descent * scale),
                "CapHeight": round(face.cap_height * scale),
                "StemV": 50 + int((face.weight / 65) ** 2),
                "FontFile3": doc.Reference(program, f"cffProgram:{key}"),
            }
        )
        used: dict[int, int] = {}
        for ch in sorted(state.used):
            gid = face.cmap.get(ord(ch))
            if gid is not None and gid not in used:
                used[gid] = ord(ch)
        pairs = sorted(used.items())
        default_width = face.advance_1000(face.cmap.get(0x20, 0))
        widths: list[object] = []
        for gid, _cp in pairs:
            w = face.advance_1000(gid)
            if w != default_width:
                widths += [gid, pdfdoc.PDFArray([w])]
        cid_font = pdfdoc.PDFDictionary(
            {
                "Type": "/Font",
                "Subtype": "/CIDFontType0",
                "BaseFont": pdfdoc.PDFName(base),
                "CIDSystemInfo": pdfdoc.PDFDictionary(
                    {
                        "Registry": pdfdoc.PDFString("Adobe"),
                        "Ordering": pdfdoc.PDFString("Identity"),
                        "Supplement": 0,
                    }
                ),
                "FontDescriptor": doc.Reference(descriptor, f"fontDescriptor:{key}"),
                "DW": default_width,
                "W": pdfdoc.PDFArray(widths),
            }
        )
        to_unicode = pdfdoc.PDFStream(
            content=_to_unicode_cmap(pairs).encode("ascii"), filters=[pdfdoc.PDFZCompress]
        )
        font = pdfdoc.PDFDictionary(
            {
                "Type": "/Font",
                "Subtype": "/Type0",
                "BaseFont": pdfdoc.PDFName(base),
                "Encoding": "/Identity-H",
                "DescendantFonts": pdfdoc.PDFArray([doc.Reference(cid_font, f"cidFont:{key}")]),
                "ToUnicode": doc.Reference(to_unicode, f"toUnicode:{key}"),
            }
        )
        ref = doc.Reference(font, state.internal_name)
        doc.idToObject["BasicFonts"].dict[state.internal_name] = ref


@lru_cache(maxsize=16)
def _deflated(program: bytes) -> bytes:
    """A font program compressed once per process, not once per document."""
    return zlib.compress(program)


def _utf16_hex(cp: int) -> str:
    return chr(cp).encode("utf-16-be").hex().upper()


def _to_unicode_cmap(used: list[tuple[int, int]]) -> str:
    lines = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
        "/CMapName /Adobe-Identity-UCS def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        "<0000> <FFFF>",
        "endcodespacerange",
    ]
    for start in range(0, len(used), 100):
        chunk = used[start : start + 100]
        lines.append(f"{len(chunk)} beginbfchar")
        lines.extend(f"<{gid:04X}> <{_utf16_hex(cp)}>" for gid, cp in chunk)
        lines.append("endbfchar")
    lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(lines)


_REGISTERED: dict[Path, str] = {}


def _register(path: Path) -> str:
    """Register one font file with ReportLab once per process; returns its font name."""
    name = _REGISTERED.get(path)
    if name is not None:
        return name
    face = read_face(path)
    name = f"paperwork-{ps_name(path.stem)}-{len(_REGISTERED)}"
    try:
        font = CFFFont(name, face) if face.is_cff else TTFont(name, str(path))
    except Exception as exc:  # ReportLab's TTFError and friends
        raise RenderError(f"cannot use font {path}: {exc}") from exc
    pdfmetrics.registerFont(font)
    _REGISTERED[path] = name
    return name


def font_names(font: ScriptFont | None) -> dict[tuple[bool, bool], str]:
    """ReportLab font names for (bold, italic), registering the family's files as needed."""
    if font is None or font.builtin:
        return dict(_STANDARD_COURIER)
    out: dict[tuple[bool, bool], str] = {}
    for bold in (False, True):
        for italic in (False, True):
            path = font.face(bold, italic)
            assert path is not None  # a non-builtin family always has a regular face
            out[(bold, italic)] = _register(path)
    return out


# --- Drawing ------------------------------------------------------------------------------------


@contextmanager
def _no_ascii85() -> Iterator[None]:
    """Plain Flate streams: ASCII85 makes files 25 % bigger and slower for nothing."""
    saved = rl_config.useA85
    rl_config.useA85 = 0
    try:
        yield
    finally:
        rl_config.useA85 = saved


@lru_cache(maxsize=8192)
def _num(value: float) -> str:
    """A coordinate for the content stream: at most 3 decimals, no trailing zeros."""
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return text if text != "-0" else "0"


class _Encoder:
    """Turns a run of text into ``(PDF font resource, bytes)`` chunks for one font.

    The content stream is written directly (hex strings, one ``Tj`` per run) rather than
    through ``PDFTextObject.textOut``, which measures every run and escapes byte by byte:
    that was two thirds of the time on a 120-page script.
    """

    def __init__(self, name: str, doc: pdfdoc.PDFDocument) -> None:
        self.font = pdfmetrics.getFont(name)
        self.doc = doc
        self.cff = isinstance(self.font, CFFFont)
        self.dynamic = bool(self.font._dynamicFont)
        self.name = name
        self.resource = ""  # the standard font's resource name, once used

    def chunks(self, text: str) -> list[tuple[str, bytes]]:
        font, doc = self.font, self.doc
        if self.cff:
            if not self.resource:
                self.resource = font.getSubsetInternalName(0, doc)
            return [(self.resource, font.encode(text, doc))]
        if self.dynamic:  # ReportLab's TTFont: 256-glyph subsets
            return [
                (font.getSubsetInternalName(subset, doc), data)
                for subset, data in font.splitString(text, doc)
            ]
        # The standard Courier speaks WinAnsi (cp1252); anything else prints as "?".
        if not self.resource:
            self.resource = doc.getInternalFontName(self.name)
        return [(self.resource, text.encode("cp1252", errors="replace"))]


class _PageWriter:
    def __init__(
        self,
        canvas: Canvas,
        layout: PageLayout,
        fonts: dict[tuple[bool, bool], str],
        tint_pages: bool,
    ) -> None:
        self.canvas = canvas
        self.layout = layout
        self.fonts = fonts
        self.tint_pages = tint_pages
        self.regular = fonts[(False, False)]
        doc = canvas._doc
        self.encoders = {style: _Encoder(name, doc) for style, name in fonts.items()}
        self.height_pt = layout.height * 72
        self.size = _num(FONT_SIZE)

    def baseline(self, row: int) -> float:
        """PDF y of row ``row``'s baseline (ReportLab counts up from the bottom)."""
        return self.height_pt - (self.layout.top_margin * 72 + row * LINE_PT + BASELINE_PT)

    def header_baseline(self) -> float:
        return self.height_pt - (self.layout.header_margin * 72 + BASELINE_PT)

    def width(self, text: str, style: tuple[bool, bool] = (False, False)) -> float:
        return float(pdfmetrics.stringWidth(text, self.fonts[style], FONT_SIZE))

    def draw_page(
        self,
        lines: tuple[PageLine, ...],
        page: Page | None,
        colour: str = "",
        struck: frozenset[int] = frozenset(),
    ) -> None:
        """One page's lines where the paginator put them; ``struck`` (indexes into ``lines``)
        are drawn grey and crossed through, block by block (sides)."""
        canvas, layout = self.canvas, self.layout
        if page is not None:
            colour = page.colour
        if colour and self.tint_pages:
            rgb = page_colour_rgb(colour)
            if rgb is not None:
                canvas.setFillColorRGB(*rgb)
                canvas.rect(0, 0, layout.width * 72, self.height_pt, stroke=0, fill=1)
                canvas.setFillColorRGB(0, 0, 0)
        ops: list[str] = ["BT"]
        state = [""]  # the font resource currently set in this text block
        underlines: list[tuple[float, float, float]] = []
        plain = (False, False)

        def show(text: str, x: float, y: float, style: tuple[bool, bool] = plain) -> None:
            ops.append(f"1 0 0 1 {_num(x)} {_num(y)} Tm")
            put(text, style)

        def put(text: str, style: tuple[bool, bool]) -> None:
            for resource, data in self.encoders[style].chunks(text):
                if resource != state[0]:
                    ops.append(f"{resource} {self.size} Tf")
                    state[0] = resource
                ops.append(f"<{data.hex()}> Tj")

        grey = False
        for index, line in enumerate(lines):
            if (index in struck) != grey:
                grey = not grey
                ops.append(f"{STRUCK_GREY} g" if grey else "0 g")
            y = self.baseline(line.row)
            ops.append(f"1 0 0 1 {_num(line.x * 72)} {_num(y)} Tm")
            x = line.x * 72
            runs = line.runs
            underlined = any(run.underline for run in runs)
            for run in runs:
                if not run.text:
                    continue
                style = (run.bold, run.italic)
                put(run.text, style)
                if underlined:
                    width = self.width(run.text, style)
                    if run.underline:
                        underlines.append((x, x + width, y - UNDERLINE_BELOW_PT))
                    x += width
            if line.scene_number and layout.scene_numbers != "none":
                number = line.scene_number
                if layout.scene_numbers in ("left", "both"):
                    show(number, layout.scene_number_left_at * 72, y)
                if layout.scene_numbers in ("right", "both"):
                    # Final Draft right-aligns the right-hand number here (Big Fish PDF: "1",
                    # "59" and "155" all end at 7.25", its SceneNumberOptions RightLocation).
                    show(number, layout.scene_number_right_at * 72 - self.width(number), y)
            if line.mark:
                show(line.mark, layout.revision_mark_at * 72, y)
        if grey:
            ops.append("0 g")
        if page is not None:
            y = self.header_baseline()
            if page.header:
                show(page.header, layout.left_margin * 72, y)
            if page.show_number and page.number:
                label = f"{page.number}."
                right = (layout.width - layout.right_margin) * 72
                show(label, right - self.width(label), y)
        ops.append("ET")
        canvas._code.append("\n".join(ops))
        if underlines:
            canvas.setLineWidth(UNDERLINE_WIDTH_PT)
            for x0, x1, y in underlines:
                canvas.line(x0, y, x1, y)
        if struck:
            self.strike(lines, struck)

    def strike(self, lines: tuple[PageLine, ...], struck: frozenset[int]) -> None:
        """A diagonal across each block of struck rows, as sides are marked by hand: from
        the top of its first row at the left margin to the foot of its last at the right."""
        kept = {ln.row for i, ln in enumerate(lines) if i not in struck}
        rows = sorted({lines[i].row for i in struck if 0 <= i < len(lines)})
        blocks: list[tuple[int, int]] = []
        for row in rows:
            if blocks and not any(blocks[-1][1] < r < row for r in kept) and row not in kept:
                blocks[-1] = (blocks[-1][0], row)
            else:
                blocks.append((row, row))
        layout, canvas = self.layout, self.canvas
        left = (layout.left_margin - 0.25) * 72
        right = (layout.width - layout.right_margin) * 72
        canvas.saveState()
        canvas.setStrokeColorRGB(STRUCK_GREY, STRUCK_GREY, STRUCK_GREY)
        canvas.setLineWidth(STRIKE_WIDTH_PT)
        for first, last in blocks:
            top = self.baseline(first) + BASELINE_PT
            foot = self.baseline(last) + BASELINE_PT - LINE_PT
            canvas.line(left, top, right, foot)
        canvas.restoreState()


def _page_labels(canvas: Canvas, labels: list[str]) -> None:
    """One PDF label range per run of consecutive arabic numbers; others get a literal label."""
    previous: int | None = None
    for index, label in enumerate(labels):
        if label.isdigit() and not label.startswith("0"):
            value = int(label)
            if previous is not None and value == previous + 1:
                previous = value
                continue
            canvas.addPageLabel(index, style="ARABIC", start=value)
            previous = value
        else:
            canvas.addPageLabel(index, prefix=label)
            previous = None


def _scene_outline(script: PaginatedScript) -> list[tuple[int, int, str]]:
    """(page index, row, outline title) per scene, in script order."""
    entries: list[tuple[int, int, str]] = []
    if script.scenes:
        for span in script.scenes:
            if not 0 <= span.start_page < len(script.pages):
                continue
            page = script.pages[span.start_page]
            heading = _heading_at(page, span.start_row)
            if heading is None:
                continue
            row, text = heading
            title = f"{span.number} {text}" if span.number else text
            entries.append((span.start_page, row, title))
        return entries
    for index, page in enumerate(script.pages):
        rows = {line.row for line in page.lines if line.kind == "scene_heading"}
        for row in sorted(rows):
            if row - 1 in rows:
                continue
            heading = _heading_at(page, row)
            if heading is None:
                continue
            number = next(
                (ln.scene_number for ln in page.lines if ln.row == row and ln.scene_number), None
            )
            title = f"{number} {heading[1]}" if number else heading[1]
            entries.append((index, heading[0], title))
    return entries


def _heading_at(page: Page, row: int) -> tuple[int, str] | None:
    """The first scene heading at or below ``row`` and its text, wrapped lines joined."""
    heads = sorted((ln for ln in page.lines if ln.kind == "scene_heading"), key=lambda ln: ln.row)
    first = next((ln for ln in heads if ln.row >= row), None)
    if first is None:
        return None
    parts = [first.text.strip()]
    expect = first.row + 1
    for ln in heads:
        if ln.row == expect:
            parts.append(ln.text.strip())
            expect += 1
    return first.row, " ".join(p for p in parts if p)


def render_script_pdf(
    script: PaginatedScript,
    *,
    author: str = "",
    font: ScriptFont | None = None,
    tint_pages: bool = True,
    title_colour: str = "",
) -> bytes:
    """The script as PDF bytes: title page (if any, unnumbered) then every body page.

    ``font`` is the family to draw with (see :mod:`paperwork.render.fonts`); ``None`` is the
    PDF standard Courier, which needs no file. ``tint_pages=False`` leaves coloured revision
    pages white (for printing on coloured paper). ``title_colour`` tints the title page too
    (a revision's title page is issued on the revision's colour).
    """
    layout = script.layout
    fonts = font_names(font)
    buffer = io.BytesIO()
    with _no_ascii85():
        canvas = Canvas(
            buffer,
            pagesize=(layout.width * 72, layout.height * 72),
            invariant=1,
            pageCompression=1,
            initialFontName=fonts[(False, False)],
            initialFontSize=FONT_SIZE,
        )
        canvas.setTitle(script.title)
        canvas.setAuthor(author)
        canvas.setCreator(CREATOR)
        canvas.setSubject("")
        writer = _PageWriter(canvas, layout, fonts, tint_pages)
        labels: list[str] = []
        if script.title_page is not None:
            writer.draw_page(script.title_page, None, title_colour)
            canvas.showPage()
            labels.append(TITLE_PAGE_LABEL)
        first_body = len(labels)
        outline: dict[int, list[tuple[int, str]]] = {}
        for page_index, row, title in _scene_outline(script):
            outline.setdefault(page_index, []).append((row, title))
        for index, page in enumerate(script.pages):
            writer.draw_page(page.lines, page)
            for row, title in outline.get(index, ()):
                key = f"scene-{first_body + index}-{row}"
                top = writer.baseline(row) + BASELINE_PT  # the top of the heading's row
                canvas.bookmarkPage(key, fit="XYZ", left=0, top=top)
                canvas.addOutlineEntry(title, key, level=0)
            canvas.showPage()
            labels.append(page.label)
        _page_labels(canvas, labels)
        canvas.save()
    return buffer.getvalue()


# --- Sides --------------------------------------------------------------------------------------

A4_LANDSCAPE_PT = (841.89, 595.28)
FOOTER_FONT = "Helvetica"
FOOTER_SIZE = 8.0
HALF_GUTTER_PT = 14.0  # the white between the two half pages and around them


def render_sides_pdf(sides: SidesPages, *, font: ScriptFont | None = None) -> bytes:
    """A day's sides as PDF: each page of the formatted script drawn from the same lines
    (the paginator's, never re-flowed), other scenes' lines grey and struck through.

    ``sides.sheet`` ``"full"``: one script page per sheet, on the script's own paper.
    ``"half"``: two pages side by side on A4 landscape, each scaled to half size (the pocket
    sides), with a dashed line to cut along. The footer (day and date) sits in each page's
    bottom margin. Coloured revision pages keep their tint; page numbers, scene numbers and
    revision marks print as in the issued script.
    """
    layout = sides.layout
    fonts = font_names(font)
    buffer = io.BytesIO()
    page_w, page_h = layout.width * 72, layout.height * 72
    half = sides.sheet == "half"
    size = A4_LANDSCAPE_PT if half else (page_w, page_h)
    with _no_ascii85():
        canvas = Canvas(
            buffer,
            pagesize=size,
            invariant=1,
            pageCompression=1,
            initialFontName=fonts[(False, False)],
            initialFontSize=FONT_SIZE,
        )
        canvas.setTitle(sides.title)
        canvas.setAuthor("")
        canvas.setCreator(CREATOR)
        canvas.setSubject("")
        writer = _PageWriter(canvas, layout, fonts, tint_pages=True)
        per_sheet = 2 if half else 1
        slot_w = size[0] / per_sheet
        scale = 1.0
        if half:
            scale = min(
                (slot_w - 1.5 * HALF_GUTTER_PT) / page_w, (size[1] - 2 * HALF_GUTTER_PT) / page_h
            )
        for start in range(0, len(sides.pages), per_sheet):
            for slot, side in enumerate(sides.pages[start : start + per_sheet]):
                canvas.saveState()
                if half:
                    x = slot * slot_w + (slot_w - page_w * scale) / 2
                    y = (size[1] - page_h * scale) / 2
                    canvas.translate(x, y)
                    canvas.scale(scale, scale)
                    canvas.setStrokeColorRGB(0.8, 0.8, 0.8)
                    canvas.setLineWidth(0.5)
                    canvas.rect(0, 0, page_w, page_h, stroke=1, fill=0)
                writer.draw_page(side.page.lines, side.page, struck=side.struck)
                if sides.footer:
                    canvas.setFont(FOOTER_FONT, FOOTER_SIZE)
                    canvas.setFillColorRGB(0.3, 0.3, 0.3)
                    canvas.drawCentredString(
                        page_w / 2, layout.bottom_margin * 72 / 2, sides.footer
                    )
                canvas.restoreState()
            if half:
                canvas.saveState()
                canvas.setStrokeColorRGB(0.6, 0.6, 0.6)
                canvas.setLineWidth(0.5)
                canvas.setDash(4, 4)
                canvas.line(slot_w, 6, slot_w, size[1] - 6)
                canvas.restoreState()
            canvas.showPage()
        if not sides.pages:
            canvas.showPage()
        canvas.save()
    return buffer.getvalue()
