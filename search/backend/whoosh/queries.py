"""Whoosh's query classes, changed where building their matchers did work the collector
does again: a phrase and an AND whose matchers look for their first passage only when
walked, terms and phrases copied field by field.
"""

from __future__ import annotations

from typing import Any

from . import _whoosh  # noqa: F401  (first: imports Whoosh without its unused stdlib baggage)

# isort: split
from whoosh.matching import IntersectionMatcher, NullMatcher, WrappingMatcher
from whoosh.query import And, ConstantScoreQuery, Phrase, Term
from whoosh.query.spans import SpanNear2


class PhraseQuery(Phrase):
    """Whoosh's phrase query, whose matcher looks for its first passage only when walked.

    Whoosh's phrase matcher walks its words' postings to its first passage as it is built;
    ``match_scores`` reads those postings whole instead (``_phrase_scores``), so that walk
    was a second reading of them. Walked (facets, or a word this cannot read), it is
    Whoosh's.
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


class _LazyPhraseMatcher(_Lazy, SpanNear2.SpanNear2Matcher):
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
    words (merging their ORs), a large part of parsing one."""
    twin = object.__new__(type(query))
    twin.__dict__.update(query.__dict__)
    twin.__dict__.update((k, list(v)) for k, v in lists.items() if v is not None)
    return twin


class TermQuery(Term):
    """Whoosh's term query, copied field by field (``_field_copy``); a term's attributes
    are immutable."""

    def copy(self) -> TermQuery:
        return _field_copy(self)


class AndQuery(And):
    """Whoosh's AND, whose intersection looks for its first passage only when walked.

    Whoosh's ``IntersectionMatcher`` walks both sides to their first common passage as
    it is built; ``match_scores`` reads both sides whole instead, so that walk was wasted,
    and it was much of the time spent building matchers for a query with an AND. Walked,
    it is Whoosh's.
    """

    def _matcher(self, subs: list[Any], searcher: Any, context: Any) -> Any:
        reader = searcher.reader()
        if len(subs) > BALANCED_OVER:
            # Whoosh's weighted tree of an AND is a chain, one level per word: walking a
            # query of 300 words recursed past Python's limit. Smallest first, balanced.
            subs = sorted(subs, key=lambda q: q.estimate_size(reader))
            return self._tree_matcher(subs, _LazyIntersection, searcher, context, None)
        return self._tree_matcher(
            subs, _LazyIntersection, searcher, context, lambda q: 0 - q.estimate_size(reader)
        )


#: An AND of more clauses than this is matched by a balanced tree (``AndQuery``).
BALANCED_OVER = 16


class _LazyIntersection(_Lazy, IntersectionMatcher):
    """Whoosh's intersection, made on first use of anything but its two sides."""

    _OWN = frozenset({"a", "b", "_lazy", "_make"})

    def __init__(self, a: Any, b: Any) -> None:
        self.a, self.b = a, b
        self._lazy = True

    def _make(self) -> None:
        IntersectionMatcher.__init__(self, self.a, self.b)


class Admitted(ConstantScoreQuery):
    """The passages of some languages that hold a stop word of theirs (by the ``stops``
    field), scoring nothing: what that word leaves of an AND's clause, since its
    language's field does not hold it. (Its own class so that copies keep the zero score:
    Whoosh rebuilds a wrapper from its child alone.)"""

    def _rewrap(self, child: Any) -> Admitted:
        return Admitted(child, self.score)

    def matcher(self, searcher: Any, context: Any = None) -> Any:
        """Its passages listed as Whoosh's constant-score matcher lists them, but read a
        block of postings at a time (``match_ids``): Whoosh asks the child for
        ``all_ids``, which walks every passage of the language one Python call at a
        time, for one clause of an AND."""
        from array import array

        from whoosh.matching import ListMatcher, NullMatcherClass
        from whoosh.searching import SearchContext

        from .matchers import match_ids

        context = context or SearchContext()
        m = self.child.matcher(searcher, context)
        if isinstance(m, NullMatcherClass):
            return m
        if not context.needs_current:
            m = ListMatcher(array("I", match_ids(m)), all_weights=self.score, term=m.term())
        # A ListMatcher reads a zero weight as "no weight" and scores 1: scale instead.
        return WrappingMatcher(m, boost=0.0)
