"""The confidence a passage's own language needs (README, *Passages*: fewer than 6 words or a
top probability under 0.90 inherit the document's language), at its boundary.

A composer switches language in a German radio interview. One answer is in English, which
langdetect is sure of: it keeps English. One mixes French and English half and half, which
langdetect calls French with a probability between 0.5 and 0.9: it keeps the document's
German, and says it inherited it. A lower threshold would tag that answer French.
"""

from __future__ import annotations

from pathlib import Path

from search import iter_passages
from search.lang import MIN_PROBABILITY, detect

#: Half French, half English: the passage the threshold decides.
MIXED = "Le concert was a triumph, the musicians jouaient avec passion ce soir."

RADIO_DE = f"""\
Im Gespräch mit der Komponistin Lena Brenner

Radiotranskript, Kulturwelle, Sendung "Klangraum". Moderation: Eva Sommer.

00:00:05 Sommer: Frau Brenner, wie klingt Ihr Film?
00:00:12 Brenner: Nach einem Orchester, das sich erst finden muss. Die Geigen kommen spät,
die Bläser früh, und am Ende spielen alle zusammen auf der Bühne.
00:01:02 Sommer: Sie haben das Finale in Paris aufgenommen.
00:01:06 Brenner: {MIXED}
00:01:40 Sommer: Und die englische Fassung?
00:01:44 Brenner: The English version was recorded in London with a smaller string section
and a new choir.
00:02:10 Sommer: Danke.
00:02:12 Brenner: Gern geschehen, bis bald.
"""


def _answers(tmp_path: Path) -> dict[str, tuple[str, bool]]:
    path = tmp_path / "radio_de.txt"
    path.write_text(RADIO_DE, encoding="utf-8")
    return {
        p.question or "": (p.lang, p.lang_detected)
        for p in iter_passages([path])
        if p.speaker == "Lena Brenner"
    }


def test_the_mixed_answer_sits_between_a_lax_threshold_and_the_real_one():
    """The fixture's premise: langdetect leans French on it, but not with confidence."""
    lang, probability = detect(MIXED)
    assert lang == "fr"
    assert 0.5 < probability < MIN_PROBABILITY


def test_an_unsure_mixed_language_answer_inherits_the_document_language(tmp_path: Path):
    answers = _answers(tmp_path)
    assert answers["Sie haben das Finale in Paris aufgenommen."] == ("de", False)


def test_a_confident_answer_in_another_language_keeps_its_own(tmp_path: Path):
    answers = _answers(tmp_path)
    assert answers["Frau Brenner, wie klingt Ihr Film?"] == ("de", True)
    assert answers["Und die englische Fassung?"] == ("en", True)
    assert answers["Danke."] == ("de", False)  # four words: too short to detect
