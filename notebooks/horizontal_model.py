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
# # §3.1 The horizontal alliance: model and assumptions
#
# The horizontal alliance of {doc}`alliance` has two members: the cross-border
# e-commerce platform (player 1, the leader) and a manufacturer (player 2, the
# follower), who supplies the products that the platform sells
# {cite:p}`wei2024`. This chapter states the model of the paper's §3.1 — the
# decisions, the demand and cost functions, the two profit functions
# {eq}`eq1` and {eq}`eq2` — and the parameter domain on which `xbec` solves it.
# The three ways of playing the game are solved in the next chapters.

# %% tags=["parameters"]
# Parameters (papermill injects overrides after this cell).
beta = 200.0    # market size
b1 = 2.0        # price sensitivity of demand
b2 = 1.0        # service sensitivity of demand
gamma1 = 1.0    # logistics service cost coefficient
c = 10.0        # manufacturer's unit production cost
K = 10.0        # platform's maintenance cost
output_dir = "outputs"

# %% [markdown]
# Every number below is computed on this page, from the parameters above, by
# the package `xbec`:

# %%
import pandas as pd
import sympy as sp

import xbec
from xbec import book
from xbec.replication import paper, symbolic

params = xbec.HorizontalParams(beta=beta, b1=b1, b2=b2, gamma1=gamma1, c=c, K=K)

# %% [markdown]
# ## Players, decisions and hypotheses
#
# The paper's three assumptions are:
#
# 1. **Players.** The platform leads: it integrates the resources of every link
#    and supports the sale of the products. The manufacturer follows and
#    supplies the products. Both are rational and maximise their own profit.
#    The platform sets the retail price $p$ and the logistics service level
#    $s$; the manufacturer sets the wholesale price $\omega$ and produces at the
#    unit cost $c$; the platform pays a maintenance cost $K$. The hypotheses
#    are $\omega > c$ and $p > \omega$: both members earn a positive margin.
# 2. **Demand.** Market demand falls with the price and rises with the
#    logistics service level, linearly {cite:p}`chen2013,lejarza2022`:
#
#    $$
#    D = \beta - b_1 p + b_2 s, \qquad b_1, b_2 \ge 0,
#    $$
#
#    with $\beta$ the market size and $b_1$, $b_2$ the consumers' sensitivities
#    to price and to logistics service.
# 3. **Service cost.** Logistics service costs the platform a quadratic amount
#    {cite:p}`zhao2022`, $C(s) = \gamma_1 s^2 / 2$, with cost coefficient
#    $\gamma_1$: better service is increasingly expensive, which is why
#    logistics providers left alone keep it at a medium or low level, and why
#    the paper wants the alliance to set it jointly.
#
# ## The profit functions
#
# The platform earns the margin $p - \omega$ on every unit sold, pays for the
# logistics service and for maintenance; the manufacturer earns the margin
# $\omega - c$:
#
# $$
# \pi_1 = (p - \omega)(\beta - b_1 p + b_2 s) - \frac{1}{2}\gamma_1 s^2 - K
# $$ (eq1)
#
# $$
# \pi_2 = (\omega - c)(\beta - b_1 p + b_2 s)
# $$ (eq2)
#
# The alliance as a whole earns $\pi = \pi_1 + \pi_2$, eq (6) of
# {doc}`centralized_revenue_sharing`, in which $\omega$ cancels.
#
# `xbec.model.horizontal` implements {eq}`eq1` and {eq}`eq2` as `platform_profit` and
# `manufacturer_profit`, and `xbec.replication.symbolic.profit_functions()` holds the same
# two expressions in SymPy, from which every closed form of the next chapters is
# re-derived:

# %%
profits = symbolic.profit_functions()  # eqs (1), (2), (6), (7) as SymPy expressions
book.equations({r"\pi_1": profits["pi1"], r"\pi_2": profits["pi2"]})

# %%
n_points = 200
# numeric eqs (1)-(2) against their SymPy forms, at random points
sym_gap = symbolic.profit_gap(params, points=n_points)
book.glue(sym_gap=sym_gap, n_points=n_points)

# %% [markdown]
# At {glue:text}`n_points` random points $(p, \omega, s)$, the numeric functions and the SymPy
# expressions differ by at most {glue:text}`sym_gap:.1e`.
#
# ## Parameters
#
# The numerical section (§5.1) fixes the six parameters. This page, like every
# page of the book, is computed from the parameters of its `parameters` cell
# above; a papermill run (`xbec run`) can change them.

# %%
meaning = {
    "beta": (r"$\beta$", "market size"),
    "b1": ("$b_1$", "price sensitivity of demand"),
    "b2": ("$b_2$", "service sensitivity of demand"),
    "gamma1": (r"$\gamma_1$", "logistics service cost coefficient"),
    "c": ("$c$", "manufacturer's unit production cost"),
    "K": ("$K$", "platform's maintenance cost"),
}
parameters = pd.DataFrame(
    [
        (tex, what, getattr(params, k), paper.SECTION_5_1[k])
        for k, (tex, what) in meaning.items()
    ],
    columns=["symbol", "meaning", "this page", "paper (§5.1)"],
)
book.Md(book.table(parameters, {"this page": "g"}) + "\n" + book.paper_note(params))

# %% [markdown]
# ## The parameter domain
#
# `xbec.HorizontalParams` and the solvers refuse parameters for which the
# model has no meaningful solution, with a `ModelDomainError` that names the
# violated condition, instead of returning numbers that mean nothing. Besides
# the signs ($\beta, b_1, \gamma_1 > 0$; $b_2, c, K \ge 0$) there are two
# conditions.
#
# **Concavity: $2 b_1 \gamma_1 - b_2^2 > 0$.** The Hessian of the alliance's
# profit $\pi$ in $(p, s)$ is the paper's matrix {eq}`eq3`,
#
# $$
# \begin{bmatrix} -2 b_1 & b_2 \\ b_2 & -\gamma_1 \end{bmatrix},
# $$
#
# negative definite exactly when
# $2 b_1 \gamma_1 - b_2^2 > 0$. Without it the centralised problem (§3.3) has no
# maximum: raising the price and the service level together along the right
# direction raises profit without bound. The revenue-sharing problem (§3.4) has
# the Hessian below, whose determinant is positive for every share
# $0 < \lambda \le 1$ under the same condition:

# %%
sym = symbolic.SYMBOLS
# the Hessian of eq (7) in (p, s)
hessian7 = sp.hessian(profits["pi1(lambda)"], (sym["p"], sym["s"]))
book.equations({r"H_{(7)}": hessian7, r"\det H_{(7)}": sp.factor(hessian7.det())})

# %% [markdown]
# This is the condition of the paper's Proposition 1, once its typo $b_3$ is
# read as $b_2$; the platform's own problem in the Stackelberg game needs only
# the weaker $4 b_1 \gamma_1 - b_2^2 > 0$ (see {doc}`stackelberg`).
#
# **A market worth serving: $\beta > b_1 c$.** At the price $p = c$ and no
# service, demand is $\beta - b_1 c$. If that is not positive, no price above
# the production cost sells anything: the Stackelberg mark-up
# $x = 2\gamma_1(\beta - b_1 c)/(4 b_1\gamma_1 - b_2^2)$ is not positive, so the
# hypotheses $\omega > c$ and $p > \omega$ fail, and the centralised price is
# not above $c$. The solvers `xbec.decentralized` and `xbec.centralized` check
# this condition.

# %%
# 2 b1 gamma1 - b2^2, 4 b1 gamma1 - b2^2 and beta - b1 c
margins = params.domain_margins()
book.glue(
    det2=margins["concavity"],
    det4=margins["leader concavity"],
    margin=margins["market"],
)

# %% [markdown]
# For this page's parameters, $2 b_1\gamma_1 - b_2^2 =$ {glue:text}`det2:.4g`,
# $4 b_1\gamma_1 - b_2^2 =$ {glue:text}`det4:.4g` and
# $\beta - b_1 c =$ {glue:text}`margin:.4g`. Here is what the package says
# when a condition fails, at $b_2 = 1.01\sqrt{2 b_1\gamma_1}$ and at
# $\beta = b_1 c / 2$:

# %%
too_much_service = {"b2": 1.01 * (2 * params.b1 * params.gamma1) ** 0.5}
too_small_market = {"beta": params.b1 * params.c / 2}
for change in (too_much_service, too_small_market):
    try:
        xbec.decentralized(params.replace(**change))
    except xbec.ModelDomainError as err:
        print("ModelDomainError:", err)

# %% [markdown]
# ## Three ways to play
#
# | regime | who decides what | objective | paper | chapter |
# |---|---|---|---|---|
# | decentralised | platform: mark-up and $s$; then manufacturer: $\omega$ | each its own profit, {eq}`eq1` and {eq}`eq2` | §3.2 | {doc}`stackelberg` |
# | centralised | one decision maker: $p$ and $s$ | $\pi = \pi_1 + \pi_2$, eq (6) | §3.3 | {doc}`centralized_revenue_sharing` |
# | revenue sharing | manufacturer's $\omega^*(\lambda)$ fixed by contract; platform: $p$ and $s$ | platform keeps the share $\lambda$ of revenue, eq (7) | §3.4 | {doc}`centralized_revenue_sharing` |
