"""Sharing: link previews, share pages, the teaching-links page and the section links."""
