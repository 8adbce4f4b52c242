"""``paperwork serve``: the local web page over the same pipeline as the command line."""

from __future__ import annotations

from paperwork.web.app import create_app

__all__ = ["create_app"]
