"""Figures as the book's pages use them: save, glue, and Fig. 3 with the paper's printed baseline.

:func:`show` saves a figure with :func:`xbec.figures.save` and glues
the PNG for a ``{glue:figure}`` directive, so a notebook cell is one call.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
from matplotlib.figure import Figure

from ..errors import ModelDomainError
from ..model.horizontal import HorizontalParams
from ..model.vertical import VerticalParams
from ..replication.pages import glue_image
from .paper import vertical_allocations
from .style import save

__all__ = ["show", "vertical_allocations_with_printed"]


def show(fig: Figure, output_dir: str | Path, stem: str, key: str | None = None) -> Path:
    """Save ``fig`` as ``<output_dir>/<stem>.png`` and ``.svg`` and glue the PNG as ``key``.

    ``key`` defaults to ``fig-<stem>``. Returns the PNG's path. Outside a
    Jupyter kernel the glue is a no-op display.
    """
    png, _ = save(fig, output_dir, stem)
    glue_image(key or f"fig-{stem}", png)
    return png


def vertical_allocations_with_printed(
    params: HorizontalParams,
    vparams: VerticalParams,
    printed: Sequence[float] | None = None,
    marks: Sequence[float] | None = None,
) -> Figure:
    """The paper's Fig. 3 recomputed, with §5.2's *printed* decentralised allocation beside ours.

    :func:`xbec.figures.paper.vertical_allocations` draws each member's
    ``x_i*(lam)`` and, dashed, the decentralised allocation recomputed from
    §5.2's inputs; this adds ``printed`` (one value per member) as dotted lines
    in the same colours, so the two baselines can be told apart.

    Raises
    ------
    ModelDomainError
        If ``printed`` does not have one value per member.
    """
    fig = vertical_allocations(params, vparams, marks=marks)
    if printed is None:
        return fig
    base = np.asarray(printed, dtype=float)
    if base.shape != (vparams.n,):
        raise ModelDomainError(f"printed: need {vparams.n} values, one per member (got {base.size})")
    ax = fig.axes[0]
    curves = ax.lines[: vparams.n]
    for i, y in enumerate(base):
        ax.axhline(
            y, color=curves[i].get_color(), ls=":", lw=1.6, label=f"$x_{{{i + 1}}}$ decentralised, printed in §5.2"
        )
    lo, hi = ax.get_ylim()
    ax.set_ylim(min(lo, base.min() - 0.03 * (hi - lo)), max(hi, base.max() + 0.03 * (hi - lo)))
    old = ax.get_legend()
    title = old.get_title().get_text() if old is not None else ""
    ax.legend(
        fontsize=8, framealpha=0.9, loc="upper left", bbox_to_anchor=(1.01, 1.0), title=title or None, title_fontsize=8
    )
    return fig
