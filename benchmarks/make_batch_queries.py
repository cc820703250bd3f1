"""1,000 distinct benchmark queries for the batch measurement of ``speed.py``.

    python benchmarks/make_batch_queries.py [--source FILE] [--count N] [--out FILE]

The source is a corpus of the shared en/fr/de benchmark kit, which is not part of this
repository: the kit's ``make_corpus.sh DIR`` writes it outside the repository (this script
reads ``/tmp/tutti-bench/corpus_10k.jsonl`` unless given ``--source``), and the kit's
``queries.json`` holds the 200 warm queries of ``speed.py``. Where the kit is and how to
run it: ``benchmarks/README.md``, "Speed".

Repeating the kit's 200 queries five times measures caches more than search: a repeated
query finds its terms decoded already. These are drawn afresh, with the mix of the kit's
``queries.json`` (made by its ``make_queries.py``): a third single terms, a third two-word
phrases (adjacent words of one passage), a third ``A AND B`` of two words of one passage,
the languages in turn (en, fr, de). Words are alphabetic, at least four letters, in 3..300
passages of the source, so each query matches at every corpus size built from it. A query
already drawn (or in the excluded file, normally the 200 warm queries) is drawn again, so
all are distinct. Seeded: the same arguments give the same file. The committed
``batch_queries.json`` was made from the kit's 10k subset with the defaults and
``--exclude`` naming the kit's ``queries.json``.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import Counter, defaultdict
from itertools import pairwise
from pathlib import Path

DEFAULT_SOURCE = Path("/tmp/tutti-bench/corpus_10k.jsonl")
DEFAULT_OUT = Path(__file__).resolve().parent / "batch_queries.json"
KINDS = ("term", "phrase", "and")
LANGS = ("en", "fr", "de")
WORD = re.compile(r"^[^\W\d_]{4,}$")
MIN_DF, MAX_DF = 3, 300


def draw(source: Path, count: int, seed: int, exclude: set[tuple[str, ...]]) -> list[dict]:
    docs = [json.loads(line) for line in source.open(encoding="utf-8")]
    df: dict[str, Counter[str]] = defaultdict(Counter)
    by_lang: dict[str, list[list[str]]] = defaultdict(list)
    for d in docs:
        tokens = d["text"].split()
        by_lang[d["lang"]].append(tokens)
        df[d["lang"]].update({t.lower() for t in tokens if WORD.match(t)})
    rng = random.Random(seed)
    out: list[dict] = []
    taken = set(exclude)
    i = 0
    while len(out) < count:
        kind, lang = KINDS[i % 3], LANGS[(i // 3) % 3]

        def ok(word: str, lang: str = lang) -> bool:
            return bool(WORD.match(word)) and MIN_DF <= df[lang][word.lower()] <= MAX_DF

        tokens = rng.choice(by_lang[lang])
        terms: list[str] = []
        if kind == "term":
            words = [t.lower() for t in tokens if ok(t)]
            terms = [rng.choice(words)] if words else []
        elif kind == "phrase":
            pairs = [(a.lower(), b.lower()) for a, b in pairwise(tokens) if ok(a) and ok(b)]
            terms = list(rng.choice(pairs)) if pairs else []
        else:
            words = sorted({t.lower() for t in tokens if ok(t)})
            terms = rng.sample(words, 2) if len(words) >= 2 else []
        key = (kind, *terms)
        if terms and key not in taken and not (kind == "and" and terms[0] == terms[1]):
            taken.add(key)
            out.append({"kind": kind, "lang": lang, "terms": terms})
            i += 1  # a miss draws the same kind and language again
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    ap.add_argument("--count", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=18)
    ap.add_argument(
        "--exclude",
        type=Path,
        default=None,
        help="a queries.json whose queries are not to be drawn again",
    )
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = ap.parse_args(argv)
    if not args.source.is_file():
        print(
            f"no corpus at {args.source}: build it with the shared benchmark kit's "
            f"make_corpus.sh (benchmarks/README.md, Speed), or pass --source FILE",
            file=sys.stderr,
        )
        return 2
    exclude: set[tuple[str, ...]] = set()
    if args.exclude:
        exclude = {(q["kind"], *q["terms"]) for q in json.loads(args.exclude.read_text("utf-8"))}
    queries = draw(args.source, args.count, args.seed, exclude)
    args.out.write_text(json.dumps(queries, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(
        f"{len(queries)} queries -> {args.out}: "
        f"{dict(Counter((q['kind'], q['lang']) for q in queries))}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
