"""Synopses with labelled fields, as distributors and TV guides publish them:
"Inhalt: ... Info: ... Regie: ... Darsteller: ... Musik: ...".

Content labels become passages; credit labels become metadata (a list of names per role)
and one searchable credits passage that keeps the document's own labels.
"""

from __future__ import annotations

import re
from typing import Any

from ..model import Kind
from .base import Chunked, Draft
from .text import clean_spaces, pack, paragraphs

# Label (lower case) -> role. Content labels map to None.
_LABELS: dict[str, str | None] = {
    # German
    "inhalt": None,
    "handlung": None,
    "info": None,
    "infos": None,
    "zusammenfassung": None,
    "regie": "director",
    "darsteller": "cast",
    "besetzung": "cast",
    "buch": "writer",
    "drehbuch": "writer",
    "produzenten": "producer",
    "produktion": "producer",
    "produzent": "producer",
    "musik": "music",
    "kamera": "camera",
    "schnitt": "editor",
    # French
    "synopsis": None,
    "résumé": None,
    "resume": None,
    "réalisation": "director",
    "réalisateur": "director",
    "avec": "cast",
    "interprètes": "cast",
    "scénario": "writer",
    "production": "producer",
    "producteurs": "producer",
    "musique": "music",
    "image": "camera",
    "montage": "editor",
    # English
    "summary": None,
    "plot": None,
    "about": None,
    "director": "director",
    "directed by": "director",
    "cast": "cast",
    "starring": "cast",
    "writer": "writer",
    "writers": "writer",
    "screenplay": "writer",
    "producer": "producer",
    "producers": "producer",
    "music": "music",
    "cinematography": "camera",
    "editing": "editor",
    # Italian / Spanish
    "trama": None,
    "regia": "director",
    "interpreti": "cast",
    "sceneggiatura": "writer",
    "musiche": "music",
    "sinopsis": None,
    "dirección": "director",
    "reparto": "cast",
    "guion": "writer",
    "música": "music",
}
_LABEL = re.compile(
    r"(?<![\w-])(?P<label>"
    + "|".join(sorted((re.escape(k) for k in _LABELS), key=len, reverse=True))
    + r")\s*:\s*",
    re.IGNORECASE,
)


def fields(text: str) -> list[tuple[str, str]]:
    """(label as written, value) pairs in document order."""
    matches = list(_LABEL.finditer(text))
    out: list[tuple[str, str]] = []
    for i, match in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        out.append((match.group("label"), text[match.end() : end].strip()))
    return out


def is_labelled(text: str) -> bool:
    """At least three known labels, one of them a credit, each starting a line or a field."""
    found = fields(text)
    roles = [_LABELS[label.lower()] for label, _ in found]
    return len(found) >= 3 and any(roles) and any(r is None for r in roles)


_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


def _names(value: str) -> list[str]:
    value = value.strip(" |,;/")
    return [
        clean_spaces(n)
        for n in re.split(r"\s*[,;/|]\s*|\s+(?:and|und|et|e|y)\s+", value)
        if n.strip()
    ]


def chunk(text: str) -> Chunked:
    drafts: list[Draft] = []
    credits: dict[str, list[str]] = {}
    credit_lines: list[str] = []
    content: list[str] = []
    for label, value in fields(text):
        role = _LABELS[label.lower()]
        if role is None:
            content.extend(paragraphs(value))
        else:
            # A credit ends with its paragraph: prose after it ("The film tells of guilt
            # and forgiveness …") is no name. The credit is quoted as written; only the
            # metadata splits it into names.
            value, *after = _PARAGRAPH_BREAK.split(value, maxsplit=1)
            content.extend(p for rest in after for p in paragraphs(rest))
            names = _names(value)
            if names:
                credits.setdefault(role, []).extend(names)
                credit_lines.append(f"{label}: {clean_spaces(value).strip(' |,;/')}")
    drafts.extend(Draft(body, Kind.SYNOPSIS) for body in pack(content))
    if credit_lines:
        drafts.extend(Draft(body, Kind.CREDITS) for body in pack(credit_lines, joiner=". "))
    meta: dict[str, Any] = {"credits": credits} if credits else {}
    if "cast" in credits:
        meta["cast"] = [{"actor": n, "character": None} for n in credits["cast"]]
    return Chunked(drafts, meta)
