"""A Final Draft file's settings: element formats, page layout, MORE/CONT'D, scene numbers,
revision sets; and the text styles that a ``Style`` attribute names."""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass, replace

from paperwork.errors import Diagnostics
from paperwork.model.final_draft import DEFAULT_FORMATS
from paperwork.model.screenplay import Alignment, ElementFormat, RevisionSet, ScriptSettings
from paperwork.model.source import Pos
from paperwork.readers.fdx_xml import XmlNode

ALIGN: dict[str, Alignment] = {
    "Left": "left",
    "Center": "center",
    "Centre": "center",
    "Right": "right",
    "Full": "left",
}


@dataclass(frozen=True, slots=True)
class Style:
    bold: bool = False
    italic: bool = False
    underline: bool = False
    caps: bool = False
    hidden: bool = False


@functools.lru_cache(maxsize=64)
def parse_style(value: str) -> Style:
    parts = {p.strip() for p in value.split("+")}
    return Style(
        bold="Bold" in parts,
        italic="Italic" in parts,
        underline="Underline" in parts,
        caps="AllCaps" in parts,
        hidden="HiddenText" in parts,
    )


def format_style(fmt: ElementFormat | None) -> Style:
    if fmt is None:
        return Style()
    return Style(fmt.bold, fmt.italic, fmt.underline, fmt.all_caps)


def yes_no(value: str) -> bool | None:
    if value == "Yes":
        return True
    if value == "No":
        return False
    return None


def _plausible(value: str | None) -> float | None:
    """A finite, plausible measure (points or inches); ``nan``, ``inf``, ``1e300`` are None."""
    if value is None:
        return None
    try:
        number = float(value)
    except ValueError:
        return None
    return number if math.isfinite(number) and abs(number) <= 10_000 else None


class SettingsReader:
    """Reads ``<ElementSettings>`` into element formats (Final Draft's defaults where the file
    is silent) and the layout, MORE/CONT'D, scene-number and revision settings."""

    def __init__(self, source: str, diagnostics: Diagnostics) -> None:
        self.source = source
        self.diagnostics = diagnostics
        self.formats: dict[str, ElementFormat] = dict(DEFAULT_FORMATS)
        self.new_page_types: set[str] = {"New Act"}

    def pos(self, node: XmlNode) -> Pos:
        return Pos(self.source, node.line)

    def read_element_settings(self, root: XmlNode) -> tuple[tuple[str, ElementFormat], ...]:
        found: list[tuple[str, ElementFormat]] = []
        for es in root.findall("ElementSettings"):
            name = es.get("Type")
            if not name:
                continue
            base = self.formats.get(name, ElementFormat(1.50, 7.50, paginate_as="Action"))
            font = es.find("FontSpec")
            spec = es.find("ParagraphSpec")
            behaviour = es.find("Behavior")
            style = parse_style(font.get("Style")) if font is not None else None
            fmt = ElementFormat(
                left_indent=self.attr_measure(spec, "LeftIndent", base.left_indent),
                right_indent=self.attr_measure(spec, "RightIndent", base.right_indent),
                first_indent=self.attr_measure(spec, "FirstIndent", base.first_indent),
                space_before=self.attr_measure(spec, "SpaceBefore", base.space_before),
                alignment=ALIGN.get(spec.get("Alignment"), base.alignment)
                if spec is not None
                else base.alignment,
                all_caps=style.caps if style is not None else base.all_caps,
                bold=style.bold if style is not None else base.bold,
                italic=style.italic if style is not None else base.italic,
                underline=style.underline if style is not None else base.underline,
                paginate_as=(behaviour.get("PaginateAs") if behaviour is not None else "")
                or base.paginate_as,
                size=self.attr_measure(font, "Size", base.size),
                spacing=self.attr_measure(spec, "Spacing", base.spacing),
            )
            self.formats[name] = fmt
            if spec is not None and spec.get("StartsNewPage") in ("Yes", "No"):
                if spec.get("StartsNewPage") == "Yes":
                    self.new_page_types.add(name)
                else:
                    self.new_page_types.discard(name)
            found.append((name, fmt))
        return tuple(found)

    def read(self, root: XmlNode) -> ScriptSettings:
        """What the file states about its layout; ``None`` (the default) where it is silent."""
        settings = ScriptSettings(elements=self.read_element_settings(root))
        layout = root.find("PageLayout")
        if layout is not None:
            size = layout.find("PageSize")
            settings = replace(
                settings,
                top_margin=self.measure(layout, "TopMargin"),
                bottom_margin=self.measure(layout, "BottomMargin"),
                header_margin=self.measure(layout, "HeaderMargin"),
                footer_margin=self.measure(layout, "FooterMargin"),
                break_at_sentences=yes_no(layout.get("BreakDialogueAndActionAtSentences")),
                page_width=self.measure(size, "Width") if size is not None else None,
                page_height=self.measure(size, "Height") if size is not None else None,
            )
        mores = root.find("MoresAndContinueds")
        dialogue = mores.find("DialogueBreaks") if mores is not None else None
        if dialogue is not None:
            settings = replace(
                settings,
                dialogue_more=dialogue.attrs.get("DialogueBottom"),
                dialogue_continued=dialogue.attrs.get("DialogueTop"),
                more_at_bottom=yes_no(dialogue.get("BottomOfPage")),
                continued_at_top=yes_no(dialogue.get("TopOfNext")),
                automatic_character_continueds=yes_no(dialogue.get("AutomaticCharacterContinueds")),
            )
        scenes = mores.find("SceneBreaks") if mores is not None else None
        if scenes is not None:
            bottom = yes_no(scenes.get("SceneBottomOfPage"))
            top = yes_no(scenes.get("SceneTopOfNext"))
            settings = replace(
                settings,
                scene_continued_bottom=scenes.attrs.get("SceneBottom"),
                scene_continued_top=scenes.attrs.get("SceneTop"),
                scene_continueds=None if bottom is None and top is None else bool(bottom or top),
            )
        numbers = root.find("SceneNumberOptions")
        if numbers is not None:
            settings = replace(
                settings,
                scene_numbers_left=yes_no(numbers.get("ShowNumbersOnLeft")),
                scene_numbers_right=yes_no(numbers.get("ShowNumbersOnRight")),
                scene_number_left_at=self.measure(numbers, "LeftLocation"),
                scene_number_right_at=self.measure(numbers, "RightLocation"),
                number_scheme=numbers.attrs.get("NumberScheme"),
            )
        revisions = root.find("Revisions")
        if revisions is not None:
            active = revisions.get("ActiveSet")
            sets: list[RevisionSet] = []
            for rev in revisions.findall("Revision"):
                rid = rev.get("ID")
                if not rid.isdigit():
                    continue
                sets.append(
                    RevisionSet(
                        id=int(rid),
                        name=rev.get("Name"),
                        mark=rev.get("Mark", "*"),
                        colour=rev.get("Color"),
                        page_colour=rev.get("PageColor"),
                        full_revision=rev.get("FullRevision") == "Yes",
                    )
                )
            settings = replace(
                settings,
                revision_location=self.measure(revisions, "Location"),
                active_revision=int(active) if active.isdigit() else None,
                revisions=tuple(sets),
            )
        return settings

    def measure(self, node: XmlNode, name: str) -> float | None:
        """A measure attribute; one that is there but not a plausible number is warned
        about at its element (``nan``, ``inf``, ``1e300``) and left to the default."""
        value = node.get(name)
        number = _plausible(value)
        if number is None and value:
            self.diagnostics.warning(
                "fdx-bad-measure",
                f"{name}={value!r} is not a plausible measure (a number up to 10,000); "
                "the default is used",
                self.pos(node),
            )
        return number

    def attr_measure(self, node: XmlNode | None, name: str, default: float) -> float:
        if node is None:
            return default
        value = self.measure(node, name)
        return default if value is None else value
