"""Language tags: detected when langdetect can be trusted, inherited otherwise."""

from search import lang


def test_short_passage_inherits_the_document_language():
    assert lang.tag("I prefer not knowing.", "en") == ("en", False)
    assert lang.tag("Oui.", "de") == ("de", False)


def test_long_passages_are_detected():
    assert lang.tag("La storia segue Giulia, una giovane violinista di Torino che sogna di "
                    "suonare al Teatro Regio con la sua orchestra.", "en") == ("it", True)
    assert lang.tag("Einst war er der bedeutendste Dirigent der Sowjetunion und stand dem "
                    "berühmten Orchester vor.", "en") == ("de", True)


def test_english_that_quotes_french_stays_english():
    text = ("I remember wanting to thank a lady who had helped me get my entry visa, and I said "
            "to her “Je vous baise chaleureusement”, which no longer means what I thought it did.")
    assert lang.tag(text, "fr") == ("en", True)


def test_detection_is_deterministic():
    text = "Ce film parle de musique et de mémoire, et de ce que les pères transmettent."
    assert len({lang.tag(text, "en") for _ in range(5)}) == 1


def test_document_language_votes_over_the_text():
    assert lang.document_language(["Der Film erzählt von einer Geigerin, die nach Wien "
                                   "zurückkehrt und ihren alten Lehrer sucht."]) == "de"
