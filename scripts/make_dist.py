"""Write the release bundle dist/xbec-<version>/ (`make dist`, after `make book`).

Contents (every file listed, with its SHA-256, in SHA256SUMS; check with
`cd dist/xbec-<version> && sha256sum -c SHA256SUMS`):

    README.md                    what each file is and how to rebuild (generated)
    xbec-<version>-source.tar.gz the full source: `git archive` of the committed tree
                                 (package, notebooks, book, tests, Makefile, scripts,
                                 lock files, examples); unpack it and run `make test`
                                 and `make book` to rebuild everything below
    xbec-<version>-html.tar.gz   the HTML book (_build/html), open index.html
    xbec-<version>.pdf           the whole book as one PDF (make pdf)
    notebooks/*.ipynb            each chapter's notebook as executed for the book
    tables/*.csv                 every table the chapters write (`xbec run`, paper's parameters)
    figures/*.png, *.svg         every figure
    data/*.json                  other outputs (e.g. the explorer's grid)
    manifest.json                the run manifest of `xbec run` (parameters, versions, hashes)
    xbec-<version>-py3-none-any.whl, xbec-<version>.tar.gz   wheel and sdist (built from the source archive)
    CITATION.cff, .zenodo.json, codemeta.json, LICENSE, requirements/*.txt

`python scripts/make_dist.py --source-only DIR` writes only the source archive
into DIR (`make test-dist` unpacks it into a fresh folder and runs `make test`
there).

Reproducible: archives are written with sorted members, owner 0, fixed
timestamps (SOURCE_DATE_EPOCH, by default the last commit's time) and gzip
headers without a time, so running `make dist` twice on the same build gives
the same bytes for every file. The bundle is assembled in a temporary folder
next to it and moved into place whole; an existing bundle is replaced only if
it is one this script wrote (it has SHA256SUMS and nothing else unexpected).

Usage: python scripts/make_dist.py [--run DIR] [--source-only DIR]
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import tomllib
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUILD = ROOT / "_build"


def version() -> str:
    """The version, typed once in pyproject.toml."""
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]


def source_date_epoch() -> int:
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return int(os.environ["SOURCE_DATE_EPOCH"])
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True,
                             check=True, timeout=10)
        return int(out.stdout.strip())
    except (OSError, subprocess.SubprocessError, ValueError):
        return 315532800  # 1980-01-01, the earliest zip date


def _gzip_bytes(raw: bytes) -> bytes:
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0, compresslevel=9) as gz:
        gz.write(raw)
    return buf.getvalue()


def tar_tree(src: Path, prefix: str, epoch: int) -> bytes:
    """A reproducible .tar.gz of the folder ``src`` (members under ``prefix/``)."""
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as tar:
        paths = sorted(src.rglob("*"), key=lambda p: p.relative_to(src).as_posix())
        for path in [src, *paths]:
            rel = path.relative_to(src).as_posix()
            name = prefix if rel == "." else f"{prefix}/{rel}"
            info = tar.gettarinfo(str(path), arcname=name)
            info.mtime, info.uid, info.gid, info.uname, info.gname = epoch, 0, 0, "", ""
            info.mode = 0o755 if path.is_dir() else 0o644
            if info.isreg():
                with path.open("rb") as fh:
                    tar.addfile(info, fh)
            elif info.isdir():
                tar.addfile(info)
    return _gzip_bytes(raw.getvalue())


def normalize_tar_gz(data: bytes, epoch: int) -> bytes:
    """``data`` (a .tar.gz) re-written with sorted members, owner 0 and time ``epoch``."""
    raw = io.BytesIO()
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as src, \
            tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as dst:
        for info in sorted(src.getmembers(), key=lambda m: m.name):
            fh = src.extractfile(info) if info.isreg() else None
            info.mtime, info.uid, info.gid, info.uname, info.gname = epoch, 0, 0, "", ""
            info.pax_headers = {}
            dst.addfile(info, fh)
    return _gzip_bytes(raw.getvalue())


def normalize_zip(data: bytes, epoch: int) -> bytes:
    """``data`` (a zip, e.g. a wheel) re-written with sorted entries dated ``epoch``."""
    stamp = time.gmtime(max(epoch, 315532800))[:6]
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        names = sorted(src.namelist(), key=lambda n: (n.endswith("RECORD"), n))  # RECORD last, as wheels do
        for name in names:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.external_attr = src.getinfo(name).external_attr
            info.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(info, src.read(name))
    return out.getvalue()


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def write_sums(bundle: Path) -> Path:
    files = sorted(p for p in bundle.rglob("*") if p.is_file() and p.name != "SHA256SUMS")
    lines = [f"{sha256(p)}  {p.relative_to(bundle).as_posix()}" for p in files]
    out = bundle / "SHA256SUMS"
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out


def source_archive(dest: Path) -> Path:
    """``xbec-<version>-source.tar.gz``: the committed tree (``git archive HEAD``) under ``xbec-<version>/``.

    Only committed files: an uncommitted change is not in it (make_dist warns).
    git archive dates every member with the commit's time, so the archive of
    one commit is the same bytes every time (gzip header without a time).
    """
    v = version()
    raw = subprocess.run(["git", "archive", "--format=tar", f"--prefix=xbec-{v}/", "HEAD"], cwd=ROOT,
                         capture_output=True, check=True).stdout
    out = dest / f"xbec-{v}-source.tar.gz"
    out.write_bytes(_gzip_bytes(raw))
    return out


def _uncommitted() -> list[str]:
    status = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT,
                            capture_output=True, text=True, check=True).stdout
    return [line[3:] for line in status.splitlines()]


def build_packages(dest: Path, source: Path, epoch: int) -> list[Path]:
    """Wheel and sdist of xbec built from the source archive (the sdist, then the wheel from it), normalised.

    ``python -m build --no-isolation`` uses the setuptools of the locked
    environment (requirements/book.txt): no download at build time.
    """
    env = dict(os.environ, SOURCE_DATE_EPOCH=str(epoch))
    with tempfile.TemporaryDirectory() as tmp:
        # Build from the unpacked committed tree: setuptools leaves build/ and
        # *.egg-info/ in the source folder, and a stale build/lib would leak
        # into the wheel. The wheel is built from the sdist, so the sdist is
        # known to be complete.
        built = Path(tmp) / "out"
        with tarfile.open(source, "r:gz") as tar:
            tar.extractall(tmp, filter="data")
        (src,) = [p for p in Path(tmp).iterdir() if p.is_dir() and p.name != "out"]
        cmd = [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(built), str(src)]
        subprocess.run(cmd, check=True, env=env, stdout=subprocess.DEVNULL)
        out = []
        for p in sorted(built.iterdir()):
            if p.name.endswith(".whl"):
                data = normalize_zip(p.read_bytes(), epoch)
            elif p.name.endswith(".tar.gz"):
                data = normalize_tar_gz(p.read_bytes(), epoch)
            else:
                continue
            target = dest / p.name
            target.write_bytes(data)
            out.append(target)
    return out


def ensure_run(run_dir: Path) -> Path:
    """The `xbec run` of the paper's parameters whose tables, figures and manifest the bundle ships."""
    if not (run_dir / "manifest.json").is_file():
        xbec = Path(sys.executable).parent / "xbec"
        subprocess.run([str(xbec), "run", "--out", str(run_dir)], check=True, cwd=ROOT)
    return run_dir


def assemble(bundle: Path, run_dir: Path, epoch: int) -> None:
    v = version()
    html, pdf = BUILD / "html", BUILD / "pdf" / "xbec.pdf"
    if not (html / "index.html").is_file() or not pdf.is_file():
        raise SystemExit("make_dist: needs _build/html and _build/pdf/xbec.pdf (make book)")
    (bundle / f"xbec-{v}-html.tar.gz").write_bytes(tar_tree(html, f"xbec-{v}-html", epoch))
    shutil.copyfile(pdf, bundle / f"xbec-{v}.pdf")
    # executed notebooks, as the book's download buttons serve them
    nb_dir = bundle / "notebooks"
    nb_dir.mkdir()
    for src in sorted((html / "_sources" / "notebooks").glob("*.ipynb")):
        nb = json.loads(src.read_text(encoding="utf-8"))
        if not any(c.get("outputs") for c in nb["cells"] if c["cell_type"] == "code"):
            raise SystemExit(f"make_dist: {src} has no outputs (not the executed notebook)")
        shutil.copyfile(src, nb_dir / src.name)
    # tables, figures, other outputs and the manifest of the run
    kinds = {".csv": "tables", ".png": "figures", ".svg": "figures", ".json": "data"}
    for src in sorted(p for p in run_dir.iterdir() if p.is_file()):
        if src.name == "manifest.json":
            shutil.copyfile(src, bundle / "manifest.json")
        elif src.suffix in kinds:
            (bundle / kinds[src.suffix]).mkdir(exist_ok=True)
            shutil.copyfile(src, bundle / kinds[src.suffix] / src.name)
    source = source_archive(bundle)
    build_packages(bundle, source, epoch)
    for name in ("CITATION.cff", ".zenodo.json", "codemeta.json", "LICENSE"):
        if (ROOT / name).is_file():
            shutil.copyfile(ROOT / name, bundle / name)
    (bundle / "requirements").mkdir()
    for lock in sorted((ROOT / "requirements").glob("*.txt")):
        shutil.copyfile(lock, bundle / "requirements" / lock.name)
    (bundle / "README.md").write_text(bundle_readme(bundle), encoding="utf-8")


DESCRIBE = [  # (glob under the bundle, what it is)
    ("README.md", "this file"),
    ("xbec-{v}-source.tar.gz", "the full source at the release commit (`git archive`): the package, the "
     "notebooks (`.py` and `.ipynb`), the book's pages and configuration, the tests, the Makefile, the "
     "scripts, the lock files (requirements/) and the example parameter files; its README.md is the "
     "package's full README (data availability, requirements, runtimes, instructions)"),
    ("xbec-{v}-html.tar.gz", "the HTML book; unpack and open index.html (works offline)"),
    ("xbec-{v}.pdf", "the whole book as one PDF (without the API reference)"),
    ("notebooks/*.ipynb", "each chapter's notebook as executed for the book (with outputs)"),
    ("tables/*.csv", "the tables the chapters write, at the paper's parameters (`xbec run`)"),
    ("figures/*", "the figures the chapters write (PNG and SVG)"),
    ("data/*", "other outputs of the run (JSON)"),
    ("manifest.json", "the run manifest: parameters, package versions, hashes of every output"),
    ("xbec-{v}-py3-none-any.whl", "the package as a wheel (`pip install` it for the model and the `xbec` command)"),
    ("xbec-{v}.tar.gz", "the package's sdist"),
    ("requirements/*.txt", "the lock files (pinned, hash-checked versions) `make test` and `make book` install"),
    ("CITATION.cff", "citation metadata (Citation File Format 1.2.0)"),
    (".zenodo.json", "Zenodo deposit metadata (generated from CITATION.cff)"),
    ("codemeta.json", "CodeMeta metadata (generated from CITATION.cff)"),
    ("LICENSE", "code: MIT; text: CC BY 4.0"),
    ("SHA256SUMS", "SHA-256 of every file; check with `sha256sum -c SHA256SUMS`"),
]


def bundle_readme(bundle: Path) -> str:
    """The bundle's README: each file present and what it is, and how to rebuild from the source archive."""
    v = version()
    lines = [f"# xbec {v}: release bundle", "",
             "Executable replication package of Wei, Yang & Ou (2024), \"Construction of Cross Border",
             "E-commerce Cooperation Alliance based on Cloud Platform and Interest Game\", Global Academic",
             "Frontiers 2(1):44-57. Written by `make dist`.", "", "## Files", ""]
    for pattern, what in DESCRIBE:
        pattern = pattern.format(v=v)
        found = sorted(bundle.glob(pattern))
        if pattern in ("README.md", "SHA256SUMS") or found:
            count = f" ({len(found)} files)" if "*" in pattern else ""
            lines.append(f"- `{pattern}`{count}: {what}.")
    lines += ["", "## Rebuild everything from the source", "",
              "Needs Python 3.11+, GNU make and, for the book, network access on the first build",
              "(the locked packages from PyPI, MathJax from the npm registry, Debian's Chromium).", "",
              "```sh", f"tar -xzf xbec-{v}-source.tar.gz", f"cd xbec-{v}",
              "make test    # creates .venv from requirements/test.txt, runs the test suite",
              "make book    # executes every notebook, builds the HTML book and its PDF in _build/",
              "make dist    # writes this bundle again into dist/", "```", "",
              "The source's README.md gives the computational requirements, measured runtimes and the",
              "data availability statement.", ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--run", default=str(BUILD / "run"), help="xbec run output to ship (made if missing)")
    ap.add_argument("--dist", default=str(ROOT / "dist"))
    ap.add_argument("--source-only", metavar="DIR", help="write only the source archive into DIR")
    args = ap.parse_args(argv)
    for path in _uncommitted():
        print(f"make_dist: warning: {path} has uncommitted changes; the source archive holds the committed version",
              file=sys.stderr)
    if args.source_only:
        Path(args.source_only).mkdir(parents=True, exist_ok=True)
        print(f"make_dist: {source_archive(Path(args.source_only))}")
        return 0
    epoch = source_date_epoch()
    dist = Path(args.dist)
    dist.mkdir(exist_ok=True)
    final = dist / f"xbec-{version()}"
    if final.exists() and not (final / "SHA256SUMS").is_file():
        raise SystemExit(f"make_dist: {final} exists and is not a bundle this script wrote: not replacing it")
    run_dir = ensure_run(Path(args.run))
    tmp = Path(tempfile.mkdtemp(prefix=f".xbec-{version()}.", dir=dist))
    try:
        assemble(tmp, run_dir, epoch)
        write_sums(tmp)
        tmp.chmod(0o755)
        if final.exists():
            shutil.rmtree(final)
        tmp.rename(final)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    check = subprocess.run(["sha256sum", "--quiet", "-c", "SHA256SUMS"], cwd=final)
    if check.returncode:
        raise SystemExit("make_dist: sha256sum -c SHA256SUMS failed")
    files = sorted(p for p in final.rglob("*") if p.is_file())
    size = sum(p.stat().st_size for p in files)
    print(f"make_dist: {final.relative_to(ROOT)}: {len(files)} files, {size / 1e6:.1f} MB, "
          f"SHA256SUMS verified (SOURCE_DATE_EPOCH={epoch})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
