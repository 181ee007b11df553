"""The "beyond" pages: band maps, coordination, allocation tables (xbec.beyond.pages)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import xbec
from tests.conftest import horizontal_params
from xbec import beyond
from xbec.beyond import pages as bp

PAPER = xbec.HorizontalParams()
VP = xbec.VerticalParams()


def test_band_map_check_agrees_with_the_scalar_solver():
    m = beyond.band_map(PAPER, "b2", np.linspace(0.0, 2.5, 15), "gamma1", np.linspace(0.2, 3.0, 15))
    check = bp.band_map_check(m, 40, seed=1)
    assert check["mismatches"] == 0 and check["worst"] < 1e-9 and 0 < check["checked"] <= 40
    v = bp.map_values(m, "m")
    assert v["m_ok"] + v["m_empty"] + v["m_domain"] <= 1 + 1e-12 and not any(k.endswith("_t_ms") for k in v)
    assert v["m_width_min"] <= v["m_width_max"]


def test_band_closes_at_rho_one_half():
    rho0, kappa0 = beyond.dimensionless_groups(PAPER)
    assert bp.band_closing_rho(kappa0) == pytest.approx(0.5, abs=1e-6)
    k = bp.band_closing_kappa(rho0)
    assert int(beyond.band_dimensionless(rho0, k * (1 - 1e-6)).status) == beyond.BAND_OK
    assert int(beyond.band_dimensionless(rho0, k * (1 + 1e-6)).status) != beyond.BAND_OK
    v = bp.band_closing_values(PAPER)
    assert v["rho0"] == 0.25 and v["b2_star"] == pytest.approx(np.sqrt(2.0), abs=1e-5)
    assert (v["rho0_lo"], v["rho0_hi"]) == pytest.approx((0.5, 0.75), abs=1e-9)


@settings(max_examples=20)
@given(st.floats(0.0, 0.3))
def test_band_closing_rho_is_a_boundary(kappa):
    r = bp.band_closing_rho(kappa)
    assume(0.0 < r < 1.0 - 1e-9)
    assert int(beyond.band_dimensionless(max(r - 1e-6, 0.0), kappa).status) == beyond.BAND_OK
    assert int(beyond.band_dimensionless(min(r + 1e-6, 1 - 1e-12), kappa).status) != beyond.BAND_OK


def test_b2_table_rows():
    md = bp.b2_table(PAPER, [0.0, 1.0, 1.5])
    assert md.count("\n") == 5 and "band empty" in md and "0.7094" in md


def test_coordination_pages():
    assert "s^*(\\lambda) - s^{2*}" in bp.rs_gaps_md()
    assert "\\omega =" in bp.coordinating_md()
    v = bp.coordination_values(PAPER, 0.8)
    assert v["co_lo"] < v["co_hi"] and v["rs_gap"] == pytest.approx(200.0) and v["rs_s"] == pytest.approx(40.0)
    assert bp.contracts_table(PAPER, [0.7, 0.8]).count("5390.00") == 2


def test_no_single_coordinating_share_beats_the_paper_band():
    """Issue 10: the dominating intervals at the band's two ends are disjoint."""
    band = xbec.acceptable_lambda(PAPER)
    c = bp.common_dominating_shares(PAPER, band)
    assert not c["exists"] and c["ends_disjoint"] and c["sup_lo"] > c["inf_hi"]
    assert c["at_lo"][1] < c["at_hi"][0]
    assert "(0.4671, 0.5347)" in bp.dominance_table(PAPER, band)


@settings(max_examples=20)
@given(horizontal_params(), st.floats(0.01, 0.99))
def test_common_dominating_shares_are_consistent(params, u):
    try:
        band = xbec.acceptable_lambda(params)
    except xbec.ModelDomainError:
        return
    c = bp.common_dominating_shares(params, band)
    lam = band.lo + u * (band.hi - band.lo)
    lo, hi = beyond.dominating_shares(params, lam)
    tol = 1e-9
    assert float(lo) <= c["sup_lo"] + tol and float(hi) >= c["inf_hi"] - tol
    if c["exists"] and c["inf_hi"] - c["sup_lo"] > 1e-6:
        mid = 0.5 * (c["sup_lo"] + c["inf_hi"])
        co, rs = xbec.coordinating_contract(params, mid), xbec.revenue_sharing(params, lam)
        assert co.pi_platform > rs.pi_platform and co.pi_manufacturer > rs.pi_manufacturer


def test_overshoot_example_of_the_issue():
    v = bp.overshoot_example(xbec.HorizontalParams(beta=500, b1=4, b2=2.5, gamma1=1.2, c=30, K=100), 0.8)
    assert v["ex_s"] == pytest.approx(1644.78, abs=0.01) and v["ex_s2"] == pytest.approx(283.58, abs=0.01)
    assert v["ex_w"] == pytest.approx(-656.6, abs=0.05) and v["ex_lam_bar"] == pytest.approx(0.768)
    assert "band is empty" in v["ex_band"] and "pays the platform" in v["ex_w_note"]
    assert "$b_2 = 2.5$" in v["ex_params"]
    assert "inside the acceptable band" in bp.overshoot_example(PAPER, 0.8)["ex_band"]


def test_allocation_tables():
    V = float(xbec.revenue_sharing(PAPER, 0.8).pi_platform)
    md = bp.coalition_table_md(V, VP.mu, 0.8, pair_factor=0.5, singleton=0.0)
    assert md.count("\n") == 15 + 2 and "**assumed**" in md and "3190.00" in md
    comp = beyond.compare_allocations(V, VP.mu, VP.F, pair_factor=0.5, singleton=0.0)
    rules = bp.rules_table_md(comp, ["a", "b", "c", "d"])
    assert all(r in rules for r in beyond.RULES)
    limits = bp.core_limits_md(beyond.core_limits(V, VP.mu, VP.F))
    assert "[0.0000, 0.5450]" in limits
    lam_table = bp.core_lambda_table_md(PAPER, VP.mu, VP.F, [0.0, 1.0])
    assert "0.7773" in lam_table and lam_table.count("\n") == 2 + 2 + 2


def test_pages_say_what_does_not_exist_when_the_band_is_empty():
    empty = xbec.HorizontalParams(b2=1.9)
    s = bp.band_summary(empty)
    assert "no share is acceptable" in s["band_md"] and "no share is acceptable" in s["band_finding"]
    assert "read on a 0.01 grid" in bp.band_summary(PAPER)["band_md"]
    assert "read on a 0.01 grid" not in bp.band_summary(PAPER.replace(K=20.0))["band_md"]
    d = bp.dominance_values(empty)
    assert "nothing to compare" in d["dom_table"] and d["dom_text"]
    c = bp.coordination_values(empty, 0.8)
    assert np.isnan(c["rs_lo"]) and "empty" in c["rs_band_md"] and c["co_lo"] < c["co_hi"]


def test_dominance_values_at_the_paper():
    d = bp.dominance_values(PAPER)
    assert "no such share" in d["dom_text"] and "disjoint" in d["dom_text"] and "0.5009" in d["dom_text"]
    assert "(0.4671, 0.5347)" in d["dom_table"]
    c = bp.coordination_values(PAPER)
    assert c["rs_band_md"] == "$0.7094 < \\lambda < 0.8860$"


@settings(max_examples=10)
@given(horizontal_params(max_b2_ratio=0.99))
def test_beyond_page_functions_run_on_the_domain(params):
    bp.band_summary(params)
    bp.coordination_values(params)
    bp.dominance_values(params)
    bp.band_closing_values(params)


def test_contracts_table_names_shares_without_an_outcome():
    md = bp.contracts_table(xbec.HorizontalParams(b2=1.9), [0.5, 0.8])
    assert "| 0.80 |" in md and "no valid outcome" in md and "= 0.5." in md
