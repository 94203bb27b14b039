"""Markup: the glossary, abbreviations a keyboard can reach, and tables as cards on a phone."""
