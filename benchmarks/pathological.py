"""Time and memory of tutti on pathological inputs (issue 20's bounded-work rows).

    .venv/bin/python benchmarks/pathological.py

Prints, for each input size, the seconds to chunk a document holding one long run of
letters without spaces (chunk/text.py's patterns), to read an interview holding a long
run of spaces or an unclosed bracket (the interview reader's layout patterns), and the
seconds and peak traced memory of did-you-mean for a query word that long. By hand, not
in CI.
"""

from __future__ import annotations

import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from search.chunk.prose import chunk
from search.engine import Engine
from search.model import Kind

PRESS = (
    "The orchestra rehearsed the final concert in Paris, and the violin solo closed "
    "the film. The conductor spoke about harmony and the musicians of the Bolshoi.\n"
)


def chunking(sizes: list[int]) -> None:
    for size in sizes:
        text = "Hello there, this is the start. " + "a" * size + " And the end is here."
        started = time.perf_counter()
        list(chunk(text, Kind.TEXT))
        print(f"chunk a run of {size:>7,} letters: {time.perf_counter() - started:.3f} s")


def interview_layout(sizes: list[int]) -> None:
    """An interview whose answer holds one run of spaces (a running footer's gap without
    its page number), one that opens a bracket it never closes, one whose answer line
    opens with a run of spaces, one with a run of blank lines before the answer, and one
    whose answer is a hyphenated run of capitals ("A-A-A-…"): patterns that look for a
    page number after a gap, a note in brackets, a heading, a byline or a name must stay
    linear."""
    from search.ingest import read

    head = "INTERVIEW WITH ANNA BERG\n\nQ: Why a choir?\n\n"
    for size in sizes:
        gap = head + "A: Then" + " " * size + "x\n"
        bracket = head + "A: Because.\n\nQ: And then?\n\nA: [" + "ab cd " * (size // 6) + "\n"
        shapes = (
            ("spaces", gap),
            ("open bracket", bracket),
            ("leading spaces", head + " " * size + "A: Because.\n"),
            ("blank lines", head + "\n" * size + "A: Because.\n"),
            ("hyphenated capitals", head + "A: " + "A-" * (size // 2) + "A\n"),
        )
        for label, text in shapes:
            with tempfile.TemporaryDirectory() as tmp:
                path = Path(tmp) / "interview.txt"
                path.write_text(text, encoding="utf-8")
                started = time.perf_counter()
                list(read(path, path.name).passages)
                seconds = time.perf_counter() - started
            print(f"interview with {size:>7,} chars of {label}: {seconds:.3f} s")


def suggestions(sizes: list[int]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "press"
        folder.mkdir()
        (folder / "press.txt").write_text(PRESS * 20, encoding="utf-8")
        engine = Engine(Path(tmp) / "index")
        engine.index([folder], procs=1)
        engine.search("warm up")
        for size in sizes:
            word = "violin" * (size // 6)
            tracemalloc.start()
            started = time.perf_counter()
            engine.search(word)  # no hits: did-you-mean runs
            seconds = time.perf_counter() - started
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
            print(f"search a {size:>6,}-letter word: {seconds:.3f} s, peak {peak / 2**20:.1f} MiB")


if __name__ == "__main__":
    chunking([40_000, 264_000, 1_000_000])
    interview_layout([3_000, 40_000, 240_000])
    suggestions([18_000, 36_000])
