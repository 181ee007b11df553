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
    "value",
    "decimals",
]

CITATION = (
    "Wei, K., Yang, Z., & Ou, Y. (2024). Construction of Cross Border E-commerce "
    "Cooperation Alliance based on Cloud Platform and Interest Game. "
    "Global Academic Frontiers, 2(1), 44-57."
)

#: §5.1, horizontal alliance: inputs and headline results.
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

#: Table 1 column order: lambda, p*(lambda), w(lambda), s*(lambda), pi1(lambda), pi2(lambda), pi*.
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

#: §5.2 inputs. ``mu`` in member order: mu_i = V(N \ {i}).
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

#: §5.2: "under decentralized decision-making, the total income is 2304.5,
#: denoted as V(N) ... x1 = 1056.59, x2 = 680.42, x3 = 110.35, x4 = 457.19".
SECTION_5_2_DECENTRALIZED = MappingProxyType(
    {"V": "2304.5", "x1": "1056.59", "x2": "680.42", "x3": "110.35", "x4": "457.19"}
)

#: Table 2 column order: lambda, V(N), x1*, x2*, x3*, x4*.
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

#: §5.2 and §6: "The revenue sharing coefficient lambda should be between 0.72 and 0.88".
CONCLUSIONS = MappingProxyType({"lam_lo": "0.72", "lam_hi": "0.88"})


def value(printed: str) -> float:
    """The printed string as a float."""
    return float(printed)


def decimals(printed: str) -> int:
    """Number of decimals printed (``"5267.5"`` -> 1, ``"70"`` -> 0)."""
    exponent = Decimal(printed).as_tuple().exponent
    return max(0, -int(exponent))
