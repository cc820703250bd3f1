"""Film records in JSON (a TMDB-like export): a synopsis, metadata, and a cast list.

The cast list ("Actor (Character)") is kept as structured data, so an interviewee can be
linked to the character they play, and as a searchable passage of its own.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..model import CastMember, Kind
from .base import Chunked, Draft
from .text import clean_spaces, pack, paragraphs, word_count

_TEXT_FIELDS = (
    "synopsis",
    "overview",
    "plot",
    "summary",
    "description",
    "resume",
    "résumé",
    "inhalt",
    "trama",
    "sinopsis",
)
_META_FIELDS = (
    "title",
    "original_title",
    "date",
    "release_date",
    "year",
    "genre",
    "genres",
    "score",
    "vote_average",
    "runtime",
    "director",
    "country",
    "countries",
)
_CAST_FIELDS = ("actors", "cast", "casting", "darsteller")


#: Keys that wrap a record without adding to it: {"film": {...}}.
_WRAPPERS = ("film", "movie", "record", "data", "item")


def unwrap(value: Any) -> Any:
    """The record inside a wrapper object ({"film": {...}}), or the value itself."""
    while isinstance(value, dict) and len(value) == 1:
        key, inner = next(iter(value.items()))
        if not (
            isinstance(key, str) and key.lower() in _WRAPPERS and isinstance(inner, (dict, list))
        ):
            break
        value = inner
    return value


def is_film_record(value: Any) -> bool:
    """A JSON object (or list of them) with a title and a synopsis-like text field."""
    value = unwrap(value)
    records = value if isinstance(value, list) else [value]
    return bool(records) and all(
        isinstance(r, dict) and any(k in r for k in _TEXT_FIELDS) for r in records
    )


def parse_cast(entries: Any) -> list[CastMember]:
    """Cast entries as strings "Actor (Character)" or objects {name, character}.

    The records are untrusted JSON: a single string or object is one entry (iterating a
    string would make a cast member of each letter), and any other value (true, a
    number, null) holds no cast.
    """
    if isinstance(entries, dict) and not ({"name", "actor"} & set(entries)):
        # {"Aleksei Guskov": "Andrei Filipov", …}: actor to character
        entries = [
            {"name": actor, "character": character}
            for actor, character in entries.items()
            if isinstance(character, str) or character is None
        ]
    if isinstance(entries, (str, dict)):
        entries = [entries]
    elif not isinstance(entries, list):
        return []
    out: list[CastMember] = []
    for entry in entries:
        if isinstance(entry, dict):
            actor = entry.get("name") or entry.get("actor")
            character = entry.get("character") or entry.get("role")
            if isinstance(actor, (dict, list)) or isinstance(character, (dict, list)):
                continue  # a name is text; a nested value is no name
            if actor:
                out.append(
                    CastMember(
                        clean_spaces(str(actor)),
                        clean_spaces(str(character)) if character else None,
                    )
                )
        elif isinstance(entry, str):
            member = _actor(entry)
            if member is not None:
                out.append(member)
    return out


def _actor(entry: str) -> CastMember | None:
    """ "Actor (Character)" or "Actor"; None for anything else (a name has no brackets).
    Sliced rather than matched: a lazy pattern took time quadratic in the entry's length."""
    entry = entry.strip()
    opening = entry.find("(")
    if opening == -1:
        actor, character = entry, None
    elif entry.endswith(")"):
        actor, character = entry[:opening], entry[opening + 1 : -1]
    else:
        return None
    if ")" in actor or not actor.strip():
        return None
    return CastMember(clean_spaces(actor), clean_spaces(character) if character else None)


def cast_text(cast: list[CastMember]) -> str:
    return "; ".join(f"{m.actor} ({m.character})" if m.character else m.actor for m in cast)


def _meta(record: dict[str, Any]) -> dict[str, Any]:
    meta: dict[str, Any] = {}
    for key in _META_FIELDS:
        value = record.get(key)
        if value not in (None, "", []):
            meta[key] = value
    return meta


def chunk_record(record: dict[str, Any]) -> Chunked:
    drafts: list[Draft] = []
    for key in _TEXT_FIELDS:
        # a string, or the same text per language ({"fr": …, "en": …}), or paragraphs
        for value in _strings(record.get(key)):
            if value.strip():
                drafts.extend(Draft(body, Kind.SYNOPSIS) for body in pack(paragraphs(value)))
    cast: list[CastMember] = []
    for key in _CAST_FIELDS:
        if key in record:
            cast = parse_cast(record[key])
            break
    if cast:
        drafts.extend(Draft(body, Kind.CAST) for body in pack([cast_text(cast)], joiner="; "))
    meta = _meta(record)
    if cast:
        meta["cast"] = [{"actor": m.actor, "character": m.character} for m in cast]
    title = record.get("title") or record.get("original_title")
    if not isinstance(title, (str, int, float)):
        title = None  # a title that is an object or a list is no title
    return Chunked(drafts, meta, str(title) if title else None)


def _strings(value: Any) -> Iterator[str]:
    """The strings of a value: itself, or those inside its lists and objects (a JSON
    value's depth is bounded by read.MAX_JSON_DEPTH)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)


def chunk(value: Any) -> Chunked:
    """One record, or a list of records merged into one document."""
    value = unwrap(value)
    records = value if isinstance(value, list) else [value]
    parts = [chunk_record(r) for r in records]
    if len(parts) == 1:
        return parts[0]
    drafts = [d for p in parts for d in p.drafts]
    return Chunked(drafts, {"records": [p.meta for p in parts]}, parts[0].title)


def generic_strings(value: Any) -> Iterator[str]:
    """The text of arbitrary JSON, for records we do not recognise: each prose-like string
    on its own, then the short ones (names, titles) together, so none is lost."""
    short: list[str] = []
    for text in _strings(value):
        if word_count(text) >= 8:
            yield text
        elif any(c.isalpha() for c in text):
            short.append(clean_spaces(text))
    if short:
        yield "; ".join(short)
