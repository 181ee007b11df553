"""Reruns for new parameters: the ``xbec`` command and the papermill runner.

=========================  ==============================================
``xbec.rerun.cli``         the ``xbec`` command (``run``, ``tables``, ``ledger``, ``params``)
``xbec.rerun.params``      parameter parsing and validation
``xbec.rerun.run``         papermill execution, manifest, all-or-nothing output
``xbec.rerun.book``        ``xbec run --book``: a book of one run
=========================  ==============================================
"""
