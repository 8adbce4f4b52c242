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


def identifiers_line(item: Clearance) -> str:
    """``ISRC … · ISWC … · Cat. no. … · TC 10:00:01:00–10:00:31:00 · Duration 0'30"``.

    The ``identifiers`` column is labelled by type: "Cat. no." for music, "Archive ref." for
    footage, "Source:" for text, "Ref." otherwise.
    """
    parts = []
    if item.isrc:
        parts.append(f"ISRC {item.isrc}")
    if item.iswc:
        parts.append(f"ISWC {item.iswc}")
    if item.identifiers:
        match item.type:
            case ClearanceType.MUSIC_SYNC | ClearanceType.MUSIC_MASTER:
                parts.append(f"Cat. no. {item.identifiers}")
            case ClearanceType.ARCHIVE_FOOTAGE:
                parts.append(f"Archive ref. {item.identifiers}")
            case ClearanceType.TEXT:
                parts.append(f"Source: {item.identifiers}")
            case _:
                parts.append(f"Ref. {item.identifiers}")
    if item.timecode_in and item.timecode_out:
        parts.append(f"TC {item.timecode_in}–{item.timecode_out}")
    elif item.timecode_in:
        parts.append(f"TC in {item.timecode_in}")
    elif item.timecode_out:
        parts.append(f"TC out {item.timecode_out}")
    if item.duration:
        parts.append(f"Duration {item.duration}")
    return " · ".join(parts)
