"""The book's extension page (wholesale or agency, after Zennyo 2020): numbers and tables it quotes.

Pure functions of :mod:`xbec.model.contracts` results; figures are drawn by
:mod:`xbec.figures.contracts`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import sympy as sp

from ..model import contracts
from ..replication.pages import Md
from ..replication.report import md_table

__all__ = [
    "CONFIG_NAMES",
    "subgame_md",
    "thresholds_values",
    "pieces_table",
    "reach_values",
    "equilibrium_values",
    "configuration_runs",
    "map_values",
    "region_y_cutoff",
    "forced_values",
]

CONFIG_NAMES = {
    "WW": "WW (both wholesale)",
    "WA": "WA (major wholesale, niche agency)",
    "AW": "AW (major agency, niche wholesale)",
    "AA": "AA (both agency)",
}


def subgame_md() -> Md:
    """Stage 3's wholesale and retail prices in each configuration (``contracts.derive()``), as display maths."""
    deriv = contracts.derive()
    lines = []
    for config in contracts.CONFIGURATIONS:
        exprs = deriv.subgames[config]
        parts = [f"{sp.latex(sp.Symbol(k))} = {sp.latex(exprs[k])}" for k in ("w1", "w2", "p1", "p2") if k in exprs]
        lines.append(f"$$\n\\textbf{{{config}}}:\\quad " + ",\\quad ".join(parts) + "\n$$\n")
    return Md("\n".join(lines))


def thresholds_values(alpha: float, beta: float) -> dict[str, float]:
    """The four threshold royalties at one point, keyed ``th_r1W`` … ``th_r2A``."""
    return {f"th_{k}": float(v) for k, v in contracts.thresholds(alpha, beta).items()}


def pieces_table(alpha: float, beta: float) -> Md:
    """The exact stage-2 outcome on ``r in [0, 1]`` (``contracts.stage2_intervals``)."""
    rows = []
    for k, (lo, hi, sel) in enumerate(contracts.stage2_intervals(alpha, beta)):
        interval = f"[{lo:.4f}, {hi:.4f}]" if k == 0 else f"({lo:.4f}, {hi:.4f}]"
        rows.append((f"$r \\in$ {interval}", " and ".join(sel)))
    return Md(md_table(["royalty", "stage-2 configuration(s)"], rows))


def reach_values(alphas: np.ndarray, betas: np.ndarray) -> dict[str, float]:
    """Shares of the ``(alpha, beta)`` grid where some royalty induces WA, AW or the WA/AW band, and their edges."""
    reach = contracts.reachable_choices(alphas[:, None], betas[None, :])
    no_hybrid = ~reach["WA"] & (betas[None, :] > 0)
    coord_alpha = alphas[np.any(reach["WA/AW"], axis=1)]
    coord_beta = betas[np.any(reach["WA/AW"], axis=0)]
    return {
        "share_reach_wa": 100 * float(np.mean(reach["WA"])),
        "share_reach_aw": 100 * float(np.mean(reach["AW"])),
        "share_coord": 100 * float(np.mean(reach["WA/AW"])),
        "region1_alpha_min": float(alphas[np.any(no_hybrid, axis=1)].min()) if no_hybrid.any() else float("nan"),
        "coord_alpha_min": float(coord_alpha.min()) if coord_alpha.size else float("nan"),
        "coord_beta_min": float(coord_beta.min()) if coord_beta.size else float("nan"),
    }


def equilibrium_values(eq: Any, prefix: str = "eq") -> dict[str, Any]:
    """An equilibrium's configuration, royalty, platform profit and optimal-royalty set, keyed ``<prefix>_*``."""
    out = {
        f"{prefix}_contracts": CONFIG_NAMES[eq.contracts],
        f"{prefix}_royalty": float(eq.royalty),
        f"{prefix}_profit": float(eq.platform_profit),
        f"{prefix}_pi2": float(eq.supplier2_profit),
        f"{prefix}_range": (
            f"({eq.royalty_range[0]:.4f}, {eq.royalty_range[1]:.4f}]" if eq.platform_indifferent else "a single rate"
        ),
    }
    return out


def configuration_runs(alpha: float, betas: Sequence[float]) -> str:
    """The equilibrium configurations along ``betas`` at fixed ``alpha``, as runs "AA for β ∈ [a, b] → …"."""
    row = contracts.equilibrium_map([alpha], np.asarray(betas, dtype=float))
    runs: list[list[Any]] = []
    for k, b in zip(row.code[0], row.beta):
        if not runs or runs[-1][0] != k:
            runs.append([k, b, b])
        runs[-1][2] = b
    return " → ".join(f"{contracts.CONFIGURATIONS[k]} for β ∈ [{lo:.3f}, {hi:.3f}]" for k, lo, hi in runs)


def map_values(eq_map: Any, alphas: np.ndarray) -> dict[str, float]:
    """Shares of each configuration on the equilibrium map and the ranges of the optimal royalty."""
    code = {c: eq_map.code == k for k, c in enumerate(contracts.CONFIGURATIONS)}
    out = {f"share_{c}": 100 * eq_map.share(c) for c in contracts.CONFIGURATIONS}
    out.update(
        hybrid_alpha_min=float(alphas[np.any(code["WA"], axis=1)].min()),
        aa_r_min=float(eq_map.royalty[code["AA"]].min()),
        aa_r_max=float(eq_map.royalty[code["AA"]].max()),
        wa_r_min=float(eq_map.royalty[code["WA"]].min()),
        wa_r_max=float(eq_map.royalty[code["WA"]].max()),
        ww_lo_min=float(eq_map.royalty_lo[code["WW"]].min()),
        ambiguous=int(np.count_nonzero(eq_map.ambiguous)),
    )
    return out


def region_y_cutoff(beta: float = 0.0, iterations: int = 50) -> float:
    """Smallest ``alpha`` at which the extension's equilibrium is WA (region Y) at ``beta``, by bisection.

    Assumes one switch from AA (small ``alpha``) to WA in ``alpha in (0, 1]``;
    returns ``nan`` if WA does not occur there. At ``beta = 0`` the exact
    cut-off is ``1/sqrt(2)``.
    """
    wa = contracts.CONFIGURATIONS.index("WA")

    def is_y(a: float) -> bool:
        return int(contracts.equilibrium_map([a], [beta], niche_forced_agency=True).code[0, 0]) == wa

    lo, hi = 1e-6, 1.0
    if not is_y(hi):
        return float("nan")
    if is_y(lo):
        return lo
    for _ in range(iterations):
        mid = 0.5 * (lo + hi)
        lo, hi = (lo, mid) if is_y(mid) else (mid, hi)
    return hi


def forced_values(forced_map: Any, eq_map: Any) -> dict[str, float]:
    """The extension's regions X and Y, the cut-off at ``beta = 0`` and where the restriction costs the platform."""
    x_region = forced_map.code == contracts.CONFIGURATIONS.index("AA")
    gain = forced_map.platform_profit - eq_map.platform_profit
    return {
        "share_X": 100 * float(np.mean(x_region)),
        "share_Y": 100 * float(np.mean(~x_region)),
        "y_alpha_beta0": region_y_cutoff(0.0),
        "share_forced_loses": 100 * float(np.mean(gain < -1e-12 * eq_map.platform_profit)),
    }
