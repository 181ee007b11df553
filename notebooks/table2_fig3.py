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
# Section 5.2: the vertical alliance, Table 2 and Fig. 3 recomputed.
#
# *Placeholder: this chapter is being written.*

# %% tags=["parameters"]
# Parameters (papermill injects overrides after this cell).
fast = False
