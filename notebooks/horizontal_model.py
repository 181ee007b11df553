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
# # §3.1 The horizontal alliance: model and assumptions
#
# Section 3.1: demand $D = \beta - b_1 p + b_2 s$, logistics service cost $C(s) = \gamma_1 s^2/2$ and the parameter domain.
#
# *Placeholder: this chapter is being written.*

# %% tags=["parameters"]
# Parameters (papermill injects overrides after this cell).
fast = False
