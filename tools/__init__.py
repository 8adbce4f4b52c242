"""Developer tools for paperwork, run from the repository root (``python -m tools.NAME``).

``tools.docx_templates`` generates the bundled ``templates/*.docx`` and checks them.
"""
