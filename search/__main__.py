"""``python -m search`` is the ``tutti`` command."""

from .cli import run

run()
