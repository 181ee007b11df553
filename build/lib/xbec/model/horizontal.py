"""The horizontal alliance: platform and manufacturer (paper §3, eqs 1–10).

Notation follows the paper: demand ``D = beta - b1*p + b2*s``; the platform
(player 1) sets the retail price ``p`` and the logistics service level ``s`` and
pays the service cost ``gamma1*s**2/2`` and a fixed cost ``K``; the manufacturer
(player 2) sets the wholesale price ``w`` and produces at unit cost ``c``.

Three regimes are solved in closed form:

* :func:`decentralized` — §3.2, the Stackelberg game led by the platform;
* :func:`centralized` — §3.3, joint maximisation of eq (6);
* :func:`revenue_sharing` — §3.4, eqs (7)–(10), vectorised over ``lam``.

The closed forms are re-derived from eqs (1), (2), (6) and (7) by
:mod:`xbec.symbolic`; the tests check them against a numeric optimiser.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import NamedTuple

import numpy as np
from numpy.polynomial import Polynomial

from .. import _validate as v
from ..errors import ModelDomainError

__all__ = [
    "HorizontalParams",
    "DecentralizedResult",
    "CentralizedResult",
    "RevenueSharingResult",
    "LambdaBand",
    "demand",
    "platform_profit",
    "manufacturer_profit",
    "alliance_profit",
    "platform_profit_sharing",
    "manufacturer_profit_sharing",
    "manufacturer_reply",
    "decentralized",
    "centralized",
    "sharing_wholesale_price",
    "revenue_sharing",
    "acceptable_lambda",
]


# ---------------------------------------------------------------------------
# Parameters
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class HorizontalParams:
    """Parameters of the horizontal alliance (§3.1); defaults are §5.1's values.

    Parameters
    ----------
    beta : float
        Market size, ``> 0``.
    b1 : float
        Price sensitivity of demand, ``> 0``.
    b2 : float
        Service sensitivity of demand, ``>= 0``.
    gamma1 : float
        Logistics service cost coefficient, ``> 0``.
    c : float
        Manufacturer's unit production cost, ``>= 0``.
    K : float
        Platform's maintenance (fixed) cost, ``>= 0``.

    Raises
    ------
    ModelDomainError
        If a value is not finite, has the wrong sign, or the centralised
        (and revenue-sharing) problem is not concave: ``2*b1*gamma1 - b2**2 > 0``
        is required (Proposition 1 with the paper's typo ``b3`` read as ``b2``).
    """

    beta: float = 200.0
    b1: float = 2.0
    b2: float = 1.0
    gamma1: float = 1.0
    c: float = 10.0
    K: float = 10.0

    def __post_init__(self) -> None:
        for name in ("beta", "b1", "gamma1"):
            object.__setattr__(self, name, v.positive(name, getattr(self, name)))
        for name in ("b2", "c", "K"):
            object.__setattr__(self, name, v.non_negative(name, getattr(self, name)))
        det = 2 * self.b1 * self.gamma1 - self.b2**2
        if not det > 0:
            raise ModelDomainError(
                f"b2={self.b2:g}: concavity (Proposition 1) requires "
                f"2*b1*gamma1 - b2**2 > 0 (got {det:g} with b1={self.b1:g}, "
                f"gamma1={self.gamma1:g})"
            )

    def replace(self, **changes: float) -> "HorizontalParams":
        """Return a copy with some fields changed (validated again)."""
        unknown = set(changes) - {f.name for f in fields(self)}
        if unknown:
            raise ModelDomainError(f"unknown parameter(s) {sorted(unknown)}")
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        values.update(changes)
        return HorizontalParams(**values)

    def as_dict(self) -> dict[str, float]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


# ---------------------------------------------------------------------------
# Primitives: demand and the profit functions, eqs (1), (2), (6), (7)
# ---------------------------------------------------------------------------


def demand(params: HorizontalParams, p, s):
    """Market demand ``D = beta - b1*p + b2*s`` (§3.1, assumption 2)."""
    return params.beta - params.b1 * p + params.b2 * s


def platform_profit(params: HorizontalParams, p, w, s):
    """Platform's profit, eq (1): ``(p - w) D - gamma1 s^2 / 2 - K``."""
    return (p - w) * demand(params, p, s) - 0.5 * params.gamma1 * s**2 - params.K


def manufacturer_profit(params: HorizontalParams, p, w, s):
    """Manufacturer's profit, eq (2): ``(w - c) D``."""
    return (w - params.c) * demand(params, p, s)


def alliance_profit(params: HorizontalParams, p, s):
    """Whole alliance's profit, eq (6): ``(p - c) D - gamma1 s^2 / 2 - K``."""
    return (p - params.c) * demand(params, p, s) - 0.5 * params.gamma1 * s**2 - params.K


def platform_profit_sharing(params: HorizontalParams, lam, p, w, s):
    """Platform's profit under revenue sharing, eq (7).

    ``lam*p*D - w*D - gamma1 s^2/2 - K``: the platform keeps the share ``lam``
    of sales revenue and pays the wholesale price ``w`` per unit.
    """
    return (lam * p - w) * demand(params, p, s) - 0.5 * params.gamma1 * s**2 - params.K


def manufacturer_profit_sharing(params: HorizontalParams, lam, p, w, s):
    """Manufacturer's profit under revenue sharing (§3.4).

    ``((1-lam) p + w - c) D``: the share ``1-lam`` of revenue plus the
    wholesale payment, less production cost. This is what Table 1's
    ``pi2(lambda)`` column reports; the paper's text claims instead
    ``pi2(lambda) = (1-lam) pi``, which does not hold (see :mod:`xbec.symbolic`).
    """
    return ((1 - lam) * p + w - params.c) * demand(params, p, s)


def manufacturer_reply(params: HorizontalParams, p, s):
    """Manufacturer's best-reply wholesale price, eq (5).

    ``w = (beta + b2 s)/b1 + c - p``: the root of ``d pi2/dw = 0`` for a fixed
    platform mark-up ``x = p - w`` (eq 4), rewritten in terms of ``p``.
    """
    return (params.beta + params.b2 * s) / params.b1 + params.c - p


# ---------------------------------------------------------------------------
# §3.2 Decentralised decision: Stackelberg game led by the platform
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class DecentralizedResult:
    """Stackelberg equilibrium of §3.2 (superscript ``1*`` in the paper)."""

    p: float
    w: float
    s: float
    demand: float
    pi_platform: float
    pi_manufacturer: float
    pi_total: float
    markup: float


def decentralized(params: HorizontalParams) -> DecentralizedResult:
    """Stackelberg equilibrium with the platform as leader (§3.2, Proposition 2).

    The platform chooses its mark-up ``x = p - w`` and the service level ``s``;
    the manufacturer replies with eq (5). Solving the leader's first-order
    conditions (the paper's reaction functions ``p^{1*}(s)``, ``s^{1*}(p)``)
    jointly gives::

        x = 2 gamma1 (beta - b1 c) / (4 b1 gamma1 - b2^2)
        w = c + x/2,   p = c + 3x/2,   s = b2 x / (2 gamma1),   D = b1 x / 2

    The leader's problem is concave iff ``4 b1 gamma1 - b2^2 > 0`` (implied by
    ``HorizontalParams``' ``2 b1 gamma1 - b2^2 > 0``).

    Raises
    ------
    ModelDomainError
        If the equilibrium breaks the paper's hypotheses ``w > c``, ``p > w``
        and positive demand, i.e. iff ``beta <= b1*c``.
    """
    b, b1, b2, g, c = params.beta, params.b1, params.b2, params.gamma1, params.c
    if not b - b1 * c > 0:
        raise ModelDomainError(
            f"beta={b:g}: the decentralised equilibrium needs beta - b1*c > 0 "
            f"(got {b - b1 * c:g}); otherwise demand <= 0, p <= w and w <= c"
        )
    x = 2 * g * (b - b1 * c) / (4 * b1 * g - b2**2)
    w = c + x / 2
    p = c + 1.5 * x
    s = b2 * x / (2 * g)
    d = float(demand(params, p, s))
    pi1 = float(platform_profit(params, p, w, s))
    pi2 = float(manufacturer_profit(params, p, w, s))
    return DecentralizedResult(p, w, s, d, pi1, pi2, pi1 + pi2, x)


# ---------------------------------------------------------------------------
# §3.3 Centralised decision
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class CentralizedResult:
    """Joint optimum of eq (6) (superscript ``2*`` in the paper)."""

    p: float
    s: float
    demand: float
    pi_total: float


def centralized(params: HorizontalParams) -> CentralizedResult:
    """Centralised optimum (§3.3): maximise eq (6) over ``p`` and ``s``.

    ``p^{2*} = (beta gamma1 + b1 gamma1 c - c b2^2) / (2 b1 gamma1 - b2^2)`` and
    ``s^{2*} = b2 (p^{2*} - c) / gamma1``.

    Raises
    ------
    ModelDomainError
        If ``beta <= b1*c`` (then ``p^{2*} <= c`` and demand ``<= 0``).
    """
    b, b1, b2, g, c = params.beta, params.b1, params.b2, params.gamma1, params.c
    if not b - b1 * c > 0:
        raise ModelDomainError(
            f"beta={b:g}: the centralised optimum needs beta - b1*c > 0 "
            f"(got {b - b1 * c:g}); otherwise p <= c and demand <= 0"
        )
    p = (b * g + b1 * g * c - c * b2**2) / (2 * b1 * g - b2**2)
    s = b2 * (p - c) / g
    return CentralizedResult(p, s, float(demand(params, p, s)), float(alliance_profit(params, p, s)))


# ---------------------------------------------------------------------------
# §3.4 Revenue sharing, eqs (7)-(10)
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class RevenueSharingResult:
    """Revenue-sharing outcome for each ``lam`` (arrays shaped like ``lam``)."""

    lam: np.ndarray | float
    p: np.ndarray | float
    w: np.ndarray | float
    s: np.ndarray | float
    demand: np.ndarray | float
    pi_platform: np.ndarray | float
    pi_manufacturer: np.ndarray | float
    pi_total: np.ndarray | float


def _sharing_singular(params: HorizontalParams, lam: np.ndarray) -> None:
    den = params.b1 * params.gamma1 - lam * params.b2**2
    if np.any(den == 0):
        bad = np.asarray(lam)[den == 0].ravel()[0]
        raise ModelDomainError(
            f"lam={bad:g}: eq (10) is singular where b1*gamma1 - lam*b2**2 = 0; "
            "no wholesale price makes the platform's price equal p^{2*}"
        )


def sharing_wholesale_price(params: HorizontalParams, lam):
    """Wholesale price that aligns the platform's price with ``p^{2*}``, eq (10).

    Setting eq (8)'s ``p*(lam)`` equal to the centralised price gives::

        w*(lam) = (p2 (2 lam b1 gamma1 - lam^2 b2^2) - lam gamma1 beta)
                  / (b1 gamma1 - lam b2^2)

    which is the paper's eq (10) rearranged.
    """
    lam = v.share("lam", lam)
    _sharing_singular(params, lam)
    w = _aligning_wholesale(params, lam, centralized(params).p)
    return w if w.ndim else float(w)


def _aligning_wholesale(params: HorizontalParams, lam: np.ndarray, p2: float) -> np.ndarray:
    """Eq (10) for validated, non-singular ``lam`` and the centralised price ``p2``."""
    b, b1, b2, g = params.beta, params.b1, params.b2, params.gamma1
    return (p2 * (2 * lam * b1 * g - lam**2 * b2**2) - lam * g * b) / (b1 * g - lam * b2**2)


def revenue_sharing(params: HorizontalParams, lam) -> RevenueSharingResult:
    """Revenue-sharing contract of §3.4, eqs (7)–(10).

    The platform keeps the share ``lam`` of sales revenue, buys at the
    wholesale price ``w*(lam)`` of eq (10), and then chooses ``p`` and ``s`` to
    maximise eq (7): its optimal price (eq 8) equals the centralised price
    ``p^{2*}`` and its service level is eq (9), ``s = b2 (lam p - w) / gamma1``.

    Parameters
    ----------
    params : HorizontalParams
    lam : float or array_like
        Platform's share of sales revenue, in ``(0, 1]`` everywhere. Any shape;
        every output has the shape of ``lam`` (floats for a scalar ``lam``).

    Returns
    -------
    RevenueSharingResult
        ``p, w, s, demand, pi_platform, pi_manufacturer, pi_total``.

    Raises
    ------
    ModelDomainError
        If any ``lam`` is outside ``(0, 1]``, eq (10) is singular, or the
        outcome has demand ``<= 0`` or a negative service level.

    Notes
    -----
    The aligning wholesale price is not required to exceed ``c`` (nor 0):
    the paper's hypothesis ``w > c`` (§3.1) concerns the decentralised game,
    and ``w*(1) = c`` exactly. For strong service sensitivity (e.g. ``b2``
    close to ``sqrt(2 b1 gamma1)``) ``w*(lam)`` can be negative, i.e. the
    manufacturer pays the platform per unit; such outcomes are returned as
    computed and :func:`acceptable_lambda` excludes them whenever they leave
    the manufacturer worse off than the decentralised game.
    """
    lam = v.share("lam", lam)
    _sharing_singular(params, lam)
    p2 = centralized(params).p
    w = _aligning_wholesale(params, lam, p2)  # eq (10)
    s = params.b2 * (lam * p2 - w) / params.gamma1  # eq (9)
    p = np.full_like(lam, p2)
    d = demand(params, p, s)
    if np.any(d <= 0):
        bad = lam[d <= 0].ravel()[0]
        raise ModelDomainError(f"lam={bad:g}: revenue sharing gives demand <= 0 at this share")
    if np.any(s < 0):
        bad = lam[s < 0].ravel()[0]
        raise ModelDomainError(f"lam={bad:g}: revenue sharing gives a negative service level")
    pi1 = platform_profit_sharing(params, lam, p, w, s)
    pi2 = manufacturer_profit_sharing(params, lam, p, w, s)
    out = dict(lam=lam, p=p, w=w, s=s, demand=d, pi_platform=pi1, pi_manufacturer=pi2, pi_total=pi1 + pi2)
    if lam.ndim == 0:
        out = {k: float(val) for k, val in out.items()}
    return RevenueSharingResult(**out)


class LambdaBand(NamedTuple):
    """Open interval ``(lo, hi)`` of acceptable revenue shares."""

    lo: float
    hi: float


def _band_polynomials(params: HorizontalParams, platform_floor: float | None = None) -> dict[str, Polynomial]:
    """Conditions of :func:`acceptable_lambda` as polynomials in ``lam``.

    With ``A = beta - b1 p2`` and ``delta(lam) = b1 gamma1 - lam b2^2`` the
    revenue-sharing outcome is ``lam p2 - w = lam gamma1 A / delta``,
    ``s = lam b2 A / delta`` and ``D = b1 gamma1 A / delta``, so each profit
    times ``delta^2 > 0`` is a quadratic in ``lam``.
    """
    dec = decentralized(params)
    p2 = centralized(params).p
    b, b1, b2, g, c, K = (params.beta, params.b1, params.b2, params.gamma1, params.c, params.K)
    A = b - b1 * p2
    lam = Polynomial([0.0, 1.0])
    delta = b1 * g - b2**2 * lam
    pi1 = g * A**2 * (b1 * g * lam - 0.5 * b2**2 * lam**2) - K * delta**2  # pi1(lam) * delta^2
    pi2 = (p2 - c) * A * b1 * g * delta - g * A**2 * b1 * g * lam  # pi2(lam) * delta^2
    return {
        "pi1(lam) > pi1*": pi1 - dec.pi_platform * delta**2,
        **({} if platform_floor is None else {"pi1(lam) > floor": pi1 - platform_floor * delta**2}),
        "pi2(lam) > pi2*": pi2 - dec.pi_manufacturer * delta**2,
        "pi1(lam) > pi2(lam)": pi1 - pi2,
        "demand > 0": A * delta,
    }


def acceptable_lambda(params: HorizontalParams) -> LambdaBand:
    """Exact open interval of ``lam`` where revenue sharing is accepted (§3.4).

    The conditions ``pi1(lam) > pi1*``, ``pi2(lam) > pi2*`` and
    ``pi1(lam) > pi2(lam)`` (and a valid outcome, ``D > 0``) are quadratic
    inequalities in ``lam`` once multiplied by ``(b1 gamma1 - lam b2^2)^2``;
    the band's ends are roots of those quadratics, found in closed form, not
    by a grid search. The paper reports ``0.71 <= lam <= 0.88`` on a 0.01 grid.

    Returns
    -------
    LambdaBand
        ``(lo, hi)`` with ``0 < lo < hi < 1``.

    Raises
    ------
    ModelDomainError
        If no ``lam`` in ``(0, 1]`` satisfies all conditions (the contract is
        not acceptable for these parameters), or if they hold on more than one
        disjoint interval.
    """
    return solve_band(params, _band_polynomials(params))


def _real_roots(poly: Polynomial) -> list[float]:
    """Real roots of ``poly``, each polished by Newton steps on ``poly`` itself.

    The companion-matrix roots lose accuracy when the leading coefficient is
    tiny (``b2`` close to 0); polishing restores full precision.
    """
    poly = poly.trim()
    if poly.degree() < 1:
        return []
    deriv = poly.deriv()
    roots = []
    for r in poly.roots():
        if abs(r.imag) > 1e-9 * max(1.0, abs(r.real)):
            continue
        x = float(r.real)
        for _ in range(8):
            slope = deriv(x)
            if slope == 0:
                break
            step = poly(x) / slope
            x -= step
            if abs(step) <= 1e-16 * max(1.0, abs(x)):
                break
        roots.append(x)
    return roots


def solve_band(params: HorizontalParams, polys: dict[str, Polynomial]) -> LambdaBand:
    """The single open interval of ``lam`` in ``(0, 1)`` where every polynomial is > 0.

    Breakpoints are the real roots of the polynomials in ``(0, 1)`` (and the
    singular share ``b1 gamma1 / b2^2`` of eq 10); the sign of each piece is
    read at its midpoint.
    """
    cuts = {0.0, 1.0}
    for poly in polys.values():
        for r in _real_roots(poly):
            if 0 < r < 1:
                cuts.add(r)
    b2sq = params.b2**2
    singular = params.b1 * params.gamma1 / b2sq if b2sq > 0 else np.inf
    if 0 < singular < 1:
        cuts.add(float(singular))
    edges = sorted(cuts)
    pieces: list[list[float]] = []
    for a, b in zip(edges[:-1], edges[1:]):
        mid = 0.5 * (a + b)
        if all(poly(mid) > 0 for poly in polys.values()):
            if pieces and pieces[-1][1] == a and a != singular:
                pieces[-1][1] = b
            else:
                pieces.append([a, b])
    if not pieces:
        raise ModelDomainError(
            f"no lam in (0, 1] satisfies {' and '.join(polys)} for {params}"
        )
    if len(pieces) > 1:
        raise ModelDomainError(
            f"the acceptable lam form {len(pieces)} disjoint intervals {pieces} for {params}"
        )
    return LambdaBand(*pieces[0])
