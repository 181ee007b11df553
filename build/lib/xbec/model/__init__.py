"""The model: the paper's §3–4 and the extension's contract-choice model.

===========================  ==============================================
``xbec.model.horizontal``    §3, eqs (1)–(10): Stackelberg, centralised, revenue sharing
``xbec.model.vertical``      §4, eqs (11)–(15): Raiffa, improved Raiffa; Shapley value
``xbec.model.contracts``     extension: wholesale vs agency (after Zennyo 2020)
===========================  ==============================================

Pure functions only: no I/O, no plotting, no printing.
"""
