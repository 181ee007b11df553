"""``xbec run --grid``: a six-point sweep's time per point against one plain run, cold and cached.

Prints, for the default chapters (or ``--notebooks``):

* one plain ``xbec run`` (no cache) with the paper's parameters;
* a six-point sweep (beta = 200, 250, 300 x c = 10, 20) on an empty cache
  (cold), as time per point;
* the same sweep again (every execution comes from the cache), and its cost
  relative to the cold sweep (target: <= 25 %).

Fresh ``python -m xbec`` processes with a private cache in a temporary
directory. Asserts nothing; skips (exit 0) without papermill.

Usage: python benchmarks/bench_sweep.py [--notebooks NAME ...] [--cluster N]
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

GRID = ["--grid", "beta=200,250,300", "--grid", "c=10,20"]


def timed(args: list[str], cwd: Path) -> float:
    t0 = time.perf_counter()
    res = subprocess.run([sys.executable, "-m", "xbec", "run", *args], cwd=cwd, capture_output=True, text=True,
                         env={**os.environ, "XBEC_CACHE": str(cwd / "cache")})
    if res.returncode != 0:
        sys.exit(f"bench_sweep: xbec run {' '.join(args)} failed:\n{res.stderr[-2000:]}")
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--notebooks", "-n", nargs="+", default=[])
    ap.add_argument("--cluster", type=int, default=0, metavar="N",
                    help="also the cold sweep on a local Dask cluster of N workers (--scheduler)")
    opts = ap.parse_args()
    if importlib.util.find_spec("papermill") is None:
        print("bench_sweep: papermill not installed (pip install -e '.[run]'); skipped")
        return
    chosen = ["-n", *opts.notebooks] if opts.notebooks else []
    with tempfile.TemporaryDirectory(prefix="xbec-bench-") as tmp:
        cwd = Path(tmp)
        plain = timed([*chosen, "--no-cache", "--out", "plain"], cwd)
        cold = timed([*chosen, *GRID, "--out", "cold"], cwd)
        warm = timed([*chosen, *GRID, "--out", "warm"], cwd)
        remote = None
        if opts.cluster:
            from distributed import LocalCluster

            with LocalCluster(n_workers=opts.cluster, threads_per_worker=1, dashboard_address=None) as cluster:
                remote = timed([*chosen, *GRID, "--no-cache", "--scheduler", cluster.scheduler_address,
                                "--out", "remote"], cwd)
    what = " ".join(opts.notebooks) or "every default chapter"
    print(f"xbec run, {what}, {len(os.sched_getaffinity(0))} cores, load average {os.getloadavg()[0]:.1f}:")
    print(f"  one plain run (no cache)        {plain:7.1f} s")
    print(f"  six-point sweep, cold cache     {cold:7.1f} s = {cold / 6:6.1f} s per point ({cold / 6 / plain:.2f} x a run)")
    print(f"  the same sweep again (cached)   {warm:7.1f} s = {warm / 6:6.1f} s per point "
          f"({100 * warm / cold:.0f} % of the cold sweep; target <= 25 %)")
    if remote is not None:
        print(f"  cold sweep on {opts.cluster} Dask workers  {remote:7.1f} s (--scheduler, no cache)")


if __name__ == "__main__":
    main()
