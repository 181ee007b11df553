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
# # §5.3.2 Fig. 4: service level and demand
#
# §5.3.2 of {cite:t}`wei2024` compares the logistics service level, the price
# and market demand under the three decisions — decentralised (the Stackelberg
# game), centralised, and revenue sharing — with Fig. 4, whose image is missing
# from our copy. This chapter redraws Fig. 4 from the page's parameters and
# checks each claim of §5.3.2 by computation.

# %% tags=["parameters"]
# Parameters (papermill injects overrides after this cell).
beta = 200.0    # market size
b1 = 2.0        # price sensitivity of demand
b2 = 1.0        # service sensitivity of demand
gamma1 = 1.0    # logistics service cost coefficient
c = 10.0        # manufacturer's unit production cost
K = 10.0        # platform's maintenance cost
lam_min = 0.71  # grid of revenue shares marked in the figure
lam_max = 0.88
lam_step = 0.01
output_dir = "outputs"

# %%
import numpy as np
import pandas as pd

import xbec
from xbec import book
from xbec.figures import paper as paper_figures
from xbec.replication import bounds, numerics

params = xbec.HorizontalParams(
    beta=beta, b1=b1, b2=b2, gamma1=gamma1, c=c, K=K
)
lam = numerics.lambda_grid(lam_min, lam_max, lam_step)
if not book.on_paper(params):
    display(book.paper_note(params))

# %% [markdown]
# ## The paper's Fig. 4, recomputed

# %%
fig = paper_figures.service_and_demand(params, marks=lam)
book.figure(fig, output_dir, "fig4_service_demand", key="fig4")

# %% [markdown]
# ```{glue:figure} fig4
# :name: fig-service-demand
# :alt: Two panels against the revenue share: the logistics service level and market demand under revenue sharing, with the decentralised and centralised levels as horizontal lines and the acceptable band shaded.
#
# Changes in logistics service level (left) and market demand (right) under
# different circumstances: the paper's Fig. 4, recomputed from the page's
# parameters. Curves: revenue
# sharing, $s^*(\lambda)$ by eq {eq}`eq9` and the demand it generates at the
# price $p^{2*}$; dashed: decentralised; dotted: centralised; shaded: the
# acceptable band; markers: the grid of Tables 1–2. Files:
# {download}`PNG <outputs/fig4_service_demand.png>`,
# {download}`SVG <outputs/fig4_service_demand.svg>`.
# ```
#
# ## The levels under the three decisions
#
# Price, service level and demand under the Stackelberg game (§3.2), the
# centralised decision (§3.3) and revenue sharing (§3.4) at the ends of the
# grid and of the acceptable band. The band is open, so its ends are limits
# that no acceptable share reaches.

# %%
eq = xbec.decentralized(params)  # §3.2
cen = xbec.centralized(params)  # §3.3
try:
    band = xbec.acceptable_lambda(params)
except xbec.ModelDomainError:  # no share is acceptable to both firms
    band = None
shares = {"grid, first share": lam[0], "grid, last share": lam[-1]}
if band is not None:
    shares.update(
        {
            "band, lower end (excluded)": band.lo,
            "band, upper end (excluded)": band.hi,
        }
    )
try:
    # eqs (9)-(10)
    rs = xbec.revenue_sharing(params, np.array(list(shares.values())))
    sharing = pd.DataFrame(
        {
            "λ": list(shares.values()),
            "price": rs.p,
            "service level": rs.s,
            "demand": rs.demand,
        },
        index=[f"revenue sharing, {k}" for k in shares],
    )
except xbec.ModelDomainError:  # eq (10) is singular at one of these shares
    sharing = None
levels = pd.concat(
    [
        pd.DataFrame(
            {"price": eq.p, "service level": eq.s, "demand": eq.demand},
            index=["decentralised"],
        ),
        sharing,
        pd.DataFrame(
            {"price": cen.p, "service level": cen.s, "demand": cen.demand},
            index=["centralised"],
        ),
    ]
)
levels.style.format("{:.4f}", na_rep="")

# %% [markdown]
# ## The claims of §5.3.2, checked
#
# `xbec.claims` states each claim of §5.3.2 precisely and decides it in closed
# form or over the whole open band, not on a grid; the evidence is computed
# at the page's parameters:

# %%
section532 = [c for c in xbec.claims(params) if "§5.3.2" in c.where]
book.claims_table(section532)

# %% tags=["hide-input"]
book.glue(
    n_claims=len(section532),
    n_hold=sum(c.verdict.startswith("holds") for c in section532),
)
if band is not None:
    book.glue(
        s_inf_md=book.Md(
            f"Inside the band the service level stays above {bounds.service_infimum(params, band).value:.4f}, "
            "its infimum over the open band, which it approaches at the band's lower end without reaching it."
        )
    )
else:
    book.glue(
        s_inf_md=book.Md(
            "No share is acceptable, so there is no band to bound the service level on."
        )
    )

# %% [markdown]
# §5.3.2 makes {glue:text}`n_claims:d` claims; {glue:text}`n_hold:d` of them hold
# for the page's parameters (possibly after a correction the table states).
# {glue:md}`s_inf_md:myst`
#
# The figure also shows what the paper does not say: revenue sharing stays
# *below* the centralised service level and demand. By eqs (9)-(10),
# $s^*(\lambda) - s^{2*}$ has the sign of $(\lambda - 1)/(b_1\gamma_1 - \lambda b_2^2)$
# (`xbec.replication.bounds.service_gap`), so for $\lambda < 1$ it is negative
# exactly while $\lambda < b_1\gamma_1/b_2^2$:

# %%
# b1 gamma1 / b2^2: above it s*(lam) > s^{2*}
overshoot = bounds.service_overshoot_share(params)
ratio = f"Here $b_1\\gamma_1/b_2^2 = {overshoot:.4g}$"
book.Md(
    f"{ratio}, so revenue sharing stays below the centralised "
    "service level and "
    "demand for every $\\lambda < 1$."
    if 1 <= overshoot < np.inf
    else f"{ratio}: for $\\lambda$ above it the service level overshoots "
    "$s^{2*}$."
    if overshoot < 1
    else "Here $b_2 = 0$: the service level does not respond "
    "to the contract."
)

# %% [markdown]
# The mechanism is the one of {doc}`centralized_revenue_sharing`. The
# contract's wholesale price {eq}`eq10` makes the platform charge the
# centralised price $p^{2*}$, which lies below the Stackelberg price whenever
# $b_2^2 < b_1\gamma_1$ (as for the paper's parameters): the centralised
# decision does not add two margins on top of each other. The platform chooses
# the service level by eq {eq}`eq9` with its own margin
# $\lambda p^{2*} - \omega^*(\lambda)$, which grows with its share $\lambda$:
# the more revenue it keeps, the more service it buys. But it pays the whole
# service cost while keeping only part of the revenue, so where
# $b_1\gamma_1 > \lambda b_2^2$ the service level, and with it demand, stays
# below the centralised levels until $\lambda = 1$. Where
# $b_1\gamma_1 < \lambda b_2^2 < b_2^2$ — possible only if $b_2^2 > b_1\gamma_1$,
# where no share is acceptable to both firms ({doc}`beyond_band`) — the
# service level overshoots $s^{2*}$ instead ({doc}`beyond_coordination`).
