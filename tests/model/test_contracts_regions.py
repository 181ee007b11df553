"""Region Y of the extension (xbec.model.contracts.regions) against the equilibrium map and by hand."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import integrate

from xbec.errors import ModelDomainError
from xbec.model import contracts
from xbec.model.contracts import regions

AA = contracts.CONFIGURATIONS.index("AA")


@given(st.floats(0.01, 1.0))
def test_gain_at_beta_zero_by_hand(alpha):
    # AA at r = 1/2 earns (1 + alpha^2) / 8, WA at r = 1 earns 1/16 + alpha^2 / 4
    assert contracts.forced_agency_gain(alpha, 0.0) == pytest.approx(alpha**2 / 8 - 1 / 16, abs=1e-12)


def test_cutoff_at_beta_zero_is_one_over_root_two():
    assert contracts.region_y_cutoff(0.0) == pytest.approx(1 / math.sqrt(2), abs=1e-12)


@settings(max_examples=25, deadline=None)
@given(st.floats(0.0, 0.99))
def test_cutoff_separates_the_regions_of_the_equilibrium(beta):
    cut = contracts.region_y_cutoff(beta)
    for a, region_y in ((cut - 1e-6, False), (cut + 1e-6, True)):
        if 0 < a <= 1:
            eq = contracts.equilibrium(a, beta, niche_forced_agency=True)
            assert (eq.contracts != "AA") == region_y, (a, beta)


def test_gain_increases_in_alpha():
    a = np.linspace(0.01, 1.0, 300)
    for b in (0.0, 0.2, 0.4, 0.6, 0.9):
        assert np.all(np.diff(contracts.forced_agency_gain(a, b)) > 0)


@pytest.mark.parametrize("beta_max", [0.0, 1.0, -0.5, float("nan")])
def test_area_refuses_a_bad_range(beta_max):
    with pytest.raises(ModelDomainError, match="beta_max"):
        contracts.region_y_area(beta_max)


# -- area_shares: every outcome's share of the rectangle, by area


BETA_MAX = 0.995


@pytest.fixture(scope="module")
def areas():
    return contracts.area_shares(BETA_MAX)


def _grid_shares(beta_max, n):
    """The same shares read off an n x n midpoint grid (the notebook's old way)."""
    alpha = (np.arange(n) + 0.5) / n
    beta = (np.arange(n) + 0.5) / n * beta_max
    main = contracts.equilibrium_map(alpha, beta)
    forced = contracts.equilibrium_map(alpha, beta, niche_forced_agency=True)
    reach = contracts.reachable_choices(alpha[:, None], beta[None, :])
    loses = forced.platform_profit < main.platform_profit * (1 - 1e-9)
    return {
        "main": {c: main.share(c) for c in contracts.CONFIGURATIONS},
        "forced": {c: forced.share(c) for c in contracts.CONFIGURATIONS},
        "reachable": {k: float(np.mean(reach[k])) for k in ("WA", "AW", "WA/AW")},
        "forced_loses": {"yes": float(np.mean(loses)), "no": float(np.mean(~loses))},
    }


def test_area_shares_agree_with_a_fine_grid_to_its_resolution(areas):
    n = 250
    grid = _grid_shares(BETA_MAX, n)
    assert areas.keys() == grid.keys()
    for group, shares in grid.items():
        assert areas[group].keys() == shares.keys(), group
        for k, share in shares.items():
            assert areas[group][k] == pytest.approx(share, abs=1.5 / n), (group, k)


def test_area_shares_partition_the_rectangle(areas):
    for group in ("main", "forced", "forced_loses"):
        assert sum(areas[group].values()) == pytest.approx(1.0, abs=1e-12), group
    for group in areas.values():
        assert all(0.0 <= s <= 1.0 + 1e-12 for s in group.values())
    # AW is never the equilibrium (nor reachable on its own); with the niche supplier on agency only AA and WA occur
    assert areas["main"]["AW"] == areas["reachable"]["AW"] == 0.0
    assert areas["forced"]["WW"] == areas["forced"]["AW"] == 0.0
    # every outcome occurs on a set of positive area on the book's rectangle
    assert min(areas["main"]["AA"], areas["main"]["WA"], areas["main"]["WW"], areas["forced_loses"]["yes"]) > 0.01


def _region_y_by_quadrature(beta_max):
    """Region Y's area by adaptive quadrature over the boundary found by brentq (independent of area_shares)."""

    def width(b):
        cut = contracts.region_y_cutoff(b)
        return 0.0 if np.isnan(cut) else 1.0 - cut

    return integrate.quad(width, 0.0, beta_max, epsabs=1e-11, epsrel=1e-10, limit=200)[0] / beta_max


@pytest.mark.parametrize("beta_max", [0.3, 0.6, BETA_MAX])
def test_region_y_is_the_area_over_the_cutoff(beta_max):
    expected = _region_y_by_quadrature(beta_max)
    assert contracts.region_y_area(beta_max) == pytest.approx(expected, abs=1e-9)  # area_shares' forced WA


def test_areas_grow_with_the_rectangle():
    """Each outcome's area (share x beta_max) can only grow as the rectangle grows in beta."""
    sizes = (0.5, 0.6, 0.8, BETA_MAX)
    runs = [contracts.area_shares(b) for b in sizes]
    for group in runs[0]:
        for k in runs[0][group]:
            area = [r[group][k] * b for r, b in zip(runs, sizes)]
            assert np.all(np.diff(area) >= -2e-6), (group, k, area)  # up to area_shares' error, about 1e-6
    # below beta = 0.5 both suppliers stay on agency and the platform never loses from the restriction
    assert runs[0]["main"]["AA"] == pytest.approx(1.0, abs=1e-12)
    assert runs[0]["forced_loses"]["yes"] == 0.0
    grid = _grid_shares(0.8, 120)
    for group, shares in grid.items():
        for k, share in shares.items():
            assert runs[2][group][k] == pytest.approx(share, abs=1.5 / 120), (group, k)


def test_area_shares_do_not_move_with_finer_settings(areas, monkeypatch):
    monkeypatch.setattr(regions, "_N_SCAN", 160)
    monkeypatch.setattr(regions, "_N_GAUSS", 20)
    monkeypatch.setattr(regions, "_BETA_TOL", 1e-7)
    finer = contracts.area_shares(BETA_MAX)
    for group, shares in finer.items():
        for k, share in shares.items():
            assert areas[group][k] == pytest.approx(share, abs=2e-6), (group, k)


@pytest.mark.parametrize("beta_max", [0.0, 1.0, -0.5, float("nan"), [0.5, 0.6]])
def test_area_shares_refuse_a_bad_range(beta_max):
    with pytest.raises(ModelDomainError, match="beta_max"):
        contracts.area_shares(beta_max)


def test_the_restriction_costs_the_platform_only_where_ww_was_optimal():
    """The extension chapter's statement: where AA or WA was optimal the platform still reaches that profit."""
    alpha, beta = np.linspace(0.005, 1.0, 200), np.linspace(0.0, BETA_MAX, 200)
    main = contracts.equilibrium_map(alpha, beta)
    forced = contracts.equilibrium_map(alpha, beta, niche_forced_agency=True)
    loses = forced.platform_profit < main.platform_profit * (1 - 1e-9)
    assert loses.any() and not np.any(loses & (main.code != contracts.CONFIGURATIONS.index("WW")))
