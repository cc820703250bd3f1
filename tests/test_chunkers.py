"""Each kind of document, recognised by content and cut into passages."""

import json
import re
from pathlib import Path

import pytest

from search.chunk import (
    chunk_document,
    document_kind,
    film_record,
    labelled,
    presskit,
    prose,
    webpage,
)
from search.model import Kind


@pytest.fixture
def fixtures() -> Path:
    return Path(__file__).parent / "fixtures" / "docs"


def test_interview_headings_in_several_languages_name_the_speaker_in_natural_case():
    cases = {
        "A CONVERSATION WITH MÉLANIE LAURENT": "Mélanie Laurent",
        " INTERVIEW WITH FRANÇOIS BERLÉAND": "François Berléand",
        "ENTRETIEN AVEC JEAN-PIERRE DE LA TOUR": "Jean-Pierre de la Tour",
        "INTERVIEW MIT ANNA SCHÄFER": "Anna Schäfer",
        "GESPRÄCH MIT JÜRGEN VOGEL": "Jürgen Vogel",
        "Interview with Jane Doe": "Jane Doe",
    }
    for heading, speaker in cases.items():
        assert presskit.speaker_of_heading(heading) == speaker
    assert presskit.speaker_of_heading("Interview with the director was difficult.") is None
    assert presskit.speaker_of_heading("We had a conversation with him about it") is None


def test_french_press_kit(fixtures):
    text = (fixtures / "presskit_fr.txt").read_text(encoding="utf-8")
    assert document_kind(text) == "presskit"
    drafts = list(presskit.chunk(text, "fr"))
    narration = [d for d in drafts if d.kind == Kind.PRESSKIT_SYNOPSIS]
    answers = [d for d in drafts if d.kind == Kind.INTERVIEW]
    assert narration and all(d.speaker is None for d in narration)
    assert {d.speaker for d in answers} == {"Claire Dupont-Moreau", "Jérôme Leblanc"}
    questions = [d.question for d in answers]
    assert questions == [
        "Comment est né ce projet ?",
        "Votre film parle beaucoup de transmission.",
        "Pourquoi avoir choisi Lyon plutôt que Paris ?",
        "Qu'est-ce que l'harmonie pour vous ?",
        "Vous jouez le fils d'Hélène. Comment avez-vous abordé ce rôle ?",
        "Le tournage à l'Opéra de Lyon a été très court.",
    ]
    assert answers[-1].text.startswith("Absolument, trois nuits")


def test_german_press_kit_statement_prompt(fixtures):
    text = (fixtures / "presskit_de.txt").read_text(encoding="utf-8")
    answers = list(presskit.chunk(text, "de"))
    assert [d.question for d in answers] == [
        "Wie kam es zu dem Projekt?",
        "Ihre Figur ist sehr verschlossen.",
        "Was bedeutet Ihnen die Musik von Tschaikowski?",
    ]
    assert all(d.speaker == "Anna Schäfer" for d in answers)


def test_long_answers_are_split_and_keep_speaker_and_question():
    answer = " ".join(
        f"I remember the day number {i} of the shoot in Bucharest very well." for i in range(60)
    )
    text = f"A CONVERSATION WITH JANE DOE\n\nHow was the shoot?\n\n{answer}\n"
    drafts = list(presskit.chunk(text, "en"))
    assert len(drafts) >= 3
    assert {(d.speaker, d.question) for d in drafts} == {("Jane Doe", "How was the shoot?")}
    assert " ".join(d.text for d in drafts) == answer


def test_film_record_keeps_cast_as_data_and_as_a_passage():
    record = {
        "title": "Il Violino",
        "original_title": "Il Violino",
        "date": "2021-03-01",
        "genre": "Dramma",
        "score": "6.9/10",
        "synopsis": "Giulia, giovane violinista di Torino, prepara da sola il concerto più importante della sua vita.",
        "actors": ["Sofia Bruni (Giulia)", "Marco Rossi (Il maestro 'Beppe' Conti)", "Extra"],
    }
    value = json.loads(json.dumps(record))
    assert film_record.is_film_record(value)
    chunked = film_record.chunk(value)
    kinds = [d.kind for d in chunked.drafts]
    assert kinds == [Kind.SYNOPSIS, Kind.CAST]
    assert chunked.meta["cast"] == [
        {"actor": "Sofia Bruni", "character": "Giulia"},
        {"actor": "Marco Rossi", "character": "Il maestro 'Beppe' Conti"},
        {"actor": "Extra", "character": None},
    ]
    assert chunked.meta["genre"] == "Dramma" and chunked.title == "Il Violino"
    assert "Marco Rossi (Il maestro 'Beppe' Conti)" in chunked.drafts[1].text


def test_labelled_synopsis_credits_are_metadata_and_searchable_text():
    text = (
        "Inhalt:Eine Geigerin aus Wien kehrt nach zwanzig Jahren zurück. Sie sucht ihren "
        "Lehrer.\nInfo:Preis der Jury. Regie:Eva Berger Darsteller:Anna Schäfer, Jürgen Vogel "
        "Musik:Peter Tschaikowski |"
    )
    assert labelled.is_labelled(text)
    chunked = labelled.chunk(text)
    assert chunked.meta["credits"] == {
        "director": ["Eva Berger"],
        "cast": ["Anna Schäfer", "Jürgen Vogel"],
        "music": ["Peter Tschaikowski"],
    }
    synopsis, credits = chunked.drafts
    assert synopsis.kind == Kind.SYNOPSIS and "Preis der Jury." in synopsis.text
    assert credits.kind == Kind.CREDITS and "Musik: Peter Tschaikowski" in credits.text


def test_a_labelled_credit_is_quoted_as_written_and_ends_with_its_paragraph():
    text = (
        "Inhalt: Ein Jäger sucht im Bayerischen Wald einen weißen Hirsch.\n"
        "Regie: Anna Roth\nDarsteller: Max Ernst und Lena Berg\n  \n"
        "Der Film erzählt von Schuld und Vergebung, von Jagd und Gnade.\n"
    )
    chunked = labelled.chunk(text)
    assert chunked.meta["credits"]["cast"] == ["Max Ernst", "Lena Berg"]
    synopsis, credits = chunked.drafts
    assert synopsis.kind == Kind.SYNOPSIS
    assert synopsis.text.endswith("Der Film erzählt von Schuld und Vergebung, von Jagd und Gnade.")
    assert credits.text == "Regie: Anna Roth. Darsteller: Max Ernst und Lena Berg"


def test_web_page_facts_collapse_and_boilerplate_is_dropped():
    text = "\n".join(
        [
            "The Violin",
            "Il Violino",
            "A gamble of the heart, in four movements.",
            "Release date : 2021-03-01",
            "Production country :",
            "        Italy, ",
            "        France",
            "Italy,",
            "France",
            "Status : Released",
            "Runtime : 101 Min.",
            "Giulia, a young violinist from Turin, must prepare alone for the concert of her life "
            "after her teacher falls ill, and discovers a family secret on the way.",
            "Related Movies",
            "movie",
            "Some Other Film",
            "2008",
            "6.1",
        ]
    )
    assert webpage.is_webpage(text)
    chunked = webpage.chunk(text)
    assert chunked.meta["production_country"] == ["Italy", "France"]
    assert chunked.meta["runtime"] == "101 Min."
    assert chunked.meta["original_title"] == "Il Violino"
    assert [d.kind for d in chunked.drafts] == [Kind.TAGLINE, Kind.OVERVIEW]
    assert all("Some Other Film" not in d.text for d in chunked.drafts)


def test_prose_headings_head_passages_and_quotes_stay_with_their_paragraph():
    text = (
        "Great Film\n\nThe director finally found her voice. The cast is superb and I was "
        "moved.\n“Music is magic,” says the old conductor, and we believe him.\n\nLeave a comment\n"
    )
    drafts = list(prose.chunk(text, Kind.REVIEW))
    assert "Music is magic" in drafts[0].text and "The director" in drafts[0].text
    assert "Leave a comment" not in drafts[0].text and drafts[0].section == "Great Film"
    # A closing line that heads nothing is text of its own, not lost.
    assert [(d.text, d.section) for d in drafts[1:]] == [("Leave a comment", None)]


@pytest.mark.parametrize(
    "text, kept",
    [
        ("Première séance le 3 mars au Châtelet.\nContact presse : Anne Dupont\n", "Anne Dupont"),
        (
            "The screening is on Monday.\n\nBest regards\nAnne Dupont\nPress office\n",
            "Press office",
        ),
        ("Festival de Cannes\n- Sélection officielle\n- Prix du jury\n", "Prix du jury"),
        ("Meeting notes for the violin rehearsal\n", "violin rehearsal"),
    ],
)
def test_short_lines_that_head_nothing_are_kept_as_text(text, kept):
    drafts = list(prose.chunk(text, Kind.TEXT))
    assert any(kept in d.text for d in drafts)
    words = {w for d in drafts for w in re.findall(r"\w+", d.text + " " + (d.section or ""))}
    assert words >= set(re.findall(r"\w+", text))


def test_markdown_headings_become_sections():
    drafts = list(
        prose.chunk(
            "# Notes\n\nThe **score** was recorded in Budapest in 2008 by a full orchestra.\n",
            Kind.TEXT,
        )
    )
    assert drafts[0].section == "Notes" and drafts[0].text.startswith("The score was")


def test_unknown_json_falls_back_to_its_strings_prose_first():
    value = {"notes": ["The festival screening sold out within an hour of opening.", "ok"]}
    chunked = chunk_document("", lang="en", fmt="json", json_value=value)
    assert [d.text for d in chunked.drafts] == [
        "The festival screening sold out within an hour of opening.",
        "ok",
    ]


@pytest.mark.parametrize(
    "record",
    [
        {
            "title": "Le Concert",
            "synopsis": {"fr": "Un orchestre fantôme.", "en": "A ghost orchestra."},
        },
        {"title": "Le Concert", "synopsis": ["Un orchestre fantôme.", "A ghost orchestra."]},
        {"film": {"title": "Le Concert", "synopsis": "Un orchestre fantôme. A ghost orchestra."}},
    ],
    ids=["per-language", "paragraphs", "wrapped"],
)
def test_film_records_in_their_common_shapes_keep_every_text(record):
    assert document_kind("", record, "json") == "film-record"
    chunked = film_record.chunk(record)
    text = " ".join(d.text for d in chunked.drafts)
    assert "fantôme" in text and "ghost" in text and chunked.title == "Le Concert"


def test_a_cast_given_as_actor_to_character_and_short_strings_of_unknown_json():
    cast = film_record.parse_cast({"Aleksei Guskov": "Andrei Filipov", "Miou-Miou": None})
    assert [(m.actor, m.character) for m in cast] == [
        ("Aleksei Guskov", "Andrei Filipov"),
        ("Miou-Miou", None),
    ]
    strings = list(film_record.generic_strings({"id": 7, "name": "Miou-Miou", "tags": ["drame"]}))
    assert strings == ["Miou-Miou; drame"]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (
            "Die letzte Ernte\nSynopsis\n\nIm Herbst 1989 kehrt Marta auf das Weingut zurück, "
            "während im Radio Tschaikowski läuft.\n",
            Kind.SYNOPSIS,
        ),
        (
            "LA BAIE\nRésumé\n\nUne gardienne de phare attend le retour de sa sœur.\n"
            "Elle compte les bateaux.\n\nAu printemps, Marta revient.\n",
            Kind.SYNOPSIS,
        ),
        # any other heading keeps prose what it is
        (
            "Die letzte Ernte\nNotizen\n\nIm Herbst 1989 kehrt Marta auf das Weingut zurück, "
            "während im Radio Tschaikowski läuft.\n",
            Kind.TEXT,
        ),
    ],
)
def test_prose_under_a_synopsis_heading_is_a_synopsis(text: str, kind: str):
    drafts = [d for d in prose.chunk(text) if "Marta" in d.text]
    assert drafts and {d.kind for d in drafts} == {kind}


def test_a_festival_catalogue_of_several_films_is_no_film_page(tmp_path):
    """Each film's "Director : …" made a film page's facts, which kept only the last film's
    and no passage: its directors and actors could not be found."""
    from search.ingest import read

    films = [
        ("UNDER THE LIMES", "Italy", "Amanda Colombo", "Lea Santini, Marco Duve"),
        ("THE SONG OF THE CRANES", "Belgium", "Pieter Van Aelst", "Johan Leysen"),
        ("WHITE NIGHT IN TANGIER", "Morocco", "Yasmina Berrada", "Omar Lahlou"),
    ]
    text = "BELLARIA FILM FESTIVAL 2025\nHorizons – Catalogue\n\n" + "\n\n".join(
        f"{title}\nCountry : {country}\nDirector : {director}\nCast : {cast}\n"
        "A village story told with patience, over one long winter."
        for title, country, director, cast in films
    )
    assert not webpage.is_webpage(text)
    path = tmp_path / "catalogo.txt"
    path.write_text(text, encoding="utf-8")
    said = " ".join(p.text for p in read(path, path.name).passages)
    for _, _, director, cast in films:
        assert director in said and cast.split(",")[0] in said
