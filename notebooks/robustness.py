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
# # Robustness: how much do the conclusions depend on modelling choices?
#
# {cite:t}`wei2024` reach their headline — revenue sharing is acceptable to
# both firms for $0.71 \le \lambda \le 0.88$, and the vertical alliance splits
# the platform's profit by the improved Raiffa rule — through three choices
# they do not discuss:
#
# 1. **who moves first** in the decentralised game that serves as the
#    benchmark (§3.2);
# 2. **which $\lambda$** inside the acceptable band the firms would agree on
#    (§3.4 gives a range, not a share);
# 3. **fixed coalition values** $\mu_i = V(N \setminus \{i\})$ while the
#    alliance's worth $V(N) = \pi_1(\lambda)$ moves with $\lambda$ (§5.2).
#
# This chapter varies each choice and recomputes what depends on it. Every
# number below comes from `xbec` (mainly `xbec.beyond.robustness` and
# `xbec.model.leaders`); where a choice leaves no acceptable share, the page
# says so.

# %% tags=["parameters"]
# Parameters (papermill injects overrides after this cell).
beta = 200.0    # market size
b1 = 2.0        # price sensitivity of demand
b2 = 1.0        # service sensitivity of demand
gamma1 = 1.0    # logistics service cost coefficient
c = 10.0        # manufacturer's unit production cost
K = 10.0        # platform's maintenance cost
mu = [1600.0, 2000.0, 2300.0, 2200.0]   # V(N \ {i}) for each member i
phi = [20.0, 15.0, 8.0, 12.0]          # cost invested by each member
theta = [0.7, 0.5, 0.4, 0.6]           # service level of each member
weights = [0.7, 0.3]                   # weights of phi and theta in eq (14)
grid_n = 160    # points per axis of the (rho, kappa) maps
output_dir = "outputs"

# %% tags=["remove-cell"]
from xbec.beyond import robustness_pages as rp
from xbec.figures import pages as figure_pages, robustness as fr
from xbec.replication import pages

page = pages.setup(globals())
params, vparams = page.params, page.vparams

# %% [markdown]
# ## 1. Who moves first?
#
# §3.2 says that the platform "determines" the price $p$ and the service
# level $s$ and that the manufacturer then sets the wholesale price
# $\omega$, but solves the game through the platform's mark-up
# $x = p - \omega$ (eq 4): the platform commits to a *mark-up*, and the
# manufacturer's reply eq (5) moves the price with it. That is the reading
# every other chapter uses, and the one that reproduces the paper's numbers.
# Two other readings are possible.
#
# - **The literal reading** — the platform fixes $p$ (and $s$), then the
#   manufacturer chooses $\omega$ — has no interior equilibrium. With $p$ and
#   $s$ fixed, eq (2) $\pi_2 = (\omega - c)(\beta - b_1 p + b_2 s)$ is linear
#   in $\omega$: sympy gives $\partial^2\pi_2/\partial\omega^2 =$
#   {glue:md}`lit_d2:myst` and $\partial\pi_2/\partial\omega =$ {glue:md}`lit_d1:myst`,
#   the demand itself. With positive demand the manufacturer raises $\omega$
#   until the platform's margin $p - \omega$ is gone. `xbec.decentralized`
#   refuses the reading with that explanation: {glue:md}`lit_error:myst`
# - **The manufacturer leads**: it sets $\omega$ first; the platform, seeing
#   $\omega$, sets $p$ and $s$ (`leader="manufacturer"`). Backward induction
#   (derived with sympy in `xbec.replication.symbolic_leaders`) gives, with
#   $u = \beta - b_1 c$ and $\Delta = 2 b_1\gamma_1 - b_2^2$,
#
#   $$
#   \omega^{M} = c + \frac{u}{2 b_1},\qquad
#   p^{M} = \omega^{M} + \frac{\gamma_1 u}{2\Delta},\qquad
#   s^{M} = \frac{b_2 u}{2\Delta},\qquad
#   \pi_1^{M} = \frac{\gamma_1 u^2}{8\Delta} - K,\qquad
#   \pi_2^{M} = \frac{\gamma_1 u^2}{4\Delta}.
#   $$
#
#   The follower's problem is concave exactly under Proposition 1's condition
#   $\Delta > 0$ — here Proposition 1 is about the player it can be applied
#   to — and the leader's curvature is
#   $\partial^2\pi_2/\partial\omega^2 = -2 b_1^2\gamma_1/\Delta < 0$. Both
#   readings need $\beta > b_1 c$ for $\omega > c$, $p > \omega$ and positive
#   demand; outside that domain `xbec` raises a `ModelDomainError` naming the
#   rule.

# %% tags=["remove-cell"]
pages.glue_all(rp.leader_values(params))

# %% [markdown]
# The decentralised outcomes with the page's parameters (the centralised
# profit is $\pi =$ {glue:text}`pi_cen:.2f` under either reading):
#
# ```{glue:md} dec_table
# :format: myst
# ```
#
# ### The acceptable band against each benchmark
#
# `xbec.acceptable_lambda(params, leader=...)` measures the band of §3.4
# against the benchmark of either order of moves: the revenue-sharing contract
# itself does not change, only the profits each firm can fall back on.

# %% tags=["remove-cell"]
pages.glue_all(rp.band_values(params))

# %% [markdown]
# ```{glue:md} band_table
# :format: myst
# ```
#
# Against the platform-led benchmark the page's parameters give
# {glue:md}`platform_band_md:myst`. Against the manufacturer-led benchmark
# the paper's three conditions can never hold together, whatever the
# parameters: sympy gives the centralised profit less twice the profit the
# manufacturer earns when it leads as
# $\pi^{2*} - 2\pi_2^{M} =$ {glue:md}`gap_sym:myst` (here
# {glue:text}`gap_num:.2f`). Revenue sharing never beats the centralised
# profit, so $\pi_1(\lambda) > \pi_2(\lambda) > \pi_2^{M}$ would need a total
# above $2\pi_2^{M} =$ {glue:text}`two_pi2m:.2f` $\ge \pi^{2*}$. If the
# manufacturer leads, the platform cannot both earn more than the
# manufacturer and leave the manufacturer better off than in the game.
# {glue:md}`participation_md:myst`
#
# ### Where each reading leaves a band
#
# The band depends on the six parameters only through two numbers,
# $\rho = b_2^2/(2 b_1\gamma_1) \in [0, 1)$ and
# $\kappa = K b_1/(\beta - b_1 c)^2$ ({doc}`beyond_band`), and this holds for
# the manufacturer-led benchmark too. So a map over $(\rho, \kappa)$ shows
# every parameter set. `xbec.beyond.leader_band_maps` computes it with the
# same band solver as `xbec.acceptable_lambda`, on whole arrays.

# %% tags=["remove-cell"]
lm = rp.leader_maps(params, grid_n)
pages.glue_all(rp.map_values(lm))
png = figure_pages.show(fr.leader_maps_figure(lm.rho, lm.kappa, lm.maps, mark=lm.mark), page.out_dir,
                        "robustness_leader_maps", key="fig_maps")

# %% [markdown]
# ```{glue:figure} fig_maps
# :name: fig-robustness-leaders
# :alt: Four maps over rho and kappa of the acceptable band's width, for the platform-led and the manufacturer-led benchmark, with and without the condition that the platform earns more.
#
# Width of the acceptable band over $(\rho, \kappa)$, for each order of moves
# (rows) and with the paper's three conditions or the two participation
# conditions only (columns); grey: no acceptable $\lambda$; star: the page's
# parameters ($\rho =$ {glue:text}`rho0:.3f`, $\kappa =$
# {glue:text}`kappa0:.5f`). Files:
# {download}`PNG <outputs/robustness_leader_maps.png>`,
# {download}`SVG <outputs/robustness_leader_maps.svg>`.
# ```
#
# On the rectangle $0 \le \rho < 0.995$, $0 \le \kappa \le$
# {glue:text}`kappa_max:.3f` (shares of its area, not of any distribution of
# real markets), a band exists on {glue:text}`share_p3:.1f`% with the
# platform-led benchmark and the paper's three conditions, on
# {glue:text}`share_m3:.1f`% with the manufacturer-led one, and on
# {glue:text}`share_p2:.1f`% and {glue:text}`share_m2:.1f`% with the
# participation conditions only. The fixed cost $K$ cancels from the
# participation conditions (both sides bear it), so those bands depend on
# $\rho$ alone. {glue:md}`edge_md:myst`
#
# ## 2. Which $\lambda$ inside the band?
#
# The paper stops at a range. Any share inside it is a Pareto improvement
# on the decentralised game, and the two firms pull in opposite directions:
# the platform prefers the upper end, the manufacturer the lower one. A
# standard way to pick one share is the Nash bargaining solution (Nash, 1950):
# the share that maximises the product of the two gains,
# $(\pi_1(\lambda) - \pi_1^*)(\pi_2(\lambda) - \pi_2^*)$, with the
# decentralised profits as the disagreement point.
# `xbec.nash_bargaining_lambda` finds it exactly. Both gains are quadratics in
# $\lambda$ over $\delta(\lambda)^2$, so the product's stationary points are
# the roots of a quintic; they are compared with the band's ends, and the
# tests check the result against a bounded scipy optimiser.

# %% tags=["remove-cell"]
outcomes = rp.bargaining(params)
pages.glue_all(rp.bargaining_values(outcomes))
if rp.agreed(outcomes):
    figure_pages.show(fr.bargaining_figure(params, rp.agreed(outcomes)), page.out_dir, "robustness_bargaining",
                      key="fig_bargaining")

# %% [markdown]
# ```{glue:md} nash_table
# :format: myst
# ```
#
# {glue:md}`nash_md:myst`

# %% tags=["remove-input"]
rp.bargaining_figure_md(outcomes)

# %% [markdown]
# ## 3. Coalition values that do not move with $V(N)$
#
# §5.2 sets $V(N) = \pi_1(\lambda)$, which moves with $\lambda$ and with every
# horizontal parameter, but keeps the coalition values
# $\mu =$ {glue:md}`mu_md:myst` fixed. The improved Raiffa rule, eq (15),
# gives member $i$
#
# $$
# x_i^* = F_i\,V(N) + \frac{2n-3}{2(n-1)}\Big(\frac1n\sum_j \mu_j - \mu_i\Big),
# $$
#
# affine in $V(N)$ with a constant set by $\mu$ alone. Where a member's
# $\mu_i$ lies above the mean, its allocation turns negative once $V(N)$ falls
# below $V_i = \frac{2n-3}{2(n-1)}(\mu_i - \bar\mu)/F_i$.
# `xbec.beyond.negative_allocation_lambda` solves $\pi_1(\lambda) < V_i$
# exactly (a quadratic inequality, same solver as the band).

# %% tags=["remove-cell"]
pages.glue_all(rp.negative_values(params, vparams))

# %% [markdown]
# ```{glue:md} neg_table
# :format: myst
# ```
#
# {glue:md}`neg_md:myst` This happens outside the acceptable band, but it
# shows how much of the allocation is set by the fixed $\mu$ rather than by
# $V(N)$. The alternative below lets every coalition's worth move with the
# alliance's, $\mu_i(\lambda) = \mu_i\,V(N)/V_{\text{ref}}$, with
# $V_{\text{ref}} = \pi_1^*$, the worth at which §5.2 applies the stated
# $\mu$. Then eq (15) allocates a fixed fraction of $V(N)$ to each member, so
# no allocation changes sign as $\lambda$ moves. The right panel shows how the negative
# range moves when all the $\mu_i$ are scaled by one factor $t$.

# %% tags=["remove-cell"]
paths = rp.mu_paths(params, vparams)
pages.glue_all(rp.mu_values(paths))
if paths.paths:
    fig = fr.mu_figure(paths.lam, paths.paths, paths.names, paths.t_scales, paths.t_thresholds)
    figure_pages.show(fig, page.out_dir, "robustness_mu", key="fig_mu")

# %% tags=["remove-input"]
rp.mu_figure_md(paths)

# %% [markdown]
# {glue:md}`scaled_md:myst` {glue:md}`mu_notes:myst`
#
# ### The vertical band under either rule
#
# §5.2 narrows the band to shares at which every vertical member also gains
# over its allocation of the decentralised $V(N) = \pi_1^*$.
# `xbec.beyond.vertical_band` computes that band with the baseline taken under
# the same $\mu$ rule and against either benchmark.

# %% tags=["remove-cell"]
pages.glue_all({"vband_table": rp.vertical_band_table(params, vparams)})

# %% [markdown]
# ```{glue:md} vband_table
# :format: myst
# ```
#
# Under either rule each member's allocation grows with $V(N)$, as long as its
# slope in eq (15) is positive. A member then gains exactly when
# $\pi_1(\lambda) > \pi_1^*$, a condition the horizontal band already
# contains. So with a baseline computed from the same $\mu$, the vertical band
# is the horizontal band, and the $\mu$ rule changes the allocations but not
# the band. The paper's narrower "0.72" comes instead from its printed
# decentralised allocation ({doc}`table2_fig3`).
