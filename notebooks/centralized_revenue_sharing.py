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
import pandas as pd
import sympy as sp

import xbec
from xbec import book
from xbec.replication import bounds, numerics, symbolic

params = xbec.HorizontalParams(beta=beta, b1=b1, b2=b2, gamma1=gamma1, c=c, K=K)


# %% tags=["hide-input"]
def formula_checks(keys):
    """Whether each printed formula equals its derivation (symbolic.checks())."""
    by_key = {check.key: check for check in symbolic.checks()}
    rows = [by_key[k] for k in keys]
    frame = pd.DataFrame(
        {
            "printed formula": [ch.label for ch in rows],
            "equals its derivation": [
                "yes" if ch.agrees else "**no**" for ch in rows
            ],
            "note": [ch.note_md for ch in rows],
        }
    )
    return book.table(frame)


def errata(*keys):
    """The errata ``keys`` of xbec.errata(), typeset."""
    return book.errata(e for e in xbec.errata() if e.key in keys)

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

# %%
central = symbolic.centralized_solution()  # the FOCs of eq (6), solved
book.equations(
    {
        "p^{2*}": central["p"],
        "s^{2*}": central["s"],
        "D^{2*}": sp.factor(central["demand"]),
        r"\pi": sp.factor(central["pi_total"]),
    }
)

# %%
formula_checks(["p^{2*}", "s^{2*}", "eq (3) Hessian"])

# %%
eq = xbec.decentralized(params)  # §3.2, the Stackelberg game
cen = xbec.centralized(params)  # §3.3, eq (6) maximised
book.glue(
    p2=cen.p, s2=cen.s, D2=cen.demand, pi=cen.pi_total,
    p1=eq.p, s1=eq.s, D1=eq.demand, pidec=eq.pi_total,
    gain=cen.pi_total - eq.pi_total,
)

# %% [markdown]
# For this page's parameters the centralised alliance sets the price
# $p^{2*} =$ {glue:text}`p2:.2f` (decentralised: {glue:text}`p1:.2f`) and the
# service level $s^{2*} =$ {glue:text}`s2:.2f` (decentralised:
# {glue:text}`s1:.2f`); demand is {glue:text}`D2:.2f` (decentralised:
# {glue:text}`D1:.2f`) and the alliance earns $\pi =$ {glue:text}`pi:.2f`,
# {glue:text}`gain:.2f` more than the two members together in the Stackelberg
# game ({glue:text}`pidec:.2f`).

# %%
if book.on_paper(params):
    shown = book.compare(
        r for r in xbec.ledger(params, section="§5.1") if r.key == "pi"
    )
else:
    shown = book.paper_note(params)
shown

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

# %%
# the FOCs of eq (7), then p*(lambda) = p^{2*} solved for omega
sharing = symbolic.sharing_solution()
book.equations({r"\omega^*(\lambda)": sp.factor(sharing["w"])})

# %%
formula_checks(["eq (8) p*(lambda)", "eq (9) s*(lambda)", "eq (10) w*(lambda)"])

# %%
errata("eq7-reference")

# %% [markdown]
# With $\omega^*(\lambda)$ in place, the service level, demand and the
# manufacturer's profit are

# %%
book.equations(
    {
        r"s^*(\lambda)": sp.factor(sharing["s"]),
        r"D(\lambda)": sp.factor(sharing["demand"]),
        r"\pi_2(\lambda)": sp.factor(sharing["pi_manufacturer"]),
    }
)

# %% [markdown]
# and the platform's profit $\pi_1(\lambda)$ is {eq}`eq7` at $p^{2*}$,
# $\omega^*(\lambda)$ and $s^*(\lambda)$ (a ratio of quadratics in $\lambda$, too
# long to print usefully).

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

# %% [markdown]
# Take the middle of the acceptable band computed below (or $\lambda = 0.8$ if
# no share is acceptable) and evaluate the contract, eqs (7)–(10), there:

# %%
try:
    band = xbec.acceptable_lambda(params)  # §3.4, the exact band (below)
except xbec.ModelDomainError as err:
    band, no_band = None, err
lam_demo = (band.lo + band.hi) / 2 if band else 0.8
at_demo = xbec.revenue_sharing(params, lam_demo)
book.glue(
    lam_demo=lam_demo,
    pi2_true=at_demo.pi_manufacturer,
    pi2_claim1=cen.pi_total - at_demo.pi_platform,  # the paper's pi - pi_1(lambda)
    pi2_claim2=(1 - lam_demo) * cen.pi_total,  # the paper's (1 - lambda) pi
)

# %% [markdown]
# At $\lambda =$ {glue:text}`lam_demo:.3f` the manufacturer earns
# {glue:text}`pi2_true:.2f`, whereas $\pi - \pi_1(\lambda) =$
# {glue:text}`pi2_claim1:.2f` and $(1 - \lambda)\pi =$
# {glue:text}`pi2_claim2:.2f`.

# %%
errata("pi2-lambda")

# %% [markdown]
# ### The contract aligns the price, not the service level
#
# Setting $p^*(\lambda) = p^{2*}$ reproduces the centralised *price* but not the
# centralised *service level*: the platform still bears the whole service cost
# while keeping only the share $\lambda$ of the revenue it brings. SymPy gives

# %%
s_gap = sp.factor(sp.together(sharing["s"] - central["s"]))
total_gap = sp.factor(sp.together(sharing["pi_total"] - central["pi_total"]))
book.equations(
    {
        r"s^*(\lambda) - s^{2*}": s_gap,
        r"\pi_1(\lambda) + \pi_2(\lambda) - \pi": total_gap,
    }
)

# %% [markdown]
# The total falls short of $\pi$ for every $\lambda < 1$ (if $b_2 > 0$). The
# service level falls short of $s^{2*}$ exactly where
# $b_1\gamma_1 - \lambda b_2^2 > 0$, i.e. $\lambda < b_1\gamma_1/b_2^2$, and
# exceeds it for $b_1\gamma_1/b_2^2 < \lambda < 1$, which occurs only when
# $b_2^2 > b_1\gamma_1$. Both gaps vanish only at $\lambda = 1$, where the
# manufacturer earns nothing. For this page's parameters
# $b_1\gamma_1/b_2^2 =$ {glue:text}`lam_bar:.4f` (infinite when $b_2 = 0$):

# %%
lam_bar = bounds.service_overshoot_share(params)  # b1 gamma1 / b2^2
book.glue(lam_bar=lam_bar)

# %%
errata("sharing-not-coordinating")

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

# %% [markdown]
# For this page's parameters the band, its ends read on a grid of step $0.01$, and
# the condition that holds with equality at each end
# (`xbec.replication.bounds.band_binding`) are:

# %%
equality = {
    "pi1(lam) > pi1*": r"$\pi_1(\lambda) = \pi_1^*$",
    "pi2(lam) > pi2*": r"$\pi_2(\lambda) = \pi_2^*$",
    "pi1(lam) > pi2(lam)": r"$\pi_1(\lambda) = \pi_2(\lambda)$",
    "demand > 0": r"$D(\lambda) = 0$",
}
if band:
    binding = bounds.band_binding(params, band)
    ends = pd.DataFrame(
        {
            "": ["lower end", "upper end"],
            "exact": list(band),
            "0.01 grid": numerics.grid_ends(band),
            "binding condition": [equality[name] for name in binding],
        }
    )
    shown = book.table(ends, {"exact": ".6f", "0.01 grid": ".2f"})
else:
    shown = book.Md(
        "**No share is acceptable** for these parameters: the band is empty "
        f"(`{no_band}`)."
    )
shown

# %% [markdown]
# The paper reads the band on a grid of step $0.01$; against its printed ends and its
# sentence on the shares the members reject (at the paper's parameters only):

# %%
if book.on_paper(params):
    keys = ("lam_lo", "lam_hi", "lam_reject_above")
    shown = book.compare(
        r for r in xbec.ledger(params, section="§5.1") if r.key in keys
    )
else:
    shown = book.paper_note(params)
shown

# %% [markdown]
# The leader's condition $\pi_1(\lambda) > \pi_2(\lambda)$ is a choice of the
# paper, not a participation constraint; without it the band would be bounded by
# the two participation constraints alone. {doc}`table1_fig2` tabulates the contract over the
# band and draws Fig. 2.
