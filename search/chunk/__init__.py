"""Cutting documents into passages. Each kind of document has its own module; this one
recognises the kind from the content (never from the file name) and dispatches."""

from __future__ import annotations

from typing import Any

from ..model import DocumentKind, Kind, PassageKind
from . import film_record, json_interview, labelled, presskit, prose, webpage
from .base import Chunked, Draft
from .prompts import addresses, speaks_for_oneself
from .text import paragraphs
from .turns import alternates, is_question

__all__ = ["Chunked", "Draft", "chunk_document", "document_kind", "mail_interviewee"]


def document_kind(
    text: str, json_value: Any = None, fmt: str = "text", sender: str | None = None
) -> DocumentKind:
    """Which chunker reads this document: presskit (a press kit or any interview),
    film-record, labelled, webpage or prose. An e-mail with an interviewee (``sender``,
    as ``mail_interviewee`` gives it) is an interview, with no heading saying so."""
    if fmt == "json":
        return "film-record" if film_record.is_film_record(json_value) else "json"
    if sender is not None or presskit.is_presskit(text):
        return "presskit"
    if labelled.is_labelled(text):
        return "labelled"
    if webpage.is_webpage(text):
        return "webpage"
    return "prose"


def mail_interviewee(text: str, sender: str | None) -> str | None:
    """The sender of an e-mail's answers, as its interviewee: when its paragraphs
    alternate question and answer, and a question speaks to someone or an answer speaks
    for itself (a newsletter's "Where can I see the film?" / "The film opens on 4 May."
    is no one's interview)."""
    said = paragraphs(text) if sender else []
    if not any(addresses(p) if is_question(p) else speaks_for_oneself(p) for p in said):
        return None
    return sender if alternates(text.split("\n"), interview=True, to_last_answer=True) else None


def chunk_document(
    text: str,
    *,
    lang: str,
    fmt: str = "text",
    json_value: Any = None,
    kind: DocumentKind | None = None,
    sender: str | None = None,
) -> Chunked:
    """Drafts and metadata for one decoded document whose language is ``lang`` (used by
    the press-kit chunker); ``kind`` when the caller already knows it; ``sender`` the
    e-mail's interviewee as ``mail_interviewee`` gives it, when the text names none.

    The headings passages stood under are kept as the ``headings`` metadata: a heading is
    no passage's text, and no word of a document is to be lost.
    """
    kind = kind or document_kind(text, json_value, fmt, sender)
    chunked = _chunk(text, lang, fmt, json_value, kind, sender)
    if "headings" not in chunked.meta:
        headings = list(dict.fromkeys(d.section for d in chunked.drafts if d.section))
        if headings:
            chunked.meta["headings"] = headings
    return chunked


def _chunk(
    text: str, lang: str, fmt: str, json_value: Any, kind: DocumentKind, sender: str | None
) -> Chunked:
    if kind == "film-record":
        return film_record.chunk(json_value)
    if kind == "json":
        interview = json_interview.chunk(json_value)
        if interview is not None:
            return interview
        strings = list(film_record.generic_strings(json_value))
        return Chunked([d for s in strings for d in prose.chunk(s, Kind.TEXT)])
    if kind == "presskit":
        return presskit.read(text, lang, sender)
    if kind == "labelled":
        return labelled.chunk(text)
    if kind == "webpage":
        return webpage.chunk(text)
    kind_: PassageKind = Kind.REVIEW if prose.is_review(text) else Kind.TEXT
    return Chunked(list(prose.chunk(text, kind_)))
