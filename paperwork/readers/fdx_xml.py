"""A light XML tree that remembers the line of every start tag, parsed from a Final Draft
file with defusedxml (no DTD, no entity expansion, no external references)."""

from __future__ import annotations

from collections.abc import Iterator
from xml.parsers.expat import ErrorString, ExpatError, XMLParserType

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

from paperwork.errors import Diagnostics
from paperwork.model.source import Pos


class XmlNode:
    """One XML element: tag, attributes, the line of its start tag, children, and text."""

    __slots__ = ("tag", "attrs", "line", "children", "parts")

    def __init__(self, tag: str, attrs: dict[str, str], line: int) -> None:
        self.tag = tag
        self.attrs = attrs
        self.line = line
        self.children: list[XmlNode] = []
        self.parts: list[str] = []

    def get(self, name: str, default: str = "") -> str:
        return self.attrs.get(name, default)

    def find(self, tag: str) -> XmlNode | None:
        for child in self.children:
            if child.tag == tag:
                return child
        return None

    def findall(self, tag: str) -> Iterator[XmlNode]:
        return (child for child in self.children if child.tag == tag)

    @property
    def text(self) -> str:
        return "".join(self.parts)


# Top-level elements worth keeping; the rest (SmartType, Macros, Cast, DisplayBoards, spell
# check lists...) is skipped while parsing, which halves the time on a feature script.
_KEEP = frozenset(
    {
        "Content",
        "TitlePage",
        "PageLayout",
        "ElementSettings",
        "MoresAndContinueds",
        "SceneNumberOptions",
        "Revisions",
        "TagData",
    }
)


class _Builder:
    """Expat handlers that build :class:`XmlNode` trees with the line of every start tag."""

    def __init__(self, expat: XMLParserType) -> None:
        self.expat = expat
        self.stack: list[XmlNode] = []
        self.root: XmlNode | None = None
        self.skip = 0  # depth inside a skipped subtree
        self.text: list[str] | None = None  # the parts of the <Text> being read

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        if self.skip:
            self.skip += 1
            return
        if len(self.stack) == 1 and tag not in _KEEP:
            self.skip = 1
            return
        node = XmlNode(tag, attrs, self.expat.CurrentLineNumber)
        if self.stack:
            self.stack[-1].children.append(node)
        elif self.root is None:
            self.root = node
        self.stack.append(node)
        if tag == "Text" or tag == "DefId":  # DefId: a tag's definition, <Tag><DefId>...
            self.text = node.parts

    def end(self, tag: str) -> None:
        if self.skip:
            self.skip -= 1
        else:
            self.stack.pop()
            self.text = None

    def data(self, text: str) -> None:
        if self.text is not None:
            self.text.append(text)


def parse_xml(data: bytes, source: str, diagnostics: Diagnostics) -> XmlNode | None:
    parser = DefusedXMLParser(forbid_dtd=True)
    expat = parser.parser
    builder = _Builder(expat)
    # defusedxml's guards (DTD, entity and external-reference handlers) stay in place; only
    # the element and text handlers are ours, to record line numbers and skip what we ignore.
    expat.ordered_attributes = 0  # attributes as a dict
    expat.StartElementHandler = builder.start
    expat.EndElementHandler = builder.end
    expat.CharacterDataHandler = builder.data
    try:
        expat.Parse(data, True)
        return builder.root
    except ExpatError as err:
        msg = ErrorString(err.code) if err.code is not None else str(err)
        diagnostics.error(
            "fdx-malformed", f"not well-formed XML: {msg}", Pos(source, err.lineno, err.offset + 1)
        )
    except DefusedXmlException as err:
        expat = parser.parser
        diagnostics.error(
            "fdx-unsafe-xml",
            f"the file declares a DTD or entities, which a Final Draft file never does ({err})",
            Pos(source, expat.CurrentLineNumber, expat.CurrentColumnNumber + 1),
        )
    except (ValueError, LookupError) as err:  # e.g. an encoding expat does not know
        diagnostics.error("fdx-malformed", f"cannot read the XML: {err}", Pos(source))
    return None
