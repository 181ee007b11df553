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
# # §2 The cloud-platform alliance (Fig. 1)
#
# Section 2 of the paper: the organisational model of the horizontal and vertical alliance around the cloud platform, and Fig. 1.
#
# *Placeholder: this chapter is being written.*

# %% tags=["parameters"]
# Parameters (papermill injects overrides after this cell).
fast = False
