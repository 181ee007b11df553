"""The one band solver: where a set of quadratics in λ are all positive, elementwise.

Every λ band of the book (the acceptable band of §3.4 under either order of
moves, the vertical band of §5.2, the core bands, the maps over parameter
grids) is the set of ``lam`` in ``(0, 1)`` where a few quadratics in ``lam``
are all ``> 0`` (the conditions of :func:`xbec.model.horizontal.band_conditions`
are profits multiplied by ``delta(lam)^2 > 0``). This module solves that
problem for whole arrays of quadratics at once — no Python loop over points —
and the scalar front ends (:func:`xbec.acceptable_lambda`,
:func:`xbec.model.horizontal.solve_band`) call it on 0-d arrays.

A quadratic is stored as its ascending coefficients ``(c0, c1, c2)`` along
the *first* axis of an array: ``coeffs[k]`` multiplies ``lam**k`` and has the
shape of the grid (so a profit level of the grid's shape broadcasts against
``coeffs`` directly, e.g. ``pi1 - floor * delta2``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import numpy as np

from .roots import newton_polish

__all__ = [
    "CUT_TOL",
    "BandSolution",
    "quadratic_values",
    "quadratic_roots",
    "solve_bands",
]

#: Cut points of ``(0, 1)`` closer than this are merged (a double root is one cut).
CUT_TOL = 1e-12


class BandSolution(NamedTuple):
    """Result of :func:`solve_bands`, arrays of the broadcast shape of the conditions.

    ``lo``, ``hi``: ends of the first and last acceptable piece (meaningful
    where ``intervals == 1``); ``intervals``: number of disjoint open
    intervals of ``(0, 1)`` on which every condition is ``> 0`` (0: empty band).
    """

    lo: np.ndarray
    hi: np.ndarray
    intervals: np.ndarray


def quadratic_values(coeffs: np.ndarray, lam) -> np.ndarray:
    """``c0 + c1 lam + c2 lam^2`` for ``coeffs = (c0, c1, c2)`` along the first axis (Horner)."""
    c0, c1, c2 = coeffs
    return c0 + lam * (c1 + lam * c2)


def quadratic_roots(coeffs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Real roots of ``c0 + c1 x + c2 x^2`` elementwise, numerically stable.

    Uses ``q = -(c1 + sign(c1) sqrt(disc)) / 2`` and the roots ``q / c2`` and
    ``c0 / q`` (no cancellation; a vanishing ``c2`` gives the linear root
    ``-c0 / c1`` and an infinite one), then two Newton steps on the
    quadratic itself. Tested against 100-digit mpmath roots. ``coeffs`` has
    shape ``(3, ...)``; each root has shape ``coeffs.shape[1:]``, ``nan``
    marking a missing (complex or infinite) root.
    """
    c0, c1, c2 = (np.asarray(c, dtype=float) for c in coeffs)
    with np.errstate(all="ignore"):
        disc = c1 * c1 - 4.0 * c2 * c0
        real = disc >= 0
        sq = np.sqrt(np.where(real, disc, 0.0))
        q = -0.5 * (c1 + np.where(c1 >= 0, 1.0, -1.0) * sq)
        out = []
        for r in (np.where(real, q / c2, np.nan), np.where(real, c0 / q, np.nan)):
            r = np.where(np.isfinite(r), r, np.nan)
            out.append(np.asarray(newton_polish(lambda x: c0 + x * (c1 + x * c2), lambda x: c1 + 2.0 * c2 * x, r, 2)))
    return out[0], out[1]


def solve_bands(conditions: Sequence[np.ndarray], barriers: Sequence[np.ndarray] = ()) -> BandSolution:
    """Open sub-intervals of ``(0, 1)`` where every quadratic condition is ``> 0``, elementwise.

    The real roots of the conditions inside ``(0, 1)``, the ends 0 and 1 and
    the ``barriers`` cut ``(0, 1)`` into pieces; a piece is acceptable when
    every condition is ``> 0`` at its midpoint; adjacent acceptable pieces
    are merged except across a barrier (a point that does not belong to the
    band however the conditions look on either side, e.g. the share where
    eq (10) is singular). A condition that touches 0 at an isolated point
    without changing sign (a double root) does not split a band: the band is
    reported without that point's exclusion (a non-generic case).

    Each condition has shape ``(3, ...)`` (the trailing shapes broadcast); a
    barrier has the trailing shape (``nan`` or outside ``(0, 1)`` for none).
    """
    conds = np.broadcast_arrays(*(np.asarray(c, dtype=float) for c in conditions))
    shape = conds[0].shape[1:]
    bars = [np.broadcast_to(np.asarray(b, dtype=float), shape) for b in barriers]
    with np.errstate(all="ignore"):
        cuts = [np.zeros(shape), np.ones(shape)]
        for coeffs in conds:
            cuts.extend(quadratic_roots(coeffs))
        cuts.extend(bars)
        cut = np.stack(cuts, axis=-1)
        cut = np.where((cut > 0) & (cut < 1), cut, np.nan)
        cut[..., 0], cut[..., 1] = 0.0, 1.0
        cut = np.sort(cut, axis=-1)  # nan last
        dup = np.zeros(cut.shape, dtype=bool)
        dup[..., 1:] = (cut[..., 1:] - cut[..., :-1]) <= CUT_TOL
        rows = dup.any(axis=-1)  # re-sort only where a cut was dropped (nan goes last)
        cut[rows] = np.sort(np.where(dup[rows], np.nan, cut[rows]), axis=-1)
        a, b = cut[..., :-1], cut[..., 1:]
        good = np.isfinite(b)
        mid = 0.5 * (a + b)
        val = np.empty_like(mid)
        for c0, c1, c2 in conds:  # Horner in place: one temporary for all conditions
            np.multiply(c2[..., None], mid, out=val)
            val += c1[..., None]
            val *= mid
            val += c0[..., None]
            good &= val > 0
        barrier = np.zeros(a.shape, dtype=bool)
        for bar in bars:
            barrier |= np.abs(a - bar[..., None]) <= CUT_TOL
        prev = np.zeros_like(good)
        prev[..., 1:] = good[..., :-1]
        start = good & (~prev | barrier)
        nxt = np.zeros_like(good)
        nxt[..., :-1] = good[..., 1:] & ~barrier[..., 1:]
        end = good & ~nxt
        lo = np.take_along_axis(a, np.argmax(start, axis=-1)[..., None], axis=-1)[..., 0]
        last = end.shape[-1] - 1 - np.argmax(end[..., ::-1], axis=-1)
        hi = np.take_along_axis(b, last[..., None], axis=-1)[..., 0]
    return BandSolution(lo=lo, hi=hi, intervals=start.sum(axis=-1))
