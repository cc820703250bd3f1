"""Reviews, articles and anything else in prose: paragraphs grouped into passages.

Short heading-like lines ("Le Concert") become the section of the passages after them;
one that heads nothing ("Leave a comment" closing a page) is text. Quoted speech is
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
# A paragraph in italics as a whole (a web page's standfirst, read as "*…*").
_WHOLE_ITALIC = re.compile(r"^\*(?=[^*\s])([^*]*[^*\s])\*$")


_FILM_WORDS = re.compile(
    r"\b(film|movie|picture|cinema|Film|Kino|pellicola|película)\b", re.IGNORECASE
)
_VERDICT = re.compile(
    r"\b(I|je|ich|io|yo|we|nous|wir)\b|\b(masterpiece|moving|brilliant|hilarious|stunning|boring|"
    r"superb|disappointing|chef-d'œuvre|émouvant|bouleversant|drôle|réussi|raté|Meisterwerk|"
    r"bewegend|großartig|langweilig|capolavoro|commovente)\b",
)


#: A headline that says it is a review: "Filmkritik: El Faro", "Critique : « … »", "The
#: Frozen Choir review – a hymn in the snow".
_REVIEW_HEADLINE = re.compile(
    r"(?i)\b(?:review|filmkritik|kritik|rezension|critique|cr[ií]tica|recensione|recensie|"
    r"recension|recenzja|recenze)\b"
)


def is_review(text: str) -> bool:
    """A review talks about the film and judges it, or its headline says it is one; a
    synopsis only tells the story."""
    sample = text[:20_000]
    head = sample.lstrip().split("\n\n", 1)[0].split("\n")
    if len(head) <= 2 and any(  # a rubric, a headline: lines, no sentence
        word_count(line) <= 16
        and not re.search(r"[.!?](?:\s|$)", line.strip())
        and _REVIEW_HEADLINE.search(line)
        for line in head
    ):
        return True
    return len(_FILM_WORDS.findall(sample)) >= 2 and len(_VERDICT.findall(sample)) >= 2


def is_heading(paragraph: str) -> bool:
    """A short line with no sentence punctuation reads as a heading or a widget label; one
    that ends in a colon or a comma opens what follows ("Hello Helen,", "Best,")."""
    if _MARKDOWN_HEADING.match(paragraph):
        return True
    return (
        word_count(paragraph) <= 6
        and not ends_sentence(paragraph)
        and not paragraph.rstrip().endswith((":", ","))
    )


# A heading saying that what follows is the film's synopsis ("Synopsis", "Inhalt", "Die
# letzte Ernte – Synopsis", "Trama"): the passages under it are of kind synopsis.
_SYNOPSIS_HEADING = re.compile(
    r"(?i)(?:^|[\s\W])(?:synopsis|synopse|sinossi|sinopsis|sinopse|inhalt|kurzinhalt|résumé|"
    r"resumen|trama|samenvatting|plot|storyline)\W*$"
)


def chunk(text: str, kind: PassageKind = Kind.TEXT) -> Iterator[Draft]:
    """Passages of prose, each under the last heading seen (of kind synopsis under a
    heading that says so).

    A heading-like line with no text under it ("Best regards", "Durée 2h02" closing a
    file, one list item after another) heads nothing, so it is text: it opens the next
    passage, or makes one at the end, and no word of the document is lost."""
    section: str | None = None
    run: list[str] = []
    unheaded: list[str] = []  # heading-like lines that turned out to head nothing

    def flush() -> Iterator[Draft]:
        told = Kind.SYNOPSIS if section and _SYNOPSIS_HEADING.search(section) else kind
        for body in pack(run):
            yield Draft(body, told, section=section)

    for para in paragraphs(text):
        if is_heading(para):
            if run:
                yield from flush()
                run = []
            elif section is not None:
                unheaded.append(section)
            match = _MARKDOWN_HEADING.match(para)
            section = match.group("title") if match else para
            continue
        run.extend(
            _WHOLE_ITALIC.sub(r"\1", _MARKDOWN_NOISE.sub("", line).strip())
            for line in [*unheaded, para]
        )
        unheaded = []
    if not run and section is not None:
        unheaded.append(section)
        section = None
    run = [*(_MARKDOWN_NOISE.sub("", line).strip() for line in unheaded), *run]
    yield from flush()
