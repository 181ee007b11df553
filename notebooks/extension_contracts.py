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

# %%
import numpy as np
import pandas as pd
import sympy as sp
from IPython.display import Math

import xbec
from xbec import book
from xbec.figures import contracts as contracts_plots

contracts = xbec.contracts
beta = substitutability  # this chapter's beta (Zennyo's model)
out = book.out_dir(output_dir)
# the maps stop short of beta = 1 (outside the domain)
betas = np.linspace(0.0, 0.995, n_beta)
alphas = np.linspace(1.0 / n_alpha, 1.0, n_alpha)
royalties = np.linspace(0.0, 1.0, n_r)
book.glue(
    alpha=alpha,
    beta=beta,
    alpha_coordination=alpha_coordination,
    beta_max=betas[-1],
    n_grid=f"{n_alpha} × {n_beta}",
)
NAMES = {
    "WW": "WW (both wholesale)",
    "WA": "WA (major wholesale, niche agency)",
    "AW": "AW (major agency, niche wholesale)",
    "AA": "AA (both agency)",
}

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
#    indifferent supplier takes agency. This tie-breaking rule is our assumption:
#    the summary's formulas are lost, so we cannot tell which inequality its
#    Lemma 1 uses.
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

# %%
# stage 3 of every configuration, by backward induction (sympy)
derivation = contracts.derive()
for config in contracts.CONFIGURATIONS:
    exprs = derivation.subgames[config]
    lines = [
        f"{sp.latex(sp.Symbol(k))} &= {sp.latex(exprs[k])}"
        for k in ("w1", "w2", "p1", "p2")
        if k in exprs
    ]
    display(
        Math(
            f"\\textbf{{{config}}}:\\quad\\begin{{aligned}}"
            + "\\\\[6pt]".join(lines)
            + "\\end{aligned}"
        )
    )

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

# %%
# r_i^s at (alpha, beta)
book.glue({f"th_{k}": v for k, v in contracts.thresholds(alpha, beta).items()})
book.figure(
    contracts_plots.plot_thresholds(
        alpha, betas, contracts.thresholds(alpha, betas)
    ),
    out,
    "contracts_thresholds",
)

# %% [markdown]
# ```{glue:figure} fig-contracts_thresholds
# :name: fig-contracts_thresholds
# :alt: Four curves of threshold royalty rates against substitutability, all equal when the products are independent and rising with substitutability.
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

# %%
pd.DataFrame(
    [
        {
            "royalty from": lo,
            "to": hi,
            "stage-2 configuration(s)": " and ".join(sel),
        }
        for lo, hi, sel in contracts.stage2_intervals(alpha, beta)
    ]
).style.hide(axis="index").format(precision=4)

# %% [markdown]
# The first piece includes $r = 0$; every other piece is open at its lower end
# and closed at its upper end (an indifferent supplier takes agency).

# %%
panel_alphas = [alpha, alpha_coordination]
fig = contracts_plots.plot_choice_map(
    panel_alphas,
    betas,
    royalties,
    [
        contracts.choice_grid(a, betas[None, :], royalties[:, None])
        for a in panel_alphas
    ],
    [contracts.thresholds(a, betas) for a in panel_alphas],
)
book.figure(fig, out, "contracts_stage2_choice")

# %% [markdown]
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
# `contracts.reachable_choices` says which stage-2 outcomes some royalty induces at a point
# $(\alpha, \beta)$. `contracts.area_shares` measures, by area, where each is reachable on
# the rectangle $0 < \alpha \le 1$, $0 \le \beta \le$ {glue:text}`beta_max:.3f` of the maps.
# At each $\beta$ it finds the switching points in $\alpha$ by bisection and adds up the
# interval lengths; then it integrates these lengths over $\beta$ (Gauss–Legendre quadrature
# between the values of $\beta$ where the pattern of intervals changes).

# %%
# at each grid point (alpha, beta): is there a royalty that induces it?
reach = contracts.reachable_choices(alphas[:, None], betas[None, :])
# shares of the rectangle's area: every outcome of this chapter's maps
areas = contracts.area_shares(betas[-1])
no_hybrid = ~reach["WA"] & (betas[None, :] > 0)


def smallest(values, mask, axis):
    """The smallest grid value at which ``mask`` holds somewhere; nan if nowhere."""
    hit = mask.any(axis=axis)
    return values[hit].min() if hit.any() else np.nan


book.glue(
    share_reach_wa=100 * areas["reachable"]["WA"],
    share_reach_aw=100 * areas["reachable"]["AW"],
    share_coord=100 * areas["reachable"]["WA/AW"],
    region1_alpha_min=smallest(alphas, no_hybrid, axis=1),
    coord_alpha_min=smallest(alphas, reach["WA/AW"], axis=1),
    coord_beta_min=smallest(betas, reach["WA/AW"], axis=0),
)
pd.Series(
    {k: 100 * s for k, s in areas["reachable"].items()},
    name="% of the area where some r induces it",
).to_frame().style.format("{:.2f}")

# %% [markdown]
# The pattern is the one the summary reports ({numref}`fig-contracts_stage2_choice`). A low royalty keeps both suppliers on
# agency. A high royalty pushes both to wholesale. In between, the major supplier leaves
# agency first (the lower of its thresholds, $r_1^A$, comes before the niche supplier's
# $r_2^W$), so the hybrid WA appears. Some royalty induces WA on
# {glue:text}`share_reach_wa:.1f`% of the rectangle's area. The reverse hybrid AW is never the
# stage-2 outcome on its own ({glue:text}`share_reach_aw:.1f`% of the area). Hybrids are
# missing only at $\beta = 0$, where all thresholds coincide, and when the two suppliers are
# almost symmetric ($\alpha \ge$ {glue:text}`region1_alpha_min:.3f` on the grid). There
# stage 2 goes from AA straight to WW, or passes through the WA/AW band described next.
# This is the analogue of the summary's region I.
#
# **A difference from the summary.** When the niche supplier is large and products are
# close substitutes ($\alpha \ge$ {glue:text}`coord_alpha_min:.2f` and
# $\beta \ge$ {glue:text}`coord_beta_min:.2f` on our grid;
# {glue:text}`share_coord:.1f`% of the area), there is a band of royalties on which WA and AW
# are both equilibria (red in the right-hand panel, drawn at
# $\alpha =$ {glue:text}`alpha_coordination:.2f`). Each supplier prefers the equilibrium in
# which it is the agency seller, so payoff dominance cannot choose between them. `choice` then returns both, and
# the platform is credited with the smaller of its two profits. This does not affect the
# platform's optimum: on the equilibrium map of the next section the optimal royalty
# falls inside such a band at {glue:text}`ambiguous:d` points.
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
# royalties is {glue:md}`eq_range:myst`.

# %%
eq = contracts.equilibrium(alpha, beta)  # both suppliers choose
# the extension below
eq_forced = contracts.equilibrium(alpha, beta, niche_forced_agency=True)
for prefix, e in (("eq", eq), ("eqf", eq_forced)):
    book.glue(
        {
            f"{prefix}_contracts": NAMES[e.contracts],
            f"{prefix}_royalty": e.royalty,
            f"{prefix}_profit": e.platform_profit,
            f"{prefix}_pi2": e.supplier2_profit,
            f"{prefix}_range": book.Md(
                f"$({e.royalty_range[0]:.4f},\\ {e.royalty_range[1]:.4f}]$"
                if e.platform_indifferent
                else "a single rate"
            ),
        }
    )
paths = [
    contracts.royalty_path(alpha, beta, royalties),
    contracts.royalty_path(alpha, beta, royalties, niche_forced_agency=True),
]
fig = contracts_plots.plot_royalty_path(
    paths,
    [
        (eq.royalty, eq.platform_profit),
        (eq_forced.royalty, eq_forced.platform_profit),
    ],
)
book.figure(fig, out, "contracts_platform_profit")

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

# %%
# stage 1 at every grid point
eq_map = contracts.equilibrium_map(alphas, betas)
book.figure(
    contracts_plots.plot_equilibrium_map(eq_map),
    out,
    "contracts_equilibrium_map",
)
is_ = {c: eq_map.code == k for k, c in enumerate(contracts.CONFIGURATIONS)}


def on_map(values, where, f):
    """``f`` of ``values`` where ``where`` holds on the map; nan if nowhere."""
    return f(values[where]) if where.any() else np.nan


book.glue({f"share_{c}": 100 * s for c, s in areas["main"].items()})
book.glue(
    hybrid_alpha_min=on_map(
        np.broadcast_to(alphas[:, None], eq_map.code.shape), is_["WA"], np.min
    ),
    aa_r_min=on_map(eq_map.royalty, is_["AA"], np.min),
    aa_r_max=on_map(eq_map.royalty, is_["AA"], np.max),
    wa_r_min=on_map(eq_map.royalty, is_["WA"], np.min),
    wa_r_max=on_map(eq_map.royalty, is_["WA"], np.max),
    ww_lo_min=on_map(eq_map.royalty_lo, is_["WW"], np.min),
    ambiguous=int(np.count_nonzero(eq_map.ambiguous)),
)
pd.Series(
    {c: 100 * s for c, s in areas["main"].items()}, name="% of the area"
).to_frame().T.style.format("{:.2f}")

# %% [markdown]
# Along the row $\alpha =$ {glue:text}`alpha:.2f` of a finer grid in $\beta$ (step
# {glue:text}`row_step:.5f`), the equilibrium runs through these configurations:

# %%
row_betas = np.linspace(0.0, betas[-1], 2001)
row = contracts.equilibrium_map([alpha], row_betas)
codes = row.code[0]
starts = np.r_[0, np.flatnonzero(np.diff(codes)) + 1]
runs = pd.DataFrame(
    {
        "equilibrium": [contracts.CONFIGURATIONS[codes[k]] for k in starts],
        "β from": row_betas[starts],
        "β to": row_betas[np.r_[starts[1:] - 1, codes.size - 1]],
    }
)
book.glue(row_step=row_betas[1], row_pattern=" → ".join(runs["equilibrium"]))
runs.style.hide(axis="index").format(precision=3)

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
# The map ({numref}`fig-contracts_equilibrium_map`) is drawn on a {glue:text}`n_grid` grid;
# the shares come from `contracts.area_shares`. The equilibrium is AA on
# {glue:text}`share_AA:.1f`% of the rectangle's area, the hybrid WA on
# {glue:text}`share_WA:.1f`%, WW on {glue:text}`share_WW:.1f`% and AW on
# {glue:text}`share_AW:.1f`%. At $\alpha =$ {glue:text}`alpha:.2f` the sequence is
# {glue:text}`row_pattern`, with the switching points in the table above.
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
# supplier's whole revenue, and that supplier's profit is zero. Its objective
# $(1 - r)\,p_2 q_2$ is then identically $0$, so every price is a best response and the
# model alone does not pin $p_2$ down. We assume the niche supplier keeps the pricing
# rule it follows at every $r < 1$: it maximises its revenue $p_2 q_2$ given the rival's
# price (for $r < 1$ the factor $1 - r > 0$ does not change the maximiser).
# The stage-3 prices at $r = 1$ are then the limit of those at $r \to 1$, and the
# platform's profit under WA is continuous at $r = 1$; `xbec.model.contracts.derive()`
# solves the agency supplier's first-order condition for $p_j q_j$. At the chapter's
# parameters the extension's equilibrium is {glue:text}`eqf_contracts`, with royalty
# {glue:text}`eqf_royalty:.4f` and platform profit {glue:text}`eqf_profit:.4f`; the niche
# supplier earns {glue:text}`eqf_pi2:.4f`.

# %%
forced_map = contracts.equilibrium_map(alphas, betas, niche_forced_agency=True)
book.figure(
    contracts_plots.plot_forced_map(forced_map, eq_map),
    out,
    "contracts_forced_agency",
)
# regions Y (WA) and X (AA) and where the platform loses from the restriction, by area
book.glue(
    share_Y=100 * areas["forced"]["WA"],
    share_X=100 * areas["forced"]["AA"],
    y_alpha_beta0=contracts.region_y_cutoff(0.0),
    share_forced_loses=100 * areas["forced_loses"]["yes"],
    map_points=alphas.size * betas.size,
    # points of the map where the platform loses from the restriction outside the former WW region
    loses_outside_ww=int(
        np.count_nonzero(
            (forced_map.platform_profit < eq_map.platform_profit * (1 - 1e-9))
            & (eq_map.code != contracts.CONFIGURATIONS.index("WW"))
        )
    ),
)
pd.DataFrame(
    {
        "region Y starts at α": [
            contracts.region_y_cutoff(b)
            for b in (0.0, 0.1, 0.2, 0.3, 0.4, 0.5)
        ]
    },
    index=pd.Index([0.0, 0.1, 0.2, 0.3, 0.4, 0.5], name="β"),
).style.format(precision=4)

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
# Region Y is where the platform's gain from $r = 1$ over $r = r_1^A$,
# `contracts.forced_agency_gain`, is positive; at each $\beta$ it starts at the root
# `contracts.region_y_cutoff(beta)` of that gain in $\alpha$. `contracts.area_shares` (or
# `contracts.region_y_area`, which returns only region Y's share) integrates over
# $0 \le \beta \le$ {glue:text}`beta_max:.3f`. Region X (AA) covers {glue:text}`share_X:.1f`% of that
# rectangle's area ({numref}`fig-contracts_forced_agency`) and region Y (WA)
# {glue:text}`share_Y:.1f`%. Y lies above X in $\beta$, so WA is the outcome for close
# substitutes. Y also includes every $\beta$ once the niche supplier is large: at
# $\beta = 0$ the model gives Y for $\alpha \ge$ {glue:text}`y_alpha_beta0:.4f`. By hand,
# AA at $r = 1/2$ earns $(1+\alpha^2)/8$ and WA at $r = 1$ earns $1/16 + \alpha^2/4$, so the
# cut-off is $\alpha = 1/\sqrt{2} \approx 0.7071$. Compared with the game in which both
# suppliers choose, the hybrid is far more common: {glue:text}`share_Y:.1f`% of the area
# against {glue:text}`share_WA:.1f`% in that game. This reproduces the summary's statement that the
# asymmetric contract arises more easily when only the major supplier can choose.
#
# Does the restriction help the platform? Where AA or WA was optimal, the platform gains
# or breaks even, because it can still reach the same AA royalty and can now push the WA
# royalty up to $1$. Where WW was optimal, it can no longer buy both products. It loses
# profit on {glue:text}`share_forced_loses:.1f`% of the area, inside the former WW region
# (WW covered {glue:text}`share_WW:.1f`%; of the map's {glue:text}`map_points:,` points,
# {glue:text}`loses_outside_ww` lose outside it). On the rest of that region, WA at
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
