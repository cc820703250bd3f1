"""The answers of the 200 benchmark queries as one file, to compare two versions byte for byte
(run by hand, not in CI).

    .venv/bin/python benchmarks/answers.py OUT [--corpus DIR] [--size 10k] [--queries FILE]

Writes the corpus as one text file per source document (as speed.py does, under
``DIR/answers-cache``), indexes it with ``tutti index`` from scratch, then answers every query
with ``tutti search - --json --summary --limit 10`` (the CLI's batch path, worker processes
included) into OUT. A refactoring that must not change answers runs this in the checkout
before and after and compares the two files with ``cmp``: every hit's id, rank, score,
highlights, snippet and metadata, and each query's total, are in them.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from speed import find_queries, load_queries, write_text_corpus

#: Exit codes of the two commands that still mean "answered": files skipped (3), no hits (1).
INDEXED = (0, 3)
ANSWERED = (0, 1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="file to write the answers to (JSON Lines)")
    parser.add_argument("--corpus", type=Path, default=Path("/tmp/tutti-bench"))
    parser.add_argument("--size", default="10k", help="corpus_SIZE.jsonl (10k, 30k, all)")
    parser.add_argument("--queries", type=Path, default=None)
    args = parser.parse_args(argv)

    queries = load_queries(find_queries(args.queries))
    cache = args.corpus / "answers-cache"
    text_dir, index_dir = cache / f"text-{args.size}", cache / "index"
    if not text_dir.is_dir():
        write_text_corpus(args.corpus / f"corpus_{args.size}.jsonl", text_dir)
    shutil.rmtree(index_dir, ignore_errors=True)
    tutti = [sys.executable, "-m", "search"]
    built = subprocess.run(
        [*tutti, "index", str(text_dir), "--index-dir", str(index_dir), "--json"],
        capture_output=True,
        check=False,
    )
    if built.returncode not in INDEXED:
        sys.exit(f"answers.py: tutti index failed: {built.stderr.decode(errors='replace')}")
    with args.out.open("wb") as out:
        answered = subprocess.run(
            [*tutti, "search", "-", "--index-dir", str(index_dir), "--json", "--summary"],
            input="\n".join(queries).encode("utf-8") + b"\n",
            stdout=out,
            stderr=subprocess.PIPE,
            check=False,
        )
    if answered.returncode not in ANSWERED:
        sys.exit(f"answers.py: tutti search failed: {answered.stderr.decode(errors='replace')}")
    print(f"{len(queries)} queries answered into {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
