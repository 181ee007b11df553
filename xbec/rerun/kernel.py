"""Executing one notebook with papermill: the kernel's environment, one parameter block, normalised output.

Used by :mod:`.run` locally and on Dask workers (:func:`.run.remote_notebook`).
"""

from __future__ import annotations

import atexit
import functools
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any, TextIO

NOTEBOOK_DIR = "notebooks"
ACTIVE: set[str] = set()  # notebooks executing now: after an error the CLI does not wait for them


def _one_block(nb: Any) -> None:
    """Merge papermill's injected cell into the ``parameters`` cell: one parameter block, the values in force."""
    import ast

    tagged = [
        [i for i, c in enumerate(nb.cells) if t in c.metadata.get("tags", [])]
        for t in ("parameters", "injected-parameters")
    ]
    if not all(tagged):
        return
    par, inj = nb.cells[tagged[0][0]], nb.cells[tagged[1][0]]
    values = dict(re.findall(r"^(\w+) = (.*)$", inj.source, re.M))
    lines = par.source.splitlines()
    try:
        body = ast.parse(par.source).body
    except SyntaxError:
        body = []
    assigns = [a for a in body if isinstance(a, ast.Assign) and len(a.targets) == 1 and a.lineno == a.end_lineno]
    single = {a.targets[0].id: a.lineno - 1 for a in assigns if isinstance(a.targets[0], ast.Name)}
    if not set(values) <= set(single):  # a value spread over lines: show papermill's cell, hide the paper's
        par.metadata["tags"] = [*par.metadata["tags"], "remove-cell"]
        return
    for name, value in values.items():
        comment = re.search(r"\s+#.*$", lines[single[name]])
        lines[single[name]] = f"{name} = {value}" + (comment[0] if comment and '"' not in comment[0] else "")
    par.source = "\n".join(["# Parameters of this run (xbec run)", *lines])
    nb.cells.remove(inj)


def normalise(path: Path, work: Path) -> None:
    """Rewrite an executed notebook without timestamps, random ids, absolute paths or addresses."""
    import nbformat

    nb = nbformat.read(path, as_version=4)
    nb.metadata["papermill"] = {"parameters": nb.metadata.get("papermill", {}).get("parameters", {})}
    for cell in nb.cells:
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
    _one_block(nb)
    text = re.sub(r" at 0x[0-9a-f]{6,16}", " at 0x0", nbformat.writes(nb).replace(str(work), "."))
    styled = dict.fromkeys(re.findall(r'id=\\"T_([0-9a-f]{5})\\"', text))  # pandas Styler's random table ids
    for k, uuid in enumerate(styled):
        text = text.replace(f"T_{uuid}", f"T_{k:05d}")
    path.write_text(text, encoding="utf-8")


@functools.cache
def _quiet_kernel_manager() -> type:
    """Kernels whose stderr is /dev/null: after Ctrl-C to the process group they print nothing after xbec."""
    from jupyter_client.manager import AsyncKernelManager

    class QuietKernelManager(AsyncKernelManager):
        async def start_kernel(self, **kw: Any) -> None:  # type: ignore[override]
            kw.setdefault("stderr", subprocess.DEVNULL)
            await super().start_kernel(**kw)

    return QuietKernelManager


def execute_notebook(name: str, source: Path, params: dict[str, Any], work: Path, timeout: int) -> None:
    """Execute notebook ``source`` with papermill into ``work/notebooks/NAME.ipynb`` (cwd: that folder)."""
    import papermill

    kernel_env()
    cwd, out = work / NOTEBOOK_DIR, work / NOTEBOOK_DIR / f"{name}.ipynb"
    cwd.mkdir(parents=True, exist_ok=True)
    opts: dict[str, Any] = dict(kernel_name="python3", progress_bar=False, execution_timeout=timeout, start_timeout=120)
    # No IPython history (a SQLite file in the user's home, shared by concurrent kernels); once the last
    # cell has run and its outputs are in, the kernel is stopped at once instead of asked and awaited.
    args = ["--IPKernelApp.log_level=CRITICAL", "--HistoryManager.enabled=False"]
    opts |= dict(extra_arguments=args, kernel_manager_class=_quiet_kernel_manager(), shutdown_kernel="immediate")
    ACTIVE.add(str(work))
    try:
        papermill.execute_notebook(
            source, out, parameters={**params, "output_dir": ".."}, resources={"metadata": {"path": str(cwd)}}, **opts
        )
    finally:
        ACTIVE.discard(str(work))
    normalise(out, cwd)


@functools.cache
def kernel_env() -> None:
    """Kernel ``python3`` is this interpreter; Agg; a fixed SVG salt and date (same bytes twice)."""
    home = Path(tempfile.mkdtemp(prefix="xbec-kernel-"))
    atexit.register(shutil.rmtree, home, True)
    (home / "kernels" / "python3").mkdir(parents=True)
    argv = [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]
    spec = {"language": "python", "argv": argv, "display_name": "Python 3 (ipykernel)"}
    (home / "kernels" / "python3" / "kernel.json").write_text(json.dumps(spec))
    (home / "matplotlibrc").write_text("svg.hashsalt: xbec\n", encoding="utf-8")
    os.environ["JUPYTER_PATH"] = os.pathsep.join(p for p in (str(home), os.environ.get("JUPYTER_PATH")) if p)
    os.environ.update(MPLBACKEND="Agg", MATPLOTLIBRC=str(home / "matplotlibrc"), PYTHONHASHSEED="0")
    os.environ.update(PYDEVD_DISABLE_FILE_VALIDATION="1", SOURCE_DATE_EPOCH="0")


def failure(name: str, exc: BaseException) -> str:
    """The message of a failed notebook: the cell, the error and the traceback's last lines."""
    from papermill.exceptions import PapermillExecutionError

    if not isinstance(exc, PapermillExecutionError):
        return f"notebook {name} failed: {type(exc).__name__}: {' '.join(str(exc).split())}"
    first = next((ln for ln in exc.source.splitlines() if ln.strip()), "")[:70]
    tail = re.sub(r"\x1b\[[0-9;]*m", "", "\n".join(exc.traceback)).splitlines()[-12:]
    head = f"notebook {name} failed in cell In [{exc.exec_count}] ({first!r}): {exc.ename}: {exc.evalue}"
    return f"{head}\n" + "\n".join(tail)


def progress_bar(total: int, unit: str, desc: str, enabled: bool, log: TextIO | None, position: int = 0) -> Any:
    """A tqdm bar on ``log`` (done of total, elapsed, a postfix); its size from the terminal, 80x24 if it says 0."""
    from tqdm import tqdm

    size = shutil.get_terminal_size()  # tqdm reads rows = -1 from a pty of size 0 and then shows nothing
    kw: dict[str, Any] = dict(disable=not enabled, leave=position == 0, file=log, position=position)
    return tqdm(total=total, unit=unit, desc=desc, ncols=size.columns, nrows=max(size.lines, 2 + position), **kw)
