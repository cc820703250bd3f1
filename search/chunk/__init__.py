"""Cutting documents into passages. Each kind of document has its own module; this one
recognises the kind from the content (never from the file name) and dispatches."""

from __future__ import annotations

from typing import Any

from ..model import DocumentKind, Kind, PassageKind
from . import film_record, labelled, presskit, prose, webpage
from .base import Chunked, Draft

__all__ = ["Chunked", "Draft", "chunk_document", "document_kind"]


def document_kind(text: str, json_value: Any = None, fmt: str = "text") -> DocumentKind:
    """Which chunker reads this document: presskit (a press kit or any interview),
    film-record, labelled, webpage or prose."""
    if fmt == "json":
        return "film-record" if film_record.is_film_record(json_value) else "json"
    if presskit.is_presskit(text):
        return "presskit"
    if labelled.is_labelled(text):
        return "labelled"
    if webpage.is_webpage(text):
        return "webpage"
    return "prose"


def chunk_document(
    text: str,
    *,
    lang: str,
    fmt: str = "text",
    json_value: Any = None,
    kind: DocumentKind | None = None,
) -> Chunked:
    """Drafts and metadata for one decoded document whose language is ``lang`` (used by
    the press-kit chunker); ``kind`` when the caller already knows it.

    The headings passages stood under are kept as the ``headings`` metadata: a heading is
    no passage's text, and no word of a document is to be lost.
    """
    chunked = _chunk(text, lang, fmt, json_value, kind or document_kind(text, json_value, fmt))
    if "headings" not in chunked.meta:
        headings = list(dict.fromkeys(d.section for d in chunked.drafts if d.section))
        if headings:
            chunked.meta["headings"] = headings
    return chunked


def _chunk(text: str, lang: str, fmt: str, json_value: Any, kind: DocumentKind) -> Chunked:
    if kind == "film-record":
        return film_record.chunk(json_value)
    if kind == "json":
        strings = list(film_record.generic_strings(json_value))
        return Chunked([d for s in strings for d in prose.chunk(s, Kind.TEXT)])
    if kind == "presskit":
        return presskit.read(text, lang)
    if kind == "labelled":
        return labelled.chunk(text)
    if kind == "webpage":
        return webpage.chunk(text)
    kind_: PassageKind = Kind.REVIEW if prose.is_review(text) else Kind.TEXT
    return Chunked(list(prose.chunk(text, kind_)))
