"""The book's figures (matplotlib): one module per part of the book.

=============================  ==============================================
``xbec.figures.paper``         the paper's Figures 1–4, recomputed
``xbec.figures.beyond``        the "beyond the paper" chapters
``xbec.figures.contracts``     the contracts extension
=============================  ==============================================
"""
