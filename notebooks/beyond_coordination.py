# ---
# jupyter:
#   jupytext:
#     notebook_metadata_filter: -jupytext.text_representation.jupytext_version
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # A contract that truly coordinates: revenue sharing plus service-cost sharing
#
# §3.4 of {cite:t}`wei2024` introduces revenue sharing "in order to achieve the
# effect of centralized decision-making": the platform keeps the share
# $\lambda$ of sales revenue and the wholesale price $\omega^*(\lambda)$ of
# eq (10) makes its chosen price equal the centralised price $p^{2*}$. This
# chapter shows that the contract aligns the **price** but not the **service
# level**, so the alliance's profit stays below the centralised $\pi$; derives
# the contract that aligns both; and compares the two.

# %% tags=["parameters"]
# Parameters (papermill injects overrides after this cell).
beta = 200.0
b1 = 2.0
b2 = 1.0
gamma1 = 1.0
c = 10.0
K = 10.0
lam_table = [
    0.5,
    0.6,
    0.7,
    0.71,
    0.75,
    0.8,
    0.85,
    0.88,
]  # shares compared in the table
lam_plot = [0.3, 1.0]  # range of the figure
output_dir = "outputs"

# %%
import numpy as np
import pandas as pd
import sympy as sp

import xbec
from xbec import beyond, book
from xbec.figures import beyond as beyond_figures, paper as paper_figures
from xbec.replication.bounds import service_overshoot_share

params = xbec.HorizontalParams(
    beta=beta, b1=b1, b2=b2, gamma1=gamma1, c=c, K=K
)
d = beyond.derive_coordinating_contract()  # sympy, from the model's primitives
book.Md(
    "The paper's contract (eqs 7–10) against the centralised optimum (eq 6):\n\n"
    f"$$s^*(\\lambda) - s^{{2*}} = {sp.latex(d['rs_service_gap'])}$$\n\n"
    f"$$\\pi_1(\\lambda) + \\pi_2(\\lambda) - \\pi = {sp.latex(d['rs_profit_gap'])}$$"
)

# %% [markdown]
# ## Why revenue sharing falls short
#
# Both gaps above vanish only at $\lambda = 1$ (where the manufacturer earns
# nothing) — the erratum `sharing-not-coordinating` of the replication
# ({doc}`replication_report`). The reason is visible in eq (7): the platform
# receives only the share $\lambda$ of the revenue that better service brings,
# but pays the **whole** service cost $\gamma_1 s^2/2$. Its first-order
# condition for $s$, $b_2(\lambda p - \omega) = \gamma_1 s$, therefore
# under-provides service whenever $\lambda p - \omega < p - c$, and eq (10)
# cannot fix both first-order conditions with one instrument $\omega$.
#
# ### Short of $s^{2*}$, or beyond it
#
# "Aligns the price only" does not mean the service level is always too low.
# From the gap above, $s^*(\lambda) - s^{2*}$ has the sign of
# $(\lambda - 1)/(b_1\gamma_1 - \lambda b_2^2)$, so for $\lambda < 1$ and
# $b_2 > 0$:
#
# - $s^*(\lambda) < s^{2*}$ exactly when $\lambda < b_1\gamma_1/b_2^2$ — for
#   every $\lambda < 1$ if $b_2^2 < b_1\gamma_1$, as at the paper's values;
# - at $b_2^2 = b_1\gamma_1$ the gap's denominator is $b_1\gamma_1(1 - \lambda)$
#   and the contract's demand is zero for every $\lambda < 1$: there is no
#   outcome to compare;
# - $s^*(\lambda) > s^{2*}$ for $b_1\gamma_1/b_2^2 < \lambda < 1$, which exists
#   inside the model's domain whenever $b_1\gamma_1 < b_2^2 < 2 b_1\gamma_1$
#   (`xbec.replication.bounds.service_overshoot_share`).
#
# There the wholesale price of eq (10) that keeps the price at $p^{2*}$ makes
# the platform's service margin $\lambda p - \omega$ *exceed* the alliance's
# $p - c$, and the platform buys too much service. An example:

# %%
example = xbec.HorizontalParams(
    beta=500.0, b1=4.0, b2=2.5, gamma1=1.2, c=30.0, K=100.0
)
ex_lam = 0.8
ex_rs, ex_cen = (
    xbec.revenue_sharing(example, ex_lam),
    xbec.centralized(example),
)  # eqs (7)-(10); eq (6)
ex_band = book.or_none(xbec.acceptable_lambda, example)
pd.DataFrame(
    {
        "revenue sharing": [
            ex_rs.w,
            ex_rs.s,
            ex_rs.pi_manufacturer,
            ex_rs.pi_total,
        ],
        "centralised": [np.nan, ex_cen.s, np.nan, ex_cen.pi_total],
    },
    index=[
        "wholesale price",
        "service level",
        "manufacturer's profit",
        "alliance profit",
    ],
).style.format("{:,.2f}", na_rep="")

# %% tags=["hide-input"]
names = {
    "beta": "\\beta",
    "b1": "b_1",
    "b2": "b_2",
    "gamma1": "\\gamma_1",
    "c": "c",
    "K": "K",
}
book.glue(
    ex_params=book.Md(
        ", ".join(
            f"${tex} = {getattr(example, k):g}$" for k, tex in names.items()
        )
    ),
    ex_lam=ex_lam,
    ex_lam_bar=service_overshoot_share(example),
    ex_w=ex_rs.w,
    ex_s=ex_rs.s,
    ex_s2=ex_cen.s,
    ex_pi2=ex_rs.pi_manufacturer,
    ex_total=ex_rs.pi_total,
    ex_pi=ex_cen.pi_total,
    ex_w_note="negative: the manufacturer pays the platform per unit"
    if ex_rs.w < 0
    else "above zero",
    ex_band=book.Md(
        "where no share is acceptable to both firms (the band is empty)"
        if ex_band is None
        else f"{'inside' if ex_band.lo < ex_lam < ex_band.hi else 'outside'} the acceptable band "
        f"$({ex_band.lo:.4f}, {ex_band.hi:.4f})$"
    ),
)

# %% [markdown]
# At {glue:md}`ex_params:myst` the threshold is
# $b_1\gamma_1/b_2^2 =$ {glue:text}`ex_lam_bar:.3f`, and at
# $\lambda =$ {glue:text}`ex_lam:.2f` the contract sets
# $\omega =$ {glue:text}`ex_w:.1f` ({glue:text}`ex_w_note`) and the platform
# chooses $s =$ {glue:text}`ex_s:.2f` against $s^{2*} =$ {glue:text}`ex_s2:.2f`;
# the manufacturer earns {glue:text}`ex_pi2:,.0f` and the alliance
# {glue:text}`ex_total:,.0f` against $\pi =$ {glue:text}`ex_pi:,.0f`. This
# share lies {glue:md}`ex_band:myst`: in this example the overshoot happens
# only where neither firm would sign ({doc}`beyond_band`).
#
# ## The coordinating contract
#
# Add a second instrument: the manufacturer bears the share $1 - \phi$ of the
# service cost. The platform maximises
#
# $$\pi_1 = \lambda p D - \omega D - \phi\,\tfrac12\gamma_1 s^2 - K,\qquad
#   \pi_2 = \big((1-\lambda)p + \omega - c\big) D - (1 - \phi)\,\tfrac12\gamma_1 s^2 .$$
#
# Requiring its first-order conditions to hold at the centralised
# $(p^{2*}, s^{2*})$ and solving for the contract terms gives (sympy, a unique
# solution when $b_2 > 0$; `d` is the derivation above):

# %%
book.Md(
    f"$$\\omega = {sp.latex(d['w'])}, \\qquad \\phi = {sp.latex(d['phi'])}$$\n\n"
    "and then, identically in $(p, s)$,\n\n"
    "$$\\begin{aligned}\\pi_1(p, s) &= \\lambda\\,\\big(\\pi(p, s) + K\\big) - K,\\\\"
    " \\pi_1(p,s) - \\big(\\lambda(\\pi(p,s) + K) - K\\big) &= "
    f"{sp.latex(d['platform_identity'])}\\end{{aligned}}$$\n\n"
    f"with Hessian $\\lambda$ times that of eq (6), "
    f"${sp.latex(d['hessian'])} = \\lambda {sp.latex(d['centralized_hessian'])}$, and "
    f"$\\pi_1 + \\pi_2 - \\pi = {sp.latex(d['pi_total_minus_pi'])}$ at the optimum."
)

# %% [markdown]
# The platform's own objective becomes an increasing affine function of the
# alliance's profit, so — for **every** $\lambda \in (0, 1]$ and every
# parameter point in the model's domain — its optimum *is* the centralised
# optimum: price $p^{2*}$, service $s^{2*}$, profit $\pi$. The contract is:
#
# - the platform keeps the share $\lambda$ of revenue **and pays the share
#   $\lambda$ of the logistics-service cost**; the manufacturer pays $1-\lambda$;
# - the wholesale price is $\omega = \lambda c$: the manufacturer is refunded the
#   share $\lambda$ of its unit cost, so each firm bears the same share of every
#   cost it shares in revenue.
#
# This is the remedy {cite:t}`cachon2005` give for a known limitation of
# revenue sharing: it coordinates a chain's prices and quantities, but not a
# retailer's costly effort that raises demand — here the platform's logistics
# service — unless that effort's cost is shared in the same proportion.
#
# The profits are $\pi_1 = \lambda(\pi + K) - K$ and
# $\pi_2 = (1 - \lambda)(\pi + K)$. It is available in the package as
# `xbec.coordinating_contract(params, lam)`; the tests check that it
# reaches $\pi$ and $s^{2*}$ exactly on random parameters and that a numerical
# optimiser of the platform's profit lands on $(p^{2*}, s^{2*})$.
#
# Two caveats. Since $\omega = \lambda c < c$, the paper's hypothesis
# $\omega > c$ (§3.1) is dropped: the manufacturer is paid through its revenue
# share, not through the wholesale margin. And sharing the service cost
# requires the manufacturer to observe (or audit) the platform's service
# spending — the cloud platform of §2 is meant to provide such shared
# information.
#
# ## Both contracts at this page's values

# %%
cen = xbec.centralized(params)  # eq (6)
valid = [
    x
    for x in lam_table
    if book.or_none(xbec.revenue_sharing, params, x) is not None
]  # eq (10) has an outcome
t = beyond.compare_contracts(params, valid) if valid else {}
columns = {
    "lambda": "λ",
    "s_rs": "s RS",
    "pi_platform_rs": "π₁ RS",
    "pi_manufacturer_rs": "π₂ RS",
    "pi_total_rs": "total RS",
    "pi_platform_co": "π₁ co",
    "pi_manufacturer_co": "π₂ co",
    "pi_total_co": "total co",
}
table = (
    pd.DataFrame({label: t[k] for k, label in columns.items()})
    if valid
    else None
)
pad = [{"selector": "th, td", "props": "padding: 0.1em 0.6em"}]  # readable
table.style.hide(axis="index").format("{:.2f}").set_table_styles(
    pad
) if valid else book.Md("The paper's contract has no valid outcome here.")

# %% tags=["hide-input"]
lam_ex = 0.8  # the share the text discusses
rs = book.or_none(xbec.revenue_sharing, params, lam_ex)
skipped = [x for x in lam_table if x not in valid]
book.glue(
    pi=cen.pi_total,
    s2=cen.s,
    rs_lam=lam_ex,
    skipped_md=book.Md(
        ""
        if not skipped
        else "The paper's contract has no valid outcome (demand or service "
        "not positive) at $\\lambda$ = "
        + ", ".join(f"${x:g}$" for x in skipped)
        + "."
    ),
    rs_md=book.Md(
        f"At $\\lambda = {lam_ex:g}$ the paper's contract has no valid outcome."
        if rs is None
        else f"At $\\lambda = {lam_ex:.2f}$ revenue sharing delivers service {rs.s:.1f} instead of "
        f"$s^{{2*}} = {cen.s:.1f}$ and total profit {rs.pi_total:.2f} instead of $\\pi = {cen.pi_total:.2f}$ — "
        f"{cen.pi_total - rs.pi_total:.2f} is left on the table; the coordinating contract reaches $\\pi$ at "
        "every $\\lambda$."
    ),
)
lam_curve = paper_figures.curve_lambda(params, tuple(lam_plot), num=281)[
    0
]  # where the paper's contract is defined
book.figure(
    beyond_figures.contracts_figure(params, lam_curve),
    output_dir,
    "beyond_contracts",
    key="fig-contracts",
)

# %% [markdown]
# RS: the paper's revenue-sharing contract (eqs 7–10); co: the
# coordinating contract, whose service level is $s^{2*}$ and wholesale price
# $\omega = \lambda c$ at every $\lambda$. {glue:md}`skipped_md:myst`
# {glue:md}`rs_md:myst`
#
# ```{glue:figure} fig-contracts
# :name: fig-contracts
# :alt: Three panels against the revenue share lambda. Left: revenue sharing's service level rises with lambda towards the centralised level, the coordinating contract's is flat at the centralised level. Middle: revenue sharing's total profit rises towards the centralised profit, the coordinating contract's is flat at it. Right: each firm's profit under both contracts with the decentralised profits as horizontal lines; shaded bands mark where each contract is acceptable.
#
# The paper's revenue-sharing contract (blue) and the coordinating contract
# (red): service level, alliance profit and each firm's profit against
# $\lambda$; shaded, the $\lambda$ where each contract is acceptable (both
# firms above their decentralised profit, platform above manufacturer). Files:
# {download}`PNG <outputs/beyond_contracts.png>`,
# {download}`SVG <outputs/beyond_contracts.svg>`.
# ```
#
# ## Its acceptable range
#
# With $P = \pi + K$ the conditions are linear in $\lambda$:
# $\pi_1 > \pi_1^*$ iff $\lambda > (\pi_1^* + K)/P$, $\pi_2 > \pi_2^*$ iff
# $\lambda < 1 - \pi_2^*/P$, and the paper's leader condition $\pi_1 > \pi_2$
# iff $\lambda > (P + K)/(2P)$. We keep the leader condition, as the paper
# does:

# %%
bands = {
    "revenue sharing (eqs 7-10)": book.or_none(xbec.acceptable_lambda, params),
    "coordinating, platform ahead": book.or_none(
        xbec.coordinating_acceptable_lambda, params
    ),
    "coordinating, no leader condition": book.or_none(
        xbec.coordinating_acceptable_lambda, params, platform_leads=False
    ),
}
pd.DataFrame(
    {
        "lower end": [b.lo if b else np.nan for b in bands.values()],
        "upper end": [b.hi if b else np.nan for b in bands.values()],
    },
    index=list(bands),
).style.format("{:.4f}", na_rep="no acceptable share")

# %% tags=["hide-input"]
rs_band, co_band, co_free = bands.values()


def band_md(b, what):
    """The open band as maths, or that it is empty."""
    return (
        f"${b.lo:.4f} < \\lambda < {b.hi:.4f}$"
        if b
        else f"no share ({what} is empty)"
    )


book.glue(
    co_md=book.Md(
        f"the coordinating contract is acceptable for {band_md(co_band, 'its band')}, against "
        f"{band_md(rs_band, 'the band')} for revenue sharing."
    ),
    co_free_md=book.Md(
        f"Without the leader condition its range is {band_md(co_free, 'it')}"
    ),
    co_short=book.Md(band_md(co_band, "its band")),
)

# %% [markdown]
# With it, {glue:md}`co_md:myst` {glue:md}`co_free_md:myst`; that range is
# never empty, because $\pi$ exceeds the decentralised total
# $\pi_1^* + \pi_2^*$.
#
# The coordinating contract needs a **smaller** platform share: since the
# manufacturer now pays part of the service cost, the same split of profit is
# reached at a lower $\lambda$. The right comparison is therefore not at equal
# $\lambda$ but in profits: for every $\lambda$ of the paper's contract there
# is a range of $\lambda'$ of the coordinating contract that pays *both* firms
# strictly more (`xbec.beyond.dominating_shares`: each range has width
# (gain to share)$/(\pi + K)$). That range moves with $\lambda$:

# %%
if rs_band is None:
    dominance = book.Md(
        "The paper's contract has no acceptable band here, "
        "so there is nothing to compare with."
    )
else:
    rows = np.array(
        [
            rs_band.lo + 1e-9,
            *[x for x in (0.75, 0.8, 0.85) if rs_band.lo < x < rs_band.hi],
            rs_band.hi - 1e-9,
        ]
    )  # just inside the open band's ends, and inner shares
    lo, hi = beyond.dominating_shares(params, rows)
    rs_rows = xbec.revenue_sharing(params, rows)
    dominance = (
        pd.DataFrame(
            {
                "paper's λ": rows,
                "π₁ RS": rs_rows.pi_platform,
                "π₂ RS": rs_rows.pi_manufacturer,
                "λ' from": lo,
                "λ' to": hi,
                "gain to share": cen.pi_total - rs_rows.pi_total,
            }
        )
        .style.hide(axis="index")
        .format("{:.4f}")
        .format("{:.2f}", subset=["π₁ RS", "π₂ RS", "gain to share"])
        .set_table_styles(pad)
    )
dominance

# %% [markdown]
# **Does one $\lambda'$ beat the whole band?** A coordinating share beats
# every share of the paper's open band only if it lies above every row's lower
# end and below every row's upper end, over the continuous band
# (`xbec.beyond.common_dominating_shares`):

# %%
common = beyond.common_dominating_shares(params, rs_band) if rs_band else None
pd.Series(
    {
        "largest lower end (sup over the band)": common.sup_lo,
        "smallest upper end (inf over the band)": common.inf_hi,
        "one λ' beats the whole band": common.exists,
    }
).to_frame("") if common else None

# %% tags=["hide-input"]
if common is None:
    dom_md = "There is no band here, so the question does not arise."
else:
    dom_md = (
        f"The largest lower end is {common.sup_lo:.4f} and the smallest upper end {common.inf_hi:.4f}, so "
        + (
            "there is such a share: any $\\lambda'$ in between beats the whole band."
            if common.exists
            else "there is no such share: to beat the paper's contract, the coordinating share must be chosen for the "
            "revenue-sharing split it replaces."
        )
        + f" At the band's two ends the ranges are $({common.at_lo[0]:.4f}, {common.at_lo[1]:.4f})$ and "
        f"$({common.at_hi[0]:.4f}, {common.at_hi[1]:.4f})$"
        + (", which are disjoint." if common.ends_disjoint else ".")
    )
    if co_band is not None and common.at_lo[0] < co_band.lo < common.at_lo[1]:
        dom_md += (
            f" At the band's lower end part of the range lies below the coordinating contract's leader "
            f"condition $\\lambda' > {co_band.lo:.4f}$; the rest still pays both firms more with the "
            "platform ahead."
        )
book.glue(
    dom_md=book.Md(dom_md),
    dom_verdict=book.Md(
        ""
        if common is None
        else "For each revenue-sharing split in the paper's band some coordinating split pays "
        "both firms more, "
        + (
            "and one coordinating share beats the whole band."
            if common.exists
            else "but which one depends on the split: no single coordinating share beats the whole band."
        )
    ),
)

# %% [markdown]
# {glue:md}`dom_md:myst`
#
# ## Finding
#
# The paper's revenue sharing aligns the price only: $\pi_1 + \pi_2 < \pi$
# for every $\lambda < 1$ (when $b_2 > 0$), and the service level misses
# $s^{2*}$ — below it for $\lambda < b_1\gamma_1/b_2^2$ (every $\lambda < 1$ at
# the paper's values), above it for $b_1\gamma_1/b_2^2 < \lambda < 1$.
# Adding service-cost sharing in the same proportion, with
# $\omega = \lambda c$ {cite:p}`cachon2005`, reaches the centralised price,
# service level and profit for every $\lambda$, and at this page's values is
# acceptable for {glue:md}`co_short:myst`. {glue:md}`dom_verdict:myst`
