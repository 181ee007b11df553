"""``python -m xbec``: the ``xbec`` command (see :mod:`xbec.cli`)."""

from .cli import main

raise SystemExit(main())
