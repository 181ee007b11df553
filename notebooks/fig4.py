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
from xbec.replication import pages, simulation_pages

page = pages.setup(globals())
params, lam = page.params, page.lam

# %% [markdown]
# ## The paper's Fig. 4, recomputed

# %% tags=["remove-cell"]
from xbec.figures import pages as figure_pages, paper as paper_figures

figure_pages.show(paper_figures.service_and_demand(params, marks=lam), page.out_dir, "fig4_service_demand",
                  key="fig4")

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

# %% tags=["remove-input"]
simulation_pages.levels_table(page)

# %% [markdown]
# ## The claims of §5.3.2, checked

# %% tags=["remove-cell"]
pages.glue_all(simulation_pages.claims_values(params))

# %% [markdown]
# §5.3.2 makes {glue:text}`n_claims:d` claims; {glue:text}`n_hold:d` of them hold for the page's
# parameters. Each is checked in closed form or over the whole open band, not on
# a grid: inside the band the service level is above its infimum
# {glue:text}`s_inf:.4f`, which it approaches at the band's lower end without
# reaching it. A sixth row states what the figure also shows and the paper does
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
# service cost while keeping only part of the revenue, so where
# $b_1\gamma_1 > \lambda b_2^2$ the service level, and with it demand, stays
# below the centralised levels until $\lambda = 1$. Where
# $b_1\gamma_1 < \lambda b_2^2 < b_2^2$ — possible only if $b_2^2 > b_1\gamma_1$,
# where no share is acceptable to both firms ({doc}`beyond_band`) — the
# service level overshoots $s^{2*}$ instead ({doc}`beyond_coordination`).
