"""Dressing locked pages for issue: each page on the colour of the revision it was last
issued in, with that revision's header and its margin marks."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from paperwork.model.pages import PaginatedScript
from paperwork.model.revision import RevisionColour

__all__ = ["dress"]


def dress(
    paginated: PaginatedScript,
    page_revisions: Sequence[int],
    colours: Sequence[RevisionColour],
    headers: dict[int, str],
    *,
    only: Sequence[int] | None = None,
) -> PaginatedScript:
    """Pages on their colours: the colour and header of the revision each was last issued in,
    and the margin mark on its lines of that revision (older marks hidden, as Final Draft's
    "show active revision set only")."""
    pages = []
    indices = range(len(paginated.pages)) if only is None else only
    for i in indices:
        page = paginated.pages[i]
        rev = page_revisions[i]
        colour = colours[rev] if 0 <= rev < len(colours) else None
        mark = colour.mark if colour is not None and rev > 0 else ""
        lines = tuple(
            ln
            if ln.mark == (mark if ln.revision == rev and mark else "")
            else replace(ln, mark=mark if ln.revision == rev and mark else "")
            for ln in page.lines
        )
        pages.append(
            replace(
                page,
                lines=lines,
                colour=colour.name if colour is not None and rev > 0 else "",
                header=headers.get(rev, ""),
            )
        )
    return replace(paginated, pages=tuple(pages))
