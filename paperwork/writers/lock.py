"""The lock file (``<draft>.lock.json``) written as JSON: what :mod:`paperwork.readers.lock`
reads back.

Stable output: keys in a fixed order, one page or sequence item per line where it helps a
diff, UTF-8 with no escapes for accented names.
"""

from __future__ import annotations

import json

from paperwork.model.revision import LOCK_FORMAT, LOCK_VERSION, LockFile

__all__ = ["lock_to_json"]


def lock_to_json(lock: LockFile) -> bytes:
    """The lock file: stable JSON, one page or item per line where it helps a diff."""
    body = {
        "format": LOCK_FORMAT,
        "version": LOCK_VERSION,
        "source": lock.source,
        "title": lock.title,
        "digest": lock.digest,
        "paper": lock.paper,
        "scene_letters": lock.scene_letters,
        "revisions": [{"id": r.id, "colour": r.colour, "date": r.date} for r in lock.revisions],
        "retired": list(lock.retired),
        "sequence": [[s.element, s.number, s.revision] for s in lock.sequence],
        "pages": [
            [p.number, p.start, int(p.continued), p.revision, int(p.omitted), p.slot, p.offset]
            for p in lock.pages
        ],
        "marks": [[m.element, m.slot, [list(r) for r in m.ranges]] for m in lock.marks],
    }
    return (json.dumps(body, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
