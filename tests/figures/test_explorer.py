"""xbec.figures.explorer: the explorer page's numbers are the model's, case by case."""

from __future__ import annotations

import json

import numpy as np
import pytest

import xbec
from xbec.figures import explorer
from xbec.replication.numerics import decentralized_allocation, table1, table2, vertical_acceptable_lambda

SMALL = {"beta": (150.0, 200.0), "b2": (1.0, 1.5), "gamma1": (0.5, 1.0), "c": (10.0,)}


@pytest.fixture(scope="module")
def data():
    return explorer.explorer_data(grid=SMALL)


def test_cases_in_row_major_order_and_invalid_ones_say_why(data):
    assert len(data["cases"]) == 2 * 2 * 2 * 1
    for values in [(150.0, 1.0, 0.5, 10.0), (200.0, 1.5, 1.0, 10.0)]:
        pos = dict(zip(SMALL, values))
        case = data["cases"][explorer._index(data, pos)]
        assert case["valid"]
        params = xbec.HorizontalParams().replace(**pos)
        assert case["dec"][0] == pytest.approx(xbec.decentralized(params).pi_platform, abs=0.006)
    # b2 = 1.5, gamma1 = 0.5: 2*b1*gamma1 - b2**2 = 2 - 2.25 < 0
    bad = data["cases"][explorer._index(data, {"beta": 150, "b2": 1.5, "gamma1": 0.5, "c": 10})]
    assert bad == {"valid": False, "note": bad["note"]}
    assert "concavity" in bad["note"] and "b2=1.5" in bad["note"]


def test_paper_case_matches_table1_table2_and_the_bands(data):
    case = data["cases"][explorer._index(data, {"beta": 200, "b2": 1.0, "gamma1": 1.0, "c": 10})]
    params, vparams = xbec.HorizontalParams(), xbec.VerticalParams()
    lam = np.asarray(data["lambda"])
    t1, t2 = table1(params, lam), table2(params, vparams, lam)
    for col in explorer.TABLE1_COLUMNS:
        np.testing.assert_allclose(case["table"][col], t1[col], atol=0.006)
    for i in range(vparams.n):
        np.testing.assert_allclose(case["x"][i], t2[f"x{i + 1}"], atol=0.006)
    band = xbec.acceptable_lambda(params)
    assert case["band"] == pytest.approx([band.lo, band.hi], abs=6e-5)
    vband = vertical_acceptable_lambda(params, vparams)
    assert case["vband"] == pytest.approx([vband.lo, vband.hi], abs=6e-5)
    assert case["cen"] == pytest.approx(xbec.centralized(params).pi_total, abs=0.006)
    np.testing.assert_allclose(case["x_dec"], decentralized_allocation(params, vparams), atol=0.006)


def test_no_band_is_reported_not_invented():
    # a large unit cost on a small market: revenue sharing is accepted nowhere
    params = xbec.HorizontalParams(beta=100.0, b2=0.0, gamma1=0.5, c=30.0)
    try:
        xbec.acceptable_lambda(params)
        expected_none = False
    except xbec.ModelDomainError:
        expected_none = True
    case = explorer.explorer_case(params, xbec.VerticalParams())
    assert (case["band"] is None) == expected_none
    if expected_none:
        assert case["band_note"].startswith("no lam in (0, 1]")


def test_lambda_without_outcome_is_null_not_nan():
    # b1*gamma1 - lam*b2**2 = 0 at lam = 0.6 (eq 10 singular there)
    # (issue 17) next to the pole the formulas return outcomes with a member's profit < 0: no outcome
    params = xbec.HorizontalParams(b1=0.6, b2=1.0, gamma1=1.0)
    case = explorer.explorer_case(params, xbec.VerticalParams(), np.array([0.6, 0.7]))
    assert case["table"]["p"][0] is None
    near = xbec.revenue_sharing(params, 0.7)
    assert min(near.pi_platform, near.pi_manufacturer) < 0 and case["table"]["p"][1] is None
    paper = xbec.HorizontalParams()
    case = explorer.explorer_case(paper, xbec.VerticalParams(), np.array([0.7, 0.8]))
    assert case["table"]["p"][1] == pytest.approx(xbec.revenue_sharing(paper, 0.8).p, abs=0.006)
    json.dumps(case, allow_nan=False)  # no NaN anywhere


def test_full_grid_fits_the_page_budget():
    data = explorer.explorer_data()
    assert explorer.data_size(data) < 1_600_000
    assert any(not c["valid"] for c in data["cases"])
    assert any(c["valid"] and c["band"] is None for c in data["cases"])


def test_html_fragment_loads_bokeh_from_the_book(data):
    pytest.importorskip("bokeh", reason="bokeh not installed (book extra)")
    html = explorer.explorer_html(data, js_prefix="../_static/bokeh/")
    assert '<script src="../_static/bokeh/bokeh.min.js"></script>' in html
    assert "://cdn" not in html and "http://" not in html.split("<div", 1)[0]
    assert "Acceptable band" in html and "Table 1" in html
    for path in explorer.bokeh_js_files():
        assert path.is_file()


def test_explorer_html_is_the_same_bytes_in_two_processes():
    """Bokeh's random document and element UUIDs are replaced by ones derived from the content."""
    import re
    import subprocess
    import sys

    pytest.importorskip("bokeh")

    code = f"from xbec.figures import explorer as e; print(e.explorer_html(e.explorer_data(grid={SMALL!r})))"
    a, b = (
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
        for _ in range(2)
    )
    assert a == b
    uuids = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
    assert len(set(re.findall(uuids, a))) >= 2  # the document and its root element, still distinct
