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
from xbec.replication import pages, vertical_pages

page = pages.setup(globals())
params, vparams, lam = page.params, page.vparams, page.lam

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
vertical_pages.raiffa_procedure_md(4)

# %% [markdown]
# which are the printed lower limits and eq {eq}`eq13`. The same holds for every
# size checked:

# %% tags=["remove-input"]
vertical_pages.raiffa_checks_md()

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
vertical_pages.service_share_table(page)

# %% [markdown]
# ## An example allocation

# %% tags=["remove-cell"]
pages.glue_all(vertical_pages.example_allocation(page))

# %% [markdown]
# Take $V(N) =$ {glue:text}`V_example:.2f`, {glue:md}`V_source:myst`. The steps of
# §4 give:
#
# ```{glue:md} alloc_table
# :format: myst
# ```
#
# {glue:md}`limits_note:myst`
#
# The improved allocation sums to $V(N)$ up to {glue:text}`alloc_gap:.1e`; it
# ranks the members {glue:text}`ranking`. {doc}`table2_fig3` applies it to
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
# value of any game whose worths are given (`xbec.shapley`, up to 26 players);
# comparisons under stated assumptions on the missing worths belong to the
# extensions beyond the paper.
