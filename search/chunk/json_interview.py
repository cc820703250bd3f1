"""An interview exported as JSON: a list of records each holding a question and its answer
(``{"q": …, "a": …}``, ``{"question": …, "answer": …}``, ``{"frage": …, "antwort": …}``),
with the interviewee and their role beside the list or in each record.

A JSON document is otherwise read as loose strings (``film_record.generic_strings``),
which made each answer nobody's text and each question a passage of its own. Everything
else the document holds (an intro, the film, the publication) is still read that way, so
no word is lost.
"""

from __future__ import annotations

from typing import Any

from ..model import Kind
from . import prose
from .base import Chunked, Draft
from .film_record import generic_strings
from .speakers import role_of
from .text import clean_spaces, paragraphs

_QUESTION_KEYS = (
    "q",
    "question",
    "frage",
    "question_text",
    "domanda",
    "pregunta",
    "pergunta",
    "vraag",
    "fråga",
    "prompt",
)
_ANSWER_KEYS = (
    "a",
    "answer",
    "réponse",
    "reponse",
    "antwort",
    "risposta",
    "respuesta",
    "resposta",
    "antwoord",
    "svar",
    "reply",
    "response",
)
_PERSON_KEYS = ("interviewee", "speaker", "guest", "invité", "gast", "ospite", "invitado")
_ROLE_KEYS = ("role", "rôle", "rolle", "ruolo", "rol", "papel", "function")
#: How deep a Q&A list may sit inside the document ({"interview": {"questions": [...]}}).
_DEPTH = 3
#: A name longer than this is a sentence, not a name.
_NAME_CHARS = 80


def chunk(value: Any) -> Chunked | None:
    """The rest of the document's text (an intro, names), then its answers as interview
    passages, each with its question and speaker; None when it holds no Q&A list."""
    found = _find(value, None, _DEPTH)
    if found is None:
        return None
    owner, records = found
    person = _field(owner, _PERSON_KEYS)
    role = _field(owner, _ROLE_KEYS)
    rest = _without(value, records)
    drafts = [d for s in generic_strings(rest) for d in prose.chunk(s, Kind.TEXT)]
    for record in records:
        question = clean_spaces(_field(record, _QUESTION_KEYS) or "").strip() or None
        speaker = _name(_field(record, _PERSON_KEYS)) or _name(person)
        said = _field(record, _ROLE_KEYS) or (role if speaker == _name(person) else None)
        for text in paragraphs(_field(record, _ANSWER_KEYS) or ""):
            drafts.append(
                Draft(
                    text,
                    Kind.INTERVIEW,
                    speaker=speaker,
                    role=role_of(said) if said else None,
                    question=question,
                )
            )
    return Chunked(drafts)


def _find(value: Any, owner: Any, depth: int) -> tuple[Any, list[Any]] | None:
    """The first list of question-and-answer records, and the object holding it."""
    if isinstance(value, list) and value and all(_is_qa(item) for item in value):
        return owner, value
    if depth == 0 or not isinstance(value, dict):
        return None
    for child in value.values():
        found = _find(child, value, depth - 1)
        if found is not None:
            return found
    return None


def _is_qa(item: Any) -> bool:
    return (
        isinstance(item, dict)
        and bool(_field(item, _QUESTION_KEYS))
        and bool(_field(item, _ANSWER_KEYS))
    )


def _field(record: Any, keys: tuple[str, ...]) -> str | None:
    """The string a record gives under the first of ``keys`` it has (any case)."""
    if not isinstance(record, dict):
        return None
    lowered = {str(k).casefold(): v for k, v in record.items()}
    for key in keys:
        value = lowered.get(key)
        if isinstance(value, str) and value.strip():
            return value
    return None


def _name(value: str | None) -> str | None:
    name = clean_spaces(value or "").strip()
    return name if 0 < len(name) <= _NAME_CHARS and "\n" not in name else None


def _without(value: Any, records: list[Any]) -> Any:
    """``value`` with the Q&A records' questions and answers taken out (their other fields,
    a timecode or a note, stay text)."""
    if value is records:
        return [
            {
                k: v
                for k, v in r.items()
                if str(k).casefold() not in (*_QUESTION_KEYS, *_ANSWER_KEYS)
            }
            for r in records
        ]
    if isinstance(value, dict):
        return {k: _without(v, records) for k, v in value.items()}
    return value
