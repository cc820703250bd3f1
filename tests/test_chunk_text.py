"""Prose plumbing: rejoining wrapped lines, hyphenation, sentences, packing."""

from search.chunk.text import (
    MAX_CHARS,
    MIN_CHARS,
    join_lines,
    line_units,
    pack,
    paragraphs,
    slug,
    split_sentences,
)


def test_join_lines_repairs_hyphenation_but_keeps_real_hyphens():
    assert (
        join_lines(["that happens at a level of per-", "fection. Something"])
        == "that happens at a level of perfection. Something"
    )
    assert (
        join_lines(["try to regain their self-", "confidence, then"])
        == "try to regain their self-confidence, then"
    )
    assert (
        join_lines(["a co-", "production with Italy"], {"co-production"})
        == "a co-production with Italy"
    )


def test_split_sentences_keeps_abbreviations_and_initials():
    text = "Mr. Attal produced it. A. Blanc wrote it with him! Did it work? Yes."
    assert split_sentences(text) == [
        "Mr. Attal produced it.",
        "A. Blanc wrote it with him!",
        "Did it work?",
        "Yes.",
    ]


def test_double_spaced_hard_wrapped_text_becomes_paragraphs():
    raw = "\n\n".join(
        [
            "The orchestra had not played together",
            "for thirty years, and nobody believed",
            "they could do it again.",
            "Then the fax arrived from Paris with",
            "an invitation nobody expected.",
        ]
    )
    assert paragraphs(raw) == [
        "The orchestra had not played together for thirty years, and nobody believed they "
        "could do it again.",
        "Then the fax arrived from Paris with an invitation nobody expected.",
    ]


def test_line_units_break_only_where_a_sentence_ends_at_a_line_end():
    lines = [
        "How did you write?",
        "My collaborator and I went to",
        "Russia. It fed the script.",
        "Why Paris?",
    ]
    assert line_units(lines) == [
        ["How did you write?"],
        ["My collaborator and I went to", "Russia. It fed the script."],
        ["Why Paris?"],
    ]


def test_pack_bounds_passage_length_and_folds_short_tails():
    paras = [f"Sentence number {i} is here. " * 6 for i in range(12)]
    passages = list(pack(paras))
    assert len(passages) > 1
    assert all(len(p) <= MAX_CHARS for p in passages)
    assert all(len(p) >= MIN_CHARS for p in passages)
    assert "".join(passages).replace("\n", "").replace(" ", "") == "".join(paras).replace(" ", "")


def test_pack_cuts_one_huge_paragraph_at_sentences():
    para = " ".join(f"This is sentence {i} of a very long answer." for i in range(100))
    passages = list(pack([para]))
    assert len(passages) >= 3
    assert all(p.endswith(".") for p in passages)
    assert all(len(p) <= MAX_CHARS for p in passages)


def test_slug_is_ascii_and_readable():
    assert slug("Mélanie Laurent") == "melanie-laurent"
    assert slug("Straße") == "strasse"


def test_text_without_full_stops_is_cut_at_words_into_bounded_passages() -> None:
    from search.chunk.text import LONGEST_SENTENCE, MAX_CHARS, split_long

    # a JSON string of words with no full stop was one passage of 14 MB
    words = " ".join(f"word{i}" for i in range(100_000))
    parts = split_long(words)
    assert max(map(len, parts)) <= MAX_CHARS and " ".join(parts) == words
    run = "x" * (LONGEST_SENTENCE + 5)  # no space at all: cut at the limit
    assert "".join(split_long(run)) == run and max(map(len, split_long(run))) <= MAX_CHARS
    long_sentence = " ".join(["a long clause"] * 150) + "."  # over MAX_CHARS, a sentence
    assert len(long_sentence) < LONGEST_SENTENCE
    assert split_long(long_sentence) == [long_sentence]
