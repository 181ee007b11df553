"""§4: Raiffa, improved Raiffa, service shares and the Shapley value."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import xbec
from xbec import ModelDomainError, VerticalParams
from xbec.model.vertical import raiffa_lower_limits, raiffa_upper_limits

finite = st.floats(-1e4, 1e4, allow_nan=False)
mus = st.lists(st.floats(0, 1e4), min_size=2, max_size=9)


@given(mus, st.lists(finite, min_size=1, max_size=5))
def test_raiffa_allocates_exactly_V(mu, V):
    x = xbec.raiffa(V, mu)
    assert x.shape == (len(V), len(mu))
    np.testing.assert_allclose(x.sum(axis=-1), V, atol=1e-8 * (1 + np.abs(V).max() + max(mu)))
    assert xbec.raiffa(V[0], mu).shape == (len(mu),)


@given(st.integers(2, 9).flatmap(lambda n: st.tuples(
    st.lists(st.floats(0, 1e4), min_size=n, max_size=n),
    st.lists(st.floats(0.01, 100), min_size=n, max_size=n),
    st.lists(st.floats(0.01, 1), min_size=n, max_size=n),
    st.floats(0, 1))), finite)
def test_improved_raiffa_allocates_exactly_V(data, V):
    mu, phi, theta, w1 = data
    F = xbec.service_shares(phi, theta, (w1, 1 - w1))
    assert F.sum() == pytest.approx(1.0) and (F >= 0).all()
    x = xbec.improved_raiffa(V, mu, F)
    assert x.sum() == pytest.approx(V, abs=1e-8 * (1 + abs(V) + max(mu)))
    # eq (15) = eq (13) + (F - 1/n) V
    np.testing.assert_allclose(x - xbec.raiffa(V, mu), (F - 1 / len(mu)) * V, atol=1e-7 * (1 + abs(V)))


def test_raiffa_equal_shares_when_symmetric():
    np.testing.assert_allclose(xbec.raiffa(100.0, [60, 60, 60, 60]), 25.0)


def test_raiffa_limits_solve_eq11_and_bracket():
    mu = np.array([1600.0, 2000, 2300, 2200])
    lower = raiffa_lower_limits(mu)
    for i in range(4):  # sum_k x_k - x_i = mu_i
        assert lower.sum() - lower[i] == pytest.approx(mu[i])
    np.testing.assert_allclose(raiffa_upper_limits(3000.0, mu), 3000.0 - mu)


def test_service_shares_paper_weights_by_hand():
    F = xbec.service_shares([20, 15, 8, 12], [0.7, 0.5, 0.4, 0.6], (0.7, 0.3))
    np.testing.assert_allclose(F, [0.7 * 20 / 55 + 0.3 * 0.7 / 2.2, 0.7 * 15 / 55 + 0.3 * 0.5 / 2.2,
                                   0.7 * 8 / 55 + 0.3 * 0.4 / 2.2, 0.7 * 12 / 55 + 0.3 * 0.6 / 2.2])
    F3 = xbec.service_shares([1, 1], [1, 3], (0.5, 0.25, 0.25), service_levels=[3, 1])
    np.testing.assert_allclose(F3, [0.5 * 0.5 + 0.25 * 0.25 + 0.25 * 0.75, 0.25 + 0.25 * 0.75 + 0.25 * 0.25])


@pytest.mark.parametrize(
    "call, match",
    [
        (lambda: xbec.service_shares([1, 2], [1, 2, 3]), "lengths differ"),
        (lambda: xbec.service_shares([1], [1]), "n >= 2"),
        (lambda: xbec.service_shares([1, 2], [1, 2], (0.5, 0.6)), "must sum to 1"),
        (lambda: xbec.service_shares([1, 2], [1, 2], (1.2, -0.2)), "weight must be >= 0"),
        (lambda: xbec.service_shares([1, 2], [1, 2], (1.0,)), "need 2 weights"),
        (lambda: xbec.service_shares([-1, 2], [1, 2]), "phi=.*>= 0"),
        (lambda: xbec.service_shares([0, 0], [1, 2]), "phi=.*not all be 0"),
        (lambda: xbec.service_shares([1, float("nan")], [1, 2]), "phi: every entry must be finite"),
        (lambda: xbec.raiffa(10, [1.0]), "mu: needs n >= 2"),
        (lambda: xbec.raiffa(float("inf"), [1, 2]), "V: every entry must be finite"),
        (lambda: xbec.improved_raiffa(10, [1, 2, 3], [0.5, 0.5]), "lengths must agree"),
        (lambda: xbec.improved_raiffa(10, [1, 2], [0.5, 0.6]), "must sum to 1"),
        (lambda: VerticalParams(mu=(1, 2, 3)), "mu has 3 members but phi/theta have 4"),
        (lambda: VerticalParams(weights=(0.5, 0.4)), "weights=.*must sum to 1"),
        (lambda: xbec.shapley(0, lambda S: 0), "n=0"),
        (lambda: xbec.shapley(2.5, lambda S: 0), "n=2.5: must be an integer"),
        (lambda: xbec.shapley(40, lambda S: 0), "n=40"),
        (lambda: xbec.shapley(2, {frozenset({0}): 1}), "no worth"),
        (lambda: xbec.shapley(2, {frozenset({0}): 1, frozenset({1}): 1, frozenset({0, 5}): 2}), "outside"),
        (lambda: xbec.shapley(2, lambda S: float("nan")), "finite"),
        (lambda: xbec.shapley(2, 3.0), "callable"),
    ],
)
def test_bad_input_raises_named_error(call, match):
    with pytest.raises(ModelDomainError, match=match):
        call()


def test_vertical_params_defaults_are_section_5_2():
    vp = VerticalParams()
    assert vp.n == 4 and vp.F.sum() == pytest.approx(1)


# ---------------------------------------------------------------------------
# Shapley value
# ---------------------------------------------------------------------------


def brute_force_shapley(n, v):
    """Average marginal contribution over all n! orders (independent check)."""
    phi = np.zeros(n)
    for order in itertools.permutations(range(n)):
        S: set[int] = set()
        for i in order:
            phi[i] += v(frozenset(S | {i})) - v(frozenset(S))
            S.add(i)
    return phi / math.factorial(n)


@pytest.mark.parametrize(
    "n, v, expected",
    [
        # two players: v1 = 1, v2 = 2, v12 = 5 -> each gets its own worth plus half the surplus
        (2, {frozenset({0}): 1, frozenset({1}): 2, frozenset({0, 1}): 5}, [2.0, 3.0]),
        # glove game: player 0 holds a left glove, players 1 and 2 right gloves
        (3, lambda S: 1.0 if 0 in S and len(S) >= 2 else 0.0, [2 / 3, 1 / 6, 1 / 6]),
        # simple majority game of three
        (3, lambda S: 1.0 if len(S) >= 2 else 0.0, [1 / 3, 1 / 3, 1 / 3]),
        # airport game (costs 1, 2, 3) as a savings-free cost game v(S) = -max cost
        (3, lambda S: -max((c for i, c in enumerate([1, 2, 3]) if i in S), default=0), [-1 / 3, -5 / 6, -11 / 6]),
    ],
)
def test_shapley_hand_checked_games(n, v, expected):
    np.testing.assert_allclose(xbec.shapley(n, v), expected, atol=1e-12)


games = st.integers(1, 6).flatmap(
    lambda n: st.tuples(st.just(n), st.lists(st.floats(-100, 100), min_size=2**n, max_size=2**n))
)


def _as_callable(table):
    return lambda S: table[sum(1 << i for i in S)] if S else 0.0


@given(games)
def test_shapley_matches_brute_force_and_is_efficient(game):
    n, table = game
    v = _as_callable(table)
    phi = xbec.shapley(n, v)
    np.testing.assert_allclose(phi, brute_force_shapley(n, v), atol=1e-9)
    assert phi.sum() == pytest.approx(v(frozenset(range(n))), abs=1e-9)


@given(games, games)
def test_shapley_additivity(g1, g2):
    n = min(g1[0], g2[0])
    v1, v2 = _as_callable(g1[1]), _as_callable(g2[1])
    total = xbec.shapley(n, lambda S: v1(S) + v2(S))
    np.testing.assert_allclose(total, xbec.shapley(n, v1) + xbec.shapley(n, v2), atol=1e-9)


@given(st.integers(2, 7), st.lists(st.floats(-50, 50), min_size=8, max_size=8))
def test_shapley_symmetry_and_null_player(n, by_size):
    # worth depends on coalition size only among players 1..n-1; player 0 is a null player
    v = lambda S: by_size[len(S - {0})] if S - {0} else 0.0
    phi = xbec.shapley(n, v)
    assert phi[0] == pytest.approx(0.0, abs=1e-9)
    np.testing.assert_allclose(phi[1:], phi[1], atol=1e-9)


def test_shapley_dict_and_callable_agree():
    n = 4
    v = lambda S: float(len(S) ** 2 + (3 in S))
    as_dict = {frozenset(S): v(frozenset(S)) for k in range(1, n + 1) for S in itertools.combinations(range(n), k)}
    np.testing.assert_allclose(xbec.shapley(n, as_dict), xbec.shapley(n, v))


def test_shapley_array_input_matches_callable():
    n = 5
    v = lambda S: float(len(S)) ** 1.5 + (2.0 if 1 in S else 0.0)
    table = np.array([v(frozenset(i for i in range(n) if m >> i & 1)) for m in range(2**n)])
    np.testing.assert_allclose(xbec.shapley(n, table), xbec.shapley(n, v))
    with pytest.raises(ModelDomainError, match=r"shape \(32,\)"):
        xbec.shapley(n, table[:-1])


def test_core_facts_at_the_paper():
    """§4's example: V(N) = pi1(0.71) is below sum(mu)/(n-1) = 2700, so the core is empty."""
    from xbec.model.vertical import core_facts

    V = float(xbec.revenue_sharing(xbec.HorizontalParams(), 0.71).pi_platform)
    f = core_facts(V, (1600, 2000, 2300, 2200))
    assert f.sum_lower == pytest.approx(2700.0) and f.core_empty and f.superadditive
    assert not core_facts(3000.0, (1600, 2000, 2300, 2200)).core_empty
    assert not core_facts(2000.0, (1600, 2000, 2300, 2200)).superadditive  # V < mu_3
    with pytest.raises(ModelDomainError, match="mu"):
        core_facts(1.0, [1.0])


@given(st.lists(st.floats(0.0, 1000.0), min_size=3, max_size=5), st.floats(0.0, 3000.0))
def test_core_facts_agree_with_the_least_core_lp(mu, V):
    """With worthless pairs and singletons, the core is empty iff V < sum(mu)/(n-1) or V < max(mu)."""
    from xbec.beyond import least_core_epsilon, vertical_game
    from xbec.model.vertical import core_facts

    f = core_facts(V, mu)
    eps = least_core_epsilon(len(mu), vertical_game(V, mu, pair_factor=0.0, singleton=0.0))
    scale = 1e-7 * max(1.0, V, max(mu))
    if f.core_empty and V < f.sum_lower - scale:
        assert eps > 0
    if not f.core_empty and f.superadditive and V > f.sum_lower + scale:
        assert eps <= scale
