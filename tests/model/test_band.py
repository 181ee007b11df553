"""The one band solver (xbec.model.band) against mpmath and a brute-force sign scan."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from xbec.model import band


@given(st.floats(-1e3, 1e3), st.floats(-1e3, 1e3), st.sampled_from([0.0, 1e-18, 1e-9, 1e-3, 1.0, -2.0]))
def test_quadratic_roots_against_mpmath(c0, c1, c2):
    """Against 100-digit roots (numpy's companion matrix is itself wrong for tiny c2)."""
    import mpmath

    r1, r2 = band.quadratic_roots(np.array([c0, c1, c2]))
    ours = sorted(float(r) for r in (r1, r2) if np.isfinite(r) and abs(r) < 1e6)
    with mpmath.workdps(100):
        A, B, C = mpmath.mpf(c2), mpmath.mpf(c1), mpmath.mpf(c0)
        disc = B * B - 4 * A * C
        if A != 0:
            roots = [] if disc < 0 else [(-B + sgn * mpmath.sqrt(disc)) / (2 * A) for sgn in (1, -1)]
        elif B != 0:
            roots = [-C / B]
        else:
            roots = []
        ref = sorted(float(r) for r in roots if abs(r) < 1e6)
    if len(ref) == 2 and abs(ref[0] - ref[1]) < 1e-6 * max(1, abs(ref[0])):
        return  # (near-)double root: ill-conditioned, the band solver merges such cuts
    assert len(ours) == len(ref)
    for x, y in zip(ours, ref):
        assert x == pytest.approx(y, rel=1e-12, abs=1e-12)



ROOT = st.integers(-500, 1500).map(lambda k: k / 1000)  # roots on a 0.001 grid in [-0.5, 1.5]
QUAD = st.tuples(ROOT, ROOT, st.sampled_from([-3.0, -0.5, 0.5, 2.0]), st.booleans())


@given(st.lists(QUAD, min_size=1, max_size=4), st.sampled_from([np.nan, 0.3005, 0.5505]))
def test_solve_bands_against_a_dense_sign_scan(quads, barrier):
    """Count and ends of the positive set of random quadratics, against 200 001 sample points."""
    conds = []
    for r1, r2, lead, linear in quads:
        if linear:  # lead (lam - r1)
            conds.append(np.array([-lead * r1, lead, 0.0]))
        else:
            if r1 == r2:
                r2 = r1 + 0.0005
            conds.append(np.array([lead * r1 * r2, -lead * (r1 + r2), lead]))
    sol = band.solve_bands(conds, barriers=[np.float64(barrier)])
    lam = np.linspace(0, 1, 200001)[1:-1]
    ok = np.all([band.quadratic_values(cnd, lam) > 0 for cnd in conds], axis=0)
    if np.isfinite(barrier):
        ok[np.argmin(np.abs(lam - barrier))] = False
    edges = np.diff(np.r_[0, ok.astype(int), 0])
    runs, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    assert int(sol.intervals) == len(runs)
    if len(runs) >= 1:
        assert float(sol.lo) == pytest.approx(0.0 if runs[0] == 0 else lam[runs[0]], abs=1e-5)
        assert float(sol.hi) == pytest.approx(1.0 if ends[-1] == len(lam) else lam[ends[-1] - 1], abs=1e-5)


def test_solve_bands_vectorised_equals_elementwise():
    rng = np.random.default_rng(3)
    conds = [rng.normal(size=(3, 50, 40)) for _ in range(3)]
    bars = [rng.uniform(0, 1, size=(50, 40))]
    sol = band.solve_bands(conds, barriers=bars)
    for i, j in [(0, 0), (7, 3), (49, 39), (20, 11)]:
        one = band.solve_bands([c[:, i, j] for c in conds], barriers=[bars[0][i, j]])
        assert int(one.intervals) == int(sol.intervals[i, j])
        if one.intervals:
            assert (float(one.lo), float(one.hi)) == (sol.lo[i, j], sol.hi[i, j])


def test_barrier_splits_a_band_and_double_roots_merge():
    pos = np.array([1.0, 0.0, 0.0])  # always > 0
    sol = band.solve_bands([pos], barriers=[np.float64(0.4)])
    assert int(sol.intervals) == 2 and float(sol.lo) == 0.0 and float(sol.hi) == 1.0
    square = np.array([0.25, -1.0, 1.0])  # (lam - 1/2)^2: > 0 except at 1/2
    sol = band.solve_bands([square])
    # a condition that touches 0 without changing sign does not split the band (documented)
    assert int(sol.intervals) == 1 and (float(sol.lo), float(sol.hi)) == (0.0, 1.0)
