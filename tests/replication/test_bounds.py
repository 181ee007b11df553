"""Bounds over the continuous acceptable band (xbec.replication.bounds)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import xbec
from tests.conftest import horizontal_params
from xbec.replication import bounds

PAPER = xbec.HorizontalParams()


def _band(params):
    try:
        return xbec.acceptable_lambda(params)
    except xbec.ModelDomainError:
        return None


def test_band_infimum_interior_minimum_is_attained():
    b = bounds.band_infimum(lambda x: (x - 0.3) ** 2 + 1.0, (0.0, 1.0))
    assert b.attained and b.value == pytest.approx(1.0, abs=1e-12) and b.at == pytest.approx(0.3, abs=1e-6)


def test_band_infimum_at_an_open_end_is_not_attained():
    b = bounds.band_infimum(lambda x: 2 * x, (0.2, 0.5))
    assert not b.attained and b.value == pytest.approx(0.4) and b.at == 0.2
    s = bounds.band_supremum(lambda x: 2 * x, (0.2, 0.5))
    assert not s.attained and s.value == pytest.approx(1.0) and s.at == 0.5


def test_band_infimum_rejects_an_empty_interval():
    with pytest.raises(xbec.ModelDomainError, match="lo < hi"):
        bounds.band_infimum(lambda x: x, (0.5, 0.5))


def test_paper_gain_infima_are_not_the_grid_values():
    """Issue 10: the book said "at least 209.03 ... 0.36" (0.01 grid); the infima are 208.17 and 0."""
    band = xbec.acceptable_lambda(PAPER)
    inf = bounds.gain_infima(PAPER, band)
    assert inf["platform"].value == pytest.approx(208.1669, abs=1e-3)
    assert not inf["platform"].attained and inf["platform"].at == band.lo
    assert abs(inf["manufacturer"].value) < 1e-6 and not inf["manufacturer"].attained
    assert abs(inf["lead"].value) < 1e-6  # the lower end is where pi1 = pi2


def test_paper_service_infimum_is_32_978():
    band = xbec.acceptable_lambda(PAPER)
    b = bounds.service_infimum(PAPER, band)
    assert b.value == pytest.approx(32.97798, abs=1e-5) and not b.attained
    assert round(b.value, 2) == 32.98  # not the 32.99 the grid gave


@settings(max_examples=25)
@given(horizontal_params(), st.floats(0.01, 0.99))
def test_infima_bound_every_point_of_the_band(params, u):
    band = _band(params)
    assume(band is not None)
    inf = bounds.gain_infima(params, band)
    lam = band.lo + u * (band.hi - band.lo)
    r, dec = xbec.revenue_sharing(params, lam), xbec.decentralized(params)
    scale = 1e-9 * max(1.0, abs(dec.pi_total))
    assert inf["platform"].value <= r.pi_platform - dec.pi_platform + scale
    assert inf["manufacturer"].value <= r.pi_manufacturer - dec.pi_manufacturer + scale
    # inside the band each member gains: the infima are >= 0 (up to rounding)
    assert inf["platform"].value >= -scale and inf["manufacturer"].value >= -scale
    grid = np.linspace(band.lo, band.hi, 401)  # the closed interval: the infimum may sit at an end
    s = xbec.revenue_sharing(params, grid).s
    sb = bounds.service_infimum(params, band)
    tol = 1e-9 * max(1.0, abs(s).max())
    assert sb.value <= s[1:-1].min() + tol
    assert sb.value >= s.min() - 1e-6 * max(1.0, abs(s.max() - s.min()))


@settings(max_examples=40)
@given(horizontal_params(max_b2_ratio=0.99), st.floats(0.01, 0.99))
def test_service_gap_closed_form_and_its_sign(params, lam):
    lam_bar = bounds.service_overshoot_share(params)
    assume(abs(lam - lam_bar) > 1e-3)
    try:
        r = xbec.revenue_sharing(params, lam)
    except xbec.ModelDomainError:
        return  # no valid outcome at this share (demand or service not positive)
    gap = r.s - xbec.centralized(params).s
    assert bounds.service_gap(params, lam) == pytest.approx(gap, rel=1e-7, abs=1e-7 * max(1.0, abs(r.s)))
    if params.b2 > 0 and abs(gap) > 1e-9 * max(1.0, abs(r.s)):
        assert (gap < 0) == (lam < lam_bar)


def test_issue_counterexample_service_overshoots():
    p = xbec.HorizontalParams(beta=500, b1=4, b2=2.5, gamma1=1.2, c=30, K=100)
    assert bounds.service_overshoot_share(p) == pytest.approx(0.768)
    r, cen = xbec.revenue_sharing(p, 0.8), xbec.centralized(p)
    assert r.s == pytest.approx(1644.78, abs=0.01) and cen.s == pytest.approx(283.58, abs=0.01)
    assert r.w == pytest.approx(-656.6, abs=0.05)
    assert bounds.service_gap(p, 0.8) > 0
    with pytest.raises(xbec.ModelDomainError, match="singular"):
        bounds.service_gap(p, 0.768)
    assert bounds.service_overshoot_share(PAPER.replace(b2=0.0)) == float("inf")


_EQUALITY = {  # the binding condition's two sides at lam, as numbers
    "pi1(lam) > pi1*": lambda p, r: (r.pi_platform, xbec.decentralized(p).pi_platform),
    "pi2(lam) > pi2*": lambda p, r: (r.pi_manufacturer, xbec.decentralized(p).pi_manufacturer),
    "pi1(lam) > pi2(lam)": lambda p, r: (r.pi_platform, r.pi_manufacturer),
    "demand > 0": lambda p, r: (r.demand, 0.0),
}


def test_band_binding_at_the_papers_parameters():
    assert bounds.band_binding(PAPER) == ("pi1(lam) > pi2(lam)", "pi2(lam) > pi2*")


@settings(max_examples=40, deadline=None)
@given(horizontal_params())
def test_band_binding_names_a_condition_that_holds_with_equality(params):
    band = _band(params)
    assume(band is not None)
    for lam, name in zip(band, bounds.band_binding(params, band)):
        r = xbec.revenue_sharing(params, lam)
        left, right = _EQUALITY[name](params, r)
        assert left == pytest.approx(right, rel=1e-6, abs=1e-6 * (abs(r.pi_platform) + abs(r.pi_manufacturer)))


def test_band_binding_of_an_empty_band_raises():
    with pytest.raises(xbec.ModelDomainError):
        bounds.band_binding(PAPER.replace(K=5000))


def test_paper_sharing_gap_over_the_band():
    """pi - (pi1 + pi2) over the open band: largest at the lower end, smallest at the upper end."""
    band = xbec.acceptable_lambda(PAPER)
    lo, hi = bounds.sharing_gap(PAPER, band)
    pi = xbec.centralized(PAPER).pi_total
    at = xbec.revenue_sharing(PAPER, np.array([band.lo, band.hi])).pi_total
    assert lo.value == pytest.approx(pi - at[1], rel=1e-9) and lo.at == band.hi and not lo.attained
    assert hi.value == pytest.approx(pi - at[0], rel=1e-9) and hi.at == band.lo and not hi.attained
    assert 0 < lo.value < hi.value


@settings(max_examples=25)
@given(horizontal_params(max_b2_ratio=0.99))
def test_sharing_total_increases_agrees_with_a_fine_grid(params):
    """The closed-form monotonicity of pi1(lam) + pi2(lam) agrees with a fine grid on (0, 1)."""
    assume(params.b2 == 0 or params.b2 > 1e-3)  # below that the total is flat to rounding
    lam_bar = bounds.service_overshoot_share(params)
    assume(abs(lam_bar - 1) > 1e-3)
    lam = np.linspace(0.01, 0.99, 197)
    lam = lam[np.abs(lam - lam_bar) > 1e-3]
    try:
        total = xbec.revenue_sharing(params, lam).pi_total
    except xbec.ModelDomainError:
        return  # not defined on the whole grid
    assert bounds.sharing_total_increases(params) == bool(np.all(np.diff(total) > 0))


def test_sharing_total_increases_at_the_paper_and_without_service():
    assert bounds.sharing_total_increases(PAPER)
    assert not bounds.sharing_total_increases(xbec.HorizontalParams(b2=0.0))
    assert not bounds.sharing_total_increases(xbec.HorizontalParams(b2=1.9))
