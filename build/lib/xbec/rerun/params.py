"""The parameters of a rerun: names, parsing, validation (``xbec run``, ``xbec tables``).

One flat namespace shared by the command line (``--param NAME=VALUE``), the
YAML file (``--params FILE.yml``) and the notebooks' ``parameters`` cells:

=============================================  ===================================
``beta, b1, b2, gamma1, c, K``                 :class:`~xbec.HorizontalParams` (§3.1, §5.1)
``mu, phi, theta, weights`` (lists of floats)  :class:`~xbec.VerticalParams` (§4, §5.2)
``lam_min, lam_max, lam_step``                 :func:`~xbec.numerics.lambda_grid` (Table 1, 2)
=============================================  ===================================

Defaults are the paper's values (the dataclasses' defaults). :func:`resolve`
merges defaults < file < command line and :func:`validate` builds the model
objects *and* evaluates everything the notebooks compute, so that a value
outside the model's domain is reported before any notebook runs. Every problem
raises :class:`ParameterError`, whose message names the parameter and the rule;
the command line turns it into exit code 2.

This module needs only the core dependencies; PyYAML is imported when a
parameter file is read.
"""

from __future__ import annotations

import difflib
import inspect
import json
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import ModelDomainError
from ..model.horizontal import HorizontalParams, centralized, decentralized, revenue_sharing
from ..replication.numerics import decentralized_allocation, lambda_grid, table1, table2
from ..model.vertical import VerticalParams

__all__ = [
    "ParameterError",
    "HORIZONTAL",
    "VERTICAL",
    "GRID",
    "NAMES",
    "VECTORS",
    "DESCRIPTIONS",
    "defaults",
    "parse_value",
    "parse_assignment",
    "load_file",
    "resolve",
    "Validated",
    "validate",
    "TABLE1_COLUMNS",
    "paper_table1",
    "format_value",
]

HORIZONTAL = tuple(f.name for f in fields(HorizontalParams))
VERTICAL = tuple(f.name for f in fields(VerticalParams) if f.init)
GRID = tuple(inspect.signature(lambda_grid).parameters)
NAMES = HORIZONTAL + VERTICAL + GRID
VECTORS = frozenset(VERTICAL)

DESCRIPTIONS = {
    "beta": "market size (> 0)",
    "b1": "price sensitivity of demand (> 0)",
    "b2": "service sensitivity of demand (>= 0; 2*b1*gamma1 - b2**2 > 0)",
    "gamma1": "logistics service cost coefficient (> 0)",
    "c": "manufacturer's unit cost (>= 0)",
    "K": "platform's fixed cost (>= 0)",
    "mu": "V(N \\ {i}), worth of the alliance without member i (one per member)",
    "phi": "cost invested by each member (>= 0, not all 0)",
    "theta": "service level of each member (>= 0, not all 0)",
    "weights": "weights of phi and theta in eq (14) (>= 0, sum 1)",
    "lam_min": "first revenue share of the λ grid, in (0, 1]",
    "lam_max": "last revenue share of the λ grid, in (0, 1], >= lam_min",
    "lam_step": "step of the λ grid (> 0)",
}

# Table 1 of the paper (and table1.csv of a run): these columns, in this order.
TABLE1_COLUMNS = ("lambda", "p", "w", "s", "pi_platform", "pi_manufacturer", "pi_total")


class ParameterError(ValueError):
    """A parameter is unknown, malformed or outside the model's domain."""


def defaults() -> dict[str, Any]:
    """The paper's values of every parameter (floats; lists for the vertical inputs)."""
    out: dict[str, Any] = {}
    hp = HorizontalParams()
    out.update({k: float(getattr(hp, k)) for k in HORIZONTAL})
    vp = VerticalParams()
    out.update({k: [float(x) for x in getattr(vp, k)] for k in VERTICAL})
    for name, p in inspect.signature(lambda_grid).parameters.items():
        out[name] = float(p.default)
    return out


def _suggest(name: str) -> str:
    lower = {n.lower(): n for n in NAMES}
    if name.lower() in lower:
        return f"; did you mean {lower[name.lower()]!r}?"
    close = difflib.get_close_matches(name, NAMES, n=1, cutoff=0.5)
    if not close:
        close = difflib.get_close_matches(name.lower(), list(lower), n=1, cutoff=0.5)
        close = [lower[c] for c in close]
    return f"; did you mean {close[0]!r}?" if close else ""


def _unknown(name: str, where: str) -> ParameterError:
    return ParameterError(
        f"unknown parameter {name!r}{where}{_suggest(name)} "
        f"(valid: {', '.join(NAMES)})"
    )


_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$|^[+-]?(inf|infinity|nan)$", re.I)


def _number(name: str, value: Any, where: str = "") -> float:
    """A float from a YAML/JSON number or a string; bools and other types are errors."""
    if isinstance(value, bool) or value is None:
        raise ParameterError(f"{name}={value!r}{where}: must be a number")
    if isinstance(value, (int, float, np.integer, np.floating)):
        return float(value)
    if isinstance(value, str) and _NUMBER.match(value.strip()):
        return float(value.strip())
    raise ParameterError(f"{name}={value!r}{where}: must be a number")


def parse_value(name: str, value: Any, where: str = "") -> float | list[float]:
    """Convert ``value`` (a string from ``--param`` or a YAML value) for parameter ``name``.

    Scalars: a number. Vectors (``mu, phi, theta, weights``): a list of numbers,
    given as a YAML/JSON list or, as a string, ``1600,2000,2300,2200`` or
    ``[1600, 2000, 2300, 2200]``.
    """
    if name not in NAMES:
        raise _unknown(name, where)
    if name not in VECTORS:
        if isinstance(value, (list, tuple)):
            raise ParameterError(f"{name}={value!r}{where}: must be a single number, not a list")
        return _number(name, value, where)
    items: Any = value
    if isinstance(value, str):
        text = value.strip()
        if text.startswith("["):
            try:
                items = json.loads(text)
            except json.JSONDecodeError:
                try:
                    import yaml  # YAML flow syntax, e.g. [1600, 2e3]
                except ImportError:  # pragma: no cover - PyYAML is in the run extra
                    raise ParameterError(
                        f"{name}={value!r}{where}: not a valid list; use 1600,2000,2300,2200"
                    ) from None
                try:
                    items = yaml.safe_load(text)
                except yaml.YAMLError:
                    raise ParameterError(
                        f"{name}={value!r}{where}: not a valid list; use 1600,2000,2300,2200"
                    ) from None
        else:
            items = [part for part in (p.strip() for p in text.split(",")) if part != ""] if text else []
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        raise ParameterError(
            f"{name}={value!r}{where}: must be a list of numbers, one per member "
            f"(e.g. {name}={format_value(defaults()[name])})"
        )
    if not isinstance(items, (list, tuple)):
        raise ParameterError(f"{name}={value!r}{where}: must be a list of numbers")
    if not items:
        raise ParameterError(f"{name}={value!r}{where}: must be a non-empty list of numbers")
    out = []
    for i, item in enumerate(items):
        if isinstance(item, (list, tuple, dict)):
            raise ParameterError(f"{name}[{i}]={item!r}{where}: must be a number")
        out.append(_number(f"{name}[{i}]", item, where))
    return out


def parse_assignment(text: str) -> tuple[str, float | list[float]]:
    """``"NAME=VALUE"`` (from ``--param``) -> ``(name, value)``."""
    name, sep, value = text.partition("=")
    name = name.strip()
    if not sep or not name:
        raise ParameterError(f"--param {text!r}: expected NAME=VALUE, e.g. --param beta=300")
    return name, parse_value(name, value, " (--param)")


def load_file(path: str | Path) -> dict[str, float | list[float]]:
    """Read a YAML (or JSON) parameter file: a mapping ``NAME: VALUE``.

    A ``manifest.json`` written by ``xbec run`` is accepted too (its
    ``parameters`` are used), so that a run can be repeated from its manifest.
    """
    path = Path(path)
    where = f" (in {path})"
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ParameterError(f"--params {path}: cannot read the file ({exc.strerror or exc})") from None
    except UnicodeDecodeError as exc:
        raise ParameterError(f"--params {path}: not a UTF-8 text file ({exc.reason})") from None
    try:
        import yaml
    except ImportError:
        if path.suffix.lower() != ".json":
            raise ParameterError(
                f"--params {path}: reading YAML needs PyYAML (pip install 'xbec[run]')"
            ) from None
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ParameterError(f"--params {path}: malformed JSON ({exc})") from None
    else:
        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            detail = " ".join(str(exc).split())
            raise ParameterError(f"--params {path}: malformed YAML ({detail})") from None
    if data is None:
        raise ParameterError(f"--params {path}: the file is empty; expected a mapping NAME: VALUE")
    if not isinstance(data, Mapping):
        raise ParameterError(
            f"--params {path}: expected a mapping NAME: VALUE (e.g. 'beta: 300'), "
            f"got a {type(data).__name__}"
        )
    if "xbec_version" in data and isinstance(data.get("parameters"), Mapping):
        data = data["parameters"]  # a run's manifest.json
    out = {}
    for key, value in data.items():
        if not isinstance(key, str):
            raise ParameterError(f"--params {path}: parameter names must be strings (got {key!r})")
        out[key] = parse_value(key, value, where)
    return out


def resolve(
    assignments: Iterable[str] = (), files: Iterable[str | Path] = ()
) -> dict[str, float | list[float]]:
    """All parameters: the paper's defaults, then each file, then each ``NAME=VALUE``."""
    values: dict[str, Any] = defaults()
    for f in files:
        values.update(load_file(f))
    for a in assignments:
        name, value = parse_assignment(a)
        values[name] = value
    return values


@dataclass(frozen=True)
class Validated:
    """Parameters that passed :func:`validate`, with the model objects built from them."""

    values: dict[str, Any]
    horizontal: HorizontalParams
    vertical: VerticalParams
    grid: np.ndarray

    def changed(self) -> dict[str, Any]:
        """The parameters whose value differs from the paper's."""
        paper = defaults()
        return {k: v for k, v in self.values.items() if v != paper[k]}


def validate(values: Mapping[str, Any]) -> Validated:
    """Build the model from ``values`` and evaluate what the notebooks evaluate.

    Raises :class:`ParameterError` with the :class:`~xbec.ModelDomainError`
    message (which names the parameter and the violated rule) prefixed by the
    step that failed.
    """
    unknown = [k for k in values if k not in NAMES]
    if unknown:
        raise _unknown(unknown[0], "")
    vals = dict(defaults())
    vals.update(values)

    def step(what: str, fn):
        try:
            return fn()
        except ModelDomainError as exc:
            raise ParameterError(f"{exc} [{what}]") from None

    hp = step("horizontal alliance, §3.1", lambda: HorizontalParams(**{k: vals[k] for k in HORIZONTAL}))
    vp = step("vertical alliance, §4", lambda: VerticalParams(**{k: tuple(vals[k]) for k in VERTICAL}))
    grid = step("λ grid lam_min..lam_max", lambda: lambda_grid(*(vals[k] for k in GRID)))
    step("decentralised decision, §3.2", lambda: decentralized(hp))
    step("centralised decision, §3.3", lambda: centralized(hp))
    grid_text = f"λ grid lam_min={vals['lam_min']:g}..lam_max={vals['lam_max']:g}"
    step(f"revenue sharing on the {grid_text}, §3.4", lambda: revenue_sharing(hp, grid))
    step(f"Table 1 on the {grid_text}", lambda: table1(hp, grid))
    step(f"Table 2 on the {grid_text}", lambda: table2(hp, vp, grid))
    step("vertical allocation of pi1*, §5.2", lambda: decentralized_allocation(hp, vp))
    return Validated(values=vals, horizontal=hp, vertical=vp, grid=grid)


def paper_table1(hp: HorizontalParams, grid) -> dict[str, np.ndarray]:
    """Table 1 with the paper's columns (:data:`TABLE1_COLUMNS`)."""
    t = table1(hp, grid)
    return {k: t[k] for k in TABLE1_COLUMNS}


def format_value(value: Any, sep: str = ",") -> str:
    """``300``, ``0.71``, ``1600,2000,2300,2200``: the ``--param`` spelling of a value."""
    if isinstance(value, (list, tuple)):
        return sep.join(format_value(x) for x in value)
    x = float(value)
    if math.isfinite(x) and x == int(x) and abs(x) < 1e15:
        return str(int(x))
    return repr(x)
