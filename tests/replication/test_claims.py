"""The paper's verbal claims: verdicts at the paper's parameters, recomputed over the domain."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings

import xbec
from xbec.replication import claims as C
from xbec.replication import paper
from xbec.replication.errata import OVERPROVISION_EXAMPLE
from xbec.replication.numerics import decentralized_allocation

from ..conftest import horizontal_params

ROWS = xbec.claims()
BY_KEY = {c.key: c for c in ROWS}
VP = xbec.VerticalParams()

EXPECTED = {
    "pareto": "holds",
    "band": "holds with correction",
    "manufacturer-above-band": "holds with correction",
    "platform-earns-most": "holds",
    "domestic-first": "holds",
    "all-members-centralised": "undefined as stated",
    "total-rises": "holds",
    "lower-price": "holds",
    "higher-service": "holds",
    "higher-demand": "holds",
    "centralised-service": "holds",
    "service-rises-with-share": "holds",
}


def test_verdicts_at_the_papers_parameters():
    assert {c.key: c.verdict for c in ROWS} == EXPECTED


@pytest.mark.parametrize("claim", ROWS, ids=lambda c: c.key)
def test_claim_rows_are_complete(claim):
    assert claim.quote in paper.TEXT.values()
    assert claim.where.startswith("§") and claim.statement and claim.evidence
    assert claim.verdict in C.VERDICTS
    assert claim.check(xbec.HorizontalParams()) is True


def test_band_evidence_explains_the_papers_072():
    ev = BY_KEY["band"].evidence
    assert ev["vertical band on the 0.01 grid"] == "0.71–0.88"
    assert ev["… on the 0.01 grid"] == "0.72–0.88"


def _band_grid(band, k=41):
    return np.linspace(band.lo, band.hi, k + 2)[1:-1]


@settings(max_examples=40)
@given(horizontal_params(max_b2_ratio=0.9999))
def test_verdicts_recomputed_and_checked_independently(params):
    rows = {c.key: c for c in xbec.claims(params)}
    for c in rows.values():
        assert c.verdict in C.VERDICTS
        assert c.check(params) == (c.verdict in ("holds", "holds with correction") or (
            c.verdict == "undefined as stated" and c.check(params)))
    # closed-form conditions, derived by hand: p2 < p1 iff b2^2 < b1 gamma1; s2 > s1 iff b2 > 0
    b2sq, bg = params.b2**2, params.b1 * params.gamma1
    if abs(b2sq - bg) > 1e-9 * bg:
        assert rows["lower-price"].check(params) == (b2sq < bg)
    dec, cen = xbec.decentralized(params), xbec.centralized(params)
    if cen.s - dec.s > 1e-9 * (1 + cen.s):
        assert rows["centralised-service"].check(params)
    assert rows["all-members-centralised"].check(params)
    # on a grid inside the band (an independent, weaker check than the interval one)
    try:
        band = xbec.acceptable_lambda(params)
    except xbec.ModelDomainError:
        assert not rows["total-rises"].check(params) and not rows["pareto"].check(params)
        return
    r = xbec.revenue_sharing(params, _band_grid(band))
    if rows["total-rises"].check(params):
        assert np.all(r.pi_total > dec.pi_total)
    if rows["higher-demand"].check(params):
        assert np.all(r.demand > dec.demand)
    if rows["higher-service"].check(params):
        assert np.all(r.s > dec.s)
    if rows["service-rises-with-share"].check(params):
        assert np.all(np.diff(r.s) > 0)
    if 0 < b2sq < bg * (1 - 1e-6) and params.b2 > 1e-3:
        assert rows["service-rises-with-share"].check(params)
    assert np.all(r.pi_platform > r.pi_manufacturer)


@settings(max_examples=25)
@given(horizontal_params(max_b2_ratio=0.9999))
def test_vertical_claims_on_a_grid(params):
    rows = {c.key: c for c in xbec.claims(params)}
    try:
        band = xbec.replication.numerics.vertical_acceptable_lambda(params, VP)
    except xbec.ModelDomainError:
        assert not rows["pareto"].check(params)
        return
    V = xbec.revenue_sharing(params, _band_grid(band)).pi_platform
    x = xbec.model.vertical.allocate(VP, V)
    if rows["pareto"].check(params):
        assert np.all(x > decentralized_allocation(params, VP))
    assert rows["platform-earns-most"].check(params) == bool(np.all(x[:, :1] > x[:, 1:])) or np.any(
        np.isclose(x[:, :1], x[:, 1:], rtol=1e-6))
    dom = np.all(x[:, 1:2] > x[:, 2:])
    assert rows["domestic-first"].check(params) == bool(dom) or np.any(np.isclose(x[:, 1:2], x[:, 2:], rtol=1e-6))


def test_verdicts_change_with_the_parameters():
    rows = {c.key: c.verdict for c in xbec.claims(OVERPROVISION_EXAMPLE)}
    assert rows["pareto"] == "fails" and rows["lower-price"] == "fails"
    assert rows["centralised-service"] == "holds"


def test_positive_on_decides_over_the_interval_not_a_grid():
    from numpy.polynomial import Polynomial

    # (x - 0.5005)^2 + tiny: positive, but a root pair between grid points makes it negative
    p = Polynomial.fromroots([0.50049, 0.50051])
    assert not C._positive_on(p, 0.0, 1.0)
    assert all(p(x) > 0 for x in np.round(np.arange(0.0, 1.0, 0.001), 3))
    assert C._positive_on(p, 0.6, 1.0)


@settings(max_examples=40)
@given(horizontal_params(max_b2_ratio=0.9999))
def test_profit_polynomials_match_the_model(params):
    # pi(λ) δ(λ)^2 from SymPy against the numeric model at shares where it has an outcome
    for lam in (0.2, 0.5, 0.8, 0.95):
        try:
            r = xbec.revenue_sharing(params, lam)
        except xbec.ModelDomainError:
            continue
        d2 = (params.b1 * params.gamma1 - lam * params.b2**2) ** 2
        for poly, value in ((C._pi1_poly(params), r.pi_platform), (C._pi2_poly(params), r.pi_manufacturer)):
            assert poly(lam) == pytest.approx(value * d2, rel=1e-7, abs=1e-7 * (1 + abs(r.pi_total) * d2))


def test_landing_page_pastes_every_claims_verdict():
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    intro = (root / "book/intro.md").read_text(encoding="utf-8")
    report = (root / "notebooks/replication_report.py").read_text(encoding="utf-8")
    for c in ROWS:
        assert f"replication_report.ipynb::verdict_{c.key}:s" in intro, c.key
    assert "verdict_{cl.key}" in report  # glues verdict_<key> for every claim
    assert "-p fast" not in intro
