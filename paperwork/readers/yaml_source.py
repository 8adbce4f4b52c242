"""YAML that remembers the line of every mapping key, for located messages."""

from __future__ import annotations

from typing import Any

import yaml

from paperwork.errors import Diagnostics
from paperwork.model.source import Pos


class YamlMap(dict):  # type: ignore[type-arg]
    """A mapping from YAML that knows each key's 1-based line (``lines``) and its own."""

    lines: dict[str, int]
    line: int


class YamlList(list):  # type: ignore[type-arg]
    line: int
    item_lines: list[int]


class _Loader(yaml.SafeLoader):
    pass


def _map(loader: _Loader, node: yaml.MappingNode) -> YamlMap:
    loader.flatten_mapping(node)
    out = YamlMap()
    out.lines = {}
    out.line = node.start_mark.line + 1
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        out[str(key)] = loader.construct_object(value_node, deep=True)
        out.lines[str(key)] = key_node.start_mark.line + 1
    return out


def _seq(loader: _Loader, node: yaml.SequenceNode) -> YamlList:
    out = YamlList(loader.construct_object(n, deep=True) for n in node.value)
    out.line = node.start_mark.line + 1
    out.item_lines = [n.start_mark.line + 1 for n in node.value]
    return out


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _map)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _seq)


def load_yaml(text: str, source: str, diagnostics: Diagnostics) -> Any:
    """Parse YAML; a syntax error is a located ``yaml-syntax`` error and ``None``."""
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        pos = Pos(source, mark.line + 1, mark.column + 1) if mark else Pos(source)
        diagnostics.error("yaml-syntax", f"the YAML is malformed: {exc.problem or exc}", pos)
    except yaml.YAMLError as exc:
        diagnostics.error("yaml-syntax", f"the YAML is malformed: {exc}", Pos(source))
    return None


def key_pos(mapping: object, key: str, source: str) -> Pos:
    """The position of ``key`` in a YamlMap, or of the mapping itself."""
    if isinstance(mapping, YamlMap):
        return Pos(source, mapping.lines.get(key, mapping.line))
    return Pos(source)
