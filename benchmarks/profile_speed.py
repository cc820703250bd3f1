"""Where tutti's time goes, for the targets ``speed.py`` judges (issue 18's plan).

    python benchmarks/profile_speed.py cold INDEX [QUERY]        # one `tutti search --json`
    python benchmarks/profile_speed.py warm INDEX QUERIES.json    # Engine.search over queries
    python benchmarks/profile_speed.py build TEXT_DIR             # store.build, one process

Each prints the shares of the profiled time by area (groups of modules: tutti's own modules
one by one, Whoosh, langdetect, the standard library, ...) and the functions with the most
own time. ``cold`` also runs the command under ``python -X importtime`` and lists the
top-level imports by cumulative time, beside the process's wall time. ``build`` runs
``search.backend.whoosh.store.build`` with one process (``procs=1``) into a temporary folder, so the
profile sees the reading, chunking, tagging and writing that worker processes share out in
a real build. cProfile slows pure-Python code more than C code: shares, not seconds, are the
figures to read.
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


def main(argv: list[str]) -> int:
    if len(argv) >= 2 and argv[0] == "cold":
        cold(Path(argv[1]), argv[2] if len(argv) > 2 else "ultimate harmony")
    elif len(argv) == 3 and argv[0] == "warm":
        warm(Path(argv[1]), Path(argv[2]))
    elif len(argv) == 2 and argv[0] == "build":
        build(Path(argv[1]))
    else:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
