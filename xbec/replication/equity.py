"""How equitable the Raiffa rules are (abstract, §6), measured with cooperative-game notions.

The paper says the improved Raiffa rule (eq 15) gives "a more equitable
distribution" than the plain Raiffa rule (eq 13). Three standard measures make
that checkable on the game the paper values, ``v(N) = V`` and
``v(N \\ {i}) = mu_i`` (§4.1), every other coalition worth 0 (the paper gives
no other worth; :mod:`xbec.beyond.allocation` varies that assumption and adds
the nucleolus, Schmeidler 1969):

* **core** (Gillies 1959): ``x_i >= 0`` and ``sum_{k != i} x_k >= mu_i``, i.e.
  ``x_i <= V - mu_i``: no coalition the paper values does better alone;
* **distance to the Shapley value** (Shapley 1953) of that game;
* **dispersion of the members' gains** over their decentralised allocation
  (same rule at ``V = pi1*``): the coefficient of variation of the gains, 0 for
  an equal split of the surplus (the egalitarian benchmark, Dutta & Ray 1989).

Both rules are affine in ``V`` (``x = slope V + intercept``), so each measure
is decided over a whole interval of ``V`` in closed form.
"""

from __future__ import annotations

import numpy as np
from numpy.polynomial import Polynomial

from ..model.vertical import VerticalParams, improved_raiffa, raiffa, shapley

RULES = ("Raiffa (eq 13)", "improved Raiffa (eq 15)")


def affine_rule(rule: str, vp: VerticalParams) -> tuple[np.ndarray, np.ndarray]:
    """``(slope, intercept)`` with ``x(V) = slope V + intercept`` for ``rule`` in :data:`RULES` (eqs 13, 15)."""
    if rule == RULES[0]:
        at = lambda V: np.asarray(raiffa(V, vp.mu), dtype=float)  # noqa: E731
    elif rule == "Shapley":
        at = lambda V: shapley(vp.n, valued_game(V, vp.mu))  # noqa: E731
    else:
        at = lambda V: np.asarray(improved_raiffa(V, vp.mu, vp.F), dtype=float)  # noqa: E731
    zero = at(0.0)
    return at(1.0) - zero, zero


def valued_game(V: float, mu) -> np.ndarray:
    """Worths of all ``2**n`` coalitions (bitmask order): ``V`` for N, ``mu_i`` for N∖{i}, 0 otherwise."""
    mu = np.asarray(mu, dtype=float)
    n = mu.size
    table = np.zeros(1 << n)
    full = (1 << n) - 1
    table[full] = V
    table[full ^ (1 << np.arange(n))] = mu
    return table


def core_worth_interval(rule: str, vp: VerticalParams) -> tuple[float, float]:
    """The closed interval of ``V`` where ``rule``'s allocation is in the core of :func:`valued_game`.

    Each core condition is affine in ``V``: ``slope_i V + b_i >= 0`` and
    ``(1 - slope_i) V - mu_i - b_i >= 0``. Returns ``(lo, hi)``; empty when ``lo > hi``.
    """
    a, b = affine_rule(rule, vp)
    rows = [(a, b), (1 - a, -np.asarray(vp.mu, dtype=float) - b)]  # each: coef V + const >= 0
    lo, hi = -np.inf, np.inf
    for coef, const in rows:
        for k, m in zip(coef, const):
            if k > 0:
                lo = max(lo, -m / k)
            elif k < 0:
                hi = min(hi, -m / k)
            elif m < 0:
                return np.inf, -np.inf
    return float(lo), float(hi)


def shapley_distance_gap(vp: VerticalParams) -> Polynomial:
    """``|x_R(V) - phi(V)|^2 - |x_I(V) - phi(V)|^2`` as a quadratic in ``V`` (> 0: improved Raiffa closer)."""
    sa, sb = affine_rule("Shapley", vp)
    out = Polynomial([0.0])
    for rule, sign in ((RULES[0], 1.0), (RULES[1], -1.0)):
        a, b = affine_rule(rule, vp)
        for k, m in zip(a - sa, b - sb):
            out = out + sign * Polynomial([m, k]) ** 2
    return out


def gain_dispersion(rule: str, vp: VerticalParams) -> float:
    """Coefficient of variation of the gains ``x(V) - x(pi1*)`` (``= slope (V - pi1*)``; independent of ``V``)."""
    a, _ = affine_rule(rule, vp)
    return float(np.std(a) / abs(np.mean(a)))
