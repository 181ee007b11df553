"""The paper's verbal conclusions (§5.3.1, §5.3.2, §6) as computed claims.

:func:`claims` returns one :class:`Claim` per verbal claim, with the paper's
words (``quote``, from :data:`xbec.replication.paper.TEXT`), the precise
statement that is checked, a ``verdict`` and the ``evidence`` (numbers computed
here). Verdicts are recomputed for any parameters:

``holds``
    the claim, read literally, is true at these parameters;
``holds with correction``
    it is false as printed (a number is off), but true once the number is
    replaced by the computed one (``statement``);
``fails``
    false even so;
``undefined as stated``
    the claim refers to something the paper does not define; ``statement``
    is the part that can be checked;
``vacuous (no band)``
    the statement quantifies over an acceptable λ band that is empty at these
    parameters, so it is vacuously true (and ``check`` returns True); the
    evidence says what holds on the whole range of λ with an outcome.

``check(params)`` evaluates ``statement`` at any valid parameters. Statements
over a range of λ are decided over the continuous interval (signs of
polynomials in λ, monotone quantities at the interval's ends), not on a grid.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

import numpy as np

from ..errors import ModelDomainError
from ..model.horizontal import (
    HorizontalParams,
    centralized,
    decentralized,
    revenue_sharing,
    sharing_margin,
    singular_share,
)
from ..model.vertical import VerticalParams, allocate
from . import equity as EQ
from . import paper
from ._errata_checks import check_all_members
from .intervals import (
    band_ends,
    bands,
    delta_poly,
    grid_label,
    member_beats,
    pi1_poly,
    pi2_poly,
    positive_on,
    valid_interval,
    worth_range,
)
from .numerics import decentralized_allocation, grid_ends, vertical_acceptable_lambda

#: A statement "for every λ in the band" where the band is empty.
VACUOUS = "vacuous (no band)"
VERDICTS = ("holds", "holds with correction", "fails", "undefined as stated", VACUOUS)

Evidence = Mapping[str, float | str]


@dataclass(frozen=True)
class Claim:
    """One verbal claim of the paper, assessed at given parameters."""

    key: str
    where: str
    quote: str
    statement: str
    condition: str
    verdict: str
    evidence: Evidence
    check: Callable[[HorizontalParams], bool] = field(repr=False, compare=False)


#: one assessment per claim: (literal or None or VACUOUS, statement holds, evidence)
Assessment = tuple[bool | str | None, bool, dict]


#: the statement each claim checks, as MyST Markdown
_STATEMENTS = {
    "pareto": "for every $\\lambda$ in the vertical band the platform, the manufacturer and each logistics provider "
    "earn more than under decentralised decisions, and so does the alliance in total (as printed: for every $\\lambda "
    "\\in [0.72, 0.88]$)",
    "band": "the $\\lambda$ acceptable to every member of both alliances form the open interval computed here "
    "(printed: 0.72 to 0.88 on a 0.01 grid)",
    "manufacturer-above-band": "for $\\lambda$ above the horizontal band's upper end (printed: 0.88) the manufacturer "
    "earns less than $\\pi_2^*$",
    "platform-earns-most": "for every $\\lambda$ in the vertical band the platform's $x_1^*$ exceeds every provider's, "
    "and $\\pi_1(\\lambda) > \\pi_2(\\lambda)$",
    "domestic-first": "for every $\\lambda$ in the vertical band the domestic provider's $x_2^*$ exceeds $x_3^*$ and "
    '$x_4^*$ (the garbled "in third place" is not checked)',
    "all-members-centralised": "centralisation raises the alliance's total profit, $\\pi > \\pi_1^* + \\pi_2^*$; the "
    "members' centralised profits need a split that the paper does not give",
    "total-rises": "for every $\\lambda$ in the horizontal band, $\\pi_1(\\lambda) + \\pi_2(\\lambda) > \\pi_1^* + "
    "\\pi_2^*$",
    "lower-price": "$p^{2*} < p^{1*}$",
    "higher-service": "$s^*(\\lambda) > s^{1*}$ for every $\\lambda$ in the horizontal band",
    "higher-demand": "$D(\\lambda) > D^{1*}$ for every $\\lambda$ in the horizontal band",
    "centralised-service": "$s^{2*} > s^{1*}$",
    "service-rises-with-share": "$s^*(\\lambda)$ increases with $\\lambda$ on the horizontal band",
    "below-centralised": "$s^*(\\lambda) < s^{2*}$ and $D(\\lambda) < D^{2*}$ for every $\\lambda < 1$ at which "
    "revenue sharing has an outcome (Fig. 4 shows it; the paper does not claim it)",
    "provider-measures": "as $\\lambda$ rises over the vertical band, every provider's $x_i^*(\\lambda)$ rises ($V(N) "
    "= \\pi_1(\\lambda)$ increasing, $F_i > 0$) and so does $s^*(\\lambda)$; the providers' measures (management, "
    "technology, talent) are no decision of the model, where the platform sets $s$ (eq 9)",
    "ranking": "the members' ranking by $x_i^*(\\lambda)$ is the same at every $\\lambda$ in the vertical band: the "
    "platform first, the domestic provider first among the providers and the international carrier third (last) among "
    'them, reading the garbled "in third place" as the international carrier\'s',
    "more-equitable-core": "at every $\\lambda$ in the vertical band where the Raiffa allocation (eq 13) is in the "
    "core (Gillies 1959) of the game the paper values ($v(N) = V(N)$, $v(N \\setminus \\{i\\}) = \\mu_i$, other "
    "coalitions 0), the improved Raiffa allocation (eq 15) is too",
    "more-equitable-shapley": "at every $\\lambda$ in the vertical band the improved Raiffa allocation is closer "
    "(Euclidean) than the Raiffa allocation to the Shapley value (Shapley 1953) of the same game",
    "more-equitable-gains": "the members' gains over their decentralised allocation (same rule at $V(N) = \\pi_1^*$) "
    "are less dispersed (coefficient of variation; 0 for an equal split of the surplus) under the improved Raiffa rule",
    "unfair-distribution-reference": 'the part of "addressing unfair distribution" the model can decide: at every '
    "$\\lambda$ in the vertical band the improved Raiffa allocation is in the core of the valued game, so no coalition "
    "$N \\setminus \\{i\\}$ does better by leaving",
}

#: (key, where, quote, statement, condition, assessment) of each claim, in the order :func:`claims` returns them
_CLAIMS: list[tuple[str, str, str, str, str, Callable]] = []


def _claim(key: str, where: str, quote: str, condition: str = ""):
    """Register the decorated assessment as claim ``key`` (statement: :data:`_STATEMENTS`, quote: ``paper.TEXT``)."""

    def register(assess: Callable) -> Callable:
        _CLAIMS.append((key, where, paper.TEXT[quote], _STATEMENTS[key], condition, assess))
        return assess

    return register


@_claim("pareto", "§5.3.1, §6", "s6_pareto", "the band is non-empty")
def _pareto(params, vp) -> Assessment:
    h, v = bands(params, vp)
    dec = decentralized(params)
    ev: dict = {"vertical band, lower end": v.lo if v else "none", "vertical band, upper end": v.hi if v else "none"}
    if v is None:  # the claim asserts that a Pareto-improving share exists
        return False, False, ev
    mid = 0.5 * (v.lo + v.hi)
    r = revenue_sharing(params, mid)
    gains = allocate(vp, r.pi_platform) - decentralized_allocation(params, vp)
    ev |= {
        "$\\lambda$ (band midpoint)": mid,
        "$\\pi_1(\\lambda) - \\pi_1^*$": r.pi_platform - dec.pi_platform,
        "$\\pi_2(\\lambda) - \\pi_2^*$": r.pi_manufacturer - dec.pi_manufacturer,
        "$\\pi_1(\\lambda) + \\pi_2(\\lambda) - \\pi_1^* - \\pi_2^*$": r.pi_total - dec.pi_total,
        "smallest vertical gain $\\min_i (x_i^*(\\lambda) - x_i^*)$": float(gains.min()),
    }
    total_up = positive_on(pi1_poly(params) + pi2_poly(params) - dec.pi_total * delta_poly(params) ** 2, *v)
    ok = bool(
        r.pi_platform > dec.pi_platform and r.pi_manufacturer > dec.pi_manufacturer and np.all(gains > 0) and total_up
    )
    literal = ok and v.lo < 0.72 and 0.88 < v.hi
    return literal, ok, ev


@_claim("band", "§5.2, §6", "s6_band")
def _band(params, vp) -> Assessment:
    h, v = bands(params, vp)
    ev: dict = {
        "horizontal band": f"({h.lo:.6f}, {h.hi:.6f})" if h else "none",
        "vertical band": f"({v.lo:.6f}, {v.hi:.6f})" if v else "none",
        "vertical band on the 0.01 grid": grid_label(v),
    }
    against = "band against the paper's printed decentralised allocation"
    printed = [paper.value(x) for k, x in paper.SECTION_5_2_DECENTRALIZED.items() if k.startswith("x")]
    if vp.n != len(printed):
        ev[against] = f"not applicable: {vp.n} members, the paper prints {len(printed)}"
    else:
        try:
            alt = vertical_acceptable_lambda(params, vp, baseline=printed)
            ev[against], ev["… on the 0.01 grid"] = f"({alt.lo:.6f}, {alt.hi:.6f})", grid_label(alt)
        except ModelDomainError:
            ev[against] = "none"
    if v is None:
        return False, False, ev
    lo, hi = grid_ends(v)
    return (lo, hi) == (0.72, 0.88), True, ev


@_claim("manufacturer-above-band", "§5.3.1", "s531_above_088")
def _above_088(params, vp) -> Assessment:
    h, _ = bands(params, vp)
    dec = decentralized(params)
    worse = dec.pi_manufacturer * delta_poly(params) ** 2 - pi2_poly(params)  # > 0 where pi2(λ) < pi2*
    valid = valid_interval(params, 0.88, 1.0)
    if not valid[0] < valid[1]:  # no λ above 0.88 has an outcome (e.g. b2^2 = b1 γ1)
        return VACUOUS, True, {"$\\pi_2^*$": dec.pi_manufacturer, "outcome above 0.88": "none"}
    literal = positive_on(worse, *valid)
    ev: dict = {"$\\pi_2^*$": dec.pi_manufacturer}
    for lam in (0.88, 0.885):
        try:
            ev[f"$\\pi_2({lam})$"] = revenue_sharing(params, lam).pi_manufacturer
        except ModelDomainError:
            ev[f"$\\pi_2({lam})$"] = "no outcome"
    if h is None:
        return literal or VACUOUS, True, ev
    ev["manufacturer's threshold (band's upper end)"] = h.hi
    return literal, positive_on(worse, *valid_interval(params, h.hi, 1.0)), ev


def _vertical_midpoint(params, vp):
    """The vertical band and the allocation (eq 15) at its midpoint, or ``(None, None)`` when there is no band."""
    _, v = bands(params, vp)
    if v is None:
        return None, None
    return v, allocate(vp, revenue_sharing(params, 0.5 * (v.lo + v.hi)).pi_platform)


@_claim("platform-earns-most", "§5.3.1", "s531_platform_most")
def _platform_most(params, vp) -> Assessment:
    v, x = _vertical_midpoint(params, vp)
    if v is None:
        return VACUOUS, True, {"vertical band": "none"}
    ok = all(member_beats(params, vp, 0, j, v) for j in range(1, vp.n))
    ok = ok and positive_on(pi1_poly(params) - pi2_poly(params), *v)
    ev = {f"$x_{i + 1}^*$ at the band midpoint": float(x[i]) for i in range(vp.n)}
    return ok, ok, ev


@_claim("domestic-first", "§5.3.1", "s531_domestic_first")
def _domestic_first(params, vp) -> Assessment:
    v, x = _vertical_midpoint(params, vp)
    if v is None:
        return VACUOUS, True, {"vertical band": "none"}
    ok = all(member_beats(params, vp, 1, j, v) for j in range(2, vp.n))
    order = sorted(range(1, vp.n), key=lambda i: -x[i])
    names = {1: "domestic", 2: "international", 3: "foreign"}
    ranking = ", ".join(names.get(i, f"member {i + 1}") for i in order)
    ev: dict[str, float | str] = {"providers at the band midpoint, highest first": ranking}
    ev.update({f"$x_{i + 1}^*$ at the band midpoint": float(x[i]) for i in range(1, vp.n)})
    return ok, ok, ev


@_claim("all-members-centralised", "§5.3.1", "s531_all_members")
def _all_members(params, vp) -> Assessment:
    dec, cen = decentralized(params), centralized(params)
    return None, check_all_members(params), {"$\\pi$": cen.pi_total, "$\\pi_1^* + \\pi_2^*$": dec.pi_total}


@_claim("total-rises", "§5.3.1", "s531_total")
def _total_up(params, vp) -> Assessment:
    h, _ = bands(params, vp)
    dec = decentralized(params)
    if h is None:
        return VACUOUS, True, {"horizontal band": "none"}
    ok = positive_on(pi1_poly(params) + pi2_poly(params) - dec.pi_total * delta_poly(params) ** 2, *h)
    lo, hi = band_ends(params, h, "pi_total")
    ev = {"$\\pi_1^* + \\pi_2^*$": dec.pi_total, "total at the band's lower end": lo, "total at the upper end": hi}
    return ok, ok, ev


@_claim("lower-price", "§5.3.2, §6", "s532_price_service_demand", "$b_2^2 < b_1\\gamma_1$")
def _lower_price(params, vp) -> Assessment:
    p1, p2 = decentralized(params).p, centralized(params).p
    ok = bool(p2 < p1)
    return ok, ok, {"$p^{2*}$ (revenue sharing)": p2, "$p^{1*}$ (decentralised)": p1}


def _higher(name: str, tex: str):
    def assess(params, vp) -> Assessment:
        h, _ = bands(params, vp)
        ref = getattr(decentralized(params), name)
        if h is None:
            return VACUOUS, True, {"horizontal band": "none"}
        lo, hi = band_ends(params, h, name)  # s and D are monotone on the band: the infimum is at an end
        ok = bool(min(lo, hi) > ref)
        ev = {f"${tex}^{{1*}}$ (decentralised)": ref, f"${tex}(\\lambda)$ at the band's lower end": lo}
        return ok, ok, {**ev, "at the upper end": hi}

    return assess


_claim("higher-service", "§5.3.2, §6", "s6_price_service_demand", "$b_2 > 0$")(_higher("s", "s"))
_claim("higher-demand", "§5.3.2, §6", "s6_price_service_demand")(_higher("demand", "D"))


@_claim("centralised-service", "§5.3.2", "s532_centralised_service", "$b_2 > 0$")
def _centralised_service(params, vp) -> Assessment:
    s1, s2 = decentralized(params).s, centralized(params).s
    ok = bool(s2 > s1)
    return ok, ok, {"$s^{2*}$": s2, "$s^{1*}$": s1, "$s^{2*}/s^{1*}$": s2 / s1 if s1 > 0 else "undefined"}


@_claim("service-rises-with-share", "§5.3.2", "s532_service_rises", "$0 < b_2^2 < b_1\\gamma_1$")
def _service_rises(params, vp) -> Assessment:
    # ds*/dλ = b1 γ1 b2 A / δ(λ)^2: s* rises wherever it is defined iff b2 A > 0
    rises = bool(params.b2 * sharing_margin(params) > 0)
    ev: dict = {"$b_2(\\beta - b_1 p^{2*})$, the sign of $ds^*/d\\lambda$": params.b2 * sharing_margin(params)}
    h, _ = bands(params, vp)
    if h is None:
        ev["horizontal band"] = "none"
        return VACUOUS, True, ev
    lo, hi = band_ends(params, h, "s")  # s(λ) = λ b2 A / δ(λ) is monotone on the band
    ok = bool(hi > lo) and rises
    ev.update({"$s^*(\\lambda)$ at the band's lower end": lo, "at the upper end": hi})
    return ok, ok, ev


@_claim(
    "below-centralised",
    "Fig. 4 (not claimed)",
    "fig4_caption",
    "$0 < b_2^2 < b_1\\gamma_1$; at $b_2^2 = b_1\\gamma_1$ no $\\lambda$ has an outcome",
)
def _below_centralised(params, vp) -> Assessment:
    # s*(λ) - s2* = b1 b2 (λ-1)(p2*-c)/δ(λ) and D(λ) - D2* = b2 (s*(λ) - s2*): both < 0 for every λ < 1 with an
    # outcome iff δ > 0 wherever there is one, i.e. A > 0 (b2^2 < b1 γ1); at A = 0 no λ has an outcome
    A, ls = sharing_margin(params), float(singular_share(params))
    ev: dict = {"$b_1\\gamma_1 / b_2^2$": ls if np.isfinite(ls) else "undefined ($b_2 = 0$)"}
    if A == 0:
        ev["outcome"] = "none: demand is 0 for every $\\lambda$ ($b_2^2 = b_1\\gamma_1$)"
        return VACUOUS, True, ev
    ok = bool(params.b2**2 > 0 and A > 0)
    return ok, ok, ev


@_claim("provider-measures", "§5.3.2", "s532_measures")
def _measures(params, vp) -> Assessment:
    _, v = bands(params, vp)
    ev: dict = {"providers' service shares $F_2, F_3, F_4$": ", ".join(f"{f:.4f}" for f in vp.F[1:])}
    if v is None:
        return None, True, {**ev, "vertical band": "none"}
    num, den = pi1_poly(params), delta_poly(params) ** 2
    rising = positive_on(num.deriv() * den - num * den.deriv(), *v)  # dπ1/dλ > 0 on the band
    ok = rising and bool(np.all(vp.F[1:] > 0)) and bool(params.b2 * sharing_margin(params) > 0)
    ev["$V(N) = \\pi_1(\\lambda)$ rises on the band"] = "yes" if rising else "no"
    return None, ok, ev


@_claim("ranking", "§5.3.1", "s531_domestic_first")
def _ranking(params, vp) -> Assessment:
    v, x = _vertical_midpoint(params, vp)
    if v is None:
        return VACUOUS, True, {"vertical band": "none"}
    order = [int(i) for i in np.argsort(-x)]
    steady = all(member_beats(params, vp, i, j, v) for i, j in zip(order, order[1:]))
    names = ("platform", "domestic", "international", "foreign")
    ev: dict = {"ranking at the band midpoint": " > ".join(names[i] if i < 4 else f"member {i + 1}" for i in order)}
    ok = steady and order[:2] == [0, 1] and order[-1] == 2
    return ok, ok, ev


def _equity_setup(params, vp):
    _, v = bands(params, vp)
    if v is None:
        return None, {"vertical band": "none"}
    lo, hi = worth_range(params, v)
    return (lo, hi), {"$V(N)$ over the vertical band, smallest": lo, "largest": hi}


@_claim("more-equitable-core", "abstract, §6", "abstract_equitable")
def _equitable_core(params, vp) -> Assessment:
    rng, ev = _equity_setup(params, vp)
    (rlo, rhi), (ilo, ihi) = (EQ.core_worth_interval(r, vp) for r in EQ.RULES)
    ev.update({f"{r}: in the core for $V(N)$ from": EQ.core_worth_interval(r, vp)[0] for r in EQ.RULES})
    if rng is None:
        return VACUOUS, True, ev
    a, b = max(rng[0], rlo), min(rng[1], rhi)  # band worths where the Raiffa allocation is in the core
    ok = a > b or (ilo <= a and b <= ihi)
    return ok, ok, ev


@_claim("more-equitable-shapley", "abstract, §6", "abstract_equitable")
def _equitable_shapley(params, vp) -> Assessment:
    rng, ev = _equity_setup(params, vp)
    gap = EQ.shapley_distance_gap(vp)
    if rng is None:
        return VACUOUS, True, ev
    sa, sb = EQ.affine_rule("Shapley", vp)
    for r in EQ.RULES:
        a, b = EQ.affine_rule(r, vp)
        ev[f"{r}: distance to the Shapley value at the smallest $V(N)$"] = float(
            np.linalg.norm((a - sa) * rng[0] + b - sb)
        )
    ok = bool(gap(rng[0]) > 0 and gap(rng[1]) > 0) and positive_on(gap, *rng)
    return ok, ok, ev


@_claim("more-equitable-gains", "abstract, §6", "abstract_equitable")
def _equitable_gains(params, vp) -> Assessment:
    cv = {r: EQ.gain_dispersion(r, vp) for r in EQ.RULES}
    ok = bool(cv[EQ.RULES[1]] < cv[EQ.RULES[0]])
    return ok, ok, {f"{r}: coefficient of variation of the gains": x for r, x in cv.items()}


@_claim("unfair-distribution-reference", "§6", "s6_unfair")
def _unfair_reference(params, vp) -> Assessment:
    rng, ev = _equity_setup(params, vp)
    ilo, ihi = EQ.core_worth_interval(EQ.RULES[1], vp)
    ev["improved Raiffa: in the core for $V(N)$ from"] = ilo
    if rng is None:
        return None, True, ev
    return None, bool(ilo <= rng[0] and rng[1] <= ihi), ev


def _verdict(literal: bool | str | None, ok: bool) -> str:
    if literal == VACUOUS:
        return VACUOUS
    if literal is None:
        return "undefined as stated"
    if literal:
        return "holds"
    return "holds with correction" if ok else "fails"


def _checker(assess: Callable, vparams: VerticalParams) -> Callable[[HorizontalParams], bool]:
    def check(params: HorizontalParams) -> bool:
        literal, ok, _ = assess(params, vparams)
        return bool(ok) or literal is True or literal == VACUOUS

    return check


def _plain(value):
    return float(value) if isinstance(value, (float, np.floating, int)) else value


def claims(params: HorizontalParams | None = None, vparams: VerticalParams | None = None) -> tuple[Claim, ...]:
    """The verbal claims of §5.3.1, §5.3.2 and §6, assessed at ``params`` (default: the paper's).

    The vertical claims use ``vparams`` (default: §5.2's inputs).
    """
    params = HorizontalParams() if params is None else params
    vparams = VerticalParams() if vparams is None else vparams
    out = []
    for key, where, quote, statement, condition, assess in _CLAIMS:
        literal, ok, ev = assess(params, vparams)
        if literal is None:
            ev = {**ev, "the checkable statement": "holds" if ok else "fails"}
        verdict = _verdict(literal, ok or literal is True)
        evidence = MappingProxyType({k: _plain(x) for k, x in ev.items()})
        out.append(Claim(key, where, quote, statement, condition, verdict, evidence, _checker(assess, vparams)))
    return tuple(out)
