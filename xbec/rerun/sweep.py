"""``xbec run --grid NAME=V1,V2 ...``: one run per point of the Cartesian product, and ``sweep.csv``.

Each point is a complete run (its own ``manifest.json``) in a subfolder named
after its values; executions come from the cache when a point was run before.
``sweep.csv`` has one row per point: its parameters, then every number each
chapter glued (myst-nb ``glue``), read back from the executed notebooks, as
``CHAPTER:NAME`` columns.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
from pathlib import Path
from typing import Any, TextIO

from .params import ParameterError, Validated, format_value, validate
from .run import NOTEBOOK_DIR, Notebook, run_point, write_manifest

MAX_POINTS = 1000


def points(base: Validated, grid: dict[str, list[float]], chapters: tuple[str, ...] = ()) -> list[Validated]:
    """Every point of ``grid`` on top of ``base``, each validated before anything runs."""
    combos = list(itertools.islice(itertools.product(*grid.values()), MAX_POINTS + 1))
    if len(combos) > MAX_POINTS:
        raise ParameterError(f"--grid: more than {MAX_POINTS} points; sweep fewer values")
    out = []
    for combo in combos:
        point = dict(zip(grid, combo))
        try:
            out.append(validate({**base.values, **point}, chapters))
        except ParameterError as exc:
            raise ParameterError(f"--grid point {point_name(point)}: {exc}") from None
    return out


def point_name(point: dict[str, float]) -> str:
    """``beta-200_c-10``: the subfolder of a point."""
    return "_".join(f"{k}-{format_value(v)}" for k, v in point.items())


def glued(executed: Path) -> dict[str, float]:
    """The numbers a notebook glued (myst-nb stores them as outputs with ``scrapbook`` metadata)."""
    nb = json.loads(executed.read_text(encoding="utf-8"))
    out = {}
    for cell in nb["cells"]:
        for o in cell.get("outputs", []):
            book = o.get("metadata", {}).get("scrapbook", {})
            name, text = book.get("name"), o.get("data", {}).get(book.get("mime_prefix", "") + "text/plain")
            try:
                out[name] = float("".join(text) if isinstance(text, list) else text)
            except (TypeError, ValueError):
                continue
    return out


def run_sweep(base: Validated, notebooks: list[Notebook], stage: Path, grid: dict[str, list[float]],
              *, log: TextIO, **kw: Any) -> Path:
    """Run every point into ``stage/<point>/``, then write ``stage/sweep.csv`` and the sweep's manifest."""
    from tqdm.auto import tqdm

    chapters = tuple(nb.name for nb in notebooks)
    todo = points(base, grid, chapters)
    rows = []
    for v in tqdm(todo, unit="point", disable=not kw.get("progress", True), file=log):
        point = {k: v.values[k] for k in grid}
        run_point(v, notebooks, stage / point_name(point), **kw)
        row: dict[str, Any] = {k: format_value(x) for k, x in point.items()}
        for nb in notebooks:
            for k, x in glued(stage / point_name(point) / NOTEBOOK_DIR / f"{nb.name}.ipynb").items():
                row[f"{nb.name}:{k}"] = repr(x)
        rows.append(row)
    columns = list(dict.fromkeys(k for r in rows for k in r))
    buf = io.StringIO()
    writer = csv.DictWriter(buf, columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    (stage / "sweep.csv").write_text(buf.getvalue(), encoding="utf-8")
    write_manifest(stage, {"sweep": {k: [format_value(x) for x in vals] for k, vals in grid.items()},
                           "parameters": base.values, "points": [point_name({k: v.values[k] for k in grid})
                                                                  for v in todo]})
    return stage / "sweep.csv"
