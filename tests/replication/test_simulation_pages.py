"""The §5.1/§5.3.2 pages: Table 1, Fig. 2's reading and Fig. 4's claims (xbec.replication.simulation_pages)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import assume, given, settings

import xbec
from tests.conftest import horizontal_params
from tests.replication.test_pages import PAPER_NS
from xbec.replication import pages
from xbec.replication import simulation_pages as sp


@pytest.fixture
def paper_page(tmp_path):
    return pages.setup({**PAPER_NS, "output_dir": str(tmp_path / "out")})


def test_headline_values(paper_page):
    v = sp.headline_values(paper_page.params)
    assert v["pi"] == 5390.0 and v["p2"] == 70.0 and "from 0.71 to 0.88" in v["band_md"]
    empty = sp.headline_values(xbec.HorizontalParams(b2=1.9))
    assert "No revenue share is acceptable" in empty["band_md"]


def test_section51_and_table1_against_the_paper(paper_page, tmp_path):
    assert "ledger status" in sp.section51_comparison(paper_page)
    t = sp.table1_comparisons(paper_page)
    assert set(t) == {"t1_prices", "t1_profits", "t1_totals", "t1_verdict"}
    assert "Of the" in t["t1_verdict"] and "0.71" in t["t1_prices"]
    other = pages.setup({**PAPER_NS, "c": 12.0, "output_dir": str(tmp_path / "o")})
    assert sp.section51_comparison(other) == pages.NOT_PAPER
    assert all(v == pages.NOT_PAPER for v in sp.table1_comparisons(other).values())


def test_table1_grid_writes_the_csv(paper_page):
    md = sp.table1_grid(paper_page)
    csv = (paper_page.out_dir / "table1.csv").read_text().splitlines()
    assert csv[0] == "lambda,p,w,s,pi_platform,pi_manufacturer,pi_total" and len(csv) == 19
    assert md.count("✔") == 18  # every grid share lies in the band (0.7094, 0.8860)


def test_table1_grid_says_when_the_contract_is_undefined(tmp_path):
    page = pages.setup({**PAPER_NS, "b2": 1.9, "lam_min": 0.1, "lam_max": 0.9, "lam_step": 0.1,
                        "output_dir": str(tmp_path)})
    md = sp.table1_grid(page)
    assert "not defined on this grid" in md and not (tmp_path / "table1.csv").exists()


def test_fig2_findings_use_the_continuous_band():
    """Issue 10: "by at least 209.03 ... 0.36" came from a grid; the infima are 208.17 and 0."""
    v = sp.fig2_findings(xbec.HorizontalParams())
    assert v["gain1_inf"] == pytest.approx(208.1669, abs=1e-3) and v["gain2_inf"] == 0.0
    assert "208.17" in v["claims"] and "209.03" not in v["claims"] and "not attained" in v["claims"]
    assert v["total_increasing"] == "increases"
    none = sp.fig2_findings(xbec.HorizontalParams(b2=1.9))
    assert math.isnan(none["gain1_inf"]) and "does not occur" in none["claims"]
    assert none["total_increasing"] == "does not always increase"


@settings(max_examples=25)
@given(horizontal_params(max_b2_ratio=0.99))
def test_total_profit_monotonicity_statement(params):
    """fig2_findings' closed-form statement agrees with a fine grid of the contract's total."""
    assume(params.b2 == 0 or params.b2 > 1e-3)  # below that the total is flat to rounding
    v = sp.fig2_findings(params)
    lam_bar = params.b1 * params.gamma1 / params.b2**2 if params.b2 > 0 else math.inf
    assume(abs(lam_bar - 1) > 1e-3)
    lam = np.linspace(0.01, 0.99, 197)
    lam = lam[np.abs(lam - lam_bar) > 1e-3]
    try:
        total = xbec.revenue_sharing(params, lam).pi_total
    except xbec.ModelDomainError:
        return  # not defined on the whole grid
    grid_increasing = bool(np.all(np.diff(total) > 0))
    assert (v["total_increasing"] == "increases") == grid_increasing


def test_paper_claims_of_section_5_3_2():
    claims = sp.service_demand_claims(xbec.HorizontalParams())
    assert [c.holds for c in claims] == [True] * 6 and [c.claimed for c in claims] == [True] * 5 + [False]
    v = sp.claims_values(xbec.HorizontalParams())
    assert v["n_hold"] == 5 and v["n_claims"] == 5 and v["s_inf"] == pytest.approx(32.978, abs=1e-3)
    assert "32.9780" in v["claims_table"] and "32.99" not in v["claims_table"]


@settings(max_examples=25)
@given(horizontal_params(max_b2_ratio=0.99))
def test_claims_agree_with_direct_evaluation(params):
    claims = sp.service_demand_claims(params)
    dec, cen = xbec.decentralized(params), xbec.centralized(params)
    assert claims[0].holds == (cen.s > dec.s) and claims[2].holds == (cen.p < dec.p)
    try:
        band = xbec.acceptable_lambda(params)
    except xbec.ModelDomainError:
        assert not claims[3].holds and not claims[4].holds
        return
    lam = np.linspace(band.lo, band.hi, 201)[1:-1]
    r = xbec.revenue_sharing(params, lam)
    # the claims are about the open band: a grid inside it cannot contradict a "holds"
    if claims[3].holds:
        assert np.all(r.s > dec.s - 1e-9 * max(1.0, dec.s))
    if claims[4].holds:
        assert np.all(r.demand > dec.demand - 1e-9 * max(1.0, dec.demand))
    s_inc = np.all(np.diff(r.s) > 0)
    if params.b2 > 1e-3:
        assert claims[1].holds == bool(s_inc)
    assert claims[5].holds == (params.b2**2 > 0 and params.b2**2 <= params.b1 * params.gamma1)


def test_levels_table(paper_page):
    md = sp.levels_table(paper_page)
    assert "ends excluded" in md and "32.9780" in md and "centralised (§3.3)" in md
