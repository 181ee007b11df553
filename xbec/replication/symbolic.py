"""Every closed form of §3–§4 re-derived with sympy from the model's primitives.

The primitives are the demand function (§3.1), the profit functions (eqs 1,
2, 6, 7), who decides what and in which order (§3.2–3.4), and the Raiffa
procedure (eqs 11–12). Each printed formula is transcribed **once** below
(:data:`PRINTED`) and compared with its derivation in :func:`checks`; the
places where the paper is wrong or inconsistent are listed, with the
corrected form and a check of it, by :func:`xbec.replication.errata.errata`.

``SYMBOLS`` (the model's symbols by name) and ``PRINTED`` (the transcribed
formulas) are module attributes built on first access, so importing this
module does not import sympy.

Nothing here is used to compute numbers: :mod:`xbec.model.horizontal` and
:mod:`xbec.model.vertical` are plain numpy, and the tests check them against these
derivations; :func:`profit_gap` measures that agreement for the book.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

import numpy as np

from ..model import horizontal as H
from ..model.params import HorizontalParams

if TYPE_CHECKING:
    import sympy as sp


@cache
def _namespace() -> dict:
    """The symbols, the demand and the printed formulas, built on first use (sympy is imported lazily)."""
    import sympy as sp

    beta, b1, b2, gamma1, c, K = sp.symbols("beta b_1 b_2 gamma_1 c K", positive=True)
    p, w, s, x = sp.symbols("p omega s x", real=True)
    lam = sp.symbols("lambda", positive=True)
    b3 = sp.Symbol("b_3", positive=True)  # the paper's typo in Proposition 1
    symbols = dict(beta=beta, b1=b1, b2=b2, gamma1=gamma1, c=c, K=K, p=p, w=w, s=s, x=x, lam=lam)
    #: The paper's printed formulas, transcribed once (§3.2–§4.1).
    printed = {
        "dpi2_dw (Prop. 2 proof)": -2 * b1 * w + beta + b2 * s + b1 * c - b1 * x,
        "d2pi2_dw2 (Prop. 1 proof)": -2 * b1,
        "eq (5) w": (beta + b2 * s) / b1 + c - p,
        "p^{1*}": 3 * (beta + b2 * s) / (4 * b1) + c / 4,
        "s^{1*}": ((3 * p - c) * b1 * b2 - 2 * b2 * beta) / (b1 * gamma1 + 2 * b2**2),
        "eq (3) Hessian": sp.Matrix([[-2 * b1, b2], [b2, -gamma1]]),
        "Prop. 1 condition": 2 * gamma1 * b1 - b3**2,
        "p^{2*}": (beta * gamma1 + b1 * gamma1 * c - c * b2**2) / (2 * b1 * gamma1 - b2**2),
        "s^{2*}": b2 / gamma1 * ((beta * gamma1 + b1 * gamma1 * c - c * b2**2) / (2 * b1 * gamma1 - b2**2) - c),
        "eq (8) p*(lambda)": (lam * b2**2 * w - lam * gamma1 * beta - b1 * gamma1 * w)
        / (lam**2 * b2**2 - 2 * lam * b1 * gamma1),
        "eq (9) s*(lambda)": (lam * p - w) * b2 / gamma1,
        "eq (10) w*(lambda)": (beta * gamma1 + b1 * gamma1 * c - c * b2**2)
        * (b2**2 * lam**2 - 2 * lam * b1 * gamma1)
        / ((2 * b1 * gamma1 - b2**2) * (lam * b2**2 - b1 * gamma1))
        + lam * gamma1 * beta / (lam * b2**2 - b1 * gamma1),
    }
    return {"SYMBOLS": symbols, "PRINTED": printed, "D": beta - b1 * p + b2 * s, "b3": b3}  # D: §3.1 (2)


def __getattr__(name: str):
    """``SYMBOLS``, ``PRINTED``, ``D`` and ``b3``, built on first access (PEP 562)."""
    if name in ("SYMBOLS", "PRINTED", "D", "b3"):
        return _namespace()[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _syms():
    """``(beta, b1, b2, gamma1, c, K, p, w, s, x, lam)`` and the demand ``D``."""
    ns = _namespace()
    return (*ns["SYMBOLS"].values(), ns["D"])


def PRINTED_RAIFFA(n: int):
    """Eq (13) and the lower limits after eq (11), printed, for ``n`` members."""
    import sympy as sp

    V = sp.Symbol("V")
    mu = sp.symbols(f"mu1:{n + 1}")
    S = sum(mu)
    lower = [S / (n - 1) - mu[i] for i in range(n)]
    eq13 = [V / n + sp.Rational(2 * n - 3, 2 * (n - 1)) * (S / n - mu[i]) for i in range(n)]
    return V, mu, lower, eq13


@dataclass(frozen=True)
class FormulaCheck:
    """A printed formula compared with its derivation."""

    key: str
    printed: sp.Expr
    derived: sp.Expr
    agrees: bool
    note: str = ""
    #: keys of the errata (:mod:`xbec.replication.errata`) about what the text says this formula is
    errata: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        """The formula's name as MyST Markdown with inline maths."""
        return check_label(self.key)

    @property
    def note_md(self) -> str:
        """The note as MyST Markdown with inline maths."""
        return _NOTES_MD.get(self.note, self.note)


_NOTES_MD = {
    "holds for a fixed mark-up x = p - w (eq 4), not for a fixed price p": "holds for a fixed mark-up $x = p - \\omega$ (eq 4), not for a fixed price $p$",
    "a reaction function p(s), not the equilibrium; see decentralized_solution()": "a reaction function $p(s)$, not the equilibrium; see `decentralized_solution()`",
    "a reaction function s(p), not the equilibrium; see decentralized_solution()": "a reaction function $s(p)$, not the equilibrium; see `decentralized_solution()`",
    "equals the Hessian of eq (6), and of eq (1) with w held fixed; not the leader's Hessian once eq (5) is "
    "substituted": "equals the Hessian of eq (6), and of eq (1) with $\\omega$ held fixed; not the leader's Hessian once "
    "eq (5) is substituted",
    "eq (12) read literally: x_j = (V - mu_j)/2 and x_i = lower_i + (V - mu_j)/(2(n-1))": "eq (12) read literally: $x_j = (V - \\mu_j)/2$ and "
    "$x_i = \\underline{x}_i + (V - \\mu_j)/(2(n-1))$",
}


_CHECK_LABELS = {
    "dpi2_dw (Prop. 2 proof)": "$\\partial\\pi_2/\\partial\\omega$ (proof of Proposition 2)",
    "d2pi2_dw2 (Prop. 1 proof)": "$\\partial^2\\pi_2/\\partial\\omega^2$ (proof of Proposition 1)",
    "eq (5) w": "eq (5), $\\omega$",
    "p^{1*}": "$p^{1*}$",
    "s^{1*}": "$s^{1*}$",
    "p^{2*}": "$p^{2*}$",
    "s^{2*}": "$s^{2*}$",
    "eq (3) Hessian": "eq (3), the Hessian $H(p, s)$",
    "Prop. 1 condition": "Proposition 1's condition",
    "eq (8) p*(lambda)": "eq (8), $p^*(\\lambda)$",
    "eq (9) s*(lambda)": "eq (9), $s^*(\\lambda)$",
    "eq (10) w*(lambda)": "eq (10), $\\omega^*(\\lambda)$",
}


def check_label(key: str) -> str:
    """MyST Markdown name (inline maths) of a :func:`checks` key or a :data:`PRINTED` key."""
    if key in _CHECK_LABELS:
        return _CHECK_LABELS[key]
    head, _, n = key.partition(", n=")
    if head == "eq (11) lower limits":
        return f"eq (11), lower limits $\\underline{{x}}_i$, $n = {n}$"
    if head == "eq (13) from eq (12)":
        return f"eq (13) from eq (12), $n = {n}$"
    raise KeyError(key)


def _simp(expr: sp.Expr) -> sp.Expr:
    """Canonical form of a rational expression (much faster than ``sp.simplify``)."""
    import sympy as sp

    return sp.factor(sp.cancel(sp.together(expr)))


def _same(a: sp.Expr, b: sp.Expr) -> bool:
    import sympy as sp

    return sp.cancel(sp.together(a - b)) == 0


# -- §3.2 Stackelberg game led by the platform


def profit_functions() -> dict[str, sp.Expr]:
    """Eqs (1), (2), (6), (7) and the manufacturer's profit under revenue sharing."""
    beta, b1, b2, gamma1, c, K, p, w, s, x, lam, D = _syms()
    return {
        "pi1": (p - w) * D - gamma1 * s**2 / 2 - K,
        "pi2": (w - c) * D,
        "pi": (p - c) * D - gamma1 * s**2 / 2 - K,
        "pi1(lambda)": lam * p * D - w * D - gamma1 * s**2 / 2 - K,
        "pi2(lambda)": ((1 - lam) * p + w - c) * D,
    }


def profit_gap(params: HorizontalParams, points: int = 200, seed: int = 2024) -> float:
    """Largest difference between the numeric eqs (1)-(2) and their SymPy forms at random points.

    Evaluates :func:`xbec.model.horizontal.platform_profit` and
    :func:`~xbec.model.horizontal.manufacturer_profit` against
    :func:`profit_functions`' ``pi1`` and ``pi2`` at ``points`` points
    ``(p, w, s)`` uniform on ``[0, 2 beta / b1]^3`` (seeded).
    """
    import sympy as sp

    prof = profit_functions()
    sym = _namespace()["SYMBOLS"]
    p, w, s = sym["p"], sym["w"], sym["s"]
    subs = {sym[k]: v for k, v in params.as_dict().items()}
    f1, f2 = (sp.lambdify((p, w, s), prof[k].subs(subs), "numpy") for k in ("pi1", "pi2"))
    pts = np.random.default_rng(seed).uniform(0, 2 * params.beta / params.b1, size=(3, points))
    return float(
        max(
            np.max(np.abs(f1(*pts) - H.platform_profit(params, *pts))),
            np.max(np.abs(f2(*pts) - H.manufacturer_profit(params, *pts))),
        )
    )


@cache
def manufacturer_reply() -> dict[str, sp.Expr]:
    """The follower's problem, eq (4): ``p = w + x`` with the mark-up ``x`` fixed.

    Returns the derivative, second derivative, the reply ``w(x, s)`` and eq (5)
    (the reply rewritten with ``x = p - w`` and solved for ``w``).
    """
    import sympy as sp

    beta, b1, b2, gamma1, c, K, p, w, s, x, lam, D = _syms()
    pi2 = profit_functions()["pi2"].subs(p, w + x)
    d1 = sp.expand(sp.diff(pi2, w))
    d2 = sp.diff(pi2, w, 2)
    reply_x = sp.solve(d1, w)[0]
    eq5 = sp.solve(sp.Eq(w, reply_x.subs(x, p - w)), w)[0]
    return {"dpi2_dw": d1, "d2pi2_dw2": d2, "reply_x": reply_x, "eq5": eq5}


@cache
def leader_reactions() -> dict[str, sp.Expr]:
    """The platform's first-order conditions with eq (5) substituted.

    ``p_of_s`` solves ``d pi1/dp = 0`` for ``p`` and ``s_of_p`` solves
    ``d pi1/ds = 0`` for ``s``: the paper's ``p^{1*}`` and ``s^{1*}``.
    """
    import sympy as sp

    beta, b1, b2, gamma1, c, K, p, w, s, x, lam, D = _syms()
    pi1 = profit_functions()["pi1"].subs(w, manufacturer_reply()["eq5"])
    return {"pi1_leader": pi1, "p_of_s": sp.solve(sp.diff(pi1, p), p)[0], "s_of_p": sp.solve(sp.diff(pi1, s), s)[0]}


@cache
def leader_hessian() -> sp.Matrix:
    """Hessian of the leader's profit in ``(p, s)`` after substituting eq (5)."""
    import sympy as sp

    beta, b1, b2, gamma1, c, K, p, w, s, x, lam, D = _syms()
    return sp.hessian(leader_reactions()["pi1_leader"], (p, s)).applyfunc(sp.simplify)


@cache
def decentralized_solution() -> dict[str, sp.Expr]:
    """Joint solution of the leader's FOCs: ``p1, s1, w1, D1, pi1, pi2`` in closed form."""
    import sympy as sp

    beta, b1, b2, gamma1, c, K, p, w, s, x, lam, D = _syms()
    r = leader_reactions()
    pi1 = r["pi1_leader"]
    sol = sp.solve([sp.diff(pi1, p), sp.diff(pi1, s)], [p, s], dict=True)[0]
    p1, s1 = _simp(sol[p]), _simp(sol[s])
    w1 = _simp(manufacturer_reply()["eq5"].subs({p: p1, s: s1}))
    prof = profit_functions()
    sub = {p: p1, s: s1, w: w1}
    return {
        "p": p1,
        "s": s1,
        "w": w1,
        "demand": _simp(D.subs(sub)),
        "pi_platform": _simp(prof["pi1"].subs(sub)),
        "pi_manufacturer": _simp(prof["pi2"].subs(sub)),
    }


# -- §3.3 Centralised decision and §3.4 revenue sharing


@cache
def centralized_solution() -> dict[str, sp.Expr]:
    """FOCs of eq (6): ``p2, s2, demand, pi`` and the Hessian of eq (6)."""
    import sympy as sp

    beta, b1, b2, gamma1, c, K, p, w, s, x, lam, D = _syms()
    pi = profit_functions()["pi"]
    sol = sp.solve([sp.diff(pi, p), sp.diff(pi, s)], [p, s], dict=True)[0]
    p2, s2 = _simp(sol[p]), _simp(sol[s])
    return {
        "p": p2,
        "s": s2,
        "demand": _simp(D.subs({p: p2, s: s2})),
        "pi_total": _simp(pi.subs({p: p2, s: s2})),
        "hessian": sp.hessian(pi, (p, s)),
    }


@cache
def sharing_solution() -> dict[str, sp.Expr]:
    """FOCs of eq (7), the aligning wholesale price, and the resulting outcome."""
    import sympy as sp

    beta, b1, b2, gamma1, c, K, p, w, s, x, lam, D = _syms()
    prof = profit_functions()
    pi1 = prof["pi1(lambda)"]
    s_foc = sp.solve(sp.diff(pi1, s), s)[0]  # eq (9)
    sol = sp.solve([sp.diff(pi1, p), sp.diff(pi1, s)], [p, s], dict=True)[0]
    p_lam = _simp(sol[p])  # eq (8)
    p2 = centralized_solution()["p"]
    w_lam = _simp(sp.solve(sp.Eq(p_lam, p2), w)[0])  # eq (10)
    s_lam = _simp(s_foc.subs({p: p2, w: w_lam}))
    sub = {p: p2, w: w_lam, s: s_lam}
    pi1_l = _simp(pi1.subs(sub))
    pi2_l = _simp(prof["pi2(lambda)"].subs(sub))
    return {
        "s_foc": s_foc,
        "p": p_lam,
        "w": w_lam,
        "s": s_lam,
        "demand": _simp(D.subs(sub)),
        "pi_platform": pi1_l,
        "pi_manufacturer": pi2_l,
        "pi_total": _simp(pi1_l + pi2_l),
        "hessian": sp.hessian(pi1, (p, s)),
    }


# -- §4.1 Raiffa


def raiffa_from_procedure(n: int) -> dict[str, list]:
    """Eq (13) re-derived from eqs (11)–(12) for ``n`` members.

    Eq (11): ``sum_k x_k - x_i = mu_i`` for all ``i`` gives the lower limits.
    Eq (12): for each ``j``, member ``j`` gets half its ideal upper limit
    ``V - mu_j`` and every other member ``i`` its lower limit plus
    ``(V - mu_j) / (2(n-1))``. Averaging over ``j`` gives eq (13).
    """
    import sympy as sp

    V, mu, lower_printed, eq13 = PRINTED_RAIFFA(n)
    xs = sp.symbols(f"x1:{n + 1}")
    eqs11 = [sp.Eq(sum(xs) - xs[i], mu[i]) for i in range(n)]
    sol = sp.solve(eqs11, xs, dict=True)[0]
    lower = [_simp(sol[xs[i]]) for i in range(n)]
    upper = [V - mu[j] for j in range(n)]

    def eq12(j: int) -> list[sp.Expr]:
        return [upper[j] / 2 if i == j else lower[i] + upper[j] / (2 * (n - 1)) for i in range(n)]

    averaged = [_simp(sum(eq12(j)[i] for j in range(n)) / n) for i in range(n)]
    return {
        "lower": lower,
        "lower_printed": lower_printed,
        "averaged": averaged,
        "eq13": eq13,
        "efficient_each_j": [_simp(sum(eq12(j)) - V) == 0 for j in range(n)],
    }


# -- Checks and errata


@cache
def checks() -> tuple[FormulaCheck, ...]:
    """Every printed closed form compared with its sympy derivation (§3's, then :func:`raiffa_checks`)."""
    PRINTED = _namespace()["PRINTED"]
    import sympy as sp

    m = manufacturer_reply()
    r = leader_reactions()
    cen = centralized_solution()
    rs = sharing_solution()

    def check(key: str, derived, note: str = "", errata: tuple[str, ...] = ()) -> FormulaCheck:
        printed = PRINTED[key]
        agrees = printed == derived if isinstance(printed, sp.MatrixBase) else _same(printed, derived)
        return FormulaCheck(key, printed, derived, agrees, note, errata)

    d2_note = "holds for a fixed mark-up x = p - w (eq 4), not for a fixed price p"
    reaction = "a reaction function {}, not the equilibrium; see decentralized_solution()"
    hessian_note = (
        "equals the Hessian of eq (6), and of eq (1) with w held fixed; "
        "not the leader's Hessian once eq (5) is substituted"
    )
    out = [
        check("dpi2_dw (Prop. 2 proof)", m["dpi2_dw"]),
        check("d2pi2_dw2 (Prop. 1 proof)", m["d2pi2_dw2"], d2_note, ("stackelberg-order",)),
        check("eq (5) w", m["eq5"]),
        check("p^{1*}", r["p_of_s"], reaction.format("p(s)"), ("p1-s1-reaction",)),
        check("s^{1*}", r["s_of_p"], reaction.format("s(p)"), ("p1-s1-reaction",)),
        check("p^{2*}", cen["p"]),
        check("s^{2*}", cen["s"]),
        check("eq (3) Hessian", cen["hessian"], hessian_note, ("prop1-leader-concavity",)),
        check("eq (8) p*(lambda)", rs["p"]),
        check("eq (9) s*(lambda)", rs["s_foc"]),
        check("eq (10) w*(lambda)", rs["w"]),
    ]
    return (*out, *raiffa_checks())


@cache
def raiffa_checks() -> tuple[FormulaCheck, ...]:
    """Eqs (11) and (13) against their derivation from the procedure, for 2 to 6 members (part of :func:`checks`)."""
    import sympy as sp

    out = []
    for n in (2, 3, 4, 5, 6):
        rf = raiffa_from_procedure(n)
        out.append(
            FormulaCheck(
                f"eq (11) lower limits, n={n}",
                sp.Matrix(rf["lower_printed"]),
                sp.Matrix(rf["lower"]),
                all(_same(a, b) for a, b in zip(rf["lower_printed"], rf["lower"])),
            )
        )
        out.append(
            FormulaCheck(
                f"eq (13) from eq (12), n={n}",
                sp.Matrix(rf["eq13"]),
                sp.Matrix(rf["averaged"]),
                all(_same(a, b) for a, b in zip(rf["eq13"], rf["averaged"])) and all(rf["efficient_each_j"]),
                "eq (12) read literally: x_j = (V - mu_j)/2 and x_i = lower_i + (V - mu_j)/(2(n-1))",
            )
        )
    return tuple(out)
