"""``xbec run`` on the repository's own chapters (minutes on 2 cores: ``make test-run``).

The paper's parameters twice without the cache (the same bytes, apart from the
outputs the manifest lists as ``nondeterministic``), an alternative set
(beta = 300, c = 20) whose tables are what :mod:`xbec.replication.numerics`
computes, a four-point sweep and its cached repeat, and ``--book``.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import re
import subprocess
import sys
import time
from html import unescape
from pathlib import Path

import numpy as np
import pytest

nbformat = pytest.importorskip("nbformat")
pytest.importorskip("papermill")

import xbec  # noqa: E402
from xbec.replication import numerics  # noqa: E402
from xbec.rerun import params as rp  # noqa: E402
from xbec.rerun import run as R  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(os.environ.get("XBEC_RUN_TESTS") != "1",
                                reason="runs every chapter (minutes): make test-run")


def xbec_run(*args: str, cwd: Path) -> tuple[subprocess.CompletedProcess, float]:
    t0 = time.perf_counter()
    res = subprocess.run([sys.executable, "-m", "xbec", "run", *args], cwd=cwd, capture_output=True, text=True,
                         timeout=1200, env={**os.environ, "XBEC_CACHE": str(cwd / "cache")})
    assert res.returncode == 0, res.stderr
    return res, time.perf_counter() - t0


def read_csv(path: Path) -> dict[str, np.ndarray]:
    rows = list(csv.reader(path.open()))
    return {h: np.array([float(r[i]) for r in rows[1:]]) for i, h in enumerate(rows[0])}


@pytest.fixture(scope="module")
def runs(tmp_path_factory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("chapters")
    # "five": five vertical members and b2 near its bound; validation accepts it, so every chapter runs
    five = ["-p", "mu=1500,1900,2100,2300,2500", "-p", "phi=20,15,8,12,10", "-p", "theta=0.7,0.5,0.4,0.6,0.5",
            "-p", "b2=1.9"]
    for name, args in {"paper": ["--params", str(ROOT / "examples" / "paper.yml"), "--no-cache"],
                       "paper2": ["--no-cache"], "alt": ["-p", "beta=300", "-p", "c=20"], "five": five}.items():
        _, seconds = xbec_run(*args, "--out", name, cwd=base)
        print(f"xbec run {name}: {seconds:.1f} s")
    return {n: base / n for n in ("paper", "paper2", "alt", "five")}


def test_every_chapter_ran_and_the_manifest_holds(runs):
    expected = [nb.name for nb in R.select(R.discover(ROOT), None)]
    for run in runs.values():
        m = json.loads((run / "manifest.json").read_text())
        assert list(m["notebooks"]) == expected
        for name in expected:
            nb = nbformat.read(run / "notebooks" / f"{name}.ipynb", as_version=4)
            assert not any(o.get("output_type") == "error" for c in nb.cells for o in c.get("outputs", []))
        assert all(hashlib.sha256((run / f).read_bytes()).hexdigest() == h for f, h in m["outputs"].items())
        figures = [k for k in m["outputs"] if k.endswith(".png")]
        assert figures and all(f[:-4] + ".svg" in m["outputs"] for f in figures)
        # beyond_cost measures run times (notebook, PNG, SVG): at most three such files
        assert set(m["nondeterministic"]) == set(R.NONDETERMINISTIC) and len(R.NONDETERMINISTIC) <= 3


def test_same_bytes_twice(runs):
    a, b = (json.loads((runs[n] / "manifest.json").read_text()) for n in ("paper", "paper2"))
    odd = set(a["nondeterministic"])
    differ = sorted(f for f in a["outputs"] if a["outputs"][f] != b["outputs"].get(f))
    assert set(a["outputs"]) == set(b["outputs"]) and set(differ) <= odd, differ
    print(f"\nidentical: {len(a['outputs']) - len(differ)} of {len(a['outputs'])} files; differing: {differ}")
    timing = ("started", "seconds", "notebooks", "outputs")
    assert {k: v for k, v in a.items() if k not in timing} == {k: v for k, v in b.items() if k not in timing}


@pytest.mark.parametrize("which", ["paper", "alt"])
def test_tables_are_what_xbec_computes(runs, which):
    v = rp.validate({**rp.defaults(), **({"beta": 300.0, "c": 20.0} if which == "alt" else {})})
    for name, want in (("table1.csv", numerics.table1(v.horizontal, v.grid)),
                       ("table2.csv", numerics.table2(v.horizontal, v.vertical, v.grid))):
        got = read_csv(runs[which] / name)
        for k in got:
            np.testing.assert_allclose(got[k], want[k], rtol=1e-9, atol=1e-9)


def test_alternative_differs_and_warns_about_mu(runs):
    p, a = read_csv(runs["paper"] / "table1.csv"), read_csv(runs["alt"] / "table1.csv")
    np.testing.assert_allclose(a["p"], xbec.centralized(xbec.HorizontalParams(beta=300, c=20)).p)
    assert not np.allclose(p["pi_platform"], a["pi_platform"])
    m = json.loads((runs["alt"] / "manifest.json").read_text())
    assert m["changed_from_paper"] == {"beta": 300, "c": 20} and "mu" in m["warnings"][0]
    assert m["notebooks"]["table1_fig2"]["injected"]["beta"] == 300


def test_chapter_that_cannot_compute_is_refused_up_front(tmp_path):
    res = subprocess.run([sys.executable, "-m", "xbec", "run", "-p", "K=5000"], cwd=tmp_path, capture_output=True,
                         text=True, timeout=120)
    assert res.returncode == 2 and "K=5000" in res.stderr and "beyond_allocation" in res.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("argv, fragment", [
    (["-p", "mu=-1e12,1,1,1"], "every mu[i] >= 0"),  # failed in beyond_allocation's cell 6 after 50 s
    (["-p", "mu=" + ",".join(["1"] * 13), "-p", "phi=" + ",".join(["1"] * 13),
      "-p", "theta=" + ",".join(["1"] * 13)], "at most 12"),  # a MemoryError in beyond_cost
    (["--timeout", "1.5"], "integer"), (["--timeout", "1e308"], "integer"),
    (["--grid", "c=0,-0"], "given twice"), (["--grid", "beta=200", "--grid", "beta=300"], "given twice"),
    (["-p", "beta=15"], "beta - b1*c > 0"), (["--out", ""], "empty"),
])
def test_bad_input_is_refused_before_any_chapter_runs(tmp_path, argv, fragment):
    out = [] if "--out" in argv else ["--out", "x"]
    res = subprocess.run([sys.executable, "-m", "xbec", "run", *argv, *out], cwd=tmp_path, capture_output=True,
                         text=True, timeout=120)
    assert res.returncode == 2 and fragment in res.stderr and "Traceback" not in res.stderr, res.stderr
    assert list(tmp_path.iterdir()) == []


def _files(path: Path) -> dict[str, bytes]:
    return {p.relative_to(path).as_posix(): p.read_bytes() for p in sorted(path.rglob("*")) if p.is_file()}


def test_four_point_sweep_its_table_its_cached_repeat_and_a_dask_cluster(tmp_path):
    frictionless = pytest.importorskip("frictionless")
    argv = ["-n", "horizontal_model", "table1_fig2", "--grid", "beta=200,300", "--grid", "c=10,20"]
    _, cold = xbec_run(*argv, "--out", "s1", cwd=tmp_path)
    _, warm = xbec_run(*argv, "--out", "s2", cwd=tmp_path)
    print(f"\nfour-point sweep: {cold:.1f} s cold, {warm:.1f} s cached")
    rows = list(csv.DictReader((tmp_path / "s1" / "sweep.csv").open()))
    hp = xbec.HorizontalParams(beta=300, c=20)
    assert len(rows) == 4 and rows[3]["point"] == "beta-300_c-20"
    assert float(rows[3]["dec_p"]) == pytest.approx(xbec.decentralized(hp).p, rel=1e-15)
    assert (float(rows[3]["lambda_lo"]), float(rows[3]["lambda_hi"])) == tuple(xbec.acceptable_lambda(hp))
    assert {k[6:]: v for k, v in rows[3].items() if k.startswith("claim_")} == {c.key: c.verdict for c in xbec.claims(hp)}
    report = frictionless.validate(str(tmp_path / "s1" / "datapackage.json"))
    assert report.valid, report.flatten(["type", "message"])
    assert (tmp_path / "s1" / "sweep.csv").read_bytes() == (tmp_path / "s2" / "sweep.csv").read_bytes()
    for point in ("beta-200_c-10", "beta-300_c-20"):
        m = json.loads((tmp_path / "s2" / point / "manifest.json").read_text())
        assert all(info["cached"] for info in m["notebooks"].values())
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cl:
        _, remote = xbec_run(*argv, "--no-cache", "--scheduler", cl.scheduler_address, "--out", "s3", cwd=tmp_path)
    print(f"the same sweep on a two-worker LocalCluster: {remote:.1f} s")
    a, b = _files(tmp_path / "s1"), _files(tmp_path / "s3")
    assert a.keys() == b.keys()
    assert [k for k in a if a[k] != b[k] and not k.endswith("manifest.json")] == []


def test_datapackage_of_a_run(runs):
    frictionless = pytest.importorskip("frictionless")
    for run in runs.values():
        report = frictionless.validate(str(run / "datapackage.json"))
        assert report.valid, report.flatten(["type", "message"])
        described = {r["path"] for r in json.loads((run / "datapackage.json").read_text())["resources"]}
        assert described == {p.name for p in run.glob("*.csv")}


def test_book_of_a_run(tmp_path):
    xbec_run("-p", "beta=300", "-p", "c=20", "-n", "table1_fig2", "--book", "--out", "b", cwd=tmp_path)
    html = tmp_path / "b" / "book"
    assert (html / "this_run.html").exists() and (html / "notebooks" / "table1_fig2.html").exists()
    page = (html / "notebooks" / "table1_fig2.html").read_text(encoding="utf-8")
    assert "<strong>beta&nbsp;=&nbsp;300</strong> (paper: 200)" in page
    m = json.loads((tmp_path / "b" / "manifest.json").read_text())
    assert "book/index.html" in m["outputs"] and R.foreign(tmp_path / "b") is None
    cells = nbformat.read(tmp_path / "b" / "notebooks" / "table1_fig2.ipynb", as_version=4).cells
    blocks = [c for c in cells if {"parameters", "injected-parameters"} & set(c.metadata.get("tags", []))
              and "remove-cell" not in c.metadata.get("tags", [])]
    assert len(blocks) == 1 and "beta = 300.0" in blocks[0].source  # one parameter block: the values in force
    def text(page: str) -> str:
        return " ".join(unescape(re.sub(r"<[^>]+>", "", (html / page).read_text(encoding="utf-8"))).split())

    command = text("this_run.html")
    assert "xbec run --param beta=300 --param c=20 --book" in command and "\u2013param" not in command  # ASCII
    landing = re.search(r'url=([^"]+)"', (html / "index.html").read_text(encoding="utf-8"))  # a redirect
    assert "applies to the paper\u2019s parameters only" in text(landing[1] if landing else "index.html").replace(
        "'", "\u2019")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b", "cache"]
