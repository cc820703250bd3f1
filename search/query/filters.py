"""Filters: resolved speaker, language, source, kind and role values, as a Whoosh filter."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

from ..backend.whoosh import _whoosh  # noqa: F401  (first: Whoosh without its unused stdlib)

# isort: split
from ..errors import UnknownName


class Filters(NamedTuple):
    """Resolved filters: exact stored values."""

    speakers: list[str] | None = None
    langs: list[str] | None = None
    sources: list[str] | None = None
    kinds: list[str] | None = None
    roles: list[str] | None = None
    #: passages without a speaker (narration) pass the speaker filter too
    narration: bool = False
    #: how a filter value was read, for the user ("'Filipov' is the character ... plays")
    notes: tuple[str, ...] = ()


def resolve(
    kind: str, values: Sequence[str] | None, known: Iterable[str], match: Any, closest: Any
) -> list[str] | None:
    """Turn user spellings into stored values, or raise UnknownName naming the closest."""
    if not values:
        return None
    known = sorted(set(known))
    out: list[str] = []
    for value in values:
        found = [k for k in known if match(value, k)]
        if not found:
            raise UnknownName(kind, value, closest(value, known))
        out.extend(f for f in found if f not in out)
    return out


def filter_query(filters: Filters) -> Any:
    from whoosh.query import And, Every, Not, Or, Term

    parts = []
    for name, values in (
        ("speaker", filters.speakers),
        ("lang", filters.langs),
        ("source", filters.sources),
        ("kind", filters.kinds),
        ("role", filters.roles),
    ):
        if values is not None:
            options = [Term(name, v) for v in values]
            if name == "speaker" and filters.narration:
                options.append(Not(Every("speaker")))
            parts.append(Or(options))
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else And(parts)
