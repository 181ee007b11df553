"""Figures of the robustness chapter: they draw what xbec computes, and save byte-stably."""

from __future__ import annotations

import numpy as np
import pytest

import xbec
from xbec import beyond as an

pytest.importorskip("matplotlib")
from xbec.figures import robustness as fr  # noqa: E402
from xbec.figures import save  # noqa: E402

PAPER = xbec.HorizontalParams()
VP = xbec.VerticalParams()


def test_leader_maps_figure_titles_report_the_computed_shares():
    rho, kappa = np.linspace(0, 0.99, 30), np.linspace(0, 0.3, 20)
    maps = {(k, leads): m for leads in (True, False)
            for k, m in an.leader_band_maps(rho[None, :], kappa[:, None], platform_leads=leads).items()}
    fig = fr.leader_maps_figure(rho, kappa, maps, mark=an.dimensionless_groups(PAPER))
    titles = [ax.get_title() for ax in fig.axes if ax.get_title()]
    assert len(titles) == 4
    share = float(np.mean(maps[("platform", True)].status == an.BAND_OK))
    assert any(f"band in {share:.0%}" in t for t in titles)
    assert any("manufacturer leads" in t and "band in 0%" in t for t in titles)


def test_bargaining_figure_marks_the_nash_share(tmp_path):
    out = xbec.nash_bargaining_lambda(PAPER)
    fig = fr.bargaining_figure(PAPER, [out])
    labels = [line.get_label() for ax in fig.axes for line in ax.get_lines()]
    assert f"Nash: λ = {out.lam['Nash']:.4f}" in labels
    a = save(fig, tmp_path / "a", "bargaining")
    b = save(fr.bargaining_figure(PAPER, [out]), tmp_path / "b", "bargaining")
    assert a[0].read_bytes() == b[0].read_bytes()


def test_mu_figure_draws_each_rule_and_the_thresholds():
    lam = np.linspace(0.3, 1.0, 50)
    paths = {rule: an.allocation_paths(PAPER, VP, lam, rule) for rule in an.MU_RULES}
    scales = np.linspace(0.5, 1.5, 5)
    th = an.negative_allocation_thresholds(PAPER, VP, scales)
    fig = fr.mu_figure(lam, paths, xbec.MEMBER_NAMES, scales, th)
    assert len(fig.axes) == 3
    drawn = fig.axes[0].get_lines()[2].get_ydata()
    np.testing.assert_allclose(drawn, paths["fixed"][:, 2])
