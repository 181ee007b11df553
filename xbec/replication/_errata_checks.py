"""The checks behind :mod:`xbec.replication.errata`: one function per erratum.

Each ``check_*`` evaluates an erratum's corrected statement at given
parameters (numerically, with the SymPy identities it rests on); each
``_text_*`` tests the paper's stored text (:mod:`xbec.replication.paper`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

import numpy as np

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
    sharing_defined,
    sharing_margin,
)
from ..model.vertical import VerticalParams, raiffa, raiffa_lower_limits, service_shares
from . import paper
from . import symbolic as S
from .bounds import service_overshoot_share as overprovision_share

#: The parameter set of issue 10 at which "s*(λ) < s^{2*} for every λ < 1" fails.
OVERPROVISION_EXAMPLE = HorizontalParams(beta=500.0, b1=4.0, b2=2.5, gamma1=1.2, c=30.0, K=100.0)


# -- numeric helpers


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
    H = np.array(
        [[f(*(z0 + a + b)) - f(*(z0 + a - b)) - f(*(z0 - a + b)) + f(*(z0 - a - b)) for b in e] for a in e]
    ) / (4 * h * h)
    return H, g, z0 - np.linalg.solve(H, g)


def _sample_lams(params: HorizontalParams) -> np.ndarray:
    """Shares in ``(0, 1)`` on both sides of the singular share, none at it."""
    lams = list(np.linspace(0.05, 0.95, 10))
    ls = overprovision_share(params)
    if ls < 1:
        lams += [ls * 0.5, ls + 0.25 * (1 - ls), ls + 0.75 * (1 - ls)]
    return np.array([x for x in lams if abs(x - ls) > 1e-6 * max(1.0, ls)])


def _valid_sharing(params: HorizontalParams, lams) -> list:
    """Revenue-sharing outcomes at the shares where the model has one."""
    lams = np.asarray(lams, dtype=float)
    return [revenue_sharing(params, float(lam)) for lam in lams[sharing_defined(params, lams)]]


# -- one check per erratum


def check_prop1_b3(params: HorizontalParams) -> bool:
    """The paper prints ``b_3``; the model's Hessian (3) (eq 1 at fixed omega, and eq 6) has determinant 2 gamma1 b1 - b2^2."""
    dec = decentralized(params)
    z0 = np.array([dec.p, dec.s])
    h = max(1.0, 0.1 * float(np.max(np.abs(z0))))
    printed = np.array([[-2 * params.b1, params.b2], [params.b2, -params.gamma1]])
    det = 2 * params.gamma1 * params.b1 - params.b2**2
    ok = text_prop1_b3()
    for f in (lambda p, s: platform_profit(params, p, dec.w, s), lambda p, s: alliance_profit(params, p, s)):
        H, _, _ = _hessian_and_stationary(f, z0, h)
        ok = ok and _close(H, printed, scale=params.b1 + params.gamma1, rel=1e-5)
        ok = ok and _close(np.linalg.det(H), det, scale=params.b1 * params.gamma1 + params.b2**2, rel=1e-5)
    return bool(ok)


def _leader_profit(params: HorizontalParams):
    return lambda p, s: platform_profit(params, p, manufacturer_reply(params, p, s), s)


def check_leader_concavity(params: HorizontalParams) -> bool:
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
    ok7 = True  # eq (7): Hessian [[-2 lam b1, lam b2], [lam b2, -gamma1]], determinant lam (2 b1 gamma1 - lam b2^2)
    for lam in (0.25, 0.5, 0.75, 1.0):

        def pi7(p: float, s: float, lam: float = lam) -> float:
            return platform_profit_sharing(params, lam, p, dec.w, s)

        H7, _, _ = _hessian_and_stationary(pi7, z0, h)
        ok7 &= _close(H7, [[-2 * lam * b1, lam * b2], [lam * b2, -g]], scale=b1 + g, rel=1e-5)
        ok7 &= _close(np.linalg.det(H7), lam * (2 * b1 * g - lam * b2**2), scale=b1 * g + b2**2, rel=1e-5)
    return (
        bool(ok7)
        and _close(H, corrected, scale=b1 + g + b2**2 / b1, rel=1e-5)
        and _close(H_fixed_w, printed, scale=b1 + g, rel=1e-5)
        and concave == (4 * g * b1 - b2**2 > 0)
        and _close(z, z0, scale=float(np.max(np.abs(z0))), rel=1e-5)
    )


def check_stackelberg_order(params: HorizontalParams) -> bool:
    """With p fixed pi2 is linear in omega; with the mark-up fixed it is concave; eq (5) is the reply."""
    dec = decentralized(params)
    h = max(1.0, abs(dec.w))
    f_p = [float(manufacturer_profit(params, dec.p, dec.w + k * h, dec.s)) for k in (-1, 0, 1)]
    f_x = [float(manufacturer_profit(params, dec.markup + dec.w + k * h, dec.w + k * h, dec.s)) for k in (-1, 0, 1)]
    second_p = (f_p[0] - 2 * f_p[1] + f_p[2]) / h**2
    second_x = (f_x[0] - 2 * f_x[1] + f_x[2]) / h**2
    scale = max(abs(x) for x in f_p + f_x) / h**2
    return (
        _close(second_p, 0.0, scale=scale, rel=1e-9)
        and (f_p[2] - f_p[0]) / (2 * h) > 0  # slope D > 0: no interior optimum in omega
        and _close(second_x, -2 * params.b1, scale=scale, rel=1e-9)
        and _close(manufacturer_reply(params, dec.p, dec.s), dec.w, scale=dec.p)
    )


@cache
def _printed_functions():
    import sympy as sp

    sym = S.SYMBOLS
    args = [sym[k] for k in ("beta", "b1", "b2", "gamma1", "c", "K", "p", "w", "s", "lam")]
    return {
        k: sp.lambdify(args, S.PRINTED[k], "math")
        for k in ("p^{1*}", "s^{1*}", "eq (8) p*(lambda)", "eq (9) s*(lambda)")
    }


def _printed(key: str, params: HorizontalParams, p=0.0, w=0.0, s=0.0, lam=1.0) -> float:
    d = params.as_dict()
    return float(_printed_functions()[key](d["beta"], d["b1"], d["b2"], d["gamma1"], d["c"], d["K"], p, w, s, lam))


def check_reaction(params: HorizontalParams) -> bool:
    """The printed p^{1*}(s), s^{1*}(p) cross at the equilibrium, given in closed form."""
    b1, b2, g, c, beta = params.b1, params.b2, params.gamma1, params.c, params.beta
    dec = decentralized(params)
    x = 2 * g * (beta - b1 * c) / (4 * b1 * g - b2**2)
    return (
        _close(_printed("p^{1*}", params, s=dec.s), dec.p, scale=dec.p)
        and _close(_printed("s^{1*}", params, p=dec.p), dec.s, scale=dec.p)
        and _close([dec.p, dec.w, dec.s], [c + 1.5 * x, c + x / 2, b2 * x / (2 * g)], scale=dec.p)
    )


def check_eq7_reference(params: HorizontalParams) -> bool:
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


def check_pi2_lambda(params: HorizontalParams) -> bool:
    """pi2(λ) = ((1-λ)p + ω - c) D; it equals π - π1(λ) only where s*(λ) = s^{2*} (b2 = 0)."""
    cen = centralized(params)
    ok = True
    for r in _valid_sharing(params, _sample_lams(params)):
        scale = abs(r.pi_platform) + abs(r.pi_manufacturer) + abs(cen.pi_total)
        ok &= _close(r.pi_manufacturer, ((1 - r.lam) * r.p + r.w - params.c) * r.demand, scale=scale)
        ok &= _close(r.pi_platform + r.pi_manufacturer, alliance_profit(params, r.p, r.s), scale=scale)
        ok &= _close(
            cen.pi_total - r.pi_platform - r.pi_manufacturer, 0.5 * params.gamma1 * (r.s - cen.s) ** 2, scale=scale
        )
    return bool(ok)


@cache
def sharing_identities_hold() -> bool:
    """s*(λ) - s^{2*} = b1 b2 (λ-1)(p^{2*}-c)/(b1 γ1 - λ b2^2); total gap = -γ1 (s - s^{2*})^2 / 2."""
    sym = S.SYMBOLS
    b1, b2, g, c, lam = sym["b1"], sym["b2"], sym["gamma1"], sym["c"], sym["lam"]
    rs, cen = S.sharing_solution(), S.centralized_solution()
    gap = rs["s"] - cen["s"]
    return (
        S._same(gap, b1 * b2 * (lam - 1) * (cen["p"] - c) / (b1 * g - lam * b2**2))
        and S._same(rs["pi_total"] - cen["pi_total"], -g / 2 * gap**2)
        and S._same(cen["p"] - c, g * (sym["beta"] - b1 * c) / (2 * b1 * g - b2**2))
    )


def check_sharing_price_only(params: HorizontalParams) -> bool:
    """The exact statement of what eq (10) does to the service level and the total.

    The signs follow from the SymPy identities; the numbers at ``params`` must
    agree with those identities (to rounding) and have the stated signs.
    """
    if not sharing_identities_hold():
        return False
    b1, b2, g, c = params.b1, params.b2, params.gamma1, params.c
    cen = centralized(params)
    ls = overprovision_share(params)
    d1 = sharing_margin(params)  # of the exact sign of b1 gamma1 - b2^2; 0 at equality
    ok = bool(cen.p > c)
    for lam in map(float, _sample_lams(params)):
        valid = bool(_valid_sharing(params, [lam]))
        delta = b1 * g - lam * b2**2
        if b2**2 > 0:
            ok &= valid == (delta * d1 > 0)  # an outcome iff δ(λ) and δ(1) agree in sign; none at b2^2 = b1 γ1
        if not valid:
            continue
        r = revenue_sharing(params, lam)
        s_l, w_l, total_l = float(r.s), float(r.w), float(r.pi_total)
        gap = b1 * b2 * (lam - 1) * (cen.p - c) / delta  # s*(λ) - s^{2*}
        ok &= _close(s_l - cen.s, gap, scale=abs(s_l) + abs(cen.s) + abs(gap))
        ok &= _close(cen.pi_total - total_l, 0.5 * g * gap**2, scale=abs(cen.pi_total) + abs(total_l))
        if b2 > 0:
            ok &= bool(gap < 0) if lam < ls else bool(gap > 0 and w_l < c - (1 - lam) * cen.p)
        else:
            ok &= s_l == 0 == cen.s
    return bool(ok)


def lam_column(table) -> list[str]:
    return [row[0] for row in table]


def printed_steps(column: list[str]) -> list[float]:
    vals = [paper.value(x) for x in column]
    return [round(b - a, 12) for a, b in zip(vals, vals[1:])]


def check_table1_step(params: HorizontalParams) -> bool:
    """Table 1 prints 0.71 + 0.02k (k = 0..8) and then 0.88."""
    col = lam_column(paper.TABLE1)
    return col == [f"{0.71 + 0.02 * k:.2f}" for k in range(9)] + ["0.88"]


def check_table2_step(params: HorizontalParams) -> bool:
    """Table 2 prints 0.71 and then 0.72 + 0.02k (k = 0..8)."""
    col = lam_column(paper.TABLE2)
    return col == ["0.71"] + [f"{0.72 + 0.02 * k:.2f}" for k in range(9)]


def check_upper_limit(params: HorizontalParams) -> bool:
    """Eq (12) with x̄_j = V(N) - μ_j, averaged over j, is eq (13) (SymPy n = 2..6, numbers here)."""
    if not all(ch.agrees for ch in S.checks() if ch.key.startswith("eq (13) from eq (12)")):
        return False
    vp = VerticalParams()
    mu = np.array(vp.mu)
    n = mu.size
    V = decentralized(params).pi_platform
    upper = V - mu  # row j: eq (12) with x̄_j = V - μ_j, i.e. x̄_j / 2 to j and l_i + x̄_j / (2(n-1)) to i != j
    each = raiffa_lower_limits(mu)[None, :] + upper[:, None] / (2 * (n - 1))
    np.fill_diagonal(each, upper / 2)
    alloc = each.mean(axis=0)
    return _close(alloc, raiffa(V, mu), scale=abs(V) + float(np.abs(mu).max())) and _close(alloc.sum(), V, scale=abs(V))


def check_eq14_theta(params: HorizontalParams) -> bool:
    """§5.2's F is eq (14) with M_2 = 0; keeping equal s_i with weight M_2 gives (1 - M_2) F + M_2 / n.

    The three weights sum to 1, so keeping the service-level term scales the
    other two down by ``1 - M_2`` and adds ``M_2 / n`` to every share.
    """
    vp = VerticalParams()
    s = decentralized(params).s
    levels = np.full(vp.n, s if s > 0 else 1.0)  # §5.2: every member provides the same level
    two = service_shares(vp.phi, vp.theta, vp.weights)
    ok = _close(two, vp.F)
    for m2 in (0.0, 0.1, 0.3, 0.5):
        wts = (vp.weights[0] * (1 - m2), vp.weights[1] * (1 - m2), m2)
        three = service_shares(vp.phi, vp.theta, wts, service_levels=levels)
        ok = ok and _close(three, (1 - m2) * two + m2 / vp.n)
    return bool(ok)


def check_vn_profit(params: HorizontalParams) -> bool:
    """V(N) = π1(λ) is revenue λpD less ωD, γ1 s²/2 and K; Table 2's V(N) is Table 1's π1(λ)."""
    ok = True
    for r in _valid_sharing(params, _sample_lams(params)):
        costs = r.w * r.demand + 0.5 * params.gamma1 * r.s**2 + params.K
        ok &= _close(r.pi_platform, r.lam * r.p * r.demand - costs, scale=abs(r.lam * r.p * r.demand) + abs(costs))
    t1 = {row[0]: row[4] for row in paper.TABLE1}
    shared = [row for row in paper.TABLE2 if row[0] in t1]
    return bool(ok) and bool(shared) and all(t1[row[0]] == row[1] for row in shared)


def check_all_members(params: HorizontalParams) -> bool:
    """Centralisation raises the total: π > π1* + π2*."""
    dec, cen = decentralized(params), centralized(params)
    return cen.pi_total - dec.pi_total > 1e-12 * (abs(cen.pi_total) + abs(dec.pi_total))


# -- the paper's text: what each typo checks


def cited_equation() -> str:
    m = re.search(r"equation \((\d+)\)", paper.TEXT["before_eq8"])
    return m.group(1) if m else ""


def text_prop1_b3() -> bool:
    return "b_3" in paper.TEXT["prop1"] and "b3" not in HorizontalParams().as_dict()


def text_eq7_reference() -> bool:
    return (
        paper.EQUATION_LHS.get(cited_equation()) != "\\pi_1(\\lambda)" and paper.EQUATION_LHS["7"] == "\\pi_1(\\lambda)"
    )


def text_upper_limit() -> bool:
    m = re.search(r"\\overline\{x_(\w)\} = (\w) - \\mu_(\w)", paper.TEXT["upper_limit"])
    defined = {"N", "n", "V", "x", "mu"}
    return m is not None and m.group(2) not in defined and m.group(1) != m.group(3)


def text_eq14_theta() -> bool:
    return (
        "business level θ_i" in paper.TEXT["eq14_text"]
        and "service level s_i" in paper.TEXT["eq14_text"]
        and "service level θ_i" in paper.TEXT["s52_theta"]
        and len(paper.SECTION_5_2_INPUTS["weights"]) == 2
    )


def text_table_step(table, name: str) -> bool:
    step = paper.value(paper.STATED_STEP[name])
    return any(abs(d - step) > 1e-9 for d in printed_steps(lam_column(table)))


def pi2_printed_wrong() -> bool:
    rs, cen = S.sharing_solution(), S.centralized_solution()
    lam = S.SYMBOLS["lam"]
    return not S._same(rs["pi_manufacturer"], (1 - lam) * cen["pi_total"]) and not S._same(
        rs["pi_manufacturer"], cen["pi_total"] - rs["pi_platform"]
    )


def overprovision_text() -> str:
    P = OVERPROVISION_EXAMPLE
    r, cen = revenue_sharing(P, 0.8), centralized(P)
    return (
        f"For example $\\beta = {P.beta:g}$, $b_1 = {P.b1:g}$, $b_2 = {P.b2:g}$, $\\gamma_1 = {P.gamma1:g}$, "
        f"$c = {P.c:g}$, $K = {P.K:g}$ (inside the domain, $b_1\\gamma_1/b_2^2 = {overprovision_share(P):.4f}$): "
        f"at $\\lambda = 0.8$, $s^*(\\lambda) = {r.s:.2f} > s^{{2*}} = {cen.s:.2f}$ with "
        f"$\\omega^*(\\lambda) = {r.w:.1f}$, $\\pi_2(\\lambda) = {r.pi_manufacturer:.4g}$ and a total "
        f"${r.pi_total:.4g} < \\pi = {cen.pi_total:.2f}$."
    )
