"""The errata as computed statements: each check runs over the model's domain and can fail."""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import xbec
from xbec.model import horizontal as H
from xbec.replication import _errata_checks as EC
from xbec.replication import errata as E
from xbec.replication import paper

from ..conftest import BOUNDARY as BOUNDARY_POINTS
from ..conftest import horizontal_params

ROWS = xbec.errata()
BY_KEY = {e.key: e for e in ROWS}
P = xbec.HorizontalParams()


def test_rows_of_the_old_symbolic_errata_are_all_there_and_more():
    old = {
        "prop1-b3",
        "prop1-leader-concavity",
        "stackelberg-order",
        "p1-s1-reaction",
        "eq7-reference",
        "pi2-lambda",
        "sharing-not-coordinating",
    }
    new = {"table1-step", "table2-step", "raiffa-upper-limit", "eq14-theta", "vn-profit", "all-members-centralised"}
    assert old | new <= set(BY_KEY) and len(BY_KEY) == len(ROWS)


@pytest.mark.parametrize("row", ROWS, ids=lambda e: e.key)
def test_every_erratum_is_verified_at_the_papers_parameters(row):
    assert row.kind in E.KINDS
    assert row.printed_wrong and row.holds
    assert row.check(P) is True
    assert row.printed and row.corrected and row.explanation and row.where
    assert set(row.method) <= {"sympy", "numeric", "text", "identity"} and row.method
    assert not (row.numeric and "identity" in row.method)


#: The shared boundary points and the overprovision example (b2^2 > b1 gamma1).
BOUNDARY = [*BOUNDARY_POINTS, E.OVERPROVISION_EXAMPLE]


@pytest.mark.parametrize("params", BOUNDARY, ids=str)
@pytest.mark.parametrize("row", ROWS, ids=lambda e: e.key)
def test_every_check_holds_at_the_domains_boundary(params, row):
    assert row.check(params), (row.key, params)


@pytest.mark.parametrize("params", BOUNDARY[:3], ids=str)
def test_no_outcome_at_the_boundary_b2_squared_equals_b1_gamma1(params):
    # demand under revenue sharing is exactly 0 for every λ < 1 there, and eq (10) is singular at λ = 1
    for lam in np.linspace(0.01, 1.0, 100):
        with pytest.raises(xbec.ModelDomainError):
            xbec.revenue_sharing(params, lam)
    with pytest.raises(xbec.ModelDomainError):
        xbec.acceptable_lambda(params)


@settings(max_examples=60)
@given(horizontal_params(max_b2_ratio=0.9999), st.sampled_from(ROWS))
def test_every_check_holds_over_the_domain(params, row):
    assert row.check(params), (row.key, params)


@settings(max_examples=30)
@given(st.floats(0.5, 5.0), st.floats(0.5, 5.0), st.floats(0.0, 50.0), st.floats(10.0, 500.0), st.floats(0.0, 100.0))
def test_every_check_holds_on_the_surface_b2_squared_equals_b1_gamma1(b1, gamma1, c, margin, K):
    # b2 = sqrt(b1 gamma1) is rarely exactly on the surface in floats: the model must decide it consistently
    params = xbec.HorizontalParams(beta=b1 * c + margin, b1=b1, b2=math.sqrt(b1 * gamma1), gamma1=gamma1, c=c, K=K)
    for row in ROWS:
        assert row.check(params), (row.key, params)


@pytest.fixture
def fresh_errata():
    E.errata.cache_clear()
    yield
    E.errata.cache_clear()


def test_holds_is_computed_from_the_stored_text(monkeypatch, fresh_errata):
    text = dict(paper.TEXT)
    text["before_eq8"] = text["before_eq8"].replace("equation (6)", "equation (7)")
    monkeypatch.setattr(paper, "TEXT", text)
    by_key = {e.key: e for e in E.errata()}
    assert not by_key["eq7-reference"].printed_wrong and not by_key["eq7-reference"].holds
    text["upper_limit"] = "where $\\overline{x_j} = V - \\mu_j$."
    text["prop1"] = text["prop1"].replace("b_3", "b_2")
    E.errata.cache_clear()
    by_key = {e.key: e for e in E.errata()}
    assert not by_key["raiffa-upper-limit"].holds and not by_key["prop1-b3"].holds


def test_typo_checks_read_the_printed_tables(monkeypatch):
    assert EC.check_table1_step(P) and EC.check_table2_step(P)
    t1 = tuple((f"{0.71 + 0.02 * k:.2f}",) + r[1:] for k, r in enumerate(paper.TABLE1))
    monkeypatch.setattr(paper, "TABLE1", t1)
    assert not EC.check_table1_step(P) and not EC.text_table_step(paper.TABLE1, "Table 1")


def test_numeric_checks_fail_on_a_wrong_model(monkeypatch):
    real = EC.revenue_sharing

    def off(params, lam):
        r = real(params, lam)
        return r._replace(s=r.s * 1.01) if hasattr(r, "_replace") else type(r)(**{**r.__dict__, "s": r.s * 1.01})

    monkeypatch.setattr(EC, "revenue_sharing", off)
    assert not EC.check_sharing_price_only(P)
    monkeypatch.setattr(EC, "revenue_sharing", real)
    # eq (6) differentiated instead of eq (7): its stationary point is not eq (8)
    monkeypatch.setattr(EC, "platform_profit_sharing", lambda params, lam, p, w, s: EC.alliance_profit(params, p, s))
    assert not EC.check_eq7_reference(P)
    real_dec = EC.decentralized
    monkeypatch.setattr(
        EC, "decentralized", lambda p: type(real_dec(p))(**{**real_dec(p).__dict__, "p": real_dec(p).p + 1.0})
    )
    assert not EC.check_reaction(P) and not EC.check_leader_concavity(P)


def test_service_level_exceeds_the_centralised_one_above_the_singular_share():
    # issue 10's example: "s*(λ) < s^{2*} for every λ < 1" is false inside the domain
    ex = E.OVERPROVISION_EXAMPLE
    r, cen = xbec.revenue_sharing(ex, 0.8), xbec.centralized(ex)
    assert (round(r.s, 2), round(cen.s, 2), round(r.w, 1)) == (1644.78, 283.58, -656.6)
    assert 0.8 > E.overprovision_share(ex) == pytest.approx(4 * 1.2 / 2.5**2)
    assert BY_KEY["sharing-not-coordinating"].check(ex)
    # below the singular share there is no outcome at all (demand <= 0)
    with pytest.raises(xbec.ModelDomainError, match="demand"):
        xbec.revenue_sharing(ex, 0.7)


@settings(max_examples=40)
@given(horizontal_params(max_b2_ratio=0.9999), st.floats(0.01, 0.99))
def test_service_side_of_the_condition_independently(params, lam):
    # the condition b2^2 < b1 gamma1 vs > b1 gamma1, checked directly against the model
    try:
        r = xbec.revenue_sharing(params, lam)
    except xbec.ModelDomainError:
        assert (
            params.b2**2 > params.b1 * params.gamma1 * lam
            or params.b2 == 0
            or math.isclose(params.b2**2, params.b1 * params.gamma1 * lam)
        )
        return
    s2 = xbec.centralized(params).s
    if params.b2**2 * lam < params.b1 * params.gamma1 * (1 - 1e-9) and params.b2 > 1e-6:
        assert r.s < s2
    elif params.b2**2 * lam > params.b1 * params.gamma1 * (1 + 1e-9):
        assert r.s > s2


def test_all_members_check_fails_when_centralisation_does_not_raise_the_total(monkeypatch):
    real = EC.centralized
    monkeypatch.setattr(
        EC, "centralized", lambda p: type(real(p))(real(p).p, real(p).s, real(p).demand, EC.decentralized(p).pi_total)
    )
    assert not EC.check_all_members(P)


def test_eq14_two_term_shares_are_three_term_with_no_service_weight():
    vp = xbec.VerticalParams()
    F3 = xbec.service_shares(vp.phi, vp.theta, (0.6, 0.3, 0.1), service_levels=np.ones(4))
    assert not np.allclose(F3, vp.F) and np.allclose(
        F3,
        0.6 / 0.7 * (vp.F - 0.3 * np.array(vp.theta) / sum(vp.theta))
        + 0.3 * np.array(vp.theta) / sum(vp.theta)
        + 0.1 / 4,
    )


# ---------------------------------------------------------------------------
# every erratum's check fails on a model or text changed the way the erratum is about (issue 18 item 5)
# ---------------------------------------------------------------------------


def _text(monkeypatch, key, old, new):
    text = dict(paper.TEXT)
    assert old in text[key]
    text[key] = text[key].replace(old, new)
    monkeypatch.setattr(paper, "TEXT", text)


def _wrap(monkeypatch, module, name, make):
    monkeypatch.setattr(module, name, make(getattr(module, name)))


def _coordinating(real):
    def outcome(params, lam):  # a contract that also aligns the service level with s^{2*}
        w, s, d = real(params, lam)
        return w, np.full_like(s, H.centralized(params).s), d

    return outcome


MUTATIONS = {
    "prop1-b3 (text)": ("prop1-b3", lambda mp: _text(mp, "prop1", "b_3", "b_2")),
    "prop1-b3 (model)": (
        "prop1-b3",
        lambda mp: mp.setattr(EC, "alliance_profit", lambda P, p, s: (p - P.c) * H.demand(P, p, s) - P.gamma1 * s**2),
    ),
    "prop1-leader-concavity (reply)": (
        "prop1-leader-concavity",
        lambda mp: _wrap(mp, EC, "manufacturer_reply", lambda f: lambda P, p, s: f(P, p, s) + 0.5 * p),
    ),
    "prop1-leader-concavity (eq 7)": (
        "prop1-leader-concavity",
        lambda mp: _wrap(mp, EC, "platform_profit_sharing", lambda f: lambda P, lam, p, w, s: f(P, 1.0, p, w, s)),
    ),
    "stackelberg-order": (
        "stackelberg-order",
        lambda mp: mp.setattr(
            EC, "manufacturer_profit", lambda P, p, w, s: (w - P.c) * (P.beta - P.b1 * (w + 10.0) + P.b2 * s)
        ),
    ),
    "p1-s1-reaction": (
        "p1-s1-reaction",
        lambda mp: _wrap(mp, EC, "decentralized", lambda f: lambda P: dataclasses.replace(f(P), p=f(P).p + 1.0)),
    ),
    "eq7-reference": (
        "eq7-reference",
        lambda mp: mp.setattr(EC, "platform_profit_sharing", lambda P, lam, p, w, s: EC.alliance_profit(P, p, s)),
    ),
    "pi2-lambda": (
        "pi2-lambda",
        lambda mp: mp.setattr(
            H, "manufacturer_profit_sharing", lambda P, lam, p, w, s: (1 - lam) * H.alliance_profit(P, p, s)
        ),
    ),
    "sharing-not-coordinating": (
        "sharing-not-coordinating",
        lambda mp: _wrap(mp, H, "_sharing_outcome", _coordinating),
    ),
    "table1-step": (
        "table1-step",
        lambda mp: mp.setattr(
            paper, "TABLE1", tuple((f"{0.71 + 0.02 * k:.2f}",) + r[1:] for k, r in enumerate(paper.TABLE1))
        ),
    ),
    "table2-step": (
        "table2-step",
        lambda mp: mp.setattr(
            paper, "TABLE2", tuple((f"{0.71 + 0.01 * k:.2f}",) + r[1:] for k, r in enumerate(paper.TABLE2))
        ),
    ),
    "raiffa-upper-limit": (
        "raiffa-upper-limit",
        lambda mp: _wrap(mp, EC, "raiffa", lambda f: lambda V, mu: f(V, mu) + np.array([1.0, -1.0, 0.0, 0.0])),
    ),
    "eq14-theta": (
        "eq14-theta",
        lambda mp: _wrap(
            mp,
            EC,
            "service_shares",
            lambda f: lambda phi, theta, weights=(0.7, 0.3), service_levels=None: f(phi, theta),
        ),
    ),
    "vn-profit (model)": (
        "vn-profit",
        lambda mp: mp.setattr(H, "platform_profit_sharing", lambda P, lam, p, w, s: lam * p * H.demand(P, p, s)),
    ),
    "vn-profit (text)": (
        "vn-profit",
        lambda mp: mp.setattr(paper, "TABLE2", tuple((r[0], r[1] + "1") + r[2:] for r in paper.TABLE2)),
    ),
    "all-members-centralised": (
        "all-members-centralised",
        lambda mp: _wrap(
            mp, EC, "centralized", lambda f: lambda P: dataclasses.replace(f(P), pi_total=EC.decentralized(P).pi_total)
        ),
    ),
}


def test_every_erratum_has_a_mutation():
    assert {key for key, _ in MUTATIONS.values()} == set(BY_KEY)


@pytest.mark.parametrize("name", MUTATIONS)
def test_each_check_fails_on_its_mutation(monkeypatch, name):
    key, mutate = MUTATIONS[name]
    check = BY_KEY[key].check
    assert check(P) is True
    mutate(monkeypatch)
    assert check(P) is False
