"""xbec: executable replication package of Wei, Yang & Ou (2024).

*Construction of Cross Border E-commerce Cooperation Alliance based on Cloud
Platform and Interest Game*, Global Academic Frontiers 2(1):44–57.

The public front door; the modules map onto the paper:

=====================  ==============================================
``xbec.horizontal``    §3, eqs (1)–(10): Stackelberg, centralised, revenue sharing
``xbec.vertical``      §4, eqs (11)–(15): Raiffa, improved Raiffa; Shapley value
``xbec.numerics``      §5: Tables 1–2, the vertical λ band
``xbec.symbolic``      sympy derivations of every printed closed form; errata
``xbec.paper``         the paper's printed numbers (comparison target only)
``xbec.ledger``        the replication ledger
``xbec.analysis``      beyond the paper: λ-band maps, a coordinating contract,
                       nucleolus and core, the cost of Shapley vs Raiffa
``xbec.contracts``     extension: wholesale vs agency (after Zennyo 2020)
=====================  ==============================================
"""

from .errors import ModelDomainError
from .horizontal import (
    HorizontalParams,
    LambdaBand,
    acceptable_lambda,
    centralized,
    decentralized,
    revenue_sharing,
)
from .ledger import LedgerRow
from .ledger import ledger
from .vertical import VerticalParams, improved_raiffa, raiffa, service_shares, shapley
from .analysis import (
    CoordinatingContractResult,
    coordinating_acceptable_lambda,
    coordinating_contract,
    core_check,
    nucleolus,
)
from . import analysis, contracts

__version__ = "0.1.0"

__all__ = [
    "ModelDomainError",
    "HorizontalParams",
    "VerticalParams",
    "LambdaBand",
    "LedgerRow",
    "decentralized",
    "centralized",
    "revenue_sharing",
    "acceptable_lambda",
    "service_shares",
    "raiffa",
    "improved_raiffa",
    "shapley",
    "ledger",
    "coordinating_contract",
    "coordinating_acceptable_lambda",
    "CoordinatingContractResult",
    "nucleolus",
    "core_check",
    "analysis",
    "contracts",
    "__version__",
]
