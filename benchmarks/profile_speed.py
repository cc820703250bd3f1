"""Where tutti's time goes, for the targets ``speed.py`` judges (issue 18's plan).

    python benchmarks/profile_speed.py cold INDEX [QUERY]        # one `tutti search --json`
    python benchmarks/profile_speed.py warm INDEX QUERIES.json    # Engine.search over queries
    python benchmarks/profile_speed.py build TEXT_DIR             # store.build, one process
    python benchmarks/profile_speed.py stages TEXT_DIR            # the build's stages, unprofiled
    python benchmarks/profile_speed.py startup INDEX [QUERY]      # a cold search's class making

Each prints the shares of the profiled time by area (groups of modules: tutti's own modules
one by one, Whoosh, langdetect, the standard library, ...) and the functions with the most
own time. ``cold`` also runs the command under ``python -X importtime`` and lists the
top-level imports by cumulative time, beside the process's wall time. ``build`` runs
``search.backend.whoosh.store.build`` with one process (``procs=1``) into a temporary folder, so the
profile sees the reading, chunking, tagging and writing that worker processes share out in
a real build. cProfile slows pure-Python code more than C code: shares, not seconds, are the
figures to read. ``stages`` times the same build's stages without a profiler, on one core
(process CPU time around each): reading and chunking, language detection, preparing the
fields, and the writer's adding and committing. ``startup`` runs one search in a fresh
process and times, without a profiler, the two costs of its start that are neither
importing nor searching: making its dataclasses and compiling regular expressions.
"""

from __future__ import annotations

import cProfile
import os
import pstats
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

TOP = 15


def area(filename: str) -> str:
    """Which area of code a profiled function belongs to."""
    path = filename.replace("\\", "/")
    if "/search/" in path:
        return "search/" + path.rsplit("/search/", 1)[1]
    if "/whoosh/" in path:
        return "whoosh/" + path.rsplit("/whoosh/", 1)[1]
    for name in (
        "langdetect",
        "typer",
        "click",
        "rich",
        "orjson",
        "Stemmer",
        "charset_normalizer",
        "trafilatura",
        "lxml",
        "pypdf",
        "docx",
    ):
        if f"/{name}/" in path:
            return name
    if path.startswith("<frozen"):
        return "import machinery"
    if path.startswith(("~", "<")):
        return "builtins (C)"
    return "stdlib/other"


def summarise(stats: pstats.Stats, title: str) -> None:
    raw = stats.stats  # type: ignore[attr-defined]
    total = sum(tt for (_, _, tt, _, _) in raw.values())
    by_area: Counter[str] = Counter()
    for (filename, _, _), (_, _, tt, _, _) in raw.items():
        by_area[area(filename)] += tt
    print(f"\n== {title}: {total:.2f} s profiled (own time summed)")
    for name, tt in by_area.most_common(TOP):
        print(f"  {tt / total:6.1%}  {tt:7.3f} s  {name}")
    print("  -- functions by own time")
    ranked = sorted(raw.items(), key=lambda kv: kv[1][2], reverse=True)[:TOP]
    for (filename, line, func), (_, ncalls, tt, ct, _) in ranked:
        print(
            f"  {tt / total:6.1%}  own {tt:7.3f} s  cum {ct:7.3f} s  {ncalls:>8} calls  "
            f"{area(filename)}:{line} {func}"
        )
    print("  -- tutti's functions by cumulative time")
    mine = [(k, v) for k, v in raw.items() if "/search/" in k[0]]
    for (filename, line, func), (_, ncalls, _, ct, _) in sorted(
        mine, key=lambda kv: kv[1][3], reverse=True
    )[:TOP]:
        print(
            f"  {ct / total:6.1%}  cum {ct:7.3f} s  {ncalls:>8} calls  "
            f"{area(filename)}:{line} {func}"
        )


def tutti_cmd() -> list[str]:
    beside = Path(sys.executable).parent / "tutti"
    return [sys.executable, str(beside)]


def cold(index: Path, query: str) -> None:
    """As ``speed.py`` runs it: bytecode written once to a cache folder and reused (a shell
    with PYTHONDONTWRITEBYTECODE would recompile every module at every start)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(Path(tempfile.gettempdir()) / "tutti-profile-pycache")
    cmd = [*tutti_cmd(), "search", query, "--json", "--index-dir", str(index)]
    # Bytecode compiled, pages cached. Timed, not judged (here and below): exit 1 is
    # "no hits", and a query's answer is not the point here.
    subprocess.run(cmd, capture_output=True, env=env, check=False)
    walls = []
    for _ in range(5):
        for c in (cmd, [sys.executable, "-c", "pass"]):
            start = time.perf_counter()
            subprocess.run(c, capture_output=True, env=env, check=False)
            walls.append(time.perf_counter() - start)
    wall, bare = statistics.median(walls[0::2]), statistics.median(walls[1::2])
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", *cmd[1:]],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    tops: list[tuple[int, str]] = []
    total_imports = 0
    for line in proc.stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        _, cum, name = line.split("|")
        if cum.strip().isdigit() and not name.startswith("  "):
            tops.append((int(cum), name.strip()))
            total_imports += int(cum)
    print(
        f"== cold {' '.join(cmd[1:])}\n  wall {wall * 1000:.0f} ms, python -c pass "
        f"{bare * 1000:.0f} ms (medians of 5, alternated); top-level imports "
        f"{total_imports / 1000:.0f} ms (one -X importtime run)"
    )
    for us, name in sorted(tops, reverse=True)[:TOP]:
        print(f"  {us / 1000:7.1f} ms  {name}")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "cold.prof"
        # ``main``, not ``run``: run ends with os._exit, before a profile could be written.
        code = (
            "import cProfile, sys; sys.argv = ['tutti', *sys.argv[1:]]; "
            "pr = cProfile.Profile(); pr.enable()\n"
            "from search.cli_entry import main; main()\n"
            f"pr.disable(); pr.dump_stats({str(out)!r})"
        )
        subprocess.run(
            [sys.executable, "-c", code, *cmd[2:]], capture_output=True, env=env, check=False
        )
        summarise(pstats.Stats(str(out)), "cold process (imports included)")


def warm(index: Path, queries_file: Path) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from speed import load_queries

    from search import Engine

    queries = load_queries(queries_file)
    engine = Engine(index)
    for q in queries:  # open the index, fill caches: the profile is of warm queries
        engine.search(q, limit=10)
    prof = cProfile.Profile()
    prof.enable()
    for q in queries:
        engine.search(q, limit=10)
    prof.disable()
    engine.close()
    summarise(pstats.Stats(prof), f"warm Engine.search, {len(queries)} queries")


def build(text_dir: Path) -> None:
    from search.backend.whoosh import store

    with tempfile.TemporaryDirectory() as tmp:
        prof = cProfile.Profile()
        prof.enable()
        store.build(Path(tmp) / "idx", [text_dir], procs=1)
        prof.disable()
    summarise(pstats.Stats(prof), f"build {text_dir}, one process")


def stages(text_dir: Path) -> None:
    from collections import Counter as Tally

    import search.lang
    import search.schema
    from search import ingest
    from search.backend.whoosh import _whoosh  # noqa: F401  (first, as the build does)

    # isort: split
    from whoosh import index as whoosh_index

    from search.backend.whoosh.codec import Codec

    spent: Tally[str] = Tally()

    def timed(module: object, name: str, label: str) -> None:
        inner = getattr(module, name)

        def wrapper(*args: object, **kwargs: object) -> object:
            start = time.process_time()
            try:
                return inner(*args, **kwargs)
            finally:
                spent[label] += time.process_time() - start

        setattr(module, name, wrapper)

    timed(search.lang, "detect", "language detection (lang.detect)")
    started = time.process_time()
    docs = []
    for path in sorted(p for p in text_dir.rglob("*") if p.is_file()):
        start = time.process_time()
        doc = ingest.read(path, path.relative_to(text_dir).as_posix())
        doc.passages = list(doc.passages)
        spent["reading, chunking, tagging (ingest.read)"] += time.process_time() - start
        docs.append(doc)
    start = time.process_time()
    rows = [fields for doc in docs for _, fields in search.schema.prepared(doc.passages, Tally())]
    spent["preparing fields (schema.prepared)"] += time.process_time() - start
    with tempfile.TemporaryDirectory() as tmp:
        writer = whoosh_index.create_in(tmp, search.schema.make_schema()).writer(
            limitmb=256, codec=Codec()
        )
        start = time.process_time()
        for fields in rows:
            writer.add_document(**fields)
        spent["writer: add_document"] += time.process_time() - start
        start = time.process_time()
        writer.commit(optimize=True)
        spent["writer: commit (sort, write postings)"] += time.process_time() - start
    total = time.process_time() - started
    print(f"== build stages of {text_dir}, one core: {total:.1f} s CPU, {len(rows)} passages")
    for label, seconds in spent.most_common():
        print(f"  {seconds:6.1f} s  {seconds / total:6.1%}  {label}")
    print("  (language detection is part of reading, chunking, tagging)")


def startup(index: Path, query: str) -> None:
    code = (
        "import dataclasses, re, sys, time\n"
        "made, compiled = [], []\n"
        "def timing(inner, into):\n"
        "    def wrapper(*args, **kwargs):\n"
        "        start = time.perf_counter()\n"
        "        try:\n"
        "            return inner(*args, **kwargs)\n"
        "        finally:\n"
        "            into.append(time.perf_counter() - start)\n"
        "    return wrapper\n"
        "dataclasses._process_class = timing(dataclasses._process_class, made)\n"
        "re._compile = timing(re._compile, compiled)\n"
        "start = time.perf_counter()\n"
        "sys.argv = ['tutti', *sys.argv[1:]]\n"
        "from search.cli_entry import main\n"
        "main()\n"
        "print(time.perf_counter() - start, len(made), sum(made), len(compiled), sum(compiled),"
        " file=sys.stderr)\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(Path(tempfile.gettempdir()) / "tutti-profile-pycache")
    args = ["search", query, "--json", "--index-dir", str(index)]
    runs = []
    for _ in range(6):  # the first writes bytecode
        proc = subprocess.run(
            [sys.executable, "-c", code, *args],
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
        runs.append([float(x) for x in proc.stderr.split()[-5:]])
    total, classes, making, patterns, compiling = (
        statistics.median(column) for column in zip(*runs[1:], strict=True)
    )
    print(
        f"== startup of tutti {' '.join(args)} (after python's own start; medians of 5)\n"
        f"  {total * 1000:6.1f} ms  main(), imports and search included\n"
        f"  {making * 1000:6.1f} ms  making {classes:.0f} dataclasses\n"
        f"  {compiling * 1000:6.1f} ms  {patterns:.0f} calls to re's compile (cached ones too)"
    )


def main(argv: list[str]) -> int:
    if len(argv) >= 2 and argv[0] == "cold":
        cold(Path(argv[1]), argv[2] if len(argv) > 2 else "ultimate harmony")
    elif len(argv) == 3 and argv[0] == "warm":
        warm(Path(argv[1]), Path(argv[2]))
    elif len(argv) == 2 and argv[0] == "build":
        build(Path(argv[1]))
    elif len(argv) == 2 and argv[0] == "stages":
        stages(Path(argv[1]))
    elif len(argv) >= 2 and argv[0] == "startup":
        startup(Path(argv[1]), argv[2] if len(argv) > 2 else "ultimate harmony")
    else:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
