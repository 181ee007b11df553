"""Write the release bundle dist/xbec-<version>/ (`make dist`, after `make book`).

Contents (every file listed, with its SHA-256, in SHA256SUMS; check with
`cd dist/xbec-<version> && sha256sum -c SHA256SUMS`):

    xbec-<version>-html.tar.gz   the HTML book (_build/html), open index.html
    xbec-<version>.pdf           the whole book as one PDF (make pdf)
    notebooks/*.ipynb            each chapter's notebook as executed for the book
    tables/*.csv                 every table the chapters write (`xbec run`, paper's parameters)
    figures/*.png, *.svg         every figure
    data/*.json                  other outputs (e.g. the explorer's grid)
    manifest.json                the run manifest of `xbec run` (parameters, versions, hashes)
    xbec-<version>-py3-none-any.whl, xbec-<version>.tar.gz   wheel and sdist
    CITATION.cff, .zenodo.json, codemeta.json, LICENSE, README.md, requirements/*.txt

Reproducible: archives are written with sorted members, owner 0, fixed
timestamps (SOURCE_DATE_EPOCH, by default the last commit's time) and gzip
headers without a time, so running `make dist` twice on the same build gives
the same bytes for every file. The bundle is assembled in a temporary folder
next to it and moved into place whole; an existing bundle is replaced only if
it is one this script wrote (it has SHA256SUMS and nothing else unexpected).

Usage: python scripts/make_dist.py [--run DIR]
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


def build_packages(dest: Path, epoch: int) -> list[Path]:
    """Wheel and sdist of xbec (python -m build: the sdist, then the wheel from it), normalised."""
    env = dict(os.environ, SOURCE_DATE_EPOCH=str(epoch))
    with tempfile.TemporaryDirectory() as tmp:
        # Build from a copy of the repository's files (tracked and new, not
        # ignored): setuptools leaves build/ and *.egg-info/ in the source
        # folder, and a stale build/lib would leak into the wheel. The wheel
        # is built from the sdist, so the sdist is known to be complete.
        src, built = Path(tmp) / "src", Path(tmp) / "out"
        listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                                cwd=ROOT, capture_output=True, check=True).stdout.decode().split("\0")
        for rel in filter(None, listed):
            if (ROOT / rel).is_file():
                (src / rel).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(ROOT / rel, src / rel)
        cmd = [sys.executable, "-m", "build", "--outdir", str(built), str(src)]
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
    build_packages(bundle, epoch)
    for name in ("CITATION.cff", ".zenodo.json", "codemeta.json", "LICENSE", "README.md"):
        if (ROOT / name).is_file():
            shutil.copyfile(ROOT / name, bundle / name)
    (bundle / "requirements").mkdir()
    for lock in sorted((ROOT / "requirements").glob("*.txt")):
        shutil.copyfile(lock, bundle / "requirements" / lock.name)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--run", default=str(BUILD / "run"), help="xbec run output to ship (made if missing)")
    ap.add_argument("--dist", default=str(ROOT / "dist"))
    args = ap.parse_args(argv)
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
