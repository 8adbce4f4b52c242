"""One Jinja setup for every template, HTML and DOCX alike.

Sandboxed (a user's template cannot reach Python internals), ``StrictUndefined`` (a name the
context lacks is an error naming template and variable, never a silent blank) and
autoescape on (``&`` and ``<`` in data are text, in HTML and in DOCX's XML).
A production's own ``templates:`` folder overrides a bundled template by name.

A user's template is code from outside paperwork, so the sandbox also caps what a template
can build at once (``range`` at 100,000 items, a string or list repeated or joined past
:data:`MAX_SIZE`), and a set with user folders renders in a child process under a time and
memory limit (:mod:`paperwork.render.limits`). Every way a template can fail is a
:class:`~paperwork.errors.TemplateError` naming the template (exit 4), never a traceback.
"""

from __future__ import annotations

import dataclasses
from collections import OrderedDict
from collections.abc import Callable, Mapping, MutableMapping, Sequence
from pathlib import Path
from typing import Any

import jinja2
import jinja2.nodes
from jinja2.sandbox import SandboxedEnvironment

from paperwork.errors import TemplateError
from paperwork.resources import templates_dir

MAX_SIZE = 1_000_000  # characters of a string, or items of a list, one operation may make
COMPILED_SOURCES = 64  # template sources compiled from strings kept, most recently used


class LimitedSandbox(SandboxedEnvironment):
    """The sandbox, with ``*``, ``**`` and ``+`` checked so one expression cannot fill memory."""

    intercepted_binops = frozenset({"*", "**", "+"})

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self._compiled: OrderedDict[str, jinja2.Template] = OrderedDict()

    def from_string(
        self,
        source: str | jinja2.nodes.Template,
        globals: MutableMapping[str, Any] | None = None,  # noqa: A002 - Jinja's own name
        template_class: type[jinja2.Template] | None = None,
    ) -> jinja2.Template:
        """Compile a template given as text, once a process for the same text: docxtpl hands
        over each part of a Word template (body, headers, footers) as a string for every
        document, and compiling is about a fifth of a DOCX's cost. A template keeps no state
        between renders, so one compiled template serves every document."""
        if globals is not None or template_class is not None or not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        template = self._compiled.get(source)
        if template is None:
            template = super().from_string(source)
            self._compiled[source] = template
            if len(self._compiled) > COMPILED_SOURCES:
                self._compiled.popitem(last=False)
        else:
            self._compiled.move_to_end(source)
        return template

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "*":
            for seq, times in ((left, right), (right, left)):
                if isinstance(seq, str | list | tuple) and isinstance(times, int):
                    if len(seq) * max(times, 0) > MAX_SIZE:
                        raise jinja2.exceptions.SecurityError(
                            f"repetition would make {len(seq) * times:,} items (limit {MAX_SIZE:,})"
                        )
        elif operator == "**":
            if isinstance(right, int) and isinstance(left, int) and abs(right) > 1000:
                raise jinja2.exceptions.SecurityError(f"power {right} is too large")
        elif operator == "+":
            if isinstance(left, str | list | tuple) and isinstance(right, str | list | tuple):
                if len(left) + len(right) > MAX_SIZE:
                    raise jinja2.exceptions.SecurityError(f"joined value longer than {MAX_SIZE:,}")
        return super().call_binop(context, operator, left, right)


def _inside(path: Path, folder: Path) -> bool:
    """Whether ``path``, symlinks followed, is a file inside ``folder`` (already resolved)."""
    return path.resolve().is_relative_to(folder)


class ContainedLoader(jinja2.FileSystemLoader):
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


def is_limited(folders: Sequence[Path]) -> bool:
    """Whether a set of template folders holds a user's (renders then run under limits)."""
    bundled = templates_dir().resolve()
    return any(Path(f).resolve() != bundled for f in folders)


class TemplateSet:
    """Templates looked up in the user's folder first, then the bundled one."""

    def __init__(self, folders: Sequence[Path]) -> None:
        self.folders = tuple(Path(f).resolve() for f in folders)
        # A user's folder (the production's or --template's) may hold any template or
        # partial: then every render runs under the time and memory limits.
        self.limited = is_limited(self.folders)
        self.env = LimitedSandbox(
            loader=ContainedLoader(self.folders),
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
        if not self.limited:
            return self._render_html(name, context)
        from paperwork.render.limits import run_limited

        work = lambda: self._render_html(name, context).encode("utf-8")  # noqa: E731
        return run_limited(work, name).decode("utf-8")

    def _render_html(self, name: str, context: Mapping[str, Any] | object) -> str:
        with template_errors(name):
            template = self.env.get_template(name)
            out: list[str] = []
            size = 0
            for chunk in template.generate(**context_vars(context)):
                size += len(chunk)
                if size > MAX_OUTPUT:
                    raise TemplateError(
                        f"template {name}: the page would be over {MAX_OUTPUT >> 20} MB of HTML"
                    )
                out.append(chunk)
            return "".join(out)


MAX_OUTPUT = 50 << 20  # characters of HTML one document may make


class template_errors:  # noqa: N801 - used as a context manager, reads as a phrase
    """Turn whatever a template raises while rendering into a :class:`TemplateError`."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __enter__(self) -> None:
        return None

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: Any
    ) -> None:
        if exc is None or isinstance(exc, TemplateError):
            return
        if isinstance(exc, jinja2.TemplateError):
            raise template_error(self.name, exc) from None
        if isinstance(exc, RecursionError):
            raise TemplateError(
                f"template {self.name}: recursion too deep (a macro that calls itself?)"
            ) from None
        if isinstance(exc, MemoryError):
            raise TemplateError(
                f"template {self.name}: ran out of memory while rendering"
            ) from None
        if isinstance(exc, OverflowError):
            raise TemplateError(
                f"template {self.name}: a value too large to make ({exc})"
            ) from None
        if isinstance(exc, ArithmeticError | TypeError | ValueError | LookupError):
            raise TemplateError(f"template {self.name}: {type(exc).__name__}: {exc}") from None


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
    if isinstance(exc, jinja2.exceptions.SecurityError):
        return TemplateError(f"template {name}: not allowed in a template: {exc}")
    return TemplateError(f"template {name}: {exc}")
