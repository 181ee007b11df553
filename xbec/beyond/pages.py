"""The book's "beyond the paper" pages: band maps, the coordinating contract, allocation rules.

What the chapters ``beyond_band``, ``beyond_coordination`` and
``beyond_allocation`` used to compute in hidden cells: numbers to glue and
Markdown tables, as pure functions (:class:`~xbec.replication.pages.Md` for
Markdown). No plotting (figures are in :mod:`xbec.figures.beyond`).
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import sympy as sp

from ..errors import ModelDomainError
from ..model.horizontal import HorizontalParams, LambdaBand, acceptable_lambda, centralized, revenue_sharing
from ..replication.bounds import band_infimum, band_supremum, service_overshoot_share
from ..replication.pages import Md
from ..replication.report import esc, md_table
from . import allocation as al
from . import bands as bd
from . import coordination as co
from . import games as gm

__all__ = [
    "band_summary",
    "band_map_check",
    "band_closing_rho",
    "band_closing_kappa",
    "map_values",
    "band_closing_values",
    "b2_table",
    "rs_gaps_md",
    "coordinating_md",
    "coordination_values",
    "contracts_table",
    "dominance_table",
    "common_dominating_shares",
    "dominance_values",
    "overshoot_example",
    "coalition_table_md",
    "rules_table_md",
    "core_limits_md",
    "core_lambda_table_md",
]


def band_summary(params: HorizontalParams) -> dict[str, Md]:
    """Two sentences on the page's own band: ``band_md`` (opening) and ``band_finding`` (closing).

    They name the band and its width, or say that no share is acceptable, so
    the chapter runs at every valid parameter point.
    """
    rho0, _ = bd.dimensionless_groups(params)
    try:
        band = acceptable_lambda(params)
    except ModelDomainError as err:
        return {
            "band_md": Md(f"At this page's parameters **no share is acceptable** ({esc(str(err))})."),
            "band_finding": Md(f"At this page's parameters ($\\rho = {rho0:.3f}$) no share is acceptable."),
        }
    paper = (
        " the paper's $0.71 \\le \\lambda \\le 0.88$ is this interval read on a 0.01 grid."
        if params == HorizontalParams()
        else ""
    )
    return {
        "band_md": Md(
            f"At this page's parameters the band is $({band.lo:.4f}, {band.hi:.4f})$, of width "
            f"{band.hi - band.lo:.3f};{paper}"
        ),
        "band_finding": Md(
            f"At this page's parameters ($\\rho = {rho0:.3f}$) the band is "
            f"$({band.lo:.4f}, {band.hi:.4f})$, of width {band.hi - band.lo:.3f}."
        ),
    }


def band_map_check(bmap: bd.BandMap, points: int, seed: int = 0) -> dict[str, float]:
    """Re-solve ``points`` random grid points of ``bmap`` with the scalar :func:`xbec.acceptable_lambda`.

    Returns
    -------
    dict
        ``checked`` (points inside the domain), ``worst`` (largest difference
        of either end), ``mismatches`` (points where the map and the scalar
        solver disagree on whether the band is empty or the model defined),
        ``seconds_per_point`` (scalar solver, wall clock).
    """
    rng = np.random.default_rng(seed)
    worst, checked, mismatches = 0.0, 0, 0
    t0 = time.perf_counter()
    for i, j in rng.integers(0, [bmap.y.size, bmap.x.size], size=(points, 2)):
        status = int(bmap.status[i, j])
        try:
            p = bmap.params.replace(**{bmap.x_name: float(bmap.x[j]), bmap.y_name: float(bmap.y[i])})
            ref = acceptable_lambda(p)
        except ModelDomainError:
            mismatches += status == bd.BAND_OK
            checked += status not in (bd.DOMAIN_CONCAVITY, bd.DOMAIN_MARKET)
            continue
        checked += 1
        if status != bd.BAND_OK:
            mismatches += 1
            continue
        worst = max(worst, abs(ref.lo - bmap.lo[i, j]), abs(ref.hi - bmap.hi[i, j]))
    per_point = (time.perf_counter() - t0) / max(points, 1)
    return {"checked": checked, "worst": worst, "mismatches": mismatches, "seconds_per_point": per_point}


def _first_failure(ok: Callable[[float], bool], lo: float, hi: float, iterations: int = 60) -> float:
    """Bisection for the boundary between ``ok`` (at ``lo``) and not ``ok`` (at ``hi``)."""
    if not ok(lo):
        return lo
    if ok(hi):
        return hi
    for _ in range(iterations):
        mid = 0.5 * (lo + hi)
        lo, hi = (mid, hi) if ok(mid) else (lo, mid)
    return hi


def band_closing_rho(kappa: float) -> float:
    """The smallest ``rho`` in ``[0, 1)`` at which the dimensionless band is no longer a single interval.

    Bisection (to machine precision) on the status of
    :func:`xbec.beyond.band_dimensionless` at fixed ``kappa``; assumes, as the
    maps show, one change of status in ``rho``. Returns ``1.0`` if the band
    exists up to the domain's edge.
    """
    return _first_failure(lambda r: int(bd.band_dimensionless(r, kappa).status) == bd.BAND_OK, 0.0, 1.0 - 1e-12)


def band_closing_kappa(rho: float, kappa_max: float = 10.0) -> float:
    """The smallest ``kappa`` at which the band is empty at fixed ``rho`` (bisection; ``kappa_max`` if none)."""
    return _first_failure(lambda k: int(bd.band_dimensionless(rho, k).status) == bd.BAND_OK, 0.0, kappa_max)


def map_values(bmap: bd.BandMap, prefix: str) -> dict[str, float]:
    """Shares of a band map by status and its band widths, keyed ``<prefix>_*``.

    ``<prefix>_domain`` counts both ways of leaving the model's domain.
    """
    ok = bmap.status == bd.BAND_OK
    width = bmap.width[ok]
    return {
        f"{prefix}_ok": bmap.fraction(bd.BAND_OK),
        f"{prefix}_empty": bmap.fraction(bd.BAND_EMPTY),
        f"{prefix}_domain": bmap.fraction(bd.DOMAIN_CONCAVITY) + bmap.fraction(bd.DOMAIN_MARKET),
        f"{prefix}_width_min": float(np.min(width)) if width.size else math.nan,
        f"{prefix}_width_max": float(np.max(width)) if width.size else math.nan,
    }


def band_closing_values(params: HorizontalParams) -> dict[str, float]:
    """Where the band closes, in the groups ``(rho, kappa)`` and in ``b2`` and ``K`` at ``params``.

    Keys: ``rho0``, ``kappa0`` (the page's point), ``rho_star`` (band closes in
    ``rho`` at ``kappa0``), ``b2_star``, ``kappa_star`` (closes in ``kappa`` at
    ``rho0``), ``K_star``, and ``rho0_lo``, ``rho0_hi`` (the band without
    service, ``rho = kappa = 0``). Computed by bisection, not on a grid.
    """
    rho0, kappa0 = bd.dimensionless_groups(params)
    rho_star, kappa_star = band_closing_rho(kappa0), band_closing_kappa(rho0)
    u = params.beta - params.b1 * params.c
    r0 = bd.band_dimensionless(0.0, 0.0)
    return {
        "rho0": rho0,
        "kappa0": kappa0,
        "rho_star": rho_star,
        "b2_star": math.sqrt(2 * rho_star * params.b1 * params.gamma1),
        "kappa_star": kappa_star,
        "K_star": kappa_star * u**2 / params.b1,
        "rho0_lo": float(r0.lo),
        "rho0_hi": float(r0.hi),
    }


def b2_table(params: HorizontalParams, b2_values: Sequence[float]) -> Md:
    """The band for several ``b2``, everything else at ``params`` (one vectorised call)."""
    b2 = np.asarray(b2_values, dtype=float)
    values: dict[str, Any] = {**params.as_dict(), "b2": b2}
    r = bd.band_arrays(**values)
    rows = []
    for b, st, lo, hi, w in zip(b2, r.status, r.lo, r.hi, r.width):
        ok = int(st) == bd.BAND_OK
        cells = [f"{z:.4f}" if ok else "–" for z in (lo, hi, w)]
        rows.append((f"{b:g}", f"{b**2 / (2 * params.b1 * params.gamma1):.3f}", bd.BAND_STATUS[int(st)], *cells))
    return Md(md_table(["$b_2$", "$\\rho$", "status", "lower end", "upper end", "width"], rows))


def rs_gaps_md() -> Md:
    """The paper's contract against the centralised optimum (SymPy): service and profit gaps."""
    d = co.derive_coordinating_contract()
    return Md(
        "Paper's contract (eq 7–10), derived by sympy from the primitives:\n\n"
        f"$$s^*(\\lambda) - s^{{2*}} = {sp.latex(d['rs_service_gap'])}$$\n\n"
        f"$$\\pi_1(\\lambda) + \\pi_2(\\lambda) - \\pi = {sp.latex(d['rs_profit_gap'])}$$"
    )


def coordinating_md() -> Md:
    """The coordinating contract's terms and identities (SymPy)."""
    d = co.derive_coordinating_contract()
    return Md(
        f"$$\\omega = {sp.latex(d['w'])}, \\qquad \\phi = {sp.latex(d['phi'])}$$\n\n"
        "and then, identically in $(p, s)$,\n\n"
        "$$\\pi_1(p, s) = \\lambda\\,\\big(\\pi(p, s) + K\\big) - K, \\qquad "
        "\\pi_1(p,s) - \\big(\\lambda(\\pi(p,s) + K) - K\\big) = "
        f"{sp.latex(d['platform_identity'])}$$\n\n"
        f"with Hessian $\\lambda$ times that of eq (6): "
        f"${sp.latex(d['hessian'])} = \\lambda {sp.latex(d['centralized_hessian'])}$, and "
        f"$\\pi_1 + \\pi_2 - \\pi = {sp.latex(d['pi_total_minus_pi'])}$ at the optimum."
    )


def coordination_values(params: HorizontalParams, lam: float = 0.8) -> dict[str, Any]:
    """Both contracts' acceptable ranges and the paper's contract at ``lam`` against the optimum.

    Keys: ``rs_lo, rs_hi`` (revenue sharing), ``co_lo, co_hi`` (coordinating,
    platform ahead), ``co_free_lo`` (coordinating, without the leader
    condition), ``pi``, ``s2``, ``rs_lam``, ``rs_total``, ``rs_s``, ``rs_gap``
    (``nan`` where a band is empty or the contract undefined at ``lam``) and
    ``rs_band_md`` (the revenue-sharing band as a phrase).
    """
    cen = centralized(params)
    ends = {}
    solvers = {
        "rs": lambda: acceptable_lambda(params),
        "co": lambda: co.coordinating_acceptable_lambda(params),
        "co_free": lambda: co.coordinating_acceptable_lambda(params, platform_leads=False),
    }
    for key, solve in solvers.items():
        try:
            band = solve()
            ends[key] = (band.lo, band.hi)
        except ModelDomainError:
            ends[key] = (math.nan, math.nan)
    out: dict[str, Any] = {
        "rs_lo": ends["rs"][0],
        "rs_hi": ends["rs"][1],
        "co_lo": ends["co"][0],
        "co_hi": ends["co"][1],
        "co_free_lo": ends["co_free"][0],
        "pi": cen.pi_total,
        "s2": cen.s,
        "rs_lam": float(lam),
    }
    out["rs_band_md"] = Md(
        "no share (the band is empty)"
        if math.isnan(ends["rs"][0])
        else f"${ends['rs'][0]:.4f} < \\lambda < {ends['rs'][1]:.4f}$"
    )
    try:
        rs = revenue_sharing(params, lam)
        out.update(rs_total=rs.pi_total, rs_s=rs.s, rs_gap=cen.pi_total - rs.pi_total)
    except ModelDomainError:
        out.update(rs_total=math.nan, rs_s=math.nan, rs_gap=math.nan)
    return out


def contracts_table(params: HorizontalParams, lam: Sequence[float]) -> Md:
    """Both contracts side by side at the shares ``lam`` (service level and profits).

    Shares at which the paper's contract has no valid outcome are left out and
    named below the table.
    """
    ok, skipped = [], []
    for x in lam:
        try:
            revenue_sharing(params, float(x))
            ok.append(float(x))
        except ModelDomainError:
            skipped.append(float(x))
    note = (
        ""
        if not skipped
        else "\nThe paper's contract has no valid outcome (demand or service not positive) "
        "at $\\lambda$ = " + ", ".join(f"{x:g}" for x in skipped) + ".\n"
    )
    if not ok:
        return Md(note.strip())
    t = co.compare_contracts(params, ok)
    cols = (
        "lambda",
        "s_rs",
        "pi_platform_rs",
        "pi_manufacturer_rs",
        "pi_total_rs",
        "pi_platform_co",
        "pi_manufacturer_co",
        "pi_total_co",
    )
    rows = [tuple(f"{t[col][k]:.2f}" for col in cols) for k in range(len(t["lambda"]))]
    return Md(
        md_table(
            [
                "$\\lambda$",
                "$s$ RS",
                "$\\pi_1$ RS",
                "$\\pi_2$ RS",
                "total RS",
                "$\\pi_1$ coord.",
                "$\\pi_2$ coord.",
                "total coord.",
            ],
            rows,
        )
        + note
    )


def dominance_table(params: HorizontalParams, band: LambdaBand, inner: Sequence[float] = (0.75, 0.8, 0.85)) -> Md:
    """For shares of the paper's band: the coordinating shares ``lam'`` that pay both firms more.

    Rows: just inside each end of the open band and the ``inner`` shares
    that lie in it.
    """
    eps = 1e-9
    lam = np.array([band.lo + eps, *[x for x in inner if band.lo < x < band.hi], band.hi - eps])
    lo, hi = co.dominating_shares(params, lam)
    rs, pi = revenue_sharing(params, lam), centralized(params).pi_total
    pi1, pi2, total = np.asarray(rs.pi_platform), np.asarray(rs.pi_manufacturer), np.asarray(rs.pi_total)
    rows = [
        (
            f"{lam[k]:.4f}",
            f"{pi1[k]:.2f}",
            f"{pi2[k]:.2f}",
            f"({lo[k]:.4f}, {hi[k]:.4f})",
            f"{pi - total[k]:.2f}",
        )
        for k in range(lam.size)
    ]
    return Md(
        md_table(
            [
                "paper's $\\lambda$",
                "$\\pi_1$ RS",
                "$\\pi_2$ RS",
                "coordinating $\\lambda'$ paying both more",
                "gain to share",
            ],
            rows,
        )
    )


def common_dominating_shares(params: HorizontalParams, band: LambdaBand) -> dict[str, Any]:
    """Is there one coordinating share ``lam'`` that pays both firms more than *every* ``lam`` of the band?

    ``lam'`` beats the paper's contract at ``lam`` iff ``lo(lam) < lam' < hi(lam)``
    (:func:`xbec.beyond.dominating_shares`), so it beats every ``lam`` of the
    open band iff ``sup lo < lam' < inf hi`` over the band (computed over the
    continuous band, :mod:`xbec.replication.bounds`).

    Returns
    -------
    dict
        ``sup_lo``, ``inf_hi``; ``exists`` (``sup_lo < inf_hi``);
        ``at_lo`` and ``at_hi``: the intervals of ``lam'`` at the band's two
        ends; ``ends_disjoint``: whether those two intervals are disjoint.
    """
    lo_f = lambda x: float(co.dominating_shares(params, x)[0])  # noqa: E731
    hi_f = lambda x: float(co.dominating_shares(params, x)[1])  # noqa: E731
    sup_lo, inf_hi = band_supremum(lo_f, band).value, band_infimum(hi_f, band).value
    at_lo = (lo_f(band.lo), hi_f(band.lo))
    at_hi = (lo_f(band.hi), hi_f(band.hi))
    return {
        "sup_lo": sup_lo,
        "inf_hi": inf_hi,
        "exists": bool(sup_lo < inf_hi),
        "at_lo": at_lo,
        "at_hi": at_hi,
        "ends_disjoint": bool(at_hi[0] >= at_lo[1] or at_lo[0] >= at_hi[1]),
    }


def dominance_values(params: HorizontalParams) -> dict[str, Md]:
    """The dominance comparison as the chapter states it: ``dom_table`` and ``dom_text`` (Markdown).

    ``dom_text`` says whether one coordinating share beats the whole band
    (:func:`common_dominating_shares`), with the ranges at the band's two ends
    and where the leader condition of the coordinating contract cuts them; or
    that there is no band to compare with.
    """
    try:
        band = acceptable_lambda(params)
    except ModelDomainError:
        none = Md(
            "At this page's parameters the paper's contract has no acceptable band, so there is nothing "
            "to compare with."
        )
        return {"dom_table": none, "dom_text": Md("There is no band here, so the question does not arise.")}
    c = common_dominating_shares(params, band)
    try:
        lead = co.coordinating_acceptable_lambda(params).lo
        cut = (
            f" At the band's lower end part of the range lies below the coordinating contract's leader "
            f"condition $\\lambda' > {lead:.4f}$; the rest still pays both firms more with the platform ahead."
            if c["at_lo"][0] < lead < c["at_lo"][1]
            else ""
        )
    except ModelDomainError:
        cut = " The coordinating contract itself has no share with the platform ahead at these parameters."
    verdict = (
        "so there is such a share: any $\\lambda'$ in between beats the whole band"
        if c["exists"]
        else "so there is no such share: to beat the paper's contract, the coordinating share must be chosen "
        "for the revenue-sharing split it replaces"
    )
    text = (
        "A coordinating share beats every share of the paper's open band only if it lies above every row's "
        "lower end and below every row's upper end; over the continuous band the largest lower end is "
        f"{c['sup_lo']:.4f} and the smallest upper end {c['inf_hi']:.4f}, {verdict}. At the band's two ends "
        f"the ranges are $({c['at_lo'][0]:.4f}, {c['at_lo'][1]:.4f})$ and "
        f"$({c['at_hi'][0]:.4f}, {c['at_hi'][1]:.4f})$" + (", which are disjoint." if c["ends_disjoint"] else ".") + cut
    )
    return {"dom_table": dominance_table(params, band), "dom_text": Md(text)}


def overshoot_example(params: HorizontalParams, lam: float) -> dict[str, Any]:
    """Revenue sharing at ``lam`` against the centralised optimum, for the service-level correction.

    Keys (each prefixed ``ex_``): ``params`` (the parameters, as Markdown),
    ``lam``, ``lam_bar`` (``b1 gamma1 / b2^2``), ``s``, ``s2``, ``w``, ``w_note``,
    ``demand``, ``pi1``, ``pi2``, ``total``, ``pi`` and ``band`` (a sentence on
    whether ``lam`` is acceptable to both firms).
    """
    r, cen = revenue_sharing(params, lam), centralized(params)
    try:
        band = acceptable_lambda(params)
        where = (
            f"inside the acceptable band ({band.lo:.4f}, {band.hi:.4f})"
            if band.lo < lam < band.hi
            else f"outside the acceptable band ({band.lo:.4f}, {band.hi:.4f})"
        )
    except ModelDomainError:
        where = "where no share is acceptable to both firms (the band is empty)"
    names = (("beta", "\\beta"), ("b1", "b_1"), ("b2", "b_2"), ("gamma1", "\\gamma_1"), ("c", "c"), ("K", "K"))
    shown = ", ".join(f"${tex} = {getattr(params, k):g}$" for k, tex in names)
    return {
        "ex_params": Md(shown),
        "ex_lam": float(lam),
        "ex_lam_bar": service_overshoot_share(params),
        "ex_s": r.s,
        "ex_s2": cen.s,
        "ex_w_note": "negative: the manufacturer pays the platform per unit" if r.w < 0 else "above zero",
        "ex_w": r.w,
        "ex_demand": r.demand,
        "ex_pi1": r.pi_platform,
        "ex_pi2": r.pi_manufacturer,
        "ex_total": r.pi_total,
        "ex_pi": cen.pi_total,
        "ex_band": where,
    }


def _coalition(members: Sequence[int]) -> str:
    return "{" + ", ".join(str(i + 1) for i in members) + "}"


def coalition_table_md(V: float, mu: Sequence[float], lam: float, *, pair_factor: float, singleton: float) -> Md:
    """Every coalition's worth in the assumed vertical game, and where it comes from."""
    n = len(mu)
    table = gm.vertical_game(V, mu, pair_factor=pair_factor, singleton=singleton)
    one = gm.vertical_game(V, mu, pair_factor=1.0, singleton=singleton)
    rows = []
    for mask in sorted(range(1, 1 << n), key=lambda m: (-bin(m).count("1"), m)):
        size = bin(mask).count("1")
        if size == n:
            src = f"$V(N) = \\pi_1({lam:g})$ (§5.2)"
        elif size == n - 1:
            src = "given in §5.2"
        elif size == 1:
            src = "**assumed**: a member alone sells nothing cross-border"
        else:
            src = f"**assumed**: $t$ × {one[mask]:.0f} (weakest triple containing it)"
        rows.append((_coalition([i for i in range(n) if mask >> i & 1]), f"{table[mask]:.2f}", src))
    return Md(md_table(["coalition", "worth", "source"], rows))


def rules_table_md(comp: al.AllocationComparison, members: Sequence[str]) -> Md:
    """The four rules' allocations, core membership and smallest excess."""
    rows = []
    for rule, x in comp.allocations.items():
        chk = comp.core[rule]
        rows.append(
            (
                rule,
                *(f"{xi:.2f}" for xi in x),
                "yes" if chk.in_core else "**no**",
                f"{chk.min_excess:.2f} {_coalition(chk.worst_coalition)}",
            )
        )
    return Md(md_table(["rule", *members, "in the core", "smallest excess (coalition)"], rows))


def core_limits_md(limits: dict[str, tuple[float, float]]) -> Md:
    """The exact intervals of pair factors ``t`` for which each rule is in the core."""
    rows = [(rule, "never" if np.isnan(lo) else f"[{lo:.4f}, {hi:.4f}]") for rule, (lo, hi) in limits.items()]
    return Md(md_table(["rule", "in the core for pair factors $t$ in"], rows))


def core_lambda_table_md(
    params: HorizontalParams,
    mu: Sequence[float],
    F: Sequence[float],
    pair_factors: Sequence[float] = (0.0, 0.25, 0.5, 0.75, 1.0),
    *,
    singleton: float = 0.0,
) -> Md:
    """Smallest ``lam`` at which each rule's allocation of ``pi1(lam)`` is in the core, per pair factor."""
    rows = []
    for t in pair_factors:
        cells = []
        for rule in al.RULES:
            try:
                lo = al.core_lambda_interval(params, mu, F, rule, pair_factor=t, singleton=singleton).lo
                cells.append(f"{lo:.4f}")
            except ModelDomainError:
                cells.append("never")
        rows.append((f"{t:g}", *cells))
    return Md(
        "Smallest $\\lambda$ at which each rule's allocation is in the core:\n\n" + md_table(["$t$", *al.RULES], rows)
    )
