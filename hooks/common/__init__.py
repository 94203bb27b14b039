"""What every part of the build shares: the site's constants, its address, whether MkDocs is
serving, and how a one-line error names a page. Helpers, not hooks."""
