"""The robustness page's logic (xbec.beyond.robustness_pages): numbers, tables and sentences."""

from __future__ import annotations

import math
import re

import numpy as np
import pytest
from hypothesis import given, settings

import xbec
from tests.conftest import horizontal_params
from xbec import beyond
from xbec.beyond import robustness_pages as rp
from xbec.replication.pages import Md

PAPER = xbec.HorizontalParams()
VP = xbec.VerticalParams()
#: No acceptable share under any benchmark: rho = b2^2 / (2 b1 gamma1) close to 1.
NO_BAND = xbec.HorizontalParams(b2=0.999 * math.sqrt(2 * 2.0 * 1.0))
#: K so large that the platform loses money in the game: only the participation bands are left.
HUGE_K = xbec.HorizontalParams(K=1e6)


def _rows(md: str) -> int:
    """Body rows of a Markdown table (header and rule excluded)."""
    return len([line for line in md.splitlines() if line.startswith("|")]) - 2


def test_literal_reading_is_refused_with_the_model_error():
    v = rp.literal_reading_values(PAPER)
    assert all(isinstance(x, Md) for x in v.values())
    assert "unexpectedly" not in v["lit_error"] and v["lit_error"].startswith("*")
    assert v["lit_d2"] == "$0$" and "b_{1}" in v["lit_d1"]


def test_decentralized_table_shows_each_leaders_game():
    md = rp.decentralized_table(PAPER)
    assert _rows(md) == len(xbec.model.leaders.LEADERS)
    for leader in xbec.model.leaders.LEADERS:
        d = xbec.decentralized(PAPER, leader)
        assert f"{d.p:.2f}" in md and f"{d.pi_manufacturer:.2f}" in md and f"{d.pi_total:.2f}" in md


def test_leader_bands_match_the_scalar_solver():
    bands = rp.leader_bands(PAPER)
    assert bands[("platform", True)] == xbec.acceptable_lambda(PAPER)
    assert bands[("manufacturer", False)] == xbec.acceptable_lambda(PAPER, "manufacturer", platform_earns_more=False)
    assert bands[("manufacturer", True)] is None
    md = rp.band_table(bands)
    assert _rows(md) == 4 and md.count(rp.NO_BAND) == 1
    assert f"{bands[('platform', True)].lo:.6f}" in md


def test_band_values_at_the_paper():
    v = rp.band_values(PAPER)
    band = xbec.acceptable_lambda(PAPER)
    assert f"({band.lo:.4f},\\ {band.hi:.4f})" in v["platform_band_md"]
    assert v["gap_num"] == pytest.approx(xbec.centralized(PAPER).pi_total - v["two_pi2m"])
    assert "below the platform-led one" in v["participation_md"] or "lower than" in v["participation_md"]
    assert v["gap_sym"].startswith("$") and v["gap_sym"].endswith("$")


def test_participation_md_without_band():
    bands = rp.leader_bands(NO_BAND)
    assert all(b is None for b in bands.values())
    assert "no band" in rp.participation_md(NO_BAND, bands)
    assert rp.band_values(NO_BAND)["platform_band_md"] == "no acceptable share at all"


@settings(max_examples=25)
@given(horizontal_params())
def test_leader_and_band_values_over_the_domain(params):
    lv = rp.leader_values(params)
    assert lv["pi_cen"] == pytest.approx(xbec.centralized(params).pi_total)
    assert _rows(lv["dec_table"]) == 2 and "unexpectedly" not in lv["lit_error"]
    bands = rp.leader_bands(params)
    # the paper's three conditions never hold together against the manufacturer-led benchmark
    assert bands[("manufacturer", True)] is None
    for (leader, earns_more), band in bands.items():
        try:
            ref = xbec.acceptable_lambda(params, leader, platform_earns_more=earns_more)
        except xbec.ModelDomainError:
            ref = None
        assert band == ref
    bv = rp.band_values(params)
    # pi^{2*} - 2 pi2^M = -K: the centralised total never exceeds twice the manufacturer's fall-back
    assert bv["gap_num"] == pytest.approx(-params.K, abs=1e-9 * max(1.0, bv["two_pi2m"]))
    assert _rows(bv["band_table"]) == 4 and isinstance(bv["participation_md"], Md)


def test_leader_maps_cover_the_page_and_count_shares():
    lm = rp.leader_maps(PAPER, 24)
    assert lm.rho.shape == lm.kappa.shape == (24,) and len(lm.maps) == 4
    assert lm.kappa[0] <= lm.mark[1] <= lm.kappa[-1] and lm.mark == beyond.dimensionless_groups(PAPER)
    for m in lm.maps.values():
        assert m.status.shape == (24, 24)
    v = rp.map_values(lm)
    assert v["share_p3"] == pytest.approx(100 * np.mean(lm.maps[("platform", True)].status == beyond.BAND_OK))
    assert v["share_m3"] == 0.0 and 0.0 < v["share_p2"] <= 100.0 and v["kappa_max"] == lm.kappa[-1]
    assert "close at $\\rho = 1/2$" in v["edge_md"]


def test_leader_maps_include_a_large_kappa():
    lm = rp.leader_maps(HUGE_K, 10)
    assert lm.kappa[-1] == pytest.approx(1.5 * lm.mark[1]) and lm.kappa[-1] > 0.3


@pytest.mark.parametrize("grid_n", [1, 0, 2.5, True, "160"])
def test_leader_maps_reject_a_bad_grid(grid_n):
    with pytest.raises(xbec.ModelDomainError, match="grid_n"):
        rp.leader_maps(PAPER, grid_n)


@settings(max_examples=20)
@given(horizontal_params())
def test_map_values_over_the_domain(params):
    v = rp.map_values(rp.leader_maps(params, 8))
    assert all(0.0 <= v[k] <= 100.0 for k in ("share_p3", "share_m3", "share_p2", "share_m2"))
    assert v["share_m3"] == 0.0 and v["kappa_max"] >= 1.5 * v["kappa0"] - 1e-12
    assert isinstance(v["edge_md"], Md)


def test_bargaining_at_the_paper():
    out = rp.bargaining(PAPER)
    assert len(out) == len(rp.BARGAINING_CASES)
    found = rp.agreed(out)
    assert len(found) == 2 and found[0].leader == "platform"
    nash = found[0].lam["Nash"]
    assert found[0].band.lo <= nash <= found[0].band.hi
    table = rp.nash_table(out)
    assert _rows(table) == 3 and table.count(rp.NO_BAND) == 1 and f"{nash:.4f}" in table
    v = rp.bargaining_values(out)
    assert f"\\lambda = {nash:.4f}" in v["nash_md"] and "more than in the game" in v["nash_md"]
    assert "fig_bargaining" in rp.bargaining_figure_md(out)


def test_bargaining_without_band():
    out = rp.bargaining(NO_BAND)
    assert rp.agreed(out) == [] and rp.bargaining_figure_md(out) == ""
    assert "No acceptable share exists" in rp.nash_md(out)
    assert rp.nash_table(out).count(rp.NO_BAND) == 3


@settings(max_examples=20)
@given(horizontal_params())
def test_bargaining_over_the_domain(params):
    out = rp.bargaining(params)
    for o in rp.agreed(out):
        assert o.band.lo - 1e-12 <= o.lam["Nash"] <= o.band.hi + 1e-12
        assert o.pi_platform["Nash"] >= o.pi1_star - 1e-6 and o.pi_manufacturer["Nash"] >= o.pi2_star - 1e-6
    v = rp.bargaining_values(out)
    assert _rows(v["nash_table"]) == 3
    assert ("No acceptable share" in v["nash_md"]) == (not rp.agreed(out))
    assert (rp.bargaining_figure_md(out) == "") == (not rp.agreed(out))


def test_negative_allocations_at_the_paper():
    v = rp.negative_values(PAPER, VP)
    assert v["mu_md"] == "$(1600, 2000, 2300, 2200)$"
    assert _rows(v["neg_table"]) == VP.n
    neg = beyond.negative_allocation_lambda(PAPER, VP)
    i = max((k for k in neg if neg[k] is not None), key=lambda k: neg[k].hi)
    hi = neg[i].hi
    assert f"$x_{i + 1}^*$" in v["neg_md"] and f"{hi:.6f}" in v["neg_md"]
    # the sentence is true: below hi the member's allocation is negative, above it is not
    x = beyond.allocation_paths(PAPER, VP, np.array([hi - 1e-3, min(hi + 1e-3, 1.0)]))
    assert x[0, i] < 0 <= x[1, i] or hi == 1.0


def test_negative_md_when_no_allocation_turns_negative():
    assert "no member's allocation turns negative" in rp.negative_md(NO_BAND, VP)


def test_valid_lambda_keeps_exactly_the_valid_shares():
    lam = rp.valid_lambda(PAPER, 0.05, 1.0, 400)
    assert lam.size == 400 and lam[0] == 0.05 and lam[-1] == 1.0
    lam = rp.valid_lambda(NO_BAND, 0.05, 1.0, 60)
    full = np.linspace(0.05, 1.0, 60)
    assert 0 < lam.size < full.size
    for x in full:
        try:
            xbec.revenue_sharing(NO_BAND, float(x))
            ok = True
        except xbec.ModelDomainError:
            ok = False
        assert ok == bool(np.any(np.isclose(lam, x, rtol=0, atol=1e-12)))


def test_mu_paths_at_the_paper():
    mp = rp.mu_paths(PAPER, VP, num=50)
    assert set(mp.paths) == set(beyond.MU_RULES) and mp.notes == []
    assert mp.paths["fixed"].shape == (mp.lam.size, VP.n) and mp.t_thresholds.shape == (57, VP.n)
    pi1 = xbec.revenue_sharing(PAPER, mp.lam).pi_platform
    np.testing.assert_allclose(mp.paths["scaled"].sum(axis=1), pi1, rtol=1e-12)
    v = rp.mu_values(mp)
    frac = mp.paths["scaled"][-1] / mp.paths["scaled"][-1].sum()
    assert f"{mp.names[0]} {100 * frac[0]:.1f}%" in v["scaled_md"] and v["mu_notes"] == "Both rules are drawn."
    assert "fig_mu" in rp.mu_figure_md(mp)


def test_mu_paths_with_a_rule_undefined():
    mp = rp.mu_paths(HUGE_K, VP, num=20)
    assert set(mp.paths) == {"fixed"} and mp.notes[0].startswith("μ scaled")
    v = rp.mu_values(mp)
    assert "not defined" in v["scaled_md"] and v["mu_notes"] == mp.notes[0]


def test_mu_figure_md_when_nothing_can_be_drawn():
    mp = rp.MuPaths(np.array([]), {}, [], ("a", "b"), np.array([1.0]), np.zeros((1, 2)))
    assert "nothing to draw" in rp.mu_figure_md(mp)
    assert "not defined" in rp.mu_values(mp)["scaled_md"]


@settings(max_examples=15)
@given(horizontal_params())
def test_mu_and_vertical_pages_over_the_domain(params):
    mp = rp.mu_paths(params, VP, num=12)
    for rule, path in mp.paths.items():
        assert path.shape == (mp.lam.size, VP.n) and np.all(np.isfinite(path)), rule
    assert set(rp.mu_values(mp)) == {"mu_notes", "scaled_md"}
    assert ("nothing to draw" in rp.mu_figure_md(mp)) == (not mp.paths)
    v = rp.negative_values(params, VP)
    assert _rows(v["neg_table"]) == VP.n and isinstance(v["neg_md"], Md)
    assert _rows(rp.vertical_band_table(params, VP)) == 4


def test_vertical_band_table_matches_the_solver():
    md = rp.vertical_band_table(PAPER, VP)
    vb = beyond.vertical_band(PAPER, VP)
    assert _rows(md) == 4 and f"$({vb.lo:.6f},\\ {vb.hi:.6f})$" in md
    assert rp.vertical_band_table(NO_BAND, VP).count(rp.NO_BAND) == 4


@pytest.mark.parametrize("params", [NO_BAND, HUGE_K], ids=["rho-near-1", "K-huge"])
def test_the_whole_page_runs_where_bands_are_missing(params):
    values = {
        **rp.leader_values(params),
        **rp.band_values(params),
        **rp.map_values(rp.leader_maps(params, 6)),
        **rp.bargaining_values(rp.bargaining(params)),
        **rp.negative_values(params, VP),
        **rp.mu_values(rp.mu_paths(params, VP, num=20)),
        "vband_table": rp.vertical_band_table(params, VP),
    }
    for key, value in values.items():
        assert isinstance(value, (Md, float)), key
        assert not re.search(r"\b(nan|inf)\b", str(value)), key
