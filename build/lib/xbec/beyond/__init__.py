"""Beyond the paper: questions the paper did not ask, answered with its model.

=========================  ==================================================
``xbec.beyond.bands``      the acceptable λ band over whole parameter grids
``xbec.beyond.coordination``  a contract that coordinates (revenue + service-cost sharing)
``xbec.beyond.games``      cooperative games: core, least core, nucleolus
``xbec.beyond.allocation`` allocation rules compared; core limits over λ
``xbec.beyond.cost``       the cost of Shapley vs Raiffa, measured
=========================  ==================================================

No plotting, no printing; figures are in :mod:`xbec.figures.beyond`.
"""

from .bands import (
    BAND_OK,
    BAND_EMPTY,
    BAND_DISJOINT,
    DOMAIN_CONCAVITY,
    DOMAIN_MARKET,
    BAND_STATUS,
    HORIZONTAL_PARAMETERS,
    BandArrays,
    BandMap,
    band_arrays,
    band_map,
    dimensionless_groups,
    band_dimensionless,
)
from .coordination import (
    contract_platform_profit,
    contract_manufacturer_profit,
    CoordinatingContractResult,
    coordinating_contract,
    coordinating_acceptable_lambda,
    compare_contracts,
    dominating_shares,
    derive_coordinating_contract,
)
from .games import (
    coalition_table,
    vertical_game,
    excesses,
    CoreCheck,
    core_check,
    least_core_epsilon,
    nucleolus,
)
from .allocation import (
    AllocationComparison,
    RULES,
    compare_allocations,
    AllocationSensitivity,
    allocation_sensitivity,
    core_pair_factor_limit,
    core_nonempty_pair_factor_limit,
    core_limits,
    core_min_grand_worth,
    core_nonempty_lambda,
    core_worth_interval,
    core_lambda_interval,
    CoreLambdaBounds,
    core_lambda_bounds,
    CoreLimits,
    core_limits_over_lambda,
)
from .cost import (
    CostMeasurement,
    ExponentialFit,
    CountingWorth,
    cost_game_weights,
    measure_shapley_cost,
    measure_raiffa_cost,
    measure_nucleolus_cost,
    fit_cost_growth,
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
