"""Put the built book on the gh-pages branch (`make publish`), as Jupyter Book users do.

Runs ghp-import (installed with Jupyter Book 1) on _build/html: the branch
`gh-pages` of the repository gets one new commit whose tree is exactly the
built book (plus `.nojekyll`, so that the forge serves `_static/` as is). The
working tree and the current branch are not touched. Nothing is pushed unless
`--push` (`make publish PUSH=1`) is given; then the branch is pushed to
`--remote` (default `origin`).

Usage: python scripts/publish.py [--html _build/html] [--repo .] [--branch gh-pages] [--push] [--remote origin]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def version() -> str:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]


def head(repo: Path) -> str:
    try:
        return subprocess.run(["git", "rev-parse", "--short=12", "HEAD"], cwd=repo, capture_output=True,
                              text=True, check=True).stdout.strip()
    except subprocess.CalledProcessError:
        return "unknown"


def publish(html: Path, repo: Path, branch: str = "gh-pages", push: bool = False, remote: str = "origin") -> str:
    """Commit ``html`` as the whole tree of ``branch`` in ``repo``; return the message used."""
    if not (html / "index.html").is_file():
        raise SystemExit(f"publish: {html}/index.html missing: run `make book` first")
    message = f"Book of xbec {version()} built from {head(repo)}"
    cmd = [sys.executable, "-m", "ghp_import", "--no-jekyll", "--branch", branch, "--message", message]
    if push:
        cmd += ["--push", "--remote", remote]
    cmd.append(str(html.resolve()))
    subprocess.run(cmd, cwd=repo, check=True)
    return message


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--html", default=str(ROOT / "_build" / "html"))
    ap.add_argument("--repo", default=str(ROOT))
    ap.add_argument("--branch", default="gh-pages")
    ap.add_argument("--remote", default="origin")
    ap.add_argument("--push", action="store_true")
    args = ap.parse_args(argv)
    message = publish(Path(args.html), Path(args.repo), args.branch, args.push, args.remote)
    where = f"pushed to {args.remote}/{args.branch}" if args.push else f"on local branch {args.branch} (not pushed)"
    print(f"publish: {message}: {where}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
