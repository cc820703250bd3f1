"""Who said it, to which question, and nothing dropped: interviews as they are published.

Reads every document of ``benchmarks/interviews/`` through the real path (``ingest.read``:
format recognition, chunking, ids) and compares each answer with ``gold.json``, written by
hand before the interview chunker was tuned and never used to develop it (the tests use
their own fixtures). An answer is found as the passage whose text contains its first
words; its speaker is right when it is the gold full name (``null``: narration, no
speaker), its question when the passage's question contains the gold question's first
words (``null``: no question; a list: any of these fragments). Words dropped: words of
the file as read that reach no passage and no metadata, apart from the page furniture
listed in ``search/coverage.py``; a file skipped whole drops every word and misses every
answer. ``end``: the share of answers whose passage ends with the gold's last words,
where the gold gives them (nothing glued after the answer).

    python benchmarks/speakers.py [--verbose] [FOLDER]

``FOLDER`` (default ``benchmarks/interviews``) is any folder with a ``gold.json``;
``benchmarks/interviews_late``, ``interviews_heldout``, ``interviews_fresh`` and
``interviews_fifth`` to ``interviews_eleventh`` were held out when written (their first
runs are in ``RESULTS.md``), ``benchmarks/interviews_dev`` the development set of round 6.
"""

from __future__ import annotations

import json
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from search.coverage import dropped_words  # noqa: E402
from search.ingest import read  # noqa: E402
from search.read import ReadError  # noqa: E402

HELD_OUT = Path(__file__).resolve().parent / "interviews"


def _norm(text: str | None) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[’‘]", "'", text or "")).strip().casefold()


def main(argv: list[str]) -> int:
    verbose = "--verbose" in argv
    folders = [Path(a) for a in argv if not a.startswith("--")]
    held_out = folders[0] if folders else HELD_OUT
    gold = json.loads((held_out / "gold.json").read_text(encoding="utf-8"))
    rows: dict[str, list[int]] = defaultdict(
        lambda: [0, 0, 0, 0, 0, 0]
    )  # docs answers speaker question dropped end
    for name, entry in sorted(gold.items()):
        if name.startswith("_"):
            continue
        path = held_out / name
        try:
            passages = list(read(path, name).passages)
            dropped = dropped_words(path)
        except ReadError as err:  # skipped whole: every answer missed, every word dropped
            passages, dropped = [], set(re.findall(r"\w+", path.read_text(errors="replace")))
            if verbose:
                print(f"{name}: skipped ({err})")
        row = rows[entry["form"]]
        row[0] += 1
        row[4] += len(dropped)
        if verbose and dropped:
            print(f"{name}: dropped {sorted(dropped)}")
        for want in entry["answers"]:
            row[1] += 1
            start = _norm(want["answer"])
            hit = next((p for p in passages if start in _norm(p.text)), None)
            speaker_ok = hit is not None and hit.speaker == want["speaker"]
            # a question may be given as the fragments any of which it must hold
            asked = want["question"]
            if asked is None:
                question_ok = hit is not None and hit.question is None
            else:
                fragments = asked if isinstance(asked, list) else [asked]
                question_ok = hit is not None and any(
                    _norm(f) in _norm(hit.question) for f in fragments
                )
            # where the gold gives an answer's last words, nothing may be glued after them
            end_ok = "end" not in want or (
                hit is not None and _norm(hit.text).endswith(_norm(want["end"]))
            )
            row[2] += speaker_ok
            row[3] += question_ok
            row[5] += end_ok
            if verbose and not end_ok:
                got_end = _norm(hit.text)[-50:] if hit else "no passage"
                print(f"{name}: {want['answer'][:30]!r} want end {want['end']!r}, got {got_end!r}")
            if verbose and not (speaker_ok and question_ok):
                got = (hit.speaker, (hit.question or "")[:50]) if hit else "no passage"
                print(
                    f"{name}: {want['answer'][:30]!r} want {want['speaker']!r} / "
                    f"{(want['question'] or '')[:30]!r}, got {got}"
                )
    print(
        f"{'form':16} {'docs':>4} {'answers':>7} {'speaker':>8} {'question':>8} {'dropped':>7}"
        f" {'end':>6}"
    )
    total = [0, 0, 0, 0, 0, 0]
    for form, row in sorted(rows.items()):
        total = [a + b for a, b in zip(total, row, strict=True)]
        _print(form, row)
    print("-" * 63)
    _print("ALL", total)
    return 0


def _print(label: str, row: list[int]) -> None:
    docs, answers, speaker, question, dropped, end = row
    print(
        f"{label:16} {docs:4} {answers:7} {speaker / answers:8.2f} {question / answers:8.2f}"
        f" {dropped:7} {end / answers:6.2f}"
    )


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
