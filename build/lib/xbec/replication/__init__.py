"""The replication: the paper's printed values, the §5 tables, sympy derivations, the ledger.

==================================  ==============================================
``xbec.replication.paper``          the paper's printed numbers (comparison target only)
``xbec.replication.numerics``       §5: Tables 1–2, the λ grid, the vertical λ band
``xbec.replication.symbolic``       sympy derivations of every printed closed form; errata
``xbec.replication.ledger``         the replication ledger
``xbec.replication.report``         Markdown helpers of the book's comparison tables
==================================  ==============================================
"""
