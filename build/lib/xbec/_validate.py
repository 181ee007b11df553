"""Input checks shared by the model modules (internal).

Every public function validates its inputs with these helpers *before* any
computation, so that a bad call raises :class:`~xbec.errors.ModelDomainError`
naming the parameter and the violated condition instead of returning ``nan``.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from .errors import ModelDomainError


def finite_real(name: str, value: Any) -> float:
    """Return ``value`` as a float, or raise if it is not a finite real number."""
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise ModelDomainError(f"{name}={value!r}: must be a real number")
    x = float(value)
    if not math.isfinite(x):
        raise ModelDomainError(f"{name}={value!r}: must be finite")
    return x


def positive(name: str, value: Any) -> float:
    x = finite_real(name, value)
    if not x > 0:
        raise ModelDomainError(f"{name}={value!r}: must be > 0")
    return x


def non_negative(name: str, value: Any) -> float:
    x = finite_real(name, value)
    if not x >= 0:
        raise ModelDomainError(f"{name}={value!r}: must be >= 0")
    return x


def real_array(name: str, value: Any) -> np.ndarray:
    """Return ``value`` as a float array, or raise if any entry is not finite."""
    try:
        arr = np.asarray(value, dtype=float)
    except (TypeError, ValueError) as exc:
        raise ModelDomainError(f"{name}={value!r}: must be numeric ({exc})") from None
    if not np.all(np.isfinite(arr)):
        bad = arr[~np.isfinite(arr)]
        raise ModelDomainError(f"{name}: every entry must be finite (found {bad[:5].tolist()})")
    return arr


def vector(name: str, value: Any, *, min_len: int = 2) -> np.ndarray:
    """A finite 1-d float array with at least ``min_len`` entries."""
    arr = real_array(name, value)
    if arr.ndim != 1:
        raise ModelDomainError(f"{name}: must be a 1-d sequence (got shape {arr.shape})")
    if arr.size < min_len:
        raise ModelDomainError(f"{name}: needs n >= {min_len} members (got n={arr.size})")
    return arr


def share(name: str, value: Any) -> np.ndarray:
    """A revenue share lambda: finite and in (0, 1] everywhere."""
    arr = real_array(name, value)
    bad = (arr <= 0) | (arr > 1)
    if np.any(bad):
        raise ModelDomainError(
            f"{name}: must lie in (0, 1] everywhere (found {arr[bad][:5].tolist()})"
        )
    return arr
