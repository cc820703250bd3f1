"""Whoosh's list corrector, ranking words at the same distance by frequency."""

from __future__ import annotations

from collections.abc import Iterator

from . import _whoosh  # noqa: F401  (first: imports Whoosh without its unused stdlib baggage)

# isort: split
from whoosh.spelling import ListCorrector


class FrequencyCorrector(ListCorrector):
    """A Levenshtein automaton over the sorted words of ``counts``; among words at the
    same distance the most frequent comes first, as Whoosh's index corrector ranks them.
    (Whoosh's list corrector has no frequencies: its private ``_suggestions`` is where a
    score is given.)"""

    def __init__(self, counts: dict[str, int]) -> None:
        super().__init__(sorted(counts))
        self.counts = counts

    def _suggestions(self, text: str, maxdist: int, prefix: int) -> Iterator[tuple[float, str]]:
        for score, word in super()._suggestions(text, maxdist, prefix):
            yield score - 0.5 / self.counts[word], word
