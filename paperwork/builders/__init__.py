"""Builders: the production model in, display-ready document contexts out."""
