"""Query semantics a user relies on: exclusion (NOT, a leading -), double negation, and an
AND whose word is a stop word in one language but not another. Each test builds its own
small index of passages in several languages."""

from __future__ import annotations

from pathlib import Path

import pytest

from search.engine import Engine
from search.errors import QueryError
from search.query.parse import normalise_operators

GERMAN = """\
Ein Gespräch mit der Regisseurin über ihren Film.

Es war ein Irrtum zu glauben, dass man so einen Film einmal schnell dreht. Wir haben
jeden Tag geprobt, und das Orchester hat einmal sogar die ganze Nacht gespielt.

Die Kleinschreibung im Titel war ein Wunsch des Verlags. Wir haben lange darüber
gestritten, aber am Ende hat die Kleinschreibung gewonnen.

Ein Irrtum war auch die Besetzung der Geige: erst spät fand sich die richtige Solistin.
"""

ENGLISH = """\
The concert in Paris closes the film. The orchestra plays Tchaikovsky without a rehearsal.

The violin solo of the concert was recorded live, in one take, in the Bolshoi hall.

The violin teacher never came to the set; the actress learnt the violin from videos.

She said the error of her career was to refuse the role at first. One time she left.
"""

FRENCH = """\
Le concert final a été tourné en deux jours au Châtelet avec un vrai orchestre.

Les musiciens juifs de l'orchestre racontent l'exil ; le violon revient dans chaque scène.
"""

GERMAN_TOO = """\
Der größte Irrtum der Produktion betraf die Musik des Finales, sagte der Komponist im
Gespräch mit dem Radio. Die Kleinschreibung des Titels blieb bis zuletzt umstritten.
"""

SPANISH = """\
Entrevista con la directora sobre el concierto final.

Hemos ensayado el concierto durante semanas; la orquesta tocó sin partitura una vez.
"""


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    folder = tmp_path_factory.mktemp("mixed")
    for name, text in (
        ("interview_de.txt", GERMAN),
        ("radio_de.txt", GERMAN_TOO),
        ("review_en.txt", ENGLISH),
        ("presse_fr.txt", FRENCH),
        ("entrevista_es.txt", SPANISH),
    ):
        (folder / name).write_text(text, encoding="utf-8")
    engine = Engine(tmp_path_factory.mktemp("ix") / "index")
    engine.index([folder], procs=1)
    return engine


def texts(engine: Engine, query: str) -> list[str]:
    return [h.passage.text for h in engine.search(query, limit=50, suggest=False).hits]


def test_not_excludes_from_the_words_before_it(mixed: Engine) -> None:
    concert = texts(mixed, "concert")
    assert any("violin" in t for t in concert) and any("violin" not in t for t in concert)
    got = texts(mixed, "concert NOT violin")
    assert got and all("concert" in t.lower() for t in got)
    assert not any("violin" in t.lower() for t in got)
    assert sorted(got) == sorted(t for t in concert if "violin" not in t.lower())


def test_a_leading_minus_excludes_like_not(mixed: Engine) -> None:
    assert texts(mixed, "concert -violin") == texts(mixed, "concert NOT violin")
    assert texts(mixed, "concert (-violin)") == texts(mixed, "concert NOT violin")
    assert texts(mixed, "concert -violin") != texts(mixed, "concert violin")


def test_a_hyphen_inside_a_word_is_no_exclusion() -> None:
    assert normalise_operators("Miou-Miou self-confidence") == "Miou-Miou self-confidence"
    assert (
        normalise_operators('concert -violin -"final scene"')
        == 'concert NOT violin NOT "final scene"'
    )
    assert normalise_operators("concert - violin") == "concert - violin"
    assert normalise_operators('"a -b" c') == '"a -b" c'
    assert normalise_operators("concert (-violin OR -cello)") == "concert (NOT violin OR NOT cello)"
    assert normalise_operators("x-ray -x-ray") == "x-ray NOT x-ray"


def test_not_binds_to_its_group_and_and_binds_tighter_than_or(mixed: Engine) -> None:
    # (orchestra OR concert) without violin
    got = texts(mixed, "orchestra OR concert NOT violin")
    assert got and not any("violin" in t.lower() for t in got)
    # AND before OR: "violin AND teacher" OR "Châtelet"
    got = texts(mixed, "Châtelet OR violin AND teacher")
    assert len(got) == 2
    assert any("teacher" in t for t in got) and any("Châtelet" in t for t in got)


@pytest.mark.parametrize(
    "query,same_as",
    [
        ("NOT NOT violin", "violin"),
        ("concert AND NOT NOT violin", "concert AND violin"),
        ("NOT NOT NOT violin", "NOT violin"),
        ("--violin", "NOT violin"),
    ],
)
def test_double_negation_cancels(mixed: Engine, query: str, same_as: str) -> None:
    assert texts(mixed, query) == texts(mixed, same_as)
    assert texts(mixed, query)


@pytest.mark.parametrize(
    "query",
    [
        "NOT",
        "NOT NOT",
        "-",
        "- NOT",
        "AND",
        "OR",
        "AND OR NOT",
        "( AND )",
        "ANDNOT",
        # a minus sign with nothing after it is an operator too, however bracketed
        "NOT -",
        "- -",
        "--",
        "NOT (-)",
        "-()",
        "(-)",
        "(NOT -) OR -",
    ],
)
def test_nothing_but_operators_is_a_query_error(mixed: Engine, query: str) -> None:
    with pytest.raises(QueryError):
        mixed.search(query)


@pytest.mark.parametrize(
    "query,word", [("irrtum AND einmal", "einmal"), ("kleinschreibung AND haben", "haben")]
)
def test_and_with_a_german_stop_word_finds_the_german_passages(
    mixed: Engine, query: str, word: str
) -> None:
    import re

    first = query.split()[0]
    alone = texts(mixed, first)
    holding = [t for t in alone if re.search(rf"\b{word}\b", t, re.IGNORECASE)]
    assert holding and len(holding) < len(alone)  # the fixture has passages of both sorts
    # the passages holding both words, and only those, though German drops the stop word
    assert sorted(texts(mixed, query)) == sorted(holding)


def test_and_with_a_stop_word_of_one_language_still_requires_it_in_others(mixed: Engine) -> None:
    # "time" is no German stop word; "one" is an English one but not German or Spanish
    assert texts(mixed, "error AND time")
    assert all("time" in t for t in texts(mixed, "error AND time"))
    assert texts(mixed, "error AND nonexistentword") == []
    # "una" is a Spanish stop word, not an English one: the Spanish passage still needs
    # "orquesta", and English passages still need "una"
    got = texts(mixed, "orquesta AND una")
    assert len(got) == 1 and "orquesta" in got[0]


def test_stop_word_clauses_score_nothing(mixed: Engine) -> None:
    plain = {h.passage.id: h.score for h in mixed.search("irrtum", limit=50, suggest=False).hits}
    anded = mixed.search("irrtum AND einmal", limit=50, suggest=False)
    assert anded.hits and anded.total == len(anded.hits) < len(plain)
    for hit in anded.hits:
        assert hit.score == pytest.approx(plain[hit.passage.id])


def test_only_stop_words_in_german_still_match_nothing_there(mixed: Engine) -> None:
    # a query made only of German stop words matches no German passage (nothing to rank by)
    assert not [t for t in texts(mixed, "einmal AND haben") if "Irrtum" in t or "Klein" in t]


def test_every_language_gets_the_rule() -> None:
    """For every language with a stop list: a passage in that language holding a content
    word and one of its stop words (a word no other language's analyzer drops) is found
    by "word AND stopword"; passages with the content word alone are not."""
    from whoosh.filedb.filestore import RamStorage
    from whoosh.lang import has_stopwords, stopwords_for_language

    from search.analysis import analyze
    from search.backend.whoosh.scoring import PassageBM25F
    from search.model import Passage
    from search.query import execute, filters
    from search.query import parse as parsing
    from search.schema import FIELD_LANGS, make_schema, passage_fields

    langs = [lang for lang in FIELD_LANGS if has_stopwords(lang)]
    chosen: dict[str, str] = {}
    for lang in langs:
        for stop in sorted(stopwords_for_language(lang)):
            if (
                stop.isalpha()
                and len(stop) > 3
                and not analyze(stop, lang)
                and all(analyze(stop, other) for other in langs if other != lang)
            ):
                chosen[lang] = stop
                break
    assert len(chosen) >= 8, chosen
    schema = make_schema()
    ix = RamStorage().create_index(schema)
    writer = ix.writer()
    for lang, stop in chosen.items():
        writer.add_document(
            **passage_fields(
                Passage(f"{lang}:1", f"{lang}.txt", "text", f"zorblax {stop} quux", lang)
            )
        )
        writer.add_document(
            **passage_fields(Passage(f"{lang}:2", f"{lang}.txt", "text", "zorblax quux", lang))
        )
    writer.add_document(**passage_fields(Passage("ja:1", "ja.txt", "text", "zorblax", "ja")))
    writer.commit()
    parser = parsing.make_parser(schema, [*chosen, "ja"])
    with ix.searcher(weighting=PassageBM25F({})) as searcher:
        for lang, stop in chosen.items():
            q = parsing.parse(parser, f"zorblax AND {stop}")
            result = execute.run(searcher, schema, q, "", filters.Filters(), 100, {}, {})
            found = {h.passage.id for h in result.hits}
            # the passage of that language holding both words, though its field has
            # no stop word; elsewhere the stop word is a word like any other, and no
            # other passage holds it
            assert found == {f"{lang}:1"}, (lang, stop, found)


def test_did_you_mean_leaves_a_giant_word_alone(
    mixed: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    from search.query import suggest as suggesting

    asked: list[str] = []
    real = suggesting._corrector

    def spy(vocabulary: dict[str, int]):  # type: ignore[no-untyped-def]
        corrector = real(vocabulary)

        class Spy:
            def suggest(self, word: str, **kw: object) -> list[str]:
                asked.append(word)
                return corrector.suggest(word, **kw)

        return Spy()

    monkeypatch.setattr(suggesting, "_corrector", spy)
    giant = "violin" * 3000
    result = mixed.search(f"orchestre {giant} violn")
    assert not any(len(word) > suggesting.SUGGEST_MAX_CHARS for word in asked)
    assert "violn" in asked  # an ordinary typo still gets its correction
    assert result.suggestion is not None and result.suggestion.split()[-1] in ("violin", "violon")
    many = " ".join(f"zzq{i}x" for i in range(100))
    asked.clear()
    mixed.search(many)
    assert 0 < len(asked) <= suggesting.SUGGEST_MAX_WORDS


def test_batch_goes_on_after_a_query_that_cannot_be_run(
    cli,
    tmp_path: Path,  # type: ignore[no-untyped-def]
    mixed: Engine,
) -> None:
    import json

    run = cli(
        "search",
        "--json",
        "--index-dir",
        str(mixed.index_dir),
        "-",
        stdin="NOT NOT violin\nNOT\nconcert -violin\n",
    )
    queries = [json.loads(line)["query"] for line in run.out.splitlines()]
    assert "NOT NOT violin" in queries and "concert -violin" in queries
    assert "Traceback" not in run.err
    assert run.err.count("\n") == 1 and "'NOT'" in run.err
    assert run.code == 2


def test_not_not_on_the_command_line_is_no_traceback(cli, mixed: Engine) -> None:  # type: ignore[no-untyped-def]
    run = cli("search", "--index-dir", str(mixed.index_dir), "NOT NOT violin")
    assert run.code == 0 and "violin" in run.out
    run = cli("search", "--index-dir", str(mixed.index_dir), "NOT NOT")
    assert run.code == 2 and len(run.err.splitlines()) == 1


@pytest.mark.parametrize("depth", [40, 300])
def test_deeply_nested_queries_answer(mixed: Engine, depth: int) -> None:
    """Whoosh's parser gives up on deep nesting (its plain words are searched then);
    below that, every rewrite of the parsed query copes with the depth it has."""
    text = "(violin OR (trumpet AND " * depth + "concert" + "))" * depth
    result = mixed.search(text, limit=3)
    assert result.hits


def test_the_opensearch_translation_excludes_and_cancels_the_same_way() -> None:
    from search.backend.opensearch import translate

    fields = {"text_en": 1.0}
    assert translate("concert NOT violin", fields) == translate("concert -violin", fields)
    assert translate("concert NOT violin", fields)["bool"]["must_not"]
    assert translate("NOT NOT violin", fields) == translate("violin", fields)
    for nothing in ("NOT NOT", "AND", "OR NOT", "( AND )"):
        with pytest.raises(QueryError, match="it has no words"):
            translate(nothing, fields)


STOPS_DE = """\
Ohne Probe spielte das Orchester die Sinfonie, sagte die Dirigentin im Gespräch.

Die Sinfonie entstand für den Film; OHNE Pause wurde sie in einer Nacht aufgenommen.

Die Sinfonie klingt im Saal anders als im Kino, meint der Tonmeister des Films.

Die Sinfonie brauchte einen Chor, den das Studio fuer den Herbst bestellte.
"""

STOPS_FR = """\
La symphonie a été enregistrée sans répétition, avec l'orchestre de la radio nationale.

Une symphonie, dit le compositeur, est toujours plus longue que prévu au montage.
"""


@pytest.mark.parametrize(
    "query", ["sinfonie AND ohne", "sinfonie AND für", "sinfonie AND fuer", "symphonie AND avec"]
)
def test_an_and_stop_word_is_required_as_a_scan_of_the_texts_finds_it(
    tmp_path: Path, query: str
) -> None:
    """The stops field against its slow oracle: in each language that drops the stop
    word, the passages found are those of the content word's that hold a word with the
    stop word's name key (any case, "fuer" for "für"), read from their text."""
    from search.analysis import analyze
    from search.names import name_key, name_keys

    folder = tmp_path / "docs"
    folder.mkdir()
    for lang, text in (("de", STOPS_DE), ("fr", STOPS_FR)):  # a file a passage
        for number, paragraph in enumerate(text.split("\n\n")):
            (folder / f"{lang}_{number}.txt").write_text(paragraph, encoding="utf-8")
    engine = Engine(tmp_path / "index")
    engine.index([folder], procs=1)
    word, stop = query.split(" AND ")
    alone = engine.search(word, limit=100, suggest=False).hits
    found = engine.search(query, limit=100, suggest=False).hits
    dropping = {h.passage.lang for h in alone if not analyze(stop, h.passage.lang)}
    assert dropping
    for lang in dropping:
        holding = {
            h.passage.id
            for h in alone
            if h.passage.lang == lang
            and name_key(stop) in name_keys(f"{h.passage.text}\n{h.passage.question or ''}")
        }
        of_lang = {h.passage.id for h in alone if h.passage.lang == lang}
        assert holding and holding < of_lang  # the fixture has passages of both sorts
        assert {h.passage.id for h in found if h.passage.lang == lang} == holding


@pytest.mark.parametrize(
    "query, hits",
    [
        # (a name's phrase is an AND in the name-key field, which has no positions)
        ('"' + " ".join(["Tchaikovsky"] * 300) + '"', 1),
        (" AND ".join(["Tchaikovsky"] * 400), 1),
        (" AND ".join(["Tchaikovsky", "Paris", "orchestra", "concert"] * 60), 1),
    ],
)
def test_a_query_of_hundreds_of_words_is_answered(mixed: Engine, query: str, hits: int) -> None:
    # Whoosh builds an AND's matchers as a chain, one level per word; walking it recursed
    # past Python's limit (RecursionError, a traceback) at about 250 words.
    assert len(mixed.search(query).hits) == hits


def test_a_question_mark_ending_a_word_is_the_questions(mixed: Engine) -> None:
    violin = texts(mixed, "violin")
    assert violin
    assert texts(mixed, "violin?") == violin
    assert texts(mixed, "(violin?)") == violin
    # French sets its question mark apart; alone it is no one-letter wildcard.
    assert texts(mixed, "le violon ?") == texts(mixed, "le violon")
    assert texts(mixed, "violon ?")
    # Inside a word it still stands for one letter.
    assert texts(mixed, "vi?lin") == violin


def test_an_empty_phrase_is_no_word(mixed: Engine) -> None:
    with pytest.raises(QueryError, match="no words"):
        mixed.search('"" AND ""')
    with pytest.raises(QueryError, match="no words"):
        mixed.search('" "')
    assert texts(mixed, '"" violin') == texts(mixed, "violin")
