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
shapley_n_max = 16  # exact Shapley with v a Python callable, n = 2..shapley_n_max (benchmarks/ go to 20)
vectorised_n_max = 18  # exact Shapley with the 2**n worths computed by numpy
raiffa_ns = [2, 3, 4, 5, 10, 20, 100, 1000, 10**4, 10**5, 10**6]
nucleolus_n_max = 8
fit_n_min = 12  # fit log2(seconds) = a + b n on n >= fit_n_min
extrapolate_to = 30
output_dir = "outputs"

# %%
from xbec.beyond import cost_pages
from xbec.figures import beyond as beyond_figures, pages as figure_pages
from xbec.replication import pages

page = pages.setup(globals())
run = cost_pages.measure_costs(shapley_n_max, vectorised_n_max, raiffa_ns, nucleolus_n_max, fit_n_min)
fig = beyond_figures.cost_figure([run.shapley, run.vectorised, run.nucleolus, run.raiffa], fit=run.fit,
                                 extrapolate_to=extrapolate_to, time_label="CPU seconds (best of runs)")
figure_pages.show(fig, page.out_dir, "beyond_cost", key="fig-cost")
cost_pages.cost_table_md(run)

# %% [markdown]
# ```{glue:figure} fig-cost
# :name: fig-cost
# :alt: Three panels against the number of members n. (a) CPU seconds on a log axis for n up to 30: exact Shapley (callable and numpy worths) and the nucleolus rise along straight lines, the fitted exponential continues dashed to n = 30 across horizontal lines at 1 s and 60 s, Raiffa stays flat near ten microseconds. (b) evaluations of v: 2 to the n for Shapley and the nucleolus, n plus one for Raiffa. (c) log-log time over all measured n: Raiffa reaches about ten milliseconds at a million members.
#
# (a) CPU time and (b) evaluations of $v$ against the number of members for
# small $n$ (log vertical axes: $2^n$ growth is a straight line); (c) time over
# every measured $n$, log-log, where Raiffa reaches a million members. The
# dashed line extends the fitted exponential of exact Shapley beyond the
# measured $n$ — an extrapolation, not a measurement.
# Files: {download}`PNG <outputs/beyond_cost.png>`,
# {download}`SVG <outputs/beyond_cost.svg>`.
# ```

# %%
pages.glue_all(cost_pages.cost_values(run, fit_n_min))

# %% [markdown]
# ## What the measurements say
#
# - **Exact Shapley grows as the paper says.** Fitted on
#   $n \ge$ {glue:text}`fit_n_min`, its time multiplies by
#   {glue:text}`fit_factor:.2f` per added member ($2^{n}$ evaluations of $v$
#   plus the factor $n$ of the arithmetic); at $n =$
#   {glue:text}`shapley_n_max` it took {glue:text}`shapley_t_max:.2f` s. It
#   passes 1 s at $n \approx$ {glue:text}`n_1s:.1f` ({glue:text}`n_1s_kind`
#   the measured range) and, **extrapolating** the fit, 60 s at
#   $n \approx$ {glue:text}`n_60s:.1f` and an hour at $n \approx$
#   {glue:text}`n_1h:.1f`. Computing the $2^n$ worths with numpy instead of
#   calling a Python function made it {glue:text}`vec_speedup:.1f` times faster
#   at $n =$ {glue:text}`shapley_n_max` but not slower-growing (factor
#   {glue:text}`fit_vec_factor:.2f` per member, 60 s at
#   $n \approx$ {glue:text}`n_vec_60s:.1f`, extrapolated); memory ends it
#   anyway: the table of $2^n$ worths is
#   {glue:text}`max_players_mib:,.0f` MiB at $n =$ {glue:text}`max_players`,
#   the largest $n$ `xbec.shapley` accepts. On this machine exact Shapley stops
#   being practical for interactive use in the low twenties of members.
# - **Raiffa is linear**: $n + 1$ evaluations; {glue:text}`raiffa_n_max:,`
#   members took {glue:text}`raiffa_t_max_ms:.1f` ms.
# - **At the paper's scale the argument does not bite.** The vertical alliance
#   has $n = 4$: exact Shapley took {glue:text}`shapley_t4_us:.0f` µs with 16
#   evaluations, Raiffa {glue:text}`raiffa_t4_us:.0f` µs with 5. What does
#   bite at $n = 4$ is *information*: Shapley, the nucleolus and the core need
#   all 15 coalition worths, of which the paper supplies 5
#   ({doc}`beyond_allocation`). That — the paper's other argument, that Raiffa
#   "avoids the difficult problem of collecting information data" — is the
#   valid reason to prefer it; computation time is not, for any alliance of
#   fewer than about twenty members.
#
# ## Closing note: what the paper did not ask, in one line each
#
# The four chapters of this part, summarised with numbers recomputed here
# from `xbec`:

# %%
pages.glue_all(cost_pages.closing_values(page.params, page.vparams, 0.8))

# %% [markdown]
# 1. **Band** ({doc}`beyond_band`): revenue sharing is acceptable only where
#    $\rho = b_2^2/(2b_1\gamma_1) <$ {glue:text}`cn_rho_star:.3f` (the model
#    allows $\rho < 1$) and the fixed cost is small; this page's point
#    ($\rho =$ {glue:text}`cn_rho0:.2f`) has {glue:md}`cn_band_md:myst`.
# 2. **Coordination** ({doc}`beyond_coordination`): the paper's contract leaves
#    {glue:text}`cn_gap:.0f` of $\pi =$ {glue:text}`cn_pi:.0f` unrealised at
#    $\lambda =$ {glue:text}`cn_lam:.2f` (service {glue:text}`cn_s_rs:.0f` instead of
#    {glue:text}`cn_s2:.0f`); adding service-cost sharing with $\omega = \lambda c$
#    reaches $\pi$ at every $\lambda$ and is acceptable for
#    {glue:text}`cn_co_lo:.3f` $< \lambda <$ {glue:text}`cn_co_hi:.3f`.
# 3. **Allocation** ({doc}`beyond_allocation`): the vertical alliance's core is
#    empty for $\lambda <$ {glue:text}`cn_lam_core:.3f` whatever the unstated
#    coalition worths; at $\lambda =$ {glue:text}`cn_lam:.2f` the improved Raiffa allocation leaves
#    the core once pairs are worth more than {glue:text}`cn_t_ir:.3f` of their
#    weakest triple (Raiffa {glue:text}`cn_t_r:.3f`, Shapley
#    {glue:text}`cn_t_sh:.3f`; the nucleolus stays in the core as long as the
#    core is non-empty, up to {glue:text}`cn_t_nu:.3f`).
# 4. **Cost** (this chapter): exact Shapley's time grows by
#    {glue:text}`fit_factor:.2f` per member and passes 1 s at
#    $n \approx$ {glue:text}`n_1s:.0f` and 60 s at $n \approx$
#    {glue:text}`n_60s:.0f` (extrapolated); Raiffa handles
#    {glue:text}`raiffa_n_max:,` members in {glue:text}`raiffa_t_max_ms:.0f` ms —
#    but at the paper's $n = 4$ both take microseconds, and the real cost of
#    Shapley is the 15 coalition worths it needs.
