"""The ``xbec`` command without notebooks: parameters, exit codes, tables, ledger.

Everything here runs in-process in well under a second per test and needs only
the core dependencies (tests that read YAML skip without PyYAML). The
papermill-driven runs are in tests/rerun/test_run.py.

Bad input must exit 2, name the parameter and the rule, and write nothing:
each such test runs in an empty directory and checks that it is still empty
(also when no ``--out`` is given, i.e. the default ``runs/<timestamp>``).
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import xbec
from xbec.replication import numerics
from xbec.rerun import cli
from xbec.rerun import params as rp
from xbec.rerun.params import ParameterError

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"


def run_cli(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def listing(path: Path) -> list[str]:
    return sorted(str(p.relative_to(path)) for p in path.rglob("*"))


def read_csv(text: str) -> dict[str, np.ndarray]:
    rows = list(csv.reader(io.StringIO(text)))
    header, body = rows[0], rows[1:]
    return {h: np.array([float(r[i]) for r in body]) for i, h in enumerate(header)}


@pytest.fixture
def empty_cwd(tmp_path, monkeypatch):
    """An empty working directory; the test asserts that it stays empty."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


# --------------------------------------------------------------------------- help, version


@pytest.mark.parametrize("command", [[], ["run"], ["tables"], ["ledger"], ["params"]])
def test_help_of_every_subcommand(capsys, command):
    with pytest.raises(SystemExit) as exc:
        cli.main([*command, "--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: xbec")
    if command in (["run"], ["tables"], ["params"]):
        for name in rp.NAMES:  # every parameter is documented with its rule
            assert f"\n  {name} " in out


def test_version(capsys):
    with pytest.raises(SystemExit) as exc:
        cli.main(["--version"])
    assert exc.value.code == 0
    assert capsys.readouterr().out.strip() == f"xbec {xbec.__version__}"


def test_python_dash_m_xbec_exit_codes(tmp_path):
    """The real process: `python -m xbec` returns the exit code (2 for bad input)."""
    def run(*args):
        return subprocess.run([sys.executable, "-m", "xbec", *args], cwd=tmp_path, capture_output=True, text=True)

    ok = run("tables", "--table", "1", "--format", "csv", "--param", "beta=300")
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout.startswith("lambda,p,w,s,pi_platform,pi_manufacturer,pi_total\n")
    bad = run("run", "--param", "b2=5")
    assert bad.returncode == 2
    assert "b2=5" in bad.stderr and "concavity" in bad.stderr
    assert listing(tmp_path) == []


def test_console_script_installed():
    script = Path(sys.executable).parent / "xbec"
    if not script.exists():
        pytest.skip("console script not installed (pip install -e . after adding [project.scripts])")
    res = subprocess.run([str(script), "--version"], capture_output=True, text=True)
    assert res.returncode == 0 and res.stdout.strip() == f"xbec {xbec.__version__}"


# --------------------------------------------------------------------------- parameters


def test_parameter_names_cover_the_model():
    from dataclasses import fields

    assert set(rp.HORIZONTAL) == {f.name for f in fields(xbec.HorizontalParams)}
    assert rp.VERTICAL == ("mu", "phi", "theta", "weights")
    assert rp.GRID == ("lam_min", "lam_max", "lam_step")
    d = rp.defaults()
    assert d["beta"] == 200 and d["c"] == 10 and d["mu"] == [1600, 2000, 2300, 2200]
    assert (d["lam_min"], d["lam_max"], d["lam_step"]) == (0.71, 0.88, 0.01)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("beta=300", ("beta", 300.0)),
        ("beta = 1e3", ("beta", 1000.0)),
        ("c=-0", ("c", 0.0)),
        ("mu=1600,2000,2300,2200", ("mu", [1600.0, 2000.0, 2300.0, 2200.0])),
        ("mu=[1600, 2000, 2300, 2200]", ("mu", [1600.0, 2000.0, 2300.0, 2200.0])),
        ("weights= 0.6 , 0.4 ", ("weights", [0.6, 0.4])),
    ],
)
def test_parse_assignment(text, expected):
    assert rp.parse_assignment(text) == expected


@pytest.mark.parametrize(
    "text, fragments",
    [
        ("beta", ["expected NAME=VALUE"]),
        ("=3", ["expected NAME=VALUE"]),
        ("bta=300", ["unknown parameter 'bta'", "did you mean 'beta'"]),
        ("gama1=2", ["unknown parameter 'gama1'", "did you mean 'gamma1'"]),
        ("k=5", ["unknown parameter 'k'", "did you mean 'K'"]),
        ("lambda_min=0.5", ["did you mean 'lam_min'"]),
        ("beta=abc", ["beta='abc'", "must be a number"]),
        ("beta=", ["beta=''", "must be a number"]),
        ("beta=1,2", ["beta='1,2'", "must be a number"]),
        ("mu=1600,x,2300,2200", ["mu[1]='x'", "must be a number"]),
        ("mu=", ["mu=''", "non-empty list"]),
        ("mu=[1600, 2000", ["mu=", "not a valid list"]),
        ("mu=[[1], 2]", ["mu[0]=[1]", "must be a number"]),
    ],
)
def test_parse_assignment_errors(text, fragments):
    with pytest.raises(ParameterError) as exc:
        rp.parse_assignment(text)
    for f in fragments:
        assert f in str(exc.value)


@pytest.mark.parametrize(
    "changes, fragments",
    [
        ({"b2": 5.0}, ["b2=5", "concavity", "2*b1*gamma1 - b2**2 > 0"]),
        ({"beta": -1.0}, ["beta=-1", "must be > 0"]),
        ({"c": float("nan")}, ["c=nan", "finite"]),
        ({"gamma1": 0.0}, ["gamma1=0", "must be > 0"]),
        ({"weights": [0.5, 0.6]}, ["weights=", "must sum to 1"]),
        ({"mu": [1600.0, 2000.0, 2300.0]}, ["mu has 3 members", "phi/theta have 4"]),
        ({"phi": [-1.0, 15.0, 8.0, 12.0]}, ["phi=", ">= 0"]),
        ({"lam_step": 0.0}, ["lam_step=0", "> 0"]),
        ({"lam_min": 0.9}, ["lam_min=0.9 > lam_max=0.88"]),
        ({"lam_max": 1.5}, ["lam_max", "(0, 1]"]),
        ({"beta": 15.0}, ["beta=15"]),  # beta < b1*c: no positive mark-up
    ],
)
def test_validate_domain_errors(changes, fragments):
    values = {**rp.defaults(), **changes}
    with pytest.raises(ParameterError) as exc:
        rp.validate(values)
    for f in fragments:
        assert f in str(exc.value), str(exc.value)


def test_validate_builds_the_model():
    v = rp.validate(rp.resolve(["beta=300", "c=20"]))
    assert v.horizontal == xbec.HorizontalParams(beta=300, c=20)
    assert v.vertical == xbec.VerticalParams()
    np.testing.assert_allclose(v.grid, numerics.lambda_grid())
    assert v.changed() == {"beta": 300.0, "c": 20.0}


def test_precedence_defaults_file_param(tmp_path):
    pytest.importorskip("yaml", reason="PyYAML not installed (run/book extra)")
    f = tmp_path / "p.yml"
    f.write_text("beta: 250\nc: 12\n")
    values = rp.resolve(["c=20"], [f])
    assert values["beta"] == 250 and values["c"] == 20 and values["b1"] == 2


def test_example_files():
    pytest.importorskip("yaml", reason="PyYAML not installed (run/book extra)")
    assert rp.load_file(EXAMPLES / "paper.yml") == rp.defaults()
    alt = rp.load_file(EXAMPLES / "alternative.yml")
    assert alt == {"beta": 300.0, "c": 20.0}
    rp.validate({**rp.defaults(), **alt})


def test_params_command_prints_the_paper_file(capsys):
    yaml = pytest.importorskip("yaml", reason="PyYAML not installed (run/book extra)")
    code, out, _ = run_cli(capsys, "params")
    assert code == 0
    assert yaml.safe_load(out) == yaml.safe_load((EXAMPLES / "paper.yml").read_text())
    code, out, _ = run_cli(capsys, "params", "--format", "json", "--param", "beta=300")
    assert code == 0 and json.loads(out)["beta"] == 300


def test_manifest_json_is_a_parameter_file(tmp_path):
    manifest = {"xbec_version": "0.1.0", "parameters": {**rp.defaults(), "beta": 300.0}, "outputs": {}}
    f = tmp_path / "manifest.json"
    f.write_text(json.dumps(manifest))
    assert rp.load_file(f)["beta"] == 300.0


# --------------------------------------------------------------------------- bad input: exit 2, nothing written


BAD_PARAMS = [
    (["--param", "bta=300"], ["unknown parameter 'bta'", "did you mean 'beta'"]),
    (["--param", "beta=abc"], ["beta='abc'", "must be a number"]),
    (["--param", "b2=5"], ["b2=5", "concavity"]),
    (["--param", "weights=0.5,0.6"], ["weights", "must sum to 1"]),
    (["--param", "lam_min=0.95"], ["lam_min=0.95 > lam_max=0.88"]),
    (["--param", "beta"], ["expected NAME=VALUE"]),
]


@pytest.mark.parametrize("command", ["run", "tables", "params"])
@pytest.mark.parametrize("args, fragments", BAD_PARAMS)
def test_bad_parameters_exit_2_and_write_nothing(capsys, empty_cwd, command, args, fragments):
    extra = ["--out", "DIR"] if command == "run" else []
    code, out, err = run_cli(capsys, command, *args, *extra)
    assert code == 2
    assert out == ""
    assert err.startswith("xbec: error: ")
    for f in fragments:
        assert f in err
    assert listing(empty_cwd) == []


def test_bad_parameters_without_out_create_no_runs_dir(capsys, empty_cwd):
    code, _, err = run_cli(capsys, "run", "--param", "b2=5")
    assert code == 2 and "b2=5" in err
    assert listing(empty_cwd) == []


YAML_FILES = {
    "malformed": ("beta: [300\nc: 20\n", ["malformed YAML"]),
    "not_mapping": ("- beta\n- 300\n", ["expected a mapping", "list"]),
    "scalar": ("300\n", ["expected a mapping", "int"]),
    "empty": ("", ["empty"]),
    "unknown": ("beta: 300\nbeta2: 1\n", ["unknown parameter 'beta2'", "did you mean 'beta'", "in "]),
    "non_numeric": ("beta: three hundred\n", ["beta='three hundred'", "must be a number"]),
    "bool": ("beta: yes\n", ["beta=True", "must be a number"]),
    "list_for_scalar": ("c: [1, 2]\n", ["c=[1, 2]", "single number"]),
    "scalar_for_list": ("mu: 1600\n", ["mu=1600", "list of numbers"]),
    "domain": ("b2: 5\n", ["b2=5", "concavity"]),
}


@pytest.mark.parametrize("case", sorted(YAML_FILES))
def test_bad_yaml_exit_2_and_write_nothing(capsys, empty_cwd, case):
    pytest.importorskip("yaml", reason="PyYAML not installed (run/book extra)")
    text, fragments = YAML_FILES[case]
    params = empty_cwd.parent / f"{empty_cwd.name}-{case}.yml"
    params.write_text(text)
    code, _, err = run_cli(capsys, "run", "--params", str(params), "--out", "DIR")
    assert code == 2
    for f in fragments:
        assert f in err, err
    assert listing(empty_cwd) == []


def test_unreadable_yaml(capsys, empty_cwd):
    code, _, err = run_cli(capsys, "run", "--params", "missing.yml", "--out", "DIR")
    assert code == 2 and "missing.yml" in err and "cannot read" in err
    folder = empty_cwd.parent / f"{empty_cwd.name}-dir.yml"
    folder.mkdir()
    code, _, err = run_cli(capsys, "run", "--params", str(folder), "--out", "DIR")
    assert code == 2 and "cannot read" in err
    binary = empty_cwd.parent / f"{empty_cwd.name}-bin.yml"
    binary.write_bytes(b"\xff\xfe\x00beta")
    code, _, err = run_cli(capsys, "run", "--params", str(binary), "--out", "DIR")
    assert code == 2 and "UTF-8" in err
    assert listing(empty_cwd) == []


@pytest.fixture
def fake_root(tmp_path_factory):
    """A repository layout with two tiny notebooks (not executed by these tests)."""
    root = tmp_path_factory.mktemp("repo")
    (root / "notebooks").mkdir()
    (root / "_toc.yml").write_text("format: jb-book\nroot: intro\nchapters:\n  - file: notebooks/alpha\n")

    def nb(name, param_source):
        cells = [{"cell_type": "markdown", "metadata": {}, "source": f"# {name}"}]
        if param_source is not None:
            cells.append({"cell_type": "code", "metadata": {"tags": ["parameters"]}, "source": param_source,
                          "outputs": [], "execution_count": None})
        doc = {"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
        (root / "notebooks" / f"{name}.ipynb").write_text(json.dumps(doc))

    nb("alpha", "beta = 200.0\nc, K = 10.0, 10.0\nmu: list = [1600, 2000, 2300, 2200]\noutput_dir = '.'\ngrid_points = 50")
    nb("prose", None)
    # another model's `beta` (a substitutability): not xbec's market size
    nb("other", "alpha = 0.6\nbeta = 0.6  # substitutability\nc = 2 * 5.0\noutput_dir = 'outputs'")
    return root


def test_discover_parameters_cells(fake_root):
    from xbec.rerun import run as R

    nbs = {nb.name: nb for nb in R.discover(fake_root)}
    assert nbs["alpha"].parameters == ("beta", "c", "K", "mu", "output_dir", "grid_points")
    assert nbs["alpha"].in_toc and not nbs["prose"].in_toc
    assert nbs["prose"].parameters is None
    # only the parameters the notebook declares are injected (+ output_dir)
    assert nbs["alpha"].defaults == {
        "beta": 200.0, "c": 10.0, "K": 10.0, "mu": [1600, 2000, 2300, 2200], "output_dir": ".", "grid_points": 50,
    }
    inj = R.injected(nbs["alpha"], rp.defaults(), Path("/x"))
    assert inj == {"beta": 200.0, "c": 10.0, "K": 10.0, "mu": [1600.0, 2000.0, 2300.0, 2200.0], "output_dir": "/x"}


def test_a_name_used_for_something_else_is_not_injected(fake_root):
    """The parameters cell sets xbec's names to the paper's values; another value means another quantity."""
    from xbec.rerun import run as R

    nbs = {nb.name: nb for nb in R.discover(fake_root)}
    assert R.conflicts(nbs["alpha"]) == {}
    found = R.conflicts(nbs["other"])
    assert set(found) == {"beta"}  # `c = 2 * 5.0` is not a literal: not judged
    assert "beta = 0.6" in found["beta"] and "market size" in found["beta"] and "200" in found["beta"]
    values = {**rp.defaults(), "beta": 300.0, "c": 20.0}
    assert R.injected(nbs["other"], values, Path("/x")) == {"c": 20.0, "output_dir": "/x"}


def test_every_chapter_follows_the_parameter_convention():
    """Chapters of the book use xbec's parameter names only in xbec's sense (else they are not injected)."""
    from xbec.rerun import run as R

    odd = {nb.name: R.conflicts(nb) for nb in R.discover(ROOT) if nb.runnable and R.conflicts(nb)}
    assert odd == {}, odd


def test_default_notebooks_are_the_toc_ones_with_parameters():
    """The repository's own default set: chapters of _toc.yml with a parameters cell, not status."""
    from xbec.rerun import run as R

    chosen = [nb.name for nb in R.select(R.discover(ROOT), None)]
    assert chosen, "no notebook to run"
    assert "status" not in chosen
    toc = R._toc_order(ROOT)
    assert chosen == [n for n in toc if n in chosen]  # TOC order


@pytest.mark.parametrize(
    "names, fragments",
    [
        (["alpah"], ["unknown notebook 'alpah'", "did you mean 'alpha'"]),
        (["nosuch"], ["unknown notebook 'nosuch'", "available: alpha"]),
        (["prose"], ["prose has no cell tagged 'parameters'"]),
    ],
)
def test_unknown_notebook_exit_2(capsys, empty_cwd, fake_root, names, fragments):
    code, _, err = run_cli(capsys, "run", "--root", str(fake_root), "--notebooks", *names, "--out", "DIR")
    assert code == 2
    for f in fragments:
        assert f in err
    assert listing(empty_cwd) == []


def test_list_notebooks(capsys, fake_root):
    code, out, _ = run_cli(capsys, "run", "--root", str(fake_root), "--list")
    assert code == 0
    assert "alpha: beta, c, K, mu, output_dir, grid_points" in out
    assert "prose: no parameters cell" in out
    assert "other: alpha, beta, c, output_dir" in out and "beta not injected" in out


def test_existing_out_without_force_exit_2(capsys, empty_cwd, fake_root):
    (empty_cwd / "DIR").mkdir()
    (empty_cwd / "DIR" / "keep.txt").write_text("earlier run")
    before = listing(empty_cwd)
    code, _, err = run_cli(capsys, "run", "--root", str(fake_root), "--out", "DIR")
    assert code == 2 and "exists; use --force" in err
    assert listing(empty_cwd) == before
    (empty_cwd / "FILE").write_text("x")
    code, _, err = run_cli(capsys, "run", "--root", str(fake_root), "--out", "FILE", "--force")
    assert code == 2 and "not a directory" in err


@pytest.mark.parametrize("jobs", ["0", "-1", "two"])
def test_bad_jobs_exit_2(capsys, empty_cwd, jobs):
    with pytest.raises(SystemExit) as exc:
        cli.main(["run", "--jobs", jobs, "--out", "DIR"])
    assert exc.value.code == 2
    assert "--jobs" in capsys.readouterr().err
    assert listing(empty_cwd) == []


def test_missing_papermill_exit_2_and_write_nothing(capsys, empty_cwd, fake_root, monkeypatch):
    monkeypatch.setitem(sys.modules, "papermill", None)  # import papermill -> ImportError
    code, _, err = run_cli(capsys, "run", "--root", str(fake_root), "--out", "sub/DIR")
    assert code == 2 and "needs papermill" in err and "xbec[run]" in err
    assert listing(empty_cwd) == []


def test_missing_jupyter_book_exit_2(capsys, empty_cwd, fake_root, monkeypatch):
    pytest.importorskip("papermill", reason="papermill not installed (run extra)")
    monkeypatch.setitem(sys.modules, "jupyter_book", None)
    code, _, err = run_cli(capsys, "run", "--root", str(fake_root), "--out", "DIR", "--book")
    assert code == 2 and "needs jupyter_book" in err and "xbec[book]" in err
    assert listing(empty_cwd) == []


def test_no_notebooks_dir_exit_2(capsys, empty_cwd):
    code, _, err = run_cli(capsys, "run", "--root", str(empty_cwd), "--out", "DIR")
    assert code == 2 and "notebooks" in err
    assert listing(empty_cwd) == []


# --------------------------------------------------------------------------- tables


def test_tables_csv_equal_numerics(capsys):
    code, out, _ = run_cli(capsys, "tables", "--format", "csv", "--table", "1", "--param", "beta=300", "--param", "c=20")
    assert code == 0
    got = read_csv(out)
    hp = xbec.HorizontalParams(beta=300, c=20)
    want = numerics.table1(hp, numerics.lambda_grid())
    assert list(got) == ["lambda", "p", "w", "s", "pi_platform", "pi_manufacturer", "pi_total"]
    for k in got:
        np.testing.assert_array_equal(got[k], want[k])
    code, out2, _ = run_cli(capsys, "tables", "--format", "csv", "--table", "2", "--param", "beta=300", "--param", "c=20")
    got2 = read_csv(out2)
    want2 = numerics.table2(hp, xbec.VerticalParams(), numerics.lambda_grid())
    assert list(got2) == list(want2)
    for k in got2:
        np.testing.assert_array_equal(got2[k], want2[k])


def test_tables_differ_as_predicted(capsys):
    _, paper, _ = run_cli(capsys, "tables", "--format", "csv", "--table", "1")
    _, alt, _ = run_cli(capsys, "tables", "--format", "csv", "--table", "1", "--param", "beta=300", "--param", "c=20")
    p, a = read_csv(paper), read_csv(alt)
    np.testing.assert_array_equal(p["lambda"], a["lambda"])
    # the centralised retail price is (beta + b1 c)/(2 b1) - ... : it moves from 70 to 106.67
    np.testing.assert_allclose(p["p"], 70.0)
    np.testing.assert_allclose(a["p"], xbec.centralized(xbec.HorizontalParams(beta=300, c=20)).p)
    assert np.all(a["pi_total"] > p["pi_total"])


def test_tables_markdown_and_grid(capsys):
    code, out, _ = run_cli(capsys, "tables", "--param", "lam_min=0.5", "--param", "lam_max=0.6", "--param", "lam_step=0.05")
    assert code == 0
    assert "Table 1" in out and "Table 2" in out
    assert "| lambda | p | w | s | pi_platform | pi_manufacturer | pi_total |" in out
    assert "| lambda | V | x1 | x2 | x3 | x4 |" in out
    lam_rows = [ln for ln in out.splitlines() if ln.startswith("| 0.")]
    assert [r.split("|")[1].strip() for r in lam_rows] == ["0.50", "0.55", "0.60"] * 2
    code, out, _ = run_cli(capsys, "tables", "--format", "csv")
    assert out.startswith("# table1\nlambda,") and "\n# table2\nlambda,V,x1,x2,x3,x4\n" in out


def test_tables_with_params_file(capsys):
    pytest.importorskip("yaml", reason="PyYAML not installed (run/book extra)")
    _, a, _ = run_cli(capsys, "tables", "--params", str(EXAMPLES / "alternative.yml"))
    _, b, _ = run_cli(capsys, "tables", "--param", "beta=300", "--param", "c=20")
    assert a == b


# --------------------------------------------------------------------------- ledger


@pytest.mark.parametrize("fmt", ["md", "csv"])
def test_ledger(capsys, fmt):
    from xbec.replication import ledger as L

    code, out, err = run_cli(capsys, "ledger", "--format", fmt)
    assert code == 0
    rows = L.ledger()
    if fmt == "csv":
        parsed = list(csv.reader(io.StringIO(out)))
        assert parsed[0] == ["where", "paper", "reproduced", "diff", "status", "note"]
        assert len(parsed) == len(rows) + 1
    else:
        assert out.splitlines()[0].startswith("| where | paper |")
        assert len(out.splitlines()) == len(rows) + 2
    assert "0 unexplained" in err


def test_ledger_exits_nonzero_on_unexplained_row(capsys, monkeypatch):

    from xbec.replication import ledger as L
    bad = L.LedgerRow("Table 9, x", "1.00", 2.0, 1.0, "discrepancy", "")
    real = L.ledger
    monkeypatch.setattr(L, "ledger", lambda *a, **k: [*real(*a, **k), bad])
    code, out, err = run_cli(capsys, "ledger")
    assert code == 1
    assert "1 unexplained" in err and "Table 9, x" in err
