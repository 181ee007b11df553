"""Regions of the equilibrium maps, computed from the closed forms (areas of exact intervals, not read off a grid).

When the niche supplier can only take agency (analogue of the summary's Lemma 2 and Proposition 3), the platform
either sets ``r = r1A`` and gets AA (region X) or sets ``r = 1`` and gets WA (region Y). :func:`forced_agency_gain`
is the difference of the two profits, :func:`region_y_cutoff` its root in ``alpha``. :func:`area_shares` gives the
share of the ``(beta, alpha)`` rectangle's area covered by each outcome, :func:`region_y_area` that of region Y.
"""

from __future__ import annotations

import math

import numpy as np
from scipy import optimize

from ... import _validate as v
from .closed_forms import CONFIGURATIONS, as_output, check_alpha, check_beta, subgame, threshold_arrays
from .equilibrium import reachable_choices, stage1_arrays

#: Smallest potential demand of the niche supplier the boundary search considers.
_ALPHA_MIN = 1e-9
_N_SCAN, _N_GAUSS, _BETA_TOL = 64, 12, 1e-5  # area_shares: alpha-scan, Gauss nodes per piece, beta break points


def forced_agency_gain(alpha, beta):
    """``Pi^WA(r = 1) - Pi^AA(r = r1A)``: what the platform gains in region Y over region X.

    With the niche supplier forced onto agency, the platform's profit is ``Pi^AA(r)`` up to ``r1A`` and the
    increasing ``Pi^WA(r)`` above it, so its optimum is the larger of these two values. At ``beta = 0`` it is
    ``alpha^2 / 8 - 1/16``. Vectorised over ``alpha`` and ``beta``.
    """
    alpha, beta = check_alpha(alpha), check_beta(beta)
    r1A = as_output(threshold_arrays(alpha, beta, ("r1A",))["r1A"])  # a quadratic's root: no bisection
    return subgame("WA", alpha, beta, 1.0).platform - subgame("AA", alpha, beta, r1A).platform


def region_y_cutoff(beta: float) -> float:
    """Smallest ``alpha`` at which the extension's equilibrium is WA at ``r = 1`` (region Y), at ``beta``.

    The root in ``alpha`` of :func:`forced_agency_gain` (scipy's ``brentq``, to ``1e-14``), assuming the gain
    increases in ``alpha`` (the tests check this against :func:`xbec.model.contracts.equilibrium_map`). ``0`` when
    region Y covers every ``alpha`` at this ``beta``; ``nan`` when it covers none. At ``beta = 0``: ``1/sqrt(2)``.
    """
    b = float(check_beta(v.finite_real("beta", beta)))
    lo, hi = forced_agency_gain(_ALPHA_MIN, b), forced_agency_gain(1.0, b)
    if lo > 0:
        return 0.0
    if hi <= 0:
        return math.nan
    return float(optimize.brentq(lambda a: forced_agency_gain(a, b), _ALPHA_MIN, 1.0, xtol=1e-14))


def region_y_area(beta_max: float) -> float:
    """Share of ``0 < alpha <= 1``, ``0 <= beta <= beta_max`` in region Y (above :func:`region_y_cutoff`), by area."""
    return area_shares(beta_max)["forced"]["WA"]


def _labels(alpha, beta):
    """Outcomes at ``alpha, beta`` (last axis): equilibrium code of the main model and of the extension, its
    platform profit below the main model's, WA, AW, WA/AW reachable."""
    main, forced = (stage1_arrays(alpha, beta, f) for f in (False, True))
    loses = forced["platform"] < main["platform"] * (1 - 1e-9)
    reach = reachable_choices(alpha, beta)
    return np.stack([main["code"], forced["code"], loses, reach["WA"], reach["AW"], reach["WA/AW"]], -1)


def _scan(beta, runs=False):
    """:func:`_labels` on the alpha-scan (``alpha = 1``, ties, left out) at each ``beta``; ``runs``: the values met."""
    a = np.linspace(_ALPHA_MIN, 1 - _ALPHA_MIN, _N_SCAN)
    lab = _labels(*np.broadcast_arrays(a, np.asarray(beta)[:, None])).astype(int)
    return [tuple(tuple(c[np.r_[0, np.flatnonzero(np.diff(c)) + 1]]) for c in x.T) for x in lab] if runs else (a, lab)


def area_shares(beta_max: float) -> dict[str, dict[str, float]]:
    """Share of the area of the rectangle ``0 < alpha <= 1``, ``0 <= beta <= beta_max`` covered by each outcome.

    At each ``beta`` an ``alpha``-scan (step ``1/63``) and bisection of each change of outcome to ``1e-12`` give exact
    intervals, integrated by 12-point Gauss-Legendre in ``t``, ``beta = lo + (hi - lo) t^2 (3 - 2t)``, on the pieces
    between the ``beta`` where the outcomes along ``alpha`` change (bisected to ``1e-5``). A region narrower than the
    scan step at a ``beta`` (near its tip) is missed there: an error of about ``1e-6``.

    Parameters
    ----------
    beta_max : float
        In ``(0, 1)``, else :class:`~xbec.errors.ModelDomainError`.

    Returns
    -------
    dict
        ``"main"`` / ``"forced"``: configuration -> share as the equilibrium, both suppliers choosing / the niche one on
        agency (``"WA"``: region Y); ``"reachable"``: ``"WA"``, ``"AW"``, ``"WA/AW"`` -> where some royalty induces
        it; ``"forced_loses"``: ``"yes"`` / ``"no"`` -> where the platform earns less / not less on agency than in the
        main model (by ``1e-9`` of its profit)
    """
    b_max = v.scalar("beta_max", v.interval("beta_max", beta_max, 0.0, 1.0, lo_open=True, hi_open=True))
    cells = list(zip(g := np.linspace(0.0, b_max, 33)[1:], g[1:], r := _scan(g, runs=True), r[1:]))  # beta = 0: ties
    while (cells := [c for c in cells if c[2] != c[3]]) and cells[0][1] - cells[0][0] > _BETA_TOL:
        mid = [(c[0] + c[1]) / 2 for c in cells]  # bisect each beta-cell whose ends differ
        cells = [h for c, m, r in zip(cells, mid, _scan(mid, True)) for h in ((c[0], m, c[2], r), (m, c[1], r, c[3]))]
    edges = np.r_[0.0, [(c[0] + c[1]) / 2 for c in cells], b_max]
    t, w = np.polynomial.legendre.leggauss(_N_GAUSS)
    t, h = (t + 1) / 2, np.diff(edges)[:, None]
    beta = (edges[:-1, None] + h * t * t * (3 - 2 * t)).ravel()
    a, lab = _scan(beta)
    j, i, k = np.nonzero(np.diff(lab, axis=1))  # outcome k changes between a[i] and a[i + 1] at beta[j]
    lo, hi = a[i], a[i + 1]
    for _ in range(34):
        left = _labels(x := (lo + hi) / 2, beta[j])[np.arange(x.size), k] == lab[j, i, k]
        lo, hi = np.where(left, x, lo), np.where(left, hi, x)
    length = np.eye(5)[lab[:, -1]]  # alpha-length of each value (last axis) of each outcome: the last run ends at 1
    np.add.at(length, (j, k, lab[j, i, k]), lo)
    np.add.at(length, (j, k, lab[j, i + 1, k]), -lo)
    s = np.tensordot((h * 3 * t * (1 - t) * w).ravel(), length, axes=1) / b_max  # d beta = 6 t (1 - t) h dt
    out = {g: dict(zip(CONFIGURATIONS, s[n].tolist())) for n, g in enumerate(("main", "forced"))}
    out["reachable"] = dict(zip(("WA", "AW", "WA/AW"), s[3:, 1].tolist()))
    return out | {"forced_loses": {"yes": float(s[2, 1]), "no": float(s[2, 0])}}
