"""The records every layer passes around: passages, skipped files and search hits.

Plain dataclasses with no dependencies, so that importing them costs nothing and the
CLI, the index and the tests all speak the same vocabulary.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Final, Literal

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


@dataclass(frozen=True)
class CastMember:
    """An actor and the character they play, as a film record lists them."""

    actor: str
    character: str | None = None


@dataclass
class Passage:
    """The unit a user reads in a result: a few sentences to a few paragraphs."""

    id: str
    source: str  # the file, relative to the folder it was indexed from
    kind: PassageKind
    text: str
    lang: str  # ISO 639-1
    lang_detected: bool = False  # False: inherited from the document
    speaker: str | None = None  # the interviewee; None for narration
    role: str | None = None  # the speaker's role in English ("director"), when the document says
    question: str | None = None  # the prompt an interview answer replies to
    position: int = 0  # order of the passage within its source
    page: int | None = None  # 1-based page for paginated sources (PDF)
    page_end: int | None = None  # the last page, when the passage runs onto later pages
    title: str | None = None  # the document's title, where it has one
    meta: dict[str, Any] = field(default_factory=dict)  # document metadata

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Skipped:
    """A file that could not be read, and why, in words a user can act on."""

    path: str
    reason: str


@dataclass(frozen=True)
class Span:
    """Character offsets [start, end) of a matched word in a passage's text."""

    start: int
    end: int


@dataclass
class Hit:
    """A passage as a ranked answer to a query."""

    passage: Passage
    rank: int
    score: float
    snippet: str
    highlights: list[Span]
    query: str
    plays: str | None = None  # the character the speaker plays, when the cast is known
    #: character spans of matched words in ``passage.question`` (a hit may match only there)
    question_highlights: list[Span] = field(default_factory=list)
