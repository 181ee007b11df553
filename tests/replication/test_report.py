"""Markdown helpers of the notebooks."""

from xbec.replication.report import esc, md_table, yes


def test_esc_escapes_markdown_specials():
    assert esc("p^{1*} | a_b $x$") == "p^{1\\*} \\| a\\_b \\$x\\$"


def test_md_table_shape():
    text = md_table(["a", "b"], [(1, 2), ("x", "y")])
    assert text.splitlines() == ["| a | b |", "|---|---|", "| 1 | 2 |", "| x | y |"]


def test_yes():
    assert yes(True) == "✔ yes" and "no" in yes(False)


def test_compare_table_and_verdict():
    from xbec.replication import paper
    from xbec.replication.ledger import STATUSES, LedgerRow
    from xbec.replication.report import compare_table, ledger_verdict

    printed = [dict(zip(paper.TABLE1_COLUMNS, row)) for row in paper.TABLE1[:2]]
    ours = {"w": [16.68, 16.60]}
    lines = compare_table(printed, ours, [("w", "$w$")]).splitlines()
    assert lines[0] == "| $\\lambda$ | $w$ | paper | diff. |"
    assert lines[2] == "| 0.71 | 16.68 | 16.68 | +0.000 |"
    assert lines[3] == "| 0.73 | 16.60 | 16.61 | -0.010 |"
    rows = [LedgerRow("a", "1", 1.0, 0.0, "reproduced", ""),
            LedgerRow("Table 1, lambda=0.71, pi*", "2", 2.1, 0.1, "rounding", "why pi_1^*")]
    text = ledger_verdict(rows, STATUSES)
    assert text.startswith("Of the 2 printed cells, 1 are reproduced")
    assert "0 are reconstructed" in text and text.count(" and ") == 1
    assert "- Table 1, $\\lambda = 0.71$, $\\pi^*$: why $\\pi_1^*$" in text
