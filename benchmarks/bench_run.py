"""``xbec run`` wall time (issue 4). Prints its figures; asserts nothing.

1. ``xbec run`` of every default notebook with the paper's parameters and with
   beta = 300, c = 20, ``--jobs`` = number of cores (target: <= 20 s on 2 cores);
2. the same with ``--jobs 1`` (how much the parallelism buys);
3. ``xbec run --book`` (execution + the HTML companion of the run);
4. ``xbec tables`` (no notebooks), for comparison.

Each is a fresh ``python -m xbec`` process with ``--no-cache`` (the cached
case: benchmarks/bench_sweep.py), as a user would run it; the run
directories go to a temporary directory. Wall time depends on what else runs
on the machine (the load average is printed); the CPU time of xbec and its
kernels does not, and CPU / cores bounds the wall time from below.
Skips (exit 0) without papermill.

Usage: python benchmarks/bench_run.py [--repeat N]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def timed(args: list[str], cwd: Path) -> tuple[float, float, subprocess.CompletedProcess]:
    """(wall seconds, CPU seconds of xbec and its kernels, result)."""
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    res = subprocess.run([sys.executable, "-m", "xbec", *args], cwd=cwd, capture_output=True, text=True)
    wall = time.perf_counter() - t
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime), res


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=2)
    opts = ap.parse_args()
    if importlib.util.find_spec("papermill") is None:
        print("bench_run: papermill not installed (pip install -e '.[run]'); skipped")
        return
    cores = len(os.sched_getaffinity(0))
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="xbec-bench-") as tmp:
        cwd = Path(tmp)
        k = 0
        cases = [
            ("paper parameters", ["--params", str(Path(__file__).resolve().parents[1] / "examples" / "paper.yml")]),
            ("beta=300, c=20", ["--param", "beta=300", "--param", "c=20"]),
            ("beta=300, c=20, --jobs 1", ["--param", "beta=300", "--param", "c=20", "--jobs", "1"]),
            ("beta=300, c=20, --book", ["--param", "beta=300", "--param", "c=20", "--book"]),
        ]
        print(f"xbec run, every default notebook, {cores} cores, load average {load:.1f} (best of {opts.repeat}):")
        for label, args in cases:
            best, manifest, cpu = None, None, None
            for _ in range(opts.repeat):
                k += 1
                secs, cpu_secs, res = timed(["run", *args, "--no-cache", "--out", f"r{k}"], cwd)
                if res.returncode != 0:
                    print(f"  {label}: FAILED (exit {res.returncode})\n{res.stderr[-2000:]}")
                    break
                if best is None or secs < best:
                    best, cpu = secs, cpu_secs
                    manifest = json.loads((cwd / f"r{k}" / "manifest.json").read_text())
            if best is None:
                continue
            per_nb = manifest["notebooks"]
            slowest = max(per_nb, key=lambda n: per_nb[n]["seconds"])
            book = ""
            print(
                f"  {label:<28} {best:6.1f} s wall, {cpu:6.1f} s CPU ({len(per_nb)} notebooks; "
                f"sum of notebook times {sum(v['seconds'] for v in per_nb.values()):.1f} s, "
                f"slowest {slowest} {per_nb[slowest]['seconds']:.1f} s{book})"
            )
        secs, _, res = timed(["tables", "--param", "beta=300", "--param", "c=20"], cwd)
        print(f"  {'xbec tables (no notebooks)':<28} {secs:6.2f} s")


if __name__ == "__main__":
    main()
