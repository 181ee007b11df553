"""``xbec run --grid NAME=V1,V2 ...``: one complete run per point of the product, and ``sweep.csv``.

Points go to subfolders named after their values (``beta-200_c-10``), each with
its manifest; executions come from the cache when a point ran before.
``sweep.csv`` has a row per point: its parameters, then every number each
chapter glued (myst-nb ``glue``), read back from the executed notebooks as
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


def run_sweep(
    base: Validated, notebooks: list[Notebook], stage: Path, grid: dict[str, list[float]], *, log: TextIO, **kw: Any
) -> Path:
    """Validate every point, run each into ``stage/<point>/``, write ``sweep.csv`` and a manifest."""
    from tqdm.auto import tqdm

    combos = list(itertools.islice(itertools.product(*grid.values()), MAX_POINTS + 1))
    if len(combos) > MAX_POINTS:
        raise ParameterError(f"--grid: more than {MAX_POINTS} points; sweep fewer values")
    names, points = [], []
    for combo in combos:
        names.append("_".join(f"{k}-{format_value(x)}" for k, x in zip(grid, combo)))
        try:
            points.append(validate({**base.values, **dict(zip(grid, combo))}, tuple(nb.name for nb in notebooks)))
        except ParameterError as exc:
            raise ParameterError(f"--grid point {names[-1]}: {exc}") from None
    rows = []
    for name, v in zip(names, tqdm(points, unit="point", disable=not kw.get("progress"), file=log)):
        run_point(v, notebooks, stage / name, **kw)
        rows.append(
            {k: format_value(v.values[k]) for k in grid}
            | {
                f"{nb.name}:{k}": repr(x)
                for nb in notebooks
                for k, x in glued(stage / name / NOTEBOOK_DIR / f"{nb.name}.ipynb").items()
            }
        )
    buf = io.StringIO()
    writer = csv.DictWriter(buf, list(dict.fromkeys(k for r in rows for k in r)), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    (stage / "sweep.csv").write_text(buf.getvalue(), encoding="utf-8")
    write_manifest(stage, {"parameters": base.values, "sweep": grid, "points": names})
    return stage / "sweep.csv"
