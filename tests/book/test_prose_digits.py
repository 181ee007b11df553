"""No number typed by hand in the book's prose or figure alt text (issue 18 item 4).

Every notebook's Markdown cells (figure ``:alt:`` text included) and every
``book/*.md`` page are scanned for digits outside the places where a digit is
not a computed number: glue roles and directives, maths (``$…$``, ``$$…$$``,
``{math}``), citations, equation / section / table / figure / proposition
numbers (§5.1, eq (10), eqs (8)–(10), {eq}`eq10`, Table 1, Fig. 2), years,
inline code and link targets, and the short :data:`ALLOWED` list.

While the chapter helpers rewrite the notebooks (issue 15/18), the per-file
test fails on every page that still types numbers by hand; the message lists
the offending snippets. The scanner's own tests below must always pass.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
PAGES = sorted((ROOT / "book").glob("*.md"))

#: Phrases whose digits are names, not numbers (keep short; each needs a reason).
ALLOWED = (
    "Jupyter Book 1",  # the tool's major version
    "CC BY 4.0",  # the licence's name
    "UTF-8",  # an encoding's name
    "2-core",  # the CI machine, named in the README-style notes
    "Frontiers*, 2(1), 44–57",  # the paper's volume, issue and pages (a citation)
    "Citation File Format 1.2.0",  # a format's version
    "Creative Commons Attribution 4.0",  # the licence's name
)

_SPANS = [
    r"```.*?```",  # fenced code / directives' bodies are scanned separately for :alt:
    r"\$\$.*?\$\$",
    r"\$[^$\n]+\$",
    r"\{(?:glue|glue:text|glue:md|glue:any|glue:figure|math|eq|numref|ref|doc|cite|cite:p|cite:t|cite:ps|cite:ts|"
    r"download|term|py:[a-z]+)\}`[^`]*`",
    r"`[^`\n]*`",  # inline code: commands, identifiers, file names
    r"\]\([^)]*\)",  # link targets
    r"<[^>\n]*>",  # HTML tags and autolinks
    r"\(\w[\w-]*\)=",  # MyST labels
    r"\[\^?\d+(?:[-–,]\s*\d+)*\]",  # numeric citations [11], [3-4], footnotes [^1]
    r"(?m)^\s*\d+\.\s",  # ordered-list markers
    r"\(\d{1,2}\)",  # index labels: member (1), equation (6)
    r"\b[A-Za-z_]+\d+\w*",  # identifiers: b2, gamma1, x_3 (a typesetting matter, not a number)
]
_NUMBERED = (
    r"(?:§\s?\d+(?:\.\d+)*(?:\s?[-–]\s?§?\d+(?:\.\d+)*)?)"  # §5.1, §5.3.2, §3–4
    r"|(?:\b(?:eqs?\.?|equations?|Eqs?\.?|Equations?)\s?\(?\d+\)?(?:\s?(?:[-–,]|and|to)\s?\(?\d+\)?)*)"  # eq (10)
    r"|(?:\b(?:Tables?|Figs?\.?|Figures?|Propositions?|Lemmas?|Assumptions?|Sections?|Chapters?|"
    r"Items?|items?|Issues?|issues?|steps?|Steps?|rows?|columns?|panel|[Pp]layers?|[Ss]uppliers?|[Mm]embers?|[Ss]tages?)[\s-]?\d+(?:\s?(?:[-–,]|and|to)\s?\d+)*)"
    r"|(?:\b(?:1[89]|20)\d\d[a-z]?\b)"  # years
)


def markdown_of_notebook(path: Path) -> str:
    """The Markdown cells of a notebook, joined."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return "\n\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")


def _alt_texts(text: str) -> list[str]:
    return re.findall(r"^:alt:(.*)$", text, flags=re.M)


def stray_digits(text: str) -> list[str]:
    """Snippets of ``text`` (prose and figure alt text) with a digit outside the allowed places."""
    alts = _alt_texts(text)
    text = re.sub(r"^:[\w-]+:.*$", "", text, flags=re.M)  # directive options (alt text handled below)
    text = "\n".join([text, *alts])
    for phrase in ALLOWED:  # a line break may fall inside the phrase
        text = re.sub(r"\s+".join(map(re.escape, phrase.split())), " ", text)
    for pattern in _SPANS:
        text = re.sub(pattern, " ", text, flags=re.S)
    text = re.sub(_NUMBERED, " ", text)
    text = re.sub(r"^#+ .*$", lambda m: re.sub(r"\b\d+(?:\.\d+)*\b", " ", m.group(0)), text, flags=re.M)
    return [
        text[max(0, m.start() - 30) : m.end() + 30].replace("\n", " ") for m in re.finditer(r"\d+(?:[.,/]\d+)*", text)
    ]


# -- the scanner itself ------------------------------------------------------


@pytest.mark.parametrize(
    "allowed",
    [
        "At $\\lambda = 0.8$ the band is {glue:text}`lo:.2f` to {glue:text}`hi:.2f`.",
        "As §5.3.2 and eq (10) say (eqs (8)–(10), {eq}`eq10`, Table 1, Fig. 2, Proposition 1), see [11].",
        "Zennyo (2020) {cite}`zennyo2020`; run `xbec run --param beta=300`; [page](page2.md).",
        "$$\\pi = 5390$$ and ```{glue:figure} fig4\n:width: 80%\n```",
        "```{figure} outputs/fig2.png\n:name: fig-2\n:alt: Curves of the band's ends {glue:text}`x:.2f`\n```",
    ],
)
def test_scanner_allows(allowed):
    assert stray_digits(allowed) == []


@pytest.mark.parametrize(
    "typed",
    [
        "The platform earns 2304.54 under decentralised decisions.",
        "in the core at λ = 0.8, near 0.74",
        "```{glue:figure} f\n:alt: upper ends rise from 0.75 to 1 at rho = 1/2\n```",
        "about 0.78 up to t = 0.5",
    ],
)
def test_scanner_flags_typed_numbers(typed):
    assert stray_digits(typed)


# -- the book ----------------------------------------------------------------


@pytest.mark.parametrize("path", NOTEBOOKS + PAGES, ids=lambda p: p.name)
def test_no_number_typed_by_hand(path):
    text = markdown_of_notebook(path) if path.suffix == ".ipynb" else path.read_text(encoding="utf-8")
    stray = stray_digits(text)
    assert not stray, f"{path.name}: {len(stray)} typed number(s), e.g. {stray[:5]}"
