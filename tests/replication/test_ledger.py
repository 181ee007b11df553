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
    "§5.2, decentralised, x_1": "reconstructed",
    "§5.2, decentralised, x_2": "reconstructed",
    "§5.2, decentralised, x_3": "reconstructed",
    "§5.2, decentralised, x_4": "reconstructed",
    "§5.2/§6 conclusion, lambda lower end": "reconstructed",
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
    assert s["rounding"] == 7 and s["reconstructed"] == 5 and s["discrepancy"] == 1
    assert list(s) == [*L.STATUSES, "total"]


def test_status_is_computed_not_assigned():
    # a wrong model value turns a reproduced row into an unexplained discrepancy
    row = L._row("§5.1", "w", "test", "16.50", 16.53)
    assert row.status == "discrepancy" and not row.explained
    assert L.unexplained([row]) == [row]
    row = L._row("§5.1", "pi1", "test", "2304.54", 2304.2857, rounded=[("rounded inputs", 2304.5428)])
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
    assert list(parsed[0]) == ["section", "key", "where", "paper", "reproduced", "diff", "status", "note"]
    assert {r["status"] for r in parsed} <= set(L.STATUSES)
    assert [(r["section"], r["key"]) for r in parsed] == [(r.section, r.key) for r in ROWS]
    assert md.splitlines()[2].startswith("| §5.1 | p1 | ")


def test_every_row_has_a_section_and_the_key_of_its_printed_value():
    assert [s for s in L.SECTIONS if any(r.section == s for r in ROWS)] == list(L.SECTIONS)
    assert all(r.section in L.SECTIONS for r in ROWS)
    assert len({(r.section, r.key) for r in ROWS}) == len(ROWS)
    printed = {
        "§5.1": lambda k: paper.SECTION_5_1[k],
        "§5.2": lambda k: paper.SECTION_5_2_DECENTRALIZED[k],
        "§6": lambda k: paper.CONCLUSIONS[k],
        "Table 1": lambda k: dict(zip(paper.TABLE1_COLUMNS, _table_row(paper.TABLE1, k)))[k.split("@")[0]],
        "Table 2": lambda k: dict(zip(paper.TABLE2_COLUMNS, _table_row(paper.TABLE2, k)))[k.split("@")[0]],
    }
    for r in ROWS:
        assert printed[r.section](r.key) == r.paper, r.where
    # the sections are counted as the paper prints them
    count = {s: sum(r.section == s for r in ROWS) for s in L.SECTIONS}
    assert count == {
        "§5.1": 9,
        "Table 1": len(paper.TABLE1) * 6,
        "§5.2": 5,
        "Table 2": len(paper.TABLE2) * 5,
        "§6": 2,
    }


def _table_row(table, key):
    return next(row for row in table if row[0] == key.split("@")[1])


@pytest.mark.parametrize("section", L.SECTIONS)
def test_ledger_of_one_section_is_the_filtered_ledger(section):
    assert L.ledger(section=section) == [r for r in ROWS if r.section == section]


def test_ledger_section_must_exist():
    with pytest.raises(ValueError, match="sections"):
        L.ledger(section="5.1")


# ------------------------------------------------------------ reconstructed rows


def test_reconstructed_rows_recompute_the_papers_digits_from_their_inputs():
    import numpy as np

    from xbec.model.vertical import improved_raiffa, service_shares
    from xbec.replication.numerics import grid_ends, vertical_acceptable_lambda

    rows = [r for r in ROWS if r.status == "reconstructed"]
    assert len(rows) == 5
    for i, r in enumerate(rows[:4]):
        inp = r.inputs
        F = service_shares(inp["phi"], inp["theta"], inp["weights"])
        x = improved_raiffa(inp["V"], inp["mu"], F)
        assert f"{x[i]:.2f}" == r.paper
        # the stated-mu allocation is kept beside it, and does not print the paper's digits
        assert f"{r.reproduced:.2f}" != r.paper
        V = xbec.decentralized(xbec.HorizontalParams()).pi_platform
        assert r.reproduced == pytest.approx(xbec.model.vertical.allocate(xbec.VerticalParams(), V)[i])
    conc = rows[4]
    vp = xbec.VerticalParams()
    assert conc.inputs["Table 2 mu"] == vp.mu
    F = vp.F
    base = improved_raiffa(conc.inputs["baseline V"], conc.inputs["baseline mu"], F)
    band = vertical_acceptable_lambda(xbec.HorizontalParams(), vp, baseline=base)
    assert f"{grid_ends(band)[0]:.2f}" == conc.paper == "0.72"
    assert np.allclose(base, [1056.589, 680.4187, 110.3463, 457.1860], atol=5e-4)


def test_the_whole_family_of_reconstructions():
    import numpy as np

    from xbec.model.vertical import improved_raiffa

    fam = L.reconstruction_family()
    lo, hi = fam.V_interval
    assert lo == pytest.approx(2304.53) and hi == pytest.approx(2304.57)
    for g, (a, b) in zip(fam.gap, fam.gap_box_at_V):
        assert a < g < b
    F = xbec.VerticalParams().F
    printed = [paper.SECTION_5_2_DECENTRALIZED[f"x{i}"] for i in range(1, 5)]

    def prints(V, mu):
        return [f"{x:.2f}" for x in improved_raiffa(V, mu, F)] == printed

    for m in (0.0, 2000.0, 2025.0, -5e3):  # only mean(mu) - mu matters
        assert prints(2304.54, L.reconstructed_mu(m))
    # neither the text's V(N) = 2304.5, nor the exact pi_1^*, nor the stated mu
    assert not prints(2304.5, L.reconstructed_mu())
    assert not prints(xbec.decentralized(xbec.HorizontalParams()).pi_platform, L.reconstructed_mu())
    assert not prints(2304.54, xbec.VerticalParams().mu)
    # outside the V interval no gap works: the allocation sums to V
    assert not np.isclose(sum(float(x) for x in printed), 2304.5, atol=0.02)


def test_labels_and_notes_are_typeset():
    import re

    for r in ROWS:
        for text in (r.label, r.note_md):
            bare = re.sub(r"\$[^$]*\$", "", text)
            for raw in ("p^{1*}", "pi_1^*", "omega^{1*}", "lambda", "pi_2"):
                assert raw not in bare, (r.where, text)


def test_readme_counts_are_the_ledgers():
    import re
    from pathlib import Path

    text = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    m = re.search(r"The ledger has (\d+) rows: (\d+) reproduced, (\d+) rounding, (\d+) reconstructed, (\d+)\s+"
                  r"discrepanc\w+, (\d+) unexplained", text)
    assert m, "README: the ledger's line is missing"
    s = L.summary(ROWS)
    assert tuple(map(int, m.groups())) == (s["total"], s["reproduced"], s["rounding"], s["reconstructed"],
                                          s["discrepancy"], len(L.unexplained(ROWS)))
    assert f"Errata ({len(xbec.errata())}," in text
