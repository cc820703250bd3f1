"""Language of each passage: langdetect, made deterministic and kept honest.

langdetect is right about 94% of the time on real passages but wrong on short ones ("Yes."
comes out French, "Regie: Radu Mihaileanu" Romanian). So a passage keeps its detected
language only when it has enough words and langdetect is confident; otherwise it inherits
its document's language, and the passage records which of the two happened.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

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
#: trials, at 1.8 ms instead of 3.1 ms a passage (benchmarks/languages.py --sweep).
PREFIX_CHARS = 500
TRIALS = 3


@lru_cache(maxsize=1)
def _factory() -> object:
    """Load langdetect's profiles once (≈0.4 s), only when indexing needs them."""
    from langdetect import DetectorFactory
    from langdetect import detector_factory

    DetectorFactory.seed = 0
    detector_factory.init_factory()
    return detector_factory._factory


def detect(text: str, *, prefix: int = PREFIX_CHARS, trials: int = TRIALS) -> tuple[str | None, float]:
    """The most likely ISO 639-1 code and its probability, or (None, 0.0) if undecidable."""
    from langdetect.lang_detect_exception import LangDetectException

    detector = _factory().create()  # type: ignore[attr-defined]
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
