"""Figures of the "Beyond the paper" analyses, from results computed by :mod:`xbec.beyond` (or computing them)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import matplotlib
import matplotlib.ticker
import numpy as np  # noqa: E402
from matplotlib.artist import Artist  # noqa: E402
from matplotlib.colors import ListedColormap  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402
from matplotlib.patches import Patch  # noqa: E402

from .. import beyond as an  # noqa: E402
from ..model.horizontal import HorizontalParams, acceptable_lambda, centralized, decentralized  # noqa: E402
from .paper import member_labels, or_none  # noqa: E402

#: Axis labels of the horizontal parameters.
LABELS = {
    "beta": r"market size $\beta$",
    "b1": r"price sensitivity $b_1$",
    "b2": r"service sensitivity $b_2$",
    "gamma1": r"service cost coefficient $\gamma_1$",
    "c": r"unit cost $c$",
    "K": r"platform fixed cost $K$",
}

_RULE_COLOURS = {
    "Raiffa (eq 13)": "#1f77b4",
    "improved Raiffa (eq 15)": "#d62728",
    "Shapley": "#2ca02c",
    "nucleolus": "#9467bd",
}
_STATUS_COLOURS = {
    an.BAND_EMPTY: "#d9d9d9",
    an.BAND_DISJOINT: "#fdae6b",
    an.DOMAIN_CONCAVITY: "#636363",
    an.DOMAIN_MARKET: "#969696",
}


def cell_edges(x: np.ndarray) -> np.ndarray:
    """Cell edges for pcolormesh from cell centres."""
    if x.size == 1:
        return np.array([x[0] - 0.5, x[0] + 0.5])
    mid = 0.5 * (x[1:] + x[:-1])
    return np.r_[x[0] - (mid[0] - x[0]), mid, x[-1] + (x[-1] - mid[-1])]


def band_map_figure(bmap: an.BandMap, *, mark: tuple[float, float] | None = None, title: str | None = None) -> Figure:
    """Three maps of the acceptable λ band: lower end, upper end, width.

    Grid points where the band is empty, split, or where the model leaves its
    domain are drawn in flat greys (legend); ``mark`` puts a star at a point
    (e.g. the paper's values).
    """
    fig = Figure(figsize=(12, 4.0), layout="constrained")
    axes = fig.subplots(1, 3, sharex=True, sharey=True)
    xe, ye = cell_edges(bmap.x), cell_edges(bmap.y)
    status = bmap.status
    codes = [k for k in _STATUS_COLOURS if np.any(status == k)]
    cat = np.full(status.shape, np.nan)
    for i, k in enumerate(codes):
        cat[status == k] = i
    panels = [
        (bmap.lo, r"lower end $\underline{\lambda}$", "viridis"),
        (bmap.hi, r"upper end $\overline{\lambda}$", "viridis"),
        (bmap.width, r"width $\overline{\lambda}-\underline{\lambda}$", "magma"),
    ]
    flat = dict(cmap=ListedColormap([_STATUS_COLOURS[k] for k in codes]), vmin=-0.5, vmax=len(codes) - 0.5)
    for ax, (z, label, cmap) in zip(axes, panels):
        mesh = ax.pcolormesh(xe, ye, np.ma.masked_invalid(z), cmap=cmap, shading="flat", rasterized=True)
        if codes:
            ax.pcolormesh(xe, ye, np.ma.masked_invalid(cat), shading="flat", rasterized=True, **flat)
        if np.any(bmap.status == an.BAND_OK) and np.nanmax(z) > np.nanmin(z):
            ax.contour(bmap.x, bmap.y, z, levels=6, colors="white", linewidths=0.6, alpha=0.8)
        fig.colorbar(mesh, ax=ax, label=label, shrink=0.9)
        if mark is not None:
            ax.plot(*mark, marker="*", color="red", markersize=14, markeredgecolor="white", linestyle="none")
        ax.set_xlabel(LABELS.get(bmap.x_name, bmap.x_name))
        ax.set_title(label)
    axes[0].set_ylabel(LABELS.get(bmap.y_name, bmap.y_name))
    handles: list[Artist] = [Patch(color=_STATUS_COLOURS[k], label=an.BAND_STATUS[k]) for k in codes]
    if mark is not None:
        handles.append(
            Line2D([], [], marker="*", color="red", linestyle="none", markersize=12, label="the paper's values")
        )
    if handles:
        fig.legend(handles=handles, loc="outside lower center", ncol=len(handles), frameon=False)
    cond = r"$\pi_1(\lambda)>\pi_1^*$, $\pi_2(\lambda)>\pi_2^*$" + (
        r", $\pi_1(\lambda)>\pi_2(\lambda)$" if bmap.platform_leads else ""
    )
    fig.suptitle(title or f"Acceptable revenue-sharing band over ({bmap.x_name}, {bmap.y_name}): {cond}")
    return fig


def band_dimensionless_figure(
    rho, kappas: Sequence[float], *, mark: tuple[float, float] | None = None, platform_leads: bool = True
) -> Figure:
    """The band's ends against ``rho = b2^2/(2 b1 gamma1)`` for several ``kappa = K b1/(beta - b1 c)^2``.

    ``mark = (rho, kappa)`` marks a parameter point (e.g. the paper's).
    """
    rho = np.asarray(rho, dtype=float)
    fig = Figure(figsize=(9, 4.8), layout="constrained")
    ax = fig.subplots()
    colours = matplotlib.colormaps["viridis"](np.linspace(0.05, 0.85, len(kappas)))
    for kappa, colour in zip(kappas, colours):
        r = an.band_dimensionless(rho, kappa, platform_leads=platform_leads)
        ax.fill_between(rho, r.lo, r.hi, color=colour, alpha=0.12, linewidth=0)
        ax.plot(rho, r.lo, color=colour, linewidth=1.2, label=rf"$\kappa$ = {kappa:g}")
        ax.plot(rho, r.hi, color=colour, linewidth=1.2)
    ax.axvline(0.5, color="black", linestyle="--", linewidth=0.8)
    where: dict[str, Any] = dict(xycoords=("data", "axes fraction"), xytext=(4, 0), textcoords="offset points")
    ax.annotate(r"$b_2^2 = b_1\gamma_1$ ($\rho = 1/2$)", (0.5, 0.02), fontsize=8, **where)
    outside: dict[str, Any] = dict(color=_STATUS_COLOURS[an.DOMAIN_CONCAVITY], alpha=0.5, label="outside the domain")
    ax.axvspan(1.0, max(1.0, float(rho.max())), **outside)
    ax.text(0.75, 0.7, "band empty\n(every $\\kappa$)", ha="center", va="center", fontsize=10, color="0.35")
    if mark is not None:
        r = an.band_dimensionless(mark[0], mark[1], platform_leads=platform_leads)
        ax.plot([mark[0]] * 2, [float(r.lo), float(r.hi)], "r*", markersize=11, label="the paper's values")
    ax.set_xlabel(r"$\rho = b_2^2 / (2 b_1 \gamma_1)$  (concavity: $\rho < 1$)")
    ax.set_ylabel(r"acceptable $\lambda$ (band between the curves)")
    ax.set_xlim(float(rho.min()), float(rho.max()))
    ax.set_ylim(0.4, 1.0)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8, loc="lower right")
    ax.set_title(r"The band depends only on $\rho$ and $\kappa = K b_1/(\beta - b_1 c)^2$")
    return fig


def core_lambda_figure(bounds: an.CoreLambdaBounds, *, band: tuple[float, float] | None = None) -> Figure:
    """Lowest revenue share at which each rule is in the core, against the assumed pair factor ``t``.

    Above a rule's curve its allocation of ``V(N) = pi1(lam)`` is in the core.
    ``band`` (e.g. the paper's 0.72–0.88) is shaded.
    """
    fig = Figure(figsize=(9, 4.8), layout="constrained")
    ax = fig.subplots()
    if band is not None:
        ax.axhspan(band[0], band[1], color="#f2d16b", alpha=0.35, label=f"paper's band {band[0]:g}–{band[1]:g}")
    for rule in bounds.lo:
        nucleolus = rule == "nucleolus"
        style: dict[str, Any] = {"linestyle": "--"} if nucleolus else {}
        label = rule + " (= core non-empty)" * nucleolus
        ax.plot(
            bounds.pair_factors, bounds.lo[rule], color=_RULE_COLOURS.get(rule), linewidth=1.6, label=label, **style
        )
    ax.set_xlabel("assumed pair factor t  (v({i, j}) = t · weakest triple containing {i, j})")
    ax.set_ylabel(r"smallest $\lambda$ with the allocation in the core")
    ax.set_ylim(top=1.0)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8, loc="upper left")
    ax.set_title(r"Stability of each rule: in the core above its curve ($V(N) = \pi_1(\lambda)$)")
    return fig


def contracts_figure(params: HorizontalParams, lam, *, platform_leads: bool = True) -> Figure:
    """The paper's revenue-sharing contract against the coordinating contract.

    Panels: service level, total profit, and each firm's profit against λ,
    with the decentralised and centralised benchmarks and both contracts'
    acceptable bands shaded.
    """
    t = an.compare_contracts(params, lam)
    lam = t["lambda"]
    cen, dec = centralized(params), decentralized(params)
    fig = Figure(figsize=(11.5, 4.4), layout="constrained")
    axes = fig.subplots(1, 3)
    rs_style = dict(color="#1f77b4")
    co_style = dict(color="#d62728")

    rs_band = or_none(acceptable_lambda, params, platform_earns_more=platform_leads)
    co_band = or_none(an.coordinating_acceptable_lambda, params, platform_leads=platform_leads)
    bands = [(rs_band, "#1f77b4", "revenue-sharing band"), (co_band, "#d62728", "coordinating band")]
    bands = [b for b in bands if b[0] is not None]  # an empty band is simply not shaded

    def shade(ax):
        for band, colour, label in bands:
            ax.axvspan(band[0], band[1], color=colour, alpha=0.08, label=label)

    ax = axes[0]
    shade(ax)
    ax.plot(lam, t["s_rs"], label=r"revenue sharing $s^*(\lambda)$ (eq 9)", **rs_style)
    ax.plot(lam, t["s_co"], label=r"coordinating contract", linestyle="--", **co_style)
    ax.axhline(cen.s, color="black", linewidth=0.8, linestyle=":", label=r"centralised $s^{2*}$")
    ax.axhline(dec.s, color="grey", linewidth=0.8, linestyle="-.", label=r"decentralised $s^{1*}$")
    ax.set_title("logistics service level")
    ax.set_ylabel("s")

    ax = axes[1]
    shade(ax)
    ax.plot(lam, t["pi_total_rs"], label=r"revenue sharing $\pi_1+\pi_2$", **rs_style)
    ax.plot(lam, t["pi_total_co"], label="coordinating contract", linestyle="--", **co_style)
    ax.axhline(cen.pi_total, color="black", linewidth=0.8, linestyle=":", label=r"centralised $\pi$")
    ax.axhline(dec.pi_total, color="grey", linewidth=0.8, linestyle="-.", label=r"decentralised $\pi_1^*+\pi_2^*$")
    ax.set_title("alliance profit")
    ax.set_ylabel("profit")

    ax = axes[2]
    shade(ax)
    ax.plot(lam, t["pi_platform_rs"], label=r"platform, revenue sharing", **rs_style)
    ax.plot(lam, t["pi_manufacturer_rs"], label=r"manufacturer, revenue sharing", linestyle=(0, (1, 1)), **rs_style)
    ax.plot(lam, t["pi_platform_co"], label=r"platform, coordinating", linestyle="--", **co_style)
    ax.plot(lam, t["pi_manufacturer_co"], label=r"manufacturer, coordinating", linestyle=(0, (1, 1)), **co_style)
    ax.axhline(dec.pi_platform, color="grey", linewidth=0.8, linestyle="-.", label=r"$\pi_1^*$, $\pi_2^*$")
    ax.axhline(dec.pi_manufacturer, color="grey", linewidth=0.8, linestyle="-.")
    ax.set_title("each firm's profit")
    ax.set_ylabel("profit")
    handles: dict[str, Artist] = {}
    for ax in axes:
        ax.set_xlabel(r"platform's revenue share $\lambda$")
        ax.grid(alpha=0.3)
        for h, lab in zip(*ax.get_legend_handles_labels()):
            handles.setdefault(lab, h)
    fig.legend(
        list(handles.values()), list(handles.keys()), loc="outside lower center", ncol=5, fontsize=8, frameon=False
    )
    return fig


def allocations_figure(comp: an.AllocationComparison, *, members: Sequence[str] | None = None) -> Figure:
    """Grouped bars: each rule's allocation to each member; hatched bars lie outside the core.

    Black ticks mark each member's largest core payoff ``V(N) - V(N \\ {i})``.
    ``members`` defaults to :func:`xbec.model.vertical.member_names`.
    """
    rules = list(comp.allocations)
    n = len(comp.mu)
    members = member_labels(members, n)
    fig = Figure(figsize=(10, 4.8), layout="constrained")
    ax = fig.subplots()
    width = 0.8 / len(rules)
    xs = np.arange(n)
    for k, rule in enumerate(rules):
        x = comp.allocations[rule]
        ok = comp.core[rule].in_core
        look: dict[str, Any] = dict(hatch=None if ok else "///", edgecolor="white" if ok else "black", linewidth=0.5)
        label = f"{rule}" + ("" if ok else " (not in core)")
        ax.bar(xs + (k - (len(rules) - 1) / 2) * width, x, width, color=_RULE_COLOURS.get(rule), label=label, **look)
    cap = comp.V - np.asarray(comp.mu)
    ax.hlines(cap, xs - 0.45, xs + 0.45, colors="black", linewidth=1.5, label=r"core cap $V(N)-V(N\setminus i)$")
    ax.set_xticks(xs, list(members))
    ax.set_ylabel("allocated profit")
    core = "core non-empty" if comp.core_nonempty else "core empty"
    ax.set_title(f"V(N) = {comp.V:.2f}; assumed pair worths: factor t = {comp.pair_factor:g}; {core}")
    ax.legend(fontsize=8, ncol=2)
    ax.grid(axis="y", alpha=0.3)
    return fig


def allocation_sensitivity_figure(
    sens: an.AllocationSensitivity, *, members: Sequence[str] | None = None, core_limit: float | None = None
) -> Figure:
    """Each member's allocation against the assumed pair factor ``t``.

    Filled markers: the allocation is in the core; open markers: it is not.
    The grey band marks factors for which the core is empty: beyond
    ``core_limit`` if given (e.g. :func:`xbec.beyond.core_nonempty_pair_factor_limit`),
    else from the first grid factor with an empty core.
    """
    t = sens.pair_factors
    rules = list(sens.allocations)
    n = next(iter(sens.allocations.values())).shape[1]
    members = member_labels(members, n)
    cols = 2 if n == 4 else n
    rows = (n + cols - 1) // cols
    fig = Figure(figsize=(4.6 * cols, 3.4 * rows + 0.8), layout="constrained")
    axes = fig.subplots(rows, cols, sharex=True, squeeze=False).ravel()[:n]
    empty = sens.least_core_epsilon > 1e-6 * max(1.0, float(np.abs(next(iter(sens.allocations.values()))).sum(1).max()))
    for i, ax in enumerate(np.atleast_1d(axes)):
        lo = core_limit if core_limit is not None else (t[np.argmax(empty)] if empty.any() else None)
        if lo is not None and np.isfinite(lo) and lo < t.max():
            ax.axvspan(lo, t.max(), color="grey", alpha=0.15, label="core empty" if i == 0 else None)
        for rule in rules:
            x = sens.allocations[rule][:, i]
            inc = sens.in_core[rule]
            colour = _RULE_COLOURS.get(rule)
            ax.plot(t, x, color=colour, linewidth=1.2, label=rule if i == 0 else None)
            ax.plot(t[inc], x[inc], "o", color=colour, markersize=4)
            ax.plot(t[~inc], x[~inc], "o", markerfacecolor="white", color=colour, markersize=4)
        ax.set_title(members[i])
        ax.set_xlabel("assumed pair factor t")
        ax.grid(alpha=0.3)
    for k, ax in enumerate(axes):
        if k % cols == 0:
            ax.set_ylabel("allocated profit")
    fig.legend(loc="outside lower center", ncol=3, frameon=False)
    fig.suptitle("Allocations as the assumed worth of pairs varies (filled: in the core; open: outside)")
    return fig


def cost_figure(
    measurements: Sequence[an.CostMeasurement],
    *,
    fit: an.ExponentialFit | None = None,
    extrapolate_to: int | None = None,
    thresholds: Sequence[float] = (1.0, 60.0),
    time_label: str = "seconds (best of runs)",
) -> Figure:
    """Measured time and worth evaluations against the number of members (log axes).

    Three panels: (a) time for small ``n`` (up to ``extrapolate_to``), log
    time axis, where ``2**n`` growth is a straight line; ``fit`` (of exact
    Shapley) is drawn solid over the measured ``n`` and dashed beyond,
    labelled as an extrapolation; ``thresholds`` are horizontal lines
    (seconds). (b) evaluations of ``v`` for the same ``n``. (c) time over the
    whole measured range, log-log (Raiffa up to millions of members).
    """
    fig = Figure(figsize=(12, 4.2), layout="constrained")
    ax_t, ax_e, ax_all = fig.subplots(1, 3)
    markers = iter("osD^v<>")
    top = extrapolate_to or int(
        max(max(m.n) for m in measurements if m.n.max() < 100) if any(m.n.max() < 100 for m in measurements) else 30
    )
    for m in measurements:
        mk = next(markers)
        small = m.n <= top
        line = ax_t.semilogy(m.n[small], m.seconds[small], marker=mk, markersize=3.5, label=m.rule)[0]
        ax_e.semilogy(m.n[small], m.evaluations[small], marker=mk, markersize=3.5, color=line.get_color(), label=m.rule)
        ax_all.loglog(m.n, m.seconds, marker=mk, markersize=3.5, color=line.get_color(), label=m.rule)
    if fit is not None:
        shap = [m for m in measurements if m.rule.startswith("Shapley")]
        measured_top = int(max(int(m.n.max()) for m in shap)) if shap else fit.n_min
        nn = np.arange(fit.n_min, measured_top + 1)
        label = rf"fit $\propto 2^{{{fit.slope:.2f}\,n}}$ (n $\geq$ {fit.n_min})"
        ax_t.semilogy(nn, fit.seconds(nn), "k-", linewidth=0.8, label=label)
        if top > measured_top:
            ne = np.arange(measured_top, top + 1)
            ax_t.semilogy(ne, fit.seconds(ne), "k--", linewidth=1, label="fit extrapolated (not measured)")
            ax_e.semilogy(ne, 2.0**ne, "k:", linewidth=1, label=r"$2^n$ beyond the measured n")
    for secs in thresholds:
        ax_t.axhline(secs, color="grey", linewidth=0.8, linestyle=":")
        where: dict[str, Any] = dict(xycoords=("axes fraction", "data"), textcoords="offset points", xytext=(-4, 3))
        ax_t.annotate(f"{secs:g} s", (1, secs), ha="right", fontsize=8, color="grey", **where)
    ax_t.set_title("(a) time, small n")
    ax_t.set_ylabel(time_label)
    ax_e.set_title("(b) evaluations of v")
    ax_e.set_ylabel("evaluations of v")
    ax_all.set_title("(c) time, all measured n (log-log)")
    ax_all.set_ylabel(time_label)
    ax_all.xaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda x, _: f"{x:g}"))
    for ax in (ax_t, ax_e, ax_all):
        ax.set_xlabel("number of members n")
        ax.grid(alpha=0.3, which="both")
    ax_t.legend(fontsize=7)
    ax_e.legend(fontsize=7)
    return fig
