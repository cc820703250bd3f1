"""Did-you-mean: a correction built from the index's own vocabulary."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from ..schema import field_lang


def suggest(
    searcher: Any, vocabulary: dict[str, int], text: str, langs: Iterable[str]
) -> str | None:
    """A did-you-mean built from the index's own vocabulary (folded words and the number
    of passages each is in, as the build counted them).

    A word is left alone when the vocabulary or any field in play knows it (so "musicien"
    is not corrected when French stemming finds "musiciens"); the others get the nearest
    word, the most frequent among equally near ones.
    """
    from ..analysis import analyze
    from ..names import name_key

    if _CONTROLS.search(text):
        return None  # pasted escape codes, no typo: their letters would make nonsense words
    words = re.findall(r"\w+", _OPERANDS.sub(" ", text))
    if not words or not vocabulary:
        return None
    out: list[str] = []
    changed = False
    for position, word in enumerate(words):
        if len(word) > SUGGEST_MAX_CHARS or position >= SUGGEST_MAX_WORDS:
            out.append(word)  # bounded work: no correction for a word this long or late
            continue
        if _known(searcher, vocabulary, word, langs, analyze, name_key):
            out.append(word)
            continue
        tokens = analyze(word, None)
        options = _corrector(vocabulary).suggest(tokens[0], limit=1, maxdist=2) if tokens else []
        if options:
            out.append(options[0])
            changed = True
        else:
            out.append(word)
    return " ".join(out) if changed else None


#: Control characters (C0 but tab and newline, DEL, C1, bidirectional controls): a query
#: holding them was pasted with a terminal's escape codes ("viol\x1b[31min"), which nobody
#: types by mistake; no did-you-mean is made of it ("will 31min").
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
#: The numbers of a fuzzy term or a boost ("furnace~2", "violin^3"): no words to correct.
_OPERANDS = re.compile(r"[~^]\d*(?:\.\d+)?")
#: Did-you-mean corrects only words up to this long, and only this many words of a query:
#: the corrector's automaton grows with the word, and a pasted paragraph is no typo.
SUGGEST_MAX_CHARS = 40
SUGGEST_MAX_WORDS = 12

#: The corrector of the last vocabulary asked for (kept alive here, so its id stays its
#: own): building one sorts the whole vocabulary, too slow to repeat on every query with
#: few hits.
_CORRECTOR: tuple[Any, Any] = (None, None)


def _corrector(vocabulary: dict[str, int]) -> Any:
    """The corrector of ``vocabulary``, made once for the last vocabulary asked for."""
    global _CORRECTOR  # noqa: PLW0603  (one corrector, for the last vocabulary)
    if _CORRECTOR[0] is vocabulary:
        return _CORRECTOR[1]
    # Imported here: a search with hits enough never loads Whoosh's spelling module.
    from ..backend.whoosh.spelling import FrequencyCorrector

    _CORRECTOR = (vocabulary, FrequencyCorrector(vocabulary))
    return _CORRECTOR[1]


def _known(
    searcher: Any,
    vocabulary: dict[str, int],
    word: str,
    langs: Iterable[str],
    analyze: Any,
    name_key: Any,
) -> bool:
    tokens = analyze(word, None)
    if not tokens or all(t in vocabulary for t in tokens):
        return True  # a stop word or a known word: nothing to correct
    # The name keys know a word only as a name is written, capitalised: they fold
    # spellings ("Tschaikowski" finds "Tchaikovsky"), so "violinn" has the key of a
    # sentence's "Violin", and a typo of a common word would never be corrected.
    probes = [("names", [name_key(word)])] if word[:1].isupper() else []
    probes += [(f"text_{field_lang(lang)}", analyze(word, lang)) for lang in langs]
    for fieldname, terms in probes:
        if not terms:
            return True
        if all(searcher.doc_frequency(fieldname, t) > 0 for t in terms if t):
            return True
    return False
