"""tutti: multilingual full-text search over film press material.

The public API is small and typed: ``Engine`` (index and search), ``iter_passages`` (files
to passages), and the records ``Passage``, ``Hit`` and ``Skipped``. Names are imported
lazily so that ``import search`` costs nothing until they are used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Engine", "Hit", "Passage", "Skipped", "Span", "__version__", "iter_passages"]

if TYPE_CHECKING:
    from .engine import Engine
    from .ingest import iter_passages
    from .model import Hit, Passage, Skipped, Span

_LAZY = {
    "Engine": "engine",
    "iter_passages": "ingest",
    "Hit": "model",
    "Passage": "model",
    "Skipped": "model",
    "Span": "model",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'search' has no attribute {name!r}")
    from importlib import import_module

    return getattr(import_module(f".{module}", __name__), name)
