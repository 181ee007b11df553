"""Beyond the paper (issue 5): questions the paper did not ask, answered with its model.

Four analyses, each a set of small pure functions (no plotting, no printing;
figures are in :mod:`xbec.analysis_plots`):

1. **Robustness of the acceptable λ band** (§3.4): :func:`band_arrays` solves
   the band conditions of :func:`xbec.acceptable_lambda` elementwise over whole
   parameter grids (no Python loop over grid points); :func:`band_map` maps
   the band's ends and width over two parameters and marks where the band is
   empty and where the model leaves its domain.
2. **A contract that coordinates** (§3.3–3.4): the paper's revenue-sharing
   contract aligns the price but not the service level. Adding *service-cost
   sharing* (the manufacturer bears the share ``1 - lam`` of the logistics
   cost) with the wholesale price ``w = lam * c`` does coordinate:
   :func:`coordinating_contract`, :func:`coordinating_acceptable_lambda`,
   :func:`compare_contracts`, and the sympy derivation
   :func:`derive_coordinating_contract`.
3. **Allocation rules on the vertical alliance** (§4–5.2): Raiffa (eq 13),
   improved Raiffa (eq 15), Shapley value and nucleolus, each checked for core
   membership, on a game completed by an explicit assumption about the
   coalition worths the paper does not give (:func:`vertical_game`).
4. **The cost argument of §4, measured**: :func:`measure_shapley_cost`,
   :func:`measure_raiffa_cost` and the exponential fit :func:`fit_cost_growth`.

Coalitions are bitmasks over members ``0..n-1`` (bit ``i`` set = member ``i``
in the coalition), as in :func:`xbec.shapley`; member 1 of the paper is 0 here.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

import numpy as np

from . import _validate as v
from .errors import ModelDomainError
from .horizontal import (
    HorizontalParams,
    LambdaBand,
    _band_polynomials,
    centralized,
    decentralized,
    revenue_sharing,
    solve_band,
)
from .vertical import MAX_SHAPLEY_PLAYERS, _coalition_table, improved_raiffa, raiffa, shapley

__all__ = [
    # 1. band maps
    "BAND_OK",
    "BAND_EMPTY",
    "BAND_DISJOINT",
    "DOMAIN_CONCAVITY",
    "DOMAIN_MARKET",
    "BAND_STATUS",
    "HORIZONTAL_PARAMETERS",
    "BandArrays",
    "BandMap",
    "band_arrays",
    "band_map",
    "dimensionless_groups",
    "band_dimensionless",
    # 2. coordination
    "CoordinatingContractResult",
    "contract_platform_profit",
    "contract_manufacturer_profit",
    "coordinating_contract",
    "coordinating_acceptable_lambda",
    "compare_contracts",
    "dominating_shares",
    "derive_coordinating_contract",
    # 3. allocation rules
    "CoreCheck",
    "AllocationComparison",
    "AllocationSensitivity",
    "vertical_game",
    "coalition_table",
    "excesses",
    "core_check",
    "least_core_epsilon",
    "nucleolus",
    "compare_allocations",
    "allocation_sensitivity",
    "core_pair_factor_limit",
    "core_nonempty_pair_factor_limit",
    "core_limits",
    "CoreLimits",
    "core_limits_over_lambda",
    "core_min_grand_worth",
    "core_nonempty_lambda",
    "core_worth_interval",
    "core_lambda_interval",
    "CoreLambdaBounds",
    "core_lambda_bounds",
    "RULES",
    # 4. cost
    "CostMeasurement",
    "ExponentialFit",
    "CountingWorth",
    "cost_game_weights",
    "measure_shapley_cost",
    "measure_raiffa_cost",
    "measure_nucleolus_cost",
    "fit_cost_growth",
]


# ===========================================================================
# 1. Robustness of the acceptable lambda band
# ===========================================================================

#: Status codes of :func:`band_arrays` / :func:`band_map`.
BAND_OK = 0  #: a single non-empty open interval of acceptable lam
BAND_EMPTY = 1  #: no lam in (0, 1) satisfies all conditions
BAND_DISJOINT = 2  #: the acceptable lam form more than one interval
DOMAIN_CONCAVITY = 3  #: 2 b1 gamma1 - b2^2 <= 0: the model leaves its domain
DOMAIN_MARKET = 4  #: beta <= b1 c: no positive-demand equilibrium exists

BAND_STATUS: Mapping[int, str] = MappingProxyType({
    BAND_OK: "band non-empty",
    BAND_EMPTY: "band empty",
    BAND_DISJOINT: "band split in several intervals",
    DOMAIN_CONCAVITY: "outside the domain: 2 b1 gamma1 <= b2^2",
    DOMAIN_MARKET: "outside the domain: beta <= b1 c",
})

HORIZONTAL_PARAMETERS = ("beta", "b1", "b2", "gamma1", "c", "K")

_CUT_TOL = 1e-12  # cut points closer than this are merged


@dataclass(frozen=True)
class BandArrays:
    """Acceptable-λ band for every point of a parameter grid.

    Attributes
    ----------
    lo, hi : numpy.ndarray
        Ends of the open band ``(lo, hi)``; ``nan`` where ``status != BAND_OK``.
    width : numpy.ndarray
        ``hi - lo``; ``nan`` where ``status != BAND_OK``.
    status : numpy.ndarray of int
        One of :data:`BAND_OK`, :data:`BAND_EMPTY`, :data:`BAND_DISJOINT`,
        :data:`DOMAIN_CONCAVITY`, :data:`DOMAIN_MARKET` (see :data:`BAND_STATUS`).
    """

    lo: np.ndarray
    hi: np.ndarray
    width: np.ndarray
    status: np.ndarray


@dataclass(frozen=True)
class BandMap:
    """The band over a 2-D grid of two parameters (rows: ``y``, columns: ``x``).

    ``lo``, ``hi``, ``width`` and ``status`` have shape ``(len(y), len(x))``;
    every other parameter is held at ``params``' value.
    """

    params: HorizontalParams
    x_name: str
    x: np.ndarray
    y_name: str
    y: np.ndarray
    lo: np.ndarray
    hi: np.ndarray
    width: np.ndarray
    status: np.ndarray
    platform_leads: bool

    def fraction(self, status: int) -> float:
        """Share of grid points with the given status code."""
        return float(np.mean(self.status == status))


def _grid_arg(name: str, value: Any, *, positive: bool) -> np.ndarray:
    arr = v.real_array(name, value)
    bad = (arr <= 0) if positive else (arr < 0)
    if np.any(bad):
        rel = "> 0" if positive else ">= 0"
        raise ModelDomainError(f"{name}: every entry must be {rel} (found {arr[bad][:5].tolist()})")
    return arr


def _quadratic_roots(c0: np.ndarray, c1: np.ndarray, c2: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Real roots of ``c0 + c1 x + c2 x^2`` elementwise, numerically stable.

    Uses ``q = -(c1 + sign(c1) sqrt(disc)) / 2``, roots ``q / c2`` and
    ``c0 / q`` (no cancellation; a vanishing ``c2`` gives the linear root
    ``-c0/c1`` and an infinite one), then two Newton steps on the polynomial.
    ``nan`` marks a missing root.
    """
    with np.errstate(all="ignore"):
        disc = c1 * c1 - 4.0 * c2 * c0
        real = disc >= 0
        sq = np.sqrt(np.where(real, disc, 0.0))
        q = -0.5 * (c1 + np.where(c1 >= 0, 1.0, -1.0) * sq)
        r1 = np.where(real, q / c2, np.nan)
        r2 = np.where(real, c0 / q, np.nan)
        out = []
        for r in (r1, r2):
            r = np.where(np.isfinite(r), r, np.nan)
            for _ in range(2):
                f = c0 + r * (c1 + r * c2)
                df = c1 + 2.0 * c2 * r
                step = np.where((df != 0) & np.isfinite(f / df), f / df, 0.0)
                r = r - step
            out.append(r)
    return out[0], out[1]


def _band_coefficients(beta, b1, b2, g, c, K, platform_leads: bool) -> list[tuple[np.ndarray, ...]]:
    """Quadratic coefficients ``(c0, c1, c2)`` in lam of the band conditions.

    The same conditions as :func:`xbec.horizontal._band_polynomials`, with the
    coefficients as arrays over the grid: with ``A = beta - b1 p2`` and
    ``delta = b1 gamma1 - lam b2^2``, each profit times ``delta^2`` is a
    quadratic in ``lam``.
    """
    det = 2 * b1 * g - b2**2
    p2 = (beta * g + b1 * g * c - c * b2**2) / det
    A = beta - b1 * p2
    x = 2 * g * (beta - b1 * c) / (4 * b1 * g - b2**2)  # decentralised mark-up
    pi1_dec = x * (beta - b1 * c) / 4 - K
    pi2_dec = b1 * x**2 / 4
    d0, d1 = b1 * g, -(b2**2)  # delta = d0 + d1 lam
    e0, e1, e2 = d0 * d0, 2 * d0 * d1, d1 * d1  # delta^2
    gA2 = g * A**2
    # pi1(lam) delta^2 and pi2(lam) delta^2
    f1 = (-K * e0, gA2 * b1 * g - K * e1, -0.5 * gA2 * b2**2 - K * e2)
    m = (p2 - c) * A * b1 * g
    f2 = (m * d0, m * d1 - gA2 * b1 * g, np.zeros_like(m))
    conds = [
        (f1[0] - pi1_dec * e0, f1[1] - pi1_dec * e1, f1[2] - pi1_dec * e2),  # pi1 > pi1*
        (f2[0] - pi2_dec * e0, f2[1] - pi2_dec * e1, f2[2] - pi2_dec * e2),  # pi2 > pi2*
        (A * d0, A * d1, np.zeros_like(A)),  # demand > 0
    ]
    if platform_leads:
        conds.append((f1[0] - f2[0], f1[1] - f2[1], f1[2] - f2[2]))  # pi1 > pi2
    return conds


def band_arrays(beta=200.0, b1=2.0, b2=1.0, gamma1=1.0, c=10.0, K=10.0, *,
                platform_leads: bool = True) -> BandArrays:
    """Acceptable λ band of the revenue-sharing contract, elementwise over arrays.

    Vectorised twin of :func:`xbec.acceptable_lambda`: the parameters
    broadcast against each other; for each point the conditions
    ``pi1(lam) > pi1*``, ``pi2(lam) > pi2*``, demand ``> 0`` and (if
    ``platform_leads``) ``pi1(lam) > pi2(lam)`` are quadratics in ``lam``
    (after multiplying by ``delta(lam)^2``) whose coefficients are computed as
    arrays; their roots (stable quadratic formula, Newton-polished), the ends
    0 and 1, and the singular share ``b1 gamma1 / b2^2`` cut ``(0, 1)`` into
    pieces, each kept when every condition holds at its midpoint. No Python
    loop runs over grid points.

    Parameters
    ----------
    beta, b1, gamma1 : float or array_like
        ``> 0``.
    b2, c, K : float or array_like
        ``>= 0``.
    platform_leads : bool
        Keep the paper's condition that the leader earns more,
        ``pi1(lam) > pi2(lam)``.

    Returns
    -------
    BandArrays
        ``lo, hi, width, status`` with the broadcast shape of the parameters.
        Points where ``2 b1 gamma1 - b2^2 <= 0`` get
        :data:`DOMAIN_CONCAVITY`, points where ``beta <= b1 c`` get
        :data:`DOMAIN_MARKET` (the model leaves its domain there; it is not an
        empty band).

    Raises
    ------
    ModelDomainError
        If a parameter is not finite or has the wrong sign, or the parameters
        do not broadcast.
    """
    args = {
        "beta": _grid_arg("beta", beta, positive=True),
        "b1": _grid_arg("b1", b1, positive=True),
        "b2": _grid_arg("b2", b2, positive=False),
        "gamma1": _grid_arg("gamma1", gamma1, positive=True),
        "c": _grid_arg("c", c, positive=False),
        "K": _grid_arg("K", K, positive=False),
    }
    try:
        bcast = np.broadcast_arrays(*args.values())
    except ValueError as exc:
        shapes = {k: a.shape for k, a in args.items()}
        raise ModelDomainError(f"parameters do not broadcast: {shapes} ({exc})") from None
    be, b1_, b2_, g, c_, K_ = (np.asarray(a, dtype=float) for a in bcast)
    shape = be.shape
    concave = 2 * b1_ * g - b2_**2 > 0
    market = be - b1_ * c_ > 0
    valid = concave & market
    # Harmless stand-ins where the model leaves its domain (masked below).
    b2_ = np.where(concave, b2_, 0.0)
    be = np.where(market, be, b1_ * c_ + 1.0)
    with np.errstate(all="ignore"):
        conds = _band_coefficients(be, b1_, b2_, g, c_, K_, platform_leads)
        cuts = [np.zeros(shape), np.ones(shape)]
        for c0, c1, c2 in conds:
            cuts.extend(_quadratic_roots(c0, c1, c2))
        singular = np.where(b2_ > 0, b1_ * g / np.where(b2_ > 0, b2_**2, 1.0), np.inf)
        cuts.append(singular)
        cuts = np.stack(cuts, axis=-1)
        cuts = np.where((cuts > 0) & (cuts < 1), cuts, np.nan)
        cuts[..., 0], cuts[..., 1] = 0.0, 1.0
        cuts = np.sort(cuts, axis=-1)  # nan last
        dup = np.zeros(cuts.shape, dtype=bool)
        dup[..., 1:] = (cuts[..., 1:] - cuts[..., :-1]) <= _CUT_TOL
        cuts = np.sort(np.where(dup, np.nan, cuts), axis=-1)
        a, b = cuts[..., :-1], cuts[..., 1:]
        piece = np.isfinite(b)
        mid = 0.5 * (a + b)
        good = piece.copy()
        for c0, c1, c2 in conds:
            good &= (c0[..., None] + mid * (c1[..., None] + mid * c2[..., None])) > 0
        good &= piece
        prev = np.zeros_like(good)
        prev[..., 1:] = good[..., :-1]
        # never merge across the singular share (eq 10 has no solution there)
        at_singular = np.isclose(a, singular[..., None], rtol=0, atol=_CUT_TOL)
        start = good & (~prev | at_singular)
        nruns = start.sum(axis=-1)
        first = np.argmax(start, axis=-1)
        nxt = np.zeros_like(good)
        nxt[..., :-1] = good[..., 1:] & ~at_singular[..., 1:]
        end = good & ~nxt
        last = np.argmax(end, axis=-1)
        lo = np.take_along_axis(a, first[..., None], axis=-1)[..., 0]
        hi = np.take_along_axis(b, last[..., None], axis=-1)[..., 0]
    status = np.where(nruns == 0, BAND_EMPTY, np.where(nruns == 1, BAND_OK, BAND_DISJOINT))
    status = np.where(market, status, DOMAIN_MARKET)
    status = np.where(concave, status, DOMAIN_CONCAVITY)
    ok = valid & (status == BAND_OK)
    lo = np.where(ok, lo, np.nan)
    hi = np.where(ok, hi, np.nan)
    return BandArrays(lo=lo, hi=hi, width=hi - lo, status=status.astype(np.int8))


def band_map(params: HorizontalParams, x_name: str, x_values, y_name: str, y_values, *,
             platform_leads: bool = True) -> BandMap:
    """Map the acceptable λ band over a grid of two horizontal parameters.

    Parameters
    ----------
    params : HorizontalParams
        Values of the parameters that are not varied.
    x_name, y_name : str
        Two different names among ``beta, b1, b2, gamma1, c, K``.
    x_values, y_values : array_like
        1-d grids of the two parameters (any values with the parameter's sign;
        points outside the model's domain are marked, not rejected).
    platform_leads : bool
        Keep the paper's condition ``pi1(lam) > pi2(lam)``.

    Returns
    -------
    BandMap
        Arrays of shape ``(len(y_values), len(x_values))``.
    """
    for name in (x_name, y_name):
        if name not in HORIZONTAL_PARAMETERS:
            raise ModelDomainError(f"{name!r}: must be one of {HORIZONTAL_PARAMETERS}")
    if x_name == y_name:
        raise ModelDomainError(f"x_name={x_name!r} and y_name={y_name!r}: must differ")
    x = v.vector(x_name, x_values, min_len=1)
    y = v.vector(y_name, y_values, min_len=1)
    values: dict[str, Any] = params.as_dict()
    values[x_name] = x[None, :]
    values[y_name] = y[:, None]
    arrays = band_arrays(**values, platform_leads=platform_leads)
    shape = (y.size, x.size)
    return BandMap(
        params=params, x_name=x_name, x=x, y_name=y_name, y=y,
        lo=np.broadcast_to(arrays.lo, shape).copy(), hi=np.broadcast_to(arrays.hi, shape).copy(),
        width=np.broadcast_to(arrays.width, shape).copy(),
        status=np.broadcast_to(arrays.status, shape).copy(),
        platform_leads=platform_leads,
    )


def dimensionless_groups(params: HorizontalParams) -> tuple[float, float]:
    """The two numbers that decide the acceptable band: ``(rho, kappa)``.

    ``rho = b2^2 / (2 b1 gamma1)`` in ``[0, 1)`` (how much demand responds to
    service relative to the cost of service; concavity is ``rho < 1``) and
    ``kappa = K b1 / (beta - b1 c)^2`` (the platform's fixed cost relative to
    the market's profit scale). With ``u = beta - b1 c`` every equilibrium
    profit before ``K`` is ``u^2 / b1`` times a function of ``lam`` and
    ``rho`` alone, so the band depends on the six parameters only through
    ``(rho, kappa)`` (checked symbolically and numerically in the tests).
    """
    if not params.beta - params.b1 * params.c > 0:
        raise ModelDomainError(
            f"beta={params.beta:g}: kappa needs beta - b1*c > 0 (got {params.beta - params.b1 * params.c:g})"
        )
    rho = params.b2**2 / (2 * params.b1 * params.gamma1)
    kappa = params.K * params.b1 / (params.beta - params.b1 * params.c) ** 2
    return float(rho), float(kappa)


def band_dimensionless(rho, kappa=0.0, *, platform_leads: bool = True) -> BandArrays:
    """The acceptable band as a function of :func:`dimensionless_groups` (vectorised).

    Evaluates :func:`band_arrays` at ``beta = b1 = gamma1 = 1``, ``c = 0``,
    ``b2 = sqrt(2 rho)``, ``K = kappa``, which has the given ``(rho, kappa)``.
    ``rho >= 1`` is outside the model's domain (status
    :data:`DOMAIN_CONCAVITY`).
    """
    rho = _grid_arg("rho", rho, positive=False)
    kappa = _grid_arg("kappa", kappa, positive=False)
    return band_arrays(1.0, 1.0, np.sqrt(2.0 * rho), 1.0, 0.0, kappa, platform_leads=platform_leads)


# ===========================================================================
# 2. A contract that coordinates: revenue sharing + service-cost sharing
# ===========================================================================


def contract_platform_profit(params: HorizontalParams, lam, p, w, s, cost_share):
    """Platform's profit under revenue *and* service-cost sharing.

    ``lam p D - w D - cost_share * gamma1 s^2 / 2 - K``: the platform keeps the
    share ``lam`` of revenue, pays ``w`` per unit and bears the share
    ``cost_share`` of the logistics-service cost. ``cost_share = 1`` is the
    paper's eq (7).
    """
    d = params.beta - params.b1 * p + params.b2 * s
    return (lam * p - w) * d - cost_share * 0.5 * params.gamma1 * s**2 - params.K


def contract_manufacturer_profit(params: HorizontalParams, lam, p, w, s, cost_share):
    """Manufacturer's profit: ``((1-lam) p + w - c) D - (1 - cost_share) gamma1 s^2 / 2``."""
    d = params.beta - params.b1 * p + params.b2 * s
    return ((1 - lam) * p + w - params.c) * d - (1 - cost_share) * 0.5 * params.gamma1 * s**2


@dataclass(frozen=True)
class CoordinatingContractResult:
    """Outcome of the coordinating contract for each ``lam`` (arrays shaped like ``lam``).

    Contract terms: the platform keeps the share ``lam`` of sales revenue, buys
    at the wholesale price ``w = lam c`` and bears the share
    ``platform_cost_share = lam`` of the logistics-service cost
    ``gamma1 s^2 / 2``; the manufacturer bears ``manufacturer_cost_share =
    1 - lam`` of it. The platform then chooses ``p`` and ``s``.
    """

    lam: np.ndarray | float
    p: np.ndarray | float
    w: np.ndarray | float
    s: np.ndarray | float
    demand: np.ndarray | float
    pi_platform: np.ndarray | float
    pi_manufacturer: np.ndarray | float
    pi_total: np.ndarray | float
    platform_cost_share: np.ndarray | float
    manufacturer_cost_share: np.ndarray | float


def coordinating_contract(params: HorizontalParams, lam) -> CoordinatingContractResult:
    """Revenue sharing with service-cost sharing: reaches the centralised optimum.

    Under the paper's contract (eq 7) the platform earns ``lam`` of the
    revenue but pays *all* of the service cost, so it under-provides service:
    ``s*(lam) < s^{2*}`` for ``lam < 1``. If the manufacturer also bears the
    share ``1 - lam`` of the service cost and the wholesale price is
    ``w = lam c``, the platform's profit is ``lam (pi + K) - K`` — an
    increasing affine function of the alliance profit ``pi`` (eq 6) — so its
    own optimum is the centralised ``(p^{2*}, s^{2*})`` for every ``lam``, and
    ``pi1 + pi2 = pi`` exactly. Within contracts ``(lam, w, cost_share)`` this
    is the only one that coordinates when ``b2 > 0``
    (:func:`derive_coordinating_contract`).

    Parameters
    ----------
    params : HorizontalParams
    lam : float or array_like
        Platform's share of revenue (and of the service cost), in ``(0, 1]``.

    Returns
    -------
    CoordinatingContractResult
        ``p, w, s, demand, pi_platform, pi_manufacturer, pi_total`` and the
        contract's cost shares; floats for a scalar ``lam``. ``pi_platform =
        lam (pi + K) - K`` and ``pi_manufacturer = (1 - lam)(pi + K)``.

    Raises
    ------
    ModelDomainError
        If any ``lam`` is outside ``(0, 1]`` or ``beta <= b1 c``.
    """
    lam = v.share("lam", lam)
    cen = centralized(params)
    p = np.full_like(lam, cen.p)
    s = np.full_like(lam, cen.s)
    w = lam * params.c
    pi1 = contract_platform_profit(params, lam, p, w, s, lam)
    pi2 = contract_manufacturer_profit(params, lam, p, w, s, lam)
    out = dict(lam=lam, p=p, w=w, s=s, demand=np.full_like(lam, cen.demand),
               pi_platform=pi1, pi_manufacturer=pi2, pi_total=pi1 + pi2,
               platform_cost_share=lam, manufacturer_cost_share=1 - lam)
    if lam.ndim == 0:
        out = {k: float(val) for k, val in out.items()}
    return CoordinatingContractResult(**out)


def coordinating_acceptable_lambda(params: HorizontalParams, *, platform_leads: bool = True) -> LambdaBand:
    """Open λ band where the coordinating contract leaves both firms better off.

    With ``P = pi + K`` (``pi`` the centralised profit) the profits are
    ``lam P - K`` and ``(1 - lam) P``, so the conditions are linear in ``lam``:

    * ``pi1(lam) > pi1*``  iff  ``lam > (pi1* + K) / P``;
    * ``pi2(lam) > pi2*``  iff  ``lam < 1 - pi2* / P``;
    * (``platform_leads``) ``pi1(lam) > pi2(lam)``  iff  ``lam > (P + K) / (2 P)``.

    The first two always leave a non-empty band because the centralised
    profit exceeds the decentralised total.

    Raises
    ------
    ModelDomainError
        If the band is empty (possible only with ``platform_leads``: when the
        manufacturer's decentralised profit exceeds about half of ``pi``).
    """
    dec = decentralized(params)
    P = centralized(params).pi_total + params.K
    lo = (dec.pi_platform + params.K) / P
    if platform_leads:
        lo = max(lo, (P + params.K) / (2 * P))
    hi = 1 - dec.pi_manufacturer / P
    lo, hi = max(lo, 0.0), min(hi, 1.0)
    if not lo < hi:
        raise ModelDomainError(
            f"no lam in (0, 1] makes the coordinating contract acceptable for {params} "
            f"(lower end {lo:.6g} >= upper end {hi:.6g}"
            + (", with the condition pi1(lam) > pi2(lam))" if platform_leads else ")")
        )
    return LambdaBand(float(lo), float(hi))


def compare_contracts(params: HorizontalParams, lam) -> dict[str, np.ndarray]:
    """The paper's revenue-sharing contract and the coordinating contract, side by side.

    Returns
    -------
    dict
        Columns ``lambda``; ``p``, ``s``, ``pi_platform``, ``pi_manufacturer``,
        ``pi_total`` with suffix ``_rs`` (paper, eq 7–10) and ``_co``
        (:func:`coordinating_contract`); ``w_rs``, ``w_co``; and
        ``pi_gap_rs = pi - pi_total_rs`` (the profit revenue sharing leaves on
        the table).
    """
    lam = np.atleast_1d(v.share("lam", lam))
    rs = revenue_sharing(params, lam)
    co = coordinating_contract(params, lam)
    pi = centralized(params).pi_total
    return {
        "lambda": lam,
        "p_rs": rs.p, "p_co": co.p,
        "w_rs": rs.w, "w_co": co.w,
        "s_rs": rs.s, "s_co": co.s,
        "pi_platform_rs": rs.pi_platform, "pi_platform_co": co.pi_platform,
        "pi_manufacturer_rs": rs.pi_manufacturer, "pi_manufacturer_co": co.pi_manufacturer,
        "pi_total_rs": rs.pi_total, "pi_total_co": co.pi_total,
        "pi_gap_rs": pi - rs.pi_total,
    }


def dominating_shares(params: HorizontalParams, lam) -> tuple[np.ndarray, np.ndarray]:
    """Shares of the coordinating contract that pay *both* firms more than the paper's contract.

    For the paper's revenue-sharing contract at ``lam``, the coordinating
    contract at ``lam'`` gives both firms strictly more iff
    ``(pi1_rs + K) / P < lam' < 1 - pi2_rs / P`` with ``P = pi + K``; the
    interval has width ``(pi - pi_rs(lam)) / P > 0`` whenever revenue sharing
    falls short of ``pi``.

    Returns
    -------
    (lo, hi) : numpy.ndarray
        The open interval of ``lam'`` for each ``lam`` (shaped like ``lam``).
    """
    lam = v.share("lam", lam)
    rs = revenue_sharing(params, lam)
    P = centralized(params).pi_total + params.K
    lo = (np.asarray(rs.pi_platform) + params.K) / P
    hi = 1 - np.asarray(rs.pi_manufacturer) / P
    return lo, hi


def derive_coordinating_contract() -> dict[str, Any]:
    """Derive the coordinating contract with sympy from the model's primitives.

    The platform maximises ``lam p D - w D - phi gamma1 s^2/2 - K`` over
    ``(p, s)`` for contract terms ``(lam, w, phi)``; the contract coordinates
    when this optimum is the centralised ``(p^{2*}, s^{2*})`` of eq (6).

    Returns
    -------
    dict
        ``w``, ``phi``: the unique solution (for ``b2 > 0``) of the platform's
        first-order conditions at ``(p^{2*}, s^{2*})`` — ``w = lam c`` and
        ``phi = lam``; ``solutions``: all solutions found; ``pi_platform``,
        ``pi_manufacturer``, ``pi_total``: profits at the optimum;
        ``pi_total_minus_pi``: simplified ``pi_total - pi`` (0);
        ``platform_identity``: simplified ``pi1 - (lam (pi_fn + K) - K)`` as a
        function of ``(p, s)`` (0: the platform's objective is an affine
        image of the alliance's); ``hessian``: the platform's Hessian in
        ``(p, s)`` (``lam`` times that of eq 6, negative definite iff
        ``2 b1 gamma1 > b2^2``); ``rs_service_gap`` and ``rs_profit_gap``: the
        paper's contract, ``s*(lam) - s^{2*}`` and ``pi_total(lam) - pi``,
        factored.
    """
    import sympy as sp

    from . import symbolic as sy

    S = sy.SYMBOLS
    beta, b1, b2, g, c, K = (S[k] for k in ("beta", "b1", "b2", "gamma1", "c", "K"))
    p, w, s, lam = S["p"], S["w"], S["s"], S["lam"]
    phi = sp.Symbol("phi", positive=True)
    D = beta - b1 * p + b2 * s
    pi1 = lam * p * D - w * D - phi * g * s**2 / 2 - K
    pi2 = ((1 - lam) * p + w - c) * D - (1 - phi) * g * s**2 / 2
    pi_fn = sy.profit_functions()["pi"]
    cen = sy.centralized_solution()
    at_opt = {p: cen["p"], s: cen["s"]}
    focs = [sp.diff(pi1, p).subs(at_opt), sp.diff(pi1, s).subs(at_opt)]
    sols = sp.solve(focs, [w, phi], dict=True)
    (sol,) = sols
    w_co, phi_co = sp.simplify(sol[w]), sp.simplify(sol[phi])
    terms = {w: w_co, phi: phi_co}
    pi1_co = sp.simplify(pi1.subs(terms).subs(at_opt))
    pi2_co = sp.simplify(pi2.subs(terms).subs(at_opt))
    rs = sy.sharing_solution()
    return {
        "w": w_co,
        "phi": phi_co,
        "solutions": sols,
        "pi_platform": sp.factor(pi1_co),
        "pi_manufacturer": sp.factor(pi2_co),
        "pi_total": sp.simplify(pi1_co + pi2_co),
        "pi_total_minus_pi": sp.simplify(pi1_co + pi2_co - cen["pi_total"]),
        "platform_identity": sp.simplify(sp.expand(pi1.subs(terms) - (lam * (pi_fn + K) - K))),
        "hessian": sp.hessian(pi1.subs(terms), (p, s)),
        "centralized_hessian": cen["hessian"],
        "rs_service_gap": sp.factor(sp.simplify(rs["s"] - cen["s"])),
        "rs_profit_gap": sp.factor(sp.simplify(rs["pi_total"] - cen["pi_total"])),
    }


# ===========================================================================
# 3. Allocation rules compared on the vertical alliance
# ===========================================================================


def coalition_table(n: int, worth) -> np.ndarray:
    """Worths of all ``2**n`` coalitions indexed by bitmask (see :func:`xbec.shapley`).

    ``worth`` is a callable on frozensets, a dict frozenset -> worth covering
    every non-empty coalition, or an array of ``2**n`` worths.
    """
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or not 1 <= n <= MAX_SHAPLEY_PLAYERS:
        raise ModelDomainError(f"n={n!r}: must be an integer with 1 <= n <= {MAX_SHAPLEY_PLAYERS}")
    return np.array(_coalition_table(int(n), worth), dtype=float)


def vertical_game(V: float, mu: Sequence[float], *, pair_factor: float = 0.5,
                  singleton: float = 0.0) -> np.ndarray:
    """The vertical alliance as a TU game, completed by an explicit assumption.

    The paper gives only ``v(N) = V`` and ``v(N \\ {i}) = mu_i`` (§5.2). The
    other coalitions are **assumed**:

    * ``v({i}) = singleton`` (default 0: no member sells cross-border alone —
      the platform has no logistics, a logistics firm has no shop);
    * for ``2 <= |S| <= n - 2``: ``v(S) = pair_factor * min{mu_k : k not in S}``,
      i.e. a share ``pair_factor`` in ``[0, 1]`` of the worth of the weakest
      ``(n-1)``-coalition containing ``S``. ``pair_factor = 1`` is the largest
      value keeping ``v`` monotone, ``0`` makes the small coalitions worthless.

    For ``n = 4`` the second rule gives the six pairs.

    Returns
    -------
    numpy.ndarray
        The ``2**n`` worths indexed by bitmask (``v(empty) = 0``).

    Raises
    ------
    ModelDomainError
        ``n < 3``, ``pair_factor`` outside ``[0, 1]``, negative ``singleton``
        or a non-finite value.
    """
    mu = v.vector("mu", mu, min_len=3)
    V = v.finite_real("V", V)
    t = v.finite_real("pair_factor", pair_factor)
    if not 0 <= t <= 1:
        raise ModelDomainError(f"pair_factor={t:g}: must lie in [0, 1]")
    single = v.non_negative("singleton", singleton)
    n = mu.size
    if n > MAX_SHAPLEY_PLAYERS:
        raise ModelDomainError(f"mu: n={n} members; at most {MAX_SHAPLEY_PLAYERS}")
    size = 1 << n
    masks = np.arange(size, dtype=np.int64)
    k = np.bitwise_count(masks).astype(np.int64)
    table = np.zeros(size)
    # min of mu over the members outside S
    outside_min = np.full(size, np.inf)
    for i in range(n):
        out = (masks >> i & 1) == 0
        outside_min[out] = np.minimum(outside_min[out], mu[i])
    mid = (k >= 2) & (k <= n - 2)
    table[mid] = t * outside_min[mid]
    table[k == 1] = single
    full = size - 1
    for i in range(n):
        table[full ^ (1 << i)] = mu[i]
    table[full] = V
    return table


def excesses(table: np.ndarray, x) -> np.ndarray:
    """Excess ``x(S) - v(S)`` of every coalition (bitmask-indexed, ``table`` as above)."""
    x = v.vector("x", x, min_len=1)
    n = x.size
    if table.shape != (1 << n,):
        raise ModelDomainError(f"table: need shape ({1 << n},) for n={n} (got {table.shape})")
    masks = np.arange(1 << n, dtype=np.int64)
    bits = (masks[:, None] >> np.arange(n)) & 1
    return bits @ x - table


@dataclass(frozen=True)
class CoreCheck:
    """Is an allocation in the core? ``x(N) = v(N)`` and ``x(S) >= v(S)`` for all ``S``.

    Attributes
    ----------
    in_core : bool
    efficient : bool
        ``|x(N) - v(N)| <= tol``.
    min_excess : float
        Smallest ``x(S) - v(S)`` over proper non-empty coalitions (negative:
        some coalition would rather leave).
    worst_coalition : tuple of int
        A coalition attaining ``min_excess`` (0-based members).
    violated : tuple of tuple of int
        Every coalition with ``x(S) < v(S) - tol``.
    """

    in_core: bool
    efficient: bool
    min_excess: float
    worst_coalition: tuple[int, ...]
    violated: tuple[tuple[int, ...], ...]


def _members(mask: int, n: int) -> tuple[int, ...]:
    return tuple(i for i in range(n) if mask >> i & 1)


def core_check(n: int, worth, x, *, tol: float = 1e-9) -> CoreCheck:
    """Check core membership of the allocation ``x`` in the game ``(n, worth)``.

    ``tol`` is absolute, in the units of the worths (scale it with them).
    """
    table = coalition_table(n, worth)
    x = v.vector("x", x, min_len=1)
    if x.size != n:
        raise ModelDomainError(f"x has {x.size} entries for n={n} players")
    tol = v.non_negative("tol", tol)
    e = excesses(table, x)
    full = (1 << n) - 1
    proper = e[1:full]
    if proper.size:
        j = int(np.argmin(proper)) + 1
        min_excess, worst = float(e[j]), _members(j, n)
    else:
        min_excess, worst = math.inf, ()
    violated = tuple(_members(m, n) for m in np.flatnonzero(e[1:full] < -tol) + 1)
    efficient = abs(float(e[full])) <= tol
    return CoreCheck(efficient and not violated, efficient, min_excess, worst, violated)


def _linprog(c, A_ub, b_ub, A_eq, b_eq, bounds):
    from scipy.optimize import linprog

    res = linprog(c, A_ub=A_ub, b_ub=b_ub, A_eq=A_eq, b_eq=b_eq, bounds=bounds, method="highs")
    if res.status != 0:
        raise ModelDomainError(f"linear programme failed: {res.message}")
    return res


def least_core_epsilon(n: int, worth) -> float:
    """Smallest ``eps`` such that some efficient ``x`` has ``x(S) >= v(S) - eps`` for all proper ``S``.

    The core is non-empty iff ``least_core_epsilon <= 0`` (LP with scipy/HiGHS).
    """
    table = coalition_table(n, worth)
    if n == 1:
        return -math.inf
    full = (1 << n) - 1
    masks = np.arange(1, full)
    bits = ((masks[:, None] >> np.arange(n)) & 1).astype(float)
    # variables (x, eps); minimise eps s.t. -x(S) - eps <= -v(S), x(N) = v(N)
    A_ub = np.hstack([-bits, -np.ones((bits.shape[0], 1))])
    res = _linprog(np.r_[np.zeros(n), 1.0], A_ub, -table[masks],
                   np.r_[np.ones(n), 0.0][None, :], [table[full]], [(None, None)] * (n + 1))
    return float(res.x[-1])


def nucleolus(n: int, worth, *, imputations: bool = True, tol: float = 1e-9) -> np.ndarray:
    """The nucleolus of a TU game, by sequential linear programmes (scipy HiGHS).

    The nucleolus lexicographically maximises the sorted vector of excesses
    ``x(S) - v(S)`` over efficient allocations (imputations, ``x_i >= v({i})``,
    when ``imputations``; otherwise the pre-nucleolus). Round ``k`` maximises
    the smallest excess ``eps`` over the coalitions not yet fixed; every
    coalition whose excess cannot rise above ``eps`` without lowering another
    (checked by one LP per tight coalition) is fixed at ``eps``; coalitions
    whose indicator lies in the span of fixed ones drop out. It stops when the
    fixed coalitions determine ``x`` (Maschler, Peleg & Shapley 1979).

    Parameters
    ----------
    n : int
        Number of players, ``1 <= n <= 12`` (``2**n`` constraints per LP).
    worth : callable, mapping or numpy.ndarray
        As in :func:`xbec.shapley`.
    imputations : bool
        Restrict to individually rational allocations (the nucleolus proper).
    tol : float
        Relative tolerance for "tight", scaled by the largest worth.

    Returns
    -------
    numpy.ndarray
        Shape ``(n,)``, sums to ``v(N)``.

    Raises
    ------
    ModelDomainError
        ``n`` out of range, or (``imputations``) no imputation exists,
        ``sum v({i}) > v(N)``.
    """
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or not 1 <= n <= 12:
        raise ModelDomainError(f"n={n!r}: the LP nucleolus needs an integer 1 <= n <= 12")
    n = int(n)
    table = coalition_table(n, worth)
    full = (1 << n) - 1
    if n == 1:
        return np.array([table[full]])
    singles = np.array([table[1 << i] for i in range(n)])
    if imputations and singles.sum() > table[full] + tol * max(1.0, abs(table[full])):
        raise ModelDomainError(
            f"v: sum of v({{i}}) = {singles.sum():g} > v(N) = {table[full]:g}: no imputation exists"
        )
    scale = max(1.0, float(np.max(np.abs(table))))
    atol = tol * scale
    masks = np.arange(1, full)
    bits = ((masks[:, None] >> np.arange(n)) & 1).astype(float)
    vals = table[masks]
    bounds = [(singles[i], None) if imputations else (None, None) for i in range(n)] + [(None, None)]
    eq_rows = [np.ones(n)]
    eq_vals = [table[full]]
    free = np.ones(masks.size, dtype=bool)
    x = None
    for _ in range(masks.size + 1):
        A_eq = np.hstack([np.array(eq_rows), np.zeros((len(eq_rows), 1))])
        # maximise eps s.t. x(S) - v(S) >= eps for free S
        A_ub = np.hstack([-bits[free], np.ones((int(free.sum()), 1))])
        res = _linprog(np.r_[np.zeros(n), -1.0], A_ub, -vals[free], A_eq, eq_vals, bounds)
        eps = float(res.x[-1])
        x = res.x[:n]
        slack = bits[free] @ x - vals[free] - eps
        tight = np.flatnonzero(free)[slack <= atol]
        newly_fixed = []
        for j in tight:
            # can S_j's excess exceed eps while every free excess stays >= eps?
            A_ub_eps = np.hstack([-bits[free], np.zeros((int(free.sum()), 1))])
            b_ub_eps = -(vals[free] + eps)
            r = _linprog(np.r_[-bits[j], 0.0], A_ub_eps, b_ub_eps, A_eq, eq_vals, bounds)
            if -r.fun - vals[j] <= eps + atol:
                newly_fixed.append(j)
        if not newly_fixed:  # numerically degenerate: fix every tight coalition
            newly_fixed = list(tight)
        for j in newly_fixed:
            eq_rows.append(bits[j])
            eq_vals.append(vals[j] + eps)
            free[j] = False
        rows = np.array(eq_rows)
        rank = np.linalg.matrix_rank(rows)
        if rank >= n:
            break
        # drop coalitions whose excess is already determined by the fixed ones
        for j in np.flatnonzero(free):
            if np.linalg.matrix_rank(np.vstack([rows, bits[j]])) == rank:
                free[j] = False
        if not free.any():
            break
    # the final x solves the equalities; recompute it exactly when determined
    rows = np.array(eq_rows)
    if np.linalg.matrix_rank(rows) >= n:
        x = np.linalg.lstsq(rows, np.array(eq_vals), rcond=None)[0]
    return np.asarray(x, dtype=float)


@dataclass(frozen=True)
class AllocationComparison:
    """Four allocation rules on one vertical game, with their core checks.

    ``allocations`` and ``core`` map a rule name (``"Raiffa (eq 13)"``,
    ``"improved Raiffa (eq 15)"``, ``"Shapley"``, ``"nucleolus"``) to its
    allocation (0-based members) and :class:`CoreCheck`.
    """

    V: float
    mu: tuple[float, ...]
    F: tuple[float, ...]
    pair_factor: float
    singleton: float
    table: np.ndarray
    allocations: Mapping[str, np.ndarray]
    core: Mapping[str, CoreCheck]
    least_core_epsilon: float

    @property
    def core_nonempty(self) -> bool:
        return self.least_core_epsilon <= 1e-9 * max(1.0, abs(self.V))


RULES = ("Raiffa (eq 13)", "improved Raiffa (eq 15)", "Shapley", "nucleolus")


def compare_allocations(V: float, mu: Sequence[float], F: Sequence[float], *,
                        pair_factor: float = 0.5, singleton: float = 0.0) -> AllocationComparison:
    """Raiffa, improved Raiffa, Shapley and nucleolus on :func:`vertical_game`.

    Parameters
    ----------
    V : float
        ``V(N)``, e.g. ``pi1(lam)`` of the revenue-sharing contract (§5.2).
    mu : sequence of float
        ``V(N \\ {i})``.
    F : sequence of float
        Service shares of eq (14) (for the improved Raiffa rule).
    pair_factor, singleton : float
        The assumed worths of the smaller coalitions (see :func:`vertical_game`).
    """
    table = vertical_game(V, mu, pair_factor=pair_factor, singleton=singleton)
    n = len(mu)
    alloc = {
        RULES[0]: np.asarray(raiffa(V, mu), dtype=float),
        RULES[1]: np.asarray(improved_raiffa(V, mu, F), dtype=float),
        RULES[2]: shapley(n, table),
        RULES[3]: nucleolus(n, table),
    }
    core = {k: core_check(n, table, x, tol=1e-7 * max(1.0, abs(float(V)))) for k, x in alloc.items()}
    return AllocationComparison(
        V=float(V), mu=tuple(float(m) for m in mu), F=tuple(float(f) for f in F),
        pair_factor=float(pair_factor), singleton=float(singleton), table=table,
        allocations=MappingProxyType(alloc), core=MappingProxyType(core),
        least_core_epsilon=least_core_epsilon(n, table),
    )


@dataclass(frozen=True)
class AllocationSensitivity:
    """Allocations and core membership as the assumed pair worths vary.

    ``allocations[rule]`` has shape ``(len(pair_factors), n)``;
    ``in_core[rule]`` and ``least_core_epsilon`` have shape
    ``(len(pair_factors),)``.
    """

    pair_factors: np.ndarray
    allocations: Mapping[str, np.ndarray]
    in_core: Mapping[str, np.ndarray]
    least_core_epsilon: np.ndarray


def allocation_sensitivity(V: float, mu: Sequence[float], F: Sequence[float], pair_factors, *,
                           singleton: float = 0.0) -> AllocationSensitivity:
    """:func:`compare_allocations` for each assumed ``pair_factor``."""
    ts = v.vector("pair_factors", pair_factors, min_len=1)
    comps = [compare_allocations(V, mu, F, pair_factor=float(t), singleton=singleton) for t in ts]
    return AllocationSensitivity(
        pair_factors=ts,
        allocations=MappingProxyType({r: np.array([c.allocations[r] for c in comps]) for r in RULES}),
        in_core=MappingProxyType({r: np.array([c.core[r].in_core for c in comps]) for r in RULES}),
        least_core_epsilon=np.array([c.least_core_epsilon for c in comps]),
    )


def core_pair_factor_limit(V: float, mu: Sequence[float], x, *, singleton: float = 0.0) -> float:
    """Largest ``pair_factor`` in ``[0, 1]`` for which ``x`` is in the core of :func:`vertical_game`.

    Closed form: the constraints of the ``(n-1)``-coalitions, singletons and
    ``N`` do not involve ``pair_factor``; each middle coalition ``S`` requires
    ``x(S) >= pair_factor * m(S)`` with ``m(S) = min{mu_k : k not in S}``.

    Returns
    -------
    float
        The limit (1.0 when ``x`` stays in the core for every factor), or
        ``nan`` when ``x`` is outside the core even for ``pair_factor = 0``.
    """
    x = v.vector("x", x, min_len=3)
    base = vertical_game(V, mu, pair_factor=0.0, singleton=singleton)
    n = x.size
    if x.size != len(mu):
        raise ModelDomainError(f"x has {x.size} entries for {len(mu)} members")
    if not core_check(n, base, x, tol=1e-9 * max(1.0, abs(float(V)))).in_core:
        return math.nan
    one = vertical_game(V, mu, pair_factor=1.0, singleton=singleton)
    masks = np.arange(1 << n, dtype=np.int64)
    k = np.bitwise_count(masks)
    mid = (k >= 2) & (k <= n - 2) & (one > 0)
    if not mid.any():
        return 1.0
    xs = excesses(one, x) + one  # x(S)
    return float(min(1.0, np.min(xs[mid] / one[mid])))


def core_nonempty_pair_factor_limit(V: float, mu: Sequence[float], *, singleton: float = 0.0) -> float:
    """Largest ``pair_factor`` in ``[0, 1]`` for which :func:`vertical_game` has a non-empty core.

    One linear programme in ``(x, t)``: maximise ``t`` subject to
    ``x(S) >= t m(S)`` for the middle coalitions, ``x(S) >= v(S)`` for the
    others and ``x(N) = V`` (scipy HiGHS).

    Returns
    -------
    float
        The limit, or ``nan`` when the core is empty even for ``pair_factor = 0``.
    """
    base = vertical_game(V, mu, pair_factor=0.0, singleton=singleton)
    one = vertical_game(V, mu, pair_factor=1.0, singleton=singleton)
    n = len(mu)
    full = (1 << n) - 1
    masks = np.arange(1, full, dtype=np.int64)
    bits = ((masks[:, None] >> np.arange(n)) & 1).astype(float)
    k = np.bitwise_count(masks)
    mid = (k >= 2) & (k <= n - 2)
    m = np.where(mid, one[masks], 0.0)
    # -x(S) + t m(S) <= -v0(S)  (v0 = worths at factor 0: 0 for the middle coalitions)
    A_ub = np.hstack([-bits, m[:, None]])
    from scipy.optimize import linprog

    res = linprog(np.r_[np.zeros(n), -1.0], A_ub=A_ub, b_ub=-base[masks],
                  A_eq=np.r_[np.ones(n), 0.0][None, :], b_eq=[base[full]],
                  bounds=[(None, None)] * n + [(0.0, 1.0)], method="highs")
    if res.status == 2:  # infeasible: empty core already at factor 0
        return math.nan
    if res.status != 0:
        raise ModelDomainError(f"linear programme failed: {res.message}")
    return float(res.x[-1])


def core_limits(V: float, mu: Sequence[float], F: Sequence[float], *,
                singleton: float = 0.0) -> dict[str, tuple[float, float]]:
    """For each rule, the interval of assumed pair factors ``t`` in ``[0, 1]`` where it is in the core.

    Exact, no grid: Raiffa and improved Raiffa do not depend on ``t``; the
    Shapley value is linear in the worths, so it is affine in ``t``, and so are
    all excesses ``x(S) - v_t(S)`` — each core constraint holds on a half-line
    of ``t``. The nucleolus is in the core exactly when the core is non-empty,
    i.e. on ``[0, t*]`` with ``t*`` from :func:`core_nonempty_pair_factor_limit`.

    Returns
    -------
    dict
        Rule name -> ``(lo, hi)``; ``(nan, nan)`` if the rule is never in the core.
    """
    g0 = vertical_game(V, mu, pair_factor=0.0, singleton=singleton)
    g1 = vertical_game(V, mu, pair_factor=1.0, singleton=singleton)
    n = len(mu)
    tol = 1e-9 * max(1.0, abs(float(V)))
    allocs = {
        RULES[0]: (np.asarray(raiffa(V, mu), float),) * 2,
        RULES[1]: (np.asarray(improved_raiffa(V, mu, F), float),) * 2,
        RULES[2]: (shapley(n, g0), shapley(n, g1)),
    }
    out: dict[str, tuple[float, float]] = {}
    full = (1 << n) - 1
    for rule, (x0, x1) in allocs.items():
        e0 = excesses(g0, x0)[1:full]
        e1 = excesses(g1, x1)[1:full]
        slope = e1 - e0
        lo, hi = 0.0, 1.0
        # e0 + t * slope >= -tol
        with np.errstate(divide="ignore", invalid="ignore"):
            bound = (-tol - e0) / slope
        if np.any((slope == 0) & (e0 < -tol)):
            out[rule] = (math.nan, math.nan)
            continue
        up = slope < 0
        down = slope > 0
        if up.any():
            hi = min(hi, float(np.min(bound[up])))
        if down.any():
            lo = max(lo, float(np.max(bound[down])))
        out[rule] = (lo, hi) if lo <= hi else (math.nan, math.nan)
    t_star = core_nonempty_pair_factor_limit(V, mu, singleton=singleton)
    out[RULES[3]] = (0.0, t_star) if np.isfinite(t_star) else (math.nan, math.nan)
    return out


def core_min_grand_worth(mu: Sequence[float], *, pair_factor: float = 0.0, singleton: float = 0.0) -> float:
    """Smallest ``V(N)`` for which :func:`vertical_game` has a non-empty core.

    ``min sum(x)`` subject to ``x(S) >= v(S)`` for every proper coalition (LP);
    the core is non-empty iff ``V(N)`` is at least this. With worthless pairs
    and singletons it is ``max(sum(mu) / (n - 1), ...)``: the sum of the
    Raiffa lower limits of eq (11).
    """
    table = vertical_game(0.0, mu, pair_factor=pair_factor, singleton=singleton)
    n = len(mu)
    full = (1 << n) - 1
    masks = np.arange(1, full, dtype=np.int64)
    bits = ((masks[:, None] >> np.arange(n)) & 1).astype(float)
    res = _linprog(np.ones(n), -bits, -table[masks], None, None, [(None, None)] * n)
    return float(res.fun)


def core_nonempty_lambda(params: HorizontalParams, mu: Sequence[float], *, pair_factor: float = 0.0,
                         singleton: float = 0.0) -> float:
    """Smallest revenue share ``lam`` at which the vertical game with ``V(N) = pi1(lam)`` has a non-empty core.

    Solves ``pi1(lam) > core_min_grand_worth(...)`` exactly (a quadratic in
    ``lam`` after multiplying by ``delta(lam)^2``, as for the band).

    Raises
    ------
    ModelDomainError
        If ``pi1(lam)`` stays below the required worth for every ``lam`` in ``(0, 1]``.
    """
    floor = core_min_grand_worth(mu, pair_factor=pair_factor, singleton=singleton)
    polys = _band_polynomials(params, platform_floor=floor)
    keep = {k: polys[k] for k in ("pi1(lam) > floor", "demand > 0")}
    return float(solve_band(params, keep).lo)


def _rule_allocation(rule: str, V: float, mu, F, table: np.ndarray) -> np.ndarray:
    if rule == RULES[0]:
        return np.asarray(raiffa(V, mu), float)
    if rule == RULES[1]:
        return np.asarray(improved_raiffa(V, mu, F), float)
    if rule == RULES[2]:
        return shapley(len(mu), table)
    if rule == RULES[3]:
        return nucleolus(len(mu), table)
    raise ModelDomainError(f"rule={rule!r}: must be one of {RULES}")


def core_worth_interval(mu: Sequence[float], F: Sequence[float], rule: str, *, pair_factor: float = 0.0,
                        singleton: float = 0.0) -> tuple[float, float]:
    """Interval of ``V(N)`` on which ``rule``'s allocation is in the core of :func:`vertical_game`.

    Exact: Raiffa, improved Raiffa and Shapley allocations are affine in
    ``V(N)`` and the other worths do not depend on it, so each core constraint
    holds on a half-line of ``V``; the nucleolus is in the core iff the core
    is non-empty, i.e. for ``V >= core_min_grand_worth``.

    Returns
    -------
    (lo, hi) : float
        ``hi`` may be ``inf``; ``(nan, nan)`` if the rule is never in the core.
    """
    if rule == RULES[3]:
        return core_min_grand_worth(mu, pair_factor=pair_factor, singleton=singleton), math.inf
    n = len(mu)
    full = (1 << n) - 1
    g0 = vertical_game(0.0, mu, pair_factor=pair_factor, singleton=singleton)
    g1 = vertical_game(1.0, mu, pair_factor=pair_factor, singleton=singleton)
    x0 = _rule_allocation(rule, 0.0, mu, F, g0)
    x1 = _rule_allocation(rule, 1.0, mu, F, g1)
    e0 = excesses(g0, x0)[1:full]
    slope = excesses(g0, x1 - x0)[1:full] + g0[1:full]  # d/dV of x(S)
    scale = max(1.0, float(np.max(np.abs(g0))))
    tol = 1e-9 * scale
    if np.any((np.abs(slope) <= 1e-15) & (e0 < -tol)):
        return math.nan, math.nan
    lo, hi = -math.inf, math.inf
    with np.errstate(divide="ignore", invalid="ignore"):
        bound = -e0 / slope
    if np.any(slope > 1e-15):
        lo = float(np.max(bound[slope > 1e-15]))
    if np.any(slope < -1e-15):
        hi = float(np.min(bound[slope < -1e-15]))
    return (lo, hi) if lo <= hi else (math.nan, math.nan)


def core_lambda_interval(params: HorizontalParams, mu: Sequence[float], F: Sequence[float], rule: str, *,
                         pair_factor: float = 0.0, singleton: float = 0.0) -> LambdaBand:
    """Revenue shares ``lam`` at which ``rule`` allocates ``V(N) = pi1(lam)`` inside the core.

    :func:`core_worth_interval` mapped through the paper's ``pi1(lam)`` (eq 7,
    exactly: quadratic conditions after multiplying by ``delta(lam)^2``).

    Raises
    ------
    ModelDomainError
        If no ``lam`` in ``(0, 1]`` puts the rule's allocation in the core.
    """
    lo, hi = core_worth_interval(mu, F, rule, pair_factor=pair_factor, singleton=singleton)
    if math.isnan(lo):
        raise ModelDomainError(f"rule={rule!r}: never in the core of this game (pair_factor={pair_factor:g})")
    polys = {"demand > 0": _band_polynomials(params)["demand > 0"]}
    if np.isfinite(lo):
        polys["pi1(lam) > V_lo"] = _band_polynomials(params, platform_floor=lo)["pi1(lam) > floor"]
    if np.isfinite(hi):
        polys["pi1(lam) < V_hi"] = -_band_polynomials(params, platform_floor=hi)["pi1(lam) > floor"]
    return solve_band(params, polys)


@dataclass(frozen=True)
class CoreLambdaBounds:
    """:func:`core_lambda_interval` for each rule and assumed pair factor.

    ``lo[rule]`` and ``hi[rule]`` have shape ``(len(pair_factors),)``; ``nan``
    where no ``lam`` in ``(0, 1]`` puts the rule in the core.
    """

    pair_factors: np.ndarray
    lo: Mapping[str, np.ndarray]
    hi: Mapping[str, np.ndarray]


def core_lambda_bounds(params: HorizontalParams, mu: Sequence[float], F: Sequence[float], pair_factors, *,
                       singleton: float = 0.0) -> CoreLambdaBounds:
    """The revenue shares at which each rule is in the core, as the assumed pair worths vary."""
    ts = v.vector("pair_factors", pair_factors, min_len=1)
    lo = {r: np.full(ts.size, np.nan) for r in RULES}
    hi = {r: np.full(ts.size, np.nan) for r in RULES}
    for k, t in enumerate(ts):
        for r in RULES:
            try:
                band = core_lambda_interval(params, mu, F, r, pair_factor=float(t), singleton=singleton)
            except ModelDomainError:
                continue
            lo[r][k], hi[r][k] = band.lo, band.hi
    return CoreLambdaBounds(ts, MappingProxyType(lo), MappingProxyType(hi))


@dataclass(frozen=True)
class CoreLimits:
    """:func:`core_limits` for each ``lam``: ``V(N) = pi1(lam)`` of the paper's contract.

    ``limits[rule]`` has shape ``(len(lam), 2)``: the interval of pair factors
    ``t`` where the rule is in the core (``nan`` rows: never).
    """

    lam: np.ndarray
    V: np.ndarray
    limits: Mapping[str, np.ndarray]


def core_limits_over_lambda(params: HorizontalParams, mu: Sequence[float], F: Sequence[float], lam, *,
                            singleton: float = 0.0) -> CoreLimits:
    """:func:`core_limits` along the revenue share ``lam`` (``V(N) = pi1(lam)``, §5.2)."""
    lam = np.atleast_1d(v.share("lam", lam))
    V = np.atleast_1d(revenue_sharing(params, lam).pi_platform)
    rows = [core_limits(float(Vk), mu, F, singleton=singleton) for Vk in V]
    return CoreLimits(lam=lam, V=V, limits=MappingProxyType({r: np.array([row[r] for row in rows]) for r in RULES}))


# ===========================================================================
# 4. The cost of Shapley versus Raiffa, measured
# ===========================================================================


@dataclass(frozen=True)
class CostMeasurement:
    """Wall-clock time and worth evaluations of an allocation rule for several ``n``."""

    rule: str
    n: np.ndarray
    seconds: np.ndarray
    evaluations: np.ndarray


@dataclass(frozen=True)
class ExponentialFit:
    """``log2(seconds) = intercept + slope * n``, fitted on ``n >= n_min``.

    ``slope`` near 1 is the ``2**n`` growth of exact Shapley (a little above 1
    from the extra factor ``n``).
    """

    intercept: float
    slope: float
    n_min: int

    def seconds(self, n) -> np.ndarray | float:
        """Predicted (extrapolated) time for ``n`` members."""
        out = 2.0 ** (self.intercept + self.slope * np.asarray(n, dtype=float))
        return out if np.ndim(out) else float(out)

    def n_for(self, seconds: float) -> float:
        """The (real) ``n`` at which the predicted time reaches ``seconds``."""
        secs = v.positive("seconds", seconds)
        return (math.log2(secs) - self.intercept) / self.slope


class CountingWorth:
    """A characteristic function that counts its evaluations.

    ``v(S) = (sum_{i in S} a_i) ** 1.5`` — a convex (supermodular) game with
    member weights ``a``, cheap but not trivial (``O(|S|)`` per call).
    """

    def __init__(self, weights) -> None:
        self.weights = v.vector("weights", weights, min_len=1)
        self._w = self.weights.tolist()
        self.calls = 0

    def __call__(self, coalition) -> float:
        self.calls += 1
        w = self._w
        return sum(w[i] for i in coalition) ** 1.5

    def without_each(self) -> np.ndarray:
        """``v(N \\ {i})`` for every ``i`` at once (vectorised; counts ``n`` evaluations)."""
        self.calls += self.weights.size
        return (self.weights.sum() - self.weights) ** 1.5

    def table(self) -> np.ndarray:
        """All ``2**n`` worths indexed by bitmask (vectorised; counts ``2**n`` evaluations)."""
        n = self.weights.size
        masks = np.arange(1 << n, dtype=np.int64)
        total = np.zeros(1 << n)
        for i, w in enumerate(self._w):
            total += w * ((masks >> i) & 1)
        self.calls += 1 << n
        return total**1.5

    def grand(self) -> float:
        """``v(N)`` (counts one evaluation)."""
        self.calls += 1
        return float(self.weights.sum() ** 1.5)


def cost_game_weights(n: int, seed: int = 0) -> np.ndarray:
    """Member weights in ``[0.5, 1.5)`` for :class:`CountingWorth` (reproducible)."""
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
        raise ModelDomainError(f"n={n!r}: must be a positive integer")
    return np.random.default_rng(seed).uniform(0.5, 1.5, int(n))


def _ns(name: str, ns, lo: int, hi: int) -> list[int]:
    out = []
    for n in ns:
        if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or not lo <= n <= hi:
            raise ModelDomainError(f"{name}: every n must be an integer in [{lo}, {hi}] (got {n!r})")
        out.append(int(n))
    if not out:
        raise ModelDomainError(f"{name}: needs at least one n")
    return out


def _measure(rule: str, ns, seed: int, repeat: int, clock: Callable[[], float],
             run: Callable[[int, "CountingWorth"], object]) -> CostMeasurement:
    """Best of ``repeat`` timings of ``run(n, game)`` for each ``n``, with the evaluations of ``v``."""
    secs, evals = [], []
    for n in ns:
        game = CountingWorth(cost_game_weights(n, seed))
        best = math.inf
        for _ in range(max(1, int(repeat))):
            game.calls = 0
            t0 = clock()
            run(n, game)
            best = min(best, clock() - t0)
        secs.append(best)
        evals.append(game.calls)
    return CostMeasurement(rule, np.array(ns), np.array(secs), np.array(evals, dtype=np.int64))


def measure_shapley_cost(ns, *, seed: int = 0, repeat: int = 1, vectorised: bool = False,
                         clock: Callable[[], float] = time.perf_counter) -> CostMeasurement:
    """Time exact :func:`xbec.shapley` for each ``n``.

    The game is :class:`CountingWorth`. By default ``v`` is passed as a
    Python callable (``2**n`` calls, counted in ``evaluations``); with
    ``vectorised`` the ``2**n`` worths are computed with numpy and passed as an
    array (still ``2**n`` evaluations, counted by the table's size) — the
    cheapest exact Shapley this package offers. The best of ``repeat`` runs.
    """
    ns = _ns("ns", ns, 1, MAX_SHAPLEY_PLAYERS)
    if vectorised:
        return _measure("Shapley (exact, vectorised v)", ns, seed, repeat, clock,
                        lambda n, game: shapley(n, game.table()))
    return _measure("Shapley (exact)", ns, seed, repeat, clock, lambda n, game: shapley(n, game))


def measure_raiffa_cost(ns, *, seed: int = 0, repeat: int = 3,
                        clock: Callable[[], float] = time.perf_counter) -> CostMeasurement:
    """Time :func:`xbec.raiffa` including the worths it needs, for each ``n``.

    Raiffa (eq 13) needs ``V(N)`` and the ``n`` worths ``mu_i = V(N \\ {i})``:
    ``n + 1`` evaluations of the same game as :func:`measure_shapley_cost`
    (vectorised, so ``n`` can reach millions). The best of ``repeat`` runs.
    """
    ns = _ns("ns", ns, 2, 10**8)
    return _measure("Raiffa (eq 13)", ns, seed, repeat, clock,
                    lambda n, game: raiffa(game.grand(), game.without_each()))


def measure_nucleolus_cost(ns, *, seed: int = 0, repeat: int = 1,
                           clock: Callable[[], float] = time.perf_counter) -> CostMeasurement:
    """Time :func:`nucleolus` (sequential LPs) on the game of :func:`measure_shapley_cost`.

    The worths are passed as an array (``2**n`` evaluations); ``n <= 12``.
    scipy's LP solver is imported before the clock starts.
    """
    import scipy.optimize  # noqa: F401  (import time is not the nucleolus's cost)

    ns = _ns("ns", ns, 2, 12)
    return _measure("nucleolus (LP)", ns, seed, repeat, clock, lambda n, game: nucleolus(n, game.table()))


def fit_cost_growth(measurement: CostMeasurement, *, n_min: int = 10) -> ExponentialFit:
    """Least-squares fit of ``log2(seconds)`` against ``n`` for ``n >= n_min``.

    Raises
    ------
    ModelDomainError
        Fewer than two measurements with ``n >= n_min`` or a non-positive time.
    """
    n = np.asarray(measurement.n, dtype=float)
    t = np.asarray(measurement.seconds, dtype=float)
    keep = n >= n_min
    if keep.sum() < 2:
        raise ModelDomainError(f"n_min={n_min}: need at least two measurements with n >= n_min")
    if np.any(t[keep] <= 0):
        raise ModelDomainError("seconds: every measured time must be > 0 to fit log2(seconds)")
    slope, intercept = np.polyfit(n[keep], np.log2(t[keep]), 1)
    return ExponentialFit(float(intercept), float(slope), int(n_min))

