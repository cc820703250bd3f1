"""How well the press-kit chunker tells an interviewer's prompts from the answers.

Compares the prompts found in a press kit with a list judged by reading it
(``benchmarks/gold/<kit>_prompts.txt``: one prompt per line by its first words, grouped under
``== Speaker`` lines) and prints precision and recall per speaker and overall.

    python benchmarks/prompts.py [seeds/presskit_en.txt benchmarks/gold/presskit_en_prompts.txt]
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from search.chunk import presskit  # noqa: E402
from search.chunk.text import clean_spaces  # noqa: E402


def load_gold(path: Path) -> dict[str, list[str]]:
    gold: dict[str, list[str]] = defaultdict(list)
    speaker = ""
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith("=="):
            speaker = line[2:].strip()
        else:
            gold[speaker].append(clean_spaces(line))
    return gold


def found_prompts(text: str, lang: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = defaultdict(list)
    for draft in presskit.chunk(text, lang):
        if draft.speaker and draft.question and draft.question not in found[draft.speaker]:
            found[draft.speaker].append(draft.question)
    return found


def main(argv: list[str]) -> int:
    kit = Path(argv[0]) if argv else ROOT / "seeds" / "presskit_en.txt"
    gold_path = (
        Path(argv[1]) if len(argv) > 1 else ROOT / "benchmarks" / "gold" / "presskit_en_prompts.txt"
    )
    gold = load_gold(gold_path)
    found = found_prompts(kit.read_text(encoding="utf-8"), "en")
    total_tp = total_found = total_gold = 0
    print(f"{'speaker':24} {'gold':>5} {'found':>6} {'right':>6} {'precision':>10} {'recall':>7}")
    for speaker in sorted(set(gold) | set(found)):
        expected = gold.get(speaker, [])
        got = found.get(speaker, [])
        right = sum(1 for g in expected if any(q.startswith(g) or g.startswith(q) for q in got))
        total_tp += right
        total_found += len(got)
        total_gold += len(expected)
        p = right / len(got) if got else 0.0
        r = right / len(expected) if expected else 0.0
        print(f"{speaker:24} {len(expected):5} {len(got):6} {right:6} {p:10.1%} {r:7.1%}")
        for g in expected:
            if not any(q.startswith(g) or g.startswith(q) for q in got):
                print(f"    missed: {g}")
        for q in got:
            if not any(q.startswith(g) or g.startswith(q) for g in expected):
                print(f"    wrong:  {q[:90]}")
    p = total_tp / total_found if total_found else 0.0
    r = total_tp / total_gold if total_gold else 0.0
    print(f"{'ALL':24} {total_gold:5} {total_found:6} {total_tp:6} {p:10.1%} {r:7.1%}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
