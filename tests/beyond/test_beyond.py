"""Tests of xbec.beyond (issue 5, beyond the paper) and its figures.

(The band maps are tested in test_bands.py, the robustness chapter's
functions in test_robustness.py.) Independent checks: numpy's
companion-matrix roots, a scipy optimiser, sympy, brute-force permutations
(Shapley), the Talmud rule (Aumann & Maschler 1985: the nucleolus of a
bankruptcy game), a grid search over imputations (nucleolus), and
hand-computed values.
"""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import minimize

import xbec
from xbec import beyond as a

from ..conftest import horizontal_params

PAPER = xbec.HorizontalParams()
VP = xbec.VerticalParams()
V08 = 3190.0  # pi1(0.8) under the paper's contract, Table 2


# 1. Band maps: tests/beyond/test_bands.py


# ---------------------------------------------------------------------------
# 2. The coordinating contract
# ---------------------------------------------------------------------------

LAMS = st.lists(st.floats(1e-3, 1.0), min_size=1, max_size=6)


@given(horizontal_params(), LAMS)
def test_coordinating_contract_reaches_the_centralised_optimum(params, lams):
    cen = xbec.centralized(params)
    r = a.coordinating_contract(params, np.array(lams))
    np.testing.assert_allclose(r.pi_total, cen.pi_total, rtol=1e-12, atol=1e-9)
    np.testing.assert_allclose(r.s, cen.s, rtol=1e-13)
    np.testing.assert_allclose(r.p, cen.p, rtol=1e-13)
    np.testing.assert_allclose(r.demand, cen.demand, rtol=1e-13)
    np.testing.assert_allclose(r.w, np.array(lams) * params.c)
    np.testing.assert_allclose(r.pi_platform, np.array(lams) * (cen.pi_total + params.K) - params.K,
                               rtol=1e-12, atol=1e-9)
    np.testing.assert_allclose(r.pi_manufacturer, (1 - np.array(lams)) * (cen.pi_total + params.K),
                               rtol=1e-12, atol=1e-9)
    np.testing.assert_allclose(r.platform_cost_share + r.manufacturer_cost_share, 1.0)


@given(horizontal_params(), st.floats(0.05, 1.0))
def test_platform_best_response_under_contract_is_centralised(params, lam):
    """A numeric optimiser of the platform's own profit lands on (p2, s2)."""
    cen = xbec.centralized(params)
    r = a.coordinating_contract(params, lam)

    def neg(z):
        return -a.contract_platform_profit(params, lam, z[0], r.w, z[1], r.platform_cost_share)

    x0 = [params.beta / params.b1 * 0.3 + params.c, 0.0]
    res = minimize(neg, x0, method="BFGS", options=dict(gtol=1e-10))
    scale = max(1.0, cen.p)
    assert res.x[0] == pytest.approx(cen.p, abs=1e-4 * scale)
    assert res.x[1] == pytest.approx(cen.s, abs=1e-4 * max(1.0, cen.s))
    assert -res.fun == pytest.approx(r.pi_platform, rel=1e-9, abs=1e-6)


@given(horizontal_params(), st.floats(0.01, 0.99))
def test_paper_contract_does_not_coordinate_the_service_level(params, lam):
    if params.b2 < 1e-3:
        return  # without service sensitivity there is nothing to under-provide
    try:
        rs = xbec.revenue_sharing(params, lam)
    except xbec.ModelDomainError:
        return  # eq (10) singular or demand <= 0 at this share
    cen = xbec.centralized(params)
    assert rs.p == pytest.approx(cen.p)
    assert rs.pi_total < cen.pi_total
    if xbec.model.horizontal.demand(params, rs.p, rs.s) > 0 and params.b1 * params.gamma1 > params.b2**2:
        assert rs.s < cen.s


def test_derive_coordinating_contract_symbolically():
    import sympy as sp

    from xbec.replication import symbolic as sy

    d = a.derive_coordinating_contract()
    S = sy.SYMBOLS
    lam, c = S["lam"], S["c"]
    assert len(d["solutions"]) == 1
    assert sp.simplify(d["w"] - lam * c) == 0
    assert sp.simplify(d["phi"] - lam) == 0
    assert d["pi_total_minus_pi"] == 0
    assert d["platform_identity"] == 0
    assert sp.simplify(d["hessian"] - lam * d["centralized_hessian"]) == sp.zeros(2, 2)
    # the paper's contract: the service gap and profit gap vanish only at lam = 1
    assert sp.simplify(d["rs_service_gap"].subs(lam, 1)) == 0
    assert sp.simplify(d["rs_profit_gap"].subs(lam, 1)) == 0
    vals = {S["beta"]: 200, S["b1"]: 2, S["b2"]: 1, S["gamma1"]: 1, S["c"]: 10, S["K"]: 10, lam: sp.Rational(4, 5)}
    assert d["rs_service_gap"].subs(vals) == -20  # s*(0.8) = 40 vs s2 = 60
    assert d["rs_profit_gap"].subs(vals) == -200  # 5190 vs 5390
    assert d["pi_platform"].subs(vals) == 4310 and d["pi_manufacturer"].subs(vals) == 1080


def test_coordinating_band_paper_values():
    band = a.coordinating_acceptable_lambda(PAPER)
    assert band.lo == pytest.approx(5410 / 10800)  # leader condition binds
    dec = xbec.decentralized(PAPER)
    assert band.hi == pytest.approx(1 - dec.pi_manufacturer / 5400)
    free = a.coordinating_acceptable_lambda(PAPER, platform_leads=False)
    assert free.lo == pytest.approx((dec.pi_platform + 10) / 5400) and free.hi == band.hi
    # brute force on a fine grid: the conditions hold exactly inside the band
    lam = np.linspace(1e-4, 1.0, 20001)
    r = a.coordinating_contract(PAPER, lam)
    ok = (r.pi_platform > dec.pi_platform) & (r.pi_manufacturer > dec.pi_manufacturer) & (
        r.pi_platform > r.pi_manufacturer)
    inside = (lam > band.lo) & (lam < band.hi)
    assert np.array_equal(ok, inside)


@given(horizontal_params())
def test_coordinating_band_never_empty_without_leader_condition(params):
    band = a.coordinating_acceptable_lambda(params, platform_leads=False)
    dec = xbec.decentralized(params)
    for lam in (band.lo, band.hi):
        r = a.coordinating_contract(params, min(lam, 1.0))
        assert r.pi_platform >= dec.pi_platform - 1e-6 * abs(dec.pi_platform) - 1e-9
        assert r.pi_manufacturer >= dec.pi_manufacturer - 1e-6 * dec.pi_manufacturer - 1e-9
    mid = a.coordinating_contract(params, 0.5 * (band.lo + band.hi))
    assert mid.pi_platform > dec.pi_platform and mid.pi_manufacturer > dec.pi_manufacturer


def test_coordinating_band_empty_raises():
    # pi + K and pi1* + K do not depend on K, so K moves only the leader
    # condition lam > (pi + 2K) / (2(pi + K)): with K = 3000 it passes the upper end.
    params = PAPER.replace(K=3000.0)
    with pytest.raises(xbec.ModelDomainError, match="coordinating contract"):
        a.coordinating_acceptable_lambda(params)


def test_dominating_shares():
    lo, hi = a.dominating_shares(PAPER, [0.71, 0.8, 0.88])
    assert lo[1] == pytest.approx(3200 / 5400) and hi[1] == pytest.approx(1 - 2000 / 5400)
    rs = xbec.revenue_sharing(PAPER, np.array([0.71, 0.8, 0.88]))
    np.testing.assert_allclose(hi - lo, (5390 - rs.pi_total) / 5400)
    for k, (lo_k, hi_k) in enumerate(zip(lo, hi)):
        for lam2 in (lo_k + 1e-9, 0.5 * (lo_k + hi_k), hi_k - 1e-9):
            co = a.coordinating_contract(PAPER, lam2)
            assert co.pi_platform > rs.pi_platform[k] and co.pi_manufacturer > rs.pi_manufacturer[k]
        for lam2 in (lo_k - 1e-6, hi_k + 1e-6):
            co = a.coordinating_contract(PAPER, lam2)
            assert not (co.pi_platform > rs.pi_platform[k] and co.pi_manufacturer > rs.pi_manufacturer[k])


def test_coordinating_contract_rejects_bad_lambda_and_compare_table():
    for lam in (0.0, 1.2, np.nan, [0.5, -0.1]):
        with pytest.raises(xbec.ModelDomainError, match="lam"):
            a.coordinating_contract(PAPER, lam)
    t = a.compare_contracts(PAPER, [0.71, 0.8, 0.88])
    assert np.allclose(t["pi_total_co"], 5390.0)
    assert np.allclose(t["pi_total_rs"][1], 5190.0) and np.allclose(t["pi_gap_rs"][1], 200.0)
    assert np.all(t["s_rs"] < t["s_co"]) and np.allclose(t["s_co"], 60.0)
    assert np.allclose(t["w_co"], [7.1, 8.0, 8.8])


# ---------------------------------------------------------------------------
# 3. Allocation rules
# ---------------------------------------------------------------------------


def bankruptcy(estate, claims):
    claims = list(claims)
    return lambda S: max(0.0, estate - sum(d for i, d in enumerate(claims) if i not in S))


def talmud(estate, claims):
    """The Talmud rule (Aumann & Maschler 1985), by bisection on the CEA/CEL parameter."""
    d = np.asarray(claims, float)
    half = d / 2

    def cea(E, caps):
        lo, hi = 0.0, caps.max()
        for _ in range(200):
            m = 0.5 * (lo + hi)
            lo, hi = (m, hi) if np.minimum(caps, m).sum() < E else (lo, m)
        return np.minimum(caps, 0.5 * (lo + hi))

    if estate <= half.sum():
        return cea(estate, half)
    return d - cea(d.sum() - estate, half)  # constrained equal losses on the half-claims


@pytest.mark.parametrize("estate, expected", [
    (100, [100 / 3] * 3), (200, [50, 75, 75]), (300, [50, 100, 150]),
])
def test_nucleolus_talmud_examples(estate, expected):
    # Aumann & Maschler (1985), the Talmud's three estates for claims 100, 200, 300
    x = a.nucleolus(3, bankruptcy(estate, [100, 200, 300]))
    np.testing.assert_allclose(x, expected, atol=1e-7)


@given(st.lists(st.integers(1, 100), min_size=2, max_size=5), st.floats(0.05, 0.95))
def test_nucleolus_of_bankruptcy_games_is_the_talmud_rule(claims, frac):
    estate = frac * sum(claims)
    x = a.nucleolus(len(claims), bankruptcy(estate, claims))
    np.testing.assert_allclose(x, talmud(estate, claims), atol=1e-6 * sum(claims))


def test_glove_and_majority_games():
    glove = lambda S: float(0 in S and (1 in S or 2 in S))  # noqa: E731
    np.testing.assert_allclose(a.nucleolus(3, glove), [1, 0, 0], atol=1e-12)
    np.testing.assert_allclose(xbec.shapley(3, glove), [2 / 3, 1 / 6, 1 / 6])
    assert a.core_check(3, glove, [1, 0, 0]).in_core
    chk = a.core_check(3, glove, [2 / 3, 1 / 6, 1 / 6])
    assert not chk.in_core and chk.efficient
    assert set(chk.violated) == {(0, 1), (0, 2)} and chk.min_excess == pytest.approx(-1 / 6)
    assert a.least_core_epsilon(3, glove) == pytest.approx(0.0, abs=1e-12)
    majority = lambda S: float(len(S) >= 2)  # noqa: E731
    np.testing.assert_allclose(a.nucleolus(3, majority), [1 / 3] * 3)
    assert a.least_core_epsilon(3, majority) == pytest.approx(1 / 3)  # core empty
    assert not a.core_check(3, majority, [1 / 3] * 3).in_core
    assert not a.core_check(3, majority, [0.5, 0.5, 0.1]).efficient


def _sorted_excesses(table, x):
    e = a.excesses(table, x)
    return np.sort(e[1:-1])


def _lex_geq(u, w, tol):
    for ui, wi in zip(u, w):
        if ui > wi + tol:
            return True
        if ui < wi - tol:
            return False
    return True


@given(st.lists(st.integers(0, 60), min_size=4, max_size=4), st.integers(60, 120))
def test_nucleolus_beats_every_imputation_on_a_grid(pairs_and_single, vN):
    """Brute force: no imputation on a 0.5-step grid has a lexicographically larger excess vector."""
    v12, v13, v23, v1 = pairs_and_single
    game = {frozenset({0}): float(v1), frozenset({1}): 0.0, frozenset({2}): 0.0,
            frozenset({0, 1}): float(v12), frozenset({0, 2}): float(v13),
            frozenset({1, 2}): float(v23), frozenset({0, 1, 2}): float(vN)}
    table = a.coalition_table(3, game)
    x = a.nucleolus(3, game)
    assert x.sum() == pytest.approx(vN) and x[0] >= v1 - 1e-9 and x.min() >= -1e-9
    ex = _sorted_excesses(table, x)
    step = 1.0  # integer worths: the grid holds many exact candidates
    for x1 in np.arange(v1, vN + 1e-9, step):
        for x2 in np.arange(0, vN - x1 + 1e-9, step):
            y = np.array([x1, x2, vN - x1 - x2])
            assert _lex_geq(ex, _sorted_excesses(table, y), 1e-7)


@pytest.mark.parametrize("t", [0.6, 0.7, 0.8])
def test_nucleolus_of_vertical_game_is_locally_lexicographically_optimal(t):
    """No efficient perturbation (small or large) improves the sorted excess vector."""
    table = a.vertical_game(V08, VP.mu, pair_factor=t)
    x = a.nucleolus(4, table)
    ex = _sorted_excesses(table, x)
    rng = np.random.default_rng(int(t * 100))
    for _ in range(500):
        d = rng.normal(size=4)
        d -= d.mean()
        y = x + d * rng.choice([1e-3, 1e-1, 1.0, 10.0, 100.0]) / np.linalg.norm(d)
        if y.min() < 0:
            continue
        assert _lex_geq(ex, _sorted_excesses(table, y), 1e-7)


def test_shapley_of_vertical_game_by_permutations():
    table = a.vertical_game(V08, VP.mu, pair_factor=0.5)
    n = 4
    phi = np.zeros(n)
    for order in itertools.permutations(range(n)):
        mask = 0
        for i in order:
            phi[i] += table[mask | 1 << i] - table[mask]
            mask |= 1 << i
    phi /= math.factorial(n)
    np.testing.assert_allclose(xbec.shapley(n, table), phi, rtol=1e-12)
    np.testing.assert_allclose(a.compare_allocations(V08, VP.mu, VP.F, pair_factor=0.5).allocations["Shapley"], phi)


def test_vertical_game_assumption():
    t = 0.4
    table = a.vertical_game(V08, VP.mu, pair_factor=t, singleton=5.0)
    full = 15
    assert table[full] == V08 and table[0] == 0
    for i, mu in enumerate(VP.mu):
        assert table[full ^ (1 << i)] == mu  # V(N \ {i}) = mu_i
        assert table[1 << i] == 5.0
    # pair {1,2} (paper's members 1, 2) is in N\{3} (2300) and N\{4} (2200)
    assert table[0b0011] == pytest.approx(t * 2200)
    assert table[0b1100] == pytest.approx(t * 1600)  # pair {3,4}: min(V(2,3,4), V(1,3,4))
    # monotone for every factor in [0, 1]
    one = a.vertical_game(V08, VP.mu, pair_factor=1.0)
    for S in range(16):
        for i in range(4):
            assert one[S | 1 << i] >= one[S] - 1e-12
    for bad in (dict(pair_factor=1.5), dict(pair_factor=-0.1), dict(singleton=-1.0)):
        name = next(iter(bad))
        with pytest.raises(xbec.ModelDomainError, match=name):
            a.vertical_game(V08, VP.mu, **bad)


def test_paper_allocations_hand_checked_and_core():
    c = a.compare_allocations(V08, VP.mu, VP.F, pair_factor=0.0)
    # eq (13): V/4 + (5/6)(mean(mu) - mu_i), mean(mu) = 2025
    np.testing.assert_allclose(c.allocations["Raiffa (eq 13)"],
                               [797.5 + 5 / 6 * d for d in (425, 25, -275, -175)])
    # Table 2 at lam = 0.80: 1470.67 847.33 269.63 602.37
    np.testing.assert_allclose(c.allocations["improved Raiffa (eq 15)"], [1470.67, 847.33, 269.63, 602.37], atol=0.01)
    for rule in a.RULES:
        x = c.allocations[rule]
        assert x.sum() == pytest.approx(V08)
        assert c.core[rule].in_core  # every rule is in the core when pairs are worth 0
    assert c.core_nonempty
    # improved Raiffa leaves the core once pairs exceed (x3 + x4) / 1600
    x = c.allocations["improved Raiffa (eq 15)"]
    limit = a.core_limits(V08, VP.mu, VP.F)["improved Raiffa (eq 15)"][1]
    assert limit == pytest.approx((x[2] + x[3]) / 1600)
    assert limit == pytest.approx(0.545, abs=1e-3)
    assert a.core_check(4, a.vertical_game(V08, VP.mu, pair_factor=limit - 1e-6), x).in_core
    assert not a.core_check(4, a.vertical_game(V08, VP.mu, pair_factor=limit + 1e-6), x).in_core


def test_core_nonempty_limit_and_nucleolus_in_core():
    t_star = a.core_nonempty_pair_factor_limit(V08, VP.mu)
    assert 0 < t_star < 1
    assert a.least_core_epsilon(4, a.vertical_game(V08, VP.mu, pair_factor=t_star)) == pytest.approx(0, abs=1e-6)
    assert a.least_core_epsilon(4, a.vertical_game(V08, VP.mu, pair_factor=min(1, t_star + 0.01))) > 0
    sens = a.allocation_sensitivity(V08, VP.mu, VP.F, np.linspace(0, 1, 11))
    nonempty = sens.least_core_epsilon <= 1e-6
    # the nucleolus is in the core exactly when the core is non-empty
    assert np.array_equal(sens.in_core["nucleolus"], nonempty)
    assert sens.allocations["Shapley"].shape == (11, 4)
    # Raiffa does not depend on the assumed pair worths
    assert np.ptp(sens.allocations["Raiffa (eq 13)"], axis=0).max() == 0
    # an empty core even at factor 0 gives nan
    assert math.isnan(a.core_nonempty_pair_factor_limit(1000.0, VP.mu))


def test_core_min_grand_worth_and_lambda():
    # worthless pairs: the core needs V(N) >= sum(mu)/(n-1) = 2700, the sum of eq (11)'s lower limits
    assert a.core_min_grand_worth(VP.mu) == pytest.approx(sum(VP.mu) / 3)
    assert a.core_min_grand_worth(VP.mu) == pytest.approx(xbec.model.vertical.raiffa_lower_limits(VP.mu).sum())
    assert a.least_core_epsilon(4, a.vertical_game(2700.0 + 1e-6, VP.mu)) <= 1e-9
    assert a.least_core_epsilon(4, a.vertical_game(2699.0, VP.mu)) > 0
    lam = a.core_nonempty_lambda(PAPER, VP.mu)
    assert xbec.revenue_sharing(PAPER, lam).pi_platform == pytest.approx(2700.0)
    assert 0.73 < lam < 0.74  # Table 2: pi1(0.72) = 2584.53 < 2700 < pi1(0.74) = 2725.15
    for t in (0.3, 0.9):
        w = a.core_min_grand_worth(VP.mu, pair_factor=t)
        assert a.least_core_epsilon(4, a.vertical_game(w * (1 + 1e-9), VP.mu, pair_factor=t)) <= 1e-6
        assert a.least_core_epsilon(4, a.vertical_game(w - 1.0, VP.mu, pair_factor=t)) > 0


@pytest.mark.parametrize("t", [0.0, 0.8])
def test_core_worth_interval_against_a_grid(t):
    Vs = np.linspace(2000.0, 5000.0, 37)
    for rule in a.RULES:
        lo, hi = a.core_worth_interval(VP.mu, VP.F, rule, pair_factor=t)
        for V in Vs:
            table = a.vertical_game(V, VP.mu, pair_factor=t)
            x = a.allocation._rule_allocation(rule, V, VP.mu, VP.F, table)
            inside = a.core_check(4, table, x, tol=1e-6).in_core
            if abs(V - lo) > 1e-3 and abs(V - hi) > 1e-3:
                assert inside == (lo <= V <= hi), (rule, V, lo, hi)


def test_core_worth_interval_hand_checked():
    # Raiffa: x_i = V/4 + (5/6)(2025 - mu_i) <= V - mu_i binds for mu_3 = 2300: V >= (2300 - 5/6*275)/0.75
    lo, hi = a.core_worth_interval(VP.mu, VP.F, "Raiffa (eq 13)")
    assert lo == pytest.approx((2300 - 5 / 6 * 275) / 0.75) and hi == math.inf
    band = a.core_lambda_interval(PAPER, VP.mu, VP.F, "Raiffa (eq 13)")
    assert xbec.revenue_sharing(PAPER, band.lo).pi_platform == pytest.approx(lo)
    # improved Raiffa at t = 0.8 needs lam above the paper's band
    assert a.core_lambda_interval(PAPER, VP.mu, VP.F, "improved Raiffa (eq 15)", pair_factor=0.8).lo > 0.9
    with pytest.raises(xbec.ModelDomainError, match="rule"):
        a.core_worth_interval(VP.mu, VP.F, "Banzhaf")


def test_core_limits_against_sensitivity_grid():
    ts = np.linspace(0, 1, 21)
    sens = a.allocation_sensitivity(V08, VP.mu, VP.F, ts)
    limits = a.core_limits(V08, VP.mu, VP.F)
    for rule in a.RULES:
        lo, hi = limits[rule]
        for t, inside in zip(ts, sens.in_core[rule]):
            if min(abs(t - lo), abs(t - hi)) > 1e-6:
                assert inside == (lo <= t <= hi), (rule, t, lo, hi)
    assert limits["improved Raiffa (eq 15)"][1] == pytest.approx(0.545, abs=1e-6)
    V071, V080 = xbec.revenue_sharing(PAPER, np.array([0.71, 0.8])).pi_platform
    assert np.all(np.isnan(a.core_limits(V071, VP.mu, VP.F)["nucleolus"]))  # V(N) = 2516.66 < 2700: core empty
    np.testing.assert_allclose(a.core_limits(V080, VP.mu, VP.F)["nucleolus"], limits["nucleolus"])


@given(st.integers(3, 5), st.integers(0, 10**6))
def test_nucleolus_in_core_of_convex_games(n, seed):
    rng = np.random.default_rng(seed)
    w = rng.uniform(0.5, 2.0, n)
    game = lambda S: float(sum(w[i] for i in S)) ** 2  # noqa: E731 (supermodular: core non-empty)
    x = a.nucleolus(n, game)
    table = a.coalition_table(n, game)
    assert x.sum() == pytest.approx(table[-1])
    assert a.core_check(n, game, x, tol=1e-7 * table[-1]).in_core
    assert a.core_check(n, game, xbec.shapley(n, game), tol=1e-7 * table[-1]).in_core  # convex: Shapley in core


def test_nucleolus_domain_errors():
    with pytest.raises(xbec.ModelDomainError, match="imputation"):
        a.nucleolus(2, {frozenset({0}): 2.0, frozenset({1}): 2.0, frozenset({0, 1}): 1.0})
    with pytest.raises(xbec.ModelDomainError, match="n="):
        a.nucleolus(13, lambda S: 0.0)
    with pytest.raises(xbec.ModelDomainError, match="x has"):
        a.core_check(3, lambda S: 0.0, [1.0, 2.0])
    # the pre-nucleolus may leave the imputation set; the nucleolus may not
    game = {frozenset({0}): 0.0, frozenset({1}): 0.0, frozenset({2}): 0.0,
            frozenset({0, 1}): 0.0, frozenset({0, 2}): 0.0, frozenset({1, 2}): 0.0, frozenset({0, 1, 2}): 1.0}
    np.testing.assert_allclose(a.nucleolus(3, game), [1 / 3] * 3)
    np.testing.assert_allclose(a.nucleolus(3, game, imputations=False), [1 / 3] * 3)


# ---------------------------------------------------------------------------
# 4. Cost measurement
# ---------------------------------------------------------------------------


def test_cost_evaluations_counted():
    sh = a.measure_shapley_cost([2, 5, 10])
    assert sh.evaluations.tolist() == [4, 32, 1024]
    sv = a.measure_shapley_cost([5, 8], vectorised=True)
    assert sv.evaluations.tolist() == [32, 256]
    ra = a.measure_raiffa_cost([2, 10, 1000])
    assert ra.evaluations.tolist() == [3, 11, 1001]
    assert np.all(sh.seconds >= 0) and np.all(ra.seconds >= 0)


def test_counting_worth_is_consistent():
    g = a.CountingWorth(a.cost_game_weights(6, seed=3))
    table = g.table()
    for S in range(64):
        coalition = frozenset(i for i in range(6) if S >> i & 1)
        assert g(coalition) == pytest.approx(table[S])
    np.testing.assert_allclose(g.without_each(), [table[63 ^ (1 << i)] for i in range(6)])
    assert g.grand() == pytest.approx(table[63])
    # same Shapley value through the callable and the array path
    np.testing.assert_allclose(xbec.shapley(6, g), xbec.shapley(6, table))


def test_fit_cost_growth_recovers_synthetic_growth():
    ns = np.arange(8, 20)
    m = a.CostMeasurement("synthetic", ns, 1e-6 * 2.0**ns, 2**ns)
    fit = a.fit_cost_growth(m, n_min=10)
    assert fit.slope == pytest.approx(1.0) and fit.intercept == pytest.approx(math.log2(1e-6))
    assert fit.n_for(1e-6 * 2.0**25) == pytest.approx(25.0)
    assert fit.seconds(25) == pytest.approx(1e-6 * 2.0**25)
    with pytest.raises(xbec.ModelDomainError, match="n_min"):
        a.fit_cost_growth(m, n_min=19)
    with pytest.raises(xbec.ModelDomainError, match="ns"):
        a.measure_shapley_cost([30])


def test_measure_with_a_fake_clock():
    ticks = iter(range(0, 1000, 1))
    m = a.measure_raiffa_cost([3, 4], repeat=2, clock=lambda: float(next(ticks)))
    assert m.seconds.tolist() == [1.0, 1.0]


# ---------------------------------------------------------------------------
# Figures
# ---------------------------------------------------------------------------


def test_figures(tmp_path):
    pytest.importorskip("matplotlib")
    from xbec.figures import beyond as ap

    m = a.band_map(PAPER, "b2", np.linspace(0, 2.4, 30), "gamma1", np.linspace(0.2, 3, 25))
    figs = {
        "band": ap.band_map_figure(m, mark=(PAPER.b2, PAPER.gamma1)),
        "contracts": ap.contracts_figure(PAPER, np.linspace(0.3, 1.0, 50)),
        "alloc": ap.allocations_figure(a.compare_allocations(V08, VP.mu, VP.F, pair_factor=0.5)),
        "sens": ap.allocation_sensitivity_figure(a.allocation_sensitivity(V08, VP.mu, VP.F, np.linspace(0, 1, 5))),
        "cost": ap.cost_figure([a.measure_shapley_cost([2, 4, 6, 8, 10]), a.measure_raiffa_cost([2, 100, 10**4])],
                               fit=a.fit_cost_growth(a.measure_shapley_cost([6, 8, 10]), n_min=6),
                               extrapolate_to=24),
    }
    expected_axes = {"band": 6, "contracts": 3, "alloc": 1, "sens": 4, "cost": 3}  # band: 3 maps + colorbars
    for name, fig in figs.items():
        assert len(fig.axes) == expected_axes[name], name
    from xbec.figures import save

    paths = save(figs["alloc"], tmp_path, "alloc")
    assert [p.suffix for p in paths] == [".png", ".svg"]
    assert all(p.stat().st_size > 1000 for p in paths)


@pytest.mark.parametrize("beta", [1e6, 1e12])
def test_large_markets_keep_the_linear_programmes_feasible(beta):
    """Issue 11: `-p beta=1e6` made beyond_allocation fail with an infeasible LP (HiGHS' absolute tolerances)."""
    params = xbec.HorizontalParams(beta=beta)
    V = float(xbec.revenue_sharing(params, 0.8).pi_platform)
    sens = a.allocation_sensitivity(V, VP.mu, VP.F, np.linspace(0, 1, 6))
    for rule in a.RULES:
        np.testing.assert_allclose(sens.allocations[rule].sum(axis=1), V, rtol=1e-9)
    small = a.compare_allocations(3000.0, VP.mu, VP.F, pair_factor=0.5)
    big = a.compare_allocations(3000.0 * beta, np.asarray(VP.mu) * beta, VP.F, pair_factor=0.5)
    # the nucleolus and the least core scale with the game
    np.testing.assert_allclose(big.allocations["nucleolus"], small.allocations["nucleolus"] * beta, rtol=1e-7)
    assert big.least_core_epsilon == pytest.approx(small.least_core_epsilon * beta, rel=1e-7)


def test_no_single_coordinating_share_beats_the_paper_band():
    """Issue 10: the dominating intervals at the band's two ends are disjoint."""
    band = xbec.acceptable_lambda(xbec.HorizontalParams())
    c = a.common_dominating_shares(xbec.HorizontalParams(), band)
    assert not c.exists and c.ends_disjoint and c.sup_lo > c.inf_hi and c.at_lo[1] < c.at_hi[0]
    assert c.at_lo == pytest.approx(a.dominating_shares(xbec.HorizontalParams(), band.lo), abs=1e-12)


@settings(max_examples=20)
@given(horizontal_params(), st.floats(0.01, 0.99))
def test_common_dominating_shares_are_consistent(params, u):
    try:
        band = xbec.acceptable_lambda(params)
    except xbec.ModelDomainError:
        return
    c = a.common_dominating_shares(params, band)
    lam = band.lo + u * (band.hi - band.lo)
    lo, hi = a.dominating_shares(params, lam)
    assert float(lo) <= c.sup_lo + 1e-9 and float(hi) >= c.inf_hi - 1e-9
    if c.exists and c.inf_hi - c.sup_lo > 1e-6:
        mid = 0.5 * (c.sup_lo + c.inf_hi)
        co, rs = xbec.coordinating_contract(params, mid), xbec.revenue_sharing(params, lam)
        assert co.pi_platform > rs.pi_platform and co.pi_manufacturer > rs.pi_manufacturer


def test_measure_costs_counts_evaluations():
    run = a.measure_costs(8, 8, [2, 3, 4, 50], 4, 5)
    assert run.shapley.n.tolist() == list(range(2, 9))
    assert run.shapley.evaluations.tolist() == [2**n for n in range(2, 9)]
    assert run.vectorised.evaluations.tolist() == [2**n for n in range(2, 9)]
    assert run.raiffa.evaluations.tolist() == [3, 4, 5, 51] and run.nucleolus.n.tolist() == [3, 4]
    assert run.fit.n_min == run.fit_vectorised.n_min == 5 and run.fit.slope > 0
