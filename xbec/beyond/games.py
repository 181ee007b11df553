"""Beyond the paper, 3a: cooperative games on the vertical alliance: core, least core, nucleolus.

Coalitions are bitmasks over members ``0..n-1`` (bit ``i`` set = member ``i``
in the coalition), as in :func:`xbec.shapley`; member 1 of the paper is 0 here.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .. import _validate as v
from ..errors import ModelDomainError
from ..model.vertical import MAX_SHAPLEY_PLAYERS, coalition_table, proper_coalitions

# -- 3. Allocation rules compared on the vertical alliance


def vertical_game(V: float, mu: Sequence[float], *, pair_factor: float = 0.5, singleton: float = 0.0) -> np.ndarray:
    """The vertical alliance as a TU game, completed by an explicit assumption.

    The paper gives only ``v(N) = V`` and ``v(N \\ {i}) = mu_i`` (§5.2). The
    other coalitions are **assumed**:

    * ``v({i}) = singleton`` (default 0: no member sells cross-border alone —
      the platform has no logistics, a logistics firm has no shop);
    * for ``2 <= |S| <= n - 2``: ``v(S) = pair_factor * min{mu_k : k not in S}``,
      i.e. a share ``pair_factor`` in ``[0, 1]`` of the worth of the weakest
      ``(n-1)``-coalition containing ``S``. ``pair_factor = 1`` is the largest
      value keeping ``v`` monotone, ``0`` makes the small coalitions worthless.

    For ``n = 4`` the second rule gives the six pairs. Returns the ``2**n``
    worths indexed by bitmask (``v(empty) = 0``). Raises
    :class:`~xbec.errors.ModelDomainError` for ``n < 3``, ``pair_factor``
    outside ``[0, 1]``, negative ``singleton`` or a non-finite value.
    """
    mu_arr = v.vector("mu", mu, min_len=3)
    V = v.finite_real("V", V)
    t = v.scalar("pair_factor", v.interval("pair_factor", v.finite_real("pair_factor", pair_factor), 0.0, 1.0))
    single = v.non_negative("singleton", singleton)
    n = mu_arr.size
    if n > MAX_SHAPLEY_PLAYERS:
        raise ModelDomainError(f"mu: n={n} members; at most {MAX_SHAPLEY_PLAYERS}")
    size = 1 << n
    masks = np.arange(size, dtype=np.int64)
    k = np.bitwise_count(masks).astype(np.int64)
    table = np.zeros(size)
    # min of mu over the members outside S
    outside_min = np.full(size, np.inf)
    for i in range(n):
        out = (masks >> i & 1) == 0
        outside_min[out] = np.minimum(outside_min[out], mu_arr[i])
    mid = (k >= 2) & (k <= n - 2)
    table[mid] = t * outside_min[mid]
    table[k == 1] = single
    full = size - 1
    for i in range(n):
        table[full ^ (1 << i)] = mu_arr[i]
    table[full] = V
    return table


def excesses(table: np.ndarray, x) -> np.ndarray:
    """Excess ``x(S) - v(S)`` of every coalition (bitmask-indexed, ``table`` as above)."""
    x = v.vector("x", x, min_len=1)
    n = x.size
    if table.shape != (1 << n,):
        raise ModelDomainError(f"table: need shape ({1 << n},) for n={n} (got {table.shape})")
    masks = np.arange(1 << n, dtype=np.int64)
    bits = (masks[:, None] >> np.arange(n)) & 1
    with np.errstate(over="ignore", invalid="ignore"):
        e = bits @ x - table
    return np.asarray(v.finite_result("x(S) - v(S)", e, {"x": x, "worth": table}))


@dataclass(frozen=True)
class CoreCheck:
    """Is an allocation in the core? ``x(N) = v(N)`` and ``x(S) >= v(S)`` for all ``S``."""

    in_core: bool
    efficient: bool  #: ``|x(N) - v(N)| <= tol``
    #: smallest ``x(S) - v(S)`` over proper non-empty coalitions (negative: some coalition would rather leave)
    min_excess: float
    worst_coalition: tuple[int, ...]  #: a coalition attaining ``min_excess`` (0-based members)
    violated: tuple[tuple[int, ...], ...]  #: every coalition with ``x(S) < v(S) - tol``


def _members(mask: int, n: int) -> tuple[int, ...]:
    return tuple(i for i in range(n) if mask >> i & 1)


def core_check(n: int, worth, x, *, tol: float = 1e-9) -> CoreCheck:
    """Check core membership of the allocation ``x`` in the game ``(n, worth)``.

    ``tol`` is absolute, in the units of the worths (scale it with them).
    """
    table = coalition_table(n, worth)
    x = v.vector("x", x, min_len=1)
    if x.size != n:
        raise ModelDomainError(f"x has {x.size} entries for n={n} players")
    tol = v.non_negative("tol", tol)
    e = excesses(table, x)
    full = (1 << n) - 1
    proper = e[1:full]
    if proper.size:
        j = int(np.argmin(proper)) + 1
        min_excess, worst = float(e[j]), _members(j, n)
    else:
        min_excess, worst = math.inf, ()
    violated = tuple(_members(int(m), n) for m in np.flatnonzero(e[1:full] < -tol) + 1)
    efficient = abs(float(e[full])) <= tol
    return CoreCheck(efficient and not violated, efficient, min_excess, worst, violated)


def solve_lp(c, A_ub, b_ub, A_eq, b_eq, bounds, *, infeasible_ok: bool = False):
    """Solve a linear programme with scipy's HiGHS; raise :class:`ModelDomainError` when it fails.

    With ``infeasible_ok`` an infeasible programme returns ``None`` instead.
    """
    from scipy.optimize import linprog

    res = linprog(c, A_ub=A_ub, b_ub=b_ub, A_eq=A_eq, b_eq=b_eq, bounds=bounds, method="highs")
    if res.status == 2 and infeasible_ok:
        return None
    if res.status != 0:
        raise ModelDomainError(f"linear programme failed: {res.message}")
    return res


def least_core_epsilon(n: int, worth) -> float:
    """Smallest ``eps`` such that some efficient ``x`` has ``x(S) >= v(S) - eps`` for all proper ``S``.

    The core is non-empty iff ``least_core_epsilon <= 0`` (LP with scipy/HiGHS).
    """
    table = coalition_table(n, worth)
    if n == 1:
        return -math.inf
    scale = float(np.max(np.abs(table)))
    if scale > 1.0:  # the LP on worths of order 1 (HiGHS' tolerances are absolute); eps scales with v
        return scale * least_core_epsilon(n, table / scale)
    full, masks, bits = proper_coalitions(n)
    # variables (x, eps); minimise eps s.t. -x(S) - eps <= -v(S), x(N) = v(N)
    A_ub, A_eq = np.hstack([-bits, -np.ones((bits.shape[0], 1))]), np.r_[np.ones(n), 0.0][None, :]
    res = solve_lp(np.r_[np.zeros(n), 1.0], A_ub, -table[masks], A_eq, [table[full]], [(None, None)] * (n + 1))
    return float(res.x[-1])


def nucleolus(n: int, worth, *, imputations: bool = True, tol: float = 1e-9) -> np.ndarray:
    """The nucleolus of a TU game, by sequential linear programmes (scipy HiGHS).

    The nucleolus lexicographically maximises the sorted vector of excesses
    ``x(S) - v(S)`` over efficient allocations (imputations, ``x_i >= v({i})``,
    when ``imputations``; otherwise the pre-nucleolus). Round ``k`` maximises
    the smallest excess ``eps`` over the coalitions not yet fixed; every
    coalition whose excess cannot rise above ``eps`` without lowering another
    (checked by one LP per tight coalition) is fixed at ``eps``; coalitions
    whose indicator lies in the span of fixed ones drop out. It stops when the
    fixed coalitions determine ``x`` (Maschler, Peleg & Shapley 1979).

    ``1 <= n <= 12`` (``2**n`` constraints per LP); ``worth`` as in
    :func:`xbec.shapley`; ``tol`` is the relative tolerance for "tight",
    scaled by the largest worth. The result sums to ``v(N)``. Raises
    :class:`~xbec.errors.ModelDomainError` for ``n`` out of range or, with
    ``imputations``, when no imputation exists (``sum v({i}) > v(N)``).
    """
    n = v.integer("n", n, lo=1, hi=12)  # the LPs have 2**n constraints
    imputations = v.flag("imputations", imputations)
    tol = v.non_negative("tol", tol)
    table = coalition_table(n, worth)
    full, masks, bits = proper_coalitions(n)
    if n == 1:
        return np.array([table[full]])
    singles = np.array([table[1 << i] for i in range(n)])
    if imputations and singles.sum() > table[full] + tol * max(1.0, abs(table[full])):
        raise ModelDomainError(f"v: sum of v({{i}}) = {singles.sum():g} > v(N) = {table[full]:g}: no imputation exists")
    scale = float(np.max(np.abs(table)))
    if scale > 1.0:  # the LPs on worths of order 1 (HiGHS' tolerances are absolute); x scales with v
        return scale * nucleolus(n, table / scale, imputations=imputations, tol=tol)
    atol = tol
    vals = table[masks]
    bounds = [(singles[i], None) if imputations else (None, None) for i in range(n)] + [(None, None)]
    eq_rows = [np.ones(n)]
    eq_vals = [table[full]]
    free = np.ones(masks.size, dtype=bool)
    x = None
    for _ in range(masks.size + 1):
        A_eq = np.hstack([np.array(eq_rows), np.zeros((len(eq_rows), 1))])
        # maximise eps s.t. x(S) - v(S) >= eps for free S
        A_ub = np.hstack([-bits[free], np.ones((int(free.sum()), 1))])
        res = solve_lp(np.r_[np.zeros(n), -1.0], A_ub, -vals[free], A_eq, eq_vals, bounds)
        eps = float(res.x[-1])
        x = res.x[:n]
        slack = bits[free] @ x - vals[free] - eps
        tight = np.flatnonzero(free)[slack <= atol]
        newly_fixed = []
        for j in tight:
            # can S_j's excess exceed eps while every free excess stays >= eps?
            A_ub_eps = np.hstack([-bits[free], np.zeros((int(free.sum()), 1))])
            b_ub_eps = -(vals[free] + eps)
            r = solve_lp(np.r_[-bits[j], 0.0], A_ub_eps, b_ub_eps, A_eq, eq_vals, bounds)
            if -r.fun - vals[j] <= eps + atol:
                newly_fixed.append(j)
        if not newly_fixed:  # numerically degenerate: fix every tight coalition
            newly_fixed = list(tight)
        for j in newly_fixed:
            eq_rows.append(bits[j])
            eq_vals.append(vals[j] + eps)
            free[j] = False
        rows = np.array(eq_rows)
        rank = np.linalg.matrix_rank(rows)
        if rank >= n:
            break
        # drop coalitions whose excess is already determined by the fixed ones
        for j in np.flatnonzero(free):
            if np.linalg.matrix_rank(np.vstack([rows, bits[j]])) == rank:
                free[j] = False
        if not free.any():
            break
    # the final x solves the equalities; recompute it exactly when determined
    rows = np.array(eq_rows)
    if np.linalg.matrix_rank(rows) >= n:
        x = np.linalg.lstsq(rows, np.array(eq_vals), rcond=None)[0]
    return np.asarray(x, dtype=float)
