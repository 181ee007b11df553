"""Release machinery: one version everywhere, citation metadata, the lock, the bundle, publishing.

- the version typed in pyproject.toml is the one of CITATION.cff, .zenodo.json,
  codemeta.json, the installed package and (once built) the book's status page;
- .zenodo.json and codemeta.json are what scripts/citation_meta.py writes from
  CITATION.cff, with the replicated paper as a related work;
- the lock files pin, with hashes, a version satisfying every requirement of
  pyproject.toml; environment.yml pins the same versions; the Makefile installs
  from them;
- the bundle's archives are reproducible (same bytes from the same files,
  whatever their timestamps) and SHA256SUMS verifies with `sha256sum -c`;
- `make publish` (ghp-import) commits the book to gh-pages of a temporary
  repository without touching its current branch or pushing;
- the GitHub Actions workflow runs the same make targets as .ci/run.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import io
import json
import os
import re
import shutil
import subprocess
import tarfile
import tomllib
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
VERSION = PYPROJECT["project"]["version"]


def _script(name: str):
    spec = importlib.util.spec_from_file_location(f"_xbec_script_{name}", ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _yaml():
    return pytest.importorskip("yaml", reason="PyYAML not installed")


# ------------------------------------------------------------------- versions


def test_one_version_everywhere():
    meta = _script("citation_meta")
    cff = meta.load_cff()
    zenodo = json.loads((ROOT / ".zenodo.json").read_text(encoding="utf-8"))
    codemeta = json.loads((ROOT / "codemeta.json").read_text(encoding="utf-8"))
    found = {
        "pyproject.toml": VERSION,
        "CITATION.cff": str(cff["version"]),
        ".zenodo.json": zenodo["version"],
        "codemeta.json": codemeta["version"],
    }
    import xbec

    found["xbec.__version__"] = xbec.__version__
    try:
        found["installed xbec"] = importlib.metadata.version("xbec")
    except importlib.metadata.PackageNotFoundError:
        pass
    status = ROOT / "_build" / "html" / "notebooks" / "status.html"
    if status.is_file():
        text = re.sub(r"<[^>]+>", "", status.read_text(encoding="utf-8"))
        m = re.search(r"of xbec\s+([0-9][^\s,]*)", text)
        assert m, "the built status page names no xbec version"
        found["book status page"] = m.group(1)
    assert set(found.values()) == {VERSION}, found


def test_version_is_a_release_version():
    assert re.fullmatch(r"\d+\.\d+\.\d+", VERSION), VERSION


# ----------------------------------------------------------------- citation


def test_zenodo_and_codemeta_are_generated_from_citation_cff():
    meta = _script("citation_meta")
    for name, text in meta.outputs().items():
        assert (ROOT / name).read_text(encoding="utf-8") == text, (
            f"{name} differs from CITATION.cff: run `python scripts/citation_meta.py`")


def test_citation_metadata_credits_the_paper():
    meta = _script("citation_meta")
    cff = meta.load_cff()
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", cff["date-released"])
    (paper,) = [r for r in cff["references"] if r.get("journal") == "Global Academic Frontiers"]
    zenodo = json.loads((ROOT / ".zenodo.json").read_text(encoding="utf-8"))
    assert zenodo["publication_date"] == cff["date-released"]
    assert zenodo["upload_type"] == "software"
    assert any("Wei, K., Yang, Z., & Ou, Y. (2024)" in r and "Global Academic Frontiers, 2(1), 44–57" in r
               for r in zenodo["references"])
    codemeta = json.loads((ROOT / "codemeta.json").read_text(encoding="utf-8"))
    assert codemeta["datePublished"] == cff["date-released"]
    (cited,) = codemeta["citation"]
    assert [a["familyName"] for a in cited["author"]] == [a["family-names"] for a in paper["authors"]]
    assert cited["isPartOf"]["isPartOf"]["isPartOf"]["name"] == "Global Academic Frontiers"


def test_licences_agree_everywhere():
    """Code MIT, text CC BY 4.0: LICENSE, CITATION.cff, .zenodo.json, codemeta.json and pyproject.toml say the same."""
    meta = _script("citation_meta")
    cff = meta.load_cff()
    code, text = "MIT", "CC-BY-4.0"
    licence = (ROOT / "LICENSE").read_text(encoding="utf-8")
    part1 = licence.split("Part 1.", 1)[1].split("Part 2.", 1)[0]
    part2 = licence.split("Part 2.", 1)[1]
    assert "Code: MIT License" in part1 and "Permission is hereby granted, free of charge" in part1
    assert "Text:" in part2 and "Creative Commons Attribution 4.0 International" in part2
    assert meta.licenses(cff) == [code, text]
    assert "Code: MIT licence; text of the companion book: CC BY 4.0" in " ".join(cff["message"].split())
    zenodo = json.loads((ROOT / ".zenodo.json").read_text(encoding="utf-8"))
    assert zenodo["license"] == {"id": code}  # Zenodo's deposit metadata takes one licence ...
    assert f"code {code}, text of the book {text}" in zenodo["notes"]  # ... the notes give both
    codemeta = json.loads((ROOT / "codemeta.json").read_text(encoding="utf-8"))
    assert codemeta["license"] == [f"https://spdx.org/licenses/{code}", f"https://spdx.org/licenses/{text}"]
    assert PYPROJECT["project"]["license"] == f"{code} AND {text}"
    assert PYPROJECT["project"]["license-files"] == ["LICENSE"]
    # PEP 639 expressions need setuptools >= 77; the lock pins one that reads them
    assert any(re.fullmatch(r"setuptools>=(\d+)", r) and int(r.split(">=")[1]) >= 77
               for r in PYPROJECT["build-system"]["requires"])
    pinned = re.search(r"^setuptools==(\d+)\.", (ROOT / "requirements/book.txt").read_text(encoding="utf-8"), re.M)
    assert pinned and int(pinned.group(1)) >= 77
    assert f"license = {{{code} AND {text}}}" in meta.software_bibtex(cff)


def test_zenodo_notes_say_what_the_deposit_is():
    zenodo = json.loads((ROOT / ".zenodo.json").read_text(encoding="utf-8"))
    notes = zenodo["notes"]
    assert notes.startswith(f"This deposit is the release bundle of xbec {VERSION}")
    assert f"xbec-{VERSION}-source.tar.gz" in notes and "SHA256SUMS" in notes


def test_cite_page_gives_both_bibtex_entries_and_the_cff_download():
    page = (ROOT / "book" / "cite.md").read_text(encoding="utf-8")
    assert "@article{wei2024" in page and "Global Academic Frontiers" in page
    assert "{{ xbec_bibtex }}" in page  # the package's entry, from CITATION.cff (book/_ext/xbec_book.py)
    assert f"version = {{{VERSION}}}" in _script("citation_meta").software_bibtex(_script("citation_meta").load_cff())
    assert re.search(r"\{download\}`CITATION\.cff <\.\./CITATION\.cff>`", page)
    # CFF's terms: the paper is under `references`; `preferred-citation` is not set
    cff = _script("citation_meta").load_cff()
    assert "preferred-citation" not in cff
    assert "`references` lists the works the software builds on" in page


def test_readme_cites_package_and_paper_in_bibtex():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Cite", 1)[1].split("\n## ", 1)[0]
    meta = _script("citation_meta")
    assert meta.software_bibtex(meta.load_cff()) in section  # the same entry as the book's cite page
    assert "@software{" in section and f"version = {{{VERSION}}}" in section
    assert "@article{wei2024" in section and "Global Academic Frontiers" in section
    assert (ROOT / "RELEASING.md").is_file()


# ---------------------------------------------------------------------- lock


def _pins(path: Path) -> dict[str, str]:
    text = path.read_text(encoding="utf-8")
    return {re.sub(r"[-_.]+", "-", n).lower(): v
            for n, v in re.findall(r"(?m)^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s\\;]+)", text)}


def _requirements(*extras: str) -> list[str]:
    project = PYPROJECT["project"]
    reqs = list(project["dependencies"])
    for extra in extras:
        reqs += project["optional-dependencies"][extra]
    return reqs


@pytest.mark.parametrize("lock, extras", [
    ("requirements/test.txt", ("test",)),
    ("requirements/book.txt", tuple(PYPROJECT["project"]["optional-dependencies"])),
])
def test_lock_pins_every_requirement_with_hashes(lock, extras):
    from packaging.requirements import Requirement

    path = ROOT / lock
    pins = _pins(path)
    missing, wrong = [], []
    for req in map(Requirement, _requirements(*extras)):
        name = re.sub(r"[-_.]+", "-", req.name).lower()
        if name not in pins:
            missing.append(str(req))
        elif not req.specifier.contains(pins[name], prereleases=True):
            wrong.append(f"{req} (locked {pins[name]})")
    assert not missing and not wrong, f"{lock} is stale, run `make lock`: missing {missing}, unsatisfied {wrong}"
    # every pin carries at least one hash (pip's --require-hashes mode)
    blocks = re.split(r"(?m)^(?=[A-Za-z0-9])", path.read_text(encoding="utf-8"))
    unhashed = [b.split()[0] for b in blocks if "==" in b.split("\n")[0] and "--hash=sha256:" not in b]
    assert not unhashed, unhashed


def test_test_lock_agrees_with_the_book_lock():
    # make test and make book share .venv: they must not move each other's pins
    test, book = _pins(ROOT / "requirements/test.txt"), _pins(ROOT / "requirements/book.txt")
    assert {k: (v, book.get(k)) for k, v in test.items() if book.get(k) != v} == {}


def test_environment_yml_pins_the_lock():
    env = _yaml().safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    pip = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict) and "pip" in d)
    assert [p for p in pip if p.startswith("-")] == ["-e ."]
    listed = {re.sub(r"[-_.]+", "-", p.split("==")[0]).lower(): p.split("==")[1] for p in pip if "==" in p}
    assert len(listed) == len([p for p in pip if not p.startswith("-")]), "every entry must be an exact pin"
    assert listed == _pins(ROOT / "requirements/book.txt"), "environment.yml differs from the lock: run `make lock`"
    python = next(d for d in env["dependencies"] if isinstance(d, str) and d.startswith("python"))
    from packaging.specifiers import SpecifierSet

    assert python.split("=", 1)[1] in SpecifierSet(PYPROJECT["project"]["requires-python"])


def test_makefile_installs_from_the_lock():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target, lock in ((r"\$\(VENV\)/\.test-installed", "LOCK_TEST"), (r"\$\(VENV\)/\.book-installed", "LOCK_BOOK")):
        recipe = re.search(rf"(?ms)^{target}:[^\n]*\n((?:\t[^\n]*\n)+)", makefile)
        assert recipe, target
        body = recipe.group(1)
        assert f"--require-hashes --no-deps -r $({lock})" in body, body
        assert "--no-deps -e ." in body, body
        assert "-e '." not in body, "installs extras outside the lock"
    assert re.search(r"(?m)^lock:", makefile) and "pip-compile" in makefile


# -------------------------------------------------------------------- bundle


def _tree(tmp_path: Path, mtime: int) -> Path:
    src = tmp_path / f"site{mtime}"
    (src / "sub").mkdir(parents=True)
    (src / "index.html").write_text("<html>book</html>", encoding="utf-8")
    (src / "sub" / "b.txt").write_text("b", encoding="utf-8")
    (src / "a.txt").write_text("a", encoding="utf-8")
    for p in [src, *src.rglob("*")]:
        os.utime(p, (mtime, mtime))
    return src


def test_archives_are_reproducible(tmp_path):
    dist = _script("make_dist")
    one = dist.tar_tree(_tree(tmp_path, 1_000_000_000), "xbec-html", 1_700_000_000)
    two = dist.tar_tree(_tree(tmp_path, 1_600_000_000), "xbec-html", 1_700_000_000)
    assert one == two
    with tarfile.open(fileobj=io.BytesIO(one)) as tar:
        names = tar.getnames()
        assert names == ["xbec-html", "xbec-html/a.txt", "xbec-html/index.html", "xbec-html/sub",
                         "xbec-html/sub/b.txt"]
        assert {m.mtime for m in tar.getmembers()} == {1_700_000_000}
    assert dist.normalize_tar_gz(one, 1_700_000_000) == dist.normalize_tar_gz(one, 1_700_000_000)
    # zips (wheels): entry order and dates fixed, RECORD last
    zips = []
    for names in (["b/x.py", "a/RECORD", "a/y.py"], ["a/y.py", "b/x.py", "a/RECORD"]):
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as z:
            for i, n in enumerate(names):
                z.writestr(zipfile.ZipInfo(n, date_time=(2000 + i, 1, 1, 0, 0, 0)), n)
        zips.append(dist.normalize_zip(buf.getvalue(), 1_700_000_000))
    assert zips[0] == zips[1]
    assert zipfile.ZipFile(io.BytesIO(zips[0])).namelist() == ["a/y.py", "b/x.py", "a/RECORD"]


def test_source_archive_holds_the_committed_tree(tmp_path):
    """The bundle's source archive is `git archive HEAD`: every committed file, under xbec-<version>/, the same bytes twice."""
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout (e.g. an unpacked source archive)")
    dist = _script("make_dist")
    one = dist.source_archive(tmp_path).read_bytes()
    assert dist.source_archive(tmp_path).read_bytes() == one
    with tarfile.open(fileobj=io.BytesIO(one), mode="r:gz") as tar:
        names = {m.name.split("/", 1)[1] for m in tar.getmembers() if m.isfile()}
    committed = set(subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True,
                                   check=True).stdout.split())
    assert names == committed
    for needed in ("Makefile", "pyproject.toml", "_toc.yml", "_config.yml", "scripts/make_dist.py",
                   "requirements/test.txt", "requirements/book.txt", "examples/alternative.yml", "xbec/__init__.py",
                   "tests/conftest.py", "notebooks/alliance.py", "notebooks/alliance.ipynb", "book/intro.md"):
        assert needed in names, needed


def test_bundle_readme_names_every_file(tmp_path):
    dist = _script("make_dist")
    v = dist.version()
    for rel in (f"xbec-{v}-source.tar.gz", f"xbec-{v}.pdf", "tables/table1.csv", "LICENSE"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_bytes(b"x")
    readme = dist.bundle_readme(tmp_path)
    for rel in (f"xbec-{v}-source.tar.gz", f"xbec-{v}.pdf", "tables/*.csv", "LICENSE", "SHA256SUMS"):
        assert f"`{rel}`" in readme, rel
    assert "wheel" not in readme  # only files that are there
    assert f"tar -xzf xbec-{v}-source.tar.gz" in readme and "make test" in readme and "make book" in readme


@pytest.mark.skipif(os.environ.get("XBEC_DIST_TEST") != "1",
                    reason="slow (fresh venv from the lock, the whole suite): `make test-dist` runs it")
def test_source_archive_rebuilds_with_make_test(tmp_path):
    """Unpack the source archive into a fresh folder and run its `make test` there (own .venv)."""
    dist = _script("make_dist")
    archive = dist.source_archive(tmp_path)
    fresh = tmp_path / "fresh"
    with tarfile.open(archive, "r:gz") as tar:
        tar.extractall(fresh, filter="data")
    (tree,) = fresh.iterdir()
    env = {k: v for k, v in os.environ.items()
           if k not in ("XBEC_DIST_TEST", "PYTHONPATH", "VIRTUAL_ENV", "XBEC_ROOT", "MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    done = subprocess.run(["make", "test"], cwd=tree, env=env, capture_output=True, text=True, timeout=3600)
    errors = [line for line in done.stderr.splitlines() if "ERROR" in line or "Error" in line]
    tail = done.stdout[-2500:] + "\n" + "\n".join(errors[-20:])
    assert done.returncode == 0, tail
    assert re.search(r"\d+ passed", done.stdout), tail
    assert (tree / ".venv" / ".test-installed").is_file()


def test_sha256sums_verify_with_sha256sum(tmp_path):
    if not shutil.which("sha256sum"):
        pytest.skip("no sha256sum")
    dist = _script("make_dist")
    bundle = _tree(tmp_path, 1_000_000_000)
    dist.write_sums(bundle)
    assert subprocess.run(["sha256sum", "--quiet", "-c", "SHA256SUMS"], cwd=bundle).returncode == 0
    (bundle / "a.txt").write_text("changed", encoding="utf-8")
    assert subprocess.run(["sha256sum", "--quiet", "-c", "SHA256SUMS"], cwd=bundle,
                          capture_output=True).returncode != 0


def test_bundle_if_built_verifies():
    bundle = ROOT / "dist" / f"xbec-{VERSION}"
    if not (bundle / "SHA256SUMS").is_file():
        pytest.skip("no bundle: run `make dist`")
    assert subprocess.run(["sha256sum", "--quiet", "-c", "SHA256SUMS"], cwd=bundle).returncode == 0
    for name in (f"xbec-{VERSION}.pdf", f"xbec-{VERSION}-html.tar.gz", "manifest.json",
                 f"xbec-{VERSION}-py3-none-any.whl", f"xbec-{VERSION}.tar.gz"):
        assert (bundle / name).is_file(), name
    assert list((bundle / "tables").glob("*.csv")) and list((bundle / "figures").glob("*.png"))
    assert list((bundle / "notebooks").glob("*.ipynb"))


# ------------------------------------------------------------------- publish


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True).stdout.strip()


def test_publish_puts_the_book_on_gh_pages_of_a_temporary_repo(tmp_path, monkeypatch):
    pytest.importorskip("ghp_import", reason="ghp-import not installed (release extra)")
    for k, v in {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@localhost", "GIT_COMMITTER_NAME": "t",
                 "GIT_COMMITTER_EMAIL": "t@localhost", "GIT_CONFIG_GLOBAL": "/dev/null"}.items():
        monkeypatch.setenv(k, v)
    repo = tmp_path / "repo"
    repo.mkdir()
    _git(repo, "init", "-q", "-b", "main")
    (repo / "README.md").write_text("x\n", encoding="utf-8")
    _git(repo, "add", "README.md")
    _git(repo, "commit", "-q", "-m", "first")
    html = tmp_path / "html"
    (html / "book").mkdir(parents=True)
    (html / "index.html").write_text('<meta http-equiv="Refresh" content="0; url=book/intro.html" />\n')
    (html / "book" / "intro.html").write_text("<html>intro</html>\n")
    (html / "_static").mkdir()
    (html / "_static" / "x.css").write_text("body{}\n")
    publish = _script("publish")
    message = publish.publish(html, repo)
    assert _git(repo, "rev-parse", "--abbrev-ref", "HEAD") == "main"
    assert _git(repo, "status", "--porcelain") == ""
    files = set(_git(repo, "ls-tree", "-r", "--name-only", "gh-pages").splitlines())
    assert files == {".nojekyll", "index.html", "book/intro.html", "_static/x.css"}
    assert _git(repo, "log", "-1", "--format=%s", "gh-pages") == message
    assert f"xbec {VERSION}" in message
    assert _git(repo, "remote") == ""  # nothing to push to, nothing pushed
    # a second publish adds one commit on top
    publish.publish(html, repo)
    assert _git(repo, "rev-list", "--count", "gh-pages") == "2"


# ------------------------------------------------------------------ workflow


def test_workflow_runs_the_ci_targets_then_publishes():
    yaml = _yaml()
    wf = yaml.safe_load((ROOT / ".github" / "workflows" / "book.yml").read_text(encoding="utf-8"))
    runs = "\n".join(step.get("run", "") for job in wf["jobs"].values() for step in job["steps"])
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    ci_targets = re.findall(r"(?m)^(?:make|step) ([\w-]+)", ci)
    assert ci_targets, "no make targets in .ci/run"
    wf_targets = re.findall(r"make ([\w-]+)", runs)
    assert [t for t in wf_targets if t in ci_targets] == ci_targets, (wf_targets, ci_targets)
    assert "make dist" in runs and "make publish" in runs


def test_readme_holds_the_aea_sections_and_what_a_first_build_fetches():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    sections = re.findall(r"^## (.+)$", readme, re.M)
    for needed in ("Data availability and provenance", "Computational requirements", "References", "Licence"):
        assert needed in sections, (needed, sections)
    data = readme.split("## Data availability and provenance", 1)[1].split("\n## ", 1)[0]
    assert "**Rights.**" in data and "**Randomness.**" in data
    req = readme.split("## Computational requirements", 1)[1].split("\n## ", 1)[0]
    assert "No network at build or view time" not in readme
    fetches = req.split("**What a first build fetches**", 1)[1].split("**Building offline afterwards.**", 1)
    assert "npm registry" in fetches[0] and "Debian" in fetches[0] and "root" in fetches[0]
    assert len(fetches) == 2 and "book/_vendor/mathjax" in fetches[1]
    # runtimes say on which machine, under which load and when they were measured
    runtimes = req.split("**Runtimes.**", 1)[1]
    assert re.search(r"measured on \d{4}-\d{2}-\d{2}", runtimes)
    assert "load average" in runtimes and re.search(r"\d+ cores?", runtimes)
    refs = readme.split("## References", 1)[1].split("\n## ", 1)[0]
    assert "Wei, K., Yang, Z., & Ou, Y. (2024)" in refs and "Zennyo" in refs
