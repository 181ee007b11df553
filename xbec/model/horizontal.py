"""The horizontal alliance: platform and manufacturer (paper §3, eqs 1–10).

Notation follows the paper: demand ``D = beta - b1*p + b2*s``; the platform
(player 1) sets the retail price ``p`` and the logistics service level ``s`` and
pays the service cost ``gamma1*s**2/2`` and a fixed cost ``K``; the manufacturer
(player 2) sets the wholesale price ``w`` and produces at unit cost ``c``.

Three regimes are solved in closed form:

* :func:`decentralized` — §3.2, the Stackelberg game (led by the platform, or
  by the manufacturer: :mod:`xbec.model.leaders`);
* :func:`centralized` — §3.3, joint maximisation of eq (6);
* :func:`revenue_sharing` — §3.4, eqs (7)–(10), vectorised over ``lam``.

The closed forms are re-derived from eqs (1), (2), (6) and (7) by
:mod:`xbec.replication.symbolic` (and :mod:`xbec.replication.symbolic_leaders`);
the tests check them against a numeric optimiser.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import NamedTuple

import numpy as np

from .. import _validate as v
from ..errors import ModelDomainError
from . import leaders as ld
from .band import quadratic_values, solve_bands
from .params import HorizontalParams, ParameterArrays

__all__ = [
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
    "decentralized_profits",
    "centralized",
    "sharing_margin",
    "sharing_wholesale_price",
    "revenue_sharing",
    "sharing_defined",
    "SharingQuadratics",
    "sharing_quadratics",
    "singular_share",
    "band_conditions",
    "solve_band",
    "acceptable_lambda",
]


# Primitives: demand and the profit functions, eqs (1), (2), (6), (7)


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
    ``pi2(lambda) = (1-lam) pi``, which does not hold (see :mod:`xbec.replication.symbolic`).
    """
    return ((1 - lam) * p + w - params.c) * demand(params, p, s)


def manufacturer_reply(params: HorizontalParams, p, s):
    """Manufacturer's best-reply wholesale price, eq (5).

    ``w = (beta + b2 s)/b1 + c - p``: the root of ``d pi2/dw = 0`` for a fixed
    platform mark-up ``x = p - w`` (eq 4), rewritten in terms of ``p``.
    """
    return (params.beta + params.b2 * s) / params.b1 + params.c - p


# §3.2 Decentralised decision: Stackelberg game led by the platform


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


def decentralized(params: HorizontalParams, leader: str = "platform") -> DecentralizedResult:
    """Stackelberg equilibrium of the decentralised game (§3.2, Proposition 2).

    ``leader="platform"`` (default, the paper's reading): the platform
    chooses its mark-up ``x = p - w`` and the service level ``s``; the
    manufacturer replies with eq (5). Solving the leader's first-order
    conditions (the paper's reaction functions ``p^{1*}(s)``, ``s^{1*}(p)``)
    jointly gives::

        x = 2 gamma1 (beta - b1 c) / (4 b1 gamma1 - b2^2)
        w = c + x/2,   p = c + 3x/2,   s = b2 x / (2 gamma1),   D = b1 x / 2

    ``leader="manufacturer"``: the manufacturer sets ``w`` first and the
    platform replies (the orders of moves: :mod:`xbec.model.leaders`).

    Raises
    ------
    ModelDomainError
        For an unknown ``leader``, if a player's problem is not strictly
        concave (:func:`xbec.model.leaders.second_order_conditions`), or if
        the equilibrium breaks the paper's hypotheses ``w > c``, ``p > w``
        and positive demand, i.e. iff ``beta <= b1*c``.
    """
    ld.check_domain(params, leader)
    p, w, s = ld.leader_prices(params, leader)
    d = float(demand(params, p, s))
    pi1 = float(platform_profit(params, p, w, s))
    pi2 = float(manufacturer_profit(params, p, w, s))
    return DecentralizedResult(float(p), float(w), float(s), d, pi1, pi2, pi1 + pi2, float(p - w))


def decentralized_profits(params, leader: str = "platform") -> tuple[np.ndarray, np.ndarray]:
    """Equilibrium profits ``(pi1*, pi2*)`` of the decentralised game, elementwise, unvalidated (eqs 1–2).

    Also for :class:`ParameterArrays`; the benchmark of :func:`band_conditions`.
    """
    p, w, s = ld.leader_prices(params, leader)
    return platform_profit(params, p, w, s), manufacturer_profit(params, p, w, s)


# §3.3 Centralised decision


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
    p = float((b * g + b1 * g * c - c * b2**2) / (2 * b1 * g - b2**2))
    s = b2 * (p - c) / g
    return CentralizedResult(p, s, float(demand(params, p, s)), float(alliance_profit(params, p, s)))


# §3.4 Revenue sharing, eqs (7)-(10)


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


def sharing_margin(params):
    """``A = beta - b1 p^{2*}``, the demand scale of revenue sharing (§3.4), elementwise.

    Computed in the factored form ``A = (b1 gamma1 - b2^2)(beta - b1 c) / (2 b1 gamma1 - b2^2)``
    so that it is exactly 0 where ``b2^2 = b1 gamma1`` (then demand under
    revenue sharing is 0 for every ``lam``: no outcome). For scalar
    parameters both differences are taken in exact rational arithmetic on the
    float inputs, so the sign of ``A`` is decided exactly.
    """
    return _sharing_terms(params)[0]


def _sharing_terms(params):
    """``(A, p^{2*} - c)`` from one computation: ``(b1 g - b2^2) m / d`` and ``g m / d``, ``m = beta - b1 c``, ``d = 2 b1 g - b2^2``."""
    names = ("beta", "b1", "b2", "gamma1", "c")
    vals = [np.asarray(getattr(params, k), dtype=float) for k in names]
    if all(x.ndim == 0 for x in vals):
        fb, fb1, fb2, fg, fc = (Fraction(float(x)) for x in vals)
        fm, fd = fb - fb1 * fc, 2 * fb1 * fg - fb2 * fb2
        return float((fb1 * fg - fb2 * fb2) * fm / fd), float(fg * fm / fd)
    b, b1, b2, g, c = vals
    m, d = b - b1 * c, 2 * b1 * g - b2**2
    return (b1 * g - b2**2) * m / d, g * m / d


def _sharing_outcome(params: HorizontalParams, lam: np.ndarray):
    """``(w, s, D)`` of eqs (8)–(10) for validated, non-singular ``lam`` (formulas: :class:`SharingQuadratics`)."""
    p2, A = centralized(params).p, sharing_margin(params)
    ratio = A / (params.b1 * params.gamma1 - lam * params.b2**2)
    return lam * p2 - lam * params.gamma1 * ratio, lam * params.b2 * ratio, params.b1 * params.gamma1 * ratio


def sharing_wholesale_price(params: HorizontalParams, lam):
    """Wholesale price that aligns the platform's price with ``p^{2*}``, eq (10).

    Setting eq (8)'s ``p*(lam)`` equal to the centralised price gives::

        w*(lam) = (p2 (2 lam b1 gamma1 - lam^2 b2^2) - lam gamma1 beta)
                  / (b1 gamma1 - lam b2^2)

    which is the paper's eq (10) rearranged; computed as
    ``lam p^{2*} - lam gamma1 A / delta(lam)`` (:func:`sharing_margin`).
    """
    lam = v.share("lam", lam)
    _sharing_singular(params, lam)
    w = _sharing_outcome(params, lam)[0]
    return w if w.ndim else float(w)


def revenue_sharing(params: HorizontalParams, lam) -> RevenueSharingResult:
    """Revenue-sharing contract of §3.4, eqs (7)–(10).

    The platform keeps the share ``lam`` of sales revenue, buys at the
    wholesale price ``w*(lam)`` of eq (10), and then chooses ``p`` and ``s`` to
    maximise eq (7): its optimal price (eq 8) equals the centralised price
    ``p^{2*}`` and its service level is eq (9), ``s = b2 (lam p - w) / gamma1``.

    ``lam``, the platform's share of sales revenue, lies in ``(0, 1]`` and may
    have any shape; every output has the shape of ``lam`` (floats for a scalar).

    Raises
    ------
    ModelDomainError
        If any ``lam`` is outside ``(0, 1]``, eq (10) is singular, or the
        outcome has demand ``<= 0`` (of the sign of ``A / delta(lam)``, see
        :func:`sharing_margin` and :class:`SharingQuadratics`; the service
        level has the same sign).

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
    w, s, d = _sharing_outcome(params, lam)  # eqs (10), (9) and the demand
    p = np.full_like(lam, p2)
    if np.any(d <= 0):
        bad = lam[d <= 0].ravel()[0]
        raise ModelDomainError(
            f"lam={bad:g}: revenue sharing gives demand <= 0 at this share "
            f"(A = beta - b1 p2* = {sharing_margin(params):g}, of the sign of b1*gamma1 - b2**2)"
        )
    pi1 = platform_profit_sharing(params, lam, p, w, s)
    pi2 = manufacturer_profit_sharing(params, lam, p, w, s)
    out = (lam, p, w, s, d, pi1, pi2, pi1 + pi2)  # the fields in order
    return RevenueSharingResult(*(float(x) for x in out) if lam.ndim == 0 else out)


def sharing_defined(params: HorizontalParams, lam) -> np.ndarray:
    """Where :func:`revenue_sharing` has an outcome (eqs 8–10): a boolean array shaped like ``lam``."""
    lam = np.asarray(lam, dtype=float)
    try:  # usually every share has one: one vectorised call
        revenue_sharing(params, lam)
        return np.ones(lam.shape, dtype=bool)
    except ModelDomainError:
        return np.reshape([_has_outcome(params, float(x)) for x in lam.ravel()], lam.shape).astype(bool)


def _has_outcome(params: HorizontalParams, lam: float) -> bool:
    try:
        revenue_sharing(params, lam)
    except ModelDomainError:
        return False
    return True


class SharingQuadratics(NamedTuple):
    """Revenue-sharing profits as quadratics in ``lam`` (ascending coefficients along the first axis).

    With ``A = beta - b1 p^{2*}`` and ``delta(lam) = b1 gamma1 - lam b2^2``
    the outcome of eqs (8)–(10) is ``lam p^{2*} - w = lam gamma1 A / delta``,
    ``s = lam b2 A / delta`` and ``D = b1 gamma1 A / delta``, so

    * ``pi1``: ``pi1(lam) delta^2 = gamma1 A^2 (b1 gamma1 lam - b2^2 lam^2 / 2) - K delta^2`` (eq 7);
    * ``pi2``: ``pi2(lam) delta^2 = (p^{2*} - c) A b1 gamma1 delta - gamma1 A^2 b1 gamma1 lam``;
    * ``delta2``: ``delta(lam)^2``;
    * ``demand``: ``A delta(lam)``, of the sign of ``D`` (times ``delta^2 / (b1 gamma1)``).
    """

    pi1: np.ndarray
    pi2: np.ndarray
    delta2: np.ndarray
    demand: np.ndarray


def sharing_quadratics(params) -> SharingQuadratics:
    """:class:`SharingQuadratics` of ``params``, elementwise (eqs 7–10).

    Accepts :class:`HorizontalParams` or :class:`ParameterArrays`; every
    field has shape ``(3,) + broadcast(params)`` (see :mod:`xbec.model.band`).
    """
    b, b1, b2, g, c, K = np.broadcast_arrays(
        *(np.asarray(getattr(params, name), dtype=float) for name in ParameterArrays._fields)
    )
    A, margin = (np.broadcast_to(x, b.shape) for x in _sharing_terms(params))
    d0, d1 = b1 * g, -(b2**2)  # delta = d0 + d1 lam
    zero = np.zeros_like(A)
    gA2 = g * A**2
    delta2 = np.stack([d0 * d0, 2 * d0 * d1, d1 * d1])
    pi1 = np.stack([zero, gA2 * b1 * g, -0.5 * gA2 * b2**2]) - K * delta2
    m = margin * A * b1 * g
    pi2 = np.stack([m * d0, m * d1 - gA2 * b1 * g, zero])
    return SharingQuadratics(pi1=pi1, pi2=pi2, delta2=delta2, demand=np.stack([A * d0, A * d1, zero]))


def singular_share(params):
    """The share ``lam = b1 gamma1 / b2^2`` where eq (10) is singular (``inf`` if ``b2 = 0``), elementwise."""
    b2sq = np.asarray(params.b2, dtype=float) ** 2
    with np.errstate(divide="ignore", over="ignore"):
        return np.where(b2sq > 0, params.b1 * params.gamma1 / np.where(b2sq > 0, b2sq, 1.0), np.inf)


def band_conditions(
    params, leader: str = "platform", *, platform_earns_more: bool = True, platform_floor=None
) -> dict[str, np.ndarray]:
    """The conditions of :func:`acceptable_lambda` as quadratics in ``lam`` (§3.4).

    Each entry is ``> 0`` exactly where its condition holds (profits
    multiplied by ``delta(lam)^2 > 0``, see :class:`SharingQuadratics`):

    * ``"pi1(lam) > pi1*"``, ``"pi2(lam) > pi2*"``: both firms gain against
      the decentralised game of ``leader`` (:func:`decentralized_profits`);
    * ``"pi1(lam) > floor"``: only when ``platform_floor`` is given (e.g. the
      smallest ``V(N)`` the vertical alliance accepts, §5.2);
    * ``"pi1(lam) > pi2(lam)"``: the paper's condition that the platform
      earns more (kept when ``platform_earns_more``);
    * ``"demand > 0"``: the contract has a valid outcome.

    ``params`` is :class:`HorizontalParams` or :class:`ParameterArrays`; ``leader``
    the order of moves of the benchmark (:mod:`xbec.model.leaders`). Values have
    shape ``(3,) + broadcast(params)`` (:func:`sharing_quadratics`).
    """
    ld.check_leader(leader)
    q = sharing_quadratics(params)
    pi1_star, pi2_star = decentralized_profits(params, leader)
    conds = {
        "pi1(lam) > pi1*": q.pi1 - pi1_star * q.delta2,
        "pi2(lam) > pi2*": q.pi2 - pi2_star * q.delta2,
    }
    if platform_floor is not None:
        floor = v.real_array("platform_floor", platform_floor)
        conds["pi1(lam) > floor"] = q.pi1 - floor * q.delta2
    if platform_earns_more:
        conds["pi1(lam) > pi2(lam)"] = q.pi1 - q.pi2
    conds["demand > 0"] = q.demand
    return conds


class LambdaBand(NamedTuple):
    """Open interval ``(lo, hi)`` of acceptable revenue shares."""

    lo: float
    hi: float


def solve_band(params: HorizontalParams, conditions: dict[str, np.ndarray]) -> LambdaBand:
    """The single open interval of ``lam`` in ``(0, 1)`` where every condition is ``> 0``.

    Scalar front end of :func:`xbec.model.band.solve_bands` (the one band
    solver): the conditions are quadratics in ``lam`` as returned by
    :func:`band_conditions` (any subset, negated or combined); the singular
    share of eq (10) (:func:`singular_share`) is never part of a band.

    Raises
    ------
    ModelDomainError
        If no ``lam`` satisfies every condition, or they hold on more than
        one disjoint interval; the message names the conditions.
    """
    sol = solve_bands(list(conditions.values()), barriers=[singular_share(params)])
    count = int(sol.intervals)
    if count == 0:
        raise ModelDomainError(f"no lam in (0, 1] satisfies {' and '.join(conditions)} for {params}")
    if count > 1:
        lam = np.linspace(0.0, 1.0, 2001)[1:-1]
        ok = np.all([quadratic_values(cond, lam) > 0 for cond in conditions.values()], axis=0)
        raise ModelDomainError(
            f"the acceptable lam form {count} disjoint intervals for {params} "
            f"(e.g. {int(np.sum(np.diff(ok.astype(int)) == 1))} starts on a 0.0005 grid)"
        )
    return LambdaBand(float(sol.lo), float(sol.hi))


#: relative width below which the roots of the band's quadratics are rounding, not a band (acceptable_lambda)
BAND_RTOL = 1e-9


def acceptable_lambda(
    params: HorizontalParams, leader: str = "platform", *, platform_earns_more: bool = True
) -> LambdaBand:
    """Exact open interval of ``lam`` where revenue sharing is accepted (§3.4).

    The conditions ``pi1(lam) > pi1*``, ``pi2(lam) > pi2*`` and
    ``pi1(lam) > pi2(lam)`` (and a valid outcome, ``D > 0``) are quadratic
    inequalities in ``lam`` once multiplied by ``(b1 gamma1 - lam b2^2)^2``
    (:func:`band_conditions`); the band's ends are roots of those quadratics,
    found in closed form by :mod:`xbec.model.band`, not by a grid search. The
    paper reports ``0.71 <= lam <= 0.88`` on a 0.01 grid. ``leader`` is the
    order of moves of the benchmark ``(pi1*, pi2*)`` (:func:`decentralized`;
    the paper's is ``"platform"``); ``platform_earns_more`` keeps the paper's
    third condition. Returns ``(lo, hi)`` with ``0 < lo < hi < 1``.

    Raises
    ------
    ModelDomainError
        If the benchmark does not exist (:func:`decentralized`), if the band
        is degenerate (narrower than ``BAND_RTOL`` times its upper end, or a
        member's gain not positive at its midpoint), or as :func:`solve_band`
        (e.g. at the paper's parameters with ``leader="manufacturer"``).
    """
    ld.check_domain(params, leader)
    band = solve_band(params, band_conditions(params, leader, platform_earns_more=platform_earns_more))
    with np.errstate(all="ignore"):
        mid, dec = 0.5 * (band.lo + band.hi), decentralized(params, leader)
        shared = revenue_sharing(params, mid)
        gains = (shared.pi_platform - dec.pi_platform, shared.pi_manufacturer - dec.pi_manufacturer)
    if not band.hi - band.lo >= BAND_RTOL * band.hi or not min(gains) > 0:  # rounding, not a band
        raise ModelDomainError(
            f"no acceptable band for {params}: the roots give ({band.lo!r}, {band.hi!r}), narrower than "
            f"{BAND_RTOL:g} of its upper end or with a member's gain {min(gains):g} <= 0 at its midpoint"
        )
    return band
