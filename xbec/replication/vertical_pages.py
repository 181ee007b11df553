"""The book's pages for §4 and §5.2: the Raiffa rules and Table 2 (``vertical_raiffa``, ``table2_fig3``).

Pure functions of a :class:`~xbec.replication.pages.Page` (or of the model's
inputs) returning numbers to glue and Markdown to show.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import sympy as sp
from numpy.typing import ArrayLike

from ..errors import ModelDomainError
from ..model import horizontal as H
from ..model import vertical as Vt
from ..model.horizontal import LambdaBand
from . import numerics, paper
from . import symbolic as S
from .ledger import STATUSES
from .pages import NOT_PAPER, Md, Page, ledger_rows, zero
from .report import compare_table, esc, ledger_verdict, md_table, yes

__all__ = [
    "member_names",
    "raiffa_procedure_md",
    "raiffa_checks_md",
    "service_share_table",
    "core_facts",
    "example_allocation",
    "inputs_table",
    "decentralized_allocation_values",
    "table2_comparisons",
    "table2_grid",
    "printed_decentralized_allocation",
    "vertical_band_values",
    "ranking_md",
]

_NAMES = ("platform", "domestic logistics provider", "international carrier", "foreign logistics provider")


def member_names(n: int) -> list[str]:
    """§5.2's member names for ``n = 4``, else ``member 1 … member n``."""
    return list(_NAMES) if n == len(_NAMES) else [f"member {i + 1}" for i in range(n)]


def raiffa_procedure_md(n: int = 4) -> Md:
    """Lower limits (eq 11) and the averaged allocation (eq 13) re-derived by SymPy for ``n`` members."""
    rf = S.raiffa_from_procedure(n)
    lines = " \\\\\n".join(
        f"\\underline{{x}}_{i + 1} &= {sp.latex(rf['lower'][i])}, & x_{i + 1} &= {sp.latex(rf['averaged'][i])}"
        for i in range(n)
    )
    return Md("$$\n\\begin{aligned}\n" + lines + "\n\\end{aligned}\n$$\n")


def raiffa_checks_md() -> Md:
    """The symbolic checks of eqs (11) and (13) for every size checked."""
    rows = [(f"`{ch.key}`", yes(ch.agrees)) for ch in S.checks() if ch.key.startswith(("eq (11)", "eq (13)"))]
    return Md(
        md_table(["check (`xbec.replication.symbolic.checks()`)", "printed = derived"], rows)
        + "\nEq (12) is read literally: $x_j = (V - \\mu_j)/2$ and "
        "$x_i = \\underline{x}_i + (V - \\mu_j)/(2(n-1))$.\n"
    )


def service_share_table(page: Page) -> Md:
    """The inputs of eq (14) and the service shares ``F_i`` with ``F_i - 1/n``."""
    vp = page.vparams
    assert vp is not None
    n, F, names = vp.n, vp.F, member_names(vp.n)
    rows: list[tuple[int | str, ...]] = [
        (
            i + 1,
            names[i],
            f"{vp.mu[i]:g}",
            f"{vp.phi[i]:g}",
            f"{vp.theta[i]:g}",
            f"{F[i]:.4f}",
            f"{zero(F[i] - 1 / n):+.4f}",
        )
        for i in range(n)
    ]
    rows.append(
        (
            "",
            "**sum**",
            "",
            f"{sum(vp.phi):g}",
            f"{sum(vp.theta):g}",
            f"{F.sum():.4f}",
            f"{zero(float((F - 1 / n).sum())):+.4f}",
        )
    )
    note = "" if page.on_paper else "\n*These are not the paper's inputs (§5.2); see {doc}`table2_fig3` for those.*\n"
    return Md(
        md_table(["$i$", "member", "$\\mu_i$", "$\\varphi_i$", "$\\theta_i$", "$F_i$", "$F_i - 1/n$"], rows)
        + f"\nWeights: $\\varphi$: {vp.weights[0]:g}, $\\theta$: {vp.weights[1]:g}.\n"
        + note
    )


def core_facts(V: float, mu: Sequence[float]) -> dict[str, Any]:
    """What the given worths alone say about the vertical game (v({i}) = 0, v(N \\ {i}) = mu_i, v(N) = V).

    Returns
    -------
    dict
        ``sum_lower``: ``sum(mu) / (n - 1)``, the sum of the Raiffa lower
        limits (eq 11); ``core_empty``: ``V < sum_lower`` — the ``n``
        coalitions of ``n - 1`` members, each weighted ``1/(n - 1)``, form a
        balanced collection, so by the Bondareva-Shapley theorem the core is
        empty whatever the unstated worths are; ``superadditive``: whether
        the given worths satisfy superadditivity, i.e. ``V >= mu_i`` for
        every ``i`` (with ``v({i}) = 0``, the only conditions among given
        coalitions) and ``mu_i >= 0``.
    """
    m = np.asarray(mu, dtype=float)
    n = m.size
    if n < 2:
        raise ModelDomainError(f"mu: need at least 2 members (got {n})")
    sum_lower = float(m.sum() / (n - 1))
    return {
        "sum_lower": sum_lower,
        "core_empty": bool(V < sum_lower),
        "superadditive": bool(np.all(V >= m) and np.all(m >= 0)),
    }


def _limits_note(V: float, mu: Sequence[float]) -> Md:
    f = core_facts(V, mu)
    sup = (
        "On the given coalitions the game is superadditive ($v(\\{i\\}) = 0$ and "
        f"$V(N) \\ge \\max_i \\mu_i = {max(mu):.2f}$)"
        if f["superadditive"]
        else "The given worths are not superadditive ($V(N) < \\max_i \\mu_i$ or some $\\mu_i < 0$)"
    )
    if f["core_empty"]:
        return Md(
            f"{sup}. But $V(N)$ is smaller than the sum of the lower limits, $\\sum_k \\mu_k/(n-1) = "
            f"{f['sum_lower']:.2f}$: the {len(mu)} coalitions of $n - 1$ members, each weighted $1/(n-1)$, "
            "form a balanced collection, so the game is not balanced and, by the Bondareva–Shapley theorem "
            "{cite:p}`bondareva1963`, its **core is empty**: any split of $V(N)$ leaves some coalition of "
            "$n - 1$ members with less than its worth, whatever the unstated worths of the pairs. Every "
            "'upper limit' $V(N) - \\mu_i$ then lies below the member's lower limit; eq (13) still allocates "
            "exactly $V(N)$, but the limits no longer bracket the shares."
        )
    return Md(
        f"{sup}. Here $V(N)$ exceeds the sum of the lower limits, $\\sum_k \\mu_k/(n-1) = "
        f"{f['sum_lower']:.2f}$, so the surplus over the lower limits is shared."
    )


def example_allocation(page: Page) -> dict[str, Any]:
    """§4's steps for one ``V(N)``: ``pi1`` at the grid's first share (or ``pi1*`` if undefined there).

    Keys: ``V_example``, ``V_source`` (Markdown), ``alloc_table`` (Markdown),
    ``alloc_gap`` (``|sum x* - V|``), ``ranking``, ``limits_note`` (Markdown).
    """
    assert page.params is not None and page.vparams is not None and page.lam is not None
    vp, n, names = page.vparams, page.vparams.n, member_names(page.vparams.n)
    lam0 = float(page.lam[0])
    try:
        V = float(H.revenue_sharing(page.params, lam0).pi_platform)
        source = f"the platform's profit under revenue sharing at $\\lambda = {lam0:g}$, the first share of the grid"
    except ModelDomainError:
        V = float(H.decentralized(page.params).pi_platform)
        source = (
            "the platform's decentralised profit $\\pi_1^*$ (revenue sharing is not defined at the grid's first share)"
        )
    F = vp.F
    lower, upper = Vt.raiffa_lower_limits(vp.mu), Vt.raiffa_upper_limits(V, vp.mu)
    x13, x15 = Vt.raiffa(V, vp.mu), Vt.improved_raiffa(V, vp.mu, F)
    rows: list[tuple[int | str, ...]] = [
        (
            i + 1,
            names[i],
            f"{lower[i]:.2f}",
            f"{upper[i]:.2f}",
            f"{x13[i]:.2f}",
            f"{(F[i] - 1 / n) * V:+.2f}",
            f"**{x15[i]:.2f}**",
        )
        for i in range(n)
    ]
    rows.append(
        (
            "",
            "**sum**",
            f"{lower.sum():.2f}",
            "",
            f"{x13.sum():.2f}",
            f"{zero(float(((F - 1 / n) * V).sum())):+.2f}",
            f"**{x15.sum():.2f}**",
        )
    )
    table = md_table(
        [
            "$i$",
            "member",
            "lower limit $\\underline{x}_i$",
            "upper limit $\\overline{x}_i$",
            "Raiffa $x_i$ {eq}`eq13`",
            "correction $\\Delta x_i^*$",
            "improved $x_i^*$ {eq}`eq15`",
        ],
        rows,
    )
    return {
        "V_example": V,
        "V_source": Md(source),
        "alloc_table": Md(table),
        "alloc_gap": float(abs(x15.sum() - V)),
        "ranking": ", ".join(names[i] for i in np.argsort(-x15)),
        "limits_note": _limits_note(V, vp.mu),
    }


def inputs_table(page: Page) -> Md:
    """§5.2's inputs: coalition values, costs, levels and the service shares ``F_i`` of eq (14)."""
    vp = page.vparams
    assert vp is not None
    n, names = vp.n, member_names(vp.n)
    coalition = ["V(" + "∪".join(str(k + 1) for k in range(n) if k != i) + ")" for i in range(n)]
    rows = [
        (i + 1, names[i], f"${coalition[i]}$", f"{vp.mu[i]:g}", f"{vp.phi[i]:g}", f"{vp.theta[i]:g}", f"{vp.F[i]:.4f}")
        for i in range(n)
    ]
    note = (
        (
            "These are §5.2's inputs. Our copy of the paper prints the coalition values garbled "
            '("V(1∪4)=230 ∪3∪4)=2000"); they are read as $V(1∪2∪4) = 2300$ and $V(1∪3∪4) = 2000$, the only '
            "reading that uses each printed number once."
        )
        if page.on_paper
        else NOT_PAPER
    )
    return Md(
        md_table(["$i$", "member", "$\\mu_i$ is", "$\\mu_i$", "$\\varphi_i$", "$\\theta_i$", "$F_i$ {eq}`eq14`"], rows)
        + f"\nWeights of $\\varphi$ and $\\theta$: {vp.weights[0]:g} and {vp.weights[1]:g}. "
        + note
    )


def printed_decentralized_allocation(n: int = 4) -> np.ndarray:
    """§5.2's printed decentralised allocation ``x_1 … x_4`` (the paper's digits, as numbers)."""
    P = paper.SECTION_5_2_DECENTRALIZED
    return np.array([paper.value(P[f"x{i + 1}"]) for i in range(n)])


def decentralized_allocation_values(page: Page) -> dict[str, Any]:
    """The allocation of ``V(N) = pi1*``: ``V_dec``, ``dec_alloc`` (table) and ``dec_note`` (why, once).

    ``dec_note`` is the ledger's explanation of why the printed allocation
    is not reproduced (empty when the parameters are not the paper's); the
    book shows it on this page only and links to it from elsewhere.
    """
    assert page.params is not None and page.vparams is not None
    dec = H.decentralized(page.params)
    base = numerics.decentralized_allocation(page.params, page.vparams)
    n, names = page.vparams.n, member_names(page.vparams.n)
    if not page.on_paper:
        rows: list[tuple[str, ...]] = [(f"$x_{i + 1}$ {names[i]}", f"{base[i]:.2f}") for i in range(n)]
        return {
            "V_dec": dec.pi_platform,
            "dec_alloc": Md(md_table(["", "this page"], rows) + "\n" + NOT_PAPER),
            "dec_note": Md(
                "Nothing to explain here: these are not the paper's parameters, so there is no "
                "printed allocation to reproduce."
            ),
        }
    P, printed = paper.SECTION_5_2_DECENTRALIZED, printed_decentralized_allocation(n)
    rows = [("$V(N)$", f"{dec.pi_platform:.2f}", P["V"], f"{dec.pi_platform - paper.value(P['V']):+.2f}")]
    rows += [
        (f"$x_{i + 1}$ {names[i]}", f"{base[i]:.2f}", P[f"x{i + 1}"], f"{base[i] - printed[i]:+.2f}") for i in range(n)
    ]
    rows.append(("sum of the $x_i$", f"{base.sum():.2f}", f"{printed.sum():.2f}", ""))
    led = ledger_rows(page)
    dec_rows = [r for r in led if r.where.startswith("§5.2, decentralised, x_")]
    V_row = next(r for r in led if r.where.startswith("§5.2, decentralised V(N)"))
    text = (
        md_table(["", "this page", "paper (§5.2)", "difference"], rows)
        + f"\nLedger: $V(N)$ — {V_row.status} ({esc(V_row.note)}); the four shares — "
        + ", ".join(sorted({r.status for r in dec_rows}))
        + ".\n"
    )
    return {"V_dec": dec.pi_platform, "dec_alloc": Md(text), "dec_note": Md(esc(dec_rows[0].note) + ".")}


def _t2_cols(keys: Sequence[str]) -> list[tuple[str, str]]:
    return [(key, "$V(N)$" if key == "V" else f"$x_{key[1:]}^*$") for key in keys]


def table2_comparisons(page: Page) -> dict[str, Md]:
    """Table 2 as printed beside the recomputed values: ``t2_a``, ``t2_b``, ``t2_c``, ``t2_verdict``."""
    if not page.on_paper or page.params is None or page.vparams is None:
        return {k: Md(NOT_PAPER) for k in ("t2_a", "t2_b", "t2_c", "t2_verdict")}
    plam = np.array([paper.value(row[0]) for row in paper.TABLE2])
    ours = numerics.table2(page.params, page.vparams, plam)
    printed = [dict(zip(paper.TABLE2_COLUMNS, row)) for row in paper.TABLE2]
    t2 = [r for r in ledger_rows(page) if r.where.startswith("Table 2")]
    return {
        "t2_a": Md(compare_table(printed, ours, _t2_cols(["V", "x1"]))),
        "t2_b": Md(compare_table(printed, ours, _t2_cols(["x2", "x3"]))),
        "t2_c": Md(compare_table(printed, ours, _t2_cols(["x4"]))),
        "t2_verdict": Md(ledger_verdict(t2, STATUSES)),
    }


def table2_grid(page: Page) -> Md:
    """Table 2 on the page's grid as Markdown; writes ``table2.csv`` to the page's output folder."""
    assert page.params is not None and page.vparams is not None and page.lam is not None
    n = page.vparams.n
    try:
        t = numerics.table2(page.params, page.vparams, page.lam)
    except ModelDomainError as err:
        return Md(f"The contract is not defined on this grid: {esc(str(err))}. No `table2.csv` was written.")
    (page.out_dir / "table2.csv").write_text(numerics.to_csv(t))
    base = numerics.decentralized_allocation(page.params, page.vparams)
    cols = ["V"] + [f"x{i + 1}" for i in range(n)]
    above = np.all(np.column_stack([t[f"x{i + 1}"] for i in range(n)]) > base, axis=1)
    rows = [
        (f"{t['lambda'][j]:.2f}", *(f"{t[k][j]:.2f}" for k in cols), "✔" if above[j] else "")
        for j in range(len(page.lam))
    ]
    return Md(
        md_table(
            [
                "$\\lambda$",
                "$V(N) = \\pi_1(\\lambda)$",
                *(f"$x_{i + 1}^*$" for i in range(n)),
                "all above decentralised",
            ],
            rows,
        )
    )


def _band_cells(band: LambdaBand | None) -> tuple[str, str]:
    if band is None:
        return "empty", ""
    lo, hi = numerics.grid_ends(band)
    return f"({band.lo:.6f}, {band.hi:.6f})", f"{lo:.2f}–{hi:.2f}"


def _vertical_band(page: Page, baseline: ArrayLike | None = None) -> LambdaBand | None:
    assert page.params is not None and page.vparams is not None
    try:
        return numerics.vertical_acceptable_lambda(page.params, page.vparams, baseline=baseline)
    except ModelDomainError:
        return None


def vertical_band_values(page: Page) -> dict[str, Md]:
    """The λ band of both alliances, against recomputed and (paper only) printed baselines: ``vband_table``."""
    assert page.params is not None and page.vparams is not None
    try:
        hband: LambdaBand | None = H.acceptable_lambda(page.params)
    except ModelDomainError:
        hband = None
    rows = [
        ("horizontal alliance only", *_band_cells(hband)),
        ("both, against this page's decentralised shares", *_band_cells(_vertical_band(page))),
    ]
    text = ""
    if page.on_paper:
        n, names = page.vparams.n, member_names(page.vparams.n)
        printed = printed_decentralized_allocation(n)
        base = numerics.decentralized_allocation(page.params, page.vparams)
        rows.append(
            (
                "both, against the paper's printed decentralised shares",
                *_band_cells(_vertical_band(page, baseline=printed)),
            )
        )
        rows.append(("the paper (§5.2 and §6)", "", f"{paper.CONCLUSIONS['lam_lo']}–{paper.CONCLUSIONS['lam_hi']}"))
        concl = next(r for r in ledger_rows(page) if r.where.endswith("lambda lower end"))
        first = paper.TABLE2[0][0]
        x0 = numerics.table2(page.params, page.vparams, [paper.value(first)])
        below_printed = [names[i] for i in range(n) if x0[f"x{i + 1}"][0] < printed[i]]
        below_ours = [names[i] for i in range(n) if x0[f"x{i + 1}"][0] < base[i]]
        text = (
            f'\nThe paper observes that at $\\lambda = {first}$ "the benefits distributed by domestic and '
            'foreign logistics service providers are lower than those of decentralized decision-making" and '
            "therefore raises the lower end to 0.72. Against its printed decentralised shares, the members "
            f"below their baseline at that share are: {', '.join(below_printed) or 'none'}; against the shares "
            f"recomputed here: {', '.join(below_ours) or 'none'}. Ledger: {concl.status} — {esc(concl.note)}.\n"
        )
    return {"vband_table": Md(md_table(["conditions", "exact band", "0.01 grid"], rows) + text)}


def ranking_md(page: Page) -> Md:
    """Whether the members' shares keep one order over the page's grid (§5.3.1's ranking)."""
    assert page.params is not None and page.vparams is not None and page.lam is not None
    n, names = page.vparams.n, member_names(page.vparams.n)
    try:
        t = numerics.table2(page.params, page.vparams, page.lam)
    except ModelDomainError:
        return Md("The contract is not defined on the whole grid, so no ranking is computed.")
    X = np.column_stack([t[f"x{i + 1}"] for i in range(n)])
    orders = {tuple(int(i) for i in np.argsort(-row)) for row in X}
    if len(orders) == 1:
        return Md(
            "On the whole grid the shares rank the same way: " + " > ".join(names[i] for i in next(iter(orders))) + "."
        )
    return Md(f"The order of the shares changes along the grid ({len(orders)} different orders).")
