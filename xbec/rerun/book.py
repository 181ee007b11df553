"""``xbec run --book``: the HTML companion of one run, built from its executed notebooks.

The book's sources (``_config.yml``, ``_toc.yml``, ``book/``) are reused in a
scratch tree inside the run with the run's executed notebooks, no execution, a
page *This run* first and the parameters in an announcement bar on every page.
Chapters left out of the run say so. The HTML lands in ``RUN/book/``.
"""

from __future__ import annotations

import html
import shutil
import subprocess
import sys
from pathlib import Path
from typing import TextIO

from .params import NAMES, Validated, defaults, format_value
from .run import NOTEBOOK_DIR, RunError


def announcement(validated: Validated) -> str:
    """HTML of the announcement bar: every parameter, those changed from the paper first, in bold."""
    paper, vals = defaults(), validated.values
    changed = [k for k in NAMES if vals[k] != paper[k]]
    items = [f"<strong>{k}&nbsp;=&nbsp;{html.escape(format_value(vals[k], ', '))}</strong> "
             f"(paper: {html.escape(format_value(paper[k], ', '))})" for k in changed]
    items += [f"{k}&nbsp;=&nbsp;{html.escape(format_value(vals[k], ', '))}" for k in NAMES if k not in changed]
    return ("Rerun with xbec for these parameters: " if changed else "Rerun with the paper's parameters: ") \
        + "; ".join(items)


def run_page(validated: Validated) -> str:
    """Markdown of the page *This run*: the parameters and the command that repeats the run."""
    paper = defaults()
    rows = [f"| `{k}` | {format_value(validated.values[k], ', ')} | {format_value(paper[k], ', ')} |"
            for k in NAMES]
    argv = " ".join(f"--param {k}={format_value(v)}" for k, v in validated.changed().items())
    notes = [f"> Warning: {w}\n" for w in validated.warnings]
    return "\n".join(["# This run", "", "These chapters were executed by `xbec run` with the parameters below;",
                      "the prose was written for the paper's values and may not describe these numbers.", "",
                      *notes, "| parameter | this run | paper |", "|---|---:|---:|", *rows, "",
                      f"Repeat it with `xbec run {argv} --book`, or `xbec run --params manifest.json`.", ""])


def build_book(root: Path, run: Path, notebooks: list[str], validated: Validated, log: TextIO) -> Path:
    """Build ``run/book/`` (HTML) from ``run/notebooks/*.ipynb``; returns its index page."""
    import yaml
    from sphinx_external_toc.parsing import parse_toc_yaml

    src, build = run / ".book-src", run / ".book-build"
    try:
        shutil.copytree(root / "book", src / "book", ignore=shutil.ignore_patterns("_vendor", "__pycache__"))
        nbdir = src / NOTEBOOK_DIR
        shutil.copytree(run / NOTEBOOK_DIR, nbdir)
        shutil.copytree(run, nbdir / "outputs", ignore=lambda d, names: [
            n for n in names if n.startswith(".") or n in (NOTEBOOK_DIR, "manifest.json")] if d == str(run) else [])
        for doc in parse_toc_yaml(root / "_toc.yml"):
            name = doc.split("/", 1)[1]
            if doc.startswith(NOTEBOOK_DIR + "/") and name not in notebooks:
                (nbdir / f"{name}.md").write_text(
                    f"# {name}\n\nThis chapter was not executed in this run; run it with "
                    f"`xbec run --notebooks {name}`.\n", encoding="utf-8")
        (src / "this_run.md").write_text(run_page(validated), encoding="utf-8")
        cfg = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))
        toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
        toc["parts"] = [{"caption": "This run", "chapters": [{"file": "this_run"}]}, *toc.get("parts", [])]
        cfg["title"] = f"{cfg.get('title', 'xbec')} (rerun)"
        cfg.setdefault("execute", {})["execute_notebooks"] = "off"
        sphinx = cfg.setdefault("sphinx", {}).setdefault("config", {})
        vendor = root / "book" / "_vendor"
        sphinx["html_static_path"] = [str(vendor)] if vendor.is_dir() else []
        sphinx.setdefault("html_theme_options", {})["announcement"] = announcement(validated)
        for name, data in (("_config.yml", cfg), ("_toc.yml", toc)):
            (src / name).write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
        cmd = [sys.executable, "-c", "import sys; from jupyter_book.cli.main import main; sys.exit(main())",
               "build", str(src), "--path-output", str(build), "--builder", "html", "-n", "--keep-going"]
        proc = subprocess.run(cmd, capture_output=True, text=True)
        index = build / "_build" / "html" / "index.html"
        if proc.returncode != 0 or not index.exists():
            tail = "\n".join((proc.stdout + proc.stderr).splitlines()[-30:])
            raise RunError(f"the HTML companion did not build (jupyter-book exit {proc.returncode}):\n{tail}")
        warnings = [ln for ln in proc.stdout.splitlines() + proc.stderr.splitlines() if "WARNING" in ln]
        if warnings:
            print(f"xbec run --book: {len(warnings)} Sphinx warning(s), e.g. {warnings[0].strip()}", file=log)
        shutil.move(str(index.parent), str(run / "book"))
        (run / "book" / ".buildinfo").unlink(missing_ok=True)
        return run / "book" / "index.html"
    finally:
        shutil.rmtree(src, ignore_errors=True)
        shutil.rmtree(build, ignore_errors=True)
