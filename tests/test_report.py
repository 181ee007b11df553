"""Markdown helpers of the notebooks."""

from xbec.report import esc, md_table, yes


def test_esc_escapes_markdown_specials():
    assert esc("p^{1*} | a_b $x$") == "p^{1\\*} \\| a\\_b \\$x\\$"


def test_md_table_shape():
    text = md_table(["a", "b"], [(1, 2), ("x", "y")])
    assert text.splitlines() == ["| a | b |", "|---|---|", "| 1 | 2 |", "| x | y |"]


def test_yes():
    assert yes(True) == "✔ yes" and "no" in yes(False)
