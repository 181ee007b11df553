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
# # §5.2 Table 2 and Fig. 3
#
# §5.2 of {cite:t}`wei2024` applies the improved Raiffa rule of
# {doc}`vertical_raiffa` to the vertical alliance: the platform (1), a domestic
# logistics provider (2), an international carrier (3) and a foreign logistics
# provider (4) share the platform's profit, $V(N) = \pi_1(\lambda)$ under the
# revenue-sharing contract, or $V(N) = \pi_1^*$ without it. Table 2 tabulates the
# allocation over $\lambda$, Fig. 3 (missing from our copy) draws it, and the
# section ends with a range of $\lambda$ acceptable to both alliances. This
# chapter recomputes each of these from the page's parameters.

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
lam_min = 0.71  # Table 2's grid of revenue shares: lam_min, lam_min + lam_step, ..., lam_max
lam_max = 0.88
lam_step = 0.01
output_dir = "outputs"

# %%
import numpy as np
import pandas as pd

import xbec
from xbec import book
from xbec.figures import paper as paper_figures
from xbec.replication import numerics, paper
from xbec.replication.ledger import summary

params = xbec.HorizontalParams(
    beta=beta, b1=b1, b2=b2, gamma1=gamma1, c=c, K=K
)
vparams = xbec.VerticalParams(
    mu=tuple(mu), phi=tuple(phi), theta=tuple(theta), weights=tuple(weights)
)
lam = numerics.lambda_grid(lam_min, lam_max, lam_step)
names = xbec.member_names(vparams.n)
# compare with the printed numbers only then
on_paper = book.on_paper(params, vparams)
if not on_paper:
    display(book.paper_note(params, vparams))

# %% [markdown]
# ## Inputs
#
# Member $i$'s $\mu_i$ is the worth of the coalition of the other members;
# $F_i$ is its share of the services, eq {eq}`eq14` with the two criteria of
# §5.2 (`vparams.F`, computed by `xbec.service_shares`):

# %%
n = vparams.n
others = [
    "$V(" + "\\cup".join(str(k + 1) for k in range(n) if k != i) + ")$"
    for i in range(n)
]
book.table(
    pd.DataFrame(
        {
            "member": names,
            "$\\mu_i$ is": others,
            "$\\mu_i$": vparams.mu,
            "$\\varphi_i$": vparams.phi,
            "$\\theta_i$": vparams.theta,
            "$F_i$": vparams.F,
        },
        index=pd.RangeIndex(1, n + 1, name="$i$"),
    ),
    formats={
        "$\\mu_i$": "g",
        "$\\varphi_i$": "g",
        "$\\theta_i$": "g",
        "$F_i$": ".4f",
    },
    index=True,
)

# %% tags=["hide-input"]
book.glue(w_phi=vparams.weights[0], w_theta=vparams.weights[1])
book.glue(
    v124=paper.value(paper.SECTION_5_2_INPUTS["V(1,2,4)"]),
    v134=paper.value(paper.SECTION_5_2_INPUTS["V(1,3,4)"]),
)

# %% [markdown]
# The weights of $\varphi$ and $\theta$ are {glue:text}`w_phi:g` and
# {glue:text}`w_theta:g`. Our copy of the paper prints two coalition values
# garbled; they are read as $V(1 \cup 2 \cup 4) =$ {glue:text}`v124:g` and
# $V(1 \cup 3 \cup 4) =$ {glue:text}`v134:g`, the only reading that uses each
# printed number once.
#
# ## The decentralised allocation
#
# Without the contract the platform earns $\pi_1^*$; §5.2 allocates that by eq
# {eq}`eq15` as the baseline against which the vertical members judge the
# contract:

# %%
dec = xbec.decentralized(params)  # V(N) = pi_1^*, §3.2
# eq (15) applied to pi_1^*
base = numerics.decentralized_allocation(params, vparams)
section52 = (
    xbec.ledger(params, vparams, section="§5.2") if on_paper else []
)
if on_paper:  # the ledger's rows; their notes follow the table
    rows52 = pd.DataFrame(
        {
            "": [r.label for r in section52],
            "page (exact)": [r.reproduced for r in section52],
            "paper": [r.paper for r in section52],
            "difference": [r.diff for r in section52],
            "ledger status": [r.status for r in section52],
        }
    )
    display(
        book.table(
            rows52, formats={"page (exact)": ".4f", "difference": "+.4f"}
        )
    )
    display(book.Md(f"Ledger note on $V(N)$: {section52[0].note_md}."))
else:
    display(
        book.table(
            pd.DataFrame({"member": names, "$x_i$": base}),
            formats={"$x_i$": ".2f"},
        )
    )

# %% [markdown]
# The paper's four printed shares do sum to its $V(N)$, and its Table 2 (below)
# *is* reproduced from the very same inputs; only this baseline is not. It
# matters for the range of $\lambda$ at the end of the chapter.
#
# (decentralised-allocation-note)=
# ### Why the printed decentralised allocation is not reproduced
#
# This note is the ledger's explanation; other pages link here rather than
# repeat it.

# %%
(
    book.Md(
        next(r.note_md for r in section52 if r.key == "x1")
        + "."
    )
    if on_paper
    else book.Md(
        "Nothing to explain here: these are not the paper's inputs, "
        "so there is "
        "no printed allocation to reproduce."
    )
)

# %% [markdown]
# ## Table 2 against the paper
#
# The paper prints Table 2 for some of the grid's shares. At those shares the
# recomputed table minus the printed one is ($V(N)$ and each member's $x_i^*$):

# %%
printed = (
    pd.DataFrame(paper.TABLE2, columns=paper.TABLE2_COLUMNS)
    .map(paper.value)
    .set_index("lam")
    .rename_axis("λ")
)
if (
    on_paper
):  # the printed shares are compared at the paper's parameters only
    # V(N) = pi_1(lambda) and eq (15)
    ours = numerics.table2(params, vparams, printed.index.to_numpy())
    difference = (
        pd.DataFrame(
            {k: ours[k] for k in printed.columns}, index=printed.index
        )
        - printed
    )
    difference = difference.set_axis(["V(N)", *names], axis=1)
    display(difference.style.format("{:+.4f}"))
else:
    display(book.paper_note(params, vparams))

# %% [markdown]
# The ledger's verdict on the table's printed numbers, and the rows it does not
# count as reproduced, with the reason:

# %%
table2_rows = (
    xbec.ledger(params, vparams, section="Table 2") if on_paper else []
)
pd.Series(
    summary(table2_rows), name="Table 2 numbers"
).to_frame().T if on_paper else book.paper_note(params, vparams)

# %%
not_reproduced = [r for r in table2_rows if r.status != "reproduced"]
book.compare(not_reproduced) if not_reproduced else None

# %% [markdown]
# ## Table 2 on the page's grid
#
# The full grid of the parameters, written to `table2.csv`; the last column
# marks the shares at which every member receives more than its decentralised
# share:

# %%
try:
    # columns lambda, V, x1 .. xn
    table2 = pd.DataFrame(numerics.table2(params, vparams, lam))
except xbec.ModelDomainError:  # eq (10) is singular on the grid
    table2, no_table = (
        None,
        "The contract is not defined on this grid; "
        "no `table2.csv` was written.",
    )
if table2 is not None:
    # full precision
    (book.out_dir(output_dir) / "table2.csv").write_text(
        numerics.to_csv(table2)
    )
    above = (table2[[f"x{i + 1}" for i in range(n)]].to_numpy() > base).all(
        axis=1
    )

# %% tags=["hide-input"]
if table2 is not None:
    grid = table2.assign(above=np.where(above, "✔", "")).set_axis(
        [
            "$\\lambda$",
            "$V(N) = \\pi_1(\\lambda)$",
            *(f"$x_{i + 1}^*$" for i in range(n)),
            "all above decentralised",
        ],
        axis=1,
    )
    display(book.table(grid, formats=dict.fromkeys(grid.columns, ".2f")))
else:
    display(book.Md(no_table))

# %% [markdown]
# Download: {download}`table2.csv <outputs/table2.csv>` (columns
# `lambda, V, x1 … xn`, full precision).
#
# ## The paper's Fig. 3, recomputed
#
# With the paper's inputs the figure adds, dotted, the decentralised shares
# *printed* in §5.2 (`numerics.printed_decentralized_allocation`), so that the
# two baselines can be told apart:

# %%
fig = paper_figures.vertical_allocations(params, vparams, marks=lam)
printed_x = (
    numerics.printed_decentralized_allocation() if on_paper else None
)


# %% tags=["hide-input"]
def add_printed(fig, printed_x):
    """Draw ``printed_x`` as dotted lines in the colours of the members' curves."""
    ax = fig.axes[0]
    for i, (line, y) in enumerate(zip(ax.lines[:n], printed_x)):
        ax.axhline(
            y,
            color=line.get_color(),
            ls=":",
            lw=1.6,
            label=f"$x_{{{i + 1}}}$ decentralised, printed in §5.2",
        )
    lo, hi = ax.get_ylim()
    ax.set_ylim(
        min(lo, printed_x.min() - 0.03 * (hi - lo)),
        max(hi, printed_x.max() + 0.03 * (hi - lo)),
    )
    old = ax.get_legend()
    ax.legend(
        fontsize=8,
        framealpha=0.9,
        loc="upper left",
        bbox_to_anchor=(1.01, 1.0),
        title=(old.get_title().get_text() or None) if old else None,
        title_fontsize=8,
    )


if printed_x is not None:
    add_printed(fig, printed_x)
book.figure(fig, output_dir, "fig3_vertical", key="fig3")

# %% [markdown]
# ```{glue:figure} fig3
# :name: fig-vertical
# :alt: Each vertical member's improved-Raiffa allocation against the revenue share, with its recomputed decentralised level as a dashed line, the paper's printed decentralised level as a dotted line, and the acceptable band shaded.
#
# Benefit distribution among the members of the vertical alliance under
# different decisions: the paper's Fig. 3, recomputed from the page's
# parameters. Curves: each member's
# share $x_i^*(\lambda)$ of $V(N) = \pi_1(\lambda)$ by eq {eq}`eq15`; dashed
# lines in the same colours: the shares of the decentralised $V(N) = \pi_1^*$
# computed here; dotted lines (with the paper's parameters only): the
# decentralised shares *printed* in §5.2, which differ
# ({ref}`why <decentralised-allocation-note>`); shaded: the band acceptable to both alliances; markers: the
# grid of Table 2. Files: {download}`PNG <outputs/fig3_vertical.png>`,
# {download}`SVG <outputs/fig3_vertical.svg>`.
# ```
#
# ## The range of $\lambda$ for both alliances
#
# The vertical members accept the contract only if each receives more than its
# decentralised share. Each $x_i^*$ grows with $V(N)$ (slope $F_i$), and
# $V(N) = \pi_1(\lambda)$ grows with $\lambda$, so this adds a lower bound on
# $\lambda$ to the horizontal band of {doc}`centralized_revenue_sharing`
# (`xbec.replication.numerics.vertical_acceptable_lambda`). The exact bands,
# and their ends on the paper's grid of hundredths:

# %%
# book.or_none: the band, or None where no share meets its conditions
bands = {
    "horizontal alliance only": book.or_none(
        xbec.acceptable_lambda, params
    ),
    "both, against this page's decentralised shares": book.or_none(
        numerics.vertical_acceptable_lambda, params, vparams
    ),
}
if on_paper:
    bands["both, against the paper's printed decentralised shares"] = (
        book.or_none(
            numerics.vertical_acceptable_lambda,
            params,
            vparams,
            baseline=printed_x,
        )
    )
pd.DataFrame(
    [
        (b.lo, b.hi, *numerics.grid_ends(b, step=0.01))
        if b
        else (None,) * 4
        for b in bands.values()
    ],
    index=list(bands),
    columns=["lower end", "upper end", "grid: first", "grid: last"],
).style.format(
    {
        "lower end": "{:.6f}",
        "upper end": "{:.6f}",
        "grid: first": "{:.2f}",
        "grid: last": "{:.2f}",
    },
    na_rep="empty",
)

# %% [markdown]
# The paper prints the range as {glue:text}`paper_lo:.2f` to {glue:text}`paper_hi:.2f`:
# it observes that at its first share "the benefits distributed by domestic and
# foreign logistics service providers are lower than those of decentralized
# decision-making" and therefore raises the lower end. At the grid's first
# share, each member's share beside the two baselines:

# %%
try:
    # eq (15) at V(N) = pi_1(lam[0])
    x_first = numerics.table2(params, vparams, [lam[0]])
    first = pd.DataFrame(
        {
            "$x_i^*(\\lambda)$": [
                x_first[f"x{i + 1}"][0] for i in range(n)
            ],
            "decentralised, computed here": base,
        },
        index=pd.Index(names, name="member"),
    )
    if on_paper:
        first["decentralised, printed in §5.2"] = printed_x
    display(
        book.table(
            first.assign(
                **{
                    "below a baseline": [
                        ", ".join(
                            col
                            for col in first.columns[1:]
                            if first.loc[m, col] > first.loc[m].iloc[0]
                        )
                        for m in first.index
                    ]
                }
            ),
            formats=dict.fromkeys(first.columns, ".2f"),
            index=True,
        )
    )
except xbec.ModelDomainError:  # eq (10) is singular at the first share
    display(
        book.Md("The contract is not defined at the grid's first share.")
    )

# %% tags=["hide-input"]
book.glue(
    paper_lo=paper.value(paper.CONCLUSIONS["lam_lo"]),
    paper_hi=paper.value(paper.CONCLUSIONS["lam_hi"]),
)

# %% [markdown]
# The ledger's verdict on the printed range, and `xbec.claims`' on the
# statement that the range is acceptable to every member:

# %%
(
    book.compare(xbec.ledger(params, vparams, section="§6"))
    if on_paper
    else None
)

# %%
book.claims_table(
    c for c in xbec.claims(params, vparams) if c.key == "band"
)

# %% [markdown]
# ## The ranking of the members
#
# §5.3.1 says that the platform earns the most, "due to [its] significant
# contribution as the leading party", and that among the logistics providers
# the domestic provider ranks first. Checked over the whole vertical band:

# %%
book.claims_table(
    c
    for c in xbec.claims(params, vparams)
    if c.key in ("platform-earns-most", "domestic-first")
)

# %% [markdown]
# The order follows from the inputs: the shares differ by $F_i V(N)$ and by the
# Raiffa term of eq {eq}`eq13`, so a member ranks high when it invests much
# ($\varphi_i$) and when the others are worth little without it (small $\mu_i$).
