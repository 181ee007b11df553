"""Robustness to modelling choices (xbec.beyond.robustness): scipy, brentq and sympy cross-checks."""

from __future__ import annotations

import numpy as np
import pytest
import sympy as sp
from hypothesis import given
from hypothesis import strategies as st
from scipy.optimize import brentq, minimize_scalar

import xbec
from xbec import beyond as a
from xbec.beyond import robustness as R
from xbec.replication import numerics as N
from xbec.replication import symbolic_leaders as sl
from xbec.replication.symbolic import SYMBOLS

from ..conftest import horizontal_params

PAPER = xbec.HorizontalParams()
VP = xbec.VerticalParams()


# ---------------------------------------------------------------------------
# Order of moves
# ---------------------------------------------------------------------------


def test_manufacturer_led_band_is_always_empty_with_the_leader_condition():
    assert sp.simplify(sl.manufacturer_led_band_gap() + SYMBOLS["K"]) == 0
    rho = np.linspace(0.0, 0.999, 120)[None, :]
    kappa = np.linspace(0.0, 0.5, 50)[:, None]
    maps = R.leader_band_maps(rho, kappa)
    assert np.all(maps["manufacturer"].status == a.BAND_EMPTY)
    assert np.any(maps["platform"].status == a.BAND_OK)
    free = R.leader_band_maps(rho, kappa, platform_leads=False)
    assert np.any(free["manufacturer"].status == a.BAND_OK)


@given(horizontal_params(max_b2_ratio=0.999))
def test_leader_band_maps_equal_acceptable_lambda(params):
    rho, kappa = a.dimensionless_groups(params)
    maps = R.leader_band_maps(rho, kappa, platform_leads=False)
    for leader, m in maps.items():
        try:
            band = xbec.acceptable_lambda(params, leader, platform_earns_more=False)
        except xbec.ModelDomainError:
            assert m.status != a.BAND_OK
            continue
        assert m.status == a.BAND_OK
        assert float(m.lo) == pytest.approx(band.lo, abs=1e-9) and float(m.hi) == pytest.approx(band.hi, abs=1e-9)


# ---------------------------------------------------------------------------
# Nash bargaining
# ---------------------------------------------------------------------------


def _check_bargaining(params, leader, earns_more):
    try:
        out = R.nash_bargaining_lambda(params, leader, platform_earns_more=earns_more)
    except xbec.ModelDomainError:
        return None
    lo, hi = out.band
    res = minimize_scalar(lambda x: -R.nash_product(params, x, leader), bounds=(lo, hi), method="bounded",
                          options={"xatol": 1e-12})
    grid = np.linspace(lo, hi, 4001)
    values = R.nash_product(params, grid, leader)
    best = max(float(values.max()), -float(res.fun))
    assert out.nash_product >= best - 1e-9 * max(1.0, abs(best))
    if out.interior:
        scale = max(1.0, abs(out.nash_product))
        assert abs(out.derivative) < 1e-6 * scale / max(hi - lo, 1e-3)
        assert out.lam["Nash"] == pytest.approx(res.x, abs=1e-4)
    r = xbec.revenue_sharing(params, grid)
    assert out.pi_platform["platform"] >= r.pi_platform.max() - 1e-9 * abs(r.pi_platform.max())
    assert out.pi_manufacturer["manufacturer"] >= r.pi_manufacturer.max() - 1e-9 * abs(r.pi_manufacturer.max())
    return out


def test_nash_bargaining_at_the_paper_point():
    out = _check_bargaining(PAPER, "platform", True)
    assert out.interior and out.band.lo < out.lam["Nash"] < out.band.hi
    assert out.lam["platform"] == out.band.hi and out.lam["manufacturer"] == out.band.lo
    dec = xbec.decentralized(PAPER)
    gain1 = out.pi_platform["Nash"] - dec.pi_platform
    gain2 = out.pi_manufacturer["Nash"] - dec.pi_manufacturer
    assert gain1 > 0 and gain2 > 0 and gain1 * gain2 == pytest.approx(out.nash_product)
    free = _check_bargaining(PAPER, "manufacturer", False)
    assert free.band.hi == pytest.approx(2 / 3) and free.interior
    with pytest.raises(xbec.ModelDomainError, match="no lam in"):
        R.nash_bargaining_lambda(PAPER, "manufacturer")


@given(horizontal_params(), st.sampled_from(["platform", "manufacturer"]), st.booleans())
def test_nash_bargaining_against_scipy(params, leader, earns_more):
    _check_bargaining(params, leader, earns_more)


# ---------------------------------------------------------------------------
# mu while V(N) moves
# ---------------------------------------------------------------------------


def test_x3_turns_negative_below_the_exact_threshold():
    neg = R.negative_allocation_lambda(PAPER, VP)
    assert neg[0] is None and neg[1] is None
    lo, hi = neg[2]
    assert lo == 0.0

    def x3(lam):
        return float(xbec.model.vertical.allocate(VP, xbec.revenue_sharing(PAPER, lam).pi_platform)[2])

    assert hi == pytest.approx(brentq(x3, 0.3, 0.7, xtol=1e-15), abs=1e-12)
    assert 0.51 < hi < 0.52
    assert x3(hi - 1e-6) < 0 < x3(hi + 1e-6)
    V0 = R.worth_thresholds(VP)[2]
    assert xbec.revenue_sharing(PAPER, hi).pi_platform == pytest.approx(V0, rel=1e-12)


def test_negative_allocation_thresholds_vectorised_equal_scalar():
    scales = np.array([0.25, 0.5, 1.0, 1.25, 1.5])
    th = R.negative_allocation_thresholds(PAPER, VP, scales)
    assert th.shape == (5, 4)
    for k, t in enumerate(scales):
        neg = R.negative_allocation_lambda(PAPER, VP, mu_scale=t)
        for i in range(4):
            if neg[i] is None:
                assert np.isnan(th[k, i])
            else:
                assert th[k, i] == pytest.approx(neg[i].hi, abs=1e-12)
    assert np.all(np.diff(th[:, 2]) > 0)  # larger mu: x3 negative up to a larger share


def test_allocation_paths_under_each_mu_rule():
    lam = np.linspace(0.3, 1.0, 15)
    V = xbec.revenue_sharing(PAPER, lam).pi_platform
    fixed = R.allocation_paths(PAPER, VP, lam)
    scaled = R.allocation_paths(PAPER, VP, lam, "scaled")
    np.testing.assert_allclose(fixed.sum(axis=1), V, rtol=1e-12)
    np.testing.assert_allclose(scaled.sum(axis=1), V, rtol=1e-12)
    assert np.any(fixed[:, 2] < 0) and np.all(scaled > 0)
    # scaled mu: allocations proportional to V; at V_ref both rules agree
    np.testing.assert_allclose(scaled / V[:, None], np.broadcast_to(scaled[:1] / V[0], scaled.shape), rtol=1e-12)
    ref = xbec.decentralized(PAPER).pi_platform
    lam_ref = brentq(lambda x: xbec.revenue_sharing(PAPER, x).pi_platform - ref, 0.3, 0.9, xtol=1e-15)
    np.testing.assert_allclose(R.allocation_paths(PAPER, VP, np.array([lam_ref]), "scaled"),
                               R.allocation_paths(PAPER, VP, np.array([lam_ref])), rtol=1e-9)


def test_vertical_band_under_each_mu_rule():
    fixed = R.vertical_band(PAPER, VP)
    assert fixed == pytest.approx(tuple(N.vertical_acceptable_lambda(PAPER, VP)), abs=1e-13)
    scaled = R.vertical_band(PAPER, VP, mu_rule="scaled")
    ref = xbec.decentralized(PAPER).pi_platform
    share = R.allocation_paths(PAPER, VP, np.array([0.5]), "scaled")[0] / xbec.revenue_sharing(PAPER, 0.5).pi_platform
    base = share * ref  # the scaled rule's allocation of the decentralised V(N)
    for lam in np.linspace(scaled.lo, scaled.hi, 7)[1:-1]:
        assert np.all(R.allocation_paths(PAPER, VP, np.array([lam]), "scaled")[0] > base)
    with pytest.raises(xbec.ModelDomainError, match="no lam in"):
        R.vertical_band(PAPER, VP, leader="manufacturer")


def test_bad_mu_rule_and_missing_reference():
    with pytest.raises(xbec.ModelDomainError, match="mu_rule='proportional'"):
        R.allocation_paths(PAPER, VP, 0.8, "proportional")
    with pytest.raises(xbec.ModelDomainError, match="V_ref"):
        R.coalition_values(VP, 1000.0, "scaled")
    with pytest.raises(xbec.ModelDomainError, match="mu_scales"):
        R.negative_allocation_thresholds(PAPER, VP, [])


def test_participation_bands_ignore_K_and_close_at_rho_one_half():
    rho = np.array([0.0, 0.2, 0.45, 0.4999, 0.5001, 0.8])
    for leader in ("platform", "manufacturer"):
        ref = a.band_dimensionless(rho, 0.0, platform_leads=False, leader=leader)
        assert ref.status.tolist() == [a.BAND_OK] * 4 + [a.BAND_EMPTY] * 2
        for kappa in (0.01, 0.3, 5.0):  # K cancels: both sides of each condition bear it
            r = a.band_dimensionless(rho, kappa, platform_leads=False, leader=leader)
            assert r.status.tolist() == ref.status.tolist()
            np.testing.assert_allclose(r.lo[:4], ref.lo[:4], atol=1e-12)
            np.testing.assert_allclose(r.hi[:4], ref.hi[:4], atol=1e-12)
