"""Language tags: detected when langdetect can be trusted, inherited otherwise."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from search import lang


def test_short_passage_inherits_the_document_language():
    assert lang.tag("I prefer not knowing.", "en") == ("en", False)
    assert lang.tag("Oui.", "de") == ("de", False)


def test_long_passages_are_detected():
    assert lang.tag(
        "La storia segue Giulia, una giovane violinista di Torino che sogna di "
        "suonare al Teatro Regio con la sua orchestra.",
        "en",
    ) == ("it", True)
    assert lang.tag(
        "Einst war er der bedeutendste Dirigent der Sowjetunion und stand dem "
        "berühmten Orchester vor.",
        "en",
    ) == ("de", True)


def test_english_that_quotes_french_stays_english():
    text = (
        "I remember wanting to thank a lady who had helped me get my entry visa, and I said "
        "to her “Je vous baise chaleureusement”, which no longer means what I thought it did."
    )
    assert lang.tag(text, "fr") == ("en", True)


def test_detection_is_deterministic():
    text = "Ce film parle de musique et de mémoire, et de ce que les pères transmettent."
    assert len({lang.tag(text, "en") for _ in range(5)}) == 1


def test_document_language_votes_over_the_text():
    assert (
        lang.document_language(
            [
                "Der Film erzählt von einer Geigerin, die nach Wien "
                "zurückkehrt und ihren alten Lehrer sucht."
            ]
        )
        == "de"
    )


def _probabilities(cls: type, text: str, trials: int) -> list[tuple[str, float]] | str:
    """What a detector of class ``cls`` answers for ``text``: (language, probability) pairs,
    bit for bit, or the message of the error it raised."""
    from langdetect.lang_detect_exception import LangDetectException

    detector = cls(lang._factory())
    detector.n_trial = trials
    detector.append(text)
    try:
        return [(x.lang, x.prob) for x in detector.get_probabilities()]
    except LangDetectException as err:
        return str(err)


# Pieces of text that take every branch of langdetect's text handling: capitals (words in
# capitals are skipped), punctuation and digits (n-gram breaks), accents, Romanian commas,
# Vietnamese marks (normalised), scripts whose text drops the Latin letters, CJK and kana
# (mapped to one character each), URLs and mail addresses (removed), runs of spaces.
_PIECES = [
    "the",
    "orchestra",
    "THE",
    "Paris",
    "McDONALD",
    "Öl",
    "über",
    "garçon",
    "mémoire",
    "și",
    "ţară",
    "Nhạc",
    "trưởng",
    "a\u0301",
    "дирижёр",
    "Большого",
    "μαέστρος",
    "ΤΗΣ",
    "指揮者",
    "はパリで",
    "オーケストラ",
    "قائد",
    "ی",
    "한국어",
    "https://example.org/x?y=1",
    "a@b.fr",
    "42",
    ",",
    "«",
    "—",
    "'",
    "  ",
    "\n",
]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.sampled_from(_PIECES), max_size=120).map(" ".join),
    st.integers(min_value=1, max_value=7),
)
def test_the_faster_detector_equals_langdetect_on_generated_text(text: str, trials: int):
    from langdetect.detector import Detector

    expected = _probabilities(Detector, text, trials)
    assert _probabilities(lang._detector_class(), text, trials) == expected


def test_the_faster_detector_equals_langdetect_when_its_word_cache_starts_over(
    monkeypatch: pytest.MonkeyPatch,
):
    from langdetect.detector import Detector

    monkeypatch.setattr(lang, "_WORD_CACHE", 3)
    texts = ["Ce film parle de musique et de mémoire.", "Ce film parle de musique."]
    for text in (*texts, *texts):
        assert _probabilities(lang._detector_class(), text, 3) == _probabilities(Detector, text, 3)
        assert sum(map(len, lang._WORD_GRAMS.values())) <= 3


def test_the_faster_detector_gives_exactly_langdetects_results():
    from langdetect.detector import Detector

    texts = [
        "Ce film parle de musique et de mémoire, et de ce que les pères transmettent.",
        "THE ORCHESTRA plays   in Paris   tonight, see https://example.org/x or mail a@b.fr",
        "Der Dirigent des Bolschoi-Orchesters arbeitet heute als Putzmann in Moskau.",
        "Дирижёр Большого театра работает уборщиком и мечтает о концерте в Париже.",
        "Ο μαέστρος ΤΗΣ ορχήστρας ονειρεύεται μια συναυλία στο Παρίσι.",
        "指揮者はパリでコンサートを開くことを夢見ている。オーケストラ",
        "Nhạc trưởng mơ về một buổi hòa nhạc ở Paris cùng dàn nhạc cũ.",
        "Dirijorul își adună muzicienii și pleacă la Paris pentru un concert.",
        "قائد الأوركسترا يحلم بحفل موسيقي في باريس ی",
        # Letters that no trial settles on a language: each runs to langdetect's limit.
        "e",
        "а",
    ]
    fast = lang._detector_class()
    for text in texts:
        for trials in (lang.TRIALS, 7):
            expected = _probabilities(Detector, text, trials)
            assert isinstance(expected, list) and expected, text
            assert _probabilities(fast, text, trials) == expected, text


def _counting(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The texts ``lang.trusted`` (langdetect) is asked about from now on."""
    asked: list[str] = []
    oracle = lang.trusted

    def counted(text: str) -> str | None:
        asked.append(text)
        return oracle(text)

    monkeypatch.setattr(lang, "trusted", counted)
    return asked


ENGLISH = [
    "The orchestra rehearsed the violin concerto in an empty church in Paris for a week.",
    "He told me that the conductor had been waiting for this concert for thirty years.",
    "It was the first time that the musicians had played together since the war.",
]


def test_a_stretch_of_one_language_is_detected_once(monkeypatch: pytest.MonkeyPatch):
    asked = _counting(monkeypatch)
    assert list(map(lang.passage_tagger(), ENGLISH)) == ["en", "en", "en"]
    assert asked == ENGLISH[:1]


def test_each_document_starts_its_own_stretch(monkeypatch: pytest.MonkeyPatch):
    asked = _counting(monkeypatch)
    for _ in range(2):
        assert lang.passage_tagger()(ENGLISH[0]) == "en"
    assert asked == ENGLISH[:1] * 2


def test_a_change_of_language_is_detected(monkeypatch: pytest.MonkeyPatch):
    asked = _counting(monkeypatch)
    german = "Der Dirigent des Orchesters arbeitet heute als Putzmann und träumt von einem Konzert."
    french = "Le chef d'orchestre rêve de ce concert à Paris avec les musiciens de son orchestre."
    tags = list(map(lang.passage_tagger(), [ENGLISH[0], german, french, ENGLISH[1]]))
    assert tags == ["en", "de", "fr", "en"]
    assert asked == [ENGLISH[0], german, french, ENGLISH[1]]


@pytest.mark.parametrize(
    "text",
    [
        # Two English stop words are too few to go on without langdetect.
        "Tchaikovsky conducted the Bolshoi Orchestra, Moscow and Paris.",
        # Four English against two German: not three times as many.
        "The conductor and the orchestra played in Berlin die Musik.",
    ],
)
def test_a_passage_whose_stop_words_are_in_doubt_is_detected(
    monkeypatch: pytest.MonkeyPatch, text: str
):
    asked = _counting(monkeypatch)
    tag = lang.passage_tagger()
    tag(ENGLISH[0])
    tag(text)
    assert asked == [ENGLISH[0], text]


def test_a_short_passage_in_a_stretch_still_inherits_and_the_stretch_goes_on(
    monkeypatch: pytest.MonkeyPatch,
):
    asked = _counting(monkeypatch)
    short = "Yes, that is what happened."
    assert list(map(lang.passage_tagger(), [ENGLISH[0], short, ENGLISH[1]])) == ["en", None, "en"]
    assert asked == [ENGLISH[0], short]


def test_a_passage_langdetect_cannot_trust_does_not_start_a_stretch(
    monkeypatch: pytest.MonkeyPatch,
):
    asked = _counting(monkeypatch)
    tag = lang.passage_tagger()
    assert tag("Yes.") is None
    assert tag(ENGLISH[0]) == "en"
    assert asked == ["Yes.", ENGLISH[0]]


def test_the_tagger_settles_the_fixtures_as_langdetect_on_every_passage_does(
    monkeypatch: pytest.MonkeyPatch,
):
    # The oracle: ``trusted`` on each passage, a passage it does not trust taking its
    # document's language; benchmarks/languages.py --corpus does the same at corpus size.
    import sys
    from pathlib import Path

    from search import iter_passages

    root = Path(__file__).resolve().parent.parent
    sys.path.insert(0, str(root / "benchmarks"))
    from languages import TRUTH

    documents = {rel: [p.text for p in iter_passages([root / rel])] for rel in TRUTH}
    oracle = {
        rel: [lang.trusted(t) or TRUTH[rel] for t in texts] for rel, texts in documents.items()
    }
    asked = _counting(monkeypatch)
    for rel, texts in documents.items():
        tagger = lang.passage_tagger()
        assert [tagger(text) or TRUTH[rel] for text in texts] == oracle[rel], rel
    assert len(asked) < sum(map(len, documents.values())) / 2


def test_names_alone_are_no_languages_words():
    from search.lang import trusted

    # a mail's signature: langdetect calls it Estonian
    assert trusted("-- Maja Lindqvist\nLindqvist Film AB · Malmö") is None
    # capitalised nouns do not stop German being German
    assert trusted("Das Summen der Bienen im Sommer ist meine erste Erinnerung.") == "de"
