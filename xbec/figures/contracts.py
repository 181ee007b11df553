"""Figures of the extension chapter "wholesale or agency?", from results computed by :mod:`xbec.contracts`.

Nothing is computed here beyond array reshaping.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from matplotlib.colors import BoundaryNorm, ListedColormap
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from ..model.contracts import CHOICE_LABELS, CONFIGURATIONS, THRESHOLD_KEYS, EquilibriumMap, RoyaltyPath

#: One colour per label of :data:`xbec.contracts.CHOICE_LABELS`.
COLORS: Mapping[str, str] = {"WW": "#4c72b0", "WA": "#dd8452", "AW": "#8172b3", "AA": "#55a868", "WA/AW": "#c44e52"}

_THRESHOLD_STYLE: dict[str, dict[str, Any]] = {
    "r1W": dict(color="black", ls="-"),
    "r1A": dict(color="black", ls="--"),
    "r2W": dict(color="0.45", ls="-"),
    "r2A": dict(color="0.45", ls="--"),
}
_THRESHOLD_TEX = {"r1W": r"$r_1^W$", "r1A": r"$r_1^A$", "r2W": r"$r_2^W$", "r2A": r"$r_2^A$"}


def _cmap(labels: Sequence[str]):
    cmap = ListedColormap([COLORS[lab] for lab in labels])
    norm = BoundaryNorm(np.arange(len(labels) + 1) - 0.5, len(labels))
    return cmap, norm


def _legend_patches(labels: Sequence[str], present: np.ndarray, names: Mapping[str, str] | None = None):
    names = names or {}
    return [Patch(color=COLORS[lab], label=names.get(lab, lab)) for k, lab in enumerate(labels) if np.any(present == k)]


def plot_thresholds(alpha: float, beta: np.ndarray, thresholds: Mapping[str, np.ndarray]) -> Figure:
    """The four threshold royalties against ``beta`` at fixed ``alpha`` (Lemma 1 analogue)."""
    fig = Figure(figsize=(6.4, 4.0))
    ax = fig.subplots()
    for key in THRESHOLD_KEYS:
        ax.plot(beta, thresholds[key], label=_THRESHOLD_TEX[key], lw=1.8, **_THRESHOLD_STYLE[key])
    ax.set_xlabel(r"substitutability $\beta$")
    ax.set_ylabel(r"threshold royalty rate")
    ax.set_title(rf"Threshold royalties at $\alpha = {alpha:g}$")
    ax.set_xlim(float(np.min(beta)), float(np.max(beta)))
    ax.grid(alpha=0.3)
    ax.legend(frameon=False)
    fig.tight_layout()
    return fig


def _draw_choice_map(ax, alpha, beta, r, codes, thresholds) -> None:
    cmap, norm = _cmap(CHOICE_LABELS)
    ax.pcolormesh(beta, r, codes, cmap=cmap, norm=norm, shading="nearest", rasterized=True)
    handles = _legend_patches(CHOICE_LABELS, codes)
    if thresholds is not None:
        for key in THRESHOLD_KEYS:
            style = dict(_THRESHOLD_STYLE[key])
            if style["color"] != "black":
                style["color"] = "white"  # the niche supplier's thresholds, visible on WW
            (line,) = ax.plot(beta, thresholds[key], lw=1.1, label=_THRESHOLD_TEX[key], **style)
            handles.append(line)
    ax.set_xlabel(r"substitutability $\beta$")
    ax.set_ylabel(r"royalty rate $r$")
    ax.set_title(rf"Suppliers' contracts (stage 2) at $\alpha = {alpha:g}$")
    legend = ax.legend(handles=handles, loc="lower left", frameon=True, fontsize=9, ncol=2)
    legend.get_frame().set_facecolor("0.6")


def plot_choice_map(
    alpha: float | Sequence[float],
    beta: np.ndarray,
    r: np.ndarray,
    codes: np.ndarray | Sequence[np.ndarray],
    thresholds: Mapping[str, np.ndarray] | Sequence[Mapping[str, np.ndarray]] | None = None,
) -> Figure:
    """Stage-2 contract choice over ``(beta, r)`` (Proposition 1 analogue).

    ``codes`` has shape ``(len(r), len(beta))`` and indexes
    :data:`xbec.contracts.CHOICE_LABELS`.  Pass sequences for ``alpha``,
    ``codes`` and ``thresholds`` to draw one panel per ``alpha``.
    """
    alphas: list[Any]
    if np.ndim(alpha) == 0:
        alphas, panels, lines = [alpha], [codes], [thresholds]
    else:
        alphas, panels = list(alpha), list(codes)  # type: ignore[arg-type]
        lines = [None] * len(alphas) if thresholds is None else list(thresholds)  # type: ignore[arg-type]
    fig = Figure(figsize=(6.0 * len(alphas), 4.4))
    axes = fig.subplots(1, len(alphas), squeeze=False)
    for ax, a, c, th in zip(axes[0], alphas, panels, lines):
        _draw_choice_map(ax, a, beta, r, c, th)
    fig.tight_layout()
    return fig


def plot_royalty_path(paths: Sequence[RoyaltyPath], optima: Sequence[tuple[float, float]] = ()) -> Figure:
    """Platform profit against ``r`` given the stage-2 choice, one panel per path.

    ``optima[k] = (royalty, platform_profit)`` is marked on panel ``k``.
    """
    fig = Figure(figsize=(5.2 * len(paths), 3.8))
    axes = fig.subplots(1, len(paths), squeeze=False)
    for k, path in enumerate(paths):
        ax = axes[0, k]
        labels = ["/".join(sel) if len(sel) > 1 else sel[0] for sel in path.selected]
        seen: set[str] = set()
        start = 0
        for lab, run in itertools.groupby(labels):  # one line per run of the same selection
            stop = start + len(list(run))
            label = None if lab in seen else lab
            ax.plot(
                path.r[start:stop], path.platform_profit[start:stop], color=COLORS.get(lab, "k"), lw=2.2, label=label
            )
            seen.add(lab)
            start = stop
        if k < len(optima):
            r_opt, v_opt = optima[k]
            ax.plot([r_opt], [v_opt], "o", mfc="white", mec="black", ms=7, label="optimum")
        title = "niche supplier forced to agency" if path.niche_forced_agency else "both suppliers choose"
        ax.set_title(rf"{title} ($\alpha={path.alpha:g}$, $\beta={path.beta:g}$)", fontsize=10)
        ax.set_xlabel(r"royalty rate $r$")
        ax.set_ylabel("platform profit")
        ax.grid(alpha=0.3)
        ax.legend(frameon=False, fontsize=9)
    fig.tight_layout()
    return fig


def plot_equilibrium_map(eq_map: EquilibriumMap) -> Figure:
    """Equilibrium contracts and optimal royalty over ``(beta, alpha)`` (Fig. 3 analogue)."""
    fig = Figure(figsize=(11.0, 4.3))
    ax1, ax2 = fig.subplots(1, 2)
    cmap, norm = _cmap(CONFIGURATIONS)
    ax1.pcolormesh(eq_map.beta, eq_map.alpha, eq_map.code, cmap=cmap, norm=norm, shading="nearest", rasterized=True)
    ax1.legend(handles=_legend_patches(CONFIGURATIONS, eq_map.code), loc="upper left", fontsize=9)
    ax1.set_title("Equilibrium contracts")
    ww = eq_map.code == CONFIGURATIONS.index("WW")
    royalty = np.where(ww, np.nan, eq_map.royalty)  # under WW any r in (lo, 1] is optimal
    mesh = ax2.pcolormesh(eq_map.beta, eq_map.alpha, royalty, cmap="viridis", shading="nearest", rasterized=True)
    ax2.contourf(eq_map.beta, eq_map.alpha, ww.astype(float), levels=[0.5, 1.5], colors="none", hatches=["//"])
    fig.colorbar(mesh, ax=ax2, label=r"optimal royalty $r^*$")
    ax2.set_title(r"Optimal royalty (hatched: WW, any $r$ above the thresholds)")
    for ax in (ax1, ax2):
        ax.set_xlabel(r"substitutability $\beta$")
        ax.set_ylabel(r"niche supplier's potential demand $\alpha$")
    fig.tight_layout()
    return fig


def plot_forced_map(forced: EquilibriumMap, base: EquilibriumMap | None = None) -> Figure:
    """Regions X (AA at ``r = r1A``) and Y (WA at ``r = 1``) of the extension (Fig. 4 analogue).

    If ``base`` is given, the hybrid region of the main model is outlined.
    """
    fig = Figure(figsize=(6.4, 4.4))
    ax = fig.subplots()
    labels = ("AA", "WA")
    code = np.where(forced.code == CONFIGURATIONS.index("AA"), 0, 1)
    cmap, norm = _cmap(labels)
    ax.pcolormesh(forced.beta, forced.alpha, code, cmap=cmap, norm=norm, shading="nearest", rasterized=True)
    handles = _legend_patches(labels, code, {"AA": r"X: AA, $r^{**} = r_1^A$", "WA": r"Y: WA, $r^{**} = 1$"})
    if base is not None:
        hybrid = (base.code == CONFIGURATIONS.index("WA")).astype(float)
        ax.contour(base.beta, base.alpha, hybrid, levels=[0.5], colors="black", linewidths=1.2)
        handles.append(Line2D([], [], color="black", lw=1.2, label="hybrid WA when both choose"))
    ax.legend(handles=handles, loc="lower left", fontsize=9)
    ax.set_xlabel(r"substitutability $\beta$")
    ax.set_ylabel(r"niche supplier's potential demand $\alpha$")
    ax.set_title("Niche supplier restricted to agency")
    fig.tight_layout()
    return fig
