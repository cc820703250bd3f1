"""A review as newspapers and sites publish it: a headline (under a rubric, of any length),
a byline above or a signature below, and a body whose first passage is the critic's
words alone, so that a quotation never starts with the headline."""

from __future__ import annotations

from pathlib import Path

from search.ingest import read
from search.model import Kind


def _read(tmp_path: Path, name: str, text: str):  # type: ignore[no-untyped-def]
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    doc = read(path, name)
    doc.passages = list(doc.passages)  # read lazily, looked at twice here
    return doc


BODY_IT = (
    "Il film di Teresa Galli segue una famiglia di pastori sull'Appennino per un inverno "
    "intero. È un capolavoro di pazienza, anche se il finale insiste troppo.\n\n"
    "La fotografia rende la neve grigia come il ferro vecchio.\n"
)


def test_a_long_headline_over_a_byline_is_the_title_and_no_part_of_the_first_passage(
    tmp_path: Path,
) -> None:
    doc = _read(
        tmp_path,
        "recensione.txt",
        "La lunga neve, recensione – un inverno intero sull'Appennino dei pastori\n\n"
        "Di Marta Ferri | Cinema Oggi | 12 marzo 2024\n\n" + BODY_IT,
    )
    document = doc.meta["document"]
    assert document["title"].startswith("La lunga neve, recensione")
    assert (document["author"], document["publication"], document["date"]) == (
        "Marta Ferri",
        "Cinema Oggi",
        "2024-03-12",
    )
    assert doc.meta["film_claim"]["title"] == "La lunga neve"
    body = [p for p in doc.passages if p.kind != Kind.TITLE]
    assert body[0].kind == Kind.REVIEW and body[0].text.startswith("Il film di Teresa Galli")
    title = next(p for p in doc.passages if p.kind == Kind.TITLE)
    assert "Di Marta Ferri" in title.text and "recensione" in title.text  # nothing lost


def test_a_rubric_over_a_headline_in_quotes_names_the_film_and_makes_a_review(
    tmp_path: Path,
) -> None:
    doc = _read(
        tmp_path,
        "critica.txt",
        "CRÍTICA\n«La sal del río»: la lentitud como remedio\n\n★★★☆☆\n\n"
        "Se entra en la película de Baltasar Ruiz como en una salina: despacio, mirando "
        "dónde se pisa. Pocos diálogos, mucho cielo.\n\n"
        "La última media hora da a la película una tensión inesperada.\n\n"
        "Marta Roca – Cuadernos de Cine, 2 de abril de 2025\n",
    )
    document = doc.meta["document"]
    assert document["title"] == "«La sal del río»: la lentitud como remedio"
    assert doc.meta["film_claim"]["title"] == "La sal del río"
    # a signature closing the review, with a date, is its byline
    assert (document["author"], document["publication"], document["date"]) == (
        "Marta Roca",
        "Cuadernos de Cine",
        "2025-04-02",
    )
    body = [p for p in doc.passages if p.kind != Kind.TITLE]
    assert body[0].kind == Kind.REVIEW and body[0].text.startswith("Se entra en la película")
    # the signature is the title passage's, not the last paragraph's words
    assert body[-1].text.endswith("una tensión inesperada.")
    title = next(p for p in doc.passages if p.kind == Kind.TITLE)
    assert "Marta Roca – Cuadernos de Cine, 2 de abril de 2025" in title.text


def test_a_byline_in_italics_or_closing_the_review_is_read(tmp_path: Path) -> None:
    doc = _read(
        tmp_path,
        "kritik.md",
        "# Der lange Schnee\n\n*Von Tilman Ober | Filmblatt | 3. März 2024*\n\n"
        "Ein Film über Hirten im Winter, still und genau, ein Meisterwerk der Geduld.\n",
    )
    assert doc.meta["document"]["author"] == "Tilman Ober"
    assert doc.meta["document"]["date"] == "2024-03-03"
    doc = _read(
        tmp_path,
        "review.md",
        "# The Long Snow\n\nA film about shepherds in winter, quiet and exact.\n\n"
        "It is a masterpiece of patience, though the ending insists.\n\n"
        "Reviewed by Hamish Cole for Screen North, 18 June 2025\n",
    )
    document = doc.meta["document"]
    assert (document["author"], document["publication"], document["date"]) == (
        "Hamish Cole",
        "Screen North",
        "2025-06-18",
    )


def test_a_sentence_naming_a_review_is_no_headline(tmp_path: Path) -> None:
    doc = _read(
        tmp_path,
        "note.txt",
        "A review of the budget. The board met on Monday and agreed the numbers.\n\n"
        "Nothing else was decided.\n",
    )
    assert all(p.kind == Kind.TEXT for p in doc.passages if p.kind != Kind.TITLE)
