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
# # §3.2 Platform-led Stackelberg game (Propositions 1–2)
#
# Section 3.2: decentralised decisions, the concavity condition of Proposition 1 and the equilibrium of Proposition 2.
#
# *Placeholder: this chapter is being written.*

# %% tags=["parameters"]
# Parameters (papermill injects overrides after this cell).
fast = False
