"""Ranking: Whoosh's BM25F with per-language field averages, and a collector that scores
a query's matches a posting list at a time.

Whoosh ranks by walking its matcher tree one passage at a time: for a word in the text
and prompt fields of three languages and in the name keys, every matching passage costs
a dozen Python calls through a tree of unions, plus the collector's own. At 80k passages
that walk was three quarters of a query, and Whoosh's block-max pruning rarely skipped
anything (common words fill most blocks). ``TopPassages`` asks the same matcher tree for
every match at once instead (``match_scores``): a term's postings are read a block at a
time and scored in one pass with the formula ``BM25FScorer`` uses, then combined the way
the tree's unions and intersections combine them. The scores are Whoosh's own, float for
float (tests/test_scoring.py compares them), and every match is scored, so the top hits
are exact where pruning could miss one.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterator, Sequence
from functools import lru_cache
from heapq import nlargest
from typing import Any

from . import _whoosh  # noqa: F401  (first: imports Whoosh without its unused stdlib baggage)

# isort: split
from whoosh.collectors import TopCollector
from whoosh.matching import (
    AndMaybeMatcher,
    AndNotMatcher,
    FilterMatcher,
    IntersectionMatcher,
    ListMatcher,
    NullMatcher,
    UnionMatcher,
    WrappingMatcher,
)
from whoosh.query import And, Phrase, Term
from whoosh.query.spans import Span, SpanNear2
from whoosh.scoring import BM25F, BM25FScorer
from whoosh.util.numeric import byte_to_length

from .codec import _LeafMatcher

Scores = dict[int, float]


class PassageBM25F(BM25F):  # type: ignore[misc]
    """BM25F whose average field length counts only the passages that fill the field.

    Whoosh divides a field's total length by every document in the index, so a language
    field holding a tenth of the passages looks ten times shorter on average than it is,
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


class PassageScorer(BM25FScorer):  # type: ignore[misc]
    """Whoosh's BM25F scorer with the average field length given, which also scores many
    postings at once.

    The average must be set before ``setup``, which computes from it the bound Whoosh
    prunes with: with Whoosh's own average that bound was up to 13 times too low for a
    language few passages are in.
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
            return [self._score(tf, self.dfl(d)) for d, tf in zip(ids, weights)]
        norm = _length_norms(self.B, K1, self.avgfl)
        return [idf * ((tf * (K1 + 1)) / (tf + norm[data[d]])) for d, tf in zip(ids, weights)]


@lru_cache(maxsize=256)
def _length_norms(B: float, K1: float, avgfl: float) -> list[float]:
    """``bm25``'s length part for each one-byte length code (one table per field)."""
    return [K1 * ((1 - B) + B * byte_to_length(code) / avgfl) for code in range(256)]


def match_scores(matcher: Any) -> Scores:
    """Every passage ``matcher`` matches from its current position, with the score it
    gives each; the matcher is used up.

    Unions, intersections, exclusions, boosts and deletions are combined here as Whoosh's
    matchers combine them (float additions in the same grouping, so the same sums); term
    postings scored by ``PassageScorer`` are read whole, and so are a phrase's words
    (``_phrase_scores``); any other matcher (a prefix over many terms with a constant
    score, say) is walked one passage at a time through its own methods.
    """
    kind = type(matcher)  # (no is_active here: a union's recurses through its subtree)
    if kind is UnionMatcher:
        return _union(match_scores(matcher.a), match_scores(matcher.b))
    if kind is IntersectionMatcher or kind is _LazyIntersection:
        a, b = match_scores(matcher.a), match_scores(matcher.b)
        small, large = (a, b) if len(a) <= len(b) else (b, a)
        return {d: s + large[d] for d, s in small.items() if d in large}
    if kind is AndNotMatcher:
        a, b = match_scores(matcher.a), match_scores(matcher.b)
        return {d: s for d, s in a.items() if d not in b}
    if kind is AndMaybeMatcher:
        a, b = match_scores(matcher.a), match_scores(matcher.b)
        return {d: s + b[d] if d in b else s for d, s in a.items()}
    if kind is WrappingMatcher:
        return _boosted(match_scores(matcher.child), matcher.boost)
    if kind is FilterMatcher:
        ids, exclude = matcher._ids, matcher._exclude
        child = match_scores(matcher.child)
        return _boosted({d: s for d, s in child.items() if (d in ids) != exclude}, matcher.boost)
    if kind is _LazyPhraseMatcher or kind is SpanNear2.SpanNear2Matcher:
        phrase = _phrase_scores(matcher)
        if phrase is not None:
            return phrase
    leaf = _leaf_scores(matcher)
    if leaf is not None:
        return leaf
    scores: Scores = {}
    while matcher.is_active():
        scores[matcher.id()] = matcher.score()
        matcher.next()
    return scores


def _union(a: Scores, b: Scores) -> Scores:
    if len(a) < len(b):
        a, b = b, a
    out = dict(a)
    for d, s in b.items():
        t = out.get(d)
        out[d] = s if t is None else t + s
    return out


def _boosted(scores: Scores, boost: float) -> Scores:
    return scores if boost == 1.0 else {d: s * boost for d, s in scores.items()}


def _leaf_scores(matcher: Any) -> Scores | None:
    """A term's postings scored whole, or None for a matcher this cannot read."""
    postings = _postings(matcher)
    if postings is None:
        return None
    scorer, blocks = postings
    scores: Scores = {}
    for ids, weights, _ in blocks:
        scores.update(zip(ids, scorer.scores(ids, weights)))
    return scores


Block = tuple[Sequence[int], Sequence[float], Callable[[], Sequence[Any]]]


def _postings(matcher: Any) -> tuple[PassageScorer, Iterator[Block]] | None:
    """A term's scorer and its postings a block at a time (ids, weights, and a function
    that decodes the block's values); None for a matcher that is not a term scored by
    ``PassageScorer``."""
    kind = type(matcher)
    if kind is _LeafMatcher and type(matcher.scorer) is PassageScorer:
        return matcher.scorer, matcher.blocks()
    if kind is ListMatcher and type(matcher._scorer) is PassageScorer:
        i = matcher._i
        ids = matcher._ids[i:]
        if matcher._all_weights:
            weights: Sequence[float] = [matcher._all_weights] * len(ids)
        elif matcher._weights:
            weights = matcher._weights[i:]
        else:
            weights = [1.0] * len(ids)
        values = matcher._values[i:] if matcher._values is not None else (None,) * len(ids)
        matcher._i = len(matcher._ids)
        return matcher._scorer, iter([(ids, weights, lambda: values)])
    return None


def posting_weight(matcher: Any, docnum: int) -> float:
    """The weight (how often the term occurs) of ``docnum``'s posting in a term's
    postings, 0 if it has none; the matcher is moved past what it skips. Blocks are
    skipped by their headers and the passage found by bisection, where Whoosh's
    ``skip_to`` steps through a block a posting at a time."""
    if type(matcher) is ListMatcher:
        ids = matcher._ids
        i = bisect_left(ids, docnum)
        if i == len(ids) or ids[i] != docnum:
            return 0.0
        if matcher._all_weights:
            return float(matcher._all_weights)
        return float(matcher._weights[i]) if matcher._weights else 1.0
    if type(matcher) is not _LeafMatcher:
        while matcher.is_active() and matcher.id() < docnum:
            matcher.skip_to(docnum)
        return matcher.weight() if matcher.is_active() and matcher.id() == docnum else 0.0
    while matcher.is_active() and matcher.block_max_id() < docnum:
        matcher._next_block()
    if not matcher.is_active():
        return 0.0
    if matcher._ids is None:
        matcher._read_ids()
    ids = matcher._ids
    i = bisect_left(ids, docnum)
    if i == len(ids) or ids[i] != docnum:
        return 0.0
    if matcher._weights is None:
        matcher._read_weights()
    return float(matcher._weights[i])


class PhraseQuery(Phrase):  # type: ignore[misc]
    """Whoosh's phrase query, whose matcher looks for its first passage only when walked.

    Whoosh's phrase matcher walks its words' postings to its first passage as it is built;
    ``match_scores`` reads those postings whole instead (``_phrase_scores``), so that walk
    was a second reading of them (0.3 ms of a query over the benchmark's queries, a third
    of which are phrases). Walked (facets, or a word this cannot read), it is Whoosh's.
    """

    def copy(self) -> PhraseQuery:
        """Field by field, its lists copied (``_field_copy``)."""
        return _field_copy(self, words=self.words, char_ranges=self.char_ranges)

    def matcher(self, searcher: Any, context: Any = None) -> Any:
        if self.fieldname not in searcher.schema:
            return NullMatcher()
        field = searcher.schema[self.fieldname]
        if not field.format or not field.format.supports("positions"):
            return super().matcher(searcher, context)  # Whoosh's error
        reader = searcher.reader()
        words = []
        for word in self.words:
            try:
                word = field.to_bytes(word)
            except ValueError:
                return NullMatcher()
            if (self.fieldname, word) not in reader:
                return NullMatcher()
            words.append(Term(self.fieldname, word).matcher(searcher, context))
        m = _LazyPhraseMatcher(words, self.slop)
        return m if self.boost == 1.0 else WrappingMatcher(m, boost=self.boost)


class _Lazy:
    """A Whoosh matcher made (and so walked to its first passage) only on first use of
    anything but the attributes in ``_OWN``, which ``match_scores`` reads; ``_make`` runs
    the matcher's own ``__init__``."""

    _OWN: frozenset[str] = frozenset()

    def __getattribute__(self, name: str) -> Any:
        if name not in type(self)._OWN and object.__getattribute__(self, "_lazy"):
            self._lazy = False
            self._make()
        return object.__getattribute__(self, name)

    def _make(self) -> None:
        raise NotImplementedError


class _LazyPhraseMatcher(_Lazy, SpanNear2.SpanNear2Matcher):  # type: ignore[misc]
    """Whoosh's phrase matcher, made on first use of anything but its words and settings."""

    _OWN = frozenset({"ms", "slop", "ordered", "mindist", "_lazy", "_make"})

    def __init__(self, ms: list[Any], slop: int) -> None:
        self.ms, self.slop, self.ordered, self.mindist = ms, slop, True, 1
        self._lazy = True

    def _make(self) -> None:
        SpanNear2.SpanNear2Matcher.__init__(self, self.ms, slop=self.slop, ordered=True, mindist=1)


def _field_copy(query: Any, **lists: Any) -> Any:
    """``query`` copied attribute by attribute, these (lists) copied too: Whoosh copies a
    query with ``copy.deepcopy``, and its parser copies every term of a query of several
    words (merging their ORs), a fifth of parsing one."""
    twin = object.__new__(type(query))
    twin.__dict__.update(query.__dict__)
    twin.__dict__.update((k, list(v)) for k, v in lists.items() if v is not None)
    return twin


class TermQuery(Term):  # type: ignore[misc]
    """Whoosh's term query, copied field by field (``_field_copy``); a term's attributes
    are immutable."""

    def copy(self) -> TermQuery:
        return _field_copy(self)


class AndQuery(And):  # type: ignore[misc]
    """Whoosh's AND, whose intersection looks for its first passage only when walked.

    Whoosh's ``IntersectionMatcher`` walks both sides to their first common passage as
    it is built; ``match_scores`` reads both sides whole instead, so that walk was wasted:
    in a profile of the benchmark's 200 queries at 80k passages, 0.19 s of the 0.72 s
    spent building matchers (a third of the queries have an AND). Walked, it is Whoosh's.
    """

    def _matcher(self, subs: list[Any], searcher: Any, context: Any) -> Any:
        reader = searcher.reader()
        return self._tree_matcher(
            subs, _LazyIntersection, searcher, context, lambda q: 0 - q.estimate_size(reader)
        )


class _LazyIntersection(_Lazy, IntersectionMatcher):  # type: ignore[misc]
    """Whoosh's intersection, made on first use of anything but its two sides."""

    _OWN = frozenset({"a", "b", "_lazy", "_make"})

    def __init__(self, a: Any, b: Any) -> None:
        self.a, self.b = a, b
        self._lazy = True

    def _make(self) -> None:
        IntersectionMatcher.__init__(self, self.a, self.b)


class _Positions:
    """One word's spans in one passage, as a phrase matcher asks a term matcher for them."""

    __slots__ = ("_spans",)

    def __init__(self, positions: Sequence[int]) -> None:
        self._spans = [Span(p) for p in positions]

    def spans(self) -> list[Any]:
        return self._spans


class _Phrase:
    """What Whoosh's phrase matcher reads to find a phrase in the current passage: its
    settings and a term matcher per word (here ``_Positions``)."""

    def __init__(self, matcher: Any, words: list[_Positions]) -> None:
        self.slop, self.mindist, self.ordered = matcher.slop, matcher.mindist, matcher.ordered
        self.ms = words


def _phrase_scores(matcher: Any) -> Scores | None:
    """A phrase's passages with their scores, its words' postings read whole.

    Whoosh walks the intersection of the words' postings one passage at a time and
    decodes positions where all are present. Here each word's ids are read a block at a
    time, the passages holding every word are found by set intersection, and only there
    are postings scored and positions decoded and tested: words in a row for a phrase
    without slop (``_in_a_row``), Whoosh's own span test otherwise. A passage scores the
    sum of its words' scores, added in the tree Whoosh's phrase matcher adds them in.
    None when a word is not a term this can read (the phrase is then walked).
    """
    words = []
    for m in matcher.ms:
        allowed, exclude = None, False
        if type(m) is FilterMatcher:  # deleted passages
            allowed, exclude, m = m._ids, m._exclude, m.child
        postings = _postings(m)
        if postings is None:
            return None
        scorer, blocks = postings
        read = list(blocks)
        present: set[int] = set()
        for ids, _, _ in read:
            present.update(ids)
        if allowed is not None:
            present = present - allowed if exclude else present & allowed
        decode = (m._format if type(m) is ListMatcher else m.format).decode_positions
        words.append((scorer, read, present, decode))
    common = set.intersection(*(present for _, _, present, _ in words))
    if not common:
        return {}
    found: list[dict[int, tuple[float, Callable[[], Sequence[Any]], int]]] = []
    for scorer, read, _, _ in words:
        postings: dict[int, tuple[float, Callable[[], Sequence[Any]], int]] = {}
        for ids, weights, values in read:
            here = common.intersection(ids)
            if not here:
                continue
            ks = [bisect_left(ids, d) for d in sorted(here)]
            scores = scorer.scores([ids[k] for k in ks], [weights[k] for k in ks])
            for k, score in zip(ks, scores):
                postings[ids[k]] = (score, values, k)
        found.append(postings)
    out: Scores = {}
    decoded: dict[int, Sequence[Any]] = {}
    adjacent = matcher.slop == 1 and matcher.ordered and matcher.mindist == 1
    for d in sorted(common):
        positions = []
        for postings, (_, _, _, decode) in zip(found, words):
            _, values, k = postings[d]
            block = decoded.get(id(values))
            if block is None:
                block = decoded[id(values)] = values()
            positions.append(decode(block[k]))
        if (
            _in_a_row(positions)
            if adjacent
            else SpanNear2.SpanNear2Matcher._get_spans(
                _Phrase(matcher, [_Positions(p) for p in positions])
            )
        ):
            out[d] = _tree_sum([postings[d][0] for postings in found])
    return out


def _in_a_row(positions: list[Sequence[int]]) -> bool:
    """Whether the words stand one after the other somewhere: what Whoosh's span test
    finds for a phrase without slop (each word one position after the one before),
    without a span object per position."""
    starts = set(positions[0])
    for i, later in enumerate(positions[1:], 1):
        starts.intersection_update([p - i for p in later])
        if not starts:
            return False
    return bool(starts)


def _tree_sum(scores: list[float]) -> float:
    """The sum in the grouping of Whoosh's ``make_binary_tree`` of intersections."""
    if len(scores) == 1:
        return scores[0]
    half = len(scores) // 2
    return _tree_sum(scores[:half]) + _tree_sum(scores[half:])


class TopPassages(TopCollector):  # type: ignore[misc]
    """Whoosh's top-N collector, fed every match of a segment at once (``match_scores``)
    and filtered by the passages ``allow`` matches; it counts every match as it goes, so
    a total costs nothing more."""

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
