"""Name keys: one spelling-independent key per word, so Tschaikowski meets Tchaikovsky.

Press material spells a Russian name the way its own language transliterates it. The key
undoes the conventions on which English, French and German transliteration disagree,
rule by rule, rather than listing our names:

- any script → Latin with anyascii; accents go; x → ks; ё is written yo/io/jo, not e as
  anyascii has it (Пётр is Pyotr, Pjotr);
- the hushing sounds: ч (ch, tch, tsch), ш (sh, French ch, sch), щ (shch, chtch, schtsch),
  ж (zh, French j, German sch) and х (kh, German ch) all become one symbol, "x" (free
  because x became ks). English ch and German ch are different Russian letters, so only
  one symbol for all of them makes Chekhov meet Tschechow;
- j: French j is ж (Brejnev, Joukov, Nijinski, Jivago); German j is the glide й (Jelzin,
  Juri, Dostojewski, Iljitsch, Alexej). j is ж before "ou", before a consonant, and before
  "i" at the start or after a vowel; elsewhere it is the glide (so Jérôme meets Jerome);
- ё after a hushing sound is written e (Gorbachev) or o (Gorbatschow): xo → xe;
- ц (ts, German z), з (z, German s) and с (s, ss) become s; w → v (Prokofjew); ou → u
  (French); c → s before e/i, else k; French gu before e/i → g (Sergueï);
- y, ï and the glide j become i, so the -ий/-ый endings (-y, -iy, -ij, -i) meet; a glide
  before e is dropped (ye, ie, je and plain e all write е: Dostoevsky, Dostoïevski);
- German umlaut digraphs ae/oe/ue become a/o/u (Müller, Mueller, Muller);
- double letters collapse (Vassili/Vasily), and a final vowel + f becomes v (Prokofieff).

Different people stay apart: gendered endings are kept (Ivanov ≠ Ivanova, Ivan ≠ Ivana),
and Anna ≠ Anne (a final vowel is part of the name, not a transliteration choice).

A German genitive s ("Breschnews", "Puschkins") gets a second key without it when what is
left looks like a Russian surname (-v, -in, -ski, -oi). The index holds both keys at the
same position; a query uses the second one only, so either form meets the other.

Pairs the rules cannot derive without merging different names are in data/aliases.tsv.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from .backend.whoosh import _whoosh  # noqa: F401  (first: Whoosh without its unused stdlib)

# isort: split
from whoosh.analysis import Analyzer, Filter, LowercaseFilter, Token

from .analysis import DropFilter, WordTokenizer, fold, words_of

ALIASES_PATH = Path(__file__).parent / "data" / "aliases.tsv"
#: The keys of aliases.tsv, computed by ``write_alias_keys``: computing them at the first
#: search would load anyascii's tables for the Cyrillic spellings into every cold search.
ALIAS_KEYS_PATH = Path(__file__).parent / "data" / "alias_keys.json"

# * and ? survive, so a wildcard query on the names field ("Tschaikow*") keys its prefix.
_NON_KEY = r"[^a-z0-9*?]+"

# Applied in order; "x" is the hushing-sound symbol once x itself has become ks. Plain
# strings, compiled at the first key (``_compiled``), so that importing this module
# compiles nothing.
_RULES: tuple[tuple[str, str], ...] = (
    (r"x", "ks"),
    (r"j(?=ou|[^aeiouy])|(?<![^aeiouy])j(?=i)", "x"),  # French j = ж
    (r"j", "i"),  # German j = й
    (r"tsch|tch|sch|zh|sh|ch|kh", "x"),  # ч ш щ ж х
    (r"ck", "k"),
    (r"c(?=[eiy])", "s"),
    (r"c", "k"),
    (r"q", "k"),
    (r"gu(?=[eiy])", "g"),  # French Sergueï
    (r"w", "v"),  # German в
    (r"ou", "u"),  # French у
    (r"y", "i"),  # й, ы, -ий
    (r"ts|tz|z", "s"),  # ц and з
    (r"xi?o", "xe"),  # ё after a hushing sound
    (r"i+e", "e"),  # the glide in е
    (r"(?<=[aou])e", ""),  # German ae oe ue for ä ö ü
    (r"(.)\1+", r"\1"),
    (r"(?<=[aeiou])f$", "v"),  # old -off/-eff
)
_GENITIVE_BASE = r"(v|in|ski|oi)$"
# Scholarly and West Slavic spellings (Čajkovskij, Saša, Žukov) write the hushing sounds
# with a háček, and in that system j is always the glide й.
_HACEK = str.maketrans(
    {"č": "ch", "š": "sh", "ž": "zh", "ć": "ch", "ś": "sh", "ź": "zh", "ř": "rzh"}
)


def _words(text: str) -> list[str]:
    """Words as the analyzers see them (apostrophes and hyphens separate)."""
    return words_of(text, apostrophes=False)


@lru_cache(maxsize=65536)
def _rule_key(word: str) -> str:
    """The key by the rules alone, before aliases."""
    low = word.casefold().replace("ё", "йо")
    if any(c in low for c in "čšžćśźř"):
        low = low.translate(_HACEK).replace("j", "y")
    folded = fold(low)
    if folded.isascii():  # Latin letters: what anyascii gives, without loading its tables
        low = folded
    else:
        from anyascii import anyascii

        low = anyascii(low)
    non_key, rules = _compiled()
    key = non_key.sub("", low.lower())
    for pattern, replacement in rules:
        key = pattern.sub(replacement, key)
    return key


@lru_cache(maxsize=1)
def _compiled() -> tuple[re.Pattern[str], list[tuple[re.Pattern[str], str]]]:
    """The rules compiled, at the first key: ``re.sub`` with a pattern string looks its
    compiled form up in re's cache every time, a lookup each key would pay per rule."""
    return re.compile(_NON_KEY), [(re.compile(p), r) for p, r in _RULES]


@lru_cache(maxsize=1)
def load_aliases() -> dict[str, str]:
    """Each key of an alias group → the key of the group's first spelling.

    The file has one group of equivalent spellings per line, tab-separated; `#` starts a
    comment. A key claimed by two groups is an error in the file, so it raises ValueError.
    The keys saved in ``ALIAS_KEYS_PATH`` are used when they were computed from this file
    with these rules.
    """
    import json

    text = ALIASES_PATH.read_text(encoding="utf-8")
    try:
        saved = json.loads(ALIAS_KEYS_PATH.read_text(encoding="utf-8"))
        if saved["stamp"] == _alias_stamp(text):
            return dict(saved["keys"])
    except (OSError, ValueError, KeyError, TypeError):
        pass
    return _alias_keys(text)


def write_alias_keys() -> None:
    """Save the keys of aliases.tsv after editing it or the rules (tests/test_names.py
    checks the saved ones)."""
    import json

    text = ALIASES_PATH.read_text(encoding="utf-8")
    saved = {"stamp": _alias_stamp(text), "keys": _alias_keys(text)}
    ALIAS_KEYS_PATH.write_text(
        json.dumps(saved, ensure_ascii=False, indent=0, sort_keys=True) + "\n", encoding="utf-8"
    )


def _alias_stamp(text: str) -> int:
    """What the saved keys were computed from: the alias file and the rules."""
    import zlib

    return zlib.crc32(repr((text, _RULES, _NON_KEY, _HACEK)).encode())


def _alias_keys(text: str) -> dict[str, str]:
    aliases: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), 1):
        spellings = [s.strip() for s in line.split("#", 1)[0].split("\t") if s.strip()]
        if len(spellings) < 2:
            continue
        canonical = _rule_key(spellings[0])
        for spelling in spellings:
            key = _rule_key(spelling)
            if aliases.get(key, canonical) != canonical:
                raise ValueError(f"{ALIASES_PATH.name}:{number}: {spelling!r} is in two groups")
            aliases[key] = canonical
    return aliases


def name_key(word: str) -> str:
    """The spelling-independent key of one word ("Tschaikowski" → "xaikovski")."""
    key = _rule_key(word)
    return load_aliases().get(key, key)


def genitive_key(word: str) -> str | None:
    """The key of `word` without a German genitive s, if it has one ("Breschnews")."""
    if len(word) < 4 or word[-1] not in "sS":
        return None
    key = _rule_key(word[:-1])
    return load_aliases().get(key, key) if re.search(_GENITIVE_BASE, key) else None


def name_keys(text: str) -> list[str]:
    """The key of each word of `text` (hyphens and apostrophes separate words)."""
    return [key for word in _words(text) if (key := name_key(word))]


def stop_keys(text: str, lang: str) -> set[str]:
    """The name keys of the words of `text` that are stop words in `lang` by name key:
    the ``stops`` field, where an AND looks up a stop word that the passage's language
    field drops. Only keys of stop words of three letters or more: a query word shorter
    than that has no name key to look up (``names_analyzer``)."""
    keys = stop_word_keys(lang)
    if not keys:
        return set()
    return {key for word in set(_words(text)) if (key := name_key(word)) in keys}


@cache
def stop_word_keys_of(langs: tuple[str, ...]) -> frozenset[str]:
    """``stop_word_keys`` of several languages together: a query's languages in play."""
    return frozenset().union(*(stop_word_keys(lang) for lang in langs))


@cache
def stop_word_keys(lang: str) -> frozenset[str]:
    """The name keys of ``lang``'s stop words of three letters or more."""
    from .analysis import stop_words

    return frozenset(name_key(word) for word in stop_words(lang) if len(word) >= 3) - {""}


class NameKeyFilter(Filter):
    """Replace each token by its name key. A word with a genitive key (see the module
    docstring) gets it as a second token at the same position when indexed, and instead of
    its own key when queried."""

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        for t in tokens:
            word = t.text
            base = genitive_key(word) if t.mode == "query" else None
            if base:
                t.text = base
                yield t
                continue
            for key in _index_keys(word):
                t.text = key
                yield t

    def words(self, texts: list[Any], starts: list[int], ends: list[int]) -> None:
        """Words in (a str, or None for one dropped), their keys out (a tuple each): the
        list changes element type, which no ``list[...]`` annotation can say."""
        texts[:] = [None if t is None else _index_keys(t) for t in texts]


def _index_keys(word: str) -> tuple[str, ...]:
    """The keys a word is indexed under: its name key, and its genitive key if it has one."""
    key, base = name_key(word), genitive_key(word)
    keys = (key,) if key else ()
    return (*keys, base) if base and base != key else keys


class ProperNounFilter(Filter):
    """When indexing, keep only words written with a capital (or in a script without case).

    Names are proper nouns; keying every common word as well costs indexing time for keys
    no name search needs. Queries keep every word, since people type names in lower case.
    """

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        for t in tokens:
            if t.mode != "index" or not t.text[:1].islower():
                yield t

    def words(self, texts: list[str | None], starts: list[int], ends: list[int]) -> None:
        texts[:] = [None if t is None or t[:1].islower() else t for t in texts]


@cache
def names_analyzer() -> Analyzer:
    """Analyzer of the `names` field: capitalised words (split at apostrophes) of 3+
    letters → keys."""
    tokenizer = WordTokenizer(apostrophes=False)
    return (
        tokenizer | ProperNounFilter() | LowercaseFilter() | DropFilter(minsize=3) | NameKeyFilter()
    )


def _word_keys(word: str) -> set[str]:
    keys = {name_key(word)}
    if base := genitive_key(word):
        keys.add(base)
    return keys


def speaker_matches(query: str, speaker: str) -> bool:
    """Whether `query` names `speaker`: every query word must be one of the speaker's words
    by name key (so a first name or a surname alone is enough), and a single letter is
    an initial ("M. Laurent")."""
    query_words = _words(query)
    speaker_words = _words(speaker)
    if not query_words or not speaker_words:
        return False
    speaker_keys = set().union(*(_word_keys(w) for w in speaker_words))
    initials = {fold(w[0]).casefold() for w in speaker_words}
    for word in query_words:
        if len(word) == 1 and not word.isdigit():
            if fold(word).casefold() not in initials:
                return False
        elif not _word_keys(word) & speaker_keys:
            return False
    return True


def only_initials(query: str) -> bool:
    """Is the query nothing but initials ("a", "M. L.")? Matching every speaker whose names
    begin so, it names nobody in particular when more than one does."""
    words = _words(query)
    return bool(words) and all(len(word) == 1 for word in words)


def speaker_prefix_matches(query: str, speaker: str) -> bool:
    """Whether every word of `query` begins a word of `speaker`, accents and case folded
    ("Laur" → Mélanie Laurent, "mel laur" too): the fallback when no name matches whole.
    A one-letter prefix is an initial, which `speaker_matches` handles."""
    query_words = [fold(w).casefold() for w in _words(query)]
    speaker_words = [fold(w).casefold() for w in _words(speaker)]
    if not query_words or sum(map(len, query_words)) < 2:
        return False
    return all(any(s.startswith(q) for s in speaker_words) for q in query_words)


def closest(query: str, candidates: Iterable[str], n: int = 3) -> list[str]:
    """The candidates whose name keys are most like the query's, best first, for a
    "did you mean" message; a candidate scores by its whole name or its best word."""
    from difflib import SequenceMatcher  # for the error message a wrong name gets

    wanted = " ".join(name_keys(query))
    if not wanted:
        return []
    scored: list[tuple[float, str]] = []
    for candidate in dict.fromkeys(candidates):
        keys = name_keys(candidate)
        if not keys:
            continue
        score = max(SequenceMatcher(None, wanted, k).ratio() for k in [" ".join(keys), *keys])
        if score >= 0.6:
            scored.append((-score, candidate))
    return [candidate for _, candidate in sorted(scored)[:n]]


_PARTICLES = frozenset(
    [
        "de",
        "du",
        "des",
        "la",
        "le",
        "von",
        "van",
        "der",
        "den",
        "di",
        "da",
        "del",
        "della",
        "dos",
        "das",
        "do",
        "zu",
        "ter",
        "ten",
    ]
)
_SEPARATORS = r"([-'’])"


def in_capitals(text: str) -> bool:
    """Is ``text`` written in capitals? German capitals keep "ß" ("JÜRGEN WEIß"), a letter
    ``str.isupper`` counts as lower case."""
    return text.replace("ß", "").isupper()


def natural_case(name: str) -> str:
    """Capitalise a name typed in capitals or lower case: "JEAN-PAUL DE LA RIVIÈRE" →
    "Jean-Paul de la Rivière", "O'NEILL" → "O'Neill", "MCDONALD" → "McDonald".

    A word already in mixed case ("DiCaprio", "McQueen") is left alone; particles are lower
    case except at the start of the name, and so is an elided d' or l' after the start.
    """
    words = name.split()
    out = []
    for index, word in enumerate(words):
        if not (in_capitals(word) or word.islower()):
            out.append(word)
            continue
        parts = re.split(_SEPARATORS, word.lower())
        for i, part in enumerate(parts):
            elided = i + 1 < len(parts) and parts[i + 1] in ("'", "’") and part in ("d", "l")
            if index and ((part in _PARTICLES and len(parts) == 1) or (elided and i == 0)):
                continue
            if part.startswith("mc") and len(part) > 3:
                parts[i] = "Mc" + part[2:].capitalize()
            else:
                parts[i] = part.capitalize()
        out.append("".join(parts))
    return " ".join(out)
