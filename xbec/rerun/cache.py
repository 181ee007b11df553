"""The execution cache of ``xbec run`` (``$XBEC_CACHE``, default ``~/.cache/xbec``), and ``xbec cache``.

An entry is one notebook's slice of a run (its executed notebook and outputs) under a key of the notebook's
bytes, the injected parameters, xbec's code and the versions of the packages the notebook imports. Each entry
lists the SHA-256 of its files and is verified before use (a mismatch: the entry is removed and the notebook
executed again). Entries are written in a locked ``.tmp-*`` folder and renamed into place; unlocked
``.tmp-*`` folders (writes that were interrupted) are removed. Past ``$XBEC_CACHE_MAX`` bytes (default
2 GiB) the least recently used entries are removed.
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import hashlib
import importlib.metadata as md
import json
import os
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from .. import __version__

INDEX, TIMES, DEFAULT_MAX = ".xbec-entry.json", ".seconds.json", 2 << 30
#: the kernel stack every notebook runs on, whatever it imports
STACK = ("numpy", "scipy", "sympy", "matplotlib", "papermill", "nbclient", "ipykernel", "myst-nb", "PyYAML")
_IMPORT = re.compile(r"^\s*(?:import|from)\s+([A-Za-z_]\w*)", re.M)


def root() -> Path:
    """The cache folder: ``$XBEC_CACHE``, else ``$XDG_CACHE_HOME/xbec``, else ``~/.cache/xbec``."""
    env = os.environ.get("XBEC_CACHE")
    return Path(env or Path(os.environ.get("XDG_CACHE_HOME", "~/.cache")).expanduser() / "xbec") / "executions"


def limit() -> int:
    """The size limit in bytes (``$XBEC_CACHE_MAX``)."""
    with contextlib.suppress(ValueError):
        return max(0, int(os.environ.get("XBEC_CACHE_MAX", DEFAULT_MAX)))
    return DEFAULT_MAX


_distributions = functools.cache(md.packages_distributions)


@functools.cache
def _installed(name: str) -> tuple[tuple[str, str], ...]:
    """``(distribution, version)`` of an imported top-level module (or a distribution name); () if none."""
    if name in sys.stdlib_module_names or name.startswith("_"):
        return ()
    with contextlib.suppress(md.PackageNotFoundError):
        return ((name, md.version(name)),)  # most distributions are named like their module
    return tuple((d, md.version(d)) for d in _distributions().get(name, []))


def versions(source: bytes) -> dict[str, str]:
    """Versions of the kernel stack and of every installed distribution the notebook's code imports."""
    try:
        cells = json.loads(source)["cells"]
        code = "\n".join("".join(c["source"]) for c in cells if c.get("cell_type") == "code")
    except (ValueError, KeyError, TypeError):
        code = ""
    out = {"python": sys.version.split()[0]}
    for name in sorted(set(STACK) | set(_IMPORT.findall(code))):
        out.update(_installed(name))
    return dict(sorted(out.items()))


@functools.cache
def _code_hash() -> str:
    h = hashlib.sha256(__version__.encode())
    for p in sorted(Path(__file__).resolve().parents[1].rglob("*.py")):
        h.update(p.read_bytes())
    return h.hexdigest()


def key(source: bytes, params: dict[str, Any]) -> str:
    """The key of one execution."""
    h = hashlib.sha256(json.dumps([_code_hash(), params, versions(source)], sort_keys=True).encode() + source)
    return h.hexdigest()[:32]


def sha(path: Path) -> str:
    """The SHA-256 of a file's bytes (hex)."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def tree(folder: Path) -> dict[str, Path]:
    """Every file under ``folder`` by its relative POSIX path, in sorted order."""
    return {p.relative_to(folder).as_posix(): p for p in sorted(folder.rglob("*")) if p.is_file()}


def _files(folder: Path) -> dict[str, str]:
    return {rel: sha(p) for rel, p in tree(folder).items() if p.name != INDEX}


def lock(path: Path, block: bool = True) -> int | None:
    """An fd holding ``flock`` on directory ``path`` (None: another process holds it)."""
    fd = os.open(path, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | (0 if block else fcntl.LOCK_NB))
        return fd
    except OSError as exc:
        os.close(fd)
        if isinstance(exc, BlockingIOError):
            return None
        raise


def _clean(base: Path) -> None:
    """Remove the ``.tmp-*`` folders no live writer holds locked (interrupted writes)."""
    for p in base.glob(".tmp-*"):
        with contextlib.suppress(OSError):
            if (fd := lock(p, block=False)) is not None:
                shutil.rmtree(p, ignore_errors=True)
                os.close(fd)


def get(k: str, work: Path) -> bool:
    """Copy entry ``k`` into ``work`` if it exists and every file matches its SHA-256; else False."""
    entry = root() / k
    if not entry.is_dir():
        return False
    try:
        if json.loads((entry / INDEX).read_text(encoding="utf-8")) != _files(entry):
            raise ValueError(k)
        shutil.copytree(entry, work, ignore=shutil.ignore_patterns(INDEX))
        os.utime(entry)  # recently used
        return True
    except (OSError, ValueError):  # corrupt or half-removed: execute again, replace the entry
        shutil.rmtree(entry, ignore_errors=True)
        shutil.rmtree(work, ignore_errors=True)
        return False


def put(k: str, work: Path) -> None:
    """Store ``work`` as entry ``k``, whole or not at all (best effort: a full disk stores nothing)."""
    base = root()
    with contextlib.suppress(OSError):
        base.mkdir(parents=True, exist_ok=True)
        _clean(base)
        tmp = Path(tempfile.mkdtemp(prefix=".tmp-", dir=base))
        fd = lock(tmp)
        try:
            shutil.copytree(work, tmp / "x")
            (tmp / "x" / INDEX).write_text(json.dumps(_files(tmp / "x"), sort_keys=True), encoding="utf-8")
            shutil.rmtree(base / k, ignore_errors=True)  # a corrupt entry being replaced
            with contextlib.suppress(OSError):
                os.rename(tmp / "x", base / k)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
            os.close(fd)  # type: ignore[arg-type]
        prune(limit())


def seconds() -> dict[str, float]:
    """How long each notebook took when last executed (for scheduling the longest first)."""
    try:
        data = json.loads((root() / TIMES).read_text(encoding="utf-8"))
        return {str(k): float(v) for k, v in data.items()}
    except (OSError, ValueError, TypeError, AttributeError):
        return {}


def record_seconds(times: dict[str, float]) -> None:
    """Remember ``times`` (notebook name -> seconds) beside the entries; best effort, atomic."""
    with contextlib.suppress(OSError):
        root().mkdir(parents=True, exist_ok=True)
        tmp = root() / f".tmp-times-{os.getpid()}"
        tmp.write_text(json.dumps(seconds() | times, sort_keys=True), encoding="utf-8")
        os.replace(tmp, root() / TIMES)


def entries() -> list[tuple[str, int, float]]:
    """``(key, bytes, last use)`` of every entry, least recently used first."""
    base, out = root(), []
    for e in base.iterdir() if base.is_dir() else []:
        if e.is_dir() and not e.name.startswith("."):
            with contextlib.suppress(OSError):
                out.append((e.name, sum(p.stat().st_size for p in e.rglob("*") if p.is_file()), e.stat().st_mtime))
    return sorted(out, key=lambda x: (x[2], x[0]))


def prune(max_bytes: int) -> list[str]:
    """Remove the least recently used entries until the cache holds at most ``max_bytes``; their keys."""
    all_entries, removed = entries(), list[str]()
    total = sum(size for _, size, _ in all_entries)
    for k, size, _ in all_entries:
        if total <= max_bytes:
            break
        shutil.rmtree(root() / k, ignore_errors=True)
        total, removed = total - size, [*removed, k]
    return removed


def clear() -> int:
    """Remove every entry (and interrupted writes); the number of entries removed."""
    n = len(entries())
    shutil.rmtree(root(), ignore_errors=True)
    return n


def describe() -> str:
    """What ``xbec cache`` prints: location, size, limit and entries."""
    es = entries()
    size = f"size: {sum(s for _, s, _ in es)} bytes in {len(es)} entries (limit {limit()} bytes, $XBEC_CACHE_MAX)"
    lines = [f"location: {root()}", size]
    lines += [f"  {k}  {s:>12} bytes  last used {time.strftime('%Y-%m-%d %H:%M', time.localtime(t))}" for k, s, t in es]
    return "\n".join(lines) + "\n"
