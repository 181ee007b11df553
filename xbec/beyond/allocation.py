"""Beyond the paper, 3b: allocation rules compared on the vertical alliance (§4–5.2)."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np
from numpy.typing import ArrayLike

from .. import _validate as v
from ..errors import ModelDomainError
from ..model.horizontal import HorizontalParams, LambdaBand, band_conditions, solve_band
from ..model.vertical import improved_raiffa, proper_coalitions, raiffa, shapley
from .games import CoreCheck, core_check, excesses, least_core_epsilon, nucleolus, solve_lp, vertical_game


@dataclass(frozen=True)
class AllocationComparison:
    """Four allocation rules on one vertical game, with their core checks.

    ``allocations`` and ``core`` map a rule name (``"Raiffa (eq 13)"``,
    ``"improved Raiffa (eq 15)"``, ``"Shapley"``, ``"nucleolus"``) to its
    allocation (0-based members) and :class:`CoreCheck`.
    """

    V: float
    mu: tuple[float, ...]
    F: tuple[float, ...]
    pair_factor: float
    singleton: float
    table: np.ndarray
    allocations: Mapping[str, np.ndarray]
    core: Mapping[str, CoreCheck]
    least_core_epsilon: float

    @property
    def core_nonempty(self) -> bool:
        """True when the least-core epsilon is numerically zero, i.e. the core is not empty."""
        return self.least_core_epsilon <= 1e-9 * max(1.0, abs(self.V))


RULES = ("Raiffa (eq 13)", "improved Raiffa (eq 15)", "Shapley", "nucleolus")


def compare_allocations(
    V: float, mu: Sequence[float], F: Sequence[float], *, pair_factor: float = 0.5, singleton: float = 0.0
) -> AllocationComparison:
    """Raiffa, improved Raiffa, Shapley and nucleolus on :func:`vertical_game`.

    ``V`` is ``V(N)`` (e.g. ``pi1(lam)`` of the revenue-sharing contract,
    §5.2), ``mu`` the ``V(N \\ {i})``, ``F`` the service shares of eq (14);
    ``pair_factor`` and ``singleton`` the assumed worths of the smaller
    coalitions (see :func:`vertical_game`).
    """
    table = vertical_game(V, mu, pair_factor=pair_factor, singleton=singleton)
    n = len(mu)
    alloc = {r: _rule_allocation(r, V, mu, F, table) for r in RULES}
    core = {k: core_check(n, table, x, tol=1e-7 * max(1.0, abs(float(V)))) for k, x in alloc.items()}
    game = (float(V), tuple(map(float, mu)), tuple(map(float, F)), float(pair_factor), float(singleton), table)
    return AllocationComparison(*game, MappingProxyType(alloc), MappingProxyType(core), least_core_epsilon(n, table))


@dataclass(frozen=True)
class AllocationSensitivity:
    """Allocations and core membership as the assumed pair worths vary.

    ``allocations[rule]`` has shape ``(len(pair_factors), n)``;
    ``in_core[rule]`` and ``least_core_epsilon`` have shape
    ``(len(pair_factors),)``.
    """

    pair_factors: np.ndarray
    allocations: Mapping[str, np.ndarray]
    in_core: Mapping[str, np.ndarray]
    least_core_epsilon: np.ndarray


def allocation_sensitivity(
    V: float, mu: Sequence[float], F: Sequence[float], pair_factors, *, singleton: float = 0.0
) -> AllocationSensitivity:
    """:func:`compare_allocations` for each assumed ``pair_factor``."""
    ts = v.vector("pair_factors", pair_factors, min_len=1)
    comps = [compare_allocations(V, mu, F, pair_factor=float(t), singleton=singleton) for t in ts]
    return AllocationSensitivity(
        pair_factors=ts,
        allocations=MappingProxyType({r: np.array([c.allocations[r] for c in comps]) for r in RULES}),
        in_core=MappingProxyType({r: np.array([c.core[r].in_core for c in comps]) for r in RULES}),
        least_core_epsilon=np.array([c.least_core_epsilon for c in comps]),
    )


def core_nonempty_pair_factor_limit(V: float, mu: Sequence[float], *, singleton: float = 0.0) -> float:
    """Largest ``pair_factor`` in ``[0, 1]`` for which :func:`vertical_game` has a non-empty core.

    One linear programme in ``(x, t)``: maximise ``t`` subject to
    ``x(S) >= t m(S)`` for the middle coalitions, ``x(S) >= v(S)`` for the
    others and ``x(N) = V`` (scipy HiGHS). ``nan`` when the core is empty even
    for ``pair_factor = 0``.
    """
    base = vertical_game(V, mu, pair_factor=0.0, singleton=singleton)
    one = vertical_game(V, mu, pair_factor=1.0, singleton=singleton)
    n = len(mu)
    full, masks, bits = proper_coalitions(n)
    k = np.bitwise_count(masks)
    mid = (k >= 2) & (k <= n - 2)
    m = np.where(mid, one[masks], 0.0)
    # -x(S) + t m(S) <= -v0(S)  (v0 = worths at factor 0: 0 for the middle coalitions)
    A_ub, A_eq = np.hstack([-bits, m[:, None]]), np.r_[np.ones(n), 0.0][None, :]
    bounds = [(None, None)] * n + [(0.0, 1.0)]
    res = solve_lp(np.r_[np.zeros(n), -1.0], A_ub, -base[masks], A_eq, [base[full]], bounds, infeasible_ok=True)
    return math.nan if res is None else float(res.x[-1])  # infeasible: empty core already at factor 0


def core_limits(
    V: float, mu: Sequence[float], F: ArrayLike, *, singleton: float = 0.0
) -> dict[str, tuple[float, float]]:
    """For each rule, the interval of assumed pair factors ``t`` in ``[0, 1]`` where it is in the core.

    Exact, no grid: Raiffa and improved Raiffa do not depend on ``t``; the
    Shapley value is linear in the worths, so it is affine in ``t``, and so are
    all excesses ``x(S) - v_t(S)`` — each core constraint holds on a half-line
    of ``t``. The nucleolus is in the core exactly when the core is non-empty,
    i.e. on ``[0, t*]`` with ``t*`` from :func:`core_nonempty_pair_factor_limit`.
    Rule name -> ``(lo, hi)``; ``(nan, nan)`` if the rule is never in the core.
    """
    g0 = vertical_game(V, mu, pair_factor=0.0, singleton=singleton)
    g1 = vertical_game(V, mu, pair_factor=1.0, singleton=singleton)
    n = len(mu)
    tol = 1e-9 * max(1.0, abs(float(V)))
    allocs = {r: (_rule_allocation(r, V, mu, F, g0), _rule_allocation(r, V, mu, F, g1)) for r in RULES[:3]}
    out: dict[str, tuple[float, float]] = {}
    full = (1 << n) - 1
    for rule, (x0, x1) in allocs.items():
        e0 = excesses(g0, x0)[1:full]
        e1 = excesses(g1, x1)[1:full]
        slope = e1 - e0
        # e0 + t * slope >= -tol
        with np.errstate(divide="ignore", invalid="ignore"):
            bound = (-tol - e0) / slope
        if np.any((slope == 0) & (e0 < -tol)):
            out[rule] = (math.nan, math.nan)
            continue
        lo, hi = float(np.max(bound[slope > 0], initial=0.0)), float(np.min(bound[slope < 0], initial=1.0))
        out[rule] = (lo, hi) if lo <= hi else (math.nan, math.nan)
    t_star = core_nonempty_pair_factor_limit(V, mu, singleton=singleton)
    out[RULES[3]] = (0.0, t_star) if np.isfinite(t_star) else (math.nan, math.nan)
    return out


def core_min_grand_worth(mu: Sequence[float], *, pair_factor: float = 0.0, singleton: float = 0.0) -> float:
    """Smallest ``V(N)`` for which :func:`vertical_game` has a non-empty core.

    ``min sum(x)`` subject to ``x(S) >= v(S)`` for every proper coalition (LP);
    the core is non-empty iff ``V(N)`` is at least this. With worthless pairs
    and singletons it is ``max(sum(mu) / (n - 1), ...)``: the sum of the
    Raiffa lower limits of eq (11).
    """
    table = vertical_game(0.0, mu, pair_factor=pair_factor, singleton=singleton)
    n = len(mu)
    full, masks, bits = proper_coalitions(n)
    res = solve_lp(np.ones(n), -bits, -table[masks], None, None, [(None, None)] * n)
    return float(res.fun)


def core_nonempty_lambda(
    params: HorizontalParams, mu: Sequence[float], *, pair_factor: float = 0.0, singleton: float = 0.0
) -> float:
    """Smallest revenue share ``lam`` at which the vertical game with ``V(N) = pi1(lam)`` has a non-empty core.

    Solves ``pi1(lam) > core_min_grand_worth(...)`` exactly (a quadratic in
    ``lam`` after multiplying by ``delta(lam)^2``, as for the band). Raises
    :class:`~xbec.errors.ModelDomainError` if ``pi1(lam)`` stays below the
    required worth for every ``lam`` in ``(0, 1]``.
    """
    floor = core_min_grand_worth(mu, pair_factor=pair_factor, singleton=singleton)
    polys = band_conditions(params, platform_floor=floor)
    keep = {k: polys[k] for k in ("pi1(lam) > floor", "demand > 0")}
    return float(solve_band(params, keep).lo)


def _rule_allocation(rule: str, V: float, mu, F, table: np.ndarray) -> np.ndarray:
    if rule == RULES[0]:
        return np.asarray(raiffa(V, mu), float)
    if rule == RULES[1]:
        return np.asarray(improved_raiffa(V, mu, F), float)
    if rule == RULES[2]:
        return shapley(len(mu), table)
    if rule == RULES[3]:
        return nucleolus(len(mu), table)
    raise ModelDomainError(f"rule={rule!r}: must be one of {RULES}")


def core_worth_interval(
    mu: Sequence[float], F: Sequence[float], rule: str, *, pair_factor: float = 0.0, singleton: float = 0.0
) -> tuple[float, float]:
    """Interval of ``V(N)`` on which ``rule``'s allocation is in the core of :func:`vertical_game`.

    Exact: Raiffa, improved Raiffa and Shapley allocations are affine in
    ``V(N)`` and the other worths do not depend on it, so each core constraint
    holds on a half-line of ``V``; the nucleolus is in the core iff the core
    is non-empty, i.e. for ``V >= core_min_grand_worth``. ``hi`` may be
    ``inf``; ``(nan, nan)`` if the rule is never in the core.
    """
    if rule == RULES[3]:
        return core_min_grand_worth(mu, pair_factor=pair_factor, singleton=singleton), math.inf
    n = len(mu)
    full = (1 << n) - 1
    g0 = vertical_game(0.0, mu, pair_factor=pair_factor, singleton=singleton)
    g1 = vertical_game(1.0, mu, pair_factor=pair_factor, singleton=singleton)
    x0 = _rule_allocation(rule, 0.0, mu, F, g0)
    x1 = _rule_allocation(rule, 1.0, mu, F, g1)
    e0 = excesses(g0, x0)[1:full]
    slope = excesses(g0, x1 - x0)[1:full] + g0[1:full]  # d/dV of x(S)
    scale = max(1.0, float(np.max(np.abs(g0))))
    tol = 1e-9 * scale
    if np.any((np.abs(slope) <= 1e-15) & (e0 < -tol)):
        return math.nan, math.nan
    with np.errstate(divide="ignore", invalid="ignore"):
        bound = -e0 / slope
    lo, hi = (
        float(np.max(bound[slope > 1e-15], initial=-math.inf)),
        float(np.min(bound[slope < -1e-15], initial=math.inf)),
    )
    return (lo, hi) if lo <= hi else (math.nan, math.nan)


def core_lambda_interval(
    params: HorizontalParams,
    mu: Sequence[float],
    F: Sequence[float],
    rule: str,
    *,
    pair_factor: float = 0.0,
    singleton: float = 0.0,
) -> LambdaBand:
    """Revenue shares ``lam`` at which ``rule`` allocates ``V(N) = pi1(lam)`` inside the core.

    :func:`core_worth_interval` mapped through the paper's ``pi1(lam)`` (eq 7,
    exactly: quadratic conditions after multiplying by ``delta(lam)^2``).
    Raises :class:`~xbec.errors.ModelDomainError` if no ``lam`` in ``(0, 1]``
    puts the rule's allocation in the core.
    """
    lo, hi = core_worth_interval(mu, F, rule, pair_factor=pair_factor, singleton=singleton)
    if math.isnan(lo):
        raise ModelDomainError(f"rule={rule!r}: never in the core of this game (pair_factor={pair_factor:g})")
    polys = {"demand > 0": band_conditions(params)["demand > 0"]}
    if np.isfinite(lo):
        polys["pi1(lam) > V_lo"] = band_conditions(params, platform_floor=lo)["pi1(lam) > floor"]
    if np.isfinite(hi):
        polys["pi1(lam) < V_hi"] = -band_conditions(params, platform_floor=hi)["pi1(lam) > floor"]
    return solve_band(params, polys)


@dataclass(frozen=True)
class CoreLambdaBounds:
    """:func:`core_lambda_interval` for each rule and assumed pair factor.

    ``lo[rule]`` and ``hi[rule]`` have shape ``(len(pair_factors),)``; ``nan``
    where no ``lam`` in ``(0, 1]`` puts the rule in the core.
    """

    pair_factors: np.ndarray
    lo: Mapping[str, np.ndarray]
    hi: Mapping[str, np.ndarray]


def core_lambda_bounds(
    params: HorizontalParams, mu: Sequence[float], F: Sequence[float], pair_factors, *, singleton: float = 0.0
) -> CoreLambdaBounds:
    """The revenue shares at which each rule is in the core, as the assumed pair worths vary."""
    ts = v.vector("pair_factors", pair_factors, min_len=1)
    lo = {r: np.full(ts.size, np.nan) for r in RULES}
    hi = {r: np.full(ts.size, np.nan) for r in RULES}
    for k, t in enumerate(ts):
        for r in RULES:
            try:
                band = core_lambda_interval(params, mu, F, r, pair_factor=float(t), singleton=singleton)
            except ModelDomainError:
                continue
            lo[r][k], hi[r][k] = band.lo, band.hi
    return CoreLambdaBounds(ts, MappingProxyType(lo), MappingProxyType(hi))
