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
# # §5.1 Table 1 and Fig. 2
#
# §5.1 of {cite:t}`wei2024` puts numbers on the horizontal alliance: the
# Stackelberg equilibrium, the centralised profit, the acceptable range of the
# revenue share $\lambda$, and Table 1, the contract's outcome on a grid of
# $\lambda$. §5.3.1 discusses them with Fig. 2, whose image is missing from our
# copy of the paper. This chapter recomputes all of it from the page's
# parameters, sets it beside the paper's printed values, and redraws Fig. 2.

# %% tags=["parameters"]
# Parameters (papermill injects overrides after this cell).
beta = 200.0    # market size
b1 = 2.0        # price sensitivity of demand
b2 = 1.0        # service sensitivity of demand
gamma1 = 1.0    # logistics service cost coefficient
c = 10.0        # manufacturer's unit production cost
K = 10.0        # platform's maintenance cost
lam_min = 0.71  # Table 1's grid of revenue shares: lam_min, lam_min + lam_step, ..., lam_max
lam_max = 0.88
lam_step = 0.01
output_dir = "outputs"

# %%
import xbec
from xbec.replication.report import compare_table, esc, ledger_verdict, md_table
import xbec.replication.numerics
import xbec.figures.paper

params = xbec.HorizontalParams(beta=beta, b1=b1, b2=b2, gamma1=gamma1, c=c, K=K)
lam = xbec.replication.numerics.lambda_grid(lam_min, lam_max, lam_step)

# %% tags=["remove-cell"]
import importlib
from pathlib import Path

import numpy as np
from IPython.display import Image, Markdown
from myst_nb import glue

from xbec.replication import paper

from xbec.replication import ledger as ledger_mod
on_paper = params == xbec.HorizontalParams()
out_dir = Path(output_dir)
out_dir.mkdir(parents=True, exist_ok=True)


NOT_PAPER = ("*These are not the paper's parameters, so there is no printed value to compare with; "
             "the comparison is shown for §5.1's parameters only.*")

dec = xbec.decentralized(params)
cen = xbec.centralized(params)
try:
    band = xbec.acceptable_lambda(params)
except xbec.ModelDomainError as err:
    band, band_error = None, str(err)
ledger_rows = ledger_mod.ledger(params) if on_paper else []

# %% [markdown]
# ## Headline values

# %% tags=["remove-cell"]
for key, value in [("p1", dec.p), ("w1", dec.w), ("s1", dec.s), ("pi1", dec.pi_platform),
                   ("pi2", dec.pi_manufacturer), ("pi", cen.pi_total), ("p2", cen.p), ("s2", cen.s)]:
    glue(key, float(value), display=False)
if band is not None:
    glue("band_md", Markdown(
        f"Revenue sharing is acceptable to both members, and leaves the platform ahead, for "
        f"$\\lambda$ in the open interval $({band.lo:.6f},\\ {band.hi:.6f})$: on a grid of step 0.01, "
        "from {:.2f} to {:.2f}.".format(*xbec.replication.numerics.grid_ends(band))
    ), display=False)
else:
    glue("band_md", Markdown(f"**No revenue share is acceptable** for these parameters ({esc(band_error)})."),
         display=False)

# %% [markdown]
# With the page's parameters, the decentralised (Stackelberg) decision gives $p^{1*} =$ {glue:text}`p1:.2f`,
# $\omega^{1*} =$ {glue:text}`w1:.2f` and $s^{1*} =$ {glue:text}`s1:.2f`, and
# the profits $\pi_1^* =$ {glue:text}`pi1:.2f` and $\pi_2^* =$
# {glue:text}`pi2:.2f` ({doc}`stackelberg`). The centralised decision sets
# $p^{2*} =$ {glue:text}`p2:.2f` and $s^{2*} =$ {glue:text}`s2:.2f` and earns
# $\pi =$ {glue:text}`pi:.2f` ({doc}`centralized_revenue_sharing`).
# {glue:md}`band_md:myst`

# %% tags=["remove-input"]
if on_paper:
    rows = [r for r in ledger_rows if r.where.startswith("§5.1")]
    table = md_table(
        ["§5.1", "this page", "paper", "difference", "ledger status"],
        [(esc(r.where.removeprefix("§5.1, ")), f"{r.reproduced:.4f}", r.paper, f"{r.diff:+.4f}", r.status)
         for r in rows])
    notes = "".join(f"- {esc(r.where)}: {esc(r.note)}\n" for r in rows if r.status != "reproduced" and r.note)
    out = Markdown(table + ("\nNotes:\n\n" + notes if notes else ""))
else:
    out = Markdown(NOT_PAPER)
out

# %% [markdown]
# ## Table 1 against the paper
#
# The paper prints Table 1 for ten shares between 0.71 and 0.88. At those
# shares, with §5.1's parameters, the recomputed table and the printed one
# compare as follows (difference = this page − paper):

# %% tags=["remove-cell"]
COLS = [("p", "$p^*(\\lambda)$"), ("w", "$\\omega(\\lambda)$"), ("s", "$s^*(\\lambda)$"),
        ("pi_platform", "$\\pi_1(\\lambda)$"), ("pi_manufacturer", "$\\pi_2(\\lambda)$"),
        ("pi_total", "$\\pi^*$ (total)")]
if on_paper:
    plam = np.array([paper.value(row[0]) for row in paper.TABLE1])
    result = xbec.revenue_sharing(params, plam)
    ours = {key: getattr(result, key) for key, _ in COLS}
    printed = [dict(zip(paper.TABLE1_COLUMNS, row)) for row in paper.TABLE1]
    t1 = [r for r in ledger_rows if r.where.startswith("Table 1")]
    glue("t1_prices", Markdown(compare_table(printed, ours, COLS[:3])), display=False)
    glue("t1_profits", Markdown(compare_table(printed, ours, COLS[3:5])), display=False)
    glue("t1_totals", Markdown(compare_table(printed, ours, COLS[5:])), display=False)
    glue("t1_verdict", Markdown(ledger_verdict(t1, ledger_mod.STATUSES)), display=False)
else:
    for key in ("t1_prices", "t1_profits", "t1_totals", "t1_verdict"):
        glue(key, Markdown(NOT_PAPER), display=False)

# %% [markdown]
# ```{glue:md} t1_prices
# :format: myst
# ```
#
# ```{glue:md} t1_profits
# :format: myst
# ```
#
# ```{glue:md} t1_totals
# :format: myst
# ```
#
# ```{glue:md} t1_verdict
# :format: myst
# ```
#
# The price $p^*(\lambda)$ is the same in every row: the contract's wholesale
# price {eq}`eq10` is chosen precisely so that the platform charges the
# centralised price $p^{2*}$. The last column is the *sum* of the two profits
# under the contract; it is not the centralised profit $\pi$ and stays below it
# (the erratum *sharing-not-coordinating*).
#
# ## Table 1 on the page's grid
#
# The full grid of the parameters ($\lambda$ from `lam_min` to `lam_max` in
# steps of `lam_step`), written to `table1.csv`:

# %% tags=["remove-input"]
try:
    t = xbec.replication.numerics.table1(params, lam)
    csv_table = {k: t[k] for k in ("lambda", "p", "w", "s", "pi_platform", "pi_manufacturer", "pi_total")}
    (out_dir / "table1.csv").write_text(xbec.replication.numerics.to_csv(csv_table))
    inside = ["✔" if band is not None and band.lo < x < band.hi else "" for x in t["lambda"]]
    rows = [(f"{t['lambda'][i]:.2f}", *(f"{t[k][i]:.2f}" for k, _ in COLS), inside[i]) for i in range(len(lam))]
    out = Markdown(md_table(["$\\lambda$", *(tex for _, tex in COLS), "acceptable"], rows))
except xbec.ModelDomainError as err:
    out = Markdown(f"The contract is not defined on this grid: {esc(str(err))}. No `table1.csv` was written.")
out

# %% [markdown]
# Download: {download}`table1.csv <outputs/table1.csv>` (columns
# `lambda, p, w, s, pi_platform, pi_manufacturer, pi_total`, full precision).
#
# ## Fig. 2

# %% tags=["remove-cell"]
fig = xbec.figures.paper.horizontal_profits(params, marks=lam)
png, svg = xbec.figures.save(fig, out_dir, "fig2_horizontal")
glue("fig2", Image(filename=str(png)), display=False)

# %% [markdown]
# ```{glue:figure} fig2
# :name: fig-horizontal
# :alt: Profits of the platform and the manufacturer against the revenue share, with their decentralised levels, the centralised total, the contract's total and the acceptable band shaded.
#
# Benefit distribution of the horizontal alliance's members under the three
# decisions (the paper's Fig. 2, redrawn). Curves: the platform's and the
# manufacturer's profits under revenue sharing and their sum; dashed lines:
# their decentralised profits $\pi_1^*$ and $\pi_2^*$; dotted line: the
# centralised profit $\pi$; shaded: the acceptable band; markers: the grid of
# Table 1. Files: {download}`PNG <outputs/fig2_horizontal.png>`,
# {download}`SVG <outputs/fig2_horizontal.svg>`.
# ```

# %% tags=["remove-cell"]
fine = xbec.figures.paper.curve_lambda(params, (0.0, 1.0), num=2001)[0]
r_fine = xbec.revenue_sharing(params, fine)
try:
    gaps = cen.pi_total - xbec.revenue_sharing(params, lam).pi_total
    gap_md = (f"on the table's grid by between {np.min(gaps):.2f} and {np.max(gaps):.2f}; "
              "the gap closes only at $\\lambda = 1$, where the manufacturer earns nothing")
except xbec.ModelDomainError:
    gap_md = "the gap closes only at $\\lambda = 1$, where the manufacturer earns nothing"
glue("gap_md", Markdown(gap_md), display=False)
glue("total_increasing", "increases" if np.all(np.diff(r_fine.pi_total) > 0) else "does not always increase",
     display=False)
if band is not None:
    inside = fine[(fine > band.lo) & (fine < band.hi)]
    r_in = xbec.revenue_sharing(params, inside)
    claims = (
        f"Inside the band both members earn more than under decentralised decisions (by at least "
        f"{np.min(r_in.pi_platform - dec.pi_platform):.2f} for the platform and "
        f"{np.min(r_in.pi_manufacturer - dec.pi_manufacturer):.2f} for the manufacturer on a fine grid), and "
        f"the platform earns more than the manufacturer — a Pareto improvement, as §5.3.1 says. Above "
        f"$\\lambda = {band.hi:.4f}$ the manufacturer would be worse off than in the Stackelberg game "
        "and would leave the contract."
    )
else:
    claims = "There is no band in which both members gain, so §5.3.1's Pareto improvement does not occur here."
glue("claims", Markdown(claims), display=False)

# %% [markdown]
# {glue:md}`claims:myst` The alliance's total profit under the contract
# {glue:text}`total_increasing` with $\lambda$ and stays below the centralised
# profit $\pi$ ({glue:md}`gap_md:myst`): revenue sharing as defined by {eq}`eq10` improves on the game but
# does not reach the centralised optimum ({doc}`centralized_revenue_sharing`).
