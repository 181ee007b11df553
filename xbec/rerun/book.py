"""``xbec run --book``: the HTML book of one run in ``RUN/book/``, from its executed notebooks (not executed again).

Added to the book's sources: a page *This run*, the parameters in an announcement bar, a landing page that counts
nothing against the paper for other parameters, and a stub for each chapter left out.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import TextIO

from .params import NAMES, Validated, defaults, format_value
from .run import NOTEBOOK_DIR, RunError


def announcement(validated: Validated) -> str:
    """HTML of the announcement bar: every parameter, those changed from the paper first, in bold."""
    paper, changed = defaults(), validated.changed()
    val = {k: html.escape(format_value(x, ", ")) for k, x in validated.values.items()}
    items = [
        f"<strong>{k}&nbsp;=&nbsp;{val[k]}</strong> (paper: {html.escape(format_value(paper[k], ', '))})"
        for k in changed
    ]
    items += [f"{k}&nbsp;=&nbsp;{val[k]}" for k in NAMES if k not in changed]
    lead = "Rerun with xbec for these parameters: " if changed else "Rerun with the paper's parameters: "
    return lead + "; ".join(items)


def run_page(validated: Validated) -> str:
    """Markdown of the page *This run*: the parameters, warnings and the command that repeats the run."""
    rows = [
        f"| `{k}` | {format_value(validated.values[k], ', ')} | {format_value(v, ', ')} |"
        for k, v in defaults().items()
    ]
    argv = " ".join(f"--param {k}={format_value(v)}" for k, v in validated.changed().items())
    warn = "".join(
        "> Warning: " + re.sub(r"(--[a-z][\w-]*(?: [a-z]\w*=\S*|=\S*)?)", r"`\1`", w) + "\n\n"
        for w in validated.warnings
    )
    command = " ".join(["xbec run", argv, "--book"]).replace("  ", " ")
    return f"""# This run

These chapters were executed by `xbec run` with the parameters below;
the prose was written for the paper's values and may not describe these numbers.

{warn}| parameter | this run | paper |
|---|---:|---:|
{"".join(r + chr(10) for r in rows)}
Repeat it with (plain ASCII, copy and paste):

```sh
{command}
```
"""


def landing(intro: str, validated: Validated) -> str:
    """``book/intro.md`` of a rerun: the paper-comparison counts replaced by one line saying they do not apply."""
    changed = validated.changed()
    if not changed:
        return intro
    names = ", ".join(f"{k}={format_value(v, ', ')}" for k, v in changed.items())
    line = (
        f"This run's parameters differ from the paper's ({names}): the comparison with the paper's "
        "printed numbers applies to the paper's parameters only, so none of this run's numbers is "
        "counted as reproduced or as a discrepancy (see the page *This run*)."
    )
    block = re.compile(r"^The numbers\n:[^\n]*\n(?:(?:[ \t]+[^\n]*)?\n)*", re.M)
    if block.search(intro):
        return block.sub(lambda m: f"The numbers\n: {line}\n\n", intro, count=1)
    title, _, rest = intro.partition("\n")  # the landing page changed shape: say it under its title
    return f"{title}\n\n> {line}\n{rest}"


def build_book(root: Path, run: Path, notebooks: list[str], validated: Validated, log: TextIO) -> Path:
    """Build ``run/book/`` (HTML) from ``run/notebooks/*.ipynb``; returns its index page."""
    import yaml
    from sphinx_external_toc.parsing import parse_toc_yaml

    src, build = run / ".book-src", run / ".book-build"
    try:
        shutil.copytree(root / "book", src / "book", ignore=shutil.ignore_patterns("_vendor", "__pycache__"))
        shutil.copytree(run / NOTEBOOK_DIR, src / NOTEBOOK_DIR)
        top = {NOTEBOOK_DIR, "manifest.json"}  # the chapters' output_dir: the run without these
        shutil.copytree(
            run,
            src / NOTEBOOK_DIR / "outputs",
            ignore=lambda d, ns: {n for n in ns if n[0] == "." or n in top} if d == str(run) else set(),
        )
        for doc in parse_toc_yaml(root / "_toc.yml"):
            if doc.startswith(NOTEBOOK_DIR + "/") and (name := doc.split("/", 1)[1]) not in notebooks:
                stub = f"# {name}\n\nThis chapter was not executed in this run; run it with `xbec run --notebooks {name}`.\n"
                (src / f"{doc}.md").write_text(stub, encoding="utf-8")
        (src / "this_run.md").write_text(run_page(validated), encoding="utf-8")
        intro = src / "book" / "intro.md"
        if intro.exists():
            intro.write_text(landing(intro.read_text(encoding="utf-8"), validated), encoding="utf-8")
        cfg, toc = (yaml.safe_load((root / f).read_text(encoding="utf-8")) for f in ("_config.yml", "_toc.yml"))
        toc["parts"] = [{"caption": "This run", "chapters": [{"file": "this_run"}]}, *toc.get("parts", [])]
        cfg["title"] = f"{cfg.get('title', 'xbec')} (rerun)"
        cfg.setdefault("execute", {})["execute_notebooks"] = "off"
        sphinx = cfg.setdefault("sphinx", {}).setdefault("config", {})
        sphinx["html_static_path"] = [str(root / "book" / "_vendor")] if (root / "book" / "_vendor").is_dir() else []
        sphinx.setdefault("html_theme_options", {})["announcement"] = announcement(validated)
        for name, data in (("_config.yml", cfg), ("_toc.yml", toc)):
            (src / name).write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
        jb = [sys.executable, "-c", "from jupyter_book.cli.main import main; main()", "build", str(src)]
        proc = subprocess.run([*jb, "--path-output", str(build), "-n", "--keep-going"], capture_output=True, text=True)
        index, lines = build / "_build" / "html" / "index.html", (proc.stdout + proc.stderr).splitlines()
        if proc.returncode != 0 or not index.exists():
            raise RunError("the HTML book of the run did not build:\n" + "\n".join(lines[-30:]))
        if warnings := [ln for ln in lines if "WARNING" in ln]:
            print(f"xbec run --book: {len(warnings)} Sphinx warning(s), e.g. {warnings[0].strip()}", file=log)
        shutil.move(index.parent, run / "book")
        (run / "book" / ".buildinfo").unlink(missing_ok=True)
        return run / "book" / "index.html"
    finally:
        shutil.rmtree(src, ignore_errors=True)
        shutil.rmtree(build, ignore_errors=True)
