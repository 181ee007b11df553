"""Beyond the paper: questions the paper did not ask, answered with its model.

============================  ==================================================
``xbec.beyond.bands``         the acceptable λ band over whole parameter grids
``xbec.beyond.coordination``  a contract that coordinates (revenue + service-cost sharing)
``xbec.beyond.games``         cooperative games: core, least core, nucleolus
``xbec.beyond.allocation``    allocation rules compared; core limits over λ
``xbec.beyond.cost``          the cost of Shapley vs Raiffa, measured
============================  ==================================================

No plotting, no printing; figures are in :mod:`xbec.figures.beyond`.
"""

from .allocation import (
    RULES,
    AllocationComparison,
    AllocationSensitivity,
    CoreLambdaBounds,
    CoreLimits,
    allocation_sensitivity,
    compare_allocations,
    core_lambda_bounds,
    core_lambda_interval,
    core_limits,
    core_limits_over_lambda,
    core_min_grand_worth,
    core_nonempty_lambda,
    core_nonempty_pair_factor_limit,
    core_pair_factor_limit,
    core_worth_interval,
)
from .bands import (
    BAND_DISJOINT,
    BAND_EMPTY,
    BAND_OK,
    BAND_STATUS,
    DOMAIN_CONCAVITY,
    DOMAIN_MARKET,
    HORIZONTAL_PARAMETERS,
    BandArrays,
    BandMap,
    band_arrays,
    band_dimensionless,
    band_map,
    dimensionless_groups,
)
from .coordination import (
    CoordinatingContractResult,
    compare_contracts,
    contract_manufacturer_profit,
    contract_platform_profit,
    coordinating_acceptable_lambda,
    coordinating_contract,
    derive_coordinating_contract,
    dominating_shares,
)
from .cost import (
    CostMeasurement,
    CountingWorth,
    ExponentialFit,
    cost_game_weights,
    fit_cost_growth,
    measure_nucleolus_cost,
    measure_raiffa_cost,
    measure_shapley_cost,
)
from .games import (
    CoreCheck,
    coalition_table,
    core_check,
    excesses,
    least_core_epsilon,
    nucleolus,
    vertical_game,
)

__all__ = [
    "BAND_OK",
    "BAND_EMPTY",
    "BAND_DISJOINT",
    "DOMAIN_CONCAVITY",
    "DOMAIN_MARKET",
    "BAND_STATUS",
    "HORIZONTAL_PARAMETERS",
    "BandArrays",
    "BandMap",
    "band_arrays",
    "band_map",
    "dimensionless_groups",
    "band_dimensionless",
    "contract_platform_profit",
    "contract_manufacturer_profit",
    "CoordinatingContractResult",
    "coordinating_contract",
    "coordinating_acceptable_lambda",
    "compare_contracts",
    "dominating_shares",
    "derive_coordinating_contract",
    "coalition_table",
    "vertical_game",
    "excesses",
    "CoreCheck",
    "core_check",
    "least_core_epsilon",
    "nucleolus",
    "AllocationComparison",
    "RULES",
    "compare_allocations",
    "AllocationSensitivity",
    "allocation_sensitivity",
    "core_pair_factor_limit",
    "core_nonempty_pair_factor_limit",
    "core_limits",
    "core_min_grand_worth",
    "core_nonempty_lambda",
    "core_worth_interval",
    "core_lambda_interval",
    "CoreLambdaBounds",
    "core_lambda_bounds",
    "CoreLimits",
    "core_limits_over_lambda",
    "CostMeasurement",
    "ExponentialFit",
    "CountingWorth",
    "cost_game_weights",
    "measure_shapley_cost",
    "measure_raiffa_cost",
    "measure_nucleolus_cost",
    "fit_cost_growth",
]
