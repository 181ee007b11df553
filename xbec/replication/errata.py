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

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

from ..model.horizontal import HorizontalParams
from . import paper
from . import symbolic as S
from ._errata_checks import (
    OVERPROVISION_EXAMPLE,
    check_all_members,
    check_eq7_reference,
    check_eq14_theta,
    check_leader_concavity,
    check_pi2_lambda,
    check_prop1_b3,
    check_reaction,
    check_sharing_price_only,
    check_stackelberg_order,
    check_table1_step,
    check_table2_step,
    check_upper_limit,
    check_vn_profit,
    cited_equation,
    lam_column,
    overprovision_share,
    overprovision_text,
    pi2_printed_wrong,
    printed_steps,
    sharing_identities_hold,
    text_eq7_reference,
    text_eq14_theta,
    text_prop1_b3,
    text_table_step,
    text_upper_limit,
)

__all__ = ["Erratum", "errata", "KINDS", "OVERPROVISION_EXAMPLE", "overprovision_share"]

#: Kinds of erratum: a slip of the pen, a false statement, two places that
#: disagree, a statement that is undefined as printed, a statement that is
#: right but misdescribed.
KINDS = ("typo", "error", "inconsistency", "gap", "clarification")


@dataclass(frozen=True)
class Erratum:
    """A place where the paper is wrong, inconsistent or incomplete.

    ``printed``, ``corrected``, ``condition``, ``where`` and ``explanation`` are
    MyST Markdown (maths in ``$...$``). ``method`` says how the erratum is
    verified: ``sympy`` (a symbolic derivation), ``numeric`` (the model's
    functions evaluated at the parameters, able to fail if the model changes
    the way the erratum is about), ``text`` (the paper's stored text),
    ``identity`` (true by construction: the model's own definition or an
    optimum; such a check is not counted as numerically verified).
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

    @property
    def numeric(self) -> bool:
        """True when the check evaluates the model numerically (``"numeric"`` in ``method``)."""
        return "numeric" in self.method


@cache
def errata() -> tuple[Erratum, ...]:
    """The paper's errata, each with its check; ``holds`` computed here."""
    import sympy as sp

    H_leader = S.leader_hessian()
    det_leader = S._simp(H_leader.det())
    sym = S.SYMBOLS
    b1, b2, g = sym["b1"], sym["b2"], sym["gamma1"]
    pi2_fixed_p = sp.diff(S.profit_functions()["pi2"], sym["w"], 2)
    rs, cen = S.sharing_solution(), S.centralized_solution()
    lam = sym["lam"]
    det7 = S._simp(rs["hessian"].det())
    # the printed condition 2 b1 γ1 - b2^2 > 0 against eq (7)'s λ (2 b1 γ1 - λ b2^2) > 0, for 0 < λ <= 1
    cond7 = 2 * b1 * g - lam * b2**2
    sufficient = S._same(cond7 - (2 * b1 * g - b2**2), (1 - lam) * b2**2)  # >= 0 for λ <= 1
    necessary_only_at_1 = sp.solve(sp.Eq(cond7, 2 * b1 * g - b2**2), lam) == [1]
    rows = [  # ((key, where, kind, method), printed, corrected, explanation, condition, printed_wrong, check)
        (
            ("prop1-b3", "Proposition 1 and its proof", "typo", ("text", "sympy", "numeric")),
            "$2\\gamma_1 b_1 - b_3^2 > 0$",
            "$2\\gamma_1 b_1 - b_2^2 > 0$",
            "The model has no $b_3$; the determinant of the printed Hessian (3) is $2\\gamma_1 b_1 - b_2^2$.",
            "",
            text_prop1_b3()
            and S._same(S.PRINTED["eq (3) Hessian"].det(), S.PRINTED["Prop. 1 condition"].subs(S.b3, b2)),
            check_prop1_b3,
        ),
        (
            ("prop1-leader-concavity", "Proposition 1, eq (3)", "error", ("sympy", "numeric")),
            "the platform's profit is jointly concave in $(p, s)$ with Hessian (3), "
            "$H = \\begin{bmatrix}-2b_1 & b_2\\\\ b_2 & -\\gamma_1\\end{bmatrix}$, iff $2\\gamma_1 b_1 - b_2^2 > 0$",
            "the leader's Hessian, the follower's reply (5) substituted, is "
            "$\\begin{bmatrix}-4b_1 & 3b_2\\\\ 3b_2 & -\\gamma_1 - 2b_2^2/b_1\\end{bmatrix}$, negative definite iff "
            "$4\\gamma_1 b_1 - b_2^2 > 0$",
            "Eq (3) itself is right — it is the Hessian of eq (1) with $\\omega$ held fixed, and of eq (6), which is "
            "why it agrees in the formula checks — but Proposition 1 applies it to the leader, who anticipates the "
            f"reply (5). The leader's determinant is ${sp.latex(det_leader)}$; the printed condition is sufficient "
            "(stronger) for the leader. It is exactly the condition for eq (6). For eq (7) the Hessian is "
            "$\\begin{bmatrix}-2\\lambda b_1 & \\lambda b_2\\\\ \\lambda b_2 & -\\gamma_1\\end{bmatrix}$ with "
            f"determinant ${sp.latex(det7)}$, so the printed condition is sufficient for every $\\lambda \\le 1$ "
            "and necessary only at $\\lambda = 1$.",
            "",
            S._same(det_leader, 4 * g * b1 - b2**2)
            and H_leader != S.PRINTED["eq (3) Hessian"]
            and S._same(det7, lam * cond7)
            and sufficient
            and necessary_only_at_1,
            check_leader_concavity,
        ),
        (
            ("stackelberg-order", "§3.2, Proposition 1 proof, eq (4)", "inconsistency", ("sympy", "numeric")),
            "the platform determines $p$ and $s$; the manufacturer then determines $\\omega$",
            "the platform determines its mark-up $x = p - \\omega$ and $s$; the manufacturer then determines $\\omega$",
            "With $p$ fixed, $\\pi_2 = (\\omega - c)(\\beta - b_1 p + b_2 s)$ is linear in $\\omega$ (second derivative "
            f"${sp.latex(pi2_fixed_p)}$, slope $D > 0$), so the follower has no interior optimum. The proof's "
            "substitution $p = \\omega + x$ (eq 4) makes the platform's decision the mark-up; eq (5) and all of §3.2 "
            "follow from that reading, which `xbec` implements.",
            "",
            pi2_fixed_p == 0 and S._same(S.manufacturer_reply()["d2pi2_dw2"], -2 * b1),
            check_stackelberg_order,
        ),
        (
            ("p1-s1-reaction", "§3.2, $p^{1*}$ and $s^{1*}$", "clarification", ("sympy", "numeric")),
            "$p^{1*} = \\frac{3(\\beta + b_2 s)}{4b_1} + \\frac{c}{4}$, "
            "$s^{1*} = \\frac{(3p - c)b_1 b_2 - 2b_2\\beta}{b_1\\gamma_1 + 2b_2^2}$",
            "$x = \\frac{2\\gamma_1(\\beta - b_1 c)}{4b_1\\gamma_1 - b_2^2}$, $p^{1*} = c + \\frac{3x}{2}$, "
            "$\\omega^{1*} = c + \\frac{x}{2}$, $s^{1*} = \\frac{b_2 x}{2\\gamma_1}$",
            "The printed expressions are the two reaction functions (each contains the other decision); the "
            "equilibrium is where they cross, given here in closed form.",
            "",
            S.SYMBOLS["s"] in S.PRINTED["p^{1*}"].free_symbols
            and S.SYMBOLS["p"] in S.PRINTED["s^{1*}"].free_symbols
            and all(ch.agrees for ch in S.checks() if ch.key in ("p^{1*}", "s^{1*}")),
            check_reaction,
        ),
        (
            ("eq7-reference", "§3.4, before eq (8)", "typo", ("text", "numeric")),
            "In equation (6), calculate … of $\\pi_1(\\lambda)$",
            "In equation (7), calculate … of $\\pi_1(\\lambda)$",
            f"The sentence cites eq ({cited_equation()}), whose left-hand side is "
            f"${paper.EQUATION_LHS.get(cited_equation(), '?')}$; $\\pi_1(\\lambda)$ is eq (7), whose first-order conditions "
            "give eqs (8) and (9).",
            "",
            text_eq7_reference(),
            check_eq7_reference,
        ),
        (
            ("pi2-lambda", "§3.4, after eq (10)", "error", ("sympy", "numeric")),
            "$\\pi_2(\\lambda) = \\pi - \\pi_1(\\lambda) = (1 - \\lambda)\\pi$",
            "$\\pi_2(\\lambda) = \\bigl((1-\\lambda)p^{2*} + \\omega^*(\\lambda) - c\\bigr)D$, and "
            "$\\pi - \\pi_1(\\lambda) - \\pi_2(\\lambda) = \\tfrac{\\gamma_1}{2}(s^*(\\lambda) - s^{2*})^2$",
            "The manufacturer receives the share $1 - \\lambda$ of revenue plus the wholesale payment, less production "
            "cost; neither printed equality is an identity. Table 1's $\\pi_2(\\lambda)$ column uses the corrected "
            "expression (see the ledger).",
            "$\\pi_2(\\lambda) = \\pi - \\pi_1(\\lambda)$ holds only where $s^*(\\lambda) = s^{2*}$, i.e. $b_2 = 0$ "
            "or $\\lambda = 1$",
            pi2_printed_wrong(),
            check_pi2_lambda,
        ),
        (
            ("sharing-not-coordinating", "§3.4 and Table 1 (column $\\pi^*$)", "error", ("sympy", "numeric")),
            "Under a revenue sharing, in order to achieve the effect of centralized decision-making, set "
            "$p^*(\\lambda) = p^{2*}$",
            "eq (10) aligns the price only. With $b_2 > 0$ and $\\lambda < 1$: "
            "$\\pi_1(\\lambda) + \\pi_2(\\lambda) = \\pi - \\tfrac{\\gamma_1}{2}(s^*(\\lambda) - s^{2*})^2 < \\pi$ and "
            "$s^*(\\lambda) - s^{2*} = \\frac{b_1 b_2(\\lambda - 1)(p^{2*} - c)}{b_1\\gamma_1 - \\lambda b_2^2}$: "
            "if $b_2^2 < b_1\\gamma_1$, $s^*(\\lambda) < s^{2*}$ for every $\\lambda < 1$; if "
            "$b_2^2 > b_1\\gamma_1$, an outcome exists only for $b_1\\gamma_1/b_2^2 < \\lambda \\le 1$, and there "
            "$s^*(\\lambda) > s^{2*}$ (service over-provided) with $\\omega^*(\\lambda) < c - (1-\\lambda)p^{2*}$; "
            "if $b_2^2 = b_1\\gamma_1$, demand is exactly 0 at every $\\lambda < 1$ ($\\beta = b_1 p^{2*}$) and eq (10) "
            "is singular at $\\lambda = 1$: revenue sharing has no outcome",
            "Both gaps vanish only at $\\lambda = 1$, where the manufacturer keeps no revenue, so Table 1's last "
            'column stays below the centralised $\\pi$. The statement "$s^*(\\lambda) < s^{2*}$ for every '
            '$\\lambda < 1$" is false for $\\lambda > b_1\\gamma_1/b_2^2$. ' + overprovision_text(),
            "$b_2 > 0$ (with $b_2 = 0$, $s \\equiv 0$ and the contract coordinates fully)",
            sharing_identities_hold() and not S._same(rs["pi_total"], cen["pi_total"]),
            check_sharing_price_only,
        ),
        (
            ("table1-step", "§5.1, Table 1", "typo", ("text",)),
            f"with a step change of {paper.STATED_STEP['Table 1']}",
            "$\\lambda = 0.71 + 0.02k$ ($k = 0, \\dots, 8$), then $0.88$, the band's last point on a 0.01 grid",
            f"Table 1 prints $\\lambda$ = {', '.join(lam_column(paper.TABLE1))}: the last step is "
            f"{printed_steps(lam_column(paper.TABLE1))[-1]:g}.",
            "",
            text_table_step(paper.TABLE1, "Table 1"),
            check_table1_step,
        ),
        (
            ("table2-step", "§5.2, Table 2", "typo", ("text",)),
            f"with step changes of {paper.STATED_STEP['Table 2']}",
            "$\\lambda = 0.71$, then $0.72 + 0.02k$ ($k = 0, \\dots, 8$)",
            f"Table 2 prints $\\lambda$ = {', '.join(lam_column(paper.TABLE2))}: after the first step the step is "
            f"{printed_steps(lam_column(paper.TABLE2))[1]:g}.",
            "",
            text_table_step(paper.TABLE2, "Table 2"),
            check_table2_step,
        ),
        (
            ("raiffa-upper-limit", "§4.1, before eq (12)", "typo", ("text", "sympy", "numeric")),
            "$\\overline{x_j} = B - \\mu_i$",
            "$\\overline{x}_j = V(N) - \\mu_j$",
            "$B$ is defined nowhere in §4.1 and the index $i$ does not match $j$. With "
            "$\\overline{x}_j = V(N) - \\mu_j$, eq (12) averaged over $j$ gives eq (13) exactly (SymPy, "
            "$n = 2, \\dots, 6$).",
            "",
            text_upper_limit(),
            check_upper_limit,
        ),
        (
            ("eq14-theta", "§4.2 eq (14) and §5.2", "inconsistency", ("text", "numeric")),
            "eq (14): $F_i = M_1\\frac{\\varphi_i}{\\sum\\varphi_i} + M_2\\frac{s_i}{\\sum s_i} + "
            "M_3\\frac{\\theta_i}{\\sum\\theta_i}$, $\\theta_i$ the *business level*; §5.2: $\\theta_i$ the "
            "*service level*, weights 0.7 and 0.3",
            "§5.2 uses eq (14) with $M = (0.7, 0, 0.3)$: the cost and business-level terms; the service-level term "
            "$s_i$ is dropped",
            "Eq (14) has three terms, §5.2 gives two weights and calls $\\theta$ the service level. Table 2 is "
            "reproduced with the two-term $F$ (ledger). Were the $s_i$ kept with a weight $M_2 > 0$ (the three "
            "weights summing to 1), §5.2's assumption that every member provides the same service level would add "
            "$M_2/n$ to every share and scale the other two terms down by $1 - M_2$: "
            "$F_i = (1 - M_2)F_i' + M_2/n$ with $F_i'$ the two-term share of §5.2.",
            "",
            text_eq14_theta(),
            check_eq14_theta,
        ),
        (
            ("vn-profit", "§4.1 and §5.2", "inconsistency", ("sympy", "text", "identity")),
            "$V(N)$ is the total revenue …, $V(N) = \\pi_1(\\lambda)$",
            "$V(N) = \\pi_1(\\lambda)$ is the platform's *profit*: revenue $\\lambda p D$ less $\\omega D$, "
            "$\\gamma_1 s^2/2$ and $K$",
            "Eq (7) nets the wholesale payment, the service cost and the fixed cost from the platform's revenue "
            "share; Table 2's $V(N)$ column equals Table 1's $\\pi_1(\\lambda)$ column, so the paper itself allocates "
            "the profit.",
            "",
            "total revenue" in paper.TEXT["s41_revenue"]
            and not S._same(S.profit_functions()["pi1(lambda)"], sym["lam"] * sym["p"] * S.D),
            check_vn_profit,
        ),
        (
            ("all-members-centralised", "§5.3.1", "gap", ("text", "identity")),
            "centralized decision-making and revenue sharing result in higher profits for all alliance members",
            "centralisation raises the alliance's total, $\\pi > \\pi_1^* + \\pi_2^*$; it raises each member's profit "
            "only under a split of $\\pi$ that the paper does not give (revenue sharing inside the band is one)",
            "§3.3 and §5.1 report only the total $\\pi$ for the centralised regime; no wholesale price or split is "
            "defined, so members' centralised profits are undefined.",
            "",
            "pi" in paper.SECTION_5_1
            and not any(k.startswith("pi1_c") or k.startswith("pi2_c") for k in paper.SECTION_5_1),
            check_all_members,
        ),
    ]
    paper_params = HorizontalParams()
    out = []
    for (key, where, kind, method), printed, corrected, expl, cond, wrong, check in rows:
        ok = bool(wrong) and bool(check(paper_params))
        out.append(Erratum(key, where, kind, printed, corrected, expl, cond, method, bool(wrong), ok, check))
    return tuple(out)
