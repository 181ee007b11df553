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
# # Explore the parameters
#
# Move the sliders: the revenue share λ, the market size β, the service
# sensitivity b₂, the service cost coefficient γ₁ and the unit production cost
# c. The text below the sliders gives the acceptable band of λ
# ({doc}`centralized_revenue_sharing`), Table 1's row at the chosen λ
# ({doc}`table1_fig2`), and the plots redraw the curves of Fig. 2 (the
# horizontal alliance's profits) and Fig. 3 (the vertical alliance's improved-Raiffa
# allocation, {doc}`table2_fig3`). The shaded area is the acceptable band (in Fig. 3
# the band acceptable to both alliances); dashed lines are the decentralised
# levels, the dotted line the centralised total profit; the thin vertical line
# marks the chosen λ.
#
# The page needs no server and no network. Every number it shows was computed by
# `xbec` when the book was built, for every combination of the sliders' values
# listed below (`xbec.figures.explorer.explorer_data`); moving a slider only
# looks up the precomputed case. Where a combination has no outcome (the
# concavity condition of {doc}`Proposition 1 <stackelberg>` fails) or no
# acceptable band, the page says so. The curves are drawn only at the λ where revenue sharing has an
# outcome both members would sign: next to the pole of eq (10),
# λ = b₁ γ₁ / b₂², its formulas still give numbers, with huge profits of both signs and a
# loss for one member, which no member would accept; there the plots stay
# empty and the page says so. The other parameters keep the values below. (This page sets its
# symbols in plain text: without formulas it loads no MathJax, which keeps it
# small beside BokehJS.)

# %% tags=["parameters"]
# Parameters (papermill injects overrides after this cell).
b1 = 2.0        # price sensitivity of demand (not on a slider)
K = 10.0        # platform's maintenance cost (not on a slider)
mu = [1600.0, 2000.0, 2300.0, 2200.0]   # V(N \ {i}) for each member i
phi = [20.0, 15.0, 8.0, 12.0]          # cost invested by each member
theta = [0.7, 0.5, 0.4, 0.6]           # service level of each member
weights = [0.7, 0.3]                   # weights of phi and theta in eq (14)
output_dir = "outputs"

# %% tags=["hide-input"]
import json
from pathlib import Path

from IPython.display import HTML, Markdown
from myst_nb import glue

import xbec
from xbec.figures import explorer

base = xbec.HorizontalParams(b1=b1, K=K)
vparams = xbec.VerticalParams(mu=tuple(mu), phi=tuple(phi), theta=tuple(theta), weights=tuple(weights))
data = explorer.explorer_data(base, vparams)
out_dir = Path(output_dir)
out_dir.mkdir(parents=True, exist_ok=True)
(out_dir / "explorer.json").write_text(json.dumps(data, separators=(",", ":"), allow_nan=False) + "\n",
                                       encoding="utf-8")
cases = data["cases"]
glue("explorer_cases", len(cases), display=False)
glue("explorer_invalid", sum(not cs["valid"] for cs in cases), display=False)
glue("explorer_no_band", sum(cs["valid"] and cs["band"] is None for cs in cases), display=False)
glue("explorer_kb", round(explorer.data_size(data) / 1024), display=False)
glue("explorer_n_lambda", len(data["lambda"]), display=False)
glue("explorer_lam_lo", f"{data['lambda'][0]:.2f}", display=False)
glue("explorer_lam_hi", f"{data['lambda'][-1]:.2f}", display=False)

# %% tags=["remove-input"]
HTML(explorer.explorer_html(data))

# %% [markdown]
# ## What the sliders cover
#
# The page holds {glue:text}`explorer_cases` precomputed cases
# ({glue:text}`explorer_kb` kB of numbers): every combination of the values
# below, each with the {glue:text}`explorer_n_lambda` values of λ from
# {glue:text}`explorer_lam_lo` to {glue:text}`explorer_lam_hi`. Of these cases,
# {glue:text}`explorer_invalid` violate the concavity condition (no outcome) and
# {glue:text}`explorer_no_band` have no acceptable band. The numbers are also
# written to `outputs/explorer.json`.

# %% tags=["hide-input"]
Markdown(
    "| slider | values |\n| --- | --- |\n"
    + "\n".join(f"| `{name}` | {', '.join(f'{v:g}' for v in axis)} |" for name, axis in data["axes"].items())
    + f"\n| `lambda` | {data['lambda'][0]:.2f}, {data['lambda'][1]:.2f}, …, {data['lambda'][-1]:.2f} |\n\n"
    + "Fixed: " + ", ".join(f"`{k}` = {v:g}" for k, v in data["fixed"].items())
    + f"; vertical alliance: `mu` = {list(mu)}, `phi` = {list(phi)}, `theta` = {list(theta)}, "
    + f"`weights` = {list(weights)}."
)
