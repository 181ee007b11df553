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
from xbec.replication.report import esc, md_table, yes

params = xbec.HorizontalParams(beta=beta, b1=b1, b2=b2, gamma1=gamma1, c=c, K=K)

# %% tags=["remove-cell"]
import importlib

import sympy as sp
from IPython.display import Markdown
from myst_nb import glue

import xbec
import xbec.replication.symbolic as S
from xbec.replication import paper

from xbec.replication import ledger as ledger_mod

on_paper = params == xbec.HorizontalParams()
lam_ = S.SYMBOLS["lam"]


def L(expr) -> str:
    return sp.latex(expr)


by_key = {ch.key: ch for ch in S.checks()}
errata = {e.key: e for e in S.errata()}
cen_sym = S.centralized_solution()
rs_sym = S.sharing_solution()


def check_table(keys):
    header = ["printed formula (`xbec.replication.symbolic.checks()`)", "equals its derivation"]
    rows = [(f"`{k}`", yes(by_key[k].agrees)) for k in keys]
    if any(by_key[k].note for k in keys):
        header.append("note")
        rows = [row + (esc(by_key[k].note),) for row, k in zip(rows, keys)]
    return md_table(header, rows)


def erratum(key):
    e = errata[key]
    return (f"`{key}`\n: *{e.kind}* in {esc(e.where)}. {esc(e.explanation)} "
            f"Verified: {yes(e.holds)}.\n")


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
Markdown(
    "$$\n\\begin{aligned}\n"
    f"p^{{2*}} &= {L(cen_sym['p'])}, \\qquad s^{{2*}} = {L(cen_sym['s'])}, \\\\\n"
    f"D^{{2*}} &= {L(sp.factor(cen_sym['demand']))}, \\qquad \\pi = {L(sp.factor(cen_sym['pi_total']))}.\n"
    "\\end{aligned}\n$$\n\n" + check_table(["p^{2*}", "s^{2*}", "eq (3) Hessian"])
)

# %% tags=["remove-cell"]
dec = xbec.decentralized(params)
cen = xbec.centralized(params)
for key, value in [("p2", cen.p), ("s2", cen.s), ("D2", cen.demand), ("pi", cen.pi_total),
                   ("p1", dec.p), ("s1", dec.s), ("D1", dec.demand), ("pidec", dec.pi_total),
                   ("gain", cen.pi_total - dec.pi_total)]:
    glue(key, float(value), display=False)

# %% [markdown]
# For this page's parameters the centralised alliance sets the price
# $p^{2*} =$ {glue:text}`p2:.2f` (decentralised: {glue:text}`p1:.2f`) and the
# service level $s^{2*} =$ {glue:text}`s2:.2f` (decentralised:
# {glue:text}`s1:.2f`); demand is {glue:text}`D2:.2f` (decentralised:
# {glue:text}`D1:.2f`) and the alliance earns $\pi =$ {glue:text}`pi:.2f`,
# {glue:text}`gain:.2f` more than the two members together in the Stackelberg
# game ({glue:text}`pidec:.2f`).

# %% tags=["remove-input"]
if on_paper:
    row = next(r for r in ledger_mod.ledger(params) if r.where == "§5.1, centralised, pi")
    out = Markdown(md_table(["", "this page", "paper (§5.1)", "ledger status"],
                            [("$\\pi$", f"{cen.pi_total:.4f}", paper.SECTION_5_1["pi"], row.status)]))
else:
    out = Markdown("These are not the paper's parameters; the paper's $\\pi = "
                   f"{paper.SECTION_5_1['pi']}$ is for §5.1's parameters.")
out

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
Markdown(f"$$\n\\omega^*(\\lambda) = {L(sp.factor(rs_sym['w']))}\n$$\n\n"
         + check_table(["eq (8) p*(lambda)", "eq (9) s*(lambda)", "eq (10) w*(lambda)"])
         + "\n" + erratum("eq7-reference"))

# %% [markdown]
# With $\omega^*(\lambda)$ in place, the service level, demand and the
# manufacturer's profit are

# %% tags=["remove-input"]
Markdown(
    "$$\n\\begin{aligned}\n"
    f"s^*(\\lambda) &= {L(sp.factor(rs_sym['s']))}, \\\\\n"
    f"D(\\lambda) &= {L(sp.factor(rs_sym['demand']))}, \\\\\n"
    f"\\pi_2(\\lambda) &= {L(sp.factor(rs_sym['pi_manufacturer']))},\n"
    "\\end{aligned}\n$$\n\n"
    "and the platform's profit $\\pi_1(\\lambda)$ is {eq}`eq7` at $p^{2*}$, $\\omega^*(\\lambda)$ and $s^*(\\lambda)$ "
    "(a ratio of quadratics in $\\lambda$, too long to print usefully)."
)

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
try:
    band = xbec.acceptable_lambda(params)
    band_error = None
except xbec.ModelDomainError as err:
    band, band_error = None, str(err)
lam_demo = 0.5 * (band.lo + band.hi) if band else 0.8
r_demo = xbec.revenue_sharing(params, lam_demo)
glue("lam_demo", float(lam_demo), display=False)
glue("pi2_true", float(r_demo.pi_manufacturer), display=False)
glue("pi2_claim1", float(cen.pi_total - r_demo.pi_platform), display=False)
glue("pi2_claim2", float((1 - lam_demo) * cen.pi_total), display=False)
glue("erratum_pi2", Markdown(erratum("pi2-lambda")), display=False)

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
s_gap = sp.factor(sp.together(rs_sym["s"] - cen_sym["s"]))
t_gap = sp.factor(sp.together(rs_sym["pi_total"] - cen_sym["pi_total"]))
Markdown(
    "$$\n\\begin{aligned}\n"
    f"s^*(\\lambda) - s^{{2*}} &= {L(s_gap)}, \\\\\n"
    f"\\pi_1(\\lambda) + \\pi_2(\\lambda) - \\pi &= {L(t_gap)},\n"
    "\\end{aligned}\n$$\n\n"
    "The total falls short of $\\pi$ for every $\\lambda < 1$ (if $b_2 > 0$), and the service level "
    "falls short of $s^{2*}$ wherever $b_1\\gamma_1 - \\lambda b_2^2 > 0$ — for the paper's parameters, "
    "every $\\lambda$; both gaps vanish only at $\\lambda = 1$, where the manufacturer earns nothing.\n\n"
    + erratum("sharing-not-coordinating")
)


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
def binding(lam):
    r = xbec.revenue_sharing(params, lam)
    gaps = {
        "$\\pi_1(\\lambda) = \\pi_1^*$": (r.pi_platform - dec.pi_platform) / abs(dec.pi_platform),
        "$\\pi_2(\\lambda) = \\pi_2^*$": (r.pi_manufacturer - dec.pi_manufacturer) / abs(dec.pi_manufacturer),
        "$\\pi_1(\\lambda) = \\pi_2(\\lambda)$": (r.pi_platform - r.pi_manufacturer) / abs(r.pi_platform),
    }
    return min(gaps, key=lambda k: abs(gaps[k]))


if band is not None:
    lo_grid, hi_grid = xbec.replication.numerics.grid_ends(band)
    glue("band_text", Markdown(
        f"For this page's parameters the band is the open interval "
        f"$({band.lo:.6f},\\ {band.hi:.6f})$. Its lower end is where {binding(band.lo)}, its upper end where "
        f"{binding(band.hi)}. On a grid of step 0.01 the acceptable shares run from {lo_grid:.2f} to {hi_grid:.2f}."
    ), display=False)
    rows = [("lower end", f"{band.lo:.6f}", f"{lo_grid:.2f}", binding(band.lo)),
            ("upper end", f"{band.hi:.6f}", f"{hi_grid:.2f}", binding(band.hi))]
    header = ["", "exact", "0.01 grid", "binding condition"]
    if on_paper:
        rows = [row + (paper.SECTION_5_1[k],) for row, k in zip(rows, ["lam_lo", "lam_hi"])]
        header.append("paper (§5.1)")
    table = md_table(header, rows)
    if on_paper:
        reject = next(r for r in ledger_mod.ledger(params) if r.where.startswith("§5.1, text: rejected"))
        table += (f"\nThe paper's range, ${paper.SECTION_5_1['lam_lo']} \\le \\lambda \\le "
                  f"{paper.SECTION_5_1['lam_hi']}$, is the exact band read on a 0.01 grid. Its next sentence, "
                  f"that the members reject the contract \"below {paper.SECTION_5_1['lam_lo']} or above "
                  f"{paper.SECTION_5_1['lam_reject_above']}\", is off by one grid step: "
                  f"{esc(reject.note)}.\n")
    else:
        table += "\nThese are not the paper's parameters; the paper reports $0.71 \\le \\lambda \\le 0.88$ for §5.1's.\n"
    glue("band_table", Markdown(table), display=False)
else:
    glue("band_text", Markdown(
        "For this page's parameters **no share is acceptable**: the band is empty "
        f"(`xbec.acceptable_lambda` says: {esc(band_error)})."), display=False)
    glue("band_table", Markdown("No band, so nothing to tabulate."), display=False)

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
