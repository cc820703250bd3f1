"""``python -m search`` is the ``tutti`` command."""

from .cli import main

raise SystemExit(main())
