"""The ``xbec`` command (also ``python -m xbec``).

::

    xbec run    [--param NAME=VALUE ...] [--params FILE.yml] [--out DIR] [--notebooks NAME ...]
                [--jobs N] [--force] [--book]
    xbec tables [--param NAME=VALUE ...] [--params FILE.yml] [--format md|csv] [--table 1|2]
    xbec ledger [--format md|csv]
    xbec params [--format yaml|json] [--param ...] [--params FILE.yml]

Exit codes: 0 success; 1 a notebook failed (run) or a ledger row is
unexplained (ledger); 2 bad input — unknown parameter, non-numeric value,
value outside the model's domain, unreadable or malformed parameter file,
unknown notebook, existing output directory — detected before anything is
written; 130 (SIGINT) / 143 (SIGTERM) run interrupted, nothing written.
"""

from __future__ import annotations

import argparse
import json
import textwrap
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from .. import __version__
from .params import DESCRIPTIONS, NAMES, ParameterError, defaults, format_value

EXIT_OK, EXIT_FAIL, EXIT_USAGE = 0, 1, 2


def _param_help() -> str:
    d = defaults()
    width = max(map(len, NAMES))
    lines = ["parameters (paper's value; rule):"]
    for k in NAMES:
        lines.append(f"  {k:<{width}}  {format_value(d[k]):<22} {DESCRIPTIONS[k]}")
    lines += [
        "",
        "Lists: --param mu=1600,2000,2300,2200 or --param 'mu=[1600, 2000, 2300, 2200]'.",
        "Precedence: the paper's values < --params files (in order) < --param (in order).",
    ]
    return "\n".join(lines)


def _add_param_args(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--param", "-p", action="append", default=[], metavar="NAME=VALUE",
        help="set one parameter (repeatable); see the list below",
    )
    p.add_argument(
        "--params", action="append", default=[], metavar="FILE.yml",
        help="YAML (or JSON) mapping NAME: VALUE, e.g. examples/paper.yml; "
        "a run's manifest.json also works (repeatable)",
    )


def _jobs(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r}: must be a whole number >= 1") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"{text!r}: must be >= 1")
    return n


def _seconds(text: str) -> float:
    try:
        x = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r}: must be a number of seconds") from None
    if not x > 0:
        raise argparse.ArgumentTypeError(f"{text!r}: must be > 0")
    return x


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def _wrap(text: str) -> str:
    return textwrap.fill(text, width=79)


def build_parser() -> argparse.ArgumentParser:
    fmt = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(
        prog="xbec",
        description=_wrap("Executable replication package of Wei, Yang & Ou (2024): rerun the "
        "analysis for new parameters, print Tables 1 and 2, check the replication ledger."),
        epilog="Run 'xbec COMMAND --help' for the options of each command.",
        formatter_class=fmt,
    )
    parser.add_argument("--version", action="version", version=f"xbec {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    run = sub.add_parser(
        "run",
        help="execute the notebooks for new parameters (papermill) into a run directory",
        description=_wrap("Validate the parameters, then execute the companion's notebooks with "
        "papermill (parameters injected after each notebook's 'parameters' cell) into DIR: "
        "executed notebooks in DIR/notebooks/, every table (CSV) and figure (PNG, SVG), and "
        "DIR/manifest.json. All or nothing: outputs are assembled in a temporary directory "
        "next to DIR and moved into place only when every notebook succeeded; Ctrl-C leaves "
        "nothing behind. A notebook receives only the parameters its 'parameters' cell "
        "assigns (plus output_dir), and not a name it uses for another quantity (its cell "
        "sets it to something other than the paper's value; a warning says so)."),
        epilog=_param_help()
        + "\n\nExamples:\n"
        "  xbec run --param beta=300 --param c=20 --out runs/beta300\n"
        "  xbec run --params examples/alternative.yml --book\n"
        "  xbec run --notebooks table1_fig2 table2_fig3 --param b2=1.2 --jobs 2\n"
        "\nExit codes: 0 ok; 1 a notebook failed; 2 bad input (nothing written);\n"
        "130/143 interrupted by SIGINT/SIGTERM (nothing written).",
        formatter_class=fmt,
    )
    _add_param_args(run)
    run.add_argument("--out", "-o", metavar="DIR", type=Path, help="run directory (default: runs/<timestamp>)")
    run.add_argument(
        "--notebooks", "-n", nargs="+", metavar="NAME",
        help="notebooks to run, by name (stem of notebooks/NAME.ipynb); default: every "
        "chapter of _toc.yml with a 'parameters' cell except 'status'",
    )
    run.add_argument(
        "--jobs", "-j", type=_jobs, default=None, metavar="N",
        help=f"notebooks executed in parallel (default: number of cores, here {default_jobs()})",
    )
    run.add_argument("--force", "-f", action="store_true", help="replace DIR if it exists (after a successful run)")
    run.add_argument(
        "--book", action="store_true",
        help="also build the HTML companion of this run into DIR/book/ (no re-execution)",
    )
    run.add_argument(
        "--timeout", type=_seconds, default=600, metavar="SECONDS",
        help="per-cell execution timeout (default: 600)",
    )
    run.add_argument(
        "--root", type=Path, default=None, metavar="DIR",
        help="repository with notebooks/ and _toc.yml (default: $XBEC_ROOT, else this package's checkout)",
    )
    run.add_argument("--list", action="store_true", help="list the notebooks and their parameters, run nothing")

    tables = sub.add_parser(
        "tables",
        help="print Tables 1 and 2 for given parameters (no notebooks)",
        description=_wrap("Tables 1 (revenue sharing, §5.1) and 2 (improved-Raiffa allocation, §5.2) "
        "on the λ grid lam_min..lam_max for the given parameters, computed by xbec.numerics."),
        epilog=_param_help(),
        formatter_class=fmt,
    )
    _add_param_args(tables)
    tables.add_argument("--format", choices=("md", "csv"), default="md", help="markdown (default) or CSV")
    tables.add_argument(
        "--table", choices=("1", "2", "all"), default="all",
        help="which table (default: both; in CSV, each is preceded by a '# tableN' line)",
    )
    tables.add_argument("--digits", type=int, default=2, help="decimals in markdown (default 2; CSV is exact)")

    ledger = sub.add_parser(
        "ledger",
        help="print the replication ledger; exit 1 if a row is unexplained",
        description=_wrap("Every number published in §5 of the paper set against the exact model, "
        "with its status (reproduced, rounding, discrepancy) and the explanation. "
        "Exits 1 if any row is unexplained. A count per status goes to stderr."),
        formatter_class=fmt,
    )
    ledger.add_argument("--format", choices=("md", "csv"), default="md", help="markdown (default) or CSV")

    params = sub.add_parser(
        "params",
        help="print the (validated) parameters as YAML or JSON",
        description=_wrap("Print every parameter after applying --params and --param, validated; "
        "without options, the paper's values (the content of examples/paper.yml)."),
        epilog=_param_help(),
        formatter_class=fmt,
    )
    _add_param_args(params)
    params.add_argument("--format", choices=("yaml", "json"), default="yaml")
    return parser


def _error(msg: str, code: int = EXIT_USAGE) -> int:
    print(f"xbec: error: {msg}", file=sys.stderr)
    return code


def _validated(args):
    from .params import resolve, validate

    return validate(resolve(args.param, args.params))


def cmd_tables(args) -> int:
    from ..replication.numerics import to_csv, to_markdown, table2
    from .params import paper_table1

    v = _validated(args)
    t1 = paper_table1(v.horizontal, v.grid)
    t2 = table2(v.horizontal, v.vertical, v.grid)
    chosen = {"1": [("table1", t1)], "2": [("table2", t2)], "all": [("table1", t1), ("table2", t2)]}[args.table]
    titles = {
        "table1": "Table 1: revenue-sharing contract of the horizontal alliance (§5.1)",
        "table2": "Table 2: improved-Raiffa allocation of V(N) = pi1(lambda) (§5.2)",
    }
    out = []
    for name, table in chosen:
        if args.format == "csv":
            out.append((f"# {name}\n" if len(chosen) > 1 else "") + to_csv(table))
        else:
            out.append((f"{titles[name]}\n\n" if len(chosen) > 1 else "") + to_markdown(table, digits=args.digits))
    sys.stdout.write("\n".join(out))
    return EXIT_OK


def cmd_ledger(args) -> int:

    from ..replication import ledger as L

    rows = L.ledger()
    sys.stdout.write(L.to_csv(rows) if args.format == "csv" else L.to_markdown(rows))
    counts = L.summary(rows)
    bad = L.unexplained(rows)
    print(
        "xbec ledger: " + ", ".join(f"{counts[s]} {s}" for s in L.STATUSES)
        + f" of {counts['total']} rows; {len(bad)} unexplained",
        file=sys.stderr,
    )
    for r in bad:
        print(f"  unexplained: {r.where} (paper {r.paper}, model {r.reproduced:g}, status {r.status})", file=sys.stderr)
    return EXIT_FAIL if bad else EXIT_OK


def cmd_params(args) -> int:
    v = _validated(args)
    if args.format == "json":
        sys.stdout.write(json.dumps(v.values, indent=2) + "\n")
        return EXIT_OK
    lines = ["# xbec parameters (xbec run --params FILE.yml); see 'xbec run --help'"]
    for k in NAMES:
        val = v.values[k]
        text = "[" + ", ".join(format_value(x) for x in val) + "]" if isinstance(val, list) else format_value(val)
        lines.append(f"{k}: {text}")
    sys.stdout.write("\n".join(lines) + "\n")
    return EXIT_OK


def cmd_run(args, argv: Sequence[str]) -> int:
    from . import run as R

    validated = _validated(args)  # parameters first: nothing else matters if they are wrong
    root = (args.root or R.default_root()).resolve()
    notebooks = R.discover(root)
    if args.list:
        default = {nb.name for nb in R.select(notebooks, None)} if any(nb.runnable for nb in notebooks) else set()
        for nb in notebooks:
            params = "no parameters cell" if nb.parameters is None else ", ".join(nb.parameters) or "(empty)"
            flags = [] if nb.in_toc else ["not in _toc.yml"]
            if nb.runnable and nb.name not in default:
                flags.append("not run by default")
            flags += [f"{k} not injected: {why}" for k, why in R.conflicts(nb).items()]
            print(f"{nb.name}: {params}" + "".join(f"\n    [{f}]" for f in flags))
        return EXIT_OK
    chosen = R.select(notebooks, args.notebooks)
    out = R.check_out(args.out if args.out is not None else R.default_out(), args.force)
    jobs = min(args.jobs or default_jobs(), len(chosen))
    result = R.execute(
        validated, chosen, out, jobs=jobs, force=args.force, book=args.book, root=root,
        timeout=args.timeout, argv=["xbec", *argv],
    )
    print(result.out)
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``xbec`` console script; returns the exit code."""
    from .run import RunError

    argv = list(sys.argv[1:] if argv is None else argv)
    args = build_parser().parse_args(argv)  # usage errors: argparse prints them, exits 2
    commands = {
        "run": lambda: cmd_run(args, argv),
        "tables": lambda: cmd_tables(args),
        "ledger": lambda: cmd_ledger(args),
        "params": lambda: cmd_params(args),
    }
    try:
        return commands[args.command]()
    except ParameterError as exc:
        return _error(str(exc))
    except RunError as exc:
        return _error(str(exc), exc.exit_code)
    except KeyboardInterrupt:
        print("xbec: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # e.g. `xbec tables | head`
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
