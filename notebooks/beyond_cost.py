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
# # The paper's cost argument, measured
#
# §4 of {cite:t}`wei2024` prefers the Raiffa rule because "the calculation
# amount of the Shapley model increases exponentially with the number of
# members, limiting its practical application". This chapter measures it.
#
# Exact Shapley needs the worth of every coalition: $2^n$ evaluations of the
# characteristic function $v$, and $O(n\,2^n)$ arithmetic. Raiffa (eq 13)
# needs $V(N)$ and the $n$ worths $\mu_i = V(N \setminus \{i\})$: $n + 1$
# evaluations and $O(n)$ arithmetic. Both are timed on the same game,
# $v(S) = \big(\sum_{i \in S} a_i\big)^{1.5}$ with member weights
# $a_i \in [0.5, 1.5)$ — cheap to evaluate but not trivial — using
# `xbec.shapley` and `xbec.raiffa`; a counting wrapper records the
# evaluations. The nucleolus (sequential linear programmes over all $2^n$
# coalitions) is timed for comparison. Times are CPU seconds of the kernel
# process (`time.process_time`, best of several runs) on the machine that
# built this page (see {doc}`status`): on a shared machine wall-clock time
# would also count the time spent waiting for a core. They vary with the
# machine and its load; the evaluation counts do not. The script
# `benchmarks/bench_allocation_cost.py` runs the same measurements further
# (Shapley to $n = 20$ and $22$, Raiffa to $10^7$).

# %% tags=["parameters"]
# Parameters (papermill injects overrides after this cell).
beta = 200.0
b1 = 2.0
b2 = 1.0
gamma1 = 1.0
c = 10.0
K = 10.0
mu = [1600.0, 2000.0, 2300.0, 2200.0]
phi = [20.0, 15.0, 8.0, 12.0]
theta = [0.7, 0.5, 0.4, 0.6]
weights = [0.7, 0.3]
shapley_n_max = (
    16  # exact Shapley, v a Python callable (benchmarks/ go further)
)
vectorised_n_max = 18  # exact Shapley with the 2**n worths computed by numpy
raiffa_ns = [2, 3, 4, 5, 10, 20, 100, 1000, 10**4, 10**5, 10**6]
nucleolus_n_max = 8
fit_n_min = 12  # fit log2(seconds) = a + b n on n >= fit_n_min
extrapolate_to = 30
output_dir = "outputs"

# %%
import numpy as np
import pandas as pd

import xbec
from xbec import beyond, book
from xbec.figures import beyond as beyond_figures
from xbec.model.vertical import MAX_SHAPLEY_PLAYERS

run = beyond.measure_costs(
    shapley_n_max, vectorised_n_max, raiffa_ns, nucleolus_n_max, fit_n_min
)
measured = [run.shapley, run.vectorised, run.nucleolus, run.raiffa]
long = pd.concat(
    [
        pd.DataFrame(
            {
                "n": m.n,
                "rule": m.rule,
                "evaluations": m.evaluations,
                "CPU s": m.seconds,
            }
        )
        for m in measured
    ]
)
small = long[long["n"] <= max(shapley_n_max, vectorised_n_max)]
small.pivot(index="n", columns="rule", values="CPU s").style.format(
    "{:.2g}", na_rep="–"
)

# %% [markdown]
# CPU seconds per rule for small alliances (above); evaluations of $v$ per
# rule, and Raiffa for large alliances (below):

# %%
small.pivot(index="n", columns="rule", values="evaluations").style.format(
    "{:,.0f}", na_rep="–"
)

# %%
raiffa_large = long[(long["rule"] == run.raiffa.rule) & (long["n"] > 20)]
raiffa_large.style.hide(axis="index").format(
    {"n": "{:,}", "evaluations": "{:,}", "CPU s": "{:.2g}"}
)

# %% tags=["hide-input"]
fig = beyond_figures.cost_figure(
    measured,
    fit=run.fit,
    extrapolate_to=extrapolate_to,
    time_label="CPU seconds (best of runs)",
)
book.figure(fig, output_dir, "beyond_cost", key="fig-cost")

# %% [markdown]
# ```{glue:figure} fig-cost
# :name: fig-cost
# :alt: Three panels against the number of members n. (a) CPU seconds on a log axis: exact Shapley (callable and numpy worths) and the nucleolus rise along straight lines, the fitted exponential continues dashed beyond the measured n across two horizontal threshold lines, Raiffa stays flat at the bottom. (b) evaluations of v: two to the n for Shapley and the nucleolus, n plus one for Raiffa. (c) log-log time over all measured n: Raiffa's time grows linearly up to the largest measured alliance.
#
# (a) CPU time and (b) evaluations of $v$ against the number of members for
# small $n$ (log vertical axes: $2^n$ growth is a straight line); (c) time over
# every measured $n$, log-log, where Raiffa reaches {glue:text}`raiffa_n_max:,`
# members. The dashed line extends the fitted exponential of exact Shapley
# beyond the measured $n$ — an extrapolation, not a measurement.
# Files: {download}`PNG <outputs/beyond_cost.png>`,
# {download}`SVG <outputs/beyond_cost.svg>`.
# ```
#
# The fit is `log2(seconds) = a + b n` on $n \ge$ {glue:text}`fit_n_min`
# (`beyond.fit_cost_growth`); `fit.n_for(seconds)` inverts it:

# %%
thresholds = {"one second": 1.0, "one minute": 60.0, "one hour": 3600.0}
pd.DataFrame(
    {
        "Shapley (callable v)": [
            run.fit.n_for(s) for s in thresholds.values()
        ],
        "Shapley (numpy worths)": [
            run.fit_vectorised.n_for(s) for s in thresholds.values()
        ],
    },
    index=[f"n at {k}" for k in thresholds],
).style.format("{:.1f}")

# %% tags=["hide-input"]
shap, vec, ra = run.shapley, run.vectorised, run.raiffa
n_top = int(shap.n.max())
book.glue(
    fit_n_min=fit_n_min,
    fit_factor=2**run.fit.slope,
    fit_vec_factor=2**run.fit_vectorised.slope,
    n_1s=run.fit.n_for(1.0),
    n_60s=run.fit.n_for(60.0),
    n_1h=run.fit.n_for(3600.0),
    n_vec_60s=run.fit_vectorised.n_for(60.0),
    shapley_n_max=n_top,
    shapley_t_max=shap.seconds[-1],
    n_1s_kind="within" if run.fit.n_for(1.0) <= n_top else "beyond",
    vec_speedup=shap.seconds[-1] / vec.seconds[list(vec.n).index(n_top)]
    if n_top in vec.n
    else np.nan,
    max_players=MAX_SHAPLEY_PLAYERS,
    max_players_mib=2**MAX_SHAPLEY_PLAYERS * 8 / 2**20,
    raiffa_n_max=int(ra.n.max()),
    raiffa_t_max_ms=1e3 * ra.seconds[np.argmax(ra.n)],
)
vn = xbec.VerticalParams(
    mu=tuple(mu), phi=tuple(phi), theta=tuple(theta), weights=tuple(weights)
).n
book.glue(
    n_paper=vn,
    coalitions=2**vn - 1,
    raiffa_needs=vn + 1,  # V(N) and the n worths mu_i
    shapley_evals=shap.evaluations[list(shap.n).index(vn)]
    if vn in shap.n
    else np.nan,
    raiffa_evals=ra.evaluations[list(ra.n).index(vn)]
    if vn in ra.n
    else np.nan,
    shapley_tn_us=1e6 * shap.seconds[list(shap.n).index(vn)]
    if vn in shap.n
    else np.nan,
    raiffa_tn_us=1e6 * ra.seconds[list(ra.n).index(vn)]
    if vn in ra.n
    else np.nan,
)

# %% [markdown]
# ## What the measurements say
#
# - **Exact Shapley grows as the paper says.** Fitted on
#   $n \ge$ {glue:text}`fit_n_min`, its time multiplies by
#   {glue:text}`fit_factor:.2f` per added member ($2^{n}$ evaluations of $v$
#   plus the factor $n$ of the arithmetic); at $n =$
#   {glue:text}`shapley_n_max` it took {glue:text}`shapley_t_max:.2f` s. It
#   passes one second at $n \approx$ {glue:text}`n_1s:.1f` ({glue:text}`n_1s_kind`
#   the measured range) and, **extrapolating** the fit, one minute at
#   $n \approx$ {glue:text}`n_60s:.1f` and an hour at $n \approx$
#   {glue:text}`n_1h:.1f`. Computing the $2^n$ worths with numpy instead of
#   calling a Python function made it {glue:text}`vec_speedup:.1f` times faster
#   at $n =$ {glue:text}`shapley_n_max` but not slower-growing (factor
#   {glue:text}`fit_vec_factor:.2f` per member, one minute at
#   $n \approx$ {glue:text}`n_vec_60s:.1f`, extrapolated); memory ends it
#   anyway: the table of $2^n$ worths is
#   {glue:text}`max_players_mib:,.0f` MiB at $n =$ {glue:text}`max_players`,
#   the largest $n$ `xbec.shapley` accepts. On this machine exact Shapley stops
#   being practical for interactive use in the low twenties of members.
# - **Raiffa is linear**: $n + 1$ evaluations; {glue:text}`raiffa_n_max:,`
#   members took {glue:text}`raiffa_t_max_ms:.1f` ms.
# - **At the paper's scale the argument does not bite.** The vertical alliance
#   has $n =$ {glue:text}`n_paper`: exact Shapley took
#   {glue:text}`shapley_tn_us:.0f` µs with {glue:text}`shapley_evals`
#   evaluations, Raiffa {glue:text}`raiffa_tn_us:.0f` µs with
#   {glue:text}`raiffa_evals`. What does bite at this $n$ is *information*:
#   Shapley, the nucleolus and the core need all {glue:text}`coalitions`
#   coalition worths, of which the paper supplies {glue:text}`raiffa_needs`
#   ({doc}`beyond_allocation`). That — the paper's other argument, that Raiffa
#   "avoids the difficult problem of collecting information data" — is the
#   valid reason to prefer it; computation time is not, for any alliance of
#   fewer than about twenty members.
#
# ## Closing note: what the paper did not ask, in one line each
#
# The four chapters of this part, summarised with numbers recomputed here
# from `xbec` at this page's parameters:

# %%
params = xbec.HorizontalParams(
    beta=beta, b1=b1, b2=b2, gamma1=gamma1, c=c, K=K
)
vp = xbec.VerticalParams(
    mu=tuple(mu), phi=tuple(phi), theta=tuple(theta), weights=tuple(weights)
)
lam = 0.8  # the share the chapters discuss
rho0, kappa0 = beyond.dimensionless_groups(params)
rho_star = beyond.band_closing_rho(kappa0)  # beyond_band
band = book.or_none(xbec.acceptable_lambda, params)
cen, rs = (
    xbec.centralized(params),
    book.or_none(xbec.revenue_sharing, params, lam),
)  # beyond_coordination
co_band = book.or_none(xbec.coordinating_acceptable_lambda, params)
lam_core = book.or_none(
    beyond.core_nonempty_lambda, params, vp.mu
)  # beyond_allocation
limits = (
    book.or_none(beyond.core_limits, float(rs.pi_platform), vp.mu, vp.F)
    if rs is not None
    else None
)
pd.Series(
    {
        "rho": rho0,
        "band empty from rho": rho_star,
        "band lower end": band.lo if band else np.nan,
        "band upper end": band.hi if band else np.nan,
        "pi (centralised)": cen.pi_total,
        "pi - RS total at lambda": cen.pi_total - rs.pi_total
        if rs
        else np.nan,
        "coordinating band lower end": co_band.lo if co_band else np.nan,
        "coordinating band upper end": co_band.hi if co_band else np.nan,
        "core non-empty from lambda": lam_core
        if lam_core is not None
        else np.nan,
    }
).to_frame("value").style.format("{:.4f}", na_rep="does not exist")


# %% tags=["hide-input"]
def maths_band(b):
    """The band as an open interval in maths, or that it is empty."""
    return (
        f"the band $({b.lo:.4f}, {b.hi:.4f})$" if b else "no acceptable share"
    )


raiffa, improved, shapley_, nucl = beyond.RULES
book.glue(
    cn_band=book.Md(
        f"revenue sharing is acceptable only where $\\rho = b_2^2/(2b_1\\gamma_1) < {rho_star:.3f}$ (the model allows "
        f"$\\rho < 1$) and the fixed cost is small; this page's point ($\\rho = {rho0:.2f}$) has {maths_band(band)}."
        if rho_star > 0
        else f"at this page's fixed cost no $\\rho$ has an acceptable share ($\\rho = {rho0:.2f}$: {maths_band(band)})."
    ),
    cn_coord=book.Md(
        (
            f"the paper's contract leaves {cen.pi_total - rs.pi_total:.0f} of $\\pi = {cen.pi_total:.0f}$ unrealised at "
            f"$\\lambda = {lam:.2f}$ (service {rs.s:.0f} instead of {cen.s:.0f})"
            if rs
            else f"the paper's contract has no valid outcome at $\\lambda = {lam:.2f}$"
        )
        + "; adding service-cost sharing with $\\omega = \\lambda c$ reaches $\\pi$ at every $\\lambda$ and is "
        + (
            f"acceptable for ${co_band.lo:.3f} < \\lambda < {co_band.hi:.3f}$."
            if co_band
            else "acceptable for no $\\lambda$ here (with the platform ahead)."
        )
    ),
    cn_alloc=book.Md(
        (
            f"the vertical alliance's core is empty for $\\lambda < {lam_core:.3f}$ whatever the unstated coalition "
            "worths"
            if lam_core is not None
            else "the vertical alliance's core is empty for every $\\lambda$"
        )
        + (
            ""
            if limits is None or lam_core is None
            else f"; at $\\lambda = {lam:.2f}$ the improved Raiffa allocation is in the core for pair worths up to "
            f"{limits[improved][1]:.3f} of their weakest triple (Raiffa {limits[raiffa][1]:.3f}, Shapley "
            f"{limits[shapley_][1]:.3f}; the nucleolus stays in the core as long as the core is non-empty, up to "
            f"{limits[nucl][1]:.3f})"
        )
        + "."
    ),
)

# %% [markdown]
# - **Band** ({doc}`beyond_band`): {glue:md}`cn_band:myst`
# - **Coordination** ({doc}`beyond_coordination`): {glue:md}`cn_coord:myst`
# - **Allocation** ({doc}`beyond_allocation`): {glue:md}`cn_alloc:myst`
# - **Cost** (this chapter): exact Shapley's time grows by
#   {glue:text}`fit_factor:.2f` per member and passes one second at
#   $n \approx$ {glue:text}`n_1s:.0f` and one minute at $n \approx$
#   {glue:text}`n_60s:.0f` (extrapolated); Raiffa handles
#   {glue:text}`raiffa_n_max:,` members in {glue:text}`raiffa_t_max_ms:.0f` ms —
#   but at the paper's $n =$ {glue:text}`n_paper` both take microseconds, and
#   the real cost of Shapley is the {glue:text}`coalitions` coalition worths it
#   needs.
