"""Figures: the standalone SVG and PNG files of each figure, and the one way the site draws SVG as PNG."""
