"""``xbec run`` end to end: papermill executes notebooks in a real Jupyter kernel.

Two kinds of notebooks:

* small synthetic notebooks written by the fixtures (a table-and-figure
  notebook, a failing one, a slow one) pin down the runner's contract —
  what is injected, the manifest, all-or-nothing on failure, ``--force``,
  SIGINT/SIGTERM leaving nothing behind (kernels included);
* the repository's own chapters, run once with the paper's parameters and
  once with an alternative set (beta = 300, c = 20): the run's tables are
  those :mod:`xbec.replication.numerics` computes for the parameters, and differ between
  the two runs as it predicts; ``--book`` builds the HTML companion of a run.

Needs papermill and a kernel (the ``run`` or ``book`` extra); skipped without
them, i.e. in a plain ``make test`` (``.[test]`` only). The runs of the chapters
also need ``XBEC_RUN_TESTS=1`` (minutes on 2 cores). CI: ``make test-run``.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("papermill", reason="papermill not installed: pip install -e '.[run]' (make test-run)")
pytest.importorskip("ipykernel", reason="ipykernel not installed: pip install -e '.[run]' (make test-run)")
nbformat = pytest.importorskip("nbformat", reason="nbformat not installed (run extra)")
pytest.importorskip("yaml", reason="PyYAML not installed (run extra)")

import xbec  # noqa: E402
from xbec.replication import numerics  # noqa: E402
from xbec.rerun import params as rp  # noqa: E402
from xbec.rerun import run as R  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
ALT = {"beta": 300.0, "c": 20.0}


def xbec_cmd(*args: str, cwd: Path, timeout: float = 300) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    return subprocess.run(
        [sys.executable, "-m", "xbec", *args], cwd=cwd, capture_output=True, text=True, timeout=timeout, env=env
    )


def read_csv(path: Path) -> dict[str, np.ndarray]:
    with path.open() as fh:
        rows = list(csv.reader(fh))
    return {h: np.array([float(r[i]) for r in rows[1:]]) for i, h in enumerate(rows[0])}


def files(path: Path) -> list[str]:
    return sorted(p.relative_to(path).as_posix() for p in path.rglob("*") if p.is_file())


def leftovers(parent: Path) -> list[str]:
    return sorted(p.name for p in parent.iterdir() if ".partial-" in p.name or ".old-" in p.name)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --------------------------------------------------------------------------- synthetic notebooks

PARAMS_CELL = """\
# Parameters (papermill injects overrides after this cell).
beta = 200.0
c = 10.0
lam_min, lam_max, lam_step = 0.71, 0.88, 0.01
n_points = 3          # a parameter of this notebook only: never injected
output_dir = "."
"""

TABLE_CELL = """\
import json, os
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
import xbec
from xbec.replication import numerics
hp = xbec.HorizontalParams(beta=beta, c=c)
grid = numerics.lambda_grid(lam_min, lam_max, lam_step)
t = numerics.table1(hp, grid)
t = {k: t[k] for k in ("lambda", "p", "w", "s", "pi_platform", "pi_manufacturer", "pi_total")}
with open(os.path.join(output_dir, "table1.csv"), "w") as fh:
    fh.write(numerics.to_csv(t))
fig, ax = plt.subplots()
ax.plot(t["lambda"], t["pi_total"])
for ext in ("png", "svg"):
    fig.savefig(os.path.join(output_dir, f"fig_synthetic.{ext}"))
json.dump({"beta": beta, "c": c, "n_points": n_points, "cwd": os.getcwd()},
          open(os.path.join(output_dir, "seen.json"), "w"))
"""

SLOW_CELL = """\
import os, time
with open(os.path.join(output_dir, "kernel.pid"), "w") as fh:
    fh.write(str(os.getpid()))
for i in range(1200):
    os.makedirs(output_dir, exist_ok=True)   # would re-create a removed directory
    open(os.path.join(output_dir, f"tick{i}.txt"), "w").close()
    time.sleep(0.05)
"""


def _notebook(path: Path, cells: list[str], parameters: str | None = PARAMS_CELL) -> None:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells.append(nbformat.v4.new_markdown_cell(f"# {path.stem}"))
    if parameters is not None:
        p = nbformat.v4.new_code_cell(parameters)
        p.metadata["tags"] = ["parameters"]
        nb.cells.append(p)
    nb.cells += [nbformat.v4.new_code_cell(src) for src in cells]
    nbformat.write(nb, path)


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("synthetic")
    (root / "notebooks").mkdir()
    (root / "_toc.yml").write_text(
        "format: jb-book\nroot: intro\nchapters:\n"
        "  - file: notebooks/tables\n  - file: notebooks/prose\n"
    )
    _notebook(root / "notebooks" / "tables.ipynb", [TABLE_CELL])
    _notebook(root / "notebooks" / "bad.ipynb", ["x = 1", "raise ValueError(f'no good for beta={beta}')"])
    _notebook(root / "notebooks" / "slow.ipynb", [SLOW_CELL])
    _notebook(root / "notebooks" / "prose.ipynb", ["print('no parameters')"], parameters=None)
    return root


def test_run_writes_tables_figures_notebooks_manifest(synthetic, tmp_path):
    res = xbec_cmd("run", "--root", str(synthetic), "--param", "beta=300", "--param", "c=20",
                   "--out", "out/alt", cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    out = tmp_path / "out" / "alt"
    assert res.stdout.strip() == str(out)
    assert "[1/1] tables ok (" in res.stderr
    assert files(out) == [
        "fig_synthetic.png", "fig_synthetic.svg", "manifest.json", "notebooks/tables.ipynb",
        "seen.json", "table1.csv", "table2.csv",
    ]
    assert leftovers(tmp_path / "out") == []

    # the notebook saw the injected values; its own parameter kept its default
    seen = json.loads((out / "seen.json").read_text())
    assert (seen["beta"], seen["c"], seen["n_points"]) == (300.0, 20.0, 3)
    t1 = read_csv(out / "table1.csv")
    want = rp.paper_table1(xbec.HorizontalParams(beta=300, c=20), numerics.lambda_grid())
    assert list(t1) == list(rp.TABLE1_COLUMNS)
    for k in want:
        np.testing.assert_allclose(t1[k], want[k], rtol=1e-12)

    # executed notebook: papermill's cell with exactly the declared names + output_dir (final path)
    nb = nbformat.read(out / "notebooks" / "tables.ipynb", as_version=4)
    injected = [c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert len(injected) == 1
    assert nb.metadata.papermill.parameters == {
        "beta": 300.0, "c": 20.0, "lam_min": 0.71, "lam_max": 0.88, "lam_step": 0.01, "output_dir": str(out),
    }
    assert ".partial-" not in injected[0].source and str(out) in injected[0].source
    assert all(o.get("output_type") != "error" for c in nb.cells for o in c.get("outputs", []))

    m = json.loads((out / "manifest.json").read_text())
    for key in ("parameters", "xbec_version", "packages", "started", "finished", "seconds", "notebooks", "outputs"):
        assert key in m
    assert m["parameters"] == {**rp.defaults(), **ALT}
    assert m["changed_from_paper"] == ALT
    assert m["xbec_version"] == xbec.__version__
    assert m["packages"]["papermill"] and m["packages"]["numpy"] == np.__version__ and m["packages"]["python"]
    assert m["started"] <= m["finished"]
    assert m["notebooks"]["tables"]["seconds"] > 0
    assert m["tables_written_by_runner"] == ["table2.csv"]
    assert set(m["outputs"]) == set(files(out)) - {"manifest.json"}
    for rel, digest in m["outputs"].items():
        assert sha256(out / rel) == digest, rel


def test_other_models_beta_is_not_injected(synthetic, tmp_path):
    """A notebook whose `beta` is another quantity (default 0.6, not 200) runs with its own value."""
    nb_path = synthetic / "notebooks" / "other.ipynb"
    if not nb_path.exists():
        _notebook(nb_path, ["import json, os\njson.dump({'beta': beta, 'c': c}, open(os.path.join(output_dir, 'other.json'), 'w'))"],
                  parameters="beta = 0.6  # substitutability\nc = 10.0\noutput_dir = 'outputs'\n")
    res = xbec_cmd("run", "--root", str(synthetic), "-n", "other", "-p", "beta=300", "-p", "c=20", "--out", "o", cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    assert "warning: other: beta not injected: its parameters cell sets beta = 0.6" in res.stderr
    assert json.loads((tmp_path / "o" / "other.json").read_text()) == {"beta": 0.6, "c": 20.0}
    m = json.loads((tmp_path / "o" / "manifest.json").read_text())
    assert set(m["not_injected"]) == {"other"} and set(m["not_injected"]["other"]) == {"beta"}
    assert m["notebooks"]["other"]["injected"] == {"c": 20.0, "output_dir": str(tmp_path / "o")}


def test_failing_notebook_exits_1_names_cell_and_writes_nothing(synthetic, tmp_path):
    res = xbec_cmd("run", "--root", str(synthetic), "--notebooks", "tables", "bad", "--out", "new/DIR", cwd=tmp_path)
    assert res.returncode == 1
    assert "notebook bad failed in cell 4 of notebooks/bad.ipynb" in res.stderr
    assert "raise ValueError" in res.stderr and "ValueError: no good for beta=200.0" in res.stderr
    assert list(tmp_path.iterdir()) == []  # not even the parent `new/`


def test_failure_keeps_an_earlier_run_even_with_force(synthetic, tmp_path):
    (tmp_path / "DIR").mkdir()
    (tmp_path / "DIR" / "earlier.txt").write_text("earlier run")
    res = xbec_cmd("run", "--root", str(synthetic), "--notebooks", "bad", "--out", "DIR", "--force", cwd=tmp_path)
    assert res.returncode == 1
    assert files(tmp_path) == ["DIR/earlier.txt"]


def test_force_replaces_only_after_success(synthetic, tmp_path):
    (tmp_path / "DIR").mkdir()
    (tmp_path / "DIR" / "earlier.txt").write_text("earlier run")
    res = xbec_cmd("run", "--root", str(synthetic), "--out", "DIR", cwd=tmp_path)
    assert res.returncode == 2 and "exists; use --force" in res.stderr
    res = xbec_cmd("run", "--root", str(synthetic), "--out", "DIR", "--force", "-p", "c=12", cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    assert "earlier.txt" not in files(tmp_path / "DIR") and "manifest.json" in files(tmp_path / "DIR")
    assert json.loads((tmp_path / "DIR" / "seen.json").read_text())["c"] == 12.0
    assert leftovers(tmp_path) == []


def test_default_out_is_runs_timestamp(synthetic, tmp_path):
    res = xbec_cmd("run", "--root", str(synthetic), cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    (run,) = (tmp_path / "runs").iterdir()
    assert len(run.name) == len("20240101-120000") and run.name[8] == "-"
    assert (run / "manifest.json").exists() and (run / "notebooks" / "tables.ipynb").exists()


def test_existing_empty_dir_is_not_an_earlier_run(synthetic, tmp_path):
    (tmp_path / "EMPTY").mkdir()
    res = xbec_cmd("run", "--root", str(synthetic), "--out", "EMPTY", cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    assert (tmp_path / "EMPTY" / "manifest.json").exists()
    assert leftovers(tmp_path) == []


def _dead(pid: int, wait: float = 10) -> bool:
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        try:
            with open(f"/proc/{pid}/stat") as fh:
                if fh.read().split(") ")[1].startswith("Z"):
                    return True  # zombie: killed, waiting to be reaped
        except FileNotFoundError:
            return True
        time.sleep(0.1)
    return False


@pytest.mark.parametrize("sig, code", [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_interrupted_run_leaves_nothing(synthetic, tmp_path, sig, code):
    proc = subprocess.Popen(
        [sys.executable, "-m", "xbec", "run", "--root", str(synthetic), "--notebooks", "tables", "slow",
         "--out", "runs/x", "--jobs", "2"],
        cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        # as from an interactive terminal: a shell that starts jobs in the background
        # (CI runners, `cmd &`) makes them ignore SIGINT, and children inherit that
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        deadline = time.monotonic() + 120
        pid_file = None
        while time.monotonic() < deadline:  # wait until the slow notebook is writing outputs
            partial = list((tmp_path / "runs").glob(".x.partial-*")) if (tmp_path / "runs").exists() else []
            if partial and (partial[0] / "tick3.txt").exists():
                pid_file = partial[0] / "kernel.pid"
                break
            assert proc.poll() is None, proc.communicate()
            time.sleep(0.1)
        assert pid_file is not None, "the run did not start executing"
        kernel_pid = int(pid_file.read_text())
        proc.send_signal(sig)
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == code, err
    assert "nothing was written" in err
    assert _dead(kernel_pid), "the notebook's kernel survived the interruption"
    time.sleep(0.5)  # a surviving kernel would re-create its output directory now
    assert list(tmp_path.iterdir()) == []  # no run dir, no temporary dir, not even runs/


# --------------------------------------------------------------------------- the repository's notebooks


def _default_notebooks() -> list[R.Notebook]:
    return R.select(R.discover(ROOT), None)


# Executing every chapter twice takes minutes on 2 cores: opt-in, so that a
# plain `make test` in a venv that has papermill stays fast. `make test-run` sets it.
chapters = pytest.mark.skipif(
    os.environ.get("XBEC_RUN_TESTS") != "1",
    reason="runs every chapter (minutes): set XBEC_RUN_TESTS=1 or use `make test-run`",
)


@pytest.fixture(scope="module")
def real_runs(tmp_path_factory):
    """The repository's chapters run twice: the paper's parameters and beta=300, c=20."""
    base = tmp_path_factory.mktemp("real")
    runs, times = {}, {}
    for name, args in {
        "paper": ["--params", str(ROOT / "examples" / "paper.yml")],
        "alt": ["--param", "beta=300", "--param", "c=20"],
    }.items():
        t0 = time.perf_counter()
        res = xbec_cmd("run", *args, "--out", name, cwd=base, timeout=900)
        times[name] = time.perf_counter() - t0
        assert res.returncode == 0, f"xbec run ({name}) failed:\n{res.stderr}"
        runs[name] = base / name
    print(f"\nxbec run wall time, all notebooks: {times}")
    return runs


@chapters
def test_every_chapter_executed(real_runs):
    expected = {nb.name for nb in _default_notebooks()}
    for run in real_runs.values():
        m = json.loads((run / "manifest.json").read_text())
        assert set(m["notebooks"]) == expected
        for name in expected:
            nb = nbformat.read(run / "notebooks" / f"{name}.ipynb", as_version=4)
            assert not any(o.get("output_type") == "error" for c in nb.cells for o in c.get("outputs", []))
        for rel, digest in m["outputs"].items():
            assert sha256(run / rel) == digest
        # the chapters themselves wrote Table 1 and Table 2 (the runner did not fill in)
        assert m["tables_written_by_runner"] == []
        figures = [k for k in m["outputs"] if k.endswith(".png")]
        assert figures and all(f[:-4] + ".svg" in m["outputs"] for f in figures)


@chapters
def test_injected_parameters_reach_the_notebooks(real_runs):
    m = json.loads((real_runs["alt"] / "manifest.json").read_text())
    declared = {nb.name: set(nb.parameters) for nb in _default_notebooks()}
    for name, info in m["notebooks"].items():
        skipped = set(m["not_injected"].get(name, {}))
        assert set(info["injected"]) == ((declared[name] & set(rp.NAMES)) - skipped) | {"output_dir"}
        nb = nbformat.read(real_runs["alt"] / "notebooks" / f"{name}.ipynb", as_version=4)
        got = nb.metadata.papermill.parameters
        for k in ("beta", "c"):
            if k in declared[name] and k not in skipped:
                assert got[k] == ALT[k]


@chapters
@pytest.mark.parametrize("which", ["paper", "alt"])
def test_tables_are_what_xbec_computes(real_runs, which):
    values = {**rp.defaults(), **(ALT if which == "alt" else {})}
    v = rp.validate(values)
    t1 = read_csv(real_runs[which] / "table1.csv")
    assert list(t1) == list(rp.TABLE1_COLUMNS)
    want1 = rp.paper_table1(v.horizontal, v.grid)
    for k in want1:
        np.testing.assert_allclose(t1[k], want1[k], rtol=1e-9, atol=1e-9)
    t2 = read_csv(real_runs[which] / "table2.csv")
    want2 = numerics.table2(v.horizontal, v.vertical, v.grid)
    for k in want2:
        np.testing.assert_allclose(t2[k], want2[k], rtol=1e-9, atol=1e-9)


@chapters
def test_alternative_tables_differ_as_predicted(real_runs):
    p = read_csv(real_runs["paper"] / "table1.csv")
    a = read_csv(real_runs["alt"] / "table1.csv")
    np.testing.assert_array_equal(p["lambda"], a["lambda"])
    np.testing.assert_allclose(p["p"], xbec.centralized(xbec.HorizontalParams()).p)
    np.testing.assert_allclose(a["p"], xbec.centralized(xbec.HorizontalParams(**ALT)).p)
    assert not np.allclose(p["pi_platform"], a["pi_platform"])
    pm = json.loads((real_runs["paper"] / "manifest.json").read_text())
    am = json.loads((real_runs["alt"] / "manifest.json").read_text())
    figures = sorted(k for k in pm["outputs"] if k.endswith((".png", ".svg")))
    assert figures == sorted(k for k in am["outputs"] if k.endswith((".png", ".svg")))
    if figures:  # the same figures, drawn from different numbers
        assert any(pm["outputs"][f] != am["outputs"][f] for f in figures)


def test_book_of_a_run(tmp_path):
    """``--book``: the HTML companion of a run, parameters on top of every page."""
    name = next(nb.name for nb in _default_notebooks() if "beta" in nb.parameters and not R.conflicts(nb))
    res = xbec_cmd("run", "--param", "beta=300", "--param", "c=20", "--notebooks", name, "--book",
                   "--out", "b", cwd=tmp_path, timeout=900)
    assert res.returncode == 0, res.stderr
    html_dir = tmp_path / "b" / "book"
    assert (html_dir / "index.html").exists() and (html_dir / "this_run.html").exists()
    assert (html_dir / "notebooks" / f"{name}.html").exists()
    pages = [
        p for p in html_dir.rglob("*.html")
        if p.name not in ("genindex.html", "search.html", "index.html") and p.parts[len(html_dir.parts)] not in ("_static", "_sources")
    ]
    assert pages
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert "bd-header-announcement" in text, page
        assert "<strong>beta&nbsp;=&nbsp;300</strong> (paper: 200)" in text, page
        assert "<strong>c&nbsp;=&nbsp;20</strong> (paper: 10)" in text, page
    m = json.loads((tmp_path / "b" / "manifest.json").read_text())
    assert m["book"]["index"] == "book/index.html"
    assert "book/index.html" in m["outputs"]
    assert leftovers(tmp_path) == [] and sorted(p.name for p in (tmp_path / "b").iterdir() if p.name.startswith(".")) == []
