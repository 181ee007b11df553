"""Small Markdown helpers shared by the book's notebooks (presentation only).

Nothing here computes a model quantity; the notebooks use these to render
results of :mod:`xbec` as Markdown tables and marks.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import numpy as np

__all__ = ["esc", "md_table", "yes", "compare_table", "ledger_verdict"]


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


def compare_table(
    printed: Sequence[Mapping[str, str]],
    ours: Mapping[str, Sequence[float] | np.ndarray],
    cols: Sequence[tuple[str, str]],
    lam_key: str = "lam",
) -> str:
    """Markdown table setting recomputed values beside a printed table.

    Parameters
    ----------
    printed : sequence of mappings
        One mapping per printed row, column name -> printed string (with
        ``lam_key``), e.g. ``dict(zip(paper.TABLE1_COLUMNS, row))``.
    ours : mapping
        Column name -> recomputed values aligned with ``printed``.
    cols : sequence of (column name, header)
        The columns to compare; each gives three table columns: ours (2
        decimals), the paper's printed string and the difference (ours - paper).
    """
    header = ["$\\lambda$"]
    for _, tex in cols:
        header += [tex, "paper", "diff."]
    rows = []
    for i, cells in enumerate(printed):
        row = [cells[lam_key]]
        for key, _ in cols:
            mine = float(ours[key][i])
            diff = mine - float(cells[key])
            row += [f"{mine:.2f}", cells[key], f"{0.0 if abs(diff) < 5e-4 else diff:+.3f}"]
        rows.append(row)
    return md_table(header, rows)


def ledger_verdict(rows: Sequence, statuses: Sequence[str]) -> str:
    """One sentence counting ledger rows by status, then each non-reproduced row's note.

    Labels and notes are the rows' MyST forms (``label``, ``note_md``), symbols typeset.
    """
    counts = {s: sum(r.status == s for r in rows) for s in statuses}
    phrases = {
        "reproduced": "are reproduced to the printed precision",
        "rounding": "are explained by the paper's rounding",
        "reconstructed": "are reconstructed from other inputs than the paper states",
        "discrepancy": "are discrepancies",
    }
    said = [f"{counts[s]} {phrases.get(s, s)}" for s in statuses]
    notes = "".join(f"- {r.label}: {r.note_md}\n" for r in rows if r.status != "reproduced")
    return (
        f"Of the {len(rows)} printed cells, {', '.join(said[:-1])} and {said[-1]} "
        f"(ledger, {{doc}}`replication_report`).\n\n" + notes
    )
