"""Beyond the paper, 5: how much do the conclusions depend on modelling choices?

Three choices the paper makes without comment: **the order of moves** of the
decentralised benchmark (§3.2; :func:`leader_band_maps`), **which λ inside the
band** (§3.4; :func:`nash_bargaining_lambda`), and **the coalition values μ**
(§5.2), fixed numbers while ``V(N) = pi1(lam)`` moves (:func:`allocation_paths`,
:func:`negative_allocation_lambda`, :func:`vertical_band`). Figures:
:mod:`xbec.figures.robustness`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.polynomial import Polynomial

from .. import _validate as v
from ..errors import ModelDomainError
from ..model.band import solve_bands
from ..model.horizontal import (
    HorizontalParams,
    LambdaBand,
    acceptable_lambda,
    band_conditions,
    decentralized,
    revenue_sharing,
    sharing_defined,
    sharing_quadratics,
    singular_share,
    solve_band,
)
from ..model.leaders import LEADERS, check_leader
from ..model.roots import real_roots
from ..model.vertical import VerticalParams, allocate, improved_raiffa, member_names
from .bands import BandArrays, band_dimensionless

#: How the coalition values μ respond to ``V(N)``: held at the paper's numbers,
#: or scaled in proportion to ``V(N)`` (``mu * V / V_ref``).
MU_RULES = ("fixed", "scaled")


# -- 1. Order of moves: where each reading leaves a band


def leader_band_maps(rho, kappa, *, platform_leads: bool = True) -> dict[str, BandArrays]:
    """The acceptable band over ``(rho, kappa)`` for every order of moves.

    :func:`xbec.beyond.band_dimensionless` for each leader in
    :data:`xbec.model.leaders.LEADERS` (the manufacturer-led benchmark scales
    in the same way: ``pi1* + K`` and ``pi2*`` are ``u^2 / b1`` times a
    function of ``rho``), so a map over ``(rho, kappa)`` (broadcast) covers every
    parameter set; ``platform_leads`` keeps the paper's ``pi1(lam) > pi2(lam)``.
    """
    return {leader: band_dimensionless(rho, kappa, platform_leads=platform_leads, leader=leader) for leader in LEADERS}


# -- 2. Nash bargaining inside the band


@dataclass(frozen=True)
class BargainingOutcome:
    """Three points of the acceptable band and the profits there.

    ``pi1_star``, ``pi2_star`` (the disagreement point) are the decentralised
    profits of ``leader``; ``lam`` holds ``"Nash"`` (maximiser of the Nash
    product), ``"platform"`` and ``"manufacturer"`` (each firm's preferred
    share in the closed band), ``pi_platform``/``pi_manufacturer`` the profits
    there. ``derivative`` is the Nash product's derivative at the Nash share
    (0 up to rounding when the maximiser is interior; the tests' optimality check).
    """

    leader: str  #: order of moves of the benchmark ``(pi1*, pi2*)``
    band: LambdaBand  #: the acceptable band (:func:`xbec.acceptable_lambda`)
    pi1_star: float
    pi2_star: float
    lam: dict[str, float]
    pi_platform: dict[str, float]
    pi_manufacturer: dict[str, float]
    nash_product: float  #: ``(pi1 - pi1*)(pi2 - pi2*)`` at the Nash share
    derivative: float
    interior: bool  #: whether the Nash share lies strictly inside the band


def _argmax_ratio(num: Polynomial, den: Polynomial, power: int, lo: float, hi: float) -> float:
    """Maximiser of ``num / den**power`` over ``[lo, hi]`` (``den > 0`` there).

    Candidates: the ends and the real roots in ``(lo, hi)`` of the
    derivative's numerator ``num' den - power num den'`` (companion matrix
    after dropping leading coefficients below ``1e-14`` of the largest, then
    Newton-polished on the full polynomial).
    """
    crit = num.deriv() * den - power * num * den.deriv()
    cands = [lo, hi]
    # leading coefficients negligible on [0, 1] only add roots far outside it (b2 -> 0)
    cands += [x for x in real_roots(crit, trim=1e-14, steps=6) if lo < x < hi]
    values = [num(x) / den(x) ** power for x in cands]
    return float(cands[int(np.argmax(values))])


def nash_product(params: HorizontalParams, lam, leader: str = "platform"):
    """Nash product ``(pi1(lam) - pi1*)(pi2(lam) - pi2*)`` of the revenue-sharing contract (eq 7).

    ``pi1*``, ``pi2*`` are the decentralised profits of ``leader``
    (:func:`xbec.decentralized`); ``pi1(lam)``, ``pi2(lam)`` from
    :func:`xbec.revenue_sharing`. Vectorised over ``lam``.
    """
    dec = decentralized(params, leader)
    r = revenue_sharing(params, lam)
    return (r.pi_platform - dec.pi_platform) * (r.pi_manufacturer - dec.pi_manufacturer)


def nash_bargaining_lambda(
    params: HorizontalParams, leader: str = "platform", *, platform_earns_more: bool = True
) -> BargainingOutcome:
    """Nash-bargaining revenue share: the maximiser of ``(pi1(lam) - pi1*)(pi2(lam) - pi2*)`` over the band.

    Both gains are quadratics in ``lam`` over ``delta(lam)^2`` (eq 7 with
    eqs 8–10; :class:`xbec.model.horizontal.SharingQuadratics`), so the Nash
    product is a quartic over ``delta^4``, maximised exactly over the closed band,
    as is each firm's own profit (its preferred share). ``leader``: the
    order of moves of the disagreement point; ``platform_earns_more`` keeps
    the paper's condition ``pi1(lam) > pi2(lam)``. Raises
    :class:`~xbec.errors.ModelDomainError` if the band is empty.
    """
    band = acceptable_lambda(params, leader, platform_earns_more=platform_earns_more)
    conds = band_conditions(params, leader, platform_earns_more=False)
    q = sharing_quadratics(params)
    nash, d2 = Polynomial(conds["pi1(lam) > pi1*"]) * Polynomial(conds["pi2(lam) > pi2*"]), Polynomial(q.delta2)
    lam_nash = _argmax_ratio(nash, d2, 2, band.lo, band.hi)
    lams = {
        "Nash": lam_nash,
        "platform": _argmax_ratio(Polynomial(q.pi1), d2, 1, band.lo, band.hi),
        "manufacturer": _argmax_ratio(Polynomial(q.pi2), d2, 1, band.lo, band.hi),
    }
    r = revenue_sharing(params, np.array(list(lams.values())))
    deriv = (nash.deriv() * d2 - 2 * nash * d2.deriv())(lam_nash) / d2(lam_nash) ** 3
    dec = decentralized(params, leader)
    pi1_at, pi2_at = (dict(zip(lams, map(float, np.atleast_1d(x)))) for x in (r.pi_platform, r.pi_manufacturer))
    at_nash = (float(nash_product(params, lam_nash, leader)), float(deriv), bool(band.lo < lam_nash < band.hi))
    return BargainingOutcome(leader, band, dec.pi_platform, dec.pi_manufacturer, lams, pi1_at, pi2_at, *at_nash)


# -- 3. The coalition values mu while V(N) = pi1(lam) moves


def _mu_rule(mu_rule: str) -> str:
    if mu_rule not in MU_RULES:
        raise ModelDomainError(f"mu_rule={mu_rule!r}: must be one of {MU_RULES}")
    return mu_rule


def coalition_values(vparams: VerticalParams, V, mu_rule: str = "fixed", V_ref: float | None = None) -> np.ndarray:
    """The values ``mu_i = V(N \\ {i})`` used with a grand-coalition worth ``V``.

    ``"fixed"``: the given ``vparams.mu`` whatever ``V`` (the paper, §5.2).
    ``"scaled"``: ``mu * V / V_ref``, i.e. every coalition's worth moves in
    proportion to the alliance's (``V_ref`` is the worth at which ``mu`` were
    stated; required). Shape ``V.shape + (n,)``.
    """
    mu = np.asarray(vparams.mu, float)
    V = v.real_array("V", V)
    if _mu_rule(mu_rule) == "fixed":
        return np.broadcast_to(mu, V.shape + mu.shape).copy()
    if V_ref is None:
        raise ModelDomainError("V_ref: the 'scaled' rule needs the worth at which mu were stated")
    ref = v.positive("V_ref", V_ref)
    return mu * (V[..., None] / ref)


def allocation_paths(
    params: HorizontalParams, vparams: VerticalParams, lam, mu_rule: str = "fixed", V_ref: float | None = None
) -> np.ndarray:
    """Improved-Raiffa allocation (eq 15) of ``V(N) = pi1(lam)`` for each ``lam``, under a μ rule.

    ``V_ref`` defaults to the decentralised ``pi1*`` (platform-led), the worth
    at which §5.2 applies the stated μ. Shape ``lam.shape + (n,)``; sums to
    ``pi1(lam)`` along the last axis.
    """
    V = np.asarray(revenue_sharing(params, lam).pi_platform, float)
    ref = decentralized(params).pi_platform if V_ref is None else V_ref
    mu = coalition_values(vparams, V, mu_rule, ref)
    if mu_rule == "fixed":
        return improved_raiffa(V, vparams.mu, vparams.F)
    out = np.empty(V.shape + (vparams.n,))
    for idx in np.ndindex(V.shape):
        out[idx] = improved_raiffa(float(V[idx]), mu[idx], vparams.F)
    return out


def worth_thresholds(vparams: VerticalParams, mu_scale: float = 1.0) -> np.ndarray:
    """For each member, the grand-coalition worth below which its eq (15) allocation is negative.

    With μ fixed, member ``i`` receives ``F_i V + d_i`` (eq 15 is affine in
    ``V``; ``d_i`` = its allocation of ``V = 0``), so ``x_i* < 0`` iff
    ``V < -d_i / F_i`` when ``F_i > 0``. ``mu_scale`` multiplies every μ.
    ``-inf`` where the member's allocation is never negative for ``V > 0``
    (``d_i >= 0``), ``nan`` if ``F_i = 0``.
    """
    scale = v.finite_real("mu_scale", mu_scale)
    mu = np.asarray(vparams.mu, float) * scale
    d = improved_raiffa(0.0, mu, vparams.F)
    F = np.asarray(vparams.F, float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(F > 0, np.where(d < 0, -d / F, -np.inf), np.nan)


def negative_allocation_lambda(
    params: HorizontalParams, vparams: VerticalParams, mu_scale: float = 1.0
) -> dict[int, LambdaBand | None]:
    """Exact set of ``lam`` where each member's eq (15) allocation of ``V(N) = pi1(lam)`` is negative (μ fixed).

    Solves ``pi1(lam) < V_i`` (:func:`worth_thresholds`), a quadratic
    inequality after multiplying by ``delta(lam)^2``, with the one band
    solver. Member indices are 0-based (the paper's ``x_3*`` is member 2);
    ``None`` where the member's allocation is never negative in ``(0, 1]``.
    """
    thresholds = worth_thresholds(vparams, mu_scale)
    out: dict[int, LambdaBand | None] = {}
    demand = band_conditions(params)["demand > 0"]
    for i, V0 in enumerate(thresholds):
        if not np.isfinite(V0):
            out[i] = None
            continue
        below = -band_conditions(params, platform_floor=V0)["pi1(lam) > floor"]
        try:
            out[i] = solve_band(params, {"pi1(lam) < V_i": below, "demand > 0": demand})
        except ModelDomainError:
            out[i] = None
    return out


def negative_allocation_thresholds(params: HorizontalParams, vparams: VerticalParams, mu_scales) -> np.ndarray:
    """Upper end of the negative-allocation set of each member, vectorised over μ scale factors.

    For each ``t`` in ``mu_scales`` (μ replaced by ``t mu``) and each member,
    the largest ``lam`` at which its eq (15) allocation of ``pi1(lam)`` is
    still negative (the sets are ``(0, threshold)`` when ``pi1`` increases
    in ``lam``). Solved by :func:`xbec.model.band.solve_bands` on all scale
    factors at once. Shape ``(len(mu_scales), n)``; ``nan`` where the
    allocation is never negative in ``(0, 1)`` or the set is not one interval.
    """
    scales = v.vector("mu_scales", mu_scales, min_len=1)
    V0 = np.stack([worth_thresholds(vparams, t) for t in scales])  # (m, n)
    q = sharing_quadratics(params)
    below = -(q.pi1[:, None, None] - np.where(np.isfinite(V0), V0, 0.0) * q.delta2[:, None, None])
    sol = solve_bands(
        [below, q.demand[:, None, None] * np.ones((1,) + V0.shape)],
        barriers=[np.full(V0.shape, float(singular_share(params)))],
    )
    return np.where(np.isfinite(V0) & (sol.intervals == 1), sol.hi, np.nan)


def vertical_band(
    params: HorizontalParams,
    vparams: VerticalParams,
    *,
    mu_rule: str = "fixed",
    leader: str = "platform",
    V_ref: float | None = None,
    platform_earns_more: bool = True,
) -> LambdaBand:
    """Shares ``lam`` acceptable to the horizontal and to every vertical member, under a μ rule.

    The horizontal conditions of :func:`xbec.acceptable_lambda` (against the
    ``leader``'s benchmark) plus: each member's eq (15) allocation of
    ``pi1(lam)`` exceeds its allocation of the decentralised ``pi1*`` with
    the same μ rule. Member ``i``'s allocation is affine in ``V``,
    ``a_i + b_i V`` (``"fixed"``: ``b_i = F_i``; ``"scaled"``: ``a_i = 0``),
    so each condition is ``pi1(lam) > pi1*`` (``b_i > 0``) or
    ``pi1(lam) < pi1*`` (``b_i < 0``); the band is solved exactly. Raises
    :class:`~xbec.errors.ModelDomainError` if no ``lam`` satisfies every
    condition (e.g. members whose allocations move in opposite directions with ``V``).
    """
    check_leader(leader)
    _mu_rule(mu_rule)
    V_star = decentralized(params, leader).pi_platform
    ref = decentralized(params).pi_platform if V_ref is None else V_ref
    conds = band_conditions(params, leader, platform_earns_more=platform_earns_more)
    at = (
        {V: improved_raiffa(V, coalition_values(vparams, V, mu_rule, ref), vparams.F) for V in (0.0, 1.0)}
        if mu_rule == "scaled"
        else {V: allocate(vparams, V) for V in (0.0, 1.0)}
    )
    slope = at[1.0] - at[0.0]
    gain = band_conditions(params, platform_floor=V_star)["pi1(lam) > floor"]
    if np.any(slope > 0):
        conds["pi1(lam) > pi1* (members gaining with V)"] = gain
    if np.any(slope < 0):
        conds["pi1(lam) < pi1* (members losing with V)"] = -gain
    if np.any(slope == 0):
        raise ModelDomainError(
            f"mu_rule={mu_rule!r}: a member's allocation does not depend on V(N); "
            "it cannot gain against the decentralised game"
        )
    return solve_band(params, conds)


# -- Along lambda: where revenue sharing is defined, and the allocations there


def valid_lambda(params: HorizontalParams, lo: float = 0.05, hi: float = 1.0, num: int = 400) -> np.ndarray:
    """The shares among ``linspace(lo, hi, num)`` at which :func:`xbec.revenue_sharing` has a valid outcome.

    Empty (not an error) when no share is valid.
    """
    lam = np.unique(np.round(np.linspace(max(float(lo), 1e-6), min(float(hi), 1.0), int(num)), 12))
    lam = lam[(lam > 0) & (lam <= 1)]
    return lam[sharing_defined(params, lam)]


@dataclass(frozen=True)
class MuPaths:
    """Eq (15) allocations along ``lam`` under each μ rule, and where they turn negative as μ is scaled."""

    lam: np.ndarray  #: shares with a valid revenue-sharing outcome (:func:`valid_lambda`); may be empty
    #: ``rule -> allocation_paths(params, vparams, lam, rule)`` for the rules of :data:`MU_RULES` defined here
    paths: dict[str, np.ndarray]
    notes: dict[str, str]  #: ``rule -> why it is not defined here`` (the model's error message)
    names: tuple[str, ...]  #: the members' names
    t_scales: np.ndarray  #: factors ``t`` applied to all μ
    t_thresholds: np.ndarray  #: :func:`negative_allocation_thresholds` at each ``t``


def mu_paths(params: HorizontalParams, vparams: VerticalParams, num: int = 400) -> MuPaths:
    """Eq (15) allocations of ``pi1(lam)`` for ``lam`` in ``[0.05, 1]`` under each μ rule, and thresholds for ``t`` in ``[0.2, 1.6]``."""
    lam = valid_lambda(params, 0.05, 1.0, num)
    paths: dict[str, np.ndarray] = {}
    notes: dict[str, str] = {}
    if lam.size:
        for rule in MU_RULES:
            try:
                paths[rule] = allocation_paths(params, vparams, lam, rule)
            except ModelDomainError as err:
                notes[rule] = str(err)
    t_scales = np.linspace(0.2, 1.6, 57)
    t_thresholds = negative_allocation_thresholds(params, vparams, t_scales)
    return MuPaths(lam, paths, notes, tuple(member_names(vparams.n)), t_scales, t_thresholds)
