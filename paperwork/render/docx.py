"""DOCX of the paperwork through docxtpl, with the one sandboxed, autoescaping Jinja setup.

docxtpl's own default is ``autoescape=False``, which lets ``&`` or ``<`` in data break the
document's XML (Word then shows a truncated document); we always pass our environment with
autoescape on. Output zips get fixed timestamps so the same input gives the same bytes.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from paperwork.errors import TemplateError
from paperwork.model.document import BuiltDocument
from paperwork.render.templates import TemplateSet, context_vars, template_errors

_EPOCH = (1980, 1, 1, 0, 0, 0)


def normalise_zip(
    data: bytes, rewrite: Callable[[str, bytes], bytes] = lambda name, body: body
) -> bytes:
    """Rewrite a zip (DOCX, XLSX) with fixed entry dates, in the same entry order.

    ``rewrite(name, body)`` may change an entry's bytes on the way (a stamped date).
    """
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=_EPOCH)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, rewrite(info.filename, src.read(info.filename)))
    return out.getvalue()


def render_docx(doc: BuiltDocument, templates: TemplateSet, logo: Path | None = None) -> bytes:
    """Fill ``templates/<template>.docx`` with the document's context.

    A context field named ``logo`` holding a path becomes an inline image 3 cm wide. With a
    user's templates in play, the render runs under the time and memory limits.
    """
    if templates.limited:
        from paperwork.render.limits import run_limited

        return run_limited(lambda: _render_docx(doc, templates, logo), f"{doc.template}.docx")
    return _render_docx(doc, templates, logo)


def _render_docx(doc: BuiltDocument, templates: TemplateSet, logo: Path | None) -> bytes:
    from docx.shared import Cm
    from docxtpl import DocxTemplate, InlineImage

    name = f"{doc.template}.docx"
    path = templates.find(name)
    tpl = DocxTemplate(str(path))
    try:
        tpl.init_docx()  # docxtpl opens the file lazily; open it here, where we can say why
    except Exception:  # noqa: BLE001 - python-docx on a user's file can raise anything
        raise TemplateError(
            f"template {path} is not a readable Word document (.docx): open it in Word and "
            "save it again as a Word Document"
        ) from None
    values: dict[str, Any] = context_vars(doc.context)
    if logo is not None and "logo" in values and values["logo"]:
        values["logo"] = InlineImage(tpl, str(logo), width=Cm(3))
    with template_errors(name):
        tpl.render(values, jinja_env=templates.env, autoescape=True)
    buf = io.BytesIO()
    tpl.save(buf)
    return normalise_zip(buf.getvalue())


def docx_text(data: bytes) -> str:
    """All paragraph and table text of a DOCX, for tests and checks."""
    from docx import Document

    document = Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" | ".join(cell.text for cell in row.cells))
    for section in document.sections:
        parts.extend(p.text for p in section.header.paragraphs)
        parts.extend(p.text for p in section.footer.paragraphs)
    return "\n".join(parts)
