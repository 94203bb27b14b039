"""Pages the Nu HTML checker finds valid: Material's drawer and search toggles are checkboxes
with autocomplete="off", which HTML allows only on text-like inputs."""

from __future__ import annotations

import re

TOGGLE = re.compile(r'(<input class="md-toggle" data-md-toggle="(?:drawer|search)" type="checkbox" id="__(?:drawer|search)") autocomplete="off">')


def without_toggle_autocomplete(html: str) -> str:
    return TOGGLE.sub(r"\1>", html)
