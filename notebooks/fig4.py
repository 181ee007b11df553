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
# # §5.3.2 Fig. 4: service level and demand
#
# Section 5.3.2: logistics service level and market demand under the three decision regimes.
#
# *Placeholder: this chapter is being written.*

# %% tags=["parameters"]
# Parameters (papermill injects overrides after this cell).
fast = False
