"""Press kits: narration sections, then interviews headed "A CONVERSATION WITH <NAME>".

This is where a passage's speaker is decided: an interview heading names the interviewee
(``speaker_of_heading``), every answer under it is theirs, and narration (synopsis, notes
on the production) has no speaker.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Kind
from ..names import natural_case
from .base import Draft
from .prompts import split_exchanges
from .text import MAX_CHARS, is_hard_wrapped, line_units, pack, paragraphs, vocabulary

# "A CONVERSATION WITH X", "INTERVIEW WITH X", "ENTRETIEN AVEC X", "GESPRÄCH MIT X" ...
_INTERVIEW = re.compile(
    r"^\s*(?:(?:an?|une?|ein|eine)\s+)?"
    r"(?:conversation|interview|entretien|rencontre|gespräch|unterhaltung|intervista|"
    r"conversazione|entrevista|conversación)"
    r"\s+(?:with|avec|mit|con)\s+(?P<name>[^\W\d][\w'’.\- ]{1,60}?)\s*:?\s*$",
    re.IGNORECASE,
)
# A narration heading: a short line in capitals ("SYNOPSIS", "ABOUT THE FILM", "RÉSUMÉ").
_HEADING = re.compile(r"^\s*[^\w]*(?=[^a-zà-ÿ]*$)[A-ZÀ-ÖØ-ÞÆŒ][A-ZÀ-ÖØ-ÞÆŒ0-9 '’&,:\-–]{2,60}\s*$")


def speaker_of_heading(line: str) -> str | None:
    """The interviewee named by an interview heading, in natural case, or None.

    Mixed-case headings ("Interview with Mélanie Laurent") count only when the name looks
    like a name (every word capitalised), so a sentence that starts "Interview with the
    director was..." is not taken for a heading.
    """
    match = _INTERVIEW.match(line)
    if not match:
        return None
    name = match.group("name").strip(" .:")
    words = name.split()
    if not 1 <= len(words) <= 5:
        return None
    if not name.isupper() and not all(w[0].isupper() or w.lower() in _PARTICLES for w in words):
        return None
    return natural_case(name)


_PARTICLES = {"de", "du", "des", "la", "le", "von", "van", "der", "den", "di", "da", "del", "y"}


def is_presskit(text: str) -> bool:
    """A press kit is recognised by its interview headings."""
    return any(speaker_of_heading(line) for line in text.split("\n"))


def _sections(text: str) -> Iterator[tuple[str | None, str | None, list[str]]]:
    """Yield (heading, speaker, lines) for each section; text before any heading has none."""
    heading: str | None = None
    speaker: str | None = None
    lines: list[str] = []
    for line in text.split("\n"):
        who = speaker_of_heading(line)
        if who or _HEADING.match(line):
            if any(x.strip() for x in lines):
                yield heading, speaker, lines
            heading, speaker, lines = line.strip(), who, []
        else:
            lines.append(line)
    if any(x.strip() for x in lines):
        yield heading, speaker, lines


def chunk(text: str, lang: str) -> Iterator[Draft]:
    """Passages of a press kit: narration packed by paragraphs, answers split by prompt."""
    vocab = vocabulary(text)
    for heading, speaker, lines in _sections(text):
        if speaker is None:
            for body in pack(paragraphs("\n".join(lines))):
                yield Draft(body, Kind.PRESSKIT_SYNOPSIS, section=heading)
            continue
        nonblank = [line for line in lines if line.strip()]
        units = line_units(nonblank) if is_hard_wrapped(nonblank) else [[p] for p in paragraphs("\n".join(lines))]
        for exchange in split_exchanges(units, lang, vocab):
            for body in _answer_passages(exchange.answer):
                yield Draft(body, Kind.INTERVIEW, speaker=speaker, question=exchange.question,
                            section=heading)


def _answer_passages(units: list[str]) -> Iterator[str]:
    """An answer that fits stays whole; a longer one is cut at unit or sentence seams."""
    whole = " ".join(units)
    if len(whole) <= MAX_CHARS:
        yield whole
    else:
        yield from pack(units, joiner=" ")
