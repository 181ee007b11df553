"""The one set of input validators (xbec/_validate.py) and the Python-API defects of issue 11.

Every validator rejects strings, bools, complex numbers and other objects in
arrays as in scalars, non-finite values and intermediate results that
overflow, with a :class:`~xbec.errors.ModelDomainError` naming the parameter
the caller passed.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import xbec
from xbec import _validate as v
from xbec.errors import ModelDomainError
from xbec.model import contracts as C
from xbec.model.horizontal import HorizontalParams, revenue_sharing
from xbec.model.vertical import VerticalParams, improved_raiffa, raiffa, raiffa_upper_limits, service_shares

NOT_REAL = ["0.5", b"1", True, False, np.bool_(True), 0.5 + 0j, np.complex128(1), None, object(), [0.5], {}]
NOT_REAL_IN_ARRAYS = [
    ["0.5", 0.6],
    [True, 0.5],
    [0.5, False],
    [0.5 + 0j, 0.6],
    [0.5, None],
    [[0.5], [0.6, 0.7]],  # ragged
    np.array([True, False]),
    np.array(["0.5"]),
    np.array([0.5 + 0j]),
    np.array([0.5, None], dtype=object),
]
NON_FINITE = [math.nan, math.inf, -math.inf, np.float64("nan"), 10**400]


# ---------------------------------------------------------------------------
# The validators themselves
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("value", NOT_REAL)
@pytest.mark.parametrize("check", [v.finite_real, v.positive, v.non_negative])
def test_scalar_checks_reject_non_reals(check, value):
    with pytest.raises(ModelDomainError, match=r"^x=.*must be a real number"):
        check("x", value)


@pytest.mark.parametrize("value", NOT_REAL[:8] + NOT_REAL_IN_ARRAYS)
@pytest.mark.parametrize("check", [v.real_array, v.share, lambda n, x: v.vector(n, x, min_len=1)])
def test_array_checks_reject_non_reals_like_scalar_checks(check, value):
    with pytest.raises(ModelDomainError, match=r"^x\b.*real number|^x=.*dtype"):
        check("x", value)


@pytest.mark.parametrize("value", NON_FINITE)
def test_non_finite_rejected_as_scalar_and_in_arrays(value):
    with pytest.raises(ModelDomainError, match=r"^x=.*finite"):
        v.finite_real("x", value)
    with pytest.raises(ModelDomainError, match=r"^x\b.*finite"):
        v.real_array("x", [1.0, value])


@given(st.floats(allow_nan=False, allow_infinity=False) | st.integers(-(10**300), 10**300))
def test_finite_reals_accepted_exactly(x):
    assert v.finite_real("x", x) == float(x)
    np.testing.assert_array_equal(v.real_array("x", [x, x]), [float(x), float(x)])


@given(st.lists(st.floats(allow_nan=False, allow_infinity=False), min_size=1, max_size=20))
def test_real_array_accepts_lists_and_arrays_alike(xs):
    np.testing.assert_array_equal(v.real_array("x", xs), v.real_array("x", np.array(xs)))


@given(st.floats(allow_nan=True, allow_infinity=True))
def test_share_accepts_exactly_the_half_open_unit_interval(x):
    if math.isfinite(x) and 0 < x <= 1:
        assert float(v.share("lam", x)) == x
    else:
        with pytest.raises(ModelDomainError, match=r"^lam=.*requires 0 < lam <= 1"):
            v.share("lam", x)


@given(
    st.floats(min_value=-10, max_value=10),
    st.floats(min_value=-5, max_value=5),
    st.floats(min_value=0, max_value=5),
    st.booleans(),
    st.booleans(),
)
def test_interval_rule_matches_its_message(x, lo, width, lo_open, hi_open):
    hi = lo + width
    inside = (x > lo if lo_open else x >= lo) and (x < hi if hi_open else x <= hi)
    if inside:
        assert float(v.interval("q", x, lo, hi, lo_open=lo_open, hi_open=hi_open)) == x
    else:
        rule = f"{lo:g} {'<' if lo_open else '<='} q {'<' if hi_open else '<='} {hi:g}"
        with pytest.raises(ModelDomainError) as err:
            v.interval("q", x, lo, hi, lo_open=lo_open, hi_open=hi_open)
        assert str(err.value).startswith("q=") and rule in str(err.value)


def test_finite_result_names_the_largest_input():
    with np.errstate(over="ignore"):
        det = 2 * np.float64(2.0) * np.float64(1e308)
    with pytest.raises(ModelDomainError, match=r"^gamma1=1e\+308: too large, 2\*b1\*gamma1 overflows"):
        v.finite_result("2*b1*gamma1", det, {"b1": 2.0, "gamma1": 1e308})
    assert v.finite_result("x", 3.0, {"a": 1.0}) == 3.0


def test_echoed_values_are_truncated():
    with pytest.raises(ModelDomainError) as err:
        v.finite_real("x", "y" * 10_000)
    assert len(str(err.value)) < 200
    with pytest.raises(ModelDomainError) as err:
        v.real_array("x", ["y"] * 10_000)
    assert len(str(err.value)) < 300


def test_flag_and_one_of():
    assert v.flag("f", np.bool_(True)) is True
    for bad in (1, 0, "True", None):
        with pytest.raises(ModelDomainError, match=r"^f=.*requires a bool"):
            v.flag("f", bad)
    assert v.one_of("config", "WA", C.CONFIGURATIONS) == "WA"
    for bad in ("wa", 1, None, ("W", "A")):
        with pytest.raises(ModelDomainError, match=r"^config=.*requires one of WW, WA, AW, AA"):
            v.one_of("config", bad, C.CONFIGURATIONS)


# ---------------------------------------------------------------------------
# Issue 11, "Bad input that passes the check": the Python API's cases
# ---------------------------------------------------------------------------

P = HorizontalParams()
MU = (1600.0, 2000.0, 2300.0, 2200.0)


@pytest.mark.parametrize(
    "kwargs, name, expression",
    [
        ({"gamma1": 1e308}, "gamma1", r"2\*b1\*gamma1"),
        ({"b1": 1e308}, "b1", r"2\*b1\*gamma1"),
        ({"b2": 1e200}, "b2", r"b2\*\*2"),
        ({"beta": 1e155}, "beta", r"beta\*\*2"),
        ({"c": 1e160}, "c", r"c\*\*2"),
        ({"K": 1e307, "gamma1": 1e3}, "K", r"\* K"),
    ],
)
def test_horizontal_params_reject_products_that_overflow(kwargs, name, expression):
    with pytest.raises(ModelDomainError, match=rf"^{name}=\S+: too large, .*{expression}"):
        HorizontalParams(**kwargs)


@settings(max_examples=60, deadline=None)
@given(
    st.fixed_dictionaries(
        {
            "beta": st.floats(min_value=1e-3, max_value=1e100),
            "b1": st.floats(min_value=1e-3, max_value=1e100),
            "b2": st.floats(min_value=0, max_value=1e100),
            "gamma1": st.floats(min_value=1e-3, max_value=1e100),
            "c": st.floats(min_value=0, max_value=1e100),
            "K": st.floats(min_value=0, max_value=1e100),
        }
    )
)
def test_accepted_horizontal_params_never_give_nan_or_inf(kw):
    """Over a domain spanning 200 orders of magnitude: either a named error or finite results."""
    try:
        params = HorizontalParams(**kw)
    except ModelDomainError as exc:
        assert str(exc).split("=")[0] in kw  # names a parameter the caller passed
        return
    try:
        dec, cen = xbec.decentralized(params), xbec.centralized(params)
    except ModelDomainError as exc:
        assert "beta" in str(exc)  # beta <= b1*c: no equilibrium with positive demand
        return
    assert all(np.isfinite([dec.p, dec.w, dec.s, dec.demand, dec.pi_platform, dec.pi_manufacturer]))
    assert all(np.isfinite([cen.p, cen.s, cen.demand, cen.pi_total]))


@pytest.mark.parametrize(
    "lam",
    ["0.5", True, np.bool_(True), 0.5 + 0j, np.array([0.5 + 0j]), [0.5, "0.6"], [True, 0.5], None],
)
def test_revenue_sharing_rejects_lam_that_is_not_real(lam):
    with pytest.raises(ModelDomainError, match=r"^lam\b"):
        revenue_sharing(P, lam)


@pytest.mark.parametrize("V", ["3000", True, 3000 + 0j, ["3000"], [3000, None]])
def test_raiffa_rejects_V_that_is_not_real(V):
    with pytest.raises(ModelDomainError, match=r"^V\b"):
        raiffa(V, MU)
    with pytest.raises(ModelDomainError, match=r"^V\b"):
        improved_raiffa(V, MU, VerticalParams().F)


def test_improved_raiffa_rejects_a_negative_share():
    with pytest.raises(ModelDomainError, match=r"^F=.*every service share must be >= 0"):
        improved_raiffa(3000, MU, [0.5, 0.6, -0.2, 0.1])


def test_service_shares_with_huge_costs_are_rejected_not_summed_to_0_3():
    with pytest.raises(ModelDomainError, match=r"^phi=1e\+308: too large, sum\(phi\) overflows"):
        service_shares([1e308] * 4, [0.7, 0.5, 0.4, 0.6])
    with pytest.raises(ModelDomainError, match=r"^phi="):  # names phi, not F
        VerticalParams(phi=(1e308,) * 4)
    with pytest.raises(ModelDomainError, match=r"^theta="):
        VerticalParams(theta=(1e308,) * 4)


@given(st.lists(st.floats(min_value=0, max_value=1e308), min_size=2, max_size=6).filter(lambda xs: sum(xs) > 0))
def test_service_shares_are_shares_or_a_named_error(phi):
    theta = [1.0] * len(phi)
    try:
        F = service_shares(phi, theta)
    except ModelDomainError as exc:
        assert str(exc).startswith("phi=")
        return
    assert np.all(F >= 0) and math.isclose(F.sum(), 1.0, abs_tol=1e-9)


def test_huge_worths_are_rejected_naming_mu_or_V():
    with pytest.raises(ModelDomainError, match=r"^mu=1e\+308: too large"):
        raiffa(3000, [1e308] * 4)
    with pytest.raises(ModelDomainError, match=r"^mu=1e\+308: too large, sum\(mu\)"):
        VerticalParams(mu=(1e308,) * 4)
    with pytest.raises(ModelDomainError, match=r"^mu=1\.7e\+308: too large, eq \(13\)"):
        improved_raiffa(3000, [1.7e308, 1.7e308, 0, 0], [0.1, 0.2, 0.3, 0.4])
    with pytest.raises(ModelDomainError, match=r"^V=1\.7e\+308: too large"):
        raiffa_upper_limits(1.7e308, [-1.7e308, 0])


@settings(max_examples=100, deadline=None)
@given(
    st.floats(min_value=-1e300, max_value=1e300),
    st.lists(st.floats(min_value=-1e300, max_value=1e300), min_size=2, max_size=6),
)
def test_raiffa_is_finite_and_efficient_or_a_named_error(V, mu):
    try:
        x = raiffa(V, mu)
    except ModelDomainError as exc:
        assert str(exc).split("=")[0] in ("V", "mu")
        return
    assert np.all(np.isfinite(x))
    assert math.isclose(x.sum(), V, rel_tol=1e-9, abs_tol=1e-9 * max(1.0, max(abs(m) for m in mu)))


@pytest.mark.parametrize("bad", ["0.5", True, 0.5 + 0j, [0.5, True], np.array([0.5 + 0j])])
def test_contracts_reject_non_reals_naming_the_parameter(bad):
    for name, call in (
        ("alpha", lambda: C.thresholds(bad, 0.5)),
        ("beta", lambda: C.thresholds(0.5, bad)),
        ("r", lambda: C.choice_grid(0.5, 0.5, bad)),
    ):
        with pytest.raises(ModelDomainError, match=rf"^{name}\b"):
            call()


@given(st.integers(-5, 40) | st.floats(allow_nan=True) | st.booleans() | st.text(max_size=3))
def test_integer_accepts_exactly_integers_in_range(x):
    ok = isinstance(x, int) and not isinstance(x, bool) and 1 <= x <= 26
    if ok:
        assert v.integer("n", x, lo=1, hi=26) == x
    else:
        with pytest.raises(ModelDomainError, match=r"^n="):
            v.integer("n", x, lo=1, hi=26)


def test_beyond_rejects_non_integers_flags_and_overflowing_excesses():
    from xbec import beyond as b

    with pytest.raises(ModelDomainError, match=r"^platform_leads='yes': requires a bool"):
        b.coordinating_acceptable_lambda(P, platform_leads="yes")
    for seed in (0.5, True, None, -1):
        with pytest.raises(ModelDomainError, match=r"^seed="):
            b.cost_game_weights(4, seed=seed)
    with pytest.raises(ModelDomainError, match=r"^repeat=0: requires 1 <= repeat"):
        b.measure_raiffa_cost([4], repeat=0)
    game = b.vertical_game(3000.0, MU)
    with pytest.raises(ModelDomainError, match=r"^x=1e\+308: too large"):
        b.core_check(4, game, [1e308, 1e308, 1.0, 1.0])
    with pytest.raises(ModelDomainError, match=r"^v=1e\+308: too large"):
        xbec.shapley(2, {frozenset({0}): -1e308, frozenset({1}): 1.0, frozenset({0, 1}): 1e308})
    with pytest.raises(ModelDomainError, match=r"^worth\(\{0\}\)='1': must be a real number"):
        b.core_check(2, {frozenset({0}): "1", frozenset({1}): 1.0, frozenset({0, 1}): 3.0}, [1.0, 2.0])


# -- issue 16 item 4: no silent nan/inf from the API ------------------------------------------------------------


def test_tiny_b1_is_refused_naming_b1():
    for b1, what in ((1e-308, "underflows"), (1e-306, "overflows")):
        with pytest.raises(ModelDomainError, match=rf"^b1={b1:g}: too small, .*{what}"):
            HorizontalParams(beta=15, b1=b1, b2=0)


@settings(max_examples=60, deadline=None)
@given(st.floats(-320, 2), st.floats(-320, 2), st.floats(0, 3), st.floats(0.05, 0.95))
def test_accepted_parameters_give_finite_outcomes(lb1, lg, beta_exp, lam):
    try:
        p = HorizontalParams(beta=10.0 ** (beta_exp + 1.5), b1=10.0**lb1, b2=0.0, gamma1=10.0**lg, c=0.0)
    except ModelDomainError:
        return
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        for result in (xbec.decentralized(p), xbec.centralized(p), revenue_sharing(p, lam)):
            assert all(np.isfinite(x).all() for x in vars(result).values()), result


def test_thresholds_never_nan_or_wrong_for_tiny_inputs():
    with pytest.raises(ModelDomainError, match=r"^alpha=1e-200: too small"):
        C.thresholds(1e-200, 1e-200)
    tiny, small = C.thresholds(1e-100, 1e-100), C.thresholds(1e-20, 1e-20)  # the scale of the polynomials
    assert all(math.isfinite(tiny[k]) and tiny[k] == pytest.approx(small[k], abs=1e-12) for k in small), tiny


def test_service_shares_sum_to_one_even_for_subnormal_criteria():
    for phi in ([5e-324, 0], [5e-324, 1e-323], [1e-310, 3e-310]):
        F = service_shares(phi, [587.76, 1000], (0.176, 0.824))
        assert F.sum() == pytest.approx(1.0, abs=1e-12) and np.all(F >= 0)


def test_degenerate_band_is_no_band():
    p = HorizontalParams(b1=0.010000000000000002, gamma1=0.010000000000000002, b2=0.01)
    with pytest.raises(ModelDomainError, match="no acceptable band|no lam in"):  # degenerate or empty: no band
        xbec.acceptable_lambda(p)
    band = xbec.acceptable_lambda(HorizontalParams())  # a real band: each member gains inside it
    mid, dec = 0.5 * (band.lo + band.hi), xbec.decentralized(HorizontalParams())
    r = revenue_sharing(HorizontalParams(), mid)
    assert r.pi_platform > dec.pi_platform and r.pi_manufacturer > dec.pi_manufacturer
