"""An independent reference for the λ band: profits from the primitives, sign changes on a grid, brentq.

Nothing here uses the quadratic coefficients of ``xbec.model.horizontal.band_conditions``
nor ``xbec.model.band``: the revenue-sharing outcome is rebuilt from eq (10)
(``sharing_wholesale_price``), eq (9) and the profit functions (eq 7 and the
manufacturer's share), the benchmark from a numeric optimiser when asked.
"""

from __future__ import annotations

import numpy as np
from scipy.optimize import brentq

from xbec.model import horizontal as h


def slack(params, lam, pi1_star, pi2_star, earns_more=True, floor=None):
    """min over the band's conditions at ``lam`` (array); -inf where demand <= 0."""
    lam = np.atleast_1d(np.asarray(lam, float))
    cen = h.centralized(params)
    w = h.sharing_wholesale_price(params, lam)
    p = np.full_like(lam, cen.p)
    s = params.b2 * (lam * cen.p - w) / params.gamma1
    d = h.demand(params, p, s)
    pi1 = h.platform_profit_sharing(params, lam, p, w, s)
    pi2 = h.manufacturer_profit_sharing(params, lam, p, w, s)
    parts = [pi1 - pi1_star, pi2 - pi2_star]
    if earns_more:
        parts.append(pi1 - pi2)
    if floor is not None:
        parts.append(pi1 - floor)
    out = np.min(parts, axis=0)
    return np.where(d > 0, out, -np.inf)


def reference_band(params, pi1_star, pi2_star, earns_more=True, floor=None, n=20001):
    """Intervals ``[(lo, hi), ...]`` of ``lam`` in (0, 1) where every condition holds.

    Grid sign changes refined by brentq; bands narrower than the grid step can
    be missed (callers only compare what the grid resolves).
    """
    singular = params.b1 * params.gamma1 / params.b2**2 if params.b2 > 0 else np.inf
    lam = np.linspace(0.0, 1.0, n)[1:]
    lam = lam[np.abs(lam - singular) > 1e-9]
    f = slack(params, lam, pi1_star, pi2_star, earns_more, floor)
    good = f > 0

    def g(x):
        return float(slack(params, x, pi1_star, pi2_star, earns_more, floor)[0])

    def refine(a, b):
        fa, fb = g(a), g(b)
        if not (np.isfinite(fa) and np.isfinite(fb)) or (a < singular < b):
            return singular if a < singular < b else (a if np.isfinite(fb) else b)
        return brentq(g, a, b, xtol=1e-15, rtol=1e-15)

    bands = []
    start = None
    for i in range(len(lam)):
        if good[i] and start is None:
            start = 0.0 if i == 0 else refine(lam[i - 1], lam[i])
        if start is not None and (not good[i] or i == len(lam) - 1):
            end = 1.0 if good[i] else refine(lam[i - 1], lam[i])
            bands.append((start, end))
            start = None
    return bands
