"""What a batch of distinct queries costs a worker that has not seen them (run by hand).

    python benchmarks/first_pass.py INDEX [--queries benchmarks/batch_queries.json]

``tutti search -`` deals its queries out to one worker process per core, and each worker
meets every query it answers for the first time: its caches (decoded term and posting
blocks, the word forms highlighting has analysed, document frequencies, scorers) are
empty for that query's words. This script measures, in CPU seconds of forked processes
that each open the index anew (as a batch's workers do):

- one process answering every query twice: the first pass against the second;
- the queries shared between two processes as a batch deals them (alternately), by the
  first word of the query, and by the language the query set gives it; the sum of the two
  processes' CPU against one process answering them all: what two workers pay twice;
- where one process's first pass over half the queries (a worker's share) goes, by stage,
  timed around the library's functions without a profiler.

Each query is answered as the CLI's ``--json`` batch answers it (``render.json_answer``,
orjson). Figures go to ``benchmarks/RESULTS.md``.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import time
import zlib
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from speed import query_string  # noqa: E402


def answer_all(engine: Any, queries: list[str]) -> None:
    from search import render
    from search.errors import TuttiError

    for text in queries:
        with contextlib.suppress(TuttiError):  # a query with no hits
            render.json_answer(engine.search(text, limit=10))


def in_child(work: Callable[[], object]) -> object:
    """``work()`` in a forked process (a fresh worker: nothing of its caches inherited
    but what this process holds, which is nothing of the index); its JSON result."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        with os.fdopen(write, "w") as out:
            json.dump(work(), out)
        os._exit(0)
    os.close(write)
    with os.fdopen(read) as got:
        result = json.load(got)
    os.waitpid(pid, 0)
    return result


def cpu_of(index: Path, queries: list[str], passes: int = 1) -> list[float]:
    """CPU seconds of each pass over ``queries`` by one fresh process."""

    def work() -> list[float]:
        from search import Engine, render

        render.fast_json()
        engine = Engine(index)
        engine.search("zzzzqqq", limit=10)  # opens the index: not a query's cost
        out = []
        for _ in range(passes):
            start = time.process_time()
            answer_all(engine, queries)
            out.append(time.process_time() - start)
        return out

    return in_child(work)  # type: ignore[return-value]


def stages(index: Path, queries: list[str]) -> dict[str, float]:
    """Seconds spent in each stage of a first pass, timed around the library's functions."""

    def work() -> dict[str, float]:
        import whoosh.collectors

        from search import Engine, render
        from search.query import execute, parse

        spent: Counter[str] = Counter()

        def timed(owner: Any, name: str, label: str) -> None:
            inner = getattr(owner, name)

            def wrapper(*args: Any, **kwargs: Any) -> Any:
                start = time.perf_counter()
                try:
                    return inner(*args, **kwargs)
                finally:
                    spent[label] += time.perf_counter() - start

            setattr(owner, name, wrapper)

        labels = [
            "parse",
            "prune (document frequencies)",
            "match and score",
            "  of which: matchers made",
            "ties broken by id",
            "passages from stored fields",
            "term counts of the hits",
            "highlights",
            "question highlights",
            "snippets",
            "JSON",
        ]
        render.fast_json()
        timed(parse, "parse", "parse")
        timed(parse, "prune", "prune (document frequencies)")
        timed(whoosh.collectors.Collector, "run", "match and score")
        timed(whoosh.collectors.Collector, "set_subsearcher", "  of which: matchers made")
        timed(execute, "_ranked", "ties broken by id")
        timed(execute, "term_counts", "term counts of the hits")
        timed(execute, "highlight_spans", "highlights")
        timed(execute, "question_spans", "question highlights")
        timed(execute, "passage_from_body", "passages from stored fields")
        timed(execute, "snippet", "snippets")
        timed(render, "json_answer", "JSON")
        engine = Engine(index)
        engine.search("zzzzqqq", limit=10)
        spent.clear()
        start = time.perf_counter()
        answer_all(engine, queries)
        whole = time.perf_counter() - start
        return {label: spent[label] for label in labels} | {"all": whole}

    return in_child(work)  # type: ignore[return-value]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("index", type=Path)
    ap.add_argument("--queries", type=Path, default=HERE / "batch_queries.json")
    args = ap.parse_args()
    items = json.loads(args.queries.read_text(encoding="utf-8"))
    queries = [query_string(item) for item in items]
    print(f"{len(queries)} distinct queries, index {args.index}, load {os.getloadavg()[0]:.1f}")

    first, second = cpu_of(args.index, queries, passes=2)
    print("\n| one process, every query | CPU s |\n|---|---:|")
    print(f"| first pass | {first:.2f} |\n| second pass | {second:.2f} |")

    def split(key: Callable[[int, dict[str, Any]], int]) -> tuple[float, int, int]:
        halves: list[list[str]] = [[], []]
        for i, item in enumerate(items):
            halves[key(i, item)].append(query_string(item))
        a, b = (cpu_of(args.index, half)[0] for half in halves)
        return a + b, len(halves[0]), len(halves[1])

    print("\n| two processes, first pass | CPU s (sum) | queries each |\n|---|---:|---:|")
    print(
        f"| one process answering all (for comparison) | {cpu_of(args.index, queries)[0]:.2f} | |"
    )
    for label, key in (
        ("alternately, as a batch deals them", lambda i, item: i % 2),
        ("by the query's first word", lambda i, item: zlib.crc32(item["terms"][0].encode()) % 2),
        ("English to one, the rest to the other", lambda i, item: int(item["lang"] != "en")),
    ):
        total, a, b = split(key)
        print(f"| {label} | {total:.2f} | {a} / {b} |")

    half = queries[::2]
    spent = stages(args.index, half)
    whole = spent.pop("all")
    print(f"\n| first pass over {len(half)} queries (a worker's share) | s | share |")
    print("|---|---:|---:|")
    for label, seconds in spent.items():  # in the order the stages were named
        print(f"| {label} | {seconds:.3f} | {seconds / whole:.0%} |")
    print(f"| all (wall) | {whole:.3f} | 100% |")


if __name__ == "__main__":
    main()
