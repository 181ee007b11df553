"""Who moves first in the decentralised game (§3.2): closed forms for each order of moves.

The paper says that the platform "determines" ``p`` and ``s`` and that the
manufacturer then sets ``w`` (§3.2), but solves the game through the
platform's mark-up ``x = p - w`` (eq 4). Three readings are possible:

``"platform"`` (the default, the paper's mark-up reading)
    The platform commits to its mark-up ``x`` and service level ``s``; the
    manufacturer replies with eq (5). This is what every chapter of the book
    uses and what reproduces the paper's numbers.
``"manufacturer"``
    The manufacturer sets ``w`` first; the platform, seeing ``w``, sets ``p``
    and ``s`` (a manufacturer-led Stackelberg game, as in Choi 1991).
the literal "platform fixes ``p``, then the manufacturer sets ``w``"
    has **no interior equilibrium**; asking for it raises
    :class:`~xbec.errors.ModelDomainError` saying why (:func:`check_leader`;
    sympy: :func:`xbec.replication.symbolic_leaders.literal_reading`).

Every function here is written on the six attributes ``beta, b1, b2, gamma1,
c, K`` of its ``params`` argument only, so it works elementwise when those
attributes are arrays (see :class:`xbec.model.horizontal.ParameterArrays`).
No validation happens on arrays; :func:`check_domain` validates a scalar
parameter set.
"""

from __future__ import annotations

from typing import Any, NamedTuple

import numpy as np

from ..errors import ModelDomainError

#: The orders of moves with an interior equilibrium.
LEADERS = ("platform", "manufacturer")

#: Name of the literal "platform fixes p, then the manufacturer sets w" reading.
LITERAL_READING = "platform-price-first"


class Prices(NamedTuple):
    """Equilibrium decisions ``(p, w, s)`` of the decentralised game (floats or arrays)."""

    p: Any
    w: Any
    s: Any


def check_leader(leader: Any) -> str:
    """Return ``leader`` if it names an order of moves with an equilibrium, else raise.

    :class:`~xbec.errors.ModelDomainError` for the literal reading
    ``"platform-price-first"`` (no interior equilibrium: eq (2) is linear in
    ``w`` for a fixed ``p``) and for any other value not in :data:`LEADERS`.
    """
    if leader == LITERAL_READING:
        raise ModelDomainError(
            f"leader={leader!r}: if the platform fixes p (and s) before the manufacturer sets w, "
            "the manufacturer's profit (w - c) D (eq 2) is linear in w with slope D > 0, so it has "
            "no interior maximum (w rises until p - w = 0); use leader='platform' (the mark-up "
            "reading of eq 4) or leader='manufacturer'"
        )
    if leader not in LEADERS:
        raise ModelDomainError(f"leader={leader!r}: must be one of {LEADERS}")
    return str(leader)


def platform_led_prices(params) -> Prices:
    """Stackelberg equilibrium led by the platform's mark-up (§3.2, Proposition 2, eq 5).

    With ``u = beta - b1 c`` and ``x = 2 gamma1 u / (4 b1 gamma1 - b2^2)``::

        w = c + x/2,   p = c + 3x/2,   s = b2 x / (2 gamma1)

    so that ``D = b1 x / 2``, ``pi1* = x u / 4 - K`` and ``pi2* = b1 x^2 / 4``.
    """
    u = params.beta - params.b1 * params.c
    x = 2 * params.gamma1 * u / (4 * params.b1 * params.gamma1 - params.b2**2)
    return Prices(p=params.c + 1.5 * x, w=params.c + 0.5 * x, s=params.b2 * x / (2 * params.gamma1))


def manufacturer_led_prices(params) -> Prices:
    """Stackelberg equilibrium led by the manufacturer (sets ``w`` first, then the platform ``p, s``).

    The platform's best reply to ``w`` maximises eq (1): its first-order
    conditions give the mark-up ``p - w = gamma1 (beta - b1 w) / Delta`` and
    ``s = b2 (p - w) / gamma1`` with ``Delta = 2 b1 gamma1 - b2^2``, so demand
    is ``D(w) = b1 gamma1 (beta - b1 w) / Delta``. The manufacturer maximises
    ``(w - c) D(w)`` (eq 2). With ``u = beta - b1 c``::

        w = c + u / (2 b1),   p = w + gamma1 u / (2 Delta),   s = b2 u / (2 Delta)

    so that ``D = b1 gamma1 u / (2 Delta)``, ``pi1 = gamma1 u^2 / (8 Delta) - K``
    and ``pi2 = gamma1 u^2 / (4 Delta)``. Derived with sympy in
    :func:`xbec.replication.symbolic_leaders.manufacturer_led_solution`.
    """
    u = params.beta - params.b1 * params.c
    delta = 2 * params.b1 * params.gamma1 - params.b2**2
    w = params.c + u / (2 * params.b1)
    return Prices(p=w + params.gamma1 * u / (2 * delta), w=w, s=params.b2 * u / (2 * delta))


def leader_prices(params, leader: str = "platform") -> Prices:
    """:func:`platform_led_prices` or :func:`manufacturer_led_prices` by name (see :data:`LEADERS`)."""
    if check_leader(leader) == "platform":
        return platform_led_prices(params)
    return manufacturer_led_prices(params)


def second_order_conditions(params, leader: str = "platform") -> dict[str, Any]:
    """Second-order conditions of each player's problem; every value must be ``> 0``.

    ``"platform"``: the leader's problem in ``(x, s)`` after eq (5) has
    Hessian determinant ``(4 b1 gamma1 - b2^2) / 4`` (and ``b1 > 0``); the
    follower's ``d^2 pi2 / dw^2 = -2 b1`` (Proposition 1).
    ``"manufacturer"``: the follower (platform) has the Hessian of eq (3),
    negative definite iff ``2 b1 gamma1 - b2^2 > 0`` (Proposition 1 applies
    here to the follower); the leader's ``d^2 pi2 / dw^2 = -2 b1^2 gamma1 / Delta``.
    Returned as the negated curvatures / determinants, so ``> 0`` means concave.
    """
    b1, b2, g = params.b1, params.b2, params.gamma1
    if check_leader(leader) == "platform":
        return {"leader: 4 b1 gamma1 - b2^2": 4 * b1 * g - b2**2, "leader: b1": b1, "follower: 2 b1": 2 * b1}
    delta = 2 * b1 * g - b2**2
    return {
        "follower: 2 b1 gamma1 - b2^2": delta,
        "follower: 2 b1": 2 * b1,
        "leader: 2 b1^2 gamma1 / Delta": 2 * b1**2 * g / delta,
    }


def check_domain(params, leader: str = "platform") -> None:
    """Raise :class:`ModelDomainError` unless the equilibrium of ``leader`` exists and is valid.

    Valid means: each player's problem is strictly concave
    (:func:`second_order_conditions` all ``> 0``) and the paper's hypotheses
    ``w > c``, ``p > w`` and ``D > 0`` (§3.1) hold; for both orders of moves
    the latter is ``beta - b1 c > 0``.
    """
    leader = check_leader(leader)
    for name, value in second_order_conditions(params, leader).items():
        if not np.all(np.asarray(value) > 0):
            raise ModelDomainError(f"b2={params.b2:g}: the {leader}-led game needs {name} > 0 (got {float(value):g})")
    u = params.beta - params.b1 * params.c
    if not u > 0:
        raise ModelDomainError(
            f"beta={params.beta:g}: the {leader}-led equilibrium needs beta - b1*c > 0 "
            f"(got {u:g}); otherwise demand <= 0, p <= w and w <= c"
        )
