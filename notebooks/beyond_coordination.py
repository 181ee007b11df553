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
# # A contract that truly coordinates: revenue sharing plus service-cost sharing
#
# §3.4 of {cite:t}`wei2024` introduces revenue sharing "in order to achieve the
# effect of centralized decision-making": the platform keeps the share
# $\lambda$ of sales revenue and the wholesale price $\omega^*(\lambda)$ of
# eq (10) makes its chosen price equal the centralised price $p^{2*}$. This
# chapter shows that the contract aligns the **price** but not the **service
# level**, so the alliance's profit stays below the centralised $\pi$; derives
# the contract that aligns both; and compares the two.

# %% tags=["parameters"]
# Parameters (papermill injects overrides after this cell).
beta = 200.0
b1 = 2.0
b2 = 1.0
gamma1 = 1.0
c = 10.0
K = 10.0
lam_table = [0.5, 0.6, 0.7, 0.71, 0.75, 0.8, 0.85, 0.88]  # shares compared in the table
lam_plot = [0.3, 1.0]  # range of the figure
output_dir = "outputs"

# %%
import xbec
from xbec.beyond import pages as beyond_pages
from xbec.figures import beyond as beyond_figures, pages as figure_pages, paper as paper_figures
from xbec.replication import pages

page = pages.setup(globals())
params = page.params
beyond_pages.rs_gaps_md()

# %% [markdown]
# ## Why revenue sharing falls short
#
# Both gaps above vanish only at $\lambda = 1$ (where the manufacturer earns
# nothing) — the erratum `sharing-not-coordinating` of the replication
# ({doc}`replication_report`). The reason is visible in eq (7): the platform
# receives only the share $\lambda$ of the revenue that better service brings,
# but pays the **whole** service cost $\gamma_1 s^2/2$. Its first-order
# condition for $s$, $b_2(\lambda p - \omega) = \gamma_1 s$, therefore
# under-provides service whenever $\lambda p - \omega < p - c$, and eq (10)
# cannot fix both first-order conditions with one instrument $\omega$.
#
# ### Short of $s^{2*}$, or beyond it
#
# "Aligns the price only" does not mean the service level is always too low.
# From the gap above, $s^*(\lambda) - s^{2*}$ has the sign of
# $(\lambda - 1)/(b_1\gamma_1 - \lambda b_2^2)$, so for $\lambda < 1$ and
# $b_2 > 0$:
#
# - $s^*(\lambda) < s^{2*}$ exactly when $\lambda < b_1\gamma_1/b_2^2$ — for
#   every $\lambda < 1$ if $b_2^2 \le b_1\gamma_1$, as at the paper's values;
# - $s^*(\lambda) > s^{2*}$ for $b_1\gamma_1/b_2^2 < \lambda < 1$, which exists
#   inside the model's domain whenever $b_1\gamma_1 < b_2^2 < 2 b_1\gamma_1$
#   (`xbec.replication.bounds.service_overshoot_share`).
#
# There the wholesale price of eq (10) that keeps the price at $p^{2*}$ makes
# the platform's service margin $\lambda p - \omega$ *exceed* the alliance's
# $p - c$, and the platform buys too much service. For example, at
# {glue:md}`ex_params:myst` the threshold is $b_1\gamma_1/b_2^2 =$ {glue:text}`ex_lam_bar:.3f`, and at
# $\lambda =$ {glue:text}`ex_lam:.2f` the contract sets
# $\omega =$ {glue:text}`ex_w:.1f` ({glue:text}`ex_w_note`) and the platform chooses $s =$ {glue:text}`ex_s:.2f` against
# $s^{2*} =$ {glue:text}`ex_s2:.2f`; the manufacturer earns
# {glue:text}`ex_pi2:,.0f` and the alliance {glue:text}`ex_total:,.0f` against
# $\pi =$ {glue:text}`ex_pi:,.0f`. This share lies {glue:text}`ex_band`: the
# overshoot happens only where neither firm would sign
# ({doc}`beyond_band`).

# %%
example = xbec.HorizontalParams(beta=500.0, b1=4.0, b2=2.5, gamma1=1.2, c=30.0, K=100.0)
pages.glue_all(beyond_pages.overshoot_example(example, 0.8))

# %% [markdown]
# ## The coordinating contract
#
# Add a second instrument: the manufacturer bears the share $1 - \phi$ of the
# service cost. The platform maximises
#
# $$\pi_1 = \lambda p D - \omega D - \phi\,\tfrac12\gamma_1 s^2 - K,\qquad
#   \pi_2 = \big((1-\lambda)p + \omega - c\big) D - (1 - \phi)\,\tfrac12\gamma_1 s^2 .$$
#
# Requiring its first-order conditions to hold at the centralised
# $(p^{2*}, s^{2*})$ and solving for the contract terms gives (sympy, a unique
# solution when $b_2 > 0$):

# %%
beyond_pages.coordinating_md()

# %% [markdown]
# The platform's own objective becomes an increasing affine function of the
# alliance's profit, so — for **every** $\lambda \in (0, 1]$ and every
# parameter point in the model's domain — its optimum *is* the centralised
# optimum: price $p^{2*}$, service $s^{2*}$, profit $\pi$. The contract is:
#
# - the platform keeps the share $\lambda$ of revenue **and pays the share
#   $\lambda$ of the logistics-service cost**; the manufacturer pays $1-\lambda$;
# - the wholesale price is $\omega = \lambda c$: the manufacturer is refunded the
#   share $\lambda$ of its unit cost, so each firm bears the same share of every
#   cost it shares in revenue.
#
# This is the remedy {cite:t}`cachon2005` give for a known limitation of
# revenue sharing: it coordinates a chain's prices and quantities, but not a
# retailer's costly effort that raises demand — here the platform's logistics
# service — unless that effort's cost is shared in the same proportion.
#
# The profits are $\pi_1 = \lambda(\pi + K) - K$ and
# $\pi_2 = (1 - \lambda)(\pi + K)$. It is available in the package as
# `xbec.beyond.coordinating_contract(params, lam)`; the tests check that it
# reaches $\pi$ and $s^{2*}$ exactly on random parameters and that a numerical
# optimiser of the platform's profit lands on $(p^{2*}, s^{2*})$.
#
# Two caveats. Since $\omega = \lambda c < c$, the paper's hypothesis
# $\omega > c$ (§3.1) is dropped: the manufacturer is paid through its revenue
# share, not through the wholesale margin. And sharing the service cost
# requires the manufacturer to observe (or audit) the platform's service
# spending — the cloud platform of §2 is meant to provide such shared
# information.
#
# ## Both contracts at the paper's values

# %%
pages.glue_all(beyond_pages.coordination_values(params, 0.8))
beyond_pages.contracts_table(params, lam_table)

# %% [markdown]
# RS: the paper's revenue-sharing contract (eqs 7–10); coord.: the
# coordinating contract, whose service level is $s^{2*}$ and wholesale price
# $\omega = \lambda c$ at every $\lambda$. At $\lambda =$ {glue:text}`rs_lam:.2f` revenue sharing delivers service
# {glue:text}`rs_s:.1f` instead of $s^{2*} =$ {glue:text}`s2:.1f` and total
# profit {glue:text}`rs_total:.2f` instead of $\pi =$ {glue:text}`pi:.2f`
# — {glue:text}`rs_gap:.2f` is left on the table; the coordinating contract
# reaches $\pi$ at every $\lambda$.

# %%
lam_curve = paper_figures.curve_lambda(params, tuple(lam_plot), num=281)[0]  # where the paper's contract is defined
figure_pages.show(beyond_figures.contracts_figure(params, lam_curve), page.out_dir, "beyond_contracts",
                  key="fig-contracts")

# %% [markdown]
# ```{glue:figure} fig-contracts
# :name: fig-contracts
# :alt: Three panels against the revenue share lambda from 0.3 to 1. Left: revenue sharing's service level rises from about 10 to 60, the coordinating contract's is flat at the centralised 60. Middle: revenue sharing's total profit rises towards the centralised 5390, the coordinating contract's is flat at 5390. Right: each firm's profit under both contracts with the decentralised profits as horizontal lines; shaded bands mark where each contract is acceptable.
#
# The paper's revenue-sharing contract (blue) and the coordinating contract
# (red): service level, alliance profit and each firm's profit against
# $\lambda$; shaded, the $\lambda$ where each contract is acceptable (both
# firms above their decentralised profit, platform above manufacturer). Files:
# {download}`PNG <outputs/beyond_contracts.png>`,
# {download}`SVG <outputs/beyond_contracts.svg>`.
# ```
#
# ## Its acceptable range
#
# With $P = \pi + K$ the conditions are linear in $\lambda$:
# $\pi_1 > \pi_1^*$ iff $\lambda > (\pi_1^* + K)/P$, $\pi_2 > \pi_2^*$ iff
# $\lambda < 1 - \pi_2^*/P$, and the paper's leader condition $\pi_1 > \pi_2$
# iff $\lambda > (P + K)/(2P)$. We keep the leader condition, as the paper
# does; then the coordinating contract is acceptable for
# {glue:text}`co_lo:.4f` $< \lambda <$ {glue:text}`co_hi:.4f`, against
# {glue:md}`rs_band_md:myst` for revenue sharing. Without the leader condition its lower end drops to
# {glue:text}`co_free_lo:.4f`; that range is never empty, because $\pi$
# exceeds the decentralised total $\pi_1^* + \pi_2^*$.
#
# The coordinating contract needs a **smaller** platform share: since the
# manufacturer now pays part of the service cost, the same split of profit is
# reached at a lower $\lambda$. The right comparison is therefore not at equal
# $\lambda$ but in profits: for every $\lambda$ of the paper's contract there
# is a range of $\lambda'$ of the coordinating contract that pays *both* firms
# strictly more (`xbec.beyond.dominating_shares`). That range moves with
# $\lambda$:

# %%
pages.glue_all(beyond_pages.dominance_values(params))

# %% [markdown]
# ```{glue:md} dom_table
# :format: myst
# ```
#
# Each row's interval has width (gain to share)$/(\pi + K)$.
#
# **Does one $\lambda'$ beat the whole band?**
# {glue:md}`dom_text:myst` (`xbec.beyond.pages.common_dominating_shares`)
#
# ## Finding
#
# The paper's revenue sharing aligns the price only: $\pi_1 + \pi_2 < \pi$
# for every $\lambda < 1$ (when $b_2 > 0$), and the service level misses
# $s^{2*}$ — below it for $\lambda < b_1\gamma_1/b_2^2$ (every $\lambda < 1$ at
# the paper's values), above it for $b_1\gamma_1/b_2^2 < \lambda < 1$.
# Adding service-cost sharing in the same proportion, with
# $\omega = \lambda c$ {cite:p}`cachon2005`, reaches the centralised price,
# service level and profit for every $\lambda$, and is acceptable for
# {glue:text}`co_lo:.3f` $< \lambda <$ {glue:text}`co_hi:.3f` at the paper's
# values. For each revenue-sharing split in the paper's band some coordinating
# split pays both firms more, but which one depends on the split: no single
# coordinating share beats the whole band.
