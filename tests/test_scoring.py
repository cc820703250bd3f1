"""Ranking: scores read a posting list at a time equal Whoosh's, passage by passage, and
the collector's top hits equal an exhaustive Whoosh search's."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from whoosh import index, query

from search.backend.whoosh import codec
from search.backend.whoosh.codec import Codec
from search.backend.whoosh.collector import TopPassages
from search.backend.whoosh.matchers import match_ids, match_scores
from search.backend.whoosh.queries import Admitted, AndQuery, PhraseQuery
from search.backend.whoosh.scoring import PassageBM25F, PassageScorer
from search.query import parse as search_query
from search.schema import make_schema

EN = ["violin", "orchestra", "harmony", "concert", "trumpet", "rehearsal", "score", "tempo"]
FR = ["violon", "orchestre", "harmonie", "concert", "trompette", "répétition", "chef"]
NAMES = ["Tchaikovsky", "Laurent", "Guskov", "Filipov", "Jacquet"]


def passages(seed: int, count: int) -> list[dict[str, str]]:
    """English and French passages of very different lengths, some with a prompt, the
    words drawn unevenly so that some are in most passages and some in a few."""
    rng = random.Random(seed)
    out = []
    for n in range(count):
        lang = "fr" if n % 3 == 0 else "en"
        vocab = FR if lang == "fr" else EN
        words = rng.choices(vocab, weights=range(len(vocab), 0, -1), k=rng.randrange(2, 60))
        doc = {
            "id": f"p{seed}-{n}",
            "lang": lang,
            f"text_{lang}": " ".join(words),
            "names": " ".join(rng.sample(NAMES, rng.randrange(0, 3))),
            "body": str(n),
        }
        if n % 4 == 0:
            doc[f"question_{lang}"] = " ".join(rng.choices(vocab, k=5))
        out.append(doc)
    return out


@pytest.fixture(params=[codec.INLINE_LIMIT, 1], ids=["inlined", "blocks"])
def ix(request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Two segments and deleted passages, postings inlined or all in blocks."""
    monkeypatch.setattr(codec, "INLINE_LIMIT", request.param)
    ix = index.create_in(str(tmp_path), make_schema())
    for seed, count in ((1, 400), (2, 150)):
        writer = ix.writer(codec=Codec())
        for doc in passages(seed, count):
            writer.add_document(**doc)
        writer.commit(merge=False)
    writer = ix.writer(codec=Codec())
    for n in range(0, 400, 7):
        writer.delete_by_term("id", f"p1-{n}")
    writer.commit(merge=False)
    return index.open_dir(str(tmp_path))


def weighting(ix: index.Index) -> PassageBM25F:
    with ix.searcher() as s:
        fields = ("text_en", "text_fr", "question_en", "question_fr", "names")
        return PassageBM25F(
            {f: len(list(s.documents())) // (2 if "text" in f else 3) for f in fields}
        )


QUERIES = [
    "violin",
    "harmony concert",
    "violin AND trumpet",
    "orchestra NOT tempo",
    "violin ANDMAYBE tempo",
    '"violin orchestra"',
    '"violin violin orchestra"',
    '"violin tempo"~3',
    '"orchestre concert"^2 chef',
    "orch*",
    "violn~",
    "tchaikovsky",
    "concert^3 chef",
    "laurent OR guskov AND score",
]


def parse(ix: index.Index, text: str) -> query.Query:
    return search_query.parse(search_query.make_parser(ix.schema, ["en", "fr"]), text)


def whooshs(q: query.Query) -> query.Query:
    """The query with Whoosh's own phrase and AND queries where ours are."""

    def own(node: query.Query) -> query.Query:
        if isinstance(node, PhraseQuery):
            return query.Phrase(node.fieldname, node.words, slop=node.slop, boost=node.boost)
        if isinstance(node, AndQuery):
            return query.And(node.subqueries, boost=node.boost)
        return node

    return q.accept(own)


def walked(matcher: object) -> dict[int, float]:
    """Whoosh's own answer: the matcher walked one passage at a time."""
    out = {}
    while matcher.is_active():
        out[matcher.id()] = matcher.score()
        matcher.next()
    return out


@pytest.mark.parametrize("text", QUERIES)
def test_scores_read_whole_equal_whooshs_passage_by_passage(ix: index.Index, text: str):
    q = parse(ix, text)
    with ix.searcher(weighting=weighting(ix)) as s:
        matched = 0
        for sub, _ in s.leaf_searchers():
            expected = walked(whooshs(q).matcher(sub, s.context(needs_current=True)))
            assert match_scores(q.matcher(sub, s.context(needs_current=True))) == expected, text
            matched += len(expected)
        assert matched > 0


@pytest.mark.parametrize(
    "weights",
    [{"all_weights": 2.5}, {"weights": [0.5, 1.5, 0.0, 2.0, 3.0]}, {}, {"all_weights": 0}],
    ids=["constant", "each", "none", "zero"],
)
def test_a_list_without_a_scorer_is_read_whole_as_whoosh_walks_it(weights):
    """An Admitted clause's passages (a ListMatcher with no scorer), from the matcher's
    current position, inside the zero boost that Admitted puts around them."""
    from array import array

    from whoosh.matching import ListMatcher, WrappingMatcher

    def listed() -> ListMatcher:
        m = ListMatcher(array("I", [3, 8, 9, 40, 41]), **weights)
        m.next()
        return m

    assert match_scores(listed()) == walked(listed())
    assert len(match_scores(listed())) == 4
    assert match_scores(WrappingMatcher(listed(), boost=0.0)) == walked(
        WrappingMatcher(listed(), boost=0.0)
    )
    used = listed()
    match_scores(used)
    assert not used.is_active()


def test_deleted_passages_are_never_scored(ix: index.Index):
    with ix.searcher(weighting=weighting(ix)) as s:
        first = next(sub for sub, offset in s.leaf_searchers() if offset == 0)
        deleted = first.reader().deleted_docs_set
        found = match_scores(
            query.Term("text_en", "violin").matcher(first, s.context(needs_current=True))
        )
    assert deleted and found and not deleted & found.keys()


def test_terms_are_scored_a_posting_list_at_a_time(
    ix: index.Index, monkeypatch: pytest.MonkeyPatch
):
    """A term's postings go through ``PassageScorer.scores`` whole, never ``score``."""

    def one_at_a_time(self: PassageScorer, matcher: object) -> float:
        raise AssertionError("scored one posting at a time")

    monkeypatch.setattr(PassageScorer, "score", one_at_a_time)
    with ix.searcher(weighting=weighting(ix)) as s:
        sub = next(iter(s.leaf_searchers()))[0]
        assert match_scores(parse(ix, "violin harmony").matcher(sub, s.context(needs_current=True)))


def test_phrases_are_found_from_whole_posting_lists(
    ix: index.Index, monkeypatch: pytest.MonkeyPatch
):
    """A phrase's words are read whole and only their common passages' positions are
    checked: Whoosh's phrase matcher is never walked passage by passage."""
    from whoosh.query.spans import SpanNear2

    def walked_on(self: object) -> None:
        raise AssertionError("the phrase matcher was walked")

    monkeypatch.setattr(SpanNear2.SpanNear2Matcher, "next", walked_on)
    monkeypatch.setattr(SpanNear2.SpanNear2Matcher, "_find_next", walked_on)  # to its first
    with ix.searcher(weighting=weighting(ix)) as s:
        found = sum(
            len(
                match_scores(
                    parse(ix, '"violin orchestra"').matcher(sub, s.context(needs_current=True))
                )
            )
            for sub, _ in s.leaf_searchers()
        )
    assert found > 0


def test_intersections_are_read_whole_never_walked(
    ix: index.Index, monkeypatch: pytest.MonkeyPatch
):
    """An AND's sides are read whole and intersected as sets: Whoosh's intersection is
    never walked to its first common passage."""
    from whoosh.matching import IntersectionMatcher

    def walked_on(self: object) -> None:
        raise AssertionError("the intersection was walked")

    monkeypatch.setattr(IntersectionMatcher, "_find_first", walked_on)
    monkeypatch.setattr(IntersectionMatcher, "next", walked_on)
    q = parse(ix, "violin AND orchestra")
    assert any(isinstance(node, AndQuery) for node in q.children()) or isinstance(q, AndQuery)
    with ix.searcher(weighting=weighting(ix)) as s:
        found = sum(
            len(match_scores(q.matcher(sub, s.context(needs_current=True))))
            for sub, _ in s.leaf_searchers()
        )
    assert found > 0


@pytest.mark.parametrize("text", QUERIES)
def test_top_passages_equal_an_exhaustive_whoosh_search(ix: index.Index, text: str):
    """The reference scores every match (Whoosh's TopCollector prunes: here it missed the
    best passage for "violin AND trumpet")."""
    q = parse(ix, text)
    allow = query.Term("lang", "en")
    with ix.searcher(weighting=weighting(ix)) as s:
        for limit, flt in ((5, None), (40, None), (5, allow)):
            every = s.search(q, limit=None, filter=flt).top_n
            ours = TopPassages(limit, allow=flt)
            s.search_with_collector(q, ours)
            got = ours.results()
            assert got.top_n == sorted(every, key=lambda hit: (-hit[0], hit[1]))[:limit], (
                text,
                limit,
                flt,
            )
            assert len(got) == len(every), (text, flt)
            assert every or flt is not None, text


def test_words_in_a_row_are_what_whooshs_span_test_finds_without_slop():
    """The phrase test for slop 1 works on position sets; Whoosh's walks spans."""
    from whoosh.query.spans import SpanNear2

    from search.backend.whoosh.matchers import _in_a_row, _Phrase, _Positions

    class Settings:
        slop, mindist, ordered = 1, 1, True

    rng = random.Random(5)
    for _ in range(3000):
        words = rng.randrange(1, 5)
        positions = [sorted(rng.sample(range(12), rng.randrange(0, 5))) for _ in range(words)]
        whooshs = SpanNear2.SpanNear2Matcher._get_spans(
            _Phrase(Settings(), [_Positions(p) for p in positions])
        )
        assert _in_a_row(positions) == bool(whooshs), positions


def test_a_segments_scorer_for_a_term_is_made_once_and_scores_the_same(ix: index.Index):
    w = weighting(ix)
    with ix.searcher(weighting=w) as s:
        sub = next(iter(s.leaf_searchers()))[0]
        first = w.scorer(sub, "text_en", b"violin")
        again = w.scorer(sub, "text_en", b"violin")
        other = w.scorer(sub, "text_en", b"orchestra")
        q = parse(ix, "violin orchestra")
        before = match_scores(q.matcher(sub, s.context(needs_current=True)))
        assert match_scores(q.matcher(sub, s.context(needs_current=True))) == before
    assert first is again and other is not first and before


def test_posting_weight_finds_each_passage_walking_forward(ix: index.Index):
    """One term's postings, asked for passages in increasing order (blocks skipped by
    their headers, a block searched by bisection), give what walking them gives."""
    from search.backend.whoosh.matchers import posting_weight

    rng = random.Random(2)
    with ix.searcher() as s:
        for sub, _ in s.leaf_searchers():
            reader = sub.reader()
            for term in ("violin", "orchestra", "tempo", "concert"):
                if ("text_en", term) not in reader:
                    continue
                walked = {}
                m = reader.postings("text_en", term)
                while m.is_active():
                    walked[m.id()] = m.weight()
                    m.next()
                asked = sorted(rng.sample(range(reader.doc_count_all()), 60) + list(walked)[::3])
                m = reader.postings("text_en", term)
                assert {d: w for d in asked if (w := posting_weight(m, d))} == {
                    d: walked[d] for d in asked if d in walked
                }


ID_QUERIES = [
    query.Term("lang", "fr"),
    query.Or([query.Term("lang", "fr"), query.Term("lang", "en")]),
    AndQuery([query.Term("lang", "en"), query.Term("text_en", "trumpet")]),
    AndQuery([query.Or([query.Term("lang", "fr")]), query.Or([query.Term("names", "laurent")])]),
    query.And([query.Term("lang", "en"), query.Or([query.Term("text_en", "tempo")])]),
    query.Or([query.Term("text_en", "violin"), query.Term("text_fr", "violon")]),
]


@pytest.mark.parametrize("q", ID_QUERIES, ids=str)
def test_passages_read_whole_equal_whooshs_all_ids(ix: index.Index, q: query.Query):
    """``match_ids`` (term postings a block at a time, sets combined) lists what Whoosh's
    own ``all_ids`` lists, deleted passages left out."""
    with ix.searcher(weighting=weighting(ix)) as s:
        listed = 0
        for sub, _ in s.leaf_searchers():
            expected = sorted(whooshs(q).matcher(sub, s.context()).all_ids())
            assert match_ids(q.matcher(sub, s.context())) == expected, q
            listed += len(expected)
    assert listed > 0


def test_an_admitted_clause_matches_as_whooshs_constant_score_query_scoring_nothing(
    ix: index.Index,
):
    """Admitted lists its passages without Whoosh's ``all_ids`` and scores them zero."""
    child = AndQuery([query.Or([query.Term("lang", "fr")]), query.Term("text_fr", "chef")])
    with ix.searcher(weighting=weighting(ix)) as s:
        listed = 0
        for sub, _ in s.leaf_searchers():
            expected = sorted(query.ConstantScoreQuery(whooshs(child)).matcher(sub).all_ids())
            admitted = walked(Admitted(child).matcher(sub, s.context(needs_current=False)))
            assert sorted(admitted) == expected
            assert set(admitted.values()) <= {0.0}
            listed += len(expected)
    assert listed > 0
