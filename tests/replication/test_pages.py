"""The §3 pages and the shared set-up (xbec.replication.pages)."""

from __future__ import annotations

import sys
import types

import numpy as np
import pytest
from hypothesis import given, settings

import xbec
from tests.conftest import horizontal_params
from xbec.replication import horizontal_pages, pages

PAPER_NS = dict(beta=200.0, b1=2.0, b2=1.0, gamma1=1.0, c=10.0, K=10.0, mu=[1600.0, 2000.0, 2300.0, 2200.0],
                phi=[20.0, 15.0, 8.0, 12.0], theta=[0.7, 0.5, 0.4, 0.6], weights=[0.7, 0.3],
                lam_min=0.71, lam_max=0.88, lam_step=0.01)
EMPTY_BAND = xbec.HorizontalParams(b2=1.9)  # rho > 1/2: no acceptable share


@pytest.fixture
def paper_page(tmp_path):
    return pages.setup({**PAPER_NS, "output_dir": str(tmp_path / "out")})


def test_setup_builds_the_page_from_the_parameters_cell(paper_page, tmp_path):
    assert paper_page.on_paper and paper_page.params == xbec.HorizontalParams()
    assert paper_page.vparams == xbec.VerticalParams()
    assert paper_page.lam.tolist()[:3] == [0.71, 0.72, 0.73] and paper_page.lam[-1] == 0.88
    assert paper_page.out_dir.is_dir()
    other = pages.setup({**PAPER_NS, "K": 20.0, "output_dir": str(tmp_path / "o2")})
    assert not other.on_paper and other.params.K == 20.0
    only = pages.setup({"alpha": 0.5, "beta": 0.3, "output_dir": str(tmp_path / "o3")})
    assert only.params is None and only.vparams is None and only.lam is None and only.on_paper


def test_setup_rejects_bad_parameters_with_a_named_error(tmp_path):
    with pytest.raises(xbec.ModelDomainError, match="b2"):
        pages.setup({**PAPER_NS, "b2": 3.0, "output_dir": str(tmp_path)})
    with pytest.raises(xbec.ModelDomainError, match="lam_step"):
        pages.setup({**PAPER_NS, "lam_step": 0.0, "output_dir": str(tmp_path)})


def test_md_renders_as_markdown():
    md = pages.Md("| a |")
    assert md._repr_markdown_() == "| a |" and isinstance(md, str)


def test_glue_all_converts_markdown_and_numpy_scalars(monkeypatch):
    pytest.importorskip("IPython")
    calls = []
    fake = types.ModuleType("myst_nb")
    fake.glue = lambda name, value, display=True: calls.append((name, value, display))
    monkeypatch.setitem(sys.modules, "myst_nb", fake)
    pages.glue_all({"x": np.float64(1.5), "m": pages.Md("**b**"), "h": pages.Html("<b>b</b>"), "s": "text"})
    by = {n: (v, d) for n, v, d in calls}
    assert by["x"] == (1.5, False) and type(by["x"][0]) is float
    assert by["m"][0].data == "**b**" and type(by["m"][0]).__name__ == "Markdown"
    assert by["h"][0].data == "<b>b</b>" and type(by["h"][0]).__name__ == "HTML"
    assert by["s"] == ("text", False)


def test_zero_and_band_or_error():
    assert pages.zero(-1e-12) == 0.0 and pages.zero(0.25) == 0.25
    band, err = pages.band_or_error(xbec.HorizontalParams())
    assert band is not None and err == ""
    band, err = pages.band_or_error(EMPTY_BAND)
    assert band is None and "no lam" in err


@settings(max_examples=15)
@given(horizontal_params())
def test_symbolic_and_numeric_profits_agree(params):
    scale = max(1.0, params.beta**2 / params.b1)
    assert horizontal_pages.symbolic_gap(params, points=50) <= 1e-8 * scale


@settings(max_examples=30)
@given(horizontal_params())
def test_domain_values_and_error_examples(params):
    d = horizontal_pages.domain_values(params)
    assert d["det2"] > 0 and d["det4"] > d["det2"] and d["margin"] > 0
    messages = horizontal_pages.domain_error_examples(params)
    assert "b2" in messages[0]
    assert len(messages) == (2 if params.b1 * params.c > 0 else 1)
    if len(messages) == 2:
        assert "beta" in messages[1]


def test_symbolic_pages_show_the_derivations():
    assert "\\pi_1 =" in horizontal_pages.profit_functions_md() and "\\pi_2 =" in horizontal_pages.profit_functions_md()
    assert "\\det" in horizontal_pages.sharing_hessian_md()
    assert "\\omega(p, s)" in horizontal_pages.follower_md()
    assert "p(s) =" in horizontal_pages.leader_md() and "H_{\\text{leader}}" in horizontal_pages.leader_hessian_md()
    eq = horizontal_pages.equilibrium_md()
    assert all(k in eq for k in ("p^{1*}", "\\omega^{1*}", "\\pi_2^*"))
    assert "p^{2*}" in horizontal_pages.centralized_md() and "eq (3) Hessian" in horizontal_pages.centralized_md()
    assert "eq7-reference" in horizontal_pages.sharing_md() and "D(\\lambda)" in horizontal_pages.sharing_outcome_md()


def test_checks_and_errata_come_from_symbolic():
    from xbec.replication import symbolic as S

    by_key = {c.key: c for c in S.checks()}
    table = horizontal_pages.checks_table(["p^{1*}"], printed=True)
    assert "`p^{1*}`" in table and ("✔ yes" if by_key["p^{1*}"].agrees else "✘") in table
    rows = {e.key: e for e in xbec.errata()}
    v = horizontal_pages.errata_verified(["prop1-b3", "pi2-lambda"])
    assert v == {f"verified-{k}": "verified" if rows[k].holds else "NOT verified" for k in ("prop1-b3", "pi2-lambda")}
    assert "`pi2-lambda`\n: *" in horizontal_pages.errata_md(["pi2-lambda"])


@settings(max_examples=30)
@given(horizontal_params())
def test_decentralized_and_centralized_values(params):
    d, c = horizontal_pages.decentralized_values(params), horizontal_pages.centralized_values(params)
    dec, cen = xbec.decentralized(params), xbec.centralized(params)
    assert d["p1"] == dec.p and d["pitot"] == dec.pi_total and d["x1"] == dec.markup
    assert c["gain"] == pytest.approx(cen.pi_total - dec.pi_total) and c["gain"] >= -1e-9 * abs(cen.pi_total)


def test_comparisons_on_and_off_the_paper(paper_page, tmp_path):
    table = horizontal_pages.decentralized_comparison(paper_page)
    assert "ledger status" in table and "87.14" in table and "reproduced" in table
    assert "5390" in horizontal_pages.centralized_comparison(paper_page)
    other = pages.setup({**PAPER_NS, "K": 20.0, "output_dir": str(tmp_path / "o")})
    assert "nothing to compare" in horizontal_pages.decentralized_comparison(other)
    assert "not the paper's parameters" in horizontal_pages.centralized_comparison(other)


@settings(max_examples=30)
@given(horizontal_params())
def test_pi2_demo_sets_the_true_profit_beside_the_printed_formulas(params):
    v = horizontal_pages.pi2_demo_values(params)
    r, cen = xbec.revenue_sharing(params, v["lam_demo"]), xbec.centralized(params)
    assert v["pi2_true"] == pytest.approx(r.pi_manufacturer)
    assert v["pi2_claim1"] == pytest.approx(cen.pi_total - r.pi_platform)
    assert v["pi2_claim2"] == pytest.approx((1 - v["lam_demo"]) * cen.pi_total)


def test_sharing_gaps_state_the_exact_condition():
    assert "falls short for every" in horizontal_pages.sharing_gaps_md(xbec.HorizontalParams())
    over = xbec.HorizontalParams(beta=500, b1=4, b2=2.5, gamma1=1.2, c=30, K=100)
    text = horizontal_pages.sharing_gaps_md(over)
    assert "exceeds $s^{2*}$ for $0.7680 < \\lambda < 1$" in text


def test_band_values(paper_page, tmp_path):
    v = horizontal_pages.band_values(paper_page)
    assert "(0.709372,\\ 0.886039)" in v["band_text"] and "0.71 to 0.88" in v["band_text"]
    assert "$\\pi_1(\\lambda) = \\pi_2(\\lambda)$" in v["band_text"]
    assert "off by one grid step" in v["band_table"]
    empty = pages.setup({**PAPER_NS, "b2": 1.9, "output_dir": str(tmp_path / "e")})
    v = horizontal_pages.band_values(empty)
    assert "no share is acceptable" in v["band_text"] and "nothing to tabulate" in v["band_table"]


@settings(max_examples=10)
@given(params=horizontal_params())
def test_every_section_3_page_runs_on_the_domain(params, tmp_path_factory):
    page = pages.setup({**params.as_dict(), "lam_min": 0.5, "lam_max": 0.9, "lam_step": 0.1,
                        "output_dir": str(tmp_path_factory.mktemp("p"))})
    assert isinstance(horizontal_pages.parameter_table(params), pages.Md)
    horizontal_pages.decentralized_comparison(page)
    horizontal_pages.centralized_comparison(page)
    horizontal_pages.sharing_gaps_md(params)
    assert set(horizontal_pages.band_values(page)) == {"band_text", "band_table"}


def test_notebooks_define_no_functions():
    """Notebooks are prose and calls into xbec: no ``def``/``class`` in any code cell."""
    import ast
    from pathlib import Path

    jupytext = pytest.importorskip("jupytext")
    root = Path(__file__).resolve().parents[2] / "notebooks"
    offenders = []
    for path in sorted(root.glob("*.py")):
        nb = jupytext.read(path)
        for cell in nb.cells:
            if cell.cell_type != "code":
                continue
            tree = ast.parse(cell.source)
            offenders += [f"{path.name}: {node.name}" for node in ast.walk(tree)
                          if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))]
    assert offenders == []
