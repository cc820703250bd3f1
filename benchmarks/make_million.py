"""A large benchmark corpus (1,000,000 passages by default) re-cut from the shared one.

    python benchmarks/make_million.py [--source FILE] [--passages N] [--seed S] [--out FILE]

The source is the shared en/fr/de benchmark corpus, which is not part of this repository:
the shared benchmark kit's ``make_corpus.sh DIR`` writes it outside the repository (this
script reads ``/tmp/tutti-bench/corpus_all.jsonl`` unless given ``--source``). Where the
kit is and how to run it: ``benchmarks/README.md``, "Speed".

Copying the 80k corpus twelve times would make every posting list a multiple of a small one
and every score a tie repeated twelve times, which flatters caches and tie-breaks alike. So
the passages are re-cut instead, within each language:

* every source passage is split into sentences (after ``.``, ``!``, ``?`` or a line break);
  a "sentence" longer than ``MAX_SENTENCE_WORDS`` (man pages have few full stops) is cut at
  random into stretches of ``MIN_PIECE_WORDS``..``MAX_SENTENCE_WORDS`` words;
* a new passage takes the length in words of a source passage of the same language drawn at
  random, and is filled with sentences of that language drawn at random from all its
  documents (so neighbouring sentences come from different documents);
* a passage identical to one already written, or to a source passage, is drawn again:
  no two passages of the output are the same text;
* passages are grouped into synthetic documents whose passage counts follow the source's
  documents of that language (capped at ``MAX_DOC_PASSAGES``); a document's ``source`` is
  ``mix-`` plus the source package of its first template, so sources keep their proportions.

Each language gets the share of passages it has in the source. Words are those of the
source, so the vocabulary of each language stays real, but word frequencies follow the
sentence pool, which grows the number of documents per term with the corpus as a real
archive would. Everything is drawn from one ``random.Random(seed)``: the same arguments give
the same file, byte for byte. The output (JSON Lines ``{"id","lang","source","doc","text"}``,
as the source) goes outside the repository, by default to ``/tmp/tutti-bench``, with a
``.stats.json`` beside it (counts per language against the source, vocabulary sizes, the
check that every passage is distinct).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

DEFAULT_SOURCE = Path("/tmp/tutti-bench/corpus_all.jsonl")
DEFAULT_PASSAGES = 1_000_000
DEFAULT_SEED = 18

#: A stretch without sentence ends longer than this is cut into pieces.
MAX_SENTENCE_WORDS = 40
MIN_PIECE_WORDS = 8
#: Source documents larger than this (whole fortune files) would give one synthetic file of
#: thousands of passages per draw; real press documents are far smaller.
MAX_DOC_PASSAGES = 200
#: Redraws allowed for one passage before giving up (a tiny source cannot fill a large output).
MAX_REDRAWS = 50

SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")
WORD = re.compile(r"\w+")


def split_sentences(text: str, rng: random.Random) -> list[str]:
    """Sentences of ``text``, long ones cut into pieces at random word boundaries."""
    out: list[str] = []
    for sentence in SENTENCE_END.split(text):
        words = sentence.split()
        while len(words) > MAX_SENTENCE_WORDS:
            cut = rng.randint(MIN_PIECE_WORDS, MAX_SENTENCE_WORDS)
            out.append(" ".join(words[:cut]))
            words = words[cut:]
        if words:
            out.append(" ".join(words))
    return out


def digest(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=12).digest()


class Language:
    """What one language of the source offers: its sentences and its shapes."""

    def __init__(self) -> None:
        self.sentences: list[str] = []
        self.sentence_words: list[int] = []
        self.passage_words: list[int] = []  # length of each source passage, in words
        self.passage_sources: list[str] = []
        self.doc_sizes: Counter[str] = Counter()  # passages per source document
        self.vocabulary: set[str] = set()


def read_source(path: Path, rng: random.Random) -> tuple[dict[str, Language], set[bytes]]:
    langs: dict[str, Language] = defaultdict(Language)
    seen: set[bytes] = set()
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            lang = langs[rec["lang"]]
            text = rec["text"]
            seen.add(digest(" ".join(text.split())))
            lang.passage_words.append(len(text.split()))
            lang.passage_sources.append(rec["source"])
            lang.doc_sizes[rec["doc"]] += 1
            lang.vocabulary.update(w.lower() for w in WORD.findall(text))
            for sentence in split_sentences(text, rng):
                lang.sentences.append(sentence)
                lang.sentence_words.append(len(sentence.split()))
    return dict(sorted(langs.items())), seen


def shares(total: int, counts: dict[str, int]) -> dict[str, int]:
    """``total`` split in the proportions of ``counts`` (largest remainders; sums exactly)."""
    whole = sum(counts.values())
    exact = {k: total * v / whole for k, v in counts.items()}
    out = {k: int(x) for k, x in exact.items()}
    for k in sorted(exact, key=lambda k: out[k] - exact[k])[: total - sum(out.values())]:
        out[k] += 1
    return out


def generate(source: Path, out: Path, passages: int, seed: int) -> dict[str, object]:
    rng = random.Random(seed)
    started = time.perf_counter()
    langs, seen = read_source(source, rng)
    targets = shares(passages, {k: len(v.passage_words) for k, v in langs.items()})
    # Languages interleaved through the file as in the source, in a seeded order.
    order = [lang for lang, n in targets.items() for _ in range(n)]
    rng.shuffle(order)
    doc_left: dict[str, int] = dict.fromkeys(langs, 0)
    doc_name: dict[str, tuple[str, str]] = {}
    doc_count: Counter[str] = Counter()
    written: Counter[str] = Counter()
    redraws = 0
    vocab: dict[str, set[str]] = {lang: set() for lang in langs}
    sizes = {
        lang: [min(n, MAX_DOC_PASSAGES) for n in lg.doc_sizes.values()]
        for lang, lg in langs.items()
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".part")
    with tmp.open("w", encoding="utf-8") as fh:
        for pid, lang in enumerate(order):
            lg = langs[lang]
            template = rng.randrange(len(lg.passage_words))
            if doc_left[lang] == 0:
                doc_count[lang] += 1
                doc_left[lang] = rng.choice(sizes[lang])
                package = lg.passage_sources[template]
                doc_name[lang] = (f"mix-{package}", f"mix-{lang}-{doc_count[lang]:06d}")
            want = lg.passage_words[template]
            for _ in range(MAX_REDRAWS):
                parts, words = [], 0
                while words < want:
                    k = rng.randrange(len(lg.sentences))
                    parts.append(lg.sentences[k])
                    words += lg.sentence_words[k]
                text = " ".join(parts)
                key = digest(text)
                if key not in seen:
                    break
                redraws += 1
            else:
                raise SystemExit(
                    f"could not draw a new {lang} passage after {MAX_REDRAWS} "
                    f"tries: {source} is too small for {passages} passages"
                )
            seen.add(key)
            vocab[lang].update(w.lower() for w in WORD.findall(text))
            src, doc = doc_name[lang]
            doc_left[lang] -= 1
            written[lang] += 1
            fh.write(
                json.dumps(
                    {"id": pid, "lang": lang, "source": src, "doc": doc, "text": text},
                    ensure_ascii=False,
                )
                + "\n"
            )
            if pid and pid % 100_000 == 0:
                print(f"  {pid} passages ...", file=sys.stderr, flush=True)
    tmp.replace(out)
    source_total = sum(len(v.passage_words) for v in langs.values())
    stats: dict[str, object] = {
        "source": str(source),
        "seed": seed,
        "passages": sum(written.values()),
        "redraws": redraws,
        "documents": dict(doc_count),
        "per_lang": dict(written),
        "share_per_lang": {k: round(v / passages, 4) for k, v in written.items()},
        "source_share_per_lang": {
            k: round(len(v.passage_words) / source_total, 4) for k, v in langs.items()
        },
        "vocabulary_per_lang": {k: len(v) for k, v in vocab.items()},
        "source_vocabulary_per_lang": {k: len(v.vocabulary) for k, v in langs.items()},
        "seconds": round(time.perf_counter() - started, 1),
    }
    return stats


def verify(path: Path) -> tuple[int, int, dict[str, int]]:
    """(passages, distinct texts, passages per language) of a written corpus, re-read."""
    keys: set[bytes] = set()
    per_lang: Counter[str] = Counter()
    count = 0
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            keys.add(digest(rec["text"]))
            per_lang[rec["lang"]] += 1
            count += 1
    return count, len(keys), dict(per_lang)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument(
        "--source",
        type=Path,
        default=DEFAULT_SOURCE,
        help=f"JSON Lines corpus to re-cut (default {DEFAULT_SOURCE})",
    )
    ap.add_argument("--passages", type=int, default=DEFAULT_PASSAGES)
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED)
    ap.add_argument(
        "--out",
        type=Path,
        default=None,
        help="output file (default: beside the source, corpus_<N>.jsonl)",
    )
    args = ap.parse_args(argv)
    if not args.source.is_file():
        print(
            f"no source corpus at {args.source}: build it with the shared benchmark kit's "
            f"make_corpus.sh (benchmarks/README.md, Speed), or pass --source FILE",
            file=sys.stderr,
        )
        return 2
    out = args.out or args.source.with_name(f"corpus_{label(args.passages)}.jsonl")
    stats = generate(args.source, out, args.passages, args.seed)
    # Checked on the file as written, not on the generator's own bookkeeping.
    count, distinct, per_lang = verify(out)
    stats["verified"] = {"passages": count, "distinct_texts": distinct, "per_lang": per_lang}
    out.with_name(out.name + ".stats.json").write_text(json.dumps(stats, indent=1) + "\n")
    print(json.dumps(stats, indent=1))
    if distinct != count:
        print(f"{out}: {count - distinct} passages repeat another", file=sys.stderr)
        return 1
    return 0


def label(n: int) -> str:
    """1000000 -> "1m", 240000 -> "240k", 1234 -> "1234"."""
    if n % 1_000_000 == 0:
        return f"{n // 1_000_000}m"
    if n % 1000 == 0:
        return f"{n // 1000}k"
    return str(n)


if __name__ == "__main__":
    raise SystemExit(main())
