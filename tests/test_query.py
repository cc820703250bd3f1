"""Querying helpers: highlighting's word analysis."""

from __future__ import annotations

import random
from collections import Counter

import pytest

from search.analysis import analyzer, word_spans, word_terms
from search.query.highlight import _matching_spans, query_spellings

TEXTS = {
    "fr": "L'orchestre joue aujourd'hui : les musiciens d’Andreï répètent l'ouverture.",
    "en": "The conductor's rehearsals were organized; the musicians' harmonies",
    "de": "Die Geigerin übt Tschaikowskis Konzert, und die Musiker proben täglich.",
    "it": "L'orchestra dell'opera suona; gli archi e l’ultima prova",
    None: "Хорошо: l'Orchestre du Bolchoï, O'Neill, 3.5 et Mélanie",
}


@pytest.mark.parametrize("lang", list(TEXTS))
def test_words_analysed_together_get_the_terms_each_gets_alone(lang: str | None) -> None:
    text = TEXTS[lang]
    ana = analyzer(lang)
    words = sorted({text[a:b] for a, b in word_spans(text, ana.items[0].apostrophes)})
    alone = {
        w: tuple((t.text, t.startchar, t.endchar) for t in ana(w, chars=True, mode="index"))
        for w in words
    }
    assert word_terms(ana, words) == alone


@pytest.mark.parametrize("lang", ["en", "fr", "de", "it", "ru", None, "names"])
def test_word_terms_a_filter_at_a_time_equal_the_chain_on_random_words(lang: str | None) -> None:
    """``word_terms`` runs our filters over whole lists; every word, whole or not (marks,
    apostrophes the tokenizer splits at), must get what the chain gives it alone."""
    from search.names import names_analyzer

    ana = names_analyzer() if lang == "names" else analyzer(lang)
    rng = random.Random(11)
    pieces = [
        "a",
        "e",
        "i",
        "o",
        "u",
        "y",
        "s",
        "z",
        "ß",
        "ae",
        "ue",
        "ch",
        "tsch",
        "l'",
        "d’",
        "'s",
        "’s",
        "qu'",
        "3",
        "É",
        "Ä",
        "ï",
        "\u0301",
        "Ж",
        "ё",
        "_",
        "ʼ",
        "L",
        "I",
        "ize",
        "ing",
        "ness",
        "ov",
        "ski",
        "Mc",
        "O'",
        "les",
        "the",
        "und",
        "-",
    ]
    words = sorted(
        {"".join(rng.choice(pieces) for _ in range(rng.randrange(1, 7))) for _ in range(3000)}
    )
    alone = {
        w: tuple((t.text, t.startchar, t.endchar) for t in ana(w, chars=True, mode="index"))
        for w in words
    }
    assert word_terms(ana, words) == alone


def test_word_terms_keep_offsets_inside_the_word_and_stop_words_empty() -> None:
    terms = word_terms(analyzer("fr"), ["L'orchestre", "les", "d’Andreï"])
    assert terms == {
        "L'orchestre": (("orchestr", 2, 11),),
        "les": (),
        "d’Andreï": (("andrei", 2, 8),),
    }


def _by_word(text: str, lang: str | None, wanted: set[str]) -> list[tuple[int, int]]:
    """The spans a word at a time: every word analysed, its terms compared."""
    ana = analyzer(lang)
    out = []
    for start, end in word_spans(text, ana.items[0].apostrophes):
        for t in ana(text[start:end], chars=True, mode="index"):
            if t.text in wanted:
                out.append((start + t.startchar, start + t.endchar))
    return sorted(out)


@pytest.mark.parametrize("lang", ["fr", "en", "de", "it", None])
def test_matching_spans_find_every_word_a_word_at_a_time_finds(
    lang: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Texts without combining marks are read by regular expression and ``str.find``;
    the spans must be those of analysing each word (texts with marks are read a word at
    a time)."""
    rng = random.Random(7)
    plain = [
        "orchestre",
        "Orchestre",
        "l'orchestre",
        "l’orchestre",
        "d'orchestres",
        "orchestral",
        "xorchestre",
        "orchestre_",
        "musiciens",
        "musicien",
        "Musik",
        "qu'il",
        "aujourd'hui",
        "'",
        "’",
        "ʼ",
        " ",
        " ",
        ", ",
        ".",
        "-",
        "—",
        "…",
        "3",
        "é",
        "ü",
        "«",
        "»",
        "Straße",
        "strasse",
        "x'y",
        "€",
    ]
    marked = ["\u0301", "Меланья", "e\u0301te\u0301"]
    monkeypatch.setattr("search.query.highlight._WORDS", {})  # no word known yet
    ana = analyzer(lang)
    vocabulary = sorted({t.text for p in plain + marked for t in ana(p)})
    for n in range(600):
        pieces = plain + marked if n % 3 == 0 else plain
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(1, 25)))
        wanted = set(rng.sample(vocabulary, k=min(3, len(vocabulary))))
        expected = _by_word(text, lang, wanted)
        # Told how often each term occurs (as the index would), the known spellings are
        # looked for first; what they miss (a word not seen yet) sends it back to
        # reading the whole text.
        counts = Counter(t.text for t in ana(text, mode="index") if t.text in wanted)
        assert sorted(set(_matching_spans(text, ana, wanted, counts))) == sorted(set(expected)), (
            text,
            wanted,
            counts,
        )
        assert sorted(_matching_spans(text, ana, wanted)) == expected, (text, wanted)
        # ... and so they are when the query's own spellings are known first
        seeds = query_spellings(" ".join(rng.sample(plain, k=3)))
        got = _matching_spans(text, ana, wanted, counts, seeds)
        assert sorted(set(got)) == sorted(set(expected)), (text, wanted, seeds)


def test_a_hit_spelling_its_match_as_the_query_does_is_not_read_word_by_word(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from search.query import highlight

    monkeypatch.setattr(highlight, "_WORDS", {})
    ana = analyzer("en")
    text = "The Orchestra tours; every orchestra needs its players and its conductor."
    seeds = query_spellings("orchestra")
    assert seeds == {"orchestra", "Orchestra", "ORCHESTRA"}
    spans = sorted(_matching_spans(text, ana, {"orchestra"}, {"orchestra": 2}, seeds))
    assert spans == _by_word(text, "en", {"orchestra"}) == [(4, 13), (27, 36)]
    assert "conductor" not in highlight._WORDS[id(ana)].terms  # the text was not read
    # a form the query does not spell ("orchestras") sends it back to reading the text
    plural = "Two orchestras and one orchestra."
    spans = sorted(_matching_spans(plural, ana, {"orchestra"}, {"orchestra": 2}, seeds))
    assert spans == _by_word(plural, "en", {"orchestra"})
    assert "orchestras" in highlight._WORDS[id(ana)].terms


def test_highlights_stay_whole_when_the_word_cache_overflows(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Past its size the word cache starts over; the text at hand must still find every
    word it needs, in the plain path and in the word-at-a-time one (marks)."""
    from search.query import highlight

    monkeypatch.setattr(highlight, "_WORD_CACHE_SIZE", 6)
    monkeypatch.setattr(highlight, "_WORDS", {})
    ana = analyzer("fr")
    texts = [
        "L'orchestre joue, les musiciens jouent : orchestre et musique.",
        "Чайковский et l’orchestre de Moscou jouent Чайковский.",
        "Le violon, l'alto et le violoncelle de l'orchestre.",
        "Чайковский, Brodsky, Clarens : l'orchestre.",
    ]
    for _ in range(2):
        for text in texts:
            for wanted in ({"orchestr"}, {"чайковск", "brodsky"}, {"jouent", "violon"}):
                assert sorted(_matching_spans(text, ana, wanted)) == _by_word(text, "fr", wanted)


PRUNED = [
    "violin",
    "harmony concert",
    "violin AND trumpet",
    "orchestra NOT tempo",
    "violin ANDMAYBE concert",
    '"final concert"',
    "orch*",
    "violn~",
    "Tschaikowski",
    "concert^3 chef",
    "(violin OR zzzq)^2",
    "violin AND zzzq",
    "zzzq OR qqqz",
]


@pytest.mark.parametrize("text", PRUNED)
def test_pruning_words_no_passage_holds_changes_no_answer(
    engine, text: str, monkeypatch: pytest.MonkeyPatch
):
    from whoosh.query import NullQuery

    from search.query import parse as parsing

    searcher = engine.backend.searcher()
    parser = engine.backend.parser(tuple(engine.known_langs()))
    q = parsing.parse(parser, text)
    pruned = parsing.prune(q, parsing.DocFrequencies(searcher))
    for leaf in pruned.leaves():
        for word in getattr(leaf, "words", None) or [getattr(leaf, "text", None)]:
            if type(leaf).__name__ in ("Term", "PhraseQuery"):
                assert searcher.doc_frequency(leaf.fieldname, word) > 0, (text, leaf)
    assert (pruned is NullQuery) == (text in ("violin AND zzzq", "zzzq OR qqqz"))
    if any(type(leaf).__name__ == "Term" for leaf in q.leaves()):  # (prefixes are kept)
        assert pruned is NullQuery or len(list(pruned.leaves())) < len(list(q.leaves()))
    got = engine.search(text, limit=50, suggest=False)
    monkeypatch.setattr(parsing, "prune", lambda q, df: q)
    unpruned = engine.search(text, limit=50, suggest=False)
    assert [h.passage.id for h in got.hits] == [h.passage.id for h in unpruned.hits]
    assert [h.score for h in got.hits] == pytest.approx([h.score for h in unpruned.hits], rel=1e-12)
    assert got.total == unpruned.total
    assert got.total > 0 or pruned is NullQuery


def test_doc_frequencies_are_the_searchers_and_forget_past_their_limit(engine, monkeypatch):
    from search.query import parse as parsing

    searcher = engine.backend.searcher()
    df = parsing.DocFrequencies(searcher)
    monkeypatch.setattr(parsing.DocFrequencies, "LIMIT", 3)
    words = ["violin", "orchestr", "concert", "zzzq", "harmoni"]
    for _ in range(2):
        assert [df("text_en", w) for w in words] == [
            searcher.doc_frequency("text_en", w) for w in words
        ]
        assert len(df._known) <= 3
    assert df("text_en", "violin") > 0 and df("no_such_field", "violin") == 0


def test_quick_parse_builds_what_whooshs_parser_builds_or_declines(engine):
    """Plain words, one phrase of plain words, and words joined by AND are built without
    Whoosh's parser; on every query either the two agree or the quick path declines."""
    from search.query import parse as parsing

    parser = engine.backend.parser(tuple(engine.known_langs()))
    rng = random.Random(3)
    vocabulary = [
        "violin",
        "Violin",
        "orchestra",
        "the",
        "les",
        "l",
        "x",
        "Tschaikowski",
        "Breschnews",
        "Mélanie",
        "musiciens",
        "2024",
        "AND",
        "OR",
        "NOT",
        "and",
        "über",
        "ist",
        "Straße",
        "harmony",
        "l'orchestre",
        "violin*",
        "viol~",
        "concert^2",
        "(violin",
        "x:y",
        "-",
        "\u0301",
    ]
    quick = 0
    for _ in range(1500):
        words = [rng.choice(vocabulary) for _ in range(rng.randrange(1, 5))]
        shape = rng.randrange(4)
        if shape == 1:
            text = '"' + " ".join(words) + '"'
        elif shape == 2:
            text = " AND ".join(words)
        else:
            text = " ".join(words)
        got = parsing.quick_parse(parser, text)
        if got is not None:
            quick += 1
            assert got == parser.parse(text), text
    assert quick > 300
    for text in ("ultimate harmony", '"final concert"', "violin AND trumpet"):
        assert parsing.quick_parse(parser, text) is not None, text
    for text in (
        "violin AND harmony AND",
        "AND violin AND harmony",
        "violin AND AND harmony",
        "violin AND harmony concert",
    ):  # a dangling AND is Whoosh's to read
        got = parsing.quick_parse(parser, text)
        assert got is None or got == parser.parse(text), text


def test_plain_queries_are_read_without_whooshs_parser_each_word_once_per_analyser(
    engine, monkeypatch
):
    from search.query import parse as parsing

    searcher = engine.backend.searcher()
    langs = engine.known_langs()
    parser = parsing.make_parser(searcher.schema, langs, engine.backend.field_docs())
    analysers = {id(searcher.schema[f].analyzer) for f in parser.fields}
    assert len(analysers) < len(parser.fields)  # a language's text and prompt share one
    first = parsing.parse(parser, "violin harmony")
    assert parser._whoosh is None
    assert len(parser._analysed) == 2 * len(analysers)
    assert parsing.parse(parser, "violin harmony") == first
    assert len(parser._analysed) == 2 * len(analysers)
    assert parsing.parse(parser, "violin*") == parser.parse("violin*")
    assert parser._whoosh is not None
    monkeypatch.setattr(parsing.QueryParser, "LIMIT", 3)
    small = parsing.make_parser(searcher.schema, langs, engine.backend.field_docs())
    for text in ("violin harmony", "orchestra", "violin harmony", "final concert"):
        assert parsing.parse(small, text) == parsing.parse(parser, text)
        assert len(small._analysed) <= 3 + len(analysers)


def test_snippet_window_is_the_densest_run_of_highlights():
    """The densest window is found by bisection over the highlights' ends; it must be
    where counting every highlight after each start puts it."""
    from search.model import Span
    from search.query.highlight import _densest

    def counted(spans: list[Span], width: int) -> int:
        best_start, best_count = spans[0].start, 0
        for i, span in enumerate(spans):
            count = sum(1 for s in spans[i:] if s.end <= span.start + width)
            if count > best_count:
                best_start, best_count = span.start, count
        return best_start

    rng = random.Random(4)
    for _ in range(2000):
        spans, at = [], 0
        for _ in range(rng.randrange(1, 30)):
            at += rng.randrange(1, 60)
            end = at + rng.randrange(1, 15)
            spans.append(Span(at, end))
            at = end
        width = rng.choice([20, 80, 240])
        assert _densest(spans, width) == counted(spans, width), (spans, width)


def test_term_counts_are_how_often_the_analyzer_finds_each_term_in_the_passage(engine):
    """What highlighting is told of a hit: the postings' count of each query term in the
    passage's field, equal to analysing the passage's text."""
    from search.analysis import analyzer as make_analyzer
    from search.query import highlight
    from search.query import parse as parsing
    from search.schema import field_lang

    searcher = engine.backend.searcher()
    parser = engine.backend.parser(tuple(engine.known_langs()))
    checked = 0
    for text in ("violin orchestra", "harmony", "concert OR chef", '"final concert"'):
        q = parsing.parse(parser, text)
        terms = highlight._query_terms(q, searcher.reader())
        hits = engine.search(text, limit=20).hits
        fields = {
            searcher.document_number(id=h.passage.id): f"text_{field_lang(h.passage.lang)}"
            for h in hits
        }
        every = highlight.term_counts(searcher.reader(), {d: [f] for d, f in fields.items()}, terms)
        for hit in hits:
            passage = hit.passage
            docnum = searcher.document_number(id=passage.id)
            counts = every[docnum][fields[docnum]]
            tokens = Counter(t.text for t in make_analyzer(passage.lang)(passage.text))
            assert counts == {
                t: float(tokens[t]) for t in terms.get(fields[docnum], ()) if tokens[t]
            }
            checked += bool(counts)
    assert checked > 3


def test_a_phrase_on_the_name_keys_keeps_their_lower_weight(engine):
    # The names field has no positions, so a phrase there becomes an AND of its words:
    # that AND must keep the field's boost, or a name-key match outranks the text's.
    from search.query import parse as parsing

    parser = engine.backend.parser(tuple(engine.known_langs()))
    q = parsing.parse(parser, '"ultimate harmony"')
    on_names = [
        node
        for node in q.children()
        if getattr(node, "subqueries", None)
        and all(getattr(s, "fieldname", None) == "names" for s in node.subqueries)
    ]
    assert on_names and all(node.boost == parsing.NAMES_BOOST for node in on_names)


@pytest.mark.parametrize(
    "text", ['"the was" AND also', 'also AND "the was"', '"final concert" AND the OR violin']
)
def test_a_phrase_beside_a_stop_word_in_an_and_is_answered(engine, text: str):
    """A stop word's clause in an AND admits its language's passages by the name keys of
    the clause's words; a phrase's leaf has words, not a text, and had raised there."""
    result = engine.search(text, limit=5)
    assert result.total >= 0 and len(result.hits) <= 5


@pytest.mark.parametrize("clauses", [2, 16, 17, 300])
def test_an_and_of_many_clauses_matches_what_one_of_them_does(engine, clauses: int) -> None:
    # Whoosh's weighted tree of an AND is a chain, one level per clause: walked, an AND of
    # 300 (a names-field phrase of 300 words) recursed past Python's limit.
    from search.backend.whoosh.queries import AndQuery, TermQuery

    searcher = engine.backend.searcher()
    term = TermQuery("text_en", "violin")
    assert searcher.doc_frequency("text_en", "violin") > 0
    expected = list(term.matcher(searcher).all_ids())
    matcher = AndQuery([TermQuery("text_en", "violin") for _ in range(clauses)]).matcher(searcher)
    assert matcher.is_active() and list(matcher.all_ids()) == expected


def test_a_query_too_deep_for_python_is_one_query_error(engine, monkeypatch) -> None:
    from search.errors import QueryError
    from search.query import execute

    def too_deep(*args: object, **kwargs: object) -> None:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(execute, "run", too_deep)
    with pytest.raises(QueryError, match=r"^cannot run query 'violin .*…': it nests or repeats"):
        engine.search("violin " * 40)
