"""Press material as it really arrives: a folder mixing every format, good files and bad."""

from pathlib import Path

import pytest

from search import Engine

fpdf = pytest.importorskip("fpdf")
docx = pytest.importorskip("docx")


def _pdf(path: Path, pages: list[str], *, password: str | None = None) -> None:
    pdf = fpdf.FPDF()
    pdf.set_auto_page_break(False)
    for number, text in enumerate(pages, start=1):
        pdf.add_page()
        pdf.set_font("Helvetica", size=10)
        pdf.set_xy(10, 8)
        pdf.cell(0, 5, "The Violin - Press kit")
        pdf.set_font("Helvetica", size=12)
        pdf.set_xy(10, 25)
        pdf.multi_cell(0, 7, text)
        pdf.set_xy(10, 280)
        pdf.cell(0, 5, str(number))
    if password:
        pdf.set_encryption(owner_password="owner", user_password=password)
    pdf.output(str(path))


@pytest.fixture(scope="module")
def mixed(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("incoming")
    _pdf(
        folder / "presskit.pdf",
        [
            "SYNOPSIS\n\nGiulia is a young violinist from Turin who prepares the concert of her "
            "life alone, after her teacher falls ill in the middle of the rehearsals.",
            "INTERVIEW WITH SOFIA BRUNI\n\nHow did you prepare the role?\n\nI practised the "
            "Mendelssohn concerto every morning for five months with a marmalade jar beside the "
            "music stand, because my teacher said patience needs sugar.",
        ],
    )
    _pdf(
        folder / "locked.pdf",
        ["Nothing to read here without the password, sorry."],
        password="secret",
    )
    (folder / "truncated.pdf").write_bytes((folder / "presskit.pdf").read_bytes()[:400])
    (folder / "review.html").write_text(
        "<html><head><title>The Violin, reviewed</title><meta name='author' content='Ada Critic'>"
        "</head><body><nav><a href='/'>Home</a> <a href='/films'>Films</a></nav>"
        "<div class='cookie-banner'>We use cookies to improve your experience. Accept all?</div>"
        "<article><h1>The Violin, reviewed</h1>"
        "<p>The film is a small miracle of patience and the director never hurries a scene.</p>"
        "<p>Its quiet final concert left the whole audience in a respectful silence that "
        "lasted well into the credits, a rare thing at a festival screening.</p>"
        "<p>Sofia Bruni plays the violinist with a stubbornness that never turns into a pose.</p>"
        "</article><section class='comments'><h3>Comments</h3><p>First! lol</p></section>"
        "<aside class='related'><h3>Related articles</h3><ul><li>Ten films about orchestras"
        "</li></ul></aside></body></html>",
        encoding="utf-8",
    )
    document = docx.Document()
    document.core_properties.title = "Production notes"
    document.add_heading("Production notes", level=1)
    document.add_paragraph(
        "The orchestra scenes were shot in a disused tram depot in Turin, "
        "heated by four borrowed kerosene stoves."
    )
    document.save(str(folder / "notes.docx"))
    (folder / "corrupt.docx").write_bytes(b"PK\x03\x04 this is not really a zip archive")
    (folder / "festival.md").write_text(
        "# Festival notes\n\nThe screening in Locarno ended with a "
        "standing ovation under the rain on the Piazza Grande.\n",
        encoding="utf-8",
    )
    (folder / "synopsis_cp1252.txt").write_bytes(
        "Giulia répète chaque soir à l’Opéra ; son œuvre préférée coûte 5 € la partition.\r\n"
        "Elle rêve d’une tournée à Vienne avec son père, ancien chef d’orchestre.\r\n".encode(
            "cp1252"
        )
    )
    (folder / "interview_utf16.txt").write_text(
        "Die Geigerin übt jeden Morgen im Straßenbahndepot, weil dort die Akustik so gut ist.",
        encoding="utf-16",
    )
    (folder / "entretien_mac.txt").write_bytes(  # a press kit from a Mac before OS X
        "Entretien avec Mélanie Laurent\r\r"
        "Q : Comment avez-vous appris le violon pour le rôle ?\r"
        "Mélanie Laurent : J’ai travaillé des mois avec une violoniste, chaque matin, "
        "pour que mes gestes soient crédibles à l’écran.\r".encode("mac_roman")
    )
    (folder / "broken.json").write_text(
        '{"title": "The Violin", "synopsis": "cut', encoding="utf-8"
    )
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "still.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    hidden = folder / ".cache"
    hidden.mkdir()
    (hidden / "junk.txt").write_text(
        "This hidden file must never be indexed at all.", encoding="utf-8"
    )
    return folder


@pytest.fixture(scope="module")
def built(mixed: Path, tmp_path_factory):
    engine = Engine(tmp_path_factory.mktemp("ix"))
    return engine, engine.index([mixed])


def test_every_bad_file_is_named_with_its_reason(built):
    _, report = built
    reasons = {Path(s.path).name: s.reason for s in report.skipped}
    assert set(reasons) == {
        "locked.pdf",
        "truncated.pdf",
        "corrupt.docx",
        "broken.json",
        "empty.txt",
    }
    assert "encrypted" in reasons["locked.pdf"]
    assert "JSON" in reasons["broken.json"] and "line 1" in reasons["broken.json"]
    assert report.ignored == ["still.png"]  # media: ignored quietly (search/media.py)


@pytest.mark.parametrize(
    "query, source",
    [
        ("marmalade", "presskit.pdf"),
        ("respectful silence", "review.html"),
        ("kerosene stoves", "notes.docx"),
        ("Piazza Grande", "festival.md"),
        ("partition", "synopsis_cp1252.txt"),
        ("Straßenbahndepot", "interview_utf16.txt"),
    ],
)
def test_every_good_file_is_searchable(built, query: str, source: str):
    engine, _ = built
    assert engine.search(query).hits[0].passage.source == source


def test_pdf_passages_keep_page_numbers_and_speakers_without_headers(built):
    engine, _ = built
    hit = engine.search("marmalade").hits[0]
    assert hit.passage.page == 2
    assert hit.passage.speaker == "Sofia Bruni"
    assert hit.passage.question == "How did you prepare the role?"
    everything = " ".join(p.text for p in engine.passages())
    assert "Press kit" not in everything


def test_html_boilerplate_is_not_indexed_and_metadata_is_kept(built):
    engine, _ = built
    assert engine.search("cookies").hits == []
    assert engine.search("lol").hits == []
    hit = engine.search("respectful silence").hits[0]
    assert hit.passage.title == "The Violin, reviewed"
    assert hit.passage.meta.get("author") == "Ada Critic"


def test_legacy_encodings_decode_and_hidden_folders_are_skipped(built):
    engine, _ = built
    text = engine.search("partition").hits[0].passage.text
    assert "l’Opéra" in text and "œuvre" in text and "5 €" in text and "\r" not in text
    assert engine.search("hidden").hits == []


def test_a_mac_roman_interview_keeps_its_speaker(built):
    engine, _ = built
    hits = engine.search("violoniste", speakers=["Mélanie Laurent"]).hits
    assert [h.passage.source for h in hits] == ["entretien_mac.txt"]
    assert hits[0].passage.question == "Comment avez-vous appris le violon pour le rôle ?"
    assert hits[0].passage.text.startswith("J’ai travaillé des mois")


def test_large_text_streams_in_blocks(tmp_path: Path, monkeypatch):
    from search import read

    monkeypatch.setattr(read, "LARGE_TEXT_BYTES", 10_000)
    para = "The archive holds every press kit of the festival since its first edition. "
    (tmp_path / "big.txt").write_text(
        "\n\n".join(f"{para} Number {i}." for i in range(2000)), encoding="utf-8"
    )
    engine = Engine(tmp_path / "ix")
    report = engine.index([tmp_path / "big.txt"])
    assert report.manifest.passage_count > 100
    assert engine.search('"Number 1999"').hits[0].passage.text.endswith("Number 1999.")
