"""``xbec run --book``: the HTML companion of one run, from its executed notebooks.

The book's own sources are reused — ``_config.yml``, ``_toc.yml``, the prose
pages and bibliography in ``book/``, the offline MathJax copy in
``book/_vendor/mathjax`` — with four changes, written into a scratch source
tree inside the run directory:

* ``notebooks/NAME.ipynb`` are the run's executed notebooks, and Jupyter Book
  does not execute anything (``execute_notebooks: off``);
* the table of contents gains a page *This run* (the parameters and how to
  repeat the run); the status page reports this run (time per notebook,
  versions), and chapters left out with ``--notebooks`` say so;
* every page carries an announcement bar with the parameter values used
  (sphinx-book-theme's ``announcement`` option), changed values first;
* the title says that this is a rerun.

The HTML ends up in ``RUN/book/`` (``RUN/book/index.html``).
"""

from __future__ import annotations

import html
import json
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, TextIO

from .params import NAMES, Validated, defaults, format_value

__all__ = ["build_book", "announcement", "run_page"]

_SYMBOLS = {
    "beta": "β", "b1": "b₁", "b2": "b₂", "gamma1": "γ₁", "c": "c", "K": "K",
    "mu": "μ", "phi": "φ", "theta": "θ", "weights": "M", "lam_min": "λ min",
    "lam_max": "λ max", "lam_step": "λ step",
}


def announcement(values: Mapping[str, Any]) -> str:
    """The HTML of the announcement bar: every parameter, changes from the paper first and bold."""
    paper = defaults()
    changed = [k for k in NAMES if values[k] != paper[k]]
    same = [k for k in NAMES if k not in changed]

    def item(k: str, bold: bool) -> str:
        text = f"{k}&nbsp;=&nbsp;{html.escape(format_value(values[k], ', '))}"
        if bold:
            return f"<strong>{text}</strong> (paper: {html.escape(format_value(paper[k], ', '))})"
        return text

    head = "Rerun with xbec for these parameters: " if changed else "Rerun with the paper's parameters: "
    parts = [item(k, True) for k in changed] + [item(k, False) for k in same]
    return head + "; ".join(parts)


def run_page(validated: Validated, notebooks: Sequence[str], out: Path, all_default: bool = False) -> str:
    """Markdown of the page *This run* (``all_default``: the run had the default notebooks)."""
    paper = defaults()
    rows = [
        f"| `{k}` | {format_value(validated.values[k], ', ')} | {format_value(paper[k], ', ')} | "
        f"{'**changed**' if validated.values[k] != paper[k] else ''} |"
        for k in NAMES
    ]
    changed = validated.changed()
    argv = " ".join(f"--param {k}={format_value(v)}" for k, v in changed.items())
    return "\n".join(
        [
            "# This run",
            "",
            "The chapters of this book were executed by `xbec run` with the parameters",
            "below (the paper's values in the third column). Every number, table and",
            "figure on the following pages is computed from them; the text around them",
            "was written for the paper's parameters, so a statement such as",
            "\"0.71 ≤ λ ≤ 0.88\" in the prose may no longer describe the numbers.",
            "",
            "| parameter | this run | paper | |",
            "|---|---:|---:|---|",
            *rows,
            "",
            "Repeat this run with",
            "",
            "```bash",
            f"xbec run {argv}".rstrip()
            + ("" if all_default else f" --notebooks {' '.join(notebooks)}")
            + " --book",
            "```",
            "",
            f"or `xbec run --params {out.name}/manifest.json`. The run directory's",
            "`manifest.json` records the package versions, the time each notebook took",
            "and the SHA-256 of every table and figure.",
            "",
        ]
    )


def _toc_notebooks(toc: Mapping) -> list[str]:
    """Stems of the ``notebooks/NAME`` entries of a table of contents."""
    found: list[str] = []

    def walk(entries):
        for entry in entries or []:
            f = str(entry.get("file", ""))
            if f.startswith("notebooks/"):
                found.append(f[len("notebooks/"):])
            walk(entry.get("sections"))
            walk(entry.get("chapters"))

    walk(toc.get("parts"))
    walk(toc.get("chapters"))
    return found


def _with_run_page(toc: dict) -> dict:
    """``toc`` with the page *This run* first."""
    toc = dict(toc)
    if "parts" in toc:
        toc["parts"] = [{"caption": "This run", "chapters": [{"file": "this_run"}]}, *toc["parts"]]
    else:
        toc["chapters"] = [{"file": "this_run"}, *(toc.get("chapters") or [])]
    return toc


def _title(path: Path) -> str:
    """The first markdown heading of a notebook (its page title)."""
    try:
        nb = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return path.stem
    for cell in nb.get("cells", []):
        if cell.get("cell_type") != "markdown":
            continue
        src = cell.get("source", "")
        for line in ("".join(src) if isinstance(src, list) else src).splitlines():
            if line.startswith("# "):
                return line[2:].strip()
    return path.stem


def default_output_dir(path: Path) -> str | None:
    """The literal default of ``output_dir`` in a notebook's ``parameters`` cell, if any."""
    import ast

    try:
        nb = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    for cell in nb.get("cells", []):
        if "parameters" not in cell.get("metadata", {}).get("tags", []):
            continue
        src = cell.get("source", "")
        try:
            tree = ast.parse("".join(src) if isinstance(src, list) else src)
        except SyntaxError:
            return None
        for stmt in tree.body:
            if (
                isinstance(stmt, ast.Assign)
                and any(isinstance(t, ast.Name) and t.id == "output_dir" for t in stmt.targets)
                and isinstance(stmt.value, ast.Constant)
                and isinstance(stmt.value.value, str)
            ):
                return stmt.value.value
        return None
    return None


def _link_or_copy(src: str, dst: str) -> None:
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)


# What a run directory holds besides the notebooks' outputs.
_NOT_OUTPUTS = {"notebooks", "book", "manifest.json"}


def not_run_page(title: str, name: str) -> str:
    """Markdown standing in for a chapter that was not part of the run."""
    return (
        f"# {title}\n\n"
        f"This chapter (`notebooks/{name}.ipynb`) was not executed in this run, so it has no "
        "numbers for these parameters. Run it with\n"
        f"`xbec run --notebooks {name} ...`, or all chapters by leaving out `--notebooks`.\n"
    )


def status_page(durations: Mapping[str, float], versions: Mapping[str, str | None]) -> str:
    """Markdown of the run's status page: time per notebook and software versions."""
    rows = [f"| `{n}` | {s:.1f} |" for n, s in durations.items()]
    vrows = [f"| {k} | {v} |" for k, v in versions.items() if v]
    return "\n".join(
        [
            "# Run status",
            "",
            "How long each notebook took to execute in this run (`xbec run`, papermill),",
            "and which versions of Python and of the packages produced the numbers and",
            "figures of the other chapters. The same information, with the SHA-256 of",
            "every output, is in the run directory's `manifest.json`.",
            "",
            "## Execution time per notebook",
            "",
            "| notebook | seconds |",
            "|---|---:|",
            *rows,
            "",
            "## Software versions",
            "",
            "| package | version |",
            "|---|---|",
            *vrows,
            "",
        ]
    )


def build_book(
    root: Path,
    run: Path,
    final: Path,
    notebooks: Sequence[str],
    validated: Validated,
    *,
    durations: Mapping[str, float] | None = None,
    versions: Mapping[str, str | None] | None = None,
    log: TextIO | None = None,
) -> Path:
    """Build ``run/book/`` (HTML) from ``run/notebooks/*.ipynb``; returns the index page.

    ``final`` is where the run directory will end up (for the page *This run*).
    Raises :class:`xbec.run.RunError` if Jupyter Book fails.
    """
    import yaml

    from .run import RunError

    log = sys.stderr if log is None else log
    src = run / ".book-src"
    build = run / ".book-build"
    src.mkdir()
    try:
        cfg = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))
        toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))

        # Prose pages, bibliography and the local extension (small); MathJax is
        # referenced in place (it is copied into the HTML's _static/ by Sphinx).
        shutil.copytree(
            root / "book", src / "book",
            ignore=shutil.ignore_patterns("_vendor", "_schemas", "__pycache__"),
        )
        (src / "notebooks").mkdir()
        for name in notebooks:
            shutil.copy2(run / "notebooks" / f"{name}.ipynb", src / "notebooks" / f"{name}.ipynb")
        # The chapters link to their outputs relative to the default output_dir
        # of their parameters cell (e.g. {download}`outputs/fig.png`): the
        # run's outputs go there.
        targets = set()
        for name in notebooks:
            rel = default_output_dir(root / "notebooks" / f"{name}.ipynb")
            if rel and not os.path.isabs(rel) and ".." not in Path(rel).parts:
                targets.add(src / "notebooks" / rel)
        for target in sorted(targets):
            target.mkdir(parents=True, exist_ok=True)
            for item in run.iterdir():
                if item.name in _NOT_OUTPUTS or item.name.startswith("."):
                    continue
                if item.is_dir():
                    shutil.copytree(item, target / item.name, copy_function=_link_or_copy, dirs_exist_ok=True)
                else:
                    _link_or_copy(str(item), str(target / item.name))
        # Chapters of the book that were not run keep their place (and the
        # links to them work): the status page reports this run, the others
        # say that they were not executed.
        for name in _toc_notebooks(toc):
            if name in notebooks:
                continue
            page = src / "notebooks" / f"{name}.md"
            if name == "status":
                page.write_text(status_page(durations or {}, versions or {}), encoding="utf-8")
            else:
                page.write_text(not_run_page(_title(root / "notebooks" / f"{name}.ipynb"), name), encoding="utf-8")
        from .run import discover, select

        default = [nb.name for nb in select(discover(root), None)]
        (src / "this_run.md").write_text(
            run_page(validated, notebooks, final, all_default=list(notebooks) == default), encoding="utf-8"
        )

        cfg["title"] = f"{cfg.get('title', 'xbec')} (rerun)"
        cfg.setdefault("execute", {})["execute_notebooks"] = "off"
        sphinx_cfg = cfg.setdefault("sphinx", {}).setdefault("config", {}) or {}
        cfg["sphinx"]["config"] = sphinx_cfg
        vendor = root / "book" / "_vendor"
        static = [str(vendor)] if vendor.is_dir() else []
        sphinx_cfg["html_static_path"] = static
        if not (vendor / "mathjax" / "tex-chtml-full.js").exists():
            print(
                "xbec run --book: warning: no offline MathJax in book/_vendor/mathjax "
                "(run `make mathjax`); equations will not render",
                file=log,
            )
        theme = sphinx_cfg.setdefault("html_theme_options", {}) or {}
        sphinx_cfg["html_theme_options"] = theme
        theme["announcement"] = announcement(validated.values)
        (src / "_config.yml").write_text(yaml.safe_dump(cfg, sort_keys=False, allow_unicode=True), encoding="utf-8")
        (src / "_toc.yml").write_text(
            yaml.safe_dump(_with_run_page(toc), sort_keys=False, allow_unicode=True), encoding="utf-8"
        )

        cmd = [
            sys.executable, "-c", "import sys; from jupyter_book.cli.main import main; sys.exit(main())",
            "build", str(src), "--path-output", str(build), "--builder", "html", "-n", "--keep-going",
        ]
        env = dict(os.environ)
        env.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
        logfile = run / ".book-build.log"
        with logfile.open("w", encoding="utf-8") as fh:
            proc = subprocess.Popen(cmd, stdout=fh, stderr=subprocess.STDOUT, env=env, start_new_session=True)
            try:
                status = proc.wait()
            except BaseException:  # Ctrl-C / SIGTERM: stop the build before the run directory goes
                try:
                    os.killpg(proc.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                proc.wait()
                raise
        text = logfile.read_text(encoding="utf-8", errors="replace")
        html_dir = build / "_build" / "html"
        if status != 0 or not (html_dir / "index.html").exists():
            tail = "\n".join(text.splitlines()[-30:])
            raise RunError(f"the HTML companion did not build (jupyter-book exit {status}):\n{tail}")
        warnings = [ln for ln in text.splitlines() if "WARNING" in ln]
        if warnings:
            print(f"xbec run --book: {len(warnings)} Sphinx warning(s), e.g. {warnings[0].strip()}", file=log)
        shutil.move(str(html_dir), str(run / "book"))
        for junk in (".buildinfo",):
            (run / "book" / junk).unlink(missing_ok=True)
        logfile.unlink()
        return run / "book" / "index.html"
    finally:
        shutil.rmtree(src, ignore_errors=True)
        shutil.rmtree(build, ignore_errors=True)
