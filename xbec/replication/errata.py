"""The paper's errata as computed statements (issue 10, item 1).

Each :class:`Erratum` states what the paper prints, the corrected statement
and, where the corrected statement holds only under a condition, that
condition. Its ``check(params)`` evaluates the *corrected* statement at any
valid :class:`~xbec.model.horizontal.HorizontalParams`: numerically at those
parameters, and with SymPy where the statement is symbolic (the SymPy part
does not depend on the parameters and is computed once). A conditional
statement's check returns True where its condition does not apply. A typo's
check tests the paper's text as stored in :mod:`xbec.replication.paper`.

``holds`` is computed every time :func:`errata` runs: the printed statement is
shown wrong (``printed_wrong``, SymPy or the stored text) **and** the corrected
statement's check passes at the paper's parameters. Text fields are MyST
Markdown with inline maths.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

import numpy as np
import sympy as sp

from . import paper
from . import symbolic as S
from ..errors import ModelDomainError
from ..model.horizontal import (
    HorizontalParams,
    alliance_profit,
    centralized,
    decentralized,
    manufacturer_profit,
    manufacturer_reply,
    platform_profit,
    platform_profit_sharing,
    revenue_sharing,
)
from ..model.vertical import VerticalParams, raiffa, raiffa_lower_limits, service_shares

__all__ = ["Erratum", "errata", "KINDS", "OVERPROVISION_EXAMPLE", "overprovision_share"]

#: Kinds of erratum: a slip of the pen, a false statement, two places that
#: disagree, a statement that is undefined as printed, a statement that is
#: right but misdescribed.
KINDS = ("typo", "error", "inconsistency", "gap", "clarification")

#: The parameter set of issue 10 at which "s*(λ) < s^{2*} for every λ < 1" fails.
OVERPROVISION_EXAMPLE = HorizontalParams(beta=500.0, b1=4.0, b2=2.5, gamma1=1.2, c=30.0, K=100.0)


@dataclass(frozen=True)
class Erratum:
    """A place where the paper is wrong, inconsistent or incomplete.

    ``printed``, ``corrected``, ``condition``, ``where`` and ``explanation`` are
    MyST Markdown (maths in ``$...$``). ``method`` says how the erratum is
    verified: ``sympy`` (a symbolic identity), ``numeric`` (evaluated at the
    parameters), ``text`` (the paper's stored text).
    """

    key: str
    where: str
    kind: str
    printed: str
    corrected: str
    explanation: str
    condition: str
    method: tuple[str, ...]
    printed_wrong: bool
    holds: bool
    check: Callable[[HorizontalParams], bool] = field(repr=False, compare=False)


# ---------------------------------------------------------------------------
# numeric helpers
# ---------------------------------------------------------------------------


def _close(a, b, scale: float = 1.0, rel: float = 1e-7) -> bool:
    a, b = np.asarray(a, float), np.asarray(b, float)
    tol = rel * max(scale, float(np.max(np.abs(a), initial=0)), float(np.max(np.abs(b), initial=0)), 1.0)
    return bool(np.all(np.abs(a - b) <= tol))


def _hessian_and_stationary(f: Callable[[float, float], float], z0: np.ndarray, h: float):
    """Hessian, gradient at ``z0`` and stationary point of a quadratic ``f(p, s)``.

    Central differences are exact for a quadratic up to rounding.
    """
    e = np.eye(2) * h
    g = np.array([(f(*(z0 + e[i])) - f(*(z0 - e[i]))) / (2 * h) for i in range(2)])
    H = np.empty((2, 2))
    for i in range(2):
        for j in range(2):
            H[i, j] = (f(*(z0 + e[i] + e[j])) - f(*(z0 + e[i] - e[j]))
                       - f(*(z0 - e[i] + e[j])) + f(*(z0 - e[i] - e[j]))) / (4 * h * h)
    return H, g, z0 - np.linalg.solve(H, g)


def overprovision_share(params: HorizontalParams) -> float:
    """The share ``b1 gamma1 / b2^2`` where eq (10) is singular (``inf`` if ``b2 = 0``).

    Above it (possible inside ``(0, 1)`` iff ``b2^2 > b1 gamma1``) the
    revenue-sharing outcome over-provides service: ``s*(λ) > s^{2*}``.
    """
    b2sq = params.b2**2
    return params.b1 * params.gamma1 / b2sq if b2sq > 0 else float("inf")


def _sample_lams(params: HorizontalParams) -> np.ndarray:
    """Shares in ``(0, 1)`` on both sides of the singular share, none at it."""
    lams = list(np.linspace(0.05, 0.95, 10))
    ls = overprovision_share(params)
    if ls < 1:
        lams += [ls * 0.5, ls + 0.25 * (1 - ls), ls + 0.75 * (1 - ls)]
    return np.array([x for x in lams if abs(x - ls) > 1e-6 * max(1.0, ls)])


def _valid_sharing(params: HorizontalParams, lams) -> list:
    """Revenue-sharing outcomes at the shares where the model has one."""
    out = []
    for lam in lams:
        try:
            out.append(revenue_sharing(params, float(lam)))
        except ModelDomainError:
            continue
    return out


def _subs(params: HorizontalParams) -> dict:
    return {S.SYMBOLS[k]: val for k, val in params.as_dict().items()}


def _num(expr: sp.Expr, params: HorizontalParams, **extra: float) -> float:
    subs = _subs(params)
    subs.update({S.SYMBOLS[k]: val for k, val in extra.items()})
    return float(expr.subs(subs))


# ---------------------------------------------------------------------------
# one check per erratum
# ---------------------------------------------------------------------------


def _check_prop1_b3(params: HorizontalParams) -> bool:
    """det of the printed Hessian (3) is 2 gamma1 b1 - b2^2."""
    H = np.array([[-2 * params.b1, params.b2], [params.b2, -params.gamma1]])
    return _close(np.linalg.det(H), 2 * params.gamma1 * params.b1 - params.b2**2)


def _leader_profit(params: HorizontalParams):
    return lambda p, s: platform_profit(params, p, manufacturer_reply(params, p, s), s)


def _check_leader_concavity(params: HorizontalParams) -> bool:
    """The leader's Hessian is the corrected one; eq (3) is eq (1)'s at fixed omega."""
    b1, b2, g = params.b1, params.b2, params.gamma1
    dec = decentralized(params)
    z0 = np.array([dec.p, dec.s])
    h = max(1.0, 0.1 * float(np.max(np.abs(z0))))
    H, _, z = _hessian_and_stationary(_leader_profit(params), z0, h)
    corrected = np.array([[-4 * b1, 3 * b2], [3 * b2, -g - 2 * b2**2 / b1]])
    H_fixed_w, _, _ = _hessian_and_stationary(lambda p, s: platform_profit(params, p, dec.w, s), z0, h)
    printed = np.array([[-2 * b1, b2], [b2, -g]])
    concave = bool(np.all(np.linalg.eigvalsh(corrected) < 0))
    return (_close(H, corrected, scale=b1 + g + b2**2 / b1, rel=1e-5)
            and _close(H_fixed_w, printed, scale=b1 + g, rel=1e-5)
            and concave == (4 * g * b1 - b2**2 > 0)
            and _close(z, z0, scale=float(np.max(np.abs(z0))), rel=1e-5))


def _check_stackelberg_order(params: HorizontalParams) -> bool:
    """With p fixed pi2 is linear in omega; with the mark-up fixed it is concave; eq (5) is the reply."""
    dec = decentralized(params)
    h = max(1.0, abs(dec.w))
    f_p = [float(manufacturer_profit(params, dec.p, dec.w + k * h, dec.s)) for k in (-1, 0, 1)]
    f_x = [float(manufacturer_profit(params, dec.markup + dec.w + k * h, dec.w + k * h, dec.s)) for k in (-1, 0, 1)]
    second_p = (f_p[0] - 2 * f_p[1] + f_p[2]) / h**2
    second_x = (f_x[0] - 2 * f_x[1] + f_x[2]) / h**2
    scale = max(abs(x) for x in f_p + f_x) / h**2
    return (_close(second_p, 0.0, scale=scale, rel=1e-9)
            and (f_p[2] - f_p[0]) / (2 * h) > 0  # slope D > 0: no interior optimum in omega
            and _close(second_x, -2 * params.b1, scale=scale, rel=1e-9)
            and _close(manufacturer_reply(params, dec.p, dec.s), dec.w, scale=dec.p))


@cache
def _printed_functions():
    sym = S.SYMBOLS
    args = [sym[k] for k in ("beta", "b1", "b2", "gamma1", "c", "K", "p", "w", "s", "lam")]
    return {k: sp.lambdify(args, S.PRINTED[k], "math") for k in
            ("p^{1*}", "s^{1*}", "eq (8) p*(lambda)", "eq (9) s*(lambda)")}


def _printed(key: str, params: HorizontalParams, p=0.0, w=0.0, s=0.0, lam=1.0) -> float:
    d = params.as_dict()
    return float(_printed_functions()[key](d["beta"], d["b1"], d["b2"], d["gamma1"], d["c"], d["K"], p, w, s, lam))


def _check_reaction(params: HorizontalParams) -> bool:
    """The printed p^{1*}(s), s^{1*}(p) cross at the equilibrium, given in closed form."""
    b1, b2, g, c, beta = params.b1, params.b2, params.gamma1, params.c, params.beta
    dec = decentralized(params)
    x = 2 * g * (beta - b1 * c) / (4 * b1 * g - b2**2)
    return (_close(_printed("p^{1*}", params, s=dec.s), dec.p, scale=dec.p)
            and _close(_printed("s^{1*}", params, p=dec.p), dec.s, scale=dec.p)
            and _close([dec.p, dec.w, dec.s], [c + 1.5 * x, c + x / 2, b2 * x / (2 * g)], scale=dec.p))


def _check_eq7_reference(params: HorizontalParams) -> bool:
    """The first-order conditions of eq (7) give eqs (8) and (9)."""
    ok = True
    for r in _valid_sharing(params, _sample_lams(params)):
        f = lambda p, s, lam=r.lam, w=r.w: platform_profit_sharing(params, lam, p, w, s)  # noqa: E731
        z0 = np.array([r.p, r.s])
        _, _, (p, s) = _hessian_and_stationary(f, z0, max(1.0, 0.1 * float(np.max(np.abs(z0)))))
        scale = float(np.max(np.abs(z0)))
        ok &= _close(p, _printed("eq (8) p*(lambda)", params, w=r.w, lam=r.lam), scale=scale, rel=1e-5)
        ok &= _close(s, _printed("eq (9) s*(lambda)", params, p=p, w=r.w, lam=r.lam), scale=scale, rel=1e-5)
    return bool(ok)


def _check_pi2_lambda(params: HorizontalParams) -> bool:
    """pi2(λ) = ((1-λ)p + ω - c) D; it equals π - π1(λ) only where s*(λ) = s^{2*} (b2 = 0)."""
    cen = centralized(params)
    ok = True
    for r in _valid_sharing(params, _sample_lams(params)):
        scale = abs(r.pi_platform) + abs(r.pi_manufacturer) + abs(cen.pi_total)
        ok &= _close(r.pi_manufacturer, ((1 - r.lam) * r.p + r.w - params.c) * r.demand, scale=scale)
        ok &= _close(r.pi_platform + r.pi_manufacturer, alliance_profit(params, r.p, r.s), scale=scale)
        ok &= _close(cen.pi_total - r.pi_platform - r.pi_manufacturer,
                     0.5 * params.gamma1 * (r.s - cen.s) ** 2, scale=scale)
    return bool(ok)


@cache
def _sharing_identities() -> bool:
    """s*(λ) - s^{2*} = b1 b2 (λ-1)(p^{2*}-c)/(b1 γ1 - λ b2^2); total gap = -γ1 (s - s^{2*})^2 / 2."""
    sym = S.SYMBOLS
    b1, b2, g, c, lam = sym["b1"], sym["b2"], sym["gamma1"], sym["c"], sym["lam"]
    rs, cen = S.sharing_solution(), S.centralized_solution()
    gap = rs["s"] - cen["s"]
    return (S._same(gap, b1 * b2 * (lam - 1) * (cen["p"] - c) / (b1 * g - lam * b2**2))
            and S._same(rs["pi_total"] - cen["pi_total"], -g / 2 * gap**2)
            and S._same(cen["p"] - c, g * (sym["beta"] - b1 * c) / (2 * b1 * g - b2**2)))


def _check_sharing_price_only(params: HorizontalParams) -> bool:
    """The exact statement of what eq (10) does to the service level and the total.

    The signs follow from the SymPy identities; the numbers at ``params`` must
    agree with those identities (to rounding) and have the stated signs.
    """
    if not _sharing_identities():
        return False
    b1, b2, g, c = params.b1, params.b2, params.gamma1, params.c
    cen = centralized(params)
    ls = overprovision_share(params)
    d1 = b1 * g - b2**2
    ok = cen.p > c
    for lam in _sample_lams(params):
        valid = bool(_valid_sharing(params, [lam]))
        delta = b1 * g - lam * b2**2
        if b2**2 > 0:
            ok &= valid == (delta * d1 > 0)  # the outcome exists iff δ(λ) and δ(1) agree in sign
        if not valid:
            continue
        r = revenue_sharing(params, float(lam))
        gap = b1 * b2 * (lam - 1) * (cen.p - c) / delta  # s*(λ) - s^{2*}
        scale = abs(r.s) + abs(cen.s) + abs(gap)
        ok &= _close(r.s - cen.s, gap, scale=scale)
        ok &= _close(cen.pi_total - r.pi_total, 0.5 * g * gap**2, scale=abs(cen.pi_total) + abs(r.pi_total))
        if b2 > 0:
            ok &= (gap < 0) if lam < ls else (gap > 0 and r.w < c - (1 - lam) * cen.p)
        else:
            ok &= r.s == 0 == cen.s
    return bool(ok)


def _lam_column(table) -> list[str]:
    return [row[0] for row in table]


def _steps(column: list[str]) -> list[float]:
    vals = [paper.value(x) for x in column]
    return [round(b - a, 12) for a, b in zip(vals, vals[1:])]


def _check_table1_step(params: HorizontalParams) -> bool:
    """Table 1 prints 0.71 + 0.02k (k = 0..8) and then 0.88."""
    col = _lam_column(paper.TABLE1)
    return col == [f"{0.71 + 0.02 * k:.2f}" for k in range(9)] + ["0.88"]


def _check_table2_step(params: HorizontalParams) -> bool:
    """Table 2 prints 0.71 and then 0.72 + 0.02k (k = 0..8)."""
    col = _lam_column(paper.TABLE2)
    return col == ["0.71"] + [f"{0.72 + 0.02 * k:.2f}" for k in range(9)]


def _check_upper_limit(params: HorizontalParams) -> bool:
    """Eq (12) with x̄_j = V(N) - μ_j, averaged over j, is eq (13) (SymPy n = 2..6, numbers here)."""
    if not all(ch.agrees for ch in S.checks() if ch.key.startswith("eq (13) from eq (12)")):
        return False
    vp = VerticalParams()
    mu = np.array(vp.mu)
    n = mu.size
    V = decentralized(params).pi_platform
    lower = raiffa_lower_limits(mu)
    alloc = np.zeros(n)
    for j in range(n):
        upper = V - mu[j]
        alloc += [upper / 2 if i == j else lower[i] + upper / (2 * (n - 1)) for i in range(n)]
    alloc /= n
    return _close(alloc, raiffa(V, mu), scale=abs(V) + float(np.abs(mu).max())) and _close(alloc.sum(), V, scale=abs(V))


def _check_eq14_theta(params: HorizontalParams) -> bool:
    """§5.2's F is eq (14) with the service-level weight M_2 = 0."""
    vp = VerticalParams()
    s = decentralized(params).s
    levels = np.full(vp.n, s if s > 0 else 1.0)  # §5.2: every member provides the same level
    two = service_shares(vp.phi, vp.theta, vp.weights)
    three = service_shares(vp.phi, vp.theta, (vp.weights[0], vp.weights[1], 0.0), service_levels=levels)
    return _close(two, three) and _close(two, vp.F)


def _check_vn_profit(params: HorizontalParams) -> bool:
    """V(N) = π1(λ) is revenue λpD less ωD, γ1 s²/2 and K; Table 2's V(N) is Table 1's π1(λ)."""
    ok = True
    for r in _valid_sharing(params, _sample_lams(params)):
        costs = r.w * r.demand + 0.5 * params.gamma1 * r.s**2 + params.K
        ok &= _close(r.pi_platform, r.lam * r.p * r.demand - costs, scale=abs(r.lam * r.p * r.demand) + abs(costs))
    t1 = {row[0]: row[4] for row in paper.TABLE1}
    shared = [row for row in paper.TABLE2 if row[0] in t1]
    return bool(ok) and bool(shared) and all(t1[row[0]] == row[1] for row in shared)


def _check_all_members(params: HorizontalParams) -> bool:
    """Centralisation raises the total: π > π1* + π2*."""
    dec, cen = decentralized(params), centralized(params)
    return cen.pi_total - dec.pi_total > 1e-12 * (abs(cen.pi_total) + abs(dec.pi_total))


# ---------------------------------------------------------------------------
# the paper's text: what each typo checks
# ---------------------------------------------------------------------------


def _cited_equation() -> str:
    return re.search(r"equation \((\d+)\)", paper.TEXT["before_eq8"]).group(1)


def _text_prop1_b3() -> bool:
    return "b_3" in paper.TEXT["prop1"] and "b3" not in HorizontalParams().as_dict()


def _text_eq7_reference() -> bool:
    return paper.EQUATION_LHS[_cited_equation()] != "\\pi_1(\\lambda)" and paper.EQUATION_LHS["7"] == "\\pi_1(\\lambda)"


def _text_upper_limit() -> bool:
    m = re.search(r"\\overline\{x_(\w)\} = (\w) - \\mu_(\w)", paper.TEXT["upper_limit"])
    defined = {"N", "n", "V", "x", "mu"}
    return bool(m) and m.group(2) not in defined and m.group(1) != m.group(3)


def _text_eq14_theta() -> bool:
    return ("business level θ_i" in paper.TEXT["eq14_text"] and "service level s_i" in paper.TEXT["eq14_text"]
            and "service level θ_i" in paper.TEXT["s52_theta"]
            and len(paper.SECTION_5_2_INPUTS["weights"]) == 2)


def _text_table_step(table, name: str) -> bool:
    step = paper.value(paper.STATED_STEP[name])
    return any(abs(d - step) > 1e-9 for d in _steps(_lam_column(table)))


def _pi2_printed_wrong() -> bool:
    rs, cen = S.sharing_solution(), S.centralized_solution()
    lam = S.SYMBOLS["lam"]
    return (not S._same(rs["pi_manufacturer"], (1 - lam) * cen["pi_total"])
            and not S._same(rs["pi_manufacturer"], cen["pi_total"] - rs["pi_platform"]))


def _overprovision_text() -> str:
    P = OVERPROVISION_EXAMPLE
    r, cen = revenue_sharing(P, 0.8), centralized(P)
    return (f"For example $\\beta = {P.beta:g}$, $b_1 = {P.b1:g}$, $b_2 = {P.b2:g}$, $\\gamma_1 = {P.gamma1:g}$, "
            f"$c = {P.c:g}$, $K = {P.K:g}$ (inside the domain, $b_1\\gamma_1/b_2^2 = {overprovision_share(P):.4f}$): "
            f"at $\\lambda = 0.8$, $s^*(\\lambda) = {r.s:.2f} > s^{{2*}} = {cen.s:.2f}$ with "
            f"$\\omega^*(\\lambda) = {r.w:.1f}$, $\\pi_2(\\lambda) = {r.pi_manufacturer:.4g}$ and a total "
            f"${r.pi_total:.4g} < \\pi = {cen.pi_total:.2f}$.")


@cache
def errata() -> tuple[Erratum, ...]:
    """The paper's errata, each with its check; ``holds`` computed here."""
    H_leader = S.leader_hessian()
    det_leader = S._simp(H_leader.det())
    sym = S.SYMBOLS
    b1, b2, g = sym["b1"], sym["b2"], sym["gamma1"]
    pi2_fixed_p = sp.diff(S.profit_functions()["pi2"], sym["w"], 2)
    rs, cen = S.sharing_solution(), S.centralized_solution()
    rows = [
        ("prop1-b3", "Proposition 1 and its proof", "typo",
         "$2\\gamma_1 b_1 - b_3^2 > 0$", "$2\\gamma_1 b_1 - b_2^2 > 0$",
         "The model has no $b_3$; the determinant of the printed Hessian (3) is $2\\gamma_1 b_1 - b_2^2$.", "",
         ("text", "sympy", "numeric"),
         _text_prop1_b3() and S._same(S.PRINTED["eq (3) Hessian"].det(), S.PRINTED["Prop. 1 condition"].subs(S.b3, b2)),
         _check_prop1_b3),
        ("prop1-leader-concavity", "Proposition 1, eq (3)", "error",
         "the platform's profit is jointly concave in $(p, s)$ with Hessian (3), "
         "$H = \\begin{bmatrix}-2b_1 & b_2\\\\ b_2 & -\\gamma_1\\end{bmatrix}$, iff $2\\gamma_1 b_1 - b_2^2 > 0$",
         "the leader's Hessian, the follower's reply (5) substituted, is "
         "$\\begin{bmatrix}-4b_1 & 3b_2\\\\ 3b_2 & -\\gamma_1 - 2b_2^2/b_1\\end{bmatrix}$, negative definite iff "
         "$4\\gamma_1 b_1 - b_2^2 > 0$",
         "Eq (3) itself is right — it is the Hessian of eq (1) with $\\omega$ held fixed, and of eq (6), which is "
         "why it agrees in the formula checks — but Proposition 1 applies it to the leader, who anticipates the "
         f"reply (5). The leader's determinant is ${sp.latex(det_leader)}$; the printed condition is sufficient "
         "(stronger) for the leader and is the right condition for eqs (6) and (7).", "",
         ("sympy", "numeric"),
         S._same(det_leader, 4 * g * b1 - b2**2) and H_leader != S.PRINTED["eq (3) Hessian"],
         _check_leader_concavity),
        ("stackelberg-order", "§3.2, Proposition 1 proof, eq (4)", "inconsistency",
         "the platform determines $p$ and $s$; the manufacturer then determines $\\omega$",
         "the platform determines its mark-up $x = p - \\omega$ and $s$; the manufacturer then determines $\\omega$",
         "With $p$ fixed, $\\pi_2 = (\\omega - c)(\\beta - b_1 p + b_2 s)$ is linear in $\\omega$ (second derivative "
         f"${sp.latex(pi2_fixed_p)}$, slope $D > 0$), so the follower has no interior optimum. The proof's "
         "substitution $p = \\omega + x$ (eq 4) makes the platform's decision the mark-up; eq (5) and all of §3.2 "
         "follow from that reading, which `xbec` implements.", "",
         ("sympy", "numeric"),
         pi2_fixed_p == 0 and S._same(S.manufacturer_reply()["d2pi2_dw2"], -2 * b1),
         _check_stackelberg_order),
        ("p1-s1-reaction", "§3.2, $p^{1*}$ and $s^{1*}$", "clarification",
         "$p^{1*} = \\frac{3(\\beta + b_2 s)}{4b_1} + \\frac{c}{4}$, "
         "$s^{1*} = \\frac{(3p - c)b_1 b_2 - 2b_2\\beta}{b_1\\gamma_1 + 2b_2^2}$",
         "$x = \\frac{2\\gamma_1(\\beta - b_1 c)}{4b_1\\gamma_1 - b_2^2}$, $p^{1*} = c + \\frac{3x}{2}$, "
         "$\\omega^{1*} = c + \\frac{x}{2}$, $s^{1*} = \\frac{b_2 x}{2\\gamma_1}$",
         "The printed expressions are the two reaction functions (each contains the other decision); the "
         "equilibrium is where they cross, given here in closed form.", "",
         ("sympy", "numeric"),
         S.SYMBOLS["s"] in S.PRINTED["p^{1*}"].free_symbols and S.SYMBOLS["p"] in S.PRINTED["s^{1*}"].free_symbols
         and all(ch.agrees for ch in S.checks() if ch.key in ("p^{1*}", "s^{1*}")),
         _check_reaction),
        ("eq7-reference", "§3.4, before eq (8)", "typo",
         "In equation (6), calculate … of $\\pi_1(\\lambda)$",
         "In equation (7), calculate … of $\\pi_1(\\lambda)$",
         f"The sentence cites eq ({_cited_equation()}), whose left-hand side is "
         f"${paper.EQUATION_LHS[_cited_equation()]}$; $\\pi_1(\\lambda)$ is eq (7), whose first-order conditions "
         "give eqs (8) and (9).", "",
         ("text", "numeric"),
         _text_eq7_reference(),
         _check_eq7_reference),
        ("pi2-lambda", "§3.4, after eq (10)", "error",
         "$\\pi_2(\\lambda) = \\pi - \\pi_1(\\lambda) = (1 - \\lambda)\\pi$",
         "$\\pi_2(\\lambda) = \\bigl((1-\\lambda)p^{2*} + \\omega^*(\\lambda) - c\\bigr)D$, and "
         "$\\pi - \\pi_1(\\lambda) - \\pi_2(\\lambda) = \\tfrac{\\gamma_1}{2}(s^*(\\lambda) - s^{2*})^2$",
         "The manufacturer receives the share $1 - \\lambda$ of revenue plus the wholesale payment, less production "
         "cost; neither printed equality is an identity. Table 1's $\\pi_2(\\lambda)$ column uses the corrected "
         "expression (see the ledger).",
         "$\\pi_2(\\lambda) = \\pi - \\pi_1(\\lambda)$ holds only where $s^*(\\lambda) = s^{2*}$, i.e. $b_2 = 0$ "
         "or $\\lambda = 1$",
         ("sympy", "numeric"),
         _pi2_printed_wrong(),
         _check_pi2_lambda),
        ("sharing-not-coordinating", "§3.4 and Table 1 (column $\\pi^*$)", "error",
         "Under a revenue sharing, in order to achieve the effect of centralized decision-making, set "
         "$p^*(\\lambda) = p^{2*}$",
         "eq (10) aligns the price only. With $b_2 > 0$ and $\\lambda < 1$: "
         "$\\pi_1(\\lambda) + \\pi_2(\\lambda) = \\pi - \\tfrac{\\gamma_1}{2}(s^*(\\lambda) - s^{2*})^2 < \\pi$ and "
         "$s^*(\\lambda) - s^{2*} = \\frac{b_1 b_2(\\lambda - 1)(p^{2*} - c)}{b_1\\gamma_1 - \\lambda b_2^2}$: "
         "if $b_2^2 < b_1\\gamma_1$, $s^*(\\lambda) < s^{2*}$ for every $\\lambda < 1$; if "
         "$b_2^2 > b_1\\gamma_1$, an outcome exists only for $b_1\\gamma_1/b_2^2 < \\lambda \\le 1$, and there "
         "$s^*(\\lambda) > s^{2*}$ (service over-provided) with $\\omega^*(\\lambda) < c - (1-\\lambda)p^{2*}$",
         "Both gaps vanish only at $\\lambda = 1$, where the manufacturer keeps no revenue, so Table 1's last "
         "column stays below the centralised $\\pi$. The statement \"$s^*(\\lambda) < s^{2*}$ for every "
         "$\\lambda < 1$\" is false for $\\lambda > b_1\\gamma_1/b_2^2$. " + _overprovision_text(),
         "$b_2 > 0$ (with $b_2 = 0$, $s \\equiv 0$ and the contract coordinates fully)",
         ("sympy", "numeric"),
         _sharing_identities() and not S._same(rs["pi_total"], cen["pi_total"]),
         _check_sharing_price_only),
        ("table1-step", "§5.1, Table 1", "typo",
         f"with a step change of {paper.STATED_STEP['Table 1']}",
         "$\\lambda = 0.71 + 0.02k$ ($k = 0, \\dots, 8$), then $0.88$, the band's last point on a 0.01 grid",
         f"Table 1 prints $\\lambda$ = {', '.join(_lam_column(paper.TABLE1))}: the last step is "
         f"{_steps(_lam_column(paper.TABLE1))[-1]:g}.", "",
         ("text",), _text_table_step(paper.TABLE1, "Table 1"), _check_table1_step),
        ("table2-step", "§5.2, Table 2", "typo",
         f"with step changes of {paper.STATED_STEP['Table 2']}",
         "$\\lambda = 0.71$, then $0.72 + 0.02k$ ($k = 0, \\dots, 8$)",
         f"Table 2 prints $\\lambda$ = {', '.join(_lam_column(paper.TABLE2))}: after the first step the step is "
         f"{_steps(_lam_column(paper.TABLE2))[1]:g}.", "",
         ("text",), _text_table_step(paper.TABLE2, "Table 2"), _check_table2_step),
        ("raiffa-upper-limit", "§4.1, before eq (12)", "typo",
         "$\\overline{x_j} = B - \\mu_i$",
         "$\\overline{x}_j = V(N) - \\mu_j$",
         "$B$ is defined nowhere in §4.1 and the index $i$ does not match $j$. With "
         "$\\overline{x}_j = V(N) - \\mu_j$, eq (12) averaged over $j$ gives eq (13) exactly (SymPy, "
         "$n = 2, \\dots, 6$).", "",
         ("text", "sympy", "numeric"), _text_upper_limit(), _check_upper_limit),
        ("eq14-theta", "§4.2 eq (14) and §5.2", "inconsistency",
         "eq (14): $F_i = M_1\\frac{\\varphi_i}{\\sum\\varphi_i} + M_2\\frac{s_i}{\\sum s_i} + "
         "M_3\\frac{\\theta_i}{\\sum\\theta_i}$, $\\theta_i$ the *business level*; §5.2: $\\theta_i$ the "
         "*service level*, weights 0.7 and 0.3",
         "§5.2 uses eq (14) with $M = (0.7, 0, 0.3)$: the cost and business-level terms; the service-level term "
         "$s_i$ is dropped",
         "Eq (14) has three terms, §5.2 gives two weights and calls $\\theta$ the service level. Table 2 is "
         "reproduced with the two-term $F$ (ledger). Were the $s_i$ kept, §5.2's assumption that every member "
         "provides the same service level would add $M_2/n$ to every share.", "",
         ("text", "numeric"), _text_eq14_theta(), _check_eq14_theta),
        ("vn-profit", "§4.1 and §5.2", "inconsistency",
         "$V(N)$ is the total revenue …, $V(N) = \\pi_1(\\lambda)$",
         "$V(N) = \\pi_1(\\lambda)$ is the platform's *profit*: revenue $\\lambda p D$ less $\\omega D$, "
         "$\\gamma_1 s^2/2$ and $K$",
         "Eq (7) nets the wholesale payment, the service cost and the fixed cost from the platform's revenue "
         "share; Table 2's $V(N)$ column equals Table 1's $\\pi_1(\\lambda)$ column, so the paper itself allocates "
         "the profit.", "",
         ("sympy", "text", "numeric"),
         "total revenue" in paper.TEXT["s41_revenue"]
         and not S._same(S.profit_functions()["pi1(lambda)"], sym["lam"] * sym["p"] * S.D),
         _check_vn_profit),
        ("all-members-centralised", "§5.3.1", "gap",
         "centralized decision-making and revenue sharing result in higher profits for all alliance members",
         "centralisation raises the alliance's total, $\\pi > \\pi_1^* + \\pi_2^*$; it raises each member's profit "
         "only under a split of $\\pi$ that the paper does not give (revenue sharing inside the band is one)",
         "§3.3 and §5.1 report only the total $\\pi$ for the centralised regime; no wholesale price or split is "
         "defined, so members' centralised profits are undefined.", "",
         ("text", "numeric"),
         "pi" in paper.SECTION_5_1 and not any(k.startswith("pi1_c") or k.startswith("pi2_c") for k in paper.SECTION_5_1),
         _check_all_members),
    ]
    paper_params = HorizontalParams()
    out = []
    for key, where, kind, printed, corrected, expl, cond, method, wrong, check in rows:
        ok = bool(wrong) and bool(check(paper_params))
        out.append(Erratum(key, where, kind, printed, corrected, expl, cond, method, bool(wrong), ok, check))
    return tuple(out)
