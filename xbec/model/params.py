"""Parameters of the horizontal alliance (paper §3.1) and their domain.

:class:`HorizontalParams` validates the six parameters when it is built:
each sign rule, the concavity condition of Proposition 1 and the existence of a
positive-demand equilibrium, and that the model's products stay finite;
:class:`ParameterArrays` carries them as arrays for vectorised maps. Both are
re-exported by :mod:`xbec.model.horizontal`.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import NamedTuple

import numpy as np

from .. import _validate as v
from ..errors import ModelDomainError

__all__ = ["HorizontalParams", "ParameterArrays"]


@dataclass(frozen=True)
class HorizontalParams:
    """Parameters of the horizontal alliance (§3.1); defaults are §5.1's values.

    Parameters
    ----------
    beta : float
        Market size, ``> 0``.
    b1 : float
        Price sensitivity of demand, ``> 0``.
    b2 : float
        Service sensitivity of demand, ``>= 0``.
    gamma1 : float
        Logistics service cost coefficient, ``> 0``.
    c : float
        Manufacturer's unit production cost, ``>= 0``.
    K : float
        Platform's maintenance (fixed) cost, ``>= 0``.

    Raises
    ------
    ModelDomainError
        If a value is not finite, has the wrong sign, or the centralised
        (and revenue-sharing) problem is not concave: ``2*b1*gamma1 - b2**2 > 0``
        is required (Proposition 1 with the paper's typo ``b3`` read as ``b2``).
    """

    beta: float = 200.0
    b1: float = 2.0
    b2: float = 1.0
    gamma1: float = 1.0
    c: float = 10.0
    K: float = 10.0

    def __post_init__(self) -> None:
        for name in ("beta", "b1", "gamma1"):
            object.__setattr__(self, name, v.positive(name, getattr(self, name)))
        for name in ("b2", "c", "K"):
            object.__setattr__(self, name, v.non_negative(name, getattr(self, name)))
        det = _finite_products(self)
        if not det > 0:
            raise ModelDomainError(
                f"b2={self.b2:g}: concavity (Proposition 1) requires "
                f"2*b1*gamma1 - b2**2 > 0 (got {det:g} with b1={self.b1:g}, "
                f"gamma1={self.gamma1:g})"
            )
        _finite_outcomes(self, det)

    def replace(self, **changes: float) -> HorizontalParams:
        """Return a copy with some fields changed (validated again)."""
        values = self.as_dict()
        unknown = set(changes) - set(values)
        if unknown:
            raise ModelDomainError(f"unknown parameter(s) {sorted(unknown)}")
        return HorizontalParams(**{**values, **changes})

    def as_dict(self) -> dict[str, float]:
        """The six parameters by name."""
        return {f.name: getattr(self, f.name) for f in fields(self)}

    def domain_margins(self) -> dict[str, float]:
        """How far the parameters are inside the model's domain (§3.1-§3.2); each is ``> 0`` where it holds.

        ``"concavity"``: ``2 b1 gamma1 - b2^2`` (eqs 6-7, Proposition 1 with
        ``b3`` read as ``b2``; checked here); ``"leader concavity"``:
        ``4 b1 gamma1 - b2^2`` (the Stackelberg leader's problem);
        ``"market"``: ``beta - b1 c`` (demand at ``p = c`` and no service;
        checked by the solvers).
        """
        g = self.b1 * self.gamma1
        return {
            "concavity": float(2 * g - self.b2**2),
            "leader concavity": float(4 * g - self.b2**2),
            "market": float(self.beta - self.b1 * self.c),
        }


def _finite_products(params: HorizontalParams) -> float:
    """``2 b1 gamma1 - b2^2``, after checking that the model's products stay finite.

    The highest-degree products the closed forms and the band polynomials of
    :func:`acceptable_lambda` form are of order ``(b1 gamma1)^2`` times
    ``beta^2 / b1``, ``b1 c^2`` or ``K``; a value that overflows them is
    rejected here, naming the largest parameter.
    """
    b, b1, b2, g, c, K = (np.float64(getattr(params, k)) for k in ("beta", "b1", "b2", "gamma1", "c", "K"))
    inputs = params.as_dict()
    with np.errstate(over="ignore", invalid="ignore"):
        det = 2 * b1 * g - b2**2
        v.finite_result("2*b1*gamma1 - b2**2", det, {"b1": b1, "b2": b2, "gamma1": g})
        for expr, value in (
            ("gamma1**2 * b1 * beta**2", g**2 * b1 * b**2),
            ("(b1*gamma1)**2 * b1 * c**2", (b1 * g) ** 2 * b1 * c**2),
            ("(b1*gamma1)**2 * K", (b1 * g) ** 2 * K),
        ):
            v.finite_result(expr, value, inputs)
    return float(det)


def _finite_outcomes(params: HorizontalParams, det: float) -> None:
    """Refuse parameters whose equilibria overflow (a price ``beta*gamma1/det``, a profit ``b1`` times its square).

    ``det = 2 b1 gamma1 - b2^2``. A tiny ``b1`` or ``gamma1`` makes ``det`` tiny and the closed forms of
    §3.2-3.4 overflow to ``inf``/``nan``; the message names the parameter to change. A factor of 8 covers
    the constants of the closed forms (``p = c + 3x/2`` with ``x = 2 gamma1 (beta - b1 c) / (4 b1 gamma1 - b2^2)``).
    """
    b, b1, b2, g, c = (float(getattr(params, k)) for k in ("beta", "b1", "b2", "gamma1", "c"))
    small = min(("b1", b1), ("gamma1", g), key=lambda t: t[1])
    if 2 * b1 * g < np.finfo(float).tiny:  # underflows: the model's denominators are then meaningless
        raise ModelDomainError(f"{small[0]}={small[1]:g}: too small, 2*b1*gamma1 underflows")
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        x = 8 * (b * g + b1 * g * c) / det
        terms = (
            ("beta*gamma1 / (2*b1*gamma1 - b2**2), the price scale", x),
            ("b1 * price**2, the profit scale", (b1 + b2**2 / g) * x * x),
        )
    for expr, value in terms:
        if not np.isfinite(value):
            culprit = ("beta", b) if abs(np.log10(b)) >= abs(np.log10(det)) else small
            size = "large" if culprit[0] == "beta" else "small"
            raise ModelDomainError(f"{culprit[0]}={culprit[1]:g}: too {size}, {expr} overflows")


class ParameterArrays(NamedTuple):
    """The six horizontal parameters as broadcastable arrays (no validation).

    For vectorised evaluation of the closed forms over parameter grids
    (:mod:`xbec.beyond.bands`): every function here that only reads
    ``params.beta, ..., params.K`` accepts it in place of
    :class:`HorizontalParams` and works elementwise. The caller validates
    signs and masks points outside the domain.
    """

    beta: np.ndarray
    b1: np.ndarray
    b2: np.ndarray
    gamma1: np.ndarray
    c: np.ndarray
    K: np.ndarray
