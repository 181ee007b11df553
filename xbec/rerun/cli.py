"""The ``xbec`` command (also ``python -m xbec``): ``run``, ``tables``, ``ledger``, ``params``.

Exit codes: 0 success; 1 a notebook failed, a run lost a race for its DIR, or
a ledger row is unexplained; 2 bad input (named, before anything is written);
130 / 143 interrupted by SIGINT / SIGTERM (nothing written).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sys
from pathlib import Path

from .. import __version__
from .params import DESCRIPTIONS, NAMES, ParameterError, defaults, format_value, parse_grid, resolve, validate

EXAMPLES = """examples:
  xbec run --param beta=300 --param c=20 --out runs/beta300
  xbec run --params examples/alternative.yml --book
  xbec run --grid beta=200,250,300 --grid c=10,20 --out runs/sweep
exit codes: 0 ok; 1 a notebook failed or another run took DIR; 2 bad input; 130/143 interrupted"""


def _param_help() -> str:
    width = max(map(len, NAMES))
    lines = [f"  {k:<{width}}  {format_value(v):<20} {DESCRIPTIONS[k]}" for k, v in defaults().items()]
    return "parameters (paper's value; rule):\n" + "\n".join(lines) + "\nprecedence: paper < --params < --param"


def _positive(kind: type) -> object:
    def parse(text: str) -> float:
        try:
            x = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r}: must be a {kind.__name__} > 0") from None
        if not 0 < x < float("inf"):
            raise argparse.ArgumentTypeError(f"{text!r}: must be > 0")
        return x
    return parse


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``xbec``."""
    raw = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(prog="xbec", description="Rerun Wei, Yang & Ou (2024) for new parameters.")
    parser.add_argument("--version", action="version", version=f"xbec {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def with_params(name: str, text: str, epilog: str = "") -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=text, description=text, epilog=_param_help() + epilog, formatter_class=raw)
        p.add_argument("--param", "-p", action="append", default=[], metavar="NAME=VALUE",
                       help="set one parameter (repeatable); lists as mu=1600,2000,2300,2200")
        p.add_argument("--params", action="append", default=[], metavar="FILE.yml",
                       help="YAML/JSON file NAME: VALUE, or a run's manifest.json (repeatable)")
        return p

    run = with_params("run", "validate the parameters, execute the notebooks (papermill) into DIR, "
                      "all or nothing", "\n\n" + EXAMPLES)
    run.add_argument("--out", "-o", type=Path, metavar="DIR", help="run directory (default runs/<time>-<random>)")
    run.add_argument("--notebooks", "-n", nargs="+", metavar="NAME", help="a subset of the chapters")
    run.add_argument("--grid", "-g", action="append", default=[], metavar="NAME=V1,V2",
                     help="sweep: one run per point of the product of the grids (repeatable)")
    run.add_argument("--jobs", "-j", type=_positive(int), default=os.cpu_count() or 1, metavar="N")
    run.add_argument("--force", "-f", action="store_true", help="replace DIR if it holds an earlier xbec run")
    run.add_argument("--book", action="store_true", help="also build the HTML book of this run in DIR/book")
    run.add_argument("--timeout", type=_positive(float), default=600.0, metavar="SECONDS", help="per cell")
    run.add_argument("--no-cache", dest="cache", action="store_false", help="execute even if cached")
    run.add_argument("--root", type=Path, metavar="DIR", help="checkout with notebooks/ and _toc.yml")
    run.add_argument("--list", action="store_true", help="list the notebooks and their parameters")
    tables = with_params("tables", "print Tables 1 and 2 for given parameters (no notebooks)")
    tables.add_argument("--format", choices=("md", "csv"), default="md")
    tables.add_argument("--table", choices=("1", "2", "all"), default="all")
    tables.add_argument("--digits", type=int, choices=range(0, 16), default=2, metavar="0..15")
    ledger = sub.add_parser("ledger", help="print the replication ledger; exit 1 if a row is unexplained")
    ledger.add_argument("--format", choices=("md", "csv"), default="md")
    params = with_params("params", "print the validated parameters as YAML or JSON")
    params.add_argument("--format", choices=("yaml", "json"), default="yaml")
    return parser


def _warn(validated) -> None:
    for w in validated.warnings:
        print(f"xbec: warning: {w}", file=sys.stderr)


def cmd_run(args: argparse.Namespace) -> int:
    from . import run as R

    values, grid = resolve(args.param, args.params), parse_grid(args.grid)
    root = (args.root or R.default_root()).resolve()
    missing = [m for m in ("papermill", "nbformat", "myst_nb", "ipykernel") + ("jupyter_book",) * args.book
               if importlib.util.find_spec(m) is None]
    if missing:
        raise R.UsageError(f"xbec run needs {', '.join(missing)}: pip install 'xbec[{'book' if args.book else 'run'}]'")
    if args.list:
        print("\n".join(R.describe(nb) for nb in R.discover(root)))
        return 0
    chosen = R.select(R.discover(root), args.notebooks)
    validated = validate(values, tuple(nb.name for nb in chosen))
    if args.book and grid:
        raise ParameterError("--book and --grid: build the book of one point with xbec run --params POINT/manifest.json")
    out = R.execute(validated, chosen, args.out or R.default_out(), force=args.force, book=args.book, root=root,
                    grid=grid, jobs=args.jobs, timeout=args.timeout, cache=args.cache,
                    progress=sys.stderr.isatty())
    print(out)
    return 0


def cmd_tables(args: argparse.Namespace) -> int:
    from ..replication.numerics import table1, table2, to_csv, to_markdown

    v = validate(resolve(args.param, args.params))
    _warn(v)
    tables = {"1": [("table1", table1(v.horizontal, v.grid))], "2": [("table2", table2(v.horizontal, v.vertical, v.grid))]}
    chosen = tables[args.table] if args.table != "all" else tables["1"] + tables["2"]
    text = [(f"# {n}\n" if len(chosen) > 1 else "") + (to_csv(t) if args.format == "csv"
            else to_markdown(t, digits=args.digits)) for n, t in chosen]
    sys.stdout.write("\n".join(text))
    return 0


def cmd_ledger(args: argparse.Namespace) -> int:
    from ..replication import ledger as L

    rows = L.ledger()
    sys.stdout.write(L.to_csv(rows) if args.format == "csv" else L.to_markdown(rows))
    bad = L.unexplained(rows)
    counts = L.summary(rows)
    print("xbec ledger: " + ", ".join(f"{counts[s]} {s}" for s in L.STATUSES)
          + f" of {counts['total']} rows; {len(bad)} unexplained", file=sys.stderr)
    return 1 if bad else 0


def cmd_params(args: argparse.Namespace) -> int:
    v = validate(resolve(args.param, args.params))
    _warn(v)
    if args.format == "json":
        sys.stdout.write(json.dumps(v.values, indent=2) + "\n")
    else:
        sys.stdout.write("".join(f"{k}: {'[' + format_value(x, ', ') + ']' if isinstance(x, list) else format_value(x)}\n"
                                 for k, x in v.values.items()))
    return 0


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``xbec`` console script; returns the exit code."""
    from .run import ACTIVE, Interrupted, RunError

    args = build_parser().parse_args(argv)  # usage errors: argparse exits 2
    command = {"run": cmd_run, "tables": cmd_tables, "ledger": cmd_ledger, "params": cmd_params}[args.command]
    try:
        return command(args)
    except ParameterError as exc:
        code, msg = 2, str(exc)
    except KeyboardInterrupt:
        code, msg = 130, "interrupted; nothing was written"
    except (RunError, Interrupted) as exc:
        code, msg = exc.exit_code, str(exc)
    except BrokenPipeError:  # xbec tables | head
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    print(f"xbec: error: {msg}", file=sys.stderr)
    if ACTIVE:  # notebooks still executing in worker threads: do not wait for them
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    return code
