"""The book's robustness page: order of moves, the bargained share, coalition values that stay fixed.

What the chapter ``robustness`` used to compute in hidden cells: numbers to
glue and Markdown tables and sentences, as pure functions
(:class:`~xbec.replication.pages.Md` for Markdown). The models are in
:mod:`xbec.beyond.robustness` and :mod:`xbec.model.leaders`; no plotting here
(figures are in :mod:`xbec.figures.robustness`). Every function runs at every
valid parameter point and says in words what does not exist there (an empty
band, no share to bargain over, no valid revenue-sharing outcome).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import sympy as sp

from ..errors import ModelDomainError
from ..model.horizontal import (
    HorizontalParams,
    LambdaBand,
    acceptable_lambda,
    centralized,
    decentralized,
    revenue_sharing,
)
from ..model.leaders import LEADERS, LITERAL_READING
from ..model.vertical import VerticalParams, member_names
from ..replication import symbolic_leaders
from ..replication.pages import Md
from ..replication.report import esc, md_table
from .bands import BAND_OK, BandArrays, band_dimensionless, dimensionless_groups
from .robustness import (
    MU_RULES,
    BargainingOutcome,
    allocation_paths,
    leader_band_maps,
    nash_bargaining_lambda,
    negative_allocation_lambda,
    negative_allocation_thresholds,
    vertical_band,
    worth_thresholds,
)

__all__ = [
    "BandKey",
    "LeaderMaps",
    "MuPaths",
    "literal_reading_values",
    "decentralized_table",
    "leader_values",
    "leader_bands",
    "band_table",
    "participation_md",
    "band_values",
    "leader_maps",
    "map_shares",
    "edge_md",
    "map_values",
    "BARGAINING_CASES",
    "bargaining",
    "agreed",
    "nash_table",
    "nash_md",
    "bargaining_values",
    "bargaining_figure_md",
    "negative_table",
    "negative_md",
    "negative_values",
    "valid_lambda",
    "mu_paths",
    "mu_values",
    "mu_figure_md",
    "vertical_band_table",
]

#: ``(leader, platform_earns_more)``: an order of moves and whether the paper's
#: third condition ``pi1(lam) > pi2(lam)`` is kept.
BandKey = tuple[str, bool]

NO_BAND = "no acceptable $\\lambda$"


# ---------------------------------------------------------------------------
# 1. Who moves first?
# ---------------------------------------------------------------------------


def literal_reading_values(params: HorizontalParams) -> dict[str, Md]:
    """The literal reading of §3.2 (the platform fixes ``p``, then ``omega`` is chosen), for the page's prose.

    Returns
    -------
    dict of str to Md
        ``lit_d2`` and ``lit_d1``: sympy's ``d^2 pi2 / d omega^2`` and
        ``d pi2 / d omega`` of eq (2) with ``p`` and ``s`` fixed
        (:func:`xbec.replication.symbolic_leaders.literal_reading`);
        ``lit_error``: the message with which :func:`xbec.decentralized`
        refuses the reading at ``params``.
    """
    lit = symbolic_leaders.literal_reading()
    try:
        decentralized(params, leader=LITERAL_READING)
        msg = "(unexpectedly, it returned an equilibrium)"
    except ModelDomainError as err:
        msg = f"*{esc(str(err))}*"
    return {
        "lit_d2": Md(f"${sp.latex(lit['d2pi2_dw2'])}$"),
        "lit_d1": Md(f"${sp.latex(lit['dpi2_dw'])}$"),
        "lit_error": Md(msg),
    }


def decentralized_table(params: HorizontalParams) -> Md:
    """Decentralised outcome (eqs 4-6 and the manufacturer-led game) for each leader, as a Markdown table."""
    rows = []
    for leader in LEADERS:
        d = decentralized(params, leader)
        values = (d.p, d.w, d.s, d.demand, d.pi_platform, d.pi_manufacturer, d.pi_total)
        rows.append((leader, *(f"{float(x):.2f}" for x in values)))
    header = ["leader", "$p$", "$\\omega$", "$s$", "$D$", "$\\pi_1^*$", "$\\pi_2^*$", "$\\pi_1^* + \\pi_2^*$"]
    return Md(md_table(header, rows))


def leader_values(params: HorizontalParams) -> dict[str, Any]:
    """Glue values of the section "Who moves first?".

    :func:`literal_reading_values`, ``dec_table``
    (:func:`decentralized_table`) and ``pi_cen``, the centralised profit
    ``pi^{2*}`` (eq 6).
    """
    return {
        **literal_reading_values(params),
        "dec_table": decentralized_table(params),
        "pi_cen": float(centralized(params).pi_total),
    }


def leader_bands(params: HorizontalParams) -> dict[BandKey, LambdaBand | None]:
    """The acceptable band (§3.4) against each leader's benchmark, with and without ``pi1 > pi2``.

    Returns
    -------
    dict
        ``(leader, platform_earns_more) -> LambdaBand``, or ``None`` where no
        share is acceptable (:func:`xbec.acceptable_lambda` raised).
    """
    bands: dict[BandKey, LambdaBand | None] = {}
    for leader in LEADERS:
        for earns_more in (True, False):
            try:
                bands[(leader, earns_more)] = acceptable_lambda(params, leader, platform_earns_more=earns_more)
            except ModelDomainError:
                bands[(leader, earns_more)] = None
    return bands


def band_table(bands: Mapping[BandKey, LambdaBand | None]) -> Md:
    """Markdown table of :func:`leader_bands`: leader, conditions, acceptable band (6 decimals)."""
    rows = []
    for (leader, earns_more), band in bands.items():
        conds = "$\\pi_1(\\lambda) > \\pi_1^*$, $\\pi_2(\\lambda) > \\pi_2^*$" + (
            ", $\\pi_1(\\lambda) > \\pi_2(\\lambda)$ (the paper's three)" if earns_more else " (participation only)"
        )
        cell = NO_BAND if band is None else f"$({band.lo:.6f},\\ {band.hi:.6f})$"
        rows.append((leader, conds, cell))
    return Md(md_table(["leader", "conditions", "acceptable $\\lambda$"], rows))


def participation_md(params: HorizontalParams, bands: Mapping[BandKey, LambdaBand | None]) -> Md:
    """One sentence on the participation-only band against the manufacturer-led benchmark.

    Says where it lies relative to the platform-led one and why (the
    manufacturer's fall-back profit), or that it is empty.
    """
    band_mp, band_pp = bands[("manufacturer", False)], bands[("platform", False)]
    if band_mp is None:
        return Md("The two participation conditions alone leave no band against this benchmark either.")
    if band_pp is None:
        where = ""
    elif band_mp.hi <= band_pp.lo:
        where = " below the platform-led one"
    elif band_mp.hi < band_pp.hi:
        where = " lower than the platform-led one"
    else:
        where = ""
    pi2_m = decentralized(params, "manufacturer").pi_manufacturer
    pi2_p = decentralized(params, "platform").pi_manufacturer
    return Md(
        f"The two participation conditions alone still leave the band "
        f"$({band_mp.lo:.4f},\\ {band_mp.hi:.4f})${where}: the manufacturer's fall-back profit "
        f"{pi2_m:.2f} (against {pi2_p:.2f} when the platform leads) moves the acceptable shares in its favour."
    )


def band_values(params: HorizontalParams) -> dict[str, Any]:
    """Glue values of "The acceptable band against each benchmark".

    ``band_table``, ``platform_band_md`` (the platform-led band with the
    paper's three conditions, in words), ``participation_md``, ``gap_sym``
    (sympy's ``pi^{2*} - 2 pi2^M``,
    :func:`xbec.replication.symbolic_leaders.manufacturer_led_band_gap`),
    ``gap_num`` (its value at ``params``) and ``two_pi2m`` (``2 pi2^M``).
    """
    bands = leader_bands(params)
    band_p = bands[("platform", True)]
    two_pi2m = float(2 * decentralized(params, "manufacturer").pi_manufacturer)
    return {
        "band_table": band_table(bands),
        "gap_sym": Md(f"${sp.latex(symbolic_leaders.manufacturer_led_band_gap())}$"),
        "gap_num": float(centralized(params).pi_total) - two_pi2m,
        "two_pi2m": two_pi2m,
        "platform_band_md": Md(
            "no acceptable share at all"
            if band_p is None
            else f"the paper's band, $({band_p.lo:.4f},\\ {band_p.hi:.4f})$"
        ),
        "participation_md": participation_md(params, bands),
    }


@dataclass(frozen=True)
class LeaderMaps:
    """The acceptable band over a ``(rho, kappa)`` grid for each order of moves and condition set.

    Attributes
    ----------
    rho, kappa : numpy.ndarray
        The grid's axes (1-D).
    maps : dict
        ``(leader, platform_earns_more) -> BandArrays`` of shape
        ``(len(kappa), len(rho))`` (:func:`xbec.beyond.leader_band_maps`).
    mark : tuple of float
        The page's own ``(rho, kappa)`` (:func:`xbec.beyond.dimensionless_groups`).
    """

    rho: np.ndarray
    kappa: np.ndarray
    maps: dict[BandKey, BandArrays]
    mark: tuple[float, float]


def leader_maps(params: HorizontalParams, grid_n: int) -> LeaderMaps:
    """:func:`xbec.beyond.leader_band_maps` on ``grid_n`` x ``grid_n`` points of ``(rho, kappa)``.

    ``rho`` spans ``[0, 0.995]``; ``kappa`` spans ``[0, max(0.3, 1.5 kappa0)]``
    so the page's own point is always inside the map.

    Raises
    ------
    ModelDomainError
        If ``grid_n`` is not an integer of at least 2.
    """
    if isinstance(grid_n, bool) or not isinstance(grid_n, (int, np.integer)) or grid_n < 2:
        raise ModelDomainError(f"grid_n={grid_n!r}: need an integer >= 2 (points per axis of the maps)")
    rho0, kappa0 = dimensionless_groups(params)
    rho = np.linspace(0.0, 0.995, int(grid_n))
    kappa = np.linspace(0.0, max(0.3, 1.5 * kappa0), int(grid_n))
    maps: dict[BandKey, BandArrays] = {}
    for earns_more in (True, False):
        for leader, m in leader_band_maps(rho[None, :], kappa[:, None], platform_leads=earns_more).items():
            maps[(leader, earns_more)] = m
    return LeaderMaps(rho, kappa, maps, (float(rho0), float(kappa0)))


def map_shares(maps: Mapping[BandKey, BandArrays]) -> dict[str, float]:
    """Percentage of each map's grid points with a band: ``share_p3``, ``share_m3``, ``share_p2``, ``share_m2``.

    ``p``/``m``: platform- or manufacturer-led; ``3``: the paper's three
    conditions, ``2``: participation only.
    """
    out = {}
    for (leader, earns_more), m in maps.items():
        out[f"share_{leader[0]}{3 if earns_more else 2}"] = 100 * float(np.mean(m.status == BAND_OK))
    return out


def edge_md(kappa0: float) -> Md:
    """Where the participation-only bands close: at ``rho = 1/2`` for both leaders, or what happens instead.

    Checks the band at ``rho = 0.4999`` and ``0.5001`` with ``kappa = kappa0``
    (:func:`xbec.beyond.band_dimensionless`).
    """
    edge = np.array([0.4999, 0.5001])
    ok = {
        leader: (band_dimensionless(edge, kappa0, platform_leads=False, leader=leader).status == BAND_OK).tolist()
        for leader in LEADERS
    }
    if all(v == [True, False] for v in ok.values()):
        return Md(
            "For both benchmarks they close at $\\rho = 1/2$, i.e. $b_2^2 = b_1\\gamma_1$ (a band at "
            "$\\rho = 0.4999$, none at $\\rho = 0.5001$), the same edge as in {doc}`beyond_band`."
        )
    return Md(
        "Around $\\rho = 1/2$ the participation bands at $\\rho = 0.4999$ and $0.5001$ are: "
        + "; ".join(
            f"{leader}-led {'band' if v[0] else 'none'} / {'band' if v[1] else 'none'}" for leader, v in ok.items()
        )
        + "."
    )


def map_values(lm: LeaderMaps) -> dict[str, Any]:
    """Glue values of "Where each reading leaves a band".

    :func:`map_shares`, ``kappa_max`` (the map's top), ``rho0`` and
    ``kappa0`` (the page's point) and ``edge_md`` (:func:`edge_md`).
    """
    return {
        **map_shares(lm.maps),
        "kappa_max": float(lm.kappa[-1]),
        "rho0": lm.mark[0],
        "kappa0": lm.mark[1],
        "edge_md": edge_md(lm.mark[1]),
    }


# ---------------------------------------------------------------------------
# 2. Which lambda inside the band?
# ---------------------------------------------------------------------------

#: The benchmarks the bargaining section compares: ``(leader, platform_earns_more)``.
BARGAINING_CASES: tuple[BandKey, ...] = (("platform", True), ("manufacturer", True), ("manufacturer", False))


def bargaining(params: HorizontalParams) -> dict[str, BargainingOutcome | None]:
    """:func:`xbec.nash_bargaining_lambda` for each of :data:`BARGAINING_CASES`.

    Returns
    -------
    dict
        A label such as ``"platform-led, the paper's three conditions"`` ->
        the outcome, or ``None`` where the band is empty.
    """
    out: dict[str, BargainingOutcome | None] = {}
    for leader, earns_more in BARGAINING_CASES:
        label = f"{leader}-led, " + ("the paper's three conditions" if earns_more else "participation only")
        try:
            out[label] = nash_bargaining_lambda(params, leader, platform_earns_more=earns_more)
        except ModelDomainError:
            out[label] = None
    return out


def agreed(outcomes: Mapping[str, BargainingOutcome | None]) -> list[BargainingOutcome]:
    """The outcomes of :func:`bargaining` that exist (a band to bargain over), in order."""
    return [o for o in outcomes.values() if o is not None]


def nash_table(outcomes: Mapping[str, BargainingOutcome | None]) -> Md:
    """Markdown table of :func:`bargaining`: band, Nash share, profits there, each firm's preferred share."""
    rows = []
    for label, out in outcomes.items():
        if out is None:
            rows.append((label, NO_BAND, "", "", "", ""))
            continue
        rows.append(
            (
                label,
                f"$({out.band.lo:.4f},\\ {out.band.hi:.4f})$",
                f"{out.lam['Nash']:.4f}",
                f"{out.pi_platform['Nash']:.2f}",
                f"{out.pi_manufacturer['Nash']:.2f}",
                f"{out.lam['platform']:.4f} / {out.lam['manufacturer']:.4f}",
            )
        )
    header = [
        "benchmark",
        "band",
        "Nash $\\lambda$",
        "$\\pi_1$ at Nash",
        "$\\pi_2$ at Nash",
        "preferred: platform / manufacturer",
    ]
    return Md(md_table(header, rows))


def nash_md(outcomes: Mapping[str, BargainingOutcome | None]) -> Md:
    """The Nash share of the first benchmark with a band, and the gains there; or that none exists."""
    found = agreed(outcomes)
    if not found:
        return Md(
            "**No acceptable share exists for these parameters under any benchmark**, so there "
            "is nothing to bargain over and no figure is drawn."
        )
    first = found[0]
    return Md(
        f"With the {first.leader}-led benchmark the Nash share is $\\lambda = {first.lam['Nash']:.4f}$, "
        f"{'strictly inside' if first.interior else 'at an end of'} the band "
        f"$({first.band.lo:.4f},\\ {first.band.hi:.4f})$. There the platform earns "
        f"{first.pi_platform['Nash'] - first.pi1_star:.2f} more than in the game and the manufacturer "
        f"{first.pi_manufacturer['Nash'] - first.pi2_star:.2f} more. The platform's preferred share is "
        f"$\\lambda = {first.lam['platform']:.4f}$ and the manufacturer's is "
        f"$\\lambda = {first.lam['manufacturer']:.4f}$."
    )


def bargaining_values(outcomes: Mapping[str, BargainingOutcome | None]) -> dict[str, Md]:
    """Glue values of "Which lambda inside the band?": ``nash_table`` and ``nash_md``."""
    return {"nash_table": nash_table(outcomes), "nash_md": nash_md(outcomes)}


def bargaining_figure_md(outcomes: Mapping[str, BargainingOutcome | None]) -> Md:
    """The ``{glue:figure}`` directive of the bargaining figure, or nothing when there is no band."""
    if not agreed(outcomes):
        return Md("")
    return Md(
        """```{glue:figure} fig_bargaining
:name: fig-robustness-bargaining
:alt: Gains of the two firms over their decentralised profits and the Nash product across each acceptable band, with the Nash share and each firm's preferred end marked.

The firms' gains over the decentralised profits (top) and their product
(bottom) across each acceptable band; vertical lines: the Nash share (solid)
and the platform's (dotted) and the manufacturer's (dashed) preferred ends.
Files: {download}`PNG <outputs/robustness_bargaining.png>`,
{download}`SVG <outputs/robustness_bargaining.svg>`.
```"""
    )


# ---------------------------------------------------------------------------
# 3. Coalition values that do not move with V(N)
# ---------------------------------------------------------------------------


def negative_table(params: HorizontalParams, vparams: VerticalParams) -> Md:
    """Markdown table: for each member, the worth ``V_i`` and the shares where its eq (15) allocation is negative.

    ``V_i`` from :func:`xbec.beyond.worth_thresholds` ("—" where the
    allocation is never negative), the shares from
    :func:`xbec.beyond.negative_allocation_lambda` (μ fixed).
    """
    thresholds = worth_thresholds(vparams)
    neg = negative_allocation_lambda(params, vparams)
    rows = []
    for i, name in enumerate(member_names(vparams.n)):
        band = neg[i]
        if band is None:
            where = "never"
        elif band.lo == 0.0:
            where = f"$\\lambda < {band.hi:.6f}$"
        else:
            where = f"$\\lambda \\in ({band.lo:.6f},\\ {band.hi:.6f})$"
        V_i = thresholds[i]
        rows.append((f"$x_{i + 1}^*$ ({name})", "—" if not np.isfinite(V_i) else f"{V_i:.2f}", where))
    return Md(md_table(["member", "$x_i^* < 0$ when $V(N)$ is below", "$x_i^* < 0$ for"], rows))


def negative_md(params: HorizontalParams, vparams: VerticalParams) -> Md:
    """One sentence: the member whose allocation is negative over the widest low range of ``lam``, or none."""
    neg = negative_allocation_lambda(params, vparams)
    negative = [(i, band) for i, band in sorted(neg.items()) if band is not None]
    if not negative:
        return Md("With the page's parameters no member's allocation turns negative for any $\\lambda$ in $(0, 1]$.")
    i, band = negative[int(np.argmax([b.hi for _, b in negative]))]
    names = member_names(vparams.n)
    return Md(
        f"With the page's parameters the {names[i]}'s allocation $x_{i + 1}^*$ is negative for every "
        f"$\\lambda < {band.hi:.6f}$: there the member would have to pay to stay in the alliance."
    )


def negative_values(params: HorizontalParams, vparams: VerticalParams) -> dict[str, Md]:
    """Glue values of "Coalition values that do not move": ``mu_md``, ``neg_table``, ``neg_md``."""
    return {
        "mu_md": Md("$(" + ", ".join(f"{m:g}" for m in vparams.mu) + ")$"),
        "neg_table": negative_table(params, vparams),
        "neg_md": negative_md(params, vparams),
    }


def valid_lambda(params: HorizontalParams, lo: float = 0.05, hi: float = 1.0, num: int = 400) -> np.ndarray:
    """The ``num`` shares ``linspace(lo, hi)`` at which :func:`xbec.revenue_sharing` has a valid outcome.

    The same grid as :func:`xbec.figures.paper.curve_lambda` without marks,
    but empty (not an error) when no share is valid.
    """
    lam = np.unique(np.round(np.linspace(max(float(lo), 1e-6), min(float(hi), 1.0), int(num)), 12))
    lam = lam[(lam > 0) & (lam <= 1)]
    try:  # usually the whole range is valid: one vectorised call
        revenue_sharing(params, lam)
        return lam
    except ModelDomainError:
        pass
    ok = np.zeros(lam.shape, dtype=bool)
    for k, x in enumerate(lam):
        try:
            revenue_sharing(params, float(x))
            ok[k] = True
        except ModelDomainError:
            pass
    return lam[ok]


@dataclass(frozen=True)
class MuPaths:
    """Eq (15) allocations along ``lam`` under each μ rule, and where they turn negative as μ is scaled.

    Attributes
    ----------
    lam : numpy.ndarray
        Shares with a valid revenue-sharing outcome (:func:`valid_lambda`); may be empty.
    paths : dict of str to numpy.ndarray
        ``rule -> allocation_paths(params, vparams, lam, rule)`` for the rules
        of :data:`xbec.beyond.MU_RULES` that are defined here.
    notes : list of str
        Why a rule is missing (its error message).
    names : tuple of str
        The members' names.
    t_scales, t_thresholds : numpy.ndarray
        Factors ``t`` applied to all μ, and
        :func:`xbec.beyond.negative_allocation_thresholds` at each.
    """

    lam: np.ndarray
    paths: dict[str, np.ndarray]
    notes: list[str]
    names: tuple[str, ...]
    t_scales: np.ndarray
    t_thresholds: np.ndarray


def mu_paths(params: HorizontalParams, vparams: VerticalParams, num: int = 400) -> MuPaths:
    """The allocations along ``lam`` in ``[0.05, 1]`` under each μ rule, and the thresholds for ``t`` in ``[0.2, 1.6]``."""
    lam = valid_lambda(params, 0.05, 1.0, num)
    paths: dict[str, np.ndarray] = {}
    notes: list[str] = []
    if lam.size:
        for rule in MU_RULES:
            try:
                paths[rule] = allocation_paths(params, vparams, lam, rule)
            except ModelDomainError as err:
                notes.append(f"μ {rule}: {esc(str(err))}")
    t_scales = np.linspace(0.2, 1.6, 57)
    t_thresholds = negative_allocation_thresholds(params, vparams, t_scales)
    return MuPaths(lam, paths, notes, tuple(member_names(vparams.n)), t_scales, t_thresholds)


def mu_values(mu: MuPaths) -> dict[str, Md]:
    """Glue values: ``mu_notes`` (why a rule is missing) and ``scaled_md`` (the fixed fractions of the scaled rule)."""
    if "scaled" in mu.paths:
        last = mu.paths["scaled"][-1]
        frac = last / last.sum()
        scaled = Md(
            "With $\\mu$ scaled, the fractions of $V(N)$ are "
            + ", ".join(f"{name} {100 * f:.1f}%" for name, f in zip(mu.names, frac))
            + ", whatever $\\lambda$."
        )
    else:
        scaled = Md("The scaled rule is not defined here (see the note below).")
    return {"mu_notes": Md(" ".join(mu.notes) or "Both rules are drawn."), "scaled_md": scaled}


def mu_figure_md(mu: MuPaths) -> Md:
    """The ``{glue:figure}`` directive of the μ figure, or a sentence saying there is nothing to draw."""
    if not mu.paths:
        return Md("*No λ in (0, 1] gives a valid revenue-sharing outcome here; nothing to draw.*")
    return Md(
        """```{glue:figure} fig_mu
:name: fig-robustness-mu
:alt: Allocations of the four vertical members against the revenue share with mu fixed and with mu scaled, and the share below which each allocation is negative as the mu are scaled.

Eq (15) allocations of $V(N) = \\pi_1(\\lambda)$ with $\\mu$ fixed (left) and
with $\\mu$ scaled with $V(N)$ (middle); right: with $\\mu$ fixed and scaled
by a factor $t$, the share below which each member's allocation is negative
(the dotted line is the stated $\\mu$). Files:
{download}`PNG <outputs/robustness_mu.png>`, {download}`SVG <outputs/robustness_mu.svg>`.
```"""
    )


def vertical_band_table(params: HorizontalParams, vparams: VerticalParams) -> Md:
    """Markdown table of :func:`xbec.beyond.vertical_band` for each leader and μ rule (6 decimals)."""
    rows = []
    for leader in LEADERS:
        for rule in MU_RULES:
            try:
                vb = vertical_band(params, vparams, mu_rule=rule, leader=leader)
                cell = f"$({vb.lo:.6f},\\ {vb.hi:.6f})$"
            except ModelDomainError:
                cell = NO_BAND
            rows.append((leader, f"μ {rule}", cell))
    return Md(md_table(["benchmark", "coalition values", "acceptable to all"], rows))
