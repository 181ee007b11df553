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
# # When does revenue sharing work? The acceptable λ band across parameter space
#
# {cite:t}`wei2024` report one acceptable range of the platform's revenue
# share, $0.71 \le \lambda \le 0.88$, at one parameter point (§5.1): there both
# firms earn more than in the decentralised Stackelberg game and the leader
# earns more than the follower. This chapter asks where else in parameter
# space the contract is acceptable at all, and how wide the band is.
#
# The band's three conditions $\pi_1(\lambda) > \pi_1^*$,
# $\pi_2(\lambda) > \pi_2^*$ and $\pi_1(\lambda) > \pi_2(\lambda)$ (plus
# positive demand) are quadratic inequalities in $\lambda$ once multiplied by
# $\delta(\lambda)^2 = (b_1\gamma_1 - \lambda b_2^2)^2$. `xbec.beyond.band_arrays`
# computes the quadratics' coefficients as arrays over a whole grid of
# parameters, solves them with the numerically stable quadratic formula
# (Newton-polished), and keeps the pieces of $(0, 1)$ on which every condition
# holds — with no Python loop over grid points. Points where the model itself
# has no solution are marked separately from points where the band is empty:
# concavity needs $2 b_1\gamma_1 - b_2^2 > 0$, and positive demand in the
# decentralised and centralised solutions needs $\beta > b_1 c$.

# %% tags=["parameters"]
# Parameters (papermill injects overrides after this cell).
beta = 200.0
b1 = 2.0
b2 = 1.0
gamma1 = 1.0
c = 10.0
K = 10.0
grid_n = 200  # points per axis of each map
b2_range = [0.0, 2.5]
gamma1_range = [0.2, 3.0]
beta_range = [50.0, 400.0]
c_range = [0.0, 60.0]
check_points = 200  # random grid points re-solved with the scalar solver
output_dir = "outputs"

# %%
import numpy as np

from xbec import beyond
from xbec.beyond import pages as beyond_pages
from xbec.figures import beyond as beyond_figures, pages as figure_pages
from xbec.replication import pages

page = pages.setup(globals())
params = page.params
pages.glue_all(beyond_pages.band_summary(params))

# %% [markdown]
# {glue:md}`band_md:myst`
#
# ## Service sensitivity and service cost: the map over $(b_2, \gamma_1)$

# %%
b2_grid, g_grid = np.linspace(*b2_range, grid_n), np.linspace(*gamma1_range, grid_n)
m1 = beyond.band_map(params, "b2", b2_grid, "gamma1", g_grid)
check = beyond_pages.band_map_check(m1, check_points)
pages.glue_all({**beyond_pages.map_values(m1, "m1"), "grid_n": grid_n, "grid_points": grid_n**2,
                "check_points": check["checked"], "check_worst": check["worst"],
                "check_mismatches": check["mismatches"]})
figure_pages.show(beyond_figures.band_map_figure(m1, mark=(params.b2, params.gamma1)), page.out_dir,
                  "beyond_band_b2_gamma1", key="fig-band-b2-gamma1")

# %% [markdown]
# ```{glue:figure} fig-band-b2-gamma1
# :name: fig-band-b2-gamma1
# :alt: Three heat maps over service sensitivity b2 (horizontal) and service cost coefficient gamma1 (vertical) of the band's lower end, upper end and width; a light-grey wedge where the band is empty lies between the coloured region and a dark-grey region outside the model's domain; a red star marks the paper's values.
#
# The acceptable band over $(b_2, \gamma_1)$, other parameters at the paper's
# values (star). Light grey: the band is empty; dark grey: the model leaves its
# domain ($2b_1\gamma_1 \le b_2^2$). White lines are contours. Files:
# {download}`PNG <outputs/beyond_band_b2_gamma1.png>`, {download}`SVG <outputs/beyond_band_b2_gamma1.svg>`.
# ```
#
# The {glue:text}`grid_n` × {glue:text}`grid_n` map
# ({glue:text}`grid_points:,` points) is solved at once by the vectorised band
# solver; `benchmarks/bench_band_map.py` (`make bench`) times it against
# solving the points one by one with the scalar front end
# `xbec.acceptable_lambda` (timings are measurements, so they live in the
# benchmarks, not on this page, which gives the same bytes on every run). On
# {glue:text}`check_points` random grid points inside the domain the two agree
# to {glue:text}`check_worst:.1e` in both ends, and disagree on whether the band
# is empty at {glue:text}`check_mismatches:d` of them.
#
# The band is non-empty on {glue:text}`m1_ok:.1%` of this map, empty on
# {glue:text}`m1_empty:.1%`, and {glue:text}`m1_domain:.1%` lies outside the
# model's domain. Stronger service sensitivity (larger $b_2$) or cheaper
# service (smaller $\gamma_1$) pushes the whole band towards $\lambda = 1$ and
# narrows it; the band closes well before concavity fails. The widest band on
# the map is {glue:text}`m1_width_max:.3f`.
#
# ## Market size and unit cost: the map over $(\beta, c)$

# %%
beta_grid, c_grid = np.linspace(*beta_range, grid_n), np.linspace(*c_range, grid_n)
m2 = beyond.band_map(params, "beta", beta_grid, "c", c_grid)
pages.glue_all(beyond_pages.map_values(m2, "m2"))
figure_pages.show(beyond_figures.band_map_figure(m2, mark=(params.beta, params.c)), page.out_dir,
                  "beyond_band_beta_c", key="fig-band-beta-c")

# %% [markdown]
# ```{glue:figure} fig-band-beta-c
# :name: fig-band-beta-c
# :alt: Three heat maps over market size beta (horizontal) and unit cost c (vertical); the colours are almost uniform; a thin light-grey strip of empty bands runs along the diagonal boundary beta = b1 c, beyond which a grey region lies outside the model's domain.
#
# The acceptable band over $(\beta, c)$, other parameters at the paper's
# values (star). Grey: the model leaves its domain ($\beta \le b_1 c$); light
# grey: band empty. Files: {download}`PNG <outputs/beyond_band_beta_c.png>`,
# {download}`SVG <outputs/beyond_band_beta_c.svg>`.
# ```
#
# This map is nearly flat: where the band
# exists its width only ranges from {glue:text}`m2_width_min:.4f` to
# {glue:text}`m2_width_max:.4f`. It is non-empty on {glue:text}`m2_ok:.1%` of
# the map and empty on {glue:text}`m2_empty:.1%`, in a thin strip along the
# domain boundary $\beta = b_1 c$ ({glue:text}`m2_domain:.1%` of the map lies
# beyond it). The next section explains why.
#
# ## Two numbers decide the band
#
# With $u = \beta - b_1 c$, the centralised margin is
# $p^{2*} - c = \gamma_1 u / (2b_1\gamma_1 - b_2^2)$ and every equilibrium
# profit before the fixed cost $K$ is $u^2/b_1$ times a function of $\lambda$
# and of
#
# $$\rho = \frac{b_2^2}{2 b_1 \gamma_1} \in [0, 1), \qquad
#   \kappa = \frac{K b_1}{(\beta - b_1 c)^2}.$$
#
# So the band depends on the six parameters only through $(\rho, \kappa)$ —
# the tests check this symbolically (sympy) and numerically on random
# parameters. $\rho$ measures how strongly demand responds to service relative
# to the cost of service (the model is concave for $\rho < 1$); $\kappa$ is
# the platform's fixed cost relative to the market's profit scale. Over
# $(\beta, c)$ only $\kappa$ moves, and at the paper's $K = 10$ it is tiny
# except next to $\beta = b_1 c$, hence the flat map.

# %%
closing = beyond_pages.band_closing_values(params)
pages.glue_all(closing)
fig = beyond_figures.band_dimensionless_figure(np.linspace(0.0, 1.05, 2101), [0.0, 0.01, 0.05, 0.1, 0.15],
                                               mark=(closing["rho0"], closing["kappa0"]))
figure_pages.show(fig, page.out_dir, "beyond_band_rho_kappa", key="fig-band-rho-kappa")

# %% [markdown]
# ```{glue:figure} fig-band-rho-kappa
# :name: fig-band-rho-kappa
# :alt: Curves of the lower and upper end of the acceptable band against rho from 0 to 1 for five values of kappa; all upper ends coincide and rise from 0.75 to 1 at rho = 1/2; the lower ends rise with kappa; nothing is acceptable between rho = 1/2 and the domain limit rho = 1; red stars mark the paper's band at rho = 0.25.
#
# The band against $\rho$ for several $\kappa$ (shaded between each pair of
# curves); the stars are the paper's band ($\rho = 1/4$). Files:
# {download}`PNG <outputs/beyond_band_rho_kappa.png>`,
# {download}`SVG <outputs/beyond_band_rho_kappa.svg>`.
# ```
#
# The paper sits at $\rho$ = {glue:text}`rho0:.2f`,
# $\kappa$ = {glue:text}`kappa0:.1e`. Three regularities:
#
# - **The band closes at $\rho = 1/2$**, i.e. at $b_2^2 = b_1\gamma_1$, half
#   way to the edge of the model's domain ($\rho = 1$). Bisection on $\rho$
#   finds it empty from $\rho$ = {glue:text}`rho_star:.4f` on (at the paper's $b_1$,
#   $\gamma_1$: $b_2 \ge$ {glue:text}`b2_star:.3f`). The reason is the term
#   $A = \beta - b_1 p^{2*} = u\,(b_1\gamma_1 - b_2^2)/(2b_1\gamma_1 - b_2^2)$:
#   once $b_2^2 > b_1\gamma_1$, the wholesale price of eq (10) can align the
#   price only with zero or negative demand for every $\lambda$ below the
#   singular share $b_1\gamma_1/b_2^2$, and the band shrinks to
#   $\lambda \to 1$ as $\rho \to 1/2$.
# - **Without service** ($\rho = 0$) the band is
#   ({glue:text}`rho0_lo:.2f`, {glue:text}`rho0_hi:.2f`): the leader
#   condition gives the lower end, the manufacturer's participation the upper.
# - **$K$ moves only the lower end** (the manufacturer's profit does not
#   contain $K$); at the paper's $\rho$ the band is empty (bisection on
#   $\kappa$) once
#   $\kappa \ge$ {glue:text}`kappa_star:.4f`, i.e. $K \ge$
#   {glue:text}`K_star:.0f` at the paper's $\beta$, $b_1$, $c$.

# %%
beyond_pages.b2_table(params, [0.0, 0.5, 1.0, 1.2, 1.3, 1.4, 1.41, 1.5, 1.9])

# %% [markdown]
# The table varies $b_2$ alone, everything else at the paper's values
# (computed in one vectorised call).
#
# ## Finding
#
# Revenue sharing with the paper's wholesale price is acceptable only where
# $b_2^2 < b_1\gamma_1$ — half of the model's domain — and only if the
# platform's fixed cost is small against the market's profit scale; where it is
# acceptable, the band narrows and moves towards $\lambda = 1$ as service
# matters more. The paper's point ($\rho = 1/4$) is comfortably inside.
# {glue:md}`band_finding:myst`
