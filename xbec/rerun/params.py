"""Parameters of a rerun: ``--param``, ``--params FILE``, ``--grid``, and their validation before any run.

Every problem raises :class:`ParameterError` naming the parameter as typed and the rule (exit 2). Files hold
plain numbers only: YAML anchors/aliases, duplicate keys, quoted strings, booleans, ``3:20``, ``0454``
(YAML 1.1 coercions), nesting and files over 1 MiB are refused; echoed values are cut short.
"""

from __future__ import annotations

import difflib
import inspect
import json
import math
import os
import re
import stat
from collections.abc import Callable
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import ModelDomainError
from ..model.horizontal import HorizontalParams, centralized, decentralized, revenue_sharing
from ..model.vertical import VerticalParams
from ..replication.numerics import decentralized_allocation, lambda_grid, table1, table2

HORIZONTAL = tuple(f.name for f in fields(HorizontalParams))
VERTICAL = tuple(f.name for f in fields(VerticalParams) if f.init)
GRID = tuple(inspect.signature(lambda_grid).parameters)
NAMES = HORIZONTAL + VERTICAL + GRID
MAX_GRID, MAX_FILE, BIG, SMALL = 10_001, 1 << 20, 1e12, 1e-12
MIN_MEMBERS, MAX_MEMBERS = 2, 20
#: chapters whose computation grows as 2**n with the number of members n: their own limit
CHAPTER_MEMBERS = {"beyond_allocation": 12, "beyond_cost": 12}
MEANING = {
    "beta": "market size",
    "b1": "price sensitivity of demand",
    "b2": "service sensitivity of demand",
    "gamma1": "logistics service cost",
    "c": "manufacturer's unit cost",
    "K": "platform's fixed cost",
    "mu": "V(N \\ {i}), worth of the alliance without member i",
    "phi": "cost invested by each member",
    "theta": "service level of each member",
    "weights": "weights of phi and theta in eq (14)",
    "lam_min": "first revenue share of the λ grid",
    "lam_max": "last revenue share of the λ grid",
    "lam_step": "step of the λ grid",
}


_MEMBERS = f"{MIN_MEMBERS} to {MAX_MEMBERS} members ({', '.join(f'{n} for {c}' for c, n in CHAPTER_MEMBERS.items())})"
_CONCAVE = "2*b1*gamma1 - b2**2 > 0 (concavity, Proposition 1)"
#: the rules checked before the model is built: (parameter, rule as text, test); ``--help`` prints the same
RULES: list[tuple[str, str, Callable[[dict[str, Any]], bool]]] = [
    ("beta", "beta > 0", lambda x: x["beta"] > 0),
    ("beta", "beta - b1*c > 0 (positive demand, §3.3)", lambda x: x["beta"] - x["b1"] * x["c"] > 0),
    ("b1", "b1 > 0", lambda x: x["b1"] > 0),
    ("b2", "b2 >= 0", lambda x: x["b2"] >= 0),
    ("b2", _CONCAVE, lambda x: 2 * x["b1"] * x["gamma1"] - x["b2"] ** 2 > 0),
    ("gamma1", "gamma1 > 0", lambda x: x["gamma1"] > 0),
    ("c", "c >= 0", lambda x: x["c"] >= 0),
    ("K", "K >= 0", lambda x: x["K"] >= 0),
    ("mu", "every mu[i] >= 0", lambda x: all(m >= 0 for m in x["mu"])),
    ("mu", _MEMBERS, lambda x: MIN_MEMBERS <= len(x["mu"]) <= MAX_MEMBERS),
    ("phi", "every phi[i] >= 0", lambda x: all(m >= 0 for m in x["phi"])),
    ("phi", "one per member", lambda x: len(x["phi"]) == len(x["mu"])),
    ("phi", "sum > 0", lambda x: sum(x["phi"]) > 0),
    ("theta", "every theta[i] >= 0", lambda x: all(m >= 0 for m in x["theta"])),
    ("theta", "one per member", lambda x: len(x["theta"]) == len(x["mu"])),
    ("theta", "sum > 0", lambda x: sum(x["theta"]) > 0),
    ("weights", "two weights >= 0", lambda x: len(x["weights"]) == 2 and all(m >= 0 for m in x["weights"])),
    ("weights", "sum 1", lambda x: abs(sum(x["weights"]) - 1) <= 1e-9),
    ("lam_min", "0 < lam_min <= 1", lambda x: 0 < x["lam_min"] <= 1),
    ("lam_max", "lam_min <= lam_max <= 1", lambda x: x["lam_min"] <= x["lam_max"] <= 1),
    ("lam_step", "lam_step > 0", lambda x: x["lam_step"] > 0),
    ("lam_step", f"at most {MAX_GRID} points", lambda x: (x["lam_max"] - x["lam_min"]) / x["lam_step"] < MAX_GRID),
]
DESCRIPTIONS = {k: f"{MEANING[k]} ({'; '.join(dict.fromkeys(t for n, t, _ in RULES if n == k))})" for k in NAMES}
_NUMBER = re.compile(r"[+-]?(0|[1-9]\d*)(\.\d*)?([eE][+-]?\d+)?|[+-]?\.\d+([eE][+-]?\d+)?")


class ParameterError(ValueError):
    """A parameter is unknown, malformed or outside the model's domain (exit code 2)."""


def defaults() -> dict[str, Any]:
    """The paper's value of every parameter (floats; lists of floats for the vertical inputs)."""
    hp, vp = HorizontalParams(), VerticalParams()
    out: dict[str, Any] = {k: float(getattr(hp, k)) for k in HORIZONTAL}
    out.update({k: [float(x) for x in getattr(vp, k)] for k in VERTICAL})
    return out | {k: float(p.default) for k, p in inspect.signature(lambda_grid).parameters.items()}


def show(value: Any, limit: int = 40) -> str:
    """``value`` as text, cut to ``limit`` characters (messages never echo a huge value)."""
    text = value if isinstance(value, str) else repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def format_value(value: Any, sep: str = ",") -> str:
    """``300``, ``0.71``, ``1600,2000,2300,2200``: the ``--param`` spelling of a value."""
    if isinstance(value, (list, tuple)):
        return sep.join(format_value(x) for x in value)
    x = float(value)
    return str(int(x)) if math.isfinite(x) and x == int(x) and abs(x) < 1e15 else repr(x)


def _number(name: str, value: Any, where: str) -> float:
    """A float from a plain decimal number (text, int or float); anything else is an error."""
    if isinstance(value, str) and _NUMBER.fullmatch(value.strip()):
        x = float(value)
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        x = float(value)
    else:
        rule = "a plain decimal number (no quotes, booleans, leading zeros or 3:20)"
        raise ParameterError(f"{name}={show(value)}{where}: must be {rule}")
    if x != 0 and not SMALL <= abs(x) <= BIG:
        raise ParameterError(
            f"{name}={show(value)}{where}: must be 0 or between {SMALL:g} and {BIG:g} "
            "in magnitude (beyond, the model's products overflow)"
        )
    return x


def parse_value(name: str, value: Any, where: str = "") -> float | list[float]:
    """``value`` (``--param`` text, or a number or list from a file) for parameter ``name``."""
    if name not in NAMES:
        close = difflib.get_close_matches(name, NAMES, n=1, cutoff=0.5)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        raise ParameterError(f"unknown parameter {show(name)!r}{where}{hint} (valid: {', '.join(NAMES)})")
    if name not in VERTICAL:
        return _number(name, value, where)
    if isinstance(value, str):
        text = value.strip().removeprefix("[").removesuffix("]")
        value = text.split(",") if text.strip() else []
    if not isinstance(value, list) or not value:
        raise ParameterError(
            f"{name}={show(value)}{where}: must be a non-empty list of numbers, "
            f"e.g. {name}={format_value(defaults()[name])}"
        )
    return [_number(f"{name}[{i}]", x, where) for i, x in enumerate(value)]


def parse_assignment(text: str, option: str = "--param") -> tuple[str, str]:
    """``"NAME=VALUE"`` -> ``(NAME, VALUE)``."""
    name, sep, value = text.partition("=")
    if not sep or not name.strip():
        raise ParameterError(f"{option} {show(text)!r}: expected NAME=VALUE, e.g. {option} beta=300")
    return name.strip(), value


def _plain_yaml(text: str, where: str) -> Any:
    """A YAML mapping of plain scalars or flat lists of them; no anchors, aliases or duplicates."""
    import yaml

    depth, shape = 0, f"--params{where}: expected NAME: number or NAME: [numbers] (e.g. 'beta: 300')"
    for ev in yaml.parse(text, Loader=yaml.SafeLoader):
        if isinstance(ev, yaml.AliasEvent) or getattr(ev, "anchor", None):
            raise ParameterError(f"--params{where}: YAML anchors and aliases (&, *) are not accepted")
        if getattr(ev, "tag", None) is not None:
            raise ParameterError(
                f"--params{where}: YAML tags ({show(ev.tag, 20)}) are not accepted; plain numbers only"
            )
        depth += isinstance(ev, yaml.CollectionStartEvent) - isinstance(ev, yaml.CollectionEndEvent)
        if depth > 2:
            raise ParameterError(shape)
    node = yaml.compose(text, Loader=yaml.SafeLoader)
    if node is None or not isinstance(node, yaml.MappingNode):
        raise ParameterError(shape)

    def scalar(n: Any) -> Any:  # plain scalars stay text; anything quoted or tagged is refused later
        if not isinstance(n, yaml.ScalarNode):
            raise ParameterError(shape)
        return n.value if n.style is None and not n.value.startswith("!") else {"quoted": n.value}

    out: dict[str, Any] = {}
    for k, v in node.value:
        key = k.value if isinstance(k, yaml.ScalarNode) else None  # JSON quotes its keys
        if key in out or not isinstance(key, str):
            raise ParameterError(
                f"--params{where}: {show(key)!r} given twice or not a name (line {k.start_mark.line + 1})"
            )
        out[key] = [scalar(x) for x in v.value] if isinstance(v, yaml.SequenceNode) else scalar(v)
    return out


def _read(path: Path, where: str) -> str:
    """The text of a regular file of at most ``MAX_FILE`` bytes (FIFOs, devices, directories refused; never blocks)."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise ParameterError(f"--params{where}: cannot read it (not a regular file: a FIFO, device or folder)")
        chunks, size = [], 0
        while size <= MAX_FILE and (chunk := os.read(fd, MAX_FILE + 1 - size)):
            chunks.append(chunk)
            size += len(chunk)
    finally:
        os.close(fd)
    if size > MAX_FILE:
        raise ParameterError(f"--params{where}: larger than {MAX_FILE} bytes; not a parameter file")
    return b"".join(chunks).decode("utf-8")


def load_file(path: str | Path) -> dict[str, Any]:
    """Read a YAML/JSON parameter file (or a run's ``manifest.json``) ``NAME: VALUE``.

    Messages name the file and where in it the problem is, never its contents beyond the offending token.
    """
    import yaml

    path, where = Path(path), f" {show(str(path), 80)}"
    try:
        text = _read(path, where)
        if text.lstrip().startswith("{") and '"xbec_version"' in text:  # a run's manifest.json
            text = json.dumps(json.loads(text)["parameters"])
        data = _plain_yaml(text, where)  # JSON is YAML: the same rules for both
    except ParameterError:
        raise
    except OSError as exc:
        raise ParameterError(f"--params{where}: cannot read it ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise ParameterError(f"--params{where}: cannot read it (not UTF-8 text)") from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        at = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise ParameterError(f"--params{where}: cannot read it (not valid YAML/JSON{at})") from None
    except (yaml.YAMLError, ValueError, KeyError, TypeError):
        raise ParameterError(f"--params{where}: cannot read it (not a YAML/JSON parameter file NAME: VALUE)") from None
    return {k: parse_value(k, v, f" (in {show(str(path), 80)})") for k, v in data.items()}


def resolve(assignments: list[str] | None = None, files: list[Any] | None = None) -> dict[str, Any]:
    """The paper's values, then each ``--params`` file, then each ``--param NAME=VALUE``."""
    values = defaults()
    for f in files or []:
        values.update(load_file(f))
    for a in assignments or []:
        name, text = parse_assignment(a)
        values[name] = parse_value(name, text, " (--param)")
    return values


def parse_grid(specs: list[str]) -> dict[str, list[float]]:
    """``--grid beta=200,250,300`` (repeatable) -> ``{"beta": [200.0, 250.0, 300.0]}``."""
    out: dict[str, list[float]] = {}
    for spec in specs:
        name, text = parse_assignment(spec, "--grid")
        if name in VERTICAL:
            raise ParameterError(f"--grid {show(name)}: list parameters cannot be swept; use --param {name}=...")
        if name in out:
            raise ParameterError(f"--grid {name} given twice: list every value in one --grid {name}=V1,V2,...")
        values = [parse_value(name, x, " (--grid)") + 0.0 for x in text.split(",")]  # type: ignore[operator]
        spelt = [format_value(x) for x in values]  # -0 and 0, 1 and 1.0: one point folder each
        if twice := next((x for i, x in enumerate(spelt) if x in spelt[:i]), None):
            raise ParameterError(f"--grid {name}: {twice} given twice (after normalisation)")
        out[name] = values
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
        return {k: v for k, v in self.values.items() if v != defaults()[k]}


def validate(values: dict[str, Any], chapters: tuple[str, ...] = ()) -> Validated:
    """Build the model and evaluate what the ``chapters`` need, so bad values fail before any run."""
    paper, vals = defaults(), {**defaults(), **values}
    who = ", ".join(f"{k}={show(format_value(vals[k]), 30)}" for k in NAMES if vals[k] != paper[k])
    who = show(who or "the paper's values", 120)
    for name, rule, test in RULES:
        try:
            ok = test(vals)
        except (ArithmeticError, TypeError, ValueError):
            ok = False
        if not ok:
            raise ParameterError(f"{name}={show(format_value(vals[name]), 60)}: requires {rule}")
    for chapter, most in CHAPTER_MEMBERS.items():
        if chapter in chapters and len(vals["mu"]) > most:
            raise ParameterError(
                f"mu has {len(vals['mu'])} members: chapter {chapter} computes over all 2**n coalitions and "
                f"allows at most {most}; leave it out with --notebooks"
            )

    def step(what: str, fn: Callable[[], Any]) -> Any:
        try:
            with np.errstate(all="raise"):
                return fn()
        except ModelDomainError as exc:  # model messages name the parameter; others get the changes named
            named = re.match(r"\w+(\[\d+\])?=", str(exc))
            raise ParameterError(f"{'' if named else who + ': '}{exc} [{what}]") from None
        except (ArithmeticError, ValueError) as exc:
            raise ParameterError(f"{who}: {what} cannot be computed ({show(str(exc), 80)})") from None

    hp = step("horizontal alliance, §3.1", lambda: HorizontalParams(**{k: vals[k] for k in HORIZONTAL}))
    vp = step("vertical alliance, §4", lambda: VerticalParams(**{k: tuple(vals[k]) for k in VERTICAL}))
    grid = step("λ grid", lambda: lambda_grid(*(vals[k] for k in GRID)))
    for what, fn in [
        ("decentralised decision, §3.2", lambda: vars(decentralized(hp))),
        ("centralised decision, §3.3", lambda: vars(centralized(hp))),
        ("Table 1", lambda: table1(hp, grid)),
        ("Table 2", lambda: table2(hp, vp, grid)),
        ("vertical allocation, §5.2", lambda: {"x": decentralized_allocation(hp, vp)}),
    ]:
        if not all(np.isfinite(np.asarray(x, dtype=float)).all() for x in step(what, fn).values()):
            raise ParameterError(f"{who}: {what} is not finite")
    if "beyond_allocation" in chapters:  # the chapter's nucleolus and core bounds at its lam = 0.8
        from ..beyond import allocation as al

        V = float(revenue_sharing(hp, 0.8).pi_platform)
        step(
            "chapter beyond_allocation's nucleolus; leave it out with --notebooks",
            lambda: (
                al.allocation_sensitivity(V, vp.mu, vp.F, np.linspace(0, 1, 21)),
                al.core_limits(V, vp.mu, vp.F),
                al.core_nonempty_pair_factor_limit(V, vp.mu),
            ),
        )
    moved = ", ".join(k for k in HORIZONTAL if vals[k] != paper[k])
    warn = f"{moved} changed but mu keeps the paper's V(N \\ {{i}}), computed for the paper's horizontal alliance"
    warnings = (warn + "; set --param mu=... to match",) * (bool(moved) and vals["mu"] == paper["mu"])
    return Validated(vals, hp, vp, grid, warnings)
