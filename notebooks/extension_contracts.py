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
# # Extension: wholesale or agency? (after Zennyo 2020)
#
# A platform that resells a product buys it at a wholesale price and sets the retail
# price itself; a platform that runs a marketplace lets the supplier set the price and
# keeps a royalty (commission) $r$ of the revenue. {cite}`zennyo2020` asks which contract
# suppliers pick when the platform chooses $r$ first, and finds that a major supplier and a
# niche supplier may choose *different* contracts in equilibrium, as on Amazon, where
# Amazon itself resells high-volume products and third-party sellers offer long-tail ones.
#
# :::{important}
# **What is ours and what is the paper's.** We worked from a secondary summary of
# {cite}`zennyo2020` in which the formulas are missing. The timing (royalty, then
# contracts, then prices), the two suppliers (a major one and a niche one), the
# payoff-dominance refinement and the qualitative findings come from that summary. The
# demand system, the order of moves within stage 3, the rule for breaking ties, and every
# formula and number in this chapter are **our specification**. We did not copy them from
# the paper, and they need not match its appendix. The lemma and proposition numbers below
# point to the summary's statements that our results are meant to be compared with.
# :::

# %% tags=["parameters"]
# Parameters (papermill injects overrides after this cell).
alpha = 0.6  # niche supplier's potential demand, 0 < alpha <= 1
substitutability = 0.6  # the model's beta, 0 <= beta < 1 (not the main paper's market size beta)
n_alpha = 201  # grid of the (beta, alpha) maps
n_beta = 201
n_r = 201  # grid of royalty rates in the stage-2 map
alpha_coordination = 0.95  # second panel of the stage-2 map (a large niche supplier)
output_dir = "outputs"

# %% tags=["hide-input"]
import numpy as np
import sympy as sp
from IPython.display import Image, Markdown, Math, display
from myst_nb import glue

import xbec.figures
from xbec.model import contracts
from xbec.figures import contracts as contracts_plots

beta = substitutability  # this chapter's beta (Zennyo's model), see the parameters cell
BETA_MAX = 0.995  # the maps stop short of beta = 1 (outside the domain)
betas = np.linspace(0.0, BETA_MAX, n_beta)
alphas = np.linspace(1.0 / n_alpha, 1.0, n_alpha)
royalties = np.linspace(0.0, 1.0, n_r)


def show(fig, name: str) -> None:
    """Save ``fig`` as PNG and SVG under ``output_dir`` and glue the PNG as ``fig-<name>``."""
    png, _ = xbec.figures.save(fig, output_dir, name)
    glue(f"fig-{name}", Image(filename=str(png)), display=False)


def fmt_config(c: str) -> str:
    return {"WW": "WW (both wholesale)", "WA": "WA (major wholesale, niche agency)",
            "AW": "AW (major agency, niche wholesale)", "AA": "AA (both agency)"}[c]


glue("alpha", float(alpha), display=False)
glue("beta", float(beta), display=False)
glue("alpha_coordination", float(alpha_coordination), display=False)

# %% [markdown]
# ## The model (our specification)
#
# Supplier 1 (major) and supplier 2 (niche) sell substitutes through one monopoly
# platform. Demand is linear,
#
# $$
# q_1 = 1 - p_1 + \beta p_2, \qquad q_2 = \alpha - p_2 + \beta p_1,
# \qquad 0 < \alpha \le 1,\ 0 \le \beta < 1,
# $$
#
# so $\alpha$ is the niche supplier's potential demand and $\beta$ the substitutability.
# Marginal costs are zero.
#
# 1. The platform sets the royalty rate $r \in [0, 1]$ of its agency contract.
# 2. The suppliers simultaneously choose wholesale (W) or agency (A). Among the pure Nash
#    equilibria of this $2\times 2$ game we keep the payoff-undominated ones. An
#    indifferent supplier takes agency (the weak inequality of the summary's Lemma 1).
# 3. W suppliers set wholesale prices $w_i$ first. Then, simultaneously, the platform sets
#    the retail prices of the W products and each A supplier sets its own retail price.
#    The payoffs are
#
# $$
# \Pi_P = \sum_{i \in W} (p_i - w_i)\, q_i + r \sum_{j \in A} p_j q_j, \qquad
# \pi_i^{W} = w_i q_i, \qquad \pi_j^{A} = (1 - r)\, p_j q_j .
# $$
#
# A configuration is written with supplier 1 first. For example, WA means the major
# supplier is on wholesale and the niche supplier on agency.
#
# ### Stage 3 in closed form
#
# `xbec.model.contracts.derive()` solves the four subgames by backward induction with sympy.
# Below are the retail prices and the wholesale prices. Every decision-maker's
# second-order condition holds. On the whole domain all prices, wholesale prices, platform
# margins and quantities are strictly positive, so the domain needs no restriction. The
# tests check this, and they also check the closed forms against a purely numerical
# backward induction with scipy best responses.

# %% tags=["hide-input"]
deriv = contracts.derive()
for config in contracts.CONFIGURATIONS:
    exprs = deriv.subgames[config]
    parts = [rf"{sp.latex(sp.Symbol(k))} = {sp.latex(exprs[k])}" for k in ("w1", "w2", "p1", "p2") if k in exprs]
    display(Math(rf"\textbf{{{config}}}:\quad " + r",\quad ".join(parts)))

# %% [markdown]
# Under AA the prices do not depend on $r$, because the royalty scales the agency
# supplier's profit without changing its maximiser. Under WW the royalty plays no role at
# all. In the mixed configurations the platform prices its wholesale product while also
# collecting $r$ on the rival agency product, so prices move with $r$. The WW wholesale
# price equals the AA retail price. Hence $\pi_i^{WW} = p_i^2/2$ and
# $\pi_i^{AA} = (1-r)\,p_i^2$, and WW payoff-dominates AA exactly when $r > 1/2$.
#
# ## Threshold royalties (analogue of Lemma 1)
#
# Let $r_i^{s}$ be the royalty at which supplier $i$ earns the same on agency and on
# wholesale when its rival is on $s \in \{W, A\}$. Each threshold is the unique root in
# $(0, 1)$ of a polynomial: a quadratic when the rival is on A and a cubic when it is on
# W. The threshold always exists, because agency pays more at $r = 0$ (no double
# marginalisation) and earns nothing at $r = 1$. Supplier $i$ takes agency if and only if
# $r \le r_i^{s}$. At $\alpha =$ {glue:text}`alpha:.2f`, $\beta =$ {glue:text}`beta:.2f`:
# $r_1^W =$ {glue:text}`th_r1W:.4f`, $r_1^A =$ {glue:text}`th_r1A:.4f`,
# $r_2^W =$ {glue:text}`th_r2W:.4f`, $r_2^A =$ {glue:text}`th_r2A:.4f`.
# When $\beta = 0$ all four equal $1/2$ ({numref}`fig-contracts_thresholds`).

# %% tags=["hide-input"]
th_point = contracts.thresholds(alpha, beta)
for key, value in th_point.items():
    glue(f"th_{key}", float(value), display=False)

th_curve = contracts.thresholds(alpha, betas)
show(contracts_plots.plot_thresholds(alpha, betas, th_curve), "contracts_thresholds")

# %% [markdown]
# ```{glue:figure} fig-contracts_thresholds
# :name: fig-contracts_thresholds
# :alt: Four curves of threshold royalty rates against substitutability, all starting at 0.5 at beta = 0 and rising with beta.
#
# The four threshold royalties against $\beta$ at $\alpha =$ {glue:text}`alpha:.2f` (our
# specification; analogue of the summary's Fig. 1). Black lines: the major supplier; grey
# lines: the niche supplier. Solid lines: rival on wholesale; dashed lines: rival on agency.
# Files: {download}`PNG <outputs/contracts_thresholds.png>`, {download}`SVG <outputs/contracts_thresholds.svg>`.
# ```
#
# ## Contract choice as the royalty varies (analogue of Proposition 1)
#
# `xbec.model.contracts.stage2_intervals` gives the exact stage-2 outcome on $[0, 1]$. At the
# chapter's parameters it is:

# %% tags=["hide-input"]
pieces = contracts.stage2_intervals(alpha, beta)
rows = []
for k, (lo, hi, sel) in enumerate(pieces):
    interval = f"[{lo:.4f}, {hi:.4f}]" if k == 0 else f"({lo:.4f}, {hi:.4f}]"
    rows.append(f"| $r \\in$ {interval} | {' and '.join(sel)} |")
glue("pieces_table", Markdown(
    "| royalty | stage-2 configuration(s) |\n|---|---|\n" + "\n".join(rows)), display=False)

panel_alphas = [alpha, alpha_coordination]
fig = contracts_plots.plot_choice_map(
    panel_alphas, betas, royalties,
    [contracts.choice_grid(a, betas[None, :], royalties[:, None]) for a in panel_alphas],
    [contracts.thresholds(a, betas) for a in panel_alphas],
)
show(fig, "contracts_stage2_choice")

reach = contracts.reachable_choices(alphas[:, None], betas[None, :])
glue("share_reach_wa", 100 * float(np.mean(reach["WA"])), display=False)
glue("share_reach_aw", 100 * float(np.mean(reach["AW"])), display=False)
glue("share_coord", 100 * float(np.mean(reach["WA/AW"])), display=False)
no_hybrid = ~reach["WA"] & (betas[None, :] > 0)
glue("region1_alpha_min", float(alphas[np.any(no_hybrid, axis=1)].min()) if no_hybrid.any() else float("nan"),
     display=False)
coord_alpha = alphas[np.any(reach["WA/AW"], axis=1)]
coord_beta = betas[np.any(reach["WA/AW"], axis=0)]
glue("coord_alpha_min", float(coord_alpha.min()) if coord_alpha.size else float("nan"), display=False)
glue("coord_beta_min", float(coord_beta.min()) if coord_beta.size else float("nan"), display=False)

# %% [markdown]
# ```{glue:md} pieces_table
# :format: myst
# ```
#
# ```{glue:figure} fig-contracts_stage2_choice
# :name: fig-contracts_stage2_choice
# :alt: Two maps over substitutability and royalty rate coloured by the suppliers' contracts: agency at low royalty, wholesale at high royalty, a thin hybrid band in between, and a coordination band in the right panel.
#
# Stage-2 contracts over $(\beta, r)$ (analogue of the summary's Fig. 2 and
# Proposition 1). Left: $\alpha =$ {glue:text}`alpha:.2f`; right:
# $\alpha =$ {glue:text}`alpha_coordination:.2f`. Lines: the four thresholds.
# WA/AW (red): both asymmetric configurations are payoff-undominated equilibria.
# Files: {download}`PNG <outputs/contracts_stage2_choice.png>`, {download}`SVG <outputs/contracts_stage2_choice.svg>`.
# ```
#
# The pattern is the one the summary reports ({numref}`fig-contracts_stage2_choice`). A low royalty keeps both suppliers on
# agency. A high royalty pushes both to wholesale. In between, the major supplier leaves
# agency first (the lower of its thresholds, $r_1^A$, comes before the niche supplier's
# $r_2^W$), so the hybrid WA appears. On the $(\beta, \alpha)$ grid, some royalty induces
# WA on {glue:text}`share_reach_wa:.1f`% of the points. The reverse hybrid AW is never the
# stage-2 outcome on its own ({glue:text}`share_reach_aw:.1f`% of the points). Hybrids are
# missing only at $\beta = 0$, where all thresholds coincide, and when the two suppliers are
# almost symmetric ($\alpha \ge$ {glue:text}`region1_alpha_min:.3f` on the grid). There
# stage 2 goes from AA straight to WW, or passes through the WA/AW band described next.
# This is the analogue of the summary's region I.
#
# **A difference from the summary.** When the niche supplier is large and products are
# close substitutes ($\alpha \ge$ {glue:text}`coord_alpha_min:.2f` and
# $\beta \ge$ {glue:text}`coord_beta_min:.2f` on our grid;
# {glue:text}`share_coord:.1f`% of it), there is a band of royalties on which WA and AW
# are both equilibria (red in the right-hand panel, drawn at
# $\alpha =$ {glue:text}`alpha_coordination:.2f`). Each supplier prefers the equilibrium in
# which it is the agency seller, so payoff dominance cannot choose between them. `choice` then returns both, and
# the platform is credited with the smaller of its two profits. This never affects the
# platform's optimum: it always prefers a royalty outside the band, as the next section
# shows.
#
# ## The platform's royalty and the equilibrium map (analogue of Proposition 2 and Fig. 3)
#
# Given the stage-2 choice, the platform's profit is piecewise in $r$. Each piece is
# non-decreasing: $r\,(p_1q_1 + p_2q_2)$ under AA, increasing under WA and AW, and
# constant under WW. So the optimum lies at the right end of a piece, that is, at a
# threshold or at $r = 1$. `xbec.model.contracts.equilibrium` compares these candidates exactly.
# Under WW the platform is indifferent among all royalties that induce WW, and the result
# reports this range. At the chapter's parameters the equilibrium is
# {glue:text}`eq_contracts`, with royalty {glue:text}`eq_royalty:.4f` and platform profit
# {glue:text}`eq_profit:.4f` ({numref}`fig-contracts_platform_profit`). The set of optimal
# royalties is {glue:text}`eq_range`.

# %% tags=["hide-input"]
eq = contracts.equilibrium(alpha, beta)
eq_forced = contracts.equilibrium(alpha, beta, niche_forced_agency=True)
glue("eq_contracts", fmt_config(eq.contracts), display=False)
glue("eq_royalty", float(eq.royalty), display=False)
glue("eq_profit", float(eq.platform_profit), display=False)
glue("eq_range", f"({eq.royalty_range[0]:.4f}, {eq.royalty_range[1]:.4f}]" if eq.platform_indifferent
     else "a single rate", display=False)  # (lo, hi] when the platform is indifferent

path = contracts.royalty_path(alpha, beta, royalties)
path_forced = contracts.royalty_path(alpha, beta, royalties, niche_forced_agency=True)
fig = contracts_plots.plot_royalty_path(
    [path, path_forced],
    [(eq.royalty, eq.platform_profit), (eq_forced.royalty, eq_forced.platform_profit)],
)
show(fig, "contracts_platform_profit")

# %% [markdown]
# ```{glue:figure} fig-contracts_platform_profit
# :name: fig-contracts_platform_profit
# :alt: Platform profit against the royalty rate: rising line segments for agency and hybrid configurations and a flat segment for wholesale; the optimum is marked.
#
# The platform's profit against $r$, given the stage-2 choice, at
# $\alpha =$ {glue:text}`alpha:.2f` and $\beta =$ {glue:text}`beta:.2f`. Left: both
# suppliers choose. Right: the niche supplier can only take agency (the extension below).
# Circles: the optimal royalty.
# Files: {download}`PNG <outputs/contracts_platform_profit.png>`, {download}`SVG <outputs/contracts_platform_profit.svg>`.
# ```

# %% tags=["hide-input"]
eq_map = contracts.equilibrium_map(alphas, betas)
assert not np.any(eq_map.ambiguous)  # the optimum never sits in a WA/AW coordination band
show(contracts_plots.plot_equilibrium_map(eq_map), "contracts_equilibrium_map")

code = {c: eq_map.code == k for k, c in enumerate(contracts.CONFIGURATIONS)}
for c in contracts.CONFIGURATIONS:
    glue(f"share_{c}", 100 * eq_map.share(c), display=False)
glue("hybrid_alpha_min", float(alphas[np.any(code["WA"], axis=1)].min()), display=False)
glue("aa_r_min", float(eq_map.royalty[code["AA"]].min()), display=False)
glue("aa_r_max", float(eq_map.royalty[code["AA"]].max()), display=False)
glue("wa_r_min", float(eq_map.royalty[code["WA"]].min()), display=False)
glue("wa_r_max", float(eq_map.royalty[code["WA"]].max()), display=False)
glue("ww_lo_min", float(eq_map.royalty_lo[code["WW"]].min()), display=False)

# Along the chapter's alpha: the beta-interval of each configuration (fine grid).
row = contracts.equilibrium_map([alpha], np.linspace(0.0, BETA_MAX, 2001))
runs = []
for k, b in zip(row.code[0], row.beta):
    if not runs or runs[-1][0] != k:
        runs.append([k, b, b])
    runs[-1][2] = b
glue("row_pattern", " → ".join(
    f"{contracts.CONFIGURATIONS[k]} for β ∈ [{lo:.3f}, {hi:.3f}]" for k, lo, hi in runs), display=False)
glue("n_grid", f"{n_alpha} × {n_beta}", display=False)

# %% [markdown]
# ```{glue:figure} fig-contracts_equilibrium_map
# :name: fig-contracts_equilibrium_map
# :alt: Left: map over substitutability and the niche supplier's demand, with agency at low substitutability, a hybrid band at intermediate and wholesale at high substitutability. Right: the optimal royalty, rising with substitutability.
#
# Equilibrium over $(\beta, \alpha)$ (analogue of the summary's Fig. 3 and
# Proposition 2). Left: equilibrium contracts. Right: optimal royalty; hatched where the
# equilibrium is WW and every royalty above $\max(r_1^W, r_2^W)$ is optimal.
# Files: {download}`PNG <outputs/contracts_equilibrium_map.png>`, {download}`SVG <outputs/contracts_equilibrium_map.svg>`.
# ```
#
# On the {glue:text}`n_grid` grid ({numref}`fig-contracts_equilibrium_map`) the equilibrium is AA on
# {glue:text}`share_AA:.1f`% of the points, the hybrid WA on
# {glue:text}`share_WA:.1f`%, WW on {glue:text}`share_WW:.1f`% and AW on
# {glue:text}`share_AW:.1f`%. At $\alpha =$ {glue:text}`alpha:.2f` the sequence is
# {glue:text}`row_pattern`.
#
# * **Low substitutability leads to AA.** Wholesale would stack two margins on products
#   that hardly compete. The platform sets the highest royalty that keeps both suppliers
#   on agency, $r^* = \min(r_1^A, r_2^A)$, or the point where WW starts to dominate AA.
#   This ranges from {glue:text}`aa_r_min:.3f` to {glue:text}`aa_r_max:.3f` on the map.
# * **Intermediate substitutability leads to the hybrid WA.** The platform sets
#   $r^* = r_2^W$ (from {glue:text}`wa_r_min:.3f` to {glue:text}`wa_r_max:.3f`), the
#   highest royalty at which the niche supplier still prefers agency while the major
#   supplier has already switched to wholesale. The reverse hybrid AW never occurs. (At
#   $\alpha = 1$ the suppliers are identical and either one may be the wholesale seller;
#   `equilibrium` then reports WA, with its mirror image AW listed in `ties`.) In our
#   specification the hybrid needs a niche supplier that is not too small,
#   $\alpha \ge$ {glue:text}`hybrid_alpha_min:.3f` on the grid. For a smaller niche
#   supplier the equilibrium jumps from AA to WW. The summary states no such lower bound,
#   so this detail may differ from the paper.
# * **High substitutability leads to WW.** Wholesale competition between close
#   substitutes drives wholesale prices down, and the platform earns more as a reseller
#   than as a marketplace. Any royalty above $\max(r_1^W, r_2^W)$ is optimal (at least
#   {glue:text}`ww_lo_min:.3f` on the map), so the royalty is "high" only in this sense:
#   the platform is indifferent over the whole range.
#
# The ordering in $\beta$ (AA, then WA, then WW) and the fact that AW never occurs
# reproduce the summary's Proposition 2 and Fig. 3 qualitatively. The summary's "low
# royalty for agency, high royalty for wholesale" holds point by point: for given
# $(\alpha, \beta)$ the royalty that induces AA is below the one that induces WA, which is
# at most the lowest royalty that induces WW. Across the map the ranges overlap, because
# all thresholds rise with $\beta$.
#
# ## Extension: the niche supplier can only take agency (analogue of Lemma 2, Proposition 3)
#
# Now only the major supplier chooses. It takes agency if and only if $r \le r_1^A$
# (Lemma 2). The platform earns $\Pi^{AA}(r)$ up to $r_1^A$ and $\Pi^{WA}(r)$ above it, and
# $\Pi^{WA}$ increases in $r$. So it either sets $r^{**} = r_1^A$ and gets AA (region X),
# or sets $r^{**} = 1$ and gets WA (region Y). In region Y the platform takes the niche
# supplier's whole revenue, and that supplier's profit is zero. At the chapter's
# parameters the extension's equilibrium is {glue:text}`eqf_contracts`, with royalty
# {glue:text}`eqf_royalty:.4f` and platform profit {glue:text}`eqf_profit:.4f`; the niche
# supplier earns {glue:text}`eqf_pi2:.4f`.

# %% tags=["hide-input"]
glue("eqf_contracts", fmt_config(eq_forced.contracts), display=False)
glue("eqf_royalty", float(eq_forced.royalty), display=False)
glue("eqf_profit", float(eq_forced.platform_profit), display=False)
glue("eqf_pi2", float(eq_forced.supplier2_profit), display=False)

forced_map = contracts.equilibrium_map(alphas, betas, niche_forced_agency=True)
show(contracts_plots.plot_forced_map(forced_map, eq_map), "contracts_forced_agency")

x_region = forced_map.code == contracts.CONFIGURATIONS.index("AA")
glue("share_X", 100 * float(np.mean(x_region)), display=False)
glue("share_Y", 100 * float(np.mean(~x_region)), display=False)
y_at_beta0 = contracts.equilibrium_map(np.linspace(0.001, 1.0, 4000), [0.0], niche_forced_agency=True)
glue("y_alpha_beta0", float(y_at_beta0.alpha[y_at_beta0.code[:, 0] == 1].min()), display=False)
gain = forced_map.platform_profit - eq_map.platform_profit
glue("share_forced_loses", 100 * float(np.mean(gain < -1e-12 * eq_map.platform_profit)), display=False)

# %% [markdown]
# ```{glue:figure} fig-contracts_forced_agency
# :name: fig-contracts_forced_agency
# :alt: Map over substitutability and the niche supplier's demand: region X with agency for both in the lower left, region Y with the hybrid everywhere else, and the outline of the smaller hybrid band of the main game.
#
# The extension: regions X ($r^{**} = r_1^A$, both on agency) and Y ($r^{**} = 1$, major
# supplier on wholesale) over $(\beta, \alpha)$ (analogue of the summary's Fig. 4 and
# Proposition 3). Black outline: where the hybrid WA is the equilibrium when both suppliers
# choose.
# Files: {download}`PNG <outputs/contracts_forced_agency.png>`, {download}`SVG <outputs/contracts_forced_agency.svg>`.
# ```
#
# Region X (AA) covers {glue:text}`share_X:.1f`% of the grid ({numref}`fig-contracts_forced_agency`) and region Y (WA)
# {glue:text}`share_Y:.1f`%. Y lies above X in $\beta$, so WA is the outcome for close
# substitutes. Y also includes every $\beta$ once the niche supplier is large: at
# $\beta = 0$ the model gives Y for $\alpha \ge$ {glue:text}`y_alpha_beta0:.4f`. By hand,
# AA at $r = 1/2$ earns $(1+\alpha^2)/8$ and WA at $r = 1$ earns $1/16 + \alpha^2/4$, so the
# cut-off is $\alpha = 1/\sqrt{2} \approx 0.7071$. Compared with the game in which both
# suppliers choose, the hybrid is far more common: {glue:text}`share_Y:.1f`% of the grid
# against {glue:text}`share_WA:.1f`%. This reproduces the summary's statement that the
# asymmetric contract arises more easily when only the major supplier can choose.
#
# Does the restriction help the platform? Where AA or WA was optimal, the platform gains
# or breaks even, because it can still reach the same AA royalty and can now push the WA
# royalty up to 1. Where WW was optimal, it can no longer buy both products. It loses
# profit on {glue:text}`share_forced_loses:.1f`% of the grid, all of it inside the former
# WW region (WW covered {glue:text}`share_WW:.1f`%). On the rest of that region, WA at
# $r = 1$ beats the old WW profit.
#
# ## Link to the main paper: agency selling is revenue sharing
#
# Under agency the platform keeps the share $r$ of the supplier's revenue, and the
# supplier keeps $1 - r$ and sets the price. This is a revenue-sharing contract like the
# one with coefficient $\lambda$ in {cite}`wei2024` (see
# {doc}`centralized_revenue_sharing`). The difference is who sets the price. In the main
# paper the platform keeps $\lambda$ of revenue *and* sets the retail price, while the
# manufacturer also receives a wholesale payment. Here the supplier sets the price and
# there is no wholesale payment. The platform's optimal royalty in this chapter (between
# {glue:text}`aa_r_min:.2f` and {glue:text}`wa_r_max:.2f` when it induces agency) and the
# main paper's acceptable band for $\lambda$ both answer the same question: how large a
# share of revenue can the platform claim before its partner prefers another arrangement?
# The two numbers come from different models and should not be compared directly.
#
# ## What this chapter reproduces, and what it does not
#
# * **Reproduced** (our specification, qualitatively): thresholds that exist and are
#   unique; the stage-2 sequence AA, then WA, then WW as $r$ rises, with the major supplier
#   the one on wholesale; an equilibrium map with AA at low, WA at intermediate and WW at
#   high substitutability, and AW never; the extension's regions X ($r^{**} = r_1^A$, AA)
#   and Y ($r^{**} = 1$, WA, niche profit zero), with WA more frequent than in the main game.
# * **Different or not in the summary:** the hybrid equilibrium needs
#   $\alpha \ge$ {glue:text}`hybrid_alpha_min:.3f`; a small band of royalties with a WA/AW
#   coordination problem for large $\alpha$ and $\beta$ (irrelevant for the platform's
#   optimum); an optimal royalty under WW that is a whole interval rather than a number.
# * **Not comparable:** the numbers themselves. The summary gives no formulas or values,
#   so none of the thresholds, royalties or region boundaries above can be checked against
#   {cite}`zennyo2020`.
