"""Display helpers for the book's notebooks: glue, figures, and paper-versus-page tables.

The book's chapters compute in view through the public API
(``eq = xbec.decentralized(params)``); this module only *shows* what they
computed. It never computes a number the book states: that lives in
:mod:`xbec.model`, :mod:`xbec.replication` or :mod:`xbec.beyond`, tested.
Tables are MyST Markdown (:func:`table`, :func:`compare`, :func:`claims_table`,
:func:`errata`, :func:`equations`) so that maths in them is typeset (MathJax
does not typeset ``$...$`` in HTML outputs)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    from matplotlib.figure import Figure

    from .model.params import HorizontalParams
    from .model.vertical import VerticalParams
    from .replication.claims import Claim
    from .replication.errata import Erratum
    from .replication.ledger import LedgerRow

__all__ = ["Md", "Html", "glue", "figure", "on_paper", "paper_note", "table", "compare", "errata", "equations"]
__all__ += ["claims_table", "out_dir", "or_none"]


class Md(str):
    """A string of MyST Markdown; Jupyter renders it as Markdown, not as a quoted string."""

    def _repr_markdown_(self) -> str:
        """The Markdown Jupyter displays: the string itself."""
        return str(self)


class Html(str):
    """A string of HTML; Jupyter renders it as HTML, and :func:`glue` glues it as HTML."""

    def _repr_html_(self) -> str:
        """The HTML Jupyter displays: the string itself."""
        return str(self)


def glue(values: Mapping[str, Any] | None = None, /, **named: Any) -> None:
    """Glue each ``name -> value`` with myst-nb, not displayed.

    ``glue({"p1": eq.p})`` or ``glue(p1=eq.p)``. :class:`Md` is glued as
    Markdown, :class:`Html` as HTML, numpy scalars as Python numbers.
    """
    from IPython.display import HTML, Markdown
    from myst_nb import glue as nb_glue

    for name, value in {**(values or {}), **named}.items():
        if isinstance(value, Md):
            value = Markdown(str(value))
        elif isinstance(value, Html):
            value = HTML(str(value))
        elif isinstance(value, (np.floating, np.integer, np.bool_)):
            value = value.item()
        nb_glue(name, value, display=False)


def out_dir(output_dir: str | Path) -> Path:
    """``output_dir`` as a :class:`~pathlib.Path`, created if missing."""
    path = Path(str(output_dir))
    path.mkdir(parents=True, exist_ok=True)
    return path


def figure(fig: Figure, output_dir: str | Path, stem: str, key: str | None = None) -> None:
    """Save ``fig`` as ``<output_dir>/<stem>.png`` and ``.svg`` and glue the PNG as ``key``.

    ``key`` defaults to ``fig-<stem>`` (for a ``{glue:figure}`` directive).
    Returns nothing, so a cell ending in this call prints no path.
    """
    import matplotlib.pyplot as plt
    from IPython.display import Image
    from myst_nb import glue as nb_glue

    from .figures.style import save

    png, _ = save(fig, out_dir(output_dir), stem)
    nb_glue(key or f"fig-{stem}", Image(filename=str(png)), display=False)
    plt.close(fig)


def on_paper(params: HorizontalParams | None = None, vparams: VerticalParams | None = None) -> bool:
    """Whether every given model input equals the paper's (§5.1-§5.2 defaults)."""
    from .model.params import HorizontalParams
    from .model.vertical import VerticalParams

    return (params is None or params == HorizontalParams()) and (vparams is None or vparams == VerticalParams())


def paper_note(params: HorizontalParams | None = None, vparams: VerticalParams | None = None) -> Md:
    """The sentence a page shows in place of a paper comparison when its inputs are not the paper's.

    Empty at the paper's parameters.
    """
    if on_paper(params, vparams):
        return Md("")
    return Md(
        "*This page runs with parameters other than the paper's, so the comparison with the "
        "paper's printed numbers applies to the paper's parameters only; none of this page's "
        "numbers is counted as a discrepancy.*\n"
    )


def table(frame: pd.DataFrame, formats: Mapping[str, str] | None = None, index: bool = False) -> Md:
    """``frame`` as a MyST (pipe) table; cells may hold MyST Markdown such as ``$\\pi_1^*$``.

    ``formats`` maps a column to a format spec (``{"paper": ".2f"}``) applied to
    its numbers; other numbers print with ``str``; ``None`` and NaN print empty.
    The index is a first column when ``index`` is true.
    """
    formats = dict(formats or {})
    if index:
        frame = frame.reset_index()

    def cell(column: Any, value: Any) -> str:
        if value is None or (isinstance(value, float) and np.isnan(value)):
            return ""
        spec = formats.get(column)
        text = format(value, spec) if spec and isinstance(value, (int, float, np.number)) else str(value)
        return text.replace("|", "\\|").replace("\n", " ")

    head = [str(c) for c in frame.columns]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += [
        "| " + " | ".join(cell(c, v) for c, v in zip(frame.columns, row)) + " |" for row in frame.itertuples(False)
    ]
    return Md("\n".join(lines) + "\n")


def compare(rows: Iterable[LedgerRow], value: str = "page (exact)") -> Md:
    """Ledger rows as a table: the page's value, the paper's, the difference, status and note.

    ``rows`` come from :func:`xbec.replication.ledger.ledger` (e.g.
    ``ledger(section="§5.1")``). Labels and notes are typeset (MyST maths).
    """
    import pandas as pd

    columns = ["", value, "paper", "difference", "ledger status", "note"]
    frame = pd.DataFrame([(r.label, r.reproduced, r.paper, r.diff, r.status, r.note_md) for r in rows], columns=columns)
    return table(frame, {value: ".4f", "difference": "+.4f"})


def errata(rows: Iterable[Erratum]) -> Md:
    """Errata (:func:`xbec.errata` rows) as a MyST definition list, maths typeset.

    Each entry: key, kind and place, the explanation, what the paper prints
    and the correction, and whether the check verified it.
    """
    entries = [
        f"`{e.key}`\n: *{e.kind}* in {e.where}. {e.explanation}\n\n"
        f"  Printed: {e.printed}. Corrected: {e.corrected}."
        + (f" Condition: {e.condition}." if e.condition else "")
        + f" Verified: **{'yes' if e.holds else 'no'}**.\n"
        for e in rows
    ]
    return Md("\n".join(entries))


def equations(named: Mapping[str, Any]) -> Md:
    """``{lhs: rhs}`` as one aligned display equation; ``lhs`` is LaTeX, ``rhs`` a SymPy object or LaTeX.

    ``equations({"p^{2*}": cen["p"], "s^{2*}": cen["s"]})`` shows both lines,
    aligned at ``=``.
    """
    import sympy as sp

    body = " \\\\\n".join(f"{lhs} &= {rhs if isinstance(rhs, str) else sp.latex(rhs)}" for lhs, rhs in named.items())
    return Md("$$\n\\begin{aligned}\n" + body + "\n\\end{aligned}\n$$\n")


def claims_table(rows: Iterable[Claim]) -> Md:
    """:func:`xbec.claims` rows as a MyST table: where, the statement checked, verdict, evidence (maths typeset)."""
    import pandas as pd

    def show(x: object) -> str:
        return f"{x:,.4f}" if isinstance(x, float) else str(x)

    frame = pd.DataFrame(
        [
            (
                c.where,
                c.statement,
                c.verdict if c.verdict.startswith("holds") else f"**{c.verdict}**",
                "; ".join(f"{k}: {show(x)}" for k, x in c.evidence.items()),
            )
            for c in rows
        ],
        columns=["§", "statement checked", "verdict", "evidence"],
    )
    return table(frame)


def or_none(fn: Any, /, *args: Any, **kwargs: Any) -> Any:
    """``fn(*args, **kwargs)``, or ``None`` where the model says the result does not exist.

    Catches :class:`xbec.errors.ModelDomainError` only (an empty band, a
    contract without a valid outcome), so a page can say what does not exist.
    """
    from .errors import ModelDomainError

    try:
        return fn(*args, **kwargs)
    except ModelDomainError:
        return None
