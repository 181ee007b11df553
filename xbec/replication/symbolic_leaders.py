"""The order of moves of §3.2 re-derived with sympy: manufacturer-led game and the literal reading.

Beside :mod:`xbec.replication.symbolic` (the paper's own, platform-led
derivations), from the same primitives — demand (§3.1), eqs (1) and (2). Nothing
here computes numbers for the book; the tests compare these derivations with the
numpy closed forms of :mod:`xbec.model.leaders`.
"""

from __future__ import annotations

from functools import cache

import sympy as sp

from .symbolic import SYMBOLS, centralized_solution, profit_functions


@cache
def manufacturer_led_solution() -> dict[str, sp.Expr]:
    """Backward induction of the manufacturer-led game from eqs (1)–(2).

    Stage 2: the platform maximises eq (1) over ``(p, s)`` for a given ``w``
    (first-order conditions solved jointly). Stage 1: the manufacturer
    maximises eq (2) with the platform's reply substituted, over ``w``.
    Returns ``p, w, s, demand, pi_platform, pi_manufacturer`` (closed forms
    in ``beta, b1, b2, gamma1, c, K``), ``reply_p, reply_s`` (the platform's
    reply as functions of ``w``), ``follower_hessian`` (eq 3's matrix, of the
    follower here), ``follower_hessian_det`` and ``leader_curvature``
    (``d^2 pi2 / dw^2`` along the reply).
    """
    S = SYMBOLS
    p, w, s = S["p"], S["w"], S["s"]
    pi1, pi2 = profit_functions()["pi1"], profit_functions()["pi2"]
    reply = sp.solve([sp.diff(pi1, p), sp.diff(pi1, s)], [p, s], dict=True)[0]
    hessian = sp.hessian(pi1, (p, s))
    pi2_w = sp.cancel(pi2.subs(reply))
    w_star = sp.solve(sp.diff(pi2_w, w), w)[0]
    sol = {p: sp.cancel(reply[p].subs(w, w_star)), s: sp.cancel(reply[s].subs(w, w_star)), w: w_star}
    D = S["beta"] - S["b1"] * p + S["b2"] * s
    return {
        "p": sp.factor(sol[p]),
        "w": sp.factor(sol[w]),
        "s": sp.factor(sol[s]),
        "demand": sp.factor(D.subs(sol)),
        "pi_platform": sp.factor(sp.cancel(pi1.subs(sol))),
        "pi_manufacturer": sp.factor(sp.cancel(pi2.subs(sol))),
        "reply_p": sp.factor(reply[p]),
        "reply_s": sp.factor(reply[s]),
        "follower_hessian": hessian,
        "follower_hessian_det": sp.factor(hessian.det()),
        "leader_curvature": sp.factor(sp.diff(pi2_w, w, 2)),
    }


@cache
def literal_reading() -> dict[str, sp.Expr]:
    """The literal "platform fixes ``p`` and ``s``, then the manufacturer sets ``w``" reading.

    ``dpi2_dw``: the manufacturer's marginal profit for fixed ``p, s`` (equal
    to the demand ``D``, free of ``w``); ``d2pi2_dw2``: 0, so eq (2) is
    linear in ``w`` and has no interior maximum: with ``D > 0`` the
    manufacturer raises ``w`` until the platform's margin ``p - w`` vanishes.
    """
    S = SYMBOLS
    pi2 = profit_functions()["pi2"]
    return {
        "dpi2_dw": sp.expand(sp.diff(pi2, S["w"])),
        "d2pi2_dw2": sp.diff(pi2, S["w"], 2),
        "demand": S["beta"] - S["b1"] * S["p"] + S["b2"] * S["s"],
    }


@cache
def manufacturer_led_band_gap() -> sp.Expr:
    """``pi^{2*} - 2 pi2^{M*}``: the centralised profit less twice the manufacturer-led ``pi2*``.

    Simplifies to ``-K``. Since revenue sharing never beats the centralised
    profit (same price, eq 8 = ``p^{2*}``, and a service level chosen by the
    platform alone), ``pi1(lam) > pi2(lam) > pi2^{M*}`` would need
    ``pi1(lam) + pi2(lam) > 2 pi2^{M*} = pi^{2*} + K >= pi^{2*}``: with the
    manufacturer-led benchmark and the paper's condition ``pi1(lam) > pi2(lam)``
    the acceptable band is empty for every parameter set with ``K >= 0``.
    """
    return sp.factor(sp.cancel(centralized_solution()["pi_total"] - 2 * manufacturer_led_solution()["pi_manufacturer"]))
