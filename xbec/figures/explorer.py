"""The book's explorer page: Table 1, Figs. 2 and 3 and the acceptable band on a parameter grid.

A reader of the static book moves sliders (λ, β, b₂, γ₁, c) and sees the
acceptable λ band, Table 1's row at λ and the curves of Figs. 2 and 3 change,
with no server and no network. Every number the page shows is computed here,
by the model, at build time, on a grid (:data:`GRID` × :data:`LAMBDAS`); the
page's JavaScript only *looks up* the precomputed case of the sliders'
position (no model code in JavaScript).

Needs Bokeh (the ``book`` extra). Bokeh's JavaScript ships inside its Python
package; the book serves a copy of it (``_static/bokeh/``), never a CDN.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import math
import re
import uuid
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import ModelDomainError
from ..model.horizontal import (
    HorizontalParams,
    acceptable_lambda,
    centralized,
    decentralized,
    revenue_sharing,
    sharing_defined,
)
from ..model.vertical import VerticalParams, allocate
from ..replication.numerics import decentralized_allocation, lambda_grid, vertical_acceptable_lambda
from .paper import LOSS_TOL
from .style import BAND_COLOUR, COLOURS

__all__ = [
    "GRID",
    "LAMBDAS",
    "TABLE1_COLUMNS",
    "explorer_case",
    "explorer_data",
    "explorer_layout",
    "explorer_html",
    "bokeh_js_files",
]

#: Slider values of the explorer (evenly spaced, so that each is one Bokeh slider).
GRID: dict[str, tuple[float, ...]] = {
    "beta": (100.0, 150.0, 200.0, 250.0, 300.0),
    "b2": (0.0, 0.5, 1.0, 1.5),
    "gamma1": (0.5, 1.0, 1.5, 2.0),
    "c": (0.0, 10.0, 20.0, 30.0),
}
#: λ values of the curves and of the λ slider (Table 1's 0.01 grid over Figs. 2–3's range).
LAMBDAS: np.ndarray = lambda_grid(0.50, 1.00, 0.01)
#: Table 1's columns (revenue-sharing outcome at λ), in the order shown.
TABLE1_COLUMNS = ("p", "w", "s", "pi_platform", "pi_manufacturer", "pi_total")

_LABELS = {
    "beta": "β (market size)",
    "b2": "b₂ (service sensitivity)",
    "gamma1": "γ₁ (service cost)",
    "c": "c (unit cost)",
}
_DIGITS = 2


def _num(x: float) -> float | None:
    """A JSON number rounded to the page's precision (``None`` for no value)."""
    x = float(x)
    return round(x, _DIGITS) if math.isfinite(x) else None


def _sharing_columns(params: HorizontalParams, lam: np.ndarray) -> dict[str, np.ndarray]:
    """Revenue-sharing outcome on ``lam``, ``nan`` where it has no outcome the two members would sign.

    The rule of :func:`xbec.figures.paper.curve_lambda`: no outcome (eq 10 singular, demand <= 0, a
    negative service level) or one leaving a member a loss (the spikes next to eq 10's pole).
    """
    out = {k: np.full(lam.shape, np.nan) for k in TABLE1_COLUMNS}
    ok = sharing_defined(params, lam)
    if ok.any():
        r = revenue_sharing(params, lam[ok])
        for k in TABLE1_COLUMNS:
            out[k][ok] = getattr(r, k)
    unsigned = (out["pi_platform"] < -LOSS_TOL) | (out["pi_manufacturer"] < -LOSS_TOL)
    for k in TABLE1_COLUMNS:
        out[k][unsigned] = np.nan
    return out


def explorer_case(params: HorizontalParams, vparams: VerticalParams, lam: np.ndarray = LAMBDAS) -> dict[str, Any]:
    """Everything the explorer shows for one parameter set (JSON-ready).

    Keys: ``band`` (:func:`xbec.acceptable_lambda`, ``[lo, hi]`` or ``None``)
    and ``band_note`` (why there is none), ``vband``/``vband_note`` (the band
    acceptable to both alliances, :func:`xbec.replication.numerics.vertical_acceptable_lambda`),
    ``table`` (Table 1's columns on ``lam``, eqs 7–10, ``None`` where revenue
    sharing has no valid outcome), ``x`` (each vertical member's improved-Raiffa
    allocation of ``pi1(lam)``, eq 15: one list per member), ``dec`` (the
    decentralised ``pi1*``, ``pi2*``), ``cen`` (the centralised total ``pi``)
    and ``x_dec`` (the allocation of ``pi1*``).
    """
    case: dict[str, Any] = {"valid": True}
    for key, func, args in (
        ("band", acceptable_lambda, (params,)),
        ("vband", vertical_acceptable_lambda, (params, vparams)),
    ):
        try:
            band = func(*args)
            case[key], case[key + "_note"] = [round(float(band.lo), 4), round(float(band.hi), 4)], None
        except ModelDomainError as err:
            case[key], case[key + "_note"] = None, str(err).split(" for HorizontalParams")[0]
    cols = _sharing_columns(params, lam)
    case["table"] = {k: [_num(x) for x in cols[k]] for k in TABLE1_COLUMNS}
    V = cols["pi_platform"]
    x = np.full((lam.size, vparams.n), np.nan)
    ok = np.isfinite(V)
    if ok.any():
        x[ok] = allocate(vparams, V[ok])
    case["x"] = [[_num(v) for v in x[:, i]] for i in range(vparams.n)]
    dec = decentralized(params)
    case["dec"] = [_num(dec.pi_platform), _num(dec.pi_manufacturer)]
    case["cen"] = _num(centralized(params).pi_total)
    case["x_dec"] = [_num(v) for v in decentralized_allocation(params, vparams)]
    return case


def explorer_data(
    base: HorizontalParams | None = None,
    vparams: VerticalParams | None = None,
    grid: Mapping[str, Sequence[float]] = GRID,
    lam: np.ndarray = LAMBDAS,
) -> dict[str, Any]:
    """Every grid point of the explorer, JSON-ready.

    The parameters not on the grid (``b1``, ``K``, the vertical alliance)
    come from ``base`` and ``vparams`` (default: the paper's). ``cases`` is
    the list of :func:`explorer_case` results in row-major order of ``grid``'s
    axes (the last axis varies fastest); a grid point whose parameters are
    not admissible (e.g. concavity, ``2 b1 γ1 − b2² > 0``, fails) is
    ``{"valid": False, "note": <the model's error message>}``.
    """
    base = HorizontalParams() if base is None else base
    vparams = VerticalParams() if vparams is None else vparams
    lam = np.asarray(lam, dtype=float)
    names = list(grid)
    cases = []
    for values in itertools.product(*(grid[n] for n in names)):
        try:
            params = base.replace(**dict(zip(names, values)))
        except ModelDomainError as err:
            cases.append({"valid": False, "note": str(err)})
            continue
        cases.append(explorer_case(params, vparams, lam))
    return {
        "axes": {n: [float(v) for v in grid[n]] for n in names},
        "lambda": [round(float(v), 12) for v in lam],
        "fixed": {k: v for k, v in base.as_dict().items() if k not in names},
        "members": vparams.n,
        "cases": cases,
    }


def _index(data: Mapping[str, Any], values: Mapping[str, float]) -> int:
    """Row-major index of ``values`` (one per axis) in ``data['cases']``."""
    idx = 0
    for name, axis in data["axes"].items():
        idx = idx * len(axis) + axis.index(float(values[name]))
    return idx


# The page's only JavaScript: find the precomputed case of the sliders'
# position and copy its numbers into the plots and the table (a lookup).
_CALLBACK = """
const axes = data.axes, names = Object.keys(axes);
let idx = 0;
for (const n of names) {
  const axis = axes[n];
  let k = axis.findIndex(v => Math.abs(v - sliders[n].value) < 1e-9);
  if (k < 0) k = 0;
  idx = idx * axis.length + k;
}
const lamv = data.lambda;
let j = lamv.findIndex(v => Math.abs(v - sliders.lam.value) < 1e-9);
if (j < 0) j = 0;
const cs = data.cases[idx];
const nan = a => a.map(v => v === null ? NaN : v);
const fmt = v => (v === null || v === undefined) ? '—' : v.toLocaleString('en-US', {minimumFractionDigits: 2, maximumFractionDigits: 2});
const par = names.map(n => `${n} = ${sliders[n].value}`).join(', ');
const fixed = Object.entries(data.fixed).map(([k, v]) => `${k} = ${v}`).join(', ');
let html = `<div class="xbec-explorer-state" data-case="${idx}" data-lambda="${lamv[j]}">`;
html += `<p><b>Parameters</b>: ${par}; fixed: ${fixed}; λ = ${lamv[j].toFixed(2)}.</p>`;
if (!cs.valid) {
  html += `<p class="xbec-explorer-none" style="color:#9a3412"><b>No outcome for these parameters</b>: ${cs.note}</p></div>`;
  for (const src of [s2, s3]) src.data = {lam: [], ...Object.fromEntries(Object.keys(src.data).filter(k => k !== 'lam').map(k => [k, []]))};
  for (const b of [band2, band3]) b.visible = false;
  for (const sp of spans) sp.visible = false;
  cursor2.location = lamv[j]; cursor3.location = lamv[j];
  div.text = html;
  return;
}
const band = cs.band ? `${cs.band[0].toFixed(4)} < λ < ${cs.band[1].toFixed(4)}` : null;
const vband = cs.vband ? `${cs.vband[0].toFixed(4)} < λ < ${cs.vband[1].toFixed(4)}` : null;
html += band ? `<p><b>Acceptable band</b> (horizontal alliance): <span class="xbec-explorer-band">${band}</span>.`
             : `<p class="xbec-explorer-none" style="color:#9a3412"><b>No acceptable band</b> for these parameters: ${cs.band_note}.`;
html += vband ? ` Acceptable to both alliances: ${vband}.</p>` : ` No band acceptable to both alliances: ${cs.vband_note}.</p>`;
const t = cs.table;
const signed = lamv.filter((l, i) => t.p[i] !== null);
if (signed.length < 2) {
  html += `<p class="xbec-explorer-none" style="color:#9a3412"><b>No curve</b>: of λ = ${lamv[0].toFixed(2)}–${lamv[lamv.length - 1].toFixed(2)}, revenue sharing has an outcome both members would sign ${signed.length ? 'only at λ = ' + signed[0].toFixed(2) : 'at none'}; the plots stay empty.</p>`;
}
if (t.p[j] === null) {
  html += `<p class="xbec-explorer-none" style="color:#9a3412"><b>No revenue-sharing outcome at λ = ${lamv[j].toFixed(2)}</b> for these parameters (none, or one that leaves a member with a negative profit).</p>`;
} else {
  const inband = cs.band && lamv[j] > cs.band[0] && lamv[j] < cs.band[1];
  html += `<p>Table 1's row at λ = ${lamv[j].toFixed(2)} (${inband ? 'inside' : 'outside'} the acceptable band):</p>`;
  const cell = 'style="padding:2px 10px;text-align:right;border-bottom:1px solid #999"';
  html += '<table class="xbec-explorer-table" style="border-collapse:collapse"><thead><tr>' + ['λ','p','w','s','π₁(λ)','π₂(λ)','π₁+π₂'].map(h => `<th ${cell}>${h}</th>`).join('') + '</tr></thead><tbody><tr>';
  html += `<td ${cell}>${lamv[j].toFixed(2)}</td>` + ['p','w','s','pi_platform','pi_manufacturer','pi_total'].map(k => `<td ${cell}>${fmt(t[k][j])}</td>`).join('');
  html += '</tr></tbody></table>';
  html += `<p>Decentralised: π₁* = ${fmt(cs.dec[0])}, π₂* = ${fmt(cs.dec[1])}; centralised π = ${fmt(cs.cen)}. `;
  html += 'Vertical allocation x*(λ): ' + cs.x.map((xi, i) => `x${i + 1} = ${fmt(xi[j])}`).join(', ') + '.</p>';
}
html += '</div>';
s2.data = {lam: lamv, pi1: nan(t.pi_platform), pi2: nan(t.pi_manufacturer), tot: nan(t.pi_total)};
const d3 = {lam: lamv};
cs.x.forEach((xi, i) => { d3['x' + (i + 1)] = nan(xi); });
s3.data = d3;
for (const [b, bb] of [[band2, cs.band], [band3, cs.vband]]) {
  b.visible = !!bb;
  if (bb) { b.left = bb[0]; b.right = bb[1]; }
}
const levels = [cs.dec[0], cs.dec[1], cs.cen, ...cs.x_dec];
spans.forEach((sp, i) => { sp.visible = levels[i] !== null; if (levels[i] !== null) sp.location = levels[i]; });
cursor2.location = lamv[j]; cursor3.location = lamv[j];
div.text = html;
"""


def explorer_layout(data: Mapping[str, Any], start: Mapping[str, float] | None = None, lam0: float = 0.80):
    """The explorer as a Bokeh layout: five sliders, Figs. 2 and 3, Table 1's row.

    ``start`` gives the sliders' initial position (default: the middle of each
    axis, or the paper's value when it is on the axis); the page opens on the
    case computed at build time for that position, and the sliders' callback
    only looks up other cases in ``data``.
    """
    from bokeh.layouts import column, row
    from bokeh.models import ColumnDataSource, CustomJS, DataRange1d
    from bokeh.plotting import figure

    # isort: split
    # bokeh.models re-exports these through a star import whose __all__ is built at run time, which
    # mypy cannot follow: a limitation of bokeh's type information, not a missing name.
    from bokeh.models import BoxAnnotation, Div, InlineStyleSheet, Legend, Slider, Span  # type: ignore[attr-defined]

    # noUiSlider centres the handle on the track's end: inset the track by half a
    # handle so that a handle at the minimum or maximum stays inside the widget
    inset = InlineStyleSheet(
        css=".noUi-target.noUi-horizontal { margin-left: calc(var(--handle-width) / 2 + 1px); "
        "margin-right: calc(var(--handle-width) / 2 + 1px); width: calc(100% - var(--handle-width) - 2px); }"
    )

    axes = data["axes"]
    paper = HorizontalParams().as_dict()
    if start is None:
        start = {n: (paper[n] if paper.get(n) in axis else axis[len(axis) // 2]) for n, axis in axes.items()}
    lamv = data["lambda"]

    def slider(name, axis, value, title, fmt):
        step = round(axis[1] - axis[0], 12) if len(axis) > 1 else 1.0
        look = dict(title=title, format=fmt, name=f"slider-{name}", sizing_mode="stretch_width", stylesheets=[inset])
        return Slider(start=axis[0], end=axis[-1], step=step, value=value, **look)

    sliders = {"lam": slider("lam", lamv, lam0, "λ (platform's revenue share)", "0[.]00")}
    for n, axis in axes.items():
        sliders[n] = slider(n, axis, start[n], _LABELS.get(n, n), "0[.]0")
    m = data["members"]
    s2 = ColumnDataSource({"lam": [], "pi1": [], "pi2": [], "tot": []})
    s3 = ColumnDataSource({"lam": [], **{f"x{i + 1}": [] for i in range(m)}})
    kw: dict[str, Any] = dict(height=340, sizing_mode="stretch_width", tools="pan,box_zoom,wheel_zoom,reset,save")
    kw["x_axis_label"] = "revenue share of the platform λ"
    title2 = "Fig. 2: profits under revenue sharing vs λ (horizontal alliance)"
    fig2 = figure(name="fig2", title=title2, y_axis_label="profit π", **kw)
    title3 = "Fig. 3: improved-Raiffa allocation of V(N) = π₁(λ) vs λ (vertical alliance)"
    fig3 = figure(name="fig3", x_range=fig2.x_range, title=title3, y_axis_label="allocation xᵢ*", **kw)
    band2, band3 = (BoxAnnotation(fill_color=BAND_COLOUR, fill_alpha=0.35, line_alpha=0, visible=False) for _ in "23")
    fig2.add_layout(band2)
    fig3.add_layout(band3)
    items2 = [
        ("π₁(λ) platform", fig2.line("lam", "pi1", source=s2, color=COLOURS[0], line_width=2)),
        ("π₂(λ) manufacturer", fig2.line("lam", "pi2", source=s2, color=COLOURS[1], line_width=2)),
        ("π₁+π₂ total", fig2.line("lam", "tot", source=s2, color="black", line_width=1.6)),
    ]
    items3 = [
        (f"x{i + 1}*(λ)", fig3.line("lam", f"x{i + 1}", source=s3, color=COLOURS[i % 8], line_width=2))
        for i in range(m)
    ]
    styles = [(COLOURS[0], "dashed"), (COLOURS[1], "dashed"), ("black", "dotted")]
    styles += [(COLOURS[i % 8], "dashed") for i in range(m)]
    spans = [Span(dimension="width", line_color=colour, line_dash=dash) for colour, dash in styles]
    for k, sp in enumerate(spans):
        (fig2 if k < 3 else fig3).add_layout(sp)
    cursor2, cursor3 = (Span(dimension="height", line_color="#555555", line_width=1) for _ in "23")
    fig2.add_layout(cursor2)
    fig3.add_layout(cursor3)
    for fig, items in ((fig2, items2), (fig3, items3)):
        # 12.5 px = 9.4 pt: the legend stays readable at the page's width
        legend = Legend(items=[(label, [r]) for label, r in items], location="top_left", label_text_font_size="12.5px")
        fig.add_layout(legend, "right")
        x_range = fig.x_range
        assert isinstance(x_range, DataRange1d)  # figure()'s default range (fig3 shares fig2's)
        x_range.start, x_range.end = lamv[0], lamv[-1]
    div = Div(text="", name="explorer-state", sizing_mode="stretch_width")
    models = dict(s2=s2, s3=s3, band2=band2, band3=band3, spans=spans, cursor2=cursor2, cursor3=cursor3, div=div)
    callback = CustomJS(args=dict(data=dict(data), sliders=sliders, **models), code=_CALLBACK)
    for s in sliders.values():
        s.js_on_change("value", callback)
    _fill_initial(data, {**start, "lam": lam0}, **models)
    controls = column(*sliders.values(), sizing_mode="stretch_width")
    return column(
        row(controls, sizing_mode="stretch_width"), div, fig2, fig3, sizing_mode="stretch_width", name="xbec-explorer"
    )


def _fill_initial(data, position, s2, s3, band2, band3, spans, cursor2, cursor3, div) -> None:
    """The page's first view, set in Python (so it shows, and prints, without JavaScript)."""
    cs = data["cases"][_index(data, position)]
    lamv = data["lambda"]
    j = int(np.argmin(np.abs(np.asarray(lamv) - position["lam"])))
    nan = lambda a: [float("nan") if v is None else v for v in a]  # noqa: E731
    cursor2.location = cursor3.location = lamv[j]
    if not cs["valid"]:
        div.text = f"<p><b>No outcome for these parameters</b>: {cs['note']}</p>"
        return
    t = cs["table"]
    s2.data = {"lam": lamv, "pi1": nan(t["pi_platform"]), "pi2": nan(t["pi_manufacturer"]), "tot": nan(t["pi_total"])}
    s3.data = {"lam": lamv, **{f"x{i + 1}": nan(x) for i, x in enumerate(cs["x"])}}
    for box, band in ((band2, cs["band"]), (band3, cs["vband"])):
        box.visible = band is not None
        if band is not None:
            box.left, box.right = band
    levels = [*cs["dec"], cs["cen"], *cs["x_dec"]]
    for sp, level in zip(spans, levels):
        sp.visible = level is not None
        if level is not None:
            sp.location = level
    div.text = _state_html(data, position, cs, j)


def _fmt(v: float | None) -> str:
    return "—" if v is None else f"{v:,.2f}"


def _state_html(data, position, cs, j) -> str:
    """Python twin of the callback's text (same wording), for the first view."""
    lam = data["lambda"][j]
    par = ", ".join(f"{n} = {position[n]:g}" for n in data["axes"])
    fixed = ", ".join(f"{k} = {v:g}" for k, v in data["fixed"].items())
    html = [
        f'<div class="xbec-explorer-state" data-lambda="{lam}">',
        f"<p><b>Parameters</b>: {par}; fixed: {fixed}; λ = {lam:.2f}.</p>",
    ]
    band, none = cs["band"], '<p class="xbec-explorer-none" style="color:#9a3412">'
    line = (
        f'<p><b>Acceptable band</b> (horizontal alliance): <span class="xbec-explorer-band">'
        f"{band[0]:.4f} &lt; λ &lt; {band[1]:.4f}</span>."
        if band
        else f"{none}<b>No acceptable band</b> for these parameters: {cs['band_note']}."
    )
    vb = cs["vband"]
    line += (
        f" Acceptable to both alliances: {vb[0]:.4f} &lt; λ &lt; {vb[1]:.4f}.</p>"
        if vb
        else f" No band acceptable to both alliances: {cs['vband_note']}.</p>"
    )
    html.append(line)
    t = cs["table"]
    lamv = data["lambda"]
    signed = [v for v, q in zip(lamv, t["p"]) if q is not None]
    if len(signed) < 2:
        where = f"only at λ = {signed[0]:.2f}" if signed else "at none"
        html.append(
            f"{none}<b>No curve</b>: of λ = {lamv[0]:.2f}–{lamv[-1]:.2f}, revenue sharing has an outcome both "
            f"members would sign {where}; the plots stay empty.</p>"
        )
    if t["p"][j] is None:
        text = "for these parameters (none, or one that leaves a member with a negative profit)"
        html.append(f"{none}<b>No revenue-sharing outcome at λ = {lam:.2f}</b> {text}.</p>")
    else:
        inside = band is not None and band[0] < lam < band[1]
        html.append(f"<p>Table 1's row at λ = {lam:.2f} ({'inside' if inside else 'outside'} the acceptable band):</p>")
        cell = 'style="padding:2px 10px;text-align:right;border-bottom:1px solid #999"'
        html.append(
            '<table class="xbec-explorer-table" style="border-collapse:collapse"><thead><tr>'
            + "".join(f"<th {cell}>{h}</th>" for h in ("λ", "p", "w", "s", "π₁(λ)", "π₂(λ)", "π₁+π₂"))
            + f"</tr></thead><tbody><tr><td {cell}>{lam:.2f}</td>"
            + "".join(f"<td {cell}>{_fmt(t[k][j])}</td>" for k in TABLE1_COLUMNS)
            + "</tr></tbody></table>"
        )
        html.append(
            f"<p>Decentralised: π₁* = {_fmt(cs['dec'][0])}, π₂* = {_fmt(cs['dec'][1])}; "
            f"centralised π = {_fmt(cs['cen'])}. Vertical allocation x*(λ): "
            + ", ".join(f"x{i + 1} = {_fmt(x[j])}" for i, x in enumerate(cs["x"]))
            + ".</p>"
        )
    html.append("</div>")
    return "".join(html)


def bokeh_js_files() -> list[Path]:
    """The BokehJS files (inside the installed ``bokeh`` package) the explorer loads."""
    import bokeh
    from bokeh.resources import Resources

    js_dir = Path(bokeh.__file__).parent / "server" / "static" / "js"
    names = [Path(u).name.split("?")[0] for u in Resources(mode="server", root_url="/").js_files]
    names = [n for n in names if n in ("bokeh.min.js", "bokeh-widgets.min.js")]
    return [js_dir / n for n in names]


def explorer_html(data: Mapping[str, Any], js_prefix: str = "../_static/bokeh/", **layout) -> str:
    """The explorer as an HTML fragment for a notebook output.

    Loads BokehJS from ``js_prefix`` (a folder of the book itself, filled by
    the book's extension from :func:`bokeh_js_files`), then embeds the
    layout's document as JSON with ``bokeh.embed.components``. Bokeh names the
    document and its root element with random UUIDs; they are replaced by UUIDs
    derived from the fragment's content, so the same data give the same bytes.
    """
    from bokeh.embed import components

    script, div = components(explorer_layout(data, **layout))
    tags = "".join(f'<script src="{js_prefix}{p.name}"></script>' for p in bokeh_js_files())
    return _stable_ids(f'{tags}<div class="xbec-explorer">{div}</div>{script}')


_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _stable_ids(html: str) -> str:
    """``html`` with each distinct UUID replaced by one derived from the content with the UUIDs blanked."""
    seed = hashlib.sha256(_UUID.sub("", html).encode()).hexdigest()
    found = list(dict.fromkeys(_UUID.findall(html)))
    new = {u: str(uuid.UUID(hashlib.sha256(f"{seed}:{k}".encode()).hexdigest()[:32])) for k, u in enumerate(found)}
    return _UUID.sub(lambda m: new[m.group(0)], html)


def data_size(data: Mapping[str, Any]) -> int:
    """Bytes of ``data`` as compact JSON (the page's payload, before Bokeh's framing)."""
    return len(json.dumps(data, separators=(",", ":"), allow_nan=False).encode())
