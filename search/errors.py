"""Errors a user can act on. Each message is one line that says what went wrong and where.

A message never names a command-line flag or command: the library is used without the CLI
too. The class carries what can be done about it (an ``IndexDamaged`` index is rebuilt, an
``IndexMissing`` one is built), and ``cli.py`` turns that into the command to run.
"""

from __future__ import annotations

import contextlib
import pickle
import struct
import zlib
from collections.abc import Iterator

#: What reading a damaged segment raises, from Whoosh, our codec, zlib, struct and pickle.
READ_ERRORS: tuple[type[Exception], ...] = (
    OSError,
    EOFError,
    ValueError,
    KeyError,
    IndexError,
    struct.error,
    zlib.error,
    pickle.UnpicklingError,
)


class TuttiError(Exception):
    """Base class: ``str(err)`` is the whole message shown to the user."""


class IndexMissing(TuttiError):
    """No index where one was looked for: one has to be built from the files."""


class IndexDamaged(TuttiError):
    """An index that cannot be read as it is (damaged files, or a format this version does
    not read): it has to be built again from its files."""


class IndexBusy(TuttiError):
    """Another process holds the index's write lock."""


class IndexUnwritable(TuttiError):
    """The index folder cannot be written: read-only, full, or not a folder."""


class OutputFailed(TuttiError):
    """The output could not be written: a full disk, a closed stdout."""


class QueryError(TuttiError):
    """A query that cannot be parsed or run."""


class IndexInterrupted(KeyboardInterrupt):
    """A build stopped by Ctrl-C (SIGINT) or SIGTERM. ``saved`` files were finished and
    kept in the published index (a sync resumes after them); ``total`` were to be read."""

    def __init__(self, signum: int, saved: int = 0, total: int = 0) -> None:
        super().__init__(signum)
        self.signum = signum
        self.saved = saved
        self.total = total


class UnknownName(TuttiError):
    """An unknown speaker, source, language or kind; ``suggestions`` are the closest known."""

    def __init__(self, what: str, value: str, suggestions: list[str]) -> None:
        hint = f"; did you mean {', '.join(repr(s) for s in suggestions)}?" if suggestions else ""
        super().__init__(f"unknown {what} {value!r}{hint}")
        self.what = what
        self.value = value
        self.suggestions = suggestions

    def __reduce__(self) -> tuple[type, tuple[str, str, list[str]]]:
        return UnknownName, (self.what, self.value, self.suggestions)  # across processes


class AmbiguousName(TuttiError):
    """A speaker prefix that begins more than one name; ``candidates`` are those names."""

    def __init__(self, what: str, value: str, candidates: list[str]) -> None:
        shown = ", ".join(repr(c) for c in candidates[:5])
        more = f" and {len(candidates) - 5} more" if len(candidates) > 5 else ""
        super().__init__(f"{what} {value!r} is ambiguous: {shown}{more}; give more of the name")
        self.what = what
        self.value = value
        self.candidates = candidates

    def __reduce__(self) -> tuple[type, tuple[str, str, list[str]]]:
        return AmbiguousName, (self.what, self.value, self.candidates)  # across processes


class PassageNotFound(TuttiError):
    """No passage has the id asked for."""


@contextlib.contextmanager
def reading_index(where: str) -> Iterator[None]:
    """Wrap reads of index segments (and only those: a bug elsewhere must not pass for
    damage): what a damaged file raises becomes one ``IndexDamaged`` line."""
    try:
        yield
    except TuttiError:
        raise
    except READ_ERRORS as err:
        raise IndexDamaged(f"{where} is damaged ({type(err).__name__}: {err})") from err
