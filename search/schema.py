"""The index schema: which fields a passage fills, how each is analysed, and the codec.

Fields, and why each exists:

- ``text_<lang>`` / ``question_<lang>``: the passage and the prompt it answers, analysed
  with their language's analyzer (positions kept, for phrases). Languages outside
  FIELD_LANGS share the neutral ``text_xx`` / ``question_xx``.
- ``names``: name keys of capitalised words, so "Tschaikowski" finds "Tchaikovsky".
- ``id``, ``source``, ``kind``, ``lang``, ``speaker``: exact values for filters and facets.
- ``body``: the passage as JSON, stored only: one read per hit.

No neutral field over every passage: it made up half the index and a third of the
indexing time for little ranking benefit. Did-you-mean reads the vocabulary file the build
writes beside the index instead (store.py).

Analysis can run in the worker processes that read files: ``prepare`` turns a passage into
its postings there (``Analyzed``), and ``PreparedText`` takes them as they are, so the one
process that writes the index only pools and writes postings.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

from . import _whoosh  # noqa: F401  (first: imports Whoosh without its unused stdlib baggage)
from whoosh.codec.whoosh3 import (LENGTHS_COLUMN, W3Codec, W3PerDocReader, W3PostingsWriter,
                                  _lenfield)
from whoosh.fields import ID, STORED, TEXT, Schema
from whoosh.util.numeric import byte_to_length

from .model import Passage

#: Languages with their own text field; every other language shares the neutral ``xx`` field.
FIELD_LANGS = ("en", "fr", "de", "it", "es", "pt", "nl", "ru", "sv", "da", "fi", "hu", "no",
               "ro", "tr")
NEUTRAL = "xx"
#: Fields a worker process analyses before the writer sees them.
ANALYSED_PREFIXES = ("text_", "question_", "names")


def field_lang(lang: str) -> str:
    return lang if lang in FIELD_LANGS else NEUTRAL


def text_field(lang: str) -> str:
    return f"text_{field_lang(lang)}"


def question_field(lang: str) -> str:
    return f"question_{field_lang(lang)}"


class Analyzed:
    """A field's postings, computed in another process: (term bytes, frequency, weight,
    encoded value) as ``FieldType.index`` yields them."""

    __slots__ = ("items",)

    def __init__(self, items: list[tuple[bytes, int, float, bytes]]) -> None:
        self.items = items


class PreparedText(TEXT):  # type: ignore[misc]
    """A TEXT field that also takes postings analysed elsewhere.

    Public and stable: index schemas pickle the class by name.
    """

    def index(self, value: Any, **kwargs: Any) -> Any:
        if isinstance(value, Analyzed):
            return value.items
        return super().index(value, **kwargs)


class _InliningPostingsWriter(W3PostingsWriter):  # type: ignore[misc]
    """W3's postings writer with inlining working: whoosh-reloaded calls a method that does
    not exist (``set_inline``), so the option cannot be switched on as shipped. A term in one
    passage then keeps its posting in the term dictionary instead of a block of its own
    (the index is 8% smaller)."""

    def finish_postings(self) -> Any:
        terminfo = self._terminfo
        if not self.written() and len(self) < self._inlinelimit:
            terminfo.add_block(self)
            # A field without values (ids, kinds) still gets one empty value per posting:
            # reading inlined postings back (to merge segments), Whoosh's ListMatcher gives
            # text "" for a missing value, which its writer then refuses.
            values = self._values or [b""] * len(self._ids)
            terminfo.set_inlined(self._ids, self._weights, values)
            self._terminfo = None
            return terminfo
        return super().finish_postings()


class _LengthsReader(W3PerDocReader):  # type: ignore[misc]
    """W3's per-document reader, with each field's length column read into memory once.

    Writing a segment asks for a passage's field length once per posting, and BM25 once
    per scored passage; W3 answers each with a seek and a read of one byte (a quarter of
    the time spent writing postings). The values returned are the same.
    """

    def __init__(self, storage: Any, segment: Any) -> None:
        super().__init__(storage, segment)
        self._length_bytes: dict[str, bytes | None] = {}

    def doc_field_length(self, docnum: int, fieldname: str, default: int = 0) -> int | None:
        if docnum > self._doccount:
            raise IndexError(f"Asked for docnum {docnum!r} of {self._doccount}")
        if fieldname not in self._length_bytes:
            reader = self._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
            data = None if reader is None else bytes(reader._dbfile.get(reader._basepos,
                                                                       reader._count))
            self._length_bytes[fieldname] = data
        data = self._length_bytes[fieldname]
        if data is None:
            return default
        lbyte = data[docnum] if docnum < len(data) else 0
        return byte_to_length(lbyte) if lbyte else None


class Codec(W3Codec):  # type: ignore[misc]
    """Whoosh's W3 codec, inlining posting lists of a single passage and reading field
    lengths from memory (see above).

    Public and stable: index segments pickle the class by name.
    """

    def __init__(self) -> None:
        super().__init__(inlinelimit=2)

    def per_document_reader(self, storage: Any, segment: Any) -> Any:
        return _LengthsReader(storage, segment)

    def postings_writer(self, dbfile: Any, byteids: bool = False) -> Any:
        return _InliningPostingsWriter(dbfile, blocklimit=self._blocklimit, byteids=byteids,
                                       compression=self._compression,
                                       inlinelimit=self._inlinelimit)


def make_schema() -> Any:
    """Per-language text and question fields, a name-key field, exact-value fields."""
    from .analysis import analyzer
    from .names import names_analyzer

    fields: dict[str, Any] = {
        "id": ID(stored=True, unique=True),
        "source": ID(stored=True),
        "kind": ID(stored=True),
        "lang": ID(stored=True),
        "speaker": ID(stored=True),
        "position": STORED(),
        "body": STORED(),  # the passage as JSON: one read per hit, no field reassembly
        "names": PreparedText(analyzer=names_analyzer(), phrase=False),
    }
    for lang in (*FIELD_LANGS, NEUTRAL):
        ana = analyzer(lang if lang != NEUTRAL else None)
        fields[f"text_{lang}"] = PreparedText(analyzer=ana, phrase=True)
        fields[f"question_{lang}"] = PreparedText(analyzer=ana, phrase=True)
    return Schema(**fields)


@lru_cache(maxsize=1)
def schema() -> Any:
    """The schema, built once per process (workers analyse with it)."""
    return make_schema()


def passage_fields(p: Passage) -> dict[str, Any]:
    """What one passage contributes to the index, as text."""
    body = p.to_dict()
    body.pop("meta", None)  # document metadata lives once in the manifest
    question = p.question or ""
    doc: dict[str, Any] = {
        "id": p.id,
        "source": p.source,
        "kind": p.kind,
        "lang": p.lang,
        "position": p.position,
        "body": json.dumps(body, ensure_ascii=False),
        text_field(p.lang): p.text,
        "names": f"{p.text}\n{question}\n{p.speaker or ''}",
    }
    if p.speaker:
        doc["speaker"] = p.speaker
    if question:
        doc[question_field(p.lang)] = question
    return doc


def prepare(p: Passage) -> dict[str, Any]:
    """``passage_fields`` with the text fields already analysed into postings."""
    doc = passage_fields(p)
    sch = schema()
    for name, value in doc.items():
        if name.startswith(ANALYSED_PREFIXES):
            doc[name] = Analyzed(list(sch[name].index(value)))
    return doc


def prepared(passages: Iterable[Passage], vocabulary: Counter[str]
             ) -> Iterator[tuple[Passage, dict[str, Any]]]:
    """Each passage with its prepared fields; its words are counted into ``vocabulary``."""
    from .analysis import vocabulary as words_of

    for p in passages:
        vocabulary.update(words_of(p.text))
        yield p, prepare(p)


def passage_from_body(body: str, meta: dict[str, Any] | None = None) -> Passage:
    data = json.loads(body)
    data["meta"] = meta or {}
    return Passage(**data)
