"""Import Whoosh without the modules it loads and never uses.

whoosh-reloaded is frozen code: ``whoosh.compat`` imports ``urllib.request`` for a
``urlretrieve`` nothing calls, ``whoosh.reading`` imports the cached-property package,
which imports ``asyncio`` for one property on a class that has a ``__dict__``,
``whoosh.query`` imports ``whoosh.lang.morph_en`` (many regular expressions) for the
``Variations`` query, which tutti never builds, ``whoosh.analysis`` imports the Porter
stemmer and Double Metaphone as defaults of filters tutti does not use (it stems with
PyStemmer, analysis.py), and ``whoosh.filedb.filetables`` imports ``hashlib`` (OpenSSL's
start-up) for the md5 of W3's hash tables, which our codec replaced (termtable.py); ``html``
(entity tables) is for highlighting with Whoosh's formatters, which tutti does not use.
Whoosh's own modules for what tutti does not do load too: sorting and faceting
(``whoosh.collectors`` imports it), fuzzy terms' automata (``whoosh.codec.base``) and
dates (``datetime``, and ``whoosh.util.times``, which loads ``calendar`` and ``locale``);
and its file storage imports ``shutil`` (with ``bz2`` and ``lzma``), ``tempfile`` and
``random`` for copying, temporary folders and file names, which only writing uses.
Together they are a large part of a cold ``tutti search`` (``python -X importtime`` shows
each). While Whoosh's core modules load, light stand-ins take those names
(``_stand_in``): each function forwards to the real one if it is ever called, and each
module loads the real one when anything else of it is first read. They are removed right
after, so any other code that imports the real modules still gets them. Every module of
ours that imports Whoosh imports this module first.
"""

from __future__ import annotations

import functools
import importlib
import sys
import types


def _urlretrieve(*args: object, **kwargs: object) -> object:
    from urllib.request import urlretrieve

    return urlretrieve(*args, **kwargs)  # type: ignore[arg-type]


def _variations(*args: object, **kwargs: object) -> object:
    from whoosh.lang.morph_en import variations

    return variations(*args, **kwargs)


def _porter_stem(*args: object, **kwargs: object) -> object:
    from whoosh.lang.porter import stem

    return stem(*args, **kwargs)


def _double_metaphone(*args: object, **kwargs: object) -> object:
    from whoosh.lang.dmetaphone import double_metaphone

    return double_metaphone(*args, **kwargs)


def _md5(*args: object, **kwargs: object) -> object:
    from hashlib import md5

    return md5(*args, **kwargs)  # type: ignore[arg-type]


def _html_escape(*args: object, **kwargs: object) -> object:
    from html import escape

    return escape(*args, **kwargs)  # type: ignore[arg-type]


def _copyfileobj(*args: object, **kwargs: object) -> None:
    from shutil import copyfileobj

    copyfileobj(*args, **kwargs)  # type: ignore[arg-type]


def _datetime_to_long(*args: object, **kwargs: object) -> object:
    from whoosh.util.times import datetime_to_long

    return datetime_to_long(*args, **kwargs)


def _long_to_datetime(*args: object, **kwargs: object) -> object:
    from whoosh.util.times import long_to_datetime

    return long_to_datetime(*args, **kwargs)


def _stand_in(name: str, attributes: dict[str, object]) -> types.ModuleType:
    """A stand-in for the module ``name``: ``attributes`` as given (for the names Whoosh
    imports from it while it loads), anything else read from the real module, which is
    imported then. Code that meets a stand-in later, or while Whoosh loads, gets the real
    module's behaviour; only the import system's own questions (``__path__``) are answered
    as by any module, or ``from shutil import copyfileobj`` would load ``shutil``."""
    module = types.ModuleType(name)
    module.__dict__.update(attributes)

    def __getattr__(attribute: str) -> object:
        if attribute.startswith("__"):
            raise AttributeError(f"module {name!r} has no attribute {attribute!r}")
        if sys.modules.get(name) is module:  # read while Whoosh loads: the real one now
            del sys.modules[name]
        return getattr(importlib.import_module(name), attribute)

    module.__getattr__ = __getattr__  # type: ignore[method-assign]
    return module


def _load() -> None:
    if "whoosh.reading" in sys.modules:
        return
    # Named module-level functions, not closures: a schema may pickle one (a filter's
    # default) and must find it again by name. A module given no names is one Whoosh
    # imports whole (``from whoosh import sorting``, ``import tempfile``).
    wanted: dict[str, dict[str, object]] = {
        "urllib.request": {"urlretrieve": _urlretrieve},
        "cached_property": {"cached_property": functools.cached_property},
        "whoosh.lang.morph_en": {"variations": _variations},
        "whoosh.lang.porter": {"stem": _porter_stem},
        "whoosh.lang.dmetaphone": {"double_metaphone": _double_metaphone},
        "hashlib": {"md5": _md5},
        "html": {"escape": _html_escape},
        "shutil": {"copyfileobj": _copyfileobj},
        "whoosh.util.times": {
            "datetime_to_long": _datetime_to_long,
            "long_to_datetime": _long_to_datetime,
        },
        "whoosh.sorting": {},
        "whoosh.automata.lev": {},
        "random": {},
        "tempfile": {},
        "datetime": {},
    }
    stand_ins = {
        name: _stand_in(name, attributes)
        for name, attributes in wanted.items()
        if name not in sys.modules
    }
    sys.modules.update(stand_ins)
    try:
        import whoosh.codec.whoosh3
        import whoosh.collectors
        import whoosh.compat
        import whoosh.query
        import whoosh.reading  # noqa: F401
    finally:
        for name, module in stand_ins.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]


_load()
