"""Bounds over the continuous acceptable band, not over a grid.

The book's prose says things like "inside the band the platform gains at least
…" or "the service level is at least …". Such a bound is the infimum of a
function of ``lam`` over the *open* interval returned by
:func:`xbec.acceptable_lambda`; reading it off a 0.01 grid overstates it. The
functions here compute it over the continuous interval (the closed-form ends
plus a bounded scalar minimisation inside) and say whether it is attained.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import numpy as np
from scipy.optimize import minimize_scalar

from ..errors import ModelDomainError
from ..model.band import quadratic_values
from ..model.horizontal import (
    HorizontalParams,
    LambdaBand,
    acceptable_lambda,
    band_conditions,
    centralized,
    decentralized,
    revenue_sharing,
    singular_share,
)

__all__ = [
    "Bound",
    "band_infimum",
    "band_supremum",
    "gain_infima",
    "sharing_gap",
    "sharing_total_increases",
    "service_infimum",
    "service_gap",
    "service_overshoot_share",
    "band_binding",
]


class Bound(NamedTuple):
    """Infimum (or supremum) of a function over an open interval."""

    value: float  #: the bound
    at: float  #: where it is reached or approached (an end of the interval, or an interior minimiser)
    attained: bool  #: True when an interior point reaches it; False when only approached at an excluded end


def _value(f: Callable[[float], float], x: float, inward: float) -> float:
    """``f(x)``, or ``f`` just inside the interval if ``x`` itself is singular."""
    try:
        out = float(f(x))
    except ModelDomainError:
        out = np.nan
    if not np.isfinite(out):
        out = float(f(x + inward))
    return out


def band_infimum(f: Callable[[float], float], band: tuple[float, float], samples: int = 201) -> Bound:
    """Infimum of ``f`` over the open interval ``band = (lo, hi)``.

    ``f`` is continuous on the closed interval (the band's ends are roots of
    the acceptance conditions, where revenue sharing is still defined). The
    infimum is the smallest of the two end values and of an interior minimum,
    found by bounded Brent minimisation started from the best of ``samples``
    evenly spaced interior points. ``attained`` is ``False`` when the infimum
    is an end value (the band is open), ``True`` for an interior minimum
    strictly below both ends.

    Raises
    ------
    ModelDomainError
        Unless ``lo < hi``.
    """
    lo, hi = float(band[0]), float(band[1])
    if not lo < hi:
        raise ModelDomainError(f"band={band}: need lo < hi")
    eps = 1e-12 * max(1.0, hi - lo)
    ends = [(_value(f, lo, eps), lo), (_value(f, hi, -eps), hi)]
    best_end = min(ends)
    xs = np.linspace(lo, hi, samples + 2)[1:-1]
    ys = np.array([float(f(x)) for x in xs])
    k = int(np.argmin(ys))
    a, b = xs[max(k - 1, 0)], xs[min(k + 1, xs.size - 1)]
    res = minimize_scalar(
        lambda x: float(f(x)), bounds=(a, b), method="bounded", options={"xatol": 1e-13 * max(1.0, hi)}
    )
    inner = min((float(res.fun), float(res.x)), (float(ys[k]), float(xs[k])))
    tol = 1e-9 * max(1.0, abs(best_end[0]))
    if inner[0] < best_end[0] - tol:
        return Bound(inner[0], inner[1], True)
    return Bound(best_end[0], best_end[1], False)


def band_supremum(f: Callable[[float], float], band: tuple[float, float], samples: int = 201) -> Bound:
    """Supremum of ``f`` over the open interval ``band`` (see :func:`band_infimum`)."""
    inf = band_infimum(lambda x: -float(f(x)), band, samples)
    return Bound(-inf.value, inf.at, inf.attained)


def gain_infima(params: HorizontalParams, band: LambdaBand) -> dict[str, Bound]:
    """Smallest gains over the band of each member against the Stackelberg game (§5.3.1).

    Infima over the open band of ``pi1(lam) - pi1*`` (``platform``), ``pi2(lam) - pi2*``
    (``manufacturer``) and ``pi1(lam) - pi2(lam)`` (``lead``).
    """
    dec = decentralized(params)
    rs = lambda x: revenue_sharing(params, x)  # noqa: E731
    return {
        "platform": band_infimum(lambda x: float(rs(x).pi_platform) - dec.pi_platform, band),
        "manufacturer": band_infimum(lambda x: float(rs(x).pi_manufacturer) - dec.pi_manufacturer, band),
        "lead": band_infimum(lambda x: float(rs(x).pi_platform) - float(rs(x).pi_manufacturer), band),
    }


def sharing_gap(params: HorizontalParams, band: LambdaBand) -> tuple[Bound, Bound]:
    """How far the contract's total stays below the centralised profit over the open band (§5.3.1).

    Returns the infimum and the supremum of ``pi - (pi1(lam) + pi2(lam))``
    (eqs 6 and 7) over ``band``.
    """
    pi = centralized(params).pi_total
    gap = lambda x: pi - float(revenue_sharing(params, x).pi_total)  # noqa: E731
    return band_infimum(gap, band), band_supremum(gap, band)


def sharing_total_increases(params: HorizontalParams) -> bool:
    """Whether the contract's total profit ``pi1(lam) + pi2(lam)`` increases on all of ``(0, 1)``.

    With ``delta(lam) = b1 gamma1 - lam b2^2`` (the denominator of eq 10),
    ``d/dlam (pi1 + pi2) = C (1 - lam) b2^2 (b1 gamma1 - b2^2) / delta^3`` with
    ``C > 0`` (SymPy), so the total increases on ``(0, 1)`` iff
    ``0 < b2^2 < b1 gamma1``; it is flat without a service term (``b2 = 0``).
    """
    return bool(0 < params.b2**2 < params.b1 * params.gamma1)


def service_infimum(params: HorizontalParams, band: LambdaBand) -> Bound:
    """Infimum of the revenue-sharing service level ``s*(lam)`` (eq 9) over the open band."""
    return band_infimum(lambda x: float(revenue_sharing(params, x).s), band)


def service_overshoot_share(params: HorizontalParams) -> float:
    """The share ``b1 gamma1 / b2^2`` above which ``s*(lam) > s^{2*}`` (``inf`` if ``b2 = 0``).

    With ``delta(lam) = b1 gamma1 - lam b2^2`` (the denominator of eq 10),
    eqs (9)-(10) and the centralised ``s^{2*}`` give

    ``s*(lam) - s^{2*} = b1 gamma1 b2 (beta - b1 c) (lam - 1) / ((2 b1 gamma1 - b2^2) delta(lam))``,

    so for ``lam < 1`` and ``b2 > 0`` the service level falls short of
    ``s^{2*}`` exactly when ``delta(lam) > 0``, i.e. ``lam < b1 gamma1 / b2^2``,
    and exceeds it for ``b1 gamma1 / b2^2 < lam < 1``, which lies inside
    ``(0, 1)`` only when ``b2^2 > b1 gamma1``.
    """
    return float(singular_share(params))


def service_gap(params: HorizontalParams, lam) -> np.ndarray | float:
    """``s*(lam) - s^{2*}`` in closed form (see :func:`service_overshoot_share`).

    Raises
    ------
    ModelDomainError
        At the singular share ``lam = b1 gamma1 / b2^2`` of eq (10).
    """
    lam_arr = np.asarray(lam, dtype=float)
    b1g = params.b1 * params.gamma1
    delta = b1g - lam_arr * params.b2**2
    if np.any(delta == 0):
        raise ModelDomainError(f"lam={lam}: eq (10) is singular at lam = b1 gamma1 / b2^2")
    u = params.beta - params.b1 * params.c
    gap = b1g * params.b2 * u * (lam_arr - 1) / ((2 * b1g - params.b2**2) * delta)
    return float(gap) if gap.ndim == 0 else gap


def band_binding(params: HorizontalParams, band: LambdaBand | None = None) -> tuple[str, str]:
    """The condition of :func:`~xbec.model.horizontal.acceptable_lambda` that holds with equality at each end.

    Each end of the band is a root of one of the quadratics of
    :func:`~xbec.model.horizontal.band_conditions` (§3.4); this returns their
    names (e.g. ``"pi2(lam) > pi2*"``) for the lower and the upper end: the
    quadratic whose value there is smallest relative to its coefficients.

    Raises
    ------
    ModelDomainError
        If the band is empty (from :func:`~xbec.model.horizontal.acceptable_lambda`).
    """
    band = acceptable_lambda(params) if band is None else band
    conditions = band_conditions(params)

    def binding(lam: float) -> str:
        def size(q: np.ndarray) -> float:
            return float(abs(quadratic_values(q, lam)) / np.sum(np.abs(q) * np.array([1.0, lam, lam**2])))

        return min(conditions, key=lambda name: size(conditions[name]))

    return binding(band.lo), binding(band.hi)
