"""The index schema: which fields a passage fills, and how each is analysed (the on-disk
format is codec.py).

Fields, and why each exists:

- ``text_<lang>`` / ``question_<lang>``: the passage and the prompt it answers, analysed
  with their language's analyzer (positions kept, for phrases). Languages outside
  FIELD_LANGS share the neutral ``text_xx`` / ``question_xx``.
- ``names``: name keys of capitalised words, so "Tschaikowski" finds "Tchaikovsky".
- ``stops``: name keys of the passage's stop words (``names.stop_keys``), which its
  language's field drops: "irrtum AND einmal" needs "einmal" in the German passages it
  finds, and looks it up here rather than in each passage's text.
- ``id``, ``source``, ``kind``, ``lang``, ``speaker``, ``role``: exact values for filters and
  facets (``role`` is the speaker's, in English: director, composer, actor ...).
- ``body``: the passage as JSON, stored only: one read per hit.

No neutral field over every passage: it made up much of the index and of the indexing
time for little ranking benefit. Did-you-mean reads the vocabulary file the build
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

from .backend.whoosh import _whoosh  # noqa: F401  (first: Whoosh without its unused stdlib)

# isort: split
from whoosh.fields import ID, KEYWORD, STORED, TEXT, Schema
from whoosh.formats import Positions

from .backend.whoosh.codec import CompactPositions
from .model import Passage

#: Languages with their own text field; every other language shares the neutral ``xx`` field.
FIELD_LANGS = (
    "en",
    "fr",
    "de",
    "it",
    "es",
    "pt",
    "nl",
    "ru",
    "sv",
    "da",
    "fi",
    "hu",
    "no",
    "ro",
    "tr",
)
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


class PreparedText(TEXT):
    """A TEXT field that also takes postings analysed elsewhere.

    Public and stable: index schemas pickle the class by name.
    """

    format: Any  # TEXT's: how postings are encoded

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if type(self.format) is Positions:
            self.format = CompactPositions(field_boost=self.format.field_boost)

    def index(self, value: Any, **kwargs: Any) -> Any:
        if isinstance(value, Analyzed):
            return value.items
        return super().index(value, **kwargs)


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
        "role": ID(stored=True),  # the speaker's role, for --role and `tutti speakers`
        "position": STORED(),
        "body": STORED(),  # the passage as JSON: one read per hit, no field reassembly
        "names": PreparedText(analyzer=names_analyzer(), phrase=False),
        "stops": KEYWORD(scorable=False),
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
    from .names import stop_keys

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
    if p.role:
        doc["role"] = p.role
    if question:
        doc[question_field(p.lang)] = question
    if stops := stop_keys(f"{p.text}\n{question}", field_lang(p.lang)):
        doc["stops"] = " ".join(sorted(stops))
    return doc


def prepare(p: Passage) -> dict[str, Any]:
    """``passage_fields`` with the text fields already analysed into postings."""
    doc = passage_fields(p)
    sch = schema()
    for name, value in doc.items():
        if name.startswith(ANALYSED_PREFIXES):
            doc[name] = Analyzed(list(sch[name].index(value)))
    return doc


def prepared(
    passages: Iterable[Passage], vocabulary: Counter[str]
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
