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
# # §4 The vertical alliance: Raiffa and improved Raiffa
#
# The vertical alliance of {doc}`alliance` links the platform with the
# logistics service providers along the route: a domestic logistics provider,
# an international carrier and a foreign logistics provider. They deliver the
# service level $s^*(\lambda)$ chosen by the platform under the revenue-sharing
# contract and share the platform's revenue, $V(N) = \pi_1(\lambda)$
# {cite:p}`wei2024`. The paper allocates $V(N)$ by an *improved Raiffa* rule
# {cite:p}`yang2023`: the Raiffa solution, corrected for the services each
# member undertakes {cite:p}`he2018`. This chapter states eqs {eq}`eq11`–{eq}`eq15`,
# re-derives eq {eq}`eq13` from the procedure of eqs {eq}`eq11`–{eq}`eq12`, and
# computes an example.

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
lam_min = 0.71
lam_max = 0.88
lam_step = 0.01
output_dir = "outputs"

# %%
import numpy as np
import pandas as pd
import sympy as sp

import xbec
from xbec import book
from xbec.model.vertical import (
    MAX_SHAPLEY_PLAYERS,
    core_facts,
    raiffa_lower_limits,
    raiffa_upper_limits,
)
from xbec.replication import numerics, paper, symbolic

params = xbec.HorizontalParams(
    beta=beta, b1=b1, b2=b2, gamma1=gamma1, c=c, K=K
)
vparams = xbec.VerticalParams(
    mu=tuple(mu), phi=tuple(phi), theta=tuple(theta), weights=tuple(weights)
)
lam = numerics.lambda_grid(lam_min, lam_max, lam_step)
names = xbec.member_names(vparams.n)
if not book.on_paper(params, vparams):
    display(book.paper_note(params, vparams))

# %% [markdown]
# The cell above builds the model objects from the parameters; the horizontal
# parameters matter here only through $V(N) = \pi_1(\lambda)$.
#
# ## §4.1 The Raiffa allocation
#
# The alliance is $N = \{1, \dots, n\}$, here $n = 4$: the platform (1), the
# domestic logistics provider (2), the international carrier (3) and the
# foreign logistics provider (4). Member $i$ receives $x_i$, with
# $\sum_i x_i = V(N)$, and $\mu_i = V(N \setminus \{i\})$ is what the other
# $n - 1$ members would earn without $i$.
#
# *Lower limits.* If every coalition of $n - 1$ members just received its
# worth,
#
# $$
# \sum_{k=1}^n x_k - x_1 = \mu_1, \quad \dots, \quad \sum_{k=1}^n x_k - x_n = \mu_n,
# $$ (eq11)
#
# then $\underline{x}_i = \frac{1}{n-1}\sum_{k=1}^n \mu_k - \mu_i$: the lower
# limit of member $i$'s share.
#
# *Upper limits and the averaging.* Member $j$ joining the other $n - 1$ adds
# $\overline{x}_j = V(N) - \mu_j$, the ideal upper limit of its share (the
# paper writes $B - \mu_i$). Splitting $\overline{x}_j$ equally between $j$ and
# the others, who are otherwise paid their lower limits,
#
# $$
# x_j = \frac{\overline{x}_j}{2}, \qquad x_i = \underline{x}_i + \frac{\overline{x}_j}{2(n-1)}, \quad i \ne j,
# $$ (eq12)
#
# and averaging these $n$ allocations over $j = 1, \dots, n$ gives the Raiffa
# allocation
#
# $$
# x_i = \frac{V(N)}{n} + \frac{2n-3}{2(n-1)}\Bigl[\frac{1}{n}\sum_{k=1}^n \mu_k - \mu_i\Bigr].
# $$ (eq13)
#
# SymPy repeats the procedure (`xbec.replication.symbolic.raiffa_from_procedure`): it
# solves {eq}`eq11`, builds the $n$ allocations {eq}`eq12` — each allocates
# exactly $V(N)$ — and averages them. For $n = 4$:

# %%
# solves eq (11), builds eq (12)'s allocations, averages them
rf = symbolic.raiffa_from_procedure(4)
book.Md(
    "$$\n\\begin{aligned}\n"
    + " \\\\\n".join(
        f"\\underline{{x}}_{i + 1} &= {sp.latex(lower)}, "
        f"& x_{i + 1} &= {sp.latex(averaged)}"
        for i, (lower, averaged) in enumerate(
            zip(rf["lower"], rf["averaged"])
        )
    )
    + "\n\\end{aligned}\n$$\n"
)

# %% [markdown]
# which are the printed lower limits and eq {eq}`eq13`. The same holds for every
# size checked:

# %%
checked = symbolic.raiffa_checks()  # eqs (11) and (13), n = 2 ... 6
book.table(
    pd.DataFrame(
        {
            "check": [symbolic.check_label(ch.key) for ch in checked],
            "printed = derived": [
                "✔" if ch.agrees else "✘" for ch in checked
            ],
        }
    )
)

# %% [markdown]
# Eq {eq}`eq12` is read literally: $x_j = (V - \mu_j)/2$ and
# $x_i = \underline{x}_i + (V - \mu_j)/(2(n-1))$.

# %% [markdown]
# ## §4.2 The improved Raiffa allocation
#
# Eq {eq}`eq13` treats the members as if they undertook equal services,
# $F_i = 1/n$ {cite:p}`he2018`. They do not: the platform coordinates all
# resources; the domestic provider procures, warehouses, transports and manages
# inventory; the carrier crosses the border; the foreign provider warehouses and
# distributes abroad. The paper measures the share of services member $i$
# undertakes by its cost $\varphi_i$, its service level $s_i$ and its business
# level $\theta_i$, with weights $M_1, M_2, M_3$:
#
# $$
# F_i = M_1\frac{\varphi_i}{\sum_k \varphi_k} + M_2\frac{s_i}{\sum_k s_k} + M_3\frac{\theta_i}{\sum_k \theta_k}.
# $$ (eq14)
#
# The difference from the ideal model, $\Delta F_i = F_i - 1/n$ (with
# $\sum_i \Delta F_i = 0$), corrects member $i$'s share by
# $\Delta x_i^* = \Delta F_i\, V(N)$:
#
# $$
# x_i^* = x_i + \Delta x_i^* = \frac{V(N)}{n} + \frac{2n-3}{2(n-1)}\Bigl[\frac{1}{n}\sum_{k=1}^n \mu_k - \mu_i\Bigr] + \Bigl(F_i - \frac{1}{n}\Bigr) V(N).
# $$ (eq15)
#
# Because $\sum_i F_i = 1$, eq {eq}`eq15` still allocates exactly $V(N)$, and
# each $x_i^*$ is affine in $V(N)$ with slope $F_i$: whenever the alliance
# earns more, every member with $F_i > 0$ gets more.
#
# **The two criteria of §5.2.** The numerical section uses only two criteria,
# the cost $\varphi_i$ and a level $\theta_i$ it calls the service level, with
# weights {glue:text}`paper_w_phi:g` and {glue:text}`paper_w_theta:g`; it assumes that the platform and the logistics
# providers deliver the same service level $s^*(\lambda)$, so the $s_i$ term
# would not distinguish the members. `xbec.service_shares` computes $F$ from
# {eq}`eq14` with these two criteria (or three, if service levels are given):

# %%
# eq (14), equal to vparams.F
F = xbec.service_shares(vparams.phi, vparams.theta, vparams.weights)
shares = pd.DataFrame(
    {
        "member": names,
        "$\\mu_i$": vparams.mu,
        "$\\varphi_i$": vparams.phi,
        "$\\theta_i$": vparams.theta,
        "$F_i$": F,
        "$F_i - 1/n$": F - 1 / vparams.n,
    },
    index=pd.RangeIndex(1, vparams.n + 1, name="$i$"),
)
book.table(
    shares,
    formats={
        "$\\mu_i$": "g",
        "$\\varphi_i$": "g",
        "$\\theta_i$": "g",
        "$F_i$": ".4f",
        "$F_i - 1/n$": "+.4f",
    },
    index=True,
)

# %% tags=["hide-input"]
book.glue(
    paper_w_phi=paper.value(
        paper.SECTION_5_2_INPUTS["weights"][0]
    ),  # the weights §5.2 prints
    paper_w_theta=paper.value(paper.SECTION_5_2_INPUTS["weights"][1]),
    max_players=MAX_SHAPLEY_PLAYERS,
)

# %% [markdown]
# ## An example allocation

# %% [markdown]
# Take for $V(N)$ the platform's profit under revenue sharing at the grid's
# first share (or, where the contract is not defined there, its decentralised
# profit $\pi_1^*$), and follow the steps of §4:

# %%
try:
    # V(N) = pi_1(lambda), eq (7)
    V = float(xbec.revenue_sharing(params, lam[0]).pi_platform)
    V_source = book.Md(
        "the platform's profit under revenue sharing at "
        f"$\\lambda = {lam[0]:g}$"
    )
except xbec.ModelDomainError:  # eq (10) is singular at lam[0]
    V = xbec.decentralized(params).pi_platform
    V_source = book.Md("the platform's decentralised profit $\\pi_1^*$")
lower = raiffa_lower_limits(vparams.mu)  # eq (11)
upper = raiffa_upper_limits(V, vparams.mu)  # V(N) - mu_j
x13 = xbec.raiffa(V, vparams.mu)  # eq (13)
x15 = xbec.improved_raiffa(V, vparams.mu, F)  # eq (15)
allocation = pd.DataFrame(
    {
        "member": names,
        "lower limit $\\underline{x}_i$": lower,
        "upper limit $\\overline{x}_i$": upper,
        "Raiffa $x_i$, eq (13)": x13,
        "correction $\\Delta x_i^*$": (F - 1 / vparams.n) * V,
        "improved $x_i^*$, eq (15)": x15,
    },
    index=pd.RangeIndex(1, vparams.n + 1, name="$i$"),
)
allocation.loc["sum"] = [
    "",
    lower.sum(),
    None,
    x13.sum(),
    np.round(((F - 1 / vparams.n) * V).sum(), 9) + 0.0,
    x15.sum(),
]  # the corrections sum to 0 up to float rounding
book.table(
    allocation, formats=dict.fromkeys(allocation.columns, ".2f"), index=True
)

# %% [markdown]
# Do the limits bracket the shares? What $V(N)$ and the $\mu_i$ alone say about
# the game (`xbec.model.vertical.core_facts`):

# %%
facts = core_facts(V, vparams.mu)
pd.DataFrame([facts._asdict()])


# %% tags=["hide-input"]
def limits_note(facts):
    """The paragraph on the limits, from the computed core facts."""
    sup = (
        "On the given coalitions the game is superadditive ($v(\\{i\\}) = 0$ and "
        f"$V(N) \\ge \\max_i \\mu_i = {max(vparams.mu):.2f}$)"
        if facts.superadditive
        else "The given worths are not superadditive ($V(N) < \\max_i \\mu_i$ or some $\\mu_i < 0$)"
    )
    if facts.core_empty:
        return book.Md(
            f"{sup}. But $V(N)$ is smaller than the sum of the lower limits, $\\sum_k \\mu_k/(n-1) = "
            f"{facts.sum_lower:.2f}$: the $n$ coalitions of $n - 1$ members, each weighted $1/(n-1)$, form a "
            "balanced collection, so the game is not balanced and, by the Bondareva–Shapley theorem "
            "{cite:p}`bondareva1963`, its **core is empty**: any split of $V(N)$ leaves some coalition of "
            "$n - 1$ members with less than its worth, whatever the unstated worths of the pairs. Every "
            "'upper limit' $V(N) - \\mu_i$ then lies below the member's lower limit; eq (13) still allocates "
            "exactly $V(N)$, but the limits no longer bracket the shares."
        )
    return book.Md(
        f"{sup}. Here $V(N)$ exceeds the sum of the lower limits, $\\sum_k \\mu_k/(n-1) = "
        f"{facts.sum_lower:.2f}$, so the surplus over the lower limits is shared."
    )


book.glue(
    V_example=V,
    V_source=V_source,
    limits_note=limits_note(facts),
    alloc_gap=abs(x15.sum() - V),
    ranking=book.Md(", ".join(names[i] for i in np.argsort(-x15))),
)

# %% [markdown]
# Here $V(N) =$ {glue:text}`V_example:.2f`, {glue:md}`V_source:myst`.
# {glue:md}`limits_note:myst`
#
# The improved allocation sums to $V(N)$ up to {glue:text}`alloc_gap:.1e`; it
# ranks the members {glue:md}`ranking:myst`. {doc}`table2_fig3` applies it to
# every share of the grid (Table 2) and to the decentralised profit.
#
# ## Why not the Shapley value?
#
# Most studies share an alliance's profit by the Shapley value
# {cite:p}`shapley1953`. The paper
# prefers the Raiffa rule {cite:p}`raiffa1953` because the Shapley value's computation grows
# exponentially with the number of members and needs data that are hard to
# collect, whereas the Raiffa rule respects lower and upper limits of each share
# and is easy to apply {cite:p}`yang2020,hu2011`. The data requirement is the
# real difference: eq {eq}`eq13` needs $n + 1$ numbers — $V(N)$ and the $\mu_i$
# — while the Shapley value needs the worth of every one of the $2^n - 1$
# coalitions. §5.2 gives only the former, so the Shapley value of the paper's
# vertical alliance is not determined by its data, and no comparison with it can
# be made without further assumptions. The package computes the exact Shapley
# value of any game whose worths are given (`xbec.shapley`, up to {glue:text}`max_players:d` players);
# comparisons under stated assumptions on the missing worths belong to the
# extensions beyond the paper.
