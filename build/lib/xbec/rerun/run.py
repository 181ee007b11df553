"""``xbec run``: execute the companion's notebooks with papermill for new parameters.

A run is all or nothing. Parameters are validated (:mod:`xbec.runparams`)
and the output directory checked before anything is written; the notebooks
then execute in parallel in a temporary directory next to the output
directory (same filesystem), and only when every notebook succeeded is that
directory renamed into place. A failing notebook, Ctrl-C or SIGTERM removes
the temporary directory (after killing the notebooks' kernels, which would
otherwise keep writing into it), so no half-written run is ever left behind,
and an existing run is replaced only by a complete one (``--force``).

Layout of a run directory::

    DIR/manifest.json        parameters, versions, times, durations, sha256 of every file
    DIR/notebooks/NAME.ipynb the executed notebooks (papermill's injected parameters cell)
    DIR/*.csv, *.png, *.svg  what the notebooks wrote into ``output_dir`` (= DIR);
                             table1.csv and table2.csv are always there
    DIR/book/index.html      with ``--book``: the HTML companion of this run

Notebooks are submitted longest first, by the durations of earlier runs
(``$XDG_CACHE_HOME/xbec/run-durations.json``, best effort), so that with
fewer workers than notebooks a long one does not start last.

papermill, nbformat and a Jupyter kernel come with the ``run`` (or ``book``)
extra: ``pip install 'xbec[run]'``.
"""

from __future__ import annotations

import ast
import contextlib
import datetime as _dt
import hashlib
import importlib.metadata as _md
import json
import logging
import math
import os
import platform
import re
import shutil
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from ..replication import numerics
from .params import Validated, paper_table1

__all__ = [
    "RunError",
    "UsageError",
    "NotebookFailed",
    "Interrupted",
    "Notebook",
    "default_root",
    "discover",
    "select",
    "default_out",
    "check_out",
    "execute",
    "EXCLUDED_BY_DEFAULT",
    "PACKAGES",
]

# Notebooks that are not part of a rerun: `status` reports the *book build*
# (jupyter-cache execution times); a run's manifest.json plays that role.
EXCLUDED_BY_DEFAULT = frozenset({"status"})

# Versions recorded in manifest.json.
PACKAGES = (
    "xbec", "numpy", "scipy", "sympy", "matplotlib", "papermill", "nbclient",
    "nbformat", "ipykernel", "jupyter_client", "jupytext", "PyYAML", "jupyter-book",
    "sphinx", "myst-nb", "sphinx-book-theme",
)

MANIFEST = "manifest.json"
NOTEBOOK_DIR = "notebooks"


class RunError(Exception):
    """A run did not complete; ``exit_code`` is what ``xbec run`` returns."""

    exit_code = 1


class UsageError(RunError):
    """Bad input detected before anything was written (exit code 2)."""

    exit_code = 2


class NotebookFailed(RunError):
    """At least one notebook raised; nothing was written (exit code 1)."""

    exit_code = 1


class Interrupted(RunError):
    """SIGINT (exit 130) or SIGTERM (exit 143); nothing was written."""

    def __init__(self, signum: int):
        self.signum = signum
        self.exit_code = 128 + signum
        super().__init__(f"interrupted by {signal.Signals(signum).name}; nothing was written")


# --------------------------------------------------------------------------- notebooks


@dataclass(frozen=True)
class Notebook:
    """A chapter notebook ``notebooks/NAME.ipynb`` and the names its ``parameters`` cell assigns."""

    name: str
    path: Path
    parameters: tuple[str, ...] | None  # None: no cell tagged `parameters`
    in_toc: bool
    defaults: Mapping[str, Any] = field(default_factory=dict, compare=False, hash=False, repr=False)

    @property
    def runnable(self) -> bool:
        return self.parameters is not None


def default_root() -> Path:
    """The directory holding ``notebooks/`` and ``_toc.yml``.

    ``$XBEC_ROOT`` if set, else the source checkout this package is imported
    from (an editable install), else the current directory.
    """
    env = os.environ.get("XBEC_ROOT")
    if env:
        return Path(env).resolve()
    here = Path(__file__).resolve().parents[2]
    if (here / NOTEBOOK_DIR).is_dir():
        return here
    return Path.cwd()


def _cell_source(cell: Mapping[str, Any]) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else str(src)


_NO_LITERAL = object()


def parameters_cell(path: Path) -> tuple[tuple[str, ...], dict[str, Any]] | None:
    """Names assigned at top level of the notebook's cell tagged ``parameters``, and their defaults.

    Defaults are the values of assignments whose right-hand side is a
    literal (``beta = 200.0``, ``lam_min, lam_max = 0.71, 0.88``). ``None`` if
    the notebook has no such cell (papermill's convention: the first code
    cell whose ``metadata.tags`` contains ``parameters``).
    """
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb.get("cells", []):
        if cell.get("cell_type") != "code" or "parameters" not in cell.get("metadata", {}).get("tags", []):
            continue
        try:
            tree = ast.parse(_cell_source(cell))
        except SyntaxError as exc:
            raise UsageError(f"{path}: the parameters cell is not valid Python ({exc.msg}, line {exc.lineno})") from None
        names: list[str] = []
        defaults: dict[str, Any] = {}

        def bind(target: ast.AST, value: Any) -> None:
            if isinstance(target, ast.Name):
                names.append(target.id)
                if value is not _NO_LITERAL:
                    defaults[target.id] = value
                else:
                    defaults.pop(target.id, None)
            elif isinstance(target, (ast.Tuple, ast.List)):
                values = (
                    list(value) if isinstance(value, (tuple, list)) and len(value) == len(target.elts)
                    else [_NO_LITERAL] * len(target.elts)
                )
                for elt, val in zip(target.elts, values):
                    bind(elt, val)

        def literal(node: ast.AST | None) -> Any:
            if node is None:
                return _NO_LITERAL
            try:
                return ast.literal_eval(node)
            except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
                return _NO_LITERAL

        for stmt in tree.body:
            if isinstance(stmt, ast.Assign):
                value = literal(stmt.value)
                for t in stmt.targets:
                    bind(t, value)
            elif isinstance(stmt, ast.AnnAssign):
                bind(stmt.target, literal(stmt.value))
        return tuple(dict.fromkeys(names)), defaults
    return None


def parameters_cell_names(path: Path) -> tuple[str, ...] | None:
    """Names assigned at top level of the notebook's ``parameters`` cell (``None``: no such cell)."""
    found = parameters_cell(path)
    return None if found is None else found[0]


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-12)
    return a == b


def conflicts(nb: "Notebook") -> dict[str, str]:
    """Names of xbec's parameters that ``nb``'s ``parameters`` cell uses for something else.

    The convention: a notebook's ``parameters`` cell sets xbec's parameters to
    the paper's values. A cell that sets one of these names to another literal
    (the contracts chapter's ``beta = 0.6``, a substitutability, is not the
    market size ``beta = 200``) means something else by it, and injecting the
    user's value there would be wrong; such names are not injected.
    """
    from .params import DESCRIPTIONS, NAMES, defaults as paper_defaults, format_value

    paper = paper_defaults()
    out = {}
    for name in NAMES:
        if name in nb.defaults and not _same(nb.defaults[name], paper[name]):
            mine = nb.defaults[name]
            shown = format_value(mine) if isinstance(mine, (int, float, list, tuple)) and not isinstance(mine, bool) else repr(mine)
            out[name] = (
                f"its parameters cell sets {name} = {shown}, but xbec's {name} "
                f"({DESCRIPTIONS[name].split(' (')[0]}) is {format_value(paper[name])} in the paper"
            )
    return out


def _toc_order(root: Path) -> list[str]:
    """Notebook stems in the order of ``_toc.yml`` (empty if unreadable)."""
    toc_path = root / "_toc.yml"
    try:
        text = toc_path.read_text(encoding="utf-8")
    except OSError:
        return []
    try:
        import yaml
    except ImportError:  # the `file:` entries, in order, without a YAML parser
        return re.findall(rf"^\s*-?\s*file:\s*['\"]?{NOTEBOOK_DIR}/([^'\"\s#]+)", text, flags=re.M)
    try:
        toc = yaml.safe_load(text) or {}
    except yaml.YAMLError:
        return []
    files: list[str] = []

    def walk(entries):
        for entry in entries or []:
            if isinstance(entry, Mapping):
                if "file" in entry:
                    files.append(str(entry["file"]))
                walk(entry.get("sections"))
                walk(entry.get("chapters"))

    walk(toc.get("parts"))
    walk(toc.get("chapters"))
    prefix = f"{NOTEBOOK_DIR}/"
    return [f[len(prefix):] for f in files if f.startswith(prefix)]


def discover(root: Path) -> list[Notebook]:
    """Every ``notebooks/*.ipynb`` under ``root``: the ``_toc.yml`` ones first, in its order."""
    nb_dir = root / NOTEBOOK_DIR
    if not nb_dir.is_dir():
        raise UsageError(
            f"no notebooks: {nb_dir} does not exist (run from a clone of the xbec "
            "repository, or pass --root / set XBEC_ROOT)"
        )
    paths = {p.stem: p for p in sorted(nb_dir.glob("*.ipynb"))}
    toc = [n for n in _toc_order(root) if n in paths]
    ordered = toc + sorted(set(paths) - set(toc))
    out = []
    for n in ordered:
        found = parameters_cell(paths[n])
        names, defaults = (None, {}) if found is None else found
        out.append(Notebook(n, paths[n], names, n in toc, defaults))
    return out


def select(notebooks: Sequence[Notebook], names: Sequence[str] | None) -> list[Notebook]:
    """The notebooks to run: ``names`` (stems, in the given order) or the default set.

    The default set: the notebooks listed in ``_toc.yml`` that have a
    ``parameters`` cell, except :data:`EXCLUDED_BY_DEFAULT`.
    """
    by_name = {nb.name: nb for nb in notebooks}
    if not names:
        chosen = [nb for nb in notebooks if nb.in_toc and nb.runnable and nb.name not in EXCLUDED_BY_DEFAULT]
        if not chosen:
            raise UsageError("no notebook of _toc.yml has a cell tagged 'parameters': nothing to run")
        return chosen
    import difflib

    chosen = []
    for raw in names:
        name = Path(raw).stem if raw.endswith((".ipynb", ".py")) else raw
        if name not in by_name:
            close = difflib.get_close_matches(name, list(by_name), n=1, cutoff=0.5)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise UsageError(
                f"--notebooks: unknown notebook {raw!r}{hint} "
                f"(available: {', '.join(nb.name for nb in notebooks if nb.runnable)})"
            )
        nb = by_name[name]
        if not nb.runnable:
            raise UsageError(f"--notebooks: {name} has no cell tagged 'parameters' and cannot be rerun")
        if nb not in chosen:
            chosen.append(nb)
    return chosen


# --------------------------------------------------------------------------- output directory


def default_out(base: Path | None = None) -> Path:
    """``runs/YYYYmmdd-HHMMSS`` (``-2``, ``-3``, ... if that exists)."""
    base = Path("runs") if base is None else base
    stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    out, k = base / stamp, 1
    while out.exists() or out.is_symlink():
        k += 1
        out = base / f"{stamp}-{k}"
    return out


def check_out(out: Path, force: bool) -> Path:
    """Absolute ``out``; :class:`UsageError` if it exists (without ``force``) or cannot be a run directory.

    An existing *empty* directory is not an earlier run: it is simply replaced.
    """
    out = Path(os.path.abspath(out))
    empty_dir = out.is_dir() and not out.is_symlink() and not any(out.iterdir())
    if (out.exists() or out.is_symlink()) and not empty_dir:
        if not force:
            raise UsageError(f"--out {out}: exists; use --force to replace it (only after a successful run)")
        if not out.is_dir() or out.is_symlink():
            raise UsageError(f"--out {out}: exists and is not a directory; remove it first")
        if out == Path.cwd().resolve() or out in Path.cwd().resolve().parents:
            raise UsageError(f"--out {out}: refusing to replace the current directory or one of its parents")
    for parent in out.parents:
        if parent.exists():
            if not parent.is_dir():
                raise UsageError(f"--out {out}: {parent} is not a directory")
            if not os.access(parent, os.W_OK | os.X_OK):
                raise UsageError(f"--out {out}: cannot write in {parent}")
            break
    return out


# --------------------------------------------------------------------------- kernels


class _Kernels:
    """The kernels started by one run, so that an interrupted run can kill them."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.managers: list[Any] = []
        self.cancelled = threading.Event()

    def add(self, km: Any) -> None:
        with self.lock:
            self.managers.append(km)
        if self.cancelled.is_set():
            self.kill_all()

    def kill_all(self) -> None:
        with self.lock:
            managers = list(self.managers)
        for km in managers:
            proc = getattr(getattr(km, "provisioner", None), "process", None)
            if proc is None or proc.poll() is not None:
                continue
            with contextlib.suppress(ProcessLookupError, PermissionError):
                # jupyter_client starts kernels in a new session: kill the group
                # (kernel and anything it started), never our own group.
                if os.getpgid(proc.pid) == proc.pid:
                    os.killpg(proc.pid, signal.SIGKILL)
                else:
                    proc.kill()

    def cancel(self) -> None:
        self.cancelled.set()
        self.kill_all()

    def manager_class(self, log: Path | None = None) -> type:
        """A kernel manager class that registers its kernel here; kernel output goes to ``log``."""
        from jupyter_client.manager import AsyncKernelManager

        registry = self

        class TrackedKernelManager(AsyncKernelManager):
            async def _async_launch_kernel(self, kernel_cmd, **kw):  # type: ignore[override]
                if log is not None:  # the kernel's own stdout/stderr (not the cells' output)
                    fh = open(log, "ab")
                    kw.setdefault("stdout", fh)
                    kw.setdefault("stderr", fh)
                try:
                    await super()._async_launch_kernel(kernel_cmd, **kw)
                finally:
                    if log is not None:
                        fh.close()  # the child has its own copy
                registry.add(self)

        return TrackedKernelManager


def _kernel_env() -> None:
    """Kernel environment: the running interpreter's kernelspec first, Agg backend.

    The ``python3`` kernel must be this interpreter (it imports this ``xbec``);
    like the Makefile's BOOK_ENV, ``<prefix>/share/jupyter`` goes first on
    JUPYTER_PATH and the interpreter's directory first on PATH.
    """
    share = str(Path(sys.prefix) / "share" / "jupyter")
    paths = [p for p in os.environ.get("JUPYTER_PATH", "").split(os.pathsep) if p]
    if share not in paths:
        os.environ["JUPYTER_PATH"] = os.pathsep.join([share, *paths])
    bindir = str(Path(sys.executable).parent)
    path = os.environ.get("PATH", "").split(os.pathsep)
    if not path or path[0] != bindir:
        os.environ["PATH"] = os.pathsep.join([bindir, *path])
    os.environ.setdefault("MPLBACKEND", "Agg")
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")


# --------------------------------------------------------------------------- scheduling


def _durations_file() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "xbec" / "run-durations.json"


def _load_durations() -> dict[str, float]:
    try:
        data = json.loads(_durations_file().read_text(encoding="utf-8"))
        return {str(k): float(v) for k, v in data.items()}
    except (OSError, ValueError, TypeError, AttributeError):
        return {}


def _save_durations(outcomes: Iterable["Outcome"], notebooks: Sequence[Notebook]) -> None:
    """Remember how long each notebook took (by path), to schedule the next run; best effort."""
    data = {k: v for k, v in _load_durations().items() if os.path.exists(k)}
    paths = {nb.name: str(nb.path) for nb in notebooks}
    data.update({paths[o.name]: round(o.seconds, 3) for o in outcomes if o.ok})
    path = _durations_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(data, indent=1, sort_keys=True), encoding="utf-8")
        os.replace(tmp, path)
    except OSError:
        pass


def schedule(notebooks: Sequence[Notebook], jobs: int) -> list[Notebook]:
    """Submission order: longest first by the previous runs' times (LPT), unknown ones first.

    With fewer workers than notebooks the run ends sooner when the long
    notebooks do not start last. Without any history: the given order.
    """
    if jobs >= len(notebooks):
        return list(notebooks)
    known = _load_durations()
    order = {nb.name: i for i, nb in enumerate(notebooks)}
    return sorted(notebooks, key=lambda nb: (-known.get(str(nb.path), float("inf")), order[nb.name]))


# --------------------------------------------------------------------------- execution


@dataclass
class Outcome:
    name: str
    ok: bool
    seconds: float
    error: str = ""
    detail: str = ""


_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


_NOISE = re.compile(r"Kernel is running over TCP without encryption")


def _source_cell_number(nb: Notebook, executed_index: int) -> int:
    """1-based number, in ``nb``'s source, of cell ``executed_index`` of the executed notebook.

    papermill inserts its ``injected-parameters`` cell right after the
    ``parameters`` cell, shifting every later cell by one.
    """
    try:
        cells = json.loads(nb.path.read_text(encoding="utf-8")).get("cells", [])
        p = next(i for i, c in enumerate(cells) if "parameters" in c.get("metadata", {}).get("tags", []))
    except (OSError, ValueError, StopIteration):
        return executed_index + 1
    return executed_index + (1 if executed_index <= p else 0)


def _describe_failure(nb: Notebook, exc: BaseException, kernel_log: Path | None = None) -> tuple[str, str]:
    """(one-line message naming the notebook and the cell, traceback tail)."""
    from papermill.exceptions import PapermillExecutionError

    name = nb.name
    if isinstance(exc, PapermillExecutionError):
        first = next((ln for ln in (exc.source or "").splitlines() if ln.strip()), "")
        if len(first) > 70:
            first = first[:67] + "..."
        number = _source_cell_number(nb, exc.cell_index)
        msg = (
            f"notebook {name} failed in cell {number} of {NOTEBOOK_DIR}/{name}.ipynb "
            f"(In [{exc.exec_count}]: {first!r}): {exc.ename}: {exc.evalue}"
        )
        tb = _ANSI.sub("", "\n".join(exc.traceback or []))
        return msg, "\n".join(tb.splitlines()[-15:])
    kind = type(exc).__name__
    text = " ".join(str(exc).split()) or kind
    tail = ""
    if kernel_log is not None and kernel_log.exists():
        lines = [ln for ln in kernel_log.read_text(errors="replace").splitlines() if not _NOISE.search(ln)]
        tail = "\n".join(lines[-15:])
    return f"notebook {name} failed: {kind}: {text}", tail


def _execute_one(
    nb: Notebook,
    out_nb: Path,
    params: dict[str, Any],
    cwd: Path,
    kernels: _Kernels,
    timeout: float,
    kernel_log: Path | None = None,
) -> float:
    import papermill as pm

    if kernels.cancelled.is_set():
        raise RuntimeError("cancelled")
    t0 = time.perf_counter()
    pm.execute_notebook(
        str(nb.path),
        str(out_nb),
        parameters=params,
        kernel_name="python3",
        progress_bar=False,
        log_output=False,
        request_save_on_cell_execute=False,
        start_timeout=120,
        execution_timeout=timeout,
        kernel_manager_class=kernels.manager_class(kernel_log),
        resources={"metadata": {"path": str(cwd)}},  # kernel cwd, without os.chdir
    )
    return time.perf_counter() - t0


def injected(nb: Notebook, values: Mapping[str, Any], output_dir: Path) -> dict[str, Any]:
    """The parameters papermill injects into ``nb``: those its cell assigns, plus ``output_dir``.

    Names the notebook uses for something else (:func:`conflicts`) are left out.
    """
    skip = conflicts(nb)
    out = {k: values[k] for k in (nb.parameters or ()) if k in values and k not in skip}
    out["output_dir"] = str(output_dir)
    return out


class _Signals:
    """SIGTERM raises :class:`Interrupted` in the main thread (SIGINT raises KeyboardInterrupt)."""

    def __enter__(self):
        self.active = threading.current_thread() is threading.main_thread()
        if self.active:
            def on_term(signum, frame):
                raise Interrupted(signum)

            self.old = signal.signal(signal.SIGTERM, on_term)
        return self

    def __exit__(self, *exc):
        if self.active:
            signal.signal(signal.SIGTERM, self.old)
        return False

    @staticmethod
    @contextlib.contextmanager
    def ignored():
        """Cleanup must not be interrupted half-way by a second Ctrl-C."""
        if threading.current_thread() is not threading.main_thread():
            yield
            return
        old = {s: signal.signal(s, signal.SIG_IGN) for s in (signal.SIGINT, signal.SIGTERM)}
        try:
            yield
        finally:
            for s, h in old.items():
                signal.signal(s, h)


def _versions() -> dict[str, str | None]:
    out: dict[str, str | None] = {"python": platform.python_version()}
    for dist in PACKAGES:
        try:
            out[dist] = _md.version(dist)
        except _md.PackageNotFoundError:
            out[dist] = None
    return out


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).astimezone().isoformat(timespec="seconds")


def _fix_paths(nb_path: Path, tmp: Path, out: Path) -> None:
    """Executed notebooks mention the temporary directory as ``output_dir``: point them at ``out``."""
    import nbformat

    nb = nbformat.read(nb_path, as_version=4)
    old, new = str(tmp), str(out)
    changed = False
    for cell in nb.cells:
        if "injected-parameters" in cell.get("metadata", {}).get("tags", []) and old in cell.source:
            cell.source = cell.source.replace(old, new)
            changed = True
    pm_meta = nb.metadata.get("papermill", {})
    params = pm_meta.get("parameters", {})
    if params.get("output_dir") == old:
        params["output_dir"] = new
        changed = True
    for key in ("input_path", "output_path"):
        if isinstance(pm_meta.get(key), str) and pm_meta[key].startswith(old):
            pm_meta[key] = new + pm_meta[key][len(old):]
            changed = True
    if changed:
        nbformat.write(nb, nb_path)


def _write_tables(run: Path, validated: Validated) -> list[str]:
    """table1.csv / table2.csv from :mod:`xbec.numerics` when no notebook wrote them."""
    written = []
    tables = {
        "table1.csv": lambda: paper_table1(validated.horizontal, validated.grid),
        "table2.csv": lambda: numerics.table2(validated.horizontal, validated.vertical, validated.grid),
    }
    for fname, make in tables.items():
        if not (run / fname).exists():
            (run / fname).write_text(numerics.to_csv(make()), encoding="utf-8")
            written.append(fname)
    return written


@dataclass
class RunResult:
    out: Path
    manifest: dict[str, Any]
    outcomes: list[Outcome] = field(default_factory=list)


def execute(
    validated: Validated,
    notebooks: Sequence[Notebook],
    out: Path,
    *,
    jobs: int,
    force: bool = False,
    book: bool = False,
    root: Path | None = None,
    timeout: float = 600,
    argv: Sequence[str] = (),
    log: TextIO | None = None,
) -> RunResult:
    """Run ``notebooks`` with ``validated`` parameters into ``out`` (all or nothing).

    ``out`` is checked by :func:`check_out` (exists without ``force``: :class:`UsageError`). Raises :class:`NotebookFailed`,
    :class:`Interrupted` or :class:`RunError`; in every case the temporary
    directory is gone and ``out`` is as it was before.
    """
    log = sys.stderr if log is None else log
    root = default_root() if root is None else root
    out = check_out(out, force)  # also when called without the command line
    try:
        import papermill  # noqa: F401
        import nbformat  # noqa: F401
        import jupyter_client  # noqa: F401
        if book:
            import jupyter_book  # noqa: F401
            import yaml  # noqa: F401
    except ImportError as exc:
        extra = "book" if book else "run"
        raise UsageError(
            f"xbec run{' --book' if book else ''} needs {exc.name}: pip install 'xbec[{extra}]'"
        ) from None

    def say(msg: str) -> None:
        print(msg, file=log, flush=True)

    logging.getLogger("papermill").setLevel(logging.CRITICAL)  # failures are reported by us
    _kernel_env()

    # Parents of `out` that do not exist yet are created now and removed again
    # if the run does not complete.
    created: list[Path] = []
    for parent in reversed(out.parents):
        if not parent.exists():
            parent.mkdir()
            created.append(parent)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.partial-", dir=out.parent))
    kernels = _Kernels()
    executor: ThreadPoolExecutor | None = None
    futures: dict[Future, Notebook] = {}
    started_wall, t_start = _now(), time.perf_counter()
    outcomes: list[Outcome] = []

    def cleanup() -> None:
        with _Signals.ignored():
            kernels.cancel()
            if executor is not None:
                for f in futures:
                    f.cancel()
                deadline = time.monotonic() + 20
                while any(not f.done() for f in futures) and time.monotonic() < deadline:
                    kernels.kill_all()
                    wait(list(futures), timeout=0.2)
                executor.shutdown(wait=False, cancel_futures=True)
            shutil.rmtree(tmp, ignore_errors=True)
            for parent in reversed(created):
                with contextlib.suppress(OSError):
                    parent.rmdir()  # only if still empty

    try:
        with _Signals():
            nb_dir = tmp / NOTEBOOK_DIR
            nb_dir.mkdir()
            logs = tmp / ".kernel-logs"  # removed before the manifest is written
            logs.mkdir()
            n = len(notebooks)
            say(f"xbec run: {n} notebook{'s' * (n != 1)}, {jobs} job{'s' * (jobs != 1)} -> {out}")
            params_of = {nb.name: injected(nb, validated.values, tmp) for nb in notebooks}
            not_injected = {nb.name: c for nb in notebooks if (c := conflicts(nb))}
            for name, found in not_injected.items():
                for pname, why in found.items():
                    say(f"xbec run: warning: {name}: {pname} not injected: {why}")
            executor = ThreadPoolExecutor(max_workers=jobs, thread_name_prefix="xbec-run")
            started: dict[str, float] = {}

            def job(nb: Notebook) -> float:
                started[nb.name] = time.perf_counter()
                return _execute_one(
                    nb, nb_dir / f"{nb.name}.ipynb", params_of[nb.name], tmp, kernels, timeout,
                    logs / f"{nb.name}.log",
                )

            futures = {executor.submit(job, nb): nb for nb in schedule(notebooks, jobs)}
            pending = set(futures)
            failed = False
            while pending:
                done, pending = wait(pending, timeout=0.5, return_when=FIRST_COMPLETED)
                for fut in done:
                    nb = futures[fut]
                    if fut.cancelled():
                        continue
                    exc = fut.exception()
                    if exc is None:
                        o = Outcome(nb.name, True, fut.result())
                        say(f"[{len(outcomes) + 1}/{n}] {nb.name} ok ({o.seconds:.1f} s)")
                    else:
                        msg, detail = _describe_failure(nb, exc, logs / f"{nb.name}.log")
                        secs = time.perf_counter() - started.get(nb.name, t_start)
                        o = Outcome(nb.name, False, secs, msg, detail)
                        say(f"[{len(outcomes) + 1}/{n}] {nb.name} FAILED ({secs:.1f} s)")
                        if not failed:  # stop: do not start the notebooks still queued
                            failed = True
                            for f in pending:
                                f.cancel()
                    outcomes.append(o)
            executor.shutdown(wait=True)
            bad = [o for o in outcomes if not o.ok]
            if bad:
                skipped = n - len(outcomes)
                lines = [o.error + (f"\n{o.detail}" if o.detail else "") for o in bad]
                if skipped:
                    lines.append(f"{skipped} notebook{'s' * (skipped != 1)} not run")
                raise NotebookFailed("\n".join(lines))

            shutil.rmtree(logs, ignore_errors=True)
            _save_durations(outcomes, notebooks)
            for nb in notebooks:
                _fix_paths(nb_dir / f"{nb.name}.ipynb", tmp, out)
            by_runner = _write_tables(tmp, validated)

            book_info = None
            if book:
                from .book import build_book

                say("xbec run: building the HTML companion of this run (no re-execution)")
                t_book = time.perf_counter()
                build_book(
                    root, tmp, out, [nb.name for nb in notebooks], validated,
                    durations={o.name: o.seconds for nb in notebooks for o in outcomes if o.name == nb.name},
                    versions=_versions(), log=log,
                )
                book_info = {"index": "book/index.html", "seconds": round(time.perf_counter() - t_book, 3)}

            manifest = {
                "xbec_version": _versions()["xbec"],
                "command": list(argv),
                "parameters": validated.values,
                "changed_from_paper": validated.changed(),
                "notebooks": {
                    o.name: {
                        "source": os.path.relpath(next(nb.path for nb in notebooks if nb.name == o.name), root),
                        "executed": f"{NOTEBOOK_DIR}/{o.name}.ipynb",
                        "injected": {
                            k: (str(out) if k == "output_dir" else v) for k, v in params_of[o.name].items()
                        },
                        "seconds": round(o.seconds, 3),
                    }
                    for o in sorted(outcomes, key=lambda o: [nb.name for nb in notebooks].index(o.name))
                },
                "not_injected": not_injected,
                "tables_written_by_runner": by_runner,
                "book": book_info,
                "jobs": jobs,
                "started": started_wall,
                "finished": _now(),
                "seconds": round(time.perf_counter() - t_start, 3),
                "python_executable": sys.executable,
                "platform": platform.platform(),
                "packages": _versions(),
                "outputs": {
                    p.relative_to(tmp).as_posix(): _sha256(p)
                    for p in sorted(tmp.rglob("*"))
                    if p.is_file() and p.name != MANIFEST
                },
            }
            (tmp / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
            os.chmod(tmp, 0o777 & ~_umask())

            with _Signals.ignored():  # the swap itself is not interruptible
                if out.exists():
                    trash = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
                    os.replace(out, trash / "run")
                    try:
                        os.replace(tmp, out)
                    except OSError:
                        os.replace(trash / "run", out)
                        raise
                    shutil.rmtree(trash, ignore_errors=True)
                else:
                    os.replace(tmp, out)
            say(f"xbec run: done in {manifest['seconds']:.1f} s -> {out}")
            return RunResult(out, manifest, outcomes)
    except KeyboardInterrupt:
        cleanup()
        raise Interrupted(signal.SIGINT) from None
    except BaseException:
        cleanup()
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
