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

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from .errors import ModelDomainError

if TYPE_CHECKING:  # the names below are imported when first used (PEP 562): `import xbec` stays light
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

    __version__: str

#: where each public name lives (module, attribute; None: the module itself)
_LAZY: dict[str, tuple[str, str | None]] = {"beyond": (".beyond", None), "contracts": (".model.contracts", None)}
_LAZY.update(
    (name, (module, name))
    for module, names in {
        ".beyond": "BargainingOutcome CoordinatingContractResult coordinating_acceptable_lambda coordinating_contract "
        "core_check nash_bargaining_lambda nucleolus",
        ".model.horizontal": "HorizontalParams LambdaBand acceptable_lambda centralized decentralized revenue_sharing",
        ".model.vertical": "MEMBER_NAMES VerticalParams improved_raiffa member_names raiffa service_shares shapley",
        ".replication.claims": "Claim claims",
        ".replication.errata": "Erratum errata",
        ".replication.ledger": "LedgerRow ledger",
    }.items()
    for name in names.split()
)


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:  # the version is typed once, in pyproject.toml
        return version("xbec")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree that was never installed
        return "0+unknown"


def __getattr__(name: str) -> Any:
    """Import a public name on first use (PEP 562); sympy, scipy and the rest load only when needed."""
    if name == "__version__":
        value: Any = _version()
    elif name in _LAZY:
        module, attr = _LAZY[name]
        value = importlib.import_module(module, __name__)
        value = value if attr is None else getattr(value, attr)
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


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
