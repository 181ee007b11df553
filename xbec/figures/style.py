"""The book's one figure style and the one way to save a figure.

:func:`save` writes a figure as PNG and SVG, byte for byte the same on every
run: the SVG's element ids come from a fixed ``svg.hashsalt``, and neither file
records a date or the matplotlib version.  The palette below is shared by
every figure module.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib
from matplotlib.figure import Figure

__all__ = ["DPI", "COLOURS", "BAND_COLOUR", "LEGEND_PT", "PAGE_FIGSIZE", "save", "title_of"]

#: Resolution of the PNG copies.
DPI = 150

#: Line colours, in order of use (matplotlib's ``tab10`` without its yellows).
COLOURS: tuple[str, ...] = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#7f7f7f")

#: Size (inches) of a figure shown at the book's column width (about 7.5 in at
#: 96 px per inch): drawn at this size, its fonts keep their point size on the page.
PAGE_FIGSIZE: tuple[float, float] = (7.5, 5.4)

#: Legend font size (points): at least 9 pt as rendered at the page's width.
LEGEND_PT = 9.5

#: Fill colour of an acceptable λ band.
BAND_COLOUR = "#f2d16b"

# Fixed seed of the SVG element ids (matplotlib otherwise draws them at random).
_SVG_HASHSALT = "xbec"
# No date, no software version: two saves, on any day, give the same bytes.
_PNG_METADATA = {"Software": None}
_SVG_METADATA = {"Date": None, "Creator": None}


def title_of(fig: Figure) -> str:
    """The figure's title: its suptitle, else the first non-empty axes title ("" if none)."""
    titles = (ax.get_title(loc=loc) for ax in fig.axes for loc in ("center", "left", "right"))
    return fig.get_suptitle() or next((t for t in titles if t), "")


def save(fig: Figure, output_dir: str | Path, stem: str) -> tuple[Path, Path]:
    """Write ``fig`` as ``<output_dir>/<stem>.png`` (150 dpi) and ``<stem>.svg``, deterministically.

    Creates ``output_dir`` if needed. Both files are cropped to the drawn area
    (``bbox_inches="tight"``); the SVG's ids use a fixed hash salt and neither
    file stores a date or a software version, so saving the same figure twice
    writes identical bytes. Returns the paths ``(png, svg)``.

    Raises
    ------
    ValueError
        If ``stem`` is empty or contains a path separator.
    """
    if not stem or Path(stem).name != stem or stem in (".", ".."):
        raise ValueError(f"stem={stem!r}: must be a plain file name without folders")
    out = Path(output_dir)
    out.mkdir(parents=True, exist_ok=True)
    png, svg = out / f"{stem}.png", out / f"{stem}.svg"
    fig.savefig(png, dpi=DPI, bbox_inches="tight", metadata=_PNG_METADATA)
    with matplotlib.rc_context({"svg.hashsalt": _SVG_HASHSALT}):
        fig.savefig(svg, bbox_inches="tight", metadata=_SVG_METADATA)
    return png, svg
