"""The replication report's bookkeeping: counts of ledger statuses, verdicts and errata; the reconstruction.

Pure functions of what :func:`xbec.ledger`, :func:`xbec.claims` and
:func:`xbec.errata` return; the book's ``replication_report`` chapter shows
them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np

from ..model.vertical import improved_raiffa, service_shares
from .claims import VERDICTS, Claim
from .errata import KINDS, Erratum
from .ledger import LedgerRow, summary, unexplained

#: A title for each of the ledger's sections (:data:`xbec.replication.ledger.SECTIONS`).
SECTIONS: Mapping[str, str] = {
    "§5.1": "§5.1: horizontal alliance, headline values",
    "Table 1": "Table 1: the horizontal alliance under revenue sharing",
    "§5.2": "§5.2: vertical alliance, decentralised allocation",
    "Table 2": "Table 2: the vertical alliance under revenue sharing",
    "§6": "Conclusions (§5.2, §6): the range of the revenue share",
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
    groups = {title: [r for r in rows if r.section == section] for section, title in SECTIONS.items()}
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
    return [r for r in rows if r.status == "reconstructed" and r.section == "§5.2"]


def reconstructed_allocation(rows: Iterable[LedgerRow]) -> np.ndarray | None:
    """Eq (15) at the inputs the first reconstructed §5.2 row carries, or ``None`` when no row is reconstructed."""
    rec = reconstructed_rows(rows)
    if not rec:
        return None
    inp: Mapping = rec[0].inputs
    return improved_raiffa(inp["V"], inp["mu"], service_shares(inp["phi"], inp["theta"], inp["weights"]))
