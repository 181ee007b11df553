"""The ``xbec`` command without notebooks: parameters, files, exit codes, tables, ledger.

Bad input exits 2 with a one-line message that names the parameter as typed,
without a traceback, and writes nothing (each test runs in an empty directory
and checks it stays empty).
"""

from __future__ import annotations

import csv
import io
import json
import os
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


def run_cli(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def empty_cwd(tmp_path, monkeypatch):
    work = tmp_path / "cwd"
    work.mkdir()
    monkeypatch.chdir(work)
    yield work
    assert list(work.iterdir()) == [], "bad input wrote something"


def test_help_version_and_python_dash_m(capsys):
    for command in ("run", "tables", "ledger", "params"):
        with pytest.raises(SystemExit) as exc:
            cli.main([command, "--help"])
        assert exc.value.code == 0
    assert "lam_step" in capsys.readouterr().out
    res = subprocess.run([sys.executable, "-m", "xbec", "--version"], capture_output=True, text=True)
    assert res.returncode == 0 and xbec.__version__ in res.stdout
    res = subprocess.run([sys.executable, "-m", "xbec", "tables", "-p", "beta=x"], capture_output=True, text=True)
    assert res.returncode == 2 and "Traceback" not in res.stderr and "beta=x" in res.stderr


def test_names_cover_the_model():
    assert set(rp.NAMES) == set(rp.DESCRIPTIONS)
    assert rp.defaults()["beta"] == xbec.HorizontalParams().beta
    assert rp.defaults()["mu"] == list(xbec.VerticalParams().mu)


BAD = [
    (["beta=1e155"], ["beta=1e155", "overflow"]),  # was an OverflowError traceback
    (["gamma1=1e308"], ["gamma1=1e308"]),
    (["mu=1e308,2000,2300,2200"], ["mu[0]=1e308"]),
    (["phi=1e308,1,1,1"], ["phi[0]=1e308"]),
    (["lam_step=1e-12"], ["lam_step=1e-12", "points"]),  # was a 1.24 TiB allocation
    (["beta=0454"], ["beta=0454", "leading zeros"]),
    (["beta=3:20"], ["beta=3:20"]),
    (["beta=true"], ["beta=true"]),
    (["beta=1+2j"], ["beta=1+2j"]),
    (["beta=nan"], ["beta=nan"]),
    (["beta=inf"], ["beta=inf"]),
    (["beta=abc"], ["beta=abc"]),
    (["bta=300"], ["unknown parameter 'bta'", "did you mean 'beta'"]),
    (["beta"], ["expected NAME=VALUE"]),
    (["b2=5"], ["b2=5", "concavity"]),
    (["weights=0.5,0.6"], ["weights"]),
    (["mu="], ["mu=", "non-empty list"]),
    (["lam_min=0.95"], ["lam_min"]),
    (["beta=" + "9" * 5000], ["beta=999", "..."]),  # echo is truncated
    (["mu=-1e12,1,1,1"], ["mu=-1000000000000", "every mu[i] >= 0"]),  # failed in beyond_allocation's cell 6
    (["beta=15"], ["beta=15", "beta - b1*c > 0"]),  # the rule --help prints
    (["mu=" + ",".join(["1"] * 24)], ["members"]),  # a MemoryError in beyond_cost
    (["mu=" + ",".join(["123456789.5"] * 4000)], ["mu="]),  # a 40 KB message once
]


@pytest.mark.parametrize("command", ["run", "tables", "params"])
@pytest.mark.parametrize("assignments, fragments", BAD)
def test_bad_parameters_exit_2(capsys, empty_cwd, command, assignments, fragments):
    argv = [command, *(f"-p{a}" for a in assignments)] + (["--out", "DIR"] if command == "run" else [])
    code, out, err = run_cli(capsys, *argv)
    assert code == 2 and out == "" and err.startswith("xbec: error: ")
    assert len(err) < 600 and "Traceback" not in err
    for f in fragments:
        assert f in err, err


YAML = {
    "alias_bomb": ('a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
                   'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n'
                   'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\nmu: [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n', ["aliases"]),
    "anchor": ("beta: &x 300\nc: 20\n", ["aliases"]),
    "deep": ("mu: " + "[" * 50 + "1" + "]" * 50 + "\n", ["expected NAME"]),
    "octal_1_1": ("beta: 0454\n", ["beta=0454"]),
    "sexagesimal": ("beta: 3:20\n", ["beta=3:20"]),
    "duplicate": ("beta: 300\nc: 20\nbeta: 250\n", ["'beta' given twice"]),
    "quoted": ('beta: "300"\n', ["beta=", "must be a plain decimal number"]),
    "bool": ("beta: yes\n", ["beta=yes"]),
    "malformed": ("beta: [300\nc: 20\n", ["cannot read"]),
    "not_mapping": ("- beta\n- 300\n", ["expected NAME"]),
    "empty": ("", ["expected NAME"]),
    "unknown": ("beta: 300\nbeta2: 1\n", ["unknown parameter 'beta2'"]),
    "list_for_scalar": ("c: [1, 2]\n", ["c=["]),
    "scalar_for_list": ("mu: 1600\n", ["mu=1600", "members"]),
    "json_duplicate": ('{"beta": 300, "beta": 250}', ["given twice"]),
    "json_string": ('{"beta": "300"}', ["beta="]),
    "json_nan": ('{"beta": NaN}', ["beta="]),
    "json_deep": ('{"beta": ' + "[" * 100000 + "]" * 100000 + "}", ["expected NAME"]),
    "huge": ("# x\n" * 300000, ["larger than"]),
    "binary": (b"\xff\xfe\x00beta", ["cannot read"]),
    "tagged": ("beta: !!str 300\n", ["tags"]),
    "tagged_local": ("beta: !x 300\n", ["tags"]),
}


@pytest.mark.parametrize("case", sorted(YAML))
def test_bad_parameter_files_exit_2(capsys, empty_cwd, case):
    text, fragments = YAML[case]
    path = empty_cwd.parent / f"{case}.yml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    code, _, err = run_cli(capsys, "run", "--params", str(path), "--out", "DIR")
    assert code == 2 and len(err) < 600, err
    for f in fragments:
        assert f in err, err


def test_messages_are_one_short_line(capsys, empty_cwd):
    for argv in (["-pmu=" + ",".join(["123456789.5"] * 4000)], ["-pbeta=15", "-pmu=" + ",".join(["-7"] * 19)]):
        code, _, err = run_cli(capsys, "params", *argv)
        assert code == 2 and err.count("\n") == 1 and len(err) <= 320, err


def test_file_contents_are_never_echoed(capsys, empty_cwd):
    secret = "root:$6$SECRETHASH:19000:0:99999:7:::\nbin:*:19000\n"
    for i, text in enumerate((secret, "beta: [SECRET\n", "beta: 1\nSECRET: [1\n", "{SECRET")):
        path = empty_cwd.parent / f"f{i}"
        path.write_text(text)
        code, _, err = run_cli(capsys, "params", "--params", str(path))
        assert code == 2 and "SECRET" not in err and "99999" not in err, err


def test_fifos_devices_and_folders_are_refused_without_blocking(tmp_path):
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    for path in (fifo, Path("/dev/zero"), tmp_path):
        res = subprocess.run([sys.executable, "-m", "xbec", "params", "--params", str(path)], capture_output=True,
                             text=True, timeout=60)
        assert res.returncode == 2 and "not a regular file" in res.stderr, res.stderr
    big = tmp_path / "big.yml"
    with big.open("wb") as fh:  # st_size says small while the file grows? the read itself is bounded
        fh.write(b"#" * (rp.MAX_FILE + 5))
    with pytest.raises(ParameterError, match="larger than"):
        rp.load_file(big)


def test_run_options_are_checked(capsys, empty_cwd):
    for argv in (["--timeout", "1.5"], ["--timeout", "1e308"], ["--timeout", "0"], ["--jobs", "0"], ["--jobs", "2.5"],
                 ["--out", ""], ["--out", " "]):
        with pytest.raises(SystemExit) as exc:
            cli.main(["run", *argv])
        assert exc.value.code == 2
        err = capsys.readouterr().err
        assert "Traceback" not in err and "xbec run: error: argument" in err.splitlines()[-1], err


def test_help_states_the_rules_validation_applies(capsys):
    with pytest.raises(SystemExit):
        cli.main(["run", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    for _, rule, _t in rp.RULES:
        assert rule in text, rule
    assert "beta - b1*c > 0" in text
    values = rp.resolve(["beta=15"])
    assert not dict((r, t(values)) for _, r, t in rp.RULES)["beta - b1*c > 0 (positive demand, §3.3)"]


def test_member_limits_per_chapter():
    n14 = [f"{k}=" + ",".join(["1"] * 14) for k in ("mu", "phi", "theta")]
    rp.validate(rp.resolve(n14), ("table2_fig3",))
    for chapter in ("beyond_allocation", "beyond_cost"):
        with pytest.raises(ParameterError, match=f"chapter {chapter}.*at most 12"):
            rp.validate(rp.resolve(n14), (chapter,))


def test_missing_file_and_folder(capsys, empty_cwd):
    for path in ("missing.yml", str(empty_cwd.parent)):
        code, _, err = run_cli(capsys, "params", "--params", path)
        assert code == 2 and "cannot read" in err


def test_files_and_precedence(tmp_path):
    f = tmp_path / "p.yml"
    f.write_text("beta: 300\nc: 20\nmu: [1, 2, 3, 4]\nlam_step: .02\n")
    values = rp.resolve(["c=30"], [f])
    assert values["beta"] == 300 and values["c"] == 30 and values["mu"] == [1, 2, 3, 4]
    assert values["lam_step"] == 0.02
    assert rp.resolve([], [ROOT / "examples" / "paper.yml"]) == rp.defaults()
    alt = rp.resolve([], [ROOT / "examples" / "alternative.yml"])
    assert (alt["beta"], alt["c"]) == (300, 20)
    manifest = tmp_path / "manifest.json"
    manifest.write_text(json.dumps({"xbec_version": "0", "parameters": {**rp.defaults(), "beta": 250.0},
                                    "packages": {"x": {"y": 1}}}))
    assert rp.resolve([], [manifest])["beta"] == 250


def test_params_command_round_trips(capsys, tmp_path):
    code, out, _ = run_cli(capsys, "params", "-p", "beta=300")
    assert code == 0
    (tmp_path / "p.yml").write_text(out)
    assert rp.resolve([], [tmp_path / "p.yml"])["beta"] == 300
    code, out, _ = run_cli(capsys, "params", "--format", "json")
    assert json.loads(out) == rp.defaults()


def test_grid_parsing():
    assert rp.parse_grid(["beta=200,250", "c=10"]) == {"beta": [200.0, 250.0], "c": [10.0]}
    for spec, frag in (("mu=1,2", "list parameters"), ("bta=1", "unknown"), ("beta=1,x", "beta=x"),
                       ("beta", "NAME=VALUE"), ("c=0,-0", "0 given twice"), ("c=1,1.0", "1 given twice")):
        with pytest.raises(ParameterError, match=frag):
            rp.parse_grid([spec])
    with pytest.raises(ParameterError, match="beta given twice"):
        rp.parse_grid(["beta=200", "beta=300"])  # the first was dropped silently
    assert str(rp.parse_grid(["c=-0"])["c"][0]) == "0.0"


def test_chapters_that_cannot_compute_are_rejected_up_front():
    """Only where a chapter cannot say on its page what is missing: no imputation."""
    for change, chapter, frag in ((["K=5000"], "beyond_allocation", "no imputation exists"),
                                  (["beta=21"], "beyond_allocation", "no imputation exists")):
        values = rp.resolve(change)
        rp.validate(values)  # the other chapters can run these values
        with pytest.raises(ParameterError, match=frag) as exc:
            rp.validate(values, (chapter,))
        assert chapter in str(exc.value) and "--notebooks" in str(exc.value)
    # a fifth member: every chapter runs (the replication report says the printed allocation does not apply)
    rp.validate(rp.resolve(["mu=1,2,3,4,5", "phi=1,1,1,1,1", "theta=1,1,1,1,1"]), ("replication_report",))


def test_chapters_that_say_on_their_page_what_is_missing_are_not_rejected():
    """An empty band (K=5000, b2=1.99, beta=21) or beta=1e6: beyond_band and beyond_allocation run."""
    for change, chapter in ((["K=5000"], "beyond_band"), (["b2=1.99"], "beyond_band"), (["beta=21"], "beyond_band"),
                            (["beta=1e6"], "beyond_allocation")):
        rp.validate(rp.resolve(change), (chapter,))


def test_mu_warning_when_only_the_horizontal_side_moves(capsys):
    assert rp.validate(rp.resolve()).warnings == ()
    assert rp.validate(rp.resolve(["beta=300", "mu=1,2,3,4"])).warnings == ()
    (w,) = rp.validate(rp.resolve(["beta=300", "c=20"])).warnings
    assert "beta, c" in w and "mu" in w
    code, _, err = run_cli(capsys, "tables", "-p", "beta=300")
    assert code == 0 and "warning" in err and "mu" in err


def _csv(text: str) -> dict[str, np.ndarray]:
    rows = list(csv.reader(io.StringIO(text)))
    return {h: np.array([float(r[i]) for r in rows[1:]]) for i, h in enumerate(rows[0])}


def test_tables_are_numerics(capsys):
    code, out, _ = run_cli(capsys, "tables", "-p", "beta=300", "-p", "c=20", "--format", "csv", "--table", "2")
    hp = xbec.HorizontalParams(beta=300, c=20)
    expected = numerics.table2(hp, xbec.VerticalParams(), numerics.lambda_grid())
    got = _csv(out)
    assert code == 0 and set(got) == set(expected)
    for k in got:
        np.testing.assert_allclose(got[k], expected[k], rtol=1e-12)
    code, out, _ = run_cli(capsys, "tables", "--digits", "1")
    assert code == 0 and "# table1" in out and "# table2" in out and "demand" not in out


def test_ledger(capsys, monkeypatch):
    code, out, err = run_cli(capsys, "ledger", "--format", "csv")
    assert code == 0 and "unexplained" in err and out.count("\n") > 10
    from xbec.replication import ledger as L

    monkeypatch.setattr(L, "unexplained", lambda rows: rows[:1])
    assert run_cli(capsys, "ledger")[0] == 1


def test_book_pages_show_the_parameters():
    from xbec.rerun import book

    v = rp.validate(rp.resolve(["beta=300"]))
    bar = book.announcement(v)
    assert bar.startswith("Rerun with xbec for these parameters: <strong>beta&nbsp;=&nbsp;300</strong> (paper: 200)")
    assert "mu&nbsp;=&nbsp;1600, 2000, 2300, 2200" in bar
    page = book.run_page(v)
    assert "| `beta` | 300 | 200 |" in page and "--param beta=300 --book" in page and "Warning" in page
    assert book.announcement(rp.validate(rp.resolve())).startswith("Rerun with the paper's parameters")
