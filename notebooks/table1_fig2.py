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

# %%
import xbec
from xbec.replication import pages, simulation_pages

page = pages.setup(globals())
params, lam = page.params, page.lam

# %% [markdown]
# ## Headline values

# %% tags=["remove-cell"]
pages.glue_all(simulation_pages.headline_values(params))

# %% [markdown]
# With the page's parameters, the decentralised (Stackelberg) decision gives $p^{1*} =$ {glue:text}`p1:.2f`,
# $\omega^{1*} =$ {glue:text}`w1:.2f` and $s^{1*} =$ {glue:text}`s1:.2f`, and
# the profits $\pi_1^* =$ {glue:text}`pi1:.2f` and $\pi_2^* =$
# {glue:text}`pi2:.2f` ({doc}`stackelberg`). The centralised decision sets
# $p^{2*} =$ {glue:text}`p2:.2f` and $s^{2*} =$ {glue:text}`s2:.2f` and earns
# $\pi =$ {glue:text}`pi:.2f` ({doc}`centralized_revenue_sharing`).
# {glue:md}`band_md:myst`

# %% tags=["remove-input"]
simulation_pages.section51_comparison(page)

# %% [markdown]
# ## Table 1 against the paper
#
# The paper prints Table 1 for ten shares between 0.71 and 0.88. At those
# shares, with §5.1's parameters, the recomputed table and the printed one
# compare as follows (difference = this page − paper):

# %% tags=["remove-cell"]
pages.glue_all(simulation_pages.table1_comparisons(page))

# %% [markdown]
# ```{glue:md} t1_prices
# :format: myst
# ```
#
# ```{glue:md} t1_profits
# :format: myst
# ```
#
# ```{glue:md} t1_totals
# :format: myst
# ```
#
# ```{glue:md} t1_verdict
# :format: myst
# ```
#
# The price $p^*(\lambda)$ is the same in every row: the contract's wholesale
# price {eq}`eq10` is chosen precisely so that the platform charges the
# centralised price $p^{2*}$. The last column is the *sum* of the two profits
# under the contract; it is not the centralised profit $\pi$ and stays below it
# (the erratum *sharing-not-coordinating*).
#
# ## Table 1 on the page's grid
#
# The full grid of the parameters ($\lambda$ from `lam_min` to `lam_max` in
# steps of `lam_step`), written to `table1.csv`:

# %% tags=["remove-input"]
simulation_pages.table1_grid(page)

# %% [markdown]
# Download: {download}`table1.csv <outputs/table1.csv>` (columns
# `lambda, p, w, s, pi_platform, pi_manufacturer, pi_total`, full precision).
#
# ## The paper's Fig. 2, recomputed

# %% tags=["remove-cell"]
from xbec.figures import pages as figure_pages, paper as paper_figures

figure_pages.show(paper_figures.horizontal_profits(params, marks=lam), page.out_dir, "fig2_horizontal", key="fig2")

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

# %% tags=["remove-cell"]
pages.glue_all(simulation_pages.fig2_findings(params))

# %% [markdown]
# {glue:md}`claims:myst` The alliance's total profit under the contract
# {glue:text}`total_increasing` with $\lambda$ and stays below the centralised
# profit $\pi$ ({glue:md}`gap_md:myst`): revenue sharing as defined by {eq}`eq10` improves on the game but
# does not reach the centralised optimum ({doc}`centralized_revenue_sharing`).
