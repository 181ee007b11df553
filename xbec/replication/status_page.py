"""The book's ``status`` page: the software versions and the commit that produced a build."""

from __future__ import annotations

import datetime
import importlib.metadata as md
import platform
import subprocess
import sys
from collections.abc import Sequence
from typing import Any

from .pages import Md
from .report import md_table

__all__ = ["package_version", "git_commit", "build_values"]


def package_version(dist: str) -> str:
    """The installed version of distribution ``dist``, or ``"not installed"``."""
    try:
        return md.version(dist)
    except md.PackageNotFoundError:
        return "not installed"


def git_commit(cwd: str | None = None) -> str:
    """The checkout's short commit (12 hex digits), marked when tracked files have uncommitted changes."""
    try:
        head = subprocess.run(["git", "rev-parse", "--short=12", "HEAD"], capture_output=True, text=True,
                              check=True, timeout=10, cwd=cwd).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], capture_output=True,
                               text=True, check=True, timeout=10, cwd=cwd).stdout.strip()
        return head + (" (with uncommitted changes)" if dirty else "")
    except (OSError, subprocess.SubprocessError):
        return "unknown (not a git checkout)"


def build_values(packages: Sequence[str]) -> dict[str, Any]:
    """``versions`` (Markdown table), ``xbec_version``, ``build_commit`` and ``build_date`` (UTC, to the minute)."""
    rows = [("Python", f"`{platform.python_version()}`"), ("Kernel interpreter", f"`{sys.executable}`"),
            ("Platform", f"`{platform.platform()}`")]
    rows += [(name, f"`{package_version(name)}`") for name in packages]
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    return {"versions": Md(md_table(["Software", "Version"], rows)), "xbec_version": package_version("xbec"),
            "build_commit": Md(f"`{git_commit()}`"), "build_date": Md(now)}
