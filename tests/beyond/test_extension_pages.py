"""The extension page's numbers (xbec.beyond.extension_pages)."""

from __future__ import annotations

import numpy as np
import pytest

from xbec.beyond import extension_pages as ep
from xbec.model import contracts

ALPHAS = np.linspace(0.05, 1.0, 20)
BETAS = np.linspace(0.0, 0.995, 20)


def test_subgames_and_thresholds():
    md = ep.subgame_md()
    assert all(f"\\textbf{{{c}}}" in md for c in contracts.CONFIGURATIONS)
    th = ep.thresholds_values(0.6, 0.6)
    assert th == {f"th_{k}": pytest.approx(float(v)) for k, v in contracts.thresholds(0.6, 0.6).items()}


def test_pieces_and_runs():
    md = ep.pieces_table(0.6, 0.6)
    assert md.count("\n") == 2 + len(contracts.stage2_intervals(0.6, 0.6)) and "[0.0000," in md
    runs = ep.configuration_runs(0.6, np.linspace(0.0, 0.995, 201))
    assert runs.startswith("AA for β ∈ [0.000,") and runs.endswith("0.995]")


def test_equilibrium_and_maps():
    eq = contracts.equilibrium(0.6, 0.6)
    v = ep.equilibrium_values(eq, "eq")
    assert v["eq_contracts"] == ep.CONFIG_NAMES[eq.contracts] and v["eq_royalty"] == pytest.approx(eq.royalty)
    m = contracts.equilibrium_map(ALPHAS, BETAS)
    mv = ep.map_values(m, ALPHAS)
    assert sum(mv[f"share_{c}"] for c in contracts.CONFIGURATIONS) == pytest.approx(100.0)
    assert mv["aa_r_min"] <= mv["aa_r_max"] and mv["ambiguous"] == 0
    fm = contracts.equilibrium_map(ALPHAS, BETAS, niche_forced_agency=True)
    fv = ep.forced_values(fm, m)
    assert fv["share_X"] + fv["share_Y"] == pytest.approx(100.0)
    assert fv["y_alpha_beta0"] == pytest.approx(1 / np.sqrt(2), abs=1e-9)  # bisection, not a grid
    r = ep.reach_values(ALPHAS, BETAS)
    assert 0 <= r["share_reach_aw"] <= r["share_reach_wa"] <= 100
