"""The replication report's page (xbec.replication.report_pages)."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given

import xbec
from tests.conftest import horizontal_params
from tests.replication.test_pages import PAPER_NS
from xbec.replication import ledger as L
from xbec.replication import pages
from xbec.replication import report_pages as rp
from xbec.replication import symbolic as S
from xbec.replication.claims import VERDICTS
from xbec.replication.errata import KINDS


@pytest.fixture(scope="module")
def paper_page(tmp_path_factory):
    return pages.setup({**PAPER_NS, "output_dir": str(tmp_path_factory.mktemp("out"))})


@pytest.fixture(scope="module")
def paper_report(paper_page):
    return rp.report(paper_page)


@pytest.fixture(scope="module")
def checks():
    return S.checks()


def _page(params, tmp_path):
    ns = {**PAPER_NS, **{f.name: getattr(params, f.name) for f in dataclasses.fields(params)}}
    return pages.setup({**ns, "output_dir": str(tmp_path)})


def test_report_at_the_paper(paper_report):
    assert paper_report.on_paper and paper_report.rows and paper_report.claims
    assert paper_report.ledger_error == "" and paper_report.claims_error == ""
    assert paper_report.rows == L.ledger(xbec.HorizontalParams(), xbec.VerticalParams())


def test_ledger_values_count_and_write_the_csv(paper_report, tmp_path):
    v = rp.ledger_values(paper_report, tmp_path)
    s = L.summary(paper_report.rows)
    assert v["n_total"] == len(paper_report.rows) == sum(v[f"n_{st}"] for st in L.STATUSES)
    assert all(v[f"n_{st}"] == s[st] for st in L.STATUSES) and v["n_unexplained"] == 0
    assert (tmp_path / "ledger.csv").read_text() == L.to_csv(paper_report.rows)
    assert "paper's parameters (§5.1" in v["params_note"] and isinstance(v["params_note"], pages.Md)


def test_ledger_values_without_a_ledger(paper_report, tmp_path):
    broken = dataclasses.replace(paper_report, on_paper=False, rows=[], ledger_error="no band <here>")
    v = rp.ledger_values(broken, tmp_path)
    assert v["n_total"] == 0 and "cannot be computed" in v["params_note"] and "\\<here\\>" in v["params_note"]
    assert not (tmp_path / "ledger.csv").exists()
    other = rp.ledger_values(dataclasses.replace(paper_report, on_paper=False), tmp_path)
    assert "not the paper's parameters" in other["params_note"]


def test_errata_and_claims_values(paper_report):
    e = rp.errata_values(paper_report)
    assert e["n_errata"] == len(xbec.errata()) == sum(e[f"n_errata_{k}"] for k in KINDS)
    assert e["n_errata_holds"] == sum(x.holds for x in paper_report.errata)
    c = rp.claims_values(paper_report)
    assert c["n_claims"] == sum(c[f"n_claims_{v.replace(' ', '_')}"] for v in VERDICTS) > 0
    assert c["verdict_pareto"] in VERDICTS
    assert {k for k in c if k.startswith("verdict_")} == {f"verdict_{cl.key}" for cl in paper_report.claims}


def test_link_values(tmp_path):
    toc = tmp_path / "_toc.yml"
    toc.write_text("format: jb-book\nroot: book/intro\nchapters:\n- file: notebooks/explorer\n")
    v = rp.link_values(toc)
    assert v["link_explorer"] == '<a href="../notebooks/explorer.html">explorer</a>'
    assert v["link_robustness"] == "robustness chapter" and v["link_api"] == "API reference"
    assert isinstance(v["link_explorer"], pages.Html) and v["link_explorer"]._repr_html_() == v["link_explorer"]
    assert rp.link_values(tmp_path / "missing.yml")["link_explorer"] == "explorer"


def test_summary_and_ledger_tables(paper_report):
    table = rp.summary_table(paper_report)
    n = len(paper_report.rows)
    assert f"| **all** | {n} |" in table and table.count("\n") == len(rp.GROUPS) + 3
    sections = rp.ledger_sections(paper_report)
    assert sections.count("### ") == len(rp.GROUPS) and "**reconstructed**" in sections
    assert rp.ledger_sections(dataclasses.replace(paper_report, rows=[])) == "No ledger for these parameters."


def test_claims_section(paper_report):
    md = rp.claims_section(paper_report)
    assert all(f"`{cl.key}`" in md for cl in paper_report.claims) and "Checked:" in md
    none = rp.claims_section(dataclasses.replace(paper_report, claims=(), claims_error="empty band"))
    assert none == "The claims cannot be assessed for these parameters: empty band."


def test_reconstruction_at_the_paper(paper_report):
    alloc = rp.reconstructed_allocation(paper_report)
    printed = [1056.59, 680.42, 110.35, 457.19]
    assert alloc is not None and [round(float(x), 2) for x in alloc] == printed
    v = rp.reconstruction_values(paper_report)
    assert v["fam_V_lo"] < 2304.54 < v["fam_V_hi"] and v["fam_sum"] == pytest.approx(sum(printed))
    assert "The whole family" in v["reconstruction"] and "0.72" in v["reconstruction"]
    none = dataclasses.replace(paper_report, rows=[])
    assert rp.reconstructed_allocation(none) is None
    assert rp.reconstruction_values(none)["reconstruction"] == "With these parameters no ledger row is reconstructed."


def test_band_values_at_the_paper(paper_report):
    v = rp.band_values(paper_report)
    band = xbec.acceptable_lambda(xbec.HorizontalParams())
    assert v["band_lo"] == f"{band.lo:.5f}" and v["band_hi_2"] == f"{band.hi:.2f}"
    assert float(v["mixed_lo"]) > float(v["band_lo"])  # the mixed comparison raises the lower end (0.72)
    assert rp.band_values(dataclasses.replace(paper_report, rows=[]))["mixed_lo"] == "none"


def test_not_reproduced_links_to_the_allocation_note(paper_report):
    md = rp.not_reproduced(paper_report)
    assert "decentralised-allocation-note" in md
    dec = next(r for r in paper_report.rows if r.where.startswith("§5.2, decentralised, x_"))
    assert dec.note_md not in md  # the long note is shown once, on table2_fig3
    other = rp.not_reproduced(dataclasses.replace(paper_report, on_paper=False))
    assert dec.note_md in other and "decentralised-allocation-note" not in other
    assert rp.not_reproduced(dataclasses.replace(paper_report, rows=[])) == "Every number is reproduced."


def test_in_short():
    assert "In short" in rp.in_short(True) and "In short" not in rp.in_short(False)


def test_formula_values_and_table(paper_report, checks):
    v = rp.formula_values(checks)
    assert v["n_checks"] == len(checks) >= v["n_agree"] and v["n_misdescribed"] >= 1
    assert all(ch.label in v["misdescribed_list"] for ch in checks if ch.errata)
    table = rp.formula_table(checks, paper_report)
    assert table.count("\n") == len(checks) + 2


def test_errata_section(paper_report):
    md = rp.errata_section(paper_report)
    assert all(f"`{e.key}`" in md for e in paper_report.errata) and "**Corrected:**" in md


@given(params=horizontal_params())
def test_every_function_over_the_domain(params, tmp_path_factory):
    """Any valid parameters: the report builds, every part is text or counts, none raises."""
    tmp = tmp_path_factory.mktemp("h")
    rep = rp.report(_page(params, tmp))
    assert rep.on_paper == (params == xbec.HorizontalParams())
    assert bool(rep.rows) != bool(rep.ledger_error) and bool(rep.claims) != bool(rep.claims_error)
    v = rp.ledger_values(rep, tmp) | rp.errata_values(rep) | rp.claims_values(rep)
    assert v["n_total"] == len(rep.rows) and (tmp / "ledger.csv").exists() == bool(rep.rows)
    for md in (rp.summary_table(rep), rp.claims_section(rep), rp.not_reproduced(rep), rp.ledger_sections(rep)):
        assert isinstance(md, pages.Md) and md
    assert isinstance(rp.reconstruction_values(rep)["reconstruction"], pages.Md)
    b = rp.band_values(rep)
    try:
        band = xbec.acceptable_lambda(params)
        assert b["band_lo"] == f"{band.lo:.5f}" and b["band_hi"] == f"{band.hi:.5f}"
    except xbec.ModelDomainError:
        assert b["band_lo"] == b["band_hi"] == "none"
    assert f"`{rep.errata[0].key}`" in rp.errata_section(rep)
