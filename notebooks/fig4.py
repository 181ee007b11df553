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
import xbec
from xbec.replication.report import md_table
import xbec.replication.numerics
import xbec.figures.paper

params = xbec.HorizontalParams(beta=beta, b1=b1, b2=b2, gamma1=gamma1, c=c, K=K)
lam = xbec.replication.numerics.lambda_grid(lam_min, lam_max, lam_step)

# %% tags=["remove-cell"]
from pathlib import Path

import numpy as np
from IPython.display import Image, Markdown
from myst_nb import glue

out_dir = Path(output_dir)
out_dir.mkdir(parents=True, exist_ok=True)


def verdict(flag: bool) -> str:
    return "✔ holds" if flag else "✘ **fails**"


dec = xbec.decentralized(params)
cen = xbec.centralized(params)
try:
    band = xbec.acceptable_lambda(params)
except xbec.ModelDomainError:
    band = None
# a fine grid over every share at which the contract is defined
fine = xbec.figures.paper.curve_lambda(params, (0.0, 1.0), num=4001)[0]
r = xbec.revenue_sharing(params, fine)
inside = (fine > band.lo) & (fine < band.hi) if band is not None else np.zeros(fine.shape, dtype=bool)

# %% [markdown]
# ## Fig. 4

# %% tags=["remove-cell"]
fig = xbec.figures.paper.service_and_demand(params, marks=lam)
png, svg = xbec.figures.save(fig, out_dir, "fig4_service_demand")
glue("fig4", Image(filename=str(png)), display=False)

# %% [markdown]
# ```{glue:figure} fig4
# :name: fig-service-demand
# :alt: Two panels against the revenue share: the logistics service level and market demand under revenue sharing, with the decentralised and centralised levels as horizontal lines and the acceptable band shaded.
#
# Changes in logistics service level (left) and market demand (right) under
# different circumstances (the paper's Fig. 4, redrawn). Curves: revenue
# sharing, $s^*(\lambda)$ by eq {eq}`eq9` and the demand it generates at the
# price $p^{2*}$; dashed: decentralised; dotted: centralised; shaded: the
# acceptable band; markers: the grid of Tables 1–2. Files:
# {download}`PNG <outputs/fig4_service_demand.png>`,
# {download}`SVG <outputs/fig4_service_demand.svg>`.
# ```
#
# ## The levels under the three decisions

# %% tags=["remove-input"]
rows = [("decentralised (§3.2)", f"{dec.p:.2f}", f"{dec.s:.2f}", f"{dec.demand:.2f}")]
try:
    ends = xbec.revenue_sharing(params, np.array([lam[0], lam[-1]]))
    for j, x in enumerate((lam[0], lam[-1])):
        rows.append((f"revenue sharing, $\\lambda = {x:g}$ (§3.4)", f"{ends.p[j]:.2f}", f"{ends.s[j]:.2f}",
                     f"{ends.demand[j]:.2f}"))
except xbec.ModelDomainError:
    pass
if band is not None:
    b = xbec.revenue_sharing(params, np.array([band.lo, band.hi]))
    rows.append((f"revenue sharing, band $({band.lo:.3f}, {band.hi:.3f})$", f"{b.p[0]:.2f}",
                 f"{b.s[0]:.2f}–{b.s[1]:.2f}", f"{b.demand[0]:.2f}–{b.demand[1]:.2f}"))
rows.append(("centralised (§3.3)", f"{cen.p:.2f}", f"{cen.s:.2f}", f"{cen.demand:.2f}"))
Markdown(md_table(["decision", "price $p$", "service level $s$", "demand $D$"], rows))

# %% [markdown]
# ## The claims of §5.3.2, checked

# %% tags=["remove-cell"]
claims = []
# 1. service much higher under centralised than decentralised
claims.append(("The logistics service level is much higher under centralised than under decentralised "
               "decision-making.", f"$s^{{2*}} = {cen.s:.2f}$ vs $s^{{1*}} = {dec.s:.2f}$ "
               f"(×{cen.s / dec.s:.2f})" if dec.s > 0 else f"$s^{{2*}} = {cen.s:.2f}$, $s^{{1*}} = {dec.s:.2f}$",
               cen.s > dec.s))
# 2. service increases with lambda
inc = bool(np.all(np.diff(r.s) > 0))
claims.append(("As $\\lambda$ increases, the logistics service level increases.",
               f"$s^*(\\lambda)$ from {r.s[0]:.2f} to {r.s[-1]:.2f} for $\\lambda$ from {fine[0]:.3f} to "
               f"{fine[-1]:g}; increasing everywhere: {'yes' if inc else 'no'}", inc))
# 3. price lower under revenue sharing
claims.append(("The price is lower under revenue sharing than under decentralised decision-making.",
               f"$p^*(\\lambda) = p^{{2*}} = {cen.p:.2f}$ for every $\\lambda$ vs $p^{{1*}} = {dec.p:.2f}$",
               cen.p < dec.p))
# 4. service higher under revenue sharing
above = r.s > dec.s
if band is not None:
    ok = bool(np.all(above[inside]))
    first = fine[above][0] if above.any() else None
    detail = (f"in the band, $s^*(\\lambda) \\ge {np.min(r.s[inside]):.2f} > s^{{1*}} = {dec.s:.2f}$"
              if ok else f"in the band, $s^*(\\lambda)$ falls to {np.min(r.s[inside]):.2f} $\\le s^{{1*}}$")
    if first is not None and first > fine[0]:
        detail += f"; outside it, only for $\\lambda \\gtrsim {first:.3f}$"
else:
    ok = False
    detail = "no acceptable band"
claims.append(("The logistics service level is higher under revenue sharing than under decentralised "
               "decision-making.", detail, ok))
# 5. demand higher under revenue sharing
dabove = r.demand > dec.demand
if band is not None:
    ok = bool(np.all(dabove[inside]))
    detail = (f"in the band, $D(\\lambda) \\ge {np.min(r.demand[inside]):.2f}$ vs $D^{{1*}} = {dec.demand:.2f}$")
else:
    ok, detail = False, "no acceptable band"
claims.append(("Market demand is higher under revenue sharing than under decentralised decision-making.",
               detail, ok))
# 6. (not claimed, for completeness) revenue sharing stays below the centralised levels
below = bool(np.all(r.s[fine < 1] < cen.s) and np.all(r.demand[fine < 1] < cen.demand))
claims.append(("*(Not claimed by the paper.)* Revenue sharing stays below the centralised service level and "
               "demand.", f"$s^*(\\lambda) < s^{{2*}}$ and $D(\\lambda) < D^{{2*}}$ for every "
               f"$\\lambda < 1$: {'yes' if below else 'no'}", below))
rows = [(i + 1, text, detail, verdict(flag)) for i, (text, detail, flag) in enumerate(claims)]
glue("claims_table", Markdown(md_table(["", "claim (§5.3.2)", "this page", "verdict"], rows)), display=False)
glue("n_hold", sum(flag for _, _, flag in claims[:5]), display=False)

# %% [markdown]
# §5.3.2 makes five claims; {glue:text}`n_hold:d` of them hold for the page's
# parameters. A sixth row states what the figure also shows and the paper does
# not say.
#
# ```{glue:md} claims_table
# :format: myst
# ```
#
# The mechanism is the one of {doc}`centralized_revenue_sharing`. The
# contract's wholesale price {eq}`eq10` makes the platform charge the
# centralised price $p^{2*}$, which lies below the Stackelberg price whenever
# $b_2^2 < b_1\gamma_1$ (as for the paper's parameters): the centralised
# decision does not add two margins on top of each other. The platform chooses
# the service level by eq {eq}`eq9` with its own margin
# $\lambda p^{2*} - \omega^*(\lambda)$, which grows with its share $\lambda$:
# the more revenue it keeps, the more service it buys. But it pays the whole
# service cost while keeping only part of the revenue, so (where
# $b_1\gamma_1 > \lambda b_2^2$) the service level, and with it demand, stays
# below the centralised levels until $\lambda = 1$.
