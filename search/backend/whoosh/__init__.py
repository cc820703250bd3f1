"""The embedded backend: the index folder on this machine, stored and ranked by Whoosh.

This package is the only place that reaches into Whoosh's private internals (its codec,
matchers, collector and stand-ins); tests/test_layout.py checks that no module outside
``search/backend/`` does. Its public face is ``WhooshBackend`` (backend.py), the same
``Backend`` protocol a remote index implements (search/backend/__init__.py).

Nothing is imported here: ``_whoosh`` must be importable before Whoosh itself.
"""
