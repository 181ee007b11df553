"""Beyond the paper, 2: a contract that coordinates (revenue sharing + service-cost sharing)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, NamedTuple

import numpy as np

from .. import _validate as v
from ..errors import ModelDomainError
from ..model.horizontal import (
    HorizontalParams,
    LambdaBand,
    RevenueSharingResult,
    centralized,
    decentralized,
    demand,
    revenue_sharing,
)
from ..replication.bounds import band_infimum, band_supremum

# -- 2. A contract that coordinates: revenue sharing + service-cost sharing


def contract_platform_profit(params: HorizontalParams, lam, p, w, s, cost_share):
    """Platform's profit under revenue *and* service-cost sharing.

    ``lam p D - w D - cost_share * gamma1 s^2 / 2 - K``: the platform keeps the
    share ``lam`` of revenue, pays ``w`` per unit and bears the share
    ``cost_share`` of the logistics-service cost. ``cost_share = 1`` is the
    paper's eq (7).
    """
    return (lam * p - w) * demand(params, p, s) - cost_share * 0.5 * params.gamma1 * s**2 - params.K


def contract_manufacturer_profit(params: HorizontalParams, lam, p, w, s, cost_share):
    """Manufacturer's profit: ``((1-lam) p + w - c) D - (1 - cost_share) gamma1 s^2 / 2``."""
    return ((1 - lam) * p + w - params.c) * demand(params, p, s) - (1 - cost_share) * 0.5 * params.gamma1 * s**2


@dataclass(frozen=True)
class CoordinatingContractResult(RevenueSharingResult):
    """Outcome of the coordinating contract for each ``lam``: the fields of the revenue-sharing result, and the cost shares.

    ``platform_cost_share = lam`` and ``manufacturer_cost_share = 1 - lam`` of the logistics-service cost
    ``gamma1 s^2 / 2`` (:func:`coordinating_contract`).
    """

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

    ``lam`` (float or array) is the platform's share of revenue and of the
    service cost, in ``(0, 1]``; floats out for a scalar ``lam``. Raises :class:`~xbec.errors.ModelDomainError` if any ``lam`` is outside
    ``(0, 1]`` or ``beta <= b1 c``.
    """
    lam = v.share("lam", lam)
    cen = centralized(params)
    p, s, d = (np.full_like(lam, x) for x in (cen.p, cen.s, cen.demand))
    w = lam * params.c
    pi1 = contract_platform_profit(params, lam, p, w, s, lam)
    pi2 = contract_manufacturer_profit(params, lam, p, w, s, lam)
    out = (lam, p, w, s, d, pi1, pi2, pi1 + pi2, lam, 1 - lam)  # the fields in order, cost shares last
    return CoordinatingContractResult(*(float(x) for x in out) if lam.ndim == 0 else out)


def coordinating_acceptable_lambda(params: HorizontalParams, *, platform_leads: bool = True) -> LambdaBand:
    """Open λ band where the coordinating contract leaves both firms better off.

    With ``P = pi + K`` (``pi`` the centralised profit) the profits are
    ``lam P - K`` and ``(1 - lam) P``, so the conditions are linear in ``lam``:

    * ``pi1(lam) > pi1*``  iff  ``lam > (pi1* + K) / P``;
    * ``pi2(lam) > pi2*``  iff  ``lam < 1 - pi2* / P``;
    * (``platform_leads``) ``pi1(lam) > pi2(lam)``  iff  ``lam > (P + K) / (2 P)``.

    The first two always leave a non-empty band because the centralised
    profit exceeds the decentralised total. Raises
    :class:`~xbec.errors.ModelDomainError` if the band is empty (possible only
    with ``platform_leads``: when the manufacturer's decentralised profit
    exceeds about half of ``pi``).
    """
    platform_leads = v.flag("platform_leads", platform_leads)
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

    Columns ``lambda``; ``p``, ``w``, ``s``, ``pi_platform``,
    ``pi_manufacturer``, ``pi_total`` with suffix ``_rs`` (paper, eq 7–10) and
    ``_co`` (:func:`coordinating_contract`); and ``pi_gap_rs = pi -
    pi_total_rs`` (the profit revenue sharing leaves on the table).
    """
    lam = np.atleast_1d(v.share("lam", lam))
    rs = revenue_sharing(params, lam)
    co = coordinating_contract(params, lam)
    cols = ("p", "w", "s", "pi_platform", "pi_manufacturer", "pi_total")
    out = {"lambda": lam, **{f"{k}_{t}": getattr(r, k) for k in cols for t, r in (("rs", rs), ("co", co))}}
    return {**out, "pi_gap_rs": centralized(params).pi_total - rs.pi_total}


def dominating_shares(params: HorizontalParams, lam) -> tuple[np.ndarray, np.ndarray]:
    """Shares of the coordinating contract that pay *both* firms more than the paper's contract.

    For the paper's revenue-sharing contract at ``lam``, the coordinating
    contract at ``lam'`` gives both firms strictly more iff
    ``(pi1_rs + K) / P < lam' < 1 - pi2_rs / P`` with ``P = pi + K``; the
    interval has width ``(pi - pi_rs(lam)) / P > 0`` whenever revenue sharing
    falls short of ``pi``. Returns the open interval ``(lo, hi)`` of ``lam'``
    for each ``lam`` (arrays shaped like ``lam``).
    """
    lam = v.share("lam", lam)
    rs = revenue_sharing(params, lam)
    P = centralized(params).pi_total + params.K
    lo = (np.asarray(rs.pi_platform) + params.K) / P
    hi = 1 - np.asarray(rs.pi_manufacturer) / P
    return lo, hi


class CommonDominance(NamedTuple):
    """Result of :func:`common_dominating_shares`."""

    sup_lo: float  #: largest lower end of the dominating interval over the band
    inf_hi: float  #: smallest upper end over the band
    at_lo: tuple[float, float]  #: the dominating interval at the band's lower end
    at_hi: tuple[float, float]  #: the dominating interval at the band's upper end

    @property
    def exists(self) -> bool:
        """Whether one coordinating share pays both firms more than every share of the band."""
        return self.sup_lo < self.inf_hi

    @property
    def ends_disjoint(self) -> bool:
        """Whether the dominating intervals at the band's two ends are disjoint."""
        return self.at_hi[0] >= self.at_lo[1] or self.at_lo[0] >= self.at_hi[1]


def common_dominating_shares(params: HorizontalParams, band: LambdaBand) -> CommonDominance:
    """Is there one coordinating share ``lam'`` that pays both firms more than *every* ``lam`` of ``band``?

    ``lam'`` beats the paper's contract at ``lam`` iff ``lo(lam) < lam' < hi(lam)``
    (:func:`dominating_shares`), so it beats every ``lam`` of the open band iff
    ``sup lo < lam' < inf hi``, the supremum and infimum taken over the
    continuous band (:func:`xbec.replication.bounds.band_supremum`).
    """
    lo_f = lambda x: float(dominating_shares(params, x)[0])  # noqa: E731
    hi_f = lambda x: float(dominating_shares(params, x)[1])  # noqa: E731
    return CommonDominance(
        band_supremum(lo_f, band).value,
        band_infimum(hi_f, band).value,
        (lo_f(band.lo), hi_f(band.lo)),
        (lo_f(band.hi), hi_f(band.hi)),
    )


def derive_coordinating_contract() -> dict[str, Any]:
    """Derive the coordinating contract with sympy from the model's primitives.

    The platform maximises ``lam p D - w D - phi gamma1 s^2/2 - K`` over
    ``(p, s)`` for contract terms ``(lam, w, phi)``; the contract coordinates
    when this optimum is the centralised ``(p^{2*}, s^{2*})`` of eq (6).
    Returns a dict: ``w``, ``phi``: the unique solution (for ``b2 > 0``) of the platform's
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

    from ..replication import symbolic as sy

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
