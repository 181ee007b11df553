"""Root polishing: the one Newton-polishing helper of the package.

Roots of polynomials in λ (the band's quadratics, the claims' sign tests, the
Nash product's stationary points) are found in closed form or from a companion
matrix, then polished by Newton steps on the full polynomial.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.polynomial import Polynomial

__all__ = ["newton_polish", "real_roots"]


def newton_polish(f: Callable, df: Callable, x, steps: int = 8):
    """``x`` after up to ``steps`` Newton steps ``x -= f(x) / df(x)``, elementwise (vectorised ``f``, ``df``).

    A step is skipped where the slope vanishes or the step is not finite;
    ``nan`` stays ``nan``; iteration stops once every step is below ``1e-16``
    relative. Returns a float for a scalar ``x``, else an array of its shape.
    """
    x = np.asarray(x, dtype=float)
    with np.errstate(all="ignore"):
        for _ in range(steps):
            fx, slope = f(x), df(x)
            step = np.where((slope != 0) & np.isfinite(fx / slope), fx / slope, 0.0)
            x = x - step
            if np.all(np.abs(step) <= 1e-16 * np.maximum(1.0, np.abs(x))):
                break
    return x if x.ndim else float(x)


def real_roots(poly: Polynomial, trim: float = 1e-150, steps: int = 8) -> list[float]:
    """Real roots of ``poly`` (companion matrix), each polished by :func:`newton_polish` on ``poly`` itself.

    Leading coefficients below ``trim`` times the largest are left out of the
    companion matrix (as ``b2 -> 0`` they only add roots far from ``(0, 1)``);
    roots with an imaginary part above ``1e-9`` relative are dropped.
    """
    poly = poly.trim()
    if not np.any(poly.coef != 0):
        return []
    approx = poly.trim(tol=trim * float(np.max(np.abs(poly.coef))))
    if approx.degree() < 1:
        return []
    deriv = poly.deriv()
    return [
        float(newton_polish(poly, deriv, float(r.real), steps))
        for r in approx.roots()
        if abs(r.imag) <= 1e-9 * max(1.0, abs(r.real))
    ]
