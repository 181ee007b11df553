"""Beyond the paper, 4: the cost argument of §4, measured (Shapley vs Raiffa vs nucleolus)."""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from .. import _validate as v
from ..errors import ModelDomainError
from .games import nucleolus
from ..model.vertical import MAX_SHAPLEY_PLAYERS, raiffa, shapley


# ===========================================================================
# 4. The cost of Shapley versus Raiffa, measured
# ===========================================================================


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
        masks = np.arange(1 << n, dtype=np.int64)
        total = np.zeros(1 << n)
        for i, w in enumerate(self._w):
            total += w * ((masks >> i) & 1)
        self.calls += 1 << n
        return total**1.5

    def grand(self) -> float:
        """``v(N)`` (counts one evaluation)."""
        self.calls += 1
        return float(self.weights.sum() ** 1.5)


def cost_game_weights(n: int, seed: int = 0) -> np.ndarray:
    """Member weights in ``[0.5, 1.5)`` for :class:`CountingWorth` (reproducible)."""
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
        raise ModelDomainError(f"n={n!r}: must be a positive integer")
    return np.random.default_rng(seed).uniform(0.5, 1.5, int(n))


def _ns(name: str, ns, lo: int, hi: int) -> list[int]:
    out = []
    for n in ns:
        if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or not lo <= n <= hi:
            raise ModelDomainError(f"{name}: every n must be an integer in [{lo}, {hi}] (got {n!r})")
        out.append(int(n))
    if not out:
        raise ModelDomainError(f"{name}: needs at least one n")
    return out


def _measure(rule: str, ns, seed: int, repeat: int, clock: Callable[[], float],
             run: Callable[[int, "CountingWorth"], object]) -> CostMeasurement:
    """Best of ``repeat`` timings of ``run(n, game)`` for each ``n``, with the evaluations of ``v``."""
    secs, evals = [], []
    for n in ns:
        game = CountingWorth(cost_game_weights(n, seed))
        best = math.inf
        for _ in range(max(1, int(repeat))):
            game.calls = 0
            t0 = clock()
            run(n, game)
            best = min(best, clock() - t0)
        secs.append(best)
        evals.append(game.calls)
    return CostMeasurement(rule, np.array(ns), np.array(secs), np.array(evals, dtype=np.int64))


def measure_shapley_cost(ns, *, seed: int = 0, repeat: int = 1, vectorised: bool = False,
                         clock: Callable[[], float] = time.perf_counter) -> CostMeasurement:
    """Time exact :func:`xbec.shapley` for each ``n``.

    The game is :class:`CountingWorth`. By default ``v`` is passed as a
    Python callable (``2**n`` calls, counted in ``evaluations``); with
    ``vectorised`` the ``2**n`` worths are computed with numpy and passed as an
    array (still ``2**n`` evaluations, counted by the table's size) — the
    cheapest exact Shapley this package offers. The best of ``repeat`` runs.
    """
    ns = _ns("ns", ns, 1, MAX_SHAPLEY_PLAYERS)
    if vectorised:
        return _measure("Shapley (exact, vectorised v)", ns, seed, repeat, clock,
                        lambda n, game: shapley(n, game.table()))
    return _measure("Shapley (exact)", ns, seed, repeat, clock, lambda n, game: shapley(n, game))


def measure_raiffa_cost(ns, *, seed: int = 0, repeat: int = 3,
                        clock: Callable[[], float] = time.perf_counter) -> CostMeasurement:
    """Time :func:`xbec.raiffa` including the worths it needs, for each ``n``.

    Raiffa (eq 13) needs ``V(N)`` and the ``n`` worths ``mu_i = V(N \\ {i})``:
    ``n + 1`` evaluations of the same game as :func:`measure_shapley_cost`
    (vectorised, so ``n`` can reach millions). The best of ``repeat`` runs.
    """
    ns = _ns("ns", ns, 2, 10**8)
    return _measure("Raiffa (eq 13)", ns, seed, repeat, clock,
                    lambda n, game: raiffa(game.grand(), game.without_each()))


def measure_nucleolus_cost(ns, *, seed: int = 0, repeat: int = 1,
                           clock: Callable[[], float] = time.perf_counter) -> CostMeasurement:
    """Time :func:`nucleolus` (sequential LPs) on the game of :func:`measure_shapley_cost`.

    The worths are passed as an array (``2**n`` evaluations); ``n <= 12``.
    scipy's LP solver is imported before the clock starts.
    """
    import scipy.optimize  # noqa: F401  (import time is not the nucleolus's cost)

    ns = _ns("ns", ns, 2, 12)
    return _measure("nucleolus (LP)", ns, seed, repeat, clock, lambda n, game: nucleolus(n, game.table()))


def fit_cost_growth(measurement: CostMeasurement, *, n_min: int = 10) -> ExponentialFit:
    """Least-squares fit of ``log2(seconds)`` against ``n`` for ``n >= n_min``.

    Raises
    ------
    ModelDomainError
        Fewer than two measurements with ``n >= n_min`` or a non-positive time.
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

