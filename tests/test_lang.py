"""Language tags: detected when langdetect can be trusted, inherited otherwise."""

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
    ]
    fast = lang._detector_class()
    for text in texts:
        results = []
        for cls in (Detector, fast):
            detector = cls(lang._factory())
            detector.n_trial = lang.TRIALS
            detector.append(text)
            results.append([(x.lang, x.prob) for x in detector.get_probabilities()])
        assert results[0] == results[1], text
