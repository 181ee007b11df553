"""The paper's printed numbers as data."""

from __future__ import annotations

import dataclasses

import numpy as np

import xbec
from xbec.replication import paper


def test_decimals_and_value():
    assert paper.decimals("5267.5") == 1 and paper.decimals("70") == 0 and paper.decimals("16.50") == 2
    assert paper.value("16.50") == 16.5


def test_tables_are_rectangular():
    assert all(len(r) == len(paper.TABLE1_COLUMNS) for r in paper.TABLE1)
    assert all(len(r) == len(paper.TABLE2_COLUMNS) for r in paper.TABLE2)
    assert len(paper.TABLE1) == len(paper.TABLE2) == 10


def test_defaults_are_the_papers_inputs_not_its_outputs():
    # inputs: the defaults of the parameter classes equal §5.1 and §5.2's inputs
    params = xbec.HorizontalParams()
    for name in ("beta", "b1", "b2", "gamma1", "c", "K"):
        assert getattr(params, name) == paper.value(paper.SECTION_5_1[name])
    vp = xbec.VerticalParams()
    inputs = paper.SECTION_5_2_INPUTS
    assert vp.mu == tuple(paper.value(inputs[k]) for k in ("V(2,3,4)", "V(1,3,4)", "V(1,2,4)", "V(1,2,3)"))
    assert vp.phi == tuple(map(paper.value, inputs["phi"]))
    assert vp.theta == tuple(map(paper.value, inputs["theta"]))
    # outputs: no result field is a printed value verbatim (results are computed, full precision)
    d = xbec.decentralized(params)
    printed = {paper.value(paper.SECTION_5_1[k]) for k in ("p1", "w1", "s1", "pi1", "pi2")}
    assert not printed & {getattr(d, f.name) for f in dataclasses.fields(d)}
    assert not np.isin(xbec.revenue_sharing(params, 0.77).w, [16.34])
