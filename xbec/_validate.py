"""Input checks shared by every module of xbec (internal; used as ``from .. import _validate as v``).

Every public function validates its inputs with these helpers *before* any
computation, so that a bad call raises :class:`~xbec.errors.ModelDomainError`
naming the parameter the caller passed and the violated rule instead of
returning ``nan`` or ``inf``.  The rules are the same for scalars and arrays:

* only real numbers: strings, bools, complex numbers, ``None`` and other
  objects are rejected, whether passed alone or inside a sequence or array;
* only finite values (no ``nan``, no ``inf``), also for intermediate results
  (:func:`finite_result`); echoed values are truncated (:func:`show`).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import numpy as np

from .errors import ModelDomainError

__all__ = [
    "show",
    "finite_real",
    "positive",
    "non_negative",
    "real_array",
    "vector",
    "share",
    "interval",
    "scalar",
    "axis",
    "flag",
    "integer",
    "one_of",
    "finite_result",
]

_MAX_ECHO = 80  # characters of a bad value echoed in a message
_REAL_TYPES = (int, float, np.integer, np.floating)


def show(value: Any) -> str:
    """``repr(value)`` cut to at most 80 characters (for error messages)."""
    text = repr(value)
    return text if len(text) <= _MAX_ECHO else text[: _MAX_ECHO - 3] + "..."


def _is_real(x: Any) -> bool:
    return isinstance(x, _REAL_TYPES) and not isinstance(x, (bool, np.bool_))


def finite_real(name: str, value: Any) -> float:
    """Return ``value`` as a float, or raise if it is not a finite real number.

    Bools, strings, complex numbers and 0-d or larger arrays are rejected.
    """
    if not _is_real(value):
        raise ModelDomainError(f"{name}={show(value)}: must be a real number")
    try:
        x = float(value)
    except OverflowError:  # an int too large for a float
        raise ModelDomainError(f"{name}={show(value)}: must be finite (too large for a float)") from None
    if not math.isfinite(x):
        raise ModelDomainError(f"{name}={show(value)}: must be finite")
    return x


def positive(name: str, value: Any) -> float:
    """A finite real number ``> 0``, as a float."""
    x = finite_real(name, value)
    if not x > 0:
        raise ModelDomainError(f"{name}={show(value)}: must be > 0")
    return x


def non_negative(name: str, value: Any) -> float:
    """A finite real number ``>= 0``, as a float."""
    x = finite_real(name, value)
    if not x >= 0:
        raise ModelDomainError(f"{name}={show(value)}: must be >= 0")
    return x


def _as_float(name: str, value: Any) -> np.ndarray:
    """``value`` as a float array if it holds only real numbers (nan/inf allowed)."""
    if isinstance(value, (str, bytes)):
        raise ModelDomainError(f"{name}={show(value)}: must be a real number, not a string")
    if isinstance(value, np.ndarray) or hasattr(value, "__array__"):
        raw = np.asarray(value)
        if raw.dtype.kind not in "iuf":  # bool, str, object, complex, datetime ...
            raise ModelDomainError(f"{name}={show(value)}: must hold real numbers (got dtype {raw.dtype})")
    else:
        try:
            raw = np.asarray(value, dtype=object)
        except (TypeError, ValueError):  # pragma: no cover - numpy refuses the object itself
            raise ModelDomainError(f"{name}={show(value)}: must be a real number") from None
        bad = [x for x in raw.flat if not _is_real(x)]
        if bad:
            raise ModelDomainError(f"{name}={show(value)}: every entry must be a real number (found {show(bad[0])})")
    try:
        return raw.astype(float)
    except OverflowError:  # a Python int beyond float range
        raise ModelDomainError(f"{name}={show(value)}: every entry must be finite (too large for a float)") from None


def real_array(name: str, value: Any) -> np.ndarray:
    """Return ``value`` as a float array of any shape, or raise.

    Accepts a real number, a (nested) sequence of real numbers or a numeric
    array; rejects strings, bools, complex numbers and other objects (also as
    entries of a sequence) and non-finite entries.
    """
    arr = _as_float(name, value)
    if not np.all(np.isfinite(arr)):
        found = arr[~np.isfinite(arr)]
        raise ModelDomainError(f"{name}: every entry must be finite (found {found[:5].tolist()})")
    return arr


def vector(name: str, value: Any, *, min_len: int = 2) -> np.ndarray:
    """A finite 1-d float array with at least ``min_len`` entries."""
    arr = real_array(name, value)
    if arr.ndim != 1:
        raise ModelDomainError(f"{name}: must be a 1-d sequence (got shape {arr.shape})")
    if arr.size < min_len:
        raise ModelDomainError(f"{name}: needs n >= {min_len} members (got n={arr.size})")
    return arr


def _describe(name: str, arr: np.ndarray, bad: np.ndarray) -> str:
    if arr.ndim == 0:
        return f"{name}={float(arr)!r}"
    return f"{name} (offending entries {arr[bad].ravel()[:5].tolist()})"


def interval(
    name: str, value: Any, lo: float, hi: float, *, lo_open: bool = False, hi_open: bool = False
) -> np.ndarray:
    """A finite float array (any shape) with every entry in the interval from ``lo`` to ``hi``.

    ``lo_open``/``hi_open`` exclude the end points; the message states the
    rule, e.g. ``"alpha=1.5: requires 0 < alpha <= 1"``.
    """
    arr = _as_float(name, value)  # nan fails both comparisons below
    above = arr > lo if lo_open else arr >= lo
    below = arr < hi if hi_open else arr <= hi
    bad = ~(above & below)
    if np.any(bad):
        rule = f"{lo:g} {'<' if lo_open else '<='} {name} {'<' if hi_open else '<='} {hi:g}"
        notation = f"{'(' if lo_open else '['}{lo:g}, {hi:g}{')' if hi_open else ']'}"
        raise ModelDomainError(f"{_describe(name, arr, bad)}: requires {rule}, i.e. {name} in {notation}")
    return arr


def share(name: str, value: Any) -> np.ndarray:
    """A revenue share lambda: finite and in (0, 1] everywhere."""
    return interval(name, value, 0.0, 1.0, lo_open=True)


def scalar(name: str, arr: np.ndarray) -> float:
    """The single value of a 0-d array ``arr`` (already checked), else raise."""
    if arr.ndim != 0:
        raise ModelDomainError(f"{name}: must be a scalar (got shape {arr.shape})")
    return float(arr)


def axis(name: str, arr: np.ndarray) -> np.ndarray:
    """``arr`` (already checked) if it is a non-empty 1-d grid axis, else raise."""
    if arr.ndim != 1 or arr.size < 1:
        raise ModelDomainError(f"{name}: must be a non-empty 1-d sequence (got shape {arr.shape})")
    return arr


def flag(name: str, value: Any) -> bool:
    """``value`` if it is a bool (Python or numpy), else raise."""
    if not isinstance(value, (bool, np.bool_)):
        raise ModelDomainError(f"{name}={show(value)}: requires a bool")
    return bool(value)


def integer(name: str, value: Any, *, lo: int | None = None, hi: int | None = None) -> int:
    """``value`` as an int if it is an integer (not a bool) within ``[lo, hi]``, else raise."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)):
        raise ModelDomainError(f"{name}={show(value)}: must be an integer")
    n = int(value)
    if (lo is not None and n < lo) or (hi is not None and n > hi):
        low = "" if lo is None else f"{lo} <= "
        high = "" if hi is None else f" <= {hi}"
        raise ModelDomainError(f"{name}={n}: requires {low}{name}{high}")
    return n


def one_of(name: str, value: Any, choices: tuple[str, ...]) -> str:
    """``value`` if it is one of the strings ``choices``, else raise."""
    if not isinstance(value, str) or value not in choices:
        raise ModelDomainError(f"{name}={show(value)}: requires one of {', '.join(choices)}")
    return value


def finite_result(expression: str, value: Any, inputs: Mapping[str, Any]) -> Any:
    """``value`` if every entry is finite; else raise naming the culprit input.

    ``value`` is an intermediate result computed from ``inputs`` (the
    parameters the caller passed, by the names the caller used), e.g.
    ``finite_result("2*b1*gamma1", det, {"b1": b1, "gamma1": gamma1})``.  When
    it overflowed to ``inf`` (or became ``nan``), the message names the input
    of largest magnitude, the one to make smaller, rather than ``expression``.
    """
    with np.errstate(all="ignore"):
        ok = bool(np.all(np.isfinite(value)))
    if ok:
        return value
    sizes = {k: float(np.max(np.abs(np.asarray(x, dtype=float)), initial=0.0)) for k, x in inputs.items()}
    culprit = max(sizes, key=lambda k: sizes[k]) if sizes else "input"
    raise ModelDomainError(
        f"{culprit}={sizes.get(culprit, float('nan')):g}: too large, {expression} overflows "
        f"(is not finite); the model needs every intermediate result to be a finite float"
    )
