"""Querying helpers: highlighting's word analysis."""

from __future__ import annotations

import pytest

from search.analysis import analyzer, word_spans
from search.query import _word_terms

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
    alone = {w: tuple((t.text, t.startchar, t.endchar)
                      for t in ana(w, chars=True, mode="index")) for w in words}
    assert _word_terms(ana, words) == alone


def test_word_terms_keep_offsets_inside_the_word_and_stop_words_empty() -> None:
    terms = _word_terms(analyzer("fr"), ["L'orchestre", "les", "d’Andreï"])
    assert terms == {"L'orchestre": (("orchestr", 2, 11),), "les": (),
                     "d’Andreï": (("andrei", 2, 8),)}
