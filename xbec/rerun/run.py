"""``xbec run``: execute the chapters with papermill for new parameters, all or nothing.

Each notebook runs (a thread, one papermill call) in its own folder with ``output_dir=".."``; that slice is
cached by notebook bytes, injected parameters and xbec's code. Slices merge in a hidden, ``flock``-ed
``.DIR.partial-*`` folder, moved into place only when complete and never over what appeared meanwhile.
"""

from __future__ import annotations

import atexit
import contextlib
import datetime as dt
import fcntl
import functools
import hashlib
import importlib.metadata as md
import json
import logging
import os
import platform
import re
import secrets
import shutil
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn, TextIO

from .. import __version__
from .params import Validated

NOTEBOOK_DIR, MANIFEST = "notebooks", "manifest.json"
EXCLUDED_BY_DEFAULT = frozenset({"status"})  # reports the book build, not a run
# Outputs that are measurements (run times), so differ between runs by design.
#: outputs that are measurements (the cost chapter's timings): listed in the manifest, never compared
NONDETERMINISTIC = frozenset({"notebooks/beyond_cost.ipynb", "beyond_cost.png", "beyond_cost.svg"})
PACKAGES = ("numpy", "scipy", "sympy", "matplotlib", "papermill", "nbclient", "ipykernel", "myst-nb", "PyYAML")
PARTIAL = re.compile(r"^\..*\.partial-")
ACTIVE: set[str] = set()  # notebooks executing now: after an error the CLI does not wait for them


class RunError(Exception):
    """A run did not complete, nothing written to DIR; ``exit_code``: 1, 2 (bad input), 130/143 (signal)."""

    def __init__(self, message: str, exit_code: int = 1):
        super().__init__(message)
        self.exit_code = exit_code


def _interrupted(signum: int, frame: Any = None) -> NoReturn:
    raise RunError(f"interrupted by {signal.Signals(signum).name}; nothing was written", 128 + signum)


@dataclass(frozen=True)
class Notebook:
    """``notebooks/NAME.ipynb`` and the names of its ``parameters`` cell (None: no such cell)."""

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
    """Every ``notebooks/*.ipynb``, those of ``_toc.yml`` first in its order, with their parameters."""
    import papermill
    from sphinx_external_toc.parsing import parse_toc_yaml

    logging.getLogger("papermill.translators").setLevel(logging.ERROR)  # comments it cannot parse
    paths = {p.stem: p for p in sorted((root / NOTEBOOK_DIR).glob("*.ipynb"))}
    if not paths:
        raise RunError(f"no notebooks in {root / NOTEBOOK_DIR} (pass --root or set XBEC_ROOT)", 2)
    toc = [
        d[len(NOTEBOOK_DIR) + 1 :]
        for d in (parse_toc_yaml(root / "_toc.yml") if (root / "_toc.yml").exists() else [])
        if d.startswith(NOTEBOOK_DIR + "/") and d[len(NOTEBOOK_DIR) + 1 :] in paths
    ]
    return [
        Notebook(n, paths[n], tuple(papermill.inspect_notebook(str(paths[n]))) or None, n in toc)
        for n in toc + sorted(set(paths) - set(toc))
    ]


def select(notebooks: list[Notebook], names: list[str] | None) -> list[Notebook]:
    """``names`` (in order) or the default set: the TOC's notebooks with parameters, except status."""
    if not names:
        return [nb for nb in notebooks if nb.in_toc and nb.parameters and nb.name not in EXCLUDED_BY_DEFAULT]
    by_name = {nb.name: nb for nb in notebooks if nb.parameters}
    for n in names:
        if Path(n).stem not in by_name:
            raise RunError(f"--notebooks: unknown notebook {n!r} (available: {', '.join(by_name)})", 2)
    return list({Path(n).stem: by_name[Path(n).stem] for n in names}.values())


def default_out() -> Path:
    """``runs/YYYYmmdd-HHMMSS-xxxxxx``: the random suffix keeps two runs' names apart."""
    return Path("runs") / f"{dt.datetime.now():%Y%m%d-%H%M%S}-{secrets.token_hex(3)}"


def foreign(out: Path) -> str | None:
    """Why ``out`` is not an earlier xbec run (None: each file in it is listed in its manifest)."""
    try:
        listed = set(json.loads((out / MANIFEST).read_text(encoding="utf-8"))["outputs"]) | {MANIFEST}
    except (OSError, ValueError, KeyError, TypeError):
        return f"it has no xbec {MANIFEST}"
    for p in sorted(out.rglob("*")):
        rel = p.relative_to(out).as_posix()
        if not PARTIAL.match(rel) and (p.is_symlink() or not p.is_dir()) and rel not in listed:
            return f"{rel} is not an output of that run"
    return None


def check_out(out: Path, force: bool) -> Path:
    """Absolute ``out``; :class:`RunError` (exit 2) unless it is new, an empty directory or (``force``) a run."""
    out = Path(os.path.abspath(out))
    if out.is_symlink() or (out.exists() and not out.is_dir()):
        raise RunError(f"--out {out}: exists and is not a directory; nothing touched", 2)
    if out.is_dir() and any(not PARTIAL.match(e) for e in os.listdir(out)):
        why = foreign(out)
        if why:
            raise RunError(
                f"--out {out}: not empty and not an earlier xbec run ({why}); "
                "--force replaces only an earlier run; nothing touched",
                2,
            )
        if not force:
            raise RunError(f"--out {out}: holds an earlier xbec run; use --force to replace it", 2)
    return out


def _lock(path: Path, block: bool = True) -> int | None:
    """An fd holding ``flock`` on directory ``path`` (None: another process holds it)."""
    fd = os.open(path, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | (0 if block else fcntl.LOCK_NB))
        return fd
    except BlockingIOError:
        os.close(fd)
        return None


def remove_leftovers(out: Path) -> list[str]:
    """Remove the unlocked ``.partial`` folders (of killed runs) beside or in ``out``; their paths."""
    removed = []
    for p in [*out.parent.glob(".*.partial-*"), *(out.glob(".*.partial-*") if out.is_dir() else [])]:
        fd = _lock(p, block=False) if p.is_dir() and not p.is_symlink() else None
        if fd is not None:
            shutil.rmtree(p, ignore_errors=True)
            os.close(fd)
            removed.append(str(p))
    return removed


def _move(src: Path, dst: Path) -> None:
    """Rename ``src`` to ``dst`` only if ``dst`` does not exist (else FileExistsError)."""
    if src.is_dir() and not src.is_symlink():
        os.mkdir(dst)  # ours now: rename(2) onto an empty directory replaces nothing else
        os.rename(src, dst)
    else:
        os.link(src, dst, follow_symlinks=False)
        os.unlink(src)


def publish(tmp: Path, out: Path, force: bool) -> None:
    """Move the complete run ``tmp`` to ``out``; on a conflict keep it aside and raise :class:`RunError`."""
    try:
        if tmp.parent != out:
            return _move(tmp, out)
        fd = _lock(out)
        try:
            present = [e for e in os.listdir(out) if not PARTIAL.match(e)]
            if present and (not force or foreign(out)):
                raise FileExistsError(out)
            (tmp / ".old").mkdir()
            for e in present:
                os.rename(out / e, tmp / ".old" / e)
            for e in sorted(set(os.listdir(tmp)) - {".old"}):
                _move(tmp / e, out / e)
            shutil.rmtree(tmp)
        finally:
            os.close(fd)  # type: ignore[arg-type]
    except FileExistsError:
        keep = tmp.parent / f"{out.name}.conflict-{secrets.token_hex(3)}"
        os.rename(tmp, keep)
        raise RunError(
            f"--out {out}: another run wrote there meanwhile and was kept; this run's results are in {keep}"
        ) from None


def cache_key(nb: Notebook, params: dict[str, Any]) -> str:
    """Key of one execution: the notebook's bytes, the injected parameters, xbec's version and code."""
    h = hashlib.sha256(json.dumps([__version__, params], sort_keys=True).encode() + nb.path.read_bytes())
    for p in sorted(Path(__file__).resolve().parents[1].rglob("*.py")):
        h.update(p.read_bytes())
    return h.hexdigest()[:32]


def normalise(path: Path, work: Path) -> None:
    """Rewrite an executed notebook without timestamps, random ids, absolute paths or addresses."""
    import nbformat

    nb = nbformat.read(path, as_version=4)
    nb.metadata["papermill"] = {"parameters": nb.metadata.get("papermill", {}).get("parameters", {})}
    for cell in nb.cells:
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell.id = "injected-parameters"
    text = re.sub(r" at 0x[0-9a-f]{6,16}", " at 0x0", nbformat.writes(nb).replace(str(work), "."))
    path.write_text(text, encoding="utf-8")


def run_one(nb: Notebook, params: dict[str, Any], work: Path, timeout: float, cache: bool) -> dict[str, Any]:
    """Execute ``nb`` into ``work`` (its slice of a run), or copy that slice from the cache."""
    import papermill

    root = (
        Path(os.environ.get("XBEC_CACHE") or Path(os.environ.get("XDG_CACHE_HOME", "~/.cache")).expanduser() / "xbec")
        / "executions"
    )
    t0, hit = time.perf_counter(), root / cache_key(nb, params)
    cached = cache and hit.is_dir()
    if cached:
        shutil.copytree(hit, work)
    else:
        (work / NOTEBOOK_DIR).mkdir(parents=True)
        ACTIVE.add(str(work))
        try:
            papermill.execute_notebook(
                nb.path,
                work / NOTEBOOK_DIR / f"{nb.name}.ipynb",
                parameters={**params, "output_dir": ".."},
                kernel_name="python3",
                progress_bar=False,
                execution_timeout=timeout,
                start_timeout=120,
                extra_arguments=["--IPKernelApp.log_level=CRITICAL"],
                resources={"metadata": {"path": str(work / NOTEBOOK_DIR)}},
            )
        finally:
            ACTIVE.discard(str(work))
        normalise(work / NOTEBOOK_DIR / f"{nb.name}.ipynb", work / NOTEBOOK_DIR)
        with contextlib.suppress(OSError):  # best effort: a cache entry appears whole or not at all
            root.mkdir(parents=True, exist_ok=True)
            tmp = Path(tempfile.mkdtemp(prefix=".tmp-", dir=root))
            shutil.copytree(work, tmp / "x")
            with contextlib.suppress(OSError):
                _move(tmp / "x", hit)
            shutil.rmtree(tmp, ignore_errors=True)
    files = sorted(p.relative_to(work).as_posix() for p in work.rglob("*") if p.is_file())
    return {"seconds": round(time.perf_counter() - t0, 3), "cached": cached, "files": files}


@functools.cache
def _kernel_env() -> None:
    """Kernel ``python3`` is this interpreter; Agg; a fixed SVG salt and date (same bytes twice)."""
    home = Path(tempfile.mkdtemp(prefix="xbec-kernel-"))
    atexit.register(shutil.rmtree, home, True)
    (home / "kernels" / "python3").mkdir(parents=True)
    (home / "kernels" / "python3" / "kernel.json").write_text(
        json.dumps(
            {
                "language": "python",
                "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                "display_name": "Python 3 (ipykernel)",
            }
        )
    )
    (home / "matplotlibrc").write_text("svg.hashsalt: xbec\n", encoding="utf-8")
    os.environ["JUPYTER_PATH"] = os.pathsep.join(p for p in (str(home), os.environ.get("JUPYTER_PATH")) if p)
    os.environ.update(
        MPLBACKEND="Agg",
        MATPLOTLIBRC=str(home / "matplotlibrc"),
        PYTHONHASHSEED="0",
        PYDEVD_DISABLE_FILE_VALIDATION="1",
        SOURCE_DATE_EPOCH="0",
    )


def _failure(nb: Notebook, exc: BaseException) -> str:
    from papermill.exceptions import PapermillExecutionError

    if not isinstance(exc, PapermillExecutionError):
        return f"notebook {nb.name} failed: {type(exc).__name__}: {' '.join(str(exc).split())}"
    first = next((ln for ln in exc.source.splitlines() if ln.strip()), "")[:70]
    tail = re.sub(r"\x1b\[[0-9;]*m", "", "\n".join(exc.traceback)).splitlines()[-12:]
    return (
        f"notebook {nb.name} failed in cell In [{exc.exec_count}] ({first!r}): {exc.ename}: {exc.evalue}\n"
        + "\n".join(tail)
    )


def write_manifest(stage: Path, fields: dict[str, Any]) -> dict[str, Any]:
    """``stage/manifest.json``: ``fields``, the versions and the SHA-256 of every file."""
    versions = {"python": platform.python_version()}
    for dist in PACKAGES:
        with contextlib.suppress(md.PackageNotFoundError):
            versions[dist] = md.version(dist)
    outputs = {
        rel: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(stage.rglob("*"))
        if p.is_file() and (rel := p.relative_to(stage).as_posix()) != MANIFEST and rel[0] != "."
    }
    manifest = {"xbec_version": __version__, **fields, "packages": versions, "outputs": outputs}
    (stage / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return manifest


def run_point(
    validated: Validated,
    notebooks: list[Notebook],
    stage: Path,
    *,
    jobs: int = 1,
    timeout: float = 600,
    cache: bool = True,
    progress: bool = False,
) -> dict[str, Any]:
    """One complete run into the new folder ``stage``: notebooks in parallel, Tables 1-2, the manifest."""
    from tqdm.auto import tqdm

    from ..replication import numerics as N

    started, t0 = dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), time.perf_counter()
    _kernel_env()
    params = {
        nb.name: {k: validated.values[k] for k in nb.parameters or () if k in validated.values} for nb in notebooks
    }
    done: dict[str, dict[str, Any]] = {}
    pool = ThreadPoolExecutor(max_workers=max(1, min(jobs, len(notebooks))), thread_name_prefix="xbec")
    try:
        futures = {
            pool.submit(run_one, nb, params[nb.name], stage / ".work" / nb.name, timeout, cache): nb for nb in notebooks
        }
        pending = set(futures)
        with tqdm(total=len(futures), unit="notebook", disable=not progress, leave=False) as bar:
            while pending:
                finished, pending = wait(pending, timeout=0.5, return_when=FIRST_COMPLETED)
                for fut in finished:
                    if fut.exception() is not None:  # stop: cancel what has not started
                        wait([f for f in pending if not f.cancel()])
                        raise RunError(_failure(futures[fut], fut.exception()))  # type: ignore[arg-type]
                    done[futures[fut].name] = fut.result()
                    bar.update()
    finally:
        pool.shutdown(wait=False, cancel_futures=True)
    for nb in notebooks:  # merge the slices
        for rel in done[nb.name]["files"]:
            src, dst = stage / ".work" / nb.name / rel, stage / rel
            dst.parent.mkdir(parents=True, exist_ok=True)
            if dst.exists() and dst.read_bytes() != src.read_bytes():
                raise RunError(f"two notebooks write different {rel}, {nb.name} and an earlier one")
            os.replace(src, dst)
    shutil.rmtree(stage / ".work")
    for name, table in (
        ("table1.csv", lambda: N.table1(validated.horizontal, validated.grid)),
        ("table2.csv", lambda: N.table2(validated.horizontal, validated.vertical, validated.grid)),
    ):
        if not (stage / name).exists():
            (stage / name).write_text(N.to_csv(table()), encoding="utf-8")
    return write_manifest(
        stage,
        {
            "parameters": validated.values,
            "changed_from_paper": validated.changed(),
            "warnings": list(validated.warnings),
            "nondeterministic": sorted(f for d in done.values() for f in d["files"] if f in NONDETERMINISTIC),
            "notebooks": {
                nb.name: {
                    "source": f"{NOTEBOOK_DIR}/{nb.name}.ipynb",
                    "injected": params[nb.name],
                    "seconds": done[nb.name]["seconds"],
                    "cached": done[nb.name]["cached"],
                }
                for nb in notebooks
            },
            "started": started,
            "seconds": round(time.perf_counter() - t0, 3),
            "platform": platform.platform(),
        },
    )


def execute(out: Path, fill: Callable[[Path], Any], *, force: bool = False, log: TextIO | None = None) -> Path:
    """Let ``fill`` write a run (or sweep) into a locked hidden folder, then move it to ``out``, all or nothing."""
    log, main = log or sys.stderr, threading.current_thread() is threading.main_thread()
    out = check_out(out, force)
    for gone in remove_leftovers(out):
        print(f"xbec run: removed {gone}, left by a run that was killed", file=log)
    base = out if out.is_dir() else out.parent
    base.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.partial-", dir=base))
    fd, old = _lock(tmp), signal.signal(signal.SIGTERM, _interrupted) if main else None
    try:
        fill(tmp)
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(tmp, 0o777 & ~mask)  # mkdtemp made it 0o700
        ignored = {s: signal.signal(s, signal.SIG_IGN) for s in (signal.SIGINT, signal.SIGTERM)} if main else {}
        try:
            publish(tmp, out, force)
        finally:
            for s, h in ignored.items():
                signal.signal(s, h)
        return out
    except KeyboardInterrupt:
        _interrupted(signal.SIGINT)
    finally:
        if old is not None:
            signal.signal(signal.SIGTERM, old)
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
        os.close(fd)  # type: ignore[arg-type]
