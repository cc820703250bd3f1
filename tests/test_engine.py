"""Search semantics through the public ``Engine`` API, on small handmade indexes."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FILES

from search.engine import Engine
from search.errors import QueryError, UnknownName
from search.model import Passage


def find(engine: Engine, *, source: str, contains: str) -> Passage:
    """The passage of ``source`` whose text contains ``contains`` (ids stay the chunkers' business)."""
    found = [p for p in engine.passages() if p.source == source and contains in p.text]
    assert len(found) == 1, (source, contains, [p.id for p in found])
    return found[0]


@pytest.fixture(scope="module")
def ids(engine: Engine) -> dict[str, str]:
    return {
        "doe_violin": find(engine, source="presskit_en.txt", contains="violin every morning").id,
        "doe_concert": find(engine, source="presskit_en.txt", contains="final concert scene").id,
        "roe_harmony": find(engine, source="presskit_en.txt", contains="ultimate harmony").id,
        "roe_trumpet": find(engine, source="presskit_en.txt", contains="cruel").id,
        "leveque": find(engine, source="presskit_en.txt", contains="concerto").id,
        "synopsis_en": find(engine, source="presskit_en.txt", contains="disgraced conductor").id,
        "fr": find(engine, source="critique_fr.txt", contains="orchestre").id,
        "it": find(engine, source="trama_it.txt", contains="orchestra").id,
        "de": find(engine, source="inhalt_de.txt", contains="Putzmann").id,
    }


def hit_ids(result) -> list[str]:
    return [h.passage.id for h in result.hits]


# -- the fixture index itself -------------------------------------------------------------------


def test_fixture_folder_is_indexed_with_speakers_languages_and_questions(engine: Engine, ids):
    by_id = {p.id: p for p in engine.passages()}
    assert {p.source for p in by_id.values()} == set(FILES)
    assert by_id[ids["doe_violin"]].speaker == "Jane Doe"
    assert by_id[ids["doe_violin"]].question == "How did you prepare for the role of the violinist?"
    assert by_id[ids["roe_trumpet"]].speaker == "John Roe"
    assert by_id[ids["leveque"]].speaker == "Anne-Sophie Lévêque"
    assert by_id[ids["synopsis_en"]].speaker is None
    assert by_id[ids["synopsis_en"]].question is None
    assert {k: by_id[ids[k]].lang for k in ("fr", "it", "de", "doe_violin")} == {
        "fr": "fr",
        "it": "it",
        "de": "de",
        "doe_violin": "en",
    }
    assert engine.known_speakers() == ["Anne-Sophie Lévêque", "Jane Doe", "John Roe"]
    assert engine.known_langs() == ["de", "en", "fr", "it"]


def test_passage_by_id_returns_the_whole_passage(engine: Engine, ids):
    p = engine.passage(ids["roe_harmony"])
    assert p.id == ids["roe_harmony"]
    assert "The ultimate harmony of the film" in " ".join(p.text.split())
    assert p.text.rstrip().endswith("on stage.")
    assert p.speaker == "John Roe"


# -- ranking -----------------------------------------------------------------------------------


def test_a_passage_with_both_words_ranks_above_passages_with_one(engine: Engine, ids):
    ranked = hit_ids(engine.search("violin harmony"))
    assert ranked[0] == ids["doe_violin"]  # the only passage with both words
    assert {ids["roe_harmony"], ids["leveque"]} <= set(ranked[1:])


def test_both_words_once_beat_one_word_many_times(engine: Engine, ids):
    # John Roe's trumpet answer says "trumpet" three times (and its question once more);
    # Lévêque's answer says "trumpet" and "violin" once each.
    ranked = hit_ids(engine.search("trumpet violin"))
    assert ranked.index(ids["leveque"]) < ranked.index(ids["roe_trumpet"])


def test_ranks_are_consecutive_and_scores_never_increase(engine: Engine):
    hits = engine.search("concert orchestra music").hits
    assert [h.rank for h in hits] == list(range(1, len(hits) + 1))
    scores = [h.score for h in hits]
    assert scores == sorted(scores, reverse=True)


def test_equal_scores_are_ordered_by_id_not_by_insertion(tmp_path: Path):
    text = "The zebra crossed the wide river at dawn, and the whole village watched it swim.\n"
    folder = tmp_path / "tie"
    folder.mkdir()
    (folder / "zz_first.txt").write_text(text, encoding="utf-8")
    engine = Engine(tmp_path / "ix")
    engine.index([folder])
    # Added by a later sync, so Whoosh holds them after zz_first: only the id tie-break
    # puts them first.
    (folder / "aa_second.txt").write_text(text, encoding="utf-8")
    (folder / "mm_third.txt").write_text(text, encoding="utf-8")
    engine.index([folder])
    hits = engine.search("zebra").hits
    assert len({h.score for h in hits}) == 1
    assert [h.passage.source for h in hits] == ["aa_second.txt", "mm_third.txt", "zz_first.txt"]
    assert [h.passage.source for h in engine.search("zebra", limit=1).hits] == ["aa_second.txt"]
    again = Engine(tmp_path / "ix")
    assert hit_ids(again.search("zebra")) == hit_ids(engine.search("zebra"))


def test_a_tie_across_the_cut_still_breaks_by_id(tmp_path: Path):
    text = "The zebra crossed the wide river at dawn, and the whole village watched it swim.\n"
    folder = tmp_path / "tie"
    folder.mkdir()
    engine = Engine(tmp_path / "ix")
    # one sync per file, in reverse id order: Whoosh holds the smallest id last
    for name in ("zz.txt", "yy.txt", "mm.txt", "cc.txt", "bb.txt", "aa.txt"):
        (folder / name).write_text(text, encoding="utf-8")
        engine.index([folder])
    for limit in (1, 2, 3):
        hits = engine.search("zebra", limit=limit).hits
        assert [h.passage.source for h in hits] == ["aa.txt", "bb.txt", "cc.txt"][:limit]


# -- filters -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "spelling", ["Jane Doe", "jane doe", "JANE DOE", "Doe", "doe", "Jane-Doe", "Dóe", "J. Doe"]
)
def test_speaker_filter_takes_any_case_accent_hyphen_and_the_surname(engine: Engine, spelling: str):
    hits = engine.search("concert OR violin OR harmony", speakers=[spelling]).hits
    assert hits
    assert {h.passage.speaker for h in hits} == {"Jane Doe"}


@pytest.mark.parametrize(
    "spelling",
    [
        "Anne-Sophie Lévêque",
        "anne sophie leveque",
        "LEVEQUE",
        "lévêque",
        "Anne-Sophie",
        "anne-sophie LÉVÊQUE",
    ],
)
def test_speaker_filter_on_an_accented_hyphenated_name(engine: Engine, spelling: str):
    hits = engine.search("violin", speakers=[spelling]).hits
    assert [h.passage.speaker for h in hits] == ["Anne-Sophie Lévêque"]


def test_several_speakers(engine: Engine):
    hits = engine.search("harmony OR trumpet OR violin", speakers=["doe", "roe"]).hits
    assert {h.passage.speaker for h in hits} == {"Jane Doe", "John Roe"}


def test_unknown_speaker_names_the_closest(engine: Engine):
    with pytest.raises(UnknownName) as info:
        engine.search("harmony", speakers=["Jnae Doe"])
    message = str(info.value)
    assert "Jnae Doe" in message and "Jane Doe" in message
    assert "\n" not in message
    assert info.value.suggestions[0] == "Jane Doe"


def test_lang_filter_one_language(engine: Engine, ids):
    hits = engine.search("concert", langs=["fr"]).hits
    assert hit_ids(engine.search("concert", langs=["fr"])) == [ids["fr"]]
    assert {h.passage.lang for h in hits} == {"fr"}


def test_lang_filter_several_languages(engine: Engine, ids):
    everything = {h.passage.lang for h in engine.search("concert").hits}
    assert {"en", "fr", "it"} <= everything
    hits = engine.search("concert", langs=["fr", "it"]).hits
    assert {h.passage.lang for h in hits} == {"fr", "it"}
    assert {ids["fr"], ids["it"]} <= set(hit_ids(engine.search("concert", langs=["FR", "it"])))


def test_unknown_language_lists_the_known_ones(engine: Engine):
    with pytest.raises(UnknownName) as info:
        engine.search("concert", langs=["zz"])
    assert "'zz'" in str(info.value)
    assert {"de", "en", "fr", "it"} <= set(info.value.suggestions)


@pytest.mark.parametrize("spelling", ["critique_fr.txt", "critique_fr", "critique"])
def test_source_filter_by_name_stem_or_part(engine: Engine, spelling: str, ids):
    assert hit_ids(engine.search("concert", sources=[spelling])) == [ids["fr"]]


def test_unknown_source_is_an_error(engine: Engine):
    with pytest.raises(UnknownName):
        engine.search("concert", sources=["nowhere.pdf"])


def test_kind_filter(engine: Engine):
    hits = engine.search("concert OR violin OR harmony", kinds=["interview"]).hits
    assert hits and {h.passage.kind for h in hits} == {"interview"}
    narration = engine.search("concert", kinds=["presskit-synopsis"]).hits
    assert [h.passage.kind for h in narration] == ["presskit-synopsis"]
    with pytest.raises(UnknownName):
        engine.search("concert", kinds=["limerick"])


def test_filters_combine(engine: Engine, ids):
    hits = engine.search(
        "violin OR concert",
        speakers=["Doe"],
        langs=["en"],
        kinds=["interview"],
        sources=["presskit"],
    ).hits
    assert {h.passage.id for h in hits} == {ids["doe_violin"], ids["doe_concert"]}
    assert engine.search("violin OR concert", speakers=["Doe"], langs=["fr"]).hits == []


# -- facets ------------------------------------------------------------------------------------


def test_facets_count_every_match_per_speaker_language_and_source(engine: Engine):
    result = engine.search("concert OR violin OR trumpet", facets=True, limit=1)
    assert len(result.hits) == 1  # facets are over all matches, not the first page
    everything = engine.search("concert OR violin OR trumpet", limit=100).hits
    expected_speakers: dict[str, int] = {}
    expected_langs: dict[str, int] = {}
    expected_sources: dict[str, int] = {}
    for h in everything:
        if h.passage.speaker:
            expected_speakers[h.passage.speaker] = expected_speakers.get(h.passage.speaker, 0) + 1
        expected_langs[h.passage.lang] = expected_langs.get(h.passage.lang, 0) + 1
        expected_sources[h.passage.source] = expected_sources.get(h.passage.source, 0) + 1
    assert result.facets["speaker"] == expected_speakers
    assert result.facets["lang"] == expected_langs
    assert result.facets["source"] == expected_sources
    assert result.facets["speaker"]["Anne-Sophie Lévêque"] == 1
    assert result.facets["speaker"]["John Roe"] >= 1


def test_no_facets_unless_asked(engine: Engine):
    assert engine.search("concert").facets == {}


# -- highlights and snippets -------------------------------------------------------------------


def test_highlights_point_at_the_matched_words(engine: Engine, ids):
    hits = {h.passage.id: h for h in engine.search("violin harmony").hits}
    hit = hits[ids["doe_violin"]]
    words = [hit.passage.text[s.start : s.end] for s in hit.highlights]
    assert sorted(w.lower() for w in words) == ["harmony", "violin"]
    starts = [s.start for s in hit.highlights]
    assert starts == sorted(starts)


def test_highlights_are_case_insensitive_and_keep_the_texts_spelling(engine: Engine, ids):
    hit = engine.search("ORCHESTER", langs=["de"]).hits[0]
    assert hit.passage.id == ids["de"]
    assert [hit.passage.text[s.start : s.end] for s in hit.highlights] == ["Orchester"]


def test_highlights_of_french_elided_forms_are_consistent(engine: Engine, ids):
    hit = next(
        h for h in engine.search("orchestre", langs=["fr"]).hits if h.passage.id == ids["fr"]
    )
    text = hit.passage.text
    words = [text[s.start : s.end] for s in hit.highlights]
    # "L'orchestre" and "chef d'orchestre": both are found ...
    assert len(words) == 2
    # ... and both are cut the same way: either the elided article is part of the span
    # or it is not, but never once in and once out.
    assert all(w.lower().endswith("orchestre") for w in words)
    stripped = {w.lower().split("'")[-1] for w in words}
    assert stripped == {"orchestre"}
    with_article = {("'" in w) for w in words}
    assert len(with_article) == 1


def test_highlights_of_a_query_typed_with_the_elision(engine: Engine, ids):
    hit = next(h for h in engine.search("l'orchestre").hits if h.passage.id == ids["fr"])
    words = [hit.passage.text[s.start : s.end].lower() for s in hit.highlights]
    assert words and all(w in ("orchestre", "l'orchestre", "d'orchestre") for w in words)


def test_highlights_cover_words_matched_by_stemming(engine: Engine, ids):
    hit = next(h for h in engine.search("practise").hits if h.passage.id == ids["doe_violin"])
    assert [hit.passage.text[s.start : s.end] for s in hit.highlights] == ["practised"]
    fr = next(h for h in engine.search("musicien", langs=["fr"]).hits)
    assert [fr.passage.text[s.start : s.end] for s in fr.highlights] == ["musiciens"]


def test_snippet_is_a_window_around_a_matched_word(engine: Engine, ids):
    hit = next(h for h in engine.search("rigueur").hits if h.passage.id == ids["fr"])
    assert len(hit.passage.text) > 240  # long enough to be cut
    assert "rigueur" in hit.snippet
    assert hit.snippet.startswith("…")  # the match is late in the text: the start is cut
    assert len(hit.snippet) < len(hit.passage.text)
    assert [hit.passage.text[s.start : s.end] for s in hit.highlights] == ["rigueur"]


def test_snippet_contains_a_word_matched_by_stemming(engine: Engine, ids):
    hit = next(h for h in engine.search("manquer", langs=["fr"]).hits if h.passage.id == ids["fr"])
    assert "manque" in hit.snippet


def test_short_passage_snippet_is_the_whole_text_on_one_line(engine: Engine, ids):
    hit = next(h for h in engine.search("cruel").hits if h.passage.id == ids["roe_trumpet"])
    assert hit.snippet == " ".join(hit.passage.text.split())
    assert "cruel" in hit.snippet


def test_every_hit_has_its_query(engine: Engine):
    assert {h.query for h in engine.search("concert").hits} == {"concert"}


# -- query syntax ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "harmony AND (",
        '"ultimate harmony',
        "harmony)",
        "(((",
        "harmony OR",
        "NOT",
        "violin~~",
        "*",
        "harmony^^",
        '"',
    ],
)
def test_broken_syntax_never_raises_anything_but_a_query_error(engine: Engine, text: str):
    try:
        result = engine.search(text)
    except QueryError as err:
        assert "\n" not in str(err)
    else:
        assert isinstance(result.hits, list)


@pytest.mark.parametrize("text", ["harmony AND (", '"ultimate harmony'])
def test_broken_syntax_still_searches_the_words(engine: Engine, ids, text: str):
    assert ids["roe_harmony"] in hit_ids(engine.search(text))


@pytest.mark.parametrize("text", ["", "   ", "\t\n"])
def test_empty_query_is_a_query_error(engine: Engine, text: str):
    with pytest.raises(QueryError, match="empty"):
        engine.search(text)


def test_phrase_query_needs_the_words_together(engine: Engine, ids):
    assert hit_ids(engine.search('"ultimate harmony"')) == [ids["roe_harmony"]]


def test_a_query_starting_with_a_dash_excludes_the_word(engine: Engine, ids):
    found = hit_ids(engine.search("-harmony", limit=100))
    assert found and ids["roe_harmony"] not in found


def test_no_hits_is_an_empty_result(engine: Engine):
    result = engine.search("xylophonist")
    assert result.hits == [] and result.total == 0


def test_total_counts_every_match_not_just_the_page(engine: Engine):
    one = engine.search("harmony OR violin", limit=1)
    every = engine.search("harmony OR violin", limit=100)
    assert len(one.hits) == 1 and one.total == every.total == len(every.hits) > 1
    assert engine.search("harmony OR violin", limit=1, langs=["fr"]).total < one.total


def test_a_language_few_passages_are_in_still_ranks_its_exact_spelling_first(tmp_path: Path):
    """BM25F averages a language field's length over the passages in that language: over
    every passage, the one German passage would look far longer than average and rank below
    English passages that only share the name's key."""
    press = tmp_path / "press"
    press.mkdir()
    (press / "inhalt_de.txt").write_text(
        "Am Ende spielt das wiedervereinte Orchester in Paris das Violinkonzert von Peter "
        "Tschaikowski, und der alte Dirigent findet nach dreißig Jahren seinen Frieden. Die "
        "Musiker kommen aus Moskau, aus Odessa und aus den Dörfern der Wolga; manche haben "
        "seit der Zeit der Sowjetunion kein Instrument mehr berührt, andere spielen auf "
        "Hochzeiten, in Restaurants oder auf der Straße. Die Geigerin Anne-Marie Jacquet "
        "kennt ihre Geschichte nicht, bis zum letzten Satz des Konzerts.\n",
        encoding="utf-8",
    )
    for n in range(24):
        (press / f"note_{n}_en.txt").write_text(
            f"Note {n}: Tchaikovsky again. The orchestra rehearsed Tchaikovsky all week, "
            "because Tchaikovsky is what the audience in Paris came to hear, and Tchaikovsky "
            "is what the conductor loves.\n",
            encoding="utf-8",
        )
    engine = Engine(tmp_path / "ix")
    engine.index([press])
    hits = engine.search("Tschaikowski", limit=30).hits
    assert len(hits) == 25
    assert hits[0].passage.source == "inhalt_de.txt"


def test_the_scorers_bound_holds_for_every_passage(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Whoosh's own searches skip passages whose best possible score cannot reach the top
    hits; that bound must be computed with the same per-language average as the scores,
    or a short passage in a language few passages are in gets skipped while it belongs
    on top (tutti's collector scores every match, but the searcher is Whoosh's)."""
    from search.backend.whoosh import codec

    monkeypatch.setattr(codec, "INLINE_LIMIT", 1)  # posting blocks even for short lists
    press = tmp_path / "press"
    press.mkdir()
    (press / "kurz_de.txt").write_text("Orchester in Paris.\n", encoding="utf-8")
    (press / "lang_de.txt").write_text(
        "Das Orchester probt in Paris, in Moskau und in Odessa, jeden Abend bis spät in die "
        "Nacht, und das Orchester spielt am Ende das Konzert von Tschaikowski.\n",
        encoding="utf-8",
    )
    for n in range(30):
        (press / f"note_{n}_en.txt").write_text(
            f"Note {n}: the Orchester Paris programme, printed in German and English.\n",
            encoding="utf-8",
        )
    engine = Engine(tmp_path / "ix")
    engine.index([press])
    engine.search("orchester")
    searcher = engine.backend.searcher()
    checked = 0
    for fieldname in ("text_de", "text_en", "names"):
        for term in searcher.lexicon(fieldname):
            matcher = searcher.postings(fieldname, term)
            bound = matcher.max_quality()
            while matcher.is_active():
                assert matcher.score() <= bound + 1e-9, (fieldname, term)
                checked += 1
                matcher.next()
    assert checked > 100
    every = engine.search("orchester", limit=40).hits  # more than the index holds: no pruning
    assert len(every) == 32
    assert [h.passage.id for h in engine.search("orchester", limit=2).hits] == [
        h.passage.id for h in every[:2]
    ]


def test_a_bug_past_the_index_reads_is_not_reported_as_damage(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
):
    """Only segment reads become "the index is damaged": a rebuild cannot fix a bug."""
    from search.query import execute

    def broken(*args: object, **kwargs: object) -> str:
        raise KeyError("a bug")

    monkeypatch.setattr(execute, "snippet", broken)
    with pytest.raises(KeyError, match="a bug"):
        engine.search("harmony")
