"""Where each order of moves leaves an acceptable band: maps over ``(rho, kappa)`` and their areas.

The band depends on the six parameters only through ``rho = b2^2 / (2 b1
gamma1)`` and ``kappa = K b1 / (beta - b1 c)^2``
(:func:`xbec.beyond.dimensionless_groups`), for either order of moves
(:func:`xbec.beyond.leader_band_maps`). :func:`leader_maps` draws the band on
a grid, for a picture; :func:`band_area_share` measures the share of a
rectangle on which a band exists as an area, by adaptive quadrature over the
boundary :func:`band_kappa_limit`.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

import numpy as np
from scipy import integrate, optimize

from .. import _validate as v
from ..errors import ModelDomainError
from ..model.horizontal import HorizontalParams
from ..model.leaders import check_leader
from .bands import BAND_OK, BandArrays, band_dimensionless, dimensionless_groups
from .robustness import leader_band_maps


@dataclass(frozen=True)
class LeaderMaps:
    """The acceptable band on a ``(rho, kappa)`` grid for each order of moves and condition set (a picture)."""

    rho: np.ndarray  #: the grid's axis ``[0, rho_max]``, ends included
    kappa: np.ndarray  #: the grid's axis ``[0, kappa_max]``, ends included
    #: ``(leader, platform_earns_more) -> BandArrays`` of shape ``(len(kappa), len(rho))``
    maps: dict[tuple[str, bool], BandArrays] = field(repr=False)
    mark: tuple[float, float]  #: the parameters' own ``(rho, kappa)`` (:func:`xbec.beyond.dimensionless_groups`)


def leader_maps(params: HorizontalParams, grid_n: int, rho_max: float = 0.995) -> LeaderMaps:
    """:func:`leader_band_maps` on ``grid_n`` x ``grid_n`` points of ``(rho, kappa)``, both condition sets.

    ``rho`` spans ``[0, rho_max]``; ``kappa`` spans ``[0, max(0.3, 1.5 kappa0)]``,
    so the point of ``params`` is always inside the map. For the share of the
    rectangle where a band exists use :func:`band_area_share` (an area, not a
    count of grid points). Raises :class:`~xbec.errors.ModelDomainError` if
    ``grid_n`` is not an integer of at least 2, or ``rho_max`` not in ``(0, 1)``.
    """
    if isinstance(grid_n, bool) or not isinstance(grid_n, (int, np.integer)) or grid_n < 2:
        raise ModelDomainError(f"grid_n={grid_n!r}: need an integer >= 2 (points per axis of the maps)")
    rho_max = _rho_max(rho_max)
    rho0, kappa0 = dimensionless_groups(params)
    rho = np.linspace(0.0, rho_max, int(grid_n))
    kappa = np.linspace(0.0, max(0.3, 1.5 * float(kappa0)), int(grid_n))
    maps: dict[tuple[str, bool], BandArrays] = {}
    for earns_more in (True, False):
        for leader, m in leader_band_maps(rho[None, :], kappa[:, None], platform_leads=earns_more).items():
            maps[(leader, earns_more)] = m
    return LeaderMaps(rho, kappa, maps, (float(rho0), float(kappa0)))


def _rho_max(rho_max: float) -> float:
    r = v.finite_real("rho_max", rho_max)
    if not 0.0 < r < 1.0:
        raise ModelDomainError(f"rho_max={rho_max!r}: must lie in (0, 1) (rho >= 1 leaves the model's domain)")
    return r


def _has_band(rho: float, kappa: float, leader: str, platform_earns_more: bool) -> bool:
    st = band_dimensionless(rho, kappa, platform_leads=platform_earns_more, leader=leader).status
    return int(np.asarray(st).item()) == BAND_OK


def _switch(ok, hi: float) -> float:
    """The point in ``[0, hi]`` where ``ok`` turns from True to False, to 1e-13 (``0``/``hi`` if never/always True).

    :func:`scipy.optimize.brentq` on the indicator ``+1 / -1`` (a bracketing
    search that keeps a sign change, here bisection in effect).
    """
    if not ok(0.0):
        return 0.0
    if ok(hi):
        return hi
    return float(optimize.brentq(lambda x: 1.0 if ok(x) else -1.0, 0.0, hi, xtol=1e-13, maxiter=200))


def band_kappa_limit(
    rho: float, kappa_max: float, *, leader: str = "platform", platform_earns_more: bool = True
) -> float:
    """The largest ``kappa`` up to ``kappa_max`` below which a band exists at ``rho``: the map's boundary.

    ``kappa`` (the fixed cost ``K``) enters the band only through the
    paper's third condition ``pi1(lam) > pi2(lam)``, which it tightens; so at
    each ``rho`` the band exists on ``[0, kappa*(rho))``. Returns ``0`` when no
    band exists at ``kappa = 0`` and ``kappa_max`` when one exists there;
    otherwise the switch, found by :func:`scipy.optimize.brentq` to ``1e-13``.
    """
    check_leader(leader)
    kmax = v.positive("kappa_max", kappa_max)
    return _switch(lambda k: _has_band(rho, k, leader, platform_earns_more), kmax)


def band_rho_limit(
    kappa: float, rho_max: float = 0.995, *, leader: str = "platform", platform_earns_more: bool = True
) -> float:
    """The ``rho`` up to ``rho_max`` below which a band exists at ``kappa`` (where the map's band region ends).

    Returns ``0`` when no band exists at ``rho = 0`` and ``rho_max`` when one
    exists there; otherwise the switch (:func:`scipy.optimize.brentq`, to
    ``1e-13``). Assumes one switch in ``rho``, which the tests check on a fine grid.
    """
    check_leader(leader)
    r_max = _rho_max(rho_max)
    kappa = v.finite_real("kappa", kappa)
    return _switch(lambda r: _has_band(r, kappa, leader, platform_earns_more), r_max)


def band_area_share(
    rho_max: float, kappa_max: float, *, leader: str = "platform", platform_earns_more: bool = True
) -> float:
    """Share of the rectangle ``[0, rho_max] x [0, kappa_max]`` on which a band exists: an area, in ``[0, 1]``.

    The area under the boundary ``min(kappa*(rho), kappa_max)``
    (:func:`band_kappa_limit`) from ``rho = 0`` to the ``rho`` where the band
    ends at ``kappa = 0`` (:func:`band_rho_limit`), by adaptive quadrature
    (:func:`scipy.integrate.quad`), divided by ``rho_max * kappa_max``.
    """
    r_max, kmax = _rho_max(rho_max), v.positive("kappa_max", kappa_max)
    r_end = band_rho_limit(0.0, r_max, leader=leader, platform_earns_more=platform_earns_more)
    if r_end == 0.0:
        return 0.0
    limit = functools.partial(band_kappa_limit, kappa_max=kmax, leader=leader, platform_earns_more=platform_earns_more)
    area, _ = integrate.quad(limit, 0.0, r_end, epsabs=1e-10 * kmax, epsrel=1e-9, limit=200)
    return float(area / (r_max * kmax))
