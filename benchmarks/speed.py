"""Speed and size of tutti against its targets, beside SQLite FTS5 and tantivy, in one table.

    python benchmarks/speed.py --queries FILE [--sizes 10k,80k[,240k][,1m]] [--quick]
                               [--corpus DIR] [--cache DIR] [--skip-build | --build-only]
                               [--rev REV]

Run by hand, not in CI. The corpus is the shared en/fr/de benchmark (built by the shared
kit's ``make_corpus.sh DIR``; default DIR ``/tmp/tutti-bench``): JSON Lines of
``{"id","lang","source","doc","text"}``, ``corpus_10k.jsonl`` (10k) and ``corpus_all.jsonl``
(80k). The 240k and 1M corpora are made from ``corpus_all.jsonl`` by ``make_million.py``
(re-cut sentences, no identical passages) on first use, beside it. The 200 warm queries are
the shared kit's ``queries.json``: ``--queries FILE``, else ``$TUTTI_BENCH/queries.json``
(``TUTTI_BENCH`` names the shared kit's folder); the batch uses the 1,000 distinct queries
of ``batch_queries.json`` beside this script (``make_batch_queries.py``). Everything the
benchmark writes goes to a cache folder (default ``DIR/speed-cache``), never into the
repository.

Methodology
-----------
* Every figure is a median over repeated runs, and every ratio is measured side by side in
  the same run: the things compared are run round-robin (A, B, C, A, B, C, ...) after
  discarded warm-up rounds, so the OS page cache and CPU frequency treat them alike.
  "Cold" means a new process (imports, index open, one query), not a cold disk cache.
* Child processes write bytecode to ``CACHE/pycache`` (PYTHONPYCACHEPREFIX, with
  PYTHONDONTWRITEBYTECODE removed), so they start as an installed package would; when the
  calling shell sets PYTHONDONTWRITEBYTECODE, the cold search is also timed that way, as
  context.
* Baselines (``baselines.py``, whose docstring gives each engine's settings): SQLite FTS5
  (one table per language, Porter stemming for English) and tantivy (one field per
  language, Snowball stemmers for en/fr/de), indexing the same corpus passages and
  answering the same queries with a full answer (top ten by BM25 with snippets). tantivy is
  the ``tantivy`` package of the ``bench`` extra; without it the tantivy rows say so.
* Cold CLI: ``python -c pass``; on an index of the bundled seeds ``tutti search "ultimate
  harmony" --json`` and each baseline's one-query script over the seeds' passages (from
  ``tutti export --json``); at each corpus size, tutti and both baselines with the first
  phrase query of the warm set. All in one round-robin: wall time of each
  ``subprocess.run``, median of N >= 15 rounds after two warm-up rounds.
* Warm queries: in this process, ``Engine(DIR).search(q, limit=10)`` (snippets, highlights and
  did-you-mean included, as the API does by default) and each baseline's ``search(q)``, over
  the 200 warm queries (``term`` -> ``w``, ``phrase`` -> ``"a b"``, ``and`` -> ``a AND b``),
  the engines taking turns on each query. One discarded warm-up pass opens the indexes and
  fills caches; then p50 and p95 of each timed pass, and the median of those over the passes.
* Batch: ``tutti search - --json`` with the 1,000 distinct batch queries on stdin, with the
  CLI's default worker processes (one per core). Queries per second = 1000 / wall time of
  the whole process, JSON output included (read through a pipe and counted).
* Index build: for tutti the corpus is written as one text file per source document
  (passages grouped by ``doc``, separated by blank lines, in ``TEXT/<lang>/<doc>.txt``) and
  indexed from scratch with ``tutti index TEXT --index-dir IDX``: the real ingestion path
  (read, chunk, language tagging, Whoosh), with the indexer's default worker processes. The
  baselines index the JSON Lines corpus (``baselines.py build``). Wall time; CPU time (user
  + system of the process and its workers, from ``/usr/bin/time -v``, else getrusage in a
  one-child wrapper); peak memory as the summed RSS of the whole process tree sampled from
  /proc four times a second (``ru_maxrss`` only knows the largest single process, shown
  beside it). tutti re-chunks the text, so it holds fewer, longer passages than the corpus
  has lines; both counts are shown. One build per engine and size.
* Language-detection share (sizes up to 80k): after the build, the same folder is replayed
  through ``search.ingest.iter_passages`` in this process (read, chunk, tag; no Whoosh, no
  workers) with ``search.lang.detect`` wrapped by a timer: every detection goes through that
  one function, looked up on the module at call time. Its summed CPU time (of this process,
  so other work on the machine does not count) is shown against the build's CPU time and
  wall time.
* Two runs must not share a cache (each deletes the other's indexes): a lock on
  ``CACHE/.speed.lock`` turns the second away.
* Index size: apparent size of every file under the index folder against the bytes of the
  text files it was built from.

Every process of a run imports a copy of ``search/`` taken when it starts
(``CACHE/snapshot``), so commits landing during a run do not mix two versions. The header
names that commit (with a hash of the copy when it had uncommitted changes) and the load
averages (1, 5, 15 minutes) before and after: other processes on a 2-core machine move
every figure. ``--rev REV`` copies ``search/`` as it was at a commit instead, so a change
is measured before and after with the same script (its ``tutti`` is then that
``search/`` run as ``python -m search`` runs it: the installed script may name an entry
point that commit does not have); ``--build-only`` measures the builds
alone (the figure indexing work moves), which is quick enough to repeat to see the noise.

Targets (issue 18; 2-core machine, ratios from one interleaved run): cold ``tutti search
--json`` <= 3x bare python on the seeds, and at 240k <= 15 % above the seeds figure; warm at
80k p50 <= 1.0 ms and p95 <= 3 ms, p50 <= 3x FTS5's p50, p95 <= 6x tantivy's p95; at 1M p50
<= 8 ms, p95 <= 25 ms; build 80k <= 60 s CPU (all processes), peak RSS <= 1 GB; build 1M <=
15 min wall, peak RSS <= 2 GB; batch of 1,000 distinct queries at 80k >= 600 q/s; index <=
1.5x its text (an earlier target, kept). A target whose size is not in the run is listed as
not judged.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# Beside this script, which Python puts first on sys.path when it runs the script.
import baselines
import make_million

HERE = Path(__file__).resolve().parent
REPO = HERE.parent

DEFAULT_CORPUS = Path("/tmp/tutti-bench")
BATCH_QUERIES = HERE / "batch_queries.json"
COLD_SEEDS_QUERY = "ultimate harmony"
#: Corpus file of each size; those in GENERATED are made by make_million.py from the 80k one.
SIZES = {
    "10k": "corpus_10k.jsonl",
    "80k": "corpus_all.jsonl",
    "240k": "corpus_240k.jsonl",
    "1m": "corpus_1m.jsonl",
}
GENERATED = {"240k": 240_000, "1m": 1_000_000}
ENGINES = ("tutti", "fts5", "tantivy")

# Targets (issue 18).
COLD_RATIO = 3.0  # tutti on the seeds / bare python
COLD_GROWTH = 1.15  # tutti at 240k / tutti on the seeds
WARM_80K_P50_MS = 1.0
WARM_80K_P95_MS = 3.0
WARM_FTS5_P50_RATIO = 3.0
WARM_TANTIVY_P95_RATIO = 6.0
WARM_1M_P50_MS = 8.0
WARM_1M_P95_MS = 25.0
BUILD_80K_CPU_S = 60.0
BUILD_80K_RSS_MB = 1024.0
BUILD_1M_WALL_S = 15 * 60.0
BUILD_1M_RSS_MB = 2048.0
BATCH_QPS = 600.0
SIZE_RATIO = 1.5


# ----------------------------------------------------------------------------- table


@dataclass
class Row:
    """One line of the report: a figure, its target (if any) and whether it is met."""

    name: str
    value: str
    target: str = ""
    ok: bool | None = None
    note: str = ""

    @property
    def status(self) -> str:
        return "" if self.ok is None else ("PASS" if self.ok else "MISS")


def print_table(rows: Sequence[Row], header: str) -> None:
    cols = [
        ("measurement", [r.name for r in rows]),
        ("value", [r.value for r in rows]),
        ("target", [r.target for r in rows]),
        ("status", [r.status for r in rows]),
        ("notes", [r.note for r in rows]),
    ]
    widths = [max([len(title), *(len(v) for v in values)]) for title, values in cols]
    print(header)
    line = "  ".join(title.ljust(w) for (title, _), w in zip(cols, widths, strict=True))
    print(line.rstrip())
    print("  ".join("-" * w for w in widths))
    for i in range(len(rows)):
        cells = [values[i] for _, values in cols]
        print(
            "  ".join(
                c.rjust(w) if j == 1 else c.ljust(w)
                for j, (c, w) in enumerate(zip(cells, widths, strict=True))
            ).rstrip()
        )


# ----------------------------------------------------------------------------- helpers


def tutti_exe() -> str:
    beside = Path(sys.executable).parent / "tutti"
    return str(beside) if beside.exists() else (shutil.which("tutti") or "tutti")


#: The ``tutti`` command the run times: the installed script, or with ``--rev`` a script
#: in the snapshot that runs its ``search`` as ``python -m search`` would (the installed
#: script names the entry point of the installed version, which an older commit may not
#: have; ``-m`` itself would put the current folder, a checkout, first on the path).
TUTTI: list[str] = []


def rev_launcher(snapshot: Path) -> list[str]:
    launcher = snapshot / "tutti_at_rev.py"
    launcher.write_text(
        "import runpy\nrunpy.run_module('search', run_name='__main__', alter_sys=True)\n",
        encoding="utf-8",
    )
    return [sys.executable, str(launcher)]


def _git(*args: str) -> str:
    return subprocess.run(  # outside a repository: empty output, said as "unknown"
        ["git", "-C", str(REPO), *args], capture_output=True, text=True, check=False
    ).stdout.strip()


def snapshot_package(cache: Path, at: str | None = None) -> tuple[Path, str]:
    """Copy ``search/`` as it is now (or at commit ``at``) into the cache, and name what
    was copied.

    Others commit while a run lasts, so every process of the run imports this frozen copy:
    children through PYTHONPATH (it precedes the editable install's finder), this process
    through ``sys.path``. Returns the folder to put on the path and "commit" or "commit + N
    uncommitted files (tree HASH)".
    """
    import hashlib
    import io
    import tarfile

    root = cache / "snapshot"
    shutil.rmtree(root, ignore_errors=True)
    if at is not None:
        rev = _git("rev-parse", "--short", at)
        if not rev:
            raise SystemExit(f"speed.py: no commit {at!r} in {REPO}")
        archive = subprocess.run(
            ["git", "-C", str(REPO), "archive", rev, "search"], capture_output=True, check=True
        ).stdout
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(root, filter="data")
        return root, rev
    rev = _git("rev-parse", "--short", "HEAD") or "unknown"
    dirty = [line for line in _git("status", "--porcelain", "--", "search").splitlines() if line]
    shutil.copytree(
        REPO / "search", root / "search", ignore=shutil.ignore_patterns("__pycache__", "*.pyc")
    )
    if not dirty:
        return root, rev
    digest = hashlib.sha1()
    for path in sorted((root / "search").rglob("*")):
        if path.is_file():
            digest.update(path.read_bytes())
    return (
        root,
        f"{rev} + {len(dirty)} uncommitted files under search/ (tree {digest.hexdigest()[:8]})",
    )


#: Environment of every child process; ``child_environment`` fills it in.
CHILD_ENV: dict[str, str] = {}


def child_environment(cache: Path, snapshot: Path) -> None:
    """Children import the snapshot and compile each module once, as an installed package
    would, into a cache folder.

    With PYTHONDONTWRITEBYTECODE set (as in some shells here) an editable install recompiles
    every module of the package at each start: that measures the shell, not tutti. The
    bytecode goes to ``cache/pycache`` (PYTHONPYCACHEPREFIX), never into the repository.
    """
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(cache / "pycache")
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(snapshot), env.get("PYTHONPATH")) if p)
    CHILD_ENV.clear()
    CHILD_ENV.update(env)


def run(
    cmd: Sequence[str],
    *,
    stdin: str | None = None,
    check: bool = True,
    ok_codes: tuple[int, ...] = (0,),
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(
        list(cmd),
        input=stdin,
        capture_output=True,
        text=True,
        env=env if env is not None else (CHILD_ENV or None),
        check=False,  # the caller's ``check`` and ``ok_codes`` decide
    )
    if check and proc.returncode not in ok_codes:
        raise RuntimeError(f"{' '.join(cmd)} exited {proc.returncode}:\n{proc.stderr[-2000:]}")
    return proc


def wall(cmd: Sequence[str], stdin: str | None = None, env: dict[str, str] | None = None) -> float:
    """Seconds one command takes, output captured through pipes."""
    start = time.perf_counter()
    run(cmd, stdin=stdin, env=env)
    return time.perf_counter() - start


def percentile(values: Sequence[float], pct: float) -> float:
    """Nearest-rank percentile (no interpolation)."""
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(pct / 100 * len(ordered) + 0.5) - 1))
    return ordered[k]


def interleaved(
    commands: dict[str, list[str]],
    rounds: int,
    warmup: int = 2,
    envs: dict[str, dict[str, str]] | None = None,
) -> dict[str, list[float]]:
    """Wall times of each command, run round-robin so they share conditions."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    for i in range(warmup + rounds):
        for name, cmd in commands.items():
            t = wall(cmd, env=(envs or {}).get(name))
            if i >= warmup:
                times[name].append(t)
    return times


def query_string(item: dict[str, Any]) -> str:
    """A queries.json record ({"kind","lang","terms"}) as a query string."""
    terms = item["terms"]
    if item["kind"] == "phrase":
        return '"' + " ".join(terms) + '"'
    if item["kind"] == "and":
        return " AND ".join(terms)
    return " ".join(terms)


def load_queries(path: Path) -> list[str]:
    return [query_string(item) for item in json.loads(path.read_text(encoding="utf-8"))]


def find_queries(given: Path | None) -> Path:
    """The warm queries file: ``--queries``, else ``$TUTTI_BENCH/queries.json``."""
    if given is None and os.environ.get("TUTTI_BENCH"):
        given = Path(os.environ["TUTTI_BENCH"]) / "queries.json"
    if given is None:
        raise SystemExit(
            "speed.py: which queries? pass --queries FILE, or set TUTTI_BENCH to "
            "the shared benchmark kit's folder (the one holding queries.json)"
        )
    if not given.is_file():
        raise SystemExit(f"speed.py: no queries file at {given}")
    return given


def dir_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def fmt_ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


# ----------------------------------------------------------------------------- build


def write_text_corpus(jsonl: Path, out: Path) -> tuple[int, int]:
    """One .txt per (lang, doc), passages separated by blank lines; (passages, bytes)."""
    shutil.rmtree(out, ignore_errors=True)
    docs: dict[tuple[str, str], list[str]] = defaultdict(list)
    count = 0
    with jsonl.open(encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            docs[(rec["lang"], rec["doc"])].append(rec["text"].strip())
            count += 1
    size = 0
    taken: set[Path] = set()
    for (lang, doc), texts in docs.items():
        folder = out / lang
        folder.mkdir(parents=True, exist_ok=True)
        name = re.sub(r"[^\w.-]+", "_", doc).lstrip(".") or "doc"
        path, n = folder / f"{name}.txt", 1
        while path in taken:  # two docs that differ only by unsafe characters
            n += 1
            path = folder / f"{name}~{n}.txt"
        taken.add(path)
        data = ("\n\n".join(texts) + "\n").encode("utf-8")
        path.write_bytes(data)
        size += len(data)
    return count, size


@dataclass
class BuildRun:
    """One index build, as the operating system saw it."""

    seconds: float  # wall time
    cpu_seconds: float  # user + system, the process and its worker processes
    rss_tree_mb: float  # peak of the summed RSS of the process and its descendants (sampled)
    rss_single_mb: float  # peak RSS of the largest single process
    report: dict[str, Any]


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children", encoding="ascii") as fh:
            return [int(c) for c in fh.read().split()]
    except OSError:
        return []


def _tree_rss_kb(root: int) -> int:
    """Summed resident memory of ``root`` and all its descendants, from /proc."""
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        try:
            with open(f"/proc/{pid}/statm", encoding="ascii") as fh:
                total += int(fh.read().split()[1]) * (os.sysconf("SC_PAGE_SIZE") // 1024)
        except (OSError, IndexError, ValueError):
            continue
        todo.extend(_children(pid))
    return total


def timed_build(cmd: list[str]) -> BuildRun:
    """Run the build command ``cmd`` under ``/usr/bin/time -v`` (or a getrusage wrapper),
    while a thread samples the summed RSS of the whole process tree (the indexer may run
    workers, and ``ru_maxrss`` only knows the largest single process). The command's last
    line of output is a JSON report."""
    import threading

    gnu_time = Path("/usr/bin/time").exists()
    if gnu_time:
        cmd = ["/usr/bin/time", "-v", *cmd]
    else:
        wrapper = (
            "import resource, subprocess, sys; r = subprocess.run(sys.argv[1:]); "
            "u = resource.getrusage(resource.RUSAGE_CHILDREN); "
            "print(f'CHILD {u.ru_maxrss} {u.ru_utime + u.ru_stime}', file=sys.stderr); "
            "sys.exit(r.returncode)"
        )
        cmd = [sys.executable, "-c", wrapper, *cmd]
    peak = [0]
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=CHILD_ENV or None
    )
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.25):
            peak[0] = max(peak[0], _tree_rss_kb(proc.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    if proc.returncode not in (0, 3):
        raise RuntimeError(f"{' '.join(cmd)} exited {proc.returncode}:\n{err[-2000:]}")
    if gnu_time:

        def field(name: str) -> float:
            match = re.search(rf"{re.escape(name)}: ([\d.]+)", err)
            return float(match.group(1)) if match else float("nan")

        single_kb = field("Maximum resident set size (kbytes)")
        cpu = field("User time (seconds)") + field("System time (seconds)")
    else:
        _, kb, cpu_s = err.strip().splitlines()[-1].split()
        single_kb, cpu = float(kb), float(cpu_s)
    # The sampler's own wrapper (time/python) is in the tree but tiny; a build shorter than
    # one sampling period falls back to the single-process figure.
    tree_kb = max(peak[0], single_kb)
    return BuildRun(
        seconds, cpu, tree_kb / 1024, single_kb / 1024, json.loads(out.strip().splitlines()[-1])
    )


def language_detection_seconds(text_dir: Path) -> tuple[float, float, int]:
    """(CPU seconds in language detection, CPU seconds of the whole ingest replay, passages).

    Replays ingestion (read, chunk, tag) in this process with ``search.lang.detect`` — the one
    function every detection goes through (passage tags and document languages alike), looked
    up on the module at call time — wrapped by a timer. Whoosh is not involved, and neither
    are worker processes: the figure is single-core CPU time.
    """
    import search.lang as lang
    from search import iter_passages

    spent = [0.0]
    original = lang.detect

    def timed(*args: Any, **kwargs: Any) -> Any:
        t = time.process_time()  # CPU, not wall: other processes on the machine do not count
        try:
            return original(*args, **kwargs)
        finally:
            spent[0] += time.process_time() - t

    lang._factory.cache_clear()  # the build pays the profile load once: so do we
    lang.detect = timed
    try:
        start = time.process_time()
        count = sum(1 for _ in iter_passages([text_dir]))
        total = time.process_time() - start
    finally:
        lang.detect = original
    return spent[0], total, count


def tutti_build_cmd(text_dir: Path, idx: Path) -> list[str]:
    return [*TUTTI, "index", str(text_dir), "--index-dir", str(idx), "--json"]


def baseline_build_cmd(engine: str, jsonl: Path, out: Path) -> list[str]:
    return [sys.executable, str(HERE / "baselines.py"), "build", engine, str(jsonl), str(out)]


@dataclass
class Built:
    """Where each engine's index of one size is, for the later sections."""

    tutti: Path
    fts5: Path
    tantivy: Path | None  # None: the tantivy package is not installed


def has_tantivy() -> bool:
    try:
        import tantivy  # noqa: F401
    except ImportError:
        return False
    return True


def ensure_corpus(label: str, corpus_dir: Path) -> Path:
    """The corpus file of a size, made by make_million.py from the 80k one when missing."""
    path = corpus_dir / SIZES[label]
    if not path.is_file() and label in GENERATED:
        progress(f"[corpus {label}] making {path} with make_million.py ...")
        make_million.generate(
            corpus_dir / SIZES["80k"], path, GENERATED[label], make_million.DEFAULT_SEED
        )
    if not path.is_file():
        raise SystemExit(
            f"speed.py: no corpus at {path}; build the shared benchmark corpus "
            f"there (its make_corpus.sh), or pass --corpus DIR"
        )
    return path


def measure_build(
    label: str, jsonl: Path, cache: Path, reuse: bool, tantivy: bool
) -> tuple[list[Row], Built]:
    text_dir, idx = cache / f"text-{label}", cache / f"idx-{label}"
    built = Built(idx, cache / f"fts5-{label}.db", cache / f"tantivy-{label}" if tantivy else None)
    judge80, judge1m = label == "80k", label == "1m"
    if reuse and (idx / "CURRENT").exists() and text_dir.is_dir():
        text_bytes = dir_bytes(text_dir)
        rows = [Row(f"build {label}: tutti", "reused", note="--skip-build: not measured")]
        for path in (built.fts5, built.tantivy):
            if path and not path.exists():
                raise SystemExit(f"speed.py: --skip-build, but no {path}: run once without it")
    else:
        corpus_passages, text_bytes = write_text_corpus(jsonl, text_dir)
        files = sum(1 for _ in text_dir.rglob("*.txt"))
        runs: dict[str, BuildRun] = {}
        progress(f"[build {label}] {corpus_passages} passages in {files} files; tutti ...")
        shutil.rmtree(idx, ignore_errors=True)
        runs["tutti"] = timed_build(tutti_build_cmd(text_dir, idx))
        progress(f"[build {label}] tutti {runs['tutti'].seconds:.1f} s; FTS5 ...")
        runs["fts5"] = timed_build(baseline_build_cmd("fts5", jsonl, built.fts5))
        if built.tantivy:
            progress(f"[build {label}] tantivy ...")
            runs["tantivy"] = timed_build(baseline_build_cmd("tantivy", jsonl, built.tantivy))
        t = runs["tutti"]
        indexed = t.report["passages"]
        f = runs["fts5"]
        rows = [
            Row(
                f"build {label}: tutti wall",
                f"{t.seconds:.1f} s",
                f"<= {BUILD_1M_WALL_S / 60:.0f} min" if judge1m else "",
                t.seconds <= BUILD_1M_WALL_S if judge1m else None,
                f"{files} files; {corpus_passages} corpus passages -> {indexed} indexed; "
                f"{corpus_passages / t.seconds:.0f} corpus passages/s; n=1",
            ),
            Row(
                f"build {label}: tutti CPU, all processes",
                f"{t.cpu_seconds:.1f} s",
                f"<= {BUILD_80K_CPU_S:.0f} s" if judge80 else "",
                t.cpu_seconds <= BUILD_80K_CPU_S if judge80 else None,
                f"{t.cpu_seconds / f.cpu_seconds:.0f}x FTS5's CPU",
            ),
            Row(
                f"build {label}: tutti peak RSS, all processes",
                f"{t.rss_tree_mb:.0f} MB",
                f"<= {BUILD_80K_RSS_MB:.0f} MB"
                if judge80
                else f"<= {BUILD_1M_RSS_MB:.0f} MB"
                if judge1m
                else "",
                t.rss_tree_mb <= BUILD_80K_RSS_MB
                if judge80
                else t.rss_tree_mb <= BUILD_1M_RSS_MB
                if judge1m
                else None,
                f"sum over the process tree, sampled 4/s; largest single process "
                f"{t.rss_single_mb:.0f} MB (ru_maxrss)",
            ),
        ]
        for engine in ("fts5", "tantivy"):
            if engine in runs:
                b = runs[engine]
                rows.append(
                    Row(
                        f"build {label}: {engine} wall / CPU / RSS",
                        f"{b.seconds:.1f} s",
                        note=f"CPU {b.cpu_seconds:.1f} s, peak RSS "
                        f"{b.rss_tree_mb:.0f} MB; {b.report['passages']} passages",
                    )
                )
        if not built.tantivy:
            rows.append(
                Row(
                    f"build {label}: tantivy",
                    "n/a",
                    note="tantivy not installed (pip install -e '.[bench]')",
                )
            )
        if label in ("10k", "80k"):  # the replay is single-core: too long beyond 80k
            progress(f"[build {label}] timing language detection ...")
            detect_s, replay_s, replayed = language_detection_seconds(text_dir)
            rows.append(
                Row(
                    f"build {label}: tutti language detection",
                    f"{detect_s:.1f} s",
                    note=(
                        f"{detect_s / t.cpu_seconds:.0%} of build CPU, {detect_s / t.seconds:.0%} "
                        f"of wall; one-core replay of lang.detect over {replayed} passages; "
                        f"read+chunk {replay_s - detect_s:.1f} s"
                    ),
                )
            )
    size = dir_bytes(idx)
    ratio = size / text_bytes
    rows.append(
        Row(
            f"build {label}: tutti index size / text",
            f"{ratio:.2f}x",
            f"<= {SIZE_RATIO}x",
            ratio <= SIZE_RATIO,
            f"{size / 2**20:.1f} MB index, {text_bytes / 2**20:.1f} MB text",
        )
    )
    return rows, built


# ----------------------------------------------------------------------------- cold


def seeds_indexes(cache: Path, reuse: bool, tantivy: bool) -> Built:
    """tutti's index of the bundled seeds, and the baselines over the same passages."""
    idx = cache / "seeds-index"
    if not (reuse and (idx / "CURRENT").exists()):
        shutil.rmtree(idx, ignore_errors=True)
        run([*TUTTI, "index", str(REPO / "seeds"), "--index-dir", str(idx), "--json"])
    exported = run([*TUTTI, "export", "--json", "--index-dir", str(idx)]).stdout
    jsonl = cache / "seeds.jsonl"
    with jsonl.open("w", encoding="utf-8") as fh:
        for n, line in enumerate(exported.splitlines()):
            if line.strip():
                rec = json.loads(line)
                fh.write(
                    json.dumps(
                        {
                            "id": n,
                            "lang": rec["lang"],
                            "source": rec["source"],
                            "doc": rec["source"],
                            "text": rec["text"],
                        },
                        ensure_ascii=False,
                    )
                    + "\n"
                )
    built = Built(idx, cache / "fts5-seeds.db", cache / "tantivy-seeds" if tantivy else None)
    run(baseline_build_cmd("fts5", jsonl, built.fts5))
    if built.tantivy:
        run(baseline_build_cmd("tantivy", jsonl, built.tantivy))
    return built


def cold_commands(label: str, built: Built, query: str) -> dict[str, list[str]]:
    script = str(HERE / "baselines.py")
    out = {
        f"tutti {label}": [*TUTTI, "search", query, "--json", "--index-dir", str(built.tutti)],
        f"fts5 {label}": [sys.executable, script, "query", "fts5", str(built.fts5), query],
    }
    if built.tantivy:
        out[f"tantivy {label}"] = [
            sys.executable,
            script,
            "query",
            "tantivy",
            str(built.tantivy),
            query,
        ]
    return out


def measure_cold(seeds: Built, sizes: dict[str, Built], query: str, rounds: int) -> list[Row]:
    commands = {"python": [sys.executable, "-c", "pass"]}
    commands.update(cold_commands("seeds", seeds, COLD_SEEDS_QUERY))
    for label, built in sizes.items():
        commands.update(cold_commands(label, built, query))
    envs: dict[str, dict[str, str]] = {}
    if os.environ.get("PYTHONDONTWRITEBYTECODE"):  # also as this shell runs it, for context
        commands["tutti seeds, no bytecode"] = commands["tutti seeds"]
        envs["tutti seeds, no bytecode"] = {
            **os.environ,
            "PYTHONPATH": CHILD_ENV.get("PYTHONPATH", ""),
        }
    for name, cmd in commands.items():  # the same answers we time: hits, not an error
        if name != "python" and not run(cmd, env=envs.get(name)).stdout.strip():
            raise RuntimeError(f"{name} found no hits ({' '.join(cmd)})")
    progress(f"[cold] {len(commands)} commands x {rounds} rounds ...")
    times = interleaved(commands, rounds, envs=envs)
    med = {name: statistics.median(ts) for name, ts in times.items()}
    base, seeds_t = med["python"], med["tutti seeds"]
    n = f"median of {rounds}"
    rows = [
        Row("cold: python -c pass", fmt_ms(base), note=n),
        Row(
            "cold seeds: tutti search --json",
            fmt_ms(seeds_t),
            f"<= {COLD_RATIO:.0f}x python",
            seeds_t / base <= COLD_RATIO,
            f"{seeds_t / base:.1f}x python; query {COLD_SEEDS_QUERY!r}; {n}",
        ),
    ]
    for label in ["seeds", *sizes]:
        for engine in ENGINES:
            name = f"{engine} {label}"
            if name not in med or name == "tutti seeds":
                continue
            t = med[name]
            if engine == "tutti":
                growth = t / seeds_t
                judged = label == "240k"
                rows.append(
                    Row(
                        f"cold {label}: tutti search --json",
                        fmt_ms(t),
                        f"<= {COLD_GROWTH:.2f}x seeds" if judged else "",
                        growth <= COLD_GROWTH if judged else None,
                        f"{growth:.2f}x tutti seeds; {t / base:.1f}x python; "
                        f"{t / med[f'fts5 {label}']:.1f}x FTS5",
                    )
                )
            else:
                rows.append(
                    Row(
                        f"cold {label}: {engine} one-query script",
                        fmt_ms(t),
                        note=f"{t / base:.1f}x python",
                    )
                )
    if "240k" not in sizes:
        rows.append(
            Row(
                "cold 240k: tutti / seeds",
                "not run",
                f"<= {COLD_GROWTH:.2f}x seeds",
                None,
                "needs --sizes ...,240k",
            )
        )
    if "tutti seeds, no bytecode" in med:
        rows.append(
            Row(
                "cold seeds: tutti, PYTHONDONTWRITEBYTECODE=1",
                fmt_ms(med["tutti seeds, no bytecode"]),
                note=f"{n}; this shell's setting: search/ recompiled at every start",
            )
        )
    return rows


# ----------------------------------------------------------------------------- warm


def warm_searchers(built: Built) -> dict[str, Callable[[str], Any]]:
    from search import Engine

    engine = Engine(built.tutti)
    out: dict[str, Callable[[str], Any]] = {"tutti": lambda q: engine.search(q, limit=10)}
    fts = baselines.Fts5(built.fts5)
    out["fts5"] = fts.search
    if built.tantivy:
        out["tantivy"] = baselines.Tantivy(built.tantivy).search
    return out


def measure_warm(label: str, built: Built, queries: list[str], passes: int) -> list[Row]:
    searchers = warm_searchers(built)
    p50s: dict[str, list[float]] = defaultdict(list)
    p95s: dict[str, list[float]] = defaultdict(list)
    for i in range(passes + 1):
        times: dict[str, list[float]] = defaultdict(list)
        for q in queries:
            for name, search in searchers.items():  # engines take turns on each query
                start = time.perf_counter()
                search(q)
                times[name].append(time.perf_counter() - start)
        if i:  # pass 0 opens the indexes and warms caches
            for name, ts in times.items():
                p50s[name].append(percentile(ts, 50))
                p95s[name].append(percentile(ts, 95))
    p50 = {name: statistics.median(v) for name, v in p50s.items()}
    p95 = {name: statistics.median(v) for name, v in p95s.items()}
    j80, j1m = label == "80k", label == "1m"
    note = f"{len(queries)} queries x {passes} passes, engines interleaved per query"
    rows = [
        Row(
            f"warm {label}: tutti p50",
            fmt_ms(p50["tutti"]),
            f"<= {WARM_80K_P50_MS:.1f} ms" if j80 else f"<= {WARM_1M_P50_MS:.0f} ms" if j1m else "",
            p50["tutti"] * 1000 <= WARM_80K_P50_MS
            if j80
            else p50["tutti"] * 1000 <= WARM_1M_P50_MS
            if j1m
            else None,
            note,
        ),
        Row(
            f"warm {label}: tutti p95",
            fmt_ms(p95["tutti"]),
            f"<= {WARM_80K_P95_MS:.0f} ms" if j80 else f"<= {WARM_1M_P95_MS:.0f} ms" if j1m else "",
            p95["tutti"] * 1000 <= WARM_80K_P95_MS
            if j80
            else p95["tutti"] * 1000 <= WARM_1M_P95_MS
            if j1m
            else None,
        ),
        Row(
            f"warm {label}: tutti p50 / FTS5 p50",
            f"{p50['tutti'] / p50['fts5']:.1f}x",
            f"<= {WARM_FTS5_P50_RATIO:.0f}x" if j80 else "",
            p50["tutti"] / p50["fts5"] <= WARM_FTS5_P50_RATIO if j80 else None,
        ),
    ]
    if "tantivy" in p95:
        ratio = p95["tutti"] / p95["tantivy"]
        rows.append(
            Row(
                f"warm {label}: tutti p95 / tantivy p95",
                f"{ratio:.1f}x",
                f"<= {WARM_TANTIVY_P95_RATIO:.0f}x" if j80 else "",
                ratio <= WARM_TANTIVY_P95_RATIO if j80 else None,
            )
        )
    for name in ("fts5", "tantivy"):
        if name in p50:
            rows.append(
                Row(
                    f"warm {label}: {name} p50 / p95",
                    f"{p50[name] * 1000:.2f} / {p95[name] * 1000:.2f} ms",
                    note="full answer with snippets",
                )
            )
    return rows


# ----------------------------------------------------------------------------- batch


def measure_batch(
    label: str, idx: Path, queries: list[str], repeats: int, judge: bool
) -> list[Row]:
    stdin = "\n".join(queries) + "\n"
    cmd = [*TUTTI, "search", "-", "--json", "--index-dir", str(idx)]
    lines = 0
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        proc = run(cmd, stdin=stdin, ok_codes=(0, 1))
        times.append(time.perf_counter() - start)
        lines = proc.stdout.count("\n")
    seconds = statistics.median(times)
    qps = len(queries) / seconds
    return [
        Row(
            f"batch {label}: tutti search - --json",
            f"{qps:.0f} q/s",
            f">= {BATCH_QPS:.0f} q/s" if judge else "",
            qps >= BATCH_QPS if judge else None,
            f"{len(queries)} distinct queries in {seconds:.2f} s (median of {repeats}); "
            f"{lines} JSON lines",
        )
    ]


# ----------------------------------------------------------------------------- main


def progress(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


class _Done(Exception):
    """The sections asked for are measured (``--build-only``)."""


def loads() -> str:
    return "/".join(f"{x:.1f}" for x in os.getloadavg())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument(
        "--sizes",
        default="10k,80k",
        help=f"comma-separated corpus sizes among {', '.join(SIZES)} "
        "(default 10k,80k; 1m takes long)",
    )
    ap.add_argument("--quick", action="store_true", help="10k only, fewer repeats")
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="benchmark corpus folder")
    ap.add_argument(
        "--queries",
        type=Path,
        default=None,
        help="the 200 warm queries (default $TUTTI_BENCH/queries.json)",
    )
    ap.add_argument(
        "--cache",
        type=Path,
        default=None,
        help="where texts and indexes go (default CORPUS/speed-cache)",
    )
    only = ap.add_mutually_exclusive_group()
    only.add_argument(
        "--skip-build",
        action="store_true",
        help="reuse indexes already in the cache (their build is not measured)",
    )
    only.add_argument(
        "--build-only",
        action="store_true",
        help="measure the index builds alone (no cold, warm or batch section)",
    )
    ap.add_argument(
        "--rev",
        default=None,
        help="measure search/ as it was at this commit (default: the working tree's)",
    )
    args = ap.parse_args(argv)
    sizes = (
        ["10k"] if args.quick else [s.strip().lower() for s in args.sizes.split(",") if s.strip()]
    )
    unknown = [s for s in sizes if s not in SIZES]
    if unknown:
        ap.error(f"unknown size {unknown[0]!r}; choose among {', '.join(SIZES)}")
    queries = [] if args.build_only else load_queries(find_queries(args.queries))
    batch_queries = [] if args.build_only else load_queries(BATCH_QUERIES)

    cache = args.cache or args.corpus / "speed-cache"
    cache.mkdir(parents=True, exist_ok=True)
    lock = (cache / ".speed.lock").open("w")
    try:  # two runs sharing a cache delete each other's indexes mid-build
        import fcntl

        fcntl.flock(lock.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        print(
            f"another speed.py run is using {cache}; wait for it, or pass --cache DIR",
            file=sys.stderr,
        )
        return 2
    snapshot, revision = snapshot_package(cache, args.rev)
    sys.path.insert(0, str(snapshot))  # before any ``import search``
    child_environment(cache, snapshot)
    TUTTI[:] = rev_launcher(snapshot) if args.rev else [tutti_exe()]
    cold_rounds, passes, batch_repeats = (15, 1, 1) if args.quick else (21, 3, 3)
    tantivy = has_tantivy()
    started = time.time()
    load_before = loads()
    if os.getloadavg()[0] > 0.5:
        progress(f"warning: load average {load_before} before starting: other work shares the CPUs")

    sections: dict[str, list[Row]] = {"cold": [], "warm": [], "batch": [], "build": []}
    failure = ""
    try:
        built: dict[str, Built] = {}
        for label in sizes:
            rows, built[label] = measure_build(
                label, ensure_corpus(label, args.corpus), cache, args.skip_build, tantivy
            )
            sections["build"] += rows
        if args.build_only:
            raise _Done
        progress("[cold] seeds indexes ...")
        seeds = seeds_indexes(cache, args.skip_build, tantivy)
        cold_query = next(q for q in queries if q.startswith('"'))
        sections["cold"] += measure_cold(seeds, built, cold_query, cold_rounds)
        for label in sizes:
            progress(f"[warm {label}] ...")
            sections["warm"] += measure_warm(label, built[label], queries, passes)
        batch_label = "80k" if "80k" in sizes else sizes[0]
        progress(f"[batch {batch_label}] ...")
        sections["batch"] += measure_batch(
            batch_label,
            built[batch_label].tutti,
            batch_queries,
            batch_repeats,
            batch_label == "80k",
        )
    except _Done:
        pass
    except (Exception, KeyboardInterrupt) as err:  # noqa: BLE001  (keep what was measured)
        failure = f"INCOMPLETE: {type(err).__name__}: {str(err).splitlines()[0]}"

    head = _git("rev-parse", "--short", "HEAD")
    moved = (
        ""
        if revision.startswith(head) or args.rev
        else f" (HEAD is now {head}; the snapshot was measured)"
    )
    header = (
        f"tutti speed @ {revision}{moved}  |  {time.strftime('%Y-%m-%d %H:%M')}  |  "
        f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load (1/5/15 min) "
        f"{load_before} -> {loads()}  |  sizes {','.join(sizes)}"
        f"{' (quick)' if args.quick else ''}{' (builds only)' if args.build_only else ''}"
        f"  |  {time.time() - started:.0f} s"
    )
    print_table([row for rows in sections.values() for row in rows], header)
    if failure:
        print(failure)
    return 1 if failure else 0


if __name__ == "__main__":
    raise SystemExit(main())
