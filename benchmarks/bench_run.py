"""``import xbec`` and a cold ``xbec run``, each beside its floor, printed side by side (issue 16 item 7).

1. ``import xbec`` against ``import numpy`` (fresh interpreters, best of ``--repeat``; target: at most 2x);
2. a cold ``xbec run`` of every default chapter (empty private cache) against the same number of empty
   notebooks run the same way through papermill (the floor: kernel start-up and papermill's overhead;
   target: at most 25 s on 2 cores);
3. the same ``xbec run`` again, every execution from the cache (target: at most 10 % of the cold run);
4. ``xbec tables`` (no notebooks), for comparison.

Fresh ``python -m xbec`` processes, run directories and the cache in a temporary directory. Wall time
depends on what else runs on the machine (the load average is printed); CPU time of xbec and its kernels
does not. Asserts nothing; skips (exit 0) without papermill.

Usage: python benchmarks/bench_run.py [--repeat N] [--notebooks NAME ...]
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


def timed(args: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, float, subprocess.CompletedProcess]:
    """(wall seconds, CPU seconds of the process and its children, result)."""
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    res = subprocess.run([sys.executable, *args], cwd=cwd, capture_output=True, text=True, env=env)
    wall = time.perf_counter() - t
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime), res


def empty_root(path: Path, names: list[str]) -> Path:
    """A checkout with one empty notebook (a parameters cell only) per chapter name."""
    import nbformat

    (path / "notebooks").mkdir(parents=True)
    toc = "format: jb-book\nroot: intro\nchapters:\n" + "".join(f"  - file: notebooks/{n}\n" for n in names)
    (path / "_toc.yml").write_text(toc)
    for n in names:
        nb = nbformat.v4.new_notebook()
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        nb.cells.append(nbformat.v4.new_code_cell('output_dir = "outputs"', metadata={"tags": ["parameters"]}))
        nbformat.write(nb, path / "notebooks" / f"{n}.ipynb")
    return path


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5, help="import timings: best of N")
    ap.add_argument("--notebooks", nargs="+", default=[])
    opts = ap.parse_args()
    if importlib.util.find_spec("papermill") is None:
        print("bench_run: papermill not installed (pip install -e '.[run]'); skipped")
        return
    cores, load = len(os.sched_getaffinity(0)), os.getloadavg()[0]
    print(f"bench_run: {cores} cores, load average {load:.1f} at the start")
    with tempfile.TemporaryDirectory(prefix="xbec-bench-") as tmp:
        cwd, env = Path(tmp), {**os.environ, "XBEC_CACHE": str(Path(tmp) / "cache")}
        imports = {}
        for mod in ("numpy", "xbec"):
            imports[mod] = min(timed(["-c", f"import {mod}"], cwd, env)[0] for _ in range(opts.repeat))
        base = min(timed(["-c", "pass"], cwd, env)[0] for _ in range(opts.repeat))
        ratio = (imports["xbec"] - base) / (imports["numpy"] - base)
        print(
            f"  import numpy {imports['numpy']:6.2f} s | import xbec {imports['xbec']:6.2f} s | "
            f"interpreter alone {base:.2f} s; xbec/numpy beyond start-up {ratio:.1f}x (target <= 2x)"
        )
        sel = ["--notebooks", *opts.notebooks] if opts.notebooks else []
        cold, cpu, res = timed(["-m", "xbec", "run", *sel, "--out", "cold"], cwd, env)
        if res.returncode != 0:
            print(f"  cold xbec run FAILED (exit {res.returncode})\n{res.stderr[-2000:]}")
            return
        names = list(json.loads((cwd / "cold" / "manifest.json").read_text())["notebooks"])
        root = empty_root(cwd / "empty", names)
        floor, fcpu, fres = timed(["-m", "xbec", "run", "--root", str(root), "--no-cache", "--out", "e"], cwd, env)
        again, _, ares = timed(["-m", "xbec", "run", *sel, "--out", "again"], cwd, env)
        tables, _, _ = timed(["-m", "xbec", "tables", "--param", "beta=300"], cwd, env)
        print(
            f"  cold xbec run, {len(names)} chapters {cold:6.1f} s wall, {cpu:6.1f} s CPU (target <= 25 s) | "
            f"{len(names)} empty notebooks {floor:6.1f} s wall, {fcpu:6.1f} s CPU"
            + ("" if fres.returncode == 0 else " (FAILED)")
        )
        print(
            f"  repeat from the cache {again:6.2f} s = {100 * again / cold:.0f} % of the cold run (target <= 10 %)"
            + ("" if ares.returncode == 0 else " (FAILED)")
            + f" | xbec tables {tables:.2f} s"
        )
        print(f"bench_run: load average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
