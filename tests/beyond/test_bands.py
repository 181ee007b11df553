"""The λ band over parameter grids (xbec.beyond.bands) against an independent reference.

The reference (tests/band_reference.py) rebuilds the revenue-sharing profits
from the primitives, finds sign changes on a 20 000-point λ grid and refines
them with brentq; it shares no code with the one band solver
(xbec.model.band) nor with the quadratic conditions
(xbec.model.horizontal.band_conditions).
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import xbec
from xbec import beyond as a

from ..band_reference import reference_band
from ..conftest import horizontal_params

PAPER = xbec.HorizontalParams()


def _scalar_band(params, platform_leads=True, leader="platform"):
    """(status, lo, hi) from the independent reference (grid + brentq)."""
    dec = xbec.decentralized(params, leader)
    bands = reference_band(params, dec.pi_platform, dec.pi_manufacturer, earns_more=platform_leads)
    if not bands:
        return a.BAND_EMPTY, None, None
    if len(bands) > 1:
        return a.BAND_DISJOINT, None, None
    return a.BAND_OK, bands[0][0], bands[0][1]


def test_band_arrays_at_the_paper_point():
    band = xbec.acceptable_lambda(PAPER)
    r = a.band_arrays()
    assert r.status == a.BAND_OK
    assert r.lo == pytest.approx(band.lo, abs=1e-13) and r.hi == pytest.approx(band.hi, abs=1e-13)
    assert r.lo == pytest.approx(0.70937187, abs=1e-8) and r.hi == pytest.approx(0.88603895, abs=1e-8)
    # without the leader condition only the lower end moves (pi1 > pi1* binds later)
    r2 = a.band_arrays(platform_leads=False)
    assert r2.hi == pytest.approx(r.hi, abs=1e-13) and r2.lo < r.lo


@given(horizontal_params(max_b2_ratio=0.999), st.booleans(), st.floats(0.0, 2000.0),
       st.sampled_from(["platform", "manufacturer"]))
def test_band_arrays_agree_with_reference(params, leads, K, leader):
    params = params.replace(K=K)  # large K empties the band
    status, lo, hi = _scalar_band(params, leads, leader)
    r = a.band_arrays(**params.as_dict(), platform_leads=leads, leader=leader)
    if status == a.BAND_EMPTY and r.status == a.BAND_OK:
        assert r.width < 1e-4  # narrower than the reference's grid step
        return
    assert int(r.status) == status
    if status == a.BAND_OK:
        band = xbec.acceptable_lambda(params, leader, platform_earns_more=leads)
        assert (band.lo, band.hi) == (float(r.lo), float(r.hi))  # one solver: identical
        assert r.lo == pytest.approx(lo, abs=1e-9) and r.hi == pytest.approx(hi, abs=1e-9)
        assert r.width == pytest.approx(hi - lo, abs=1e-9)
    else:
        assert np.isnan(r.lo) and np.isnan(r.hi) and np.isnan(r.width)


def test_band_map_agrees_with_acceptable_lambda_at_random_grid_points():
    b2 = np.linspace(0.0, 2.6, 201)
    g1 = np.linspace(0.2, 3.0, 203)
    m = a.band_map(PAPER, "b2", b2, "gamma1", g1)
    assert m.lo.shape == (203, 201) and m.status.shape == (203, 201)
    rng = np.random.default_rng(5)
    seen = set()
    for i, j in zip(rng.integers(0, 203, 120), rng.integers(0, 201, 120)):
        st_ = int(m.status[i, j])
        seen.add(st_)
        try:
            params = PAPER.replace(b2=b2[j], gamma1=g1[i])
        except xbec.ModelDomainError:
            assert st_ == a.DOMAIN_CONCAVITY
            continue
        status, lo, hi = _scalar_band(params)
        assert st_ == status
        if status == a.BAND_OK:
            band = xbec.acceptable_lambda(params)
            assert m.lo[i, j] == pytest.approx(band.lo, abs=1e-10)
            assert m.hi[i, j] == pytest.approx(band.hi, abs=1e-10)
        else:
            with pytest.raises(xbec.ModelDomainError):
                xbec.acceptable_lambda(params)
    # the sample covers a non-empty band, an empty band and the concavity boundary
    assert {a.BAND_OK, a.BAND_EMPTY, a.DOMAIN_CONCAVITY} <= seen
    assert sum(m.fraction(k) for k in a.BAND_STATUS) == pytest.approx(1.0)


def test_band_empty_at_b2_15_and_domain_marks():
    # known: b2 = 1.5 with the paper's other values leaves no acceptable lam
    assert a.band_arrays(b2=1.5).status == a.BAND_EMPTY
    with pytest.raises(xbec.ModelDomainError):
        xbec.acceptable_lambda(PAPER.replace(b2=1.5))
    r = a.band_arrays(b2=np.array([1.0, 2.0, 2.5]), beta=np.array([200.0, 200.0, 200.0]))
    assert r.status.tolist() == [a.BAND_OK, a.DOMAIN_CONCAVITY, a.DOMAIN_CONCAVITY]
    r = a.band_arrays(beta=np.array([10.0, 20.0, 20.0001]), c=10.0, b1=2.0)
    assert r.status.tolist()[:2] == [a.DOMAIN_MARKET, a.DOMAIN_MARKET]
    assert r.status[2] in (a.BAND_OK, a.BAND_EMPTY)
    # concavity takes precedence when both fail
    assert a.band_arrays(b2=3.0, beta=5.0).status == a.DOMAIN_CONCAVITY


def test_band_map_over_beta_and_c_marks_market_domain():
    m = a.band_map(PAPER, "beta", np.linspace(50, 400, 40), "c", np.linspace(0, 60, 30))
    market = PAPER.b1 * m.y[:, None] >= m.x[None, :]
    assert np.array_equal(m.status == a.DOMAIN_MARKET, market)
    assert np.all(np.isnan(m.width[m.status != a.BAND_OK]))
    ok = m.status == a.BAND_OK
    assert ok.any() and np.all((m.lo[ok] > 0) & (m.lo[ok] < m.hi[ok]) & (m.hi[ok] < 1))


@pytest.mark.parametrize("kwargs, name", [
    (dict(b1=-1.0), "b1"), (dict(beta=np.array([1.0, 0.0])), "beta"), (dict(K=np.nan), "K"),
    (dict(c=-2.0), "c"), (dict(gamma1="x"), "gamma1"),
])
def test_band_arrays_rejects_bad_input(kwargs, name):
    with pytest.raises(xbec.ModelDomainError, match=name):
        a.band_arrays(**kwargs)


def test_band_arrays_rejects_non_broadcasting_and_band_map_names():
    with pytest.raises(xbec.ModelDomainError, match="broadcast"):
        a.band_arrays(b2=np.ones(3), gamma1=np.ones(4))
    with pytest.raises(xbec.ModelDomainError, match="delta"):
        a.band_map(PAPER, "delta", [1.0], "b2", [1.0])
    with pytest.raises(xbec.ModelDomainError, match="must differ"):
        a.band_map(PAPER, "b2", [1.0], "b2", [1.0])


@given(horizontal_params(max_b2_ratio=0.999), st.floats(0.0, 0.3))
def test_band_depends_only_on_rho_and_kappa(params, kappa):
    u = params.beta - params.b1 * params.c
    params = params.replace(K=kappa * u**2 / params.b1)
    rho, kap = a.dimensionless_groups(params)
    assert rho == pytest.approx(params.b2**2 / (2 * params.b1 * params.gamma1)) and kap == pytest.approx(kappa)
    r = a.band_arrays(**params.as_dict())
    d = a.band_dimensionless(rho, kap)
    assert int(r.status) == int(d.status)
    if r.status == a.BAND_OK:
        assert r.lo == pytest.approx(float(d.lo), abs=1e-9) and r.hi == pytest.approx(float(d.hi), abs=1e-9)


def test_profits_scale_with_u_squared_over_b1_symbolically():
    """Every profit before K is u^2/b1 times a function of (lam, rho): the band needs only (rho, kappa)."""
    import sympy as sp

    from xbec.replication import symbolic as sy

    S = sy.SYMBOLS
    u, rho = sp.symbols("u rho", positive=True)
    sub = {S["beta"]: S["b1"] * S["c"] + u, S["b2"]: sp.sqrt(2 * rho * S["b1"] * S["gamma1"])}
    rs, dec = sy.sharing_solution(), sy.decentralized_solution()
    exprs = [rs["pi_platform"] + S["K"], rs["pi_manufacturer"], dec["pi_platform"] + S["K"], dec["pi_manufacturer"]]
    for e in exprs:
        scaled = sp.cancel(sp.expand(e.subs(sub) / (u**2 / S["b1"])))  # canonical p/q
        assert scaled.free_symbols <= {S["lam"], rho}, scaled.free_symbols


def test_band_closes_at_rho_one_half():
    """Revenue sharing is acceptable only for b2^2 < b1 gamma1 (rho < 1/2), half the concavity domain."""
    inside = a.band_dimensionless(np.array([0.0, 0.25, 0.49, 0.4999]), 0.0)
    assert np.all(inside.status == a.BAND_OK)
    np.testing.assert_allclose(inside.lo[:2], [0.5, 0.70849738], atol=1e-8)  # rho = 0: leader condition lam > 1/2
    np.testing.assert_allclose(inside.hi[:2], [0.75, 0.88603895], atol=1e-8)
    assert inside.lo[-1] > 0.999  # the band shrinks towards lam = 1
    outside = a.band_dimensionless(np.array([0.5001, 0.7, 0.99, 1.0, 1.5]), 0.0)
    assert outside.status.tolist() == [a.BAND_EMPTY] * 3 + [a.DOMAIN_CONCAVITY] * 2
    with pytest.raises(xbec.ModelDomainError, match="rho"):
        a.band_dimensionless(-0.1)
    with pytest.raises(xbec.ModelDomainError, match="beta"):
        a.dimensionless_groups(xbec.HorizontalParams(beta=20.0, c=10.0, b1=2.0))




def _dimensionless(rho, kappa):
    return xbec.HorizontalParams(beta=1.0, b1=1.0, b2=float(np.sqrt(2 * rho)), gamma1=1.0, c=0.0, K=kappa)


def test_band_map_check_agrees_with_the_scalar_solver():
    m = a.band_map(PAPER, "b2", np.linspace(0.0, 2.5, 15), "gamma1", np.linspace(0.2, 3.0, 15))
    check = a.band_map_check(m, 40, seed=1)
    assert check.mismatches == 0 and check.worst < 1e-9 and 0 < check.checked <= 40


def test_band_closing_at_the_paper_and_without_service():
    rho0, kappa0 = a.dimensionless_groups(PAPER)
    assert a.band_closing_rho(kappa0) == pytest.approx(0.5, abs=1e-6)  # b2^2 = b1 gamma1
    # Without service (rho = 0) the Stackelberg profits are u^2/(8 b1) and u^2/(16 b1), the band's
    # upper end is 3/4, and pi1 - pi2 there is 1/4 - 2/16 = 1/8 before K: the band closes at kappa = 1/8.
    assert a.band_closing_kappa(0.0) == pytest.approx(0.125, abs=1e-9)
    k = a.band_closing_kappa(rho0)
    for factor, exists in ((0.99, True), (1.01, False)):  # the independent reference (grid + brentq)
        assert bool(_scalar_band(_dimensionless(rho0, factor * k))[0] == a.BAND_OK) is exists
    for rho, exists in ((0.49, True), (0.51, False)):
        assert bool(_scalar_band(_dimensionless(rho, kappa0))[0] == a.BAND_OK) is exists


@settings(max_examples=20)
@given(st.floats(0.0, 0.12))
def test_band_closing_rho_is_a_boundary(kappa):
    r = a.band_closing_rho(kappa)
    assert 0.0 < r <= 0.5
    assert int(a.band_dimensionless(r - 1e-4, kappa).status) == a.BAND_OK
    assert int(a.band_dimensionless(r + 1e-4, kappa).status) != a.BAND_OK


@settings(max_examples=20)
@given(st.floats(0.0, 0.45))
def test_band_closing_kappa_is_a_boundary(rho):
    k = a.band_closing_kappa(rho)
    assert 0.125 - 1e-9 <= k < 0.3  # rises from 1/8 with rho
    assert int(a.band_dimensionless(rho, k * (1 - 1e-6)).status) == a.BAND_OK
    assert int(a.band_dimensionless(rho, k * (1 + 1e-6)).status) != a.BAND_OK
