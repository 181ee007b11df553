"""The book's pages for §5.1 and §5.3.2: Table 1, Fig. 2 and Fig. 4 (``table1_fig2``, ``fig4``).

Pure functions of a :class:`~xbec.replication.pages.Page`: numbers to glue and
Markdown to show. Bounds stated in prose are computed over the continuous
acceptable band (:mod:`xbec.replication.bounds`), never read off a grid.
"""

from __future__ import annotations

import math
from typing import Any, NamedTuple

import numpy as np

from ..errors import ModelDomainError
from ..model import horizontal as H
from ..model.horizontal import HorizontalParams
from . import bounds, numerics, paper
from .horizontal_pages import decentralized_values
from .ledger import STATUSES
from .pages import NOT_PAPER, Md, Page, band_or_error, ledger_rows, zero
from .report import compare_table, esc, ledger_verdict, md_table

__all__ = [
    "headline_values",
    "section51_comparison",
    "table1_comparisons",
    "table1_grid",
    "fig2_findings",
    "levels_table",
    "ServiceClaim",
    "service_demand_claims",
    "claims_values",
]

TABLE1_COLS = [
    ("p", "$p^*(\\lambda)$"),
    ("w", "$\\omega(\\lambda)$"),
    ("s", "$s^*(\\lambda)$"),
    ("pi_platform", "$\\pi_1(\\lambda)$"),
    ("pi_manufacturer", "$\\pi_2(\\lambda)$"),
    ("pi_total", "$\\pi^*$ (total)"),
]


def headline_values(params: HorizontalParams) -> dict[str, Any]:
    """§5.1's headline numbers (decentralised, centralised) and the band sentence ``band_md``."""
    cen = H.centralized(params)
    out: dict[str, Any] = dict(decentralized_values(params), pi=cen.pi_total, p2=cen.p, s2=cen.s)
    band, err = band_or_error(params)
    if band is None:
        out["band_md"] = Md(f"**No revenue share is acceptable** for these parameters ({esc(err)}).")
    else:
        lo, hi = numerics.grid_ends(band)
        out["band_md"] = Md(
            "Revenue sharing is acceptable to both members, and leaves the platform ahead, for $\\lambda$ in "
            f"the open interval $({band.lo:.6f},\\ {band.hi:.6f})$: on a grid of step 0.01, from {lo:.2f} "
            f"to {hi:.2f}."
        )
    return out


def section51_comparison(page: Page) -> Md:
    """§5.1's printed values beside this page's, with ledger status and notes."""
    if not page.on_paper:
        return Md(NOT_PAPER)
    rows = [r for r in ledger_rows(page) if r.where.startswith("§5.1")]
    table = md_table(
        ["§5.1", "this page", "paper", "difference", "ledger status"],
        [
            (esc(r.where.removeprefix("§5.1, ")), f"{r.reproduced:.4f}", r.paper, f"{r.diff:+.4f}", r.status)
            for r in rows
        ],
    )
    notes = "".join(f"- {esc(r.where)}: {esc(r.note)}\n" for r in rows if r.status != "reproduced" and r.note)
    return Md(table + ("\nNotes:\n\n" + notes if notes else ""))


def table1_comparisons(page: Page) -> dict[str, Md]:
    """Table 1 as printed beside the recomputed values: ``t1_prices``, ``t1_profits``, ``t1_totals``, ``t1_verdict``."""
    keys = ("t1_prices", "t1_profits", "t1_totals", "t1_verdict")
    if not page.on_paper or page.params is None:
        return {k: Md(NOT_PAPER) for k in keys}
    plam = np.array([paper.value(row[0]) for row in paper.TABLE1])
    result = H.revenue_sharing(page.params, plam)
    ours = {key: getattr(result, key) for key, _ in TABLE1_COLS}
    printed = [dict(zip(paper.TABLE1_COLUMNS, row)) for row in paper.TABLE1]
    t1 = [r for r in ledger_rows(page) if r.where.startswith("Table 1")]
    return {
        "t1_prices": Md(compare_table(printed, ours, TABLE1_COLS[:3])),
        "t1_profits": Md(compare_table(printed, ours, TABLE1_COLS[3:5])),
        "t1_totals": Md(compare_table(printed, ours, TABLE1_COLS[5:])),
        "t1_verdict": Md(ledger_verdict(t1, STATUSES)),
    }


def table1_grid(page: Page) -> Md:
    """Table 1 on the page's grid as Markdown; writes ``table1.csv`` to the page's output folder."""
    assert page.params is not None and page.lam is not None
    band, _ = band_or_error(page.params)
    try:
        t = numerics.table1(page.params, page.lam)
    except ModelDomainError as err:
        return Md(f"The contract is not defined on this grid: {esc(str(err))}. No `table1.csv` was written.")
    cols = ("lambda", "p", "w", "s", "pi_platform", "pi_manufacturer", "pi_total")
    (page.out_dir / "table1.csv").write_text(numerics.to_csv({k: t[k] for k in cols}))
    inside = ["✔" if band is not None and band.lo < x < band.hi else "" for x in t["lambda"]]
    rows = [
        (f"{t['lambda'][i]:.2f}", *(f"{t[k][i]:.2f}" for k, _ in TABLE1_COLS), inside[i]) for i in range(len(page.lam))
    ]
    return Md(md_table(["$\\lambda$", *(tex for _, tex in TABLE1_COLS), "acceptable"], rows))


def _end(bound: bounds.Bound, band: H.LambdaBand) -> str:
    if bound.attained:
        return f"attained at $\\lambda = {bound.at:.4f}$"
    side = "lower" if bound.at == band.lo else "upper"
    return f"approached at the band's {side} end and not attained: the band is open"


def fig2_findings(params: HorizontalParams) -> dict[str, Any]:
    """§5.3.1's reading of Fig. 2, with the smallest gains over the continuous band.

    Keys: ``claims`` (Markdown), ``gain1_inf`` and ``gain2_inf`` (infima of
    ``pi1(lam) - pi1*`` and ``pi2(lam) - pi2*`` over the open band, ``nan``
    if it is empty), ``gap_md`` (how far the contract's total stays below
    ``pi`` over the band), ``total_increasing``.
    """
    band, _ = band_or_error(params)
    cen = H.centralized(params)
    b1g, b2sq = params.b1 * params.gamma1, params.b2**2
    # d/dlam (pi_total(lam) - pi) = C (1 - lam) b2^2 (b1 gamma1 - b2^2) / delta^3 with C > 0 (SymPy):
    # increasing on all of (0, 1) iff 0 < b2^2 < b1 gamma1
    increasing = "increases" if 0 < b2sq < b1g else "does not always increase"
    out: dict[str, Any] = {"total_increasing": increasing, "gain1_inf": math.nan, "gain2_inf": math.nan}
    if band is None:
        out["claims"] = Md(
            "There is no band in which both members gain, so §5.3.1's Pareto improvement does not occur here."
        )
        out["gap_md"] = Md("the gap closes only at $\\lambda = 1$, where the manufacturer earns nothing")
        return out
    inf = bounds.gain_infima(params, band)
    gap_lo = bounds.band_infimum(lambda x: cen.pi_total - float(H.revenue_sharing(params, x).pi_total), band)
    gap_hi = bounds.band_supremum(lambda x: cen.pi_total - float(H.revenue_sharing(params, x).pi_total), band)
    out.update(
        gain1_inf=zero(inf["platform"].value, 1e-9 * cen.pi_total),
        gain2_inf=zero(inf["manufacturer"].value, 1e-9 * cen.pi_total),
    )
    out["claims"] = Md(
        "Inside the band both members earn more than under decentralised decisions, and the platform earns "
        "more than the manufacturer — a Pareto improvement, as §5.3.1 says. Over the open band the "
        f"platform's gain $\\pi_1(\\lambda) - \\pi_1^*$ has the infimum {out['gain1_inf']:.2f} "
        f"({_end(inf['platform'], band)}) and the manufacturer's gain $\\pi_2(\\lambda) - \\pi_2^*$ the "
        f"infimum {out['gain2_inf']:.2f} ({_end(inf['manufacturer'], band)}); so each gains strictly, but the "
        "manufacturer's gain can be as small as one likes. Above "
        f"$\\lambda = {band.hi:.4f}$ the manufacturer would be worse off than in the Stackelberg game and "
        "would leave the contract."
    )
    if b2sq == 0:
        out["gap_md"] = Md("without a service term ($b_2 = 0$) the contract's total equals $\\pi$ at every $\\lambda$")
        return out
    out["gap_md"] = Md(
        f"over the band by between {gap_lo.value:.2f} and {gap_hi.value:.2f}; the gap closes only "
        "at $\\lambda = 1$, where the manufacturer earns nothing"
    )
    return out


def levels_table(page: Page) -> Md:
    """Price, service level and demand under the three decisions (§5.3.2's comparison)."""
    assert page.params is not None
    params = page.params
    dec, cen = H.decentralized(params), H.centralized(params)
    rows = [("decentralised (§3.2)", f"{dec.p:.2f}", f"{dec.s:.2f}", f"{dec.demand:.2f}")]
    if page.lam is not None:
        try:
            ends = H.revenue_sharing(params, np.array([page.lam[0], page.lam[-1]]))
            p, s, d = np.asarray(ends.p), np.asarray(ends.s), np.asarray(ends.demand)
            for j, x in enumerate((page.lam[0], page.lam[-1])):
                rows.append(
                    (
                        f"revenue sharing, $\\lambda = {x:g}$ (§3.4)",
                        f"{p[j]:.2f}",
                        f"{s[j]:.2f}",
                        f"{d[j]:.2f}",
                    )
                )
        except ModelDomainError:
            pass
    band, _ = band_or_error(params)
    if band is not None:
        b = H.revenue_sharing(params, np.array([band.lo, band.hi]))
        bp, bs, bd = np.asarray(b.p), np.asarray(b.s), np.asarray(b.demand)
        rows.append(
            (
                f"revenue sharing, open band $({band.lo:.4f}, {band.hi:.4f})$",
                f"{bp[0]:.2f}",
                f"{bs[0]:.4f} to {bs[1]:.4f} (ends excluded)",
                f"{bd[0]:.4f} to {bd[1]:.4f} (ends excluded)",
            )
        )
    rows.append(("centralised (§3.3)", f"{cen.p:.2f}", f"{cen.s:.2f}", f"{cen.demand:.2f}"))
    return Md(md_table(["decision", "price $p$", "service level $s$", "demand $D$"], rows))


class ServiceClaim(NamedTuple):
    """One claim of §5.3.2 checked at given parameters."""

    text: str
    detail: str
    holds: bool
    claimed: bool


def _above_on_band(bound: bounds.Bound, level: float) -> bool:
    """Whether a function with infimum ``bound`` over the open band stays strictly above ``level``."""
    return bound.value > level or (bound.value == level and not bound.attained)


def service_demand_claims(params: HorizontalParams) -> list[ServiceClaim]:
    """The five claims of §5.3.2 (and one the figure shows), checked in closed form or over the band.

    1. ``s^{2*} > s^{1*}``; 2. ``s*(lam)`` increases with ``lam``
    (``ds/dlam = b1 gamma1 b2 A / delta^2`` with ``A = beta - b1 p^{2*}``, so
    it increases where defined iff ``b2 A > 0``); 3. ``p^{2*} < p^{1*}``;
    4-5. ``s*(lam) > s^{1*}`` and ``D(lam) > D^{1*}`` on the whole open band
    (infima by :mod:`xbec.replication.bounds`); 6. (not claimed)
    ``s*(lam) < s^{2*}`` and ``D(lam) < D^{2*}`` for every ``lam < 1``, true iff
    ``0 < b2^2 <= b1 gamma1``.
    """
    dec, cen = H.decentralized(params), H.centralized(params)
    band, _ = band_or_error(params)
    A = params.beta - params.b1 * cen.p
    ratio = f" (×{cen.s / dec.s:.2f})" if dec.s > 0 else ""
    claims = [
        ServiceClaim(
            "The logistics service level is much higher under centralised than under decentralised decision-making.",
            f"$s^{{2*}} = {cen.s:.2f}$ vs $s^{{1*}} = {dec.s:.2f}${ratio}",
            cen.s > dec.s,
            True,
        )
    ]
    inc = params.b2 * A > 0
    claims.append(
        ServiceClaim(
            "As $\\lambda$ increases, the logistics service level increases.",
            "$ds^*/d\\lambda = b_1\\gamma_1 b_2 (\\beta - b_1 p^{2*})/(b_1\\gamma_1 - \\lambda b_2^2)^2$, of the sign "
            f"of $b_2(\\beta - b_1 p^{{2*}}) = {params.b2 * A:.4g}$",
            bool(inc),
            True,
        )
    )
    claims.append(
        ServiceClaim(
            "The price is lower under revenue sharing than under decentralised decision-making.",
            f"$p^*(\\lambda) = p^{{2*}} = {cen.p:.2f}$ for every $\\lambda$ vs $p^{{1*}} = {dec.p:.2f}$",
            cen.p < dec.p,
            True,
        )
    )
    for what, level, sym, fn in (
        ("logistics service level", dec.s, "s^*", bounds.service_infimum),
        ("Market demand", dec.demand, "D", bounds.demand_infimum),
    ):
        text = (
            f"The {what} is higher under revenue sharing than under decentralised decision-making."
            if what != "Market demand"
            else "Market demand is higher under revenue sharing than under decentralised decision-making."
        )
        if band is None:
            claims.append(ServiceClaim(text, "no acceptable band", False, True))
            continue
        b = fn(params, band)
        ok = _above_on_band(b, level)
        rel = "\\ge" if b.attained else ">"  # an infimum not attained on the open band is a strict bound
        detail = (
            f"on the open band, ${sym}(\\lambda) {rel} {b.value:.4f}$ (infimum, "
            f"{'attained' if b.attained else 'not attained'}) vs ${sym[0]}^{{1*}} = {level:.4f}$"
        )
        claims.append(ServiceClaim(text, detail, ok, True))
    lam_bar = bounds.service_overshoot_share(params)
    below = params.b2**2 > 0 and lam_bar >= 1
    claims.append(
        ServiceClaim(
            "*(Not claimed by the paper.)* Revenue sharing stays below the centralised service level and demand.",
            "$s^*(\\lambda) < s^{2*}$ and $D(\\lambda) < D^{2*}$ for every $\\lambda < 1$ iff "
            f"$0 < b_2^2 \\le b_1\\gamma_1$; here $b_1\\gamma_1/b_2^2 = {lam_bar:.4g}$",
            bool(below),
            False,
        )
    )
    return claims


def claims_values(params: HorizontalParams) -> dict[str, Any]:
    """``claims_table`` (Markdown), ``n_hold`` (claimed rows that hold) and ``s_inf`` (service infimum)."""
    claims = service_demand_claims(params)
    rows = [(i + 1, c.text, c.detail, "✔ holds" if c.holds else "✘ **fails**") for i, c in enumerate(claims)]
    band, _ = band_or_error(params)
    return {
        "claims_table": Md(md_table(["", "claim (§5.3.2)", "this page", "verdict"], rows)),
        "n_hold": int(sum(c.holds for c in claims if c.claimed)),
        "n_claims": int(sum(c.claimed for c in claims)),
        "s_inf": bounds.service_infimum(params, band).value if band is not None else math.nan,
    }
