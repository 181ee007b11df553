"""Figures of the paper, redrawn from the model (Figs. 1–4): one function per figure, taking the parameters.

Every number drawn here comes from :mod:`xbec.model.horizontal`, :mod:`xbec.model.vertical` and
:mod:`xbec.replication.numerics`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Ellipse, FancyArrowPatch, FancyBboxPatch, Patch, Polygon
from numpy.typing import ArrayLike

from ..errors import ModelDomainError
from ..model.horizontal import (
    HorizontalParams,
    LambdaBand,
    acceptable_lambda,
    centralized,
    decentralized,
    revenue_sharing,
    sharing_defined,
)
from ..model.vertical import VerticalParams, allocate, member_names
from ..replication.numerics import decentralized_allocation, vertical_acceptable_lambda
from .style import BAND_COLOUR, COLOURS, LEGEND_PT, PAGE_FIGSIZE

__all__ = [
    "alliance_diagram",
    "horizontal_profits",
    "vertical_allocations",
    "service_and_demand",
    "curve_lambda",
    "FIGURES",
]

#: A profit below ``-LOSS_TOL`` is a loss (``pi2(1) = 0`` up to rounding is not).
LOSS_TOL = 1e-6


def curve_lambda(
    params: HorizontalParams,
    lam_range: tuple[float, float] = (0.5, 1.0),
    num: int = 401,
    marks: Sequence[float] | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """A fine λ grid for curves, clipped to where revenue sharing is defined.

    Returns ``(lam, mark_index)``: the sorted union of ``num`` points spanning
    ``lam_range`` (intersected with ``(0, 1]``) and the ``marks`` (e.g. a
    table's λ grid), keeping only the λ at which :func:`xbec.revenue_sharing`
    has a valid outcome (eq 10 not singular, demand > 0, service level >= 0) leaving
    neither member a loss (next to eq 10's pole ``λ = b1 γ1 / b2²`` no member would sign);
    ``mark_index`` gives the positions of the kept marks in ``lam``.

    Raises
    ------
    ModelDomainError
        If no λ of the range gives a valid outcome.
    """
    lo, hi = float(lam_range[0]), float(lam_range[1])
    lo, hi = max(lo, 1e-6), min(hi, 1.0)
    if not lo < hi:
        raise ModelDomainError(f"lam_range={lam_range}: needs lo < hi inside (0, 1]")
    marks_arr = np.atleast_1d(np.asarray([] if marks is None else marks, dtype=float))
    lam = np.unique(np.round(np.concatenate([np.linspace(lo, hi, num), marks_arr]), 12))
    lam = lam[(lam > 0) & (lam <= 1)]
    ok = sharing_defined(params, lam)
    if ok.any():  # an outcome leaving a member with a negative profit is not signed (the pole's spikes)
        r = revenue_sharing(params, lam[ok])
        ok[np.flatnonzero(ok)[(r.pi_platform < -LOSS_TOL) | (r.pi_manufacturer < -LOSS_TOL)]] = False
    lam = lam[ok]
    if lam.size == 0:
        raise ModelDomainError(f"no lam in {lam_range} gives a valid revenue-sharing outcome for {params}")
    mark_index = np.flatnonzero(np.isin(lam, np.round(marks_arr, 12)))
    return lam, mark_index


def or_none(func, *args, **kwargs) -> Any:
    """``func(*args, **kwargs)``, or ``None`` where the model has no result (a :class:`ModelDomainError`)."""
    try:
        return func(*args, **kwargs)
    except ModelDomainError:
        return None


def member_labels(names: Sequence[str] | None, n: int, arg: str = "members") -> Sequence[str]:
    """``names``, or :func:`~xbec.model.vertical.member_names` of an ``n``-member alliance; checked to have ``n`` entries.

    ``arg`` is the caller's name for ``names`` in the error message.
    """
    names = member_names(n) if names is None else tuple(names)
    if len(names) != n:
        raise ModelDomainError(f"{arg}: need {n} names (got {len(names)})")
    return names


def _shade(ax, band: LambdaBand | None, label: str) -> None:
    if band is None:
        return
    ax.axvspan(
        band.lo, band.hi, color=BAND_COLOUR, alpha=0.35, lw=0, zorder=0, label=f"{label} ({band.lo:.3f}, {band.hi:.3f})"
    )


def _robust_ylim(ax: Axes, curves: Sequence[ArrayLike], levels: Sequence[float]) -> None:
    """Keep the y-range on the levels and the bulk of the curves.

    Near the singular share of eq (10), ``lam = b1 gamma1 / b2^2``, the
    revenue-sharing outcome blows up; without this the curves' spikes would
    squash everything else flat.
    """
    values = np.concatenate([np.ravel(c) for c in curves])
    values = values[np.isfinite(values)]
    lo = min(np.percentile(values, 10), *levels)
    hi = max(np.percentile(values, 90), *levels)
    span = hi - lo if hi > lo else max(abs(hi), 1.0)
    if values.max() - values.min() > 4 * span:  # a spike: clip it
        bottom = min(max(values.min(), lo - span), *levels)
        top = max(min(values.max(), hi + span), *levels)
        pad = 0.05 * (top - bottom)
        ax.set_ylim(bottom - pad, top + pad)


def _markers(idx: np.ndarray) -> dict[str, Any]:
    """Line keywords marking the points ``idx`` of a curve (none if ``idx`` is empty)."""
    return {"marker": "o", "markersize": 3.5, "markevery": list(idx)} if idx.size else {}


def _hline(ax, y: float, label: str, colour: str, style: str = "--") -> None:
    ax.axhline(y, color=colour, ls=style, lw=1.3, label=label)


def _finish(ax, ylabel: str, title: str, marks: bool, below: int = 0, **legend) -> None:
    """Labels, title, grid and legend; ``below=k`` puts the legend under the axes in ``k`` columns."""
    ax.set_xlabel(r"revenue share of the platform $\lambda$")
    ax.set_ylabel(ylabel)
    ax.set_title(title, fontsize=11)
    ax.grid(True, alpha=0.3)
    legend = {"fontsize": LEGEND_PT, "framealpha": 0.9, **legend}
    if marks:
        legend.setdefault("title", "markers: the table's λ grid")
        legend.setdefault("title_fontsize", LEGEND_PT)
    if below:
        handles, labels = ax.get_legend_handles_labels()
        ax.figure.legend(handles, labels, loc="outside lower center", ncol=below, **legend)
    else:
        ax.legend(**legend)


# -- Fig. 1: the alliance (§2)


def _box(ax, xy, w, h, text, face, fontsize=10, weight="normal", stack=0):
    x, y = xy
    for k in range(stack, -1, -1):  # a pile of boxes for "several manufacturers", the front one last
        corner, (lw, z) = (x - w / 2 + 0.12 * k, y - h / 2 + 0.12 * k), ((1.0, 3) if k else (1.4, 4))
        style = "round,pad=0.05,rounding_size=0.15"
        ax.add_patch(FancyBboxPatch(corner, w, h, boxstyle=style, fc=face, ec="#333333", lw=lw, zorder=z))
    ax.text(x, y, text, ha="center", va="center", fontsize=fontsize, weight=weight, zorder=5, linespacing=1.3)


def _arrow(ax, start, end, colour, text=None, text_xy=None, rad=0.0, style="-", both=False, lw=1.6):
    arrowstyle = "<|-|>" if both else "-|>"
    kw = dict(mutation_scale=13, color=colour, lw=lw, ls=style, connectionstyle=f"arc3,rad={rad}", zorder=6)
    ax.add_patch(FancyArrowPatch(start, end, arrowstyle=arrowstyle, shrinkA=2, shrinkB=2, **kw))
    if text:
        box = dict(fc="white", ec="none", alpha=0.85, pad=1.0)
        ax.text(*text_xy, text, ha="center", va="center", fontsize=8, color=colour, zorder=7, bbox=box, linespacing=1.2)


def alliance_diagram() -> Figure:
    """Fig. 1: the cross-border e-commerce alliance based on a cloud platform (§2).

    The horizontal alliance (manufacturers and the platform, §3), the vertical
    alliance (the platform, domestic logistics providers, the international
    carrier and foreign logistics providers, §4), consumers abroad, and the
    cloud platform whose alliance database connects every member — the
    "four-flow integration" of logistics, information, capital and business
    flows. Drawn from code; the paper's own image is not available to us.
    """
    fig = Figure(figsize=(12.5, 8.2))
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, 14)
    ax.set_ylim(0, 9.4)
    ax.set_axis_off()

    blue, orange, purple = "#dbe9f6", "#fde3c8", "#e6dcf0"
    logistics, information, capital, business = "#333333", "#7f7f7f", "#2a9d3f", "#1f5fbf"
    label: dict[str, Any] = dict(fontsize=9.5, weight="bold", va="center", zorder=2)

    # Alliance regions (behind everything); the platform sits in both.
    horizontal: dict[str, Any] = dict(fc=(0.12, 0.47, 0.71, 0.10), ec="#1f77b4", lw=1.3, ls="--", zorder=1)
    ax.add_patch(FancyBboxPatch((0.25, 5.95), 8.95, 2.5, boxstyle="round,pad=0.02,rounding_size=0.3", **horizontal))
    ax.text(0.45, 8.22, "Horizontal alliance (§3): platform leads, manufacturers follow", color="#1f4e79", **label)
    outline = [
        (0.55, 0.45),
        (13.45, 0.45),
        (13.45, 2.85),
        (9.25, 2.85),
        (9.25, 8.6),
        (4.75, 8.6),
        (4.75, 2.85),
        (0.55, 2.85),
    ]
    ax.add_patch(Polygon(outline, closed=True, fc=(1.0, 0.5, 0.05, 0.09), ec="#c55a11", lw=1.3, ls="--", zorder=1))
    vertical = r"platform + logistics service providers share $V(N) = \pi_1(\lambda)$ by the improved Raiffa rule"
    ax.text(0.75, 0.72, f"Vertical alliance (§4): {vertical}", color="#843c0c", **label)

    # Members.
    man, plat, cons = (2.2, 7.05), (7.0, 7.05), (11.7, 7.05)
    dom, intl, frn = (2.7, 1.85), (7.0, 1.85), (11.3, 1.85)
    _box(ax, man, 3.0, 1.15, "Manufacturers\n(suppliers; set wholesale price $\\omega$)", blue, stack=2)
    leader = "Cross-border e-commerce\nplatform (leader; sets $p$, $s$)"
    _box(ax, plat, 3.7, 1.3, leader, purple, fontsize=10.5, weight="bold")
    _box(ax, cons, 3.0, 1.15, "Consumers abroad\n(demand $D = \\beta - b_1 p + b_2 s$)", "#f4f4f4")
    for xy, text in [
        (dom, "Domestic logistics providers\n(procurement, warehousing,\ntransport, inventory)"),
        (intl, "International carrier\n(customs clearance,\ncross-border transport)"),
        (frn, "Foreign logistics providers\n(overseas warehousing,\ntransport, distribution)"),
    ]:
        _box(ax, xy, 3.3, 1.15, text, orange, fontsize=9)

    # The cloud platform and alliance database, linked to every member.
    cloud = (7.0, 4.45)
    ax.add_patch(Ellipse(cloud, 5.6, 1.75, fc="white", ec=information, lw=1.8, zorder=4))
    ax.add_patch(Ellipse(cloud, 5.35, 1.55, fc="#eef3f8", ec="none", zorder=4))
    centred: dict[str, Any] = dict(ha="center", va="center", zorder=5)
    ax.text(cloud[0], cloud[1] + 0.28, "Cloud platform", fontsize=11.5, weight="bold", **centred)
    database = "alliance database: supply, business, market,\nfinancial and logistics information"
    ax.text(cloud[0], cloud[1] - 0.3, database, fontsize=8.5, **centred)
    for end, start in [
        ((plat[0], plat[1] - 0.72), (7.0, 5.33)),
        ((intl[0], intl[1] + 0.65), (7.0, 3.57)),
        ((man[0] + 0.9, man[1] - 0.65), (5.0, 5.05)),
        ((dom[0] + 0.6, dom[1] + 0.65), (5.0, 3.85)),
        ((frn[0] - 0.6, frn[1] + 0.65), (9.0, 3.85)),
    ]:
        _arrow(ax, start, end, information, style=(0, (4, 3)), both=True, lw=1.3)

    # Logistics flow (the goods).
    _arrow(ax, (man[0] - 0.5, man[1] - 0.65), (dom[0] - 0.9, dom[1] + 0.65), logistics, "goods", (1.45, 4.45))
    _arrow(ax, (dom[0] + 1.7, dom[1]), (intl[0] - 1.7, intl[1]), logistics)
    _arrow(ax, (intl[0] + 1.7, intl[1]), (frn[0] - 1.7, frn[1]), logistics)
    _arrow(ax, (frn[0] + 0.9, frn[1] + 0.65), (cons[0] + 0.6, cons[1] - 0.65), logistics, "delivery", (12.55, 4.45))
    # Business flow (orders, sales).
    _arrow(ax, (plat[0] - 1.9, plat[1] + 0.28), (man[0] + 1.55, man[1] + 0.28), business, "orders", (4.4, 7.62))
    sales = "sales at price $p$,\nservice level $s$"
    _arrow(ax, (plat[0] + 1.9, plat[1] + 0.28), (cons[0] - 1.55, cons[1] + 0.28), business, sales, (9.55, 7.82))
    # Capital flow (payments and revenue shares).
    _arrow(ax, (cons[0] - 1.55, cons[1] - 0.3), (plat[0] + 1.9, plat[1] - 0.3), capital, "payment", (9.55, 6.45))
    share = "$\\omega$ per unit + share $1-\\lambda$ of revenue"
    _arrow(ax, (plat[0] - 1.9, plat[1] - 0.3), (man[0] + 1.55, man[1] - 0.3), capital, share, (4.45, 6.17))
    shares = "shares $x_i^*$ of $V(N)$\nto the logistics providers"
    _arrow(ax, (plat[0] + 1.5, plat[1] - 0.7), (9.15, 2.5), capital, shares, (10.6, 4.65), rad=-0.35)

    handles = [
        Patch(fc=(0.12, 0.47, 0.71, 0.25), ec="#1f77b4", ls="--", label="horizontal alliance"),
        Patch(fc=(1.0, 0.5, 0.05, 0.25), ec="#c55a11", ls="--", label="vertical alliance"),
        Line2D([], [], color=logistics, lw=1.8, label="logistics flow"),
        Line2D([], [], color=information, lw=1.5, ls="--", label="information flow"),
        Line2D([], [], color=capital, lw=1.8, label="capital flow"),
        Line2D([], [], color=business, lw=1.8, label="business flow"),
    ]
    title = "Four-flow integration through the cloud platform"
    kw = dict(ncol=6, fontsize=8.5, frameon=False, title=title, title_fontsize=9)
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, 0.995), **kw)
    return fig


# -- Fig. 2: the horizontal alliance's profits (§5.1, §5.3.1)


def horizontal_profits(
    params: HorizontalParams,
    marks: Sequence[float] | None = None,
    lam_range: tuple[float, float] = (0.5, 1.0),
) -> Figure:
    """Fig. 2: the platform's and the manufacturer's profits against λ.

    Curves: ``pi1(lam)``, ``pi2(lam)`` under revenue sharing (eqs 7–10) and
    their sum; horizontal lines: the decentralised profits ``pi1*``, ``pi2*``
    (§3.2) and the centralised total ``pi`` (§3.3), which the revenue-sharing
    total stays below (see erratum ``sharing-not-coordinating``). The
    acceptable band of :func:`xbec.acceptable_lambda` is shaded (when it
    exists); ``marks`` (e.g. Table 1's λ grid) are marked on the curves.
    """
    lam, idx = curve_lambda(params, lam_range, marks=marks)
    r = revenue_sharing(params, lam)
    dec, cen = decentralized(params), centralized(params)
    fig = Figure(figsize=PAGE_FIGSIZE, layout="constrained")
    ax = fig.add_subplot()
    _shade(ax, or_none(acceptable_lambda, params), "acceptable λ")
    for y, colour, lw, label in [
        (r.pi_platform, COLOURS[0], 2, r"$\pi_1(\lambda)$ platform"),
        (r.pi_manufacturer, COLOURS[1], 2, r"$\pi_2(\lambda)$ manufacturer"),
        (r.pi_total, "black", 1.6, r"$\pi_1(\lambda)+\pi_2(\lambda)$ total"),
    ]:
        ax.plot(lam, y, color=colour, lw=lw, label=f"{label}, revenue sharing", **_markers(idx))
    _hline(ax, dec.pi_platform, r"$\pi_1^*$ platform, decentralised", COLOURS[0])
    _hline(ax, dec.pi_manufacturer, r"$\pi_2^*$ manufacturer, decentralised", COLOURS[1])
    _hline(ax, cen.pi_total, r"$\pi$ total, centralised", "black", style=":")
    levels = [dec.pi_platform, dec.pi_manufacturer, cen.pi_total]
    _robust_ylim(ax, [r.pi_platform, r.pi_manufacturer, r.pi_total], levels)
    _finish(ax, r"profit $\pi$", "Horizontal alliance: profits under the three decisions", bool(idx.size), below=2)
    return fig


# -- Fig. 3: the vertical alliance's allocation (§5.2, §5.3.1)


def vertical_allocations(
    params: HorizontalParams,
    vparams: VerticalParams,
    marks: Sequence[float] | None = None,
    lam_range: tuple[float, float] = (0.5, 1.0),
    names: Sequence[str] | None = None,
) -> Figure:
    """Fig. 3: each vertical member's improved-Raiffa allocation against λ.

    Curves: ``x_i*(lam)``, eq (15) applied to ``V(N) = pi1(lam)``; horizontal
    dashed lines in the same colours: the allocation of the decentralised
    ``V(N) = pi1*`` (:func:`xbec.replication.numerics.decentralized_allocation`). The band
    of :func:`xbec.replication.numerics.vertical_acceptable_lambda` is shaded when it
    exists.
    """
    n = vparams.n
    names = member_labels(names, n, "names")
    lam, idx = curve_lambda(params, lam_range, marks=marks)
    x = allocate(vparams, revenue_sharing(params, lam).pi_platform)
    base = decentralized_allocation(params, vparams)
    fig = Figure(figsize=(PAGE_FIGSIZE[0], PAGE_FIGSIZE[1] + 0.35 * n), layout="constrained")
    ax = fig.add_subplot()
    _shade(ax, or_none(vertical_acceptable_lambda, params, vparams), "acceptable λ, both alliances")
    mk = _markers(idx)
    for i in range(n):
        ax.plot(lam, x[:, i], color=COLOURS[i % 8], lw=2, label=f"$x_{{{i + 1}}}^*(\\lambda)$ {names[i]}", **mk)
    for i in range(n):
        _hline(ax, base[i], f"$x_{{{i + 1}}}$ decentralised", COLOURS[i % 8])
    _robust_ylim(ax, [x], list(base))
    title = "Vertical alliance: improved-Raiffa allocation of $V(N) = \\pi_1(\\lambda)$"
    _finish(ax, r"allocation $x_i^*$", title, bool(idx.size), below=2)
    return fig


# -- Fig. 4: service level and demand (§5.3.2)


def service_and_demand(
    params: HorizontalParams,
    marks: Sequence[float] | None = None,
    lam_range: tuple[float, float] = (0.5, 1.0),
) -> Figure:
    """Fig. 4: logistics service level and market demand against λ (two panels).

    Each panel shows the revenue-sharing curve, the decentralised level (§3.2)
    and the centralised level (§3.3) as horizontal lines, and the acceptable
    band of :func:`xbec.acceptable_lambda` shaded.
    """
    lam, idx = curve_lambda(params, lam_range, marks=marks)
    r = revenue_sharing(params, lam)
    dec, cen = decentralized(params), centralized(params)
    band = or_none(acceptable_lambda, params)
    fig = Figure(figsize=(11, 4.6), layout="constrained")
    ax_s, ax_d = fig.subplots(1, 2)
    mk = _markers(idx)
    for ax, y, y1, y2, sym, what in [
        (ax_s, r.s, dec.s, cen.s, "s", "logistics service level"),
        (ax_d, r.demand, dec.demand, cen.demand, "D", "market demand"),
    ]:
        _shade(ax, band, "acceptable λ")
        ax.plot(lam, y, color=COLOURS[0], lw=2, label=f"${sym}^*(\\lambda)$ revenue sharing", **mk)
        _hline(ax, y1, f"${sym}^{{1*}}$ decentralised", COLOURS[1])
        _hline(ax, y2, f"${sym}^{{2*}}$ centralised", "black", style=":")
        _robust_ylim(ax, [y], [y1, y2])
        _finish(ax, f"{what} ${sym}$", what.capitalize(), bool(idx.size), loc="upper left", bbox_to_anchor=(0, 0.94))
    return fig


#: Output stem -> figure function, in the paper's order.
FIGURES = {
    "fig1_alliance": alliance_diagram,
    "fig2_horizontal": horizontal_profits,
    "fig3_vertical": vertical_allocations,
    "fig4_service_demand": service_and_demand,
}
