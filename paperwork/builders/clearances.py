"""What the clearance letters and the clearance log both print: type and status labels, and a
clearance's identifiers on one line. A shared helper, not a document kind."""

from __future__ import annotations

from paperwork.model.clearances import Clearance, ClearanceStatus, ClearanceType

__all__ = ["STATUS_LABELS", "TYPE_LABELS", "identifiers_line"]

TYPE_LABELS: dict[ClearanceType, str] = {
    ClearanceType.MUSIC_SYNC: "Music (sync)",
    ClearanceType.MUSIC_MASTER: "Music (master)",
    ClearanceType.ARCHIVE_FOOTAGE: "Archive footage",
    ClearanceType.STILL: "Still",
    ClearanceType.ARTWORK: "Artwork",
    ClearanceType.LOGO: "Logo / brand",
    ClearanceType.LOCATION_IMAGE: "Location image",
    ClearanceType.TEXT: "Text",
    ClearanceType.OTHER: "Other",
}

STATUS_LABELS: dict[ClearanceStatus, str] = {
    ClearanceStatus.TO_REQUEST: "To request",
    ClearanceStatus.REQUESTED: "Requested",
    ClearanceStatus.QUOTED: "Quoted",
    ClearanceStatus.AGREED: "Agreed",
    ClearanceStatus.LICENSED: "Licensed",
    ClearanceStatus.REFUSED: "Refused",
    ClearanceStatus.REPLACED: "Replaced",
}


# How the ``identifiers`` column is labelled, by type ("Ref." for the others).
_ID_LABELS = {
    ClearanceType.MUSIC_SYNC: "Cat. no.",
    ClearanceType.MUSIC_MASTER: "Cat. no.",
    ClearanceType.ARCHIVE_FOOTAGE: "Archive ref.",
    ClearanceType.TEXT: "Source:",
}


def identifiers_line(item: Clearance) -> str:
    """``ISRC … · ISWC … · Cat. no. … · TC 10:00:01:00–10:00:31:00 · Duration 0'30"``.

    The ``identifiers`` column is labelled by type: "Cat. no." for music, "Archive ref." for
    footage, "Source:" for text, "Ref." otherwise.
    """
    tc_in, tc_out = item.timecode_in, item.timecode_out
    parts = (
        f"ISRC {item.isrc}" if item.isrc else "",
        f"ISWC {item.iswc}" if item.iswc else "",
        f"{_ID_LABELS.get(item.type, 'Ref.')} {item.identifiers}" if item.identifiers else "",
        f"TC {tc_in}–{tc_out}" if tc_in and tc_out else "",
        f"TC in {tc_in}" if tc_in and not tc_out else "",
        f"TC out {tc_out}" if tc_out and not tc_in else "",
        f"Duration {item.duration}" if item.duration else "",
    )
    return " · ".join(part for part in parts if part)
