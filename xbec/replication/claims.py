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
    is the part that can be checked.

``check(params)`` evaluates ``statement`` at any valid parameters. Statements
over a range of λ are decided over the continuous interval (signs of
polynomials in λ, monotone quantities at the interval's ends), not on a grid.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from types import MappingProxyType

import numpy as np
import sympy as sp
from numpy.polynomial import Polynomial

from ..errors import ModelDomainError
from ..model.horizontal import (
    HorizontalParams,
    LambdaBand,
    acceptable_lambda,
    centralized,
    decentralized,
    revenue_sharing,
)
from ..model.vertical import VerticalParams, allocate
from . import paper
from . import symbolic as S
from .numerics import decentralized_allocation, grid_ends, vertical_acceptable_lambda

__all__ = ["Claim", "claims", "VERDICTS"]

VERDICTS = ("holds", "holds with correction", "fails", "undefined as stated")

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


# ---------------------------------------------------------------------------
# continuous-interval helpers
# ---------------------------------------------------------------------------


def _roots(poly: Polynomial) -> list[float]:
    """Real roots of ``poly``, polished by Newton steps on ``poly`` itself.

    Leading coefficients below 1e-150 of the largest (``b2 -> 0``) only add
    roots beyond 1e50; they are left out of the companion matrix.
    """
    poly = poly.trim()
    approx = poly.trim(tol=1e-150 * float(np.max(np.abs(poly.coef))))
    if approx.degree() < 1:
        return []
    deriv, out = poly.deriv(), []
    for r in approx.roots():
        if abs(r.imag) > 1e-9 * max(1.0, abs(r.real)):
            continue
        x = float(r.real)
        for _ in range(8):
            slope = deriv(x)
            if slope == 0:
                break
            step = poly(x) / slope
            x -= step
            if abs(step) <= 1e-16 * max(1.0, abs(x)):
                break
        out.append(x)
    return out


def _positive_on(poly: Polynomial, a: float, b: float) -> bool:
    """``poly > 0`` on the whole open interval ``(a, b)`` (decided by its roots)."""
    if not a < b:
        return True
    tol = 1e-12 * max(1.0, abs(a), abs(b))
    if any(a + tol < r < b - tol for r in _roots(poly)):
        return False
    return bool(poly(0.5 * (a + b)) > 0)


def _delta(params: HorizontalParams) -> Polynomial:
    """``δ(λ) = b1 γ1 - λ b2^2``, the denominator of the revenue-sharing outcome."""
    return Polynomial([params.b1 * params.gamma1, -(params.b2**2)])


@cache
def _profit_coefficients() -> dict[str, Callable]:
    """Coefficients in λ of each revenue-sharing profit times ``δ(λ)^2`` (SymPy, eqs 7–10)."""
    sym = S.SYMBOLS
    lam = sym["lam"]
    delta = sym["b1"] * sym["gamma1"] - lam * sym["b2"] ** 2
    args = [sym[k] for k in ("beta", "b1", "b2", "gamma1", "c", "K")]
    out = {}
    for name in ("pi_platform", "pi_manufacturer"):
        expr = sp.cancel(sp.together(S.sharing_solution()[name] * delta**2))
        coeffs = sp.Poly(expr, lam).all_coeffs()[::-1]
        out[name] = sp.lambdify(args, coeffs, "math")
    return out


def _profit_poly(params: HorizontalParams, name: str) -> Polynomial:
    """``pi(λ) δ(λ)^2`` as a polynomial in λ (``name``: ``pi_platform``/``pi_manufacturer``)."""
    d = params.as_dict()
    return Polynomial(_profit_coefficients()[name](*(d[k] for k in ("beta", "b1", "b2", "gamma1", "c", "K"))))


def _pi1_poly(params: HorizontalParams) -> Polynomial:
    """``pi1(λ) δ(λ)^2`` as a polynomial in λ."""
    return _profit_poly(params, "pi_platform")


def _pi2_poly(params: HorizontalParams) -> Polynomial:
    return _profit_poly(params, "pi_manufacturer")


def _valid_interval(params: HorizontalParams, a: float, b: float) -> tuple[float, float]:
    """The part of ``(a, b)`` where revenue sharing has an outcome (demand > 0)."""
    b2sq = params.b2**2
    if b2sq == 0:
        return a, b
    ls = params.b1 * params.gamma1 / b2sq
    if params.b1 * params.gamma1 - b2sq > 0:  # A > 0: valid where δ(λ) > 0
        return a, min(b, ls)
    return max(a, ls), b


def _V_above(params: HorizontalParams, t: float, band: LambdaBand) -> bool:
    """``pi1(λ) > t`` for every λ in the band."""
    return _positive_on(_pi1_poly(params) - t * _delta(params) ** 2, *band)


def _V_below(params: HorizontalParams, t: float, band: LambdaBand) -> bool:
    return _positive_on(t * _delta(params) ** 2 - _pi1_poly(params), *band)


def _member_beats(params: HorizontalParams, vp: VerticalParams, i: int, j: int, band: LambdaBand) -> bool:
    """Member ``i`` gets more than member ``j`` for every λ in the band (eq 15 is linear in V)."""
    F, d = vp.F, allocate(vp, 0.0)
    slope, cut = F[i] - F[j], d[j] - d[i]  # x_i - x_j = slope V - cut
    if slope == 0:
        return bool(cut < 0)
    return _V_above(params, cut / slope, band) if slope > 0 else _V_below(params, cut / slope, band)


def _end_value(params: HorizontalParams, lam: float, inward: float, name: str) -> float:
    """A revenue-sharing quantity at a band end (its limit if the end is singular)."""
    for x in (lam, lam + inward):
        try:
            return float(getattr(revenue_sharing(params, x), name))
        except ModelDomainError:
            continue
    return float("inf")


def _ends(params: HorizontalParams, band: LambdaBand, name: str) -> tuple[float, float]:
    eps = 1e-12 * (band.hi - band.lo)
    return _end_value(params, band.lo, eps, name), _end_value(params, band.hi, -eps, name)


def _bands(params: HorizontalParams, vp: VerticalParams):
    """Horizontal and vertical bands, ``None`` where no λ is acceptable."""
    try:
        h = acceptable_lambda(params)
    except ModelDomainError:
        return None, None
    try:
        v = vertical_acceptable_lambda(params, vp)
    except ModelDomainError:
        v = None
    return h, v


def _grid(band: LambdaBand | None) -> str:
    if band is None:
        return "none"
    lo, hi = grid_ends(band)
    return f"{lo:.2f}–{hi:.2f}" if lo <= hi else "none on the 0.01 grid"


# ---------------------------------------------------------------------------
# one assessment per claim: (literal or None, statement holds, evidence)
# ---------------------------------------------------------------------------

Assessment = tuple[bool | None, bool, dict]


def _pareto(params, vp) -> Assessment:
    h, v = _bands(params, vp)
    dec = decentralized(params)
    ev: dict = {"vertical band, lower end": v.lo if v else "none", "vertical band, upper end": v.hi if v else "none"}
    if v is None:
        return False, False, ev
    mid = 0.5 * (v.lo + v.hi)
    r = revenue_sharing(params, mid)
    gains = allocate(vp, r.pi_platform) - decentralized_allocation(params, vp)
    ev.update(
        {
            "$\\lambda$ (band midpoint)": mid,
            "$\\pi_1(\\lambda) - \\pi_1^*$": r.pi_platform - dec.pi_platform,
            "$\\pi_2(\\lambda) - \\pi_2^*$": r.pi_manufacturer - dec.pi_manufacturer,
            "$\\pi_1(\\lambda) + \\pi_2(\\lambda) - \\pi_1^* - \\pi_2^*$": r.pi_total - dec.pi_total,
            "smallest vertical gain $\\min_i (x_i^*(\\lambda) - x_i^*)$": float(gains.min()),
        }
    )
    total_up = _positive_on(_pi1_poly(params) + _pi2_poly(params) - dec.pi_total * _delta(params) ** 2, *v)
    ok = bool(
        r.pi_platform > dec.pi_platform and r.pi_manufacturer > dec.pi_manufacturer and np.all(gains > 0) and total_up
    )
    literal = ok and v.lo < 0.72 and 0.88 < v.hi
    return literal, ok, ev


def _band(params, vp) -> Assessment:
    h, v = _bands(params, vp)
    ev: dict = {
        "horizontal band": f"({h.lo:.6f}, {h.hi:.6f})" if h else "none",
        "vertical band": f"({v.lo:.6f}, {v.hi:.6f})" if v else "none",
        "vertical band on the 0.01 grid": _grid(v),
    }
    try:
        printed = [paper.value(paper.SECTION_5_2_DECENTRALIZED[f"x{i + 1}"]) for i in range(vp.n)]
        alt = vertical_acceptable_lambda(params, vp, baseline=printed)
        ev["band against the paper's printed decentralised allocation"] = f"({alt.lo:.6f}, {alt.hi:.6f})"
        ev["… on the 0.01 grid"] = _grid(alt)
    except ModelDomainError:
        ev["band against the paper's printed decentralised allocation"] = "none"
    if v is None:
        return False, False, ev
    lo, hi = grid_ends(v)
    return (lo, hi) == (0.72, 0.88), True, ev


def _above_088(params, vp) -> Assessment:
    h, _ = _bands(params, vp)
    dec = decentralized(params)
    worse = dec.pi_manufacturer * _delta(params) ** 2 - _pi2_poly(params)  # > 0 where pi2(λ) < pi2*
    literal = _positive_on(worse, *_valid_interval(params, 0.88, 1.0))
    ev: dict = {"$\\pi_2^*$": dec.pi_manufacturer}
    for lam in (0.88, 0.885):
        try:
            ev[f"$\\pi_2({lam})$"] = revenue_sharing(params, lam).pi_manufacturer
        except ModelDomainError:
            ev[f"$\\pi_2({lam})$"] = "no outcome"
    if h is None:
        return literal, False, ev
    ev["manufacturer's threshold (band's upper end)"] = h.hi
    return literal, _positive_on(worse, *_valid_interval(params, h.hi, 1.0)), ev


def _platform_most(params, vp) -> Assessment:
    _, v = _bands(params, vp)
    if v is None:
        return False, False, {"vertical band": "none"}
    x = allocate(vp, revenue_sharing(params, 0.5 * (v.lo + v.hi)).pi_platform)
    ok = all(_member_beats(params, vp, 0, j, v) for j in range(1, vp.n))
    ok = ok and _positive_on(_pi1_poly(params) - _pi2_poly(params), *v)
    ev = {f"$x_{i + 1}^*$ at the band midpoint": float(x[i]) for i in range(vp.n)}
    return ok, ok, ev


def _domestic_first(params, vp) -> Assessment:
    _, v = _bands(params, vp)
    if v is None:
        return False, False, {"vertical band": "none"}
    x = allocate(vp, revenue_sharing(params, 0.5 * (v.lo + v.hi)).pi_platform)
    ok = all(_member_beats(params, vp, 1, j, v) for j in range(2, vp.n))
    order = sorted(range(1, vp.n), key=lambda i: -x[i])
    names = {1: "domestic", 2: "international", 3: "foreign"}
    ev: dict[str, float | str] = {
        "providers at the band midpoint, highest first": ", ".join(names.get(i, f"member {i + 1}") for i in order)
    }
    ev.update({f"$x_{i + 1}^*$ at the band midpoint": float(x[i]) for i in range(1, vp.n)})
    return ok, ok, ev


def _all_members(params, vp) -> Assessment:
    dec, cen = decentralized(params), centralized(params)
    ok = cen.pi_total - dec.pi_total > 1e-12 * (abs(cen.pi_total) + abs(dec.pi_total))
    return None, ok, {"$\\pi$": cen.pi_total, "$\\pi_1^* + \\pi_2^*$": dec.pi_total}


def _total_up(params, vp) -> Assessment:
    h, _ = _bands(params, vp)
    dec = decentralized(params)
    if h is None:
        return False, False, {"horizontal band": "none"}
    ok = _positive_on(_pi1_poly(params) + _pi2_poly(params) - dec.pi_total * _delta(params) ** 2, *h)
    lo, hi = _ends(params, h, "pi_total")
    return (
        ok,
        ok,
        {"$\\pi_1^* + \\pi_2^*$": dec.pi_total, "total at the band's lower end": lo, "total at the upper end": hi},
    )


def _lower_price(params, vp) -> Assessment:
    p1, p2 = decentralized(params).p, centralized(params).p
    ok = bool(p2 < p1)
    return ok, ok, {"$p^{2*}$ (revenue sharing)": p2, "$p^{1*}$ (decentralised)": p1}


def _higher(name: str, dec_name: str, tex: str):
    def assess(params, vp) -> Assessment:
        h, _ = _bands(params, vp)
        ref = getattr(decentralized(params), dec_name)
        if h is None:
            return False, False, {"horizontal band": "none"}
        lo, hi = _ends(params, h, name)  # s and D are monotone on the band: the infimum is at an end
        ok = bool(min(lo, hi) > ref)
        return (
            ok,
            ok,
            {
                f"${tex}^{{1*}}$ (decentralised)": ref,
                f"${tex}(\\lambda)$ at the band's lower end": lo,
                "at the upper end": hi,
            },
        )

    return assess


def _centralised_service(params, vp) -> Assessment:
    s1, s2 = decentralized(params).s, centralized(params).s
    ok = bool(s2 > s1)
    return ok, ok, {"$s^{2*}$": s2, "$s^{1*}$": s1, "$s^{2*}/s^{1*}$": s2 / s1 if s1 > 0 else "undefined"}


def _service_rises(params, vp) -> Assessment:
    h, _ = _bands(params, vp)
    if h is None:
        return False, False, {"horizontal band": "none"}
    lo, hi = _ends(params, h, "s")  # s(λ) = λ b2 A / δ(λ) is monotone on the band
    ok = bool(hi > lo)
    return ok, ok, {"$s^*(\\lambda)$ at the band's lower end": lo, "at the upper end": hi}


T = paper.TEXT
_CLAIMS: tuple[tuple[str, str, str, str, str, Callable], ...] = (
    (
        "pareto",
        "§5.3.1, §6",
        T["s6_pareto"],
        "for every $\\lambda$ in the vertical band the platform, the manufacturer and each logistics provider earn "
        "more than under decentralised decisions, and so does the alliance in total (as printed: for every "
        "$\\lambda \\in [0.72, 0.88]$)",
        "the band is non-empty",
        _pareto,
    ),
    (
        "band",
        "§5.2, §6",
        T["s6_band"],
        "the $\\lambda$ acceptable to every member of both alliances form the open interval computed here "
        "(printed: 0.72 to 0.88 on a 0.01 grid)",
        "",
        _band,
    ),
    (
        "manufacturer-above-band",
        "§5.3.1",
        T["s531_above_088"],
        "for $\\lambda$ above the horizontal band's upper end (printed: 0.88) the manufacturer earns less than "
        "$\\pi_2^*$",
        "",
        _above_088,
    ),
    (
        "platform-earns-most",
        "§5.3.1",
        T["s531_platform_most"],
        "for every $\\lambda$ in the vertical band the platform's $x_1^*$ exceeds every provider's, and "
        "$\\pi_1(\\lambda) > \\pi_2(\\lambda)$",
        "",
        _platform_most,
    ),
    (
        "domestic-first",
        "§5.3.1",
        T["s531_domestic_first"],
        "for every $\\lambda$ in the vertical band the domestic provider's $x_2^*$ exceeds $x_3^*$ and $x_4^*$ "
        '(the garbled "in third place" is not checked)',
        "",
        _domestic_first,
    ),
    (
        "all-members-centralised",
        "§5.3.1",
        T["s531_all_members"],
        "centralisation raises the alliance's total profit, $\\pi > \\pi_1^* + \\pi_2^*$; the members' "
        "centralised profits need a split that the paper does not give",
        "",
        _all_members,
    ),
    (
        "total-rises",
        "§5.3.1",
        T["s531_total"],
        "for every $\\lambda$ in the horizontal band, $\\pi_1(\\lambda) + \\pi_2(\\lambda) > \\pi_1^* + \\pi_2^*$",
        "",
        _total_up,
    ),
    (
        "lower-price",
        "§5.3.2, §6",
        T["s532_price_service_demand"],
        "$p^{2*} < p^{1*}$",
        "$b_2^2 < b_1\\gamma_1$",
        _lower_price,
    ),
    (
        "higher-service",
        "§5.3.2, §6",
        T["s6_price_service_demand"],
        "$s^*(\\lambda) > s^{1*}$ for every $\\lambda$ in the horizontal band",
        "$b_2 > 0$",
        _higher("s", "s", "s"),
    ),
    (
        "higher-demand",
        "§5.3.2, §6",
        T["s6_price_service_demand"],
        "$D(\\lambda) > D^{1*}$ for every $\\lambda$ in the horizontal band",
        "",
        _higher("demand", "demand", "D"),
    ),
    (
        "centralised-service",
        "§5.3.2",
        T["s532_centralised_service"],
        "$s^{2*} > s^{1*}$",
        "$b_2 > 0$",
        _centralised_service,
    ),
    (
        "service-rises-with-share",
        "§5.3.2",
        T["s532_service_rises"],
        "$s^*(\\lambda)$ increases with $\\lambda$ on the horizontal band",
        "$0 < b_2^2 < b_1\\gamma_1$",
        _service_rises,
    ),
)


def _verdict(literal: bool | None, ok: bool) -> str:
    if literal is None:
        return "undefined as stated"
    if literal:
        return "holds"
    return "holds with correction" if ok else "fails"


def _checker(assess: Callable, vparams: VerticalParams) -> Callable[[HorizontalParams], bool]:
    def check(params: HorizontalParams) -> bool:
        literal, ok, _ = assess(params, vparams)
        return bool(ok) or literal is True

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
        out.append(
            Claim(
                key,
                where,
                quote,
                statement,
                condition,
                _verdict(literal, ok or literal is True),
                MappingProxyType({k: _plain(x) for k, x in ev.items()}),
                _checker(assess, vparams),
            )
        )
    return tuple(out)
