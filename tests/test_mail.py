"""Interviews that came by e-mail: forwarded messages saved as text, and raw ``.eml`` files
(search/mail.py); the letter's greeting and closing (search/letters.py)."""

from __future__ import annotations

from email.message import EmailMessage
from pathlib import Path

import pytest

from search import Engine
from search.ingest import read
from search.letters import is_greeting, is_sign_off
from search.mail import as_letter
from search.read import read_document

# A press office forwards a director's written answers (Outlook, set to German).
WEITERGELEITET = """Von: Katrin Vogt <presse@vogt-pr.example>
Gesendet: Dienstag, 8. April 2025 09:12
An: Redaktion Filmblatt <redaktion@filmblatt.example>
Betreff: WG: Fragen an Henrike Sommer - DER SALZGARTEN

Liebe Kolleginnen und Kollegen,

anbei die Antworten von Frau Sommer. Fotos schicke ich gern nach.

Viele Grüße
Katrin Vogt

-----Ursprüngliche Nachricht-----
Von: Henrike Sommer <henrike@sommerfilm.example>
Gesendet: Montag, 7. April 2025 22:40
An: Katrin Vogt <presse@vogt-pr.example>
Betreff: AW: Fragen an Henrike Sommer - DER SALZGARTEN

Hallo Katrin,

hier meine Antworten.

Wie sind Sie auf die Salzgärten an der Küste gestoßen?

Meine Großmutter hat dort im Sommer gearbeitet, und ich habe als Kind zugesehen, wie das \
Salz in der Sonne trocknet.

Warum haben Sie ohne Musik gedreht?

Weil das Meer und der Wind genug Musik machen. Jede Note hätte die Arbeiter übertönt.

Herzliche Grüße
Henrike
"""


def test_forwarded_headers_leave_the_text_and_give_title_and_date(tmp_path: Path):
    letter = as_letter(WEITERGELEITET)
    assert letter is not None
    assert letter.meta["title"] == "Fragen an Henrike Sommer - DER SALZGARTEN"
    assert letter.meta["date"] == "Montag, 7. April 2025 22:40"  # the answers' message
    for header in ("Von:", "Gesendet:", "An:", "Betreff:", "Ursprüngliche Nachricht"):
        assert header not in letter.text
    assert "anbei die Antworten" in letter.text and "Herzliche Grüße" in letter.text

    path = tmp_path / "sommer_mail.txt"
    path.write_text(WEITERGELEITET, encoding="utf-8")
    doc = read(path, path.name)
    passages = list(doc.passages)
    answers = [p for p in passages if p.kind == "interview"]
    assert [p.speaker for p in answers] == ["Henrike Sommer", "Henrike Sommer"]
    assert answers[0].question == "Wie sind Sie auf die Salzgärten an der Küste gestoßen?"
    assert answers[1].text.endswith("Jede Note hätte die Arbeiter übertönt.")
    narration = " ".join(p.text for p in passages if p.speaker is None)
    assert "anbei die Antworten" in narration and "hier meine Antworten" in narration
    assert "Herzliche Grüße" in narration
    assert doc.meta["document"]["date"] == "2025-04-07"
    assert doc.meta["film_claim"] == {"title": "DER SALZGARTEN"}  # the subject names it
    assert doc.title == "Fragen an Henrike Sommer - DER SALZGARTEN"


def _eml(tmp_path: Path, body: str, subtype: str = "plain") -> Path:
    message = EmailMessage()
    message["From"] = "Lucía Prado <lucia@pradofilms.example>"
    message["To"] = "prensa@festival.example"
    message["Date"] = "Wed, 12 Mar 2025 18:05:00 +0100"
    message["Subject"] = "RE: Entrevista con Lucía Prado, directora de LAS SALINAS"
    message.set_content(body, subtype=subtype, charset="utf-8", cte="quoted-printable")
    path = tmp_path / "prado.eml"
    path.write_bytes(bytes(message))
    return path


ENTREVISTA = """Hola Marta:

¿Cómo nació la película?

Nació en las salinas de mi abuelo, donde pasé todos los veranos de mi infancia mirando \
cómo el agua se convertía en sal.

¿Por qué rodó en blanco y negro?

Porque la sal y el cielo ya eran blancos; el color solo distraía de las manos de los \
trabajadores.

Un abrazo,
Lucía
"""


def test_a_raw_message_file_is_read_by_its_text_part(tmp_path: Path):
    path = _eml(tmp_path, ENTREVISTA)
    assert b"quoted-printable" in path.read_bytes().lower()
    raw = read_document(path)
    assert raw.format == "text"
    assert raw.meta == {
        "title": "Entrevista con Lucía Prado, directora de LAS SALINAS",
        "date": "2025-03-12",
    }
    assert "Content-Transfer-Encoding" not in raw.text and "=C3" not in raw.text
    answers = [p for p in read(path, path.name).passages if p.kind == "interview"]
    assert {p.speaker for p in answers} == {"Lucía Prado"}
    assert [p.question for p in answers] == [
        "¿Cómo nació la película?",
        "¿Por qué rodó en blanco y negro?",
    ]
    assert "Un abrazo" not in " ".join(p.text for p in answers)


def test_a_raw_message_with_only_html_goes_through_the_html_reader(tmp_path: Path):
    html = "<html><body>" + "".join(f"<p>{p}</p>" for p in ENTREVISTA.split("\n\n") if p.strip())
    raw = read_document(_eml(tmp_path, html + "</body></html>", subtype="html"))
    assert raw.format == "html"
    assert raw.meta["title"] == "Entrevista con Lucía Prado, directora de LAS SALINAS"
    assert "¿Por qué rodó en blanco y negro?" in raw.text and "<p>" not in raw.text


def test_the_answers_of_a_forwarded_mail_are_found_by_their_speaker(tmp_path: Path):
    folder = tmp_path / "press"
    folder.mkdir()
    (folder / "sommer.txt").write_text(WEITERGELEITET, encoding="utf-8")
    _eml(folder, ENTREVISTA)
    engine = Engine(tmp_path / "ix")
    assert engine.index([folder]).skipped == []
    assert engine.search("Salz", speakers=["Sommer"]).hits
    hit = engine.search("blanco negro", speakers=["Prado"]).hits[0]
    assert hit.passage.source == "prado.eml" and hit.passage.lang == "es"
    # the press officer's covering note is no answer of the director's
    assert not engine.search("Fotos", speakers=["Sommer"]).hits
    assert engine.search("Fotos").hits[0].passage.speaker is None


@pytest.mark.parametrize(
    "text",
    [
        # a paragraph that happens to open with "From:" is no mail
        "From: the archive of the Cinémathèque, a letter.\nIt was written in 1931.\n",
        # headers that run into the text with no blank line
        "From: Tom\nSubject: notes\nThe first cut ran four hours.\n",
        # a single header line
        "Subject: the sea\n\nThe film opens on a beach.\n",
        # an interview's labels, in Italian: "Da" and "A" are also From and To
        "D: Da dove nasce il film?\nR: Da mia nonna.\n\nD: E la musica?\nR: A Napoli.\n",
        # a screenplay's e-mail on screen, a radio transcript's broadcaster, a clipping
        "FROM: Nora Vance\nTO: Eli Marsh\nSUBJECT: the tapes\n\nBring them tonight.\n",
        "Sender: Radio Bremen\nDatum: 12. März 2025\n\nModerator: Willkommen.\n",
        "Da: la Repubblica\nData: 14 marzo 2025\n\nINTERVISTA A GIULIA SERRA\n",
    ],
)
def test_text_that_only_looks_like_headers_is_left_as_it_is(text: str):
    assert as_letter(text) is None


@pytest.mark.parametrize(
    ("text", "greets"),
    [
        ("Hi Tom,", True),
        ("Hi Sophie, here you go. Feel free to cut.", True),
        ("Liebe Frau Berg,", True),
        ("Hola Marta:", True),
        ("Hello everyone!", True),
        ("Liebe ist stärker als der Tod, sagt sie.", False),
        ("Hello Maja, what drew you to glass?", False),
        ("Dear reader, this is not the film I meant to make.", False),
        ("Caro mio, non lo so.", False),
    ],
)
def test_a_greeting_names_someone_and_asks_nothing(text: str, greets: bool):
    assert is_greeting(text) is greets


@pytest.mark.parametrize(
    ("text", "closes"),
    [
        ("Best,\nMaja", True),
        ("Viele Grüße\nKatrin Vogt", True),
        ("Cordiali saluti, Paola Neri", True),
        ("Cheers!", True),
        ("Best of all, the sea was calm that week and we shot everything.", False),
        ("Thanks to the fishermen, we could film at night.", False),
    ],
)
def test_a_closing_is_a_formula_and_a_name(text: str, closes: bool):
    assert is_sign_off(text) is closes


def test_a_message_of_attachments_only_is_skipped_with_its_reason(tmp_path: Path):
    message = EmailMessage()
    message["From"] = "presse@verleih.example"
    message["Subject"] = "Presseheft DER SALZGARTEN"
    message["Date"] = "Thu, 3 Apr 2025 10:00:00 +0200"
    message.add_attachment(b"%PDF-1.4 ...", maintype="application", subtype="pdf")
    folder = tmp_path / "mail"
    folder.mkdir()
    (folder / "presseheft.eml").write_bytes(bytes(message))
    (folder / "notes.txt").write_text("Der Salzgarten läuft im Wettbewerb.", encoding="utf-8")
    report = Engine(tmp_path / "ix").index([folder])
    ((path, reason),) = report.skipped
    assert path.endswith("presseheft.eml") and "attachments are not read" in reason
    assert report.added == ["notes.txt"]


# A covering note above the forwarding line, and the interviewee named only in From:.
INOLTRATO = """Ciao Marco,

ecco le risposte per il tuo pezzo, scusa il ritardo.

Un saluto,
Giulia

---------- Messaggio inoltrato ---------
Da: Lucia Neri <lucia@nerifilm.example>
Data: lun 10 mar 2025 alle ore 21:12
Oggetto: Re: Domande per il giornale - LE SALINE
A: Giulia Conti <giulia@ufficiostampa.example>

Ciao Giulia,

Perché un film sulle saline di Cervia?

Perché mio nonno raccoglieva il sale lì, e io passavo le estati a guardarlo.

Come ha lavorato con gli attori?

Quasi senza copione: volevo che il sale decidesse i tempi delle scene.

Un abbraccio,
Lucia

Inviato da iPhone
"""


def test_the_sender_of_the_answers_answers_when_the_text_names_nobody(tmp_path: Path):
    path = tmp_path / "saline.txt"
    path.write_text(INOLTRATO, encoding="utf-8")
    doc = read(path, path.name)
    passages = list(doc.passages)
    answers = [p for p in passages if p.kind == "interview"]
    assert [(p.speaker, p.question) for p in answers] == [
        ("Lucia Neri", "Perché un film sulle saline di Cervia?"),
        ("Lucia Neri", "Come ha lavorato con gli attori?"),
    ]
    assert answers[-1].text.endswith("i tempi delle scene.")  # no closing, no phone line
    narration = " ".join(p.text for p in passages if p.speaker is None)
    assert "ecco le risposte" in narration and "Inviato da iPhone" in narration
    assert "Messaggio inoltrato" not in narration and "lucia@" not in narration
    assert doc.meta["film_claim"] == {"title": "LE SALINE"}


# A top-posted reply: the answers numbered, the questions numbered in the quoted mail.
NUMMERIERT = """Von: Jana Oehlers <jana@oehlersfilm.example>
Gesendet: Freitag, 14. März 2025 18:02
An: Paul Brandt <brandt@kinozeit.example>
Betreff: AW: Drei Fragen - DIE STILLE BUCHT

Lieber Herr Brandt,

der Reihe nach:

1. Meine Mutter stammt von der Insel, ich kenne jede Bucht dort.

2. Sechs Wochen im Herbst, mit einem Team von neun Leuten.

3. Dass man Stille aushalten kann.

Viele Grüße
Jana Oehlers

Am 10.03.2025 um 09:15 schrieb Paul Brandt <brandt@kinozeit.example>:
> Liebe Frau Oehlers,
>
> 1. Warum spielt Ihr Film auf Hiddensee?
> 2. Wie lange haben Sie gedreht?
> 3. Was soll das Publikum mitnehmen?
>
> Herzliche Grüße
> Paul Brandt
"""


def test_numbered_answers_take_the_numbered_questions_of_the_mail_they_reply_to(
    tmp_path: Path,
):
    path = tmp_path / "bucht.txt"
    path.write_text(NUMMERIERT, encoding="utf-8")
    doc = read(path, path.name)
    said = [(p.speaker, p.question, p.text) for p in doc.passages if p.kind == "interview"]
    assert said == [
        (
            "Jana Oehlers",
            "Warum spielt Ihr Film auf Hiddensee?",
            "Meine Mutter stammt von der Insel, ich kenne jede Bucht dort.",
        ),
        (
            "Jana Oehlers",
            "Wie lange haben Sie gedreht?",
            "Sechs Wochen im Herbst, mit einem Team von neun Leuten.",
        ),
        ("Jana Oehlers", "Was soll das Publikum mitnehmen?", "Dass man Stille aushalten kann."),
    ]
    assert doc.meta["document"]["date"] == "2025-03-14"  # the answers', not the questions'


def test_a_newsletters_questions_are_no_interview_of_its_sender(tmp_path: Path):
    faq = (
        "From: Jane Porter <jane@film.example>\nDate: Mon, 3 Mar 2025 10:00:00 +0000\n"
        "Subject: Your questions answered\n\nDear friends,\n\nWhere can I see the film?\n\n"
        "It opens in cinemas on 4 May.\n\nIs there a soundtrack?\n\nYes, on vinyl and on "
        "all streaming services.\n\nSee you at the cinema!\nJane\n"
    )
    path = tmp_path / "newsletter.txt"
    path.write_text(faq, encoding="utf-8")
    assert not [p for p in read(path, path.name).passages if p.speaker]


def test_a_raw_message_says_its_charset_wrong_or_forwards_a_message_as_attachment(
    tmp_path: Path,
):
    wrong = EmailMessage()
    wrong["From"] = "Lucía Prado <lucia@pradofilms.example>"
    wrong["Subject"] = "Entrevista con Lucía Prado"
    wrong["Date"] = "Wed, 12 Mar 2025 18:05:00 +0100"
    wrong.set_content(ENTREVISTA, charset="utf-8", cte="8bit")
    data = bytes(wrong).replace(b'charset="utf-8"', b'charset="us-ascii"')
    (tmp_path / "wrong.eml").write_bytes(data)
    raw = read_document(tmp_path / "wrong.eml")
    assert "¿Por qué rodó en blanco y negro?" in raw.text and "\ufffd" not in raw.text

    outer = EmailMessage()
    outer["From"] = "Giulia Conti <giulia@ufficiostampa.example>"
    outer["Subject"] = "Fwd: le risposte"
    outer["Date"] = "Tue, 11 Mar 2025 09:00:00 +0100"
    outer.set_content("Ciao Marco,\n\nin allegato le risposte di Lucia.\n\nGiulia\n")
    inner = EmailMessage()
    inner["From"] = "Lucía Prado <lucia@pradofilms.example>"
    inner["Subject"] = "Re: Entrevista"
    inner["Date"] = "Mon, 10 Mar 2025 21:12:00 +0100"
    inner.set_content(ENTREVISTA)
    outer.add_attachment(inner)
    (tmp_path / "forward.eml").write_bytes(bytes(outer))
    doc = read(tmp_path / "forward.eml", "forward.eml")
    answers = [p for p in doc.passages if p.kind == "interview"]
    assert {p.speaker for p in answers} == {"Lucía Prado"} and len(answers) == 2
    assert doc.meta["document"]["date"] == "2025-03-10"


def test_a_us_outlook_date_is_month_first_and_a_phone_line_closes():
    letter = as_letter(
        "From: Dana Whitlock <dana@inbox.example>\nSent: 3/12/2025 10:15 AM\n"
        "Subject: RE: Questions for Dana Whitlock - THE INBOX\n\nWhy e-mails?\n\nBecause "
        "that is how my life happens now.\n\nBest,\nDana\n\nSent from my iPhone\n"
    )
    assert letter is not None and letter.meta["date"] == "2025-03-12"
    assert letter.sender == "Dana Whitlock"
    assert is_sign_off("Sent from my iPhone") and is_sign_off("Von meinem iPhone gesendet")


# A publicist forwards a questionnaire the director answered between the questions; the
# forward is quoted, the subject names only the film, an unknown header sits in a block.
ENTRE_LES_LIGNES = """From: "Moreau, Agathe" <agathe@moreau-pr.example>
Date: Thu, 10 Apr 2025 10:02:00 +0200
Subject: Re: Fwd: Entretien – LA DERNIÈRE MARÉE
Organization: Moreau Presse
To: Julien Faure <julien@cinemag.example>

Bonjour Julien,

Voici l'entretien avec Solène Kervella, relu par elle ce matin.

Le mercredi 9 avril 2025 à 18:40, Julien Faure <julien@cinemag.example>
a écrit :

> ---------- Forwarded message ---------
> From: Julien Faure <julien@cinemag.example>
> Date: Mon, 7 Apr 2025 at 09:00
> Subject: Entretien – LA DERNIÈRE MARÉE
> To: Agathe Moreau <agathe@moreau-pr.example>
>
> Pourquoi avez-vous tourné à Ouessant ?

Parce que ma grand-mère y gardait le phare, et que je voulais filmer la dernière
marée qu'elle a vue.

> Comment avez-vous choisi vos comédiens ?

Sur l'île même : deux pêcheurs et la boulangère jouent leur propre rôle.

Bien à vous,
Agathe

--
Agathe Moreau
Moreau Presse | 12 rue des Arts, Paris
"""


def test_answers_written_between_quoted_questions_are_the_named_interviewees(
    tmp_path: Path,
):
    letter = as_letter(ENTRE_LES_LIGNES)
    assert letter is not None
    assert letter.sender == "Agathe Moreau"  # "Moreau, Agathe": the writer of the answers
    assert letter.meta["date"] == "2025-04-10"
    assert "Forwarded message" not in letter.text and "Organization" not in letter.text
    path = tmp_path / "maree.txt"
    path.write_text(ENTRE_LES_LIGNES, encoding="utf-8")
    doc = read(path, path.name)
    answers = [p for p in doc.passages if p.kind == "interview"]
    # the covering note says whose answers they are: not the press officer's who sends them
    assert [(p.speaker, p.question) for p in answers] == [
        ("Solène Kervella", "Pourquoi avez-vous tourné à Ouessant ?"),
        ("Solène Kervella", "Comment avez-vous choisi vos comédiens ?"),
    ]
    assert answers[-1].text.endswith("jouent leur propre rôle.")  # no closing, no signature
    assert doc.meta["film_claim"] == {"title": "LA DERNIÈRE MARÉE"}  # the film, no speaker


def test_an_address_alone_leaves_the_name_to_the_signature():
    letter = as_letter(
        "From: jonas.reuter.film@gmail.example\nDate: Wed, 16 Apr 2025 01:12:37 -0300\n"
        "Subject: Re: Interview\n\nHallo Frau Brandt,\n\nWarum Schwarzweiß?\n\nWeil ich "
        "die Farbe nicht vermisst habe.\n\nDanke für Ihr Interesse.\n\nJonas Reuter / Regie\n"
    )
    assert letter is not None and letter.sender == "Jonas Reuter"
