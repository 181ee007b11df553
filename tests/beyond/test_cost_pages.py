"""The cost page's measurements, tables and closing note (xbec.beyond.cost_pages)."""

from __future__ import annotations

import pytest

import xbec
from xbec.beyond import cost_pages as cp


@pytest.fixture(scope="module")
def run():
    return cp.measure_costs(8, 8, [2, 3, 4, 50], 4, 5)


def test_measure_costs_counts_evaluations(run):
    assert run.shapley.n.tolist() == list(range(2, 9))
    assert run.shapley.evaluations.tolist() == [2**n for n in range(2, 9)]
    assert run.raiffa.evaluations.tolist() == [3, 4, 5, 51]
    assert run.fit.n_min == 5


def test_cost_table_and_values(run):
    md = cp.cost_table_md(run)
    assert "| 8 | 256 |" in md and "| 50 | 51 |" in md
    v = cp.cost_values(run, 5)
    assert v["shapley_n_max"] == 8 and v["raiffa_n_max"] == 50 and v["max_players_mib"] == 512.0
    assert v["fit_factor"] == pytest.approx(2**v["fit_slope"]) and v["n_1s_kind"] in ("within", "beyond")


def test_closing_values_at_the_paper():
    v = cp.closing_values(xbec.HorizontalParams(), xbec.VerticalParams(), 0.8)
    assert v["cn_rho_star"] == pytest.approx(0.5, abs=1e-6) and v["cn_gap"] == pytest.approx(200.0)
    assert v["cn_co_lo"] < v["cn_co_hi"] and v["cn_lam"] == 0.8
    assert v["cn_t_ir"] < v["cn_t_r"] < v["cn_t_nu"]


def test_closing_values_without_a_band():
    v = cp.closing_values(xbec.HorizontalParams(b2=1.9), xbec.VerticalParams(), 0.8)
    assert v["cn_band_md"] == "no acceptable share"
    assert cp.closing_values(xbec.HorizontalParams(), xbec.VerticalParams())["cn_band_md"] == \
        "the band $(0.7094, 0.8860)$"
