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
# share, {glue:text}`paper_lo` $\le \lambda \le$ {glue:text}`paper_hi`, at one
# parameter point (§5.1): there both firms earn more than in the decentralised
# Stackelberg game and the leader earns more than the follower. This chapter
# asks where else in parameter space the contract is acceptable at all, and
# how wide the band is.
#
# The band's three conditions $\pi_1(\lambda) > \pi_1^*$,
# $\pi_2(\lambda) > \pi_2^*$ and $\pi_1(\lambda) > \pi_2(\lambda)$ (plus
# positive demand) are quadratic inequalities in $\lambda$ once multiplied by
# $\delta(\lambda)^2 = (b_1\gamma_1 - \lambda b_2^2)^2$. `xbec.beyond.band_arrays`
# computes the quadratics' coefficients as arrays over a whole grid of
# parameters and solves them with the one band solver of the model
# (`xbec.acceptable_lambda` is its scalar front end) — with no Python loop
# over grid points. Points where the model itself has no solution are marked
# separately from points where the band is empty: concavity needs
# $2 b_1\gamma_1 - b_2^2 > 0$, and positive demand in the decentralised and
# centralised solutions needs $\beta > b_1 c$.

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
import pandas as pd

import xbec
from xbec import beyond, book
from xbec.figures import beyond as beyond_figures
from xbec.replication import paper

params = xbec.HorizontalParams(
    beta=beta, b1=b1, b2=b2, gamma1=gamma1, c=c, K=K
)
band = book.or_none(
    xbec.acceptable_lambda, params
)  # None: no share is acceptable (§3.4's conditions)

# %% tags=["hide-input"]
on_paper = book.on_paper(params)
book.glue(
    paper_lo=paper.SECTION_5_1["lam_lo"],
    paper_hi=paper.SECTION_5_1["lam_hi"],
    band_md=book.Md(
        f"At this page's parameters the band is $({band.lo:.4f}, {band.hi:.4f})$, of width "
        f"{band.hi - band.lo:.3f}"
        + (
            "; the paper's range is this interval rounded inward to two decimals."
            if on_paper
            else "."
        )
        if band
        else "At this page's parameters **no share is acceptable**: the band is empty."
    ),
    note=book.paper_note(params),
)

# %% [markdown]
# {glue:md}`band_md:myst`
# {glue:md}`note:myst`
#
# ## Service sensitivity and service cost: the map over $(b_2, \gamma_1)$

# %%
b2_grid, g_grid = (
    np.linspace(*b2_range, grid_n),
    np.linspace(*gamma1_range, grid_n),
)
m1 = beyond.band_map(params, "b2", b2_grid, "gamma1", g_grid)
check = beyond.band_map_check(
    m1, check_points
)  # the scalar solver at random grid points
status_names = {
    beyond.BAND_OK: "band non-empty",
    beyond.BAND_EMPTY: "band empty",
    beyond.BAND_DISJOINT: "band split",
    beyond.DOMAIN_CONCAVITY: "outside: not concave",
    beyond.DOMAIN_MARKET: "outside: no market",
}
shares = pd.DataFrame(
    {
        "map": ["(b2, gamma1)"],
        **{name: [m1.fraction(k)] for k, name in status_names.items()},
    }
)
shares.style.hide(axis="index").format(
    "{:.1%}", subset=list(status_names.values())
)


# %% tags=["hide-input"]
def widths(m, what):
    """A sentence on the band widths of a map, or that the map has no band."""
    w = m.width[m.status == beyond.BAND_OK]
    return book.Md(
        what.format(lo=w.min(), hi=w.max())
        if w.size
        else "No point of this map has a band."
    )


def star(x, y):
    """The figures' star is labelled "the paper's values": drawn only at the paper's parameters."""
    return (x, y) if on_paper else None


outside = m1.fraction(beyond.DOMAIN_CONCAVITY) + m1.fraction(
    beyond.DOMAIN_MARKET
)
book.glue(
    grid_n=grid_n,
    grid_points=grid_n**2,
    check_points=check.checked,
    check_worst=check.worst,
    check_mismatches=check.mismatches,
    m1_ok=m1.fraction(beyond.BAND_OK),
    m1_empty=m1.fraction(beyond.BAND_EMPTY),
    m1_domain=outside,
    m1_width=widths(m1, "The widest band on the map is {hi:.3f}."),
)
book.figure(
    beyond_figures.band_map_figure(m1, mark=star(params.b2, params.gamma1)),
    output_dir,
    "beyond_band_b2_gamma1",
    key="fig-band-b2-gamma1",
)

# %% [markdown]
# ```{glue:figure} fig-band-b2-gamma1
# :name: fig-band-b2-gamma1
# :alt: Three heat maps over service sensitivity b2 (horizontal) and service cost coefficient gamma1 (vertical) of the band's lower end, upper end and width; a light-grey wedge where the band is empty lies between the coloured region and a dark-grey region outside the model's domain; a red star marks the paper's values.
#
# The acceptable band over $(b_2, \gamma_1)$, other parameters at this
# page's values (the star marks the paper's values when the page runs at them). Light grey: the band is empty; dark grey: the model
# leaves its domain ($2b_1\gamma_1 \le b_2^2$). White lines are contours.
# Files: {download}`PNG <outputs/beyond_band_b2_gamma1.png>`,
# {download}`SVG <outputs/beyond_band_b2_gamma1.svg>`.
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
# is empty at {glue:text}`check_mismatches:d` of them (`beyond.band_map_check`).
#
# The band is non-empty on {glue:text}`m1_ok:.1%` of this map, empty on
# {glue:text}`m1_empty:.1%`, and {glue:text}`m1_domain:.1%` lies outside the
# model's domain. Stronger service sensitivity (larger $b_2$) or cheaper
# service (smaller $\gamma_1$) pushes the whole band towards $\lambda = 1$ and
# narrows it; the band closes well before concavity fails.
# {glue:md}`m1_width:myst`
#
# ## Market size and unit cost: the map over $(\beta, c)$

# %%
beta_grid, c_grid = (
    np.linspace(*beta_range, grid_n),
    np.linspace(*c_range, grid_n),
)
m2 = beyond.band_map(params, "beta", beta_grid, "c", c_grid)
shares.loc[1] = ["(beta, c)", *(m2.fraction(k) for k in status_names)]
shares.style.hide(axis="index").format(
    "{:.1%}", subset=list(status_names.values())
)

# %% tags=["hide-input"]
book.glue(
    m2_ok=m2.fraction(beyond.BAND_OK),
    m2_empty=m2.fraction(beyond.BAND_EMPTY),
    m2_domain=m2.fraction(beyond.DOMAIN_CONCAVITY)
    + m2.fraction(beyond.DOMAIN_MARKET),
    m2_width=widths(
        m2,
        "Where the band exists on this map its width only ranges from {lo:.4f} to {hi:.4f}.",
    ),
)
book.figure(
    beyond_figures.band_map_figure(m2, mark=star(params.beta, params.c)),
    output_dir,
    "beyond_band_beta_c",
    key="fig-band-beta-c",
)

# %% [markdown]
# ```{glue:figure} fig-band-beta-c
# :name: fig-band-beta-c
# :alt: Three heat maps over market size beta (horizontal) and unit cost c (vertical); the colours are almost uniform; a thin light-grey strip of empty bands runs along the diagonal boundary beta = b1 c, beyond which a grey region lies outside the model's domain.
#
# The acceptable band over $(\beta, c)$, other parameters at this page's
# values (star: the paper's values, as above). Grey: the model leaves its domain ($\beta \le b_1 c$); light
# grey: band empty. Files: {download}`PNG <outputs/beyond_band_beta_c.png>`,
# {download}`SVG <outputs/beyond_band_beta_c.svg>`.
# ```
#
# {glue:md}`m2_width:myst` The band is
# non-empty on {glue:text}`m2_ok:.1%` of the map and empty on
# {glue:text}`m2_empty:.1%`, in a strip along the domain boundary
# $\beta = b_1 c$ ({glue:text}`m2_domain:.1%` of the map lies beyond it). The
# next section explains why.
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
# $(\beta, c)$ only $\kappa$ moves, and it is small except next to
# $\beta = b_1 c$, hence the flat map.
#
# Where does the band close? `beyond.band_closing_rho` and
# `beyond.band_closing_kappa` find the root of the band's width (taken as
# negative where the band is empty) with `scipy.optimize.brentq`, in $\rho$ at
# this page's $\kappa$ over $[0, 1)$ and in $\kappa$ at this page's $\rho$ over
# $[0, 10]$:

# %%
rho0, kappa0 = beyond.dimensionless_groups(params)
rho_star = beyond.band_closing_rho(
    kappa0
)  # the band is empty from here on, in rho
kappa_star = beyond.band_closing_kappa(rho0)  # ... and in kappa
no_service = beyond.band_dimensionless(0.0, 0.0)  # rho = kappa = 0
u = params.beta - params.b1 * params.c
closing = pd.Series(
    {
        "rho (this page)": rho0,
        "kappa (this page)": kappa0,
        "band empty from rho": rho_star,
        "... i.e. from b2": np.sqrt(2 * rho_star * params.b1 * params.gamma1),
        "band empty from kappa": kappa_star,
        "... i.e. from K": kappa_star * u**2 / params.b1,
        "band without service and K: lower end": float(no_service.lo),
        "band without service and K: upper end": float(no_service.hi),
    }
)
closing.to_frame("value").style.format("{:.4g}")

# %% tags=["hide-input"]
book.glue(
    rho0=rho0,
    kappa0=kappa0,
    rho_star=rho_star,
    b2_star=closing["... i.e. from b2"],
    kappa_star=kappa_star,
    K_star=closing["... i.e. from K"],
    rho0_lo=float(no_service.lo),
    rho0_hi=float(no_service.hi),
    rho_closing_md=book.Md(
        "at this page's $\\kappa$ the band is empty already without service, so it does not close in "
        "$\\rho$: it never opens"
        if rho_star == 0.0
        else f"the root in $\\rho$ at this page's $\\kappa$ is $\\rho = {rho_star:.4f}$ (at this page's $b_1$, "
        f"$\\gamma_1$: $b_2 = {closing['... i.e. from b2']:.3f}$)"
    ),
)
fig = beyond_figures.band_dimensionless_figure(
    np.linspace(0.0, 1.05, 2101),
    [0.0, 0.01, 0.05, 0.1, 0.15],
    mark=star(rho0, kappa0),
)
book.figure(fig, output_dir, "beyond_band_rho_kappa", key="fig-band-rho-kappa")

# %% [markdown]
# ```{glue:figure} fig-band-rho-kappa
# :name: fig-band-rho-kappa
# :alt: Curves of the lower and upper end of the acceptable band against rho for five values of kappa; all upper ends coincide and rise to the top of the axis where rho reaches one half; the lower ends rise with kappa; nothing is acceptable between rho one half and the domain limit rho one; red stars mark the paper's band.
#
# The band against $\rho$ for several $\kappa$ (shaded between each pair of
# curves); the stars are the paper's band (shown at the paper's parameters). Without service and fixed cost the
# band is ({glue:text}`rho0_lo:.2f`, {glue:text}`rho0_hi:.2f`). Files:
# {download}`PNG <outputs/beyond_band_rho_kappa.png>`,
# {download}`SVG <outputs/beyond_band_rho_kappa.svg>`.
# ```
#
# This page sits at $\rho$ = {glue:text}`rho0:.2f`,
# $\kappa$ = {glue:text}`kappa0:.1e`. Three regularities:
#
# - **The band closes at $b_2^2 = b_1\gamma_1$**, i.e. $\rho = 1/2$, half
#   way to the edge of the model's domain ($\rho = 1$): {glue:md}`rho_closing_md:myst`.
#   The reason is the term
#   $A = \beta - b_1 p^{2*} = u\,(b_1\gamma_1 - b_2^2)/(2b_1\gamma_1 - b_2^2)$:
#   once $b_2^2 > b_1\gamma_1$, the wholesale price of eq (10) can align the
#   price only with zero or negative demand for every $\lambda$ below the
#   singular share $b_1\gamma_1/b_2^2$, and the band shrinks to
#   $\lambda \to 1$ as $\rho \to 1/2$.
# - **Without service** ($\rho = 0$, $\kappa = 0$) the band is
#   ({glue:text}`rho0_lo:.2f`, {glue:text}`rho0_hi:.2f`): the leader
#   condition gives the lower end, the manufacturer's participation the upper.
# - **$K$ moves only the lower end** (the manufacturer's profit does not
#   contain $K$, and $K$ cancels from $\pi_1(\lambda) - \pi_1^*$; only the
#   leader condition $\pi_1 > \pi_2$ feels it); at this page's $\rho$ the band
#   is empty once $\kappa \ge$ {glue:text}`kappa_star:.4f`, i.e. $K \ge$
#   {glue:text}`K_star:.0f` at this page's $\beta$, $b_1$, $c$.
#
# The band for several $b_2$, everything else at this page's values, in one
# vectorised call:

# %%
b2_values = np.array([0.0, 0.5, 1.0, 1.2, 1.3, 1.4, 1.41, 1.5, 1.9])
r = beyond.band_arrays(**{**params.as_dict(), "b2": b2_values})
pd.DataFrame(
    {
        "b2": b2_values,
        "rho": b2_values**2 / (2 * params.b1 * params.gamma1),
        "status": [status_names[int(s)] for s in r.status],
        "lower end": r.lo,
        "upper end": r.hi,
        "width": r.width,
    }
).style.hide(axis="index").format(
    {
        "b2": "{:g}",
        "rho": "{:.3f}",
        "lower end": "{:.4f}",
        "upper end": "{:.4f}",
        "width": "{:.4f}",
    },
    na_rep="–",
)

# %% [markdown]
# ## Finding
#
# Revenue sharing with the paper's wholesale price is acceptable only where
# $b_2^2 < b_1\gamma_1$ — half of the model's domain — and only if the
# platform's fixed cost is small against the market's profit scale; where it is
# acceptable, the band narrows and moves towards $\lambda = 1$ as service
# matters more. {glue:md}`band_md:myst`
