"""The built book, as a reader's browser shows it (headless Chromium).

Run with `make browser-test` after `make book`. Skipped when the book has not
been built (no _build/html), and, in a plain `pytest` run, when Playwright or
/usr/bin/chromium is missing; with XBEC_BROWSER_TEST=1 (set by `make
browser-test`) a missing piece is an error instead.

_build/html is served on 127.0.0.1 by a thread of this process. For every page
of the TOC the test checks that
- MathJax (the book's own copy) typeset every formula: one `mjx-container` per
  Sphinx math node at least, no MathJax error node, no raw TeX (`$$`, `\\(`,
  `\\[`, `\\begin{`, `\\frac`) left in the text outside code;
- every <img> loaded (naturalWidth > 0);
- the page made no request to any host other than the local server (and none
  failed, and none answered >= 400), and threw no JavaScript error;
- no notebook cell shows an error traceback, and every glued value
  (`pasted-text` / `pasted-inline` elements) is non-empty;
- every link into the book points to a file that exists;
- the browser console logged no error (e.g. "Got invalid theme mode");
- no absolute path of the build machine (/home/…, /work/…, /tmp/…, .venv/bin)
  in the text or the outputs, and no launch repository (Binder, thebe's
  default binder-examples/jupyter-stacks-datascience, Colab) in the page;
- typeset: no raw maths outside MathJax (`$…$`, `\\gamma`, `^{…}`, `_{…}`,
  `pi_1^*`-style names) in the prose or the outputs, no repr noise
  (`PosixPath(`, `<Figure size`, `<matplotlib…`, `<… object at 0x…>`) in the
  outputs, and no display equation wider than its column.
It saves the first screen of each page as _build/screenshots/<page>.png and the
whole page as _build/screenshots/<page>-full.png.

The explorer page: moving its sliders (keyboard on the slider handles, as a
reader would) changes the band, Table 1's row and Fig. 2's curve, a parameter
set without an outcome says so, no request leaves the host and everything the
page loads stays under 5 MB (screenshot explorer-moved.png).

The PDF (_build/pdf/xbec.pdf): no link to a local server, an outline naming
every part and chapter, no blank page, the API reference at most 10 % of it.

Dark mode: every chapter opened in the theme's dark mode gives each image an
opaque white background (screenshots <page>-dark.png).
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
HTML = ROOT / "_build" / "html"
SHOTS = ROOT / "_build" / "screenshots"
CHROMIUM = os.environ.get("XBEC_CHROMIUM", "/usr/bin/chromium")
REQUIRED = os.environ.get("XBEC_BROWSER_TEST") == "1"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-default-apps", "--disable-extensions",
]
RAW_TEX = [r"\$\$", r"\\\(", r"\\\)", r"\\\[", r"\\\]", r"\\begin\{", r"\\frac\b", r"\\mathrm\b"]
# Maths a reader should never see untypeset (issue 15 item 6), in prose and outputs.
RAW_MATHS = [
    (r"\$[^$\s][^$\n]{0,80}?\$", "raw $…$"),
    (r"\\(?:alpha|beta|gamma|delta|epsilon|kappa|lambda|mu|pi|rho|sigma|omega|theta|cdot|le|ge|leq|geq|"
     r"sum|prod|text|left|right|infty|partial|times)\b", "TeX command"),
    (r"\^\{", "TeX superscript ^{…}"),
    (r"(?<![\w/])[A-Za-z]+_\{", "TeX subscript _{…}"),
    (r"\b[A-Za-z]+_?[0-9]*\^\*", "ASCII maths name like pi_1^*"),
]
REPR_NOISE = [r"PosixPath\(", r"WindowsPath\(", r"<Figure size", r"<matplotlib\b", r"<Axes\b",
              r"<[\w.]+ object at 0x[0-9a-f]+>", r"<bound method "]
ABSOLUTE_PATH = re.compile(r"(?<![\w.:/])(?:/(?:home|root|tmp|work|usr|opt|var|mnt|srv|Users)/[\w.+-]+|[A-Z]:\\\\Users)"
                           r"|\.venv/bin\b")
LAUNCH_REPOSITORY = re.compile(r"binder-examples|jupyter-stacks-datascience|mybinder\.org|colab\.research\.google|"
                               r"x-thebe-config|binderOptions", re.I)


def _skip_or_fail(reason: str):
    if REQUIRED:
        pytest.fail(reason, pytrace=False)
    pytest.skip(reason, allow_module_level=True)


if not (HTML / "index.html").is_file():
    _skip_or_fail("book not built: run `make book` (then `make browser-test`)")
try:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import sync_playwright
except ImportError:  # pragma: no cover - depends on the environment
    _skip_or_fail("playwright not installed (the `book` extra installs it)")
if not Path(CHROMIUM).exists():
    _skip_or_fail(f"{CHROMIUM} missing (`make browser-test` installs Debian's chromium)")
yaml = pytest.importorskip("yaml")


def _toc_pages() -> list[str]:
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    pages = [toc["root"]]

    def walk(entries):
        for entry in entries or []:
            if "file" in entry:
                pages.append(entry["file"])
            walk(entry.get("sections"))

    for part in toc.get("parts", []):
        walk(part.get("chapters"))
    walk(toc.get("chapters"))
    return pages


PAGES = _toc_pages()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep pytest's output readable
        pass


@pytest.fixture(scope="module")
def server():
    handler = functools.partial(_QuietHandler, directory=str(HTML))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(scope="module")
def browser():
    # Playwright starts Chromium headless with a new, empty, temporary profile
    # (its own --user-data-dir), removed when the browser closes.
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


class PageLog:
    """Everything a page asked for or complained about while loading."""

    def __init__(self, page, origin: str):
        self.origin = origin
        self.requests: list[str] = []
        self.failed: list[str] = []
        self.bad_status: list[str] = []
        self.js_errors: list[str] = []
        self.console_errors: list[str] = []
        page.on("console", lambda m: m.type == "error" and self.console_errors.append(m.text))
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("requestfailed", lambda r: self.failed.append(f"{r.url} ({r.failure})"))
        page.on("response", lambda r: r.status >= 400 and self.bad_status.append(f"{r.status} {r.url}"))
        page.on("pageerror", lambda e: self.js_errors.append(str(e)))

    def external(self) -> list[str]:
        ok_schemes = ("data:", "blob:", "about:")
        return [u for u in self.requests if not (u.startswith(self.origin + "/") or u.startswith(ok_schemes))]


@pytest.fixture
def context(browser):
    """A fresh browser context (no cache, no cookies) for each test."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    yield ctx
    ctx.close()


def _shot_name(page_file: str) -> str:
    return page_file.replace("/", "__")


def _open(context, url: str, origin: str):
    page = context.new_page()
    log = PageLog(page, origin)
    page.goto(url, wait_until="load", timeout=60_000)
    has_mathjax = page.evaluate("() => !!document.querySelector('script[src*=\"mathjax/\"]')")
    if has_mathjax:
        page.wait_for_function("() => window.MathJax && MathJax.startup && MathJax.startup.promise", timeout=60_000)
        page.evaluate("() => MathJax.startup.promise")
    # Images (including lazy ones further down) have settled.
    page.evaluate("""async () => {
        await Promise.all([...document.images].map(img => img.complete ? null :
            new Promise(res => { img.addEventListener('load', res); img.addEventListener('error', res); })));
    }""")
    page.evaluate("() => document.fonts.ready.then(() => true)")
    try:  # best effort: readiness is MathJax's promise, the images and the fonts
        page.wait_for_load_state("networkidle", timeout=10_000)
    except PlaywrightTimeout:
        pass
    return page, log, has_mathjax


def test_index_redirects_to_the_intro(context, server):
    page = context.new_page()
    page.goto(server + "/index.html", wait_until="load")
    page.wait_for_url(re.compile(r".*/book/intro\.html$"), timeout=30_000)
    page.close()


@pytest.mark.parametrize("page_file", PAGES)
def test_page_renders_offline(context, server, page_file):
    html_file = HTML / f"{page_file}.html"
    assert html_file.is_file(), f"{page_file}: not built"
    page, log, has_mathjax = _open(context, f"{server}/{page_file}.html", server)
    try:
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{_shot_name(page_file)}.png"))
        page.screenshot(path=str(SHOTS / f"{_shot_name(page_file)}-full.png"), full_page=True)

        facts = page.evaluate("""() => {
            const body = document.querySelector('main') || document.body;
            const clone = body.cloneNode(true);
            clone.querySelectorAll('pre, code, script, style, textarea, mjx-container, .highlight')
                 .forEach(e => e.remove());
            return {
                mathNodes: document.querySelectorAll('.math').length,
                mjx: document.querySelectorAll('mjx-container').length,
                mjxErrors: [...document.querySelectorAll('mjx-merror')].map(e => e.textContent),
                text: clone.textContent,
                images: [...document.images].map(i => ({src: i.currentSrc || i.src, ok: i.complete && i.naturalWidth > 0})),
                tracebacks: document.querySelectorAll('.cell_output .output.traceback, .cell_output .output.error').length,
                pasted: [...document.querySelectorAll('.pasted-text, .pasted-inline')].map(e => e.textContent.trim()),
                links: [...document.querySelectorAll('a[href]')].map(a => a.href),
                title: document.title,
                outputs: [...document.querySelectorAll('.cell_output')].map(o => {
                    const c = o.cloneNode(true);
                    c.querySelectorAll('script, style, mjx-container').forEach(e => e.remove());
                    return c.textContent;
                }).join('\\n'),
                code: [...document.querySelectorAll('main pre, main code')].map(e => e.textContent).join('\\n'),
                html: document.documentElement.outerHTML,
                wideMaths: [...document.querySelectorAll('main mjx-container[display="true"]')].map(m => {
                    const math = m.querySelector('mjx-math');
                    const column = (m.closest('.math, div.cell_output, p, li, section') || m.parentElement).clientWidth;
                    return {need: math ? Math.ceil(math.getBoundingClientRect().width) : 0, have: column,
                            tex: (MathJax.startup.document.getMathItemsWithin(m)[0] || {}).math || ''};
                }).filter(x => x.need > x.have + 2),
            };
        }""")

        problems: list[str] = []
        # Maths
        if facts["mathNodes"]:
            if not has_mathjax:
                problems.append(f"{facts['mathNodes']} math nodes but no local MathJax script")
            elif facts["mjx"] < facts["mathNodes"]:
                problems.append(f"MathJax typeset {facts['mjx']} of {facts['mathNodes']} math nodes")
        if facts["mjxErrors"]:
            problems.append(f"MathJax errors: {facts['mjxErrors']}")
        for pattern in RAW_TEX:
            for m in re.finditer(pattern, facts["text"]):
                problems.append(f"raw TeX {m.group(0)!r} in text: …{facts['text'][max(0, m.start()-40):m.end()+40]!r}…")
        # Images
        problems += [f"image not loaded: {i['src']}" for i in facts["images"] if not i["ok"]]
        # Network and scripts
        problems += [f"external request: {u}" for u in log.external()]
        problems += [f"request failed: {u}" for u in log.failed]
        problems += [f"HTTP {s}" for s in log.bad_status if not s.endswith("/favicon.ico")]
        problems += [f"JavaScript error: {e}" for e in log.js_errors]
        problems += [f"console error: {e}" for e in log.console_errors]
        # Leftovers: paths of the build machine, launch repositories
        for where, text in (("text", facts["text"]), ("output", facts["outputs"]), ("code", facts["code"])):
            for m in ABSOLUTE_PATH.finditer(text):
                problems.append(f"absolute path in {where}: …{text[max(0, m.start()-40):m.end()+30]!r}…")
        for m in LAUNCH_REPOSITORY.finditer(facts["html"]):
            problems.append(f"launch repository: …{facts['html'][max(0, m.start()-60):m.end()+20]!r}…")
        # Typeset: raw maths, repr noise, equations wider than the column
        for where, text in (("text", facts["text"]), ("output", facts["outputs"])):
            for pattern, what in RAW_MATHS:
                for m in re.finditer(pattern, text):
                    problems.append(f"raw maths ({what}) in {where}: …{text[max(0, m.start()-40):m.end()+30]!r}…")
        for pattern in REPR_NOISE:
            for m in re.finditer(pattern, facts["outputs"] + "\n" + facts["text"]):
                problems.append(f"repr noise {m.group(0)!r}")
        problems += [f"equation wider than its column ({w['need']} > {w['have']} px): {w['tex'][:80]!r}"
                     for w in facts["wideMaths"]]
        # Notebook outputs and glue
        if facts["tracebacks"]:
            problems.append(f"{facts['tracebacks']} error output(s) in notebook cells")
        problems += ["empty glued value" for text in facts["pasted"] if not text]
        # Links into the book
        for href in facts["links"]:
            if not href.startswith(server + "/"):
                continue
            path = unquote(urlsplit(href).path).lstrip("/")
            target = HTML / path
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                problems.append(f"broken link: {href}")
        assert facts["title"].strip(), "page has no title"
        assert not problems, f"{page_file}:\n  " + "\n  ".join(problems)
    finally:
        page.close()


def test_status_page_reports_every_executed_notebook(context, server):
    if "notebooks/status" not in PAGES:
        pytest.skip("no status page in the TOC")
    page, _, _ = _open(context, f"{server}/notebooks/status.html", server)
    try:
        rows = page.evaluate("""() => [...document.querySelectorAll('table')]
            .filter(t => /Run Time/.test(t.textContent))
            .flatMap(t => [...t.querySelectorAll('tbody tr')].map(r => r.cells[0].textContent.trim()))""")
        notebooks = [p for p in PAGES if p.startswith("notebooks/")]
        assert sorted(rows) == sorted(notebooks), (rows, notebooks)
        text = page.evaluate("() => document.body.textContent")
        assert re.search(r"Built from commit\s+\S+", text)
        assert "Kernel interpreter" in text
    finally:
        page.close()


# ------------------------------------------------------------------ explorer


def _explorer_state(page) -> dict:
    """The explorer's text as shown (Bokeh renders it in a shadow root, which
    Playwright's locators pierce) and the first values of Fig. 2's platform curve."""
    text = page.locator(".xbec-explorer-state").first.text_content(timeout=30_000) or ""
    pi1 = page.evaluate("""() => {
        const doc = Bokeh.documents[0];
        const src = [...doc.all_models].find(m => m.data && 'pi1' in m.data);
        return src ? Array.from(src.data.pi1).slice(0, 60) : null;
    }""")
    return {"text": " ".join(text.split()), "pi1": pi1}


def _wait_for_text(page, condition, timeout: float = 10.0) -> dict:
    import time

    deadline = time.monotonic() + timeout
    while True:
        state = _explorer_state(page)
        if condition(state["text"]) or time.monotonic() > deadline:
            return state
        page.wait_for_timeout(100)


def _slider_handles(page):
    # Bokeh renders each slider (noUiSlider) in a shadow root; Playwright's CSS
    # engine pierces open shadow roots. Order: λ, β, b2, γ1, c.
    handles = page.locator(".noUi-handle")
    handles.first.wait_for(state="attached", timeout=30_000)
    return handles


def test_explorer_moves_with_its_controls_offline(context, server):
    if "notebooks/explorer" not in PAGES:
        pytest.skip("no explorer page in the TOC")
    sizes: list[int] = []
    page, log, _ = _open(context, f"{server}/notebooks/explorer.html", server)
    try:
        page.wait_for_function("() => window.Bokeh && Bokeh.documents && Bokeh.documents.length > 0", timeout=60_000)
        handles = _slider_handles(page)
        assert handles.count() == 5, f"expected 5 sliders, found {handles.count()}"
        start = _explorer_state(page)
        assert "Acceptable band" in start["text"] and "Table 1's row" in start["text"], start["text"]
        # move β (second slider) one step to the right: band, row and curves change
        handles.nth(1).focus()
        page.keyboard.press("ArrowRight")
        moved = _wait_for_text(page, lambda t: t != start["text"])
        assert "beta = 250" in moved["text"], moved["text"]
        assert moved["text"].split("Acceptable band")[1] != start["text"].split("Acceptable band")[1]
        assert moved["pi1"] != start["pi1"], "Fig. 2's curve did not change"
        # λ (first slider) moves the row only
        handles.nth(0).focus()
        page.keyboard.press("ArrowRight")
        assert "λ = 0.81" in _wait_for_text(page, lambda t: t != moved["text"])["text"]
        # γ1 down to 0.5 and b2 up to 1.5: concavity fails, the page says so
        handles.nth(3).focus()
        page.keyboard.press("Home")
        handles.nth(2).focus()
        page.keyboard.press("End")
        state = _wait_for_text(page, lambda t: "No outcome for these parameters" in t)
        assert "No outcome for these parameters" in state["text"] and "concavity" in state["text"], state["text"]
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "explorer-moved.png"), full_page=True)
        # b2 back to 1 (gamma1 = 0.5): an outcome, but no acceptable band; the page says so
        handles.nth(2).focus()
        page.keyboard.press("ArrowLeft")
        state = _wait_for_text(page, lambda t: "No acceptable band" in t)
        assert "No acceptable band for these parameters" in state["text"], state["text"]
        assert "Table 1's row" in state["text"] or "No revenue-sharing outcome at λ = 0.81" in state["text"], state["text"]
        # β = 300 and b2 at its maximum (γ1 back to 1): revenue sharing has no outcome both members
        # would sign for any λ (eq 10's pole at λ = b1 γ1 / b2² = 0.89): no curve, a note
        handles.nth(3).focus()
        page.keyboard.press("ArrowRight")
        handles.nth(2).focus()
        page.keyboard.press("End")
        handles.nth(1).focus()
        page.keyboard.press("End")
        state = _wait_for_text(page, lambda t: "beta = 300" in t and "b2 = 1.5" in t and "gamma1 = 1" in t)
        assert "No revenue-sharing outcome for any λ" in state["text"], state["text"]
        drawn = page.evaluate("""() => [...Bokeh.documents[0].all_models].filter(m => m.data && 'lam' in m.data)
            .map(m => Object.entries(m.data).filter(([k]) => k !== 'lam')
                 .map(([, v]) => Array.from(v).filter(Number.isFinite).length))""")
        assert all(n <= 1 for counts in drawn for n in counts), f"curves drawn where no outcome exists: {drawn}"
        page.screenshot(path=str(SHOTS / "explorer-no-outcome.png"), full_page=True)
        # every slider handle, at its maximum, stays inside the slider's box
        outside = page.evaluate("""() => [...document.querySelectorAll('*')].flatMap(e => e.shadowRoot ?
            [...e.shadowRoot.querySelectorAll('.noUi-handle')].map(h => {
                const r = h.getBoundingClientRect(), box = e.getBoundingClientRect();
                return r.right > box.right + 0.5 || r.left < box.left - 0.5 ? [r.left, r.right, box.left, box.right] : null;
            }) : []).filter(Boolean)""")
        assert not outside, f"slider handles outside their widget: {outside}"
        sizes = page.evaluate("""() => performance.getEntriesByType('resource').map(e => e.encodedBodySize)
            .concat(performance.getEntriesByType('navigation').map(e => e.encodedBodySize))""")
    finally:
        page.close()
    assert not log.external(), f"explorer asked other hosts: {log.external()}"
    assert not log.js_errors, log.js_errors
    assert sum(sizes) < 5_000_000, f"explorer page loaded {sum(sizes) / 1e6:.2f} MB (limit 5 MB)"


# ------------------------------------------------------------------ dark mode


@pytest.fixture
def dark_context(browser):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block",
                              color_scheme="dark")
    # pydata-sphinx-theme reads the mode from localStorage before painting
    ctx.add_init_script("localStorage.setItem('mode', 'dark'); localStorage.setItem('theme', 'dark');")
    yield ctx
    ctx.close()


FIGURE_PAGES = [p for p in PAGES if p.startswith("notebooks/")]


@pytest.mark.parametrize("page_file", FIGURE_PAGES)
def test_figures_readable_in_dark_mode(dark_context, server, page_file):
    page, log, _ = _open(dark_context, f"{server}/{page_file}.html", server)
    try:
        facts = page.evaluate("""() => ({
            theme: document.documentElement.dataset.theme,
            images: [...document.querySelectorAll('main img')].map(i => ({
                src: i.src, bg: getComputedStyle(i).backgroundColor})),
        })""")
        assert facts["theme"] == "dark", f"{page_file}: dark mode not applied ({facts['theme']!r})"
        SHOTS.mkdir(parents=True, exist_ok=True)
        if facts["images"]:
            page.locator("main img").first.scroll_into_view_if_needed()
            page.screenshot(path=str(SHOTS / f"{_shot_name(page_file)}-dark.png"))
        for img in facts["images"]:
            assert img["bg"] == "rgb(255, 255, 255)", f"{page_file}: {img['src']} on {img['bg']} in dark mode"
    finally:
        page.close()


# ------------------------------------------------------------------ the PDF

PDF = ROOT / "_build" / "pdf" / "xbec.pdf"
PDF_FOOTER = re.compile(r"xbec — executable companion to Wei, Yang & Ou \(2024\) · \d+ / \d+")
NOT_IN_PDF = re.compile(r"^book/api(/|$)")  # scripts/build_pdf.py's EXCLUDE


def _pdf_reader():
    pypdf = pytest.importorskip("pypdf")
    if not PDF.is_file():
        _skip_or_fail("no _build/pdf/xbec.pdf: `make book` prints it (or `make pdf`)")
    return pypdf.PdfReader(PDF)


def _plain(text: str) -> str:
    """A title as the outline writes it: TeX made plain (scripts/build_pdf.py's ``plain``)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("_xbec_build_pdf", ROOT / "scripts" / "build_pdf.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.plain(text.replace("\\(", "").replace("\\)", ""))


def _html_title(doc: str) -> str:
    """The chapter's first heading in the built HTML page (headerlink and tags stripped)."""
    html = (HTML / f"{doc}.html").read_text(encoding="utf-8")
    head = re.search(r"<h1>(.*?)</h1>", html, re.S).group(1)
    head = re.sub(r'<a class="headerlink".*?</a>', "", head)
    import html as html_mod

    return html_mod.unescape(re.sub(r"<[^>]+>", "", head)).strip()


def _outline(reader):
    flat = []

    def walk(items, depth):
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                flat.append((depth, item.title, reader.get_destination_page_number(item)))

    walk(reader.outline, 0)
    return flat


def test_pdf_links_stay_inside_or_go_to_real_hosts():
    reader = _pdf_reader()
    names = set(reader.named_destinations)
    internal, external, local, dangling = 0, [], [], []
    for number, page in enumerate(reader.pages, 1):
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            if annot.get("/Subtype") != "/Link":
                continue
            action = annot.get("/A")
            if action is not None and "/URI" in action:
                uri = str(action["/URI"])
                (local if re.match(r"https?://(127\.0\.0\.1|localhost|\[::1\])", uri) else external).append(uri)
            else:
                dest = annot.get("/Dest") if annot.get("/Dest") is not None else (action or {}).get("/D")
                internal += 1
                if isinstance(dest, str) and dest not in names:
                    dangling.append((number, dest))
    assert not local, f"{len(local)} links to a local server, e.g. {local[:3]}"
    assert not dangling, f"links to anchors the PDF does not have: {dangling[:5]}"
    assert internal >= 50, f"only {internal} links inside the PDF"
    assert all(u.startswith(("https://", "http://", "mailto:")) for u in external), external


def test_pdf_outline_names_every_part_and_chapter():
    reader = _pdf_reader()
    outline = _outline(reader)
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    top = [title for depth, title, _ in outline if depth == 0]
    chapters = [title for depth, title, _ in outline if depth == 1]
    for part in toc["parts"]:
        docs = [c["file"] for c in part["chapters"] if not NOT_IN_PDF.match(c["file"])]
        if docs:
            assert part["caption"] in top, (part["caption"], top)
        for doc in docs:
            assert _plain(_html_title(doc)) in chapters, (doc, _plain(_html_title(doc)), chapters)
    pages = [p for _, _, p in outline]
    assert pages[0] == 0 and max(pages) < len(reader.pages)


def test_pdf_has_no_blank_page():
    reader = _pdf_reader()
    thin = []
    for number, page in enumerate(reader.pages, 1):
        text = PDF_FOOTER.sub("", page.extract_text() or "").strip()
        images = len((page.get("/Resources") or {}).get("/XObject") or {})
        if len(text) < 150 and not images:
            thin.append((number, len(text)))
    assert not thin, f"pages with (almost) nothing but the footer: {thin}"


def test_pdf_leaves_the_api_reference_out_or_short():
    reader = _pdf_reader()
    outline = [(t, p) for depth, t, p in _outline(reader) if depth == 1]
    api_pages = 0
    for i, (title, start) in enumerate(outline):
        if title.lower().startswith("api"):
            end = outline[i + 1][1] if i + 1 < len(outline) else len(reader.pages)
            api_pages += end - start
    # and no page of the API reference slipped in unnamed: its signatures
    signatures = sum("xbec.model." in (p.extract_text() or "") and "Parameters" in (p.extract_text() or "")
                     and "Returns" in (p.extract_text() or "") for p in reader.pages)
    assert api_pages <= 0.10 * len(reader.pages), f"API reference: {api_pages} of {len(reader.pages)} pages"
    assert signatures <= 0.10 * len(reader.pages), f"{signatures} pages look like API documentation"
