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
# platform ($1$), domestic logistics ($2$), international carrier ($3$), foreign
# logistics ($4$) — with the Raiffa rule (eq 13) corrected for the services each
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
import pandas as pd

import xbec
from xbec import beyond, book
from xbec.figures import beyond as beyond_figures
from xbec.replication import paper

params = xbec.HorizontalParams(
    beta=beta, b1=b1, b2=b2, gamma1=gamma1, c=c, K=K
)
vp = xbec.VerticalParams(
    mu=tuple(mu), phi=tuple(phi), theta=tuple(theta), weights=tuple(weights)
)
V = float(
    xbec.revenue_sharing(params, lam).pi_platform
)  # V(N) = pi1(lam), eq (7) with eq (10)
table = beyond.vertical_game(
    V, vp.mu, pair_factor=pair_factor, singleton=singleton
)  # every coalition's worth
n = vp.n
coalitions = sorted(range(1, 1 << n), key=lambda m: (-bin(m).count("1"), m))
source = {
    n: "V(N) = π₁(λ) (§5.2)",
    n - 1: "given in §5.2 (μ)",
    1: "assumed: alone",
}
pd.DataFrame(
    {
        "coalition": [
            "{" + ", ".join(str(i + 1) for i in range(n) if m >> i & 1) + "}"
            for m in coalitions
        ],
        "worth": [table[m] for m in coalitions],
        "source": [
            source.get(
                bin(m).count("1"), "assumed: t × weakest triple containing it"
            )
            for m in coalitions
        ],
    }
).style.hide(axis="index").format({"worth": "{:.2f}"})

# %% tags=["hide-input"]
book.glue(
    lam=lam,
    V=V,
    pair_factor=pair_factor,
    singleton=singleton,
    sum_mu_3=sum(vp.mu) / (n - 1),
    mu_md=book.Md("$(" + ", ".join(f"{m:g}" for m in vp.mu) + ")$"),
    note=book.paper_note(params, vp),
)

# %% [markdown]
# ## The coalition worths the paper does not give
#
# {glue:md}`note:myst`
# The paper states only the grand coalition's worth and the four three-member
# worths $V(N \setminus \{i\}) = \mu_i$ = {glue:md}`mu_md:myst` — all that
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
# ## Four rules at this page's values

# %%
comp = book.or_none(
    beyond.compare_allocations,
    V,
    vp.mu,
    vp.F,
    pair_factor=pair_factor,
    singleton=singleton,
)
# The nucleolus needs an imputation: V(N) at least the stand-alone worths.
if comp is None:
    shown = book.Md(
        f"Here $V(N) = {V:.2f}$ is below the members' stand-alone worths "
        f"$n\\,v(\\{{i\\}}) = {n * singleton:g}$: no imputation exists, so the "
        "nucleolus is undefined and the core is empty. Nothing below this point "
        "can be computed at these parameters."
    )
else:
    shown = pd.DataFrame(
        {
            **{
                name: [x[i] for x in comp.allocations.values()]
                for i, name in enumerate(xbec.member_names(n))
            },
            "in the core": [
                "yes" if comp.core[r].in_core else "no"
                for r in comp.allocations
            ],
            "smallest excess": [
                comp.core[r].min_excess for r in comp.allocations
            ],
            "at coalition": [
                "{"
                + ", ".join(str(i + 1) for i in comp.core[r].worst_coalition)
                + "}"
                for r in comp.allocations
            ],
        },
        index=list(comp.allocations),
    ).style.format("{:.2f}", subset=[*xbec.member_names(n), "smallest excess"])
shown

# %% tags=["hide-input"]
if comp is not None:
    book.glue(
        core_nonempty="non-empty" if comp.core_nonempty else "empty",
        lce=comp.least_core_epsilon,
    )
    book.figure(
        beyond_figures.allocations_figure(comp),
        output_dir,
        "beyond_allocations",
        key="fig-allocations",
    )

# %% [markdown]
# ```{glue:figure} fig-allocations
# :name: fig-allocations
# :alt: Grouped bars of the four rules' allocations to each member of the vertical alliance; hatched bars lie outside the core; black ticks mark each member's largest core payoff.
#
# Allocations of $V(N) = \pi_1(\lambda)$ by the four rules; hatched bars lie
# outside the core; black ticks are each member's largest core payoff
# $V(N) - \mu_i$ (above it, the other members would do better alone). Files:
# {download}`PNG <outputs/beyond_allocations.png>`,
# {download}`SVG <outputs/beyond_allocations.svg>`.
# ```
#
# The improved Raiffa rule moves profit towards the members that invest more
# ($F$ of eq 14): at the paper's values the platform gets far more, the
# international carrier far less than under any other rule, and the Shapley
# value, which rewards marginal contributions, is the most even split. With
# these assumptions the core is {glue:text}`core_nonempty` (least-core
# $\varepsilon$ = {glue:text}`lce:.2f`; non-positive means non-empty).
#
# ## How the conclusions move with the assumed pair worths
#
# The exact intervals of $t$ in which each rule is in the core (no grid: the
# Raiffa rules do not depend on $t$, the Shapley value is affine in $t$, and
# the nucleolus is in the core exactly when the core is non-empty):

# %%
if comp is not None:
    limits = beyond.core_limits(V, vp.mu, vp.F, singleton=singleton)
    t_star = beyond.core_nonempty_pair_factor_limit(
        V, vp.mu, singleton=singleton
    )  # core empty beyond
    sens = beyond.allocation_sensitivity(
        V,
        vp.mu,
        vp.F,
        np.linspace(0.0, 1.0, sensitivity_points),
        singleton=singleton,
    )
    shown = pd.DataFrame(
        limits, index=["in the core from t", "to t"]
    ).T.style.format("{:.4f}", na_rep="never")
shown

# %% tags=["hide-input"]
if comp is not None:
    raiffa, improved, shapley_, _ = beyond.RULES
    at_zero = [
        r for r, (lo, hi) in limits.items() if lo <= 0.0 <= hi
    ]  # in the core with worthless pairs
    book.glue(
        t_star=t_star,
        t_r=limits[raiffa][1],
        t_ir=limits[improved][1],
        t_sh=limits[shapley_][1],
        at_zero=book.Md(
            (
                "all four rules are"
                if len(at_zero) == len(limits)
                else (", ".join(at_zero) or "no rule")
                + (" is" if len(at_zero) == 1 else " are")
            )
            + f" in the core at $\\lambda = {lam:g}$"
        ),
    )
    book.figure(
        beyond_figures.allocation_sensitivity_figure(sens, core_limit=t_star),
        output_dir,
        "beyond_allocation_sensitivity",
        key="fig-allocation-sensitivity",
    )
    first_out = min(
        beyond.RULES[:3], key=lambda r: limits[r][1]
    )  # the nucleolus stays while the core is non-empty
    t_first = limits[first_out][1]
    book.glue(
        first_out=book.Md(
            f"{first_out} ($t > {t_first:.3f}$)"
            if t_first < 1.0
            else "none: every rule stays in the core up to $t = 1$"
        )
    )
else:  # what the prose refers to does not exist at these parameters
    book.glue(
        core_nonempty="empty",
        lce=np.nan,
        t_star=np.nan,
        t_r=np.nan,
        t_ir=np.nan,
        t_sh=np.nan,
        first_out=book.Md("none (no allocation exists)"),
        at_zero=book.Md("no allocation exists"),
    )

# %% [markdown]
# ```{glue:figure} fig-allocation-sensitivity
# :name: fig-allocation-sensitivity
# :alt: One panel per member of each rule's allocation against the assumed pair factor t from zero to one; Raiffa and improved Raiffa are flat, Shapley moves linearly, the nucleolus is piecewise linear; open markers show allocations outside the core, a grey band on the right marks where the core is empty.
#
# Each member's allocation against the assumed pair factor $t$ (at
# $V(N) = \pi_1(\lambda)$); filled markers are in the core, open markers are
# not; grey: the core is empty. Files:
# {download}`PNG <outputs/beyond_allocation_sensitivity.png>`,
# {download}`SVG <outputs/beyond_allocation_sensitivity.svg>`.
# ```
#
# At $\lambda =$ {glue:text}`lam:.2f`: the improved Raiffa allocation is in
# the core up to $t =$ {glue:text}`t_ir:.3f` (at the paper's values it then
# gives the carrier and the foreign logistics firm together less than the pair
# $\{3, 4\}$ could earn); plain Raiffa up to $t =$ {glue:text}`t_r:.3f`,
# Shapley up to {glue:text}`t_sh:.3f`, and the core itself is empty beyond
# $t =$ {glue:text}`t_star:.3f`.
#
# ## …and with the revenue share λ

# %% [markdown]
# The smallest $\lambda$ at which each rule's allocation of
# $V(N) = \pi_1(\lambda)$ is in the core, for a few assumed pair factors $t$
# (`beyond.core_lambda_bounds`; "never": no $\lambda$ in $(0, 1]$ does it):

# %%
band = book.or_none(
    xbec.acceptable_lambda, params
)  # §3.4's band at this page's parameters
lam_core = book.or_none(
    beyond.core_nonempty_lambda, params, vp.mu, singleton=singleton
)  # any t
bounds = beyond.core_lambda_bounds(
    params,
    vp.mu,
    vp.F,
    np.linspace(0.0, 1.0, bounds_points),
    singleton=singleton,
)
pd.DataFrame(
    dict(bounds.lo), index=pd.Index(bounds.pair_factors, name="t")
).iloc[:: max(1, (bounds_points - 1) // 4)].style.format(
    "{:.4f}", na_rep="never"
).format_index("{:.2f}")

# %% tags=["hide-input"]
on_paper = book.on_paper(params, vp)
printed = (
    float(paper.CONCLUSIONS["lam_lo"]),
    float(paper.CONCLUSIONS["lam_hi"]),
)  # §5.2's printed band
book.figure(
    beyond_figures.core_lambda_figure(
        bounds, band=printed if on_paper else None
    ),
    output_dir,
    "beyond_core_lambda",
    key="fig-core-lambda",
)
ir_lam0 = book.or_none(
    beyond.core_lambda_interval,
    params,
    vp.mu,
    vp.F,
    beyond.RULES[1],
    singleton=singleton,
)
if lam_core is None or band is None:
    lam_md = (
        "No $\\lambda$ in $(0, 1]$ makes the core non-empty here: $\\pi_1(\\lambda)$ stays below "
        f"$\\sum_i \\mu_i / 3 = {sum(vp.mu) / (n - 1):.0f}$."
        if lam_core is None
        else f"The core is non-empty for $\\lambda \\ge {lam_core:.4f}$ whatever the pairs are worth, but §3.4's "
        "band is empty here, so there is no acceptable share to compare with."
    )
else:
    V_top = float(
        xbec.revenue_sharing(params, band.hi).pi_platform
    )  # the top of the band
    t_top = beyond.core_limits(V_top, vp.mu, vp.F, singleton=singleton)[
        beyond.RULES[1]
    ][1]
    lam_md = (
        (
            "The bottom of §3.4's band $({:.4f}, {:.4f})$, up to {:.4f}, is therefore unstable for every rule, and so "
            "is the decentralised case of §5.2 ($V(N) = \\pi_1^* = {:.2f}$)."
            if band.lo < lam_core
            else "The whole of §3.4's band $({:.4f}, {:.4f})$ lies above {:.4f}; the decentralised case of §5.2 "
            "($V(N) = \\pi_1^* = {:.2f}$) is {}."
        ).format(
            band.lo,
            band.hi,
            lam_core,
            xbec.decentralized(params).pi_platform,
            "unstable"
            if xbec.decentralized(params).pi_platform < sum(vp.mu) / (n - 1)
            else "stable when pairs are worthless",
        )
        + (
            ""
            if ir_lam0 is None
            else f" Even with worthless pairs the improved Raiffa allocation enters the core "
            f"only from $\\lambda = {ir_lam0.lo:.4f}$ (below that it gives the platform more than "
            f"$V(N) - V(\\{{2,3,4\\}})$)"
        )
        + (
            "."
            if np.isnan(t_top)
            else f", and for $t > {t_top:.3f}$ no $\\lambda$ in the band puts it in the core."
        )
    )
entry = {
    r: lo[0]
    for r, lo in bounds.lo.items()
    if r != beyond.RULES[3] and np.isfinite(lo[0])
}  # at t = 0
book.glue(last_in=max(entry, key=entry.get) if entry else "no rule")
book.glue(
    lam_core=np.nan if lam_core is None else lam_core,
    lam_md=book.Md(lam_md),
    ir_lam0=np.nan if ir_lam0 is None else ir_lam0.lo,
    band_note=book.Md(
        f"the paper's band {printed[0]:g}–{printed[1]:g} of §5.2"
        if on_paper
        else "nothing (the paper's band is shown at the paper's parameters only)"
    ),
)

# %% [markdown]
# ```{glue:figure} fig-core-lambda
# :name: fig-core-lambda
# :alt: Curves of the smallest revenue share lambda at which each rule is in the core against the assumed pair factor t; the nucleolus curve (the core non-empty limit) is lowest; improved Raiffa's is highest, flat for small t and then rising; a shaded strip marks the paper's band.
#
# Above its curve a rule's allocation of $V(N) = \pi_1(\lambda)$ is in the
# core; the nucleolus curve is where the core becomes non-empty (it starts at
# {glue:text}`lam_core:.4f`), improved Raiffa's starts at
# {glue:text}`ir_lam0:.4f`. Shaded: {glue:md}`band_note:myst`. Files:
# {download}`PNG <outputs/beyond_core_lambda.png>`,
# {download}`SVG <outputs/beyond_core_lambda.svg>`.
# ```
#
# Whatever the pairs are worth, the core is **empty** when
# $V(N) < \sum_i \mu_i / 3 =$ {glue:text}`sum_mu_3:.0f` — exactly the sum of
# the Raiffa lower limits of eq (11): the four three-member coalitions, each
# weighted $1/3$, form a balanced collection, and by the Bondareva–Shapley
# theorem {cite:p}`bondareva1963` the core is empty; here that is
# $\lambda <$ {glue:text}`lam_core:.4f`. {glue:md}`lam_md:myst`
#
# ## Finding
#
# Raiffa and improved Raiffa need only the four triple worths, but stability
# needs the others: with worthless pairs {glue:md}`at_zero:myst`. As pairs
# gain worth, the first rule to leave the core is {glue:md}`first_out:myst`
# (the paper's choice is improved Raiffa, eq 15); as $\lambda$ grows with worthless pairs, the last to enter it is
# {glue:text}`last_in`. The nucleolus is in the core whenever the core is
# non-empty, which requires $\lambda \ge$ {glue:text}`lam_core:.3f` for any
# assumption.
