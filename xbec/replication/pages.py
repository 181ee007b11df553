"""Shared set-up of the book's pages: parameters, glue, and Markdown strings.

Every notebook of the book is prose plus short calls into :mod:`xbec`.
:func:`setup` turns a notebook's ``parameters`` cell into a :class:`Page`,
:func:`glue_all` glues a mapping of values with myst-nb. The chapter modules
(:mod:`xbec.replication.horizontal_pages` for §3, ...) return numbers, or
Markdown as :class:`Md` strings (rendered as Markdown by Jupyter); only
:func:`glue_all` and :func:`glue_image` talk to the notebook.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import ModelDomainError
from ..model import horizontal as H
from ..model.horizontal import HorizontalParams, LambdaBand
from ..model.vertical import VerticalParams
from . import numerics
from .ledger import LedgerRow, ledger

__all__ = [
    "Md",
    "Html",
    "Page",
    "setup",
    "glue_all",
    "glue_image",
    "band_or_error",
    "zero",
    "ledger_rows",
]

HORIZONTAL_NAMES = ("beta", "b1", "b2", "gamma1", "c", "K")
VERTICAL_NAMES = ("mu", "phi", "theta", "weights")

NOT_PAPER = (
    "*These are not the paper's parameters, so there is no printed value to compare with; "
    "the comparison is shown for the paper's parameters only.*"
)


class Md(str):
    """A string of MyST Markdown; Jupyter renders it as Markdown, not as a quoted string."""

    def _repr_markdown_(self) -> str:
        """The Markdown Jupyter displays: the string itself."""
        return str(self)


class Html(str):
    """A string of HTML; :func:`glue_all` glues it as HTML (for ``{glue}`` in a page's prose)."""

    def _repr_html_(self) -> str:
        """The HTML Jupyter displays: the string itself."""
        return str(self)


@dataclass(frozen=True)
class Page:
    """What a chapter needs from its ``parameters`` cell.

    Attributes
    ----------
    params : HorizontalParams or None
        The horizontal model's parameters, when the page has them.
    vparams : VerticalParams or None
        The vertical alliance's inputs (§5.2), when the page has them.
    lam : numpy.ndarray or None
        The grid ``lam_min, lam_min + lam_step, …, lam_max``, when given.
    out_dir : Path
        ``output_dir``, created.
    on_paper : bool
        Whether every model input equals the paper's (§5.1-§5.2).
    """

    params: HorizontalParams | None
    vparams: VerticalParams | None
    lam: np.ndarray | None
    out_dir: Path
    on_paper: bool


def setup(namespace: Mapping[str, Any]) -> Page:
    """Build a :class:`Page` from a notebook's ``parameters`` (pass ``globals()``).

    Reads ``beta, b1, b2, gamma1, c, K`` (all or none), ``mu, phi, theta,
    weights`` (all or none), ``lam_min, lam_max, lam_step`` and
    ``output_dir``; other names are ignored.

    Raises
    ------
    ModelDomainError
        If the parameters are outside the model's domain (validated by
        :class:`HorizontalParams`, :class:`VerticalParams` and
        :func:`xbec.replication.numerics.lambda_grid`).
    """
    params = vparams = lam = None
    if all(k in namespace for k in HORIZONTAL_NAMES):
        params = HorizontalParams(**{k: namespace[k] for k in HORIZONTAL_NAMES})
    if all(k in namespace for k in VERTICAL_NAMES):
        vparams = VerticalParams(**{k: tuple(namespace[k]) for k in VERTICAL_NAMES})
    if all(k in namespace for k in ("lam_min", "lam_max", "lam_step")):
        lam = numerics.lambda_grid(namespace["lam_min"], namespace["lam_max"], namespace["lam_step"])
    out_dir = Path(str(namespace.get("output_dir", "outputs")))
    out_dir.mkdir(parents=True, exist_ok=True)
    on_paper = (params is None or params == HorizontalParams()) and (vparams is None or vparams == VerticalParams())
    return Page(params, vparams, lam, out_dir, on_paper)


def glue_all(values: Mapping[str, Any]) -> None:
    """Glue each ``name -> value`` with myst-nb (not displayed); :class:`Md` as Markdown, :class:`Html` as HTML."""
    from IPython.display import HTML, Markdown
    from myst_nb import glue

    for name, value in values.items():
        if isinstance(value, Md):
            value = Markdown(str(value))
        elif isinstance(value, Html):
            value = HTML(str(value))
        elif isinstance(value, (np.floating, np.integer)):
            value = value.item()
        glue(name, value, display=False)


def glue_image(name: str, png: str | Path) -> None:
    """Glue the PNG file ``png`` as ``name`` (for ``{glue:figure}``)."""
    from IPython.display import Image
    from myst_nb import glue

    glue(name, Image(filename=str(png)), display=False)


def band_or_error(params: HorizontalParams) -> tuple[LambdaBand | None, str]:
    """``(acceptable_lambda(params), "")``, or ``(None, reason)`` when the band is empty."""
    try:
        return H.acceptable_lambda(params), ""
    except ModelDomainError as err:
        return None, str(err)


def zero(x: float, tol: float = 5e-9) -> float:
    """``x``, with values within ``tol`` of 0 returned as exactly 0.0 (no "-0.00" in print)."""
    return 0.0 if abs(x) < tol else float(x)


def ledger_rows(page: Page) -> list[LedgerRow]:
    """The ledger at the page's parameters, or ``[]`` when they are not the paper's."""
    if not page.on_paper or page.params is None:
        return []
    return ledger(page.params, page.vparams) if page.vparams is not None else ledger(page.params)
