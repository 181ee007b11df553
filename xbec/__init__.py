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

from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as _distribution_version

from . import beyond
from .beyond import (
    BargainingOutcome,
    CoordinatingContractResult,
    coordinating_acceptable_lambda,
    coordinating_contract,
    core_check,
    nash_bargaining_lambda,
    nucleolus,
)
from .errors import ModelDomainError
from .model import contracts
from .model.horizontal import (
    HorizontalParams,
    LambdaBand,
    acceptable_lambda,
    centralized,
    decentralized,
    revenue_sharing,
)
from .model.vertical import (
    MEMBER_NAMES,
    VerticalParams,
    improved_raiffa,
    member_names,
    raiffa,
    service_shares,
    shapley,
)
from .replication.claims import Claim, claims
from .replication.errata import Erratum, errata
from .replication.ledger import LedgerRow, ledger

try:  # the version is typed once, in pyproject.toml
    __version__: str = _distribution_version("xbec")
except PackageNotFoundError:  # pragma: no cover - running from a source tree that was never installed
    __version__ = "0+unknown"

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
    "MEMBER_NAMES",
    "member_names",
    "ledger",
    "errata",
    "Erratum",
    "claims",
    "Claim",
    "coordinating_contract",
    "coordinating_acceptable_lambda",
    "CoordinatingContractResult",
    "nash_bargaining_lambda",
    "BargainingOutcome",
    "nucleolus",
    "core_check",
    "beyond",
    "contracts",
    "__version__",
]
