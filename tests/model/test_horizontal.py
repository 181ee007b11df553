"""§3: closed forms against a numeric optimiser, vectorisation, bad input."""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy.optimize import brentq, minimize, minimize_scalar

import xbec
from xbec import HorizontalParams, ModelDomainError
from xbec.model import horizontal as h

from ..conftest import horizontal_params

PAPER = HorizontalParams()


def _maximise(f, x0):
    """Numeric maximiser (BFGS, then Nelder-Mead polish), independent of the closed forms."""
    res = minimize(lambda z: -f(z), np.asarray(x0, float), method="BFGS", options={"gtol": 1e-9})
    res = minimize(lambda z: -f(z), res.x, method="Nelder-Mead",
                   options={"xatol": 1e-10, "fatol": 1e-13, "maxiter": 4000})
    return res.x


def numeric_follower(params, x, s):
    """Manufacturer's best wholesale price for a fixed mark-up x (eq 4), numerically."""
    hi = params.beta / params.b1 + params.b2 * s / params.b1 + params.c + 10
    res = minimize_scalar(lambda w: -h.manufacturer_profit(params, w + x, w, s),
                          bounds=(params.c - 10, hi), method="bounded", options={"xatol": 1e-10})
    return res.x


def numeric_stackelberg(params):
    """Backward induction: the leader maximises eq (1) over (p, s) anticipating eq (5).

    Eq (5) itself is checked against a numeric follower in
    test_eq5_is_the_followers_best_reply.
    """
    def leader(z):
        p, s = z
        return h.platform_profit(params, p, h.manufacturer_reply(params, p, s), s)

    p, s = _maximise(leader, [params.c + params.beta / (2 * params.b1), 1.0])
    return p, h.manufacturer_reply(params, p, s), s


@given(horizontal_params())
def test_decentralized_matches_numeric_backward_induction(params):
    d = xbec.decentralized(params)
    p, w, s = numeric_stackelberg(params)
    scale = max(1.0, d.p)
    assert d.p == pytest.approx(p, abs=1e-4 * scale)
    assert d.w == pytest.approx(w, abs=1e-4 * scale)
    assert d.s == pytest.approx(s, abs=1e-4 * scale)
    assert d.pi_total == pytest.approx(d.pi_platform + d.pi_manufacturer)
    # the paper's hypotheses (§3.1): p > w > c, positive demand
    assert d.p > d.w > params.c and d.demand > 0


@given(horizontal_params())
def test_eq5_is_the_followers_best_reply(params):
    x, s = 7.0, 3.0
    w_numeric = numeric_follower(params, x, s)
    w_eq5 = h.manufacturer_reply(params, w_numeric + x, s)
    assert w_eq5 == pytest.approx(w_numeric, abs=1e-6 * max(1, w_numeric))


@given(horizontal_params())
def test_centralized_matches_numeric_optimum(params):
    cen = xbec.centralized(params)
    p, s = _maximise(lambda z: h.alliance_profit(params, *z), [cen.p * 0.9 + 1, cen.s * 0.9 + 1])
    assert cen.p == pytest.approx(p, rel=1e-5, abs=1e-5)
    assert cen.s == pytest.approx(s, rel=1e-5, abs=1e-5)
    # centralisation never loses against the decentralised game
    assert cen.pi_total >= xbec.decentralized(params).pi_total - 1e-9


@given(horizontal_params(), st.floats(0.3, 1.0))
def test_revenue_sharing_price_is_platforms_optimum(params, lam):
    try:
        r = xbec.revenue_sharing(params, lam)
    except ModelDomainError:
        return  # a lam where the contract has no valid outcome is reported, not computed
    p, s = _maximise(lambda z: h.platform_profit_sharing(params, lam, z[0], r.w, z[1]),
                     [r.p * 0.95 + 1, r.s * 0.95 + 1])
    cen = xbec.centralized(params)
    assert r.p == pytest.approx(cen.p)
    assert p == pytest.approx(r.p, rel=1e-5, abs=1e-5)
    assert s == pytest.approx(r.s, rel=1e-5, abs=1e-5)
    assert r.pi_total <= cen.pi_total + 1e-9 * abs(cen.pi_total)


@given(horizontal_params())
def test_revenue_sharing_array_equals_scalar_calls(params):
    lam = np.linspace(0.9, 1.0, 7).reshape(7, 1) * np.array([1.0, 0.95])  # any shape
    try:
        arr = xbec.revenue_sharing(params, lam)
    except ModelDomainError:
        return
    for idx in np.ndindex(lam.shape):
        one = xbec.revenue_sharing(params, float(lam[idx]))
        for name in ("p", "w", "s", "demand", "pi_platform", "pi_manufacturer", "pi_total"):
            assert getattr(arr, name).shape == lam.shape
            assert getattr(arr, name)[idx] == pytest.approx(getattr(one, name), rel=1e-12, abs=1e-9)
            assert isinstance(getattr(one, name), float)


def test_revenue_sharing_at_full_share_reaches_centralised_service():
    r = xbec.revenue_sharing(PAPER, 1.0)
    cen = xbec.centralized(PAPER)
    assert r.s == pytest.approx(cen.s) and r.w == pytest.approx(PAPER.c)
    assert r.pi_manufacturer == pytest.approx(0.0, abs=1e-9)


@given(horizontal_params())
def test_acceptable_lambda_ends_are_roots_and_band_is_exact(params):
    try:
        lo, hi = xbec.acceptable_lambda(params)
    except ModelDomainError:
        return
    assert 0 < lo < hi < 1
    dec = xbec.decentralized(params)

    def slack(lam):
        r = xbec.revenue_sharing(params, lam)
        return min(r.pi_platform - dec.pi_platform,
                   r.pi_manufacturer - dec.pi_manufacturer,
                   r.pi_platform - r.pi_manufacturer)

    # inside: all conditions hold; the ends: the tightest condition is zero
    for lam in np.linspace(lo, hi, 9)[1:-1]:
        assert slack(lam) > 0
    scale = max(1.0, abs(dec.pi_platform))
    assert abs(slack(lo)) < 1e-6 * scale
    assert abs(slack(hi)) < 1e-6 * scale
    # just outside: some condition fails (or the contract is invalid there)
    for lam in (lo - 1e-4, hi + 1e-4):
        if 0 < lam <= 1:
            try:
                assert slack(lam) < 0
            except ModelDomainError:
                pass


def test_acceptable_lambda_paper_band_independently_by_root_finding():
    dec = xbec.decentralized(PAPER)
    f_lo = lambda lam: (lambda r: r.pi_platform - r.pi_manufacturer)(xbec.revenue_sharing(PAPER, lam))
    f_hi = lambda lam: xbec.revenue_sharing(PAPER, lam).pi_manufacturer - dec.pi_manufacturer
    lo, hi = xbec.acceptable_lambda(PAPER)
    assert lo == pytest.approx(brentq(f_lo, 0.5, 0.8, xtol=1e-14), abs=1e-10)
    assert hi == pytest.approx(brentq(f_hi, 0.8, 0.99, xtol=1e-14), abs=1e-10)


def test_acceptable_lambda_empty_band_raises_and_grid_agrees():
    params = PAPER.replace(b2=1.5)  # strong service sensitivity: no acceptable share
    with pytest.raises(ModelDomainError, match="no lam in"):
        xbec.acceptable_lambda(params)
    dec = xbec.decentralized(params)
    lam = np.linspace(1e-3, 1.0, 20001)
    valid = lam[(params.b1 * params.gamma1 - lam * params.b2**2) < 0]  # demand > 0 only here
    r = xbec.revenue_sharing(params, valid)
    ok = ((r.pi_platform > dec.pi_platform) & (r.pi_manufacturer > dec.pi_manufacturer)
          & (r.pi_platform > r.pi_manufacturer))
    assert not ok.any()


@pytest.mark.parametrize(
    "changes, match",
    [
        (dict(b1=0), "b1=0"),
        (dict(b1=-1), "b1=-1"),
        (dict(gamma1=0), "gamma1"),
        (dict(beta=float("nan")), "beta=nan: must be finite"),
        (dict(beta=float("inf")), "beta"),
        (dict(beta=-5), "beta"),
        (dict(b2=-1), "b2=-1"),
        (dict(c=-1), "c=-1"),
        (dict(K=-0.5), "K=-0.5"),
        (dict(b2=5), r"b2=5: concavity .*2\*b1\*gamma1 - b2\*\*2 > 0"),
        (dict(b2=2), "concavity"),  # boundary 2*2*1 - 4 = 0 is excluded
        (dict(beta="200"), "beta='200': must be a real number"),
        (dict(b1=True), "must be a real number"),
    ],
)
def test_bad_parameters_raise_named_errors(changes, match):
    with pytest.raises(ModelDomainError, match=match):
        HorizontalParams(**changes)
    assert issubclass(ModelDomainError, ValueError)


def test_hypotheses_violated_by_decentralised_solution_raise():
    params = HorizontalParams(beta=20, c=10)  # beta <= b1 c: no positive margin
    with pytest.raises(ModelDomainError, match="beta=20.*beta - b1\\*c > 0"):
        xbec.decentralized(params)
    with pytest.raises(ModelDomainError, match="beta=20"):
        xbec.centralized(params)


@pytest.mark.parametrize("lam", [0, -0.1, 1.01, float("nan"), [0.5, 1.2], np.array([[0.7, 0.0]])])
def test_lambda_outside_unit_interval_raises(lam):
    with pytest.raises(ModelDomainError, match="lam"):
        xbec.revenue_sharing(PAPER, lam)


def test_revenue_sharing_invalid_outcome_raises():
    # b1 gamma1 < b2^2 < 2 b1 gamma1: demand is negative below lam = b1 gamma1 / b2^2
    params = HorizontalParams(b1=1, gamma1=1, b2=1.3, beta=200, c=10)
    with pytest.raises(ModelDomainError, match="demand <= 0"):
        xbec.revenue_sharing(params, 0.5)
    singular = params.b1 * params.gamma1 / params.b2**2
    with pytest.raises(ModelDomainError, match="singular"):
        xbec.revenue_sharing(params, singular)
    assert xbec.revenue_sharing(params, 0.9).demand > 0


def test_params_are_frozen_and_replace_validates():
    with pytest.raises(dataclasses.FrozenInstanceError):
        PAPER.beta = 1  # type: ignore[misc]
    assert PAPER.replace(beta=300).beta == 300
    with pytest.raises(ModelDomainError, match="unknown"):
        PAPER.replace(betta=3)
    with pytest.raises(ModelDomainError, match="b2"):
        PAPER.replace(b2=10)
    assert math.isclose(PAPER.as_dict()["b1"], 2)


@given(horizontal_params(), st.sampled_from(["platform", "manufacturer"]))
def test_sharing_quadratics_and_benchmark_profits_agree_with_the_scalar_model(params, leader):
    """The band's quadratics reproduce eq (7)'s profits; the array benchmark equals decentralized()."""
    from xbec.model.band import quadratic_values

    q = h.sharing_quadratics(params)
    lam = np.linspace(0.05, 1.0, 40)
    lam = lam[np.abs(params.b1 * params.gamma1 - lam * params.b2**2) > 1e-3]
    d2 = quadratic_values(q.delta2, lam)
    w = h.sharing_wholesale_price(params, lam)
    p2 = xbec.centralized(params).p
    s = params.b2 * (lam * p2 - w) / params.gamma1
    scale = max(1.0, xbec.centralized(params).pi_total)
    np.testing.assert_allclose(quadratic_values(q.pi1, lam) / d2,
                               h.platform_profit_sharing(params, lam, p2, w, s), atol=1e-9 * scale)
    np.testing.assert_allclose(quadratic_values(q.pi2, lam) / d2,
                               h.manufacturer_profit_sharing(params, lam, p2, w, s), atol=1e-9 * scale)
    assert np.all(np.sign(quadratic_values(q.demand, lam)) == np.sign(h.demand(params, p2, s)))
    grid = h.ParameterArrays(*(np.full((2, 3), getattr(params, k)) for k in h.ParameterArrays._fields))
    pi1, pi2 = h.decentralized_profits(grid, leader)
    dec = xbec.decentralized(params, leader)
    assert pi1.shape == (2, 3)
    np.testing.assert_allclose(pi1, dec.pi_platform, rtol=1e-13, atol=1e-9)
    np.testing.assert_allclose(pi2, dec.pi_manufacturer, rtol=1e-13, atol=1e-9)


@given(horizontal_params())
def test_domain_margins(params):
    m = params.domain_margins()
    assert m["concavity"] == pytest.approx(2 * params.b1 * params.gamma1 - params.b2**2) and m["concavity"] > 0
    assert m["leader concavity"] == pytest.approx(m["concavity"] + 2 * params.b1 * params.gamma1)
    assert m["market"] == pytest.approx(params.beta - params.b1 * params.c)
    assert HorizontalParams().domain_margins() == {"concavity": 3.0, "leader concavity": 7.0, "market": 180.0}
