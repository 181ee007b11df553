"""``xbec run``: execute the chapters with papermill for new parameters, all or nothing.

Each notebook runs (a thread, one papermill call; or a Dask worker) in its own folder with ``output_dir=".."``;
that slice is cached (:mod:`.cache`). Slices merge in a hidden, ``flock``-ed ``.DIR.partial-*`` folder that
carries a marker file, moved into place only when complete and never over what appeared meanwhile.
"""

from __future__ import annotations

import atexit
import contextlib
import datetime as dt
import errno
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
from . import cache as C
from .kernel import NOTEBOOK_DIR, execute_notebook, failure, progress_bar
from .params import Validated

MANIFEST = "manifest.json"
EXCLUDED_BY_DEFAULT = frozenset({"status"})  # reports the book build, not a run
#: outputs that are measurements (the cost chapter's timings): listed in the manifest, never compared
NONDETERMINISTIC = frozenset({"notebooks/beyond_cost.ipynb", "beyond_cost.png", "beyond_cost.svg"})
PARTIAL, MARKER = re.compile(r"^\..*\.partial-"), ".xbec-partial"  # the marker: a folder this program made


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
    docs = parse_toc_yaml(root / "_toc.yml") if (root / "_toc.yml").exists() else []
    toc = [n for d in docs if d.startswith(NOTEBOOK_DIR + "/") and (n := d[len(NOTEBOOK_DIR) + 1 :]) in paths]
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
    """Why ``out`` is not an unchanged earlier xbec run (None: every file in it is in its manifest, same SHA-256)."""
    try:
        listed = json.loads((out / MANIFEST).read_text(encoding="utf-8"))["outputs"]
        assert isinstance(listed, dict)
    except (OSError, ValueError, KeyError, TypeError, AssertionError):
        return f"it has no xbec {MANIFEST}"
    for p in sorted(out.rglob("*")):
        rel = p.relative_to(out).as_posix()
        if PARTIAL.match(rel) or rel == MANIFEST or (p.is_dir() and not p.is_symlink()):
            continue
        if rel not in listed or p.is_symlink():
            return f"{rel} is not an output of that run"
        if C.sha(p) != listed[rel]:
            return f"{rel} was changed since that run (its SHA-256 differs from the manifest's)"
    return None


def _identity(out: Path) -> str | None:
    """The SHA-256 of ``out``'s manifest (which run is there), None if there is none."""
    try:
        return C.sha(out / MANIFEST)
    except OSError:
        return None


def check_out(out: Path, force: bool) -> tuple[Path, str | None]:
    """Absolute ``out`` and the earlier run there (``force``); :class:`RunError` (exit 2) unless new or empty."""
    out = Path(os.path.abspath(out))
    if out.is_symlink() or (out.exists() and not out.is_dir()):
        raise RunError(f"--out {out}: exists and is not a directory; nothing touched", 2)
    if out.is_dir() and any(not PARTIAL.match(e) for e in os.listdir(out)):
        why = foreign(out)
        if why:
            raise RunError(
                f"--out {out}: not empty and not an earlier xbec run ({why}); "
                "--force replaces only an unchanged earlier run; nothing touched",
                2,
            )
        if not force:
            raise RunError(f"--out {out}: holds an earlier xbec run; use --force to replace it", 2)
        return out, _identity(out)
    return out, None


def check_names(out: Path, inner: tuple[str, ...] = ()) -> None:
    """Refuse (exit 2) before anything runs a name the file system would reject as too long."""
    existing = next(p for p in (out, *out.parents) if p.exists())
    try:
        name_max, path_max = os.pathconf(existing, "PC_NAME_MAX"), os.pathconf(existing, "PC_PATH_MAX")
    except (OSError, ValueError):
        name_max, path_max = 255, 4096
    extra = len(".") + len(".partial-") + 8  # the hidden partial folder's name is the longest
    for name in (out.name, *inner):
        size = len(os.fsencode(name)) + (extra if name == out.name else 0)
        if size > name_max:
            raise RunError(f"--out: the name {name[:40]!r}... is too long ({size} > {name_max} bytes)", 2)
    if len(os.fsencode(str(out))) + 2 * name_max > path_max:
        raise RunError(f"--out: the path is too long for the files a run writes (limit {path_max} bytes)", 2)


def remove_leftovers(out: Path) -> list[str]:
    """Remove the unlocked ``.partial`` folders (of killed runs) beside or in ``out`` carrying our marker."""
    removed = []
    for p in [*out.parent.glob(".*.partial-*"), *(out.glob(".*.partial-*") if out.is_dir() else [])]:
        with contextlib.suppress(OSError):
            fd = C.lock(p, block=False) if p.is_dir() and not p.is_symlink() else None
            if fd is not None:
                if (p / MARKER).is_file() and not (p / MARKER).is_symlink():  # made by xbec, and dead
                    shutil.rmtree(p, ignore_errors=True)
                    removed.append(str(p))
                os.close(fd)
    return removed


def _move(src: Path, dst: Path) -> None:
    """Rename ``src`` to ``dst`` only if ``dst`` does not exist (else FileExistsError)."""
    if src.is_dir() and not src.is_symlink():
        os.mkdir(dst)  # ours now: rename(2) onto an empty directory replaces nothing else
        try:
            os.rename(src, dst)
        except OSError as exc:  # another run began to fill dst in place meanwhile
            if exc.errno not in (errno.ENOTEMPTY, errno.EEXIST):
                raise
            raise FileExistsError(dst) from None
    else:
        os.link(src, dst, follow_symlinks=False)
        os.unlink(src)


def publish(tmp: Path, out: Path, force: bool, replaces: str | None = None) -> None:
    """Move the complete run ``tmp`` to ``out``; on a conflict keep it aside and raise :class:`RunError`.

    With ``force``, only the earlier run whose manifest has SHA-256 ``replaces`` is replaced, and only if its
    files are unchanged: of two ``--force`` runs onto one DIR, the second finds the first's run and keeps its own.
    """
    (tmp / MARKER).unlink(missing_ok=True)
    try:
        if tmp.parent != out:
            return _move(tmp, out)
        fd = C.lock(out)
        try:
            present = [e for e in os.listdir(out) if not PARTIAL.match(e)]
            if present and (not force or replaces is None or _identity(out) != replaces or foreign(out)):
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


def remote_notebook(name: str, source: bytes, params: dict[str, Any], timeout: int) -> dict[str, bytes]:
    """On a Dask worker: execute one notebook in a scratch folder; its slice as ``{path: bytes}`` (no shared FS)."""
    with tempfile.TemporaryDirectory(prefix="xbec-worker-") as scratch:
        src, work = Path(scratch) / f"{name}.ipynb", Path(scratch) / "w"
        src.write_bytes(source)
        try:
            execute_notebook(name, src, params, work, timeout)
        except Exception as exc:  # the worker's exception may not unpickle on the client: send the message
            raise RunError(failure(name, exc)) from None
        return {rel: p.read_bytes() for rel, p in C.tree(work).items()}


def run_one(
    nb: Notebook, params: dict[str, Any], work: Path, timeout: int, cache: bool, executor: Any = None
) -> dict[str, Any]:
    """Execute ``nb`` into ``work`` (its slice of a run), locally or on ``executor``, or copy it from the cache."""
    t0, source = time.perf_counter(), nb.path.read_bytes()
    key = C.key(source, params)
    cached = cache and C.get(key, work)
    if not cached:
        if executor is None:
            execute_notebook(nb.name, nb.path, params, work, timeout)
        else:
            for rel, data in executor.submit(remote_notebook, nb.name, source, params, timeout).result().items():
                (work / rel).parent.mkdir(parents=True, exist_ok=True)
                (work / rel).write_bytes(data)
        C.put(key, work)
    return {"seconds": round(time.perf_counter() - t0, 3), "cached": cached, "files": sorted(C.tree(work))}


def write_manifest(stage: Path, fields: dict[str, Any], packages: dict[str, str] | None = None) -> dict[str, Any]:
    """``stage/manifest.json``: ``fields``, the versions and the SHA-256 of every file."""
    outputs = {rel: C.sha(p) for rel, p in C.tree(stage).items() if rel != MANIFEST and rel[0] != "."}
    manifest = {"xbec_version": __version__, **fields, "packages": packages or C.versions(b""), "outputs": outputs}
    (stage / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return manifest


def run_point(
    validated: Validated,
    notebooks: list[Notebook],
    stage: Path,
    *,
    jobs: int = 1,
    timeout: int = 600,
    cache: bool = True,
    progress: bool = False,
    log: TextIO | None = None,
    executor: Any = None,
    label: str = "",
) -> dict[str, Any]:
    """One complete run into the new folder ``stage``: notebooks in parallel, Tables 1-2, the manifest.

    ``progress``: a tqdm bar on ``log`` (a terminal); else, with ``log``, one line per notebook finished.
    ``executor``: a ``concurrent.futures`` executor (a Dask cluster's) that executes the notebooks.
    """
    from ..replication import numerics as N

    started, t0 = dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), time.perf_counter()
    params = {
        nb.name: {k: validated.values[k] for k in nb.parameters or () if k in validated.values} for nb in notebooks
    }
    done: dict[str, dict[str, Any]] = {}
    workers = len(notebooks) if executor is not None else max(1, min(jobs, len(notebooks)))
    pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="xbec")
    try:
        last = C.seconds()  # the longest first: the run ends sooner on few cores
        futures = {
            pool.submit(run_one, nb, params[nb.name], stage / ".work" / nb.name, timeout, cache, executor): nb
            for nb in sorted(notebooks, key=lambda nb: -last.get(nb.name, float("inf")))
        }
        pending = set(futures)
        with progress_bar(len(futures), "notebook", label or "xbec run", progress, log, 1 if label else 0) as bar:
            while pending:
                finished, pending = wait(pending, timeout=0.5, return_when=FIRST_COMPLETED)
                for fut in finished:
                    if fut.exception() is not None:  # stop: cancel what has not started
                        wait([f for f in pending if not f.cancel()])
                        exc = fut.exception()
                        if isinstance(exc, (RunError, OSError)):  # OSError: the output path (disk full ...)
                            raise exc
                        raise RunError(failure(futures[fut].name, exc))  # type: ignore[arg-type]
                    nb, r = futures[fut], fut.result()
                    done[nb.name] = r
                    bar.update()
                    if log is not None and not progress:
                        took = "from the cache" if r["cached"] else f"{r['seconds']:.1f} s"
                        where = f"{label + ' ' if label else ''}[{len(done)}/{len(futures)}] {nb.name}"
                        print(f"xbec run: {where} {took}", file=log, flush=True)
                running = [futures[f].name for f in pending if f.running()]
                bar.set_postfix_str(f"running {', '.join(running)}" if running else "", refresh=True)
    finally:
        pool.shutdown(wait=False, cancel_futures=True)
    C.record_seconds({n: d["seconds"] for n, d in done.items() if not d["cached"]})
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
    from .tables import write_datapackage

    write_datapackage(stage, "xbec-run")
    packages = {k: v for nb in notebooks for k, v in C.versions(nb.path.read_bytes()).items()}
    timing = {n: {"seconds": d["seconds"], "cached": d["cached"]} for n, d in done.items()}
    return write_manifest(
        stage,
        {
            "parameters": validated.values,
            "changed_from_paper": validated.changed(),
            "warnings": list(validated.warnings),
            "nondeterministic": sorted(f for d in done.values() for f in d["files"] if f in NONDETERMINISTIC),
            "notebooks": {
                n: {"source": f"{NOTEBOOK_DIR}/{n}.ipynb", "injected": params[n]} | timing[n] for n in params
            },
            "started": started,
            "seconds": round(time.perf_counter() - t0, 3),
            "platform": platform.platform(),
        },
        dict(sorted(packages.items())),
    )


def _os_error(out: Path, exc: OSError, code: int) -> RunError:
    where = f" ({str(exc.filename)[-80:]})" if exc.filename and str(exc.filename) != str(out) else ""
    why = exc.strerror or type(exc).__name__
    hint = " (disk full)" if exc.errno in (errno.ENOSPC, errno.EDQUOT) else ""
    return RunError(f"--out {str(out)[:120]}: {why}{hint}{where}; nothing was written", code)


#: hidden folders of interrupted runs that a notebook's thread wrote into after their removal
UNFINISHED: set[Path] = set()


def remove_unfinished() -> None:
    """Remove the hidden folders of interrupted runs again (at exit, after the notebooks' threads stopped writing)."""
    for tmp in list(UNFINISHED):
        for _ in range(20):
            shutil.rmtree(tmp, ignore_errors=True)
            if not tmp.exists():
                break
            time.sleep(0.05)
        UNFINISHED.discard(tmp)


def execute(
    out: Path,
    fill: Callable[[Path], Any],
    *,
    force: bool = False,
    log: TextIO | None = None,
    inner: tuple[str, ...] = (),
) -> Path:
    """Let ``fill`` write a run (or sweep) into a locked hidden folder, then move it to ``out``, all or nothing.

    Every OS error on the output path is a :class:`RunError`: exit 2 before anything ran, else 1.
    """
    log, main = log or sys.stderr, threading.current_thread() is threading.main_thread()
    out = Path(os.path.abspath(out))
    made: list[Path] = []
    try:
        check_names(out, inner)
        out, replaces = check_out(out, force)
        for gone in remove_leftovers(out):
            print(f"xbec run: removed {gone}, left by a run that was killed", file=log)
        base = out if out.is_dir() else out.parent
        made = [p for p in (base, *base.parents) if not p.exists()][::-1]
        base.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.partial-", dir=base))
        (tmp / MARKER).write_text("a run of xbec in progress; removed by xbec when no process holds its lock\n")
    except OSError as exc:
        for p in reversed(made):
            with contextlib.suppress(OSError):
                p.rmdir()
        raise _os_error(out, exc, 2) from None
    fd, old = C.lock(tmp), signal.signal(signal.SIGTERM, _interrupted) if main else None
    ok = False
    try:
        fill(tmp)
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(tmp, 0o777 & ~mask)  # mkdtemp made it 0o700
        ignored = {s: signal.signal(s, signal.SIG_IGN) for s in (signal.SIGINT, signal.SIGTERM)} if main else {}
        try:
            publish(tmp, out, force, replaces)
        finally:
            for s, h in ignored.items():
                signal.signal(s, h)
        ok = True
        return out
    except KeyboardInterrupt:
        _interrupted(signal.SIGINT)
    except OSError as exc:
        raise _os_error(out, exc, 1) from None
    finally:
        if old is not None:
            signal.signal(signal.SIGTERM, old)
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
        if not ok:  # a notebook's thread may still write into it: removed again on the way out
            if not UNFINISHED:
                atexit.register(remove_unfinished)
            UNFINISHED.add(tmp)
        os.close(fd)  # type: ignore[arg-type]
        for p in reversed(made if not ok else []):  # parents this run created, if empty
            with contextlib.suppress(OSError):
                p.rmdir()
