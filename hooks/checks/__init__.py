"""The checks: the build stops in one line (file, line, what is wrong) on a page the site must not publish."""
