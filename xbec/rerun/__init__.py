"""Reruns for new parameters: ``cli`` (the ``xbec`` command), ``params`` (parsing, validation),
``run`` (papermill runner, cache, all-or-nothing output), ``sweep`` (``--grid``), ``book`` (``--book``)."""
