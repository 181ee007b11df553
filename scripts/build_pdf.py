"""Print the whole book to one PDF with headless Chromium (after the HTML build).

`make pdf` (which `make book` runs after the HTML build) does:

1. `jupyter-book build . --builder singlehtml` with the build's configuration
   (the notebooks' outputs come from the execution cache of the HTML build, so
   nothing is executed again) into _build/singlehtml;
2. serves _build/singlehtml on 127.0.0.1, opens it in headless Chromium
   (Playwright, Debian's /usr/bin/chromium), waits until MathJax has typeset
   every formula and every image has loaded, and prints it (A4, page numbers
   in the footer) to _build/pdf/xbec.pdf;
3. fixes the PDF's creation and modification dates to SOURCE_DATE_EPOCH (the
   last commit's time by default), so that printing the same pages twice gives
   the same bytes, and copies it to _build/html/xbec.pdf, where every page's
   download menu links it.

Usage: python scripts/build_pdf.py [--config _build/_config-warm.yml] [--skip-sphinx]
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import http.server
import os
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUILD = ROOT / "_build"
CHROMIUM = os.environ.get("XBEC_CHROMIUM", "/usr/bin/chromium")
PRINT_PAGE = "xbec-print.html"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-extensions"]

# Print layout: no sidebars, header buttons or "next/previous" boxes; the
# explorer's sliders are useless on paper (its first view stays).
PRINT_CSS = """
@page { size: A4; margin: 16mm 14mm 18mm 14mm; }
.bd-header, .bd-sidebar-primary, .bd-sidebar-secondary, .header-article, .prev-next-area,
.bd-footer-article, .bd-footer, .footer-items, #pst-back-to-top, .search-button-field,
.toggle-secondary-sidebar, .bd-header-article, .xbec-explorer .bk-input-group { display: none !important; }
.bd-main .bd-content .bd-article-container { max-width: 100% !important; }
.bd-page-width { max-width: 100% !important; }
body { font-size: 10.5pt; }
span[id^="document-"] + section { break-before: page; }
"""


def source_date_epoch() -> int:
    """SOURCE_DATE_EPOCH, else the last commit's time, else 0."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return int(os.environ["SOURCE_DATE_EPOCH"])
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True,
                             check=True, timeout=10)
        return int(out.stdout.strip())
    except (OSError, subprocess.SubprocessError, ValueError):
        return 0


def fix_dates(pdf: bytes, epoch: int) -> bytes:
    """Replace the PDF's /CreationDate and /ModDate with ``epoch`` (same length: offsets stay valid)."""
    stamp = dt.datetime.fromtimestamp(epoch, dt.timezone.utc).strftime("D:%Y%m%d%H%M%S")

    def repl(m: re.Match) -> bytes:
        old = m.group(2)
        new = (stamp.encode() + b"+00'00'")[: len(old)].ljust(len(old), b" ")
        return m.group(1) + new + b")"

    return re.sub(rb"(/(?:CreationDate|ModDate) \()([^)]*)\)", repl, pdf)


def singlehtml(config: Path) -> Path:
    env = dict(os.environ)
    cmd = [str(Path(sys.executable).parent / "jupyter-book"), "build", str(ROOT), "--builder", "singlehtml",
           "--config", str(config), "-n", "--keep-going", "-W"]
    subprocess.run(cmd, check=True, env=env)
    return BUILD / "singlehtml"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def print_page(site: Path) -> Path:
    """The single page, moved to the site's root.

    Sphinx's singlehtml writes the root document (book/intro) one folder down
    but with links relative to the root; a copy at the root resolves them.
    Raw HTML outputs written for the multi-page book (the explorer's
    ``../_static/bokeh/`` scripts) are pointed at the root's ``_static`` too.
    """
    html = (site / "book" / "intro.html").read_text(encoding="utf-8")
    html = html.replace('src="../_static/', 'src="_static/')
    out = site / PRINT_PAGE
    out.write_text(html, encoding="utf-8")
    return out


def print_pdf(site: Path, out: Path) -> int:
    from playwright.sync_api import sync_playwright

    print_page(site)
    handler = functools.partial(_Quiet, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    origin = f"http://127.0.0.1:{httpd.server_address[1]}"
    external: list[str] = []
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
            page = browser.new_page(viewport={"width": 1100, "height": 1400})
            page.on("request", lambda r: None if r.url.startswith((origin, "data:", "blob:", "about:"))
                    else external.append(r.url))
            page.goto(f"{origin}/{PRINT_PAGE}", wait_until="load", timeout=120_000)
            page.add_style_tag(content=PRINT_CSS)
            page.wait_for_function("() => !window.MathJax || (MathJax.startup && MathJax.startup.promise)",
                                   timeout=60_000)
            page.evaluate("() => window.MathJax ? MathJax.startup.promise : null")
            page.evaluate("""async () => {
                document.querySelectorAll('img[loading="lazy"]').forEach(i => i.loading = 'eager');
                await Promise.all([...document.images].map(img => img.complete ? null :
                    new Promise(res => { img.addEventListener('load', res); img.addEventListener('error', res); })));
                await document.fonts.ready;
            }""")
            problems = page.evaluate("""() => ({
                unrendered: document.querySelectorAll('.math').length - document.querySelectorAll('mjx-container').length,
                errors: document.querySelectorAll('mjx-merror').length,
                broken: [...document.images].filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.src),
            })""")
            if problems["unrendered"] > 0 or problems["errors"] or problems["broken"]:
                raise SystemExit(f"build_pdf: page not ready for print: {problems}")
            page.emulate_media(media="print")
            out.parent.mkdir(parents=True, exist_ok=True)
            page.pdf(path=str(out), format="A4", print_background=True, display_header_footer=True,
                     header_template="<span></span>",
                     footer_template=('<div style="font-size:8px;width:100%;text-align:center;color:#555">'
                                      'xbec — executable companion to Wei, Yang &amp; Ou (2024) · '
                                      '<span class="pageNumber"></span> / <span class="totalPages"></span></div>'),
                     margin={"top": "16mm", "bottom": "18mm", "left": "14mm", "right": "14mm"})
            browser.close()
    finally:
        httpd.shutdown()
        httpd.server_close()
    if external:
        raise SystemExit(f"build_pdf: the page asked for other hosts: {external[:5]}")
    return len(re.findall(rb"/Type\s*/Page[^s]", out.read_bytes()))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--config", default=str(BUILD / "_config-warm.yml"))
    ap.add_argument("--skip-sphinx", action="store_true", help="reuse _build/singlehtml")
    args = ap.parse_args(argv)
    site = BUILD / "singlehtml" if args.skip_sphinx else singlehtml(Path(args.config))
    pdf = BUILD / "pdf" / "xbec.pdf"
    pages = print_pdf(site, pdf)
    pdf.write_bytes(fix_dates(pdf.read_bytes(), source_date_epoch()))
    if (BUILD / "html").is_dir():
        shutil.copyfile(pdf, BUILD / "html" / "xbec.pdf")
    print(f"build_pdf: {pdf.relative_to(ROOT)}: {pages} pages, {pdf.stat().st_size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
