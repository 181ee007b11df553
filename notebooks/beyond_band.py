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

# %% tags=["hide-input"]
import time

import numpy as np
from IPython.display import Image, Markdown, display
from myst_nb import glue

import xbec
from xbec import beyond as an
from xbec.figures import beyond as ap

params = xbec.HorizontalParams(beta=beta, b1=b1, b2=b2, gamma1=gamma1, c=c, K=K)
band = xbec.acceptable_lambda(params)
glue("band_lo", float(band.lo), display=False)
glue("band_hi", float(band.hi), display=False)
glue("band_width", float(band.hi - band.lo), display=False)


def timed(fn, repeat=3):
    """Best-of-`repeat` wall-clock time of fn() and its result."""
    best, out = np.inf, None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    return best, out


# %% [markdown]
# At the paper's values the band is
# ({glue:text}`band_lo:.4f`, {glue:text}`band_hi:.4f`), of width
# {glue:text}`band_width:.3f`; the paper's $0.71 \le \lambda \le 0.88$ is this
# interval read on a 0.01 grid.
#
# ## Service sensitivity and service cost: the map over $(b_2, \gamma_1)$

# %% tags=["hide-input"]
b2_grid = np.linspace(*b2_range, grid_n)
g_grid = np.linspace(*gamma1_range, grid_n)
t_map, m1 = timed(lambda: an.band_map(params, "b2", b2_grid, "gamma1", g_grid))

# cross-check: random grid points re-solved one by one with the scalar solver
rng = np.random.default_rng(0)
worst, t0, checked = 0.0, time.perf_counter(), 0
for i, j in rng.integers(0, grid_n, size=(check_points, 2)):
    try:
        p = params.replace(b2=b2_grid[j], gamma1=g_grid[i])
    except xbec.ModelDomainError:
        assert m1.status[i, j] == an.DOMAIN_CONCAVITY
        continue
    checked += 1
    try:
        ref = xbec.acceptable_lambda(p)
    except xbec.ModelDomainError:
        assert m1.status[i, j] == an.BAND_EMPTY
        continue
    worst = max(worst, abs(ref.lo - m1.lo[i, j]), abs(ref.hi - m1.hi[i, j]))
t_scalar = (time.perf_counter() - t0) / check_points

glue("grid_n", int(grid_n), display=False)
glue("grid_points", int(grid_n * grid_n), display=False)
glue("t_map_ms", float(1e3 * t_map), display=False)
glue("t_scalar_s", float(t_scalar * grid_n * grid_n), display=False)
glue("check_points", int(checked), display=False)
glue("check_worst", float(worst), display=False)
glue("m1_ok", float(m1.fraction(an.BAND_OK)), display=False)
glue("m1_empty", float(m1.fraction(an.BAND_EMPTY)), display=False)
glue("m1_domain", float(m1.fraction(an.DOMAIN_CONCAVITY)), display=False)
ok = m1.status == an.BAND_OK
glue("m1_width_max", float(np.nanmax(m1.width[ok])), display=False)

fig = ap.band_map_figure(m1, mark=(params.b2, params.gamma1))
png, svg = xbec.figures.save(fig, output_dir, "beyond_band_b2_gamma1")
glue("fig-band-b2-gamma1", Image(filename=str(png)), display=False)

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
# ({glue:text}`grid_points:,` points) took {glue:text}`t_map_ms:.0f` ms
# (best of three runs, vectorised); solving the points one by one with the
# scalar solver `xbec.acceptable_lambda` would take about
# {glue:text}`t_scalar_s:.0f` s (extrapolated from the cross-check). On
# {glue:text}`check_points` random grid points inside the domain the two agree
# to {glue:text}`check_worst:.1e` in both ends, and agree on which bands are
# empty.
#
# The band is non-empty on {glue:text}`m1_ok:.1%` of this map, empty on
# {glue:text}`m1_empty:.1%`, and {glue:text}`m1_domain:.1%` lies outside the
# model's domain. Stronger service sensitivity (larger $b_2$) or cheaper
# service (smaller $\gamma_1$) pushes the whole band towards $\lambda = 1$ and
# narrows it; the band closes well before concavity fails. The widest band on
# the map is {glue:text}`m1_width_max:.3f`.
#
# ## Market size and unit cost: the map over $(\beta, c)$

# %% tags=["hide-input"]
t_map2, m2 = timed(lambda: an.band_map(params, "beta", np.linspace(*beta_range, grid_n),
                                         "c", np.linspace(*c_range, grid_n)))
ok2 = m2.status == an.BAND_OK
glue("t_map2_ms", float(1e3 * t_map2), display=False)
glue("m2_ok", float(m2.fraction(an.BAND_OK)), display=False)
glue("m2_empty", float(m2.fraction(an.BAND_EMPTY)), display=False)
glue("m2_domain", float(m2.fraction(an.DOMAIN_MARKET)), display=False)
glue("m2_width_min", float(np.nanmin(m2.width[ok2])), display=False)
glue("m2_width_max", float(np.nanmax(m2.width[ok2])), display=False)
fig = ap.band_map_figure(m2, mark=(params.beta, params.c))
png, svg = xbec.figures.save(fig, output_dir, "beyond_band_beta_c")
glue("fig-band-beta-c", Image(filename=str(png)), display=False)

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
# This map ({glue:text}`t_map2_ms:.0f` ms) is nearly flat: where the band
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

# %% tags=["hide-input"]
rho0, kappa0 = an.dimensionless_groups(params)
rho = np.linspace(0.0, 1.05, 2101)
kappas = [0.0, 0.01, 0.05, 0.1, 0.15]
fig = ap.band_dimensionless_figure(rho, kappas, mark=(rho0, kappa0))
png, svg = xbec.figures.save(fig, output_dir, "beyond_band_rho_kappa")
glue("fig-band-rho-kappa", Image(filename=str(png)), display=False)

# where does the band close?  (vectorised over fine grids)
fine = np.linspace(0.0, 0.999, 99901)
r_fine = an.band_dimensionless(fine, kappa0)
rho_star = float(fine[np.argmax(r_fine.status != an.BAND_OK)])
kap = np.linspace(0.0, 0.5, 50001)
r_kap = an.band_dimensionless(rho0, kap)
kappa_star = float(kap[np.argmax(r_kap.status != an.BAND_OK)])
u = params.beta - params.b1 * params.c
glue("rho0", float(rho0), display=False)
glue("kappa0", float(kappa0), display=False)
glue("rho_star", float(rho_star), display=False)
glue("b2_star", float(np.sqrt(2 * rho_star * params.b1 * params.gamma1)), display=False)
glue("kappa_star", float(kappa_star), display=False)
glue("K_star", kappa_star * u**2 / params.b1, display=False)
r0 = an.band_dimensionless(0.0, 0.0)
glue("rho0_lo", float(r0.lo), display=False)
glue("rho0_hi", float(r0.hi), display=False)

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
#   way to the edge of the model's domain ($\rho = 1$). On the fine grid it is
#   empty from $\rho$ = {glue:text}`rho_star:.4f` on (at the paper's $b_1$,
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
#   contain $K$); at the paper's $\rho$ the band is empty once
#   $\kappa \ge$ {glue:text}`kappa_star:.4f`, i.e. $K \ge$
#   {glue:text}`K_star:.0f` at the paper's $\beta$, $b_1$, $c$.

# %% tags=["hide-input"]
b2_values = np.array([0.0, 0.5, 1.0, 1.2, 1.3, 1.4, 1.41, 1.5, 1.9])
r = an.band_arrays(**{**params.as_dict(), "b2": b2_values})
rows = ["| $b_2$ | $\\rho$ | status | lower end | upper end | width |", "|---:|---:|---|---:|---:|---:|"]
for b, st, lo, hi, w in zip(b2_values, r.status, r.lo, r.hi, r.width):
    fmt = (lambda z: f"{z:.4f}") if st == an.BAND_OK else (lambda z: "–")
    rows.append(f"| {b:g} | {b**2 / (2 * params.b1 * params.gamma1):.3f} | {an.BAND_STATUS[int(st)]} | "
                f"{fmt(lo)} | {fmt(hi)} | {fmt(w)} |")
display(Markdown("\n".join(rows)))

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
# matters more. The paper's point ($\rho = 1/4$) is comfortably inside, with a
# band of width {glue:text}`band_width:.3f`.
