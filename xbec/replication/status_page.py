"""The book's ``status`` page: the software versions and the commit that produced a build."""

from __future__ import annotations

import datetime
import hashlib
import importlib.metadata as md
import platform
import re
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .pages import Md
from .report import md_table

__all__ = ["package_version", "git_commit", "lock_summary", "build_values"]


def package_version(dist: str) -> str:
    """The installed version of distribution ``dist``, or ``"not installed"``."""
    try:
        return md.version(dist)
    except md.PackageNotFoundError:
        return "not installed"


def git_commit(cwd: str | None = None) -> str:
    """The checkout's short commit (12 hex digits), marked when tracked files have uncommitted changes."""
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short=12", "HEAD"], capture_output=True, text=True, check=True, timeout=10, cwd=cwd
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            capture_output=True,
            text=True,
            check=True,
            timeout=10,
            cwd=cwd,
        ).stdout.strip()
        return head + (" (with uncommitted changes)" if dirty else "")
    except (OSError, subprocess.SubprocessError):
        return "unknown (not a git checkout)"


def lock_summary(lock_path: str | Path, name: str | None = None) -> str:
    """Which lock file built this environment: its SHA-256 and whether every pin is installed at its version.

    ``lock_path`` is a pip requirements file with ``name==version`` pins (e.g.
    ``requirements/book.txt``, which ``make book`` installs from with
    ``--require-hashes``); ``name`` is how the summary names it.
    """
    path = Path(lock_path)
    label = name or str(lock_path)
    if not path.is_file():
        return f"`{label}` not found: this build was not installed from the lock"
    text = path.read_text(encoding="utf-8")
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    pins = re.findall(r"(?m)^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s\\;]+)", text)
    differ = [f"{n} {package_version(n)} (lock: {v})" for n, v in pins if package_version(n) != v]
    state = (
        "all installed at the locked version"
        if not differ
        else f"{len(differ)} installed at another version: " + ", ".join(differ)
    )
    return f"`{label}`, SHA-256 `{sha[:16]}…`: {len(pins)} pinned packages, {state}"


def build_values(packages: Sequence[str], lock_file: str | None = None, root: str | Path = "..") -> dict[str, Any]:
    """``versions`` (Markdown table), ``xbec_version``, ``build_commit``, ``build_date`` (UTC, to the minute).

    With ``lock_file`` (relative to ``root``, the repository) also ``lock_summary``
    (:func:`lock_summary`), which the table lists too.
    """
    rows = [
        ("Python", f"`{platform.python_version()}`"),
        ("Kernel interpreter", f"`{sys.executable}`"),
        ("Platform", f"`{platform.platform()}`"),
    ]
    rows += [(name, f"`{package_version(name)}`") for name in packages]
    out: dict[str, Any] = {}
    if lock_file is not None:
        summary = lock_summary(Path(root) / lock_file, lock_file)
        rows.append(("Lock file", summary))
        out["lock_summary"] = Md(summary)
    now = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    out.update(
        {
            "versions": Md(md_table(["Software", "Version"], rows)),
            "xbec_version": package_version("xbec"),
            "build_commit": Md(f"`{git_commit()}`"),
            "build_date": Md(now),
        }
    )
    return out
