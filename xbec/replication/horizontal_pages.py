"""The book's pages for §3 of the paper: what ``horizontal_model``, ``stackelberg`` and
``centralized_revenue_sharing`` show (§3.1-§3.4), as numbers or Markdown (:class:`~xbec.replication.pages.Md`).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import sympy as sp

from ..errors import ModelDomainError
from ..model import horizontal as H
from ..model.horizontal import HorizontalParams
from . import numerics, paper
from . import symbolic as S
from .errata import errata as all_errata
from .pages import HORIZONTAL_NAMES, Md, Page, band_or_error, ledger_rows
from .report import esc, md_table, yes

__all__ = [
    "profit_functions_md",
    "symbolic_gap",
    "parameter_table",
    "sharing_hessian_md",
    "domain_values",
    "domain_error_examples",
    "follower_md",
    "leader_md",
    "leader_hessian_md",
    "equilibrium_md",
    "checks_table",
    "errata_md",
    "errata_verified",
    "decentralized_values",
    "decentralized_comparison",
    "centralized_md",
    "centralized_values",
    "centralized_comparison",
    "sharing_md",
    "sharing_outcome_md",
    "pi2_demo_values",
    "sharing_gaps_md",
    "band_values",
]


def _L(expr: Any) -> str:
    return sp.latex(expr)


# ---------------------------------------------------------------------------
# §3.1 horizontal_model
# ---------------------------------------------------------------------------


def profit_functions_md() -> Md:
    """Eqs (1)-(2) as held in SymPy (``symbolic.profit_functions``), as display maths."""
    prof = S.profit_functions()
    return Md(f"$$\n\\pi_1 = {_L(prof['pi1'])}\n$$\n\n$$\n\\pi_2 = {_L(prof['pi2'])}\n$$\n")


def symbolic_gap(params: HorizontalParams, points: int = 200, seed: int = 2024) -> float:
    """Largest difference between the numeric eqs (1)-(2) and their SymPy forms at random points.

    The points ``(p, w, s)`` are uniform on ``[0, 2 beta / b1]^3``.
    """
    prof, sym = S.profit_functions(), S.SYMBOLS
    subs = {sym[k]: getattr(params, k) for k in HORIZONTAL_NAMES}
    args = (sym["p"], sym["w"], sym["s"])
    f1 = sp.lambdify(args, prof["pi1"].subs(subs), "numpy")
    f2 = sp.lambdify(args, prof["pi2"].subs(subs), "numpy")
    pts = np.random.default_rng(seed).uniform(0, 2 * params.beta / params.b1, size=(3, points))
    return float(
        max(
            np.max(np.abs(f1(*pts) - H.platform_profit(params, *pts))),
            np.max(np.abs(f2(*pts) - H.manufacturer_profit(params, *pts))),
        )
    )


_MEANING = {
    "beta": ("$\\beta$", "market size"),
    "b1": ("$b_1$", "price sensitivity of demand"),
    "b2": ("$b_2$", "service sensitivity of demand"),
    "gamma1": ("$\\gamma_1$", "logistics service cost coefficient"),
    "c": ("$c$", "manufacturer's unit production cost"),
    "K": ("$K$", "platform's maintenance cost"),
}


def parameter_table(params: HorizontalParams) -> Md:
    """The six parameters: symbol, meaning, this page's value and §5.1's."""
    rows = [(tex, what, f"{getattr(params, k):g}", paper.SECTION_5_1[k]) for k, (tex, what) in _MEANING.items()]
    note = (
        ""
        if params == HorizontalParams()
        else "\n**These are not the paper's parameters**: the last column is what §5.1 uses.\n"
    )
    return Md(md_table(["symbol", "meaning", "this page", "paper (§5.1)"], rows) + note)


def sharing_hessian_md() -> Md:
    """Hessian of eq (7) in ``(p, s)`` and its factored determinant."""
    sym = S.SYMBOLS
    hess = sp.hessian(S.profit_functions()["pi1(lambda)"], (sym["p"], sym["s"]))
    return Md(f"$$\n{_L(hess)},\\qquad \\det = {_L(sp.factor(hess.det()))}\n$$\n")


def domain_values(params: HorizontalParams) -> dict[str, float]:
    """``det2 = 2 b1 gamma1 - b2^2``, ``det4 = 4 b1 gamma1 - b2^2``, ``margin = beta - b1 c``."""
    g = params.b1 * params.gamma1
    return {
        "det2": float(2 * g - params.b2**2),
        "det4": float(4 * g - params.b2**2),
        "margin": float(params.beta - params.b1 * params.c),
    }


def domain_error_examples(params: HorizontalParams) -> list[str]:
    """The package's messages for two parameter sets just outside the domain.

    ``b2`` 1 % above ``sqrt(2 b1 gamma1)`` (concavity) and, when ``b1 c > 0``,
    ``beta = b1 c / 2`` (no market worth serving).
    """
    messages = []
    try:
        params.replace(b2=1.01 * math.sqrt(2 * params.b1 * params.gamma1))
    except ModelDomainError as err:
        messages.append(str(err))
    if params.b1 * params.c > 0:
        try:
            H.decentralized(params.replace(beta=params.b1 * params.c / 2))
        except ModelDomainError as err:
            messages.append(str(err))
    return messages


# ---------------------------------------------------------------------------
# §3.2 stackelberg
# ---------------------------------------------------------------------------


def follower_md() -> Md:
    """The manufacturer's derivatives and reply (eq 5), re-derived."""
    m = S.manufacturer_reply()
    d2_fixed_p = sp.diff(S.profit_functions()["pi2"], S.SYMBOLS["w"], 2)
    return Md(
        "$$\n\\begin{aligned}\n"
        f"\\frac{{\\partial \\pi_2}}{{\\partial \\omega}}\\Big|_{{x}} &= {_L(m['dpi2_dw'])}, \\\\\n"
        f"\\frac{{\\partial^2 \\pi_2}}{{\\partial \\omega^2}}\\Big|_{{x}} &= {_L(m['d2pi2_dw2'])}, \\qquad"
        f"\\frac{{\\partial^2 \\pi_2}}{{\\partial \\omega^2}}\\Big|_{{p}} = {_L(d2_fixed_p)}, \\\\\n"
        f"\\omega(x, s) &= {_L(m['reply_x'])}, \\qquad \\omega(p, s) = {_L(m['eq5'])}.\n"
        "\\end{aligned}\n$$\n"
    )


def _leader_hessian_tex() -> str:
    hl = S.leader_hessian()
    return (
        f"H_{{\\text{{leader}}}}(p, s) = {_L(hl)},\\qquad "
        f"\\det H_{{\\text{{leader}}}} = {_L(sp.factor(sp.simplify(hl.det())))}"
    )


def leader_md() -> Md:
    """The leader's reaction functions (the printed ``p^{1*}``, ``s^{1*}``) and its Hessian."""
    r = S.leader_reactions()
    return Md(
        f"$$\np(s) = {_L(r['p_of_s'])}, \\qquad s(p) = {_L(r['s_of_p'])}\n$$\n\n"
        "and the Hessian of the leader's profit in $(p, s)$, with the reply substituted, is\n\n"
        f"$$\n{_leader_hessian_tex()}.\n$$\n"
    )


def leader_hessian_md() -> Md:
    """The leader's Hessian in ``(p, s)`` with the follower's reply substituted, and its determinant."""
    return Md(f"$$\n{_leader_hessian_tex()}\n$$\n")


def equilibrium_md() -> Md:
    """The Stackelberg equilibrium in closed form (SymPy)."""
    sol = S.decentralized_solution()
    names = [
        ("p", "p^{1*}"),
        ("w", "\\omega^{1*}"),
        ("s", "s^{1*}"),
        ("demand", "D^{1*}"),
        ("pi_platform", "\\pi_1^*"),
        ("pi_manufacturer", "\\pi_2^*"),
    ]
    body = " \\\\\n".join(f"{tex} &= {_L(sp.factor(sol[k]))}" for k, tex in names)
    return Md("$$\n\\begin{aligned}\n" + body + "\n\\end{aligned}\n$$\n")


def checks_table(keys: Sequence[str], printed: bool = False) -> Md:
    """Printed formulas against their derivations (``symbolic.checks()``), with the check's notes.

    ``printed=True`` shows both formulas in LaTeX; otherwise one row per key
    says whether they agree.
    """
    by_key = {ch.key: ch for ch in S.checks()}
    if printed:
        rows: list[tuple[str, ...]] = [
            (f"`{k}`", f"${_L(by_key[k].printed)}$", f"${_L(by_key[k].derived)}$", yes(by_key[k].agrees)) for k in keys
        ]
        notes = "".join(f"- `{k}`: {esc(by_key[k].note)}\n" for k in keys if by_key[k].note)
        return Md(
            md_table(["formula", "printed", "derived", "agrees"], rows)
            + ("\nNotes of the check:\n\n" + notes if notes else "")
        )
    header = ["printed formula (`xbec.replication.symbolic.checks()`)", "equals its derivation"]
    rows = [(f"`{k}`", yes(by_key[k].agrees)) for k in keys]
    if any(by_key[k].note for k in keys):
        header.append("note")
        rows = [row + (esc(by_key[k].note),) for row, k in zip(rows, keys)]
    return Md(md_table(header, rows))


def errata_md(keys: Iterable[str]) -> Md:
    """Definition-list entries for the errata ``keys`` (kind, place, explanation, check)."""
    errata = {e.key: e for e in all_errata()}
    return Md(
        "\n".join(
            f"`{k}`\n: *{errata[k].kind}* in {esc(errata[k].where)}. {esc(errata[k].explanation)} "
            f"Checked: {yes(errata[k].holds)}.\n"
            for k in keys
        )
    )


def errata_verified(keys: Iterable[str]) -> dict[str, str]:
    """``verified-<key> -> "verified" | "NOT verified"`` for each erratum key."""
    errata = {e.key: e for e in all_errata()}
    return {f"verified-{k}": "verified" if errata[k].holds else "NOT verified" for k in keys}


def decentralized_values(params: HorizontalParams) -> dict[str, float]:
    """The Stackelberg equilibrium's numbers, named as the pages glue them."""
    dec = H.decentralized(params)
    return {
        "p1": dec.p,
        "w1": dec.w,
        "s1": dec.s,
        "D1": dec.demand,
        "x1": dec.markup,
        "pi1": dec.pi_platform,
        "pi2": dec.pi_manufacturer,
        "pitot": dec.pi_total,
    }


_DEC_LEDGER = [
    ("p1", "$p^{1*}$", "p^{1*}", "p"),
    ("w1", "$\\omega^{1*}$", "omega^{1*}", "w"),
    ("s1", "$s^{1*}$", "s^{1*}", "s"),
    ("pi1", "$\\pi_1^*$", "pi_1^*", "pi_platform"),
    ("pi2", "$\\pi_2^*$", "pi_2^*", "pi_manufacturer"),
]


def decentralized_comparison(page: Page) -> Md:
    """The equilibrium beside §5.1's printed values and their ledger status (paper's parameters only)."""
    assert page.params is not None
    dec = H.decentralized(page.params)
    if not page.on_paper:
        rows: list[tuple[str, ...]] = [(tex, f"{getattr(dec, attr):.4f}") for _, tex, _, attr in _DEC_LEDGER]
        return Md(
            md_table(["", "this page (exact)"], rows)
            + "\nThese parameters differ from the paper's, so there is nothing to compare with: "
            "the paper's values are those of §5.1's parameters.\n"
        )
    by_where = {r.where: r for r in ledger_rows(page)}
    rows, notes = [], []
    for key, tex, label, attr in _DEC_LEDGER:
        row = by_where[f"§5.1, decentralised, {label}"]
        value = getattr(dec, attr)
        rows.append(
            (
                tex,
                f"{value:.4f}",
                paper.SECTION_5_1[key],
                f"{value - paper.value(paper.SECTION_5_1[key]):+.4f}",
                row.status,
            )
        )
        if row.note:
            notes.append(f"- {tex}: {esc(row.note)}\n")
    return Md(
        md_table(["", "this page (exact)", "paper (§5.1)", "difference", "ledger status"], rows)
        + ("\nLedger notes:\n\n" + "".join(notes) if notes else "")
    )


# ---------------------------------------------------------------------------
# §3.3-§3.4 centralized_revenue_sharing
# ---------------------------------------------------------------------------


def centralized_md() -> Md:
    """The centralised optimum (SymPy) and the checks of its printed formulas."""
    cen = S.centralized_solution()
    return Md(
        "$$\n\\begin{aligned}\n"
        f"p^{{2*}} &= {_L(cen['p'])}, \\qquad s^{{2*}} = {_L(cen['s'])}, \\\\\n"
        f"D^{{2*}} &= {_L(sp.factor(cen['demand']))}, \\qquad \\pi = {_L(sp.factor(cen['pi_total']))}.\n"
        "\\end{aligned}\n$$\n\n" + checks_table(["p^{2*}", "s^{2*}", "eq (3) Hessian"])
    )


def centralized_values(params: HorizontalParams) -> dict[str, float]:
    """Centralised against decentralised numbers (``p2, s2, D2, pi, p1, s1, D1, pidec, gain``)."""
    dec, cen = H.decentralized(params), H.centralized(params)
    return {
        "p2": cen.p,
        "s2": cen.s,
        "D2": cen.demand,
        "pi": cen.pi_total,
        "p1": dec.p,
        "s1": dec.s,
        "D1": dec.demand,
        "pidec": dec.pi_total,
        "gain": cen.pi_total - dec.pi_total,
    }


def centralized_comparison(page: Page) -> Md:
    """The centralised profit beside §5.1's printed ``pi`` (paper's parameters only)."""
    assert page.params is not None
    if not page.on_paper:
        return Md(
            f"These are not the paper's parameters; the paper's $\\pi = {paper.SECTION_5_1['pi']}$ "
            "is for §5.1's parameters."
        )
    row = next(r for r in ledger_rows(page) if r.where == "§5.1, centralised, pi")
    pi = H.centralized(page.params).pi_total
    return Md(
        md_table(
            ["", "this page", "paper (§5.1)", "ledger status"],
            [("$\\pi$", f"{pi:.4f}", paper.SECTION_5_1["pi"], row.status)],
        )
    )


def sharing_md() -> Md:
    """Eq (10) factored, the checks of eqs (8)-(10) and the erratum on eq (7)'s reference."""
    rs = S.sharing_solution()
    return Md(
        f"$$\n\\omega^*(\\lambda) = {_L(sp.factor(rs['w']))}\n$$\n\n"
        + checks_table(["eq (8) p*(lambda)", "eq (9) s*(lambda)", "eq (10) w*(lambda)"])
        + "\n"
        + errata_md(["eq7-reference"])
    )


def sharing_outcome_md() -> Md:
    """``s*(lam)``, ``D(lam)`` and ``pi2(lam)`` with eq (10) substituted (SymPy, factored)."""
    rs = S.sharing_solution()
    return Md(
        "$$\n\\begin{aligned}\n"
        f"s^*(\\lambda) &= {_L(sp.factor(rs['s']))}, \\\\\n"
        f"D(\\lambda) &= {_L(sp.factor(rs['demand']))}, \\\\\n"
        f"\\pi_2(\\lambda) &= {_L(sp.factor(rs['pi_manufacturer']))},\n"
        "\\end{aligned}\n$$\n\n"
        "and the platform's profit $\\pi_1(\\lambda)$ is {eq}`eq7` at $p^{2*}$, $\\omega^*(\\lambda)$ and "
        "$s^*(\\lambda)$ (a ratio of quadratics in $\\lambda$, too long to print usefully)."
    )


def pi2_demo_values(params: HorizontalParams) -> dict[str, Any]:
    """The manufacturer's true profit against the paper's two formulas at one share.

    The share is the band's midpoint; without a band, 0.8 or the first share of
    a 0.01 grid at which the contract is defined (``nan`` values if none). Keys
    ``lam_demo, pi2_true, pi2_claim1`` (``pi - pi1(lam)``), ``pi2_claim2``
    (``(1 - lam) pi``) and ``erratum_pi2`` (Markdown).
    """
    band, _ = band_or_error(params)
    candidates = [0.5 * (band.lo + band.hi)] if band else [0.8, *np.linspace(0.05, 0.99, 95)]
    pi = H.centralized(params).pi_total
    out: dict[str, Any] = {
        "lam_demo": math.nan,
        "pi2_true": math.nan,
        "pi2_claim1": math.nan,
        "pi2_claim2": math.nan,
        "erratum_pi2": errata_md(["pi2-lambda"]),
    }
    for lam in candidates:
        try:
            r = H.revenue_sharing(params, float(lam))
        except ModelDomainError:
            continue
        out.update(
            lam_demo=float(lam),
            pi2_true=r.pi_manufacturer,
            pi2_claim1=pi - r.pi_platform,
            pi2_claim2=(1 - float(lam)) * pi,
        )
        break
    return out


def sharing_gaps_md(params: HorizontalParams) -> Md:
    """``s*(lam) - s^{2*}`` and the profit gap (SymPy), with the exact condition for each sign.

    The service level falls short of ``s^{2*}`` exactly for
    ``lam < b1 gamma1 / b2^2`` (see :func:`xbec.replication.bounds.service_overshoot_share`).
    """
    from .bounds import service_overshoot_share

    rs, cen = S.sharing_solution(), S.centralized_solution()
    s_gap = sp.factor(sp.together(rs["s"] - cen["s"]))
    t_gap = sp.factor(sp.together(rs["pi_total"] - cen["pi_total"]))
    lam_bar = service_overshoot_share(params)
    where = (
        f"for this page's parameters $b_1\\gamma_1/b_2^2 = {lam_bar:.4f}$, so the service level "
        + (
            "falls short for every $\\lambda < 1$"
            if lam_bar >= 1
            else f"exceeds $s^{{2*}}$ for ${lam_bar:.4f} < \\lambda < 1$"
        )
        if math.isfinite(lam_bar)
        else "for this page's parameters $b_2 = 0$ and there is no service term"
    )
    return Md(
        "$$\n\\begin{aligned}\n"
        f"s^*(\\lambda) - s^{{2*}} &= {_L(s_gap)}, \\\\\n"
        f"\\pi_1(\\lambda) + \\pi_2(\\lambda) - \\pi &= {_L(t_gap)},\n"
        "\\end{aligned}\n$$\n\n"
        "The total falls short of $\\pi$ for every $\\lambda < 1$ (if $b_2 > 0$). The service level falls "
        "short of $s^{2*}$ exactly where $b_1\\gamma_1 - \\lambda b_2^2 > 0$, i.e. "
        "$\\lambda < b_1\\gamma_1/b_2^2$, and exceeds it for $b_1\\gamma_1/b_2^2 < \\lambda < 1$, which "
        f"occurs only when $b_2^2 > b_1\\gamma_1$; {where}. Both gaps vanish only at $\\lambda = 1$, where "
        "the manufacturer earns nothing.\n\n" + errata_md(["sharing-not-coordinating"])
    )


def _binding(params: HorizontalParams, lam: float) -> str:
    """The acceptance condition that holds with equality at ``lam`` (smallest relative gap)."""
    dec, r = H.decentralized(params), H.revenue_sharing(params, lam)
    pi1, pi2 = float(r.pi_platform), float(r.pi_manufacturer)
    gaps = {
        "$\\pi_1(\\lambda) = \\pi_1^*$": (pi1 - dec.pi_platform) / abs(dec.pi_platform),
        "$\\pi_2(\\lambda) = \\pi_2^*$": (pi2 - dec.pi_manufacturer) / abs(dec.pi_manufacturer),
        "$\\pi_1(\\lambda) = \\pi_2(\\lambda)$": (pi1 - pi2) / abs(pi1),
    }
    return min(gaps, key=lambda k: abs(gaps[k]))


def band_values(page: Page) -> dict[str, Md]:
    """The acceptable band: ``band_text`` (one paragraph) and ``band_table`` (ends, grid, paper)."""
    assert page.params is not None
    band, err = band_or_error(page.params)
    if band is None:
        return {
            "band_text": Md(
                "For this page's parameters **no share is acceptable**: the band is empty "
                f"(`xbec.acceptable_lambda` says: {esc(err)})."
            ),
            "band_table": Md("No band, so nothing to tabulate."),
        }
    lo_grid, hi_grid = numerics.grid_ends(band)
    lo_bind, hi_bind = _binding(page.params, band.lo), _binding(page.params, band.hi)
    text = (
        f"For this page's parameters the band is the open interval $({band.lo:.6f},\\ {band.hi:.6f})$. "
        f"Its lower end is where {lo_bind}, its upper end where {hi_bind}. On a grid of step 0.01 the "
        f"acceptable shares run from {lo_grid:.2f} to {hi_grid:.2f}."
    )
    rows: list[tuple[str, ...]] = [
        ("lower end", f"{band.lo:.6f}", f"{lo_grid:.2f}", lo_bind),
        ("upper end", f"{band.hi:.6f}", f"{hi_grid:.2f}", hi_bind),
    ]
    header = ["", "exact", "0.01 grid", "binding condition"]
    if not page.on_paper:
        table = md_table(header, rows) + (
            "\nThese are not the paper's parameters; the paper reports $0.71 \\le \\lambda \\le 0.88$ for §5.1's.\n"
        )
        return {"band_text": Md(text), "band_table": Md(table)}
    p = paper.SECTION_5_1
    rows = [row + (p[k],) for row, k in zip(rows, ["lam_lo", "lam_hi"])]
    reject = next(r for r in ledger_rows(page) if r.where.startswith("§5.1, text: rejected"))
    table = (
        md_table(header + ["paper (§5.1)"], rows)
        + f"\nThe paper's range, ${p['lam_lo']} \\le \\lambda \\le {p['lam_hi']}$, is the exact band read "
        f'on a 0.01 grid. Its next sentence, that the members reject the contract "below {p["lam_lo"]} '
        f'or above {p["lam_reject_above"]}", is off by one grid step: {esc(reject.note)}.\n'
    )
    return {"band_text": Md(text), "band_table": Md(table)}
