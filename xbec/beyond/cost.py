"""Beyond the paper, 4: the cost argument of §4, measured (Shapley vs Raiffa vs nucleolus)."""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from .. import _validate as v
from ..errors import ModelDomainError
from ..model.vertical import MAX_SHAPLEY_PLAYERS, raiffa, shapley
from .games import nucleolus

# -- 4. The cost of Shapley versus Raiffa, measured


@dataclass(frozen=True)
class CostMeasurement:
    """Wall-clock time and worth evaluations of an allocation rule for several ``n``."""

    rule: str
    n: np.ndarray
    seconds: np.ndarray
    evaluations: np.ndarray


@dataclass(frozen=True)
class ExponentialFit:
    """``log2(seconds) = intercept + slope * n``, fitted on ``n >= n_min``.

    ``slope`` near 1 is the ``2**n`` growth of exact Shapley (a little above 1
    from the extra factor ``n``).
    """

    intercept: float
    slope: float
    n_min: int

    def seconds(self, n) -> np.ndarray | float:
        """Predicted (extrapolated) time for ``n`` members."""
        out = 2.0 ** (self.intercept + self.slope * np.asarray(n, dtype=float))
        return out if np.ndim(out) else float(out)

    def n_for(self, seconds: float) -> float:
        """The (real) ``n`` at which the predicted time reaches ``seconds``."""
        secs = v.positive("seconds", seconds)
        return (math.log2(secs) - self.intercept) / self.slope


class CountingWorth:
    """A characteristic function that counts its evaluations.

    ``v(S) = (sum_{i in S} a_i) ** 1.5`` — a convex (supermodular) game with
    member weights ``a``, cheap but not trivial (``O(|S|)`` per call).
    """

    def __init__(self, weights) -> None:
        self.weights = v.vector("weights", weights, min_len=1)
        self._w = self.weights.tolist()
        self.calls = 0

    def __call__(self, coalition) -> float:
        self.calls += 1
        w = self._w
        return sum(w[i] for i in coalition) ** 1.5

    def without_each(self) -> np.ndarray:
        """``v(N \\ {i})`` for every ``i`` at once (vectorised; counts ``n`` evaluations)."""
        self.calls += self.weights.size
        return (self.weights.sum() - self.weights) ** 1.5

    def table(self) -> np.ndarray:
        """All ``2**n`` worths indexed by bitmask (vectorised; counts ``2**n`` evaluations)."""
        n = self.weights.size
        bits = (np.arange(1 << n, dtype=np.int64)[:, None] >> np.arange(n)) & 1
        self.calls += 1 << n
        return (bits @ self.weights) ** 1.5

    def grand(self) -> float:
        """``v(N)`` (counts one evaluation)."""
        self.calls += 1
        return float(self.weights.sum() ** 1.5)


def cost_game_weights(n: int, seed: int = 0) -> np.ndarray:
    """Member weights in ``[0.5, 1.5)`` for :class:`CountingWorth` (reproducible)."""
    n = v.integer("n", n, lo=1)
    return np.random.default_rng(v.integer("seed", seed, lo=0)).uniform(0.5, 1.5, n)


def _ns(name: str, ns, lo: int, hi: int) -> list[int]:
    if isinstance(ns, (str, bytes)) or not hasattr(ns, "__iter__"):
        raise ModelDomainError(f"{name}={v.show(ns)}: must be a sequence of integers")
    out = [v.integer(f"{name}[{k}]", n, lo=lo, hi=hi) for k, n in enumerate(ns)]
    if not out:
        raise ModelDomainError(f"{name}: needs at least one n")
    return out


def _measure(
    rule: str, ns, seed: int, repeat: int, clock: Callable[[], float], run: Callable[[int, CountingWorth], object]
) -> CostMeasurement:
    """Best of ``repeat`` timings of ``run(n, game)`` for each ``n``, with the evaluations of ``v``."""
    secs, evals = [], []
    for n in ns:
        game = CountingWorth(cost_game_weights(n, seed))
        best = math.inf
        for _ in range(v.integer("repeat", repeat, lo=1)):
            game.calls = 0
            t0 = clock()
            run(n, game)
            best = min(best, clock() - t0)
        secs.append(best)
        evals.append(game.calls)
    return CostMeasurement(rule, np.array(ns), np.array(secs), np.array(evals, dtype=np.int64))


def measure_shapley_cost(
    ns, *, seed: int = 0, repeat: int = 1, vectorised: bool = False, clock: Callable[[], float] = time.perf_counter
) -> CostMeasurement:
    """Time exact :func:`xbec.shapley` for each ``n``.

    The game is :class:`CountingWorth`. By default ``v`` is passed as a
    Python callable (``2**n`` calls, counted in ``evaluations``); with
    ``vectorised`` the ``2**n`` worths are computed with numpy and passed as an
    array (still ``2**n`` evaluations, counted by the table's size) — the
    cheapest exact Shapley this package offers. The best of ``repeat`` runs.
    """
    ns = _ns("ns", ns, 1, MAX_SHAPLEY_PLAYERS)
    if v.flag("vectorised", vectorised):
        return _measure(
            "Shapley (exact, vectorised v)", ns, seed, repeat, clock, lambda n, game: shapley(n, game.table())
        )
    return _measure("Shapley (exact)", ns, seed, repeat, clock, lambda n, game: shapley(n, game))


def measure_raiffa_cost(
    ns, *, seed: int = 0, repeat: int = 3, clock: Callable[[], float] = time.perf_counter
) -> CostMeasurement:
    """Time :func:`xbec.raiffa` including the worths it needs, for each ``n``.

    Raiffa (eq 13) needs ``V(N)`` and the ``n`` worths ``mu_i = V(N \\ {i})``:
    ``n + 1`` evaluations of the same game as :func:`measure_shapley_cost`
    (vectorised, so ``n`` can reach millions). The best of ``repeat`` runs.
    """
    ns = _ns("ns", ns, 2, 10**8)
    return _measure(
        "Raiffa (eq 13)", ns, seed, repeat, clock, lambda n, game: raiffa(game.grand(), game.without_each())
    )


def measure_nucleolus_cost(
    ns, *, seed: int = 0, repeat: int = 1, clock: Callable[[], float] = time.perf_counter
) -> CostMeasurement:
    """Time :func:`nucleolus` (sequential LPs) on the game of :func:`measure_shapley_cost`.

    The worths are passed as an array (``2**n`` evaluations); ``n <= 12``.
    scipy's LP solver is imported before the clock starts.
    """
    import scipy.optimize  # noqa: F401  (import time is not the nucleolus's cost)

    ns = _ns("ns", ns, 2, 12)
    return _measure("nucleolus (LP)", ns, seed, repeat, clock, lambda n, game: nucleolus(n, game.table()))


def fit_cost_growth(measurement: CostMeasurement, *, n_min: int = 10) -> ExponentialFit:
    """Least-squares fit of ``log2(seconds)`` against ``n`` for ``n >= n_min``.

    Raises :class:`~xbec.errors.ModelDomainError` with fewer than two
    measurements with ``n >= n_min`` or a non-positive time.
    """
    n = np.asarray(measurement.n, dtype=float)
    t = np.asarray(measurement.seconds, dtype=float)
    keep = n >= n_min
    if keep.sum() < 2:
        raise ModelDomainError(f"n_min={n_min}: need at least two measurements with n >= n_min")
    if np.any(t[keep] <= 0):
        raise ModelDomainError("seconds: every measured time must be > 0 to fit log2(seconds)")
    slope, intercept = np.polyfit(n[keep], np.log2(t[keep]), 1)
    return ExponentialFit(float(intercept), float(slope), int(n_min))


@dataclass(frozen=True)
class CostRun:
    """The cost chapter's measurements and the exponential fits of exact Shapley."""

    shapley: CostMeasurement
    vectorised: CostMeasurement
    raiffa: CostMeasurement
    nucleolus: CostMeasurement
    fit: ExponentialFit
    fit_vectorised: ExponentialFit


def measure_costs(
    shapley_n_max: int,
    vectorised_n_max: int,
    raiffa_ns: Sequence[int],
    nucleolus_n_max: int,
    fit_n_min: int,
    clock: Callable[[], float] = time.process_time,
) -> CostRun:
    """Time exact Shapley (callable and numpy worths), Raiffa and the nucleolus; fit Shapley's growth.

    Shapley is timed best of 3 up to ``n = 14`` and best of 2 above (the large
    ``n`` dominate the run time); both Shapley fits use ``n >= fit_n_min``.
    """
    shap = measure_shapley_cost(range(2, min(shapley_n_max, 14) + 1), repeat=3, clock=clock)
    if shapley_n_max >= 15:
        large = measure_shapley_cost(range(15, shapley_n_max + 1), repeat=2, clock=clock)
        shap = CostMeasurement(
            shap.rule,
            np.r_[shap.n, large.n],
            np.r_[shap.seconds, large.seconds],
            np.r_[shap.evaluations, large.evaluations],
        )
    vec = measure_shapley_cost(range(2, vectorised_n_max + 1), repeat=2, vectorised=True, clock=clock)
    ra = measure_raiffa_cost(list(raiffa_ns), repeat=3, clock=clock)
    nu = measure_nucleolus_cost(range(3, nucleolus_n_max + 1), clock=clock)
    return CostRun(shap, vec, ra, nu, fit_cost_growth(shap, n_min=fit_n_min), fit_cost_growth(vec, n_min=fit_n_min))
