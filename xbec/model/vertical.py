"""The vertical alliance: (improved) Raiffa allocation and Shapley value (§4).

Notation follows the paper: ``n`` members, ``V`` the worth of the grand
coalition ``V(N)``, and ``mu[i] = V(N \\ {i})`` the worth of the alliance
without member ``i`` (0-based here: member 1 of the paper is index 0).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np
from numpy.typing import ArrayLike

from .. import _validate as v
from ..errors import ModelDomainError

#: Names of the vertical alliance's four members in §5.2's order (member
#: ``i`` of the paper is index ``i - 1`` here), the one list used by the
#: tables, the figures and the notebooks (see :func:`~xbec.model.vertical.member_names`).
MEMBER_NAMES: tuple[str, ...] = (
    "platform",
    "domestic logistics provider",
    "international carrier",
    "foreign logistics provider",
)


@dataclass(frozen=True)
class VerticalParams:
    """Inputs of the vertical alliance; defaults are §5.2's values."""

    #: ``mu[i] = V(N \\ {i})``. §5.2: ``V(2∪3∪4)=1600``, ``V(1∪3∪4)=2000``, ``V(1∪2∪4)=2300``, ``V(1∪2∪3)=2200``
    mu: tuple[float, ...] = (1600.0, 2000.0, 2300.0, 2200.0)
    phi: tuple[float, ...] = (20.0, 15.0, 8.0, 12.0)  #: cost invested by each member, ``>= 0``
    theta: tuple[float, ...] = (0.7, 0.5, 0.4, 0.6)  #: service level of each member, ``>= 0``
    #: weights of ``phi`` and ``theta`` in eq (14), ``>= 0`` and summing to 1
    weights: tuple[float, ...] = (0.7, 0.3)
    F: np.ndarray = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        mu = v.vector("mu", self.mu)
        with np.errstate(over="ignore"):
            v.finite_result("sum(mu)", np.sum(mu), {"mu": mu})
        F = service_shares(self.phi, self.theta, self.weights)
        if mu.size != F.size:
            raise ModelDomainError(f"mu has {mu.size} members but phi/theta have {F.size}: lengths must agree")
        object.__setattr__(self, "mu", tuple(mu.tolist()))
        object.__setattr__(self, "phi", tuple(float(x) for x in self.phi))
        object.__setattr__(self, "theta", tuple(float(x) for x in self.theta))
        object.__setattr__(self, "weights", tuple(float(x) for x in self.weights))
        object.__setattr__(self, "F", F)

    @property
    def n(self) -> int:
        """Number of members."""
        return len(self.mu)


def member_names(n: int) -> tuple[str, ...]:
    """Display names of an ``n``-member vertical alliance.

    :data:`MEMBER_NAMES` for §5.2's four members, else ``"member 1"`` ...
    ``"member n"`` (the paper names only its four).
    """
    n = v.integer("n", n, lo=1)
    if n == len(MEMBER_NAMES):
        return MEMBER_NAMES
    return tuple(f"member {i + 1}" for i in range(n))


def _check_weights(weights: object, k: int) -> np.ndarray:
    wts = v.vector("weights", weights, min_len=1)
    if wts.size != k:
        raise ModelDomainError(f"weights: need {k} weights, one per criterion (got {wts.size})")
    if np.any(wts < 0):
        raise ModelDomainError(f"weights={wts.tolist()}: every weight must be >= 0")
    if not math.isclose(float(wts.sum()), 1.0, rel_tol=0, abs_tol=1e-9):
        raise ModelDomainError(f"weights={wts.tolist()}: must sum to 1 (sum is {wts.sum():g})")
    return wts


def service_shares(
    phi: ArrayLike, theta: ArrayLike, weights: ArrayLike = (0.7, 0.3), service_levels: ArrayLike | None = None
) -> np.ndarray:
    """Share of the alliance's services undertaken by each member, eq (14).

    ``F_i = M1 phi_i / sum(phi) + M2 theta_i / sum(theta) [+ M3 s_i / sum(s)]``.
    §5.2 uses two criteria, cost ``phi`` and service level ``theta``, with
    weights 0.7 and 0.3; pass ``service_levels`` (and three weights) for the
    three-criterion form printed as eq (14). ``F`` is non-negative and sums
    to 1. Raises :class:`~xbec.errors.ModelDomainError` on different lengths,
    ``n < 2``, negative or all-zero criteria, weights negative or not summing to 1.
    """
    criteria = {"phi": phi, "theta": theta}
    if service_levels is not None:
        criteria["service_levels"] = service_levels
    arrays = {}
    for name, value in criteria.items():
        arr = v.vector(name, value)
        if np.any(arr < 0):
            raise ModelDomainError(f"{name}={arr.tolist()}: every entry must be >= 0")
        with np.errstate(over="ignore"):
            total = v.finite_result(f"sum({name})", np.sum(arr), {name: arr})
        if not total > 0:
            raise ModelDomainError(f"{name}={v.show(arr.tolist())}: the entries must not all be 0")
        arrays[name] = arr
    sizes = {name: arr.size for name, arr in arrays.items()}
    if len(set(sizes.values())) != 1:
        raise ModelDomainError(f"lengths differ: {sizes}; every criterion needs one entry per member")
    wts = _check_weights(weights, len(arrays))
    shares = [arr / arr.max() for arr in arrays.values()]  # subnormal entries scaled up before dividing
    F: np.ndarray = sum((w * (s / s.sum()) for w, s in zip(wts, shares)), np.zeros(1))
    if not abs(float(F.sum()) - 1.0) <= 1e-9:  # pragma: no cover - the scaling above keeps the sum at 1
        raise ModelDomainError(f"service shares sum to {float(F.sum())!r}, not 1: {v.show(sizes)}")
    return F


def _finite(expression: str, value: np.ndarray, **inputs: object) -> np.ndarray:
    with np.errstate(over="ignore", invalid="ignore"):
        return np.asarray(v.finite_result(expression, value, inputs))


def raiffa_lower_limits(mu: ArrayLike) -> np.ndarray:
    """Lower limits of the Raiffa allocation, the solution of eq (11).

    Solving ``sum_k x_k - x_i = mu_i`` for all ``i`` gives
    ``x_i = sum(mu)/(n-1) - mu_i``.
    """
    mu = v.vector("mu", mu)
    with np.errstate(over="ignore", invalid="ignore"):
        lower = mu.sum() / (mu.size - 1) - mu
    return _finite("sum(mu)/(n-1) - mu", lower, mu=mu)


def raiffa_upper_limits(V: ArrayLike, mu: ArrayLike) -> np.ndarray:
    """Ideal upper limits ``V - mu_j`` of §4.1 (shape ``V.shape + (n,)``)."""
    mu = v.vector("mu", mu)
    W = v.real_array("V", V)
    with np.errstate(over="ignore", invalid="ignore"):
        upper = W[..., None] - mu
    return _finite("V - mu", upper, V=W, mu=mu)


def raiffa(V: ArrayLike, mu: ArrayLike) -> np.ndarray:
    """Raiffa allocation, eq (13).

    ``x_i = V/n + (2n-3)/(2(n-1)) * (mean(mu) - mu_i)``: the average over
    ``j`` of eq (12)'s allocations (checked symbolically in
    :mod:`xbec.replication.symbolic`). Always allocates exactly ``V``: one
    allocation per entry of ``V`` (shape ``V.shape + (n,)``), ``n >= 2``.
    """
    mu = v.vector("mu", mu)
    W = v.real_array("V", V)
    n = mu.size
    with np.errstate(over="ignore", invalid="ignore"):
        x = W[..., None] / n + (2 * n - 3) / (2 * (n - 1)) * (mu.mean() - mu)
    return _finite("eq (13)", x, V=W, mu=mu)


def improved_raiffa(V: ArrayLike, mu: ArrayLike, F: ArrayLike) -> np.ndarray:
    """Raiffa allocation corrected for services undertaken, eq (15).

    ``x_i* = x_i + (F_i - 1/n) V`` with ``x_i`` from eq (13) and ``F`` from
    eq (14). Allocates exactly ``V`` because ``sum(F) = 1``. Raises
    :class:`~xbec.errors.ModelDomainError` on ``mu`` and ``F`` of different
    lengths, ``n < 2``, a negative share, or ``F`` not summing to 1.
    """
    mu = v.vector("mu", mu)
    shares = v.vector("F", F)
    if shares.size != mu.size:
        raise ModelDomainError(f"mu has {mu.size} members but F has {shares.size}: lengths must agree")
    if np.any(shares < 0):
        raise ModelDomainError(f"F={v.show(shares.tolist())}: every service share must be >= 0")
    if not math.isclose(float(shares.sum()), 1.0, rel_tol=0, abs_tol=1e-9):
        raise ModelDomainError(f"F={v.show(shares.tolist())}: service shares must sum to 1 (sum is {shares.sum():g})")
    W = v.real_array("V", V)
    with np.errstate(over="ignore", invalid="ignore"):
        x = raiffa(W, mu) + (shares - 1 / mu.size) * W[..., None]
    return _finite("eq (15)", x, V=W, mu=mu)


def allocate(vparams: VerticalParams, V: ArrayLike) -> np.ndarray:
    """Improved-Raiffa allocation of ``V`` with §5.2-style inputs (eqs 14–15)."""
    return improved_raiffa(V, vparams.mu, vparams.F)


class CoreFacts(NamedTuple):
    """What ``V(N)`` and the ``mu_i`` alone say about the vertical game (see :func:`core_facts`)."""

    sum_lower: float  #: ``sum(mu) / (n - 1)``, the sum of the Raiffa lower limits (eq 11)
    core_empty: bool  #: ``V < sum_lower``: no split of ``V`` gives every ``(n-1)``-coalition its worth
    superadditive: bool  #: ``V >= mu_i >= 0`` for every ``i`` (with ``v({i}) = 0``)


def core_facts(V: float, mu: ArrayLike) -> CoreFacts:
    """What the given worths alone say about the vertical game: v({i}) = 0, v(N \\ {i}) = mu_i, v(N) = V.

    The ``n`` coalitions of ``n - 1`` members, each weighted ``1/(n - 1)``,
    form a balanced collection; so if ``V`` is below the sum of the Raiffa
    lower limits of eq (11), ``sum(mu) / (n - 1)``, the game is not balanced
    and by the Bondareva-Shapley theorem its core is empty, whatever the
    worths the paper does not state. ``superadditive`` checks the only
    superadditivity conditions among the given coalitions: ``V >= mu_i`` and
    ``mu_i >= 0``. ``mu`` needs at least 2 members; inputs must be finite.
    """
    m = v.vector("mu", mu)
    W = v.finite_real("V", V)
    sum_lower = float(raiffa_lower_limits(m).sum())
    return CoreFacts(sum_lower, bool(W < sum_lower), bool(np.all(W >= m) and np.all(m >= 0)))


# -- Shapley value

#: Largest ``n`` for :func:`shapley` (2**26 float64 worths = 512 MiB).
MAX_SHAPLEY_PLAYERS = 26

#: A TU game's worth function (a callable on frozensets, a dict or an array of 2**n worths).
Worth = Callable[[frozenset[int]], float] | Mapping[frozenset[int], float] | np.ndarray


def _check_players(n: object) -> int:
    return v.integer("n", n, lo=1, hi=MAX_SHAPLEY_PLAYERS)  # 2**n coalitions are tabulated


def proper_coalitions(n: int) -> tuple[int, np.ndarray, np.ndarray]:
    """``(full, masks, bits)``: the grand coalition's bitmask, the proper non-empty coalitions' and their members (0/1 rows)."""
    full = (1 << n) - 1
    masks = np.arange(1, full, dtype=np.int64)
    return full, masks, ((masks[:, None] >> np.arange(n)) & 1).astype(float)


def coalition_table(n: int, worth: Worth, *, name: str = "worth") -> np.ndarray:
    """Worths of all ``2**n`` coalitions of an ``n``-player game, indexed by bitmask.

    Bit ``i`` set means member ``i`` is in the coalition (member 1 of the
    paper is bit 0). ``worth`` is ``worth(frozenset) -> float``, a dict
    ``frozenset -> worth`` covering every non-empty coalition (the empty one
    is worth 0) or an array of the ``2**n`` worths; ``name`` is the caller's
    name for it in error messages. Raises :class:`~xbec.errors.ModelDomainError`
    on ``n`` outside ``1..26``, a missing coalition, a member outside
    ``0..n-1`` or a worth that is not a finite real number.
    """
    n = _check_players(n)
    size = 1 << n
    if isinstance(worth, np.ndarray):
        table = v.real_array(name, worth)
        if table.shape != (size,):
            raise ModelDomainError(f"{name}: an array of worths needs shape ({size},) for n={n} (got {table.shape})")
        return table
    if isinstance(worth, Mapping):
        table = np.zeros(size)
        seen = np.zeros(size, dtype=bool)
        for coalition, value in worth.items():
            members = list(coalition)
            if any(not isinstance(m, (int, np.integer)) or not 0 <= m < n for m in members):
                raise ModelDomainError(f"{name}: coalition {set(coalition)} has members outside 0..{n - 1}")
            mask = sum(1 << int(m) for m in set(members))
            table[mask] = v.finite_real(f"{name}({set(coalition)})", value)
            seen[mask] = True
        missing = np.flatnonzero(~seen[1:]) + 1
        if missing.size:
            example = frozenset(i for i in range(n) if missing[0] >> i & 1)
            raise ModelDomainError(
                f"{name}: {missing.size} coalitions have no worth, e.g. {set(example)}; "
                "a dict must give every non-empty coalition"
            )
        return table
    if callable(worth):
        half = n // 2
        low = [tuple(i for i in range(half) if m >> i & 1) for m in range(1 << half)]
        high = [tuple(i + half for i in range(n - half) if m >> i & 1) for m in range(1 << (n - half))]
        lowmask = (1 << half) - 1
        values = [worth(frozenset(low[m & lowmask] + high[m >> half])) for m in range(size)]
        table = v.real_array(name, values)
        if table.shape != (size,):
            raise ModelDomainError(f"{name}: every coalition's worth must be a single real number")
        return table
    raise ModelDomainError(
        f"{name}={v.show(worth)}: must be a callable on frozensets, a dict frozenset -> worth, or an array of 2**n worths"
    )


def shapley(n: int, v: Worth) -> np.ndarray:
    """Exact Shapley value of an ``n``-player TU game.

    ``phi_i = sum_{S not containing i} |S|! (n-|S|-1)! / n! * (v(S + i) - v(S))``,
    computed on a table of all ``2**n`` coalition worths indexed by bitmask, one
    vectorised pass per player (``O(n 2^n)`` arithmetic, ``2^n`` calls of ``v``).

    Players are ``0..n-1``, ``1 <= n <= 26``; ``v`` as in
    :func:`coalition_table` (for a callable the empty coalition is worth
    ``v(frozenset())``; an array skips the ``2**n`` Python calls). The
    result sums to ``v(N) - v(empty)``.
    """
    n = _check_players(n)
    table = coalition_table(n, v, name="v")
    size = 1 << n
    masks = np.arange(size, dtype=np.int64)
    k = np.bitwise_count(masks).astype(np.int64)
    # weight |S|! (n-|S|-1)! / n! for a coalition S of size k not containing i
    lg = np.array([math.lgamma(j + 1) for j in range(n + 1)])
    weight_by_size = np.exp(lg[:n] + lg[n - 1 :: -1] - lg[n])
    phi = np.empty(n)
    for i in range(n):
        bit = 1 << i
        without = masks[(masks & bit) == 0]
        with np.errstate(over="ignore", invalid="ignore"):
            phi[i] = np.dot(weight_by_size[k[without]], table[without | bit] - table[without])
    return _finite("the marginal contributions v(S + i) - v(S)", phi, v=table)  # (the parameter v shadows _validate)
