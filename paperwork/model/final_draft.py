"""Final Draft's own defaults, shared by the FDX reader and writer.

:data:`DEFAULT_FORMATS` is Final Draft 13's default template: how each element type is laid
out when a file's ``ElementSettings`` does not say. The reader starts from it (a file with no
settings, or settings that leave a value out); the writer states it in every file it writes.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from paperwork.model.screenplay import ElementFormat

__all__ = ["DEFAULT_FORMATS"]

# Final Draft 13's default template (corpus fd13_reference_all_element_types.fdx, and
# SCREENPLAY.md section 2), plus the custom Lyrics element and Outline 4-5 for deep sections.
DEFAULT_FORMATS: Mapping[str, ElementFormat] = MappingProxyType(
    {
        "General": ElementFormat(1.50, 7.50, paginate_as="General"),
        "Scene Heading": ElementFormat(
            1.50, 7.50, space_before=24, all_caps=True, paginate_as="Scene Heading"
        ),
        "Action": ElementFormat(1.50, 7.50, space_before=12, paginate_as="Action"),
        "Character": ElementFormat(
            3.50, 7.25, space_before=12, all_caps=True, paginate_as="Character"
        ),
        "Parenthetical": ElementFormat(3.00, 5.50, first_indent=-0.10, paginate_as="Parenthetical"),
        "Dialogue": ElementFormat(2.50, 6.00, paginate_as="Dialogue"),
        "Transition": ElementFormat(
            5.50, 7.10, space_before=12, alignment="right", all_caps=True, paginate_as="Transition"
        ),
        "Shot": ElementFormat(
            1.50, 7.50, space_before=12, all_caps=True, paginate_as="Scene Heading"
        ),
        "Cast List": ElementFormat(1.50, 7.50, all_caps=True, paginate_as="Action"),
        "New Act": ElementFormat(
            1.00, 7.50, 0.0, 12, "center", True, True, False, True, paginate_as="Scene Heading"
        ),
        "Sequence": ElementFormat(
            1.25, 7.50, 0.0, 24, "left", True, True, False, True, paginate_as="Scene Heading"
        ),
        "End of Act": ElementFormat(
            1.00, 7.50, 0.0, 24, "center", True, True, False, True, paginate_as="Character"
        ),
        "Summary": ElementFormat(0.88, 7.50, space_before=12, paginate_as="Outline Body"),
        "Outline 1": ElementFormat(0.88, 7.50, space_before=16, bold=True, paginate_as="Outline"),
        "Outline 2": ElementFormat(1.13, 7.50, space_before=14, bold=True, paginate_as="Outline"),
        "Outline 3": ElementFormat(1.38, 7.50, space_before=12, bold=True, paginate_as="Outline"),
        "Outline 4": ElementFormat(1.63, 7.50, space_before=12, bold=True, paginate_as="Outline"),
        "Outline 5": ElementFormat(1.88, 7.50, space_before=12, bold=True, paginate_as="Outline"),
        "Note": ElementFormat(1.62, 7.50, space_before=12, italic=True, paginate_as="Outline"),
        "Lyrics": ElementFormat(2.50, 6.00, space_before=12, italic=True, paginate_as="Action"),
        "Dialogue Lyrics": ElementFormat(2.50, 6.00, italic=True, paginate_as="Dialogue"),
    }
)
