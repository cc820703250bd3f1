"""Tests for search.read: every fixture is generated in tmp_path by the test itself."""

from __future__ import annotations

import io
import os
import random
import re
import subprocess
import sys
import zipfile
from datetime import datetime, timezone
from pathlib import Path

import pytest
from fpdf import FPDF
from pypdf import PdfReader

from search import read
from search.read import (
    RawDocument,
    ReadError,
    decode_bytes,
    iter_files,
    iter_text_blocks,
    read_document,
)

FRENCH = "Élève à l'école, déjà façonné"
CURLY = "« L’orchestre » coûte 5 € — un chef-d’œuvre, dit-il."
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def reason(path: Path) -> str:
    with pytest.raises(ReadError) as info:
        read_document(path)
    return str(info.value)


# ---------------------------------------------------------------------------- encodings


@pytest.mark.parametrize(
    ("data", "text", "encoding"),
    [
        (FRENCH.encode("utf-8"), FRENCH, "utf-8"),
        (b"\xef\xbb\xbf" + FRENCH.encode("utf-8"), FRENCH, "utf-8-sig"),
        (b"\xff\xfe" + FRENCH.encode("utf-16-le"), FRENCH, "utf-16-le"),
        (b"\xfe\xff" + FRENCH.encode("utf-16-be"), FRENCH, "utf-16-be"),
        (FRENCH.encode("utf-16-le"), FRENCH, "utf-16-le"),  # no BOM: found by its NUL pattern
        (FRENCH.encode("latin-1"), FRENCH, "cp1252"),  # Latin-1 is read as its superset cp1252
        (CURLY.encode("cp1252"), CURLY, "cp1252"),
    ],
    ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom", "utf16le-nobom", "latin1", "cp1252"],
)
def test_text_encodings_decode_to_the_same_text(
    tmp_path: Path, data: bytes, text: str, encoding: str
) -> None:
    doc = read_document(write(tmp_path, "note.txt", data))
    assert (doc.format, doc.text, doc.encoding, doc.stream) == ("text", text, encoding, False)


def test_utf8_with_a_paragraph_pasted_from_windows_1252_reads_both() -> None:
    utf8 = f"{FRENCH}. Andreï Filipov dirige le Bolchoï.\n".encode() * 3
    pasted = f"{CURLY}\n".encode("cp1252")
    text, encoding = decode_bytes(utf8 + pasted + utf8)
    assert encoding == "utf-8"
    assert text == (f"{FRENCH}. Andreï Filipov dirige le Bolchoï.\n" * 3) + f"{CURLY}\n" + (
        f"{FRENCH}. Andreï Filipov dirige le Bolchoï.\n" * 3
    )


def test_a_stray_nul_or_nul_padding_does_not_make_text_binary(tmp_path: Path) -> None:
    body = (FRENCH + ". Le Bolchoï joue ce soir au Châtelet.\n") * 40
    data = body.encode("utf-8")
    doc = read_document(
        write(tmp_path, "kit.txt", data[:100] + b"\x00" + data[100:] + b"\x00" * 512)
    )
    assert doc.text == body
    assert reason(write(tmp_path, "blob.txt", b"\x00\x01" * 300 + data)) == "binary file"


def test_short_legacy_texts_are_not_misdetected() -> None:
    # charset-normalizer alone names cp1250/cp850 for these and garbles è, à, ’ and €.
    assert decode_bytes("Le Concert, déjà vu à Paris".encode("latin-1")) == (
        "Le Concert, déjà vu à Paris",
        "cp1252",
    )
    text = "He said “it’s a masterpiece” – tickets cost €12; the œuvre is long."
    assert decode_bytes(text.encode("cp1252")) == (text, "cp1252")


def test_other_legacy_scripts_still_detected() -> None:
    russian = "Концерт — фильм Раду Михайляну о дирижёре Большого театра."
    assert decode_bytes(russian.encode("cp1251")) == (russian, "cp1251")
    czech = "Příliš žluťoučký kůň úpěl ďábelské ódy. Režisér natočil film v Praze."
    assert decode_bytes(czech.encode("cp1250")) == (czech, "cp1250")
    # cp1252 decodes this too ('Ýstanbul'); charset-normalizer's language fit tells them apart.
    turkish = "Yönetmen filmi İstanbul'da çekti; oyuncular çok başarılı."
    assert decode_bytes(turkish.encode("cp1254")) == (turkish, "cp1254")


MAC_TEXTS = [
    "Mélanie Laurent : J'ai adoré.",
    "Le Concert, déjà vu à Paris",
    "Q : Comment avez-vous appris le violon pour le rôle ?\r"
    "R : J’ai travaillé pendant des mois — c’était très difficile… « Le Concert » est à part.",
    "Frage: Wie sind Sie auf Tschaikowski gekommen? Antwort: Die Musik – für mich ist sie "
    "die größte Liebe. „Das Konzert“ erzählt von Würde.",
    "¿Cómo eligió la música? «El concierto» habla de la dignidad. Año tras año.",
    "“I wanted the score to feel like a memory — half-heard.” The café scene, naïve.",
    "Jag växte upp med Tjajkovskij och det kändes självklart för mig.",
    "CAFÉ CRÈME – À L’ÉCRAN",
]


@pytest.mark.parametrize("text", MAC_TEXTS)
def test_mac_roman_files_are_read_as_mac_roman(text: str) -> None:
    # Pre-OS X press kits: Windows code pages read é as "Ž" and ä as "Š", or fail on ç.
    expected = text.replace("\r", "\n")
    assert decode_bytes(text.encode("mac_roman")) == (expected, "mac_roman")


def test_a_large_mac_roman_file_streams_as_mac_roman(tmp_path: Path) -> None:
    text = "\r".join(MAC_TEXTS) + "\r"
    data = text.encode("mac_roman") * (read.LARGE_TEXT_BYTES // len(text) + 1)
    doc = read_document(write(tmp_path, "kit.txt", data))
    assert (doc.stream, doc.encoding) == (True, "mac_roman")
    first = next(iter_text_blocks(doc.path, doc.encoding))
    assert first.startswith(text.replace("\r", "\n"))


@pytest.mark.parametrize(
    "text",
    [
        "It’s a “film” – about music… and hope. Don’t miss it — really.",
        "Das ist´s: Gespräch über Träume, Grüße und Öffnungen – wirklich schön.",
        "Café con leche, año 1999. ¿Qué tal? ¡Olé! El niño está aquí.",
        "Œuvre complète — «Le Concert» de Radu Mihaileanu, 2009. Prix : 12 €.",
    ],
)
def test_windows_text_is_not_taken_for_mac_roman(text: str) -> None:
    # Its punctuation bytes are Mac letters ("’" reads "í"): a tie stays Windows-1252.
    assert decode_bytes(text.encode("cp1252")) == (text, "cp1252")


def test_line_ends_and_unicode_are_normalised(tmp_path: Path) -> None:
    data = "Cafe\u0301 one\r\nline two\rline three\n".encode("utf-8")
    doc = read_document(write(tmp_path, "a.txt", data))
    assert doc.text == "Café one\nline two\nline three\n"
    assert "\u0301" not in doc.text


def test_random_bytes_are_binary(tmp_path: Path) -> None:
    data = random.Random(7).randbytes(4096)
    assert b"\x00" in data
    assert reason(write(tmp_path, "blob.txt", data)) == "binary file"


def test_png_is_binary(tmp_path: Path) -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00"
    assert reason(write(tmp_path, "poster.png", png + bytes(range(256)))) == "binary file"


def test_byte_order_mark_over_invalid_bytes_is_reported() -> None:
    with pytest.raises(ReadError, match="not valid utf-8-sig despite its byte-order mark"):
        decode_bytes(b"\xef\xbb\xbfLe Concert \xff\xfe damaged")


def test_control_characters_are_binary() -> None:
    with pytest.raises(ReadError, match="binary file"):
        decode_bytes(bytes(range(1, 32)) * 20)


@pytest.mark.parametrize(
    "data", [b"", b"  \r\n\t \n", b"\xff\xfe \x00\n\x00"], ids=["zero", "spaces", "utf16-spaces"]
)
def test_empty_files(tmp_path: Path, data: bytes) -> None:
    assert reason(write(tmp_path, "empty.txt", data)) == "empty file"


# ---------------------------------------------------------------------------- formats


def test_markdown_by_extension_even_when_it_mentions_html(tmp_path: Path) -> None:
    doc = read_document(
        write(tmp_path, "notes.md", "# Notes\n\nEmbed with `<html>` and <body> tags.\n")
    )
    assert doc.format == "markdown"
    assert doc.text.startswith("# Notes")


def test_html_recognised_by_content(tmp_path: Path) -> None:
    html = "<!DOCTYPE html><html><head><title>Revue</title></head><body><p>Un film bouleversant et drôle.</p></body></html>"
    doc = read_document(write(tmp_path, "saved_page.txt", html))
    assert doc.format == "html"
    assert doc.text == "Un film bouleversant et drôle."


def test_json_parsed(tmp_path: Path) -> None:
    doc = read_document(write(tmp_path, "film.json", '{"title": "Le Concert", "year": 2009}'))
    assert (doc.format, doc.json) == ("json", {"title": "Le Concert", "year": 2009})
    assert doc.encoding == "utf-8"


def test_json_recognised_by_content_without_extension(tmp_path: Path) -> None:
    doc = read_document(write(tmp_path, "record", '[{"cast": ["Mélanie Laurent"]}]'))
    assert doc.format == "json"
    assert doc.json == [{"cast": ["Mélanie Laurent"]}]


def test_braces_that_are_not_json_stay_text(tmp_path: Path) -> None:
    doc = read_document(write(tmp_path, "note.txt", "{draft} synopsis to finish\n"))
    assert (doc.format, doc.json) == ("text", None)


def test_malformed_json_names_line_and_column(tmp_path: Path) -> None:
    path = write(tmp_path, "bad.json", '{\n  "title": "Le Concert",\n  "year": 2009,,\n}\n')
    message = reason(path)
    assert message.startswith("malformed JSON at line 3, column 16")


def test_a_json_string_cut_by_a_line_end_says_so_without_a_dangling_at(tmp_path: Path) -> None:
    message = reason(write(tmp_path, "eps.json", '{"title": "Eps\n'))
    assert message == (
        "malformed JSON at line 1, column 15: Invalid control character "
        "(the file ends early: truncated?)"
    )


def test_truncated_json_is_malformed(tmp_path: Path) -> None:
    full = '{\n  "title": "Le Concert",\n  "cast": ["Aleksey Guskov", "Mélanie Laurent"]\n}\n'
    path = write(tmp_path, "cut.json", full.encode("utf-8")[:40])
    message = reason(path)
    assert re.match(r"malformed JSON at line \d+, column \d+", message)
    assert "truncated" in message


# ---------------------------------------------------------------------------- PDF


def _pdf(font_ttf: bool = False) -> FPDF:
    pdf = FPDF()
    pdf.set_auto_page_break(False)
    if font_ttf:
        pdf.add_font("dejavu", fname=str(DEJAVU))
    return pdf


BODIES = [
    "Andrei Filipov was once the greatest conductor of the Soviet Union. Thirty years later he cleans the Bolshoi.",
    "One evening he intercepts a fax inviting the Bolshoi orchestra to play at the Theatre du Chatelet in Paris.",
    "He gathers his old musicians, now taxi drivers and movers, to travel to Paris in place of the real orchestra.",
]


def test_pdf_pages_split_and_running_header_footer_removed(tmp_path: Path) -> None:
    ttf = DEJAVU.exists()  # the em dash needs a Unicode font; fall back to ASCII without one
    header = "Le Concert — Press kit" if ttf else "Le Concert - Press kit"
    font = "dejavu" if ttf else "helvetica"
    pdf = _pdf(font_ttf=ttf)
    pdf.set_title("Le Concert")
    pdf.set_author("Radu Mihaileanu")
    pdf.set_creation_date(datetime(2009, 11, 4, 10, 0, tzinfo=timezone.utc))
    for number, body in enumerate(BODIES, start=1):
        pdf.add_page()
        pdf.set_font(font, size=9)
        pdf.cell(0, 8, header, align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(font, size=11)
        pdf.multi_cell(0, 6, body)
        pdf.set_y(-15)
        pdf.set_font(font, size=9)
        pdf.cell(0, 10, str(number), align="C")
    path = write(tmp_path, "presskit.pdf", bytes(pdf.output()))

    assert header in PdfReader(path).pages[1].extract_text()  # there to be removed
    doc = read_document(path)

    pages = doc.text.split("\f")
    assert doc.format == "pdf" and doc.encoding is None
    assert len(pages) == 3
    for page, body in zip(pages, BODIES, strict=True):
        assert " ".join(page.split()) == body
    assert "Press kit" not in doc.text
    assert not re.search(r"^\d+$", doc.text, re.MULTILINE)
    assert doc.meta == {"title": "Le Concert", "author": "Radu Mihaileanu", "created": "2009-11-04"}


def test_pdf_page_number_styles_removed_body_kept(tmp_path: Path) -> None:
    pdf = _pdf()
    footers = ["- 1 -", "Page 2 of 3", "p. 3"]
    for body, footer in zip(BODIES, footers, strict=True):
        pdf.add_page()
        pdf.set_font("helvetica", size=11)
        pdf.multi_cell(0, 6, body)
        pdf.set_y(-15)
        pdf.cell(0, 10, footer, align="C")
    doc = read_document(write(tmp_path, "p.pdf", bytes(pdf.output())))
    assert [" ".join(page.split()) for page in doc.text.split("\f")] == BODIES


LEFT = (
    "Andrei Filipov was once the greatest conductor of the Soviet Union, until he refused to fire "
    "the Jewish musicians of his orchestra. Thirty years later he still works at the Bolshoi, but "
    "as a cleaner, and every night he dreams of the concert he never finished."
)
RIGHT = (
    "One evening he intercepts a fax from the Theatre du Chatelet in Paris inviting the Bolshoi "
    "orchestra to play. He decides to gather his old musicians, now taxi drivers and movers, and "
    "to travel to Paris in place of the official orchestra."
)


ARTICLE_EN = [
    "The film opens in Moscow, where the former conductor mops the floor of the hall he once ruled.",
    "Critics in Cannes praised the final concert, a twelve minute sequence set to Tchaikovsky.",
    "Melanie Laurent plays the young violinist whose past is tied to the orchestra.",
]


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_two_column_pdf_written_column_by_column(tmp_path: Path) -> None:
    """fpdf2 multi_cell writes a column at a time; pypdf's stream order is then right."""
    pdf = _pdf()
    pdf.add_page()
    pdf.set_font("helvetica", size=11)
    top = pdf.get_y()
    pdf.set_xy(10, top)
    pdf.multi_cell(88, 6, LEFT)
    pdf.set_xy(110, top)
    pdf.multi_cell(88, 6, RIGHT)
    doc = read_document(write(tmp_path, "columns.pdf", bytes(pdf.output())))
    assert _flat(doc.text) == f"{LEFT} {RIGHT}"


def test_two_column_pdf_interleaved_line_by_line_is_reordered(tmp_path: Path) -> None:
    """Some producers draw both columns line by line; pypdf then interleaves them."""
    pdf = _pdf()
    pdf.add_page()
    pdf.set_font("helvetica", size=11)
    left = pdf.multi_cell(88, 6, LEFT, dry_run=True, output="LINES")
    right = pdf.multi_cell(88, 6, RIGHT, dry_run=True, output="LINES")
    pdf.set_font("helvetica", "B", 16)
    pdf.text(10, 20, "The story")
    pdf.set_font("helvetica", size=11)
    for i in range(max(len(left), len(right))):
        if i < len(left):
            pdf.text(10, 32 + 6 * i, left[i])
        if i < len(right):
            pdf.text(110, 32 + 6 * i, right[i])
    pdf.text(100, 285, "A closing line below both columns, drawn across the gutter.")
    path = write(tmp_path, "interleaved.pdf", bytes(pdf.output()))

    raw = PdfReader(path).pages[0].extract_text()
    assert f"{left[0]} {right[0]}" in raw  # pypdf alone mixes the two columns

    text = _flat(read_document(path).text)
    assert (
        text
        == f"The story {LEFT} {RIGHT} A closing line below both columns, drawn across the gutter."
    )


def test_single_column_drawn_word_by_word_is_not_split(tmp_path: Path) -> None:
    """Word starts line up by chance in justified text; that is no gutter."""
    pdf = _pdf()
    pdf.add_page()
    pdf.set_font("helvetica", size=9)  # a size at which some 3pt slot gets a word start on 3+ lines
    lines = pdf.multi_cell(
        190, 4.5, " ".join([LEFT, RIGHT, *ARTICLE_EN] * 3), dry_run=True, output="LINES"
    )
    for i, line in enumerate(lines):
        x = 10.0
        for word in line.split():
            pdf.text(x, 20 + 4.5 * i, word)
            x += pdf.get_string_width(word + " ")
    doc = read_document(write(tmp_path, "words.pdf", bytes(pdf.output())))
    assert _flat(doc.text) == _flat(" ".join(lines))


def test_label_value_rows_are_not_read_as_columns(tmp_path: Path) -> None:
    credits = [
        ("Director", "Radu Mihaileanu"),
        ("Music", "Armand Amar"),
        ("Editing", "Ludo Troch"),
        ("Cinematography", "Laurent Dailland"),
    ]
    pdf = _pdf()
    pdf.add_page()
    pdf.set_font("helvetica", size=11)
    for i, (label, name) in enumerate(credits):
        pdf.text(10, 20 + 6 * i, label)
        pdf.text(110, 20 + 6 * i, name)
    doc = read_document(write(tmp_path, "credits.pdf", bytes(pdf.output())))
    assert doc.text.split("\n") == [f"{label} {name}" for label, name in credits]


def test_encrypted_pdf(tmp_path: Path) -> None:
    pdf = _pdf()
    pdf.add_page()
    pdf.set_font("helvetica", size=11)
    pdf.cell(0, 10, "Embargoed until the festival premiere")
    pdf.set_encryption(owner_password="owner", user_password="secret")
    assert reason(write(tmp_path, "locked.pdf", bytes(pdf.output()))) == "encrypted PDF"


def test_pdf_with_owner_password_only_opens(tmp_path: Path) -> None:
    pdf = _pdf()
    pdf.add_page()
    pdf.set_font("helvetica", size=11)
    pdf.cell(0, 10, "Printing restricted, reading allowed")
    pdf.set_encryption(owner_password="owner")
    doc = read_document(write(tmp_path, "restricted.pdf", bytes(pdf.output())))
    assert doc.text == "Printing restricted, reading allowed"


def test_truncated_pdf(tmp_path: Path) -> None:
    pdf = _pdf()
    for body in BODIES:
        pdf.add_page()
        pdf.set_font("helvetica", size=11)
        pdf.multi_cell(0, 6, body)
    data = bytes(pdf.output())
    assert reason(write(tmp_path, "cut.pdf", data[: len(data) // 2])).startswith(
        "truncated or damaged PDF"
    )


def test_pdf_without_text(tmp_path: Path) -> None:
    pdf = _pdf()
    pdf.add_page()
    pdf.rect(20, 20, 50, 50, style="F")
    assert reason(write(tmp_path, "scan.pdf", bytes(pdf.output()))).startswith("no text in PDF")


# ---------------------------------------------------------------------------- HTML

ARTICLE = [
    "Andreï Filipov, ancien chef d'orchestre du Bolchoï, est réduit à faire le ménage dans la salle "
    "où il dirigeait autrefois. Un soir, il intercepte un fax du Théâtre du Châtelet.",
    "Il décide alors de réunir ses anciens musiciens, dispersés dans Moscou, pour se faire passer "
    "pour l'orchestre officiel et jouer à Paris le concerto pour violon de Tchaïkovski.",
    "Radu Mihaileanu signe une comédie généreuse, portée par Mélanie Laurent et Alexeï Guskov, dont "
    "le final musical emporte tout sur son passage.",
]
PAGE = f"""<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>Le Concert : la critique | Ciné Revue</title>
<meta name="author" content="Marie Dupont"></head>
<body>
<div id="cookie-banner" class="cookie-consent">Nous utilisons des cookies pour améliorer votre expérience. Accepter tous les cookies.</div>
<header><nav><ul><li><a href="/">Accueil</a></li><li><a href="/films">Films à l'affiche</a></li>
<li><a href="/critiques">Toutes les critiques</a></li><li><a href="/contact">Contactez-nous</a></li></ul></nav></header>
<main><article>
<h1>Le Concert : un chef-d'œuvre d'émotion</h1>
<p class="byline">Par <span class="author">Marie Dupont</span></p>
{"".join(f"<p>{p}</p>" for p in ARTICLE)}
</article>
<section id="comments" class="comments"><h3>Commentaires</h3>
<div class="comment"><p>Jean-Pierre : Film magnifique, j'ai pleuré à la fin du concert !</p></div>
<div class="comment"><p>Sophie : Trop long à mon goût, mais la musique est superbe.</p></div>
</section>
<aside class="related"><h3>Articles similaires</h3><ul>
<li><a href="/a">Les meilleurs films musicaux de la décennie</a></li>
<li><a href="/b">Entretien avec Mélanie Laurent sur son prochain rôle</a></li></ul></aside>
</main>
<footer><p>© 2024 Ciné Revue — Mentions légales — Politique de confidentialité</p></footer>
</body></html>
"""


def test_html_main_text_without_boilerplate(tmp_path: Path) -> None:
    doc = read_document(write(tmp_path, "critique.html", PAGE))
    assert doc.format == "html" and doc.encoding == "utf-8"
    paragraphs = doc.text.split("\n\n")
    for paragraph in ARTICLE:
        assert paragraph in paragraphs  # whole, and separated by blank lines
    boilerplate = [
        "cookies",
        "Accueil",
        "Contactez-nous",
        "Jean-Pierre",
        "Commentaires",
        "Articles similaires",
        "meilleurs films musicaux",
        "Mentions légales",
    ]
    for words in boilerplate:
        assert words not in doc.text
    assert doc.meta["author"] == "Marie Dupont"
    assert doc.meta["title"].startswith("Le Concert")


def test_a_boxed_interview_in_an_aside_is_read_after_the_page_it_stands_in(
    tmp_path: Path,
) -> None:
    # trafilatura drops every <aside>: the critique's boxed interview went with the links.
    page = """<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8">
<title>Le Concert : la critique</title></head><body>
<nav><a href="/">Accueil</a></nav>
<article><h1>Le Concert : une comédie qui joue juste</h1>
<p>Le film de Radu Mihaileanu suit un ancien chef du Bolchoï qui, trente ans après sa
disgrâce, réunit son orchestre pour jouer à Paris sous un nom volé.</p>
<aside class="encadre"><h3>Trois questions à Radu Mihaileanu</h3>
<p><strong>Pourquoi Tchaïkovski ?</strong></p>
<p>Parce que le concerto parle de l'harmonie ultime : chaque musicien doit y trouver sa
propre voix au sein de l'orchestre, et c'est le sujet du film.</p>
<p><strong>Mélanie Laurent a-t-elle appris le violon ?</strong></p>
<p>Elle a travaillé des mois avec un professeur pour que chaque geste soit juste.</p>
</aside>
<p>Inégal, bruyant et sentimental, le film fonctionne malgré tout. Trois étoiles.</p>
</article>
<aside class="liens"><ul><li><a href="/a">Cannes 2009 : le palmarès</a></li></ul></aside>
<aside class="a-lire"><h3>À lire aussi</h3><p><a href="/b">Dix films sur des orchestres. De
Fellini à Mihaileanu, la musique au cinéma et ceux qui la jouent.</a> <a href="/c">Le jury
de Cannes a surpris tout le monde cette année. Retour sur un palmarès.</a></p></aside>
<aside class="lettre"><p>Abonnez-vous à notre lettre pour recevoir nos critiques.</p></aside>
</body></html>"""
    text = read_document(write(tmp_path, "critique.html", page)).text
    review, box = text.split("## Trois questions à Radu Mihaileanu")
    assert "Trois étoiles." in review and "harmonie" not in review
    assert "**Pourquoi Tchaïkovski ?**" in box and box.rstrip().endswith("soit juste.")
    assert "palmarès" not in text and "orchestres" not in text and "Abonnez-vous" not in text


def test_html_declared_legacy_charset(tmp_path: Path) -> None:
    page = PAGE.replace('charset="utf-8"', 'charset="iso-8859-1"')  # meaning windows-1252
    doc = read_document(write(tmp_path, "old.htm", page.encode("cp1252")))
    assert doc.encoding == "cp1252"
    assert ARTICLE[0] in doc.text
    assert doc.meta["title"] == "Le Concert : un chef-d'œuvre d'émotion"


def test_html_in_a_layout_table_keeps_its_text(tmp_path: Path) -> None:
    page = (
        "<html><head><title>Fiche</title></head>"
        "<body><table><tr><td><p>Sortie le 4 novembre 2009.</p></td></tr></table></body></html>"
    )
    doc = read_document(write(tmp_path, "fiche.html", page))
    assert (doc.text, doc.meta["title"]) == ("Sortie le 4 novembre 2009.", "Fiche")


def test_html_without_text(tmp_path: Path) -> None:
    assert (
        reason(write(tmp_path, "blank.html", "<html><body><img src='a.png'></body></html>"))
        == "no text found in HTML"
    )


# ---------------------------------------------------------------------------- DOCX


def test_docx_paragraphs_headings_tables_and_title(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.core_properties.title = "Le Concert"
    document.core_properties.author = "EuropaCorp"
    document.add_heading("Synopsis", level=1)
    document.add_paragraph("Andreï Filipov was the greatest conductor of the Soviet Union.")
    document.add_paragraph("")
    document.add_paragraph("Thirty years later he cleans the Bolshoi theatre.")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Director"
    table.rows[0].cells[1].text = "Radu Mihaileanu"
    path = tmp_path / "presskit.docx"
    document.save(str(path))

    doc = read_document(path)

    assert doc.format == "docx" and doc.encoding is None
    assert doc.text == (
        "# Synopsis\n\nAndreï Filipov was the greatest conductor of the Soviet Union.\n\n"
        "Thirty years later he cleans the Bolshoi theatre.\n\nDirector | Radu Mihaileanu"
    )
    assert doc.meta == {"title": "Le Concert", "author": "EuropaCorp"}


def test_corrupt_docx(tmp_path: Path) -> None:
    truncated = b"PK\x03\x04" + b"\x00" * 40
    assert reason(write(tmp_path, "broken.docx", truncated)).startswith("corrupt DOCX")


def test_docx_missing_its_document_part(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
    assert reason(write(tmp_path, "hollow.docx", buffer.getvalue())).startswith("corrupt DOCX")


# ---------------------------------------------------------------------------- OS errors


def test_missing_file_and_directory(tmp_path: Path) -> None:
    assert reason(tmp_path / "nowhere.txt") == "no such file"
    assert reason(tmp_path) == "is a directory"


def test_broken_symlink(tmp_path: Path) -> None:
    link = tmp_path / "dangling.txt"
    os.symlink(tmp_path / "gone.txt", link)
    assert reason(link) == "broken symlink"


def test_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, "private.txt", "secret")

    def denied(*_args: object, **_kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", denied)
    assert reason(path) == "unreadable: Permission denied"


# ---------------------------------------------------------------------------- iter_files


def test_iter_files_walks_sorted_and_skips_what_it_should(tmp_path: Path) -> None:
    root = tmp_path / "press"
    names = [
        "b.txt",
        "a.txt",
        "sub/z.md",
        "sub/deeper/y.pdf",
        ".hidden/x.txt",
        ".notes.txt",
        "index/seg",
        "cache/c.txt",
    ]
    for name in names:
        write(root, name, "x")
    write(root, "index/" + read.INDEX_MARKER, "")
    os.symlink(root, root / "sub" / "loop")  # a folder that contains itself

    found = list(iter_files([root], skip=[root / "cache"]))

    assert found == [root / "a.txt", root / "b.txt", root / "sub/deeper/y.pdf", root / "sub/z.md"]


def test_iter_files_yields_each_file_once_and_reports_missing(tmp_path: Path) -> None:
    a = write(tmp_path, "docs/a.txt", "x")
    os.symlink(a, tmp_path / "docs" / "same-as-a.txt")
    missing = tmp_path / "missing.txt"

    found = list(iter_files([tmp_path / "docs", a, missing]))

    assert found == [a, missing]
    assert reason(missing) == "no such file"


def test_iter_files_yields_broken_links_so_they_are_reported(tmp_path: Path) -> None:
    os.symlink(tmp_path / "gone.txt", tmp_path / "dangling.txt")
    assert list(iter_files([tmp_path])) == [tmp_path / "dangling.txt"]


# ---------------------------------------------------------------------------- large files


def _large_text(paragraphs: int) -> str:
    rng = random.Random(3)
    sentences = [s + "." for p in (*ARTICLE, LEFT, RIGHT) for s in p.split(". ")]
    parts = []
    for _ in range(paragraphs):
        lines = [
            " ".join(rng.sample(sentences, rng.randint(1, 3))) for _ in range(rng.randint(1, 4))
        ]
        parts.append("\n".join(lines))
    return "\n\n".join(parts) + "\n"


@pytest.mark.parametrize(
    ("encoding", "newline"), [("utf-8", "\r\n"), ("utf-16", "\n"), ("cp1252", "\r")]
)
def test_large_text_is_streamed_in_paragraph_blocks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, encoding: str, newline: str
) -> None:
    text = _large_text(4800)
    data = text.replace("\n", newline).encode(encoding)
    assert len(data) > 2_900_000
    path = write(tmp_path, "transcript.txt", data)
    monkeypatch.setattr(read, "LARGE_TEXT_BYTES", 1 << 20)

    doc = read_document(path)

    assert doc == RawDocument(path, "text", "", doc.encoding, {}, None, stream=True)
    blocks = list(iter_text_blocks(path, doc.encoding, block_chars=100_000))
    assert "".join(blocks) == text
    assert len(blocks) > 10
    assert all(len(block) <= 100_000 for block in blocks)
    assert all(re.search(r"\n[ \t]*\n$", block) for block in blocks[:-1])


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_stream_handles_reads_that_split_crlf_and_characters(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, encoding: str
) -> None:
    text = "première ligne\nseconde\n\ntroisième, déjà\n" * 50
    path = write(tmp_path, "small-reads.txt", text.replace("\n", "\r\n").encode(encoding))
    monkeypatch.setattr(read, "_READ_BYTES", 5)  # odd: splits '\r\n', 'è' and UTF-16 pairs
    blocks = list(iter_text_blocks(path, decode_bytes(path.read_bytes())[1], block_chars=60))
    assert "".join(blocks) == text


def test_blocks_fall_back_to_line_ends(tmp_path: Path) -> None:
    text = "".join(f"line {i} of a transcript without paragraphs\n" for i in range(5000))
    path = write(tmp_path, "lines.txt", text)
    blocks = list(iter_text_blocks(path, "utf-8", block_chars=10_000))
    assert "".join(blocks) == text
    assert all(block.endswith("\n") for block in blocks)


def test_stream_stops_loudly_on_undecodable_bytes(tmp_path: Path) -> None:
    path = write(tmp_path, "mixed.txt", b"plain ascii start\n" * 1000 + "caf\xe9".encode("latin-1"))
    with pytest.raises(ReadError, match=r"not valid utf-8 near byte 18003"):
        list(iter_text_blocks(path, "utf-8"))


def test_large_binary_file_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(read, "LARGE_TEXT_BYTES", 1000)
    assert reason(write(tmp_path, "big.bin", random.Random(1).randbytes(5000))) == "binary file"


# ---------------------------------------------------------------------------- start-up cost


def test_heavy_libraries_are_not_imported_with_the_module() -> None:
    code = (
        "import sys, search.read; "
        "print(sorted(m for m in ('pypdf', 'trafilatura', 'docx', 'charset_normalizer', 'lxml') if m in sys.modules))"
    )
    repo = Path(__file__).resolve().parents[1]
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=repo, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]"


def test_a_format_tutti_does_not_read_is_named_in_the_reason(tmp_path: Path) -> None:
    odt = write(tmp_path, "dossier.odt", b"PK\x03\x04\x00\x00" + bytes(range(256)) * 4)
    assert reason(odt) == (
        "binary file: tutti does not read .odt files (save it as DOCX, PDF or text)"
    )
    assert reason(write(tmp_path, "blob.txt", bytes(range(256)) * 4)) == "binary file"


def test_a_transcript_table_on_a_web_page_reads_as_labelled_turns(tmp_path: Path) -> None:
    rows = [
        ("Fiona Gillies", "[00:00:04]", "Welcome, Callum. Where did Winter Wheat begin?"),
        ("Callum Strachan", "[00:00:19]", "On my uncle's farm near Forfar, every summer."),
        ("Fiona Gillies", "[00:01:02]", "And your lead actor is a farmer?"),
        ("Callum Strachan", "[00:01:10]", "He is. He agreed if we never shot at harvest."),
    ]
    body = "".join(f"<tr><td>{a}</td><td>{b}</td><td>{c}</td></tr>" for a, b, c in rows)
    page = (
        "<html><head><title>Transcript: Winter Wheat Q&amp;A</title></head><body><article>"
        "<h1>Transcript: the Winter Wheat Q&amp;A at the Glasgow Film Festival</h1>"
        "<p>The director answered questions after the screening on Saturday evening.</p>"
        f"<table>{body}</table></article></body></html>"
    )
    text = read_document(write(tmp_path, "transcript.html", page)).text
    for name, _, said in rows:
        assert f"{name}: {said}" in text
    assert "00:00:04" not in text


def test_json_with_an_integer_too_long_for_python_is_still_read(tmp_path: Path) -> None:
    # Python refuses to convert an integer of more than 4,300 digits: the file was skipped
    # as "malformed JSON", with advice to call sys.set_int_max_str_digits().
    digits = "7" * 100_001
    path = write(tmp_path, "record.json", f'{{"title": "The Violin", "n": {digits}, "y": 2009}}')
    doc = read_document(path)
    assert doc.json == {"title": "The Violin", "n": digits, "y": 2009}
