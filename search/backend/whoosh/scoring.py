"""Ranking: Whoosh's BM25F with the average field length taken over the passages that
fill each field, and a scorer that scores a block of postings at once.

The collector (collector.py) and the matcher walk (matchers.py) score with these, float
for float as Whoosh's own ``BM25FScorer`` does (tests/test_scoring.py compares them).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from . import _whoosh  # noqa: F401  (first: imports Whoosh without its unused stdlib baggage)

# isort: split
from whoosh.scoring import BM25F, BM25FScorer
from whoosh.util.numeric import byte_to_length


class PassageBM25F(BM25F):
    """BM25F whose average field length counts only the passages that fill the field.

    Whoosh divides a field's total length by every document in the index, so a language
    field holding few of the passages looks that much shorter on average than it is,
    and its matches score far below those of a field every passage fills (``names``):
    the German passage that spells "Tschaikowski" ranked below every English
    "Tchaikovsky".
    """

    #: Scorers kept, per segment and term: a scorer reads the term's statistics through
    #: several layers of Whoosh's readers, and only reads (``scores``) once made.
    KEPT_SCORERS = 50_000

    def __init__(self, field_docs: dict[str, int]) -> None:
        super().__init__()
        self.field_docs = field_docs
        self._scorers: dict[tuple[int, str, Any, int], PassageScorer] = {}

    def scorer(self, searcher: Any, fieldname: str, text: bytes, qf: int = 1) -> Any:
        docs = self.field_docs.get(fieldname)
        if not docs or not searcher.schema[fieldname].scorable:
            return super().scorer(searcher, fieldname, text, qf=qf)
        # (one weighting per open searcher: its segment readers live as long as it does)
        key = (id(searcher.reader()), fieldname, text, qf)
        kept = self._scorers.get(key)
        if kept is None:
            if len(self._scorers) >= self.KEPT_SCORERS:
                self._scorers.clear()
            avgfl = searcher.get_parent().field_length(fieldname) / docs or 1
            kept = self._scorers[key] = PassageScorer(
                searcher, fieldname, text, self._field_B.get(fieldname, self.B), self.K1, qf, avgfl
            )
        return kept


class PassageScorer(BM25FScorer):
    """Whoosh's BM25F scorer with the average field length given, which also scores many
    postings at once.

    The average must be set before ``setup``, which computes from it the bound Whoosh
    prunes with: with Whoosh's own average that bound was far too low for a language few
    passages are in.
    """

    def __init__(
        self, searcher: Any, fieldname: str, text: bytes, B: float, K1: float, qf: int, avgfl: float
    ) -> None:
        self.idf = searcher.get_parent().idf(fieldname, text)
        self.avgfl = avgfl
        self.B, self.K1, self.qf = B, K1, qf
        self.fieldname = fieldname
        self.segment = searcher.reader()
        self.setup(searcher, fieldname, text)

    def scores(self, ids: Sequence[int], weights: Sequence[float]) -> list[float]:
        """The score of each posting, equal to what ``score`` gives one at a time.

        ``bm25`` computed in a list comprehension: the length part of its denominator
        depends only on the passage's one-byte length code, so it is looked up in a
        table of 256 computed with the same operations in the same order.
        """
        codes = getattr(getattr(self.segment, "_perdoc", None), "length_codes", None)
        data = codes(self.fieldname) if codes else None
        idf, K1 = self.idf, self.K1
        if data is None:  # not our codec: Whoosh's own lookup per posting
            return [self._score(tf, self.dfl(d)) for d, tf in zip(ids, weights, strict=True)]
        norm = _length_norms(self.B, K1, self.avgfl)
        return [
            idf * ((tf * (K1 + 1)) / (tf + norm[data[d]]))
            for d, tf in zip(ids, weights, strict=True)
        ]


@lru_cache(maxsize=256)
def _length_norms(B: float, K1: float, avgfl: float) -> list[float]:
    """``bm25``'s length part for each one-byte length code (one table per field)."""
    return [K1 * ((1 - B) + B * byte_to_length(code) / avgfl) for code in range(256)]
