"""Local Sphinx extension of the xbec book: downloads, dark mode, the explorer's scripts.

Loaded through ``sphinx.local_extensions`` in _config.yml.

1. Every notebook page's download menu offers the *executed* notebook (with
   its outputs): after the build, ``_sources/<page>.ipynb`` (the file the
   theme's ".ipynb" button serves, by default the committed notebook without
   outputs) is replaced by the notebook myst-nb executed for this build
   (``_build/jupyter_execute/<page>.ipynb``).
2. Every page's download menu links the whole book as one PDF (``xbec.pdf`` at
   the root of the HTML build, written by ``make pdf``, which ``make book``
   runs; scripts/build_pdf.py). Only the repository's own book
   (_build/html) gets the link: other builds of the pages (``xbec run --book``)
   have no PDF.
3. Dark mode and print: figures (images) get an opaque white background and a
   little padding, so black-on-transparent matplotlib figures stay readable in
   the theme's dark mode; a print stylesheet keeps the pages legible on paper.
4. The explorer page loads BokehJS from the book itself: its files are copied
   from the installed ``bokeh`` package into ``_static/bokeh/``. To keep that
   page under 5 MB with BokehJS (1.6 MB) and its data, it does without the
   theme's Font Awesome *script* (1.5 MB, which swaps icons for SVGs); the
   theme's stylesheet draws the same icons from its web font.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

CSS_NAME = "xbec-publish.css"
LIGHT_PAGES = ("notebooks/explorer",)  # pages served without the theme's fontawesome.js
PDF_NAME = "xbec.pdf"

CSS = """\
/* xbec: figures stay readable in dark mode (matplotlib draws black on transparent). */
html[data-theme="dark"] .bd-article img,
html[data-theme="dark"] .cell_output img,
html[data-theme="dark"] .bd-content div.cell_output img,
html[data-theme="dark"] figure img {
  background: #ffffff !important;
  padding: 6px;
  border-radius: 4px;
}
html[data-theme="dark"] .xbec-explorer .bk-Column,
html[data-theme="dark"] .xbec-explorer {
  background: #ffffff;
  color: #111111;
  padding: 6px;
  border-radius: 4px;
}
.xbec-explorer-table { font-size: 0.9em; }
.xbec-explorer-table td, .xbec-explorer-table th { padding: 2px 8px; text-align: right; }
.xbec-explorer-none { color: #9a3412; }
@media print {
  img { background: #ffffff; max-width: 100% !important; page-break-inside: avoid; break-inside: avoid; }
  figure, table, .math, mjx-container[display="true"] { page-break-inside: avoid; break-inside: avoid; }
  .cell_output { page-break-inside: auto; }
  a { color: inherit; text-decoration: none; }
}
"""


def _main_book(app) -> bool:
    """The repository's own book (`make book` builds it into _build/html and then
    prints the PDF there), not another build of the pages, such as the book of an
    `xbec run --book`, which has no PDF to link."""
    return Path(app.outdir).resolve() == (Path(app.srcdir) / "_build" / "html").resolve()


def _download_buttons(app, pagename, templatename, context, doctree):
    buttons = context.get("header_buttons")
    if not isinstance(buttons, list):
        return
    pathto = context["pathto"]
    for group in buttons:
        if group.get("label") != "download-buttons":
            continue
        items = group.setdefault("buttons", [])
        for b in items:
            if b.get("label") == "download-source-button" and context.get("page_source_suffix") == ".ipynb":
                b["text"] = ".ipynb (executed)"
                b["tooltip"] = "Download this chapter's executed notebook (with outputs)"
        if not _main_book(app):
            continue
        items.append({
            "type": "link",
            "url": pathto(PDF_NAME, 1),
            "text": "whole book (PDF)",
            "tooltip": "Download the whole book as one PDF",
            "icon": "fas fa-book",
            "label": "download-book-pdf-button",
        })


def _has_outputs(nb) -> bool:
    return any(cell.get("outputs") for cell in nb.cells if cell.cell_type == "code")


def executed_notebook(app, docname: str) -> str | None:
    """The notebook of ``docname`` as executed for this build (JSON text), or None.

    With ``execute_notebooks: force`` myst-nb writes it to
    ``_build/jupyter_execute/<docname>.ipynb``; with ``cache`` (what ``make
    book`` uses) that copy has no outputs, and the outputs are merged from the
    jupyter-cache record, as myst-nb itself does when rendering the page.
    """
    import nbformat

    src = Path(app.srcdir) / f"{docname}.ipynb"
    written = Path(app.outdir).parent / "jupyter_execute" / f"{docname}.ipynb"
    if written.is_file():
        nb = nbformat.read(written, as_version=4)
        if _has_outputs(nb):
            return nbformat.writes(nb)
    cfg = getattr(app.env, "mystnb_config", None)
    cache_path = getattr(cfg, "execution_cache_path", "") or str(Path(app.outdir).parent / ".jupyter_cache")
    if not src.is_file() or not Path(cache_path).is_dir():
        return None
    from jupyter_cache import get_cache

    try:
        _, merged = get_cache(cache_path).merge_match_into_notebook(nbformat.read(src, as_version=4))
    except KeyError:  # not in the cache
        return None
    return nbformat.writes(merged) if _has_outputs(merged) else None


def _finish(app, exception):
    if exception is not None or app.builder.format != "html":
        return
    out = Path(app.outdir)
    static = out / "_static"
    static.mkdir(parents=True, exist_ok=True)
    (static / CSS_NAME).write_text(CSS, encoding="utf-8")
    # 1. executed notebooks behind the ".ipynb" download button
    for docname in sorted(app.env.found_docs):
        dst = out / "_sources" / f"{docname}.ipynb"
        if dst.is_file():
            nb = executed_notebook(app, docname)
            if nb is not None:
                dst.write_text(nb, encoding="utf-8")
    for docname in LIGHT_PAGES:
        page = out / f"{docname}.html"
        if page.is_file():
            html = page.read_text(encoding="utf-8")
            page.write_text(re.sub(r'<script[^>]*src="[^"]*scripts/fontawesome\.js[^"]*"[^>]*></script>\s*', "", html),
                            encoding="utf-8")
    # 4. BokehJS for the explorer
    try:
        from xbec.figures.explorer import bokeh_js_files
    except ImportError:  # bokeh missing: the explorer page fails to execute anyway
        return
    (static / "bokeh").mkdir(exist_ok=True)
    for path in bokeh_js_files():
        shutil.copyfile(path, static / "bokeh" / path.name)


def setup(app):
    app.add_css_file(CSS_NAME)
    app.connect("html-page-context", _download_buttons, priority=600)
    app.connect("build-finished", _finish)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
