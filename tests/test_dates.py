"""Documents' dates: written out in a byline (en/fr/de/it/es), and DOCX/PDF creation dates."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import docx
import pytest
from fpdf import FPDF

from search import docmeta
from search.read import read_document


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("By Sarah Whitfield | 14 May 2024", "2024-05-14"),
        ("By Sarah Whitfield, May 14, 2024", "2024-05-14"),
        ("By Sarah Whitfield | The Daily Screen | Sept. 3, 2024", "2024-09-03"),
        ("Par Jeanne Martin, le 3 mars 2024", "2024-03-03"),
        ("Par Jeanne Martin, le 1er décembre 2023", "2023-12-01"),
        ("Par Jeanne Martin, le 1er decembre 2023", "2023-12-01"),
        ("Von Jonas Weber, 3. März 2024", "2024-03-03"),
        ("Von Jonas Weber, 3. Maerz 2024", "2024-03-03"),
        ("di Elena Guidi, 3 marzo 2024", "2024-03-03"),
        ("Por Lucía Romero, 3 de marzo de 2024", "2024-03-03"),
        ("Von Jonas Weber, 14.05.2024", "2024-05-14"),
        ("Par Jeanne Martin, 14/05/2024", "2024-05-14"),
        ("di Elena Guidi, 03/04/2024", "2024-04-03"),
    ],
)
def test_byline_dates(line: str, date: str) -> None:
    meta = docmeta.document_meta(
        "article", f"{line}\n\nThe film opens on a beach.", {}, {}, None, None
    )
    assert meta["date"] == date
    assert meta["author"] in line


@pytest.mark.parametrize(
    "line",
    [
        "By Sarah Whitfield, 31 February 2024",
        "Von Jonas Weber, 31.02.2024",
        "Par Jeanne Martin, 14/13/2024",
        "By Sarah Whitfield | 3 Ma 2024",
        "By Sarah Whitfield | The Daily Screen",
    ],
)
def test_no_byline_date(line: str) -> None:
    meta = docmeta.document_meta("article", f"{line}\n\nText.", {}, {}, None, None)
    assert "date" not in meta


def test_byline_publication_keeps_without_date() -> None:
    meta = docmeta.document_meta(
        "article",
        "By Sarah Whitfield | The Daily Screen | 14 May 2024\n\nText.",
        {},
        {},
        None,
        None,
    )
    assert meta["publication"] == "The Daily Screen"
    assert meta["date"] == "2024-05-14"


def test_strength_order() -> None:
    text = "By Sarah Whitfield | 14 May 2024\n\nText."
    assert (
        docmeta.document_meta("article", text, {"date": "2023-01-02"}, {}, None, None)["date"]
        == "2023-01-02"
    )
    assert (
        docmeta.document_meta("article", text, {"created": "2020-01-01"}, {}, None, None)["date"]
        == "2024-05-14"
    )
    assert (
        docmeta.document_meta("article", "Text.", {"created": "2020-01-01"}, {}, None, None)["date"]
        == "2020-01-01"
    )


def _docx(path: Path, created: datetime | None) -> Path:
    document = docx.Document()
    document.add_paragraph("Die Kamera bleibt lange auf dem Meer.")
    if created is not None:
        document.core_properties.created = created
    document.save(str(path))
    return path


def test_docx_created(tmp_path: Path) -> None:
    raw = read_document(_docx(tmp_path / "a.docx", datetime(2022, 6, 7, 10, 0)))
    assert raw.meta["created"] == "2022-06-07"


def test_docx_template_default_ignored(tmp_path: Path) -> None:
    raw = read_document(_docx(tmp_path / "a.docx", None))
    assert "created" not in raw.meta


def _pdf(path: Path, created: datetime) -> Path:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.cell(text="La camara se queda en el mar.")
    pdf.set_creation_date(created)
    pdf.output(str(path))
    return path


def test_pdf_created(tmp_path: Path) -> None:
    raw = read_document(_pdf(tmp_path / "a.pdf", datetime(2021, 3, 4, 12, 0, tzinfo=timezone.utc)))
    assert raw.meta["created"] == "2021-03-04"


def test_pdf_malformed_date_is_no_date(tmp_path: Path) -> None:
    path = _pdf(tmp_path / "a.pdf", datetime(2021, 3, 4, 12, 0, tzinfo=timezone.utc))
    data = path.read_bytes().replace(b"D:20210304", b"D:2021XX04")
    path.write_bytes(data)
    raw = read_document(path)
    assert "created" not in raw.meta
    assert "camara" in raw.text


def test_a_byline_date_reaches_the_hit_and_its_citation(tmp_path: Path) -> None:
    from search.engine import Engine
    from search.render import cite

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "kritik.txt").write_text(
        "Nachtzug: Vier Fremde im Schlafwagen\n\n"
        "Von Jonas Weber, 3. März 2025\n\n"
        "Hanna Vogt sperrt vier Fremde in ein Abteil zwischen Wien und Hamburg und lässt sie "
        "nicht mehr hinaus. Der Film ist beklemmend, komisch und am Ende bewegend.\n",
        encoding="utf-8",
    )
    engine = Engine(tmp_path / "ix")
    engine.index([docs])
    [hit] = engine.search("beklemmend").hits
    assert hit.passage.meta["document"]["date"] == "2025-03-03"
    assert hit.passage.meta["document"]["author"] == "Jonas Weber"
    assert "2025-03-03" in cite(hit.passage, None)


def test_a_year_in_a_pages_text_is_no_date_of_the_page(tmp_path: Path) -> None:
    """trafilatura's search of the text took "(2018)" in a biography for the page's date
    (2018-01-01), and citations printed it; a date written out in the byline stays."""
    from search.ingest import read

    body = (
        "<p>Kestrel Docs presents a documentary about the night staff of an observatory, "
        "filmed over two winters in the Pyrenees, with the astronomers who never look "
        "through a telescope and the guards who do.</p>"
        "<h2>Director</h2><p>Janek Rosłowski studied in Łódź; his first film, "
        "<em>Salt</em> (2018), won in Kraków.</p>"
    )
    plain = tmp_path / "kit.html"
    plain.write_text(
        f"<html><head><title>Night Staff</title></head><body><article><h1>Night Staff</h1>"
        f"{body}</article></body></html>",
        encoding="utf-8",
    )
    assert "date" not in read(plain, plain.name).meta["document"]
    dated = tmp_path / "review.html"
    dated.write_text(
        f"<html><head><title>Night Staff</title></head><body><article><h1>Night Staff</h1>"
        f"<p>By Mira Lund · 16 July 2025</p>{body}</article></body></html>",
        encoding="utf-8",
    )
    assert read(dated, dated.name).meta["document"]["date"] == "2025-07-16"
