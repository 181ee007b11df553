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
# # §3.3–3.4 Centralised decisions and the revenue-sharing contract
#
# The Stackelberg game of {doc}`stackelberg` leaves money on the table: each
# member adds its own margin (double marginalisation), so the price is too high
# and the service level too low for the alliance as a whole. §3.3 of
# {cite:t}`wei2024` computes the benchmark in which one decision maker
# maximises the alliance's profit; §3.4 proposes a revenue-sharing contract
# (after {cite:t}`yang2020`) meant to reach that benchmark while leaving both
# members better off than in the game. This chapter re-derives both, corrects
# three errata, and computes the exact range of revenue shares $\lambda$ that
# both members accept.

# %% tags=["parameters"]
# Parameters (papermill injects overrides after this cell).
beta = 200.0    # market size
b1 = 2.0        # price sensitivity of demand
b2 = 1.0        # service sensitivity of demand
gamma1 = 1.0    # logistics service cost coefficient
c = 10.0        # manufacturer's unit production cost
K = 10.0        # platform's maintenance cost
output_dir = "outputs"

# %%
import xbec
from xbec.replication import horizontal_pages, pages

page = pages.setup(globals())
params = page.params

# %% [markdown]
# ## §3.3 The centralised decision
#
# In the centralised regime the platform and the manufacturer act as one and
# maximise the alliance's profit, in which the wholesale price cancels:
#
# $$
# \pi = \pi_1 + \pi_2 = (p - c)(\beta - b_1 p + b_2 s) - \frac{1}{2}\gamma_1 s^2 - K.
# $$ (eq6)
#
# Its Hessian in $(p, s)$ is the printed matrix {eq}`eq3`, negative definite
# when $2 b_1\gamma_1 - b_2^2 > 0$ ({doc}`horizontal_model`). The first-order
# conditions give the paper's $p^{2*}$ and $s^{2*}$, and the maximum profit
# $\pi$:

# %% tags=["remove-input"]
horizontal_pages.centralized_md()

# %% tags=["remove-cell"]
pages.glue_all(horizontal_pages.centralized_values(params))

# %% [markdown]
# For this page's parameters the centralised alliance sets the price
# $p^{2*} =$ {glue:text}`p2:.2f` (decentralised: {glue:text}`p1:.2f`) and the
# service level $s^{2*} =$ {glue:text}`s2:.2f` (decentralised:
# {glue:text}`s1:.2f`); demand is {glue:text}`D2:.2f` (decentralised:
# {glue:text}`D1:.2f`) and the alliance earns $\pi =$ {glue:text}`pi:.2f`,
# {glue:text}`gain:.2f` more than the two members together in the Stackelberg
# game ({glue:text}`pidec:.2f`).

# %% tags=["remove-input"]
horizontal_pages.centralized_comparison(page)

# %% [markdown]
# ## §3.4 The revenue-sharing contract
#
# Under the contract the platform sells at the price it chooses, keeps the
# share $\lambda$ of the sales revenue and passes $1 - \lambda$ to the
# manufacturer, who in exchange supplies at a lower wholesale price $\omega$.
# The platform's profit is
#
# $$
# \pi_1(\lambda) = \lambda p(\beta - b_1 p + b_2 s) - \omega(\beta - b_1 p + b_2 s) - \frac{1}{2}\gamma_1 s^2 - K.
# $$ (eq7)
#
# Setting its derivatives in $p$ and $s$ to zero (the paper says "in equation
# (6)", a typo for {eq}`eq7`) gives the platform's price and service level for
# a given wholesale price,
#
# $$
# p^*(\lambda) = \frac{\lambda b_2^2\omega - \lambda\gamma_1\beta - b_1\gamma_1\omega}{\lambda^2 b_2^2 - 2\lambda b_1\gamma_1},
# $$ (eq8)
#
# $$
# s^*(\lambda) = \frac{(\lambda p^*(\lambda) - \omega) b_2}{\gamma_1},
# $$ (eq9)
#
# and the contract fixes the wholesale price so that the platform's price is
# the centralised one, $p^*(\lambda) = p^{2*}$:
#
# $$
# \omega^*(\lambda) = \frac{(\beta\gamma_1 + b_1\gamma_1 c - c b_2^2)(b_2^2\lambda^2 - 2\lambda b_1\gamma_1)}{(2 b_1\gamma_1 - b_2^2)(\lambda b_2^2 - b_1\gamma_1)} + \frac{\lambda\gamma_1\beta}{\lambda b_2^2 - b_1\gamma_1}.
# $$ (eq10)
#
# SymPy re-derives the three formulas from {eq}`eq7`; in factored form its
# wholesale price is

# %% tags=["remove-input"]
horizontal_pages.sharing_md()

# %% [markdown]
# With $\omega^*(\lambda)$ in place, the service level, demand and the
# manufacturer's profit are

# %% tags=["remove-input"]
horizontal_pages.sharing_outcome_md()

# %% [markdown]
# ### The manufacturer's profit under the contract
#
# The paper states that the manufacturer earns
# $\pi_2(\lambda) = \pi - \pi_1(\lambda) = (1 - \lambda)\pi$. Neither equality
# holds. The manufacturer receives the share $1 - \lambda$ of the revenue
# *plus* the wholesale payment, and pays for production:
#
# $$
# \pi_2(\lambda) = \bigl((1 - \lambda) p^{2*} + \omega^*(\lambda) - c\bigr) D(\lambda),
# $$
#
# which is also what the paper's own Table 1 reports ({doc}`table1_fig2`).

# %% tags=["remove-cell"]
pages.glue_all(horizontal_pages.pi2_demo_values(params))

# %% [markdown]
# At $\lambda =$ {glue:text}`lam_demo:.3f`, for example, the manufacturer
# earns {glue:text}`pi2_true:.2f`, whereas $\pi - \pi_1(\lambda) =$
# {glue:text}`pi2_claim1:.2f` and $(1 - \lambda)\pi =$
# {glue:text}`pi2_claim2:.2f`.
#
# ```{glue:md} erratum_pi2
# :format: myst
# ```
#
# ### The contract aligns the price, not the service level
#
# Setting $p^*(\lambda) = p^{2*}$ reproduces the centralised *price* but not the
# centralised *service level*: the platform still bears the whole service cost
# while keeping only the share $\lambda$ of the revenue it brings. SymPy gives

# %% tags=["remove-input"]
horizontal_pages.sharing_gaps_md(params)

# %% [markdown]
# Revenue sharing with {eq}`eq10` therefore improves on the Stackelberg game
# but does not coordinate the alliance; the total profit in Table 1 stays below
# $\pi$ ({doc}`table1_fig2`).
#
# ## The acceptable range of the revenue share
#
# Both members accept the contract only if each earns more than in the
# Stackelberg game, and the paper adds that the leader should earn more than
# the follower:
#
# $$
# \pi_1(\lambda) > \pi_1^*, \qquad \pi_2(\lambda) > \pi_2^*, \qquad \pi_1(\lambda) > \pi_2(\lambda).
# $$
#
# Multiplied by $(b_1\gamma_1 - \lambda b_2^2)^2 > 0$, each condition is a
# quadratic inequality in $\lambda$, so `xbec.acceptable_lambda` finds the ends
# of the band as roots in closed form — no grid search.

# %% tags=["remove-cell"]
pages.glue_all(horizontal_pages.band_values(page))

# %% [markdown]
# ```{glue:md} band_text
# :format: myst
# ```
#
# ```{glue:md} band_table
# :format: myst
# ```
#
# The leader's condition $\pi_1(\lambda) > \pi_2(\lambda)$ is a choice of the
# paper, not a participation constraint; without it the band would be bounded by
# the two participation constraints alone. {doc}`table1_fig2` tabulates the contract over the
# band and draws Fig. 2.
