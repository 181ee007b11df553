"""The built book's files, read without a browser (after `make book`; skipped before).

- every <img> has alt text that says something, every figure a caption;
- every page links the whole-book PDF, which exists and is a PDF;
- every notebook page's ".ipynb" download is the executed notebook (it has
  outputs), not the committed one (which has none);
- the explorer page loads its scripts from the book (no CDN) and stays under 5 MB
  with everything it loads;
- the dark-mode stylesheet gives images an opaque background.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HTML = ROOT / "_build" / "html"

if not (HTML / "index.html").is_file():
    pytest.skip("book not built: run `make book`", allow_module_level=True)

PAGES = sorted(p for p in HTML.glob("*/*.html") if p.parent.name in ("book", "notebooks"))


class _Figures(HTMLParser):
    """<img> attributes and, per <figure>, the text of its <figcaption>."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.images: list[dict[str, str | None]] = []
        self.figures: list[str] = []
        self._in_figure = 0
        self._in_caption = 0
        self._caption: list[str] = []
        self.links: list[str] = []
        self.scripts: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "img":
            self.images.append(a)
        elif tag == "figure":
            self._in_figure += 1
            self._caption = []
        elif tag == "figcaption" and self._in_figure:
            self._in_caption += 1
        elif tag == "a" and a.get("href"):
            self.links.append(a["href"])
        elif tag == "script" and a.get("src"):
            self.scripts.append(a["src"])

    def handle_endtag(self, tag):
        if tag == "figcaption" and self._in_caption:
            self._in_caption -= 1
        elif tag == "figure" and self._in_figure:
            self._in_figure -= 1
            self.figures.append(" ".join("".join(self._caption).split()))

    def handle_data(self, data):
        if self._in_caption:
            self._caption.append(data)


def _parse(path: Path) -> _Figures:
    p = _Figures()
    p.feed(path.read_text(encoding="utf-8"))
    return p


def test_pages_found():
    assert len(PAGES) >= 10, PAGES


@pytest.mark.parametrize("page", PAGES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_image_has_alt_text_and_every_figure_a_caption(page):
    parsed = _parse(page)
    for img in parsed.images:
        alt = (img.get("alt") or "").strip()
        assert len(alt.split()) >= 3, f"{page.name}: <img src={img.get('src')!r}> has no alt text that says what it shows"
        assert not re.fullmatch(r"(?i)(image|figure|png|_images/.*|.*\.png)", alt), (page.name, alt)
    for caption in parsed.figures:
        assert len(caption.split()) >= 3, f"{page.name}: a figure without a caption ({caption!r})"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_page_links_the_whole_book_pdf(page):
    links = _parse(page).links
    assert "../xbec.pdf" in links, f"{page.name}: no link to the whole-book PDF"


def test_the_pdf_exists():
    pdf = HTML / "xbec.pdf"
    assert pdf.is_file(), "no _build/html/xbec.pdf (make pdf)"
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF-")
    assert len(re.findall(rb"/Type\s*/Page[^s]", data)) >= 20


@pytest.mark.parametrize("page", sorted((HTML / "notebooks").glob("*.html")), ids=lambda p: p.stem)
def test_notebook_download_is_the_executed_notebook(page):
    html = page.read_text(encoding="utf-8")
    href = f"../_sources/notebooks/{page.stem}.ipynb"
    assert href in html, f"{page.name}: no download link to {href}"
    nb = json.loads((HTML / "_sources" / "notebooks" / f"{page.stem}.ipynb").read_text(encoding="utf-8"))
    outputs = [o for c in nb["cells"] if c["cell_type"] == "code" for o in c.get("outputs", [])]
    assert outputs, f"{page.stem}.ipynb offered for download has no outputs (not the executed notebook)"


def test_explorer_page_is_self_contained_and_small():
    page = HTML / "notebooks" / "explorer.html"
    if not page.is_file():
        pytest.skip("no explorer page in this build")
    parsed = _parse(page)
    total = page.stat().st_size
    for src in parsed.scripts:
        assert "://" not in src, f"explorer loads a script from another host: {src}"
        total += (page.parent / src.split("?")[0]).resolve().stat().st_size
    bokeh = [s for s in parsed.scripts if "/bokeh/" in s]
    assert bokeh, "explorer does not load BokehJS from the book"
    assert total < 5_000_000, f"explorer page and its scripts weigh {total / 1e6:.2f} MB (limit 5 MB)"


def test_dark_mode_gives_images_an_opaque_background():
    css = (HTML / "_static" / "xbec-publish.css").read_text(encoding="utf-8")
    assert re.search(r'html\[data-theme="dark"\][^{]*img[^{]*\{[^}]*background:\s*#ffffff', css)
    for page in PAGES:
        assert "_static/xbec-publish.css" in page.read_text(encoding="utf-8"), page.name
