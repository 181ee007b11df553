"""Execute every notebook of the book, in parallel, into the book's execution cache.

Jupyter Book 1 executes notebooks one after the other. `make book` first runs
this script on a clean `_build/`: it executes all notebooks listed in
`_toc.yml` with jupyter-cache's parallel executor (one process per core) and
stores the results in `_build/.jupyter_cache`, the cache the build then reads
(`execute_notebooks: cache`). Every notebook is still executed from scratch on
every `make book`; only the order changes. Execution times recorded here are
the ones the status page shows.

Kernels talk to this process over TCP on 127.0.0.1. ipykernel 7 warns, once
per kernel, that such traffic is not encrypted unless the kernel manager
provisions CurveZMQ keys; this script sets jupyter_client's documented setting
for that, `KernelManager.transport_encryption = "auto"` (keys provisioned for
every kernelspec that declares `supported_encryption: curve`, as ipykernel's
does), so the traffic is encrypted and the warning is not printed.

Usage: python scripts/execute_book.py   (exits 1, naming the notebook, if any fails)
`make book` holds a lock (.book.lock) around it: one build per clone at a time.
"""

from __future__ import annotations

import logging
import sys
import time
from pathlib import Path

import yaml
from jupyter_cache import get_cache
from jupyter_cache.executors import load_executor
from jupyter_cache.executors import utils as cache_utils
from jupyter_client import AsyncKernelManager
from sphinx_external_toc.parsing import parse_toc_yaml

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / "_build" / ".jupyter_cache"


def toc_notebooks() -> list[Path]:
    """The `.ipynb` files the table of contents lists, in order."""
    docs = parse_toc_yaml(ROOT / "_toc.yml")
    return [ROOT / f"{d}.ipynb" for d in docs if (ROOT / f"{d}.ipynb").exists()]


class EncryptedKernelManager(AsyncKernelManager):
    """nbclient's kernel manager with CurveZMQ transport encryption where the kernel supports it."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.transport_encryption = "auto"


def _execute_encrypted(nb, **kwargs):
    """nbclient.execute with :class:`EncryptedKernelManager` (jupyter-cache passes no kernel options)."""
    import nbclient

    return nbclient.execute(nb, kernel_manager_class=EncryptedKernelManager, **kwargs)


def main() -> int:
    # jupyter-cache's executors call the name it imported; the worker processes
    # are forked from this one, so they see the replacement too.
    cache_utils.executenb = _execute_encrypted
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    timeout = int(config.get("execute", {}).get("timeout", 600))
    notebooks = toc_notebooks()
    cache = get_cache(str(CACHE))
    for path in notebooks:
        cache.add_nb_to_project(str(path))
    logger = logging.getLogger("execute_book")
    logging.basicConfig(level=logging.WARNING, format="%(message)s")
    start = time.perf_counter()
    executor = load_executor("local-parallel", cache=cache, logger=logger)
    result = executor.run_and_cache(timeout=timeout, allow_errors=False)
    elapsed = time.perf_counter() - start
    failed = list(result.errored) + list(getattr(result, "excepted", []))
    for uri in failed:
        record = cache.get_project_record(uri)
        print(f"execute_book: {Path(uri).relative_to(ROOT)} failed:\n{record.traceback}", file=sys.stderr)
    print(f"execute_book: {len(result.succeeded)} of {len(notebooks)} notebooks executed "
          f"in {elapsed:.0f} s (parallel)")
    return 1 if failed or len(result.succeeded) != len(notebooks) else 0


if __name__ == "__main__":
    sys.exit(main())
