"""tutti on the embedded engine and on a two-node OpenSearch cluster, side by side (run by
hand, not in CI).

    cluster/start.sh        # prints the URL
    .venv/bin/python benchmarks/scale.py --url http://127.0.0.1:19200 [--corpus DIR] [--size all]

The corpus is the shared benchmark (``/work/shared/bench/make_corpus.sh DIR``), written as one
text file per source document, as speed.py does, under ``DIR/scale-cache``. Both engines index
that folder from scratch through ``Engine.index`` (the real ingestion path, default worker
processes); then the 200 benchmark queries (``--queries``, else ``$TUTTI_BENCH/queries.json``)
run through ``Engine.search(q, limit=10)`` on each:
one discarded warm-up pass, then ``--passes`` timed passes, p50 and p95 of each pass, the
median over passes. "Same top ten" counts the queries whose ten ids, in order, are the same on
both; "same set" ignores the order. The machine's load average is printed before and after,
since the cluster's two JVMs share the cores with everything else.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from speed import find_queries, load_queries, percentile, write_text_corpus

from search.engine import Engine


def warm(engine: Engine, queries: list[str], passes: int) -> tuple[float, float, list[list[str]]]:
    """Median p50 and p95 (seconds) over the timed passes, and each query's top ten ids."""
    tops = [[h.passage.id for h in engine.search(q, limit=10).hits] for q in queries]
    p50s, p95s = [], []
    for _ in range(passes):
        times = []
        for q in queries:
            started = time.perf_counter()
            engine.search(q, limit=10)
            times.append(time.perf_counter() - started)
        p50s.append(percentile(times, 50))
        p95s.append(percentile(times, 95))
    return statistics.median(p50s), statistics.median(p95s), tops


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--corpus", type=Path, default=Path("/tmp/tutti-bench"))
    parser.add_argument("--size", default="all", help="all, 30k or 10k (corpus_SIZE.jsonl)")
    parser.add_argument("--passes", type=int, default=3)
    parser.add_argument(
        "--queries",
        type=Path,
        default=None,
        help="queries.json (default: $TUTTI_BENCH/queries.json, as speed.py)",
    )
    parser.add_argument(
        "--skip-build",
        action="store_true",
        help="reuse the indexes a previous run built (their builds are not timed)",
    )
    args = parser.parse_args()
    cache = args.corpus / "scale-cache"
    text = cache / f"text-{args.size}"
    if not text.is_dir():
        count, size = write_text_corpus(args.corpus / f"corpus_{args.size}.jsonl", text)
        print(f"corpus: {count} passages, {size / 2**20:.1f} MiB of text in {text}")
    queries = load_queries(find_queries(args.queries))
    print(f"load average before: {os.getloadavg()}, cores: {os.cpu_count()}")
    embedded = Engine(cache / f"ix-{args.size}")
    remote = Engine(backend="opensearch", url=args.url)
    builds = {}
    for name, engine in (("whoosh", embedded), ("opensearch", remote)):
        if args.skip_build and engine.exists():
            continue
        started = time.perf_counter()
        report = engine.index([text], rebuild=True)
        builds[name] = time.perf_counter() - started
        print(
            f"{name}: built {report.manifest.passage_count} passages in {builds[name]:.1f} s; "
            f"load {os.getloadavg()}"
        )
    results = {}
    for name, engine in (("whoosh", embedded), ("opensearch", remote)):
        results[name] = warm(engine, queries, args.passes)
        p50, p95, _ = results[name]
        print(
            f"{name}: warm p50 {p50 * 1000:.2f} ms, p95 {p95 * 1000:.2f} ms; load {os.getloadavg()}"
        )
    ours, theirs = results["whoosh"][2], results["opensearch"][2]
    same = sum(a == b for a, b in zip(ours, theirs, strict=True))
    same_set = sum(set(a) == set(b) for a, b in zip(ours, theirs, strict=True))
    same_first = sum(a[:1] == b[:1] for a, b in zip(ours, theirs, strict=True))
    print(
        f"same top ten (in order): {same}/{len(queries)}; same set: {same_set}/{len(queries)}; "
        f"same first hit: {same_first}/{len(queries)}"
    )
    print(f"load average after: {os.getloadavg()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
