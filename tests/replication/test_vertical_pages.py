"""The §4/§5.2 pages: Raiffa rules, Table 2, the vertical band (xbec.replication.vertical_pages)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import xbec
from tests.replication.test_pages import PAPER_NS
from xbec.beyond import least_core_epsilon, vertical_game
from xbec.replication import pages
from xbec.replication import vertical_pages as vp


@pytest.fixture
def paper_page(tmp_path):
    return pages.setup({**PAPER_NS, "output_dir": str(tmp_path / "out")})


def test_member_names():
    assert vp.member_names(4)[0] == "platform" and vp.member_names(3) == ["member 1", "member 2", "member 3"]


def test_symbolic_raiffa_pages():
    assert "\\underline{x}_4" in vp.raiffa_procedure_md(4)
    assert "eq (13)" in vp.raiffa_checks_md()


def test_core_facts_at_the_paper():
    V = float(xbec.revenue_sharing(xbec.HorizontalParams(), 0.71).pi_platform)
    f = vp.core_facts(V, (1600, 2000, 2300, 2200))
    assert f == {"sum_lower": 2700.0, "core_empty": True, "superadditive": True}
    with pytest.raises(xbec.ModelDomainError, match="mu"):
        vp.core_facts(1.0, [1.0])


@settings(max_examples=30)
@given(st.lists(st.floats(0.0, 1000.0), min_size=3, max_size=5), st.floats(0.0, 3000.0))
def test_core_facts_agree_with_the_least_core_lp(mu, V):
    """With worthless pairs and singletons, the core is empty iff V < sum(mu)/(n-1) or V < max(mu)."""
    f = vp.core_facts(V, mu)
    eps = least_core_epsilon(len(mu), vertical_game(V, mu, pair_factor=0.0, singleton=0.0))
    scale = 1e-7 * max(1.0, V, max(mu))
    if f["core_empty"] and V < f["sum_lower"] - scale:
        assert eps > 0
    if not f["core_empty"] and f["superadditive"] and V > f["sum_lower"] + scale:
        assert eps <= scale


def test_example_allocation_states_the_empty_core(paper_page):
    v = vp.example_allocation(paper_page)
    assert v["V_example"] == pytest.approx(2516.663, abs=1e-3) and v["alloc_gap"] < 1e-9
    assert "core is empty" in v["limits_note"] and "superadditive" in v["limits_note"]
    assert "not superadditive" not in v["limits_note"] and "bondareva1963" in v["limits_note"]
    assert v["ranking"].startswith("platform")


def test_service_share_and_inputs_tables(paper_page, tmp_path):
    t = vp.service_share_table(paper_page)
    assert "0.3500" in t and "**sum**" in t and "+0.0000" in t
    assert "garbled" in vp.inputs_table(paper_page)
    other = pages.setup({**PAPER_NS, "phi": [10.0, 15.0, 8.0, 12.0], "output_dir": str(tmp_path / "o")})
    assert pages.NOT_PAPER in vp.inputs_table(other)


def test_decentralized_allocation_note_appears_once(paper_page):
    v = vp.decentralized_allocation_values(paper_page)
    note = [r for r in xbec.ledger(paper_page.params, paper_page.vparams)
            if r.where.startswith("§5.2, decentralised, x_")][0].note
    assert len(note) > 300
    from xbec.replication.report import esc

    assert v["dec_note"] == esc(note) + "."
    assert note[:60] not in v["dec_alloc"]  # the long note is not repeated in the table's text
    assert "1056.59" in v["dec_alloc"]
    printed = vp.printed_decentralized_allocation()
    assert printed.sum() == pytest.approx(2304.54, abs=0.01)


def test_table2_pages(paper_page, tmp_path):
    t = vp.table2_comparisons(paper_page)
    assert set(t) == {"t2_a", "t2_b", "t2_c", "t2_verdict"}
    md = vp.table2_grid(paper_page)
    assert (paper_page.out_dir / "table2.csv").read_text().startswith("lambda,V,x1,x2,x3,x4")
    assert md.count("\n") == 18 + 2
    assert "platform > domestic logistics provider" in vp.ranking_md(paper_page)


def test_vertical_band_against_both_baselines(paper_page, tmp_path):
    text = vp.vertical_band_values(paper_page)["vband_table"]
    assert "(0.709372, 0.886039)" in text and "(0.718029, 0.886039)" in text and "0.72–0.88" in text
    other = pages.setup({**PAPER_NS, "b2": 1.9, "output_dir": str(tmp_path / "o")})
    text = vp.vertical_band_values(other)["vband_table"]
    assert text.count("empty") == 2
