"""Core benchmarks (issue: xbec core). Prints its figures; asserts nothing.

1. revenue_sharing on 10**6 lambda values (closed form, vectorised) against a
   per-point numeric optimiser of eq (7) (scipy), measured side by side in one
   run; the optimiser's per-point time is extrapolated from a sample.
   Targets: <= 0.1 s for 10**6 values, >= 1000x faster per point.
2. Exact Shapley value at n = 20 (2**20 coalitions). Target: <= 5 s.
3. Raiffa (eq 13) at n = 20 and n = 10**6, for comparison.
"""

from __future__ import annotations

import time

import numpy as np
from scipy.optimize import minimize

import xbec
from xbec.model import horizontal as h


def best_of(fn, repeat=5):
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def numeric_point(params, lam, w):
    """The platform's optimum of eq (7) for one lambda, by a numeric optimiser."""
    res = minimize(lambda z: -h.platform_profit_sharing(params, lam, z[0], w, z[1]),
                   x0=[params.beta / params.b1 / 2, 1.0], method="BFGS")
    return res.x


def main() -> None:
    params = xbec.HorizontalParams()
    lam = np.linspace(0.5, 1.0, 10**6)
    t_vec = best_of(lambda: xbec.revenue_sharing(params, lam))
    sample = np.linspace(0.5, 1.0, 200)
    w = h.sharing_wholesale_price(params, sample)
    t0 = time.perf_counter()
    for l, wl in zip(sample, w):
        numeric_point(params, l, wl)
    t_num_point = (time.perf_counter() - t0) / sample.size
    t_vec_point = t_vec / lam.size
    print("revenue_sharing, 10**6 lambda values (vectorised closed form)")
    print(f"  vectorised: {t_vec:.4f} s total, {t_vec_point * 1e9:.1f} ns per value (target <= 0.1 s)")
    print(f"  numeric optimiser (scipy BFGS), {sample.size} values: {t_num_point * 1e3:.3f} ms per value "
          f"-> {t_num_point * lam.size:.0f} s extrapolated for 10**6")
    print(f"  speed-up per value: {t_num_point / t_vec_point:,.0f}x (target >= 1000x)")

    n = 20
    v = lambda S: float(len(S)) ** 1.5  # a cheap characteristic function
    t0 = time.perf_counter()
    phi = xbec.shapley(n, v)
    t_sh = time.perf_counter() - t0
    masks = np.arange(2**n)
    table = np.bitwise_count(masks).astype(float) ** 1.5
    t_arr = best_of(lambda: xbec.shapley(n, table), repeat=3)
    print(f"shapley, n={n} (2**{n} = {2**n:,} coalitions), v a Python callable: {t_sh:.2f} s "
          f"(target <= 5 s); efficiency error {abs(phi.sum() - v(frozenset(range(n)))):.2e}")
    print(f"  of which the Shapley arithmetic (v given as an array of worths): {t_arr:.2f} s; "
          "the rest is 2**20 calls of v")

    mu = np.random.default_rng(1).uniform(0, 1, 20)
    t_r20 = best_of(lambda: xbec.raiffa(1.0, mu))
    mu6 = np.random.default_rng(1).uniform(0, 1, 10**6)
    t_r6 = best_of(lambda: xbec.raiffa(1.0, mu6), repeat=3)
    print(f"raiffa, n=20: {t_r20 * 1e6:.1f} us; n=10**6: {t_r6 * 1e3:.1f} ms")


if __name__ == "__main__":
    main()
