"""Wholesale or agency? Contract choice on an e-commerce platform (after Zennyo 2020).

Extension chapter of the xbec book.  The model below is *our specification*;
it follows the set-up summarised for Zennyo (2020, EJOR 281(1):231-239) but the
functional forms and the timing are fixed here, not taken from the paper.

Model
-----
Two suppliers sell through one monopoly platform.  Demand is linear,

    q1 = 1 - p1 + beta * p2,        q2 = alpha - p2 + beta * p1,

with ``0 < alpha <= 1`` (potential demand of the niche supplier 2; supplier 1
is the major supplier) and ``0 <= beta < 1`` (substitutability).  Marginal
costs are zero.

1. The platform sets the royalty (commission) rate ``r`` in ``[0, 1]``.
2. The suppliers simultaneously choose a wholesale (``W``) or an agency
   (``A``) contract.  Among the pure Nash equilibria of this 2x2 game we keep
   the payoff-undominated ones.  A supplier that is exactly indifferent takes
   agency (the weak inequality ``r <= r_i`` of the summary's Lemma 1).
3. W suppliers set wholesale prices ``w_i`` first; then, simultaneously, the
   platform sets the retail prices of the W products and every A supplier sets
   its own retail price.  The platform earns
   ``sum_W (p_i - w_i) q_i + r * sum_A p_j q_j``; a W supplier earns
   ``w_i q_i``; an A supplier earns ``(1 - r) p_j q_j``.

A configuration is a two-letter code, first letter supplier 1: ``"WA"`` means
supplier 1 wholesale and supplier 2 agency.

Results used throughout (all checked in ``tests/test_contracts.py``):

* every subgame has a unique interior solution with strictly positive prices,
  wholesale prices, platform margins and quantities on the *whole* domain
  ``0 < alpha <= 1``, ``0 <= beta < 1``, ``0 <= r <= 1``; no restriction of the
  domain is needed;
* each threshold ``r_i^s`` exists and is unique in ``(0, 1)``, so
  :func:`thresholds` never has to clip or return ``None``; all four equal
  ``1/2`` at ``beta = 0``; ``r1W``, ``r2W`` and ``r2A`` exceed ``1/2`` for
  ``beta > 0`` (``r1A`` dips slightly below ``1/2`` only for a tiny niche
  supplier and almost perfect substitutes, e.g. ``alpha < 0.04, beta > 0.97``);
* the platform's profit in every configuration is non-decreasing in ``r``
  (constant under WW), so the stage-1 problem is solved exactly by comparing
  the profit at the right end points of the r-intervals on which stage 2
  selects one configuration.

Model code never plots or prints; see :mod:`xbec.contracts_plots`.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any, Mapping

import numpy as np

from ..errors import ModelDomainError

__all__ = [
    "CONFIGURATIONS",
    "THRESHOLD_KEYS",
    "Derivation",
    "Subgame",
    "Equilibrium",
    "EquilibriumMap",
    "RoyaltyPath",
    "derive",
    "subgame",
    "thresholds",
    "choice",
    "choice_grid",
    "CHOICE_LABELS",
    "stage2_intervals",
    "reachable_choices",
    "equilibrium",
    "equilibrium_map",
    "royalty_path",
]

#: The four stage-3 configurations (first letter: supplier 1, the major one).
CONFIGURATIONS: tuple[str, ...] = ("WW", "WA", "AW", "AA")

#: Labels of the codes returned by :func:`choice_grid`: the configurations,
#: then ``"WA/AW"`` where both asymmetric configurations are selected.
CHOICE_LABELS: tuple[str, ...] = CONFIGURATIONS + ("WA/AW",)

#: Keys of :func:`thresholds`: ``r{i}{s}`` is the royalty at which supplier
#: ``i`` is indifferent between agency and wholesale when its rival uses ``s``.
THRESHOLD_KEYS: tuple[str, ...] = ("r1W", "r1A", "r2W", "r2A")

# For each threshold: (supplier index, config when i takes A, config when i takes W).
_THRESHOLD_CONFIGS: dict[str, tuple[int, str, str]] = {
    "r1W": (1, "AW", "WW"),
    "r1A": (1, "AA", "WA"),
    "r2W": (2, "WA", "WW"),
    "r2A": (2, "AA", "AW"),
}

# Relative tolerance used only to *report* ties between platform profits.
_TIE_RTOL = 1e-10
_BISECTION_STEPS = 64


# --------------------------------------------------------------------------
# Input validation (raises before any computation)
# --------------------------------------------------------------------------


def _as_real_array(name: str, value: Any) -> np.ndarray:
    try:
        raw = np.asarray(value)
    except (TypeError, ValueError):  # pragma: no cover - ragged input
        raise ModelDomainError(f"{name}={value!r}: must be a real number") from None
    if raw.dtype.kind not in "iuf":  # rejects bool, str, object, complex
        raise ModelDomainError(f"{name}={value!r}: must be a real number")
    return raw.astype(float)


def _describe(name: str, arr: np.ndarray, bad: np.ndarray) -> str:
    if arr.ndim == 0:
        return f"{name}={float(arr)!r}"
    return f"{name} (offending entries {arr[bad].ravel()[:5].tolist()})"


def _check_alpha(alpha: Any) -> np.ndarray:
    arr = _as_real_array("alpha", alpha)
    bad = ~((arr > 0) & (arr <= 1))  # nan fails both comparisons
    if np.any(bad):
        raise ModelDomainError(f"{_describe('alpha', arr, bad)}: requires 0 < alpha <= 1")
    return arr


def _check_beta(beta: Any) -> np.ndarray:
    arr = _as_real_array("beta", beta)
    bad = ~((arr >= 0) & (arr < 1))
    if np.any(bad):
        raise ModelDomainError(f"{_describe('beta', arr, bad)}: requires 0 <= beta < 1")
    return arr


def _check_r(r: Any) -> np.ndarray:
    arr = _as_real_array("r", r)
    bad = ~((arr >= 0) & (arr <= 1))
    if np.any(bad):
        raise ModelDomainError(f"{_describe('r', arr, bad)}: requires 0 <= r <= 1")
    return arr


def _check_config(config: Any) -> str:
    if config not in CONFIGURATIONS:
        raise ModelDomainError(
            f"config={config!r}: requires one of {', '.join(CONFIGURATIONS)}"
        )
    return str(config)


def _scalar(name: str, arr: np.ndarray) -> float:
    if arr.ndim != 0:
        raise ModelDomainError(f"{name}: must be a scalar (got shape {arr.shape})")
    return float(arr)


def _grid_axis(name: str, arr: np.ndarray) -> np.ndarray:
    if arr.ndim != 1 or arr.size < 1:
        raise ModelDomainError(f"{name}: must be a non-empty 1-d sequence (got shape {arr.shape})")
    return arr


# --------------------------------------------------------------------------
# Symbolic derivation (sympy), re-runnable
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Derivation:
    """Closed forms of the four stage-3 subgames, derived with sympy.

    Attributes
    ----------
    alpha, beta, r :
        The sympy symbols used in every expression.
    subgames :
        ``subgames[config]`` maps ``"p1", "p2", "q1", "q2", "pi1", "pi2",
        "platform"`` and, for wholesale suppliers, ``"w1"``/``"w2"`` to sympy
        expressions in ``alpha, beta, r``.
    indifference :
        ``indifference[key]`` for ``key`` in :data:`THRESHOLD_KEYS` is
        ``pi_i(agency) - pi_i(wholesale)`` given the rival's contract; the
        threshold is its root in ``r``.
    second_order :
        ``second_order[config]`` lists the second derivatives of every
        decision maker's objective in its own choice variable (must be < 0).
    """

    alpha: Any
    beta: Any
    r: Any
    subgames: Mapping[str, Mapping[str, Any]]
    indifference: Mapping[str, Any]
    second_order: Mapping[str, tuple[Any, ...]]


@functools.lru_cache(maxsize=1)
def derive() -> Derivation:
    """Derive the subgame closed forms by backward induction with sympy.

    Stage 3 is solved exactly as specified: the retail-price stage (platform
    on the W products, each A supplier on its own product) is a simultaneous
    game solved from its first-order conditions; the W suppliers then choose
    their wholesale prices anticipating it (simultaneously when both are on W).

    Returns
    -------
    Derivation
        The sympy expressions (cached; the call takes about a second).
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
        for key, (i, ca, cw) in _THRESHOLD_CONFIGS.items()
    }
    return Derivation(a, b, r, subgames, indifference, second_order)


# --------------------------------------------------------------------------
# Numeric closed forms (vectorised numpy; transcribed, tested against sympy)
# --------------------------------------------------------------------------


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


def _ww(a1, a2, beta):
    """Both on wholesale, intercepts a1 (product 1) and a2 (product 2)."""
    d = 4.0 - beta**2
    w1 = (2.0 * a1 + a2 * beta) / d
    w2 = (2.0 * a2 + a1 * beta) / d
    m1 = (2.0 * a1 + 3.0 * a2 * beta + a1 * beta**2) / (2.0 * d * (1.0 - beta**2))
    m2 = (2.0 * a2 + 3.0 * a1 * beta + a2 * beta**2) / (2.0 * d * (1.0 - beta**2))
    q1, q2 = 0.5 * w1, 0.5 * w2
    return w1, w2, w1 + m1, w2 + m2, q1, q2


def _aa(a1, a2, beta):
    d = 4.0 - beta**2
    return (2.0 * a1 + a2 * beta) / d, (2.0 * a2 + a1 * beta) / d


def _wa(aw, aa, beta, r):
    """Supplier with intercept ``aw`` on W, the one with ``aa`` on A."""
    e = 2.0 - beta**2
    g = 4.0 - (1.0 + r) * beta**2
    w = (2.0 * aw + aa * beta * (1.0 - r) - aw * beta**2 * r) / (2.0 * e)
    q_w = e * w / g
    p_w = (
        6.0 * aw - 2.0 * aw * beta**2 - aw * beta**2 * r
        + 3.0 * aa * beta + aa * beta * r - aa * beta**3 - aa * beta**3 * r
    ) / (e * g)
    p_a = (
        8.0 * aa - 3.0 * aa * beta**2 - aa * beta**2 * r
        + 6.0 * aw * beta - 2.0 * aw * beta**3 - aw * beta**3 * r
    ) / (2.0 * e * g)
    return w, p_w, p_a, q_w, p_a  # q_a == p_a


def _subgame(config: str, alpha, beta, r) -> Subgame:
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


def _unwrap(x):
    if x is None:
        return None
    x = np.asarray(x, dtype=float)
    return float(x) if x.ndim == 0 else x


def subgame(config: str, alpha: Any, beta: Any, r: Any) -> Subgame:
    """Closed-form stage-3 outcome of one configuration.

    Parameters
    ----------
    config : {"WW", "WA", "AW", "AA"}
        Contracts of supplier 1 and supplier 2.
    alpha : float or array_like
        Potential demand of the niche supplier, ``0 < alpha <= 1``.
    beta : float or array_like
        Substitutability, ``0 <= beta < 1``.
    r : float or array_like
        Royalty rate, ``0 <= r <= 1`` (irrelevant under WW).

    Returns
    -------
    Subgame
        Prices, quantities, wholesale prices and profits (broadcast arrays, or
        floats for scalar input).

    Raises
    ------
    ModelDomainError
        If an input is outside its domain.
    """
    config = _check_config(config)
    alpha, beta, r = _check_alpha(alpha), _check_beta(beta), _check_r(r)
    s = _subgame(config, alpha, beta, r)
    return Subgame(
        config,
        *(_unwrap(getattr(s, k)) for k in ("p1", "p2", "q1", "q2", "w1", "w2", "pi1", "pi2", "platform")),
    )


# --------------------------------------------------------------------------
# Thresholds (Lemma 1 analogue)
# --------------------------------------------------------------------------


def _threshold_coefficients(key: str, alpha, beta) -> tuple[Any, Any, Any, Any]:
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
    return (
        p_aa**2 * g0 - s * m0**2,
        p_aa**2 * (g1 - g0) - 2.0 * s * m0 * m1,
        -(p_aa**2) * g1 - s * m1**2,
        zero,
    )


def _thresholds(alpha, beta) -> dict[str, np.ndarray]:
    """Roots in ``[0, 1]`` of the indifference polynomials (vectorised).

    ``F(0) > 0 > F(1)``; the quadratics (rival on A) therefore have exactly one
    root in ``(0, 1)`` and are solved in closed form; the cubics (rival on W)
    have exactly one root there (checked against sympy in the tests) and are
    solved by bisection to machine precision.
    """
    alpha, beta = np.broadcast_arrays(np.asarray(alpha, float), np.asarray(beta, float))
    out = {}
    for key in THRESHOLD_KEYS:
        c0, c1, c2, c3 = _threshold_coefficients(key, alpha, beta)
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
    return out


def thresholds(alpha: Any, beta: Any) -> dict[str, Any]:
    """Royalty thresholds of the contract choice (analogue of Lemma 1).

    ``r{i}{s}`` is the royalty at which supplier ``i`` earns the same profit on
    agency and on wholesale when its rival is on ``s``.  Supplier ``i`` takes
    agency iff ``r <= r{i}{s}`` (indifference resolved in favour of agency).

    On the whole domain each threshold exists and is unique in ``(0, 1)``:
    the agency profit ``(1 - r) p q`` falls to zero at ``r = 1`` while the
    wholesale profit stays positive, and at ``r = 0`` agency pays more (no
    double marginalisation).  Hence no clipping and no ``None`` are ever
    needed.  The rival-on-A thresholds solve a quadratic (closed form), the
    rival-on-W thresholds a cubic (bisection to machine precision); see
    :func:`derive` for the sympy derivation of the indifference conditions.

    Parameters
    ----------
    alpha : float or array_like
        ``0 < alpha <= 1``.
    beta : float or array_like
        ``0 <= beta < 1``.

    Returns
    -------
    dict
        Keys ``"r1W", "r1A", "r2W", "r2A"``; floats for scalar input, arrays
        (broadcast shape) otherwise.  Accuracy about ``1e-15``.

    Raises
    ------
    ModelDomainError
        If ``alpha`` or ``beta`` is outside its domain.
    """
    alpha, beta = _check_alpha(alpha), _check_beta(beta)
    return {k: _unwrap(v) for k, v in _thresholds(alpha, beta).items()}


# --------------------------------------------------------------------------
# Stage 2: contract choice (Proposition 1 analogue)
# --------------------------------------------------------------------------


def _selected(alpha, beta, r, th) -> dict[str, np.ndarray]:
    """Boolean masks: configuration selected at stage 2 (payoff-undominated pure NE)."""
    a1w, a1a = r <= th["r1W"], r <= th["r1A"]
    a2w, a2a = r <= th["r2W"], r <= th["r2A"]
    nash = {
        "WW": ~a1w & ~a2w,
        "WA": ~a1a & a2w,
        "AW": a1w & ~a2a,
        "AA": a1a & a2a,
    }
    pay = {c: _subgame(c, alpha, beta, r) for c in CONFIGURATIONS}
    selected = {}
    for c in CONFIGURATIONS:
        dominated = np.zeros(np.shape(nash[c]), dtype=bool)
        for d in CONFIGURATIONS:
            if d == c:
                continue
            ge1 = pay[d].pi1 >= pay[c].pi1
            ge2 = pay[d].pi2 >= pay[c].pi2
            strict = (pay[d].pi1 > pay[c].pi1) | (pay[d].pi2 > pay[c].pi2)
            dominated |= nash[d] & ge1 & ge2 & strict
        selected[c] = nash[c] & ~dominated
    return selected


def choice(alpha: float, beta: float, r: float) -> tuple[str, ...]:
    """Stage-2 equilibrium configuration(s) for a given royalty rate.

    Pure Nash equilibria of the suppliers' simultaneous W/A choice, refined by
    payoff dominance (an equilibrium is dropped when another gives both
    suppliers at least as much and one strictly more).  An indifferent
    supplier takes agency.

    Parameters
    ----------
    alpha : float
        ``0 < alpha <= 1``.
    beta : float
        ``0 <= beta < 1``.
    r : float
        Royalty rate, ``0 <= r <= 1``.

    Returns
    -------
    tuple of str
        The selected configurations in the order of :data:`CONFIGURATIONS`.
        Usually one; two (``("WA", "AW")``) where both asymmetric equilibria
        exist and each supplier prefers the one in which it is on agency (a
        coordination problem that payoff dominance cannot resolve; occurs for
        ``alpha`` close to 1 and large ``beta``).

    Raises
    ------
    ModelDomainError
        If an input is outside its domain or not a scalar.
    """
    a = _scalar("alpha", _check_alpha(alpha))
    b = _scalar("beta", _check_beta(beta))
    rr = _scalar("r", _check_r(r))
    th = _thresholds(a, b)
    sel = _selected(a, b, rr, th)
    return tuple(c for c in CONFIGURATIONS if bool(sel[c]))


def choice_grid(alpha: Any, beta: Any, r: Any, niche_forced_agency: bool = False) -> np.ndarray:
    """Vectorised stage-2 choice, as integer codes into :data:`CHOICE_LABELS`.

    Parameters
    ----------
    alpha, beta, r : float or array_like
        Broadcast against each other (e.g. ``beta[None, :]`` and
        ``r[:, None]`` for a map over ``(beta, r)``).
    niche_forced_agency : bool, default False
        The extension: supplier 2 is on agency; supplier 1 takes agency iff
        ``r <= r1A``.

    Returns
    -------
    numpy.ndarray of int
        ``CONFIGURATIONS.index(c)`` where :func:`choice` returns ``(c,)``, and
        ``4`` (``"WA/AW"``) where it returns ``("WA", "AW")``.
    """
    a, b, rr = _check_alpha(alpha), _check_beta(beta), _check_r(r)
    if not isinstance(niche_forced_agency, (bool, np.bool_)):
        raise ModelDomainError(f"niche_forced_agency={niche_forced_agency!r}: requires a bool")
    a, b, rr = np.broadcast_arrays(a, b, rr)
    th = _thresholds(a, b)
    if niche_forced_agency:
        return np.where(rr <= th["r1A"], CONFIGURATIONS.index("AA"), CONFIGURATIONS.index("WA"))
    sel = _selected(a, b, rr, th)
    code = np.full(rr.shape, -1)
    for k, c in enumerate(CONFIGURATIONS):
        code = np.where(sel[c] & (code == -1), k, code)
    both = sel["WA"] & sel["AW"]
    code = np.where(both, CHOICE_LABELS.index("WA/AW"), code)
    if np.any(code < 0):  # pragma: no cover - a pure equilibrium always survives
        raise RuntimeError("stage 2 selected no configuration")
    return code


# --------------------------------------------------------------------------
# Stage 1: the platform's royalty (Propositions 2 and 3 analogues)
# --------------------------------------------------------------------------


def _candidates(alpha, beta, forced: bool):
    """Break points ``{0, thresholds, 1}`` (sorted, last axis) and the stage-2
    selection at each; the selection is constant on ``(b_k, b_k+1]``."""
    th = _thresholds(alpha, beta)
    shape = np.shape(th["r1W"])
    keys = ("r1A",) if forced else THRESHOLD_KEYS
    cand = np.stack([np.zeros(shape)] + [th[k] for k in keys] + [np.ones(shape)], axis=-1)
    cand = np.sort(cand, axis=-1)
    a = np.asarray(alpha, float)[..., None]
    b = np.asarray(beta, float)[..., None]
    thb = {k: v[..., None] for k, v in th.items()}
    if forced:
        a1a = cand <= thb["r1A"]
        none = np.zeros(cand.shape, bool)
        sel = {"WW": none, "WA": ~a1a, "AW": none, "AA": a1a}
    else:
        sel = _selected(a, b, cand, thb)
    return th, cand, sel


def stage2_intervals(
    alpha: float, beta: float, niche_forced_agency: bool = False
) -> tuple[tuple[float, float, tuple[str, ...]], ...]:
    """Exact stage-2 choice as the royalty runs over ``[0, 1]`` (Proposition 1 analogue).

    Parameters
    ----------
    alpha, beta : float
        Parameters (scalars).
    niche_forced_agency : bool, default False
        The extension (supplier 2 on agency).

    Returns
    -------
    tuple of (lo, hi, selected)
        Consecutive pieces covering ``[0, 1]``: the first is the closed
        interval ``[0, hi]``, the others are ``(lo, hi]``; ``selected`` is what
        :func:`choice` returns for every ``r`` in the piece.  Adjacent pieces
        with the same selection are merged; end points are thresholds.
    """
    a = _scalar("alpha", _check_alpha(alpha))
    b = _scalar("beta", _check_beta(beta))
    if not isinstance(niche_forced_agency, (bool, np.bool_)):
        raise ModelDomainError(f"niche_forced_agency={niche_forced_agency!r}: requires a bool")
    _, cand, sel = _candidates(np.asarray(a), np.asarray(b), bool(niche_forced_agency))
    pieces: list[tuple[float, float, tuple[str, ...]]] = []
    lo = 0.0
    for k in range(cand.shape[-1]):
        hi = float(cand[k])
        if k > 0 and hi == lo:
            continue  # empty piece (coinciding thresholds)
        selected = tuple(c for c in CONFIGURATIONS if bool(sel[c][k]))
        if pieces and pieces[-1][2] == selected:
            pieces[-1] = (pieces[-1][0], hi, selected)
        else:
            pieces.append((lo, hi, selected))
        lo = hi
    return tuple(pieces)


def reachable_choices(alpha: Any, beta: Any) -> dict[str, np.ndarray]:
    """Which stage-2 outcomes some royalty ``r`` in ``[0, 1]`` induces.

    Parameters
    ----------
    alpha, beta : float or array_like
        Broadcast against each other.

    Returns
    -------
    dict
        For each label of :data:`CHOICE_LABELS`, a boolean array: True where
        :func:`choice` returns exactly that configuration (or, for
        ``"WA/AW"``, both asymmetric ones: each supplier then prefers the
        equilibrium in which it is on agency, a coordination problem) for some
        ``r``.  ``"WA/AW"`` requires ``max(r1A, r2A) < min(r1W, r2W)``.
    """
    a, b = _check_alpha(alpha), _check_beta(beta)
    a, b = np.broadcast_arrays(a, b)
    _, _, sel = _candidates(a, b, False)
    n_sel = sum(sel[c].astype(int) for c in CONFIGURATIONS)
    out = {c: np.any(sel[c] & (n_sel == 1), axis=-1) for c in CONFIGURATIONS}
    out["WA/AW"] = np.any(sel["WA"] & sel["AW"], axis=-1)
    return out


def _stage1(alpha, beta, forced: bool):
    """Exact stage-1 solution on broadcast arrays.

    Every selection set is constant on the half-open intervals ``(b_k, b_k+1]``
    between consecutive break points ``b`` = {0, thresholds, 1}: all Nash
    conditions read ``r <= t`` or ``r > t``; payoff dominance between AA and
    WW flips only at ``r = 1/2`` (the WW wholesale price equals the AA retail
    price, so ``pi_i^WW = p_i^2 / 2`` and ``pi_i^AA = (1 - r) p_i^2``), which
    is never inside an interval on which both are equilibria (that needs
    ``r > max(r1W, r2W) >= 1/2``); and where WA and AW are both equilibria
    each supplier strictly prefers the one in which it is on agency (tested),
    so neither dominates anywhere on such an interval.  Every
    configuration's platform profit is non-decreasing in ``r``, so the
    platform's supremum over an interval is attained at its right end point,
    and the optimum is the best end point.

    Where stage 2 selects two configurations (WA and AW, see
    :func:`reachable_choices`) the platform is credited with the smaller
    profit (it cannot count on either).  At ``alpha = 1`` the two are mirror images with equal
    profits; this is reported as a tie, not as an ambiguity.
    """
    th, cand, sel = _candidates(alpha, beta, forced)
    a = np.asarray(alpha, float)[..., None]
    b = np.asarray(beta, float)[..., None]
    profit = {c: _subgame(c, a, b, cand).platform for c in CONFIGURATIONS}

    # Guaranteed platform profit at each candidate and the configuration giving it.
    lowest = np.full(cand.shape, np.inf)
    highest = np.full(cand.shape, -np.inf)
    for c in CONFIGURATIONS:
        lowest = np.where(sel[c], np.minimum(lowest, profit[c]), lowest)
        highest = np.where(sel[c], np.maximum(highest, profit[c]), highest)
    if not np.all(np.isfinite(lowest)):  # pragma: no cover - a pure NE always exists here
        raise RuntimeError("stage 2 selected no configuration")
    tol = _TIE_RTOL * np.maximum(np.abs(highest), 1.0)
    near_lowest = {c: sel[c] & (profit[c] <= lowest + tol) for c in CONFIGURATIONS}
    code = np.full(cand.shape, -1)
    for k in reversed(range(len(CONFIGURATIONS))):  # first in CONFIGURATIONS order wins
        code = np.where(near_lowest[CONFIGURATIONS[k]], k, code)
    ambiguous = highest - lowest > tol

    best = np.argmax(lowest, axis=-1)[..., None]

    def take(x):
        return np.take_along_axis(x, best, axis=-1)[..., 0]

    value = take(lowest)
    code_best = take(code)
    r_best = take(cand)
    # Ties: configurations achieving the optimal profit at some candidate,
    # either the other member of a selected pair or at another end point.
    near_opt = np.abs(lowest - value[..., None]) <= _TIE_RTOL * np.maximum(np.abs(value), 1.0)[..., None]
    ties = {c: np.any(near_opt & near_lowest[c], axis=-1) for c in CONFIGURATIONS}
    # Range of maximisers: under WW (constant profit) every r that induces WW.
    prev = np.concatenate([cand[..., :1], cand[..., :-1]], axis=-1)  # left end of (prev, cand]
    ww = CONFIGURATIONS.index("WW")
    only_ww = sel["WW"] & ~sel["WA"] & ~sel["AW"] & ~sel["AA"] & (np.arange(cand.shape[-1]) > 0)
    lo_ww = np.min(np.where(only_ww, prev, np.inf), axis=-1)
    r_lo = np.where(code_best == ww, lo_ww, r_best)
    r_hi = np.where(code_best == ww, 1.0, r_best)
    return {
        "thresholds": th,
        "code": code_best,
        "royalty": r_hi,
        "royalty_lo": r_lo,
        "platform": value,
        "ambiguous": take(ambiguous),
        "ties": ties,
    }


@dataclass(frozen=True)
class Equilibrium:
    """Subgame-perfect equilibrium of the contracting game.

    Attributes
    ----------
    alpha, beta : float
        Parameters.
    niche_forced_agency : bool
        True for the extension in which supplier 2 can only take agency.
    contracts : str
        Equilibrium configuration, e.g. ``"WA"`` (supplier 1 wholesale,
        supplier 2 agency).
    royalty : float
        An optimal royalty rate.  When the platform is indifferent over a range
        (equilibrium WW: its profit does not depend on ``r``) this is the upper
        end ``1.0`` of the range.
    royalty_range : tuple of float
        ``(lo, hi)``: the optimal royalties form the interval ``(lo, hi]`` when
        ``platform_indifferent`` (``lo`` itself induces agency, because an
        indifferent supplier takes agency), else ``lo == hi == royalty``.
    platform_indifferent : bool
        True when every ``r`` in ``royalty_range`` is optimal.
    ties : tuple of str
        Other configurations the platform can induce with exactly the same
        profit (only on boundaries of the equilibrium map; usually empty).
    platform_profit, supplier1_profit, supplier2_profit : float
        Equilibrium profits.
    prices, quantities : tuple of float
        Retail prices and quantities ``(product 1, product 2)``.
    wholesale_prices : tuple
        ``(w1, w2)``; ``None`` for a supplier on agency.
    thresholds : dict
        The four threshold royalties (:func:`thresholds`).
    stage2_ambiguous : bool
        True if, at the optimal royalty, stage 2 selects two configurations
        with different platform profits (the platform is then credited with
        the smaller one).  False on the whole tested domain.
    """

    alpha: float
    beta: float
    niche_forced_agency: bool
    contracts: str
    royalty: float
    royalty_range: tuple[float, float]
    platform_indifferent: bool
    ties: tuple[str, ...]
    platform_profit: float
    supplier1_profit: float
    supplier2_profit: float
    prices: tuple[float, float]
    quantities: tuple[float, float]
    wholesale_prices: tuple[float | None, float | None]
    thresholds: Mapping[str, float]
    stage2_ambiguous: bool


def equilibrium(alpha: float, beta: float, niche_forced_agency: bool = False) -> Equilibrium:
    """Subgame-perfect equilibrium: royalty, contracts, prices and profits.

    Stage 1 is solved exactly: the platform's profit as a function of ``r``
    is piecewise (one piece per stage-2 configuration), each piece is
    non-decreasing, so the candidates are the right end points of the pieces,
    i.e. ``0``, the thresholds and ``1``.

    Parameters
    ----------
    alpha : float
        Potential demand of the niche supplier, ``0 < alpha <= 1``.
    beta : float
        Substitutability, ``0 <= beta < 1``.
    niche_forced_agency : bool, default False
        If True, supplier 2 can only take agency and only supplier 1 chooses
        (the extension, analogue of Lemma 2 / Proposition 3): the platform
        either sets ``r = r1A`` (configuration AA) or ``r = 1`` (WA).

    Returns
    -------
    Equilibrium

    Raises
    ------
    ModelDomainError
        If ``alpha`` or ``beta`` is outside its domain.
    """
    a = _scalar("alpha", _check_alpha(alpha))
    b = _scalar("beta", _check_beta(beta))
    if not isinstance(niche_forced_agency, (bool, np.bool_)):
        raise ModelDomainError(
            f"niche_forced_agency={niche_forced_agency!r}: requires a bool"
        )
    s1 = _stage1(np.asarray(a), np.asarray(b), bool(niche_forced_agency))
    config = CONFIGURATIONS[int(s1["code"])]
    r_star = float(s1["royalty"])
    r_lo = float(s1["royalty_lo"])
    indifferent = config == "WW" and r_lo < r_star
    sg = _subgame(config, np.asarray(a), np.asarray(b), np.asarray(r_star))
    ties = tuple(c for c in CONFIGURATIONS if c != config and bool(s1["ties"][c]))
    return Equilibrium(
        alpha=a,
        beta=b,
        niche_forced_agency=bool(niche_forced_agency),
        contracts=config,
        royalty=r_star,
        royalty_range=(r_lo, r_star),
        platform_indifferent=indifferent,
        ties=ties,
        platform_profit=float(s1["platform"]),
        supplier1_profit=float(sg.pi1),
        supplier2_profit=float(sg.pi2),
        prices=(float(sg.p1), float(sg.p2)),
        quantities=(float(sg.q1), float(sg.q2)),
        wholesale_prices=(_unwrap(sg.w1), _unwrap(sg.w2)),
        thresholds={k: float(v) for k, v in s1["thresholds"].items()},
        stage2_ambiguous=bool(s1["ambiguous"]),
    )


@dataclass(frozen=True)
class EquilibriumMap:
    """Equilibrium over a (beta, alpha) grid; arrays have shape ``(len(alpha), len(beta))``.

    ``code[i, j]`` indexes :data:`CONFIGURATIONS` for ``alpha[i], beta[j]``;
    ``royalty`` / ``royalty_lo`` / ``platform_profit`` as in
    :class:`Equilibrium`; ``thresholds`` maps each key of
    :data:`THRESHOLD_KEYS` to an array; ``tie`` marks grid points where another
    configuration gives the platform the same profit; ``ambiguous`` as
    ``Equilibrium.stage2_ambiguous``.
    """

    alpha: np.ndarray
    beta: np.ndarray
    niche_forced_agency: bool
    code: np.ndarray
    royalty: np.ndarray
    royalty_lo: np.ndarray
    platform_profit: np.ndarray
    thresholds: Mapping[str, np.ndarray]
    tie: np.ndarray
    ambiguous: np.ndarray

    def share(self, config: str) -> float:
        """Fraction of grid points whose equilibrium is ``config``."""
        return float(np.mean(self.code == CONFIGURATIONS.index(_check_config(config))))


def equilibrium_map(alpha: Any, beta: Any, niche_forced_agency: bool = False) -> EquilibriumMap:
    """Vectorised :func:`equilibrium` over the grid ``alpha x beta``.

    Parameters
    ----------
    alpha, beta : 1-d array_like
        Grid axes (each value within its domain).
    niche_forced_agency : bool, default False
        The extension (see :func:`equilibrium`).

    Returns
    -------
    EquilibriumMap
    """
    a = _grid_axis("alpha", _check_alpha(alpha))
    b = _grid_axis("beta", _check_beta(beta))
    if not isinstance(niche_forced_agency, (bool, np.bool_)):
        raise ModelDomainError(f"niche_forced_agency={niche_forced_agency!r}: requires a bool")
    A, B = np.meshgrid(a, b, indexing="ij")
    s1 = _stage1(A, B, bool(niche_forced_agency))
    code = s1["code"]
    tie = np.zeros(code.shape, bool)
    for k, c in enumerate(CONFIGURATIONS):
        tie |= s1["ties"][c] & (code != k)
    return EquilibriumMap(
        alpha=a,
        beta=b,
        niche_forced_agency=bool(niche_forced_agency),
        code=code,
        royalty=s1["royalty"],
        royalty_lo=s1["royalty_lo"],
        platform_profit=s1["platform"],
        thresholds=s1["thresholds"],
        tie=tie,
        ambiguous=s1["ambiguous"],
    )


@dataclass(frozen=True)
class RoyaltyPath:
    """Stage-2 outcome along a grid of royalty rates (for plots).

    ``selected[k]`` is the tuple returned by :func:`choice` at ``r[k]``;
    ``platform_profit[k]`` is the platform's profit there (the smaller one when
    two configurations are selected), ``supplier1_profit`` / ``supplier2_profit``
    likewise taken from the first selected configuration.
    """

    alpha: float
    beta: float
    niche_forced_agency: bool
    r: np.ndarray
    selected: tuple[tuple[str, ...], ...]
    platform_profit: np.ndarray
    supplier1_profit: np.ndarray
    supplier2_profit: np.ndarray


def royalty_path(
    alpha: float, beta: float, r: Any, niche_forced_agency: bool = False
) -> RoyaltyPath:
    """Stage-2 choice and profits as the royalty varies (Proposition 1 analogue).

    Parameters
    ----------
    alpha, beta : float
        Parameters (scalars).
    r : 1-d array_like
        Royalty rates in ``[0, 1]``.
    niche_forced_agency : bool, default False
        The extension: supplier 2 is on agency, supplier 1 chooses.

    Returns
    -------
    RoyaltyPath
    """
    a = _scalar("alpha", _check_alpha(alpha))
    b = _scalar("beta", _check_beta(beta))
    rr = _grid_axis("r", _check_r(r))
    if not isinstance(niche_forced_agency, (bool, np.bool_)):
        raise ModelDomainError(f"niche_forced_agency={niche_forced_agency!r}: requires a bool")
    th = _thresholds(a, b)
    if niche_forced_agency:
        a1a = rr <= th["r1A"]
        sel = {"AA": a1a, "WA": ~a1a, "WW": np.zeros(rr.shape, bool), "AW": np.zeros(rr.shape, bool)}
    else:
        sel = _selected(a, b, rr, th)
    pay = {c: _subgame(c, a, b, rr) for c in CONFIGURATIONS}
    selected = tuple(
        tuple(c for c in CONFIGURATIONS if sel[c][k]) for k in range(rr.size)
    )
    platform = np.full(rr.shape, np.inf)
    pi1 = np.zeros(rr.shape)
    pi2 = np.zeros(rr.shape)
    first = np.ones(rr.shape, bool)
    for c in CONFIGURATIONS:
        platform = np.where(sel[c], np.minimum(platform, pay[c].platform), platform)
        pi1 = np.where(sel[c] & first, pay[c].pi1, pi1)
        pi2 = np.where(sel[c] & first, pay[c].pi2, pi2)
        first &= ~sel[c]
    return RoyaltyPath(a, b, bool(niche_forced_agency), rr, selected, platform, pi1, pi2)

