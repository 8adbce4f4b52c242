"""Renderers: place what the builders and the paginator decided, as PDF and DOCX."""
