"""Benchmark of issue 5, part 1: vectorised maps of the acceptable λ band.

Prints its figures; asserts nothing.

1. ``xbec.beyond.band_map`` on 200 x 200 grids over (b2, gamma1) and
   (beta, c) around the paper's values, and on a 1000 x 1000 grid: the band's
   conditions are quadratics in λ whose coefficients are computed as arrays,
   solved elementwise (no Python loop over grid points).
2. The same band point by point with the scalar front end
   ``xbec.acceptable_lambda`` on a random sample of the 200 x 200 grid, its
   time extrapolated to the whole grid, and the largest disagreement. Both
   call the one band solver ``xbec.model.band.solve_bands`` (on 0-d arrays
   for the scalar front end), so the disagreement checks the vectorised
   bookkeeping (broadcasting, domain masks), not two implementations.
3. How much of each grid has a non-empty band, an empty band, or lies outside
   the model's domain.
4. The same maps against the manufacturer-led benchmark
   (``leader="manufacturer"``, participation conditions only), and the
   (rho, kappa) maps of ``xbec.beyond.leader_band_maps``.
"""

from __future__ import annotations

import time

import numpy as np

import xbec
from xbec import beyond as an


def best_of(fn, repeat=3):
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return min(times), out


GRIDS = {
    "(b2, gamma1)": ("b2", np.linspace(0.0, 2.5, 200), "gamma1", np.linspace(0.2, 3.0, 200)),
    "(beta, c)": ("beta", np.linspace(50.0, 400.0, 200), "c", np.linspace(0.0, 60.0, 200)),
}


def scalar_band(params):
    try:
        band = xbec.acceptable_lambda(params)
    except xbec.ModelDomainError:
        return np.nan, np.nan
    return band.lo, band.hi


def main() -> None:
    params = xbec.HorizontalParams()
    rng = np.random.default_rng(0)
    print("band_map: vectorised acceptable-λ band (revenue-sharing contract, §3.4)")
    for label, (xn, x, yn, y) in GRIDS.items():
        t_vec, m = best_of(lambda: an.band_map(params, xn, x, yn, y))
        fractions = ", ".join(f"{an.BAND_STATUS[k]} {m.fraction(k):.1%}" for k in an.BAND_STATUS if m.fraction(k))
        print(f"  {label}, 200 x 200 = {m.status.size:,} points: {t_vec * 1e3:.1f} ms "
              f"({t_vec / m.status.size * 1e6:.2f} us per point)")
        print(f"    {fractions}")
        ok = m.status == an.BAND_OK
        print(f"    width where non-empty: min {np.nanmin(m.width[ok]):.4f}, median {np.nanmedian(m.width[ok]):.4f}, "
              f"max {np.nanmax(m.width[ok]):.4f}")
        # scalar solver on a sample, for time and agreement
        idx = rng.integers(0, 200, size=(300, 2))
        t0 = time.perf_counter()
        worst = 0.0
        for i, j in idx:
            try:
                p = params.replace(**{xn: x[j], yn: y[i]})
            except xbec.ModelDomainError:
                continue
            lo, hi = scalar_band(p)
            if np.isnan(lo):
                assert m.status[i, j] != an.BAND_OK
            else:
                worst = max(worst, abs(lo - m.lo[i, j]), abs(hi - m.hi[i, j]))
        t_point = (time.perf_counter() - t0) / len(idx)
        print(f"    scalar acceptable_lambda: {t_point * 1e3:.2f} ms per point -> "
              f"{t_point * m.status.size:.1f} s extrapolated for the grid; "
              f"speed-up {t_point * m.status.size / t_vec:,.0f}x; "
              f"largest |difference| of the band's ends on {len(idx)} sampled points: {worst:.1e}")
    t_big, m = best_of(lambda: an.band_map(params, "b2", np.linspace(0, 2.5, 1000),
                                             "gamma1", np.linspace(0.2, 3.0, 1000)), repeat=2)
    print(f"  (b2, gamma1), 1000 x 1000 = 10**6 points: {t_big:.2f} s")
    print("manufacturer-led benchmark, participation conditions only")
    xn, x, yn, y = GRIDS["(b2, gamma1)"]
    t_man, m = best_of(lambda: an.band_map(params, xn, x, yn, y, platform_leads=False, leader="manufacturer"))
    print(f"  (b2, gamma1), 200 x 200: {t_man * 1e3:.1f} ms; band non-empty {m.fraction(an.BAND_OK):.1%}")
    t_one, _ = best_of(lambda: [xbec.acceptable_lambda(params, "manufacturer", platform_earns_more=False)
                                for _ in range(200)])
    print(f"  scalar acceptable_lambda(leader='manufacturer'): {t_one / 200 * 1e3:.3f} ms per call")
    rho, kappa = np.linspace(0, 0.995, 400), np.linspace(0, 0.3, 400)
    t_lead, maps = best_of(lambda: an.leader_band_maps(rho[None, :], kappa[:, None]))
    shares = ", ".join(f"{k} {np.mean(v.status == an.BAND_OK):.1%}" for k, v in maps.items())
    print(f"  leader_band_maps over (rho, kappa), 2 x 400 x 400: {t_lead * 1e3:.1f} ms; band non-empty: {shares}")


if __name__ == "__main__":
    main()
