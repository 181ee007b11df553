"""Consistency checks of the Jupyter Book companion's configuration (no network).

- _toc.yml: every entry exists, and every notebook in notebooks/ is in it;
- _config.yml: the settings the build relies on (offline MathJax, execution,
  extensions, exclusions);
- each notebook is a jupytext pair notebooks/<name>.ipynb + .py with the same
  cells, and the .ipynb is committed without outputs;
- book/references.bib has the paper and its references;
- CITATION.cff is valid Citation File Format 1.2.0 (schema in book/_schemas/,
  the schema of the citation-file-format project, CC-BY-4.0, as shipped by
  cffconvert 2.0.0).

The checks that need PyYAML, jupytext or jsonschema skip when these are not
installed (plain `make test` installs only the `test` extra); `make book`
installs the `book` extra and runs this file before building.
"""

from __future__ import annotations

import json
import re
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"

REQUIRED_BIB_KEYS = {
    "wei2024", "du2018", "chan2017", "he2012", "nikkhoo2018", "wang2017",
    "chen2013", "lejarza2022", "zhao2022", "wen2019", "li2022", "yang2020",
    "hu2011", "yang2023", "he2018", "zennyo2020",
}


def _yaml():
    return pytest.importorskip("yaml", reason="PyYAML not installed (book extra)")


def _load_yaml(path: Path):
    return _yaml().safe_load(path.read_text(encoding="utf-8"))


def _toc_files(toc: dict) -> list[str]:
    files = [toc["root"]]

    def walk(entries):
        for entry in entries or []:
            if "file" in entry:
                files.append(entry["file"])
            walk(entry.get("sections"))

    for part in toc.get("parts", []):
        walk(part.get("chapters"))
    walk(toc.get("chapters"))
    return files


def _notebook_names() -> set[str]:
    return {p.stem for p in NOTEBOOKS.glob("*.ipynb")} | {p.stem for p in NOTEBOOKS.glob("*.py")}


# --------------------------------------------------------------------------- TOC


def test_toc_entries_exist_once():
    toc = _load_yaml(ROOT / "_toc.yml")
    assert toc["format"] == "jb-book"
    files = _toc_files(toc)
    assert len(files) == len(set(files)), "duplicate TOC entries"
    for entry in files:
        assert not Path(entry).suffix, f"TOC entry {entry!r}: give it without extension"
        sources = [ROOT / f"{entry}{ext}" for ext in (".md", ".ipynb") if (ROOT / f"{entry}{ext}").exists()]
        assert len(sources) == 1, f"TOC entry {entry!r}: expected one of .md/.ipynb, found {sources}"


def test_every_notebook_is_in_the_toc():
    toc_files = set(_toc_files(_load_yaml(ROOT / "_toc.yml")))
    orphans = sorted(n for n in _notebook_names() if f"notebooks/{n}" not in toc_files)
    assert not orphans, f"notebooks missing from _toc.yml (they would be neither built nor executed): {orphans}"


def test_book_pages_required_by_the_companion():
    files = _toc_files(_load_yaml(ROOT / "_toc.yml"))
    assert files[0] == "book/intro"
    for page in ("book/references", "book/cite", "notebooks/status",
                 "notebooks/replication_report"):
        assert page in files


# ------------------------------------------------------------------------ config


def test_config_builds_offline_and_strictly():
    cfg = _load_yaml(ROOT / "_config.yml")
    assert cfg["only_build_toc_files"] is True
    assert cfg["execute"]["execute_notebooks"] == "force"  # `make book-warm` rewrites it
    assert cfg["execute"]["allow_errors"] is False
    for pattern in (".venv", "_build", "runs", "benchmarks", "tests", "README.md",
                    "notebooks/*.py", "book/_vendor"):
        assert pattern in cfg["exclude_patterns"], pattern
    assert {"amsmath", "dollarmath"} <= set(cfg["parse"]["myst_enable_extensions"])
    sphinx = cfg["sphinx"]
    assert {"sphinx_proof", "sphinxcontrib.bibtex"} <= set(sphinx["extra_extensions"])
    conf = sphinx["config"]
    assert conf["numfig"] is True and conf["math_numfig"] is True
    # MathJax from the book itself, never from a CDN.
    assert "://" not in conf["mathjax_path"]
    assert conf["mathjax_path"].startswith("mathjax/")
    assert conf["html_static_path"] == ["book/_vendor"]
    assert conf.get("nb_ipywidgets_js") == {}, "widget JS would load from a CDN"
    for bib in cfg["bibtex_bibfiles"]:
        assert (ROOT / bib).is_file(), bib
    # No GitHub-less repository URL (it crashes sphinx-book-theme).
    url = (cfg.get("repository") or {}).get("url", "")
    assert not url or url.startswith("https://github.com/")


def test_no_root_static_folder():
    # Jupyter Book 1 would add a top-level _static/ to html_static_path and then
    # inject every .js file of every static path (all of MathJax) as a <script>.
    assert not (ROOT / "_static").exists(), "use book/ for static assets, not _static/"


def test_make_targets_exist():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in ("book:", "book-warm:", "browser-test:", "sync:"):
        assert re.search(rf"(?m)^{re.escape(target)}", makefile), target


# ------------------------------------------------------- environment / pyproject


# environment.yml and the lock files: tests/test_release.py


# ---------------------------------------------------------------------- notebooks


def _cells(nb) -> list[tuple[str, str, tuple[str, ...]]]:
    return [
        (c.cell_type, c.source.strip(), tuple(c.metadata.get("tags", ())))
        for c in nb.cells
        if c.cell_type in ("code", "markdown")
    ]


@pytest.mark.parametrize("name", sorted(_notebook_names()))
def test_notebook_pair_in_sync(name):
    jupytext = pytest.importorskip("jupytext", reason="jupytext not installed (book extra)")
    ipynb, py = NOTEBOOKS / f"{name}.ipynb", NOTEBOOKS / f"{name}.py"
    assert ipynb.exists() and py.exists(), f"{name}: needs both .ipynb and .py (run `make sync`)"
    a, b = jupytext.read(ipynb), jupytext.read(py)
    assert _cells(a) == _cells(b), f"{name}.ipynb and {name}.py differ: run `make sync`"
    assert a.metadata.get("kernelspec", {}).get("name") == "python3", f"{name}: kernelspec must be python3"


@pytest.mark.parametrize("name", sorted(p.stem for p in NOTEBOOKS.glob("*.ipynb")))
def test_notebook_committed_without_outputs(name):
    nb = json.loads((NOTEBOOKS / f"{name}.ipynb").read_text(encoding="utf-8"))
    for i, cell in enumerate(nb["cells"]):
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [], f"{name}.ipynb cell {i} has outputs"
            assert cell["execution_count"] is None, f"{name}.ipynb cell {i} has an execution count"


@pytest.mark.parametrize("name", sorted(p.stem for p in NOTEBOOKS.glob("*.ipynb")))
def test_notebook_has_a_parameters_cell(name):
    nb = json.loads((NOTEBOOKS / f"{name}.ipynb").read_text(encoding="utf-8"))
    tagged = [c for c in nb["cells"] if "parameters" in c.get("metadata", {}).get("tags", [])]
    assert len(tagged) == 1 and tagged[0]["cell_type"] == "code", (
        f"{name}.ipynb: expected one code cell tagged `parameters` (for papermill)"
    )


# -------------------------------------------------------------------- references


def test_bibliography_has_the_paper_and_its_references():
    text = (ROOT / "book/references.bib").read_text(encoding="utf-8")
    keys = re.findall(r"(?m)^@\w+\{([^,\s]+),", text)
    assert len(keys) == len(set(keys)), "duplicate BibTeX keys"
    missing = REQUIRED_BIB_KEYS - set(keys)
    assert not missing, missing
    references = (ROOT / "book/references.md").read_text(encoding="utf-8")
    assert "{bibliography}" in references


# ---------------------------------------------------------------- CITATION / LICENSE


def _load_cff():
    yaml = _yaml()

    class StringDates(yaml.SafeLoader):
        """CFF dates are strings (format: date); do not turn them into date objects."""

    StringDates.yaml_implicit_resolvers = {
        k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
        for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    return yaml.load((ROOT / "CITATION.cff").read_text(encoding="utf-8"), Loader=StringDates)


def test_citation_cff_is_valid_cff_1_2_0():
    jsonschema = pytest.importorskip("jsonschema", reason="jsonschema not installed (book extra)")
    cff = _load_cff()
    schema = json.loads((ROOT / "book/_schemas/cff-1.2.0.schema.json").read_text(encoding="utf-8"))
    assert cff["cff-version"] == "1.2.0"
    jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker()).validate(cff)


def test_citation_cff_agrees_with_pyproject():
    cff = _load_cff()
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert str(cff["version"]) == project["version"]
    assert cff["license"] == ["MIT", "CC-BY-4.0"]  # code, text (tests/test_release.py checks the rest)
    # The replicated paper is credited as a reference of the package.
    (paper,) = [r for r in cff["references"] if r.get("journal") == "Global Academic Frontiers"]
    assert [a["family-names"] for a in paper["authors"]] == ["Wei", "Yang", "Ou"]
    assert (paper["year"], paper["volume"], paper["issue"]) == (2024, 2, 1)


def test_license_has_code_and_text_sections():
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert "MIT License" in text and "Permission is hereby granted, free of charge" in text
    assert "Creative Commons Attribution 4.0 International" in text


if __name__ == "__main__":  # pragma: no cover
    sys.exit(pytest.main([__file__, "-q"]))
