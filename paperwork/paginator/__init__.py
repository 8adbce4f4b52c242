"""The paginator: decides every line and page break of a script, in integers."""
