"""How well search finds what a user means: recall@10 and MRR over hand-judged queries.

Builds a throw-away index over ``seeds/`` and ``benchmarks/fixtures/``, runs every query of
``benchmarks/relevance_queries.json`` with ``limit=10`` and prints, per group and overall,
the number of queries, the mean recall@10 and the mean reciprocal rank.

A judged query names its relevant passages by a phrase their text contains, never by id, so
the judgments survive changes to chunking and ids. Each phrase is one relevant item: it is
found at the rank of the first hit whose text contains it (case and runs of white space
ignored). Recall@10 is the share of a query's phrases found in the first ten hits; the
reciprocal rank is 1/rank of the best-ranked one (0 when none is found).

The fixtures are press material about an invented film ("La Dernière Répétition" / "The Last
Rehearsal" / "Die letzte Probe" / "L'ultima prova") written for this benchmark: a French press
kit with two interviews, a German review, an Italian labelled synopsis and an English article
with a Russian quotation. They spell the same names the way each language transliterates them.

    python benchmarks/relevance.py [--verbose] [--group NAME] [--queries FILE]

``--verbose`` lists, for each query that misses something, the phrases it missed and where
they ended up (a rank past 10, or not matched at all), then the queries that found everything
but not at rank 1. The script is a report: it exits 0
whatever the numbers, and a query that raises (an unknown speaker, a syntax error) counts as
finding nothing.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from search import Engine  # noqa: E402

QUERIES = Path(__file__).resolve().parent / "relevance_queries.json"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEEDS = ROOT / "seeds"
LIMIT = 10
#: How deep to look when explaining a miss ("rank 14" is a different bug from "no match").
DEEP_LIMIT = 500


@dataclass
class Judged:
    group: str
    query: str
    relevant: list[str]
    speakers: list[str] | None = None
    langs: list[str] | None = None
    sources: list[str] | None = None
    note: str = ""

    def label(self) -> str:
        filters = [
            f"{name}={','.join(values)}"
            for name, values in (
                ("speakers", self.speakers),
                ("langs", self.langs),
                ("sources", self.sources),
            )
            if values
        ]
        return self.query + (f"  [{' '.join(filters)}]" if filters else "")


@dataclass
class Outcome:
    judged: Judged
    ranks: dict[str, int | None] = field(default_factory=dict)  # phrase -> rank within LIMIT
    deep: dict[str, int | None] = field(default_factory=dict)  # phrase -> rank past LIMIT
    error: str | None = None
    top: list[str] = field(default_factory=list)  # ids of the first hits, for diagnosis

    @property
    def recall(self) -> float:
        found = sum(1 for r in self.ranks.values() if r is not None)
        return found / len(self.judged.relevant) if self.judged.relevant else 0.0

    @property
    def rr(self) -> float:
        ranks = [r for r in self.ranks.values() if r is not None]
        return 1.0 / min(ranks) if ranks else 0.0

    @property
    def misses(self) -> list[str]:
        return [p for p in self.judged.relevant if self.ranks.get(p) is None]


def norm(text: str) -> str:
    return " ".join(text.casefold().split())


def load(path: Path) -> list[Judged]:
    data = json.loads(path.read_text(encoding="utf-8"))
    out = []
    for item in data["queries"]:
        out.append(
            Judged(
                group=item["group"],
                query=item["query"],
                relevant=list(item["relevant"]),
                speakers=item.get("speakers"),
                langs=item.get("langs"),
                sources=item.get("sources"),
                note=item.get("note", ""),
            )
        )
    return out


def first_ranks(hits: list, phrases: list[str]) -> dict[str, int | None]:
    ranks: dict[str, int | None] = {}
    texts = [(hit.rank, norm(hit.passage.text)) for hit in hits]
    for phrase in phrases:
        wanted = norm(phrase)
        ranks[phrase] = next((rank for rank, text in texts if wanted in text), None)
    return ranks


def run_one(engine: Engine, judged: Judged) -> Outcome:
    outcome = Outcome(judged)
    kwargs = {"speakers": judged.speakers, "langs": judged.langs, "sources": judged.sources}
    try:
        result = engine.search(judged.query, limit=LIMIT, suggest=False, **kwargs)
    except Exception as err:  # noqa: BLE001 - a report, not a test: record and go on
        outcome.error = f"{type(err).__name__}: {err}"
        outcome.ranks = dict.fromkeys(judged.relevant)
        return outcome
    outcome.ranks = first_ranks(result.hits, judged.relevant)
    outcome.top = [hit.passage.id for hit in result.hits[:3]]
    if outcome.misses:
        deep = engine.search(judged.query, limit=DEEP_LIMIT, suggest=False, **kwargs)
        outcome.deep = first_ranks(deep.hits, outcome.misses)
    return outcome


def unjudgeable(engine: Engine, queries: list[Judged]) -> list[tuple[Judged, str]]:
    """Phrases no passage contains: a broken judgment, not an engine miss."""
    texts = [norm(p.text) for p in engine.passages()]
    return [
        (j, phrase)
        for j in queries
        for phrase in j.relevant
        if not any(norm(phrase) in t for t in texts)
    ]


def table(outcomes: list[Outcome]) -> str:
    groups: dict[str, list[Outcome]] = defaultdict(list)
    for o in outcomes:
        groups[o.judged.group].append(o)
    rows = [f"{'group':14} {'queries':>7} {'recall@10':>10} {'MRR':>6} {'perfect':>8}"]

    def row(name: str, items: list[Outcome]) -> str:
        n = len(items)
        recall = sum(o.recall for o in items) / n if n else 0.0
        mrr = sum(o.rr for o in items) / n if n else 0.0
        perfect = sum(1 for o in items if not o.misses)
        return f"{name:14} {n:7} {recall:10.3f} {mrr:6.3f} {perfect:5}/{n:<2}"

    for name, items in groups.items():
        rows.append(row(name, items))
    rows.append("-" * len(rows[0]))
    rows.append(row("ALL", outcomes))
    return "\n".join(rows)


def describe_misses(outcomes: list[Outcome]) -> str:
    """Each query that missed a phrase, then those that found everything but not at rank 1."""
    lines = []
    for o in outcomes:
        if not o.misses:
            continue
        j = o.judged
        lines.append(f"[{j.group}] {j.label()}   recall {o.recall:.2f}  RR {o.rr:.2f}")
        if j.note:
            lines.append(f"    note: {j.note}")
        if o.error:
            lines.append(f"    error: {o.error}")
        for phrase in o.misses:
            deep = o.deep.get(phrase)
            where = f"rank {deep}" if deep is not None else f"not in the first {DEEP_LIMIT}"
            lines.append(f"    missed: {phrase!r} ({where})")
        if o.top:
            lines.append(f"    top: {', '.join(o.top)}")
    if not lines:
        lines.append("no misses")
    late = [o for o in outcomes if not o.misses and o.rr < 1.0]
    if late:
        lines.append("")
        lines.append("found, but not first:")
        for o in late:
            ranks = ", ".join(str(r) for r in sorted(r for r in o.ranks.values() if r is not None))
            lines.append(
                f"[{o.judged.group}] {o.judged.label()}   ranks {ranks}   top: {', '.join(o.top)}"
            )
    return "\n".join(lines)


def without_name_keys() -> None:
    """Switch off what the names work added, to measure the engine without it."""
    from search import names
    from search.analysis import fold
    from search.query import parse as query

    plain_fields = query._fields

    def fields(langs, filled=None):  # type: ignore[no-untyped-def]
        boosts = plain_fields(langs, filled)
        boosts.pop("names", None)
        return boosts

    def folded_words(text: str) -> set[str]:
        return set(fold(text).lower().replace("-", " ").split())

    query._fields = fields
    names.speaker_matches = lambda q, s: folded_words(q) <= folded_words(s)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--verbose", "-v", action="store_true", help="list each query's misses")
    parser.add_argument("--group", action="append", help="only this group (repeatable)")
    parser.add_argument("--queries", type=Path, default=QUERIES, help="judged queries (JSON)")
    parser.add_argument(
        "--without-names",
        action="store_true",
        help="the baseline before name keys: no names field in queries, and "
        "speaker filters by folded words instead of name keys",
    )
    args = parser.parse_args(argv)
    if args.without_names:
        without_name_keys()

    queries = load(args.queries)
    if args.group:
        queries = [q for q in queries if q.group in args.group]
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="tutti-relevance-") as tmp:
        engine = Engine(Path(tmp) / "index")
        report = engine.index([SEEDS, FIXTURES])
        for skipped in report.skipped:
            print(f"warning: skipped {skipped}", file=sys.stderr)
        for judged, phrase in unjudgeable(engine, queries):
            print(
                f"warning: no passage contains {phrase!r} (query {judged.query!r})", file=sys.stderr
            )
        outcomes = [run_one(engine, q) for q in queries]
        engine.close()
    elapsed = time.monotonic() - started

    print(
        f"relevance: {len(outcomes)} judged queries over seeds/ + benchmarks/fixtures/, "
        f"limit {LIMIT} ({elapsed:.1f}s)"
    )
    print(table(outcomes))
    if args.verbose:
        print()
        print(describe_misses(outcomes))
    return 0


if __name__ == "__main__":
    try:
        raise SystemExit(main(sys.argv[1:]))
    except SystemExit:
        raise
    except Exception as err:  # still a report: say what broke, exit 0
        print(f"relevance benchmark could not run: {type(err).__name__}: {err}", file=sys.stderr)
        raise SystemExit(0) from err
