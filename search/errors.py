"""Errors a user can act on. Each message is one line that says what, where, and the fix."""

from __future__ import annotations


class TuttiError(Exception):
    """Base class: ``str(err)`` is the whole message shown to the user."""


class IndexMissing(TuttiError):
    pass


class IndexDamaged(TuttiError):
    pass


class IndexBusy(TuttiError):
    pass


class QueryError(TuttiError):
    pass


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


class PassageNotFound(TuttiError):
    pass
