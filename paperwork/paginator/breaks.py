"""Where pages break: fill each page with blocks, splitting and keeping as Final Draft does.

The rules, all in whole rows:

* a block that fits goes on the page, after its space-before (dropped at the top of a page);
* one that does not fit is split where its own rules allow (action and dialogue at a sentence
  end, with enough lines each side; dialogue gains ``(MORE)`` and a ``CONT'D`` cue);
* otherwise it moves to the next page, and takes with it any scene heading, shot or other
  block that must not end a page;
* a transition never starts a page: the end of the block before it comes along;
* a forced page break always breaks (an empty page is never made);
* a block taller than a whole page is cut wherever it must be (a dual dialogue that tall
  prints its two speeches one after the other).
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

from paperwork.paginator.blocks import Block, DualBlock, ForcedBreak, Rules

__all__ = ["Placed", "fill_pages"]


@dataclass(frozen=True, slots=True)
class Placed:
    """A block (or a piece of one) at a row of a page."""

    block: Block
    row: int


def fill_pages(blocks: list[Block], lines_per_page: int, rules: Rules) -> list[list[Placed]]:
    """Lay ``blocks`` onto pages of ``lines_per_page`` rows; each page a list of placements."""
    pages: list[list[Placed]] = []
    page: list[Placed] = []
    used = 0
    queue: deque[Block] = deque(blocks)

    def end_page() -> None:
        nonlocal page, used
        if page:
            pages.append(page)
        page = []
        used = 0

    def end_with(head: Block, tail: Block, row: int) -> None:
        """End the page on ``head`` at ``row``; ``tail`` starts the next."""
        page.append(Placed(head, row))
        end_page()
        queue.appendleft(tail)

    while queue:
        block = queue.popleft()
        if isinstance(block, ForcedBreak):
            end_page()
            continue
        gap = block.space_before if (page or rules.top_space) and not block.continued else 0
        if block.fits(lines_per_page - used - gap):
            page.append(Placed(block, used + gap))
            used += gap + block.height
            continue
        avail = lines_per_page - used - gap
        if not page:
            # Alone on a page and still too tall: it must be cut somewhere.
            if isinstance(block, DualBlock):
                queue.extendleft(reversed(block.unpaired()))
                continue
            pieces = block.split(avail, rules) or block.force_split(avail)
            if pieces is None:
                page.append(Placed(block, gap))
                end_page()
                continue
            end_with(*pieces, gap)
            continue
        if block.keep_with_previous and rules.transitions_pull:
            carried = _carry_before(page, lines_per_page, rules)
            if carried is not None:
                end_page()
                queue.appendleft(block)
                queue.extendleft(reversed(carried))
                continue
        pieces = block.split(avail, rules) if avail > 0 else None
        if pieces is not None:
            end_with(*pieces, used + gap)
            continue
        moved = [block]
        keep = len(page)
        while keep > 0 and page[keep - 1].block.sticky:
            keep -= 1
        if keep == 0:
            # Only headings on this page: cut the block after them rather than loop.
            pieces = block.force_split(avail) if avail > 0 else None
            if pieces is not None:
                end_with(*pieces, used + gap)
                continue
            keep = len(page)
        moved = [p.block for p in page[keep:]] + moved
        page = page[:keep]
        end_page()
        queue.extendleft(reversed(moved))
    end_page()
    return pages


def _carry_before(page: list[Placed], lines_per_page: int, rules: Rules) -> list[Block] | None:
    """Take the end of the page along with a transition that does not fit after it.

    The last block is split so that at least its tail moves (or moved whole), together with
    any headings kept with it. ``None`` when that would empty the page.
    """
    last = page[-1]
    block = last.block
    room = min(lines_per_page - last.row, block.height - 1)
    pieces = block.split(room, rules) if room > 0 else None
    if pieces is not None:
        head, tail = pieces
        page[-1] = Placed(head, last.row)
        return [tail]
    keep = len(page) - 1
    while keep > 0 and page[keep - 1].block.sticky:
        keep -= 1
    if keep == 0:
        return None
    carried = [p.block for p in page[keep:]]
    del page[keep:]
    return carried
