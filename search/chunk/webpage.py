"""Scraped film pages (a movie database page saved as text).

Such a page is a header (title, original title, tagline), a block of "Key : value" facts
whose lists appear twice (once indented, once flat), an overview, and boilerplate such as a
related-movies list. Facts become metadata, the overview and tagline become passages, and
everything from the boilerplate heading on is dropped.
"""

from __future__ import annotations

import re
from typing import Any

from ..model import Kind
from .base import Chunked, Draft
from .text import clean_spaces, ends_sentence, pack, paragraphs, word_count

_FACT = re.compile(r"^\s*(?P<key>[^\W\d][\w .'/-]{1,40}?)\s+:\s*(?P<value>.*)$")
_BOILERPLATE = re.compile(
    r"^\s*(related movies|recommendations|similar (movies|films)|you may also like|more like "
    r"this|films similaires|ähnliche filme|leave a comment|comments)\b",
    re.IGNORECASE,
)
_NUMBER = re.compile(r"^\s*\d+(?:[.,]\d+)?\s*$")


# Keys a film page's facts use (normalised by ``_key``). A "Key : value" line is a fact only
# with one of these: French typography spaces every colon ("Claire Vasseur : Sur un
# tournage…"), so an interview's turn labels look just like a page's facts otherwise.
_KNOWN_KEYS = frozenset(
    {
        "release_date",
        "release",
        "released",
        "premiere",
        "status",
        "runtime",
        "popularity",
        "total_vote",
        "total_votes",
        "vote_average",
        "votes",
        "rating",
        "score",
        "genre",
        "genres",
        "production_country",
        "production_countries",
        "production_company",
        "production_companies",
        "country",
        "countries",
        "language",
        "languages",
        "original_language",
        "original_title",
        "budget",
        "revenue",
        "director",
        "directors",
        "writer",
        "writers",
        "cast",
        "stars",
        "keywords",
        "certification",
        "tagline",
        "year",
        "date_de_sortie",
        "sortie",
        "pays",
        "langue",
        "titre_original",
        "réalisateur",
        "réalisation",
        "erscheinungsdatum",
        "produktionsland",
        "sprache",
        "originaltitel",
        "data_di_uscita",
        "paese",
        "lingua",
        "fecha_de_estreno",
        "país",
        "idioma",
    }
)
#: A fact's value is short: a date, a figure, a few names.
_MAX_VALUE_WORDS = 12


def _fact(line: str) -> re.Match[str] | None:
    """A 'Key : value' line that looks like a fact: a known key, a short value, no sentence
    and no question in it."""
    match = _FACT.match(line)
    if not match or _key(match.group("key")) not in _KNOWN_KEYS:
        return None
    value = clean_spaces(match.group("value"))
    if "?" in value or word_count(value) > _MAX_VALUE_WORDS:
        return None
    if word_count(value) >= 4 and ends_sentence(value):
        return None
    return match


def is_webpage(text: str) -> bool:
    """At least three fact lines near the top (note the spaced colon), each key once: a
    festival catalogue's "Réalisation : …" over each of its films is several films, and
    a page's facts would keep only the last film's."""
    keys = [_key(m.group("key")) for m in map(_fact, text.split("\n")[:80]) if m]
    return len(keys) >= 3 and len(set(keys)) == len(keys)


# Scrapers keep the site's own labels, sometimes in another language ("Durasi" is Indonesian).
_KEY_ALIASES = {
    "durasi": "runtime",
    "duration": "runtime",
    "durée": "runtime",
    "duree": "runtime",
    "laufzeit": "runtime",
    "dauer": "runtime",
    "durata": "runtime",
}


def _key(raw: str) -> str:
    key = re.sub(r"[^\w]+", "_", raw.strip().lower()).strip("_")
    return _KEY_ALIASES.get(key, key)


def chunk(text: str) -> Chunked:
    lines = text.split("\n")
    header: list[str] = []
    facts: dict[str, Any] = {}
    body: list[str] = []
    key: str | None = None
    seen_fact = False
    for line in lines:
        stripped = clean_spaces(line)
        if _BOILERPLATE.match(stripped):
            break
        match = _fact(line)
        if match:
            seen_fact = True
            key = _key(match.group("key"))
            value = clean_spaces(match.group("value"))
            facts[key] = [value] if value else []
            continue
        if not stripped:
            continue
        if not seen_fact:
            header.append(stripped)
        elif key is not None and word_count(stripped) < 12 and not ends_sentence(stripped):
            # A list item under the last fact; the page repeats each list, so keep it once.
            if _NUMBER.match(stripped) and facts.get(key):
                facts["rating"] = [stripped]
                continue
            for item in (i.strip() for i in stripped.split(",")):
                if item and clean_spaces(item) not in facts[key]:
                    facts[key].append(clean_spaces(item))
        else:
            key = None
            body.append(stripped)
    meta: dict[str, Any] = {k: (v[0] if len(v) == 1 else v) for k, v in facts.items() if v}
    title = header[0] if header else None
    tagline = next((h for h in header[1:] if word_count(h) >= 4 or ends_sentence(h)), None)
    others = [h for h in header[1:] if h != tagline]
    if others:
        meta["original_title"] = others[0]
    if title:
        meta["title"] = title
    drafts: list[Draft] = []
    if tagline:
        meta["tagline"] = tagline
        drafts.append(Draft(tagline, Kind.TAGLINE))
    drafts.extend(Draft(p, Kind.OVERVIEW) for p in pack(paragraphs("\n\n".join(body))))
    return Chunked(drafts, meta, title)
