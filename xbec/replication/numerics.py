"""Numerical simulation (paper §5): Tables 1 and 2 and the vertical λ band.

Tables are returned as plain ``dict[str, numpy.ndarray]`` (column name ->
values), so no dataframe library is needed; :func:`to_markdown` and
:func:`to_csv` write them.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Mapping
from dataclasses import fields

import numpy as np
from numpy.typing import ArrayLike

from .. import _validate as v
from ..errors import ModelDomainError
from ..model.horizontal import (
    HorizontalParams,
    LambdaBand,
    band_conditions,
    decentralized,
    revenue_sharing,
    solve_band,
)
from ..model.vertical import VerticalParams, allocate
from . import paper

__all__ = [
    "lambda_grid",
    "grid_ends",
    "table1",
    "table2",
    "decentralized_allocation",
    "printed_decentralized_allocation",
    "vertical_floor",
    "vertical_acceptable_lambda",
    "to_markdown",
    "to_csv",
]

Table = dict[str, np.ndarray]


def lambda_grid(lam_min: float = 0.71, lam_max: float = 0.88, lam_step: float = 0.01) -> np.ndarray:
    """Grid ``lam_min, lam_min + step, ...`` up to and including ``lam_max``.

    Values are rounded to 12 decimals so that 0.71 + 7*0.01 prints as 0.78.

    Raises
    ------
    ModelDomainError
        ``lam_step <= 0``, ``lam_min > lam_max``, or the ends outside ``(0, 1]``.
    """
    lo, hi = v.finite_real("lam_min", lam_min), v.finite_real("lam_max", lam_max)
    step = v.positive("lam_step", lam_step)
    v.share("lam_min", lo)
    v.share("lam_max", hi)
    if lo > hi:
        raise ModelDomainError(f"lam_min={lo:g} > lam_max={hi:g}: need lam_min <= lam_max")
    count = int(np.floor((hi - lo) / step + 1e-9)) + 1
    return np.round(lo + step * np.arange(count), 12)


def grid_ends(band: tuple[float, float], step: float = 0.01) -> tuple[float, float]:
    """First and last points of the grid ``step * k`` inside the interval ``band``.

    This is how the paper reports a band: ``(0.70937, 0.88604)`` on a 0.01 grid
    is "0.71 <= lambda <= 0.88". Ends within ``1e-9`` of a grid point count as
    that point.
    """
    lo, hi = band
    step = v.positive("step", step)
    first = math.ceil(lo / step - 1e-9) * step
    last = math.floor(hi / step + 1e-9) * step
    return round(first, 12), round(last, 12)


def table1(params: HorizontalParams, lam) -> Table:
    """Table 1: revenue-sharing outcome of the horizontal alliance for each ``lam``.

    Columns ``lambda, p, w, s, demand, pi_platform, pi_manufacturer, pi_total``.
    """
    lam = np.atleast_1d(v.share("lam", lam))
    r = revenue_sharing(params, lam)
    return {"lambda": lam, **{f.name: getattr(r, f.name) for f in fields(r) if f.name != "lam"}}


def table2(params: HorizontalParams, vparams: VerticalParams, lam) -> Table:
    """Table 2: improved-Raiffa allocation of ``V(N) = pi1(lam)`` for each ``lam``.

    Columns ``lambda, V, x1 .. xn`` (members numbered from 1 as in the paper).
    """
    lam = np.atleast_1d(v.share("lam", lam))
    V = revenue_sharing(params, lam).pi_platform
    x = allocate(vparams, V)
    out: Table = {"lambda": lam, "V": np.asarray(V)}
    out.update({f"x{i + 1}": x[:, i] for i in range(vparams.n)})
    return out


def decentralized_allocation(params: HorizontalParams, vparams: VerticalParams) -> np.ndarray:
    """Improved-Raiffa allocation of ``V(N) = pi1*``, the decentralised profit (§5.2)."""
    return allocate(vparams, decentralized(params).pi_platform)


def printed_decentralized_allocation() -> np.ndarray:
    """§5.2's *printed* decentralised allocation ``x_1 .. x_4``: the paper's digits as numbers.

    A comparison target only (the ledger explains why it is not reproduced);
    :func:`decentralized_allocation` is the one computed from §5.2's inputs.
    """
    P = paper.SECTION_5_2_DECENTRALIZED
    return np.array([paper.value(P[f"x{i + 1}"]) for i in range(sum(k.startswith("x") for k in P))])


def vertical_floor(vparams: VerticalParams, baseline: ArrayLike) -> float:
    """Smallest ``V(N)`` at which every member gets more than ``baseline``.

    Member ``i`` receives ``F_i V + d_i`` (eq 15), increasing in ``V`` when
    ``F_i > 0``; the floor is ``max_i (baseline_i - d_i) / F_i``.
    """
    base = v.vector("baseline", baseline)
    if base.size != vparams.n:
        raise ModelDomainError(f"baseline has {base.size} entries for {vparams.n} members")
    F = vparams.F
    if np.any(F <= 0):
        raise ModelDomainError(f"F={F.tolist()}: every member needs a positive service share")
    d = allocate(vparams, 0.0)
    return float(np.max((base - d) / F))


def vertical_acceptable_lambda(
    params: HorizontalParams, vparams: VerticalParams, baseline: ArrayLike | None = None
) -> LambdaBand:
    """Open λ band acceptable to the horizontal *and* the vertical alliance (§5.2).

    The horizontal conditions of :func:`xbec.acceptable_lambda` plus: every
    vertical member's improved-Raiffa share of ``pi1(lam)`` exceeds its share
    under decentralised decision-making. ``baseline`` defaults to
    :func:`decentralized_allocation`; pass another baseline (e.g. the paper's
    printed allocation) to see what it implies.
    """
    if baseline is None:
        baseline = decentralized_allocation(params, vparams)
    floor = vertical_floor(vparams, baseline)
    return solve_band(params, band_conditions(params, platform_floor=floor))


def to_markdown(table: Mapping[str, np.ndarray], digits: int = 2) -> str:
    """A GitHub-style markdown table; floats rounded to ``digits`` decimals."""
    cols = list(table)
    rows = zip(*(np.atleast_1d(table[c]) for c in cols))
    lines = ["| " + " | ".join(cols) + " |", "|" + "---:|" * len(cols)]
    for row in rows:
        lines.append("| " + " | ".join(f"{x:.{digits}f}" for x in row) + " |")
    return "\n".join(lines) + "\n"


def to_csv(table: Mapping[str, np.ndarray]) -> str:
    """CSV text with a header row; full float precision."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    cols = list(table)
    writer.writerow(cols)
    for row in zip(*(np.atleast_1d(table[c]) for c in cols)):
        writer.writerow([repr(float(x)) for x in row])
    return buf.getvalue()
