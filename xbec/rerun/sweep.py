"""``xbec run --grid NAME=V1,V2 ...``: one complete run per point of the product, ``sweep.csv`` and its
``datapackage.json``.

Points go to subfolders named after their values (``beta-200_c-10``), each with its manifest; executions come
from the cache when a point ran before; with ``--scheduler`` the notebooks execute on a Dask cluster.
``sweep.csv`` has a row per point: ``point`` (its folder), the swept parameters, the headline columns
(:func:`.tables.headline`: ``lambda_lo``/``lambda_hi``, ``claim_*`` verdicts, ``dec_*``/``cen_*``, Tables 1-2
at lam = 0.8 as ``t1_*``/``t2_*``), then every number each chapter glued (myst-nb ``glue``) as ``CHAPTER:NAME``.
"""

from __future__ import annotations

import csv
import itertools
import json
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TextIO

from .params import ParameterError, Validated, format_value, validate
from .run import NOTEBOOK_DIR, Notebook, RunError, progress_bar, run_point, write_manifest
from .tables import headline, write_datapackage

MAX_POINTS = 1000


def glued(executed: Path) -> dict[str, float]:
    """The numbers a notebook glued: outputs whose metadata carry myst-nb's ``scrapbook`` name."""
    out = {}
    for cell in json.loads(executed.read_text(encoding="utf-8"))["cells"]:
        for o in cell.get("outputs", []):
            book = o.get("metadata", {}).get("scrapbook", {})
            text = o.get("data", {}).get(book.get("mime_prefix", "") + "text/plain")
            try:
                out[book["name"]] = float("".join(text) if isinstance(text, list) else text)
            except (KeyError, TypeError, ValueError):
                continue
    return out


def point_name(grid: dict[str, list[float]], combo: tuple[float, ...]) -> str:
    """The folder of one point: ``beta-200_c-10``."""
    return "_".join(f"{k}-{format_value(x)}" for k, x in zip(grid, combo))


def points(base: Validated, chapters: tuple[str, ...], grid: dict[str, list[float]]) -> list[tuple[str, Validated]]:
    """Every point of the grid, named and validated, before anything runs (:class:`ParameterError` otherwise)."""
    combos = list(itertools.islice(itertools.product(*grid.values()), MAX_POINTS + 1))
    if len(combos) > MAX_POINTS:
        raise ParameterError(f"--grid: more than {MAX_POINTS} points; sweep fewer values")
    out = []
    for combo in combos:
        name = point_name(grid, combo)
        try:
            out.append((name, validate({**base.values, **dict(zip(grid, combo))}, chapters)))
        except ParameterError as exc:
            raise ParameterError(f"--grid point {name}: {exc}") from None
    return out


def run_sweep(
    base: Validated,
    notebooks: list[Notebook],
    stage: Path,
    grid: dict[str, list[float]],
    *,
    log: TextIO,
    scheduler: str | None = None,
    todo: list[tuple[str, Validated]] | None = None,
    **kw: Any,
) -> Path:
    """Run each point into ``stage/<point>/`` (on the Dask cluster at ``scheduler`` if given), write
    ``sweep.csv``, its ``datapackage.json`` and a manifest; ``todo``: the points, if :func:`points` ran already."""
    todo = todo or points(base, tuple(nb.name for nb in notebooks), grid)
    warnings = sorted({w for _, v in todo for w in v.warnings})
    for w in warnings:  # once per sweep, not per point
        print(f"xbec run: warning: {w}", file=log)
    client = None
    if scheduler:
        from distributed import Client

        try:
            client = Client(scheduler, set_as_default=False)  # timeout: dask's distributed.comm.timeouts.connect
        except (OSError, TimeoutError, ValueError) as exc:
            raise RunError(f"--scheduler {scheduler[:80]}: cannot connect ({type(exc).__name__})") from None
    hits, t0, done = 0, time.perf_counter(), 0

    def one(i: int, name: str, v: Validated) -> None:
        nonlocal hits, done
        executor = client.get_executor() if client else None
        manifest = run_point(v, notebooks, stage / name, log=log, executor=executor, label=f"{name} ({i + 1})", **kw)
        hits, done = hits + sum(n["cached"] for n in manifest["notebooks"].values()), done + 1
        bar.update()
        bar.set_postfix_str(f"{hits} cache hits")
        if not kw.get("progress"):
            so_far = f"{time.perf_counter() - t0:.0f} s, {hits} cache hits so far"
            print(f"xbec run: point {name} done ({done} of {len(todo)}), {so_far}", file=log, flush=True)

    try:
        with progress_bar(len(todo), "point", "sweep", kw.get("progress", False), log) as bar:
            if client is None:
                for i, (name, v) in enumerate(todo):
                    one(i, name, v)
            else:  # the points at once: the cluster's workers take what they can
                with ThreadPoolExecutor(max_workers=min(len(todo), 32), thread_name_prefix="xbec-point") as pool:
                    for f in [pool.submit(one, i, name, v) for i, (name, v) in enumerate(todo)]:
                        f.result()
    finally:
        if client is not None:
            client.close()
    rows = []
    for name, v in todo:
        got = {nb.name: glued(stage / name / NOTEBOOK_DIR / f"{nb.name}.ipynb") for nb in notebooks}
        glue = {f"{chapter}:{k}": repr(x) for chapter, g in got.items() for k, x in g.items()}
        rows.append({"point": name} | {k: format_value(v.values[k]) for k in grid} | headline(v) | glue)
    with (stage / "sweep.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, list(dict.fromkeys(k for r in rows for k in r)), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    write_datapackage(stage, "xbec-sweep")
    write_manifest(
        stage, {"parameters": base.values, "sweep": grid, "points": [n for n, _ in todo], "warnings": warnings}
    )
    return stage / "sweep.csv"
