"""Figures as the pages use them (xbec.figures.pages)."""

from __future__ import annotations

import pytest

import xbec
from xbec.figures import pages as fp
from xbec.replication.vertical_pages import printed_decentralized_allocation


def test_fig3_draws_the_printed_allocation_beside_ours():
    params, vp = xbec.HorizontalParams(), xbec.VerticalParams()
    plain = xbec.figures.paper.vertical_allocations(params, vp)
    fig = fp.vertical_allocations_with_printed(params, vp, printed_decentralized_allocation())
    ax = fig.axes[0]
    dotted = [ln for ln in ax.lines if ln.get_linestyle() == ":"]
    assert len(dotted) == 4 and len(ax.lines) == len(plain.axes[0].lines) + 4
    assert sorted(round(ln.get_ydata()[0], 2) for ln in dotted) == sorted(
        round(x, 2) for x in printed_decentralized_allocation())
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert sum("printed in §5.2" in t for t in labels) == 4
    with pytest.raises(xbec.ModelDomainError, match="printed"):
        fp.vertical_allocations_with_printed(params, vp, [1.0, 2.0])
    assert len(fp.vertical_allocations_with_printed(params, vp, None).axes[0].lines) == len(plain.axes[0].lines)


def test_show_saves_and_glues(tmp_path, monkeypatch):
    glued = []
    monkeypatch.setattr(fp, "glue_image", lambda name, png: glued.append((name, png)))
    png = fp.show(xbec.figures.paper.alliance_diagram(), tmp_path, "fig1", key="k")
    assert png == tmp_path / "fig1.png" and png.exists() and (tmp_path / "fig1.svg").exists()
    assert glued == [("k", png)]
    fp.show(xbec.figures.paper.alliance_diagram(), tmp_path, "fig2")
    assert glued[-1][0] == "fig-fig2"
