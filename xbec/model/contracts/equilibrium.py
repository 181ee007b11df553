"""Wholesale or agency, part 2: the contract choice (stage 2) and the royalty (stage 1).

The model is stated in :mod:`xbec.model.contracts`; the closed forms used
here are in :mod:`xbec.model.contracts.closed_forms`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from ... import _validate as v
from .closed_forms import (
    CHOICE_LABELS,
    CONFIGURATIONS,
    THRESHOLD_KEYS,
    as_output,
    check_alpha,
    check_beta,
    check_r,
    subgame_arrays,
    threshold_arrays,
)

# Relative tolerance used only to *report* ties between platform profits.
_TIE_RTOL = 1e-10


# -- Stage 2: contract choice (Proposition 1 analogue)


def _selected(alpha, beta, r, th) -> dict[str, np.ndarray]:
    """Boolean masks: configuration selected at stage 2 (payoff-undominated pure NE)."""
    a1w, a1a = r <= th["r1W"], r <= th["r1A"]
    a2w, a2a = r <= th["r2W"], r <= th["r2A"]
    nash = {"WW": ~a1w & ~a2w, "WA": ~a1a & a2w, "AW": a1w & ~a2a, "AA": a1a & a2a}
    pay = {c: subgame_arrays(c, alpha, beta, r) for c in CONFIGURATIONS}
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
    supplier takes agency.  Scalars ``0 < alpha <= 1``, ``0 <= beta < 1``,
    ``0 <= r <= 1`` (else :class:`~xbec.errors.ModelDomainError`).

    The selected configurations in the order of :data:`CONFIGURATIONS`:
    usually one; two (``("WA", "AW")``) where payoff dominance cannot resolve
    the coordination problem (see :func:`reachable_choices`; ``alpha`` close
    to 1 and large ``beta``).
    """
    a = v.scalar("alpha", check_alpha(alpha))
    b = v.scalar("beta", check_beta(beta))
    rr = v.scalar("r", check_r(r))
    th = threshold_arrays(a, b)
    sel = _selected(a, b, rr, th)
    return tuple(c for c in CONFIGURATIONS if bool(sel[c]))


def choice_grid(alpha: Any, beta: Any, r: Any, niche_forced_agency: bool = False) -> np.ndarray:
    """Vectorised stage-2 choice, as integer codes into :data:`CHOICE_LABELS`.

    ``alpha, beta, r`` broadcast against each other (e.g. ``beta[None, :]``,
    ``r[:, None]``). With ``niche_forced_agency`` (the extension) supplier 2 is
    on agency and supplier 1 takes agency iff ``r <= r1A``. The code is
    ``CONFIGURATIONS.index(c)`` where :func:`choice` returns ``(c,)`` and
    ``4`` (``"WA/AW"``) where it returns ``("WA", "AW")``.
    """
    a, b, rr = check_alpha(alpha), check_beta(beta), check_r(r)
    forced = v.flag("niche_forced_agency", niche_forced_agency)
    a, b, rr = np.broadcast_arrays(a, b, rr)
    th = threshold_arrays(a, b)
    if forced:
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


# -- Stage 1: the platform's royalty (Propositions 2 and 3 analogues)


def _candidates(alpha, beta, forced: bool):
    """Break points ``{0, thresholds, 1}`` (sorted, last axis) and the stage-2
    selection at each; the selection is constant on ``(b_k, b_k+1]``."""
    th = threshold_arrays(alpha, beta)
    shape = np.shape(th["r1W"])
    keys = ("r1A",) if forced else THRESHOLD_KEYS
    cand = np.stack([np.zeros(shape)] + [th[k] for k in keys] + [np.ones(shape)], axis=-1)
    cand = np.sort(cand, axis=-1)
    a = np.asarray(alpha, float)[..., None]
    b = np.asarray(beta, float)[..., None]
    thb = {k: v[..., None] for k, v in th.items()}
    sel = _forced(cand, thb["r1A"]) if forced else _selected(a, b, cand, thb)
    return th, cand, sel


def _forced(r, r1A) -> dict[str, np.ndarray]:
    """Stage-2 selection of the extension: supplier 2 on agency, supplier 1 on agency iff ``r <= r1A``."""
    a1a = r <= r1A
    none = np.zeros(np.shape(a1a), bool)
    return {"WW": none, "WA": ~a1a, "AW": none, "AA": a1a}


def stage2_intervals(
    alpha: float, beta: float, niche_forced_agency: bool = False
) -> tuple[tuple[float, float, tuple[str, ...]], ...]:
    """Exact stage-2 choice as the royalty runs over ``[0, 1]`` (Proposition 1 analogue).

    ``alpha``, ``beta`` are scalars; ``niche_forced_agency``: the extension
    (supplier 2 on agency). Returns consecutive pieces ``(lo, hi, selected)``
    covering ``[0, 1]``: the first is the closed interval ``[0, hi]``, the
    others are ``(lo, hi]``; ``selected`` is what :func:`choice` returns for
    every ``r`` in the piece. Adjacent pieces with the same selection are
    merged; end points are thresholds.
    """
    a = v.scalar("alpha", check_alpha(alpha))
    b = v.scalar("beta", check_beta(beta))
    forced = v.flag("niche_forced_agency", niche_forced_agency)
    _, cand, sel = _candidates(np.asarray(a), np.asarray(b), forced)
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
    """Which stage-2 outcomes some royalty ``r`` in ``[0, 1]`` induces (``alpha``, ``beta`` broadcast).

    For each label of :data:`CHOICE_LABELS`, a boolean array: True where
    :func:`choice` returns exactly that configuration (or, for ``"WA/AW"``,
    both asymmetric ones: each supplier then prefers the equilibrium in which
    it is on agency, a coordination problem) for some ``r``. ``"WA/AW"``
    requires ``max(r1A, r2A) < min(r1W, r2W)``.
    """
    a, b = check_alpha(alpha), check_beta(beta)
    a, b = np.broadcast_arrays(a, b)
    _, _, sel = _candidates(a, b, False)
    n_sel = sum(sel[c].astype(int) for c in CONFIGURATIONS)
    out = {c: np.any(sel[c] & (n_sel == 1), axis=-1) for c in CONFIGURATIONS}
    out["WA/AW"] = np.any(sel["WA"] & sel["AW"], axis=-1)
    return out


def stage1_arrays(alpha, beta, forced: bool):
    """Exact stage-1 solution on broadcast (validated) arrays: what :func:`equilibrium_map` is made of.

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
    profit = {c: subgame_arrays(c, a, b, cand).platform for c in CONFIGURATIONS}

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

    ``royalty`` is an optimal royalty rate; when the platform is indifferent
    over a range (equilibrium WW: its profit does not depend on ``r``) it is
    the upper end ``1.0`` of the range, and the optimal royalties form the
    interval ``(lo, hi]`` of ``royalty_range`` (``lo`` itself induces agency,
    because an indifferent supplier takes agency); else ``lo == hi == royalty``.
    """

    alpha: float
    beta: float
    niche_forced_agency: bool  #: the extension in which supplier 2 can only take agency
    contracts: str  #: equilibrium configuration, e.g. ``"WA"`` (supplier 1 wholesale, supplier 2 agency)
    royalty: float
    royalty_range: tuple[float, float]
    platform_indifferent: bool  #: every ``r`` in ``royalty_range`` is optimal
    #: other configurations the platform can induce with exactly the same profit (only on boundaries of the
    #: equilibrium map; usually empty)
    ties: tuple[str, ...]
    platform_profit: float
    supplier1_profit: float
    supplier2_profit: float
    prices: tuple[float, float]  #: retail prices ``(product 1, product 2)``
    quantities: tuple[float, float]
    wholesale_prices: tuple[float | None, float | None]  #: ``(w1, w2)``; ``None`` for a supplier on agency
    thresholds: Mapping[str, float]  #: the four threshold royalties (:func:`thresholds`)
    #: stage 2 selects, at the optimal royalty, two configurations with different platform profits (the
    #: platform is then credited with the smaller one); False on the whole tested domain
    stage2_ambiguous: bool


def equilibrium(alpha: float, beta: float, niche_forced_agency: bool = False) -> Equilibrium:
    """Subgame-perfect equilibrium: royalty, contracts, prices and profits (stage 1 solved exactly).

    ``alpha`` (potential demand of the niche supplier) in ``(0, 1]``, ``beta``
    (substitutability) in ``[0, 1)``, else
    :class:`~xbec.errors.ModelDomainError`. With ``niche_forced_agency``
    supplier 2 can only take agency and only supplier 1 chooses (the
    extension, analogue of Lemma 2 / Proposition 3): the platform either sets
    ``r = r1A`` (configuration AA) or ``r = 1`` (WA).
    """
    a = v.scalar("alpha", check_alpha(alpha))
    b = v.scalar("beta", check_beta(beta))
    forced = v.flag("niche_forced_agency", niche_forced_agency)
    s1 = stage1_arrays(np.asarray(a), np.asarray(b), forced)
    config = CONFIGURATIONS[int(s1["code"])]
    r_star = float(s1["royalty"])
    r_lo = float(s1["royalty_lo"])
    indifferent = config == "WW" and r_lo < r_star
    sg = subgame_arrays(config, np.asarray(a), np.asarray(b), np.asarray(r_star))
    ties = tuple(c for c in CONFIGURATIONS if c != config and bool(s1["ties"][c]))
    profits = (float(s1["platform"]), float(sg.pi1), float(sg.pi2))
    decisions = ((float(sg.p1), float(sg.p2)), (float(sg.q1), float(sg.q2)), (as_output(sg.w1), as_output(sg.w2)))
    thresholds = {k: float(v) for k, v in s1["thresholds"].items()}
    royalty = (r_star, (r_lo, r_star), indifferent)
    return Equilibrium(a, b, forced, config, *royalty, ties, *profits, *decisions, thresholds, bool(s1["ambiguous"]))


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
        return float(np.mean(self.code == CONFIGURATIONS.index(v.one_of("config", config, CONFIGURATIONS))))


def equilibrium_map(alpha: Any, beta: Any, niche_forced_agency: bool = False) -> EquilibriumMap:
    """Vectorised :func:`equilibrium` over the grid ``alpha x beta`` (1-d axes; the extension as there)."""
    a = v.axis("alpha", check_alpha(alpha))
    b = v.axis("beta", check_beta(beta))
    forced = v.flag("niche_forced_agency", niche_forced_agency)
    A, B = np.meshgrid(a, b, indexing="ij")
    s1 = stage1_arrays(A, B, forced)
    code = s1["code"]
    tie = np.zeros(code.shape, bool)
    for k, c in enumerate(CONFIGURATIONS):
        tie |= s1["ties"][c] & (code != k)
    stage1 = (s1["royalty"], s1["royalty_lo"], s1["platform"], s1["thresholds"])  # fields royalty .. thresholds
    return EquilibriumMap(a, b, forced, code, *stage1, tie, s1["ambiguous"])


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


def royalty_path(alpha: float, beta: float, r: Any, niche_forced_agency: bool = False) -> RoyaltyPath:
    """Stage-2 choice and profits along the royalty rates ``r`` (1-d, in ``[0, 1]``; Proposition 1 analogue).

    ``alpha``, ``beta`` are scalars; ``niche_forced_agency``: the extension
    (supplier 2 on agency, supplier 1 chooses).
    """
    a = v.scalar("alpha", check_alpha(alpha))
    b = v.scalar("beta", check_beta(beta))
    rr = v.axis("r", check_r(r))
    forced = v.flag("niche_forced_agency", niche_forced_agency)
    th = threshold_arrays(a, b)
    sel = _forced(rr, th["r1A"]) if forced else _selected(a, b, rr, th)
    pay = {c: subgame_arrays(c, a, b, rr) for c in CONFIGURATIONS}
    selected = tuple(tuple(c for c in CONFIGURATIONS if sel[c][k]) for k in range(rr.size))
    platform = np.full(rr.shape, np.inf)
    pi1 = np.zeros(rr.shape)
    pi2 = np.zeros(rr.shape)
    first = np.ones(rr.shape, bool)
    for c in CONFIGURATIONS:
        platform = np.where(sel[c], np.minimum(platform, pay[c].platform), platform)
        pi1 = np.where(sel[c] & first, pay[c].pi1, pi1)
        pi2 = np.where(sel[c] & first, pay[c].pi2, pi2)
        first &= ~sel[c]
    return RoyaltyPath(a, b, forced, rr, selected, platform, pi1, pi2)
