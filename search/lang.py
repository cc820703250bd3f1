"""Language of each passage: langdetect, made deterministic and kept honest.

langdetect is right about 94% of the time on real passages but wrong on short ones ("Yes."
comes out French, "Regie: Radu Mihaileanu" Romanian). So a passage keeps its detected
language only when it has enough words and langdetect is confident; otherwise it inherits
its document's language, and the passage records which of the two happened.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from .chunk.text import word_count

#: Below this many words a passage inherits its document's language.
MIN_WORDS = 6
#: Below this probability a passage inherits its document's language.
MIN_PROBABILITY = 0.90
#: A document's own language is read from this much of its beginning.
DOCUMENT_CHARS = 2000
#: Detection reads at most this many characters of a passage, and langdetect averages
#: this many random trials (its default is 7). On 1,500 benchmark passages, 500 characters
#: and 3 trials agreed with the labels on 92.6% against 92.8% for the whole text and 7
#: trials, at 1.3 ms instead of 2.5 ms a passage (benchmarks/languages.py --sweep, with
#: the detector below; langdetect's own took 1.8 and 3.1 ms).
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
    """Load langdetect's profiles once (≈0.4 s), only when indexing needs them."""
    from langdetect import DetectorFactory, detector_factory

    DetectorFactory.seed = 0
    detector_factory.init_factory()
    return detector_factory._factory


@lru_cache(maxsize=1)
def _detector_class() -> type:
    """langdetect's Detector with its per-character Python loops rewritten.

    ``Detector`` walks the text character by character through method calls, a third of
    its time on a 500-character passage. The overrides produce exactly the same text and
    the same n-grams in the same order, so the random trials and the result are unchanged;
    tests/test_lang.py compares both classes on text in several scripts.
    """
    from langdetect.detector import Detector
    from langdetect.utils.ngram import NGram

    normalized: dict[str, str] = {}

    class FastDetector(Detector):  # type: ignore[misc]
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
            result: list[str] = []
            grams = " "
            capital = False
            for raw in self.text:
                ch = normalized.get(raw)
                if ch is None:
                    ch = normalized[raw] = NGram.normalize(raw)
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

    return FastDetector


_SPACE_RUNS = re.compile(" {2,}")
_LATIN = re.compile("[A-z]")
# langdetect counts characters from U+0300 up, except Latin Extended Additional.
_NON_LATIN = re.compile("[\u0300-\u1dff\u1f00-\U0010ffff]")


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
    """The passage's language when langdetect can be trusted on it under the rule above."""
    if word_count(text) < MIN_WORDS:
        return None
    lang, prob = detect(text)
    return lang if lang is not None and prob >= MIN_PROBABILITY else None


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
