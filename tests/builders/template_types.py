"""A static check of a template's names against its context dataclass (test code, not runtime).

Every name and attribute chain a Jinja template reads is resolved against the context type's
fields, through ``tuple[X, ...]``, ``Sequence[X]``, ``Mapping[K, V]``, ``X | None``, nested
dataclasses, properties and methods, ``for`` targets (tuple unpacking and ``loop.*`` too),
``set``, ``with``, macro arguments (typed from each call), ``include``, ``extends``,
``import`` and filters. Every branch is checked, not only those one production takes; a name
or attribute the type does not have is a :class:`Problem` naming template, line and name.

DOCX templates are checked the way docxtpl renders them: the Jinja in ``word/document.xml``,
headers and footers, after docxtpl's own ``{%p``/``{%tr``/``{{r`` rewriting.

``None`` arms of an optional are skipped (templates guard them with ``{% if %}``), and what
cannot be known (a namespace, a filter's result the checker does not model) is ``Any``,
which lets everything through: the check may miss a fault, but it never invents one.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import nodes

Type = Any  # a typing object (a class, ``tuple[X, ...]``, ``X | None``) or one of the below
UNKNOWN: Any = typing.Any


@dataclass(frozen=True)
class Problem:
    """A name or attribute the context's type does not have, where the template reads it."""

    template: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.template}:{self.line}: {self.message}"


@dataclass(frozen=True)
class Loop:
    """Jinja's ``loop`` inside a ``for``."""

    item: Type


@dataclass(frozen=True, eq=False)
class MacroType:
    """A macro, checked again with each call's argument types."""

    node: nodes.Macro
    template: str
    scope: Mapping[str, Type]  # what its body sees besides its arguments


@dataclass(frozen=True)
class Module:
    """``{% import 'x.html' as x %}``: the imported template's macros and top-level sets."""

    names: Mapping[str, Type]


@dataclass(frozen=True)
class Function:
    """A callable whose result type is known (a method, ``range``)."""

    result: Type


LOOP_ATTRS: dict[str, Type] = {
    "index": int,
    "index0": int,
    "revindex": int,
    "revindex0": int,
    "first": bool,
    "last": bool,
    "length": int,
    "depth": int,
    "depth0": int,
    "cycle": Function(UNKNOWN),
    "changed": Function(bool),
    "previtem": UNKNOWN,
    "nextitem": UNKNOWN,
}
GLOBALS: dict[str, Type] = {
    "range": Function(tuple[int, ...]),
    "dict": Function(dict[str, Any]),
    "namespace": Function(UNKNOWN),
    "lipsum": Function(str),
    "cycler": Function(UNKNOWN),
    "joiner": Function(UNKNOWN),
}
TEXT_FILTERS = {
    "capitalize", "center", "e", "escape", "filesizeformat", "forceescape", "format",
    "indent", "join", "lower", "replace", "safe", "string", "striptags", "title", "tojson",
    "trim", "truncate", "upper", "urlencode", "urlize", "wordwrap", "xmlattr",
}  # fmt: skip
SAME_FILTERS = {"list", "reverse", "select", "reject", "sort", "unique", "slice"}
SEQUENCES = (tuple, list, Sequence, Iterable, Iterator, set, frozenset, typing.Sequence)
MAPPINGS = (dict, Mapping, typing.Mapping)


def name_of(t: Type) -> str:
    """A type as a reader would write it."""
    if isinstance(t, type):
        return t.__name__
    if isinstance(t, Loop | MacroType | Module | Function):
        return type(t).__name__
    return str(t).replace("typing.", "")


def arms(t: Type) -> tuple[Type, ...]:
    """The arms of a union (``None`` left out), or the type itself."""
    if typing.get_origin(t) in (typing.Union, types.UnionType):
        return tuple(a for a in typing.get_args(t) if a is not type(None))
    return (t,)


def union(ts: Iterable[Type]) -> Type:
    """One type from several; ``Any`` if any of them is."""
    out: list[Type] = []
    for t in ts:
        if t is UNKNOWN:
            return UNKNOWN
        for a in arms(t):
            if a not in out:
                out.append(a)
    if not out:
        return UNKNOWN
    if len(out) == 1:
        return out[0]
    try:
        return typing.Union[tuple(out)]  # noqa: UP007 - built from a runtime tuple
    except TypeError:  # an arm that is not a type (a Loop, a Module): nothing more to say
        return UNKNOWN


def hints(cls: type) -> dict[str, Type]:
    """A class's resolved annotations (cached)."""
    found = _HINTS.get(cls)
    if found is None:
        found = _HINTS[cls] = typing.get_type_hints(cls)
    return found


_HINTS: dict[type, dict[str, Type]] = {}


class Missing(Exception):
    """An attribute a type does not have."""


def attribute(t: Type, attr: str) -> Type:
    """The type of ``t.attr`` as Jinja reads it (attribute, then item); raises Missing."""
    if t is UNKNOWN:
        return UNKNOWN
    if isinstance(t, Module):
        if attr in t.names:
            return t.names[attr]
        raise Missing(attr)
    if isinstance(t, Loop):
        if attr in LOOP_ATTRS:
            return LOOP_ATTRS[attr]
        raise Missing(attr)
    if isinstance(t, Module | MacroType | Function):
        raise Missing(attr)
    found = [_attribute_of(a, attr) for a in arms(t)]
    return union(found)


def specialised(hint: Type, t: Type) -> Type:
    """A generic dataclass's field type with ``t``'s arguments put in for its parameters:
    ``rows`` of ``Group[CrewRow]`` is ``tuple[CrewRow, ...]``; a parameter left open is
    unknown."""
    params = getattr(typing.get_origin(t) or t, "__parameters__", ())
    given = dict(zip(params, typing.get_args(t), strict=False))
    if isinstance(hint, typing.TypeVar):
        return given.get(hint, UNKNOWN)
    open_params = getattr(hint, "__parameters__", ())
    if open_params:
        return hint[tuple(given.get(p, UNKNOWN) for p in open_params)]
    return hint


def _attribute_of(t: Type, attr: str) -> Type:
    origin = typing.get_origin(t) or t
    if isinstance(origin, type) and dataclasses.is_dataclass(origin):
        if attr in {f.name for f in dataclasses.fields(origin)}:
            return specialised(hints(origin)[attr], t)
        member = getattr(origin, attr, None)
        if isinstance(member, property) and member.fget is not None:
            return typing.get_type_hints(member.fget).get("return", UNKNOWN)
        if callable(member) and not attr.startswith("_"):
            return Function(typing.get_type_hints(member).get("return", UNKNOWN))
        raise Missing(attr)
    if origin in MAPPINGS or isinstance(origin, type) and issubclass(origin, Mapping):
        args = typing.get_args(t)
        if attr in ("items", "keys", "values", "get"):
            key, value = args if len(args) == 2 else (UNKNOWN, UNKNOWN)
            result = {"items": tuple[tuple[key, value], ...], "keys": tuple[key, ...]}
            return Function(result.get(attr, tuple[value, ...] if attr == "values" else value))
        return args[1] if len(args) == 2 else UNKNOWN
    if isinstance(origin, type) and hasattr(origin, attr):
        member = getattr(origin, attr)
        return Function(UNKNOWN) if callable(member) else UNKNOWN
    raise Missing(attr)


def element(t: Type) -> Type:
    """What iterating ``t`` gives; raises Missing (``__iter__``) when it is not iterable."""
    if t is UNKNOWN:
        return UNKNOWN
    if isinstance(t, Loop | MacroType | Module | Function):
        raise Missing("__iter__")
    found = []
    for a in arms(t):
        origin = typing.get_origin(a) or a
        args = typing.get_args(a)
        if origin is tuple:
            if len(args) == 2 and args[1] is Ellipsis:
                found.append(args[0])
            else:
                found.append(union(args) if args else UNKNOWN)
        elif origin in SEQUENCES or origin in MAPPINGS:
            found.append(args[0] if args else UNKNOWN)
        elif origin is str:
            found.append(str)
        elif isinstance(origin, type) and issubclass(origin, Mapping):
            found.append(str)  # a ContextMapping iterates its field names
        else:
            raise Missing("__iter__")
    return union(found)


def unpack(t: Type, count: int) -> list[Type]:
    """The types of ``a, b in ...`` for one element of type ``t``."""
    if t is UNKNOWN:
        return [UNKNOWN] * count
    args = typing.get_args(t)
    if typing.get_origin(t) is tuple and args and args[-1] is not Ellipsis:
        if len(args) != count:
            raise Missing(f"unpacking {len(args)} values into {count}")
        return list(args)
    item = element(t)
    return [item] * count


def subscript(t: Type, key: nodes.Expr) -> Type:
    """The type of ``t[key]``."""
    if isinstance(key, nodes.Const) and isinstance(key.value, str):
        return attribute(t, key.value)
    if isinstance(key, nodes.Slice):
        return t
    args = typing.get_args(t)
    if typing.get_origin(t) is tuple and args and args[-1] is not Ellipsis:
        if isinstance(key, nodes.Const) and isinstance(key.value, int):
            if -len(args) <= key.value < len(args):
                return args[key.value]
            raise Missing(f"[{key.value}]")
    if typing.get_origin(t) in MAPPINGS and len(args) == 2:
        return args[1]
    return element(t)


def describe(node: nodes.Node) -> str:
    """A name or attribute chain as written: ``letterhead.company``."""
    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Getattr):
        return f"{describe(node.node)}.{node.attr}"
    if isinstance(node, nodes.Getitem):
        key = node.arg.value if isinstance(node.arg, nodes.Const) else "..."
        return f"{describe(node.node)}[{key!r}]"
    if isinstance(node, nodes.Call):
        return f"{describe(node.node)}()"
    if isinstance(node, nodes.Filter):
        return f"{describe(node.node) if node.node else ''}|{node.name}"
    return type(node).__name__.lower()


@dataclass
class Checker:
    """Checks templates of one environment against one context type."""

    env: jinja2.Environment
    context: type
    problems: list[Problem] = field(default_factory=list)
    _checked_macros: set[tuple[int, str]] = field(default_factory=set)
    _templates: set[str] = field(default_factory=set)
    _called: set[int] = field(default_factory=set)
    _including: list[str] = field(default_factory=list)
    seen: list[Type] = field(default_factory=list)  # each attribute's owner type, in order

    def top_scope(self) -> dict[str, Type]:
        return {**GLOBALS, **hints(self.context)}

    # --- templates ---------------------------------------------------------------------

    def check_template(self, name: str, scope: Mapping[str, Type] | None = None) -> None:
        """Check a template the environment loads (``clearance_log.html``)."""
        if scope is None and name in self._templates or name in self._including:
            return  # checked already, or an include within itself (a recursive template)
        if scope is None:
            self._templates.add(name)
        source = self.env.loader.get_source(self.env, name)[0]  # type: ignore[union-attr]
        self._including.append(name)
        try:
            self.check_source(source, name, scope)
        finally:
            self._including.pop()

    def check_source(self, source: str, name: str, scope: Mapping[str, Type] | None = None) -> None:
        """Check one template's text, ``name`` saying where problems are."""
        tree = self.env.parse(source, name=name)
        own = dict(self.top_scope() if scope is None else scope)
        self.macros_first(tree.body, own, name)
        self.body(tree.body, own, name)
        for macro in own.values():  # a macro no one calls: check it with unknown arguments
            if isinstance(macro, MacroType) and macro.template == name:
                if id(macro.node) not in self._called:
                    self.call_macro(macro, [], {}, 0)

    def macros_first(self, body: list[nodes.Node], scope: dict[str, Type], where: str) -> None:
        """Macros are callable before their definition in the file: bind them first."""
        for node in body:
            if isinstance(node, nodes.Macro):
                scope[node.name] = MacroType(node, where, self.top_scope())

    def module(self, name: str, with_context: bool) -> Module:
        """What ``{% import %}`` of a template gives: its macros and top-level sets."""
        source = self.env.loader.get_source(self.env, name)[0]  # type: ignore[union-attr]
        tree = self.env.parse(source, name=name)
        scope = self.top_scope() if with_context else dict(GLOBALS)
        names: dict[str, Type] = {}
        for node in tree.body:
            if isinstance(node, nodes.Macro):
                names[node.name] = MacroType(node, name, scope)
            elif isinstance(node, nodes.Assign) and isinstance(node.target, nodes.Name):
                names[node.target.name] = self.expr(node.node, scope, name)
        return Module(names)

    # --- statements --------------------------------------------------------------------

    def body(self, body: Sequence[nodes.Node], scope: dict[str, Type], where: str) -> None:
        for node in body:
            self.stmt(node, scope, where)

    def stmt(self, node: nodes.Node, scope: dict[str, Type], where: str) -> None:
        match node:
            case nodes.Output():
                for child in node.nodes:
                    if not isinstance(child, nodes.TemplateData):
                        self.expr(child, scope, where)
            case nodes.For():
                items = self.expr(node.iter, scope, where)
                inner = dict(scope)
                item = self.guard(lambda: element(items), node, f"{describe(node.iter)} ", where)
                self.bind(node.target, item, inner, where)
                inner["loop"] = Loop(item)
                if node.test is not None:
                    self.expr(node.test, inner, where)
                self.body(node.body, inner, where)
                self.body(node.else_, dict(scope), where)
            case nodes.If():
                self.expr(node.test, scope, where)
                self.body(node.body, scope, where)
                for branch in node.elif_:
                    self.stmt(branch, scope, where)
                self.body(node.else_, scope, where)
            case nodes.Macro():
                scope[node.name] = MacroType(node, where, scope)
            case nodes.CallBlock():
                self.expr(node.call, scope, where)
                inner = dict(scope)
                for arg in node.args:
                    inner[arg.name] = UNKNOWN
                self.body(node.body, inner, where)
            case nodes.FilterBlock():
                self.body(node.body, scope, where)
            case nodes.With():
                inner = dict(scope)
                for target, value in zip(node.targets, node.values, strict=True):
                    self.bind(target, self.expr(value, scope, where), inner, where)
                self.body(node.body, inner, where)
            case nodes.Assign():
                self.bind(node.target, self.expr(node.node, scope, where), scope, where)
            case nodes.AssignBlock():
                self.body(node.body, dict(scope), where)
                self.bind(node.target, str, scope, where)
            case nodes.Block():
                self.body(node.body, dict(scope) if node.scoped else dict(self.top_scope()), where)
            case nodes.Extends():
                parent = node.template
                if isinstance(parent, nodes.Const):
                    self.check_template(parent.value)
            case nodes.Include():
                included = node.template
                if isinstance(included, nodes.Const):
                    self.check_template(included.value, scope if node.with_context else GLOBALS)
            case nodes.Import():
                if isinstance(node.template, nodes.Const):
                    scope[node.target] = self.module(node.template.value, node.with_context)
            case nodes.FromImport():
                if isinstance(node.template, nodes.Const):
                    found = self.module(node.template.value, node.with_context)
                    for item in node.names:
                        original, alias = item if isinstance(item, tuple) else (item, item)
                        if original not in found.names:
                            self.report(node, where, f"{node.template.value} has no {original!r}")
                        scope[alias] = found.names.get(original, UNKNOWN)
            case nodes.ExprStmt():
                self.expr(node.node, scope, where)
            case nodes.Scope() | nodes.ScopedEvalContextModifier():
                self.body(node.body, dict(scope), where)
            case _:
                for child in node.iter_child_nodes():
                    if isinstance(child, nodes.Expr):
                        self.expr(child, scope, where)
                    else:
                        self.stmt(child, scope, where)

    def bind(self, target: nodes.Node, t: Type, scope: dict[str, Type], where: str) -> None:
        """Assign type ``t`` to a ``for``/``set``/``with`` target, unpacking tuples."""
        if isinstance(target, nodes.Name):
            scope[target.name] = t
        elif isinstance(target, nodes.Tuple):
            parts = self.guard(
                lambda: unpack(t, len(target.items)), target, "", where, [UNKNOWN] * 99
            )
            for item, part in zip(target.items, parts, strict=False):
                self.bind(item, part, scope, where)
        elif isinstance(target, nodes.NSRef):
            scope.setdefault(target.name, UNKNOWN)

    # --- expressions -------------------------------------------------------------------

    def expr(self, node: nodes.Node, scope: Mapping[str, Type], where: str) -> Type:
        match node:
            case nodes.Name():
                if node.name in scope:
                    return scope[node.name]
                self.report(node, where, f"{node.name!r} is not in {self.context.__name__}")
                return UNKNOWN
            case nodes.Const():
                return type(node.value) if node.value is not None else type(None)
            case nodes.TemplateData():
                return str
            case nodes.Getattr():
                owner = self.expr(node.node, scope, where)
                self.seen.append(owner)
                return self.guard(
                    lambda: attribute(owner, node.attr),
                    node,
                    f"{describe(node.node)} ({name_of(owner)})",
                    where,
                )
            case nodes.Getitem():
                owner = self.expr(node.node, scope, where)
                self.expr(node.arg, scope, where)
                return self.guard(lambda: subscript(owner, node.arg), node, describe(node), where)
            case nodes.Slice():
                for part in (node.start, node.stop, node.step):
                    if part is not None:
                        self.expr(part, scope, where)
                return UNKNOWN
            case nodes.Tuple() | nodes.List():
                found = [self.expr(item, scope, where) for item in node.items]
                return tuple[union(found), ...] if found else tuple[Any, ...]
            case nodes.Dict():
                for pair in node.items:
                    self.expr(pair.key, scope, where)
                    self.expr(pair.value, scope, where)
                return dict[str, Any]
            case nodes.CondExpr():
                self.expr(node.test, scope, where)
                found = [self.expr(node.expr1, scope, where)]
                if node.expr2 is not None:
                    found.append(self.expr(node.expr2, scope, where))
                return union(found)
            case nodes.And() | nodes.Or():
                return union(
                    [self.expr(node.left, scope, where), self.expr(node.right, scope, where)]
                )
            case nodes.BinExpr():
                self.expr(node.left, scope, where)
                self.expr(node.right, scope, where)
                return UNKNOWN
            case nodes.Not():
                self.expr(node.node, scope, where)
                return bool
            case nodes.UnaryExpr():
                return self.expr(node.node, scope, where)
            case nodes.Compare():
                self.expr(node.expr, scope, where)
                for op in node.ops:
                    self.expr(op.expr, scope, where)
                return bool
            case nodes.Concat():
                for part in node.nodes:
                    self.expr(part, scope, where)
                return str
            case nodes.Test():
                if node.name in ("defined", "undefined") and isinstance(node.node, nodes.Name):
                    return bool  # the template asks whether the name exists: not a use of it
                self.expr(node.node, scope, where)
                self.arguments(node, scope, where)
                return bool
            case nodes.Filter():
                return self.filter(node, scope, where)
            case nodes.Call():
                return self.call(node, scope, where)
            case nodes.MarkSafe() | nodes.MarkSafeIfAutoescape():
                return self.expr(node.expr, scope, where)
            case _:
                for child in node.iter_child_nodes():
                    self.expr(child, scope, where)
                return UNKNOWN

    def arguments(
        self, node: nodes.Call | nodes.Filter | nodes.Test, scope: Mapping[str, Type], where: str
    ) -> tuple[list[Type], dict[str, Type]]:
        args = [self.expr(a, scope, where) for a in node.args]
        kwargs = {k.key: self.expr(k.value, scope, where) for k in node.kwargs}
        for extra in (node.dyn_args, node.dyn_kwargs):
            if extra is not None:
                self.expr(extra, scope, where)
        return args, kwargs

    def call(self, node: nodes.Call, scope: Mapping[str, Type], where: str) -> Type:
        callee = self.expr(node.node, scope, where)
        args, kwargs = self.arguments(node, scope, where)
        if isinstance(callee, MacroType):
            self.call_macro(callee, args, kwargs, node.lineno)
            return str
        if isinstance(callee, Function):
            return callee.result
        if callee is not UNKNOWN:
            self.report(node, where, f"{describe(node.node)} ({name_of(callee)}) is not callable")
        return UNKNOWN

    def call_macro(
        self, macro: MacroType, args: list[Type], kwargs: dict[str, Type], line: int
    ) -> None:
        """Check a macro's body with its parameters typed from one call."""
        params = [a.name for a in macro.node.args]
        defaults = dict(
            zip(params[len(params) - len(macro.node.defaults) :], macro.node.defaults, strict=True)
        )
        scope = dict(macro.scope)
        scope.update(varargs=tuple[Any, ...], kwargs=dict[str, Any], caller=Function(str))
        for i, param in enumerate(params):
            if i < len(args):
                scope[param] = args[i]
            elif param in kwargs:
                scope[param] = kwargs[param]
            elif param in defaults:
                scope[param] = self.expr(defaults[param], macro.scope, macro.template)
            else:
                scope[param] = UNKNOWN
        key = (
            id(macro.node),
            repr(sorted((k, name_of(v)) for k, v in scope.items() if k in params)),
        )
        self._called.add(id(macro.node))
        if key in self._checked_macros:
            return
        self._checked_macros.add(key)
        self.macros_first(macro.node.body, scope, macro.template)
        self.body(macro.node.body, scope, macro.template)

    def filter(self, node: nodes.Filter, scope: Mapping[str, Type], where: str) -> Type:
        value = self.expr(node.node, scope, where) if node.node is not None else str
        args, kwargs = self.arguments(node, scope, where)
        name = node.name
        if name in TEXT_FILTERS:
            return str
        if name in ("length", "count", "int", "wordcount"):
            return int
        if name in ("abs", "round", "float"):
            return value if name != "float" else float
        if name in SAME_FILTERS:
            return value
        if name in ("first", "last", "random", "min", "max"):
            return self.guard(lambda: element(value), node, describe(node.node), where)
        if name == "default" or name == "d":
            return union([value, *args[:1]])
        if name == "batch":
            item = self.guard(lambda: element(value), node, describe(node.node), where)
            return tuple[tuple[item, ...], ...]
        if name in ("selectattr", "rejectattr", "map", "sum", "groupby", "unique", "sort"):
            attr = node.kwargs and next((k for k in node.kwargs if k.key == "attribute"), None)
            const = attr.value if attr else (node.args[0] if node.args else None)
            if name == "map" and not attr:
                return tuple[Any, ...]  # map('filter', ...)
            item = self.guard(lambda: element(value), node, describe(node.node), where)
            found = item
            if isinstance(const, nodes.Const) and isinstance(const.value, str):
                for part in const.value.split("."):
                    found = self.guard(
                        lambda f=found, p=part: attribute(f, p),
                        node,
                        f"{describe(node)} ({name_of(found)})",
                        where,
                    )
            if name == "map":
                return tuple[found, ...]
            if name == "sum":
                return found
            if name == "groupby":
                return tuple[tuple[found, tuple[item, ...]], ...]
            return value
        if name == "attr" and node.args and isinstance(node.args[0], nodes.Const):
            return self.guard(
                lambda: attribute(value, node.args[0].value),
                node,
                f"{describe(node.node)} ({name_of(value)})",
                where,
            )
        if name in ("items", "dictsort"):
            return attribute(value, "items").result if name == "items" else tuple[Any, ...]
        return UNKNOWN

    # --- reporting ---------------------------------------------------------------------

    def guard(
        self,
        work: Callable[[], Type],
        node: nodes.Node,
        owner: str,
        where: str,
        fallback: Type = UNKNOWN,
    ) -> Type:
        """Run a type step; a Missing becomes a problem at the node's line."""
        try:
            return work()
        except Missing as missing:
            what = str(missing)
            if what == "__iter__":
                self.report(node, where, f"{owner.strip()} is not iterable")
            elif isinstance(node, nodes.Getattr | nodes.Getitem | nodes.Filter):
                self.report(node, where, f"{owner} has no attribute {what!r}")
            else:
                self.report(node, where, f"{owner} {what}".strip())
            return fallback

    def report(self, node: nodes.Node, where: str, message: str) -> None:
        problem = Problem(where, node.lineno, message)
        if problem not in self.problems:
            self.problems.append(problem)


def docx_parts(path: Path) -> list[tuple[str, str]]:
    """The Jinja text docxtpl renders from a DOCX: its body, headers and footers."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml import parse_xml
    from docxtpl import DocxTemplate

    tpl = DocxTemplate(str(path))
    tpl.init_docx()
    parts = [("word/document.xml", tpl.patch_xml(tpl.xml_to_string(tpl.docx._element.body)))]
    for rel in tpl.docx._part.rels.values():
        if rel.reltype in (RT.HEADER, RT.FOOTER) and rel.target_part.blob:
            xml = tpl.xml_to_string(parse_xml(rel.target_part.blob))
            parts.append((str(rel.target_part.partname).lstrip("/"), tpl.patch_xml(xml)))
    # Word keeps a part on one line: a line per paragraph makes a problem's line number the
    # paragraph's (a tag never spans paragraphs, so the Jinja is unchanged)
    return [(name, xml.replace("</w:p>", "</w:p>\n")) for name, xml in parts]


def check(env: jinja2.Environment, folder: Path, stem: str, context: type) -> list[Problem]:
    """Every problem in ``stem``'s HTML and DOCX templates in ``folder`` against ``context``."""
    checker = Checker(env, context)
    if not any((folder / f"{stem}.{ext}").is_file() for ext in ("html", "docx")):
        raise FileNotFoundError(f"no template {stem}.html or {stem}.docx in {folder}")
    if (folder / f"{stem}.html").is_file():
        checker.check_template(f"{stem}.html")
    if (folder / f"{stem}.docx").is_file():
        for part, xml in docx_parts(folder / f"{stem}.docx"):  # line n: the n-th paragraph
            checker.check_source(xml, f"{stem}.docx:{part}")
    return checker.problems


def types_within(context: type) -> Iterator[type]:
    """Every dataclass a context reaches through its fields (itself first)."""
    seen: list[type] = []
    todo: list[Type] = [context]
    while todo:
        t = todo.pop()
        origin = typing.get_origin(t)
        if origin is not None:  # a generic dataclass (Group[CrewRow]) is reached too
            todo.extend(a for a in (origin, *typing.get_args(t)) if a is not Ellipsis)
            continue
        if isinstance(t, type) and dataclasses.is_dataclass(t) and t not in seen:
            seen.append(t)
            todo.extend(hints(t).values())
    yield from seen


__all__ = [
    "Checker",
    "Problem",
    "check",
    "docx_parts",
    "types_within",
]
