"""The records every layer passes around: passages, skipped files and search hits.

Plain classes with no dependencies, so that importing them costs nothing and the CLI, the
index and the tests all speak the same vocabulary (``Record`` says why not dataclasses).
"""

from __future__ import annotations

from typing import Any, Final, Literal, NamedTuple, TypeVar

#: The kinds of passage: the strings the index stores and JSON shows. A Literal rather than
#: an Enum, so that a kind stays a plain string in both; ``Kind`` names each one.
PassageKind = Literal[
    "interview",
    "presskit-synopsis",
    "review",
    "synopsis",
    "credits",
    "cast",
    "tagline",
    "overview",
    "text",
    "title",
]


class Kind:
    """Names for the kinds of passage (``PassageKind``)."""

    INTERVIEW: Final = "interview"  # an answer in an interview (press kit, Q&A, transcript ...)
    PRESSKIT_SYNOPSIS: Final = "presskit-synopsis"  # narration in a press kit
    REVIEW: Final = "review"  # prose of a review or article
    SYNOPSIS: Final = "synopsis"  # a synopsis (labelled-field document or film record)
    CREDITS: Final = "credits"  # credits (director, cast, music ...) as searchable prose
    CAST: Final = "cast"  # a film record's cast list, "Actor (Character)"
    TAGLINE: Final = "tagline"
    OVERVIEW: Final = "overview"  # the overview of a scraped film page
    TEXT: Final = "text"  # anything else: plain text, Markdown, DOCX, PDF
    TITLE: Final = "title"  # a document's title lines, byline and headings (docmeta.title_passage)


#: The kinds of document, one per chunker (``chunk.document_kind`` recognises them from the
#: content): how a document is cut into passages and where its title and film are found.
#: Never stored; a document's passages carry a ``PassageKind`` each.
DocumentKind = Literal["presskit", "film-record", "labelled", "webpage", "json", "prose"]


class Record:
    """What a dataclass gives a mutable record: equality field by field, a repr naming
    the fields, and ``replace``. A record's fields are the attributes its ``__init__`` sets,
    in that order; immutable records are ``NamedTuple``s.

    Records are written out by hand instead of as dataclasses because every search makes
    them: building 22 dataclasses (their methods compiled from source at import) and
    importing ``dataclasses`` (which loads ``inspect``) took 13 of the 72 ms of a one-query
    ``tutti search`` (``benchmarks/RESULTS.md``). Modules a search never imports (reading,
    chunking, films) keep dataclasses; ``tests/test_cli_entry.py`` checks that a search
    loads no ``dataclasses``."""

    __hash__ = None  # type: ignore[assignment]  # mutable: unhashable, as a dataclass

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return vars(self) == vars(other)

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={value!r}" for name, value in vars(self).items())
        return f"{type(self).__qualname__}({fields})"

    def replace(self: R, **changes: Any) -> R:
        """A copy with ``changes`` made (``dataclasses.replace``); the values it keeps are
        shared, not copied."""
        if unknown := changes.keys() - vars(self).keys():
            raise TypeError(f"{type(self).__name__} has no field {min(unknown)!r}")
        copy = object.__new__(type(self))
        vars(copy).update(vars(self), **changes)
        return copy


R = TypeVar("R", bound=Record)


class CastMember(NamedTuple):
    """An actor and the character they play, as a film record lists them."""

    actor: str
    character: str | None = None


class Passage(Record):
    """The unit a user reads in a result: a few sentences to a few paragraphs."""

    def __init__(
        self,
        id: str,
        source: str,
        kind: PassageKind,
        text: str,
        lang: str,
        lang_detected: bool = False,
        speaker: str | None = None,
        role: str | None = None,
        question: str | None = None,
        position: int = 0,
        page: int | None = None,
        page_end: int | None = None,
        title: str | None = None,
        meta: dict[str, Any] | None = None,
    ) -> None:
        self.id = id
        self.source = source  # the file, relative to the folder it was indexed from
        self.kind = kind
        self.text = text
        self.lang = lang  # ISO 639-1
        self.lang_detected = lang_detected  # False: inherited from the document
        self.speaker = speaker  # the interviewee; None for narration
        #: the speaker's role in English ("director"), when the document says
        self.role = role
        self.question = question  # the prompt an interview answer replies to
        self.position = position  # order of the passage within its source
        self.page = page  # 1-based page for paginated sources (PDF)
        self.page_end = page_end  # the last page, when the passage runs onto later pages
        self.title = title  # the document's title, where it has one
        self.meta: dict[str, Any] = {} if meta is None else meta  # document metadata

    def to_dict(self) -> dict[str, Any]:
        return {**vars(self), "meta": dict(self.meta)}


class Skipped(NamedTuple):
    """A file that could not be read, and why, in words a user can act on."""

    path: str
    reason: str


class Span(NamedTuple):
    """Character offsets [start, end) of a matched word in a passage's text."""

    start: int
    end: int


class Hit(Record):
    """A passage as a ranked answer to a query."""

    def __init__(
        self,
        passage: Passage,
        rank: int,
        score: float,
        snippet: str,
        highlights: list[Span],
        query: str,
        plays: str | None = None,
        question_highlights: list[Span] | None = None,
    ) -> None:
        self.passage = passage
        self.rank = rank
        self.score = score
        self.snippet = snippet
        self.highlights = highlights
        self.query = query
        self.plays = plays  # the character the speaker plays, when the cast is known
        #: character spans of matched words in ``passage.question`` (a hit may match only there)
        self.question_highlights = [] if question_highlights is None else question_highlights
