"""Cold `tutti search` of two commits, side by side (run by hand, not in CI).

    python benchmarks/cold_ab.py BASE [NEW] [--rounds 21] [--query "ultimate harmony"]

Each commit's ``search/`` is exported (``git archive``) to a temporary folder and indexes
the bundled seeds with its own code; then ``python -m search search QUERY --json`` is run
as a new process against each, alternating (A B, B A, ...) after two discarded warm-up
rounds, so that the load of a shared machine falls on both alike. Bytecode is written to
a per-commit cache, as an installed package would have it. NEW defaults to the working
tree (uncommitted changes included). Prints the median and minimum wall time of each, the
median CPU time (user + system of the process: less moved by other jobs on a shared
machine than wall time), and the ratios of the medians.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def export(commit: str | None, dest: Path) -> None:
    dest.mkdir(parents=True)
    if commit is None:
        shutil.copytree(
            ROOT / "search", dest / "search", ignore=shutil.ignore_patterns("__pycache__")
        )
        return
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", commit, "search"], check=True, capture_output=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(dest)], input=archive, check=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("base")
    ap.add_argument("new", nargs="?")
    ap.add_argument("--rounds", type=int, default=21)
    ap.add_argument("--query", default="ultimate harmony")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="tutti-cold-") as tmp:
        work = Path(tmp)
        names = {"base": args.base, "new": args.new}
        for name, commit in names.items():
            export(commit, work / name)

        def env(name: str) -> dict[str, str]:
            out = {
                k: v
                for k, v in os.environ.items()
                if k not in ("PYTHONDONTWRITEBYTECODE", "TUTTI_INDEX_DIR")
            }
            out.update(PYTHONPATH=str(work / name), PYTHONPYCACHEPREFIX=str(work / f"pyc-{name}"))
            return out

        for name in names:
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "search",
                    "index",
                    str(ROOT / "seeds"),
                    "--index-dir",
                    str(work / f"ix-{name}"),
                ],
                cwd=work / name,
                env=env(name),
                check=True,
                capture_output=True,
            )

        def once(name: str) -> tuple[float, float]:
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "search",
                    "search",
                    args.query,
                    "--json",
                    "--index-dir",
                    str(work / f"ix-{name}"),
                ],
                cwd=work / name,
                env=env(name),
                stdout=subprocess.DEVNULL,
                check=True,
            )
            wall = time.perf_counter() - start
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)

        times: dict[str, list[float]] = {name: [] for name in names}
        cpu: dict[str, list[float]] = {name: [] for name in names}
        for _ in range(2):
            for name in names:
                once(name)
        for i in range(args.rounds):
            for name in ("base", "new") if i % 2 == 0 else ("new", "base"):
                wall, used = once(name)
                times[name].append(wall)
                cpu[name].append(used)
    for name, commit in names.items():
        xs = times[name]
        print(
            f"{name} ({commit or 'working tree'}): wall median {statistics.median(xs) * 1000:.1f} ms, "
            f"min {min(xs) * 1000:.1f} ms; CPU median {statistics.median(cpu[name]) * 1000:.1f} ms "
            f"over {len(xs)} runs"
        )
    print(
        f"new / base (medians): wall {statistics.median(times['new']) / statistics.median(times['base']):.3f}, "
        f"CPU {statistics.median(cpu['new']) / statistics.median(cpu['base']):.3f}"
    )
    print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
