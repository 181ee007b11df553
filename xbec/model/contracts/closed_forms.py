"""Wholesale or agency, part 1: the stage-3 closed forms and the thresholds.

The model is stated in :mod:`xbec.model.contracts`.  This module holds its
constants, the sympy derivation of the four subgames (:func:`derive`), their
vectorised numeric closed forms (:func:`subgame`, :func:`subgame_arrays`) and
the royalty thresholds of the contract choice (:func:`thresholds`).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from ... import _validate as v
from ...errors import ModelDomainError

#: The four stage-3 configurations; the first letter is supplier 1's (the major one) contract.
CONFIGURATIONS: tuple[str, ...] = ("WW", "WA", "AW", "AA")

#: Labels of the codes returned by :func:`~xbec.model.contracts.choice_grid`,
#: the configurations and then ``"WA/AW"`` where both asymmetric
#: configurations are selected.
CHOICE_LABELS: tuple[str, ...] = CONFIGURATIONS + ("WA/AW",)

#: Keys of :func:`thresholds`; ``r{i}{s}`` is the royalty at which supplier
#: ``i`` is indifferent between agency and wholesale when its rival uses ``s``.
THRESHOLD_KEYS: tuple[str, ...] = ("r1W", "r1A", "r2W", "r2A")

#: For each threshold, the supplier's index, the configuration when that
#: supplier takes agency and the configuration when it takes wholesale.
THRESHOLD_CONFIGS: Mapping[str, tuple[int, str, str]] = {
    "r1W": (1, "AW", "WW"),
    "r1A": (1, "AA", "WA"),
    "r2W": (2, "WA", "WW"),
    "r2A": (2, "AA", "AW"),
}

_BISECTION_STEPS = 64
#: Thresholds closer than this are one threshold: the roots are accurate to about 1e-15.
_SAME_THRESHOLD = 4e-15


# -- The model's domain (raises before any computation)


def check_alpha(alpha: Any) -> np.ndarray:
    """``alpha`` as a float array, checked: ``0 < alpha <= 1`` everywhere."""
    return v.interval("alpha", alpha, 0.0, 1.0, lo_open=True)


def check_beta(beta: Any) -> np.ndarray:
    """``beta`` as a float array, checked: ``0 <= beta < 1`` everywhere."""
    return v.interval("beta", beta, 0.0, 1.0, hi_open=True)


def check_r(r: Any) -> np.ndarray:
    """``r`` as a float array, checked: ``0 <= r <= 1`` everywhere."""
    return v.interval("r", r, 0.0, 1.0)


# -- Symbolic derivation (sympy), re-runnable


@dataclass(frozen=True)
class Derivation:
    """Closed forms of the four stage-3 subgames, derived with sympy (expressions in the symbols ``alpha, beta, r``)."""

    alpha: Any
    beta: Any
    r: Any
    #: ``subgames[config]`` maps ``"p1", "p2", "q1", "q2", "pi1", "pi2", "platform"`` and, for wholesale
    #: suppliers, ``"w1"``/``"w2"`` to sympy expressions
    subgames: Mapping[str, Mapping[str, Any]]
    #: ``indifference[key]`` (``key`` in :data:`THRESHOLD_KEYS`) is ``pi_i(agency) - pi_i(wholesale)`` given the
    #: rival's contract; the threshold is its root in ``r``
    indifference: Mapping[str, Any]
    #: ``second_order[config]``: the second derivatives of every decision maker's objective in its own choice
    #: variable (must be < 0)
    second_order: Mapping[str, tuple[Any, ...]]


@functools.lru_cache(maxsize=1)
def derive() -> Derivation:
    """Derive the subgame closed forms by backward induction with sympy.

    Stage 3 is solved exactly as specified: the retail-price stage (platform
    on the W products, each A supplier on its own product) is a simultaneous
    game solved from its first-order conditions; the W suppliers then choose
    their wholesale prices anticipating it (simultaneously when both are on W).
    Cached (the call takes about a second).
    """
    import sympy as sp

    a, b, r = sp.symbols("alpha beta r", real=True)
    p1, p2, w1, w2 = sp.symbols("p1 p2 w1 w2", real=True)
    q1 = 1 - p1 + b * p2
    q2 = a - p2 + b * p1
    prices = (p1, p2)
    wholesale = (w1, w2)
    demand = (q1, q2)

    subgames: dict[str, dict[str, Any]] = {}
    second_order: dict[str, tuple[Any, ...]] = {}
    for config in CONFIGURATIONS:
        on_w = [i for i in range(2) if config[i] == "W"]
        on_a = [i for i in range(2) if config[i] == "A"]
        platform = sum((prices[i] - wholesale[i]) * demand[i] for i in on_w) + sum(
            r * prices[j] * demand[j] for j in on_a
        )
        # Retail stage: platform chooses p_i (i on W), supplier j chooses p_j (j on A).
        # An A supplier maximises (1 - r) p_j q_j, i.e. p_j q_j (same FOC for r < 1,
        # and the limit at r = 1).
        objectives = {i: platform for i in on_w}
        objectives.update({j: prices[j] * demand[j] for j in on_a})
        focs = [sp.diff(objectives[i], prices[i]) for i in range(2)]
        retail = sp.solve(focs, prices, dict=True)[0]
        soc = [sp.diff(objectives[i], prices[i], 2) for i in range(2)]
        if len(on_w) == 2:  # the platform chooses both prices: full Hessian
            hess = sp.hessian(platform, prices)
            soc.append(-hess.det())  # det > 0 with negative diagonal
        # Wholesale stage: W supplier i maximises w_i q_i(retail(w)).
        sol: dict[Any, Any] = dict(retail)
        if on_w:
            reduced = {i: wholesale[i] * demand[i].subs(retail) for i in on_w}
            w_focs = [sp.diff(reduced[i], wholesale[i]) for i in on_w]
            w_sol = sp.solve(w_focs, [wholesale[i] for i in on_w], dict=True)[0]
            soc += [sp.diff(reduced[i], wholesale[i], 2) for i in on_w]
            sol = {k: sp.cancel(v.subs(w_sol)) for k, v in retail.items()}
            sol.update(w_sol)
        out: dict[str, Any] = {}
        for i in range(2):
            out[f"p{i + 1}"] = sp.factor(sol[prices[i]])
            out[f"q{i + 1}"] = sp.factor(demand[i].subs(sol))
            # profits as products of the factored pieces (re-factoring is slow)
            if i in on_w:
                out[f"w{i + 1}"] = sp.factor(sol[wholesale[i]])
                out[f"pi{i + 1}"] = out[f"w{i + 1}"] * out[f"q{i + 1}"]
            else:
                out[f"pi{i + 1}"] = (1 - r) * out[f"p{i + 1}"] * out[f"q{i + 1}"]
        out["platform"] = sp.factor(platform.subs(sol))
        subgames[config] = out
        second_order[config] = tuple(sp.factor(sp.cancel(s.subs(sol))) for s in soc)

    indifference = {
        key: sp.factor(subgames[ca][f"pi{i}"] - subgames[cw][f"pi{i}"])
        for key, (i, ca, cw) in THRESHOLD_CONFIGS.items()
    }
    return Derivation(a, b, r, subgames, indifference, second_order)


# -- Numeric closed forms (vectorised numpy; transcribed, tested against sympy)


@dataclass(frozen=True)
class Subgame:
    """Stage-3 outcome of one configuration (floats or broadcast arrays).

    ``w1``/``w2`` are ``None`` for a supplier on agency.  ``pi1``/``pi2`` are
    supplier profits, ``platform`` the platform's profit.
    """

    config: str
    p1: Any
    p2: Any
    q1: Any
    q2: Any
    w1: Any
    w2: Any
    pi1: Any
    pi2: Any
    platform: Any


def _aa(a1, a2, beta):
    """Both on agency (the retail prices), or both on wholesale (the wholesale prices), intercepts a1 and a2."""
    d = 4.0 - beta**2
    return (2.0 * a1 + a2 * beta) / d, (2.0 * a2 + a1 * beta) / d


def _ww(a1, a2, beta):
    """Both on wholesale, intercepts a1 (product 1) and a2 (product 2)."""
    d = 4.0 - beta**2
    w1, w2 = _aa(a1, a2, beta)
    m1 = (2.0 * a1 + 3.0 * a2 * beta + a1 * beta**2) / (2.0 * d * (1.0 - beta**2))
    m2 = (2.0 * a2 + 3.0 * a1 * beta + a2 * beta**2) / (2.0 * d * (1.0 - beta**2))
    q1, q2 = 0.5 * w1, 0.5 * w2
    return w1, w2, w1 + m1, w2 + m2, q1, q2


def _wa(aw, aa, beta, r):
    """Supplier with intercept ``aw`` on W, the one with ``aa`` on A."""
    e = 2.0 - beta**2
    g = 4.0 - (1.0 + r) * beta**2
    w = (2.0 * aw + aa * beta * (1.0 - r) - aw * beta**2 * r) / (2.0 * e)
    q_w = e * w / g
    p_w = (
        6.0 * aw
        - 2.0 * aw * beta**2
        - aw * beta**2 * r
        + 3.0 * aa * beta
        + aa * beta * r
        - aa * beta**3
        - aa * beta**3 * r
    ) / (e * g)
    p_a = (
        8.0 * aa - 3.0 * aa * beta**2 - aa * beta**2 * r + 6.0 * aw * beta - 2.0 * aw * beta**3 - aw * beta**3 * r
    ) / (2.0 * e * g)
    return w, p_w, p_a, q_w, p_a  # q_a == p_a


def subgame_arrays(config: str, alpha: Any, beta: Any, r: Any) -> Subgame:
    """:func:`subgame` on already validated, broadcastable float arrays (no checks, arrays out).

    Used by the equilibrium code, which validates its inputs once and then
    evaluates the closed forms on many candidate royalties.
    """
    one = np.ones_like(alpha * beta * r)
    if config == "WW":
        w1, w2, p1, p2, q1, q2 = _ww(1.0, alpha, beta)
        w1, w2, p1, p2, q1, q2 = (x * one for x in (w1, w2, p1, p2, q1, q2))
        pi1, pi2 = w1 * q1, w2 * q2
        platform = (p1 - w1) * q1 + (p2 - w2) * q2
    elif config == "AA":
        p1, p2 = _aa(1.0, alpha, beta)
        p1, p2 = p1 * one, p2 * one
        q1, q2, w1, w2 = p1, p2, None, None
        pi1, pi2 = (1.0 - r) * p1 * q1, (1.0 - r) * p2 * q2
        platform = r * (p1 * q1 + p2 * q2)
    elif config == "WA":
        w1, p1, p2, q1, q2 = _wa(1.0, alpha, beta, r)
        w2 = None
        pi1, pi2 = w1 * q1, (1.0 - r) * p2 * q2
        platform = (p1 - w1) * q1 + r * p2 * q2
    else:  # "AW"
        w2, p2, p1, q2, q1 = _wa(alpha, 1.0, beta, r)
        w1 = None
        pi1, pi2 = (1.0 - r) * p1 * q1, w2 * q2
        platform = r * p1 * q1 + (p2 - w2) * q2
    return Subgame(config, p1, p2, q1, q2, w1, w2, pi1, pi2, platform)


def as_output(x: Any) -> Any:
    """``None`` stays ``None``; a 0-d result becomes a float, any other result a float array."""
    if x is None:
        return None
    x = np.asarray(x, dtype=float)
    return float(x) if x.ndim == 0 else x


def subgame(config: str, alpha: Any, beta: Any, r: Any) -> Subgame:
    """Closed-form stage-3 outcome of ``config`` (supplier 1's and 2's contracts, e.g. ``"WA"``).

    ``alpha`` (potential demand of the niche supplier) in ``(0, 1]``, ``beta``
    (substitutability) in ``[0, 1)``, the royalty ``r`` in ``[0, 1]``
    (irrelevant under WW), else :class:`~xbec.errors.ModelDomainError`;
    broadcast arrays out, floats for scalar input.
    """
    config = v.one_of("config", config, CONFIGURATIONS)
    alpha, beta, r = check_alpha(alpha), check_beta(beta), check_r(r)
    s = subgame_arrays(config, alpha, beta, r)
    return Subgame(
        config, *(as_output(getattr(s, k)) for k in ("p1", "p2", "q1", "q2", "w1", "w2", "pi1", "pi2", "platform"))
    )


# -- Thresholds (Lemma 1 analogue)


def threshold_coefficients(key: str, alpha, beta) -> tuple[Any, Any, Any, Any]:
    """Coefficients ``(c0, c1, c2, c3)`` of the indifference polynomial of ``key``.

    ``F(r) = c0 + c1 r + c2 r^2 + c3 r^3`` is ``pi_i(A) - pi_i(W)`` times a
    positive factor, so ``F > 0`` iff agency pays more.  With
    ``E = 2 - beta^2`` and ``g(r) = g0 + g1 r = 4 - beta^2 - beta^2 r``:

    * rival on W (cubic): ``F = (1 - r) n(r)^2 - k g(r)^2``, where the agency
      price is ``n(r) / (2 E g(r))`` and ``k = 4 E^2`` times the WW profit;
    * rival on A (quadratic): ``F = (1 - r) P^2 g(r) - m(r)^2 / (4 E)``, where
      ``P`` is the AA price and the wholesale profit is ``m(r)^2 / (4 E g(r))``.

    ``F(0) > 0 > F(1)`` on the whole domain (tested).
    """
    i = int(key[1])
    own, rival = (1.0, alpha) if i == 1 else (alpha, 1.0)
    e = 2.0 - beta**2
    g0, g1 = 4.0 - beta**2, -(beta**2)
    p_aa = (2.0 * own + rival * beta) / (4.0 - beta**2)  # AA price = WW wholesale price
    if key[2] == "W":
        n0 = 8.0 * own - 3.0 * own * beta**2 + 6.0 * rival * beta - 2.0 * rival * beta**3
        n1 = -(own * beta**2 + rival * beta**3)
        k = 2.0 * e**2 * p_aa**2  # 4 E^2 * (p_aa^2 / 2)
        return (
            n0**2 - k * g0**2,
            2.0 * n0 * n1 - n0**2 - 2.0 * k * g0 * g1,
            n1**2 - 2.0 * n0 * n1 - k * g1**2,
            -(n1**2),
        )
    m0 = 2.0 * own + rival * beta
    m1 = -(rival * beta + own * beta**2)
    s = 0.25 / e
    zero = 0.0 * m0
    return (p_aa**2 * g0 - s * m0**2, p_aa**2 * (g1 - g0) - 2.0 * s * m0 * m1, -(p_aa**2) * g1 - s * m1**2, zero)


def threshold_arrays(alpha, beta, keys: tuple[str, ...] = THRESHOLD_KEYS) -> dict[str, np.ndarray]:
    """Roots in ``[0, 1]`` of the indifference polynomials (vectorised), for ``keys`` (default: all four).

    ``F(0) > 0 > F(1)``; the quadratics (rival on A) therefore have exactly one
    root in ``(0, 1)`` and are solved in closed form; the cubics (rival on W)
    have exactly one root there (checked against sympy in the tests) and are
    solved by bisection to machine precision.
    """
    alpha, beta = np.broadcast_arrays(np.asarray(alpha, float), np.asarray(beta, float))
    out = {}
    for key in keys:
        coef = np.array(threshold_coefficients(key, alpha, beta), dtype=float)
        scale = np.max(np.abs(coef), axis=0)  # roots do not change with the scale; squares must not underflow
        if np.any(scale == 0):
            small = min(
                ("alpha", float(np.min(alpha))),
                ("beta", float(np.min(beta[beta > 0], initial=1.0))),
                key=lambda t: t[1],
            )
            raise ModelDomainError(
                f"{small[0]}={small[1]:g}: too small, the indifference polynomial of {key} underflows to 0"
            )
        c0, c1, c2, c3 = coef / np.where(scale > 0, scale, 1.0)
        if key[2] == "A":
            disc = np.maximum(c1**2 - 4.0 * c2 * c0, 0.0)
            q = -0.5 * (c1 + np.copysign(np.sqrt(disc), c1))
            with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
                first, second = c0 / q, q / c2
            root = np.where((first >= 0.0) & (first <= 1.0), first, second)
            out[key] = np.clip(root, 0.0, 1.0)
        else:
            lo = np.zeros(alpha.shape)
            hi = np.ones(alpha.shape)
            for _ in range(_BISECTION_STEPS):
                mid = 0.5 * (lo + hi)
                agency_better = ((c3 * mid + c2) * mid + c1) * mid + c0 >= 0.0
                lo = np.where(agency_better, mid, lo)
                hi = np.where(agency_better, hi, mid)
            out[key] = lo
    # A supplier's two thresholds that agree within rounding (beta near 0) are one threshold: else no pure
    # equilibrium may survive their rounding.
    for i in "12" if set(keys) == set(THRESHOLD_KEYS) else "":
        same = np.abs(out[f"r{i}W"] - out[f"r{i}A"]) <= _SAME_THRESHOLD
        out[f"r{i}W"] = np.where(same, out[f"r{i}A"], out[f"r{i}W"])
    return out


def thresholds(alpha: Any, beta: Any) -> dict[str, Any]:
    """Royalty thresholds of the contract choice (analogue of Lemma 1).

    ``r{i}{s}`` is the royalty at which supplier ``i`` earns the same profit on
    agency and on wholesale when its rival is on ``s``.  Supplier ``i`` takes
    agency iff ``r <= r{i}{s}`` (indifference resolved in favour of agency).
    Each threshold exists and is unique in ``(0, 1)`` on the whole domain: the
    agency profit ``(1 - r) p q`` falls to zero at ``r = 1`` while the
    wholesale profit stays positive, and at ``r = 0`` agency pays more (no
    double marginalisation); computed by ``threshold_arrays`` (same module).

    ``0 < alpha <= 1``, ``0 <= beta < 1`` (else
    :class:`~xbec.errors.ModelDomainError`); keys ``"r1W", "r1A", "r2W",
    "r2A"``, floats for scalar input, broadcast arrays otherwise; accuracy
    about ``1e-15``.
    """
    alpha, beta = check_alpha(alpha), check_beta(beta)
    return {k: as_output(v) for k, v in threshold_arrays(alpha, beta).items()}
