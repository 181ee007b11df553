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
import xbec
from xbec.replication.report import md_table, yes
import xbec.replication.numerics

params = xbec.HorizontalParams(beta=beta, b1=b1, b2=b2, gamma1=gamma1, c=c, K=K)
vparams = xbec.VerticalParams(mu=tuple(mu), phi=tuple(phi), theta=tuple(theta), weights=tuple(weights))
lam = xbec.replication.numerics.lambda_grid(lam_min, lam_max, lam_step)

# %% tags=["remove-cell"]
import numpy as np
import sympy as sp
from IPython.display import Markdown
from myst_nb import glue

import xbec.replication.symbolic as S
from xbec.model import vertical as Vt

on_paper = params == xbec.HorizontalParams() and vparams == xbec.VerticalParams()
n = vparams.n
names = list(xbec.member_names(n))


def L(expr) -> str:
    return sp.latex(expr)


def z(x: float) -> float:
    """-0.00 -> 0.00"""
    return 0.0 if abs(x) < 5e-9 else float(x)


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

# %% tags=["remove-input"]
rf = S.raiffa_from_procedure(4)
lines = " \\\\\n".join(
    f"\\underline{{x}}_{i + 1} &= {L(rf['lower'][i])}, & x_{i + 1} &= {L(rf['averaged'][i])}"
    for i in range(4)
)
Markdown("$$\n\\begin{aligned}\n" + lines + "\n\\end{aligned}\n$$\n")

# %% [markdown]
# which are the printed lower limits and eq {eq}`eq13`. The same holds for every
# size checked:

# %% tags=["remove-input"]
rows = [(f"`{ch.key}`", yes(ch.agrees)) for ch in S.checks() if ch.key.startswith(("eq (11)", "eq (13)"))]
Markdown(md_table(["check (`xbec.replication.symbolic.checks()`)", "printed = derived"], rows)
         + "\nEq (12) is read literally: $x_j = (V - \\mu_j)/2$ and "
         "$x_i = \\underline{x}_i + (V - \\mu_j)/(2(n-1))$.\n")

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
# weights $0.7$ and $0.3$; it assumes that the platform and the logistics
# providers deliver the same service level $s^*(\lambda)$, so the $s_i$ term
# would not distinguish the members. `xbec.service_shares` computes $F$ from
# {eq}`eq14` with these two criteria (or three, if service levels are given):

# %% tags=["remove-input"]
F = vparams.F
rows = [(i + 1, names[i], f"{vparams.mu[i]:g}", f"{vparams.phi[i]:g}", f"{vparams.theta[i]:g}",
         f"{F[i]:.4f}", f"{z(F[i] - 1 / n):+.4f}") for i in range(n)]
rows.append(("", "**sum**", "", f"{sum(vparams.phi):g}", f"{sum(vparams.theta):g}", f"{F.sum():.4f}",
             f"{z((F - 1 / n).sum()):+.4f}"))
note = "" if on_paper else "\n*These are not the paper's inputs (§5.2); see {doc}`table2_fig3` for those.*\n"
Markdown(md_table(["$i$", "member", "$\\mu_i$", "$\\varphi_i$", "$\\theta_i$", "$F_i$", "$F_i - 1/n$"], rows)
         + f"\nWeights: $\\varphi$: {vparams.weights[0]:g}, $\\theta$: {vparams.weights[1]:g}.\n" + note)

# %% [markdown]
# ## An example allocation

# %% tags=["remove-cell"]
try:
    lam0 = float(lam[0])
    V = float(xbec.revenue_sharing(params, lam0).pi_platform)
    source = f"the platform's profit under revenue sharing at $\\lambda = {lam0:g}$, the first share of the grid"
except xbec.ModelDomainError:
    V = float(xbec.decentralized(params).pi_platform)
    source = "the platform's decentralised profit $\\pi_1^*$ (revenue sharing is not defined at the grid's first share)"
lower = Vt.raiffa_lower_limits(vparams.mu)
upper = Vt.raiffa_upper_limits(V, vparams.mu)
x13 = Vt.raiffa(V, vparams.mu)
x15 = Vt.improved_raiffa(V, vparams.mu, vparams.F)
glue("V_example", V, display=False)
glue("V_source", Markdown(source), display=False)
glue("alloc_gap", float(abs(x15.sum() - V)), display=False)
ranking = [names[i] for i in np.argsort(-x15)]
glue("ranking", ", ".join(ranking), display=False)
total_lower = float(lower.sum())
if V < total_lower:
    limits_note = (
        f"With these inputs $V(N)$ is smaller than the sum of the lower limits, $\\sum_k \\mu_k/(n-1) = "
        f"{total_lower:.2f}$: the coalitions of $n - 1$ members are together worth more than the grand "
        "coalition can pay (the game is not superadditive in this sense), so every 'upper limit' "
        "$V(N) - \\mu_i$ lies below the member's lower limit. Eq (13) still allocates exactly $V(N)$, "
        "but the limits no longer bracket the shares."
    )
else:
    limits_note = (
        f"Here $V(N)$ exceeds the sum of the lower limits, $\\sum_k \\mu_k/(n-1) = {total_lower:.2f}$, "
        "so the surplus over the lower limits is shared."
    )
glue("limits_note", Markdown(limits_note), display=False)

# %% [markdown]
# Take $V(N) =$ {glue:text}`V_example:.2f`, {glue:md}`V_source:myst`. The steps of
# §4 give:

# %% tags=["remove-input"]
rows = [(i + 1, names[i], f"{lower[i]:.2f}", f"{upper[i]:.2f}", f"{x13[i]:.2f}",
         f"{(F[i] - 1 / n) * V:+.2f}", f"**{x15[i]:.2f}**") for i in range(n)]
rows.append(("", "**sum**", f"{lower.sum():.2f}", "", f"{x13.sum():.2f}", f"{z(((F - 1 / n) * V).sum()):+.2f}",
             f"**{x15.sum():.2f}**"))
Markdown(md_table(["$i$", "member", "lower limit $\\underline{x}_i$", "upper limit $\\overline{x}_i$",
                   "Raiffa $x_i$ {eq}`eq13`", "correction $\\Delta x_i^*$", "improved $x_i^*$ {eq}`eq15`"], rows))

# %% [markdown]
# {glue:md}`limits_note:myst`
#
# The improved allocation sums to $V(N)$ up to {glue:text}`alloc_gap:.1e`; it
# ranks the members {glue:text}`ranking`. {doc}`table2_fig3` applies it to
# every share of the grid (Table 2) and to the decentralised profit.
#
# ## Why not the Shapley value?
#
# Most studies share an alliance's profit by the Shapley value. The paper
# prefers the Raiffa rule because the Shapley value's computation grows
# exponentially with the number of members and needs data that are hard to
# collect, whereas the Raiffa rule respects lower and upper limits of each share
# and is easy to apply {cite:p}`yang2020,hu2011`. The data requirement is the
# real difference: eq {eq}`eq13` needs $n + 1$ numbers — $V(N)$ and the $\mu_i$
# — while the Shapley value needs the worth of every one of the $2^n - 1$
# coalitions. §5.2 gives only the former, so the Shapley value of the paper's
# vertical alliance is not determined by its data, and no comparison with it can
# be made without further assumptions. The package computes the exact Shapley
# value of any game whose worths are given (`xbec.shapley`, up to 26 players);
# comparisons under stated assumptions on the missing worths belong to the
# extensions beyond the paper.
