"""Frictionless ``datapackage.json`` of a run's CSV tables and of ``sweep.csv``, and the sweep's headline columns.

The headline columns are computed from the library at each point's parameters (``xbec.acceptable_lambda``,
``xbec.claims``, Tables 1-2 at the paper's lam = 0.8), not read from the chapters' glue keys, which change when
a chapter is rewritten.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path
from typing import Any

from ..errors import ModelDomainError
from .params import DESCRIPTIONS, NAMES, Validated

LAM = 0.8  # the paper's running example of a revenue share (Table 1-2 rows, §5.1)
MONEY = "currency units of §5 (per period)"
CSV = {"profile": "tabular-data-resource", "format": "csv", "mediatype": "text/csv", "encoding": "utf-8"}
BAND = "end of the acceptable revenue-share band, xbec.acceptable_lambda (§3.4); empty: none"
#: column -> (description, unit) of Tables 1 and 2 (xbec.replication.numerics)
COLUMNS: dict[str, tuple[str, str]] = {
    "lambda": ("revenue share lam kept by the platform, eq (10)", ""),
    "p": ("retail price p under revenue sharing, eq (10)", "currency units per item"),
    "w": ("manufacturer's wholesale price w, eq (10)", "currency units per item"),
    "s": ("logistics service level s, eq (10)", "service units"),
    "demand": ("demand D = beta - b1 p + b2 s, eq (1)", "items"),
    "pi_platform": ("platform's profit pi1(lam), eq (11)", MONEY),
    "pi_manufacturer": ("manufacturer's profit pi2(lam), eq (11)", MONEY),
    "pi_total": ("alliance's total profit pi1 + pi2", MONEY),
    "V": ("value V(N) = pi1(lam) the vertical alliance allocates, §5.2", MONEY),
}
HEADLINE: dict[str, tuple[str, str]] = {
    "point": ("folder of this point's run, relative to sweep.csv", ""),
    "lambda_lo": (f"lower {BAND}", ""),
    "lambda_hi": (f"upper {BAND}", ""),
    "dec_p": ("decentralised retail price p1*, xbec.decentralized (§3.2)", "currency units per item"),
    "dec_pi_platform": ("decentralised platform profit pi1*, xbec.decentralized (§3.2)", MONEY),
    "dec_pi_manufacturer": ("decentralised manufacturer profit pi2*, xbec.decentralized (§3.2)", MONEY),
    "cen_pi_total": ("centralised total profit, xbec.centralized (§3.3)", MONEY),
}


def _type(values: list[str]) -> str:
    present = [x for x in values if x != ""]
    if present and all(re.fullmatch(r"[+-]?\d+", x) for x in present):
        return "integer"
    try:
        [float(x) for x in present]
    except ValueError:
        return "string"
    return "number"


def _describe(column: str, table: str) -> tuple[str, str]:
    if column in HEADLINE or column in COLUMNS:
        return (HEADLINE | COLUMNS)[column]
    if column in NAMES:
        return f"parameter {column}: {DESCRIPTIONS[column]}", ""
    if m := re.fullmatch(r"x(\d+)", column):
        return f"improved-Raiffa allocation to member {m[1]}, eq (15)", MONEY
    if m := re.fullmatch(r"claim_(.+)", column):
        return f"verdict of the paper's claim {m[1]!r}, xbec.claims (§5.3, §6)", ""
    if m := re.fullmatch(r"(t1|t2)_(.+)", column):
        base = _describe(m[2], table)
        return f"Table {m[1][1]} at lam = {LAM}: {base[0]}", base[1]
    if ":" in column:
        chapter, name = column.split(":", 1)
        return f"number glued as {name!r} by chapter {chapter} (myst-nb glue; see that page)", ""
    return f"column {column!r} of {table}, written by a chapter of the book", ""


def write_datapackage(folder: Path, name: str) -> Path | None:
    """``folder/datapackage.json`` describing every top-level ``*.csv`` in ``folder`` (None: there is none)."""
    resources = []
    for path in sorted(folder.glob("*.csv")):
        with path.open(newline="", encoding="utf-8") as fh:
            rows = list(csv.reader(fh))
        if not rows:
            continue
        fields = []
        for i, col in enumerate(rows[0]):
            description, unit = _describe(col, path.name)
            field: dict[str, Any] = {"name": col, "type": _type([r[i] if i < len(r) else "" for r in rows[1:]])}
            fields.append(field | {"description": description} | ({"unit": unit} if unit else {}))
        stem = re.sub(r"[^a-z0-9._-]", "-", path.stem.lower())
        resources.append({"name": stem, "path": path.name} | CSV | {"schema": {"fields": fields}})
    if not resources:
        return None
    package = {"name": name, "profile": "tabular-data-package", "resources": resources}
    (folder / "datapackage.json").write_text(json.dumps(package, indent=2) + "\n", encoding="utf-8")
    return folder / "datapackage.json"


def headline(v: Validated) -> dict[str, str]:
    """The headline columns of one sweep point, from the library at its parameters."""
    from .. import acceptable_lambda, centralized, claims, decentralized
    from ..replication.numerics import table1, table2

    hp, vp = v.horizontal, v.vertical
    try:
        band: tuple[Any, ...] = tuple(acceptable_lambda(hp))
    except ModelDomainError:
        band = ("", "")
    dec, cen = decentralized(hp), centralized(hp)
    out = {"lambda_lo": band[0], "lambda_hi": band[1]}
    out |= {"dec_p": dec.p, "dec_pi_platform": dec.pi_platform, "dec_pi_manufacturer": dec.pi_manufacturer}
    out |= {"cen_pi_total": cen.pi_total}
    out |= {f"claim_{c.key}": c.verdict for c in claims(hp, vp)}
    out |= {f"t1_{k}": x[0] for k, x in table1(hp, [LAM]).items() if k != "lambda"}
    out |= {f"t2_{k}": x[0] for k, x in table2(hp, vp, [LAM]).items() if k != "lambda"}
    return {k: x if isinstance(x, str) else repr(float(x)) for k, x in out.items()}
