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


def test_subrip_cues_name_their_speakers_after_chevrons_and_continue_without():
    assert as_transcript(RADIO_SRT) == (
        "Moderator: Willkommen zu Kino im Radio. Heute bei mir im Studio ist der Regisseur "
        "Karl Ostermann. Herr Ostermann, warum ein Film über Bienen?\n\n"
        "Karl Ostermann: Weil mein Vater Imker war und ich mit den Bienen aufgewachsen bin. "
        "Das Summen im Sommer ist meine erste Erinnerung.\n\n"
        "Moderator: Und wie haben Sie gedreht?\n\n"
        "Karl Ostermann: Mit einer kleinen Kamera, ganz nah an den Waben.\n"
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
    one = "1\n00:00:01,000 --> 00:00:02,000\nHello.\n\nA letter follows, with no timings.\n"
    assert as_transcript(one) is None
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
