"""Errors raised by :mod:`xbec`."""

from __future__ import annotations

__all__ = ["ModelDomainError"]


class ModelDomainError(ValueError):
    """An input lies outside the model's domain.

    The message always names the offending parameter and the condition it
    violates, e.g. ``"b2=5: concavity requires 2*b1*gamma1 - b2**2 > 0 (got -17)"``.
    Raised before any computation, so a bad call never returns ``nan``.
    """
