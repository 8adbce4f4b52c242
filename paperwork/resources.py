"""Where the bundled templates live, for an editable install and an installed wheel alike."""

from __future__ import annotations

from functools import cache
from pathlib import Path


@cache
def templates_dir() -> Path:
    """The bundled ``templates/`` folder.

    In a wheel it is mapped to ``paperwork/_templates``; in a checkout or an editable install
    it is the repository's ``templates/`` beside the package.
    """
    here = Path(__file__).resolve().parent
    for candidate in (here / "_templates", here.parent / "templates"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("the bundled templates folder is missing from this installation")
