"""What a chunker hands back: passage drafts, before ids and languages are assigned."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..model import PassageKind


@dataclass
class Draft:
    """A passage's text and what the chunker knows about it; ``ingest`` adds id and language."""

    text: str
    kind: PassageKind
    speaker: str | None = None
    role: str | None = (
        None  # the speaker's role, in English ("director"), when a heading or intro says
    )
    question: str | None = None
    section: str | None = None  # the heading the passage stood under
    page: int | None = None
    lang: str | None = None  # set when the format itself says (never guessed here)


@dataclass
class Chunked:
    """A document cut into drafts, with the metadata that belongs to the whole document."""

    drafts: list[Draft]
    meta: dict[str, Any] = field(default_factory=dict)
    title: str | None = None
