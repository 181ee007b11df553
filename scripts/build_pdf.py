"""Print the whole book to one PDF with headless Chromium (after the HTML build).

`make pdf` (which `make book` runs after the HTML build) does:

1. `jupyter-book build . --builder singlehtml` with the build's configuration
   (the notebooks' outputs come from the execution cache of the HTML build, so
   nothing is executed again) into _build/singlehtml;
2. serves _build/singlehtml on 127.0.0.1, opens it in headless Chromium
   (Playwright, Debian's /usr/bin/chromium), waits until MathJax has typeset
   every formula and every image has loaded, and prints it (A4, page numbers
   in the footer) to _build/pdf/xbec.pdf. Before printing, in the page:
   - the API reference (book/api and book/api/*) is left out: the PDF is for
     reading; the API pages stay in the HTML book;
   - every link into the book is rewritten to the anchor inside the page
     (`#…`), so that it points inside the PDF; a link to something the PDF
     does not hold (the API pages, downloads) becomes plain text; links to
     other hosts keep their targets;
   - display equations and tables wider than the printed column are scaled
     down to fit it;
3. with pypdf: removes pages that are blank apart from the footer (printed
   when a forced page break falls right after a page break), adds an outline
   (bookmarks: every part, its chapters and their sections, from _toc.yml and
   the chapters' headings; pages from the named destinations Chromium writes
   for the anchors), and fixes the creation and modification dates to
   SOURCE_DATE_EPOCH (the last commit's time by default), so that printing the
   same pages twice gives the same bytes; copies it to _build/html/xbec.pdf,
   where every page's download menu links it.

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
/* long lines of code wrap instead of running off the page */
pre { white-space: pre-wrap !important; word-break: break-word; overflow: visible !important; }
/* long tables break between rows (a table kept whole left pages half empty) */
table { break-inside: auto !important; page-break-inside: auto !important; }
tr, img, figure { break-inside: avoid; page-break-inside: avoid; }
thead { display: table-header-group; }
h1, h2, h3, h4, h5 { break-after: avoid; page-break-after: avoid; }
"""

# Parts of the book the PDF leaves out (docnames, regular expression).
EXCLUDE = re.compile(r"^book/api(/|$)")

# In the page, before printing: leave out EXCLUDE's chapters, add a linked
# contents list, point links inside the page, fit wide equations and tables.
# Returns the chapters (docname, title, anchor, sections) in order.
PREPARE_JS = r"""
([exclude, parts]) => {
  const rx = new RegExp(exclude);
  // 1. leave out excluded chapters (the marker span and the section after it,
  //    and their entries in the landing page's table of contents)
  for (const a of [...document.querySelectorAll('a[href^="#document-"]')]) {
    if (rx.test(decodeURIComponent(a.getAttribute('href')).slice('#document-'.length))) {
      const li = a.closest('li'); (li || a).remove();
    }
  }
  for (const span of [...document.querySelectorAll('span[id^="document-"]')]) {
    if (!rx.test(span.id.slice('document-'.length))) continue;
    const next = span.nextElementSibling;
    if (next && next.tagName === 'SECTION') next.remove();
    span.remove();
  }
  // 2. the chapters that remain: anchor = the chapter's section id
  // heading text with its maths as TeX (MathJax's CHTML output has no text)
  const title = (h) => {
    const c = h.cloneNode(true);
    c.querySelectorAll('.headerlink').forEach(e => e.remove());
    const items = MathJax.startup.document.getMathItemsWithin(h);
    c.querySelectorAll('mjx-container').forEach((m, i) => m.replaceWith(items[i] ? items[i].math : ''));
    return c.textContent.replace(/\s+/g, ' ').trim();
  };
  const unique = (id) => document.querySelectorAll(`[id="${CSS.escape(id)}"]`).length === 1;
  const chapters = [];
  const root = document.querySelector('main section[id]');
  chapters.push({doc: '', title: title(root.querySelector('h1,h2')), anchor: root.id, sections: []});
  for (const span of document.querySelectorAll('span[id^="document-"]')) {
    const sec = span.nextElementSibling;
    if (!sec || sec.tagName !== 'SECTION' || !sec.id) continue;
    const head = sec.querySelector('h1,h2,h3');
    const subs = [...sec.querySelectorAll(':scope > section[id]')].map(s => {
      const h = s.querySelector('h1,h2,h3,h4');
      return h && unique(s.id) ? {title: title(h), anchor: s.id} : null;
    }).filter(Boolean);
    chapters.push({doc: span.id.slice('document-'.length), title: title(head), anchor: sec.id, sections: subs});
  }
  const byDoc = Object.fromEntries(chapters.map(c => [c.doc, c]));
  // 4. links into the book point inside the page; others to this server become text
  const here = location.origin;
  let inside = 0, dropped = 0;
  for (const a of [...document.querySelectorAll('a[href]')]) {
    const u = new URL(a.getAttribute('href'), location.href);
    if (u.origin !== here) continue;                     // another host: keep
    let target = null;
    const frag = decodeURIComponent(u.hash.slice(1));
    if (frag && document.getElementById(frag)) target = frag;
    else {
      const doc = decodeURIComponent(u.pathname).replace(/^\/+/, '').replace(/\.html$/, '');
      if (byDoc[doc]) target = byDoc[doc].anchor;
      else if (/^book\/intro$|^index$|^xbec-print$/.test(doc) && !frag) target = chapters[0].anchor;
    }
    if (target !== null && document.getElementById(target)) {
      a.setAttribute('href', '#' + target); inside++;
    } else {
      const span = document.createElement('span');
      span.className = a.className;
      while (a.firstChild) span.appendChild(a.firstChild);
      a.replaceWith(span); dropped++;
    }
  }
  return {chapters, inside, dropped};
}
"""

FIT_JS = r"""
() => {
  // display maths and tables wider than their column: scale them down to fit
  let scaled = 0;
  const fit = (el, box) => {
    const have = box.clientWidth, need = el.scrollWidth;
    if (have > 0 && need > have + 1) {
      el.style.zoom = String(Math.max(0.35, (have - 2) / need)); scaled++;
    }
  };
  document.querySelectorAll('mjx-container[display="true"]').forEach(m => fit(m, m.parentElement));
  document.querySelectorAll('main table').forEach(t => fit(t, t.closest('div, section, figure') || t.parentElement));
  document.querySelectorAll('main .cell_output img, main figure img').forEach(i => { i.style.maxWidth = '100%'; });
  return scaled;
}
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
    stamp = dt.datetime.fromtimestamp(epoch, dt.UTC).strftime("D:%Y%m%d%H%M%S")

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

    parts = toc_parts()
    print_page(site)
    handler = functools.partial(_Quiet, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    origin = f"http://127.0.0.1:{httpd.server_address[1]}"
    external: list[str] = []
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
            # the viewport is the printed column's width (A4 less the margins: 182 mm = 688 px),
            # so that what fits on screen fits on paper
            page = browser.new_page(viewport={"width": 688, "height": 1400})
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
            prepared = page.evaluate(PREPARE_JS, [EXCLUDE.pattern, parts])
            page.evaluate(FIT_JS)
            chapters = prepared["chapters"]
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
    return chapters


def toc_parts() -> list[dict]:
    """The parts of _toc.yml: caption and the docnames of its chapters (sections included), in order."""
    import yaml

    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))

    def docs(entries):
        for entry in entries or []:
            if "file" in entry:
                yield entry["file"]
            yield from docs(entry.get("sections"))

    return [{"caption": part["caption"], "docs": list(docs(part.get("chapters")))} for part in toc.get("parts", [])]


GREEK = {name: chr(code) for name, code in [
    ("alpha", 0x3B1), ("beta", 0x3B2), ("gamma", 0x3B3), ("delta", 0x3B4), ("epsilon", 0x3B5), ("kappa", 0x3BA),
    ("lambda", 0x3BB), ("mu", 0x3BC), ("pi", 0x3C0), ("rho", 0x3C1), ("sigma", 0x3C3), ("omega", 0x3C9)]}


def plain(title: str) -> str:
    """An outline title with its TeX made plain text (``\\lambda`` -> λ, ``b_2`` -> b2)."""
    title = re.sub(r"\\([A-Za-z]+)", lambda m: GREEK.get(m.group(1), m.group(1)), title)
    return re.sub(r"\s+", " ", re.sub(r"[{}_^$\\]", "", title)).strip()


FOOTER = re.compile(r"xbec — executable companion to Wei, Yang & Ou \(2024\) · \d+ / \d+")


def _blank(page) -> bool:
    """A page with nothing but the footer: no other text, no image."""
    text = FOOTER.sub("", page.extract_text() or "").strip()
    resources = page.get("/Resources") or {}
    xobjects = resources.get("/XObject") or {}
    return not text and not len(xobjects)


def finish(pdf: Path, chapters: list[dict], parts: list[dict], epoch: int) -> dict:
    """Blank pages removed, the outline added (parts > chapters > sections), dates fixed."""
    from pypdf import PdfReader, PdfWriter

    reader = PdfReader(pdf)
    blank = [i for i, page in enumerate(reader.pages) if _blank(page)]
    dests = {name.lstrip("/"): reader.get_destination_page_number(d)
             for name, d in reader.named_destinations.items()}
    kept = [i for i in range(len(reader.pages)) if i not in blank]
    new_index = {}
    for old in range(len(reader.pages)):  # a destination on a removed page moves to the next kept one
        later = [k for k in kept if k >= old] or [kept[-1]]
        new_index[old] = kept.index(later[0])
    writer = PdfWriter(clone_from=reader)
    for i in reversed(blank):
        writer.remove_page(i)
    by_doc = {c["doc"]: c for c in chapters}

    def page_of(anchor: str) -> int | None:
        return new_index[dests[anchor]] if anchor in dests else None

    missing = []
    first = chapters[0]
    writer.add_outline_item(title=plain(first["title"]), page_number=0)  # the landing page opens the PDF
    for part in parts:
        docs = [d for d in part["docs"] if d in by_doc]
        if not docs:
            continue
        start = page_of(by_doc[docs[0]]["anchor"])
        parent = writer.add_outline_item(title=part["caption"], page_number=start if start is not None else 0)
        for d in docs:
            chapter = by_doc[d]
            where = page_of(chapter["anchor"])
            if where is None:
                missing.append(chapter["title"])
                continue
            item = writer.add_outline_item(title=plain(chapter["title"]), page_number=where, parent=parent)
            for sec in chapter["sections"]:
                at = page_of(sec["anchor"])
                if at is not None:
                    writer.add_outline_item(title=plain(sec["title"]), page_number=at, parent=item)
    if missing:
        raise SystemExit(f"build_pdf: no page found for the chapters {missing}")
    writer.page_mode = "/UseOutlines"
    writer.add_metadata({"/Title": "xbec — executable companion to Wei, Yang & Ou (2024)"})
    with pdf.open("wb") as fh:
        writer.write(fh)
    pdf.write_bytes(fix_dates(pdf.read_bytes(), epoch))
    return {"pages": len(writer.pages), "blank_removed": len(blank)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--config", default=str(BUILD / "_config-warm.yml"))
    ap.add_argument("--skip-sphinx", action="store_true", help="reuse _build/singlehtml")
    args = ap.parse_args(argv)
    site = BUILD / "singlehtml" if args.skip_sphinx else singlehtml(Path(args.config))
    pdf = BUILD / "pdf" / "xbec.pdf"
    chapters = print_pdf(site, pdf)
    done = finish(pdf, chapters, toc_parts(), source_date_epoch())
    if (BUILD / "html").is_dir():
        shutil.copyfile(pdf, BUILD / "html" / "xbec.pdf")
    print(f"build_pdf: {pdf.relative_to(ROOT)}: {done['pages']} pages ({done['blank_removed']} blank pages "
          f"removed), {len(chapters)} chapters in the outline, {pdf.stat().st_size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
