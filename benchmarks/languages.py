"""How often a passage's language tag is right, with and without the inherit rule.

Truth is the language each document is written in (the bundled seeds and the test fixtures
are monolingual documents; a passage that quotes another language is still in its
document's language). Prints, per source, passages, how many were detected vs inherited,
accuracy of tutti's tag, and accuracy of raw langdetect on the same passages.

    python benchmarks/languages.py
    python benchmarks/languages.py --sweep /tmp/tutti-bench/corpus_10k.jsonl
    python benchmarks/languages.py --corpus /tmp/tutti-bench/corpus_10k.jsonl

``--sweep`` times langdetect over the first 1,500 passages of a benchmark corpus (JSON
Lines with "lang" and "text", see ../shared/bench) for several prefix lengths and trial
counts, and prints how often each setting agrees with the corpus labels (themselves about
93% right), which is how ``search.lang.PREFIX_CHARS`` and ``TRIALS`` were chosen.

``--corpus`` tags every passage of a benchmark corpus two ways, document by document in
the corpus's order: ``search.lang.trusted`` on each passage (the oracle), and
``search.lang.passage_tagger`` (what indexing does: detection only where the language may
change). It prints how many detections each ran and their CPU time, how many tags and
final languages (a passage left untagged takes its document's majority, as indexing does)
differ, and how often each final language equals the corpus label.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from search import iter_passages, lang  # noqa: E402
from search.lang import detect, tag  # noqa: E402

TRUTH = {
    "seeds/presskit_en.txt": "en",
    "seeds/review_en.txt": "en",
    "seeds/moviepage_en.txt": "en",
    "seeds/film_record_fr.json": "fr",
    "seeds/synopsis_de.txt": "de",
    "tests/fixtures/docs/presskit_fr.txt": "fr",
    "tests/fixtures/docs/presskit_de.txt": "de",
    "tests/fixtures/docs/synopsis_it.txt": "it",
}


def sweep(corpus: Path, n: int = 1500) -> int:
    rows = []
    with corpus.open(encoding="utf-8") as fh:
        for line in fh:
            rows.append(json.loads(line))
            if len(rows) == n:
                break
    detect("warm up the profiles")
    print(f"{'prefix':>7} {'trials':>6} {'ms/passage':>11} {'agree':>7}")
    for prefix, trials in (
        (10_000, 7),
        (1500, 7),
        (1500, 3),
        (500, 7),
        (500, 3),
        (300, 3),
        (300, 1),
    ):
        started = time.perf_counter()
        agree = sum(detect(r["text"], prefix=prefix, trials=trials)[0] == r["lang"] for r in rows)
        ms = (time.perf_counter() - started) / len(rows) * 1000
        print(f"{prefix:7} {trials:6} {ms:11.2f} {agree / len(rows):7.1%}")
    return 0


def corpus_documents(corpus: Path) -> list[tuple[str, list[str]]]:
    """The corpus's passages grouped by document, in order, each with its label."""
    docs: dict[tuple[str, str], list[str]] = {}
    with corpus.open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            docs.setdefault((row["lang"], row["doc"]), []).append(row["text"])
    return [(label, texts) for (label, _), texts in docs.items()]


def final_languages(texts: list[str], tags: list[str | None]) -> list[str]:
    """Each passage's language as indexing settles it: its tag, else the majority's."""
    majority = lang.majority(zip(texts, tags, strict=True)) or lang.document_language(texts)
    return [t or majority for t in tags]


def compare(corpus: Path) -> int:
    docs = corpus_documents(corpus)
    detect("warm up the profiles")
    detections = [0]
    oracle = lang.trusted

    def counted(text: str) -> str | None:
        detections[0] += 1
        return oracle(text)

    runs: dict[str, list[list[str | None]]] = {}
    for name in ("trusted", "passage_tagger"):
        detections[0] = 0
        lang.trusted = counted  # passage_tagger looks it up at call time
        started = time.process_time()
        try:
            if name == "trusted":
                runs[name] = [[counted(t) for t in texts] for _, texts in docs]
            else:
                runs[name] = [list(map(lang.passage_tagger(), texts)) for _, texts in docs]
        finally:
            lang.trusted = oracle
        print(f"{name:15} {detections[0]:7} detections, {time.process_time() - started:6.1f} s CPU")
    n = sum(len(texts) for _, texts in docs)
    old = [
        final_languages(texts, tags) for (_, texts), tags in zip(docs, runs["trusted"], strict=True)
    ]
    new = [
        final_languages(texts, tags)
        for (_, texts), tags in zip(docs, runs["passage_tagger"], strict=True)
    ]
    tags_differ = sum(
        a != b
        for x, y in zip(runs["trusted"], runs["passage_tagger"], strict=True)
        for a, b in zip(x, y, strict=True)
    )
    finals_differ = sum(
        a != b for x, y in zip(old, new, strict=True) for a, b in zip(x, y, strict=True)
    )
    right = [
        sum(f == label for (label, _), langs in zip(docs, finals, strict=True) for f in langs) / n
        for finals in (old, new)
    ]
    print(
        f"{n} passages in {len(docs)} documents; tags differ on {tags_differ}, final languages on {finals_differ}"
    )
    print(f"final language equals the label: trusted {right[0]:.2%}, passage_tagger {right[1]:.2%}")
    return 0


def main() -> int:
    if len(sys.argv) > 2 and sys.argv[1] == "--sweep":
        return sweep(Path(sys.argv[2]))
    if len(sys.argv) > 2 and sys.argv[1] == "--corpus":
        return compare(Path(sys.argv[2]))
    print(
        f"{'source':38} {'passages':>8} {'detected':>9} {'inherited':>9} {'tag right':>10} {'raw right':>10}"
    )
    totals = [0, 0, 0, 0, 0]
    for rel, truth in TRUTH.items():
        passages = list(iter_passages([ROOT / rel]))
        detected = sum(p.lang_detected for p in passages)
        right = sum(p.lang == truth for p in passages)
        raw = sum(detect(p.text)[0] == truth for p in passages)
        row = [len(passages), detected, len(passages) - detected, right, raw]
        totals = [a + b for a, b in zip(totals, row, strict=True)]
        print(
            f"{rel:38} {row[0]:8} {row[1]:9} {row[2]:9} {right / row[0]:10.1%} {raw / row[0]:10.1%}"
        )
    n = totals[0]
    print(
        f"{'ALL':38} {n:8} {totals[1]:9} {totals[2]:9} {totals[3] / n:10.1%} {totals[4] / n:10.1%}"
    )
    # Short texts are where the rule matters: the interview prompts, tagged on their own.
    short = [
        (p.question, truth)
        for rel, truth in TRUTH.items()
        for p in iter_passages([ROOT / rel])
        if p.question
    ]
    rule = sum(tag(q, truth)[0] == truth for q, truth in short)
    raw = sum(detect(q)[0] == truth for q, truth in short)
    print(
        f"\ninterview prompts tagged alone ({len(short)}, mostly under 12 words): "
        f"tag right {rule / len(short):.1%}, raw langdetect right {raw / len(short):.1%}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
