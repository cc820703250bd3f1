"""Do the top hits of the benchmark queries equal an exhaustive search? (Run by hand, not in CI.)

    .venv/bin/python benchmarks/exhaustive.py INDEX_DIR [--queries FILE] [--limit 10]

Answers every query twice on the same open index: as ``tutti search`` does (the collector
``TopPassages`` scores a posting list at a time and keeps the best), and with that
collector replaced by Whoosh's ``UnlimitedCollector``, which walks each matcher a passage
at a time and keeps every match. The two must give the same passages in the same order
with the same scores (rounded as hits are), and the same total; the script prints each
query that differs and a one-line count, and exits 1 if any does. ``tests/test_scoring.py``
holds the same oracle over small indexes; this runs it on a benchmark index (``speed.py``
leaves them in its cache, ``idx-10k``, ``idx-80k`` ...).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from speed import find_queries, load_queries


def exhaustive(window: int, allow: Any = None) -> Any:
    """Whoosh's collector of every match, with ``TopPassages``'s signature."""
    from whoosh.collectors import FilterCollector, UnlimitedCollector

    every = UnlimitedCollector()
    return every if allow is None else FilterCollector(every, allow=allow)


def answer(engine: Any, text: str, limit: int) -> tuple[list[tuple[str, float]], int]:
    from search import TuttiError

    try:
        result = engine.search(text, limit=limit, suggest=False)
    except TuttiError as err:
        return [("error", 0.0), (str(err), 0.0)], -1
    return [(hit.passage.id, round(hit.score, 6)) for hit in result.hits], result.total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("index_dir", type=Path)
    parser.add_argument("--queries", type=Path, help="default $TUTTI_BENCH/queries.json")
    parser.add_argument("--limit", type=int, default=10)
    args = parser.parse_args()

    from search import Engine
    from search.query import execute

    queries = load_queries(find_queries(args.queries))
    engine = Engine(args.index_dir)
    started = time.monotonic()
    fast = [answer(engine, text, args.limit) for text in queries]
    fast_s = time.monotonic() - started
    execute.TopPassages = exhaustive  # type: ignore[assignment,misc]
    started = time.monotonic()
    slow = [answer(engine, text, args.limit) for text in queries]
    slow_s = time.monotonic() - started

    differ = 0
    for text, (hits, total), (every_hits, every_total) in zip(queries, fast, slow, strict=True):
        if hits != every_hits or total != every_total:
            differ += 1
            print(f"DIFFERS {text!r}: {hits} (total {total}) vs {every_hits} (total {every_total})")
    hits_compared = sum(len(hits) for hits, _ in fast)
    print(
        f"{len(queries)} queries, {hits_compared} hits: {differ} differ from an exhaustive "
        f"search (top {args.limit}; {fast_s:.1f} s as tutti searches, {slow_s:.1f} s exhaustive)"
    )
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
