"""Continuous-interval helpers of :mod:`xbec.replication.claims`: statements over a λ band decided exactly.

Revenue-sharing profits are quadratics in λ over ``δ(λ)^2``
(:func:`xbec.model.horizontal.sharing_quadratics`, the one derivation); a
statement "for every λ in the band" becomes the sign of a polynomial on an
interval, decided by its roots (:func:`xbec.model.roots.real_roots`), not on a grid.
"""

from __future__ import annotations

from numpy.polynomial import Polynomial

from ..errors import ModelDomainError
from ..model.horizontal import (
    HorizontalParams,
    LambdaBand,
    acceptable_lambda,
    revenue_sharing,
    sharing_margin,
    sharing_quadratics,
)
from ..model.roots import real_roots
from ..model.vertical import VerticalParams, allocate
from .numerics import grid_ends, vertical_acceptable_lambda


def positive_on(poly: Polynomial, a: float, b: float) -> bool:
    """``poly > 0`` on the whole open interval ``(a, b)`` (decided by its roots)."""
    if not a < b:
        return True
    tol = 1e-12 * max(1.0, abs(a), abs(b))
    if any(a + tol < r < b - tol for r in real_roots(poly)):
        return False
    return bool(poly(0.5 * (a + b)) > 0)


def delta_poly(params: HorizontalParams) -> Polynomial:
    """``δ(λ) = b1 γ1 - λ b2^2``, the denominator of the revenue-sharing outcome."""
    return Polynomial([params.b1 * params.gamma1, -(params.b2**2)])


def pi1_poly(params: HorizontalParams) -> Polynomial:
    """``pi1(λ) δ(λ)^2`` as a polynomial in λ, from the model's :func:`sharing_quadratics`."""
    return Polynomial(sharing_quadratics(params).pi1)


def pi2_poly(params: HorizontalParams) -> Polynomial:
    """``pi2(λ) δ(λ)^2`` as a polynomial in λ, from the model's :func:`sharing_quadratics`."""
    return Polynomial(sharing_quadratics(params).pi2)


def valid_interval(params: HorizontalParams, a: float, b: float) -> tuple[float, float]:
    """The part of ``(a, b)`` where revenue sharing has an outcome (demand > 0; empty at ``b2^2 = b1 γ1``)."""
    A = sharing_margin(params)
    if params.b2**2 == 0:
        return (a, b) if A > 0 else (b, b)
    ls = params.b1 * params.gamma1 / params.b2**2
    if A > 0:  # valid where δ(λ) > 0
        return a, min(b, ls)
    return (max(a, ls), b) if A < 0 else (b, b)


def member_beats(params: HorizontalParams, vp: VerticalParams, i: int, j: int, band: LambdaBand) -> bool:
    """Member ``i`` gets more than member ``j`` for every λ in the band (eq 15 is linear in V)."""
    F, d = vp.F, allocate(vp, 0.0)
    slope, cut = F[i] - F[j], d[j] - d[i]  # x_i - x_j = slope V - cut
    if slope == 0:
        return bool(cut < 0)
    above = pi1_poly(params) - cut / slope * delta_poly(params) ** 2  # > 0 where pi1(λ) > cut / slope
    return positive_on(above if slope > 0 else -above, *band)


def end_value(params: HorizontalParams, lam: float, inward: float, name: str) -> float:
    """A revenue-sharing quantity at a band end (its limit if the end is singular)."""
    for x in (lam, lam + inward):
        try:
            return float(getattr(revenue_sharing(params, x), name))
        except ModelDomainError:
            continue
    return float("inf")


def band_ends(params: HorizontalParams, band: LambdaBand, name: str) -> tuple[float, float]:
    """A revenue-sharing quantity ``name`` at the band's two ends (limits where an end is singular)."""
    eps = 1e-12 * (band.hi - band.lo)
    return end_value(params, band.lo, eps, name), end_value(params, band.hi, -eps, name)


def bands(params: HorizontalParams, vp: VerticalParams):
    """Horizontal and vertical bands, ``None`` where no λ is acceptable."""
    try:
        h = acceptable_lambda(params)
    except ModelDomainError:
        return None, None
    try:
        v = vertical_acceptable_lambda(params, vp)
    except ModelDomainError:
        v = None
    return h, v


def grid_label(band: LambdaBand | None) -> str:
    """The band's ends on the paper's 0.01 grid, as text (``"none"`` without a band)."""
    if band is None:
        return "none"
    lo, hi = grid_ends(band)
    return f"{lo:.2f}–{hi:.2f}" if lo <= hi else "none on the 0.01 grid"


# -- one assessment per claim: (literal or None, statement holds, evidence)


def worth_range(params: HorizontalParams, band: LambdaBand) -> tuple[float, float]:
    """Smallest and largest ``V(N) = pi1(λ)`` over the closed band (ends and interior stationary points)."""
    num, den = pi1_poly(params), delta_poly(params) ** 2
    crit = num.deriv() * den - num * den.deriv()
    lams = [band.lo, band.hi] + [x for x in real_roots(crit, trim=1e-14) if band.lo < x < band.hi]
    vals = [
        end_value(params, x, 1e-12 * (band.hi - band.lo) * (1 if x == band.lo else -1), "pi_platform") for x in lams
    ]
    return min(vals), max(vals)
