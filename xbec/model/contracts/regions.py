"""Regions of the extension's equilibrium maps, computed from the closed forms (not read off a grid).

When the niche supplier can only take agency (analogue of the summary's
Lemma 2 and Proposition 3), the platform either sets ``r = r1A`` and gets AA
(region X) or sets ``r = 1`` and gets WA (region Y). :func:`forced_agency_gain`
is the difference of the two profits; :func:`region_y_cutoff` is its root in
``alpha`` and :func:`region_y_area` the share of the ``(beta, alpha)``
rectangle that region Y covers, by adaptive quadrature over that boundary.
"""

from __future__ import annotations

import math

import numpy as np
from scipy import integrate, optimize

from ... import _validate as v
from ...errors import ModelDomainError
from .closed_forms import as_output, check_alpha, check_beta, subgame, threshold_arrays

#: Smallest potential demand of the niche supplier the boundary search considers.
_ALPHA_MIN = 1e-9


def forced_agency_gain(alpha, beta):
    """``Pi^WA(r = 1) - Pi^AA(r = r1A)``: what the platform gains in region Y over region X.

    With the niche supplier forced onto agency, the platform's profit is
    ``Pi^AA(r)`` up to ``r1A`` and the increasing ``Pi^WA(r)`` above it, so
    its optimum is the larger of these two values. At ``beta = 0`` it is
    ``alpha^2 / 8 - 1/16``. Vectorised over ``alpha`` and ``beta``.
    """
    alpha, beta = check_alpha(alpha), check_beta(beta)
    r1A = as_output(threshold_arrays(alpha, beta, ("r1A",))["r1A"])  # a quadratic's root: no bisection
    return subgame("WA", alpha, beta, 1.0).platform - subgame("AA", alpha, beta, r1A).platform


def region_y_cutoff(beta: float) -> float:
    """Smallest ``alpha`` at which the extension's equilibrium is WA at ``r = 1`` (region Y), at ``beta``.

    The root in ``alpha`` of :func:`forced_agency_gain` (scipy's ``brentq``,
    to ``1e-14``), assuming the gain increases in ``alpha`` (the tests check
    this against :func:`xbec.model.contracts.equilibrium_map`). ``0`` when
    region Y covers every ``alpha`` at this ``beta``; ``nan`` when it covers
    none. At ``beta = 0`` the cut-off is ``1/sqrt(2)``.
    """
    b = float(check_beta(v.finite_real("beta", beta)))
    lo, hi = forced_agency_gain(_ALPHA_MIN, b), forced_agency_gain(1.0, b)
    if lo > 0:
        return 0.0
    if hi <= 0:
        return math.nan
    return float(optimize.brentq(lambda a: forced_agency_gain(a, b), _ALPHA_MIN, 1.0, xtol=1e-14))


def region_y_area(beta_max: float) -> float:
    """Share of the rectangle ``0 < alpha <= 1``, ``0 <= beta <= beta_max`` that region Y covers, in ``[0, 1]``.

    ``∫ (1 - alpha_Y(beta)) d beta / beta_max`` with ``alpha_Y`` from
    :func:`region_y_cutoff` (``1`` where region Y is empty), by
    :func:`scipy.integrate.quad`.
    """
    b_max = v.positive("beta_max", beta_max)
    if b_max >= 1.0:
        raise ModelDomainError(f"beta_max={beta_max!r}: must be below 1 (the substitutability's domain)")

    def width(b: float) -> float:
        cut = region_y_cutoff(b)
        return 0.0 if np.isnan(cut) else 1.0 - cut

    area, _ = integrate.quad(width, 0.0, b_max, epsabs=1e-11, epsrel=1e-10, limit=200)
    return float(area / b_max)
