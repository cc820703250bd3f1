"""tutti: multilingual full-text search over film press material.

The public API is small and typed: ``Engine`` (index and search), ``iter_passages`` (files
to passages), the records the engine hands back (``Passage``, ``Hit``, ``SearchResult``,
``BuildReport``, ``Stats``, ``SpeakerInfo``, ``FilmInfo`` ...), the kinds of passage and of
document, and the errors (``TuttiError`` and its subclasses). ``str()`` of an error is the
whole message; which command mends it is the CLI's to add.

Names are imported lazily, on first use, so that ``import search`` loads none of the
engine (Whoosh, the analyzers) and the ``tutti`` command starts fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

#: Where each public name is defined: the module ``__getattr__`` imports it from. A name
#: that moves to another module is changed here and in the ``TYPE_CHECKING`` block below.
_LAZY = {
    "Engine": "engine",
    "FilmDocument": "engine",
    "FilmInfo": "engine",
    "SpeakerInfo": "engine",
    "Stats": "engine",
    "iter_passages": "ingest",
    "SearchResult": "query.execute",
    "BuildReport": "backend.manifest",
    "Film": "films",
    "CastMember": "model",
    "DocumentKind": "model",
    "Hit": "model",
    "Kind": "model",
    "Passage": "model",
    "PassageKind": "model",
    "Skipped": "model",
    "Span": "model",
    "AmbiguousName": "errors",
    "IndexBusy": "errors",
    "IndexDamaged": "errors",
    "IndexInterrupted": "errors",
    "IndexMissing": "errors",
    "IndexUnwritable": "errors",
    "PassageNotFound": "errors",
    "QueryError": "errors",
    "TuttiError": "errors",
    "UnknownName": "errors",
    "BackendError": "backend",
}

__all__ = [
    "AmbiguousName",
    "BackendError",
    "BuildReport",
    "CastMember",
    "DocumentKind",
    "Engine",
    "Film",
    "FilmDocument",
    "FilmInfo",
    "Hit",
    "IndexBusy",
    "IndexDamaged",
    "IndexInterrupted",
    "IndexMissing",
    "IndexUnwritable",
    "Kind",
    "Passage",
    "PassageKind",
    "PassageNotFound",
    "QueryError",
    "SearchResult",
    "Skipped",
    "Span",
    "SpeakerInfo",
    "Stats",
    "TuttiError",
    "UnknownName",
    "__version__",
    "iter_passages",
]

if TYPE_CHECKING:
    from .backend import BackendError
    from .backend.manifest import BuildReport
    from .engine import Engine, FilmDocument, FilmInfo, SpeakerInfo, Stats
    from .errors import (
        AmbiguousName,
        IndexBusy,
        IndexDamaged,
        IndexInterrupted,
        IndexMissing,
        IndexUnwritable,
        PassageNotFound,
        QueryError,
        TuttiError,
        UnknownName,
    )
    from .films import Film
    from .ingest import iter_passages
    from .model import (
        CastMember,
        DocumentKind,
        Hit,
        Kind,
        Passage,
        PassageKind,
        Skipped,
        Span,
    )
    from .query.execute import SearchResult


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'search' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value  # the next lookup is a plain attribute
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})
