"""``python -m paperwork.cli``."""

from paperwork.cli import main

main()
