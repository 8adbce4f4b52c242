"""YAML that remembers the line of every mapping key, for located messages.

The loader is deliberately narrow, because a production file is written by hand and read by
a tool that must never crash on it:

- dates stay text (``2027-02-30`` is reported by the date parser at its line, not raised by
  PyYAML's timestamp resolver);
- aliases are refused (``yaml-alias``): a production file has no use for them, and nested
  aliases expand without limit; nesting deeper than :data:`MAX_DEPTH` is refused too
  (``yaml-too-deep``);
- a key given twice is an error naming both lines (``duplicate-key``);
- only plain values (text, numbers, true/false, null, lists, mappings) are accepted:
  ``!!binary``, ``!!set`` and other tags are ``yaml-type`` errors;
- control characters are cleaned first: a vertical tab (Word's manual line break) becomes a
  line break in the value, and other control characters are removed with a located
  ``control-character`` warning.
"""

from __future__ import annotations

import re

import yaml

from paperwork.errors import Diagnostics
from paperwork.model.source import Pos
from paperwork.readers.controls import clean_cell

MAX_DEPTH = 64

# What YAML refuses to read (PyYAML's own NON_PRINTABLE), and the vertical tab.
_UNREADABLE = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)
# A vertical tab stands in for a line break inside a value; this private-use character
# carries it through the parser (a real line break would change the YAML's structure).
_LINE_BREAK_MARK = "\U0010fffd"
_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
}


class YamlMap(dict[str, object]):
    """A mapping from YAML that knows each key's 1-based line (``lines``) and its own
    (0: made empty, for a section the file leaves out). Values are raw YAML: narrow them."""

    def __init__(self, line: int = 0) -> None:
        super().__init__()
        self.lines: dict[str, int] = {}
        self.line = line


class YamlList(list[object]):
    """A list from YAML that knows its own 1-based line and each item's."""

    def __init__(self, line: int = 0) -> None:
        super().__init__()
        self.line = line
        self.item_lines: list[int] = []


class _Refused(yaml.MarkedYAMLError):
    """A construct the production file may not use; ``code`` is its diagnostic code."""

    def __init__(self, code: str, problem: str, mark: yaml.Mark | None) -> None:
        super().__init__(problem=problem, problem_mark=mark)
        self.code = code


class _Loader(yaml.SafeLoader):
    """SafeLoader without timestamps or aliases, with a depth limit and located reports."""

    diagnostics: Diagnostics
    source: str
    depth: int = 0

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            raise _Refused(
                "yaml-alias",
                "aliases (*name) are not allowed in a production file; write the value out",
                self._next_mark(),
            )
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                raise _Refused(
                    "yaml-too-deep",
                    f"the YAML is nested more than {MAX_DEPTH} levels deep",
                    self._next_mark(),
                )
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1

    def _next_mark(self) -> yaml.Mark | None:
        """Where the next event starts: ``check_event`` parses it into ``current_event``
        (PyYAML's ``peek_event`` does the same, but is untyped in its stubs)."""
        self.check_event()
        event = self.current_event
        mark = event.start_mark if isinstance(event, yaml.Event) else None
        return mark if isinstance(mark, yaml.Mark) else None  # SafeLoader's marks: pure Python


# Dates and times stay text: the readers parse them with their line.
_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _map(loader: _Loader, node: yaml.MappingNode) -> YamlMap:
    out = YamlMap(node.start_mark.line + 1)
    for key_node, value_node in node.value:
        if key_node.tag == "tag:yaml.org,2002:merge":
            raise _Refused(
                "yaml-alias",
                "merge keys (<<) are not allowed in a production file",
                key_node.start_mark,
            )
        key = loader.construct_object(key_node, deep=True)
        if isinstance(key, dict | list):
            raise _Refused("yaml-type", "a key must be plain text", key_node.start_mark)
        name = str(key)
        line = key_node.start_mark.line + 1
        if name in out.lines:
            loader.diagnostics.error(
                "duplicate-key",
                f"{name!r} is given twice (lines {out.lines[name]} and {line}); keep one",
                Pos(loader.source, line),
            )
            continue
        out[name] = loader.construct_object(value_node, deep=True)
        out.lines[name] = line
    return out


def _seq(loader: _Loader, node: yaml.SequenceNode) -> YamlList:
    out = YamlList(node.start_mark.line + 1)
    out.extend(loader.construct_object(n, deep=True) for n in node.value)
    out.item_lines = [n.start_mark.line + 1 for n in node.value]
    return out


def _text(loader: _Loader, node: yaml.ScalarNode) -> str:
    """Text, with control characters written as escapes (``"\\x01"``) cleaned like a cell's."""
    text = loader.construct_scalar(node).replace(_LINE_BREAK_MARK, "\n")
    where = Pos(loader.source, node.start_mark.line + 1, node.start_mark.column + 1)
    return clean_cell(text, where, loader.diagnostics)


def _int(loader: _Loader, node: yaml.ScalarNode) -> int | str:
    """An integer; one too long for Python to convert (4,300 digits) stays text, for the
    readers' range checks to report at its line."""
    value = loader.construct_scalar(node)
    if len(value) > 100:
        return value
    return loader.construct_yaml_int(node)


def _refuse(loader: _Loader, node: yaml.Node) -> None:
    tag = node.tag.replace("tag:yaml.org,2002:", "!!")
    raise _Refused(
        "yaml-type",
        f"{tag} values are not allowed: write plain text, a number, a list or a mapping",
        node.start_mark,
    )


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _map)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _seq)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SCALAR_TAG, _text)
_Loader.add_constructor("tag:yaml.org,2002:int", _int)
for _tag in ("binary", "set", "omap", "pairs", "timestamp", "merge", "value"):
    _Loader.add_constructor(f"tag:yaml.org,2002:{_tag}", _refuse)
_Loader.add_constructor(None, _refuse)  # any other tag: !python/..., !custom


def clean_yaml_text(text: str, source: str, diagnostics: Diagnostics) -> str:
    """Remove what YAML cannot read, with a located ``control-character`` warning for each
    line; a vertical tab is kept as a line break inside its value."""
    if not _UNREADABLE.search(text):
        return text
    out: list[str] = []
    for number, line in enumerate(text.split("\n"), start=1):
        found = [m for m in _UNREADABLE.finditer(line) if m.group() != "\x0b"]
        if found:
            names = ", ".join(sorted({f"U+{ord(m.group()):04X}" for m in found}))
            diagnostics.warning(
                "control-character",
                f"removed {len(found)} control character(s) ({names}) that cannot be printed",
                Pos(source, number, found[0].start() + 1),
            )
        out.append(_UNREADABLE.sub(lambda m: _LINE_BREAK_MARK if m.group() == "\x0b" else "", line))
    return "\n".join(out)


def load_yaml(text: str, source: str, diagnostics: Diagnostics) -> object:
    """Parse YAML; a syntax error or a refused construct is a located error and ``None``."""
    text = clean_yaml_text(text, source, diagnostics)
    loader = _Loader(text)
    loader.diagnostics = diagnostics
    loader.source = source
    try:
        return loader.get_single_data()
    except _Refused as exc:
        mark = exc.problem_mark
        pos = Pos(source, mark.line + 1, mark.column + 1) if mark else Pos(source)
        diagnostics.error(exc.code, str(exc.problem), pos)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        pos = Pos(source, mark.line + 1, mark.column + 1) if mark else Pos(source)
        diagnostics.error("yaml-syntax", f"the YAML is malformed: {exc.problem or exc}", pos)
    except yaml.YAMLError as exc:
        diagnostics.error("yaml-syntax", f"the YAML is malformed: {exc}", Pos(source))
    except RecursionError:
        diagnostics.error("yaml-too-deep", "the YAML is nested too deeply to read", Pos(source))
    finally:
        loader.dispose()
    return None


def key_pos(mapping: object, key: str, source: str) -> Pos:
    """The position of ``key`` in a YamlMap, or of the mapping itself."""
    if isinstance(mapping, YamlMap):
        return Pos(source, mapping.lines.get(key, mapping.line))
    return Pos(source)
