"""Figures of the robustness chapter; every number drawn comes from :mod:`xbec.beyond.robustness` and :mod:`xbec.model`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
from matplotlib.colors import ListedColormap
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from .. import beyond as an
from ..beyond.robustness import BargainingOutcome
from ..model.horizontal import HorizontalParams, revenue_sharing
from .beyond import cell_edges

_GREY = {an.BAND_EMPTY: "#d9d9d9", an.BAND_DISJOINT: "#fdae6b"}
_LEADER_TITLE = {"platform": "platform leads (mark-up reading)", "manufacturer": "manufacturer leads"}
_COLOURS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#8c564b", "#e377c2")


def leader_maps_figure(
    rho: np.ndarray,
    kappa: np.ndarray,
    maps: Mapping[tuple[str, bool], an.BandArrays],
    *,
    mark: tuple[float, float] | None = None,
) -> Figure:
    """Width of the acceptable band over ``(rho, kappa)``, one panel per (leader, condition set).

    ``maps[(leader, platform_leads)]`` are :func:`xbec.beyond.leader_band_maps`
    results of shape ``(len(kappa), len(rho))``; empty bands are grey.
    """
    keys = list(maps)
    cols = sorted({k[1] for k in keys}, reverse=True)
    rows = [leader for leader in ("platform", "manufacturer") if any(k[0] == leader for k in keys)]
    fig = Figure(figsize=(5.2 * len(cols), 3.6 * len(rows)), layout="constrained")
    axes = np.atleast_2d(fig.subplots(len(rows), len(cols), sharex=True, sharey=True, squeeze=False))
    xe, ye = cell_edges(np.asarray(rho, float)), cell_edges(np.asarray(kappa, float))
    vmax = max(float(np.nanmax(m.width)) if np.any(m.status == an.BAND_OK) else 0.0 for m in maps.values())
    mesh, greys, flat = None, ListedColormap(list(_GREY.values())), dict(shading="flat", rasterized=True)
    for i, leader in enumerate(rows):
        for j, leads in enumerate(cols):
            ax = axes[i, j]
            m = maps[(leader, leads)]
            grey = np.where(m.status == an.BAND_EMPTY, 0.0, np.where(m.status == an.BAND_DISJOINT, 1.0, np.nan))
            ax.pcolormesh(xe, ye, np.ma.masked_invalid(grey), cmap=greys, vmin=-0.5, vmax=1.5, **flat)
            if np.any(m.status == an.BAND_OK):
                width = np.ma.masked_invalid(m.width)
                mesh = ax.pcolormesh(xe, ye, width, cmap="viridis", vmin=0.0, vmax=vmax or 1.0, **flat)
            share = float(np.mean(m.status == an.BAND_OK))
            cond = r"$\pi_1>\pi_1^*$, $\pi_2>\pi_2^*$" + (r", $\pi_1>\pi_2$" if leads else "")
            ax.set_title(f"{_LEADER_TITLE[leader]}\n{cond}: band in {share:.0%} of the map", fontsize=9)
            if mark is not None:
                ax.plot(*mark, marker="*", color="red", markersize=13, markeredgecolor="white", linestyle="none")
            if i == len(rows) - 1:
                ax.set_xlabel(r"$\rho = b_2^2 / (2 b_1 \gamma_1)$")
            if j == 0:
                ax.set_ylabel(r"$\kappa = K b_1 / (\beta - b_1 c)^2$")
    if mesh is not None:
        fig.colorbar(mesh, ax=axes, label=r"band width $\overline{\lambda} - \underline{\lambda}$", shrink=0.8)
    fig.legend(
        handles=[Patch(color=_GREY[an.BAND_EMPTY], label="no acceptable λ")], loc="outside lower center", frameon=False
    )
    return fig


def bargaining_figure(params: HorizontalParams, outcomes: Sequence[BargainingOutcome], num: int = 401) -> Figure:
    """Profits and Nash product across each band, with the Nash share and each firm's preferred end.

    One column per outcome (:func:`xbec.nash_bargaining_lambda`): top, the
    firms' gains over their decentralised profits; bottom, the Nash product.
    """
    fig = Figure(figsize=(5.2 * len(outcomes), 6.0), layout="constrained")
    axes = fig.subplots(2, len(outcomes), squeeze=False)
    for j, out in enumerate(outcomes):
        lam = np.linspace(out.band.lo, out.band.hi, num)
        r = revenue_sharing(params, lam)
        gain1 = r.pi_platform - out.pi1_star
        gain2 = r.pi_manufacturer - out.pi2_star
        top, bottom = axes[0, j], axes[1, j]
        top.plot(lam, gain1, color=_COLOURS[0], label=r"platform $\pi_1(\lambda)-\pi_1^*$")
        top.plot(lam, gain2, color=_COLOURS[1], label=r"manufacturer $\pi_2(\lambda)-\pi_2^*$")
        bottom.plot(lam, gain1 * gain2, color=_COLOURS[3], label="Nash product")
        for ax in (top, bottom):
            for key, style in (("Nash", "-"), ("platform", ":"), ("manufacturer", "--")):
                label = f"{key}: λ = {out.lam[key]:.4f}" if ax is bottom else None
                ax.axvline(out.lam[key], color="0.3", linestyle=style, linewidth=0.9, label=label)
            ax.set_xlim(out.band.lo, out.band.hi)
            ax.grid(alpha=0.3)
        top.set_title(f"{_LEADER_TITLE[out.leader]}: band ({out.band.lo:.4f}, {out.band.hi:.4f})", fontsize=9)
        top.set_ylabel("gain over the decentralised profit")
        bottom.set_ylabel(r"$(\pi_1-\pi_1^*)(\pi_2-\pi_2^*)$")
        bottom.set_xlabel(r"revenue share $\lambda$")
        top.legend(fontsize=8, frameon=False)
        bottom.legend(fontsize=8, frameon=False)
    return fig


def mu_figure(
    lam: np.ndarray,
    paths: Mapping[str, np.ndarray],
    names: Sequence[str],
    mu_scales: np.ndarray,
    thresholds: np.ndarray,
) -> Figure:
    """Eq (15) allocations of ``V(N) = pi1(lam)`` under each μ rule, and where they turn negative.

    ``paths[rule]`` is :func:`xbec.beyond.allocation_paths` over ``lam`` for
    ``rule`` in ``("fixed", "scaled")`` (either may be missing); ``thresholds``
    is :func:`xbec.beyond.negative_allocation_thresholds` over ``mu_scales``
    (shape ``(len(mu_scales), n)``).
    """
    titles = {"fixed": "μ fixed at the stated values (the paper)", "scaled": r"μ scaled with $V(N)$"}
    fig = Figure(figsize=(4.7 * (len(paths) + 1), 4.2), layout="constrained")
    axes = fig.subplots(1, len(paths) + 1, squeeze=False)[0]
    for ax, (rule, x) in zip(axes, paths.items()):
        for i, name in enumerate(names):
            ax.plot(lam, x[:, i], color=_COLOURS[i % len(_COLOURS)], label=name)
        ax.axhline(0.0, color="0.2", linewidth=0.8)
        ax.set_title(titles.get(rule, rule), fontsize=10)
        ax.set_xlabel(r"revenue share $\lambda$")
        ax.grid(alpha=0.3)
    axes[0].set_ylabel(r"allocation $x_i^*$ (eq 15)")
    axes[0].legend(fontsize=8, frameon=False)
    ax = axes[-1]
    for i, name in enumerate(names):
        if np.any(np.isfinite(thresholds[:, i])):
            ax.plot(mu_scales, thresholds[:, i], color=_COLOURS[i % len(_COLOURS)], label=name)
    ax.axvline(1.0, color="0.4", linestyle=":", linewidth=0.9)
    ax.set_xlabel(r"scale factor $t$ of the stated $\mu$")
    ax.set_ylabel(r"$x_i^* < 0$ for $\lambda$ below")
    ax.set_title("where an allocation turns negative (μ fixed)", fontsize=10)
    ax.set_ylim(0, 1)
    ax.grid(alpha=0.3)
    if ax.get_legend_handles_labels()[0]:
        ax.legend(fontsize=8, frameon=False)
    return fig
