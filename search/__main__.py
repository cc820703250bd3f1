"""``python -m search`` is the ``tutti`` command."""

from .cli_entry import run

run()
