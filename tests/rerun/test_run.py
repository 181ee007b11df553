"""``xbec run`` with papermill on small synthetic notebooks (seconds each; part of ``make test``).

They pin down the runner's contract: what is injected, the manifest, the same
bytes twice, the cache, all or nothing, ``--force`` replacing only an earlier
run, races for one DIR, an empty DIR filled in place, leftovers of killed
runs, SIGINT/SIGTERM, and sweeps. The repository's own chapters are run by
tests/rerun/test_chapters.py (``make test-run``).
"""

from __future__ import annotations

import csv
import fcntl
import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
pytest.importorskip("papermill")

from xbec.rerun import cache as C  # noqa: E402
from xbec.rerun import cli  # noqa: E402
from xbec.rerun import run as R  # noqa: E402
from xbec.rerun.params import resolve, validate  # noqa: E402

PARAMS = 'beta = 200.0\nc = 10.0\nn_points = 3  # this notebook\'s own: never injected\noutput_dir = "outputs"\n'
WORK = """\
import json, os, uuid
from IPython.display import display
os.makedirs(output_dir, exist_ok=True)
with open(os.path.join(output_dir, "values.csv"), "w") as fh:
    fh.write(f"beta,c,n\\n{beta},{c},{n_points}\\n")
print(os.getcwd(), object())
for name, x in (("beta_sq", beta * beta), ("label", "text")):
    display({"application/papermill.record/text/plain": repr(x)}, raw=True,
            metadata={"scrapbook": {"name": name, "mime_prefix": "application/papermill.record/"}})
"""
PLOT = """\
import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import display
display(pd.DataFrame({"beta": [beta]}).style.format("{:.1f}"))  # a random table id each time: normalised
fig, ax = plt.subplots(figsize=(2, 2))
ax.plot([0, 1], [c, beta])
for ext in ("png", "svg"):
    fig.savefig(os.path.join(output_dir, f"line.{ext}"))
"""
SLOW = """\
import os, time
open(os.path.join(output_dir, "kernel.pid"), "w").write(str(os.getpid()))
for i in range(600):
    os.makedirs(output_dir, exist_ok=True)
    open(os.path.join(output_dir, f"tick{i}.txt"), "w").close()
    time.sleep(0.05)
"""


def _notebook(path: Path, cells: list[str], parameters: str | None = PARAMS) -> None:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    if parameters is not None:
        nb.cells.append(nbformat.v4.new_code_cell(parameters, metadata={"tags": ["parameters"]}))
    nb.cells += [nbformat.v4.new_code_cell(src) for src in cells]
    nbformat.write(nb, path)


@pytest.fixture(scope="module")
def root(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("repo")
    (root / "notebooks").mkdir()
    (root / "_toc.yml").write_text("format: jb-book\nroot: intro\nchapters:\n  - file: notebooks/tab\n"
                                   "  - file: notebooks/plot\n  - file: notebooks/prose\n")
    _notebook(root / "notebooks" / "tab.ipynb", [WORK])
    _notebook(root / "notebooks" / "plot.ipynb", ["import os", PLOT])
    _notebook(root / "notebooks" / "bad.ipynb", ["x = 1", "raise ValueError(f'no good for beta={beta}')"])
    _notebook(root / "notebooks" / "slow.ipynb", [SLOW])
    _notebook(root / "notebooks" / "prose.ipynb", ["print('no parameters')"], parameters=None)
    return root


@pytest.fixture(autouse=True)
def cache(tmp_path_factory, monkeypatch):
    monkeypatch.setenv("XBEC_CACHE", str(tmp_path_factory.getbasetemp() / "cache"))


def xbec(root: Path, *args: str, cwd: Path) -> tuple[int, str, str]:
    res = subprocess.run([sys.executable, "-m", "xbec", "run", "--root", str(root), *args], cwd=cwd,
                         capture_output=True, text=True, timeout=300)
    return res.returncode, res.stdout, res.stderr


def run(root: Path, out: Path, *args: str) -> int:
    return cli.main(["run", "--root", str(root), "--out", str(out), *args])


def files(path: Path) -> dict[str, bytes]:
    return {p.relative_to(path).as_posix(): p.read_bytes() for p in sorted(path.rglob("*")) if p.is_file()}


def test_discover_and_select(root, capsys):
    nbs = R.discover(root)
    assert [nb.name for nb in nbs] == ["tab", "plot", "prose", "bad", "slow"]
    assert nbs[0].parameters == ("beta", "c", "n_points", "output_dir") and nbs[2].parameters is None
    assert [nb.name for nb in R.select(nbs, None)] == ["tab", "plot"]
    assert [nb.name for nb in R.select(nbs, ["plot", "tab.ipynb", "plot"])] == ["plot", "tab"]
    for names in (["nope"], ["prose"]):
        with pytest.raises(R.RunError, match="unknown notebook"):
            R.select(nbs, names)
    assert cli.main(["run", "--root", str(root), "--list"]) == 0
    assert "prose: (no parameters cell)" in capsys.readouterr().out
    with pytest.raises(R.RunError, match="no notebooks"):
        R.discover(root / "notebooks")


def test_manifest_injection_same_bytes_twice_and_cache(root, tmp_path, capsys):
    assert run(root, tmp_path / "a", "-p", "beta=300", "--no-cache") == 0
    out = tmp_path / "a"
    assert capsys.readouterr().out.strip() == str(out)
    assert (out / "values.csv").read_text() == "beta,c,n\n300.0,10.0,3\n"
    m = json.loads((out / "manifest.json").read_text())
    assert m["parameters"]["beta"] == 300 and m["changed_from_paper"] == {"beta": 300}
    assert "mu" in m["warnings"][0]
    assert m["notebooks"]["tab"]["injected"] == {"beta": 300.0, "c": 10.0}
    listed = set(m["outputs"])
    assert listed == set(files(out)) - {"manifest.json"}
    assert {"notebooks/tab.ipynb", "table1.csv", "table2.csv", "line.svg", "line.png"} <= listed
    assert all(hashlib.sha256((out / f).read_bytes()).hexdigest() == h for f, h in m["outputs"].items())
    text = (out / "notebooks" / "tab.ipynb").read_text()
    assert str(tmp_path) not in text and "start_time" not in text and "0x0" in text
    assert R.foreign(out) is None
    cells = nbformat.read(out / "notebooks" / "tab.ipynb", as_version=4).cells
    tagged = [c for c in cells if {"parameters", "injected-parameters"} & set(c.metadata.get("tags", []))]
    assert len(tagged) == 1  # one parameter block: the values in force
    assert "beta = 300.0" in tagged[0].source and "beta = 200.0" not in tagged[0].source
    assert "n_points = 3  # this notebook's own" in tagged[0].source and 'output_dir = ".."' in tagged[0].source
    # the same bytes again, and then from the cache
    assert run(root, tmp_path / "b", "-p", "beta=300", "--no-cache") == 0
    assert run(root, tmp_path / "c", "-p", "beta=300") == 0  # from the cache
    a, b, c = (files(tmp_path / x) for x in "abc")
    ma, mb, mc = (json.loads(x.pop("manifest.json")) for x in (a, b, c))
    assert a == b == c
    timing = ("started", "seconds", "notebooks")
    assert {k: v for k, v in ma.items() if k not in timing} == {k: v for k, v in mb.items() if k not in timing}
    assert not ma["notebooks"]["tab"]["cached"] and mc["notebooks"]["tab"]["cached"]
    assert ma["nondeterministic"] == []


def test_failure_exits_1_names_the_cell_and_writes_nothing(root, tmp_path, capsys):
    assert run(root, tmp_path / "x", "-n", "tab", "bad", "-j", "1") == 1
    err = capsys.readouterr().err
    assert "notebook bad failed in cell In [" in err and "raise ValueError" in err and "ValueError: no good for beta=200.0" in err
    assert list(tmp_path.iterdir()) == []


def test_force_replaces_only_an_earlier_run(root, tmp_path, capsys):
    keep = tmp_path / "keep"
    (keep / "thesis").mkdir(parents=True)
    (keep / "thesis" / "ch1.tex").write_text("draft")
    for force in ([], ["--force"]):
        assert run(root, keep, "-n", "tab", *force) == 2
        assert "not an earlier xbec run" in capsys.readouterr().err
    assert files(keep) == {"thesis/ch1.tex": b"draft"}
    out = tmp_path / "run"
    assert run(root, out, "-n", "tab") == 0
    assert run(root, out, "-n", "tab", "-p", "c=20") == 2
    assert "use --force" in capsys.readouterr().err
    assert run(root, out, "-n", "bad", "--force") == 1  # a failing run replaces nothing
    assert (out / "values.csv").read_text().startswith("beta,c,n\n200.0,10.0")
    assert run(root, out, "-n", "tab", "-p", "c=20", "--force") == 0
    assert (out / "values.csv").read_text() == "beta,c,n\n200.0,20.0,3\n"
    (out / "values.csv").write_text("beta,c,n\n1,2,3\n")  # the user edited a table: --force must not lose it
    assert run(root, out, "-n", "tab", "--force") == 2
    assert "values.csv was changed" in capsys.readouterr().err
    assert (out / "values.csv").read_text() == "beta,c,n\n1,2,3\n"
    (out / "values.csv").unlink()
    assert run(root, out, "-n", "tab", "-p", "c=20", "--force", "--no-cache") == 0  # a removed file: nothing lost
    (out / "notes.txt").write_text("mine")
    assert run(root, out, "-n", "tab", "--force") == 2
    assert "notes.txt is not an output" in capsys.readouterr().err and (out / "notes.txt").exists()
    (tmp_path / "file").write_text("x")
    assert run(root, tmp_path / "file", "-n", "tab") == 2


def test_empty_directory_is_filled_in_place(root, tmp_path):
    out = tmp_path / "mnt"
    out.mkdir()
    inode = out.stat().st_ino
    assert run(root, out, "-n", "tab") == 0
    assert out.stat().st_ino == inode and (out / "manifest.json").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["mnt"]


def test_publish_never_replaces_what_appeared_meanwhile(tmp_path):
    for existing in (False, True):
        out = tmp_path / f"out{existing}"
        if existing:
            out.mkdir()
        tmp = Path(R.tempfile.mkdtemp(prefix=f".{out.name}.partial-", dir=out if existing else tmp_path))
        (tmp / "manifest.json").write_text("{}")
        out.mkdir(exist_ok=True)
        (out / "theirs.txt").write_text("theirs")  # another run, meanwhile
        with pytest.raises(R.RunError, match="this run's results are in") as exc:
            R.publish(tmp, out, force=True)
        kept = Path(str(exc.value).rsplit(" ", 1)[1])
        assert (kept / "manifest.json").exists() and (out / "theirs.txt").read_text() == "theirs"


def test_concurrent_runs_into_one_dir(root, tmp_path):
    procs = [subprocess.Popen([sys.executable, "-m", "xbec", "run", "--root", str(root), "-n", "tab", "--no-cache",
                               "--out", "same"], cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True) for _ in range(2)]
    results = [(p.wait(timeout=300), *p.communicate()) for p in procs]
    codes = sorted(r[0] for r in results)
    assert codes in ([0, 1], [0, 2]), results  # one wins; the other lost the race (or saw it finished)
    loser = next(r for r in results if r[0] != 0)
    assert "same" in loser[2]
    if loser[0] == 1:
        kept = Path(loser[2].strip().rsplit(" ", 1)[1])
        assert (kept / "manifest.json").exists()
    assert R.foreign(tmp_path / "same") is None


def test_default_names_never_collide(root, tmp_path):
    procs = [subprocess.Popen([sys.executable, "-m", "xbec", "run", "--root", str(root), "-n", "tab"], cwd=tmp_path,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    assert len({o.strip() for o, _ in outs}) == 2 and len(list((tmp_path / "runs").iterdir())) == 2


def test_leftovers_of_killed_runs_are_removed(root, tmp_path, capsys):
    stale, live, users = tmp_path / ".x.partial-dead", tmp_path / ".x.partial-live", tmp_path / ".notes.partial-1"
    for p in (stale, live, users):
        p.mkdir()
        (p / "mine.txt").write_text("data")
    for p in (stale, live):
        (p / R.MARKER).write_text("")  # folders xbec made
    holder = subprocess.Popen([sys.executable, "-c", "import fcntl, os, sys, time; fd = os.open(sys.argv[1], 0);"
                               "fcntl.flock(fd, fcntl.LOCK_EX); print(1, flush=True); time.sleep(60)", str(live)],
                              stdout=subprocess.PIPE, text=True)
    try:
        holder.stdout.readline()
        assert run(root, tmp_path / "x", "-n", "tab") == 0
    finally:
        holder.kill()
    assert "left by a run that was killed" in capsys.readouterr().err
    assert not stale.exists() and live.exists()  # a running run's folder is never touched
    assert (users / "mine.txt").read_text() == "data"  # a user's folder named alike: no marker, never touched
    assert run(root, users.parent / "y", "-n", "tab") == 0 and users.exists()
    assert fcntl is not None


def _dead(pid: int, wait: float = 10) -> bool:
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        try:
            if Path(f"/proc/{pid}/stat").read_text().split()[2] == "Z":
                return True
        except FileNotFoundError:
            return True
        time.sleep(0.1)
    return False


@pytest.mark.parametrize("sig, code, group", [(signal.SIGINT, 130, False), (signal.SIGTERM, 143, False),
                                              (signal.SIGINT, 130, True)])  # Ctrl-C: the whole process group
def test_interrupted_run_leaves_nothing(root, tmp_path, sig, code, group):
    proc = subprocess.Popen([sys.executable, "-m", "xbec", "run", "--root", str(root), "-n", "tab", "slow",
                             "--out", "x", "--no-cache"], cwd=tmp_path, stderr=subprocess.PIPE, text=True,
                            start_new_session=group,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        deadline, pid_files = time.monotonic() + 120, []
        while not pid_files and time.monotonic() < deadline:
            pid_files = [p for p in tmp_path.glob(".x.partial-*/.work/slow/kernel.pid") if p.stat().st_size]
            time.sleep(0.1)
        assert pid_files, "the slow notebook did not start"
        kernel = int(pid_files[0].read_text())
        time.sleep(0.3)
        os.killpg(proc.pid, sig) if group else proc.send_signal(sig)
        _, err = proc.communicate(timeout=60)
    finally:
        proc.kill()
    assert proc.returncode == code and "nothing was written" in err, err
    assert err.strip().splitlines()[-1].startswith("xbec: error: interrupted") and "Traceback" not in err, err
    assert _dead(kernel), "the kernel outlived its run"
    assert list(tmp_path.iterdir()) == []


def test_sweep(root, tmp_path):
    argv = ["-n", "tab", "--grid", "beta=200,250", "--grid", "c=10,20"]
    assert run(root, tmp_path / "s", *argv) == 0
    rows = list(csv.DictReader((tmp_path / "s" / "sweep.csv").open()))
    assert [r["point"] for r in rows] == ["beta-200_c-10", "beta-200_c-20", "beta-250_c-10", "beta-250_c-20"]
    assert [(r["beta"], r["c"]) for r in rows] == [("200", "10"), ("200", "20"), ("250", "10"), ("250", "20")]
    assert [float(r["tab:beta_sq"]) for r in rows] == [40000.0, 40000.0, 62500.0, 62500.0]
    assert "tab:label" not in rows[0]
    point = json.loads((tmp_path / "s" / "beta-250_c-20" / "manifest.json").read_text())
    assert point["parameters"]["beta"] == 250 and point["parameters"]["c"] == 20
    assert R.foreign(tmp_path / "s") is None
    assert run(root, tmp_path / "t", *argv) == 0  # the repeat comes from the cache
    again = json.loads((tmp_path / "t" / "beta-250_c-20" / "manifest.json").read_text())
    assert again["notebooks"]["tab"]["cached"]
    assert (tmp_path / "t" / "sweep.csv").read_bytes() == (tmp_path / "s" / "sweep.csv").read_bytes()
    assert run(root, tmp_path / "u", "-n", "tab", "--grid", "b2=1,5") == 2
    assert not (tmp_path / "u").exists()


def test_missing_packages_and_book_with_grid(root, tmp_path, monkeypatch, capsys):
    assert run(root, tmp_path / "x", "--book", "--grid", "beta=1,2") == 2
    monkeypatch.setattr(cli.importlib.util, "find_spec", lambda name: None)
    assert run(root, tmp_path / "x") == 2
    assert "pip install 'xbec[run]'" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_execute_api_outside_the_cli(root, tmp_path):
    nbs = R.select(R.discover(root), ["tab"])
    out = R.execute(tmp_path / "api", lambda tmp: R.run_point(validate(resolve()), nbs, tmp, timeout=60, cache=False))
    assert (out / "values.csv").exists()
    with pytest.raises(R.RunError, match="--force"):
        R.execute(out, print)
    assert os.path.isabs(out)


def test_concurrent_force_runs_one_replaces(root, tmp_path):
    """Two --force runs onto one earlier run: the first replaces it, the second keeps its results aside."""
    out = tmp_path / "run"
    assert run(root, out, "-n", "tab") == 0
    earlier = R._identity(out)
    stages = []
    for c in ("20", "30"):  # both started while the earlier run was there
        tmp = Path(R.tempfile.mkdtemp(prefix=".run.partial-", dir=out))
        R.run_point(validate(resolve([f"c={c}"])), R.select(R.discover(root), ["tab"]), tmp, timeout=60)
        stages.append(tmp)
    R.publish(stages[0], out, force=True, replaces=earlier)
    with pytest.raises(R.RunError, match="this run's results are in") as exc:
        R.publish(stages[1], out, force=True, replaces=earlier)
    kept = Path(str(exc.value).rsplit(" ", 1)[1])
    assert (out / "values.csv").read_text() == "beta,c,n\n200.0,20.0,3\n"
    assert (kept / "values.csv").read_text() == "beta,c,n\n200.0,30.0,3\n"


@pytest.mark.parametrize("out", ["/proc/xbec-test/x", "/sys/xbec-test", "FILE/x", "x" * 250, "d/" + "y" * 240])
def test_os_errors_on_the_output_path_are_one_line(root, tmp_path, out, monkeypatch, capsys):
    (tmp_path / "FILE").write_text("a file")
    monkeypatch.chdir(tmp_path)
    code = cli.main(["run", "--root", str(root), "-n", "tab", "--out", out])
    stdout, err = capsys.readouterr()
    assert code in (1, 2) and stdout == "" and err.startswith("xbec: error: --out") and err.count("\n") == 1, err
    assert "Traceback" not in err and sorted(p.name for p in tmp_path.iterdir()) == ["FILE"]
    if "x" * 250 in out:
        assert "too long" in err and code == 2  # checked before anything ran


def test_disk_full_is_one_line_and_leaves_nothing(root, tmp_path, monkeypatch, capsys):
    def full(stage, *a, **k):
        raise OSError(R.errno.ENOSPC, "No space left on device", str(stage / "manifest.json"))

    monkeypatch.setattr(R, "write_manifest", full)
    assert run(root, tmp_path / "new" / "sub" / "x", "-n", "tab") == 1
    err = capsys.readouterr().err
    assert "No space left on device (disk full)" in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []  # not even the parent folders it created


def test_invalid_grid_point_and_failing_run_leave_no_parent_folders(root, tmp_path):
    assert run(root, tmp_path / "a" / "b", "-n", "tab", "--grid", "b2=1,5") == 2
    assert run(root, tmp_path / "c" / "d", "-n", "bad") == 1
    assert list(tmp_path.iterdir()) == []


def test_cache_verifies_its_entries(root, tmp_path, capsys):
    nb = R.select(R.discover(root), ["tab"])[0]
    assert run(root, tmp_path / "a", "-n", "tab", "-p", "c=11") == 0
    key = C.key(nb.path.read_bytes(), {"beta": 200.0, "c": 11.0})
    entry = C.root() / key
    assert (entry / "values.csv").exists()
    for damage in ("truncate", "empty", "remove", "index"):
        target = entry / ("values.csv" if damage != "index" else C.INDEX)
        if damage == "remove":
            target.unlink()
        else:
            target.write_text("" if damage == "empty" else target.read_text()[:5])
        out = tmp_path / damage
        assert run(root, out, "-n", "tab", "-p", "c=11") == 0
        m = json.loads((out / "manifest.json").read_text())
        assert not m["notebooks"]["tab"]["cached"], damage  # executed again, the entry replaced
        assert (out / "values.csv").read_text() == "beta,c,n\n200.0,11.0,3\n"
        assert json.loads((entry / C.INDEX).read_text()) == C._files(entry)
    assert run(root, tmp_path / "hit", "-n", "tab", "-p", "c=11") == 0
    assert json.loads((tmp_path / "hit" / "manifest.json").read_text())["notebooks"]["tab"]["cached"]
    stale = C.root() / ".tmp-killed"  # a write that was interrupted
    stale.mkdir()
    C.put("k" * 32, tmp_path / "hit")
    assert not stale.exists() and (C.root() / ("k" * 32) / "values.csv").exists()


def test_cache_key_has_the_versions_of_imported_packages(root, monkeypatch):
    nb = R.select(R.discover(root), ["plot"])[0]
    source = nb.path.read_bytes()
    assert "matplotlib" in C.versions(source) and "numpy" in C.versions(source)
    before = C.key(source, {})
    real = C.md.version
    monkeypatch.setattr(C.md, "version", lambda d: "9.9.9" if d == "matplotlib" else real(d))
    C._installed.cache_clear()  # a new process: sees the upgrade
    try:
        assert C.key(source, {}) != before
    finally:
        C._installed.cache_clear()


def test_cache_command_shows_clears_and_limits(root, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("XBEC_CACHE", str(tmp_path / "own-cache"))
    for c in ("1", "2"):
        assert run(root, tmp_path / f"r{c}", "-n", "tab", "-p", f"c={c}") == 0
    capsys.readouterr()
    assert cli.main(["cache"]) == 0
    text = capsys.readouterr().out
    assert f"location: {tmp_path / 'own-cache'}" in text and "in 2 entries" in text
    sizes = [s for _, s, _ in C.entries()]
    monkeypatch.setenv("XBEC_CACHE_MAX", str(sum(sizes) - 1))
    assert run(root, tmp_path / "r4", "-n", "tab", "-p", "c=4") == 0
    assert len(C.entries()) <= 2 and C.entries()[-1][0] == C.key(
        R.select(R.discover(root), ["tab"])[0].path.read_bytes(), {"beta": 200.0, "c": 4.0})  # the oldest went
    assert cli.main(["cache", "clear"]) == 0 and C.entries() == []
    assert "removed" in capsys.readouterr().out


def test_progress_on_a_terminal_and_in_a_pipe(root, tmp_path):
    cmd = f"{sys.executable} -m xbec run --root {root} -n tab plot --no-cache --jobs 1 --out tty"
    env = {**os.environ, "COLUMNS": "120"}
    res = subprocess.run(["script", "-qfec", cmd, "/dev/null"], cwd=tmp_path, capture_output=True, text=True,
                         timeout=300, env=env)
    assert res.returncode == 0, res.stdout
    screen = res.stdout.replace("\r", "\n")
    assert "1/2" in screen and "2/2" in screen and "notebook" in screen, screen  # tqdm: done of total, elapsed
    assert "running tab" in screen or "running plot" in screen, screen
    code, _, err = xbec(root, "-n", "tab", "plot", "--jobs", "1", "--out", "pipe", cwd=tmp_path)
    lines = [ln for ln in err.splitlines() if ln.startswith("xbec run: [")]
    assert code == 0 and "\r" not in err and len(lines) == 2, err  # one line per notebook finished
    assert {ln.split()[3] for ln in lines} == {"tab", "plot"} and "[1/2]" in lines[0] and "[2/2]" in lines[1]


def test_datapackages_of_run_and_sweep_validate(root, tmp_path):
    frictionless = pytest.importorskip("frictionless")
    assert run(root, tmp_path / "s", "-n", "tab", "--grid", "beta=200,250") == 0
    for folder in (tmp_path / "s", tmp_path / "s" / "beta-250"):
        report = frictionless.validate(str(folder / "datapackage.json"))
        assert report.valid, report.flatten(["type", "message"])
        package = json.loads((folder / "datapackage.json").read_text())
        for resource in package["resources"]:
            header = (folder / resource["path"]).read_text().splitlines()[0].split(",")
            assert [f["name"] for f in resource["schema"]["fields"]] == header
            assert all(f["description"] for f in resource["schema"]["fields"])
    rows = list(csv.DictReader((tmp_path / "s" / "sweep.csv").open()))
    assert list(rows[0])[:2] == ["point", "beta"] and [r["point"] for r in rows] == ["beta-200", "beta-250"]
    import xbec

    band = xbec.acceptable_lambda(xbec.HorizontalParams(beta=250))
    assert (float(rows[1]["lambda_lo"]), float(rows[1]["lambda_hi"])) == (band.lo, band.hi)
    assert rows[1]["claim_pareto"] == {c.key: c.verdict for c in xbec.claims(xbec.HorizontalParams(beta=250))}["pareto"]
    cols = list(rows[0])
    assert cols.index("lambda_hi") < cols.index("tab:beta_sq")  # headline columns before the glue
    m = json.loads((tmp_path / "s" / "manifest.json").read_text())
    assert len(m["warnings"]) == 1 and "mu" in m["warnings"][0]  # the mu warning, once, recorded


def test_an_unreachable_scheduler_exits_1(root, tmp_path):
    pytest.importorskip("distributed")
    import dask

    argv = ["-n", "tab", "plot", "--grid", "beta=200,250", "--no-cache"]
    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):  # dask's setting, read by the Client
        assert run(root, tmp_path / "x", *argv, "--scheduler", "tcp://127.0.0.1:1") == 1


@pytest.mark.skipif(
    os.environ.get("XBEC_RUN_TESTS") != "1",
    reason="starts a two-worker LocalCluster (about 10-40 s): make test-run",
)
def test_sweep_on_a_two_worker_dask_cluster_writes_the_same_bytes(root, tmp_path):
    distributed = pytest.importorskip("distributed")
    argv = ["-n", "tab", "plot", "--grid", "beta=200,250", "--no-cache"]
    assert run(root, tmp_path / "local", *argv) == 0
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cl:
        assert run(root, tmp_path / "remote", *argv, "--scheduler", cl.scheduler_address) == 0
    a, b = files(tmp_path / "local"), files(tmp_path / "remote")
    timing = [k for k in a if k.endswith("manifest.json")]
    assert a.keys() == b.keys() and all(a[k] == b[k] for k in a if k not in timing)
