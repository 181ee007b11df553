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
# Section 2 of {cite:t}`wei2024` proposes *how* the firms of a cross-border
# e-commerce chain should be organised before §3–§4 say *how they share the
# profit*. The chain is long and scattered — supply, transport, customs
# clearance, distribution, final consumers abroad — and it suffers from
# "information islands" and from conflicting interests
# {cite:p}`du2018`. The paper's answer is an alliance with the cross-border
# e-commerce platform at its core, in two layers, tied together by a cloud
# platform ({numref}`fig-alliance`).
#
# This chapter has no numbers to recompute; it draws Fig. 1 from code
# (`xbec.figures.paper.alliance_diagram`), because the paper's image is not in our
# copy, and states the organisational model that the later chapters formalise.

# %% tags=["parameters"]
# Parameters (papermill injects overrides after this cell).
output_dir = "outputs"

# %%
from xbec import book
from xbec.figures import paper

fig = paper.alliance_diagram()  # the diagram of §2, drawn with matplotlib
book.figure(fig, output_dir, "fig1_alliance", key="fig-alliance")

# %% [markdown]
# ```{glue:figure} fig-alliance
# :name: fig-alliance
# :alt: Boxes for the manufacturers, the cross-border e-commerce platform, consumers abroad, and the domestic logistics providers, international carrier and foreign logistics providers, around an ellipse for the cloud platform; shaded regions mark the horizontal and the vertical alliance.
#
# Cross-border e-commerce cooperation alliance based on a cloud platform: the
# paper's Fig. 1, redrawn from §2 (this book numbers its own figures B1, B2, …). Blue region: the horizontal alliance of §3;
# orange region: the vertical alliance of §4; the platform belongs to both.
# Arrows show the four flows the cloud platform integrates. Files:
# {download}`PNG <outputs/fig1_alliance.png>`, {download}`SVG <outputs/fig1_alliance.svg>`.
# ```
#
# ## The horizontal alliance: platform and manufacturers
#
# The platform does not only sell its own products: it also offers a sales
# channel and logistics to other manufacturers, whose products substitute for
# and compete with its own, which disturbs prices and service
# {cite:p}`wang2017`. The paper therefore proposes that manufacturers join the
# platform as its *suppliers*:
#
# - the **manufacturers** supply products to the platform at a (lower)
#   wholesale price $\omega$ and deliver on time;
# - the **platform** sells all the manufacturers' products in a unified way, at
#   one retail price $p$ and one logistics service level $s$, and provides the
#   sales platform, cross-border payment, after-sales service, market
#   information and logistics; it monitors inventories in real time and
#   shortens procurement lead times.
#
# Unified prices and service avoid "market chaos". The platform leads and the
# manufacturers follow, which is the Stackelberg game of §3.2
# ({doc}`stackelberg`); §3.3–§3.4 add the centralised benchmark and the
# revenue-sharing contract ({doc}`centralized_revenue_sharing`).
#
# ## The vertical alliance: platform and logistics service providers
#
# On top of the horizontal alliance, the platform forms a vertical alliance with
# the three kinds of logistics service providers, one per stage of the
# cross-border route:
#
# | Member | Role in the alliance |
# |---|---|
# | cross-border e-commerce platform | leader; integrates and coordinates all resources, supporting services |
# | domestic logistics providers | procurement, transport, warehousing and inventory management of goods at home; hand-over to the carrier |
# | international carrier | customs clearance and cross-border transport |
# | foreign logistics providers | overseas transport, warehousing and distribution to consumers abroad |
#
# This is the "manufacturer + cross-border e-commerce platform + logistics
# service provider" division of labour. The logistics providers deliver the
# service level $s^*(\lambda)$ that the platform chooses under the
# revenue-sharing contract, and share the platform's revenue
# $V(N) = \pi_1(\lambda)$ by the improved Raiffa rule of §4
# ({doc}`vertical_raiffa`).
#
# ## The cloud platform and the four flows
#
# To remove information asymmetry, the alliance builds a cloud platform
# {cite:p}`chan2017` that integrates the members' information systems into an
# **alliance database** recording supply, business, market, financial and
# logistics information. Every member reads and writes it through the cloud
# platform, so the flows generated along the chain are coordinated — the paper's
# **"four-flow integration"**:
#
# logistics flow
# : the goods, from the manufacturers through the domestic logistics
#   providers, the international carrier and the foreign logistics providers to
#   the consumers abroad;
#
# information flow
# : the alliance database, shared by all members through the cloud platform;
#
# capital flow
# : the consumers' payments to the platform, and the platform's payments to the
#   manufacturers (wholesale price and revenue share) and to the logistics
#   providers (their shares of $V(N)$);
#
# business flow
# : the platform's orders to the manufacturers and its sales to consumers.
#
# A stable alliance also needs a fair rule for sharing its profit
# {cite:p}`he2012,nikkhoo2018`. That is the subject of the rest of the paper:
# the Stackelberg game and the revenue-sharing contract for the horizontal
# alliance (§3), and the improved Raiffa allocation for the vertical one (§4).
# The diagram is a schematic of §2's text: the paper gives no quantities for the
# flows, and none of the later numbers depend on it.
