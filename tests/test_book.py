"""xbec.book, the display helpers of the notebooks: values and structure of what they show."""

from __future__ import annotations

import math

import pytest

import xbec
from xbec import book

pd = pytest.importorskip("pandas")
sp = pytest.importorskip("sympy")

PAPER = xbec.HorizontalParams()


def _rows(md: str) -> list[list[str]]:
    """The cells of a pipe table, header first, without the separator line."""
    lines = [ln for ln in md.strip().splitlines() if ln.startswith("|")]
    assert set(lines[1].replace("|", "")) == {"-"}
    return [[c.strip() for c in ln.strip().strip("|").split(" | ")] for ln in [lines[0], *lines[2:]]]


def test_md_and_html_render_as_themselves():
    assert book.Md("*a*")._repr_markdown_() == "*a*"
    assert book.Html("<b>a</b>")._repr_html_() == "<b>a</b>"


def test_table_formats_columns_and_escapes_pipes():
    frame = pd.DataFrame({"x": [1.23456, math.nan], "y": ["$|a|$", None], "n": [3, 4]})
    md = book.table(frame, {"x": ".2f"})
    assert isinstance(md, book.Md)
    assert _rows(md) == [["x", "y", "n"], ["1.23", "$\\|a\\|$", "3"], ["", "", "4"]]


def test_table_with_index():
    frame = pd.DataFrame({"v": [1.0, 2.0]}, index=pd.Index(["a", "b"], name="k"))
    assert _rows(book.table(frame, {"v": ".1f"}, index=True)) == [["k", "v"], ["a", "1.0"], ["b", "2.0"]]


def test_compare_shows_the_ledger_rows():
    rows = xbec.ledger(PAPER, section="§5.1")
    cells = _rows(book.compare(rows))
    assert cells[0] == ["", "page (exact)", "paper", "difference", "ledger status", "note"]
    assert len(cells) == len(rows) + 1
    for r, line in zip(rows, cells[1:]):
        assert line[0] == r.label and line[2] == r.paper and line[4] == r.status
        assert float(line[1]) == pytest.approx(r.reproduced, abs=5e-5)
        assert float(line[3]) == pytest.approx(r.diff, abs=5e-5)
    assert _rows(book.compare(rows, value="this run"))[0][1] == "this run"


def test_errata_one_entry_per_row_with_its_verdict():
    rows = [e for e in xbec.errata() if e.key in ("prop1-b3", "pi2-lambda")]
    md = book.errata(rows)
    assert [ln.split("`")[1] for ln in md.splitlines() if ln.startswith("`")] == [e.key for e in rows]
    assert md.count("Verified: **yes**") == sum(e.holds for e in rows)
    assert md.count("Verified: **no**") == sum(not e.holds for e in rows)
    assert all(e.corrected in md for e in rows)


def test_equations_is_one_aligned_block_of_the_sympy_forms():
    x, y = sp.symbols("x y")
    md = book.equations({"f": x**2 / y, "g": "1"})
    lines = md.strip().splitlines()
    assert lines[0] == "$$" and lines[-1] == "$$"
    assert lines[1] == "\\begin{aligned}" and lines[-2] == "\\end{aligned}"
    assert lines[2] == f"f &= {sp.latex(x**2 / y)} \\\\" and lines[3] == "g &= 1"


def test_on_paper_and_paper_note():
    assert book.on_paper(PAPER) and book.on_paper(PAPER, xbec.VerticalParams()) and book.on_paper()
    other = PAPER.replace(beta=300)
    assert not book.on_paper(other)
    assert not book.on_paper(PAPER, xbec.VerticalParams(phi=(10.0, 15.0, 8.0, 12.0)))
    assert book.paper_note(PAPER) == ""
    assert isinstance(book.paper_note(other), book.Md) and book.paper_note(other) != ""


def test_out_dir_creates(tmp_path):
    path = book.out_dir(tmp_path / "a" / "b")
    assert path.is_dir() and path == tmp_path / "a" / "b"


def test_figure_saves_png_and_svg_and_returns_nothing(tmp_path):
    pytest.importorskip("myst_nb")
    plt = pytest.importorskip("matplotlib.pyplot")
    fig, ax = plt.subplots()
    ax.plot([0, 1], [0, 1])
    assert book.figure(fig, tmp_path, "line") is None
    assert (tmp_path / "line.png").stat().st_size > 0 and (tmp_path / "line.svg").stat().st_size > 0


def test_glue_returns_nothing():
    pytest.importorskip("myst_nb")
    import numpy as np

    assert book.glue({"a": np.float64(1.5)}, b=book.Md("$x$"), c=np.int64(2)) is None
