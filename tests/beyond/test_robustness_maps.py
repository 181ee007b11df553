"""Robustness analysis moved out of the page: the band maps' areas, valid shares, the μ paths."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings

import xbec
from tests.conftest import horizontal_params
from xbec import beyond
from xbec.beyond import order_of_moves as M
from xbec.beyond import robustness as R

PAPER = xbec.HorizontalParams()
VP = xbec.VerticalParams()
#: rho = b2^2 / (2 b1 gamma1) close to 1: no acceptable share under any benchmark.
NO_BAND = xbec.HorizontalParams(b2=0.999 * math.sqrt(2 * 2.0 * 1.0))
#: K so large that only the participation bands are left.
HUGE_K = xbec.HorizontalParams(K=1e6)
CASES = [(leader, em) for leader in ("platform", "manufacturer") for em in (True, False)]


def test_leader_maps_cover_the_page():
    lm = M.leader_maps(PAPER, 24)
    assert lm.rho.shape == lm.kappa.shape == (24,) and len(lm.maps) == 4
    assert lm.rho[0] == 0.0 and lm.rho[-1] == 0.995 and lm.kappa[-1] == 0.3
    assert lm.kappa[0] <= lm.mark[1] <= lm.kappa[-1] and lm.mark == beyond.dimensionless_groups(PAPER)
    for (leader, em), m in lm.maps.items():
        assert m.status.shape == (24, 24)
        ref = beyond.band_dimensionless(lm.rho[5], lm.kappa[7], platform_leads=em, leader=leader)
        assert int(m.status[7, 5]) == int(ref.status)


def test_leader_maps_include_a_large_kappa():
    lm = M.leader_maps(HUGE_K, 10)
    assert lm.kappa[-1] == pytest.approx(1.5 * lm.mark[1]) and lm.kappa[-1] > 0.3


@pytest.mark.parametrize("grid_n", [1, 0, 2.5, True, "160"])
def test_leader_maps_reject_a_bad_grid(grid_n):
    with pytest.raises(xbec.ModelDomainError, match="grid_n"):
        M.leader_maps(PAPER, grid_n)


@pytest.mark.parametrize("rho_max", [0.0, 1.0, 1.5, float("nan")])
def test_a_bad_rho_max_is_refused(rho_max):
    with pytest.raises(xbec.ModelDomainError, match="rho_max"):
        M.band_area_share(rho_max, 0.3)


def test_boundary_separates_band_from_no_band():
    for rho in (0.0, 0.2, 0.45):
        k = M.band_kappa_limit(rho, 0.3)
        assert 0.0 < k < 0.3
        below = beyond.band_dimensionless(rho, k - 1e-9).status
        above = beyond.band_dimensionless(rho, k + 1e-9).status
        assert int(below) == beyond.BAND_OK and int(above) != beyond.BAND_OK
    # the participation conditions do not involve K: the boundary is the top of the map
    assert M.band_kappa_limit(0.3, 0.3, platform_earns_more=False) == 0.3
    assert M.band_kappa_limit(0.7, 0.3) == 0.0
    # the paper's three conditions never hold together when the manufacturer leads
    assert M.band_kappa_limit(0.2, 0.3, leader="manufacturer") == 0.0


def test_participation_bands_end_at_rho_one_half():
    for leader in ("platform", "manufacturer"):
        r = M.band_rho_limit(0.0, leader=leader, platform_earns_more=False)
        assert r == pytest.approx(0.5, abs=1e-4)


def _grid_share(leader, em, n=600):
    """Independent estimate: midpoints of an n x n grid over [0, 0.995] x [0, 0.3]."""
    rho = (np.arange(n) + 0.5) / n * 0.995
    kappa = (np.arange(n) + 0.5) / n * 0.3
    st = beyond.band_dimensionless(rho[None, :], kappa[:, None], platform_leads=em, leader=leader).status
    return float(np.mean(st == beyond.BAND_OK))


@pytest.mark.parametrize(("leader", "em"), CASES)
def test_areas_agree_with_a_fine_grid(leader, em):
    area = M.band_area_share(0.995, 0.3, leader=leader, platform_earns_more=em)
    # a midpoint grid misplaces the region's edges by at most half a cell on each side
    assert area == pytest.approx(_grid_share(leader, em), abs=2.5 / 600)


def test_area_values():
    # the participation bands exist exactly for rho < 1/2, whatever kappa: 0.5 / 0.995 of the rectangle
    for leader in ("platform", "manufacturer"):
        assert M.band_area_share(0.995, 0.3, leader=leader, platform_earns_more=False) == pytest.approx(
            0.5 / 0.995, abs=1e-4
        )
    assert M.band_area_share(0.995, 0.3, leader="manufacturer") == 0.0
    # Monte Carlo, 200,000 uniform points: 4 standard errors
    rng = np.random.default_rng(20240101)
    m = 200_000
    st = beyond.band_dimensionless(rng.uniform(0, 0.995, m), rng.uniform(0, 0.3, m)).status
    p = float(np.mean(st == beyond.BAND_OK))
    assert M.band_area_share(0.995, 0.3) == pytest.approx(p, abs=4 * math.sqrt(p * (1 - p) / m))


def test_valid_lambda_keeps_exactly_the_valid_shares():
    lam = R.valid_lambda(PAPER, 0.05, 1.0, 400)
    assert lam.size == 400 and lam[0] == 0.05 and lam[-1] == 1.0
    lam = R.valid_lambda(NO_BAND, 0.05, 1.0, 60)
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
    mp = R.mu_paths(PAPER, VP, num=50)
    assert set(mp.paths) == set(beyond.MU_RULES) and mp.notes == {}
    assert mp.paths["fixed"].shape == (mp.lam.size, VP.n) and mp.t_thresholds.shape == (57, VP.n)
    pi1 = xbec.revenue_sharing(PAPER, mp.lam).pi_platform
    np.testing.assert_allclose(mp.paths["scaled"].sum(axis=1), pi1, rtol=1e-12)
    # with mu scaled with V(N), each member gets a fixed fraction of V(N)
    frac = mp.paths["scaled"] / mp.paths["scaled"].sum(axis=1, keepdims=True)
    np.testing.assert_allclose(frac, np.broadcast_to(frac[-1], frac.shape), rtol=1e-10)


def test_mu_paths_with_a_rule_undefined():
    mp = R.mu_paths(HUGE_K, VP, num=20)
    assert set(mp.paths) == {"fixed"} and set(mp.notes) == {"scaled"}


@settings(max_examples=15, deadline=None)
@given(horizontal_params())
def test_mu_paths_over_the_domain(params):
    mp = R.mu_paths(params, VP, num=12)
    for rule, path in mp.paths.items():
        assert path.shape == (mp.lam.size, VP.n) and np.all(np.isfinite(path)), rule
    assert set(mp.paths) | set(mp.notes) == (set(beyond.MU_RULES) if mp.lam.size else set())
