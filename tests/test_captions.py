"""Subtitle files (SubRip, WebVTT) are read as the transcript they hold (search/captions.py)."""

from __future__ import annotations

from pathlib import Path

from search import Engine
from search.captions import as_transcript
from search.read import read_document

QA_VTT = """\ufeffWEBVTT
Kind: captions
Language: en

NOTE the festival's Q&A after the screening

STYLE
::cue { color: yellow }

q1
00:00:01.000 --> 00:00:04.000
<v Moderator>Good evening, and welcome. Our guest tonight
is the director Maya Lind.

00:00:04.500 --> 00:00:07.000
<v Moderator>Maya, why did you make a film about a choir?

00:00:07.500 --> 00:00:11.000 align:start position:10%
<v.loud Maya Lind>Because my grandmother sang in one
for sixty years,

00:00:11.000 --> 00:00:14.000
<v Maya Lind>and I wanted to hear her voice <i>again</i> &amp; again.

00:00:14.500 --> 00:00:17.000
<v Moderator>How did you find the singers?

00:00:17.500 --> 00:00:21.000
<v Maya Lind>We held auditions in church halls <00:00:19.000>all over the north.
"""

RADIO_SRT = """1
00:00:00,500 --> 00:00:03,200
>> MODERATOR: Willkommen zu Kino im Radio.

2
00:00:03,400 --> 00:00:07,900
Heute bei mir im Studio ist der Regisseur
Karl Ostermann.

3
00:00:08,000 --> 00:00:11,000
Herr Ostermann, warum ein Film über Bienen?

4
00:00:11,200 --> 00:00:15,000
>> KARL OSTERMANN: Weil mein Vater Imker war
und ich mit den Bienen aufgewachsen bin.

5
00:00:15,200 --> 00:00:19,000
{\\an8}Das Summen im Sommer ist meine erste Erinnerung.

6
00:00:19,500 --> 00:00:22,000
>> MODERATOR: Und wie haben Sie gedreht?

7
00:00:22,500 --> 00:00:26,000
>> KARL OSTERMANN: Mit einer kleinen Kamera, ganz nah an den Waben.
"""


def test_webvtt_cues_become_one_paragraph_per_turn_with_its_voice():
    assert as_transcript(QA_VTT) == (
        "Moderator: Good evening, and welcome. Our guest tonight is the director Maya Lind. "
        "Maya, why did you make a film about a choir?\n\n"
        "Maya Lind: Because my grandmother sang in one for sixty years, and I wanted to hear "
        "her voice again & again.\n\n"
        "Moderator: How did you find the singers?\n\n"
        "Maya Lind: We held auditions in church halls all over the north.\n"
    )


def test_subrip_labels_after_chevrons_open_turns_as_written_and_lines_continue_them():
    assert as_transcript(RADIO_SRT) == (
        "MODERATOR: Willkommen zu Kino im Radio. Heute bei mir im Studio ist der Regisseur "
        "Karl Ostermann. Herr Ostermann, warum ein Film über Bienen?\n\n"
        "KARL OSTERMANN: Weil mein Vater Imker war und ich mit den Bienen aufgewachsen bin. "
        "Das Summen im Sommer ist meine erste Erinnerung.\n\n"
        "MODERATOR: Und wie haben Sie gedreht?\n\n"
        "KARL OSTERMANN: Mit einer kleinen Kamera, ganz nah an den Waben.\n"
    )


def test_dashes_and_bare_chevrons_open_turns_that_name_nobody():
    srt = (
        "1\r\n00:00:01,000 --> 00:00:03,000\r\n- ¿Por qué una película sobre el mar?\r\n"
        "- Porque crecí en Cádiz.\r\n\r\n"
        "2\r\n00:00:03,500 --> 00:00:06,000\r\ny el mar era mi jardín.\r\n\r\n"
        "3\r\n00:00:06,500 --> 00:00:08,000\r\n>> ¿Y el rodaje?\r\n"
    )
    assert as_transcript(srt) == (
        "¿Por qué una película sobre el mar?\n\n"
        "Porque crecí en Cádiz. y el mar era mi jardín.\n\n"
        "¿Y el rodaje?\n"
    )


def test_text_that_only_mentions_an_arrow_or_one_cue_is_no_captions():
    assert as_transcript("The plan: rehearsal --> concert --> tour.\n\nThen home.\n") is None
    # one cue numbered 1 is a subtitle file all the same, and keeps every word
    one = "1\n00:00:01,000 --> 00:00:02,000\nHello.\n\nA letter follows, with no timings.\n"
    assert as_transcript(one) == "Hello. A letter follows, with no timings.\n"
    prose = "Notes from the set.\n\n" + "\n\n".join(
        f"Day {n}: we shot {n} takes." for n in range(9)
    )
    assert as_transcript(prose + "\n\n1\n00:00:01,000 --> 00:00:02,000\nHi.\n") is None


def test_a_folder_of_captions_is_indexed_as_interviews_without_timings(tmp_path: Path):
    folder = tmp_path / "qa"
    folder.mkdir()
    (folder / "qa_en.vtt").write_text(QA_VTT, encoding="utf-8")
    (folder / "radio_de.srt").write_text(RADIO_SRT, encoding="utf-8")
    assert read_document(folder / "radio_de.srt").format == "captions"
    engine = Engine(tmp_path / "ix")
    report = engine.index([folder])
    assert report.skipped == []
    passages = list(engine.passages())
    assert not any("-->" in p.text or "00:00" in p.text for p in passages)
    answers = {(p.source, p.lang, p.speaker) for p in passages if p.kind == "interview"}
    assert answers == {("qa_en.vtt", "en", "Maya Lind"), ("radio_de.srt", "de", "Karl Ostermann")}
    hit = engine.search("Bienen", speakers=["Ostermann"]).hits[0]
    assert (hit.passage.question or "").endswith("Herr Ostermann, warum ein Film über Bienen?")
    assert engine.search("auditions").hits[0].passage.speaker == "Maya Lind"


def test_question_and_answer_letters_stay_labels_that_open_turns():
    srt = (
        "1\n00:00:01,000 --> 00:00:03,000\nQ: Why did you choose black and white?\n\n"
        "2\n00:00:03,500 --> 00:00:06,000\nA: Because memory\nhas no colour.\n\n"
        "3\n00:00:06,500 --> 00:00:08,000\nQ: And the score?\n\n"
        "4\n00:00:08,500 --> 00:00:11,000\nA: The violin came first.\n"
    )
    assert as_transcript(srt) == (
        "Q: Why did you choose black and white?\n\nA: Because memory has no colour.\n\n"
        "Q: And the score?\n\nA: The violin came first.\n"
    )


def test_generated_captions_lose_no_word_and_repeat_none():
    """Space-only lines inside cues and word timings (a video site's captions), cues that
    repeat the line before (rolling captions), a cue right under the WebVTT header, a
    stray blank line inside a SubRip cue, and timings without spaces round the arrow."""
    rolling = (
        "WEBVTT\nKind: captions\nLanguage: en\n\n"
        "00:00:00.160 --> 00:00:03.510 align:start position:0%\n \n"
        "so<00:00:00.560><c> today</c><00:00:00.880><c> we're</c><c> talking</c>\n\n"
        "00:00:03.510 --> 00:00:03.520 align:start position:0%\nso today we're talking\n \n\n"
        "00:00:03.520 --> 00:00:06.000 align:start position:0%\nso today we're talking\n"
        "about<00:00:03.900><c> the</c><00:00:04.100><c> lighthouse</c>\n"
    )
    assert as_transcript(rolling) == "so today we're talking about the lighthouse\n"
    header = "WEBVTT\n00:00:01.000 --> 00:00:02.000\nThe first cue.\n\n"
    assert as_transcript(header + "00:00:02.500 --> 00:00:03.000\nThe second.\n") == (
        "The first cue. The second.\n"
    )
    stray = (
        "1\n00:00:01,000-->00:00:02,000\nA cue that\n\ngoes on after a blank line.\n\n"
        "2\n00:00:02,500-->00:00:04,000\nThe next one.\n\n3\n00:00:04,500-->00:00:05,000\n1984\n"
    )
    assert as_transcript(stray) == "A cue that goes on after a blank line. The next one. 1984\n"


def test_labels_stay_as_written_and_turns_open_where_the_captions_say():
    """Labels (and what looks like one) stay in the words, for the interview reader to
    weigh; ">>", a dialogue dash and a second voice open a turn; a minus, a sentence with
    a colon and text in angle brackets stay words; text after a timing is the cue's."""
    vtt = (
        "WEBVTT\n\n00:01.000 --> 00:02.000\n>> INTERVIEWER: What is the film about?\n\n"
        "00:02.500 --> 00:04.000\n>> The answer is simple: grief and the sea.\n\n"
        "00:04.500 --> 00:06.000\nWe shot it at 10:30, at -20 degrees. >> Why the sea?\n\n"
        "00:06.500 --> 00:08.000\nParis: the light there, <Untitled Sea Project>.\n\n"
        "00:08.500 --> 00:09.000\n<v Ana>Ready?</v> <v Maya Lind>Yes.</v>\n\n"
        "00:09.500 --> 00:10.000\n– Y el mar?\n—Solo las gaviotas.\n- No.\n- No.\n"
    )
    assert as_transcript(vtt) == (
        "INTERVIEWER: What is the film about?\n\n"
        "The answer is simple: grief and the sea. We shot it at 10:30, at -20 degrees.\n\n"
        "Why the sea?\n\n"
        "Paris: the light there, <Untitled Sea Project>.\n\n"
        "Ana: Ready?\n\nMaya Lind: Yes.\n\n"
        "Y el mar?\n\nSolo las gaviotas.\n\nNo.\n\nNo.\n"
    )
    srt = (
        "Festival Q&A with Maya Lind, Berlin 2024\n\n"
        "1\n00:00:01,000 --> 00:00:03,000 MODERATOR: Why the sea?\n\n"
        "2\n00:00:03,500 --> 00:00:05,000 X1:40 Y1:20\nSpeaker 1:\nBecause of my father.\n\n"
        "3\n00:00:05,500 --> 00:00:07,000\nMODERATOR: Thank you.\n\n"
        "4\n00:00:07,500 --> 00:00:09,000\nMAYA LIND: Thank you.\nIn\n1984\n"
    )
    assert as_transcript(srt) == (
        "Festival Q&A with Maya Lind, Berlin 2024\n\nMODERATOR: Why the sea?\n\n"
        "Speaker 1: Because of my father.\n\nMODERATOR: Thank you.\n\n"
        "MAYA LIND: Thank you. In 1984\n"
    )


def test_speakers_in_brackets_open_turns_and_logs_of_timings_stay_text():
    srt = (
        "1\n00:00:01,000 --> 00:00:03,000\n[MODERATOR] Why a choir?\n\n"
        "2\n00:00:03,500 --> 00:00:05,000\n[MAYA] Because my grandmother sang.\n[laughs]\n"
    )
    assert as_transcript(srt) == (
        "[MODERATOR] Why a choir?\n\n[MAYA] Because my grandmother sang. [laughs]\n"
    )
    log = (
        "Subtitle QC for reel 3:\n00:00:01,000 --> 00:00:02,000 late by two frames\n"
        "00:00:03,000 --> 00:00:04,000 typo in the Italian line\n"
    )
    assert as_transcript(log) is None
    assert as_transcript("Edit notes\n\n00:01.5 --> 00:03.2\n00:04.0 --> 00:05.5\n") is None
