"""The replication ledger: every published number accounted for."""

from __future__ import annotations

import csv
import io

import pytest

import xbec
from xbec.replication import ledger as L
from xbec.replication import paper

ROWS = xbec.ledger()
BY_WHERE = {r.where: r for r in ROWS}

# The statuses we found (see the closing note of the core issue); any change in the
# model or the paper data that moves a row makes this test fail.
EXPECTED_NOT_REPRODUCED = {
    "§5.1, decentralised, pi_1^*": "rounding",
    "§5.1, decentralised, pi_2^*": "rounding",
    "§5.1, text: rejected 'above 0.89'": "discrepancy",
    "Table 1, lambda=0.71, pi*": "rounding",
    "Table 1, lambda=0.77, pi*": "rounding",
    "Table 1, lambda=0.81, pi*": "rounding",
    "Table 1, lambda=0.83, pi*": "rounding",
    "§5.2, decentralised V(N) = pi_1^*": "rounding",
    "§5.2, decentralised, x_1": "discrepancy",
    "§5.2, decentralised, x_2": "discrepancy",
    "§5.2, decentralised, x_3": "discrepancy",
    "§5.2, decentralised, x_4": "discrepancy",
    "§5.2/§6 conclusion, lambda lower end": "discrepancy",
}


def test_ledger_covers_every_published_number():
    n1 = len(paper.TABLE1) * (len(paper.TABLE1_COLUMNS) - 1)
    n2 = len(paper.TABLE2) * (len(paper.TABLE2_COLUMNS) - 1)
    headline = ["p1", "w1", "s1", "pi1", "pi2", "pi", "lam_lo", "lam_hi", "lam_reject_above"]
    assert len(ROWS) == len(headline) + n1 + len(paper.SECTION_5_2_DECENTRALIZED) + n2 + len(paper.CONCLUSIONS)
    assert len(BY_WHERE) == len(ROWS), "row labels must be unique"


@pytest.mark.parametrize("row", ROWS, ids=lambda r: r.where)
def test_row_holds_its_status(row):
    assert row.status == EXPECTED_NOT_REPRODUCED.get(row.where, "reproduced")
    assert row.explained
    assert row.diff == pytest.approx(row.reproduced - paper.value(row.paper))
    if row.status == "reproduced":
        d = paper.decimals(row.paper)
        assert f"{row.reproduced:.{d}f}" == row.paper or float(row.paper) == round(row.reproduced, d)


def test_no_unexplained_rows_and_summary():
    assert L.unexplained(ROWS) == []
    s = L.summary(ROWS)
    assert s["total"] == len(ROWS)
    assert s["rounding"] == 7 and s["discrepancy"] == 6


def test_status_is_computed_not_assigned():
    # a wrong model value turns a reproduced row into an unexplained discrepancy
    row = L._row("test", "16.50", 16.53)
    assert row.status == "discrepancy" and not row.explained
    assert L.unexplained([row]) == [row]
    row = L._row("test", "2304.54", 2304.2857, rounded=[("rounded inputs", 2304.5428)])
    assert row.status == "rounding" and "rounded inputs" in row.note


def test_rounding_rows_name_the_rounded_intermediates():
    for row in ROWS:
        if row.status == "rounding":
            assert "rounded" in row.note


def test_writers():
    md = L.to_markdown(ROWS)
    assert md.count("\n") == len(ROWS) + 2
    parsed = list(csv.DictReader(io.StringIO(L.to_csv(ROWS))))
    assert len(parsed) == len(ROWS)
    assert set(parsed[0]) == {"where", "paper", "reproduced", "diff", "status", "note"}
    assert {r["status"] for r in parsed} <= set(L.STATUSES)
