"""``xbec run`` wall time (issue 4). Prints its figures; asserts nothing.

1. ``xbec run`` of every default notebook with the paper's parameters and with
   beta = 300, c = 20, ``--jobs`` = number of cores (target: <= 20 s on 2 cores);
2. the same with ``--jobs 1`` (how much the parallelism buys);
3. ``xbec run --book`` (execution + the HTML companion of the run);
4. ``xbec tables`` (no notebooks), for comparison.

Each is a fresh ``python -m xbec`` process, as a user would run it; the run
directories go to a temporary directory. Skips (exit 0) without papermill.

Usage: python benchmarks/bench_run.py [--repeat N]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def timed(args: list[str], cwd: Path) -> tuple[float, subprocess.CompletedProcess]:
    t = time.perf_counter()
    res = subprocess.run([sys.executable, "-m", "xbec", *args], cwd=cwd, capture_output=True, text=True)
    return time.perf_counter() - t, res


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=2)
    opts = ap.parse_args()
    if importlib.util.find_spec("papermill") is None:
        print("bench_run: papermill not installed (pip install -e '.[run]'); skipped")
        return
    cores = len(os.sched_getaffinity(0))
    with tempfile.TemporaryDirectory(prefix="xbec-bench-") as tmp:
        cwd = Path(tmp)
        k = 0
        cases = [
            ("paper parameters", ["--params", str(Path(__file__).resolve().parents[1] / "examples" / "paper.yml")]),
            ("beta=300, c=20", ["--param", "beta=300", "--param", "c=20"]),
            ("beta=300, c=20, --jobs 1", ["--param", "beta=300", "--param", "c=20", "--jobs", "1"]),
            ("beta=300, c=20, --book", ["--param", "beta=300", "--param", "c=20", "--book"]),
        ]
        print(f"xbec run, every default notebook, {cores} cores (best of {opts.repeat}):")
        for label, args in cases:
            best, manifest = None, None
            for _ in range(opts.repeat):
                k += 1
                secs, res = timed(["run", *args, "--out", f"r{k}"], cwd)
                if res.returncode != 0:
                    print(f"  {label}: FAILED (exit {res.returncode})\n{res.stderr[-2000:]}")
                    break
                if best is None or secs < best:
                    best = secs
                    manifest = json.loads((cwd / f"r{k}" / "manifest.json").read_text())
            if best is None:
                continue
            per_nb = manifest["notebooks"]
            slowest = max(per_nb, key=lambda n: per_nb[n]["seconds"])
            book = f", book {manifest['book']['seconds']:.1f} s" if manifest.get("book") else ""
            print(
                f"  {label:<28} {best:6.1f} s wall ({len(per_nb)} notebooks, jobs={manifest['jobs']}; "
                f"sum of notebook times {sum(v['seconds'] for v in per_nb.values()):.1f} s, "
                f"slowest {slowest} {per_nb[slowest]['seconds']:.1f} s{book})"
            )
        secs, res = timed(["tables", "--param", "beta=300", "--param", "c=20"], cwd)
        print(f"  {'xbec tables (no notebooks)':<28} {secs:6.2f} s")


if __name__ == "__main__":
    main()
