"""Nothing dropped: which words of a document reach no passage and no metadata.

A chunker may remove page furniture on purpose (running headers, page numbers, turn labels,
timestamps); everything else a document says must end up in a passage's text, its question
or speaker, the document's title, or a named metadata value. ``dropped_words`` is the
check the test suite and ``benchmarks/speakers.py`` run over every fixture.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from .analysis import fold
from .chunk.speakers import GENERIC_LABEL
from .chunk.turns import PAGE_TAIL
from .docmeta import front_matter_end, front_matter_values
from .model import Passage

_WORD = re.compile(r"[^\W_]+")  # a rule of underscores is no word

#: What a chunker removes on purpose, as line patterns: the only words allowed to vanish.
FURNITURE: tuple[str, ...] = (
    r"\b\d{1,2}:\d{2}(?::\d{2})?(?=\D|$)",  # a transcript's timestamp, even glued to a word
    # initials (before a letter label takes their first letter for one): DW: J.-P. R. :
    # **PH:** A.P.:, "M. F.-N. — …", a typescript's "T.O.  Not any more.", before a
    # surname: "J.-S. THIBODEAU :"
    r"^\s*(?:\*\*|__)?\[?[A-Z](?:\.?-?\s?[A-Z]){1,3}\.?\]?\s*:",
    r"^\s*[A-Z]\.(?:(?:[ \t]|[ \t]?-[ \t]?)?[A-Z]\.)+\s*[—–]",
    r"^\s*[A-Z]\.(?:-?[A-Z]\.){1,2}(?=[ \t]{2})",
    r"^\s*[A-Z]\.(?:(?:[ \t]|[ \t]?-[ \t]?)?[A-Z]\.)*\s+[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'’-]+\s*:",
    # a letter label, or its word: Q: A. R : [Q] **Q:** Answer: V: (vraag)
    r"^\s*[–—-]?\s*(?:\*\*|__)?\[?(?:Q|A|R|D|P|F|V|Question|Answer|Frage|Antwort|Réponse|Domanda|"
    r"Risposta|Pregunta|Respuesta|Vraag|Antwoord)\]?\s*[:.]",
    r"^\s*\[[A-Z]{1,4}\]",  # bracketed initials: [OB]
    # a transcription service's name for a voice: "Speaker 2:", "SPEAKER_01", "Sprecher 1 (00:03):"
    rf"(?i)^\s*(?:{GENERIC_LABEL})\b",
    r"(?<=\?)\s+(?:A|R|Antwort|Réponse|Risposta|Respuesta)\s*:",  # "Q: Why? A: Because"
    # a press kit's question number: "1. Why a lighthouse?" (bold, "**2. …", or quoted in
    # an e-mail, "> 3. …")
    r"^\s*(?:>\s*)?(?:\*\*|__)?\d{1,2}\s*[.)]\s+(?=\S)",
    # a page number on its own line: "12", "- 12 -", "Page 4 of 12", "S. 3 von 9"
    r"(?i)^\s*(?:[-–—]\s*)?(?:(?:page|p\.|s\.|seite|pagina|página)\s*)?\d{1,4}"
    r"(?:\s*(?:/|of|sur|von|de|di)\s*\d{1,4})?(?:\s*[-–—])?\s*$",
    PAGE_TAIL,  # a running footer's page number: "Holloway & Finch Films      Page 2"
)


def words(text: str) -> set[str]:
    """The distinct words of a text, case and accents folded."""
    return {fold(w).casefold() for w in _WORD.findall(text)}


def _values(value: Any) -> Iterator[str]:
    """Every string inside a metadata value (lists and dicts of any depth)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _values(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _values(item)
    elif value is not None:
        yield str(value)


def kept_words(passages: Iterable[Passage], title: str | None, meta: dict[str, Any]) -> set[str]:
    """Words a user can find again: passages (text, question, speaker, role), title, metadata."""
    out = words(title or "")
    for text in _values(meta):
        out |= words(text)
    out |= words(" ".join(meta).replace("_", " "))  # the names of metadata fields
    for p in passages:
        for field in (p.text, p.question, p.speaker, p.role):
            if field:
                out |= words(field)
    return out


def dropped_words(path: Path, furniture: Iterable[str] = FURNITURE) -> set[str]:
    """Words of the file as read that no passage or metadata holds, once the lines matching
    one of the ``furniture`` patterns (removed on purpose) are set aside."""
    from .ingest import read
    from .read import read_document

    raw = read_document(path)
    doc = read(path, path.name)
    kept = kept_words(list(doc.passages), doc.title, doc.meta)
    # A JSON file says its content in its values; its keys are the format's own words.
    text = "\n".join(_values(raw.json)) if raw.format == "json" else raw.text
    # So does a front matter in its values: its keys are YAML's.
    start = front_matter_end(text)
    if start:
        text = "\n".join(front_matter_values(text)) + "\n" + text[start:]
    for pattern in furniture:
        text = re.sub(pattern, " ", text, flags=re.MULTILINE)
    # A word broken at a line end ("per-" / "fection") is whole in the passage.
    for match in _BROKEN.finditer(text):
        head, tail = match.group(1), match.group(2)
        if words(head + tail) <= kept or words(f"{head} {tail}") <= kept:
            kept |= words(f"{head} {tail}")
    return words(text) - kept


_BROKEN = re.compile(r"(\w+)-[ \t]*\n\s*(\w+)")
