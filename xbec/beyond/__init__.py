"""Beyond the paper: questions the paper did not ask, answered with its model.

==============================  ============================================================
``xbec.beyond.bands``           the acceptable λ band over whole parameter grids
``xbec.beyond.coordination``    a contract that coordinates (revenue + service-cost sharing)
``xbec.beyond.games``           cooperative games: core, least core, nucleolus
``xbec.beyond.allocation``      allocation rules compared; core limits over λ
``xbec.beyond.cost``            the cost of Shapley vs Raiffa, measured
``xbec.beyond.robustness``      order of moves, Nash bargaining, μ while V(N) moves
``xbec.beyond.order_of_moves``  where each order of moves leaves a band: maps and areas
==============================  ============================================================

No plotting, no printing; figures are in :mod:`xbec.figures.beyond`.
"""

from .allocation import (  # noqa: F401 (re-exported)
    RULES,
    AllocationComparison,
    AllocationSensitivity,
    CoreLambdaBounds,
    allocation_sensitivity,
    compare_allocations,
    core_lambda_bounds,
    core_lambda_interval,
    core_limits,
    core_min_grand_worth,
    core_nonempty_lambda,
    core_nonempty_pair_factor_limit,
    core_worth_interval,
)
from .bands import (  # noqa: F401 (re-exported)
    BAND_DISJOINT,
    BAND_EMPTY,
    BAND_OK,
    BAND_STATUS,
    DOMAIN_CONCAVITY,
    DOMAIN_MARKET,
    HORIZONTAL_PARAMETERS,
    BandArrays,
    BandMap,
    BandMapCheck,
    band_arrays,
    band_closing_kappa,
    band_closing_rho,
    band_dimensionless,
    band_map,
    band_map_check,
    dimensionless_groups,
)
from .coordination import (  # noqa: F401 (re-exported)
    CommonDominance,
    CoordinatingContractResult,
    common_dominating_shares,
    compare_contracts,
    contract_manufacturer_profit,
    contract_platform_profit,
    coordinating_acceptable_lambda,
    coordinating_contract,
    derive_coordinating_contract,
    dominating_shares,
)
from .cost import (  # noqa: F401 (re-exported)
    CostMeasurement,
    CostRun,
    CountingWorth,
    ExponentialFit,
    cost_game_weights,
    fit_cost_growth,
    measure_costs,
    measure_nucleolus_cost,
    measure_raiffa_cost,
    measure_shapley_cost,
)
from .games import (  # noqa: F401 (re-exported)
    CoreCheck,
    coalition_table,
    core_check,
    excesses,
    least_core_epsilon,
    nucleolus,
    vertical_game,
)
from .order_of_moves import LeaderMaps, band_area_share, band_kappa_limit, band_rho_limit, leader_maps  # noqa: F401
from .robustness import (  # noqa: F401 (re-exported)
    MU_RULES,
    BargainingOutcome,
    MuPaths,
    allocation_paths,
    coalition_values,
    leader_band_maps,
    mu_paths,
    nash_bargaining_lambda,
    nash_product,
    negative_allocation_lambda,
    negative_allocation_thresholds,
    valid_lambda,
    vertical_band,
    worth_thresholds,
)
