"""§5: tables, λ grid and the vertical band."""

from __future__ import annotations

import numpy as np
import pytest

import xbec
from xbec import HorizontalParams, ModelDomainError, VerticalParams
from xbec.replication import numerics as N

P, VP = HorizontalParams(), VerticalParams()


def test_lambda_grid():
    g = N.lambda_grid(0.71, 0.88, 0.01)
    assert len(g) == 18 and g[0] == 0.71 and g[-1] == 0.88 and g[7] == 0.78
    assert list(N.lambda_grid(0.71, 0.88, 0.02))[-1] == 0.87
    for bad, match in [((0.9, 0.8, 0.01), "lam_min=0.9 > lam_max"), ((0.5, 0.8, 0), "lam_step"),
                       ((0.0, 0.8, 0.1), "lam_min"), ((0.5, 1.5, 0.1), "lam_max")]:
        with pytest.raises(ModelDomainError, match=match):
            N.lambda_grid(*bad)


def test_table1_columns_and_consistency():
    t = N.table1(P, N.lambda_grid())
    assert list(t)[:7] == ["lambda", "p", "w", "s", "demand", "pi_platform", "pi_manufacturer"]
    np.testing.assert_allclose(t["pi_total"], t["pi_platform"] + t["pi_manufacturer"])
    assert np.all(np.diff(t["pi_platform"]) > 0) and np.all(np.diff(t["pi_manufacturer"]) < 0)


def test_table2_allocates_V():
    t = N.table2(P, VP, [0.75, 0.8])
    total = sum(t[f"x{i}"] for i in range(1, 5))
    np.testing.assert_allclose(total, t["V"])
    np.testing.assert_allclose(t["V"], xbec.revenue_sharing(P, [0.75, 0.8]).pi_platform)


def test_vertical_band_with_stated_inputs_equals_horizontal_band():
    # with the model's own decentralised allocation, each member's floor is V = pi1*
    assert N.vertical_floor(VP, N.decentralized_allocation(P, VP)) == pytest.approx(
        xbec.decentralized(P).pi_platform)
    assert N.vertical_acceptable_lambda(P, VP) == pytest.approx(tuple(xbec.acceptable_lambda(P)))


def test_vertical_band_against_a_higher_baseline_is_narrower():
    base = N.decentralized_allocation(P, VP) + np.array([0, 60, 0, 60])
    lo, hi = N.vertical_acceptable_lambda(P, VP, baseline=base)
    h_lo, h_hi = xbec.acceptable_lambda(P)
    assert lo > h_lo and hi == pytest.approx(h_hi)
    x = N.table2(P, VP, [lo + 1e-6])
    assert all(x[f"x{i + 1}"][0] > base[i] for i in range(4))


def test_writers_round_trip():
    t = N.table1(P, [0.75])
    csv_text = N.to_csv(t)
    header, row = csv_text.strip().split("\n")
    assert header.startswith("lambda,p,w,s")
    assert float(row.split(",")[2]) == pytest.approx(16.5)
    assert "| 0.75 | 70.00 | 16.50 |" in N.to_markdown(t)


def test_grid_ends():
    assert N.grid_ends((0.7093718, 0.8860389)) == (0.71, 0.88)
    assert N.grid_ends((0.71 - 1e-12, 0.88 + 1e-12)) == (0.71, 0.88)
    assert N.grid_ends((0.7, 0.9), step=0.02) == (0.7, 0.9)
    with pytest.raises(ModelDomainError, match="step"):
        N.grid_ends((0.1, 0.2), step=0)


def test_printed_decentralized_allocation_is_the_papers_digits():
    """§5.2's printed x_1..x_4 (a comparison target): the ledger's printed column, in order."""
    x = N.printed_decentralized_allocation()
    printed = [r.paper for r in xbec.ledger() if r.where.startswith("§5.2, decentralised, x_")]
    assert x.shape == (4,) and [f"{v:.2f}" for v in x] == printed
    assert x.sum() == pytest.approx(2304.55, abs=1e-9)  # sums to the paper's V(N) up to its rounding
    assert not np.allclose(x, N.decentralized_allocation(xbec.HorizontalParams(), xbec.VerticalParams()), atol=1)
