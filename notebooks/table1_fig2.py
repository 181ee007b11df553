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
# # §5.1 Table 1 and Fig. 2
#
# §5.1 of {cite:t}`wei2024` puts numbers on the horizontal alliance: the
# Stackelberg equilibrium, the centralised profit, the acceptable range of the
# revenue share $\lambda$, and Table 1, the contract's outcome on a grid of
# $\lambda$. §5.3.1 discusses them with Fig. 2, whose image is missing from our
# copy of the paper. This chapter recomputes all of it from the page's
# parameters, sets it beside the paper's printed values, and redraws Fig. 2.

# %% tags=["parameters"]
# Parameters (papermill injects overrides after this cell).
beta = 200.0    # market size
b1 = 2.0        # price sensitivity of demand
b2 = 1.0        # service sensitivity of demand
gamma1 = 1.0    # logistics service cost coefficient
c = 10.0        # manufacturer's unit production cost
K = 10.0        # platform's maintenance cost
lam_min = 0.71  # Table 1's grid of revenue shares: lam_min, lam_min + lam_step, ..., lam_max
lam_max = 0.88
lam_step = 0.01
output_dir = "outputs"

# %% [markdown]
# The model objects are built from these parameters; `lam` is the grid of
# Table 1.

# %%
import pandas as pd

import xbec
from xbec import book
from xbec.figures import paper as paper_figures
from xbec.replication import bounds, numerics, paper
from xbec.replication.ledger import summary

params = xbec.HorizontalParams(
    beta=beta, b1=b1, b2=b2, gamma1=gamma1, c=c, K=K
)
lam = numerics.lambda_grid(lam_min, lam_max, lam_step)
# compare with the printed numbers only then
on_paper = book.on_paper(params)
if not on_paper:
    display(book.paper_note(params))

# %% [markdown]
# ## Headline values
#
# The decentralised decision is the Stackelberg game of {doc}`stackelberg`; the
# centralised one maximises the alliance's total profit
# ({doc}`centralized_revenue_sharing`):

# %%
# §3.2: p^{1*}, omega^{1*}, s^{1*} and the profits (1)-(2)
eq = xbec.decentralized(params)
cen = xbec.centralized(params)  # §3.3: p^{2*}, s^{2*} and pi, eq (6)
pd.DataFrame(
    {
        "price": [eq.p, cen.p],
        "service level": [eq.s, cen.s],
        "demand": [eq.demand, cen.demand],
        "platform": [eq.pi_platform, None],
        "manufacturer": [eq.pi_manufacturer, None],
        "total profit": [eq.pi_total, cen.pi_total],
    },
    index=["decentralised", "centralised"],
).style.format("{:.2f}", na_rep="")

# %% [markdown]
# The contract is acceptable to both firms, with the platform ahead, on the
# open band of $\lambda$ that `xbec.acceptable_lambda` solves for (§3.4); the
# paper reports its ends on a grid of hundredths:

# %%
try:
    band = xbec.acceptable_lambda(params)
    # the paper's way of printing the band
    band_grid = numerics.grid_ends(band, step=0.01)
except (
    xbec.ModelDomainError
):  # no share satisfies every condition of the band
    band = band_grid = None

# %% tags=["hide-input"]
book.glue(
    p1=eq.p,
    w1=eq.w,
    s1=eq.s,
    pi1=eq.pi_platform,
    pi2=eq.pi_manufacturer,
    p2=cen.p,
    s2=cen.s,
    pi=cen.pi_total,
)
book.glue(
    band_md=book.Md(
        f"Revenue sharing is acceptable to both members, and leaves the platform ahead, for $\\lambda$ in the "
        f"open interval $({band.lo:.6f},\\ {band.hi:.6f})$: on the paper's grid, from {band_grid[0]:.2f} to "
        f"{band_grid[1]:.2f}."
        if band is not None
        else "**No revenue share is acceptable** for these parameters: no $\\lambda$ in $(0, 1]$ leaves both firms better "
        "off than in the Stackelberg game with the platform ahead."
    )
)

# %% [markdown]
# With the page's parameters, the decentralised (Stackelberg) decision gives $p^{1*} =$ {glue:text}`p1:.2f`,
# $\omega^{1*} =$ {glue:text}`w1:.2f` and $s^{1*} =$ {glue:text}`s1:.2f`, and
# the profits $\pi_1^* =$ {glue:text}`pi1:.2f` and $\pi_2^* =$
# {glue:text}`pi2:.2f`. The centralised decision sets
# $p^{2*} =$ {glue:text}`p2:.2f` and $s^{2*} =$ {glue:text}`s2:.2f` and earns
# $\pi =$ {glue:text}`pi:.2f`.
# {glue:md}`band_md:myst`
#
# ## §5.1 against the paper
#
# The replication ledger (`xbec.ledger`) sets every number §5 prints beside the
# exact model and says why any differs; these are its rows for §5.1:

# %%
section51 = xbec.ledger(params, section="§5.1") if on_paper else []
book.compare(section51) if on_paper else book.paper_note(params)

# %% [markdown]
# ## Table 1 against the paper
#
# The paper prints Table 1 for some of the grid's shares. At those shares the
# recomputed table minus the printed one is (columns: price, wholesale price, service
# level, the two profits, their sum):

# %%
printed = (
    pd.DataFrame(paper.TABLE1, columns=paper.TABLE1_COLUMNS)
    .map(paper.value)
    .set_index("lam")
    .rename_axis("λ")
)
if (
    on_paper
):  # the printed shares are compared at the paper's parameters only
    # eqs (9)-(10) and the profits at each share
    ours = numerics.table1(params, printed.index.to_numpy())
    difference = (
        pd.DataFrame(
            {k: ours[k] for k in printed.columns}, index=printed.index
        )
        - printed
    )
    difference.columns = [
        "price",
        "wholesale price",
        "service level",
        "platform",
        "manufacturer",
        "total",
    ]
    display(difference.style.format("{:+.4f}"))
else:
    display(book.paper_note(params))

# %% [markdown]
# The ledger's verdict on the table's printed numbers, and the rows it does not
# count as reproduced, with the reason:

# %%
table1_rows = xbec.ledger(params, section="Table 1") if on_paper else []
pd.Series(
    summary(table1_rows), name="Table 1 numbers"
).to_frame().T if on_paper else book.paper_note(params)

# %%
not_reproduced = [r for r in table1_rows if r.status != "reproduced"]
book.compare(not_reproduced) if not_reproduced else None

# %% [markdown]
# The price $p^*(\lambda)$ is the same in every row: the contract's wholesale
# price {eq}`eq10` is chosen precisely so that the platform charges the
# centralised price $p^{2*}$. The last column is the *sum* of the two profits
# under the contract; it is not the centralised profit $\pi$ and stays below it
# (the erratum *sharing-not-coordinating*).
#
# ## Table 1 on the page's grid
#
# The full grid of the parameters ($\lambda$ from `lam_min` to `lam_max` in
# steps of `lam_step`), written to `table1.csv`; the last column marks the
# shares inside the acceptable band:

# %%
try:
    table1 = pd.DataFrame(numerics.table1(params, lam)).drop(
        columns="demand"
    )
except xbec.ModelDomainError:  # eq (10) is singular on the grid
    table1, no_table = (
        None,
        "The contract is not defined on this grid; "
        "no `table1.csv` was written.",
    )
if table1 is not None:
    # full precision
    (book.out_dir(output_dir) / "table1.csv").write_text(
        numerics.to_csv(table1)
    )
    inside = (
        table1["lambda"].between(band.lo, band.hi, inclusive="neither")
        if band
        else table1["lambda"] < 0
    )

# %% tags=["hide-input"]
if table1 is not None:
    grid = table1.assign(
        acceptable=inside.map({True: "✔", False: ""})
    ).set_axis(
        [
            "$\\lambda$",
            "$p^*(\\lambda)$",
            "$\\omega(\\lambda)$",
            "$s^*(\\lambda)$",
            "$\\pi_1(\\lambda)$",
            "$\\pi_2(\\lambda)$",
            "total",
            "acceptable",
        ],
        axis=1,
    )
    display(book.table(grid, formats=dict.fromkeys(grid.columns, ".2f")))
else:
    display(book.Md(no_table))

# %% [markdown]
# Download: {download}`table1.csv <outputs/table1.csv>` (columns
# `lambda, p, w, s, pi_platform, pi_manufacturer, pi_total`, full precision).
#
# ## The paper's Fig. 2, recomputed

# %%
fig = paper_figures.horizontal_profits(params, marks=lam)
book.figure(fig, output_dir, "fig2_horizontal", key="fig2")

# %% [markdown]
# ```{glue:figure} fig2
# :name: fig-horizontal
# :alt: Profits of the platform and the manufacturer against the revenue share, with their decentralised levels, the centralised total, the contract's total and the acceptable band shaded.
#
# Benefit distribution of the horizontal alliance's members under the three
# decisions: the paper's Fig. 2, recomputed from the page's parameters (the image
# is missing from our copy). Curves: the platform's and the
# manufacturer's profits under revenue sharing and their sum; dashed lines:
# their decentralised profits $\pi_1^*$ and $\pi_2^*$; dotted line: the
# centralised profit $\pi$; shaded: the acceptable band; markers: the grid of
# Table 1. Files: {download}`PNG <outputs/fig2_horizontal.png>`,
# {download}`SVG <outputs/fig2_horizontal.svg>`.
# ```
#
# ## What Fig. 2 shows
#
# §5.3.1 reads Fig. 2 as a Pareto improvement. `xbec.claims` checks each of its
# statements over the continuous band, not on a grid:

# %%
book.claims_table(
    c
    for c in xbec.claims(params)
    if c.key
    in (
        "pareto",
        "manufacturer-above-band",
        "total-rises",
        "all-members-centralised",
    )
)

# %% [markdown]
# How much does each member gain? The smallest gains over the *open* band, and
# how far the contract's total stays below $\pi$, are bounds computed by
# `xbec.replication.bounds` (the ends of the band plus a bounded minimisation
# inside it):

# %%
if band is not None:
    # infima of pi_i(lam) - pi_i^* over the band
    gains = bounds.gain_infima(params, band)
    # inf and sup of pi - (pi_1(lam) + pi_2(lam))
    gap_lo, gap_hi = bounds.sharing_gap(params, band)
# closed-form sign of d(pi_1 + pi_2)/d lam
total_increases = bounds.sharing_total_increases(params)


# %% tags=["hide-input"]
def reach(b):
    """Where an infimum over the open band is reached, in words."""
    if b.attained:
        return f"attained at $\\lambda = {b.at:.4f}$"
    return f"approached at the band's {'lower' if b.at == band.lo else 'upper'} end, not attained: the band is open"


def clean(x):
    """``x`` with float dust around zero removed, so that nothing prints as -0.00."""
    return 0.0 if abs(x) < 1e-9 * cen.pi_total else x


book.glue(
    total_increasing=book.Md(
        "increases" if total_increases else "does not always increase"
    )
)
book.glue(
    gains_md=book.Md(
        "Over the open band the platform's gain $\\pi_1(\\lambda) - \\pi_1^*$ has the infimum "
        f"{clean(gains['platform'].value):.2f} ({reach(gains['platform'])}) and the manufacturer's gain "
        f"$\\pi_2(\\lambda) - \\pi_2^*$ the infimum {clean(gains['manufacturer'].value):.2f} "
        f"({reach(gains['manufacturer'])}). The contract's total stays below $\\pi$ over the band by between "
        f"{gap_lo.value:.2f} and {gap_hi.value:.2f}; the gap closes only at $\\lambda = 1$, where the "
        "manufacturer earns nothing."
        if band is not None
        else "There is no band in which both members gain, so §5.3.1's Pareto improvement does not occur here."
    )
)

# %% [markdown]
# {glue:md}`gains_md:myst` The alliance's total profit under the contract
# {glue:md}`total_increasing:myst` with $\lambda$: revenue sharing as defined by
# {eq}`eq10` improves on the game but does not reach the centralised optimum
# ({doc}`centralized_revenue_sharing`).
