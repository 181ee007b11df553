"""Replication ledger: every number of §5 set against the exact model.

One :class:`LedgerRow` per published number. Its status is *computed*:

``reproduced``
    the exact model, rounded to the paper's printed precision, prints the
    paper's digits;
``rounding``
    it does not, but the paper's procedure applied to the paper's own rounded
    intermediates does (the note says which intermediates);
``reconstructed``
    neither, but the paper's digits follow from inputs other than those it
    states (the natural reading of the printed digits, which fix those inputs
    only to within their rounding); the row carries those inputs (``inputs``)
    and the tests recompute the digits from them;
``discrepancy``
    none of these; the note explains what the paper must have done
    differently, with numbers computed here.

Each row names its ``section`` of the paper (one of :data:`SECTIONS`) and the
``key`` of its printed value in :mod:`xbec.replication.paper` (``"p1"``,
``"pi"``, ``"lam_lo"`` …; in the tables ``"<column>@<lambda>"``, e.g.
``"pi_total@0.71"``), so pages select rows by field, not by parsing ``where``:
``xbec.ledger(section="§5.1")``.

``where`` and ``note`` are plain text (CSV, the command line); ``label`` and
``note_md`` are the same text as MyST Markdown with the symbols typeset.

A row that is neither reproduced nor explained (empty note) is *unexplained*:
:func:`unexplained` lists them and the tests and ``xbec ledger`` fail on any.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import NamedTuple

import numpy as np

from ..model.horizontal import (
    HorizontalParams,
    acceptable_lambda,
    centralized,
    decentralized,
    manufacturer_profit,
    platform_profit,
    revenue_sharing,
)
from ..model.vertical import VerticalParams, allocate, improved_raiffa
from . import paper
from .numerics import decentralized_allocation, grid_ends, vertical_acceptable_lambda

STATUSES = ("reproduced", "rounding", "reconstructed", "discrepancy")

#: The places of the paper the ledger's rows come from, in the paper's order:
#: §5.1's text, Table 1, §5.2's text, Table 2, and the band of the conclusion
#: (§6, also stated at the end of §5.2).
SECTIONS = ("§5.1", "Table 1", "§5.2", "Table 2", "§6")

#: ``mean(mu) - mu`` behind §5.2's decentralised allocation (issue 10, item 3):
#: eq (15) with ``V = 2304.54`` and any ``mu`` with this gap prints the paper's
#: ``x_1 .. x_4``. §5.2's stated ``mu`` give ``(425, 25, -275, -175)``.
RECONSTRUCTED_GAP = (300.0, 100.0, -300.0, -100.0)

_TOKENS = [  # (pattern, replacement with {1}, {2} ... for the groups)
    (r"p\^\{1\*\}", "$p^{{1*}}$"),
    (r"omega\^\{1\*\}", "$\\omega^{{1*}}$"),
    (r"s\^\{1\*\}", "$s^{{1*}}$"),
    (r"pi_([12])\^\*", "$\\pi_{1}^*$"),
    (r"pi([12])\*", "$\\pi_{1}^*$"),
    (r"p\*\(lambda\)", "$p^*(\\lambda)$"),
    (r"omega\(lambda\)", "$\\omega(\\lambda)$"),
    (r"s\*\(lambda\)", "$s^*(\\lambda)$"),
    (r"pi_?([12])\(lambda\)", "$\\pi_{1}(\\lambda)$"),
    (r"pi([12])\b", "$\\pi_{1}$"),
    (r"\bpi\*", "$\\pi^*$"),
    (r"\bpi\b", "$\\pi$"),
    (r"lambda ?= ?([0-9]+(?:\.[0-9]+)?)", "$\\lambda = {1}$"),
    (r"<= lambda <=", "$\\le \\lambda \\le$"),
    (r"\blambda\b", "$\\lambda$"),
    (r"V\(N\)", "$V(N)$"),
    (r"mean\(mu\) - mu", "$\\bar\\mu - \\mu$"),
    (r"\bmu\b", "$\\mu$"),
    (r"x_(\d)\^\*", "$x_{1}^*$"),
    (r"x_(\d)\.\.x_n", "$x_{1}, \\dots, x_n$"),
    (r"x_(\d)", "$x_{1}$"),
]
_TOKEN_RE = re.compile("|".join(f"(?:{pat})" for pat, _ in _TOKENS))


def tex(text: str) -> str:
    """The ledger's plain-text symbols (``p^{1*}``, ``pi_1^*``, ``lambda`` …) as MyST inline maths."""

    def one(m: re.Match) -> str:
        for pat, rep in _TOKENS:
            full = re.fullmatch(pat, m.group(0))
            if full:
                return rep.format(None, *full.groups())
        return m.group(0)

    return _TOKEN_RE.sub(one, text)


def reconstructed_mu(m: float = 2000.0) -> tuple[float, ...]:
    """A member of the family of ``mu`` behind §5.2's allocation: ``mu = m - RECONSTRUCTED_GAP``."""
    return tuple(m - g for g in RECONSTRUCTED_GAP)


@dataclass(frozen=True)
class LedgerRow:
    """One published number compared with the exact model."""

    where: str
    paper: str
    reproduced: float
    diff: float
    status: str
    note: str
    #: for a ``reconstructed`` row, the inputs from which the paper's digits follow
    inputs: Mapping[str, object] = field(default_factory=lambda: MappingProxyType({}))
    #: the part of the paper the number is printed in, one of :data:`SECTIONS`
    section: str = ""
    #: the printed value's key in :mod:`xbec.replication.paper` (tables: ``"<column>@<lambda>"``)
    key: str = ""

    @property
    def explained(self) -> bool:
        """True when the row is reproduced or carries a note explaining the difference.

        A ``reconstructed`` row must also carry the inputs its digits follow from.
        """
        if self.status == "reconstructed":
            return bool(self.note.strip()) and bool(self.inputs)
        return self.status == "reproduced" or bool(self.note.strip())

    @property
    def label(self) -> str:
        """``where`` as MyST Markdown, symbols typeset."""
        return tex(self.where)

    @property
    def note_md(self) -> str:
        """``note`` as MyST Markdown, symbols typeset."""
        return tex(self.note)


def _prints_as(value: float, printed: str) -> bool:
    return f"{value:.{paper.decimals(printed)}f}" == f"{paper.value(printed):.{paper.decimals(printed)}f}"


def _row(
    section: str,
    key: str,
    where: str,
    printed: str,
    exact: float,
    rounded: Sequence[tuple[str, float]] = (),
    discrepancy_note: str = "",
    note: str = "",
    reconstruction: tuple[str, Mapping[str, object], float] | None = None,
) -> LedgerRow:
    """Compare ``exact`` (and the paper's rounded-intermediate procedures) with ``printed``.

    ``reconstruction`` is ``(how, inputs, value)``: other inputs than the
    paper states, and the value they give; if it prints the paper's digits the
    row is ``reconstructed``.
    """
    diff = float(exact) - paper.value(printed)

    def row(status: str, *notes: str, inputs: Mapping[str, object] | None = None) -> LedgerRow:
        text = "; ".join(filter(None, notes))
        inputs = MappingProxyType(dict(inputs or {}))
        return LedgerRow(where, printed, float(exact), diff, status, text, inputs, section=section, key=key)

    if _prints_as(exact, printed):
        return row("reproduced", note)
    d = paper.decimals(printed)
    for how, alt in rounded:
        if _prints_as(alt, printed):
            return row(
                "rounding", f"exact {exact:.{d + 2}f}; the paper's figure follows from {how} ({alt:.{d + 2}f})", note
            )
    if reconstruction is not None and _prints_as(reconstruction[2], printed):
        how, inputs, _ = reconstruction
        return row("reconstructed", f"the paper's figure follows from {how}", discrepancy_note, note, inputs=inputs)
    return row("discrepancy", discrepancy_note, note)


def _r2(x: float) -> float:
    return round(float(x), 2)


def _section_5_1(params: HorizontalParams) -> list[LedgerRow]:
    P = paper.SECTION_5_1
    dec = decentralized(params)
    cen = centralized(params)
    p, w, s = _r2(dec.p), _r2(dec.w), _r2(dec.s)
    band = acceptable_lambda(params)
    grid_lo, grid_hi = grid_ends(band)
    band_note = f"exact band ({band.lo:.6f}, {band.hi:.6f}); the paper reports its ends on a 0.01 grid"
    pi2_at = revenue_sharing(params, grid_hi + 0.01).pi_manufacturer
    rows = [
        _row("§5.1", key, f"§5.1, decentralised, {sym}", P[key], getattr(dec, key[0]))
        for key, sym in (("p1", "p^{1*}"), ("w1", "omega^{1*}"), ("s1", "s^{1*}"))
    ]
    for i, profit, exact in ((1, platform_profit, dec.pi_platform), (2, manufacturer_profit, dec.pi_manufacturer)):
        how = (
            f"eq ({i}) evaluated at the rounded p^{{1*}}, omega^{{1*}}, s^{{1*}} (2 decimals)",
            profit(params, p, w, s),
        )
        rows.append(_row("§5.1", f"pi{i}", f"§5.1, decentralised, pi_{i}^*", P[f"pi{i}"], exact, [how]))
    return rows + [
        _row("§5.1", "pi", "§5.1, centralised, pi", P["pi"], cen.pi_total),
        _row("§5.1", "lam_lo", "§5.1, acceptable lambda, lower end (0.01 grid)", P["lam_lo"], grid_lo, note=band_note),
        _row("§5.1", "lam_hi", "§5.1, acceptable lambda, upper end (0.01 grid)", P["lam_hi"], grid_hi, note=band_note),
        _row(
            "§5.1",
            "lam_reject_above",
            "§5.1, text: rejected 'above 0.89'",
            P["lam_reject_above"],
            grid_hi,
            discrepancy_note=(
                f"inconsistent with the paper's own range {P['lam_lo']} <= lambda <= {P['lam_hi']}: at lambda = "
                f"{grid_hi + 0.01:.2f} the manufacturer's pi2 = {pi2_at:.2f} < pi2* = "
                f"{dec.pi_manufacturer:.2f}, so {grid_hi + 0.01:.2f} is already rejected; the "
                f"largest acceptable 0.01-grid value is {grid_hi:.2f} ({band_note}); the exact upper end "
                f"rounded to two decimals is {band.hi:.2f}"
            ),
        ),
    ]


_TABLE1_LABELS = {
    "p": "p*(lambda)",
    "w": "omega(lambda)",
    "s": "s*(lambda)",
    "pi_platform": "pi_1(lambda)",
    "pi_manufacturer": "pi_2(lambda)",
    "pi_total": "pi*",
}


def _table_1(params: HorizontalParams) -> list[LedgerRow]:
    rows = []
    lams = np.array([paper.value(r[0]) for r in paper.TABLE1])
    res = revenue_sharing(params, lams)
    for i, printed_row in enumerate(paper.TABLE1):
        cells = dict(zip(paper.TABLE1_COLUMNS, printed_row))
        for col, label in _TABLE1_LABELS.items():
            exact = float(getattr(res, col)[i])
            rounded = []
            if col == "pi_total":
                alt = _r2(np.asarray(res.pi_platform)[i]) + _r2(np.asarray(res.pi_manufacturer)[i])
                rounded.append(("the sum of the rounded pi_1(lambda) and pi_2(lambda) columns", alt))
            lam = cells["lam"]
            rows.append(_row("Table 1", f"{col}@{lam}", f"Table 1, lambda={lam}, {label}", cells[col], exact, rounded))
    return rows


def _printed_x(n: int) -> np.ndarray:
    return np.array([paper.value(paper.SECTION_5_2_DECENTRALIZED[f"x{i + 1}"]) for i in range(n)])


class ReconstructionFamily(NamedTuple):
    """Every ``(V, mu)`` from which eq (15) prints §5.2's decentralised allocation."""

    #: sum of the printed allocation
    sum_printed: float
    #: closed interval of ``V(N)`` compatible with the printed digits
    V_interval: tuple[float, float]
    #: ``(2n-3)/(2(n-1))``, the Raiffa coefficient of eq (13)
    coef: float
    #: interval of each ``g_i = mean(mu) - mu_i`` at ``V = 2304.54``
    gap_box_at_V: tuple[tuple[float, float], ...]
    #: :data:`RECONSTRUCTED_GAP`
    gap: tuple[float, ...]
    #: ``mean(mu) - mu`` of the stated coalition values
    stated_gap: tuple[float, ...]


def reconstruction_family(vparams: VerticalParams | None = None) -> ReconstructionFamily:
    """Every ``(V, mu)`` from which eq (15) prints §5.2's decentralised allocation.

    Eq (15) gives ``x_i = F_i V + (2n-3)/(2(n-1)) g_i`` with ``g = mean(mu) - mu``
    (so ``sum(g) = 0`` and ``sum(x) = V``), and depends on ``mu`` only through
    ``g``: every ``mu = m - g`` (``m`` any real) gives the same allocation.
    The printed digits pin ``x_i`` to ``[x_i - 0.005, x_i + 0.005]``, so ``V``
    lies within ``n * 0.005`` of their sum, and for each such ``V`` each ``g_i``
    lies in an interval of width ``0.01 / coef``. ``vparams`` supplies the
    service shares ``F`` (default: §5.2's inputs).
    """
    vp = VerticalParams() if vparams is None else vparams
    x = _printed_x(vp.n)
    half = 0.5 * 10.0 ** -paper.decimals(paper.SECTION_5_2_DECENTRALIZED["x1"])
    coef = (2 * vp.n - 3) / (2 * (vp.n - 1))
    V = paper.value(paper.SECTION_5_1["pi1"])
    mu = np.array(vp.mu)
    return ReconstructionFamily(
        sum_printed=float(x.sum()),
        V_interval=(float(x.sum() - vp.n * half), float(x.sum() + vp.n * half)),
        coef=coef,
        gap_box_at_V=tuple(
            (float((xi - half - F * V) / coef), float((xi + half - F * V) / coef)) for xi, F in zip(x, vp.F)
        ),
        gap=RECONSTRUCTED_GAP,
        stated_gap=tuple(float(g) for g in mu.mean() - mu),
    )


def _section_5_2(params: HorizontalParams, vparams: VerticalParams) -> list[LedgerRow]:
    P = paper.SECTION_5_2_DECENTRALIZED
    dec = decentralized(params)
    alloc = decentralized_allocation(params, vparams)
    rounded_V = platform_profit(params, _r2(dec.p), _r2(dec.w), _r2(dec.s))
    V_paper = paper.SECTION_5_1["pi1"]  # the paper's own rounded pi_1^*
    mu_rec = reconstructed_mu()
    rec = improved_raiffa(paper.value(V_paper), mu_rec, vparams.F)
    fam = reconstruction_family(vparams)
    inputs = {"V": float(V_paper), "mu": mu_rec, "phi": vparams.phi, "theta": vparams.theta, "weights": vparams.weights}
    lo, hi = fam.V_interval
    note = (
        f"with the stated mu = {list(vparams.mu)} (mean(mu) - mu = {list(fam.stated_gap)}) and V(N) = pi_1^* "
        f"eq (15) gives {', '.join(f'{x:.2f}' for x in alloc)} (the value shown here); the paper's digits fix "
        f"mean(mu) - mu only to within ±{(fam.gap_box_at_V[0][1] - fam.gap_box_at_V[0][0]) / 2:.3f} per component "
        f"(solving back at V(N) = {V_paper} gives ({', '.join(f'{(a + b) / 2:.4f}' for a, b in fam.gap_box_at_V)})) "
        f"and V(N) to [{lo:.2f}, {hi:.2f}]: the round gap {list(RECONSTRUCTED_GAP)} (any mu = m - that gap, e.g. "
        "m = 2000) is the natural reading, not the only one; V(N) is pinned because the allocation sums to V(N) "
        "and the printed x_1..x_n sum to "
        f"{fam.sum_printed:.2f}: neither the text's V(N) = {P['V']} nor the exact pi_1^* = {dec.pi_platform:.4f} "
        "qualifies, the rounded pi_1^* of §5.1 does"
    )
    how = f"eq (15) with V(N) = {V_paper} (the paper's rounded pi_1^*) and mu = {list(mu_rec)}, not the stated mu"
    rounded = [("eq (1) at the rounded p^{1*}, omega^{1*}, s^{1*}", rounded_V)]
    rows = [_row("§5.2", "V", "§5.2, decentralised V(N) = pi_1^*", P["V"], dec.pi_platform, rounded)]
    for i in range(vparams.n):
        key, rebuilt = f"x{i + 1}", (how, inputs, float(rec[i]))
        where = f"§5.2, decentralised, x_{i + 1}"
        rows.append(_row("§5.2", key, where, P[key], alloc[i], discrepancy_note=note, reconstruction=rebuilt))
    return rows


def _table_2(params: HorizontalParams, vparams: VerticalParams) -> list[LedgerRow]:
    rows = []
    lams = np.array([paper.value(r[0]) for r in paper.TABLE2])
    V = np.asarray(revenue_sharing(params, lams).pi_platform)
    x = allocate(vparams, V)
    for i, printed_row in enumerate(paper.TABLE2):
        cells = dict(zip(paper.TABLE2_COLUMNS, printed_row))
        lam = cells["lam"]
        rows.append(_row("Table 2", f"V@{lam}", f"Table 2, lambda={lam}, V(N)", cells["V"], V[i]))
        for j in range(vparams.n):
            rows.append(
                _row("Table 2", f"x{j + 1}@{lam}", f"Table 2, lambda={lam}, x_{j + 1}^*", cells[f"x{j + 1}"], x[i, j])
            )
    return rows


def _conclusions(params: HorizontalParams, vparams: VerticalParams) -> list[LedgerRow]:
    C = paper.CONCLUSIONS
    band = vertical_acceptable_lambda(params, vparams)
    lo, hi = grid_ends(band)
    V_paper = paper.SECTION_5_1["pi1"]
    mu_rec = reconstructed_mu()
    baseline = improved_raiffa(paper.value(V_paper), mu_rec, vparams.F)
    mixed = vertical_acceptable_lambda(params, vparams, baseline=baseline.tolist())
    rec_params = VerticalParams(mu=mu_rec, phi=vparams.phi, theta=vparams.theta, weights=vparams.weights)
    same = vertical_acceptable_lambda(params, rec_params, baseline=baseline.tolist())
    note = f"exact band for the horizontal and vertical alliance ({band.lo:.6f}, {band.hi:.6f}) on a 0.01 grid"
    why = (
        f"with the stated inputs every vertical member gains whenever the platform does, so the band equals the "
        f"horizontal band and its lower end is {lo:.2f}; the paper's 0.72 compares Table 2's allocations (stated mu) "
        f"with the decentralised allocation computed from mu = {list(mu_rec)} and V(N) = {V_paper}: that mixed band "
        f"is ({mixed.lo:.6f}, {mixed.hi:.6f}); with mu = {list(mu_rec)} for both it is ({same.lo:.6f}, "
        f"{same.hi:.6f}), lower end {grid_ends(same)[0]:.2f} again"
    )
    inputs = {"Table 2 mu": vparams.mu, "baseline mu": mu_rec, "baseline V": float(V_paper)}
    rebuilt = ("the vertical band against the reconstructed decentralised allocation", inputs, grid_ends(mixed)[0])
    where = "§5.2/§6 conclusion, lambda lower end"
    return [
        _row("§6", "lam_lo", where, C["lam_lo"], lo, discrepancy_note=why, note=note, reconstruction=rebuilt),
        _row("§6", "lam_hi", "§5.2/§6 conclusion, lambda upper end", C["lam_hi"], hi, note=note),
    ]


def ledger(
    params: HorizontalParams | None = None, vparams: VerticalParams | None = None, section: str | None = None
) -> list[LedgerRow]:
    """The replication ledger: one row per number published in §5.

    Parameters default to the paper's (§5.1, §5.2); the paper's values are the
    comparison target, so other parameters mostly produce discrepancies.
    With ``section`` (one of :data:`SECTIONS`, else ``ValueError``) only the
    rows of that part of the paper are computed and returned.
    """
    if section is not None and section not in SECTIONS:
        raise ValueError(f"section={section!r}: the ledger's sections are {SECTIONS}")
    params = HorizontalParams() if params is None else params
    vparams = VerticalParams() if vparams is None else vparams
    parts = {
        "§5.1": lambda: _section_5_1(params),
        "Table 1": lambda: _table_1(params),
        "§5.2": lambda: _section_5_2(params, vparams),
        "Table 2": lambda: _table_2(params, vparams),
        "§6": lambda: _conclusions(params, vparams),
    }
    return [row for name in SECTIONS if section in (None, name) for row in parts[name]()]


def summary(rows: Iterable[LedgerRow]) -> dict[str, int]:
    """Count of rows per status (every status present, possibly 0), plus ``total``."""
    counts = Counter(r.status for r in rows)
    out = {s: counts.get(s, 0) for s in STATUSES}
    out["total"] = sum(out.values())
    return out


def unexplained(rows: Iterable[LedgerRow]) -> list[LedgerRow]:
    """Rows with no status among :data:`STATUSES` or a non-reproduced row without a note."""
    return [r for r in rows if r.status not in STATUSES or not r.explained]


_FIELDS = ("section", "key", "where", "paper", "reproduced", "diff", "status", "note")


def _cells(r: LedgerRow) -> list[str]:
    # ``inputs`` are described in the note; the CSV has no column for them
    return [r.section, r.key, r.where, r.paper, f"{r.reproduced:.6f}", f"{r.diff:+.6f}", r.status, r.note]


def to_markdown(rows: Iterable[LedgerRow]) -> str:
    """Markdown table of the ledger."""
    lines = ["| " + " | ".join(_FIELDS) + " |", "|---|---|---|---:|---:|---:|---|---|"]
    for r in rows:
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in _cells(r)) + " |")
    return "\n".join(lines) + "\n"


def to_csv(rows: Iterable[LedgerRow]) -> str:
    """CSV of the ledger with a header row."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(_FIELDS)
    writer.writerows(_cells(r) for r in rows)
    return buf.getvalue()
