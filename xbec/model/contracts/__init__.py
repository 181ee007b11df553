"""Wholesale or agency? Contract choice on an e-commerce platform (after Zennyo 2020).

Extension chapter of the xbec book.  The model below is *our specification*;
it follows the set-up summarised for Zennyo (2020, EJOR 281(1):231-239) but the
functional forms and the timing are fixed here, not taken from the paper.

Model
-----
Two suppliers sell through one monopoly platform.  Demand is linear,

    q1 = 1 - p1 + beta * p2,        q2 = alpha - p2 + beta * p1,

with ``0 < alpha <= 1`` (potential demand of the niche supplier 2; supplier 1
is the major supplier) and ``0 <= beta < 1`` (substitutability).  Marginal
costs are zero.

1. The platform sets the royalty (commission) rate ``r`` in ``[0, 1]``.
2. The suppliers simultaneously choose a wholesale (``W``) or an agency
   (``A``) contract.  Among the pure Nash equilibria of this 2x2 game we keep
   the payoff-undominated ones.  A supplier that is exactly indifferent takes
   agency (the weak inequality ``r <= r_i`` of the summary's Lemma 1).
3. W suppliers set wholesale prices ``w_i`` first; then, simultaneously, the
   platform sets the retail prices of the W products and every A supplier sets
   its own retail price.  The platform earns
   ``sum_W (p_i - w_i) q_i + r * sum_A p_j q_j``; a W supplier earns
   ``w_i q_i``; an A supplier earns ``(1 - r) p_j q_j``.

A configuration is a two-letter code, first letter supplier 1: ``"WA"`` means
supplier 1 wholesale and supplier 2 agency.

Results used throughout (all checked in ``tests/model/test_contracts.py``):

* every subgame has a unique interior solution with strictly positive prices,
  wholesale prices, platform margins and quantities on the *whole* domain
  ``0 < alpha <= 1``, ``0 <= beta < 1``, ``0 <= r <= 1``; no restriction of the
  domain is needed;
* each threshold ``r_i^s`` exists and is unique in ``(0, 1)``, so
  :func:`thresholds` never has to clip or return ``None``; all four equal
  ``1/2`` at ``beta = 0``; ``r1W``, ``r2W`` and ``r2A`` exceed ``1/2`` for
  ``beta > 0`` (``r1A`` dips slightly below ``1/2`` only for a tiny niche
  supplier and almost perfect substitutes, e.g. ``alpha < 0.04, beta > 0.97``);
* the platform's profit in every configuration is non-decreasing in ``r``
  (constant under WW), so the stage-1 problem is solved exactly by comparing
  the profit at the right end points of the r-intervals on which stage 2
  selects one configuration.

Model code never plots or prints (figures: :mod:`xbec.figures.contracts`). The code is in
:mod:`~xbec.model.contracts.closed_forms`, :mod:`~xbec.model.contracts.equilibrium` and
:mod:`~xbec.model.contracts.regions` (each says what it holds), re-exported here and as ``xbec.contracts``.
"""

from __future__ import annotations

from .closed_forms import (
    CHOICE_LABELS,
    CONFIGURATIONS,
    THRESHOLD_KEYS,
    Derivation,
    Subgame,
    derive,
    subgame,
    threshold_coefficients,
    thresholds,
)
from .equilibrium import (
    Equilibrium,
    EquilibriumMap,
    RoyaltyPath,
    choice,
    choice_grid,
    equilibrium,
    equilibrium_map,
    reachable_choices,
    royalty_path,
    stage2_intervals,
)
from .regions import area_shares, forced_agency_gain, region_y_area, region_y_cutoff

__all__ = [
    "forced_agency_gain",
    "region_y_cutoff",
    "region_y_area",
    "area_shares",
    "CONFIGURATIONS",
    "THRESHOLD_KEYS",
    "CHOICE_LABELS",
    "Derivation",
    "Subgame",
    "Equilibrium",
    "EquilibriumMap",
    "RoyaltyPath",
    "derive",
    "subgame",
    "threshold_coefficients",
    "thresholds",
    "choice",
    "choice_grid",
    "stage2_intervals",
    "reachable_choices",
    "equilibrium",
    "equilibrium_map",
    "royalty_path",
]
