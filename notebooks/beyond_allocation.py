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
# two classical solutions of cooperative game theory, the **Shapley value** and
# the **nucleolus** (the allocation that lexicographically maximises the
# smallest excesses $x(S) - v(S)$; Schmeidler 1969), and checks each for
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

# %% tags=["hide-input"]
import numpy as np
from IPython.display import Image, Markdown, display
from myst_nb import glue

import xbec
from xbec import beyond as an
from xbec.figures import beyond as ap

params = xbec.HorizontalParams(beta=beta, b1=b1, b2=b2, gamma1=gamma1, c=c, K=K)
vp = xbec.VerticalParams(mu=tuple(mu), phi=tuple(phi), theta=tuple(theta), weights=tuple(weights))
V = float(xbec.revenue_sharing(params, lam).pi_platform)
n = vp.n
members = xbec.member_names(n)
glue("lam", float(lam), display=False)
glue("V", V, display=False)
glue("pair_factor", float(pair_factor), display=False)
glue("singleton", float(singleton), display=False)
glue("sum_mu_3", float(sum(mu) / (n - 1)), display=False)

table = an.vertical_game(V, vp.mu, pair_factor=pair_factor, singleton=singleton)
one = an.vertical_game(V, vp.mu, pair_factor=1.0, singleton=singleton)
rows = ["| coalition | worth | source |", "|---|---:|---|"]
for mask in sorted(range(1, 1 << n), key=lambda m: (-bin(m).count("1"), m)):
    who = "{" + ", ".join(str(i + 1) for i in range(n) if mask >> i & 1) + "}"
    size = bin(mask).count("1")
    if size == n:
        src = f"$V(N) = \\pi_1({lam:g})$ (§5.2)"
    elif size == n - 1:
        src = "given in §5.2"
    elif size == 1:
        src = "**assumed**: a member alone sells nothing cross-border"
    else:
        src = f"**assumed**: $t$ × {one[mask]:.0f} (weakest triple containing it)"
    rows.append(f"| {who} | {table[mask]:.2f} | {src} |")
display(Markdown("\n".join(rows)))

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

# %% tags=["hide-input"]
comp = an.compare_allocations(V, vp.mu, vp.F, pair_factor=pair_factor, singleton=singleton)
rows = ["| rule | " + " | ".join(members) + " | in the core | smallest excess (coalition) |",
        "|---|" + "---:|" * n + ":---:|---|"]
for rule, x in comp.allocations.items():
    chk = comp.core[rule]
    who = "{" + ", ".join(str(i + 1) for i in chk.worst_coalition) + "}"
    rows.append(f"| {rule} | " + " | ".join(f"{xi:.2f}" for xi in x)
                + f" | {'yes' if chk.in_core else '**no**'} | {chk.min_excess:.2f} {who} |")
display(Markdown("\n".join(rows)))
glue("core_nonempty", "non-empty" if comp.core_nonempty else "empty", display=False)
glue("lce", float(comp.least_core_epsilon), display=False)
fig = ap.allocations_figure(comp)
png, svg = xbec.figures.save(fig, output_dir, "beyond_allocations")
glue("fig-allocations", Image(filename=str(png)), display=False)

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

# %% tags=["hide-input"]
ts = np.linspace(0.0, 1.0, sensitivity_points)
sens = an.allocation_sensitivity(V, vp.mu, vp.F, ts, singleton=singleton)
limits = an.core_limits(V, vp.mu, vp.F, singleton=singleton)
t_star = an.core_nonempty_pair_factor_limit(V, vp.mu, singleton=singleton)
fig = ap.allocation_sensitivity_figure(sens, core_limit=t_star)
png, svg = xbec.figures.save(fig, output_dir, "beyond_allocation_sensitivity")
glue("fig-allocation-sensitivity", Image(filename=str(png)), display=False)
glue("t_star", float(t_star), display=False)
for key, rule in (("ir", an.RULES[1]), ("r", an.RULES[0]), ("sh", an.RULES[2])):
    glue(f"t_{key}", limits[rule][1], display=False)
rows = ["| rule | in the core for pair factors $t$ in |", "|---|---|"]
for rule, (lo, hi) in limits.items():
    rows.append(f"| {rule} | " + ("never" if np.isnan(lo) else f"[{lo:.4f}, {hi:.4f}]") + " |")
display(Markdown("\n".join(rows)))

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

# %% tags=["hide-input"]
bounds = an.core_lambda_bounds(params, vp.mu, vp.F, np.linspace(0.0, 1.0, bounds_points), singleton=singleton)
fig = ap.core_lambda_figure(bounds, band=(0.72, 0.88))
png, svg = xbec.figures.save(fig, output_dir, "beyond_core_lambda")
glue("fig-core-lambda", Image(filename=str(png)), display=False)
lam_core = an.core_nonempty_lambda(params, vp.mu, singleton=singleton)
glue("lam_core", float(lam_core), display=False)
glue("V_dec", xbec.decentralized(params).pi_platform, display=False)
rows = ["| $t$ | " + " | ".join(an.RULES) + " |", "|---:|" + "---:|" * len(an.RULES)]
for t in (0.0, 0.25, 0.5, 0.75, 1.0):
    cells = []
    for rule in an.RULES:
        try:
            cells.append(f"{an.core_lambda_interval(params, vp.mu, vp.F, rule, pair_factor=t, singleton=singleton).lo:.4f}")
        except xbec.ModelDomainError:
            cells.append("never")
    rows.append(f"| {t:g} | " + " | ".join(cells) + " |")
display(Markdown("Smallest $\\lambda$ at which each rule's allocation is in the core:\n\n" + "\n".join(rows)))
glue("ir_lam0", float(an.core_lambda_interval(params, vp.mu, vp.F, an.RULES[1], singleton=singleton).lo), display=False)
V_top = float(xbec.revenue_sharing(params, 0.88).pi_platform)  # top of the paper's band
glue("t_ir_top", float(an.core_limits(V_top, vp.mu, vp.F, singleton=singleton)[an.RULES[1]][1]), display=False)

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
# Raiffa lower limits of eq (11). The bottom of the paper's band (0.72–0.73)
# is therefore unstable for every rule, and so is the decentralised case of
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
