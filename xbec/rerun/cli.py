"""The ``xbec`` command (also ``python -m xbec``): ``run``, ``tables``, ``ledger``, ``params``; exit codes below."""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import re
import sys
from collections.abc import Callable
from pathlib import Path

from .. import __version__
from .params import DESCRIPTIONS, ParameterError, Validated, defaults, format_value, parse_grid, resolve, validate

EPILOG = """examples:
  xbec run --param beta=300 --param c=20 --out runs/beta300
  xbec run --params examples/alternative.yml --book
  xbec run --grid beta=200,250,300 --grid c=10,20 --out runs/sweep
  xbec run --grid beta=200,300 --scheduler tcp://HOST:8786 --out runs/sweep   # on a Dask cluster
  xbec cache; xbec cache clear
exit codes: 0 ok; 1 a notebook failed, an output could not be written or another run took DIR;
2 bad input; 130/143 interrupted"""
MAX_MESSAGE = 300


def bounded(lo: int, hi: int) -> Callable[[str], int]:
    """argparse type: an integer from ``lo`` to ``hi``."""

    def parse(text: str) -> int:
        if not re.fullmatch(r"\s*\+?\d{1,9}\s*", text) or not lo <= int(text) <= hi:
            raise argparse.ArgumentTypeError(f"{text[:20]!r}: an integer from {lo} to {hi} is required")
        return int(text)

    return parse


def out_dir(text: str) -> Path:
    """argparse type of ``--out``: a non-empty path."""
    if not text.strip():
        raise argparse.ArgumentTypeError("an empty name; give a folder, e.g. --out runs/beta300")
    return Path(text)


def repeatable(parser: argparse.ArgumentParser, flags: tuple[str, ...], metavar: str, text: str) -> None:
    """Add a repeatable option to ``parser``: its values collected in a list, [] if absent."""
    parser.add_argument(*flags, action="append", default=[], metavar=metavar, help=text)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``xbec``."""
    parser = argparse.ArgumentParser(prog="xbec", description="Rerun Wei, Yang & Ou (2024) for new parameters.")
    parser.add_argument("--version", action="version", version=f"xbec {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    rules = "parameters (paper's value; rule):\n" + "\n".join(
        f"  {k:<8} {format_value(v):<20} {DESCRIPTIONS[k]}" for k, v in defaults().items()
    )

    def command(name: str, text: str, params: bool = True, epilog: str = "") -> argparse.ArgumentParser:
        raw = argparse.RawDescriptionHelpFormatter
        p = sub.add_parser(name, help=text, description=text, epilog=(rules + epilog) * params, formatter_class=raw)
        if params:
            repeatable(
                p, ("--param", "-p"), "NAME=VALUE", "set a parameter (repeatable); lists as mu=1600,2000,2300,2200"
            )
            repeatable(
                p, ("--params",), "FILE.yml", "YAML/JSON file NAME: VALUE, or a run's manifest.json; --param wins"
            )
        return p

    what = "execute the notebooks (papermill) for new parameters into DIR, all or nothing"
    run = command("run", what, epilog="\n\n" + EPILOG)
    add = run.add_argument
    add("--out", "-o", type=out_dir, metavar="DIR", help="run directory (default runs/<time>-<random>)")
    add("--notebooks", "-n", nargs="+", action="extend", metavar="NAME", help="a subset of the chapters (repeatable)")
    repeatable(
        run, ("--grid", "-g"), "NAME=V1,V2,...", "sweep: one run per point of the product of the grids (repeatable)"
    )
    # one notebook more than this process's cores: a kernel idles while it starts and stops
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    add("--jobs", "-j", type=bounded(1, 256), default=cores + 1, metavar="N", help="in parallel (1-256; cores + 1)")
    add("--force", "-f", action="store_true", help="replace DIR if it holds an earlier xbec run")
    add("--book", action="store_true", help="also build the HTML book of this run in DIR/book")
    add("--timeout", type=bounded(1, 86400), default=600, metavar="SECONDS", help="per cell, integer 1-86400")
    add(
        "--scheduler",
        metavar="ADDRESS",
        help="with --grid: execute on the Dask cluster at ADDRESS (tcp://host:8786; pip install 'xbec[cluster]')",
    )
    add("--no-cache", dest="cache", action="store_false", help="execute even what is cached")
    add("--root", type=Path, metavar="DIR", help="checkout with notebooks/ and _toc.yml")
    add("--list", action="store_true", help="list the notebooks and their parameters")
    tables = command("tables", "print Tables 1 and 2 for given parameters (no notebooks)")
    tables.add_argument("--table", choices=("1", "2", "all"), default="all")
    tables.add_argument("--digits", type=int, choices=range(16), default=2, metavar="0..15")
    command("ledger", "print the replication ledger; exit 1 if a row is unexplained", params=False)
    cache = command("cache", "show the execution cache (location, size, entries); 'clear' empties it", params=False)
    cache.add_argument("action", nargs="?", choices=("show", "clear"), default="show")
    command("params", "print the validated parameters as YAML or JSON")
    for name, formats in (("tables", ("md", "csv")), ("ledger", ("md", "csv")), ("params", ("yaml", "json"))):
        sub.choices[name].add_argument("--format", choices=formats, default=formats[0])
    return parser


def _checked(args: argparse.Namespace) -> Validated:
    v = validate(resolve(args.param, args.params))
    print("".join(f"xbec: warning: {w}\n" for w in v.warnings), end="", file=sys.stderr)
    return v


def cmd_run(args: argparse.Namespace) -> int:
    """``xbec run``: parameters, grid and notebooks are checked before anything is written."""
    from . import run as R

    values, grid = resolve(args.param, args.params), parse_grid(args.grid)
    extra = "cluster" if args.scheduler else "book" if args.book else "run"
    needs = ["papermill", "nbformat", "myst_nb", "ipykernel", *["jupyter_book"] * args.book]
    missing = [m for m in needs + ["distributed"] * bool(args.scheduler) if importlib.util.find_spec(m) is None]
    if missing:
        raise R.RunError(f"xbec run needs {', '.join(missing)}: pip install 'xbec[{extra}]'", 2)
    if args.scheduler and not grid:
        raise R.RunError("--scheduler sends the points of a sweep to a cluster: give --grid too", 2)
    root = (args.root or R.default_root()).resolve()
    if args.list:
        for nb in R.discover(root):
            outside = " [not in _toc.yml]" * (not nb.in_toc)
            print(f"{nb.name}: {', '.join(nb.parameters or ['(no parameters cell)'])}{outside}")
        return 0
    if args.book and grid:
        raise R.RunError("--book and --grid together: build one point's book with --params POINT/manifest.json", 2)
    chosen = R.select(R.discover(root), args.notebooks)
    v = validate(values, tuple(nb.name for nb in chosen))
    kw = dict(jobs=args.jobs, timeout=args.timeout, cache=args.cache, progress=sys.stderr.isatty())
    todo = []
    if grid:
        from .sweep import points, run_sweep

        todo = points(v, tuple(nb.name for nb in chosen), grid)  # every point validated before anything runs
    inner = tuple(name for name, _ in todo)

    def fill(tmp: Path) -> None:
        warn = "".join(f"\nxbec run: warning: {w}" for w in v.warnings if not grid)
        print(f"xbec run: {len(chosen)} notebook(s)" + f" x {len(inner)} points" * bool(grid) + warn, file=sys.stderr)
        if grid:
            run_sweep(v, chosen, tmp, grid, log=sys.stderr, scheduler=args.scheduler, todo=todo, **kw)
            return
        manifest = R.run_point(v, chosen, tmp, log=sys.stderr, **kw)
        if args.book:
            from .book import build_book

            build_book(root, tmp, [nb.name for nb in chosen], v, sys.stderr)
            R.write_manifest(tmp, {k: x for k, x in manifest.items() if k not in ("packages", "outputs")})

    print(R.execute(args.out or R.default_out(), fill, force=args.force, inner=inner))
    return 0


def cmd_cache(args: argparse.Namespace) -> int:
    """``xbec cache``: where the execution cache is, its size and entries; ``xbec cache clear`` empties it."""
    from . import cache as C

    if args.action == "clear":
        print(f"xbec cache: removed {C.clear()} entries from {C.root()}")
    else:
        sys.stdout.write(C.describe())
    return 0


def cmd_tables(args: argparse.Namespace) -> int:
    """``xbec tables``: Tables 1 and 2 as markdown or CSV."""
    from ..replication.numerics import table1, table2, to_csv, to_markdown

    v = _checked(args)
    t1 = {k: x for k, x in table1(v.horizontal, v.grid).items() if k != "demand"}  # the paper's columns
    both = [("table1", t1), ("table2", table2(v.horizontal, v.vertical, v.grid))]
    chosen = both if args.table == "all" else both[int(args.table) - 1 : int(args.table)]
    text = [to_csv(t) if args.format == "csv" else to_markdown(t, digits=args.digits) for _, t in chosen]
    sys.stdout.write("\n".join(f"# {n}\n" * (len(chosen) > 1) + t for (n, _), t in zip(chosen, text)))
    return 0


def cmd_ledger(args: argparse.Namespace) -> int:
    """``xbec ledger``: the replication ledger; 1 if a row is unexplained."""
    from ..replication import ledger as L

    rows = L.ledger()
    sys.stdout.write(L.to_csv(rows) if args.format == "csv" else L.to_markdown(rows))
    counts, bad = L.summary(rows), L.unexplained(rows)
    tally = ", ".join(f"{counts[s]} {s}" for s in L.STATUSES)
    print(f"xbec ledger: {tally} of {counts['total']} rows; {len(bad)} unexplained", file=sys.stderr)
    return 1 if bad else 0


def cmd_params(args: argparse.Namespace) -> int:
    """``xbec params``: the validated parameters (a parameter file)."""
    v = _checked(args).values
    yaml = {k: "[" + format_value(x, ", ") + "]" if isinstance(x, list) else format_value(x) for k, x in v.items()}
    text = json.dumps(v, indent=2) + "\n" if args.format == "json" else "".join(f"{k}: {x}\n" for k, x in yaml.items())
    sys.stdout.write(text)
    return 0


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``xbec`` console script; returns the exit code."""
    from .kernel import ACTIVE
    from .run import RunError

    args = build_parser().parse_args(argv)  # usage errors: argparse exits 2
    try:
        commands = dict(run=cmd_run, tables=cmd_tables, ledger=cmd_ledger, params=cmd_params, cache=cmd_cache)
        return commands[args.command](args)
    except ParameterError as exc:
        code, msg = 2, str(exc)
    except KeyboardInterrupt:
        code, msg = 130, "interrupted; nothing was written"
    except RunError as exc:
        code, msg = exc.exit_code, str(exc)
    except BrokenPipeError:  # xbec tables | head
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as exc:  # anything the run's own handling did not name
        code, msg = 1, f"{exc.strerror or type(exc).__name__}: {str(exc.filename or '')[-80:]}"
    first, *rest = msg.split("\n")
    msg = "\n".join([first if len(first) <= MAX_MESSAGE else first[: MAX_MESSAGE - 3] + "...", *rest])
    print(f"xbec: error: {msg}", file=sys.stderr)
    if ACTIVE:  # notebooks still executing in worker threads: exit now, their kernels follow
        from .run import remove_unfinished

        remove_unfinished()  # what a thread wrote into the removed run folder since (os._exit skips atexit)
        sys.stderr.flush()
        os._exit(code)
    return code
