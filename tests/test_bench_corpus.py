"""The benchmark's corpus and query generators: distinct, proportional, seeded."""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

import baselines
import make_batch_queries
import make_million

SENTENCES = {
    "en": [
        "The director met the cast at dawn.",
        "Her score was recorded in Vienna.",
        "Nobody expected the ending to change!",
        "The festival opened with a silent film.",
        "Critics praised the long final shot.",
    ],
    "de": [
        "Der Regisseur sprach lange mit dem Kameramann.",
        "Die Musik entstand in Wien.",
        "Niemand erwartete dieses Ende.",
        "Das Festival begann mit einem Stummfilm.",
        "Die Kritik lobte die letzte Einstellung.",
    ],
    "es": [
        "La directora habló con el reparto al amanecer.",
        "La música se grabó en Viena.",
        "Nadie esperaba ese final.",
        "El festival abrió con una película muda.",
        "La crítica elogió el último plano.",
    ],
}


#: Twenty sentences a language: enough mixtures for a few hundred distinct passages.
POOL = {
    lang: [f"{s[:-1]} {k}{s[-1]}" for s in pool for k in ("I", "II", "III", "IV")]
    for lang, pool in SENTENCES.items()
}


def write_source(path: Path, per_lang: dict[str, int]) -> None:
    lines, n = [], 0
    for lang, count in per_lang.items():
        pool = POOL[lang]
        for i in range(count):
            text = " ".join(pool[(i + k) % len(pool)] for k in range(2 + i % 3))
            lines.append(
                json.dumps(
                    {
                        "id": n,
                        "lang": lang,
                        "source": f"src-{lang}",
                        "doc": f"{lang}-doc{i // 4}",
                        "text": text,
                    }
                )
            )
            n += 1
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def read(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_generated_passages_are_distinct_proportional_and_seeded(tmp_path: Path) -> None:
    src = tmp_path / "src.jsonl"
    write_source(src, {"en": 30, "de": 20, "es": 10})
    out1, out2 = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    stats = make_million.generate(src, out1, 300, seed=5)
    make_million.generate(src, out2, 300, seed=5)
    assert out1.read_bytes() == out2.read_bytes()
    recs = read(out1)
    texts = [r["text"] for r in recs]
    assert len(texts) == 300 and len(set(texts)) == 300
    assert not set(texts) & {r["text"] for r in read(src)}
    assert Counter(r["lang"] for r in recs) == {"en": 150, "de": 100, "es": 50}
    assert stats["per_lang"] == {"en": 150, "de": 100, "es": 50}
    # Re-mixed within a language only: every sentence of a German passage is German.
    import random

    for r in recs:
        pieces = make_million.split_sentences(r["text"], random.Random(0))
        assert pieces and set(pieces) <= set(POOL[r["lang"]])
    assert {r["doc"].split("-")[1] for r in recs} == {"en", "de", "es"}


def test_a_different_seed_gives_a_different_corpus(tmp_path: Path) -> None:
    src = tmp_path / "src.jsonl"
    write_source(src, {"en": 20, "de": 20})
    make_million.generate(src, tmp_path / "a.jsonl", 100, seed=1)
    make_million.generate(src, tmp_path / "b.jsonl", 100, seed=2)
    assert (tmp_path / "a.jsonl").read_bytes() != (tmp_path / "b.jsonl").read_bytes()


def test_a_source_too_small_for_distinct_passages_is_refused(tmp_path: Path) -> None:
    src = tmp_path / "src.jsonl"
    src.write_text(
        json.dumps({"id": 0, "lang": "en", "source": "s", "doc": "d", "text": "Only one sentence."})
        + "\n",
        encoding="utf-8",
    )
    with pytest.raises(SystemExit, match="too small"):
        make_million.generate(src, tmp_path / "out.jsonl", 5, seed=1)


def test_long_stretches_without_full_stops_are_cut() -> None:
    import random

    words = " ".join(f"w{i}" for i in range(100))
    pieces = make_million.split_sentences(words, random.Random(0))
    assert len(pieces) > 2
    assert all(len(p.split()) <= make_million.MAX_SENTENCE_WORDS for p in pieces)
    assert " ".join(pieces) == words


def test_shares_sum_to_the_total() -> None:
    assert make_million.shares(10, {"a": 1, "b": 1, "c": 1}) in (
        {"a": 4, "b": 3, "c": 3},
        {"a": 3, "b": 4, "c": 3},
        {"a": 3, "b": 3, "c": 4},
    )
    assert (
        sum(make_million.shares(1_000_000, {"de": 30914, "en": 26360, "fr": 23130}).values())
        == 1_000_000
    )


def test_batch_queries_are_distinct_and_keep_the_mix(tmp_path: Path) -> None:
    src = tmp_path / "src.jsonl"
    lines = []
    vocab = {
        "en": "alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo",
        "fr": "avion bateau cheval dragon etoile fromage girafe hibou igloo jardin",
        "de": "apfel birne chaos drache eimer fahne gabel hafen insel jacke kugel",
    }
    for lang, words in vocab.items():
        ws = words.split()
        for i in range(40):
            lines.append(
                json.dumps(
                    {
                        "id": len(lines),
                        "lang": lang,
                        "source": "s",
                        "doc": "d",
                        "text": " ".join(ws[(i + k) % len(ws)] for k in range(5)),
                    }
                )
            )
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    excluded = {("term", "alpha")}
    queries = make_batch_queries.draw(src, 54, seed=3, exclude=excluded)
    keys = [(q["kind"], *q["terms"]) for q in queries]
    assert len(keys) == 54 and len(set(keys)) == 54 and not set(keys) & excluded
    assert Counter(q["kind"] for q in queries) == {"term": 18, "phrase": 18, "and": 18}
    assert Counter(q["lang"] for q in queries) == {"en": 18, "fr": 18, "de": 18}
    for q in queries:
        assert set(q["terms"]) <= set(vocab[q["lang"]].split())
    assert queries == make_batch_queries.draw(src, 54, seed=3, exclude=excluded)


def test_committed_batch_queries_are_1000_distinct() -> None:
    path = Path(make_batch_queries.DEFAULT_OUT)
    queries = json.loads(path.read_text(encoding="utf-8"))
    assert len({(q["kind"], *q["terms"]) for q in queries}) == len(queries) == 1000


def test_fts5_baseline_finds_stemmed_english_and_quotes_operators(tmp_path: Path) -> None:
    src = tmp_path / "c.jsonl"
    rows = [
        ("en", "The composers recorded the scores in Vienna."),
        ("de", "Die Komponistin nahm die Musik in Wien auf."),
        ("en", "NOT a word but a title: Not Now."),
    ]
    src.write_text(
        "".join(
            json.dumps({"id": i, "lang": lang, "source": "s", "doc": "d", "text": t}) + "\n"
            for i, (lang, t) in enumerate(rows)
        ),
        encoding="utf-8",
    )
    db = tmp_path / "f.db"
    assert baselines.build_fts5(src, db) == 3
    fts = baselines.Fts5(db)
    hits = fts.search("composer")
    assert [h["id"] for h in hits] == [0] and "[composers]" in hits[0]["snippet"]
    assert [h["id"] for h in fts.search("Wien AND Musik")] == [1]
    assert [h["id"] for h in fts.search('"recorded the"')] == [0]
    assert [h["id"] for h in fts.search("NOT")] == [2]
    fts.close()
