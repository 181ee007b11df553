"""Region Y of the extension (xbec.model.contracts.regions) against the equilibrium map and by hand."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xbec.errors import ModelDomainError
from xbec.model import contracts

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


def test_area_against_a_fine_grid():
    n = 400
    alpha = (np.arange(n) + 0.5) / n
    beta = (np.arange(n) + 0.5) / n * 0.995
    grid = contracts.equilibrium_map(alpha, beta, niche_forced_agency=True)
    share = float(np.mean(grid.code != AA))
    assert contracts.region_y_area(0.995) == pytest.approx(share, abs=2 / n)


@pytest.mark.parametrize("beta_max", [0.0, 1.0, -0.5, float("nan")])
def test_area_refuses_a_bad_range(beta_max):
    with pytest.raises(ModelDomainError, match="beta_max"):
        contracts.region_y_area(beta_max)
