"""Order of moves (xbec.model.leaders): closed forms against sympy and a numeric optimiser."""

from __future__ import annotations

import numpy as np
import pytest
import sympy as sp
from hypothesis import given
from hypothesis import strategies as st
from scipy.optimize import minimize, minimize_scalar

import xbec
from xbec import HorizontalParams, ModelDomainError
from xbec.model import horizontal as h
from xbec.model import leaders as ld
from xbec.replication import symbolic_leaders as sl
from xbec.replication.symbolic import SYMBOLS

from ..band_reference import slack
from ..conftest import horizontal_params

PAPER = HorizontalParams()


def numeric_platform_reply(params, w):
    """The platform's best (p, s) for a given wholesale price: a trust-region Newton search on eq (1).

    With its gradient and Hessian (BFGS alone left errors of a few 1e-4 in the leader's optimum).
    """
    def neg(z):
        p, s = z
        d = h.demand(params, p, s)
        grad = np.array([d - params.b1 * (p - w), params.b2 * (p - w) - params.gamma1 * s])
        return -h.platform_profit(params, p, w, s), -grad

    hess = np.array([[2 * params.b1, -params.b2], [-params.b2, params.gamma1]])
    res = minimize(neg, np.array([w + 1.0, 1.0]), jac=True, hess=lambda z: hess, method="trust-exact",
                   options={"gtol": 1e-12})
    return res.x


def numeric_manufacturer_led(params):
    """Backward induction by optimisers only: bounded scalar search over w of pi2(w, reply(w))."""
    def neg(w):
        p, s = numeric_platform_reply(params, w)
        return -h.manufacturer_profit(params, p, w, s)

    hi = params.beta / params.b1
    res = minimize_scalar(neg, bounds=(params.c, hi), method="bounded", options={"xatol": 1e-9})
    p, s = numeric_platform_reply(params, res.x)
    return p, res.x, s


@given(horizontal_params())
def test_manufacturer_led_matches_numeric_backward_induction(params):
    d = xbec.decentralized(params, leader="manufacturer")
    p, w, s = numeric_manufacturer_led(params)
    scale = max(1.0, d.p)
    for ours, numeric in ((d.w, w), (d.p, p), (d.s, s)):
        assert ours == pytest.approx(numeric, abs=1e-6 * scale)
    # the paper's hypotheses hold in the manufacturer-led game too
    assert d.p > d.w > params.c and d.demand > 0 and d.markup == pytest.approx(d.p - d.w)


def _numeric(expr, params):
    S = SYMBOLS
    return float(expr.subs({S[k]: v for k, v in params.as_dict().items()}))


@given(horizontal_params())
def test_manufacturer_led_closed_forms_agree_with_sympy(params):
    sol = sl.manufacturer_led_solution()
    d = xbec.decentralized(params, leader="manufacturer")
    for key, ours in [("p", d.p), ("w", d.w), ("s", d.s), ("demand", d.demand),
                      ("pi_platform", d.pi_platform), ("pi_manufacturer", d.pi_manufacturer)]:
        assert ours == pytest.approx(_numeric(sol[key], params), rel=1e-10, abs=1e-8), key
    soc = ld.second_order_conditions(params, "manufacturer")
    assert soc["follower: 2 b1 gamma1 - b2^2"] == pytest.approx(_numeric(sol["follower_hessian_det"], params))
    assert -soc["leader: 2 b1^2 gamma1 / Delta"] == pytest.approx(_numeric(sol["leader_curvature"], params))
    assert all(value > 0 for value in soc.values())


def test_manufacturer_led_symbolic_closed_forms_are_the_numpy_formulas():
    S = SYMBOLS
    sol = sl.manufacturer_led_solution()
    sym = ld.manufacturer_led_prices(type("P", (), {k: S[k] for k in ("beta", "b1", "b2", "gamma1", "c", "K")}))
    for key, expr in zip(("p", "w", "s"), sym):
        assert sp.cancel(sp.together(expr - sol[key])) == 0, key
    u = S["beta"] - S["b1"] * S["c"]
    delta = 2 * S["b1"] * S["gamma1"] - S["b2"] ** 2
    assert sp.cancel(sol["pi_manufacturer"] - S["gamma1"] * u**2 / (4 * delta)) == 0
    assert sp.cancel(sol["pi_platform"] - (S["gamma1"] * u**2 / (8 * delta) - S["K"])) == 0


def test_literal_reading_has_no_interior_equilibrium():
    lit = sl.literal_reading()
    assert lit["d2pi2_dw2"] == 0  # eq (2) is linear in w for fixed p, s
    assert sp.expand(lit["dpi2_dw"] - lit["demand"]) == 0  # slope = demand > 0: w rises to p
    assert SYMBOLS["w"] not in lit["dpi2_dw"].free_symbols
    with pytest.raises(ModelDomainError, match="no interior maximum"):
        xbec.decentralized(PAPER, leader=ld.LITERAL_READING)
    with pytest.raises(ModelDomainError, match="leader='retailer': must be one of"):
        xbec.decentralized(PAPER, leader="retailer")
    with pytest.raises(ModelDomainError, match="leader"):
        xbec.acceptable_lambda(PAPER, leader=ld.LITERAL_READING)


def test_paper_values_under_each_leader():
    plat = xbec.decentralized(PAPER)
    assert xbec.decentralized(PAPER, "platform") == plat
    assert (plat.p, plat.w, plat.s) == pytest.approx((87.142857, 35.714286, 25.714286), abs=1e-6)
    man = xbec.decentralized(PAPER, "manufacturer")
    # u = 180, Delta = 3: w = c + u/(2 b1) = 55, p = w + u/6 = 85, s = u/6 = 30
    assert (man.p, man.w, man.s, man.demand) == pytest.approx((85.0, 55.0, 30.0, 60.0), rel=1e-14)
    assert (man.pi_platform, man.pi_manufacturer) == pytest.approx((1340.0, 2700.0), rel=1e-14)


def test_domain_errors_name_the_rule():
    with pytest.raises(ModelDomainError, match=r"beta=20: the manufacturer-led equilibrium needs beta - b1\*c > 0"):
        xbec.decentralized(HorizontalParams(beta=20, c=10), leader="manufacturer")
    # the second-order conditions fail outside HorizontalParams' domain (arrays are not validated)
    grid = h.ParameterArrays(*(np.asarray(x) for x in (200.0, 1.0, 1.5, 1.0, 10.0, 10.0)))
    assert ld.second_order_conditions(grid, "manufacturer")["follower: 2 b1 gamma1 - b2^2"] < 0
    with pytest.raises(ModelDomainError, match="2 b1 gamma1 - b2\\^2 > 0"):
        ld.check_domain(grid, "manufacturer")


def test_manufacturer_led_band_at_the_paper_point():
    """Empty with the paper's three conditions; participation alone leaves (0.4881, 2/3)."""
    with pytest.raises(ModelDomainError, match="no lam in"):
        xbec.acceptable_lambda(PAPER, leader="manufacturer")
    lo, hi = xbec.acceptable_lambda(PAPER, leader="manufacturer", platform_earns_more=False)
    man = xbec.decentralized(PAPER, "manufacturer")
    lam = np.linspace(1e-3, 1.0, 200001)
    ok = slack(PAPER, lam, man.pi_platform, man.pi_manufacturer, earns_more=True) > 0
    assert not ok.any()  # independent scan: pi1 > pi2 never meets the participation conditions
    ok = slack(PAPER, lam, man.pi_platform, man.pi_manufacturer, earns_more=False) > 0
    assert lam[ok].min() == pytest.approx(lo, abs=1e-5) and lam[ok].max() == pytest.approx(hi, abs=1e-5)
    assert hi == pytest.approx(2 / 3, abs=1e-12)


@given(horizontal_params(), st.booleans())
def test_manufacturer_led_band_ends_are_roots(params, earns_more):
    try:
        lo, hi = xbec.acceptable_lambda(params, leader="manufacturer", platform_earns_more=earns_more)
    except ModelDomainError:
        return
    man = xbec.decentralized(params, "manufacturer")
    scale = max(1.0, abs(man.pi_platform), man.pi_manufacturer)
    inside = slack(params, np.linspace(lo, hi, 9)[1:-1], man.pi_platform, man.pi_manufacturer, earns_more)
    assert np.all(inside > 0)
    for end in (lo, hi):
        if 0 < end < 1:
            assert abs(float(slack(params, end, man.pi_platform, man.pi_manufacturer, earns_more)[0])) < 1e-6 * scale
