"""Paginate a screenplay: elements to blocks, blocks to pages, pages to the page model.

Also decides what Final Draft adds while paginating: scene numbers (the script's own, or
1..N when it has none), automatic ``(CONT'D)`` on a cue when the same character speaks again
after only action in the same scene, and where each scene starts and ends (for eighths).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from paperwork.errors import UsageError
from paperwork.model import screenplay as sp
from paperwork.model.pages import (
    ElementKind,
    ElementStyle,
    Page,
    PageLayout,
    PageLine,
    PaginatedScript,
    SceneNumbers,
    SceneSpan,
)
from paperwork.paginator.blocks import (
    Block,
    DualBlock,
    ForcedBreak,
    ParaBlock,
    Part,
    Rules,
    SpeechBlock,
)
from paperwork.paginator.breaks import Placed, fill_pages
from paperwork.paginator.layout import style_for_type
from paperwork.paginator.numbering import number_scenes
from paperwork.paginator.revisions import latest

__all__ = ["FINAL_DRAFT", "FINAL_DRAFT_2003", "auto_continueds", "number_scenes", "paginate"]

FINAL_DRAFT = Rules()
FINAL_DRAFT_2003 = Rules(top_space=True)


# FDX "PaginateAs" names and the rule set each selects.
_RULE_OF = {
    "Scene Heading": "heading",
    "Shot": "heading",
    "Character": "character",
    "Transition": "transition",
}


def _same_continued(extensions: tuple[str, ...], contd: str) -> bool:
    want = contd.strip("()").replace("\u2019", "'").lower()
    return any(e.replace("\u2019", "'").lower() == want for e in extensions)


def auto_continueds(elements: Sequence[sp.Element | None], contd: str) -> set[int]:
    """Indices of speeches that get an automatic CONT'D: same speaker, only action between.

    ``None`` among ``elements`` (an element folded away) is passed over like action.
    """
    marked: set[int] = set()
    last: str | None = None
    for i, e in enumerate(elements):
        match e:
            case sp.SceneHeading() | sp.PageBreak() | sp.Transition():
                last = None
            case sp.Speech(character=name, extensions=ext):
                if name and name == last and not _same_continued(ext, contd):
                    marked.add(i)
                last = name or None
            case sp.DualDialogue():
                last = None
            case _:
                pass
    return marked


class _Builder:
    """Turns elements into blocks with the layout's styles."""

    def __init__(self, layout: PageLayout, rules: Rules, settings: sp.ScriptSettings) -> None:
        self.layout = layout
        self.rules = rules
        self.settings = settings
        self.spacings: dict[str, int] = {}
        self.styles = dict(layout.styles)

    def style(self, kind: str) -> ElementStyle:
        return self.styles.get(kind) or self.layout.style("action")

    def para(
        self,
        index: int,
        rule: str,
        kind: ElementKind,
        style: ElementStyle,
        element: sp.SceneHeading | sp.Action | sp.Transition | sp.Shot | sp.General | sp.Lyrics,
        type_name: str,
        scene_number: str | None = None,
    ) -> ParaBlock:
        """The element's block; ``type_name`` is its FDX element type, whose spacing it takes."""
        return ParaBlock(
            index=index,
            rule=rule,
            kind=kind,
            style=style,
            runs=element.text,
            pos=element.pos,
            space_before=style.space_before,
            scene_number=scene_number,
            spacing=self.spacing(type_name),
        )

    def spacing(self, type_name: str) -> int:
        """Rows per line of an FDX element type: more than one where the script's settings
        double-space it (Big Fish's General)."""
        rows = self.spacings.get(type_name)
        if rows is None:
            fmt = self.settings.element(type_name)
            rows = self.spacings[type_name] = max(1, round(fmt.spacing)) if fmt else 1
        return rows

    def speech(
        self, index: int, speech: sp.Speech, cue: str, styles: dict[str, ElementStyle]
    ) -> SpeechBlock:
        parts = []
        for part in speech.parts:
            kind: ElementKind
            match part:
                case sp.Parenthetical():
                    kind = "parenthetical"
                case sp.Lyrics():
                    kind = "lyrics"
                case _:
                    kind = "dialogue"
            parts.append(Part(kind, styles[kind], part.text, part.pos))
        return SpeechBlock(
            index=index,
            cue=cue,
            cue_style=styles["character"],
            parts=tuple(parts),
            pos=speech.pos,
            space_before=styles["character"].space_before,
            more=self.layout.more,
            contd=self.layout.continued,
            more_free=self.rules.more_free,
            contd_free=self.rules.contd_free,
        )

    def speech_styles(self) -> dict[str, ElementStyle]:
        return {k: self.style(k) for k in ("character", "parenthetical", "dialogue", "lyrics")}

    def dual_styles(self) -> tuple[dict[str, ElementStyle], dict[str, ElementStyle]]:
        """Two columns, each half the action width, keeping the elements' relative indents."""
        action = self.style("action")
        normal = self.speech_styles()
        half = (action.right - action.left) / 2
        columns = []
        for start in (action.left, action.left + half):
            scaled: dict[str, ElementStyle] = {}
            for kind, st in normal.items():
                left = start + (st.left - action.left) / 2
                right = left + min(st.right - st.left, half) * 0.75
                scaled[kind] = replace(st, left=round(left, 2), right=round(right, 2))
            columns.append(scaled)
        return columns[0], columns[1]

    def outline(self, index: int, element: sp.Section | sp.Synopsis | sp.Note) -> ParaBlock:
        """An outline element as Final Draft's page view lays it out when it is shown."""
        match element:
            case sp.Section(level=level):
                type_name = f"Outline {level}"
            case sp.Synopsis():
                type_name = "Summary"
            case _:
                type_name = "Note"
        style = style_for_type(self.layout, type_name, "action")
        fmt = self.settings.element(type_name)
        if fmt is not None and fmt.size > 0 and fmt.size != 12:
            # A smaller font fits more characters: widen the (unprinted) box to match.
            width = (style.right - style.left) * 12 / fmt.size
            style = replace(style, right=style.left + width)
        return ParaBlock(
            index=index,
            rule="action",
            kind="general",
            style=style,
            runs=sp.runs(element.text),
            pos=element.pos,
            space_before=style.space_before,
            hidden=True,
        )

    def build(
        self,
        script: sp.Screenplay,
        numbers: dict[int, str],
        show_numbers: bool,
        auto: set[int],
        outline_elements: bool = False,
    ) -> list[Block]:
        blocks: list[Block] = []
        speech_styles = self.speech_styles()
        for i, e in enumerate(script.elements):
            match e:
                case sp.SceneHeading():
                    number = numbers.get(i) if show_numbers else None
                    st = self.style("scene_heading")
                    blocks.append(
                        self.para(i, "heading", "scene_heading", st, e, "Scene Heading", number)
                    )
                case sp.Action(alignment=align):
                    st = self.style("centered" if align == "center" else "action")
                    if align == "right":
                        st = replace(st, alignment="right")
                    blocks.append(self.para(i, "action", "action", st, e, "Action"))
                case sp.Shot():
                    blocks.append(self.para(i, "heading", "shot", self.style("shot"), e, "Shot"))
                case sp.Transition():
                    st = self.style("transition")
                    blocks.append(self.para(i, "transition", "transition", st, e, "Transition"))
                case sp.General(element_type=type_name, paginate_as=paginate_as, alignment=align):
                    st = style_for_type(self.layout, type_name, "general")
                    if align != st.alignment:
                        st = replace(st, alignment=align)
                    rule = _RULE_OF.get(paginate_as, "action")
                    blocks.append(self.para(i, rule, "general", st, e, type_name))
                case sp.Lyrics():
                    blocks.append(
                        self.para(i, "action", "lyrics", self.style("lyrics"), e, "Action")
                    )
                case sp.Speech(character="", parts=()):
                    pass  # an empty cue paragraph with nothing under it prints nothing
                case sp.Speech():
                    cue = e.cue
                    if i in auto:
                        cue = f"{cue} {self.layout.continued}"
                    blocks.append(self.speech(i, e, cue, speech_styles))
                case sp.DualDialogue(left=left, right=right):
                    lstyles, rstyles = self.dual_styles()
                    blocks.append(
                        DualBlock(
                            index=i,
                            left=self.speech(i, left, left.cue, lstyles),
                            right=self.speech(i, right, right.cue, rstyles),
                            pos=e.pos,
                            space_before=speech_styles["character"].space_before,
                        )
                    )
                case sp.PageBreak():
                    blocks.append(ForcedBreak(i))
                case sp.Section() | sp.Synopsis() | sp.Note():
                    if outline_elements:
                        blocks.append(self.outline(i, e))
        return blocks


_SCENE_NUMBERS: tuple[SceneNumbers, ...] = ("left", "right", "both", "none")


def _scene_numbers_shown(
    script: sp.Screenplay, layout: PageLayout, asked: str | None
) -> SceneNumbers:
    if asked is not None:
        for shown in _SCENE_NUMBERS:
            if asked == shown:
                return shown
        raise UsageError(f"scene numbers must be left, right, both or none, not {asked!r}")
    has_numbers = any(isinstance(e, sp.SceneHeading) and e.number for e in script.elements)
    return layout.scene_numbers if has_numbers else "none"


def paginate(
    script: sp.Screenplay,
    layout: PageLayout,
    *,
    scene_numbers: str | None = None,
    automatic_continueds: bool | None = None,
    outline_elements: bool = False,
    rules: Rules = FINAL_DRAFT,
    start_continued: bool = False,
    end_more: bool = False,
) -> PaginatedScript:
    """Lay ``script`` out on pages of ``layout``, the way Final Draft breaks them.

    ``scene_numbers`` (left/right/both/none) prints scene numbers in the margins; by default
    they print only when the script numbers its scenes. ``automatic_continueds`` adds
    ``(CONT'D)`` to a cue when the same character speaks again after action; by default the
    layout's (the file's) setting.

    Sections, synopses and notes take no space, as when printed. ``outline_elements`` lays them
    out (blank) the way Final Draft's page view does when its outline elements are shown: the
    scene pages a Final Draft file stores were counted that way if it was saved so (Final
    Draft's Tangle sample). ``rules`` selects Final Draft's keep-and-split behaviour
    (:data:`FINAL_DRAFT`; :data:`FINAL_DRAFT_2003` keeps space-before at the top of a page, as
    its 2003 release did). ``title_page`` is left ``None``.

    ``start_continued`` and ``end_more`` lay out part of a script that was cut inside a
    speech (a locked page that starts or ends mid-speech): a first element that is a speech
    gets its ``NAME (CONT'D)`` cue, and a last one its ``(MORE)``, drawn where a page break
    inside the speech draws them.
    """
    shown = _scene_numbers_shown(script, layout, scene_numbers)
    layout = replace(layout, scene_numbers=shown)
    if automatic_continueds is None:
        automatic_continueds = layout.automatic_character_continueds
    if not layout.break_at_sentences and rules.break_at_sentences:
        rules = replace(rules, break_at_sentences=False)
    numbers = number_scenes(script)
    auto = auto_continueds(script.elements, layout.continued) if automatic_continueds else set()
    blocks = _Builder(layout, rules, script.settings).build(
        script, numbers, shown != "none", auto, outline_elements
    )
    _cut_speeches(blocks, len(script.elements), start_continued, end_more)
    placed_pages = fill_pages(blocks, layout.lines_per_page, rules)
    pages, extents = _pages(placed_pages, numbers)
    scenes = _scene_spans(script, numbers, extents)
    return PaginatedScript(
        title=script.title,
        layout=layout,
        title_page=None,
        pages=tuple(pages),
        scenes=tuple(scenes),
    )


def _cut_speeches(blocks: list[Block], count: int, start_continued: bool, end_more: bool) -> None:
    """Mark a speech that begins (ends) the script as the tail (head) of a split speech."""
    if start_continued and blocks:
        first = blocks[0]
        if isinstance(first, SpeechBlock) and first.index == 0:
            blocks[0] = replace(first, continued=True)
    if end_more and blocks:
        last = blocks[-1]
        if isinstance(last, SpeechBlock) and last.index == count - 1:
            blocks[-1] = replace(last, has_more=True)


# (page index, first row, end row) of each element index's printed pieces, in order.
_Extents = dict[int, list[tuple[int, int, int]]]


def _pages(
    placed_pages: list[list[Placed]], numbers: dict[int, str]
) -> tuple[list[Page], _Extents]:
    pages: list[Page] = []
    extents: _Extents = {}
    for p, placed in enumerate(placed_pages):
        lines: list[PageLine] = []
        starting: list[str] = []
        for item in placed:
            block = item.block
            rows = block.rows()
            top = item.row - block.lead
            for r, row in enumerate(rows):
                for x, line_runs, kind, pos, scene_number in row:
                    revision = latest(line_runs)
                    lines.append(
                        PageLine(
                            top + r,
                            x,
                            line_runs,
                            kind,
                            pos,
                            scene_number,
                            "*" if revision else "",
                            revision,
                        )
                    )
            extents.setdefault(block.index, []).append((p, item.row, item.row + block.height))
            if block.index in numbers and not block.continued and isinstance(block, ParaBlock):
                starting.append(numbers[block.index])
        n = p + 1
        pages.append(
            Page(
                number=str(n),
                lines=tuple(lines),
                show_number=p > 0,
                scene_numbers=tuple(starting),
            )
        )
    return pages, extents


def _scene_spans(
    script: sp.Screenplay, numbers: dict[int, str], extents: _Extents
) -> list[SceneSpan]:
    headings = sorted(numbers)
    spans: list[SceneSpan] = []
    ends = [*headings[1:], len(script.elements)]
    for start, stop in zip(headings, ends[: len(headings)], strict=True):
        first = extents.get(start)
        if not first:
            continue
        start_page, start_row, _ = first[0]
        last = (start_page, start_row, start_row)
        for index in range(start, stop):
            for piece in extents.get(index, ()):
                if (piece[0], piece[2]) >= (last[0], last[2]):
                    last = piece
        spans.append(
            SceneSpan(
                heading_index=start,
                number=numbers[start],
                start_page=start_page,
                start_row=start_row,
                end_page=last[0],
                end_row=last[2],
            )
        )
    return spans
