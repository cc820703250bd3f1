"""Language of each passage: langdetect, made deterministic and kept honest.

langdetect is mostly right on real passages (benchmarks/languages.py) but wrong on short ones ("Yes."
comes out French, "Regie: Radu Mihaileanu" Romanian). So a passage keeps its detected
language only when it has enough words and langdetect is confident; otherwise it inherits
its document's language, and the passage records which of the two happened.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import Any

from .chunk.text import word_count

#: Below this many words a passage inherits its document's language.
MIN_WORDS = 6
#: ... and below this many words in lower case (names are capitalised).
MIN_LOWER_WORDS = 2
#: Below this probability a passage inherits its document's language.
MIN_PROBABILITY = 0.90
#: A document's own language is read from this much of its beginning.
DOCUMENT_CHARS = 2000
#: Detection reads at most this many characters of a passage, and langdetect averages
#: this many random trials (its default is 7): on the benchmark corpus this agrees with the
#: labels almost as often as the whole text and 7 trials, at half the cost
#: (benchmarks/languages.py --sweep).
PREFIX_CHARS = 500
TRIALS = 3


@lru_cache(maxsize=1)
def detectable_languages() -> frozenset[str]:
    """The codes langdetect can answer (its profile files' names), without loading them."""
    import os

    import langdetect

    folder = os.path.join(os.path.dirname(langdetect.__file__), "profiles")
    try:
        return frozenset(os.listdir(folder))
    except OSError:
        return frozenset()


@lru_cache(maxsize=1)
def _factory() -> Any:
    """Load langdetect's profiles once, only when indexing needs them (it takes long
    enough to keep out of every search)."""
    from langdetect import DetectorFactory, detector_factory

    DetectorFactory.seed = 0
    detector_factory.init_factory()
    return detector_factory._factory


@lru_cache(maxsize=1)
def _detector_class() -> type:
    """langdetect's Detector with its Python loops rewritten, results unchanged.

    ``Detector`` walks the text a character at a time through method calls, and each of its
    random trials multiplies the probabilities of every language by an n-gram's, one
    language and one n-gram at a time. The overrides produce the same text, the same
    n-grams in the same order, draw the same random numbers in the same order and do the
    same floating-point operations in the same order, so every probability is bit for bit
    langdetect's; tests/test_lang.py compares both classes on generated and real text.
    """
    from langdetect.detector import Detector
    from langdetect.lang_detect_exception import ErrorCode, LangDetectException
    from langdetect.utils.ngram import NGram

    normalized: dict[int, str] = {}
    seen: set[str] = set()

    class FastDetector(Detector):
        text: str  # set by Detector.__init__ (langdetect has no type information)

        def append(self, text: str) -> None:
            text = self.URL_RE.sub(" ", text)
            text = self.MAIL_RE.sub(" ", text)
            text = NGram.normalize_vi(text)
            self.text += _SPACE_RUNS.sub(" ", text[: self.max_text_length])

        def cleaning_text(self) -> None:
            latin = len(_LATIN.findall(self.text))
            non_latin = len(_NON_LATIN.findall(self.text))
            if latin * 2 < non_latin:
                self.text = _LATIN.sub("", self.text)

        def _extract_ngrams(self) -> list[str]:
            known = self.word_lang_prob_map
            word_grams = _WORD_GRAMS.get(id(known))
            if word_grams is None:  # other profiles than last time, or too many words
                _WORD_GRAMS.clear()
                word_grams = _WORD_GRAMS[id(known)] = {}
            text = self.text
            for ch in set(text).difference(seen):
                normalized[ord(ch)] = NGram.normalize(ch)
                seen.add(ch)
            words = text.translate(normalized).split(" ")
            last = len(words) - 1
            result: list[str] = []
            for i, word in enumerate(words):
                if not word:
                    continue
                key = word if i == last else word + " "
                grams = word_grams.get(key)
                if grams is None:
                    # One string per n-gram however many words hold it (the profiles
                    # bound them), and a tuple: the cache stays small per word.
                    grams = word_grams[key] = tuple(map(sys.intern, _grams(key, known)))
                result += grams
            if len(word_grams) > _WORD_CACHE:
                _WORD_GRAMS.clear()
            return result

        def _detect_block(self) -> None:
            self.cleaning_text()
            ngrams = self._extract_ngrams()
            if not ngrams:
                raise LangDetectException(ErrorCode.CantDetectError, "No features in text.")
            table = self.word_lang_prob_map
            choice = self.random.choice
            trials = self.n_trial
            langprob = [0.0] * len(self.langlist)
            self.random.seed(self.seed)
            for _ in range(trials):
                prob = self._init_probability()
                alpha = self.alpha + self.random.gauss(0.0, 1.0) * self.ALPHA_WIDTH
                w = alpha / self.BASE_FREQ
                # langdetect updates once, normalises, then five updates per normalisation
                # (at i = 0, 5, 10, ...): the five are one pass here, each multiplication
                # still done on its own and in langdetect's order.
                prob = [p * (w + x) for p, x in zip(prob, table[choice(ngrams)], strict=True)]
                i = 0
                while True:
                    total = sum(prob)
                    prob = [p / total for p in prob]
                    if max(prob) > self.CONV_THRESHOLD or i >= self.ITERATION_LIMIT:
                        break
                    a, b, c, d, e = [table[choice(ngrams)] for _ in range(5)]
                    prob = [
                        p * (w + pa) * (w + pb) * (w + pc) * (w + pd) * (w + pe)
                        for p, pa, pb, pc, pd, pe in zip(prob, a, b, c, d, e, strict=True)
                    ]
                    i += 5
                langprob = [lp + p / trials for lp, p in zip(langprob, prob, strict=True)]
            self.langprob = langprob

    return FastDetector


#: The n-grams of one word with the space after it (or none, at the end of the text), by
#: the id of the profiles they were found in: langdetect's n-gram window starts afresh
#: after every space, so they depend on that word alone, and the words of a corpus repeat.
_WORD_GRAMS: dict[int, dict[str, tuple[str, ...]]] = {}
#: How many words' n-grams the detector keeps before starting over.
_WORD_CACHE = 50_000


def _grams(word: str, known: Any) -> list[str]:
    """langdetect's n-grams of one normalised word (and the space after it, if any), as its
    ``_extract_ngrams`` finds them starting after a space: the ones its profiles know."""
    result: list[str] = []
    grams = " "
    capital = False
    for ch in word:
        last = grams[-1]
        if last == " ":
            grams = " "
            capital = False
            if ch == " ":
                continue
        elif len(grams) >= 3:
            grams = grams[1:]
        grams += ch
        if ch.isupper():
            if last.isupper():
                capital = True
        else:
            capital = False
        if capital:
            continue
        if ch != " " and ch in known:
            result.append(ch)
        if len(grams) >= 2:
            if grams[-2:] in known:
                result.append(grams[-2:])
            if len(grams) >= 3 and grams in known:
                result.append(grams)
    return result


_SPACE_RUNS = re.compile(" {2,}")
_LATIN = re.compile("[A-z]")
# langdetect means to count characters from U+0300 up except Latin Extended Additional, but
# compares its block number with the block's name, so it counts them all.
_NON_LATIN = re.compile("[\u0300-\U0010ffff]")


def detect(
    text: str, *, prefix: int = PREFIX_CHARS, trials: int = TRIALS
) -> tuple[str | None, float]:
    """The most likely ISO 639-1 code and its probability, or (None, 0.0) if undecidable."""
    from langdetect.lang_detect_exception import LangDetectException

    detector = _detector_class()(_factory())
    detector.n_trial = trials
    detector.append(text[:prefix])
    try:
        ranked = detector.get_probabilities()
    except LangDetectException:
        return None, 0.0
    if not ranked:
        return None, 0.0
    best = ranked[0]
    return best.lang.split("-")[0], float(best.prob)


def document_language(texts: Iterable[str], default: str = "en") -> str:
    """The language of a whole document: one detection over its first 2,000 characters."""
    sample = ""
    for text in texts:
        sample += text + "\n"
        if len(sample) > DOCUMENT_CHARS:
            break
    lang, _ = detect(sample, prefix=DOCUMENT_CHARS, trials=7)
    return lang if lang and word_count(sample) >= MIN_WORDS else default


def trusted(text: str) -> str | None:
    """The passage's language when langdetect can be trusted on it under the rule above;
    names alone ("-- Maja Lindqvist / Lindqvist Film AB · Malmö", Estonian to langdetect)
    are no language's words."""
    if word_count(text) < MIN_WORDS or _lower_words(text) < MIN_LOWER_WORDS:
        return None
    lang, prob = detect(text)
    return lang if lang is not None and prob >= MIN_PROBABILITY else None


def passage_tagger() -> Callable[[str], str | None]:
    """``trusted`` for the passages of one document, given in order, with a detection only
    where the language may change.

    A document is written in stretches of one language, and a passage that goes on in the
    language of the last trusted passage says so with its stop words: at least
    ``STRETCH_STOPS`` of its words are that language's and ``STRETCH_RATIO`` times as many
    as any other language's. Such a passage keeps that language without a detection, which
    costs far more than counting; any other passage is detected as before.
    benchmarks/languages.py --corpus compares the tags with ``trusted`` on every passage.
    """
    last: str | None = None

    def tag(text: str) -> str | None:
        nonlocal last
        if last is not None and word_count(text) >= MIN_WORDS and _goes_on(text, last):
            return last
        found = trusted(text)
        if found:
            last = found
        return found

    return tag


#: See ``passage_tagger``.
STRETCH_STOPS = 3
STRETCH_RATIO = 3


def _goes_on(text: str, lang: str) -> bool:
    """Whether ``text``'s stop words say it is written in ``lang`` (see ``passage_tagger``)."""
    owners = _stop_word_languages()
    votes: Counter[str] = Counter()
    for word in _WORD.findall(text.casefold()):
        votes.update(owners.get(word, ()))
    mine = votes.pop(lang, 0)
    return mine >= STRETCH_STOPS and mine >= STRETCH_RATIO * max(votes.values(), default=0)


_WORD = re.compile(r"\w+")


def _lower_words(text: str) -> int:
    return sum(1 for word in _WORD.findall(text) if word[0].islower())


@lru_cache(maxsize=1)
def _stop_word_languages() -> dict[str, tuple[str, ...]]:
    """Each stop word (case-folded) with the languages whose Snowball list has it."""
    from .backend.whoosh import _whoosh  # noqa: F401  (first: Whoosh without its stdlib baggage)

    # isort: split
    from whoosh.lang import has_stopwords, languages, stopwords_for_language

    owners: dict[str, list[str]] = {}
    for code in languages:
        if has_stopwords(code) and code in detectable_languages():
            for word in stopwords_for_language(code):
                owners.setdefault(word.casefold(), []).append(code)
    return {word: tuple(codes) for word, codes in owners.items()}


def tag(text: str, document_lang: str) -> tuple[str, bool]:
    """(language, detected?) for one passage: trusted detection, else the document's."""
    lang = trusted(text)
    return (lang, True) if lang else (document_lang, False)


def majority(tagged: Iterable[tuple[str, str | None]]) -> str | None:
    """The language most of a document's text is in, from its passages' trusted tags
    (pairs of text and tag), weighted by length; None when no passage was trusted."""
    votes: Counter[str] = Counter()
    for text, lang in tagged:
        if lang:
            votes[lang] += len(text)
    return votes.most_common(1)[0][0] if votes else None
