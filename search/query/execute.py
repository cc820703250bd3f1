"""Execution: run a parsed query with its filter, rank deterministically (score, then
id), and decorate each hit with its highlights and snippet; facets over every match."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any

from ..backend.whoosh import _whoosh  # noqa: F401  (first: Whoosh without its unused stdlib)

# isort: split
from ..backend.whoosh.collector import TopPassages
from ..errors import READ_ERRORS, IndexDamaged, QueryError, reading_index
from ..model import Hit, Passage, Record
from ..schema import field_lang, passage_from_body
from .filters import Filters, filter_query
from .highlight import (
    _query_terms,
    highlight_spans,
    query_spellings,
    question_spans,
    snippet,
    term_counts,
)


class SearchResult(Record):
    """A page of hits, the count of every match (``total``), a spelling to try when there
    are few, the matches per speaker, language and source (``facets``, when asked), and
    how the filters were read (``Filters.notes``)."""

    def __init__(
        self,
        hits: list[Hit],
        total: int,
        suggestion: str | None = None,
        facets: dict[str, dict[str, int]] | None = None,
        notes: list[str] | None = None,
    ) -> None:
        self.hits = hits
        self.total = total
        self.suggestion = suggestion
        self.facets: dict[str, dict[str, int]] = {} if facets is None else facets
        self.notes: list[str] = [] if notes is None else notes


def run(
    searcher: Any,
    schema: Any,
    q: Any,
    query_text: str,
    filters: Filters,
    limit: int,
    documents: Mapping[str, dict[str, Any]],
    plays: dict[str, str],
    with_facets: bool = False,
) -> SearchResult:
    """Search, then rank deterministically (score, then id) and decorate each hit."""
    flt = filter_query(filters)
    from whoosh.query.qcore import QueryError as WhooshQueryError

    # Passages past the cut show whether a tie crosses it; then the window widens until
    # the whole tied group is in, so ties break by id, not by index order. (Starting at
    # one past the cut measured slower: duplicated passages tie often, and each widening
    # is another search.)
    window = max(limit, 1) + 20
    while True:
        try:
            collector = TopPassages(window, allow=flt)
            searcher.search_with_collector(q, collector)
            results = collector.results()
        except WhooshQueryError as err:
            raise QueryError(f"cannot run query {query_text!r}: {err}") from err
        except READ_ERRORS as err:
            raise IndexDamaged(f"the index is damaged ({type(err).__name__}: {err})") from err
        rows = [(round(score, 6), docnum) for score, docnum in results.top_n]
        if len(rows) < window or rows[-1][0] < rows[max(limit, 1) - 1][0]:
            break
        window *= 4
    stored: dict[int, dict[str, Any]] = {}
    with reading_index("the index"):
        rows = _ranked(searcher, rows, stored)[:limit]
    terms = _query_terms(q, searcher.reader()) if rows else {}
    passages: list[Passage] = []
    with reading_index("the index"):
        for _, docnum in rows:
            doc = stored.get(docnum) or searcher.stored_fields(docnum)
            passages.append(passage_from_body(doc["body"], documents.get(doc["source"])))
        counts = term_counts(
            searcher.reader(),
            {
                docnum: (f"text_{field_lang(p.lang)}", "names")
                for (_, docnum), p in zip(rows, passages, strict=True)
            },
            terms,
        )
    hits: list[Hit] = []
    seeds = query_spellings(query_text) if rows else frozenset()
    for rank, ((score, docnum), passage) in enumerate(zip(rows, passages, strict=True), start=1):
        spans = highlight_spans(passage, terms, schema, counts[docnum], seeds)
        hits.append(
            Hit(
                passage,
                rank,
                score,
                snippet(passage.text, spans),
                spans,
                query_text,
                plays.get(passage.speaker or ""),
                question_spans(passage, terms, schema),
            )
        )
    total = len(results)  # TopPassages counted every match as it scored it
    facets: dict[str, dict[str, int]] = {}
    if with_facets:
        with reading_index("the index"):
            facets = facet_counts(searcher, q, flt)
    return SearchResult(hits, total, facets=facets)


def _ranked(
    searcher: Any, rows: list[tuple[float, int]], stored: dict[int, dict[str, Any]]
) -> list[tuple[float, int]]:
    """Rows by score, then by id among equal scores: an id is read only for a passage
    that ties, since reading one is a stored-field lookup (kept in ``stored``, for the
    hit it may be)."""
    ties = Counter(score for score, _ in rows)

    def key(row: tuple[float, int]) -> tuple[float, str]:
        score, docnum = row
        if ties[score] < 2:
            return -score, ""
        doc = stored[docnum] = searcher.stored_fields(docnum)
        return -score, doc["id"]

    return sorted(rows, key=key)


def facet_counts(searcher: Any, q: Any, flt: Any) -> dict[str, dict[str, int]]:
    """Hits per speaker, language and source over every match, not just the first page."""
    counts: dict[str, Counter[str]] = {"speaker": Counter(), "lang": Counter(), "source": Counter()}
    results = searcher.search(q, limit=None, filter=flt, scored=False, terms=False)
    for docnum in results.docs():
        stored = searcher.stored_fields(docnum)
        for name in counts:
            value = stored.get(name)
            if value:
                counts[name][value] += 1
    return {name: dict(c.most_common()) for name, c in counts.items()}
