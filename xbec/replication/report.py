"""The replication report's bookkeeping: counts of ledger statuses, verdicts and errata; the reconstruction.

Pure functions of what :func:`xbec.ledger`, :func:`xbec.claims` and
:func:`xbec.errata` return; the book's ``replication_report`` chapter shows
them. (``esc``, ``md_table``, ``yes``, ``compare_table`` and
``ledger_verdict`` are Markdown helpers kept only for the page modules that
still import them.)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import numpy as np

from ..model.vertical import improved_raiffa, service_shares
from .claims import VERDICTS, Claim
from .errata import KINDS, Erratum
from .ledger import LedgerRow, summary, unexplained

__all__ = [
    "SECTIONS",
    "ledger_counts",
    "section_counts",
    "verdict_counts",
    "errata_counts",
    "reconstructed_rows",
    "reconstructed_allocation",
    "esc",
    "md_table",
    "yes",
    "compare_table",
    "ledger_verdict",
]

#: The ledger's sections: title -> prefix of the rows' ``where``.
SECTIONS: Mapping[str, str] = {
    "§5.1: horizontal alliance, headline values": "§5.1",
    "Table 1: the horizontal alliance under revenue sharing": "Table 1",
    "§5.2: vertical alliance, decentralised allocation": "§5.2,",
    "Table 2: the vertical alliance under revenue sharing": "Table 2",
    "Conclusions (§5.2, §6): the range of the revenue share": "§5.2/§6",
}


def ledger_counts(rows: Iterable[LedgerRow]) -> dict[str, int]:
    """``n_total``, ``n_<status>`` for each of :data:`~xbec.replication.ledger.STATUSES` and ``n_unexplained``."""
    rows = list(rows)
    out = {f"n_{status}": count for status, count in summary(rows).items()}
    out["n_unexplained"] = len(unexplained(rows))
    return out


def section_counts(rows: Iterable[LedgerRow]) -> dict[str, dict[str, int]]:
    """For each of :data:`SECTIONS` (and ``"all"``), the number of rows and of rows per status."""
    rows = list(rows)
    groups = {title: [r for r in rows if r.where.startswith(prefix)] for title, prefix in SECTIONS.items()}
    return {title: summary(grp) for title, grp in {**groups, "all": rows}.items()}


def verdict_counts(found: Iterable[Claim]) -> dict[str, int]:
    """``n_claims`` and ``n_claims_<verdict>`` (spaces as ``_``) for each of :data:`~xbec.replication.claims.VERDICTS`."""
    found = list(found)
    out = {"n_claims": len(found)}
    out.update({f"n_claims_{v.replace(' ', '_')}": sum(c.verdict == v for c in found) for v in VERDICTS})
    return out


def errata_counts(rows: Iterable[Erratum]) -> dict[str, int]:
    """``n_errata``, ``n_errata_holds`` (verified) and ``n_errata_<kind>`` for each of :data:`~xbec.replication.errata.KINDS`."""
    rows = list(rows)
    out = {"n_errata": len(rows), "n_errata_holds": sum(e.holds for e in rows)}
    out.update({f"n_errata_{kind}": sum(e.kind == kind for e in rows) for kind in KINDS})
    return out


def reconstructed_rows(rows: Iterable[LedgerRow]) -> list[LedgerRow]:
    """The *reconstructed* rows of §5.2's decentralised allocation, in member order."""
    prefix = SECTIONS["§5.2: vertical alliance, decentralised allocation"]
    return [r for r in rows if r.status == "reconstructed" and r.where.startswith(prefix)]


def reconstructed_allocation(rows: Iterable[LedgerRow]) -> np.ndarray | None:
    """Eq (15) at the inputs the first reconstructed §5.2 row carries, or ``None`` when no row is reconstructed."""
    rec = reconstructed_rows(rows)
    if not rec:
        return None
    inp: Mapping = rec[0].inputs
    return improved_raiffa(inp["V"], inp["mu"], service_shares(inp["phi"], inp["theta"], inp["weights"]))


# -- Markdown helpers of the remaining page modules ---------------------------------------------


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
