"""The numbers printed in the paper, transcribed once, as strings.

Wei, Yang & Ou (2024), Global Academic Frontiers 2(1):44–57, §5. Values are
kept as the printed strings so that their printed precision (number of
decimals) is known; :func:`value` and :func:`decimals` read them.

These are a **comparison target only**: no function of :mod:`xbec` returns
them as a result. :mod:`xbec.replication.ledger` compares them with the model.
"""

from __future__ import annotations

from decimal import Decimal
from types import MappingProxyType

__all__ = [
    "CITATION",
    "SECTION_5_1",
    "TABLE1_COLUMNS",
    "TABLE1",
    "SECTION_5_2_INPUTS",
    "SECTION_5_2_DECENTRALIZED",
    "TABLE2_COLUMNS",
    "TABLE2",
    "CONCLUSIONS",
    "TEXT",
    "EQUATION_LHS",
    "STATED_STEP",
    "value",
    "decimals",
]

CITATION = (
    "Wei, K., Yang, Z., & Ou, Y. (2024). Construction of Cross Border E-commerce "
    "Cooperation Alliance based on Cloud Platform and Interest Game. "
    "Global Academic Frontiers, 2(1), 44-57."
)

#: The inputs and headline results of §5.1 (horizontal alliance).
SECTION_5_1 = MappingProxyType(
    {
        # inputs
        "K": "10",
        "gamma1": "1",
        "c": "10",
        "beta": "200",
        "b1": "2",
        "b2": "1",
        # decentralised decision (Stackelberg)
        "p1": "87.14",
        "w1": "35.71",
        "s1": "25.71",
        "pi1": "2304.54",
        "pi2": "1322.27",
        # centralised decision
        "pi": "5390",
        # acceptable revenue share: "a range of 0.71 <= lambda <= 0.88"
        "lam_lo": "0.71",
        "lam_hi": "0.88",
        # "If ... lambda is below 0.71 or above 0.89, ... will not adopt"
        "lam_reject_above": "0.89",
    }
)

#: The order of Table 1's columns (lambda, p*(lambda), w(lambda), s*(lambda), pi1(lambda), pi2(lambda), pi*).
TABLE1_COLUMNS = ("lam", "p", "w", "s", "pi_platform", "pi_manufacturer", "pi_total")

#: Table 1, "lambda impact on cross border e-commerce horizontal alliance members".
TABLE1 = (
    ("0.71", "70", "16.68", "33.02", "2516.66", "2509.46", "5026.12"),
    ("0.73", "70", "16.61", "34.49", "2654.01", "2410.56", "5064.57"),
    ("0.75", "70", "16.50", "36.00", "2798.00", "2304.00", "5102.00"),
    ("0.77", "70", "16.34", "37.56", "2949.07", "2189.17", "5138.24"),
    ("0.79", "70", "16.13", "39.17", "3107.70", "2065.43", "5173.13"),
    ("0.81", "70", "15.86", "40.84", "3274.39", "1932.07", "5206.46"),
    ("0.83", "70", "15.54", "42.56", "3449.70", "1788.30", "5238.00"),
    ("0.85", "70", "15.15", "44.35", "3634.23", "1633.27", "5267.5"),
    ("0.87", "70", "14.71", "46.19", "3828.66", "1466.05", "5294.71"),
    ("0.88", "70", "14.46", "47.14", "3929.80", "1377.55", "5307.35"),
)

#: The inputs of §5.2, ``mu`` in member order (mu_i = V(N \ {i})).
#: Printed: V(1∪2∪3)=2200, V(1∪2∪4)=2300, V(1∪3∪4)=2000 (garbled in our copy as
#: "V(1∪4)=230 ∪3∪4)=2000"), V(2∪3∪4)=1600.
SECTION_5_2_INPUTS = MappingProxyType(
    {
        "V(1,2,3)": "2200",
        "V(1,2,4)": "2300",
        "V(1,3,4)": "2000",
        "V(2,3,4)": "1600",
        "phi": ("20", "15", "8", "12"),
        "theta": ("0.7", "0.5", "0.4", "0.6"),
        "weights": ("0.7", "0.3"),
    }
)

#: The decentralised allocation of §5.2, "under decentralized decision-making, the total income is 2304.5,
#: denoted as V(N) ... x1 = 1056.59, x2 = 680.42, x3 = 110.35, x4 = 457.19".
SECTION_5_2_DECENTRALIZED = MappingProxyType(
    {"V": "2304.5", "x1": "1056.59", "x2": "680.42", "x3": "110.35", "x4": "457.19"}
)

#: The order of Table 2's columns (lambda, V(N), x1*, x2*, x3*, x4*).
TABLE2_COLUMNS = ("lam", "V", "x1", "x2", "x3", "x4")

#: Table 2, "lambda impact on cross border e-commerce vertical alliance members".
TABLE2 = (
    ("0.71", "2516.66", "1235.00", "672.88", "164.35", "444.44"),
    ("0.72", "2584.53", "1258.75", "690.46", "174.96", "460.36"),
    ("0.74", "2725.15", "1307.97", "726.89", "196.95", "493.34"),
    ("0.76", "2872.62", "1359.58", "765.10", "220.01", "527.93"),
    ("0.78", "3027.41", "1413.76", "805.21", "244.21", "564.23"),
    ("0.80", "3190.00", "1470.67", "847.33", "269.63", "602.37"),
    ("0.82", "3360.93", "1530.49", "891.62", "296.36", "642.46"),
    ("0.84", "3540.77", "1593.44", "938.22", "324.48", "684.64"),
    ("0.86", "3730.17", "1659.72", "987.29", "354.10", "729.06"),
    ("0.88", "3929.80", "1729.60", "1039.01", "385.31", "775.88"),
)

#: The band of §5.2 and §6, "The revenue sharing coefficient lambda should be between 0.72 and 0.88".
CONCLUSIONS = MappingProxyType({"lam_lo": "0.72", "lam_hi": "0.88"})


#: Sentences of the paper, verbatim (maths as in our copy), that an erratum or a
#: claim refers to. :mod:`xbec.replication.errata` tests the typos against them
#: and :mod:`xbec.replication.claims` quotes them.
TEXT = MappingProxyType(
    {
        "prop1": "Proposition 1: when $2\\gamma_1 b_1 - {b_3}^2 > 0$, cross border e-commerce platform of the "
        "profit function is about commodity prices p and logistics service level s joint concave function.",
        "before_eq8": "In equation (6), calculate respectively the first order partial derivative of "
        "$\\pi_1(\\lambda)$ with respect to p and s.",
        "pi2_lambda": "In this case, the profit function of the manufacturer is "
        "$\\pi_2(\\lambda) = \\pi - \\pi_1(\\lambda) = (1 - \\lambda)\\pi$.",
        "p_align": "Under a revenue sharing, in order to achieve the effect of centralized decision-making, "
        "set $p^*(\\lambda) = p^{2*}$, the following results can be obtained.",
        "table1_step": "When the benefit sharing coefficient λ takes different values, decision parameters and "
        "profit changes of cross-border e-commerce horizontal alliances can be calculated with a step change "
        "of 0.02. Refer to Table 1 for details.",
        "table2_step": "Table 2 shows the profit changes of the cross-border e-commerce vertical alliance when "
        "the benefit-sharing coefficient λ takes different values, with step changes of 0.01.",
        "upper_limit": "We treat the increase in revenue as the ideal upper limit of profit distribution, "
        "where $\\overline{x_j} = B - \\mu_i$.",
        "raiffa_symbols": "The set of cross-border e-commerce vertical alliances for the enterprise is "
        "N={1,2.....N}, where n=4. V(N) represents the total revenue of the cross-border e-commerce vertical "
        "alliance.",
        "eq14_text": "On the one hand, costs φ_i incurred by alliance members for providing corresponding "
        "services. On the other hand, the service level s_i provided by the alliance members. And in "
        "addition, the business level θ_i provided by enterprise alliance. M_i is corresponding weights of "
        "three the above three.",
        "s52_theta": "It only discusses the cost of investment φ_i and service level θ_i by alliance members.",
        "s52_weights": "The weight of cost investment φ and service level θ are 0.7 and 0.3 respectively.",
        "s41_revenue": "In other words, V(N) is the total revenue obtained under the revenue-sharing contract "
        "between the cross-border e-commerce platform, V(N) = $\\pi_1(\\lambda)$.",
        "s531_all_members": "It is evident from the figures that centralized decision-making and revenue "
        "sharing result in higher profits for all alliance members compared to decentralized "
        "decision-making.",
        "s531_total": "Moreover, the revenue of cross-border e-commerce alliances has shown an increasing trend "
        "compared to the decentralized decision-making situation. This is in line with Pareto improvement "
        "and validates the rationality of the benefit allocation model mentioned above.",
        "s531_above_088": "However, if the revenue sharing coefficient exceeds 0.88, the manufacturer's revenue "
        "will be lower than that of decentralized decision making, and they may terminate the revenue "
        "sharing contract of centralized decision making.",
        "s531_platform_most": "Additionally, the study found that cross-border e-commerce platforms generate "
        "the highest revenue in the case of revenue sharing.",
        "s531_domestic_first": "In terms of revenue, domestic logistics service providers rank first among all "
        "logistics service providers in third place.",
        "s532_centralised_service": "The logistics service level is much higher under centralized "
        "decision-making than under decentralized decision-making.",
        "s532_service_rises": "Additionally, as the revenue sharing coefficient λ improves, the level of "
        "logistics service also improves accordingly.",
        "s532_price_service_demand": "It has been found that the price of goods is lower under revenue sharing "
        "than under decentralized decision-making, while the level of logistics is higher. As a result, "
        "market demand is expected to be higher under revenue sharing than under decentralized "
        "decision-making.",
        "s6_pareto": "Under the revenue-sharing contract, the overall revenue of cross-border e-commerce and the "
        "benefit distribution of alliance members are higher than that of decentralized decision-making, "
        "which is in line with the Pareto improvement.",
        "abstract_equitable": "The benefits of horizontal and vertical alliances in cross-border e-commerce are "
        "now distributed using Stackelberg game theory and an improved Raiffa model, resulting in a more "
        "equitable distribution among alliance members.",
        "s6_unfair": "In real life, there are numerous instances of cooperation breakdown between logistics "
        "service providers due to the unfair distribution of benefits. This paper's research holds significant "
        "reference value for addressing the issue of unfair benefit distribution.",
        "s532_measures": "Logistics service providers gain more income from profit distribution and take "
        "relevant measures to improve their logistics service level, such as introducing advanced management, "
        "logistics technology, and logistics talent.",
        "fig4_caption": "Fig. 4. Changes in logistics service level and market demand under different circumstances",
        "s6_band": "Additionally, it is important to maintain the value range of the revenue sharing "
        "coefficient between 0.72 and 0.88 to ensure that all parties can reach an agreement.",
        "s6_price_service_demand": "Thirdly, revenue sharing leads to lower prices for goods compared to "
        "decentralized decision-making, while also increasing the logistics level, thereby expanding market "
        "demand.",
    }
)

#: The printed left-hand sides of the profit equations, by equation number.
EQUATION_LHS = MappingProxyType({"1": "\\pi_1", "2": "\\pi_2", "6": "\\pi", "7": "\\pi_1(\\lambda)"})

#: The step of λ that the text states for each table (§5.1 for Table 1, §5.2 for Table 2).
STATED_STEP = MappingProxyType({"Table 1": "0.02", "Table 2": "0.01"})


def value(printed: str) -> float:
    """The printed string as a float."""
    return float(printed)


def decimals(printed: str) -> int:
    """Number of decimals printed (``"5267.5"`` -> 1, ``"70"`` -> 0)."""
    exponent = Decimal(printed).as_tuple().exponent
    return max(0, -int(exponent))
