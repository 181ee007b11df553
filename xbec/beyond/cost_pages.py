"""The book's ``beyond_cost`` page: the cost measurements, their table and the part's closing note."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..errors import ModelDomainError
from ..model.horizontal import HorizontalParams, acceptable_lambda, centralized, revenue_sharing
from ..model.vertical import MAX_SHAPLEY_PLAYERS, VerticalParams
from ..replication.pages import Md
from ..replication.report import md_table
from . import allocation as al
from . import cost as ct
from .bands import dimensionless_groups
from .coordination import coordinating_acceptable_lambda
from .pages import band_closing_rho

__all__ = ["CostRun", "measure_costs", "cost_table_md", "cost_values", "closing_values"]


@dataclass(frozen=True)
class CostRun:
    """The four measurements of the cost chapter and the exponential fits of exact Shapley."""

    shapley: ct.CostMeasurement
    vectorised: ct.CostMeasurement
    raiffa: ct.CostMeasurement
    nucleolus: ct.CostMeasurement
    fit: ct.ExponentialFit
    fit_vectorised: ct.ExponentialFit


def measure_costs(
    shapley_n_max: int,
    vectorised_n_max: int,
    raiffa_ns: Sequence[int],
    nucleolus_n_max: int,
    fit_n_min: int,
    clock: Callable[[], float] = time.process_time,
) -> CostRun:
    """Time exact Shapley (callable and numpy worths), Raiffa and the nucleolus; fit Shapley's growth.

    Shapley is timed best of 3 up to ``n = 14`` and best of 2 above (the
    large ``n`` dominate the page's run time).
    """
    small = ct.measure_shapley_cost(range(2, min(shapley_n_max, 14) + 1), repeat=3, clock=clock)
    shap = small
    if shapley_n_max >= 15:
        large = ct.measure_shapley_cost(range(15, shapley_n_max + 1), repeat=2, clock=clock)
        shap = ct.CostMeasurement(
            small.rule,
            np.r_[small.n, large.n],
            np.r_[small.seconds, large.seconds],
            np.r_[small.evaluations, large.evaluations],
        )
    vec = ct.measure_shapley_cost(range(2, vectorised_n_max + 1), repeat=2, vectorised=True, clock=clock)
    ra = ct.measure_raiffa_cost(list(raiffa_ns), repeat=3, clock=clock)
    nu = ct.measure_nucleolus_cost(range(3, nucleolus_n_max + 1), clock=clock)
    return CostRun(
        shap, vec, ra, nu, ct.fit_cost_growth(shap, n_min=fit_n_min), ct.fit_cost_growth(vec, n_min=fit_n_min)
    )


def cost_table_md(run: CostRun) -> Md:
    """Evaluations and CPU seconds per ``n`` for every rule, then Raiffa for large alliances."""
    by_n: dict[int, dict[str, tuple[int, float]]] = {}
    for m in (run.shapley, run.vectorised, run.raiffa, run.nucleolus):
        for n, e, secs in zip(m.n, m.evaluations, m.seconds):
            by_n.setdefault(int(n), {})[m.rule] = (int(e), float(secs))

    def cell(n: int, m: ct.CostMeasurement, what: str) -> str:
        if m.rule not in by_n.get(n, {}):
            return "–"
        e, secs = by_n[n][m.rule]
        return f"{e:,}" if what == "e" else f"{secs:.2g}"

    top = max(int(run.shapley.n.max()), int(run.vectorised.n.max()))
    rows = [
        (
            n,
            cell(n, run.vectorised, "e"),
            cell(n, run.shapley, "s"),
            cell(n, run.vectorised, "s"),
            cell(n, run.nucleolus, "s"),
            cell(n, run.raiffa, "e"),
            cell(n, run.raiffa, "s"),
        )
        for n in sorted(k for k in by_n if k <= top)
    ]
    big = [
        (f"{n:,}", f"{e:,}", f"{secs:.2g}")
        for n, e, secs in zip(run.raiffa.n, run.raiffa.evaluations, run.raiffa.seconds)
        if n > 20
    ]
    return Md(
        md_table(
            [
                "n",
                "Shapley: evaluations",
                "Shapley s",
                "Shapley, numpy worths s",
                "nucleolus s",
                "Raiffa: evaluations",
                "Raiffa s",
            ],
            rows,
        )
        + "\nRaiffa for large alliances:\n\n"
        + md_table(["n", "evaluations", "CPU s"], big)
    )


def cost_values(run: CostRun, fit_n_min: int) -> dict[str, Any]:
    """The numbers the cost chapter quotes (growth factors, crossing ``n``, times at ``n = 4``)."""
    shap, vec, ra = run.shapley, run.vectorised, run.raiffa
    n_max = int(shap.n.max())
    i4 = list(shap.n).index(4)
    j4 = list(ra.n).index(4) if 4 in ra.n else 0
    j_max = int(np.argmax(ra.n))
    return {
        "fit_slope": run.fit.slope,
        "fit_factor": 2**run.fit.slope,
        "fit_vec_factor": 2**run.fit_vectorised.slope,
        "n_1s": run.fit.n_for(1.0),
        "n_60s": run.fit.n_for(60.0),
        "n_1h": run.fit.n_for(3600.0),
        "n_vec_60s": run.fit_vectorised.n_for(60.0),
        "shapley_n_max": n_max,
        "shapley_t_max": float(shap.seconds[-1]),
        "vec_speedup": float(shap.seconds[-1] / vec.seconds[list(vec.n).index(n_max)]),
        "fit_n_min": int(fit_n_min),
        "shapley_t4_us": 1e6 * float(shap.seconds[i4]),
        "raiffa_t4_us": 1e6 * float(ra.seconds[j4]),
        "raiffa_n_max": int(ra.n[j_max]),
        "raiffa_t_max_ms": 1e3 * float(ra.seconds[j_max]),
        "max_players": int(MAX_SHAPLEY_PLAYERS),
        "max_players_mib": float(2**MAX_SHAPLEY_PLAYERS * 8 / 2**20),
        "n_1s_kind": "within" if run.fit.n_for(1.0) <= n_max else "beyond",
    }


def _or_nan(fn: Callable[[], Any]) -> Any:
    try:
        return fn()
    except ModelDomainError:
        return None


def closing_values(params: HorizontalParams, vparams: VerticalParams, lam: float = 0.8) -> dict[str, Any]:
    """One number per finding of the "beyond" part, recomputed (keys ``cn_*``).

    Values that do not exist at ``params`` (an empty band, a contract
    undefined at ``lam``) are ``nan``; ``cn_band_md`` names the band or says
    it is empty.
    """
    nan = float("nan")
    band = _or_nan(lambda: acceptable_lambda(params))
    rho0, kappa0 = dimensionless_groups(params)
    cen, rs = centralized(params), _or_nan(lambda: revenue_sharing(params, lam))
    co_band = _or_nan(lambda: coordinating_acceptable_lambda(params))
    limits = al.core_limits(float(rs.pi_platform), vparams.mu, vparams.F) if rs is not None else None
    lam_core = _or_nan(lambda: al.core_nonempty_lambda(params, vparams.mu))
    return {
        "cn_band_md": Md(f"the band $({band.lo:.4f}, {band.hi:.4f})$" if band is not None else "no acceptable share"),
        "cn_rho_star": band_closing_rho(kappa0),
        "cn_rho0": rho0,
        "cn_gap": cen.pi_total - rs.pi_total if rs is not None else nan,
        "cn_s_rs": rs.s if rs is not None else nan,
        "cn_s2": cen.s,
        "cn_pi": cen.pi_total,
        "cn_co_lo": co_band.lo if co_band is not None else nan,
        "cn_co_hi": co_band.hi if co_band is not None else nan,
        "cn_lam_core": lam_core if lam_core is not None else nan,
        **{
            f"cn_t_{key}": limits[al.RULES[k]][1] if limits is not None else nan
            for key, k in (("r", 0), ("ir", 1), ("sh", 2), ("nu", 3))
        },
        "cn_lam": float(lam),
    }
