"""xbec.replication.report: the report's bookkeeping (counts, reconstruction) and the Markdown helpers."""

import numpy as np
import pytest

import xbec
from xbec.replication import ledger as L
from xbec.replication import report
from xbec.replication.claims import VERDICTS
from xbec.replication.errata import KINDS


@pytest.fixture(scope="module")
def rows():
    return xbec.ledger()


def test_ledger_counts_add_up(rows):
    n = report.ledger_counts(rows)
    assert n["n_total"] == len(rows) == sum(n[f"n_{s}"] for s in L.STATUSES)
    assert n["n_reproduced"] == sum(r.status == "reproduced" for r in rows)
    assert n["n_unexplained"] == 0
    bad = L.LedgerRow("x", "1", 2.0, 1.0, "discrepancy", "")
    assert report.ledger_counts([*rows, bad])["n_unexplained"] == 1


def test_sections_partition_the_ledger(rows):
    counts = report.section_counts(rows)
    assert list(counts)[-1] == "all" and counts["all"]["total"] == len(rows)
    assert sum(c["total"] for title, c in counts.items() if title != "all") == len(rows)
    for status in L.STATUSES:
        assert sum(c[status] for title, c in counts.items() if title != "all") == counts["all"][status]


def test_verdict_and_errata_counts():
    found = xbec.claims()
    v = report.verdict_counts(found)
    assert v["n_claims"] == len(found) == sum(v[f"n_claims_{x.replace(' ', '_')}"] for x in VERDICTS)
    e = report.errata_counts(xbec.errata())
    assert e["n_errata"] == len(xbec.errata()) == sum(e[f"n_errata_{k}"] for k in KINDS)
    assert e["n_errata_holds"] == sum(x.holds for x in xbec.errata())


def test_reconstructed_allocation_prints_the_papers_digits(rows):
    rec = report.reconstructed_rows(rows)
    alloc = report.reconstructed_allocation(rows)
    assert len(rec) == xbec.VerticalParams().n and alloc is not None
    assert [f"{x:.2f}" for x in alloc] == [r.paper for r in rec]
    assert alloc.sum() == pytest.approx(rec[0].inputs["V"])
    assert report.reconstructed_allocation([r for r in rows if r.status != "reconstructed"]) is None
    assert np.all(np.isfinite(alloc))
