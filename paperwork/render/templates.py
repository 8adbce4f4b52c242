"""One Jinja setup for every template, HTML and DOCX alike.

Sandboxed (a user's template cannot reach Python internals), ``StrictUndefined`` (a name the
context lacks is an error naming template and variable, never a silent blank) and
autoescape on (``&`` and ``<`` in data are text, in HTML and in DOCX's XML).
A production's own ``templates:`` folder overrides a bundled template by name.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from paperwork.errors import TemplateError


def _inside(path: Path, folder: Path) -> bool:
    """Whether ``path``, symlinks followed, is a file inside ``folder`` (already resolved)."""
    return path.resolve().is_relative_to(folder)


class _ContainedLoader(jinja2.FileSystemLoader):
    """A FileSystemLoader that will not follow a symlink out of its folders."""

    def __init__(self, folders: Sequence[Path]) -> None:
        super().__init__([str(f) for f in folders])
        self.folders = tuple(folders)

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        source, filename, uptodate = super().get_source(environment, template)
        if not any(_inside(Path(filename), f) for f in self.folders):
            raise TemplateError(
                f"template {template} is a link to {Path(filename).resolve()}, outside the "
                "templates folder; copy the file in instead"
            )
        return source, filename, uptodate


class TemplateSet:
    """Templates looked up in the user's folder first, then the bundled one."""

    def __init__(self, folders: Sequence[Path]) -> None:
        self.folders = tuple(Path(f).resolve() for f in folders)
        self.env = SandboxedEnvironment(
            loader=_ContainedLoader(self.folders),
            undefined=jinja2.StrictUndefined,
            autoescape=True,
            trim_blocks=True,
            lstrip_blocks=True,
        )

    def find(self, name: str) -> Path:
        """The first folder's file of that name (``clearance_letter.docx``)."""
        for folder in self.folders:
            path = folder / name
            if path.is_file():
                if not _inside(path, folder):
                    raise TemplateError(
                        f"template {path} is a link to {path.resolve()}, outside the "
                        "templates folder; copy the file in instead"
                    )
                return path
        raise TemplateError(f"template {name} not found in {', '.join(map(str, self.folders))}")

    def render_html(self, name: str, context: Mapping[str, Any] | object) -> str:
        """Render ``name`` with the context's fields as top-level variables."""
        try:
            template = self.env.get_template(name)
            return template.render(**context_vars(context))
        except jinja2.TemplateError as exc:
            raise template_error(name, exc) from None


def context_vars(context: Mapping[str, Any] | object) -> dict[str, Any]:
    """A context dataclass's fields (not deep-copied) or a mapping, as template variables."""
    if dataclasses.is_dataclass(context) and not isinstance(context, type):
        return {f.name: getattr(context, f.name) for f in dataclasses.fields(context)}
    if isinstance(context, Mapping):
        return dict(context)
    raise TypeError(f"a template context must be a dataclass or a mapping, not {type(context)}")


def template_error(name: str, exc: Exception) -> TemplateError:
    """A located, plain message for a broken template or a missing variable (exit 4)."""
    if isinstance(exc, jinja2.UndefinedError):
        return TemplateError(
            f"template {name}: {exc.message} (the document's data has no such field)"
        )
    if isinstance(exc, jinja2.TemplateSyntaxError):
        line = f" line {exc.lineno}" if exc.lineno else ""
        return TemplateError(f"template {name}{line}: {exc.message}")
    if isinstance(exc, jinja2.sandbox.SecurityError):
        return TemplateError(f"template {name}: not allowed in a template: {exc}")
    return TemplateError(f"template {name}: {exc}")
