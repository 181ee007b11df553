"""xbec: executable replication package of Wei, Yang & Ou (2024).

*Construction of Cross Border E-commerce Cooperation Alliance based on Cloud
Platform and Interest Game*, Global Academic Frontiers 2(1):44–57.

The public front door; the modules map onto the paper:

=======================  ==============================================
``xbec.model``           §3–4 and the extension's model (pure functions)
``xbec.replication``     the paper's values, §5 tables, sympy derivations, ledger
``xbec.beyond``          beyond the paper: λ-band maps, a coordinating contract,
                         nucleolus and core, the cost of Shapley vs Raiffa
``xbec.figures``         the book's figures (matplotlib)
``xbec.rerun``           the ``xbec`` command and the papermill runner
=======================  ==============================================

Imports run one way: ``model`` ← ``replication``, ``beyond`` ← ``figures`` ←
``rerun``.
"""

from .errors import ModelDomainError
from .model.horizontal import (
    HorizontalParams,
    LambdaBand,
    acceptable_lambda,
    centralized,
    decentralized,
    revenue_sharing,
)
from .replication.ledger import LedgerRow, ledger
from .model.vertical import VerticalParams, improved_raiffa, raiffa, service_shares, shapley
from .beyond import (
    CoordinatingContractResult,
    coordinating_acceptable_lambda,
    coordinating_contract,
    core_check,
    nucleolus,
)
from . import beyond
from .model import contracts

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
    "beyond",
    "contracts",
    "__version__",
]
