"""What the issues promise on the bundled seeds, checked end to end through the Engine."""

from pathlib import Path

import pytest

from search import Engine

SEEDS = Path(__file__).parent.parent / "seeds"


@pytest.fixture(scope="module")
def engine(tmp_path_factory) -> Engine:
    eng = Engine(tmp_path_factory.mktemp("seeds-index"))
    eng.index([SEEDS])
    return eng


def test_ultimate_harmony_brings_back_most_interviewees_answers(engine: Engine):
    hits = engine.search("ultimate harmony", limit=10).hits
    speakers = {h.passage.speaker for h in hits if h.passage.kind == "interview"}
    assert len(speakers) >= 8
    assert all("harmony" in (h.passage.text + (h.passage.question or "")).lower() for h in hits)


def test_speaker_filter_puts_melanie_laurent_first(engine: Engine):
    for spelling in ("Mélanie Laurent", "melanie laurent", "Laurent"):
        hits = engine.search("ultimate harmony", speakers=[spelling]).hits
        assert hits[0].passage.speaker == "Mélanie Laurent"
        assert "ultimate harmony" in hits[0].passage.text


def test_names_meet_across_languages(engine: Engine):
    ids = [h.passage.id for h in engine.search("Tchaikovsky", langs=["de"]).hits]
    assert "synopsis_de.txt:credits:01" in ids  # spelt "Tschaikowski"
    assert [h.passage.source for h in engine.search("Bolshoi", langs=["fr"]).hits] == [
        "film_record_fr.json"
    ]
    texts = " ".join(h.passage.text for h in engine.search("Brezhnev", limit=30).hits)
    assert "Brejnev" in texts and "Breschnews" in texts


def test_exact_spelling_ranks_above_a_transliteration(engine: Engine):
    hits = engine.search("Tschaikowski").hits
    assert hits[0].passage.id == "synopsis_de.txt:credits:01"
    assert len(hits) > 1  # the English spellings follow


def test_speaker_filter_uses_name_keys(engine: Engine):
    assert (
        engine.search("character", speakers=["Dmitri Nazarov"]).hits[0].passage.speaker
        == "Dmitry Nazarov"
    )
    assert (
        engine.search("character", speakers=["Alexei Guskov"]).hits[0].passage.speaker
        == "Alexeï Guskov"
    )
    assert engine.search("Radu", speakers=["Miou-Miou"]).hits[0].passage.speaker == "Miou Miou"


def test_cast_links_speakers_to_their_characters(engine: Engine):
    plays = {s.name: s.plays for s in engine.speakers()}
    assert plays["Mélanie Laurent"] == "Anne-Marie Jacquet"
    assert plays["Alexeï Guskov"] == "Andrey Simonovich Filipov"
    assert plays["Radu Mihaileanu"] is None


def test_french_stemming_and_elision_on_the_film_record(engine: Engine):
    assert (
        engine.search("musicien juif", langs=["fr"]).hits[0].passage.source == "film_record_fr.json"
    )
    assert engine.search("orchestre", langs=["fr"]).hits[0].passage.source == "film_record_fr.json"


def test_did_you_mean_comes_from_the_index_vocabulary(engine: Engine):
    result = engine.search("violn")
    assert result.hits == [] and result.suggestion == "violin"


def test_did_you_mean_counts_every_match_not_the_hits_shown(engine: Engine):
    """`--limit 1` over a query of many matches is no query with few hits; and the number
    of a fuzzy term ("orchestra~2") is no word to correct."""
    many = engine.search("orchestra~2", limit=1)
    assert many.total >= 3 and many.suggestion is None
    assert engine.search("violn~1 OR zzqx", limit=1).suggestion in (None, "violin OR zzqx")
    assert "2" not in (engine.search("orchstra^2 zzqx").suggestion or "").split()
