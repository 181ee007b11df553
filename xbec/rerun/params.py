"""Parameters of a rerun: names, parsing of ``--param``/``--params``/``--grid``, validation.

Defaults are the paper's values. Every problem raises :class:`ParameterError`
naming the parameter as the user typed it and the rule; the CLI exits 2.
YAML is read as plain numbers only (YAML 1.2 style): aliases, anchors,
duplicate keys, quoted strings, booleans, sexagesimals (``3:20``) and leading
zeros (``0454``) are rejected, as are files over 1 MiB or nested deeper than
a list of numbers.
"""

from __future__ import annotations

import difflib
import inspect
import json
import math
import re
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import ModelDomainError
from ..model.horizontal import HorizontalParams, acceptable_lambda, centralized, decentralized
from ..model.vertical import VerticalParams
from ..replication.numerics import decentralized_allocation, lambda_grid, table1, table2

HORIZONTAL = tuple(f.name for f in fields(HorizontalParams))
VERTICAL = tuple(f.name for f in fields(VerticalParams) if f.init)
GRID = tuple(inspect.signature(lambda_grid).parameters)
NAMES = HORIZONTAL + VERTICAL + GRID
MAX_GRID, MAX_FILE, BIG, SMALL = 10_001, 1 << 20, 1e12, 1e-12
DESCRIPTIONS = {
    "beta": "market size (> 0)", "b1": "price sensitivity of demand (> 0)",
    "b2": "service sensitivity of demand (>= 0; 2*b1*gamma1 - b2**2 > 0)",
    "gamma1": "logistics service cost coefficient (> 0)", "c": "manufacturer's unit cost (>= 0)",
    "K": "platform's fixed cost (>= 0)", "mu": "V(N \\ {i}), worth of the alliance without member i",
    "phi": "cost invested by each member (>= 0, not all 0)",
    "theta": "service level of each member (>= 0, not all 0)",
    "weights": "weights of phi and theta in eq (14) (>= 0, sum 1)",
    "lam_min": "first revenue share of the λ grid, in (0, 1]",
    "lam_max": "last revenue share of the λ grid, >= lam_min",
    "lam_step": f"step of the λ grid (> 0; at most {MAX_GRID} points)",
}
_NUMBER = re.compile(r"[+-]?(0|[1-9]\d*)(\.\d*)?([eE][+-]?\d+)?|[+-]?\.\d+([eE][+-]?\d+)?")


class ParameterError(ValueError):
    """A parameter is unknown, malformed or outside the model's domain (exit code 2)."""


def defaults() -> dict[str, Any]:
    """The paper's value of every parameter (floats; lists of floats for the vertical inputs)."""
    hp, vp = HorizontalParams(), VerticalParams()
    out: dict[str, Any] = {k: float(getattr(hp, k)) for k in HORIZONTAL}
    out.update({k: [float(x) for x in getattr(vp, k)] for k in VERTICAL})
    out.update({k: float(p.default) for k, p in inspect.signature(lambda_grid).parameters.items()})
    return out


def show(value: Any, limit: int = 40) -> str:
    """``repr(value)`` cut to ``limit`` characters (error messages never echo a huge value)."""
    text = repr(value) if not isinstance(value, str) else value
    return text if len(text) <= limit else text[: limit - 3] + "..."


def format_value(value: Any, sep: str = ",") -> str:
    """``300``, ``0.71``, ``1600,2000,2300,2200``: the ``--param`` spelling of a value."""
    if isinstance(value, (list, tuple)):
        return sep.join(format_value(x) for x in value)
    x = float(value)
    return str(int(x)) if math.isfinite(x) and x == int(x) and abs(x) < 1e15 else repr(x)


def _check_name(name: str, where: str) -> None:
    if name not in NAMES:
        close = difflib.get_close_matches(name, NAMES, n=1, cutoff=0.5)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        raise ParameterError(f"unknown parameter {show(name)!r}{where}{hint} (valid: {', '.join(NAMES)})")


def _number(name: str, value: Any, where: str) -> float:
    """A float from a plain number (text or int/float); bools, strings, complex are errors."""
    if isinstance(value, str) and _NUMBER.fullmatch(value.strip()):
        x = float(value)
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        x = float(value)
    else:
        rule = "a plain decimal number (no leading zeros, quotes, booleans or 3:20)"
        raise ParameterError(f"{name}={show(value)}{where}: must be {rule}")
    if x != 0 and not SMALL <= abs(x) <= BIG:
        raise ParameterError(f"{name}={show(value)}{where}: must be 0 or between {SMALL:g} and {BIG:g} "
                             "in magnitude (the model's products would overflow or underflow)")
    return x


def parse_value(name: str, value: Any, where: str = "") -> float | list[float]:
    """``value`` (``--param`` text, or a number/list from a file) for parameter ``name``."""
    _check_name(name, where)
    if isinstance(value, str) and name in VERTICAL:
        text = value.strip().removeprefix("[").removesuffix("]")
        value = [p.strip() for p in text.split(",")] if text.strip() else []
    if name not in VERTICAL:
        return _number(name, value, where)
    if not isinstance(value, list) or not value:
        raise ParameterError(f"{name}={show(value)}{where}: must be a non-empty list of numbers, "
                             f"e.g. {name}={format_value(defaults()[name])}")
    return [_number(f"{name}[{i}]", v, where) for i, v in enumerate(value)]


def parse_assignment(text: str, option: str = "--param") -> tuple[str, str]:
    """``"NAME=VALUE"`` -> ``(NAME, VALUE)``."""
    name, sep, value = text.partition("=")
    if not sep or not name.strip():
        raise ParameterError(f"{option} {show(text)!r}: expected NAME=VALUE, e.g. {option} beta=300")
    return name.strip(), value


def _plain_yaml(text: str, where: str) -> Any:
    """A YAML mapping of plain scalars and flat lists, with no aliases/anchors/duplicates."""
    import yaml

    depth = 0
    for ev in yaml.parse(text, Loader=yaml.SafeLoader):
        if isinstance(ev, yaml.AliasEvent) or getattr(ev, "anchor", None):
            raise ParameterError(f"--params{where}: YAML anchors and aliases (&, *) are not accepted")
        depth += isinstance(ev, yaml.CollectionStartEvent) - isinstance(ev, yaml.CollectionEndEvent)
        if depth > 2:
            raise ParameterError(f"--params{where}: nested too deep; expected NAME: number or NAME: [numbers]")
    node = yaml.compose(text, Loader=yaml.SafeLoader)

    def scalar(n: Any) -> Any:
        if not isinstance(n, yaml.ScalarNode):
            raise ParameterError(f"--params{where}: expected NAME: number or NAME: [numbers]")
        return n.value if n.style is None and n.tag.endswith(("int", "float", "str")) else {"string": n.value}

    if node is None:
        return None
    if not isinstance(node, yaml.MappingNode):
        raise ParameterError(f"--params{where}: expected a mapping NAME: VALUE (e.g. 'beta: 300')")
    out: dict[str, Any] = {}
    for k, v in node.value:
        key = scalar(k)
        if not isinstance(key, str):
            raise ParameterError(f"--params{where}: parameter names must be plain words")
        if key in out:
            raise ParameterError(f"--params{where}: parameter {show(key)!r} is given twice (line {k.start_mark.line + 1})")
        out[key] = [scalar(x) for x in v.value] if isinstance(v, yaml.SequenceNode) else scalar(v)
    return out


def load_file(path: str | Path) -> dict[str, Any]:
    """Read a YAML/JSON parameter file (or a run's ``manifest.json``): ``NAME: VALUE``."""
    path, where = Path(path), f" {path}"
    try:
        if path.stat().st_size > MAX_FILE:
            raise ParameterError(f"--params{where}: larger than {MAX_FILE} bytes; not a parameter file")
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ParameterError(f"--params{where}: cannot read the file ({getattr(exc, 'strerror', None) or exc})") from None

    def pairs(items: list) -> dict:
        keys = [k for k, _ in items]
        if len(set(keys)) != len(keys):
            raise ParameterError(f"--params{where}: a key is given twice")
        return dict(items)

    try:
        if text.lstrip().startswith("{"):
            data = json.loads(text, object_pairs_hook=pairs, parse_constant=lambda c: {"string": c})
            if isinstance(data, dict) and "xbec_version" in data:
                data = data.get("parameters")
        else:
            data = _plain_yaml(text, where)
    except ParameterError:
        raise
    except Exception as exc:  # malformed YAML/JSON, or nesting the parsers refuse
        raise ParameterError(f"--params{where}: malformed file ({show(' '.join(str(exc).split()), 160)})") from None
    if not isinstance(data, dict):
        raise ParameterError(f"--params{where}: expected a mapping NAME: VALUE (e.g. 'beta: 300')")
    return {str(k): parse_value(str(k), v, f" (in {path})") for k, v in data.items()}


def resolve(assignments: list[str] = (), files: list[str | Path] = ()) -> dict[str, Any]:  # type: ignore[assignment]
    """The paper's values, then each ``--params`` file, then each ``--param NAME=VALUE``."""
    values = defaults()
    for f in files:
        values.update(load_file(f))
    for a in assignments:
        name, text = parse_assignment(a)
        values[name] = parse_value(name, text, " (--param)")
    return values


def parse_grid(specs: list[str]) -> dict[str, list[float]]:
    """``--grid beta=200,250,300`` (repeatable) -> ``{"beta": [200.0, 250.0, 300.0]}``."""
    out: dict[str, list[float]] = {}
    for spec in specs:
        name, text = parse_assignment(spec, "--grid")
        _check_name(name, " (--grid)")
        if name in VERTICAL:
            raise ParameterError(f"--grid {name}: list parameters cannot be swept; use --param {name}=...")
        out[name] = [float(parse_value(name, v, " (--grid)")) for v in text.split(",")]  # type: ignore[arg-type]
    return out


@dataclass(frozen=True)
class Validated:
    """Parameters that passed :func:`validate`, the model objects, and warnings to print."""

    values: dict[str, Any]
    horizontal: HorizontalParams
    vertical: VerticalParams
    grid: np.ndarray
    warnings: tuple[str, ...] = ()

    def changed(self) -> dict[str, Any]:
        """The parameters whose value differs from the paper's."""
        paper = defaults()
        return {k: v for k, v in self.values.items() if v != paper[k]}


def validate(values: dict[str, Any], chapters: tuple[str, ...] = ()) -> Validated:
    """Build the model from ``values`` and evaluate what the ``chapters`` need, before any run."""
    vals = {**defaults(), **values}
    changed = [k for k in NAMES if vals[k] != defaults()[k]] or ["(none)"]

    def step(what: str, fn: Any) -> Any:
        try:
            with np.errstate(all="raise"):
                return fn()
        except ModelDomainError as exc:
            raise ParameterError(f"{exc} [{what}]") from None
        except (ArithmeticError, ValueError) as exc:
            raise ParameterError(f"{', '.join(changed)}: {what} cannot be computed ({exc})") from None

    n = (vals["lam_max"] - vals["lam_min"]) / vals["lam_step"] + 1 if vals["lam_step"] > 0 else 0
    if n > MAX_GRID:
        raise ParameterError(f"lam_step={format_value(vals['lam_step'])}: the λ grid would have {n:.3g} points; "
                             f"at most {MAX_GRID} (raise lam_step or narrow lam_min..lam_max)")
    hp = step("horizontal alliance, §3.1", lambda: HorizontalParams(**{k: vals[k] for k in HORIZONTAL}))
    vp = step("vertical alliance, §4", lambda: VerticalParams(**{k: tuple(vals[k]) for k in VERTICAL}))
    grid = step("λ grid", lambda: lambda_grid(*(vals[k] for k in GRID)))
    for what, fn in [("decentralised decision, §3.2", lambda: decentralized(hp)),
                     ("centralised decision, §3.3", lambda: centralized(hp)),
                     ("Table 1", lambda: table1(hp, grid)), ("Table 2", lambda: table2(hp, vp, grid)),
                     ("vertical allocation, §5.2", lambda: decentralized_allocation(hp, vp))]:
        result = step(what, fn)
        arrays = result.values() if isinstance(result, dict) else [np.asarray(getattr(result, "__dict__", result))]
        if not all(np.all(np.isfinite(np.asarray(a, dtype=float))) for a in arrays if np.asarray(a).dtype != object):
            raise ParameterError(f"{', '.join(changed)}: {what} is not finite for these values")
    if "beyond_band" in chapters:
        band = step("acceptable revenue shares, §3.4", lambda: acceptable_lambda(hp))
        if band is None or not band.lo < band.hi:
            raise ParameterError(f"{', '.join(changed)}: no revenue share λ is acceptable to both members "
                                 "(empty band), which chapter beyond_band maps; leave it out with --notebooks")
    warnings = []
    moved = [k for k in HORIZONTAL if vals[k] != defaults()[k]]
    if moved and vals["mu"] == defaults()["mu"]:
        warnings.append(f"{', '.join(moved)} changed but mu keeps the paper's V(N \\ {{i}}) = "
                        f"{format_value(vals['mu'])}, computed for the paper's horizontal alliance; "
                        "set --param mu=... to match the new parameters")
    return Validated(vals, hp, vp, grid, tuple(warnings))
