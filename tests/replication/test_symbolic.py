"""Every printed formula against its sympy derivation; numeric code against sympy."""

from __future__ import annotations

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings

import xbec
from xbec.replication import symbolic as S

from ..conftest import horizontal_params

CHECKS = {c.key: c for c in S.checks()}


@pytest.mark.parametrize("key", sorted(CHECKS))
def test_printed_formula_agrees_with_derivation(key):
    assert CHECKS[key].agrees, f"{key}: printed {CHECKS[key].printed} vs derived {CHECKS[key].derived}"


def test_a_wrong_formula_would_be_caught():
    # the check is not vacuous: a mutated eq (5) does not agree with the derivation
    derived = S.manufacturer_reply()["eq5"]
    sym = S.SYMBOLS
    assert not S._same(derived, (sym["beta"] + sym["b2"] * sym["s"]) / sym["b1"] + sym["c"] - 2 * sym["p"])


def test_formula_checks_name_the_errata_about_their_description():
    # "21 of 21 agree" as formulas; the text misdescribes some, and each such check names its erratum
    from xbec.replication.errata import errata

    keys = {e.key for e in errata()}
    linked = {k for ch in S.checks() for k in ch.errata}
    assert linked and linked <= keys
    assert CHECKS["eq (3) Hessian"].errata == ("prop1-leader-concavity",)
    for ch in S.checks():
        assert "$" in ch.label or ch.label.startswith("eq (")


def _num(expr, params, **extra):
    sym = S.SYMBOLS
    subs = {sym[k]: v for k, v in params.as_dict().items()}
    subs.update({sym[k]: v for k, v in extra.items()})
    return float(expr.subs(subs))


@settings(max_examples=15)
@given(horizontal_params())
def test_numeric_closed_forms_equal_sympy_solutions(params):
    dec, sd = xbec.decentralized(params), S.decentralized_solution()
    for name in ("p", "w", "s", "demand", "pi_platform", "pi_manufacturer"):
        assert getattr(dec, name) == pytest.approx(_num(sd[name], params), rel=1e-9, abs=1e-9)
    cen, sc = xbec.centralized(params), S.centralized_solution()
    for name in ("p", "s", "demand", "pi_total"):
        assert getattr(cen, name) == pytest.approx(_num(sc[name], params), rel=1e-9, abs=1e-9)
    ss = S.sharing_solution()
    for lam in (0.95, 1.0):
        try:
            r = xbec.revenue_sharing(params, lam)
        except xbec.ModelDomainError:
            continue
        for name in ("w", "s", "demand", "pi_platform", "pi_manufacturer", "pi_total"):
            assert getattr(r, name) == pytest.approx(_num(ss[name], params, lam=lam), rel=1e-8, abs=1e-8)


def test_leader_concavity_condition_is_weaker_than_printed():
    # a parameter set with 2 b1 gamma1 < b2^2 < 4 b1 gamma1: the leader's problem is still concave
    H = S.leader_hessian()
    sym = S.SYMBOLS
    vals = {sym["b1"]: 1, sym["gamma1"]: 1, sym["b2"]: sp.Rational(3, 2)}
    Hn = np.array(H.subs(vals), dtype=float)
    assert np.all(np.linalg.eigvalsh(Hn) < 0)
    assert 2 * 1 * 1 - 1.5**2 < 0


@settings(max_examples=20, deadline=None)
@given(horizontal_params())
def test_profit_gap_is_rounding_only(params):
    scale = (params.beta**2 / params.b1) * (1 + params.b2**2 / (params.b1 * params.gamma1)) + params.K
    assert 0 <= S.profit_gap(params, points=50) <= 1e-9 * scale


def test_profit_gap_detects_a_wrong_model(monkeypatch):
    from xbec.model import horizontal as H

    monkeypatch.setattr(H, "manufacturer_profit", lambda params, p, w, s: (w - params.c) * (params.beta - params.b1 * p))
    assert S.profit_gap(xbec.HorizontalParams(), points=20) > 1.0


def test_raiffa_checks_are_the_raiffa_part_of_checks():
    raiffa = S.raiffa_checks()
    assert [c.key for c in raiffa] == [c.key for c in S.checks() if c.key.startswith(("eq (11)", "eq (13)"))]
    assert len(raiffa) == 10 and all(c.agrees for c in raiffa)
