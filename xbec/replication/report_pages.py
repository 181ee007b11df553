"""The book's replication report (``replication_report``): ledger, claims, formula checks, errata.

Pure functions of a :class:`Report` (what the page computes once from its
parameters): numbers to glue and Markdown (:class:`~xbec.replication.pages.Md`)
to show. Only :func:`ledger_values` writes a file (``ledger.csv``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import ModelDomainError
from ..model import horizontal as H
from ..model import vertical as V
from ..model.horizontal import HorizontalParams
from ..model.vertical import VerticalParams
from . import ledger as L
from . import numerics, paper
from .claims import VERDICTS, Claim, claims
from .errata import KINDS, Erratum, errata
from .ledger import LedgerRow
from .pages import Html, Md, Page
from .report import esc, md_table, yes
from .symbolic import FormulaCheck

__all__ = [
    "GROUPS",
    "Report",
    "report",
    "ledger_values",
    "errata_values",
    "claims_values",
    "link_values",
    "summary_table",
    "claims_section",
    "reconstructed_allocation",
    "reconstruction_values",
    "band_values",
    "not_reproduced",
    "in_short",
    "ledger_sections",
    "formula_values",
    "formula_table",
    "errata_section",
]

#: The ledger's sections: (title, prefix of the rows' ``where``).
GROUPS = (
    ("§5.1: horizontal alliance, headline values", "§5.1"),
    ("Table 1: the horizontal alliance under revenue sharing", "Table 1"),
    ("§5.2: vertical alliance, decentralised allocation", "§5.2,"),
    ("Table 2: the vertical alliance under revenue sharing", "Table 2"),
    ("Conclusions (§5.2, §6): the range of the revenue share", "§5.2/§6"),
)

_DEC_ALLOC = "§5.2, decentralised, x_"
_CONCLUSION_LO = "§5.2/§6 conclusion, lambda lower end"


@dataclass(frozen=True)
class Report:
    """What the report computes once from its parameters.

    Attributes
    ----------
    params, vparams : HorizontalParams, VerticalParams
        The page's parameters.
    on_paper : bool
        Whether they are the paper's (§5.1-§5.2).
    rows : list of LedgerRow
        The replication ledger (empty when it cannot be computed).
    ledger_error : str
        Why the ledger cannot be computed ("" when it can).
    claims : tuple of Claim
        The paper's conclusions with verdicts (empty when they cannot be assessed).
    claims_error : str
        Why the claims cannot be assessed ("" when they can).
    errata : tuple of Erratum
        The paper's errata (:func:`xbec.errata`).
    """

    params: HorizontalParams
    vparams: VerticalParams
    on_paper: bool
    rows: list[LedgerRow]
    ledger_error: str
    claims: tuple[Claim, ...]
    claims_error: str
    errata: tuple[Erratum, ...]


def report(page: Page) -> Report:
    """The ledger, the claims and the errata at the page's parameters (a :class:`Report`).

    A :class:`~xbec.errors.ModelDomainError` from the ledger or the claims is
    kept as the reason why that part cannot be shown, not raised.
    """
    assert page.params is not None and page.vparams is not None
    try:
        rows, ledger_error = L.ledger(page.params, page.vparams), ""
    except ModelDomainError as err:
        rows, ledger_error = [], str(err)
    try:
        found, claims_error = tuple(claims(page.params, page.vparams)), ""
    except ModelDomainError as err:
        found, claims_error = (), str(err)
    return Report(page.params, page.vparams, page.on_paper, rows, ledger_error, found, claims_error, tuple(errata()))


def ledger_values(rep: Report, out_dir: Path) -> dict[str, Any]:
    """``n_<status>``, ``n_total``, ``n_unexplained`` and ``params_note``; writes ``ledger.csv`` to ``out_dir``.

    No file is written when the ledger cannot be computed.
    """
    out: dict[str, Any] = {f"n_{status}": count for status, count in L.summary(rep.rows).items()}
    out["n_unexplained"] = len(L.unexplained(rep.rows))
    if rep.rows:
        (Path(out_dir) / "ledger.csv").write_text(L.to_csv(rep.rows))
    if rep.on_paper:
        out["params_note"] = Md("Computed with the paper's parameters (§5.1, §5.2).")
    elif rep.rows:
        out["params_note"] = Md(
            "**These are not the paper's parameters.** The ledger still compares with the paper's printed "
            "numbers, which belong to the paper's parameters, so most rows are discrepancies by construction; "
            "their notes explain the paper's numbers, not these parameters. The conclusions' verdicts and the "
            "errata checks below are recomputed for these parameters."
        )
    else:
        out["params_note"] = Md(
            f"**These are not the paper's parameters**, and the ledger cannot be computed for them: "
            f"{esc(rep.ledger_error)}. No `ledger.csv` was written."
        )
    return out


def errata_values(rep: Report) -> dict[str, int]:
    """``n_errata``, ``n_errata_holds`` (verified) and ``n_errata_<kind>`` for each kind."""
    out = {"n_errata": len(rep.errata), "n_errata_holds": sum(e.holds for e in rep.errata)}
    out.update({f"n_errata_{kind}": sum(e.kind == kind for e in rep.errata) for kind in KINDS})
    return out


def claims_values(rep: Report) -> dict[str, Any]:
    """``n_claims``, ``n_claims_<verdict>`` (spaces as ``_``) and each claim's ``verdict_<key>``."""
    out: dict[str, Any] = {"n_claims": len(rep.claims)}
    for verdict in VERDICTS:
        out[f"n_claims_{verdict.replace(' ', '_')}"] = sum(cl.verdict == verdict for cl in rep.claims)
    out.update({f"verdict_{cl.key}": cl.verdict for cl in rep.claims})
    return out


def link_values(toc_path: str | Path) -> dict[str, Html]:
    """``link_robustness``, ``link_explorer``, ``link_api``: a link where the page is in ``toc_path``.

    For the landing and assumptions pages (in ``book/``), which link to pages
    other parts of the book add; plain text when the page is not in this
    build's table of contents (or there is no ``_toc.yml``).
    """
    from sphinx_external_toc.parsing import parse_toc_yaml

    path = Path(toc_path)
    docs = set(parse_toc_yaml(str(path))) if path.is_file() else set()
    links = [
        ("link_robustness", "notebooks/robustness", "robustness chapter"),
        ("link_explorer", "notebooks/explorer", "explorer"),
        ("link_api", "book/api", "API reference"),
    ]
    return {key: Html(f'<a href="../{doc}.html">{text}</a>' if doc in docs else text) for key, doc, text in links}


def summary_table(rep: Report) -> Md:
    """The count of ledger rows per status in each section of :data:`GROUPS`, and in all."""
    out = []
    for title, prefix in (*GROUPS, ("**all**", "")):
        s = L.summary([r for r in rep.rows if r.where.startswith(prefix)])
        out.append((title, s["total"], *(s[st] for st in L.STATUSES)))
    return Md(md_table(["section", "numbers", *L.STATUSES], out))


def _evidence(value: object) -> str:
    return f"{value:.6g}" if isinstance(value, float) else f"{value}"


def claims_section(rep: Report) -> Md:
    """The claims' table and, for each, its quote, what is checked, the exact condition and the evidence."""
    if not rep.claims:
        return Md(f"The claims cannot be assessed for these parameters: {esc(rep.claims_error)}.")
    table = md_table(
        ["claim", "where", "verdict", "what is checked"],
        [(f"`{cl.key}`", cl.where, f"**{cl.verdict}**", cl.statement) for cl in rep.claims],
    )
    details = "\n".join(
        f'`{cl.key}` ({cl.where}) — **{cl.verdict}**\n: *"{cl.quote}"*\n\n  Checked: {cl.statement}.'
        + (f" Exact condition: {cl.condition}." if cl.condition else "")
        + "\n\n"
        + "".join(f"  - {k}: {_evidence(v)}\n" for k, v in cl.evidence.items())
        for cl in rep.claims
    )
    return Md(table + "\n" + details)


def _reconstructed(rep: Report) -> list[LedgerRow]:
    return [r for r in rep.rows if r.status == "reconstructed" and r.where.startswith("§5.2,")]


def reconstructed_allocation(rep: Report) -> np.ndarray | None:
    """Eq (15) at the inputs of the first reconstructed §5.2 row, or None when no row is reconstructed."""
    rec = _reconstructed(rep)
    if not rec:
        return None
    inp: Any = rec[0].inputs
    return V.improved_raiffa(inp["V"], inp["mu"], V.service_shares(inp["phi"], inp["theta"], inp["weights"]))


def reconstruction_values(rep: Report) -> dict[str, Any]:
    """``fam_sum``, ``fam_V_lo``, ``fam_V_hi`` and ``reconstruction``: §5.2's allocation reconstructed.

    See :func:`xbec.replication.ledger.reconstruction_family`; ``reconstruction``
    says so when no ledger row is reconstructed.
    """
    fam = L.reconstruction_family(rep.vparams)
    out: dict[str, Any] = {"fam_sum": fam.sum_printed, "fam_V_lo": fam.V_interval[0], "fam_V_hi": fam.V_interval[1]}
    rec_rows, alloc = _reconstructed(rep), reconstructed_allocation(rep)
    if alloc is None:
        out["reconstruction"] = Md("With these parameters no ledger row is reconstructed.")
        return out
    inp: Any = rec_rows[0].inputs
    table = md_table(
        [
            "member",
            "paper",
            "eq (15), stated $\\mu$, exact $\\pi_1^*$",
            f"eq (15), $V(N) = {inp['V']:g}$, $\\mu = ({', '.join(f'{m:g}' for m in inp['mu'])})$",
        ],
        [(f"$x_{i + 1}$", r.paper, f"{r.reproduced:.3f}", f"{alloc[i]:.3f}") for i, r in enumerate(rec_rows)],
    )
    gap = ", ".join(f"{g:g}" for g in fam.gap)
    stated_gap = ", ".join(f"{g:g}" for g in fam.stated_gap)
    box = ", ".join(f"$g_{i + 1} \\in [{a:.3f}, {b:.3f}]$" for i, (a, b) in enumerate(fam.gap_box_at_V))
    text = (
        f"{table}\n"
        f"The whole family: the printed $x_i$ sum to {fam.sum_printed:.2f}, so $V(N)$ must lie in "
        f"$[{fam.V_interval[0]:.2f}, {fam.V_interval[1]:.2f}]$ whatever $\\mu$ is — the text's "
        f"$V(N) = {paper.SECTION_5_2_DECENTRALIZED['V']}$ does not, nor does the exact "
        f"$\\pi_1^* = {H.decentralized(rep.params).pi_platform:.4f}$; the paper's own rounded "
        f"$\\pi_1^* = {inp['V']:g}$ does. At that $V(N)$ the digits pin each $g_i$ to an interval of width "
        f"{0.01 / fam.coef:.3f} ({box}); the round values $g = ({gap})$ are inside, and every "
        f"$\\mu = m - g$, $m$ any real, gives the same allocation (e.g. $m = 2000$ above). The stated "
        f"$\\mu$ have $g = ({stated_gap})$.\n"
    )
    conc = [r for r in rep.rows if r.where == _CONCLUSION_LO]
    if conc:
        text += (
            "\nWhat this means for the conclusion's lower end 0.72 "
            f"(status *{conc[0].status}*): {conc[0].note_md}. The 0.72 is therefore an artefact of "
            "using two different $\\mu$ in one comparison; with either $\\mu$ throughout, the band's lower end "
            "on the 0.01 grid is 0.71, the horizontal band's.\n"
        )
    out["reconstruction"] = Md(text)
    return out


def band_values(rep: Report) -> dict[str, str]:
    """The horizontal band's ends as text: ``band_lo``, ``band_hi`` (5 decimals), ``band_lo_2``, ``band_hi_2``.

    Also ``mixed_lo``: the lower end of the vertical band against the
    reconstructed allocation (:func:`reconstructed_allocation`). Each is
    ``"none"`` when the band is empty or there is no reconstruction.
    """
    try:
        band = H.acceptable_lambda(rep.params)
        ends = (f"{band.lo:.5f}", f"{band.hi:.5f}", f"{band.lo:.2f}", f"{band.hi:.2f}")
    except ModelDomainError:
        ends = ("none",) * 4
    out = dict(zip(("band_lo", "band_hi", "band_lo_2", "band_hi_2"), ends))
    out["mixed_lo"] = "none"
    alloc = reconstructed_allocation(rep)
    if alloc is not None:
        try:
            mixed = numerics.vertical_acceptable_lambda(rep.params, rep.vparams, baseline=alloc.tolist())
            out["mixed_lo"] = f"{mixed.lo:.5f}"
        except ModelDomainError:
            pass
    return out


def not_reproduced(rep: Report) -> Md:
    """Each note of the non-reproduced ledger rows, once, under the rows it explains.

    At the paper's parameters the note on §5.2's decentralised allocation is
    a link to the one place that shows it (``decentralised-allocation-note``).
    """
    seen: dict[str, list[LedgerRow]] = {}
    for r in rep.rows:
        if r.status != "reproduced":
            note = r.note_md
            if rep.on_paper and r.where.startswith(_DEC_ALLOC):
                note = "see {ref}`why the printed decentralised allocation is not reproduced <decentralised-allocation-note>`"
            seen.setdefault(note, []).append(r)
    items = [
        "; ".join(f"{r.label} (paper {r.paper}, here {r.reproduced:.4f})" for r in grp)
        + f" — *{grp[0].status}*\n: {note}\n"
        for note, grp in seen.items()
    ]
    return Md("\n".join(items) if items else "Every number is reproduced.")


def in_short(on_paper: bool) -> Md:
    """``in_short``: what the notes show, in one paragraph (at the paper's parameters)."""
    if not on_paper:
        return Md("With other parameters than the paper's, these notes describe the paper's numbers.")
    return Md(
        "In short, as the notes show: the decentralised profits of §5.1 and §5.2 were computed from prices "
        'rounded to two decimals; some totals of Table 1 are sums of rounded columns; the sentence "above '
        "0.89\" contradicts the paper's own range; the decentralised allocation of §5.2 follows from other "
        "coalition values than those printed in §5.2, and the lower end 0.72 of the paper's conclusion rests on it."
    )


def ledger_sections(rep: Report) -> Md:
    """The ledger as one table per section of :data:`GROUPS` (status in bold unless reproduced)."""
    parts = []
    for title, prefix in GROUPS:
        grp = [r for r in rep.rows if r.where.startswith(prefix)]
        if grp:
            rows = [
                (
                    r.label,
                    r.paper,
                    f"{r.reproduced:.4f}",
                    f"{r.diff:+.4f}",
                    r.status if r.status == "reproduced" else f"**{r.status}**",
                )
                for r in grp
            ]
            parts.append(f"### {title}\n\n" + md_table(["where", "paper", "this page", "difference", "status"], rows))
    return Md("\n".join(parts) if parts else "No ledger for these parameters.")


def formula_values(checks: Sequence[FormulaCheck]) -> dict[str, Any]:
    """``n_checks``, ``n_agree``, ``n_misdescribed`` (checks naming an erratum) and ``misdescribed_list``."""
    misdescribed = [ch for ch in checks if ch.errata]
    return {
        "n_checks": len(checks),
        "n_agree": sum(ch.agrees for ch in checks),
        "n_misdescribed": len(misdescribed),
        "misdescribed_list": Md(", ".join(ch.label for ch in misdescribed)),
    }


def formula_table(checks: Sequence[FormulaCheck], rep: Report) -> Md:
    """One row per formula check: agrees, the errata (known ones) about its description, the note."""
    keys = {e.key for e in rep.errata}
    return Md(
        md_table(
            ["formula", "agrees", "erratum about its description", "note"],
            [
                (ch.label, yes(ch.agrees), ", ".join(f"`{k}`" for k in ch.errata if k in keys), ch.note_md)
                for ch in checks
            ],
        )
    )


def errata_section(rep: Report) -> Md:
    """The errata's table (verified, and checked at the report's parameters) and each erratum in full."""
    table = md_table(
        ["erratum", "where", "kind", "verified", "verified by", "check at these parameters"],
        [
            (f"`{e.key}`", e.where, e.kind, yes(e.holds), ", ".join(e.method), yes(e.check(rep.params)))
            for e in rep.errata
        ],
    )
    details = "\n".join(
        f"`{e.key}` — *{e.kind}*, {e.where}\n"
        f": **Printed:** {e.printed}\n\n"
        f"  **Corrected:** {e.corrected}\n\n"
        + (f"  **Holds only if:** {e.condition}\n\n" if e.condition else "")
        + f"  {e.explanation}\n"
        for e in rep.errata
    )
    return Md(table + "\n" + details)
