"""Filters: resolved speaker, language, source, kind and role values, as a Whoosh filter."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..backend.whoosh import _whoosh  # noqa: F401  (first: Whoosh without its unused stdlib)

# isort: split
from ..backend.whoosh.queries import Admitted
from ..errors import UnknownName
from .parse import _nodes


@dataclass
class Filters:
    """Resolved filters: exact stored values."""

    speakers: list[str] | None = None
    langs: list[str] | None = None
    sources: list[str] | None = None
    kinds: list[str] | None = None
    roles: list[str] | None = None
    #: passages without a speaker (narration) pass the speaker filter too
    narration: bool = False
    #: how a filter value was read, for the user ("'Filipov' is the character ... plays")
    notes: list[str] = field(default_factory=list)


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


def stop_word_filter(searcher: Any, q: Any, flt: Any) -> Any:
    """``flt``, narrowed to the passages that hold each stop word they were let in for.

    An AND's word that is a stop word in a passage's language is not in that language's
    field (``_stop_words_neutral``), so the query lets every passage of the language
    through that clause; here each such passage is read and kept only if its text holds
    the word (by name key, as the name field matches it). Only a query with such a
    clause pays for this: a set of the passages to keep, instead of ``flt``.
    """
    from whoosh.query import Or as AnyOf

    from ..names import name_keys

    admitted = [node for node in _nodes(q) if type(node) is Admitted and node.keys]
    if not admitted:
        return flt
    keep = set(searcher.search(q, limit=None, filter=flt, scored=False, terms=False).docs())
    present: dict[int, set[str]] = {}
    for node in admitted:
        # only the passages of the node's languages: their lang terms' postings
        for docnum in keep & set(searcher.docs_for_query(AnyOf(list(node.child.leaves())))):
            if docnum not in present:
                body = json.loads(searcher.stored_fields(docnum)["body"])
                present[docnum] = set(name_keys(f"{body['text']}\n{body.get('question') or ''}"))
            if not node.keys & present[docnum]:
                keep.discard(docnum)
    return keep
