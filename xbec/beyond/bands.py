"""Beyond the paper, 1: robustness of the acceptable λ band (§3.4) over whole parameter grids."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, NamedTuple

import numpy as np
from scipy.optimize import brentq

from .. import _validate as v
from ..errors import ModelDomainError
from ..model.band import solve_bands
from ..model.horizontal import HorizontalParams, ParameterArrays, acceptable_lambda, band_conditions, singular_share
from ..model.leaders import check_leader

# -- 1. Robustness of the acceptable lambda band

#: Status codes of :func:`band_arrays` / :func:`band_map`.
BAND_OK = 0  #: a single non-empty open interval of acceptable lam
BAND_EMPTY = 1  #: no lam in (0, 1) satisfies all conditions
BAND_DISJOINT = 2  #: the acceptable lam form more than one interval
DOMAIN_CONCAVITY = 3  #: 2 b1 gamma1 - b2^2 <= 0: the model leaves its domain
DOMAIN_MARKET = 4  #: beta <= b1 c: no positive-demand equilibrium exists

BAND_STATUS: Mapping[int, str] = MappingProxyType(
    {
        BAND_OK: "band non-empty",
        BAND_EMPTY: "band empty",
        BAND_DISJOINT: "band split in several intervals",
        DOMAIN_CONCAVITY: "outside the domain: 2 b1 gamma1 <= b2^2",
        DOMAIN_MARKET: "outside the domain: beta <= b1 c",
    }
)

HORIZONTAL_PARAMETERS = ("beta", "b1", "b2", "gamma1", "c", "K")


@dataclass(frozen=True)
class BandArrays:
    """Acceptable-λ band for every point of a parameter grid (``nan`` ends where ``status != BAND_OK``)."""

    lo: np.ndarray  #: lower end of the open band ``(lo, hi)``
    hi: np.ndarray  #: upper end
    width: np.ndarray  #: ``hi - lo``
    status: np.ndarray  #: one of the status codes of :data:`BAND_STATUS` (int)


@dataclass(frozen=True)
class BandMap:
    """The band over a 2-D grid of two parameters (rows: ``y``, columns: ``x``).

    ``lo``, ``hi``, ``width`` and ``status`` have shape ``(len(y), len(x))``;
    every other parameter is held at ``params``' value.
    """

    params: HorizontalParams
    x_name: str
    x: np.ndarray
    y_name: str
    y: np.ndarray
    lo: np.ndarray
    hi: np.ndarray
    width: np.ndarray
    status: np.ndarray
    platform_leads: bool
    leader: str = "platform"

    def fraction(self, status: int) -> float:
        """Share of grid points with the given status code."""
        return float(np.mean(self.status == status))


def _grid_arg(name: str, value: Any, *, positive: bool) -> np.ndarray:
    arr = v.real_array(name, value)
    bad = (arr <= 0) if positive else (arr < 0)
    if np.any(bad):
        rel = "> 0" if positive else ">= 0"
        raise ModelDomainError(f"{name}: every entry must be {rel} (found {arr[bad][:5].tolist()})")
    return arr


def band_arrays(
    beta=200.0, b1=2.0, b2=1.0, gamma1=1.0, c=10.0, K=10.0, *, platform_leads: bool = True, leader: str = "platform"
) -> BandArrays:
    """Acceptable λ band of the revenue-sharing contract, elementwise over arrays.

    Vectorised twin of :func:`xbec.acceptable_lambda`, and the same code: the
    parameters broadcast into a :class:`~xbec.model.horizontal.ParameterArrays`
    whose :func:`~xbec.model.horizontal.band_conditions` are solved by
    :func:`xbec.model.band.solve_bands`, with no Python loop over grid points.

    ``beta, b1, gamma1 > 0`` and ``b2, c, K >= 0`` (floats or arrays);
    ``platform_leads`` and ``leader`` are ``platform_earns_more`` and ``leader``
    of :func:`xbec.acceptable_lambda`. The result has the broadcast shape;
    points outside the model's domain get :data:`DOMAIN_CONCAVITY`
    (``2 b1 gamma1 <= b2^2``) or :data:`DOMAIN_MARKET` (``beta <= b1 c``), not
    an empty band. Raises :class:`~xbec.errors.ModelDomainError` if a parameter
    is not finite or has the wrong sign, the parameters do not broadcast, or
    ``leader`` is unknown.
    """
    check_leader(leader)
    args = {
        k: _grid_arg(k, x, positive=k in ("beta", "b1", "gamma1"))
        for k, x in zip(HORIZONTAL_PARAMETERS, (beta, b1, b2, gamma1, c, K))
    }
    try:
        bcast = np.broadcast_arrays(*args.values())
    except ValueError as exc:
        shapes = {k: a.shape for k, a in args.items()}
        raise ModelDomainError(f"parameters do not broadcast: {shapes} ({exc})") from None
    be, b1_, b2_, g, c_, K_ = (np.asarray(a, dtype=float) for a in bcast)
    concave = 2 * b1_ * g - b2_**2 > 0
    market = be - b1_ * c_ > 0
    # Harmless stand-ins where the model leaves its domain (masked below).
    grid = ParameterArrays(
        beta=np.where(market, be, b1_ * c_ + 1.0), b1=b1_, b2=np.where(concave, b2_, 0.0), gamma1=g, c=c_, K=K_
    )
    with np.errstate(all="ignore"):
        conds = band_conditions(grid, leader, platform_earns_more=platform_leads)
        sol = solve_bands(list(conds.values()), barriers=[singular_share(grid)])
    status = np.where(sol.intervals == 0, BAND_EMPTY, np.where(sol.intervals == 1, BAND_OK, BAND_DISJOINT))
    status = np.where(market, status, DOMAIN_MARKET)
    status = np.where(concave, status, DOMAIN_CONCAVITY)
    ok = status == BAND_OK
    lo = np.where(ok, sol.lo, np.nan)
    hi = np.where(ok, sol.hi, np.nan)
    return BandArrays(lo=lo, hi=hi, width=hi - lo, status=status.astype(np.int8))


def band_map(
    params: HorizontalParams,
    x_name: str,
    x_values,
    y_name: str,
    y_values,
    *,
    platform_leads: bool = True,
    leader: str = "platform",
) -> BandMap:
    """Map the acceptable λ band over a grid of two horizontal parameters (the others at ``params``).

    ``x_name``, ``y_name``: two different names among ``beta, b1, b2,
    gamma1, c, K``; ``x_values``, ``y_values``: 1-d grids (any values with the
    parameter's sign; points outside the model's domain are marked, not
    rejected); ``platform_leads`` and ``leader`` as in :func:`band_arrays`.
    Arrays of shape ``(len(y_values), len(x_values))``.
    """
    for name in (x_name, y_name):
        if name not in HORIZONTAL_PARAMETERS:
            raise ModelDomainError(f"{name!r}: must be one of {HORIZONTAL_PARAMETERS}")
    if x_name == y_name:
        raise ModelDomainError(f"x_name={x_name!r} and y_name={y_name!r}: must differ")
    x = v.vector(x_name, x_values, min_len=1)
    y = v.vector(y_name, y_values, min_len=1)
    values: dict[str, Any] = params.as_dict()
    values[x_name] = x[None, :]
    values[y_name] = y[:, None]
    arrays = band_arrays(**values, platform_leads=platform_leads, leader=leader)
    lo, hi, width, status = (
        np.broadcast_to(getattr(arrays, k), (y.size, x.size)).copy() for k in ("lo", "hi", "width", "status")
    )
    return BandMap(params, x_name, x, y_name, y, lo, hi, width, status, platform_leads, leader)


def dimensionless_groups(params: HorizontalParams) -> tuple[float, float]:
    """The two numbers that decide the acceptable band: ``(rho, kappa)``.

    ``rho = b2^2 / (2 b1 gamma1)`` in ``[0, 1)`` (how much demand responds to
    service relative to the cost of service; concavity is ``rho < 1``) and
    ``kappa = K b1 / (beta - b1 c)^2`` (the platform's fixed cost relative to
    the market's profit scale). With ``u = beta - b1 c`` every equilibrium
    profit before ``K`` is ``u^2 / b1`` times a function of ``lam`` and
    ``rho`` alone, so the band depends on the six parameters only through
    ``(rho, kappa)`` (checked symbolically and numerically in the tests).
    """
    if not params.beta - params.b1 * params.c > 0:
        raise ModelDomainError(
            f"beta={params.beta:g}: kappa needs beta - b1*c > 0 (got {params.beta - params.b1 * params.c:g})"
        )
    rho = params.b2**2 / (2 * params.b1 * params.gamma1)
    kappa = params.K * params.b1 / (params.beta - params.b1 * params.c) ** 2
    return float(rho), float(kappa)


def band_dimensionless(rho, kappa=0.0, *, platform_leads: bool = True, leader: str = "platform") -> BandArrays:
    """The acceptable band as a function of :func:`dimensionless_groups` (vectorised).

    Evaluates :func:`band_arrays` at ``beta = b1 = gamma1 = 1``, ``c = 0``,
    ``b2 = sqrt(2 rho)``, ``K = kappa``, which has the given ``(rho, kappa)``.
    ``rho >= 1`` is outside the model's domain (status
    :data:`DOMAIN_CONCAVITY`).
    """
    rho = _grid_arg("rho", rho, positive=False)
    kappa = _grid_arg("kappa", kappa, positive=False)
    return band_arrays(1.0, 1.0, np.sqrt(2.0 * rho), 1.0, 0.0, kappa, platform_leads=platform_leads, leader=leader)


class BandMapCheck(NamedTuple):
    """Result of :func:`band_map_check`."""

    checked: int  #: grid points drawn that lie inside the model's domain
    worst: float  #: largest difference of either end between the map and the scalar solver
    mismatches: int  #: points where the two disagree on whether the band is empty or the model defined


def band_map_check(bmap: BandMap, points: int, seed: int = 0) -> BandMapCheck:
    """Re-solve ``points`` random grid points of ``bmap`` with the scalar :func:`xbec.acceptable_lambda`."""
    points = v.integer("points", points, lo=1)
    rng = np.random.default_rng(v.integer("seed", seed, lo=0))
    worst, checked, mismatches = 0.0, 0, 0
    for i, j in rng.integers(0, [bmap.y.size, bmap.x.size], size=(points, 2)):
        status = int(bmap.status[i, j])
        try:
            ref = acceptable_lambda(
                bmap.params.replace(**{bmap.x_name: float(bmap.x[j]), bmap.y_name: float(bmap.y[i])})
            )
        except ModelDomainError:
            mismatches += status == BAND_OK
            checked += status not in (DOMAIN_CONCAVITY, DOMAIN_MARKET)
            continue
        checked += 1
        if status != BAND_OK:
            mismatches += 1
            continue
        worst = max(worst, abs(ref.lo - bmap.lo[i, j]), abs(ref.hi - bmap.hi[i, j]))
    return BandMapCheck(checked, float(worst), mismatches)


def _closing(band: Callable[[float], BandArrays], lo: float, hi: float) -> float:
    """Where the band stops existing as ``x`` goes from ``lo`` to ``hi`` (``lo``/``hi`` if it never/always does).

    :func:`scipy.optimize.brentq` on the band's width, taken as ``-1`` where the
    band is empty: the width shrinks to zero where the band closes, so the root
    is the closing point (to ``xtol = 1e-13``).
    """

    def width(x: float) -> float:
        r = band(x)
        return float(r.width) if int(r.status) == BAND_OK else -1.0

    if width(lo) < 0:
        return lo
    if width(hi) > 0:
        return hi
    return float(brentq(width, lo, hi, xtol=1e-13))


def band_closing_rho(kappa: float, *, rho_max: float = 1.0 - 1e-9, platform_leads: bool = True) -> float:
    """The smallest ``rho`` in ``[0, rho_max]`` at which the band of :func:`band_dimensionless` is empty at ``kappa``.

    Root of the band's width in ``rho`` (:func:`scipy.optimize.brentq`); ``0``
    if there is no band at ``rho = 0``, ``rho_max`` if the band exists up to
    it. Assumes one change of status along ``[0, rho_max]``, as the maps show.
    """
    kappa = v.non_negative("kappa", kappa)
    return _closing(lambda r: band_dimensionless(r, kappa, platform_leads=platform_leads), 0.0, rho_max)


def band_closing_kappa(rho: float, *, kappa_max: float = 10.0, platform_leads: bool = True) -> float:
    """The smallest ``kappa`` in ``[0, kappa_max]`` at which the band is empty at ``rho`` (``kappa_max`` if none).

    ``K`` enters only the platform's profit, so the band's lower end rises with
    ``kappa`` until it meets the upper end; root of the width in ``kappa``
    (:func:`scipy.optimize.brentq`).
    """
    rho = v.non_negative("rho", rho)
    return _closing(lambda k: band_dimensionless(rho, k, platform_leads=platform_leads), 0.0, kappa_max)
