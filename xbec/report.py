"""Small Markdown helpers shared by the book's notebooks (presentation only).

Nothing here computes a model quantity; the notebooks use these to render
results of :mod:`xbec` as Markdown tables and marks.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

__all__ = ["esc", "md_table", "yes"]


def esc(text: str) -> str:
    """Escape ``text`` for a Markdown (MyST) table cell or inline text."""
    for ch in "\\`*_[]<>|$":
        text = text.replace(ch, "\\" + ch)
    return text


def md_table(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """A Markdown table with ``header`` and one line per row (cells via ``str``)."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(x) for x in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def yes(flag: bool) -> str:
    """A check mark for ``True``, a bold cross for ``False``."""
    return "✔ yes" if flag else "✘ **no**"
