"""The book's figures (matplotlib): one module per part of the book, one style, one :func:`save`.

=============================  ==============================================
``xbec.figures.paper``         the paper's Figures 1–4, recomputed
``xbec.figures.beyond``        the "beyond the paper" chapters
``xbec.figures.contracts``     the contracts extension
``xbec.figures.style``         the palette and :func:`save` (PNG + SVG, byte-stable)
=============================  ==============================================

Every figure function returns a :class:`matplotlib.figure.Figure` with a
title, built without :mod:`matplotlib.pyplot`; nothing is shown or saved
until :func:`save` is called.  Needs matplotlib (the ``plot`` or ``book`` extra).
"""

from .style import save

__all__ = ["save"]
