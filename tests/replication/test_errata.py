"""The errata as computed statements: each check runs over the model's domain and can fail."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import xbec
from xbec.replication import _errata_checks as EC
from xbec.replication import errata as E
from xbec.replication import paper

from ..conftest import horizontal_params

ROWS = xbec.errata()
BY_KEY = {e.key: e for e in ROWS}
P = xbec.HorizontalParams()


def test_rows_of_the_old_symbolic_errata_are_all_there_and_more():
    old = {"prop1-b3", "prop1-leader-concavity", "stackelberg-order", "p1-s1-reaction", "eq7-reference",
           "pi2-lambda", "sharing-not-coordinating"}
    new = {"table1-step", "table2-step", "raiffa-upper-limit", "eq14-theta", "vn-profit", "all-members-centralised"}
    assert old | new <= set(BY_KEY) and len(BY_KEY) == len(ROWS)


@pytest.mark.parametrize("row", ROWS, ids=lambda e: e.key)
def test_every_erratum_is_verified_at_the_papers_parameters(row):
    assert row.kind in E.KINDS
    assert row.printed_wrong and row.holds
    assert row.check(P) is True
    assert row.printed and row.corrected and row.explanation and row.where
    assert set(row.method) <= {"sympy", "numeric", "text"} and row.method


@settings(max_examples=60)
@given(horizontal_params(max_b2_ratio=0.9999), st.sampled_from(ROWS))
def test_every_check_holds_over_the_domain(params, row):
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
    monkeypatch.setattr(EC, "decentralized", lambda p: type(real_dec(p))(
        **{**real_dec(p).__dict__, "p": real_dec(p).p + 1.0}))
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
        assert params.b2**2 > params.b1 * params.gamma1 * lam or params.b2 == 0 or math.isclose(
            params.b2**2, params.b1 * params.gamma1 * lam)
        return
    s2 = xbec.centralized(params).s
    if params.b2**2 * lam < params.b1 * params.gamma1 * (1 - 1e-9) and params.b2 > 1e-6:
        assert r.s < s2
    elif params.b2**2 * lam > params.b1 * params.gamma1 * (1 + 1e-9):
        assert r.s > s2


def test_all_members_check_fails_when_centralisation_does_not_raise_the_total(monkeypatch):
    real = EC.centralized
    monkeypatch.setattr(EC, "centralized", lambda p: type(real(p))(real(p).p, real(p).s, real(p).demand,
                                                                   EC.decentralized(p).pi_total))
    assert not EC.check_all_members(P)


def test_eq14_two_term_shares_are_three_term_with_no_service_weight():
    vp = xbec.VerticalParams()
    F3 = xbec.service_shares(vp.phi, vp.theta, (0.6, 0.3, 0.1), service_levels=np.ones(4))
    assert not np.allclose(F3, vp.F) and np.allclose(F3, 0.6 / 0.7 * (vp.F - 0.3 * np.array(vp.theta) / sum(vp.theta))
                                                     + 0.3 * np.array(vp.theta) / sum(vp.theta) + 0.1 / 4)
