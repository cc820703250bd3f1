"""Reviews, articles and anything else in prose: paragraphs grouped into passages.

Short heading-like lines ("Le Concert", "Leave a comment") are not content: they become the
section of the passages after them, or are dropped when nothing follows. Quoted speech is
an ordinary paragraph, so it stays in the passage around it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Kind, PassageKind
from .base import Draft
from .text import ends_sentence, pack, paragraphs, word_count

_MARKDOWN_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(?P<title>.+?)\s*#*\s*$")
_MARKDOWN_NOISE = re.compile(r"(\*\*|__|`|^\s*[-*+]\s+|^\s*>\s?)")


_FILM_WORDS = re.compile(
    r"\b(film|movie|picture|cinema|Film|Kino|pellicola|película)\b", re.IGNORECASE
)
_VERDICT = re.compile(
    r"\b(I|je|ich|io|yo|we|nous|wir)\b|\b(masterpiece|moving|brilliant|hilarious|stunning|boring|"
    r"superb|disappointing|chef-d'œuvre|émouvant|bouleversant|drôle|réussi|raté|Meisterwerk|"
    r"bewegend|großartig|langweilig|capolavoro|commovente)\b",
)


def is_review(text: str) -> bool:
    """A review talks about the film and judges it; a synopsis only tells the story."""
    sample = text[:20_000]
    return len(_FILM_WORDS.findall(sample)) >= 2 and len(_VERDICT.findall(sample)) >= 2


def is_heading(paragraph: str) -> bool:
    """A short line with no sentence punctuation reads as a heading or a widget label."""
    if _MARKDOWN_HEADING.match(paragraph):
        return True
    return (
        word_count(paragraph) <= 6 and not ends_sentence(paragraph) and not paragraph.endswith(":")
    )


def chunk(text: str, kind: PassageKind = Kind.TEXT) -> Iterator[Draft]:
    """Passages of prose, each under the last heading seen."""
    section: str | None = None
    run: list[str] = []

    def flush() -> Iterator[Draft]:
        for body in pack(run):
            yield Draft(body, kind, section=section)

    for para in paragraphs(text):
        if is_heading(para):
            yield from flush()
            run = []
            match = _MARKDOWN_HEADING.match(para)
            section = match.group("title") if match else para
            continue
        run.append(_MARKDOWN_NOISE.sub("", para).strip())
    yield from flush()
