"""The replication: the paper's printed values, the §5 tables, sympy derivations, the ledger.

==================================  ==============================================
``xbec.replication.paper``          the paper's printed numbers (comparison target only)
``xbec.replication.numerics``       §5: Tables 1–2, the λ grid, the vertical λ band
``xbec.replication.symbolic``       sympy derivations of every printed closed form
``xbec.replication.errata``         the paper's errata, each with a check of its corrected statement
``xbec.replication.claims``         the paper's verbal conclusions as claims with computed verdicts
``xbec.replication.ledger``         the replication ledger
``xbec.replication.report``         the report's counts (ledger, claims, errata), the reconstruction
==================================  ==============================================
"""
