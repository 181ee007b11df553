"""Benchmark of issue 5, part 4: the paper's cost argument (§4), measured.

Prints its figures; asserts nothing.

The paper prefers Raiffa because "the calculation amount of the Shapley model
increases exponentially with the number of members". Measured here on one
game, v(S) = (sum of member weights in S)**1.5:

1. exact Shapley (``xbec.shapley``) for n = 2..20 with v a Python callable:
   wall-clock time (best of runs) and evaluations of v (2**n);
2. exact Shapley with the 2**n worths computed by numpy (the cheapest exact
   route) for n = 2..22;
3. Raiffa, eq (13), including its n + 1 evaluations (V(N) and the mu_i), for
   n = 2..10**7;
4. the nucleolus (sequential LPs) for n = 3..10, for comparison;
5. a fit log2(seconds) = a + b n of exact Shapley on n >= 12 and the n at
   which it would take 1 s, 60 s and 1 hour (beyond the measured n this is an
   extrapolation), and the memory limit of the 2**n table.

Times are CPU seconds of this process (time.process_time), best of runs: on
a machine shared with other jobs, wall-clock time also counts the time the
process waits for a core. Exact Shapley with a callable is also timed
wall-clock for comparison.
"""

from __future__ import annotations

import time

import numpy as np

from xbec import beyond as an
from xbec.model.vertical import MAX_SHAPLEY_PLAYERS


def show(m: an.CostMeasurement) -> None:
    print(f"{m.rule}")
    print("      n   evaluations of v        seconds")
    for n, e, s in zip(m.n, m.evaluations, m.seconds):
        print(f"  {n:>9,d}  {e:>17,d}  {s:>13.6f}")


def main() -> None:
    cpu = time.process_time
    print("times: CPU seconds of this process, best of runs")
    small = an.measure_shapley_cost(range(2, 15), repeat=3, clock=cpu)
    large = an.measure_shapley_cost(range(15, 21), repeat=2, clock=cpu)
    shap = an.CostMeasurement(small.rule, np.r_[small.n, large.n], np.r_[small.seconds, large.seconds],
                              np.r_[small.evaluations, large.evaluations])
    show(shap)
    vec = an.measure_shapley_cost(range(2, 23), repeat=2, vectorised=True, clock=cpu)
    show(vec)
    ra = an.measure_raiffa_cost([2, 3, 4, 5, 10, 20, 50, 100, 10**3, 10**4, 10**5, 10**6, 10**7], repeat=3,
                                clock=cpu)
    show(ra)
    nu = an.measure_nucleolus_cost(range(3, 11), clock=cpu)
    show(nu)
    wall = an.measure_shapley_cost([16, 18, 20], repeat=1)
    print("Shapley (exact), wall-clock seconds: "
          + ", ".join(f"n={n}: {t:.2f} s" for n, t in zip(wall.n, wall.seconds)))
    for m in (shap, vec):
        fit = an.fit_cost_growth(m, n_min=12)
        print(f"{m.rule}: log2(seconds) = {fit.intercept:.2f} + {fit.slope:.3f} n (fit on n = 12..{m.n.max()}; "
              f"growth factor {2 ** fit.slope:.2f} per member)")
        for secs, label in ((1.0, "1 s"), (60.0, "60 s"), (3600.0, "1 h")):
            n_at = fit.n_for(secs)
            kind = "measured range" if n_at <= m.n.max() else "EXTRAPOLATED"
            print(f"  reaches {label:>4} at n = {n_at:.1f} ({kind})")
    print(f"exact Shapley's table of 2**n float64 worths: n = {MAX_SHAPLEY_PLAYERS} -> "
          f"{2**MAX_SHAPLEY_PLAYERS * 8 / 2**20:,.0f} MiB (xbec's limit); n = 30 -> 8 GiB")
    i20 = list(shap.n).index(20)
    j = list(ra.n).index(10**6)
    print(f"at n = 20: Shapley {shap.seconds[i20]:.2f} s, {shap.evaluations[i20]:,d} evaluations; "
          f"Raiffa at n = 10**6: {ra.seconds[j] * 1e3:.1f} ms, {ra.evaluations[j]:,d} evaluations")


if __name__ == "__main__":
    main()
