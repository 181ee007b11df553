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
# # Replication report
#
# Every number that §5 of {cite:t}`wei2024` publishes — in the text of §5.1 and
# §5.2, in Tables 1 and 2, and in the conclusions — set against the exact model
# of `xbec` in one *replication ledger*; the paper's verbal conclusions
# (§5.3.1, §5.3.2, §6) as claims with a verdict; the checks of every printed
# formula; and the paper's errata. Every status, verdict and check is computed
# when this page is built, none is assigned. A ledger row's status is one of:
#
# reproduced
# : the exact model, rounded to the paper's printed precision, prints the
#   paper's digits;
#
# rounding
# : it does not, but the paper's own procedure applied to its rounded
#   intermediate values does (the note says which);
#
# reconstructed
# : neither, but the paper's digits follow exactly from inputs other than those
#   it states; the row carries those inputs and the tests recompute the digits
#   from them;
#
# discrepancy
# : none of these; the note explains, with numbers computed here, what the
#   paper must have done differently.
#
# A non-reproduced row without an explanation would be *unexplained*; the test
# suite fails on any.

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
output_dir = "outputs"

# %%
import xbec
from xbec.replication import ledger as ledger_mod
from xbec.replication.report import esc, md_table, yes

params = xbec.HorizontalParams(beta=beta, b1=b1, b2=b2, gamma1=gamma1, c=c, K=K)
vparams = xbec.VerticalParams(mu=tuple(mu), phi=tuple(phi), theta=tuple(theta), weights=tuple(weights))

# %% tags=["remove-cell"]
from pathlib import Path

from IPython.display import Markdown
from myst_nb import glue

import xbec.replication.symbolic as S
from xbec.replication.claims import VERDICTS
from xbec.replication.errata import KINDS

on_paper = params == xbec.HorizontalParams() and vparams == xbec.VerticalParams()
out_dir = Path(output_dir)
out_dir.mkdir(parents=True, exist_ok=True)

try:
    rows = ledger_mod.ledger(params, vparams)
    ledger_error = None
except xbec.ModelDomainError as err:
    rows, ledger_error = [], str(err)
summary = ledger_mod.summary(rows)
for status, count in summary.items():
    glue(f"n_{status}", count, display=False)
glue("n_unexplained", len(ledger_mod.unexplained(rows)), display=False)
if rows:
    (out_dir / "ledger.csv").write_text(ledger_mod.to_csv(rows))

errata = xbec.errata()
glue("n_errata", len(errata), display=False)
glue("n_errata_holds", sum(e.holds for e in errata), display=False)
for kind in KINDS:
    glue(f"n_errata_{kind}", sum(e.kind == kind for e in errata), display=False)

try:
    claims = xbec.claims(params, vparams)
    claims_error = None
except xbec.ModelDomainError as err:
    claims, claims_error = (), str(err)
glue("n_claims", len(claims), display=False)
for verdict in VERDICTS:
    glue(f"n_claims_{verdict.replace(' ', '_')}", sum(cl.verdict == verdict for cl in claims), display=False)
for cl in claims:
    glue(f"verdict_{cl.key}", cl.verdict, display=False)

if on_paper:
    glue("params_note", Markdown("Computed with the paper's parameters (§5.1, §5.2)."), display=False)
elif rows:
    glue("params_note", Markdown(
        "**These are not the paper's parameters.** The ledger still compares with the paper's printed "
        "numbers, which belong to the paper's parameters, so most rows are discrepancies by construction; "
        "their notes explain the paper's numbers, not these parameters. The conclusions' verdicts and the "
        "errata checks below are recomputed for these parameters."), display=False)
else:
    glue("params_note", Markdown(
        f"**These are not the paper's parameters**, and the ledger cannot be computed for them: "
        f"{esc(ledger_error)}. No `ledger.csv` was written."), display=False)

# %% tags=["remove-cell"]
# Links from the landing page and the assumptions page (both in book/) to pages
# that other parts of the book add: a link where the page is in this build's
# table of contents, plain text otherwise.
from IPython.display import HTML
from sphinx_external_toc.parsing import parse_toc_yaml

toc_path = Path("..") / "_toc.yml"
toc_docs = set(parse_toc_yaml(str(toc_path))) if toc_path.is_file() else set()
for key, doc, text in [("link_robustness", "notebooks/robustness", "robustness chapter"),
                       ("link_explorer", "notebooks/explorer", "explorer"),
                       ("link_api", "book/api", "API reference")]:
    glue(key, HTML(f'<a href="../{doc}.html">{text}</a>' if doc in toc_docs else text), display=False)

# %% [markdown]
# (report-summary)=
# ## Summary
#
# {glue:md}`params_note:myst`
#
# Of the {glue:text}`n_total:d` published numbers, {glue:text}`n_reproduced:d`
# are **reproduced**, {glue:text}`n_rounding:d` follow from the paper's
# **rounding**, {glue:text}`n_reconstructed:d` are **reconstructed** from
# other inputs than the paper states and {glue:text}`n_discrepancy:d` are
# **discrepancies**; {glue:text}`n_unexplained:d` are unexplained. The whole
# ledger is in {download}`ledger.csv <outputs/ledger.csv>` (columns
# `where, paper, reproduced, diff, status, note`).

# %% tags=["remove-input"]
GROUPS = [
    ("§5.1: horizontal alliance, headline values", "§5.1"),
    ("Table 1: the horizontal alliance under revenue sharing", "Table 1"),
    ("§5.2: vertical alliance, decentralised allocation", "§5.2,"),
    ("Table 2: the vertical alliance under revenue sharing", "Table 2"),
    ("Conclusions (§5.2, §6): the range of the revenue share", "§5.2/§6"),
]
summary_rows = []
for title, prefix in GROUPS:
    s = ledger_mod.summary([r for r in rows if r.where.startswith(prefix)])
    summary_rows.append((title, s["total"], *(s[st] for st in ledger_mod.STATUSES)))
summary_rows.append(("**all**", summary["total"], *(summary[st] for st in ledger_mod.STATUSES)))
Markdown(md_table(["section", "numbers", *ledger_mod.STATUSES], summary_rows))

# %% [markdown]
# (report-conclusions)=
# ## Conclusions
#
# The paper's verbal conclusions (§5.3.1, §5.3.2 and §6), one claim each
# (`xbec.claims()`), with a verdict computed here: **holds** (true as printed),
# **holds with correction** (true once a printed number is replaced by the
# computed one), **fails**, or **undefined as stated**. The contract is the
# revenue-sharing contract of {cite:t}`cachon2005`; "the band" is the set of
# shares it must satisfy to be accepted by both firms (§3.4). Statements about a range
# of $\lambda$ are decided over the continuous interval (signs of polynomials in
# $\lambda$, monotone quantities at the interval's ends), not on a grid. Of the
# {glue:text}`n_claims:d` claims, {glue:text}`n_claims_holds:d` hold,
# {glue:text}`n_claims_holds_with_correction:d` hold with a correction,
# {glue:text}`n_claims_fails:d` fail and
# {glue:text}`n_claims_undefined_as_stated:d` are undefined as stated.

# %% tags=["remove-input"]
if claims:
    claim_table = md_table(
        ["claim", "where", "verdict", "what is checked"],
        [(f"`{cl.key}`", cl.where, f"**{cl.verdict}**", cl.statement) for cl in claims])
    claim_details = "\n".join(
        f"`{cl.key}` ({cl.where}) — **{cl.verdict}**\n"
        f": *\"{cl.quote}\"*\n\n"
        f"  Checked: {cl.statement}."
        + (f" Exact condition: {cl.condition}." if cl.condition else "") + "\n\n"
        + "".join(f"  - {k}: {v:.6g}\n" if isinstance(v, float) else f"  - {k}: {v}\n"
                  for k, v in cl.evidence.items())
        for cl in claims)
    out = Markdown(claim_table + "\n" + claim_details)
else:
    out = Markdown(f"The claims cannot be assessed for these parameters: {esc(claims_error)}.")
out

# %% [markdown]
# (report-reconstruction)=
# ## §5.2's decentralised allocation, reconstructed
#
# §5.2 prints the improved-Raiffa allocation (the Raiffa arbitration scheme
# {cite:p}`raiffa1953` as modified in §4) under decentralised decisions,
# $x = (1056.59, 680.42, 110.35, 457.19)$. Eq (15) with the coalition values
# $\mu$ that §5.2 states does not give it; the ledger rows marked
# *reconstructed* carry the inputs from which it follows exactly. Eq (15) is
#
# $$
# x_i^* = F_i V(N) + \frac{2n-3}{2(n-1)}\,g_i, \qquad g = \bar\mu - \mu ,
# $$
#
# so the allocation depends on $\mu$ only through $g$ (it sums to zero), and it
# sums to $V(N)$.

# %% tags=["remove-cell"]
fam = ledger_mod.reconstruction_family(vparams)
glue("fam_sum", fam.sum_printed, display=False)
glue("fam_V_lo", fam.V_interval[0], display=False)
glue("fam_V_hi", fam.V_interval[1], display=False)
rec_rows = [r for r in rows if r.status == "reconstructed" and r.where.startswith("§5.2,")]
conc_rows = [r for r in rows if r.where == "§5.2/§6 conclusion, lambda lower end"]
if rec_rows:
    inp = rec_rows[0].inputs
    rec_alloc = xbec.improved_raiffa(inp["V"], inp["mu"], xbec.service_shares(inp["phi"], inp["theta"], inp["weights"]))
    rec_table = md_table(
        ["member", "paper", "eq (15), stated $\\mu$, exact $\\pi_1^*$",
         f"eq (15), $V(N) = {inp['V']:g}$, $\\mu = ({', '.join(f'{m:g}' for m in inp['mu'])})$"],
        [(f"$x_{i + 1}$", r.paper, f"{r.reproduced:.3f}", f"{rec_alloc[i]:.3f}") for i, r in enumerate(rec_rows)])
    gap = ", ".join(f"{g:g}" for g in fam.gap)
    stated_gap = ", ".join(f"{g:g}" for g in fam.stated_gap)
    box = ", ".join(f"$g_{i + 1} \\in [{a:.3f}, {b:.3f}]$" for i, (a, b) in enumerate(fam.gap_box_at_V))
    rec_text = (
        f"{rec_table}\n"
        f"The whole family: the printed $x_i$ sum to {fam.sum_printed:.2f}, so $V(N)$ must lie in "
        f"$[{fam.V_interval[0]:.2f}, {fam.V_interval[1]:.2f}]$ whatever $\\mu$ is — the text's "
        f"$V(N) = {xbec.replication.paper.SECTION_5_2_DECENTRALIZED['V']}$ does not, nor does the exact "
        f"$\\pi_1^* = {xbec.decentralized(params).pi_platform:.4f}$; the paper's own rounded "
        f"$\\pi_1^* = {inp['V']:g}$ does. At that $V(N)$ the digits pin each $g_i$ to an interval of width "
        f"{0.01 / fam.coef:.3f} ({box}); the round values $g = ({gap})$ are inside, and every "
        f"$\\mu = m - g$, $m$ any real, gives the same allocation (e.g. $m = 2000$ above). The stated "
        f"$\\mu$ have $g = ({stated_gap})$.\n"
    )
    if conc_rows:
        rec_text += (
            "\nWhat this means for the conclusion's lower end 0.72 "
            f"(status *{conc_rows[0].status}*): {conc_rows[0].note_md}. The 0.72 is therefore an artefact of "
            "using two different $\\mu$ in one comparison; with either $\\mu$ throughout, the band's lower end "
            "on the 0.01 grid is 0.71, the horizontal band's.\n"
        )
else:
    rec_text = "With these parameters no ledger row is reconstructed."
glue("reconstruction", Markdown(rec_text), display=False)

# %% tags=["remove-cell"]
try:
    band = xbec.acceptable_lambda(params)
    band_text = (f"{band.lo:.5f}", f"{band.hi:.5f}", f"{band.lo:.2f}", f"{band.hi:.2f}")
except xbec.ModelDomainError:
    band_text = ("none",) * 4
for key, text in zip(("band_lo", "band_hi", "band_lo_2", "band_hi_2"), band_text):
    glue(key, text, display=False)
mixed_text = "none"
if rec_rows:
    try:
        mixed_text = f"{xbec.replication.numerics.vertical_acceptable_lambda(params, vparams, baseline=rec_alloc).lo:.5f}"
    except xbec.ModelDomainError:
        pass
glue("mixed_lo", mixed_text, display=False)

# %% [markdown]
# ```{glue:md} reconstruction
# :format: myst
# ```
#
# ## What is not reproduced, and why

# %% tags=["remove-input"]
seen, items = {}, []
for r in rows:
    if r.status != "reproduced":
        seen.setdefault(r.note_md, []).append(r)
for note, grp in seen.items():
    heads = "; ".join(f"{r.label} (paper {r.paper}, here {r.reproduced:.4f})" for r in grp)
    items.append(f"{heads} — *{grp[0].status}*\n: {note}\n")
Markdown("\n".join(items) if items else "Every number is reproduced.")

# %% tags=["remove-cell"]
glue("in_short", Markdown(
    "In short, as the notes show: the decentralised profits of §5.1 and §5.2 were computed from prices "
    "rounded to two decimals; some totals of Table 1 are sums of rounded columns; the sentence \"above "
    "0.89\" contradicts the paper's own range; the decentralised allocation of §5.2 follows from other "
    "coalition values than those printed in §5.2, and the lower end 0.72 of the paper's conclusion rests on it."
    if on_paper else "With other parameters than the paper's, these notes describe the paper's numbers."
), display=False)

# %% [markdown]
# {glue:md}`in_short:myst`
#
# (report-ledger)=
# ## The ledger, section by section

# %% tags=["remove-input"]
parts = []
for title, prefix in GROUPS:
    grp = [r for r in rows if r.where.startswith(prefix)]
    if grp:
        parts.append(f"### {title}\n\n" + md_table(
            ["where", "paper", "this page", "difference", "status"],
            [(r.label, r.paper, f"{r.reproduced:.4f}", f"{r.diff:+.4f}",
              r.status if r.status == "reproduced" else f"**{r.status}**") for r in grp]))
Markdown("\n".join(parts) if parts else "No ledger for these parameters.")

# %% [markdown]
# (report-formulas)=
# ## Formula checks
#
# Every closed form printed in §3–§4, compared by SymPy with its derivation
# from the model's primitives (`xbec.replication.symbolic.checks()`; the
# derivations are shown in {doc}`stackelberg`, {doc}`centralized_revenue_sharing`
# and {doc}`vertical_raiffa`).

# %% tags=["remove-cell"]
checks = S.checks()
errata_keys = {e.key for e in errata}
glue("n_checks", len(checks), display=False)
glue("n_agree", sum(ch.agrees for ch in checks), display=False)
misdescribed = [ch for ch in checks if ch.errata]
glue("n_misdescribed", len(misdescribed), display=False)
glue("misdescribed_list", Markdown(", ".join(ch.label for ch in misdescribed)), display=False)

# %% [markdown]
# {glue:text}`n_agree:d` of the {glue:text}`n_checks:d` printed formulas agree
# with their derivations *as formulas*. That does not make every sentence about
# them true: for {glue:text}`n_misdescribed:d` of them the text says something
# else than the formula is, and the erratum named beside each says what — eq (3),
# for example, is right as the Hessian of eq (1) with $\omega$ held fixed, but
# Proposition 1 applies it to the leader. These are
# {glue:md}`misdescribed_list:myst`.

# %% tags=["remove-input"]
Markdown(md_table(
    ["formula", "agrees", "erratum about its description", "note"],
    [(ch.label, yes(ch.agrees), ", ".join(f"`{k}`" for k in ch.errata if k in errata_keys), ch.note_md)
     for ch in checks]))

# %% [markdown]
# (report-errata)=
# ## Errata
#
# The places where the paper is wrong, inconsistent or incomplete
# (`xbec.errata()`): {glue:text}`n_errata:d` in all, of which
# {glue:text}`n_errata_typo:d` typos, {glue:text}`n_errata_error:d` errors,
# {glue:text}`n_errata_inconsistency:d` inconsistencies, {glue:text}`n_errata_gap:d`
# undefined as stated (*gap*) and {glue:text}`n_errata_clarification:d`
# clarifications. Each row's *verified* is computed when this page is built:
# the printed statement is shown wrong (by SymPy or from the paper's stored
# text) and the corrected statement's check passes at the paper's parameters.
# The check evaluates the corrected statement at any valid parameters —
# numerically, and with SymPy where the statement is symbolic; a typo's check
# reads the paper's text. The tests run every check over the whole parameter
# domain; the last column runs it at this page's parameters.

# %% tags=["remove-input"]
table = md_table(
    ["erratum", "where", "kind", "verified", "verified by", "check at these parameters"],
    [(f"`{e.key}`", e.where, e.kind, yes(e.holds), ", ".join(e.method), yes(e.check(params))) for e in errata])
details = "\n".join(
    f"`{e.key}` — *{e.kind}*, {e.where}\n"
    f": **Printed:** {e.printed}\n\n"
    f"  **Corrected:** {e.corrected}\n\n"
    + (f"  **Holds only if:** {e.condition}\n\n" if e.condition else "")
    + f"  {e.explanation}\n"
    for e in errata
)
Markdown(table + "\n" + details)
