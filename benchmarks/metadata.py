"""What reading a document's metadata costs: CPU time of ``ingest.read`` with and without
the work of ``docmeta`` (title, byline, film claim, title passage, grouping evidence), over
the seeds and the test fixtures, each file read ``--rounds`` times.

    python benchmarks/metadata.py [--rounds 20] [PATH ...]

CPU time (``time.process_time``), not wall time, so other work on the machine matters
less; a first round warms caches and is not counted, and the two are alternated round by
round.
"""

from __future__ import annotations

import argparse
import time
from contextlib import contextmanager
from pathlib import Path
from unittest import mock

from search import docmeta
from search.ingest import read, source_name
from search.read import iter_files

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = [ROOT / "seeds", ROOT / "tests" / "fixtures" / "docs", ROOT / "benchmarks" / "fixtures"]


@contextmanager
def without_metadata():
    """docmeta's functions replaced by ones that find nothing."""
    with (
        mock.patch.object(docmeta, "document_meta", lambda *a, **k: {}),
        mock.patch.object(docmeta, "title_passage", lambda *a, **k: None),
        mock.patch.object(docmeta, "film_claim", lambda *a, **k: None),
        mock.patch.object(docmeta, "evidence", lambda *a, **k: {}),
    ):
        yield


def one_round(files: list[tuple[Path, str]]) -> float:
    start = time.process_time()
    for path, source in files:
        list(read(path, source).passages)
    return time.process_time() - start


def cpu(files: list[tuple[Path, str]], rounds: int) -> tuple[float, float]:
    """CPU seconds with and without metadata, rounds alternated so that the machine's
    drift falls on both alike."""
    one_round(files)
    with_meta = bare = 0.0
    for _ in range(rounds):
        with_meta += one_round(files)
        with without_metadata():
            bare += one_round(files)
    return with_meta, bare


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("paths", nargs="*", type=Path, default=DEFAULT)
    ap.add_argument("--rounds", type=int, default=20)
    args = ap.parse_args()
    files = [(p, source_name(p, root)) for root in args.paths for p in iter_files([root])]
    size = sum(p.stat().st_size for p, _ in files)
    with_meta, bare = cpu(files, args.rounds)
    print(f"{len(files)} files, {size / 1024:.0f} KiB, {args.rounds} rounds")
    print(f"read with metadata:    {with_meta:.2f} s CPU")
    print(f"read without metadata: {bare:.2f} s CPU")
    print(f"metadata share:        {(with_meta - bare) / with_meta:.1%}")


if __name__ == "__main__":
    main()
