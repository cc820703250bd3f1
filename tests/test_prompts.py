"""Telling prompts from answers, on interviews written for these tests."""

import textwrap

from search.chunk.prompts import split_exchanges
from search.chunk.text import line_units


def _exchanges(text: str, lang: str = "en", width: int | None = None):
    paras = [p.strip() for p in text.strip().split("\n\n")]
    if width:
        lines = [line for p in paras for line in textwrap.wrap(p, width)]
        units = line_units(lines)
    else:
        units = [[p] for p in paras]
    return [(e.question, " ".join(e.answer)) for e in split_exchanges(units, lang)]


INTERVIEW = """
How did you meet the director?

I met her at a festival in Locarno. We talked about Chekhov all night and I knew we would work together.

Your character hardly speaks.

Exactly. She speaks through the cello, and I had to learn to hold the bow like a professional.

The final concert is overwhelming.

It was the last day of the shoot. I was exhausted and I think the exhaustion helped me. Can you imagine playing for six hours? We did.

What does harmony mean to you?

Silence after the last note.
"""


def test_question_and_statement_prompts_are_found():
    got = _exchanges(INTERVIEW)
    assert [q for q, _ in got] == [
        "How did you meet the director?",
        "Your character hardly speaks.",
        "The final concert is overwhelming.",
        "What does harmony mean to you?",
    ]
    assert got[2][1].endswith("We did.")  # a rhetorical question stays in its answer
    assert got[3][1] == "Silence after the last note."


def test_hard_wrapping_does_not_change_the_exchanges():
    assert _exchanges(INTERVIEW, width=48) == _exchanges(INTERVIEW)


def test_french_prompts_with_spaced_question_marks():
    text = """
Comment avez-vous rencontré la réalisatrice ?

Je l'ai rencontrée à Cannes, dans un couloir, et nous avons parlé de musique pendant des heures.

Votre personnage est très seul.

Oui, il ne parle qu'à son piano. Je me suis beaucoup reconnu en lui.
"""
    got = _exchanges(text, "fr")
    assert [q for q, _ in got] == [
        "Comment avez-vous rencontré la réalisatrice ?",
        "Votre personnage est très seul.",
    ]


def test_explicit_labels_win():
    text = """
Q: Where did you shoot?

A: Mostly in Bucharest, for the Moscow scenes.

Q: And the concert?

A: At the Châtelet. It took four nights.
"""
    got = _exchanges(text)
    assert got == [
        ("Where did you shoot?", "Mostly in Bucharest, for the Moscow scenes."),
        ("And the concert?", "At the Châtelet. It took four nights."),
    ]


def test_a_last_unit_is_never_a_prompt_without_answer():
    got = _exchanges("How was the shoot?\n\nLong. Very long.\n\nWho was there?")
    assert got == [("How was the shoot?", "Long. Very long. Who was there?")]


def test_portuguese_and_dutch_statement_prompts_are_found():
    portuguese = """
Como nasceu o filme?

Nasceu de uma fotografia do meu avô ao leme de um barco, em 1962.

O protagonista é interpretado por um barqueiro verdadeiro.

Sim, ele nunca tinha representado. Fizemos testes com atores profissionais, mas nenhum tinha aquela naturalidade.

O que espera do público?

Que olhe para o rio de outra maneira.
"""
    assert [q for q, _ in _exchanges(portuguese, "pt")] == [
        "Como nasceu o filme?",
        "O protagonista é interpretado por um barqueiro verdadeiro.",
        "O que espera do público?",
    ]
    dutch = """
Waarom een wadloper als hoofdpersoon?

Omdat een wadloper het ritme van het water moet kennen. Dat vond ik een mooi beeld.

De film is bijna helemaal zonder muziek.

Ja, we wilden dat je het water hoort. Muziek zou alles hebben verteld.

Hoe werk je met een landschap dat verdwijnt?

Met een getijdentabel op de muur en veel geduld.
"""
    assert [q for q, _ in _exchanges(dutch, "nl")] == [
        "Waarom een wadloper als hoofdpersoon?",
        "De film is bijna helemaal zonder muziek.",
        "Hoe werk je met een landschap dat verdwijnt?",
    ]


def test_an_answer_opening_with_a_spanish_we_verb_follows_a_statement_prompt():
    # Spanish drops the pronoun: "Buscamos a …" is "we looked for …".
    text = """
¿De dónde sale la película?

De una granizada que vi de niño en el Bierzo. Me pasé años pensando qué había pasado aquella tarde.

Los actores hablan con un acento muy marcado de la zona.

Era innegociable. Buscamos a los actores en los pueblos del valle durante meses.

¿Cómo se rueda una granizada?

Con mucha paciencia y un camión de hielo picado.
"""
    assert [q for q, _ in _exchanges(text, "es")] == [
        "¿De dónde sale la película?",
        "Los actores hablan con un acento muy marcado de la zona.",
        "¿Cómo se rueda una granizada?",
    ]


def test_an_answer_speaking_of_what_is_its_own_in_spanish_follows_a_statement_prompt():
    # "Es la pesca que conocí, y la de todos los amigos míos": the first person is only in
    # the verb and in "míos"
    text = """
¿Por qué un documental sobre el puerto?

Porque mi abuelo fue patrón de un pesquero durante cuarenta años en Cudillero.

El mar apenas aparece en pantalla.

Es la pesca que conocí, y la de todos los amigos míos: se vive en tierra, esperando.

¿Cómo convenció a los pescadores?

Con tiempo. Pasé un invierno entero en la lonja antes de sacar la cámara.
"""
    assert [q for q, _ in _exchanges(text, "es")] == [
        "¿Por qué un documental sobre el puerto?",
        "El mar apenas aparece en pantalla.",
        "¿Cómo convenció a los pescadores?",
    ]


def test_speaking_to_someone_is_told_in_any_language_without_false_friends():
    from search.chunk.prompts import addresses

    assert addresses("Hoe werk je met jouw acteurs?") and addresses("Como você escolheu?")
    # Dutch "je" is French "I"; Portuguese "seu" is "his" as often as "your"
    assert not addresses("Je pense que le film est beau.")
    assert not addresses("O filme conta a história do seu avô.")
