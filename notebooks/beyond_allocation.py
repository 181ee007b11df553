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
# # Allocation rules compared on the vertical alliance
#
# §4 of {cite:t}`wei2024` divides the platform's revenue-sharing profit
# $V(N) = \pi_1(\lambda)$ among the four members of the vertical alliance —
# platform (1), domestic logistics (2), international carrier (3), foreign
# logistics (4) — with the Raiffa rule (eq 13) corrected for the services each
# member undertakes (eq 15). This chapter sets the two Raiffa rules beside the
# two classical solutions of cooperative game theory, the **Shapley value**
# {cite:p}`shapley1953` and the **nucleolus** (the allocation that
# lexicographically maximises the smallest excesses $x(S) - v(S)$;
# {cite:t}`schmeidler1969`), and checks each for
# membership of the **core** — the allocations no coalition can improve on by
# leaving ($x(S) \ge v(S)$ for every coalition $S$, $x(N) = V(N)$).

# %% tags=["parameters"]
# Parameters (papermill injects overrides after this cell).
beta = 200.0
b1 = 2.0
b2 = 1.0
gamma1 = 1.0
c = 10.0
K = 10.0
mu = [1600.0, 2000.0, 2300.0, 2200.0]
phi = [20.0, 15.0, 8.0, 12.0]
theta = [0.7, 0.5, 0.4, 0.6]
weights = [0.7, 0.3]
lam = 0.8  # revenue share that sets V(N) = pi1(lam)
pair_factor = 0.5  # assumed worth of a pair: this share of its weakest triple
singleton = 0.0  # assumed worth of a member alone
sensitivity_points = 21  # pair factors in [0, 1] for the sensitivity figure
bounds_points = 41  # pair factors for the lambda bounds
output_dir = "outputs"

# %%
import numpy as np

import xbec
from xbec import beyond
from xbec.beyond import pages as beyond_pages
from xbec.figures import beyond as beyond_figures, pages as figure_pages
from xbec.replication import pages

page = pages.setup(globals())
params, vp = page.params, page.vparams
V = float(xbec.revenue_sharing(params, lam).pi_platform)
pages.glue_all({"lam": lam, "V": V, "pair_factor": pair_factor, "singleton": singleton,
                "sum_mu_3": sum(mu) / (vp.n - 1)})
beyond_pages.coalition_table_md(V, vp.mu, lam, pair_factor=pair_factor, singleton=singleton)

# %% [markdown]
# ## The coalition worths the paper does not give
#
# The paper states only the grand coalition's worth and the four three-member
# worths $V(N \setminus \{i\}) = \mu_i$ = (1600, 2000, 2300, 2200) — all that
# Raiffa needs. Shapley, nucleolus and core need every coalition, so we
# **assume** (table above, for $\lambda =$ {glue:text}`lam:.2f`,
# $V(N) =$ {glue:text}`V:.2f` and $t =$ {glue:text}`pair_factor:.2f`):
#
# - a member alone is worth $v(\{i\}) =$ {glue:text}`singleton:.0f`: the
#   platform has no logistics, a logistics firm has no shop;
# - a pair is worth $v(\{i, j\}) = t \cdot \min\{\mu_k : k \notin \{i, j\}\}$,
#   the share $t \in [0, 1]$ of the weakest three-member alliance that contains
#   it. $t = 1$ is the largest value that keeps the game monotone, $t = 0$
#   makes pairs worthless.
#
# Nothing in the paper pins $t$ down, so every conclusion below is shown as a
# function of $t$ (and of $\lambda$). `xbec.beyond.vertical_game` builds the
# game; the nucleolus is computed by sequential linear programmes with scipy's
# HiGHS (`xbec.beyond.nucleolus`, tested against the Talmud rule for
# bankruptcy games, the glove game and a brute-force search).
#
# ## Four rules at the paper's values

# %%
comp = beyond.compare_allocations(V, vp.mu, vp.F, pair_factor=pair_factor, singleton=singleton)
pages.glue_all({"core_nonempty": "non-empty" if comp.core_nonempty else "empty", "lce": comp.least_core_epsilon})
figure_pages.show(beyond_figures.allocations_figure(comp), page.out_dir, "beyond_allocations", key="fig-allocations")
beyond_pages.rules_table_md(comp, xbec.MEMBER_NAMES)

# %% [markdown]
# ```{glue:figure} fig-allocations
# :name: fig-allocations
# :alt: Grouped bars of the four rules' allocations to the platform, domestic logistics, international carrier and foreign logistics; improved Raiffa gives the platform the most and the international carrier the least; black ticks mark each member's largest core payoff.
#
# Allocations of $V(N) = \pi_1(\lambda)$ by the four rules; hatched bars lie
# outside the core; black ticks are each member's largest core payoff
# $V(N) - \mu_i$ (above it, the other three would do better alone). Files:
# {download}`PNG <outputs/beyond_allocations.png>`,
# {download}`SVG <outputs/beyond_allocations.svg>`.
# ```
#
# The improved Raiffa rule moves profit towards the members that invest more
# ($F$ of eq 14): the platform gets far more, the international carrier far
# less than under any other rule. The Shapley value, which rewards marginal
# contributions, is the most even split here. With these assumptions the core
# is {glue:text}`core_nonempty` (least-core $\varepsilon$ =
# {glue:text}`lce:.2f`; non-positive means non-empty).
#
# ## How the conclusions move with the assumed pair worths

# %%
sens = beyond.allocation_sensitivity(V, vp.mu, vp.F, np.linspace(0.0, 1.0, sensitivity_points), singleton=singleton)
limits = beyond.core_limits(V, vp.mu, vp.F, singleton=singleton)
t_star = beyond.core_nonempty_pair_factor_limit(V, vp.mu, singleton=singleton)
pages.glue_all({"t_star": t_star, "t_r": limits[beyond.RULES[0]][1], "t_ir": limits[beyond.RULES[1]][1],
                "t_sh": limits[beyond.RULES[2]][1]})
figure_pages.show(beyond_figures.allocation_sensitivity_figure(sens, core_limit=t_star), page.out_dir,
                  "beyond_allocation_sensitivity", key="fig-allocation-sensitivity")
beyond_pages.core_limits_md(limits)

# %% [markdown]
# ```{glue:figure} fig-allocation-sensitivity
# :name: fig-allocation-sensitivity
# :alt: Four panels, one per member, of each rule's allocation against the assumed pair factor t from 0 to 1; Raiffa and improved Raiffa are flat, Shapley moves linearly, the nucleolus is piecewise linear; open markers show allocations outside the core, a grey band on the right marks where the core is empty.
#
# Each member's allocation against the assumed pair factor $t$ (at
# $V(N) = \pi_1(\lambda)$); filled markers are in the core, open markers are
# not; grey: the core is empty. Files:
# {download}`PNG <outputs/beyond_allocation_sensitivity.png>`,
# {download}`SVG <outputs/beyond_allocation_sensitivity.svg>`.
# ```
#
# The table gives the exact intervals (no grid: the Raiffa rules do not depend
# on $t$, the Shapley value is affine in $t$, and the nucleolus is in the core
# exactly when the core is non-empty). At $\lambda =$ {glue:text}`lam:.2f`:
# the improved Raiffa allocation leaves the core once pairs are worth more
# than {glue:text}`t_ir:.3f` of their weakest triple — the carrier and the
# foreign logistics firm together receive less than what the pair
# $\{3, 4\}$ could earn; plain Raiffa holds until $t =$ {glue:text}`t_r:.3f`,
# Shapley until {glue:text}`t_sh:.3f`, and the core itself is empty beyond
# $t =$ {glue:text}`t_star:.3f`.
#
# ## …and with the revenue share λ

# %%
bounds = beyond.core_lambda_bounds(params, vp.mu, vp.F, np.linspace(0.0, 1.0, bounds_points), singleton=singleton)
figure_pages.show(beyond_figures.core_lambda_figure(bounds, band=(0.72, 0.88)), page.out_dir, "beyond_core_lambda",
                  key="fig-core-lambda")
V_top = float(xbec.revenue_sharing(params, 0.88).pi_platform)  # top of the paper's band
pages.glue_all({
    "lam_core": beyond.core_nonempty_lambda(params, vp.mu, singleton=singleton),
    "V_dec": xbec.decentralized(params).pi_platform,
    "ir_lam0": beyond.core_lambda_interval(params, vp.mu, vp.F, beyond.RULES[1], singleton=singleton).lo,
    "t_ir_top": beyond.core_limits(V_top, vp.mu, vp.F, singleton=singleton)[beyond.RULES[1]][1]})
beyond_pages.core_lambda_table_md(params, vp.mu, vp.F, singleton=singleton)

# %% [markdown]
# ```{glue:figure} fig-core-lambda
# :name: fig-core-lambda
# :alt: Curves of the smallest revenue share lambda at which each rule is in the core against the assumed pair factor t; the nucleolus curve (the core non-empty limit) is lowest, starting near 0.74; improved Raiffa's is highest, flat at about 0.78 up to t = 0.5 and then rising above the paper's band; a shaded strip marks the paper's band 0.72 to 0.88.
#
# Above its curve a rule's allocation of $V(N) = \pi_1(\lambda)$ is in the
# core; the nucleolus curve is where the core becomes non-empty. Shaded: the
# paper's band 0.72–0.88. Files: {download}`PNG <outputs/beyond_core_lambda.png>`,
# {download}`SVG <outputs/beyond_core_lambda.svg>`.
# ```
#
# Whatever the pairs are worth, the core is **empty** for
# $\lambda <$ {glue:text}`lam_core:.4f`: any allocation gives some
# three-member alliance less than its $\mu_i$ when
# $V(N) < \sum_i \mu_i / 3 =$ {glue:text}`sum_mu_3:.0f` — exactly the sum of the
# Raiffa lower limits of eq (11): the four three-member coalitions, each
# weighted $1/3$, form a balanced collection, and by the Bondareva–Shapley
# theorem {cite:p}`bondareva1963` the core is empty. The bottom of the paper's
# band (from 0.72 up to {glue:text}`lam_core:.4f`) is therefore unstable for every rule, and so is the decentralised case of
# §5.2 ($V(N) = \pi_1^* =$ {glue:text}`V_dec:.2f`). Even with worthless pairs
# the improved Raiffa allocation enters the core only from
# $\lambda =$ {glue:text}`ir_lam0:.4f` (it gives the platform more than
# $V(N) - V(\{2,3,4\})$ below that), and for $t >$ {glue:text}`t_ir_top:.3f`
# no $\lambda$ in the paper's band puts it in the core.
#
# ## Finding
#
# Raiffa and improved Raiffa need only the four triple worths, but stability
# needs the others: with worthless pairs all four rules are in the core at
# $\lambda = 0.8$; the improved Raiffa rule — the paper's choice — is the first
# to leave the core as pairs gain worth ($t >$ {glue:text}`t_ir:.3f`) and the
# last to enter it as $\lambda$ grows, while the nucleolus is in the core
# whenever the core is non-empty, which requires $\lambda \ge$
# {glue:text}`lam_core:.3f` for any assumption.
