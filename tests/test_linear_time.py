"""Bounded work per input: the patterns chunking runs over document text take linear time.

Timing tests are not allowed in this suite, so each input here is large enough that a
quadratic pattern would run for many minutes (it did: 88 s at 264k characters), while the
linear one takes a fraction of a second; an alarm far above the linear time and far below
the quadratic time turns a regression into a failure rather than a hung suite.
"""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from search.chunk import text as chunk_text
from search.chunk.prose import chunk as prose_chunk
from search.model import Kind

SIZE = 1_000_000


@contextmanager
def must_finish(seconds: int = 60) -> Iterator[None]:
    def expired(*_: object) -> None:
        raise TimeoutError("quadratic behaviour: the input did not finish in time")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize(
    "body",
    [
        "a" * SIZE,
        "." * SIZE,
        "a-" * (SIZE // 2),
        ("word " * 10 + "\n") * (SIZE // 51),
        "!?" * (SIZE // 2),
        "A. " * (SIZE // 3),
        "Mr. " * (SIZE // 4),
    ],
)
def test_pathological_text_is_chunked_in_linear_time(body: str) -> None:
    text = "Hello there, this is the start. " + body + " And the end is here."
    with must_finish():
        passages = list(prose_chunk(text, Kind.TEXT))
        chunk_text.hyphenated_words(text)
        chunk_text.split_sentences(text)
    assert passages


def test_hard_wrapped_lines_ending_in_hyphens_join_in_linear_time() -> None:
    lines = ["a" * 50 + "-"] * (SIZE // 51)
    with must_finish():
        joined = chunk_text.join_lines(lines)
    assert joined.startswith("a" * 50)


def test_the_linear_patterns_find_what_the_old_ones_found() -> None:
    """The old patterns, as the oracle, on text they finish on quickly."""
    import random
    import re

    rng = random.Random(5)
    alphabet = ["a", "b", "-", " ", ".", "!", "A", "B", "\n", "é", "_", "1", "»"]
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 40)))
        assert chunk_text.hyphenated_words(text) == {
            w.lower() for w in re.findall(r"\w+-\w+", text)
        }
        old = re.compile(r"([.?!…]+[\"'”’»)\]]*)(\s+)(?=[\"'“‘«(\[]?[A-ZÀ-ÖØ-ÞА-ЯЁ0-9¿¡])")
        assert [m.span() for m in chunk_text._SENTENCE_END.finditer(text)] == [
            m.span() for m in old.finditer(text)
        ]
        short = text[-60:].rstrip("\n")  # join_lines joins lines: none ends in a newline
        old_word = re.search(r"(\w+)-$", short)
        new_word = chunk_text._BROKEN_WORD.search(short)
        assert (old_word and old_word.group(1)) == (new_word and new_word.group(1)), short


PIPELINE = SIZE // 4


@pytest.mark.parametrize(
    "body",
    [
        "a" * PIPELINE,
        "." * PIPELINE,
        "?" * PIPELINE,
        "A. " * (PIPELINE // 3),
        "a\n" * (PIPELINE // 2),
        "(" * PIPELINE,
        "«a" * (PIPELINE // 2),
        "INTERVIEW WITH JANE DOE\n" * (PIPELINE // 24),
    ],
)
def test_whole_pipeline_reads_pathological_files_in_linear_time(tmp_path, body: str) -> None:
    """Every chunker a file may reach (recognising a press kit, labelled fields, prose)."""
    from search.ingest import read

    path = tmp_path / "odd.txt"
    path.write_text("Hello there, this is the start.\n" + body + "\nEnd here.\n", encoding="utf-8")
    with must_finish(120):
        passages = list(read(path, "odd.txt").passages)
    assert passages


def test_split_sentences_cuts_where_the_old_search_cut() -> None:
    """The old way of finding the last word (a search anchored at the end, quadratic on
    a long sentence) as the oracle, on random short texts."""
    import random
    import re

    def old_split(text: str) -> list[str]:
        sentences: list[str] = []
        start = 0
        for match in chunk_text._SENTENCE_END.finditer(text):
            end = match.end(1)
            last_word = re.search(r"(\S+)$", text[start:end])
            token = last_word.group(1).rstrip(".?!…\"'”’»)]").lower() if last_word else ""
            if match.group(1).startswith(".") and (
                token in chunk_text._ABBREVIATIONS or (len(token) == 1 and token.isalpha())
            ):
                continue
            sentences.append(text[start:end].strip())
            start = match.end()
        tail = text[start:].strip()
        if tail:
            sentences.append(tail)
        return [s for s in sentences if s]

    rng = random.Random(8)
    alphabet = ["A", "b", "Mr", "z.B", " ", "  ", ".", "?", "!", "»", "\n", "\u3000", "É", "1"]
    for _ in range(5000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 30)))
        assert chunk_text.split_sentences(text) == old_split(text), repr(text)


@pytest.mark.parametrize(
    ("label", "answer"),
    [
        # a line opening with a run of spaces: 3,000 took 31 s in a heading pattern
        ("spaces", " " * 50_000 + "A: Because the voices hold each other up."),
        # blank lines: a byline and a guest-list pattern ran over them from every line start
        ("blank lines", "\n" * 200_000 + "A: Because the voices hold each other up."),
        # a hyphenated run of capitals: a name pattern ran to its end from every capital
        ("hyphenated capitals", "A: " + "A-" * 200_000 + "A"),
    ],
)
def test_an_interview_with_a_hostile_answer_is_read_in_linear_time(
    tmp_path, label: str, answer: str
) -> None:
    from search.ingest import read

    path = tmp_path / "interview.txt"
    path.write_text(f"INTERVIEW WITH ANNA BERG\n\nQ: Why a choir?\n\n{answer}\n", encoding="utf-8")
    with must_finish(120):
        passages = list(read(path, path.name).passages)
    assert [p.speaker for p in passages][-1] == "Anna Berg", label


def _regex_ops(sub: object) -> Iterator[object]:
    """Every opcode of a parsed regular expression, nested ones included."""
    import re._parser as parser  # type: ignore[import-not-found]

    for op, arg in sub.data:  # type: ignore[attr-defined]
        yield op
        for part in arg if isinstance(arg, tuple | list) else (arg,):
            inner = part if isinstance(part, tuple | list) else (part,)
            for item in inner:
                if isinstance(item, parser.SubPattern):
                    yield from _regex_ops(item)


def test_no_pattern_needs_a_newer_python_than_the_package_supports() -> None:
    """Python 3.10's ``re`` has neither possessive quantifiers nor atomic groups (3.11
    added both): a pattern using them made every import of the reader fail there."""
    import importlib
    import pkgutil
    import re
    import re._constants as constants  # type: ignore[import-not-found]
    import re._parser as parser  # type: ignore[import-not-found]

    import search

    newer = {constants.POSSESSIVE_REPEAT, constants.ATOMIC_GROUP}
    found, checked = [], 0
    for info in pkgutil.walk_packages(search.__path__, "search."):
        if info.name.endswith(("__main__", "opensearch")):
            continue
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
                checked += 1
                if newer & set(_regex_ops(parser.parse(value.pattern, value.flags))):
                    found.append(f"{info.name}.{name}")
    assert checked > 150 and found == []
    assert newer & set(_regex_ops(parser.parse("a*+b")))  # the check sees them


@pytest.mark.parametrize("run", ["<v ", "<i ", "<00:", "{\\", "[A", "(A", ">> ", "- "])
def test_hostile_captions_are_read_in_linear_time(run: str) -> None:
    """A cue holding an unclosed tag, voice or label many times over: the tag and voice
    patterns ran to the line's end from each (30,000 "<v ": 22 s)."""
    from search.captions import as_transcript

    cue = "WEBVTT\n\n00:01.000 --> 00:02.000\n" + run * 300_000 + "x\n"
    with must_finish(60):
        transcript = as_transcript(cue)
    assert transcript is not None and transcript.rstrip().endswith("x")


@pytest.mark.parametrize(
    "page",
    [
        "<aside>" * SIZE,  # boxes never closed
        "</aside>" * SIZE + "<aside>",
        ("<aside><h3>Encadré</h3><p>" + "Un mot. " * 45 + "</p></aside>") * (SIZE // 400),
        "<aside>" + "<" * SIZE + "<h3>Encadré</h3></aside>",
    ],
)
def test_asides_of_a_hostile_page_are_weighed_in_linear_time(page: str) -> None:
    from search.read import _asides_kept

    with must_finish(30):
        kept = _asides_kept(page)
    assert "<aside" not in kept or "<div" not in kept


@pytest.mark.parametrize(
    "line",
    [
        " " * 300_000 + "A: Because.",  # a letter's greeting and closing, at a line's start
        "Best" + " " * 300_000 + "x",
        "Hi" + " " * 300_000 + "x",
        "re:" + " " * 300_000 + "x",  # a subject's "Re:" marks
        " " * 300_000 + "– THE FILM",  # a title after a dash
    ],
)
def test_a_mails_letter_lines_are_read_in_linear_time(line: str) -> None:
    from search import mail
    from search.chunk.speakers import title_after
    from search.letters import is_closing_line, is_greeting, is_sign_off

    text = f"From: a@b.example\nSubject: {line}\nDate: Mon, 3 Mar 2025\n\n{line}\n\n{line}\n"
    with must_finish(20):
        assert not is_greeting(line) or line.startswith("Hi")
        is_sign_off(line)
        is_closing_line(line)
        title_after(line)
        letter = mail.as_letter(text)
    assert letter is not None
