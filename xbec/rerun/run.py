"""``xbec run``: execute the chapters with papermill for new parameters, all or nothing.

Each notebook runs (``concurrent.futures`` threads, one papermill call each) in
its own work folder with ``output_dir=".."``, so its executed copy and the files
it writes form one slice of the run directory; a slice is cached under
``$XBEC_CACHE`` (default ``~/.cache/xbec``), keyed on the notebook's bytes, the
injected parameters and the xbec version and sources. The slices are merged in
a hidden ``.DIR.partial-*`` folder, locked with ``flock`` while the run lives,
and only a complete run is moved into place: by renaming onto a path that does
not exist, or, when DIR is an existing empty directory (a mount point, say) or
an earlier run being replaced with ``--force``, by filling DIR in place under
its lock. Nothing that appeared meanwhile is ever replaced: the loser of a race
keeps its results under a name it prints. A run removes the unlocked
``.partial`` folders of killed runs. Executed notebooks are normalised (no
timestamps, fixed cell ids, relative paths) so that equal parameters give equal
bytes; the cost chapter's timings are listed under ``nondeterministic``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import functools
import hashlib
import importlib.metadata as md
import json
import os
import platform
import re
import secrets
import shutil
import signal
import sys
import tempfile
import time
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from .. import __version__
from .params import Validated, format_value

NOTEBOOK_DIR, MANIFEST = "notebooks", "manifest.json"
EXCLUDED_BY_DEFAULT = frozenset({"status"})  # reports the book build, not a run
NONDETERMINISTIC = frozenset({"beyond_cost"})  # measures run times: outputs differ by design
PACKAGES = ("numpy", "scipy", "sympy", "matplotlib", "papermill", "nbclient", "nbformat",
            "ipykernel", "jupyter_client", "myst-nb", "PyYAML")
_PARTIAL = re.compile(r"^\..*\.partial-")
_ADDRESS = re.compile(r" at 0x[0-9a-f]{6,16}")
ACTIVE: set[str] = set()  # notebooks executing now (the CLI does not wait for them after an error)


class RunError(Exception):
    """A run did not complete; ``exit_code`` is what ``xbec run`` returns."""

    exit_code = 1


class UsageError(RunError):
    """Bad input found before anything was written (exit code 2)."""

    exit_code = 2


class Interrupted(RunError):
    """SIGINT (exit 130) or SIGTERM (exit 143); nothing was written."""

    def __init__(self, signum: int):
        self.exit_code = 128 + signum
        super().__init__(f"interrupted by {signal.Signals(signum).name}; nothing was written")


@dataclass(frozen=True)
class Notebook:
    """``notebooks/NAME.ipynb``, the names of its ``parameters`` cell (None: no such cell)."""

    name: str
    path: Path
    parameters: tuple[str, ...] | None
    in_toc: bool


def default_root() -> Path:
    """``$XBEC_ROOT``, else the checkout this package is imported from, else the cwd."""
    here = Path(__file__).resolve().parents[2]
    env = os.environ.get("XBEC_ROOT")
    return Path(env).resolve() if env else here if (here / NOTEBOOK_DIR).is_dir() else Path.cwd()


def discover(root: Path) -> list[Notebook]:
    """Every ``notebooks/*.ipynb``, those of ``_toc.yml`` first in its order (papermill inspects each)."""
    import papermill
    from sphinx_external_toc.parsing import parse_toc_yaml

    paths = {p.stem: p for p in sorted((root / NOTEBOOK_DIR).glob("*.ipynb"))}
    if not paths:
        raise UsageError(f"no notebooks in {root / NOTEBOOK_DIR} (pass --root or set XBEC_ROOT)")
    toc = [d.split("/", 1)[1] for d in parse_toc_yaml(root / "_toc.yml")
           if d.startswith(NOTEBOOK_DIR + "/")] if (root / "_toc.yml").exists() else []
    toc = [n for n in toc if n in paths]
    return [Notebook(n, paths[n], tuple(papermill.inspect_notebook(str(paths[n]))) or None, n in toc)
            for n in toc + sorted(set(paths) - set(toc))]


def select(notebooks: list[Notebook], names: list[str] | None) -> list[Notebook]:
    """``names`` (in order) or the default set: the TOC's notebooks with parameters, except status."""
    if not names:
        return [nb for nb in notebooks if nb.in_toc and nb.parameters and nb.name not in EXCLUDED_BY_DEFAULT]
    by_name = {nb.name: nb for nb in notebooks if nb.parameters}
    unknown = [n for n in names if Path(n).stem not in by_name]
    if unknown:
        raise UsageError(f"--notebooks: unknown notebook {unknown[0]!r} (available: {', '.join(by_name)})")
    return list({Path(n).stem: by_name[Path(n).stem] for n in names}.values())


# ----------------------------------------------------------------------------- the output directory

def default_out() -> Path:
    """``runs/YYYYmmdd-HHMMSS-xxxxxx``: a random suffix, so two runs never share a name."""
    return Path("runs") / f"{dt.datetime.now():%Y%m%d-%H%M%S}-{secrets.token_hex(3)}"


def foreign(out: Path) -> str | None:
    """Why ``out`` is not an earlier xbec run (None: every file in it is listed in its manifest)."""
    try:
        listed = set(json.loads((out / MANIFEST).read_text(encoding="utf-8"))["outputs"]) | {MANIFEST}
    except (OSError, ValueError, KeyError, TypeError):
        return f"it has no xbec {MANIFEST}"
    for p in sorted(out.rglob("*")):
        rel = p.relative_to(out).as_posix()
        if not _PARTIAL.match(rel) and (p.is_symlink() or not p.is_dir()) and rel not in listed:
            return f"{rel} is not an output of that run"
    return None


def check_out(out: Path, force: bool) -> Path:
    """Absolute ``out``; :class:`UsageError` unless it is new, an empty directory or (``force``) a run."""
    out = Path(os.path.abspath(out))
    if out.is_symlink() or (out.exists() and not out.is_dir()):
        raise UsageError(f"--out {out}: exists and is not a directory; nothing touched")
    if out.is_dir() and any(not _PARTIAL.match(e) for e in os.listdir(out)):
        why = foreign(out)
        if why:
            raise UsageError(f"--out {out}: not empty and not an earlier xbec run ({why}); "
                             "--force replaces only an earlier run; nothing touched")
        if not force:
            raise UsageError(f"--out {out}: holds an earlier xbec run; use --force to replace it")
    return out


def _locked(path: Path, block: bool = False) -> int | None:
    """An fd holding ``flock`` on directory ``path`` (None: someone else holds it)."""
    fd = os.open(path, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | (0 if block else fcntl.LOCK_NB))
        return fd
    except BlockingIOError:
        os.close(fd)
        return None


def remove_leftovers(out: Path) -> list[str]:
    """Remove the ``.partial`` folders of killed runs next to (or in) ``out``; their names."""
    removed = []
    for base in (out.parent, out):
        for p in sorted(base.glob(".*.partial-*")) if base.is_dir() else []:
            fd = _locked(p) if p.is_dir() and not p.is_symlink() else None
            if fd is not None:
                shutil.rmtree(p, ignore_errors=True)
                os.close(fd)
                removed.append(str(p))
    return removed


def claim(out: Path) -> tuple[Path, int]:
    """A locked staging folder on ``out``'s filesystem: inside ``out`` if it exists, else beside it."""
    base = out if out.is_dir() else out.parent
    base.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.partial-", dir=base))
    return tmp, _locked(tmp, block=True)  # type: ignore[return-value]


def _move(src: Path, dst: Path) -> None:
    """Rename ``src`` to ``dst`` only if ``dst`` does not exist (FileExistsError otherwise)."""
    if src.is_dir() and not src.is_symlink():
        os.mkdir(dst)  # ours now; rename(2) onto an empty directory replaces nothing else
        os.rename(src, dst)
    else:
        os.link(src, dst, follow_symlinks=False)
        os.unlink(src)


def publish(tmp: Path, out: Path, force: bool) -> None:
    """Move the complete run ``tmp`` to ``out``; on a conflict keep it and raise :class:`RunError`."""
    try:
        if tmp.parent != out:
            return _move(tmp, out)
        fd = _locked(out, block=True)
        try:
            present = [e for e in os.listdir(out) if not _PARTIAL.match(e)]
            if present and (not force or foreign(out)):
                raise FileExistsError(out)
            (tmp / ".old").mkdir()
            for e in present:
                os.rename(out / e, tmp / ".old" / e)
            for e in sorted(os.listdir(tmp)):
                if e != ".old":
                    _move(tmp / e, out / e)
            shutil.rmtree(tmp)
        finally:
            os.close(fd)  # type: ignore[arg-type]
    except FileExistsError:
        keep = tmp.parent / f"{out.name}.conflict-{secrets.token_hex(3)}"
        os.rename(tmp, keep)
        raise RunError(f"--out {out}: another run wrote there meanwhile; nothing of it was replaced. "
                       f"This run's results are in {keep}") from None


# ----------------------------------------------------------------------------- executing notebooks

def _cache_root() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache")
    return Path(os.environ.get("XBEC_CACHE") or Path(base) / "xbec")


@functools.cache
def _source_hash() -> str:
    h = hashlib.sha256(__version__.encode())
    for p in sorted(Path(__file__).resolve().parents[1].rglob("*.py")):
        h.update(p.read_bytes())
    return h.hexdigest()


def cache_key(nb: Notebook, params: dict[str, Any]) -> str:
    """Key of one execution: the notebook's bytes, the injected parameters, xbec's version and code."""
    blob = json.dumps([hashlib.sha256(nb.path.read_bytes()).hexdigest(), params, _source_hash()], sort_keys=True)
    return hashlib.sha256(blob.encode()).hexdigest()[:32]


def normalise(path: Path, work: Path) -> None:
    """Executed notebook without timestamps, random ids, absolute paths or memory addresses."""
    import nbformat

    nb = nbformat.read(path, as_version=4)
    nb.metadata["papermill"] = {"parameters": nb.metadata.get("papermill", {}).get("parameters", {})}
    for cell in nb.cells:
        for key in ("papermill", "execution"):
            cell.metadata.pop(key, None)
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell.id = "injected-parameters"
    text = _ADDRESS.sub(" at 0x0", nbformat.writes(nb).replace(str(work), "."))
    path.write_text(text, encoding="utf-8")


def run_one(nb: Notebook, params: dict[str, Any], work: Path, timeout: float, cache: bool) -> dict[str, Any]:
    """Execute ``nb`` into ``work`` (its slice of a run) or copy it from the cache; what happened."""
    import papermill

    key, t0 = cache_key(nb, params), time.perf_counter()
    hit = _cache_root() / "executions" / key
    cached = cache and hit.is_dir()
    if cached:
        shutil.copytree(hit, work)
    else:
        ACTIVE.add(str(work))
        (work / NOTEBOOK_DIR).mkdir(parents=True)
        out_nb = work / NOTEBOOK_DIR / f"{nb.name}.ipynb"
        try:
            papermill.execute_notebook(
                str(nb.path), str(out_nb), parameters={**params, "output_dir": ".."}, kernel_name="python3",
                progress_bar=False, log_output=False, execution_timeout=timeout, start_timeout=120,
                resources={"metadata": {"path": str(work / NOTEBOOK_DIR)}})
        finally:
            ACTIVE.discard(str(work))
        normalise(out_nb, work / NOTEBOOK_DIR)
        if cache:
            with contextlib.suppress(OSError):
                hit.parent.mkdir(parents=True, exist_ok=True)
                tmp = Path(tempfile.mkdtemp(prefix=".tmp-", dir=hit.parent))
                shutil.copytree(work, tmp / "x")
                with contextlib.suppress(OSError):
                    _move(tmp / "x", hit)
                shutil.rmtree(tmp, ignore_errors=True)
    files = sorted(p.relative_to(work).as_posix() for p in work.rglob("*") if p.is_file())
    return {"seconds": round(time.perf_counter() - t0, 3), "cached": cached, "files": files, "key": key}


@functools.cache
def _kernel_env() -> None:
    """This interpreter's kernel first; Agg; fixed SVG salt and dates (same bytes twice)."""
    share, bindir = str(Path(sys.prefix) / "share" / "jupyter"), str(Path(sys.executable).parent)
    os.environ["JUPYTER_PATH"] = os.pathsep.join([share, os.environ.get("JUPYTER_PATH", "")]).rstrip(os.pathsep)
    os.environ["PATH"] = os.pathsep.join([bindir, os.environ.get("PATH", "")])
    rc = Path(tempfile.mkdtemp(prefix="xbec-mpl-")) / "matplotlibrc"
    rc.write_text("svg.hashsalt: xbec\n", encoding="utf-8")
    os.environ.update(MPLBACKEND="Agg", MATPLOTLIBRC=str(rc), PYTHONHASHSEED="0",
                      PYDEVD_DISABLE_FILE_VALIDATION="1", SOURCE_DATE_EPOCH="0")


def _failure(nb: Notebook, exc: BaseException) -> str:
    from papermill.exceptions import PapermillExecutionError

    if isinstance(exc, PapermillExecutionError):
        first = next((ln for ln in exc.source.splitlines() if ln.strip()), "")[:70]
        tail = "\n".join(re.sub(r"\x1b\[[0-9;]*m", "", "\n".join(exc.traceback)).splitlines()[-12:])
        return (f"notebook {nb.name} failed in cell {exc.exec_count} ({first!r}): "
                f"{exc.ename}: {exc.evalue}\n{tail}")
    return f"notebook {nb.name} failed: {type(exc).__name__}: {' '.join(str(exc).split())}"


def stage_run(validated: Validated, notebooks: list[Notebook], stage: Path, *, jobs: int, timeout: float,
              cache: bool = True, progress: bool = True) -> dict[str, Any]:
    """Execute ``notebooks`` into the folder ``stage``; the per-notebook part of the manifest."""
    from tqdm.auto import tqdm

    _kernel_env()
    params = {nb.name: {k: validated.values[k] for k in nb.parameters or () if k in validated.values}
              for nb in notebooks}
    done: dict[str, dict[str, Any]] = {}
    pool = ThreadPoolExecutor(max_workers=max(1, min(jobs, len(notebooks))), thread_name_prefix="xbec")
    try:
        futures = {pool.submit(run_one, nb, params[nb.name], stage / ".work" / nb.name, timeout, cache): nb
                   for nb in notebooks}
        with tqdm(total=len(futures), unit="notebook", disable=not progress, leave=False) as bar:
            pending = set(futures)
            while pending:
                finished, pending = wait(pending, timeout=0.5, return_when=FIRST_COMPLETED)
                for fut in finished:
                    nb = futures[fut]
                    if fut.exception() is not None:
                        for f in pending:
                            f.cancel()
                        wait(pending)
                        raise RunError(_failure(nb, fut.exception()))  # type: ignore[arg-type]
                    done[nb.name] = fut.result()
                    bar.update()
    finally:
        pool.shutdown(wait=False, cancel_futures=True)
    info = {}
    for nb in notebooks:
        work, r = stage / ".work" / nb.name, done[nb.name]
        for rel in r["files"]:
            dst = stage / rel
            dst.parent.mkdir(parents=True, exist_ok=True)
            if dst.exists() and dst.read_bytes() != (work / rel).read_bytes():
                raise RunError(f"notebooks write different {rel}: {nb.name} and an earlier one")
            shutil.copyfile(work / rel, dst)
        info[nb.name] = {"source": f"{NOTEBOOK_DIR}/{nb.name}.ipynb", "injected": params[nb.name],
                         "seconds": r["seconds"], "cached": r["cached"], "files": r["files"]}
    shutil.rmtree(stage / ".work")
    return info


def sha256(path: Path) -> str:
    """SHA-256 of a file."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def versions() -> dict[str, str | None]:
    """Python's and the packages' versions (None: not installed)."""
    out: dict[str, str | None] = {"python": platform.python_version(), "xbec": __version__}
    for dist in PACKAGES:
        with contextlib.suppress(md.PackageNotFoundError):
            out[dist] = md.version(dist)
    return out


def write_manifest(stage: Path, fields: dict[str, Any]) -> dict[str, Any]:
    """``stage/manifest.json``: ``fields``, versions and the SHA-256 of every file."""
    outputs = {p.relative_to(stage).as_posix(): sha256(p) for p in sorted(stage.rglob("*"))
               if p.is_file() and not p.relative_to(stage).as_posix().startswith(".") and p.name != MANIFEST}
    manifest = {"xbec_version": __version__, **fields, "packages": versions(), "outputs": outputs}
    (stage / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return manifest


def run_point(validated: Validated, notebooks: list[Notebook], stage: Path, **kw: Any) -> dict[str, Any]:
    """One complete run (notebooks, tables, manifest) into the new folder ``stage``."""
    from ..replication import numerics

    started, t0 = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"), time.perf_counter()
    stage.mkdir(exist_ok=True)
    info = stage_run(validated, notebooks, stage, **kw)
    for name, table in (("table1.csv", numerics.table1(validated.horizontal, validated.grid)),
                        ("table2.csv", numerics.table2(validated.horizontal, validated.vertical, validated.grid))):
        if not (stage / name).exists():
            (stage / name).write_text(numerics.to_csv(table), encoding="utf-8")
    odd = sorted(f for n in NONDETERMINISTIC & set(info) for f in info[n].pop("files"))
    for v in info.values():
        v.pop("files", None)
    return write_manifest(stage, {
        "parameters": validated.values, "changed_from_paper": validated.changed(),
        "warnings": list(validated.warnings), "notebooks": info, "nondeterministic": odd,
        "started": started, "seconds": round(time.perf_counter() - t0, 3), "platform": platform.platform()})


def _on_sigterm(signum: int, frame: Any) -> None:
    raise Interrupted(signum)


def execute(validated: Validated, notebooks: list[Notebook], out: Path, *, force: bool = False,
            log: TextIO | None = None, book: bool = False, root: Path | None = None,
            grid: dict[str, list[float]] | None = None, **kw: Any) -> Path:
    """Run into ``out`` all or nothing (a sweep when ``grid`` is given); returns ``out``."""
    log = log or sys.stderr
    out = check_out(out, force)
    for gone in remove_leftovers(out):
        print(f"xbec run: removed {gone}, left by a run that was killed", file=log)
    tmp, fd = claim(out)
    old = signal.signal(signal.SIGTERM, _on_sigterm) if _main_thread() else None
    try:
        print(f"xbec run: {len(notebooks)} notebook(s) -> {out}", file=log)
        for w in validated.warnings:
            print(f"xbec run: warning: {w}", file=log)
        if grid:
            from .sweep import run_sweep

            run_sweep(validated, notebooks, tmp, grid, log=log, **kw)
        else:
            run_point(validated, notebooks, tmp, **kw)
            if book:
                from .book import build_book

                build_book(root or default_root(), tmp, [nb.name for nb in notebooks], validated, log)
                manifest = json.loads((tmp / MANIFEST).read_text(encoding="utf-8"))
                write_manifest(tmp, {k: v for k, v in manifest.items()
                                     if k not in ("xbec_version", "packages", "outputs")})
        os.chmod(tmp, 0o777 & ~_umask())
        old_mask = {s: signal.signal(s, signal.SIG_IGN) for s in (signal.SIGINT, signal.SIGTERM)} \
            if _main_thread() else {}
        try:
            publish(tmp, out, force)
        finally:
            for s, h in old_mask.items():
                signal.signal(s, h)
        return out
    except KeyboardInterrupt:
        raise Interrupted(signal.SIGINT) from None
    finally:
        if old is not None:
            signal.signal(signal.SIGTERM, old)
        if tmp.exists() and tmp.name.startswith("."):
            shutil.rmtree(tmp, ignore_errors=True)
        os.close(fd)


def _main_thread() -> bool:
    import threading

    return threading.current_thread() is threading.main_thread()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def describe(nb: Notebook) -> str:
    """``name: parameters`` line of ``xbec run --list``."""
    return f"{nb.name}: " + (", ".join(nb.parameters) if nb.parameters else "no parameters cell") + (
        "" if nb.in_toc else "  [not in _toc.yml]")


__all__ = ["RunError", "UsageError", "Interrupted", "Notebook", "default_root", "discover", "select",
           "default_out", "check_out", "remove_leftovers", "claim", "publish", "cache_key", "normalise",
           "run_one", "stage_run", "run_point", "execute", "describe", "format_value"]
