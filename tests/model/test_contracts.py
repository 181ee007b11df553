"""Tests of :mod:`xbec.model.contracts` (extension chapter: wholesale or agency?).

The closed forms are checked against an independent sympy evaluation, the
sympy backward induction against a purely numerical one (scipy best
responses), the thresholds against sympy polynomial roots, the stage-2 choice
against a brute-force 2x2 game, and the stage-1 optimum against a dense grid
over the royalty rate.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import minimize_scalar

from xbec.errors import ModelDomainError
from xbec.model import contracts as C

ALPHA = st.floats(min_value=1e-3, max_value=1.0)
BETA = st.floats(min_value=0.0, max_value=0.995)
R = st.floats(min_value=0.0, max_value=1.0)
FIELDS = ("p1", "p2", "q1", "q2", "pi1", "pi2", "platform")


@pytest.fixture(scope="module")
def deriv() -> C.Derivation:
    return C.derive()



# ---------------------------------------------------------------------------
# Stage 3: closed forms
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sympy_numeric(deriv):
    """The sympy closed forms, lambdified (exact rational evaluation is checked separately)."""
    symbols = (deriv.alpha, deriv.beta, deriv.r)
    return {c: {k: sp.lambdify(symbols, e, "math") for k, e in exprs.items()}
            for c, exprs in deriv.subgames.items()}


def test_numpy_closed_forms_match_sympy_exactly(deriv):
    """Exact rational evaluation of the sympy forms at a few points."""
    for a, b, r in [(sp.Rational(3, 5), sp.Rational(1, 2), sp.Rational(1, 3)),
                    (sp.Rational(1, 10), sp.Rational(9, 10), sp.Rational(9, 10)), (1, 0, 1)]:
        for config in C.CONFIGURATIONS:
            s = C.subgame(config, float(a), float(b), float(r))
            for key, expr in deriv.subgames[config].items():
                exact = expr.subs({deriv.alpha: a, deriv.beta: b, deriv.r: r})
                assert exact.is_Rational
                assert getattr(s, key) == pytest.approx(float(exact), rel=1e-13, abs=1e-15)


@settings(max_examples=200, deadline=None)
@given(a=ALPHA, b=BETA, r=R)
def test_numpy_closed_forms_match_sympy(sympy_numeric, a, b, r):
    for config in C.CONFIGURATIONS:
        s = C.subgame(config, a, b, r)
        exprs = sympy_numeric[config]
        for key in FIELDS + ("w1", "w2"):
            if key in exprs:
                assert getattr(s, key) == pytest.approx(exprs[key](a, b, r), rel=1e-11, abs=1e-13)
            else:
                assert getattr(s, key) is None
        # w_i is reported exactly for the suppliers on wholesale
        assert ("w1" in exprs) == (config[0] == "W") and ("w2" in exprs) == (config[1] == "W")


def _best_response(objective, lo=0.0, hi=5.0):
    """Numerical argmax of a smooth one-dimensional objective (scipy, bounded Brent)."""
    res = minimize_scalar(lambda x: -objective(x), bounds=(lo, hi), method="bounded",
                          options={"xatol": 1e-11, "maxiter": 500})
    return res.x


def _vertex(objective, x, h=1e-2):
    """Maximiser of an objective that is quadratic in its argument (3-point parabola).

    Every own-price objective of the retail stage is a concave quadratic, so the
    parabola through three evaluations locates its maximum to rounding error
    (Brent's method alone is limited to ~1e-8, too coarse to differentiate again
    at the wholesale stage).
    """
    f0, fp, fm = objective(x), objective(x + h), objective(x - h)
    curvature = fp - 2 * f0 + fm
    assert curvature < 0
    return x - h * (fp - fm) / (2 * curvature)


def _retail_numeric(config, a, b, r, w):
    """Retail-price stage by iterated numerical best responses (no first-order conditions).

    W prices are set by the platform (its whole objective), A prices by their
    suppliers; best responses are iterated to a fixed point.  Under WW the
    platform alone chooses both prices (Newton steps, numerical derivatives).
    """
    def q(i, p):
        return (1 - p[0] + b * p[1]) if i == 0 else (a - p[1] + b * p[0])

    def platform(p):
        return sum((p[i] - w[i]) * q(i, p) if config[i] == "W" else r * p[i] * q(i, p) for i in range(2))

    p = np.array([0.5, 0.5])
    if config == "WW":  # the platform sets both prices: Newton steps on its objective
        h = 1e-2
        e = np.eye(2) * h
        for _ in range(3):  # finite differences are exact for a quadratic objective
            g = np.array([(platform(p + e[i]) - platform(p - e[i])) / (2 * h) for i in range(2)])
            hess = np.array([[(platform(p + e[i] + e[j]) - platform(p + e[i] - e[j])
                               - platform(p - e[i] + e[j]) + platform(p - e[i] - e[j])) / (4 * h * h)
                              for j in range(2)] for i in range(2)])
            assert np.all(np.linalg.eigvalsh(hess) < 0)  # concave: a maximum
            p = p - np.linalg.solve(hess, g)
        return p
    for _ in range(2000):
        old = p.copy()
        for i in range(2):
            def obj(x, i=i):
                pp = p.copy()
                pp[i] = x
                return platform(pp) if config[i] == "W" else pp[i] * q(i, pp)
            p[i] = _vertex(obj, p[i])
        if np.max(np.abs(p - old)) < 1e-14:
            break
    return p


def _backward_induction_numeric(config, a, b, r):
    """Whole stage 3 numerically: wholesale prices by best responses anticipating retail."""
    on_w = [i for i in range(2) if config[i] == "W"]
    w = np.zeros(2)

    def supplier_profit(i, wvec):
        p = _retail_numeric(config, a, b, r, wvec)
        qi = (1 - p[0] + b * p[1]) if i == 0 else (a - p[1] + b * p[0])
        return wvec[i] * qi

    w[on_w] = 0.5
    for _ in range(100 if len(on_w) == 2 else 1):
        old = w.copy()
        for i in on_w:
            def obj(x, i=i):
                ww = w.copy()
                ww[i] = x
                return supplier_profit(i, ww)
            w[i] = _best_response(obj)
        if np.max(np.abs(w - old)) < 1e-10:
            break
    return w, _retail_numeric(config, a, b, r, w)


@pytest.mark.parametrize("a,b,r", [(0.6, 0.5, 0.3), (0.25, 0.85, 0.9)])
@pytest.mark.parametrize("config", C.CONFIGURATIONS)
def test_backward_induction_matches_numeric_best_responses(config, a, b, r):
    w, p = _backward_induction_numeric(config, a, b, r)
    s = C.subgame(config, a, b, r)
    assert p[0] == pytest.approx(s.p1, abs=1e-6)
    assert p[1] == pytest.approx(s.p2, abs=1e-6)
    if config[0] == "W":
        assert w[0] == pytest.approx(s.w1, abs=1e-6)
    if config[1] == "W":
        assert w[1] == pytest.approx(s.w2, abs=1e-6)


def test_second_order_conditions_hold_on_domain(deriv):
    a, b, r = np.meshgrid(np.linspace(1e-3, 1, 15), np.linspace(0, 0.999, 15), np.linspace(0, 1, 15))
    for config, socs in deriv.second_order.items():
        assert len(socs) >= 2
        for soc in socs:
            f = sp.lambdify((deriv.alpha, deriv.beta, deriv.r), soc, "numpy")
            assert np.all(np.asarray(f(a, b, r)) * np.ones_like(a) < 0), (config, soc)


@settings(max_examples=200, deadline=None)
@given(a=ALPHA, b=st.floats(min_value=0.0, max_value=0.9999), r=R)
def test_prices_quantities_margins_positive(a, b, r):
    for config in C.CONFIGURATIONS:
        s = C.subgame(config, a, b, r)
        assert s.p1 > 0 and s.p2 > 0 and s.q1 > 0 and s.q2 > 0
        for w, p in ((s.w1, s.p1), (s.w2, s.p2)):
            if w is not None:  # wholesale: positive wholesale price and platform margin
                assert w > 0 and p - w > 0
        assert s.platform >= 0 and s.pi1 >= 0 and s.pi2 >= 0
        if r < 1:
            assert s.pi1 > 0 and s.pi2 > 0
        if r > 1e-300:  # r * (p q) underflows to 0 for a subnormal r
            assert s.platform > 0


def test_positivity_on_dense_grid_including_corners():
    a, b, r = np.meshgrid(np.r_[1e-6, np.linspace(0.01, 1, 40)], np.r_[np.linspace(0, 0.99, 40), 0.999999],
                          np.linspace(0, 1, 21))
    for config in C.CONFIGURATIONS:
        s = C.subgame(config, a, b, r)
        for x in (s.p1, s.p2, s.q1, s.q2):
            assert np.all(x > 0)
        for w, p in ((s.w1, s.p1), (s.w2, s.p2)):
            if w is not None:
                assert np.all(w > 0) and np.all(p - w > 0)


def test_subgame_vectorised_equals_scalar():
    a, b, r = np.array([0.2, 0.7]), np.array([0.1, 0.9]), np.array([0.0, 0.8])
    for config in C.CONFIGURATIONS:
        vec = C.subgame(config, a, b, r)
        for k in range(2):
            sc = C.subgame(config, float(a[k]), float(b[k]), float(r[k]))
            for key in FIELDS:
                assert getattr(vec, key)[k] == getattr(sc, key)


def test_independent_products_special_case():
    """beta = 0: two separate monopolies; hand-derived values."""
    a, r = 0.7, 0.3
    aa = C.subgame("AA", a, 0.0, r)
    assert (aa.p1, aa.p2) == pytest.approx((0.5, a / 2))
    ww = C.subgame("WW", a, 0.0, r)  # double marginalisation: w = a/2, p = 3a/4
    assert (ww.w1, ww.p1, ww.q1) == pytest.approx((0.5, 0.75, 0.25))
    assert (ww.w2, ww.p2, ww.q2) == pytest.approx((a / 2, 3 * a / 4, a / 4))
    assert ww.platform == pytest.approx((1 + a**2) / 16)


def test_ww_does_not_depend_on_royalty():
    s0, s1 = C.subgame("WW", 0.4, 0.6, 0.0), C.subgame("WW", 0.4, 0.6, 1.0)
    for key in FIELDS:
        assert getattr(s0, key) == getattr(s1, key)


@settings(max_examples=100, deadline=None)
@given(a=ALPHA, b=BETA, r=st.floats(min_value=0.0, max_value=0.99))
def test_platform_profit_non_decreasing_in_royalty(a, b, r):
    for config in ("WA", "AW", "AA"):
        lo = C.subgame(config, a, b, r).platform
        hi = C.subgame(config, a, b, r + 0.01).platform
        assert hi > lo


# ---------------------------------------------------------------------------
# Thresholds (Lemma 1 analogue)
# ---------------------------------------------------------------------------

PAIRS = {"r1W": (1, "AW", "WW"), "r1A": (1, "AA", "WA"), "r2W": (2, "WA", "WW"), "r2A": (2, "AA", "AW")}


@pytest.fixture(scope="module")
def indifference_numerators(deriv):
    """Numerator of each indifference condition as numeric polynomial coefficients in r.

    The denominators are positive on the domain (squares, or a product of two
    negative factors), so the numerator carries the sign and the roots.
    """
    out = {}
    for key, expr in deriv.indifference.items():
        num, den = sp.fraction(sp.factor(expr))
        coeffs = sp.Poly(sp.expand(num), deriv.r).all_coeffs()
        symbols = (deriv.alpha, deriv.beta, deriv.r)
        out[key] = (sp.lambdify(symbols[:2], coeffs, "numpy"), sp.lambdify(symbols, den, "numpy"),
                    sp.lambdify(symbols, expr, "numpy"))
    return out


@settings(max_examples=200, deadline=None)
@given(a=ALPHA, b=st.floats(min_value=0.0, max_value=0.99))
def test_thresholds_solve_indifference_and_are_unique(deriv, indifference_numerators, a, b):
    th = C.thresholds(a, b)
    assert set(th) == set(C.THRESHOLD_KEYS)
    for key, t in th.items():
        i, ca, cw = PAIRS[key]
        coeffs_f, den_f, expr_f = indifference_numerators[key]
        # the sympy indifference condition vanishes at t ...
        scale = getattr(C.subgame(cw, a, b, t), f"pi{i}") + getattr(C.subgame(ca, a, b, 0.0), f"pi{i}")
        assert abs(expr_f(a, b, t)) <= 1e-10 * scale
        # ... and t is the only root in [0, 1] of the numerator polynomial
        coeffs = np.array(coeffs_f(a, b), dtype=float)
        assert np.all([den_f(a, b, x) != 0 for x in (0.0, 0.5, 1.0)])
        # negligible leading coefficients (beta -> 0) only carry roots far outside [0, 1]
        big = np.abs(coeffs) > 1e-12 * np.abs(coeffs).max()
        roots = np.roots(coeffs[np.argmax(big):])
        real = roots[np.abs(roots.imag) <= 1e-9 * np.maximum(1, np.abs(roots))].real
        inside = real[(real >= -1e-9) & (real <= 1 + 1e-9)]
        assert len(inside) == 1
        assert t == pytest.approx(inside[0], abs=1e-9)


@settings(max_examples=60, deadline=None)
@given(a=ALPHA, b=st.floats(min_value=0.0, max_value=0.99))
def test_agency_preferred_exactly_below_threshold(a, b):
    th = C.thresholds(a, b)
    for key, t in th.items():
        i, ca, cw = PAIRS[key]
        for r, agency_better in ((t - 1e-6, True), (t + 1e-6, False)):
            if 0 <= r <= 1:
                pa = getattr(C.subgame(ca, a, b, r), f"pi{i}")
                pw = getattr(C.subgame(cw, a, b, r), f"pi{i}")
                assert (pa > pw) == agency_better
        assert 0 < t < 1


def test_thresholds_exist_on_whole_domain_and_polynomial_signs():
    a, b = np.meshgrid(np.r_[1e-6, np.linspace(0.01, 1, 60)], np.r_[np.linspace(0, 0.99, 60), 0.999999])
    th = C.thresholds(a, b)
    for key in C.THRESHOLD_KEYS:
        c = C.threshold_coefficients(key, a, b)
        f0 = c[0]
        f1 = c[0] + c[1] + c[2] + c[3]
        assert np.all(f0 > 0) and np.all(f1 < 0)
        assert np.all((th[key] > 0) & (th[key] < 1))
    pos = b > 0
    for key in ("r1W", "r2W", "r2A"):
        assert np.all(th[key][pos] > 0.5)


def test_thresholds_special_cases():
    th0 = C.thresholds(0.3, 0.0)  # beta = 0: (1 - r) a^2 / 4 = a^2 / 8
    for t in th0.values():
        assert t == pytest.approx(0.5, abs=1e-15)
    th1 = C.thresholds(1.0, 0.7)  # symmetric suppliers
    assert th1["r1W"] == pytest.approx(th1["r2W"], abs=1e-14)
    assert th1["r1A"] == pytest.approx(th1["r2A"], abs=1e-14)
    vec = C.thresholds(np.array([0.3, 1.0]), np.array([0.0, 0.7]))
    assert vec["r1W"].shape == (2,)
    assert vec["r2A"][1] == pytest.approx(th1["r2A"], abs=1e-15)


# ---------------------------------------------------------------------------
# Stage 2: contract choice (Proposition 1 analogue)
# ---------------------------------------------------------------------------


def _brute_force_choice(a, b, r):
    pay = {c: C.subgame(c, a, b, r) for c in C.CONFIGURATIONS}

    def flip(x):
        return "A" if x == "W" else "W"

    nash = [c for c in C.CONFIGURATIONS
            if pay[c].pi1 >= pay[flip(c[0]) + c[1]].pi1 and pay[c].pi2 >= pay[c[0] + flip(c[1])].pi2]
    return tuple(c for c in nash if not any(
        pay[d].pi1 >= pay[c].pi1 and pay[d].pi2 >= pay[c].pi2 and (pay[d].pi1 > pay[c].pi1 or pay[d].pi2 > pay[c].pi2)
        for d in nash))


@settings(max_examples=300, deadline=None)
@given(a=ALPHA, b=st.floats(min_value=0.01, max_value=0.99), r=R)
def test_choice_matches_brute_force_game(a, b, r):
    th = C.thresholds(a, b)
    if min(abs(r - t) for t in th.values()) < 1e-9:
        return  # exact indifference: tie rule, tested separately
    assert C.choice(a, b, r) == _brute_force_choice(a, b, r)


def test_choice_pattern_at_default_parameters():
    a, b = 0.6, 0.5
    th = C.thresholds(a, b)
    assert th["r1A"] < th["r1W"] < th["r2W"] < th["r2A"]
    assert C.choice(a, b, 0.0) == ("AA",)
    assert C.choice(a, b, th["r1A"]) == ("AA",)  # indifferent supplier 1 takes agency
    assert C.choice(a, b, np.nextafter(th["r1A"], 1)) == ("WA",)
    assert C.choice(a, b, th["r2W"]) == ("WA",)
    assert C.choice(a, b, np.nextafter(th["r2W"], 1)) == ("WW",)
    assert C.choice(a, b, 1.0) == ("WW",)


def test_asymmetric_pair_is_a_coordination_problem():
    """Where WA and AW are both equilibria, each supplier prefers being the agency one."""
    found = 0
    for a in np.linspace(0.6, 1.0, 9):
        for b in np.linspace(0.5, 0.99, 12):
            path = C.royalty_path(a, b, np.linspace(0, 1, 401))
            for r, sel in zip(path.r, path.selected):
                if "WA" in sel and "AW" in sel:
                    found += 1
                    wa, aw = C.subgame("WA", a, b, r), C.subgame("AW", a, b, r)
                    assert aw.pi1 > wa.pi1 and wa.pi2 > aw.pi2
                assert 1 <= len(sel) <= 2
                assert len(sel) == 1 or set(sel) == {"WA", "AW"}
    assert found > 0


# ---------------------------------------------------------------------------
# Stage 1: equilibrium (Proposition 2 and 3 analogues)
# ---------------------------------------------------------------------------


@settings(max_examples=25, deadline=None)
@given(a=ALPHA, b=st.floats(min_value=0.0, max_value=0.99), forced=st.booleans())
def test_equilibrium_beats_dense_royalty_grid(a, b, forced):
    eq = C.equilibrium(a, b, niche_forced_agency=forced)
    grid = np.linspace(0, 1, 2001)
    path = C.royalty_path(a, b, grid, niche_forced_agency=forced)
    best = path.platform_profit.max()
    assert best <= eq.platform_profit * (1 + 1e-12) + 1e-15
    # the optimum is the supremum, approached from a grid point within one step
    assert eq.platform_profit - best <= 5.0 * (grid[1] - grid[0]) * max(1.0, eq.platform_profit)
    # the reported royalty induces the reported contracts and profit
    if forced:
        expected = ("AA",) if eq.royalty <= eq.thresholds["r1A"] else ("WA",)
        assert expected == (eq.contracts,)
    else:
        assert eq.contracts in C.choice(a, b, eq.royalty)
    s = C.subgame(eq.contracts, a, b, eq.royalty)
    assert eq.platform_profit == pytest.approx(s.platform, rel=1e-12)
    assert (eq.supplier1_profit, eq.supplier2_profit) == pytest.approx((s.pi1, s.pi2), rel=1e-12)
    assert eq.prices == pytest.approx((s.p1, s.p2))
    assert not eq.stage2_ambiguous


def test_equilibrium_configurations_consistent_with_thresholds():
    m = C.equilibrium_map(np.linspace(0.01, 1, 120), np.linspace(0, 0.99, 120))
    th = m.thresholds
    code = {c: m.code == k for k, c in enumerate(C.CONFIGURATIONS)}
    assert not np.any(code["AW"])  # the reverse hybrid never arises
    aa, wa, ww = code["AA"], code["WA"], code["WW"]
    assert np.all(aa | wa | ww)
    # AA: the largest royalty that keeps both on agency (both weakly prefer A against A)
    # and at which WW, if also an equilibrium (r > max(r1W, r2W)), does not dominate it
    aa_top = np.minimum(np.minimum(th["r1A"], th["r2A"]), np.maximum(th["r1W"], th["r2W"]))
    assert np.all(m.royalty[aa] == aa_top[aa])
    # WA: supplier 1 leaves agency (r > r1A), supplier 2 stays (r <= r2W); r = r2W
    assert np.all(m.royalty[wa] > th["r1A"][wa]) and np.all(m.royalty[wa] == th["r2W"][wa])
    # WW: any r above both rival-on-W thresholds; platform indifferent on (lo, 1]
    assert np.all(m.royalty_lo[ww] == np.maximum(th["r1W"], th["r2W"])[ww])
    assert np.all(m.royalty[ww] == 1.0)
    assert np.all(np.isfinite(m.platform_profit)) and not np.any(m.ambiguous)


def test_map_matches_scalar_equilibrium():
    alphas, betas = np.linspace(0.05, 1, 7), np.linspace(0, 0.95, 9)
    m = C.equilibrium_map(alphas, betas)
    for i, a in enumerate(alphas):
        for j, b in enumerate(betas):
            eq = C.equilibrium(float(a), float(b))
            assert C.CONFIGURATIONS[m.code[i, j]] == eq.contracts
            assert m.royalty[i, j] == eq.royalty and m.royalty_lo[i, j] == eq.royalty_range[0]
            assert m.platform_profit[i, j] == pytest.approx(eq.platform_profit, rel=1e-14)


def test_ww_indifference_range():
    eq = C.equilibrium(0.6, 0.8)
    assert eq.contracts == "WW" and eq.platform_indifferent
    lo, hi = eq.royalty_range
    assert lo < hi == eq.royalty == 1.0
    assert C.choice(0.6, 0.8, lo) != ("WW",)  # at lo a supplier is indifferent and takes agency
    profits = [C.subgame("WW", 0.6, 0.8, r).platform for r in np.linspace(lo, hi, 7)[1:]]
    for r in np.linspace(lo, hi, 7)[1:]:
        assert C.choice(0.6, 0.8, r) == ("WW",)
    assert max(profits) == min(profits) == eq.platform_profit


def test_independent_products_equilibrium():
    """beta = 0 by hand: AA at r = 1/2 earns (1 + a^2)/8 > WW (1 + a^2)/16 and WA."""
    eq = C.equilibrium(0.5, 0.0)
    assert eq.contracts == "AA" and eq.royalty == pytest.approx(0.5)
    assert eq.platform_profit == pytest.approx((1 + 0.25) / 8)
    # forced agency: WA at r = 1 earns 1/16 + a^2/4, better iff a > 1/sqrt(2)
    cut = 1 / math.sqrt(2)
    lo = C.equilibrium(cut - 1e-6, 0.0, niche_forced_agency=True)
    hi = C.equilibrium(cut + 1e-6, 0.0, niche_forced_agency=True)
    assert (lo.contracts, hi.contracts) == ("AA", "WA")
    assert hi.royalty == 1.0 and hi.supplier2_profit == 0.0
    assert hi.platform_profit == pytest.approx(1 / 16 + (cut + 1e-6) ** 2 / 4)


def test_symmetric_suppliers_report_the_mirror_tie():
    eq = C.equilibrium(1.0, 0.6)
    assert eq.contracts == "WA" and eq.ties == ("AW",) and not eq.stage2_ambiguous
    assert C.choice(1.0, 0.6, eq.royalty) == ("WA", "AW")


def _runs(codes):
    out = []
    for c in codes:
        if not out or out[-1] != c:
            out.append(c)
    return [C.CONFIGURATIONS[k] for k in out]


def test_qualitative_pattern_low_mid_high_substitutability():
    """AA at low beta, hybrid WA at intermediate beta, WW at high beta (alpha >= 0.3)."""
    alphas = np.linspace(0.3, 0.99, 24)
    m = C.equilibrium_map(alphas, np.linspace(0, 0.99, 400))
    for i in range(len(alphas)):
        assert _runs(m.code[i]) == ["AA", "WA", "WW"], alphas[i]
    # a very small niche supplier: no hybrid, AA switches straight to WW
    small = C.equilibrium_map([0.05, 0.1], np.linspace(0, 0.99, 400))
    for i in range(2):
        assert _runs(small.code[i]) == ["AA", "WW"]


def test_forced_agency_regions_and_more_hybrid():
    alphas, betas = np.linspace(0.01, 1, 80), np.linspace(0, 0.99, 80)
    base = C.equilibrium_map(alphas, betas)
    forced = C.equilibrium_map(alphas, betas, niche_forced_agency=True)
    ok = np.isin(forced.code, [C.CONFIGURATIONS.index("AA"), C.CONFIGURATIONS.index("WA")])
    assert np.all(ok)
    x = forced.code == C.CONFIGURATIONS.index("AA")
    assert np.all(forced.royalty[x] == forced.thresholds["r1A"][x])  # region X
    assert np.all(forced.royalty[~x] == 1.0)  # region Y
    # Y lies above X in beta: along each alpha, AA (if any) then WA
    for i in range(len(alphas)):
        assert _runs(forced.code[i]) in (["AA", "WA"], ["WA"], ["AA"])
    # hybrid WA is more frequent when the niche supplier cannot choose
    assert forced.share("WA") > base.share("WA")
    # the platform can still reach the AA and WA outcomes it had (r1A >= the AA top,
    # and WA at r = 1 beats WA at r2W), so it loses only where WW was optimal
    was_aa_or_wa = base.code != C.CONFIGURATIONS.index("WW")
    gain = forced.platform_profit - base.platform_profit
    assert np.all(gain[was_aa_or_wa] >= -1e-12 * base.platform_profit[was_aa_or_wa])
    assert np.any(gain[~was_aa_or_wa] < 0)


# ---------------------------------------------------------------------------
# Bad input
# ---------------------------------------------------------------------------

BAD_ALPHA = [0.0, -0.1, 1.5, float("nan"), float("inf")]
BAD_BETA = [-0.1, 1.0, 1.2, float("nan")]
BAD_R = [-0.01, 1.01, float("nan")]


@pytest.mark.parametrize("alpha", BAD_ALPHA)
def test_bad_alpha(alpha):
    msg = r"alpha.*requires 0 < alpha <= 1"
    with pytest.raises(ModelDomainError, match=msg):
        C.thresholds(alpha, 0.5)
    with pytest.raises(ModelDomainError, match=msg):
        C.choice(alpha, 0.5, 0.5)
    with pytest.raises(ModelDomainError, match=msg):
        C.equilibrium(alpha, 0.5)
    with pytest.raises(ModelDomainError, match=msg):
        C.subgame("WA", alpha, 0.5, 0.5)
    with pytest.raises(ModelDomainError, match=msg):
        C.equilibrium_map([0.5, alpha], [0.5])


@pytest.mark.parametrize("beta", BAD_BETA)
def test_bad_beta(beta):
    msg = r"beta.*requires 0 <= beta < 1"
    with pytest.raises(ModelDomainError, match=msg):
        C.thresholds(0.5, beta)
    with pytest.raises(ModelDomainError, match=msg):
        C.choice(0.5, beta, 0.5)
    with pytest.raises(ModelDomainError, match=msg):
        C.equilibrium(0.5, beta, niche_forced_agency=True)
    with pytest.raises(ModelDomainError, match=msg):
        C.royalty_path(0.5, beta, [0.1, 0.2])


@pytest.mark.parametrize("r", BAD_R)
def test_bad_royalty(r):
    msg = r"r.*requires 0 <= r <= 1"
    with pytest.raises(ModelDomainError, match=msg):
        C.choice(0.5, 0.5, r)
    with pytest.raises(ModelDomainError, match=msg):
        C.subgame("AA", 0.5, 0.5, r)
    with pytest.raises(ModelDomainError, match=msg):
        C.royalty_path(0.5, 0.5, [0.2, r])


def test_bad_input_message_names_value():
    with pytest.raises(ModelDomainError) as exc:
        C.choice(1.5, 0.5, 0.5)
    assert str(exc.value) == "alpha=1.5: requires 0 < alpha <= 1, i.e. alpha in (0, 1]"


@pytest.mark.parametrize("call", [
    lambda: C.subgame("XY", 0.5, 0.5, 0.5),
    lambda: C.equilibrium(0.5, 0.5, niche_forced_agency="yes"),
    lambda: C.choice(True, 0.5, 0.5),
    lambda: C.choice("0.5", 0.5, 0.5),
    lambda: C.choice([0.5, 0.6], 0.5, 0.5),
    lambda: C.equilibrium_map([], [0.5]),
])
def test_other_bad_input(call):
    with pytest.raises(ModelDomainError):
        call()


# ---------------------------------------------------------------------------
# Vectorised stage 2 and plots
# ---------------------------------------------------------------------------


@settings(max_examples=100, deadline=None)
@given(a=ALPHA, b=BETA, r=R)
def test_choice_grid_matches_choice(a, b, r):
    code = int(C.choice_grid(a, b, r))
    sel = C.choice(a, b, r)
    assert C.CHOICE_LABELS[code] == ("WA/AW" if len(sel) == 2 else sel[0])
    forced = C.CHOICE_LABELS[int(C.choice_grid(a, b, r, niche_forced_agency=True))]
    assert forced == ("AA" if r <= C.thresholds(a, b)["r1A"] else "WA")


def test_choice_grid_broadcasts_over_a_map():
    beta, r = np.linspace(0, 0.99, 30), np.linspace(0, 1, 40)
    codes = C.choice_grid(0.95, beta[None, :], r[:, None])
    assert codes.shape == (40, 30)
    assert np.all(codes[0] == C.CONFIGURATIONS.index("AA"))  # r = 0: agency is free
    assert np.all(codes[-1] == C.CONFIGURATIONS.index("WW"))  # r = 1: agency earns nothing
    assert np.any(codes == C.CHOICE_LABELS.index("WA/AW"))


def test_plots_draw_and_save(tmp_path):
    pytest.importorskip("matplotlib")
    import matplotlib

    matplotlib.use("Agg")
    from xbec.figures import contracts as P
    from xbec.figures import save

    beta, r = np.linspace(0, 0.95, 12), np.linspace(0, 1, 15)
    th = C.thresholds(0.6, beta)
    m = C.equilibrium_map(np.linspace(0.05, 1, 10), beta)
    mf = C.equilibrium_map(np.linspace(0.05, 1, 10), beta, niche_forced_agency=True)
    eq = C.equilibrium(0.6, 0.6)
    figs = [
        P.plot_thresholds(0.6, beta, th),
        P.plot_choice_map(0.6, beta, r, C.choice_grid(0.6, beta[None, :], r[:, None]), th),
        P.plot_royalty_path([C.royalty_path(0.6, 0.6, r)], [(eq.royalty, eq.platform_profit)]),
        P.plot_equilibrium_map(m),
        P.plot_forced_map(mf, m),
    ]
    png, svg = save(figs[0], tmp_path / "out", "fig0")  # saving: one here, every kind in tests/figures
    assert png.stat().st_size > 1000 and svg.read_text().lstrip().startswith("<?xml")
    for fig in figs[1:]:
        fig.draw_without_rendering()  # every artist drawn (and laid out), nothing written


@settings(max_examples=60, deadline=None)
@given(a=ALPHA, b=BETA, forced=st.booleans())
def test_stage2_intervals_cover_unit_interval_and_agree_with_choice(a, b, forced):
    pieces = C.stage2_intervals(a, b, niche_forced_agency=forced)
    assert pieces[0][0] == 0.0 and pieces[-1][1] == 1.0
    for (lo, hi, sel), nxt in zip(pieces, pieces[1:] + ((None, None, None),)):
        assert lo < hi or (lo == hi == 0.0)
        if nxt[0] is not None:
            assert nxt[0] == hi and nxt[2] != sel
        for r in (hi, 0.5 * (lo + hi)):
            got = (C.CHOICE_LABELS[int(C.choice_grid(a, b, r, niche_forced_agency=forced))],)
            want = ("WA/AW",) if len(sel) == 2 else sel
            assert got == want


def test_reachable_choices_match_sampled_royalties():
    alphas, betas = np.linspace(0.05, 1, 12), np.linspace(0, 0.99, 12)
    reach = C.reachable_choices(alphas[:, None], betas[None, :])
    r = np.linspace(0, 1, 4001)
    for i, a in enumerate(alphas):
        for j, b in enumerate(betas):
            pieces = C.stage2_intervals(float(a), float(b))
            sampled = set(C.CHOICE_LABELS[k] for k in np.unique(C.choice_grid(a, b, r)))
            exact = {("WA/AW" if len(sel) == 2 else sel[0]) for _, _, sel in pieces}
            assert sampled <= exact  # very short pieces may fall between samples
            for label in C.CHOICE_LABELS:
                assert bool(reach[label][i, j]) == (label in exact)
    assert not np.any(reach["AW"])  # AW alone is never the stage-2 outcome


def test_choice_map_plot_has_one_panel_per_alpha():
    pytest.importorskip("matplotlib")
    import matplotlib

    matplotlib.use("Agg")
    from xbec.figures import contracts as P

    beta, r = np.linspace(0, 0.95, 8), np.linspace(0, 1, 9)
    alphas = [0.6, 0.95]
    codes = [C.choice_grid(a, beta[None, :], r[:, None]) for a in alphas]
    fig = P.plot_choice_map(alphas, beta, r, codes, [C.thresholds(a, beta) for a in alphas])
    assert len(fig.axes) == 2
    titles = [ax.get_title() for ax in fig.axes]
    assert titles == [rf"Suppliers' contracts (stage 2) at $\alpha = {a:g}$" for a in alphas]


def test_no_rounding_breaks_stage_2_near_beta_zero():
    """Near beta = 0 a supplier's two thresholds agree to within rounding; they are one threshold, so a pure
    equilibrium always survives (at this point it raised 'stage 2 selected no configuration')."""
    eq = C.equilibrium(0.999999999, 1.2414671189599228e-09)
    assert eq.contracts == "AA" and eq.thresholds["r1W"] == eq.thresholds["r1A"]
    assert eq.thresholds["r2W"] == eq.thresholds["r2A"]
    th = C.thresholds(0.6, 0.3)  # away from beta = 0 the four thresholds stay distinct
    assert len(set(th.values())) == 4
