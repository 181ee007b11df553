"""The vertical alliance: (improved) Raiffa allocation and Shapley value (§4).

Notation follows the paper: ``n`` members, ``V`` the worth of the grand
coalition ``V(N)``, and ``mu[i] = V(N \\ {i})`` the worth of the alliance
without member ``i`` (0-based here: member 1 of the paper is index 0).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np

from .. import _validate as v
from ..errors import ModelDomainError

__all__ = [
    "VerticalParams",
    "service_shares",
    "raiffa_lower_limits",
    "raiffa_upper_limits",
    "raiffa",
    "improved_raiffa",
    "allocate",
    "shapley",
    "MAX_SHAPLEY_PLAYERS",
]


@dataclass(frozen=True)
class VerticalParams:
    """Inputs of the vertical alliance; defaults are §5.2's values.

    Parameters
    ----------
    mu : tuple of float
        ``mu[i] = V(N \\ {i})``. §5.2: ``V(2∪3∪4)=1600``, ``V(1∪3∪4)=2000``,
        ``V(1∪2∪4)=2300``, ``V(1∪2∪3)=2200``.
    phi : tuple of float
        Cost invested by each member, ``>= 0``.
    theta : tuple of float
        Service level of each member, ``>= 0``.
    weights : tuple of float
        Weights of ``phi`` and ``theta`` in eq (14), ``>= 0`` and summing to 1.
    """

    mu: tuple[float, ...] = (1600.0, 2000.0, 2300.0, 2200.0)
    phi: tuple[float, ...] = (20.0, 15.0, 8.0, 12.0)
    theta: tuple[float, ...] = (0.7, 0.5, 0.4, 0.6)
    weights: tuple[float, ...] = (0.7, 0.3)
    F: np.ndarray = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        mu = v.vector("mu", self.mu)
        F = service_shares(self.phi, self.theta, self.weights)
        if mu.size != F.size:
            raise ModelDomainError(
                f"mu has {mu.size} members but phi/theta have {F.size}: lengths must agree"
            )
        object.__setattr__(self, "mu", tuple(mu.tolist()))
        object.__setattr__(self, "phi", tuple(float(x) for x in self.phi))
        object.__setattr__(self, "theta", tuple(float(x) for x in self.theta))
        object.__setattr__(self, "weights", tuple(float(x) for x in self.weights))
        object.__setattr__(self, "F", F)

    @property
    def n(self) -> int:
        return len(self.mu)


def _check_weights(weights, k: int) -> np.ndarray:
    wts = v.vector("weights", weights, min_len=1)
    if wts.size != k:
        raise ModelDomainError(f"weights: need {k} weights, one per criterion (got {wts.size})")
    if np.any(wts < 0):
        raise ModelDomainError(f"weights={wts.tolist()}: every weight must be >= 0")
    if not math.isclose(float(wts.sum()), 1.0, rel_tol=0, abs_tol=1e-9):
        raise ModelDomainError(f"weights={wts.tolist()}: must sum to 1 (sum is {wts.sum():g})")
    return wts


def service_shares(phi, theta, weights=(0.7, 0.3), service_levels=None) -> np.ndarray:
    """Share of the alliance's services undertaken by each member, eq (14).

    ``F_i = M1 phi_i / sum(phi) + M2 theta_i / sum(theta) [+ M3 s_i / sum(s)]``.
    §5.2 uses two criteria, cost ``phi`` and service level ``theta``, with
    weights 0.7 and 0.3; pass ``service_levels`` (and three weights) for the
    three-criterion form printed as eq (14).

    Returns
    -------
    numpy.ndarray
        ``F``, non-negative and summing to 1.

    Raises
    ------
    ModelDomainError
        Different lengths, ``n < 2``, negative or all-zero criteria, weights
        negative or not summing to 1.
    """
    criteria = {"phi": phi, "theta": theta}
    if service_levels is not None:
        criteria["service_levels"] = service_levels
    arrays = {}
    for name, value in criteria.items():
        arr = v.vector(name, value)
        if np.any(arr < 0):
            raise ModelDomainError(f"{name}={arr.tolist()}: every entry must be >= 0")
        if not arr.sum() > 0:
            raise ModelDomainError(f"{name}={arr.tolist()}: the entries must not all be 0")
        arrays[name] = arr
    sizes = {name: arr.size for name, arr in arrays.items()}
    if len(set(sizes.values())) != 1:
        raise ModelDomainError(f"lengths differ: {sizes}; every criterion needs one entry per member")
    wts = _check_weights(weights, len(arrays))
    return sum(w * arr / arr.sum() for w, arr in zip(wts, arrays.values()))


def _worth(V) -> np.ndarray:
    return v.real_array("V", V)


def raiffa_lower_limits(mu) -> np.ndarray:
    """Lower limits of the Raiffa allocation, the solution of eq (11).

    Solving ``sum_k x_k - x_i = mu_i`` for all ``i`` gives
    ``x_i = sum(mu)/(n-1) - mu_i``.
    """
    mu = v.vector("mu", mu)
    return mu.sum() / (mu.size - 1) - mu


def raiffa_upper_limits(V, mu) -> np.ndarray:
    """Ideal upper limits ``V - mu_j`` of §4.1 (shape ``V.shape + (n,)``)."""
    mu = v.vector("mu", mu)
    return _worth(V)[..., None] - mu


def raiffa(V, mu) -> np.ndarray:
    """Raiffa allocation, eq (13).

    ``x_i = V/n + (2n-3)/(2(n-1)) * (mean(mu) - mu_i)``: the average over
    ``j`` of eq (12)'s allocations (checked symbolically in
    :mod:`xbec.symbolic`). Always allocates exactly ``V``.

    Parameters
    ----------
    V : float or array_like
        Worth of the grand coalition; one allocation per entry.
    mu : sequence of float
        ``mu[i] = V(N \\ {i})``, ``n >= 2`` entries.

    Returns
    -------
    numpy.ndarray
        Shape ``(n,)`` for a scalar ``V``, else ``V.shape + (n,)``.
    """
    mu = v.vector("mu", mu)
    V = _worth(V)
    n = mu.size
    return V[..., None] / n + (2 * n - 3) / (2 * (n - 1)) * (mu.mean() - mu)


def improved_raiffa(V, mu, F) -> np.ndarray:
    """Raiffa allocation corrected for services undertaken, eq (15).

    ``x_i* = x_i + (F_i - 1/n) V`` with ``x_i`` from eq (13) and ``F`` from
    eq (14). Allocates exactly ``V`` because ``sum(F) = 1``.

    Raises
    ------
    ModelDomainError
        ``mu`` and ``F`` of different lengths, ``n < 2``, or ``F`` not summing
        to 1.
    """
    mu = v.vector("mu", mu)
    F = v.vector("F", F)
    if F.size != mu.size:
        raise ModelDomainError(f"mu has {mu.size} members but F has {F.size}: lengths must agree")
    if not math.isclose(float(F.sum()), 1.0, rel_tol=0, abs_tol=1e-9):
        raise ModelDomainError(f"F={F.tolist()}: service shares must sum to 1 (sum is {F.sum():g})")
    V = _worth(V)
    return raiffa(V, mu) + (F - 1 / mu.size) * V[..., None]


def allocate(vparams: VerticalParams, V) -> np.ndarray:
    """Improved-Raiffa allocation of ``V`` with §5.2-style inputs (eqs 14–15)."""
    return improved_raiffa(V, vparams.mu, vparams.F)


# ---------------------------------------------------------------------------
# Shapley value
# ---------------------------------------------------------------------------

MAX_SHAPLEY_PLAYERS = 26  # 2**26 float64 worths = 512 MiB


def _popcount(masks: np.ndarray) -> np.ndarray:
    if hasattr(np, "bitwise_count"):
        return np.bitwise_count(masks).astype(np.int64)
    counts = np.zeros_like(masks)
    for bit in range(int(masks.max()).bit_length()):
        counts += (masks >> bit) & 1
    return counts


def _coalition_table(n: int, worth) -> np.ndarray:
    """Worth of every coalition, indexed by bitmask (bit i = member i)."""
    size = 1 << n
    if isinstance(worth, np.ndarray):
        table = v.real_array("v", worth)
        if table.shape != (size,):
            raise ModelDomainError(f"v: an array of worths needs shape ({size},) for n={n} (got {table.shape})")
        return table
    if isinstance(worth, Mapping):
        table = np.zeros(size)
        seen = np.zeros(size, dtype=bool)
        for coalition, value in worth.items():
            members = list(coalition)
            if any(not isinstance(m, (int, np.integer)) or not 0 <= m < n for m in members):
                raise ModelDomainError(f"v: coalition {set(coalition)} has members outside 0..{n - 1}")
            mask = sum(1 << int(m) for m in set(members))
            table[mask] = v.finite_real(f"v({set(coalition)})", value)
            seen[mask] = True
        missing = np.flatnonzero(~seen[1:]) + 1
        if missing.size:
            example = frozenset(i for i in range(n) if missing[0] >> i & 1)
            raise ModelDomainError(
                f"v: {missing.size} coalitions have no worth, e.g. {set(example)}; "
                "a dict must give every non-empty coalition"
            )
        return table
    if callable(worth):
        half = n // 2
        low = [tuple(i for i in range(half) if m >> i & 1) for m in range(1 << half)]
        high = [tuple(i + half for i in range(n - half) if m >> i & 1) for m in range(1 << (n - half))]
        lowmask = (1 << half) - 1
        values = [worth(frozenset(low[m & lowmask] + high[m >> half])) for m in range(size)]
        try:
            table = np.asarray(values, dtype=float)
        except (TypeError, ValueError) as exc:
            raise ModelDomainError(f"v: worths must be real numbers ({exc})") from None
        if table.shape != (size,) or not np.all(np.isfinite(table)):
            raise ModelDomainError("v: every coalition's worth must be a finite real number")
        return table
    raise ModelDomainError(
        f"v={worth!r}: must be a callable on frozensets, a dict frozenset -> worth, "
        "or an array of 2**n worths"
    )


def shapley(n: int, v) -> np.ndarray:
    """Exact Shapley value of an ``n``-player TU game.

    ``phi_i = sum_{S not containing i} |S|! (n-|S|-1)! / n! * (v(S + i) - v(S))``,
    computed on a table of all ``2**n`` coalition worths indexed by bitmask, one
    vectorised pass per player (``O(n 2^n)`` arithmetic, ``2^n`` calls of ``v``).

    Parameters
    ----------
    n : int
        Number of players, ``1 <= n <= 26``; players are ``0..n-1``.
    v : callable, mapping or numpy.ndarray
        ``v(frozenset) -> float``; or a dict ``frozenset -> worth`` covering
        every non-empty coalition (the empty coalition is worth
        ``v(frozenset())`` for a callable and 0 for a dict); or an array of
        the ``2**n`` worths indexed by bitmask (bit ``i`` set = member ``i``
        in the coalition), which skips the ``2**n`` Python calls.

    Returns
    -------
    numpy.ndarray
        Shape ``(n,)``; sums to ``v(N) - v(empty)``.
    """
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)):
        raise ModelDomainError(f"n={n!r}: must be an integer")
    if not 1 <= n <= MAX_SHAPLEY_PLAYERS:
        raise ModelDomainError(f"n={n}: exact Shapley needs 1 <= n <= {MAX_SHAPLEY_PLAYERS}")
    n = int(n)
    table = _coalition_table(n, v)
    size = 1 << n
    masks = np.arange(size, dtype=np.int64)
    k = _popcount(masks)
    # weight |S|! (n-|S|-1)! / n! for a coalition S of size k not containing i
    lg = np.array([math.lgamma(j + 1) for j in range(n + 1)])
    weight_by_size = np.exp(lg[: n] + lg[n - 1 :: -1] - lg[n])
    phi = np.empty(n)
    for i in range(n):
        bit = 1 << i
        without = masks[(masks & bit) == 0]
        phi[i] = np.dot(weight_by_size[k[without]], table[without | bit] - table[without])
    return phi
