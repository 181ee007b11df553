"""Figure functions of xbec.figures.paper (Figs. 1–4): structure, not pixels.

For the paper's parameters and for an alternative set, each function returns a
matplotlib Figure with the expected axes labels, lines and shaded λ band; the
curves carry the model's numbers; save() writes a PNG and an SVG.
"""

from __future__ import annotations

import numpy as np
import pytest

matplotlib = pytest.importorskip("matplotlib", reason="matplotlib not installed (plot/book extra)")
matplotlib.use("Agg")

from matplotlib.figure import Figure  # noqa: E402
from matplotlib.patches import Ellipse, FancyArrowPatch, FancyBboxPatch  # noqa: E402

import xbec  # noqa: E402
from xbec.figures import paper as plotting  # noqa: E402
from xbec.figures import save  # noqa: E402
from xbec.figures.style import title_of  # noqa: E402
from xbec.replication.numerics import decentralized_allocation, lambda_grid  # noqa: E402

PAPER = xbec.HorizontalParams()
ALTERNATIVE = xbec.HorizontalParams(beta=300.0, c=20.0)
NO_BAND = xbec.HorizontalParams(K=3000.0)  # contract rejected: no acceptable λ
VPAPER = xbec.VerticalParams()
VFIVE = xbec.VerticalParams(
    mu=(1600.0, 2000.0, 2300.0, 2200.0, 2100.0),
    phi=(20.0, 15.0, 8.0, 12.0, 10.0),
    theta=(0.7, 0.5, 0.4, 0.6, 0.5),
)
GRID = lambda_grid(0.71, 0.88, 0.01)


def _labelled_lines(ax):
    return [ln for ln in ax.get_lines() if not ln.get_label().startswith("_")]


def _bands(ax):
    return [p for p in ax.patches if "acceptable" in p.get_label()]


def test_alliance_diagram_has_every_member_and_the_cloud():
    fig = plotting.alliance_diagram()
    assert isinstance(fig, Figure)
    (ax,) = fig.axes
    text = " ".join(t.get_text() for t in ax.texts)
    for member in ("Manufacturers", "Cross-border e-commerce", "Domestic logistics",
                   "International carrier", "Foreign logistics", "Consumers abroad",
                   "Cloud platform", "alliance database", "Horizontal alliance", "Vertical alliance"):
        assert member in text, member
    assert sum(isinstance(p, FancyBboxPatch) for p in ax.patches) >= 6
    assert any(isinstance(p, Ellipse) for p in ax.patches)
    assert sum(isinstance(p, FancyArrowPatch) for p in ax.patches) >= 10
    legend = ax.get_legend()
    labels = [t.get_text() for t in legend.get_texts()]
    for flow in ("logistics flow", "information flow", "capital flow", "business flow"):
        assert flow in labels
    assert "Four-flow" in legend.get_title().get_text()


@pytest.mark.parametrize("params", [PAPER, ALTERNATIVE], ids=["paper", "alternative"])
def test_horizontal_profits(params):
    fig = plotting.horizontal_profits(params, marks=GRID)
    assert isinstance(fig, Figure)
    (ax,) = fig.axes
    assert "lambda" in ax.get_xlabel() and "pi" in ax.get_ylabel()
    lines = _labelled_lines(ax)
    assert len(lines) == 6
    labels = " ".join(ln.get_label() for ln in lines)
    for part in ("pi_1(\\lambda)", "pi_2(\\lambda)", "pi_1^*", "pi_2^*", "centralised"):
        assert part in labels
    band = xbec.acceptable_lambda(params)
    (shade,) = _bands(ax)
    # axvspan gives a Rectangle (matplotlib >= 3.9) or a Polygon: x in data units either way
    x = shade.get_patch_transform().transform(shade.get_path().vertices)[:, 0]
    assert np.isclose(x.min(), band.lo) and np.isclose(x.max(), band.hi)
    # the curves are the model's numbers, and the marks sit on Table 1's grid
    lam, y = lines[0].get_data()
    r = xbec.revenue_sharing(params, np.asarray(lam))
    np.testing.assert_allclose(y, r.pi_platform)
    assert np.isin(np.round(GRID, 12), np.round(lam, 12)).all()
    dec = xbec.decentralized(params)
    assert np.isclose(lines[3].get_ydata()[0], dec.pi_platform)
    assert np.isclose(lines[5].get_ydata()[0], xbec.centralized(params).pi_total)


def test_horizontal_profits_without_band_has_no_shading():
    fig = plotting.horizontal_profits(NO_BAND)
    (ax,) = fig.axes
    assert _bands(ax) == []
    assert len(_labelled_lines(ax)) == 6


@pytest.mark.parametrize(
    "params,vparams", [(PAPER, VPAPER), (ALTERNATIVE, VPAPER), (PAPER, VFIVE)],
    ids=["paper", "alternative", "five-members"],
)
def test_vertical_allocations(params, vparams):
    fig = plotting.vertical_allocations(params, vparams, marks=GRID)
    (ax,) = fig.axes
    assert "lambda" in ax.get_xlabel() and "x_i" in ax.get_ylabel()
    lines = _labelled_lines(ax)
    n = vparams.n
    assert len(lines) == 2 * n
    lam, y = lines[0].get_data()
    V = xbec.revenue_sharing(params, np.asarray(lam)).pi_platform
    np.testing.assert_allclose(y, xbec.model.vertical.allocate(vparams, V)[:, 0])
    base = decentralized_allocation(params, vparams)
    for i in range(n):
        assert np.isclose(lines[n + i].get_ydata()[0], base[i])
    assert len(_bands(ax)) <= 1


def test_vertical_allocations_names_length_checked():
    with pytest.raises(xbec.ModelDomainError):
        plotting.vertical_allocations(PAPER, VPAPER, names=["a", "b"])


@pytest.mark.parametrize("params", [PAPER, ALTERNATIVE], ids=["paper", "alternative"])
def test_service_and_demand(params):
    fig = plotting.service_and_demand(params, marks=GRID)
    ax_s, ax_d = fig.axes
    assert "service" in ax_s.get_ylabel() and "$s$" in ax_s.get_ylabel()
    assert "demand" in ax_d.get_ylabel() and "$D$" in ax_d.get_ylabel()
    dec, cen = xbec.decentralized(params), xbec.centralized(params)
    for ax, attr, d, c in ((ax_s, "s", dec.s, cen.s), (ax_d, "demand", dec.demand, cen.demand)):
        assert "lambda" in ax.get_xlabel()
        lines = _labelled_lines(ax)
        assert len(lines) == 3
        lam, y = lines[0].get_data()
        np.testing.assert_allclose(y, getattr(xbec.revenue_sharing(params, np.asarray(lam)), attr))
        assert np.isclose(lines[1].get_ydata()[0], d)
        assert np.isclose(lines[2].get_ydata()[0], c)
        assert len(_bands(ax)) == 1


def test_curve_lambda_skips_the_singular_share():
    # b2^2 > b1 gamma1: eq (10) is singular at lam = b1 gamma1 / b2^2 = 0.554
    params = xbec.HorizontalParams(b2=1.9)
    pole = params.b1 * params.gamma1 / params.b2**2
    # right of the pole the formulas give a member a loss: no outcome it would sign, no curve (issue 17);
    # only λ = 1 (the centralised outcome, π2 = 0) remains
    right = xbec.revenue_sharing(params, np.linspace(pole + 0.01, 0.99, 20))
    assert np.all(np.minimum(right.pi_platform, right.pi_manufacturer) < 0)
    lam, idx = plotting.curve_lambda(params, marks=GRID)
    assert lam.tolist() == [1.0] and idx.size == 0  # none of the table's grid
    fig = plotting.horizontal_profits(params, marks=GRID)
    lo, hi = fig.axes[0].get_ylim()
    assert np.isfinite(lo) and np.isfinite(hi)


def test_save_writes_png_and_svg(tmp_path):
    fig = plotting.horizontal_profits(PAPER)
    png, svg = save(fig, tmp_path / "out", "fig2_horizontal")
    assert png == tmp_path / "out" / "fig2_horizontal.png"
    assert png.read_bytes().startswith(b"\x89PNG")
    assert svg.suffix == ".svg" and b"<svg" in svg.read_bytes()[:2000]


def _figure_builders():
    """A builder of one figure for every figure function of xbec.figures (paper, beyond, contracts)."""
    from xbec import beyond as an
    from xbec.figures import beyond as ap
    from xbec.figures import contracts as cp
    from xbec.model import contracts as C

    beta, r = np.linspace(0, 0.95, 8), np.linspace(0, 1, 9)
    return {
        "fig1": lambda: plotting.alliance_diagram(),
        "fig2": lambda: plotting.horizontal_profits(PAPER, marks=GRID),
        "fig3": lambda: plotting.vertical_allocations(PAPER, VPAPER, marks=GRID),
        "fig4": lambda: plotting.service_and_demand(PAPER, marks=GRID),
        "band": lambda: ap.band_map_figure(
            an.band_map(PAPER, "b2", np.linspace(0, 2, 6), "gamma1", np.linspace(0.5, 3, 5))
        ),
        "contracts": lambda: ap.contracts_figure(PAPER, np.linspace(0.3, 1.0, 20)),
        "alloc": lambda: ap.allocations_figure(
            an.compare_allocations(
                float(xbec.revenue_sharing(PAPER, 0.8).pi_platform), VPAPER.mu, VPAPER.F, pair_factor=0.5
            )
        ),
        "thresholds": lambda: cp.plot_thresholds(0.6, beta, C.thresholds(0.6, beta)),
        "choice": lambda: cp.plot_choice_map(
            0.6, beta, r, C.choice_grid(0.6, beta[None, :], r[:, None]), C.thresholds(0.6, beta)
        ),
        "eqmap": lambda: cp.plot_equilibrium_map(C.equilibrium_map(np.linspace(0.1, 1, 6), beta)),
    }


FIGURES = tuple(_figure_builders())


@pytest.mark.parametrize("name", ["fig1", "fig2", "band", "choice"])
def test_save_is_byte_for_byte_deterministic(tmp_path, name):
    """Two saves of a figure (fresh figures, other folders) give identical PNG and SVG bytes.

    One figure of each kind: a diagram (patches, text), line charts with bands, a map with a colour bar
    and an image. Every figure of every chapter is compared across two runs by ``make test-run``
    (tests/rerun/test_chapters.py::test_same_bytes_twice).
    """
    build = _figure_builders()[name]
    a = save(build(), tmp_path / "a", name)
    b = save(build(), tmp_path / "b", name)
    for pa, pb in zip(a, b):
        assert pa.read_bytes() == pb.read_bytes(), pa.name
    svg = a[1].read_text()
    assert "<dc:date>" not in svg and "Matplotlib v" not in svg, name
    assert b"Software" not in a[0].read_bytes()[:400] and b"matplotlib" not in a[0].read_bytes()[:400].lower()


@pytest.mark.parametrize("name", FIGURES)
def test_every_chart_has_a_title(name):
    """Every chart carries a title; Fig. 1 (a diagram) is captioned in its chapter instead."""
    title = title_of(_figure_builders()[name]())
    assert (title == "") if name == "fig1" else title.strip(), name


def test_save_refuses_a_path_as_stem(tmp_path):
    fig = Figure()
    fig.add_subplot().plot([0, 1])
    for stem in ("", "../up", "a/b", ".."):
        with pytest.raises(ValueError, match="plain file name"):
            save(fig, tmp_path, stem)
    assert list(tmp_path.iterdir()) == []


def test_one_list_of_member_names():
    from xbec.model.vertical import MEMBER_NAMES, member_names

    assert xbec.MEMBER_NAMES is MEMBER_NAMES and member_names(4) == MEMBER_NAMES
    assert member_names(5) == tuple(f"member {i}" for i in range(1, 6))
    fig = plotting.vertical_allocations(PAPER, VPAPER)
    labels = [ln.get_label() for ln in _labelled_lines(fig.axes[0])]
    assert all(any(name in lab for lab in labels) for name in MEMBER_NAMES)


def test_figures_registry_in_paper_order():
    assert list(plotting.FIGURES) == ["fig1_alliance", "fig2_horizontal", "fig3_vertical", "fig4_service_demand"]
