"""A script run: read (Fountain or FDX) -> paginate -> render or write.

Called by the CLI's ``script`` commands and by ``paperwork build`` when the manifest names
a script. Everything here takes its settings as arguments; nothing reads the clock.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from paperwork.errors import Diagnostics, UsageError
from paperwork.model.pages import PaginatedScript
from paperwork.model.screenplay import Screenplay
from paperwork.model.source import Pos

PAPERS = ("letter", "a4")
DEFAULT_PAPER = "letter"  # a script's paper when nothing says otherwise
SEARCH_LEVELS = 3  # the script's folder and two above it: where its production may be
READ_SUFFIXES = {".fountain": "fountain", ".spmd": "fountain", ".txt": "fountain", ".fdx": "fdx"}
WRITE_SUFFIXES = (".pdf", ".docx", ".fdx", ".fountain")


def read_script(path: Path, diagnostics: Diagnostics, source: str | None = None) -> Screenplay:
    """Read a Fountain or Final Draft file by its extension; problems go to ``diagnostics``."""
    kind = READ_SUFFIXES.get(path.suffix.lower())
    name = source or path.name
    if kind is None:
        diagnostics.error(
            "script-format",
            f"a script must be .fountain or .fdx (got {path.suffix or 'no extension'!r})",
            Pos(name),
        )
        return Screenplay(name, None, ())
    if not _looks_like_text(path):
        diagnostics.error(
            "script-not-text",
            "this is not a script: the file holds binary data, not text "
            "(save it from your screenwriting app as .fountain or .fdx)",
            Pos(name),
        )
        return Screenplay(name, None, ())
    if kind == "fdx":
        from paperwork.readers.fdx import read_fdx_file

        script = read_fdx_file(path, diagnostics, name)
    else:
        from paperwork.readers.fountain import read_fountain_file

        script = read_fountain_file(path, diagnostics, name)
    if not script.elements and not diagnostics.has_errors:
        diagnostics.error(
            "script-empty",
            "the script has no scenes, action or dialogue: there is nothing to print",
            Pos(name),
        )
    return script


def _looks_like_text(path: Path) -> bool:
    """False for a binary file (a PDF, a Word file, an image) given as a script.

    Text, in any of the encodings the readers accept (UTF-8, UTF-16 with its mark, cp1252),
    has no NUL bytes outside UTF-16 and few control characters. An unreadable file is left
    to the reader to report.
    """
    try:
        with path.open("rb") as f:
            head = f.read(8192)
    except OSError:
        return True
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    if b"\x00" in head:
        return False
    controls = sum(1 for b in head if b < 32 and b not in b"\t\n\r\x0b\x0c")
    return controls * 100 <= len(head)  # more than 1 % control bytes: not text


def paginate_script(
    script: Screenplay,
    paper: str = "letter",
    *,
    scene_numbers: str | None = None,
    automatic_continueds: bool | None = None,
) -> PaginatedScript:
    """Lay out the body pages and the title page of a script."""
    from paperwork.paginator import layout_for, paginate
    from paperwork.paginator.title_page import layout_title_page

    layout = layout_for(script, paper)
    paginated = paginate(
        script, layout, scene_numbers=scene_numbers, automatic_continueds=automatic_continueds
    )
    if script.title_page is not None:
        paginated = replace(paginated, title_page=layout_title_page(script.title_page, layout))
    return paginated


def author_of(script: Screenplay) -> str:
    if script.title_page is None:
        return ""
    for key in ("author", "authors", "written by"):
        text = script.title_page.text(key)
        if text:
            return " ".join(text.split())
    return ""


def format_script(
    script: Screenplay,
    suffix: str,
    *,
    paper: str = "letter",
    scene_numbers: str | None = None,
    automatic_continueds: bool | None = None,
    font_dirs: tuple[Path, ...] | None = None,
) -> bytes:
    """The script as PDF, DOCX, FDX or Fountain bytes, chosen by ``suffix``."""
    suffix = suffix.lower()
    if suffix == ".fdx":
        from paperwork.writers.fdx import write_fdx

        return write_fdx(script)
    if suffix == ".fountain":
        from paperwork.writers.fountain import write_fountain

        return write_fountain(script).encode("utf-8")
    if suffix not in (".pdf", ".docx"):
        raise UsageError(f"the output must end in {', '.join(WRITE_SUFFIXES)} (got {suffix!r})")
    paginated = paginate_script(
        script, paper, scene_numbers=scene_numbers, automatic_continueds=automatic_continueds
    )
    if suffix == ".docx":
        from paperwork.render.screenplay_docx import render_script_docx

        return render_script_docx(paginated, author=author_of(script))
    from paperwork.render.fonts import DEFAULT_FONT_DIRS, default_script_font
    from paperwork.render.screenplay_pdf import render_script_pdf

    font = default_script_font(font_dirs if font_dirs is not None else DEFAULT_FONT_DIRS)
    return render_script_pdf(paginated, author=author_of(script), font=font)


# --- The production a script belongs to --------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ScriptProduction:
    """What a production folder says about its script: the paper it is printed on and the
    order of revision colours (empty: the industry order)."""

    folder: Path
    paper: str
    colours: tuple[str, ...]
    found: bool  # found by the script, not given with --production


def production_naming(script: Path, levels: int = SEARCH_LEVELS) -> Path | None:
    """The production folder whose ``production.yaml`` names ``script`` under ``script:``.

    Looked for in the script's own folder and up to ``levels - 1`` folders above it; a
    manifest that names another script (or cannot be read) is passed over.
    """
    target = script.resolve()
    folder = target.parent
    for _ in range(levels):
        if _names_script(folder, target):
            return folder
        if folder.parent == folder:
            break
        folder = folder.parent
    return None


def _names_script(folder: Path, target: Path) -> bool:
    from paperwork.readers.production import MANIFEST
    from paperwork.readers.yaml_source import load_yaml

    manifest = folder / MANIFEST
    try:
        text = manifest.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return False
    data = load_yaml(text, MANIFEST, Diagnostics())
    if not isinstance(data, dict):
        return False
    value = data.get("script")
    if isinstance(value, dict):
        value = value.get("file")
    if not isinstance(value, str) or not value.strip():
        return False
    try:
        return (folder / value.strip()).resolve() == target
    except (OSError, ValueError):
        return False


def script_production(
    script: Path, given: Path | None, diagnostics: Diagnostics
) -> ScriptProduction | None:
    """The production of ``script``: the folder ``given`` (``--production``), else the one
    whose manifest names the script (:func:`production_naming`); ``None`` when there is none.

    A given folder must read without errors. A found one must have a manifest that reads
    without errors; its tables' problems are ``paperwork check``'s business, not the script's.
    """
    from paperwork.readers.production import MANIFEST, read_production

    folder = given if given is not None else production_naming(script)
    if folder is None:
        return None
    found = Diagnostics()
    production = read_production(folder, found)
    kept = [
        d
        for d in found
        if given is not None
        or (d.severity == "error" and d.pos is not None and d.pos.file == MANIFEST)
    ]
    diagnostics.extend(kept)
    if production is None or any(d.severity == "error" for d in kept):
        return None
    return ScriptProduction(
        folder=folder,
        paper=production.script_paper,
        colours=tuple(production.revision_colours or ()),
        found=given is None,
    )
