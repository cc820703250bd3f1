"""The top-N collector: every match of a segment scored at once (matchers.py)."""

from __future__ import annotations

from heapq import nlargest
from typing import Any

from . import _whoosh  # noqa: F401  (first: imports Whoosh without its unused stdlib baggage)

# isort: split
from whoosh.collectors import TopCollector

from .matchers import match_scores


class TopPassages(TopCollector):
    """Whoosh's top-N collector, fed every match of a segment at once (``match_scores``)
    and filtered by the passages ``allow`` matches; it counts every match as it goes, so
    a total costs nothing more."""

    items: list[tuple[float, int]]  # TopCollector's: (score, -docnum) of the best so far

    def __init__(self, limit: int, allow: Any = None) -> None:
        super().__init__(limit=limit)
        self.allow = allow

    def prepare(self, top_searcher: Any, q: Any, context: Any) -> None:
        super().prepare(top_searcher, q, context)
        self._allowed = top_searcher._filter_to_comb(self.allow)

    def collect_matches(self) -> None:
        offset, allowed, final = self.offset, self._allowed, self.final_fn
        scores = match_scores(self.matcher)
        if allowed is not None:
            scores = {d: s for d, s in scores.items() if offset + d in allowed}
        self.total += len(scores)
        if not final and len(scores) > self.limit:
            # Only a passage scoring at least the limit-th best score (found among the
            # floats alone, in C) can be in the top: the others are never paired.
            least = nlargest(self.limit, scores.values())[-1]
            scores = {d: s for d, s in scores.items() if s >= least}
        # (score, -docnum), as TopCollector keeps them: among equal scores the lower
        # document number wins, as when Whoosh collects in document order.
        found = [(s, -(offset + d)) for d, s in scores.items()]
        if final:
            found = [(final(self.top_searcher, -n, s), n) for s, n in found]
        self.items = nlargest(self.limit, self.items + found)

    def computes_count(self) -> bool:
        return True
