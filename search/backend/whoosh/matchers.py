"""A query's matches scored a posting list at a time.

Whoosh ranks by walking its matcher tree one passage at a time: for a word in the text
and prompt fields of three languages and in the name keys, every matching passage costs
a dozen Python calls through a tree of unions, plus the collector's own, and Whoosh's
block-max pruning rarely skips anything (common words fill most blocks).
``match_scores`` asks the same matcher tree for every match at once instead: a term's
postings are read a block at a time and scored in one pass with the formula
``BM25FScorer`` uses, then combined the way the tree's unions and intersections combine
them. The scores are Whoosh's own, float for float (tests/test_scoring.py compares
them), and every match is scored, so the top hits are exact where pruning could miss one.

This reads Whoosh matchers' private fields (``_ids``, ``_weights``, ``_scorer`` ...):
it belongs to the backend, the one place allowed to (tests/test_layout.py).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from . import _whoosh  # noqa: F401  (first: imports Whoosh without its unused stdlib baggage)

# isort: split
from whoosh.matching import (
    AndMaybeMatcher,
    AndNotMatcher,
    FilterMatcher,
    IntersectionMatcher,
    ListMatcher,
    UnionMatcher,
    WrappingMatcher,
)
from whoosh.query.spans import Span, SpanNear2

from .postings import _LeafMatcher
from .queries import _LazyIntersection, _LazyPhraseMatcher
from .scoring import PassageScorer

Scores = dict[int, float]


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
    if kind is ListMatcher and matcher._scorer is None:
        return _listed_scores(matcher)
    scores: Scores = {}
    while matcher.is_active():
        scores[matcher.id()] = matcher.score()
        matcher.next()
    return scores


def _listed_scores(matcher: Any) -> Scores:
    """A list of passages without a scorer (an ``Admitted`` clause: every passage of a
    language holding a stop word, thousands for a common one), each scored its weight as
    ``ListMatcher.score`` gives it, read whole instead of four calls a passage."""
    i = matcher._i
    ids = matcher._ids[i:]
    matcher._i = len(matcher._ids)
    if matcher._all_weights:
        return dict.fromkeys(ids, matcher._all_weights)
    if matcher._weights:
        return dict(zip(ids, matcher._weights[i:], strict=True))
    return dict.fromkeys(ids, 1.0)


def match_ids(matcher: Any) -> list[int]:
    """Every passage ``matcher`` matches from its current position, ascending; the
    matcher is used up. A term's postings are read a block at a time, unions,
    intersections and deletions combined as sets; any other matcher is walked."""
    kind = type(matcher)
    if kind is UnionMatcher:
        return sorted(set(match_ids(matcher.a)).union(match_ids(matcher.b)))
    if kind is IntersectionMatcher or kind is _LazyIntersection:
        a, b = match_ids(matcher.a), match_ids(matcher.b)
        small, large = (a, b) if len(a) <= len(b) else (b, a)
        kept = set(large)
        return [d for d in small if d in kept]
    if kind is FilterMatcher:
        kept, exclude = matcher._ids, matcher._exclude
        return [d for d in match_ids(matcher.child) if (d in kept) != exclude]
    ids: list[int] = []
    if kind is _LeafMatcher:
        for block, _, _ in matcher.blocks():
            ids.extend(block)
        return ids
    while matcher.is_active():
        ids.append(matcher.id())
        matcher.next()
    return ids


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
        scores.update(zip(ids, scorer.scores(ids, weights), strict=True))
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
    are positions decoded and tested: words in a row for a phrase without slop
    (``_in_a_row``), Whoosh's own span test otherwise. Only the passages that hold the
    phrase are scored (two common words share many passages and few phrases), each the
    sum of its words' scores, added in the tree Whoosh's phrase matcher adds them in.
    None when a word is not a term this can read (the phrase is then walked).
    """
    words = []
    for m in matcher.ms:
        allowed, exclude = None, False
        if type(m) is FilterMatcher:  # deleted passages
            allowed, exclude, m = m._ids, m._exclude, m.child
        term = _postings(m)
        if term is None:
            return None
        scorer, blocks = term
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
    # Where each word's posting of each common passage is: its block and index there.
    where: list[dict[int, tuple[int, int]]] = []
    for _, read, _, _ in words:
        at: dict[int, tuple[int, int]] = {}
        for b, (ids, _, _) in enumerate(read):
            here = common.intersection(ids)
            if here:
                at.update((d, (b, bisect_left(ids, d))) for d in here)
        where.append(at)
    docs = sorted(common)
    positions = []  # per word, its positions in each of docs
    for (_, read, _, decode), at in zip(words, where, strict=True):
        places = [at[d] for d in docs]
        values = {b: read[b][2]() for b in {b for b, _ in places}}
        positions.append([decode(values[b][k]) for b, k in places])
    if matcher.slop == 1 and matcher.ordered and matcher.mindist == 1:
        kept = [
            d
            for d, *word_positions in zip(docs, *positions, strict=True)
            if _in_a_row(word_positions)
        ]
    else:
        kept = [
            d
            for d, *word_positions in zip(docs, *positions, strict=True)
            if SpanNear2.SpanNear2Matcher._get_spans(
                _Phrase(matcher, [_Positions(p) for p in word_positions])
            )
        ]
    scores = [
        _scores_of(scorer, read, at, kept)
        for (scorer, read, _, _), at in zip(words, where, strict=True)
    ]
    return {d: _tree_sum([word[d] for word in scores]) for d in kept}


def _scores_of(
    scorer: PassageScorer, read: list[Block], at: dict[int, tuple[int, int]], docs: list[int]
) -> Scores:
    """One word's score in each of ``docs``, its postings scored a block at a time."""
    by_block: dict[int, list[int]] = {}
    for d in docs:
        by_block.setdefault(at[d][0], []).append(at[d][1])
    out: Scores = {}
    for b, ks in by_block.items():
        ids, weights, _ = read[b]
        chosen = [ids[k] for k in ks]
        out.update(zip(chosen, scorer.scores(chosen, [weights[k] for k in ks]), strict=True))
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
