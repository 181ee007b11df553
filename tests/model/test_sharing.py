"""Revenue sharing at the domain's edges, its one polynomial derivation, and root polishing (issue 18, issue 15 item 4)."""

from __future__ import annotations

import math
import subprocess
import sys
from fractions import Fraction

import numpy as np
import pytest
import sympy as sp
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from numpy.polynomial import Polynomial

import xbec
from xbec.model import horizontal as h
from xbec.model.roots import newton_polish, real_roots
from xbec.replication import symbolic as S

from ..conftest import horizontal_params

EQUALITY = [(200, 1, 1, 1, 10, 10), (100, 4, 2, 1, 5, 0), (300, 1, 1, 1, 0, 0)]
NAMES = ("beta", "b1", "b2", "gamma1", "c", "K")


@pytest.mark.parametrize("point", EQUALITY)
def test_no_outcome_for_any_share_where_b2_squared_equals_b1_gamma1(point):
    params = xbec.HorizontalParams(*point)
    assert h.sharing_margin(params) == 0.0  # beta = b1 p^{2*} exactly
    lam = np.linspace(0.001, 0.999, 999)
    for x in lam:  # every λ < 1, one at a time: none may slip through as "valid" on rounding noise
        with pytest.raises(xbec.ModelDomainError, match="demand <= 0"):
            h.revenue_sharing(params, float(x))
    with pytest.raises(xbec.ModelDomainError):
        h.revenue_sharing(params, lam)
    with pytest.raises(xbec.ModelDomainError, match="singular"):
        h.revenue_sharing(params, 1.0)
    q = h.sharing_quadratics(params)
    assert np.all(q.demand == 0) and np.all(q.pi1[:2] == -params.K * q.delta2[:2])


@settings(max_examples=40)
@given(horizontal_params(max_b2_ratio=0.9999))
def test_sharing_margin_has_the_exact_sign_of_b1_gamma1_minus_b2_squared(params):
    exact = Fraction(params.b1) * Fraction(params.gamma1) - Fraction(params.b2) ** 2
    A = h.sharing_margin(params)
    assert np.sign(A) == np.sign(float(exact))
    p2 = xbec.centralized(params).p
    assert A == pytest.approx(params.beta - params.b1 * p2, rel=1e-9, abs=1e-9 * params.beta)


@settings(max_examples=40)
@given(horizontal_params(max_b2_ratio=0.9999), st.floats(0.01, 1.0))
def test_revenue_sharing_is_valid_exactly_where_demand_is_positive(params, lam):
    A = h.sharing_margin(params)
    delta = params.b1 * params.gamma1 - lam * params.b2**2
    try:
        r = h.revenue_sharing(params, lam)
    except xbec.ModelDomainError:
        assert A * delta <= 0 or delta == 0
        return
    assert A * delta > 0 and r.demand > 0 and r.s >= 0
    # eq (9) and the demand of §3.1 at the outcome
    assert r.s == pytest.approx(params.b2 * (lam * r.p - r.w) / params.gamma1, rel=1e-9, abs=1e-9 * (1 + abs(r.w)))
    assert r.demand == pytest.approx(h.demand(params, r.p, r.s), rel=1e-9, abs=1e-9 * params.beta)


@pytest.mark.parametrize(
    "point", [(200, 2, 0, 1, 10, 10), (200, 2, 1, 1, 0, 0), (200, 2, 1, 1, 10, 0), (200, 2, 1, 1, 0, 10)]
)
def test_boundary_points_b2_zero_c_zero_k_zero(point):
    params = xbec.HorizontalParams(*point)
    band = xbec.acceptable_lambda(params)
    r = h.revenue_sharing(params, np.array([band.lo, 0.5 * (band.lo + band.hi), band.hi]))  # the band's ends too
    assert np.all(r.demand > 0)
    if params.b2 == 0:
        assert np.all(r.s == 0)
    dec = xbec.decentralized(params)
    # at the band's ends one acceptance condition is an equality (to rounding)
    gaps = [r.pi_platform - dec.pi_platform, r.pi_manufacturer - dec.pi_manufacturer, r.pi_platform - r.pi_manufacturer]
    scale = xbec.centralized(params).pi_total
    for end in (0, 2):
        assert min(abs(g[end]) for g in gaps) < 1e-8 * scale
    assert all(g[1] > 0 for g in gaps)


@pytest.fixture(scope="module")
def sympy_coefficients():
    """``pi(λ) δ(λ)^2`` in λ from the SymPy derivation of eqs (7)-(10), one lambdified function per profit."""
    sym = S.SYMBOLS
    lam = sym["lam"]
    delta = sym["b1"] * sym["gamma1"] - lam * sym["b2"] ** 2
    args = [sym[k] for k in NAMES]
    out = {}
    for name, field in (("pi_platform", "pi1"), ("pi_manufacturer", "pi2")):
        expr = sp.cancel(sp.together(S.sharing_solution()[name] * delta**2))
        out[field] = sp.lambdify(args, sp.Poly(expr, lam).all_coeffs()[::-1], "math")
    return out


@settings(max_examples=40)
@given(horizontal_params(max_b2_ratio=0.9999))
def test_sharing_quadratics_equal_the_sympy_derivation(sympy_coefficients, params):
    q = h.sharing_quadratics(params)
    d = params.as_dict()
    for field in ("pi1", "pi2"):
        exact = np.zeros(3)
        coeffs = sympy_coefficients[field](*(d[k] for k in NAMES))
        exact[: len(coeffs)] = coeffs
        scale = float(np.max(np.abs(exact))) + params.K * (params.b1 * params.gamma1) ** 2
        np.testing.assert_allclose(getattr(q, field), exact, rtol=0, atol=1e-9 * scale)


def test_import_xbec_does_not_import_sympy():
    code = "import sys, xbec; xbec.claims(); print('sympy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@settings(max_examples=60)
@given(st.lists(st.floats(-5, 5), min_size=1, max_size=5), st.floats(0.1, 10))
def test_real_roots_are_polished_to_rounding(roots, lead):
    # simple roots (Newton converges quadratically there; a double root only linearly)
    assume(all(abs(a - b) > 0.05 for i, a in enumerate(roots) for b in roots[:i]))
    poly = lead * Polynomial.fromroots(roots)
    found = real_roots(poly)
    for r in found:
        scale = float(np.sum(np.abs(poly.coef) * np.maximum(1.0, abs(r)) ** np.arange(poly.degree() + 1)))
        assert abs(poly(r)) <= 1e-12 * scale
    assert len(found) == len(roots)
    for r in roots:
        assert min(abs(np.array(found) - r)) < 1e-9 * max(1.0, abs(r))


def test_newton_polish_is_elementwise_and_keeps_nan():
    x = newton_polish(lambda x: x * x - 2, lambda x: 2 * x, np.array([1.4, np.nan, -1.5]))
    assert x[0] == pytest.approx(math.sqrt(2), rel=1e-15) and np.isnan(x[1]) and x[2] == pytest.approx(-math.sqrt(2))
    assert newton_polish(lambda x: x, lambda x: 0.0 * x, 3.0) == 3.0  # a zero slope: no step
