"""``python -m tools.docx_templates``: see the package's docstring."""

from tools.docx_templates import main

raise SystemExit(main())
