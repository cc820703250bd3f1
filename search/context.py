"""The terminal as a seam: streams, TTY-ness and colour in one object tests can build.

Every decision about drawing (colour, progress bars, reading queries from stdin) asks an
``Environment`` rather than ``sys``, so the shell contract can be tested without a terminal.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Mapping
from typing import IO, cast

from .errors import OutputFailed
from .model import Record


def os_text(text: str) -> str:
    """Text the system gave us (a file name, an argument, a line of stdin) that no UTF-8
    writer refuses. Bytes that are not UTF-8 reach Python escaped as lone surrogates (an
    old zip's "M\\xe9lanie", a query list saved in Latin-1); they are read as Windows-1252,
    the usual encoding of such text."""
    if not any("\udc80" <= c <= "\udcff" for c in text):
        return text
    return os.fsencode(text).decode("cp1252", errors="replace")


class PipeClosed(Exception):
    """The reader of stdout went away (``| head -1``). Not an OSError on purpose: Click
    turns a broken pipe into exit status 1, and 1 means "no hits" to our callers."""


class _GuardedStream:
    """A text stream whose broken pipe surfaces as ``PipeClosed``.

    Not an ``io.TextIOBase``: its methods (``isatty``, ``fileno`` …) would answer for the
    wrapper instead of reaching the real stream through ``__getattr__``.
    """

    def __init__(self, stream: IO[str] | None) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        try:
            return self._real().write(text)
        except BrokenPipeError:
            raise PipeClosed from None
        except OSError as err:  # a full disk: one line, not a traceback
            raise OutputFailed(f"cannot write the output: {err.strerror or err}") from None

    def flush(self) -> None:
        try:
            self._real().flush()
        except BrokenPipeError:
            raise PipeClosed from None
        except OSError as err:
            raise OutputFailed(f"cannot write the output: {err.strerror or err}") from None

    def _real(self) -> IO[str]:
        if self._stream is None:  # started with stdout closed (">&-")
            raise OutputFailed("cannot write the output: stdout is closed")
        return self._stream

    def __getattr__(self, name: str) -> object:
        return getattr(self._real(), name)


class Environment(Record):
    """The streams a command reads and writes, whether each is a terminal, the
    environment's variables and the terminal's width (None lets Rich measure); queries
    typed at a terminal (``stdin_isatty``) get a prompt (``search -``)."""

    def __init__(
        self,
        stdin: IO[str] | None = None,
        stdout: IO[str] | None = None,
        stderr: IO[str] | None = None,
        stdout_isatty: bool = False,
        stderr_isatty: bool = False,
        vars: Mapping[str, str] | None = None,
        width: int | None = None,
        stdin_isatty: bool = False,
    ) -> None:
        self.stdin: IO[str] = sys.stdin if stdin is None else stdin
        self.stdout: IO[str] = sys.stdout if stdout is None else stdout
        self.stderr: IO[str] = sys.stderr if stderr is None else stderr
        self.stdout_isatty = stdout_isatty
        self.stderr_isatty = stderr_isatty
        self.vars: Mapping[str, str] = {} if vars is None else vars
        self.width = width
        self.stdin_isatty = stdin_isatty

    @classmethod
    def from_system(cls) -> Environment:
        # Queries piped in from a file saved in Latin-1 must not end the batch: bytes that
        # are not UTF-8 arrive escaped, and ``os_text`` reads them.
        with contextlib.suppress(AttributeError, ValueError):
            sys.stdin.reconfigure(errors="surrogateescape")  # type: ignore[union-attr]
        return cls(
            sys.stdin,
            cast("IO[str]", _GuardedStream(sys.stdout)),
            sys.stderr,
            _isatty(sys.stdout),
            _isatty(sys.stderr),
            dict(os.environ),
            stdin_isatty=_isatty(sys.stdin),
        )

    def colour(self, choice: str = "auto", *, stream: str = "stdout") -> bool:
        """Colour for ``--color auto|always|never``: auto means a TTY, no NO_COLOR, not dumb.
        An empty ``NO_COLOR`` counts as unset, as no-color.org asks."""
        if choice == "always":
            return True
        if choice == "never":
            return False
        if self.vars.get("NO_COLOR") or self.vars.get("TERM") == "dumb":
            return False
        return self.stdout_isatty if stream == "stdout" else self.stderr_isatty


def _isatty(stream: IO[str]) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
