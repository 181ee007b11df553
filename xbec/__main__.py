"""``python -m xbec``: the ``xbec`` command (see :mod:`xbec.rerun.cli`)."""

from .rerun.cli import main

raise SystemExit(main())
